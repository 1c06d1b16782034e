"""Tester T61 (1 December 2026) and T58, items of branch h144: a question about taxes in the middle of a form, a stop that
carries a question."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import FormConversation
from tests.actions.test_forms import run as run_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

LICENCE_DATE_ASKED = "À quelle date avez-vous obtenu votre permis ? (par exemple : 12/03/2024, ou « mars 2024 »)"
BALANCE_ASKED = "Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, dites « je ne sais pas »)"


def _stage_form_asking_the_licence(domain):
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Mes points après un stage", "ask_points_after_stage", "points_after_stage_form",
                      forms.ValidatePointsAfterStageForm(), question=BALANCE_ASKED, asks="current_balance")
    chat.read_by_form("sept", "inform", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested="current_balance", question=LICENCE_DATE_ASKED, asks="licence_date",
                      current_balance=7)
    return chat


# --- t61-c27: "attendez, avant : le stage est il déductible des impots ?" while the stage's form asked the licence's
# date: read as the eligibility question, whose form took over (the previous stage asked), the taxes ignored twice

TAX_QUESTIONS = [
    "attendez, avant : le stage est il déductible des impots ?",
    "le stage on peut le déduire des impôts ?",
    "est-ce que le stage est déductible ?",
    "y a un crédit d'impôt pour le stage ?",
]


@pytest.mark.parametrize("text", TAX_QUESTIONS)
@pytest.mark.parametrize("intent", ["ask_stage_info", "nlu_fallback", "inform"])
def test_taxes_asked_in_the_form_are_answered_then_the_question_again(domain, text, intent):
    chat = _stage_form_asking_the_licence(domain)
    tracker = make_tracker(slots=chat.slots, intent=intent, text=text, entities=parsed(text, TODAY),
                           requested_slot="licence_date", form="points_after_stage_form", history=list(chat.events))
    filled, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    said = "\n".join(m or "" for m in messages)
    assert "impots.gouv.fr" in said and "ne relève pas du Code de la route" in said, said
    assert filled["requested_slot"] == "licence_date" and filled.get("licence_date") is None


def test_the_form_goes_on_with_the_facts_told_after_the_taxes(domain):
    # "bon non jamais fait de stage, et mon permis c'est avril 2018" after the taxes' answer: the same form takes them
    chat = _stage_form_asking_the_licence(domain)
    text = "attendez, avant : le stage est il déductible des impots ?"
    tracker = make_tracker(slots=chat.slots, intent="ask_stage_eligibility", text=text, entities=parsed(text, TODAY),
                           requested_slot="licence_date", form="points_after_stage_form", history=list(chat.events))
    filled, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert "impots.gouv.fr" in "\n".join(m or "" for m in messages)
    chat.read_by_form(text, "ask_stage_eligibility", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested="licence_date", question=LICENCE_DATE_ASKED, asks="licence_date")
    chat.read_by_form("bon non jamais fait de stage, et mon permis c'est avril 2018", "deny", "points_after_stage_form",
                      forms.ValidatePointsAfterStageForm(), requested="licence_date", licence_date="2018-04")
    assert str(chat.slots.get("licence_date") or "").startswith("2018-04"), chat.slots
    assert chat.slots.get("current_balance") == 7


@pytest.mark.parametrize("text", ["les impôts c'est payé", "j'ai 7 points, déduits de mon relevé"])
def test_no_taxes_question_no_taxes_answer(text):
    from actions.informational import taxes_asked
    assert not taxes_asked(text)


# --- t58-c25 (remainder): "stop on arrête le calcul. explique moi juste ce que c'est le plafond" (read as stop, 0.9):
# the rules of data/rules/forms.yml cancel the form (utter_cancelled), then action_other_question answers the question
# the cancel carries; it got the cancel only

CANCELLED = "D'accord, j'abandonne cette question."
CEILING = "Le plafond, c'est le nombre maximal de points que votre permis peut avoir : 12 points"


def _after_a_cancel(domain, text, intent="stop"):
    from actions.two_part import ActionAnswerOtherQuestion
    chat = _stage_form_asking_the_licence(domain)
    tracker = make_tracker(slots={**chat.slots, "requested_slot": None}, intent=intent, text=text,
                           entities=parsed(text, TODAY), history=list(chat.events))
    tracker.events += [{"event": "action", "name": "action_deactivate_loop"}, {"event": "active_loop", "name": None},
                       {"event": "slot", "name": "requested_slot", "value": None},
                       {"event": "action", "name": "utter_cancelled"}, {"event": "bot", "text": CANCELLED}]
    from tests.actions.conversation import run
    return run(ActionAnswerOtherQuestion(), tracker, domain)[1]


@pytest.mark.parametrize("text", [
    "stop on arrête le calcul. explique moi juste ce que c'est le plafond",
    "stop. c'est quoi le plafond ?",
    "annule, et c'est quoi ce plafond ?",
])
def test_a_stop_that_carries_a_question_answers_it_after_the_cancel(domain, text):
    said = _after_a_cancel(domain, text)
    assert CEILING in said, said
    assert "?" not in said.splitlines()[-1][-3:], said  # (nothing asked after it)


@pytest.mark.parametrize("text", ["stop", "annuler", "on arrête là", "laisse tomber le calcul"])
def test_a_stop_alone_says_nothing_more(domain, text):
    assert _after_a_cancel(domain, text) == ""


def test_a_stop_asking_about_taxes_gets_where_to_ask(domain):
    assert "impots.gouv.fr" in _after_a_cancel(domain, "stop. et le stage, il est déductible des impôts ?")


@pytest.mark.parametrize("text", [
    "annulez, expliquez-moi juste ce que c'est le plafond",
    "laisse tomber, explique moi plutôt ce que c'est le plafond",
])
def test_a_cancel_read_in_the_form_answers_the_question_it_carries(domain, text):
    chat = _stage_form_asking_the_licence(domain)
    reply = chat.say_in_form(text, "inform", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             answers.ActionAnswerPointsAfterStage())
    said = chat.form_said + "\n" + reply
    assert (CANCELLED in said or "utter_cancelled" in said) and CEILING in said, said
    assert "À quelle date" not in said, said
