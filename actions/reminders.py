"""The same question asked again in other words gets a short reminder of the answer, not the whole answer again.

An answer action runs with `reminding(dispatcher, tracker)` instead of its dispatcher: a text it sends that the
assistant sent in its previous turn (the same facts give the same rendered answer) becomes "Comme indiqué :"
with its result line (the first line of the answer: `rules_core.wording_fr.render` puts the result there), and an
offer to compute again if a fact changed (testers c15, c17). A message that answers a question of a form, or that
asks to hear the answer again ("tu peux répéter ?"), still gets the whole answer.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.third_person import said_of_the_subject
from bot.nlu.fact_parsing import fold

REMINDER = "Comme indiqué : {result}"
RECOMPUTE_OFFER = "\nSi un élément de votre situation a changé, dites-le-moi : je referai le calcul."
# Messages that answer a form's question (their answer is the form's, computed once) and are not a question again
ANSWER_INTENTS = ("inform", "affirm", "deny", "dont_know")
# "tu peux répéter ?", "redis-moi tout", "en détail ?": the whole answer
_ASKS_IT_AGAIN = re.compile(r"\brepet\w*|\bredi\w*|\bre-?explique\w*|\bdetail\w*|\ben entier\b")


def already_sent(tracker: Tracker, text: str) -> bool:
    """Whether the assistant sent this very text in its previous turn (the question asked again at once; after
    another answer in between, "j'ai combien de points ?" again after a hypothesis, the whole answer is worth it)."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif users == 1 and event.get("event") == "bot" and (event.get("text") or "").strip() == text.strip():
            return True
    return False


def result_line(text: str) -> str:
    """The first line of an answer, its result, as it reads after "Comme indiqué :"."""
    line = text.strip().splitlines()[0].strip().lstrip("- ")
    keep_capital = len(line) > 1 and (line[1].isupper() or line[1].isdigit() or line.startswith(("Mes ", "FNPC")))
    return line if keep_capital else line[:1].lower() + line[1:]


def reminder_of(tracker: Tracker, text: Optional[str], recompute: bool = True) -> Optional[str]:
    """The short reminder that replaces `text` when it was already sent for a question asked again, with the offer to
    compute again when a fact changes (`recompute`); None otherwise."""
    if not text or not already_sent(tracker, text):
        return None
    latest = tracker.latest_message or {}
    if ((latest.get("intent") or {}).get("name") in ANSWER_INTENTS
            or _ASKS_IT_AGAIN.search(fold(latest.get("text") or ""))):
        return None
    return REMINDER.format(result=result_line(text)) + (RECOMPUTE_OFFER if recompute else "")


class _Reminding:
    """The answers' common dispatcher: a computed answer about someone else's licence is said of that person
    (`actions.third_person`), and an answer already sent becomes a reminder (see `reminder_of`)."""

    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker, recompute: bool):
        self._dispatcher, self._tracker, self._recompute = dispatcher, tracker, recompute

    def utter_message(self, text: Optional[str] = None, **kwargs: Any) -> None:
        if self._recompute:  # "mon fils a eu un excès…": said of him, not of the user (c15)
            text = said_of_the_subject(self._tracker, text)
        reminder = None if kwargs.get("buttons") else reminder_of(self._tracker, text, self._recompute)
        self._dispatcher.utter_message(text=reminder or text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._dispatcher, name)


def reminding(dispatcher: CollectingDispatcher, tracker: Tracker, recompute: bool = True) -> CollectingDispatcher:
    """`dispatcher`, sending a reminder instead of an answer already sent in the conversation (with the offer to compute
    again when a fact changes, for a computed answer: `recompute`)."""
    if isinstance(dispatcher, _Reminding):
        return dispatcher
    return _Reminding(dispatcher, tracker, recompute)  # type: ignore[return-value]
