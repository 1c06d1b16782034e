"""Conversations held as the Rasa server holds them, for the tests of actions: the user's message with the slots
the domain's mappings fill from its entities, the form's validation when the message opens a form, then the answer
action; each step's events and messages kept, so that the next message is read after them."""
from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk.executor import CollectingDispatcher

from tests.actions.conftest import TODAY, make_tracker, parsed, slots_filled_by_rasa


def run_messages(action, tracker, domain=None) -> Tuple[List[dict], List[str]]:
    """The action's events, and its messages one by one (each a `bot` event of the Rasa server)."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain or {})
    if inspect.iscoroutine(events):
        events = asyncio.run(events)
    return list(events), [m.get("text") or m.get("response") or "" for m in dispatcher.messages]


def run(action, tracker, domain=None) -> Tuple[List[dict], str]:
    events, messages = run_messages(action, tracker, domain)
    return events, "\n".join(messages)


def mapped_slots(entities: List[dict], domain: Dict[str, Any], intent: Optional[str] = None) -> Dict[str, Any]:
    """The slots Rasa fills from a message's entities outside a form (`conftest.slots_filled_by_rasa`)."""
    return slots_filled_by_rasa(entities, domain, intent)


class Conversation:
    """A conversation held as the Rasa server sends it: events, and the slots they leave."""

    def __init__(self, domain, text: str, intent: str, action, slots: Dict[str, Any], today: str = TODAY):
        self.domain, self.today = domain, today
        self.events: List[dict] = [{"event": "user", "text": text, "parse_data": {
            "intent": {"name": intent}, "entities": parsed(text, today)}}] + [
            {"event": "slot", "name": k, "value": v} for k, v in slots.items()]
        self.slots = dict(slots)
        self.reply = self._answer(action, make_tracker(slots=slots, text=text, entities=parsed(text, today), intent=intent,
                                                       history=self.events[:0]))

    def _answer(self, action, tracker) -> str:
        # (each message its own bot event, as the Rasa server logs them: "the last bot message" is the last bubble)
        events, messages = run_messages(action, tracker, self.domain)
        text = "\n".join(messages)
        self.events += [{"event": "action", "name": action.name()}, *({"event": "bot", "text": m} for m in messages),
                        *events, {"event": "action", "name": "action_listen"}]
        self.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        return text

    def tracker(self, text: str, intent: str, form: Optional[str] = None):
        entities = parsed(text, self.today)
        return make_tracker(slots=self.slots, new_slots=mapped_slots(entities, self.domain, intent), text=text,
                            entities=entities, intent=intent, history=list(self.events), form=form)

    def say(self, text: str, intent: str, action) -> str:
        tracker = self.tracker(text, intent)
        self.events, self.slots = tracker.events[:], dict(tracker.slots)
        return self._answer(action, tracker)


class FormConversation(Conversation):
    """A conversation whose message may open a form: the form's validation of the slots Rasa filled, what it said
    (`form_said`, kept in the conversation as the server logs it), then the answer."""

    form_said = ""

    def say_in_form(self, text: str, intent: str, form: str, validator, action) -> str:
        tracker = self.tracker(text, intent, form=form)
        events, messages = run_messages(validator, tracker, self.domain)
        self.form_said = "\n".join(messages)
        slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
        self.events = tracker.events[:] + [{"event": "bot", "text": m} for m in messages if m] + \
            [e for e in events if e.get("event") == "slot"]
        self.slots = {**tracker.slots, **slots}
        return self._answer(action, self.tracker_after_form(text, intent))

    def tracker_after_form(self, text: str, intent: str):
        return make_tracker(slots=self.slots, text=text, entities=parsed(text, self.today), intent=intent,
                            history=self.events)


def opened(domain, text: str, intent: str, action, today: str = TODAY, **known: Any) -> FormConversation:
    """The conversation opened by `text`: the slots Rasa's mappings fill from it for `intent`, with the facts `known`
    before it, then `action`'s answer (`.reply`)."""
    slots = {**mapped_slots(parsed(text, today), domain, intent), **known}
    return FormConversation(domain, text, intent, action, slots, today=today)
