"""Capital and probationary licence: R1, R5, R6, R7.

R5 — L.223-1 al. 2 and R.223-1 II–V: a probationary licence starts at 6 points, gains +2 each year
(+3 after AAC) if no infraction giving rise to a retrait has been committed, 12 at the end.
R6 — L.223-1 al. 2 last sentence, R.223-1 II (décret 2018-715): formation complémentaire shortens
the probation to 2 years (18 months after AAC).
R7 — L.223-1 last paragraph; CE avis 31/05/2013 Bizet n° 366865: an infraction stops the
increments, never extends the probation; full recovery after its end (L.223-6 al. 1).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Optional, Sequence, Tuple

from . import dates
from .balance import BalanceWalk, stage_reasons, walk_balance, zero_reasons
from .errors import InconsistentFacts
from .model import Decision, Offence
from .params import ParamValue, load_params
from .reasoning import check_points, not_after_today, not_before, reason
from .stage import next_point_stage


#: a "year of probation" from this one on is past any probation (3 years at most, R5): counted as this one
YEARS_AFTER_ANY_PROBATION = 4


@dataclass(frozen=True)
class ProbationPlan:
    """The probation of one licence, as the law lays it out (R5–R7)."""

    licence_date: date
    path: str
    initial: ParamValue
    increment: ParamValue
    duration: ParamValue
    maximum: ParamValue
    normal_end: date
    end: date
    reduction: str
    reduced_end: Optional[date]
    training_params: tuple
    steps: tuple          # ((date, ceiling, granted), ...), the last one is the end of probation
    first_offence: Optional[Offence]

    def ceiling_on(self, day: date) -> int:
        """R1/R5: the ceiling on ``day`` (12 once probation is over)."""
        if day >= self.end:
            return self.maximum.value
        ceiling = self.initial.value
        for step_date, step_ceiling, granted in self.steps:
            if granted and step_date <= day:
                ceiling = step_ceiling
        return ceiling

    def is_probationary_on(self, day: date) -> bool:
        return self.licence_date <= day < self.end


def check_offences(offences: Sequence[Any], today: date, licence_date: Optional[date]) -> tuple:
    """Coerce and check a list of offences against the question date and the licence date."""
    result = tuple(Offence.coerce(o) for o in offences)
    for offence in result:
        not_after_today(offence.commission, today, "offence.commission", "La date d'une infraction")
        not_before(offence.commission, licence_date, "offence.commission",
                   "Une infraction commise avant l'obtention du permis ne peut pas lui retirer de points.")
    return result


def check_stages(stages: Sequence[date], today: date, licence_date: Optional[date]) -> tuple:
    """The first days of the stages done: not after the question date, not before the licence (R14)."""
    for first_day in stages:
        not_after_today(first_day, today, "stages", "Un stage déjà fait")
        not_before(first_day, licence_date, "stages", "Un stage ne peut pas précéder l'obtention du permis.")
    return tuple(sorted(set(stages)))


def probation_plan(*, licence_date: date, aac: bool = False, training_date: Optional[date] = None,
                   relicensed: bool = False, offences: Sequence[Offence] = (),
                   restriction_or_suspension: bool = False) -> Optional[ProbationPlan]:
    """R5/R6/R7: the probation schedule, or ``None`` for a licence issued before probation existed."""
    params = load_params()
    at_licence = params.at(licence_date)
    initial = at_licence.get("probation.initial_points")
    if initial.value is None:
        return None
    if aac and relicensed:
        raise InconsistentFacts(
            "probation.aac_after_invalidation", "aac",
            "La conduite accompagnée (AAC) n'est pas possible pour un permis obtenu à nouveau après une "
            "invalidation ou une annulation.",
        )
    duration = at_licence.get("probation.duration_aac" if aac else "probation.duration")
    increment = at_licence.get("probation.increment_aac" if aac else "probation.increment")
    maximum = at_licence.get("capital.max")
    normal_end = dates.add(licence_date, duration.value)

    reduction, reduced_end, training_params = "none", None, ()
    if training_date is not None:
        at_training = params.at(training_date)
        reduced = at_training.get("probation.training.duration_aac" if aac else "probation.training.duration")
        window_from = at_training.get("probation.training.window_from")
        window_to = at_training.get("probation.training.window_to")
        training_params = (reduced, window_from, window_to)
        if relicensed:
            reduction = "relicensed"
        elif reduced.value is None:
            reduction = "not_available"
        elif not (dates.add(licence_date, window_from.value) <= training_date
                  <= dates.add(licence_date, window_to.value)):
            reduction = "outside_window"
        else:
            reduced_end = dates.add(licence_date, reduced.value)
            committed = [o for o in offences if o.points > 0 and licence_date <= o.commission < reduced_end]
            reduction = "lost" if committed or restriction_or_suspension else "kept"
    end = reduced_end if reduction == "kept" else normal_end

    in_probation = sorted(
        (o for o in offences if o.points > 0 and licence_date <= o.commission < end), key=lambda o: o.commission
    )
    first = in_probation[0] if in_probation else None
    steps = []
    year = 1
    while dates.anniversary(licence_date, year) < end:
        day = dates.anniversary(licence_date, year)
        steps.append((day, initial.value + year * increment.value, first is None or first.commission >= day))
        year += 1
    steps.append((end, maximum.value, first is None))
    path = ("aac" if aac else "standard") + ("_training" if reduction == "kept" else "")
    return ProbationPlan(
        licence_date=licence_date, path=path, initial=initial, increment=increment, duration=duration,
        maximum=maximum, normal_end=normal_end, end=end, reduction=reduction, reduced_end=reduced_end,
        training_params=training_params, steps=tuple(steps), first_offence=first,
    )


def probation_year_ceiling(*, year: int, today: date, aac: bool = False, relicensed: bool = False) -> Decision:
    """R5, R7 — the ceiling of the ``year``-th year of probation (1 for the first) on ``today``, for a driver who says
    which year they are in but not the licence's date (L.223-1 al. 2, R.223-1 II–III).

    It is the ceiling of a licence without any offence: 6, then +2 each year (+3 after AAC), 12 once the probation
    is over (3 years, 2 after AAC). An offence committed in an earlier year froze it lower (R7): ``earlier_ceilings``
    lists the ceilings of the earlier years, the lowest first. The complementary training, which only shortens the
    probation (R6), is not counted: it needs the licence's date.
    """
    if isinstance(year, bool) or not isinstance(year, int) or year < 1:
        raise InconsistentFacts("probation_year.out_of_range", "year",
                                "L'année de permis probatoire doit être un nombre entier à partir de 1.")
    # a licence obtained that day, year - 1 years ago: ``today`` is the first day of that year of probation (a year
    # after the probation's end reads as its first year after it: the ceiling is 12 either way)
    plan = probation_plan(licence_date=dates.anniversary(today, -(min(year, YEARS_AFTER_ANY_PROBATION) - 1)), aac=aac,
                          relicensed=relicensed)
    ceiling = plan.ceiling_on(today)
    over = today >= plan.end
    # R7: an offence committed in an earlier year of probation stopped the increments at that year's ceiling
    earlier = [] if over else [plan.initial.value + past * plan.increment.value for past in range(year - 1)]
    reasons = [reason("probation.year_ceiling_over" if over else "probation.year_ceiling", "R5",
                      params=(plan.initial, plan.increment, plan.duration, plan.maximum), refs=("R.223-1",),
                      year=year, ceiling=ceiling, aac=aac, duration=plan.duration.value)]
    if earlier:
        reasons.append(reason("probation.year_ceiling_frozen", "R7", refs=("L.223-1",), year=year,
                              earlier=earlier, ceiling=ceiling))
    return Decision(
        question="probation_year_ceiling", outcome="probation_ended" if over else "in_probation", today=today,
        facts={"year": year, "aac": aac, "relicensed": relicensed},
        results={"ceiling": ceiling, "probationary": not over, "earlier_ceilings": earlier},
        key_dates={}, reasons=tuple(reasons), missing=("licence_day",),
    )


def _full_after_pending(full, end: date, today: date):
    """R7 point 4, R9 edge case [I]: an offence committed but not established yet (fine not paid) blocks the full
    recovery; in probation that recovery comes after the end of probation, 2 or 3 years after the day the offence is
    established, whichever is later (L.223-1 last paragraph, L.223-6 al. 1). Said for the user's case: which offence,
    which delay, which end (T14 c27: a generic line beside the probation's rules)."""
    view = load_params().at(today)
    serious_classes = view.get("recovery.full.serious_classes")
    open_cycle = [o for cycle in full.cycles if cycle.full_date is None for o in cycle.offences]
    serious = any(o.offence_class in serious_classes.value for o in open_cycle + full.pending)
    delay = view.get("recovery.full.delay_serious" if serious else "recovery.full.delay")
    return reason("recovery.full_blocked_pending", "R7", params=(serious_classes, delay),
                  refs=("L.223-1-last", "L.223-6"), certainty="I", end=end, delay=delay.value,
                  commission=full.pending[0].commission if full.pending else None, count=len(full.pending))


def _letter_48n_state(received: Optional[date], delay: Any, stages: Sequence[date], today: date) -> dict:
    """R15, R16 — a 48N received on ``received``: its deadline, and whether a stage told (first days) ended by then
    ("met"), the deadline is still to come ("running") or is gone ("missed"). Empty when the day is not known."""
    if received is None:
        return {}
    last = dates.add(received, delay)
    length = load_params().at(received).value("stage.length")
    done = [first for first in stages if received <= first and dates.add(first, length) <= last]
    state = "met" if done else "running" if last >= today else "missed"
    return {"received": received, "last_day": last, "state": state, "stage": done[0] if done else None}


def probation_status(*, licence_date: date, today: date, aac: bool = False, training_date: Optional[date] = None,
                     offences: Sequence[Any] = (), relicensed: bool = False,
                     restriction_or_suspension: bool = False, no_offence: bool = False,
                     stages: Sequence[date] = (), past_increments: bool = False,
                     licence_year_only: bool = False, training_planned: bool = False,
                     letter_48n_received: Optional[date] = None, offence_without_retrait: bool = False,
                     stated_balance: Optional[int] = None, stated_after_retrait: bool = False) -> Decision:
    """R1, R5, R6, R7 — capital and probation on ``today`` (L.223-1, R.223-1; CE avis Bizet n° 366865).

    ``letter_48n_received``: the day the driver received the 48N of an offence told (R15). The line on that offence's
    48N then says its own deadline and whether it is still running, met by a stage told, or missed (no refund, R16),
    instead of the general rule, which would promise a refund after a missed deadline (tester T25 c17).

    ``offence_without_retrait``: the driver told an offence that withdrew no point (R4: "81 pour 80" since 2024, an
    amber light). Without any retrait, the balance is the ceiling as for ``no_offence``, but the answer does not say
    "sans infraction": it says that an offence without retrait stops no yearly increase (R7, L.223-1 al. 2).

    ``training_planned``: the training is one to come ("et si je fais la formation complémentaire en mars 2027 ?"):
    its day may be after ``today``, and the answer gives the probation it would give, with its window (R6).

    ``licence_year_only``: only the licence's year is known ("permis depuis 2012", ``licence_date`` its last day,
    the safe one): an ended probation is said ended in its year at the latest, never on an invented day.

    ``past_increments``: "quand est-ce que j'ai eu mes points en plus ?": the increments already granted, with their
    dates (R5), said first.

    ``stated_balance``: the balance the driver states, on ``today`` ("il me reste 4 points"), or just after the last
    known retrait took effect when ``stated_after_retrait`` ("il avait 4 points après le retrait"). With offences
    known, the balance walks from it (R5, R7): what comes back after it (a single point, R8; a stage, R12; the 12 at
    the end, R7) counts from it, never above the ceiling of the day (R1). It is not the points of an offence.

    ``no_offence``: the driver says no offence has cost points since the licence; the balance is then the
    ceiling, and the answer says so ("combien j'ai de points ?" in probation, R5).

    ``stages``: the first days of the stages done that could give points (cases 1 or 2, R11). They count in the
    balance (R12: up to 4 points, never above the ceiling, which an offence froze, R7; R13: one a year; R18: one
    after the retrait that reached 0 saves the licence), each said with what it gave.

    Gives the ceiling on ``today``, the next increment (date and amount), the end of probation,
    the effect of the formation complémentaire and of offences committed during probation, and
    the date the licence reaches 12 points when an offence froze the ceiling.

    R20 with R18 (L.223-1 al. 3; CE 29/09/2023 n° 461479): when the known retraits bring the computed
    balance to 0 or below, the outcome is ``invalidation_ahead``: a 48SI follows (not a 48N), no full
    capital date is given, ``key_dates["zero_balance_on"]`` is the day the retrait takes effect (None while
    the offence is not established) and ``results["balance_with_stage"]`` the balance a stage completed
    before the 48SI is notified would give (saved when ≥ 1). ``results["computed_balance"]`` may be negative.
    """
    from .recovery import full_recovery_schedule  # local import: recovery uses this module

    not_after_today(licence_date, today, "licence_date", "La date d'obtention du permis")
    if not training_planned:  # (a training to come is a plan: the probation it would give, R6; T9 c29)
        not_after_today(training_date, today, "training_date", "La date de la formation complémentaire")
    not_before(training_date, licence_date, "training_date",
               "La formation complémentaire ne peut pas précéder l'obtention du permis.")
    checked = check_offences(offences, today, licence_date)
    stages = check_stages(stages, today, licence_date)
    facts = {
        "licence_date": licence_date, "aac": aac, "training_date": training_date, "relicensed": relicensed,
        "restriction_or_suspension": restriction_or_suspension, "offences": [o.to_dict() for o in checked],
        "stages": list(stages),
    }
    plan = probation_plan(licence_date=licence_date, aac=aac, training_date=training_date, relicensed=relicensed,
                          offences=checked, restriction_or_suspension=restriction_or_suspension)
    if plan is None:
        maximum = load_params().at(today).get("capital.max")
        initial = load_params().at(licence_date).get("probation.initial_points")
        return Decision(
            question="probation", outcome="not_probationary", today=today, facts=facts,
            results={"probationary": False, "ceiling": maximum.value, "balance": None, "computed_balance": None,
                     "invalidation_ahead": False, "balance_with_stage": None},
            key_dates={"licence_date": licence_date, "zero_balance_on": None},
            reasons=(reason("probation.before_probation_existed", "R5", params=(initial, maximum),
                            licence_date=licence_date, ceiling=maximum.value),),
        )

    reasons = []
    ceiling = plan.ceiling_on(today)
    probationary = plan.is_probationary_on(today)
    first = plan.first_offence
    full = full_recovery_schedule(checked, today=today, probation_end=plan.end)
    with_retrait = [o for o in checked if o.points > 0]
    stated = None
    if stated_balance is not None and with_retrait:
        effective = [o.effective for o in with_retrait if o.effective is not None and o.effective <= today]
        day = max(effective) if stated_after_retrait and effective else today
        check_points(stated_balance, "stated_balance", low=1, high=plan.ceiling_on(day),
                     what_fr="Le solde indiqué")
        stated = (day, stated_balance)
    walk, blocked = _walk(plan, checked, today=today, aac=aac, training_date=training_date,
                          relicensed=relicensed, stages=stages, stated=stated) if with_retrait else (None, [])
    zero = walk.zero if walk is not None else None
    # R20: no full capital to announce while the balance is heading for invalidation
    full_date = None if zero is not None else full.last_full_date if with_retrait else plan.end
    # the balance is known when every offence is established (R2: no retrait before the reality)
    established = walk is not None and full.last_full_date is not None
    balance = walk.balance if established else None if with_retrait else ceiling
    max_gain = load_params().at(today).get("stage.max_gain")

    next_step = None
    if probationary:
        for step_date, step_ceiling, granted in plan.steps:
            if step_date > today and granted and (first is None or first.commission > today):
                next_step = (step_date, step_ceiling)
                break
    if zero is not None:
        outcome = "invalidation_ahead"
    elif probationary:
        outcome = "in_probation_frozen" if first is not None and first.commission <= today else "in_probation"
    else:
        outcome = "probation_ended"
    if probationary:
        reasons.append(reason(
            "probation.status", "R5", params=(plan.initial, plan.duration, plan.increment), end=plan.end,
            ceiling=ceiling, licence_date=licence_date,
        ))
    else:
        reasons.append(reason("probation.ended", "R5", params=(plan.duration, plan.maximum), end=plan.end,
                              ceiling=ceiling, licence_date=licence_date,
                              end_year=plan.end.year if licence_year_only else None))
    if offence_without_retrait and not with_retrait:
        reasons.insert(0, reason("probation.balance_offence_without_retrait", "R7", params=(plan.initial,
                                 plan.increment), refs=("L.223-1",), balance=ceiling, probationary=probationary))
    elif no_offence and not with_retrait:
        reasons.insert(0, reason("probation.balance_clean", "R5", params=(plan.initial, plan.increment),
                                 balance=ceiling))
    if relicensed:
        reasons.append(reason("probation.relicensed", "R5", params=(plan.initial,), refs=("R.211-5",)))
    if aac:
        reasons.append(reason("probation.aac", "R5", params=(plan.duration, plan.increment), end=plan.end))
    if plan.reduction != "none":
        reasons.append(_training_reason(plan, today, planned=training_planned or training_date > today))
    if next_step is not None:
        step_date, step_ceiling = next_step
        is_end = step_date == plan.end
        reasons.append(reason(
            "probation.next_step_end" if is_end else "probation.next_increment", "R5",
            params=(plan.increment, plan.maximum), date=step_date, ceiling=step_ceiling,
            points=step_ceiling - ceiling,
        ))
    if past_increments:
        granted_steps = [{"date": step_date, "ceiling": step_ceiling} for step_date, step_ceiling, granted in plan.steps
                         if granted and step_date <= today and (first is None or first.commission > step_date)]
        reasons.insert(0, reason("probation.past_increments", "R5", params=(plan.increment,), steps=granted_steps,
                                 initial=plan.initial.value, licence_date=licence_date))
    if zero is not None:
        reasons[0:0] = zero_reasons(walk, today=today, max_gain=max_gain,
                                    instead_of_48n=instead_of_48n(plan, zero.offence))
    pending = [o for o in with_retrait if o.realite is None]
    if pending and zero is None:
        # R2 example 4: an offence not established yet (fine not paid) withdraws nothing today; said first, the
        # balance it will leave once established (the zero case is said by zero_reasons)
        lost = sum(o.points for o in pending)
        reasons.insert(0, reason("probation.pending_balance", "R2", refs=("L.223-1",), balance=walk.balance,
                                 points=lost, balance_after=walk.balance - lost,
                                 commission=min(o.commission for o in pending), count=len(pending),
                                 judged=all(o.judged for o in pending)))
    if established:
        reasons.insert(0, reason("probation.balance_with_offences", "R7", refs=("L.223-1", "L.223-6"),
                                 ceiling=ceiling, balance=walk.balance, withdrawn=walk.withdrawn,
                                 returned=walk.returned, credited=walk.credited, stages_told=bool(stages),
                                 stated=stated[1] if stated else None,
                                 stated_after_retrait=stated is not None and stated[0] != today))
        # (a stage before the balance stated is in it: its own "passé de 6 à 10" would contradict it)
        told = walk if stated is None else replace(walk, stages=tuple(c for c in walk.stages if c.effective > stated[0]))
        reasons[1:1] = stage_reasons(told, today=today)
        if walk.next_return is not None:
            back, realite = walk.next_return
            reasons.append(reason("recovery.single_point", "R8", refs=("L.223-6",), date=back, realite=realite))
        # R8 during probation too: a single point another offence committed within its 6 months kept from coming
        # back, said (tester T51 c14 asked twice why the July point had not come back in January)
        reasons.extend(blocked)
    for offence in with_retrait:
        if (zero is not None and offence not in walk.before_zero) or offence in walk.reached_zero:
            # R15 edge case: the retrait that reaches 0 brings a 48SI, not a 48N (R20), even when a stage completed
            # before its notification saved the licence (R18 example 3)
            continue
        view = load_params().at(offence.commission)
        threshold, deadline = view.get("letter_48n.min_points"), view.get("letter_48n.deadline")
        if plan.is_probationary_on(offence.commission) and offence.points >= threshold.value:
            received = letter_48n_received if letter_48n_received is not None and \
                offence.commission <= letter_48n_received <= today else None
            state = _letter_48n_state(received, deadline.value, stages, today)
            # R13, R17: a stage that gave points less than a year before the days left keeps the compulsory stage
            # from giving any (tester T55 c19: "fait dans ce délai, il rend des points" after a voluntary stage of
            # May 2026, against the answer's own first turn)
            previous = max((c.first_day for c in walk.stages if c.points and c.first_day <= today), default=None)
            earliest, _, interval, _ = next_point_stage(previous, load_params().at(today)) \
                if previous is not None and state.get("state") in (None, "running") else (None, None, None, None)
            if earliest is not None and earliest <= today:
                earliest = None
            reasons.append(reason(
                "probation.letter_48n_due", "R15", params=(threshold, deadline) + ((interval,) if earliest else ()),
                # (its day told, else its payment: a 48N's retrait counted on the letter's receipt is no offence's day)
                commission=offence.commission if offence.commission_known else None,
                paid=offence.realite if not offence.commission_known and offence.payment_told else None,
                points=offence.points, threshold=threshold.value, deadline=deadline.value,
                previous=previous if earliest else None, earliest=earliest,
                points_possible=earliest is not None and earliest <= state.get("last_day", date.max),
                **state))
    if first is not None:
        frozen = plan.ceiling_on(dates.previous_day(plan.end)) if first.commission < plan.end else ceiling
        reasons.append(reason(
            "probation.increments_stopped", "R7", refs=("L.223-1", "R.223-1"), commission=first.commission,
            ceiling=frozen, paid=None if first.commission_known else first.realite, ended=not probationary,
            end=plan.end,
        ))
        reasons.append(reason("probation.no_extension", "R7", refs=("CE-366865",), end=plan.end,
                              ended=not probationary))
        for step_date, _, _ in plan.steps[:-1]:
            if first.commission == step_date:
                reasons.append(reason("probation.offence_on_anniversary", "R5", refs=("L.223-1",),
                                      certainty="I", date=step_date))
            effective = first.effective
            if first.commission < step_date and effective is not None and effective >= step_date:
                reasons.append(reason("probation.recorded_after_anniversary", "R5", refs=("L.223-1",),
                                      certainty="U", date=step_date, commission=first.commission))
        if first.realite is None:
            reasons.append(reason("probation.offence_pending", "R7", refs=("L.223-1",), certainty="I",
                                  commission=first.commission))
        if full.blocked_by_pending:
            reasons.append(_full_after_pending(full, plan.end, today))
        elif zero is None:
            reasons.append(reason(
                "probation.full_after_end", "R7", params=full.params, refs=("L.223-1-last",), certainty="I",
                date=full_date, end=plan.end,
            ))
    elif probationary and not (next_step is not None and next_step[0] == plan.end):
        # (when the next step is the end of probation, probation.next_step_end has said it)
        reasons.append(reason("probation.full_at_end", "R5", params=(plan.maximum,), date=plan.end,
                              ceiling=plan.maximum.value))
    if training_date is None and probationary and first is None and not relicensed and not restriction_or_suspension:
        reasons.extend(_training_window_open(plan, aac=aac, today=today))
    return Decision(
        question="probation", outcome=outcome, today=today, facts=facts,
        results={
            "probationary": probationary, "path": plan.path, "ceiling": ceiling, "balance": balance,
            "computed_balance": walk.computed if established else None if with_retrait else ceiling,
            "invalidation_ahead": zero is not None,
            "balance_with_stage": walk.with_stage(max_gain.value) if walk is not None else None,
            "initial_points": plan.initial.value, "reduction": plan.reduction,
            "increments_stopped": first is not None,
            "next_increment_points": (next_step[1] - ceiling) if next_step else None,
            "next_ceiling": next_step[1] if next_step else None,
        },
        key_dates={
            "licence_date": licence_date, "probation_end": plan.end,
            "next_increment": next_step[0] if next_step else None,
            "first_offence": first.commission if first else None,
            "full_capital": full_date,
            "zero_balance_on": zero.on if zero is not None else None,
        },
        reasons=tuple(reasons),
        missing=("offences.realite",) if first is not None and first.realite is None else (),
    )


def instead_of_48n(plan: Optional[ProbationPlan], offence: Offence) -> bool:
    """R15 edge case: would this retrait have brought a 48N, had it not brought the balance to 0?"""
    threshold = load_params().at(offence.commission).value("letter_48n.min_points")
    return plan is not None and plan.is_probationary_on(offence.commission) and offence.points >= threshold


def _walk(plan: ProbationPlan, offences: Sequence[Offence], *, today: date, aac: bool,
          training_date: Optional[date], relicensed: bool, stages: Sequence[date] = (),
          stated: Optional[tuple] = None) -> Tuple[BalanceWalk, list]:
    """R7, R8, R9, R20 — the balance of a licence whose known offences are ``offences``, and the reasons of the
    single points another offence kept from coming back (R8).

    It had reached the ceiling of the day of the first offence (no increment after it, R7); each retrait
    counts from the day it takes effect (R2); a single point comes back after 6 months without a new
    offence (R8); the maximum comes back on the full-recovery date (R9, not before the end of probation).
    """
    from .recovery import automatic_recovery  # local import: recovery uses this module

    recovery = automatic_recovery(offences=offences, today=today, licence_date=plan.licence_date, aac=aac,
                                  training_date=training_date, relicensed=relicensed)
    with_retrait = [o for o in offences if o.points > 0]
    blocked = [r for r in recovery.reasons if r.code == "recovery.single_point_blocked"]
    return walk_balance(list(zip(with_retrait, recovery.results["offences"])),
                        start=plan.ceiling_on(min(o.commission for o in with_retrait)),
                        ceiling_on=plan.ceiling_on, today=today, stages=stages, stated=stated), blocked


def _training_window_open(plan: ProbationPlan, *, aac: bool, today: date) -> list:
    """R6: a first licence without offence, its training not done, inside the training's window (the 6th to the 12th
    month of the licence) on ``today``: the training done by the window's end, with no offence after it, would
    shorten the probation (2 years, 18 months after AAC) and bring 12 points at its end. [] outside the window."""
    view = load_params().at(today)
    reduced = view.get("probation.training.duration_aac" if aac else "probation.training.duration")
    window_from, window_to = view.get("probation.training.window_from"), view.get("probation.training.window_to")
    opens, closes = dates.add(plan.licence_date, window_from.value), dates.add(plan.licence_date, window_to.value)
    if reduced.value is None or not opens <= today <= closes:
        return []
    return [reason("probation.training_open", "R6", params=(reduced, window_from, window_to, plan.maximum),
                   refs=("R.223-1",), window_from=opens, window_to=closes, reduced=reduced.value,
                   reduced_end=dates.add(plan.licence_date, reduced.value), end=plan.end,
                   maximum=plan.maximum.value)]


def _training_reason(plan: ProbationPlan, today: date, planned: bool = False):
    code = {
        "kept": "probation.training_kept",
        "lost": "probation.training_lost",
        "outside_window": "probation.training_outside_window",
        "not_available": "probation.training_not_available",
        "relicensed": "probation.training_relicensed",
    }[plan.reduction]
    certainty = {"lost": "I", "relicensed": "U"}.get(plan.reduction)
    window = {}
    if planned:  # R6: a training to come is said with its window, the 6th to the 12th month of the licence
        _, window_from, window_to = plan.training_params
        window = {"planned": True, "window_from": dates.add(plan.licence_date, window_from.value),
                  "window_to": dates.add(plan.licence_date, window_to.value)}
        window["over"] = window["window_to"] < today  # (its window already over on the day asked, R6)
    return reason(code, "R6", params=plan.training_params, certainty=certainty, end=plan.end,
                  normal_end=plan.normal_end, reduced_end=plan.reduced_end, **window)
