"""Hypothetical follow-ups after an answer (actions/what_if.py): computed as hypotheses, never kept as facts.

Each conversation runs the real answer action for the first question, then the follow-up through the action Rasa
would run for it (the answer action its intent leads to, the correction action, the fallback), with the slots the
domain's mappings fill from its entities, as the Rasa server does before any action.
"""
from __future__ import annotations

import asyncio
from typing import Any, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, fallback, forms, what_if
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.conversation import Conversation, mapped_slots, run, run_messages  # noqa: F401 (used by others)


def recovery_of_one_point(domain) -> Conversation:
    # W C24: 1 point (excess of 12 km/h on a 110 road, 3e class) paid 31 August 2026: back on 28 February 2027 (R8)
    return Conversation(domain, "excès de 12 km/h sur une route à 110, amende payée le 31 août 2026, quand je recupere "
                                "mon point ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2026-08-31", "last_offence_points": 1, "offence_class": "c3"})


@pytest.mark.parametrize("intent, action", [
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("inform", corrections.ActionApplyCorrection()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_a_future_offence_after_a_recovery_is_a_hypothesis_on_the_balance_and_the_returns(domain, intent, action):
    chat = recovery_of_one_point(domain)
    assert "28 février 2027" in chat.reply
    reply = chat.say("et si je me fais reprendre au téléphone en janvier ?", intent, action)
    # January said in November is next January; the phone (3 points, 4e class) committed then (R4):
    assert reply.startswith("Si vous commettiez le 1er janvier 2027 une infraction (téléphone tenu en main, "
                            "oreillette ou casque) qui retire 3 points (contravention de 4e classe)")
    assert "passerait de 11 points à 8 points" in reply  # 12 - 1, then - 3 (R1)
    assert "ne reviendrait pas le 28 février 2027" in reply  # R8: an offence committed within the 6 months
    assert "le 1er janvier 2030 au lieu du 31 août 2028" in reply  # R9: 3 years from its payment (4e class)
    assert "dans le futur" not in reply and "C'est une hypothèse" in reply
    assert chat.slots["offence_type"] is None  # the phone is not the user's offence


def test_after_a_hypothesis_the_real_question_gets_the_real_answer(domain):
    chat = recovery_of_one_point(domain)
    chat.say("et si je me fais reprendre au téléphone en janvier ?", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    reply = chat.say("et je le recupere quand mon point alors ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "revient le 28 février 2027" in reply and "2030" not in reply and "8 points" not in reply


def test_a_second_hypothesis_on_the_day_moves_the_offence_to_come_not_the_facts(domain):
    # W C24 as played: the phone in January, then "et si c'était en mars plutôt ?": the phone in March 2027, after
    # the point's return on 28 February 2027 (R8); the real payment of 31 August 2026 stays
    chat = recovery_of_one_point(domain)
    chat.say("et si je me fais reprendre au téléphone en janvier ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    reply = chat.say("et si c'était en mars plutôt ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Si vous commettiez le 1er mars 2027 une infraction (téléphone")
    assert "passerait de 12 points à 9 points" in reply and "ne reviendrait pas" not in reply
    assert "1er mars 2030" in reply
    reply = chat.say("et si je perds encore 2 points ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "qui retire 2 points (contravention de 4e classe)" in reply and "passerait de 11 points à 9 points" in reply


def test_a_hypothetical_retrait_is_not_a_retrait_told():
    from actions.offence_history import told_retraits
    tracker = make_tracker(text="ok", history=[user_said("j'ai perdu 3 points en mars 2026"),
                                               user_said("et si je perds encore 2 points en janvier ?")])
    assert [r.points for r in told_retraits(tracker)] == [3]
    # a fact told with a regret stays a fact
    assert not what_if.hypothetical_message({"text": "perdu 3 points en mars, si j'avais su j'aurais ralenti"})


def probation_with_training(domain) -> Conversation:
    # W C29b, R6 example 1: licence 20 January 2025, training 10 September 2025, no offence: 8 points, 12 on 20/01/2027
    slots = {"licence_date": "2025-01-20", "supervised_driving": False, "complementary_training": True,
             "training_date": "2025-09-10", "probation_offence": False}
    return Conversation(domain, "permis le 20 janvier 2025, formation complémentaire le 10 septembre 2025, jamais eu "
                                "de contravention, j'ai combien de points ?", "ask_probation",
                        answers.ActionAnswerProbation(), slots)


def test_a_future_excess_in_probation_costs_the_training_reduction_and_the_increments(domain):
    chat = probation_with_training(domain)
    assert "8 points" in chat.reply and "20 janvier 2027" in chat.reply
    text = "et si je me prends un excès de 10 km/h demain ?"
    # the offence question's form opened by the hypothesis asks nothing and refuses no date "in the future"
    tracker = chat.tracker(text, "ask_offence_points", form="offence_points_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateOffencePointsForm().run(dispatcher, tracker, domain))
    assert {"event": "slot", "name": "requested_slot", "value": None, "timestamp": None} in events
    assert dispatcher.messages == []
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Si vous commettiez le 24 novembre 2026 une infraction (excès de vitesse) qui retire "
                            "1 point")
    assert "passerait de 8 points à 7 points" in reply  # R5: 8 since 20 January 2026, then - 1
    assert "reviendrait le 24 mai 2027" in reply  # R8: its own point, 6 months after
    assert "se terminerait le 20 janvier 2028 au lieu du 20 janvier 2027" in reply  # R6: reduction lost
    assert "pas de majoration le 20 janvier 2027" in reply and "plafond resterait à 8 points" in reply  # R7
    assert "48N" not in reply and "dans le futur" not in reply
    assert chat.slots["offence_date"] is None and chat.slots["speed_excess"] is None
    # the real facts are intact: the real balance is still 8, probation still ends on 20 January 2027
    reply = chat.say("j'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation())
    assert "8 points" in reply and "probatoire jusqu'au 20 janvier 2027" in reply


def clean_probation(domain) -> Conversation:
    # W C1c: licence 15 March 2025, no AAC nor training, no offence: 8 points, 10 on 15/03/2027, 12 on 15/03/2028
    slots = {"licence_date": "2025-03-15", "supervised_driving": False, "complementary_training": False,
             "probation_offence": False}
    return Conversation(domain, "jai eu mon permis le 15/03/2025 cb de points jai", "ask_probation",
                        answers.ActionAnswerProbation(), slots)


def test_a_future_red_light_in_probation_brings_a_48n_and_stops_the_increments(domain):
    chat = clean_probation(domain)
    reply = chat.say("et si je grille un feu rouge la semaine prochaine ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert reply.startswith("Si vous commettiez le 30 novembre 2026 une infraction (feu rouge")
    assert "qui retire 4 points (contravention de 4e classe)" in reply
    assert "passerait de 8 points à 4 points" in reply
    assert "lettre 48N" in reply and "4 mois" in reply  # R15
    assert "pas de majoration le 15 mars 2027" in reply and "jusqu'à la fin de la période probatoire, le 15 mars 2028" \
        in reply  # R7: no extension
    assert "30 novembre 2029" in reply  # R7 point 4: 3 years after its payment, later than the end of probation


def test_the_balance_on_a_past_day_is_computed_on_that_day(domain):
    # X R5.1: licence 10 March 2024, no offence: 10 points today; in November 2025 it had 8 (R5)
    slots = {"licence_date": "2024-03-10", "supervised_driving": False, "complementary_training": False,
             "probation_offence": False}
    chat = Conversation(domain, "jai eu mon permis le 10 mars 2024, jamais eu d'amende. jai combien de points la ?",
                        "ask_probation", answers.ActionAnswerProbation(), slots)
    assert "aujourd'hui de 10 points" in chat.reply
    reply = chat.say("et en novembre 2025 j'en avais combien ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Au 30 novembre 2025")
    assert "votre solde était de 8 points le 30 novembre 2025" in reply and "aujourd'hui" not in reply


def test_the_balance_on_a_day_to_come_counts_the_returns_due_by_then(domain):
    chat = recovery_of_one_point(domain)
    reply = chat.say("et en mars 2027 j'en aurai combien ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Au 31 mars 2027") and "est revenu le 28 février 2027" in reply


def test_with_the_aac_the_probation_is_computed_again(domain):
    # W C1c: "et si j'avais fait la conduite accompagnée ?" — R5 AAC path: 9 on 15/03/2026, 12 on 15/03/2027
    chat = clean_probation(domain)
    reply = chat.say("et si j'avais fait la conduite accompagnée ?", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Si vous aviez suivi la conduite accompagnée (AAC), alors :")
    assert "9 points" in reply and "15 mars 2027" in reply and "2 ans" in reply
    assert chat.slots["supervised_driving"] is False  # the user did not follow it


def offence_answer(domain, text: str, slots: Dict[str, Any]) -> Conversation:
    return Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots)


@pytest.mark.parametrize("text, intent, points", [
    ("et sur une route à 80 ?", "ask_offence_points", "retrait de 6 points (délit)"),  # 60 km/h over: délit (R4)
    ("et à 170 ?", "inform", "retrait de 4 points"),  # 40 km/h over 130 (R4)
    ("et à 150 ?", "nlu_fallback", "retrait de 2 points"),  # 20 km/h over 130
    ("et pour 175 ?", "nlu_fallback", "retrait de 4 points"),  # 45 km/h over 130
    ("et si je roulais à 160 ?", "inform", "retrait de 3 points"),  # 30 km/h over 130
])
def test_the_same_speeding_with_another_speed_or_limit(domain, text, intent, points):
    # W C11: 140 on a motorway, 1 point; then the same offence with another limit or speed
    chat = offence_answer(domain, "flashé à 140 sur autoroute cb de pts",
                          {"offence_type": "speeding", "speed_measured": 140, "speed_limit": 130})
    assert "retrait de 1 point" in chat.reply
    action = {"ask_offence_points": answers.ActionAnswerOffencePoints(), "inform": corrections.ActionApplyCorrection(),
              "nlu_fallback": fallback.ActionSuggestQuestions()}[intent]
    reply = chat.say(text, intent, action)
    assert reply.startswith("Avec ") and points in reply
    assert chat.slots["speed_limit"] is None and chat.slots["speed_measured"] is None  # nothing kept


@pytest.mark.parametrize("text", ["et a 185 retenu ?", "et si c'est 185 km/h retenus ?"])
def test_another_speed_said_as_the_one_kept_has_no_measured_alternative(domain, text):
    # tester T9 c23: 175 on a 130 motorway, then "et a 185 retenu ?": 55 km/h over, 6 points (délit, R4), without
    # "si 185 km/h est la vitesse mesurée par un radar…"
    chat = offence_answer(domain, "combien de points pour 175 sur autoroute limitée à 130",
                          {"offence_type": "speeding", "speed_measured": 175, "speed_limit": 130})
    assert "la vitesse mesurée" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Avec ") and "Excès de 55 km/h" in reply and "retrait de 6 points" in reply, reply
    assert "la vitesse mesurée" not in reply


def test_a_faster_speed_in_probation_brings_a_48n(domain):
    # W C35: a young driver (licence March 2026); at 170 on a motorway: 4 points, so a 48N (R15)
    chat = offence_answer(domain, "je suis jeune conducteur, flashé à 150 sur autoroute, je perds cb de pts ?",
                          {"offence_type": "speeding", "speed_measured": 150, "speed_limit": 130, "probationary": True})
    reply = chat.say("et à 170 ?", "inform", corrections.ActionApplyCorrection())
    assert "retrait de 4 points" in reply and "48N" in reply


def test_the_offence_of_the_answer_once_more_on_the_same_road(domain):
    chat = offence_answer(domain, "flashé à 140 sur autoroute cb de pts",
                          {"offence_type": "speeding", "speed_measured": 140, "speed_limit": 130})
    reply = chat.say("et si je me fais reprendre demain ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Si vous commettiez le 24 novembre 2026 une infraction (excès de vitesse) qui retire 1 "
                            "point (contravention de 3e classe)")
    reply = chat.say("et si je me refais flasher à 150 en janvier ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())  # 150 on the same motorway: 20 km/h over, 2 points
    assert reply.startswith("Si vous commettiez le 1er janvier 2027 une infraction (excès de vitesse) qui retire 2 "
                            "points (contravention de 4e classe)")


def test_a_future_offence_after_the_users_own_paid_offence_counts_it(domain):
    # a red light paid 3 March 2026 (4 points, 4e class): 8 points, 12 on 3 March 2029 (R9); the phone on
    # 15 January 2027 leaves 5 and moves the full capital to 15 January 2030
    chat = offence_answer(domain, "j'ai grillé un feu rouge, amende payée le 3 mars 2026, combien de points ?",
                          {"offence_type": "red_light", "fine_payment_date": "2026-03-03"})
    assert chat.slots["last_offence_points"] == 4  # learnt from the answer
    reply = chat.say("et si je me fais prendre au téléphone le 15 janvier ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert "passerait de 8 points à 5 points" in reply
    assert "le 15 janvier 2030 au lieu du 3 mars 2029" in reply


def test_a_loss_of_points_on_a_day_to_come_is_an_offence_to_come(domain):
    chat = clean_probation(domain)
    reply = chat.say("et si je perds 2 points en janvier ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Si vous commettiez le 1er janvier 2027 une infraction qui retire 2 points")
    assert "passerait de 8 points à 6 points" in reply and "48N" not in reply  # 2 points: no 48N (R15 example 4)
    assert "contravention de 4e classe, dont le délai de récupération totale est le plus long" in reply


def test_a_year_said_for_an_offence_told_without_its_date(domain):
    # an excess of 3 km/h over 50: no point today (since 2024), 1 point in 2020 (R4, décret 2023-1150)
    chat = offence_answer(domain, "flashé à 53 pour 50, vitesse retenue, je perds des points ?",
                          {"offence_type": "speeding", "speed_measured": 53, "speed_limit": 50})
    assert "aucun point retiré" in chat.reply
    reply = chat.say("et si c'était en 2020 ?", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Si l'infraction avait eu lieu en 2020, alors :") and "retrait de 1 point" in reply


@pytest.mark.parametrize("first, slots, text, expected", [
    # W C37: 3 km/h over 50 in 2023 cost 1 point; in 2025 none (décret 2023-1150, R4)
    ("en 2023 jme suis fait flasher a 53 pour 50 vitesse retenue, jai perdu 1 point ?",
     {"offence_type": "speeding", "speed_measured": 53, "speed_limit": 50, "offence_date": "2023"},
     "et si c'etait en 2025 ?", ("Si l'infraction avait eu lieu en 2025 plutôt qu'en 2023", "aucun point retiré")),
    # X R3.3: drugs and alcohol on 10 January 2026 cost 9 points; before 11 July 2025, 6 (R3)
    ("Le 10 janvier 2026 j'ai été contrôlé positif au cannabis et à l'alcool, je perds combien de points ?",
     {"offence_type": "alcohol_and_drugs", "offence_date": "2026-01-10"},
     "et si c'etait arrivé en 2024 ?",
     ("Si l'infraction avait eu lieu le 10 janvier 2024 plutôt que le 10 janvier 2026", "retrait de 6 points")),
])
def test_the_same_offence_on_another_date(domain, first, slots, text, expected):
    chat = offence_answer(domain, first, slots)
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert all(part in reply for part in expected)


def test_a_payment_moved_to_another_month_moves_the_returns(domain):
    # W C24: "et si c'était en mars plutôt ?": paid 31 March 2026, the point came back on 30 September 2026 (R8)
    chat = recovery_of_one_point(domain)
    reply = chat.say("et si c'était en mars plutôt ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Si le paiement de l'amende avait eu lieu le 31 mars 2026 plutôt que le 31 août 2026")
    assert "est revenu le 30 septembre 2026" in reply and "31 mars 2028" in reply
    reply = chat.say("je recupere mon point quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "revient le 28 février 2027" in reply  # the real payment is kept


@pytest.mark.parametrize("text", ["et si je paye tout de suite ?", "et si je conteste ?", "si je le fais pas ?",
                                  "c'est sûr ?", "et si je conteste je perds 3 points ?"])
def test_other_conditional_follow_ups_are_not_hypotheses_on_the_facts(domain, text):
    chat = offence_answer(domain, "téléphone au volant, combien de points ?", {"offence_type": "phone"})
    assert what_if.what_if_answer(chat.tracker(text, "inform")) is None


def test_a_date_of_a_story_of_retraits_is_not_moved(domain):
    # the balance of the retraits told reads their messages, not a date slot: which of them "c'était en 2024"
    # moves is not known, so no hypothesis is computed (the message goes on to the other readings)
    first = "j'ai perdu 3 points payés le 10 mars 2025 et 1 point payé le 2 octobre 2026, il me reste combien ?"
    chat = Conversation(domain, first, "ask_check_balance", answers.ActionAnswerProbation(), {})
    assert chat.slots["last_question"] == "action_answer_check_balance"
    assert what_if.what_if_answer(chat.tracker("et si c'était en 2024 ?", "inform")) is None


@pytest.mark.parametrize("text, hypothesis", [("ah si c'était le 3", False), ("oh si j'avais 10 points", False),
                                              ("ben si c'était le 12", False), ("et si c'était en 2025 ?", True),
                                              ("si c'était en mars ?", True)])
def test_si_as_yes_is_a_correction_not_a_hypothesis(text, hypothesis):
    # CI (e2e): "ah si c'était le 3" after a 48N deadline computed from "je sais plus" was answered as a hypothesis
    assert what_if.hypothetical_message({"text": text}) is hypothesis


@pytest.mark.parametrize("text", ["et si j'avais 4 points ?", "imaginons que j'aie 4 points", "et si j'en avais 4 ?"])
def test_a_balance_hypothesis_after_a_stage_answer_is_computed_not_kept(domain, text):
    # testers, item 1: 8 points, a stage gives 4 (R12); "et si j'avais 4 points ?": 4 → 8, the 8 told is kept
    chat = Conversation(domain, "j'ai 8 points, combien j'aurai après un stage le 3 décembre ? jamais fait de stage",
                        "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                        {"current_balance": 8, "stage_first_day": "2026-12-03", "previous_stage_date": "none",
                         "licence_date": "2010"})
    assert "de 8 à 12 points" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Si vous aviez 4 points, alors :") and "de 4 à 8 points" in reply
    assert what_if.HYPOTHESIS_NOTE in reply and chat.slots["current_balance"] == 8


@pytest.mark.parametrize("text, first_day", [("et si je le fais le 12 janvier ?", "12 janvier 2027"),
                                             ("et si je fais le stage en janvier ?", "1er janvier 2027"),
                                             ("imaginons que je fasse le stage en janvier", "1er janvier 2027")])
def test_a_stage_day_hypothesis_after_a_stage_answer_moves_only_the_hypothesis(domain, text, first_day):
    chat = Conversation(domain, "j'ai 8 points, combien j'aurai après un stage le 3 décembre ? jamais fait de stage",
                        "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                        {"current_balance": 8, "stage_first_day": "2026-12-03", "previous_stage_date": "none",
                         "licence_date": "2010"})
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert reply.startswith(f"Si le stage commence le {first_day}, alors :")
    assert chat.slots["stage_first_day"] == "2026-12-03"


def red_light_recovery(domain) -> Conversation:
    # a red light (4 points, 4e class, R4) paid on 10 June 2026, licence of 2015: 8 points if 12 before (R1)
    return Conversation(domain, "j'ai perdu 4 points pour un feu rouge le 3 juin 2026, payé le 10 juin 2026, permis "
                                "depuis 2015, je les récupère quand ?", "ask_auto_recovery",
                        answers.ActionAnswerAutoRecovery(),
                        {"offence_date": "2026-06-03", "fine_payment_date": "2026-06-10", "licence_date": "2015",
                         "last_offence_points": 4, "offence_type": "red_light"})


@pytest.mark.parametrize("text, first_day", [
    ("et si je fais un stage en janvier j'aurai combien ?", "1er janvier 2027"),
    ("et si je fais un stage le 15 janvier, ça me fait combien de points ?", "15 janvier 2027"),
    ("si je passe un stage de récup en février 2027 ?", "1er février 2027"),
])
def test_a_stage_planned_after_a_recovery_answer_counts_from_the_balance_computed(domain, text, first_day):
    chat = red_light_recovery(domain)
    assert "10 juin 2029" in chat.reply  # 3 years from the payment, 4e class (R9)
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    # 8 points on the stage's first day (no return before 10 June 2029), +4 within the ceiling of 12 (R12)
    assert reply.startswith(f"Si vous faites un stage commençant le {first_day}, alors :")
    assert "votre solde passera de 8 à 12 points" in reply and "votre solde de 8 points" in reply
    assert "12 points avant la première infraction" in reply and "aucun stage ayant rendu des points depuis" in reply
    # (a stage planned changes no fact told: no "C'est une hypothèse" note, T23 c07/c12/c22/c35; the facts are kept)
    assert "C'est une hypothèse" not in reply and "10 juin 2029" not in reply
    assert chat.slots.get("current_balance") is None and chat.slots.get("stage_first_day") is None


def test_a_balance_asked_on_a_day_is_not_a_stage_planned(domain):
    chat = red_light_recovery(domain)
    reply = chat.say("et en janvier j'en aurai combien ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Au 31 janvier 2027") and "8 points" in reply


def training_probation_of_march(domain) -> Conversation:
    # T3 c12: licence 05/03/2025, no AAC, complementary training 10/10/2025, no offence → 8 now, 12 on 5 March 2027
    # (R6 example 1)
    slots = {"licence_date": "2025-03-05", "supervised_driving": False, "complementary_training": True,
             "training_date": "2025-10-10", "probation_offence": False}
    return Conversation(domain, "permis eu le 05/03/2025, formation complémentaire le 10 octobre 2025, aucune "
                                "infraction, j'ai combien ?", "ask_probation", answers.ActionAnswerProbation(), slots)


@pytest.mark.parametrize("text, intent, action", [
    ("et sans la formation j'aurais été à 12 quand ?", "ask_probation", answers.ActionAnswerProbation),
    ("et si j'avais pas fait la formation ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage),
    ("si je n'avais jamais fait la formation post-permis, ça donnerait quoi ?", "inform",
     corrections.ActionApplyCorrection),
])
def test_without_the_training_the_probation_is_computed_again(domain, first_of_december, text, intent, action):
    # R5, R6: without the training, 3 years: 10 on 5 March 2027, 12 on 5 March 2028; never a 48N deadline (T3 c10)
    chat = training_probation_of_march(domain)
    assert "5 mars 2027" in chat.reply and "12 points" in chat.reply
    reply = chat.say(text, intent, action())
    assert reply.startswith("Sans la formation complémentaire, alors :")
    assert "5 mars 2028" in reply and "48N" not in reply and "délai a expiré" not in reply
    assert chat.slots["complementary_training"] is True  # the user did follow it


@pytest.mark.parametrize("text", [
    "et si je prends une amende de 2 points en février ?",
    "et si je perds 2 points en février ?",
    "si jamais je me fais flasher en février pour 2 points, ça donne quoi ?",
])
def test_an_offence_to_come_after_a_probation_answer_in_context_freezes_the_ceiling(domain, first_of_december, text):
    # T3 c08: after "et quand j'aurai 12 ?" (answered in context by the stage answer, with no stage), the what-if
    # crashed in that answer's computation and the bot said nothing. R7: 10 → 8, no more increment, ceiling frozen
    slots = {"licence_date": "2024-09-10", "supervised_driving": False, "complementary_training": False,
             "probation_offence": False}
    chat = Conversation(domain, "jai eu mon permis le 10/09/2024, combien jai de points ?", "ask_probation",
                        answers.ActionAnswerProbation(), slots)
    chat.say("et quand j'aurai 12 ?", "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "de 10 points à 8 points" in reply and "1er février 2027" in reply
    assert "pas de majoration le 10 septembre 2027" in reply and "plafond resterait à 10 points" in reply


def test_the_balance_on_a_day_after_a_story_answered_by_the_probation_question(domain):
    # T10 c38: the story read as a probation question (licence 1998, two retraits) was answered with their balance;
    # "donc j'aurai combien le 1er juin 2027 ?" replayed the probation's own computation, with the phone's points
    # unset: "Impossible de répondre : infraction mal décrite". Now that balance on that day (R1, R9)
    text = ("Bonjour, permis depuis 1998. J'avais 12 points. J'ai eu un stop (amende payée le 15 janvier 2026) et un "
            "téléphone au volant (payé le 3 mai 2026, commis le 20 avril 2026). Combien aujourd'hui ?")
    chat = Conversation(domain, text, "ask_probation", answers.ActionAnswerProbation(),
                        {"licence_date": "1998", "current_balance": 12, "offence_type": "phone",
                         "offence_date": "2026-04-20", "fine_payment_date": "2026-05-03", "probation_offence": True})
    assert chat.reply.startswith("Solde aujourd'hui : 5 points"), chat.reply
    reply = chat.say("donc j'aurai combien le 1er juin 2027 ? et si je fais un stage en fevrier ?",
                     "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "Impossible de répondre" not in reply
    assert "Solde au 1er juin 2027 : 5 points" in reply, reply
