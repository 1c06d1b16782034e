""""et demain ?", "et dans 6 mois ?" after an answer: the same situation on a later day. Not a goodbye (the NLU
heard "à demain"), and no new fact: what the last answer already dated between today and that day changes it,
and nothing else does as long as no new offence is committed (R8, R9, R12 give every date such an answer holds).
The reply quotes the answer's own lines, so no law is written here."""
from __future__ import annotations

import re
from datetime import date
from typing import List, Optional, Tuple

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from rules_core.dates import MONTHS_FR, format_long_fr
from actions.slot_values import InvalidAnswer, PartialDate, stage_days_said

# "et demain ?", "et dans 6 mois ?", "et le mois prochain alors ?": short, about a day only
LATER_MAX_CHARS = 45
ABOUT_A_LATER_DAY = re.compile(r"^\W*(?:et|mais|ok et|donc)\b|\?\s*$")
# "et si je fais le stage le 3 mars ?", "et si je paie demain ?": a what-if of a fact, not the same case later on
_NAMES_A_FACT = re.compile(r"\bsi\b|\bs'il|stage|lettre|\b48|permis|point|\bpts?\b|pa[iy]|infraction|amende|flash"
                           r"|recu|retir|perd|perdu|rembours"
                           # another stage, by its pronoun: "je peux en refaire un en mars 2027 ?" (tester T7 c01)
                           r"|\ben (?:re)?(?:fai|pass|suiv)\w* (?:un|une|1)\b")
_LONG_DATE = re.compile(r"\b(\d{1,2})(?:er)? (" + "|".join(fold(m) for m in MONTHS_FR) + r") (\d{4})\b")


def _later_day_asked(tracker: Tracker) -> Optional[date]:
    """The one day to come the latest message asks about, when it says nothing else."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    entities = message.get("entities", [])
    if not text or len(text) > LATER_MAX_CHARS or not ABOUT_A_LATER_DAY.search(text) or len(entities) != 1 \
            or _NAMES_A_FACT.search(text):
        return None
    entity = entities[0]
    if entity.get("entity") != "date" or entity.get("role") or \
            stage_days_said((message.get("text") or "")[entity.get("start") or 0:entity.get("end") or 0]):
        return None  # ("et le 27 et 28 février ?": a stage's two days, not the case on a later day; T7 c19)
    try:
        day = PartialDate.parse(entity.get("value")).earliest()
    except (InvalidAnswer, TypeError):
        return None
    return day if day > today() else None


def _dated_lines(text: str) -> List[Tuple[date, str]]:
    """The lines of an answer with the first long date each gives ("le 1er mars 2029")."""
    found = []
    for line in text.splitlines():
        match = _LONG_DATE.search(fold(line))
        if not match:
            continue
        day, month, year = int(match.group(1)), [fold(m) for m in MONTHS_FR].index(match.group(2)) + 1, int(match.group(3))
        try:
            found.append((date(year, month, day), line.lstrip("- ").strip()))
        except ValueError:
            continue
    return found


def later_on(tracker: Tracker, last_answer_text: str) -> Optional[str]:
    """The reply to "et demain ?" after an answer, None when the message is not about a later day."""
    asked = _later_day_asked(tracker)
    if asked is None or not last_answer_text:
        return None
    ahead = [(day, line) for day, line in _dated_lines(last_answer_text) if today() < day]
    until = [line for day, line in ahead if day <= asked]
    when = f"Le {format_long_fr(asked)}"
    if until:
        listed = "\n".join(f"- {line}" for line in dict.fromkeys(until))
        return f"{when}, sans nouvelle infraction, ma réponse change à ces dates, déjà indiquées :\n{listed}"
    after = min((day for day, _ in ahead), default=None)
    following = f" La prochaine date qu'elle donne est le {format_long_fr(after)}." if after else ""
    return (f"{when}, rien ne change par rapport à ma réponse, tant qu'aucune nouvelle infraction n'est commise : "
            f"aucune de ses échéances ne tombe d'ici là.{following}")
