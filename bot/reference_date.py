"""The one reference date ("today") of the assistant (action server and NLU components).

`BOT_TODAY=YYYY-MM-DD` pins it (tests, demos); otherwise it is the real date in
Europe/Paris, where the law applies.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def today() -> date:
    pinned = os.environ.get("BOT_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError as error:
            raise RuntimeError(f"BOT_TODAY doit être au format AAAA-MM-JJ, reçu « {pinned} ».") from error
    return datetime.now(PARIS).date()
