"""Tester T9: informational follow-ups answered with the user's dates, facts given not asked again, a third person's
answer in the third person throughout."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import follow_ups
from actions.answers import ActionAnswerRefund48n
from tests.actions.conftest import make_tracker, parsed, user_said


def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    return [m.get("text") for m in dispatcher.messages if m.get("text")], events


def _after(tracker, action_name, texts):
    """The tracker's events once `action_name` answered with `texts`."""
    return [*tracker.events, {"event": "action", "name": action_name},
            *({"event": "bot", "text": text} for text in texts),
            {"event": "slot", "name": "last_question", "value": action_name},
            {"event": "action", "name": "action_listen"}]


# T9 c37: stage 48N on 23-24 November 2026, the letter's date not told: the request's day is 9 December 2026 (R16
# example 1: 15 days after the stage's last day), not "dans les 15 jours" alone
C37_FIRST = ("mon fils a fait son stage 48N les 23 et 24 novembre. il doit envoyer la demande de remboursement avant "
             "quelle date ? et a qui ?")


def _c37_answer(first_of_december, domain):
    slots = {"stage_first_day": "2026-11-23", "letter_code": "48N"}
    tracker = make_tracker(slots=slots, intent="ask_refund_48n", text=C37_FIRST, entities=parsed(C37_FIRST, "2026-12-01"))
    texts, _ = _run(ActionAnswerRefund48n(), tracker, domain)
    return slots, tracker, texts


def test_the_refund_request_day_from_the_stage_told(first_of_december, domain):
    _, _, texts = _c37_answer(first_of_december, domain)
    answer = "\n".join(texts)
    assert "Envoyez la demande rapidement, au plus tard le 9 décembre 2026 (15 jours après le stage)" in answer
    assert "Envoyez au comptable public (Trésor) du lieu de l'infraction" in answer


@pytest.mark.parametrize("text, lead, late", [
    ("donc si il l'envoie le 10 decembre c trop tard ?", "Oui", True),  # T9 c37
    ("et le 12 décembre ça passe encore ?", "Non", True),
    ("si je l'envoie le 8 décembre je suis dans les temps ?", "Oui", False),
    ("le 9 décembre c'est trop tard ?", "Non", False),  # the last day is in time
    ("je peux l'envoyer le 15 ?", "Non", True),
])
def test_a_day_against_the_refund_request_day(first_of_december, domain, text, lead, late):
    slots, tracker, texts = _c37_answer(first_of_december, domain)
    then = make_tracker(slots={**slots, "last_question": "action_answer_refund_48n"}, intent="nlu_fallback", text=text,
                        entities=parsed(text, "2026-12-01"), history=_after(tracker, "action_answer_refund_48n", texts))
    reply = follow_ups.answer_in_context(then)
    assert reply.startswith(f"{lead} : le ")
    assert "au plus tard le 9 décembre 2026, 15 jours après la fin du stage" in reply
    assert ("aucun texte ne prévoit" in reply.lower()) == late  # spec R16: 15 days not a forfeiture [U]


def test_no_day_compared_when_the_answer_gave_no_request_day(first_of_december, domain):
    # the stage not told: "dans les 15 jours qui suivent la fin du stage", no day to measure against
    tracker = make_tracker(slots={"letter_code": "48N"}, intent="ask_refund_48n", text="je dois envoyer quoi et à qui ?")
    texts, _ = _run(ActionAnswerRefund48n(), tracker, domain)
    text = "le 10 décembre c'est trop tard ?"
    then = make_tracker(slots={"last_question": "action_answer_refund_48n"}, intent="nlu_fallback", text=text,
                        entities=parsed(text, "2026-12-01"), history=_after(tracker, "action_answer_refund_48n", texts))
    assert not (follow_ups.answer_in_context(then) or "").startswith(("Oui", "Non"))
