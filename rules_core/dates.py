"""Calendar conventions of spec §0.3, by name.

All durations are calendar durations added **from the anchor date** in one step with
``dateutil.relativedelta`` (never chained): same day of month, clamped to the last day
of the month when it does not exist (31/08 + 6 months = 28 or 29/02; 29/02/2028 + 1 year
= 28/02/2029). This is the CPC art. 641 convention used by analogy [I]. A deadline that
falls on a weekend is not moved [I].
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from dateutil.relativedelta import relativedelta

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)

_DURATION_KEYS = ("years", "months", "days")


def as_relativedelta(duration: Mapping[str, int]) -> relativedelta:
    """A parameter duration (``{"years": 1, "days": 1}``) as one relativedelta (plural keys only)."""
    unknown = set(duration) - set(_DURATION_KEYS)
    if unknown:
        raise ValueError(f"unknown duration keys: {sorted(unknown)}")
    return relativedelta(**{k: int(v) for k, v in duration.items()})


def add(anchor: date, duration: Mapping[str, int]) -> date:
    """``anchor`` + ``duration`` in one step (§0.3: 31 Jan + 2 months = 31 Mar, not 28 Mar)."""
    return anchor + as_relativedelta(duration)


def subtract(anchor: date, duration: Mapping[str, int]) -> date:
    """``anchor`` − ``duration`` in one step."""
    return anchor - as_relativedelta(duration)


def next_day(day: date) -> date:
    """« Le lendemain » (§0.3): the calendar day after."""
    return day + timedelta(days=1)


def previous_day(day: date) -> date:
    """The calendar day before."""
    return day - timedelta(days=1)


def anniversary(anchor: date, years: int) -> date:
    """``anchor`` + ``years`` years (§0.3 anniversary; 29 Feb → 28 Feb)."""
    return anchor + relativedelta(years=years)


def format_long_fr(day: date) -> str:
    """French long date: « 1er décembre 2026 », « 4 mars 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


def format_duration_fr(duration: Mapping[str, int]) -> str:
    """« 1 an et 1 jour », « 4 mois », « 18 mois », « 2 ans »."""
    parts = []
    for key, singular, plural in (("years", "an", "ans"), ("months", "mois", "mois"), ("days", "jour", "jours")):
        value = int(duration.get(key, 0))
        if value:
            parts.append(f"{value} {singular if value == 1 else plural}")
    if not parts:
        return "0 jour"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " et " + parts[-1]


def parse_iso(text: str) -> date:
    """``YYYY-MM-DD`` → date (raises ValueError otherwise)."""
    return date.fromisoformat(text)
