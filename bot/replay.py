"""Print a conversation from the SQLite tracker store, for support staff.

`python -m bot replay <conversation_id> [--db var/conversations.db]` shows, in order, with the
time (Paris): what the user wrote, the intent and its confidence (and entities), the actions
run, what the assistant answered (with its buttons) and the slots set. `--list` shows the
conversations of the database, most recent first.

It reads the database directly (stdlib sqlite3): no Rasa, no model, it starts at once.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator, Optional
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
INDENT = " " * 11  # under the time column "HH:MM:SS  "

# Bookkeeping events that say nothing to a human (shown with --all).
QUIET_EVENTS = {"user_featurization"}
QUIET_ACTIONS = {"action_listen", "action_session_start"}


class ReplayError(Exception):
    """A conversation that cannot be shown (no database, unknown id)."""


@dataclass
class Event:
    timestamp: Optional[float]
    data: dict

    @property
    def type(self) -> str:
        return self.data.get("event", "")


def _connect(db: Path) -> sqlite3.Connection:
    if not Path(db).exists():
        raise ReplayError(f"Base de conversations introuvable : {db}")
    # Read-only: support staff must not be able to alter a conversation by accident.
    return sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)


def load_events(db: Path, conversation_id: str) -> list[Event]:
    with _connect(db) as connection:
        rows = connection.execute(
            "SELECT timestamp, data FROM events WHERE sender_id = ? ORDER BY id", (conversation_id,)
        ).fetchall()
    if not rows:
        raise ReplayError(f"Aucune conversation « {conversation_id} » dans {db}.")
    return [Event(timestamp, json.loads(data) if data else {}) for timestamp, data in rows]


def list_conversations(db: Path, limit: int = 50) -> list[tuple[str, float, float, int]]:
    """(id, first timestamp, last timestamp, number of user messages), most recent first."""
    with _connect(db) as connection:
        return connection.execute(
            "SELECT sender_id, MIN(timestamp), MAX(timestamp), SUM(type_name = 'user') "
            "FROM events GROUP BY sender_id ORDER BY MAX(timestamp) DESC LIMIT ?",
            (limit,),
        ).fetchall()


def _time(timestamp: Optional[float], with_date: bool = False) -> str:
    if timestamp is None:
        return "        "
    moment = datetime.fromtimestamp(timestamp, PARIS)
    return moment.strftime("%d/%m/%Y %H:%M:%S" if with_date else "%H:%M:%S")


def _value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _continued(text: str) -> str:
    """Multi-line texts stay aligned under their first line."""
    return text.replace("\n", "\n" + INDENT + "  ")


def format_event(event: Event, show_all: bool = False) -> list[str]:
    """The lines describing one event (none for bookkeeping events unless show_all)."""
    data, kind = event.data, event.type
    at = _time(event.timestamp)
    if kind == "user":
        lines = [f"{at}   Utilisateur : {_continued(data.get('text') or '')}"]
        parse = data.get("parse_data") or {}
        intent = parse.get("intent") or {}
        if intent.get("name"):
            confidence = intent.get("confidence")
            shown = f" (confiance {confidence:.2f})" if isinstance(confidence, (int, float)) else ""
            lines.append(f"{INDENT}intention : {intent['name']}{shown}")
        for entity in parse.get("entities") or []:
            lines.append(f"{INDENT}entité : {entity.get('entity')} = {_value(entity.get('value'))}")
        input_channel = data.get("input_channel")
        if show_all and input_channel:
            lines.append(f"{INDENT}canal : {input_channel}")
        return lines
    if kind == "bot":
        lines = [f"{at}   Assistant : {_continued(data.get('text') or '')}"]
        buttons = (data.get("data") or {}).get("buttons") or []
        if buttons:
            titles = " | ".join(str(b.get("title")) for b in buttons)
            lines.append(f"{INDENT}boutons : {titles}")
        return lines
    if kind == "action":
        name = data.get("name")
        if name in QUIET_ACTIONS and not show_all:
            return []
        details = [p for p in (data.get("policy"),) if p]
        if isinstance(data.get("confidence"), (int, float)):
            details.append(f"{data['confidence']:.2f}")
        suffix = f" ({', '.join(details)})" if details else ""
        return [f"{at}   → action {name}{suffix}"]
    if kind == "slot":
        return [f"{at}   ✎ slot {data.get('name')} = {_value(data.get('value'))}"]
    if kind == "session_started":
        return [f"{_time(event.timestamp, with_date=True)} ── nouvelle session ──"]
    if kind == "active_loop":
        name = data.get("name")
        return [f"{at}   ⟳ formulaire {name} activé" if name else f"{at}   ⟳ formulaire terminé"]
    if kind == "restart":
        return [f"{at}   ── conversation redémarrée ──"]
    if kind == "rewind":
        return [f"{at}   ↶ dernier message utilisateur annulé"]
    if kind == "action_execution_rejected":
        return [f"{at}   ✗ action {data.get('name')} refusée"]
    if kind in QUIET_EVENTS and not show_all:
        return []
    return [f"{at}   [{kind}]"]


def format_conversation(conversation_id: str, events: Iterable[Event], show_all: bool = False) -> Iterator[str]:
    events = list(events)
    stamps = [e.timestamp for e in events if e.timestamp is not None]
    users = sum(1 for e in events if e.type == "user")
    yield f"Conversation {conversation_id}"
    if stamps:
        yield (f"du {_time(min(stamps), with_date=True)} au {_time(max(stamps), with_date=True)} "
               f"(heure de Paris), {users} message(s) de l'utilisateur")
    yield ""
    day = None
    for event in events:
        if event.timestamp is not None:
            current = datetime.fromtimestamp(event.timestamp, PARIS).date()
            if day is not None and current != day and event.type != "session_started":
                yield f"── {current.strftime('%d/%m/%Y')} ──"
            day = current
        yield from format_event(event, show_all=show_all)


def replay(db: Path, conversation_id: str, show_all: bool = False) -> str:
    return "\n".join(format_conversation(conversation_id, load_events(db, conversation_id), show_all))


def format_list(db: Path, limit: int = 50) -> str:
    rows = list_conversations(db, limit)
    if not rows:
        return f"Aucune conversation dans {db}."
    lines = [f"{'dernière activité':<19}  {'messages':>8}  conversation"]
    for sender, _first, last, users in rows:
        lines.append(f"{_time(last, with_date=True):<19}  {users or 0:>8}  {sender}")
    return "\n".join(lines)
