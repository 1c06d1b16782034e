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
    before_turn: Optional[List[dict]] = None  # (the events before the message the form read last)

    @classmethod
    def before_first_message(cls, domain, today: str = TODAY) -> "FormConversation":
        """A conversation before its first message."""
        chat = cls.__new__(cls)
        chat.domain, chat.today, chat.slots, chat.events = domain, today, {}, []
        return chat

    def read_by_form(self, text: str, intent: str, form: str, validator, requested: Optional[str] = None,
                     question: Optional[str] = None, asks: Optional[str] = None, **filled: Any) -> str:
        """The user's message read by the form only, before any answer: the slots Rasa maps for `intent` (and
        `filled`, those its mappings conditioned on the question `requested` fill), validated; what the form said
        (`form_said`), kept in the conversation with the slots it set. With `question`, the form then asks it as
        the server does: the loop active, the question (for the slot `asks`, then `requested_slot`), listening."""
        entities = parsed(text, self.today)
        tracker = make_tracker(slots=self.slots, new_slots={**mapped_slots(entities, self.domain, intent), **filled},
                               text=text, entities=entities, intent=intent, history=list(self.events), form=form,
                               requested_slot=requested)
        events, messages = run_messages(validator, tracker, self.domain)
        slot_events = [e for e in events if e.get("event") == "slot"]
        loop = [{"event": "action", "name": form}, {"event": "active_loop", "name": form}] if question else []
        asked = [{"event": "bot", "text": question}, {"event": "action", "name": "action_listen"}] if question else []
        self.before_turn = list(self.events)
        self.events = tracker.events[:] + loop + [{"event": "bot", "text": m} for m in messages if m] + slot_events \
            + asked
        self.slots = {**tracker.slots, **{e["name"]: e["value"] for e in slot_events}}
        if asks:
            self.slots["requested_slot"] = asks
        self.form_said = "\n".join(messages)
        return self.form_said

    def say_in_form(self, text: str, intent: str, form: str, validator, action) -> str:
        self.read_by_form(text, intent, form, validator)
        return self._answer(action, self.tracker_after_form(text, intent))

    def followed(self, reply: str, text: str, intent: str, action) -> str:
        """`reply`, or when the action that gave it handed over to another (a FollowupAction), that action's."""
        if reply or self.events[-2].get("event") != "followup":
            return reply
        return self._answer(action, self.tracker_after_form(text, intent))

    def tracker_after_form(self, text: str, intent: str):
        return make_tracker(slots=self.slots, text=text, entities=parsed(text, self.today), intent=intent,
                            history=self.events)

    def next_asked(self, form: str, validator) -> Optional[str]:
        """The slot the form asks next (None: it has all it needs and the answer follows)."""
        tracker = make_tracker(slots=self.slots, form=form, history=self.events)
        tracker.events = list(self.events)
        required = asyncio.run(validator.required_slots(self.domain["forms"][form]["required_slots"],
                                                        CollectingDispatcher(), tracker, self.domain))
        return next((slot for slot in required if self.slots.get(slot) is None), None)

    def answer_after_form(self, text: str, intent: str, action) -> str:
        """The answer once the form has all it needs, to the message it read last (`reply`): after that message and
        what the form said to it, as the server runs the answer in the same turn."""
        if self.before_turn is None:
            self.reply = self._answer(action, self.tracker_after_form(text, intent))
            return self.reply
        tracker = make_tracker(slots=self.slots, text=text, entities=parsed(text, self.today), intent=intent,
                               history=self.before_turn)
        tracker.events += [e for e in self.events[len(self.before_turn) + 1:] if e.get("event") == "bot"]
        self.events = list(tracker.events)
        self.reply = self._answer(action, tracker)
        return self.reply


def form_opened(domain, text: str, intent: str, form: str, validator, today: str = TODAY) -> FormConversation:
    """The conversation `text` opens through `form`, before any answer: the slots Rasa maps for `intent`, validated
    (`form_said`); `answer_after_form` answers it when `next_asked` is None."""
    chat = FormConversation.before_first_message(domain, today)
    chat.read_by_form(text, intent, form, validator)
    return chat


def opened_in_form(domain, text: str, intent: str, form: str, validator, action, today: str = TODAY
                   ) -> FormConversation:
    """The conversation `text` opens through `form`: the form's validation of the slots Rasa filled, then the
    answer (`.reply`), as the server runs them when the form asks nothing."""
    chat = FormConversation.before_first_message(domain, today)
    chat.reply = chat.say_in_form(text, intent, form, validator, action)
    return chat


def opened(domain, text: str, intent: str, action, today: str = TODAY, **known: Any) -> FormConversation:
    """The conversation opened by `text`: the slots Rasa's mappings fill from it for `intent`, with the facts `known`
    before it, then `action`'s answer (`.reply`)."""
    slots = {**mapped_slots(parsed(text, today), domain, intent), **known}
    return FormConversation(domain, text, intent, action, slots, today=today)
