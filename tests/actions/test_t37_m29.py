"""Tester T37's findings fixed in the main session (stop 29): a reply for every message, whatever fails inside."""
from __future__ import annotations

import asyncio
import logging

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection

from actions import answers, never_silent
from tests.actions.test_what_if import Conversation

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
