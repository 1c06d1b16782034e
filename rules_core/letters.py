"""Letters from the ministry: R19 (48, 48M, 48N, 48SI, 46, 46B, 46D, 47).

R.223-3 III (simple letter), R.223-4 (48N registered with AR), SP F1685/F1704; 48M is an
administrative practice not found in the Code [U].
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from . import dates
from .errors import InconsistentFacts
from .letter_48n import deadline_close
from .model import Decision
from .params import load_params
from .reasoning import check_points, not_after_today, reason

LETTERS = ("48", "48M", "48N", "48SI", "46", "46B", "46D", "47")
#: the letters that tell a retrait (R2, R19): sent once its decision is recorded, with no deadline (the 48SI
#: also, but until it is notified the licence stays valid, R18: its own answer says so)
RETRAIT_LETTERS = ("48", "48M", "48N")


def letter_meaning(*, letter: str, today: date, received_on: Optional[date] = None,
                   not_yet_received: bool = False, asks_when_it_comes: bool = False,
                   presented_not_collected: bool = False, asks_obligation: bool = False,
                   asks_if_not_done: bool = False, probation_possible: bool = False) -> Decision:
    """R19 — what a letter means and what to do (with its deadline when ``received_on`` is given).

    ``not_yet_received``: the user says the letter has not come ("pas encore reçu de 48SI"); for the
    48SI that is the moment when the licence is still valid and a stage may still save it (R18).
    ``asks_when_it_comes``: "combien de temps pour recevoir la lettre 48 après avoir payé ?": a letter of a
    retrait comes with no deadline set (R2), and the retrait counts from its decision, not from the letter.
    ``presented_not_collected``: "je n'ai pas récupéré le recommandé à la poste": a registered letter presented and
    not collected counts as notified from its first presentation (CE 17/04/2025 n° 492072, spec §0.2): a 48SI
    is opposable, the licence invalid and no stage can save it (R14, R18, R20); a 48N's 4 months run from that
    presentation (R15 [I]). ``received_on`` is then the day of the first presentation.
    ``asks_obligation``: "j'ai reçu une 48M, je suis obligé de faire le stage ?": for a 48 or a 48M, no (R19), and
    nothing follows without a stage, said first; ``asks_if_not_done`` ("sinon ça fait quoi ?", "je risque quoi ?"):
    with what only a 48N would bring without the stage (R15). ``probation_possible``: the licence may be
    probationary (not known to be past it): a retrait of 3 points or more in one go would bring a 48N instead, whose
    stage is compulsory within 4 months (R15; tester T17 c15 got "aucune obligation" alone).
    """
    letter = str(letter).upper().replace("LETTRE", "").strip()
    if letter not in LETTERS:
        raise InconsistentFacts("letter.unknown", "letter",
                                f"Lettre inconnue : indiquez l'une de {', '.join(LETTERS)}.")
    not_after_today(received_on, today, "received_on", "La réception de la lettre")
    view = load_params().at(received_on or today)
    key_dates = {"received_on": received_on}
    results = {"letter": letter, "obligation": letter in ("48N", "48SI")}
    reasons = []
    missing = ()
    if letter == "48":
        reasons.append(reason("letter.48", "R19", refs=("R.223-3", "SP-F1685")))
    elif letter == "48M":
        threshold = view.get("letter_48m.threshold")
        reasons.append(reason("letter.48M", "R19", params=(threshold,), threshold=threshold.value))
    elif letter == "48N":
        deadline_param = view.get("letter_48n.deadline")
        deadline = dates.add(received_on, deadline_param.value) if received_on else None
        key_dates["deadline"] = deadline
        if presented_not_collected:
            # R15: "receipt" of a letter not collected = its first presentation, by analogy with CE 17/04/2025 [I]
            reasons.append(reason("letter.48N_uncollected", "R15", params=(deadline_param,),
                                  refs=("R.223-4", "CE-492072"), certainty="I", presented=received_on,
                                  deadline=deadline))
        reasons.append(reason("letter.48N", "R19", params=(deadline_param, view.get("letter_48n.min_points")),
                              refs=("SP-F14208",), deadline=deadline))
        reasons.append(reason("letter.48N_refund", "R16", refs=("L.223-6", "arrete-2004-02-25")))
        close = deadline_close(deadline, today, view) if deadline is not None else None
        if close is not None:  # R15: the deadline near, only a stage ending by then counts
            reasons.insert(len(reasons) - 1, close)
    elif letter == "48SI" and presented_not_collected:
        # §0.2, R18: presented and not collected = notified (CE 17/04/2025 n° 492072): too late for any stage
        delay = view.get("letter_48si.return_delay")
        deadline = dates.add(received_on, delay.value) if received_on else None
        key_dates["deadline"] = deadline
        results["licence_valid"] = False
        reasons.append(reason("letter.48SI_uncollected", "R18", refs=("CE-492072",),
                              presented=received_on))
        # R20: a deadline passed leaves the duty to hand the licence back, and the wait runs only from then
        reasons.append(reason("letter.48SI", "R19", params=(delay, view.get("invalidation.refusal_penalty")),
                              refs=("L.223-1", "CE-492072"), deadline=deadline,
                              passed=deadline is not None and deadline < today))
        reasons.append(reason("letter.48SI_no_stage", "R14", refs=("CE-492072",)))
        reasons.append(reason("invalidation.no_driving", "R20", refs=("SP-F1704",)))
        reasons.append(reason("letter.48SI_next", "R20", params=(view.get("invalidation.wait"),),
                              refs=("L.223-5",)))
    elif letter == "48SI" and not_yet_received:
        stage_gain = view.get("stage.max_gain")
        reasons.append(reason("letter.48SI_not_yet", "R18", params=(stage_gain,), refs=("CE-461479", "CE-492072"),
                              points=stage_gain.value))
    elif letter == "48SI":
        delay = view.get("letter_48si.return_delay")
        deadline = dates.add(received_on, delay.value) if received_on else None
        key_dates["deadline"] = deadline
        # R20: a deadline passed leaves the duty to hand the licence back, and the wait runs only from then
        reasons.append(reason("letter.48SI", "R19", params=(delay, view.get("invalidation.refusal_penalty")),
                              refs=("L.223-1", "CE-492072"), deadline=deadline,
                              passed=deadline is not None and deadline < today))
        reasons.append(reason("letter.48SI_no_stage", "R14", refs=("CE-492072",)))
        reasons.append(reason("letter.48SI_next", "R20", params=(view.get("invalidation.wait"),),
                              refs=("L.223-5",)))
    elif letter in ("46", "46B", "46D"):
        reasons.append(reason(f"letter.{letter}", "R19", refs=("practice-letters", "L.223-6")))
    else:
        reasons.append(reason("letter.47", "R19", params=(view.get("stage.effect_offset"),),
                              refs=("practice-letters",)))
    if asks_obligation and letter in ("48", "48M"):
        # R19: no obligation after a 48 or a 48M; R15: only a 48N makes the stage compulsory, and what missing it costs
        fine_scale = view.get("fines.c4_scale")
        suspension, deadline_48n = view.get("letter_48n.max_suspension"), view.get("letter_48n.deadline")
        stage_gain = view.get("stage.max_gain")
        reasons[:0] = [reason("letter.no_obligation", "R19", params=(stage_gain,), refs=("L.223-6",), refs_first=True,
                              letter=letter, points=stage_gain.value)] + ([
                       reason("letter.only_48n_compulsory", "R15", params=(deadline_48n, suspension, fine_scale),
                              refs=("R.223-4",), refs_first=True, delay=deadline_48n.value,
                              fine=fine_scale.value["forfait"], maximum=fine_scale.value["maximum"],
                              suspension=suspension.value)] if asks_if_not_done else [])
        if probation_possible and not asks_if_not_done:
            threshold_48n = view.get("letter_48n.min_points")
            reasons.insert(1, reason("letter.48N_in_probation", "R15", params=(threshold_48n, deadline_48n),
                                     refs=("R.223-4",), threshold=threshold_48n.value, delay=deadline_48n.value))
    if asks_when_it_comes and letter in RETRAIT_LETTERS:
        reasons.insert(0, reason("letter.no_deadline", "R2", refs=("CE-364635", "SP-F1685")))
    if letter in ("48N", "48SI") and received_on is None and not not_yet_received and not presented_not_collected:
        missing = ("received_on",)
    return Decision(question="letter", outcome=f"letter_{letter}", today=today, facts={"letter": letter,
                    "received_on": received_on, "not_yet_received": not_yet_received,
                    "asks_when_it_comes": asks_when_it_comes, "presented_not_collected": presented_not_collected,
                    "asks_obligation": asks_obligation, "asks_if_not_done": asks_if_not_done}, results=results, key_dates=key_dates, reasons=tuple(reasons),
                    missing=missing)


def expected_letter(*, balance_before: int, points_withdrawn: int, today: date, probationary: bool = False,
                    largest_offence_points: Optional[int] = None, established_on: Optional[date] = None,
                    ceiling: Optional[int] = None, not_established: bool = False) -> Decision:
    """R19, R15, R20 — which letter a retrait brings: 48, 48M [U], 48N or 48SI.

    ``largest_offence_points`` is the points of the single most serious infraction in the retrait
    (the 48N trigger is one infraction of ≥ 3 points); unknown, it is taken as ``points_withdrawn``.
    ``established_on``: the day the offence was established (the fine paid, R2), when known; on or before ``today``
    the retrait is done, and the balance it left is today's, said in the present, not "une fois l'infraction établie".
    ``ceiling``: the licence's ceiling today (R1, R5), when known; out of probation it is the maximum. With it, a
    retrait to 0 not yet established says whether a stage done now, before it, saves the licence too (R18).
    ``not_established``: the driver said the offence is not established yet (the fine not paid, R2): the balance
    falls to 0 once it is, said in the future, not "Le solde tombe à 0" as if the points were gone.
    """
    view = load_params().at(today)
    maximum = view.get("capital.max")
    check_points(balance_before, "balance_before", low=1, high=maximum.value, what_fr="Le solde avant le retrait")
    check_points(points_withdrawn, "points_withdrawn", low=1, high=maximum.value, what_fr="Le retrait")
    check_points(largest_offence_points, "largest_offence_points", low=1, high=points_withdrawn,
                 what_fr="Le retrait de la plus grave infraction")
    missing = ()
    after = balance_before - points_withdrawn
    if largest_offence_points is None:
        largest_offence_points = points_withdrawn
        # (at 0 or below the letter is the 48SI whatever the most serious infraction: nothing to reserve, T19 c35)
        missing = ("largest_offence_points",) if probationary and after > 0 else ()
    threshold_48n = view.get("letter_48n.min_points")
    threshold_48m = view.get("letter_48m.threshold")
    reasons = []
    stage_gain = view.get("stage.max_gain")
    if after <= 0:
        letter = "48SI"
        to_come = not_established and (established_on is None or established_on > today)
        reasons.append(reason("expected.48SI", "R20", refs=("L.223-1", "CE-461479"), balance=after,
                              **({"to_come": True} if to_come else {})))
        # R18: the points go once the offence is established (R2); a stage started after the retrait decision and
        # finished before the 48SI is notified adds its points to the computed balance: saved if B + 4 >= 1 (T19 c35)
        stage_gain = view.get("stage.max_gain")
        saved = after + stage_gain.value >= 1
        reasons.append(reason("expected.48SI_stage_saves" if saved else "expected.48SI_stage_too_little", "R18",
                              params=(stage_gain,), refs=("L.223-1", "L.223-6", "CE-461479"), balance=after,
                              points=stage_gain.value, after_stage=after + stage_gain.value))
        if ceiling is None and not probationary:
            ceiling = maximum.value
        if saved and ceiling is not None and (established_on is None or established_on > today):
            # R18: a stage done before the retrait decision is credited first, on the balance of today capped by the
            # ceiling (R12), and the retrait subtracted afterwards: it saves the licence as well when that cap leaves
            # it enough points, with no race against the 48SI (T49 c17: "et si je fais le stage maintenant, avant
            # le jugement ?" was not said); near the ceiling it does not, and the stage must wait for the decision
            gain_now = max(0, min(stage_gain.value, ceiling - balance_before))
            final = balance_before + gain_now - points_withdrawn
            reasons.append(reason("expected.48SI_stage_before_saves" if final >= 1 else
                                  "expected.48SI_stage_before_too_little", "R18",
                                  params=(stage_gain, view.get("stage.min_interval")),
                                  refs=("L.223-6", "R.223-8", "CE-461479"), before=balance_before, gain=gain_now,
                                  after_gain=balance_before + gain_now, withdrawn=points_withdrawn, final=final,
                                  ceiling=ceiling))
    elif probationary and largest_offence_points >= threshold_48n.value:
        letter = "48N"
        reasons.append(reason("expected.48N", "R15", params=(threshold_48n, view.get("letter_48n.deadline")),
                              balance=after, points=largest_offence_points))
        # R16: the compulsory stage done within the 4 months takes the place of the fine, refunded (tester T12)
        reasons.append(reason("letter.48N_refund", "R16", refs=("L.223-6", "arrete-2004-02-25")))
    elif not probationary and after <= threshold_48m.value:
        letter = "48M"
        reasons.append(reason("expected.48M", "R19", params=(threshold_48m,), balance=after))
        # R20 with R12: so few points left that one more offence may empty the licence; a stage gives some back
        stage_gain = view.get("stage.max_gain")
        reasons.append(reason("expected.zero_risk", "R20", params=(stage_gain,), refs=("L.223-1", "L.223-6"),
                              balance=after, points=stage_gain.value))
    else:
        letter = "48"
        reasons.append(reason("expected.48", "R19", refs=("R.223-3",), balance=after))
        # "je dois faire un stage ?" (R19 example 1): only the 48N makes one compulsory (R15)
        stage_gain = view.get("stage.max_gain")
        reasons.append(reason("expected.no_obligation", "R15", params=(threshold_48n, stage_gain),
                              refs=("R.223-4",), threshold=threshold_48n.value, points=stage_gain.value))
    pending = established_on is None or established_on > today
    # (the cap a stage meets is the licence's ceiling: in probation, the probation's, 9 in an AAC's 2nd year; unknown
    # in probation, nothing is said; T54 c23 was told "8 + 4 = 12" under a ceiling of 9)
    cap = ceiling if ceiling is not None else (None if probationary else maximum.value)
    if letter in ("48", "48M") and pending and cap is not None and balance_before + stage_gain.value > cap:
        # R18 example 1: a stage before the retrait is recorded is credited on the old balance, capped at the maximum,
        # and the retrait comes off afterwards; after the record it adds its points to the lower balance (T50 c30: 10
        # points, 8 to go, "je vais faire un stage vite fait": 12 − 8 = 4 instead of 2 + 4 = 6)
        waiting = min(after + stage_gain.value, cap)
        first = min(balance_before + stage_gain.value, cap) - points_withdrawn
        reasons.append(reason("expected.stage_after_record", "R18", params=(stage_gain,),
                              refs=("L.223-6", "CE-461479"), points=points_withdrawn, balance=after,
                              waiting=waiting, first=first, maximum=cap))
    if after > 0 and established_on is not None and established_on <= today:
        # R2: the offence established (the fine paid…), the retrait is done: the balance it left is today's
        reasons.insert(0, reason("expected.balance_after_done", "R2", refs=("L.223-1",), before=balance_before,
                                 points=points_withdrawn, balance=after, date=established_on))
    elif after > 0:
        # R2: the retrait, and so this balance, comes once the offence is established (the fine paid…)
        # (several infractions when the most serious one withdraws less than the whole retrait: "ces infractions")
        reasons.insert(0, reason("expected.balance_after", "R2", refs=("L.223-1",), before=balance_before,
                                 points=points_withdrawn, balance=after,
                                 several=largest_offence_points < points_withdrawn))
    return Decision(question="expected_letter", outcome=f"letter_{letter}", today=today,
                    facts={"balance_before": balance_before, "points_withdrawn": points_withdrawn,
                           "probationary": probationary, "largest_offence_points": largest_offence_points,
                           "established_on": established_on},
                    results={"letter": letter, "balance_after": after}, key_dates={}, reasons=tuple(reasons),
                    missing=missing)
