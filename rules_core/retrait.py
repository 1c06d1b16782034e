"""When the points of an offence are withdrawn: R2 (L.223-1 al. 4; CE 21/11/2016 n° 392555; CE 29/09/2023
n° 461479).

Not on the day of the offence, nor when the ticket is issued: the retrait happens *de plein droit* once the
réalité of the offence is established (spec §0.2), by the first of four events. Paying the fine admits the
offence; contesting it holds the retrait back until a conviction becomes final. The ministry records its
decision later (no deadline is set for it), and the retrait counts from that decision even before the letter
48 tells the driver. Every automatic-recovery clock starts on the day of the réalité (L.223-6 al. 1).
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from . import dates
from .errors import InconsistentFacts
from .model import OFFENCE_CLASSES, Decision
from .params import load_params
from .reasoning import check_points, not_after_today, not_before, reason

#: the events that establish the réalité of an offence, in the order of L.223-1 al. 4 (spec §0.2), and the
#: judgment of conviction pronounced (``judgment``): it establishes the offence once no appeal is possible (R2 ex. 3)
ESTABLISHED_BY = ("payment", "titre_executoire", "composition_penale", "conviction_final", "judgment")
#: what is known of a fine not established yet: nothing, not paid yet, or contested
FINE_STATES = ("unknown", "not_paid", "contested")


def retrait_timing(*, today: date, established_on: Optional[date] = None, established_by: str = "payment",
                   fine_state: str = "unknown", commission: Optional[date] = None,
                   points: Optional[int] = None, offence_class: Optional[str] = None,
                   probationary: Optional[bool] = None) -> Decision:
    """R2 — when are the points of an offence withdrawn (L.223-1 al. 4), and from when do the recovery
    clocks run (L.223-6 al. 1, CE 21/11/2016 n° 392555)?

    ``established_on``: the day the réalité was established, by ``established_by`` (one of
    ``ESTABLISHED_BY``: the fine paid, the titre exécutoire of the amende forfaitaire majorée, a composition
    pénale executed, a conviction become final). With ``judgment``, ``established_on`` is the day a court
    convicted: the conviction becomes final, and the offence established, the day after the appeal delay
    (10 days, CPP art. 498 and 547) [U: spec R2 example 3], and the retrait and its clocks count from then. Without it, ``fine_state`` says what is known:
    ``not_paid`` (the points are not withdrawn yet, R2 example 4), ``contested`` (none while the contest
    lasts), or ``unknown`` (the rule in general). ``commission`` and ``points`` name the offence.
    ``established_on`` after ``today`` is an event to come, a payment planned ("je vais payer l'amende le 10
    décembre"): nothing is withdrawn yet, the points will be on that day (R2 example 4, *à venir*).

    ``offence_class`` (one of ``OFFENCE_CLASSES``), when known, decides the full recovery's delay (R9, L.223-6
    al. 2): 2 years for a contravention of the first three classes, 3 years for a 4th- or 5th-class one or a
    délit; unknown, the answer gives both.

    ``probationary``: the licence was probationary when the offence was committed (R7, R15): the 2- or 3-year full
    recovery does not run during probation (L.223-1 last al.), so its date is not given; the ceiling stops rising;
    and the 48N follows a retrait of 3 points or more (or not, below), said when the points are known.

    Outcomes: ``withdrawn`` (``key_dates["retrait_on"]`` and the recovery dates from it), ``planned`` (the same
    dates, to come), ``not_yet``, ``contested``, ``rule``. ``key_dates["full_back"]`` and ``["full_back_serious"]``
    are the 2- and 3-year dates; ``["full_recovery_on"]`` the one of the offence's class, None when it is unknown.
    """
    if established_by not in ESTABLISHED_BY:
        raise InconsistentFacts("retrait.established_by_unknown", "established_by",
                                f"Événement inconnu : indiquez l'un de {', '.join(ESTABLISHED_BY)}.")
    if fine_state not in FINE_STATES:
        raise InconsistentFacts("retrait.fine_state_unknown", "fine_state",
                                f"État de l'amende inconnu : indiquez l'un de {', '.join(FINE_STATES)}.")
    if offence_class is not None and offence_class not in OFFENCE_CLASSES:
        raise InconsistentFacts("retrait.offence_class_unknown", "offence_class",
                                f"Classe inconnue : indiquez l'une de {', '.join(OFFENCE_CLASSES)}.")
    not_after_today(commission, today, "commission", "La date de l'infraction")
    not_before(established_on, commission, "established_on",
               "Le paiement ou la condamnation ne peut pas précéder la date de l'infraction.")
    view = load_params().at(established_on or today)
    check_points(points, "points", low=1, high=view.value("capital.max"), what_fr="Le retrait")
    facts = {"established_on": established_on, "established_by": established_by if established_on else None,
             "fine_state": fine_state, "commission": commission, "points": points, "offence_class": offence_class}
    judged = None
    if established_by == "judgment" and established_on is not None:
        # R2 example 3: the conviction is final once no appeal is possible, the day after the appeal delay ends
        appeal = view.get("retrait.conviction.appeal_delay")
        judged = reason("retrait.conviction_becomes_final", "R2", params=(appeal,), certainty="U",
                        judgment=established_on, appeal_delay=appeal.value,
                        last_day=dates.add(established_on, appeal.value),
                        date=dates.next_day(dates.add(established_on, appeal.value)))
        established_on, established_by = judged.data["date"], "conviction_final"
        view = load_params().at(established_on)
    # R2 example 4: a payment to come ("je vais payer le 10 décembre"), or a conviction not final yet, withdraws
    # nothing yet: the points are *à venir*, withdrawn on that day
    planned = established_on is not None and established_on > today
    single, full, serious = (view.get("recovery.single_point.delay"), view.get("recovery.full.delay"),
                             view.get("recovery.full.delay_serious"))
    delays = {"single_delay": single.value, "full_delay": full.value, "serious_delay": serious.value}
    # R9 (L.223-6 al. 2): the offence's class, when known, decides between the two delays
    serious_classes = view.get("recovery.full.serious_classes")
    class_delay = None if offence_class is None else (
        serious if offence_class in serious_classes.value else full)
    by_class = {"offence_class": offence_class, "class_delay": class_delay.value if class_delay else None}
    class_params = (class_delay, serious_classes) if class_delay else ()
    clock_params = (single, full, serious) + class_params[1:]
    recorded_later = reason("retrait.recorded_later", "R2", refs=("CE-461479", "R.223-3"))
    key_dates = {"retrait_on": established_on, "single_point_back": None, "full_back": None,
                 "full_back_serious": None, "full_recovery_on": None}
    if established_on is not None:
        outcome = "planned" if planned else "withdrawn"
        key_dates.update(single_point_back=dates.add(established_on, single.value),
                         full_back=dates.add(established_on, full.value),
                         full_back_serious=dates.add(established_on, serious.value),
                         full_recovery_on=dates.add(established_on, class_delay.value) if class_delay else None)
        reasons = [
            reason("retrait.planned" if planned else "retrait.withdrawn_on", "R2", refs=("L.223-1",),
                   date=established_on, by=established_by, points=points, commission=commission),
            reason("retrait.clock_from", "R9", params=clock_params, refs=("L.223-6", "CE-392555"),
                   date=established_on, points=points, single=key_dates["single_point_back"], full=key_dates["full_back"],
                   serious=key_dates["full_back_serious"], full_on=key_dates["full_recovery_on"], future=planned,
                   **delays, **by_class),
            recorded_later,
        ]
        if planned and established_by == "payment":
            reasons.insert(1, reason("retrait.payment_admits", "R2", refs=("L.223-1", "SP-F1685")))
        if judged is not None:
            reasons.insert(1, judged)
    elif fine_state == "not_paid":
        outcome = "not_yet"
        reasons = [
            reason("retrait.not_yet", "R2", refs=("L.223-1",), points=points, commission=commission),
            reason("retrait.payment_admits", "R2", refs=("L.223-1", "SP-F1685")),
            # (a 1-point offence: its point comes back alone 6 months after it is established, R8)
            reason("retrait.clock_not_started", "R9", params=((single,) if points == 1 else ()) + class_params,
                   refs=("L.223-6", "CE-392555"), points=points, **delays, **by_class),
            recorded_later,
        ]
    elif fine_state == "contested":
        outcome = "contested"
        reasons = [
            reason("retrait.contested", "R2", refs=("L.223-1",), points=points),
            reason("retrait.payment_admits", "R2", refs=("L.223-1", "SP-F1685")),
            reason("retrait.clock_not_started", "R9", params=class_params, refs=("L.223-6", "CE-392555"),
                   **delays, **by_class),
        ]
    else:
        outcome = "rule"
        reasons = [
            reason("retrait.rule", "R2", refs=("L.223-1",), points=points),
            reason("retrait.contest_holds", "R2", refs=("L.223-1", "SP-F1685")),
            reason("retrait.clock_from_realite", "R9", params=clock_params, refs=("L.223-6", "CE-392555"),
                   points=points, **delays, **by_class),
            recorded_later,
        ]
    if probationary:
        reasons = _in_probation(reasons, points, offence_class, commission or established_on or today)
        key_dates.update(full_back=None, full_back_serious=None, full_recovery_on=None)
    facts["probationary"] = probationary
    return Decision(
        question="retrait_timing", outcome=outcome, today=today, facts=facts,
        results={"withdrawn": outcome == "withdrawn", "points": points}, key_dates=key_dates,
        reasons=tuple(reasons),
    )


def may_be_unpaid(*, commission: date, today: date, judged: bool = False) -> bool:
    """R2 example 4 — whether an offence committed on ``commission``, told without a payment, a titre exécutoire
    or a conviction, may still be unestablished on ``today``: its points are then *à venir*, never withdrawn on
    the offence's day (L.223-1 al. 4).

    True until the delay to pay the amende forfaitaire has run from the offence (45 days, CPP art. 529-1; read
    from the offence, the earliest start, although the avis may be sent later) [I]; after it the fine is paid
    or majorée, and the offence's day stands for its établissement as an estimate.

    ``judged``: the offence has no fixed fine (``offence_points``' ``results["judged"]``: a délit without amende
    forfaitaire délictuelle, such as alcohol at the délit's level or drugs; a 5th class not forfaitisable). No
    payment deadline establishes it: only a conviction become final (or a composition pénale executed) does (R2
    example 3). It may then still be unjudged for ``retrait.judgment_pending_possible`` after the offence [I].
    """
    not_after_today(commission, today, "commission", "La date de l'infraction")
    window = load_params().at(commission).value(
        "retrait.judgment_pending_possible" if judged else "retrait.unpaid_possible")
    return today < dates.add(commission, window)


_FULL_RECOVERY_CLOCKS = ("retrait.clock_from", "retrait.clock_from_realite", "retrait.clock_not_started")


def _in_probation(reasons: list, points: Optional[int], offence_class: Optional[str], commission: date) -> list:
    """R7, R15 for an offence of probation: the clock's line keeps only a lone point's 6 months (R8), the 2- or
    3-year full recovery gives way to R7's (L.223-1 last al.), the ceiling stops rising, and the 48N's line."""
    from .offences import _follow_ups  # local import: offences is the larger module, and reads the scale

    kept = [r for r in reasons if r.code not in _FULL_RECOVERY_CLOCKS or (points == 1 and r.code == "retrait.clock_from")]
    view = load_params().at(commission)
    kept.insert(1, reason("retrait.probation_ceiling_frozen", "R7", refs=("L.223-1",),
                          increment=view.value("probation.increment")))
    klasses = [offence_class] if offence_class else ["c3", "c4"]  # (unknown: both delays, 2 or 3 years)
    follow = _follow_ups(points, klasses, commission, True) if points else [
        reason("retrait.probation_48n_rule", "R15", params=(view.get("letter_48n.min_points"),
                                                            view.get("letter_48n.deadline")),
               threshold=view.value("letter_48n.min_points"), deadline=view.value("letter_48n.deadline"))]
    return kept[:2] + follow + kept[2:]
