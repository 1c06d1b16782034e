"""The balance of a licence over time, from its known offences: R1, R2, R8–R10, R18, R20.

R1 (L.223-1 al. 1 and 3): the balance never exceeds the ceiling of the day; a *computed* balance may fall
below 0, which only matters for saving the licence (R18). R2: a retrait counts from the day it takes effect
(the ministry's decision, or ``realite`` as an estimate). R8–R10 (L.223-6): single points, the full capital
and the 10-year returns come back on their dates. R20 (L.223-1 al. 3, L.223-5): once the computed balance
reaches 0 the licence loses its validity, opposable when the 48SI is notified; nothing comes back after that
day, and only a stage completed before the notification can save it (R18, CE 29/09/2023 n° 461479).

The walk starts at the ceiling on the day of the first offence. It counts the stages the driver says they did
(R11–R14, L.223-6 al. 4, R.223-8): each gives up to 4 points the day after its last day, never above the ceiling of
that day (R12: during probation the frozen one, R7), at most one a year (R13), and one completed after the retrait
that brought the balance to 0 saves the licence when the balance reaches 1 (R18). Without any stage told, the
answers say « sans compter un stage éventuel »: an unknown offence could only lower it, a stage could raise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Mapping, Optional, Sequence, Tuple

from . import dates
from .model import Offence
from .params import ParamValue, load_params
from .reasoning import reason
from .stage import next_point_stage


@dataclass(frozen=True)
class ZeroBalance:
    """The retrait that brings the computed balance to 0 or below (R20)."""

    offence: Offence
    on: Optional[date]      # the day it takes effect; None while the offence is not established
    balance: int            # the computed balance once every known retrait is counted (≤ 0)
    ceiling: int            # the ceiling that day, which caps a saving stage (R12)


@dataclass(frozen=True)
class StageCredit:
    """What one stage done gave (R12, R13, R18)."""

    first_day: date
    last_day: date
    effective: date         # the day after the last day (R.223-8)
    points: int             # credited; 0 when it gave none
    balance_before: int     # computed before it (may be ≤ 0, R18)
    balance_after: int
    ceiling: int            # the ceiling that day, which caps it (R12)
    outcome: str            # credited, saved, at_ceiling, too_early, cannot_save
    previous: Optional[date] = None  # for too_early: the first day of the stage that gave points before it
    earliest: Optional[date] = None  # for too_early: the first day from which a stage gave points again


@dataclass(frozen=True)
class BalanceWalk:
    balance: int                            # on the question date, never below 0 (R1)
    computed: int                           # on the question date, may be negative (R1 edge case, R18)
    withdrawn: int                          # points whose retrait has taken effect by the question date
    returned: int                           # single points (R8) and 10-year points (R10) back by then
    next_return: Optional[Tuple[date, date]]  # (date, realite) of the next single point to come back
    zero: Optional[ZeroBalance]
    before_zero: tuple                      # offences withdrawn before the one that reaches 0
    stages: Tuple[StageCredit, ...] = ()    # the stages told, with what each gave
    credited: int = 0                       # points given back by stages by the question date
    reached_zero: tuple = ()                # offences whose retrait brought the balance to 0 or below, even if a
                                            # stage saved the licence afterwards: a 48SI, not a 48N, was their letter

    def with_stage(self, max_gain: int) -> Optional[int]:
        """R18: the computed balance after a stage completed before the 48SI (None when no zero)."""
        if self.zero is None:
            return None
        return self.zero.balance + min(max_gain, self.zero.ceiling - self.zero.balance)


# On one day: points coming back, the full capital, a stage taking effect (it ended the day before), then a retrait
# taking effect that day (decided after the stage, R18).
_RETURN, _FULL, _STAGE, _RETRAIT, _STATED = 0, 1, 2, 3, 4


def walk_balance(rows: Sequence[Tuple[Offence, Mapping]], *, start: int, ceiling_on: Callable[[date], int],
                 today: date, stages: Sequence[date] = (), stated: Optional[Tuple[date, int]] = None,
                 start_on: Optional[date] = None) -> BalanceWalk:
    """R1, R2, R8–R10, R12, R13, R18, R20 — the balance day by day from ``start``.

    ``rows`` pairs each offence with a retrait and its recovery row (``automatic_recovery``): its single-point,
    10-year and full-recovery dates. On one day, points come back before a new retrait is counted.
    ``stages``: the first days of the stages done (cases 1 or 2, R11), each two consecutive days (R.223-5).
    ``stated``: (day, points), a balance the driver states for the end of that day ("il me restait 4 points après le
    retrait"): the walk takes it there, and what comes after (returns, stages, the full capital) counts from it, up to
    the ceiling of each day (R1, R7); the points withdrawn, returned and credited are then those after that day.
    ``start_on``: the day ``start`` is the balance of (a balance told "just before the first offence"): a stage that
    took effect by then is already in it, and only starts the year before the next stage gives points (R13).
    """
    events = []
    if stated is not None:
        events.append((stated[0], _STATED, None, stated[1]))
    full_dates = []
    for first_day in sorted(set(stages)):
        view = load_params().at(first_day)
        last_day = dates.add(first_day, view.value("stage.length"))
        events.append((dates.add(last_day, view.value("stage.effect_offset")), _STAGE, (first_day, last_day), 0))
    for offence, row in rows:
        events.append((offence.effective or date.max, _RETRAIT, offence, offence.points))
        if row["single_point_return"] is not None:
            events.append((row["single_point_return"], _RETURN, row["realite"], 1))
        if row["ten_year_return"] is not None:
            events.append((row["ten_year_return"], _RETURN, None, offence.points))
        if row["full_recovery"] is not None:
            events.append((row["full_recovery"], _FULL, None, 0))
            full_dates.append(row["full_recovery"])
    last_full = max(full_dates, default=date.max)
    computed = on_today = start
    withdrawn = returned = 0
    next_return = None
    zero = None
    before = []
    reached = []
    credits = []
    credited = 0
    last_credited = None
    for day, kind, subject, points in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == _STATED:
            computed, withdrawn, returned, credited = points, 0, 0, 0
        elif kind == _STAGE and start_on is not None and day <= start_on:
            last_credited = subject[0]  # (in the balance told: "il en avait 4" after a stage of 2025, T32 c29)
        elif kind == _STAGE:
            credit = _stage_credit(subject, day, computed, ceiling_on(day), last_credited)
            credits.append(credit)
            if credit.points:
                computed, last_credited = credit.balance_after, credit.first_day
                credited += credit.points if day <= today else 0
            if credit.outcome == "saved":
                zero = None  # R18: completed before the 48SI, the stage saves the licence
        elif kind == _RETRAIT:
            computed -= points
            withdrawn += points if day <= today else 0
            if computed <= 0:
                reached.append(subject)
            if zero is None and computed <= 0:
                # a saving stage comes after the retrait and after today: the ceiling of that time (R12)
                zero = ZeroBalance(offence=subject, on=None if day == date.max else day, balance=computed,
                                   ceiling=ceiling_on(today if day == date.max else max(day, today)))
            elif zero is None:
                before.append(subject)
        elif zero is None and kind == _FULL:
            # the points the full recovery gives back count as returned ("4 points retirés, 4 revenus"; it said
            # "0 point revenu" beside a balance back to 12, tester T14 c21)
            returned += max(0, ceiling_on(day) - computed) if day <= today else 0
            computed = ceiling_on(day)
        elif zero is None:
            computed = min(ceiling_on(day), computed + points)
            returned += points if day <= today else 0
            if subject is not None and day > today and next_return is None and day < last_full:
                next_return = (day, subject)
        if day <= today:
            on_today = computed
    if zero is not None:
        # the computed balance a stage would start from: with the retraits taken effect by today when the zero is
        # past (R2: an offence not established yet withdraws nothing; T24 c10 said "-3" for a 0 of 2024, counting a
        # phone offence of 2026 still pending), with all of them when the zero itself is to come
        past = zero.on is not None and zero.on <= today
        zero = ZeroBalance(offence=zero.offence, on=zero.on, balance=on_today if past else computed,
                           ceiling=zero.ceiling)
    return BalanceWalk(balance=max(0, on_today), computed=on_today, withdrawn=withdrawn, returned=returned,
                       next_return=next_return, zero=zero, before_zero=tuple(before), stages=tuple(credits),
                       credited=credited, reached_zero=tuple(reached))


def _stage_credit(days: Tuple[date, date], effective: date, balance: int, ceiling: int,
                  previous: Optional[date]) -> StageCredit:
    """R12, R13, R18 — what a stage done gives: up to 4 points within the ceiling of the day it takes effect, none
    within a year of the last stage that gave points, and none when even 4 points leave the balance below 1."""
    first_day, last_day = days
    view = load_params().at(first_day)
    earliest = next_point_stage(previous, view)[0] if previous is not None else None
    gain = min(view.value("stage.max_gain"), ceiling - balance)
    if earliest is not None and first_day < earliest:
        outcome, gain = "too_early", 0
    elif balance >= ceiling:
        outcome, gain = "at_ceiling", 0
    elif balance + gain < 1:
        outcome, gain = "cannot_save", 0
    else:
        outcome = "saved" if balance <= 0 else "credited"
    return StageCredit(first_day=first_day, last_day=last_day, effective=effective, points=gain,
                       balance_before=balance, balance_after=balance + gain, ceiling=ceiling, outcome=outcome,
                       previous=previous if outcome == "too_early" else None,
                       earliest=earliest if outcome == "too_early" else None)


def stage_reasons(walk: BalanceWalk, *, today: date) -> list:
    """R12, R13, R18 — what each stage told gave, in the order they took effect."""
    reasons = []
    for credit in walk.stages:
        view = load_params().at(credit.first_day)
        max_gain = view.get("stage.max_gain")
        if credit.outcome == "too_early":
            reasons.append(reason("balance.stage_too_early", "R13", params=(view.get("stage.min_interval"),),
                                  refs=("SP-F14208",), days=(credit.first_day, credit.last_day),
                                  previous=credit.previous, earliest=credit.earliest))
            continue
        certainty = "S" if credit.outcome in ("saved", "cannot_save") and credit.balance_before < 0 else None
        refs = ("R.223-8", "CE-461479") if credit.outcome in ("saved", "cannot_save") else ("R.223-8",)
        reasons.append(reason(f"balance.stage_{credit.outcome}", "R18" if credit.outcome in (
            "saved", "cannot_save") else "R12", params=(max_gain, view.get("stage.effect_offset")), refs=refs,
            certainty=certainty, days=(credit.first_day, credit.last_day), date=credit.effective,
            max_gain=max_gain.value,
            points=credit.points, balance=credit.balance_before, new_balance=credit.balance_after,
            ceiling=credit.ceiling, capped=0 < credit.points < max_gain.value, past=credit.effective <= today))
    return reasons


def zero_reasons(walk: BalanceWalk, *, today: date, max_gain: ParamValue, instead_of_48n: bool) -> list:
    """R20 then R18: the balance reaches 0 (a 48SI, not a 48N, follows), and whether a stage can save it."""
    zero = walk.zero
    saved = walk.with_stage(max_gain.value)
    reasons = [reason("balance.zero", "R20", refs=("L.223-1", "L.223-5"), commission=zero.offence.commission,
                      date=zero.on, past=zero.on is not None and zero.on <= today, balance=zero.balance,
                      instead_of_48n=instead_of_48n)]
    code = "balance.zero_saving_stage" if saved >= 1 else "balance.zero_cannot_be_saved"
    # Spec R18 edge case: adding the stage's points to a negative balance comes from commentators [S].
    reasons.append(reason(code, "R18", params=(max_gain,), refs=("CE-461479", "CE-492072"),
                          certainty="S" if zero.balance < 0 else None, balance=zero.balance,
                          points=saved - zero.balance, new_balance=saved))
    return reasons
