"""What a hypothetical offence would change: R1, R6, R7, R8, R9, R15, R18, R20.

"Et si je me fais reprendre au téléphone en janvier ?" after an answer: the offence is a hypothesis, not a fact,
so it may lie in the future. The engine compares two worlds on the day the hypothetical retrait would take
effect: the driver's known offences alone, and the same plus the hypothetical one. The differences are the
answer: the balance after its retrait (R1, R2), a single point that would no longer come back (R8, L.223-6 al. 3),
the new date of the full capital (R9, L.223-6 al. 1–2; R7 in probation), the annual increments that would stop
(R7, L.223-1), the formation complémentaire reduction that would be lost (R6, R.223-1 II), the 48N that would
follow (R15, R.223-4), or the invalidation the balance would reach (R20, L.223-1 al. 3, with R18's stage).

Its realite (the day the fine is paid) is the caller's: by default the day it is committed, the earliest a retrait
can take effect (R2); a later payment moves the dates by as much.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Optional, Sequence

from .capital import check_offences, probation_plan
from .model import Decision, Offence
from .params import load_params
from .reasoning import reason
from .recovery import automatic_recovery


def offence_hypothesis(*, hypothetical: Any, today: date, offences: Sequence[Any] = (),
                       licence_date: Optional[date] = None, aac: bool = False,
                       training_date: Optional[date] = None, relicensed: bool = False,
                       balance_before: Optional[int] = None, label_fr: Optional[str] = None,
                       each_points: Sequence[int] = (), stages: Sequence[date] = (),
                       told: bool = False) -> Decision:
    """R1, R6–R9, R15, R18, R20 — what ``hypothetical`` (an offence, possibly after ``today``) would change.

    ``offences``, ``licence_date``, ``aac``, ``training_date``, ``relicensed`` and ``balance_before`` are the
    driver's known facts, as :func:`automatic_recovery` takes them. The hypothetical offence's ``realite`` defaults
    to its commission (fine paid that day). Both worlds are computed on that day (or on ``today`` when it is
    later), so the known offences' returns due before it are counted in both. ``label_fr`` names the offence in
    the answer (its label on the scale, R4). ``each_points``: the points of each offence when ``hypothetical`` is
    several found at the same check (its points their total, capped by R3): the 48N follows only when one of them
    costs 3 points or more, not their total (R15). ``stages``: the stages the driver did, in both worlds (R12).
    ``told``: the offence is one the driver told, not established yet, and the hypothesis is the day its fine is paid
    (its ``realite``, R2): "si je paie le détecteur le 10 décembre" is no offence to come (T30 c30b).
    """
    hypothesis = Offence.coerce(hypothetical)
    if hypothesis.realite is None:
        hypothesis = replace(hypothesis, realite=hypothesis.commission)
    known = check_offences(offences, today, licence_date)
    on = max(hypothesis.realite, today)
    common = dict(today=on, licence_date=licence_date, aac=aac, training_date=training_date,
                  relicensed=relicensed, balance_before=balance_before, stages=tuple(stages))
    # (an offence told is committed in both worlds, established in one: its commission stops the probation's
    # increments whenever its fine is paid, R7; T38 c20 got "de 12 points à 8 points" for a 2-point retrait)
    base = known + ((replace(hypothesis, realite=None),) if told else ())
    without = automatic_recovery(offences=base, **common)
    with_it = automatic_recovery(offences=known + (hypothesis,), **common)
    plans = [probation_plan(licence_date=licence_date, aac=aac, training_date=training_date, relicensed=relicensed,
                            offences=world) if licence_date is not None else None
             for world in (base, known + (hypothesis,), known)]
    # (the increments an offence told stops are said from the plan without it, its commission being what stops them)
    plan_without, plan_with, plan_clean = plans
    balance = with_it.results["balance"]
    previous = without.results["balance"] if base else (
        plan_without.ceiling_on(on) if plan_without is not None else balance_before)
    invalidation = with_it.results["invalidation_ahead"]
    # R1, R2: the balance said "before" is the one its retrait comes off, in the world with the offence: an increment
    # or a single point's return it stops is not in it (R5, R7, R8; T36 c18 read "de 12 points à 8 points" for a
    # 2-point retrait paid after the end of probation, the increment stopped by the offence itself)
    before_retrait = balance + hypothesis.points if balance is not None and previous is not None else previous
    reasons = [reason("what_if.offence", "R1", refs=("L.223-1", "L.223-6"), commission=hypothesis.commission,
                      label=label_fr[:1].lower() + label_fr[1:] if label_fr else None,
                      realite=hypothesis.realite, points=hypothesis.points, offence_class=hypothesis.offence_class,
                      balance=None if invalidation else balance, previous=before_retrait,
                      several=len(each_points) > 1, told=told)]
    if invalidation:
        # R18: a stage completed after the retrait and before the 48SI is notified may still save the licence
        reasons.append(reason("what_if.invalidation", "R20", refs=("L.223-1", "CE-461479"),
                              with_stage=with_it.results["balance_with_stage"]))
    lost = [(row_without["single_point_return"], row_without["realite"])
            for row_without, row_with in zip(without.results["offences"], with_it.results["offences"])
            if row_without["single_point_return"] is not None and row_with["single_point_return"] is None
            and row_without["single_point_return"] >= hypothesis.commission]
    for back, realite in lost:
        reasons.append(reason("what_if.single_point_lost", "R8", refs=("L.223-6", "CE-402423"), date=back,
                              realite=realite, commission=hypothesis.commission))
    # (nothing known to recover: no full-recovery date without the hypothesis)
    own = with_it.results["offences"][-1]["single_point_return"] if hypothesis.points else None
    in_probation = plan_with is not None and plan_with.is_probationary_on(hypothesis.commission)
    maximum = load_params().at(on).value("capital.max")
    # R8, R1: the point back brings the licence to its maximum again, no other return lost: that is when it is full,
    # not 2 or 3 years later (T16 c04: "son maximum le 1er février 2030" after a point back on 1er août 2027)
    full_with_its_point = own is not None and not lost and not in_probation and balance is not None and \
        balance + hypothesis.points >= maximum
    if own is not None and not invalidation:
        reasons.append(reason("what_if.single_point_back", "R8", refs=("L.223-6",), date=own,
                              full=maximum if full_with_its_point else None))
    full_before, full_after = without.key_dates.get("full_recovery"), with_it.key_dates.get("full_recovery")
    if full_with_its_point:
        full_after = own
    if not base and plan_without is not None and plan_without.end > on:
        full_before = plan_without.end  # a clean probationary licence: 12 at the end of probation (R5)
    if previous is not None and previous >= maximum:
        # R1, R8: a licence at its maximum before has no full recovery to wait for: the date of the known offence's
        # (T14 c04: "au lieu du 31 mai 2028", a point back on 30 November 2026) is no comparison for the user
        full_before = None
    if not hypothesis.points:
        # R8, R9: only an infraction with a retrait stops a return or restarts the delay; one that costs no point
        # (an excess under 5 km/h since 2024, R4) leaves every date of the known case as it was
        due = [(row["single_point_return"], row["realite"]) for row in without.results["offences"]
               if row["single_point_return"] is not None and row["single_point_return"] >= today]
        reasons.append(reason("what_if.nothing_stopped", "R8", refs=("L.223-6",), returns=due, full=full_before))
    elif not invalidation and full_after is not None and not full_with_its_point:
        # R7: during probation the full capital comes at the later of its end and the 2/3-year date [I]
        reasons.append(reason("what_if.full_recovery", "R9", refs=("L.223-6", "CE-392555"), date=full_after,
                              certainty="I" if in_probation else None, before=full_before,
                              realite=hypothesis.realite, at_end=in_probation and full_after == plan_with.end,
                              told=told))
    if in_probation and not invalidation:
        reasons.extend(_probation_changes(plan_clean, plan_with, hypothesis, told))
        view = load_params().at(hypothesis.commission)
        threshold, deadline = view.get("letter_48n.min_points"), view.get("letter_48n.deadline")
        # (several offences at one check: one of them must cost 3 points or more, R15 edge case "2 + 1")
        if max(each_points or (hypothesis.points,)) >= threshold.value and not invalidation:
            reasons.append(reason("what_if.letter_48n", "R15", params=(threshold, deadline),
                                  refs=("R.223-4",), points=hypothesis.points, deadline=deadline.value))
    return Decision(
        question="what_if", outcome="invalidation_ahead" if invalidation else "offence_hypothesis", today=today,
        facts={"hypothetical": hypothesis.to_dict(), "offences": [o.to_dict() for o in known],
               "licence_date": licence_date, "aac": aac, "training_date": training_date, "relicensed": relicensed,
               "balance_before": balance_before},
        results={"balance": balance, "balance_without": previous, "invalidation_ahead": invalidation,
                 "single_points_lost": [back for back, _ in lost], "letter_48n": any(
                     r.code == "what_if.letter_48n" for r in reasons),
                 "training_reduction_lost": any(r.code == "what_if.training_lost" for r in reasons),
                 "increments_lost": any(r.code == "what_if.increments_lost" for r in reasons)},
        key_dates={"retrait": hypothesis.realite, "full_recovery": None if invalidation else full_after,
                   "full_recovery_without": full_before,
                   "probation_end": plan_with.end if plan_with is not None else None,
                   "probation_end_without": plan_without.end if plan_without is not None else None},
        reasons=tuple(reasons),
        missing=("licence_date",) if licence_date is None else (),
    )


def _probation_changes(plan_without, plan_with, hypothesis: Offence, told: bool = False) -> list:
    """R6 and R7: the increments the hypothetical offence would stop, the reduction it would cost."""
    reasons = []
    if plan_without.reduction == "kept" and plan_with.reduction == "lost":
        reasons.append(reason("what_if.training_lost", "R6", params=plan_with.training_params, refs=("L.223-1",),
                              certainty="I", before=plan_without.end, end=plan_with.end))
    granted_before = {day: ceiling for day, ceiling, granted in plan_without.steps if granted}
    stopped = [(day, ceiling) for day, ceiling, granted in plan_with.steps
               if not granted and day in granted_before and day > hypothesis.commission]
    if stopped:
        reasons.append(reason("what_if.increments_lost", "R7", refs=("L.223-1", "R.223-1", "CE-366865"),
                              date=stopped[0][0], ceiling=plan_with.ceiling_on(hypothesis.commission),
                              end=plan_with.end, told=told))
        if hypothesis.realite >= stopped[0][0]:
            # R5 edge case [U]: committed before the anniversary, its retrait made on or after it: read strictly the
            # increment is not due (the commission decides), what the file does is not known
            reasons.append(reason("what_if.recorded_after_anniversary", "R5", refs=("L.223-1",), certainty="U",
                                  date=stopped[0][0], realite=hypothesis.realite))
    return reasons
