"""Corrections after an answer ("non, c'était en 2023", "en fait il me reste 5 points"):
the corrected fact replaces the one it corrects, and the last question is answered again."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.forms import DATE_SLOTS, ValidateProbationForm

# Which slots a bare value may correct, most specific first.
NUMBER_SLOTS = ("current_balance", "last_offence_points", "speed_excess", "speed_limit")
ANSWERS = {cls().name(): cls for cls in answers.AnswerAction.__subclasses__()}


def last_set(tracker: Tracker, candidates: tuple) -> Optional[str]:
    """The candidate slot most recently given a value in the conversation."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") in candidates and event.get("value") is not None:
            return event["name"]
    return None


def bare_value(tracker: Tracker, entity: str) -> Any:
    for found in (tracker.latest_message or {}).get("entities", []):
        if found.get("entity") == entity and not found.get("role"):
            return found.get("value")
    return None


class ActionApplyCorrection(Action):
    def name(self) -> Text:
        return "action_apply_correction"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        corrections: Dict[str, Any] = dict(tracker.slots_to_validate())
        date_value, number_value = bare_value(tracker, "date"), bare_value(tracker, "points") or bare_value(tracker, "number")
        if date_value is not None and not any(s in corrections for s in DATE_SLOTS):
            target = last_set(tracker, DATE_SLOTS)
            if target:
                corrections[target] = date_value
        if number_value is not None and not any(s in corrections for s in NUMBER_SLOTS):
            target = last_set(tracker, NUMBER_SLOTS)
            if target:
                corrections[target] = number_value
        if not corrections:
            dispatcher.utter_message(response="utter_what_question")
            return []

        validator = ValidateProbationForm()
        validated: Dict[str, Any] = {}
        for slot, value in corrections.items():
            validate = getattr(validator, f"validate_{slot}", None)
            validated.update(validate(value, dispatcher, tracker, domain) if validate else {slot: value})
        events: List[EventType] = [SlotSet(slot, value) for slot, value in validated.items()]
        if any(value is None for value in validated.values()):
            return events  # the validator said what was wrong
        tracker.slots.update(validated)
        answer = ANSWERS.get(tracker.get_slot("last_question"))
        if answer is None:
            dispatcher.utter_message(text="C'est noté. Quelle est votre question ?")
            return events
        dispatcher.utter_message(text="C'est noté, je refais le calcul.")
        return events + answer().run(dispatcher, tracker, domain)
