"""The balance of a licence over time, from its known offences: R1, R2, R8–R10, R18, R20.

R1 (L.223-1 al. 1 and 3): the balance never exceeds the ceiling of the day; a *computed* balance may fall
below 0, which only matters for saving the licence (R18). R2: a retrait counts from the day it takes effect
(the ministry's decision, or ``realite`` as an estimate). R8–R10 (L.223-6): single points, the full capital
and the 10-year returns come back on their dates. R20 (L.223-1 al. 3, L.223-5): once the computed balance
reaches 0 the licence loses its validity, opposable when the 48SI is notified; nothing comes back after that
day, and only a stage completed before the notification can save it (R18, CE 29/09/2023 n° 461479).

The walk starts at the ceiling on the day of the first offence and does not count stages (the answers say
« sans compter un stage éventuel »): an unknown offence could only lower it, a stage could raise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Mapping, Optional, Sequence, Tuple

from .model import Offence
from .params import ParamValue
from .reasoning import reason


@dataclass(frozen=True)
class ZeroBalance:
    """The retrait that brings the computed balance to 0 or below (R20)."""

    offence: Offence
    on: Optional[date]      # the day it takes effect; None while the offence is not established
    balance: int            # the computed balance once every known retrait is counted (≤ 0)
    ceiling: int            # the ceiling that day, which caps a saving stage (R12)


@dataclass(frozen=True)
class BalanceWalk:
    balance: int                            # on the question date, never below 0 (R1)
    computed: int                           # on the question date, may be negative (R1 edge case, R18)
    withdrawn: int                          # points whose retrait has taken effect by the question date
    returned: int                           # single points (R8) and 10-year points (R10) back by then
    next_return: Optional[Tuple[date, date]]  # (date, realite) of the next single point to come back
    zero: Optional[ZeroBalance]
    before_zero: tuple                      # offences withdrawn before the one that reaches 0

    def with_stage(self, max_gain: int) -> Optional[int]:
        """R18: the computed balance after a stage completed before the 48SI (None when no zero)."""
        if self.zero is None:
            return None
        return self.zero.balance + min(max_gain, self.zero.ceiling - self.zero.balance)


_RETRAIT, _RETURN, _FULL = 2, 0, 1


def walk_balance(rows: Sequence[Tuple[Offence, Mapping]], *, start: int, ceiling_on: Callable[[date], int],
                 today: date) -> BalanceWalk:
    """R1, R2, R8–R10, R20 — the balance day by day from ``start``.

    ``rows`` pairs each offence with a retrait and its recovery row (``automatic_recovery``): its single-point,
    10-year and full-recovery dates. On one day, points come back before a new retrait is counted.
    """
    events = []
    full_dates = []
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
    for day, kind, subject, points in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == _RETRAIT:
            computed -= points
            withdrawn += points if day <= today else 0
            if zero is None and computed <= 0:
                # a saving stage comes after the retrait and after today: the ceiling of that time (R12)
                zero = ZeroBalance(offence=subject, on=None if day == date.max else day, balance=computed,
                                   ceiling=ceiling_on(today if day == date.max else max(day, today)))
            elif zero is None:
                before.append(subject)
        elif zero is None and kind == _FULL:
            computed = ceiling_on(day)
        elif zero is None:
            computed = min(ceiling_on(day), computed + points)
            returned += points if day <= today else 0
            if subject is not None and day > today and next_return is None and day < last_full:
                next_return = (day, subject)
        if day <= today:
            on_today = computed
    if zero is not None:
        zero = ZeroBalance(offence=zero.offence, on=zero.on, balance=computed, ceiling=zero.ceiling)
    return BalanceWalk(balance=max(0, on_today), computed=on_today, withdrawn=withdrawn, returned=returned,
                       next_return=next_return, zero=zero, before_zero=tuple(before))


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
