"""When the points of an offence are withdrawn (R2): the question recognised in a message, and the answer for
the user's situation from `rules_core.retrait_timing`.

"quand est-ce qu'on perd les points ?", "mes points sont déjà retirés ?", "titre exécutoire le 5 mai 2026": the
points go when the offence is established (fine paid, titre exécutoire of the majorée, composition pénale
executed, conviction final), not on the day of the offence; not paid or contested, none yet. The facts come
from the latest message first (its dates, its words), then from the conversation's slots.
No import of the other action modules: the forms and the informational answers use this one.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any, List, Optional, Tuple

from rasa_sdk import Tracker

import rules_core
from actions.reminders import said_this_turn
from actions.slot_values import NOT_PAID, partial_date_or_none
from bot.nlu.fact_parsing import fold
from rules_core.capital import probation_plan
from rules_core.dates import format_long_fr
from rules_core.wording_fr import render

_LOSE = (r"(?:perd|perds|perdent|perdre|perdrai|perdra|perdrait|perdu|perdus|retire|retires|retiree|retirees|retirent"
         r"|retirer|retirera|retireront|enleve|enleves|enlevent|enlever|enleveront|decompte|decomptes|sucre|sucres)")
# "quand est-ce qu'on perd les points ?", "à partir de quand les points sont retirés ?", "mes points sont déjà
# retirés ?", "on perd les points le jour de l'infraction ou quand on paye ?" (folded text)
_ASKS_WHEN_WITHDRAWN = re.compile(
    r"\b(?:quand|a quel moment|quel jour|a quelle date|combien de temps)\b[^.?!]{0,40}\b" + _LOSE + r"\b"
    r"|\b(?:points?|pts)\s+(?:sont|seront|vont etre|ont ete|ont-ils ete|sont-ils|seront-ils)\s+(?:deja\s+|bien\s+)?"
    r"(?:retire|retires|enleves?|decomptes?|perdus?)\s*(?:\?|quand\b|a quel moment\b|des\b|le jour\b)"
    r"|\b(?:deja|pas encore|toujours pas)\s+(?:ete\s+)?(?:retire|retires|enleves?|decomptes?)\b"
    # "arrêté hier pour téléphone, j'ai déjà perdu mes points ?" (tester T4 m122): asked, not told
    r"|\b(?:deja|pas encore)\s+perdu\s+(?:mes|les|des|ces|mes \d+|les \d+)\s*(?:points?|pts)\s*\?"
    r"|\b(?:points?|pts)\b[^.?!]{0,25}\b(?:deja|pas encore)\s+partis?\b"
    r"|\ble jour de (?:l'\s?)?(?:infraction|l'avis|l'amende|la contravention|l'exces|la verbalisation)\s+ou\b"
    r"|\b" + _LOSE + r"\b[^.?!]{0,30}\b(?:quand|des que|au moment ou|lorsque)\s+(?:on|je|j'|il|elle|tu)\s*"
    r"(?:la\s+|le\s+|l'\s?)?(?:paye|paie|payes|paies|regle|conteste|recoi|recoit)")
# a question about getting the points back is the recovery question, whatever it says of the retrait (R8–R10)
_ASKS_RECOVERY = re.compile(r"\brecup\w*|\breviennent\b|\brevient\b|\brevenu\w*|\brendu\w*|\bregagn\w*|\brecredit\w*|\bredonn\w*")

# "pas encore payé", "je l'ai pas payée", "avant de payer", "si on paye pas": the fine is not paid (yet)
NOT_PAID_SAID = re.compile(
    r"\b(?:pas|jamais|toujours pas|non|rien)\s+(?:encore\s+|toujours\s+)?(?:ete\s+)?(?:paye|payee|payees|payes|regle"
    r"|reglee|reglees)\b"
    r"|\bpas\s+(?:encore\s+)?(?:eu le temps de\s+)?(?:la\s+|le\s+|l'\s?)?(?:payer|regler)\b"
    r"|\b(?:avant|sans)\s+(?:de\s+|d'\s?)?(?:la\s+|le\s+|l'\s?)?(?:payer|regler|avoir paye|avoir regle|paiement)\b"
    r"|\bavant ou apres\s+(?:avoir\s+|de\s+)?(?:la\s+|l'\s?)?(?:paye|payer|regle|regler|le paiement|paiement)\b"
    r"|\bsi\s+(?:je|j'|on|il|elle|tu)\s*(?:ne\s+|n'\s?)?(?:la\s+|le\s+|l'\s?)?(?:paye|paie|payes|paies|regle)\s+pas\b"
    r"|\b(?:impayee?s?|non payee?s?)\b"
    # "une amende de 4 points à payer", "j'ai un PV à régler" (t60: read as withdrawn, "Votre solde calculé est de -2")
    r"|\b(?:amende|pv|contravention|avis)\b[^.?!;]{0,40}?\ba (?:payer|regler)\b"
    r"|\b(?:vais|va|dois|doit|devrai|compte)\s+(?:encore\s+|bientot\s+)?(?:la\s+|le\s+|l'\s?)?(?:payer|regler)\b"
    # "quand j'aurai payé, il me restera combien ?": a payment to come (T22 c25)
    r"|\b(?:quand|une fois que|des que|apres que)\s+(?:j'|il |elle |on )\s*(?:l'\s?|la |le )?aur(?:ai|a|ons)\s+"
    r"(?:paye|payee|regle|reglee)\b")
# "je conteste", "requête en exonération": the retrait waits for a final conviction (R2 example 3)
# "convoqué au tribunal en janvier", "j'ai une audience le 12 janvier", "je passe au tribunal": a conviction to come
_COURT_TO_COME = re.compile(r"\bconvoque\w*\b[^.?!]{0,30}\b(?:tribunal|audience|juge)\b|\baudience\b|\bcomparution\b"
                            r"|\b(?:passe|passer|passerai|vais passer)\s+(?:au|devant le)\s+tribunal\b")
_CONTESTED = re.compile(r"\bcontest\w*|\bexoneration\b|\breclamation\b")
# the event that established the offence, from the words of the message that gave its date (spec §0.2)
_ESTABLISHED_BY = (
    ("titre_executoire", re.compile(r"\bexecutoire\b|\bmajore\w*|\bmajoration\b")),
    ("composition_penale", re.compile(r"\bcomposition penale\b")),
    # "condamnation devenue définitive le 11 septembre": that day; "condamné par le tribunal le 1er septembre": the
    # judgment's day, final once the appeal delay has run out (R2 example 3)
    ("conviction_final", re.compile(r"\bdefinitiv\w*")),
    ("judgment", re.compile(r"\bcondamn\w*|\bjugement\b|\btribunal\b|\bjuge\w*")),
)


def established_by_told(tracker: Tracker) -> Optional[str]:
    """The event that established the user's offence, as the latest message that gave its day (a date of the payment's
    role) named it: "composition pénale exécutée le 2 novembre", "condamnation devenue définitive le 11 septembre"
    (spec §0.2); "payment" when it names the payment, None when it names no event or no message gave such a day."""
    latest = tracker.latest_message or {}
    messages = [{"text": latest.get("text"), "parse_data": latest}] + [
        event for event in reversed(tracker.events) if event.get("event") == "user"]
    for event in messages:
        if any(e.get("entity") == "date" and e.get("role") == "payment"
               for e in (event.get("parse_data") or {}).get("entities") or []):
            text = fold(event.get("text") or "")
            named = next((name for name, cue in _ESTABLISHED_BY if cue.search(text)), None)
            return named or ("payment" if _PAYMENT_NAMED.search(text) else None)
    return None


# "payé le 3", "réglé", "l'amende le 3": the fine's payment named
_PAYMENT_NAMED = re.compile(r"\bpa[iy]\w*|\bregl\w*|\bamende\b")


def _folded_text(tracker: Tracker) -> str:
    return fold((tracker.latest_message or {}).get("text") or "")


def asks_when_withdrawn(tracker: Tracker) -> bool:
    """The latest message asks when the points are (or were) withdrawn, not when they come back (R2)."""
    text = _folded_text(tracker)
    return bool(_ASKS_WHEN_WITHDRAWN.search(text)) and not _ASKS_RECOVERY.search(text)


def not_paid_said(tracker: Tracker) -> bool:
    """The latest message says the fine is not paid (yet), and gives no payment date."""
    dated = any(e.get("entity") == "date" and e.get("role") == "payment"
                for e in (tracker.latest_message or {}).get("entities", []))
    return not dated and bool(NOT_PAID_SAID.search(_folded_text(tracker)))


# "j'ai déjà payé", "je l'ai payée", "amende réglée", "c'est payé": the fine paid, said without its day (folded text)
PAID_SAID = re.compile(r"\b(?:deja|j'?\s?ai|je l'?\s?ai|l'?\s?ai|c'?\s?est|elle est|a ete|est)\s+(?:deja\s+|bien\s+)?"
                       r"(?:paye|payee|regle|reglee)\b|\bamende\s+(?:deja\s+)?(?:payee|reglee)\b")


def fine_paid_without_its_day(tracker: Tracker) -> bool:
    """A message of the conversation says the fine is paid ("la semaine dernière je me suis fait flasher … et j'ai
    déjà payé") without the payment's day, and none says it is not paid: the offence is established (R2: the payment
    establishes it), its points withdrawn, not *à venir* (tester T23 c28 got "ne retire rien tant qu'elle n'est pas
    établie")."""
    if tracker.get_slot("fine_payment_date") is not None or fine_not_paid(tracker):
        return False
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        dated = any(e.get("entity") == "date" and e.get("role") == "payment"
                    for e in (event.get("parse_data") or {}).get("entities", []))
        text = fold(event.get("text") or "")
        if not dated and PAID_SAID.search(text) and not NOT_PAID_SAID.search(text) and \
                not PAYMENT_PLANNED.search(text):
            return True
    return False


def fine_not_paid(tracker: Tracker) -> bool:
    """The conversation says the user's fine is not paid: "pas encore payé" answered to the payment question
    (kept as NOT_PAID), or said in a message while no payment date is known ("amende pour téléphone… je fais le
    stage avant ou après avoir payé ?", then "aucun" to the next question)."""
    paid = tracker.get_slot("fine_payment_date")
    if paid is not None:
        return paid == NOT_PAID
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        dated = any(e.get("entity") == "date" and e.get("role") == "payment"
                    for e in (event.get("parse_data") or {}).get("entities", []))
        if not dated and NOT_PAID_SAID.search(fold(event.get("text") or "")):
            return True
    return False


def _entities(tracker: Tracker, entity: str, role: Any = "any") -> List[Any]:
    return [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
            if e.get("entity") == entity and (role == "any" or e.get("role") == role)]


def _day(value: Any, safe: str = "latest") -> Optional[date]:
    """A date slot or entity value (ISO, any precision) as a date; None for anything else ("not_paid")."""
    partial = partial_date_or_none(value)
    if partial is None:
        return None
    return partial.latest() if safe == "latest" else partial.earliest()


def _last_value(tracker: Tracker, slot: str) -> Any:
    """The slot's last value in the conversation, even if reset since (the offence of an answered question)."""
    return next((event.get("value") for event in reversed(tracker.events)
                 if event.get("event") == "slot" and event.get("name") == slot and event.get("value") is not None), None)


def offence_points_told(tracker: Tracker, today: date) -> Optional[int]:
    """The points of the offence told: said ("une amende de 4 points"), or its offence's on the scale (R4)."""
    lost = _entities(tracker, "points", "lost") or [tracker.get_slot("last_offence_points")]
    if lost[0]:
        return int(lost[0])
    return _on_the_scale(tracker, today).get("points") or None


def _on_the_scale(tracker: Tracker, today: date, commission: Optional[date] = None) -> dict:
    """The points and class of the offence told (the latest message's, else the conversation's) on the scale of its
    day (R4), from the speeds known for an excess of speed; {} when it needs more or none is told."""
    offence = (_entities(tracker, "offence_type") or [tracker.get_slot("offence_type") or _last_value(tracker,
                                                                                                  "offence_type")])[0]
    if not offence or isinstance(offence, list):
        return {}
    speeds = {key: None if tracker.get_slot(name) is None else int(tracker.get_slot(name))
              for key, name in (("speed_limit_kmh", "speed_limit"), ("recorded_speed_kmh", "speed_measured"),
                                ("excess_kmh", "speed_excess"))}
    if speeds["recorded_speed_kmh"] is not None:
        speeds["excess_kmh"] = None  # (the excess is the engine's, from the speed kept)
    try:
        return rules_core.offence_points(offence=offence, commission=commission or today, today=today,
                                         **speeds).results
    except (rules_core.InconsistentFacts, TypeError, ValueError):  # a speeding without its speeds
        return {}


# a payment to come: "je vais payer l'amende le 10 décembre", "je la paierai le 15", "je compte la régler le 20", "je
# paie le 10" (R2 example 4: the points are not withdrawn yet, they will be on that day)
PAYMENT_PLANNED = re.compile(
    r"\b(?:vais|va|allons|allez|vont|dois|doit|devrai|devrais|compte|comptons|pense|prevois|veux|voudrais|souhaite"
    r"|peux|pourrai|pourrais)\s+(?:la\s+|le\s+|l'\s?|les\s+)?(?:payer|regler)\b"
    r"|\b(?:paierai|payerai|reglerai|paiera|payera|reglera|paierons|payerons|reglerons|paierez|payerez|reglerez)\b"
    r"|\b(?:je|j'|on|nous)\s*(?:la\s+|le\s+|l'\s?|les\s+)?(?:paie|paye|payons|regle|reglons)\b(?!\s+pas\b)")


def payment_planned_said(text: str) -> bool:
    """The message tells a payment to come (folded or not)."""
    return bool(PAYMENT_PLANNED.search(fold(text or "")))


def payment_planned(tracker: Tracker, today: date) -> bool:
    """The fine's payment told is to come ("je vais payer l'amende le 10 décembre"): in the latest message, else in
    the slot (R2 example 4: nothing is withdrawn yet, no recovery clock runs before that day)."""
    said = _entities(tracker, "date", "payment")
    day = _day(said[-1], "earliest") if said else _day(tracker.get_slot("fine_payment_date"), "earliest")
    return day is not None and day > today


def class_said(tracker: Tracker, today: date) -> Optional[str]:
    """The class the latest message gives the offence (R4): said ("4e classe", "un délit"), or by the amount of its
    fine ("135 €", "amende de 68 euros", a minorée or the 4th class's majorée: `rules_core.class_of_fine`)."""
    said = [value for value in _entities(tracker, "offence_class") if value in rules_core.OFFENCE_CLASSES]
    if said:
        return said[0]
    if _STAGE_PRICE.search(_folded_text(tracker)):  # "le stage coûte 250 €": not a fine
        return None
    for amount in _entities(tracker, "amount"):
        klass = rules_core.class_of_fine(amount_eur=amount, today=today)
        if klass:
            return klass
    return None


def offence_class_told(tracker: Tracker, today: date, commission: Optional[date] = None) -> Optional[str]:
    """The class of the offence told (R4), which decides the full recovery's delay (R9): said ("4e classe", "un
    délit"), by its fine's amount ("135 €", "amende de 68 euros"), or its offence's on the scale ("feu rouge"); the
    latest message first, then the conversation. None when it is not known ("je ne sais pas" to the amount too)."""
    said = class_said(tracker, today)
    if said:
        return said
    slot = tracker.get_slot("offence_class")
    if not _entities(tracker, "offence_type") and slot in rules_core.OFFENCE_CLASSES:
        return slot
    scale = _on_the_scale(tracker, today, commission).get("offence_class")
    return scale or class_of_its_points(offence_points_told(tracker, today), commission, today)


def class_of_its_points(points: Any, commission: Optional[date], today: date) -> Optional[str]:
    """The class of an offence known by its points only ("une amende de 4 points"), when every offence that costs them
    has the same one (R4: 2 or 4 points, the 4th class, so 3 years in R9; T55 c28 got "2 ans, ou 3 ans si …"). None
    otherwise (1 or 3 points: several classes)."""
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        return None
    try:
        return rules_core.class_of_points(points=points, commission=min(commission or today, today), today=today)
    except rules_core.InconsistentFacts:
        return None


_STAGE_PRICE = re.compile(r"\bstages?\b")


def retrait_facts(tracker: Tracker, today: date) -> dict:
    """The arguments of `rules_core.retrait_timing` for this conversation: the latest message first."""
    text = _folded_text(tracker)
    said = _entities(tracker, "date", "payment")
    established = _day(said[-1]) if said else None
    fine_state = "contested" if _CONTESTED.search(text) else "not_paid" if not_paid_said(tracker) else "unknown"
    if established is None and fine_state == "unknown":
        slot = tracker.get_slot("fine_payment_date")
        established = _day(slot)
        fine_state = "not_paid" if slot == NOT_PAID else fine_state
    established_by = next((event for event, cue in _ESTABLISHED_BY if cue.search(text)), "payment") \
        if said else "payment"
    # (a day to come is not the offence's: "j'ai une audience au tribunal le 15 janvier", the hearing's)
    # (nor the day of the fine's notice: "juste l'amende le 12 novembre, pas encore payée", T12 c40)
    from actions.forms import day_of_the_fines_notice
    bare = [d for d in _entities(tracker, "date", None) if (_day(d, "earliest") or today) <= today
            and not day_of_the_fines_notice(d, tracker)]
    committed = _entities(tracker, "date", "offence") or (bare if established is None and len(bare) == 1 else [])
    commission = _day(committed[0], "earliest") if committed else _day(tracker.get_slot("offence_date"), "earliest")
    return {"established_on": established, "established_by": established_by,
            "fine_state": "unknown" if established else fine_state, "commission": commission,
            "points": offence_points_told(tracker, today),
            # R9: the class told decides the full recovery's date (tester: "2 ou 3 ans" for a red light)
            "offence_class": offence_class_told(tracker, today, commission),
            # R7, R15: an offence of probation freezes the ceiling, its full recovery waits, a 48N from 3 points
            "probationary": probationary_on(tracker, commission or today)}


def probationary_on(tracker: Tracker, day: date) -> Optional[bool]:
    """Whether the licence was probationary on `day` (the offence's): from the licence's date when known (for a month,
    its last day, the probation's latest end; an offence cancels a training's reduction, R6), else as the user said it
    ("jeune conducteur", "en probatoire"); None when nothing tells."""
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    if licence is not None:
        plan = probation_plan(licence_date=licence.latest(), aac=bool(tracker.get_slot("supervised_driving")))
        return plan is not None and licence.latest() <= day and plan.is_probationary_on(day)
    said = tracker.get_slot("probationary")
    return None if said is None else bool(said)


def balance_told(tracker: Tracker) -> Optional[int]:
    said = _entities(tracker, "points", "balance")
    value = said[0] if said else tracker.get_slot("current_balance")
    return None if value in (None, "unknown") else int(value)


def retrait_decision(tracker: Tracker, today: date) -> Tuple["rules_core.Decision", List[str]]:
    """R2 for the user's offence, and, when it is not established yet and the balance is known, what the retrait
    will leave (R18: a balance at 0 or below can still be saved by a stage before the 48SI)."""
    facts = retrait_facts(tracker, today)
    decision = _opening_fitted(rules_core.retrait_timing(today=today, **facts), tracker)
    notes = []
    said = _entities(tracker, "date", "payment") or [tracker.get_slot("fine_payment_date")]
    paid = partial_date_or_none(said[-1])
    if facts["established_on"] is not None and paid is not None and paid.precision != "day":
        # "payée en juillet": its last day is counted, the safe one, and said as such (not shown as the exact day)
        notes.append(f"Vous avez indiqué {paid.french()} pour le paiement : j'ai compté le "
                     f"{format_long_fr(facts['established_on'])}, au plus tard, selon le jour du paiement ; le retrait "
                     "et les délais de récupération partent du jour exact. Donnez-moi ce jour pour des dates précises.")
    balance, points = balance_told(tracker), facts["points"]
    if facts["established_on"] is None and _COURT_TO_COME.search(_folded_text(tracker)) and balance and points \
            and balance - points >= 1:
        # "je suis convoqué au tribunal en janvier, les points sont déjà enlevés ?" after the balance told: not yet,
        # the balance stays the one told until the conviction is final (R2; T11 c30 kept "1 point")
        notes.append(f"Votre solde reste donc de {balance} points jusqu'à ce que la condamnation soit définitive ; il "
                     f"passera alors à {balance - points} point{'s' if balance - points > 1 else ''} "
                     "(article L.223-1 du Code de la route).")
    if decision.outcome in ("not_yet", "contested") and balance and points:
        try:
            notes.append(render(rules_core.pending_loss(balance_before=balance, retrait_points=points, today=today)))
        except rules_core.InconsistentFacts:  # a balance above 12: the answer on the retrait stands alone
            pass
    return decision, notes


# "et si je paye demain ?", "si je la règle le 10 ?": a payment supposed (folded text)
_PAYMENT_SUPPOSED = re.compile(r"\bsi (?:je |j'|on |il |elle )?(?:la |le |l'|les )?(?:pai\w*|pay\w*|regl\w*)")
# what the form says to "pas encore payé" (forms.NOT_PAID_YET_REPLY)
NOT_PAID_NOTED = "l'amende n'est pas encore payée, donc aucun point n'est encore retiré"


def _opening_fitted(decision: "rules_core.Decision", tracker: Tracker) -> "rules_core.Decision":
    """The retrait not made yet (R2 example 4) said as the answer to the message: "Pas encore : " answers "mes points
    sont retirés ?", not a payment supposed ("et si je paye demain ?": "Aucun point n'est retiré tant que…"), and
    "tant que l'amende n'est pas payée, aucun point n'est retiré" is not said right after the form noted it
    (T44 c14 read both, each opening with "Pas encore")."""
    supposed = bool(_PAYMENT_SUPPOSED.search(_folded_text(tracker)))
    noted = any(NOT_PAID_NOTED in text for text in said_this_turn(tracker))
    if not supposed and not noted:
        return decision
    reasons = tuple(replace(r, data={**r.data, "plain": True}) if r.code == "retrait.planned" and supposed else
                    replace(r, data={**r.data, "said": True}) if r.code == "retrait.not_yet" and noted else r
                    for r in decision.reasons)
    return replace(decision, reasons=reasons)
