"""Points per offence: R3 (limits per event), R4 (table), R21 (what costs no points).

L.223-2 I–III (délit 6, contravention ≤ 6, simultaneous offences capped at 8); L.235-1 as amended
by loi 2025-622 (alcohol + drugs: 9, offences from 11/07/2025); R.413-14 as amended by décret
2023-1150 (no point under 5 km/h from 01/01/2024); décret 2025-1269 (excess ≥ 50 km/h is a délit
from 29/12/2025). The rules in force on the **commission** date apply.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Dict, Mapping, NamedTuple, Optional, Sequence, Tuple

from .errors import InconsistentFacts
from .model import Decision
from .params import load_params
from .reasoning import check_points, not_after_today, reason

#: Stable English keys of the offence table, for the chatbot to map user words onto.
OFFENCE_TYPES = load_params().offence_keys


class _Assessment(NamedTuple):
    """One offence assessed: the key used, points, class (None when unknown), its table row, reasons,
    missing facts, the excess of speed, for a small excess without the limit the class and fine for
    each side of the urban limit (``by_limit``), and notes that come after the fine and the delays."""

    key: str
    points: int
    klass: Optional[str]
    spec: Any
    reasons: list
    missing: list
    excess: Optional[int] = None
    by_limit: Optional[dict] = None
    notes: tuple = ()

    @property
    def possible_classes(self) -> tuple:
        """The class, or the classes it may have when it depends on an unknown fact."""
        if self.by_limit is not None:
            return (self.by_limit["above"]["offence_class"], self.by_limit["at_or_below"]["offence_class"])
        return () if self.klass is None else (self.klass,)


def _scale_points(scale, excess: int) -> int:
    points = 0
    for band in scale.value:
        if excess >= band["from_kmh"]:
            points = band["points"]
    return points


def _kept_from_measured(measured: int, margin: Mapping[str, int]) -> int:
    """R4 edge case [S]: the speed kept (*vitesse retenue*) from the speed a fixed radar measured:
    5 km/h off below 100 km/h, 5 % off from 100 km/h. The spec does not say how 5 % is rounded; we
    round down to the km/h, in the driver's favour, as the published examples do (132 → 125)."""
    if measured < margin["percent_from_kmh"]:
        return measured - margin["fixed_kmh"]
    return measured * (100 - margin["percent"]) // 100


def _speeding(commission: date, *, limit: Optional[int], recorded: Optional[int],
              excess: Optional[int], measured: Optional[int] = None) -> _Assessment:
    """R4 — an excess of speed, from the limit and the speed kept after the radar margin, or from the
    excess alone (R.413-14; L.413-1 from 29/12/2025, R.413-14-1 before, for 50 km/h or more).
    ``measured``: the speed the radar measured (displayed), told as such ("le radar a marqué 112"); the speed kept
    is that speed less the margin (R4 edge case; arrêté du 4 juin 2009), and the answer says so.

    The points and, from 20 km/h, the class depend on the excess only; under 20 km/h the class (3e
    above a 50 km/h limit, 4e at 50 km/h or less) and so the fine depend on the limit.
    """
    params = load_params()
    view = params.at(commission)
    margin_applied = None
    if measured is not None and recorded is None and excess is None:
        recorded, margin_applied = _margin_applied(view, measured, limit)
    speed_given = recorded is not None
    if excess is not None:
        if isinstance(excess, bool) or not isinstance(excess, int) or excess <= 0:
            raise InconsistentFacts("speeding.invalid_excess", "excess_kmh",
                                    "Le dépassement doit être un nombre entier de km/h supérieur à 0.")
        if limit is None and recorded is not None:
            limit = recorded - excess
        elif limit is not None and recorded is None:
            recorded = limit + excess
    elif limit is None or recorded is None:
        raise InconsistentFacts("speeding.speeds_missing", "recorded_speed_kmh",
                                "Pour un excès de vitesse, il faut la limite et la vitesse retenue, ou le "
                                "dépassement en km/h.")
    if limit is not None:
        if limit <= 0 or recorded <= limit:
            raise InconsistentFacts("speeding.no_excess", "recorded_speed_kmh",
                                    "La vitesse retenue doit être supérieure à la limite autorisée.")
        if excess is not None and recorded - limit != excess:
            raise InconsistentFacts("speeding.excess_mismatch", "excess_kmh",
                                    f"Un dépassement de {excess} km/h ne correspond pas à {recorded} km/h "
                                    f"retenus pour {limit} km/h autorisés.")
        excess = recorded - limit
    scale = view.get("speeding.scale")
    points = _scale_points(scale, excess)
    serious = view.get("speeding.serious_from_kmh")
    fourth = view.get("speeding.fourth_class_from_kmh")
    urban = view.get("speeding.urban_limit_kmh")
    spec = params.offence("speeding", commission)
    reasons = []
    missing = []
    by_limit = None
    headline_params = (scale, fourth, urban)
    headline_refs = [r.key for r in spec.refs]
    if excess >= serious.value:
        # R4: a délit under L.413-1 from 29/12/2025, a 5th-class contravention (R.413-14-1) before.
        serious_class = view.get("speeding.serious_class")
        article = view.get("speeding.serious_article")
        klass = serious_class.value
        spec = replace(spec, article=article.value)
        headline_params = (serious, serious_class, article)
        headline_refs = []
        # R4 edge case: a later class (the délit of 29/12/2025) does not reach back to this commission date
        later = [v.since for v in params.series("speeding.serious_class") if v.since > commission and
                 v.value == "delit"]
        reasons.append(reason("speeding.serious", "R4", params=(serious, serious_class), excess=excess,
                              offence_class=klass, since=serious_class.since,
                              delit_since=later[0] if later else None))
    elif excess >= fourth.value:
        klass = "c4"
    elif limit is None:
        klass = None
        missing.append("speed_limit_kmh")
        forfait = view.get("fines.forfait")
        by_limit = {"urban_limit_kmh": urban.value,
                    "above": {"offence_class": "c3", "fine_eur": forfait.value["c3"]},
                    "at_or_below": {"offence_class": "c4", "fine_eur": forfait.value["c4"]}}
        reasons.append(reason("speeding.class_depends_on_limit", "R4", params=(urban, fourth, forfait),
                              urban_limit=urban.value, **{f"{side}_{k}": v for side in ("above", "at_or_below")
                                                          for k, v in by_limit[side].items()}))
    elif limit <= urban.value:
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
    headline = reason("offence.speeding", "R4", params=headline_params, refs=headline_refs,
                      certainty="I" if old_scale else None, excess=excess, limit=limit,
                      speed=recorded, points=points, offence_class=klass)
    if margin_applied:
        # the speed told was the radar's: how the speed kept comes from it is said right after the points
        return _Assessment("speeding", points, klass, spec, [headline, margin_applied] + reasons, missing, excess,
                           by_limit, ())
    notes = _radar_margin(view, scale, points, excess, limit, recorded if speed_given else None)
    return _Assessment("speeding", points, klass, spec, [headline] + reasons, missing, excess, by_limit, notes)


def _margin_applied(view, measured: int, limit: Optional[int]) -> tuple:
    """R4 edge case [S] — (speed kept, its reason) from the speed the radar measured: 5 km/h off below 100 km/h,
    5 % off from 100 km/h (arrêté du 4 juin 2009); a speed kept at or under the limit is no excess."""
    margin = view.get("speeding.radar_margin")
    if isinstance(measured, bool) or not isinstance(measured, int) or measured <= 0:
        raise InconsistentFacts("speeding.invalid_measured", "measured_speed_kmh",
                                "La vitesse mesurée doit être un nombre entier de km/h supérieur à 0.")
    kept = _kept_from_measured(measured, margin.value)
    percent = measured >= margin.value["percent_from_kmh"]
    if limit is not None and kept <= limit:
        raise InconsistentFacts("speeding.no_excess_after_margin", "measured_speed_kmh",
                                f"Après déduction de la marge du radar, la vitesse retenue ({kept} km/h) ne dépasse "
                                f"pas la limite de {limit} km/h : aucun excès de vitesse n'est retenu.")
    return kept, reason("speeding.margin_applied", "R4", params=(margin,), measured=measured, kept=kept,
                        margin=f"{margin.value['percent']} %" if percent else f"{margin.value['fixed_kmh']} km/h",
                        rounded_down=percent and measured * (100 - margin.value["percent"]) % 100 != 0)


def _radar_margin(view, scale, points: int, excess: int, limit: Optional[int], speed: Optional[int]) -> tuple:
    """R4 edge case [S]: the engine reads the speed given as the speed kept after the radar margin
    (the one on the avis de contravention); when the same number read as the speed the radar
    measured gives other points, say what it would give."""
    margin = view.get("speeding.radar_margin")
    reasons = [reason("speeding.kept_speed", "R4", params=(margin,), speed=speed)]
    if speed is None:
        return tuple(reasons)
    kept = _kept_from_measured(speed, margin.value)
    alt_excess = kept - limit
    alt_points = _scale_points(scale, alt_excess) if alt_excess > 0 else 0
    if alt_excess <= 0 or alt_points != points:
        percent = speed >= margin.value["percent_from_kmh"]
        reasons.append(reason("speeding.if_measured", "R4", params=(margin,), speed=speed, kept=kept,
                              excess=max(alt_excess, 0), points=alt_points,
                              margin=f"{margin.value['percent']} %" if percent else f"{margin.value['fixed_kmh']} km/h",
                              rounded_down=percent and speed * (100 - margin.value["percent"]) % 100 != 0))
    return tuple(reasons)


def _assess(offence: str, commission: date, *, speed_limit_kmh: Optional[int], recorded_speed_kmh: Optional[int],
            probationary: Optional[bool], blood_alcohol_g_l: Optional[float],
            excess_kmh: Optional[int] = None, measured_speed_kmh: Optional[int] = None) -> _Assessment:
    """One offence → its assessment (points, class, reasons, missing facts)."""
    params = load_params()
    if offence not in params.offence_keys:
        raise InconsistentFacts("offence.unknown", "offence",
                                f"Type d'infraction inconnu : « {offence} ».")
    if offence == "speeding":
        return _speeding(commission, limit=speed_limit_kmh, recorded=recorded_speed_kmh, excess=excess_kmh,
                         measured=measured_speed_kmh)
    view = params.at(commission)
    reasons = []
    missing = []
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
            if probationary and low_probation.value <= blood_alcohol_g_l < low.value:
                # "pourquoi 6 points ?? il était à 0,3, c'est en dessous de 0,5 non ?": the probation's lower level
                # says why (R4, R.234-1; tester T32 c07 was never told)
                reasons.append(reason("alcohol.probation_level", "R4", params=(low_probation, low),
                                      refs=("R.234-1",), level=blood_alcohol_g_l, threshold=low_probation.value,
                                      general=low.value))
            if blood_alcohol_g_l < threshold.value:
                spec = params.offence(offence, commission)
                headline = reason("alcohol.below_threshold", "R4", params=(threshold,), level=blood_alcohol_g_l,
                                  threshold=threshold.value)
                return _Assessment(offence, 0, None, spec, [headline] + reasons, missing)
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
            reasons.append(reason("alcohol_drugs.nine_points", "R3", params=(special,), points=points,
                                  before=view.value("retrait.delit_points")))
    headline_code = "offence.no_points" if points == 0 else "offence.points"
    headline = reason(headline_code, spec.rule, refs=[r.key for r in spec.refs], label=spec.label_fr,
                      article=spec.article, points=points, offence_class=spec.offence_class)
    if spec.driver_not_liable:
        # (R.412-1: each occupant wears the belt and answers for it; R.412-2: the driver, for a passenger under 18)
        reasons.append(reason("offence.passenger", "R21", refs=("R.412-1", "R.412-2")))
    if spec.no_licence_points:
        reasons.append(reason("offence.outside_licence", "R21", refs=[r.key for r in spec.refs]))
    designation = view.get("owner.designation_delay")
    if spec.legal_person_owner and designation.value is not None:
        # R21 example 2 [S]: a company that pays without naming the driver owes the fine for not designating them
        # (L.121-6, a 4th-class contravention, its maximum five times a person's, CP 131-41); named, the driver loses
        # the points once the fine is paid (R2)
        klass, multiplier = view.get("owner.non_designation_class"), view.get("fines.legal_person_multiplier")
        # (the maximum of the 4th class, the one L.121-6 sets; cited by L.121-6 rather than by the 48N's R.223-4)
        maximum = view.value("fines.c4_scale")["maximum"] * multiplier.value
        # (its forfaitaire, minorée and majorée amounts are five times a person's too, CPP 530-3: 675, 450, 1 875 €)
        forfait = view.get("fines.legal_person_forfait_multiplier")
        scale = view.get("fines.c4_scale")
        reasons.append(reason("offence.company_must_designate", "R21",
                              params=(designation, klass, multiplier, forfait),
                              delay=designation.value, offence_class=klass.value, multiplier=multiplier.value,
                              maximum=maximum, forfait=scale.value["forfait"] * forfait.value,
                              reduced=view.value("fines.minoree")[klass.value] * forfait.value,
                              increased=scale.value["majoree"] * forfait.value))
    return _Assessment(offence, points, spec.offence_class, spec, [headline] + reasons, missing)


def speeding_class_of_points(*, points: int, commission: date, today: date,
                             speed_limit_kmh: Optional[int] = None) -> Optional[str]:
    """R4 — the class of an excess of speed known only by the points it cost, when those points fix it: from 20 km/h
    over (2, 3 or 4 points) the 4th class whatever the limit, from 50 km/h (6 points) the grand excès (5th class,
    a délit from 29/12/2025). Under 20 km/h (1 point) the limit decides (R.413-14 III 4°): the 4th class at 50 km/h
    or less ("1 point en ville"), the 3rd above; None without it, or for points no band costs."""
    not_after_today(commission, today, "commission", "La date de l'infraction")
    view = load_params().at(commission)
    bands = view.value("speeding.scale")
    fourth, serious = view.value("speeding.fourth_class_from_kmh"), view.value("speeding.serious_from_kmh")
    found = [band["from_kmh"] for band in bands if band["points"] == points]
    if len(found) != 1:
        return None
    if found[0] < fourth:
        if speed_limit_kmh is None:
            return None
        return "c4" if speed_limit_kmh <= view.value("speeding.urban_limit_kmh") else "c3"
    return view.value("speeding.serious_class") if found[0] >= serious else "c4"


def class_of_points(*, points: int, commission: date, today: date) -> Optional[str]:
    """R4 — the class of an offence not named, known only by the points it cost, when every offence of the table that
    costs those points on the commission date (an excess of speed by its band) has the same one: 2 points (an excess
    of 20 to 29 km/h, accelerating while overtaken) or 4 points are always the 4th class; None when offences of several
    classes cost them (3 points: the phone, 4th, the screen, 5th, the turn signal, 2nd; 1 point: the limit decides an
    excess's class), or none does."""
    not_after_today(commission, today, "commission", "La date de l'infraction")
    params = load_params()
    classes = set()
    for key in params.offence_keys:
        spec = params.offence(key, commission)
        if spec.points == points and spec.offence_class is not None:
            classes.add(spec.offence_class)
    for band in params.at(commission).value("speeding.scale"):
        if band["points"] == points:
            classes.update({speeding_class_of_points(points=points, commission=commission, today=today,
                                                     speed_limit_kmh=limit) for limit in (0, 1000)})
    return classes.pop() if len(classes) == 1 else None


def kept_speed(*, measured_kmh: int, today: date, commission: Optional[date] = None) -> int:
    """R4 edge case [S] — the speed kept (*vitesse retenue*, the avis's) from the speed a fixed radar measured (or
    displayed), with the margin in force on the commission date (``today`` when not known): 5 km/h off below
    100 km/h, 5 % off from 100 km/h (rounded down, see ``_kept_from_measured``)."""
    if isinstance(measured_kmh, bool) or not isinstance(measured_kmh, int) or measured_kmh <= 0:
        raise InconsistentFacts("speeding.invalid_measured", "measured_kmh",
                                "La vitesse mesurée doit être un nombre entier de km/h supérieur à 0.")
    return _kept_from_measured(measured_kmh, load_params().at(commission or today).value("speeding.radar_margin"))


def class_of_fine(*, amount_eur: float, today: date) -> Optional[str]:
    """R4 — the class of a contravention from the amount of its fixed fine: the
    amende forfaitaire of each class (35 € → c2, 68 € → c3, 135 € → c4, 200 € → c5), its minorée (22 €, 45 €,
    90 €), or the majorée of the 4th class (375 €), as in force on ``today``. None for any other amount."""
    view = load_params().at(today)
    classes = {amount: klass for klass, amount in view.value("fines.forfait").items()}
    classes.update({amount: klass for klass, amount in view.value("fines.minoree").items()})
    classes[view.value("fines.c4_scale")["majoree"]] = "c4"
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


def _follow_ups(points: int, klasses: Sequence[str], commission: date, probationary: Optional[bool],
                with_48n: bool = True, asked_48n: bool = False,
                training_ends: Optional[Tuple[date, date]] = None) -> list:
    """What this offence means for recovery (R9/R10) and the 48N (R15).

    ``klasses`` is the offence class, or the classes it may have when the class depends on an unknown
    fact (a small excess of speed without the limit: 3e or 4e), each with its own delay. ``training_ends``: the end
    of a probation the formation complémentaire shortened and its normal end, when the offence falls before the
    former: the reduction is lost (R6).
    """
    view = load_params().at(commission)
    reasons = []
    if points <= 0 or not klasses:
        return reasons
    serious = view.get("recovery.full.serious_classes")
    ten = view.get("recovery.ten_year.classes")
    delays = [(k, view.get("recovery.full.delay_serious" if k in serious.value else "recovery.full.delay"))
              for k in klasses]
    if probationary:
        # R7: L.223-6 al. 1 (2 or 3 years) does not apply during probation; the maximum comes back at the
        # later of its end and that delay, a lone point after 6 months (R8)
        read = {d.name: d for _, d in delays}
        reasons.append(reason("offence.recovery_in_probation", "R7", params=(serious, *read.values()),
                              refs=("L.223-1",), delays=sorted({d.value["years"] for _, d in delays}),
                              single_point=points == 1))
        if training_ends is not None and commission < training_ends[0]:
            # R6 edge case: committed before the end the training brought, the reduction is lost, the probation
            # runs to its normal end; the increments stop as well (R7; tester T51 c20 was told "ni prolongée")
            reasons.append(reason("offence.training_reduction_lost", "R6", refs=("L.223-1", "R.223-1"),
                                  certainty="I", reduced_end=training_ends[0], normal_end=training_ends[1]))
        else:
            # R7: any offence with a retrait committed in probation stops the yearly increments, the end unchanged
            reasons.append(reason("offence.increments_stop_in_probation", "R7", refs=("L.223-1",)))
    elif len(delays) == 1:
        klass, delay = delays[0]
        # R8: a lone point comes back 6 months after the payment first (tester T3 c01, c05: only the 2 or 3 years)
        single = view.get("recovery.single_point.delay") if points == view.value("recovery.single_point.points") \
            else None
        reasons.append(reason("offence.recovery_delay", "R9", params=(serious, delay, ten) + ((single,) if single
                                                                                               else ()),
                              offence_class=klass, delay=delay.value, ten_year=klass in ten.value,
                              single_delay=single.value if single else None))
    else:
        read = {d.name: d for _, d in delays}
        reasons.append(reason("offence.recovery_delay_by_class", "R9", params=(serious, *read.values(), ten),
                              by_class=[{"offence_class": k, "delay": d.value} for k, d in delays],
                              ten_year=all(k in ten.value for k, _ in delays)))
    threshold = view.get("letter_48n.min_points")
    if not with_48n:  # several offences: the 48N depends on each one's points, said by the caller (R15)
        return reasons
    # R15: the 48N is for a licence in probation only; unknown, it is not said (an experienced driver gets no 48N),
    # unless the user asked about the 48N: then its condition is the answer ("En période probatoire, …")
    if (probationary or (probationary is None and asked_48n)) and points >= threshold.value:
        reasons.append(_triggers_48n(view, points))
    elif probationary:
        # R15: below the threshold, no 48N ("je vais recevoir une 48N ?" for 2 points: no)
        reasons.append(reason("offence.no_48n", "R15", params=(threshold,), points=points,
                              threshold=threshold.value))
    return reasons


def _may_reach_zero(view, points: int, ceiling: Optional[int] = None) -> list:
    """R3 edge case, R15, R20: in probation year 1 (6 points at most) a retrait of 6 or more reaches 0, which
    brings a 48SI, not a 48N; only a stage completed before its notification saves the licence (R18).
    ``ceiling``: the licence's probationary ceiling on the commission day, when known (R5, R7); above the retrait,
    only an earlier retrait can take the balance that low, and the first year's case is not the driver's (T49 c05:
    "permis depuis mars 2025", in its 2nd year, was warned as if in its first)."""
    initial = view.get("probation.initial_points")
    if initial.value is None or points < initial.value:
        return []
    return [reason("offence.may_reach_zero", "R20", params=(initial,), refs=("L.223-1", "CE-461479"),
                   points=points, initial=initial.value, after_others=ceiling is not None and ceiling > points)]


def _brings_48si(view, points: int, balance_before: int, saving_said: bool = False) -> list:
    """R19 example 4, R20, R18: with the balance before the retrait known, a retrait that brings it to 0 or below
    brings a 48SI (in probation: instead of the 48N); the licence stays valid until it is notified, and a stage can
    save it. ``saving_said``: the answer on that pending loss (``pending_loss``) says the saving stage, with the same
    figures: only the letter is said here (T14 c16: said twice in one reply)."""
    after = balance_before - points
    if saving_said:
        return [reason("offence.brings_48si", "R20", refs=("L.223-1",), balance=balance_before, points=points,
                       balance_after=after, saving_said=True)]
    gain = view.get("stage.max_gain")
    # Spec R18 edge case: adding the stage's points to a negative balance comes from commentators [S]
    return [reason("offence.brings_48si", "R20", refs=("L.223-1", "L.223-6", "CE-461479"),
                   certainty="S" if after < 0 else None, balance=balance_before, points=points,
                   balance_after=after, gain=gain.value, saved=after + gain.value)]


def _triggers_48n(view, points: int, several: bool = False):
    """R15 (R.223-4): one offence of 3 points or more during probation → lettre 48N, stage within 4 months."""
    threshold = view.get("letter_48n.min_points")
    deadline = view.get("letter_48n.deadline")
    return reason("offence.triggers_48n", "R15", params=(threshold, deadline), points=points,
                  threshold=threshold.value, deadline=deadline.value, several=several)


def offence_points(*, offence: str, commission: date, today: date, speed_limit_kmh: Optional[int] = None,
                   recorded_speed_kmh: Optional[int] = None, probationary: Optional[bool] = None,
                   blood_alcohol_g_l: Optional[float] = None, excess_kmh: Optional[int] = None,
                   balance_before: Optional[int] = None, asked_48n: bool = False,
                   probation_end: Optional[date] = None, saving_said: bool = False,
                   measured_speed_kmh: Optional[int] = None, company_asks: bool = False,
                   designation_asked: bool = False, ceiling: Optional[int] = None,
                   training_ends: Optional[Tuple[date, date]] = None) -> Decision:
    """R3, R4, R21 — points, class and fine of one offence committed on ``commission`` (L.223-2; R.413-14…).

    ``offence`` is one of ``OFFENCE_TYPES``. Speeding needs the limit and the speed kept after the
    radar margin (*vitesse retenue*), or the excess over the limit (``excess_kmh``, counted from the
    speed kept), or the speed the radar measured (``measured_speed_kmh``, told as such: the margin is deducted and
    the answer says so, R4 edge case). The excess alone gives the points; under 20 km/h the class and the fine depend on the
    limit: the decision then gives both (``results["by_limit"]``) and lists ``speed_limit_kmh`` as
    missing. Alcohol may give the blood level (g/l), which decides between contravention and délit
    (threshold 0.2 g/l during probation). In probation, a retrait of 6 points or more adds
    ``offence.may_reach_zero`` (R3 edge case, R20: in year 1 it brings a 48SI, not a 48N).
    ``balance_before``: the driver's balance before this retrait, when known; a retrait that brings it to 0
    or below brings a 48SI, which takes the place of the 48N (R15 edge case, R19 example 4, R20); ``saving_said``:
    the stage that saves the licence (R18) is said by the answer given with this one, not again.
    The 48N line is given for a licence in probation (R15); with ``probationary`` unknown, only when the user asked
    about the 48N (``asked_48n``), as the condition it is. ``probationary`` is said of the commission day;
    ``probation_end``, the end of that probation when it is over by ``today``: the 48N still follows (R15 edge case,
    the commission date counts).
    ``ceiling``: in probation, the licence's ceiling on the commission day when the licence's date is known (R5, R7):
    above the retrait, the first year's warning becomes one about an earlier retrait.
    ``company_asks``: the company's manager asks about its own car's fine ("je suis gérante… si la société paie sans
    désigner le salarié, quelqu'un perd des points ?"): the answer speaks to the company, not to the driver (R21
    example 2; tester T16 c34).
    ``designation_asked``: "c'est la voiture de ma boîte, je dois désigner ?": for a company's vehicle, the answer is
    who designates the driver and who loses the points, then what the company owes without it, each said once
    (L.121-6; R21 example 2), in place of the no-points headline.
    ``training_ends``: in probation, the end the formation complémentaire brought and the normal end: an offence
    before the former loses the reduction (R6 edge case), said in place of "the end unchanged" (R7).
    """
    not_after_today(commission, today, "commission", "La date de l'infraction")
    found = _assess(offence, commission, speed_limit_kmh=speed_limit_kmh, recorded_speed_kmh=recorded_speed_kmh,
                    probationary=probationary, blood_alcohol_g_l=blood_alcohol_g_l, excess_kmh=excess_kmh,
                    measured_speed_kmh=measured_speed_kmh)
    klass, reasons = found.klass, list(found.reasons)
    if company_asks and found.spec.legal_person_owner:
        # R21 example 2 said to the company: nobody loses points, it owes the non-designation fine (L.121-6); not
        # the driver's "votre permis", nor the bicycles of the other owners' line
        reasons = [replace(r, data={**r.data, "company_asks": True}) for r in reasons
                   if r.code != "offence.outside_licence"]
    designate = next((r for r in reasons if r.code == "offence.company_must_designate"), None)
    if designation_asked and designate is not None:
        # the company's legal representative designates the driver within the delay; only the driver designated
        # loses the points, once the fine is paid (R2); without it, no points, the non-designation fine (L.121-6)
        reasons = [replace(designate, code="offence.designation_asked"),
                   replace(designate, code="offence.non_designation_fine")]
    view = load_params().at(commission)
    check_points(balance_before, "balance_before", low=1, high=view.value("capital.max"),
                 what_fr="Le solde avant l'infraction")
    fine, fine_param = _fine(klass, view, found.key)
    fine_max = None
    if fine_param is not None:
        minoree = view.get("fines.minoree")
        reduced = minoree.value.get(klass)
        reasons.append(reason("offence.fine", "R4", params=(fine_param, minoree) if reduced else (fine_param,),
                              amount=fine, reduced=reduced, offence_class=klass,
                              # (R.412-1: the adult passenger pays the fine of their own belt, not the driver)
                              payer="passenger" if found.spec.driver_not_liable else "driver"))
    elif klass == "c5":
        maximum = view.get("fines.c5_maximum")
        fine_max = maximum.value
        reasons.append(reason("offence.court_c5", "R4", params=(view.get("fines.c5_forfaitisable"), maximum),
                              offence_class=klass, maximum=maximum.value))
    elif klass == "delit":
        reasons.append(reason("offence.court", "R4", refs=("SP-F1685",), offence_class=klass))
    reaches_zero = balance_before is not None and found.points > 0 and balance_before - found.points <= 0
    reasons.extend(_follow_ups(found.points, found.possible_classes, commission, probationary,
                               with_48n=not reaches_zero, asked_48n=asked_48n, training_ends=training_ends))
    if reaches_zero:
        reasons.extend(_brings_48si(view, found.points, balance_before, saving_said))
    elif probationary:
        reasons.extend(_may_reach_zero(view, found.points, ceiling))
    threshold = view.get("letter_48n.min_points")
    if probationary and probation_end is not None and commission < probation_end <= today and not reaches_zero \
            and found.points >= threshold.value:
        # R15 edge case [S, permis-apoints.com; T reading of R.223-4]: committed in probation, the 48N follows
        reasons.append(reason("offence.48n_after_probation", "R15", params=(threshold,), refs=("R.223-4",),
                              certainty="S", probation_end=probation_end, commission=commission))
    reasons.extend(found.notes)
    return Decision(
        question="offence_points", outcome="points" if found.points else "no_points", today=today,
        facts={"offence": offence, "commission": commission, "speed_limit_kmh": speed_limit_kmh,
               "recorded_speed_kmh": recorded_speed_kmh, "excess_kmh": excess_kmh, "probationary": probationary,
               "measured_speed_kmh": measured_speed_kmh,
               "blood_alcohol_g_l": blood_alcohol_g_l, "balance_before": balance_before,
               "probation_end": probation_end},
        results={"offence": found.key, "points": found.points, "offence_class": klass, "fine_eur": fine,
                 "fine_max_eur": fine_max, "article": found.spec.article, "label_fr": found.spec.label_fr,
                 "excess_kmh": found.excess, "by_limit": found.by_limit,
                 # R2, R4: no fixed fine (a délit without AFD, a 5th class not forfaitisable): a court judges it, and
                 # only a conviction become final (or a composition pénale executed) establishes it
                 "judged": klass in ("c5", "delit") and fine_param is None},
        key_dates={"commission": commission}, reasons=tuple(reasons), missing=tuple(found.missing),
    )


#: Offence classes from the lightest to the heaviest.
CLASS_ORDER = ("c1", "c2", "c3", "c4", "c5", "delit")


def alcohol_limits(*, today: date, probationary: Optional[bool] = None) -> Decision:
    """R4 (R.234-1, L.234-1) — the blood alcohol levels that make an offence: below the contravention's level nothing,
    from it a 4th-class contravention, from the délit's level a délit; in probation (or apprenticeship) the
    contravention starts lower. Breath levels are half the blood's (0,5 g/l of blood = 0,25 mg/l of breath).
    ``probationary`` None: both levels are given."""
    view = load_params().at(today)
    low, low_probation, high = (view.get("alcohol.contravention_g_l"), view.get("alcohol.contravention_probation_g_l"),
                                view.get("alcohol.delit_g_l"))
    contravention, delit = load_params().offence("alcohol", today), load_params().offence("alcohol_delit", today)
    fine = view.get("fines.forfait")
    limit = low_probation if probationary else low
    reasons = [reason("alcohol.limit", "R4", params=(limit, high), refs=("R.234-1",),
                      probationary=probationary, limit=limit.value, breath=limit.value / 2, delit=high.value,
                      delit_breath=high.value / 2, fine=fine.value.get(contravention.offence_class),
                      points=contravention.points, delit_points=delit.points)]
    if probationary is None:
        reasons.append(reason("alcohol.limit_probation", "R4", params=(low_probation,), refs=("R.234-1",),
                              limit=low_probation.value, breath=low_probation.value / 2))
    elif probationary:
        reasons.append(reason("alcohol.first_year", "R20", params=(view.get("probation.initial_points"),),
                              refs=("L.223-1",), points=contravention.points))
    return Decision(question="alcohol_limits", outcome="probation" if probationary else "standard", today=today,
                    facts={"probationary": probationary},
                    results={"limit_g_l": limit.value, "delit_g_l": high.value, "points": contravention.points},
                    key_dates={}, reasons=tuple(reasons))


def most_points_at_once(*, today: date, asked: Optional[int] = None) -> Decision:
    """R3 (L.223-2 I–III, L.235-1) — the most points one event can cost, as a question in general ("on peut perdre
    combien de points maximum en une seule fois ?", "9 points d'un coup c'est possible ?", tester T19 c29): one
    offence at most 6 (a délit 6, a contravention up to 6), offences committed together add up capped at 8, and
    drugs with alcohol 9 from 11/07/2025 (an offence of that day or after). ``asked``: a count the user asks about,
    answered first (possible alone, together, only for drugs with alcohol, or not at all). Offences of different days
    are not capped together (R3 edge case [I])."""
    view = load_params().at(today)
    delit, most_one, cap = (view.get("retrait.delit_points"), view.get("retrait.contravention_max"),
                            view.get("retrait.simultaneous_cap"))
    special = view.get("retrait.alcohol_and_drugs_points")
    most = max(delit.value, most_one.value, cap.value, special.value or 0)
    if asked is None:
        outcome = "rule"
    elif asked <= max(delit.value, most_one.value):
        outcome = "one_offence"
    elif asked <= cap.value:
        outcome = "together"
    elif asked <= most:
        outcome = "alcohol_and_drugs"
    else:
        outcome = "impossible"
    # (the 9 points cite the law that set them, the rest L.223-2)
    lead_params = (special,) if outcome == "alcohol_and_drugs" else (cap, special)
    reasons = [reason("retrait.most_at_once", "R3", params=lead_params, refs=("L.223-2",) if len(lead_params) > 1 else (),
                      outcome=outcome, asked=asked, most=most, cap=cap.value, special=special.value,
                      one=most_one.value),
               reason("retrait.one_offence", "R3", params=(delit, most_one), delit=delit.value, one=most_one.value),
               reason("retrait.simultaneous_cap", "R3", params=(cap,), cap=cap.value)]
    if special.value is not None:
        reasons.append(reason("retrait.alcohol_and_drugs", "R3", params=(special,), points=special.value,
                              since=special.since))
    reasons.append(reason("retrait.separate_events", "R3", refs=("L.223-2",), certainty="I"))
    return Decision(question="most_points_at_once", outcome=outcome, today=today, facts={"asked": asked},
                    results={"most": most, "cap": cap.value, "one_offence": max(delit.value, most_one.value),
                             "alcohol_and_drugs": special.value},
                    key_dates={}, reasons=tuple(reasons))


def separate_offences(*, offences: Sequence[Mapping[str, Any]], today: date) -> Decision:
    """R3 — offences found at different checks (each item: ``offence``, its ``commission`` day and options as in
    ``simultaneous_offences``): each its own points by the scale of its day; they add up with no cap, which holds
    only for offences found at the same time (L.223-2 III; R3 example 4: a red light and a stop the next day, 8).

    Items may name their ``check`` (any label): the offences of one check are capped together at 8, and the checks
    add up (R3: "simultaneous" means found in the same check, even two checks of one day)."""
    if len(offences) < 2:
        raise InconsistentFacts("separate.too_few", "offences", "Indiquez au moins deux infractions.")
    rows = []
    missing = []
    for item in offences:
        not_after_today(item["commission"], today, "commission", "La date de l'infraction")
        found = _assess(item["offence"], item["commission"], speed_limit_kmh=item.get("speed_limit_kmh"),
                        recorded_speed_kmh=item.get("recorded_speed_kmh"), probationary=None,
                        blood_alcohol_g_l=item.get("blood_alcohol_g_l"), excess_kmh=item.get("excess_kmh"))
        missing.extend(m for m in found.missing if m not in missing)
        rows.append({"offence": found.key, "points": found.points, "offence_class": found.klass,
                     "label_fr": found.spec.label_fr, "excess_kmh": found.excess, "commission": item["commission"]})
    cap = load_params().at(max(item["commission"] for item in offences)).get("retrait.simultaneous_cap")
    checks: Dict[Any, int] = {}
    for number, (item, row) in enumerate(zip(offences, rows)):
        label = item.get("check", ("offence", number))
        checks[label] = checks.get(label, 0) + row["points"]
    total = sum(min(points, cap.value) for points in checks.values())
    same_day = len({item["commission"] for item in offences}) < len(offences)
    reasons = (reason("separate.checks_added" if same_day else "separate.added", "R3", params=(cap,), total=total,
                      each=tuple((r["label_fr"], r["excess_kmh"], r["points"]) for r in rows),
                      capped=tuple(points for points in checks.values() if points > cap.value), cap=cap.value),)
    return Decision(
        question="separate_offences", outcome="added", today=today, facts={"offences": list(offences)},
        results={"offences": rows, "points": total}, key_dates={}, reasons=reasons, missing=tuple(missing),
    )


def simultaneous_offences(*, offences: Sequence[Any], commission: date, today: date,
                          probationary: Optional[bool] = None) -> Decision:
    """R3 — several offences found at the same time: retraits add up, capped at 8 (L.223-2 III).

    Exception: the alcohol + drugs délit costs 9 from 11/07/2025 (L.235-1); combined with other
    offences the engine keeps 9 [U]. Each item is an offence key or a mapping with ``offence``
    and its options (``speed_limit_kmh``, ``recorded_speed_kmh``, ``excess_kmh``, ``blood_alcohol_g_l``).
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
    known = []
    open_classes = set()
    for item in items:
        try:
            key = item["offence"]
        except KeyError as exc:
            raise InconsistentFacts("offence.invalid", "offences", "Chaque infraction doit avoir un type.") from exc
        found = _assess(key, commission, speed_limit_kmh=item.get("speed_limit_kmh"),
                        recorded_speed_kmh=item.get("recorded_speed_kmh"), probationary=probationary,
                        blood_alcohol_g_l=item.get("blood_alcohol_g_l"), excess_kmh=item.get("excess_kmh"))
        missing.extend(m for m in found.missing if m not in missing)
        rows.append({"offence": found.key, "points": found.points, "offence_class": found.klass,
                     "label_fr": found.spec.label_fr, "excess_kmh": found.excess, "by_limit": found.by_limit})
        if found.points > 0 and found.klass is not None:
            known.append(found.klass)
        elif found.points > 0:
            open_classes.update(found.possible_classes)
    total = sum(r["points"] for r in rows)
    withdrawn = min(total, cap.value)
    # each offence with its points, said before the total
    each = {"each": tuple((r["label_fr"], r["excess_kmh"], r["points"]) for r in rows)}
    if special.value is not None and any(r["offence"] == "alcohol_and_drugs" for r in rows):
        withdrawn = special.value
        outcome = "nine_point_rule"
        reasons.append(reason("simultaneous.nine_points", "R3", params=(special,), certainty="U", total=total,
                              points=withdrawn, **each))
    elif total > cap.value:
        outcome = "capped"
        reasons.append(reason("simultaneous.capped", "R3", params=(cap,), total=total, points=withdrawn, **each))
    else:
        outcome = "added"
        reasons.append(reason("simultaneous.added", "R3", params=(cap,), total=total, points=withdrawn, **each))
    # The heaviest class decides the recovery delay (R9); a class that depends on the limit gives
    # one heaviest class per possibility.
    candidates = [known + [k] for k in open_classes] if open_classes else [known]
    worst = {max(c, key=CLASS_ORDER.index) for c in candidates if c}
    reasons.extend(_follow_ups(withdrawn, sorted(worst, key=CLASS_ORDER.index), commission, probationary,
                               with_48n=False))
    threshold = view.get("letter_48n.min_points")
    if probationary and any(r["points"] >= threshold.value for r in rows):
        reasons.append(_triggers_48n(view, max(r["points"] for r in rows), several=True))
    elif probationary and withdrawn >= threshold.value:
        reasons.append(reason("simultaneous.no_48n", "R15", params=(threshold,), certainty="I"))
    if probationary:
        reasons.extend(_may_reach_zero(view, withdrawn))
    return Decision(
        question="simultaneous_offences", outcome=outcome, today=today,
        facts={"offences": items, "commission": commission, "probationary": probationary},
        results={"offences": rows, "total_before_cap": total, "points": withdrawn, "cap": cap.value},
        key_dates={"commission": commission}, reasons=tuple(reasons), missing=tuple(missing),
    )
