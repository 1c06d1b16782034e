"""Hypothetical follow-ups ("et si…") read with the answer they follow, without changing the user's facts.

After an answer, "et si je me fais reprendre au téléphone en janvier ?", "et si c'était en 2025 ?", "et sur une
route à 80 ?", "et en novembre 2025 j'en avais combien ?" or "et si j'avais fait la conduite accompagnée ?" ask the
same question in another world: one fact differs (a future offence added, a date moved, a speed or a limit
changed, the question asked on another day, the AAC followed). The mechanism is one for all of them:

1. the conversation is taken back to the moment the last answer was computed (its slots and messages);
2. the hypothesis changes that copy only: slots overridden, or the question date moved, or, for an offence to
   come, rules_core.offence_hypothesis compares the driver's known offences with and without it (R1, R6–R9,
   R15, R20);
3. the answer is computed again by the same answer action's `decide` (so the law stays in rules_core), and said
   as a hypothesis ("Si…, alors…").

The real facts are never replaced: the slots the hypothetical message filled (Rasa maps its entities before any
action runs) are set back by `restored_facts`, and the hypothetical messages are not read as facts later.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Dict, List, Optional, Tuple

from dateutil.relativedelta import relativedelta
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

import rules_core
from actions.slot_values import CORRECTION, NOT_PAID, InvalidAnswer, PartialDate, next_day_numbered, of_month, partial_date_or_none
from bot.nlu.fact_parsing import OUT_OF_TOWN_ROAD, blood_alcohol_level, fold, says_retained_speed
from bot.reference_date import today
from rules_core.dates import add as add_duration, format_long_fr
from actions.yes_no import EFFECT_ASKED, asked_question, asks_yes_or_no, of_no_bearing, verdict_first
from actions.reminders import unsent_this_turn
from rules_core.wording_fr import TEMPLATES, render, render_error, render_reason

#: a hypothesis may be a little longer than a follow-up ("et si je me fais reprendre au téléphone en janvier ?")
HYPOTHESIS_MAX_CHARS = 110
#: an offence to come named as another one ("et si je me fais flasher aujourd'hui même pour un autre petit excès, je perds
#: le point qui devait revenir demain ?") may say at length what it asks of it (tester T28 c07: 114 characters)
ANOTHER_OFFENCE_MAX_CHARS = 200
#: the day of an offence to come taken in the month told ("en janvier"), and today when none is told
DAY_OF_THE_MONTH_NOTE = ("pour le jour de l'infraction : un autre jour du même mois change peu le résultat, sauf les "
                         "dates qui en partent.")
OFFENCE_TODAY_NOTE = "J'ai compté l'infraction aujourd'hui"
#: said after a hypothesis that replaces a fact the user told, or adds an offence: the user's facts stay as told
#: (not after a stage planned or a day asked about, which change none of them: T23 c07, c12, c22, c35)
HYPOTHESIS_NOTE = "C'est une hypothèse : je garde vos informations telles quelles."
# a hypothesis answered without the note opens on its condition ("Si le stage commence le …, alors :", "Au …, d'après
# ce que vous m'avez dit :", "Pour un autre stage :")
_HYPOTHESIS_OPENING = re.compile(r"\A[^\n]*(?:, alors :|, d'après ce que vous m'avez dit :)\n|\APour un autre stage :\n")


def answers_a_hypothesis(text: Optional[str]) -> bool:
    """Whether a bot's message answered a hypothesis (its note, or its opening when no fact told was changed)."""
    # (the note said of a relative too: "je garde ses informations", tester T35 c14's hypothesis was lost so)
    return bool(text) and (bool(_HYPOTHESIS_NOTE_SAID.search(text)) or bool(_HYPOTHESIS_OPENING.search(text)))


_HYPOTHESIS_NOTE_SAID = re.compile(re.escape(HYPOTHESIS_NOTE).replace("vos", "(?:vos|ses|leurs)"))

# "et si je…", "si jamais je…", "et s'il…": a condition (not "si" as "yes" nor "aussi": "ah si c'était le 3" corrects)
_IF = r"(?<!\bah )(?<!\boh )(?<!\beh )(?<!\bben )(?<!\bbah )(?<!\bsi )\b(?:si|s'?\s?ils?)\b(?:\s+jamais)?"
# a past conditional about the facts told: "si c'était", "si ça avait été", "si j'avais eu", "si c'etait arrivé"
# (written as spoken too: "et si jvais été flashé…", "si j'avai eu", T48 c21 saved as a fact, "C'est noté")
_PAST_IF = re.compile(_IF + r".*\b(?:c'?\s?etait|ca avait ete|ca aurait ete|ca etait|c'?\s?eut ete|j'?\s?avais|"
                      r"javais|j'?vais|j'?\s?avai|javai|avais|avait|il avait|elle avait|on avait|ca s'?\s?etait|ca avait eu lieu|etait)\b")
# an offence to come: "si je me fais reprendre", "si je grille", "si je me prends un excès", "si je reperds"
_FUTURE_IF = re.compile(r"(?:" + _IF + r"\s+(?:(?:demain|apres-demain|aujourd'?\s?hui|ce soir|un jour|bientot|plus tard|d'?\s?ici la"
                        r"|entre ?temps|en attendant),?\s+)?(?:je|j'?|on|il|elle|jamais je)\b|(?<!\bsi )\bs'?\s?ils?\s+(?!etait\b))"
                        r"(?!.*\b(?:avais|avait)\b)")  # ("s'il le fait le 1er mars ?": its subject in its "si", T11 c34)
# a loss to come besides those told: "si je perds encore 3 points", "si je reperds 2 points", "une autre fois"
_NEW_LOSS = re.compile(r"\bencore\b|\bde nouveau\b|\ba nouveau\b|\bre-?perd\w*|\bautre\b|\ben plus\b|\bnouvelle?\b")
# the same offence once more: "si je me fais reprendre", "si je me refais flasher", "si je recommence"
_AGAIN = re.compile(r"\bre-?(?:prend\w*|fai[st]\b|faire|commence\w*|flash\w*|grille\w*)|\bencore\b|\bde nouveau\b"
                    r"|\ba nouveau\b")
# "et si j'ai un autre excès demain ?", "et si je reprends une autre amende ?", "une nouvelle infraction en janvier ?":
# another offence, not named, of the kind the answer was about (tester T13 c04; "excès" alone names no offence for the
# parser); not "un autre stage", "une autre question"
_ANOTHER_OFFENCE = re.compile(r"\b(?:un|une|d'?\s?)\s*(?:autres?|nouvel(?:le)?s?|nouveaux?|deuxieme|second(?:e)?)\s+"
                              r"(?:(?:petite?s?|gros(?:se)?s?|leger(?:e)?s?|simples?)\s+)?(?:exces|infractions?|amendes?|pv|contraventions?|flash\w*|retraits?|contr[oô]les?"
                              r"|prunes?|radars?)\b")
#: the entities an offence is told with, and the slots that hold them
_OFFENCE_SLOTS = (("offence_type", "offence_type"), ("speed_excess", "speed_excess"), ("speed_limit", "speed_limit"),
                  ("speed_measured", "speed_measured"))
# the conduite accompagnée named: "si j'avais fait la conduite accompagnée", "et avec l'AAC ?"
_AAC = re.compile(r"\bconduite accompagnee\b|\baac\b|\bapprentissage anticipe\b")
_WITH_AAC = re.compile(r"(?:" + _IF + r"|^\W*(?:et\s+)?avec\b)")
# "et en novembre 2025 j'en avais combien ?", "j'avais combien de points en mars ?", "et en 2028 j'en aurai combien ?"
_BALANCE_ON_DAY = re.compile(r"\bcombien\b.*\b(?:avais|aurais|aurai|aura|avait|restait|restera|reste)\b"
                             r"|\b(?:avais|aurai|aurais|restait|restera)\b.*\bcombien\b|\bmon solde\b|\ble solde\b")
# "et sur une route à 80 ?", "et à 170 ?", "et sur autoroute à 140 ?": a speed or a limit alone
_SPEED_ONLY = re.compile(r"^\W*(?:et|mais|et si|si)?\s*(?:c'?\s?etait\s+|j'?\s?etais\s+|je roulais\s+|a\s+)?"
                         r"(?:sur|en|dans|a|au|pour)\b.*\d|^\W*(?:et|mais)\s+a\s+\d{2,3}\b")
# a speed read as a bare number ("et à 170 ?"): only within what a car may be flashed at
_SPEED_NUMBER = range(20, 301)

#: date slots a hypothesis may move, the latest told first when several are known, with what they date
DATE_SLOTS_FR = {
    "offence_date": "l'infraction",
    "fine_payment_date": "le paiement de l'amende",
    "letter_48n_date": "la réception de la lettre 48N",
    "stage_first_day": "le stage",
    "previous_stage_date": "le stage précédent",
    "licence_date": "l'obtention du permis",
    "training_date": "la formation complémentaire",
}
#: the answers a hypothesis on the facts can be computed again from
_REPLAYABLE = ("action_answer_probation", "action_answer_auto_recovery", "action_answer_offence_points",
               "action_answer_check_balance", "action_answer_points_after_stage", "action_answer_stage_eligibility",
               "action_answer_mandatory_stage", "action_answer_refund_48n", "action_answer_retrait_timing")
#: the answers whose facts hold the driver's offences (a known case to add an offence to)
_CASE_ANSWERS = ("action_answer_probation", "action_answer_auto_recovery", "action_answer_check_balance",
                 "action_answer_offence_points", "action_answer_retrait_timing", "action_answer_points_after_stage",
                 "action_answer_stage_eligibility")


@dataclass
class Hypothesis:
    """How the world of the last answer is changed: slots overridden, and the day the question is asked on."""

    intro: str
    slots: Dict[str, Any]
    day: Optional[date] = None
    offence: Optional[Dict[str, Any]] = None
    notes: Tuple[str, ...] = ()
    #: the answer computed in that world, when not the last answer's own ("et si je fais un stage ?" after a recovery)
    answer: Optional[str] = None
    #: a word of the answer's line that answers the hypothesis, said first ("formation complémentaire", R6)
    lead: Optional[str] = None
    #: the day the fine of an offence to come would be paid, when said ("… le 10 février et que je paie le 20"):
    #: the réalité of the infraction, from which the retrait and every recovery clock run (R2, R8, R9)
    paid: Optional[date] = None
    #: a stage planned by its month alone ("en janvier"): the month's other end, to tell whether its day matters
    month_end: Optional[date] = None
    #: a stage the user plans ("et si je fais un stage en janvier ?"): none of the facts told is changed
    plan: bool = False
    #: with an offence to come, a stage planned in the same hypothesis ("si je fais un stage le 14 et 15 décembre,
    #: puis que je me refais flasher en février"): its first day, both counted in time order
    stage_day: Optional[date] = None
    #: the period whose balance the hypothesis asks ("je serai à combien en mars ?"): its first and last days
    asked: Optional[Tuple[date, date]] = None
    #: an offence supposed in the past ("et si j'avais été flashé en juin ?"): said in the past conditional
    past: bool = False


def _text(tracker: Tracker) -> str:
    return fold((tracker.latest_message or {}).get("text") or "")


def _entities(tracker: Tracker) -> List[dict]:
    return list((tracker.latest_message or {}).get("entities") or [])


def _values(tracker: Tracker, entity: str) -> List[Any]:
    return [e.get("value") for e in _entities(tracker) if e.get("entity") == entity]


def what_if_answer(tracker: Tracker) -> Optional[str]:
    """The answer to a hypothetical follow-up of the last answer, or None when the message is not one."""
    again = _hypothesis_on_the_day_told(tracker)
    if again is not None:
        return what_if_answer(again)
    found = _read(tracker)
    if found is None:
        return None
    previous, hypothesis = found
    try:
        text, notes = (_stage_and_offence_answer(tracker, previous, hypothesis)
                       if hypothesis.offence is not None and hypothesis.stage_day is not None
                       else _told_offence_paid_answer(tracker, previous, hypothesis)
                       if hypothesis.offence is not None and "told" in hypothesis.offence
                       else _offence_answer(tracker, previous, hypothesis) if hypothesis.offence is not None
                       else _replay(tracker, previous, hypothesis))
    except rules_core.InconsistentFacts as error:
        return "\n\n".join(part for part in (hypothesis.intro, render_error(error)) if part)
    if text is None:
        return None
    if hypothesis.month_end is not None and hypothesis.offence is None and \
            not _day_matters(tracker, previous, hypothesis):
        hypothesis = replace(hypothesis, notes=tuple(
            _month_day_note(_MONTH_NOTE.match(note).group(1), date.fromisoformat(hypothesis.slots["stage_first_day"]))
            if _MONTH_NOTE.match(note) else note for note in hypothesis.notes))
    # (the caveats in one message after the answer, not one message each: tester T13 c04 got five)
    # (a note an answer before it in this turn said already is not said twice: T20 c08)
    caveats = "\n".join(dict.fromkeys([*unsent_this_turn(tracker, [*hypothesis.notes, *notes]),
                                        *([HYPOTHESIS_NOTE] if _changes_a_fact_told(tracker, hypothesis) else [])]))
    return "\n\n".join(part for part in (hypothesis.intro + "\n" + text if hypothesis.intro else text, caveats) if part)


# the day of a stage counted for a month alone, as the last hypothesis's note says it ("J'ai compté un stage commençant
# le 1er janvier 2027, le plus tôt possible en janvier 2027 : donnez-moi le jour exact…", "… ; un autre jour de janvier
# 2027 ne change pas le nombre de points rendus…")
_STAGE_DAY_COUNTED = re.compile(r"J'ai compté un stage commençant le (\d{1,2}(?:er)? \w+ \d{4})(?:, le plus t\w+ possible en"
                                r"| ; un autre jour d)")
# a day said by its number alone, maybe with the month counted: "le 18", "plutôt le 18 janvier", "18" (folded text)
_BARE_DAY_ANSWER = re.compile(r"^\W*(?:(?:ok|alors|non|plutot|disons|ce sera|ca sera|elle sera|ca serait)\W+)*"
                              r"(?:(?:le|au|pour le)\s+)?(\d{1,2})(?:er)?(?:\s+([a-z]+)(?:\s+\d{4})?)?\W*$")


def _hypothesis_on_the_day_told(tracker: Tracker) -> Optional[Tracker]:
    """"le 18" after a hypothesis answered with a stage planned by its month alone ("et si elle paye demain et qu'elle
    fait le stage en janvier ?", its note: "J'ai compté un stage commençant le 1er janvier 2027 ; un autre jour de
    janvier 2027…"): that hypothesis again, its stage on that day of the month (R12; T43 c06 read "le 18" as the day
    the fine was paid, 18 November, though it is not paid yet, R2). The world of that hypothesis message, the day said
    in place of its month; None otherwise."""
    from actions.follow_ups import _last_turn_texts  # (the follow-ups read this module)
    said = _BARE_DAY_ANSWER.match(_text(tracker))
    if said is None or (tracker.active_loop or {}).get("name"):
        return None
    counted = next((m for text in _last_turn_texts(tracker) for m in [_STAGE_DAY_COUNTED.search(text)] if m), None)
    hypothesis = _last_hypothesis_message(tracker)
    if counted is None or hypothesis is None:
        return None
    try:
        month = _french_day(counted.group(1))
    except ValueError:
        return None
    if month is None or (said.group(2) and not _french_month_is(said.group(2), month)):
        return None
    day = int(said.group(1))
    if not 1 <= day <= calendar.monthrange(month.year, month.month)[1]:
        return None
    entities = (hypothesis.get("parse_data") or {}).get("entities") or []
    planned = [n for n, e in enumerate(entities) if e.get("entity") == "date" and e.get("role") in (None, "stage")
               and isinstance(e.get("value"), str) and len(e["value"]) == 7 and e["value"][5:7] == f"{month.month:02d}"]
    if len(planned) != 1:
        return None
    moved = [dict(e, value=f"{e['value']}-{day:02d}") if n == planned[0] else e for n, e in enumerate(entities)]
    message = dict(hypothesis, parse_data=dict(hypothesis.get("parse_data") or {}, entities=moved))
    index = next(n for n, event in enumerate(tracker.events) if event is hypothesis)
    from actions.forms import slots_set_by_latest_message, value_before_message  # (the forms read this module)
    slots = dict(tracker.slots)
    slots.update({slot: value_before_message(slot, tracker) for slot in slots_set_by_latest_message(tracker)})
    latest = dict(tracker.latest_message or {}, text=hypothesis.get("text") or "", entities=moved,
                  intent=(hypothesis.get("parse_data") or {}).get("intent") or (tracker.latest_message or {}).get("intent"))
    return Tracker(tracker.sender_id, slots, latest, list(tracker.events[:index]) + [message], False, None,
                   tracker.active_loop, "action_listen")


_FRENCH_MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
                  "novembre", "decembre")


def _french_day(said: str) -> Optional[date]:
    """"1er janvier 2027" (as format_long_fr writes it) read back."""
    found = re.match(r"(\d{1,2})(?:er)? (\w+) (\d{4})$", fold(said))
    if found is None or found.group(2) not in _FRENCH_MONTHS:
        return None
    return date(int(found.group(3)), _FRENCH_MONTHS.index(found.group(2)) + 1, int(found.group(1)))


def _french_month_is(word: str, day: date) -> bool:
    return word.startswith(_FRENCH_MONTHS[day.month - 1][:3])


def _changes_a_fact_told(tracker: Tracker, hypothesis: Hypothesis) -> bool:
    """Whether the hypothesis imagines the user's situation otherwise: an offence added, a fact of theirs supposed
    (the probation, the AAC, a balance), or a fact they told replaced by another. Only then is it worth saying that
    the facts told are kept; a stage they plan or a day they ask about changes none of them."""
    if hypothesis.offence is not None:
        return True
    if hypothesis.plan:  # (a stage to come told, moved to another day, is a fact told replaced; not a stage done)
        told = partial_date_or_none(_slots_of_last_answer(tracker).get("stage_first_day"))
        return told is not None and told.latest() >= today() and \
            told.iso() != hypothesis.slots.get("stage_first_day") and _day_of_the_plan_told(tracker, hypothesis) is None
    return bool(hypothesis.slots) or hypothesis.answer is not None


def _day_of_the_plan_told(tracker: Tracker, hypothesis: Optional[Hypothesis] = None) -> Optional[str]:
    """The day of a stage to come the latest message supposes, within the month (or year) told for it ("je peux en
    refaire un ce mois-ci ?", then "donc si je le fais les 14 et 15 décembre ça marche ?"): the plan told made precise,
    no fact replaced; None otherwise (T62 c05 lost it, then asked "Quel jour de décembre 2026 ?")."""
    if hypothesis is None:
        found = _read(tracker)
        hypothesis = found[1] if found is not None else None
    if hypothesis is None or not hypothesis.plan:
        return None
    day = partial_date_or_none(hypothesis.slots.get("stage_first_day"))
    told = partial_date_or_none(_slots_of_last_answer(tracker).get("stage_first_day"))
    if day is None or told is None or day.precision != "day" or told.precision == "day" or \
            not (today() <= day.earliest() and told.earliest() <= day.earliest() <= told.latest()):
        return None
    # (the day said in the message, not the month's day a hypothesis counts for want of it, T43 c06)
    return day.iso() if day.iso() in _values(tracker, "date") else None


def is_hypothesis(tracker: Tracker) -> bool:
    """Whether the latest message is a hypothesis this module answers (its facts are then not the user's)."""
    return what_if_answer(tracker) is not None


def restored_facts(tracker: Tracker) -> List[EventType]:
    """The slots the latest message filled, set back to their value before it, when that message is a hypothesis
    ([] otherwise): "et si je me fais reprendre au téléphone ?" does not make the phone the user's offence."""
    from actions.follow_ups import asks_about_a_day_of_the_answer, asks_to_confirm_a_figure  # (they read this module)
    from actions.forms import invalidation_supposed_on
    if not is_hypothesis(tracker) and not asks_to_confirm_a_figure(tracker) and \
            not asks_about_a_day_of_the_answer(tracker) and invalidation_supposed_on(tracker) is None:
        return []  # ("donc jeudi j'aurai 7 points ?" asks about a figure: its 7 is no balance told; "et au 15 janvier
        # j'en aurai combien ?", a day of the answer's computation, no date of the story; "et si la 48SI arrive le 4
        # décembre ?", a letter supposed, not received: T20 c13)
    licence = licence_day_told_besides(tracker)
    # (the licence's day told before the hypothesis is the user's: kept, T54 c23; the day of the month told for the
    # stage to come, that plan made precise: kept, T62 c05)
    plan = _day_of_the_plan_told(tracker) if is_hypothesis(tracker) else None
    return [event for event in _latest_message_slots_set_back(tracker)
            if not (plan and event.get("name") == "stage_first_day")] + \
        ([SlotSet("licence_date", licence)] if licence else []) + ([SlotSet("stage_first_day", plan)] if plan else [])


def _latest_message_slots_set_back(tracker: Tracker, among: Optional[Tuple[str, ...]] = None) -> List[EventType]:
    """The slots the latest message filled (of `among`, when given), set back to their value before it."""
    from actions.forms import slots_set_by_latest_message, value_before_message
    told = _told_before_the_hypothesis(tracker)
    return [SlotSet(slot, value_before_message(slot, tracker))
            for slot, value in slots_set_by_latest_message(tracker).items()
            if (among is None or slot in among) and value != value_before_message(slot, tracker)
            and value not in told]


# the words that open the world a message supposes, wherever they stand: "et si je…", "imaginons que…"
_SUPPOSED_FROM = re.compile(_IF + r"|\b(?:imaginons|supposons|admettons|mettons|a supposer|en supposant)\s+qu"
                                  r"|\bdans l'?\s?hypothese\b")


# "sachant que j'ai", "vu que j'ai", "étant donné que j'ai", "puisque j'ai", "comme il me reste" (folded, right before the
# count): a fact the hypothesis's sentence states, not one it supposes
_STATED_AS_TODAYS = re.compile(r"(?:\b(?:sachant qu|vu qu|etant donne qu|puisqu)(?:e\s+|'\s?)|\bcomme\s+)(?:j'?\s?ai|il me reste|"
                               r"il m'?\s?en reste|j'?\s?en ai|je suis a|elle a|il a|il lui reste)\s+(?:encore\s+)?$")


def _told_before_the_hypothesis(tracker: Tracker) -> List[Any]:
    """The values of the facts the latest message tells as real in its sentences before the one that supposes ("j'ai
    tout payé le 30 septembre. et si je fais un stage le 14 décembre ?": the payment), none of them said again in the
    supposition: those stay the user's (T54 c28 lost that payment with the stage supposed, and the next question got
    "votre solde (12) est déjà au plafond", no retrait counted; R2). A sentence ending in "?" tells nothing."""
    said = (tracker.latest_message or {}).get("text") or ""
    folded = fold(said)
    supposed = _SUPPOSED_FROM.search(folded)
    if supposed is None or len(folded) != len(said):
        return []
    # "et si je le fais le 22 et 23 février, sachant que j'ai 8 points aujourd'hui, j'en aurai combien ?": the balance
    # of a clause that states it as today's is the user's, wherever it stands (T61 c04 lost it and asked it again)
    stated = [e.get("value") for e in _entities(tracker) if e.get("entity") == "points" and e.get("role") == "balance"
              and e.get("start") is not None and _STATED_AS_TODAYS.search(folded[:e["start"]][-40:])]
    if stated:
        return stated
    ends = [end for end in _SENTENCE_END.finditer(folded, 0, supposed.start())]
    if not ends or "?" in folded[:ends[-1].end()]:
        return []
    told_end = ends[-1].end()
    entities = _entities(tracker)
    after = [e.get("value") for e in entities if (e.get("start") or 0) >= told_end]
    return [e.get("value") for e in entities if e.get("end") is not None and e["end"] <= told_end
            and e.get("value") not in after]


def supposed_facts_restored(tracker: Tracker) -> List[EventType]:
    """The slots a message stating a hypothesis filled ("et si je me fais flasher le 5 janvier, 15 km/h de trop ?"),
    set back to their value before it, whichever answer replied (an offence's card): its facts are not the user's
    (T54 c20 kept that supposed excess as an offence of 5 January 2026, "Solde aujourd'hui : 6 points"). [] when the
    message states no hypothesis."""
    if not states_a_hypothesis((tracker.latest_message or {}).get("text") or ""):
        return []
    return _latest_message_slots_set_back(tracker, among=SUPPOSED_OFFENCE_SLOTS)


#: the slots of an offence a hypothesis supposes (not the licence's facts told beside it: "et si je suis en permis
#: probatoire ? j'ai eu le permis il y a 1 an" tells the licence's day, T23 c…)
SUPPOSED_OFFENCE_SLOTS = ("offence_type", "offence_date", "fine_payment_date", "last_offence_points", "offence_class",
                          "other_offences", "speed_excess", "speed_limit", "speed_measured")


def hypothetical_message(event: Dict[str, Any]) -> bool:
    """A user message that states a hypothesis, not a fact ("et si je me fais reprendre en janvier ?"): the
    readers of the conversation's facts skip it."""
    return states_a_hypothesis(event.get("text") or "")


def states_a_hypothesis(text: str) -> bool:
    """"et si j'avais 4 points ?", "si jamais je le fais en janvier ?", "imaginons que je fasse le stage en
    janvier": a world the user asks about, not a fact of theirs. Never a correction: "si, c'était le 3" and "ah si
    c'était le 3" are "si" as "yes", and "et si je ne sais pas ?" says the fact is not known."""
    # ("trop bien. et si demain je me fais flasher a 92 sur une 80, je suis encore en probatoire ou pas ?": the thanks
    # before it are no part of the hypothesis, T34 c11 got "Le 2 décembre 2026 est dans le futur")
    folded = _ACKNOWLEDGED.sub("", fold(text or ""), count=1)
    if len(folded) > HYPOTHESIS_MAX_CHARS or _SI_AS_YES.match(folded) or _NOT_KNOWN.search(folded) or \
            past_fact_told_with_if(folded):
        return False
    return bool(_SUPPOSE.match(folded)) or (
        bool(_OPENS_WITH_IF.match(folded)) and bool(_PAST_IF.search(folded) or _FUTURE_IF.search(folded))) or (
        # "c'est une question, si jamais je me fais flasher à +25 mardi prochain…" (T8 c06): an offence to come
        bool(_ASKING_ONLY.match(folded)) and bool(_FUTURE_IF.search(folded)) and not _PAST_IF.search(folded))


# "et si j'ai eu 1 point en ville en 2025 ?", "et s'il a perdu 2 points en mars 2024 ?": the "si" of a fact of the
# past the user adds to the story (passé composé), not a world to come nor a counterfactual ("si j'avais eu")
_PAST_FACT_IF = re.compile(r"(?:" + _IF + r"\s+(?:j'?\s?ai|il a|elle a|on a)|\bs'?\s?ils?\s+(?:a|ont))\s+(?P<already>deja\s+)?"
                           r"(?:eu|perdu|pris|paye|payee|commis|grille|ete|fait|suivi|reçu|recu)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# "pourquoi 4 points si elle en a perdu que 3 ?", "pourquoi il lui rend 4 points s'il a perdu 3 points ?": the "si" of
# a "pourquoi" asks why the answer holds given a fact told (a "given that"), it supposes no offence to come
_WHY_GIVEN_THAT = re.compile(r"\b(?:pourquoi|pk|pq|pkoi)\b[^.?!]*" + _IF)


def past_fact_told_with_if(folded: str) -> bool:
    """"et si j'ai eu 1 point en ville en 2025 qui est revenu ?": an offence of a past year told with "si" is a fact
    of the driver's history (T11 c10), read with the others (actions/offence_history.py), not an offence to come."""
    years = [int(y) for y in _YEAR.findall(folded)]
    told = _PAST_FACT_IF.search(folded)
    # ("et si il a déjà fait un stage volontaire en mars ?": "déjà" tells it done, whatever its year; T27 c02)
    return bool(told) and (bool(told.group("already")) or bool(years) and max(years) < today().year)


# (a fact told with a regret, "perdu 3 points en mars, si j'avais su…", is still a fact: the condition leads)
# ("ok et si je prends un excès…", "bon alors si…": the leading words may follow each other; T8 c06)
_OPENS_WITH_IF = re.compile(r"^\W*(?:(?:et|mais|donc|ok|okay|bon|d'?\s?accord|alors|du coup|euh)\W+)*(?:si|s'?\s?il)\b")
# a sentence of thanks or agreement before the message's question: "trop bien.", "ok merci !", "super, "
_ACKNOWLEDGED = re.compile(r"^\W*(?:ok|okay|d'?\s?accord|dac|trop bien|super|genial|cool|parfait|top|merci|tres bien"
                           r"|ah ok|nickel)\b[^.!?,]{0,15}[.!?]+\s*")
# "c'est une question, si…", "juste pour savoir : si…", "par curiosité, si…": a hypothesis said to be one, before its "si"
_ASKING_ONLY = re.compile(r"^\W*(?:(?:ok|bon|non|mais|et|alors)\W+)*(?:c'?\s?est (?:juste |simplement |seulement )?(?:une "
                          r"question|pour savoir|une hypothese|theorique|hypothetique)|(?:juste |simplement )?pour savoir"
                          r"|par curiosite|hypothetiquement|en theorie|question)\W+(?:et\s+|mais\s+)?(?:si|s'?\s?il)\b")
# "imaginons que…", "supposons que…", "admettons que…", "mettons que…", "à supposer que…", "dans l'hypothèse où…"
_SUPPOSE = re.compile(r"^\W*(?:(?:et|mais|donc|ok|bon|alors)\s+)?(?:(?:imaginons|imaginez|imagine|supposons|supposez|"
                      r"suppose|admettons|admettez|mettons|a supposer|en supposant)\s+qu|dans l'?\s?hypothese\b)")
# "si, c'était le 3", "si !", "ben si, le 3": "si" as "yes" to a negative question
_SI_AS_YES = re.compile(r"^\W*(?:(?:ah|oh|eh|ben|bah|mais|et bien|eh bien)\s+)?si\s*(?:[,!.]|$)")
# "et si je ne sais pas ?", "et si je m'en souviens plus ?": the fact asked is not known
_NOT_KNOWN = re.compile(r"\b(?:sais|connais|souviens|rappelle)\s+(?:pas|plus)\b|\bne (?:le |la )?sais\b")


# --- reading the hypothesis ------------------------------------------------------------------------------------


def _read(tracker: Tracker) -> Optional[Tuple[str, Hypothesis]]:
    text = _text(tracker)
    if not text or len(text) > ANOTHER_OFFENCE_MAX_CHARS:
        return None
    previous = _previous_answer(tracker)
    if previous not in _REPLAYABLE:
        return None
    # (a longer message is read only as another offence to come, said as such: T28 c07, or with a stage planned
    # before or after it: T43 c19)
    readers = _READERS if len(text) <= HYPOTHESIS_MAX_CHARS else (
        (_stage_and_offence_to_come, _future_offence) if _ANOTHER_OFFENCE.search(text) else
        (_stage_and_offence_to_come,))
    for reader in readers:
        hypothesis = reader(tracker, text, previous)
        if hypothesis is not None:
            return previous, hypothesis
    return None


#: ways of travelling whose offences cost no point on the licence (R21, SP F20443)
_WITHOUT_LICENCE_WAYS = frozenset({"cycling", "e_scooter", "pedestrian"})


_SENTENCE_END = re.compile(r"[.!?;]+\s")


def _in_the_supposed_sentence(entities: List[dict], said: str) -> List[dict]:
    """The facts of the sentence that opens the world supposed and after it: "le stationnement c'était le 14 février,
    payé le 16. et si je fais un stage en janvier…" tells the story first, its parking no offence to come (tester T42
    c21 got "Si vous commettiez le 14 février 2027 une infraction…")."""
    folded = fold(said)
    supposed = _FUTURE_IF.search(folded)
    if supposed is None or len(folded) != len(said):
        return entities
    ends = [end.end() for end in _SENTENCE_END.finditer(folded, 0, supposed.start())]
    return [e for e in entities if (e.get("start") or 0) >= ends[-1]] if ends else entities


def _future_offence(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si je me fais reprendre au téléphone en janvier ?", "et si je me prends un excès de 10 km/h demain ?",
    "et si je perds encore 3 points ?": an offence to come, added to the driver's case. Right after such a
    hypothesis, "et si c'était en mars plutôt ?" is the same offence on another day."""
    if previous not in _CASE_ANSWERS:
        return None
    said = (tracker.latest_message or {}).get("text") or ""
    entities = _in_the_supposed_sentence(_entities(tracker), said)
    dated = any(e.get("entity") == "date" for e in entities)
    if past_fact_told_with_if(text):
        return None  # "et si j'ai eu 1 point en 2025 ?": a fact of the story (T11 c10)
    if _WHY_GIVEN_THAT.search(text):
        return None  # "pourquoi 4 points si elle en a perdu que 3 ?": a question on the answer (T26 c02)
    if previous == "action_answer_offence_points" and not (_AGAIN.search(text) or _ANOTHER_OFFENCE.search(text)) \
            and _speed_changed(tracker, text, previous) is not None:
        return None  # "et dans une ville à 50 si je suis flashé à 54 ?" after a speeding's points: that speeding's
        # points, class and fine (R4), not an offence added to the driver's case (T27 c27)
    if (_FUTURE_IF.search(text) and not _PAST_IF.search(text)) or _dated_to_come(entities, text) or \
            _another_offence_asked_from_today(entities, text):
        offence = _offence_said(entities, dated or bool(_NEW_LOSS.search(text)))
        known = _slots_of_last_answer(tracker)
        again = bool(_AGAIN.search(text) or _ANOTHER_OFFENCE.search(text))
        if offence is None and again and known.get("offence_type"):
            # "et si je me fais reprendre demain ?": the offence of the answer, once more
            offence = _offence_said([{"entity": name, "value": known[slot]} for name, slot in _OFFENCE_SLOTS
                                     if known.get(slot) is not None])
        elif offence is not None and offence["offence_type"] == "speeding" and offence["limit"] is None and \
                offence["measured"] is not None:
            offence["limit"] = known.get("speed_limit")  # "si je me refais flasher à 150": on the same road
        elif offence is not None and offence["offence_type"] == "speeding" and again and \
                known.get("offence_type") == "speeding" and \
                all(offence[key] is None for key in ("limit", "excess", "measured")):
            # "et si je me refais flasher en janvier ?" after a speeding told with its speeds: the same excess
            # again (tester T3 c05), rather than asking speeds the story gave
            offence.update(limit=known.get("speed_limit"), excess=known.get("speed_excess"),
                           measured=known.get("speed_measured"))
        if offence is not None and offence["offence_type"] == "speeding" and \
                all(offence[key] is None for key in ("limit", "excess", "measured")):
            # "je parle du cas où j'ai l'excès de vitesse le 5 janvier 2027" after "et si je me fais flasher le 5
            # janvier, 15 km/h de trop sur l'autoroute à 110 ?": the excess supposed then, its speeds set back with
            # it (R4: 3rd class, R9: 2 years; tester T56 c20 got the smallest excess of a 4th class, 12 in 2030)
            offence.update(_speeds_supposed_before(tracker))
    elif _speeds_of_the_excess_to_come(tracker, entities) is not None:
        # "je sais pas moi, disons 60 dans une zone à 50" just after "et s'il se fait flasher le 5 décembre ?": the
        # speeds of that excess, on its day (R4, R8; tester T35 c14 got the first answer again, the hypothesis lost)
        return _speeds_of_the_excess_to_come(tracker, entities)
    else:
        before = _last_hypothesis_message(tracker)
        offence = _offence_said(_event_entities(before)) if before is not None and \
            _FUTURE_IF.search(fold(before.get("text") or "")) and not _offence_said(entities) else None
        if offence is not None and (not dated or _past_year_said(entities, said)):
            offence = None  # ("non je parle d'un point perdu en mars 2025, pas d'une nouvelle infraction": a fact of
            # the story, not the offence to come on another day; T11 c10)
    if offence is not None and _no_offence_supposed(tracker, entities, text):
        offence = None
    if offence is None or offence["offence_type"] in _WITHOUT_LICENCE_WAYS:
        # ("et à vélo si je grille un feu rouge ?": no point on the licence, nothing to add to the driver's case; the
        # offence's own answer says so, with its fine, R21; tester T19 c32 got "si vous commettiez le 1er décembre…")
        return None
    day, notes = _day_to_come([e for e in entities if e.get("role") != "payment"], said)
    return Hypothesis(intro="", slots={}, day=day, notes=notes, offence=offence,
                      paid=_payment_to_come(entities, said, day))


# the conditional of a question about the world just supposed: "donc je serais toujours libéré le 20 janvier 2027 ?",
# "j'aurais combien ?", "je perdrais la formation ?" (folded)
_CONDITIONAL = re.compile(r"\b(?:serai[st]|aurai[st]|perdrai[st]|garderai[st]|pourrai[st]|devrai[st]|finirai[st]"
                          r"|terminerai[st]|sortirai[st]|resterai[st])\b")


# a question of the supposed offence's own, which its follow-ups answer ("je devrais faire un stage obligatoire dans ce
# cas ?": not with a 2-point offence, R15; "j'aurais une lettre ?"), not the case computed again (folded text)
_OWN_QUESTION_OF_THE_OFFENCE = re.compile(r"\b(?:stages?|lettres?|48\s?[a-z]{0,2}|amendes?)\b")


def _offence_supposed_asked_again(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"donc je serais toujours libéré de la période probatoire le 20 janvier 2027 avec ma formation ?" right after "et
    si je me fais flasher le 5 janvier, 15 km/h de trop sur l'autoroute à 110 ?" (answered by the offence's card): the
    question asked in the conditional, no offence of its own named, is asked in the world of the offence supposed
    just before, which the answer computes again (R6: the training's reduction lost; tester T56 c20 got the offence's
    card again, "ni prolongée ni recommencée")."""
    if previous not in _CASE_ANSWERS or not _CONDITIONAL.search(text) or _OWN_QUESTION_OF_THE_OFFENCE.search(text) or \
            _offence_said(_entities(tracker), False):
        return None
    users = [event for event in tracker.events if event.get("event") == "user"]
    before = users[-2] if len(users) > 1 else None
    said = (before or {}).get("text") or ""
    if before is None or not _FUTURE_IF.search(fold(said)) or _PAST_IF.search(fold(said)):
        return None
    entities = _in_the_supposed_sentence(_event_entities(before), said)
    offence = _offence_said(entities, again=False)
    if offence is None or offence["offence_type"] in _WITHOUT_LICENCE_WAYS or offence.get("several"):
        return None
    day, notes = _day_to_come([e for e in entities if e.get("role") != "payment"], said)
    return Hypothesis(intro="", slots={}, day=day, notes=notes, offence=offence,
                      paid=_payment_to_come(entities, said, day))


#: how many messages back an excess supposed is still the one spoken of again ("l'excès de vitesse")
_SUPPOSED_SPEEDS_REACH = 3


def _speeds_supposed_before(tracker: Tracker) -> Dict[str, Any]:
    """The speeds of the excess the user supposed in one of their last messages before the latest ("et si je me fais
    flasher le 5 janvier, 15 km/h de trop sur l'autoroute à 110 ?"), as `_offence_said` names them; {} without one."""
    users = [event for event in tracker.events if event.get("event") == "user"][:-1]
    for event in reversed(users[-_SUPPOSED_SPEEDS_REACH:]):
        text = fold(event.get("text") or "")
        if not (_FUTURE_IF.search(text) and not _PAST_IF.search(text)):
            continue
        supposed = _offence_said(_event_entities(event), again=False)
        if supposed is not None and supposed["offence_type"] == "speeding" and \
                any(supposed[key] is not None for key in ("limit", "excess", "measured")):
            return {key: supposed[key] for key in ("limit", "excess", "measured")}
    return {}


def _past_offence_supposed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si j'avais été flashé à +10 en juin 2026, payé le 1er juillet ?", "et si j'avais grillé un feu en mars ?"
    after the balance of the offences told: an offence supposed in the past (a counterfactual), added to the driver's
    case on its day, and what it would have changed on today's balance and its dates (R1, R2, R8, R9); never a fact
    told (T49 c21 got the offence's sheet alone, then its figures were lost)."""
    if previous not in _CASE_ANSWERS or previous == "action_answer_offence_points" or not _PAST_IF.search(text) \
            or not _OPENS_WITH_IF.match(text) or not states_a_hypothesis(text):
        return None
    said = (tracker.latest_message or {}).get("text") or ""
    entities = _entities(tracker)
    offence = _offence_said(entities, again=False)
    if offence is None or offence["offence_type"] in _WITHOUT_LICENCE_WAYS or offence.get("several"):
        return None
    days = []
    for entity in entities:
        if entity.get("entity") == "date" and entity.get("role") != "payment":
            try:
                days.append(PartialDate.parse(str(entity.get("value"))))
            except InvalidAnswer:
                return None
    if not days or days[0].earliest() >= today():
        return None  # (an offence to come is `_future_offence`'s; undated, nothing to place in the story)
    day = days[0].earliest()
    notes = () if days[0].precision == "day" else (f"J'ai retenu le {format_long_fr(day)} {DAY_OF_THE_MONTH_NOTE}",)
    paid = _payment_to_come(entities, said, day)
    return Hypothesis(intro="", slots={}, day=day, notes=notes, offence=offence,
                      paid=paid if paid is not None and paid <= today() else None, past=True)


# --- a stage planned and an offence supposed in one hypothesis -------------------------------------------------------

# what joins the two events of one hypothesis, or the question that follows them ("puis", "et que", "ensuite")
_EVENT_BREAK = re.compile(r",|\bpuis\b|\bensuite\b|\bapres\b|\bet que\b|\bet qu'|\bet\s+(?:si|s'|j')|\?|;")
# the balance asked ("je serai à combien en mars ?", "il me restera combien ?", "quel solde en avril ?")
_BALANCE_ASKED = re.compile(r"\bcombien\b|\brest\w*\b|\bsolde\b|\bpoints?\b")


def _clause_of(folded: str, position: int) -> Tuple[int, int]:
    """The span of the part of a hypothesis around `position`, between the words that join its events."""
    starts = [m.end() for m in _EVENT_BREAK.finditer(folded, 0, position)]
    end = _EVENT_BREAK.search(folded, position)
    return (starts[-1] if starts else 0), (end.start() if end else len(folded))


def _stage_and_offence_to_come(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si je fais un stage le 14 et 15 décembre, puis que je me refais flasher à +10 en février, je serai à
    combien en mars ?": a stage planned and an offence supposed in one hypothesis, in either order, and the balance
    asked after them (on a day or month, if said). Both are counted in time order from the driver's case: the stage
    (R12, R13), then the retrait on the day the fine is paid (R2, R4), the returns between them (R8–R10). Tester T43
    c19 got the stage alone (8 points), its February excess never counted. None when the message does not suppose
    both."""
    answered_stage = _stage_of_the_answer(tracker, previous) if _THE_STAGE_REFERRED.search(text) else None
    if previous not in _CASE_ANSWERS or not (_STAGE_WORD.search(text) or answered_stage) or \
            not _FUTURE_IF.search(text) or _PAST_IF.search(text) or past_fact_told_with_if(text):
        return None
    said = (tracker.latest_message or {}).get("text") or ""
    if len(fold(said)) != len(said):
        return None  # (the spans of the entities are those of the text said)
    entities = _in_the_supposed_sentence(_entities(tracker), said)
    if answered_stage is not None:
        # "et si d'ici là je reperds 1 point, payé le 20 décembre, j'aurai combien après le stage ?" after the answer
        # on a stage planned: that stage, and the offence supposed with the message's dates (T58 c20 got "je n'ai pas
        # d'autre réponse que celle-ci")
        offence = _offence_said(entities, again=True)
        if offence is None or offence["offence_type"] in _WITHOUT_LICENCE_WAYS or offence.get("several"):
            return None
        dated = [e for e in entities if e.get("entity") == "date" and e.get("role") in (None, "offence")]
        day, notes = _day_to_come(dated[:1], said)
        return Hypothesis(intro="", slots={}, day=day, notes=tuple(notes), offence=offence,
                          paid=_payment_to_come(entities, said, day), stage_day=answered_stage, asked=None)
    # (a loss said as such counts: "puis que je perds encore 1 point en février")
    offence = _offence_said(entities, again=bool(_NEW_LOSS.search(text)))
    if offence is None or offence["offence_type"] in _WITHOUT_LICENCE_WAYS or offence.get("several"):
        return None
    folded = fold(said)
    stage_word = _STAGE_WORD.search(folded)
    named = [e for e in entities if e.get("entity") in ("offence_type", "speed_excess", "speed_measured") or (
        e.get("entity") == "points" and offence["offence_type"] is None and e.get("role") not in ("balance", "gained"))]
    if stage_word is None or not named:
        return None
    stage_span = _clause_of(folded, stage_word.start())
    offence_span = _clause_of(folded, named[0].get("start") or 0)
    if stage_span == offence_span:
        return None  # ("si je me fais flasher pendant le stage", "un stage après un excès"): not two events told apart
    dates = [e for e in entities if e.get("entity") == "date"]
    in_stage = [e for e in dates if e.get("role") == "stage" or
                (e.get("role") is None and stage_span[0] <= (e.get("start") or 0) < stage_span[1])]
    in_offence = [e for e in dates if e.get("role") == "offence" or
                  (e.get("role") is None and offence_span[0] <= (e.get("start") or 0) < offence_span[1])]
    if not in_stage:
        return None
    planned = _planned_stage_day(tracker, previous, within=(in_stage[0].get("start") or 0,
                                                             (in_stage[0].get("start") or 0) + 1))
    if planned is None:
        return None
    stage_day, stage_notes, _ = planned
    day, notes = _day_to_come(in_offence[:1], said)
    paid = _payment_to_come(entities, said, day)
    used = {id(e) for e in (*in_stage, *in_offence[:1])}
    asked = None
    rest = [e for e in dates if id(e) not in used and e.get("role") in (None, "offence")]
    if rest and _BALANCE_ASKED.search(fold(said[rest[0].get("start") or 0:]) + " " + text):
        asked = _asked_period(rest[0], said, max(stage_day, paid or day))
    return Hypothesis(intro="", slots={}, day=day, notes=(*stage_notes, *notes), offence=offence, paid=paid,
                      stage_day=stage_day, asked=asked)


# "d'ici là", "avant le stage", "après mon stage" (folded text): the stage an answer planned, named without its day
_THE_STAGE_REFERRED = re.compile(r"\b(?:avant|apres|d'?\s?ici)\s+(?:le|mon|ce|ton|son|du)\s+stage\b|\bd'?\s?ici la\b")


def _stage_of_the_answer(tracker: Tracker, previous: str) -> Optional[date]:
    """The first day of the stage to come the last answer computed (a stage's answer, its day told), or None."""
    if previous not in ("action_answer_points_after_stage", "action_answer_stage_eligibility"):
        return None
    told = partial_date_or_none(_slots_of_last_answer(tracker).get("stage_first_day"))
    if told is None or told.precision != "day" or told.earliest() <= today():
        return None
    return told.earliest()


def stage_and_offence_answer(tracker: Tracker) -> Optional[str]:
    """The answer to a hypothesis that plans a stage and supposes an offence (`_stage_and_offence_to_come`), for the
    answers that compute a balance from the message's facts before reading a hypothesis (the balance's: its excess
    would be taken for one told, T43 c19); None when the message is no such hypothesis."""
    text, previous = _text(tracker), _previous_answer(tracker)
    if not text or len(text) > ANOTHER_OFFENCE_MAX_CHARS or previous not in _REPLAYABLE or \
            _stage_and_offence_to_come(tracker, text, previous) is None:
        return None
    return what_if_answer(tracker)

def _asked_period(entity: dict, said: str, after: date) -> Optional[Tuple[date, date]]:
    """The day or month a hypothesis asks the balance on ("en mars"): said without its year, the first one that ends
    on or after the events supposed (in December, "une infraction en février, combien en mars ?" is March next year)."""
    try:
        partial = PartialDate.parse(str(entity.get("value")))
    except InvalidAnswer:
        return None
    if partial.precision == "year":
        return None
    first, last = partial.earliest(), partial.latest()
    if not re.search(r"\d{4}", said[entity.get("start") or 0:entity.get("end") or 0]):
        while last < after:
            first, last = _next_year(first), _next_year(last)
        while first - relativedelta(years=1) >= after:
            first, last = first - relativedelta(years=1), last - relativedelta(years=1)
    return (first, last) if last >= today() else None


# a stage, a payment or a wait: what the driver may do, no offence ("s'il refait un stage", "si elle paye demain", "si
# j'attends le 11 janvier pour payer"), unless a loss is said with it ("si je perds encore 3 points et que je paie…")
_NO_OFFENCE_ACT = re.compile(r"\bstages?\b|\bformation\b|\battend\w*|\b(?:pai|pay|regl)\w*"
                             # a letter's receipt supposed: "et s'il ne l'a pas encore reçue le 8 au soir, il aura
                             # combien ?" (T56 c26's family: read as the alcohol offence again on 8 December)
                             r"|\brecu\w*|\brecoi\w*|\brecev\w*|\bnotifi\w*|\blettre\b|\bcourrier\b|\b48\s?(?:si|n)\b")
_LOSS_SAID = re.compile(r"\b(?:re-?)?perd\w*|\bretir\w*|\benlev\w*"
                        # (or an offence told by its verb: "si je me refais flasher demain et que je paie le 20 ?")
                        r"|\bflash\w*|\bgrill\w*|\bcommet\w*|\bchop\w*|\bpince\w*|\bverbalis\w*|\bexces\b"
                        r"|\binfractions?\b|\bre-?pren\w*|\barret\w*|\bcontrol\w*")


def _no_offence_supposed(tracker: Tracker, entities: List[dict], text: str) -> bool:
    """Whether a hypothesis read as an offence to come supposes none: it names a stage, a payment or a wait and no
    offence of its own, no loss ("et s'il refait un stage volontaire maintenant ?" after a phone offence: its "refait"
    is the stage's; "si j'attends le 11 janvier pour payer, j'aurai mes 12 points ?": its 12 points are the ceiling
    asked, no retrait), or it pays the offence the answer counted ("elle va payer l'amende du stop demain"). Tester
    T38 c10, c20 and c06 got an offence committed today, the licence lost or its balance halved."""
    if not _NO_OFFENCE_ACT.search(text) or _LOSS_SAID.search(text):
        return False
    named = _offence_said(entities, again=False)
    if named is None:
        return True
    known = {_slots_of_last_answer(tracker).get("offence_type")}
    from actions.offence_history import told_retraits
    known |= {retrait.offence_type for retrait in told_retraits(tracker, before_latest=True)}
    return bool(_PAYS.search(text)) and named["offence_type"] in known - {None}


def _offence_supposed_last(tracker: Tracker) -> Optional[Tuple[Dict[str, Any], List[dict], str]]:
    """The offence to come that the last hypothesis supposed ("et s'il se fait flasher le 5 décembre ?"), with that
    message's entities and text; None when the last hypothesis supposed no offence to come."""
    before = _last_hypothesis_message(tracker)
    said = (before or {}).get("text") or ""
    if before is None or not _FUTURE_IF.search(fold(said)) or _PAST_IF.search(fold(said)):
        return None
    told = _event_entities(before)
    offence = _offence_said(told)
    return (offence, told, said) if offence is not None else None


def _payment_of_the_offence_to_come(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et s'il paye l'amende seulement en janvier, après ses 3 ans ?" just after "et s'il se fait flasher aujourd'hui
    à 130 sur l'autoroute à 110 ?": the same offence, on its day, its fine paid then; the retrait counts on that day
    (R2), the commission's day still decides the increments (R5, R7). None when the message names another offence or
    date, or the hypothesis before was no offence to come. (Tester T34 c18 got a complementary training supposed.)"""
    if previous not in _CASE_ANSWERS:
        return None
    entities = _entities(tracker)
    dates = [e for e in entities if e.get("entity") == "date"]
    if not dates or any(e.get("role") != "payment" for e in dates) or _offence_said(entities) is not None:
        return None
    supposed = _offence_supposed_last(tracker)
    if supposed is None:
        return None
    offence, told, said = supposed
    day, notes = _day_to_come([e for e in told if e.get("role") != "payment"], said)
    try:
        partial = PartialDate.parse(str(dates[0].get("value")))
    except InvalidAnswer:
        return None
    paid = partial.earliest()
    message = (tracker.latest_message or {}).get("text") or ""
    if not re.search(r"\d{4}", message[dates[0].get("start") or 0:dates[0].get("end") or 0]):
        while paid < day:
            paid = _next_year(paid)
    if paid < day or partial.precision == "year":
        return None
    if partial.precision != "day":
        notes = (*notes, f"J'ai retenu le paiement le {format_long_fr(paid)}, le premier jour possible : donnez-moi le "
                         "jour exact pour un calcul au jour près.")
    return Hypothesis(intro="", slots={}, day=day, notes=notes, offence=offence, paid=paid)


def _speeds_of_the_excess_to_come(tracker: Tracker, entities: List[dict]) -> Optional[Hypothesis]:
    """The excess to come of the hypothesis just answered ("et s'il se fait flasher le 5 décembre ?"), with the speeds
    this message gives it ("disons 60 dans une zone à 50", "à 95 sur une route à 80"): the same offence, on the same
    day, paid as it was said; None when the message tells another date or offence, or no speed, or the hypothesis
    before was no excess to come."""
    def first(entity: str) -> Any:
        return next((e.get("value") for e in entities if e.get("entity") == entity), None)
    # (its payment may be said with it: "et si c'était 15 km/h de trop, payé le 10 décembre ?", the fine of that excess
    # to come; tester T61 c17 got it read as a correction of the excess told, paid on 10 December 2025)
    if any((e.get("entity") == "date" and e.get("role") != "payment") or
           (e.get("entity") == "offence_type" and e.get("value") != "speeding") for e in entities):
        return None
    limit, measured, excess = first("speed_limit"), first("speed_measured"), first("speed_excess")
    if limit is None and measured is None and excess is None:
        return None
    supposed = _offence_supposed_last(tracker)
    if supposed is None or supposed[0]["offence_type"] != "speeding" or supposed[0]["several"]:
        return None
    offence, told, said = supposed
    if measured is not None:
        offence.update(measured=measured, excess=None)
    elif excess is not None:
        offence.update(excess=excess, measured=None)
    if limit is not None:
        offence["limit"] = limit
    offence["points"] = None
    day, notes = _day_to_come([e for e in told if e.get("role") != "payment"], said)
    message = (tracker.latest_message or {}).get("text") or ""
    paid = _payment_to_come(entities, message, day) if any(e.get("entity") == "date" for e in entities) else None
    return Hypothesis(intro="", slots={}, day=day, notes=notes, offence=offence,
                      paid=paid if paid is not None else _payment_to_come(told, said, day))


def _payment_to_come(entities: List[dict], text: str, day: date) -> Optional[date]:
    """The day the fine of an offence to come would be paid, when the message says it ("et que je paie le 20
    février", "payé le 20/02"): a day without its year is the first one on or after the offence's day. None when not
    said, or not a single day on or after the offence (the answer then assumes it paid the same day)."""
    for entity in entities:
        if entity.get("entity") != "date" or entity.get("role") != "payment":
            continue
        try:
            partial = PartialDate.parse(str(entity.get("value")))
        except InvalidAnswer:
            continue
        if partial.precision != "day":
            continue
        paid = partial.earliest()
        said = text[entity.get("start") or 0:entity.get("end") or 0]
        if paid < day and _BARE_DAY.fullmatch(fold(said).strip()):
            # "payée le 10" after an offence supposed on 2 December: the next 10th, 10 December (the NLU reads the
            # last one, 10 November, whose next year was 10 November 2027)
            paid = next_day_numbered(paid.day, day)
        elif not re.search(r"\d{4}", said):
            while paid < day:
                paid = _next_year(paid)
        if paid >= day:
            return paid
    return None


def _past_year_said(entities: List[dict], said: str) -> bool:
    """A date of the message said with its year, and past ("en mars 2025", "payé le 1er mars 2025")."""
    for entity in entities:
        if entity.get("entity") == "date" and _YEAR.search(said[entity.get("start") or 0:entity.get("end") or 0]):
            try:
                if PartialDate.parse(str(entity.get("value"))).latest() < today():
                    return True
            except InvalidAnswer:
                continue
    return False


def _another_offence_asked_from_today(entities: List[dict], text: str) -> bool:
    """"une nouvelle infraction commise aujourd'hui 1er décembre, ça bloque le retour du point prévu le 2 décembre ?":
    another offence asked about, dated today or later, is one to come, a hypothesis without its "si" (tester T28 c07
    got the recovery's answer again); a day of the past makes it a fact."""
    if not _ANOTHER_OFFENCE.search(text) or "?" not in text:
        return False
    days = []
    for entity in entities:
        if entity.get("entity") == "date" and entity.get("role") in (None, "offence"):
            try:
                days.append(PartialDate.parse(str(entity.get("value"))).earliest())
            except InvalidAnswer:
                return False
    return bool(days) and min(days) >= today()


def _dated_to_come(entities: List[dict], text: str = "") -> bool:
    """"un excès de 3 km/h en janvier 2027, ça m'empêche de récupérer mon point ?": an offence named with its days all
    to come is one to come, a hypothesis even without its "si" (T11 c07); a day of the past makes it a fact. Not an
    offence told as past ("elle a eu un téléphone au volant, amende payée le 15 janvier 2027"): a fact whose day is
    wrong, to be checked, not a world supposed (T51 c10 answered "Si elle commettait le 1er décembre 2026…")."""
    from actions.forms import _OWN_OFFENCE
    if text and _OWN_OFFENCE.search(text) and not _FUTURE_IF.search(text):
        return False
    days = []
    for entity in entities:
        if entity.get("entity") == "date":
            try:
                days.append(PartialDate.parse(str(entity.get("value"))).earliest())
            except InvalidAnswer:
                return False
    return bool(days) and min(days) > today() and _offence_said(entities, again=False) is not None


def _offence_said(entities: List[dict], again: bool = True) -> Optional[Dict[str, Any]]:
    """The offence of a message: its kind, its speeds, or only the points it costs when a new loss is said
    (`again`: "si je perds encore 3 points", not "si je conteste, je perds 4 points ?"); None when none is said."""
    def first(entity: str) -> Any:
        return next((e.get("value") for e in entities if e.get("entity") == entity), None)
    offence_type, excess = first("offence_type"), first("speed_excess")
    # (points that come back are no loss: "si je paie le détecteur le 10 décembre, je récupère mes 12 points quand ?"
    # got an offence of 12 points, the licence invalidated; tester T30 c30b)
    lost = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") not in ("balance", "gained")]
    if offence_type is None and excess is None and not (lost and again):
        return None
    # "et si on m'arrête avec tel + ceinture pas mise + 35 au-dessus ?": every offence named, each once (an excess's
    # speeds are the speeding's), not the first only (R3; tester T9 c11 got the belt alone)
    named = list(dict.fromkeys([e.get("value") for e in entities if e.get("entity") == "offence_type"]
                               + (["speeding"] if excess is not None else [])))
    speeds = {"speed_limit_kmh": first("speed_limit"), "recorded_speed_kmh": first("speed_measured"),
              "excess_kmh": None if first("speed_measured") is not None else excess}
    return {"offence_type": offence_type or ("speeding" if excess is not None else None), "excess": excess,
            "limit": first("speed_limit"), "measured": first("speed_measured"),
            # (the points said count for an excess said without its speeds: "si je me fais flasher pour 2 points")
            "points": int(lost[0]) if lost and excess is None and offence_type in (None, "speeding") else None,
            "several": [{"offence": name, **(speeds if name == "speeding" else {})} for name in named]
            if len(named) > 1 else []}


def _event_entities(event: Optional[Dict[str, Any]]) -> List[dict]:
    return list(((event or {}).get("parse_data") or {}).get("entities") or [])


def _day_to_come(entities: List[dict], text: str) -> Tuple[date, Tuple[str, ...]]:
    """The day of an offence to come: the one said (a month or a day without its year is the next one, "en
    janvier" in November is next January), else today. A month is counted from its first day, the earliest it
    can stop a return (R8), and said."""
    now = today()
    bound = None
    for entity in entities:
        if entity.get("entity") != "date":
            continue
        try:
            partial = PartialDate.parse(str(entity.get("value")))
        except InvalidAnswer:
            continue
        said = text[entity.get("start") or 0:entity.get("end") or 0]
        day, last = partial.earliest(), partial.latest()
        if partial.precision == "day" and _BARE_DAY.fullmatch(fold(said).strip()) and last < now:
            # "et si je me fais flasher le 3 ?" on 1 December: the next 3rd, 3 December (the NLU reads the last one, 3
            # November; tester T37 c29 got 3 November 2027)
            day = last = next_day_numbered(day.day, now)
        elif partial.precision != "year" and not re.search(r"\d{4}", said) and last < now:
            day, last = _next_year(day), _next_year(last)  # "en janvier" said in November: the next one
        if _BEFORE_THE_DAY.search(fold(text[:entity.get("start") or 0])):
            # "et si je me fais flasher avant le 20 janvier ?": a bound, not the offence's day (T15 c26 got the
            # offence on 20 January, after the probation's end); the offence's day is another date said, if any
            bound = bound or day
            continue
        day = max(day, now)
        if partial.precision != "day":
            return day, (f"J'ai retenu le {format_long_fr(day)} {DAY_OF_THE_MONTH_NOTE}",)
        return day, ()
    if bound is not None and bound > now:
        # the last day before it: what holds "avant le 20 janvier" holds that day (the same probation year, R5-R7)
        day = max(now, bound - relativedelta(days=1))
        return day, (f"J'ai retenu le {format_long_fr(day)}, avant le {format_long_fr(bound)} comme vous le dites : "
                     "donnez-moi le jour exact pour un calcul au jour près.",)
    return now, (f"{OFFENCE_TODAY_NOTE}, le {format_long_fr(now)}.",)


# a day said by its number alone: "le 3", "3", "le 1er"
_BARE_DAY = re.compile(r"(?:le\s+)?\d{1,2}\s*(?:er)?")


# "avant le 20 janvier", "avant la fin de mon probatoire le 20 janvier", "d'ici le 20 janvier" (folded text, up to the
# date said)
_BEFORE_THE_DAY = re.compile(r"\b(?:avant|d'?\s?ici)\s+(?:(?:le|la|l'|au|mon|ma|son|sa)\s*)?(?:[a-z']+\s+){0,4}?"
                             r"(?:le|au|du)?\s*$")


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: the last day of February (spec §0.3)
        return day.replace(year=day.year + 1, day=28)


# "et à 185 retenu ?", "si c'était 185 retenus": a speed asked about, not told
_ASKED_SPEED = re.compile(r"^\W*(?:et|si|mais si|et si)\b|\?\s*$")


def _speed_changed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et sur une route à 80 ?", "et à 170 ?" after a speeding answer: the same offence, other speeds (R4)."""
    if previous != "action_answer_offence_points" or _values(tracker, "date") or CORRECTION.search(text):
        return None  # ("non je t'ai dit retenu 133 !": the speed corrected, a fact, actions/corrections.py)
    if says_retained_speed(text) and not _ASKED_SPEED.search(text):
        # "radar mobile, 54 c'est la vitesse retenue sur l'avis": the user's fact told, not a what-if (T11 c38)
        return None
    limit = next(iter(_values(tracker, "speed_limit")), None)
    measured = next(iter(_values(tracker, "speed_measured")), None)
    number = next((n for n in _values(tracker, "number") if isinstance(n, (int, float)) and int(n) in _SPEED_NUMBER),
                  None)
    offence = next(iter(_values(tracker, "offence_type")), None)
    if offence not in (None, "speeding") or (limit is None and measured is None and number is None):
        return None
    if limit is None and measured is None and not _SPEED_ONLY.search(text):
        return None
    before = _slots_of_last_answer(tracker)
    if before.get("offence_type") != "speeding":
        return None
    slots: Dict[str, Any] = {}
    if limit is not None:
        slots["speed_limit"] = limit
    if measured is not None or number is not None:
        slots.update(speed_measured=measured if measured is not None else number, speed_excess=None)
    elif before.get("speed_measured") is None and before.get("speed_excess") is not None and \
            before.get("speed_limit") is not None:
        # "flashé à 30 de trop sur une route à 90" then "et sur une route à 50 ?": the same excess
        slots["speed_measured"] = before["speed_limit"] + before["speed_excess"]
        slots["speed_excess"] = None
    shown_limit = slots.get("speed_limit", before.get("speed_limit"))
    shown_speed = slots.get("speed_measured", before.get("speed_measured"))
    if says_retained_speed(text) and shown_speed and shown_limit and shown_speed > shown_limit:
        # "et à 185 retenu ?": the speed after the radar's margin, whose excess is read as such (no "si 185 km/h est
        # la vitesse mesurée" alternative; R4, tester T9 c23), as a correction reads it (actions/corrections.py)
        slots.update(speed_measured=None, speed_excess=int(shown_speed - shown_limit))
    what = (f"{int(shown_speed)} km/h pour {int(shown_limit)} km/h autorisés" if shown_speed and shown_limit
            else f"une limite de {int(shown_limit)} km/h" if shown_limit else f"{int(shown_speed)} km/h")
    return Hypothesis(intro=f"Avec {what}, alors :", slots=slots)


def _date_changed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si c'était en 2025 ?", "et si ça avait été en mars plutôt ?": the same question, the last dated fact
    of the answer moved (its day and month kept when only the year, or the month, is said)."""
    if not (_PAST_IF.search(text) or _SAME_ON_ANOTHER_DAY.search(text)) or _BALANCE_ON_DAY.search(text):
        return None
    said = next(iter(_values(tracker, "date")), None)
    if said is None:
        return None
    before = _slots_of_last_answer(tracker)
    planned = _planned_stage_day(tracker, previous) if previous in _STAGE_DAY_ANSWERS and \
        before.get("stage_first_day") and not _NAMES_ANOTHER_FACT.search(text) else None
    if planned is not None:
        # "et si c'était en janvier ?" after the answer on a stage to take: that stage, the next January (not the
        # licence's date, told last, which made a licence of 2012 probationary, "au plafond de 6", T5 c68)
        day, notes, other = planned
        return Hypothesis(intro=f"Si le stage commence le {format_long_fr(day)}, alors :",
                          slots={"stage_first_day": day.isoformat()}, notes=notes, month_end=other, plan=True)
    slot = _last_dated_slot(tracker, before)
    try:
        new = PartialDate.parse(str(said))
        if slot is None and previous in _DATE_OF_ANSWER:
            # "et si c'était en 2020 ?" after an offence told without its date: the answer took today's scale
            slot = _DATE_OF_ANSWER[previous]
            return Hypothesis(intro=f"Si {DATE_SLOTS_FR[slot]} avait eu lieu {_french(new)}, alors :",
                              slots={slot: new.iso()})
        if slot is None:
            return None
        old = PartialDate.parse(str(before[slot]))
    except InvalidAnswer:
        return None
    moved = _merged(old, new, tracker)
    return Hypothesis(intro=f"Si {DATE_SLOTS_FR[slot]} avait eu lieu {_french(moved)} plutôt {_than(old)}, alors :",
                      slots={slot: moved.iso()})


#: the answers whose question is a stage to take: a day moved without naming another fact is the stage's
_STAGE_DAY_ANSWERS = ("action_answer_points_after_stage", "action_answer_stage_eligibility")
# another dated fact named: "si le permis c'était en 2020", "si j'avais payé en janvier", "si l'infraction…"
_NAMES_ANOTHER_FACT = re.compile(r"\bpermis\b|\binfraction\b|\bamende\b|\bpa(?:ye|ie)\w*|\bregle\w*|\blettre\b|\b48\s?n\b"
                                 r"|\bformation\b|\bexces\b|\bflash\w*|\bpv\b|\bcontravention\b|\bretrait\b"
                                 r"|\bdernier stage\b|\bstage (?:d'avant|precedent)\b|\bprecedent\b")
# "et le même en 2023 ?", "la même chose en 2020 ?": the same facts on another (past) day (tester T3 c42)
_SAME_ON_ANOTHER_DAY = re.compile(r"^\W*(?:et\s+)?(?:pour\s+)?(?:le|la)\s+meme(?:\s+chose)?\s+(?:en|le|au|a|l')")

#: the date an answer reads when none was told (the offence's scale is today's)
_DATE_OF_ANSWER = {"action_answer_offence_points": "offence_date"}


def _french(partial: PartialDate) -> str:
    return f"le {partial.french()}" if partial.precision == "day" else f"en {partial.french()}"


def _than(partial: PartialDate) -> str:
    return f"que le {partial.french()}" if partial.precision == "day" else f"qu'en {partial.french()}"


def _merged(old: PartialDate, new: PartialDate, tracker: Tracker) -> PartialDate:
    """The date the hypothesis gives, as precise as the date it moves: a year alone keeps the old day and month
    ("en 2025" for 14 March 2023 is 14 March 2025), a month alone keeps the old day and, unless said, its year."""
    if new.precision == "day" or old.precision == "year" or (old.precision == "month" and new.precision == "month"):
        return new
    said_year = any(re.search(r"\d{4}", ((tracker.latest_message or {}).get("text") or "")[
        e.get("start") or 0:e.get("end") or 0]) for e in _entities(tracker) if e.get("entity") == "date")
    year = new.year if new.precision == "year" or said_year else old.year
    month = old.month if new.precision == "year" else new.month
    if old.precision == "month":
        return PartialDate.parse(f"{year:04d}-{month:02d}")
    last = calendar.monthrange(year, month)[1]
    return PartialDate.parse(date(year, month, min(old.day, last)).isoformat())  # (31 → 30 or 28, spec §0.3)


def _last_dated_slot(tracker: Tracker, slots: Dict[str, Any]) -> Optional[str]:
    """The date slot of the last answer set last (the date the user most recently told), among those it holds."""
    known = [slot for slot in DATE_SLOTS_FR if slots.get(slot) not in (None, "none")]
    if not known:
        return None
    order = {event.get("name"): i for i, event in enumerate(tracker.events)
             if event.get("event") == "slot" and event.get("value") is not None}
    return max(known, key=lambda slot: (order.get(slot, -1), -list(DATE_SLOTS_FR).index(slot)))


def _balance_on_day(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et en novembre 2025 j'en avais combien ?": the same computation on that day (for a month, its last day)."""
    if previous not in _CASE_ANSWERS or not _BALANCE_ON_DAY.search(text) or _PAST_IF.search(text) or \
            _offence_said(_entities(tracker)):  # ("si je perds 3 points en janvier, j'en aurai combien ?": the offence)
        return None
    from actions.follow_ups import PLANS_A_STAGE  # (the follow-ups read this module)
    if previous in _STAGE_ANSWERS and (_STAGE_WORD.search(text) and states_a_hypothesis(text)
                                       or PLANS_A_STAGE.search(text)):
        # "et si je fais le stage en janvier, j'aurai combien ?", "je vais le faire le 14 décembre, j'aurai combien ?"
        # after a stage's answer: the stage moved
        return None
    # the day asked about, not the day of an event told with the question ("j'ai payé hier. je fais un stage le 15
    # et 16 décembre, j'aurai combien ?": the payment's and the stage's, facts of a new question; T11 c31)
    said = next((e.get("value") for e in _entities(tracker) if e.get("entity") == "date" and not e.get("role")), None)
    if said is None:
        return None
    try:
        partial = PartialDate.parse(str(said))
    except InvalidAnswer:
        return None
    day = partial.latest()
    if day == today():
        return None
    notes = () if partial.precision == "day" else (
        f"J'ai fait le calcul au {format_long_fr(day)}, le dernier jour de {partial.french()}.",)
    return Hypothesis(intro=f"Au {format_long_fr(day)}, d'après ce que vous m'avez dit :", slots={}, day=day,
                      notes=notes)


def _with_aac(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si j'avais fait la conduite accompagnée ?": probation with the AAC (R5: 2 years, +3 a year)."""
    if previous not in ("action_answer_probation", "action_answer_points_after_stage",
                        "action_answer_check_balance") or not _AAC.search(text) or not _WITH_AAC.search(text):
        return None
    if _slots_of_last_answer(tracker).get("licence_date") is None:
        return None
    return Hypothesis(intro="Si vous aviez suivi la conduite accompagnée (AAC), alors :",
                      slots={"supervised_driving": True})


#: the offences an alcohol level decides between (R4: contravention, délit from 0,8 g/l)
_ALCOHOL_OFFENCES = ("alcohol", "alcohol_delit")
#: the hypothesis's alcohol level, held in the world of the hypothesis only (no slot holds a level: the parser gives
#: its offence, contravention or délit); the offence's answer reads it (actions.answers)
ALCOHOL_LEVEL = "blood_alcohol_g_l"
# "et à 0,9 ?", "et avec 1,2 g ?", "et pour 0,45 mg ?": a level alone, asked after an alcohol answer
_LEVEL_ONLY = re.compile(r"^\W*(?:et|mais|ok et|ok)?\s*(?:a|avec|pour|au|sur)?\s*(?:un taux de\s+|un taux a\s+)?\d[.,]\d")


# "je perds des points ou pas à 0,3 ?", "ça fait une infraction à 0,3 ?": the offence at that level, asked (folded)
_ASKS_THE_POINTS_OR_NOT = re.compile(r"\b(?:perd\w*|retir\w*|enlev\w*|points?|infraction|amende|sanction\w*)\b")


def _raw_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def _alcohol_level_changed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si ça avait été 0,9 ?", "et à 0,9 g/l ?" after an alcohol answer: the same offence at that level (R4:
    below the contravention's level nothing, a 4th-class contravention from 0,5 g/l — 0,2 in probation —, a délit
    from 0,8 g/l, L.234-1, R.234-1)."""
    if _slots_of_last_answer(tracker).get("offence_type") not in _ALCOHOL_OFFENCES:
        return None
    if not (_PAST_IF.search(text) or states_a_hypothesis(text) or _LEVEL_ONLY.search(text) or (
            _AND_IN_PROBATION.search(text) and _PROBATION_NAMED.search(text))  # ("et pour un JA à 0,3 ?")
            or (_ASKS_THE_POINTS_OR_NOT.search(text) and "?" in _raw_text(tracker))):
        return None
    level = blood_alcohol_level(text, today())
    if level is None:
        return None
    said = f"{level:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    slots: Dict[str, Any] = {"offence_type": "alcohol", ALCOHOL_LEVEL: level}
    before = _last_hypothesis_message(tracker)
    # ("c'est juste une question… je perds des points ou pas à 0,3 ?" right after "et si je suis jeune permis avec
    # 0,3 g ?": the probation of the hypothesis still holds, T19 c21)
    in_probation = _PROBATION_NAMED.search(text) or (
        before is not None and _PROBATION_NAMED.search(fold(before.get("text") or "")))
    if (True in _values(tracker, "probationary") or in_probation) and \
            False not in _values(tracker, "probationary"):
        # "et si je suis jeune permis avec 0,3 g ?": the level on a probationary licence, where the contravention
        # starts at 0,2 g/l (R4, R.234-1; tester T19 c21 got "pas d'infraction" under the 0,5 g/l of other drivers).
        # The licence's date is not read: the probation said is the fact the answer needs, as in _probation_world
        slots.update({"probationary": True, "licence_date": None})
        return Hypothesis(intro=f"En permis probatoire, avec {said} g/l d'alcool dans le sang, alors :", slots=slots)
    return Hypothesis(intro=f"Avec {said} g/l d'alcool dans le sang, alors :", slots=slots)


# "et moi si je l'ai pas ?", "et si je l'avais pas faite ?", "et sans ?": the fact the answer rests on, the other way
# (not "si je l'ai pas payée": only the fact done or had, "l'ai pas", "l'ai pas faite", "l'avais pas eue")
_NOT_DONE = re.compile(r"\b(?:je|j'|il|elle|on)\s*(?:ne\s+|n'\s?)?l'?\s?(?:ai|avais|a|avait|aurais)\s+(?:pas|jamais)"
                       r"(?:\s+(?:fait|faite|suivi|suivie|eu|eue))?(?:\s+(?:moi|non plus|du coup|alors))?\W*$"
                       r"|^\W*(?:et\s+)?(?:moi\s+)?sans\W*$|\bsans (?:ca|elle|la faire|l'avoir faite?)\W*$")
#: the facts of yes or no a hypothesis may turn the other way ("l'" of "si je l'ai pas" is the one the answer holds),
#: with how the answer says it
_FLIPPABLE = (("supervised_driving", "sans la conduite accompagnée (AAC)"),
              ("complementary_training", "sans la formation complémentaire"))


def _fact_turned_off(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et moi si je l'ai pas ?" after an answer computed with the conduite accompagnée (someone else's, or the
    user's): the same computation without it (R5: 3 years, 2 points a year; R6 for the training). The fact turned off
    is the one the answer holds true, the one told last when both are."""
    if previous not in ("action_answer_probation", "action_answer_points_after_stage", "action_answer_check_balance",
                        "action_answer_stage_eligibility", "action_answer_offence_points",
                        "action_answer_mandatory_stage") or not _NOT_DONE.search(text):
        return None
    known = _slots_of_last_answer(tracker)
    if known.get("licence_date") is None:
        return None
    held = [(slot, words) for slot, words in _FLIPPABLE if known.get(slot) is True]
    if not held:
        return None
    order = {event.get("name"): i for i, event in enumerate(tracker.events)
             if event.get("event") == "slot" and event.get("value") is True}
    slot, words = max(held, key=lambda pair: order.get(pair[0], -1))
    slots: Dict[str, Any] = {slot: False}
    if slot == "complementary_training":
        slots["training_date"] = None
    who = "pour vous" if re.search(r"\bmoi\b", text) else ""
    return Hypothesis(intro=f"{words[0].upper()}{words[1:]}{', ' + who if who else ''}, avec les mêmes autres "
                            "informations, alors :", slots=slots)


# the complementary training named: "si j'avais pas fait la formation", "et sans la formation post-permis ?"
_TRAINING = re.compile(r"\bformation\b(?!\s+(?:de\s+)?(?:stage|recuperation))")
# done, named by its pronoun: "si elle l'a faite en octobre 2024", "et si je l'avais suivie en mai ?"
_TRAINING_DONE_BY_PRONOUN = re.compile(r"\bl'\s?(?:a|ai|as|avait|avais|aurait|aurais)\s+(?:faite|suivie)\b")
# without it: "si j'avais pas fait la formation", "sans la formation", "si je l'avais pas faite"
_WITHOUT = re.compile(r"\bsans\b|\b(?:pas|jamais|ni)\b")


def _training_changed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si j'avais pas fait la formation ?", "et sans la formation complémentaire, j'aurais 12 quand ?" after a
    probation answer with the training: the probation without it (R5: 3 years, or 2 with the AAC; R6). The other
    way, "et si j'avais fait la formation ?", needs its date (R6: between the 6th and the 12th month)."""
    from actions.follow_ups import last_bot_text  # (the follow-ups read this module)
    # (or named by its pronoun when the last answer speaks of it: "et si elle l'a faite en octobre 2024 ?" after "je
    # compte sans formation complémentaire"; tester T61 c14 had October 2024 read as the licence's date)
    if previous not in ("action_answer_probation", "action_answer_points_after_stage",
                        "action_answer_check_balance", "action_answer_stage_eligibility") \
            or not (_WITH_AAC.search(text) or _WITHOUT.search(text)):
        return None
    known = _slots_of_last_answer(tracker)
    if not _TRAINING.search(text) and not (_TRAINING_DONE_BY_PRONOUN.search(text) and (
            known.get("complementary_training") is False or TRAINING_LINE in last_bot_text(tracker))):
        return None
    if known.get("licence_date") is None:
        return None
    if _WITHOUT.search(text):
        if known.get("complementary_training") is not True:
            return None
        return Hypothesis(intro="Sans la formation complémentaire, alors :",
                          slots={"complementary_training": False, "training_date": None})
    said = [e.get("value") for e in _entities(tracker) if e.get("entity") == "date"]
    if known.get("complementary_training") is True:
        return None
    notes: Tuple[str, ...] = ()
    if not said and _FUTURE_IF.search(text) and not _PAST_IF.search(text):
        # "et si je fais la formation complémentaire maintenant ?", "et si je la fais ?": one to come, without its day,
        # is counted today (its window, the 6th to the 12th month of the licence, may be over; R6; tester T11 c11)
        said = [today().isoformat()]
        notes = (f"J'ai compté la formation aujourd'hui, le {format_long_fr(today())}.",)
    if not said:
        return None
    try:
        planned = PartialDate.parse(str(said[0]))
    except InvalidAnswer:
        planned = None
    # (one to come, "et si je la fais en mars 2027 ?": the probation it would give, R6; T9 c29)
    intro = ("Si vous suivez la formation complémentaire " + ("le " if planned.day else "en ") + planned.french()
             + ", alors :") if planned is not None and planned.earliest() >= today() else \
        "Si vous aviez suivi la formation complémentaire, alors :"
    to_come = planned is not None and planned.earliest() >= today()
    return Hypothesis(intro=intro, slots={"complementary_training": True, "training_date": said[0]}, notes=notes,
                      lead=TRAINING_LINE if to_come else None)  # (what it would change first, R6)


# the training to come, named by its pronoun once it is the subject: "je vais la faire", "je la ferai la semaine
# prochaine", "et si je la fais le mois prochain ?", "je compte la suivre en janvier"
_TRAINING_TO_COME = re.compile(
    r"\b(?:je|j'?|on)\s+(?:(?:vais|compte|pense|veux|voudrais|peux|pourrais|dois|devrais|prevois|vas|va)\s+)?"
    r"(?:la|l')\s*(?:faire|fais|ferai|ferais|ferait|fera|suivre|suis|suivrai|suivrais|passer|passe|passerai|passerais)\b"
    r"|\bsi\s+(?:je|j'?|on)\s*(?:la|l')\s*(?:fais|faisais|suis|suivais|passe|passais)\b")
# whether it still serves: "elle sert encore ?", "ça sert encore à quelque chose de la faire ?", "c'est trop tard ?",
# "ça vaut encore le coup ?"
_STILL_USEFUL = re.compile(r"\b(?:elle|ca|cela)\s+(?:me\s+|lui\s+)?(?:sert|servirait|servira|change\w*)\b|\btrop tard\b"
                           r"|\bencore (?:temps|utile|possible)\b|\bvaut (?:encore |toujours )?le coup\b|\binteret\b")
#: the answers whose last words may be about the training (R5, R6)
_TRAINING_ANSWERS = ("action_answer_probation", "action_answer_points_after_stage", "action_answer_check_balance",
                     "action_answer_stage_eligibility")
#: the line of a probation answer that says what the training does (R6)
TRAINING_LINE = "formation complémentaire"


def _training_to_come(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"je l'ai pas encore faite, je la ferai la semaine prochaine", "et si je la fais le mois prochain ?", "elle sert
    encore ?" once the training is the subject (named, or its question answered no, or the last answer speaking of
    it): the probation it would give done that day (the day said, else today), its line first: within the 6th to
    the 12th month of the licence, the shorter probation; after it, none, the end unchanged (R6; tester T12 c11)."""
    if previous not in _TRAINING_ANSWERS:
        return None
    from actions.follow_ups import last_bot_text  # (the follow-ups read this module)
    known = _slots_of_last_answer(tracker)
    subject = _TRAINING.search(text) or known.get("complementary_training") is False \
        or TRAINING_LINE in last_bot_text(tracker)
    if not subject or known.get("complementary_training") is True or known.get("licence_date") is None \
            or _PAST_IF.search(text) or not (_TRAINING_TO_COME.search(text) or (
                _STILL_USEFUL.search(text) and (_TRAINING.search(text) or re.search(r"\b(?:elle|la|l')\b", text)
                                                 or TRAINING_LINE in last_bot_text(tracker)))):
        return None
    said = [e.get("value") for e in _entities(tracker) if e.get("entity") == "date" and e.get("role") is None]
    try:
        planned = PartialDate.parse(str(said[0])) if len(said) == 1 else None
    except InvalidAnswer:
        planned = None
    if planned is not None and planned.latest() < today() and not re.search(r"\b20\d\d\b", text):
        # "et si je la fais en janvier ?" (read January 2026): a plan, so the next January
        said = [f"{planned.year + 1:04d}" + str(said[0])[4:]]
        planned = PartialDate.parse(said[0])
    if planned is not None and planned.earliest() < today():
        return None  # "je l'ai faite en mars 2026" is a fact, not a plan
    if planned is None:
        day = today().isoformat()
        intro = f"Si vous suivez la formation complémentaire maintenant (le {format_long_fr(today())}), alors :"
    else:
        day = str(said[0])
        intro = ("Si vous suivez la formation complémentaire " + ("le " if planned.day else "en ") + planned.french()
                 + ", alors :")
    return Hypothesis(intro=intro, slots={"complementary_training": True, "training_date": day}, lead=TRAINING_LINE)


def _balance_changed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si j'avais 4 points ?", "imaginons que j'aie 4 points": the same question from another balance (R1, R12).
    (Not "si je perds 4 points", a loss to come: see _future_offence.)"""
    if not states_a_hypothesis(text) or _values(tracker, "date") or _values(tracker, "offence_type"):
        return None
    said = [e.get("value") for e in _entities(tracker) if e.get("entity") == "points" and e.get("role") in (None, "balance")]
    if len(said) != 1 or not isinstance(said[0], (int, float)) or not 0 <= said[0] <= 12 or _LOSS.search(text):
        return None
    balance = int(said[0])
    if _slots_of_last_answer(tracker).get("current_balance") == balance:
        return None
    return Hypothesis(intro=f"Si vous aviez {balance} point{'s' if balance > 1 else ''}, alors :",
                      slots={"current_balance": balance, "balance_unknown": False})


# "si je perds 4 points", "si on m'enlève 4 points": a retrait to come, not a balance
_LOSS = re.compile(r"\b(?:perd\w*|reperd\w*|retir\w*|enlev\w*|prend\w*)\b")
#: the answers that read the day of the stage asked about
_STAGE_ANSWERS = ("action_answer_points_after_stage", "action_answer_stage_eligibility", "action_answer_refund_48n",
                  "action_answer_mandatory_stage")
# "et si je le fais en janvier ?", "si je fais le stage le 12", "imaginons que je le décale au 20 janvier"
_STAGE_PLAN = re.compile(r"\bstage\b|\b(?:le|l'?)\s*(?:re)?(?:fai\w*|fass\w*|pass\w*|sui[st]\w*|decal\w*|report\w*|avanc\w*|"
                         r"commence\w*|program\w*|reserv\w*)\b")
# after a stage's answer, a stage named that the NLU read as another question (tester T7 c01: the recovery's):
# "et si j'en refais un en mars ?", "si jen fais un autre" ("un": "si j'en refais une" is an offence again), "et un
# autre stage en mars ?", "et avec un nouveau stage ?" (no "si": the stage question for that stage all the same)
_A_STAGE_NAMED = re.compile(r"\bsi\s+(?:jamais\s+)?j'?\s?en\s+(?:re)?(?:fai\w*|fass\w*|pass\w*|sui[st]\w*)\s+(?:un|1)\b"
                            r"(?!\s*e\b)|^\W*(?:et|mais|ok et|alors|et donc)\s+(?:avec\s+|pour\s+)?(?:un|le|une?\s+autre)\s+"
                            r"(?:(?:autre|nouveau|deuxieme|second|2e|2eme)\s+)?stage\b")
#: the questions on a stage: read as one, or with a form asking, the message is left to the stage's form, which
#: asks only what is missing
_STAGE_INTENTS = ("ask_stage_eligibility", "ask_points_after_stage")
# another stage than the one told: "si je refais un stage", "si j'en refais un", "un autre stage", "un nouveau stage"
_ANOTHER_STAGE = re.compile(r"\bre-?(?:fai\w*|fass\w*|pass\w*|sui[st]\w*)\b|\bautre\b|\bnouveau\b|\bdeuxieme\b"
                            r"|\bsecond\b|\b2e\b|\b2eme\b")
#: for a month only, the day of it counted: the one that answers on the safe side, said in a note (R13: the
#: earliest for the one-year interval and the points; R15, R16: the latest for a deadline)
_SAFE_DAY_OF_PLANNED_MONTH = {"action_answer_refund_48n": "latest", "action_answer_mandatory_stage": "latest"}


def _planned_stage_day(tracker: Tracker, previous: str, within: Optional[Tuple[int, int]] = None
                       ) -> Optional[Tuple[date, Tuple[str, ...], Optional[date]]]:
    """The first day of the stage a hypothesis plans ("en janvier", "le 12 janvier"), with the note of the day
    counted for a month alone and the month's other end (None for a day said). A day or month said without its year is the next one; None for a stage already done
    or no day said. `within`: the span of the message's clause that plans it (its other clauses date other things)."""
    said = next((e for e in _entities(tracker) if e.get("entity") == "date" and e.get("role") in (None, "stage")
                 and (within is None or within[0] <= (e.get("start") or 0) < within[1])), None)
    if said is None:
        return None
    original = (tracker.latest_message or {}).get("text") or ""
    words = original[said.get("start") or 0:said.get("end") or 0]
    try:
        partial = PartialDate.parse(str(said.get("value")))
    except InvalidAnswer:
        return None
    if partial.precision == "year":
        return None
    now = today()
    if partial.latest() < now and past_fact_told_with_if(fold(original)):
        return None  # "et si il a déjà fait un stage en mars ?": last March, a stage done (T27 c02 got March 2027)
    if partial.precision == "day" and _BARE_DAY.fullmatch(fold(words).strip()) and partial.latest() < now:
        # "et s'il ne l'a toujours pas reçue le 8 au soir ?" on 1 December: the next 8th (the NLU reads the last one;
        # T56 c26 got a stage on 8 November 2027), the day of a stage told that it falls on: that stage
        day = next_day_numbered(partial.earliest().day, now)
        return _told_stage_on(tracker, day) or day, (), None
    if partial.latest() < now and not re.search(r"\d{4}", words):
        partial = PartialDate.parse(_next_year(partial.earliest()).isoformat()[:7 if partial.precision == "month" else 10])
    if partial.latest() < now or (partial.latest() == now and not _STARTS_TODAY.search(fold(original))):
        return None  # a stage already done is the user's to tell, not a hypothesis to come
    if partial.precision != "month":
        return partial.earliest(), (), None
    safe = _SAFE_DAY_OF_PLANNED_MONTH.get(previous, "earliest")
    day = max(partial.latest() if safe == "latest" else partial.earliest(), now + relativedelta(days=1))
    other = max(partial.earliest() if safe == "latest" else partial.latest(), now + relativedelta(days=1))
    return day, (f"J'ai compté un stage commençant le {format_long_fr(day)}, "
                 f"{'le plus tard' if safe == 'latest' else 'le plus tôt'} possible en {partial.french()} : "
                 "donnez-moi le jour exact pour un calcul au jour près.",), other


def _told_stage_on(tracker: Tracker, day: date) -> Optional[date]:
    """The first day of a stage to come the user told (two consecutive days, R.223-5) that `day` is one of, or None:
    "il a trouvé un stage les 7 et 8 décembre", then "et s'il ne l'a pas reçue le 8 au soir ?" plans that stage."""
    from actions import answers
    for told in reversed(answers.stage_dates_told(tracker)):
        first = partial_date_or_none(told)
        if first is not None and first.precision == "day" and first.earliest() >= today() and \
                first.earliest() <= day <= first.earliest() + relativedelta(days=1):
            return first.earliest()
    return None


# "et si je trouve un stage qui commence aujourd'hui ?": a stage planned from today, not one done (T28 c19; R13 example
# 2: one day too early gives no point)
_STARTS_TODAY = re.compile(r"\b(?:commence\w*|debut\w*|demarr\w*)\b[^.?!]*\baujourd'?\s?hui\b"
                           r"|\baujourd'?\s?hui\b[^.?!]*\b(?:commence\w*|debut\w*|demarr\w*)\b")
_MONTH_NOTE = re.compile(r"^J'ai compté un stage commençant le [^,]+, le plus t\w+ possible en (.+?) : donnez-moi le jour exact")


def _month_day_note(partial_french: str, day: date) -> str:
    """The note of a stage planned by its month when no day of that month changes the answer (see `_day_matters`)."""
    return (f"J'ai compté un stage commençant le {format_long_fr(day)} ; un autre jour {of_month(partial_french)} ne "
            "change pas le nombre de points rendus, seulement le jour où ils le sont (le lendemain du 2e jour du stage).")


def _day_matters(tracker: Tracker, previous: str, hypothesis: "Hypothesis") -> bool:
    """Whether the stage planned by its month gives another answer on the month's other end (the balance on its first
    day, the outcome, the points, the reasons: R12, R13, R15), its days aside; T22 c02 was asked the day of a
    January stage that gives 4 points on any day of January."""
    from actions import answers
    def result(first: date):
        world = _world(tracker, {**hypothesis.slots, "stage_first_day": first.isoformat()})
        decision, _ = _decide(hypothesis.answer or previous, world, hypothesis.day or today())
        balance = answers.balance_on_stage_first_day(answers.Facts(world), first, today())[0]
        if decision is None:
            return None
        return (balance, decision.outcome, sorted(map(str, decision.results.items())),
                [r.code for r in decision.reasons])
    first = date.fromisoformat(hypothesis.slots["stage_first_day"])
    return result(first) != result(hypothesis.month_end)


def _stage_moved(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si je fais le stage en janvier ?", "et si je le fais le 12 janvier ?" after a stage's answer: the same
    question for a stage on that day (R12, R13, R15, R16). A day or month said without its year is the next one."""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    named = _A_STAGE_NAMED.search(text) and intent not in _STAGE_INTENTS and not (tracker.active_loop or {}).get("name")
    if previous not in _STAGE_ANSWERS or not (states_a_hypothesis(text) and _STAGE_PLAN.search(text) or named
                                              or _stage_day_asked(tracker, text)) or \
            _values(tracker, "offence_type") or _PAST_IF.search(text):
        return None
    planned = _planned_stage_day(tracker, previous)
    another = bool(_ANOTHER_STAGE.search(text))
    if planned is None:
        return _another_stage_undated(tracker, previous) if another else None
    day, notes, other = planned
    # after a refund's answer, a stage moved "pour avoir les points", or past the 48N's deadline: the compulsory
    # stage's answer, which says the refund with the obligation (R15: fine, suspension) and the points (R13, R17);
    # the refund's alone said only "pas de remboursement" (T15 c30)
    answer = "action_answer_mandatory_stage" if previous == "action_answer_refund_48n" and \
        (_ASKS_POINTS.search(text) or _after_48n_deadline(tracker, day)) else None
    from actions.forms import letter_48n_received  # (the forms read this module)
    stated = {}
    if previous == "action_answer_stage_eligibility" and _BALANCE_ON_DAY.search(text):
        # "et si je le fais le 22 et 23 février 2027, sachant que j'ai 8 points aujourd'hui, j'en aurai combien ?"
        # after "un stage ne vous rendra des points qu'à partir du 20 février 2027": the points that stage gives, from
        # the balance stated with it (R12, R13; T61 c04 got the stage's eligibility again, "sous réserve de votre solde")
        answer = "action_answer_points_after_stage"
        told = [value for value in _told_before_the_hypothesis(tracker) if isinstance(value, int)]
        stated = {"current_balance": told[-1], BALANCE_STATED_TODAY: True} if told else {}
    if previous == "action_answer_mandatory_stage" and not letter_48n_received(tracker):
        # "je dois attendre une 48N ?" answered "Non : aucun stage n'est obligatoire", then "et si je le fais le 11 et 12
        # janvier, j'aurai combien ?": no compulsory stage to date, the voluntary stage's points on that day (R12; T36
        # c20 got the 48N's answer again)
        answer = "action_answer_points_after_stage"
    return Hypothesis(intro=(f"Si vous faites un autre stage, commençant le {format_long_fr(day)}, alors :" if another
                             else f"Si le stage commence le {format_long_fr(day)}, alors :"),
                      slots={"stage_first_day": day.isoformat(), **stated}, notes=notes, answer=answer,
                      month_end=other, plan=not another)


# "pour avoir les points", "ça me rendra des points ?", "je récupère quelque chose ?" (folded text)
_ASKS_POINTS = re.compile(r"\bpoints?\b|\brecup\w*|\brend\w*")


def _after_48n_deadline(tracker: Tracker, first_day: date) -> bool:
    """Whether a stage starting that day would end after the compulsory stage's deadline (R15), the 48N's receipt
    known."""
    received = partial_date_or_none(tracker.get_slot("letter_48n_date"))
    if received is None or str(tracker.get_slot("letter_code") or "48N").upper() != "48N":
        return False
    view = rules_core.load_params().at(first_day)
    last_day = add_duration(first_day, view.value("stage.length"))
    return last_day > add_duration(received.earliest(), view.value("letter_48n.deadline"))


def _stage_day_asked(tracker: Tracker, text: str) -> bool:
    """After a stage's answer, a question that plans the stage on a day or asks whether a day suits it, without "si":
    "ok je le fais le 14 décembre alors, j'aurai 12 quand ?", "donc le 3 mars c'est bon ?", "le 20 janvier ça passe ?"
    (T8 c02: the menu). A question (not "je le fais le 14 décembre." told as a fact), about a day to come (a stage
    done is the user's to tell), outside a form (a form's question is answered by the date)."""
    from actions.follow_ups import _CONFIRMS_A_DAY, PLANS_A_STAGE  # (the follow-ups read this module)
    from actions.forms import stage_days_told  # (the forms read this module)
    raw = (tracker.latest_message or {}).get("text") or ""
    # (not the stage's two days: "ok donc le 27 et 28 février ça passe ?" after a 48N's deadline tells that stage, a
    # fact the last question is answered again with, T7 c19)
    if "?" not in raw or (tracker.active_loop or {}).get("name") or CORRECTION.search(text) or \
            len(_values(tracker, "date")) != 1 or stage_days_told(tracker) or \
            not (PLANS_A_STAGE.search(text) or _CONFIRMS_A_DAY.search(text)):
        return False
    if _previous_answer(tracker) == "action_answer_refund_48n":
        try:
            done = PartialDate.parse(str(_slots_of_last_answer(tracker).get("stage_first_day"))).latest() < today()
        except InvalidAnswer:
            done = False
        if done:
            return False  # the 48N stage is over: the day asked is its refund request's (T9 c37)
    return _planned_stage_day(tracker, "") is not None


def _another_stage_undated(tracker: Tracker, previous: str) -> Optional[Hypothesis]:
    """"et si j'en refais un ?", "si je refais un stage ?" after the answer on a stage done, no day said: whether
    and from when another stage gives points, and what it would give (R12, R13), from the stage done and the balance
    the answer left, rather than the form of another question (tester T7 c01: the recovery's)."""
    if previous not in ("action_answer_points_after_stage", "action_answer_stage_eligibility") or \
            _values(tracker, "date"):
        return None
    try:
        done = PartialDate.parse(str(_slots_of_last_answer(tracker).get("previous_stage_date")))
    except InvalidAnswer:
        return None  # (no stage done told: the stage of the answer is one to come, "another" is its own question)
    if done.latest() > today():
        return None
    return Hypothesis(intro="Pour un autre stage :", slots={"stage_first_day": None},
                      answer="action_answer_stage_eligibility")


# "et avec un stage en février 2027 ?": the stage of a second question, without "si" (folded)
_WITH_A_STAGE = re.compile(r"^\W*(?:(?:et|mais|ok|alors|donc)\W+)*avec\s+(?:un|le|ce)\s+stage\b")
# a clause of a message: a sentence, up to its "?", "." or "!"
_CLAUSE = re.compile(r"[^.!?\n]+[.!?]*")


def _stage_clause(tracker: Tracker) -> Optional[Tuple[int, int]]:
    """The span of the clause that plans a stage as a hypothesis after another question ("donc j'aurai combien le 1er
    juin 2027 ? et si je fais un stage en février ?"), or None."""
    raw = (tracker.latest_message or {}).get("text") or ""
    for clause in _CLAUSE.finditer(raw):
        folded = fold(clause.group())
        if clause.start() > 0 and (states_a_hypothesis(folded) or _WITH_A_STAGE.match(folded)) and \
                _STAGE_WORD.search(folded):
            return clause.start(), clause.end()
    return None


def _stage_after_case(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si je fais un stage en janvier, j'aurai combien ?" after a recovery, balance or probation answer: the
    stage's answer from the balance that answer computes for the stage's first day (R8–R10, then R12, R13). The
    stage may be the second question of the message ("donc j'aurai combien le 1er juin 2027 ? et si je fais un stage
    en février ?"): the first one, the balance on a day, is then said with it (tester T10 c38 got the day's only)."""
    if previous not in _CASE_ANSWERS or previous in _STAGE_ANSWERS or not _STAGE_WORD.search(text) or \
            _values(tracker, "offence_type") or _PAST_IF.search(text):
        return None
    span = None if states_a_hypothesis(text) else _stage_clause(tracker)
    if span is None and not states_a_hypothesis(text):
        return None
    planned = _planned_stage_day(tracker, previous, within=span)
    if planned is None:
        return None
    day, notes, other = planned
    from actions import answers
    paid = _told_offence_paid_before(tracker, previous, day)
    world = _world(tracker, {"stage_first_day": day.isoformat(), **paid})
    # the stage's own answer reads the balance of the story told, its retraits counted once (R18): the balance of
    # the last answer (its retraits all withdrawn) is given only when it cannot (T5 c36: a retrait subtracted twice)
    own, own_pending = answers.balance_on_stage_first_day(answers.Facts(world), day, today())
    left = answers.balance_answered_after_the_retrait(_with_the_answer_said(world, tracker))
    # (the balance the last answer left, its retrait made, "il vous reste 4 points": the stage starts from it, not
    # from the one told before that retrait; R1, R2, R12; tester T43 c19 got "votre solde (12) est déjà au plafond")
    left_slots = {"current_balance": left} if left is not None and own_pending == 0 and own != left else {}
    made = _balance_left_once_paid(tracker, world, paid)
    if made is not None and own_pending == 0 and left is None and own != made:
        # "il vous restera 4 points une fois le retrait fait", then "j'ai tout payé le 30 septembre. et si je fais un
        # stage les 14 et 15 décembre ?": the retrait made on the payment's day, the decision's estimate (§0.2, R2),
        # the stage starts from 4 (R12; T51 c28 got "solde final 4" with the retrait counted after the stage)
        left_slots, notes = {"current_balance": made}, [*notes, (
            f"Vous avez payé le {format_long_fr(date.fromisoformat(paid['fine_payment_date']))} : sans la date de la "
            "décision de retrait, j'ai retenu celle du paiement ; le retrait est donc fait avant le stage, qui part "
            f"de {made} point{'s' if made > 1 else ''} (article L.223-1 du Code de la route).")]
    if left_slots:
        own = left_slots["current_balance"]
    if own is not None and not own_pending and previous == "action_answer_check_balance":
        # the balance answer walked the story, its retraits established withdrawn: a balance told before them ("il
        # avait tous ses points", then 6 points paid on 22 September) is not the stage's balance (tester T30 c04b:
        # "s'il fait le stage obligatoire en janvier, il remonte à combien ?" got "de 10 à 12" after "4 points")
        walked, _ = _decide(previous, _world(tracker, {}), day)
        walked_balance = walked.results.get("balance") if walked is not None else None
        if isinstance(walked_balance, int) and not isinstance(walked_balance, bool) and walked_balance < own:
            own = None
    slots: Dict[str, Any] = {"stage_first_day": day.isoformat(), **paid, **left_slots}
    counted = ""
    if own is None:
        decision, _ = _decide(previous, _world(tracker, paid), day)
        balance = decision.results.get("balance") if decision is not None else None
        if balance is None:
            return None
        # (that balance has every retrait told withdrawn: the one the stage's answer counts as still to come, after
        # the stage, is added back, so that it is counted once, R18 example 1)
        _, pending = answers.balance_on_stage_first_day(
            answers.Facts(_world(tracker, {**slots, "current_balance": balance})), day, today())
        slots.update(current_balance=balance + pending, balance_unknown=False)
        counted = (f"J'ai compté votre solde de {balance} point{'s' if balance > 1 else ''} au {format_long_fr(day)}, "
                   "calculé d'après ce que vous m'avez dit")
        if world.get_slot("current_balance") is None:
            start = _balance_before_first_offence(world)
            counted += f" ({start} points avant la première infraction que vous m'avez indiquée)"
        if pending:
            counted += (f", dont le retrait de {pending} point{'s' if pending > 1 else ''}, sans doute pas encore "
                        "enregistré ce jour-là : il compte une fois, après le stage")
    if world.get_slot("previous_stage_date") is None:
        # the last stage the story told, before the one planned: the year runs from it (R13; tester T20 c14 got 4
        # points for a stage planned on 8 January 2027, the story's stage of 12 January 2026 left out)
        told = [partial_date_or_none(value) for value in answers.stage_dates_told(world)]
        before = [p.earliest() for p in told if p is not None and p.precision == "day" and p.earliest() < day]
        if before:
            slots["previous_stage_date"] = max(before).isoformat()
    if slots.get("previous_stage_date") is None and world.get_slot("previous_stage_date") is None:
        since = format_long_fr(day - relativedelta(years=1))
        counted += (f", et aucun stage ayant rendu des points depuis le {since} (un seul par an)" if counted else
                    f"J'ai compté qu'aucun stage ne vous a rendu de points depuis le {since} (un seul par an)")
    on_day = _balance_on_another_day(tracker, previous, span, slots, day) if span is not None else None
    paying = (f"Si vous payez l'amende le {format_long_fr(date.fromisoformat(paid['fine_payment_date']))} et si vous "
              "faites") if paid and made is None else "Si vous faites"
    return Hypothesis(intro=f"{paying} un stage commençant le {format_long_fr(day)}, alors :",
                      slots=slots, answer="action_answer_points_after_stage", plan=True,
                      notes=((counted + ".",) if counted else ()) + tuple(notes) + ((on_day,) if on_day else ()),
                      month_end=other)


# the offence's answer: "Avec 12 points avant l'infraction, il vous restera 4 points une fois le retrait fait" (folded)
LEFT_ONCE_MADE = re.compile(r"\bavec (\d+) points avant l'infraction, il vous restera (\d+) points? une fois le "
                             r"retrait fait\b")


def _balance_left_once_paid(tracker: Tracker, world: Tracker, paid: Dict[str, Any]) -> Optional[int]:
    """The balance the offence's answer said its retrait would leave, when the payment told since is past (the
    retrait made, R2); None otherwise."""
    day = partial_date_or_none(paid.get("fine_payment_date"))
    if day is None or day.earliest() >= today():
        return None
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            found = LEFT_ONCE_MADE.search(fold(event.get("text") or ""))
            if found and int(found.group(1)) == world.get_slot("current_balance"):
                return int(found.group(2))
    return None


def _balance_on_another_day(tracker: Tracker, previous: str, span: Tuple[int, int], slots: Dict[str, Any],
                            first_day: date) -> Optional[str]:
    """The balance on the day the message's other clause asks about ("j'aurai combien le 1er juin 2027 ?"), without
    the stage and with it: with it only when nothing else changes the balance between the stage and that day (R8–R10
    would, R12: the stage's points stay), else without it only. None when no such question is asked."""
    raw = (tracker.latest_message or {}).get("text") or ""
    other = fold(raw[:span[0]] + " " + raw[span[1]:])
    days = [e for e in _entities(tracker) if e.get("entity") == "date" and e.get("role") is None
            and not span[0] <= (e.get("start") or 0) < span[1]]
    if not days or not _BALANCE_ON_DAY.search(other):
        return None
    try:
        day = PartialDate.parse(str(days[0].get("value"))).latest()
    except InvalidAnswer:
        return None
    if day <= today():
        return None
    world = _world(tracker, {})
    without = [getattr(_decide(previous, world, when)[0], "results", {}).get("balance") for when in (day, first_day)]
    if not isinstance(without[0], int):
        return None
    line = f"Solde au {format_long_fr(day)} : {without[0]} point{'s' if without[0] > 1 else ''} sans stage"
    stage, _ = _decide("action_answer_points_after_stage", _world(tracker, slots), first_day)
    after = stage.results.get("balance_after") if stage is not None and stage.outcome == "credited" else None
    if isinstance(after, int) and without[0] == without[1] and day > stage.key_dates.get("effective_date", day):
        line += f", {after} points avec ce stage"
    return line + "."


def _balance_before_first_offence(world: Tracker) -> int:
    """The balance the computation started from, the licence's ceiling on the day of the first offence told: 12 when
    the licence's date is not known (assumed out of probation), its probationary ceiling otherwise (R1, R5, R7;
    tester T9 c39: "12 points avant la première infraction" said of a licence at 9)."""
    from actions import answers
    from actions.offence_history import told_retraits
    facts = answers.Facts(world)
    first = min((retrait.committed or retrait.realite for retrait in told_retraits(world)), default=None)
    if first is None and (world.get_slot("last_offence_points") or world.get_slot("offence_type")):
        # the offence of the question's slots, none told as a retrait of a story (T20 c13: a licence at 6 said "12
        # points avant")
        from actions.forms import commission_day
        first = commission_day(world.slots)
    ceiling = facts.ceiling_on(first) if first is not None and facts.licence_date is not None else None
    return ceiling if ceiling is not None else rules_core.load_params().at(today()).get("capital.max").value


# a stage named, as a plan or a question: "si je fais un stage", "et avec un stage ?"
_STAGE_WORD = re.compile(r"\bstages?\b")


# --- the offence answered, on a probationary licence ---------------------------------------------------------------

# the probation named: "en permis probatoire", "jeune conducteur", "en proba", "JA"
_PROBATION_NAMED = re.compile(r"\bprobatoire\b|\bproba\b|\bjeunes?\s+(?:conducteur|conductrice|permis)s?\b|\bja\b")
# "et en probatoire ?", "et pour un jeune conducteur ?", "mais si je suis en probatoire ?": the same offence, asked again
_AND_IN_PROBATION = re.compile(r"^\W*(?:(?:et|mais|ok|bon|alors|du coup)\W+)*(?:si\b|s'?\s?il\b|en\b|pour\b|avec\b"
                               r"|quand\b|lorsque?\b)")
# what such a follow-up asks: the letter, a stage, what changes ("ça fait une 48N ?", "ça change quoi ?")
_ASKS_CONSEQUENCE = re.compile(r"\b48\s?n\b|\blettres?\b|\bcourriers?\b|\bstages?\b|\bca (?:change|fait|donne)\b"
                               r"|\bconsequences?\b|\bdifferen\w*|\bpareil\b|\bet alors\b|\bdu coup\b|\bdonc\b")
# another question of its own: the balance or a day ("je suis en probatoire, il me reste combien ?")
_ASKS_ANOTHER_FIGURE = re.compile(r"\bsolde\b|\breste\b|\bquand\b|\bjusqu'?\s?a quand\b|\bplafond\b")
#: said with the answer of an offence on a probationary licence (R7, R15)
PROBATION_INTRO = "En permis probatoire, pour cette infraction :"


def _probation_world(tracker: Tracker, text: str, previous: str) -> Optional[Dict[str, Any]]:
    """The slots of the offence's answer when the latest message puts it on a probationary licence ("et si je suis en
    permis probatoire ?", "elle est en probatoire depuis 2025, ça fait une 48N ?"): the probation said, and the
    licence's date said with it, if any (R7, R15). None when the message is no such follow-up: no probation named,
    a new offence named (its own question), or the last answer is not an offence's."""
    if previous != "action_answer_offence_points" or not _PROBATION_NAMED.search(text) or \
            _ASKS_ANOTHER_FIGURE.search(text) or _values(tracker, "offence_type") or _values(tracker, "speed_excess") or \
            False in _values(tracker, "probationary"):
        return None
    known = _slots_of_last_answer(tracker)
    if not (known.get("offence_type") or known.get("last_offence_points")):
        return None
    # (the licence's date is not read: the probation said is the fact the answer needs, R15 reads it of the offence)
    return {"probationary": True, "licence_date": None}


# "et si je suis en probatoire ? j'ai eu le permis il y a 1 an": the licence's date told in the indicative is the
# user's own fact, and the probation with it (T23 c05: taken for a world to imagine, then dropped)
_OWN_LICENCE_TOLD = re.compile(r"\b(?:j'?\s?ai|je l'?\s?ai|il l'?\s?a|elle l'?\s?a|il a|elle a)\s+(?:eu\s+|obtenu\s+)?"
                               r"(?:mon\s+|le\s+|son\s+)?permis\b|\bpermis\s+depuis\b")


def _own_licence_told(tracker: Tracker, text: str) -> bool:
    return bool(_OWN_LICENCE_TOLD.search(text)) and any(
        entity.get("entity") == "date" and entity.get("role") == "licence" for entity in _entities(tracker))


def _probation_assumed(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"et si je suis en permis probatoire ?", "et pour un jeune conducteur ?" after an offence's answer: that offence
    on a probationary licence (R7: the increments stop; R15: a 48N from 3 points; tester T11 c04 got the probation's
    rule in brief and its questions)."""
    if not (states_a_hypothesis((tracker.latest_message or {}).get("text") or "") or _AND_IN_PROBATION.search(text)) \
            or _own_licence_told(tracker, text):
        return None
    slots = _probation_world(tracker, text, previous)
    return Hypothesis(intro=PROBATION_INTRO, slots=slots) if slots is not None else None


#: the reserve of an offence's answer that the probation decides ("Réponse sous réserve de : si votre permis est
#: probatoire."): the alcohol level between the two thresholds (R4, R.234-1)
_PROBATION_RESERVED = "sous réserve de : " + rules_core.wording_fr.MISSING_FR["probationary"]


def offence_in_probation_told(tracker: Tracker) -> Optional[str]:
    """"et elle est en permis probatoire depuis 2025, ça fait une 48N ?" after an offence's answer: a fact, not a
    hypothesis; the offence's answer again on that licence (R7, R15: no 48N under 3 points; tester T11 c05 got the
    48N's rule as if it applied to 1 point). The facts said are kept (Rasa set them). Also "mais je suis jeune permis !
    j'ai eu le permis en 2025" when the answer was given "sous réserve de : si votre permis est probatoire" (0,3 g/l
    of alcohol, R4): the fact it waited for, the answer again with it, at the level of the hypothesis it answered, if
    any (tester T19 c21 got the probation's questions: the month, the AAC, the training, the offence's day)."""
    text = _text(tracker)
    previous = _previous_answer(tracker)
    from actions.follow_ups import last_bot_text  # (follow_ups reads this module's answers: imported when used)
    reserved = _PROBATION_RESERVED in last_bot_text(tracker)
    own = bool(text) and _own_licence_told(tracker, text)
    if not text or len(text) > HYPOTHESIS_MAX_CHARS or (
            (states_a_hypothesis(text) or _AND_IN_PROBATION.search(text)) and not own) \
            or not (_ASKS_CONSEQUENCE.search(text) or reserved or own) \
            or _offence_supposed_asked_again(tracker, text, previous) is not None:
        return None  # ("donc je serais toujours libéré de la période probatoire… ?": the offence supposed's world)
    slots = _probation_world(tracker, text, previous)
    if slots is None:
        return None
    intro = PROBATION_INTRO
    before = _last_hypothesis_message(tracker) if reserved else None
    level = blood_alcohol_level(before.get("text") or "", today()) if before is not None else None
    if level is not None and _slots_of_last_answer(tracker).get("offence_type") in _ALCOHOL_OFFENCES:
        said = f"{level:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        slots.update({"offence_type": "alcohol", ALCOHOL_LEVEL: level})
        intro = f"En permis probatoire, avec {said} g/l d'alcool dans le sang :"
    answer, notes = _replay(tracker, previous, Hypothesis(intro="", slots=slots))
    licence = partial_date_or_none(tracker.get_slot("licence_date")) if own else None
    if licence is not None and not (tracker.get_slot("offence_date") or tracker.get_slot("fine_payment_date")):
        # the balance and the ceiling wait for the offence's day only (R5, R7): say so, the licence is kept
        notes = [*notes, "J'ai noté " + (f"votre permis obtenu le {format_long_fr(licence.earliest())}" if licence.day
                                            else "la date de votre permis") + ". Pour votre solde et "
                         "votre plafond, dites-moi la date de l'infraction (ou du paiement de l'amende) : ils en "
                         "dépendent en période probatoire (article L.223-1 du Code de la route)."]
    return "\n\n".join([f"{intro}\n{answer}", *notes]) if answer else None


# "si je paie le détecteur le 10 décembre", "quand je la paierai le 15", "si je règle l'amende lundi" (folded text)
# ("elle va payer l'amende du stop demain", "si j'attends le 11 janvier pour payer": the same payment, said of the
# driver or their relative, to come or waited for; tester T38 c06 and c20 got an offence committed today)
_PAYS = re.compile(r"\b(?:si|quand|lorsque|une fois que|s')\s*(?:je|j'|il|ils|elle|on)\s*(?:la |le |les |l')?"
                   r"(?:pai\w*|pay\w*|regl\w*)\b"
                   r"|\b(?:je|j'|il|elle|on)\s*(?:vais|va|vas|compte|veux|veut|doi[st]|devrai[st]?)\s+(?:la |le |l')?"
                   r"(?:payer|regler)\b"
                   r"|\battend\w*\b.{0,40}\bpour (?:la |le |l')?(?:payer|regler)\b"
                   # "l'amende elle la paye demain", "je la paierai le 10": a payment said in the present or the future
                   # (its day one to come, checked by the readers: T43 c06 got "Le 2 décembre 2026 est dans le futur")
                   r"|\b(?:je|j'|il|elle|on)\s*(?:la |le |les |l')?(?:paie|paye|regle|paierai?|payerai?|reglerai?"
                   r"|paieras|payeras|regleras)\b")


def _told_offence_paid(tracker: Tracker, text: str, previous: str) -> Optional[Hypothesis]:
    """"si je paie le détecteur le 10 décembre, je récupère mes 12 points quand ?" after an answer counting that
    offence told and not paid yet: the day its fine is paid, its réalité (R2), from which its retrait and the clocks
    run (R9), not an offence to come (tester T30 c30b got "si vous commettiez … une infraction qui retire 12
    points"). The payment day is one to come, said with the payment; the offence is the one told not established
    (the one named, when several are)."""
    if previous not in _CASE_ANSWERS or not _PAYS.search(text) or _STAGE_WORD.search(text):
        return None  # (a stage planned after the payment: the stage's answer, with that payment, `_stage_after_case`)
    days = [partial_date_or_none(e.get("value")) for e in _entities(tracker)
            if e.get("entity") == "date" and e.get("role") in (None, "payment")]
    days = [d for d in days if d is not None and d.precision == "day" and d.earliest() >= today()]
    if len(days) != 1:
        return None
    pending = _pending_offences(tracker, previous)
    named = set(_values(tracker, "offence_type"))
    if named:
        pending = [(offence, kind) for offence, kind in pending if kind in named]
    if len(pending) != 1:
        return None
    return Hypothesis(intro="", slots={}, offence={"told": pending[0][0], "offence_type": pending[0][1]},
                      paid=days[0].earliest())


def _told_offence_paid_before(tracker: Tracker, previous: str, stage_day: date) -> Dict[str, Any]:
    """"et si elle paye demain et qu'elle fait le stage en janvier ?": the fine of the offence told, not paid yet, paid
    on the day said before the stage; its retrait then counts before the stage (R2, R12). {} when no such payment is
    said (tester T38 c06 got "déjà au plafond" from the balance before that retrait)."""
    if partial_date_or_none(_slots_of_last_answer(tracker).get("fine_payment_date")) is not None:
        return {}
    days = [partial_date_or_none(e.get("value")) for e in _entities(tracker)
            if e.get("entity") == "date" and e.get("role") == "payment"]
    past = [d for d in days if d is not None and d.precision == "day" and d.earliest() < today()]
    if len(past) == 1 and len(days) == 1 and previous == "action_answer_offence_points":
        # "j'ai tout payé le 30 septembre. et si je fais un stage les 14 et 15 décembre ?" after the offence's points:
        # the payment told done is a fact of the case, its day the retrait's réalité and, the decision's day unknown,
        # its estimate (§0.2, R2, R18; T51 c28 counted the retrait unrecorded 75 days later, "solde final 4")
        return {"fine_payment_date": past[0].iso()}
    if not _PAYS.search(_text(tracker)):
        return {}
    days = [d for d in days if d is not None and d.precision == "day" and today() <= d.earliest() < stage_day]
    if len(days) != 1 or len(_pending_offences(tracker, previous)) != 1:
        return {}
    return {"fine_payment_date": days[0].iso()}


def _case_of_the_offence_answer(tracker: Tracker, previous: str) -> str:
    """The answer whose case an offence's answer completes: an offence's points answered after the driver's case in
    the same turn ("si je paye maintenant, est-ce que je perds mes points de fin de probatoire ?": the probation, then
    the excess's points) has no case of its own; the case answer just before it is the one (tester T40 c20 got "Le 11
    janvier 2027 est dans le futur" to "si j'attends le 11 janvier pour payer ?"). `previous` otherwise."""
    if previous != "action_answer_offence_points":
        return previous
    cut = _cut(tracker)
    for event in reversed(tracker.events[:cut]):
        if event.get("event") == "user":
            break
        if event.get("event") == "action" and event.get("name") in _CASE_ANSWERS and \
                event.get("name") != "action_answer_offence_points":
            return event["name"]
    return previous


def _pending_offences(tracker: Tracker, previous: str) -> List[Tuple[Dict[str, Any], Optional[str]]]:
    """The offences of the last answer's case not established yet (no réalité), with their kind when told."""
    from actions.offence_history import told_retraits
    previous = _case_of_the_offence_answer(tracker, previous)
    try:
        decision, _ = _decide(previous, _world(tracker, {}), today())
    except (rules_core.InconsistentFacts, StopIteration):
        return []
    if decision is None or decision.question not in ("recovery", "probation"):
        return []
    kinds = {r.committed_date or r.said_date: r.offence_type for r in told_retraits(tracker, before_latest=True)}
    return [(offence, kinds.get(str(offence.get("commission")))) for offence in decision.facts.get("offences") or []
            if offence.get("realite") is None]


def _told_offence_paid_answer(tracker: Tracker, previous: str,
                              hypothesis: Hypothesis) -> Tuple[Optional[str], List[str]]:
    """The driver's case with the offence told paid on the day supposed (rules_core.offence_hypothesis, told)."""
    decision, notes = _decide(_case_of_the_offence_answer(tracker, previous), _world(tracker, {}), today())
    told = hypothesis.offence["told"]
    known = [o for o in decision.facts.get("offences") or [] if o is not told and o != told]
    case = {name: decision.facts.get(name) for name in ("licence_date", "aac", "training_date", "relicensed",
                                                          "balance_before")}
    label = None
    if hypothesis.offence.get("offence_type"):
        label = rules_core.offence_points(offence=hypothesis.offence["offence_type"], commission=today(),
                                          today=today()).results.get("label_fr")
    answered = rules_core.offence_hypothesis(
        hypothetical={**told, "realite": hypothesis.paid}, today=today(), offences=known, label_fr=label,
        stages=tuple(decision.facts.get("stages") or ()), told=True,
        **{name: value for name, value in case.items() if value is not None})
    stopped = next((r for r in answered.reasons if r.code == "what_if.increments_lost"), None)
    question = (tracker.latest_message or {}).get("text")
    if stopped is not None and asks_yes_or_no(question) and _GAIN_ASKED.search(asked_question(question) or ""):
        # "si j'attends le 11 janvier pour payer, j'aurai mes 12 points ?": no, its commission in probation stopped the
        # increments whatever the day it is paid (R5, R7; tester T40 c20 got the answer without its "Non")
        return verdict_first(render(answered), False, render_reason(stopped)), notes
    return render(answered), notes


# (a yes/no question on points to gain: "j'aurai mes 12 points ?", "je récupère mes points ?", "je garde ma majoration ?")
_GAIN_ASKED = re.compile(r"\b(?:aur\w*|recuper\w*|retrouv\w*|gagn\w*|gard\w*)\b.*\b(?:points?|majorations?|plafond)\b")


_READERS: List[Callable[[Tracker, str, str], Optional[Hypothesis]]] = [
    _stage_and_offence_to_come, _told_offence_paid, _payment_of_the_offence_to_come,
    # (a level with the probation, "et si je suis JA à 0,3 ?": the level read too, in probation, T19 c21)
    _alcohol_level_changed, _probation_assumed,
    _fact_turned_off, _with_aac, _training_to_come, _training_changed, _stage_after_case,
    _balance_on_day,
    _stage_moved, _future_offence, _offence_supposed_asked_again, _past_offence_supposed, _date_changed, _speed_changed, _balance_changed]


# --- the world of the last answer ----------------------------------------------------------------------------


def _hypothesis_turns_start(tracker: Tracker) -> int:
    """The index of the first user event of the hypotheses answered just before the latest message (the latest
    message's own index when there are none): the world of a hypothesis is the last real answer's. (A hypothesis
    answered as the second question of a message, after its real answer, leaves that turn a real one: "il va avoir
    ses 12 points demain ? et si il se fait flasher aujourd'hui ?", tester T36 c18.)"""
    events = tracker.events
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    end = users[-1] if users else len(events)
    for start in reversed(users[:-1]):
        turn = events[start:end]
        second = next((k for k, event in enumerate(turn) if event.get("event") == "action"
                       and event.get("name") == _SECOND_QUESTION_ACTION), len(turn))
        if not any(event.get("event") == "bot" and answers_a_hypothesis(event.get("text"))
                   for event in turn[:second]):
            break
        end = start
    return end


#: the action that answers a message's second question (actions.two_part, which reads this module)
_SECOND_QUESTION_ACTION = "action_other_question"


def _last_hypothesis_message(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The user event of the hypothesis answered just before the latest message, if any."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    start = _hypothesis_turns_start(tracker)
    before = [i for i in users if start <= i < users[-1]] if users else []
    return tracker.events[before[-1]] if before else None


def _cut(tracker: Tracker) -> int:
    """The index of the event where the last real answer was computed: its action (an answer action, or the action
    that recorded it in `last_question`, as the correction action does), before the events it returned."""
    events = tracker.events
    for index in range(_hypothesis_turns_start(tracker) - 1, -1, -1):
        event = events[index]
        name = event.get("name") or ""
        if event.get("event") == "action" and name.startswith("action_answer_") and name not in _ASIDE_ANSWERS:
            return index
        if event.get("event") == "slot" and name == "last_question" and event.get("value") and \
                event["value"] not in _ASIDE_ANSWERS:
            return next((k for k in range(index - 1, -1, -1) if events[k].get("event") == "action"), index)
    return len(events)


#: the answers that compute nothing of the user's case (a letter explained, "aucune lettre" said): a hypothesis after
#: one is on the case the answer before it computed ("et si je me fais flasher à +30 ?" after the letter's aside, T54
#: c06 got the excess's card alone, the user's 10 points of 10 in probation left out)
_ASIDE_ANSWERS = ("action_answer_letter",)


def _previous_answer(tracker: Tracker) -> Optional[str]:
    """The last real answer (not a hypothesis's)."""
    cut = _cut(tracker)
    if cut >= len(tracker.events):
        return None
    event = tracker.events[cut]
    recorded = next((e.get("value") for e in tracker.events[cut:] if e.get("event") == "slot"
                     and e.get("name") == "last_question" and e.get("value")), None)
    if event.get("event") == "action" and (event.get("name") or "").startswith("action_answer_"):
        # (an answer given in the context of the case's, which it kept as the question in play: "je devrais faire un
        # stage obligatoire dans ce cas ?" after a hypothesis on the probation's balance; a hypothesis next is on that
        # case, T54 c06)
        return recorded if event["name"] not in _CASE_ANSWERS and recorded in _CASE_ANSWERS else event["name"]
    return recorded


def _slots_of_last_answer(tracker: Tracker) -> Dict[str, Any]:
    """The slots of the last real answer: its question's slots before it reset them, with the facts it established
    ("j'ai grillé un feu rouge": its points and class); the hypothetical messages' slots are not counted."""
    events = tracker.events
    cut, start = _cut(tracker), _hypothesis_turns_start(tracker)
    # (an offence the answer's own message supposed, its slots set back by that answer (`supposed_facts_restored`), is
    # no fact of that world either: "et si je me fais flasher le 5 janvier, 15 km/h de trop ?" answered by the
    # offence's card, then "je serais toujours libéré… ?" got a world with that excess paid on 5 January 2026, T56 c20)
    asked = next((e for e in reversed(events[:cut]) if e.get("event") == "user"), None)
    set_back = SUPPOSED_OFFENCE_SLOTS if asked is not None and hypothetical_message(asked) else ()
    # (a later turn answered that sets a slot and sets it back to its value before it changes nothing: "mais s'il reçoit
    # la 48SI le 5 décembre, c'est fichu ?" answered, its 48SI set back, is no 48SI of the story; tester T56 c26 got
    # "la réception de la lettre 48SI ne peut pas être dans le futur", R18)
    turn_starts = [k for k in range(cut, start) if events[k].get("event") == "user"]
    turns = list(zip([cut] + turn_starts, turn_starts + [start]))
    answered = [any(events[k].get("event") == "bot" for k in range(first, last)) for first, last in turns]
    slots = dict(tracker.slots)
    for name in {event.get("name") for event in events[cut:] if event.get("event") == "slot"}:
        value = next((e.get("value") for e in reversed(events[:cut]) if e.get("event") == "slot"
                      and e.get("name") == name), None)
        for number, (first, last) in enumerate(turns):
            said = [events[k].get("value") for k in range(first, last)
                    if events[k].get("event") == "slot" and events[k].get("name") == name]
            if not said or (number > 0 and said[-1] == value and answered[number]):
                continue
            for said_value in said:
                if said_value is not None or (number == 0 and name in set_back):
                    value = said_value
        slots[name] = value
    kept = _licence_day_kept_by_hypotheses(events[start:])
    if kept is not None:
        slots["licence_date"] = kept
    licence = licence_day_told_besides(tracker)
    if licence is not None:  # (the licence's day told before the hypothesis: the user's, T54 c23)
        slots["licence_date"] = licence
    return slots


def _licence_day_kept_by_hypotheses(events: List[Dict[str, Any]]) -> Optional[str]:
    """The licence's day the answers of the hypotheses `events` hold kept (`restored_facts`: told before a hypothesis,
    "en vrai c le 3 juin 2025. et si je perds 1 pt en février ?"), set by an action, not by the hypothesis's own
    words; None when none was set. (A second hypothesis is asked on that day, T54 c23 went back to 1 June.)"""
    kept, acted = None, False
    for event in events:
        if event.get("event") == "user":
            acted = False
        elif event.get("event") == "action" and event.get("name") != "action_listen":
            acted = True
        elif acted and event.get("event") == "slot" and event.get("name") == "licence_date" and event.get("value"):
            kept = event["value"]
    return kept


def licence_day_told_besides(tracker: Tracker) -> Optional[str]:
    """The licence's day a message tells before the hypothesis it asks, the assistant's last turn having asked or
    approximated it ("en vrai c le 3 juin 2025. et si je perds 1 pt en février ?" after "j'ai compté à partir du 1er
    juin 2025 environ … Donnez-moi la date exacte"): a fact of the user's, taken whatever else the message asks (R5:
    the probation's dates run from it; T54 c23 answered from 1 June 2025 and asked the date again). The one date of
    the sentences before the one that supposes, said of nothing else (a licence's role, or none), not to come; None
    otherwise."""
    from actions.follow_ups import _last_turn_texts  # (the follow-ups read this module)
    from actions.forms import _LICENCE_DATE_ASKED
    from bot.nlu.fact_parsing import _OTHER_ANTECEDENT
    message = tracker.latest_message or {}
    said = message.get("text") or ""
    folded = fold(said)
    supposed = _FUTURE_IF.search(folded)
    if supposed is None or len(folded) != len(said) or \
            not _LICENCE_DATE_ASKED.search("\n".join(_last_turn_texts(tracker))):
        return None
    ends = [end.end() for end in _SENTENCE_END.finditer(folded, 0, supposed.start())]
    if not ends or _OTHER_ANTECEDENT.search(folded, 0, ends[-1]):
        return None
    told = [e for e in message.get("entities") or [] if e.get("entity") == "date" and (e.get("end") or 0) <= ends[-1]
            and e.get("role") in (None, "licence") and isinstance(e.get("value"), str)]
    day = partial_date_or_none(told[0].get("value")) if len(told) == 1 else None
    return told[0]["value"] if day is not None and day.earliest() <= today() else None


#: the key of a hypothetical world's latest message that holds the stage day the hypothesis plans: the stage asked
#: about ("et si je le fais le 10 janvier 2027 ?"), not one booked that the next stage would count from (R13)
HYPOTHETICAL_STAGE = "hypothetical_stage_first_day"
# (the world's balance is the one the hypothesis's message states as today's: it counts the retraits told before it)
BALANCE_STATED_TODAY = "balance_stated_today"


def _scale_on_the_day_moved(before: Dict[str, Any], overrides: Dict[str, Any]) -> Dict[str, Any]:
    """The offence's points and class on the day a hypothesis moves it to, when those of the answer were the barème's
    of its day (R4: an excess of 50 km/h or more is a délit since 29/12/2025, a 5th-class contravention before; tester
    T61 c24, "et si ça avait été commis en janvier 2026 ?", got "contravention de 5e classe" again). {} when no day of
    the offence moves, the hypothesis sets the points itself, or they were not the barème's."""
    from actions.forms import offence_scale  # (forms reads this module)
    offence = overrides.get("offence_type") or before.get("offence_type")
    if not offence or not {"offence_date", "fine_payment_date"} & set(overrides) or \
            {"last_offence_points", "offence_class", "offence_type"} & set(overrides):
        return {}
    old = offence_scale(offence, before)
    if not old or any(before.get(slot) != value for slot, value in old.items()):
        return {}  # (points said by the user, or read otherwise: they stay)
    new = offence_scale(offence, {**before, **overrides})
    return new if new and new != old else {}


def _world(tracker: Tracker, overrides: Dict[str, Any]) -> Tracker:
    """The conversation as it stood when the last answer was computed, with the hypothesis's slots."""
    cut = _cut(tracker)
    events = list(tracker.events[:cut])
    asked = next((e for e in reversed(events) if e.get("event") == "user"), {})
    parse = asked.get("parse_data") or {}
    stated = bool(overrides.get(BALANCE_STATED_TODAY))
    overrides = {k: v for k, v in overrides.items() if k != BALANCE_STATED_TODAY}
    before = _slots_of_last_answer(tracker)
    slots = {**before, **overrides, **_scale_on_the_day_moved(before, overrides)}
    from actions.answers import balance_learnt_from_an_answer  # (answers reads this module)
    if {"licence_date", "supervised_driving", "complementary_training", "training_date"} & set(overrides) and \
            "current_balance" not in overrides and balance_learnt_from_an_answer(tracker):
        # the balance the last answer computed from the probation's facts (R5, R6) is not the user's: computed again
        # from the facts supposed (T61 c14: "Son solde de 10 points est possible" beside the 12 of the training)
        slots["current_balance"] = None
    return Tracker(sender_id=tracker.sender_id, slots=slots,
                   latest_message={"text": asked.get("text") or "", "intent": parse.get("intent") or {},
                                   "entities": parse.get("entities") or [],
                                   **({HYPOTHETICAL_STAGE: overrides["stage_first_day"]}
                                      if overrides.get("stage_first_day") else {}),
                                   **({BALANCE_STATED_TODAY: True} if stated else {})},
                   events=events, paused=False, followup_action=None, active_loop={},
                   latest_action_name="action_listen")


def _with_the_answer_said(world: Tracker, tracker: Tracker) -> Tracker:
    """The world of the last answer with that answer said, up to the latest message: the balance a stage starts from
    is the one it left, its retrait made ("il vous reste 4 points"; R1, R2, R12; tester T43 c19 got "votre solde (12)
    est déjà au plafond" for a stage supposed after it)."""
    said = Tracker(sender_id=world.sender_id, slots=world.slots, latest_message=world.latest_message,
                   events=list(tracker.events), paused=False, followup_action=None, active_loop={},
                   latest_action_name="action_listen")
    return said

def _decide(previous: str, world: Tracker, day: date):
    """The decision of the last answer's computation in that world, and its notes."""
    from actions import answers
    facts = answers.Facts(world)
    if previous == "action_answer_probation" and answers.ActionAnswerProbation.answered_by_the_balance(world):
        previous = "action_answer_check_balance"  # (as that answer's run did: T10 c38, "infraction mal décrite")
    if previous == "action_answer_check_balance":
        decision = answers.history_decision(facts, day, assume_full_before=True)
    else:
        action = next(cls for cls in _answer_classes(answers.AnswerAction) if cls().name() == previous)
        decision = action().decide(facts, day)
    return decision, list(dict.fromkeys(facts.notes))


def _answer_classes(base) -> List[type]:
    found = []
    for cls in base.__subclasses__():
        found.append(cls)
        found.extend(_answer_classes(cls))
    return found


def _replay(tracker: Tracker, previous: str, hypothesis: Hypothesis) -> Tuple[Optional[str], List[str]]:
    day = hypothesis.day or today()
    decision, notes = _decide(hypothesis.answer or previous, _world(tracker, hypothesis.slots), day)
    if decision is None:
        return None, []
    text = render(decision)
    if hypothesis.slots and hypothesis.day is None and hypothesis.answer is None and \
            "stage_first_day" not in hypothesis.slots:  # (a stage's answers read its day, whatever their headline)
        real, real_notes = _decide(previous, _world(tracker, {}), day)
        # (the notes too: a stage moved from 15 December to January may keep its headline, "au plafond" with a retrait
        # still to come, and its notes say the day counted; dropped, the hypothesis fell to the form, T5 c59)
        if real is not None and render(real) == text and real_notes == notes:
            return None, []  # the answer does not read that fact (a story's retraits): no hypothesis to tell
    if hypothesis.day is not None:
        text = _on_day(text, day)
    return _led_by(text, hypothesis.lead), notes


def _led_by(text: str, lead: Optional[str]) -> str:
    """The rendered answer with its line that holds `lead` said first (the headline then among the others)."""
    lines = text.split("\n")
    found = next((n for n, line in enumerate(lines) if n and lead and lead in line), None)
    if found is None:
        return text
    first = lines.pop(found)[2:] if lines[found].startswith("- ") else lines.pop(found)
    return "\n".join([first, "- " + lines[0], *lines[1:]])


def _on_day(text: str, day: date) -> str:
    """The answer's own words speak of today: here they speak of the day asked, past or to come."""
    when = format_long_fr(day)
    verb = "était" if day < today() else "sera"
    text = re.sub(r"\best aujourd'hui de ([^.:;(]+?)(?= \(|[.:;])", lambda m: f"{verb} de {m.group(1)} le {when}", text)
    text = re.sub(r"\b[Ss]olde aujourd'hui :", f"Solde au {when} :", text)
    return re.sub(r"\baujourd'hui\b", f"le {when}", text)


# --- an offence to come ----------------------------------------------------------------------------------------

#: the class counted for an offence whose class is not known: the longest full recovery (3 years, R9)
UNKNOWN_CLASS = "c4"
CLASS_ASSUMED = ("Sans la nature de l'infraction, j'ai compté une contravention de 4e classe, dont le délai de "
                 "récupération totale est le plus long (3 ans).")
OUT_OF_TOWN_LIMIT = ("Sur une route nationale ou départementale, hors agglomération, la limite est de 80 km/h (90 km/h là "
                     "où l'autorité l'a relevée, 110 km/h avec deux chaussées séparées par un terre-plein central) "
                     "(article R.413-2 du Code de la route) : au-dessus de 50 km/h, un excès de moins de 20 km/h est "
                     "une contravention de 3e classe, récupérée en 2 ans (article R.413-14 du Code de la route).")
LIMIT_ASSUMED = ("Sans la limite de vitesse, j'ai compté une contravention de 4e classe (limite de 50 km/h ou moins, "
                 "récupération totale en 3 ans) ; au-dessus de 50 km/h, c'est une contravention de 3e classe, "
                 "récupérée en 2 ans.")
SPEEDS_UNKNOWN = ("Sans la limite ni la vitesse, j'ai compté le plus petit retrait d'un excès de vitesse ({points} point, "
                  "contravention de 4e classe pour le délai le plus long) : donnez-les-moi pour le compte exact des "
                  "points ; un excès de moins de 5 km/h n'en retire aucun et ne bloquerait rien.")
FULL_BEFORE = ("Je suis parti de 12 points avant votre première infraction connue : dites-moi la date de votre "
               "permis s'il est récent.")
# (how the hypothesis was counted: none of them turns a yes/no answer, actions.yes_no)
of_no_bearing(DAY_OF_THE_MONTH_NOTE, OFFENCE_TODAY_NOTE, FULL_BEFORE)


def _out_of_town_road_said(tracker: Tracker) -> bool:
    """The hypothesis (the latest message, or the one it refines: "et si c'était en mars plutôt ?") names a road out of
    town without its limit."""
    said = [(tracker.latest_message or {}).get("text") or "", (_last_hypothesis_message(tracker) or {}).get("text") or ""]
    return any(OUT_OF_TOWN_ROAD.search(fold(text)) for text in said)


def _stage_and_offence_answer(tracker: Tracker, previous: str, hypothesis: Hypothesis
                              ) -> Tuple[Optional[str], List[str]]:
    """A stage planned and an offence to come (`_stage_and_offence_to_come`), said in time order from the driver's
    known case: what the stage gives on its day (R12, R13; rules_core's walk of the balance), what the offence
    withdraws on the day its fine is paid (R2, R4; rules_core.offence_hypothesis, the stage counted when it comes
    first), then the balance on the day or month asked."""
    case, notes, done = _known_case(tracker, previous)
    day, stage_day = hypothesis.day or today(), hypothesis.stage_day
    points, klass, label, extra = _offence_to_come_assessed(tracker, hypothesis.offence, day)
    realite = hypothesis.paid or day
    offence = {"commission": day, "realite": realite, "points": int(points or 0), "offence_class": klass}
    view = rules_core.load_params().at(stage_day)
    effective = add_duration(add_duration(stage_day, view.value("stage.length")), view.value("stage.effect_offset"))
    stage_first = effective <= realite
    start: Dict[str, Any] = {}
    if not (case["offences"] and (case.get("licence_date") or case.get("balance_before") is not None)):
        # no story to walk ("il vous reste 4 points" after a retrait told undated): the walk starts from the balance
        # the stage's answer reads on the day of the first event (R1, R12, R18), told just before it
        from actions import answers
        world = _with_the_answer_said(_world(tracker, {}), tracker)
        balance, pending = answers.balance_on_stage_first_day(answers.Facts(world), min(stage_day, day), today())
        if balance is None or pending:
            return None, []
        case = {**case, "offences": [], "balance_before": balance}
        notes = [n for n in notes if n != FULL_BEFORE]
        start = {"balance_before_stage": stage_day} if stage_first else {}
    known = {name: value for name, value in case.items() if value is not None and name != "offences"}

    def walked(on: date):
        """The balance walked to that day, with what of the hypothesis has happened by then (R1, R2, R8–R13)."""
        offences = list(case["offences"]) + ([{**offence, "realite": realite if realite <= on else None}]
                                             if day <= on else [])
        return rules_core.automatic_recovery(offences=offences, today=on,
                                             stages=[s for s in (*done, stage_day) if s <= on], **known, **start)

    stage_reason = next((r for r in walked(max(effective, realite)).reasons if r.code.startswith("balance.stage_")
                         and (r.data.get("days") or (None,))[0] == stage_day), None)
    if stage_reason is None:
        return None, []  # (no balance to walk: the case has no start, the stage's own answer says what it can)
    stage_line = render_reason(replace(stage_reason, data={**stage_reason.data, "past": False}))
    for past, future in _STAGE_PAST_TO_FUTURE:
        stage_line = stage_line.replace(past, future)
    if start:  # (the walk started from the balance before the stage: the offence's, from the balance after it)
        case = {**case, "balance_before": stage_reason.data["new_balance"]}
    decision = rules_core.offence_hypothesis(
        hypothetical=offence, today=today(), label_fr=label,
        stages=[s for s in (*done, stage_day) if s <= realite] if stage_first and not start else list(done), **case)
    rendered = render(decision).splitlines()
    reserves = [line for line in rendered if line.startswith(_RESERVE)]
    offence_lines = [line for line in rendered if not line.startswith(_RESERVE)]
    lines = [stage_line, *offence_lines] if stage_first else [*offence_lines, stage_line]
    if hypothesis.asked is not None:
        first, last = hypothesis.asked
        on_first, on_last = (walked(max(when, today())).results.get("balance") for when in (first, last))
        if isinstance(on_first, int) and isinstance(on_last, int):
            if first == last or on_first == on_last:
                period = f"au {format_long_fr(first)}" if first == last else \
                    f"en {format_long_fr(first).split(' ', 1)[1]}"
                lines.append(f"Solde {period} : {on_first} point{'s' if on_first > 1 else ''}.")
            else:
                lines.append(f"Solde au {format_long_fr(first)} : {on_first} point{'s' if on_first > 1 else ''} ; au "
                             f"{format_long_fr(last)} : {on_last} point{'s' if on_last > 1 else ''}.")
    lines += reserves
    stage_event = f"vous faites un stage commençant le {format_long_fr(stage_day)}"
    offence_event = f"commettez une infraction le {format_long_fr(day)}"
    intro = (f"Si {stage_event}, puis {offence_event}, alors :" if stage_first else
             f"Si vous {offence_event}, puis {stage_event[5:]}, alors :")
    return intro + "\n" + "\n".join(lines), [*extra, *[n for n in notes if n != FULL_BEFORE], *(
        [FULL_BEFORE] if FULL_BEFORE in notes else [])]


# the caveats of a rendered answer, said after its lines
_RESERVE = "Réponse sous réserve de"
# the stage's reasons of a walk say a stage done; one planned is said in the conditional (R12, R13)
_STAGE_PAST_TO_FUTURE = (("ne vous a rendu aucun point : votre solde était déjà",
                          "ne vous rendrait aucun point : votre solde serait déjà"),
                         ("n'a rendu aucun point : il a commencé", "ne rendrait aucun point : il commencerait"))


def _known_case(tracker: Tracker, previous: str) -> Tuple[Dict[str, Any], List[str], List[date]]:
    """The driver's known case as the last answer computed it (their offences, licence, the balance before the first
    one), with its notes, and the stages done it counted."""
    world = _world(tracker, {})
    stages: List[date] = []
    notes: List[str] = []
    case: Dict[str, Any] = {}
    if previous == "action_answer_offence_points" and world.get_slot("fine_payment_date") not in (None, NOT_PAID) \
            and world.get_slot("last_offence_points"):
        previous = "action_answer_auto_recovery"  # the user's own offence, paid: their case (R8, R9)
    elif previous == "action_answer_offence_points" and world.get_slot("licence_date") and \
            any(e.get("event") == "action" and e.get("name") == "action_answer_probation" for e in world.events):
        # an offence's card after the probation's answer ("et si je me fais flasher le 5 janvier, 15 km/h de trop ?"):
        # the case is still the probation's, its training counted (R6; tester T56 c20 got 6 points and no training)
        previous = "action_answer_probation"
    if previous in ("action_answer_points_after_stage", "action_answer_stage_eligibility") \
            and world.get_slot("stage_first_day") is None and world.get_slot("licence_date"):
        # "et quand j'aurai 12 ?" answered in context after a probation answer, no stage told: the case is the
        # probation's (R5, R7); that answer's own computation needs a stage and would fail (tester T3 c08: silence)
        previous = "action_answer_probation"
    if previous != "action_answer_offence_points":
        try:
            decision, notes = _decide(previous, world, today())
        except rules_core.InconsistentFacts:
            decision = None  # (the case lacks a fact of its own: the offence supposed is answered alone; T58 c23)
        if decision is not None and decision.question in ("recovery", "probation"):
            case = {name: decision.facts.get(name) for name in ("offences", "licence_date", "aac", "training_date",
                                                                 "relicensed", "balance_before")}
            case["offences"] = list(case["offences"] or [])
            stages = list(decision.facts.get("stages") or [])
    if not case:
        from actions import answers
        facts = answers.Facts(world)
        case = {"offences": [], "licence_date": facts.licence_date, "aac": facts.aac, "relicensed": facts.relicensed}
    if case.get("licence_date") is None and case.get("balance_before") is None and case["offences"]:
        case["balance_before"] = 12
        notes.append(FULL_BEFORE)
    return case, notes, stages


def _offence_answer(tracker: Tracker, previous: str, hypothesis: Hypothesis) -> Tuple[Optional[str], List[str]]:
    """The driver's known case, and what the offence to come would change in it (rules_core.offence_hypothesis)."""
    from actions.forms import probation_said
    day = hypothesis.day or today()
    case, notes, _ = _known_case(tracker, previous)
    wanted = hypothesis.offence
    if wanted.get("several"):
        return _several_offences_answer(tracker, wanted["several"], day, case, notes, hypothesis.paid)
    points, klass, label, extra = _offence_to_come_assessed(tracker, wanted, day)
    decision = rules_core.offence_hypothesis(
        hypothetical={"commission": day, "realite": hypothesis.paid, "points": int(points or 0),
                      "offence_class": klass}, today=today(),
        label_fr=label,
        **{name: value for name, value in case.items() if value is not None})
    text = _with_verdict(tracker, decision)
    return _said_in_the_past(text, decision) if hypothesis.past else text, [
        *extra, *[n for n in notes if n != FULL_BEFORE], *([FULL_BEFORE] if FULL_BEFORE in notes else [])]


# the headline of an offence hypothesis (rules_core wording "what_if.offence"): its condition, and its balance
_SUPPOSED_IF = re.compile(r"^Si vous commettiez le ")
_BALANCE_WOULD_GO = re.compile(r", alors votre solde passerait (?:de \d+ points? )?à \d+ points? (?:ce jour-là|le [^(]+?)"
                               r"(?= \(article|\.$)", re.M)


def _said_in_the_past(text: str, decision) -> str:
    """An offence supposed in the past ("et si j'avais été flashé en juin ?"), said so: what it would have made of
    today's balance, against the balance without it (R1, R2, R8, R9), its dates as the engine gives them."""
    results = decision.results
    text = _SUPPOSED_IF.sub("Si vous aviez commis le ", text, count=1)
    if results.get("balance") is not None and results.get("balance_without") is not None:
        text = _BALANCE_WOULD_GO.sub(
            f", votre solde serait aujourd'hui de {results['balance']} point{'s' if results['balance'] > 1 else ''} au "
            f"lieu de {results['balance_without']} point{'s' if results['balance_without'] > 1 else ''}", text, count=1)
    return text.replace("Le délai de récupération totale repartirait du ", "Le délai de récupération totale serait "
                                                                          "reparti du ")


def _offence_to_come_assessed(tracker: Tracker, wanted: Dict[str, Any], day: date
                              ) -> Tuple[Optional[int], str, Optional[str], List[str]]:
    """The points, class and label of a single offence to come on its day (R4), with the notes on what was assumed
    (the speeds, the limit, the class)."""
    from actions.forms import probation_said
    points, klass, label = wanted["points"], UNKNOWN_CLASS, None
    extra: List[str] = []
    # "si je me fais flasher pour 2 points": the points said, without the speeds an excess's class needs (R4)
    speeds_unknown = wanted["offence_type"] == "speeding" and not (wanted["excess"] or wanted["measured"])
    if speeds_unknown and not points:
        # "et s'il se fait flasher le 5 décembre, il le perd ce point ?": whatever its speeds, an excess that costs a
        # point stops a return within its 6 months (R8); counted at the fewest points an excess costs, which the
        # speeds would say (R4). T33 c14 got "Impossible de répondre : il faut la limite et la vitesse"
        bands = rules_core.load_params().at(day).value("speeding.scale")
        points = min(band["points"] for band in bands if band["points"] > 0)
        extra.append(SPEEDS_UNKNOWN.format(points=points))
    if wanted["offence_type"] is not None and not (speeds_unknown and points):
        assessed = rules_core.offence_points(
            offence=wanted["offence_type"], commission=day, today=day, speed_limit_kmh=wanted["limit"],
            recorded_speed_kmh=wanted["measured"], excess_kmh=None if wanted["measured"] else wanted["excess"],
            probationary=bool(probation_said(tracker)) or None)
        points, klass = assessed.results["points"], assessed.results["offence_class"]
        label = assessed.results.get("label_fr")
        readings = speed_readings(assessed) if wanted["measured"] is not None and \
            not says_retained_speed(_raw_text(tracker)) else None
        if readings and not any(readings in (event.get("text") or "") for event in tracker.events
                                if event.get("event") == "bot"):
            # "et s'il se fait flasher aujourd'hui à 130 sur l'autoroute à 110 ?": the speed read as the one kept, and
            # what the radar's margin gives if it is the one measured (R4 edge case; T36 c18: 2 points or 1), once
            extra.append(readings)
        if assessed.results.get("by_limit") and wanted["limit"] is None:
            # "sur nationale": out of town, above 50 km/h whatever its limit (R.413-2); else the longest delay
            side = "above" if _out_of_town_road_said(tracker) else "at_or_below"
            klass = assessed.results["by_limit"][side]["offence_class"]
            extra.append(OUT_OF_TOWN_LIMIT if side == "above" else LIMIT_ASSUMED)
        klass = klass or UNKNOWN_CLASS
    elif not speeds_unknown or not extra:
        extra.append(CLASS_ASSUMED)
    if wanted["offence_type"] is not None and not points:
        extra = []  # (no point, no delay: the class the recovery would take does not matter, R4, R9)
    return points, klass, label, extra


def speed_readings(decision) -> Optional[str]:
    """A speed told read as the one kept after the radar's margin (the avis's), and what the same figure read as the
    speed the radar measured gives, from an excess's decision (rules_core.offence_points; R4 edge case, arrêté du 4
    juin 2009): "Nous avons lu 130 km/h comme la vitesse retenue … Si 130 km/h est la vitesse mesurée …, retrait de 1
    point." None when both readings give the same points."""
    kept = next((r for r in decision.reasons if r.code == "speeding.kept_speed"), None)
    other = next((r for r in decision.reasons if r.code == "speeding.if_measured"), None)
    if kept is None or other is None:
        return None
    return f"{TEMPLATES[kept.code](dict(kept.data))} {render_reason(other)}"


# the end of the probation asked about: "toujours libéré de la période probatoire le 20 janvier ?", "je sors du
# probatoire à la même date ?" (folded)
_PROBATION_END_ASKED = re.compile(r"\b(?:libere\w*|sor[st]\w*|sortir|fin(?:i|ie|it)?|termin\w*)\b.*\b(?:probatoire|proba)\b"
                                  r"|\b(?:probatoire|proba)\b.*\b(?:libere\w*|fin(?:i|ie|it)?|termin\w*)\b")
# (what a yes/no question about an offence to come asks: whether it costs points, or whether it stops a return)
_COSTS = re.compile(r"\b(?:perd\w*|retir\w*|enlev\w*|cout\w*)\b")


def _with_verdict(tracker: Tracker, decision) -> str:
    """The offence hypothesis rendered, led by "Oui" or "Non" when the question is a yes/no one on what the offence
    does: costs points (the headline), or stops a point's return or moves the full recovery (R8, R9: only an
    infraction with a retrait does; T12 c07 "un flash de 3 km/h en janvier, ça bloque ?")."""
    text = render(decision)
    question = (tracker.latest_message or {}).get("text")
    by_code = {r.code: r for r in decision.reasons}
    if asks_yes_or_no(question) and _PROBATION_END_ASKED.search(asked_question(question) or "") and \
            "what_if.training_lost" in by_code:
        # "je serais toujours libéré de la période probatoire le 20 janvier 2027 ?": no, the training's reduction
        # would be lost (R6; tester T56 c20)
        return verdict_first(text, False, render_reason(by_code["what_if.training_lost"]))
    if not asks_yes_or_no(question) or not EFFECT_ASKED.search(asked_question(question) or ""):
        return text
    points = decision.reasons[0].data.get("points")
    if _COSTS.search(asked_question(question) or ""):
        return verdict_first(text, bool(points))
    if "what_if.nothing_stopped" in by_code:
        return verdict_first(text, False, render_reason(by_code["what_if.nothing_stopped"]))
    if "what_if.single_point_lost" in by_code:
        return verdict_first(text, True, render_reason(by_code["what_if.single_point_lost"]))
    moved = by_code.get("what_if.full_recovery")
    if moved is not None and moved.data.get("before") is not None and moved.data.get("before") != moved.data["date"]:
        return verdict_first(text, True, render_reason(moved))
    return text


def _several_offences_answer(tracker: Tracker, offences: List[Dict[str, Any]], day: date, case: Dict[str, Any],
                             notes: List[str], paid: Optional[date] = None) -> Tuple[Optional[str], List[str]]:
    """Several offences to come in one hypothesis: found at one check ("si on m'arrête avec le tel, sans ceinture et
    à 35 de trop en même temps"), their retraits add up, capped at 8 (R3 example 1); told as separate events, they
    add up without the cap (R3 example 4). Then what that total would change in the driver's case."""
    from actions.forms import probation_said
    from actions.offence_history import ONE_CHECK, SEPARATE_CHECKS
    from rules_core.model import OFFENCE_CLASSES
    said = _text(tracker)
    probationary = bool(probation_said(tracker)) or None
    if SEPARATE_CHECKS.search(said) and not ONE_CHECK.search(said):
        counted = rules_core.separate_offences(offences=[{**o, "commission": day} for o in offences], today=day)
    else:  # (one arrest, one hypothesis: found together unless told apart)
        counted = rules_core.simultaneous_offences(offences=offences, commission=day, today=day,
                                                   probationary=probationary)
    rows = counted.results["offences"]
    classes = [row["offence_class"] or (row.get("by_limit") or {}).get("at_or_below", {}).get("offence_class")
               for row in rows if row["points"]]
    klass = max((c for c in classes if c), key=OFFENCE_CLASSES.index, default=UNKNOWN_CLASS)
    decision = rules_core.offence_hypothesis(
        hypothetical={"commission": day, "realite": paid, "points": counted.results["points"], "offence_class": klass},
        today=today(), each_points=[row["points"] for row in rows],
        **{name: value for name, value in case.items() if value is not None})
    # (each offence's points and their total first: the question; then what it would change)
    return render(counted).splitlines()[0] + "\n" + render(decision), [
        *[n for n in notes if n != FULL_BEFORE], *([FULL_BEFORE] if FULL_BEFORE in notes else [])]




# --- the balance asked after a hypothesis on an offence -------------------------------------------------------------

# "j'aurais combien de points après ?", "il me resterait combien après ?": the balance after what was just supposed
_AFTER_IT = re.compile(r"\bapres\b")
_ASKS_A_BALANCE = re.compile(r"\bcombien\b|\brest\w*\b|\bsolde\b")


def hypothesis_offence_asked_after(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The offence of the hypothesis answered just before the message that asks the balance "après" it (that message
    the latest, or the one that opened the form still collecting the licence's facts, no answer given since): its
    type, its blood alcohol level if said and whether the probation was named with it ("et si je suis jeune permis
    avec 0,3 g ?" then "j'ai eu le permis en juin 2025, j'aurais combien de points après ?", T21 c21: the balance
    after that offence, not today's without it). None otherwise."""
    events = tracker.events
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    for position in range(len(users) - 1, 0, -1):
        start, before = users[position], users[position - 1]
        if any(event.get("event") == "action" and str(event.get("name") or "").startswith("action_answer_")
               for event in events[start:]):
            return None
        text = fold(events[start].get("text") or "")
        if not (_AFTER_IT.search(text) and _ASKS_A_BALANCE.search(text)):
            continue
        if not any(event.get("event") == "bot" and answers_a_hypothesis(event.get("text"))
                   for event in events[before:start]) or _offence_said(_event_entities(events[start])):
            return None
        supposed = events[before]
        said = supposed.get("text") or ""
        offence = next((e.get("value") for index in reversed(users[:position])
                        for e in _event_entities(events[index]) if e.get("entity") == "offence_type"), None)
        if offence is None:
            return None
        return {"offence_type": offence, "level": blood_alcohol_level(said, today()),
                "probationary": bool(_PROBATION_NAMED.search(fold(said))) or None}
    return None


def balance_after_the_hypothesis_answer(tracker: Tracker) -> Optional[str]:
    """The balance after the offence of the hypothesis answered just before (`hypothesis_offence_asked_after`),
    committed today on the licence told, counted without any other offence, which is said (R1, R4, R5, R7, R15);
    None when that is not the question or the licence's date is not known."""
    supposed = hypothesis_offence_asked_after(tracker)
    if supposed is None:
        return None
    from actions import answers  # (answers reads this module)
    facts = answers.Facts(tracker)
    if facts.licence_date is None:
        return None
    day = today()
    assessed = rules_core.offence_points(offence=supposed["offence_type"], commission=day, today=day,
                                         probationary=supposed["probationary"], blood_alcohol_g_l=supposed["level"])
    points = assessed.results.get("points")
    if not points:
        return None
    training = facts.day("training_date", "latest") if tracker.get_slot("complementary_training") else None
    decision = rules_core.offence_hypothesis(
        hypothetical={"commission": day, "realite": None, "points": int(points),
                      "offence_class": assessed.results.get("offence_class") or UNKNOWN_CLASS},
        today=day, label_fr=assessed.results.get("label_fr"), licence_date=facts.licence_date, aac=bool(facts.aac),
        training_date=training, relicensed=facts.relicensed)
    notes = [*facts.notes, NO_OTHER_OFFENCE_COUNTED, HYPOTHESIS_NOTE]
    return "\n\n".join([render(decision), "\n".join(dict.fromkeys(notes))])


NO_OTHER_OFFENCE_COUNTED = "J'ai compté que vous n'avez commis aucune autre infraction depuis l'obtention de votre permis."

def stage_after_the_hypothesis_answer(tracker: Tracker) -> Optional[str]:
    """"et avec le stage obligatoire derrière, je remonte à 8 ou à 10 ?" right after the answer to an offence supposed
    ("et si demain je grille un feu rouge … ?"), the message naming no offence of its own: the stage counted after that
    offence, from the balance it would leave and within the ceiling it would freeze (R7, R12; the 48N's stage gives its
    points as a voluntary one, R15). T57 c28 got "Aucun point à gagner : votre solde (8) est déjà au plafond", the
    hypothesis dropped. None otherwise (the licence's case not known, no such answer just before)."""
    if not _STAGE_WORD.search(_text(tracker)) or _offence_said(_entities(tracker)) is not None:
        return None
    events = tracker.events
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if len(users) < 2 or not any(event.get("event") == "bot" and answers_a_hypothesis(event.get("text"))
                                 for event in events[users[-2]:users[-1]]):
        return None
    supposed = events[users[-2]]
    entities = _event_entities(supposed)
    wanted = _offence_said(entities)
    previous = _previous_answer(tracker) or tracker.get_slot("last_question")
    if wanted is None or wanted.get("several") or wanted.get("offence_type") is None or previous not in _CASE_ANSWERS:
        return None
    day, _ = _day_to_come(entities, fold(supposed.get("text") or ""))
    points, klass, label, _ = _offence_to_come_assessed(tracker, wanted, day)
    case, notes, _ = _known_case(tracker, previous)
    if not points or case.get("licence_date") is None:
        return None
    decision = rules_core.offence_hypothesis(
        hypothetical={"commission": day, "realite": None, "points": int(points), "offence_class": klass},
        today=today(), label_fr=label, **{name: value for name, value in case.items() if value is not None})
    balance = decision.results.get("balance")
    if balance is None or decision.results.get("invalidation_ahead"):
        return None
    from actions import answers  # (answers reads this module)
    licence, aac, again = case["licence_date"], bool(case.get("aac")), bool(case.get("relicensed"))
    after = day + relativedelta(days=1)
    ceiling = answers.ceiling_with(licence, aac, after, day, again)
    unfrozen = answers.ceiling_with(licence, aac, after + relativedelta(years=1), None, again)
    gain = min(rules_core.load_params().at(day).value("stage.max_gain"), max(ceiling - balance, 0))
    compulsory = ", comme le stage obligatoire de la lettre 48N," if decision.results.get("letter_48n") else ""
    lines = [f"Avec l'infraction supposée le {format_long_fr(day)} ({points} point{'s' if points > 1 else ''} "
             f"retiré{'s' if points > 1 else ''}), votre solde tomberait à {balance} point{'s' if balance > 1 else ''} ; "
             f"un stage fait après ce retrait{compulsory} vous rendrait {gain} point{'s' if gain > 1 else ''}, dans la "
             f"limite de votre plafond de {ceiling} points : vous remonteriez à {balance + gain} points (article "
             "L.223-6 du Code de la route)."]
    if unfrozen > ceiling:
        lines.append(f"- Votre plafond ne monterait pas à {unfrozen} points : l'infraction arrêterait les majorations "
                     f"annuelles, et il resterait à {ceiling} points jusqu'à la fin de la période probatoire (article "
                     "L.223-1 du Code de la route).")
    return "\n".join(lines) + "\n\n" + "\n".join(dict.fromkeys([*notes, HYPOTHESIS_NOTE]))
