"""Stages (stage de sensibilisation à la sécurité routière): R11, R12, R13, R14, R18.

L.223-6 al. 4 (up to 4 points, once a year), R.223-5 (two consecutive days), R.223-8 I–III
(« dans la limite du plafond », « le lendemain de la dernière journée de stage »),
arrêté of 25/02/2004 (cases 1–4), CE 29/09/2023 n° 461479 and CE 17/04/2025 n° 492072 (a
licence stays valid until the 48SI is notified).
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from . import dates
from .errors import InconsistentFacts
from .model import Decision
from .params import ParamView, load_params
from .reasoning import check_points, not_after_today, not_before, reason

LICENCE_STATES = ("valid", "suspended", "retained", "invalidated")
STAGE_CASES = (1, 2, 3, 4)


def _check_state(licence_state: str, invalidation_notified_on: Optional[date], today: date) -> None:
    if licence_state not in LICENCE_STATES:
        raise InconsistentFacts("licence_state.unknown", "licence_state",
                                "État du permis inconnu : valide, suspendu, retenu ou invalidé.")
    not_after_today(invalidation_notified_on, today, "invalidation_notified_on", "La réception de la lettre 48SI")
    if invalidation_notified_on is not None and licence_state != "invalidated":
        raise InconsistentFacts("licence_state.inconsistent", "licence_state",
                                "Une lettre 48SI reçue signifie que le permis est invalidé.")


def _check_balance(balance: Optional[int], ceiling: Optional[int], view: ParamView) -> None:
    maximum = view.value("capital.max")
    check_points(ceiling, "ceiling", low=1, high=maximum, what_fr="Le plafond du permis")
    check_points(balance, "balance", low=-maximum, high=maximum, what_fr="Le solde de points")
    if balance is not None and ceiling is not None and balance > ceiling:
        raise InconsistentFacts("balance.above_ceiling", "balance",
                                f"Un solde de {balance} points dépasse le plafond de {ceiling} points du permis.")


def next_point_stage(previous_first_day: date, view: ParamView):
    """R13 — first day from which a new stage gives points: date à date (SP), plus the prudent date."""
    interval = view.get("stage.min_interval")
    margin = view.get("stage.prudent_margin")
    earliest = dates.add(previous_first_day, interval.value)
    combined = {k: interval.value.get(k, 0) + margin.value.get(k, 0) for k in ("years", "months", "days")}
    prudent = dates.add(previous_first_day, {k: v for k, v in combined.items() if v})
    return earliest, prudent, interval, margin


def stage_points(*, balance: Optional[int], first_day: date, last_day: date, today: date, ceiling: Optional[int] = None,
                 case: int = 1, previous_points_stage_first_day: Optional[date] = None,
                 licence_state: str = "valid", invalidation_notified_on: Optional[date] = None,
                 pending_retrait_points: int = 0, pending_retrait_maybe_counted: bool = False) -> Decision:
    """R11, R12, R13, R14, R18 — points credited by a stage (L.223-6 al. 4, R.223-8).

    ``pending_retrait_maybe_counted``: whether the balance told already counts the pending retrait is not known (a
    balance read on "Mes Points Permis", an offence told without its payment or judgment, R2): both cases are said,
    the stage on the balance told, and the retrait subtracted after it (T15 c09).

    ``balance`` is the balance before the stage, after every retrait already decided (it may be
    negative, R18); ``pending_retrait_points`` are retraits not yet decided, subtracted after the
    stage. Gives the points credited (≤ 4, never above the ceiling), the effective date (the day
    after the last day) and, when fewer than 4, why. A final balance at 0 or below adds
    ``stage.zero_balance`` (R20: a 48SI follows). ``balance`` unknown (None, "je ne connais pas mon
    solde"): what the stage gives at most, from which day, and when the next one may give points
    (outcome ``credited_up_to``, the balance missing).
    """
    params = load_params()
    view = params.at(first_day)
    if last_day < first_day:
        raise InconsistentFacts("stage.end_before_start", "last_day",
                                "Le dernier jour du stage ne peut pas précéder le premier.")
    length = view.get("stage.length")
    if last_day != dates.add(first_day, length.value):
        raise InconsistentFacts("stage.not_consecutive", "last_day",
                                "Un stage se déroule sur deux jours consécutifs "
                                "(article R.223-5 du Code de la route).")
    if case not in STAGE_CASES:
        raise InconsistentFacts("stage.case_unknown", "case", "Le cas de stage doit être 1, 2, 3 ou 4.")
    _check_state(licence_state, invalidation_notified_on, today)
    _check_balance(balance, ceiling, view)
    check_points(pending_retrait_points, "pending_retrait_points", low=0, high=view.value("capital.max"),
                 what_fr="Le retrait en attente")
    if previous_points_stage_first_day is not None and previous_points_stage_first_day >= first_day:
        raise InconsistentFacts("previous_stage.not_before", "previous_points_stage_first_day",
                                "Le stage précédent doit avoir eu lieu avant celui-ci.")
    maximum = view.get("capital.max")
    max_gain = view.get("stage.max_gain")
    effect = view.get("stage.effect_offset")
    cases = view.get("stage.point_cases")
    effective = dates.add(last_day, effect.value)
    missing = ()
    if ceiling is None:
        ceiling = maximum.value
        # at the maximum of any licence the ceiling is that maximum, whatever the licence (R1, R5)
        missing = ("ceiling",) if balance is None or balance < maximum.value else ()
    facts = {"balance": balance, "first_day": first_day, "last_day": last_day, "ceiling": ceiling, "case": case,
             "previous_points_stage_first_day": previous_points_stage_first_day, "licence_state": licence_state,
             "invalidation_notified_on": invalidation_notified_on, "pending_retrait_points": pending_retrait_points,
             "pending_retrait_maybe_counted": pending_retrait_maybe_counted}
    reasons = []
    gain = 0
    new_balance = balance
    earliest = prudent = None
    if previous_points_stage_first_day is not None:
        earliest, prudent, interval, margin = next_point_stage(previous_points_stage_first_day, view)

    if case not in cases.value:
        outcome = "no_points_case"
        reasons.append(reason("stage.case_no_points", "R11", params=(cases,), case=case))
    elif licence_state == "invalidated" and (invalidation_notified_on is None or invalidation_notified_on <= last_day):
        outcome = "no_points_invalidated"
        reasons.append(reason("stage.licence_invalidated", "R14", refs=("SP-F14208", "CE-492072"),
                              notified=invalidation_notified_on))
    elif earliest is not None and first_day < earliest:
        outcome = "no_points_too_early"
        reasons.append(reason("stage.too_early", "R13", params=(interval,), previous=previous_points_stage_first_day,
                              earliest=earliest, prudent=prudent))
        if case == 2:
            reasons.append(reason("stage.obligation_met_without_points", "R17", refs=("R.223-4", "L.223-6"),
                                  certainty="S"))
    elif balance is None:
        outcome = "credited_up_to"
        missing += ("balance",)
        reasons.append(reason("stage.credited_up_to", "R12", params=(max_gain, effect), refs=("R.223-8",),
                              days=(first_day, last_day), past=last_day < today, points=min(max_gain.value, ceiling),
                              ceiling=ceiling, date=effective))
        # the stage uses up the year (R13): the next one that gives points, said with it
        next_from, next_prudent, interval, margin = next_point_stage(first_day, view)
        reasons.append(reason("stage.next_point_stage", "R13", params=(interval, margin), refs=("SP-F14208",),
                              earliest=next_from, prudent=next_prudent))
    elif balance >= ceiling:
        outcome = "no_points_at_ceiling"
        # (with a retrait still to come, the balance is the one before it: said so, R18 example 1; T5 c59)
        reasons.append(reason("stage.at_ceiling", "R12", params=(maximum, max_gain), refs=("R.223-8",),
                              balance=balance, ceiling=ceiling, before_retrait=bool(pending_retrait_points)))
    else:
        gain = min(max_gain.value, ceiling - balance)
        new_balance = balance + gain
        if new_balance < 1:
            outcome = "not_saved"
            reasons.append(reason("stage.cannot_save", "R18", params=(max_gain,), refs=("CE-461479",),
                                  balance=balance, points=gain, new_balance=balance + gain))
        else:
            outcome = "credited"
            # (a stage whose points take effect after today is said in the future: "vous rendra", "passera")
            reasons.append(reason("stage.credited", "R12", params=(max_gain, effect), points=gain,
                                  date=effective, new_balance=new_balance, balance=balance,
                                  to_come=effective > today))
            if gain < max_gain.value:
                reasons.append(reason("stage.capped", "R12", params=(max_gain,), refs=("R.223-8",),
                                      ceiling=ceiling, points=gain, max_gain=max_gain.value))
            if balance <= 0:
                # R18: saved only if the 48SI is not notified by the stage's last day; a stage still to come is
                # saved on that condition (CE 17/04/2025: a letter presented, even not collected, is notified)
                reasons.append(reason("stage.saved", "R18", refs=("CE-461479", "CE-492072"),
                                      certainty="S" if balance < 0 else None, balance=balance,
                                      new_balance=new_balance, until=last_day if last_day >= today else None))
        if earliest is not None and first_day == earliest:
            reasons.append(reason("stage.prudent_margin", "R13", params=(margin,), earliest=earliest,
                                  prudent=prudent))
    if pending_retrait_points and balance is not None:
        after = new_balance - pending_retrait_points
        # R18 example 1: the same stage after the retrait is recorded starts from the lower balance, so the
        # ceiling caps it less (10 - 4 = 6, + 4 = 10, instead of 12 then 8)
        waiting = None
        if outcome in ("credited", "no_points_at_ceiling"):
            waiting = min(ceiling, balance - pending_retrait_points + max_gain.value)
        if waiting is not None and waiting > after:
            reasons.insert(0, reason("stage.wait_for_retrait", "R18", params=(max_gain,), refs=("CE-461479",),
                                     points=pending_retrait_points, balance_after=after,
                                     recorded=balance - pending_retrait_points, waiting=waiting))
        single = view.get("recovery.single_point.points")
        if pending_retrait_points == single.value:
            # R8: the one point of this retrait comes back alone 6 months after it is established, without a new
            # offence: a stage for it costs a fee for what time gives back (tester T32 c04 was only told to wait)
            reasons.append(reason("stage.single_point_back_alone", "R8",
                                  params=(single, view.get("recovery.single_point.delay")),
                                  delay=view.value("recovery.single_point.delay"),
                                  only_that=waiting is not None and waiting <= balance))
        if pending_retrait_maybe_counted:
            reasons.append(reason("stage.retrait_maybe_counted", "R2", refs=("L.223-1", "CE-461479"),
                                  points=pending_retrait_points, balance=balance, counted=new_balance,
                                  balance_after=after, same_if_waiting=waiting == after))
        else:
            # (without the stage, the retrait would bring the balance to 0 or below: the stage is what saves the
            # licence, if it ends before any 48SI is notified, R18; tester T44 c07 was never told so plainly)
            reasons.append(reason("stage.before_retrait", "R18", refs=("CE-461479",), points=pending_retrait_points,
                                  balance_after=after, same_if_waiting=waiting == after,
                                  without=balance - pending_retrait_points))
        new_balance = after
    if new_balance is not None and new_balance <= 0 and outcome not in ("not_saved", "no_points_invalidated"):
        # R20: at 0 the licence loses its validity once the 48SI is notified; a credited stage uses up the
        # year (R13), so the next one that could save it comes a year later.
        next_stage = next_point_stage(first_day, view)[0] if outcome == "credited" else None
        reasons.append(reason("stage.zero_balance", "R20", refs=("L.223-1", "CE-461479"), balance=new_balance,
                              pending=bool(pending_retrait_points), next_stage=next_stage))
    if licence_state in ("suspended", "retained") and outcome not in ("no_points_case",):
        reasons.append(reason("stage.during_suspension", "R12", refs=("practice-stage-suspension",), certainty="U"))
    if gain > 0 and outcome == "credited":
        reasons.append(reason("stage.admin_chain", "R12", params=(view.get("stage.attestation_delay"),
                                                                   view.get("stage.crediting_delay"))))
    return Decision(
        question="stage_points", outcome=outcome, today=today, facts=facts,
        results={"points_credited": gain if outcome == "credited" else 0, "balance_after": new_balance,
                 "ceiling": ceiling, "max_gain": max_gain.value},
        key_dates={"effective_date": effective if outcome in ("credited", "credited_up_to") else None,
                   "earliest_point_stage": earliest, "prudent_point_stage": prudent},
        reasons=tuple(reasons), missing=missing,
    )


def stage_eligibility(*, today: date, previous_points_stage_first_day: Optional[date] = None,
                      licence_state: str = "valid", invalidation_notified_on: Optional[date] = None,
                      balance: Optional[int] = None, ceiling: Optional[int] = None,
                      awaiting_48n: bool = False, planned_points_stage_first_day: Optional[date] = None,
                      stage_first_day: Optional[date] = None, said_on: Optional[date] = None) -> Decision:
    """R11, R13, R14 — does a stage give points now, and from which date (L.223-6 al. 4; SP F14208).

    ``previous_points_stage_first_day`` is the first day of the last stage that **credited points**
    (cases 1 or 2); cases 3/4 and stages that credited nothing do not count. ``balance`` and
    ``ceiling`` may be unknown: the answer is then conditional on having lost points.
    ``planned_points_stage_first_day``: a stage booked from today on, which will credit points; the
    next one counts from it ("et je pourrai en refaire un quand ?" after a stage's points, R13).
    ``stage_first_day``: the stage the question is about, done, under way or booked ("j'en refais un le 30/11, ça
    marche ?"); begun before the year is up, it gives no points (R13 example 2), whatever the balance.
    ``said_on``: the day the answer is read, when ``today`` is a stage's day to come (the question asked for that
    stage): the year since the last stage is then said to end on a day to come, not to be over (T23 c12).
    """
    params = load_params()
    view = params.at(today)
    not_after_today(previous_points_stage_first_day, today, "previous_points_stage_first_day",
                    "La date du dernier stage")
    not_before(planned_points_stage_first_day, today, "planned_points_stage_first_day",
               "Le stage prévu ne peut pas être dans le passé.")
    if planned_points_stage_first_day is not None:
        previous_points_stage_first_day = planned_points_stage_first_day
    _check_state(licence_state, invalidation_notified_on, today)
    _check_balance(balance, ceiling, view)
    maximum = view.get("capital.max")
    cases = view.get("stage.point_cases")
    facts = {"previous_points_stage_first_day": previous_points_stage_first_day, "licence_state": licence_state,
             "invalidation_notified_on": invalidation_notified_on, "balance": balance, "ceiling": ceiling,
             "awaiting_48n": awaiting_48n, "planned_points_stage_first_day": planned_points_stage_first_day,
             "stage_first_day": stage_first_day}
    reasons = []
    missing = []
    earliest = prudent = None
    if previous_points_stage_first_day is not None:
        earliest, prudent, interval, margin = next_point_stage(previous_points_stage_first_day, view)
    effective_ceiling = ceiling if ceiling is not None else maximum.value
    if licence_state == "invalidated":
        outcome = "no_points_invalidated"
        reasons.append(reason("stage.licence_invalidated", "R14", refs=("SP-F14208", "CE-492072"),
                              notified=invalidation_notified_on))
    elif earliest is not None and stage_first_day is not None and stage_first_day < earliest:
        # R13 example 2: the stage of the question begins a day (or more) too early: valid as a stage, 0 points
        outcome = "no_points_too_early"
        reasons.append(reason("stage.too_early", "R13", params=(interval,), previous=previous_points_stage_first_day,
                              earliest=earliest, prudent=prudent))
    elif balance is not None and balance >= effective_ceiling:
        outcome = "no_points_at_ceiling"
        reasons.append(reason("stage.nothing_to_gain", "R14", params=(maximum,), refs=("L.223-6",),
                              balance=balance, ceiling=effective_ceiling))
    elif earliest is not None and today < earliest:
        outcome = "points_from"
        reasons.append(reason("stage.eligible_from", "R13", params=(interval, margin), refs=("SP-F14208",),
                              previous=previous_points_stage_first_day, earliest=earliest, prudent=prudent))
    else:
        outcome = "points_now"
        if earliest is not None:
            reasons.append(reason("stage.eligible_now_after_previous", "R13", params=(interval, margin),
                                  refs=("SP-F14208",), previous=previous_points_stage_first_day,
                                  earliest=earliest, prudent=prudent, elapsed=earliest <= (said_on or today)))
            if (stage_first_day or today) == earliest:
                # R13 example 1: the first day possible, date à date; many centres want « 1 an et 1 jour » (T9 c33)
                reasons.append(reason("stage.prudent_margin", "R13", params=(margin,), earliest=earliest,
                                      prudent=prudent))
        else:
            reasons.append(reason("stage.eligible_now", "R14", refs=("L.223-6", "SP-F14208")))
        if balance is not None:
            gain = min(view.value("stage.max_gain"), effective_ceiling - balance)
            reasons.append(reason("stage.expected_gain", "R12", params=(view.get("stage.max_gain"),),
                                  points=gain, ceiling=effective_ceiling, balance=balance))
        else:
            missing.append("balance")
            reasons.append(reason("stage.needs_retrait", "R14", refs=("L.223-6",)))
    # (a date alone, the balance unknown: "dès le 15 janvier 2027", "aucun point, trop tôt", the same whatever the
    # ceiling; T13 c03 got "sous réserve du plafond" for them)
    dates_only = balance is None and outcome in ("no_points_too_early", "points_from")
    if ceiling is None and licence_state != "invalidated" and not dates_only and \
            (balance is None or balance < view.value("capital.max")):
        missing.append("ceiling")  # (12 points: the maximum of any licence, whatever the licence, R1)
    if licence_state in ("suspended", "retained"):
        reasons.append(reason("stage.during_suspension", "R12", refs=("practice-stage-suspension",), certainty="U"))
    if awaiting_48n and outcome != "no_points_invalidated":
        # the advice answers "je fais un stage maintenant ou j'attends ?": it comes first
        reasons.insert(0, reason("stage.wait_for_48n", "R14", refs=("R.223-4", "L.223-6"), certainty="U"))
    reasons.append(reason("stage.cases", "R11", params=(cases,), refs=("arrete-2004-02-25",)))
    if balance is not None and balance <= 0 and licence_state != "invalidated":
        after = balance + min(view.value("stage.max_gain"), effective_ceiling - balance)
        # R13, R18: a stage that gives no points (too early) saves nothing; the first that gives points saves the
        # licence only if it ends before the 48SI is notified (T10 c30: "0 + 4, sauvé" for a stage giving nothing)
        later = after >= 1 and outcome in ("no_points_too_early", "points_from")
        code = ("stage.saves_from" if later else "stage.saved") if after >= 1 else "stage.cannot_save"
        reasons.append(reason(code, "R18", params=(view.get("stage.max_gain"),), refs=("CE-461479", "CE-492072"),
                              certainty="S" if balance < 0 else None, balance=balance, new_balance=after,
                              points=after - balance,
                              **({"earliest": earliest, "asked": outcome == "no_points_too_early"} if later else {})))
    gives_points = outcome in ("points_now", "points_from", "no_points_too_early")
    return Decision(
        question="stage_eligibility", outcome=outcome, today=today, facts=facts,
        results={"gives_points_now": outcome == "points_now", "point_cases": list(cases.value),
                 "max_gain": view.value("stage.max_gain")},
        key_dates={"earliest_point_stage": (max(today, earliest) if earliest else today) if gives_points else None,
                   "prudent_point_stage": prudent if gives_points and earliest and prudent > today else None},
        reasons=tuple(reasons), missing=tuple(missing),
    )


#: Stages that a prosecutor proposes or a judge imposes (R11): the kind said by the user and its case on the
#: official attestation (arrêté of 25/02/2004): the alternative to prosecution (CPP 41-1) and the composition
#: pénale (CPP 41-2) are case 3, a sentence (CP 131-35-1, or an obligation of a suspended sentence) case 4.
#: ``prosecutor``: proposed by the prosecutor, either of the two of case 3 (both named: "composition pénale /
#: alternative aux poursuites"), whose effects on the offence's points differ (R2).
COURT_STAGE_CASES = {"alternative": 3, "composition": 3, "prosecutor": 3, "sentence": 4}
COURT_STAGE_REFS = {"alternative": ("CPP-41-1",), "composition": ("CPP-41-2",), "prosecutor": ("CPP-41-1", "CPP-41-2"),
                    "sentence": ("CP-131-35-1",)}


def court_stage(*, kind: str, today: date, voluntary_stage_first_day: Optional[date] = None,
                previous_points_stage_first_day: Optional[date] = None, balance: Optional[int] = None,
                ceiling: Optional[int] = None) -> Decision:
    """R11, R13, R2, R21 — a stage proposed by the prosecutor or imposed by a judge (cases 3 and 4).

    It gives no points (L.223-6 al. 4 and the arrêté of 25/02/2004 list cases 1 and 2 only) and does not
    start the once-a-year clock [S] (R13 example 4). ``kind``: ``alternative`` (alternative aux poursuites,
    CPP 41-1: done, the case is dropped and the offence withdraws no points, R2, R21 [S]), ``composition``
    (composition pénale, CPP 41-2: its execution withdraws the points, R2), ``prosecutor`` (one of the two,
    not said which: both effects are said) or ``sentence`` (peine complémentaire, CP 131-35-1, or an obligation
    of a suspended sentence). ``voluntary_stage_first_day``: a voluntary stage told with it, which gives points
    unless a point-giving stage (``previous_points_stage_first_day``, never this one) came less than a year
    before it (R11 example 2); with the ``balance`` before it (and the licence's ``ceiling``), how many
    (``stage_points``, R12).
    """
    if kind not in COURT_STAGE_CASES:
        raise InconsistentFacts("court_stage.kind_unknown", "kind",
                                "Type de stage inconnu : alternative aux poursuites, composition pénale ou peine.")
    not_after_today(previous_points_stage_first_day, voluntary_stage_first_day or today,
                    "previous_points_stage_first_day", "Le stage précédent ayant rapporté des points")
    view = load_params().at(voluntary_stage_first_day or today)
    case = COURT_STAGE_CASES[kind]
    cases = view.get("stage.point_cases")
    max_gain = view.get("stage.max_gain")
    reasons = [reason(f"court_stage.{kind}", "R11", refs=COURT_STAGE_REFS[kind] + ("arrete-2004-02-25",),
                      case=case)]
    if kind in ("alternative", "prosecutor"):
        reasons.append(reason("court_stage.no_retrait", "R21", refs=("CPP-41-1",), certainty="S",
                              either=kind == "prosecutor"))
    if kind in ("composition", "prosecutor"):
        reasons.append(reason("court_stage.composition_retrait", "R2", refs=("L.223-1",),
                              either=kind == "prosecutor"))
    interval = view.get("stage.min_interval")
    reasons.append(reason("court_stage.no_interval", "R13", params=(interval, max_gain), certainty="S",
                          points=max_gain.value))
    key_dates = {"voluntary_effective_date": None, "earliest_point_stage": None}
    voluntary_gives_points = voluntary_points = None
    missing: tuple = ()
    if voluntary_stage_first_day is not None:
        earliest = None
        if previous_points_stage_first_day is not None:
            earliest = next_point_stage(previous_points_stage_first_day, view)[0]
        voluntary_gives_points = earliest is None or voluntary_stage_first_day >= earliest
        last_day = dates.add(voluntary_stage_first_day, view.value("stage.length"))
        if voluntary_gives_points and balance is not None:
            # R11 example 2 with the balance told: what the voluntary stage gives within the ceiling (R12)
            points = stage_points(balance=balance, first_day=voluntary_stage_first_day, last_day=last_day,
                                  today=today, ceiling=ceiling)
            voluntary_points = points.results["points_credited"]
            effective = points.key_dates["effective_date"]
            key_dates["voluntary_effective_date"] = effective
            if points.outcome == "credited":
                # named by its days: the answer tells of two stages
                reasons.append(reason("balance.stage_credited", "R12", params=(max_gain, view.get("stage.effect_offset")),
                                      refs=("R.223-8",), days=(voluntary_stage_first_day, last_day), date=effective,
                                      max_gain=max_gain.value, points=voluntary_points, balance=balance,
                                      new_balance=points.results["balance_after"], ceiling=points.results["ceiling"],
                                      capped=voluntary_points < max_gain.value, past=effective <= today))
            else:
                reasons.append(points.reasons[0])  # at the ceiling already, or too low to be saved (R12, R18)
            missing = points.missing
        elif voluntary_gives_points:
            effect = view.get("stage.effect_offset")
            effective = dates.add(last_day, effect.value)
            key_dates["voluntary_effective_date"] = effective
            reasons.append(reason("court_stage.voluntary_points", "R12", params=(max_gain, effect),
                                  first_day=voluntary_stage_first_day, effective=effective, points=max_gain.value,
                                  past=effective <= today))
        else:
            key_dates["earliest_point_stage"] = earliest
            reasons.append(reason("court_stage.voluntary_too_early", "R13", params=(interval,),
                                  first_day=voluntary_stage_first_day, previous=previous_points_stage_first_day,
                                  earliest=earliest))
    return Decision(
        question="court_stage", outcome="no_points", today=today,
        facts={"kind": kind, "voluntary_stage_first_day": voluntary_stage_first_day,
               "previous_points_stage_first_day": previous_points_stage_first_day, "balance": balance,
               "ceiling": ceiling},
        results={"case": case, "points_credited": 0, "counts_for_interval": False,
                 "point_cases": list(cases.value), "offence_withdraws_points":
                 {"alternative": False, "composition": True, "prosecutor": None, "sentence": None}[kind],
                 "voluntary_gives_points": voluntary_gives_points, "voluntary_points": voluntary_points},
        key_dates=key_dates, reasons=tuple(reasons), missing=missing,
    )
