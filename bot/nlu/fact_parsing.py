"""French facts of a user message (dates, points, speeds, letter codes, offences...).

Pure Python, no Rasa import: `extract_facts(text, today)` returns `Fact`s whose
`start`/`end` point into the *original* text. It never raises: on any failure the
faulty layer yields no fact.

Layers:
* number words -> digits with `text_to_num.alpha2digit` (offsets mapped back);
* dates and durations in words ("12 mars 2023", "il y a deux ans", "lundi dernier")
  with plain regular expressions resolved against `today` (no native date parser:
  Duckling crashed the Rasa server), day/month/year numeric dates read day first;
  the parts of one date said apart ("en mars dernier, le 3") composed into one;
* patterns on a length-preserving folded copy (lower case, no accents) for
  points, speeds, letter codes, booleans and licence status;
* a French lexicon (`offence_lexicon.json`) for the offence keys.
"""
from __future__ import annotations

import calendar
import dataclasses
import difflib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from dateutil.relativedelta import relativedelta

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
LEXICON_PATH = HERE / "offence_lexicon.json"
PARAMETERS_PATH = HERE.parent.parent / "rules_core" / "parameters.json"

MAX_CHARS = 20_000  # beyond this, only the beginning of a message is read
CHUNK_CHARS = 300  # alpha2digit works on sentence-sized chunks

ROLE_LICENCE = "licence"
ROLE_STAGE = "stage"
ROLE_LETTER = "letter_48n"
ROLE_PAYMENT = "payment"
ROLE_OFFENCE = "offence"
ROLE_HANDED_BACK = "handed_back"
# the day a licence was invalidated (or cancelled by a court): the points of that licence never come back after it,
# the 10-year rule included, and the new one starts at 6 points (R10 example 3, R20)
ROLE_INVALIDATION = "invalidation"
# a stage proposed by the prosecutor or imposed by a judge (R11 cases 3 and 4): never the last stage that gave
# points, which alone starts the one-year clock (R13)
ROLE_COURT_STAGE = "court_stage"
# "mon permis probatoire s'est terminé le 1er octobre": the end of probation, never a letter's or an offence's day
# (tester T1 c61: that day was taken for the 48N's receipt)
ROLE_PROBATION_END = "probation_end"
# "le retrait a été enregistré le 15 novembre", "décision de retrait du 2 avril": the day the retrait took effect
# (R2, R18: from then the balance counts it, before any letter)
ROLE_RETRAIT_DECISION = "retrait_decision"
# "suspendu 2 mois depuis le 1er mars", "rétention du permis le 3 mars": the start of a suspension or a retention,
# never the licence's day nor a stage's (R14 example 3: it was taken for the licence, a probation of 6 points)
ROLE_SUSPENSION = "suspension"


@dataclass(frozen=True)
class Fact:
    entity: str
    value: Any
    start: int
    end: int
    text: str
    role: Optional[str] = None
    confidence: float = 1.0


@dataclass(frozen=True)
class _DatePart:
    """A date read in one place of the message, before the parts said together are composed into one
    ("en mars dernier ... le 3" is the 3rd of March)."""
    d: date
    grain: str  # "day", "month" or "year"
    start: int  # conv offsets
    end: int
    confidence: float
    role: Optional[str]
    missing: FrozenSet[str] = frozenset()  # "month", "year": not said, guessed from today
    # said in a clause about the future: guesses look ahead; None: a stage told without a tense, the nearer one
    ahead: Optional[bool] = False
    # an approximate date ("il y a 3 ans", "cet été"): the dates it may stand for; it never lends its fields
    window: Optional[Tuple[date, date]] = None


# --------------------------------------------------------------------------- text


_CHAR_MAP = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _CHAR_MAP:
        return _CHAR_MAP[ch]
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes/dashes/spaces made plain.

    The result has exactly the length of `text` (one character for one character),
    so offsets found in it are offsets in `text`."""
    return "".join(_fold_char(ch) for ch in text)


class _Normalised:
    """`conv`: the text with number words as digits; maps conv offsets to original ones."""

    def __init__(self, original: str):
        self.original = original
        parts: List[str] = []
        starts: List[int] = []
        ends: List[int] = [0]
        self.chunks: List[Tuple[int, int]] = []  # (start, end) in conv
        conv_len = 0
        for c_start, c_end in _chunks(original):
            piece = original[c_start:c_end]
            converted = _alpha2digit(piece)
            s_map, e_map = _align(piece, converted)
            parts.append(converted)
            starts.extend(c_start + x for x in s_map[:-1])
            ends.extend(c_start + x for x in e_map[1:])
            self.chunks.append((conv_len, conv_len + len(converted)))
            conv_len += len(converted)
        self.conv = "".join(parts)
        starts.append(len(original))
        self.start_map = starts
        self.end_map = ends
        self.fconv = fold(self.conv)

    def span(self, start: int, end: int) -> Optional[Tuple[int, int]]:
        if not (0 <= start < end <= len(self.conv)):
            return None
        o_start, o_end = self.start_map[start], self.end_map[end]
        if not (0 <= o_start < o_end <= len(self.original)):
            return None
        return o_start, o_end


def _chunks(text: str) -> List[Tuple[int, int]]:
    """Sentence-sized pieces of `text` covering it entirely, in order."""
    out: List[Tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?;]+(?=\s)|\n+", text):
        end = match.end()
        out.extend(_hard_split(text, start, end))
        start = end
    if start < len(text):
        out.extend(_hard_split(text, start, len(text)))
    return out


def _hard_split(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    out = []
    while end - start > CHUNK_CHARS:
        cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        if cut <= start:
            cut = start + CHUNK_CHARS
        out.append((start, cut))
        start = cut
    if end > start:
        out.append((start, end))
    return out


_NUMBER_WORD_HINT = re.compile(
    r"\b(?:z[eé]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingts?|trente|quarante|cinquante|soixante|cent|cents|mille|premi[eè]re?)\b",
    re.IGNORECASE,
)
# "sept" as a month ("12 sept 2023") must not become 7.
_SEPT_MONTH = re.compile(r"(?:\b\d{1,2}(?:er)?\s+|\b(?:en|de|mois de)\s+)sept\b\.?|\bsept\b\.?(?=\s+(?:19|20)\d\d\b)", re.IGNORECASE)


def _alpha2digit(piece: str) -> str:
    if not _NUMBER_WORD_HINT.search(piece):
        return piece
    try:
        from text_to_num import alpha2digit
    except Exception:  # pragma: no cover - dependency missing
        return piece
    protected = [(m.start(), m.end()) for m in _SEPT_MONTH.finditer(piece)]
    out = []
    pos = 0
    try:
        for p_start, p_end in protected + [(len(piece), len(piece))]:
            if p_start > pos:
                out.append(alpha2digit(piece[pos:p_start], "fr", threshold=0))
            out.append(piece[p_start:p_end])
            pos = max(pos, p_end)
        # "je parle d'un point perdu en mars 2025": the article glued to its "d'" is one point too (T11 c10)
        return re.sub(r"(?<![\w])([dD]['’])une?(?=\s+(?:points?|pts?)\b)", r"\g<1>1", "".join(out))
    except Exception:
        return piece


def _align(orig: str, conv: str) -> Tuple[List[int], List[int]]:
    """start_map[j] / end_map[j]: offset in `orig` of a span starting / ending at j in `conv`."""
    n = len(conv)
    s_map = list(range(n + 1))
    e_map = list(range(n + 1))
    if orig == conv:
        return s_map, e_map
    matcher = difflib.SequenceMatcher(None, orig, conv, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                s_map[j1 + k] = i1 + k
                e_map[j1 + k + 1] = i1 + k + 1
        else:
            for j in range(j1, j2):
                s_map[j] = i1
            for j in range(j1 + 1, j2 + 1):
                e_map[j] = i2
    s_map[n] = len(orig)
    e_map[0] = 0
    return s_map, e_map


# ------------------------------------------------------------------------ dates

# a cheap test before the word-date patterns run
_DATE_HINT = re.compile(
    r"\d|hier|demain|aujourd|janv|fevr|mars|avril|avr|mai|juin|juil|aout|sept|oct|nov|dec|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|semaine|mois|annee|\ban\b|\bans\b|"
    r"dernier|derniere|prochain|il y a|depuis|ete|hiver|printemps|automne|noel|paques|toussaint|jour|week|\bwe\b"
)


# ------------------------------------------------------------------ fact building


class _Builder:
    def __init__(self, text: str, today: date):
        self.text = text
        self.today = today
        self.norm = _Normalised(text)
        self.fconv = self.norm.fconv
        self.ftext = fold(text)
        self.facts: List[Fact] = []
        self.claimed: List[Tuple[int, int]] = []  # conv spans no bare number may come from
        self.date_parts: List[_DatePart] = []  # dates read so far, emitted once composed (_settle_dates)

    # -- helpers
    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.claimed)

    def add_conv(self, entity: str, value: Any, start: int, end: int, role: Optional[str] = None,
                 confidence: float = 0.9, claim: bool = True) -> None:
        span = self.norm.span(start, end)
        if claim:
            self.claim(start, end)
        if span is None:
            return
        self.add_orig(entity, value, span[0], span[1], role, confidence)

    def add_date(self, d: date, grain: str, start: int, end: int, confidence: float,
                 missing: FrozenSet[str] = frozenset(), ahead: Optional[bool] = False,
                 window: Optional[Tuple[date, date]] = None) -> None:
        """A date read in conv[start:end]: kept as a part until `_settle_dates` composes the parts."""
        self.claim(start, end)
        self.date_parts.append(_DatePart(d, grain, start, end, confidence, _date_role(self.fconv, start, end),
                                         frozenset(missing), ahead, window))

    def add_orig(self, entity: str, value: Any, start: int, end: int, role: Optional[str] = None,
                 confidence: float = 0.9) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if not (0 <= start < end <= len(text)):
            return
        self.facts.append(Fact(entity, value, start, end, text[start:end], role, round(confidence, 3)))


def extract_facts(text: str, today: date) -> List[Fact]:
    """All the facts found in `text`, sorted by position. Never raises."""
    try:
        if not isinstance(text, str) or not text.strip():
            return []
        if not isinstance(today, date):
            today = date.today()
        if isinstance(today, datetime):
            today = today.date()
        text = text[:MAX_CHARS]
        builder = _Builder(text, today)
    except Exception:  # pragma: no cover - defensive
        logger.exception("fact parsing failed")
        return []
    for layer in (_numeric_dates, _letter_codes, _word_dates, _settle_dates, _speeds, _amounts, _points, _numbers,
                  _booleans, _probation_year, _letter_uncollected, _previous_stage, _no_offence, _licence_status,
                  _stage_kind, _offences, _speeding_from_speeds):
        try:
            layer(builder)
        except Exception:  # pragma: no cover - defensive: one layer failing loses only its facts
            logger.exception("fact layer %s failed", getattr(layer, "__name__", layer))
    try:
        found = [fact for fact in _finalise(builder.facts) if not _refuted(text, fact)]
        return _paid_at_once(text, _without_counts_taken_back(text, _without_offences_taken_back(text, found)))
    except Exception:  # pragma: no cover - defensive
        logger.exception("fact finalisation failed")
        return []


# "payé direct", "réglée le jour même", "payé tout de suite", "payé sur place": the fine paid on the offence's day
_PAID_AT_ONCE = re.compile(
    r"\b(?:paye|payee|payes|payees|regle|reglee|regles|reglees)\s+(?:direct(?:ement)?|tout de suite|de suite|aussitot"
    r"|immediatement|dans la foulee|sur place|sur le champ|le jour meme|le meme jour|dans la journee)\b")


def _paid_at_once(text: str, facts: List[Fact]) -> List[Fact]:
    """"c'était un feu rouge en mars, payé direct": the offence's one day is also the payment's (R2: the day the
    offence is established), so the form does not ask it again (h29's leftover, T16 c31: asked twice)."""
    folded = fold(text)
    at_once = _PAID_AT_ONCE.search(folded)
    if not at_once:
        return facts
    payments = [f for f in facts if f.entity == "date" and f.role == ROLE_PAYMENT]
    if payments:
        # "un excès de 25 km/h début janvier (payé tout de suite)": the day said just before "payé tout de suite" is
        # the offence's, read as the payment's by the verb after it; both days are that one (T26 c07: the offence
        # went without a day, placed weeks before by the 45 days of the fine)
        said_with = [f for f in payments if f.end <= at_once.start() and re.fullmatch(
            r"[\s(,-]{0,4}", folded[f.end:at_once.start()])]
        if len(payments) != 1 or not said_with or any(f.entity == "date" and f.role == ROLE_OFFENCE for f in facts):
            return facts
        return sorted(facts + [dataclasses.replace(said_with[0], role=ROLE_OFFENCE)], key=lambda f: f.start)
    offence_days = [f for f in facts if f.entity == "date" and f.role == ROLE_OFFENCE] or [
        f for f in facts if f.entity == "date" and f.role is None and any(o.entity == "offence_type" for o in facts)]
    if len(offence_days) != 1:
        return facts
    return sorted(facts + [dataclasses.replace(offence_days[0], role=ROLE_PAYMENT)], key=lambda f: f.start)


# "le 3 juillet 2024 pas 2025", "35 km/h pas 45", "le 12 octobre pas le 2": the value after "pas" is the one
# corrected away, not a fact
_REFUTED_BEFORE = re.compile(r"(?:\bpas|\bet non|\bmais pas)\s+(?:le |la |en |de |a |une |un |1 |la lettre )?$")
_REFUTABLE = ("date", "number", "points", "speed_excess", "speed_limit", "speed_measured", "amount", "letter_code")


# "pourquoi 6 points ?", "comment ça 6 points ?": the answer's figure asked back, not a count the user tells (tester T42
# c09: read as the points of the offence, "6 points retirés" again)
_ASKED_BACK_BEFORE = re.compile(r"\b(?:pourquoi|comment ca|d'ou (?:sortent|viennent))\s+(?:(?:vous dites|tu dis|il y a"
                                r"|on me (?:retire|enleve)|vous me (?:retirez|enlevez)|je perds?|seulement|que)\s+)?$")


def _refuted(text: str, fact: Fact) -> bool:
    if fact.entity == "points" and _ASKED_BACK_BEFORE.search(fold(text[max(0, fact.start - 40):fact.start])) and \
            re.match(r"\s*\?", text[fact.end:]):
        return True
    return fact.entity in _REFUTABLE and bool(_REFUTED_BEFORE.search(fold(text[max(0, fact.start - 16):fact.start])))


# "j'avais pas mis mon clignotant... non attendez, c'était juste les gants", "flashé à 22 km/h au-dessus… non attendez,
# c'était les gants", "en fait non c'était pas un excès, c'était le téléphone": the offence said before the correction
# is taken back, its speeds with it (testers T3 c40, T5 c40)
_TAKEN_BACK = re.compile(r"\b(?:non|euh non|ah non|enfin non|pardon|non pardon)\s*,?\s*(?:attendez|attends|pardon|en fait"
                         r"|je me trompe|je me suis trompe|erreur|plutot)\b|\bje me (?:suis )?trompe\b|\bje rectifie\b"
                         r"|\b(?:en fait|enfin|finalement|ah|euh|oups|oh)\s*,?\s*non\b"
                         r"|\bnon\s*,?\s*(?:c'?\s?etait|c'?\s?est|ce n'?\s?etait|ce n'?\s?est|finalement)\b")
_ALSO_SAID = re.compile(r"\b(?:aussi|en plus|egalement|et puis)\b")
#: the facts that tell what the offence was: taken back with it
_OFFENCE_FACTS = ("offence_type", "speed_excess", "speed_measured", "speed_limit")
# "c'était pas un excès", "ce n'est pas un feu rouge": the offence named is denied
_DENIED_OFFENCE = re.compile(r"\b(?:c'?\s?etait|c'?\s?est|ce n'?\s?etait|ce n'?\s?est|ca n'?\s?etait|ca n'?\s?est)\s+"
                             r"(?:pas|plus)\s+(?:(?:un|une|1|le|la|les|l'|d'|de|du|des)\s*)?$")


def _without_offences_taken_back(text: str, facts: List[Fact]) -> List[Fact]:
    """The facts but those of an offence the message takes back: all said before the correction when another
    offence follows it, and an offence denied ("c'était pas un excès, c'était le téléphone")."""
    offences = [fact for fact in facts if fact.entity in _OFFENCE_FACTS]
    named = [fact for fact in offences if fact.entity == "offence_type"]
    dropped = set()
    for index, before in enumerate(offences):
        after = next((fact for fact in named if fact.start >= before.end), None)
        between = fold(text[before.end:after.start]) if after is not None else ""
        cue = _TAKEN_BACK.search(between)
        if cue and not _ALSO_SAID.search(between[cue.end():]):  # ("…, non c'était le 4, et aussi le téléphone")
            dropped.add(id(before))
    for fact in named:
        if _DENIED_OFFENCE.search(fold(text[max(0, fact.start - 30):fact.start])) and \
                any(other.start > fact.end for other in named):
            dropped.add(id(fact))
    return [fact for fact in facts if id(fact) not in dropped]


#: the counts a correction said in the same message replaces ("1 pt … attends non c'était 3 pts")
_COUNTS_CORRECTED = ("points",)


def _without_counts_taken_back(text: str, facts: List[Fact]) -> List[Fact]:
    """"j'ai pris 1 pt pour un clignotant… attends non c'était 3 pts": the count said before a correction is taken
    back, and the one said after it takes its role (3 points lost, not 1; tester T42 c15 was computed with 1)."""
    out = list(facts)
    for entity in _COUNTS_CORRECTED:
        index = 0
        while True:
            counts = [fact for fact in out if fact.entity == entity]
            if index + 1 >= len(counts):
                break
            before, after = counts[index], counts[index + 1]
            between = fold(text[before.end:after.start])
            cue = _TAKEN_BACK.search(between)
            if not cue or _ALSO_SAID.search(between[cue.end():]) or before.value == after.value \
                    or (after.role is not None and after.role != before.role):
                index += 1
                continue
            kept = dataclasses.replace(after, role=before.role)
            out = [kept if fact is after else fact for fact in out if fact is not before]
    return out


def _finalise(facts: List[Fact]) -> List[Fact]:
    seen = set()
    out = []
    for fact in sorted(facts, key=lambda f: (f.start, -(f.end - f.start), f.entity)):
        key = (fact.entity, repr(fact.value), fact.start, fact.end, fact.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(fact)
    return out


# ------------------------------------------------------------------------ roles

# a day written, then said again relatively: "le 30 novembre, donc avant-hier", "samedi 28 (soit hier)"
_RESTATED_DAY_BEFORE = re.compile(r"(?:\d|\b(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre"
                                  r"|novembre|decembre))\s*[,(]\s*(?:donc|soit|c'?\s?est[- ]a[- ]dire|autrement dit"
                                  r"|enfin|c'?\s?etait|cad)\s*$")
_RESTATED_RELATIVE_DAY = re.compile(r"(?<=[\w)])\s*[,(]\s*(?:donc|soit|c'?\s?est[- ]a[- ]dire|autrement dit|enfin|cad)\s+"
                                    r"(?:avant-hier|avant hier|hier|aujourd'hui|ce matin|hier soir)\s*[,)]")
_CLAUSE_BREAK = re.compile(r"[;!?\n()]|(?<!\d)[.,]|[.,](?!\d)|\b(?:et|mais|puis|car|donc|alors que|sauf que)\b"
                           # (not the "où" of "la date où j'ai eu mon permis", folded: that date's clause, T57 c16)
                           r"|(?<!\bdate )(?<!\bjour )(?<!\bmoment )\bou\b")  # a decimal comma ("0,3 g") does not end a clause

# "stage ordonné par le juge", "stage proposé par le procureur", "peine complémentaire", "composition pénale",
# "alternative aux poursuites": a stage of case 3 or 4 (R11), whatever the verb and the court
_COURT = r"(?:juge|tribunal|procureur|parquet|magistrat|justice|delegue du procureur)"
_STAGE_WORD = re.compile(r"\bstages?\b")
_COURT_STAGE_CUE = (
    r"\b(?:stages?|celui|l'autre)\s+(?:[\w']+\s+){0,3}?(?:ordonne|impose|prononce|propose|demande|exige|requis|decide|donne)e?s?\s+"
    r"(?:par|au|a)\s+(?:le\s+|la\s+|un\s+|une\s+|l')?" + _COURT + r"\b"
    r"|\b" + _COURT + r"\s+(?:[\w']+\s+){0,5}?stages?\b"
    # "un stage que le juge m'avait imposé", "le stage que le tribunal m'a ordonné" (T51 c09)
    r"|\bstages?\s+qu(?:e\s+|')(?:le\s+|la\s+|un\s+|une\s+|l')?" + _COURT + r"\s+(?:[\w']+\s+){0,3}?"
    r"(?:ordonne|impose|prononce|propose|demande|exige|decide|donne)e?s?\b"
    r"|\bpeines?\s+complementaires?\b|\bcomposition\s+penale\b|\balternatives?\s+aux\s+poursuites\b"
    r"|\b(?:a la place|au lieu)\s+(?:des|de|d'etre)\s+poursui\w*|\bstages?\s+(?:judiciaire|penal)s?\b"
    r"|\bcondamne\w*\s+a\s+(?:faire\s+|suivre\s+)?(?:un\s+|1\s+)?stage\b"
    # the obligation of a suspended sentence (not the 48N's: "obligation de faire un stage" alone is that one)
    r"|\bsursis\b[^.?!,]{0,40}\bstages?\b|\bstages?\b[^.?!,]{0,40}\bsursis\b")

_STAGE_ANAPHORA = re.compile(
    # (and one done: "j'en ai fait un le 10 janvier 2026", "il en a déjà suivi un en mars", T9 c30; not one booked,
    # "j'en ai réservé un pour le 16/02", the stage asked about)
    r"\ben\s+(?:ai|as|a|avais|avait|avons|avez|ont)\s+(?:deja\s+)?(?:re)?(?:fait|suivi|passe|effectue)"
    r"\s+(?:1|un|une)\b"
    r"|\ben\s+(?:re)?(?:fais|fait|faire|ferai|ferais|passe|passer|suis|suivre|suivrai|prends|prendre|reserve|commence)"
    r"\s+(?:1|un|une)\b(?:\s+(?:autre|nouveau|deuxieme|second|2e|2eme))?"
    # ("Le dernier c'était début décembre 2025": the last stage done, T35 c09 read "cette semaine" as it)
    r"|\b(?:le|un|1|mon)\s+(?:prochain|autre|nouveau|deuxieme|second|2e|2eme|dernier)\b(?!\s+(?:permis|point|points|lettre|pv|"
    r"amende|infraction|exces|retrait|fois|annee|an|mois|jour))"
    # (the stage named before, then its pronoun: "je dois faire le stage avant quand ? je veux le faire les 30 novembre
    # et 1er décembre", T28 c10)
    r"|\ble\s+(?:faire|suivre|commencer)\b|\bje\s+le\s+(?:fais|suis|commence|ferai)\b"
    # (the stage chosen among those told: "si je fais celui du 2 décembre j'arrive à combien ?", T57 c21 read the day as
    # one of the past year, then as the licence's)
    r"|\b(?:fais|fait|faire|ferai|ferais|prends|prendre|reserve|reserver|choisis|choisir|passe|suis|suivre)\s+"
    r"(?:plutot\s+|donc\s+)?celui\s+(?=(?:du|des|de)\s|qui\s+(?:commence|debute|demarre)\b)"
    # ("avec celui du 2 décembre j'aurai combien ?", "et celui des 5 et 6 ?")
    r"|\b(?:avec|et|pour|si)\s+celui\s+(?=(?:du|des)\s+(?:\d|1er))")
# "stage samedi", "le stage c'est ce week-end": a stage's day said by its name
_WEEKDAY_OR_WEEKEND = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|week-?\s?end|we\b)"
# the letter received told by its pronoun, in a message about a letter: "c koi la lettre 48 si ?? jlai recu hier", "je
# l'ai reçue le 3 novembre, je dois rendre mon permis avant quand ?" (tester T20 c07: "hier" had no role, so the 10
# days to hand the licence back were not counted, R19, R20)
_LETTER_ANAPHORA = re.compile(r"\b(?:je\s+l'?\s?(?:ai|avais)|j'?\s?l'?\s?ai|jl'?\s?ai|on me l'?\s?a|elle m'?\s?a ete|il m'?\s?a ete)"
                              r"\s+(?:bien\s+)?(?:recu\w*|signe\w*|receptionne\w*)\b")
# what makes the pronoun a letter: the letter named by its code, or the licence to hand back (only a 48SI asks it); not
# "la lettre" alone ("mon permis est suspendu, la lettre je l'ai reçue le 3 mars": a suspension's)
_LETTER_TOPIC = re.compile(r"\b48\s?(?:n|si)\b|\brendre (?:mon|le|son) permis\b")
_ROLE_CUES: List[Tuple[str, re.Pattern]] = [
    # first: "stage ordonné par le juge le 15/03" is that stage's date, not a conviction's ("juge" below)
    (ROLE_COURT_STAGE, re.compile(_COURT_STAGE_CUE)),
    (ROLE_LICENCE, re.compile(
        # "permis obtenu", "permis B depuis", "permis probatoire depuis", "permis de conduire définitif depuis"
        # ("permis AAC obtenu le 10 octobre 2024", "permis en conduite accompagnée obtenu en…": T9 c35)
        # ("le permis AM/A1 depuis le 15 juin 2022": categories joined, T32 c32)
        r"\bpermis?\s+(?:(?:(?:b|be|a1|a2|am)(?:\s*(?:/|\+|,|et|ou)\s*(?:b|be|a1|a2|am|a))*|de conduire|moto|auto|voiture|probatoire|definitif|aac|"
        r"(?:en |avec |par |via )?(?:la )?conduite accompagnee|(?:en |avec )?(?:l')?aac)\s+){0,2}"
        # the passive ("mon permis a été obtenu le 12/03/2023", "le permis m'a été délivré le…": tester T61 c29)
        r"(?:(?:m'\s?|l'\s?|lui\s+|nous\s+)?(?:a|avait|ont)\s+ete\s+)?"
        r"(?:obtenu|eu|passe|decroche|delivre|en poche|depuis|valide depuis|date de|date du|datant de|remonte a)\b"
        # "je conduis depuis 2011", "il roule depuis mars 2020": driving since then is having the licence (T19 c26)
        r"|\b(?:je|il|elle)\s+(?:conduis|conduit|roule)\s+depuis\b(?!\s+(?:\d+|quelques|plusieurs)\s*(?:h\b|heures?|min|km))"
        r"|(?<!plus )(?<!plus en )\bprobatoire\s+depuis\b|\b(?:jeune|nouveau)\s+conducteur\s+(?:novice\s+)?depuis\b|\bconducteur\s+novice\s+depuis\b"
        r"|\b(?:obtenu|eu|passe|decroche|obtenir|ai|jai|avoir|a|repasse|reobtenu|represente|refait)\s+"
        r"(?:mon|le|du|son|ton|mon)\s+(?:nouveau\s+)?permis?\b"
        # "annulé en 2019, repassé le 3 mars 2020": the licence obtained again, its date right after the verb
        r"|\b(?:repasse|reobtenu)\s+(?=(?:le|en)\s+(?:\d|janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec))"
        r"|\bobtention\s+(?:du|de mon|de son)\s+permis\b"
        # "le 10/02/2025 c'est la date de mon permis" (T57 c16: read as a payment's day)
        r"|\b(?:date|jour)\s+(?:d'\s?obtention\s+)?(?:du|de\s+(?:mon|son|ton|sa))\s+permis\b|\bjeune\s+permis\b|\bpermis\s+(?:a|au)\s+(?:l'age|la date)"
        # "permis 10/03/2024, excès de…", "permis : le 10 mars 2024": the licence named at the start of a clause, its
        # date right after it (not "rendu mon permis le 8 avril", where the licence is not what the clause starts with)
        # ("slt permis le 5 mars 2025, …": a greeting before it, tester T3 c10)
        r"|^\s*(?:(?:slt|salut|bonjour|bonsoir|bjr|hello|coucou|hey|cc)\b[\s,!.]*)?(?:mon\s+|le\s+)?permis\s*"
        r"(?:b\s+|probatoire\s+)?(?::\s*)?(?=(?:le\s+|du\s+)?\d)")),
    # a stage done, or booked ("il a fait son stage", "réservé un stage", "inscrit à un stage", "stage prévu le…"),
    # said in any person; "sa formation" is the stage, not the complementary training of a probationary licence.
    # "un"/"une" are already "1" in the converted text.
    (ROLE_STAGE, re.compile(
        r"\b(?:fait|effectue|suivie?|passe|realise|termine|fais|faire|fini|commence|debute|reservee?|bookee?|trouvee?"
        r"|inscrite?s?\s+(?:a|au|pour))\s+"
        r"(?:(?:un|1|le|la|l'|mon|ma|son|sa|ton|ta|ce|cette|notre|votre|leur)\s*)?(?:dernier\s+)?"
        r"(?:stage|formation(?!\s+(?:complementaire|post)))\b"
        r"|\bstage\s+(?:de recuperation(?: de points)?\s+|de sensibilisation\s+|obligatoire\s+|48\s?n\s+|volontaire\s+)?"
        r"(?:(?:est|a ete|sera|etait|deja)\s+)*"
        r"(?:fait|effectue|suivi|passe|realise|termine|prevu|reserve|booke|programme|planifie|trouve)\b|\bdernier\s+stage\b"
        r"|\bstage\s+(?:de recup\w*|de sensibilisation|volontaire)"
        # "stage volontaire les 14 et 15 avril 2025", "stage 48N du 12 au 13/01": the stage's days right after it
        r"|\bstage\s+(?:volontaire|obligatoire|48\s?n)\s+(?=(?:les?|du|en)\s+(?:\d|janv|fev|mars|avr|mai|juin|juil"
        r"|aout|sept|oct|nov|dec)|\d)"
        # "le stage du 12 mars est-il trop tard ?", "mon stage les 28 et 29": the date right after the word
        r"|\bstage\s+(?=(?:du|des|le|les|en|au|ce|cette)\s|\d|" + _WEEKDAY_OR_WEEKEND + r")"
        # "le stage c'est les 12 et 13 janvier", "mon stage aura lieu le 20", "le stage commence le 3 mars" (T5 c48)
        # ("le stage de juin c'était les 16 et 17 juin", "le stage d'avant c'était le 16": the stage named by its month or
        # its rank, T42 c20 read neither date as a stage's)
        r"|\bstage\s+(?:(?:de|d'|du)\s?(?:avant|juste avant|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre"
        r"|octobre|novembre|decembre)\s+|precedent\s+|dernier\s+)?"
        r"(?:c'?\s?etait|etait|avait lieu)\s+(?=(?:le|les|du|des)\s|\d|" + _WEEKDAY_OR_WEEKEND + r")"
        r"|\bstage\s+(?:c'?\s?est|est|ce sera|ca sera|sera|serait|aura lieu|a lieu|commence|debute|demarre|est prevu"
        r"|tombe)\s+(?=(?:le|les|du|des|en|au|ce|cette)\s|\d|" + _WEEKDAY_OR_WEEKEND + r")")),
    # the next stage named without the word, in a message about stages (R13): "j'en refais un le 30/11", "je
    # commence le prochain le 30 novembre", "un autre le 3 mars", "le deuxième les 30 novembre et 1er décembre"
    (ROLE_STAGE, _STAGE_ANAPHORA),
    # a stage named by its pronoun, its day right after: "je le fais aujourd'hui et demain", "jle fais le 3 et le 4" (after
    # a 48N's answer, T37/T39 c04 read them as no fact at all)
    (ROLE_STAGE, re.compile(
        r"\bj(?:e\s+|'?\s?)(?:le|la)\s+(?:fais|fait|suis|passe|commence|ferai|suivrai|passerai)\s+"
        # (the day right after it; its clause ends at "et", where the second day starts)
        r"(?=aujourd'?\s?hui\b|demain\b|(?:les?\s+)?\d{1,2}(?:er)?\b)")),
    # the letter received or signed for (a 48N, or a 48SI: "j'ai signé le recommandé 48SI le…")
    (ROLE_LETTER, re.compile(
        # ("je viens de recevoir la 48N le 15 novembre": the infinitive too)
        # ("elle a reçu hier une lettre recommandée…48N": the day between the verb and the letter, T24 c18)
        # ("mon mari a eu une lettre 48SI le 20 novembre": had is received, T32 c27)
        r"\b(?:recu\w*|recoi[st]|recoive|recevoir|sign(?:e|ee|es|ees)|(?:ai|as|a|avons|avez|ont|avait|avais)\s+eu)\s+"
        r"(?:(?:hier|avant-hier|ce matin|aujourd'hui)\s+)?"
        r"(?:(?:la|une|1|ma|mon|le|l'|sa|son|cette|un)\s*)?"
        r"(?:lettre|courrier|recommande|48\s?(?:n|si))\b"
        # ("la 48SI lui est présentée le 10 décembre": a registered letter presented is notified, CE 17/04/2025, R18)
        r"|\b(?:lettre|courrier|recommande|48\s?(?:n|si))\s+(?:48\s?(?:n|si)\s+)?"
        r"(?:(?:m'|lui\s+|me\s+|leur\s+|nous\s+|vous\s+)?(?:est|a ete|sera|serait)\s+)?"
        r"(?:recue?s?|arrivee?|receptionnee?|signee?s?|notifiee?s?|presentee?s?)\b"
        r"|\breception\s+(?:de\s+)?(?:la\s+|ma\s+)?(?:lettre|48\s?(?:n|si))\b"
        # "j'ai signé l'accusé de réception à la poste le 3 novembre", "je suis allée la chercher le 4": collected
        # that day, the receipt of R15 (T28 c29)
        r"|\bsign(?:e|ee|es|ees)\s+(?:l'?\s?)?(?:accuse|ar\b|avis de reception)"
        r"|(?<!pas )(?<!pas encore )\b(?:alle|allee|ete|passe|passee)\s+(?:la |le |l')?(?:chercher|recuperer|retirer)\b")),
    (ROLE_LETTER, _LETTER_ANAPHORA),
    # the fine paid, or the conviction made final, or the titre exécutoire of the majorée, or the composition
    # pénale executed: the offence is established that day, and the retrait counts from it (R2, L.223-1 al. 4)
    (ROLE_PAYMENT, re.compile(
        # ("réglé", not the noun: "la règle des 10 ans")
        r"\b(?:paye|payee|payees|payes|(?<!la )(?<!une )(?<!cette )regle(?!\s+(?:des|du|de)\b)|reglee|reglees"
        r"|paiement|reglement|payer|regler|paie|payais"
        # a payment planned: "je paierai mon PV le 15 décembre" (R2 example 4)
        r"|paierai|payerai|reglerai|paiera|payera|reglera|paierons|payerons|reglerons|paierez|payerez|reglerez"
        r"|condamn(?:e|ee|es|ees|ation|ations)|juge(?:e|es|ees|ment|ments)?"
        # (not the probation's yearly "majoration de +2", "majoration annuelle": points gained, T42 c23)
        r"|(?:titre\s+)?executoire|majoree?s?|majoration(?!\s+(?:de\s*\+|de\s+\d+\s*(?:points?|pts?)\b|annuelle"
        r"|de\s+points\b|des\s+points\b))|composition\s+penale|definitive?(?:ment)?)\b")),
    # the licence handed back after a 48SI: the 6-month wait runs from that day (R20)
    (ROLE_HANDED_BACK, re.compile(
        r"\b(?:rendu|remis|restitue|depose|rapporte)e?s?\s+(?:mon\s+|le\s+|son\s+)?permis\b"
        r"|\bpermis\s+(?:a\s+ete\s+|est\s+)?(?:rendu|remis|restitue|depose)"
        r"|\b(?:rendu|remis|restitue|depose)e?s?\s+(?:a|en)\s+(?:la\s+)?prefecture\b"
        # ("la 1ère fois je l'avais rendu en mars 2022": the earlier one's, told in the past perfect, T32 c10)
        r"|\bl'?\s?(?:ai|avais|avait|a)\s+(?:rendu|remis|depose|restitue)\b"
        # the licence to be handed back: "je le rends le 5 décembre", "je vais rendre mon permis le 5" (R20: the wait
        # counts from that day)
        # (or brought back there: "je le ramène à la préfecture le 5 décembre", T8 c33's family)
        # (of a relative's licence too: "il rend son permis demain", "il le rend demain", "elle va le rendre le 5",
        # T34 c27)
        r"|\b(?:rends|rend|rendrai|rendra|rendre|remets|remet|remettrai|remettra|remettre|deposerai|deposera|deposer"
        r"|restituer|ramene|ramenerai|ramenera|ramener)\s+"
        r"(?:mon\s+|le\s+|son\s+)?permis\b"
        r"|\b(?:je|j|il|elle|on)\s+(?:le|l')\s*(?:rends|rend|rendrai|rendra|remets|remet|remettrai|remettra|deposerai"
        r"|deposera|rapporte|rapporterai|rapportera|ramene|ramenerai|ramenera)\b"
        r"|\b(?:vais|va|vas|allons|allez|vont)\s+(?:le|l')\s*(?:rendre|remettre|deposer|rapporter|ramener)\b"
        # "rendu le 8 avril" said of the licence: not of points ("point … sera rendu le 10/07")
        r"|(?<!points )(?<!point )(?<!pts )(?<!sera )(?<!seront )(?<!serait )(?<!ete )(?<!est )"
        r"\b(?:rendu|remis|restitue)\s+le\b")),
    # "mon permis a été invalidé en 2020", "invalidation le 3 mars", "permis annulé par le juge en 2019" (R10, R20)
    (ROLE_INVALIDATION, re.compile(
        r"\binvalid(?:e|ee|es|ation|ations)\b"
        r"|\bpermis\s+(?:a\s+ete\s+|est\s+|etait\s+)?annule\b|\bannulation\s+(?:de\s+|du\s+)(?:mon\s+|son\s+)?permis\b"
        r"|\b(?:perdu|plus de)\s+(?:mon|son|le)\s+permis\b")),
    (ROLE_RETRAIT_DECISION, re.compile(
        # ("un retrait de 6 points (alcool 0,6 g/l) décidé le 5 novembre": the offence said between, T15 c12)
        r"\bretraits?\s+(?:de\s+\d+\s+points?\s+|de\s+points?\s+|des\s+points?\s+)?(?:\([^)]{0,40}\)\s*)?"
        r"(?:a\s+ete\s+|est\s+|a\s+bien\s+ete\s+)?"
        r"(?:enregistre|decide|prononce|inscrit|effectue|acte|applique)e?s?\b"
        r"|\bdecisions?\s+(?:de\s+|du\s+)retrait\b|\bpoints?\s+(?:ont\s+ete\s+|a\s+ete\s+)?(?:enleve|retire)s?\s+(?:sur|au)\s+"
        r"(?:le\s+)?(?:fichier|fnpc|site|mes points permis)\b"
        # the retrait told with its day right after it: "retrait de 6 points le 10 mai", "on m'a retiré 4 points le 2
        # avril", "4 points retirés le 3 mars" (tester T8 c24: its order with a stage decides whether the stage saved
        # the licence, R18)
        r"|\bretraits?\s+de\s+\d+\s+(?:points?|pts?)\s+(?=(?:le|du)\s+\d)"
        r"|\b(?:m'?\s?a|m'?\s?ont|on\s+m'?\s?a)\s+(?:\w+\s+)?(?:retire|enleve)\s+\d+\s+(?:points?|pts?)\s+(?=(?:le|du)\s+\d)"
        r"|\b\d+\s+(?:points?|pts?)\s+(?:m'?\s?ont\s+ete\s+|ont\s+ete\s+)?(?:retire|enleve)s?\s+(?=(?:le|du)\s+\d)")),
    (ROLE_SUSPENSION, re.compile(
        # (not "un stage pendant la suspension les 12 et 13 mars": the suspension dates something else there)
        r"(?<!pendant la )(?<!pendant ma )(?<!durant la )(?<!durant ma )(?<!pendant sa )"
        r"\bsuspen(?:du|due|dus|dues|sion|sions)\b|(?<!vitesse )\bretenue?s?\b|\bretention\b")),
    (ROLE_PROBATION_END, re.compile(
        r"\b(?:probatoire|probation)\s+(?:s'?\s?est\s+|est\s+|a\s+ete\s+|etait\s+|sera\s+|a\s+pris\s+)?"
        r"(?:termine\w*|fini\w*|acheve\w*|fin)\b"
        r"|\bfin\s+(?:de\s+)?(?:ma\s+|la\s+|mon\s+|sa\s+|son\s+)?(?:periode\s+)?(?:probatoire|probation|permis probatoire)\b"
        r"|\bplus\s+(?:en\s+)?(?:periode\s+)?probatoire\s+depuis\b")),
    (ROLE_OFFENCE, re.compile(
        r"\b(?:infraction|flashe\w*|flashe|controle|controlee?|arrete|arretee|commise?s?|interpelle\w*|verbalise\w*"
        # "arreter a 0,3 g" (an infinitive for the participle), not "arrêter de conduire"
        r"|arretee?s|arreter(?!\s+(?:de|d')\b)"
        # the check told by a reflexive past: "il s'est fait contrôler avec 0,3 g le 14 novembre" (T27 c18; not "faire
        # contrôler ma voiture", an inspection)
        r"|(?:s'?\s?est|me suis|se sont|t'?\s?es|s'?\s?etait|m'?\s?etais)\s+fait\w*\s+controler"
        # the excess itself: "excès de 35 km/h le 20 novembre"
        r"|pris en exces|pris par un radar|chope\w*|pince|pincee|grille\w*|brule\w*|exces de vitesse"
        # written without the apostrophe: "le 14 juillet c'est la date de lexces de vitesse" (tester T8 c13)
        r"|lexces de vitesse|linfraction"
        r"|exces(?:\s+de)?\s+(?:\+\s?)?\d{1,3}\s?(?:km\s?/\s?h|kmh|km\b)?"
        r"|feu rouge|telephone au volant"
        # "le 2 avril 2026 j'ai été pris au téléphone": the check told by its offence (tester T11 c39)
        r"|pris\s+(?:au|avec\s+(?:le|mon|son|un)|sur\s+(?:le|mon|son))\s+(?:telephone|tel|portable|smartphone)"
        r"|pris\s+sans\s+(?:ceinture|casque)"
        # the check itself: "soufflé 0,3 g le 20 octobre", "contrôle d'alcoolémie le…", "radar le…"
        r"|souffle\w*|alcoolemie|ethylotest|alcootest|depistage|radar)\b")),
]


# the licence named by a pronoun: "le permis, je l'ai depuis 2010", "mon permis je l'ai eu en septembre 2024".
# A cue only when the licence is the last thing named before it (not "la lettre, je l'ai reçue…").
# (or by a relative pronoun: "c'est mon permis que j'ai eu en septembre 2025", "le permis qu'il a obtenu en 2023", T16 c08)
# (not "est-ce que j'ai eu mes 2 points du 12 avril ?": a question, whose object is said after it; tester T42 c23 had
# the anniversary's day read as the licence's, then "date antérieure à l'obtention du permis")
_PRONOUN_LICENCE_CUE = re.compile(
    r"(?:\b(?:je|j|on|il|elle|tu)\s*l'?\s?|(?<!est-ce )(?<!est ce )\bqu(?:e\s+|'\s?)(?:je\s+|j'\s?|on\s+|il\s+|elle\s+"
    r"|tu\s+))"
    r"(?:ai|avais|a|avait|as|avions|avons)\s+"
    r"(?:eu|obtenu|passe|decroche|depuis|repasse|reobtenu|represente)\b"
    r"(?!\s+(?:mes|ses|les|des|\d+\s*(?:points?|pts?))\b)")
_LICENCE_ANTECEDENT = re.compile(r"\bpermis\b")
_OTHER_ANTECEDENT = re.compile(
    r"\b(?:lettre|courrier|recommande|48\s?(?:n|si|m)|amende|pv|proces|contravention|avis|stage|formation"
    r"|code|infraction|exces|retrait|suspension|invalidation|annulation|solde)\b")


def _pronoun_licence_cues(f: str, c_start: int, c_end: int) -> List[Tuple[int, int]]:
    spans = []
    for m in _PRONOUN_LICENCE_CUE.finditer(f, c_start, c_end):
        named = None
        for named in _LICENCE_ANTECEDENT.finditer(f, 0, m.start()):
            pass
        if named and not _OTHER_ANTECEDENT.search(f, named.end(), m.start()):
            spans.append((m.start(), m.end()))
    return spans


_ASIDE = re.compile(r"\([^()]{0,40}\)")


def _clause_bounds(f: str, start: int, end: int, reach: int = 70) -> Tuple[int, int]:
    # a short aside in brackets does not end the clause: "payé une amende feu rouge (4 points) le 25 novembre" is
    # the payment's day (tester T2, R18 ex. 1: it was taken for a stage's)
    f = _ASIDE.sub(lambda m: " " * len(m.group()), f)
    # nor the day said again ("le 30 novembre, donc avant-hier, elle a été contrôlée": the check's day, T32 c24)
    f = _RESTATED_RELATIVE_DAY.sub(lambda m: " " * len(m.group()), f)
    lo = max(0, start - reach)
    before = f[lo:start]
    last = None
    for m in _CLAUSE_BREAK.finditer(before):
        last = m
    c_start = lo + last.end() if last else lo
    hi = min(len(f), end + reach)
    m = _CLAUSE_BREAK.search(f, end, hi)
    c_end = m.start() if m else hi
    return c_start, c_end


# An offence named as the reason of what is dated ("payé une amende pour feu rouge le 10 novembre", "payer l'amende du
# feu rouge le 30", "condamné le 1er septembre pour un feu rouge"): the name, not an event of its own (R2: the date is the payment's or the conviction's).
# Not a verb of the offence itself ("un feu rouge grillé le 3 mars", "flashé pour excès de vitesse le 3 mars").
_OFFENCE_NAME = re.compile(r"infraction|exces|feu rouge|telephone au volant|alcoolemie|ethylotest|alcootest|radar")
_FOR_JUST_BEFORE = re.compile(r"(?:\bpour\s+|\bdu\s+|\bde\s+|\bd'\s?)"
                              r"(?:(?:un|une|1|le|la|l'|mon|ma|son|sa|ce|cet|cette|des|d'un|d'une)\s*)?$")
_DAY_LEAD_LE = re.compile(r"\ble\s*$")


def _offence_named_for(f: str, role: str, m_start: int) -> bool:
    return role == ROLE_OFFENCE and bool(_OFFENCE_NAME.match(f, m_start)) and \
        bool(_FOR_JUST_BEFORE.search(f, max(0, m_start - 12), m_start))


def _reasons_of_the_event(f: str, cues: List[Tuple[str, int, int]], start: int, end: int) -> List[Tuple[str, int, int]]:
    """The cues without the offences named as the reason of another event dated in the clause: after the date ("condamné
    le 1er septembre pour un feu rouge"), or between a payment and its day ("payé une amende pour feu rouge le 10
    novembre"; not "payé l'amende pour l'infraction du 3 mars", where the day is the offence's)."""
    others = [cue for cue in cues if not _offence_named_for(f, cue[0], cue[1])]
    if not others or len(others) == len(cues):
        return cues
    kept = []
    for role, m_start, m_end in cues:
        if _offence_named_for(f, role, m_start):
            if m_start >= end:
                continue
            paid_before = any(r == ROLE_PAYMENT and e <= m_start for r, _, e in others)
            if paid_before and m_end <= start and (_DAY_LEAD_LE.search(f, max(0, start - 4), start)
                                                   or f.startswith(("le ", "il y a "), start)):
                # ("payé une amende pour excès de vitesse il y a 10 jours": the payment's day too, T59 c05)
                continue
        kept.append((role, m_start, m_end))
    return kept


#: a whole day said right after a cue ("payé le 15 août", "réglée le 3/09"): the cue's own date (not "payé le 3",
#: the day of a month said before it: "en mars dernier j'ai payé le 3")
_DAY_RIGHT_AFTER = re.compile(r"\s*(?:le|du)\s+\d{1,2}(?:er)?\s*(?:[/.\-]\s?\d|janv|fev|mars|avr|mai|juin|juil|aout"
                              r"|sept|oct|nov|dec)")


#: "probatoire (permis le 3 mai 2025), feu rouge…": an aside that opens with the licence, its date right after it
#: (tester T7 c40); only that date, not the others of the clause
_LICENCE_ASIDE = re.compile(r"\(\s*(?:mon\s+|le\s+)?permis\s*(?:b\s+|probatoire\s+)?(?::\s*)?(?:le\s+|du\s+)?$")
#: "mon permis probatoire se termine le 10 janvier 2027 (obtenu 10/01/2024)": the licence named in the clause, its day
#: of obtention in the aside that follows (tester T38 c20: that date was asked again)
_LICENCE_OBTAINED_ASIDE = re.compile(r"\bpermis\b[^()]{0,80}\(\s*(?:obtenu|eu|passe|decroche)e?\s+(?:le\s+|en\s+)?$")


#: "permis de 2012", "permis B du 3 mars 2012", "un permis de mars 2015": the licence dated by its complement, the
#: date right after it only (not the other days of its clause: "probatoire (permis du 12/02/2025) : un stop le 3
#: novembre")
_LICENCE_OF = re.compile(r"\bpermis\s+(?:(?:b|be|a1|a2|am|moto|auto|voiture|probatoire|definitif)\s+)?(?:de|du|d')\s*$")
_DATE_WITH_ITS_YEAR = re.compile(r"(?:(?:19|20)\d\d|(?:\d{1,2}(?:\s?er)?\s+)?(?:janv|fev|mars|avr|mai|juin|juil|aout|sept"
                                 r"|oct|nov|dec)\w*\s+(?:19|20)\d\d|\d{1,2}/\d{1,2}/\d{2,4})\b")


#: "permis en juin 2024 jai perdu 1 point en fevrier 2025…", "permis en 2023, retrait de 3 points…": the licence that
#: opens the message, dated by "en" and a month with its year, or a year alone, right after it (tester T13 c32,
#: helper h22); only that date
_LICENCE_FIRST_IN = re.compile(r"^\s*(?:(?:slt|salut|bonjour|bonsoir|bjr|hello|coucou|hey|cc)\b[\s,!.]*)?(?:mon\s+|le\s+)?"
                               r"permis\s+(?:b\s+|probatoire\s+)?(?:en\s+)?$")


_MONTH_WITH_ITS_YEAR = re.compile(r"(?:(?:\d{1,2}(?:\s?er)?\s+)?(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)\w*"
                                  r"\s+)?(?:19|20)\d\d\b(?![/.\-]\d)")


#: a day said alone after a comma: ", le 10 octobre", ", le 3/09", ", en 1995"
_APPOSED_DAY = re.compile(r"^\s*(?:le|du|en)?\s*$")


def _date_role(f: str, start: int, end: int) -> Optional[str]:
    if _LICENCE_ASIDE.search(f, max(0, start - 40), start) or \
            _LICENCE_OBTAINED_ASIDE.search(f, max(0, start - 120), start) or (
            _LICENCE_OF.search(f, max(0, start - 40), start) and _DATE_WITH_ITS_YEAR.match(f, start)) or (
            _LICENCE_FIRST_IN.match(f[:start]) and _MONTH_WITH_ITS_YEAR.match(f, start + (3 if f.startswith("en ", start)
                                                                                           else 0))):
        return ROLE_LICENCE
    c_start, c_end = _clause_bounds(f, start, end)
    region = f[c_start:c_end]
    best: Optional[Tuple[int, str, int, int]] = None
    cues = [(role, c_start + m.start(), c_start + m.end())
            for role, pattern in _ROLE_CUES for m in pattern.finditer(region)
            # "composition pénale exécutée le 3 mars" is the day its retrait counts from (R2), not a stage's
            if (role != ROLE_COURT_STAGE or _STAGE_WORD.search(region))
            and (pattern is not _STAGE_ANAPHORA or _STAGE_WORD.search(f))
            and (pattern is not _LETTER_ANAPHORA or _LETTER_TOPIC.search(f))]
    court = any(role == ROLE_COURT_STAGE for role, _, _ in cues)
    if court:
        # "un stage volontaire le 20 avril après celui imposé par le juge": the stage named just before the date
        # is a voluntary one, whatever comes next
        named = list(_STAGE_WORD.finditer(f, c_start, start))
        if named and "volontaire" in f[named[-1].start():start] and \
                not _COURT_STAGE.search(f, named[-1].start(), start):
            return ROLE_STAGE
    cues += [(ROLE_LICENCE, m_start, m_end) for m_start, m_end in _pronoun_licence_cues(f, c_start, c_end)]
    if not cues and c_start > 1 and _APPOSED_DAY.match(f[c_start:start]) and f[c_start - 1] == "," and \
            not re.search(r"\w", f[end:c_end]):
        # "elle a payé l'amende tout de suite, le 10 octobre": the day set after a comma dates the clause before it
        # (T23 c13: the payment's day was asked again); "j'ai eu mon permis il y a longtemps, en 1995" (T27 c32: the
        # licence's date was asked again)
        p_start = _clause_bounds(f, c_start - 1, c_start - 1)[0]
        before = [(role, p_start + m.start(), p_start + m.end()) for role, pattern in _ROLE_CUES
                  if role in (ROLE_PAYMENT, ROLE_OFFENCE, ROLE_LICENCE)
                  for m in pattern.finditer(f[p_start:c_start - 1])]
        if before:
            return max(before, key=lambda cue: cue[2])[0]
    # "le 1er août j'ai eu 2 points pour un excès de 22 km/h payé le 15 août": a cue after the date that its own day
    # follows ("payé le 15 août") dates that day, not this one (tester T7 c37: 1er août was read as a payment)
    cues = [cue for cue in cues if cue[1] < end or not _DAY_RIGHT_AFTER.match(f, cue[2])]
    for role, m_start, m_end in _reasons_of_the_event(f, cues, start, end):
        if m_end <= start:
            dist = start - m_end
        elif m_start >= end:
            # (at the same distance, the cue before the date wins: "feu rouge le 3 février payé le 20 février",
            # the first date is the red light's, the second the payment's)
            dist = m_start - end + 0.5
        else:
            dist = 0
        if best is None or dist < best[0]:
            best = (dist, role, m_start, m_end)
    if best and best[1] == ROLE_STAGE and court and "volontaire" not in f[min(best[2], start):max(best[3], end)]:
        # "j'ai fait un stage le 3 mars dans le cadre d'une alternative aux poursuites": the stage done is that one
        return ROLE_COURT_STAGE
    return best[1] if best else None


# ------------------------------------------------------------------------ dates


# the end of a numeric date: no digit or separator goes on, but a full stop may end the sentence ("le 25/11/2026.")
_NUM_END = r"(?![\d/\-]|[.,]\d|\.[\w/\-])"
_NUM_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\2(\d{4}|\d{2})" + _NUM_END)
_ISO_DATE = re.compile(r"(?<![\d/.\-])((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})" + _NUM_END)
_MONTH_YEAR = re.compile(r"(?<![\d/.\-])(\d{1,2})[/.\-]((?:19|20)\d\d)" + _NUM_END)
_DAY_MONTH = re.compile(r"(?<![\d/.\-])(\d{1,2})/(\d{1,2})" + _NUM_END)
_POINTS_UNIT = r"(?:points?|pts?|pt|pnts?)\b"


def _two_digit_year(yy: int, today: date) -> int:
    year = 2000 + yy
    return year if year <= today.year + 1 else 1900 + yy


# "les 30 et 31/12/2025", "du 12 au 13/01": the two consecutive days of a stage (R.223-5); the date is the
# first day. Without a year, only after "le/les/du" ("7 et 8/12" may be points out of 12).
_NUM_RANGE = re.compile(
    r"(?<![\w/.\-])(?P<prefix>(?:les?|du)\s+)?(?P<first>\d{1,2})(?:\s?er)?\s*(?:et|au|a|-|&)\s*(?:le\s+)?"
    r"(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?:(?P=sep)(?P<year>\d{4}|\d{2}))?" + _NUM_END)


# The ceilings a balance is said against: 12, and those of probation (R5)
_CEILINGS = (6, 8, 9, 10, 12)


def _numeric_dates(b: _Builder) -> None:
    f = b.fconv
    for m in _ISO_DATE.finditer(f):
        b.claim(m.start(), m.end())
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        b.add_date(d, "day", m.start(), m.end(), 0.97)
    _numeric_ranges(b)
    for m in _NUM_DATE.finditer(f):
        if b.is_claimed(m.start(), m.end()):
            continue
        b.claim(m.start(), m.end())
        day, month, year_s = int(m.group(1)), int(m.group(3)), m.group(4)
        year = int(year_s) if len(year_s) == 4 else _two_digit_year(int(year_s), b.today)
        try:
            d = date(year, month, day)
        except ValueError:
            # "31/02/2025": a date that does not exist, said back to the user rather than ignored
            # (with the role a real date there would have: "payé le 31/02/2025" is a payment's, which the correction
            # said next, "pardon le 28/02/2025", then fills)
            b.add_conv("invalid_date", f"{day:02d}/{month:02d}/{year}", m.start(), m.end(),
                       _date_role(f, m.start(), m.end()), 0.9)
            continue
        b.add_date(d, "day", m.start(), m.end(), 0.97)
    for m in _MONTH_YEAR.finditer(f):
        if b.is_claimed(m.start(), m.end()):
            continue
        b.claim(m.start(), m.end())
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            b.add_date(date(year, month, 1), "month", m.start(), m.end(), 0.9)
    for m in _DAY_MONTH.finditer(f):
        if b.is_claimed(m.start(), m.end()):
            continue
        day, month = int(m.group(1)), int(m.group(2))
        after = f[m.end():m.end() + 12]
        before = f[max(0, m.start() - 25):m.start()]
        if month in _CEILINGS and day <= month and (re.match(r"\s*" + _POINTS_UNIT, after) or re.search(
                r"(?:reste|ai|jai|j'ai|solde|suis a|plus que|points?)\s*$", before)
                or (month == 12 and f.strip() == m.group(0))):
            # "7/12", "5/8": 7 points out of 12, 5 out of a probationary ceiling of 8 (R5). Alone,
            # only "7/12" is a balance: a bare "5/8" answering a date question is the 5th of August.
            b.add_conv("points", day, m.start(), m.end(), "balance", 0.85)
            continue
        b.claim(m.start(), m.end())
        ahead = _date_ahead(f, m.start(), m.end())
        d = _year_less_day(day, month, b.today, ahead) if 1 <= month <= 12 else None
        if d is not None:
            b.add_date(d, "day", m.start(), m.end(), 0.85, frozenset({"year"}), ahead)


_STAGE_JUST_BEFORE = re.compile(r"\bstages?\s*:?\s*$")


def _numeric_ranges(b: _Builder) -> None:
    f = b.fconv
    for m in _NUM_RANGE.finditer(f):
        first, day, month, year_s = int(m.group("first")), int(m.group("day")), int(m.group("month")), m.group("year")
        # "stage 12-13/03": the stage named right before its two days says what they are
        named = _STAGE_JUST_BEFORE.search(f, max(0, m.start() - 12), m.start())
        if day != first + 1 or not 1 <= month <= 12 or not (year_s or m.group("prefix") or named):
            continue  # not a stage's two days: the dates and numbers are read one by one
        if year_s:
            year = int(year_s) if len(year_s) == 4 else _two_digit_year(int(year_s), b.today)
            try:
                b.add_date(date(year, month, first), "day", m.start(), m.end(), 0.95)
            except ValueError:
                pass
            continue
        ahead = _date_ahead(f, m.start(), m.end())
        d = _year_less_day(first, month, b.today, ahead)
        if d is not None:
            b.add_date(d, "day", m.start(), m.end(), 0.85, frozenset({"year"}), ahead)


# ------------------------------------------------------------------ word dates
#
# French dates and durations written in words, read with regular expressions on the
# folded text where number words are already digits ("le douze mars" -> "le 12 mars").
# Each pattern below is tried in order; a span already claimed (numeric dates, letter
# codes, an earlier pattern) is skipped. Values: "YYYY-MM-DD", "YYYY-MM" or "YYYY".
# Without a year ("en mars", "le 3 janvier", "lundi", "le 12"), the most recent one
# that is not in the future; in a clause about a plan ("je fais le stage le 28"), the
# next one (see "tense" below).

_SP = r"[ \t]+"
_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_MONTH_ABBREVIATIONS = {"janv", "fevr", "fev", "avr", "juil", "sept", "oct", "nov", "dec"}
_MONTH_NAME = (r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
               r"|(?:janv|fevr|fev|avr|juil|sept|oct|nov|dec)\b\.?)(?![\w])")
_MONTH = r"(?P<month>" + _MONTH_NAME + ")"
_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_WEEKDAY_RE = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY = r"(?P<day>1" + r"[ \t]?er|[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d])"
_PAST = r"(?:dernier|derniere|passe|passee|precedent|precedente)"
_NEXT = r"(?:prochain|prochaine|suivant|suivante)"
# "à 14h30", "vers 9 h", "hier soir": part of the date's span, not a date of its own
_TIME_TAIL = (r"(?:" + _SP + r"(?:a|vers|des|dans la|en|au)" + _SP + r"(?:\d{1,2}" + r"[ \t]?h(?:[ \t]?\d{2})?(?![\w/])|"
              r"\d{1,2}:\d{2}|matinee|soiree|nuit|midi|minuit)|" + _SP + r"(?:matin|soir|midi|apres-midi|aprem|dans la nuit))?")
_DURATION_UNIT = r"(?:ans?|annees?|mois|semaines?|jours?|heures?|h|minutes?|min)\b"
_AMOUNT_QUALIFIER = (r"(?:(?:plus de|moins de|environ|presque|a peu pres|bientot|pres de|deja|seulement|juste|au moins|"
                     r"maintenant|exactement|pile)" + _SP + r")?")

_DURATION_RE = re.compile(
    r"(?<![\w'])(?P<cue>il" + _SP + r"y" + _SP + r"a" + _SP + r"de" + _SP + r"ca|(?:il" + _SP + r")?y[ \t']?a|depuis|"
    r"ca" + _SP + r"fait|cela" + _SP + r"fait|ca" + _SP + r"va" + _SP + r"faire|voila|voici|dans)" + _SP
    + _AMOUNT_QUALIFIER + r"(?P<n>\d{1,3})" + r"[ \t]?(?P<unit>" + _DURATION_UNIT + r")"
    r"(?:(?P<half>" + _SP + r"et" + _SP + r"demie?\b)|" + _SP + r"et" + _SP + r"(?P<n2>\d{1,3})[ \t]?(?P<unit2>"
    + _DURATION_UNIT + r"))?")
# "vieux permis, plus de 10 ans", "plus de quinze ans de permis": a time gone by without "depuis", said as more than a
# number of years (tester T9 c25: the licence's date asked again); not an age ("il a plus de 18 ans")
_MORE_THAN_YEARS_RE = re.compile(
    r"(?<![\w'])(?<!\ba )(?<!\bai )(?<!\bas )(?<!\bavait )(?<!\bavais )(?<!\bage de )(?<!\bages de )(?<!\bdure )"
    r"(?<!\bpendant )(?<!\bdurant )"
    r"(?:plus de|au moins|bien plus de|largement plus de)" + _SP + r"(?P<n>\d{1,2})[ \t]?(?P<unit>ans|annees)\b"
    r"(?![ \t]+(?:d'|de[ \t]+(?!permis))\w)")
# "une vingtaine d'années", "depuis une quinzaine d'années", "il y a une dizaine de mois": a number said roughly
ROUGHLY_SO_MANY = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
                   "cinquantaine": 50}
_ROUGHLY_SO_MANY_RE = re.compile(
    r"(?<![\w'])(?:(?P<cue>il" + _SP + r"y" + _SP + r"a|y" + _SP + r"a|depuis|ca" + _SP + r"fait|cela" + _SP + r"fait|dans)"
    + _SP + r"(?:(?:bien|environ|presque|deja|plus de|pres de)" + _SP + r")?)?(?:1|une)" + _SP + r"(?:bonne" + _SP
    + r")?(?P<word>" + "|".join(ROUGHLY_SO_MANY) + r")" + _SP + r"(?:d'|de" + _SP + r")(?P<unit>annees|ans|mois|"
    r"semaines|jours)\b")
# before a bare "une vingtaine d'années": an age ("il a", "âgé de") or a length of time ("pendant"), not a time ago
_NOT_A_TIME_AGO = re.compile(r"\b(?:a|ai|as|avait|avais|ont|age|agee?s?|de|pendant|durant|dure|pour)\s+$")


def rough_number_margin(amount: int) -> int:
    """How far a number said roughly may be from the true one, in its unit: a quarter of it ("une vingtaine": 5)."""
    return max(1, round(amount / 4))


_BARE_DURATION_RE = re.compile(
    r"(?<![\w.,/])\d{1,3}[ \t]?(?:ans?|annees?|mois|semaines?|jours?)\b(?:" + _SP + r"et" + _SP + r"demie?\b)?")
_DAY_MONTH_RE = re.compile(
    r"(?<![\w'])(?:(?P<prefix>le|les|du|ce|au)" + _SP + r")?(?:" + _WEEKDAY_RE + _SP + r")?" + _DAY
    # ("mardi 24 et mercredi 25 novembre": the second day named with its weekday too, T62 c20 read "mardi" as today)
    + r"(?:(?:" + _SP + r"(?:et|au|a)" + _SP + r"(?:le" + _SP + r")?(?:" + _WEEKDAY_RE + _SP + r")?|[ \t]*[-&][ \t]*)"
    + r"(?:1" + r"[ \t]?er|[0-3]?\d))?"
    + _SP + r"(?:(?:de" + _SP + r")?"
    + _MONTH + r"(?:" + _SP + _YEAR + r")?|du" + _SP + r"mois" + _SP + r"(?:(?P<mpast>" + _PAST + r")|(?P<mnext>"
    + _NEXT + r")))" + _TIME_TAIL)
# "les 30 novembre et 1er décembre 2026", "du 31 janvier au 1er février": a stage's two days across a month's end
_CROSS_MONTH_RANGE_RE = re.compile(
    r"(?<![\w'])(?:les|du)" + _SP + r"(?P<day>[23]\d)" + _SP + r"(?P<first_month>" + _MONTH_NAME + ")"
    + r"(?:" + _SP + r"(?P<first_year>(?:19|20)\d\d))?(?:" + _SP + r"(?:et|au|a)" + _SP + r"(?:le" + _SP + r")?|[ \t]*[-&][ \t]*)"
    + r"(?:1[ \t]?er|0?1)" + _SP + _MONTH + r"(?:" + _SP + _YEAR + r")?")
_SPACED_NUMERIC_RE = re.compile(
    r"(?<![\w.,/\-])(?:le" + _SP + r")?(?P<day>[0-3]?\d)" + _SP + r"(?P<m>[01]?\d)" + _SP + _YEAR + r"(?![\w.,/]\d)")
_MONTH_RE = re.compile(
    r"(?<![\w])(?:(?P<prefix>en|au" + _SP + r"mois" + _SP + r"de|mois" + _SP + r"de)" + _SP + r"|(?P<prefix2>au" + _SP
    + r"mois" + _SP + r"d'|mois" + _SP + r"d')[ \t]*)?(?:(?P<part>debut|fin|mi|courant|milieu)(?:[ \t]*-[ \t]*|" + _SP
    + r")(?:(?:de|d')[ \t]*)?)?" + _MONTH + r"(?:" + _SP + _YEAR + r"|" + _SP + r"(?P<past>" + _PAST + r")|"
    + _SP + r"(?P<next>" + _NEXT + r"))?")
# "en janvier, les 18 et 19", "en mars, le 3": the days of the month named just before, said after it (the month not
# repeated: T54 c12 counted a stage "en janvier, les 18 et 19" from 1 January)
_DAYS_AFTER_THE_MONTH = re.compile(
    r"[ \t]*,?[ \t]*(?:les?|du)" + _SP + r"(?P<day>1[ \t]?er|[0-3]?\d)(?:(?:" + _SP + r"(?:et|au|a)" + _SP + r"(?:le"
    + _SP + r")?|[ \t]*[-&][ \t]*)(?:1[ \t]?er|[0-3]?\d))?(?![\d/:\-]|[.,]\d|[ \t]*(?:h\b|heures?|points?|pts?|km|%|€|euros?"
    r"|ans?|mois|jours?|" + _MONTH_NAME + "))")
_SEASONS = {"printemps": 3, "ete": 6, "automne": 9, "hiver": 12}
_SEASON_RE = re.compile(
    r"(?<![\w'])(?:(?P<prefix>en|cet|cette|l'|au|a|pendant|durant|de|d'|ce)[ \t]*)?(?P<season>printemps|ete|automne|hiver"
    r"|noel|paques|toussaint|nouvel an|jour de l'an)(?![\w'])(?:" + _SP + _YEAR + r"|" + _SP + r"(?P<past>" + _PAST
    + r")|" + _SP + r"(?P<next>" + _NEXT + r"))?")
_RELATIVE_DAY_RE = re.compile(
    r"(?<![\w'])(?P<word>avant[ \t-]?hier|apres[ \t-]?demain|hier|aujourd'?[ \t]?hui|demain|ce" + _SP + r"matin"
    r"|ce" + _SP + r"soir|cet" + _SP + r"apres-midi|cette" + _SP + r"nuit)(?![\w])" + _TIME_TAIL)
_RELATIVE_PERIOD_RE = re.compile(
    r"(?<![\w'])(?:(?:la|le|l')[ \t]*)?(?P<unit>semaine|mois|annee|an)" + _SP + r"(?:(?P<past>" + _PAST + r")|(?P<next>"
    + _NEXT + r"))(?![\w])|(?<![\w'])(?P<this>cette" + _SP + r"semaine|ce" + _SP + r"mois(?:-ci)?|cette" + _SP
    + r"annee(?:-ci)?)(?![\w])")
# "fin de l'année dernière", "à la fin de 2025" (folded text, right before the year): the year's last month, not the
# whole year, whose safe day for an offence (its 1st January) would be months away from the one meant (tester T28 c16 got "l'infraction du 1er janvier 2025" for "fin de l'année dernière", and the ceiling before the
# first anniversary of the licence)
_PART_OF_YEAR_BEFORE = re.compile(r"\b(fin)\s+(?:de\s+(?:l'\s?|la\s+)?|d'\s?|des\s+|du\s+)?(?:annee\s+|an\s+)?$")
_PART_OF_YEAR_MONTH = {"fin": 12}
_WEEKDAY_DATE_RE = re.compile(
    r"(?<![\w'])(?:(?:le|ce|depuis)" + _SP + r")?(?P<weekday>" + _WEEKDAY_RE + r")(?![\w])(?:" + _SP + r"(?:(?P<past>"
    + _PAST + r")|(?P<next>" + _NEXT + r"))(?![\w]))?" + _TIME_TAIL)
# "un vendredi", "c'était un samedi": a day of the week said with the indefinite article names which day it was
_A_DAY_OF_THE_WEEK = re.compile(r"(?<![\w'])(?:un|1)\s+$")
# between the two days of a stage told by their names: "samedi et dimanche", "samedi-dimanche", "samedi/dimanche"
_WEEKDAY_PAIR_GAP = re.compile(r"\s*(?:et|-|/|&|,|au)?\s*(?:le\s+)?")
_WEEKEND = r"(?:week-?\s?ends?|we)"
_WEEKEND_RE = re.compile(r"(?<![\w'])(?:(?P<this>ce)" + _SP + _WEEKEND + r"(?![\w-])"
                         r"|(?:le|du)" + _SP + _WEEKEND + _SP + r"(?:(?P<past>" + _PAST + r")|(?P<next>" + _NEXT + r"))"
                         r"(?![\w]))")
_DAY_ONLY_RE = re.compile(r"(?<![\w'])le" + _SP + r"(?:" + _WEEKDAY_RE + _SP + r")?" + _DAY + r"(?![\d/:\-]|[.,]\d)")
_YEAR_RE = re.compile(r"(?<![\d/.])(?<!\d-)" + _YEAR + r"(?![/]|[.,\-]\d)")
# a capitalised word right before a bare year, not at a sentence's start ("l'auto-école Pilote 2000")
_NAME_BEFORE = re.compile(r"(?<![.!?:\n])(?<![.!?:\n] )(?<!^)\s([A-ZÀ-Ý][\w'-]*)\s+$")
_DATE_LEAD_WORDS = {"en", "depuis", "fin", "debut", "mi", "courant", "janvier", "fevrier", "mars", "avril", "mai", "juin",
                    "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "annee", "printemps", "ete",
                    "automne", "hiver", "noel", "paques", "toussaint", "l'an", "le", "de", "du", "avant", "apres",
                    "vers", "dans", "pour", "jusqu'en", "depuis", "permis", "et", "ou", "mais", "puis"}
_NOT_A_YEAR_AFTER = re.compile(r"\s*(?:€|euros?|eur\b|km|m\b|metres|points?|pts?|kg|%|ch\b|cv\b)")


def _format(d: date, grain: str) -> str:
    if grain == "year":
        return f"{d.year:04d}"
    if grain == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _duration_delta(amount: float, unit: str) -> Optional[relativedelta]:
    if amount < 0 or amount > 200:
        return None
    if unit.startswith("an"):
        return relativedelta(months=round(amount * 12))
    if unit == "mois":
        whole = int(amount)
        return relativedelta(months=whole, days=round((amount - whole) * 30))
    if unit.startswith("semaine"):
        return relativedelta(days=round(amount * 7))
    if unit.startswith("jour"):
        return relativedelta(days=round(amount))
    return relativedelta(days=0)  # hours, minutes: today


def _duration_window(d: date, unit: str) -> Tuple[date, date]:
    """The dates "il y a 3 ans" may stand for: one unit either side (people round)."""
    step = _duration_delta(1, unit) or relativedelta(days=0)
    return d - step, d + step


def _month_number(word: str) -> int:
    return _MONTHS[word.rstrip(".")]


def _nearest_day(day: int, month: Optional[int], today: date, ahead: bool = False) -> Optional[date]:
    """The most recent `day` (of `month`, or of any month) that is not after today; with `ahead`, the first
    one that is not before today (a planned stage)."""
    step = 1 if ahead else -1
    on_side = (lambda d: d >= today) if ahead else (lambda d: d <= today)
    if month is None:
        cursor = date(today.year, today.month, 1)
        for _ in range(13):
            try:
                d = cursor.replace(day=day)
            except ValueError:
                d = None
            if d is not None and on_side(d):
                return d
            cursor = cursor + relativedelta(months=step)
        return None
    for year in range(today.year, today.year + 9 * step, step):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if on_side(d):
            return d
    return None


def _latest_month(month: int, today: date, past: bool = False, future: bool = False) -> date:
    """That month this year or last year: the most recent one not after this month ("dernier": before
    this month); with `future` ("prochain"), the next one after this month."""
    if future:
        return date(today.year if month > today.month else today.year + 1, month, 1)
    if month < today.month or (month == today.month and not past):
        return date(today.year, month, 1)
    return date(today.year - 1, month, 1)


def _next_month(month: int, today: date) -> date:
    """That month this year or next year: this month counts ("je fais le stage en décembre" in December)."""
    return date(today.year if month >= today.month else today.year + 1, month, 1)


def _year_less_day(day: int, month: Optional[int], today: date, ahead: Optional[bool]) -> Optional[date]:
    """`ahead`: the next such day (a plan); False: the last one; None (a stage told without a tense): the nearer."""
    if not 1 <= day <= 31:
        return None
    if ahead is None:
        days = [d for d in (_nearest_day(day, month, today), _nearest_day(day, month, today, True)) if d is not None]
        return min(days, key=lambda d: abs((d - today).days), default=None)
    return _nearest_day(day, month, today, ahead)


def _year_less_month(month: int, today: date, ahead: Optional[bool]) -> date:
    if ahead is None:
        behind, next_one = _latest_month(month, today), _next_month(month, today)
        # (the month ahead is nearer when its first day is nearer than the last day of the one behind)
        return next_one if (next_one - today) < (today - (behind + relativedelta(months=1, days=-1))) else behind
    return _next_month(month, today) if ahead else _latest_month(month, today)


def _either_ahead(a: Optional[bool], b: Optional[bool]) -> Optional[bool]:
    """Two parts of one date, `a` said first: looking ahead when either does, the nearer one when neither says its
    tense. When one is told as past and the other as ahead, the first decides: the part said after only refines it,
    and its clause reaches the question that follows ("je l'avais reçue début septembre, le 4 je crois, ça passe pour
    les 4 mois ?", "payé début mars, le 3, c'est bon ?": a receipt, a payment told as past are this year's past day,
    not next year's; tester T53 c12 got "Le 4 septembre 2027 est dans le futur")."""
    if a is not None and b is not None and a != b:
        return a
    if a or b:
        return True
    return None if a is None and b is None else False


# ------------------------------------------------------------------------- tense
#
# A date without its year is the latest one, unless its clause speaks of the future ("je fais le stage le
# 28 janvier", "stage prévu le 3 mars", "je passerai le stage en janvier"): then the next one. The cue
# nearest to the date decides, as for roles: "le mois prochain je paie, j'ai été flashé le 3 mars" is past.

# "et", "mais"... start another verb ("j'ai fait un stage le 3 mars et je vais en refaire un le 28
# janvier"); a comma does not ("je vais faire le stage, le 28 janvier").
_TENSE_BREAK = re.compile(r"[.;!?\n()]|\b(?:et|mais|puis|car|donc|ou|alors que|sauf que|parce que)\b")
# ("je peux me faire rembourser", "faire annuler": faire before another verb makes someone else act, no plan of the
# user's; h38: "j'ai fait le stage le 20 novembre, je peux me faire rembourser ?" put the stage a year ahead)
_INFINITIVE = (r"(?:(?:re)?faire(?!\s+[a-z]+(?:er|ir)\b)|passer|suivre|effectuer|realiser|aller|inscrire|reserver"
               r"|participer|commencer"
               # a payment planned: "je compte la régler le 20", "je dois payer le 15" (R2 example 4: à venir)
               r"|payer|regler"
               # a letter to come: "je dois recevoir la 48N le 10", "elle devrait arriver le 12"
               r"|recevoir|arriver"
               # a licence to hand back: "je compte le déposer ce vendredi", "je dois le rendre lundi" (R20: the wait
               # runs from that day, to come; T48 c07 read the last Friday, before the 48SI was received)
               r"|rendre|deposer|remettre|ramener|rapporter)")
# a letter's arrival supposed: "et si la 48SI lui est présentée le 10 décembre", "si je reçois la 48SI le 10",
# "si elle arrive le 12" (R18: the day it would be notified, to come; tester T16 c12)
_SUPPOSED_LETTER = re.compile(
    r"\bs(?:i\s+|')(?:[\w']+\s+){0,3}?(?:est|sont)\s+(?:presentee?s?|notifiee?s?|distribuee?s?)\b"
    r"|\bs(?:i\s+|')(?:je|j'|il|elle|on|tu|vous|nous)\s*(?:la\s+|le\s+|l')?(?:recois|recoit|recevez|recevons"
    r"|receptionne)\b"
    r"|\bsi\s+(?:la\s+|sa\s+|ma\s+|ta\s+|votre\s+|une\s+)?(?:lettre\s+|courrier\s+|recommande\s+)?"
    r"(?:48\s?(?:n|si)\s+|elle\s+)?(?:arrive|tombe)\b")
_FUTURE_TENSE_ENDINGS = r"(?:erai|eras|era|erons|erez|eront|irai|iras|ira|irons|irez|iront)"
_FUTURE_CUE = re.compile(
    # "je vais faire", "on va le passer"
    r"\b(?:vais|vas|allons|allez|vont)\s+(?:[\w']+\s+){0,2}?[a-z]+(?:er|ir|re)\b"
    r"|\b(?:on|il|elle|stage)\s+va\s+(?:[\w']+\s+){0,2}?[a-z]+(?:er|ir|re)\b"
    # "prévu", "inscrit pour", "réservé"
    # (not "un stage du 23 au 24 novembre, réservé avant": booked earlier, the stage done; T32 c27 put it a year ahead)
    r"|\b(?:prevue?s?|programmee?s?|planifiee?s?|inscrite?s?|inscris|inscription|reservee?s?|bookee?s?)\b"
    r"(?!\s+(?:avant|depuis|d'avance|a l'avance|bien avant|longtemps|il y a)\b)"
    # "je compte le faire", "je dois passer", "je veux m'inscrire"
    r"|\b(?:compte|comptons|veux|voudrais|souhaite|souhaiterais|aimerais|dois|doit|devrais|devrait|envisage|prevois"
    r"|pense|espere"
    r"|prefere|prefererais|peux|pourrais|peut|pourrait)"
    r"\s+(?:le\s+|la\s+|l'|en\s+|y\s+|m'y\s+|m'|me\s+)?" + _INFINITIVE + r"\b"
    # the present for a plan: "je fais le stage le 28", "on passe un stage"
    r"|\b(?:je|j'|on|nous)\s*(?:le\s+|l')?(?:re)?(?:fais|fait|faisons|passe|passons)\s+(?:le|un|1|mon|ce|notre)\s+stage\b"
    # the stage chosen among those on offer: "si je fais celui du 2 décembre", "je prends celui des 5 et 6" (T57 c21)
    r"|\b(?:je|j'|on|nous)\s*(?:re)?(?:fais|faisons|passe|passons|prends|prenons|reserve|reservons|choisis)\s+"
    r"(?:plutot\s+|donc\s+)?celui\b"
    # "je commence le stage jeudi", "on débute le stage lundi"
    r"|\b(?:je|j'|on|nous|il|elle)\s*(?:commence|commencons|commencent|debute|debutons)\s+(?:le|un|mon|son|ce|notre)"
    r"\s+stage\b"
    # the same told of someone else: "s'il fait le stage les 10-11 décembre", "elle passe son stage le 8" (T9 c03, c25)
    r"|\b(?:tu|il|elle|ils|elles|vous)\s+(?:le\s+|l')?(?:re)?(?:fais|fait|font|faites|passes?|passent|passez|suit|suivent"
    r"|suivez"
    # "s'il finit son stage du 7-8 décembre avant d'avoir reçu la 48SI": its end supposed, to come (T56 c26 read 2025)
    r"|finis|finit|finissent|finissez|termines?|terminent|terminez)\s+(?:le|un|1|son|sa|ton|votre|leur|ce)\s+stage\b"
    # another one, planned: "et si j'en refais un en mars ?", "j'en repasse un en juin" (R13; tester T7 c01)
    r"|\b(?:j'?\s?|on\s+|nous\s+)en\s+re(?:fais|faisons|passe|passons)\s+(?:un|1)\b"
    r"|\bje\s+(?:le\s+|l')(?:fais|passe|faisais|passais)\b"
    # the present for a payment planned: "je paie le 10", "le 10 décembre je la règle" (R2 example 4: the points are
    # still to be withdrawn, so the day is the next one)
    r"|\b(?:je|j'|on|nous)\s*(?:la\s+|le\s+|l'\s?|les\s+)?(?:paie|paye|payons|regle|reglons)\b"
    # the present for a licence to hand back: "si je rends mon permis le 10 décembre", "je le remets le 5" (R20: the
    # 6-month wait will run from that day; T8 c33's family)
    r"|\b(?:je|j'|on)\s*(?:rends|remets|ramene|rapporte|depose)\s+(?:mon|le|son)\s+permis\b"
    r"|\b(?:je|on)\s+(?:le\s+|l')(?:rends|remets|ramene|rapporte|depose)\b"
    # a planned date moved: "et si je le décale au 20 janvier", "je peux le repousser au 15 mars" ("en avance",
    # "d'avance" are not the verb)
    r"|(?<!en )(?<!d')(?<!a l')\b(?:decal|repouss|report|avanc)(?:e|es|er|ez|ons|ent|ee|ees)\b"
    r"|\b(?:a venir|bientot|prochainement|prochaine?s?)\b"
    # a day not known yet: "le stage obligatoire je sais pas encore, sûrement mi-janvier" (T42 c20 put it a year back)
    r"|\b(?:sais|sait|savons|savez|connais|connait)\s+pas\s+encore\b"
    # a plan supposed in the passive: "s'il est fait les 14-15 décembre", "si le stage est suivi le 20" (h31)
    # ("il s'est fait contrôler le 14 novembre" is a reflexive verb, past: "s'" before "est" is no "si"; T27 c18)
    r"|\b(?:si\s+(?:(?:il|elle|on|le\s+stage|la\s+formation|c')\s*)?|s'\s?(?:il|ils)\s*)(?:est|etait)\s+"
    r"(?:fait|faite|suivie?|passee?"
    r"|effectuee?|realisee?)\b"
    r"|" + _SUPPOSED_LETTER.pattern +
    # a hearing to come: "je suis convoqué au tribunal en janvier", "audience en février", "je passe au tribunal
    # le 12" (R2: the points go once the conviction is final, after that day); "je suis passé au tribunal" is past
    r"|\b(?:convoquee?s?|convocation|audience|comparution|comparaitre|comparais)\b"
    r"|\b(?:je|j'|il|elle|on|tu|vous|nous)\s*(?:passe|passes|passez|passent|passons)\s+(?:au|devant)\s+"
    r"(?:le\s+|la\s+|un\s+)?(?:tribunal|juge|justice|cour|police|procureur|delegue)"
    # a plan asked about: "le 27 et 28 février ça passe ?", "le 14, ça marche ?", "c'est bon pour le 3 mars ?"
    r"|\b(?:ca|cela)\s+(?:passe|passerait|marche|marcherait|va|irait|le fait|colle|suffit)\b"
    # a stage found or seen on offer is one to take: "j'ai trouvé un stage le 5", "j'ai vu une session le 12"
    r"|\b(?:trouvee?s?|vue?s?|repere|dego[tn]\w*)\s+(?:un|une|1|le|la|des)\s+(?:stage|session|place|formation)s?\b"
    # the future tense: "je ferai", "je passerai", "il aura lieu"
    r"|\b(?!(?:cameras?|operas?)\b)[a-z]+" + _FUTURE_TENSE_ENDINGS + r"\b"
    r"|\b(?:ira|aurai|auras|aura|aurons|aurez|auront|pourrai|pourra|devrai|devra|recevrai|recevra|viendrai|viendra"
    r"|verrai|verra|saurai|saura|faudra)\b")
# "j'ai fait", "il a été invalidé": an auxiliary and a past participle (a word, not "une", "à", "mon"...);
# "c'était le 2 mai"; "perdu le 10/01", "stage fait le 3 mars": a participle alone. A participle that is
# itself a plan ("je suis inscrit", "j'ai réservé") stays a plan.
_PAST_CUE = re.compile(
    r"\b(?:ai|as|a|avons|avez|ont|avais|avait|avions|aviez|avaient|suis|est|sommes|etes|sont|etais|etait)\s+"
    r"(?:(?:deja|bien|ete|pas|jamais|enfin|finalement)\s+)*"
    r"(?!(?:une?|des|les?|la|du|de|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|votre|leur|ce|cet|cette|ces|que|qui|plus"
    r"|encore|toujours|rien|tout|trop|tres|plutot|en|a|au|aux|pour|sur|dans|avec|sans|1|\d+)\b)"
    # ("elle a jusqu'à quand ?": a delay asked, no participle; T42 c05 put a 48N supposed a year back)
    r"(?!jusqu')"
    r"[a-z]+(?:e|ee|es|ees|i|is|it|u|ue|us|t)\b"
    r"|\b(?:etait|etaient|etais|avait lieu|hier|deja)\b"
    r"|\b(?:fait|faite|suivi|effectuee?|terminee?|fini|passee?|payee?s?|reglee?s?|recue?s?|flashee?|controlee?"
    r"|arretee?|perdue?s?|obtenue?|commise?|retiree?s?|notifiee?|envoyee?|arrivee?|eu)\b")


_HYPOTHETICAL_OTHER_DATE = re.compile(r"\bsi\b.*\bplutot\b|\bplutot\b.*\bsi\b")
# a day asked about with "c'est bon ?", "c'est ok ?": a plan, when nothing in its clause is past ("j'ai fait le stage
# le 5, c'est bon ?" asks about a stage done)
_PLAN_ASKED_WITHOUT_A_VERB = re.compile(r"\bc'?\s?est\s+(?:bon|ok|jouable|possible)\b")
_DATE_LEAD = re.compile(r"(?:\b(?:le|les|du|au|ce|depuis|pour|en|fin|debut|mi)\s+)+$")


# a short aside in brackets, no clause of its own: "j'ai fini mon stage obligatoire (48N) samedi" (tester T50 c12: the
# bracket cut "fini" off the day, read as the coming Saturday)
_ASIDE = re.compile(r"\([^()\n.;!?]{1,20}\)")


def _tense_region(f: str, start: int, end: int, reach: int = 70) -> Tuple[int, int]:
    lo, hi = max(0, start - reach), min(len(f), end + reach)
    asides = [m.span() for m in _ASIDE.finditer(f, lo, hi)]

    def breaks(a: int, b: int):
        return [m for m in _TENSE_BREAK.finditer(f, a, b)
                if not any(s <= m.start() < e for s, e in asides)]
    before = breaks(lo, start)
    c_start = before[-1].end() if before else lo
    after = breaks(end, hi)
    return c_start, (after[0].start() if after else hi)


# "j'ai reçu la 48N le 3 novembre, je dois faire un stage ?": a letter received just before the date governs it,
# whatever the plan said after (a letter to come is "je vais recevoir", never "reçu")
_RECEIVED_JUST_BEFORE = re.compile(r"\b(?:recu|recue|recus|recues|receptionnee?|arrivee?|signee?)\b[^,.;:!?]{0,30}$")


# "avant d'avoir reçu la 48SI": a participle after "avant d'avoir" tells what has not happened yet, no past of the clause
_BEFORE_HAVING = re.compile(r"\bavant\s+d'\s?(?:avoir|etre)\s+$")


def _speaks_of_future(f: str, start: int, end: int) -> bool:
    """Whether the cue nearest to f[start:end] in its clause is a future one."""
    lead = _DATE_LEAD.search(f, max(0, start - 25), start)
    if lead:
        start = lead.start()  # "perdu le 10/01": the article belongs to the date
    c_start, c_end = _tense_region(f, start, end)
    received = _RECEIVED_JUST_BEFORE.search(f, c_start, start)
    if received and not any(m.start() <= received.start() < m.end()
                            for m in _SUPPOSED_LETTER.finditer(f, c_start, start)):
        return False  # ("si la 48SI arrive le 10": a present supposed, not "arrivée le 10")
    supposed = [m for m in _SUPPOSED_LETTER.finditer(f, c_start, start)]
    if supposed and not _PAST_CUE.search(f, supposed[-1].end(), start):
        # "s'il reçoit la 48SI le 5 décembre, c'est fichu ?": the letter's arrival supposed is to come, whatever the
        # clause says of it after the date ("c'est fichu" is no past of the receipt; T51 c26 read 5 December 2025)
        return True
    futures = [(m.start(), m.end()) for m in _FUTURE_CUE.finditer(f, c_start, c_end)
               if m.end() <= start or m.start() >= end]
    pasts = [(m.start(), m.end()) for m in _PAST_CUE.finditer(f, c_start, c_end)
             if (m.end() <= start or m.start() >= end) and not any(s < m.end() and m.start() < e for s, e in futures)
             and not _BEFORE_HAVING.search(f, max(0, m.start() - 20), m.start())]
    if not futures:
        # "et si c'est plutôt en février ?": another date for a plan, when nothing in the clause is past
        # ("non, plutôt le 3 février" alone corrects a date, whatever its tense)
        return not pasts and bool(_HYPOTHETICAL_OTHER_DATE.search(f, c_start, c_end)
                                  or _PLAN_ASKED_WITHOUT_A_VERB.search(f, c_start, c_end))

    def distance(span: Tuple[int, int]) -> Tuple[int, int]:
        # nearest first; at equal distance, the cue before the date ("perdu le 10/01 sera rendu")
        return (start - span[1], 0) if span[1] <= start else (span[0] - end, 1)

    return not pasts or min(map(distance, futures)) < min(map(distance, pasts))


def _speaks_of_past(f: str, start: int, end: int) -> bool:
    """Whether the clause of f[start:end] has a verb of the past ("j'ai fait le stage ce week-end")."""
    c_start, c_end = _tense_region(f, start, end)
    return bool(_PAST_CUE.search(f[c_start:start] + " " + f[end:c_end]))


_PAST_BY_NATURE = (ROLE_OFFENCE, ROLE_LICENCE)
# "depuis le 15 novembre", "depuis janvier": the date a state started, behind today
_SINCE_LEAD = re.compile(r"\bdepuis\s+(?:(?:le|la|l'|fin|debut|mi)\s*)*$")


def _date_ahead(f: str, start: int, end: int) -> Optional[bool]:
    """Whether a date without its year is the next one: its clause speaks of the future, and it is not the day of an
    offence committed or a licence obtained, past by nature whatever plan the clause tells ("feu rouge le 3 mars, je
    vais le payer", "flashé le 28, je paie quand ?": the last one; R2 example 4 is about the payment's day). None for
    a stage's day told without a tense: the nearer one."""
    role = _date_role(f, start, end)
    if role in _PAST_BY_NATURE or _SINCE_LEAD.search(f, max(0, start - 25), start):
        # ("suspendu 3 mois depuis le 15 novembre, je peux faire un stage ?": since that day, past whatever plan the
        # clause tells)
        return False
    if _speaks_of_future(f, start, end):
        return True
    return None if role == ROLE_STAGE and _told_without_tense(f, start, end) else False


# a stage named as the last one, or one done ("mon dernier stage le 14 décembre", "stage du 3 mars, déjà fait")
_EARLIER_STAGE = re.compile(r"\b(?:dernier|derniere|precedent|ancien|premier|deja|fait|faits|faite|suivi|effectue|termine"
                            r"|fini)\b")


def _told_without_tense(f: str, start: int, end: int) -> bool:
    """A stage's day told with no verb of the past nor of a plan ("stage le 14 décembre", "le stage : les 10 et 11
    décembre"): the nearer such day, ahead as well as behind, rather than the last one (tester T9 c25: a stage
    booked for 10 December was read as the one of a year before)."""
    lead = _DATE_LEAD.search(f, max(0, start - 25), start)
    c_start, c_end = _tense_region(f, lead.start() if lead else start, end)
    region = f[c_start:start] + " " + f[end:c_end]
    return not _PAST_CUE.search(region) and not _EARLIER_STAGE.search(region)


def _in_range(d: date, today: date) -> bool:
    return 1920 <= d.year <= today.year + 20


class _DateScan:
    """Runs the word-date patterns over a builder and emits the `date` facts."""

    def __init__(self, b: _Builder):
        self.b = b
        self.f = b.fconv
        self.today = b.today

    def emit(self, d: Optional[date], grain: str, start: int, end: int, confidence: float = 0.9,
             missing: FrozenSet[str] = frozenset(), ahead: Optional[bool] = False,
             window: Optional[Tuple[date, date]] = None) -> None:
        self.b.claim(start, end)
        if d is None or not _in_range(d, self.today):
            return
        self.b.add_date(d, grain, start, end, confidence, missing, ahead, window)

    def ahead(self, start: int, end: int) -> bool:
        return _date_ahead(self.f, start, end)

    def free(self, start: int, end: int) -> bool:
        return not self.b.is_claimed(start, end)

    def run(self) -> None:
        if not _DATE_HINT.search(self.f):
            return
        for step in (self.durations, self.cross_month_ranges, self.day_months, self.spaced_numeric, self.days_only, self.months, self.seasons,
                     self.relative_days, self.relative_periods, self.weekdays, self.weekends, self.years):
            try:
                step()
            except Exception:  # pragma: no cover - defensive: one pattern failing loses only its dates
                logger.debug("date step %s failed", step.__name__, exc_info=True)

    # "il y a 2 ans", "depuis 18 mois", "ça fait 3 ans", "il y a 2 ans et demi": today minus the duration
    def durations(self) -> None:
        f, today = self.f, self.today
        for m in _DURATION_RE.finditer(f):
            if not self.free(m.start(), m.end()):
                continue
            amount = int(m.group("n")) + (0.5 if m.group("half") else 0)
            delta = _duration_delta(amount, m.group("unit"))
            if delta is not None and m.group("n2"):
                extra = _duration_delta(int(m.group("n2")), m.group("unit2"))
                delta = delta + extra if extra is not None else None
            d = None
            window = None
            if delta is not None:
                try:
                    d = today + delta if m.group("cue") == "dans" else today - delta
                    window = _duration_window(d, m.group("unit2") or m.group("unit"))
                except (OverflowError, ValueError):
                    d = None
            self.emit(d, "day", m.start(), m.end(), 0.92, window=window)
        for m in _ROUGHLY_SO_MANY_RE.finditer(f):
            # "une vingtaine d'années", "il y a une dizaine de mois": a number said roughly, a quarter of it either side
            bare = not m.group("cue")
            if not self.free(m.start(), m.end()) or (bare and (not m.group("unit").startswith("an") or
                                                               _NOT_A_TIME_AGO.search(f, max(0, m.start() - 12),
                                                                                      m.start()))):
                continue  # (bare, only years: "il a une vingtaine d'années" is an age, "pendant une dizaine d'années")
            amount = ROUGHLY_SO_MANY[m.group("word")]
            delta = _duration_delta(amount, m.group("unit"))
            d = today + delta if m.group("cue") == "dans" else today - delta
            margin = _duration_delta(rough_number_margin(amount), m.group("unit"))
            self.emit(d, "day", m.start(), m.end(), 0.85, window=(d - margin, d + margin))
        for m in _MORE_THAN_YEARS_RE.finditer(f):
            if self.free(m.start(), m.end()):
                d = today - relativedelta(years=int(m.group("n")))
                self.emit(d, "day", m.start(), m.end(), 0.85, window=_duration_window(d, "ans"))
        # "pendant 2 ans", "18 mois": a duration, never a bare number
        for m in _BARE_DURATION_RE.finditer(f):
            if self.free(m.start(), m.end()):
                self.b.claim(m.start(), m.end())

    # "les 30 novembre et 1er décembre 2026": the first day, when the second is the 1st of the next month
    def cross_month_ranges(self) -> None:
        for m in _CROSS_MONTH_RANGE_RE.finditer(self.f):
            if not self.free(m.start(), m.end()):
                continue
            first_month, month = _month_number(m.group("first_month")), _month_number(m.group("month"))
            if month != first_month % 12 + 1:
                continue  # "les 30 novembre et 1er mars": two dates, read one by one
            day = int(m.group("day"))
            year_said = m.group("first_year") or m.group("year")
            # the year said last is the second day's: "les 31 décembre et 1er janvier 2027" starts in 2026
            year = (int(year_said) - (1 if month == 1 and not m.group("first_year") else 0) if year_said
                    else 2001)  # any year whose February has 28 days, to check that the two days follow
            last_day = date(year, first_month, 1) + relativedelta(months=1, days=-1)
            if day != last_day.day:
                continue  # "les 29 novembre et 1er décembre": two dates, read one by one
            if year_said:
                self.emit(last_day, "day", m.start(), m.end())
                continue
            ahead = self.ahead(m.start(), m.end())
            first = _year_less_day(day, first_month, self.today, ahead)
            if ahead and first - relativedelta(years=1) + relativedelta(days=1) >= self.today:
                # "je veux le faire les 30 novembre et 1er décembre" said on 1 December: the stage under way, whose
                # second day is today, not next year's (T28 c10)
                first = first - relativedelta(years=1)
            self.emit(first, "day", m.start(), m.end(), missing=frozenset({"year"}), ahead=ahead)

    # "le 12 mars 2023", "1er janvier 2022", "le lundi 3 mars", "les 3 et 4 avril", "le 28 du mois dernier"
    def day_months(self) -> None:
        f, today = self.f, self.today
        for m in _DAY_MONTH_RE.finditer(f):
            start = m.start() if m.group("prefix") != "au" else m.start("day")
            if not self.free(start, m.end()):
                continue
            day = int(m.group("day").replace("er", "").strip())
            d: Optional[date] = None
            if m.group("month"):
                month = _month_number(m.group("month"))
                if m.group("year"):
                    try:
                        d = date(int(m.group("year")), month, day)
                    except ValueError:
                        # "le 31 février 2026": a date that does not exist, said back to the user as "31/02/2026" is
                        # (T11 c23: ignored, the rest of the message asked again)
                        if 1 <= day <= 31:
                            self.b.add_conv("invalid_date", f"{day:02d}/{month:02d}/{m.group('year')}", start,
                                            m.end(), _date_role(f, start, m.end()), 0.9)
                            continue
                        d = None
                else:
                    ahead = self.ahead(start, m.end())
                    self.emit(_year_less_day(day, month, today, ahead), "day", start, m.end(),
                              missing=frozenset({"year"}), ahead=ahead)
                    continue
            else:
                base = date(today.year, today.month, 1) + relativedelta(months=-1 if m.group("mpast") else 1)
                try:
                    d = base.replace(day=day)
                except ValueError:
                    d = None
            self.emit(d, "day", start, m.end())

    # "le 12 03 2023": a numeric date written with spaces
    def spaced_numeric(self) -> None:
        for m in _SPACED_NUMERIC_RE.finditer(self.f):
            if not self.free(m.start(), m.end()):
                continue
            try:
                d = date(int(m.group("year")), int(m.group("m")), int(m.group("day")))
            except ValueError:
                continue
            self.emit(d, "day", m.start(), m.end())

    # "mars 2023", "en mars", "fin octobre 2024", "en janvier dernier"
    def months(self) -> None:
        f, today = self.f, self.today
        for m in _MONTH_RE.finditer(f):
            if not self.free(m.start(), m.end()):
                continue
            word = m.group("month").rstrip(".")
            year, past, nxt = m.group("year"), m.group("past"), m.group("next")
            if word in _MONTH_ABBREVIATIONS and not (year or past or nxt or m.group("prefix") or m.group("prefix2") or m.group("part")):
                continue  # "oct", "nov" alone: too weak
            if word == "sept" and not (year or past or nxt):
                continue  # "sept" alone, "en sept": the number 7
            month = _MONTHS[word]
            days = _DAYS_AFTER_THE_MONTH.match(f, m.end()) if not m.group("part") else None
            if days is not None and self.free(m.end(), days.end()) and \
                    self._day_after_its_month(m, month, int(days.group("day").replace("er", "").strip()), days.end()):
                continue
            if year:
                self.emit(date(int(year), month, 1), "month", m.start(), m.end())
            elif past or nxt:
                self.emit(_latest_month(month, today, past=bool(past), future=bool(nxt)), "month", m.start(), m.end())
            else:
                ahead = self.ahead(m.start(), m.end())
                self.emit(_year_less_month(month, today, ahead), "month", m.start(), m.end(),
                          missing=frozenset({"year"}), ahead=ahead)

    def _day_after_its_month(self, m: re.Match, month: int, day: int, end: int) -> bool:
        """"en janvier, les 18 et 19": the first day said after its month, the month's year read as the month's own;
        False when that month has no such day ("en février, le 30": the month alone is read)."""
        year, past, nxt = m.group("year"), m.group("past"), m.group("next")
        ahead = self.ahead(m.start(), end)
        first = date(int(year), month, 1) if year else _latest_month(
            month, self.today, past=bool(past), future=bool(nxt)) if past or nxt else _year_less_month(
            month, self.today, ahead)
        try:
            d = first.replace(day=day)
        except ValueError:
            return False
        told = year or past or nxt
        self.emit(d, "day", m.start(), end, missing=frozenset() if told else frozenset({"year"}),
                  ahead=False if told else ahead)
        return True

    # "cet été", "l'hiver dernier", "au printemps 2022", "à Noël"
    def seasons(self) -> None:
        f, today = self.f, self.today
        for m in _SEASON_RE.finditer(f):
            if not self.free(m.start(), m.end()):
                continue
            season, year, past, nxt = m.group("season"), m.group("year"), m.group("past"), m.group("next")
            prefix = m.group("prefix")
            if season == "ete" and not (year or past or nxt or prefix in ("en", "cet", "l'", "pendant", "durant", "de", "d'")):
                continue  # "j'ai été contrôlé": the verb, not the summer
            start = m.start() if prefix in ("cet", "cette", "l'", "ce") or prefix is None else m.start("season")
            ahead = not (year or past or nxt) and self.ahead(start, m.end())
            if season in _SEASONS:
                month = _SEASONS[season]
                if year:
                    d = date(int(year), month, 1)
                elif ahead:
                    d = _next_month(month, today)
                else:
                    d = _latest_month(month, today, bool(past), bool(nxt))
                # (its year guessed from today when not said: a year told beside it lends its own, see
                # _absorb_approximate)
                # ("ce printemps", "cet été": the demonstrative says which one, this year's, so no year told beside
                # it lends its own: "le stop l'an dernier en mars, l'excès ce printemps", T40 c18 got spring 2025)
                self.emit(d, "month", start, m.end(), window=(d, d + relativedelta(months=3, days=-1)),
                          missing=frozenset() if year or past or nxt or prefix in ("ce", "cet", "cette")
                          else frozenset({"year"}))
                continue
            nxt = nxt or ahead
            d = None
            for offset in ((0, 1, 2) if nxt else (0, -1, -2)):
                y = int(year) if year else today.year + offset
                candidate = _holiday(season, y)
                if year or (nxt and candidate > today) or (not nxt and (candidate < today or (candidate == today and not past))):
                    d = candidate
                    break
            self.emit(d, "day", start, m.end())

    # "hier", "avant-hier soir", "aujourd'hui", "demain à 9h"
    def relative_days(self) -> None:
        for m in _RELATIVE_DAY_RE.finditer(self.f):
            if not self.free(m.start(), m.end()):
                continue
            if _RESTATED_DAY_BEFORE.search(self.f, max(0, m.start() - 40), m.start()):
                continue  # ("le 30 novembre, donc avant-hier, …": that day said again, no second date; T32 c24)
            word = m.group("word")
            if word.startswith("avant"):
                shift = -2
            elif word.startswith("apres"):
                shift = 2
            elif word == "hier":
                shift = -1
            elif word == "demain":
                shift = 1
            else:
                shift = 0
            self.emit(self.today + timedelta(days=shift), "day", m.start(), m.end())

    # "la semaine dernière" (its Monday), "le mois dernier", "l'année dernière", "cette année"
    def relative_periods(self) -> None:
        today = self.today
        for m in _RELATIVE_PERIOD_RE.finditer(self.f):
            if not self.free(m.start(), m.end()):
                continue
            this = m.group("this")
            unit = this.split()[1] if this else m.group("unit")
            shift = 0 if this else (-1 if m.group("past") else 1)
            if unit == "semaine":
                monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
                # the days of that week: "cette semaine, le 3 et 4 décembre" is that 3 December (tester T9 c07)
                self.emit(monday, "day", m.start(), m.end(), window=(monday, monday + timedelta(days=6)))
            elif unit.startswith("mois"):
                self.emit(date(today.year, today.month, 1) + relativedelta(months=shift), "month", m.start(), m.end())
            else:
                year = today.year + shift
                part = _PART_OF_YEAR_BEFORE.search(self.f, max(0, m.start() - 20), m.start())
                if part is not None:  # "fin de l'année dernière": its December, not the whole year
                    self.emit(date(year, _PART_OF_YEAR_MONTH[part.group(1)], 1), "month", part.start(), m.end())
                    continue
                self.emit(date(year, 1, 1), "year", m.start(), m.end())

    # "lundi dernier", "samedi", "lundi prochain"
    def weekdays(self) -> None:
        today = self.today
        found = list(_WEEKDAY_DATE_RE.finditer(self.f))
        paired = set()
        for n, m in enumerate(found):
            if n in paired:
                continue
            start = m.start("weekday") if m.group(0).startswith("depuis") else m.start()
            if not self.free(start, m.end()):
                continue
            end = m.end()
            nxt = found[n + 1] if n + 1 < len(found) else None
            if _A_DAY_OF_THE_WEEK.search(self.f, max(0, start - 8), start):
                # "le 20, c'était un vendredi samedi": which days of the week the date fell on, not a date
                if nxt is not None and _WEEKDAY_PAIR_GAP.fullmatch(self.f, m.end(), nxt.start()):
                    paired.add(n + 1)
                continue
            if nxt is not None and not nxt.group("past") and not nxt.group("next") \
                    and _WEEKDAY_PAIR_GAP.fullmatch(self.f, m.end(), nxt.start()) \
                    and (_WEEKDAYS[nxt.group("weekday")] - _WEEKDAYS[m.group("weekday")]) % 7 == 1 \
                    and _date_role(self.f, start, nxt.end()) == ROLE_STAGE:
                # "samedi et dimanche", "samedi-dimanche": a stage's two days (R.223-5), one date, its first day,
                # read with the tense of the pair ("je fais le stage samedi et dimanche": the coming ones, both)
                end = nxt.end()
                paired.add(n + 1)
            back = (today.weekday() - _WEEKDAYS[m.group("weekday")]) % 7
            ahead = self.ahead(start, end)
            if m.group("next"):
                d = today + timedelta(days=(7 - back) % 7 or 7)
            elif not m.group("past") and (ahead or ahead is None):
                # "je fais le stage samedi": this coming one; "le stage c'est samedi" (no verb of the past, a stage
                # told as it is): the coming one too, a day of the week said in the present is not behind
                d = today + timedelta(days=(7 - back) % 7)
            else:
                d = today - timedelta(days=back or (7 if m.group("past") else 0))
            self.emit(d, "day", start, end)

    # "ce week-end", "le week-end prochain", "ce WE", "le week-end dernier": its Saturday (a stage's first day); this
    # one is the coming one unless the clause tells it in the past ("j'ai fait le stage ce week-end")
    def weekends(self) -> None:
        today = self.today
        for m in _WEEKEND_RE.finditer(self.f):
            if not self.free(m.start(), m.end()):
                continue
            saturday = today + timedelta(days=(5 - today.weekday()) % 7)
            if today.weekday() == 6:
                saturday = today - timedelta(days=1)  # on a Sunday, "ce week-end" is the one going on
            if m.group("next"):
                d = saturday if today.weekday() < 5 else saturday + timedelta(days=7)
            elif m.group("past") or (m.group("this") and _speaks_of_past(self.f, m.start(), m.end())):
                d = saturday - timedelta(days=7) if saturday > today else saturday
            else:
                d = saturday
            self.emit(d, "day", m.start(), m.end())

    # "le 12", "le 1er": that day of this month, or of the previous one if still to come
    def days_only(self) -> None:
        f = self.f
        for m in _DAY_ONLY_RE.finditer(f):
            if not self.free(m.start(), m.end()) or _NUMBER_UNIT_AFTER.match(f, m.end()):
                continue  # "le 2e jour", "le 12 points"
            if self.first_one(m.start(), m.end()):
                continue
            day = int(m.group("day").replace("er", "").strip())
            if not 1 <= day <= 31:
                continue
            ahead = self.ahead(m.start(), m.end())
            self.emit(_year_less_day(day, None, self.today, ahead), "day", m.start(), m.end(),
                      missing=frozenset({"month", "year"}), ahead=ahead)

    def first_one(self, start: int, end: int) -> bool:
        """"le premier a eu lieu", "le premier stage": "premier" in words before a word is "the first one"."""
        span = self.b.norm.span(start, end)
        said = fold(self.b.text[span[0]:span[1]]) if span else ""
        return "premier" in said and bool(re.match(r"\s+(?!du mois)[a-z]", self.f[end:end + 12]))

    # "en 2023", "depuis 2020", "fin 2023"
    def years(self) -> None:
        f, today = self.f, self.today
        for m in _YEAR_RE.finditer(f):
            if not self.free(m.start(), m.end()):
                continue
            if _NOT_A_YEAR_AFTER.match(f, m.end()):
                continue  # "2000 euros"
            year = int(m.group("year"))
            if not 1950 <= year <= today.year + 5:
                continue
            if self._after_a_name(m.start(), m.end()):
                self.b.claim(m.start(), m.end())
                continue  # "l'auto-école Pilote 2000", "une Peugeot 2008": a name, not a date (T24 c10)
            part = _PART_OF_YEAR_BEFORE.search(f, max(0, m.start() - 20), m.start())
            if part is not None:  # "fin 2025": its December, not the whole year (T28 c16)
                self.emit(date(year, _PART_OF_YEAR_MONTH[part.group(1)], 1), "month", part.start(), m.end())
                continue
            self.emit(date(year, 1, 1), "year", m.start(), m.end())

    def _after_a_name(self, start: int, end: int) -> bool:
        """A bare year written right after a capitalised word that is no date's word, within a sentence ("Pilote
        2000", "Peugeot 2008"): part of a name."""
        span = self.b.norm.span(start, end)
        if span is None:
            return False
        found = _NAME_BEFORE.search(self.b.text[:span[0]])
        return found is not None and fold(found.group(1)) not in _DATE_LEAD_WORDS


def _holiday(name: str, year: int) -> date:
    if name == "noel":
        return date(year, 12, 25)
    if name == "toussaint":
        return date(year, 11, 1)
    if name == "paques":
        from dateutil.easter import easter

        return easter(year)
    return date(year, 1, 1)  # nouvel an, jour de l'an


def _word_dates(b: _Builder) -> None:
    _DateScan(b).run()


# ------------------------------------------------------------------ composition
#
# Parts of one date said apart compose into one date: "en mars dernier ... le 3" is the 3rd of March, "en
# 2024 je crois, en avril" is April 2024, "le 15 en mars 2023" the 15th of March 2023. The month (or year)
# lends the fields the finer part did not say; an approximate date ("il y a 3 ans") said next to a precise
# one that agrees with it is the same date said twice, and gives way. Parts compose only when said next to
# each other (same sentence, a few words apart, no other date between) and not given different roles.

_GRAIN_RANK = {"year": 0, "month": 1, "day": 2}
_GRAIN_FIELDS = {"year": frozenset({"year"}), "month": frozenset({"year", "month"}),
                 "day": frozenset({"year", "month", "day"})}
_MAX_GAP = 30  # characters between two parts of one date ("en 2024 je crois, en avril")


def _settle_dates(b: _Builder) -> None:
    parts = _compose(sorted(b.date_parts, key=lambda p: (p.start, p.end)), b.fconv, b.today)
    parts = _stage_in_a_past_story(parts, b.today)
    parts = _offence_day_before_its_payment(_bare_days_after_dated_ones(
        _bare_days_before_dated_ones(_years_of_the_story(parts, b.today), b.fconv), b.fconv, b.today), b.fconv)
    parts = _paid_days_after(parts, b.fconv)
    parts = _year_then_its_payment(parts, b.fconv)
    parts = _stages_listed(parts, b.fconv)
    for part in parts:
        b.add_conv("date", _format(part.d, part.grain), part.start, part.end, part.role, part.confidence,
                   claim=False)


def _stage_in_a_past_story(parts: List[_DatePart], today: date) -> List[_DatePart]:
    """"suspendu depuis le 1er mars, stage les 12 et 13 mars": a stage told without a tense beside another past day of
    the message (a suspension, an offence) is part of that story, the last such day, not the nearer (R14 example 3)."""
    if not any(p.role not in (None, ROLE_STAGE) and p.d <= today and p.ahead is not None for p in parts):
        return parts
    settled = []
    for part in parts:
        if part.ahead is None and "year" in part.missing and part.window is None:
            d = (_year_less_day(part.d.day, None if "month" in part.missing else part.d.month, today, False)
                 if part.grain == "day" else _year_less_month(part.d.month, today, False))
            part = dataclasses.replace(part, d=d or part.d, ahead=False)
        settled.append(part)
    return settled


# what lies between an offence's day and its payment's: "le 3 juin 2026 payé le 15 juin", "…2026, réglé le…"
_THEN_PAID = re.compile(r"\W*(?:et\s+|puis\s+|amende\s+)?(?:paye|payee|payees|payes|reglee?s?)\s+(?:le\s+)?$")


def _offence_day_before_its_payment(parts: List[_DatePart], f: str) -> List[_DatePart]:
    """"flashé à +22 sur une route à 80 le 3 juin 2026 payé le 15 juin": the day right before "payé le …" is the
    offence's, not a second payment (both were read as payments, and the story's retraits were lost)."""
    settled = list(parts)
    for n, (first, second) in enumerate(zip(parts, parts[1:])):
        # (or without a role: "payé le 25" dates the 25th only, the day before it is still the offence's)
        # (a payment's month ends on its last day: "le 10 août 2025, payé fin août")
        second_end = second.d + relativedelta(months=1, days=-1) if second.grain == "month" else second.d
        if first.role in (ROLE_PAYMENT, None) and second.role == ROLE_PAYMENT and first.d <= second_end \
                and _THEN_PAID.fullmatch(f[first.end:second.start]):
            settled[n] = dataclasses.replace(first, role=ROLE_OFFENCE)
    return settled


# what lies between a year and its payment told finer: "En 2017 j'ai pris 2 pts pour vitesse (payé en mars 2017)"
_BEFORE_ITS_PAYMENT = re.compile(r"[^.!?;]{0,80}$")


def _year_then_its_payment(parts: List[_DatePart], f: str) -> List[_DatePart]:
    """"En 2017 j'ai pris 2 pts pour vitesse (payé en mars 2017)": the year said first is the loss's, told again finer
    by its payment in the same sentence, not a second payment (both were read as payments, and nothing paired: the
    story's retraits were lost, tester T42 c04). The year loses its role; the payment keeps its own."""
    settled = list(parts)
    for n, (first, second) in enumerate(zip(parts, parts[1:])):
        if first.grain == "year" and first.role == ROLE_PAYMENT and second.role == ROLE_PAYMENT \
                and second.grain != "year" and second.d.year == first.d.year and not first.missing \
                and "year" not in second.missing and _BEFORE_ITS_PAYMENT.fullmatch(f[first.end:second.start]):
            settled[n] = dataclasses.replace(first, role=None)
    return settled


# "payé 3 jours après le 10 juin", "réglée 2 jours plus tard": a payment told by its delay after the offence's day
_PAID_DAYS_AFTER = re.compile(r"(?:paye|payee|payees|payes|reglee?s?)\s+(?:l'amende\s+)?(?P<n>\d{1,2})\s+jours?\s+"
                              r"(?:apres|plus tard)")
_THE_DAY_AFTER_WHICH = re.compile(r"\s+(?:(?:le|du)\s+)?$")
# what lies between the offence's day and that payment: "le 10 juin, payé …", "le 28 février, amende réglée …"
_BEFORE_PAID_DAYS_AFTER = re.compile(r"[\s,]*(?:(?:et|puis|(?:l')?amende|j'ai|(?:il|elle|on) a)\s+)*")


def _paid_days_after(parts: List[_DatePart], f: str) -> List[_DatePart]:
    """"dépassement ligne continue en juin 2024 payé 3 jours après le 10 juin": the offence committed on 10 June (a
    month said just before it is that offence's too), its fine paid on 13 June, the day its retrait is established
    (R2; tester T42 c14 read two payments in June, and the 13 June was lost). The payment is a date of its own, read
    where its delay is said; "flashé le 10 juin, payé 3 jours plus tard" dates it from the day said before."""
    settled = list(parts)
    added: List[_DatePart] = []
    for m in _PAID_DAYS_AFTER.finditer(f):
        after = [n for n, p in enumerate(parts) if p.start >= m.end() and p.grain == "day"
                 and _THE_DAY_AFTER_WHICH.fullmatch(" " + f[m.end():p.start])]
        before = [n for n, p in enumerate(parts) if p.end <= m.start() and p.grain == "day"
                  and _BEFORE_PAID_DAYS_AFTER.fullmatch(f[p.end:m.start()])]
        anchor = after[0] if after else before[-1] if before else None
        if anchor is None:
            continue
        day = parts[anchor]
        settled[anchor] = dataclasses.replace(day, role=ROLE_OFFENCE)
        for n, p in enumerate(parts):
            # (the month said right before "payé": the offence's, as the day it holds)
            if p.end <= m.start() and p.grain != "day" and p.role == ROLE_PAYMENT \
                    and _BEFORE_PAID_DAYS_AFTER.fullmatch(f[p.end:m.start()]) \
                    and p.d <= day.d:
                settled[n] = dataclasses.replace(p, role=ROLE_OFFENCE)
        added.append(dataclasses.replace(day, d=day.d + timedelta(days=int(m.group("n"))), start=m.start("n"),
                                         end=m.end(), role=ROLE_PAYMENT, window=None))
    return sorted(settled + added, key=lambda p: (p.start, p.end))


#: several stages named together ("j'ai fait deux stages", "mes 2 stages", "les stages que j'ai faits"), the dates
#: listed right after them
_STAGES_NAMED = re.compile(r"\b(?:\d+|mes|les|ces|nos|ses|leurs|plusieurs|des)\s+(?:(?:derniers|precedents|anciens)\s+)?"
                           r"stages\b(?!\s+(?:de\s+)?(?:ski|foot|tennis|entreprise|stagiaire))")
#: what may lie between them and their dates, and between two dates of the list: "deux stages, en mars 2024 et en
#: avril 2025", "mes 2 stages datent de 2023 et 2025", "les stages : le 3 mars 2024 puis le 10 avril 2025"
_STAGE_LIST_GAP = re.compile(r"[\s,:;]*(?:(?:faits?|suivis|effectues|passes|datent|dataient|etaient|sont|remontent"
                             r"|ont eu lieu|de|du|d'|a|en|le|les|et|puis|l'un|l'autre|un|1|autre|le premier"
                             r"|le second|le deuxieme|le 2e|le 1er|le dernier|le plus recent)\b[\s,:;]*)*")


def _stages_listed(parts: List[_DatePart], f: str) -> List[_DatePart]:
    """"j'ai fait deux stages, en mars 2024 et en avril 2025": the dates listed right after stages named together are
    the stages' (the comma and the "et" end the clause a singular "stage fait en…" would date; helper h25). The last
    one done is the one the one-year clock counts from (R13), which the forms pick among them."""
    settled = list(parts)
    for named in _STAGES_NAMED.finditer(f):
        anchor = named.end()
        for n, part in enumerate(parts):
            if part.start < anchor:
                continue
            if not _STAGE_LIST_GAP.fullmatch(f[anchor:part.start]):
                break
            if part.role is None:
                settled[n] = dataclasses.replace(part, role=ROLE_STAGE)
            elif part.role != ROLE_STAGE:
                break
            anchor = part.end
    return settled


#: how long after a dated event a day told without its year may follow it in the same story
_STORY_FOLLOW_UP = relativedelta(months=6)


def _years_of_the_story(parts: List[_DatePart], today: date) -> List[_DatePart]:
    """"flashé le 10 août 2025 (payé le 20 août)": a past day told without its year, right after a date of the
    same story that has one, is in the months that follow it, not the year guessed from today; so is one told after a
    past month with its year ("un excès en février 2025, payé le 15 fév": 15 February 2025, helper h22). A bare day
    ("téléphone le 10 septembre 2025 payé le 25") is in that date's month, or the next one for an earlier day ("payé
    le 5": 5 October), not in the month guessed from today."""
    settled: List[_DatePart] = []
    for part in parts:
        before = settled[-1] if settled else None
        # (not after the licence's date: "permis le 3 mars 2020, flashé le 5 avril" is a recent April)
        if before is not None and part.grain == "month" and part.missing == {"year"} and not part.ahead \
                and before.d <= today and not before.missing and before.window is None \
                and before.role != ROLE_LICENCE and part.role != ROLE_LICENCE:
            # "flashé en juin 2025, amende payée début juillet": July 2025, the month that follows in the story (T24
            # c01 got July 2026, the July guessed from today)
            for year in (before.d.year, before.d.year + 1):
                candidate = date(year, part.d.month, 1)
                if before.d <= candidate + relativedelta(months=1, days=-1) and \
                        candidate <= before.d + _STORY_FOLLOW_UP and candidate <= today:
                    part = dataclasses.replace(part, d=candidate, missing=frozenset())
                    break
        if before is not None and part.grain == "day" and "year" in part.missing and not part.ahead \
                and (before.grain == "day" or before.grain == "month" and before.d <= today) \
                and not before.missing and before.window is None \
                and before.role != ROLE_LICENCE:
            if "month" in part.missing:
                candidates = [before.d + relativedelta(months=months, day=part.d.day) for months in (0, 1)]
                candidates = [c for c in candidates if c.day == part.d.day]  # (no 31 in a month of 30 days)
            else:
                candidates = []
                for year in (before.d.year, before.d.year + 1):
                    try:
                        candidates.append(part.d.replace(year=year))
                    except ValueError:
                        continue
            for candidate in candidates:
                if before.d <= candidate <= before.d + _STORY_FOLLOW_UP:
                    part = _DatePart(candidate, part.grain, part.start, part.end, part.confidence, part.role,
                                     part.missing - {"year", "month"}, part.ahead, part.window)
                    break
        settled.append(part)
    return settled


#: how far before a dated day a bare day of the same sentence may be ("le 15, payé le 20 octobre")
_BARE_DAY_GAP = 80


#: a day said of the current month ("le 1er du mois", "le 3 de ce mois"): its month told, no other date's to take
_OF_THIS_MONTH = re.compile(r"\s*(?:du|de ce) mois\b(?!\s+(?:dernier|precedent|prochain|d'avant|d'apres))")


def _of_this_month(part: _DatePart, f: str) -> bool:
    """"48N reçue le 1er du mois, suspendu depuis le 20 novembre" said on 1 December: 1 December (T46 c10 got 1
    November, the month of the day told after it)."""
    return bool(_OF_THIS_MONTH.match(f, part.end)) or bool(_OF_THIS_MONTH.search(f[part.start:part.end]))


def _bare_days_before_dated_ones(parts: List[_DatePart], f: str) -> List[_DatePart]:
    """"flashé le 15, payé le 20 octobre": a past bare day told right before a day with its month, in the same
    sentence, is of that story: in that month, or the month before for a later day ("le 25, payé le 2 novembre": 25
    October), not the month guessed from today (15 November)."""
    settled = list(parts)
    for n, (part, after) in enumerate(zip(parts, parts[1:])):
        if _bare_day_beside(part, after, f[part.end:after.start], f):
            candidate = _day_in_a_month_near(part.d.day, after.d, -1, lambda day: day <= after.d)
            if candidate is not None:
                settled[n] = dataclasses.replace(part, d=candidate, missing=part.missing - {"year", "month"})
    return settled


def _bare_days_after_dated_ones(parts: List[_DatePart], f: str, today: date) -> List[_DatePart]:
    """"le stationnement c'était le 14 février, payé le 16": a past bare day told right after a day with its month, in
    the same sentence, is of that story: in that month, or the month after for an earlier day ("le 28 février, payé
    le 2": 2 March), not the month guessed from today (16 November; tester T42 c21 got a new offence in 2027)."""
    settled = list(parts)
    for n, (before, part) in enumerate(zip(parts, parts[1:]), start=1):
        if _bare_day_beside(part, before, f[before.end:part.start], f):
            candidate = _day_in_a_month_near(part.d.day, before.d, +1, lambda day: before.d <= day <= today)
            if candidate is not None:
                settled[n] = dataclasses.replace(part, d=candidate, missing=part.missing - {"year", "month"})
    return settled


def _bare_day_beside(bare: _DatePart, dated: _DatePart, gap: str, f: str) -> bool:
    """A past day told without its month (not "du mois"), next to a day told with its month, in the same sentence and
    close to it; neither of them the licence's."""
    return bare.grain == "day" and {"month", "year"} <= bare.missing and not bare.ahead and bare.window is None \
        and dated.grain == "day" and "month" not in dated.missing and not dated.ahead and dated.window is None \
        and ROLE_LICENCE not in (dated.role, bare.role) and not _of_this_month(bare, f) \
        and len(gap) <= _BARE_DAY_GAP and not re.search(r"[.;!?\n]", gap)


def _day_in_a_month_near(day: int, anchor: date, step: int, accepted) -> Optional[date]:
    """That day of the anchor's month, or of the month one `step` away (-1 before, +1 after), the first `accepted`."""
    for months in (0, 1):
        month = anchor + relativedelta(months=step * months)
        if day > calendar.monthrange(month.year, month.month)[1]:
            continue  # (no 31 in a month of 30 days)
        candidate = month.replace(day=day)
        if accepted(candidate):
            return candidate
    return None


def _compose(parts: List[_DatePart], f: str, today: date) -> List[_DatePart]:
    i = 0
    while i + 1 < len(parts):
        first, second = parts[i], parts[i + 1]
        merged = _merge(first, second, today) if _said_together(f, first, second) else None
        if merged is None:
            i += 1
            continue
        parts[i:i + 2] = [merged]
        i = max(i - 1, 0)  # the merged date may now compose with the part before it
    return parts


def _said_together(f: str, first: _DatePart, second: _DatePart) -> bool:
    gap = f[first.end:second.start]
    if first.role != second.role and (
            (first.role and second.role) or any(pattern.search(gap) for _, pattern in _ROLE_CUES)):
        return False  # "permis obtenu en 2023, stage en avril", "en 2023, stage fait en avril": two dates
    return len(gap) <= _MAX_GAP and not re.search(r"[.;!?\n\d]", gap)


def _merge(a: _DatePart, b: _DatePart, today: date) -> Optional[_DatePart]:
    if a.window or b.window:
        return _absorb_approximate(a, b)
    if _GRAIN_RANK[a.grain] == _GRAIN_RANK[b.grain]:
        return None
    fine, coarse = (a, b) if _GRAIN_RANK[a.grain] > _GRAIN_RANK[b.grain] else (b, a)
    lent = _GRAIN_FIELDS[coarse.grain]
    if not fine.missing <= lent:
        return None  # "le 15 ... en 2023": no month for the day
    fields = {}
    for field in ("year", "month", "day"):
        own, other = getattr(fine.d, field), getattr(coarse.d, field)
        if field not in lent or (field not in fine.missing and field in coarse.missing):
            fields[field] = own
        elif field in fine.missing:
            fields[field] = other
        elif own != other:
            return None  # "en mars 2023, le 12 avril 2024": two dates
        else:
            fields[field] = own
    missing = fine.missing & coarse.missing
    ahead = _either_ahead(a.ahead, b.ahead)
    if "year" in missing:  # neither said the year: guessed for the whole date, as for "le 25 octobre"
        if fine.grain == "day":
            d = _year_less_day(fields["day"], fields["month"], today, ahead)
        else:
            d = _year_less_month(fields["month"], today, ahead)
    else:
        try:
            d = date(fields["year"], fields["month"], fields["day"] if fine.grain == "day" else 1)
        except ValueError:
            return None
    if d is None or not _in_range(d, today):
        return None
    return _DatePart(d, fine.grain, min(a.start, b.start), max(a.end, b.end), min(a.confidence, b.confidence),
                     fine.role or coarse.role, missing, ahead)


def _absorb_approximate(a: _DatePart, b: _DatePart) -> Optional[_DatePart]:
    """"il y a 3 ans, en décembre 2023": the precise date, when it falls where the approximate one points;
    a precise date without its year takes the year that makes it so ("il y a 3 ans, le 15 décembre")."""
    if a.window and b.window:
        return None
    rough, exact = (a, b) if a.window else (b, a)
    low, high = rough.window
    if exact.grain == "year" and not exact.missing and "year" in rough.missing and rough.grain == "month":
        # "l'amende de 2022, peut-être au printemps", "en 2022, au printemps": that season of that year, not of the year
        # guessed from today (tester T20 c26: spring 2026); still approximate
        shift = relativedelta(years=exact.d.year - rough.d.year)
        return _DatePart(rough.d + shift, rough.grain, min(a.start, b.start), max(a.end, b.end),
                         min(a.confidence, b.confidence), exact.role or rough.role, frozenset(), exact.ahead,
                         (low + shift, high + shift))
    candidates = [exact.d]
    takes_year = "year" in exact.missing and "month" not in exact.missing
    if takes_year:
        candidates = []
        for year in range(low.year, high.year + 1):
            try:
                candidates.append(exact.d.replace(year=year))
            except ValueError:
                continue
    fitting = [d for d in candidates if d <= high and _last_day_of(d, exact.grain) >= low]
    if not fitting:
        return None
    d = min(fitting, key=lambda x: abs((x - rough.d).days))
    missing = exact.missing - {"year"} if takes_year else exact.missing
    return _DatePart(d, exact.grain, min(a.start, b.start), max(a.end, b.end), min(a.confidence, b.confidence),
                     exact.role or rough.role, frozenset(missing), exact.ahead)


def _last_day_of(d: date, grain: str) -> date:
    if grain == "year":
        return date(d.year, 12, 31)
    if grain == "month":
        return d + relativedelta(day=31)
    return d


# ----------------------------------------------------------------- letter codes

# R19: 48N, 48SI, 48M, and the letters that give points back, 46B (ten-year rule) and 46D (one point after
# 6 months), whose suffix makes them codes wherever they are written ("la 46D", "lettre 46 d")
_LETTER = re.compile(r"(?<![\w])(48|46)\s?[-.]?\s?(si|n|m|b|d)(?![\w'])")
_LETTER_SUFFIXES = {"48": ("si", "n", "m"), "46": ("b", "d")}
# 48, 46 (full recovery) and 47 (stage points) are bare numbers: codes only after a word for a letter
_LETTER_SIMPLE = re.compile(
    r"(?:lettres?|ref|reference|formulaires?|courriers?|imprime|cerfa|modele|la)\s*(?:n°|no|numero|num|:)?\s*"
    r"(4[678])(?:\s+simple)?(?![\w'])"
    r"|(?<![\w])(48)\s+simple\b"
    # "j'ai eu une 48 hier", "reçu une 47 ce matin": the letter received (T37 c09 got "Quelle lettre avez-vous reçue ?")
    r"|\b(?:recu\w*|eu|recoi[st]|recevoir|recevrai\w*)\s+(?:1|une|ma|cette)\s+(4[678])(?![\w'])"
    r"(?!\s*(?:km|points?|pts?|€|euros?|%|h\b|heures?|ans?|mois|jours?|fois))")
# "la lettre 47 et la 46", "lettres 46 ou 47": a bare code joined to the code just read
_LETTER_JOINED = re.compile(r"\s*(?:,|et|ou|puis)\s+(?:la\s+|une\s+|1\s+)?(4[678])(?![\w'])")


def _letter_codes(b: _Builder) -> None:
    f = b.fconv
    ends = []
    for m in _LETTER.finditer(f):
        if m.group(2) not in _LETTER_SUFFIXES[m.group(1)]:
            continue  # "46 m", "48 b": not a letter of the ministry
        code = m.group(1) + m.group(2).upper()
        ends.append(m.end())
        b.add_conv("letter_code", code, m.start(), m.end(), None, 0.95)
        if code == "48SI":
            c_start, c_end = _clause_bounds(f, m.start(), m.end(), 50)
            region = f[c_start:c_end]
            received = re.search(r"\b(?:recu\w*|eu|notifi\w*|envoy\w*|arrive\w*|ai une|ai la|ai recu)\b", region)
            # "pas reçu de 48SI", "je n'ai pas encore eu la lettre 48SI": feared, not notified; the licence is still
            # valid and a stage may save it (R18)
            if received and not _NEGATION.search(region[:received.start()]) and \
                    not _NOT_YET_BEFORE.search(f[max(0, c_start + received.start() - 45):c_start + received.start()]):
                b.add_conv("licence_status", "invalidated", m.start(), m.end(), None, 0.85, claim=False)
    for m in _LETTER_SIMPLE.finditer(f):
        group = next(n for n in (1, 2, 3) if m.group(n))
        s, e = m.start(group), m.end(group)
        if b.is_claimed(s, e):
            continue
        b.add_conv("letter_code", m.group(group), s, e, None, 0.85)
        ends.append(e)
    for end in sorted(ends):
        m = _LETTER_JOINED.match(f, end)
        if m and not b.is_claimed(m.start(1), m.end(1)):
            b.add_conv("letter_code", m.group(1), m.start(1), m.end(1), None, 0.8)


# ---------------------------------------------------------- fines: amount, class

_AMOUNT = re.compile(r"\b(\d{1,5})(?:[.,](\d{1,2}))?\s*(?:€|euros?\b|eur\b|balles\b)")
_ORDINALS = {"premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5}
_FINE_CLASS = re.compile(
    r"\b(?:([1-5])\s*(?:e|eme|ieme|ere|er)?|(" + "|".join(_ORDINALS) + r"))\s+classe\b|\bclasse\s+([1-5])\b")
_DELIT = re.compile(r"\bdelits?\b")


def _amounts(b: _Builder) -> None:
    """Sums of money ("135 €", "cent trente-cinq euros") as `amount` (euros), and the class of a
    contravention ("4e classe", "quatrième classe") or "délit" as `offence_class`. Which class an amount
    means is the law's business (rules_core), not the parser's."""
    f = b.fconv
    for m in _AMOUNT.finditer(f):
        cents = int((m.group(2) or "0").ljust(2, "0"))
        value = int(m.group(1)) + cents / 100
        b.add_conv("amount", int(value) if cents == 0 else value, m.start(), m.end(), None, 0.9)
    for m in _FINE_CLASS.finditer(f):
        number = m.group(1) or m.group(3) or _ORDINALS[m.group(2)]
        b.add_conv("offence_class", f"c{number}", m.start(), m.end(), None, 0.9)
    for m in _DELIT.finditer(f):
        b.add_conv("offence_class", "delit", m.start(), m.end(), None, 0.85, claim=False)


# ----------------------------------------------------------------------- speeds

_KMH = r"(?:km\s*/\s*h|km\s*h\b|kmh\b|kms?/h|km/heure|kilometres?[\s/-]*(?:heure|h)\b)"
_KM_LOOSE = r"(?:" + _KMH + r"|km\b)"
STANDARD_LIMITS = {20, 30, 45, 50, 70, 80, 90, 100, 110, 130}
_SPEED_CONTEXT = re.compile(
    r"km\s*/?\s*h|kmh|flash\w*|radar|vitesse|exces|roul\w*|limit\w*|en ville|autoroute|nationale|agglo\w*|"
    r"departementale|au lieu de|controle|jumelles|zone")
_ROAD_LIMITS = {"autoroute": 130, "ville": 50}
# A road out of town named without its limit ("sur nationale", "sur une départementale", "hors agglomération"): 80 km/h
# by default, 90 where the authority raised it, 110 with two carriageways (R.413-2): above 50 km/h whichever it is,
# which decides the class of an excess under 20 km/h (R4), though not the excess of a speed said
OUT_OF_TOWN_ROAD = re.compile(r"\b(?:route\s+)?(?:nationale|departementale)s?\b|\bhors (?:agglo\w*|ville)\b"
                              r"|\ben (?:rase )?campagne\b|\bvoie (?:rapide|express)\b"
                              r"|\b(?:2\s?x\s?2|deux fois deux|quatre|4) voies\b")
_SPEEDING_CUE = re.compile(r"km\s*/?\s*h|kmh|flash\w*|radar|vitesse|exces|roul\w*|depass\w*")
# "1 point en ville", "perdu un point sur l'autoroute": the only retrait of one point a road tells is an excess of less
# than 20 km/h (R4; a solid line straddled is as rare as it is of the 4th class too), whose class the road decides
# (not a balance: "il me reste 1 point en ville", "j'ai plus qu'1 point")
_ONE_POINT_ON_THE_ROAD = re.compile(r"(?<![\d,.])(?<!reste )(?<!que )(?<!qu')(?<!ai )(?<!a )1\s*(?:points?|pts?)\b"
                                    r"(?!\s*(?:de|d')\s*(?:plus|moins))")
_ROAD_LIMIT_RE = re.compile(r"\b(autoroute)s?\b|\ben (?:ville|agglo\w*)\b|\bdans (?:une |1 |l'|la )?(?:ville|agglo\w*)\b")
_PAIR_CUE = re.compile(r"au lieu de|limit|pour|sur|zone|\(|a la place|autoris|max|alors que")
# "pris à 95 sur une 80", "12 de trop sur une 80": a road named by its limit says the message is about speed
# (fconv writes "une" as "1")
_ROAD_BY_LIMIT = re.compile(r"\b(?:sur|dans)\s+(?:une|un|1)\s+(?:" + "|".join(map(str, sorted(STANDARD_LIMITS)))
                            + r")(?![\d.,])(?!\s*(?:points?|pts?|ans?|mois|jours?|%|€|euros?)\b)")
# The limit said of the road (R4: for an excess under 20 km/h it decides the class, 3e above 50 km/h, 4e at 50 or
# less): "limitée à 110", "vitesse autorisée : 90", "sur route à 80", "sur une départementale à 80", "sur une 80",
# "dans une 30". A standard limit only; a nationale or a départementale named without a number says none.
_LIMIT_RE = re.compile(
    r"(?:limite\w*|limitation|vitesse maximale|vitesse max|vitesse autorisee|max|autorise\w*|zone|panneau"
    r"|(?:route|departementale|nationale|voie rapide|voie express|quatre voies|4 voies|2x2 voies|deux fois deux voies"
    r"|rocade|peripherique|periph|bretelle|voie)s?\s+(?:limitee\s+)?a"
    # "dans une ville à 50", "en agglomération à 30": a town's limit (50, or 30 in a zone); "en ville à 70" is a speed
    r"|(?:ville|agglo\w*)s?\s+(?:limitee\s+)?a(?=\s*(?:30|50)(?![\d]|[.,]\d))"
    r"|(?:sur|dans)\s+(?:une|un|1|la|le)(?=\s+\d{2,3}\b(?!\s*(?:points?|pts?|ans?|mois|jours?|%|€|euros?|e\b|eme\b))))"
    r"\s*(?:a|de|est de|etait de|:|a\s+la)?\s*(\d{2,3})(?![\d])")


# The speed kept after the radar's margin (*vitesse retenue*, R4: the excess counts from it, not from the speed
# measured): "retenu 133", "vitesse retenue : 133 km/h", "(133 retenus)", "93 après abattement", "après la marge de
# 5 %, 133", "ils ont retenu 133". Not the licence's retention ("permis retenu 72 h", "retenu 3 jours").
_MARGIN_WORD = r"(?:abattement|marge|tolerance|deduction|minoration|correction)s?"
_SPEED_NUMBER = r"(\d{2,3})(?![\d]|[.,]\d)(?!\s*(?:h\b|heures?|jours?|semaines?|mois|ans?|points?|pts?|%|€|euros?))"
_RETAINED_SPEED = [
    re.compile(r"\b(?:retenue?s?|a retenu|ont retenu|on a retenu|prise?s? en compte|comptabilisee?s?)\s*"
               r"(?:a\s+|de\s+|:\s*|=\s*|est de\s+|etait de\s+|a ete de\s+|(?:c'?\s?est|c'?\s?etait|c)\s+(?:de\s+)?)?"
               + _SPEED_NUMBER),
    # "54 c'est la vitesse retenue", "54 c ce qui est écrit sur l'avis comme vitesse retenue", "54, c'est ce qu'ils ont
    # retenu" (T11 c38: read as an excess of 54 km/h)
    re.compile(r"(?<![\w.,/+\-])" + _SPEED_NUMBER + r"(?:\s*" + _KMH + r")?\s*,?\s*"
               r"(?:c'?\s?est|c'?\s?etait|c|correspond a|est|etait)\b[^.;!?\d]{0,50}?"
               r"(?:\bvitesse\s+retenue|\b(?:ils|on)\s+(?:ont|a)\s+retenu)\b"),
    re.compile(r"(?<![\w.,/+\-])" + _SPEED_NUMBER + r"(?:\s*" + _KMH + r")?\s*"
               r"(?:retenue?s?\b|apres\s+(?:l'\s?|la\s+|les\s+)?" + _MARGIN_WORD + r"|une fois la marge)"),
    re.compile(r"\b(?:apres|avec|moins)\s+(?:l'\s?|la\s+|les\s+)?" + _MARGIN_WORD
               + r"(?:\s+(?:de\s+)?(?:\d{1,2}\s*(?:%|" + _KMH + r"|km\b)|du radar))?\s*[,:=]?\s*"
               r"(?:ca fait|ca donne|ca fait donc|soit|donc|on arrive a|il reste|on est a|retenue?s?|a|de)?\s*"
               + _SPEED_NUMBER),
    # "flashé à 87 (retenu)", "87 km/h (retenue)": the word in brackets after the figure, unless that figure is the limit
    # ("en ville à 50 (retenu)", see _limit_figure; h38)
    re.compile(r"(?<![\w.,/+\-])" + _SPEED_NUMBER + r"(?:\s*" + _KMH + r")?\s*\(\s*retenue?s?\s*\)"),
]


_LIMIT_JUST_BEFORE = re.compile(r"\b(?:ville|agglo\w*|route|autoroute|nationale|departementale|rocade|voie|limit\w*"
                                r"|zone|panneau|autorise\w*|pour|sur)\b[^,;()\d]{0,12}$")


def _limit_figure(f: str, start: int, end: int) -> bool:
    """Whether the figure f[start:end] is the one of a speed limit ("route à 80", "en ville à 50", "pour 80")."""
    return bool(_LIMIT_JUST_BEFORE.search(f, max(0, start - 30), start)) or any(
        m.span(1) == (start, end) for m in _LIMIT_RE.finditer(f, max(0, start - 60), min(len(f), end + 5)))


# A speed the radar (or the avis) showed: "le radar a marqué 112", "le radar indiquait 95 km/h", "le flash affichait
# 112", "112 c'est la vitesse du radar", "112, c'était ma vitesse": a speed, not an excess (the kept speed, after the
# margin, is said "retenue": _RETAINED_SPEED)
_SHOWN_SPEED = re.compile(
    r"\b(?:radar|flash|cinemometre|avis|pv|photo|jumelles?)\s+(?:m'?\s?)?(?:a\s+|avait\s+)?(?:marqu|affich|indiqu|mesur"
    r"|relev|enregistr|not|montr|di[st]\b)\w*\s+(?:a\s+|que\s+(?:j'?\s?etais\s+|je roulais\s+)?a\s+)?(\d{2,3})(?![\d]|[.,]\d)"
    r"|(?<![\w.,/+\-])(\d{2,3})(?![\d]|[.,]\d)(?:\s*" + _KMH + r")?\s*,?\s*(?:c'?\s?est|c'?\s?etait|c|etait)\s+"
    r"(?:la|ma)\s+vitesse(?!\s+(?:retenue|maxi\w*|max|autorisee|limite\w*))")


# the radar itself told as showing the speed ("le radar a marqué 112", "le flash indiquait 95", "mesuré à 97 par le
# radar", "vitesse mesurée : 112"): the speed measured, before the margin (R4 edge case; an avis or a PV showing a
# figure may show the speed kept, so they are not in it)
_RADAR_SPEED = re.compile(
    r"\b(?:radar|flash|cinemometre|jumelles?)\s+(?:m'?\s?)?(?:a\s+|avait\s+)?(?:marqu|affich|indiqu|mesur|relev"
    r"|enregistr|montr)\w*\s+(?:a\s+|que\s+(?:j'?\s?etais\s+|je roulais\s+)?a\s+)?(\d{2,3})(?![\d]|[.,]\d)"
    r"|\b(?:vitesse\s+)?mesuree?\s+(?:par\s+(?:le|un)\s+radar\s+)?(?:(?:etait|est|c'?\s?est)\s+)?(?:a|de|:)\s*"
    r"(\d{2,3})(?![\d]|[.,]\d)")


def radar_speed(text: str) -> Optional[int]:
    """The speed `text` tells as the one the radar measured ("le radar a marqué 112"), or None."""
    found = [m for m in _RADAR_SPEED.finditer(fold(text or ""))]
    return int(next(g for g in found[-1].groups() if g)) if found else None


def says_retained_speed(text: str) -> bool:
    """Whether `text` tells a speed as the one kept after the radar's margin ("retenu 133", "93 après abattement")."""
    f = fold(text or "")
    return any(not _limit_figure(f, *m.span(1)) for pattern in _RETAINED_SPEED for m in pattern.finditer(f))


_EXCESS_BEFORE = re.compile(r"(?:exces|depassement)(?:\s+de\s+vitesse)?\s*$")
_EXCESS_AFTER = re.compile(r"\s*(?:" + _KMH + r")?\s*(?:de trop|en trop|au-?\s?dessus|de plus|d'exces|de depassement)")


def _retained_speed(b: _Builder) -> Optional[Tuple[int, int, int]]:
    """The last speed said as the one kept after the margin (value, start, end in conv)."""
    f = b.fconv
    found = []
    for pattern in _RETAINED_SPEED:
        for m in pattern.finditer(f):
            value = int(m.group(1))
            if not 20 <= value <= 300 or b.is_claimed(m.start(1), m.end(1)) or _limit_figure(f, *m.span(1)) or \
                    f[max(0, m.start(1) - 2):m.start(1)].strip() in ("+", "-") or \
                    _EXCESS_BEFORE.search(f, max(0, m.start() - 30), m.start()) or _EXCESS_AFTER.match(f, m.end(1)):
                continue  # "+22 retenu", "excès retenu : 22 km/h", "22 km/h de trop retenus": an excess, not a speed
            found.append((value, m.start(1), m.end(1) + _unit_len(f, m.end(1))))
    if not found:
        return None
    return max(found, key=lambda r: r[1])


# "je roule 60 000 km par an", "30.000 km/an", "15000 kilomètres par an": a number in thousands or a yearly distance,
# never a speed (tester T55 c15: "60 000 km par an" read as 60 km/h, then "Impossible de répondre" beside an excess)
# (a distance in thousands, not any number so written: "une 110" reads "1 110")
_DISTANCE_OR_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+\s?(?:km|kilometres?|bornes)\b"
                                    r"(?!\s*/?\s*h\b)"
                                    r"|\b\d+\s?(?:km|kilometres?|bornes)\s*(?:par|/|a l'|l')\s?(?:ans?|annee|mois|jours?|semaines?)\b")


def _speeds(b: _Builder) -> None:
    f = b.fconv
    for money in _AMOUNT.finditer(f):
        b.claim(money.start(1), money.end())  # "c'était 135 € en fait, en ville": a sum of money is never a speed
    for distance in _DISTANCE_OR_THOUSANDS.finditer(f):
        b.claim(distance.start(), distance.end())
    retained = _retained_speed(b)
    speed_context = bool(_SPEED_CONTEXT.search(f) or _ROAD_BY_LIMIT.search(f) or retained)
    measured: List[Tuple[int, int, int]] = []
    limits: List[Tuple[int, int, int]] = []
    excess_found = False

    nums = [m for m in re.finditer(r"(?<![\w.,/+\-])(\d{2,3})(?![\d]|[.,/]\d)", f) if not b.is_claimed(m.start(), m.end())]
    # "135 au lieu de 110", "135 sur une route limitée à 110", "58 en ville (50)"
    used = set()
    for i, a in enumerate(nums):
        for c in nums[i + 1:i + 3]:
            gap = f[a.end():c.start()]
            if len(gap) > 45 or re.search(r"[.;!?\n]", gap) or not _PAIR_CUE.search(gap):
                continue
            va, vc = int(a.group(1)), int(c.group(1))
            if vc not in STANDARD_LIMITS or not (vc < va <= 300):
                continue
            if not (speed_context or "au lieu de" in gap):
                continue
            if a.start() in used or c.start() in used:
                continue
            used.update((a.start(), c.start()))
            a_end = a.end() + _unit_len(f, a.end())
            c_end = c.end() + _unit_len(f, c.end())
            measured.append((va, a.start(), a_end))
            limits.append((vc, c.start(), c_end))
            b.add_conv("speed_measured", va, a.start(), a_end, None, 0.9)
            b.add_conv("speed_limit", vc, c.start(), c_end, None, 0.9)
            b.add_conv("speed_excess", va - vc, a.start(), c_end, None, 0.88, claim=False)
            excess_found = True
            break

    # explicit excess
    excess_patterns = [
        re.compile(r"(?:exces|depassement)\s+(?:de\s+vitesse\s+)?(?:de\s+|d'environ\s+|d'|:\s*)?(?:\+\s*)?(\d{1,3})(?![\d])(\s*" + _KMH + r")?"),
        re.compile(r"(?<![\w.,/])(\d{1,3})\s*(?:" + _KMH + r")?\s*(?:au-dessus|au dessus|de trop|en trop|de plus|en plus|au-dela|au dela|de depassement|d'exces|d'excedent|au dessus de la limite)"),
        re.compile(r"(?<![\w+])\+\s?(\d{1,3})(?![\d]|[.,]\d)(\s*" + _KMH + r")?(?!\s*(?:" + _POINTS_UNIT[3:-3] + r"|%|€|euros?))"),
        # "un flash de 3 km/h", "flashé pour 12 km/h", "un radar de 8 km/h": a small figure with its unit after the
        # flash is the excess (a speed measured is said "à 57"), R4
        re.compile(r"\b(?:flash\w*|radar)\s+(?:de|pour)\s+(?:\+\s?)?([1-4]?\d)\s*" + _KMH),
    ]
    for pattern in excess_patterns:
        for m in pattern.finditer(f):
            s, e = m.start(1), m.end(1)
            if b.is_claimed(s, e):
                continue
            value = int(m.group(1))
            if pattern is excess_patterns[2]:
                after = f[e:e + 10]
                if re.match(r"\s*(?:points?|pts?|pt)\b|\s*%|\s*€|\s*euros?|\s*\d", after):
                    continue
                if re.search(r"\d\s*$", f[max(0, m.start() - 4):m.start()]) and not m.group(2):
                    continue  # "donc 2 + 1": a sum of points, not an excess (tester T3 c40)
                if re.search(r"\b(?:mes|tes|ses|nos|vos|leurs|les|(?:majorations?|bonus|gains?|augmentations?)"
                             r"(?:\s+(?:de|d'))?)\s*$", f[max(0, m.start() - 20):m.start()]) and not m.group(2):
                    # "est-ce que j'aurai mes +2 en juin 2027 ?", "ai-je eu la majoration de +2 ?": the yearly points,
                    # not an excess (T40 c14, T42 c23 got "excès de 2 km/h : aucun point retiré")
                    continue
                if not (speed_context or m.group(2) or re.fullmatch(r"\s*\+\s?\d{1,3}\s*[.!]*\s*", f)):
                    continue
            if pattern is excess_patterns[1] and re.search(r"\b(?:pas|non)\s*$", f[max(0, s - 5):s]):
                continue  # "112 c'est la vitesse, pas 112 de plus": the excess denied
            if pattern is excess_patterns[0] and re.match(r"\s*(?:points?|pts?|pt|€|euros?|%|ans?|mois)\b", f[e:e + 10]):
                continue
            if not (1 <= value <= 200):
                continue
            e_full = e + _unit_len(f, e)
            b.add_conv("speed_excess", value, s, e_full, None, 0.92)
            excess_found = True

    for m in _LIMIT_RE.finditer(f):
        s, e = m.start(1), m.end(1)
        if b.is_claimed(s, e):
            continue
        value = int(m.group(1))
        if value not in STANDARD_LIMITS:
            continue
        if m.group(0).startswith(("sur", "dans")) and not (speed_context or excess_found):
            continue  # "sur la 80" names the road's limit when the message is about speed only
        e_full = e + _unit_len(f, e)
        limits.append((value, s, e_full))
    # "à 102 sur autoroute à 130... non pardon sur une 4 voies à 70": the limit said after a correction replaces the one
    # before it, which is no fact (its number is not a speed either; tester T37 c06 got no speeding at all)
    corrected = [n for n in range(1, len(limits)) if _LIMIT_CORRECTED.search(f[limits[n - 1][2]:limits[n][1]])]
    for value, s, e_full in limits[:corrected[-1]] if corrected else ():
        b.claim(s, e_full)
    limits = limits[corrected[-1]:] if corrected else limits
    for value, s, e_full in limits:
        b.add_conv("speed_limit", value, s, e_full, None, 0.88)

    if not limits:
        # "et sur autoroute à 134 ?": the road says the limit where it leaves no doubt (R.413-2, R.413-3);
        # not a nationale or a départementale, at 80 or 90 depending on the département
        road = _ROAD_LIMIT_RE.search(f)
        if road and not b.is_claimed(road.start(), road.end()) and (
                _SPEEDING_CUE.search(f) or any(_ROAD_LIMITS["ville"] < int(m.group(1)) <= 300 for m in nums)
                or _ONE_POINT_ON_THE_ROAD.search(f)):
            value = _ROAD_LIMITS[road.group(1) if road.group(1) == "autoroute" else "ville"]
            limits.append((value, road.start(), road.end()))
            b.add_conv("speed_limit", value, road.start(), road.end(), None, 0.8, claim=False)
    measured_re = re.compile(
        r"(?:flashe\w*|controle\w*|mesure\w*|roul\w*|pris|chope\w*|allais|j'etais|etais|radar|pince\w*|a)\s+"
        r"(?:a\s+|au\s+|par un radar a\s+|a plus de\s+|a environ\s+)?(\d{2,3})(?![\d]|[.,]\d)(\s*" + _KM_LOOSE + r")?")
    for m in [*_SHOWN_SPEED.finditer(f), *_RADAR_SPEED.finditer(f)]:
        # "le radar a marqué 112", "le radar indiquait 95 km/h", "112 c'est la vitesse du radar": the speed the radar
        # gave, never an excess (R4; tester T15 c16 read 112 as 112 km/h over a limit of 80)
        s, e = m.span(m.lastindex)
        value = int(m.group(m.lastindex))
        if b.is_claimed(s, e) or not 20 <= value <= 300:
            continue
        e_full = e + _unit_len(f, e)
        measured.append((value, s, e_full))
        b.add_conv("speed_measured", value, s, e_full, None, 0.85)
    for m in measured_re.finditer(f):
        s, e = m.start(1), m.end(1)
        if b.is_claimed(s, e):
            continue
        value = int(m.group(1))
        word = m.group(0).split()[0]
        if not (m.group(2) and re.search(_KMH, m.group(2))) and (word in ("a", "etais", "j'etais", "pris") or not speed_context):
            continue
        if not (20 <= value <= 300):
            continue
        e_full = e + _unit_len(f, e)
        measured.append((value, s, e_full))
        b.add_conv("speed_measured", value, s, e_full, None, 0.85)

    # any other "N km/h" is a speed: never a bare number
    for m in re.finditer(r"(?<![\w.,])(\d{1,3})\s*" + _KMH, f):
        b.claim(m.start(), m.end())

    if not excess_found and not measured and len(limits) == 1:
        # "à 134 sur l'autoroute", "limitée à 110, j'étais à 125": the one number above the limit is the speed
        above = [m for m in nums if not b.is_claimed(m.start(), m.end()) and limits[0][0] < int(m.group(1)) <= 300]
        if len(above) == 1:
            m = above[0]
            measured.append((int(m.group(1)), m.start(), m.end()))
            b.add_conv("speed_measured", int(m.group(1)), m.start(), m.end(), None, 0.8)
    if not excess_found and len(measured) == 1 and len(limits) == 1:
        (vm, ms, me), (vl, ls, le) = measured[0], limits[0]
        if vm > vl:
            b.add_conv("speed_excess", vm - vl, min(ms, ls), max(me, le), None, 0.8, claim=False)
            excess_found = True
    if retained is not None:
        _keep_the_retained_speed(b, retained, limits)
        return
    serious = _SERIOUS_EXCESS.search(f)
    if serious and not excess_found and not measured:
        # "grand excès de vitesse, combien de points ?": the category's first excess (R4: 50 km/h), whose
        # points, class and fine are those of any excess of 50 km/h or more
        b.add_conv("speed_excess", _serious_excess_kmh(b.today), serious.start(), serious.end(), None, 0.8,
                   claim=False)


# between two limits, the words that correct the first ("non pardon", "je veux dire", "plutôt"; folded text)
_LIMIT_CORRECTED = re.compile(r"\b(?:pardon|je veux dire|plutot|je me suis trompe|je me trompe|je rectifie|enfin non"
                              r"|euh non|ah non)\b")


def _keep_the_retained_speed(b: _Builder, retained: Tuple[int, int, int], limits: List[Tuple[int, int, int]]) -> None:
    """The retained speed said overrides the speed measured, and the excess counted from it (R4): with the road's
    limit, the excess from the retained speed (the engine then shows that speed as the one kept, without the radar
    margin's "if it was measured" note); without it, the retained speed as the speed to count from."""
    value, start, end = retained
    # (the speeds of that offence only, those of its sentence: "…, puis +8 sur une route à 110" is another one)
    breaks = list(re.finditer(r"[.;!?\n]", b.fconv[:start]))
    s_start = breaks[-1].end() if breaks else 0
    after = re.search(r"[.;!?\n]", b.fconv[end:])
    s_end = end + after.start() if after else len(b.fconv)
    span = b.norm.span(s_start, s_end) or (0, len(b.text))
    b.facts = [fact for fact in b.facts if fact.entity not in ("speed_measured", "speed_excess")
               or not (span[0] <= fact.start and fact.end <= span[1])]
    b.claim(start, end)
    limit = min((lim for lim in limits if lim[0] < value and s_start <= lim[1] < s_end),
                key=lambda lim: abs(lim[1] - start), default=None)
    if limit is not None:
        b.add_conv("speed_excess", value - limit[0], min(start, limit[1]), max(end, limit[2]), None, 0.92, claim=False)
    else:
        b.add_conv("speed_measured", value, start, end, None, 0.92)


_SERIOUS_EXCESS = re.compile(r"\bgrands? exces\b")


def _serious_excess_kmh(day: date) -> int:
    from rules_core.params import load_params  # (the legal threshold lives with the engine's parameters)
    return load_params().at(day).value("speeding.serious_from_kmh")


def full_balance_said(text: str) -> bool:
    """"il avait tous ses points", "j'étais au max": the full balance told without its number (read as 12, R1; during
    probation the answers take the ceiling of that time instead, R5)."""
    return bool(_FULL_BALANCE.search(fold(text)))


def _full_balance(day: date) -> int:
    from rules_core.params import load_params  # (R1's maximum lives with the engine's parameters)
    return load_params().at(day).value("capital.max")


def _unit_len(f: str, pos: int) -> int:
    m = re.match(r"\s*" + _KMH, f[pos:pos + 25])
    return m.end() if m else 0


# ----------------------------------------------------------------------- points

_N = r"(?<![\w.,/])(\d{1,3})(?![\d]|[.,/]\d)"
_LOST_BEFORE = re.compile(
    r"(?:perdu|perdus|perdre|perds|perd|retire\w*|enleve\w*|retrait|retraits|perte|sucre\w*|pris|prendre|prend|otes?|"
    r"ote\w*|enlever|retirer|sanctionne\w*|moins|coute\w*|vaut|valait|retranche\w*|deduit\w*)\s+"
    r"(?:de\s+|d'|les\s+|mes\s+|encore\s+|deja\s+|juste\s+|que\s+)?" + _N + r"(\s*" + _POINTS_UNIT + r")?")
# "j'ai payé une amende de 4 points", "un PV à 3 pts": the points the fine received will cost, hence lost (the unit
# is required: "une amende de 135" is its amount; "une infraction à 4 points" names a kind of offence)
_LOST_OFFENCE = re.compile(
    # ("un excès de vitesse de 1 point", "un feu rouge à 4 points": the offence's points, T27 c09 was asked them again;
    # not "une infraction à 4 points", a kind of offence that may be asked about)
    r"\b(?:amendes?|pv|prunes?|exces|vitesse|feu rouge|stop|telephone|portable|ceinture)"
    r"\s+(?:de|a)\s+" + _N
    + r"(?=\s*" + _POINTS_UNIT + r")")
_LOST_SIGN = re.compile(r"(?<![\w\d])-\s?(\d{1,2})\s*" + _POINTS_UNIT)
# "elle avait -2 points d'après le calcul", "mon solde est de -3 points", "il me reste -3 points", "je suis à -2": a
# computed balance below 0, not a loss (R18)
_NEGATIVE_BALANCE_CUE = (r"\b(?:avai[st]|avait|ai|a|suis a|est a|etait a|etais a|tombe a|reste|restait|plus que"
                         r"|solde(?:\s+calcule)?(?:\s+(?:de|a|est de|etait de|est a|etait a))?)\s*:?\s*")
_NEGATIVE_BALANCE_BEFORE = re.compile(_NEGATIVE_BALANCE_CUE + r"$")
_NEGATIVE_BALANCE = re.compile(_NEGATIVE_BALANCE_CUE + r"(?:-|\u2212|moins\s+)\s?(\d{1,2})\s*(?:points?|pts?)?\b")


def negative_balance_told(text: str) -> Optional[int]:
    """The computed balance below 0 that `text` tells ("elle avait -2 points", "je suis à moins 3"), else None: the
    parser gives no count of points for it, lost or left (R1 edge case; it matters for R18, -2 + 4 = 2)."""
    found = _NEGATIVE_BALANCE.search(fold(text or ""))
    return -int(found.group(1)) if found and 0 < int(found.group(1)) <= 12 else None
# "un excès de vitesse (-1) et un téléphone (-3)": a count signed minus in brackets after an offence is its loss
_LOST_SIGN_IN_BRACKETS = re.compile(r"\(\s*-\s?(\d{1,2})\s*\)")
_NAMES_AN_OFFENCE = re.compile(r"\b(?:infractions?|exces|vitesse|flashe\w*|radar|feu|stop|telephone|portable|ceinture"
                               r"|alcool\w*|amendes?|pv|contraventions?|retraits?)\b")
_LOST_AFTER = re.compile(
    _N + r"\s*" + _POINTS_UNIT + r"\s+(?:en moins|de moins|retire\w*|enleve\w*|perdu\w*|de retrait|sucre\w*|de perdus?|"
    r"de perte|de retire\w*|d'enleve\w*|ont ete retire\w*|m'ont ete retire\w*|ont saute)")
# who, besides the user, may have a balance told in the present ("elle a 5 points", "une cliente a 5 points")
_SOMEONE = (r"il|elle|client|cliente|eleve|fille|fils|mari|femme|copain|copine|mec|pere|mere|frere|soeur|ami|amie"
            r"|collegue|conjoint|conjointe|compagnon|compagne|candidat|candidate|stagiaire|salarie|salariee")
# ... that balance, said with its unit only: "il a 18 ans", "elle a 2 enfants" are no balance
_SOMEONE_HAS = re.compile(r"(?:" + _SOMEONE + r")\s+(?:en\s+)?a\s+$")
_BALANCE_BEFORE = re.compile(
    # (a word of its own: "j'aurai 12 points", "je serai à 12" are no "ai 12")
    r"\b(?:reste|restent|restant|restants|restait|restaient|solde|soldes|capital|plus que|n'ai que|ai que|j'ai|j ai|jai|ai|avoir|je suis a|"
    # "j'avais 12 points, j'en ai perdu 3" (the balance before a loss told)
    r"j'avais|javais|j avais|j'en avais|j'etais a|jetais a|"
    # "ils vont m'enlever 9 points ?? j'en ai 10": the points named before, the count the user has (T16 c23)
    r"j'en ai|jen ai|j en ai|"
    # "il avait 11 pts", "elle en avait 8" (a son's, a client's balance before the loss told)
    r"(?:il|elle)\s+(?:en\s+)?avait|(?:il|elle)\s+etait a|"
    # "une cliente a 5 points", "ma fille a 8 points", "elle a 5 points": someone else's balance (T13 c28); "mon client
    # avait 3 points" before the retrait told (T15 c12)
    r"(?:" + _SOMEONE + r")\s+(?:en\s+)?(?:a|avait)|"
    r"suis a|jsuis a|j'suis a|jsui a|chuis a|chui a|suis descendu a|dispose de|il m'en reste|total de|compte|ya|y a|encore|actuellement|"
    # what the téléservice shows: "je vois 0 point", "le site affiche 8 points"
    r"vois|affiche|indique|marque|"
    # "un jeune conducteur avec 2 points", "un permis avec 5 points" (T4 m008)
    r"(?:conducteur|conductrice|moi|quelqu'un|permis|personne)\s+avec|"
    # "au départ 12 points", "au début, 12 points": the balance before the retraits told (with its unit)
    r"au depart|au debut|a l'origine|initialement|a la base|de base)\s*,?\s+"
    # ("j'avais mes 10 points", tester T3 c59)
    r"(?:de\s+|a\s+|que\s+|actuellement\s+|encore\s+|seulement\s+|plus que\s+|toujours\s+|:\s*|environ\s+|juste\s+"
    r"|mes\s+)*" + _N)
# words that may close a clause after a count without telling anything of it: "jsuis a 12 là ?", "j'avais 12
# alors", "je suis à 9 maintenant ?"
_CLAUSE_FILLERS = (r"\s*(?:(?:la|maintenant|alors|donc|du coup|actuellement|aujourd'hui|hein|non|en ce moment"
                   r"|c'est ca|c'est bien ca|c'est bon|ou pas|ou quoi|seulement|pour l'instant|pour le moment)\s*)*")
# "en" of "j'en ai 10" names points: the last count's noun before it is points, no other noun comes between
_POINTS_ANTECEDENT = re.compile(r"\b(?:points?|pts?)\b(?!.*\b(?:amendes?|pv|infractions?|contraventions?|stages?|enfants?"
                                r"|voitures?|lettres?|fois|ans?|annees?|mois|euros?)\b).*$")
_ASKS_WHEN = re.compile(r"\bquand\b|\bquelle date\b|\bd'ici\b|\bcombien de temps\b")
# "je devais avoir", "j'aurais dû avoir", "je suis censé avoir": a balance that would have been, not the balance
_SUPPOSED_TO = re.compile(r"\b(?:devais|devait|devrais|devrait|aurais\s+du|aurait\s+du|censee?s?|supposee?s?)\s+"
                          r"(?:normalement\s+|deja\s+|encore\s+)?$")
_BALANCE_AFTER = re.compile(
    _N + r"\s*" + _POINTS_UNIT + r"\s*(?:sur\s+(?:12|6|8|10)\b|/\s*12\b|restants?|qui me restent|sur mon permis|au compteur|"
    r"il me reste|actuellement|en tout|au depart|au debut|a l'origine|initialement|a la base|de base"
    # "9 points avant (l'amende)": the balance before a retrait told
    r"|avant\b(?!\s+(?:de|d'))|avant\s+(?:de|d')\s*(?:payer|regler|perdre))")
# "le stage m'avait fait passer de 6 à 10", "je suis remonté de 6 à 10 points": the balance a past event left (the
# count after "à"), told in the past ("je passe de 5 à 8 ?" asks what a stage to come gives; T57 c21 read no balance)
_BALANCE_REACHED = re.compile(
    r"\b(?:(?:m'|l'|lui\s+)(?:a|avait|ont|avaient)\s+fait\s+(?:passer|remonter|monter|revenir)"
    r"|(?:suis|etais|est|etait|sommes|etions)\s+(?:passee?s?|remontee?s?|montee?s?|revenue?s?))"
    r"\s+de\s+\d{1,2}\s*(?:" + _POINTS_UNIT[3:-3] + r")?\s*a\s+" + _N)
# "ça fait 12 points en tout ?", "cela ferait 9 points au total", "soit 12 points en tout": a sum, told or asked
_SUM_ASKED = re.compile(r"\b(?:ca|sa|cela|ce qui|ce qu'?\s?il|qui)\s+(?:me\s+|lui\s+|leur\s+)?(?:fait|ferait|fera|font)\s+"
                        r"(?:donc\s+|bien\s+|alors\s+)?$|\bsoit\s+$")
_ZERO_BALANCE = re.compile(
    r"\bplus\s+(?:aucun|de|un seul)\s+(?:" + _POINTS_UNIT[3:-3] + r")(?!\s*(?:a perdre|perdu|retire|en moins|que|qu'))\b"
    r"|\b(?:reste|ai|suis a|suis|tombe a|descendu a|passe a|affiche|vois|indique|solde de|solde a|solde)\s+(?:a\s+)?"
    r"(?:zero|0)(?:\s*" + _POINTS_UNIT[3:-3] + r")?(?![\w.,/\d])")
# "j'ai eu mes 2 points en juin 2024" (the yearly increment of a probationary licence), "le stage m'a rendu 4 points",
# ("est-ce que je vais avoir mes 2 points au 1er septembre ?", "j'aurai mes 12 points ?": asked to come, no balance told;
# tester T38 c09 got "Solde aujourd'hui : 1 point (2 points avant l'infraction)")
# "j'ai récupéré 3 points": points that came back, never a retrait
_GAINED_BEFORE = re.compile(
    r"\b(?:(?:eu|obtenu|touche|avoir|aurai|auras|aura|aurais|aurait|toucher|toucherai|touchera|recevoir|recevrai|"
    r"recevra)\s+(?:mes|ses)|(?:gagne\w*|recupere\w*|rendu\w*|redonne\w*|rend|rendent|recredite\w*|"
    r"restitue\w*)(?:\s+(?:mes|les|ses|ces|mes premiers|\w+\s+de))?)\s+" + _N
    + r"(?=\s*" + _POINTS_UNIT + r"(?!\s+(?:de\s+|d')?(?:retir|enlev|perd|en moins|de moins)))")
_NOT_LOST = re.compile(r"\b(?:jamais|pas|aucun\w*|rien|ni)\s+(?:encore\s+|deja\s+|jamais\s+|un\s+seul\s+)?$")
# "il avait tous ses points", "j'ai encore tous mes points", "elle était au max": the full balance said without its number
# (12, R1; a probationary ceiling is the answers' to know). Only after a verb of having: "je récupère tous mes points
# quand ?" asks about it, "il a perdu tous ses points" is a loss.
_FULL_BALANCE = re.compile(
    r"\b(?:j'?\s?(?:avais|ai)|javais|jai|(?:il|elle|on)\s+(?:avait|a)|(?:" + _SOMEONE + r")\s+(?:avait|a)"
    r"|(?:j'?\s?|je\s+)?(?:etais|suis)|(?:il|elle)\s+(?:etait|est))\s+"
    r"(?:encore\s+|toujours\s+|bien\s+|deja\s+|tout\s+)*"
    r"(?:tous\s+(?:mes|ses|leurs|les)\s+(?:points?|pts?)\b|(?:le|au|a son|a mon)\s+max(?:imum)?\b"
    r"|(?:mes|ses|leurs)\s+(?:12|douze)\s+(?:points?|pts?)\b)")
# "elle est au maximum ou pas ?", "il a tous ses points ou non ?": the full balance asked about, not told
_FULL_BALANCE_ASKED_AFTER = re.compile(r"\s*,?\s*ou (?:pas|non|bien)\b")
# (told in the present: "mais j'avais tous mes points ?!" objects to a balance, the full one told)
_FULL_BALANCE_NOW = re.compile(r"^(?!.*\b(?:j?avais|avait|etais|etait)\b)")
_GAINED_AFTER = re.compile(_N + r"\s*" + _POINTS_UNIT + r"\s+(?:de plus|en plus|supplementaires?|de bonus|rendus?|"
                           r"recuperes?|regagnes?|gagnes?|redonnes?|recredites?)\b")
# "ok donc avec 9 points si je fais le stage…", "moi avec 4 points je peux…": the count the driver stands at, told
# with "avec" at the start of a clause, is the balance (T32 c28 read it as an offence costing 9 points); not "avec 6
# points en moins", "une infraction avec 3 points de retrait"
_BALANCE_WITH = re.compile(r"(?:^|[,.;!?:]|\b(?:donc|ok|alors|et|mais|moi|lui|elle|si|que|qu'|ben|bon|bah|maintenant))\s*"
                           r"avec\s+(?:mes\s+|ses\s+|ces\s+|seulement\s+|que\s+)?" + _N + r"\s*" + _POINTS_UNIT +
                           r"(?!\s*(?:en moins|de moins|de retrait|de perdu|retir|enlev|perdu|de plus|en plus))")
_OUT_OF_12 = re.compile(_N + r"\s*/\s*12\b")
_ANY_POINTS = re.compile(_N + r"\s*" + _POINTS_UNIT)
_OTHER_UNIT = re.compile(
    r"\s*(?:%|€|\$|euros?\b|eur\b|mois\b|ans?\b|annees?\b|jours?\b|semaines?\b|heures?\b|h\b|min\b|minutes?\b|km|m\b|"
    r"metres?\b|mg\b|g\b|grammes?\b|l\b|litres?\b|cl\b|fois\b|enfants?\b|voitures?\b|amendes?\b|pv\b|infractions?\b)")


# "perdu 3 points en mars pour vitesse et 1 point en octobre": the counts listed after a loss are losses too,
# unless the words between them tell another count (what is left, what came back)
_LIST_JOIN = re.compile(r",|\b(?:et|puis|plus|ainsi que)\b")
_LIST_OTHER_COUNT = re.compile(
    r"\b(?:reste\w*|solde\w*|ai|jai|avais|avait|suis|etais|avoir|maintenant|actuellement|total|capital|plus que"
    r"|recup\w*|rendu\w*|redonne\w*|gagne\w*|credite\w*|recredite\w*|restitue\w*)\b|[.;!?\n:]")
_LIST_REACH = 80


#: an engine's size after a number ("50cc", "125 cm3", "50 cm³")
_ENGINE_SIZE = re.compile(r"\s*(?:cc|cm\s?3|cm³|cm\s+cubes?|centimetres?\s+cubes?)\b")


def _points(b: _Builder) -> None:
    f = b.fconv
    said: List[Tuple[int, int, Optional[str]]] = []  # (start, end, role) of the counts read so far, in conv

    def emit(m: re.Match, role: Optional[str], group: int = 1, confidence: float = 0.92) -> None:
        s, e = m.start(group), m.end(group)
        if b.is_claimed(s, e) or _ENGINE_SIZE.match(f, e):
            return  # ("ma fille en scooter 50cc qui grille le feu": an engine's size, not 50 points lost; T11 c15)
        unit = re.match(r"\s*" + _POINTS_UNIT, f[e:e + 10])
        end = e + (unit.end() if unit else 0)
        b.add_conv("points", int(m.group(group)), s, end, role, confidence)
        said.append((s, end, role))

    for m in _LOST_SIGN.finditer(f):
        if _NEGATIVE_BALANCE_BEFORE.search(f, max(0, m.start() - 30), m.start()):
            b.claim(m.start(), m.end())  # (the balance told below 0: no count of points lost, none left)
        elif not b.is_claimed(m.start(1), m.end(1)):
            b.claim(m.start(), m.start(1))
            emit(m, "lost")
    for m in _LOST_AFTER.finditer(f):
        emit(m, "lost")
    for m in _LOST_SIGN_IN_BRACKETS.finditer(f):
        if _NAMES_AN_OFFENCE.search(f, max(0, m.start() - 40), m.start()):
            emit(m, "lost")
    for pattern in (_GAINED_BEFORE, _GAINED_AFTER):
        for m in pattern.finditer(f):
            emit(m, "gained")
    for m in _LOST_OFFENCE.finditer(f):
        emit(m, "lost")
    for m in _LOST_BEFORE.finditer(f):
        if _NOT_LOST.search(f, max(0, m.start() - 25), m.start()):
            # "jamais perdu un point", "je n'ai pas perdu de points": no count at all (tester T2, R14 ex. 2)
            b.claim(m.start(1), m.end(1))
            continue
        if not m.group(2):
            word = m.group(0).split()[0]
            if word in ("pris", "prendre", "prend", "moins", "coute", "vaut", "valait") or _OTHER_UNIT.match(f[m.end(1):m.end(1) + 10]):
                continue
            if not re.search(r"points?|pts?|permis|retrait", f):
                continue
        emit(m, "lost")
    for m in _BALANCE_AFTER.finditer(f):
        if _SUM_ASKED.search(f, max(0, m.start() - 20), m.start(1)):
            # "ça fait 12 points en tout ?": the sum of the retraits the user asks about, no balance (T15 c17)
            b.claim(m.start(1), m.end(1))
            continue
        emit(m, "balance")
    for m in _OUT_OF_12.finditer(f):
        emit(m, "balance", confidence=0.85)
    for m in _BALANCE_REACHED.finditer(f):
        if int(m.group(1)) <= 12:
            emit(m, "balance", confidence=0.85)
    for m in _BALANCE_WITH.finditer(f):
        emit(m, "balance", confidence=0.85)
    for m in _BALANCE_BEFORE.finditer(f):
        e = m.end(1)
        has_unit = re.match(r"\s*" + _POINTS_UNIT, f[e:e + 10])
        word = m.group(0).split()[0]
        if word not in ("j'avais", "javais", "j", "j'en", "j'etais", "jetais", "restait", "restaient") and \
                _ASKS_WHEN.search(re.split(r"[?.!;\n]", f[max(0, m.start() - 30):m.start()])[-1]):
            # "quand j'ai 12 pts ?", "à partir de quand je peux avoir 12 points ?": the balance asked about, not told
            # (tester T3 c10); not a question of the sentence before ("mes points reviennent quand ? jai 5 points":
            # the balance told, T19 c17)
            continue
        if word == "avoir" and _SUPPOSED_TO.search(f, max(0, m.start() - 30), m.start()):
            # "je devais avoir 10 points en probatoire mais j'ai perdu 2 points": what the balance would have been
            b.claim(m.start(1), m.end(1))
            continue
        if not has_unit and _SOMEONE_HAS.match(f, m.start(), m.start(1)):
            continue
        if not has_unit and word in ("j'en", "jen", "j") and re.match(r"j'?\s?en ai\b", m.group(0)) and \
                not _POINTS_ANTECEDENT.search(f, max(0, m.start() - 80), m.start()):
            continue  # "des PV, j'en ai 3": what "en" names is not points
        if not has_unit:
            # "avant j'avais 12", "ah si je crois que j'avais 9": the count that ends the clause is a balance
            ends_clause = word in ("j'avais", "javais", "j", "j'en", "jen", "j'ai", "jai", "il", "elle") and int(m.group(1)) <= 12 and re.match(
                _CLAUSE_FILLERS + r"(?:$|[.,;!?]|avant\b|au (?:depart|debut)\b|en fait\b|en vrai\b)", f[e:])
            # "même si je suis à 11 ?", "jsuis a 9, un stage ?" (T4 m012), "donc jsuis a 12 là ?" (T7 c27): where the
            # driver stands is a balance
            ends_clause = ends_clause or (re.search(r"(?:\bj'?|\b)suis? a\s+$|\bchuis? a\s+$", f[m.start():m.start(1)]) is not None
                                          and int(m.group(1)) <= 12
                                          and re.match(_CLAUSE_FILLERS + r"(?:$|[.,;!?)]|et\b|mais\b)", f[e:]))
            if word not in ("reste", "restent", "restant", "restants", "restait", "restaient", "solde", "soldes", "capital",
                            "il") \
                    and not ends_clause:
                continue
            if _OTHER_UNIT.match(f[e:e + 12]):
                continue
        emit(m, "balance")
    for m in _ANY_POINTS.finditer(f):
        before = [x for x in said if x[1] <= m.start(1)]
        if not before:
            continue
        _, last_end, last_role = max(before, key=lambda x: x[1])
        gap = f[last_end:m.start(1)]
        if (last_role == "lost" and len(gap) <= _LIST_REACH and _LIST_JOIN.search(gap)
                and not _LIST_OTHER_COUNT.search(gap)):
            emit(m, "lost", confidence=0.85)
    for m in _FULL_BALANCE.finditer(f):
        if b.is_claimed(m.start(), m.end()) or _ASKS_WHEN.search(re.split(r"[?.!;\n]", f[max(0, m.start() - 30):m.start()])[-1]):
            continue  # ("quand est-ce qu'il a tous ses points ?": the full balance asked about, not told)
        if _FULL_BALANCE_ASKED_AFTER.match(f, m.end()) or (
                _FULL_BALANCE_NOW.search(m.group(0)) and re.match(r"\s*\?", f[m.end():])):
            continue  # ("elle est au maximum ou pas ?", "il a tous ses points ?": asked, not told; T48 c23 got 12)
        b.add_conv("points", _full_balance(b.today), m.start(), m.end(), "balance", 0.88)
        said.append((m.start(), m.end(), "balance"))
    for m in _ZERO_BALANCE.finditer(f):
        # "je n'ai plus aucun point", "il me reste zéro point", "je suis à zéro": a balance of 0 (R20)
        if not b.is_claimed(m.start(), m.end()):
            b.add_conv("points", 0, m.start(), m.end(), "balance", 0.88)
            said.append((m.start(), m.end(), "balance"))
    whole = re.fullmatch(r"\s*(?:j'ai\s+|plus que\s+)?" + _N + r"\s*" + _POINTS_UNIT + r"\s*[.!]*\s*", f)
    if whole:
        emit(whole, "balance", confidence=0.75)
    for m in _ANY_POINTS.finditer(f):
        emit(m, None, confidence=0.85)


# ---------------------------------------------------------------------- numbers

_NUMBER_UNIT_AFTER = re.compile(
    r"(?:[a-z]|\s*(?:%|€|\$|°|euros?\b|eur\b|mois\b|ans?\b|annees?\b|jours?\b|semaines?\b|heures?\b|h\b|min\b|minutes?\b|"
    r"secondes?\b|km|kms\b|m\b|metres?\b|mg\b|g\b|grammes?\b|l\b|litres?\b|cl\b|fois\b|points?\b|pts?\b|pt\b|cv\b|ch\b|kg\b|"
    r"cm\b|mm\b|eme\b|e\b|er\b|ere\b|nd\b|nde\b|x\b|enfants?\b|voitures?\b|vehicules?\b|amendes?\b|pv\b|"
    r"infractions?\b|contraventions?\b|stages?\b|lettres?\b|radars?\b|personnes?\b|passagers?\b))")


# "un", "une seule", "juste un": the whole message is the count one, the answer to a count asked
_ONE_ALONE = re.compile(r"\s*(?:(?:euh|ben|bah|juste|seulement|qu')\s*)*(?:un|une)(?:\s+seule?)?(?:\s+seulement)?\s*[.!]*\s*")
# "un seul, payé le 31 août 2026" answered to the points asked: the count opening the message, its clause ended (T61 c21)
_ONE_LEADING = re.compile(r"\s*(?:(?:euh|ben|bah|juste|seulement|qu')\s*)*(?:un|une)\s+seule?(?:\s+seulement)?\s*[,;]")


def _numbers(b: _Builder) -> None:
    f = b.fconv
    for m in re.finditer(r"\d+", f):
        s, e = m.start(), m.end()
        if b.is_claimed(s, e):
            continue
        prev = f[s - 1] if s > 0 else ""
        if prev and (prev.isalnum() or prev in "+-/.,:_°#€$'" and prev != "'"):
            if not (prev in ".," and (s < 2 or not f[s - 2].isdigit())):
                continue
        if _NUMBER_UNIT_AFTER.match(f, e) or re.match(r"[.,/:\-]\d", f[e:e + 2]):
            continue
        if len(m.group(0)) > 4:
            continue
        value = int(m.group(0))
        if 1900 <= value <= 2100 and len(m.group(0)) == 4:
            continue
        span = b.norm.span(s, e)
        if span is None:
            continue
        leading = _ONE_LEADING.match(fold(b.text))
        if fold(b.text[span[0]:span[1]]).strip() in ("un", "une") and not _ONE_ALONE.fullmatch(fold(b.text)) and \
                not (leading and span[1] <= leading.end()):
            continue  # an article, not a number (but "un", "un seul" alone answer a count asked: T27 c09)
        if _BOTH.search(fold(b.text[max(0, span[0] - 12):span[1]])):
            continue  # "payées toutes les deux le 20 janvier": both of them, not a count
        b.add_orig("number", value, span[0], span[1], None, 0.8)


#: "tous les deux", "toutes les 2", "les deux" (ending at the number): a pronoun for two things told
_BOTH = re.compile(r"\b(?:tous|toutes|les)\s+(?:les\s+)?(?:deux|2)$")


# --------------------------------------------------------------------- booleans

# ("non" that opens a correction, "ah non pardon je l'ai reçue le 3 août", "non, c'est le 3 août que je l'ai reçue", is
# no negation of the fact that follows: only "non" right before its word is, "lettre non reçue", T33 c04)
_NEGATION = re.compile(r"\b(?:sans|pas|jamais|ni|ne|aucune?|rien|point de|refuse|rate|echoue)\b|\bn'"
                       r"|\bnon\b(?!\s*[,;:!.]|\s+(?:je|j'|il|elle|on|c'|ce|pardon|mais|en fait|attends?|desole|du coup)\b)")
_NEGATION_AFTER = re.compile(r"^\s*(?:[:=\-]\s*)?(?:non|no|nan|nope|pas fait|jamais|aucune?)\b|^\s*(?:pas faite?|non faite?|non suivie?)\b")
# "sa période probatoire est finie", "ma période probatoire est terminée depuis octobre", "fini mon probatoire", "plus
# en probatoire", "sorti de la période probatoire": a probation over (folded text, after or before the word)
_PROBATION_ENDED_AFTER = re.compile(r"^\s*(?:est|etait|s'?\s?est|a ete|c'?\s?est)?\s*(?:deja\s+|bien\s+)?"
                                    r"(?:finie?|terminee?|achevee?|passee?|depassee?|expiree?|close)\b")
# (not "à la fin de ma période probatoire j'aurai…": a day to come)
_PROBATION_ENDED_BEFORE = re.compile(r"\b(?:(?:fini|termine|sorti\w*)\s+(?:de\s+)?(?:la|ma|sa|mon|son|le|leur)?\s*"
                                     r"(?:periode\s+)?|\bplus\s+(?:en\s+)?(?:periode\s+)?)$")
_BOOLEAN_FACTS = [
    ("supervised_driving", re.compile(
        r"\b(?:conduite\s+(?:accompagnee|acompagnee|accompagne|acompagne|accompagner|supervisee|encadree)s?|aac|apprentissage\s+anticipe(?:\s+de\s+la\s+conduite)?|"
        r"conduite\s+acc\b|cond\s+accompagnee)\b")),
    # "filière classique", "permis traditionnel": the licence without AAC (R5: 3 years of probation)
    # ("conduite normale pas accompagnée": the driving learnt the usual way, T34 c18 got "AAC ?" asked)
    ("supervised_driving", re.compile(
        r"\b(?:filiere|formation|apprentissage|permis|cursus|voie|conduite)\s+(?:classique|normale|traditionnelle"
        r"|traditionnel|standard)\b"), False),
    # "pas accompagnée", "non accompagné" said of the licence's learning (the negation read before it)
    ("supervised_driving", re.compile(r"(?:(?<=\bpas )|(?<=\bnon ))accompagne(?:e|es|s)?\b")),
    # "Permis eu le 10/03/2024 (classique)", "permis B en mai 2024 (filière traditionnelle)", "j'ai eu le permis de
    # façon classique": the way the licence was learnt, named after it (tester T16 c25: AAC was asked anyway)
    ("supervised_driving", re.compile(
        r"(?<=\bpermis\b)[^.;!?()]{0,50}(?P<fact>\(\s*(?:en\s+|de\s+facon\s+|filiere\s+|formation\s+|voie\s+)?"
        r"(?:classique|normale?|traditionnelle?|standard)\s*\)|\b(?:de\s+facon|de\s+maniere|par\s+la\s+voie|en\s+filiere)"
        r"\s+(?:classique|normale|traditionnelle)\b)"), False),
    # ("pas de stage post-permis": the same training, named as a stage; T57 c28 was asked it again)
    ("complementary_training", re.compile(
        r"\bformations?\s+(?:complementaires?|complementaire|post[\s-]?permis|post[\s-]?probatoire)\b"
        r"|\bstages?\s+(?:de\s+)?post[\s-]?(?:permis|probatoire)\b")),
    # "en permis probatoire", "jeune conducteur": the licence is probationary (the 48N exists only then, R15)
    ("probationary", re.compile(
        r"\b(?:probatoire|jeunes?\s+(?:conducteur|conductrice|permis)s?|periode\s+probatoire|"
        r"(?:permis|en|suis)\s+proba|\bja\b(?=\s*[,.!?]|\s+depuis))\b")),
    # "j'ai reçu la 48N", "pas encore reçu de 48SI": whether the letter has come (R18: a 48SI not yet notified)
    # (not the notice of the fine: "il a reçu l'avis le 12 novembre" is no letter of the points, T11 c40)
    # ("j'arrive à combien ?": the figure reached, no letter; T57 c21)
    ("letter_received", re.compile(r"\b(?:recu|recue|recus|recues|(?<!j')(?<!j' )(?<!\bj )(?<!\bje )(?<!\bon )arrivee?|notifiee?)\b"
                                   r"(?!\s+(?:l'\s?|un\s+|une\s+|"
                                   r"son\s+|mon\s+|sa\s+|ma\s+|le\s+|la\s+)?(?:avis|amende|pv|proces|contravention)\b)"
                                   # "je n'ai pas encore eu la lettre 48SI", "toujours pas eu de 48SI"
                                   r"|\beu\b(?=\s+(?:la\s+|le\s+|une?\s+|de\s+|d'|ma\s+|mon\s+)?(?:(?:lettre|"
                                   r"courrier|recommande)\b|48))")),
    # "pas de 48SI pour l'instant", "toujours pas de lettre 48SI": not come (R18); "aucune lettre !", "j'ai pas de lettre,
    # c'est juste si jamais…": none at all (T54 c06)
    ("letter_received", re.compile(r"\bpas\s+(?:encore\s+)?(?:de|d')(?=\s*(?:lettre\s+|courrier\s+)?48\s?(?:si|n)\b)"
                                   r"|\b(?:aucune?|pas\s+(?:encore\s+)?(?:de|d'))\s*(?=(?:lettres?|courriers?|recommandes?)\b)"),
     False),
    # "sans conduite accompagnée ni formation": a bare "formation" only in such a list of what was not done
    ("complementary_training", re.compile(
        r"(?:(?<=\bni )|(?<=\bsans ))(?:la |de )?formation\b(?!\s+(?:complementaire|post))")),
    # "pas de conduite accompagnée, pas de formation", "j'ai pas fait la formation": the bare word after a negation
    # is the complementary training of the probationary licence (tester T3 c59); not a stage's "formation"
    ("complementary_training", re.compile(
        r"(?<=\bpas )(?:(?:fait|suivi|eu|passe)\s+)?(?:la |de |d'une? |une )formation\b"
        r"(?!\s+(?:complementaire|post|de recup|de sensibilisation|specifique|obligatoire|de stage))")),
]


# "je n'ai pas récupéré le recommandé à la poste", "pas été chercher la lettre", "j'ai eu un avis de passage", "pli non
# réclamé": a registered letter presented and not collected, which counts as notified from its first presentation
# (CE 17/04/2025 n° 492072, spec §0.2): `letter_received` "presented", not False (a 48SI not yet notified, R18)
_UNCOLLECTED = re.compile(
    r"\b(?:pas|jamais|ni)\s+(?:(?:encore|ete|alle|allee|pu|su|eu le temps d'?|voulu)\s*)*(?:la\s+|le\s+|l'\s*)?"
    r"(?:recupere\w*|retire\w*|cherche\w*|reclame\w*)\b(?!\s+(?:(?:mes|des|de|les|\d+|un|deux|trois|quatre)\s+)?points?\b)"
    r"|\bavis de passage\b|\bnon\s+(?:reclame|retire|recupere)e?s?\b"
    r"|\b(?:reste|restee|laisse|laissee|dort|attend|est toujours|est encore|est)\s+(?:a|au|en)\s+(?:la\s+)?(?:poste|bureau de poste)\b"
    r"|\bretourne\w*\s+a\s+l'?\s*expediteur\b|\bpli\s+avise\b")
_LETTER_CONTEXT = re.compile(r"\blettre|\brecommande|\bcourrier|\bpli\b|\bposte\b|\b48\s?(?:n|si|m)?\b|\bfacteur\b")
# "avis de passage le 31 octobre et j'ai signé l'accusé de réception à la poste le 3 novembre", "je suis allé la
# chercher le 4": the letter presented, then collected; received on that day (R15: the day the acknowledgement was
# signed; T28 c29 was counted from the notice's day, "non retiré"), not "presented"
_COLLECTED = re.compile(r"\b(?:signe\w*|(?:alle|allee|ete|passe|passee)\s+(?:la |le |l')?(?:chercher|recuperer|retirer)"
                        r"|(?:recupere|retire)e?s?\b(?!\s+(?:(?:mes|des|de|les|\d+|un|deux|trois|quatre)\s+)?points?\b))")
_NEGATED_BEFORE = re.compile(r"\b(?:pas|jamais|ni|sans)\b(?:\s+\S+){0,3}\s*$")


def _letter_uncollected(b: _Builder) -> None:
    f = b.ftext
    found = None
    for m in _UNCOLLECTED.finditer(f):
        c_start, c_end = _clause_bounds(f, m.start(), m.end(), 60)
        if _LETTER_CONTEXT.search(f[max(0, c_start - 60):c_end]) and not _speaks_of_future(
                f, m.start(), m.end()) and not re.search(r"\bsi\b", f[c_start:m.start()]):
            found = m
            break
    if found is None or any(not _NEGATED_BEFORE.search(f[:m.start()]) for m in _COLLECTED.finditer(f)):
        return
    # "je l'ai pas reçue, elle est à la poste": presented, not "not received"
    b.facts[:] = [fact for fact in b.facts if not (fact.entity == "letter_received" and fact.value is False)]
    b.add_orig("letter_received", "presented", found.start(), found.end(), None, 0.9)


# "c quoi la formation complémentaire ?", "la formation post-permis, ça sert à quoi ?", "qu'est-ce que la conduite
# accompagnée ?": a question of what the thing is tells neither that it was followed nor that it was not (tester T11
# c12: it was read as followed, and its date asked)
_WHAT_IT_IS_BEFORE = re.compile(r"(?:\bc'?\s?est\s+(?:quoi|koi)|\bc\s+(?:quoi|koi)|\bces\s+quoi|\bqu'?\s?est[- ]?ce\s+(?:que|qu'?)"
                                r"(?:\s*c'?\s?est)?|\bquoi\s+(?:comme|cette)|\bexpliqu\w*(?:[- ]moi)?(?:\s+(?:ce\s+qu'?\s?est|c'?\s?est"
                                r"\s+quoi))?|\bdefinition\s+(?:de|d')|\ben quoi consiste|\bparle[sz]?[- ]moi\s+(?:de|d'))"
                                r"\s*(?:la|le|une|un|l'|cette|ce|de|du|d')?\s*$")
_WHAT_IT_IS_AFTER = re.compile(r"^\s*(?:post[\s-]?permis\s*)?[\s,:?-]*(?:(?:c'?\s?est|c|ca|cela)\s+)?(?:quoi|koi|kesako)\b"
                               r"(?!\s+(?:de\s+plus|d'autre|mon|ma|mes|son|sa|ses|le|la|les))"
                               r"|^\s*(?:post[\s-]?permis\s*)?[\s,:?-]*(?:ca|cela|elle|il)\s+sert\s+a\s+(?:quoi|koi)\b")
# a claim in the same clause ("j'ai fait la formation complémentaire, ça sert à quoi ?") stays one
_FOLLOWED_BEFORE = re.compile(r"\b(?:fait|faite|suivi|suivie|eu|passe|passee|termine|terminee)\s+(?:la|une|ma|sa|l')?\s*$")
_WHAT_IT_IS_ENTITIES = ("complementary_training", "supervised_driving")


def _asks_what_it_is(f: str, start: int, end: int) -> bool:
    """The mention at f[start:end] is asked about ("c quoi la formation complémentaire ?"), not told."""
    before = f[max(0, start - 40):start]
    if _FOLLOWED_BEFORE.search(before):
        return False
    return bool(_WHAT_IT_IS_BEFORE.search(before) or _WHAT_IT_IS_AFTER.search(f[end:end + 60]))


class _FactSpan:
    """A match seen through one of its groups: start() and end() are the group's."""

    def __init__(self, match: "re.Match[str]", group: str):
        self.match, self.group = match, group

    def start(self) -> int:
        return self.match.start(self.group)

    def end(self) -> int:
        return self.match.end(self.group)


# "avant d'avoir reçu la 48SI", "avant que la 48SI soit notifiée", "avant qu'il ait reçu la lettre": what comes before
# the letter, which has not come then (R18: a stage finished before the 48SI's notification saves the licence; tester
# T56 c26 got "Aucun point : la lettre 48SI a été notifiée"); folded text just before the verb
_NOT_YET_BEFORE = re.compile(r"\bavant\s+(?:d'\s?avoir|d'\s?etre|qu'|que\s)(?:\s*[\w']+){0,4}\s*$")


def _booleans(b: _Builder) -> None:
    f = b.ftext
    for entity, pattern, *says in _BOOLEAN_FACTS:
        for whole in pattern.finditer(f):
            # a pattern that reads its context names the fact's own words (group "fact")
            m = _FactSpan(whole, "fact") if "fact" in pattern.groupindex else whole
            if entity in _WHAT_IT_IS_ENTITIES and _asks_what_it_is(f, m.start(), m.end()):
                continue
            c_start, _ = _clause_bounds(f, m.start(), m.end(), 45)
            before = f[c_start:m.start()]
            after = f[m.end():m.end() + 20]
            value = not (_NEGATION.search(before) or _NEGATION_AFTER.search(after))
            if entity == "letter_received" and _NOT_YET_BEFORE.search(f[max(0, m.start() - 45):m.start()]):
                value = False  # "s'il finit son stage avant d'avoir reçu la 48SI": not received then (R18)
            if entity == "probationary" and (_PROBATION_ENDED_AFTER.search(f[m.end():m.end() + 30])
                                             or _PROBATION_ENDED_BEFORE.search(f[max(0, m.start() - 30):m.start()])):
                value = False  # "sa période probatoire est finie", "plus en probatoire" (T9 c35): over
            b.add_orig(entity, value if not says else value == says[0], m.start(), m.end(), None, 0.9)


# The year of probation the driver says they are in (R5: its ceiling is 6, then 8 and 10, or 9 after AAC, while no
# offence has stopped the increments, R7): "2e année de probatoire", "ma deuxième année de permis", "en 1re année de
# jeune conducteur". Said without what the year is of ("je suis en 2e année"), only in a clause about probation.
_YEAR_ORDINALS = {"premiere": 1, "1ere": 1, "1re": 1, "1er": 1, "deuxieme": 2, "2eme": 2, "2e": 2, "seconde": 2,
                  "second": 2, "2nde": 2, "2nd": 2, "troisieme": 3, "3eme": 3, "3e": 3, "quatrieme": 4, "4eme": 4,
                  "4e": 4}
_PROBATION_YEAR = re.compile(
    r"\b(" + "|".join(sorted(_YEAR_ORDINALS, key=len, reverse=True)) + r")\s+annee\b"
    r"(\s+(?:de|du|d'|en)\s*(?:(?:mon|ma|son|sa|la|le)\s+)?(?:permis|probatoire|periode\s+probatoire|proba|"
    r"jeunes?\s+(?:conducteur|conductrice|permis)|conduite|probation)\b)?")
# (or the licence's points told in the clause: "en 1ère année j'ai 6 points", T18's replay of T17 c13)
_PROBATION_CUE = re.compile(r"\b(?:probatoire|proba|probation|jeunes?\s+(?:conducteur|conductrice|permis)|permis"
                            r"|\d{1,2}\s*(?:points?|pts?))\b")


def _probation_year(b: _Builder) -> None:
    """`probation_year`: the year of probation said (1 for the first), whose ceiling the answers count when the
    licence's date is not known (R5, R12 example 3)."""
    f = b.fconv
    for m in _PROBATION_YEAR.finditer(f):
        if not m.group(2):
            c_start, c_end = _clause_bounds(f, m.start(), m.end(), 60)
            if not _PROBATION_CUE.search(f[c_start:c_end]):
                continue  # "en 2e année de fac"
        b.add_conv("probation_year", _YEAR_ORDINALS[m.group(1)], m.start(), m.end(), None, 0.85, claim=False)


# No stage before (R13: a stage a year at most; the last stage's date is then not needed). Only what says
# there was none is read: "j'ai fait un stage le 3 mars" is often the very stage asked about, not an earlier
# one. A plan ("si je ne m'inscris à aucun stage") is not a history.
_NO_PREVIOUS_STAGE = re.compile(
    # "jamais fait de stage", "jamais suivi un seul stage", "jamais de stage"
    r"(?:\bjamais\s+(?:(?:fait|suivi|effectue|eu|passe|realise)\s+)?(?:de\s+|d'|un\s+|aucun\s+)(?:seul\s+)?stages?\b"
    # "aucun stage", "pas encore fait de stage", "pas de stage avant"
    r"|\baucun\s+stage\b"
    r"|\bpas\s+(?:encore\s+)?(?:fait|suivi|effectue|eu|passe|realise)\s+(?:de\s+|d'|un\s+|aucun\s+)stages?\b"
    r"|\bpas\s+(?:eu\s+)?de\s+stages?\s+(?:avant|auparavant|precedent|jusqu'ici|jusqu'a present|jusqu'a maintenant"
    r"|de ma vie|deja)\b"
    # a bare "pas de stage" as the whole answer (to "Avez-vous déjà fait un stage… ?"): inside a longer message it
    # may be a plan ("pas de stage pour l'instant, je préfère attendre"), not read there
    r"|^\s*(?:(?:non|nan)\s*,?\s*)?pas\s+(?:encore\s+)?(?:eu\s+)?de\s+stages?(?:\s+pour\s+moi)?\s*[.!]*\s*$"
    # ... but "pas fait de stage depuis 3 ans" tells of one long ago
    r")(?!\s+(?:depuis|cette annee|cette an|ce mois|recemment|dernierement|il y a|en \d|l'an|l'annee)\b)")
# "elle n'en a jamais fait", "j'en ai jamais suivi" after a stage named in the message, or as the whole answer to the
# form's question on an earlier stage (T9 c10): no stage before
_NO_STAGE_BY_PRONOUN = re.compile(  # ("jen ai jamais fait", its apostrophe left out: T35 c12)
    r"(?:\bj|\b)(?:n'\s?|ne\s+)?en\s+(?:a|ai|as|avait|avais|avons|avez|ont)\s+(?:jamais|pas\s+encore|encore\s+jamais|aucun)\s+"
    r"(?:(?:fait|suivi|effectue|passe|realise)\b(?:\s+(?:aucun|un\s+seul|un|de\s+(?:sa|ma)\s+vie))?)"
    r"(?!\s+(?:depuis|cette annee|ce mois|recemment|dernierement|il y a|en \d|l'an|l'annee)\b)")
# "c'est mon premier stage", "ce sera mon tout premier stage"; "ce n'est pas mon premier stage" says the opposite
_FIRST_STAGE = re.compile(
    r"\b(?:c'est|ce sera|ce serait|ca sera|ca serait|ca va etre|il s'agit de|il s'agira de|ce n'est|ca n'est|"
    r"ce ne sera|ca ne sera)\s+(?:pas\s+|plus\s+)?(?:mon|ma|le|un)\s+(?:tout\s+)?(?:(?:premier|1er)\s+stage\b"
    # "non c'est le premier" to "Avez-vous déjà fait un stage… ?": the first stage, not the 1st of the month
    r"|premier(?=\s*[.!?]*\s*$))"
    r"|\bmon\s+tout\s+premier\s+stage\b|\bpremier\s+stage\s+de\s+ma\s+vie\b"
    r"|\bpremiere\s+fois\s+que\s+(?:je|j')\s*(?:[\w']+\s+){0,2}?(?:un|le|ce)\s+stage\b")


def _speeding_from_speeds(b: _Builder) -> None:
    """"125 sur une route à 90, téléphone, pas de ceinture": an excess said without naming it is a speeding, one of
    the offences of the message (R3)."""
    if any(f.entity == "offence_type" and f.value == "speeding" for f in b.facts):
        return
    excess = next((f for f in b.facts if f.entity == "speed_excess"), None)
    if excess is not None:
        b.add_orig("offence_type", "speeding", excess.start, excess.end, None, 0.8)


def _told_as_history(f: str, m: re.Match) -> bool:
    """What the match says happened, not a plan ("si je ne m'inscris à aucun stage", "si je n'ai pas d'amende
    d'ici là")."""
    clause_start = _clause_bounds(f, m.start(), m.end(), 45)[0]
    if re.search(r"\bsi\b", f[clause_start:m.start()]):
        return False
    # "j'ai jamais fait de stage, je peux en faire un ?": the perfect says what happened, whatever plan follows (T41
    # c26 read no such fact, then took a letter's day for a stage's)
    return bool(_AUXILIARY_JUST_BEFORE.search(f, max(0, m.start() - 25), m.start())) or \
        not _speaks_of_future(f, m.start(), m.end())


_AUXILIARY_JUST_BEFORE = re.compile(r"\b(?:ai|as|a|avons|avez|ont|avais|avait|avions|aviez|avaient)\s+"
                                    r"(?:(?:encore|toujours|vraiment|bien)\s+)*$")


def _previous_stage(b: _Builder) -> None:
    """`previous_stage`: False when the message says no stage was ever done (True only for "ce n'est pas mon
    premier stage"). The date of a previous stage is a `date` with the stage role, not this fact."""
    f = b.ftext
    for m in _NO_PREVIOUS_STAGE.finditer(f):
        if _told_as_history(f, m):
            b.add_orig("previous_stage", False, m.start(), m.end(), None, 0.9)
    for m in _NO_STAGE_BY_PRONOUN.finditer(f):
        answer_alone = len(re.sub(r"^\W*(?:non|nan|nope)\b\W*|[^\w]+$", "", f)) <= len(m.group(0)) + 12
        if (re.search(r"\bstages?\b", f[:m.start()]) or answer_alone) and _told_as_history(f, m):
            b.add_orig("previous_stage", False, m.start(), m.end(), None, 0.85)
    for m in _FIRST_STAGE.finditer(f):
        negated = re.search(r"\b(?:n'|ne|pas|plus)\b", m.group(0))
        b.add_orig("previous_stage", bool(negated), m.start(), m.end(), None, 0.85)
        b.facts = [fact for fact in b.facts if not (fact.entity == "date" and fact.start < m.end() and m.start() < fact.end)]


# "jamais flashé", "jamais été flashée", "jamais (eu à) me faire flasher", "jamais verbalisé": never caught (folded)
_NEVER_CAUGHT = (r"|\bjamais\s+(?:ete\s+|eu\s+)?(?:(?:me|se)\s+)?(?:(?:fait|faite|faire)\s+)?"
                 r"(?:flash\w*|verbalis\w*|chope\w*|pince\w*)")


# No offence since the licence (R5, R7: the probation balance is then the ceiling): "jamais eu d'infraction",
# "aucune amende", "pas perdu de points". Only the absence is read: an offence told is a date, points, a type.
_NO_OFFENCE = re.compile(
    r"(?:\b(?:jamais|pas|aucune?|zero|0)\s+(?:(?:encore\s+)?(?:eu|commis|pris|perdu|recu)\s+)?(?:(?:un|une|d'|de|d\s|la moindre|le moindre"
    # "jamais eu dinfraction" (the apostrophe left out)
    r"|d(?=infraction|amende|contravention))\s*)?"
    r"(?:infractions?|amendes?|pv|contraventions?|retraits?\s+de\s+points?|points?\s+(?:perdus?|retires?|en moins))\b"
    r"|\bjamais\s+(?:rien\s+eu|perdu\s+(?:de|un|aucun)\s+points?|perdu\s+un\s+seul\s+point|eu\s+de\s+probleme)\b"
    r"|\bpas\s+perdu\s+(?:de|un|aucun|un\s+seul)\s+points?\b|\bsans\s+(?:aucune\s+)?(?:infraction|amende|pv|retrait)\b"
    # "jamais flashé", "jamais été verbalisé", "jamais me faire flasher" (T51 c23 asked the day of an offence)
    + _NEVER_CAUGHT + r")"
    # "pas d'infraction depuis 2 ans" tells of one before
    # ("depuis le permis", "depuis l'obtention": since the licence, none at all)
    r"(?!\s+(?:depuis\s+(?:\d|un|une|deux|trois|quatre|cinq|six|quelques|plus|moins|(?:le|la|l')(?!\s?(?:permis|obtention)))"
    r"|cette annee|ce mois|"
    r"en \d|il y a)\b)")


# the end of the clause that says no offence: what follows a comma or a sentence's end is another clause ("sans
# infraction, je peux faire un stage ?" asks a plan, it does not make the absence one)
_NO_OFFENCE_CLAUSE_END = re.compile(r"[,;.!?]")


def _no_offence(b: _Builder) -> None:
    """`offence_since_licence`: False when the message says no offence has cost points (never True). The tense is
    read in the statement's own clause: a question about a plan after it ("jamais eu d'amende, je peux faire un
    stage ?", "aucune infraction, si je fais un stage j'aurai combien ?") leaves it told (R5, R7)."""
    f = b.ftext
    for m in _NO_OFFENCE.finditer(f):
        end = _NO_OFFENCE_CLAUSE_END.search(f, m.end())
        if _told_as_history(f[:end.start()] if end else f, m):
            b.add_orig("offence_since_licence", False, m.start(), m.end(), None, 0.85)


_STATUS = [
    ("suspended", re.compile(r"\bsuspen(?:du|due|dus|dues|sion|sions|dre|d)\b")),
    ("retained", re.compile(r"\b(?:retenu|retenue|retention)\b")),
    ("invalidated", re.compile(r"\binvalid(?:e|ee|es|ees|ation)\b")),
    ("cancelled", re.compile(r"\bannul(?:e|ee|es|ees|ation)\b")),
]


# "suspendu 2 mois", "suspension de 6 mois", "retenu 72 h", "suspendu depuis le 1er mars": a licence's measure, even
# without the word "permis" (R14 example 3)
_MEASURE_TOLD = re.compile(r"\s+(?:(?:de|pour|pendant)\s+)?\d+\s*(?:mois|jours?|semaines?|ans?|h|heures?)\b"
                           r"|\s+(?:depuis|a partir d)\b")


def _licence_status(b: _Builder) -> None:
    """The licence's state, the last one said ("retenu puis suspendu": suspended), one value for its text slot."""
    f = b.ftext
    said = []
    for value, pattern in _STATUS:
        for m in pattern.finditer(f):
            c_start, c_end = _clause_bounds(f, m.start(), m.end(), 60)
            region = f[c_start:c_end]
            if "permis" not in region and "48si" not in region.replace(" ", "") and \
                    not (value in ("suspended", "retained") and _MEASURE_TOLD.match(f, m.end())):
                continue
            if _NEGATION.search(f[c_start:m.start()]):
                continue
            said.append((m.start(), m.end(), value))
    if said:
        start, end, value = max(said)
        b.add_orig("licence_status", value, start, end, None, 0.85)


# ---------------------------------------------------------- stages of a court

_COURT_STAGE = re.compile(_COURT_STAGE_CUE)
_COMPOSITION = re.compile(r"\bcomposition\s+penale\b")
_PROSECUTION_DROPPED = re.compile(
    r"\balternatives?\s+aux\s+poursuites\b|\b(?:a la place|au lieu)\s+(?:des|de|d'etre)\s+poursui\w*"
    r"|\bclasse\w*\s+sans\s+suite\b|\b(?:procureur|parquet)\b")
_ALTERNATIVE_NAMED = re.compile(r"\balternatives?\s+aux\s+poursuites\b|\bclasse\w*\s+sans\s+suite\b")
_JUDGE = re.compile(r"\b(?:juge|tribunal|magistrat|peines?\s+complementaires?|condamne\w*|sursis|jugement)\b")


def _stage_kind(b: _Builder) -> None:
    """`stage_kind`: a stage the prosecutor proposes (``alternative``: instead of prosecution, CPP 41-1;
    ``composition``: composition pénale, CPP 41-2; ``prosecutor``: both named, not said which) or a judge imposes (``sentence``: peine complémentaire or
    obligation of a suspended sentence). Cases 3 and 4 of R11: no points, not counted for the year (R13)."""
    f = b.ftext
    kinds = set()
    for m in _COURT_STAGE.finditer(f):
        c_start = max(f.rfind(stop, 0, m.start()) for stop in ".?!\n") + 1
        c_end = min((i for i in (f.find(stop, m.end()) for stop in ".?!\n") if i >= 0), default=len(f))
        sentence, cue = f[c_start:c_end], m.group(0)
        if not _STAGE_WORD.search(sentence):
            continue  # "une composition pénale pour alcool": the retrait of the offence (R2), no stage
        if _COMPOSITION.search(sentence) and _ALTERNATIVE_NAMED.search(sentence):
            kind = "prosecutor"  # "composition pénale / alternative aux poursuites": one of the two, not said which
        elif _COMPOSITION.search(sentence):
            kind = "composition"
        elif _PROSECUTION_DROPPED.search(cue) or (_PROSECUTION_DROPPED.search(sentence) and not _JUDGE.search(cue)):
            kind = "alternative"
        else:
            kind = "sentence"
        if kind not in kinds:
            kinds.add(kind)
            b.add_orig("stage_kind", kind, m.start(), m.end(), None, 0.85)


# --------------------------------------------------------------------- offences


def _offence_keys() -> Optional[set]:
    try:
        with open(PARAMETERS_PATH, encoding="utf-8") as handle:
            return set(json.load(handle)["offences"])
    except Exception:
        return None


# '*' in an expression: 0 to 3 words, none of them a conjunction, so that "ceinture * passager" does
# not join two clauses ("j'avais pas ma ceinture et mon passager non plus").
_WILDCARD = r"(?:(?!(?:et|mais|ou|puis|ni|car|donc)\s)[\w'\-]+\s+){0,3}?"
# '**': 0 to 8 such words, for a subject described at length ("mon passager de 16 ans n'avait pas sa ceinture")
_WIDE_WILDCARD = r"(?:(?!(?:et|mais|ou|puis|ni|car|donc)\s)[\w'\-]+\s+){0,8}?"

# Offences of a passenger or a child (R4 seatbelt row, R21): no points for the driver. Their expressions
# give way to the driver's own seatbelt when the match, or the words just before it in the same clause,
# say the driver was not wearing theirs ("avec mon fils j'avais pas ma ceinture", "je n'étais pas attaché
# avec mon passager"); "j'avais pas attaché mon fils" stays the child's offence.
_PASSENGER_KEYS = frozenset({"seatbelt_adult_passenger", "child_restraint"})
_DRIVER_OWN_BELT = re.compile(
    r"\b(?:ma ceinture|moi|j'etais|je n'etais|je suis"
    r"|(?:j'|je n')(?:avais|ai)\s+(?:pas\s+|plus\s+)?(?:mis\s+)?(?:de\s+|ma\s+|la\s+)?ceinture)\b")


def _same_clause(f: str, start: int, end: int) -> bool:
    """Whether the text between two matches (start..end, empty when they touch) is short and cuts no clause."""
    between = f[start:end] if start < end else ""
    return len(between) <= 25 and not re.search(r"[.;!?\n]|\b(?:et|mais|puis)\b", between)


def _driver_own_belt(f: str, start: int, end: int) -> bool:
    before = re.split(r"[.,;!?\n]", f[max(0, start - 30):start])[-1]
    return bool(_DRIVER_OWN_BELT.search(before + f[start:end]))


# A passenger under 18 is the driver's to buckle up (R.412-2: 135 € for the driver, no points, R4 seatbelt row):
# "mon passager de 16 ans", "passager mineur", "un ado à l'arrière".
_MINOR = re.compile(r"\b(?:mineure?s?|ados?|adolescente?s?|(?:[1-9]|1[0-7])\s*ans)\b")


def _minor_passenger(f: str, start: int, end: int) -> bool:
    clause = re.split(r"[.,;!?\n]", f[max(0, start - 25):start])[-1] + f[start:end]
    return bool(_MINOR.search(clause)) and not re.search(r"\b(?:depuis|il y a)\s+(?:[1-9]|1[0-7])\s*ans\b", clause)


_PASSENGER_WORD = re.compile(r"\bpassag(?:er|ere)s?\b")


def _passenger_belt(f: str, k: Tuple[int, int, str, bool, float]) -> Tuple[int, int, str, bool, float]:
    """"si mon passager (mon pote, 25 ans) a pas sa ceinture", "mon passager, un collègue de 40 ans, avait pas mis sa
    ceinture": the belt of the passenger named before it in the same sentence, words set apart between them (the
    lexicon's expressions stop at a comma), is the passenger's offence, not the driver's (R21; R.412-1: an adult
    passenger pays the fine, R.412-2: the driver pays for a minor; no points either way; tester T9 c24)."""
    start, end = k[0], k[1]
    lead_start = max(0, start - 70)
    named = list(_PASSENGER_WORD.finditer(f, lead_start, start))
    if not named or _driver_own_belt(f, start, end):
        return k
    between = f[named[-1].end():start]
    if re.search(r"[.;!?\n]|\b(?:et|mais|puis|ou)\b", between) or _DRIVER_OWN_BELT.search(f[named[-1].start():end]):
        return k  # ("mon passager dormait. j'avais pas ma ceinture": mine)
    key = "child_restraint" if _minor_passenger(f, named[-1].start(), end) else "seatbelt_adult_passenger"
    return named[-1].start(), end, key, k[3], k[4]


# "feu orange clignotant", "un feu jaune qui était clignotant": the word describes a traffic light, not the turn signal
# (R.412-10); a flashing red light is the red light's own expression (R.412-30, lexicon)
_LIGHT_BEFORE_BLINKING = re.compile(r"\b(?:feux?|rouges?|oranges?|jaunes?)\s+(?:(?:etait|est|qui|etaient|sont)\s+)*$")


# "un stop", "au stop", "le panneau stop", "feu rouge et stop payé…": the road sign. A bare "stop" that opens or
# ends the message ("stop", "ok stop", "stop les questions", "bon ça suffit, stop") is the command that drops the
# current question, not an offence remembered for later answers ("stop ?" asks about the sign).
_SIGN_BEFORE_STOP = re.compile(
    r"\b(?:le|un|du|au|ce|cet|des|les|d'un|l'un|et|panneau|panneaux|feu|marque|grille|brule)\s+$")
_COMMAND_STOP = re.compile(
    r"^\W*(?:(?:ok|okay|non|bon|allez|alors|bref|donc|ah|bah|ben)\W+)*stop"
    r"(?=[^\w?]*$|\s*[,.;!]|\s+(?:les|la|tout|stp|svp|merci|j'arrete|on arrete|annule|laisse|ca suffit|c'est bon)\b)"
    r"|\bstop[^\w?]*$")


def _stop_command(f: str, start: int, end: int) -> bool:
    if f[start:end] != "stop" or _SIGN_BEFORE_STOP.search(f[max(0, start - 20):start]):
        return False
    return any(m.start() <= start < m.end() for m in _COMMAND_STOP.finditer(f))


# A light or a stop sign named as where the driver was ("téléphone en main à l'arrêt au feu rouge", "arrêté au stop,
# j'avais pas ma ceinture", "au feu rouge j'ai envoyé un sms"): the place of another offence, not the offence of
# running it (T6 n022). Not when a verb of the offence comes before it ("pas arrêté au stop", "passé au feu rouge",
# "grillé au feu", "flashé au feu rouge"), nor when it is the only offence of the message.
_SIGN_KEYS = frozenset({"red_light", "amber_light", "stop_sign"})
_AT_THE_SIGN = re.compile(r"(?:\bau|\ba un|\ba ce|\bdevant (?:le|un|ce))\s+$")
_OFFENCE_VERB_BEFORE_SIGN = re.compile(
    r"\b(?:pas|jamais|sans|ni|grille\w*|brule\w*|crame\w*|passe\w*|flashe\w*|force\w*|glisse\w*|"
    r"non[- ]respect\w*)\b[^,.;!?]{0,20}$")


def _sign_as_place(f: str, start: int, end: int, key: str) -> bool:
    if key not in _SIGN_KEYS or not re.match(r"feux?\b|stop\b", f[start:end]):
        return False
    before = re.split(r"[.,;!?\n]", f[max(0, start - 40):start])[-1]
    return bool(_AT_THE_SIGN.search(before)) and not _OFFENCE_VERB_BEFORE_SIGN.search(before)


# "(adulte)", « mineur », [sic]: brackets and quotes in a description do not break an offence's words
_BRACKETS = str.maketrans({c: " " for c in "()[]{}«»\"*"})


def _expression_pattern(expression: str) -> str:
    words = fold(expression).split()
    parts = []
    for word in words:
        if word in ("*", "**"):
            parts.append(_WILDCARD if word == "*" else _WIDE_WILDCARD)
            continue
        piece = re.escape(word)
        if word[-1].isalpha():
            piece += r"(?:e|s|es|x)?"
        parts.append(piece + r"\s*" if word.endswith("'") else piece + r"\s+")
    pattern = "".join(parts)
    pattern = re.sub(r"(?:\\s\+|\\s\*)$", "", pattern)
    return r"(?<![\w])" + pattern + r"(?![\w])"


class _Lexicon:
    _loaded = None

    @classmethod
    def load(cls):
        if cls._loaded is None:
            with open(LEXICON_PATH, encoding="utf-8") as handle:
                data = json.load(handle)["offences"]
            keys = _offence_keys()
            if keys is not None:
                unknown = set(data) - keys
                if unknown:
                    logger.warning("offence_lexicon.json: clés inconnues du moteur de règles: %s", sorted(unknown))
                    data = {k: v for k, v in data.items() if k in keys}
            entries = []
            typo_words: Dict[str, Tuple[str, bool]] = {}
            for key, expressions in data.items():
                for expression in expressions:
                    weak = expression.startswith("~")
                    expression = expression.lstrip("~").strip()
                    if not expression:
                        continue
                    entries.append((key, weak, re.compile(_expression_pattern(expression))))
                    folded = fold(expression)
                    if " " not in folded and "*" not in folded and len(folded) >= 7 and folded.isalpha():
                        typo_words.setdefault(folded, (key, weak))
            cls._loaded = (entries, typo_words)
        return cls._loaded


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


# --- alcohol: a level written in the message decides contravention or délit (R4)

_ALCOHOL_LEVEL = re.compile(
    r"(?<![\w.,])(?P<n>\d(?:[.,]\d{1,3})?)\s*(?P<unit>mg|milligrammes?|g|gr|grammes?)(?![\w])"
    r"(?P<per_litre>\s*(?:/|par)\s*(?:l|litre)\b)?(?:\s*(?:de\s+sang|dans\s+le\s+sang|d'air(?:\s+expire)?))?")
# "taux de 0,9": a level without its unit, after a word about alcohol
_UNITLESS_LEVEL = re.compile(
    r"\b(?:taux|alcool\w*|souffl\w*|ethylo\w*|alcootest)\s+(?:[\w']+\s+){0,3}?(?:de\s+|a\s+|:\s*)?"
    r"(?P<n>\d[.,]\d{1,3})(?![\d\w])")
_DRUG_AFTER = re.compile(
    r"\s*(?:de\s+|d')(?:cannabis|shit|herbe|beuh|weed|coke|cocaine|resine|hasch\w*|drogues?|stup\w*)")


@lru_cache(maxsize=1)
def _alcohol_thresholds(today: date) -> Optional[Tuple[float, float, float]]:
    """(délit level in the blood in g/l, breath mg/l per blood g/l, highest plausible blood level), from
    rules_core's dated parameter and the lexicon's `alcohol_levels`; None if either is missing."""
    try:
        with open(PARAMETERS_PATH, encoding="utf-8") as handle:
            values = json.load(handle)["parameters"]["alcohol.delit_g_l"]["values"]
        delit = [v["value"] for v in values if date.fromisoformat(v["since"]) <= today][-1]
        with open(LEXICON_PATH, encoding="utf-8") as handle:
            levels = json.load(handle)["alcohol_levels"]
        return float(delit), float(levels["breath_mg_l_per_blood_g_l"]), float(levels["max_blood_g_l"])
    except Exception:
        logger.warning("alcohol levels unavailable: written levels are not read", exc_info=True)
        return None


def _alcohol_levels(f: str, today: date) -> List[Tuple[int, int, str, bool, float]]:
    """"0,9 g/l", "1,2 g", "0,45 mg/l": `alcohol_delit` from the délit level up (L.234-1), else `alcohol`."""
    thresholds = _alcohol_thresholds(today)
    if thresholds is None:
        return []
    delit, breath_ratio, max_blood = thresholds
    found = []
    for m in _ALCOHOL_LEVEL.finditer(f):
        decimal = re.search(r"[.,]", m.group("n"))
        if not (decimal or m.group("per_litre")) or _DRUG_AFTER.match(f, m.end()):
            continue  # "2 g", "1,5 g de cannabis": not a level of alcohol
        blood = float(m.group("n").replace(",", "."))
        if m.group("unit").startswith("m"):
            blood /= breath_ratio
        if 0 < blood <= max_blood:
            found.append((m.start(), m.end(), "alcohol_delit" if blood >= delit else "alcohol", False, 0.9))
    for m in _UNITLESS_LEVEL.finditer(f):
        level = float(m.group("n").replace(",", "."))
        # without a unit, only a level that is a délit in the blood and in the breath alike
        if delit <= level <= max_blood and not any(s <= m.start("n") < e for s, e, *_ in found):
            found.append((m.start("n"), m.end("n"), "alcohol_delit", False, 0.85))
    return found


# a level alone, as a follow-up says it: "et si ça avait été 0,9 ?", "et à 1,2 g ?", "avec 0,45 mg/l ?"
_LEVEL_ALONE = re.compile(r"(?<![\w.,])(?P<n>\d[.,]\d{1,3})\s*(?P<unit>mg|milligrammes?|g|gr|grammes?)?(?![\w.,])")


def blood_alcohol_level(text: str, today: date) -> Optional[float]:
    """The one alcohol level a short message says, in g/l of blood (a breath level in mg/l converted): "et si ça avait
    été 0,9 ?" after an alcohol answer is 0,9 g/l. A number without its unit counts as a blood level. None when the
    message says no such number, or several."""
    thresholds = _alcohol_thresholds(today)
    if thresholds is None:
        return None
    _, breath_ratio, max_blood = thresholds
    found = list(_LEVEL_ALONE.finditer(fold(text or "")))
    if len(found) != 1:
        return None
    level = float(found[0].group("n").replace(",", "."))
    if (found[0].group("unit") or "").startswith("m"):
        level = round(level / breath_ratio, 3)
    return level if 0 < level <= max_blood else None


# Offences committed without driving a motor vehicle (R21): no point on the licence.
_WITHOUT_LICENCE_KEYS = {"cycling", "e_scooter", "pedestrian"}


# "excès de 35 + tel + ceinture", "vitesse, tel, ceinture", "j'ai dit tel aussi": "tel" alone as an item of a list of
# offences is the phone (R4, R.412-6-1); not "un tel excès", "tel que", "à tel point".
_PHONE_AS_ITEM = re.compile(r"(?:^|[,+/&]|\b(?:et|le|mon|son|du|dit)\b)\s*(?P<tel>tel)\s*"
                            r"(?=$|[,+/&?!.;]|(?:et|aussi|puis|en meme|au meme)\b"
                            # "ceinture en 2019, tel en 2021": its year or its day said right after it (T42 c04)
                            r"|(?:en|le)\s+(?:\d|(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)))")


# "vitesse retenue 132", "vitesse mesurée", "vitesse autorisée": a speed read, not an offence named (folded text)
_SPEED_READING_AFTER = re.compile(r"\s+(?:retenue?|mesuree?|autorisee?|limitee?|maxi(?:male|mum)?|max|enregistree?"
                                  r"|relevee?|constatee?|du radar)\b")


def _offences(b: _Builder) -> None:
    f = b.ftext.translate(_BRACKETS)  # same length: offsets stay those of the text
    entries, typo_words = _Lexicon.load()
    found: List[Tuple[int, int, str, bool, float]] = []
    described: List[Tuple[int, int]] = []
    for key, weak, pattern in entries:
        for m in pattern.finditer(f):
            if key in _PASSENGER_KEYS and _driver_own_belt(f, m.start(), m.end()):
                continue
            if key == "stop_sign" and _stop_command(f, m.start(), m.end()):
                continue
            if key == "speeding" and weak and _SPEED_READING_AFTER.match(f, m.end()):
                continue  # ("l'avis dit vitesse retenue 132": a reading of the excess told, no second one; T42 c26)
            if key == "speeding" and re.search(_NEVER_CAUGHT[1:] + r"$", f[max(0, m.start() - 30):m.end()]):
                described.append((m.start(), m.end()))  # ("jamais flashé, g cb de pts ?": no offence at all, T51
                continue  # c23), nor a typo of it below
            if key == "no_indicator" and _LIGHT_BEFORE_BLINKING.search(f, max(0, m.start() - 30), m.start()):
                described.append((m.start(), m.end()))  # "un feu orange clignotant": how a light shines, not the
                continue  # turn signal (T19 c30), nor a typo of it below
            if key == "seatbelt_adult_passenger" and _minor_passenger(f, m.start(), m.end()):
                key_found = "child_restraint"  # R.412-2: a minor passenger's seatbelt is the driver's fine
            else:
                key_found = key
            found.append((m.start(), m.end(), key_found, weak, 0.88))
    found.extend(_alcohol_levels(f, b.today))
    if not any(item[2] == "phone" for item in found):  # "et le téléphone ??? j'ai dit tel aussi": one phone
        found.extend((m.start("tel"), m.end("tel"), "phone", False, 0.85) for m in _PHONE_AS_ITEM.finditer(f))
    # one typo on long single words ("alcoolemie" -> "alcolemie", "clignottant")
    for m in re.finditer(r"[a-z]{6,}", f):
        word = m.group(0)
        if any(s <= m.start() and m.end() <= e for s, e, *_ in found + described):
            continue
        for target, (key, weak) in typo_words.items():
            if _one_edit(word, target):
                if not (key == "no_indicator" and _LIGHT_BEFORE_BLINKING.search(f, max(0, m.start() - 30), m.start())):
                    found.append((m.start(), m.end(), key, weak, 0.7))  # ("le feu orange clignotait": the light)
                break
    # longest match wins among overlapping ones
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    kept: List[Tuple[int, int, str, bool, float]] = []
    for item in found:
        overlapped = [k for k in kept if item[0] < k[1] and k[0] < item[1]]
        if overlapped and item[2] in _PASSENGER_KEYS and all(k[2] == "seatbelt" for k in overlapped):
            # "pas mis la ceinture à mon fils de 8 ans": the belt the driver did not put on someone else is that
            # passenger's (R.412-2, no points), whichever match is longer (T32 c33); a passenger's match was dropped
            # above when the driver's own belt is said
            kept = [k for k in kept if k not in overlapped]
            kept.append((min([item[0]] + [k[0] for k in overlapped]), max([item[1]] + [k[1] for k in overlapped]),
                         item[2], item[3], item[4]))
            continue
        if overlapped:
            continue
        kept.append(item)
    strong = [k for k in kept if not k[3]]
    chosen = strong if strong else kept
    keys = {k[2] for k in chosen}
    if "alcohol_test_refusal" in keys:
        # "refusé de souffler dans l'éthylotest": the refusal is the offence (L.234-8), not another alcohol one
        chosen = [k for k in chosen if k[2] != "alcohol"]
        keys.discard("alcohol")
    together = taken_together(keys)
    if together:
        spans = [k for k in chosen if k[2] in _ALCOHOL_AND_DRUGS]
        chosen = [k for k in chosen if k[2] not in _ALCOHOL_AND_DRUGS]
        chosen.append((min(s[0] for s in spans), max(s[1] for s in spans), together, False, 0.85))
    if "alcohol_delit" in keys and "alcohol" in keys:
        # "0,9 g/l d'alcool", "ivre, j'avais bu": the level or the drunkenness makes it the délit
        chosen = [k for k in chosen if k[2] != "alcohol"]
    passenger = [k for k in chosen if k[2] in _PASSENGER_KEYS]
    if passenger and "seatbelt" in keys:
        # "ceinture passager adulte pas attachée", "passager sans ceinture": the passenger's belt, one offence (T4
        # m078); the driver's own belt only when said as theirs ("j'avais pas ma ceinture et mon passager non plus")
        chosen = [k for k in chosen if k[2] != "seatbelt" or _driver_own_belt(f, k[0], k[1]) or not any(
            _same_clause(f, min(k[1], p[1]), max(k[0], p[0])) for p in passenger)]
    if "seatbelt" in keys and not passenger:
        chosen = [_passenger_belt(f, k) if k[2] == "seatbelt" else k for k in chosen]
    chosen = _one_alcohol(f, _light_at_level_crossing(f, _one_light(f, chosen, b.ftext)))
    places = [k for k in chosen if _sign_as_place(f, k[0], k[1], k[2])]
    if places and len(places) < len(chosen):
        chosen = [k for k in chosen if k not in places]
        keys = {k[2] for k in chosen}
    if keys & _WITHOUT_LICENCE_KEYS:
        # R21: "un feu rouge à vélo" costs no point, whatever the offence: the way of travelling decides
        chosen = [k for k in chosen if k[2] in _WITHOUT_LICENCE_KEYS]
    for start, end, key, weak, confidence in sorted(chosen):
        b.add_orig("offence_type", key, start, end, None, confidence * (0.75 if weak else 1.0))


# "grillé un feu rouge, enfin il était orange bien mûr", "un feu orange, limite rouge": one light told again in
# other words, one offence (T7 c26: the amber was counted as a second offence). Restated, not a second light: no
# sentence or date between them, and no "et un"/"puis"/"aussi" that adds another.
_LIGHTS = frozenset({"red_light", "amber_light"})
_LIGHT_RESTATED = re.compile(r"\b(?:enfin|en fait|plutot|finalement|limite|disons|presque|quasi(?:ment)?|voire"
                             r"|il etait|c'?\s?etait|il passait|qui passait|qui etait|ou)\b"
                             r"|\b(?:grille|brule|crame|passe)e?s? (?:a|au)\b")
# "feu rouge (grillé à l'orange bien mûr...)": the other light in brackets just after one, the same light told again
# (t60-c17 counted a red light and an amber light, the amber taking the payment)
_LIGHT_ASIDE = re.compile(r"\s*\([^()]*")
_ANOTHER_ONE = re.compile(r"[.;!?\n]|\d|\b(?:et|puis|aussi|ensuite|encore|autre|deux|2)\b")
# a correction between them: the light said last is the one ("feu orange, enfin plutôt rouge")
_LIGHT_CORRECTED = re.compile(r"\b(?:plutot|en fait|finalement|non)\b")


def _one_alcohol(f: str, chosen: List[Tuple[int, int, str, bool, float]]) -> List[Tuple[int, int, str, bool, float]]:
    """"positif à l'alcool 0,3 g", "0,25 mg dans l'éthylotest", "alcoolémie de 0,5 g/l": the level and the words
    about alcohol told of the same check, one offence (tester T17 c06: counted twice, 6 + 6 capped at 8, R3), not two.
    Two mentions of the same kind stay two offences when a sentence, a date or "et"/"puis"/"autre"… come between."""
    merged: List[Tuple[int, int, str, bool, float]] = []
    for item in sorted(chosen):
        last = merged[-1] if merged else None
        if last is not None and last[2] == item[2] and item[2] in _ALCOHOL_KEYS and \
                len(f[last[1]:item[0]]) <= 40 and not _ANOTHER_ONE.search(f[last[1]:item[0]]):
            merged[-1] = (last[0], max(last[1], item[1]), last[2], last[3] and item[3], max(last[4], item[4]))
        else:
            merged.append(item)
    return merged


def _one_light(f: str, chosen: List[Tuple[int, int, str, bool, float]], bracketed: str = ""
               ) -> List[Tuple[int, int, str, bool, float]]:
    """A red light and an amber light said of the same light: one offence, the red light (R4: R.412-30, the light
    crossed when red; "orange bien mûr" tells how late), or the one said last when the words correct the first."""
    lights = sorted(k for k in chosen if k[2] in _LIGHTS)
    for first, second in zip(lights, lights[1:]):
        if first[2] == second[2]:
            continue
        between = f[first[1]:second[0]]
        aside = bool(bracketed) and _LIGHT_ASIDE.fullmatch(bracketed[first[1]:second[0]]) is not None
        if len(between) > 60 or not (aside or _LIGHT_RESTATED.search(between)) or \
                _ANOTHER_ONE.search(_LIGHT_RESTATED.sub(" ", between).replace("mais bon", "")):
            continue
        dropped = first if _LIGHT_CORRECTED.search(between) else (first if first[2] == "amber_light" else second)
        return [k for k in chosen if k is not dropped]
    return chosen


def _light_at_level_crossing(f: str, chosen: List[Tuple[int, int, str, bool, float]]
                             ) -> List[Tuple[int, int, str, bool, float]]:
    """"le feu rouge clignotant, au passage à niveau par exemple", "grillé le feu rouge du passage à niveau": the red
    light of the level crossing, one offence (tester T19 c30 got a red light and a level crossing, 4 + 4 points). The
    red light said is kept: the same 4 points, 4e class (R4: R.412-30, R.422-3). Two offences when a sentence, a date
    or "et"/"puis"/"autre"… come between them."""
    lights = [k for k in chosen if k[2] == "red_light"]
    crossings = [k for k in chosen if k[2] == "level_crossing"]
    dropped = [c for c in crossings if any(
        len(f[min(c[1], k[1]):max(c[0], k[0])]) <= 40 and not _ANOTHER_ONE.search(f[min(c[1], k[1]):max(c[0], k[0])])
        for k in lights)]
    return [k for k in chosen if k not in dropped]


_ALCOHOL_KEYS = frozenset({"alcohol", "alcohol_delit"})
_ALCOHOL_AND_DRUGS = _ALCOHOL_KEYS | {"drugs"}


def taken_together(offences: Iterable[Optional[str]]) -> Optional[str]:
    """The one offence that these offences make when committed together, or None: alcohol and drugs at once
    (R3, L.235-1: 9 points). Serves a message naming both, and "et si j'avais aussi fumé un joint ?" after an
    alcohol answer (actions.corrections)."""
    keys = set(offences)
    return "alcohol_and_drugs" if keys & _ALCOHOL_KEYS and "drugs" in keys else None


def facts_as_dicts(facts: Iterable[Fact]) -> List[dict]:
    """Plain dicts (handy in tests and scripts)."""
    return [
        {"entity": x.entity, "value": x.value, "start": x.start, "end": x.end, "text": x.text,
         "role": x.role, "confidence": x.confidence}
        for x in facts
    ]
