"""The retraits a driver tells with their dates ("j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026"),
read from the entities of the user's messages: a history of several offences, which the forms' one-offence
slots cannot hold (R1, R8–R10).

Derived, not stored: each message's points and dates are paired when they alternate (a loss then its date, or
a date then its loss), and a later message telling a retrait on the same date replaces the earlier one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rasa_sdk import Tracker

import rules_core
from actions.retrait_timing import fine_not_paid, fine_paid_without_its_day
from actions.slot_values import CORRECTION, InvalidAnswer, PartialDate, _as_subject
from actions.what_if import hypothetical_message
from bot.nlu.fact_parsing import OUT_OF_TOWN_ROAD, ROLE_LICENCE, blood_alcohol_level, fold, says_retained_speed
from bot.reference_date import today
from rules_core import load_params
from rules_core.dates import format_long_fr

#: a retrait told again in a later message with the same points and a date this close is the same one
SAME_RETRAIT_DAYS = 92
#: a year written in a message ("2025", "12/03/25"): without one, a month or a day may correct an earlier one
YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2}\b")
#: the dates a retrait can be told with: none said, the payment, the offence
RETRAIT_DATE_ROLES = (None, "payment", "offence")
#: a loss of points, or points said without a role ("1 point en octobre")
RETRAIT_POINTS_ROLES = (None, "lost")
#: how far from a loss and its date an offence may be named to go with them, in characters
OFFENCE_REACH = 40


@dataclass(frozen=True)
class ToldRetrait:
    points: Optional[int]    # None when only the offence is told: its points come from the scale (R4)
    said_date: str           # ISO, possibly a month or a year only ("2025-03")
    offence_type: Optional[str]
    speeds: Tuple[Tuple[str, int], ...] = ()  # a speeding's excess and limit as told, for its scale (R4)
    committed_date: Optional[str] = None  # ISO, when the day it was committed is told besides its payment
    # how it was dated: by its payment (R2: the day it was established), or by a day said without that role (the
    # offence's, or a date of a loss "perdu 3 points en mars"); and whether the points were said lost
    paid_said: bool = True
    lost_said: bool = True
    established: bool = True  # False: told without a payment and maybe not paid yet, its points to come (R2 ex. 4)
    offence_class: Optional[str] = None  # the class answered to the form ("68 €" → c3), when no offence names it
    # what else the offence's scale reads (R4): the alcohol level told with it ("contrôlé à 0,3 g/l"), in g/l of blood,
    # and a speeding's road out of town said without its limit ("sur une nationale": above 50 km/h, R.413-2)
    alcohol_g_l: Optional[float] = None
    out_of_town: bool = False
    # a speeding's speed as the figure told ("flashée à 89 sur une route à 80"), its excess counted from it as the speed
    # kept: the same figure read as the radar's measure may give other points, which the answer says (R4 edge case)
    speed_told: Optional[int] = None
    # a month said as a season ("au printemps 2022", read as March): the season's last day (actions.slot_values.SEASONS)
    season_last: Optional[date] = None
    # the day it was committed said as a season ("un stop au printemps, payé en avril", read as March): the season's
    # first day, the earliest it may have been committed on (spring begins on 20 March, not 1 March: T42 c07)
    committed_season_first: Optional[date] = None

    @property
    def realite(self) -> date:
        """The day the points counted as withdrawn: for a month or a year, its last day, the later returns; for a
        season, its last day (spring runs to 20 June, not 31 March: T22 c26)."""
        return self.season_last or PartialDate.parse(self.said_date).latest()

    @property
    def committed(self) -> Optional[date]:
        """The day the offence was committed, when told (for a month, its first day: it freezes a probationary
        ceiling soonest, R7); None otherwise (the payment then stands for it)."""
        if self.committed_date is None:
            return None
        return min(self.committed_season_first or PartialDate.parse(self.committed_date).earliest(), self.realite)


def _position(entity: Dict[str, Any]) -> int:
    return entity.get("start") or 0


def _said_with(offence: Dict[str, Any], entity: Dict[str, Any]) -> bool:
    """A speed said with a speeding: right after its name ("un excès de 15 km/h sur une nationale à 80"), or within
    the words that name it ("8 km/h de trop sur une 90": the excess is part of them)."""
    start, end = _position(entity), entity.get("end") or _position(entity)
    named_from, named_to = _position(offence), offence.get("end") or 0
    return (start < named_to and end > named_from) or 0 <= start - named_to <= OFFENCE_REACH


#: right after a count of points: each of many offences told without their days cost it ("1 point à chaque fois",
#: "1 point par PV"); not "à 1 point chacun", said of the offences the message dates one by one (R7 example 3)
_EACH_TIME = re.compile(r"\s*(?:de moins\s+)?(?:a\s+)?(?:chaque\s+fois|a\s+chaque\b|par\s+(?:pv|amende|flash|infraction|excès|exces)"
                        r"|(?:toutes?|tous)\s+les\s+(?:fois|coups))")


# "ils vont m'enlever 9 points ??", "je vais perdre 6 points ?": the loss to come guessed in a question, not told (the
# offences named say their points, R3, R4; T16 c23 counted the guess, 9, instead of the cap, 8); folded text
_LOSS_GUESSED = re.compile(r"\b(?:vont|va|vais|vas|allez|risque\w*)\s+(?:me\s+|m'\s?|lui\s+|en\s+)?(?:enlever|retirer|perdre"
                           r"|prendre|sucrer|oter|coller)\s*$|\b(?:perdrai|perdra|enleveront|retireront|enlevera|retirera)\s*$")


# "J'aurai 8 points le 10 janvier 2027 ?", "je garde mes 6 points et j'aurai 8 points en janvier ?", "je remonte à 12
# le 3 mars ?": the balance kept or to come asked about, not a loss (T25 c33: counted as a retrait of 8 points on that
# day, "la date d'une infraction ne peut pas être dans le futur"); folded text before the count
_BALANCE_ASKED = re.compile(r"(?:\b|\bj'?\s?)(?:aurai|aurais|aura|aurait|aurez|auras|avoir|retrouve\w*|recupere\w*"
                            r"|remonte\w*|revien\w*|repasse\w*|serai|sera|serait|passe\w*|garde\w*|conserve\w*)"
                            r"(?:\s+(?:bien|donc|alors|encore|de nouveau|a nouveau|vraiment|toujours))*"
                            r"\s+(?:a\s+|mes\s+|ses\s+|les\s+|tes\s+|vos\s+)?$")


# what may come before a count thrown back at the answer: nothing, "pourquoi", "comment ça", "quoi", "hein"
_ECHO_BEFORE = re.compile(r"(?:^|[.!?\n]\s*)(?:(?:mais|ben|bah|euh|attendez|pourquoi|comment ca|quoi|hein|non|hein)\W*)*$")
_ECHO_AFTER = re.compile(r"\s*(?:points?|pts?)?\s*(?:\?\s*[?!]|!\s*[?!]|\?\s*$)")


def echoed_count(text: str, entity: Dict[str, Any]) -> bool:
    """A count said alone at the start of a sentence and thrown back with its question marks ("8 points ??",
    "pourquoi 6 ?!", "6 points ?"): the user questions the figure of the answer, they tell no fact with it."""
    start, end = _position(entity), entity.get("end") or _position(entity)
    return bool(_ECHO_BEFORE.search(fold(text[:start]))) and bool(_ECHO_AFTER.match(fold(text[end:])))


def retraits_in_message(entities: Sequence[Dict[str, Any]], text: str = "") -> List[ToldRetrait]:
    """The dated retraits of one message (its `text` tells where its sentences end); when its losses and dates do
    not pair one to one in turn, those of a story told sentence by sentence (none when that is not clear).

    A retrait told again less precisely ("… 3 points pour un téléphone payé le 10 mai 2016 … je récupère les 3
    points de 2016 ?") is the one told with its day, not a second one."""
    # "… 1 point en mai et 3 points en juillet, le point de mai revient quand ?": a date asked about again names a
    # retrait told before it, not another one
    entities = [e for n, e in enumerate(entities) if not (
        e.get("entity") == "date" and text and _in_question(text, _position(e))
        and any(o.get("entity") == "date" and _position(o) < _position(e) and (o.get("value") == e.get("value") or (
            # (or less precisely: "… payé en avril 2016 … les points de 2016 sont revenus ?", T40 c08)
            isinstance(e.get("value"), str) and str(o.get("value")).startswith(e["value"] + "-")))
                for o in entities[:n] + entities[n + 1:]))]
    if text:
        # "… est-ce que le point de l'excès revient quand même le 15 janvier 2027 ?": a day to come asked about for
        # points coming back is the question's, not the payment of another offence (T51 c04 counted a third one)
        entities = [e for e in entities if not (e.get("entity") == "date" and _return_day_asked(text, e))]
    if text and any(e.get("entity") == "offence_type" for e in entities):
        # "Feu rouge le 5 janvier et stop le 6 janvier. Ça fait 8 points ou c'est plafonné ?": a count asked about
        # is not a loss told; the offences named say their points (R4)
        entities = [e for e in entities if not (e.get("entity") == "points" and _in_question(text, _position(e))
                                                and (e.get("role") is None or _LOSS_GUESSED.search(
                                                    fold(text[max(0, _position(e) - 40):_position(e)]))))]
    if text:
        # "8 points ?? il est à zéro", "pourquoi 6 points ?? il était à 0,3": a count thrown back at the answer with
        # its question marks, not a loss told (T32 c29 subtracted "un retrait de 8 points", c07)
        entities = [e for e in entities if not (e.get("entity") == "points" and e.get("role") is None
                                                and echoed_count(text, e))]
    if text:
        entities = [e for e in entities if not (e.get("entity") == "points" and e.get("role") is None
                                                and _in_question(text, _position(e)) and _BALANCE_ASKED.search(
                                                    fold(text[max(0, _position(e) - 30):_position(e)])))]
    if text:
        # "depuis je prends des PV régulièrement (1 point à chaque fois)": the points of each of many offences told
        # without their days, not the loss of the one dated offence (tester T15 c19: the 3 points of a phone paid on
        # 10 May 2016 were counted as 1)
        each = [e for e in entities if e.get("entity") == "points" and _EACH_TIME.match(
            fold(text[e.get("end") or 0:(e.get("end") or 0) + 25]))]
        # (with the offences named just before that count, undated: "petits excès de vitesse, 1 point à chaque fois")
        repeated = [e for e in entities if e.get("entity") == "offence_type" and any(
            0 <= _position(count) - (e.get("end") or 0) <= OFFENCE_REACH
            and not SENTENCE_END.search(text[e.get("end") or 0:_position(count)]) for count in each)]
        entities = [e for e in entities if not any(e is dropped for dropped in each + repeated)]
    if _one_check_told(entities, text):
        return []
    told = _offence_then_its_loss(_retraits_in_message(entities, text)) or _losses_then_days_by_offence(entities, text)
    return [r for r in told if not any(
        other is not r and other.points == r.points and r.offence_type in (None, other.offence_type)
        and _coarser(r.said_date, other.said_date) for other in told)]


# "au même contrôle", "en même temps", "à la fois": offences told as found together, one event (R3; folded text)
SAME_CHECK = re.compile(r"\bmeme (?:controle|arrestation|moment|interpellation)\b|\ben meme temps\b|\ba la fois\b"
                        r"|\bau passage\b|\bpar la meme occasion\b")


# a new check or event of the day told between offences ("le matin téléphone + ceinture. L'après-midi feu rouge,
# autre contrôle", "plus tard dans la journée", "le soir"): the offences after it were found apart (R3; folded text)
ANOTHER_CHECK = re.compile(r"\b(?:(?:un |une )?autre|nouveau|nouvel|deuxieme|second|seconde|2e|2eme) "
                           r"(?:controle|arrestation|interpellation|flash)\b|\bapres[- ]midi\b|\ble soir\b"
                           r"|\bdans la soiree\b|\bplus tard\b|\ble lendemain\b")


def offences_by_check(entities: Sequence[Dict[str, Any]], text: str) -> List[List[Dict[str, Any]]]:
    """The offences named in one message, grouped by the check that found them, in the message's order: a new check
    or a later moment of the day told between two of them ("le matin … l'après-midi", "autre contrôle") starts
    another group (R3: the cap of 8 holds for the offences of one check only, not for two checks of one day; tester
    T33 c18 got 8 for a phone and a belt in the morning and a red light in the afternoon). One group when the message
    tells no such moment."""
    named = sorted((e for e in entities if e.get("entity") == "offence_type"), key=_position)
    cuts = [found.start() for found in ANOTHER_CHECK.finditer(fold(text or ""))]
    groups: Dict[int, List[Dict[str, Any]]] = {}
    for entity in named:
        groups.setdefault(sum(1 for cut in cuts if cut < _position(entity)), []).append(entity)
    return [groups[index] for index in sorted(groups)]


def _one_check_told(entities: Sequence[Dict[str, Any]], text: str) -> bool:
    """Several offences told as found at one check ("arrêté le 5 novembre pour alcool 0,4 g/l et téléphone en même
    temps. Il a payé le 20 novembre"), with at most one day of each role: one event, whose days are all its offences'
    (its commission, its payment), its retraits added and capped (R3, L.223-2 III), not a history of several retraits
    each dated by one of those days (tester T28 c24 read the payment as a phone committed on 20 November)."""
    named = {e.get("value") for e in entities if e.get("entity") == "offence_type"}
    folded = fold(text)
    if len(named) < 2 or not text or not (SAME_CHECK.search(folded) or ONE_CHECK.search(folded)) \
            or SEPARATE_CHECKS.search(folded):
        return False
    days = [e for e in entities if e.get("entity") == "date" and e.get("role") in RETRAIT_DATE_ROLES]
    return all(len({e.get("value") for e in days if e.get("role") == role}) <= 1 for role in RETRAIT_DATE_ROLES) \
        and len({e.get("value") for e in days if e.get("role") in (None, "offence")}) <= 1


# "3 points pour une ceinture", "4 pour un stop": a count said right before the offence it was lost for (folded)
_LOSS_FOR = re.compile(r"\s*(?:points?|pts?)?\s*(?:pour|de|avec)\s+(?:une?|le|la|l'|les|mon|ma)?\s*$")
# "la ceinture c'était il y a 3 ans", "le stop l'an dernier en mars", "l'excès ce printemps": the offence's day after it
_DAY_OF = re.compile(r"\s*(?:(?:c'etait|c etait|etait|date de|remonte a|a eu lieu|en|le|:|-)\s*)*$")


def _losses_then_days_by_offence(entities: Sequence[Dict[str, Any]], text: str) -> List["ToldRetrait"]:
    """A story told in two passes: the points each offence cost ("J'ai perdu 3 points pour une ceinture, puis 4 pour
    un stop, et 1 point pour un excès"), then each offence named again with its day ("la ceinture c'était il y a 3 ans
    environ, le stop l'an dernier en mars, l'excès ce printemps"): one retrait per offence, its count and its day
    paired by the offence named (R1; tester T43 c18 got "9 points (12 − 3)", the stop and the excess dropped). Empty
    unless every offence named has one count and one day, and the offences are told apart."""
    if not text:
        return []
    folded = fold(text)
    named = sorted((e for e in entities if e.get("entity") == "offence_type"), key=_position)
    counts = [e for e in entities if e.get("entity") in ("points", "number") and e.get("role") in RETRAIT_POINTS_ROLES
              and isinstance(e.get("value"), (int, float)) and 0 < e["value"] <= 12]
    days = [e for e in entities if e.get("entity") == "date" and e.get("role") in RETRAIT_DATE_ROLES
            and _is_date(e.get("value"))]
    loss: Dict[str, Dict[str, Any]] = {}
    day: Dict[str, Dict[str, Any]] = {}
    for offence in named:
        kind = offence.get("value")
        before = [c for c in counts if (c.get("end") or 0) <= _position(offence)
                  and _LOSS_FOR.fullmatch(folded[c.get("end") or 0:_position(offence)])]
        after = [d for d in days if _position(d) >= (offence.get("end") or 0)
                 and _DAY_OF.fullmatch(folded[offence.get("end") or 0:_position(d)])]
        for found, table in ((before[-1:], loss), (after[:1], day)):
            if found and (kind in table and table[kind] is not found[0]):
                return []  # the same offence told twice with two counts or two days: two retraits, unclear
            if found:
                table[kind] = found[0]
    kinds = {e.get("value") for e in named}
    if len(kinds) < 2 or set(loss) != kinds or set(day) != kinds \
            or len({id(d) for d in day.values()}) != len(kinds):
        return []
    told = [ToldRetrait(points=int(loss[kind]["value"]), said_date=day[kind]["value"], offence_type=kind,
                        committed_date=day[kind]["value"] if day[kind].get("role") == "offence" else None,
                        paid_said=day[kind].get("role") == "payment", lost_said=True)
            for kind in kinds]
    return sorted(told, key=lambda r: r.realite)


def _offence_then_its_loss(told: List["ToldRetrait"]) -> List["ToldRetrait"]:
    """One retrait for an offence told by its year or month, without its points, followed in the message by a payment
    inside that year or month (or in the months after its day) with points and no offence of its own ("En 2019 excès de 55 km/h …, payé le 3 février
    2019, j'ai perdu 6 points"): that offence, committed then, paid that day (R2), not two retraits (tester T33 c30
    counted 6 + 6 and a phantom "infraction payée le 31 décembre 2019")."""
    merged: List[ToldRetrait] = []
    for retrait in told:
        before = merged[-1] if merged else None
        if before is not None and before.points is None and before.offence_type is not None and \
                retrait.offence_type is None and retrait.points is not None and (
                    _coarser(before.said_date, retrait.said_date) or (
                        # "en février 2025 … flashé …, j'ai payé l'amende le 3 mars 2025 et j'ai perdu 2 points": the
                        # payment said next, in the months after the offence's day, is that offence's (R2; tester
                        # T50 c20 counted each offence twice, at its day and at its payment: 2 points left, not 7)
                        retrait.paid_said and not before.paid_said
                        and _paid_soon_after(before.committed_date or before.said_date, retrait.said_date))):
            merged[-1] = replace(retrait, offence_type=before.offence_type, speeds=before.speeds,
                                 speed_told=before.speed_told,
                                 committed_date=retrait.committed_date or before.committed_date or before.said_date,
                                 offence_class=retrait.offence_class or before.offence_class,
                                 alcohol_g_l=before.alcohol_g_l if retrait.alcohol_g_l is None else retrait.alcohol_g_l,
                                 out_of_town=retrait.out_of_town or before.out_of_town)
            continue
        merged.append(retrait)
    return merged


def _coarser(said: str, other: str) -> bool:
    """Whether the date `said` is a month or a year that holds the more precise date `other`."""
    try:
        wide, narrow = PartialDate.parse(said), PartialDate.parse(other)
    except (InvalidAnswer, TypeError):
        return False
    return len(said) < len(other) and wide.earliest() <= narrow.earliest() and narrow.latest() <= wide.latest()


def _same_points(told: ToldRetrait, again: ToldRetrait) -> bool:
    """The same points, or the same offence named with its points once and without them once (its scale's)."""
    return told.points == again.points or (told.offence_type is not None and told.offence_type == again.offence_type
                                           and None in (told.points, again.points))


def _paid_after_its_day(told: ToldRetrait, paid: str) -> bool:
    """A retrait told by the day of its offence only (not said paid), and a payment on or after that day: the payment
    of that offence (R2: it is established that day)."""
    if told.paid_said or told.lost_said or told.committed_date is None:
        return False
    try:
        payment = PartialDate.parse(paid)
        committed = PartialDate.parse(told.committed_date)
    except (InvalidAnswer, TypeError):
        return False
    return payment.precision == "day" and committed.earliest() <= payment.earliest()


def _retraits_in_message(entities: Sequence[Dict[str, Any]], text: str) -> List[ToldRetrait]:
    # (a count said without a loss, above what one event can cost, is the balance: "permis depuis 15 ans, 12 points,
    # téléphone payé le 10/02", R3)
    most_at_once = load_params().at(today()).value("retrait.simultaneous_cap")
    losses = [e for e in entities if e.get("entity") == "points" and e.get("role") in RETRAIT_POINTS_ROLES
              and isinstance(e.get("value"), (int, float)) and 0 < e["value"] <= 12
              and (e.get("role") == "lost" or e["value"] <= most_at_once)]
    if not losses:  # "feu rouge payé le 2 septembre, stop payé le 15 octobre": the offences, their points by the scale
        losses = [e for e in entities if e.get("entity") == "offence_type"]
    days = [e for e in entities if e.get("entity") == "date" and e.get("role") in RETRAIT_DATE_ROLES]
    if losses and len(losses) < len(days) and any(e.get("role") == "lost" for e in losses):
        # "perdu 3 points en mars et 1 en octobre": a bare count listed after a loss is a loss
        # (not "… quand est-ce que j'aurai 12 ?": no more than one event can cost, R3)
        losses = sorted(losses + [e for e in entities if e.get("entity") == "number"
                                  and isinstance(e.get("value"), (int, float)) and 0 < e["value"] <= most_at_once
                                  and _position(e) > _position(losses[0])], key=_position)
    every_day = days
    if len(days) > len(losses):
        # "3 points pour le téléphone le 2 septembre (payé le 10 sept)": the payment is the retrait's date (R2)
        paid = [e for e in days if e.get("role") == "payment"]
        not_committed = [e for e in days if e.get("role") != "offence"]
        days = paid if len(paid) == len(losses) else not_committed if len(not_committed) == len(losses) else days
    # "un autre flash en août, 1 point aussi, payé le 10 septembre": a month said without its role before a payment, in
    # its sentence, and left out of the retraits' days, is the month that offence was committed (R2, R8)
    if losses and len(days) > len(losses) and all(e.get("entity") == "points" and e.get("role") == "lost"
                                                  for e in losses):
        # "…, puis 2 points vitesse en 2019, puis encore un téléphone il y a un an et demi": an offence named with a
        # day of its own and no loss told between the days around it is a retrait of its own, its points the scale's
        # (R4; T40 c08 read none of the four retraits told, and then counted the alcohol asked about twice); with
        # losses said as such only, not "une ligne continue en 2017 (3 pts)", whose count follows its day
        alone = _offences_without_loss(entities, losses, days)
        if len(losses) + len(alone) == len(days):
            losses = sorted(losses + alone, key=_position)
    # (or a day: "le stop c'était le 28 mars, elle a payé le 5 avril", committed on 28 March, T42 c07)
    unroled = [e for e in every_day if e.get("role") is None and not any(e is d for d in days)
               and isinstance(e.get("value"), str) and len(e["value"]) in (7, 10)]
    if not losses or len(losses) != len(days):
        return _retraits_by_sentence(entities, text)
    ordered = sorted(losses + days, key=_position)
    kinds = [e.get("entity") == "date" for e in ordered]
    if any(a == b for a, b in zip(kinds, kinds[1:])):  # not alternating: which date goes with which loss is unclear
        return _retraits_by_sentence(entities, text)
    pairs = []
    for first, second in zip(ordered[::2], ordered[1::2]):
        loss, day = (second, first) if first.get("entity") == "date" else (first, second)
        try:
            PartialDate.parse(day.get("value"))
        except (InvalidAnswer, TypeError):
            return []
        pairs.append((loss, day, _position(first), second.get("end") or 0))
    if text and any(_other_sentence(text, loss, day) and any(
            not _other_sentence(text, loss, other) for other in entities
            if other.get("entity") == "date" and other is not day) for loss, day, *_ in pairs):
        # "non je parle du point d'avril, payé le 10 avril. et celui d'août c'est 2 points": a loss said in a sentence
        # with a date of its own does not take the payment of another sentence (tester T7 c37)
        return _retraits_by_sentence(entities, text)
    # each offence named goes with the nearest pair ("perdu 4 points pour un feu rouge le 20 janvier")
    named: Dict[int, Dict[str, Any]] = {}
    for offence in (e for e in entities if e.get("entity") == "offence_type"):
        distances = [max(start - (offence.get("end") or 0), _position(offence) - end, 0) for *_, start, end in pairs]
        nearest = min(range(len(pairs)), key=distances.__getitem__)
        if distances[nearest] <= OFFENCE_REACH and nearest not in named:
            named[nearest] = offence
    if losses[0].get("entity") != "offence_type" and any(
            offence.get("value") not in {o.get("value") for o in named.values()}
            for offence in entities if offence.get("entity") == "offence_type"):
        # "En juin 2025 j'ai eu un retrait de 4 points (sens interdit), payé fin juin. … Et le 28 novembre 2026 j'ai
        # été contrôlé avec un détecteur de radar, j'ai pas encore payé": an offence named away from every loss told,
        # in a sentence with its own day, is a retrait of its own (its points the scale's, R4), not left out (tester
        # T28 c30: the radar detector, 6 points, was missing from the first answer)
        by_sentence = _retraits_by_sentence(entities, text)
        if len(by_sentence) > len(pairs):
            return by_sentence
    # (a day told with the offence's role is the day it was committed: "perdu 2 points pour un excès en juillet", R7)
    committed = [paid or (day["value"] if day.get("role") == "offence" else None)
                 for paid, (_, day, *_) in zip(_committed_dates(entities, [day for _, day, *_ in pairs], unroled, text),
                                               pairs)]
    if any(loss.get("entity") == "offence_type" for loss in losses[1:]):
        return [ToldRetrait(points=None, said_date=day["value"], offence_type=loss.get("value"),
                            speeds=_speeds_told(entities, loss), committed_date=committed[n],
                            paid_said=day.get("role") == "payment", lost_said=False, **_scale_told(entities, loss, text))
                if loss.get("entity") == "offence_type" else
                ToldRetrait(points=int(loss["value"]), said_date=day["value"],
                            offence_type=named[n].get("value") if n in named else None,
                            speeds=_speeds_told(entities, named[n]) if n in named else (), committed_date=committed[n],
                            paid_said=day.get("role") == "payment", lost_said=loss.get("role") == "lost",
                            offence_class=_class_of_amount_told(entities, text, pairs, n),
                            **(_scale_told(entities, named[n], text) if n in named else {}))
                for n, (loss, day, *_) in enumerate(pairs)]
    if losses[0].get("entity") == "offence_type":
        return [ToldRetrait(points=None, said_date=day["value"], offence_type=loss.get("value"),
                            speeds=_speeds_told(entities, loss), committed_date=committed[n],
                            paid_said=day.get("role") == "payment", lost_said=False, **_scale_told(entities, loss, text))
                for n, (loss, day, *_) in enumerate(pairs)]
    # the speeds of a named speeding give its class ("excès de 7 km/h en ville (limite 50), 1 point": 4e, R4, R9)
    return [ToldRetrait(points=int(loss["value"]), said_date=day["value"],
                        offence_type=named[n].get("value") if n in named else None,
                        speeds=_speeds_told(entities, named[n]) if n in named else (), committed_date=committed[n],
                        paid_said=day.get("role") == "payment", lost_said=loss.get("role") == "lost",
                        offence_class=_class_of_amount_told(entities, text, pairs, n),
                        **(_scale_told(entities, named[n], text) if n in named else {}))
            for n, (loss, day, *_) in enumerate(pairs)]


def _offences_without_loss(entities: Sequence[Dict[str, Any]], losses: Sequence[Dict[str, Any]],
                           days: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The offences named with no loss told between the days around them (the next one their own)."""
    alone = []
    for offence in (e for e in entities if e.get("entity") == "offence_type"):
        at = _position(offence)
        before = max((_position(d) for d in days if _position(d) < at), default=-1)
        after = min((_position(d) for d in days if _position(d) > at), default=None)
        if after is not None and not any(before < _position(loss) < after for loss in losses):
            alone.append(offence)
    return alone


def _class_of_amount_told(entities: Sequence[Dict[str, Any]], text: str, pairs: list, n: int) -> Optional[str]:
    """"1 point aussi, 68 euros, payé le 10 septembre": the class the fine's amount told with the retrait `n` (between
    the retraits told before and after it, in the sentence of its loss) fixes (R4: 68 € → 3e classe, R9: 2 years;
    T34 c31 counted 3 years "sans le montant de son amende"). None when no such amount is told, or it is no class's."""
    loss = pairs[n][0]
    low = pairs[n - 1][3] if n else -1
    high = pairs[n + 1][2] if n + 1 < len(pairs) else len(text) + 1
    amounts = [e for e in entities if e.get("entity") == "amount" and isinstance(e.get("value"), (int, float))
               and low < _position(e) < high and not SENTENCE_END.search(
                   text[min(_position(e), _position(loss)):max(_position(e), _position(loss))])]
    classes = {rules_core.class_of_fine(amount_eur=e["value"], today=today()) for e in amounts}
    return classes.pop() if len(classes) == 1 else None


#: "payées toutes les deux le 20 janvier", "je les ai payées le même jour": one payment for every retrait told
BOTH_PAID = re.compile(r"\b(?:tou(?:te)?s les (?:deux|2|trois|3)|les (?:deux|2)|le meme jour|ensemble)\b")

#: a sentence ends ("… payé le 3 décembre 2025. Est-ce que…"), not a decimal or a numeric date, nor dots that
#: trail off inside a bracket or before a comma ("feu rouge (grillé à l'orange bien mûr...), amende
#: payée le 1er octobre": t60-c17 lost the retrait, the payment taken for another sentence's)
SENTENCE_END = re.compile(r"[!?;\n]|\.{2,}(?!\.)(?!\s*[)\]},])|(?<!\.)\.(?![\d.])(?!\s*[)\]}])")
#: a clause ends within a sentence
CLAUSE_BREAK = re.compile(r",(?!\d)|:|\b(?:et|puis|mais|ensuite)\b", re.IGNORECASE)
#: the next part of a story begins ("…, puis", "et ensuite", "après ça")
STORY_STEP = re.compile(r"\b(?:et|puis|mais|ensuite|apres (?:ca|cela))\b", re.IGNORECASE)


def _retraits_by_sentence(entities: Sequence[Dict[str, Any]], text: str = "") -> List[ToldRetrait]:
    """Several offences told as a story, each with its own dates, when losses and dates do not alternate ("J'ai payé
    le 29 octobre 2025 une amende à 1 point. J'avais aussi grillé un stop le 1er octobre 2025, que j'ai payé le
    3 décembre 2025."): each loss (its points, its offence, or both said together) takes the dates nearest to it,
    within its sentence when the text is known; the payment is its retrait's date and the offence's day the day
    it was committed (R2, R8, R9). Nothing when a loss told outside a question stays without a date, or when one
    has two payments: which date goes with which offence is then not clear. At least two retraits, since one alone
    is the forms' to ask about."""
    most_at_once = load_params().at(today()).value("retrait.simultaneous_cap")
    counts = [e for e in entities if e.get("entity") == "points" and e.get("role") in RETRAIT_POINTS_ROLES
              and isinstance(e.get("value"), int) and 0 < e["value"] <= 12
              and (e.get("role") == "lost" or e["value"] <= most_at_once)]
    offences = [e for e in entities if e.get("entity") == "offence_type"]
    days = [e for e in entities if e.get("entity") == "date" and e.get("role") in RETRAIT_DATE_ROLES]
    ends = [m.start() for m in SENTENCE_END.finditer(text)]
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text)]

    def between(a: Dict[str, Any], b: Dict[str, Any], marks: List[int]) -> bool:
        lo, hi = sorted((_position(a), _position(b)))
        return any(lo < mark < hi for mark in marks)

    def gap(a: Dict[str, Any], b: Dict[str, Any], clauses: bool = False) -> int:
        """Characters apart; across a sentence much more, and across a clause more when a date looks for its loss
        ("…, 1 point, et le 15 octobre j'ai payé une amende pour téléphone": the date is the phone's)."""
        apart = max(_position(b) - (a.get("end") or 0), _position(a) - (b.get("end") or 0), 0)
        return apart + (1000 if between(a, b, ends) else 0) + (100 if clauses and between(a, b, breaks) else 0)

    # a loss: its points with the offence named beside them ("3 points pour le téléphone"), or an offence alone
    groups: List[Dict[str, Any]] = [{"points": c, "offence": None, "days": []} for c in counts]
    for offence in offences:
        near = [g for g in groups if g["offence"] is None and gap(g["points"], offence) <= OFFENCE_REACH]
        if near:
            min(near, key=lambda g: gap(g["points"], offence))["offence"] = offence
        elif not any(g["points"] is None and g["offence"].get("value") == offence.get("value")
                     and not between(g["offence"], offence, ends) for g in groups):
            # ("flashé en ville, zone 30, vitesse retenue 47": one speeding named twice in a sentence)
            groups.append({"points": None, "offence": offence, "days": []})
    for excess in (e for e in entities if e.get("entity") == "speed_excess"):
        # "…, puis +8 sur une route à 110 le 1er octobre payé le 10": an excess told by its speeds alone is a speeding
        # of its own, when no speeding named just before holds it
        if not any(g["offence"] is not None and g["offence"].get("value") == "speeding"
                   and _said_with(g["offence"], excess) for g in groups):
            # (named by its speeds: "10 de trop sur une 80, payé le 1er juin" spans the limit said with it, which the
            # payment then follows closely)
            said = [e for e in entities if e.get("entity") in SPEED_ARGUMENTS and not between(excess, e, breaks)
                    and 0 <= _position(e) - _position(excess) <= OFFENCE_REACH]
            groups.append({"points": None, "days": [], "offence": {
                "entity": "offence_type", "value": "speeding", "start": _position(excess),
                "end": max([_position(excess)] + [e.get("end") or 0 for e in said])}})
    groups = _each_of_them(groups, text) or groups
    if len(groups) < 2:
        return []
    for group in groups:
        group["span"] = group.get("span") or [e for e in (group["points"], group["offence"]) if e is not None]
        group["start"] = min(_position(e) for e in group["span"])
    groups.sort(key=lambda g: g["start"])
    def sentence(entity: Dict[str, Any]) -> int:
        return sum(1 for end in ends if end < _position(entity))

    def own_dates(group: Dict[str, Any]) -> List[PartialDate]:
        """The dates said in the sentence of a loss."""
        said = {sentence(e) for e in group["span"]}
        return [PartialDate.parse(d["value"]) for d in days if sentence(d) in said and _is_date(d.get("value"))]

    licence_sentences = {sentence(e) for e in entities if e.get("entity") == "date" and e.get("role") == ROLE_LICENCE}
    loss_sentences = {sentence(e) for g in groups for e in g["span"]}
    for day in days:
        if text and sentence(day) not in loss_sentences:
            if sentence(day) in licence_sentences:
                continue  # "permis en 2019, ça fait plus de 3 ans": the licence's story, no retrait's date (T20 c26)
            # "En 2022 j'ai perdu des points pour un stop. … le 6 octobre 2026 un dépassement dangereux. … l'amende de
            # 2022, peut-être au printemps": a date told in a sentence of its own goes with the one loss whose own
            # date holds it or that it holds, not with the nearest (T20 c26 gave the 2026 offence the 2022 payment)
            day_said = PartialDate.parse(day["value"]) if _is_date(day.get("value")) else None
            same = [g for g in groups if day_said is not None and any(
                _overlap(day_said, own) for own in own_dates(g))]
            if len(same) == 1:
                same[0]["days"].append(day)
                continue
        # the nearest loss; on a tie, the one told before the date ("un stop le 1er octobre, payé le 3 décembre")
        nearest = min(groups, key=lambda g: (min(gap(e, day, clauses=True) for e in g["span"]),
                                             g["start"] > _position(day)))
        nearest["days"].append(day)
    told: List[ToldRetrait] = []
    for group in groups:
        paid = [d for d in group["days"] if d.get("role") == "payment"]
        said = [d for d in group["days"] if d.get("role") is None]
        committed = [d for d in group["days"] if d.get("role") == "offence"]
        if not group["days"]:
            points = group["points"]["value"] if group["points"] else None
            if (points is not None and any(r.points == points for r in told)) or _in_question(text, group["start"]):
                continue  # "… me rend ces 3 points ?": the loss asked about, told before with its date
            return []
        if len(paid) > 1 or len(committed) > 1 or (not paid and len(said) > 1):
            return []
        realite = (paid or said or committed)[0]
        day_committed = committed[0] if committed and committed[0] is not realite else None
        if day_committed is None and paid and len(said) == 1:
            # "8 km/h de trop sur une 90 le 15 juillet 2024, payé le 1er août 2024": the other day of a paid offence is
            # the day it was committed (checked below: not after the payment)
            day_committed = said[0]
        try:
            if day_committed is not None and PartialDate.parse(day_committed["value"]).earliest() > \
                    PartialDate.parse(realite["value"]).latest():
                day_committed = None
            PartialDate.parse(realite["value"])
        except (InvalidAnswer, TypeError):
            return []
        offence = group["offence"]
        told.append(ToldRetrait(
            points=int(group["points"]["value"]) if group["points"] else None, said_date=realite["value"],
            offence_type=offence.get("value") if offence else None,
            speeds=_speeds_told(entities, offence) if offence else (),
            committed_date=day_committed["value"] if day_committed else None, paid_said=bool(paid),
            lost_said=bool(group["points"]) and group["points"].get("role") == "lost",
            **(_scale_told(entities, offence, text) if offence else {})))
    return told if len(told) >= 2 else []


def _is_date(value: Any) -> bool:
    try:
        PartialDate.parse(value)
    except (InvalidAnswer, TypeError, ValueError):
        return False
    return True


def _overlap(a: PartialDate, b: PartialDate) -> bool:
    """One of two dates holds the other ("2022" and "mars 2022"), or they are the same."""
    return (a.earliest() <= b.earliest() and b.latest() <= a.latest()) or \
        (b.earliest() <= a.earliest() and a.latest() <= b.latest())


#: "deux excès à 1 point chacun : le premier payé le 1er juin, le deuxième commis le 15 juillet…": one loss said for
#: each of several offences, which the ordinals then date one by one
EACH = re.compile(r"\bchacune?\b|\bchaque fois\b|\btous les deux\b|\btoutes les deux\b")
ORDINAL = re.compile(r"\b(?:le|la|l')\s?(?:premier|premiere|deuxieme|second|seconde|2e|2eme|2nd|2nde"
                     r"|troisieme|3e|3eme|autre|dernier|derniere)\b")


def _each_of_them(groups: List[Dict[str, Any]], text: str) -> List[Dict[str, Any]]:
    """R7 example 3 told as "deux petits excès à 1 point chacun : le premier payé le 1er juin 2024, le deuxième
    commis le 15 juillet 2024 et payé le 1er août 2024": the one loss said "each" stands for every offence named
    by an ordinal after it, each ordinal taking the dates nearest to it. [] when the story is not told so."""
    folded = fold(text)
    if len(groups) != 1 or not EACH.search(folded):
        return []
    loss = groups[0]
    start = max(_position(e) for e in (loss["points"], loss["offence"]) if e is not None)
    ordinals = [m for m in ORDINAL.finditer(folded) if m.start() > start]
    if len(ordinals) < 2:
        return []
    return [{**loss, "days": [], "start": m.start(),
             "span": [{"entity": "ordinal", "start": m.start(), "end": m.end()}]} for m in ordinals]


def _other_sentence(text: str, a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    """Whether a sentence ends between the two entities."""
    lo, hi = sorted((_position(a), _position(b)))
    return any(lo < m.start() < hi for m in SENTENCE_END.finditer(text))


# points coming back, asked (folded): "revient", "reviendra", "je les récupère", "rendus"
_POINTS_BACK = re.compile(r"\b(?:revien\w*|reviendr\w*|revenu\w*|recuper\w*|rendu\w*|rend\b)")
# a payment or a loss said in the same sentence: the day may be the retrait's ("si je paie le 15 janvier")
_PAID_OR_LOST = re.compile(r"\b(?:pai\w*|pay\w*|regl\w*|perd\w*|retir\w*|flash\w*|commis\w*)")


def _return_day_asked(text: str, entity: Dict[str, Any]) -> bool:
    """A day after today in a question that asks about points coming back and tells no payment nor loss."""
    if not _in_question(text, _position(entity)):
        return False
    try:
        if PartialDate.parse(str(entity.get("value"))).earliest() <= today():
            return False
    except (InvalidAnswer, TypeError):
        return False
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, _position(entity))]
    sentence = fold(text[ends[-1] if ends else 0:SENTENCE_END.search(text, _position(entity)).end()])
    return bool(_POINTS_BACK.search(sentence)) and not _PAID_OR_LOST.search(sentence)


def _in_question(text: str, position: int) -> bool:
    """Whether the sentence holding `position` ends with a question mark."""
    end = SENTENCE_END.search(text, position)
    return bool(end) and end.group() == "?"


def _committed_dates(entities: Sequence[Dict[str, Any]], paid: Sequence[Dict[str, Any]],
                     unroled: Sequence[Dict[str, Any]] = (), text: str = "") -> List[Optional[str]]:
    """"le deuxième commis le 15 juillet 2024 et payé le 1er août 2024": for each retrait dated by its payment, the
    day of the offence said before that payment and after the one before it (None when there is none). A month said
    or a day said without a role (`unroled`, no retrait's date) counts too when its sentence is the payment's ("un autre
    flash en août, 1 point aussi, 68 euros, payé le 10 septembre": committed in August, T34 c31)."""
    offences = [e for e in entities if e.get("entity") == "date" and e.get("role") == "offence"]
    found: List[Optional[str]] = []
    after = -1
    for day in paid:
        said = sorted([e for e in offences if after < _position(e) < _position(day)] + [
            e for e in unroled if after < _position(e) < _position(day)
            and not SENTENCE_END.search(text[_position(e):_position(day)])], key=_position) \
            if day.get("role") == "payment" else []
        try:
            committed = said[-1]["value"] if said and PartialDate.parse(said[-1]["value"]).earliest() <= \
                PartialDate.parse(day["value"]).latest() else None
        except (InvalidAnswer, TypeError):
            committed = None
        found.append(committed)
        after = _position(day)
    return found


#: speed entities -> the engine's argument names (rules_core.offence_points)
SPEED_ARGUMENTS = {"speed_excess": "excess_kmh", "speed_limit": "speed_limit_kmh"}


def _speeds_told(entities: Sequence[Dict[str, Any]], offence: Dict[str, Any]) -> Tuple[Tuple[str, int], ...]:
    """"un excès de 15 km/h sur une nationale à 80, payé le 5 mars": the speeds said right after a speeding."""
    if offence.get("value") != "speeding":
        return ()
    after = [e for e in entities if e.get("entity") in SPEED_ARGUMENTS and isinstance(e.get("value"), int)
             and _said_with(offence, e)]
    return tuple((SPEED_ARGUMENTS[e["entity"]], e["value"]) for e in dict(
        (e["entity"], e) for e in reversed(after)).values())


def _speed_corrected(by_date: Dict[str, "ToldRetrait"], entities: Sequence[Dict[str, Any]]
                     ) -> Optional[Tuple[str, Tuple[Tuple[str, int], ...]]]:
    """The one speeding told, and its speeds as a message correcting only them says them ("c'est 128 retenu pas 118":
    the speed kept, whose excess over the limit told is the scale's; "l'excès c'était en ville : 60 retenu au lieu de
    50": the road's limit, which decides the class of an excess under 20 km/h, R4, and so N, R9); None when the message
    dates something, names another offence, no speeding or several were told, or nothing it says changes the excess
    or the limit."""
    if any(e.get("entity") == "date" or (e.get("entity") == "offence_type" and e.get("value") != "speeding")
           for e in entities):
        return None
    speeding = [(d, r) for d, r in by_date.items() if r.offence_type == "speeding"]
    if len(speeding) != 1:
        return None
    (said, only), = speeding
    figures = {e.get("entity"): e.get("value") for e in entities
               if e.get("entity") in ("speed_measured", "speed_excess", "speed_limit") and isinstance(e.get("value"), int)}
    speeds = dict(only.speeds)
    limit = figures.get("speed_limit", speeds.get("speed_limit_kmh"))
    excess = figures.get("speed_excess")
    if excess is None and figures.get("speed_measured") is not None and limit is not None:
        excess = figures["speed_measured"] - limit
    if excess is None and "speed_limit" in figures:
        excess = speeds.get("excess_kmh")  # "non, c'était en ville": the road corrected, the excess as told
    if not excess or excess <= 0 or (excess, limit) == (speeds.get("excess_kmh"), speeds.get("speed_limit_kmh")):
        return None
    speeds.update(excess_kmh=excess, **({"speed_limit_kmh": limit} if limit is not None else {}))
    return said, tuple(speeds.items())


def _retained_speed_told_again(by_date: Dict[str, "ToldRetrait"], in_message: Sequence["ToldRetrait"],
                               entities: Sequence[Dict[str, Any]], text: str
                               ) -> Optional[Tuple[str, Tuple[Tuple[str, int], ...]]]:
    """The speeding told before whose speed kept after the radar's margin a later message tells ("sur l'avis la vitesse
    retenue c'est 134" after "flashé à 142 sur une route à 90"): its day and its speeds with the excess of that speed
    over its limit (R4: the retained speed decides the class and the points). None when the message tells no retained
    speed, tells a speeding of its own, or there is not exactly one speeding told before, with its limit and without
    the points withdrawn said (the user's count stays)."""
    if not says_retained_speed(text) or any(r.offence_type == "speeding" and r.speeds for r in in_message):
        return None
    kept = [e.get("value") for e in entities if e.get("entity") == "speed_measured" and isinstance(e.get("value"), int)]
    told = [(d, r) for d, r in by_date.items() if r.offence_type == "speeding" and not r.lost_said]
    if len(kept) != 1 or len(told) != 1:
        return None
    (said, retrait), = told
    speeds = dict(retrait.speeds)
    limit = next((e.get("value") for e in entities if e.get("entity") == "speed_limit"
                  and isinstance(e.get("value"), int)), speeds.get("speed_limit_kmh"))
    if limit is None or kept[0] <= limit or (kept[0] - limit, limit) == (speeds.get("excess_kmh"),
                                                                    speeds.get("speed_limit_kmh")):
        return None
    speeds.update(excess_kmh=kept[0] - limit, speed_limit_kmh=limit)
    return said, tuple(speeds.items())


#: the offences whose level the scale reads (R4: contravention from 0,5 g/l, 0,2 g/l in probation; délit from 0,8 g/l)
ALCOHOL_OFFENCES = ("alcohol", "alcohol_delit")


def _scale_told(entities: Sequence[Dict[str, Any]], offence: Dict[str, Any], text: str) -> Dict[str, Any]:
    """What the offence's scale reads besides its speeds, as told with it: an alcohol offence's level ("contrôlé à
    0,3 g/l le 3 mars", "un contrôle d'alcoolémie à 0,4 g/l": no offence out of probation, R.234-1; "0,9 g/l": a délit,
    L.234-1), and a speeding's road out of town said without its limit ("10 km/h de trop sur une nationale": above
    50 km/h, a 3rd-class excess, R.413-2, R4)."""
    if not text:
        return {}
    if offence.get("value") in ALCOHOL_OFFENCES:
        # the level named as the offence itself, or said with it ("alcoolémie à 0,4 g/l": a second entity)
        levels = [blood_alcohol_level(text[_position(e):e.get("end") or _position(e)], today())
                  for e in entities if e.get("entity") == "offence_type" and e.get("value") in ALCOHOL_OFFENCES
                  and (e is offence or _said_with(offence, e))]
        level = next((level for level in levels if level is not None), None)
        return {"alcohol_g_l": level} if level is not None else {}
    if offence.get("value") == "speeding" and not any(
            e.get("entity") == "speed_limit" and _said_with(offence, e) for e in entities):
        road = OUT_OF_TOWN_ROAD.search(_road_words_after(offence, text)) or OUT_OF_TOWN_ROAD.search(
            _road_words_before(entities, offence, text))
        return {"out_of_town": True} if road else {}
    if offence.get("value") == "speeding":
        # "flashée à 89 sur une route à 80": the figure its excess is counted from (89 − 80), kept to say what the
        # same figure read as the radar's measure would give (R4 edge case); not a figure said as the speed kept
        figures = [e.get("value") for e in entities if e.get("entity") == "speed_measured"
                   and isinstance(e.get("value"), int) and _said_with(offence, e)]
        return {"speed_told": figures[0]} if len(figures) == 1 and not says_retained_speed(text) else {}
    return {}


def _road_words_after(offence: Dict[str, Any], text: str) -> str:
    """The words that may name a speeding's road after it: its own words and what follows, up to the clause's end
    ("10 km/h de trop sur une nationale, payé le 3 mars"), folded."""
    start, end = _position(offence), (offence.get("end") or _position(offence))
    said = fold(text[start:end + OFFENCE_REACH])
    clause = CLAUSE_BREAK.search(said, end - start)
    return said[:clause.start() if clause else len(said)]


def _road_words_before(entities: Sequence[Dict[str, Any]], offence: Dict[str, Any], text: str) -> str:
    """The words that may name a speeding's road before it ("sur une nationale, 10 km/h de trop"), folded: from the
    start of its sentence or of its part of the story ("…, puis sur une départementale 8 km/h de trop"), and past
    the words the offence told before it may claim for itself (`_road_words_after`)."""
    start = _position(offence)
    said = fold(text[:start])
    opening = max([0] + [m.end() for m in SENTENCE_END.finditer(said)]
                  + [m.end() for m in STORY_STEP.finditer(said)])
    for earlier in entities:
        if earlier.get("entity") == "offence_type" and _position(earlier) < start and earlier is not offence:
            claimed = _position(earlier) + len(_road_words_after(earlier, text))
            opening = max(opening, min(claimed, start))
    return said[opening:]


# the dates a message may tell beside a payment, of facts that are not an offence's: the licence's, a stage's, a letter's
_DATES_OF_OTHER_FACTS = ("licence", "stage", "letter_48n", "handed_back")


def told_retraits(tracker: Tracker, before_latest: bool = False) -> List[ToldRetrait]:
    """Every dated retrait told in the conversation, oldest first. A later message telling a retrait on a date
    already told replaces it; so does one on the same month (and day) said without its year ("non c'était 3
    points en juin" after "4 points en juin 2025": the parser reads June 2026, the user means June 2025)."""
    by_date: Dict[str, ToldRetrait] = {}
    undated: Optional[Tuple[List[Dict[str, Any]], str]] = None  # an offence told without its date, and its words
    messages = [event for event in tracker.events if event.get("event") == "user"]
    kept = messages[:-1] if before_latest else messages
    slots: Dict[str, Any] = {}  # the slots as they stood before each message (set after it by its mappings)
    said_by_the_bot: List[str] = []  # the assistant's messages since the last user message
    for event in tracker.events:
        if event.get("event") == "slot":
            slots[event.get("name")] = event.get("value")
        if event.get("event") == "bot":
            said_by_the_bot.append(event.get("text") or "")
        if event.get("event") != "user" or not any(event is m for m in kept):
            continue
        bot_turn, said_by_the_bot = " ".join(said_by_the_bot), []
        completed = _day_of_the_month_taken(by_date, bot_turn, event)
        if completed is not None:
            # "je sais pas le jour, disons le 10" after "j'ai compté à partir du 1er juin 2025 environ … Donnez-moi la
            # date exacte": the 10th of that month dates the retrait (T43 c08 kept the day taken, or read 10 November)
            said, day = completed
            by_date[day] = replace(by_date.pop(said), said_date=day)
            continue
        answered = _form_retrait(slots)
        # (the day answered before a hypothesis dates its retrait all the same: "si je paie le détecteur le 10
        # décembre …" after "le 28" to the June awaited, T30 c30b)
        _dated_by_the_form(by_date, answered)
        if hypothetical_message(event):
            continue  # "et si je perds encore 3 points en janvier ?" is a hypothesis, not a retrait (actions/what_if.py)
        year_said = bool(YEAR_WRITTEN.search(event.get("text") or ""))
        correcting = bool(CORRECTION.search(fold(event.get("text") or "")))
        entities = (event.get("parse_data") or {}).get("entities", [])
        in_message = retraits_in_message(entities, event.get("text") or "")
        with_undated = _with_the_offence_told_before(undated, entities, event.get("text") or "")
        if len(with_undated) > len(in_message):
            # "un excès de 15 km/h sur autoroute", then "payé le 2 février 2026. ensuite un feu rouge payé le 20 mai
            # 2026": the payment said first dates the offence told before, the red light is a second retrait (R1, R2;
            # tester T37 c31 counted the red light's date with the excess's 1 point only)
            in_message = with_undated
        undated = _offence_told_undated(entities, event.get("text") or "") or (undated if not in_message else None)
        if in_message and answered is not None and not correcting and answered.said_date not in by_date \
                and all(r.said_date != answered.said_date for r in in_message):
            # "1 point, 8 km/h de trop" and "payé le 15 janvier 2025" answered to the form, then "mais j'ai eu un
            # téléphone commis le 2 avril 2025, payé le 20 avril 2025": another retrait, not a correction of the
            # first, which keeps its own points and class (R8 example 2, R9)
            by_date[answered.said_date] = answered
        told_before = dict(by_date)
        lost = [e.get("value") for e in entities if e.get("entity") == "points"
                and (e.get("role") == "lost" or (correcting and e.get("role") is None))]
        if not in_message and len(by_date) == 1 and len(lost) == 1 and \
                not any(e.get("entity") == "date" for e in entities):
            # "non en fait j'ai perdu 3 points", "non en fait c'est un point, un excès de 6 km/h en agglo" about the
            # one retrait told: its points corrected, and its offence when named
            (said, only), = by_date.items()
            named = [e for e in entities if e.get("entity") == "offence_type"]
            by_date[said] = replace(only, points=int(lost[0]), offence_type=named[0].get("value") if named else
                                    only.offence_type, speeds=_speeds_told(entities, named[0]) if named else
                                    only.speeds)
        corrected_speeds = _speed_corrected(by_date, entities) if correcting and not in_message and not lost else None
        if corrected_speeds is not None:
            # "ah attendez je relis l'avis, c'est 128 retenu pas 118" about the one speeding told (118 on an 80 road):
            # its excess corrected, its points the scale's for it again (R4: 48 km/h over, 4 points; T22 c08 kept 3);
            # "l'excès c'était en ville : 60 retenu au lieu de 50" after "10 km/h de trop sur voie rapide à 110", a
            # stop told besides: its limit, so its class, corrected (R4: 4e classe, N = 3 years, R9; T54 c17 kept 3e)
            said, speeds = corrected_speeds
            only = by_date[said]
            by_date[said] = replace(only, points=only.points if only.lost_said else None, offence_class=None,
                                    speeds=speeds, out_of_town=False)
        retained = _retained_speed_told_again(by_date, in_message, entities, event.get("text") or "")
        if retained is not None:
            # "142 c'est la vitesse mesurée, sur l'avis la vitesse retenue c'est 134", with another retrait told: the
            # speeding told before, its excess the retained speed's (R4: 44 km/h over, 4e class, 4 points; T33 c12
            # kept the 6 points of a délit for 142)
            said, speeds = retained
            by_date[said] = replace(by_date[said], points=None, offence_class=None, speeds=speeds)
        paid = [e.get("value") for e in entities if e.get("entity") == "date"]
        unpaid = [d for d, r in by_date.items() if not r.paid_said]
        if not in_message and len(paid) == 1 and len(unpaid) > 1 and BOTH_PAID.search(fold(event.get("text") or "")) \
                and all(e.get("role") == "payment" for e in entities if e.get("entity") == "date"):
            # "feu rouge le 5 janvier et stop le 6 janvier", then "payées toutes les deux le 20 janvier 2026": each
            # established that day, committed on the day told (R2, R3 example 4)
            for n, said in enumerate(unpaid):
                only = by_date.pop(said)
                if PartialDate.parse(said).earliest() <= PartialDate.parse(paid[0]).latest():
                    by_date[paid[0] + "#" * n] = replace(only, said_date=paid[0], paid_said=True,
                                                         committed_date=only.committed_date or said)
                else:
                    by_date[said] = only
            continue
        payments = [e.get("value") for e in entities if e.get("entity") == "date" and e.get("role") == "payment"]
        if not in_message and len(by_date) == 1 and len(payments) == 1 and all(
                e.get("role") in _DATES_OF_OTHER_FACTS for e in entities
                if e.get("entity") == "date" and e.get("role") != "payment"):
            # (the licence's day said with it is another fact's: "jai deja payé l'amende le 20 novembre. et … permis le
            # 12 juin 2025", tester T32 c01 kept "pas encore établie" until the payment was said again alone)
            paid = payments
            # "deux points de moins depuis septembre", then "payé le 30 septembre 2026": the one retrait told, dated
            # by its payment (R2)
            (said, only), = by_date.items()
            if _coarser(said, paid[0]):
                del by_date[said]
                by_date[paid[0]] = replace(only, said_date=paid[0], paid_said=True)
            elif _paid_after_its_day(only, paid[0]):
                # "excès de 35 km/h la semaine dernière", then "j'ai payé l'amende hier": the offence told by its day,
                # established on the payment's, its points withdrawn from then (R2; tester T15 c01 kept "pas encore
                # retirés, solde 12")
                del by_date[said]
                by_date[paid[0]] = replace(only, said_date=paid[0], paid_said=True)
        day_of_its_month = _day_of_the_month_told(by_date, entities) if not in_message else None
        if day_of_its_month is not None:
            # "le mois dernier, j'ai payé l'amende direct", then "vers le 15 novembre je crois" to "j'ai retenu le 30
            # novembre 2026 … donnez-moi le jour exact": the one retrait told in that month, dated to that day, the safe
            # day dropped (R7, R9: its returns count from it; T45 c06 kept 30 November and said "1er novembre")
            said, dated = day_of_its_month
            del by_date[said]
            by_date[dated.said_date] = dated
            continue
        year = year_corrected(event)
        if year is not None:
            said_year, replaced = year
            moving = [d for d, r in by_date.items() if len(d) > 4 and int(d[:4]) != said_year
                      and (replaced is None or replaced in (int(d[:4]), int((r.committed_date or d)[:4])))
                      and all(o.offence_type in (None, r.offence_type) for o in in_message)]
            if len(moving) == 1:
                # "ah non pardon c'était en 2023 pas 2025, le stop et le paiement": the retrait told, its payment and
                # its offence's day, in that year; not a second retrait dated by the year alone (T13 c21)
                moved = _moved_retrait(by_date.pop(moving[0]), said_year, replaced)
                by_date[moved.said_date] = moved
                continue
        for retrait in in_message:
            dated = _payment_told_before_dated(told_before, by_date, retrait, event.get("text") or "")
            if dated is not None:
                # "flashée à 62 en ville à 50, amende payée le 10 juin 2026", then "l'infraction date du 28 mai 2026,
                # 1 point retiré": the day that offence was committed, not a second retrait (R2, R8; T57 c30 counted
                # two, 4/6 for 5/6)
                said, known = dated
                by_date[said] = _keeping_what_was_told(replace(known, points=retrait.points), known)
                continue
            same_day = [d for d in told_before if d in by_date and d[4:] == retrait.said_date[4:]] \
                if not year_said else []
            if retrait.said_date not in by_date and len(same_day) == 1:
                retrait = _corrected_without_its_year(by_date.pop(same_day[0]), retrait)
            # "non en fait le téléphone c'était le 5 juillet 2023": the one retrait of that offence, dated again
            same_offence = [d for d, r in told_before.items() if d in by_date and retrait.offence_type
                            and r.offence_type == retrait.offence_type and d != retrait.said_date]
            if correcting and len(same_offence) == 1 and not _coarser(retrait.said_date, same_offence[0]):
                # (its figures told before stay when the correction does not repeat them: "et l'amende de vitesse a été
                # payée début juillet 2025" keeps the 97 on an 80 road and its day; T26 c01 lost them, and the balance)
                # (not when named less precisely: "non mais ma question c'est : les 6 points d'alcool de 2016 …" after
                # the alcohol paid in April 2016 is that retrait asked about, its month kept, T40 c08)
                retrait = _keeping_what_was_told(retrait, by_date.pop(same_offence[0]))
            # "2 points l'été dernier", then "payé le 12 août" with its 2 points: the same retrait, dated better; so
            # is the same offence told again on a day of the year or month said before ("un flash en 2023", then "bon
            # je résume : excès de 14 km/h payé en juin 2023", T7 c26)
            retold = [d for d, r in told_before.items() if d in by_date and _same_points(r, retrait)
                      and d != retrait.said_date and (abs((r.realite - retrait.realite).days) <= SAME_RETRAIT_DAYS or (
                          r.offence_type == retrait.offence_type
                          and (_coarser(d, retrait.said_date) or _coarser(retrait.said_date, d))))]
            if len(retold) == 1 and retrait.offence_type is not None and _coarser(retrait.said_date, retold[0]):
                # "donc les 3 points du téléphone de 2016 je les ai récupérés ?" after the phone paid on 10 May 2016:
                # that retrait named again, less precisely, not another one on 31 May 2016 (tester T15 c19)
                known = by_date[retold[0]]
                by_date[retold[0]] = known if known.points is not None else replace(known, points=retrait.points)
                continue
            if len(retold) == 1:
                # (dated better: "l'amende de vitesse a été payée début juillet 2025" after "flashé à 97 sur une route
                # à 80 en juin 2025, amende payée début juillet": the same excess, its speeds and day kept, T26 c01)
                known = by_date.pop(retold[0])
                if retrait.offence_type == known.offence_type:
                    retrait = _keeping_what_was_told(retrait, known)
            judged = _paid_later(told_before, by_date, retrait)
            if judged is not None:
                # "jugement définitif le 31 mars 2026 pour l'excès de 52 km/h" after that excess told on 15 November
                # 2025 without its payment: that excess, established by the judgment (R2), not a second one (T24 c11
                # counted it twice, 6 + 6, the second a délit since 29/12/2025)
                known = by_date.pop(judged)
                retrait = replace(known, said_date=retrait.said_date, paid_said=True,
                                  committed_date=known.committed_date or judged)
            by_date[retrait.said_date] = retrait
    if not before_latest:
        # the day the latest message gave, as the correction reading it holds it ("je sais plus, fin juin, genre le 28"
        # to the June 2025 awaited: its reply counted 30 June 2025 still, T30 c30b)
        _dated_by_the_form(by_date, _form_retrait(dict(tracker.slots or {})))
    _classed_by_the_form(by_date, tracker)
    kept = [r for r in by_date.values() if not _refused_as_to_come(r, tracker)]
    return _with_establishment(tracker, sorted(_with_seasons(tracker, kept), key=lambda r: r.realite))


def _refused_as_to_come(retrait: ToldRetrait, tracker: Tracker) -> bool:
    """A retrait dated by a day the assistant refused as in the future ("payée le 12 mars 2027" told on 1 December
    2026: "Le 12 mars 2027 est dans le futur"): no retrait of the story, to come or made, until its day is told again
    rightly (tester T59 c22 got the stage's "retrait de 4 points pas encore enregistré" built on that day)."""
    try:
        said = PartialDate.parse(retrait.said_date)
    except InvalidAnswer:
        return False
    if said.earliest() <= today():
        return False
    refusal = f"{_as_subject(said)} est dans le futur"
    return any(event.get("event") == "bot" and refusal in (event.get("text") or "") for event in tracker.events)


#: the entities that describe an offence (its kind and what its scale reads), not when it was established
_OFFENCE_WORDS = ("offence_type", "speed_excess", "speed_limit", "speed_measured", "alcohol_level")


def _offence_told_undated(entities: Sequence[Dict[str, Any]], text: str
                          ) -> Optional[Tuple[List[Dict[str, Any]], str]]:
    """The one offence a message tells without any date or loss ("alors j'ai eu un excès de 15 km/h sur autoroute"):
    its entities and the words that name it (from the offence to its last figure), positions from those words' start;
    None when the message tells none, several, or a date or a count."""
    named = [e for e in entities if e.get("entity") == "offence_type"]
    if len(named) != 1 or not text or any(e.get("entity") in ("date", "points") for e in entities):
        return None
    words = [e for e in entities if e.get("entity") in _OFFENCE_WORDS and _position(e) >= _position(named[0])]
    start, end = _position(named[0]), max((e.get("end") or 0) for e in words)
    if SENTENCE_END.search(text[start:end]):
        return None
    return [{**e, "start": _position(e) - start, "end": (e.get("end") or 0) - start} for e in words], text[start:end]


def _with_the_offence_told_before(undated: Optional[Tuple[List[Dict[str, Any]], str]],
                                  entities: Sequence[Dict[str, Any]], text: str) -> List[ToldRetrait]:
    """The retraits of a message that opens on a date before naming any offence ("payé le 2 février 2026. ensuite un
    feu rouge payé le 20 mai 2026"), read with the offence told undated before it in front ("un excès de 15 km/h sur
    autoroute payé le 2 février 2026. ensuite …"): that date is its payment. Empty when nothing was told undated or
    the message does not open on a date."""
    told = [e for e in entities if e.get("entity") in ("date", "points", "offence_type")]
    if undated is None or not told or min(told, key=_position).get("entity") != "date" \
            or min(told, key=_position).get("role") not in RETRAIT_DATE_ROLES:
        return []
    words, said = undated
    shift = len(said) + 1
    return retraits_in_message(
        [*words, *({**e, "start": _position(e) + shift, "end": (e.get("end") or 0) + shift} for e in entities)],
        said + " " + text)


def _day_of_the_month_told(by_date: Dict[str, ToldRetrait], entities: Sequence[Dict[str, Any]]
                           ) -> Optional[Tuple[str, ToldRetrait]]:
    """The one retrait told by a month (its offence's or its establishment's), and a message that tells only a day of
    that month, without the role of another fact: that retrait's key, and the retrait dated to that day (its offence
    too, when told by that month). None otherwise."""
    dates = [e for e in entities if e.get("entity") == "date"]
    if len(by_date) != 1 or len(dates) != 1 or dates[0].get("role") not in (None, "offence") or \
            any(e.get("entity") in ("points", "offence_type") for e in entities):
        return None
    day = dates[0].get("value")
    (said, only), = by_date.items()
    if not isinstance(day, str) or len(day) != 10:
        return None
    committed = only.committed_date if only.committed_date and _coarser(only.committed_date, day) else None
    if not _coarser(said, day) or len(said) != 7 or (only.committed_date and committed is None):
        return None
    return said, replace(only, said_date=day, committed_date=day if committed else only.committed_date,
                         season_last=None, committed_season_first=None)


def _dated_by_the_form(by_date: Dict[str, ToldRetrait], answered: Optional[ToldRetrait]) -> None:
    """"payé fin juin" of a retrait told in June 2025, then "le 28" answered to "Quel jour de juin 2025 ?": that
    retrait, dated to its day (in ``by_date``), not a second one beside it (tester T28 c30 counted its 4 points
    twice)."""
    coarser = [d for d, r in by_date.items() if answered is not None and _same_points(r, answered)
               and _coarser(d, answered.said_date)]
    if len(coarser) == 1:
        known = by_date.pop(coarser[0])
        by_date[answered.said_date] = replace(known, said_date=answered.said_date, paid_said=True)
        return
    # "perdu 1 pt pour un excès de vitesse en juin", then "le 3 juillet" answered to "À quelle date avez-vous payé
    # l'amende ?": that retrait, committed in June, established on 3 July (R2), not a second one; the next answers
    # kept the June alone and counted its point back on 30 December (tester T41 c11, after 3 January said first, R8)
    committed = [d for d, r in by_date.items() if answered is not None and answered.said_date not in by_date
                 and not r.paid_said and r.committed_date and _same_points(r, answered)
                 and _paid_soon_after(r.committed_date, answered.said_date)]
    if len(committed) == 1:
        known = by_date.pop(committed[0])
        by_date[answered.said_date] = replace(known, said_date=answered.said_date, paid_said=True,
                                              points=known.points if known.points is not None else answered.points)


def _payment_told_before_dated(told_before: Dict[str, ToldRetrait], by_date: Dict[str, ToldRetrait],
                               retrait: ToldRetrait, text: str) -> Optional[Tuple[str, ToldRetrait]]:
    """The one retrait told before by its payment, without the day it was committed, that ``retrait`` dates: told by
    the day of its offence only (not paid, no other offence named), committed before that payment within the months a
    fine is paid in, its points and offence not other than that retrait's; its key and that retrait. None otherwise
    (another offence said: "j'ai aussi eu un excès le 28 mai")."""
    if retrait.paid_said or _ALSO_ANOTHER.search(fold(text)):
        return None
    same = [(d, r) for d, r in told_before.items() if d in by_date and r.paid_said and r.committed_date is None
            and retrait.offence_type in (None, r.offence_type)
            and (None in (r.points, retrait.points) or r.points == retrait.points)]
    # (its day said without the offence's role, the same offence named: "c'était le 28 mai, l'excès")
    committed = retrait.committed_date or (retrait.said_date if not retrait.lost_said and retrait.offence_type else None)
    if committed is None or len(committed) != 10:
        return None
    same = [(d, r) for d, r in same if _paid_soon_after(committed, d)
            and (retrait.committed_date or r.offence_type == retrait.offence_type)]
    return (same[0][0], replace(same[0][1], committed_date=committed)) if len(same) == 1 else None


#: another offence told ("j'ai aussi perdu 1 point", "une autre infraction le 28 mai"): not the day of one told before
_ALSO_ANOTHER = re.compile(r"\b(?:aussi|en plus|egalement|encore)\b|\b(?:autres?|nouvel(?:le)?|nouveaux?|deuxieme|"
                           r"second(?:e)?|2e|2eme)\s+(?:exces|infractions?|amendes?|pv|contraventions?|flash\w*|"
                           r"retraits?|contr[oô]les?)\b")


def _paid_soon_after(committed: str, paid: str) -> bool:
    """Whether a payment on ``paid`` may be the fine of an offence committed on ``committed`` (a day or a month): on
    or after it, within the months a fine is paid in (SAME_RETRAIT_DAYS)."""
    try:
        first, payment = PartialDate.parse(committed), PartialDate.parse(paid)
    except (InvalidAnswer, TypeError):
        return False
    return first.earliest() <= payment.earliest() and (payment.earliest() - first.latest()).days <= SAME_RETRAIT_DAYS


def _classed_by_the_form(by_date: Dict[str, ToldRetrait], tracker: Tracker) -> None:
    """"1 point en moins pour un petit excès, payé le 28 mai", then "35 € ou 68 €" answered to the form's "Quel était le
    montant de l'amende ?": the class set while the form held that retrait's payment (the latest such), when neither
    its message's amount nor its speeds tell one (R4; R9: 2 years for a 3rd class, T34 c31 counted 3)."""
    paid, classes = None, {}
    for event in tracker.events:
        if event.get("event") != "slot":
            continue
        if event.get("name") == "fine_payment_date":
            paid = event.get("value")
        elif event.get("name") == "offence_class" and isinstance(paid, str):
            classes[paid] = event.get("value")
    for said, retrait in list(by_date.items()):
        klass = classes.get(retrait.said_date)
        if retrait.offence_class is None and isinstance(klass, str) and not retrait.speeds \
                and retrait.offence_type in (None, "speeding"):
            by_date[said] = replace(retrait, offence_class=klass)


def _keeping_what_was_told(retrait: ToldRetrait, known: ToldRetrait) -> ToldRetrait:
    """``retrait``, told again for ``known`` (the same offence dated again or better), with what it does not repeat
    of it: its points, speeds, day of commission, class, alcohol level and road (R4 reads them for its points)."""
    return replace(retrait, points=known.points if retrait.points is None else retrait.points,
                   speeds=retrait.speeds or known.speeds,
                   speed_told=retrait.speed_told if retrait.speeds else known.speed_told,
                   committed_date=retrait.committed_date or known.committed_date,
                   offence_class=retrait.offence_class or known.offence_class,
                   alcohol_g_l=known.alcohol_g_l if retrait.alcohol_g_l is None else retrait.alcohol_g_l,
                   out_of_town=retrait.out_of_town or known.out_of_town)


def _paid_later(told_before: Dict[str, ToldRetrait], by_date: Dict[str, ToldRetrait],
                retrait: ToldRetrait) -> Optional[str]:
    """The date of the one retrait told before without its payment that ``retrait``, told by its payment or judgment,
    names again: the same offence with the same figures (a speeding's excess, limit), committed before that day."""
    if not (retrait.paid_said and retrait.offence_type and retrait.speeds):
        return None
    same = [d for d, r in told_before.items() if d in by_date and not r.paid_said and d != retrait.said_date
            and r.offence_type == retrait.offence_type and set(retrait.speeds) <= set(r.speeds)
            and PartialDate.parse(d).earliest() <= PartialDate.parse(retrait.said_date).earliest()]
    return same[0] if len(same) == 1 else None


def _with_seasons(tracker: Tracker, told) -> List[ToldRetrait]:
    """The retraits dated by a month said as a season ("peut-être au printemps" of a 2022 fine), each to the season's
    last day that has come (slot_values.season_said, the forms' and the answers' reading of a season)."""
    from actions.slot_values import season_said
    dated = []
    for retrait in told:
        season = season_said(tracker.events, retrait.said_date)
        retrait = replace(retrait, season_last=min(season[2], today())) if season is not None else retrait
        # (and a day of commission said as a season: "un stop au printemps, payé en avril" was committed from 20 March
        # on, so after a point paid at the end of the winter, and it blocks its return, R8; T42 c07 said it came back)
        committed_season = season_said(tracker.events, retrait.committed_date) if retrait.committed_date else None
        dated.append(replace(retrait, committed_season_first=committed_season[1]) if committed_season else retrait)
    return dated


# "c'était en 2023 pas 2025", "non, en 2023", "pardon 2023 et pas 2025": a year said again instead of another
_NOT_THAT_YEAR = re.compile(r"\b(?:pas|et non|au lieu de|plutot que)\s+(?:en\s+)?((?:19|20)\d\d)\b")
_YEAR_WRITTEN_ALONE = re.compile(r"\b(?:19|20)\d\d\b")


# "non. je l'ai depuis 2008 le permis": the year of the licence, or of a state since ("depuis"), not the story's
# (it moved the 2023 stop to 2008, before the licence: tester T14 c21)
_YEAR_OF_ANOTHER_FACT = re.compile(r"\bpermis\b|\bdepuis\b")


def year_corrected(event: Dict[str, Any]) -> Optional[Tuple[int, Optional[int]]]:
    """(the year said, the year it replaces when said: "pas 2025") when a user message corrects only the year of the
    story ("ah non pardon c'était en 2023 pas 2025, le stop et le paiement"): one date, a year alone, with a word
    that corrects; None otherwise (T13 c21)."""
    text = fold(event.get("text") or "")
    dates = [e for e in (event.get("parse_data") or {}).get("entities", []) if e.get("entity") == "date"]
    if len(dates) != 1 or not re.fullmatch(r"(?:19|20)\d\d", str(dates[0].get("value"))):
        return None
    wrong = _NOT_THAT_YEAR.search(text)
    if not wrong and (not CORRECTION.search(text) or _YEAR_OF_ANOTHER_FACT.search(text)):
        return None
    said = int(dates[0]["value"])
    replaced = int(wrong.group(1)) if wrong and int(wrong.group(1)) != said else None
    return said, replaced


def moved_to_the_year(value: Any, said: int, replaced: Optional[int], reference_year: int) -> Any:
    """A date of the story moved by the year corrected: by as many years as from the year replaced (said: "pas
    2025"; otherwise the `reference_year`, the payment's) to the year said, its day and month kept (29 February:
    28, §0.3). The value as it was when it is no date known to the month or the day."""
    try:
        known = PartialDate.parse(value)
    except (InvalidAnswer, TypeError):
        return value
    if known.precision == "year":
        return value
    shift = said - (replaced if replaced is not None else reference_year)
    if not shift:
        return value
    year = known.year + shift
    if known.precision == "month":
        return PartialDate(year, known.month).iso()
    import calendar
    return PartialDate(year, known.month, min(known.day, calendar.monthrange(year, known.month)[1])).iso()


def _moved_retrait(told: ToldRetrait, said: int, replaced: Optional[int]) -> ToldRetrait:
    """The retrait told, its payment and its offence's day moved together to the year corrected (T13 c21)."""
    reference = PartialDate.parse(told.said_date).year
    return replace(told, said_date=moved_to_the_year(told.said_date, said, replaced, reference),
                   committed_date=moved_to_the_year(told.committed_date, said, replaced, reference)
                   if told.committed_date else None)


def _corrected_without_its_year(told: ToldRetrait, correction: ToldRetrait) -> ToldRetrait:
    """A retrait told with its year ("un excès de 8 km/h sur une nationale, 4 points en juin 2025"), corrected by a
    message without it ("non c'était 3 points en juin"): its year stays, and what the correction does not say again
    (the offence's speeds, road, level, class, the day it was committed) stays too, unless it names another offence."""
    if correction.offence_type not in (None, told.offence_type):
        return replace(correction, said_date=told.said_date)
    return replace(told, points=correction.points if correction.points is not None else told.points,
                   speeds=correction.speeds or told.speeds, out_of_town=correction.out_of_town or told.out_of_town,
                   alcohol_g_l=correction.alcohol_g_l if correction.alcohol_g_l is not None else told.alcohol_g_l)


# a bare day, maybe told loosely: "le 10", "disons le 10", "je sais pas le jour, mettons le 15", "vers le 10" (folded)
_LOOSE_DAY = re.compile(r"^(?:(?:je (?:ne )?(?:sais|sait|connais) (?:pas|plus)|j'?sais pas|aucune idee)[^.,;!?]*[.,;!]?\s*)?"
                        r"(?:(?:disons|mettons|vers|environ|genre|plutot|peut-etre|a peu pres|je dirais|on va dire)"
                        r"\s+)?(?:le\s+)?(?P<day>\d{1,2})(?:er)?(?:\s+(?:je crois|je pense|environ|peut-etre|a peu pres))?"
                        r"\s*[.!?]*$")
#: how a note of the assistant names the day it took for a date told without it (answers.Facts.say_precision)
_DAY_TAKEN = ("j'ai compté à partir du {} environ", "j'ai retenu le {}")


def _day_of_the_month_taken(by_date: Dict[str, ToldRetrait], bot_turn: str, event: Dict[str, Any]
                            ) -> Optional[Tuple[str, str]]:
    """(the retrait's date as told, ISO day) when the user's message is a day alone, maybe loosely told ("disons le
    10"), right after a turn where the assistant took a day of a month for a retrait told without it and named it ("j'ai
    compté à partir du 1er juin 2025 environ", "j'ai retenu le 31 mars 2017 … jour exact"): that day of THAT month, not
    the day the parser guesses near today (tester T43 c08). None when the message says anything else, or no single
    retrait's month was taken so."""
    match = _LOOSE_DAY.match(fold(event.get("text") or "").strip())
    if match is None or "jour exact" not in bot_turn and "date exacte" not in bot_turn:
        return None
    taken = []
    for said, retrait in by_date.items():
        try:
            told = PartialDate.parse(retrait.said_date)
        except InvalidAnswer:
            continue
        if told.month is None or retrait.season_last is not None:
            continue
        shown = format_long_fr(told.latest())
        if any(note.format(shown) in bot_turn for note in _DAY_TAKEN):
            taken.append((said, told))
    if len(taken) != 1:
        return None
    said, told = taken[0]
    try:
        return said, PartialDate.parse(f"{told.year}-{told.month:02d}-{int(match.group('day')):02d}").iso()
    except InvalidAnswer:  # "le 31" of a month of 30 days
        return None


def _form_retrait(slots: Dict[str, Any]) -> Optional[ToldRetrait]:
    """The retrait answered to a form's questions (its points or offence, and its payment), as the slots hold it;
    None while its payment is not known."""
    paid, points, offence = slots.get("fine_payment_date"), slots.get("last_offence_points"), slots.get("offence_type")
    if not isinstance(paid, str) or not isinstance(points, (int, float)) and not isinstance(offence, str):
        return None
    try:
        PartialDate.parse(paid)
    except (InvalidAnswer, TypeError):
        return None  # not paid yet (NOT_PAID)
    committed = slots.get("offence_date")
    if isinstance(committed, str) and committed[:4].isdigit():
        try:  # (the day of another offence told later, "détecteur de radar le 28 novembre 2026": not this one's)
            if PartialDate.parse(committed).earliest() > PartialDate.parse(paid).latest():
                committed = None
        except (InvalidAnswer, TypeError):
            committed = None
    speeds = tuple((argument, slots[slot]) for slot, argument in SPEED_ARGUMENTS.items()
                   if isinstance(slots.get(slot), int)) if offence == "speeding" else ()
    return ToldRetrait(points=int(points) if isinstance(points, (int, float)) else None, said_date=paid,
                       offence_type=offence if isinstance(offence, str) else None, speeds=speeds,
                       committed_date=committed if isinstance(committed, str) and committed[:4].isdigit() else None,
                       offence_class=slots.get("offence_class") if isinstance(slots.get("offence_class"), str)
                       else None)


def _with_establishment(tracker: Tracker, told: List[ToldRetrait]) -> List[ToldRetrait]:
    """The retraits told, each marked established or not: one told by the day of the offence only ("flashé il y a
    deux semaines", "soufflé 0,6 samedi"), not said paid nor its points said lost, is not established while its
    fine may still be unpaid (rules_core.may_be_unpaid), or when the user says it is not paid (the latest such):
    its points are to come, and no clock runs from the offence's day (R2 example 4). An offence a court judges (a
    délit without amende forfaitaire délictuelle: alcohol at the délit's level, drugs) has no payment deadline: it is
    established by its conviction become final, not 45 days after it (R2 example 3)."""
    day = today()
    # (its points said "lost" in the very message that says its fine is still to pay, "je dois payer une amende de 4
    # points (flashé il y a 3 semaines)": the points of the fine, to come on payment, not a retrait made, R2; T61 c11)
    unpaid = [r for r in told if not r.paid_said and (not r.lost_said or _told_with_its_fine_unpaid(tracker, r))]
    said_not_paid = unpaid[-1] if unpaid and (fine_not_paid(tracker) or _not_paid_told_with_an_offence(tracker)) \
        else None
    # "… et j'ai déjà payé", no day: the latest such retrait is established, its day standing for the payment's, as
    # once the delay to pay has run (R2; T23 c28)
    said_paid = unpaid[-1] if unpaid and said_not_paid is None and fine_paid_without_its_day(tracker) else None
    marked = []
    for retrait in told:
        committed = min(retrait.committed or retrait.realite, day)
        pending = retrait in unpaid and retrait is not said_paid and (retrait is said_not_paid or rules_core.may_be_unpaid(
            commission=committed, today=day, judged=judged_by_court(retrait, committed, day)))
        marked.append(replace(retrait, established=False) if pending else retrait)
    return marked


def _told_with_its_fine_unpaid(tracker: Tracker, retrait: ToldRetrait) -> bool:
    """The message that tells `retrait` by the day of its offence (no payment's day) says its fine is not paid."""
    from actions.retrait_timing import NOT_PAID_SAID
    for event in tracker.events:
        entities = (event.get("parse_data") or {}).get("entities") or [] if event.get("event") == "user" else []
        days = [e for e in entities if e.get("entity") == "date"]
        if any(e.get("value") == retrait.said_date for e in days) and \
                not any(e.get("role") == "payment" for e in days) and NOT_PAID_SAID.search(fold(event.get("text") or "")):
            return True
    return False


def _not_paid_told_with_an_offence(tracker: Tracker) -> bool:
    """"j'ai eu un téléphone au volant en septembre, je l'ai pas encore payé": a message that tells an offence (its
    kind or its day) says its fine is not paid, with no payment's day, whatever fine of an earlier offence the slot
    holds (T32 c15: the phone counted as paid in September because the slot held June's payment; R2 example 4)."""
    from actions.retrait_timing import NOT_PAID_SAID
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities") or []
        if any(e.get("entity") == "date" and e.get("role") == "payment" for e in entities):
            continue
        if any(e.get("entity") == "offence_type" or (e.get("entity") == "date" and e.get("role") == "offence")
               for e in entities) and NOT_PAID_SAID.search(fold(event.get("text") or "")):
            return True
    return _contest_told_with_an_offence(tracker)


def _contest_told_with_an_offence(tracker: Tracker) -> bool:
    """A message that tells an offence says it is contested ("un excès … l'été dernier que je conteste encore"), even
    beside the payments of other offences ("feu rouge en 2019 (payé)"): the latest offence told unpaid waits for its
    conviction (R2 example 3)."""
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities") or []
        if any(e.get("entity") == "offence_type" or (e.get("entity") == "date" and e.get("role") == "offence")
               for e in entities) and contest_said(fold(event.get("text") or "")):
            return True
    return False


# "que je conteste encore", "je l'ai contestée", "amende contestée", "en contestation" (folded): the user's offence is
# contested, said as a fact (not "si je conteste", "je peux contester ?"), and no conviction said: no retrait while the
# contest runs, whatever day it is told with (R2 example 3; tester T40 c05 got it counted paid at the end of summer)
_CONTEST_SAID = re.compile(
    r"(?<!\bsi )\b(?:je|j'|on|il|elle)\s*(?:la\s+|le\s+|l'\s?|les\s+)?(?:conteste|contestons|contestent)\b"
    r"|\b(?:j'?\s?ai|je l'?\s?ai|l'?\s?ai|on a|il a|elle a)\s+(?:deja\s+)?contestee?s?\b"
    r"|\b(?:est|sont|a ete|ont ete|amende|infraction|pv|contravention)\s+contestee?s?\b"
    r"|\ben (?:cours de )?contestation\b|\bcontestation en cours\b")
_CONTEST_SETTLED = re.compile(r"\bcondamne\w*|\brejete\w*|\bperdu\b|\babandonne\w*")


def contest_said(text: str) -> bool:
    """The folded text says the offence is contested now, no conviction or rejection said with it."""
    return bool(_CONTEST_SAID.search(text)) and not _CONTEST_SETTLED.search(text)


def judged_by_court(retrait: ToldRetrait, committed: date, day: date) -> bool:
    """Whether the offence of a retrait told has no fixed fine, a court judging it (R4: a délit without amende
    forfaitaire délictuelle, a 5th class not forfaitisable); False when its offence is not named or not known enough
    (a speeding without its speeds)."""
    if not retrait.offence_type:
        return False
    level = {"blood_alcohol_g_l": retrait.alcohol_g_l} if retrait.alcohol_g_l is not None else {}
    try:
        decision = rules_core.offence_points(offence=retrait.offence_type, commission=committed, today=day,
                                             **dict(retrait.speeds), **level)
    except rules_core.InconsistentFacts:
        return False
    return bool(decision.results.get("judged"))


def date_told(tracker: Tracker, role: str) -> Optional[PartialDate]:
    """The date of this role (the parser's) as the user last said it in the conversation, or None."""
    said = None
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        for entity in (event.get("parse_data") or {}).get("entities", []):
            if entity.get("entity") == "date" and entity.get("role") == role:
                try:
                    said = PartialDate.parse(entity.get("value"))
                except (InvalidAnswer, TypeError):
                    continue
    return said


def invalidation_told(tracker: Tracker) -> Optional[PartialDate]:
    """The day (or month, or year) an earlier licence was invalidated or cancelled, as the user last said it ("mon
    permis a été invalidé en 2020"): the points of that licence never come back after it (R10 example 3, R20)."""
    return date_told(tracker, "invalidation")


#: several checks told ("flashé deux fois", "2 amendes différentes", "une fois … et une fois …"): their retraits add up
SEPARATE_CHECKS = re.compile(r"\b(?:deux|2|trois|3|plusieurs) (?:fois|amendes|pv|contraventions|avis|flash\w*)\b"
                             r"|\bune fois\b.*\bune (?:autre )?fois\b|\bles deux amendes\b|\bdifferent\w*\b")
#: one check told ("arrêté hier soir", "contrôlé par les gendarmes", "en même temps"): its retraits are capped
ONE_CHECK = re.compile(r"\b(?:arret\w*|control\w*|intercept\w*|gendarm\w*|polic\w*|flic\w*|verbalis\w*"
                       r"|en meme temps|a la fois|au meme moment)\b")


def own_offences_points(tracker: Tracker) -> Optional[int]:
    """The points of the offences the user told together in their last message naming offences, when it names
    several: added when told as found at separate checks ("flashé deux fois, une fois à 130 au lieu de 110 et une
    fois au feu rouge": 2 + 4, R3 example 4), capped when found at one check ("arrêté hier soir, téléphone et pas
    de ceinture", R3 example 1). None when it names fewer than two, or does not say which."""
    decision = own_offences_decision(tracker)
    return None if decision is None else decision.results.get("points")


def own_offences_decision(tracker: Tracker) -> Optional[rules_core.Decision]:
    """The engine's decision on the offences of `own_offences_points` (their points each, added or capped, with the
    reason and its articles: R3, L.223-2, R.223-2), None as there."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        named = [e for e in entities if e.get("entity") == "offence_type"]
        if not named:
            continue
        text = fold(event.get("text") or "")
        days = [(e.get("role"), e.get("value")) for e in entities if e.get("entity") == "date"
                and e.get("role") in RETRAIT_DATE_ROLES and _said_before(e.get("value"), today())]  # (not "un stage
        # pour janvier"); two days of one role tell two checks, not the offence's day and its payment's ("feu rouge +
        # téléphone au même moment le 3 février payé le 20 février", tester T17 c08)
        two_days = any(len({value for role, value in days if role == kind}) > 1 for kind in RETRAIT_DATE_ROLES) or \
            len({value for role, value in days if role in (None, "offence")}) > 1
        day = today()
        checks = offences_by_check(entities, event.get("text") or "")
        if len(checks) > 1 and not two_days:
            # "le matin téléphone + ceinture, l'après-midi feu rouge, autre contrôle": each check capped, the checks
            # added (R3; tester T33 c18 then got 8 withdrawn for 10)
            return rules_core.separate_offences(offences=[
                {"offence": e.get("value"), **dict(_speeds_told(entities, e)), "commission": day, "check": number}
                for number, group in enumerate(checks) for e in group], today=day)
        separate, together = bool(SEPARATE_CHECKS.search(text)), bool(ONE_CHECK.search(text))
        if len(named) < 2 or separate == together or two_days:
            return None
        offences = [{"offence": e.get("value"), **dict(_speeds_told(entities, e))} for e in named]
        try:
            if separate:
                return rules_core.separate_offences(offences=[{**o, "commission": day} for o in offences], today=day)
            return rules_core.simultaneous_offences(offences=offences, commission=day, today=day)
        except rules_core.InconsistentFacts:
            return None
    return None


def _said_before(value: Any, day: date) -> bool:
    try:
        return PartialDate.parse(value).earliest() <= day
    except (InvalidAnswer, TypeError):
        return False


# a balance said as the one before the offences told with it: "j'avais 12 points", "il me restait 10 points avant",
# "au départ j'étais à 12" (folded). The one pattern the forms and the answers read it by.
BALANCE_BEFORE = re.compile(r"\b(?:j|j'|il|elle)?\s?(?:en\s+)?avai[st]\b|\brestait\b|\bavant\b|\bau depart\b"
                            r"|\bau debut\b")


def balance_before_the_offences(tracker: Tracker) -> Optional[Tuple[int, List[Tuple[Optional[str], int]]]]:
    """The balance known, when the message that gave it says it as the one before the offences it tells, with those
    offences and their points: "j'avais 12 points, puis j'ai eu un excès de vitesse (-1) et un téléphone (-3)" gives
    (12, [("speeding", 1), ("phone", 3)]). The role holds from one form to the next: today's balance is that one minus
    the retraits (R1, L.223-1), not the 12 read again as today's. Each offence's points are the ones told with it,
    else the scale's (R4). None when the balance was said as today's, an offence's points are not known, or the
    offences were found at one check (their cap, R3, is the answers' to count)."""
    value, said, user = None, None, None
    for event in tracker.events:
        if event.get("event") == "user":
            user = event
        elif event.get("event") == "slot" and event.get("name") == "current_balance" and event.get("value") != value:
            value, said = event.get("value"), user
    if not isinstance(value, int) or isinstance(value, bool) or said is None or hypothetical_message(said):
        return None
    text = fold(said.get("text") or "")
    entities = (said.get("parse_data") or {}).get("entities", [])
    if not BALANCE_BEFORE.search(text) or ONE_CHECK.search(text):
        return None
    kinds = [e.get("value") for e in entities if e.get("entity") == "offence_type"]
    lost = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") == "lost"]
    if lost and len(kinds) in (0, len(lost)):
        offences = [(kinds[n] if kinds else None, int(points)) for n, points in enumerate(lost)]
    elif kinds and not lost:
        offences = []
        for kind in kinds:
            points = scale_points(kind)
            if points is None:
                return None
            offences.append((kind, points))
    else:
        return None
    return value, offences


def scale_points(kind: Any) -> Optional[int]:
    """The points the scale withdraws for an offence named without its details (R4); None when they depend on them
    (a speeding without its speeds)."""
    try:
        points = rules_core.offence_points(offence=kind, commission=today(), today=today()).results.get("points")
    except rules_core.InconsistentFacts:
        return None
    return points if isinstance(points, int) and not isinstance(points, bool) else None


def balance_today_from_before(tracker: Tracker) -> Optional[int]:
    """Today's balance when the one known was said before the offences told with it (`balance_before_the_offences`):
    that balance minus their points (R1); None otherwise, or when they take it to 0 or below (the pending loss's
    answers say what follows, R18, R20)."""
    story = balance_before_the_offences(tracker)
    if story is None:
        return None
    before, offences = story
    now = before - sum(points for _, points in offences)
    return now if now > 0 else None
