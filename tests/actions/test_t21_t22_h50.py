"""T21 and T22 (replay testers, conversations of 1 December 2026), items of branch h50: a suspension's points asked
"aussi", a licence "il y a 2 ans et demi", a stray "C'est noté, je corrige.", ..."""
from __future__ import annotations

from datetime import date

import pytest

from actions import answers, forms, slot_values
from actions.informational import SUSPENSION_NO_POINTS, SUSPENSION_STAGE
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import run, told
from tests.actions.test_what_if import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- 1. T21 c27: "Est-ce que je perds aussi des points ?" about a suspension opened on the stage during a suspension;
# the measure itself costs no point, the offence's do (L.223-1), and that is the answer ----------------------------

@pytest.mark.parametrize("text", [
    "Mon permis est suspendu pour 6 mois depuis le 10 septembre 2026 (alcool 0,9 g). Est-ce que je perds aussi des "
    "points ?",
    "permis suspendu 4 mois, on va aussi m'enlever des points ?",
    "j'ai une suspension de 2 mois, je perds en plus des points ?",
])
def test_the_points_asked_with_a_suspension_are_answered_first(domain, text):
    _, answer = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today="2026-12-01"), domain)
    assert answer.startswith(SUSPENSION_NO_POINTS), answer
    assert SUSPENSION_STAGE not in answer


def test_a_stage_during_a_suspension_still_gets_its_part(domain):
    text = "mon permis est suspendu, je peux aussi faire un stage pour récupérer des points ?"
    _, answer = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today="2026-12-01"), domain)
    assert answer.startswith(SUSPENSION_STAGE)


# --- 2. T21 c19: "j'ai eu mon permis il y a 2 ans et demi", no offence: every day of the quarter around 1 June 2024
# gives the same ceiling (10 points, R5); the day is asked only when an anniversary may fall on either side of today --

@pytest.mark.parametrize("said, value", [
    ("il y a 2 ans et demi", "2024-06-01"),
    ("il y a un an et demi", "2025-06-01"),
    ("ça fait 2 ans et demi", "2024-06-01"),
])
def test_a_licence_said_to_the_half_year_is_not_asked_its_day_far_from_an_anniversary(said, value):
    assert slot_values.licence_date(value, date(2026, 12, 1), said) == slot_values.PartialDate.parse(value)


def test_a_licence_said_in_whole_years_near_an_anniversary_is_still_asked_its_day():
    # "il y a 2 ans": 6 months either side of 1 December 2024, its 2nd anniversary may be today or not yet (R5)
    with pytest.raises(slot_values.InvalidAnswer):
        slot_values.licence_date("2024-12-01", date(2026, 12, 1), "il y a 2 ans")
    assert slot_values.rough_margin("il y a 2 ans") == slot_values.relativedelta(months=6)
    assert slot_values.rough_margin("il y a 2 ans et demi") == slot_values.relativedelta(months=3)


# --- 3. T21 c31: "Je peux en refaire un aujourd'hui ?" (a day asked about), then "j'ai 8 points, je m'inscris pour le
# 14-15 décembre": the plan told, not a correction ("C'est noté, je corrige." was said) ----------------------------

FIRST = ("Bonjour, j'ai fait un stage les 30 novembre et 1er décembre 2025. Je peux en refaire un aujourd'hui ?")


def _points_after_stage_form(domain, first: str, first_slots: dict, text: str):
    history = [{"event": "user", "text": first, "parse_data": {"intent": {"name": "ask_stage_eligibility"},
                                                               "entities": parsed(first, "2026-12-01")}},
               *({"event": "slot", "name": k, "value": v} for k, v in first_slots.items()),
               {"event": "action", "name": "action_answer_stage_eligibility"},
               {"event": "action", "name": "action_listen"}]
    entities = parsed(text, "2026-12-01")
    tracker = make_tracker(slots=first_slots, new_slots=mapped_slots(entities, domain), intent="ask_points_after_stage",
                           text=text, entities=entities, history=history, form="points_after_stage_form")
    return run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)


def test_the_stage_day_told_after_one_asked_about_is_no_correction(domain):
    slots, messages = _points_after_stage_form(
        domain, FIRST, {"previous_stage_date": "2025-11-30", "stage_first_day": "2026-12-01"},
        "oui j'ai 8 points, je m'inscris pour le 14-15 decembre, combien j'aurai ?")
    assert slots.get("stage_first_day") == "2026-12-14" and slots.get("current_balance") == 8
    assert "C'est noté, je corrige." not in messages, messages


@pytest.mark.parametrize("first, corrects", [
    (FIRST, False),
    # a day told as the stage's, not asked about: the day told next changes it
    ("J'ai réservé un stage les 7 et 8 décembre 2026.", True),
])
def test_a_stage_day_changes_a_fact_only_when_the_day_before_was_told(domain, first, corrects):
    before = "2026-12-01" if first == FIRST else "2026-12-07"
    text = "oui j'ai 8 points, je m'inscris pour le 14-15 decembre, combien j'aurai ?"
    history = [{"event": "user", "text": first, "parse_data": {"intent": {"name": "inform"},
                                                               "entities": parsed(first, "2026-12-01")}},
               {"event": "slot", "name": "stage_first_day", "value": before}]
    tracker = make_tracker(slots={"stage_first_day": before}, new_slots={"stage_first_day": "2026-12-14"},
                           intent="ask_points_after_stage", text=text, entities=parsed(text, "2026-12-01"),
                           history=history, form="points_after_stage_form")
    assert forms.corrects_a_known_fact("stage_first_day", "2026-12-14", tracker) is corrects


# --- 5. T22 c30: "3 ans pour 2 points ?? c'est pas 6 mois ?" got the recovery again: the 6 months are a 1-point
# offence's (R8), the others come back with the whole balance (R9) --------------------------------------------------

def _recovery_of_two_points(domain):
    from tests.actions.test_what_if import Conversation
    return Conversation(domain, "c'était pour 25 km/h de trop. je récupère les 2 points quand ? j'ai payé le 15 octobre "
                                "2026", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2026-10-15", "last_offence_points": 2, "offence_class": "c4"},
                        today="2026-12-01")


@pytest.mark.parametrize("text", ["3 ans pour 2 points ?? c'est pas 6 mois ?", "je croyais que c'était 6 mois",
                                  "normalement c'est 6 mois non ?"])
def test_a_doubt_on_six_months_is_answered_not_the_recovery_again(domain, text):
    chat = _recovery_of_two_points(domain)
    assert "le 15 octobre 2029" in chat.reply
    reply = chat.say(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Non : le retour au bout de 6 mois ne vaut que pour une infraction qui n'a retiré qu'1 "
                            "point"), reply
    assert "vous a retiré 2 points" in reply and "le 15 octobre 2029" in reply


def test_a_one_point_offence_keeps_its_six_months(domain):
    from tests.actions.test_what_if import recovery_of_one_point
    chat = recovery_of_one_point(domain)
    reply = chat.say("c'est pas 6 mois ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "n'a retiré qu'1 point" not in reply


# --- 5. T22 c21: "des sites me demandent 30 euros pour voir mon solde, c'est normal ?" got the route again: the
# official service is free, the paying sites are private (R19) ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "et il y a des sites qui me demandent 30 euros pour voir mon solde, c'est normal ?",
    "un site me fait payer 29,90 € pour mon relevé de points, c'est obligatoire ?",
    "c'est une arnaque les sites qui font payer le solde ?",
])
def test_paying_sites_are_answered(domain, text):
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance", today="2026-12-01"),
                    domain)
    assert answer.startswith("Non, vous n'avez rien à payer : la consultation de votre solde sur « Mes Points Permis »"), \
        answer
    assert "ne sont pas officiels" in answer


# --- 6. T22 c02: a secretary for a client; "et s'il fait un stage en janvier ?" read as a stage question got "Si vous
# faites un stage … votre solde": the answer in context is said of the client, as the answer it follows ------------

CLIENT = ("bonjour, je suis secrétaire dans une auto-école. Mon client a son permis depuis 2009, il a perdu 4 points pour "
          "un feu rouge, il a payé l'amende le 15 septembre 2025. Il me demande quand il récupère ses points sans rien "
          "faire")


@pytest.mark.parametrize("intent, action", [("ask_stage_info", answers.ActionAnswerStageInfo()),
                                            ("ask_points_after_stage", answers.ActionAnswerPointsAfterStage())])
def test_a_stage_hypothesis_about_a_client_keeps_the_third_person(domain, intent, action):
    from tests.actions.test_what_if import Conversation
    chat = Conversation(domain, CLIENT, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2025-09-15", "last_offence_points": 4, "offence_class": "c4",
                         "licence_date": "2009"}, today="2026-12-01")
    assert "son permis retrouvera son maximum de points le 15 septembre 2028" in chat.reply, chat.reply
    reply = chat.say("et s'il fait un stage en janvier ?", intent, action)
    assert "S'il fait un stage" in reply and "son solde passera de 8 à 12 points" in reply, reply
    assert "vous faites" not in reply and "votre solde" not in reply and "vous rend" not in reply


# --- 4. T22 c26: a 2022 fine paid "peut-être au printemps", on the offence-history path: counted from the spring's last
# day (20 June) and said as the spring, as the forms and the slots' dates already read a season (slot_values.SEASONS) -

STORY = ("Donc j'ai passé mon permis en 2019 je sais plus trop le mois, en tout cas ça fait plus de 3 ans. En 2022 j'ai "
         "perdu des points, je sais plus combien, pour un stop je crois. Ensuite rien pendant longtemps, et puis là le 6 "
         "octobre 2026 je me suis fait arrêter pour un dépassement dangereux, amende payée le 20 octobre. Je ne sais pas "
         "quand j'ai payé l'amende de 2022, peut-être au printemps.")


def test_a_season_told_for_a_retrait_is_said_back_as_the_season(domain):
    from tests.actions.conftest import user_said
    text = "ok mais du coup j'ai combien de points aujourd'hui ?"
    tracker = make_tracker(slots={"licence_date": "2019"}, intent="ask_check_balance", text=text,
                           entities=parsed(text, "2026-12-01"), history=[user_said(STORY, "ask_check_balance")])
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert "mars 2022" not in answer and "31 mars" not in answer, answer
    assert "Vous avez indiqué le printemps 2022 pour le retrait de points : j'ai retenu le 20 juin 2022, la fin du " \
           "printemps" in answer
    assert "Solde aujourd'hui : 9 points" in answer and "le 20 octobre 2029" in answer


# --- 8. T21 c16, T22 c13: the complementary training asked where it cannot change the answer: an offence with a
# retrait committed before the shortened end (2 years, 18 months after the AAC) loses the reduction anyway (R6) ------

def _probation_form_asks(domain, slots: dict) -> list:
    import asyncio
    tracker = make_tracker(slots=slots, intent="deny", text="Non", form="probation_form",
                           requested_slot="supervised_driving")
    return asyncio.run(forms.ValidateProbationForm().required_slots(
        domain["forms"]["probation_form"]["required_slots"], None, tracker, domain))


RED_LIGHT_IN_PROBATION = {"licence_date": "2024-04-03", "supervised_driving": False, "offence_date": "2026-01-12",
                          "fine_payment_date": "2026-01-20", "probation_offence": True, "last_offence_points": 4,
                          "offence_class": "c4", "offence_type": "red_light"}


@pytest.mark.parametrize("slots", [
    RED_LIGHT_IN_PROBATION,  # T21 c16: 12 January 2026 < 3 April 2026 (2 years)
    # T22 c13: licence 2 February 2026, alcohol 14 September 2026, 6 points
    {"licence_date": "2026-02-02", "supervised_driving": False, "offence_date": "2026-09-14",
     "fine_payment_date": "2026-10-01", "probation_offence": True, "last_offence_points": 6, "offence_class": "c4"},
    # after the AAC, 18 months: 1 June 2025 + 18 months = 1 December 2026 > 20 October 2026
    {"licence_date": "2025-06-01", "supervised_driving": True, "fine_payment_date": "2026-10-20",
     "probation_offence": True, "last_offence_points": 1, "offence_class": "c4"},
])
def test_the_training_is_not_asked_when_an_offence_already_loses_its_reduction(domain, slots):
    asked = _probation_form_asks(domain, slots)
    assert "complementary_training" not in asked and "training_date" not in asked, asked


@pytest.mark.parametrize("slots", [
    {"licence_date": "2024-06-01", "supervised_driving": False, "probation_offence": False},  # T21 c19: no offence
    # an offence after the shortened end (10 January 2025 + 2 years): the training may have ended the probation first
    {"licence_date": "2023-01-10", "supervised_driving": False, "offence_date": "2025-03-01",
     "fine_payment_date": "2025-03-10", "probation_offence": True, "last_offence_points": 1, "offence_class": "c4"},
    # the offence's points not known yet: a 0-point offence keeps the reduction
    {**RED_LIGHT_IN_PROBATION, "last_offence_points": None},
])
def test_the_training_is_asked_when_it_may_change_the_answer(domain, slots):
    assert "complementary_training" in _probation_form_asks(domain, slots)


# --- 7. T22 c02, c10: a stage "en janvier" counted from 1 January asked its exact day though any day of January gives
# the same 4 points (R12): the day is asked only when the month's other end gives another answer (R13 here) --------

def _recovery_of_a_red_light(domain, **slots):
    from tests.actions.test_what_if import Conversation
    return Conversation(domain, "perdu 4 points pour un feu rouge, amende payée le 15 septembre 2025, permis depuis 2009, "
                                "je les récupère quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2025-09-15", "last_offence_points": 4, "offence_class": "c4",
                         "licence_date": "2009", **slots}, today="2026-12-01")


def test_a_stage_in_a_month_whose_day_changes_nothing_is_not_asked_its_day(domain):
    chat = _recovery_of_a_red_light(domain)
    reply = chat.say("et si je fais un stage en janvier ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert "votre solde passera de 8 à 12 points" in reply, reply
    assert "donnez-moi le jour exact" not in reply
    assert "J'ai compté un stage commençant le 1er janvier 2027 ; un autre jour de janvier 2027 ne change pas le " \
           "nombre de points rendus" in reply


def test_a_stage_in_a_month_whose_day_changes_the_points_is_asked_its_day(domain):
    # a stage done on 15 January 2026: one starting before 15 January 2027 gives no point, after it 4 (R13)
    chat = _recovery_of_a_red_light(domain, previous_stage_date="2026-01-15")
    reply = chat.say("et si je fais un stage en janvier ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert "donnez-moi le jour exact pour un calcul au jour près" in reply, reply
    assert "ne change pas le nombre de points" not in reply


# --- Long replies: a paragraph an answer already gave in this turn (another bubble, another action) is given once ----

def test_a_bullet_already_given_this_turn_is_given_once():
    from rasa_sdk.executor import CollectingDispatcher
    from actions.reminders import reminding
    urgency = "Attention, la date limite est demain : seul un stage terminé au plus tard le 2 décembre 2026 compte."
    earlier_turn = {"event": "bot", "text": "Réponse d'avant.\n- Un paragraphe d'un autre tour."}
    this_turn = {"event": "bot", "text": f"Vous devez terminer le stage au plus tard le 2 décembre 2026.\n- {urgency}"}
    tracker = make_tracker(text="c'est grave ?", history=[earlier_turn, {"event": "user", "text": "x"}])
    tracker.events.append(this_turn)
    dispatcher = CollectingDispatcher()
    speaking = reminding(dispatcher, tracker, recompute=False)
    speaking.utter_message(text=f"Non : le stage se terminera après la date limite.\n- {urgency}\n- Un paragraphe d'un "
                                "autre tour.\n- Ce stage peut aussi vous rendre jusqu'à 4 points.")
    speaking.utter_message(text="Deuxième bulle.\n- Ce stage peut aussi vous rendre jusqu'à 4 points.\n- Autre chose.")
    first, second = (m["text"] for m in dispatcher.messages)
    assert first == ("Non : le stage se terminera après la date limite.\n- Un paragraphe d'un autre tour.\n- Ce stage "
                     "peut aussi vous rendre jusqu'à 4 points."), first
    assert second == "Deuxième bulle.\n- Autre chose.", second
