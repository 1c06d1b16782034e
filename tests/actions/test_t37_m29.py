"""Tester T37's findings fixed in the main session (stop 29): a reply for every message, whatever fails inside."""
from __future__ import annotations

import asyncio
import logging

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection

from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, fallback, forms, never_silent
from tests.actions.conftest import make_tracker, parsed, slots_filled_by_rasa
from tests.actions.test_what_if import Conversation, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")


@pytest.mark.parametrize("told", [{}, {"offence_date": "2026-11-28"}])
def test_paying_tomorrow_a_fine_not_paid_yet_is_answered(domain, told):
    # T37 c14: 3 points (4e class), "jai pas encore paye", then "et si je paye demain ?" got no reply at all (the
    # engine got an offence dated None and the action crashed); the points go the day of the payment (R2) and come
    # back 3 years later (R9)
    chat = Conversation(domain, "jai pas encore paye", "deny", answers.ActionAnswerAutoRecovery(),
                        {"last_offence_points": 3, "offence_class": "c4", "fine_payment_date": "not_paid", **told},
                        today="2026-12-01")
    assert chat.reply.startswith("Pas encore : tant que l'amende n'est pas payée, aucun point n'est retiré")
    reply = chat.say("et si je paye demain ?", "ask_retrait_timing", answers.ActionAnswerRetraitTiming())
    assert "Les 3 points de cette infraction seront retirés le 2 décembre 2026, le jour où vous paierez" in reply
    assert "tous les points reviendront le 2 décembre 2029 (3 ans, contravention de 4e classe)" in reply


class _FailingAction(Action):
    def name(self) -> str:
        return "action_that_fails"

    def run(self, dispatcher, tracker, domain):
        raise AttributeError("'NoneType' object has no attribute 'isoformat'")


class _RejectingAction(Action):
    def name(self) -> str:
        return "action_that_rejects"

    def run(self, dispatcher, tracker, domain):
        raise ActionExecutionRejection(self.name(), "not this slot")


def _call(executor: ActionExecutor, name: str) -> dict:
    tracker = {"sender_id": "t37-c14", "slots": {}, "latest_message": {"text": "et si je paye demain ?"},
               "events": [], "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "action_listen"}
    return asyncio.run(executor.run({"next_action": name, "tracker": tracker, "domain": {}}))


def test_an_action_that_fails_still_answers_the_user_in_french(caplog):
    # the real rasa-sdk executor, as the action server runs it: an exception no longer leaves the user without reply
    executor = ActionExecutor()
    executor.register_action(_FailingAction())
    with caplog.at_level(logging.ERROR):
        response = _call(executor, "action_that_fails")
    assert response["events"] == []  # nothing of the conversation changed
    assert [m["text"] for m in response["responses"]] == [never_silent.APOLOGY]
    assert "action_that_fails" in caplog.text and "isoformat" in caplog.text  # the failure is logged, with its cause


def test_a_form_rejection_still_reaches_the_rasa_server():
    executor = ActionExecutor()
    executor.register_action(_RejectingAction())
    with pytest.raises(ActionExecutionRejection):
        _call(executor, "action_that_rejects")


def test_a_stage_found_after_a_48n_is_measured_against_its_deadline(domain):
    # T37 c33: "48n recue le 2 aout. stage trouve le 1er et 2 decembre. ca passe ?" (read as no question) got the deadline
    # (2 December 2026) but never whether that stage meets it; a stage "trouvé" is a stage booked, its day the stage's
    text = "48n recue le 2 aout. stage trouve le 1er et 2 decembre. ca passe ?"
    assert {"entity": "date", "value": "2026-12-01", "role": "stage"} in [
        {k: e.get(k) for k in ("entity", "value", "role")} for e in parsed(text, "2026-12-01")]
    chat = Conversation(domain, text, "nlu_fallback", fallback.ActionSuggestQuestions(),
                        {"letter_48n_date": "2026-08-02", "letter_code": "48N"}, today="2026-12-01")
    assert chat.slots["stage_first_day"] == "2026-12-01"
    assert {"event": "followup", "name": "action_answer_mandatory_stage"}.items() <= chat.events[-2].items()
    # the Rasa server then runs the follow-up with the stage's day set (R15: the stage ends 2 December, the deadline)
    reply = chat._answer(answers.ActionAnswerMandatoryStage(), chat.tracker(text, "nlu_fallback"))
    assert reply.startswith("Obligation remplie si vous suivez tout le stage : il se termine le 2 décembre 2026, le jour "
                            "même de la date limite")


def test_a_bare_day_answers_the_day_asked_of_the_month_told(domain):
    # T37 c03: "jai eu mon permis en mars 2025", the probation answered with 31 March 2025 ("Donnez-moi le jour
    # exact"), then "le 14": read as 14 November 2026 (the last 14th), the answer became a new licence's, 6 points. The
    # 14th of THAT March: 8 points, probation until 14 March 2028, +2 on 14 March 2027 (R5)
    chat = Conversation(domain, "non", "deny", answers.ActionAnswerProbation(),
                        {"licence_date": "2025-03", "supervised_driving": False, "complementary_training": False,
                         "probation_offence": False}, today="2026-12-01")
    assert "j'ai retenu le 31 mars 2025, la date la plus prudente. Donnez-moi le jour exact" in chat.reply
    reply = chat.say("le 14", "inform", corrections.ActionApplyCorrection())
    assert chat.slots["licence_date"] == "2025-03-14"
    assert "Votre permis est probatoire jusqu'au 14 mars 2028" in reply
    assert "vous gagnerez 2 points le 14 mars 2027" in reply and "novembre" not in reply


@pytest.mark.parametrize("text, expected", [
    ("le 3 juin je crois", "2025-06-03"),  # (the NLU reads 3 June 2026: after the payment of 12 June 2025)
    ("le 3 juin 2026", "2026-06-03"),  # a year written is the user's, kept as said (the answer says what is wrong)
    ("le 10 juin", "2025-06-10"),
])
def test_an_offence_day_said_without_its_year_comes_before_its_payment(domain, text, expected):
    # T37 c30: payment told (12 June 2025), then "le 3 juin je crois" to "À quelle date l'infraction a-t-elle été commise
    # ?": "Impossible de répondre : le paiement … ne peut pas précéder la date de l'infraction", twice
    tracker = make_tracker(slots={"licence_date": "2023-12-10", "fine_payment_date": "2025-06-12", "offence_type": "phone",
                                  "probation_offence": True},
                           text=text, entities=parsed(text, "2026-12-01"), requested_slot="offence_date",
                           form="probation_form")
    value = next(e["value"] for e in parsed(text, "2026-12-01") if e["entity"] == "date")
    result = forms.ValidateProbationForm().validate_offence_date(value, CollectingDispatcher(), tracker, domain)
    assert result == {"offence_date": expected}


def test_a_day_said_by_its_number_in_a_hypothesis_is_the_next_one(domain):
    # T37 c29: 3 points paid on 5 December 2024 (2nd class: all back on 5 December 2026, R9), then "et si je me fais
    # flasher le 3, 1 pt ?" on 1 December: read as 3 November 2027; the next 3rd is 3 December 2026, two days before the
    # full recovery, which it pushes back (R9 example 4)
    text = "clignotant pas mis, 3 pts, paye le 5 decembre 2024. jamais rien eu dautre. quand je recup?"
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"last_offence_points": 3, "fine_payment_date": "2024-12-05", "offence_class": "c2"},
                        today="2026-12-01")
    assert "le 5 décembre 2026" in chat.reply
    reply = chat.say("et si je me fais flasher le 3, 1 pt ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Si vous commettiez le 3 décembre 2026 une infraction"), reply
    assert "2027" not in reply.split("\n")[0]


@pytest.mark.parametrize("first", [
    "bonjour je suis en suspension de permis 3 mois depuis le 20 novembre, je peux faire un stage pendant ?",
    "bonjour mon permis est suspendu, je peux faire un stage pendant ? 3 mois à partir du 20 novembre",
])
def test_the_end_of_a_suspension_told_with_its_length_is_given(domain, first):
    # T37 c12: "suspension de permis 3 mois depuis le 20 novembre" (the licence named between the word and the length),
    # then "et ma suspension elle finit quand ?": asked its start and length again; 3 months from 20 November 2026
    chat = Conversation(domain, first, "ask_suspension", answers.ActionAnswerSuspension(),
                        {"licence_status": "suspended"}, today="2026-12-01")
    reply = chat.say("et ma suspension elle finit quand ?", "ask_suspension", answers.ActionAnswerSuspension())
    assert "Vous pourrez reconduire à partir du 20 février 2027" in reply, reply


@pytest.mark.parametrize("text, intent, gap", [
    ("et sur le site ca marque 10 mais moi je pense que jen ai 8, qui a raison ?", "nlu_fallback",
     "d'un retrait pas encore enregistré"),
    ("le site officiel dit 10, moi jai compte 8", "inform", "d'un retrait pas encore enregistré"),
    ("Mes Points Permis affiche 6 points, moi j'en ai compté 8, qui fait foi ?", "ask_check_balance",
     "d'un point revenu que vous n'avez pas compté"),
])
def test_the_files_balance_against_ones_own_count(domain, text, intent, gap):
    # T37 c32: after how to check the balance, "sur le site ca marque 10 mais moi je pense que jen ai 8, qui a raison
    # ?" got a request to rephrase, then "Quelle est votre question ?", then the same text: the file prevails (R1, R19)
    chat = Conversation(domain, "comment je vois mes points", "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        {}, today="2026-12-01")
    assert "Mes Points Permis" in chat.reply
    action = {"nlu_fallback": fallback.ActionSuggestQuestions(), "inform": corrections.ActionApplyCorrection(),
              "ask_check_balance": answers.ActionAnswerCheckBalance()}[intent]  # (the action Rasa runs for each)
    reply = chat.say(text, intent, action)
    assert reply.startswith("« Mes Points Permis » affiche "), reply
    assert "c'est le solde du Fichier national des permis de conduire qui fait foi" in reply and gap in reply


def test_a_stage_done_last_week_told_alone_opens_what_it_gives(domain):
    # T37 c01: "slt jai fait un stage la semaine derniere" got "D'accord. Quelle est votre question ?" and the stage was
    # forgotten ("cb de pts jai recup ?" then got how to check the balance): a stage done within the month its points
    # take to be recorded (R.223-8) is what the user asks about, its form asking the balance before it (R12)
    text = "slt jai fait un stage la semaine derniere"
    chat = Conversation(domain, text, "inform", corrections.ActionApplyCorrection(), {}, today="2026-12-01")
    assert chat.slots["stage_first_day"] == "2026-11-23"
    assert {"event": "followup", "name": "points_after_stage_form"}.items() <= chat.events[-2].items()
    assert "Quelle est votre question" not in chat.reply
    older = Conversation(domain, "j'ai fait un stage en mars 2024", "inform", corrections.ActionApplyCorrection(), {},
                         today="2026-12-01")
    assert older.slots.get("stage_first_day") is None  # (a stage of long ago may be about the next one: asked)


def test_a_simple_letter_received_told_alone_gets_what_it_means(domain):
    # T37 c09: "jai eu une 48 hier" got "D'accord. Quelle est votre question ?", then "ca veut dire quoi" got "Quelle lettre
    # avez-vous reçue ?": a bare 48 received is the letter (R19), and told alone its meaning follows
    text = "jai eu une 48 hier"
    assert ("letter_code", "48") in [(e["entity"], e["value"]) for e in parsed(text, "2026-12-01")]
    # (the slots Rasa filled from the message, logged after it, as the server sends them)
    tracker = make_tracker(new_slots=slots_filled_by_rasa(parsed(text, "2026-12-01"), domain, "inform"), text=text,
                           entities=parsed(text, "2026-12-01"), intent="inform")
    reply = "\n".join(run_messages(corrections.ActionApplyCorrection(), tracker, domain)[1])
    assert reply.startswith("La lettre 48 vous informe d'un retrait de points"), reply
    # a speed is no letter
    assert ("speed_excess", 48) in [(e["entity"], e["value"]) for e in parsed("j'ai eu une 48 km/h de trop", "2026-12-01")]


@pytest.mark.parametrize("text, intent, action", [
    ("et si le centre annule et me le reporte au 12 et 13 ?", "ask_stage_info", answers.ActionAnswerStageInfo()),
    ("donc le 12 c trop tard ou pas ??", "nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_a_stage_moved_after_the_48n_deadline_is_measured_against_it(domain, text, intent, action):
    # T37 c15: 48N received on 5 August (deadline 5 December 2026), stage on 4-5 December "dans le délai"; then the
    # centre moves it "au 12 et 13" (answered with the centre's conditions) and "donc le 12 c trop tard ou pas ??" got
    # the 4-5 December answer again: a stage from 12 December is after the deadline (R15, R16)
    chat = Conversation(domain, "Bonjour, j'ai reçu ma 48N le 5 août, j'ai trouvé un stage le 4 et 5 décembre, c'est bon ?",
                        "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                        {"letter_48n_date": "2026-08-05", "letter_code": "48N", "stage_first_day": "2026-12-04"},
                        today="2026-12-01")
    assert "c'est encore dans le délai" in chat.reply
    chat.slots["last_question"] = "action_answer_mandatory_stage"
    chat.say(text, intent, action)
    assert chat.slots["stage_first_day"] == "2026-12-12"
    assert {"event": "followup", "name": "action_answer_mandatory_stage"}.items() <= chat.events[-2].items()
    reply = chat._answer(answers.ActionAnswerMandatoryStage(), chat.tracker(text, intent))
    first = reply.split("\n")[0]  # ("c trop tard ou pas ?" gets "Oui : le stage…")
    assert first.startswith("Oui : le stage" if "trop tard" in text else "Le stage"), reply
    assert "e stage se terminera le 13 décembre 2026, après la date limite du 5 décembre 2026 : l'obligation n'est pas " \
           "remplie à temps" in first
