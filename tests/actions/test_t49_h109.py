"""Tester T49 (replays on 1 December 2026), items of branch h109: an offence supposed in the past weighed on the
balance computed, then dropped ("c'était juste une hypothèse"); ..."""
from __future__ import annotations

from typing import Optional

import pytest
from rasa_sdk import Tracker

from actions import answers, corrections, fallback
from tests.actions.conversation import FormConversation, opened, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

#: the actions a FollowupAction names in these conversations
_FOLLOWED = {"action_apply_correction": corrections.ActionApplyCorrection}


def say_followed(chat: FormConversation, text: str, intent: str, action) -> str:
    """`chat.say`, then the action the first one hands the same message to (a FollowupAction), as the Rasa server
    runs it: both answers of that turn, in order."""
    tracker = chat.tracker(text, intent)
    chat.events, chat.slots = tracker.events[:], dict(tracker.slots)
    replies = [chat._answer(action, tracker)]
    follow: Optional[str] = next((e.get("name") for e in reversed(chat.events) if e.get("event") == "followup"), None)
    user_at = max(i for i, e in enumerate(chat.events) if e.get("event") == "user")
    if follow is not None and any(e.get("event") == "followup" for e in chat.events[user_at:]):
        followed = Tracker(sender_id="test", slots=dict(chat.slots), latest_message=tracker.latest_message,
                           events=[e for e in chat.events if e.get("name") != "action_listen" or
                                   chat.events.index(e) < user_at], paused=False, followup_action=None,
                           active_loop={}, latest_action_name=action.name())
        replies.append(chat._answer(_FOLLOWED[follow](), followed))
    return "\n".join(r for r in replies if r)


# --- t49-c21: red light 5 October 2023 paid on the 12th (12 points since 12 October 2026), then "et si j'avais été
# flashé à +10 … en juin 2026, payé le 1er juillet 2026 ?", then "c'était juste une hypothèse" (R1, R2, R8, R9)

C21 = "bonjour j'avais 12 points, feu rouge le 5 octobre 2025 payé le 12 octobre 2025. il m'en reste combien ?"
C21_FIX = "ah non pardon c'etait en 2023, pas 2025"
C21_IF = "et si jvais ete flashé a +10 sur une route a 80 en juin 2026, payé le 1er juillet 2026 ?"
C21_UNDO = "non non c'etait juste une hypothese, en vrai j'ai rien eu depuis le feu rouge"


def c21_chat(domain) -> FormConversation:
    chat = opened(domain, C21, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 8 points"), chat.reply
    reply = say_followed(chat, C21_FIX, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Solde aujourd'hui : 12 points" in reply, reply
    return chat


def test_c21_an_offence_supposed_in_the_past_is_weighed_on_the_balance(domain):
    # t49-c21: the supposed excess got its sheet alone (1 point, 68 €), nothing on the balance. R1, R2, R8, R9: with
    # it, 12 − 4 (red light, its return stopped: the 3 years ran from 12 October 2023) − 1 = 7 points today, its
    # point back on 1 January 2027, 12 on 1 July 2029 (3 years: the red light is a 4th class); said as a supposition
    chat = c21_chat(domain)
    reply = say_followed(chat, C21_IF, "nlu_fallback", fallback.ActionSuggestQuestions())
    print(reply)
    assert "7 points" in reply, reply
    assert "1er janvier 2027" in reply and "1er juillet 2029" in reply, reply
    assert "hypothèse" in reply, reply
    assert "C'est noté" not in reply and "12 octobre 2028" not in reply, reply
    assert "Amende forfaitaire" not in reply, reply


def test_c21_the_supposition_taken_back_restates_the_balance_without_it(domain):
    # t49-c21: "c'était juste une hypothèse, en vrai j'ai rien eu depuis le feu rouge" got "C'est noté, je refais le
    # calcul" and the red light's sheet. The supposition dropped, the balance of the facts told: 12 points (R1, R9)
    chat = c21_chat(domain)
    say_followed(chat, C21_IF, "nlu_fallback", fallback.ActionSuggestQuestions())
    reply = say_followed(chat, C21_UNDO, "deny", corrections.ActionApplyCorrection())
    print(reply)
    assert "Solde aujourd'hui : 12 points" in reply, reply
    assert "Amende forfaitaire" not in reply and "7 points" not in reply, reply
