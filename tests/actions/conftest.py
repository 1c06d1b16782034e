"""Build rasa-sdk trackers the way the Rasa server sends them to the action server."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker

from bot import services

TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", TODAY)


@pytest.fixture
def first_of_december(monkeypatch):
    """The testers' reference date (their conversations ran with BOT_TODAY=2026-12-01)."""
    monkeypatch.setenv("BOT_TODAY", "2026-12-01")


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((services.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def make_tracker(
    slots: Optional[Dict[str, Any]] = None,
    new_slots: Optional[Dict[str, Any]] = None,
    intent: str = "inform",
    text: str = "",
    entities: Optional[List[dict]] = None,
    requested_slot: Optional[str] = None,
    form: Optional[str] = None,
    latest_action: str = "action_listen",
    history: Optional[List[dict]] = None,
) -> Tracker:
    """`slots`: known before the message; `new_slots`: set from the last message (to validate)."""
    all_slots = dict(slots or {})
    all_slots.update(new_slots or {})
    all_slots["requested_slot"] = requested_slot
    events = list(history or [])
    events.append({"event": "user", "text": text,
                   "parse_data": {"intent": {"name": intent}, "entities": entities or []}})
    events += [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
    if not form:  # as the Rasa server sends it to an action run outside a form
        events.append({"event": "user_featurization", "use_text_for_featurization": False})
    return Tracker(
        sender_id="test",
        slots=all_slots,
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": form} if form else {},
        latest_action_name=latest_action,
    )


def parsed(text: str, today: str = TODAY) -> List[dict]:
    """The entities the NLU pipeline gives a message (bot.nlu.french_facts, without importing Rasa), on `today`."""
    from datetime import date

    from bot.nlu.fact_parsing import extract_facts
    return [{"entity": fact.entity, "value": fact.value, "start": fact.start, "end": fact.end,
             **({"role": fact.role} if fact.role else {})}
            for fact in extract_facts(text, date.fromisoformat(today))]


def user_said(text: str, intent: str = "inform") -> dict:
    """A past user message as the tracker holds it."""
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": parsed(text)}}


def slots_filled_by_rasa(entities: List[dict], domain: Dict[str, Any], intent: Optional[str] = None) -> Dict[str, Any]:
    """The slots Rasa fills from a message's entities outside a form, as `ActionExtractSlots` does: the
    `from_entity` mappings without conditions, whose `intent` / `not_intent` admit the message's intent; a slot
    takes its first such mapping that finds an entity, and the LAST value of that entity in the message (Rasa's
    `value[-1]`), or all of them for a list slot."""
    filled: Dict[str, Any] = {}
    for slot, spec in domain["slots"].items():
        for mapping in spec.get("mappings", []):
            if mapping.get("type") != "from_entity" or mapping.get("conditions"):
                continue
            wanted = mapping.get("intent") or []
            wanted = [wanted] if isinstance(wanted, str) else wanted
            unwanted = mapping.get("not_intent") or []
            unwanted = [unwanted] if isinstance(unwanted, str) else unwanted
            if not ((not wanted and intent not in unwanted) or intent in wanted):  # SlotMapping.intent_is_desired
                continue
            found = [e["value"] for e in entities
                     if e["entity"] == mapping["entity"] and e.get("role") == mapping.get("role")]
            if found:
                filled[slot] = found if spec.get("type") == "list" else found[-1]
                break
    return filled
