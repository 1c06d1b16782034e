"""Automatic recovery of points: R8 (one point after 6 months), R9 (full capital after 2 or 3 years),
R10 (10-year rule), with R7 (no full recovery during probation).

L.223-6 al. 1–3 and last paragraph; CE 21/11/2016 n° 392555; CE 04/12/2017 n° 402423.
All clocks run from ``realite`` (§0.2); only the **commission** of a new infraction that leads to
a retrait stops or resets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, List, Optional, Sequence

from . import dates
from .balance import stage_reasons, walk_balance, zero_reasons
from .capital import check_offences, check_stages, instead_of_48n, probation_plan
from .model import Decision, Offence
from .params import load_params
from .reasoning import check_points, not_after_today, not_before, reason


@dataclass
class Cycle:
    """Offences counted since the licence or the last full recovery (R9)."""

    offences: List[Offence] = field(default_factory=list)
    full_date: Optional[date] = None
    serious: bool = False
    reset_by: List[Offence] = field(default_factory=list)


@dataclass
class FullSchedule:
    cycles: List[Cycle]
    pending: List[Offence]
    params: tuple
    blocked_by_pending: bool

    @property
    def last_full_date(self) -> Optional[date]:
        if not self.cycles or self.blocked_by_pending:
            return None
        return self.cycles[-1].full_date

    def full_date_for(self, offence: Offence) -> Optional[date]:
        """The full-recovery date of the cycle holding ``offence`` (``None`` when still open)."""
        return {o: c.full_date for c in self.cycles for o in c.offences}.get(offence)


def full_recovery_schedule(offences: Sequence[Offence], *, today: date,
                           probation_end: Optional[date] = None) -> FullSchedule:
    """R9/R7 — when the licence gets back the maximum, cycle by cycle.

    full_date = last realite + 2 years, or 3 years if the cycle holds a délit or a 4e/5e-class
    contravention (L.223-6 al. 1–2). A new infraction **committed** before that date resets it;
    one committed before the last realite but established later only moves the last realite.
    During probation, never before its end (L.223-1 last paragraph) [I for the "later of"].
    """
    params = load_params()
    with_retrait = [o for o in offences if o.points > 0]
    established = sorted((o for o in with_retrait if o.realite is not None), key=lambda o: o.realite)
    pending = [o for o in with_retrait if o.realite is None]
    cycles: List[Cycle] = []
    used = []
    current = Cycle()
    blocked_by_pending = False
    for index, offence in enumerate(established):
        current.offences.append(offence)
        view = params.at(offence.realite)
        serious_classes = view.get("recovery.full.serious_classes")
        current.serious = current.serious or offence.offence_class in serious_classes.value
        delay = view.get("recovery.full.delay_serious" if current.serious else "recovery.full.delay")
        used.extend([serious_classes, delay])
        candidate = dates.add(offence.realite, delay.value)
        if probation_end is not None and candidate < probation_end:
            candidate = probation_end
        later = established[index + 1:]
        if later and later[0].realite <= candidate:
            if later[0].commission > offence.realite:
                current.reset_by.append(later[0])
            continue
        blockers = [o for o in later + pending if offence.realite < o.commission <= candidate]
        if blockers:
            if later:
                current.reset_by.append(later[0])
                continue
            blocked_by_pending = True
            break
        current.full_date = candidate
        cycles.append(current)
        current = Cycle()
    if current.offences:
        cycles.append(current)
    # A known infraction not yet established blocks the full recovery (spec R9 edge case) [I].
    blocked_by_pending = blocked_by_pending or bool(pending)
    unique = []
    for p in used:
        if p not in unique:
            unique.append(p)
    return FullSchedule(cycles=cycles, pending=pending, params=tuple(unique), blocked_by_pending=blocked_by_pending)


def _kept(day: Optional[date], cut: Optional[date]) -> Optional[date]:
    """``day``, unless it falls after ``cut`` (the invalidation that wiped the old licence's points)."""
    return day if day is None or cut is None or day <= cut else None


def automatic_recovery(*, offences: Sequence[Any], today: date, licence_date: Optional[date] = None,
                       aac: bool = False, training_date: Optional[date] = None,
                       relicensed: bool = False, invalidated_on: Optional[date] = None,
                       balance_before: Optional[int] = None, offences_since: bool = False,
                       since_before_last: bool = False,
                       stages: Sequence[date] = (), balance_before_stage: Optional[date] = None) -> Decision:
    """R8, R9, R10 (and R7 in probation) — L.223-6 al. 1–3 and last paragraph, L.223-1 last paragraph.

    For each offence: when its single point comes back (R8, 6 months after ``realite`` if no new
    infraction is committed meanwhile), when the whole capital comes back (R9, 2 or 3 years after
    the last ``realite``; not before the end of probation, R7), and the 10-year date (R10, classes
    1–4 only). Give ``licence_date`` (and ``aac``/``training_date``) when the licence may be
    probationary; without it the answer assumes it is not.

    ``invalidated_on``: date an earlier licence was invalidated or cancelled (48SI notified). The
    offences committed up to that date belong to that licence: no point of theirs comes back after
    it, the 10-year rule included (R10: "licence not invalidated meanwhile"; R20: the new licence
    starts at 6 points). ``licence_date`` is then the date of the new licence.

    R20 with R18: with ``licence_date``, when the known retraits bring the balance (from the ceiling on the
    day of the first offence, stages not counted) to 0 or below, the outcome is ``invalidation_ahead``: a 48SI
    follows, nothing comes back from that day (no full-recovery date), ``key_dates["zero_balance_on"]`` is the
    day and ``results["balance_with_stage"]`` what a stage completed before the 48SI is notified would give.

    R1 with R8–R10: ``balance_before`` is the balance the driver says they had just before the first known
    offence ("j'avais 12 points"); the walk then starts there, even without ``licence_date``. With either,
    ``results["balance"]`` is the balance on ``today`` (stages not counted), and the answer says it, with the
    assumption it rests on when the start is the ceiling rather than a stated balance.

    R10 example 1: ``offences_since`` says infractions were committed regularly since (their dates unknown):
    no 6-month return nor full recovery can then be assumed, and the outcome is ``ten_year_only``, with the
    10-year date of each retrait of classes 1–4 (``key_dates["next_return"]`` the next one to come).
    ``since_before_last``: those infractions were all committed before the last offence given (an earlier offence,
    "et depuis des PV régulièrement", then "ma dernière : 1 point, payé le 3 octobre 2026"): they do not block that
    last one's single point, which comes back 6 months after its payment (R8, CE 04/12/2017; tester T16 c19).

    ``stages``: the first days of the stages done that could give points (cases 1 or 2, R11). With a walk (a
    licence date or ``balance_before``) they count in the balance: up to 4 points within the ceiling (R12), one a
    year (R13), and one after the retrait that reached 0 saves the licence (R18); each is said with what it gave.
    ``balance_before_stage``: the first day of the stage done that ``balance_before`` was told just before ("avant le
    stage j'avais 7 points", the stage before the first offence): that stage, and those after it, count from it (R12).
    """
    not_after_today(invalidated_on, today, "invalidated_on", "L'invalidation du permis")
    not_before(licence_date, invalidated_on, "licence_date",
               "Le nouveau permis ne peut pas précéder l'invalidation de l'ancien.")
    checked = check_offences(offences, today, None if invalidated_on else licence_date)
    old = tuple(o for o in checked if invalidated_on is not None and o.commission <= invalidated_on)
    live = tuple(o for o in checked if o not in old)
    check_offences(live, today, licence_date)
    stages = check_stages(stages, today, licence_date)
    facts = {"offences": [o.to_dict() for o in checked], "licence_date": licence_date, "aac": aac,
             "training_date": training_date, "relicensed": relicensed, "invalidated_on": invalidated_on,
             "balance_before": balance_before, "offences_since": offences_since, "stages": list(stages)}
    params = load_params()
    plan = None
    if licence_date is not None:
        plan = probation_plan(licence_date=licence_date, aac=aac, training_date=training_date,
                              relicensed=relicensed, offences=live)
    probation_end = plan.end if plan is not None else None
    with_retrait = [o for o in checked if o.points > 0]
    reasons = []
    if not with_retrait:
        reasons.append(reason("recovery.nothing_to_recover", "R8", refs=("L.223-6",)))
        return Decision(question="recovery", outcome="nothing_to_recover", today=today, facts=facts,
                        results={"offences": [], "invalidation_ahead": False, "balance_with_stage": None,
                                 "balance": None},
                        key_dates={"zero_balance_on": None}, reasons=tuple(reasons),
                        missing=() if licence_date else ("licence_date",))
    if offences_since:
        return _ten_year_only(with_retrait, today=today, facts=facts, params=params,
                              since_before_last=since_before_last)
    schedule = full_recovery_schedule(live, today=today, probation_end=probation_end)
    old_schedule = full_recovery_schedule(old, today=today)
    per_offence = []
    returns = []
    single_returned = {}
    for offence in with_retrait:
        row = {"commission": offence.commission, "realite": offence.realite, "points": offence.points,
               "offence_class": offence.offence_class, "single_point_return": None, "single_point_blocked_by": None,
               "full_recovery": None, "ten_year_return": None, "restored_on": None, "restored_by": None}
        per_offence.append(row)
        if offence.realite is None:
            continue
        if offence.effective > today:
            # R2: the retrait only takes effect at the decision (or, as an estimate, at realite).
            reasons.append(reason("recovery.not_yet_withdrawn", "R2", refs=("L.223-1", "CE-461479"),
                                  date=offence.effective, points=offence.points))
        cut = invalidated_on if offence in old else None
        view = params.at(offence.realite)
        single_points = view.get("recovery.single_point.points")
        single_delay = view.get("recovery.single_point.delay")
        full_date = _kept((old_schedule if cut else schedule).full_date_for(offence), cut)
        row["full_recovery"] = full_date
        if offence.points == single_points.value:
            back = dates.add(offence.realite, single_delay.value)
            # (a point told back: an offence dated by its payment only was committed outside the 6 months, R8)
            blockers = [o for o in with_retrait if o is not offence and offence.realite < o.commission <= back
                        and (o.commission_known or not offence.point_back_told)]
            if blockers:
                row["single_point_blocked_by"] = min(o.commission for o in blockers)
                # Spec R9 edge case: a known infraction not yet established blocks only on our reading [I].
                pending = all(o.realite is None for o in blockers)
                # R8 with CE 04/12/2017: only the commission within the 6 months blocks. Told by its payment only,
                # the blocker may have been committed before them: the block is then said as conditional.
                # (a month told, "en août", blocks for sure when all of it lies inside the 6 months: T34 c31)
                unsure = [o for o in blockers if not o.commission_known and not (
                    o.commission_month and offence.realite < o.commission
                    and dates.previous_day(dates.add(o.commission, {"months": 1})) <= back)]
                first = min(blockers, key=lambda o: o.commission)
                reasons.append(reason("recovery.single_point_blocked", "R8", params=(single_points, single_delay),
                                      refs=("CE-402423",), certainty="I" if pending else None,
                                      realite=offence.realite, date=back,
                                      commission=row["single_point_blocked_by"], pending=pending,
                                      commission_month=first.commission_month,
                                      paid=min(o.realite for o in unsure) if len(unsure) == len(blockers) else None))
            elif _kept(back, cut) is not None:
                row["single_point_return"] = back
                single_returned[offence] = back
                returns.append(back)
                reasons.append(reason("recovery.single_point", "R8", params=(single_points, single_delay),
                                      refs=("CE-402423",), realite=offence.realite, date=back, past=back <= today))
        ten_classes = view.get("recovery.ten_year.classes")
        ten_delay = view.get("recovery.ten_year.delay")
        ten_date = dates.add(offence.realite, ten_delay.value)
        candidates = [(d, by) for d, by in ((row["single_point_return"], "single_point"), (full_date, "full"))
                      if d is not None]
        # When the points come back earlier (R8 or R9), the 10-year rule has nothing left to give back.
        earlier = [d for d, _ in candidates if d < ten_date]
        if offence.offence_class not in ten_classes.value:
            reasons.append(reason("recovery.ten_year_excluded", "R10", params=(ten_classes,),
                                  realite=offence.realite, offence_class=offence.offence_class))
        elif not earlier and _kept(ten_date, cut) is None:
            reasons.append(reason("recovery.ten_year_invalidated", "R10", params=(ten_classes, ten_delay),
                                  refs=("L.223-6", "SP-F1685"), realite=offence.realite, date=ten_date,
                                  points=offence.points, invalidated_on=invalidated_on))
        elif not earlier:
            candidates.append((ten_date, "ten_year"))
            row["ten_year_return"] = ten_date
            returns.append(ten_date)
            reasons.append(reason("recovery.ten_year", "R10", params=(ten_classes, ten_delay),
                                  realite=offence.realite, date=ten_date, points=offence.points))
        if candidates:
            row["restored_on"], row["restored_by"] = min(candidates)

    full_date = schedule.last_full_date
    for index, cycle in enumerate(schedule.cycles):
        for resetter in cycle.reset_by:
            reasons.append(reason("recovery.reset", "R9", refs=("L.223-6", "CE-392555"),
                                  commission=resetter.commission if resetter.commission_known else None,
                                  realite=resetter.realite))
        if cycle.full_date is not None and cycle.full_date <= today and index < len(schedule.cycles) - 1:
            # R9: a cycle closed before a later offence: its full recovery happened (the resets above said only that
            # the clock restarted; T26 c21 read "n'a jamais pu s'écouler" beside a 2022 + 3 years over in 2025)
            closing = max(o.realite for o in cycle.offences)
            delay = params.at(closing).get("recovery.full.delay_serious" if cycle.serious else "recovery.full.delay")
            reasons.append(reason("recovery.full_past_cycle", "R9", params=(delay,), refs=("L.223-6", "CE-392555"),
                                  date=cycle.full_date, realite=closing, delay=delay.value))
    if schedule.pending and any(o.realite is not None for o in live if o.points > 0):
        reasons.append(reason("recovery.pending_offence", "R9", refs=("L.223-6",), certainty="I",
                              commission=min(o.commission for o in schedule.pending)))
    invalidated = None
    singles_first = False
    if [o for o in old if o.points > 0]:
        invalidated = reason("recovery.invalidated", "R10", refs=("L.223-6", "L.223-5"), date=invalidated_on)
    live_retrait = [o for o in live if o.points > 0]
    if not live_retrait:
        outcome = "invalidated"
        headline = invalidated
    elif schedule.blocked_by_pending and all(o.realite is None for o in live_retrait):
        # R2 example 4: no offence of the licence is established yet (fine not paid): nothing is withdrawn today,
        # and every clock will start on the day it is (L.223-6 al. 1)
        outcome = "not_established"
        view = params.at(today)
        single, full, serious = (view.get("recovery.single_point.delay"), view.get("recovery.full.delay"),
                                 view.get("recovery.full.delay_serious"))
        serious_classes = view.value("recovery.full.serious_classes")
        points = sum(o.points for o in live_retrait)
        headline = reason("recovery.not_established", "R2", params=(single, full, serious),
                          refs=("L.223-1", "L.223-6", "CE-392555"), points=points, count=len(live_retrait),
                          commission=min(o.commission for o in live_retrait),
                          single=len(live_retrait) == 1 and points == view.value("recovery.single_point.points"),
                          single_delay=single.value, judged=all(o.judged for o in live_retrait),
                          delay=serious.value if any(o.offence_class in serious_classes for o in live_retrait)
                          else full.value)
    elif schedule.blocked_by_pending:
        outcome = "blocked_by_pending"
        headline = reason("recovery.full_blocked_pending", "R9", refs=("L.223-6",), certainty="I")
    else:
        last_cycle = schedule.cycles[-1]
        serious = last_cycle.serious
        delay_name = "recovery.full.delay_serious" if serious else "recovery.full.delay"
        last_realite = max(o.realite for o in last_cycle.offences)
        delay = params.at(last_realite).get(delay_name)
        restored = _restored_serious_only(last_cycle, single_returned, params.at(last_realite))
        outcome = "full_recovered" if full_date <= today else "full_recovery_on"
        # R8 before R9: when every point of the last cycle comes back alone first, that return leads, since
        # for a driver who lost only those points it is the day the licence is full again.
        singles_first = full_date > today and all(single_returned.get(o) for o in last_cycle.offences)
        maximum = params.at(today).value("capital.max")
        if singles_first and balance_before == maximum and len(schedule.cycles) == 1:
            # R1 with R8: "j'avais 12 points" before the only offences known, each of 1 point coming back alone:
            # the licence is at its maximum again with the last of those returns; the 2- or 3-year delay then only
            # matters if another offence is committed before (the single returns are then blocked, R8). (A licence in
            # probation at the offence has a ceiling below 12, which a stated balance never exceeds.)
            last_return = max(single_returned[o] for o in last_cycle.offences)
            headline = reason("recovery.full_by_single_returns", "R8", refs=("L.223-6",), maximum=maximum,
                              date=last_return, count=len(last_cycle.offences), past=last_return <= today)
            restored = None
        else:
            headline = reason(
                "recovery.full", "R9", params=(delay,), refs=("CE-392555",), certainty="I" if restored else None,
                date=full_date, realite=last_realite, serious=serious, past=full_date <= today,
                # (the lone points back fill the licence only if its ceiling has not risen since the offences: a
                # ceiling frozen in probation stays below the 12 points of its end, R7.4, T47a c09)
                other_losses=singles_first and (plan is None or plan.ceiling_on(
                    min(o.commission for o in last_cycle.offences)) >= plan.ceiling_on(full_date)),
                count=len(last_cycle.offences),
            )
        if restored is not None:
            # Spec R9 example 3 [I]: an infraction whose point came back still counts for the 3 years.
            reasons.insert(0, reason("recovery.restored_offence_counts", "R9", refs=("L.223-6", "CE-392555"),
                                     certainty="I", realite=restored.realite, offence_class=restored.offence_class,
                                     date=single_returned[restored], past=single_returned[restored] <= today))
        if probation_end is not None and min(o.commission for o in last_cycle.offences) < probation_end:
            reasons.insert(0, reason("recovery.probation_rule", "R7", refs=("L.223-1-last",), certainty="I",
                                     end=probation_end, date=full_date, at_end=full_date == probation_end,
                                     ended=probation_end <= today))
        if invalidated is not None:
            reasons.append(invalidated)
        returns.append(full_date)
    if live_retrait and not schedule.blocked_by_pending and singles_first:
        singles = [r for r in reasons if r.code == "recovery.single_point"]
        reasons = singles + [headline] + [r for r in reasons if r.code != "recovery.single_point"]
    else:
        reasons.insert(0, headline)
    # R20: the known retraits of the live licence may bring its balance to 0 (a 48SI follows); nothing comes
    # back after that day, and only a stage before the 48SI is notified can save the licence (R18).
    max_gain = params.at(today).get("stage.max_gain")
    walk = None
    # From a known licence date, its ceiling is where the balance stood at the first offence (R7), as
    # probation_status reads it; from a stated balance, that balance. Without either, the start is unknown.
    if live_retrait and (licence_date is not None or balance_before is not None):
        first = min(o.commission for o in live_retrait)
        ceiling_on = plan.ceiling_on if plan is not None else (lambda day: params.at(day).value("capital.max"))
        # (a balance told before a stage done earlier than the first offence: the walk starts the day before it)
        start_on = first if balance_before is None or balance_before_stage is None else \
            min(first, dates.previous_day(balance_before_stage))
        check_points(balance_before, "balance_before", low=1, high=ceiling_on(start_on),
                     what_fr="Le solde avant la première infraction")
        start = ceiling_on(first) if balance_before is None else balance_before
        walk = walk_balance([(o, row) for o, row in zip(with_retrait, per_offence) if o in live],
                            start=start, ceiling_on=ceiling_on, today=today, stages=stages,
                            start_on=start_on if balance_before is not None else None)
        pending = [o for o in live_retrait if o.realite is None]
        if walk.zero is None and outcome != "not_established":
            # (the first offence named by its payment when its day is not known: "en janvier 2026, payé le 20
            # janvier" is not "l'infraction du 1er janvier 2026", tester T11 c39)
            named = min(live_retrait, key=lambda o: o.commission)
            # (and by its payment when that is the one day told, even if it stands for the day: "payé le 2 mars
            # 2026" is not "l'infraction du 2 mars 2026"; "perdu 3 points le 10 mars" keeps it, T19 c08, T20 c10)
            unknown_day = not named.commission_known and named.realite is not None and (
                named.realite != named.commission or named.payment_told)
            reasons.append(reason("recovery.balance_today", "R1", refs=("L.223-1", "L.223-6"),
                                  balance=walk.balance, start=start, stated=balance_before is not None,
                                  commission=None if unknown_day else first, paid=named.realite,
                                  stage_before=balance_before_stage if start_on < first else None,
                                  withdrawn=walk.withdrawn, returned=walk.returned,
                                  credited=walk.credited, stages_told=bool(stages)))
        if walk.zero is None and pending:
            # R2 example 4: the points of an offence not established yet are to come, not withdrawn; with nothing
            # established, this is the balance today (from the start assumed when not stated)
            lost = sum(o.points for o in pending)
            reasons.append(reason("recovery.pending_balance", "R2", refs=("L.223-1",), balance=walk.balance,
                                  points=lost, balance_after=walk.balance - lost, count=len(pending),
                                  commission=min(o.commission for o in pending), judged=all(o.judged for o in pending),
                                  start=start if outcome == "not_established" and balance_before is None else None))
        reasons.extend(stage_reasons(walk, today=today))
        maximum = params.at(today).get("capital.max")
        if walk.zero is None and outcome == "full_recovery_on" and not pending and walk.balance >= maximum.value:
            # R1 with R8–R9: the balance walked is already the maximum today (single points back, stages): "il
            # retrouvera son maximum le 15 avril 2029" and "compte encore pour ce délai de 3 ans" beside "12 points"
            # contradicted it (T26 c21); the full-recovery date has nothing left to give back
            reasons = [reason("recovery.at_maximum", "R1", params=(maximum,), refs=("L.223-1", "L.223-6"),
                              maximum=maximum.value, date=full_date)
                       if r.code == "recovery.full" else r
                       for r in reasons if r.code != "recovery.restored_offence_counts"]
        if walk.zero is None and outcome == "blocked_by_pending" and walk.balance >= maximum.value:
            # R1 with R9–R10: the balance walked is the maximum today (a stage gave back the points of the offences
            # established): the offence to be established blocks no recovery, and the 10-year rule has nothing left
            # to give back; the retrait to come and its clocks are what matter ("bloque la récupération totale" and
            # "reviennent le 30 juin 2035 (règle des 10 ans)" beside "Solde aujourd'hui : 12 points", T30 c30b)
            reasons = [r for r in reasons if r.code != "recovery.full_blocked_pending"
                       and not (r.code == "recovery.ten_year" and r.data["date"] > today)]
    zero = walk.zero if walk is not None else None
    cut = date.max
    if zero is not None:
        outcome = "invalidation_ahead"
        full_date = None
        cut = zero.on or date.max
        _drop_returns_from(per_offence, cut)
        reasons = zero_reasons(walk, today=today, max_gain=max_gain,
                               instead_of_48n=instead_of_48n(plan, zero.offence)) + [
            r for r in reasons if r.code not in _ABOUT_FULL_RECOVERY and (
                r.code.startswith("balance.stage_") or (r.data.get("date") or date.min) < cut)]
    reasons.extend(_48n_after_the_probation(plan, live_retrait, zero, today))
    upcoming = sorted(d for d in returns if today < d < cut)
    return Decision(
        question="recovery", outcome=outcome, today=today, facts=facts,
        results={"offences": per_offence, "probation_end": probation_end, "invalidation_ahead": zero is not None,
                 "balance": walk.balance if walk is not None else None,
                 # (below 0 once the retraits pass the balance: what a stage after them starts from, R18)
                 "computed_balance": walk.computed if walk is not None else None,
                 "balance_with_stage": walk.with_stage(max_gain.value) if walk is not None else None},
        key_dates={"full_recovery": full_date, "next_return": upcoming[0] if upcoming else None,
                   "zero_balance_on": zero.on if zero is not None else None},
        reasons=tuple(reasons),
        missing=tuple(m for m, cond in (("licence_date", licence_date is None and bool(live_retrait)),
                                        ("offences.realite", bool(schedule.pending)),
                                        ("offences.commission", any(r.code == "recovery.single_point_blocked"
                                                                    and r.data.get("paid") for r in reasons)))
                      if cond),
    )


def _48n_after_the_probation(plan, offences: Sequence[Offence], zero, today: date) -> list:
    """R15 edge case (R.223-4): an offence of 3 points or more committed during a probation that is over by ``today``
    still brings its 48N and the compulsory stage, when its retrait is recent enough for that letter to come or run
    (established less than the letter's deadline ago, or not yet); not the one that brings the balance to 0 (a 48SI,
    R20). The answers of a probation still running say it from ``probation_status``."""
    if plan is None or plan.end > today:
        return []
    due = []
    for offence in offences:
        view = load_params().at(offence.commission)
        threshold, deadline = view.get("letter_48n.min_points"), view.get("letter_48n.deadline")
        recent = offence.realite is None or today < dates.add(offence.realite, deadline.value)
        if plan.is_probationary_on(offence.commission) and offence.points >= threshold.value and recent and (
                zero is None or zero.offence is not offence):
            due.append(reason("probation.letter_48n_due", "R15", params=(threshold, deadline),
                              commission=offence.commission, points=offence.points, threshold=threshold.value,
                              deadline=deadline.value))
    return due


def _ten_year_only(offences: Sequence[Offence], *, today: date, facts: dict, params,
                   since_before_last: bool = False) -> Decision:
    """R10 example 1: with infractions committed regularly since, neither R8 nor R9 gave anything back; the
    10-year rule gives back each retrait of classes 1–4, 10 years after its payment (not 5th class, not délits)."""
    reasons = [reason("recovery.offences_since", "R9", refs=("L.223-6",))]
    returns = []
    # R8 with CE 04/12/2017: the offences "since" were committed before the last one told, so they do not block its
    # single point; none is known after it (tester T16 c19: "1 point, payé le 3 octobre 2026" → back on 3 avril 2027)
    last = max(offences, key=lambda o: o.commission)
    if since_before_last and last.realite is not None:
        view = params.at(last.realite)
        single_points, single_delay = view.get("recovery.single_point.points"), view.get("recovery.single_point.delay")
        if last.points == single_points.value:
            back = dates.add(last.realite, single_delay.value)
            returns.append(back)
            reasons.append(reason("recovery.single_point", "R8", params=(single_points, single_delay),
                                  refs=("CE-402423",), realite=last.realite, date=back, past=back <= today))
    for offence in (o for o in offences if o.realite is not None):
        view = params.at(offence.realite)
        classes, delay = view.get("recovery.ten_year.classes"), view.get("recovery.ten_year.delay")
        if offence.offence_class not in classes.value:
            reasons.append(reason("recovery.ten_year_excluded", "R10", params=(classes,), realite=offence.realite,
                                  offence_class=offence.offence_class))
            continue
        back = dates.add(offence.realite, delay.value)
        returns.append(back)
        # (the offences since are not known: an invalidation among them would have erased these points, R10 ex. 3)
        reasons.append(reason("recovery.ten_year", "R10", params=(classes, delay), refs=("L.223-6", "SP-F1685"),
                              realite=offence.realite, date=back, points=offence.points, past=back <= today,
                              unless_invalidated=True))
    upcoming = sorted(d for d in returns if d > today)
    return Decision(question="recovery", outcome="ten_year_only", today=today, facts=facts,
                    results={"offences": [o.to_dict() for o in offences], "invalidation_ahead": False,
                             "balance_with_stage": None, "balance": None},
                    key_dates={"full_recovery": None, "next_return": upcoming[0] if upcoming else None,
                               "zero_balance_on": None},
                    reasons=tuple(reasons))


#: Reasons about the full recovery, which a licence heading for invalidation will not see (R20).
_ABOUT_FULL_RECOVERY = ("recovery.full", "recovery.full_by_single_returns", "recovery.probation_rule", "recovery.restored_offence_counts",
                        "recovery.reset")


def _drop_returns_from(rows: List[dict], cut: date) -> None:
    """R20: no point comes back on or after ``cut``, the day the balance reaches 0."""
    for row in rows:
        for name in ("single_point_return", "ten_year_return", "full_recovery"):
            if row[name] is not None and row[name] >= cut:
                row[name] = None
        candidates = [(row[name], by) for name, by in (("single_point_return", "single_point"),
                                                        ("full_recovery", "full"), ("ten_year_return", "ten_year"))
                      if row[name] is not None]
        row["restored_on"], row["restored_by"] = min(candidates) if candidates else (None, None)


def _restored_serious_only(cycle: Cycle, single_returned: dict, view) -> Optional[Offence]:
    """R9 example 3 [I]: the offence whose point came back and alone makes the cycle's delay 3 years.

    ``None`` when the cycle is not serious or another 4e/5e-class contravention or délit in it keeps
    the 3 years without any reading of ours.
    """
    serious_classes = view.value("recovery.full.serious_classes")
    serious = [o for o in cycle.offences if o.offence_class in serious_classes]
    restored = [o for o in serious if o in single_returned]
    if not restored or len(restored) < len(serious):
        return None
    return restored[0]
