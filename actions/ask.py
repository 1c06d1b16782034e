"""The form's question for each slot, asked once per turn.

A validator that refuses an answer often re-asks itself, more precisely than the form would
("Quel jour de janvier 2026 ?" after "en janvier"); it then sets `reasked_slot`. Rasa's form asks
the next slot anyway, through `action_ask_<slot>` when the domain has one: these actions say the
domain's `utter_ask_<slot>` only when the validator has not already asked, so the user never gets
two questions at once.
"""
from __future__ import annotations

import abc
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import reasked_marker

# The slots the forms ask for, each with its `utter_ask_<slot>` in domain.yml.
ASKED_SLOTS = (
    "licence_date", "supervised_driving", "complementary_training", "training_date", "current_balance",
    "stage_first_day", "previous_stage_date", "letter_48n_date", "fine_payment_date", "probation_offence",
    "offence_date", "last_offence_points", "offence_class", "offence_type", "speed_limit", "speed_excess",
    "letter_code",
)


class AskSlot(Action, abc.ABC):
    """action_ask_<slot>: the form's question, unless the validator already re-asked it this turn."""

    slot: Text = ""

    @abc.abstractmethod
    def name(self) -> Text:
        """action_ask_<slot>."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot("reasked_slot") != reasked_marker(self.slot, tracker):
            dispatcher.utter_message(response=f"utter_ask_{self.slot}")
        return [SlotSet("reasked_slot", None)]


# One class per slot: the action server registers actions by class.
for _slot in ASKED_SLOTS:
    globals()[f"AskSlot_{_slot}"] = type(f"AskSlot_{_slot}", (AskSlot,), {
        "slot": _slot, "name": lambda self: f"action_ask_{self.slot}", "__module__": __name__})
