"""Tester T9 (main a7b9c29, BOT_TODAY=2026-12-01): several offences of one message, and messages of two questions.

- c11: "et si on m'arrête avec tel + ceinture pas mise + 35 au-dessus en même temps ?" counted the belt alone; every
  offence named counts, found at one check their retraits add up, capped at 8 (R3 example 1).
"""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, informational
from tests.actions.test_what_if import Conversation


def red_light_question(domain) -> Conversation:
    # t9-c11: a question on the points of an offence, in general (no case of the driver's)
    return Conversation(domain, "Combien de points pour un feu rouge ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "red_light"})


@pytest.mark.parametrize("text", [
    "et si on m'arrete avec tel + ceinture pas mise + 35 au dessus en meme temps ?",  # t9-c11
    "et si je me fais arrêter au téléphone, sans ceinture et à 35 km/h de trop ?",
    "si je me fais contrôler avec le portable en main, pas de ceinture et 35 de trop, je perds combien ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_several_offences_of_one_hypothetical_check_add_up_capped_at_8(domain, first_of_december, text, intent,
                                                                        action):
    chat = red_light_question(domain)
    reply = chat.say(text, intent, action)
    # R3 example 1: 35 km/h (3) + phone (3) + seatbelt (3) = 9, capped at 8
    each = reply.lower()  # (in the order the message names them)
    assert "excès de vitesse de 35 km/h : 3 points" in each, reply
    assert "téléphone tenu en main, oreillette ou casque : 3 points" in each
    assert "conducteur sans ceinture de sécurité : 3 points" in each
    assert "Les retraits s'additionnent (9) mais sont plafonnés à 8 points" in reply
    assert "ces infractions en même temps, qui retirent 8 points au total (la plus grave : contravention de 4e " \
           "classe)" in reply
    assert "1er décembre 2029" in reply  # R9: 3 years from that day (4e class)
    assert "C'est une hypothèse" in reply


def test_two_small_offences_at_one_hypothetical_check_in_probation_bring_no_48n(domain, first_of_december):
    # R15 edge case: 2 + 1 points at the same check, each below 3: no 48N, though they total 3
    chat = Conversation(domain, "permis le 15/03/2025 sans conduite accompagnée, jamais d'infraction, j'ai combien "
                                "de points ?", "ask_probation", answers.ActionAnswerProbation(),
                        {"licence_date": "2025-03-15", "supervised_driving": False,
                         "complementary_training": False, "probation_offence": False})
    reply = chat.say("et si je me fais arrêter à 25 km/h de trop et sans gants en même temps ?",
                     "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "qui retirent 3 points au total" in reply, reply
    assert "lettre 48N" not in reply.replace("pas de lettre 48N", "")


# --- c13: the 10-year rule with offences since (R10 example 1); a stop costs 4 points (R4)

STOP_2017 = {"fine_payment_date": "2017-03-08", "last_offence_points": 3, "offence_type": "stop_sign"}


@pytest.mark.parametrize("text", [
    # t9-c13's first message, with the day its form asked
    "yo, la regle des 10 ans c koi exactement ? jai perdu 3 pts pour un stop paye le 8 mars 2017 et depuis jai jamais "
    "arreté de me faire flasher lol",
    "perdu 3 points pour un stop payé le 8 mars 2017, je me suis refait prendre plusieurs fois depuis, je les "
    "récupère quand ?",
    "stop grillé, 3 points, payé le 8 mars 2017. j'ai pas cessé de me faire choper depuis. quand est-ce que je revois "
    "ces points ?",
])
def test_offences_ever_since_leave_the_10_year_rule_and_the_stop_s_4_points_are_said(domain, first_of_december,
                                                                                       text):
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), STOP_2017)
    reply = chat.reply
    assert "8 mars 2020" not in reply, reply  # no full recovery 3 years after, other offences followed (R9)
    assert "reviennent le 8 mars 2027 (règle des 10 ans), si votre permis n'a jamais été invalidé" in reply  # R10
    assert "l'infraction « stop non respecté » retire 4 points (contravention de 4e classe), pas 3" in reply  # R4


@pytest.mark.parametrize("text, intent, action", [
    # t9-c13's correction, as the NLU read it
    ("non mais jme suis refait flasher plein de fois depuis, genre en 2019, 2021, 2024. c quand que je recup les "
     "points du stop avec les 10 ans ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
    ("non mais je me suis refait flasher en 2019, 2021 et 2024", "inform", corrections.ActionApplyCorrection()),
    ("sauf que depuis je me fais flasher tout le temps", "inform", corrections.ActionApplyCorrection()),
])
def test_offences_since_told_after_the_answer_change_it(domain, first_of_december, text, intent, action):
    # the answer first assumed no offence since (12 on 8 March 2020); told otherwise, it must change (R10), not be
    # repeated ("Comme indiqué")
    chat = Conversation(domain, "j'ai perdu 4 points pour un stop payé le 8 mars 2017, je les récupère quand ?",
                        "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), {**STOP_2017, "last_offence_points": 4})
    assert "8 mars 2020" in chat.reply
    reply = chat.say(text, intent, action)
    assert "Comme indiqué" not in reply and "8 mars 2020" not in reply, reply
    assert "les 4 points retirés pour l'infraction payée le 8 mars 2017 reviennent le 8 mars 2027 (règle des 10 " \
           "ans)" in reply
    assert "pas 3" not in reply and "pas 4" not in reply


# --- compound questions answered in part (actions/two_part.py, the cards' parts)

@pytest.mark.parametrize("text, first, second", [
    ("ok mais en gros c'est 200 balles ? et on peut le faire en visio ?", "Le prix est fixé librement",
     "Non, le stage ne se fait pas en ligne"),  # t9-c15
    ("ça tourne autour de 250e ? et faut amener quoi ?", "Le prix est fixé librement", "Apportez votre permis"),
    ("on peut le faire à distance ? et ça coûte combien à peu près ?", "Non, le stage ne se fait pas en ligne",
     "Le prix est fixé librement"),
])
def test_each_part_asked_after_the_stage_card_is_answered_in_turn(domain, text, first, second):
    # t9-c15: after the card, "c'est 200 balles ? et en visio ?" got the place only, the price was dropped
    from tests.actions.test_what_if import run
    from tests.actions.conftest import make_tracker, user_said
    history = [user_said("un stage de recup de points ca coute combien et ca dure combien de temps", "ask_stage_info"),
               {"event": "action", "name": "action_answer_stage_info"},
               {"event": "bot", "text": informational.STAGE_INFO}]
    tracker = make_tracker(text=text, intent="ask_stage_info", history=history)
    _, reply = run(answers.ActionAnswerStageInfo(), tracker, domain)
    assert reply.startswith(first), reply
    assert f"\n- {second}" in reply and informational.STAGE_INFO not in reply


# t9-c20: the son's AAC licence of 8 January 2024 (probation over on 8 January 2026), a red light on 30 October 2026,
# paid 12 November 2026
SON_AFTER_PROBATION = {"licence_date": "2024-01-08", "supervised_driving": True, "fine_payment_date": "2026-11-12",
                       "offence_date": "2026-10-30", "offence_type": "red_light", "last_offence_points": 4,
                       "offence_class": "c4"}


@pytest.mark.parametrize("text, intent, action", [
    ("il va recevoir une 48N ? et il recupere ses points quand", "ask_auto_recovery",
     answers.ActionAnswerAutoRecovery),  # t9-c20, as the NLU read it
    ("il récupère ses points quand ? et il aura une 48N ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery),
    ("est-ce qu'il va avoir une 48N ? il récupère tout quand", "ask_mandatory_stage",
     answers.ActionAnswerMandatoryStage),
])
def test_whether_a_48n_comes_is_answered_with_the_recovery(domain, first_of_december, text, intent, action):
    from tests.actions.test_two_part import two_answers
    first, second, _ = two_answers(text, intent, SON_AFTER_PROBATION, action, domain)
    both = "\n".join([*first, *(s or "" for s in second)])
    # R15, R19: committed after the probation, no 48N but a lettre 48 (information); R9: 12 on 12 November 2029
    assert "Non : l'infraction du 30 octobre 2026 a été commise après la fin de la période probatoire (le 8 janvier " \
           "2026) : une infraction ne peut plus vous valoir de lettre 48N ni de stage obligatoire" in both, both
    assert "lettre 48, une simple information" in both and "Seule exception" not in both
    assert "12 novembre 2029" in both


# t9-c35: the client's AAC licence of 10 October 2024 (probation over on 10 October 2026), an excess of 32 km/h on 1
# October 2026 (3 points), the 48N received on 25 November 2026
C35 = ("Bonjour, support client ici. Un client (permis AAC obtenu le 10 octobre 2024) a commis un excès de 32 km/h le "
       "1er octobre 2026, payé le 20 octobre. Il a reçu la 48N le 25 novembre 2026. Sa période probatoire est finie, "
       "il doit quand même faire le stage ?")


@pytest.mark.parametrize("intent, action", [
    ("ask_probation", answers.ActionAnswerProbation),  # as the NLU read t9-c35
    ("ask_mandatory_stage", answers.ActionAnswerMandatoryStage),
])
def test_the_48n_stage_of_an_offence_in_a_probation_over_since_is_said_compulsory_plainly(domain, first_of_december,
                                                                                          intent, action):
    from tests.actions.test_probation_facts import mapped_slots
    from tests.actions.test_two_part import two_answers
    slots = mapped_slots(domain, C35, intent, "2026-12-01")
    # the licence's date read (it was asked again), and the probation said over, not current
    assert slots["licence_date"] == "2024-10-10" and slots.get("probationary") is not True
    if intent == "ask_mandatory_stage":
        from tests.actions.test_what_if import run
        from tests.actions.conftest import make_tracker, parsed
        _, reply = run(action(), make_tracker(slots=slots, intent=intent, text=C35, entities=parsed(C35)), domain)
    else:
        first, second, _ = two_answers(C35, intent, slots, action, domain)
        reply = "\n".join([*first, *(s or "" for s in second)])
    assert "Oui, le stage reste obligatoire : l'infraction du 1er octobre 2026 a été commise pendant la période " \
           "probatoire, terminée le 10 octobre 2026" in reply, reply
    assert "25 mars 2027" in reply  # R15: 4 months after its receipt


@pytest.mark.parametrize("text", [
    "le site marche pas jai pas franceconnect. tu peux pas le regarder toi ? mon num de permis c 12AB34567",  # t9-c14
    "vous pouvez vérifier pour moi ? voici mon numéro de permis 123456789",
    "tu peux voir mes points toi ?",
])
def test_asked_to_look_the_balance_up_the_assistant_says_it_cannot_then_the_ways(domain, text):
    from tests.actions.test_what_if import run
    from tests.actions.conftest import make_tracker, user_said
    history = [user_said("comment je peux savoir combien il me reste de points ?", "ask_check_balance"),
               {"event": "action", "name": "action_answer_check_balance"},
               {"event": "bot", "text": informational.HOW_TO_CHECK_BALANCE}]
    tracker = make_tracker(text=text, intent="ask_check_balance", history=history,
                           slots={"last_question": "action_answer_check_balance"})
    _, reply = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert reply.startswith("Non, je ne peux pas consulter votre solde"), reply
    assert "relevé d'information intégral" in reply or "Mes Points Permis" in reply.split("\n", 1)[1]


@pytest.mark.parametrize("text", [
    "téléphone + pas de ceinture + 35 km/h de trop, en même temps, je perds combien ?",
    "arrêté avec le tel, sans ceinture et à 35 de trop, je perds combien ?",
    "contrôlé au portable sans ceinture et 35 km/h au-dessus, combien de points en tout ?",
])
def test_several_offences_asked_first_add_up_capped_at_8(domain, first_of_december, text):
    # R3 example 1 asked as a first question: the form's validation keeps the speeding as the offence whose speeds
    # may be asked, the others counted with it
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_probation_facts import mapped_slots, run
    told = mapped_slots(domain, text, "ask_offence_points", "2026-12-01")
    tracker = make_tracker(new_slots=told, intent="ask_offence_points", text=text,
                           entities=parsed(text, "2026-12-01"), form="offence_points_form")
    events = asyncio.run(forms.ValidateOffencePointsForm().run(CollectingDispatcher(), tracker, domain))
    slots = {**told, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    assert slots["offence_type"] == "speeding" and sorted(slots["other_offences"]) == ["phone", "seatbelt"]
    _, answer = run(answers.ActionAnswerOffencePoints(), make_tracker(
        slots=slots, intent="ask_offence_points", text=text, entities=parsed(text, "2026-12-01")), domain)
    assert "Les retraits s'additionnent (9) mais sont plafonnés à 8 points" in answer, answer
