"""Zero points: R18 (pending loss, saving the licence) and R20 (invalidation and what follows).

L.223-1 al. 3 and L.223-5 I–III; R.224-20/R.224-21 [U]; CE 29/09/2023 n° 461479 (retrait effective
at its decision, licence valid until the 48SI is notified); CE 17/04/2025 n° 492072.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from . import dates
from .errors import InconsistentFacts
from .model import Decision
from .params import load_params
from .reasoning import check_points, not_after_today, not_before, reason
from .stage import next_point_stage


def invalidation_waiting(*, today: date, handed_back_on: Optional[date] = None, licence_date: Optional[date] = None,
                         previous_handed_back_on: Optional[date] = None,
                         invalidation_notified_on: Optional[date] = None,
                         code_registration_on: Optional[date] = None, repeat_said: bool = False,
                         licence_year_only: bool = False) -> Decision:
    """R20 — after a 48SI: when a new licence may be obtained and which exams (L.223-5, R.224-20).

    6 months from handing the licence back, 1 year if the previous total loss was within 5 years.
    Licence held ≥ 3 years (on the day the 48SI was notified, else the day it was handed back): code only if the
    invalidation lasted < 1 year and the driver registers for the code within 9 months of handing it back; otherwise
    code and practical test (R20 examples 1 to 3).

    ``repeat_said``: the driver says the previous total loss was within the 5 years, without its day.
    ``licence_year_only``: the licence's date was told by its year alone ("permis depuis 2012"): the answer names the
    year, not a made-up 1st of January.

    ``handed_back_on`` unknown (None): the wait and the 9 months are said from the day the licence is handed back,
    without their dates (``missing``: ``handed_back_on``), and the exams from the licence's date all the same.

    ``results["exams"]`` is ``code_only``, ``code_and_driving``, or None when it depends on a fact not
    given (``missing``: the licence date, or the code registration date once the 9 months are over).
    ``key_dates``: ``new_licence_from`` and ``code_registration_by`` (None without the day it was handed back).
    """
    # A licence to be handed back on a day to come is a plan (tester W item 4, C7): the wait counts from that day,
    # which cannot be further than the 10 days the 48SI gives (R19).
    if handed_back_on is not None and \
            handed_back_on > dates.add(today, load_params().at(today).value("letter_48si.return_delay")):
        raise InconsistentFacts("handed_back_on.in_future", "handed_back_on",
                                "La remise du permis ne peut pas être prévue si loin dans le futur : le permis doit "
                                "être rendu dans les 10 jours qui suivent la réception de la lettre 48SI.")
    not_after_today(invalidation_notified_on, today, "invalidation_notified_on", "La réception de la lettre 48SI")
    not_after_today(code_registration_on, today, "code_registration_on", "L'inscription au code")
    not_before(handed_back_on, invalidation_notified_on, "handed_back_on",
               "Le permis ne peut pas être remis avant la réception de la lettre 48SI.")
    not_before(handed_back_on, licence_date, "handed_back_on",
               "Le permis ne peut pas être remis avant d'avoir été obtenu.")
    not_before(invalidation_notified_on, licence_date, "invalidation_notified_on",
               "La lettre 48SI ne peut pas précéder l'obtention du permis.")
    # the day the invalidation is counted from when the licence is not handed back yet (or its day is not told)
    invalidated = handed_back_on or invalidation_notified_on or today
    if previous_handed_back_on is not None and previous_handed_back_on >= invalidated:
        raise InconsistentFacts("previous_handed_back_on.not_before", "previous_handed_back_on",
                                "La précédente invalidation doit être antérieure à celle-ci.")
    view = load_params().at(invalidated)
    wait = view.get("invalidation.wait")
    wait_repeat = view.get("invalidation.wait_repeat")
    window = view.get("invalidation.repeat_window")
    experienced = view.get("invalidation.experienced_after")
    code_only_max = view.get("invalidation.code_only_max_duration")
    registration = view.get("invalidation.code_registration_delay")
    hand_back = view.get("letter_48si.return_delay")
    reasons = []
    missing = []
    # ("deuxième invalidation en 3 ans", `repeat_said`: the previous total loss within the 5 years, its day not told)
    repeat = repeat_said or (previous_handed_back_on is not None and
                             invalidated <= dates.add(previous_handed_back_on, window.value))
    used_wait = wait_repeat if repeat else wait
    new_licence_from = register_by = None
    if handed_back_on is not None:
        new_licence_from = dates.add(handed_back_on, used_wait.value)
        register_by = dates.add(handed_back_on, registration.value)
        reasons.append(reason("invalidation.repeat_wait" if repeat else "invalidation.wait", "R20",
                              params=(used_wait, window) if repeat else (used_wait,), date=new_licence_from,
                              handed_back=handed_back_on, previous=previous_handed_back_on,
                              past=new_licence_from <= today, planned=handed_back_on > today))
    else:
        # R20: the wait runs from the day the licence is handed back, which the answer needs for its dates
        missing.append("handed_back_on")
        reasons.append(reason("invalidation.wait_from_hand_back", "R20",
                              params=(used_wait, window) if repeat else (used_wait, wait_repeat, window),
                              refs=("L.223-5",), delay=used_wait.value, repeat=repeat,
                              repeat_delay=wait_repeat.value))
    if handed_back_on is None or handed_back_on > today:
        # R19/R20: the licence is due at the préfecture within 10 days of receiving the 48SI
        due = dates.add(invalidation_notified_on, hand_back.value) if invalidation_notified_on else None
        late = due is not None and due < today
        # (late: refusing to hand it back is a délit, L.223-5, R20)
        reasons.append(reason("invalidation.hand_back_by", "R20", params=(hand_back,), refs=("L.223-5",) if late else (),
                              received=invalidation_notified_on, date=due, past=late))
    lasted_long = dates.add(invalidated, code_only_max.value) <= dates.add(invalidated, used_wait.value)
    # a previous total loss: this licence was obtained again after it, no earlier than its wait's end (R20, R5); a
    # licence's date told before it is the former licence's (T15 c05: "permis depuis 2012", invalidations 2023, 2026)
    relicensed_from = dates.add(previous_handed_back_on, wait.value) if previous_handed_back_on else None
    if relicensed_from is not None and dates.add(relicensed_from, experienced.value) <= invalidated:
        relicensed_from = None  # (held 3 years or more all the same: nothing to add)
    relicensed = {"relicensed_from": relicensed_from} if relicensed_from else {}
    exams = None
    if licence_date is None and lasted_long:
        # a wait of 1 year or more: code and practical test whatever the licence's age (R20 example 2)
        exams = "code_and_driving"
        reasons.append(reason("invalidation.exams_long", "R20", params=(experienced, code_only_max),
                              refs=("SP-F1704",), **relicensed))
    elif licence_date is None:
        missing.append("licence_date_for_exams")
        reasons.append(reason("invalidation.exams_unknown", "R20", params=(experienced, registration),
                              register_by=register_by, registration=registration.value))
    else:
        # R20 example 3: the licence's age on the day it lost its validity (the 48SI notified), else on the day it
        # was handed back; neither known, today (the invalidation is not later)
        reference_day = invalidation_notified_on or handed_back_on
        held_long = dates.add(licence_date, experienced.value) <= (reference_day or today)
        registered_late = register_by is not None and code_registration_on is not None and \
            code_registration_on > register_by
        # after the 9 months, an unknown registration date is not taken as "not registered": the answer is
        # conditional on it
        registration_unknown = register_by is not None and code_registration_on is None and today > register_by
        held = {"licence": licence_date, "reference": reference_day,
                "licence_year": licence_date.year if licence_year_only else None}
        if not held_long:
            exams = "code_and_driving"
            reasons.append(reason("invalidation.exams_young", "R20", params=(experienced,), refs=("SP-F1704",),
                                  **held))
        elif lasted_long:
            exams = "code_and_driving"
            reasons.append(reason("invalidation.exams_long", "R20", params=(experienced, code_only_max),
                                  refs=("SP-F1704",), **relicensed))
        elif registration_unknown:
            missing.append("code_registration_on")
            reasons.append(reason("invalidation.exams_registration_unknown", "R20",
                                  params=(experienced, code_only_max, registration), refs=("SP-F1704",),
                                  register_by=register_by))
        elif registered_late:
            exams = "code_and_driving"
            reasons.append(reason("invalidation.exams_registration_late", "R20", params=(experienced, registration),
                                  refs=("SP-F1704",), register_by=register_by))
        else:
            exams = "code_only"
            reasons.append(reason("invalidation.exams_code_only", "R20", params=(experienced, code_only_max,
                                                                                 registration),
                                  refs=("SP-F1704",), register_by=register_by, registration=registration.value,
                                  **held))
    reasons.append(reason("invalidation.medical", "R20", refs=("L.223-5", "SP-F1704")))
    reasons.append(reason("invalidation.new_probation", "R20",
                          params=(view.get("probation.initial_points"), view.get("probation.duration")),
                          refs=("R.211-5",)))
    reasons.append(reason("invalidation.no_driving", "R20", refs=("L.224-16",)))
    return Decision(
        question="invalidation", outcome="hand_back_unknown" if new_licence_from is None else
        "waiting" if today < new_licence_from else "may_apply", today=today,
        facts={"handed_back_on": handed_back_on, "licence_date": licence_date,
               "previous_handed_back_on": previous_handed_back_on,
               "invalidation_notified_on": invalidation_notified_on, "code_registration_on": code_registration_on},
        results={"repeat": repeat, "exams": exams, "new_licence_points": view.value("probation.initial_points")},
        key_dates={"new_licence_from": new_licence_from, "code_registration_by": register_by},
        reasons=tuple(reasons), missing=tuple(missing),
    )


def pending_loss(*, balance_before: Optional[int] = None, retrait_points: Optional[int] = None, today: date, retrait_decided_on: Optional[date] = None,
                 invalidation_notified_on: Optional[date] = None, ceiling: Optional[int] = None,
                 previous_points_stage_first_day: Optional[date] = None, paid_on: Optional[date] = None,
                 stage_first_day: Optional[date] = None, stage_last_day: Optional[date] = None,
                 no_invalidation_notified: bool = False, recorded_balance: Optional[int] = None,
                 committed_on: Optional[date] = None, retrait_before_stage: bool = False,
                 decision_may_follow_payment: bool = False,
                 invalidation_supposed_on: Optional[date] = None, balance_after: Optional[int] = None,
                 not_established: bool = False) -> Decision:
    """R18, R20 — a retrait brings the balance to 0 or below: is the licence lost yet, can a stage save it?

    The retrait is effective at its decision; the licence stays valid until the 48SI is notified
    (CE 29/09/2023 n° 461479; CE 17/04/2025 n° 492072). A stage completed before that notification
    saves it if balance + 4 ≥ 1 (balance ≥ −3). Before the decision, the stage is credited on the old
    balance (capped at the ceiling) and the retrait subtracted afterwards.

    ``paid_on`` (the fine paid, *realite*) stands for an unknown decision date, as spec §0.2 says, and the
    answer says so; after ``today`` it is a payment to come, and nothing is withdrawn before it (R2 example 4). ``stage_first_day`` (and ``stage_last_day``, the next day by default) is a stage done or
    planned: the answer says whether it saves the licence (``results["stage_saves"]``,
    ``results["balance_after_stage"]``, ``key_dates["stage_effective"]``), on condition that the 48SI is not
    notified by its last day. A stage already over that saves it is the answer (``results["saved_by_stage"]``, R18
    example 2): saved on that condition, or outright when the driver says no 48SI was notified
    (``no_invalidation_notified``) or it was notified after the stage.

    A stage over when neither the decision nor the payment is known may have come before the retrait or after it: the
    answer gives both (outcome ``stage_order_unknown``), unless ``recorded_balance``, the balance the national file
    shows ("Mes Points Permis"), settles it: below what the stage after the retrait would have made, once that stage
    had time to be recorded (R12: attestation within 15 days, points within a month), it says the retrait came after
    the stage [I]; so does ``committed_on``, the offence's day, after the stage (the retrait follows the offence, R2).
    ``retrait_before_stage``: the driver told the retrait as already made when the stage came ("4 points retirés en
    avril, stage les 20 et 21 avril"): the stage followed it.

    ``decision_may_follow_payment``: the decision is estimated at a recent payment (``retrait_decided_on`` unknown)
    and may still be to come: a stage started before it would be credited on the old balance, capped, and then the
    retrait subtracted (R18 parameters, example 1). The answer says so when the order changes the result.

    ``balance_after``: the computed balance the driver tells after the retrait ("elle avait -2 points d'après le
    calcul"), instead of ``balance_before`` and ``retrait_points``: the balance a stage is added to, so the retrait came
    before the stage (R18 parameters: B = balance − Σ retraits decided by the stage; −2 + 4 = 2).

    ``not_established``: the driver said the offence is not established yet (the fine not paid, R2): with no
    decision nor payment known, the computed balance is said to come once it is, not as today's.

    ``invalidation_supposed_on``: the day the driver supposes the 48SI will be presented to them ("et si la 48SI lui
    est présentée le 10 décembre ?"), which may be to come. A registered letter presented and not collected is
    notified that day (CE 17/04/2025 n° 492072): a stage that ends on or after it saves nothing (outcome
    ``invalidated``, R18 example 5); without a stage, the answer says it must end before that day.
    """
    view = load_params().at(today)
    maximum = view.get("capital.max")
    check_points(ceiling, "ceiling", low=1, high=maximum.value, what_fr="Le plafond du permis")
    check_points(balance_before, "balance_before", low=1, high=ceiling or maximum.value,
                 what_fr="Le solde avant le retrait")
    check_points(retrait_points, "retrait_points", low=1, high=maximum.value, what_fr="Le retrait")
    check_points(balance_after, "balance_after", low=-maximum.value, high=0, what_fr="Le solde calculé")
    if balance_after is None and (balance_before is None or retrait_points is None):
        raise InconsistentFacts("pending.balance_missing", "balance_before",
                                "Indiquez le solde avant le retrait et les points retirés, ou le solde calculé.")
    not_after_today(invalidation_notified_on, today, "invalidation_notified_on", "La réception de la lettre 48SI")
    not_after_today(previous_points_stage_first_day, today, "previous_points_stage_first_day", "Le dernier stage")
    not_before(retrait_decided_on, paid_on, "retrait_decided_on",
               "La décision de retrait ne peut pas précéder le paiement de l'amende.")
    not_before(invalidation_notified_on, retrait_decided_on or paid_on, "invalidation_notified_on",
               "La lettre 48SI ne peut pas précéder la décision de retrait.")
    stage_last_day = _stage_last_day(stage_first_day, stage_last_day, view)
    effective_ceiling = ceiling or maximum.value
    max_gain = view.get("stage.max_gain")
    if balance_after is not None:
        # (the balance told after the retrait: the stage is added to it, R18; nothing is capped before the retrait)
        after, retrait_before_stage = balance_after, True
        balance_before, retrait_points = None, None
    else:
        after = balance_before - retrait_points
    # §0.2: without the decision date, the payment (realite) is its estimate
    decision_day = retrait_decided_on or paid_on
    decided = decision_day is not None and decision_day <= today
    facts = {"balance_before": balance_before, "retrait_points": retrait_points,
             "retrait_decided_on": retrait_decided_on, "invalidation_notified_on": invalidation_notified_on,
             "ceiling": ceiling, "previous_points_stage_first_day": previous_points_stage_first_day,
             "paid_on": paid_on, "stage_first_day": stage_first_day, "stage_last_day": stage_last_day,
             "no_invalidation_notified": no_invalidation_notified, "balance_after": balance_after}
    reasons = []
    earliest = None
    stage_balance = stage_effective = None
    saved_by_stage = False
    with_stage_after = after + max_gain.value
    with_stage_before = with_stage_after if balance_before is None else \
        min(effective_ceiling, balance_before + max_gain.value) - retrait_points
    if after >= 1:
        outcome = "not_zero"
        reasons.append(reason("pending.not_zero", "R18", refs=("L.223-1",), balance=after))
    elif invalidation_notified_on is not None and (stage_last_day is None or invalidation_notified_on <= stage_last_day):
        outcome = "invalidated"
        reasons.append(reason("pending.invalidated", "R18", refs=("L.223-1", "CE-492072"),
                              notified=invalidation_notified_on))
    elif invalidation_supposed_on is not None and stage_last_day is not None and \
            invalidation_supposed_on <= stage_last_day:
        # R18 example 5, supposed: the stage would end once the 48SI is notified; the préfet refuses its points
        outcome = "invalidated"
        reasons.append(reason("pending.invalidated_supposed", "R18", refs=("CE-492072",),
                              notified=invalidation_supposed_on, days=(stage_first_day, stage_last_day),
                              balance=after))
    else:
        best = with_stage_after if decided else max(with_stage_after, with_stage_before)
        # R13, R18: a stage over before the retrait's decision was credited then, so it is in the balance before the
        # retrait; it cannot protect against that later loss, and the next stage gives points a year after it
        done_before = balance_after is None and stage_first_day is not None and decision_day is not None and stage_first_day < decision_day \
            and dates.add(stage_last_day, view.value("stage.effect_offset")) <= today
        over = stage_first_day is not None and dates.add(stage_last_day, view.value("stage.effect_offset")) <= today
        if over and decision_day is None and not retrait_before_stage:
            # R12, R18: the stage's points would be in the file by now had it followed the retrait; a lower balance
            # shown there says the retrait came after the stage [I]
            recorded_by = dates.add(dates.add(stage_last_day, view.value("stage.attestation_delay")),
                                    view.value("stage.crediting_delay"))
            if committed_on is not None and committed_on > stage_last_day:
                done_before = True  # (R2: no retrait before its offence; "le piéton c'est en octobre, après le stage")
            elif recorded_balance is not None and recorded_balance < with_stage_after and recorded_by <= today:
                done_before = True
                reasons.append(reason("pending.recorded_without_stage", "R18",
                                      params=(view.get("stage.attestation_delay"), view.get("stage.crediting_delay")),
                                      certainty="I", days=(stage_first_day, stage_last_day),
                                      recorded=recorded_balance, new_balance=with_stage_after))
            else:
                return _stage_order_unknown(
                    view, today, facts, after, balance_before, with_stage_after, stage_first_day, stage_last_day,
                    previous_points_stage_first_day, sure=no_invalidation_notified)
        last_stage = stage_first_day if done_before else previous_points_stage_first_day
        if done_before and previous_points_stage_first_day is not None:
            last_stage = max(stage_first_day, previous_points_stage_first_day)
        if last_stage is not None:
            earliest, _, interval, _ = next_point_stage(last_stage, view)
        if done_before:
            reasons.append(reason("pending.stage_before_retrait", "R18", refs=("L.223-6", "CE-461479"),
                                  days=(stage_first_day, stage_last_day), balance_before=balance_before,
                                  points=retrait_points))
        if best < 1:
            outcome = "cannot_be_saved"
            reasons.append(reason("pending.cannot_be_saved", "R18", params=(max_gain,), refs=("CE-461479",),
                                  balance=after, new_balance=with_stage_after))
        else:
            outcome = "can_be_saved"
            # (after a stage done before the retrait, the next one that gives points is a year after it: said here)
            later = earliest if done_before and earliest > today else None
            # R13: a stage told before, less than a year ago, keeps a stage now from giving points: only one from
            # that day on may save it (T38 c12 was told "un stage terminé avant cette notification le sauve")
            blocked = earliest if later is None and earliest is not None and earliest > today else None
            to_come = not_established and not decided and balance_after is None
            reasons.append(reason("pending.can_be_saved", "R18", params=(max_gain,), refs=("CE-461479", "CE-492072"),
                                  certainty="S" if after < 0 else None, balance=after, new_balance=best,
                                  **({"to_come": True} if to_come else {}),
                                  **({"later": later} if later else {}), **({"blocked": blocked} if blocked else {})))
            if earliest is not None and earliest > today and later is None:
                reasons.append(reason("pending.stage_interval", "R13", params=(interval,), earliest=earliest))
            unsure = not decided or (decision_may_follow_payment and retrait_decided_on is None)
            if unsure and with_stage_before < with_stage_after:
                reasons.append(reason("pending.wait_for_decision", "R18", refs=("CE-461479",),
                                      before=with_stage_before, after=with_stage_after, points=retrait_points,
                                      capped=min(effective_ceiling, balance_before + max_gain.value)))
        if invalidation_supposed_on is not None and stage_first_day is None and outcome == "can_be_saved":
            reasons.append(reason("pending.stage_before_supposed", "R18", refs=("CE-492072",),
                                  notified=invalidation_supposed_on))
        if retrait_decided_on is None and paid_on is not None:
            # (a payment to come, "je compte la régler le 20": nothing is withdrawn before it, R2 example 4)
            reasons.append(reason("pending.decision_estimated", "R2", refs=("L.223-1",), certainty="I", paid=paid_on,
                                  planned=paid_on > today))
        if stage_first_day is not None and not done_before:
            if earliest is not None and stage_first_day < earliest:
                why, stage_balance = "too_early", after
            elif decision_day is not None and stage_first_day < decision_day:
                why, stage_balance = "before_decision", with_stage_before
            else:
                why, stage_balance = "too_low", with_stage_after
            stage_effective = dates.add(stage_last_day, view.value("stage.effect_offset"))
            if stage_balance >= 1 and stage_effective <= today:
                # R18 example 2: the stage is over and saved the licence; that is the answer, first
                saved_by_stage = True
                reasons = [r for r in reasons if r.code not in ("pending.can_be_saved", "pending.stage_interval",
                                                                 "pending.wait_for_decision")]
                reasons.insert(0, reason("pending.saved_by_stage", "R18", params=(max_gain,),
                                         refs=("CE-461479", "CE-492072"), certainty="S" if after < 0 else None,
                                         days=(stage_first_day, stage_last_day), last_day=stage_last_day,
                                         effective=stage_effective, balance=after, points=stage_balance - after,
                                         new_balance=stage_balance,
                                         sure=no_invalidation_notified or invalidation_notified_on is not None))
            elif stage_balance >= 1:
                # (a decision estimated at a recent payment may come after the stage's first day: said, R18)
                after_decision = decision_may_follow_payment and retrait_decided_on is None and \
                    with_stage_before < with_stage_after and stage_first_day >= decision_day
                reasons.append(reason("pending.planned_stage", "R18", params=(max_gain,),
                                      refs=("CE-461479", "CE-492072"), first_day=stage_first_day,
                                      last_day=stage_last_day, effective=stage_effective, new_balance=stage_balance,
                                      **({"decided_before": stage_first_day} if after_decision else {})))
            else:
                stage_effective = None
                reasons.append(reason("pending.planned_stage_fails", "R18", params=(max_gain,), refs=("CE-461479",),
                                      first_day=stage_first_day, last_day=stage_last_day, new_balance=stage_balance,
                                      why=why))
        reasons.append(reason("pending.still_valid", "R18", refs=("CE-461479", "CE-492072")))
    return Decision(
        question="pending_loss", outcome=outcome, today=today, facts=facts,
        results={"balance_after_retrait": after, "licence_valid": outcome not in ("invalidated",),
                 "saved_by_stage": saved_by_stage, "balance": stage_balance if saved_by_stage else None,
                 "balance_with_stage": with_stage_after if outcome in ("can_be_saved", "cannot_be_saved") else None,
                 "stage_saves": None if stage_balance is None else stage_balance >= 1,
                 "balance_after_stage": stage_balance},
        key_dates={"earliest_point_stage": earliest, "retrait_effective": decision_day,
                   "stage_effective": stage_effective},
        # (a computed balance told is the one the stage was added to: the decision's day changes nothing)
        reasons=tuple(reasons), missing=("retrait_decided_on",) if outcome == "can_be_saved" and
        decision_day is None and balance_after is None else (),
    )


def _stage_order_unknown(view, today: date, facts: dict, after: int, balance_before: int, with_stage_after: int,
                         first_day: date, last_day: date, previous: Optional[date], sure: bool) -> Decision:
    """R13, R18: a stage over, and the retrait's decision (or payment) not known: whether the retrait came before the
    stage (which then saved the licence, if B + 4 ≥ 1) or after it (its points were in the balance before the retrait,
    and the next stage gives points a year after it) is not assumed; both are said, and the date asked."""
    effective = dates.add(last_day, view.value("stage.effect_offset"))
    earliest, _, interval, _ = next_point_stage(max(first_day, previous) if previous else first_day, view)
    max_gain = view.get("stage.max_gain")
    reasons = (
        reason("pending.stage_order_unknown", "R18", params=(max_gain, interval), refs=("L.223-6", "CE-461479"),
               certainty="S" if after < 0 else None, days=(first_day, last_day), first_day=first_day, balance=after,
               balance_before=balance_before, new_balance=with_stage_after, effective=effective, last_day=last_day,
               earliest=earliest, saves=with_stage_after >= 1, sure=sure),
        reason("pending.retrait_date_asked", "R18", refs=("CE-461479",)),
        reason("pending.still_valid", "R18", refs=("CE-461479", "CE-492072")),
    )
    return Decision(
        question="pending_loss", outcome="stage_order_unknown", today=today, facts=facts,
        results={"balance_after_retrait": after, "licence_valid": True, "saved_by_stage": None, "balance": None,
                 "balance_with_stage": with_stage_after, "stage_saves": None, "balance_after_stage": None},
        key_dates={"earliest_point_stage": earliest, "retrait_effective": None, "stage_effective": None},
        reasons=reasons, missing=("retrait_decided_on",),
    )


def _stage_last_day(first_day: Optional[date], last_day: Optional[date], view) -> Optional[date]:
    """R11 (R.223-5): a stage is two consecutive days; the last one is the day after the first by default."""
    if first_day is None:
        if last_day is not None:
            raise InconsistentFacts("stage.dates_incomplete", "stage_first_day",
                                    "Indiquez le premier jour du stage.")
        return None
    expected = dates.add(first_day, view.value("stage.length"))
    if last_day is not None and last_day != expected:
        raise InconsistentFacts("stage.not_consecutive", "stage_last_day",
                                "Un stage se déroule sur deux jours consécutifs "
                                "(article R.223-5 du Code de la route).")
    return expected
