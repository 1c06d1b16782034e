"""Points per offence: R3 (limits per event), R4 (table), R21 (what costs no points).

L.223-2 I–III (délit 6, contravention ≤ 6, simultaneous offences capped at 8); L.235-1 as amended
by loi 2025-622 (alcohol + drugs: 9, offences from 11/07/2025); R.413-14 as amended by décret
2023-1150 (no point under 5 km/h from 01/01/2024); décret 2025-1269 (excess ≥ 50 km/h is a délit
from 29/12/2025). The rules in force on the **commission** date apply.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Optional, Sequence

from .errors import InconsistentFacts
from .model import Decision
from .params import load_params
from .reasoning import not_after_today, reason

#: Stable English keys of the offence table, for the chatbot to map user words onto.
OFFENCE_TYPES = load_params().offence_keys


def _assess(offence: str, commission: date, *, speed_limit_kmh: Optional[int], recorded_speed_kmh: Optional[int],
            probationary: Optional[bool], blood_alcohol_g_l: Optional[float]):
    """One offence → (key used, points, class, fine, reasons, missing)."""
    params = load_params()
    if offence not in params.offence_keys:
        raise InconsistentFacts("offence.unknown", "offence",
                                f"Type d'infraction inconnu : « {offence} ».")
    view = params.at(commission)
    reasons = []
    missing = []
    excess = None
    if offence == "speeding":
        if speed_limit_kmh is None or recorded_speed_kmh is None:
            raise InconsistentFacts("speeding.speeds_missing", "recorded_speed_kmh",
                                    "Pour un excès de vitesse, il faut la limite et la vitesse retenue.")
        if speed_limit_kmh <= 0 or recorded_speed_kmh <= speed_limit_kmh:
            raise InconsistentFacts("speeding.no_excess", "recorded_speed_kmh",
                                    "La vitesse retenue doit être supérieure à la limite autorisée.")
        excess = recorded_speed_kmh - speed_limit_kmh
        scale = view.get("speeding.scale")
        points = 0
        for band in scale.value:
            if excess >= band["from_kmh"]:
                points = band["points"]
        serious = view.get("speeding.serious_from_kmh")
        fourth = view.get("speeding.fourth_class_from_kmh")
        urban = view.get("speeding.urban_limit_kmh")
        if excess >= serious.value:
            klass = view.value("speeding.serious_class")
            reasons.append(reason("speeding.serious", "R4", params=(serious, view.get("speeding.serious_class")),
                                  excess=excess, offence_class=klass))
        elif excess >= fourth.value or speed_limit_kmh <= urban.value:
            klass = "c4"
        else:
            klass = "c3"
        if points == 0:
            reasons.append(reason("speeding.no_point", "R4", params=(scale,), excess=excess,
                                  threshold=scale.value[0]["from_kmh"]))
        current = params.series("speeding.scale")[-1]
        old_scale = points > 0 and excess < current.value[0]["from_kmh"]
        if old_scale:
            # Spec R4 edge case [I]: the scale in force on the commission date applies.
            reasons.append(reason("speeding.old_scale", "R4", params=(scale, current), certainty="I",
                                  excess=excess, points=points, threshold=current.value[0]["from_kmh"],
                                  since=current.since))
        retention = view.get("speeding.retention_from_kmh")
        if excess >= retention.value:
            reasons.append(reason("speeding.retention", "R4", params=(retention,), excess=excess))
        spec = params.offence(offence, commission)
        headline = reason("offence.speeding", "R4", params=(scale, fourth, urban), refs=[r.key for r in spec.refs],
                          certainty="I" if old_scale else None, excess=excess, limit=speed_limit_kmh,
                          speed=recorded_speed_kmh, points=points, offence_class=klass)
        return offence, points, klass, spec, [headline] + reasons, missing, excess

    if offence == "alcohol" and blood_alcohol_g_l is not None:
        low = view.get("alcohol.contravention_g_l")
        low_probation = view.get("alcohol.contravention_probation_g_l")
        high = view.get("alcohol.delit_g_l")
        if blood_alcohol_g_l >= high.value:
            offence = "alcohol_delit"
            reasons.append(reason("alcohol.delit_level", "R4", params=(high,), level=blood_alcohol_g_l))
        else:
            threshold = low_probation if probationary else low
            if probationary is None and low_probation.value <= blood_alcohol_g_l < low.value:
                missing.append("probationary")
                reasons.append(reason("alcohol.depends_on_probation", "R4", params=(low, low_probation),
                                      level=blood_alcohol_g_l))
            if blood_alcohol_g_l < threshold.value:
                spec = params.offence(offence, commission)
                headline = reason("alcohol.below_threshold", "R4", params=(threshold,), level=blood_alcohol_g_l,
                                  threshold=threshold.value)
                return offence, 0, None, spec, [headline] + reasons, missing, None
    spec = params.offence(offence, commission)
    points = spec.points
    if offence == "alcohol_and_drugs":
        special = view.get("retrait.alcohol_and_drugs_points")
        if special.value is None:
            points = view.value("retrait.delit_points")
            reasons.append(reason("alcohol_drugs.before_2025", "R3", params=(special, view.get("retrait.delit_points")),
                                  points=points))
        else:
            points = special.value
            reasons.append(reason("alcohol_drugs.nine_points", "R3", params=(special,), points=points))
    headline_code = "offence.no_points" if points == 0 else "offence.points"
    headline = reason(headline_code, spec.rule, refs=[r.key for r in spec.refs], label=spec.label_fr,
                      article=spec.article, points=points, offence_class=spec.offence_class)
    if spec.driver_not_liable:
        reasons.append(reason("offence.passenger", "R21", refs=("SP-F1685",)))
    if spec.no_licence_points:
        reasons.append(reason("offence.outside_licence", "R21", refs=[r.key for r in spec.refs]))
    return offence, points, spec.offence_class, spec, [headline] + reasons, missing, None


def class_of_fine(*, amount_eur: float, today: date) -> Optional[str]:
    """R4 — the class of a contravention from the amount of its fixed fine: the
    amende forfaitaire of each class (35 € → c2, 68 € → c3, 135 € → c4, 200 € → c5), or the minorée or
    majorée of the 4th class (90 €, 375 €), as in force on ``today``. None for any other amount."""
    view = load_params().at(today)
    classes = {amount: klass for klass, amount in view.value("fines.forfait").items()}
    fourth = view.value("fines.c4_scale")
    classes.update({fourth["minoree"]: "c4", fourth["majoree"]: "c4"})
    return classes.get(amount_eur)


def _fine(klass: Optional[str], view, offence: str) -> tuple:
    """R4 — (amount, parameter) of the fixed fine, or (None, None) when a court sets the fine.

    Only the 5th-class offences listed in ``fines.c5_forfaitisable`` (on the commission date) have
    an amende forfaitaire; the others, such as an excess of 50 km/h or more before 29/12/2025,
    go to the tribunal de police.
    """
    if klass is None:
        return None, None
    if klass == "delit":
        if offence == "speeding":
            afd = view.get("fines.speeding_delit_afd")
            return afd.value, afd
        return None, None
    if klass == "c5" and offence not in view.value("fines.c5_forfaitisable"):
        return None, None
    forfait = view.get("fines.forfait")
    return forfait.value.get(klass), forfait


def _follow_ups(points: int, klass: Optional[str], commission: date, probationary: Optional[bool]) -> list:
    """What this offence means for recovery (R9/R10) and the 48N (R15)."""
    view = load_params().at(commission)
    reasons = []
    if points > 0 and klass is not None:
        serious = view.get("recovery.full.serious_classes")
        delay = view.get("recovery.full.delay_serious" if klass in serious.value else "recovery.full.delay")
        ten = view.get("recovery.ten_year.classes")
        reasons.append(reason("offence.recovery_delay", "R9", params=(serious, delay, ten), offence_class=klass,
                              delay=delay.value, ten_year=klass in ten.value))
        threshold = view.get("letter_48n.min_points")
        if probationary and points >= threshold.value:
            reasons.append(reason("offence.triggers_48n", "R15", params=(threshold, view.get("letter_48n.deadline")),
                                  points=points))
    return reasons


def offence_points(*, offence: str, commission: date, today: date, speed_limit_kmh: Optional[int] = None,
                   recorded_speed_kmh: Optional[int] = None, probationary: Optional[bool] = None,
                   blood_alcohol_g_l: Optional[float] = None) -> Decision:
    """R3, R4, R21 — points, class and fine of one offence committed on ``commission`` (L.223-2; R.413-14…).

    ``offence`` is one of ``OFFENCE_TYPES``. Speeding needs the limit and the speed kept after the
    radar margin (*vitesse retenue*). Alcohol may give the blood level (g/l), which decides between
    contravention and délit (threshold 0.2 g/l during probation).
    """
    not_after_today(commission, today, "commission", "La date de l'infraction")
    key, points, klass, spec, reasons, missing, excess = _assess(
        offence, commission, speed_limit_kmh=speed_limit_kmh, recorded_speed_kmh=recorded_speed_kmh,
        probationary=probationary, blood_alcohol_g_l=blood_alcohol_g_l)
    view = load_params().at(commission)
    fine, fine_param = _fine(klass, view, key)
    fine_max = None
    if fine_param is not None:
        reasons.append(reason("offence.fine", "R4", params=(fine_param,), amount=fine, offence_class=klass))
    elif klass == "c5":
        maximum = view.get("fines.c5_maximum")
        fine_max = maximum.value
        reasons.append(reason("offence.court_c5", "R4", params=(view.get("fines.c5_forfaitisable"), maximum),
                              offence_class=klass, maximum=maximum.value))
    elif klass == "delit":
        reasons.append(reason("offence.court", "R4", refs=("SP-F1685",), offence_class=klass))
    reasons.extend(_follow_ups(points, klass, commission, probationary))
    return Decision(
        question="offence_points", outcome="points" if points else "no_points", today=today,
        facts={"offence": offence, "commission": commission, "speed_limit_kmh": speed_limit_kmh,
               "recorded_speed_kmh": recorded_speed_kmh, "probationary": probationary,
               "blood_alcohol_g_l": blood_alcohol_g_l},
        results={"offence": key, "points": points, "offence_class": klass, "fine_eur": fine,
                 "fine_max_eur": fine_max, "article": spec.article, "label_fr": spec.label_fr, "excess_kmh": excess},
        key_dates={"commission": commission}, reasons=tuple(reasons), missing=tuple(missing),
    )


def simultaneous_offences(*, offences: Sequence[Any], commission: date, today: date,
                          probationary: Optional[bool] = None) -> Decision:
    """R3 — several offences found at the same time: retraits add up, capped at 8 (L.223-2 III).

    Exception: the alcohol + drugs délit costs 9 from 11/07/2025 (L.235-1); combined with other
    offences the engine keeps 9 [U]. Each item is an offence key or a mapping with ``offence``
    and its options (``speed_limit_kmh``, ``recorded_speed_kmh``, ``blood_alcohol_g_l``).
    """
    not_after_today(commission, today, "commission", "La date de l'infraction")
    items = [o if isinstance(o, Mapping) else {"offence": o} for o in offences]
    if len(items) < 2:
        raise InconsistentFacts("simultaneous.too_few", "offences",
                                "Indiquez au moins deux infractions constatées en même temps.")
    view = load_params().at(commission)
    cap = view.get("retrait.simultaneous_cap")
    special = view.get("retrait.alcohol_and_drugs_points")
    rows = []
    reasons = []
    missing = []
    for item in items:
        try:
            key = item["offence"]
        except KeyError as exc:
            raise InconsistentFacts("offence.invalid", "offences", "Chaque infraction doit avoir un type.") from exc
        key, points, klass, spec, _, sub_missing, excess = _assess(
            key, commission, speed_limit_kmh=item.get("speed_limit_kmh"),
            recorded_speed_kmh=item.get("recorded_speed_kmh"), probationary=probationary,
            blood_alcohol_g_l=item.get("blood_alcohol_g_l"))
        missing.extend(m for m in sub_missing if m not in missing)
        rows.append({"offence": key, "points": points, "offence_class": klass, "label_fr": spec.label_fr,
                     "excess_kmh": excess})
    total = sum(r["points"] for r in rows)
    withdrawn = min(total, cap.value)
    if special.value is not None and any(r["offence"] == "alcohol_and_drugs" for r in rows):
        withdrawn = special.value
        outcome = "nine_point_rule"
        reasons.append(reason("simultaneous.nine_points", "R3", params=(special,), certainty="U", total=total,
                              points=withdrawn))
    elif total > cap.value:
        outcome = "capped"
        reasons.append(reason("simultaneous.capped", "R3", params=(cap,), total=total, points=withdrawn))
    else:
        outcome = "added"
        reasons.append(reason("simultaneous.added", "R3", params=(cap,), total=total, points=withdrawn))
    klasses = [r["offence_class"] for r in rows if r["points"] > 0]
    order = ("c1", "c2", "c3", "c4", "c5", "delit")
    worst = max(klasses, key=order.index) if klasses else None
    reasons.extend(_follow_ups(withdrawn, worst, commission, None))
    threshold = view.get("letter_48n.min_points")
    if probationary and any(r["points"] >= threshold.value for r in rows):
        reasons.append(reason("offence.triggers_48n", "R15", params=(threshold, view.get("letter_48n.deadline")),
                              points=max(r["points"] for r in rows)))
    elif probationary and withdrawn >= threshold.value:
        reasons.append(reason("simultaneous.no_48n", "R15", params=(threshold,), certainty="I"))
    return Decision(
        question="simultaneous_offences", outcome=outcome, today=today,
        facts={"offences": items, "commission": commission, "probationary": probationary},
        results={"offences": rows, "total_before_cap": total, "points": withdrawn, "cap": cap.value},
        key_dates={"commission": commission}, reasons=tuple(reasons), missing=tuple(missing),
    )
