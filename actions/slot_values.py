"""Slot values as the engine needs them, and the French re-asks when they cannot be used.

The NLU component (`bot.nlu.french_facts`) writes dates with their precision:
"2024-03-12" (a day), "2024-03" (a month), "2024" (a year). Validation keeps that
precision in the slot; `rules_core` receives real `date` objects.
No Rasa import here: these are plain functions, tested on their own (the parser's `fold` is plain Python).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, List, Optional, Sequence, Union

from dateutil.relativedelta import relativedelta

from bot.nlu.fact_parsing import ROUGHLY_SO_MANY, fold, rough_number_margin
from rules_core.dates import MONTHS_FR, format_long_fr

# Month names as written, with the usual abbreviations ("janv", "fév", "sept").
MONTH_NAMES = {name for month in MONTHS_FR for name in {month, month.replace("é", "e").replace("û", "u")}} | {
    "janv", "fev", "fév", "avr", "juil", "sept", "oct", "nov", "dec", "déc"}

# A date older than this is a typo ("12/03/1923"), not a licence or a stage.
OLDEST_PLAUSIBLE_YEAR = 1950

NO_PREVIOUS_STAGE = "none"
UNKNOWN_BALANCE = "unknown"
#: "je ne sais pas" to the fine's amount: the class is not known, the longest recovery delay is counted
UNKNOWN_CLASS = "unknown"
#: "pas encore payé" to the payment date: the offence is not established, nothing is withdrawn yet (R2)
NOT_PAID = "not_paid"

# "non en fait…", "c'était pas…, c'était…": a message correcting what was said (read on the folded text)
CORRECTION = re.compile(r"^\W*(?:non|ah non|attends?|en fait|pardon|ah pardon)\b|\ben fait\b|\bc'?etait (?:pas|un|une|le|la)\b"
                        r"|\bpas (?:un|une|le|la)\b.*\bmais\b"
                        # "ah attendez je relis l'avis, c'est 128 retenu pas 118" (T20 c08 was answered as a what-if):
                        # the notice read again, a figure said instead of the one told
                        r"|^\W*(?:ah|oh|euh)?\W*attendez\b|\bje (?:relis|me suis (?:trompe|goure|plante)e?)\b|\bj'?\s?ai mal lu\b"
                        r"|\berreur de ma part\b"
                        r"|\b\d+(?: ?km/?h)?(?: retenus?| mesures?)?,? pas \d+\b")


class InvalidAnswer(ValueError):
    """An answer that cannot fill the slot; `message_fr` tells the user why. `awaiting` is the date
    refused for want of precision ("janvier 2026" when the day counts): the next answer completes it."""

    def __init__(self, message_fr: str, awaiting: Optional["PartialDate"] = None):
        super().__init__(message_fr)
        self.message_fr = message_fr
        self.awaiting = awaiting


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, value: str) -> "PartialDate":
        parts = str(value).strip().split("-")
        try:
            numbers = [int(p) for p in parts]
            if not 1 <= len(numbers) <= 3:
                raise ValueError(value)
            partial = cls(*numbers)
            partial.earliest()  # checks month and day
        except (TypeError, ValueError) as error:
            raise InvalidAnswer("Je n'ai pas reconnu de date valide.") from error
        return partial

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        return "-".join(
            f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate((self.year, self.month, self.day)) if n
        )

    def french(self) -> str:
        if self.day:
            return format_long_fr(self.earliest())
        if self.month:
            return f"{MONTHS_FR[self.month - 1]} {self.year}"
        return str(self.year)


def single_value(value: Any, what_fr: str) -> Any:
    """One value from a slot candidate; several different values are ambiguous."""
    if isinstance(value, list):
        distinct = list(dict.fromkeys(value))
        if len(distinct) != 1:
            raise InvalidAnswer(f"Vous avez indiqué plusieurs valeurs ; précisez {what_fr}, s'il vous plaît.")
        return distinct[0]
    return value


# Words around an answer that carry no fact: "ah si c'était le 15 je crois", "euh plutôt mars".
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_FILLERS = (r"ah|oh|euh|bah|ben|pardon|non|oui|si|ok|d[ée]sol[ée]e?|en fait|c'[ée]tait|c'est|plut[ôo]t|"
            r"je (?:crois|pense)|il me semble|normalement|environ|vers|peut-[êe]tre|ptet|sans doute|"
            # "le 14, je te l'ai dit", "j'en sais rien ! mettons le 20": a day given again or supposed, still that day
            r"mettons|disons|admettons|on va dire|(?:comme\s+)?je\s+(?:te\s+|t[’']|vous\s+)(?:l[’'])?ai\s+dit|"
            r"(?:je\s+n[’']|j[’'])en\s+sais\s+rien|je\s+(?:ne\s+)?sais\s+pas(?:\s+encore)?|"
            # "le 20, c'était un vendredi samedi": the days of the week the date fell on, not another date
            rf"un\s+{_WEEKDAY}(?:\s*(?:et|-|/|,)?\s*(?:un\s+|le\s+)?{_WEEKDAY})?")
_LEADING = rf"^\s*(?:(?:{_FILLERS})\b[\s,!.]*)*"
_TRAILING = rf"(?:[\s,]*(?:{_FILLERS})\b)*\s*[.!?]*\s*$"
LEADING_FILLERS, TRAILING_FILLERS = _LEADING, _TRAILING  # (a speed answered alone, actions.forms)
BARE_DAY_OF_MONTH = re.compile(rf"{_LEADING}(?:le\s+)?(\d{{1,2}})\s*(?:er)?{_TRAILING}", re.IGNORECASE)
# A month named without a year: "mars", "en avril je crois", "plutôt début juin".
BARE_MONTH = re.compile(rf"{_LEADING}(?:en\s+|au mois d[e']\s*|d[ée]but\s+|fin\s+|mi-?\s*)?"
                        rf"([a-zéû]+)\.?{_TRAILING}", re.IGNORECASE)


def day_in_month_given_before(text: str, month_given_before: Optional[str]) -> Optional[str]:
    """"le 12", answering the re-ask for the day after "janvier 2026": the 12th of THAT month (ISO),
    not the last 12th before today. None when the message is not a bare day or no month was given. The bare day may
    be the message's first sentence, another question after it that tells no other day ("le 15 je crois. c'est pas 2 ans
    pour récupérer ?": the 15th of the month awaited; tester T24 c28 got 15 November 2026)."""
    match = BARE_DAY_OF_MONTH.match(text or "")
    if match is None:
        parts = re.split(r"(?<=[.!?;])\s+", text or "", maxsplit=1)
        # (the rest tells no other day: "le 15. non, le 16" is a correction, not a question)
        if len(parts) == 2 and not re.search(r"\b(?:le|au|du|et|ou)\s+\d{1,2}\b|\d\s*/\s*\d|^\W*\d", parts[1]):
            match = BARE_DAY_OF_MONTH.match(parts[0])
    if not match or not month_given_before:
        return None
    try:
        month = PartialDate.parse(month_given_before)
    except InvalidAnswer:
        return None
    if month.precision != "month":
        return None
    day = int(match.group(1))
    try:
        return PartialDate.parse(f"{month.year}-{month.month}-{day}").iso() if day else None
    except InvalidAnswer:  # "le 31" of a 30-day month
        return None


# Two days given for one: "le 23 je crois, ou le 24", "23 ou 24", "le 12 ou le 13 peut-être".
TWO_DAYS_OF_MONTH = re.compile(rf"{_LEADING}(?:le\s+)?(\d{{1,2}})\s*(?:er)?(?:[\s,]*(?:{_FILLERS})\b)*[\s,]*"
                               rf"(?:ou\s+(?:bien\s+)?|voire\s+)(?:le\s+)?(\d{{1,2}})\s*(?:er)?{_TRAILING}", re.IGNORECASE)


def two_days_in_month_given_before(text: str, month_given_before: Optional[str]) -> List[str]:
    """"le 23 je crois, ou le 24", answering the re-ask for the day after "mars 2026": both days of THAT month (ISO,
    in order), not the last 23rd and 24th before today. Empty when the message is not two bare days, no month was
    given or a day is not in it."""
    match = TWO_DAYS_OF_MONTH.match(text or "")
    if not match:
        return []
    days = [day_in_month_given_before(f"le {day}", month_given_before) for day in match.group(1, 2)]
    return sorted(set(days)) if all(days) else []


def month_in_year_given_before(text: str, value: Any, year_given_before: Optional[str]) -> Optional[str]:
    """"mars", answering the re-ask for the month after "en 2024": March 2024 (ISO), not the last March
    before today, which is how the NLU reads a month without its year. None when the message is not a
    bare month or no year was given."""
    match = BARE_MONTH.match(text or "")
    if not match or not year_given_before or match.group(1).lower() not in MONTH_NAMES:
        return None
    try:
        year, read = PartialDate.parse(year_given_before), PartialDate.parse(single_value(value, "le mois"))
    except InvalidAnswer:
        return None
    if year.precision != "year" or read.precision != "month":
        return None
    return PartialDate(year.year, read.month).iso()


def with_year_corrected(value: Any, before: Any) -> Any:
    """A year alone correcting a date known more precisely ("non, en 2024" after "le 3 février 2025"):
    that day (or month) in the new year. The value as read otherwise."""
    try:
        read, known = PartialDate.parse(single_value(value, "la date")), PartialDate.parse(before)
    except (InvalidAnswer, TypeError):
        return value
    if read.precision != "year" or known.precision == "year" or read.year == known.year:
        return value
    if known.precision == "month":
        return PartialDate(read.year, known.month).iso()
    day = min(known.day, calendar.monthrange(read.year, known.month)[1])  # 29 February in a common year: 28
    return PartialDate(read.year, known.month, day).iso()


def completed_date(text: str, value: Any, awaiting: Optional[str]) -> Any:
    """The answer to the re-ask for a missing day or month, completed with the date refused before
    (`awaiting`, ISO); the value as read when the answer is not a bare day or month."""
    return day_in_month_given_before(text, awaiting) or month_in_year_given_before(text, value, awaiting) \
        or day_of_the_month_awaited(text, value, awaiting) or value


#: a year written in the answer ("2025", "25" of "28/06/25"): the date read keeps its own
_YEAR_IN_ANSWER = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2}\b")


def day_of_the_month_awaited(text: str, value: Any, awaited: Optional[str]) -> Optional[str]:
    """"je sais plus, fin juin, genre le 28" (or "le 28 juin") answering "Quel jour de juin 2025 ?": the 28th of THAT
    June (ISO), not of the last June before today, which is how the NLU reads a day and month said without their year
    (tester T28 c30: the payment of June 2025 became a second offence "payée le 28 juin 2026"). None when the answer
    writes a year, names another month, or no month is awaited."""
    if not awaited or _YEAR_IN_ANSWER.search(text or ""):
        return None
    try:
        month, read = PartialDate.parse(awaited), PartialDate.parse(single_value(value, "la date"))
    except (InvalidAnswer, TypeError):
        return None
    if month.precision == "month" and read.precision == "month" and read.month == month.month \
            and read.year != month.year:
        # "je sais plus, début avril" to "Quel jour d'avril 2025 ?": that April, not the last one before today (tester
        # T50 c25 got "début avril 2026 : je compte le 10 avril 2026" for a payment of April 2025)
        return month.iso()
    if month.precision != "month" or read.precision != "day" or read.month != month.month or read.year == month.year:
        return None
    try:
        return PartialDate.parse(f"{month.year}-{month.month}-{read.day}").iso()
    except InvalidAnswer:  # (29 February of a common year)
        return None


def next_day_numbered(number: int, now: date) -> date:
    """The next day numbered `number` from `now` on ("le 3" said on 1 December: 3 December; on 5 December: 3 January),
    the last day of a shorter month for a 31st."""
    this_month = now + relativedelta(day=number)
    return this_month if this_month >= now else now + relativedelta(months=1, day=number)


def year_before_a_later_fact(text: str, value: Any, later: Optional[date]) -> Any:
    """"le 3 juin je crois" for the day of an offence paid on 12 June 2025: the 3 June before that payment (ISO), not the
    last 3 June before today, which is how the NLU reads a day and month said without their year (tester T37 c30 got
    "le paiement ne peut pas précéder la date de l'infraction", twice); `value` as it is when the answer writes a year,
    is no day, or the year before does not fit either."""
    if later is None or _YEAR_IN_ANSWER.search(text or ""):
        return value
    read = partial_date_or_none(value)
    if read is None or read.precision != "day" or read.earliest() <= later:
        return value
    before = read.earliest() - relativedelta(years=1)
    return before.isoformat() if before <= later else value


def of_month(month: str) -> str:
    """"de" before a month, elided before a vowel: "d'octobre 2026", "d'avril 2025", "de mars 2026"."""
    return f"d'{month}" if month[:1] in "aeiouéâ" else f"de {month}"


def _which_day(partial: PartialDate, what_fr: str) -> str:
    """The question for the missing day: "Quel jour de janvier 2026 ?" (a bare "le 12" is then completed
    with that month, see `day_in_month_given_before`), or the whole date when only the year is known."""
    if partial.precision == "month":
        return f"Quel jour {of_month(partial.french())} ? Par exemple : le 12."
    return f"Quelle est {what_fr} ? Par exemple : 12/03/{partial.year}."


# "il y a huit mois", "depuis 18 mois", "ça fait 2 ans", "il y a 3 semaines": a day counted back from today by a
# duration that people round, known only roughly (read on the folded words of the date)
_ROUGH_DURATION = re.compile(r"\b(?:il y a|y'?\s?a|depuis|ca fait|cela fait|ca va faire|voila|dans)\b[^.?!]*?"
                             r"\b(?:ans?|annees?|mois|semaines?)\b")
# half a unit either side: "il y a 2 ans" is 18 to 30 months ago, "il y a huit mois" 7 and a half to 8 and a half
_ROUGH_MARGIN = (("semaine", relativedelta(days=3)), ("mois", relativedelta(days=15)), ("an", relativedelta(months=6)))
# "2 ans et demi", "6 mois et demi": a duration said to the half unit, a quarter of the unit either side
_AND_A_HALF = re.compile(r"\s+et\s+(?:demie?|la moitie)\b")
_HALF_UNIT_MARGIN = (("semaine", relativedelta(days=2)), ("mois", relativedelta(days=8)),
                     ("an", relativedelta(months=3)))


_ROUGHLY_SO_MANY = re.compile(r"\b(" + "|".join(ROUGHLY_SO_MANY) + r")\s+(?:d'\s?|de\s+)(annees|ans|mois|semaines|jours)\b")


def rough_margin(said: str) -> Optional[relativedelta]:
    """How far the day a duration from today stands for may be from the true one ("il y a 2 ans": 6 months either
    side); None when the words are not such a duration ("le 3 mars", "hier")."""
    folded = fold(said or "")
    roughly = _ROUGHLY_SO_MANY.search(folded)
    if roughly:
        # "une vingtaine d'années": a quarter of the number either side (15 to 25 years ago), T27 c13
        units = rough_number_margin(ROUGHLY_SO_MANY[roughly.group(1)])
        unit = roughly.group(2)
        return relativedelta(years=units) if unit.startswith("an") else relativedelta(months=units) \
            if unit == "mois" else relativedelta(days=units * (7 if unit.startswith("semaine") else 1))
    match = _ROUGH_DURATION.search(folded)
    if not match:
        return None
    unit = match.group(0).rsplit(" ", 1)[-1]
    margin = next(margin for word, margin in _ROUGH_MARGIN if unit.startswith(word))
    if _AND_A_HALF.match(folded[match.end():]):
        # "il y a 2 ans et demi": said to the half unit, so a quarter of it either side (27 to 33 months ago), not
        # half a year (T21 c19 was asked the day of a licence whose every possible day gives 10 points, R5)
        return next(margin for word, margin in _HALF_UNIT_MARGIN if unit.startswith(word))
    return margin


def near_a_delay_end(partial: PartialDate, said: str, today: date, delays: Sequence[relativedelta]) -> bool:
    """The day `partial`, counted back from today by a rounded duration (`said`), may be far enough from the true one
    for one of the `delays` that run from it to end on either side of today."""
    margin = rough_margin(said) if partial.precision == "day" else None
    day = partial.earliest()
    return bool(margin) and any(day - margin <= today - delay <= day + margin for delay in delays)


def words_of_date(message: Optional[dict], value: Any) -> str:
    """The words of the message that gave the date `value` ("il y a huit mois"); "" when no entity gave it."""
    message = message or {}
    text = message.get("text") or ""
    for entity in message.get("entities") or []:
        if entity.get("entity") == "date" and entity.get("value") == value and "start" in entity:
            return text[entity["start"]:entity["end"]]
    return ""


# The seasons as people say them, by the month the NLU gives them (bot.nlu.fact_parsing: spring is March): their first
# and last days, the winter reaching into the next year. Spring runs to 20 June, not 31 March (tester T20 c26).
SEASONS = {3: ("printemps", (3, 20), (6, 20)), 6: ("été", (6, 21), (9, 22)),
           9: ("automne", (9, 23), (12, 20)), 12: ("hiver", (12, 21), (3, 19))}


def of_season(name: str) -> str:
    """"du printemps", "de l'été"."""
    return f"de l'{name}" if name[:1] in "aeéiou" else f"du {name}"


def the_season(name: str) -> str:
    """"le printemps", "l'été"."""
    return f"l'{name}" if name[:1] in "aeéiou" else f"le {name}"
_SEASON_WORDS = re.compile(r"\b(?:printemps|ete|automne|hiver)\b")


def season_said(events: Sequence[dict], value: Any) -> Optional[tuple]:
    """The season a user message named for the date `value` (ISO month, "2022-03" for "au printemps 2022"): its name,
    first and last days; None when no message said that date as a season."""
    partial = partial_date_or_none(value) if isinstance(value, str) else None
    if partial is None or partial.precision != "month" or partial.month not in SEASONS:
        return None
    for event in events:
        if event.get("event") != "user":
            continue
        message = {"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities") or []}
        if _SEASON_WORDS.search(fold(words_of_date(message, value))):
            name, (first_month, first_day), (last_month, last_day) = SEASONS[partial.month]
            return (name, date(partial.year, first_month, first_day),
                    date(partial.year + (1 if last_month < first_month else 0), last_month, last_day))
    return None


#: the day taken for "vers le milieu du mois", "mi-juin" (an approximate day, said as such)
MIDDLE_OF_THE_MONTH_DAY = 15
#: the first day of "fin octobre" (the month's last ten days or so), taken when the earliest day is the safe one: a
#: 48N received then gives the earliest deadline (R15)
END_OF_THE_MONTH_FROM_DAY = 21
#: the last day of "début décembre" (the month's first ten days or so), taken when the latest day is the safe one: a
#: last stage begun then allows the next one the latest (R13)
BEGINNING_OF_THE_MONTH_UNTIL_DAY = 10
# "fin juillet", "début mars 2025", "mi-juin": the part of the month said with it (folded words of the date entity)
_PART_OF_MONTH = re.compile(r"^\s*(?:en\s+)?(?P<part>debut|fin|mi|milieu)\b")


def part_of_month_said(events: Sequence[dict], value: Any) -> Optional[tuple]:
    """The day a user message said by its part of the month for the date `value` (ISO month, "2026-07" for "fin
    juillet"): ("fin", its last day), ("début", its 1st) or ("mi", its 15th); None when no message said that month so
    (T19 c22: "infraction fin juillet" was counted from 1 July)."""
    partial = partial_date_or_none(value) if isinstance(value, str) else None
    if partial is None or partial.precision != "month":
        return None
    for event in reversed(list(events)):
        if event.get("event") != "user":
            continue
        message = {"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities") or []}
        said = _PART_OF_MONTH.match(fold(words_of_date(message, value)))
        if said:
            part = said.group("part")
            day = {"debut": 1, "fin": calendar.monthrange(partial.year, partial.month)[1]}.get(
                part, MIDDLE_OF_THE_MONTH_DAY)
            return ({"debut": "début", "milieu": "mi"}.get(part, part), date(partial.year, partial.month, day))
    return None


def rough_days(events: Sequence[dict]) -> dict:
    """The days (ISO) the user gave as a duration from today ("il y a huit mois"), with the words said: a day said
    exactly later ("le 1er avril 2026") is no longer rough."""
    rough = {}
    for event in events:
        if event.get("event") != "user":
            continue
        message = {"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities") or []}
        for entity in message["entities"]:
            if entity.get("entity") != "date" or not isinstance(entity.get("value"), str):
                continue
            said = words_of_date(message, entity["value"])
            if rough_margin(said):
                rough[entity["value"]] = said
            else:
                rough.pop(entity["value"], None)
    return rough


def _as_subject(partial: PartialDate) -> str:
    """A date as the subject of a sentence: "Le 12 mars 2027", "Mars 2027", "L'année 2027" (not "Le 2027", T28 c25)."""
    if partial.precision == "day":
        return f"Le {partial.french()}"
    if partial.precision == "month":
        return partial.french()[:1].upper() + partial.french()[1:]
    return f"L'année {partial.year}"


def past_date(
    value: Any,
    today: date,
    what_fr: str,
    need_day: bool,
    not_before: Optional[date] = None,
    not_before_fr: str = "",
    said: str = "",
    delays: Sequence[relativedelta] = (),
) -> PartialDate:
    """A date in the past (or today), not older than plausible, at day precision when `need_day`: a day counted back
    from today by a rounded duration (`said`: "il y a 6 mois") is not one when one of the `delays` that run from it
    may end on either side of today (the answer then changes with the day)."""
    partial = PartialDate.parse(single_value(value, what_fr))
    if partial.earliest() > today:
        raise InvalidAnswer(
            f"{_as_subject(partial)} est dans le futur (nous sommes le {format_long_fr(today)}). "
            f"Quelle est {what_fr} ?"
        )
    if partial.year < OLDEST_PLAUSIBLE_YEAR:
        raise InvalidAnswer(f"L'année {partial.year} me semble erronée. Quelle est {what_fr} ?")
    if need_day and partial.precision != "day":
        raise InvalidAnswer(
            f"J'ai besoin du jour exact ({partial.french()} ne suffit pas ici, le délai se compte au jour près). "
            f"{_which_day(partial, what_fr)}", awaiting=partial)
    if need_day and near_a_delay_end(partial, said, today, delays):
        raise InvalidAnswer(
            f"J'ai besoin du jour exact (« {said.strip()} », soit vers le {partial.french()}, ne suffit pas ici : le "
            f"délai se compte au jour près). Quelle est {what_fr} ? Par exemple : "
            f"{partial.earliest().strftime('%d/%m/%Y')}.")
    if not_before and partial.latest() < not_before:
        raise InvalidAnswer(f"Cette date est antérieure {not_before_fr}. Quelle est {what_fr} ?")
    return partial


def licence_date(value: Any, today: date, said: str = "") -> PartialDate:
    """The date the licence was obtained. A month is enough (we answer with the safe date,
    the last day of that month, and say so); a year alone only when probation is over anyway. A day counted back
    from today by a rounded duration (`said`: "il y a 2 ans") is asked exactly when an anniversary of the licence,
    which raises a probationary ceiling (R5), may fall on either side of today."""
    partial = past_date(value, today, "la date d'obtention de votre permis", need_day=False)
    if near_a_delay_end(partial, said, today, [relativedelta(years=years) for years in (1, 2, 3)]):
        raise InvalidAnswer(
            f"« {said.strip()} », c'est vers le {partial.french()} : à quelques jours près, la réponse change, car le "
            "plafond d'un permis probatoire augmente à chaque anniversaire du permis (article L.223-1 du Code de la "
            "route). Quelle est la date exacte d'obtention de votre permis ? Par exemple : "
            f"{partial.earliest().strftime('%d/%m/%Y')}.")
    if partial.precision == "year" and date(partial.year + 4, 1, 1) > today:
        raise InvalidAnswer(
            f"En {partial.year}, votre permis peut encore être probatoire : le mois compte. "
            f"En quel mois de {partial.year} l'avez-vous obtenu ? Par exemple : mars {partial.year}.",
            awaiting=partial)
    return partial


# A day written with its month but not its year: "le 14 décembre", "les 6 et 7 janv.", "le 8/12".
_DAY_AND_MONTH_ONLY = re.compile(
    r"^\D*\d{1,2}(?:\s*er)?(?:\s+(?:et|au)\s+\d{1,2}|\s*[-&]\s*\d{1,2})?\s*(?:/\s*\d{1,2}|[a-zéû]+\.?)\s*$",
    re.IGNORECASE)  # ("les 10-11 décembre", tester T9 c25)
# A month without its year: "en janvier", "début mars", "fin février".
_MONTH_ONLY = re.compile(r"^\s*(?:en\s+|au mois d[e']\s*|d[ée]but\s+|fin\s+|mi-?\s*)?[a-zéû]+\.?\s*$", re.IGNORECASE)
# A date said in parts ("en janvier surement, le 12"): a month named, and neither a year nor a relative word.
_MONTH_NAMED = re.compile(r"\b(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)", re.IGNORECASE)
_YEAR_OR_RELATIVE = re.compile(r"\d{4}|/\s*\d{2}\b|\b(?:hier|aujourd|il y a|derni[eè]re?|pass[ée]e?|prochaine?|dans)\b",
                               re.IGNORECASE)
# The stage is told as done: its day without a year is the last one (the NLU's reading).
# ("il fait le stage les 8 et 9 janvier", "s'il fait le stage chez nous": the present of a plan, not a stage done,
# tester T9 c03, c25)
# (not a stage denied: "il ne l'a pas encore fait", "je l'ai jamais fait", T11 c03)
_STAGE_DONE = re.compile(r"(?<!\bil )(?<!\belle )(?<!\bon )(?<!\bqui )(?<!\bpas )(?<!\bencore )(?<!\bjamais )\bfait\b"
                         r"|\b(?:suivi|effectu[ée]|termin[ée]|fini|pass[ée]|[ée]tait|avais|ai eu)\b", re.IGNORECASE)


def stage_said_done(message: str) -> bool:
    """"j'ai fait un stage en mars 2025", "mon dernier stage était le 3 mars": a stage told as done, not planned."""
    return bool(_STAGE_DONE.search(_SO_IT_WORKS.sub(" ", message or "")))


# "ça passe ?", "ça se passe bien" are not a stage "passé": read without them
_SO_IT_WORKS = re.compile(r"\b(?:[cç]a|cela)\s+(?:se\s+)?pass[ée]\b|\bse\s+pass[ée]\b", re.IGNORECASE)
# A stage to take, said without a verb of the past: "je pensais faire le stage les 8 et 9 janvier", "le stage que
# j'ai trouvé c'est le 26 et 27 février, ça passe ?", "je suis inscrit pour le 14", "et je serai à combien ?"
_STAGE_TO_TAKE = re.compile(
    r"\b(?:pensai[st]?|pense|comptai[st]?|compte|voulai[st]?|veux|voudrais|vais|va|envisag\w*|prevo\w*|prevu\w*"
    r"|inscri\w*|reserv\w*|trouve|dispo\w*|propos\w*|serai|serais|sera|aurai|aurais|aura|ferai|ferais|fera"
    r"|peux|pourrais|faire|refaire|fais|passer|suivre|si je|ca passe|ca marche|ca va|ca le fait|c'est bon|possible|place)\b")


def stage_to_take_said(folded: str) -> bool:
    """The message speaks of a stage to take (folded text), and not of one done."""
    return bool(_STAGE_TO_TAKE.search(folded or "")) and not stage_said_done(folded)


# "cette semaine", "la semaine en cours": a stage to take this week starts today at the earliest
_THIS_WEEK = re.compile(r"^\W*(?:cette|la)\s+semaine(?:\s+en\s+cours)?\W*$", re.IGNORECASE)


def this_week_ahead(value: Any, said: str, today: date) -> Any:
    """A stage to take "cette semaine" is read from today, not from the Monday before (T4 m016): a stage that starts
    on a day already past is not the one planned."""
    if not _THIS_WEEK.match(said or ""):
        return value
    try:
        read = PartialDate.parse(value)
    except InvalidAnswer:
        return value
    return today.isoformat() if read.precision == "day" and read.earliest() < today else value


def next_stage_day(value: Any, said: str, today: date) -> Any:
    """A stage day (or month) written without its year, in a question about a stage to take, is the next one:
    "les 8 et 9 janvier" on 1 December 2026 is January 2027, "le 1er décembre" is today (the NLU reads such a day
    as the latest one before today). The value as read when the year was written."""
    said = said or ""
    yearless_parts = _MONTH_NAMED.search(said) and not _YEAR_OR_RELATIVE.search(said)
    if not (_DAY_AND_MONTH_ONLY.match(said) or _MONTH_ONLY.match(said) or yearless_parts):
        return value
    try:
        read = PartialDate.parse(value)
    except InvalidAnswer:
        return value
    if read.precision == "year" or stage_last_day(read.latest(), said) >= today:
        # (a stage told by its two days that ends today, "les 30 novembre et 1er décembre" on 1 December, is under way:
        # this one, not the next year's, T40 c28)
        return value
    if read.precision == "month":
        return PartialDate(read.year + 1, read.month).iso()
    try:
        return read.earliest().replace(year=read.year + 1).isoformat()
    except ValueError:  # 29 February
        return value


# "le 27 et 28 février", "les 3-4 avril", "du 12 au 13/01", "les 30 novembre et 1er décembre": two days that follow
# each other (the first day, then the next one, or the 1st of the next month)
_TWO_DAYS = re.compile(r"(?<!\d)(\d{1,2})(?:\s*er)?(?:\s+[a-zéû]+\.?)?(?:\s+\d{4})?\s*(?:et|au|à|a|-|&)\s*(?:le\s+)?"
                       r"(\d{1,2})(?:\s*er)?(?!\d)", re.IGNORECASE)


def stage_days_said(words: str) -> bool:
    """The words of a date name two consecutive days: a stage's two days (R.223-5: a stage lasts two consecutive
    days), whatever else the message says ("ok donc le 27 et 28 février ça passe ?")."""
    m = _TWO_DAYS.search(words or "")
    return bool(m) and (int(m.group(2)) == int(m.group(1)) + 1 or (int(m.group(2)) == 1 and int(m.group(1)) >= 28))


def stage_last_day(first_day: date, said: str) -> date:
    """The last day of a stage whose first day is `first_day`: the next day when the words name its two consecutive
    days ("le 30 novembre et 1er décembre", R.223-5), else `first_day` itself (the words name one day)."""
    return first_day + relativedelta(days=1) if stage_days_said(said) else first_day


def partial_date_or_none(value: Any) -> Optional["PartialDate"]:
    """A slot's or entity's date (ISO, any precision); None when there is none or it is not a date ("not_paid")."""
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except (InvalidAnswer, TypeError):
        return None


# a stage told with another past day of the same message, within this span after it, is part of that story (a
# suspension and the stage taken during it), not a plan a year later
_SAME_STORY = relativedelta(years=1)


def nearest_stage_day(value: Any, said: str, message: str, today: date, story: Sequence[date] = ()) -> Any:
    """A stage day (or month) written without its year ("le 14 décembre", "en janvier") is the nearest such
    day, ahead as well as behind: a stage is often planned. The NLU reads such a day as the last one before
    today, which for a stage in two weeks is a year off. Kept as read when the message tells a stage already
    done, or when the year was written, or when the stage as read falls within a year after another past day of the
    message (`story`: "suspendu depuis le 1er mars, stage les 12 et 13 mars" is that March's stage, R14 example 3)."""
    if _THIS_WEEK.match(said or ""):
        return this_week_ahead(value, said, today)
    if _STAGE_DONE.search(message or ""):
        return value
    read = partial_date_or_none(value)
    if read is not None and any(day <= read.earliest() <= day + _SAME_STORY for day in story if day <= today):
        return value
    said = said or ""
    yearless_parts = _MONTH_NAMED.search(said) and not _YEAR_OR_RELATIVE.search(said)  # "janvier surement, le 12"
    if not (_DAY_AND_MONTH_ONLY.match(said) or _MONTH_ONLY.match(said) or yearless_parts):
        return value
    return nearest_occurrence(value, today)


def nearest_occurrence(value: Any, today: date) -> Any:
    """The same day (or month) a year later when that is nearer to today than the one read."""
    try:
        read = PartialDate.parse(value)
    except InvalidAnswer:
        return value
    if read.precision == "year":
        return value
    if read.precision == "month":
        ahead = PartialDate(read.year + 1, read.month)
        nearer = ahead.earliest() > today and (ahead.earliest() - today) < (today - read.latest())
        return ahead.iso() if nearer else value
    day = read.earliest()
    try:
        ahead_day = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return value
    return ahead_day.isoformat() if ahead_day > today and (ahead_day - today) < (today - day) else value


def stage_date(value: Any, today: date, licence: Optional[PartialDate]) -> PartialDate:
    """First day of a stage: done or planned (up to a year ahead), to the day, after the licence."""
    partial = PartialDate.parse(single_value(value, "la date du premier jour du stage"))
    if partial.precision != "day":
        raise InvalidAnswer(
            f"Le jour exact compte pour un stage ({partial.french()} ne suffit pas). "
            f"{_which_day(partial, 'la date du premier jour du stage')}", awaiting=partial)
    day = partial.earliest()
    if day.year < OLDEST_PLAUSIBLE_YEAR or day > date(today.year + 1, today.month, min(today.day, 28)):
        raise InvalidAnswer(
            f"Le {partial.french()} ne me paraît pas possible pour un stage. Quelle est la date du premier jour du stage ?"
        )
    if licence is not None and day < licence.earliest():
        raise InvalidAnswer(
            f"Ce stage ({partial.french()}) serait antérieur à l'obtention de votre permis ({licence.french()}). "
            "Quelle est la date du premier jour du stage ?"
        )
    return partial


def balance(value: Any, ceiling: int = 12) -> int:
    """Points left on the licence: a whole number from 0 to 12."""
    value = single_value(value, "le nombre de points qu'il vous reste")
    try:
        number = float(str(value).replace(",", "."))
    except ValueError as error:
        raise InvalidAnswer("Indiquez un nombre de points, de 0 à 12 : par exemple 7.") from error
    if number != int(number) or number < 0:
        raise InvalidAnswer("Le solde de points est un nombre entier, de 0 à 12. Combien de points vous reste-t-il ?")
    if number > ceiling:
        raise InvalidAnswer(
            f"Un permis compte au plus {ceiling} points : {int(number)} n'est pas possible. "
            "Combien de points vous reste-t-il ?"
        )
    return int(number)


# a sum said in words or signs: "6 moins 2", "12 - 3", "8 + 2" (folded text); its result may be said before or after it
_SUM_SAID = re.compile(r"\b(\d{1,2})\s*(moins|-|\u2212|plus|\+)\s*(\d{1,2})\b(?!\s*(?:km|h\b|g\b|mois|ans?\b|jours?))")


def computed_count(text: str) -> Optional[int]:
    """The figure a message works out ("ben 4 du coup, 6 moins 2", "12 - 3 = 9", "6 moins 2 donc"): the result of
    the one sum it says, not that sum's last number (tester T50 c05 took "6 moins 2" for a balance of 2). None when
    the message says no sum, or several, or a result that is not the sum's."""
    folded = fold(text or "")
    sums = list(_SUM_SAID.finditer(folded))
    if len(sums) != 1:
        return None
    found = sums[0]
    first, sign, second = int(found.group(1)), found.group(2), int(found.group(3))
    result = first + second if sign in ("plus", "+") else first - second
    others = [int(n) for n in re.findall(r"\b\d{1,2}\b", folded[:found.start()] + " " + folded[found.end():])]
    if result < 0 or any(n != result for n in others):
        return None
    return result


def points_withdrawn(value: Any, maximum: int) -> int:
    value = single_value(value, "le nombre de points retirés")
    try:
        number = float(str(value).replace(",", "."))
    except ValueError as error:
        raise InvalidAnswer(f"Indiquez le nombre de points retirés, de 1 à {maximum}.") from error
    if number != int(number) or not 1 <= number <= maximum:
        raise InvalidAnswer(
            f"Une infraction retire de 1 à {maximum} points. Combien de points vous a-t-on retirés ?"
        )
    return int(number)


def as_bool(value: Any) -> bool:
    value = single_value(value, "oui ou non")
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "oui", "yes", "1"}:
        return True
    if text in {"false", "non", "no", "0"}:
        return False
    raise InvalidAnswer("Répondez par oui ou par non, s'il vous plaît.")


def to_date(value: Union[str, PartialDate, None], safe: str = "latest") -> Optional[date]:
    """The `date` the engine gets from a slot value: the `safe` end when only a month or year is known."""
    if value is None or value == NOT_PAID:  # a fine not paid: no date of payment yet (R2)
        return None
    partial = value if isinstance(value, PartialDate) else PartialDate.parse(value)
    return partial.latest() if safe == "latest" else partial.earliest()


# a licence category named ("permis AM/A1", "le permis B", "la moto", "catégorie A2"; not "permis a été…") and a licence obtained again after
# an invalidation or a cancellation ("annulé en 2019, repassé en 2020": the later one is the licence then, R5)
_CATEGORY_NAMED = re.compile(r"\bpermis\s+(?:de\s+)?(?:categorie\s+)?(?:a1|a2|am|b|be|c|d|moto|bsr)\b|\bcategories?\b"
                             r"|\bmoto\b|\bbsr\b|\b(?:a1|a2)\b")
_LICENCE_AGAIN = re.compile(r"\b(?:annul\w*|invalid\w*|repass\w*|reobten\w*|represent\w*|refai\w*|nouveau permis)\b")


def first_category_licence(message: Optional[dict]) -> Optional[str]:
    """"permis B le 1er décembre 2024, mais le permis AM/A1 depuis le 15 juin 2022": of the licence's days told in one
    message for several categories, the first: the probation runs from the first licence, whatever its category (R5;
    R.223-1 "quelle qu'en soit la catégorie"; T32 c32 counted it from the B). None when the message tells one such
    day, names no category, or tells a licence obtained again after an invalidation or a cancellation."""
    message = message or {}
    days = [e.get("value") for e in message.get("entities") or []
            if e.get("entity") == "date" and e.get("role") == "licence" and e.get("value")]
    text = fold(message.get("text") or "")
    if len(set(days)) < 2 or not _CATEGORY_NAMED.search(text) or _LICENCE_AGAIN.search(text):
        return None
    try:
        return min(days, key=lambda value: to_date(value, safe="earliest"))
    except InvalidAnswer:
        return None
