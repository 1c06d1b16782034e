"""End to end: the real Rasa server and action server, French messages over the REST channel."""
from __future__ import annotations

import requests

from bot import services
from tests.conftest import PINNED_TODAY, Conversation, free_port


def test_greeting_is_answered_in_french(conversation):
    reply = conversation.say_text("bonjour")
    assert "Bonjour" in reply and "permis à points" in reply
    buttons = [b["title"] for part in conversation.last_payload for b in part.get("buttons", [])]
    assert "Mes points après un stage" in buttons


def test_help_goes_through_the_action_server(conversation):
    reply = conversation.say_text("qu'est-ce que tu sais faire ?")
    assert "stage" in reply and "48N" in reply
    events = conversation.tracker()["events"]
    assert any(e.get("event") == "action" and e.get("name") == "action_help" for e in events)


def test_out_of_scope_and_bot_challenge(conversation):
    assert "uniquement aux questions sur le permis à points" in conversation.say_text("quel temps fera-t-il demain ?")
    assert "assistant automatique" in conversation.say_text("est-ce que tu es un robot ?")


def test_conversations_survive_a_restart(trained_model, tmp_path):
    database = tmp_path / "conversations.db"
    options = dict(model=trained_model, tracker_db=database, extra_env={"BOT_TODAY": PINNED_TODAY},
                   config_dir=tmp_path)
    with services.running(rasa_port=free_port(), action_port=free_port(), **options) as bot:
        conversation = Conversation(bot)
        conversation.say("bonjour")
        sender = conversation.sender
    assert database.exists()
    with services.running(rasa_port=free_port(), action_port=free_port(), **options) as bot:
        tracker = requests.get(f"{bot.rasa_url}/conversations/{sender}/tracker", timeout=30).json()
    user_texts = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
    assert "bonjour" in user_texts
