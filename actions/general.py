"""General-purpose actions (help)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

HELP_TEXT = (
    "Je peux calculer, pour votre situation :\n"
    "- vos points après un stage de récupération ;\n"
    "- si un stage vous rendra des points, et à partir de quand ;\n"
    "- la date à laquelle vos points reviennent automatiquement ;\n"
    "- votre plafond et vos points en permis probatoire ;\n"
    "- le stage obligatoire après une lettre 48N et le remboursement de l'amende ;\n"
    "- les points retirés pour une infraction.\n"
    "Je vous explique aussi les lettres 48, 48M, 48N et 48SI. Posez votre question !"
)


class ActionHelp(Action):
    def name(self) -> Text:
        return "action_help"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=HELP_TEXT)
        return []
