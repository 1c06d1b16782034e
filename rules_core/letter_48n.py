"""Compulsory stage after a lettre 48N and refund of the fine: R15, R16, R17.

R.223-4 I–IV (48N by registered letter; stage within 4 months of receipt; otherwise a
4th-class contravention and a suspension of up to 3 years), L.223-6 al. 4 (the stage « se
substitue à l'amende »; points once a year), arrêté of 25/02/2004 art. 2 (refund form).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Optional, Sequence

from . import dates
from .capital import probation_plan
from .errors import InconsistentFacts
from .model import Decision, Offence
from .params import load_params
from .reasoning import check_points, not_after_today, not_before, reason
from .stage import next_point_stage

FINE_STATUSES = ("paid", "unpaid", "majoree")
REFUND_DOCUMENTS = ("refund_form", "letter_48n_copy", "attestation_copy", "fine_notice_or_payment_proof",
                    "bank_details")
# A fine not paid: the same form asks to stop its recovery (arrêté of 25/02/2004 art. 2); no payment, no bank details.
RECOVERY_STOP_DOCUMENTS = ("recovery_stop_form", "letter_48n_copy", "attestation_copy", "fine_notice")


#: how close the 48N's deadline must be for the answer to warn of it: the last day a stage of two consecutive days can
#: begin within this delay from today (a presentation choice, not a legal number: stages are booked weeks ahead)
DEADLINE_CLOSE_WITHIN_DAYS = 30


def deadline_close(deadline: date, today: date, view) -> Optional[Any]:
    """R15 — the 48N's deadline is near: only a stage whose last day is ≤ the deadline counts, so a stage of two
    consecutive days (R.223-5) must begin the day before at the latest. A reason ``48n.deadline_close`` when that day is
    within DEADLINE_CLOSE_WITHIN_DAYS of today (or already passed while the deadline is not); None otherwise."""
    if today > deadline:
        return None
    length = view.get("stage.length")
    latest_first_day = dates.add(deadline, {"days": -length.value["days"]})
    if (latest_first_day - today).days > DEADLINE_CLOSE_WITHIN_DAYS:
        return None
    return reason("48n.deadline_close", "R15", params=(length,), refs=("R.223-4",), deadline=deadline,
                  latest_first_day=latest_first_day, days_left=(deadline - today).days,
                  start_days_left=(latest_first_day - today).days)


def _check_stage(first_day: Optional[date], last_day: Optional[date]) -> None:
    if (first_day is None) != (last_day is None):
        raise InconsistentFacts("stage.dates_incomplete", "stage_last_day",
                                "Indiquez le premier et le dernier jour du stage.")
    if first_day is not None and last_day < first_day:
        raise InconsistentFacts("stage.end_before_start", "stage_last_day",
                                "Le dernier jour du stage ne peut pas précéder le premier.")


def _check_fine_status(fine_status: Optional[str]) -> None:
    if fine_status is not None and fine_status not in FINE_STATUSES:
        raise InconsistentFacts("fine_status.unknown", "fine_status",
                                "Situation de l'amende inconnue : payée, non payée ou majorée.")


def _not_paid(fine_status: Optional[str]) -> bool:
    """R16 example 2: a fine not paid (or majorée, its titre exécutoire issued) has nothing to refund."""
    return fine_status in ("unpaid", "majoree")


def check_48n_trigger(*, licence_date: date, offence: Offence, aac: bool = False,
                      training_date: Optional[date] = None, relicensed: bool = False) -> None:
    """R15 — a 48N needs one infraction of ≥ 3 points committed during probation; else the facts clash."""
    plan = probation_plan(licence_date=licence_date, aac=aac, training_date=training_date, relicensed=relicensed,
                          offences=(offence,))
    threshold = load_params().at(offence.commission).value("letter_48n.min_points")
    if plan is None or not plan.is_probationary_on(offence.commission):
        raise InconsistentFacts("letter_48n.without_probation", "offence_commission",
                                "Une lettre 48N ne concerne qu'une infraction commise pendant la période probatoire.")
    if offence.points < threshold:
        raise InconsistentFacts("letter_48n.points_below_threshold", "offence_points",
                                f"Une lettre 48N suppose une infraction d'au moins {threshold} points.")


def stage_obligation(*, licence_date: date, today: date, aac: bool = False,
                     training_date: Optional[date] = None, offence_on: Optional[date] = None) -> Decision:
    """R15 — whether an offence committed today can make a stage compulsory: only during probation.

    Outcome ``probationary`` (a 48N would follow an offence of 3 points or more; its receipt date then
    gives the deadline, see :func:`mandatory_stage_48n`) or ``probation_over`` (no more 48N, except
    for an offence committed during probation whose letter comes late). ``offence_on``: the day of the offence told,
    when known; committed after the probation ended, it brings no 48N but a lettre 48, a simple information (R19),
    and the late-letter exception is not its case."""
    not_after_today(licence_date, today, "licence_date", "L'obtention du permis")
    plan = probation_plan(licence_date=licence_date, aac=aac, training_date=training_date)
    view = load_params().at(today)
    threshold, delay = view.get("letter_48n.min_points"), view.get("letter_48n.deadline")
    ended = plan.end if plan is not None else None
    if ended is not None and ended > today:
        outcome = "probationary"
        reasons = (reason("48n.probation_until", "R15", params=(threshold, delay), refs=("R.223-4",),
                          probation_end=ended, threshold=threshold.value, delay=delay.value),)
    elif ended is not None and offence_on is not None and offence_on >= ended:
        outcome = "probation_over"
        reasons = (reason("48n.offence_after_probation", "R15", params=(threshold,), refs=("R.223-4",),
                          probation_end=ended, commission=offence_on),)
    else:
        outcome = "probation_over"
        reasons = (reason("48n.probation_over", "R15", params=(threshold,), refs=("R.223-4",), probation_end=ended),
                   reason("48n.letter_after_probation", "R15", params=(delay,), refs=("R.223-4",), certainty="S",
                          delay=delay.value))
    return Decision(
        question="stage_obligation", outcome=outcome, today=today,
        facts={"licence_date": licence_date, "aac": aac, "training_date": training_date, "offence_on": offence_on},
        results={"compulsory_stage_possible": outcome == "probationary"}, key_dates={"probation_end": ended},
        reasons=reasons,
    )


def obligation_from_retraits(*, retraits: Sequence[int], today: date, same_check: bool = False,
                             letter_not_received: bool = False) -> Decision:
    """R15 — whether retraits told without a 48N make a stage compulsory: only one infraction of 3 points or more
    does; "1 point puis 2 points", on separate tickets [S] or at one check [I], brings no 48N, whatever the total.

    ``letter_not_received``: "je n'ai pas reçu de lettre 48N": without it no deadline runs (the 4 months start at its
    receipt). Outcome ``no_48n`` (every retrait below the threshold), ``awaiting_48n`` (one reaches it) or
    ``no_letter_yet`` (no retrait told: no obligation yet, and what brings one).
    """
    view = load_params().at(today)
    threshold, delay = view.get("letter_48n.min_points"), view.get("letter_48n.deadline")
    for points in retraits:
        check_points(points, "retraits", low=1, high=view.value("capital.max"), what_fr="Un retrait")
    largest = max(retraits, default=0)
    reasons = []
    if not retraits:
        # "je n'ai pas reçu de lettre 48N", no retrait told: no obligation yet, and what would bring one
        outcome = "no_letter_yet"
        reasons.append(reason("48n.no_letter_yet", "R15", params=(threshold, delay), refs=("R.223-4",),
                              threshold=threshold.value, delay=delay.value))
    elif largest >= threshold.value:
        outcome = "awaiting_48n"
        reasons.append(reason("48n.awaiting", "R15", params=(threshold, delay), refs=("R.223-4",),
                              points=largest, threshold=threshold.value, delay=delay.value))
    else:
        outcome = "no_48n"
        reasons.append(reason("48n.none_below_threshold", "R15", params=(threshold,), refs=("R.223-4",),
                              certainty="I" if same_check else "S", retraits=list(retraits), total=sum(retraits),
                              threshold=threshold.value, same_check=same_check))
        gain = view.get("stage.max_gain")
        reasons.append(reason("48n.voluntary_possible", "R14", params=(gain,), refs=("L.223-6",), points=gain.value))
    if letter_not_received and outcome == "awaiting_48n":
        reasons.append(reason("48n.not_received_yet", "R15", params=(delay,), refs=("R.223-4",), delay=delay.value))
    return Decision(question="obligation_from_retraits", outcome=outcome, today=today,
                    facts={"retraits": list(retraits), "same_check": same_check,
                           "letter_not_received": letter_not_received},
                    results={"compulsory_stage": None if not retraits else outcome == "awaiting_48n"}, key_dates={},
                    reasons=tuple(reasons))


def mandatory_stage_48n(*, received_on: date, today: date, stage_first_day: Optional[date] = None,
                        stage_last_day: Optional[date] = None,
                        previous_points_stage_first_day: Optional[date] = None,
                        licence_date: Optional[date] = None, offence_commission: Optional[date] = None,
                        offence_points: Optional[int] = None, aac: bool = False,
                        training_date: Optional[date] = None, fine_status: Optional[str] = None,
                        presented_not_collected: bool = False) -> Decision:
    """R15, R17 — the 48N stage: deadline (receipt + 4 months, R.223-4), what if missed, and the points.

    ``fine_status`` (``paid``, ``unpaid``, ``majoree``; None: not said): a fine not paid is not refunded, the
    stage done in time stops its recovery (R16 example 2).

    ``presented_not_collected``: the registered letter was not collected at the post office; ``received_on`` is
    then its first presentation, from which the 4 months run (R15 [I], by analogy with CE 17/04/2025 n° 492072).

    The stage's last day must be ≤ the deadline (conservative). A point-giving stage less than a
    year earlier does not lift the obligation: the 48N stage then gives no points, but the fine is
    still refunded (R17). Give ``licence_date``, ``offence_commission`` and ``offence_points`` to
    check that a 48N was due at all.
    """
    not_after_today(received_on, today, "received_on", "La réception de la lettre 48N")
    _check_stage(stage_first_day, stage_last_day)
    not_after_today(previous_points_stage_first_day, received_on if stage_first_day is None else stage_first_day,
                    "previous_points_stage_first_day", "Le stage précédent")
    if licence_date is not None and offence_commission is not None and offence_points is not None:
        offence = Offence(commission=offence_commission, points=offence_points, offence_class="c4")
        not_before(offence_commission, licence_date, "offence_commission",
                   "Une infraction commise avant l'obtention du permis ne peut pas lui retirer de points.")
        not_before(received_on, offence_commission, "received_on",
                   "La lettre 48N ne peut pas précéder l'infraction.")
        check_48n_trigger(licence_date=licence_date, offence=offence, aac=aac, training_date=training_date)
    view = load_params().at(received_on)
    deadline_param = view.get("letter_48n.deadline")
    deadline = dates.add(received_on, deadline_param.value)
    suspension = view.get("letter_48n.max_suspension")
    fine_scale = view.get("fines.c4_scale")
    _check_fine_status(fine_status)
    facts = {"received_on": received_on, "stage_first_day": stage_first_day, "stage_last_day": stage_last_day,
             "previous_points_stage_first_day": previous_points_stage_first_day, "licence_date": licence_date,
             "offence_commission": offence_commission, "offence_points": offence_points, "fine_status": fine_status,
             "presented_not_collected": presented_not_collected}
    reasons = []
    plan = probation_plan(licence_date=licence_date, aac=aac, training_date=training_date) \
        if licence_date is not None and offence_commission is not None else None
    if plan is not None and plan.end <= today and licence_date <= offence_commission < plan.end:
        # R15 edge case: the probation is over, the offence was committed during it: the stage is still compulsory
        # [S, permis-apoints.com; T reading of R.223-4]
        reasons.append(reason("48n.still_after_probation", "R15", refs=("R.223-4",), certainty="S",
                              commission=offence_commission, probation_end=plan.end))
    if presented_not_collected:
        reasons.append(reason("letter.48N_uncollected", "R15", params=(deadline_param,), refs=("R.223-4", "CE-492072"),
                              certainty="I", presented=received_on, deadline=deadline))
    earliest = prudent = None
    if previous_points_stage_first_day is not None:
        earliest, prudent, interval, _ = next_point_stage(previous_points_stage_first_day, view)
    points_possible = None
    if stage_first_day is None:
        if today <= deadline:
            outcome = "stage_due"
            reasons.append(reason("48n.stage_due", "R15", params=(deadline_param,), refs=("SP-F14208",),
                                  received=received_on, deadline=deadline))
            close = deadline_close(deadline, today, view)
            if close is not None:  # "le 2 décembre, c'est demain": only a stage ending by then counts (R15)
                reasons.append(close)
            # what happens otherwise: "et si je le fais pas ?" is the next question (R15 example 2)
            reasons.append(reason("48n.if_missed", "R15", params=(suspension, fine_scale), deadline=deadline,
                                  fine=fine_scale.value["forfait"], maximum=fine_scale.value["maximum"],
                                  suspension=suspension.value, unpaid=_not_paid(fine_status)))
        else:
            outcome = "deadline_missed"
            reasons.append(reason("48n.deadline_missed", "R15", params=(deadline_param, suspension, fine_scale),
                                  deadline=deadline, fine=fine_scale.value["forfait"],
                                  maximum=fine_scale.value["maximum"], suspension=suspension.value,
                                  unpaid=_not_paid(fine_status)))
            # R16 example 3: a stage after the deadline refunds nothing, but still gives its points as any stage
            # (once a year, R12, R13); it does not undo the missed obligation [S]
            gain = view.get("stage.max_gain")
            reasons.append(reason("48n.late_stage_points", "R16", params=(gain,), refs=("L.223-6",), certainty="S",
                                  points=gain.value, unpaid=_not_paid(fine_status)))
        if earliest is not None:
            points_possible = earliest <= deadline
            reasons.append(reason("48n.recent_stage", "R17", params=(interval,), refs=("R.223-4",), certainty="S",
                                  previous=previous_points_stage_first_day, earliest=earliest,
                                  deadline=deadline, points_possible=points_possible, deadline_passed=today > deadline))
    else:
        in_time = received_on <= stage_first_day and stage_last_day <= deadline
        if stage_first_day < received_on:
            outcome = "stage_before_letter"
            reasons.append(reason("48n.stage_before_letter", "R14", refs=("R.223-4",), certainty="U",
                                  received=received_on, deadline=deadline))
        elif in_time:
            outcome = "obligation_met"
            reasons.append(reason("48n.obligation_met", "R15", params=(deadline_param,), deadline=deadline,
                                  last_day=stage_last_day, past=stage_last_day <= today))
            reasons.append(reason("48n.refund_due", "R16", refs=("L.223-6", "arrete-2004-02-25"),
                                  unpaid=_not_paid(fine_status)))
        else:
            outcome = "stage_late"
            reasons.append(reason("48n.stage_late", "R15", params=(deadline_param, suspension, fine_scale),
                                  deadline=deadline, last_day=stage_last_day, fine=fine_scale.value["forfait"],
                                  maximum=fine_scale.value["maximum"], past=stage_last_day <= today,
                                  unpaid=_not_paid(fine_status)))
            close = deadline_close(deadline, today, view)
            if close is not None:  # a stage that ends by the deadline is still possible: which one (R15)
                reasons.append(close)
        points_possible = earliest is None or stage_first_day >= earliest
        if earliest is not None and not points_possible:
            reasons.append(reason("48n.no_points_recent_stage", "R17", params=(interval,), refs=("R.223-4",),
                                  certainty="S", previous=previous_points_stage_first_day, earliest=earliest))
        else:
            reasons.append(reason("48n.points_possible", "R12", params=(view.get("stage.max_gain"),)))
    return Decision(
        question="mandatory_stage_48n", outcome=outcome, today=today, facts=facts,
        results={"deadline_passed": today > deadline, "points_possible": points_possible,
                 "fine_if_missed_eur": fine_scale.value["forfait"], "fine_max_eur": fine_scale.value["maximum"],
                 "max_suspension_years": suspension.value["years"]},
        key_dates={"deadline": deadline, "earliest_point_stage": earliest, "prudent_point_stage": prudent},
        reasons=tuple(reasons),
    )


def fine_refund_48n(*, received_on: date, stage_first_day: date, stage_last_day: date, today: date,
                    fine_status: str = "paid", amount_paid: Optional[float] = None,
                    majoration_paid: bool = False) -> Decision:
    """R16 — refund of the fine (or stop of its recovery) after the 48N stage (L.223-6 al. 4, R.223-4).

    Refund only if the stage was completed within 4 months of receipt. ``fine_status``: ``paid``,
    ``unpaid`` or ``majoree`` (titre exécutoire issued). ``majoration_paid``: the fine was paid at its
    majorée rate ("j'ai payé l'amende majorée, 375 €"): refunded, but in principle not the majoration
    itself [S/U]. The 15-day delay for the request is stated
    by service-public but no forfeiture rule was found [U]. A stage not finished by ``today`` is a
    planned one: the answer says what it will give if the whole stage is followed as planned.
    """
    not_after_today(received_on, today, "received_on", "La réception de la lettre 48N")
    _check_stage(stage_first_day, stage_last_day)
    planned = stage_last_day >= today
    not_before(stage_first_day, received_on, "stage_first_day",
               "Pour le remboursement, le stage doit suivre la réception de la lettre 48N.")
    _check_fine_status(fine_status)
    if amount_paid is not None and amount_paid < 0:
        raise InconsistentFacts("amount_paid.negative", "amount_paid", "Le montant payé ne peut pas être négatif.")
    view = load_params().at(received_on)
    deadline_param = view.get("letter_48n.deadline")
    deadline = dates.add(received_on, deadline_param.value)
    request_delay = view.get("refund.request_delay")
    request_by = dates.add(stage_last_day, request_delay.value)
    facts = {"received_on": received_on, "stage_first_day": stage_first_day, "stage_last_day": stage_last_day,
             "fine_status": fine_status, "amount_paid": amount_paid, "planned": planned,
             "majoration_paid": majoration_paid}
    reasons = []
    documents: Any = []
    if stage_last_day > deadline:
        outcome = "no_refund_late"
        reasons.append(reason("refund.late_stage", "R16", params=(deadline_param,), refs=("SP-F14208",),
                              certainty="S", deadline=deadline, last_day=stage_last_day, planned=planned))
    else:
        documents = list(REFUND_DOCUMENTS if fine_status == "paid" else RECOVERY_STOP_DOCUMENTS)
        if fine_status == "paid":
            outcome = "refund"
            reasons.append(reason("refund.paid", "R16", params=(deadline_param,), refs=("L.223-6", "arrete-2004-02-25"),
                                  refs_first=True, amount=amount_paid, deadline=deadline, planned=planned, last_day=stage_last_day))
        else:
            outcome = "recovery_stopped"
            reasons.append(reason("refund.unpaid", "R16", params=(deadline_param,),
                                  refs=("L.223-6", "arrete-2004-02-25"), refs_first=True, deadline=deadline,
                                  majoree=fine_status == "majoree", planned=planned))
        if fine_status == "majoree" or (fine_status == "paid" and majoration_paid):
            # R16 example 2: nothing was paid, so nothing is refunded; what becomes of the majoration is [U]; paid, the
            # providers say the majoration itself is not refunded [S/U]
            # paid at the majorée rate of a 4e classe (375 €) or at an amount not said: the part refunded in principle,
            # its amende forfaitaire (R16 edge case [S/U]; tester T44 c24 asked "combien sur les 375 ?" twice)
            scale = view.value("fines.c4_scale")
            figures = fine_status == "paid" and amount_paid in (None, scale["majoree"])
            reasons.append(reason("refund.majoration", "R16", refs=("SP-F14208",), certainty="U",
                                  unpaid=fine_status == "majoree", forfait=scale["forfait"] if figures else None,
                                  majoree=scale["majoree"], said=amount_paid is not None))
        reasons.append(reason("refund.documents", "R16", refs=("arrete-2004-02-25", "SP-F14208"),
                              documents=documents))
        # Spec R16: the Rennes address for radar offences comes from a stage provider, not verified [U].
        reasons.append(reason("refund.radar_rennes", "R16", refs=("practice-refund-rennes",), certainty="U"))
        reasons.append(_request_by(stage_last_day, request_delay, today, _not_paid(fine_status)))
    return Decision(
        question="fine_refund_48n", outcome=outcome, today=today, facts=facts,
        results={"refund_possible": outcome != "no_refund_late", "documents": documents,
                 "amount_eur": amount_paid if outcome == "refund" else None},
        key_dates={"deadline": deadline, "request_by": request_by if outcome != "no_refund_late" else None},
        # (paid majorée: the majoration's line says what is refunded, not "celui que vous avez payé", T44 c24)
        reasons=tuple(reasons), missing=("amount_paid",) if outcome == "refund" and amount_paid is None
        and not majoration_paid else (),
    )


def _request_by(stage_last_day: date, request_delay, today: date, unpaid: bool):
    """R16 — the refund request's day, ``request_delay`` after the stage's last day; when it has passed, that no text
    makes the delay a forfeiture (spec R16: the 15 days are service-public's guidance, no forfeiture rule found [U])."""
    request_by = dates.add(stage_last_day, request_delay.value)
    return reason("refund.request_delay" if today <= request_by else "refund.request_late", "R16",
                  params=(request_delay,), certainty="U", request_by=request_by, planned=stage_last_day >= today,
                  unpaid=unpaid)


def refund_procedure(*, today: date, fine_status: Optional[str] = None,
                     amount_paid: Optional[float] = None, stage_last_day: Optional[date] = None) -> Decision:
    """R16 — how the fine is refunded after the 48N stage, before the user's dates are known ("je dois
    envoyer quoi et à qui ?"): the condition, the documents, where to send them and the indicated delay.

    ``fine_status`` ``unpaid`` or ``majoree`` (R16 example 2): nothing to refund, the stage done in time stops the
    recovery; the same form asks for it, without proof of payment nor bank details. ``amount_paid`` ("j'avais payé
    90 euros"): the amount refunded, the one paid [S/U: the majoration itself is not refunded]. ``stage_last_day``
    (the stage told, the letter's date not: "stage 48N les 23 et 24 novembre, je l'envoie avant quand ?"): the
    request's day, 15 days after it (R16 example 1), or that day passed without a forfeiture rule [U]."""
    _check_fine_status(fine_status)
    if amount_paid is not None and amount_paid < 0:
        raise InconsistentFacts("amount_paid.negative", "amount_paid", "Le montant payé ne peut pas être négatif.")
    unpaid = _not_paid(fine_status)
    view = load_params().at(today)
    deadline_param = view.get("letter_48n.deadline")
    request_delay = view.get("refund.request_delay")
    documents = list(RECOVERY_STOP_DOCUMENTS if unpaid else REFUND_DOCUMENTS)
    reasons = (
        reason("refund.procedure", "R16", params=(deadline_param,), refs=("L.223-6", "arrete-2004-02-25"),
               refs_first=True, deadline=deadline_param.value, unpaid=unpaid,
               amount=None if unpaid else amount_paid),
        reason("refund.documents", "R16", refs=("arrete-2004-02-25", "SP-F14208"), documents=documents),
        reason("refund.radar_rennes", "R16", refs=("practice-refund-rennes",), certainty="U"),
        # Spec R16: the 15 days are service-public's guidance, no forfeiture rule found [U]
        reason("refund.request_within", "R16", params=(request_delay,), certainty="U", delay=request_delay.value,
               unpaid=unpaid) if stage_last_day is None else _request_by(stage_last_day, request_delay, today, unpaid),
        reason("refund.majoration", "R16", refs=("SP-F14208",), certainty="U", unpaid=unpaid),
    )
    return Decision(question="refund_procedure", outcome="recovery_stop_procedure" if unpaid else "procedure",
                    today=today, facts={"fine_status": fine_status, "amount_paid": amount_paid},
                    results={"documents": documents, "amount_eur": None if unpaid else amount_paid},
                    key_dates={} if stage_last_day is None else
                    {"request_by": dates.add(stage_last_day, request_delay.value)},
                    reasons=reasons)


def voluntary_before_48n(*, voluntary_first_day: date, today: date, balance_at_ceiling: Optional[int] = None
                         ) -> Decision:
    """R14, R16, R17 — a voluntary stage (case 1) done or planned before a 48N that is still to come: does the
    compulsory stage after the letter give points too?

    The voluntary stage uses up the year (R13): the compulsory stage, due within 4 months of the letter's receipt,
    gives points only if it begins a year or more after it (date à date). The obligation stays, and the compulsory
    stage done in time still has the fine refunded (R17). A voluntary stage before the letter probably does not meet
    the obligation [S/U] (R14). Outcome ``no_points_unless_late_letter``: the letter not received, the compulsory stage
    gives no points unless the letter comes so late that the stage can begin from ``key_dates["earliest_point_stage"]``.

    ``balance_at_ceiling``: the balance on the voluntary stage's first day when it is already the licence's ceiling,
    the offence's retrait not recorded yet. The stage is then credited nothing, then the retrait is subtracted (R18
    example 1); a stage that credited nothing does not start the year [S/U] (R13), so the compulsory stage still gives
    points. Outcome ``voluntary_gives_nothing``.
    """
    view = load_params().at(today)
    earliest, prudent, interval, _ = next_point_stage(voluntary_first_day, view)
    delay = view.get("letter_48n.deadline")
    if balance_at_ceiling is not None:
        reasons = [
            reason("48n.voluntary_capped_no_points", "R18", refs=("L.223-6",), certainty="U",
                   voluntary=voluntary_first_day, balance=balance_at_ceiling),
            reason("48n.voluntary_not_the_obligation", "R14", params=(delay,), refs=("R.223-4",), certainty="U",
                   delay=delay.value),
            reason("48n.wait_for_letter", "R14", params=(view.get("stage.max_gain"),), refs=("L.223-6", "R.223-4"),
                   points=view.value("stage.max_gain")),
        ]
        return Decision(question="voluntary_before_48n", outcome="voluntary_gives_nothing", today=today,
                        facts={"voluntary_first_day": voluntary_first_day, "balance_at_ceiling": balance_at_ceiling},
                        results={"compulsory_stage_points_possible": True}, key_dates={}, reasons=tuple(reasons))
    reasons = [
        reason("48n.voluntary_first_no_points", "R17", params=(interval, delay), refs=("L.223-6", "R.223-4"),
               certainty="S", voluntary=voluntary_first_day, past=voluntary_first_day < today, earliest=earliest,
               delay=delay.value),
        reason("48n.voluntary_not_the_obligation", "R14", params=(delay,), refs=("R.223-4",), certainty="U",
               delay=delay.value),
        reason("48n.refund_still_due", "R17", refs=("L.223-6", "R.223-4"), certainty="S"),
    ]
    if voluntary_first_day >= today:
        reasons.append(reason("48n.wait_for_letter", "R14", params=(view.get("stage.max_gain"),),
                              refs=("L.223-6", "R.223-4"), points=view.value("stage.max_gain")))
    return Decision(question="voluntary_before_48n", outcome="no_points_unless_late_letter", today=today,
                    facts={"voluntary_first_day": voluntary_first_day},
                    results={"compulsory_stage_points_possible": False},
                    key_dates={"earliest_point_stage": earliest, "prudent_point_stage": prudent},
                    reasons=tuple(reasons))
