"""Tester T58 (1 December 2026), items of branch h138: a side question on the ceiling while a form asks a fact, a fact
declined ("c'est pour ma culture générale"), the stage's points asked "quand après", a thanks that ends the topic."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t58-c25: "c'est quoi le plafond dont tu parles ?" while the stage's form asks the balance: "je réponds juste
# après", and never answered; the ceiling is said at once (R1, R5, R12), then the question asked again

@pytest.mark.parametrize("text", [
    "attends, c'est quoi le plafond dont tu parles ?",
    "c'est quoi le plafond ?",
    "qu'est-ce que c'est ce plafond ?",
    "le plafond ça veut dire quoi ?",
])
@pytest.mark.parametrize("intent", ["nlu_fallback", "inform"])
def test_the_ceiling_asked_mid_form_is_answered_at_once(domain, text, intent):
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, TODAY), requested_slot="current_balance",
                           form="points_after_stage_form")
    filled, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    said = "\n".join(m or "" for m in messages)
    assert "juste après" not in said, said
    assert "Le plafond, c'est le nombre maximal de points que votre permis peut avoir : 12 points" in said, said
    assert "6 points au départ, puis 8" in said and "un stage rend jusqu'à 4 points" in said, said
    assert filled["requested_slot"] == "current_balance" and filled.get("current_balance") is None


@pytest.mark.parametrize("text", ["c'est quoi le plafond de 8 points ?", "c quoi mon plafond",
                                  "c'est quoi le plafond de mon permis"])
def test_a_ceiling_of_its_own_is_not_the_meaning_asked(text):
    from actions.informational import side_question_answer
    assert side_question_answer(text, parsed(text, TODAY)) is None


# --- t58-c06 (and c02's end): the fact asked declined ("c'est pour ma culture générale"), or the topic closed with
# thanks ("ça me suffit merci"): the form ends politely, nothing asked again (it got "Je n'ai pas compris votre réponse",
# or "Avec plaisir !", and the question again)

LICENCE_DATE_ASKED = "À quelle date avez-vous obtenu votre permis ? (par exemple : 12/03/2024, ou « mars 2024 »)"
BALANCE_ASKED = "Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, dites « je ne sais pas »)"


def _new_licence_question(domain):
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Combien de points a-t-on quand on vient d'avoir le permis ?", "ask_probation", "probation_form",
                      forms.ValidateProbationForm(), question=LICENCE_DATE_ASKED, asks="licence_date")
    return chat


def _stage_question(domain):
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Je voudrais savoir combien de points j'aurai après mon stage", "ask_points_after_stage",
                      "points_after_stage_form", forms.ValidatePointsAfterStageForm(), question=BALANCE_ASKED,
                      asks="current_balance")
    return chat


@pytest.mark.parametrize("text, intent", [
    ("non c'est pour ma culture générale merci", "deny"),
    ("c'est juste pour savoir", "inform"),
    ("non non, par simple curiosité", "deny"),
    ("je suis pas concerné, c'était une question générale", "nlu_fallback"),
])
def test_a_fact_declined_ends_the_form_politely(domain, text, intent):
    from actions import answers
    chat = _new_licence_question(domain)
    reply = chat.say_in_form(text, intent, "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    said = chat.form_said + "\n" + reply
    assert "Je n'ai pas compris" not in said and "À quelle date" not in said, said
    assert chat.slots.get("requested_slot") is None
    assert reply.startswith("D'accord : la règle générale ci-dessus vous suffit donc"), reply


@pytest.mark.parametrize("text, intent", [
    ("ça me suffit merci", "thank"),
    ("ok ça ira, merci", "thank"),
    ("c'est bon merci", "thank"),
    ("merci, j'ai ma réponse", "thank"),
])
def test_a_thanks_that_closes_the_topic_asks_nothing_again(domain, text, intent):
    from actions import answers
    chat = _stage_question(domain)
    reply = chat.say_in_form(text, intent, "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             answers.ActionAnswerPointsAfterStage())
    said = chat.form_said + "\n" + reply
    assert "Combien de points" not in said, said
    assert chat.slots.get("requested_slot") is None
    assert reply.startswith("Avec plaisir ! Je m'arrête là."), reply


@pytest.mark.parametrize("text", ["merci", "ok merci"])
def test_a_plain_thanks_mid_form_still_goes_on(domain, text):
    chat = _stage_question(domain)
    said = chat.read_by_form(text, "thank", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             requested="current_balance")
    assert said == "Avec plaisir !", said
    assert chat.next_asked("points_after_stage_form", forms.ValidatePointsAfterStageForm()) == "current_balance"


def test_just_to_know_to_the_offence_day_is_still_an_offence_to_come():
    from actions.mid_form import topic_ended
    assert topic_ended(make_tracker(text="c'est juste pour savoir", requested_slot="offence_date")) is None


# --- t58-c02: "on récupère les points quand après ?" after the stage's card: the stage's points, the day after its
# 2nd day (R12), not the recovery without a stage (6 months, 2 or 3 years: R8, R9), and no form opened

STAGE_CARD_QUESTION = "Bonjour, un stage de récupération de points coûte combien et ça dure combien de temps ?"


@pytest.mark.parametrize("text, intent", [
    ("d'accord, et on recupere les points quand apres ?", "ask_auto_recovery"),
    ("ok et les points arrivent quand sur le permis ?", "ask_auto_recovery"),
    ("et je les récupère au bout de combien de temps les points ?", "ask_auto_recovery"),
    ("et c'est crédité quand ?", "ask_points_after_stage"),
])
def test_when_the_points_come_after_the_stage_card_is_the_stages(domain, text, intent):
    from actions import answers
    from tests.actions.conversation import opened
    chat = opened(domain, STAGE_CARD_QUESTION, "ask_stage_info", answers.ActionAnswerStageInfo(), TODAY)
    assert "2 jours consécutifs" in chat.reply, chat.reply
    form, validator, action = {
        "ask_auto_recovery": ("auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                              answers.ActionAnswerAutoRecovery()),
        "ask_points_after_stage": ("points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                                   answers.ActionAnswerPointsAfterStage())}[intent]
    reply = chat.say_in_form(text, intent, form, validator, action)
    said = chat.form_said + "\n" + reply
    assert "Les points du stage comptent dès le lendemain de son dernier jour." in said, said
    assert "6 mois" not in said and "2 ans" not in said and "Combien de points" not in said, said
    assert chat.slots.get("requested_slot") is None


# --- h131's leftover (t57-c25): a side question with facts of its own left the stage's form ("… c'est quoi la
# différence entre une lettre 48 et une 48M ? j'ai reçu une 48M"): answered, then the balance was not asked again;
# it is now, and the balance told then still resumes the stage's question

@pytest.mark.parametrize("side", [
    "attendez avant, c'est quoi la différence entre une lettre 48 et une 48M ? j'ai reçu une 48M",
    "au fait j'ai reçu une 48M, ça veut dire quoi ?",
])
def test_the_stage_question_is_asked_again_after_a_side_letter_question(domain, side):
    from actions import answers, corrections
    chat = _stage_question(domain)
    # (as the server logs the form's question: its requested slot set before it)
    chat.events.insert(len(chat.events) - 2, {"event": "slot", "name": "requested_slot", "value": "current_balance"})
    reply = chat.say_in_form(side, "ask_letter", "letter_form", forms.ValidateLetterForm(), answers.ActionAnswerLetter())
    assert "La lettre 48M" in reply, reply
    # (the domain's question for the balance: its response, which the server says as BALANCE_ASKED)
    assert reply.splitlines()[-1] in (BALANCE_ASKED, "utter_ask_current_balance"), reply
    assert sum(line in (BALANCE_ASKED, "utter_ask_current_balance") for line in reply.splitlines()) == 1, reply
    told = chat.say("ok. bon il m'en reste 4", "inform", corrections.ActionApplyCorrection())
    assert "La lettre 48" not in told, told
    assert chat.slots["current_balance"] == 4


def test_a_letter_asked_alone_asks_nothing_after_it(domain):
    from actions import answers
    from tests.actions.conversation import opened_in_form
    chat = opened_in_form(domain, "c'est quoi une lettre 48M ?", "ask_letter", "letter_form", forms.ValidateLetterForm(),
                          answers.ActionAnswerLetter(), TODAY)
    assert "La lettre 48M" in chat.reply and "Combien de points" not in chat.reply, chat.reply


@pytest.mark.parametrize("text, intent, form, validator, asked", [
    ("non c'est pour ma culture générale merci", "deny", "probation_form", forms.ValidateProbationForm(), "licence_date"),
    ("ça me suffit merci", "nlu_fallback", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
     "current_balance"),
])
def test_the_form_ended_by_a_decline_is_not_rejected(domain, text, intent, form, validator, asked):
    # live, the validation that set only requested_slot was rejected by the form: the core's fallback or correction
    # spoke first ("Avec plaisir ! Avez-vous une autre question sur vos points ?"); the slot asked is set, if to None
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, TODAY), requested_slot=asked, form=form)
    filled, _ = run_form(validator, tracker, domain)
    assert asked in filled and filled[asked] is None and filled["requested_slot"] is None, filled


@pytest.mark.parametrize("text", ["non merci c'est bon, bonne journée", "ça me suffit merci, au revoir"])
def test_a_goodbye_with_the_thanks_is_still_a_goodbye(text):
    # (the goodbye said once by its own path: mid_form.says_goodbye, tester T49 c30)
    from actions.mid_form import cancels_the_question, topic_ended
    tracker = make_tracker(text=text, intent="nlu_fallback", requested_slot="last_offence_points",
                           form="auto_recovery_form")
    assert topic_ended(tracker) is None and cancels_the_question(tracker)
