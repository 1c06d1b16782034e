"""Form validation: one `validate_<slot>` per slot, shared by every form that asks for it.

Each validator accepts the value, or returns `{slot: None}` with a French re-ask; the form
then asks the question again. The forms only ask for facts their question needs and that
are still unknown (`required_slots`).
"""
from __future__ import annotations

import abc
import re
from datetime import date, timedelta
from typing import Any, Dict, Iterable, List, Optional, Text, Tuple

from dateutil.relativedelta import relativedelta
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import slot_values
from actions.letter_48n_due import letter_48n_due_answer
from actions.follow_ups import (
    ASKS_DEADLINE, ASKS_IN_TIME, ASKS_REFUND_REQUEST_WHEN, ASKS_REFUND_STEPS, OFFENCE_WORDS, SEVERAL, STAGE_DENIED, TODAY_SAID, answer_in_context,
    asks_about_a_day_of_the_answer, balance_shown_above_maximum, letter_48n_said,
    offence_told as offence_told_in_conversation, previous_answer as answer_before,
)
from actions.mid_form import (
    cancels_the_question, negative_balance_to_the_balance_question, only_an_impossible_balance_asked, says_goodbye,
    topic_ended, what_the_question_names, only_what_it_is_asked, notion_asked_by_name, no_to_the_yes_before,
    HELD_HYPOTHESIS, OFF_TOPIC_YES_NO_REPLY, REFINED_HYPOTHESIS, holds_hypothesis, hypothesis_day, message_slots,
    ANSWERED_AFTER, letters_asked, refused_in_a_question, reply_to_question_mid_form, yes_no_read_off_topic, yes_or_no_opening,
    only_where_to_check_asked,
)
from actions.informational import (
    ASKS_WHAT_IT_IS, COMPULSORY_STAGE_IN_BRIEF, HOW_TO_CHECK_BALANCE, INFORMATIONAL_ANSWERS, RULE_IN_BRIEF,
    STAGE_KINDS, STAGE_KINDS_ASKED, TAXES, WHERE_TO_FIND_FACT, am_licence_only, court_stage_kind,
    most_points_at_once_answer, rule_in_brief, stage_on_a_negative_balance, taxes_asked,
    STAGE_POINTS_IN_GENERAL, stage_points_asked_in_general,
)
from actions.offence_history import (BALANCE_BEFORE, SAME_CHECK, balance_today_from_before, invalidation_told,
                                     own_offences_points, retraits_in_message, told_retraits)
from actions.retrait_timing import (
    NOT_PAID_NOTED, asks_when_withdrawn, class_said, fine_not_paid, not_paid_said, payment_planned,
    payment_planned_said,
)
from actions.licence_to_come import licence_to_come, new_category_of_a_held_licence
from actions.slot_values import CORRECTION, NO_PREVIOUS_STAGE, NOT_PAID, InvalidAnswer
from actions.stage_timing import (ANOTHER_STAGE_TOLD, ASKS_WHAT_A_STAGE_GAVE, stage_too_early_after,
                                   stage_told_within_the_year)
from actions.third_person import another_person_named, said_of_the_subject, speaking_of_the_subject
from actions.what_if import hypothesis_offence_asked_after, hypothetical_message, is_hypothesis, restored_facts
from bot.nlu.fact_parsing import OUT_OF_TOWN_ROAD, fold, says_retained_speed
from bot.nlu.question_focus import question_sentence
from bot.nlu.question_words import asked_sentence, asks_which_letter_comes
from bot.reference_date import today
from rules_core.capital import probation_plan, probation_status
from rules_core.dates import MONTHS_FR, add, format_long_fr
from rules_core.errors import InconsistentFacts
from rules_core.letters import LETTERS, letter_meaning
from rules_core.offences import (CLASS_ORDER, OFFENCE_TYPES, class_of_fine, class_of_points, offence_points,
                                 speeding_class_of_points)
from rules_core.wording_fr import render, render_reason
from rules_core.params import load_params
from rules_core.stage import next_point_stage

# Intents that leave the form to the rules (cancel, another question, goodbye):
# the form rejects the turn so that the policy can act.
# The form of each computed question.
FORM_OF_QUESTION = {
    "ask_letter": "letter_form", "ask_points_after_stage": "points_after_stage_form",
    "ask_stage_eligibility": "stage_eligibility_form", "ask_refund_48n": "refund_48n_form",
    "ask_mandatory_stage": "mandatory_stage_form", "ask_auto_recovery": "auto_recovery_form",
    "ask_probation": "probation_form", "ask_offence_points": "offence_points_form",
}
# ("merci" while a question is pending is politeness, often after a side answer: the question goes on; "stop"
# or "au revoir" leaves it)
LEAVE_FORM_INTENTS = {"stop", "goodbye"} | set(FORM_OF_QUESTION)
# The forms whose question a prosecutor's or a judge's stage answers by itself (R11, see court_stage_answer)
COURT_STAGE_FORMS = ("points_after_stage_form", "stage_eligibility_form", "offence_points_form")
LETTER_CODES = LETTERS  # R19: 48, 48M, 48N, 48SI, and 46, 46B, 46D, 47 (points given back)
OFFENCE_CLASSES = ("c1", "c2", "c3", "c4", "c5", "delit")
SPEED_LIMITS_KMH = (20, 30, 40, 45, 50, 60, 70, 80, 90, 100, 110, 130)
# The heaviest single event: 8 points (simultaneous offences), 9 for alcohol + drugs (R3).
MAX_POINTS_ONE_EVENT = 9
PROBATION_YEARS_AT_MOST = 3
DATE_SLOTS = ("licence_date", "training_date", "stage_first_day", "previous_stage_date", "letter_48n_date",
              "fine_payment_date", "offence_date")
# The day of a month to count from when the user does not know it, and why it is the safe one.
SAFE_END_OF_MONTH = {
    "letter_48n_date": ("earliest", "le délai de 4 mois pour le stage est alors le plus court"),
    "fine_payment_date": ("latest", "vos points ne reviendront pas plus tôt"),
    "previous_stage_date": ("latest", "un nouveau stage ne rendra pas de points plus tôt"),
}
# Facts that say an offence was committed ("flashé à 62 au lieu de 50", "perdu 3 points", "feu rouge").
#: the questions whose slot mapping reads the stage's date of their message (domain.yml, stage_first_day)
STAGE_QUESTION_INTENTS = ("ask_points_after_stage", "ask_refund_48n", "ask_mandatory_stage")
OFFENCE_SLOTS = ("offence_type", "speed_excess", "speed_measured", "last_offence_points")


LICENCE_DATE_UNKNOWN_REPLY = "D'accord, je fais le calcul sans la date de votre permis."
#: the payment's day not known, asked twice, the offence's day known: the payment came that day or after (R2, R9)
PAYMENT_DATE_UNKNOWN_REPLY = ("Pas de souci : je compte à partir du jour de l'infraction, le {day}. L'amende a été "
                              "payée ce jour-là ou après : les dates ci-dessous sont donc les plus tôt possibles, vos "
                              "points ne reviendront pas avant.")


def reads_as_correction(text: str) -> bool:
    """"non en fait…", "c'était le…": a message correcting what was said before."""
    return bool(CORRECTION.search(fold(text or "")))


# "je l'ai reçue le…", "signé le…": the date of a letter, not of a stage
# "non", "nan", "non jamais", "aucun": a plain no opening the message (not "non en fait…", which corrects)
_PLAIN_NO = re.compile(r"^\W*(?:non|nan|nope|jamais|aucun|pas du tout)\b(?!\s*(?:,\s*)?(?:en fait|pardon|attend|c'?etait"
                       r"|plutot|je me suis trompe))")
#: the slots a plain "non" answers, and the value it gives
_NO_ANSWERS = {"previous_stage_date": False, "supervised_driving": False, "complementary_training": False}
# "je sais pas encore", "pas réservé", "aucune idée", "pas de date": the stage's day not known yet
_DAY_NOT_KNOWN = re.compile(r"\b(?:sais pas|sait pas|ne sais|aucune idee|pas (?:encore )?(?:reserve|inscrit|choisi|fixe|de date)"
                            r"|oubli\w*|laiss\w* tomber|finalement pas|garde pas|retiens pas|hesit\w*"
                            r"|pas encore de date|je verrai|on verra|n'importe quand)\b")
# "je l'ai pas encore fait", "pas encore", "il n'est pas encore passé": the stage asked about is still to take
_STAGE_NOT_DONE_YET = re.compile(r"\bpas (?:encore )?(?:fait|faite|fais|passe|suivi|effectue|commence)\b|\bpas encore\b"
                                 r"|\bpas (?:encore )?(?:trouve|choisi)\b")
STAGE_DAY_NOT_NEEDED_REPLY = "Pas de souci : la date de réception de la lettre suffit pour vous donner la date limite."
# "puis un autre", "et un deuxième", "un second": another stage after the first
# a month awaiting its day dropped: "oublie mars", "non finalement pas en mars", "je ne garde pas l'hypothèse de mars",
# "laisse tomber janvier" (T12 c03: "Quel jour de mars 2027 ?" asked after the user had left March)
_DROPPED = (r"\b(?:oubli\w*|laiss\w*\s+tomber|annul\w*|abandonn\w*|(?:ne\s+)?(?:garde|retiens|retient|garder|retenir"
            r"|prends|prend)\s+pas|supprim\w*|efface\w*|finalement\s+pas|non\s+pas|pas|plus)"
            r"(?:[\s']+(?:l|la|le|cette|ce|d|de|du|en|mois|hypothese|date|idee|option|pour|finalement|avec))*[\s']+")
# two days or months offered for one fact: "il hésite entre janvier ou mars", "en janvier ou en mars", "soit le 5 soit
# le 12" (T12 c03: the last one was kept as the stage's month, then its day asked)
_ALTERNATIVE = re.compile(r"^\s*,?\s*(?:ou(?:\s+bien)?|soit|voire|sinon)\s+(?:en\s+|le\s+|au\s+|debut\s+|fin\s+)?$")
_TWO_STAGES = re.compile(r"\b(?:un autre|une autre|un deuxieme|un 2e|un 2eme|un second|encore un|deux stages|2 stages"
                         r"|re-?faire un|en refaire un|en refais un)\b")
_STAGE_WORD = re.compile(r"\bstages?\b")
_LICENCE_WORD = re.compile(r"\b(?:permis|licence|obtenu|eu le|aac|conduite accompagnee)\b")
# "mon dernier stage", "le stage précédent": the one done, whatever the rest of the message says
_LAST_STAGE = re.compile(r"\b(?:derniers?|dernieres?|precedents?|precedentes?)\s+stages?\b|\bstages?\s+precedents?\b")
_SAID_RECEIVED = re.compile(r"\b(?:recu|recue|recus|recues|recois|signe|signee|arrive|arrivee)\b")
# "je l'ai pas encore payée" to the payment question: no retrait yet, no clock running (R2); the fact is kept
# (NOT_PAID) and the answer says what follows, rather than asking the date again and again
# ("rien payé, c'était avant-hier !": nothing paid, the day is the offence's; T32 c24 read it as the payment's)
_NOT_PAID_YET = re.compile(r"\b(?:pas|jamais|rien)\s+(?:encore\s+)?(?:paye|payee|regle|reglee)\b|\bpas encore\b"
                           r"|^\W*(?:non|nan|toujours pas|pas payee?)\W*$")
# "pas encore payée", "impayée": the fine denied paid, whatever day the message says besides
_PAYMENT_DENIED = re.compile(r"\b(?:pas|jamais|toujours pas|rien)\s+(?:encore\s+)?(?:ete\s+)?(?:paye|payee|regle|reglee)\b"
                             r"|\b(?:impayee?|non payee?)\b")
NOT_PAID_YET_REPLY = f"C'est noté : {NOT_PAID_NOTED}."  # (the answer that follows does not say it again)
# "Je ne sais pas" to the fine's amount: where to find it, and the longest delay counted meanwhile (R9).
CLASS_UNKNOWN_REPLY = (
    "Pas de souci : sans le montant de l'amende, je compte le délai le plus long, celui d'une contravention de "
    "4e classe ou d'un délit (3 ans sans nouvelle infraction pour tout récupérer). Le montant figure sur l'avis "
    "de contravention : donnez-le-moi plus tard si vous le retrouvez."
)
#: the facts a later message may correct in the middle of a form ("en fait il me reste 6 pts")
CORRECTABLE_SLOTS = ("licence_date", "current_balance", "stage_first_day", "previous_stage_date", "letter_48n_date",
                     "fine_payment_date", "offence_date", "last_offence_points", "training_date")
#: a fact said again in another form is no correction ("jamais fait de stage" is False, then NO_PREVIOUS_STAGE)
_SAME_AS = {NO_PREVIOUS_STAGE: (False,)}
#: the dates that can only be past: a date to come given to one of them is a stage's (see _stage_to_come)
PAST_DATE_SLOTS = ("licence_date", "training_date", "letter_48n_date", "fine_payment_date", "offence_date")
#: the facts of one licence holder: none of them is another's ("et mon fils ?" after the daughter's answer, T27 c34)
LICENCE_HOLDER_SLOTS = ("licence_date", "supervised_driving", "complementary_training", "training_date",
                        "current_balance", "balance_unknown", "date_awaiting_precision", "stage_first_day",
                        "previous_stage_date", "letter_48n_date", "fine_payment_date", "offence_date",
                        "probation_offence", "last_offence_points", "offence_class", "offence_type",
                        "licence_handed_back_date", "other_offences", "speed_limit", "speed_excess", "speed_measured",
                        "letter_code", "licence_status", "probationary", "probation_year")
# What the form asks about the offence once the user says there was one (R7: its date freezes the
# ceiling; its points and class, and the payment, give the balance and the recovery dates).
OFFENCE_DETAIL_SLOTS = ("offence_date", "last_offence_points", "offence_class", "fine_payment_date")


def message_values(tracker: Tracker, entity: str) -> List[Any]:
    """The values of one entity in the latest message, in order."""
    return [e.get("value") for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == entity]


def told_retraits_in_latest_message(tracker: Tracker) -> list:
    """The retraits of the latest message told each with its own date: separate offences, not one check (R3)."""
    latest = tracker.latest_message or {}
    return retraits_in_message(latest.get("entities", []), latest.get("text") or "")


def class_by_road(scale: Dict[str, Any], out_of_town: bool) -> Optional[str]:
    """The class of an offence's scale (rules_core.offence_points results); for an excess under 20 km/h whose limit is
    not known, said on a road out of town ("sur une nationale", "hors agglomération"), the class above 50 km/h: any
    such road is limited above it (R.413-2), so the 3e classe (R.413-14, R4). None when the limit is still needed."""
    by_limit = scale.get("by_limit")
    if scale.get("offence_class") is None and by_limit and out_of_town:
        return by_limit["above"]["offence_class"]
    return scale.get("offence_class")


#: how an answer asks the day of the offence told without it (actions.answers, the probation's ceiling, R7)
OFFENCE_DAY_ASKED = "dites-moi sa date pour un calcul exact."


# "c'était le 20 novembre", "c'est arrivé le 3 mars", "ça s'est passé en octobre" (ending where the date starts): the
# day of what the conversation is about
_WHEN_IT_WAS = re.compile(r"\b(?:c'?\s?etait|c'?\s?est arrive|c'?\s?etait arrive|ca s'?\s?est passe|ca date du|ca date de)"
                          r"\s*(?:le|en|du|au mois de|vers le)?\s*$")


def offence_day_said_as_its_own(tracker: Tracker) -> bool:
    """The one date without a role of the latest message is said as "c'était le…" while the conversation holds an
    offence whose day is not known: that offence's day (past, not before the licence)."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    dates = [e for e in message.get("entities") or [] if e.get("entity") == "date" and not e.get("role")]
    if len(dates) != 1 or tracker.get_slot("offence_date") is not None or not (
            tracker.get_slot("offence_type") or tracker.get_slot("last_offence_points")):
        return False
    day = slot_values.partial_date_or_none(dates[0].get("value"))
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    if day is None or day.earliest() > today() or (licence is not None and day.latest() < licence.earliest()):
        return False
    return bool(_WHEN_IT_WAS.search(fold(text[:dates[0].get("start") or 0])))


def exact_day_answered(tracker: Tracker, value: Any) -> Optional[Tuple[str, str]]:
    """(slot, ISO day) for the date slot known to the month only whose exact day the assistant's last turn asked ("j'ai
    retenu le 31 mai 2026, la date la plus prudente. Donnez-moi le jour exact", "Quel jour de mai 2026 ?"), when `value`
    is a day of that month, or the latest message a bare day ("le 14": the 14th of THAT month, not the last 14th before
    today, which is how the NLU reads it; tester T37 c03's licence of March 2025 became one of 14 November 2026): the fact
    that day answers, and its day; None otherwise."""
    from actions.answers import _EXACT_DAY_ASKED, DAY_ASKED_AFTER_AN_ANSWER  # (answers reads this module)
    from actions.corrections import completes_a_month  # (corrections reads this module)
    from actions.follow_ups import _last_turn_texts
    said = "\n".join(_last_turn_texts(tracker))
    asked = _EXACT_DAY_ASKED in said or DAY_ASKED_AFTER_AN_ANSWER in said
    completed = completes_a_month(tracker, value)
    if completed and (asked or day_said_as_exact(tracker, value) or _told_in_the_latest_message(
            tracker, tracker.get_slot(completed))):
        # (or unasked, "le 14 avril 2025 exactement" after "avril 2025", or the month or season told with it: "cet
        # été …, c'était le 12 août 2026", tester T58 c18 kept the summer's first day, 21 June, R7)
        return completed, value
    if asked:
        months = [slot for slot in DATE_SLOTS if _month_only(tracker.get_slot(slot))]
        day = slot_values.day_in_month_given_before((tracker.latest_message or {}).get("text"),
                                                   tracker.get_slot(months[0])) if len(months) == 1 else None
        if day:
            return months[0], day
    return rough_date_made_exact(tracker, value, said)


#: the note of a date counted from a duration ("il y a presque 2 ans"), asking for the exact one (answers.say_precision)
EXACT_DATE_ASKED = "Donnez-moi la date exacte"


def rough_date_made_exact(tracker: Tracker, value: Any, said: str) -> Optional[Tuple[str, str]]:
    """(slot, ISO day) when the assistant's last turn counted a date from a duration ("Vous avez indiqué « il y a
    presque 2 ans » pour l'obtention du permis : j'ai compté à partir du 1er décembre 2024 environ … Donnez-moi la
    date exacte") and `value` is a past day within that duration's margin: the exact day of THAT fact, which replaces
    the estimate (tester T57 c16: "10/02/2025" was read as a payment's day, the licence kept at 1 December 2024 and its
    probation ending then, R5). None when no single estimated date fits."""
    day = slot_values.partial_date_or_none(value)
    if day is None or day.precision != "day" or day.earliest() > today():
        return None
    asked = EXACT_DATE_ASKED in said
    if not asked and (date_in_an_offence_sentence(tracker, value) or not (
            day_said_as_exact(tracker, value) or _estimate_told_since_the_last_answer(tracker))):
        # (unasked: "le 10 février 2025 exactement, sans conduite accompagnée" right after "j'ai eu mon permis il y a
        # presque 2 ans", T59 c16 kept the estimate and its probation ending on 1 December 2027, R5; not a day told
        # with an offence, that offence's)
        return None
    rough = slot_values.rough_days(tracker.events)
    fitting = []
    for slot in DATE_SLOTS:
        known = tracker.get_slot(slot)
        margin = slot_values.rough_margin(rough.get(known)) if isinstance(known, str) else None
        estimate = slot_values.partial_date_or_none(known) if margin else None
        if estimate is None or estimate.precision != "day" or (
                asked and f"j'ai compté à partir du {format_long_fr(estimate.earliest())} environ" not in said):
            continue
        if estimate.earliest() - margin <= day.earliest() <= estimate.earliest() + margin and known != value:
            fitting.append(slot)
    return (fitting[0], day.iso()) if len(fitting) == 1 else None


# "le 10 février 2025 exactement", "le 12 avril pile", "exactement le 3 mars", "pour être précis, le 3 mars" (folded
# text just after, or just before, the date)
_EXACT_AFTER = re.compile(r"^\W{0,3}(?:exactement|precisement|pile|tout juste|pour etre (?:precise?|exacte?))\b")
_EXACT_BEFORE = re.compile(r"\b(?:exactement|precisement|pour etre (?:precise?|exacte?)|plus precisement|la date exacte"
                           r"(?: c'?\s?est| est)?|le jour exact(?: c'?\s?est| est)?)\W{0,3}(?:le|du|au)?\s*$")


def day_said_as_exact(tracker: Tracker, value: Any) -> bool:
    """Whether the latest message says the date `value` as the exact one ("le 10 février 2025 exactement", "pour
    être précis : le 3 mars"): the exact day of a fact told before by its month or a duration, asked or not."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    told = next((e for e in message.get("entities") or [] if e.get("entity") == "date" and e.get("value") == value
                 and "start" in e), None)
    if told is None:
        return False
    return bool(_EXACT_AFTER.search(fold(text[told["end"]:])) or _EXACT_BEFORE.search(fold(text[:told["start"]])))


def _told_in_the_latest_message(tracker: Tracker, value: Any) -> bool:
    """Whether the latest message says the date `value` (ISO) itself."""
    return any(e.get("entity") == "date" and e.get("value") == value
               for e in (tracker.latest_message or {}).get("entities") or [])


def _estimate_told_since_the_last_answer(tracker: Tracker) -> bool:
    """Whether a date was told as a duration from today ("il y a presque 2 ans") in the user's message before the
    latest, the assistant having answered nothing with it since (no "j'ai compté à partir du … environ"): the story's
    next message completing it."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    if len(users) < 2:
        return False
    before = tracker.events[users[-2]]
    message = {"text": before.get("text"), "entities": (before.get("parse_data") or {}).get("entities") or []}
    estimated = [e for e in message["entities"] if e.get("entity") == "date" and isinstance(e.get("value"), str)
                 and slot_values.rough_margin(slot_values.words_of_date(message, e["value"]))]
    answered = " ".join(e.get("text") or "" for e in tracker.events[users[-2]:users[-1]] if e.get("event") == "bot")
    return bool(estimated) and "j'ai compté à partir du" not in answered


def _month_only(value: Any) -> bool:
    partial = slot_values.partial_date_or_none(value)
    return partial is not None and partial.precision == "month"


def offence_day_in_its_sentence(tracker: Tracker, value: Any) -> bool:
    """Whether a past date said without its role is told in the same sentence as the offence the latest message
    names, a sentence that speaks of no stage ("excès de vitesse : 143 km/h retenu sur autoroute limitée à 130, le 10
    novembre 2026."): that offence's day, the offence's day not known yet."""
    return tracker.get_slot("offence_date") is None and date_in_an_offence_sentence(tracker, value)


def date_in_an_offence_sentence(tracker: Tracker, value: Any) -> bool:
    """Whether a past date said without its role is told in the same sentence as an offence the latest message names,
    a sentence that speaks of no stage ("la ceinture c'était le 15/05/2023. donc il peut faire un stage ?"): a date
    in the clause of an offence is that offence's, whether its day is known or not (tester T26 c10: taken as the last
    stage's, "Votre dernier stage avec points date du 15 mai 2023")."""
    day = slot_values.partial_date_or_none(value)
    if day is None or day.earliest() > today():
        return False
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    entities = message.get("entities") or []
    told = next((e for e in entities if e.get("entity") == "date" and e.get("value") == value and "start" in e), None)
    if told is None:
        return False
    start = max((m.end() for m in re.finditer(r"[.;!?]", text[:told["start"]])), default=0)
    end = next((told["end"] + m.start() for m in re.finditer(r"[.;!?]", text[told["end"]:])), len(text))
    if re.search(r"\bstages?\b", fold(text[start:end])):
        return False
    return any(e.get("entity") == "offence_type" and start <= (e.get("start") or 0) < end for e in entities)


def _offence_corrected_on_activation(tracker: Tracker) -> List[EventType]:
    """"ah attendez je relis l'avis, c'est 128 retenu pas 118. ça change quoi ?" after the points of an offence, which
    that answer forgot: the offence's other facts come back, the speed corrected as told (R4), not "Quelle infraction
    ?" (tester T22 c08). Nothing when the message names its offence or corrects no speed."""
    speeds = ("speed_measured", "speed_limit", "speed_excess")
    corrected = {slot: value for slot, value in message_slots(tracker).items() if slot in speeds and value is not None}
    # (or the retained speed read on the notice, "je viens de regarder l'avis : vitesse retenue 137. donc 4 pts c'est
    # ça ?" after an answer that read 145 both ways: that speed of the same excess, T57 c27 got "Quelle infraction ?")
    if not corrected or tracker.get_slot("last_question") != "action_answer_offence_points" or \
            message_values(tracker, "offence_type") or not (
                latest_text_says(tracker, slot_values.CORRECTION)
                or says_retained_speed((tracker.latest_message or {}).get("text") or "")):
        return []
    from actions.corrections import offence_of_the_last_answer  # (corrections reads this module)
    offence = {slot: value for slot, value in offence_of_the_last_answer(tracker, with_points=False).items()
               if slot not in corrected}
    if offence.get("offence_type") != "speeding":
        return []
    if "speed_measured" in corrected or "speed_excess" in corrected:
        offence.pop("speed_excess" if "speed_measured" in corrected else "speed_measured", None)
    return [SlotSet(slot, value) for slot, value in offence.items()]


def class_of_the_retained_speed(tracker: Tracker, slots: Dict[str, Any]) -> Dict[str, Any]:
    """"142 c'est la vitesse mesurée, sur l'avis la vitesse retenue c'est 134" after the class of an excess was learnt
    from the first speed (142 on a 90 road, a délit): the class follows the retained speed (44 km/h over: 4e classe,
    R4), and the limit stays the one told, so that every later answer reads the offence as recounted (tester T35 c12
    kept "délit" in the slot). {} when no retained speed is told, or the class stays the same."""
    measured = slots.get("speed_measured")
    known = value_before_message("offence_class", tracker)
    # (the offence's type and speeds as last told: the answer of its points forgets them, not its class)
    if measured is None or known is None or last_value_before_message("offence_type", tracker) != "speeding" or \
            not says_retained_speed((tracker.latest_message or {}).get("text") or ""):
        return {}
    limit = slots.get("speed_limit") or last_value_before_message("speed_limit", tracker)
    if limit is None:
        return {}
    scale = offence_scale("speeding", {**tracker.slots, **slots, "speed_limit": limit, "speed_measured": measured,
                                       "speed_excess": None})
    if not scale or scale["offence_class"] == known:
        return {}
    return {"offence_class": scale["offence_class"], "speed_limit": limit}


def offence_day_told(tracker: Tracker, value: Any) -> bool:
    """Whether a past day said without its role is the day of the offence told before: a day of the month it was told
    in ("un excès en juillet", then "juillet 2026, le 14", "le 14 juillet"), or a day given just after the assistant
    asked for it (OFFENCE_DAY_ASKED), the offence not known to the day yet."""
    day = slot_values.partial_date_or_none(value)
    if day is None or day.precision != "day" or day.earliest() > today():
        return False
    known = slot_values.partial_date_or_none(tracker.get_slot("offence_date"))
    if known is not None and known.precision == "day":
        return False
    said = next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"), "")
    if known is not None and known.precision == "month":
        # (the day asked for answers it even outside the month read: "l'été dernier" read as June, then "c'était le
        # 14 juillet 2026" to "dites-moi sa date" became the licence's day, T24 c06)
        return known.earliest() <= day.earliest() <= known.latest() or OFFENCE_DAY_ASKED in said
    return OFFENCE_DAY_ASKED in said


def offence_scale(offence: str, known: Dict[str, Any], out_of_town: bool = False,
                  alcohol: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The points and class of this offence by the barème (R3, R4), from the speeds known for an excess of speed
    (and the road, when it is said out of town without its limit: `out_of_town`, class_by_road), and an alcohol
    offence's level with the probation of its day (`alcohol`: `alcohol_level_scale`);
    {} when they need more (an excess without its speeds) or it costs no point."""
    measured, limit, excess = (known.get(s) for s in ("speed_measured", "speed_limit", "speed_excess"))
    try:
        scale = offence_points(
            offence=offence, commission=commission_day(known), today=today(),
            speed_limit_kmh=None if limit is None else int(limit),
            recorded_speed_kmh=None if measured is None else int(measured),
            excess_kmh=None if excess is None or measured is not None else int(excess), **(alcohol or {})).results
    except InconsistentFacts:
        return {}
    if not scale["points"]:
        return {}
    return {"last_offence_points": scale["points"], "offence_class": class_by_road(scale, out_of_town)}


#: the speeds of an excess as the message says them -> rules_core.offence_points' arguments
_SPEED_ARGUMENTS = {"speed_limit": "speed_limit_kmh", "speed_measured": "recorded_speed_kmh", "speed_excess": "excess_kmh"}


def offence_points_asked_aside(tracker: Tracker, requested: Optional[str]) -> Optional[str]:
    """The points of the one offence the latest message asks about ("un excès de 25 km/h ça retire combien ?") while
    the form asks the points of the user's last offence: that offence's line of the scale (R4), the question answered
    before the form goes on. None when the message tells points, names no offence or several, or asks nothing."""
    from actions.two_part import QUESTION_WORDS  # (two_part reads this module)
    text = fold((tracker.latest_message or {}).get("text") or "")
    asks_points = next(pattern for question, pattern in QUESTION_WORDS if question == "ask_offence_points")
    named = set(message_values(tracker, "offence_type"))
    if requested != "last_offence_points" or "?" not in text or not asks_points.search(text) or len(named) != 1 \
            or message_values(tracker, "points"):
        return None
    speeds = {argument: int(values[0]) for slot, argument in _SPEED_ARGUMENTS.items()
              for values in [message_values(tracker, slot)] if values and isinstance(values[0], (int, float))}
    if "recorded_speed_kmh" in speeds:
        speeds.pop("excess_kmh", None)
    try:
        decision = offence_points(offence=named.pop(), commission=commission_day(tracker.slots), today=today(), **speeds)
    except InconsistentFacts:
        return None
    return render_reason(decision.reasons[0]) if decision.reasons else None


def alcohol_level_scale(tracker: Tracker, offence: Any, known: Dict[str, Any]) -> Dict[str, Any]:
    """The level told of an alcohol offence ("arrêté à 0,3 g d'alcool") with the probation of its day, as the scale
    reads them (R4, R.234-1: 0,5 g/l, 0,2 g/l in probation): out of probation, 0,3 g/l withdraws no point (tester
    T42 c09 was given 6 points withdrawn). {} for another offence, or a level not told."""
    if offence != "alcohol":
        return {}
    from actions.answers import Facts, alcohol_level_told, probation_on  # (answers reads this module)
    level = alcohol_level_told(tracker)
    if level is None:
        return {}
    return {"blood_alcohol_g_l": level, "probationary": probation_on(Facts(tracker), commission_day(known))[0]}


#: rules_core.offence_points' arguments -> the slots of the speeds (follow_ups.offence_told gives the former)
_SPEED_SLOTS = {"speed_limit_kmh": "speed_limit", "recorded_speed_kmh": "speed_measured", "excess_kmh": "speed_excess"}


# "je l'ai payé le 10 octobre", "je les récupère quand ?", "cette amende", "ces 3 points": the offence just answered
_REFERS_BACK = re.compile(r"\b(?:l'?\s?ai|l'?\s?aurai|les ai|la|le|les|l')\s*(?:pa[yi]\w*|regl\w*|recup\w*|rattrap\w*)"
                          r"|\b(?:cette|cet) (?:amende|infraction|contravention|pv|avis)\b|\bce pv\b"
                          r"|\bces (?:\d+ )?points\b|\bcomme (?:tu dis|vous dites|tu l'as dit|vous l'avez dit)\b"
                          # "je récupère ce point quand ?", "le point revient quand ?", "j'ai réglé l'amende hier"
                          # (T58 c14: its points asked again, then a 4e classe assumed)
                          r"|\b(?:ce|le) point\b|\b(?:pa[yi]\w*|regl\w*)\s+(?:l'?\s?amende|le pv|la contravention)\b")


def _offence_of_the_question(tracker: Tracker, known: Dict[str, Any]) -> Optional[tuple]:
    """(the offence, the speeds as slots) a form's question is about: the one the latest message names; else the
    user's own offence kept in the slots, dated by the story ("une 48N pour un excès de 35 commis en août"); else,
    just after an offence answer, the offence it answered when the message refers back to it ("et si je l'ai payé le
    10 octobre ?"). Not the one the slot kept of several told together (_offences_of_one_check counts them all), nor
    an offence named earlier as a mere question ("combien de points pour un feu rouge ?", then
    "quand vais-je récupérer mes points ?": the user's may be another). None when there is none, or several."""
    named = set(message_values(tracker, "offence_type"))
    if named:
        return (named.pop(), {}) if len(named) == 1 and named <= set(OFFENCE_TYPES) else None
    kept = known.get("offence_type")
    if isinstance(kept, str) and kept in OFFENCE_TYPES:
        # (the slot keeps one of several offences told together, "feu rouge + téléphone au même moment": not theirs;
        # T18's replay of T17 c08)
        dated = known.get("offence_date") is not None or known.get("fine_payment_date") not in (None, NOT_PAID) \
            or _own_payment_refused(tracker, kept)
        return (kept, {}) if dated and own_offences_points(tracker) is None else None
    if kept is None and answer_before(tracker) == "action_answer_offence_points" \
            and _REFERS_BACK.search(fold((tracker.latest_message or {}).get("text") or "")):
        told = offence_told_in_conversation(tracker)
        if told is not None and told[0] in OFFENCE_TYPES:
            return told[0], {_SPEED_SLOTS[name]: value for name, value in told[1].items()}
    return None


def _own_payment_refused(tracker: Tracker, offence: str) -> bool:
    """The user's offence was told with its payment on a day the assistant refused as in the future ("une amende pour
    stop que j'ai payée le 12 mars 2027", on 1 December 2026): the offence is the user's all the same, its points the
    scale's (R4); its payment's day is what is still to ask (tester T59 c22 got "Combien de points … ?")."""
    from actions.answers import _AsLatest  # (answers reads this module)
    said_by_the_bot = " ".join(event.get("text") or "" for event in tracker.events if event.get("event") == "bot")
    for event in tracker.events:
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        if not any(e.get("entity") == "offence_type" and e.get("value") == offence for e in entities):
            continue
        for entity in entities:
            if entity.get("entity") != "date" or entity.get("role") != "payment":
                continue
            try:
                said = slot_values.PartialDate.parse(entity.get("value"))
            except InvalidAnswer:
                continue
            if said.earliest() > today() and f"{slot_values._as_subject(said)} est dans le futur" in said_by_the_bot \
                    and told_as_own_offence(_AsLatest(event)):
                return True
    return False


def _offences_of_one_check(tracker: Tracker, known: Dict[str, Any]) -> Dict[str, Any]:
    """The points and class of the user's offences told together ("arrêté le 5 août : 125 sur une route à 90, téléphone
    en main et pas de ceinture"): their points capped (R3) and the most serious class (R9: a 4th class one makes the
    delay 3 years), so that the recovery's form does not ask them again (tester T17 c32: "8 ??? c toi qui me l'a
    dit"). Empty when the points are known, or the offences are not of one check told as such."""
    if known.get("last_offence_points") is not None:
        return {}
    together = own_offences_points(tracker)
    if not together:
        return {}
    message = next(((event.get("parse_data") or {}).get("entities", []) for event in reversed(tracker.events)
                    if event.get("event") == "user" and any(e.get("entity") == "offence_type" for e in
                                                            (event.get("parse_data") or {}).get("entities", []))), [])
    speeds = {e["entity"]: e.get("value") for e in message if e.get("entity") in _SPEED_SLOTS.values()}
    classes = [offence_scale(e.get("value"), {**known, **speeds}).get("offence_class") for e in message
               if e.get("entity") == "offence_type" and e.get("value") in OFFENCE_TYPES]
    ranked = [klass for klass in classes if klass in CLASS_ORDER]
    found = {"last_offence_points": together}
    if ranked and len(ranked) == len(classes):
        found["offence_class"] = max(ranked, key=CLASS_ORDER.index)
    return found


def pointless_offence_named(tracker: Tracker) -> Optional[str]:
    """The one offence the latest message names, when it costs no point ("c'était un feu orange je crois": 35 €,
    0 point, R4): nothing to recover, nor any point to ask. None otherwise."""
    decision = pointless_offence_points(tracker)
    return None if decision is None else decision.facts.get("offence") or \
        next(v for v in message_values(tracker, "offence_type") if v in OFFENCE_TYPES)


def pointless_offence_points(tracker: Tracker):
    """The scale's decision (rules_core.offence_points) for the one offence the latest message names, when it costs no
    point: an amber light, or an excess of speed under 5 km/h since 2024 with its speeds told ("81 pour 80", R4;
    tester T23 c33 got "Combien de points votre dernière infraction vous a-t-elle retirés ?"). None otherwise."""
    named = [v for v in dict.fromkeys(message_values(tracker, "offence_type")) if v in OFFENCE_TYPES]
    if len(named) != 1:
        return None
    commission, speeds = today(), {}
    if named[0] == "speeding":
        told = {slot: (message_values(tracker, slot) or [None])[-1]
                for slot in ("speed_measured", "speed_limit", "speed_excess")}
        if told["speed_measured"] is None and told["speed_excess"] is None:
            return None  # (the excess decides the points: asked by the form)
        commission = commission_day(tracker.slots)
        if commission >= today() or is_hypothesis(tracker):
            # (an excess supposed, "et si je prends un flash de 3 km/h en janvier ça bloque ?": its what-if answers)
            return None
        speeds = {"speed_limit_kmh": None if told["speed_limit"] is None else int(told["speed_limit"]),
                  "recorded_speed_kmh": None if told["speed_measured"] is None else int(told["speed_measured"]),
                  "excess_kmh": None if told["speed_excess"] is None or told["speed_measured"] is not None
                  else int(told["speed_excess"])}
    try:
        decision = offence_points(offence=named[0], commission=commission, today=today(), **speeds)
    except InconsistentFacts:
        return None
    return decision if decision.results.get("points") == 0 else None


# "il lui restait 4 points après", "il me reste 4 points après le retrait" (folded): the balance left, not a retrait
POINTS_LEFT = re.compile(r"\brest(?:e|ent|ait|aient)\b|\bapres\b")


def points_left_after_the_retrait(tracker: Tracker, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
    """"Combien de points sa dernière infraction lui a-t-elle retirés ?" answered "je sais pas, il lui restait 4 points
    après" in the probation form: the balance after the retrait, not its points (T25 c34 counted a retrait of 4 from
    the ceiling). The retrait is then the ceiling on the offence's day less that balance (R5, R7: the offence came on
    a licence at its ceiling, no retrait before), said; the balance is kept as the one after it. None otherwise."""
    if (tracker.active_loop or {}).get("name") != "probation_form" or \
            tracker.get_slot("requested_slot") != "last_offence_points":
        return None
    entities = (tracker.latest_message or {}).get("entities") or []
    left = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") == "balance"]
    if len(left) != 1 or any(e.get("entity") == "points" and e.get("role") == "lost" for e in entities) or \
            not POINTS_LEFT.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    licence = slot_values.to_date(tracker.get_slot("licence_date"), safe="earliest")
    commission = slot_values.to_date(tracker.get_slot("offence_date"), safe="earliest")
    if licence is None or commission is None:
        return None
    try:
        plan = probation_plan(licence_date=licence, aac=tracker.get_slot("supervised_driving") is True)
    except InconsistentFacts:
        return None
    ceiling = plan.ceiling_on(commission) if plan is not None else load_params().at(commission).value("capital.max")
    balance = int(left[0])
    points = ceiling - balance
    if not 1 <= points <= MAX_POINTS_ONE_EVENT:
        return None
    dispatcher.utter_message(text=f"Avec {balance} point{'s' if balance > 1 else ''} restant"
                                  f"{'s' if balance > 1 else ''} après le retrait et un plafond de {ceiling} points le "
                                  f"jour de l'infraction, j'ai compté un retrait de {points} point"
                                  f"{'s' if points > 1 else ''} (sans autre retrait avant).")
    return {"last_offence_points": points, "current_balance": balance}


def pointless_offence_remembered(known: Dict[str, Any], tracker: Optional[Tracker] = None) -> bool:
    """The one offence the slots remember costs no point (an amber light; an excess under 5 km/h since 2024 with its
    speeds told, "81 pour 80", R4): for the points it is no offence at all, so no form asks how many points it withdrew
    nor counts it as the probation's offence (R7: only a retrait stops the yearly increases). Tester T23 c33, replayed
    by T25: "0" refused with "Une infraction retire de 1 à 9 points", in a loop."""
    offence = known.get("offence_type")
    if offence not in OFFENCE_TYPES or known.get("last_offence_points") not in (None, 0):
        return False
    speeds = {}
    if offence == "speeding":
        def figure(slot):
            value = known.get(slot)
            return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        measured, limit, excess = figure("speed_measured"), figure("speed_limit"), figure("speed_excess")
        if measured is None and excess is None:
            return False
        speeds = {"speed_limit_kmh": limit, "recorded_speed_kmh": measured,
                  "excess_kmh": None if measured is not None else excess}
    commission = commission_day(known)
    # ("arrêté à 0,3 g d'alcool" out of probation: under the level, no offence, R4; T42 c09)
    alcohol = alcohol_level_scale(tracker, offence, known) if tracker is not None else {}
    try:
        decision = offence_points(offence=offence, commission=commission, today=today(), **speeds, **alcohol)
    except InconsistentFacts:
        return False
    return decision.results.get("points") == 0


def _facts_told(tracker: Tracker) -> bool:
    """The latest message tells a fact: an entity other than a bare count ("un stage pour 1 point")."""
    return any(e.get("entity") not in ("number", "points") or e.get("role")
               for e in (tracker.latest_message or {}).get("entities") or [])


def slots_set_by_latest_message(tracker: Tracker) -> Dict[str, Any]:
    """The slots the latest user message filled. (Outside a form, Rasa logs them between the user
    event and a `user_featurization` event, so `Tracker.slots_to_validate()` finds none.)"""
    found: Dict[str, Any] = {}
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot":
            found.setdefault(event["name"], event.get("value"))
    return found


def latest_text_says(tracker: Tracker, pattern: "re.Pattern") -> bool:
    """Whether the latest message, folded (lower case, no accents), matches the pattern."""
    return bool(pattern.search(fold((tracker.latest_message or {}).get("text") or "")))


def a_message_says(tracker: Tracker, pattern: "re.Pattern") -> bool:
    """Whether any user message of the conversation, folded, matches the pattern."""
    return any(pattern.search(fold(event.get("text") or "")) for event in tracker.events
               if event.get("event") == "user")


def _payment_denied(tracker: Tracker) -> bool:
    """The latest message says the fine is not paid ("pas encore payée", "impayée"), and no payment to come."""
    return latest_text_says(tracker, _PAYMENT_DENIED) and not payment_planned_said(
        (tracker.latest_message or {}).get("text"))


def impossible_date_said(tracker: Tracker) -> Optional[str]:
    """The French re-ask for a date that does not exist in the latest message ("31/02/2025"), if any."""
    said = message_values(tracker, "invalid_date")
    return f"Le {said[0]} n'existe pas : vérifiez le jour et le mois." if said else None


def impossible_date_reask(tracker: Tracker) -> Optional[str]:
    """The impossible date of the latest message said, and asked again with what it concerns ("payé le 31/02/2025" in
    an offence told after an answer, tester T9 c17), unless this turn already said it (a form's question did)."""
    said = impossible_date_said(tracker)
    users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
    if said is None or any(event.get("event") == "bot" and "n'existe pas" in (event.get("text") or "")
                           for event in tracker.events[users[-1] if users else 0:]):
        return None
    day, _, rest = str(message_values(tracker, "invalid_date")[0]).partition("/")
    month, _, year = rest.partition("/")
    try:  # the last day of that month, as the example ("31/02/2025": « amende payée le 28/02/2025 »)
        last = (date(int(year), int(month), 1) + relativedelta(months=1, days=-1)).strftime("%d/%m/%Y")
    except ValueError:
        last = "28/02/2025"
    return f"{said} Redonnez-moi la date avec ce qu'elle concerne, par exemple « amende payée le {last} »."


# The slot of each date role an impossible date can carry ("payé le 31/02/2025": a payment's); a stage's depends on
# the question (the stage to take or the last one), chosen by the caller
IMPOSSIBLE_DATE_SLOTS = {"licence": ("licence_date",), "letter_48n": ("letter_48n_date",),
                         "payment": ("fine_payment_date",), "offence": ("offence_date",),
                         "handed_back": ("licence_handed_back_date",),
                         "stage": ("stage_first_day", "previous_stage_date")}
_OWN_CORRECTION = re.compile(r"\b(?:pardon|oups|oops|dsl|desole|excusez|je voulais dire|je veux dire|plutot|erreur"
                             r"|je me suis trompee?|je me trompe|en fait|non|ah oui)\b")


def date_correcting_impossible_one(tracker: Tracker, slots: Iterable[str] = DATE_SLOTS,
                                   answering: Optional[str] = None) -> Optional[Tuple[str, Any]]:
    """"pardon le 28/02/2025", "je voulais dire le 28 février 2025", "oups 28/02/25" right after "payé le 31/02/2025"
    was refused as impossible: the slot that impossible date was meant for (its role, among `slots`) and the date
    now given. One date in the message, with no role or the same one. When the message answers another date's
    question (`answering`), only if it says it corrects ("pardon", "je voulais dire"…): "le 12/03/2024" to the
    licence's question is the licence's date."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    if len(users) < 2 or message_values(tracker, "invalid_date"):
        return None
    refused = [e for e in (users[-2].get("parse_data") or {}).get("entities", []) if e.get("entity") == "invalid_date"]
    dates = [e for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == "date"]
    if len(refused) != 1 or len(dates) != 1 or dates[0].get("role") not in (None, refused[0].get("role")):
        return None
    meant = [slot for slot in IMPOSSIBLE_DATE_SLOTS.get(refused[0].get("role"), ()) if slot in slots]
    if len(meant) != 1:
        return None
    if answering in DATE_SLOTS and answering != meant[0] and not latest_text_says(tracker, _OWN_CORRECTION):
        return None
    return meant[0], _in_month_of_refused(dates[0], refused[0], tracker)


# a day said alone ("le 30", "30", "le 1er"): its month and year are those of the date it corrects
_BARE_DAY = re.compile(r"^(?:le\s+)?(\d{1,2})(?:er)?$")


def _in_month_of_refused(said: dict, refused: dict, tracker: Tracker) -> Any:
    """The date a correction gives: a day said alone ("le 30 alors" after "payé le 31 septembre 2026" was refused)
    is that day of the refused date's month and year (30 septembre 2026), not the last 30th before today (tester
    T17 c30: read as 30 novembre); any other date as the NLU read it."""
    text = (tracker.latest_message or {}).get("text") or ""
    start, end = said.get("start"), said.get("end")
    day = _BARE_DAY.match(fold(text[start:end]).strip()) if isinstance(start, int) and isinstance(end, int) else None
    _, month, year = (str(refused.get("value")).split("/") + ["", ""])[:3]
    try:
        return date(int(year), int(month), int(day.group(1))).isoformat() if day else said.get("value")
    except ValueError:
        return said.get("value")


# the day said not known with its month: "mars 2026, je sais plus le jour exact", "en mars, je me souviens plus du jour"
_DAY_FORGOTTEN = re.compile(r"\b(?:sais|souviens|rappelle|connais)\s+(?:plus|pas)\b|\bsai[st]\s+plus\b|\boubli\w*"
                            r"|\baucune idee\b|\bje sais pas\b")


def _month_said_without_its_day(value: Any, tracker: Tracker) -> Optional[str]:
    """The month (ISO) of a date answered at the month's precision by a message that says the day is not known
    ("mars 2026 je vous dis, le jour même, je sais plus le jour exact"): the safe day of that month is taken at once,
    not the day asked first (tester T15 c31: asked twice before the safe day). None otherwise."""
    partial = FactsValidation._partial(value) if value is not None and not isinstance(value, list) else None
    if partial is None or partial.precision != "month" or \
            not _DAY_FORGOTTEN.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    return f"{partial.year:04d}-{partial.month:02d}"


# "jamais eu d'infraction avant", "aucune avant ça", "c'était la première fois": none before the offence told (folded)
_NONE_BEFORE_THIS_ONE = re.compile(r"\b(?:jamais|aucune?|pas)\b[^.?!]{0,40}\bavant\b|\bpremiere (?:fois|infraction)\b")
# "vers le milieu du mois", "mi-mois": the middle of the month asked, its 15th
_MIDDLE_OF_THE_MONTH = re.compile(r"\bmilieu d[eu] mois\b|\bmi[\s-]?mois\b")


def safe_day_of_month(slot: str, month: str) -> Optional[str]:
    """The day of `month` (ISO) this slot counts from when the user does not know it (ISO), or None."""
    if slot not in SAFE_END_OF_MONTH:
        return None
    try:
        partial = slot_values.PartialDate.parse(month)
    except InvalidAnswer:
        return None
    end = partial.earliest() if SAFE_END_OF_MONTH[slot][0] == "earliest" else partial.latest()
    return min(end, today()).isoformat()


# "le lendemain", "le jour même", "le surlendemain", "3 jours après", "une semaine après" (folded text): a payment dated
# from the offence's day
_DAYS_AFTER_THE_OFFENCE = re.compile(r"\b(?:le\s+)?(?P<word>lendemain|surlendemain|jour meme|meme jour)\b"
                                     r"|\b(?P<n>\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
                                     r"(?P<unit>jours?|semaines?)\s+(?:apres|plus tard)\b")
_SMALL_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                  "neuf": 9, "dix": 10}


def payment_day_after_the_offence(tracker: Tracker) -> Optional[str]:
    """The payment's day (ISO) the latest message dates from the offence's ("je l'ai payée direct le lendemain",
    "le jour même", "3 jours après"), when the offence's day is known and the message gives no date of its own; None
    otherwise, or when that day is still to come."""
    message = tracker.latest_message or {}
    if any(e.get("entity") == "date" for e in message.get("entities") or []):
        return None
    found = _DAYS_AFTER_THE_OFFENCE.search(fold(message.get("text") or ""))
    offence = slot_values.partial_date_or_none(tracker.get_slot("offence_date")) if found else None
    if offence is None or offence.precision != "day":
        return None
    if found.group("word"):
        after = {"lendemain": 1, "surlendemain": 2}.get(found.group("word"), 0)
        delta = relativedelta(days=after)
    else:
        count = int(found.group("n")) if found.group("n").isdigit() else _SMALL_NUMBERS[found.group("n")]
        delta = relativedelta(weeks=count) if found.group("unit").startswith("semaine") else relativedelta(days=count)
    paid = offence.earliest() + delta
    return paid.isoformat() if paid <= today() else None


#: the end of the previous stage's question, in both its words (domain's utter_ask_previous_stage_date, and
#: ask.AskSlot_previous_stage_date's "Avant ce stage, …")
PREVIOUS_STAGE_ASKED = "qui vous a rendu des points ? Si oui, à quelle date a-t-il commencé ?"


def previous_stage_left_unanswered(tracker: Tracker) -> bool:
    """The previous stage's question asked twice or more (of the user or of the person the story is about), and the
    user never answered it (no value told, no "non, jamais"): a 3rd time would be a loop (T31 a28)."""
    asked = sum(1 for event in tracker.events if event.get("event") == "bot" and (
        PREVIOUS_STAGE_ASKED in (event.get("text") or "")
        or said_of_the_subject(tracker, PREVIOUS_STAGE_ASKED) in (event.get("text") or "")))
    answered = any(event.get("event") == "slot" and event.get("name") == "previous_stage_date" and
                   event.get("value") is not None for event in tracker.events)
    return asked >= 2 and not answered


def commission_day(slots: Dict[Text, Any]) -> date:
    """The day whose scale applies to the offence told (the 50 km/h délit exists only since 29/12/2025, R4):
    its date when known, else the payment (which came after it; not a payment to come), else today."""
    for slot, safe in (("offence_date", "earliest"), ("fine_payment_date", "latest")):
        try:
            day = slot_values.to_date(slots.get(slot), safe=safe)
        except InvalidAnswer:
            day = None
        if day is not None and day <= today():
            return day
    return today()


# while the training is asked: "c'est trop tard pour la formation ?", "et si je la fais ?", "je peux encore la faire ?",
# "jusqu'à quand ?" (folded text)
_TRAINING_WINDOW_ASKED = re.compile(
    r"\btrop tard\b|\bencore (?:temps|possible|le temps)\b|\bsi (?:je|j'|on|il|elle)\s*(?:la|l')\s*(?:fai|sui|pass)\w*"
    r"|\bpeu[xt]? (?:encore |toujours )?(?:la )?(?:faire|suivre|passer)\b|\bjusqu'?\s?a quand\b|\bquel delai\b")
_TRAINING_SLOTS = ("complementary_training", "training_date")


def training_window_asked(tracker: Tracker, requested: Optional[str]) -> Optional[str]:
    """"c'est trop tard pour la formation ?", "et si je la fais ?" while the form asks about the post-permis training:
    its window for this licence, the 6th to the 12th month (R6; R.223-1), and whether it is over, open or still to
    come; without the licence's date, the rule. None for any other message (an answer, yes or no, a date)."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if requested not in _TRAINING_SLOTS or not _TRAINING_WINDOW_ASKED.search(text) or any(
            e.get("entity") == "date" for e in message.get("entities") or []):
        return None
    from actions.answers import Facts  # (answers reads this module)
    facts, day = Facts(tracker), today()
    rule = ("la formation complémentaire se suit entre le 6e et le 12e mois du permis ; suivie dans ce délai, et sans "
            "infraction ensuite, elle raccourcit la période probatoire (2 ans au lieu de 3, 18 mois au lieu de 2 ans "
            "après la conduite accompagnée) (article L.223-1 du Code de la route)")
    if facts.licence_date is None:
        return rule[:1].upper() + rule[1:] + "."
    view = load_params().at(day)
    opens = add(facts.licence_date, view.value("probation.training.window_from"))
    closes = add(facts.licence_date, view.value("probation.training.window_to"))
    window = f"pour votre permis, du {format_long_fr(opens)} au {format_long_fr(closes)}"
    too_late = "trop tard" in text
    if closes < day:
        return (("Oui, c'est trop tard : " if too_late else "Son délai est passé : ") + rule.split(' ; ')[0]
                + f", soit {window}, et ce délai est passé : elle ne raccourcirait plus la période probatoire "
                "(article L.223-1 du Code de la route).")
    opening = "Pas encore : " if opens > day else ("Non, il n'est pas trop tard : " if too_late else
                                                   "Vous pouvez encore la suivre : ")
    return f"{opening}{rule.split(' ; ')[0]}, soit {window} ; {rule.split(' ; ')[1]}."


def value_before_message(slot: str, tracker: Tracker) -> Any:
    """The slot's value before the latest user message (the tracker already holds the new one)."""
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    return next((event.get("value") for event in reversed(events[:last_user])
                 if event.get("event") == "slot" and event.get("name") == slot), None)


# "en fait c'était le 12 février 2024 mon permis": a date said of the licence, with no word of another fact
_OF_THE_LICENCE = re.compile(r"\bpermis\b")
_OF_ANOTHER_FACT = re.compile(r"stage|lettre|48|pay|regl|amende|infraction|flash|control|rendu|remis|retir|perdu|pv\b")


def stage_days_told(tracker: Tracker) -> Optional[str]:
    """The first day (ISO) of a stage the latest message gives as its two consecutive days ("ok donc le 27 et 28
    février ça passe ?", "et les 3 et 4 mars ?"; R.223-5), the next such day when its year was not written (a stage
    not told as done); None when the message gives no such days (T7 c19: they were taken for the 48N's reception)."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    for entity in message.get("entities", []):
        if entity.get("entity") != "date" or entity.get("role") not in (None, "stage") or "start" not in entity:
            continue
        words = text[entity["start"]:entity["end"]]
        if not slot_values.stage_days_said(words):
            continue
        if slot_values.stage_said_done(fold(text)):
            return stage_told_before(tracker, entity.get("value"), words) or entity.get("value")
        return slot_values.next_stage_day(entity.get("value"), words, today())
    return None


def stage_days_told_earlier(tracker: Tracker) -> Optional[str]:
    """The first day (ISO) of a stage to take that an earlier message of the conversation gave as its two days ("mon
    stage est prévu les 10 et 11 décembre, je dois apporter quoi ?", asked before the points it gives): the next such
    day, not past; None when no earlier message told one, or told it done (R12; T49 c29 asked it again)."""
    latest = tracker.latest_message or {}
    for event in reversed(tracker.events):
        if event.get("event") != "user" or event is latest or event.get("text") == latest.get("text"):
            continue
        text = event.get("text") or ""
        folded = fold(text)
        if not _STAGE_WORD.search(folded) or _LAST_STAGE.search(folded) or slot_values.stage_said_done(folded):
            continue
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            if entity.get("entity") != "date" or entity.get("role") not in (None, "stage") or "start" not in entity:
                continue
            words = text[entity["start"]:entity["end"]]
            if not slot_values.stage_days_said(words):
                continue
            day = FactsValidation._partial(slot_values.next_stage_day(entity.get("value"), words, today()))
            if day is not None and day.precision == "day" and day.earliest() >= today():
                return day.iso()
    return None


def stage_told_before(tracker: Tracker, value: Any, words: str) -> Optional[str]:
    """The stage done told in an earlier message with the same days, when `words` give them with no year ("j'ai fait
    qu'un seul stage hein, le 8 et 9 juillet" after "en juillet 2024 j'ai fait un stage (8-9 juillet)"): that stage,
    its year kept, not another one a year later or moved to a future year (T40 c29 counted a stage of July 2026)."""
    if not isinstance(value, str) or len(value) != 10 or re.search(r"\b(?:19|20)\d\d\b", words):
        return None
    latest = tracker.latest_message or {}
    for event in reversed(tracker.events):
        if event.get("event") != "user" or event.get("text") == latest.get("text"):
            continue
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            told = entity.get("value")
            if entity.get("entity") == "date" and entity.get("role") == "stage" and isinstance(told, str) \
                    and len(told) == 10 and told[5:] == value[5:]:
                return told
    return None


def stage_to_come_asked(tracker: Tracker) -> Optional[str]:
    """The first day (ISO) of a stage to come that the latest message tells with no offence nor payment of its own
    ("mes points reviennent quand ? j'ai 5 points, suspension de 3 mois depuis le 1er novembre, stage prévu les 8 et 9
    décembre"): the points asked are the stage's, which come the day after it (R12), not an automatic recovery whose
    fine would be asked (tester T19 c17). None otherwise."""
    entities = (tracker.latest_message or {}).get("entities") or []
    if any(entity.get("entity") in ("offence_type", "speed_excess", "amount", "offence_class", "letter_code") or (
            entity.get("entity") == "date" and entity.get("role") in ("payment", "offence", "retrait_decision"))
           for entity in entities):
        return None
    days = [entity.get("value") for entity in entities if entity.get("entity") == "date" and entity.get("role") == "stage"]
    try:
        first = slot_values.PartialDate.parse(days[0]) if days else None
    except slot_values.InvalidAnswer:
        return None
    return days[0] if first is not None and first.earliest() >= today() else None


# (the most words between the training named and its date: "la formation complémentaire (post-permis) le 10 septembre")
_TRAINING_DATE_GAP = 30


def licence_date_said(tracker: Tracker) -> Optional[str]:
    """The one role-less date of a message that speaks of the licence and of nothing else dated, if any."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    dates = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "date"]
    bare = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "date" and not e.get("role")]
    if len(dates) == 1 and len(bare) == 1 and _OF_THE_LICENCE.search(text) and not _OF_ANOTHER_FACT.search(text):
        return bare[0]
    return None


# "je suis jeune permis, depuis août 2025", "en permis probatoire depuis mars 2024" (folded text): the licence's date
_LICENCE_SINCE = re.compile(r"\b(?:jeune permis|permis(?: probatoire)?|probatoire|jeune conducteur)\b[ ,]{1,3}"
                            r"(?:(?:en )?(?:permis )?probatoire[ ,]{1,3})?depuis\b")


def licence_date_told_before(tracker: Tracker) -> Optional[str]:
    """The role-less date an earlier message said right after the licence held "depuis" ("ah et je suis jeune permis,
    depuis aout 2025. je vais avoir une 48N ?", answered by another form): the licence's date, not asked again (T44
    c23). The latest such message's; None when none said it."""
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    for event in reversed(events[:last_user]):
        if event.get("event") != "user" or hypothetical_message(event):
            continue
        text = event.get("text") or ""
        for match in _LICENCE_SINCE.finditer(fold(text)):
            dates = [e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                     if e.get("entity") == "date" and not e.get("role") and isinstance(e.get("value"), str)
                     and match.end() <= e.get("start", -1) <= match.end() + 2]
            if len(dates) == 1:
                return dates[0]
    return None


# "je l'ai eu en septembre 2025", "on l'a obtenu en 2024": one obtains a licence, not a stage (folded text)
_OBTAINED_IT = re.compile(r"\b(?:je|j|on|il|elle|tu)\s*l'?\s?(?:ai|avais|a|avait|as)\s+(?:eu|obtenu|decroche|reobtenu)\b")
_STAGE_NAMED = re.compile(r"\bstages?\b")


def licence_date_answered(tracker: Tracker) -> Optional[str]:
    """The one role-less date of a message that answers a stage's date with a licence's: "je l'ai eu en septembre
    2025" (the licence the user spoke of, the subject of their question: one obtains a licence, one does a stage;
    T16 c08 read it as the last stage's), or a date said of the licence and of nothing else dated."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    bare = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "date" and not e.get("role")]
    if len(bare) == 1 and _OBTAINED_IT.search(text) and not _STAGE_NAMED.search(text):
        return bare[0]
    return licence_date_said(tracker)


# the licence's date asked or approximated by the assistant's last turn ("Vous avez indiqué « depuis 8 mois » pour
# l'obtention du permis … Donnez-moi la date exacte", "Dites-moi la date de son permis si elle est récente")
_LICENCE_DATE_ASKED = re.compile(r"obtention du permis|date (?:de (?:votre|son|leur) |du )permis|permis obtenu le")
_LICENCE_NAMED = re.compile(r"\bpermis\b")


def licence_told_by_pronoun(tracker: Tracker) -> Optional[str]:
    """The one role-less date of "elle l'a eu le 10 janvier 2026", "je l'ai eu le 3 avril 2026. et si je fais un
    stage ?" when the licence is what the pronoun stands for: named in the user's message before ("ma copine … elle a
    eu son permis en janvier") or its date asked or approximated by the assistant's last turn; one obtains a licence,
    and the parser, which reads one message, finds no antecedent in this one (tester T41 c13 took it for the offence's
    day: 12 points, "6 points left"; T43 c25 for nothing). None when something else is named before the pronoun ("la
    lettre, je l'ai eue…"), or the date is to come."""
    from bot.nlu.fact_parsing import _OTHER_ANTECEDENT
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    dates = [e for e in message.get("entities", []) if e.get("entity") == "date"]
    obtained = _OBTAINED_IT.search(text)
    if len(dates) != 1 or dates[0].get("role") or obtained is None or \
            _OTHER_ANTECEDENT.search(text, 0, obtained.start()) or _STAGE_NAMED.search(text, 0, obtained.start()):
        return None
    day = slot_values.partial_date_or_none(dates[0].get("value"))
    if day is None or day.earliest() > today():
        return None
    users = [event for event in tracker.events if event.get("event") == "user"]
    before = fold(users[-2].get("text") or "") if len(users) > 1 else ""
    from actions.follow_ups import _last_turn_texts
    asked = _LICENCE_DATE_ASKED.search("\n".join(_last_turn_texts(tracker)))
    if not (asked or _last_licence_mention_after_others(before)):
        return None
    return dates[0].get("value")


def _last_licence_mention_after_others(text: str) -> bool:
    """The licence is the last thing named in `text` that one obtains (no letter, fine, stage… named after it)."""
    from bot.nlu.fact_parsing import _OTHER_ANTECEDENT
    last = None
    for last in _LICENCE_NAMED.finditer(text):
        pass
    return last is not None and not _OTHER_ANTECEDENT.search(text, last.end())


def _above_maximum_asked(tracker: Tracker) -> Optional[str]:
    from actions.follow_ups import above_maximum_asked  # (follow_ups reads this module)
    return above_maximum_asked(tracker)


def last_value_before_message(slot: str, tracker: Tracker) -> Any:
    """The slot's last value before the latest user message, even if it was reset since (an offence answered)."""
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    return next((event.get("value") for event in reversed(events[:last_user])
                 if event.get("event") == "slot" and event.get("name") == slot and event.get("value") is not None), None)


def corrected_this_turn(tracker: Tracker) -> bool:
    """action_apply_correction ran after the latest message (it said "C'est noté. Pour refaire le calcul :" and started
    the form): the correction is not said noted a second time (T10 c16)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == "action_apply_correction":
            return True
    return False


def reasked_marker(slot: str, tracker: Tracker) -> str:
    """`reasked_slot`'s value: the slot and the turn (the number of user messages so far), so that a
    re-ask never silences the form's question in a later turn."""
    return f"{slot}#{sum(1 for event in tracker.events if event.get('event') == 'user')}"


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message or {}).get("intent", {}).get("name")


def _status_only_asked(tracker: Tracker) -> bool:
    """The licence's status was only asked about ("est-ce que son permis est annulé ?", T24 c06: the son's AAC licence
    was then counted as obtained again, its ceiling 8 instead of 9), never told: each message that named it with a
    question mark just after ("… est annulé ?"; not "permis invalidé, nouveau permis le 20/10/2026 : combien ?")."""
    value = tracker.get_slot("licence_status")
    named = [(event.get("text") or "", entity) for event in tracker.events if event.get("event") == "user"
             for entity in (event.get("parse_data") or {}).get("entities") or []
             if entity.get("entity") == "licence_status" and entity.get("value") == value]
    if not named or any("end" not in entity for _, entity in named):
        return False
    return all(re.match(r"[^,;:.!?\n]{0,20}\?", text[entity["end"]:]) for text, entity in named)


def relicensed(tracker: Tracker) -> bool:
    """The licence was obtained again after an invalidation or a judicial cancellation said in the conversation
    ("mon permis a été invalidé, je l'ai repassé en octobre"): probationary for 3 years from 6 points, and
    neither the AAC nor, on our reading, the complementary training can shorten it (R5 example 4, R.211-5; R6)."""
    if tracker.get_slot("licence_status") in ("invalidated", "cancelled") and not _status_only_asked(tracker):
        return True
    # "g perdu mon permis (0 pts) y a 2 ans, je l'ai repassé le 20 octobre 2026" (tester T3 c47): an invalidation told
    # with its day, before the licence's date, says that licence is the new one
    invalidated = invalidation_told(tracker)
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    return invalidated is not None and licence is not None and licence.earliest() > invalidated.latest()


def refused_twice(tracker: Tracker, slot: str, form: str) -> bool:
    """"Je ne sais pas" said twice to this slot's question since the form was last opened (the first one was told
    where to find the fact): the form goes on without it."""
    requested, refusals = None, 0
    for event in tracker.events:
        if event.get("event") == "active_loop" and event.get("name") == form:
            refusals = 0  # (the form opened again: a new question)
        elif event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            refusals += intent == "dont_know" and requested == slot
    return refusals >= 2


def licence_may_be_probationary(tracker: Tracker) -> bool:
    """Whether the licence may still be probationary (< 3 years), so AAC matters (R5). With AAC (and the
    training) known, the probation's own end decides: an AAC licence of January 2024 is out of it since
    January 2026."""
    value = tracker.get_slot("licence_date")
    if value is None:
        return True
    try:
        obtained = slot_values.PartialDate.parse(value).latest()
        trained = slot_values.to_date(tracker.get_slot("training_date"), safe="latest")
    except InvalidAnswer:
        return True
    aac, training = tracker.get_slot("supervised_driving"), tracker.get_slot("complementary_training")
    if relicensed(tracker):
        plan = probation_plan(licence_date=obtained, relicensed=True)
        return plan is not None and plan.end > today()
    if aac is not None and training is not None and (training is False or trained is not None):
        plan = probation_plan(licence_date=obtained, aac=bool(aac), training_date=trained if training else None)
        return plan is not None and plan.end > today()
    if aac is not None:
        # the training only shortens a probation (R6): over without it, it is over, and it is not asked (tester T1
        # c15: an AAC licence of June 2024 was asked about the training in December 2026)
        plan = probation_plan(licence_date=obtained, aac=bool(aac))
        if plan is not None and plan.end <= today():
            return False
    return obtained + relativedelta(years=PROBATION_YEARS_AT_MOST) > today()


def training_changes_nothing(tracker: Tracker) -> bool:
    """R6: the complementary training shortens the probation only if no offence with a retrait is committed before the
    shortened end (2 years, 18 months after the AAC: rules_core.capital.probation_plan, reduction "lost"). An offence
    told with its points, committed before that end whatever the days told stand for, gives the same answer with the
    training or without it: it is not asked (T21 c16, T22 c13 were asked it for nothing)."""
    aac = tracker.get_slot("supervised_driving")
    if tracker.get_slot("probation_offence") is not True or \
            tracker.get_slot("complementary_training") is not None or not tracker.get_slot("last_offence_points"):
        return False
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    told = [slot_values.partial_date_or_none(tracker.get_slot(slot)) for slot in ("offence_date", "fine_payment_date")]
    told = [day.latest() for day in told if day is not None]
    if licence is None or licence.precision == "year" or not told:
        return False
    view = load_params().at(licence.earliest())
    # (the AAC not asked, its ceiling the same either way: the offence before both shortened ends, T54 c26)
    keys = ["probation.training.duration_aac"] if aac else ["probation.training.duration"] if aac is False else \
        ["probation.training.duration_aac", "probation.training.duration"]
    reduced = [view.get(key).value for key in keys]
    # (the offence is committed by its payment's day at the latest; the shortened end is the earliest the licence gives)
    return any(value is None for value in reduced) or all(min(told) < add(licence.earliest(), value)
                                                          for value in reduced)


_STAGE_WORD = re.compile(r"\bstages?\b")


def balance_left_asked_without_stage(tracker: Tracker) -> bool:
    """"et après le contrôle d'hier, quand j'aurai payé, il me restera combien ?" read as the points after a stage:
    the message asks what the user's offence will leave (its points known), names no stage, and none is known; the
    balance's answer computes it (R1, R2: once the offence is established), the stage's form would ask the balance
    (tester T22 c25)."""
    from actions.answers import ASKS_WHAT_IS_LEFT  # (answers reads this module)
    points = tracker.get_slot("last_offence_points")
    text = fold((tracker.latest_message or {}).get("text") or "")
    return bool(ASKS_WHAT_IS_LEFT.search(text)) and not _STAGE_WORD.search(text) and \
        tracker.get_slot("stage_first_day") is None and isinstance(points, (int, float)) and \
        not isinstance(points, bool) and points > 0


# "avec le stage", "avec ce stage", "après mon stage", "grâce au stage" (folded): the stage spoken of, not one named anew
# ("avant le stage j'avais 7 points, le stage m'en a rendu 4": the balance before it, said with it, T42 c06)
_THE_STAGE_SPOKEN_OF = re.compile(r"\b(?:avec|apres|avant|grace a|compte tenu d)\s*(?:le|ce|mon|au|du|l')\s*stage\b"
                                  r"|\b(?:le|ce|mon) stage (?:m'|m'en |me )?a (?:rendu|redonne|donne|rapporte)\b")


# "quand je retrouve 12", "pour revenir à 12", "remonter à 12", "j'aurai 12 quand" (folded words before the count): a count
# to reach, not the balance
_A_COUNT_TO_REACH = re.compile(r"\b(?:retrouv\w*|recuper\w*|revien\w*|revenir|remont\w*|repass\w*|regagn\w*|aurai\w*"
                               r"|atteindr\w*|atteint|arriv\w*)\s+(?:a\s+|mes\s+|les\s+)?$")


def balance_with_the_stage_done_asked(tracker: Tracker) -> bool:
    """"ben combien il me reste avec le stage" after a history of retraits where the user told a stage done ("j'ai fait
    un stage en mars 2023, les 14 et 15 mars"): the balance today, that stage counted, which the balance's answer
    computes from the history (R1, R12); not a stage to come, whose form would ask the balance, the licence's date and
    the stage's day (T36 c17). False when a stage to come is known, or a date is named with the question."""
    from actions.answers import ASKS_WHAT_IS_LEFT, stage_dates_said  # (answers reads this module)
    from actions.follow_ups import _BALANCE_NOW_ASKED
    from actions.offence_history import told_retraits
    text = fold((tracker.latest_message or {}).get("text") or "")
    # ("j'en ai combien ?" asks the same balance now, T42 c06)
    asked = ASKS_WHAT_IS_LEFT.search(text) or _BALANCE_NOW_ASKED.search(text)
    if not (asked and _THE_STAGE_SPOKEN_OF.search(text)) or _stage_or_day_to_come_named(tracker) or \
            not told_retraits(tracker):
        return False
    stages = [slot_values.partial_date_or_none(value) for value in stage_dates_said(tracker)]
    to_come = slot_values.partial_date_or_none(tracker.get_slot("stage_first_day"))
    return bool(stages) and all(stage is not None and stage.latest() < today() for stage in stages) and \
        (to_come is None or to_come.latest() < today())


def _stage_or_day_to_come_named(tracker: Tracker) -> bool:
    """The latest message names a stage's date, or a day after today (a stage to come, the day a balance is asked
    for); not the past days of the retraits it tells ("la ceinture c'était le 2 novembre, j'ai payé le 10", T42 c06)."""
    for entity in (tracker.latest_message or {}).get("entities", []):
        if entity.get("entity") != "date":
            continue
        day = slot_values.partial_date_or_none(entity.get("value"))
        if entity.get("role") == "stage" or day is None or day.latest() > today():
            return True
    return False


def training_cannot_have_shortened(tracker: Tracker) -> bool:
    """The user says the licence is probationary today ("j'ai un permis probatoire depuis le 15 mai 2024") and the
    probation a formation complémentaire would have shortened (2 years, 18 months after an AAC: R6) is over by today:
    the training was not taken, or an offence cancelled its reduction; the probation is the full one either way, and the
    training is not asked. False when the AAC, or the licence's day or month, is not known."""
    if tracker.get_slot("probationary") is not True or relicensed(tracker) or \
            tracker.get_slot("supervised_driving") is None or tracker.get_slot("complementary_training") is not None:
        return False
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    if licence is None or licence.precision == "year":
        return False
    aac = bool(tracker.get_slot("supervised_driving"))
    reduced = load_params().at(licence.earliest()).value(
        "probation.training.duration_aac" if aac else "probation.training.duration")
    return reduced is not None and add(licence.latest(), reduced) <= today()


def training_window_not_open_yet(tracker: Tracker) -> bool:
    """The licence is younger than the training's window (its 6th month, R6; R.223-1): the post-permis training cannot
    have been followed yet, asking it is no question ("permis B obtenu le 1er décembre 2026" on that day: "A-t-il suivi
    la formation complémentaire ?", then "pas encore évidemment, il l'a eu ce matin" not understood; T50 c27)."""
    if tracker.get_slot("complementary_training") is not None or relicensed(tracker):
        return False
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    if licence is None or licence.precision == "year":
        return False
    window_from = load_params().at(licence.earliest()).value("probation.training.window_from")
    return window_from is not None and add(licence.earliest(), window_from) > today()


def offence_in_probation(tracker: Tracker) -> bool:
    """The offence told in the probation form was committed (or its fine paid, which comes after) within 3 years of
    the licence: a probation may have been running then, the longest one (R5)."""
    if tracker.get_slot("probation_offence") is not True or relicensed(tracker):
        return False
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    told = [slot_values.partial_date_or_none(tracker.get_slot(slot)) for slot in ("offence_date", "fine_payment_date")]
    told = [day.earliest() for day in told if day is not None]
    if licence is None or licence.precision == "year" or not told:
        return False
    return min(told) < longest_probation_end(licence.latest(), tracker.get_slot("supervised_driving"))


def year_enough_after_the_aac(value: Any, tracker: Tracker) -> bool:
    """"permis en 2023 avec la conduite accompagnée": an AAC probation of 2 years (R5) begun in 2023 is over by the end
    of 2025 whatever the month; once over, the month changes nothing today, unless an offence (or its payment) told
    may fall before that end, within the probation (R7). The year is kept, not its month asked (T41 c27)."""
    partial = slot_values.partial_date_or_none(value) if isinstance(value, str) else None
    return partial is not None and partial.precision == "year" and \
        aac_probation_over_before_the_offences(partial.latest(), tracker)


def aac_probation_over_before_the_offences(obtained: date, tracker: Tracker) -> bool:
    """An AAC licence obtained by `obtained` at the latest: its probation (2 years at most, R5) is over today, and every
    offence (or payment) told came after it; no day of the licence before `obtained` changes the answer then."""
    if tracker.get_slot("supervised_driving") is not True or relicensed(tracker):
        return False
    end = longest_probation_end(obtained, True)
    told = [slot_values.partial_date_or_none(tracker.get_slot(slot)) for slot in ("offence_date", "fine_payment_date")]
    return end <= today() and all(day.earliest() >= end for day in told if day is not None)


def longest_probation_end(obtained: date, aac: Optional[bool]) -> date:
    """The latest day a probation begun on `obtained` may end: 3 years, 2 after an AAC said (R5; the training only
    shortens it, R6). An AAC licence of July 2023 is out of probation in July 2025: an offence of May 2026 was
    committed after it, whatever the training (T41 c27 was asked it)."""
    duration = load_params().at(obtained).value("probation.duration_aac") if aac is True else None
    if duration:
        return add(obtained, duration)
    return obtained + relativedelta(years=PROBATION_YEARS_AT_MOST)


def offence_told(slots: Dict[Text, Any], until: Optional[date] = None) -> List[Dict[Text, Any]]:
    """The offence told in the conversation, as the engine takes it, when its points and a date are known
    (R7: during probation it freezes the ceiling). Without the day it was committed, the payment stands for it:
    the offence came no later. The class changes the recovery dates, not the ceiling: a 4e class stands in when
    it is unknown."""
    points = slots.get("last_offence_points")
    if not points or slots.get("probation_offence") is False:
        return []
    try:
        committed = slot_values.to_date(slots.get("offence_date"), safe="earliest")
        paid = slot_values.to_date(slots.get("fine_payment_date"), safe="latest")
    except InvalidAnswer:
        return []
    commission = committed or paid
    if commission is None or (until is not None and commission > until):
        return []
    klass = slots.get("offence_class")
    return [{"commission": commission, "realite": paid, "points": int(points),
             "offence_class": klass if klass in OFFENCE_CLASSES else "c4",
             # the day it was committed told, not only a month or the payment (named so in the answer, R7)
             "commission_known": len(str(slots.get("offence_date") or "")) == 10,
             # only the payment told: the offence is named by it (R2)
             "payment_told": committed is None and paid is not None}]


def probation_balance(tracker: Tracker) -> Optional[int]:
    """The balance of a probationary licence whose facts are all known (its date, AAC when it matters, no offence
    or the one told with its points and dates): the question of the balance is then not asked (R5, R7, R8)."""
    balance = probation_computed_balance(tracker)
    return balance if balance is not None and balance > 0 else None


def probation_balance_not_above_zero(tracker: Tracker) -> bool:
    """The facts told of a probationary licence bring its balance to 0 or below ("alcool 0,4 g/l et téléphone" in the
    first year: 6 − 8, "solde calculé : -2"): the answers compute it (R18, R20); the user is not asked the balance the
    assistant told them (tester T31 a24c: "Combien de points avait-il juste avant ce stage ?")."""
    balance = probation_computed_balance(tracker)
    return balance is not None and balance <= 0


def probation_computed_balance(tracker: Tracker) -> Optional[int]:
    """probation_balance's computed balance, which may be 0 or below (R18: -2 before a stage that saves the licence)."""
    slots = tracker.slots
    if not slots.get("licence_date") or not licence_may_be_probationary(tracker):
        return None
    try:
        licence = slot_values.to_date(slots["licence_date"], safe="latest")
    except InvalidAnswer:
        return None
    again = relicensed(tracker)
    from actions.answers import Facts  # (answers reads this module)
    from actions.offence_history import told_retraits
    if len(told_retraits(tracker)) > 1:
        # "1 point perdu le 2 février 2026 … puis 2 points le 12 octobre 2026": the balance of all the retraits told,
        # as the answer computed it (4 of 6), not of the one offence the slots keep (the last date with the first
        # points: 8 − 1 = 7, "dépasse le plafond de 6", tester T33 c20; R5, R7, R8)
        return _probation_balance_of_the_history(tracker, licence, again)
    offences = offence_told(slots)
    if not offences and slots.get("probation_offence") is not False:
        return None  # an offence whose points or date are still unknown
    # the stages told count too ("stage obligatoire les 5 et 6 mai" after the 48N, R7, R12)
    stages = [first for first in Facts(tracker).stages_done(today()) if first >= licence]
    # from the first anniversary, the ceiling depends on AAC (R5), unless both ways give the same balance: an offence
    # of the first year stops the increments either way (R7; T16 c08: "permis en septembre 2025, 2 points perdus en
    # août", AAC not known, 4 of 6)
    ways = [bool(slots.get("supervised_driving")) and not again] \
        if slots.get("supervised_driving") is not None or licence + relativedelta(years=1) > today() or again \
        else [False, True]
    balances = set()
    for aac in ways:
        try:
            status = probation_status(licence_date=licence, today=today(), aac=aac, relicensed=again,
                                      offences=offences, no_offence=not offences, stages=stages)
        except InconsistentFacts:
            return None
        balance, computed = status.results.get("balance"), status.results.get("computed_balance")
        balances.add(computed if balance == 0 and isinstance(computed, int) else balance)  # (0: maybe -2, R18)
    balance = balances.pop() if len(balances) == 1 else None
    return balance if isinstance(balance, int) and not isinstance(balance, bool) else None


def _probation_balance_of_the_history(tracker: Tracker, licence: date, again: bool) -> Optional[int]:
    """`probation_balance` for several retraits told with their dates: the balance the history of them gives (the
    answers' `history_decision`), the same whether AAC was followed or not when that is not known (R5)."""
    from actions.answers import Facts, history_decision  # (answers reads this module)
    aac = tracker.slots.get("supervised_driving")
    ways = [bool(aac) and not again] if aac is not None or licence + relativedelta(years=1) > today() or again \
        else [False, True]
    balances = set()
    for way in ways:
        facts = Facts(tracker)
        facts._aac_counted = way
        try:
            decision = history_decision(facts, today(), assume_full_before=False)
        except InconsistentFacts:
            return None
        balances.add(decision.results.get("balance") if decision is not None else None)
    balance = balances.pop() if len(balances) == 1 else None
    return balance if isinstance(balance, int) and balance > 0 else None


# "je ne connais pas mon solde", "je sais pas combien il me reste", "aucune idée de mon solde"
BALANCE_NOT_KNOWN = re.compile(
    r"\b(?:ne\s+)?(?:connais|sais)\s+pas\s+(?:(?:exactement|trop|vraiment)\s+)?(?:mon solde|mon nombre de points"
    r"|combien (?:de points )?(?:il me reste|il m'?\s?en reste|j'?\s?ai|j'?\s?en ai))\b"
    r"|\b(?:aucune idee|pas d'idee)\s+(?:de|du)\s+(?:mon\s+)?(?:solde|nombre de points)\b|\bsolde inconnu\b")


#: how a date given besides the question is acknowledged ("C'est noté : paiement de l'amende le 1er septembre 2026.")
NOTED_DATES_FR = {
    "fine_payment_date": "paiement de l'amende", "offence_date": "infraction", "letter_48n_date": "lettre 48N reçue",
    "licence_date": "permis obtenu", "stage_first_day": "stage", "previous_stage_date": "dernier stage",
    "training_date": "formation complémentaire",
}


def noted_besides(requested: Optional[str], events: List[EventType], tracker: Tracker) -> Optional[str]:
    """"C'est noté : paiement de l'amende le 1er septembre 2026." for the facts a message gave besides the one
    asked, when it did not answer that one (which is then asked again); None otherwise."""
    set_now = {e.get("name"): e.get("value") for e in events if isinstance(e, dict) and e.get("event") == "slot"}
    if not requested or set_now.get(requested) is not None:
        return None
    new = [(slot, value) for slot, value in set_now.items() if slot in CORRECTABLE_SLOTS + OFFENCE_DETAIL_SLOTS
           and value is not None and value_before_message(slot, tracker) is None]
    if not new:
        return None
    said = dated_facts_fr(new)
    return f"C'est noté : {', '.join(said)}." if said else "C'est noté."


def dated_facts_fr(facts: List[Tuple[str, Any]]) -> List[str]:
    """The dates among (slot, value) facts, as acknowledged: "paiement de l'amende le 1er septembre 2026",
    "infraction en novembre 2026"; the other facts are left out."""
    said = []
    for slot, value in facts:
        partial = FactsValidation._partial(value) if slot in NOTED_DATES_FR and isinstance(value, str) else None
        if partial is not None:
            on = f"le {format_long_fr(partial.earliest())}" if partial.precision == "day" else f"en {partial.french()}"
            said.append(f"{NOTED_DATES_FR[slot]} {on}")
    return said


# "c'est la date de l'infraction", "le 14 juillet c'est la date de lexces", "c'est le jour du flash": the date said (or
# the one read before) given back to the offence, or to the payment ("c'est la date du paiement")
_DATE_OF = r"\b(?:date|jour)\s+(?:de\s+|du\s+|d'\s?|des\s+|ou\s+)(?:l'\s?|la\s+|le\s+|mon\s+|ma\s+|cette\s+|cet\s+|j'\s?ai\s+)?"
_DATE_OF_OFFENCE = re.compile(_DATE_OF + r"l?(?:infraction|exces|contravention|pv|flash\w*|controle|radar|amende"
                                         r"|ete\s+flashe|ete\s+controle|ete\s+arrete)")
_DATE_OF_PAYMENT = re.compile(_DATE_OF + r"(?:paiement|reglement|paye|regle)")


_FAR_AHEAD = slot_values.PartialDate(9999, None, None)
# "si je fais un stage volontaire maintenant", "je le fais tout de suite", "faire le stage dès que possible" (folded
# text): a stage to take now, not one done ("j'ai fait un stage, j'en ai combien maintenant ?")
_STAGE_NOW = re.compile(
    r"\b(?:fais|fait|faisais|faire|ferais|ferai|passe|passais|passer|suis|suivais|suivre|prends|prenais|prendre)\s+"
    r"(?:un|1|le|ce|mon|l')\s*(?:stage\s+)?(?:(?:volontaire|de recuperation|de recup)\s+)?"
    r"(?:maintenant|tout de suite|des maintenant|des que possible|au plus vite|au plus tot|rapidement|asap)\b")


def no_stage_done(tracker: Tracker, slots: Optional[Dict[Text, Any]] = None) -> Dict[Text, Any]:
    """"je n'ai jamais fait de stage, c'est la date de l'infraction", "mais non j'ai pas fait de stage, le 14 juillet
    c'est la date de l'excès", "aucun stage !": no stage was done, so a past day read as a stage's in this conversation
    (or in this message, `slots` being what it fills) was not one: it is forgotten, and the day the message gives back
    to the offence (or to the payment) becomes that fact's (R7: the offence's day sets the probationary ceiling; R13:
    no stage, no one-year delay). A stage still to come is a plan, not denied. {} when the message denies no stage
    (tester T8 c13)."""
    if False not in message_values(tracker, "previous_stage"):
        return {}
    slots = slots or {}
    text = fold((tracker.latest_message or {}).get("text") or "")
    changes: Dict[Text, Any] = {}
    denied: List[str] = []
    for slot in ("stage_first_day", "previous_stage_date"):
        value = slots.get(slot) if slot in slots else tracker.get_slot(slot)
        day = slot_values.partial_date_or_none(value) if isinstance(value, str) and value != NO_PREVIOUS_STAGE \
            else None
        if day is not None and day.earliest() <= today():
            denied.append(value)
            changes[slot] = NO_PREVIOUS_STAGE if slot == "previous_stage_date" else None
    past = [e for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == "date"
            and e.get("role") in (None, "stage", "offence", "payment")]
    dated = [e for e in past if (slot_values.partial_date_or_none(e.get("value")) or _FAR_AHEAD).earliest() <= today()]
    day = dated[0] if len(dated) == 1 else None
    target = "offence_date" if (day or {}).get("role") == "offence" or _DATE_OF_OFFENCE.search(text) else \
        "fine_payment_date" if (day or {}).get("role") == "payment" or _DATE_OF_PAYMENT.search(text) else None
    value = day.get("value") if day else (denied[0] if denied else None)
    if target and value:
        changes[target] = value
    return changes


def no_stage_done_note(changes: Dict[Text, Any]) -> str:
    """"C'est noté : vous n'avez fait aucun stage ; le 14 juillet 2026 est la date de l'infraction." for the changes of
    no_stage_done."""
    given = next(((slot, changes[slot]) for slot in ("offence_date", "fine_payment_date") if changes.get(slot)), None)
    partial = slot_values.partial_date_or_none(given[1]) if given else None
    if partial is None:
        return "C'est noté : vous n'avez fait aucun stage."
    day = f"le {partial.french()}" if partial.precision == "day" else partial.french()
    of = "de l'infraction" if given[0] == "offence_date" else "du paiement de l'amende"
    return f"C'est noté : vous n'avez fait aucun stage ; {day} est la date {of}."


# what may follow a count asked back, to the question mark: "donc il me reste 6 points ?", "il m'en reste 6 c'est ça ?",
# "je suis à 9, non ?", "6 du coup, c'est bien ça ?"
_ASKED_BACK_AFTER = re.compile(r"^[^.;!?,]*(?:,\s*(?:c'?\s?est (?:bien )?ca|c bien ca|non|hein|du coup|alors|donc|pas vrai"
                               r"|ou pas|on est d'accord|je me trompe)\b[^.;!?,]*)*\?")


def offence_answered_asked_again(tracker: Tracker) -> bool:
    """"donc ça fait combien de points en moins ? j'avais 12" right after the offence's answer: the message names no
    offence, the one answered is known by its points, and a balance is told with it: its balance after the retrait
    answers (R1, R2, R3), not "Quelle infraction ?" (T16 c22)."""
    entities = (tracker.latest_message or {}).get("entities", [])
    return tracker.get_slot("last_question") == "action_answer_offence_points" and \
        tracker.get_slot("last_offence_points") is not None and \
        value_before_message("offence_type", tracker) is None and \
        not any(e.get("entity") in ("offence_type", "speed_excess", "speed_limit", "speed_measured") for e in entities) \
        and "current_balance" in slots_set_by_latest_message(tracker)


def balances_asked_back(tracker: Tracker) -> List[Any]:
    """The balances of the latest message asked back, to be confirmed, not told: the figure's clause ends with the
    question ("donc il me reste 6 points ? je vais recevoir une lettre ?", "j'avais 12, je perds 6, il m'en reste 6
    c'est ça ?"). The figure asked is the one the user computed; the balance known is not changed by it."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    return [e.get("value") for e in message.get("entities", []) if e.get("entity") == "points"
            and "end" in e and _ASKED_BACK_AFTER.match(text[e["end"]:])
            and not _ASKS_ITS_OWN.search(text[e["end"]:].split("?")[0])
            and (e.get("role") == "balance" or (e.get("role") is None and "start" in e and _LEFT_TO_COME.search(
                text[max(0, e["start"] - 30):e["start"]])))]


# "j'ai 6 points, donc avec le stop grillé il m'en reste combien ?": the clause after the figure asks its own question
# (a question word), the figure is told, not asked back (T18's replay of T17 c13: "Il vous restera 2 points, pas 6")
_ASKS_ITS_OWN = re.compile(r"\b(?:combien|cb|quand|quel|quelle|quels|quelles|comment|pourquoi)\b")


# "donc il me restera 2 points ?", "ça me laissera 2 points c'est ça ?": the balance after the retrait, asked back
# (T16 c23 took it for a balance of 2 before it, then -6)
_LEFT_TO_COME = re.compile(r"\b(?:restera|resterait|resteront|laissera|laisserait|aurai|aurais|serai a|serais a)\s+"
                           r"(?:donc\s+|alors\s+|plus que\s+|que\s+|encore\s+)?$")


def balance_told_besides_asked(tracker: Tracker) -> Any:
    """The balance to keep when the latest message asks a balance back (`balances_asked_back`) while one is known:
    the one it tells besides ("j'avais 12 points, …"), else the one known before it. The figure asked is kept only
    when no balance is known at all ("donc jsuis a 12 là ?" after a recovery told without one)."""
    before = value_before_message("current_balance", tracker)
    asked = balances_asked_back(tracker)
    if not asked:
        return None
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    told = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "points"
            and e.get("role") == "balance" and "end" in e and not _ASKED_BACK_AFTER.match(text[e["end"]:])]
    # (told besides, it is kept even when none was known: "mais il avait 8 points depuis février 2026 […] donc il lui
    # reste 2 points non ?" after an answer that took the probationary ceiling as the balance before the retrait; the
    # 2 became the balance and 2 − 6 = -4, "le permis ne peut pas être sauvé", tester T29 c18)
    return told[-1] if told else before


def _day_asked_about(value: Any, tracker: Tracker) -> bool:
    """The latest message gives this date in a clause that asks about it ("je peux le faire quand je veux alors ? même
    demain ?"): another day asked about for the stage, which its answer weighs as a hypothesis."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    return any(e.get("entity") == "date" and e.get("value") == value and "end" in e
               and _ASKED_BACK_AFTER.match(text[e["end"]:]) for e in message.get("entities", []))


def _stage_day_only_asked_before(before: Any, tracker: Tracker) -> bool:
    """The stage's day known before the latest message was only asked about ("je peux en refaire un aujourd'hui ?")
    or assumed by the form, never told as the stage's day: a day told now ("je m'inscris pour le 14-15 décembre") is
    the plan, not a correction of it (T21 c31 got "C'est noté, je corrige.")."""
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    for event in reversed(events[:last_user]):
        if event.get("event") != "user":
            continue
        text = fold(event.get("text") or "")
        said = [e for e in (event.get("parse_data") or {}).get("entities", [])
                if e.get("entity") == "date" and e.get("value") == before and "end" in e]
        if said:
            return all(_ASKED_BACK_AFTER.match(text[e["end"]:]) for e in said)
    return True


# the counts a form may ask (the balance first); a word that corrects a count said alone ("plutôt 12", "non 12 en fait")
_COUNT_SLOTS = ("current_balance", "last_offence_points", "speed_excess", "speed_limit", "speed_measured")
_CORRECTS_A_COUNT = re.compile(r"\b(?:en fait|en vrai|plutot|finalement|pardon|non|oups|erreur|je me suis trompe\w*)\b")


def corrects_a_known_fact(slot: str, value: Any, tracker: Tracker) -> bool:
    """Whether the latest message changes a fact known before it, so that "C'est noté, je corrige." is true: not a
    fact first told, nor the same one again, nor a date made more precise ("décembre 2026", then "les 14-15 décembre
    2026"), nor a day asked about as a hypothesis ("et je peux le faire demain ?"), nor a balance asked back ("donc il
    me reste 6 ?"), nor the balance before the retraits the message tells when today's was known ("il me reste 0
    point", then "j'avais 2 points et j'ai grillé un feu rouge"): another fact than today's balance (T13 c11, c16,
    c28, c30)."""
    before = value_before_message(slot, tracker)
    if value is None or before in (None, value, *_SAME_AS.get(value, ())) or another_person_named(tracker):
        return False  # (another person's fact is no correction of the first one's: "et mon fils ?", T27 c34)
    if slot in DATE_SLOTS and isinstance(value, str) and isinstance(before, str):
        said, known = slot_values.partial_date_or_none(value), slot_values.partial_date_or_none(before)
        if said is not None and known is not None and known.precision != "day" and \
                known.earliest() <= said.earliest() and said.latest() <= known.latest():
            return False
    if is_hypothesis(tracker) or (slot == "stage_first_day" and (
            _day_asked_about(value, tracker) or _stage_day_only_asked_before(before, tracker))):
        return False
    if slot in ("fine_payment_date", "offence_date") and _later_offence_told(value, before, tracker):
        return False
    if slot == "current_balance":
        if value in balances_asked_back(tracker) or value == balance_the_last_answer_said(tracker):
            return False  # ("et avec 2 points je fais quoi ?" after "il vous reste 2 points": that balance, T35 c18)
        text = fold((tracker.latest_message or {}).get("text") or "")
        if BALANCE_BEFORE.search(text) and told_retraits_in_latest_message(tracker):
            return False
    return True


def adds_a_retrait(tracker: Tracker) -> bool:
    """Whether the latest message tells a retrait besides those told before, all of them kept ("perdu 6 points pour un
    grand excès payé en mars 2016", then "et un feu rouge payé le 2 juin 2016 ? il revient quand"): a fact added to the
    story, which the slots of the one offence take in place of the other, not a correction of it (R1, R10)."""
    if latest_text_says(tracker, CORRECTION):
        return False
    before = told_retraits(tracker, before_latest=True)
    now = told_retraits(tracker)
    return bool(before) and len(now) > len(before) and \
        {r.said_date for r in before} <= {r.said_date for r in now}


def balance_the_last_answer_said(tracker: Tracker) -> Optional[int]:
    """Today's balance the last answer that computed one said before the latest message ("il vous reste 2 points"):
    the user saying it back ("et avec 2 points je fais quoi ?") takes it, corrects nothing. None when none was said."""
    from actions.answers import _balance_an_answer_established  # (answers reads this module)
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    return next((said for event in reversed(events[:last_user])
                 for said in [_balance_an_answer_established(event)] if said is not None), None)


def _later_offence_told(value: Any, before: Any, tracker: Tracker) -> bool:
    """A later date told with the points of the last offence asked ("Combien de points votre dernière infraction
    vous a-t-elle retirés ?" → "1 point, payé le 3 octobre 2026", after a phone paid in 2016 and offences since): that
    last offence's, a new one, not a correction of the first (tester T15 c19 got "C'est noté, je corrige.")."""
    if tracker.get_slot("requested_slot") != "last_offence_points" or latest_text_says(tracker, CORRECTION):
        return False
    said, known = slot_values.partial_date_or_none(value), slot_values.partial_date_or_none(before)
    return said is not None and known is not None and said.earliest() > known.latest()


def balance_said_before_retraits(tracker: Tracker, before_latest: bool = False) -> bool:
    """The balance known was said in a message that tells retraits ("j'avais 12 points, j'ai perdu 3 points en mars
    2025…"): the balance the answer started from, not today's. `before_latest`: as known before the latest message.
    (The message that gave the slot its value counts, not a form's validation that sets it again.)"""
    events = tracker.events
    end = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events)) if before_latest \
        else len(events)
    value, said, user = None, None, None
    for event in events[:end]:
        if event.get("event") == "user":
            user = event
        elif event.get("event") == "slot" and event.get("name") == "current_balance" and event.get("value") != value:
            value, said = event.get("value"), user
    if value is None or said is None:
        return False
    return bool(retraits_in_message((said.get("parse_data") or {}).get("entities", []), said.get("text") or ""))


# "elle est au maximum ou pas ?", "j'ai tous mes points ?", "il a ses 12 points ou non ?" (folded): whether the balance
# is the maximum asked, a yes or no question
_AT_MAXIMUM_ASKED = re.compile(
    r"\b(?:est|suis|es|etes|serait|serais)\s+(?:deja\s+|bien\s+|encore\s+|donc\s+)*(?:au|a son|a mon|a votre)\s+max(?:imum)?\b"
    r"|\b(?:a|ai|as|avez)\s+(?:deja\s+|bien\s+|encore\s+|donc\s+)*(?:tous\s+(?:ses|mes|tes|vos)|(?:ses|mes|tes|vos)\s+12)"
    r"\s+points\b")
_ASKED_AFTER = re.compile(r"[^.!?\n]*(?:\?|\bou (?:pas|non)\b)")


def at_maximum_verdict(tracker: Tracker) -> str:
    """"Je ne comprends pas, elle est au maximum ou pas ?": the plain answer first, from the retraits told ("Non, pas
    au maximum : … retrouvera son maximum de points le 18 avril 2028. ", R1, R9; T49 c23 got the balance alone, the
    answer left implicit). "" when the message does not ask it, or the retraits give no recovery to say."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    asked = next((m for m in _AT_MAXIMUM_ASKED.finditer(text) if _ASKED_AFTER.match(text, m.end())), None)
    if asked is None:
        return ""
    from actions.answers import Facts, history_decision  # (answers reads this module)
    try:
        decision = history_decision(Facts(tracker), today(), assume_full_before=True)
    except InconsistentFacts:
        return ""
    if decision is None or decision.question != "recovery" or decision.results.get("invalidation_ahead"):
        return ""
    full = decision.key_dates.get("full_recovery")
    if isinstance(full, date) and full > today():
        return (f"Non, pas au maximum : sans nouvelle infraction, votre permis retrouvera son maximum de points le "
                f"{format_long_fr(full)}. ")
    if any(r.code == "recovery.at_maximum" for r in decision.reasons):
        return "Oui, au maximum. "
    return ""


def balance_of_the_retraits_told(tracker: Tracker) -> Optional[int]:
    """The balance today that the dated retraits told give, as the balance answer computed it (R1, R8–R10);
    None when no retrait is told or the balance known was said after them."""
    if not told_retraits(tracker) or (tracker.get_slot("current_balance") is not None
                                      and not balance_said_before_retraits(tracker)):
        return None
    from actions.answers import Facts, history_decision  # (answers reads this module)
    try:
        decision = history_decision(Facts(tracker), today(), assume_full_before=True)
    except InconsistentFacts:
        return None
    balance = decision.results.get("balance") if decision is not None else None
    if not isinstance(balance, int) or isinstance(balance, bool) or balance <= 0:
        return None
    # only the balance an answer told the user (a recovery answer that assumed 12 before does not say it)
    # (a recovery answer gives it first too, answers.balance_first, but one that assumed 12 before does not tell it)
    told = re.compile(rf"^Solde aujourd'hui : {balance} points?\b(?!,? si vous aviez)", re.MULTILINE)
    return balance if any(event.get("event") == "bot" and told.search(event.get("text") or "")
                          for event in tracker.events) else None


# "pas encore arrivé", "c'est juste pour savoir", "la semaine prochaine", "c'est une question" (folded): said of an
# offence, it has not happened
_NOT_HAPPENED = re.compile(r"\bpas (?:encore )?(?:arrive\w*|eu lieu|fait|commis\w*)\b|\bpour savoir\b|\bune question\b"
                           r"|\bhypoth\w*|\bsi jamais\b|\bprochaine?\b|\bpro\b|\bdemain\b|\ba venir\b|\bdans (?:\d+|un|une|deux|"
                           r"quelques) (?:jours?|semaines?|mois)\b|\bce que (?:ca|cela) (?:ferait|donnerait)\b")
OFFENCE_TO_COME = (
    "D'accord : cette infraction n'a pas encore eu lieu, je ne la compte donc pas dans votre situation. Je calcule "
    "d'abord votre situation réelle ; ensuite, posez-moi votre hypothèse, par exemple « et si je me fais flasher à "
    "25 km/h de trop le 8 décembre ? » : je vous dirai ce qu'elle changerait.")


def offence_still_to_come(tracker: Tracker) -> bool:
    """The answer to the offence's day says the offence has not happened: a day to come with words that say so ("ben
    la semaine prochaine, genre le 8 décembre"), a day to come again right after the re-ask of a future day, or, with
    no day, "c'est pas encore arrivé, c'est juste pour savoir" (T8 c06: the same question came back four times)."""
    said = fold((tracker.latest_message or {}).get("text") or "")
    days = [slot_values.partial_date_or_none(str(value)) for value in message_values(tracker, "date")]
    to_come = [day for day in days if day is not None and day.earliest() > today()]
    asked_again = "est dans le futur" in next((event.get("text") or "" for event in reversed(tracker.events)
                                               if event.get("event") == "bot"), "")
    if to_come:
        return bool(_NOT_HAPPENED.search(said)) or asked_again
    return not days and bool(re.search(r"\bpas (?:encore )?(?:arrive\w*|eu lieu|commis\w*)\b|\bpour savoir\b"
                                       r"|\bhypoth\w*", said))


#: the dates of facts already past when told ("payée le …", "permis obtenu le …"): never a day to come
PAST_FACT_DATES = ("fine_payment_date", "licence_date", "training_date", "previous_stage_date", "letter_48n_date")


def future_past_facts(tracker: Tracker) -> Dict[str, Any]:
    """The dates of past facts (PAST_FACT_DATES) the latest message told, that Rasa set before the form ran (so that
    the form would not validate them) and that are to come: {slot: value}; {} for a hypothesis ("et si…")."""
    from actions.what_if import states_a_hypothesis
    if states_a_hypothesis((tracker.latest_message or {}).get("text") or ""):
        return {}
    validating, told = tracker.slots_to_validate(), slots_set_by_latest_message(tracker)
    future = {}
    for slot in PAST_FACT_DATES:
        day = slot_values.partial_date_or_none(told.get(slot)) if isinstance(told.get(slot), str) else None
        if slot not in validating and day is not None and day.earliest() > today():
            future[slot] = told[slot]
    return future


def without_its_question(message: str) -> str:
    """A refusal without the question that ends it ("… 15 n'est pas possible. Combien de points vous reste-t-il ?"
    -> "… 15 n'est pas possible."); a message that is only a question, unchanged."""
    found = re.match(r"(.*[.!:])\s+[^.!?:]*\?\s*$", message, re.S)
    return found.group(1) if found else message


class FactsValidation(FormValidationAction, abc.ABC):
    """Validators of every fact slot; each form picks the slots it requires."""

    @abc.abstractmethod
    def name(self) -> Text:
        """validate_<form name>."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # "mon fils a eu son permis en mars 2025…": the re-asks speak of him, as the answers and questions do
        dispatcher = speaking_of_the_subject(dispatcher, tracker)
        intent = latest_intent(tracker)
        requested = tracker.get_slot("requested_slot")
        answering = self._answering(tracker)
        from actions.answers import waiting_for_48si_answer  # (answers reads this module)
        if cancels_the_question(tracker):
            # "…j'ai 9 points. Annulez, en fait je vais attendre": the question given up, even with facts before it;
            # the form ends and its answer action says it is abandoned, as "annuler" alone does (T19 c37)
            if requested and (topic_ended(tracker) or (
                    requested not in message_slots(tracker) and not says_goodbye(tracker))):
                # "non c'est pour ma culture générale merci", "ça me suffit merci", "non pas besoin de calcul, annule":
                # the slot asked set, if only to None (a validation that sets none is rejected by the form, and the
                # core's fallback spoke first: tester T61 c30 got "Je n'ai pas bien compris…" before "j'abandonne");
                # a goodbye keeps the fallback's path, which says it once (T49 c30)
                return [SlotSet(requested, None), SlotSet("requested_slot", None)]
            return [SlotSet("requested_slot", None)]
        said = (tracker.latest_message or {}).get("text")
        # "attendez, avant : le stage est il déductible des impots ?" while a fact is asked: no rule of the points
        # system answers it; said so, and where to ask (tester T61 c27: read as the eligibility question, the form
        # rejected it and that question's form took over, the taxes ignored twice); "au fait ça rend combien de points
        # un stage ?" while the recovery form asks the payment's day: the rule (T64 c30: the stage's form took over, the
        # user's own question lost until asked a third time). Then the form asks its question again, whatever intent
        # the NLU read, the message's facts not kept.
        side = (TAXES if taxes_asked(said) else STAGE_POINTS_IN_GENERAL if self.form_name() not in (
            "points_after_stage_form", "stage_eligibility_form") and stage_points_asked_in_general(said) else None) \
            if answering else None
        if side:
            dispatcher.utter_message(text=side)
            return [*(SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                      if slot not in ("requested_slot", requested)),
                    SlotSet(requested, None), SlotSet("requested_slot", requested)]
        if self.form_name() == "probation_form" and (
                licence_to_come(tracker) or new_category_of_a_held_licence((tracker.latest_message or {}).get("text"))):
            # "quand j'aurai le permis je commence avec combien ?", "je l'ai pas encore, je le passe l'année prochaine" to
            # the licence's date: no date to ask, none of the message's facts kept ("en janvier" is no licence date);
            # the answer action gives a new licence's points (R5; tester T28 c25 got a future-date re-ask in a loop)
            return [SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                    if slot != "requested_slot"] + [SlotSet("requested_slot", None)]
        if only_an_impossible_balance_asked(tracker):
            # "j'ai 15 points sur mon permis c'est normal ?": its refusal is the answer (R1), nothing more to ask
            told = max(int(e.get("value") or 0) for e in (tracker.latest_message or {}).get("entities", [])
                       if e.get("entity") == "points")
            try:
                slot_values.balance(told)
            except InvalidAnswer as refused:  # (the refusal, without the question that follows it)
                dispatcher.utter_message(text=without_its_question(str(refused)))
            return [SlotSet("current_balance", None), SlotSet("requested_slot", None)]
        if not answering and requested is None and (above := _above_maximum_asked(tracker)):
            # "un ami m'a dit qu'on peut avoir 14 points en faisant pas d'infractions pendant longtemps, c vrai ?": no
            # licence carries more than 12 (R1); that is the whole answer, no fact to ask (tester T62 c12 got "14 n'est
            # pas possible", then "Quelle infraction ?" in a loop)
            dispatcher.utter_message(text=above)
            return [SlotSet("current_balance", None), SlotSet("requested_slot", None)]
        below_zero = negative_balance_to_the_balance_question(tracker)
        if below_zero is not None:
            # "je suis à -2 d'après mon calcul" to the balance's question: no balance a form can hold (0 to 12); what a
            # stage does to it is the answer (R18: saved at B + 4 if it ends before the 48SI), the form ends there
            dispatcher.utter_message(text=stage_on_a_negative_balance(below_zero, yes_or_no=False))
            return [SlotSet("current_balance", None), SlotSet("requested_slot", None)]
        if am_licence_only((tracker.latest_message or {}).get("text")):
            # "ma fille a juste le permis AM, elle perd des points ?": that licence has no points, the answer says so
            # (actions.answers); none of its facts is asked nor kept (tester T11 c15)
            return [SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                    if slot != "requested_slot"] + [SlotSet("requested_slot", None)]
        waiting = waiting_for_48si_answer(tracker)
        if waiting and answering:
            # "et si j'attends la lettre 48SI ?" while a fact is asked: too late then (R14 ex. 1, R18), said; the
            # question asked stays to answer
            dispatcher.utter_message(text=waiting)
            return [SlotSet(slot, value_before_message(slot, tracker)) for slot in tracker.slots_to_validate()
                    if slot not in ("requested_slot", requested)] + [SlotSet(requested, None),
                                                                      SlotSet("requested_slot", requested)]
        if waiting:  # the answer action says it, nothing to ask
            return restored_facts(tracker) + [SlotSet("requested_slot", None)]
        from actions.informational import stage_day_missed_answer  # (informational reads this module)
        missed = stage_day_missed_answer(tracker)
        if missed and answering:
            # "si je loupe le 2e jour du stage il est validé ou pas ?" while a fact is asked: answered (R11, R15),
            # then the question asked again; its "non" is no answer to it (tester T34 c26 got the next question)
            dispatcher.utter_message(text=missed)
            return [*(SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                      if slot not in ("requested_slot", requested)),
                    SlotSet(requested, None), SlotSet("requested_slot", requested)]
        if missed:
            # "et si je rate la 2eme journée parce que malade, ça compte ?" opened this form (the probation's, T34
            # c26): the answer action says the stage's rule, nothing to ask
            return [SlotSet("requested_slot", None)]
        from actions.answers import stage_saved_licence_first  # (answers reads this module)
        if not answering and stage_saved_licence_first(tracker):
            # "48SI reçue le 2 novembre, stage les 28 et 29 octobre, -2 points : elle garde son permis ?" opened this
            # form (the probation's, T26 c26): the answer action says the stage saved the licence (R18), nothing to ask
            return [SlotSet("requested_slot", None)]
        if answering and self.form_name() in VOLUNTARY_STAGE_FORMS and latest_text_says(tracker, STAGE_DENIED):
            # "quel stage ?? j'ai pas parlé de stage, il m'en reste combien" while the stage's day is asked: no stage to
            # ask about; the answer action replies in context, with the balance asked (follow_ups.
            # balance_asked_without_a_stage; tester T15 c13 got the stage's day twice)
            return [SlotSet("requested_slot", None)]
        if answering and self.form_name() == "refund_48n_form" and voluntary_stage_said(tracker):
            # "j'ai pas eu de 48N, c'est un stage volontaire" to the 48N's date: no refund, the answer says it (R16)
            return [SlotSet(slot, None) for slot in ("letter_code", requested)] + [SlotSet("requested_slot", None)]
        if not answering and (is_hypothesis(tracker) or asks_about_a_day_of_the_answer(tracker)):
            # "et si je me prends un excès de 10 km/h demain ?" opened this form: a hypothesis, which the answer
            # action computes (actions/what_if.py); its facts (a date to come) are neither checked nor kept
            return restored_facts(tracker) + [SlotSet("requested_slot", None)]
        if not answering and not _facts_told(tracker) and answer_in_context(tracker):
            # a follow-up of the last answer that tells no fact opened this form ("donc elle est obligée de faire un
            # stage pour 1 point ?" after an offence's answer): the answer action replies in context; the facts known
            # are not validated again (a year told before got "En quel mois de 2025… ?" first; tester T11 c05). (One
            # that tells a fact, "je les récupère quand si j'ai payé le 2 novembre ?", has it read first.)
            return [SlotSet("requested_slot", None)]
        refined = hypothesis_day(tracker) if answering and not latest_text_says(tracker, _SAID_RECEIVED) else None
        if answering and (refined or holds_hypothesis(tracker, requested)):
            # "et si j'avais 4 points ?", "et si je fais le stage en janvier ?" while a fact is asked: a hypothesis
            # never overwrites a fact told; it is answered after the form's answer (mid_form.held_hypotheses);
            # "le 12 janvier" just after it is its day, not the fact asked again (C18)
            dispatcher.utter_message(text=REFINED_HYPOTHESIS.format(day=format_long_fr(date.fromisoformat(refined)))
                                     if refined else HELD_HYPOTHESIS)
            return [*(SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                      if slot not in ("requested_slot", requested)),
                    SlotSet(requested, None), SlotSet("requested_slot", requested)]
        if answering and requested == "offence_date" and offence_still_to_come(tracker):
            # "ben la semaine prochaine" (again), "c'est pas encore arrivé, c'est juste pour savoir" to the offence's
            # day: an offence to come is no fact of the situation; re-asked once, then not asked again (T8 c06)
            dispatcher.utter_message(text=OFFENCE_TO_COME)
            return [*(SlotSet(slot, None) for slot in (*OFFENCE_SLOTS, *OFFENCE_DETAIL_SLOTS, "offence_type",
                                                      "speed_limit", "probation_offence") if slot != requested),
                    SlotSet(requested, None), SlotSet("requested_slot", None)]
        if answering and latest_text_says(tracker, STAGE_KINDS_ASKED) and not _facts_told(tracker):
            # "c'est quoi la différence entre stage volontaire et obligatoire ?", "explique moi l'obligatoire" while a
            # fact is asked: answered (R11, R15, R16), then the form asks its question again; neither another form
            # opened nor the same question asked back without an answer (tester T17 c36: answered at the 3rd try)
            dispatcher.utter_message(text=STAGE_KINDS)
            return [*(SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                      if slot not in ("requested_slot", requested)),
                    SlotSet(requested, None), SlotSet("requested_slot", requested)]
        letters = letters_asked(tracker, requested) if answering else []
        if letters:
            # "attends c'est quoi la différence entre 48 et 48N ?" while the points are asked: each letter's meaning
            # (R19; the 48N's stage, R15), then the form asks its question again, once; its "48" is no count of points
            # (tester T49 c30 got "Une infraction retire de 1 à 9 points" and the question twice)
            # (no letter received here: no reserve on its receipt's day)
            meanings = (render(letter_meaning(letter=letter, today=today())) for letter in letters)
            dispatcher.utter_message(text="\n\n".join(
                "\n".join(line for line in meaning.splitlines() if not line.startswith("Réponse sous réserve"))
                for meaning in meanings))
            return [*(SlotSet(slot, value_before_message(slot, tracker)) for slot in message_slots(tracker)
                      if slot not in ("requested_slot", requested)),
                    SlotSet(requested, None), SlotSet("requested_slot", requested)]
        training = training_window_asked(tracker, requested) if answering else None
        if training:
            # "c'est trop tard pour la formation ?", "et si je la fais ?" while the training is asked: its window for
            # this licence (R6), then the question again (h27's leftover: the stage's card, or the form left)
            dispatcher.utter_message(text=training)
            if yes_or_no_opening(tracker, requested) is None:
                return [SlotSet(requested, None), SlotSet("requested_slot", requested)]
            # ("non, c'est trop tard pour la faire ?": the "non" answers the question asked, read below)
        what_it_is = what_the_question_names(tracker, requested) if answering and not training else None
        if what_it_is:
            # "c quoi ça ? je crois pas non" to the training's question: what it is (R6), then the answer given with
            # it is read, or the question asked again (tester T16 c06)
            dispatcher.utter_message(text=what_it_is)
            if only_what_it_is_asked(tracker, requested) or notion_asked_by_name(tracker, requested):
                # ("c koi ça ?" alone: the question asked again, not the card of the intent read, T27 c16)
                return [SlotSet(requested, None), SlotSet("requested_slot", requested)]
        mid_form = reply_to_question_mid_form(tracker, requested, FORM_OF_QUESTION.get(intent) is None
                                              and intent not in INFORMATIONAL_ANSWERS) \
            if answering and not what_it_is else None
        if mid_form == ANSWERED_AFTER and requested == "previous_stage_date":
            # "ok mais le stage je peux le faire et j'aurai combien ?" to the previous stage's question: the answer now,
            # on the assumption said, not a promise and the question a 3rd time (T31 a28, R13)
            from actions.answers import ONE_STAGE_A_YEAR_ASKED, answer_without_a_previous_stage
            meanwhile = await answer_without_a_previous_stage(tracker, domain, self.form_name())
            if meanwhile:
                lines = meanwhile.splitlines()
                if any(lines[0] in (event.get("text") or "") for event in tracker.events if event.get("event") == "bot"):
                    # (given already with the other question of the message: its result, not all of it again)
                    lines = [f"Comme indiqué ci-dessus : {lines[0][0].lower()}{lines[0][1:]}", *lines[1:2]]
                mid_form = "\n".join([*lines, ONE_STAGE_A_YEAR_ASKED])
        if mid_form:
            # "c'est sûr ?" (read as "oui"), "pourquoi ?", "et je passe à 12 quand ?" while a fact is asked: a
            # question, not the fact; said what the fact is for, then the question is asked again
            dispatcher.utter_message(text=mid_form)
            return [SlotSet(requested, None), SlotSet("requested_slot", requested)]
        aside = offence_points_asked_aside(tracker, requested) if answering else None
        if aside:
            # "attendez, avant, un excès de 25 km/h ça retire combien ?" while the points are asked: its points said
            # (R4), then its facts read as the answer and the next question asked (tester T41 c33: ignored)
            dispatcher.utter_message(text=aside)
        if not answering:
            tracker.add_slots(self._training_day_on_activation(tracker, domain))
            tracker.add_slots(await self._bare_date_on_activation(dispatcher, tracker, domain))
            tracker.add_slots(self._not_paid_on_activation(tracker, domain))
            tracker.add_slots(self._bare_balance_on_activation(tracker, domain))
            tracker.add_slots(self._bare_loss_on_activation(tracker, domain))
            tracker.add_slots(_offence_corrected_on_activation(tracker))
            if impossible_date_said(tracker):
                # "j'ai fait un stage le 31/02/2026, je peux en refaire un ?": said, not silently dropped (tester T1
                # c40); the form then asks the date it needs
                dispatcher.utter_message(text=impossible_date_said(tracker))
        elif (corrected := date_correcting_impossible_one(tracker, self.domain_slots(domain), requested)) and \
                tracker.slots_to_validate().get(corrected[0]) != corrected[1]:
            # "pardon le 28/02/2025" after "payé le 31/02/2025" was refused, while the form asks the fine's amount:
            # the payment's date, not an answer to the question nor nothing (tester leftover, h21)
            tracker.add_slots([SlotSet(*corrected)])
        elif requested in SAFE_END_OF_MONTH and requested not in tracker.slots_to_validate() and \
                (tracker.get_slot("date_awaiting_precision") or "").startswith(f"{requested}=") and \
                latest_text_says(tracker, _MIDDLE_OF_THE_MONTH):
            # "il sait plus, vers le milieu du mois je pense" to "Quel jour de septembre 2025 ?": no date read, the
            # month awaited, whose validation takes its 15th (_middle_of_the_month; T20 c02)
            tracker.add_slots([SlotSet(requested, tracker.get_slot("date_awaiting_precision").split("=", 1)[1])])
        elif intent == "dont_know" and requested in SAFE_END_OF_MONTH and requested not in tracker.slots_to_validate():
            # "je ne sais pas" to "Quel jour de septembre 2026 ?": the safe day of that month
            safe = self._day_unknown(None, requested, dispatcher, tracker)
            if safe is not None:
                tracker.add_slots([SlotSet(requested, safe)])
        elif requested == "fine_payment_date" and requested not in tracker.slots_to_validate() and \
                (paid := payment_day_after_the_offence(tracker)) is not None:
            # "je l'ai payée direct le lendemain" to the payment question: the day after the offence's day (R2: the
            # day the offence is established; tester T27 c10 got "Je n'ai pas compris votre réponse")
            tracker.add_slots([SlotSet(requested, paid)])
        elif requested == "fine_payment_date" and latest_text_says(tracker, _NOT_PAID_YET) and (
                requested not in tracker.slots_to_validate() or _payment_denied(tracker)):
            # "pas encore payé" to the payment question: the offence is not established, nothing is withdrawn
            # yet (R2 example 4); the answer says what the retrait will do, the date is not asked again (a day said
            # with it is another's: "il a pas encore payé, il a reçu l'avis hier", T13 c27)
            dispatcher.utter_message(text=NOT_PAID_YET_REPLY)
            tracker.add_slots([SlotSet(requested, NOT_PAID)])
        elif answering and (taken_back := no_to_the_yes_before(tracker, requested)):
            # "Non", "je l'ai jamais suivie !!" to the training's date after a yes: a no to the training (R6), its date
            # no longer asked (tester T62 c02 looped on "Je n'ai pas compris votre réponse" until "annule")
            dispatcher.utter_message(text="C'est noté : vous n'avez pas suivi la formation complémentaire.")
            tracker.add_slots([SlotSet(taken_back, False)])
        elif requested in YES_NO_DATES and (said_yes := yes_or_no_opening(tracker, requested)) is not None:
            # "oui en février 2026" to the training's question, read as neither yes nor no by the NLU: a yes, and
            # the date said with it is the training's (checked by its own validation)
            dates = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                     if e.get("entity") == "date" and e.get("role") is None]
            tracker.add_slots([SlotSet(requested, said_yes)] + (
                [SlotSet(YES_NO_DATES[requested], dates[0])] if said_yes and len(dates) == 1 and YES_NO_DATES[requested]
                else []))
        if answering and requested != "current_balance" and (shown := balance_shown_above_maximum(tracker)):
            # "2019 je crois. mais sur le site ça m'affiche 15 je vous jure" to the licence's question: the balance shown
            # above 12 is said impossible, and where to check it, not passed over (R1; tester T17 c04); the answer read
            dispatcher.utter_message(text=shown)
        # "bah 12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2027" to the balance's question: the
        # payment's day, mapped by Rasa before the form ran, is validated too, its day to come refused at once (T57 c22
        # built the answer on it, and said it only when told again)
        future = future_past_facts(tracker)
        tracker.add_slots([SlotSet(slot, value) for slot, value in future.items()])
        extracted = dict(tracker.slots_to_validate())  # (before the validation sets them)
        said_before = len(dispatcher.messages)
        events = self._day_asked_only_if_needed(dispatcher, await super().run(dispatcher, tracker, domain))
        if set(future) - set(self.domain_slots(domain)):
            # (a fact this form does not ask: its refusal without its question, the form asks its own)
            for message in dispatcher.messages[said_before:]:
                if "est dans le futur" in (message.get("text") or ""):
                    message["text"] = without_its_question(message["text"])
        if len(dispatcher.messages) > said_before:
            events = await self._refused_asked_first(events, extracted, dispatcher, tracker, domain)
        if answering and (FORM_OF_QUESTION.get(intent) == self.form_name() or intent in INFORMATIONAL_ANSWERS) and \
                refused_in_a_question(tracker, requested, extracted, events):
            # "c'est quoi la règle des 10 ans ?" while the points are asked: its number refused as the answer ("Une
            # infraction retire de 1 à 9 points") is the question's, not a count; the refusal unsaid, the question
            # answered below, then the form's question asked again (tester T49 c30)
            del dispatcher.messages[said_before:]
            events = [e for e in events if not (isinstance(e, dict) and e.get("event") == "slot" and e.get("name") in (
                requested, "reasked_slot"))]
        filled = any(isinstance(e, dict) and e.get("event") == "slot" and e.get("name") != "requested_slot"
                     for e in events)
        if not answering:
            self._rule_in_brief(dispatcher, tracker, events, filled, self.domain_slots(domain))
        if not answering:
            return events
        other_question = FORM_OF_QUESTION.get(intent) not in (None, self.form_name())
        if filled and not (other_question and tracker.get_slot(requested) is None):
            noted = noted_besides(requested, events, tracker)
            if noted and not dispatcher.messages:
                # "payé il y a 3 mois" to the fine's amount: the date taken is said (a relative one is checked that
                # way), or the same question asked again reads as if the answer had not been understood
                dispatcher.utter_message(text=noted)
            return events
        if other_question and requested == "previous_stage_date" and any(
                e.get("name") == "stage_first_day" and e.get("value") for e in events if isinstance(e, dict)):
            # "et je serai à combien ? je pensais faire le stage les 8 et 9 janvier" to the last stage's question: the
            # stage to take is noted, the last one is still to ask (its date would else be kept as the last one)
            return events
        if other_question:
            # "téléphone au volant, combien de points ?" while the form waits for another fact: that question
            # is answered (its facts are kept); an answer to the form's question stays an answer. A value the
            # message gave and the validation refused ("et je serai à 12 quand ?" read as the fine's amount) is
            # undone: returned as is, Rasa would keep it, and the engine would read a class « 12 » (tester T3 c09)
            # (then the form's own next question: left to Rasa, it would be the domain's first empty slot, a
            # training date after "pas de formation")
            undone = [e for e in events if isinstance(e, dict) and e.get("event") == "slot"
                      and e.get("name") != "requested_slot" and e.get("value") is None
                      and extracted.get(e.get("name")) is not None]
            return undone + [e for e in events if e.get("event") == "slot" and e.get("name") == "requested_slot"] \
                if undone else []
        if FORM_OF_QUESTION.get(intent) == self.form_name():
            # the same question again, in general ("et la règle des 10 ans, ça marche comment ?"): the rule in
            # brief, then the form asks again (the rules have nothing to start: the form is already on); the part the
            # question is about ("la formation complémentaire, c quoi ?" while the licence's date is asked: the
            # training's, R6; tester T11 c12)
            dispatcher.utter_message(text=rule_in_brief(self.form_name(), (tracker.latest_message or {}).get("text"))
                                     or "Je reprends votre question.")
            return events + [SlotSet(requested, None)]
        if intent in LEAVE_FORM_INTENTS:
            return []  # rejected: the rules cancel the form or start the other question
        answer = INFORMATIONAL_ANSWERS.get(intent)
        if intent == "ask_check_balance" and self.form_name() in BALANCE_FORMS and asks_the_count(tracker):
            # "ben combien de points j'ai ??" while the probation form asks a fact: the balance it is computing, not
            # where to read the official one (T10 c16); the form's question is asked again ("comment je vois mes
            # points ?" still gets where to read it)
            dispatcher.utter_message(text=BALANCE_ON_ITS_WAY)
        elif answer is not None:
            # A side question in the middle of the form: answer it, then ask again.
            answer(dispatcher, tracker)
        elif intent == "thank":
            dispatcher.utter_message(text="Avec plaisir !")
        elif intent == "dont_know" and requested == "licence_date" and \
                requested not in await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain):
            # "je ne sais pas" again: the answer comes without it, and says what it assumed
            dispatcher.utter_message(text=LICENCE_DATE_UNKNOWN_REPLY)
            # (the slot set, if only to None: a validation that sets none is rejected by the form, and the core then
            # answered "je ne sais pas" as if no question were pending)
            return events + [SlotSet(requested, None)]
        elif intent == "dont_know" and requested == "fine_payment_date" and \
                refused_twice(tracker, requested, self.form_name()) and \
                (committed := slot_values.partial_date_or_none(tracker.get_slot("offence_date"))) is not None:
            # "je sais pas" again to the payment's day, the offence's day known ("ceinture il y a 2 ans, je les ai
            # récupérés ?"): the earliest day the fine can have been paid, said so; the points come back no sooner
            # (R2, R9; tester T49 c06 was asked the same question twice more)
            dispatcher.utter_message(text=PAYMENT_DATE_UNKNOWN_REPLY.format(day=format_long_fr(committed.earliest())))
            # (the question asked next, that day filled: not the same one again, T52 c06 was asked it a third time)
            tracker.slots[requested] = committed.earliest().isoformat()
            following = await self.next_requested_slot(dispatcher, tracker, domain)
            return [e for e in events if not (isinstance(e, dict) and e.get("name") == "requested_slot")] + \
                [SlotSet(requested, committed.earliest().isoformat()), following]
        elif intent == "dont_know" and requested in ASSUMED_NOT_WHEN_UNKNOWN:
            # "je ne sais pas" to the supervised driving or the complementary training: the prudent case ("non"), which
            # the help text advised, is counted and said, not the same question asked again (R5, R6; T51 c26)
            dispatcher.utter_message(text=ASSUMED_NOT_WHEN_UNKNOWN[requested])
            tracker.slots[requested] = False
            following = await self.next_requested_slot(dispatcher, tracker, domain)
            return [e for e in events if not (isinstance(e, dict) and e.get("name") == "requested_slot")] + \
                [SlotSet(requested, False), following]
        elif requested == "stage_first_day" and (intent == "dont_know" or latest_text_says(tracker, _DAY_NOT_KNOWN)) \
                and stage_day_not_needed(tracker):
            dispatcher.utter_message(text="Pas de souci : ici, le jour du stage ne change rien au calcul.")
        elif requested == "stage_first_day" and (intent == "dont_know" or latest_text_says(
                tracker, _DAY_NOT_KNOWN) or latest_text_says(tracker, _STAGE_NOT_DONE_YET)) and \
                requested not in await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain):
            # "je l'ai pas encore fait" to the 48N stage's day: the answer comes without it, from the deadline the
            # letter gives (R15, R16), not after "Je n'ai pas compris votre réponse" (h38)
            dispatcher.utter_message(text=STAGE_DAY_NOT_NEEDED_REPLY)
        elif intent == "dont_know" and requested in WHERE_TO_FIND_FACT:
            dispatcher.utter_message(text=f"Pas de souci. {WHERE_TO_FIND_FACT[requested]}")
        elif impossible_date_said(tracker) and not dispatcher.messages:
            dispatcher.utter_message(text=impossible_date_said(tracker))
        elif requested == "letter_48n_date" and letter_not_received(tracker) and not dispatcher.messages:
            # "je l'ai pas encore reçue": the date asked does not exist yet; the answer comes without it (R15)
            dispatcher.utter_message(text=LETTER_48N_NOT_RECEIVED_REPLY)
        elif not dispatcher.messages and any(
                value is not None and name in CORRECTABLE_SLOTS + OFFENCE_DETAIL_SLOTS
                and value != value_before_message(name, tracker)
                for name, value in slots_set_by_latest_message(tracker).items()):
            # "il me reste 4 points" to the AAC question: that fact is kept, the question asked again
            dispatcher.utter_message(text="C'est noté.")
        elif not dispatcher.messages and not (requested == "last_offence_points" and pointless_offence_named(tracker)) \
                and not stage_in_time_asked(tracker):
            # ("je veux savoir si le stage du 3 décembre est dans les temps !!" to the licence's date: answered, T20 c24)
            # ("c'était un feu orange" to the points question: no point withdrawn, the answer says so)
            dispatcher.utter_message(text="Je n'ai pas compris votre réponse.")
        return events + [SlotSet(requested, None)]

    async def _refused_asked_first(self, events: List[EventType], extracted: Dict[Text, Any], dispatcher, tracker,
                                   domain) -> List[EventType]:
        """A fact the message told and the validation refused ("j'ai 15 points sur mon permis, je peux faire un
        stage ?": 12 at most, R1) is the form's next question when it needs it, not another fact first (T27 c23 was
        asked its last stage, then the balance)."""
        slot_events = [e for e in events if isinstance(e, dict) and e.get("event") == "slot"]
        asked = next((e for e in reversed(slot_events) if e.get("name") == "requested_slot"), None)
        if asked is None or asked.get("value") is None:
            return events
        refused = [slot for slot, value in extracted.items() if value is not None and slot != asked.get("value")
                   and any(e.get("name") == slot for e in slot_events)
                   and next(e for e in reversed(slot_events) if e.get("name") == slot).get("value") is None]
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        first = next((slot for slot in required if slot in refused), None)
        if first is None:
            return events
        return [{**e, "value": first} if e is asked else e for e in events]

    @staticmethod
    def _day_asked_only_if_needed(dispatcher, events: List[EventType]) -> List[EventType]:
        """"en janvier sûrement" for the stage: its validator asks the day ("Quel jour de janvier 2027 ?"), but when the
        form moves on to another fact, the day does not change the answer as far as it knows (a licence out of
        probation, no stage in the last year: forms.stage_day_not_needed). That question is withdrawn, the month kept
        waiting for its day: asked later only if a fact told then makes it count (action_ask_<slot>), else the answer
        says the day changes nothing (T10 c06: the day asked, then said not to matter)."""
        told = {e.get("name"): e.get("value") for e in events if isinstance(e, dict) and e.get("event") == "slot"}
        reasked = (told.get("reasked_slot") or "").split("#")[0]
        awaiting = told.get("date_awaiting_precision") or ""
        if not reasked or told.get("requested_slot") == reasked or not awaiting.startswith(f"{reasked}="):
            return events
        month = slot_values.partial_date_or_none(awaiting.split("=", 1)[1])
        if month is None or month.precision != "month":
            return events
        question = f"{month.french()} ?"
        dispatcher.messages[:] = [m for m in dispatcher.messages if question not in (m.get("text") or "")]
        return [e for e in events if not (isinstance(e, dict) and e.get("name") == "reasked_slot"
                                          and e.get("value"))] + [SlotSet("reasked_slot", None)]

    def _answering(self, tracker: Tracker) -> bool:
        """The form was already active before this message: the user is answering its question. (Rasa calls
        the validation with the form as the active loop on activation too, but no slot requested yet.)"""
        if tracker.get_slot("requested_slot") is None or (tracker.active_loop or {}).get("name") != self.form_name():
            return False
        # ("je vais recevoir une 48N ?" while the probation form waits for the AAC: this form starts, and the question
        # it is left with is the other form's; T5 c66 got the rule in brief of "the same question again")
        users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
        before = next((event for event in reversed(tracker.events[:users[-1]] if users else [])
                       if event.get("event") == "active_loop"), None)
        return before is None or before.get("name") == self.form_name()

    def _rule_in_brief(self, dispatcher, tracker, events, filled: bool, own_slots: List[Text]) -> None:
        """The question came without any fact of the user's and the form is about to ask one of its own facts:
        the rule in brief first (once per conversation), which answers a general question at once. (Not
        before a fact borrowed from another question: "je vais recevoir une 48N ?" asks the offence, and the
        brief of the 48N deadline would announce a date.)"""
        brief = rule_in_brief(self.form_name(), (tracker.latest_message or {}).get("text"))
        asks = any(e.get("name") == "requested_slot" and e.get("value") in own_slots
                   for e in events if isinstance(e, dict))
        said = any(e.get("event") == "bot" and e.get("text") == brief for e in tracker.events)
        # "permis depuis mars 2026, c'est quoi la formation complémentaire ?": what the thing is, asked with a fact, gets
        # its part of the rule all the same (R6; tester T11 c12)
        what_is = latest_text_says(tracker, ASKS_WHAT_IT_IS) and brief != RULE_IN_BRIEF.get(self.form_name())
        # "et si il fait le stage obligatoire, il remonte à combien ?" with the facts known: what does not depend on
        # the balance, before it is asked (R15, R16; T14 c27)
        balance_only = brief == COMPULSORY_STAGE_IN_BRIEF and any(
            e.get("name") == "requested_slot" and e.get("value") == "current_balance" for e in events
            if isinstance(e, dict))
        if brief and asks and (not filled or what_is or balance_only) and not said and \
                self._opened_by_the_message(tracker):
            dispatcher.utter_message(text=brief)

    def _opened_by_the_message(self, tracker) -> bool:
        """The user's message opened the form (not an answer sending back to it after impossible facts)."""
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                return True
            if event.get("event") == "action" and event.get("name") not in (
                    "action_listen", "action_extract_slots", self.form_name(), self.name()):
                return False
        return True

    async def _bare_date_on_activation(self, dispatcher, tracker, domain) -> List[EventType]:
        """The question itself carries one date without a cue ("permis probatoire depuis mars 2024")
        and the form needs exactly one date still unknown: that date is the one. (Not the day of the offence told
        before, which it completes: offence_day_told.)"""
        received = letter_receipt_told(tracker)
        if received is not None and conversation_letter(tracker) == "48N":
            return [SlotSet("letter_48n_date", received)]  # (the 48N's day, not the licence's: T58 c05)
        message = tracker.latest_message or {}
        # (not "aujourd'hui" in "j'ai 12 points aujourd'hui ?": the moment of the question, no fact's day; it became the
        # licence's day, and the offence told before it "antérieure à l'obtention du permis", tester T14 c21)
        dates = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "date" and not e.get("role")
                 and not TODAY_SAID.fullmatch(fold((message.get("text") or "")[e.get("start", 0):e.get("end", 0)]))]
        # (not the stage's second day: "si je fais le stage aujourd'hui et demain", two days in a row (R.223-5), the
        # stage starting on the first; tester T34 c28 got the stage moved to tomorrow, "avec effet au 4 décembre")
        stage_days = {self._partial(e.get("value")) for e in message.get("entities", [])
                      if e.get("entity") == "date" and e.get("role") == "stage" and isinstance(e.get("value"), str)}
        second_days = {(day.earliest() + timedelta(days=1)).isoformat() for day in stage_days
                       if day is not None and day.precision == "day"}
        dates = [value for value in dates if value not in second_days]
        if len(dates) != 1 or (False in message_values(tracker, "previous_stage")
                               and (self._partial(dates[0]) or _FAR_AHEAD).earliest() <= today()):
            return []  # ("je n'ai jamais fait de stage, le 14 juillet c'est le jour du flash": not a stage's day)
        asked, day = exact_day_answered(tracker, dates[0]) or (None, None)
        if asked:
            # "le 12 mai 2026. et s'il fait un stage maintenant ?" after "Vous avez indiqué mai 2026 pour l'obtention du
            # permis : j'ai retenu le 31 mai 2026 … Donnez-moi le jour exact": the day asked, of the licence, even with
            # another question in the message (tester T31 a24: it became a stage done on 12 May 2026, "un stage ne
            # rendra des points qu'à partir du 12 mai 2027", R13)
            return [SlotSet(asked, day)]
        if offence_day_said_as_its_own(tracker):
            # "permis le 2 mai 2025, pas d'autre infraction, et c'était le 20 novembre 2026" after an offence's answer:
            # the day of that offence, not asked again (tester T11 c13)
            return [SlotSet("offence_date", dates[0])]
        if offence_day_told(tracker, dates[0]):
            # "juillet 2026, le 14. donc je récupère combien avec le stage ?" after "un excès en juillet": that
            # offence's day, which sets the probation's ceiling (R7), not the stage asked about (tester T7 c13)
            return [SlotSet("offence_date", dates[0])]
        if offence_day_in_its_sentence(tracker, dates[0]):
            # "excès de vitesse : 143 km/h retenu sur autoroute limitée à 130, le 10 novembre 2026. … je peux faire un
            # stage avant de payer ?": the day of the offence told with it, not a previous stage's (tester T22 c23
            # got "le stage précédent … date du 10 novembre 2026")
            return [SlotSet("offence_date", dates[0])]
        if any(retrait.said_date == dates[0] for retrait in told_retraits_in_latest_message(tracker)):
            # "je suis passé de 6 à 10 avec le dernier stage, puis perdu 2 points en juillet": the day of that retrait
            # (read by the answers from the message), not the licence's the form still needs (T57 c21's family)
            return []
        if date_in_an_offence_sentence(tracker, dates[0]):
            # "la ceinture c'était le 15/05/2023. donc il peut faire un stage ?" with several offences told: the day of
            # that offence, never the stage's nor another fact's (T26 c10)
            return []
        to_take = self._stage_to_take(dates[0], tracker)
        if to_take is not None and tracker.get_slot("previous_stage_date") is not None:
            # "et si je le fais le 1er décembre, ça passe ?" once the last stage is known: the stage asked about
            return [SlotSet("stage_first_day", to_take)]
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        # Never the payment date: in "j'ai perdu 3 points il y a 7 mois, je les récupère quand ?" the date
        # is the offence's, and the recovery delays run from the payment of the fine (spec R9).
        empty_date_slots = [s for s in required if s in DATE_SLOTS and s != "fine_payment_date"
                            and tracker.get_slot(s) is None]
        return [SlotSet(empty_date_slots[0], dates[0])] if len(empty_date_slots) == 1 else []

    def _training_day_on_activation(self, tracker, domain, replacing: bool = False) -> List[EventType]:
        """"j'ai fait la formation complémentaire le 10 septembre 2025": the date said with the training, next to it
        and in the same clause, is its day, not asked again (R6; T9 c26). Its cue-less date has no slot of its own.
        (`replacing`: also when a training date is known, which the day said now corrects.)"""
        if "training_date" not in self.domain_slots(domain) or \
                (tracker.get_slot("training_date") is not None and not replacing):
            return []
        message = tracker.latest_message or {}
        text = fold(message.get("text") or "")
        entities = message.get("entities", [])
        for training in (e for e in entities if e.get("entity") == "complementary_training" and e.get("value") is True
                         and "start" in e):
            for told in (e for e in entities if e.get("entity") == "date" and not e.get("role") and "start" in e):
                between = text[training["end"]:told["start"]] if told["start"] >= training["end"] else \
                    text[told["end"]:training["start"]]
                if len(between) <= _TRAINING_DATE_GAP and not re.search(r"[.;!?]|\bet\b|\bmais\b", between):
                    return [SlotSet("training_date", told.get("value"))]
        return []

    def _bare_balance_on_activation(self, tracker, domain) -> List[EventType]:
        """"suspendu 2 mois depuis le 1er mars, 5 points, stage les 12 et 13 mars": a count of points alone, in a
        question about a stage that names no offence nor any other count, is the balance (R12, R14 example 3)."""
        if "current_balance" not in self.domain_slots(domain) or tracker.get_slot("current_balance") is not None:
            return []
        count = _bare_count(tracker)
        if count is None:
            return []
        entities = (tracker.latest_message or {}).get("entities", [])
        said_at = next((e.get("start") or 0 for e in entities if e.get("entity") == "points"), 0)
        text = fold((tracker.latest_message or {}).get("text") or "")
        if re.search(r"\bpour\s*$", text[:said_at]) or answer_in_context(tracker):
            # "obligée de faire un stage pour 1 point ?": the points of an offence, what the stage is for, not the
            # balance; nor in a follow-up the last answer replies to (tester T11 c05: "son solde passerait de 1 à 5")
            return []
        return [SlotSet("current_balance", count)]

    def _bare_loss_on_activation(self, tracker, domain) -> List[EventType]:
        """"j'ai payé mon amende le 31 février 2026, 3 points, quand je les récupère ?": a count of points alone, in a
        question whose facts hold no balance (the recovery's), is the retrait's (R8, R9; T11 c23 asked it again)."""
        slots = self.domain_slots(domain)
        if "last_offence_points" not in slots or "current_balance" in slots or \
                tracker.get_slot("last_offence_points") is not None or tracker.get_slot("current_balance") is not None:
            return []
        count = _bare_count(tracker)
        if count is None or not 1 <= count <= MAX_POINTS_ONE_EVENT or tracker.get_slot("probation_offence") is False:
            # "elle aura ses 12 points quand ?", "aucune infraction… quand est-ce que j'ai 10 points ?": a count no
            # retrait can be (R3: 9 at most), or none told, is the balance asked about, not a loss (T17 c11 printed
            # "Une infraction retire de 1 à 9 points." before the answer)
            return []
        return [SlotSet("last_offence_points", count)]

    def _not_paid_on_activation(self, tracker, domain) -> List[EventType]:
        """"j'ai grillé un stop, je l'ai pas encore payé": the payment date is not asked, there is none (R2); nor when
        an earlier message said so ("Je ne l'ai pas encore payée", then "il revient pas tout seul le point ?": T22 c23
        was asked the payment's date)."""
        if "fine_payment_date" not in self.domain_slots(domain) or tracker.get_slot("fine_payment_date") is not None \
                or not (not_paid_said(tracker) or fine_not_paid(tracker)):
            return []
        return [SlotSet("fine_payment_date", NOT_PAID)]

    async def next_requested_slot(self, dispatcher, tracker, domain) -> Optional[EventType]:
        """The first required fact still unknown (None: the form is done). Always decided here,
        so the order of `required_slots` is the order of the questions."""
        if not self._answering(tracker) and answer_in_context(tracker):
            # a short follow-up of the last answer ("et l'amende ?" after an offence) opened this form: the
            # answer action replies in context, nothing to ask
            return SlotSet("requested_slot", None)
        if not self._answering(tracker) and (asks_alcohol_limit(tracker) or most_points_at_once_answer(tracker, today())):
            # ("on peut perdre combien de points maximum en une seule fois ?": the rule is the answer, R3; T19 c29)
            # "taux d'alcool autorisé en permis probatoire": the levels are the answer (R4), no fact to ask (T4 m068)
            return SlotSet("requested_slot", None)
        if court_stage_question(tracker, self.form_name()):
            # "le procureur me propose un stage à la place des poursuites": what that stage gives is the answer
            # (R11: no points, no retrait once done), whatever the balance or the offence
            return SlotSet("requested_slot", None)
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        reasked = (tracker.get_slot("reasked_slot") or "").split("#")[0]
        if reasked in required and tracker.slots.get(reasked) is None and \
                tracker.get_slot("reasked_slot") == reasked_marker(reasked, tracker):
            # the validator asked its own question this turn ("Quel jour de janvier 2027 ?"): that question is the
            # one pending, not another fact asked at the same time (T6 r004, r013: "le 8 janvier" became the licence's)
            return SlotSet("requested_slot", reasked)
        missing = [s for s in required if tracker.slots.get(s) is None]
        if missing[:1] == ["previous_stage_date"] and previous_stage_left_unanswered(tracker):
            # asked twice already, the user asking their question instead: not a 3rd time (a loop, T31 a28); the
            # answer says it counted no stage in the past year (answers.PREVIOUS_STAGE_ASSUMED, R13)
            missing = missing[1:]
        return SlotSet("requested_slot", next(iter(missing), None))

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        """Validate every fact given in the last message, even one this form does not need,
        so that an impossible value (15 points, a future date) is never kept."""
        slots: Dict[Text, Any] = tracker.slots_to_validate()
        forgotten = self._other_person_s_facts(tracker)
        told = slots_set_by_latest_message(tracker).get("current_balance")
        if "current_balance" not in slots and told is not None and told != value_before_message("current_balance", tracker):
            # "j'ai 15 points sur mon permis c normal ?" opening the probation form: Rasa passes only the form's own
            # slots; a balance told is checked all the same (R1: 12 at most; tester T9 c18 kept 15 unsaid)
            slots["current_balance"] = told
        kept = balance_told_besides_asked(tracker)
        if kept is not None and slots.get("current_balance", kept) != kept:
            # "donc il me reste 6 points ?" after "j'avais 12" and the offences told: the figure asked back is the
            # user's own sum, to confirm; the balance known stays the one the retraits are counted from (T13 c11)
            slots["current_balance"] = kept
        restored: Dict[Text, Any] = {}  # facts set back to their value before the message: nothing to check
        if tracker.get_slot("requested_slot") == "last_offence_points" and "last_offence_points" in slots \
                and slots.get("current_balance") == slots["last_offence_points"]:
            # "1 point" to "Combien de points … retirés ?" is the retrait, not a balance (nor a balance to refuse:
            # T27 c09 got "Indiquez un nombre de points, de 0 à 12" for the balance it had set back to none)
            slots["current_balance"] = restored["current_balance"] = value_before_message("current_balance", tracker)
        licence = licence_date_said(tracker) or (licence_date_told_before(tracker) if tracker.get_slot("licence_date")
                                                 is None else None)
        if licence and "licence_date" in self.domain_slots(domain) and "licence_date" not in slots:
            slots = {slot: value for slot, value in slots.items() if value != licence}
            slots["licence_date"] = licence  # "en fait c'était le 12 février 2024 mon permis", whatever is asked
        dropped = self._month_dropped(slots, dispatcher, tracker)
        slots.update(dropped)
        slots.update(self._balance_corrected_in_a_word(slots, tracker, domain))
        slots.update(self._no_before_another_fact(slots, tracker))
        slots.update(self._no_offence_after_all(slots, tracker))
        slots.update(self._training_day_told(slots, tracker, domain))
        denied = self._no_stage_done(slots, dispatcher, tracker)
        slots.update(denied)
        slots.update(self._stage_now(slots, dispatcher, tracker, domain))
        off_topic = self._yes_no_off_topic(slots, dispatcher, tracker)
        slots.update(off_topic)
        asked_day = {**self._day_of_the_month_asked(slots, tracker), **self._stage_done_before_another(slots, tracker),
                     **self._previous_stage_day_told(slots, tracker, domain)}
        slots.update(asked_day)
        moved = {**dropped, **denied, **asked_day, **off_topic,
                 **self._stage_to_come(slots, dispatcher, tracker, domain)}
        slots.update(moved)
        court_dates = self._court_stage_dates(slots, tracker)
        slots.update(court_dates)
        # a follow-up of the last answer that opened this form ("mais je suis jeune permis ! j'ai eu le permis en 2025"
        # after an answer given "sous réserve de : si votre permis est probatoire"): the answer replies in context and
        # the form asks nothing (next_requested_slot); its facts are checked without a word (T19 c21 got "En 2025, … le
        # mois compte" before the answer)
        speaking = dispatcher
        if slots and not self._answering(tracker) and tracker.get_slot("last_question") and answer_in_context(tracker):
            speaking = CollectingDispatcher()
        for slot_name, value in list(slots.items()):
            validate = getattr(self, f"validate_{slot_name}", None)
            if validate is None or (slot_name in moved and value is None) or slot_name in court_dates or \
                    (slot_name in restored and restored[slot_name] == value):
                continue
            said_before = len(speaking.messages)
            output = validate(value, speaking, tracker, domain)
            output.update(self._question_state(slot_name, output, speaking.messages[said_before:], tracker))
            slots.update(output)
            tracker.slots.update(output)
        slots.update(self._previous_stage_not_after(slots, tracker))
        if "current_balance" in self.domain_slots(domain) and slots.get("current_balance") is None:
            # "permis depuis juin 2024 sans infraction, si je fais un stage ?": the balance is the ceiling, computed
            # (R1, R5), not asked
            computed_balance = balance_without_any_offence(tracker)
            if computed_balance is not None:
                slots["current_balance"] = tracker.slots["current_balance"] = computed_balance
        slots.update(class_of_the_retained_speed(tracker, slots))
        requested = tracker.get_slot("requested_slot")
        computed = "current_balance" if balance_said_before_retraits(tracker, before_latest=True) and \
            not message_values(tracker, "points") else None  # (the balance after the retraits told: no correction)
        if not corrected_this_turn(tracker) and any(
                slot != requested and slot in CORRECTABLE_SLOTS and slot != computed
                and corrects_a_known_fact(slot, value, tracker) for slot, value in slots.items()):
            # "en fait il me reste 6 pts" while another fact is asked: said, so the user knows it is taken; a retrait
            # added to those told ("et un feu rouge payé le 2 juin 2016 ?") is noted, not corrected (T49 c27)
            dispatcher.utter_message(text="C'est noté." if adds_a_retrait(tracker) else "C'est noté, je corrige.")
        return [SlotSet(slot, None) for slot in forgotten if slot not in slots] + \
            [SlotSet(slot, value) for slot, value in slots.items()]

    def _other_person_s_facts(self, tracker: Tracker) -> List[Text]:
        """"et mon fils ? il a eu son permis le 1er mars 2025…" after an answer about the daughter: the facts of the
        licence spoken of before are not his; those the message does not tell are forgotten (set to None here, in the
        tracker the validation reads, and by the events returned), so the form asks his (tester T27 c34: the
        daughter's offence was kept, "C'est noté, je corrige." said). The daughter's answer was given; nothing in it
        is corrected."""
        if self._answering(tracker) or not another_person_named(tracker):
            return []
        told = set(slots_set_by_latest_message(tracker)) | set(tracker.slots_to_validate())
        forgotten = [slot for slot in LICENCE_HOLDER_SLOTS if slot not in told and tracker.slots.get(slot) is not None]
        for slot in forgotten:
            tracker.slots[slot] = None
        return forgotten

    @staticmethod
    def _month_dropped(slots: Dict[Text, Any], dispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """A month told for want of its day, then dropped ("oublie mars", "non finalement pas en mars", "je ne garde pas
        l'hypothèse de mars") while its day is awaited: neither the month nor its question is kept; the form goes on
        with what is known (the stage's day asked in general, or not at all when it changes nothing: the drop says the
        day is not known, `stage_day_unknown_said`). A day of another month said with it ("pas mars, plutôt le 15
        janvier") is taken as the fact (T12 c03)."""
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        slot, _, month = awaiting.partition("=")
        dropped = FactsValidation._partial(month) if slot else None
        if dropped is None or dropped.precision != "month":
            return {}
        name = fold(MONTHS_FR[dropped.month - 1])
        if not re.search(_DROPPED + name + r"\b",
                         fold((tracker.latest_message or {}).get("text") or "")):
            return {}
        dispatcher.utter_message(text=f"D'accord, je ne retiens plus {dropped.french()}.")
        tracker.slots["date_awaiting_precision"] = None
        told = FactsValidation._partial(slots.get(slot)) if isinstance(slots.get(slot), str) else None
        kept = told is not None and told.month != dropped.month
        return {"date_awaiting_precision": None, **({} if kept else {slot: None})}

    @staticmethod
    def _undecided_days(slot: str, tracker: Tracker) -> List[str]:
        """The days or months of a message offering two for `slot` ("il hésite entre janvier ou mars", "le 5 ou le 12
        janvier"), as written; [] for one, or for two days of one fact ("les 10 et 11 novembre")."""
        message = tracker.latest_message or {}
        text = fold(message.get("text") or "")
        days = sorted((e for e in message.get("entities", []) if e.get("entity") == "date" and "start" in e
                       and e.get("role") in (None, "stage")), key=lambda e: e["start"])
        for first, second in zip(days, days[1:]):
            between = text[first["end"]:second["start"]]
            hesitating = re.search(r"\b(?:hesit\w*|entre)\s+(?:\w+\s+){0,2}$", text[:first["start"]]) and \
                re.match(r"^\s*(?:et|ou)\s+(?:en\s+|le\s+)?$", between)
            if _ALTERNATIVE.match(between) or hesitating:
                return [first["value"], second["value"]]
        return []

    def _balance_corrected_in_a_word(self, slots: Dict[Text, Any], tracker: Tracker, domain) -> Dict[Text, Any]:
        """"plutôt 12", "non 12 en fait" after a balance told (or refused: "15 points", T13 c25) while another fact is
        asked: a count alone with a word that corrects, in a form whose only count is the balance, is that balance."""
        requested = tracker.get_slot("requested_slot")
        if "current_balance" not in self.domain_slots(domain) or slots.get("current_balance") is not None \
                or requested in _COUNT_SLOTS or any(slot in self.domain_slots(domain) for slot in _COUNT_SLOTS[1:]):
            return {}
        # (the one count of the message, whatever else it tells: "Non, jamais. en fait il a 12 je crois, il a jamais
        # eu d'amende", after "15 points" refused, T24 c09 got the balance asked next)
        entities = [e for e in (tracker.latest_message or {}).get("entities", [])
                    if e.get("entity") in ("number", "points")]
        if len(entities) != 1 or entities[0].get("role") or not latest_text_says(tracker, _CORRECTS_A_COUNT):
            return {}
        text = (tracker.latest_message or {}).get("text") or ""
        if "start" in entities[0] and _A_COUNT_TO_REACH.search(fold(text[:entities[0]["start"]])):
            # "non le stage c'était le 14 mars 2023… je veux savoir mon solde et quand je retrouve 12": the count to get
            # back to, not the balance (T36 c17 got "votre solde (12) est déjà au plafond" beside "Solde : 4 points")
            return {}
        users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
        said_before = any(e.get("entity") == "points" and e.get("role") == "balance"
                          for event in tracker.events[:users[-1] if users else 0] if event.get("event") == "user"
                          for e in (event.get("parse_data") or {}).get("entities", []))
        return {"current_balance": entities[0].get("value")} if said_before else {}

    def _stage_now(self, slots: Dict[Text, Any], dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """"si je fais un stage volontaire maintenant, j'aurai combien ?": the stage asked about starts today, when the
        form needs its day and no other is known (R12: its points take effect the day after its last day)."""
        if "stage_first_day" not in self.domain_slots(domain) or not self.asks_stage_day \
                or slots.get("stage_first_day") is not None or tracker.get_slot("stage_first_day") is not None \
                or not latest_text_says(tracker, _STAGE_NOW):
            return {}
        dispatcher.utter_message(text=f"C'est noté : je compte un stage qui commence aujourd'hui, le "
                                      f"{format_long_fr(today())}.")
        return {"stage_first_day": today().isoformat()}

    def _no_stage_done(self, slots: Dict[Text, Any], dispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """"mais non j'ai pas fait de stage, le 14 juillet c'est la date de l'excès" to the stage's question: that day
        is not the stage's but the offence's (no_stage_done), said; the stage's question is asked again. (On the
        form's activation, only what the message still changes: a correction may have noted it already.)"""
        changes = no_stage_done(tracker, slots)
        changed = {slot: value for slot, value in changes.items()
                   if value != (slots[slot] if slot in slots else tracker.get_slot(slot))}
        if not changes or not (changed or self._answering(tracker)):
            return {}
        dispatcher.utter_message(text=no_stage_done_note(changes))
        return changes

    #: whether this form may ask the stage's day (the compulsory stage's form only checks it when told)
    asks_stage_day = True

    def _stage_to_come(self, slots: Dict[Text, Any], dispatcher, tracker, domain) -> Dict[Text, Any]:
        """A date to come given to the question of a past date ("et si je le décale au 20 janvier ?" while the
        licence date is asked) is the stage's, in a form that needs one: it becomes the stage's date, and the
        question asked stays to answer."""
        requested = tracker.get_slot("requested_slot")
        told = self._stage_day_told_besides(slots, tracker, domain)
        if told:
            # "le stage c'est les 12 et 13 janvier" while the balance is asked: the stage's day, kept and said; the
            # question asked stays to answer (T5 c48: "Je n'ai pas compris votre réponse")
            dispatcher.utter_message(text=f"C'est noté pour le stage : {told[1].french()}.")
            return {"stage_first_day": told[0]}
        value = slots.get(requested)
        partial = self._partial(value) if requested in PAST_DATE_SLOTS and isinstance(value, str) else None
        if partial is not None and partial.earliest() <= today() and requested != "previous_stage_date" \
                and self._stage_day_told(value, tracker):
            # "le stage c'est le 18 et 19 janvier" while the licence date is asked: the stage's day, the next one
            # when its year was not written (validate_stage_first_day)
            partial = self._partial(slot_values.nearest_stage_day(
                value, self._said(value, tracker), (tracker.latest_message or {}).get("text") or "", today()))
            if partial is not None and partial.precision == "day" and "stage_first_day" in self.domain_slots(domain) \
                    and self.asks_stage_day and not tracker.get_slot("stage_first_day"):
                dispatcher.utter_message(text=f"C'est noté pour le stage : {partial.french()}.")
                return {requested: None, "stage_first_day": value}
            return {}
        if partial is None or partial.earliest() <= today() or partial.precision == "year" \
                or "stage_first_day" not in self.domain_slots(domain) or not self.asks_stage_day \
                or latest_text_says(tracker, _SAID_RECEIVED):
            return {}  # ("je l'ai reçue le 12/03/2031": a letter's date to come, refused as such)
        dispatcher.utter_message(text=f"C'est noté pour le stage : {partial.french()}.")
        return {requested: None, "stage_first_day": value}

    def _stage_day_told_besides(self, slots: Dict[Text, Any], tracker: Tracker, domain) -> Optional[tuple]:
        """The one stage day the latest message tells ("le stage c'est les 12 et 13 janvier") that no slot took, in a
        form that needs the stage's day and does not know it yet, while another fact is asked (the last stage's
        question reads the stage days itself): (the value read, the day meant, the next such day when its year was
        not written); None otherwise."""
        if not self._answering(tracker) or tracker.get_slot("requested_slot") in ("stage_first_day", "previous_stage_date") \
                or "stage_first_day" not in self.domain_slots(domain) or not self.asks_stage_day \
                or tracker.get_slot("stage_first_day") or slots.get("stage_first_day") is not None:
            return None
        message = tracker.latest_message or {}
        days = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "date"]
        if len(days) != 1 or not isinstance(days[0], str) or days[0] in slots.values() \
                or not self._stage_day_told(days[0], tracker):
            return None
        partial = self._partial(slot_values.nearest_stage_day(
            days[0], self._said(days[0], tracker), message.get("text") or "", today()))
        return (days[0], partial) if partial is not None and partial.precision == "day" else None

    @staticmethod
    def _stage_done_before_another(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """"j'ai fait un stage en mars 2025, combien j'aurai si j'en refais un ?": the stage done is the last one,
        the question is about another (R13); it is not the stage asked about, and the form does not ask again
        whether a stage was done."""
        value = slots.get("stage_first_day")
        partial = FactsValidation._partial(value) if isinstance(value, str) else None
        if partial is None or "previous_stage_date" in slots or partial.latest() >= today() or \
                not latest_text_says(tracker, _ANOTHER_STAGE) or \
                not slot_values.stage_said_done((tracker.latest_message or {}).get("text") or ""):
            return {}
        return {"stage_first_day": value_before_message("stage_first_day", tracker), "previous_stage_date": value}

    def _previous_stage_day_told(self, slots: Dict[Text, Any], tracker: Tracker, domain) -> Dict[Text, Any]:
        """The day of the last stage, counted at the end of its month for want of it ("un stage volontaire en juin"),
        told later ("le stage de juin c'était les 16 et 17 juin 2026", "le stage d'avant c'était le 16 juin"): it
        completes that stage, not the stage asked about (R13: the year runs from its first day; T42 c20 kept 30 June,
        then took January's stage for the last one)."""
        known = tracker.get_slot("previous_stage_date")
        partial = self._partial(known) if isinstance(known, str) and known != NO_PREVIOUS_STAGE else None
        if partial is None:
            return {}
        told = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                if e.get("entity") == "date" and e.get("role") == "stage" and isinstance(e.get("value"), str)]
        days = [self._partial(value) for value in told]
        same = [value for value, day in zip(told, days) if day is not None and day.precision == "day"
                and (day.year, day.month) == (partial.year, partial.month) and day.earliest() < today()]
        if len(same) != 1 or same[0] == known:
            return {}
        changes: Dict[Text, Any] = {"previous_stage_date": same[0]}
        for slot in ("stage_first_day", "previous_stage_date"):
            if slots.get(slot) in told and slots.get(slot) != same[0]:
                # (the other stage told with it, read by the slot mappings as the last one: the one asked about)
                changes["stage_first_day"] = slots[slot]
        if slots.get("stage_first_day") == same[0]:
            changes["stage_first_day"] = value_before_message("stage_first_day", tracker)
        return changes

    @staticmethod
    def _previous_stage_not_after(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """The stage asked about, now told, on or before the "last stage" taken from an earlier message (the judge's
        and the voluntary stage told, then "Mes points après un stage" clicked, then "le 20 avril": that stage was
        the one asked about): that last stage is forgotten, to be asked again, instead of an impossible answer
        ("le stage précédent doit avoir eu lieu avant celui-ci", said twice; tester, R11 ex. 2)."""
        stage = FactsValidation._partial(slots.get("stage_first_day")) if isinstance(slots.get("stage_first_day"), str) \
            else None
        previous = tracker.get_slot("previous_stage_date")
        known = FactsValidation._partial(previous) if "previous_stage_date" not in slots and \
            previous not in (None, NO_PREVIOUS_STAGE) else None
        if stage is None or known is None or known.latest() < stage.earliest():
            return {}
        return {"previous_stage_date": None}

    async def extract_stage_first_day(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """The one stage the asking message told, when another question's answer opened this form ("…stage les 12 et
        13 janvier 2026. L'amende est remboursée ? et j'ai combien de points ?", read as the balance question first):
        the stage of this question too, not asked again (the slot mapping reads it only with this form's intents)."""
        if "stage_first_day" not in self.domain_slots(domain) or tracker.get_slot("stage_first_day") is not None \
                or self._answering(tracker) or "stage_first_day" in tracker.slots_to_validate():
            return {}
        entities = [e for e in (tracker.latest_message or {}).get("entities", [])
                    if e.get("entity") == "date" and isinstance(e.get("value"), str)]
        if latest_intent(tracker) in STAGE_QUESTION_INTENTS:
            # "si je le fais le 8 et 9 décembre, j'en aurai combien ?" (the stage named in the message before): two
            # days in a row, without a role, are the stage's (R.223-5: two consecutive days; T11 c21 asked them again)
            text = (tracker.latest_message or {}).get("text") or ""
            days = {e["value"] for e in entities if not e.get("role") and "start" in e and "end" in e
                    and _two_days_in_a_row(fold(text[e["start"]:e["end"]]))}
            told = any(e.get("role") == "stage" for e in entities)
            return {"stage_first_day": days.pop()} if len(days) == 1 and not told else {}
        days = {e.get("value") for e in entities if e.get("role") == "stage"}
        return {"stage_first_day": days.pop()} if len(days) == 1 else {}

    async def extract_previous_stage_date(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """The stage the user told as done in an earlier message ("j'ai fait un stage en mars 2025, il me reste 6
        points", then "et si je fais un stage ?"): the last one that gave points, not asked again (R13)."""
        if tracker.get_slot("previous_stage_date") is not None or "previous_stage_date" not in self.domain_slots(domain) \
                or "previous_stage_date" in tracker.slots_to_validate() \
                or (self._answering(tracker) and tracker.get_slot("requested_slot") == "previous_stage_date"):
            return {}
        done = stage_told_done_before(tracker) or last_stage_told_now(tracker)
        if done and self.form_name() == "points_after_stage_form" and recent_stage_asked_about(tracker, done):
            # "j'ai fait un stage les 26 et 27 novembre. J'en ai combien maintenant ?": that stage is the one asked
            # about, not the last one before it (T4 m005)
            return {"stage_first_day": done}
        return {"previous_stage_date": done} if done else {}

    @staticmethod
    def _day_of_the_month_asked(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """The last question was the day of a month told for another fact than the one the form waits for ("je fais
        le stage en janvier" to the 48N question, then "Quel jour de janvier 2027 ?"): a day of that month answers
        it ("le 12 janvier" is the stage's 12 January 2027, not the letter's receipt), and the form's question stays
        to answer (C18)."""
        requested = tracker.get_slot("requested_slot")
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        slot, _, month = awaiting.partition("=")
        turn = sum(1 for event in tracker.events if event.get("event") == "user")
        if not slot or slot == requested or slot in slots or not isinstance(slots.get(requested), str) or \
                tracker.get_slot("reasked_slot") != f"{slot}#{turn - 1}":
            return {}
        said, asked = FactsValidation._partial(slots[requested]), FactsValidation._partial(month)
        bare_day = slot_values.day_in_month_given_before((tracker.latest_message or {}).get("text"), month)
        if not bare_day and (said is None or asked is None or said.precision != "day" or asked.precision != "month"
                             or said.month != asked.month):
            return {}
        return {requested: value_before_message(requested, tracker), slot: slots[requested]}

    @staticmethod
    def _court_stage_dates(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """The day of a stage the prosecutor proposed or a judge imposed ("stage ordonné par le juge le 15/03")
        is neither the stage asked about nor the last one that gave points: cases 3 and 4 give none and do
        not start the one-year clock (R11, R13 example 4). A date slot it filled gets back its value before."""
        entities = (tracker.latest_message or {}).get("entities", [])
        dates = [e for e in entities if e.get("entity") == "date"]
        court = {e.get("value") for e in dates if e.get("role") == "court_stage"}
        if court_stage_kind(tracker) and not any(e.get("role") == "stage" for e in dates):
            # "le 15/03/2026, mais c'était un stage ordonné par le juge": the only stage named is that one
            court |= {e.get("value") for e in dates if not e.get("role")}
        return {slot: value_before_message(slot, tracker) for slot in ("previous_stage_date", "stage_first_day")
                if slots.get(slot) is not None and any(slots.get(slot) == day for day in court)}  # (a list: 2 dates)

    @staticmethod
    def _question_state(slot: str, output: Dict[Text, Any], said: List[Dict[Text, Any]],
                        tracker: Tracker) -> Dict[Text, Any]:
        """A refusal that asks its own question marks the slot as re-asked this turn (the form then
        does not ask it a second time, see actions.ask); a date accepted ends the wait for its precision."""
        if output.get(slot) is None:
            asked = any("?" in (message.get("text") or "") for message in said)
            return {"reasked_slot": reasked_marker(slot, tracker)} if asked else {}
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if slot in DATE_SLOTS and awaiting.startswith(f"{slot}="):
            # the safe end of the month, taken for want of the day: a day said later still completes it
            taken_for_want_of_day = safe_day_of_month(slot, awaiting.split("=", 1)[1]) == output[slot]
            return {} if taken_for_want_of_day else {"date_awaiting_precision": None}
        return {}

    async def extract_current_balance(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """A probationary licence's balance computed from what the user told, rather than asked (R5)."""
        if (tracker.get_slot("current_balance") is not None and not balance_said_before_retraits(tracker)) \
                or tracker.get_slot("balance_unknown") or "current_balance" not in self.domain_slots(domain) \
                or tracker.slots_to_validate().get("current_balance") not in (
                    None, value_before_message("current_balance", tracker)):  # (said now: that one)
            return {}
        if not self._answering(tracker) and answer_in_context(tracker):
            return {}  # "et j'aurai 12 quand ?" opened this form: the answer's own line replies, nothing is computed
        if latest_text_says(tracker, BALANCE_NOT_KNOWN):
            # "j'ai fait mon stage les 20 et 21 octobre, je ne connais pas mon solde" (tester T1 c48): not asked
            dispatcher.utter_message(text=f"{HOW_TO_CHECK_BALANCE} En attendant, je vous réponds sous condition.")
            return {"current_balance": None, "balance_unknown": True}
        balance = probation_balance(tracker)
        if balance is not None and balance == tracker.get_slot("current_balance"):
            return {}  # computed and said already, from the same story (it was said again at each answer)
        told = tracker.get_slot("current_balance")
        from actions.answers import _balance_said_now  # (answers reads this module)
        if balance is not None and told is not None and _balance_said_now(tracker):
            # "permis en juin 2024, jai perdu 1 point en février 2025 (payé le 15 fév), il me reste 5": the balance
            # said now is kept, and the one the facts give is said beside it, with why they may differ (R5, R7, R8;
            # T13 c32 replaced 5 by 6 without a word)
            dispatcher.utter_message(text=self._balance_told_and_computed(told, balance, tracker))
            return {}
        if balance is None:
            balance = balance_of_the_retraits_told(tracker)
            if balance is None or balance == tracker.get_slot("current_balance"):
                return {}
            # "j'avais 12 points, perdu 3 en mars 2025 et 1 en octobre 2026", then "et si je fais un stage ?": the
            # balance computed from them (R1, R8), not asked again, nor the 12 before them
            dispatcher.utter_message(text=at_maximum_verdict(tracker) + f"D'après les retraits que vous m'avez "
                                          f"indiqués, votre solde est aujourd'hui de {balance} points.")
            return {"current_balance": balance}
        dispatcher.utter_message(text=f"D'après ce que vous m'avez dit, votre solde est aujourd'hui de {balance} "
                                      "points (permis probatoire).")
        return {"current_balance": balance}

    @staticmethod
    def _balance_told_and_computed(told: int, computed: int, tracker: Tracker) -> str:
        """The balance the user told and the one their facts give (probationary licence), and why they may differ."""
        view = load_params().at(today())
        single = view.value("recovery.single_point.points")
        months = view.value("recovery.single_point.delay").get("months")
        why = (f"un point retiré seul revient {months} mois après le paiement de l'amende, si aucune autre infraction "
               f"n'est commise entre-temps (article L.223-6 du Code de la route)") if tracker.get_slot(
            "last_offence_points") == single and computed > told and months else (
            "un retrait ou un retour de points que je ne connais pas peut expliquer l'écart")
        return (f"Vous m'indiquez {told} points ; d'après ce que vous m'avez dit, votre solde serait plutôt de "
                f"{computed} points aujourd'hui (permis probatoire) : {why}. Je compte avec vos {told} points ; "
                f"vérifiez votre solde sur « Mes Points Permis ».")

    # -- one validator per slot ------------------------------------------------

    @staticmethod
    def _checked(slot: str, dispatcher: CollectingDispatcher, check,
                 tracker: Optional[Tracker] = None) -> Dict[Text, Any]:
        """`check()` as the slot's value; refused, the reason said. A fact the form did not ask (told in the message
        that opens it, or besides the answer) is refused without its question: the form asks its own next one, and
        only that one ("j'ai 15 points sur mon permis c normal ?": not "Combien de points vous reste-t-il ?" and
        the licence's date in one turn, T10 c18)."""
        try:
            return {slot: check()}
        except InvalidAnswer as error:
            volunteered = tracker is not None and tracker.get_slot("requested_slot") != slot
            dispatcher.utter_message(text=without_its_question(error.message_fr) if volunteered and error.awaiting
                                     is None else error.message_fr)
            if error.awaiting is not None:  # "janvier 2026" for want of the day: the next answer completes it
                return {slot: None, "date_awaiting_precision": f"{slot}={error.awaiting.iso()}"}
            return {slot: None}

    def validate_licence_date(self, value, dispatcher, tracker, domain):
        value = self._completed_date("licence_date", value, tracker)
        first = slot_values.first_category_licence(tracker.latest_message)
        if first is not None and value in message_values(tracker, "date"):
            value = first  # (two categories' days told: the first licence starts the probation, R5; T32 c32)
        said = slot_values.words_of_date(tracker.latest_message, value)  # "il y a 2 ans": a day known roughly
        known = self._known_day_said_roughly("licence_date", value, said, tracker)
        if known:
            return {"licence_date": known}
        if year_enough_after_the_aac(value, tracker):
            return self._checked("licence_date", dispatcher, lambda: slot_values.past_date(
                value, today(), "la date d'obtention de votre permis", need_day=False).iso(), tracker=tracker)
        return self._checked("licence_date", dispatcher, lambda: slot_values.licence_date(value, today(), said).iso(),
                             tracker=tracker)

    def validate_training_date(self, value, dispatcher, tracker, domain):
        licence = tracker.get_slot("licence_date")
        return self._checked("training_date", dispatcher, lambda: slot_values.past_date(
            value, today(), "la date de fin de la formation complémentaire", need_day=False,
            not_before=slot_values.to_date(licence, safe="earliest"), not_before_fr="à l'obtention du permis",
        ).iso(), tracker=tracker)

    def _validate_yes_no(self, slot, value, dispatcher):
        return self._checked(slot, dispatcher, lambda: slot_values.as_bool(value))

    def validate_supervised_driving(self, value, dispatcher, tracker, domain):
        return self._validate_yes_no("supervised_driving", value, dispatcher)

    def validate_complementary_training(self, value, dispatcher, tracker, domain):
        if value is False and message_values(tracker, "offence_since_licence") and \
                not message_values(tracker, "complementary_training"):
            # "jamais eu d'infraction" to the training question answers the offence question, not this one
            return {"complementary_training": None}
        result = self._validate_yes_no("complementary_training", value, dispatcher)
        if result["complementary_training"] is False:
            result["training_date"] = None
        return result

    def validate_current_balance(self, value, dispatcher, tracker, domain):
        if value == slot_values.UNKNOWN_BALANCE:  # "je ne sais pas"
            from actions.ask import balance_if_full_before  # (ask reads this module)
            proposed = balance_if_full_before(tracker) if tracker.get_slot("requested_slot") == "current_balance" \
                else None
            if proposed is not None:
                # the balance the question offered, from the retraits told ("permis en septembre 2025, 2 points perdus
                # en août": 6 − 2 = 4, R5, R7): counted, said as such, rather than no figure at all (T16 c08)
                computed, before = proposed
                dispatcher.utter_message(text=f"Pas de souci. {HOW_TO_CHECK_BALANCE} En attendant, je compte "
                                              f"{computed} point{'s' if computed > 1 else ''} : ce que donnent les "
                                              f"retraits que vous m'avez indiqués si vous en aviez {before} et aucun "
                                              "autre retrait.")
                return {"current_balance": computed, "balance_unknown": False}
            dispatcher.utter_message(text=f"Pas de souci. {HOW_TO_CHECK_BALANCE} En attendant, je vous réponds sous condition.")
            return {"current_balance": None, "balance_unknown": True}
        # "ben 4 du coup, 6 moins 2": the balance the user works out, not the last number of their sum (T50 c05)
        worked_out = slot_values.computed_count((tracker.latest_message or {}).get("text") or "") \
            if tracker.get_slot("requested_slot") == "current_balance" else None
        value = value if worked_out is None else worked_out
        result = self._checked("current_balance", dispatcher, lambda: slot_values.balance(value), tracker=tracker)
        if result["current_balance"] is not None:
            result["balance_unknown"] = False
        return result

    @staticmethod
    def _known_day_said_roughly(slot: str, value: Any, said: str, tracker: Tracker) -> Optional[str]:
        """The exact day the slot held before this message (ISO), when the message only says it again roughly, as a
        duration from today whose margin reaches that day ("il a son permis depuis 3 ans presque" after "permis obtenu
        le 30 novembre 2023"): the day told stays, rather than being replaced by an approximate one and asked again
        (tester T31 a04: the licence's date was lost, the next answers forgot the probation). None otherwise."""
        margin = slot_values.rough_margin(said)
        known = value_before_message(slot, tracker)
        if not margin or not isinstance(known, str) or known == value:
            return None
        known_day, rough_day = slot_values.partial_date_or_none(known), slot_values.partial_date_or_none(value)
        if known_day is None or rough_day is None or known_day.precision != "day" or rough_day.precision != "day":
            return None
        return known if rough_day.earliest() - margin <= known_day.earliest() <= rough_day.earliest() + margin else None

    @staticmethod
    def _completed_date(slot: str, value: Any, tracker: Tracker) -> Any:
        """The answer to a re-ask for a missing day or month, completed with the date refused before:
        "le 12" after "janvier 2026" is the 12th of January 2026, "mars" after "en 2024" is March 2024
        (however many turns ago, as long as the slot waits for it); "le 28" after an impossible 29/02/2025,
        the 28th of that month."""
        text = (tracker.latest_message or {}).get("text", "")
        users = [event for event in tracker.events if event.get("event") == "user"]
        impossible = [e.get("value") for e in ((users[-2].get("parse_data") or {}) if len(users) > 1 else {})
                      .get("entities", []) if e.get("entity") == "invalid_date"]
        if len(impossible) == 1:
            day, month, year = impossible[0].split("/")
            return slot_values.day_in_month_given_before(text, f"{year}-{month}") or value
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if awaiting.startswith(f"{slot}="):
            return slot_values.completed_date(text, value, awaiting.split("=", 1)[1])
        # "non en fait c'était en 2024" after "payée le 3 février 2025": 3 February 2024; "oups 2025 pardon" after "le 12
        # juin 2027" was refused as to come: 12 June 2025, not the month asked again (T20 c05)
        return slot_values.with_year_corrected(value, value_before_message(slot, tracker)
                                               or FactsValidation._future_date_refused(slot, tracker))

    @staticmethod
    def _future_date_refused(slot: str, tracker: Tracker) -> Optional[str]:
        """The one date of the user's message before the latest, when the form refused it as to come (ISO), while it
        still asks that slot; None otherwise."""
        if tracker.get_slot("requested_slot") != slot:
            return None
        users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
        said = " ".join(event.get("text") or "" for event in tracker.events[users[-2]:users[-1]]
                        if event.get("event") == "bot") if len(users) > 1 else ""
        if "est dans le futur" not in said:  # (the refusal, then the form's question)
            return None
        users = [tracker.events[n] for n in users]
        dates = [e.get("value") for e in ((users[-2].get("parse_data") or {}).get("entities") or [])
                 if e.get("entity") == "date" and isinstance(e.get("value"), str)]
        partial = slot_values.partial_date_or_none(dates[0]) if len(dates) == 1 else None
        return dates[0] if partial is not None and partial.precision != "year" and partial.earliest() > today() else None

    def _date_answer(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Any:
        """A date slot's answer, completed with the month or year refused before, or the safe end of that
        month when the day is not known."""
        return self._one_of_two_days(slot, dispatcher, tracker) or self._middle_of_the_month(slot, dispatcher, tracker) \
            or self._part_of_the_month(value, dispatcher, tracker, slot) \
            or self._day_unknown(self._completed_date(slot, value, tracker), slot, dispatcher, tracker)

    @staticmethod
    def _part_of_the_month(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           slot: Optional[str] = None) -> Optional[str]:
        """"fin juillet", "début mars 2025", "mi-juin": the month's last day, its 1st, its 15th (as "vers le milieu du
        mois" is), said as a day counted, not the month's safe day nor its 1st (tester T19 c22: "infraction fin
        juillet" became "l'infraction du 1er juillet 2026"). None when no part of the month was said, or its day is
        still to come (these dates are past ones)."""
        said = slot_values.part_of_month_said(tracker.events, value)
        if said is None or said[1] > today():
            return None
        part, day = said
        month = slot_values.PartialDate.parse(value).french()
        said_fr = f"mi-{month}" if part == "mi" else f"{part} {month}"
        if slot == "letter_48n_date" and part == "fin":
            # the 48N's 4 months run from its receipt (R15): the earliest day of "fin octobre" gives the earliest
            # deadline, the safe one; the month's last day would give the latest (tester T23 c22)
            safe = day.replace(day=slot_values.END_OF_THE_MONTH_FROM_DAY)
            delay = load_params().at(safe).value("letter_48n.deadline")
            dispatcher.utter_message(
                text=f"Vous avez indiqué {said_fr} : pour la date limite, je compte le {format_long_fr(safe)}, le jour "
                     "le plus tôt de la fin du mois, car une lettre reçue plus tôt laisse moins de temps (date limite "
                     f"au {format_long_fr(add(safe, delay))}). Reçue le {format_long_fr(day)}, elle laisserait "
                     f"jusqu'au {format_long_fr(add(day, delay))}. Le délai se compte au jour près : donnez-moi le "
                     "jour exact si vous le connaissez.")
            return safe.isoformat()
        if part == "début" and SAFE_END_OF_MONTH.get(slot, ("",))[0] == "latest":
            # "le dernier stage c'était début décembre 2025": any of its first days may be the one, and the later the
            # day, the later the points (R13: a stage this week gives none if the last began after 1 December); the
            # prudent end of "début", its last day, is counted, and said so (tester T36 t33c09)
            day = min(day.replace(day=slot_values.BEGINNING_OF_THE_MONTH_UNTIL_DAY), today())
            notice = (f"Vous avez indiqué {said_fr} : je compte le {format_long_fr(day)}, le dernier jour du début du "
                      f"mois, la date la plus prudente : {SAFE_END_OF_MONTH[slot][1]}. Le délai se compte au jour près : "
                      "donnez-moi le jour exact si vous le connaissez.")
        else:
            notice = (f"Vous avez indiqué {said_fr} : je compte le {format_long_fr(day)}. Le délai se compte au jour "
                      "près : donnez-moi le jour exact si vous le connaissez.")
        if not any(event.get("event") == "bot" and event.get("text") == notice for event in tracker.events):
            # (said once: "le point de juin" named again in the next question is the same day, T35 c08)
            dispatcher.utter_message(text=notice)
        return day.isoformat()

    @staticmethod
    def _middle_of_the_month(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[str]:
        """"vers le milieu du mois je pense" to "Quel jour de septembre 2025 ?": the 15th of that month, said as a day
        known roughly (tester T20 c02 got "Je n'ai pas compris votre réponse."). None otherwise."""
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if not awaiting.startswith(f"{slot}=") or not _MIDDLE_OF_THE_MONTH.search(
                fold((tracker.latest_message or {}).get("text") or "")):
            return None
        middle = slot_values.day_in_month_given_before(f"le {slot_values.MIDDLE_OF_THE_MONTH_DAY}",
                                                       awaiting.split("=", 1)[1])
        if middle is None or date.fromisoformat(middle) > today():
            return None
        dispatcher.utter_message(text=f"Je compte le {format_long_fr(date.fromisoformat(middle))}, le milieu du mois : "
                                      "le délai se compte au jour près, vérifiez le jour exact si vous le pouvez.")
        return middle

    @staticmethod
    def _one_of_two_days(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[str]:
        """"le 23 je crois, ou le 24" to "Quel jour de mars 2026 ?": days of that month, and of the two the safe one
        for this slot (`SAFE_END_OF_MONTH`: the later for a payment or a stage, the earlier for a 48N's receipt), said
        as such (tester T20 c18: read as 24 November). None when the answer is not two days of the month awaited."""
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if slot not in SAFE_END_OF_MONTH or not awaiting.startswith(f"{slot}="):
            return None
        month = awaiting.split("=", 1)[1]
        days = slot_values.two_days_in_month_given_before((tracker.latest_message or {}).get("text"), month)
        if len(days) != 2:
            return None
        safe = days[0] if SAFE_END_OF_MONTH[slot][0] == "earliest" else days[-1]
        first, second = (date.fromisoformat(day) for day in days)
        dispatcher.utter_message(text=f"Entre le {format_long_fr(first).split(' ')[0]} et le {format_long_fr(second)}, "
                                      f"je compte le {format_long_fr(date.fromisoformat(safe))}, la date la plus "
                                      f"prudente : {SAFE_END_OF_MONTH[slot][1]}.")
        return safe

    @staticmethod
    def _day_unknown(value: Any, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Any:
        """The same month said again after the re-ask for its day ("je sais plus, début septembre"), or
        "je ne sais pas": the safe end of that month for this slot, said as such, rather than a third
        re-ask. The value as given otherwise."""
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if slot not in SAFE_END_OF_MONTH:
            return value
        month = _month_said_without_its_day(value, tracker)
        season_now = month is None and isinstance(value, str) and \
            slot_values.season_said([e for e in tracker.events if e.get("event") == "user"][-1:], value) is not None
        if season_now:
            # "l'été dernier": a season, not its first month; its day is rarely known, so its safe end is taken at
            # once and said, not "Quel jour de juin 2026 ?" (T27 c09: summer read as June)
            month = value
        if month is None:
            # (or the same month again after the re-ask for its day, or "je ne sais pas" to it)
            if not awaiting.startswith(f"{slot}="):
                return value
            month = awaiting.split("=", 1)[1]
            repeated = value is not None and str(slot_values.single_value(value, "la date")) == month
            if not repeated and not (value is None and latest_intent(tracker) == "dont_know"):
                return value
        safe, of_the_season = safe_day_of_month(slot, month), ""
        season = slot_values.season_said(tracker.events, month)
        if season is not None:
            # "au printemps 2022 peut-être": spring runs to 20 June, its safe end is not 31 March (T20 c26)
            name, first, last = season
            latest = SAFE_END_OF_MONTH[slot][0] == "latest"
            safe = min(last if latest else first, today()).isoformat()
            of_the_season = f", {'la fin' if latest else 'le début'} {slot_values.of_season(name)}"
        said = f"Vous avez indiqué {slot_values.the_season(season[0])} {season[1].year} : sans le jour exact" \
            if season_now else "Sans le jour exact"
        dispatcher.utter_message(text=f"{said}, je compte à partir du "
                                      f"{format_long_fr(date.fromisoformat(safe))}{of_the_season}, la date la plus "
                                      f"prudente : {SAFE_END_OF_MONTH[slot][1]}. "
                                      + ("Donnez-moi le jour exact si vous le retrouvez." if season_now
                                         else "Vérifiez-la si vous le pouvez."))
        return safe

    def _licence_for_a_stage(self, slot: Text, value: Any, tracker: Tracker) -> Dict[Text, Any]:
        """A stage's date asked, a licence's said ("je l'ai eu en septembre 2025", "c'est mon permis qui date de…"):
        the licence's date (R5: its probation and ceiling), the stage's still to ask (T16 c08)."""
        if not isinstance(value, str) or tracker.get_slot("requested_slot") != slot:
            return {}
        licence = licence_date_answered(tracker)
        if licence != value or "licence_date" in tracker.slots_to_validate():
            return {}
        return {slot: value_before_message(slot, tracker), "licence_date": self.validate_licence_date(
            value, CollectingDispatcher(), tracker, {}).get("licence_date", value)}

    def validate_stage_first_day(self, value, dispatcher, tracker, domain):
        licence = self._licence_for_a_stage("stage_first_day", value, tracker)
        if licence:
            return licence
        if letter_48n_received(tracker) and stage_before_the_48n(tracker, value) and \
                slot_values.stage_said_done(fold((tracker.latest_message or {}).get("text") or "")):
            # "et si il a déjà fait un stage volontaire en mars ?" with a 48N received in November: a stage done before
            # the letter is never the compulsory one, it is the last stage (R17; T27 c02)
            return {"stage_first_day": None,
                    **self.validate_previous_stage_date(value, dispatcher, tracker, domain)}
        undecided = self._undecided_days("stage_first_day", tracker)
        if undecided and value_before_message("stage_first_day", tracker) is None:
            # "il hésite entre janvier ou mars": no day nor month is a fact yet, none is kept nor its day asked (T12 c03)
            told = " ou ".join(slot_values.PartialDate.parse(slot_values.nearest_occurrence(day, today())).french()
                               for day in undecided)
            compared = _stage_days_compared(undecided, tracker)
            dispatcher.utter_message(text=compared or f"La date du stage n'est pas encore choisie ({told}) : je n'en "
                                                      "retiens aucune.")
            return {"stage_first_day": None}
        licence = self._partial(tracker.get_slot("licence_date"))
        completed = self._completed_date("stage_first_day", value, tracker)
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if completed != value:  # "le 12" after "en janvier": the month was already the nearest one
            value = slot_values.nearest_occurrence(completed, today())
        # the other past days of the message, with a role of their own, place a stage told with them (R14 example 3)
        story = [day.earliest() for day in (slot_values.partial_date_or_none(e.get("value")) for e in message.get(
            "entities", []) if e.get("entity") == "date" and e.get("role") not in (None, "stage", "court_stage"))
            if day is not None and day.precision == "day"]
        days = [e for e in message.get("entities", []) if e.get("entity") == "date" and "start" in e]
        # (the words of this value; or of the message's one date, read with another year than the slot's)
        said = [e for e in days if e.get("value") == value] or (days if len(days) == 1 else [])
        if said:
            value = slot_values.nearest_stage_day(value, text[said[0]["start"]:said[0]["end"]], text, today(), story)
        month = self._partial(value) if isinstance(value, str) else None
        # (a licence that may be probationary: an anniversary in that month may raise its ceiling, R5; asked)
        kept = self._day_not_needed("stage_first_day", value, tracker, moving=True) if month is not None and \
            month.precision == "month" and today() < month.earliest() and \
            not probation_may_count(tracker) else None
        if kept and tracker.get_slot("previous_stage_date") is None and \
                "previous_stage_date" in self.domain_slots(domain or {}):
            # the last stage not known yet: one in the last year may make the day count (R13); the month waits for
            # it, its day asked then only if it counts (ValidatePointsAfterStageForm._stage_month_enough)
            return {"stage_first_day": None, "date_awaiting_precision": f"stage_first_day={kept}"}
        if kept:
            return {"stage_first_day": kept, "date_awaiting_precision": None}
        return self._checked("stage_first_day", dispatcher,
                             lambda: slot_values.stage_date(value, today(), licence).iso(), tracker=tracker)

    def validate_previous_stage_date(self, value, dispatcher, tracker, domain, _split: bool = False):
        if value == NO_PREVIOUS_STAGE or value is False:  # "non, jamais", "c'est mon premier stage"
            return {"previous_stage_date": NO_PREVIOUS_STAGE}
        licence = self._licence_for_a_stage("previous_stage_date", value, tracker)
        if licence:
            return licence
        value = self._known_day_of_the_month(value, tracker)
        later = self._stage_told_after_the_one_asked(value, dispatcher, tracker)
        if later is not None:
            return later
        known = self._last_stage_known(tracker)
        if isinstance(value, str) and known and latest_text_says(tracker, ASKS_WHAT_A_STAGE_GAVE) and \
                stage_told_within_the_year(value, known) and not any(
                    day is not None and day.latest() >= today() for day in (
                        self._partial(e.get("value")) for e in (tracker.latest_message or {}).get("entities", [])
                        if e.get("entity") == "date" and isinstance(e.get("value"), str))):
            # "le stage de juin 2025 il m'a bien rendu des points ? c'était les 9 et 10 juin" after the last stage with
            # points of 10 June 2024: begun within the year after it, that stage is the one asked about, and gave none;
            # the last one with points stays (R13 ex. 2; T54 c22 took it for the last one and answered another stage)
            return {"previous_stage_date": known, "stage_first_day": value}
        imagined = self._stage_imagined_after_the_last(value, dispatcher, tracker)
        if imagined is not None:
            return imagined
        stages = sorted(e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                        if e.get("entity") == "date" and e.get("role") == "stage" and isinstance(e.get("value"), str))
        planned_last = len(stages) > 2 and (value == stages[-1] or isinstance(value, list) and stages[-1] in value) \
            and self._partial(stages[-1]) is not None and self._partial(stages[-1]).latest() >= today()
        if planned_last:
            # "son dernier stage était les 28 et 29 février 2024, puis un autre les 3 et 4 mars 2025. Il voudrait en
            # refaire un en décembre 2026": the latest done is the one before the stage to come (R13, T11 c27)
            stages = stages[-2:]
            value = stages[-1]
        # ("je fais un stage la semaine prochaine ? j'en ai fait un le 10 janvier 2026": the slot got the earlier one,
        # the later one, to come, is the stage asked about all the same; T10 c30 lost it)
        later = self._partial(stages[-1]) if len(stages) == 2 else None
        earlier = self._partial(self._known_day_of_the_month(stages[0], tracker)) if len(stages) == 2 else None
        if len(stages) == 2 and not _split and later is not None and earlier is not None and \
                later.latest() < today() and earlier.latest() < later.earliest() and \
                later.latest() < next_point_stage(earlier.latest(), load_params().at(today()))[0] and \
                not _later_stage_to_take(tracker, stages) and \
                slot_values.this_week_ahead(stages[-1], self._said(stages[-1], tracker), today()) == stages[-1]:
            # "le stage de septembre que j'ai fait, il m'a rendu des points vu que j'en avais fait un en février ?": the
            # later began within the year after the earlier, so it gave none; the earlier stays the last one that gave
            # points, the later is the stage asked about (R13; T27 c21 asked the day of February known before)
            return {**self.validate_previous_stage_date(earlier.iso(), dispatcher, tracker, domain, _split=True),
                    "stage_first_day": later.iso()}
        if len(stages) == 2 and not _split and later is not None and later.latest() < today() and \
                not _later_stage_to_take(tracker, stages):
            # "j'ai fait un stage en mars 2024 et un autre en avril 2025, je peux en faire un 3e ?": both done, the
            # later is the last one that gave points, the one the year counts from (R13); the earlier changes
            # nothing, and no stage is asked about (T13 c30 counted from March 2024)
            return self.validate_previous_stage_date(stages[-1], dispatcher, tracker, domain, _split=True)
        if len(stages) == 2 and not _split and (value == stages[-1] or (
                value == stages[0] and later is not None and later.earliest() > today())):
            # "mon dernier stage c'était en décembre 2025, j'en ai réservé un le 30 novembre": two stages in one
            # message, the earlier is the last one done, the later the one asked about (R13); "cette semaine" from
            # today (T4 m016)
            return {**self.validate_previous_stage_date(stages[0], dispatcher, tracker, domain, _split=True),
                    "stage_first_day": slot_values.this_week_ahead(stages[-1], self._said(stages[-1], tracker),
                                                                   today())}
        if value is True:  # "oui", "ce n'est pas mon premier stage": its date is still to ask
            if tracker.get_slot("requested_slot") == "previous_stage_date":
                dispatcher.utter_message(text="D'accord : à quelle date ce stage a-t-il commencé ? (par exemple : "
                                              "12/03/2025, ou « mars 2025 »)")
            return {"previous_stage_date": None}
        planned = planned_stages_in(tracker.latest_message or {})
        if len(planned) == 2:
            # "et si j'en fais un le 10 décembre 2026 puis un autre en juin 2027 ?": the first is the stage asked about,
            # the second is answered from it (R13, see answers.ActionAnswerStageEligibility); the last one done is
            # still to ask
            dispatcher.utter_message(text=f"C'est noté : un stage le {format_long_fr(date.fromisoformat(planned[0]))}, "
                                          f"puis un autre {_french_day_or_month(planned[1])}.")
            return {"previous_stage_date": self._last_stage_known(tracker), "stage_first_day": planned[0]}
        to_take = self._stage_to_take(value, tracker)
        if to_take is not None:
            # "je pensais faire le stage les 8 et 9 janvier", "le stage que j'ai trouvé c'est le 26 et 27 février, ça
            # passe ?": the stage asked about, the next such day, not the last one done (R13); that one is still to ask
            if tracker.get_slot("requested_slot") == "previous_stage_date":
                dispatcher.utter_message(text=f"C'est noté pour le stage : {format_long_fr(date.fromisoformat(to_take))}.")
            return {"previous_stage_date": self._last_stage_known(tracker), "stage_first_day": to_take}
        if isinstance(value, str) and tracker.get_slot("requested_slot") == "previous_stage_date" and \
                value[:10] == str(value_before_message("stage_first_day", tracker) or "")[:10]:
            # "avant celui du 2 juin 2026, non jamais": the day of the stage asked about names it, not one before it
            # (T10 c22 got "le stage précédent doit avoir eu lieu avant celui-ci" twice)
            said_none = latest_text_says(tracker, _NONE_BEFORE)
            if said_none:
                return {"previous_stage_date": NO_PREVIOUS_STAGE}
            # "2 juin 2026" again, alone: that stage is the last one done, so the stage asked about was read wrong (a
            # stage told as done taken for the one of the question, T11 c37: the same question asked in a loop); it
            # is kept as the last one, the stage asked about is asked
            dispatcher.utter_message(text="C'est noté : votre dernier stage avec points a commencé le "
                                          f"{format_long_fr(date.fromisoformat(value[:10]))}.")
            return {"previous_stage_date": value[:10], "stage_first_day": None}
        ahead = self._partial(value)
        if ahead is not None and ahead.earliest() > today():
            # a stage to come is not the last one done: "je peux en refaire un l'an prochain ?" asks when (the answer
            # says it), "j'ai réservé un stage le 14 décembre" is the planned one
            return {"previous_stage_date": self._last_stage_known(tracker),
                    **({} if ahead.precision == "year" else {"stage_first_day": ahead.iso()})}
        month = self._partial(value) if isinstance(value, str) else None
        if month is not None and month.precision in ("month", "year") and \
                next_point_stage(month.latest(), load_params().at(today()))[1] <= today():
            # "j'ai fait un stage en mars 2025": more than a year ago whatever its day, so a new stage gives points
            # whatever the day (R13); its last day is counted, the latest it can be, not asked ("pas de stage depuis
            # 2019" too, T42 c22)
            last = month.latest().isoformat()
            dispatcher.utter_message(text=f"Pour votre dernier stage, je compte le {format_long_fr(month.latest())} : "
                                          f"le jour exact {slot_values.of_month(month.french())} ne change rien ici.")
            return {"previous_stage_date": last, "date_awaiting_precision": None}
        if month is not None and month.precision == "month" and month.latest() < today() and \
                letter_48n_received(tracker):
            # "et si il a déjà fait un stage volontaire en mars ?" after the 48N's deadline: the compulsory stage stays
            # due whatever its day (R17); the month's last day is the prudent one, the latest a stage gives points from
            # again (R13), counted and said (T27 c02)
            dispatcher.utter_message(text=f"Pour le stage {slot_values.of_month(month.french())}, je compte le "
                                          f"{format_long_fr(month.latest())}, le jour le plus prudent : donnez-moi le "
                                          "jour exact pour un calcul au jour près.")
            return {"previous_stage_date": month.latest().isoformat(), "date_awaiting_precision": None}
        value = self._date_answer("previous_stage_date", value, dispatcher, tracker)
        return self._checked("previous_stage_date", dispatcher, lambda: slot_values.past_date(
            value, today(), "la date du premier jour de votre dernier stage", need_day=True,
            said=slot_values.words_of_date(tracker.latest_message, value), delays=STAGE_DELAYS).iso(), tracker=tracker)

    @classmethod
    def _known_day_of_the_month(cls, value: Any, tracker: Tracker) -> Any:
        """"j'en avais fait un en février" after the last stage of 2 February 2026 was told: that day, known, not its
        month to ask again (T27 c21 asked "Quel jour de février 2026 ?" after "le 2")."""
        known = value_before_message("previous_stage_date", tracker)
        month, day = (cls._partial(v) if isinstance(v, str) and v != NO_PREVIOUS_STAGE else None for v in (value, known))
        if month is not None and day is not None and month.precision == "month" and day.precision == "day" and \
                (day.year, day.month) == (month.year, month.month):
            return day.iso()
        return value

    @classmethod
    def _stage_told_after_the_one_asked(cls, value: Any, dispatcher: CollectingDispatcher,
                                        tracker: Tracker) -> Optional[Dict[Text, Any]]:
        """"non. mais après ce stage … j'ai refait un stage les 9 et 10 juin 2025" to the stage before the one of 10 June
        2024: a stage done after the one asked about is no stage before it (T54 c22 got "Impossible de répondre : le
        stage précédent doit avoir eu lieu avant celui-ci" and the question again). The "non" answers the question;
        the later stage, begun within the year after the one asked about, gave no points, which is said (R13 ex. 2).
        None unless a day after the past stage asked about is told while a stage before it is asked."""
        if tracker.get_slot("requested_slot") != "previous_stage_date" or not isinstance(value, str):
            return None
        told, asked = (cls._partial(v) if isinstance(v, str) and v != NO_PREVIOUS_STAGE else None
                       for v in (value, value_before_message("stage_first_day", tracker)))
        if told is None or asked is None or told.precision != "day" or asked.precision != "day" or \
                not asked.latest() < told.earliest() <= today():
            return None
        note = stage_too_early_after(told.earliest(), asked.earliest())
        if note:
            dispatcher.utter_message(text=note)
        said_none = _PLAIN_NO.match(fold((tracker.latest_message or {}).get("text") or ""))
        return {"previous_stage_date": NO_PREVIOUS_STAGE if said_none else None}

    @classmethod
    def _stage_imagined_after_the_last(cls, value: Any, dispatcher: CollectingDispatcher,
                                       tracker: Tracker) -> Optional[Dict[Text, Any]]:
        """"et un stage en septembre 2026 ça m'aurait rendu des points ?" after the last stage told (2 February 2026):
        a stage imagined, asked about, never the last one done, which stays (T27 c21 replaced it, then asked its day
        again and never answered). Its month is enough when every day of it falls on the same side of the year since
        the last stage (R13); else its day is asked, the answer meanwhile saying from when a stage gives points."""
        # (or the stage told done in an earlier message, the last one: "elle a fait un stage volontaire le 14 et 15 avril
        # 2025", then "et si elle refait un stage en mars 2026 ?", T42 c17 took March 2026 for a stage done)
        known = cls._last_stage_known(tracker) or stage_told_done_before(tracker)
        text = fold((tracker.latest_message or {}).get("text") or "")
        if not isinstance(value, str) or not isinstance(known, str) or known == NO_PREVIOUS_STAGE or \
                not (_COUNTERFACTUAL.search(text) or _ANOTHER_STAGE_SUPPOSED.search(text)):
            return None
        imagined, last = cls._partial(value), cls._partial(known)
        if imagined is None or last is None or imagined.precision == "year" or imagined.earliest() <= last.latest():
            return None
        earliest_with_points = next_point_stage(last.latest(), load_params().at(today()))[0]
        if imagined.precision == "day" or imagined.latest() < earliest_with_points or \
                imagined.earliest() >= earliest_with_points:
            return {"previous_stage_date": known, "stage_first_day": imagined.iso()}
        dispatcher.utter_message(text=f"Pour un stage en {imagined.french()}, le jour compte (un nouveau stage ne donne "
                                      f"des points qu'à partir du {format_long_fr(earliest_with_points)}) : quel jour "
                                      "aurait-il commencé ? Par exemple : le 12.")
        return {"previous_stage_date": known, "stage_first_day": None,
                "date_awaiting_precision": f"stage_first_day={imagined.iso()}"}

    @classmethod
    def _last_stage_known(cls, tracker: Tracker) -> Optional[str]:
        """The last stage that gave points, known before this message ("jamais", or a day gone), kept when the message
        names a stage to come instead ("je peux en refaire un en mars 2027 ?" after the stage of 14 October: not asked
        again, tester T7 c01); None when none was known."""
        known = value_before_message("previous_stage_date", tracker)
        if known == NO_PREVIOUS_STAGE:
            return known
        partial = cls._partial(known) if isinstance(known, str) else None
        return known if partial is not None and partial.latest() < today() else None

    @staticmethod
    def _no_before_another_fact(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """"non j'ai le permis depuis 2009", "non, et il me reste 7 points" to a yes/no question: the "non" answers it,
        the other fact is kept too (T3 c02: the last stage's question was asked again after it)."""
        requested = tracker.get_slot("requested_slot")
        folded = fold((tracker.latest_message or {}).get("text") or "")
        if requested not in _NO_ANSWERS or requested in slots or latest_intent(tracker) == "deny" or \
                not _PLAIN_NO.match(folded) or _DAY_NOT_KNOWN.search(folded) or re.search(r"souviens|sais plus", folded):
            return {}  # ("non je sais plus": not a no)
        return {requested: _NO_ANSWERS[requested]}

    @staticmethod
    def _no_offence_after_all(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """"non jamais", "aucun", "non" to the day or the points of the offence said before (probation form): there
        was none with a retrait after all, as "jamais eu d'infraction" says (T10 c02: the points were asked again).
        The offence's facts are then dropped by `validate_probation_offence` (R5, R7: no retrait, the ceiling)."""
        requested = tracker.get_slot("requested_slot")
        folded = fold((tracker.latest_message or {}).get("text") or "")
        if requested not in ("offence_date", "last_offence_points") or tracker.get_slot("probation_offence") is not True \
                or "probation_offence" in slots or any(slots.get(slot) is not None for slot in OFFENCE_DETAIL_SLOTS) \
                or message_values(tracker, "points") or message_values(tracker, "number") \
                or not (latest_intent(tracker) == "deny" or _PLAIN_NO.match(folded)) \
                or _DAY_NOT_KNOWN.search(folded) or re.search(r"souviens|sais plus|rappelle", folded):
            return {}
        return {"probation_offence": False}

    def _training_day_told(self, slots: Dict[Text, Any], tracker: Tracker, domain) -> Dict[Text, Any]:
        """"le 14 février 2026 c'est la date de la formation complémentaire" while another fact is asked: the day said
        with the training, in the same clause, is its day, more precise than the month told before (T10 c02: the
        answer kept "février 2026" and took its 28th)."""
        if not self._answering(tracker) or "training_date" not in self.domain_slots(domain) \
                or "training_date" in slots:
            return {}
        told = self._training_day_on_activation(tracker, domain, replacing=True)
        if not told:
            return {}
        day = told[0]["value"]
        return {"training_date": day, **{slot: value_before_message(slot, tracker)
                                         for slot, value in slots.items() if value == day and slot in DATE_SLOTS}}

    @staticmethod
    def _yes_no_off_topic(slots: Dict[Text, Any], dispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """"pas payée encore" (the fine) to "Avez-vous fait la conduite accompagnée ?": the NLU's "non" is no answer to
        it (tester T5 c35). The yes/no is dropped, the fact the message gives is kept and said (a fine not paid yet
        here, the others by `noted_besides`), and the form asks its question again."""
        requested = tracker.get_slot("requested_slot")
        if not yes_no_read_off_topic(tracker, requested):
            return {}
        dropped: Dict[Text, Any] = {requested: None}
        if not_paid_said(tracker) and tracker.get_slot("fine_payment_date") in (None, NOT_PAID):
            dropped["fine_payment_date"] = NOT_PAID
            dispatcher.utter_message(text=NOT_PAID_YET_REPLY)
        elif not any(value is not None and slot not in ("requested_slot", requested)
                     and value != value_before_message(slot, tracker) for slot, value in slots.items()):
            dispatcher.utter_message(text=OFF_TOPIC_YES_NO_REPLY)
        return dropped

    @staticmethod
    def _said(value: Any, tracker: Tracker) -> str:
        """The words of the latest message that gave the date `value` ("" when none did)."""
        message = tracker.latest_message or {}
        for entity in message.get("entities", []):
            if entity.get("entity") == "date" and entity.get("value") == value and "start" in entity:
                return (message.get("text") or "")[entity["start"]:entity["end"]]
        return ""

    @staticmethod
    def _stage_day_told(value: Any, tracker: Tracker) -> bool:
        """The latest message gives `value` as a stage's day ("le stage c'est le 18 et 19 janvier", "stage le 12"),
        not the licence's nor the last stage done."""
        message = tracker.latest_message or {}
        folded = fold(message.get("text") or "")
        roles = {e.get("role") for e in message.get("entities", [])
                 if e.get("entity") == "date" and e.get("value") == value}
        return bool(roles) and roles <= {None, "stage"} and bool(_STAGE_WORD.search(folded)) \
            and not _LAST_STAGE.search(folded) and not slot_values.stage_said_done(folded) \
            and not _LICENCE_WORD.search(folded)

    @staticmethod
    def _stage_to_take(value: Any, tracker: Tracker) -> Optional[str]:
        """The day (ISO) of the stage to take that the latest message gives as `value`, read as the next such day
        when its year was not written; None when the message tells a stage done or no stage to take."""
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        folded = fold(text)
        if not isinstance(value, str) or not slot_values.stage_to_take_said(folded) or _LAST_STAGE.search(folded):
            return None
        for entity in message.get("entities", []):
            if entity.get("entity") == "date" and entity.get("value") == value and "start" in entity:
                words = text[entity["start"]:entity["end"]]
                planned = slot_values.next_stage_day(value, words, today())
                partial = FactsValidation._partial(planned)
                if partial is not None and partial.precision == "day" and \
                        slot_values.stage_last_day(partial.earliest(), words) >= today():
                    return partial.iso()
        return None

    def validate_letter_48n_date(self, value, dispatcher, tracker, domain):
        if receipt_supposed_ahead(value, tracker):
            # "si elle reçoit la 48N le 15 décembre, elle a jusqu'à quand ?", "elle l'a pas encore reçue, je parle du
            # 15 décembre qui vient": a receipt supposed on a day to come, kept as such; the answer gives the
            # deadline that will follow it (4 months, R15), not "Le 15 décembre est dans le futur" (T46 c05)
            return {"letter_48n_date": self._partial(value).iso(), "date_awaiting_precision": None}
        if letter_not_received(tracker) or day_of_the_fines_notice(value, tracker):
            # "c'est l'avis de contravention, il a pas encore de 48N": no 48N received, so no day of its receipt;
            # whether one comes is the offence's (R15), the 4 months will run from its receipt (T11 c40)
            return {"letter_48n_date": None}
        value = self._date_answer("letter_48n_date", value, dispatcher, tracker)
        if receipt_supposed_ahead(value, tracker):
            # "je vais recevoir la lettre 48N le 10 décembre": a receipt to come, kept as such; the answer gives the
            # deadline that will follow it (4 months, R15), said to come
            return {"letter_48n_date": self._partial(value).iso()}
        licence = slot_values.to_date(tracker.get_slot("licence_date"), safe="earliest")
        passed = _48n_deadline_passed_whatever_the_day(self._partial(value), licence)
        if passed is not None:
            # "j'ai reçu la 48N en 2023, jamais fait le stage", or "en juin 2026" on 1 December 2026: even received on
            # the period's last day, its 4 months ended; the day changes nothing, so it is not asked (T20 c20): the
            # answer says the deadline passed and what follows (R15 example 2)
            latest, deadline = passed
            dispatcher.utter_message(
                text=f"Sans le jour exact, je compte le {format_long_fr(latest)}, le jour le plus tardif possible : "
                     f"même reçue ce jour-là, la lettre 48N laissait jusqu'au {format_long_fr(deadline)} pour terminer "
                     "le stage. Le délai est donc dépassé, quel que soit le jour de réception.")
            return {"letter_48n_date": latest.isoformat(), "date_awaiting_precision": None}
        return self._checked("letter_48n_date", dispatcher, lambda: _after_licence(slot_values.past_date(
            value, today(), "la date de réception de la lettre 48N", need_day=True,
            said=slot_values.words_of_date(tracker.latest_message, value), delays=LETTER_48N_DELAYS), licence).iso(),
            tracker=tracker)

    def validate_fine_payment_date(self, value, dispatcher, tracker, domain):
        if value == NOT_PAID:
            return {"fine_payment_date": NOT_PAID}
        value = payment_of_the_year_asked(tracker, value) or value
        value = self._year_of_the_offence(self._date_answer("fine_payment_date", value, dispatcher, tracker), tracker)
        kept = self._day_not_needed("fine_payment_date", value, tracker)
        if kept:
            return {"fine_payment_date": kept}
        kept = self._day_not_needed("fine_payment_date", value, tracker, past=True)
        if kept:
            # "en 2019 en tout cas": whichever its day, the dates the answer gives are past (R9: 3 years from 2019 end
            # by 2022): the day is not asked, the latest day possible is counted and said (T49 c19: "j'ai besoin du
            # jour exact, 2019 ne suffit pas", then a date asserted as a fact)
            latest = slot_values.PartialDate.parse(kept).latest()
            dispatcher.utter_message(
                text=f"Sans le jour exact, je compte le {format_long_fr(latest)}, le jour le plus tardif possible : les "
                     "dates données sont donc les plus tardives possibles, et elles sont déjà passées quel "
                     "que soit le jour du paiement.")
            return {"fine_payment_date": kept, "date_awaiting_precision": None}
        planned = self._partial(value) if payment_planned_said((tracker.latest_message or {}).get("text")) else None
        if planned is not None and planned.precision == "day" and planned.earliest() > today():
            # "je vais la payer le 10 décembre": a payment to come, kept as such; nothing is withdrawn before it and
            # the answer says when the points will be (R2 example 4)
            return {"fine_payment_date": planned.iso()}
        return self._checked("fine_payment_date", dispatcher, lambda: slot_values.past_date(
            value, today(), "la date du paiement de l'amende", need_day=True,
            said=slot_values.words_of_date(tracker.latest_message, value), delays=PAYMENT_DELAYS).iso(), tracker=tracker)

    def _day_not_needed(self, slot: str, value: Any, tracker: Tracker, moving: bool = False,
                        awaited: bool = False, past: bool = False) -> Optional[str]:
        """"payé en janvier 2016" for a 10-year rule whose date is past whatever the day, "un stage en janvier"
        that gives the same points any day: the date known to the month (or the year) is kept as it is, the day not
        asked, when the form's answer computed with the first and the last possible day says the same thing
        (answers.day_of_the_month_counts; T35 c06, c12, c21: a needless question). With `moving`, also when only
        dates that follow the day differ (the answer then counts the prudent day and says so); with `past`, when only
        dates already past whichever the day differ (the caller says the day counted). None: the day is asked as
        before."""
        if not awaited and self._answering(tracker) and \
                (tracker.get_slot("date_awaiting_precision") or "").startswith(f"{slot}="):
            return None  # (the day asked already: its answer completes it)
        partial = self._partial(value)
        if partial is None or partial.precision == "day" or partial.year < slot_values.OLDEST_PLAUSIBLE_YEAR:
            return None
        from actions import answers  # (answers reads this module)
        action = next((cls() for cls in _answer_actions(answers.AnswerAction) if cls.form == self.form_name()), None)
        first, last = answers.month_range_of(slot, partial.iso())
        # (a fact of this question's own, as its answer reads it; another form's fact keeps its question)
        if action is None or slot not in action.field_slots.values() or first is None or \
                (slot != "stage_first_day" and first > today()):
            return None
        verdict = answers.day_of_the_month_counts(action, tracker, slot, first, last)
        return partial.iso() if verdict == "same" or (moving and verdict == "moving") or \
            (past and verdict == "past") else None

    def _year_of_the_offence(self, value: Any, tracker: Tracker) -> Any:
        """A past payment said without its year ("payé le 15 fév") after the offence was dated with one ("un excès en
        février 2025"): the payment follows its offence (R2), in the months after it (as the parser reads both in
        one message), not the year guessed from today (helper h22: 15 February 2026 for a February 2025 offence)."""
        said = slot_values.words_of_date(tracker.latest_message, value)
        paid, offence = self._partial(value), self._partial(tracker.get_slot("offence_date"))
        if not said or re.search(r"\d{4}|\d/\d{1,2}/\d|\ban\b|\bannee\b", fold(said)) or paid is None \
                or paid.precision != "day" or offence is None or offence.earliest() > paid.earliest() - _STORY_FOLLOW_UP:
            return value
        for year in (offence.earliest().year, offence.earliest().year + 1):
            candidate = paid.earliest().replace(year=year) if (paid.earliest().month, paid.earliest().day) != (2, 29) \
                else None
            if candidate is not None and offence.earliest() <= candidate <= offence.latest() + _STORY_FOLLOW_UP:
                return candidate.isoformat()
        return value

    def validate_offence_date(self, value, dispatcher, tracker, domain):
        licence = tracker.get_slot("licence_date")
        value = self._part_of_the_month(value, dispatcher, tracker) or self._completed_date("offence_date", value, tracker)
        value = slot_values.year_before_a_later_fact((tracker.latest_message or {}).get("text"), value,
                                                     slot_values.to_date(tracker.get_slot("fine_payment_date")))
        return self._checked("offence_date", dispatcher, lambda: slot_values.past_date(
            value, today(), "la date de l'infraction", need_day=False,
            not_before=slot_values.to_date(licence, safe="earliest"), not_before_fr="à l'obtention du permis",
        ).iso(), tracker=tracker)

    def validate_probation_offence(self, value, dispatcher, tracker, domain):
        if value is False and latest_text_says(tracker, _NONE_BEFORE_THIS_ONE) and \
                tracker.get_slot("last_offence_points") and tracker.get_slot("offence_date"):
            # "j'avais jamais eu d'infraction avant. donc il me restera combien ?" after the offences of a check were
            # answered: none before these, which are the probation's offence (R7: the ceiling frozen that day; R15),
            # not "Sans infraction depuis votre permis" (tester T20 c25 lost them)
            return {"probation_offence": True}
        result = self._validate_yes_no("probation_offence", value, dispatcher)
        if result["probation_offence"] is False:
            result.update({slot: None for slot in OFFENCE_DETAIL_SLOTS})
        return result

    def validate_last_offence_points(self, value, dispatcher, tracker, domain):
        left = points_left_after_the_retrait(tracker, dispatcher)
        if left is not None:
            return left
        return self._checked("last_offence_points", dispatcher,
                             lambda: slot_values.points_withdrawn(value, MAX_POINTS_ONE_EVENT), tracker=tracker)

    def validate_offence_class(self, value, dispatcher, tracker, domain):
        if value == slot_values.UNKNOWN_CLASS:
            dispatcher.utter_message(text=CLASS_UNKNOWN_REPLY)
            return {"offence_class": value}
        try:
            value = slot_values.single_value(value, "le montant de l'amende")
        except InvalidAnswer as error:
            dispatcher.utter_message(text=error.message_fr)
            return {"offence_class": None}
        if isinstance(value, (int, float)) and not isinstance(value, bool):  # "135 €": the class of that fine
            value = class_of_fine(amount_eur=value, today=today()) or value
        return self._choice("offence_class", value, OFFENCE_CLASSES, dispatcher,
                            "Je ne reconnais pas ce montant. Choisissez le montant de l'amende parmi les "
                            "propositions, ou dites-moi l'infraction.")

    def validate_offence_type(self, value, dispatcher, tracker, domain):
        named = [v for v in dict.fromkeys(message_values(tracker, "offence_type")) if v in OFFENCE_TYPES]
        on_the_passenger = check_without_the_drivers_belt(tracker)
        if on_the_passenger is not None:
            # "ah non pardon, la ceinture c'était mon passager (adulte), pas moi" after the offences of one check: the
            # belt is the passenger's (R21: no points for the driver), the others of that check stay, counted again
            # without it (R3; tester T28 c08 kept the 8 points of the three)
            return on_the_passenger
        before = last_value_before_message("offence_type", tracker)
        correcting = latest_text_says(tracker, CORRECTION)
        if len(named) == 2 and before in named and correcting:
            # "non en fait le feu rouge c'était un stop": the offence told before is replaced, not added (R3)
            return {"offence_type": next(n for n in named if n != before), "other_offences": None}
        said = fold((tracker.latest_message or {}).get("text") or "")
        told = [before, *(last_value_before_message("other_offences", tracker) or [])]
        if named and before in OFFENCE_TYPES and not correcting and (
                (before not in named and (SAME_CHECK.search(said)
                                          or (_ADDED_IN_TOTAL.search(said) and _TOTAL_OF_THEM.search(said))))
                # ("et avec l'excès en plus, en tout ?" after the check's answer that counted it: that check again)
                or (len(told) > 1 and all(n in told for n in named) and _TOTAL_OF_THEM.search(said))):
            # "et en plus il avait pas sa ceinture au même contrôle": added to the offence told before, found at the
            # same check (R3: its cap, or the 9 points of drugs with alcohol; T15 c17), not asked alone; so are two
            # ("et si en même temps j'avais le téléphone et pas de ceinture ?" after 140 on a 130 road: 1 + 3 + 3,
            # not the 6 of the two alone; "et avec l'excès en plus, ça fait combien en tout ?"; T62 c15)
            earlier = [o for o in (last_value_before_message("other_offences", tracker) or []) if o not in named]
            offences = list(dict.fromkeys([before, *earlier, *named]))
            main = "speeding" if "speeding" in offences else offences[0]
            slots = {"offence_type": main, "other_offences": [o for o in offences if o != main]}
            if main == "speeding":
                # (the speeds of the excess told before, reset since its answer: not asked again)
                slots.update({slot: last_value_before_message(slot, tracker) for slot in _CHECK_SPEED_SLOTS
                              if tracker.get_slot(slot) is None
                              and last_value_before_message(slot, tracker) is not None})
            return slots
        # (the slot holds the list of them when the message names several: Rasa maps every entity found; T9 c11)
        values = value if isinstance(value, list) else [value]
        if len(named) > 1 and values and all(v in named for v in values) and \
                len(told_retraits_in_latest_message(tracker)) < 2:
            # "téléphone, pas de ceinture et 35 km/h de trop" at one check (R3): the speeding is the one
            # whose speeds may be asked; the others are counted with it
            main = "speeding" if "speeding" in named else named[0]
            return {"offence_type": main, "other_offences": [n for n in named if n != main]}
        result = self._choice("offence_type", value, OFFENCE_TYPES, dispatcher,
                              "Je ne connais pas cette infraction. Décrivez-la en quelques mots : "
                              "excès de vitesse, téléphone, feu rouge, alcool…")
        # one offence named: none counted with it from an earlier question
        return {**result, "other_offences": None} if tracker.get_slot("other_offences") else result

    def validate_letter_code(self, value, dispatcher, tracker, domain):
        codes = [letter_code_of(v) for v in (value if isinstance(value, list) else [value])]
        if len(codes) > 1 and all(code in LETTER_CODES for code in codes):
            # "c quoi la lettre 47 ? et la 46D ?": the answer explains each one named (R19)
            return {"letter_code": codes[0]}
        return self._choice("letter_code", codes[0] if len(set(codes)) == 1 else None, LETTER_CODES, dispatcher,
                            "Je connais les lettres 48, 48M, 48N et 48SI, et les lettres 46, 46B, 46D et 47 qui "
                            "annoncent des points rendus. Laquelle avez-vous reçue ?")

    def validate_speed_limit(self, value, dispatcher, tracker, domain):
        def check():
            limit = int(float(slot_values.single_value(value, "la vitesse autorisée")))
            if limit not in SPEED_LIMITS_KMH:
                raise InvalidAnswer(f"{limit} km/h n'est pas une limitation de vitesse française. "
                                    "Quelle était la vitesse maximale autorisée ?")
            return limit
        return self._checked("speed_limit", dispatcher, check, tracker=tracker)

    def validate_speed_excess(self, value, dispatcher, tracker, domain):
        speed = self._speed_for_the_excess(value, tracker)
        if speed is not None:
            # "112" answered to "De combien de km/h avez-vous dépassé la limite ?" on a road at 80: the speed, above the
            # limit, not an excess of 112 km/h (R4; tester T15 c16 got "192 km/h retenus", a délit)
            return self._implies_speeding(tracker, {"speed_excess": None, "speed_measured": speed})

        def check():
            excess = int(float(slot_values.single_value(value, "le dépassement")))
            if not 1 <= excess <= 200:
                raise InvalidAnswer("Indiquez de combien de km/h la limite a été dépassée, par exemple 25.")
            return excess
        return self._implies_speeding(tracker, self._checked("speed_excess", dispatcher, check, tracker=tracker))

    def validate_speed_measured(self, value, dispatcher, tracker, domain):
        return self._implies_speeding(tracker, self._checked(
            "speed_measured", dispatcher, lambda: int(float(slot_values.single_value(value, "la vitesse retenue"))),
            tracker=tracker))

    @staticmethod
    def _speed_for_the_excess(value, tracker) -> Optional[int]:
        """A bare number given for the excess that is above the limit known, with no word of an excess ("de plus",
        "de trop", "au-dessus", "+"): the speed driven, from which the excess is counted (R4)."""
        limit = tracker.get_slot("speed_limit")
        if message_values(tracker, "speed_excess") or not isinstance(limit, (int, float)):
            return None
        try:
            number = int(float(slot_values.single_value(value, "le dépassement")))
        except (InvalidAnswer, TypeError, ValueError):
            return None
        if not limit < number <= 300 or _EXCESS_WORDS.search(fold((tracker.latest_message or {}).get("text") or "")):
            return None
        return number

    @staticmethod
    def _implies_speeding(tracker, validated: Dict[Text, Any]) -> Dict[Text, Any]:
        """A speed above the limit ("à 135 au lieu de 110") is an excess of speed: no need to ask the offence."""
        if None not in validated.values() and tracker.get_slot("offence_type") is None:
            return {**validated, "offence_type": "speeding"}
        return validated

    @staticmethod
    def _offence_scale(tracker, events: List[EventType]) -> List[EventType]:
        """The offence of the question gives its points and class from the barème (R3, R4), unless they are
        known: the form does not ask for them. That offence is the one named in the message ("perdu des points pour
        un feu rouge", or "feu rouge" to the question about the fine), else the user's own offence the conversation
        holds ("une 48N pour un excès de 35 commis en août", then "ça compte quand même ?"; T8 c35), else the one the
        offence answer just followed told ("le téléphone, combien de points ?", then "et si je l'ai payé le 10
        octobre je récupère quand ?"; T8 c10). For an excess of speed, from the speeds given. An offence of the
        conversation fills nothing when the points told contradict it ("j'ai perdu 1 point" is another offence)."""
        known = {**tracker.slots, **{e["name"]: e["value"] for e in events}}
        offence = _offence_of_the_question(tracker, known)
        if offence is None:
            return events + [SlotSet(slot, value) for slot, value in _offences_of_one_check(tracker, known).items()
                             if known.get(slot) is None]
        kind, speeds = offence
        # ("10 km/h de trop sur une nationale": the road out of town says the class, R4; not asked then)
        inferred = offence_scale(kind, {**known, **speeds},
                                 out_of_town=bool(OUT_OF_TOWN_ROAD.search(fold(tracker.latest_message.get("text") or ""))),
                                 alcohol=alcohol_level_scale(tracker, kind, known))
        told = known.get("last_offence_points")
        if not message_values(tracker, "offence_type") and told is not None \
                and inferred.get("last_offence_points") not in (None, told):
            return events  # (an offence named with its points, "2 points pour le téléphone", keeps its class)
        return events + [SlotSet(slot, value) for slot, value in inferred.items()
                         if known.get(slot) is None and value is not None]

    @staticmethod
    def _class_said(tracker, events: List[EventType]) -> List[EventType]:
        """The class told with the question ("amende de 135 € payée le 3 octobre", "contravention de 4e classe"),
        whatever the form asks: kept, not asked again (R4, R9: it decides the 2- or 3-year delay)."""
        known = {**tracker.slots, **{e["name"]: e["value"] for e in events}}
        klass = class_said(tracker, today())
        if klass is None or known.get("offence_class") not in (None, slot_values.UNKNOWN_CLASS) or \
                "offence_class" in {e["name"] for e in events}:
            return events
        tracker.slots["offence_class"] = klass
        return events + [SlotSet("offence_class", klass)]

    @staticmethod
    def _choice(slot, value, allowed, dispatcher, message_fr):
        if value in allowed:
            return {slot: value}
        dispatcher.utter_message(text=message_fr)
        return {slot: None}

    @staticmethod
    def _partial(value) -> Optional[slot_values.PartialDate]:
        try:
            return slot_values.PartialDate.parse(value) if value else None
        except InvalidAnswer:
            return None


def _answer_actions(base: type) -> List[type]:
    """The concrete answer actions (subclasses of answers.AnswerAction, at any depth)."""
    found = []
    for cls in base.__subclasses__():
        found += [cls, *_answer_actions(cls)]
    return [cls for cls in found if not getattr(cls, "__abstractmethods__", None)]


# "lequel est le mieux ?", "laquelle je choisis ?", "vous me conseillez quoi ?": two stage days to compare (folded text)
_WHICH_IS_BETTER = re.compile(r"\blequel\b|\blaquelle\b|\bmieux\b|\bconseill\w*|\bchoisi\w*|\bpreferable\b|\binteress\w*")


def _stage_days_compared(undecided: List[str], tracker: Tracker) -> Optional[str]:
    """"j'hésite entre le 14-15 janvier et le 8-9 mars, lequel est le mieux ?" while the stage's day is asked: for each
    day, whether the stage gives points (R13: a year after the last stage that gave some), whether it meets the 48N's
    deadline and so has the fine refunded (R15, R16), and which is better; the day is still the user's to choose (T49
    c15 got "je n'en retiens aucune" and the question again). None when no comparison is asked."""
    from actions.what_if import _after_48n_deadline  # (what_if reads this module)
    from rules_core.stage import next_point_stage
    if not latest_text_says(tracker, _WHICH_IS_BETTER):
        return None
    previous = slot_values.partial_date_or_none(tracker.get_slot("previous_stage_date"))
    received = slot_values.partial_date_or_none(tracker.get_slot("letter_48n_date"))
    compulsory = received is not None and str(tracker.get_slot("letter_code") or "48N").upper() == "48N"
    lines, scores = [], []
    for said in undecided:
        day = slot_values.PartialDate.parse(slot_values.nearest_occurrence(said, today())).earliest()
        view = load_params().at(day)
        earliest = next_point_stage(previous.latest(), view)[0] if previous is not None else None
        points = earliest is None or day >= earliest
        late = compulsory and _after_48n_deadline(tracker, day)
        parts = ["il peut vous rendre des points (jusqu'à 4, dans la limite du plafond de votre permis)" if points else
                 f"aucun point : il commencerait moins d'un an après le stage du {format_long_fr(previous.latest())} "
                 f"(des points seulement pour un stage commencé à partir du {format_long_fr(earliest)})"]
        if compulsory:
            parts.append("il arriverait après la date limite de la lettre 48N : l'obligation ne serait pas remplie et "
                         "l'amende ne serait pas remboursée" if late else
                         "il remplit l'obligation de la lettre 48N, et l'amende vous sera remboursée")
        lines.append(f"- Stage commençant le {format_long_fr(day)} : {' ; '.join(parts)}.")
        scores.append((not late, points))
    if len(set(scores)) == 1:
        verdict = "Sur ces points, les deux dates se valent : choisissez celle qui vous arrange."
    else:
        best = max(range(len(scores)), key=lambda i: scores[i])
        day = slot_values.PartialDate.parse(slot_values.nearest_occurrence(undecided[best], today())).earliest()
        verdict = f"Le mieux est donc le stage du {format_long_fr(day)}."
    return "\n".join(["Voici ce que donne chaque date (articles L.223-6 et R.223-4 du Code de la route) :", *lines,
                      verdict])


def _48n_deadline_passed_whatever_the_day(partial: Optional[slot_values.PartialDate],
                                          licence: Optional[date]) -> Optional[Tuple[date, date]]:
    """R15 (R.223-4) — a 48N receipt known by its year ("en 2023") or its month only ("en juin 2026", on 1 December
    2026) whose 4 months have ended even from the period's last day: that last day and the deadline it gives (the
    latest possible), as the day cannot change the answer. None for a day, a period whose deadline may still run
    (its day is asked), or one before the licence."""
    if partial is None or partial.precision not in ("year", "month") or partial.latest() > today() or \
            (licence is not None and partial.latest() < licence):
        return None
    latest = partial.latest()
    deadline = add(latest, load_params().at(latest).value("letter_48n.deadline"))
    return (latest, deadline) if deadline < today() else None


#: how long after an offence dated with its year a payment told without one may follow it (as the parser's)
_STORY_FOLLOW_UP = relativedelta(months=6)


# "si j'en refais un", "je peux en faire un autre ?", "un nouveau stage", "encore un": a stage besides the one told
_ANOTHER_STAGE = re.compile(r"\bre-?fai\w*|\bre-?fass\w*|\bun autre\b|\bnouveau stage\b|\bun nouveau\b|\bencore un\b"
                            r"|\bun (?:deuxieme|second|2e|2eme)\b|\bprochain\b")


def stage_told_done_before(tracker: Tracker) -> Optional[str]:
    """The last stage the user told as done in an earlier message (a past date with the stage's role, said done:
    "j'ai fait un stage en mars 2025"), other than the stage asked about; None when none was. Hypotheses ("et si
    j'avais fait un stage en mars ?") tell no stage."""
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    asked = FactsValidation._partial(tracker.get_slot("stage_first_day"))
    done = []
    for event in events[:last_user]:
        if event.get("event") != "user" or hypothetical_message(event):
            continue
        text = event.get("text") or ""
        for entity in (event.get("parse_data") or {}).get("entities", []):
            partial = FactsValidation._partial(entity.get("value")) if entity.get("entity") == "date" and \
                entity.get("role") == "stage" and isinstance(entity.get("value"), str) else None
            # (a past stage in a story told without a verb, "Stage les 10 et 11 mars 2025. Rien depuis.", is done
            # all the same, unless the message speaks of a stage to take; T33 c30 was asked "Avez-vous déjà fait un
            # stage ?" after two told)
            if partial is None or partial.latest() >= today() or not (
                    slot_values.stage_said_done(text) or not slot_values.stage_to_take_said(fold(text))) or \
                    (asked is not None and partial.latest() >= asked.earliest()):
                continue
            done.append(partial)
    return max(done, key=lambda partial: partial.latest()).iso() if done else None


def last_stage_told_now(tracker: Tracker) -> Optional[str]:
    """"j'ai 7 points, permis depuis 2015, mon dernier stage c'était en mai 2024", said to another question of the
    form: the one past stage of the latest message, named as the last one ("mon dernier stage", "le stage
    précédent"), is the last stage done (R13), not asked right after (T42 c29). None otherwise."""
    message = tracker.latest_message or {}
    if not _LAST_STAGE.search(fold(message.get("text") or "")) or hypothetical_message(
            {"event": "user", "text": message.get("text"), "parse_data": message}):
        return None
    past = {e["value"] for e in message.get("entities", []) if e.get("entity") == "date" and e.get("role") == "stage"
            and isinstance(e.get("value"), str) and (partial := FactsValidation._partial(e["value"])) is not None
            and partial.latest() < today()}
    return past.pop() if len(past) == 1 else None


#: a stage ended this recently may not show in the balance yet (attestation within 15 days, points recorded within
#: the month, R12): told done with a question on the points after a stage, it is the stage asked about
RECENT_STAGE_MONTHS = 3


def recent_stage_asked_about(tracker: Tracker, done: str) -> bool:
    """The stage told done is recent, the stage asked about is not known, and no message speaks of another stage."""
    partial = FactsValidation._partial(done)
    if partial is None or partial.precision != "day" or tracker.get_slot("stage_first_day") is not None or \
            partial.earliest() < today() - relativedelta(months=RECENT_STAGE_MONTHS):
        return False
    return not any(event.get("event") == "user" and _ANOTHER_STAGE.search(fold(event.get("text") or ""))
                   for event in tracker.events)


def _after_licence(received: "slot_values.PartialDate", licence: Optional[date]) -> "slot_values.PartialDate":
    """R15: a 48N tells the retrait of an infraction committed during probation, so it comes after the licence's day;
    a date on or before it is another fact (the licence's own date given again, tester T3 c10), not the letter's."""
    if licence is not None and received.latest() <= licence:
        raise InvalidAnswer(f"Une lettre 48N suit une infraction commise après l'obtention du permis "
                            f"({format_long_fr(licence)}) : elle ne peut pas dater de ce jour-là ni d'avant. Si vous "
                            "n'avez pas reçu de lettre 48N, aucun stage n'est obligatoire. Sinon, à quelle date "
                            "l'avez-vous reçue ?")
    return received


def _without(slots: List[Text], *removed: Text) -> List[Text]:
    return [s for s in slots if s not in removed]


def offence_year_told_by_the_payment(tracker: Tracker) -> bool:
    """The offence's day not known, its fine paid on a day before the licence's first anniversary: the offence came
    between the licence and the payment (R2), with no anniversary between them, so its day changes neither the ceiling
    it froze nor any increment (R5, R7)."""
    if tracker.get_slot("offence_date") is not None or tracker.get_slot("probation_offence") is not True:
        return False
    licence = slot_values.partial_date_or_none(tracker.get_slot("licence_date"))
    paid = tracker.get_slot("fine_payment_date")
    paid = slot_values.partial_date_or_none(paid) if paid != NOT_PAID else None
    if licence is None or paid is None or paid.precision != "day" or len(told_retraits(tracker)) > 1:
        return False
    return paid.latest() < licence.earliest() + relativedelta(years=1)


class ValidateProbationForm(FactsValidation):
    def name(self) -> Text:
        return "validate_probation_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if letter_48n_receipt_answered(tracker):
            return []  # the 48N's deadline asked, its receipt told: nothing of the probation to ask (T58 c05)
        slots = list(domain_slots)
        if tracker.get_slot("complementary_training") is not True:
            slots = _without(slots, "training_date")
        if not licence_may_be_probationary(tracker) and offence_in_probation(tracker):
            # an offence committed in the first 3 years: the ceiling it froze, and whether the probation was over by
            # then, depend on the AAC and the training (R5-R7), asked rather than assumed (T10 c17: a licence of
            # March 2023 and an offence of February 2025 counted without the AAC, never asked)
            slots = _without(slots, "probation_offence")
        elif not licence_may_be_probationary(tracker):
            # R5, R7: three years after the licence, probation is over whatever the training or the
            # offences; the answer needs none of them ("permis depuis 2001" is not asked about AAC)
            slots = _without(slots, "supervised_driving", "complementary_training", "training_date",
                             "probation_offence")
        if tracker.get_slot("probation_offence") is not True or len(told_retraits(tracker)) > 1:
            # (several retraits told with their dates: the answer reads them all, R7 example 3; one offence's details
            # are not asked)
            slots = _without(slots, *OFFENCE_DETAIL_SLOTS)
        if len(told_retraits(tracker)) > 1 or hypothesis_offence_asked_after(tracker):
            # ("j'aurais combien de points après ?" after a hypothesis on an offence: that offence is the question's,
            # counted without any other, which the answer says; T21 c21)
            slots = _without(slots, "probation_offence", *OFFENCE_DETAIL_SLOTS)
        if relicensed(tracker):
            # R5 example 4: after an invalidation, 3 years from 6 points whatever the AAC (R.211-5) or the
            # training (R6, our reading): neither is asked
            slots = _without(slots, "supervised_driving", "complementary_training", "training_date")
        if ceiling_same_with_or_without_aac(tracker):
            # an offence of the first year froze the ceiling at 6 with or without AAC (R5, R7): the AAC changes only the
            # probation's end, which the answer says both ways (T54 c26 asked it, and again after "je ne sais pas")
            slots = _without(slots, "supervised_driving")
        if offence_year_told_by_the_payment(tracker):
            # "permis depuis le 8 juillet 2024, amende payée le 3 mars 2025": the offence came before its payment, in
            # the first year of the licence whatever its day: the ceiling it froze is that year's (R5, R7), the day is
            # not asked (tester T27 c34)
            slots = _without(slots, "offence_date")
        if training_changes_nothing(tracker) or training_cannot_have_shortened(tracker) or \
                training_window_not_open_yet(tracker):
            # R6: an offence before the shortened end cancels the reduction (T21 c16, T22 c13); "j'ai un permis
            # probatoire depuis le 15 mai 2024" on 1 December 2026: a training kept would have ended the probation on
            # 15 May 2026, so it was not taken or was lost (T22 c25). Either way asking it changes nothing.
            slots = _without(slots, "complementary_training", "training_date")
        return slots

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        """An offence told in the conversation ("feu rouge grillé le 5 mai", "j'ai perdu 2 points")
        answers "any offence since the licence?" (R7): the form asks its details instead."""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        known = {**tracker.slots, **{e["name"]: e["value"] for e in events}}
        if known.get("probation_offence") is not False and pointless_offence_remembered(known, tracker):
            # "81 pour 80" told before: no point withdrawn, no offence for the probation (R4, R7); its points are not
            # asked (T25's replay of T23 c33)
            events.append(SlotSet("probation_offence", False))
            tracker.slots["probation_offence"] = False
        elif known.get("probation_offence") is None and any(known.get(s) is not None for s in OFFENCE_SLOTS):
            events.append(SlotSet("probation_offence", True))
            tracker.slots["probation_offence"] = True
        # (the class the points or the radar give, as in the recovery's form: the fine is not asked, T41 c27, T43 c09)
        return ValidateAutoRecoveryForm._speeding_class(
            tracker, self._class_said(tracker, self._offence_scale(tracker, events)))


class ValidatePointsAfterStageForm(FactsValidation):
    def name(self) -> Text:
        return "validate_points_after_stage_form"

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        events = events + self._stage_month_enough(tracker, events)
        told = {e.get("name"): e.get("value") for e in events if e.get("event") == "slot"}
        if told.get("stage_first_day", tracker.get_slot("stage_first_day")) is None and \
                told.get("requested_slot", tracker.get_slot("requested_slot")) in (None, "stage_first_day"):
            earlier = stage_days_told_earlier(tracker)
            if earlier is not None:
                # "mon stage est prévu les 10 et 11 décembre, je dois apporter quoi ?" then "j'aurai combien après ?":
                # the days told first are the stage's, not asked again (R12; T49 c29)
                events = events + [SlotSet("stage_first_day", earlier)]
        return events

    def _stage_month_enough(self, tracker: Tracker, events: List[EventType]) -> List[EventType]:
        """"un stage en janvier", its day waiting for the last stage (validate_stage_first_day): once that is known
        ("jamais", or over a year before), the month is the stage's date when any of its days gives the same answer
        (answers.day_of_the_month_counts); else its day is asked, as before (T35 c21: asked needlessly)."""
        told = {e["name"]: e["value"] for e in events if isinstance(e, dict) and e.get("event") == "slot"}
        awaiting = told.get("date_awaiting_precision", tracker.get_slot("date_awaiting_precision")) or ""
        if not awaiting.startswith("stage_first_day=") or \
                told.get("stage_first_day", tracker.get_slot("stage_first_day")) is not None:
            return []
        probe = tracker.copy()
        probe.slots.update(told)
        if probe.slots.get("previous_stage_date") is None or probation_may_count(probe):
            return []
        kept = self._day_not_needed("stage_first_day", awaiting.split("=", 1)[1], probe, moving=True, awaited=True)
        if not kept or slot_values.PartialDate.parse(kept).earliest() <= today():
            return []
        return [SlotSet("stage_first_day", kept), SlotSet("date_awaiting_precision", None),
                SlotSet("reasked_slot", None)]

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if stage_in_time_asked(tracker):
            return []  # "stage les 3 et 4 décembre, ça passe ?" after a 48N: its deadline answers (R15, R16)
        if only_where_to_check_asked(tracker):
            return []  # "je peux vérifier où ?": where to read the official balance answers (R19; T50 c07)
        if balance_left_asked_without_stage(tracker) or balance_with_the_stage_done_asked(tracker):
            # "quand j'aurai payé, il me restera combien ?": no stage, the balance's answer (R1, R2); "combien il me
            # reste avec le stage" after a stage done told in the history: the same, that stage counted (R12)
            return []
        slots = list(domain_slots)
        if tracker.get_slot("balance_unknown") or no_offence_with_the_licence(tracker) or \
                only_the_48n_retrait(tracker) or (tracker.get_slot("current_balance") is None
                                                  and probation_balance_not_above_zero(tracker)) or \
                balance_given_by_an_answer(tracker):
            # (no offence since a licence of known date: the balance is computed once the AAC is known, R5; the 48N's
            # offence the only retrait told: the stage brings the licence back to its ceiling whatever the balance;
            # the retraits told take a probationary licence to 0 or below: computed by the answer, R18; today's
            # balance an answer gave: the stage starts from it)
            slots = _without(slots, "current_balance")
        if not licence_may_be_probationary(tracker) or relicensed(tracker):
            slots = _without(slots, "supervised_driving")  # no AAC after an invalidation (R5)
        if tracker.get_slot("probation_offence") is False and _ceiling_same_with_or_without_aac_without_offence(tracker):
            slots = _without(slots, "supervised_driving")  # (first year without offence: 6 either way, R5)
        if tracker.get_slot("licence_date") is None and refused_twice(tracker, "licence_date", self.form_name()):
            # the licence's date not known after being told where to find it: the answer counts the ceiling of a
            # licence out of probation and says what a probationary one would change (R12, R14 example 3)
            slots = _without(slots, "licence_date", "supervised_driving")
        year = tracker.get_slot("probation_year")
        if year and tracker.get_slot("licence_date") is None:
            # "2e année de probatoire": that year's ceiling is the stage's (R5, R12 example 3), the licence's date is
            # not needed; in the first year it is 6 with or without AAC
            slots = _without(slots, "licence_date", *(("supervised_driving",) if year == 1 else ()))
        elif tracker.get_slot("licence_date") is None and letter_48m_received(tracker) and \
                tracker.get_slot("probationary") is not True:
            # a 48M received: a licence out of probation, its ceiling 12 (R19 [U]); its date changes nothing (T35 c29)
            slots = _without(slots, "licence_date", "supervised_driving")
        if stage_day_not_needed(tracker):
            slots = _without(slots, "stage_first_day")
        if probation_kept_at_its_ceiling(tracker) or (tracker.get_slot("probation_offence") is False
                                                      and balance_at_maximum(tracker)):
            # (no offence since a licence out of probation: 12, the maximum, R1; a stage has nothing to give)
            slots = _without(slots, "stage_first_day", "previous_stage_date")
        if balance_at_maximum(tracker) and not letter_48n_received(tracker):
            # "j'ai 12 points, si je fais un stage j'en aurai 16 ?": 12 is the maximum of any licence, probationary or
            # not (R1): no licence date nor last stage changes "nothing to gain" (T23 c29 got both asked first)
            slots = _without(slots, "licence_date", "supervised_driving", "post_permit_training", "stage_first_day",
                             "previous_stage_date")
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if awaiting.startswith("stage_first_day=") and tracker.get_slot("stage_first_day") is None and \
                "previous_stage_date" in slots and "stage_first_day" in slots and \
                tracker.get_slot("licence_date") is not None and not probation_may_count(tracker):
            # "un stage en janvier", its day "pas encore réservé": once the licence is known out of probation, the last
            # stage first, the month may then be enough (_stage_month_enough); T62 c25 asked the day again in a loop
            slots = [slot for slot in slots if slot != "stage_first_day"]
            slots.insert(slots.index("previous_stage_date") + 1, "stage_first_day")
        return slots


def balance_given_by_an_answer(tracker: Tracker) -> bool:
    """No balance told, but an answer gave today's ("Solde aujourd'hui : 5 points, si vous aviez 12 points avant
    l'infraction du 10 octobre 2026…", answers.balance_established): a stage asked next starts from it, which is not
    asked again (R1, R2, R12; tester T36 c13 got "Combien de points vous reste-t-il actuellement ?" right after it)."""
    if tracker.get_slot("current_balance") is not None or tracker.get_slot("balance_unknown") or \
            probation_balance(tracker) is not None or balance_of_the_retraits_told(tracker) is not None:
        return False  # (told, or one the form's extraction computes and says: extract_current_balance)
    from actions.answers import balance_established  # (answers reads this module)
    return balance_established(tracker) is not None


def only_the_48n_retrait(tracker: Tracker) -> bool:
    """The balance not told, a 48N received for an offence whose points are known (3 or 4: no more than a stage gives
    back) and no other retrait nor stage told for a probationary licence: the 48N's stage brings the licence back to its
    ceiling whatever the balance was, so the balance is not asked (answers.balance_left_by_the_48n_retrait says the
    total and what it assumes; R5, R7, R12; tester T20 c12)."""
    if tracker.get_slot("current_balance") is not None or not letter_48n_received(tracker) or \
            not tracker.get_slot("licence_date") or not licence_may_be_probationary(tracker) or \
            len(told_retraits(tracker)) > 1:
        return False
    previous = tracker.get_slot("previous_stage_date")
    if previous not in (None, slot_values.NO_PREVIOUS_STAGE):
        return False
    offence = tracker.get_slot("offence_type")
    points = tracker.get_slot("last_offence_points") or (
        offence_scale(offence, tracker.current_slot_values()).get("last_offence_points")
        if isinstance(offence, str) else None)
    view = load_params().at(today())
    return isinstance(points, (int, float)) and \
        view.value("letter_48n.min_points") <= points <= view.value("stage.max_gain")


def planned_stages_in(message: Dict[str, Any]) -> List[str]:
    """Two stages to take told in one message ("si j'en fais un le 10 décembre 2026 puis un autre en juin 2027"):
    the first one's day and the second one's day or month (ISO), each the next one when its year was not written;
    [] otherwise."""
    text = message.get("text") or ""
    folded = fold(text)
    if not _TWO_STAGES.search(folded) or slot_values.stage_said_done(folded) or _LAST_STAGE.search(folded):
        return []
    days = []
    for entity in message.get("entities", []):
        if entity.get("entity") != "date" or entity.get("role") not in (None, "stage") or "start" not in entity:
            continue
        value = slot_values.next_stage_day(entity.get("value"), text[entity["start"]:entity["end"]], today())
        partial = FactsValidation._partial(value)
        if partial is None or partial.precision == "year" or partial.latest() < today():
            return []
        days.append(partial)
    days.sort(key=lambda partial: partial.earliest())
    if len(days) != 2 or days[0].precision != "day" or days[1].earliest() <= days[0].earliest():
        return []
    return [days[0].iso(), days[1].iso()]


def _french_day_or_month(value: str) -> str:
    partial = slot_values.PartialDate.parse(value)
    return f"le {partial.french()}" if partial.precision == "day" else f"en {partial.french()}"


def stage_day_unknown_said(tracker: Tracker) -> bool:
    """The user said they do not know the stage's day yet ("je sais pas encore, pas réservé", "en janvier")."""
    asked = False
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value") == "stage_first_day"
        elif event.get("event") == "user" and asked:
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent == "dont_know" or _DAY_NOT_KNOWN.search(fold(event.get("text") or "")):
                return True
    awaiting = tracker.get_slot("date_awaiting_precision") or ""
    return awaiting.startswith("stage_first_day=")  # "en janvier": the month only


# a stage in general, none of the user's own ("et si je fais un stage ?", "un stage me rendrait combien ?"), not "mon
# stage", "le stage que j'ai réservé" (folded question)
_A_STAGE_IN_GENERAL = re.compile(r"\b(?:un|des) stages?\b")
_A_STAGE_OF_ONE_S_OWN = re.compile(r"\b(?:mon|ce|son|notre|leur) (?:prochain )?stage\b|\bstage (?:que|qu'|prevu|reserve)")


def probation_kept_at_its_ceiling(tracker: Tracker) -> bool:
    """A probationary licence with no offence since it was obtained (said so), its balance the ceiling today: each
    anniversary raises the balance with the ceiling (R5), so it stays at its ceiling every day and a stage gives no
    point, whatever its day or the last stage's (R1 example 3, R12): neither is asked (tester T15 c06: "un stage me
    met à 12 ?" at 9 of 9 got three questions before "aucun point à gagner")."""
    balance = tracker.get_slot("current_balance")
    if tracker.get_slot("probation_offence") is not False or tracker.get_slot("stage_first_day") is not None or \
            not isinstance(balance, (int, float)) or isinstance(balance, bool) or \
            not licence_may_be_probationary(tracker):
        return False
    from actions.answers import Facts  # (answers reads this module)
    return Facts(tracker).ceiling_on(today()) == balance


def no_offence_with_the_licence(tracker: Tracker) -> bool:
    """"permis depuis juin 2024 sans infraction": no offence ever cost points and the licence's date is known, so the
    balance today is the licence's ceiling (R1, R5: the yearly points of a probation without offence; 12 after it),
    computed, not asked (once the AAC is known when it changes the ceiling). Not after an invalidation, nor with a
    balance, an offence or a retrait told."""
    return tracker.get_slot("probation_offence") is False and tracker.get_slot("licence_date") is not None and \
        tracker.get_slot("current_balance") is None and not tracker.get_slot("balance_unknown") and \
        not relicensed(tracker) and not any(tracker.get_slot(slot) is not None for slot in OFFENCE_SLOTS) and \
        not told_retraits(tracker)


def balance_without_any_offence(tracker: Tracker) -> Optional[int]:
    """The balance today of `no_offence_with_the_licence`: the licence's ceiling today (R1, R5); None when that is not
    the case, or the AAC not told would change it."""
    if not no_offence_with_the_licence(tracker) or (
            licence_may_be_probationary(tracker) and tracker.get_slot("supervised_driving") is None
            and not _ceiling_same_with_or_without_aac_without_offence(tracker)):
        return None
    from actions.answers import Facts  # (answers reads this module)
    try:
        ceiling = Facts(tracker).ceiling_on(today())
    except (InconsistentFacts, InvalidAnswer, TypeError, ValueError):
        return None
    return ceiling if isinstance(ceiling, int) and not isinstance(ceiling, bool) else None


def _ceiling_same_with_or_without_aac_without_offence(tracker: Tracker) -> bool:
    """The probationary ceiling today is the same with or without AAC for a licence without offence (R5: in its first
    year, 6 either way)."""
    ceilings = set()
    for safe in ("earliest", "latest"):
        try:
            licence = slot_values.to_date(tracker.get_slot("licence_date"), safe=safe)
        except InvalidAnswer:
            return False
        for aac in (False, True):
            try:
                status = probation_status(licence_date=licence, today=today(), aac=aac, relicensed=False,
                                          offences=[], no_offence=True, stages=[])
            except InconsistentFacts:
                return False
            ceilings.add(status.results.get("ceiling") if status.results.get("probationary") else None)
    return len(ceilings) == 1 and None not in ceilings


def stage_day_not_needed(tracker: Tracker) -> bool:
    """"ça me rend combien si j'ai 9 points ?", the day not told: the answer does not depend on it when the licence is
    out of probation (the ceiling stays 12, R1, R5), no stage gave points in the last year (R13), no retrait is still
    to be recorded (R18) and no letter dates the stage (48N deadline R15, 48SI R14). The day is asked only when it
    changes the answer (T3 c19): when the user does not know it yet, or asks about a stage in general ("et si je fais
    un stage ?", T14 c05, c38: asked, then said to change nothing); the day of "mon stage" is asked, its points'
    date is part of the answer."""
    question = fold(question_text(tracker))
    in_general = bool(_A_STAGE_IN_GENERAL.search(question)) and not _A_STAGE_OF_ONE_S_OWN.search(question)
    if not (in_general or stage_day_unknown_said(tracker)):
        return False
    if tracker.get_slot("stage_first_day") is not None or tracker.get_slot("balance_unknown") or \
            tracker.get_slot("licence_date") is None or licence_may_be_probationary(tracker) or relicensed(tracker) \
            or letter_48n_received(tracker) or invalidation_notified(tracker):
        return False
    from actions.answers import Facts, balance_on_stage_first_day  # (answers reads this module)
    if balance_on_stage_first_day(Facts(tracker), today(), today())[1]:
        return False  # a retrait still to come: the day says whether it is recorded before the stage (R18 example 1)
    previous = tracker.get_slot("previous_stage_date")
    if previous in (None, NO_PREVIOUS_STAGE):
        return True  # (not asked yet: it is, and a stage in the last year then brings the day's question back)
    try:
        last = slot_values.PartialDate.parse(previous).latest()
    except InvalidAnswer:
        return False
    return next_point_stage(last, load_params().at(today()))[1] <= today()


def balance_at_maximum(tracker: Tracker) -> bool:
    """12 points, the maximum of any licence (R1): a stage has nothing to give, whatever the last one. (A balance said as
    the one before the offences told with it is not today's: "j'avais 12 points, puis … téléphone (-3)" is 9 today.)"""
    balance = balance_today_from_before(tracker) or tracker.get_slot("current_balance")
    if not isinstance(balance, (int, float)) or isinstance(balance, bool):
        return False  # unknown, or not validated yet
    if balance < load_params().at(today()).get("capital.max").value:
        return False
    from actions.answers import Facts, balance_established, balance_on_stage_first_day  # (answers reads this module)
    established = balance_established(tracker)
    if established is not None and established < balance:
        # "j'avais 12 points", then offences and a stage told in later messages, answered "Solde aujourd'hui : 9 points":
        # 9 today, and the stage told done counts for the next one (R13; tester T58 c17 got "dès maintenant" 9 days
        # after a stage)
        return False
    # "j'ai 12 points, feu rouge pas encore payé", then "si je paye demain et fais le stage en février ?": 12 before a
    # retrait still to come is not the maximum for a stage after it (R18 example 1; T36 c27 got "Aucun point à gagner")
    return not balance_on_stage_first_day(Facts(tracker), today(), today())[1]


# the later of two stages told, said to come or under way: "je fais un nouveau stage les 30 novembre…", "je commence le
# prochain le…", "j'en fais un cette semaine" (folded words from the earlier stage's date to the later's end)
_LATER_STAGE_TO_COME = re.compile(r"\b(?:fais|refai\w*|ferai|ferais|commence\w*|vais|va|prochain|nouveau|cette semaine|reserv\w*"
                                  r"|inscri\w*|prevu\w*|compte|veux|voudrais|pense|envisag\w*)\b")


def _later_stage_to_take(tracker: Tracker, stages: List[str]) -> bool:
    """Whether the later of the two stages the message tells is said to come or under way, not done (R13)."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    spans = {e.get("value"): (e.get("start"), e.get("end")) for e in message.get("entities", [])
             if e.get("entity") == "date" and e.get("role") == "stage" and "start" in e}
    earlier, later = spans.get(stages[0]), spans.get(stages[-1])
    if earlier is None or later is None:
        return True  # (the words cannot be told apart: the stage asked about, as before)
    return bool(_LATER_STAGE_TO_COME.search(text[min(earlier[1], later[0]):later[1]]))


# a stage imagined in the past, asked in the conditional: "ça m'aurait rendu des points ?", "si je l'avais fait en
# septembre", "est-ce que j'aurais eu des points ?"
_COUNTERFACTUAL = re.compile(r"\b(?:aurai[st]|auraient|aurions|auriez)\b|\bsi\s+(?:j'?\s?|il\s+|elle\s+|on\s+)?"
                             r"(?:l'?\s?)?avai[st]\s+(?:fait|suivi|passe)\b")


# another stage supposed: "et si elle refait un stage en mars ?", "si j'en refais un en juin", "si je fais un autre stage"
_ANOTHER_STAGE_SUPPOSED = re.compile(r"\bsi\s+(?:j'?\s?|je\s+|il\s+|elle\s+|on\s+|tu\s+|vous\s+)(?:en\s+)?"
                                     r"(?:re-?(?:fai[st]|faites|passes?|suis|suit)\b|(?:fais|fait|passe|suit|suis)\s+"
                                     r"(?:un|1)\s+(?:autre|nouveau|deuxieme|second)\b)")


class ValidateStageEligibilityForm(FactsValidation):
    def name(self) -> Text:
        return "validate_stage_eligibility_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if stage_in_time_asked(tracker):
            return []  # "stage les 3 et 4 décembre, ça passe ?" after a 48N: its deadline answers (R15, R16)
        if only_where_to_check_asked(tracker):
            return []  # "je peux vérifier où ?": where to read the official balance answers (R19; T50 c07)
        domain_slots = _without(domain_slots, *PROBATION_CEILING_SLOTS)  # (added below when they are needed)
        if invalidation_notified(tracker):
            return []  # after a 48SI no stage gives points (R14): nothing to ask, the answer says so
        if letter_48n_received(tracker):
            # a 48N makes the stage compulsory whatever the last stage (R17): only that stage's date matters; with the
            # stage's day ("le stage que j'ai trouvé c'est le 26 et 27 février, ça passe ?"), whether it ends in time
            if tracker.get_slot("stage_first_day") is not None:
                return []
            return _without(domain_slots, "current_balance")
        # ("elle n'a jamais fait de stage" fills it with False, the validator's "none": no stage either, read so before
        # the validation, or the balance computed from the retraits told is not extracted, then asked; T9 c10)
        if tracker.get_slot("balance_unknown") or tracker.get_slot("previous_stage_date") not in (
                None, NO_PREVIOUS_STAGE, False):
            # "j'ai fait un stage le 2 décembre 2025, je peux en refaire un quand ?": the date comes from that stage
            # (R13); the balance would only say whether there are points to win, said as a condition
            return _without(domain_slots, "current_balance")
        if balance_at_maximum(tracker) or probation_kept_at_its_ceiling(tracker):
            return _without(domain_slots, "previous_stage_date")
        if no_offence_with_the_licence(tracker):
            # "permis depuis juin 2024 sans infraction, je peux faire un stage ?": the balance is the ceiling, computed
            # once the AAC is known when it changes it (R1, R5), not asked
            aac = ["supervised_driving"] if licence_may_be_probationary(tracker) and \
                tracker.get_slot("supervised_driving") is None and \
                not _ceiling_same_with_or_without_aac_without_offence(tracker) else []
            # (and the last stage: a balance at its ceiling has nothing to win from a stage, whatever that one, R12)
            return aac
        if tracker.get_slot("current_balance") is None and _pending_story_told(tracker):
            # "ma fille… 0,3 g, payé le 25 novembre", then "elle peut faire un stage le 3 décembre ?": the balance the
            # story computes (0 or below) answers, not asked again (R18; T10 c07)
            return _without(domain_slots, "current_balance")
        if balance_given_by_an_answer(tracker):
            return _without(domain_slots, "current_balance") + probation_ceiling_slots(tracker)
        return domain_slots + probation_ceiling_slots(tracker)


PROBATION_CEILING_SLOTS = ("licence_date", "supervised_driving")


def _pending_story_told(tracker: Tracker) -> bool:
    """The user's story brings the balance to 0 or below (answers.pending_story_answer answers the stage question)."""
    from actions.answers import pending_story_answer  # (answers reads this module)
    try:
        return bool(pending_story_answer(tracker))
    except (TypeError, ValueError):
        return False  # (slots not validated yet, before the extraction: "3 points et 1 point" still a list)


def probation_ceiling_slots(tracker: Tracker) -> List[Text]:
    """"jeune permis (1 an) j'ai perdu 2 points, je peux faire un stage ?": a licence said probationary, whose date is
    not known, has a ceiling below 12 (R5, R7): its date, then AAC, are asked (T4 m017), as for the points after a
    stage."""
    if not probation_said(tracker):
        return []
    if tracker.get_slot("licence_date") is None:
        return list(PROBATION_CEILING_SLOTS)
    return ["supervised_driving"] if licence_may_be_probationary(tracker) and not relicensed(tracker) \
        and not ceiling_same_with_or_without_aac(tracker) else []


def ceiling_same_with_or_without_aac(tracker: Tracker) -> bool:
    """The probationary ceiling today is the same with or without AAC, whatever the licence's day in the month told: an
    offence of the first year stopped the increments (R5, R7: 6 either way; T16 c08 asked AAC for nothing)."""
    slots = tracker.slots
    offences = offence_told(slots)
    if not offences or tracker.get_slot("supervised_driving") is not None:
        return False
    try:
        days = {slot_values.to_date(slots.get("licence_date"), safe=safe) for safe in ("earliest", "latest")}
    except InvalidAnswer:
        return False
    if None in days:
        return False  # (the licence's day not known yet: the probation form asks it first)
    ceilings = set()
    for licence in days:
        for aac in (False, True):
            try:
                status = probation_status(licence_date=licence, today=today(), aac=aac, relicensed=False,
                                          offences=offences, no_offence=False, stages=[])
            except InconsistentFacts:
                return False
            ceilings.add(status.results.get("ceiling") if status.results.get("probationary") else None)
    return len(ceilings) == 1 and None not in ceilings


def letter_code_of(value: Any) -> Any:
    """A letter code as the engine names it: "48 si" -> "48SI", 47.0 (a number typed to the question) -> "47"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).upper().replace(" ", "") if value not in (None, "") else value


def letters_named_in_message(tracker: Tracker) -> List[str]:
    """The letter codes the latest message names, in order, each once ("la 47 ? et la 46D ?")."""
    return list(dict.fromkeys(letter_code_of(value) for value in message_values(tracker, "letter_code")))


def letter_named_in_message(tracker: Tracker) -> Optional[str]:
    """The one letter code the latest message names ("j'ai reçu une 48M"), normalised ("48M")."""
    codes = {str(value).upper().replace(" ", "") for value in message_values(tracker, "letter_code")}
    return codes.pop() if len(codes) == 1 else None


def last_value(tracker: Tracker, slot: str) -> Any:
    """The slot's last value in the conversation, even if it has been reset since (a letter answered)."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == slot and event.get("value") is not None:
            return event["value"]
    return None


def letter_in_question(tracker: Tracker) -> Optional[str]:
    """The letter the question is about: named in the message, or the one the last answer explained
    ("c'est quoi une 48M ?" then "je suis obligé de faire un stage ?")."""
    named = letter_named_in_message(tracker)
    if named or tracker.get_slot("last_question") != "action_answer_letter":
        return named
    return last_value(tracker, "letter_code")


# "je vais recevoir une 48N ?", "est-ce que j'aurai une 48N" : whether the letter will come, not its deadline
# the delays that run from a fact's day, whose end near today makes a day counted back roughly ("il y a 6 mois") not
# enough: a stage's year (R13), the 48N's 4 months (R15), a payment's 6 months, 2, 3 and 10 years (R8–R10)
STAGE_DELAYS = (relativedelta(years=1),)
LETTER_48N_DELAYS = (relativedelta(months=4),)
PAYMENT_DELAYS = (relativedelta(months=6), relativedelta(years=2), relativedelta(years=3), relativedelta(years=10))
# "je recevrai la 48N le 10", "je vais recevoir la lettre le 10 décembre", "elle doit arriver le 12", "elle sera
# distribuée le 5": a letter's receipt to come, on a day said (folded text)
_RECEIPT_TO_COME = re.compile(
    r"\b(?:recevrai|recevra|recevrons|recevrez|recevront|arrivera|arriveront"
    r"|(?:vais|va|vas|allons|allez|vont|dois|doit|devrais|devrait|devrai|pense|compte)\s+(?:la\s+|les\s+|l'\s?)?"
    r"(?:recevoir|receptionner|arriver|etre (?:livree|distribuee|presentee))"
    r"|sera (?:livree|distribuee|presentee)"
    # supposed (T46 c05: "si elle reçoit la 48N le 15 décembre", "admettons qu'il la reçoive le 15", "quand je la
    # recevrai"): a hypothesis on the receipt, answered with its deadline, not refused as "dans le futur"
    r"|s(?:i\s+|')(?:\w+\s+){0,3}?(?:recoi[st]|recoivent|recevez|recevons|arrive|arrivent)"
    r"|(?:admettons|imaginons|supposons|disons|mettons)\s+(?:qu'\s?|que\s+)(?:\w+\s+){0,3}?(?:recoive|recoivent|arrive)"
    # "je parle du 15 décembre qui vient", "dans 2 semaines" after "pas encore reçue"
    r"|qui vient\b|pas encore (?:\w+\s+){0,2}?recue?s?)\b")


def receipt_supposed_ahead(value: Any, tracker: Tracker) -> bool:
    """Whether `value`, a day in the next 4 months, is the 48N's receipt the latest message says to come or supposes
    ("je la recevrai le 10", "si elle reçoit la 48N le 15 décembre", "pas encore reçue, le 15 qui vient")."""
    ahead = FactsValidation._partial(value) if isinstance(value, str) else None
    return ahead is not None and ahead.precision == "day" and \
        today() < ahead.earliest() <= today() + relativedelta(months=4) and \
        bool(_RECEIPT_TO_COME.search(fold((tracker.latest_message or {}).get("text") or "")))


LETTER_48N_TO_COME = re.compile(
    r"\b(?:vais|va|vont|aurai|aurais|aura|recevrai|recevrais|risque|risques|risquer)\b"
    r"[^.!?]{0,30}\b48\s?n\b"
    # "il a une 48N ?", "j'ai une 48N ou pas ?": asked, not told received (T11 c40)
    r"|\b(?:a|ai|as)(?:[- ]t[- ](?:il|elle))?\s+(?:une|la|sa|ma)\s+(?:lettre\s+)?48\s?n\b(?=[^.!?]{0,12}\?)",
    re.IGNORECASE)
# the notice of the fine, not a letter of the points: "il a reçu l'avis le 12 novembre", "juste l'amende le 12"
_FINES_NOTICE = re.compile(r"\bavis\b(?!\s+de\s+(?:reception|passage))|\bamende\b|\bpv\b|\bproces[- ]verbal\b"
                           r"|\bcontravention\b")


# the notice named just before its day, not its payment: "juste l'amende le 12 novembre", "avis reçu le 12" (T12 c40:
# "non il a PAS reçu de 48N, juste l'amende le 12 novembre" corrected the licence's date)
_NOTICE_JUST_BEFORE = re.compile(r"\b(?:avis|amende|pv|contravention)(?:\s+(?:de\s+contravention|recu\w*|arrive\w*))?"
                                 r"(?:\s+(?:le|du|en|au))?\s*$")


def day_of_the_fines_notice(value: Any, tracker: Tracker) -> bool:
    """The date given is said of the fine's notice ("le 12 décembre il a reçu l'avis", "c'est l'avis de
    contravention"), its sentence naming no 48N: not the day a 48N was received (R15)."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    for entity in message.get("entities", []):
        if entity.get("entity") != "date" or entity.get("value") != value or "start" not in entity:
            continue
        start, end = entity["start"], entity["end"]
        before = re.split(r"[.!?;]", text[:start])[-1]
        after = re.split(r"[.!?;]", text[end:])[0]
        sentence = fold(before + " " + after)
        return bool(_FINES_NOTICE.search(sentence)) and not re.search(r"\b48\s?n\b|\blettre\b", sentence) \
            or bool(re.match(r"\W*(?:c'?\s?est|c'?\s?etait)\s+(?:l'\s?|un\s+|le\s+)?(?:avis|amende|pv)\b",
                             fold(text[end:]))) \
            or bool(_NOTICE_JUST_BEFORE.search(fold(before)))
    return False


def asks_whether_48n_comes(tracker: Tracker) -> bool:
    """An offence told with "will I get a 48N?": the answer is the offence's points and what they mean (R15)."""
    names_offence = any(message_values(tracker, entity) for entity in ("offence_type", "speed_excess", "speed_measured"))
    text = (tracker.latest_message or {}).get("text") or ""
    return names_offence and bool(LETTER_48N_TO_COME.search(fold(text)))


# "j'ai eu un stop grillé", "je me suis fait flasher", "on m'a retiré 3 points": an offence that happened
_OWN_OFFENCE = re.compile(
    r"\b(?:j'?\s?ai|je me suis|me suis|on m'?\s?a|il a|elle a|mon fils a|ma fille a|j'?\s?avais)\s+"
    r"(?:ete\s+|fait\s+)?(?:eu|pris|grille|brule|flashe|fait flasher|perdu|paye|recu|arrete|controle|chope|"
    r"verbalise|pince|commis|retire)\w*"
    # "j'étais à 142 sur une route à 90", "je roulais à 75 en ville"
    r"|\b(?:j'?\s?etais|je roulais|je suis passee?)\s+a\s+\d"
    # "je viens de me faire arrêter", "il s'est fait flasher"
    r"|\b(?:viens de|vient de|suis|s'?\s?est)\s+(?:me\s+|se\s+)?fai\w*\s+(?:arreter|controler|flasher|choper|pincer"
    r"|prendre|verbaliser|attraper)")


# "et depuis j'ai eu des petits excès quasiment tous les ans", "plein de PV depuis", "et depuis jai eu dautres
# amendes" (T8 c23): other offences since, their dates untold (R10 example 1)
# caught again: "flasher", "arrêter", "choper", "pincer", "verbaliser", "prendre" (folded, their stems)
_CAUGHT = r"(?:flash|arret|chop|pinc|verbalis)"
# caught once more: "je me suis refait flasher", "refait prendre", "reflashé" (not "j'ai repris la voiture")
_CAUGHT_AGAIN = r"(?:re-?fai\w*\s+(?:" + _CAUGHT + r"|prendre|control)|re-?(?:flash|chop|pinc|verbalis))"
# ("depuis le 3 mars" dates the offence, it does not tell others since)
_NOT_A_DATE = (r"(?!\s+(?:\d|le |la |l'|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
               r"novembre|decembre))")
# "excès de vitesse", "amendes pour vitesse", "PV au téléphone": the offence word and what it is for
_OFFENCE_NAMED = OFFENCE_WORDS + r"(?:\s+(?:de|d'|pour|au|a|en)\s*\w+){0,2}"
# "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes": the licence's "depuis", not offences after another one
# (T54 c01 got "Avec des infractions commises régulièrement depuis" before the first offence was told)
_NOT_THE_LICENCE_S_DEPUIS = r"(?<!permis )(?<!permis b )(?<!conduis )(?<!conduit )(?<!conduite )(?<!roule )"
_OFFENCES_SINCE = re.compile(
    _NOT_THE_LICENCE_S_DEPUIS + r"\bdepuis\b[^.?!]{0,40}\b(?:d'?\s?autres|des|plein de|plusieurs|pas mal de|quelques"
    r"|beaucoup d'?|encore|plein d'|[2-9]|deux|trois|quatre|cinq|six)\s*"
    r"(?:\w+\s+){0,2}?" + OFFENCE_WORDS + r"\b"
    r"|\b" + OFFENCE_WORDS + r"\b[^.?!]{0,40}\b(?:tous les ans|chaque annee|regulierement|tout le temps|en continu"
    r"|sans arret|sans cesse|a repetition)\b"
    # "jamais 3 ans sans rien", "jamais deux ans sans une amende": never the recovery's whole delay without an offence
    # (tester T50 c15 got the full recovery of 2020 for a phone paid in 2017)
    r"|\bjamais\s+(?:plus\s+de\s+)?(?:[23]|deux|trois)\s+ans\s+(?:d'affilee\s+|de suite\s+|complets?\s+)?sans\s+"
    r"(?:rien|aucune?\s+|une?\s+|de\s+|d'|infraction|pv|amende|contravention|retrait|perdre|me\s+faire|se\s+faire)"
    # "puis d'autres infractions à peu près tous les deux ans depuis", "un PV tous les 2 ou 3 ans" (T27 c30)
    r"|\b" + OFFENCE_WORDS + r"\b[^.?!]{0,40}\btous les (?:deux|trois|quatre|cinq|[2-9])(?: ou (?:deux|trois|quatre"
    r"|cinq|[2-9]))? ans\b"
    # "j'ai eu d'autres infractions entre temps", "plusieurs PV entre-temps, en 2018, 2020 et 2024" (T27 c30: the
    # years listed after the answer were not counted)
    r"|(?:\b|(?<='))" + SEVERAL + r"\s*(?:\w+\s+){0,2}?" + _OFFENCE_NAMED + r"[^.?!]{0,20}\bentre[\s-]temps\b"
    r"|(?:\b|(?<='))" + SEVERAL + r"\s*(?:\w+\s+){0,2}?" + OFFENCE_WORDS
    + r"\b[^.?!]{0,30}\ben (?:19|20)\d\d\b[^.?!]{0,6}(?:19|20)\d\d\b"
    r"|(?:\b|(?<='))" + SEVERAL + r"\s*(?:\w+\s+){0,2}?" + _OFFENCE_NAMED
    + r"\s+depuis\b" + _NOT_A_DATE +
    # "un feu rouge en 2016 et des excès de vitesse après, le dernier je crois 2024" (T37 c10)
    r"|(?:\bdes\s+|(?:\b|(?<='))" + SEVERAL + r"\s*)(?:\w+\s+){0,2}?" + _OFFENCE_NAMED
    + r"\s+(?:apres|ensuite|par la suite)\b"
    + _NOT_A_DATE +
    r"|\b(?:tous les ans|chaque annee|regulierement)\b[^.?!]{0,30}\b" + OFFENCE_WORDS + r"\b"
    r"|\b(?:accumul|cumul)\w*\s+(?:les\s+|des\s+)?(?:petit\w*\s+|nombreu\w*\s+)?" + OFFENCE_WORDS + r"\b"
    # "depuis j'ai jamais arrêté de me faire flasher", "je n'ai pas cessé de me faire arrêter" (T9 c13)
    r"|\b(?:jamais|pas|plus)\s+(?:arrete|cesse|stoppe)\w*\s+de\s+(?:me\s+|se\s+)?(?:faire\s+)?" + _CAUGHT + r"\w*"
    # "je me suis refait flasher plein de fois depuis", "repris plusieurs fois depuis", "flashé 3 fois depuis"
    # (caught once more, "depuis" not followed by its date; or caught often)
    r"|\b" + _CAUGHT_AGAIN + r"\w*\b[^.?!]{0,40}\bdepuis\b" + _NOT_A_DATE +
    # "je me suis refait flasher en 2019, 2021 et 2024": caught again, in several later years
    r"|\b" + _CAUGHT_AGAIN + r"\w*\b[^.?!]{0,20}\ben (?:19|20)\d\d\b[^.?!]{0,4}\d{4}"
    r"|\b(?:" + _CAUGHT_AGAIN + r"|" + _CAUGHT + r")\w*\b[^.?!]{0,40}\b(?:plusieurs fois|plein de fois|pas mal de fois|souvent"
    r"|tout le temps|tous les ans|chaque annee|regulierement)\b"
    r"|\b(?:plein de|plusieurs|pas mal de|beaucoup de|\d+|deux|trois|quatre|cinq)\s+fois\s+depuis\b"
    # "jamais revenu à 12", "je n'ai jamais retrouvé mes 12 points" (tester T1 c11): a retrait followed every time
    r"|\bjamais\s+(?:ete\s+)?(?:revenu|remonte|retrouve|recupere|repasse|eu|reeu)\w*\s+(?:a\s+|mes\s+|les\s+|de\s+)?"
    r"(?:12|douze)\b")


# "c'est tout", "y en a pas eu d'autres que ces 2 là", "aucune autre amende", "seulement ces deux": the offences told
# are all of them (folded text; not "pas d'autre question")
_NO_OTHER_OFFENCE = re.compile(
    r"\bc'?\s?est tout\s*(?:$|[.!,;]|\b(?:merci|voila)\b)"
    r"|\b(?:pas|jamais|aucune?)\s+(?:eu\s+)?d'?\s?autres?\b(?!\s+(?:questions?|infos?|informations?|details?|precisions?|choix)\b)"
    r"|\baucune?\s+autres?\s+" + OFFENCE_WORDS + r"\b"
    r"|\b(?:que|seulement|juste|uniquement)\s+(?:ces|les)\s+(?:2|deux|3|trois)(?:\s+" + OFFENCE_WORDS + r")?\s+(?:la|ci)\b")


def offences_said_since(tracker: Tracker) -> bool:
    """The user said other offences followed, without their dates: the full recovery cannot be assumed (R10). Not once
    the offences are listed and the list closed ("j'ai eu plusieurs amendes", then the two told with their days and
    "c'est tout", "y en a pas eu d'autres que ces 2 là"): those told are all of them (T51 c01 got "Avec des infractions
    commises régulièrement depuis" and the 10-year rule alone, never the balance)."""
    said = False
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        text = fold(event.get("text") or "")
        since = _OFFENCES_SINCE.search(text)
        if since:
            said = not _NO_OTHER_OFFENCE.search(text, since.end())
        elif said and _NO_OTHER_OFFENCE.search(text):
            said = False
    return said


def offences_since_said_before(tracker: Tracker, day: Optional[date]) -> bool:
    """The offences "since" were told after an earlier offence than the one of `day` ("amende payée le 10 mai 2016,
    et depuis des PV régulièrement", then the last one paid on 3 October 2026): committed before that last one, they
    do not block its single point (R8, CE 04/12/2017; tester T16 c19)."""
    if day is None:
        return False
    for event in tracker.events:
        if event.get("event") != "user" or not _OFFENCES_SINCE.search(fold(event.get("text") or "")):
            continue
        told = [_entity_day(e) for e in (event.get("parse_data") or {}).get("entities", [])
                if e.get("entity") == "date"]
        if any(d is not None and d < day for d in told):
            return True
    return False


def offences_since_newly_said(tracker: Tracker) -> bool:
    """The latest message is the first to say other offences followed ("non mais je me suis refait flasher plein de
    fois depuis", after an answer that assumed none): a fact that changes the recovery (R10)."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return bool(users) and bool(_OFFENCES_SINCE.search(fold(users[-1].get("text") or ""))) and not any(
        _OFFENCES_SINCE.search(fold(event.get("text") or "")) for event in users[:-1])


# "mon employeur a payé l'amende sans dire que c'était moi": the owner paid without naming the driver (R21, L.121-3)
_OWNER_PAID_WITHOUT_NAMING = re.compile(
    r"\b(?:employeur|entreprise|societe|boite|patron|proprietaire|titulaire|loueur|agence)\b[^.?!]{0,80}"
    r"\b(?:paye|payee|regle|reglee)\b[^.?!]{0,60}\bsans\b[^.?!]{0,25}\b(?:dire|designer|denoncer|nommer|donner|indiquer)"
    r"|\bsans\s+(?:me\s+|le\s+|nous\s+)?(?:designer|denoncer)\b|\bpas\s+(?:ete\s+)?(?:designee?|denoncee?)\b")


# R21 example 2: a company's vehicle ("voiture de société", "véhicule de fonction", "la voiture de la boîte", "le camion
# du boulot"), and the company or the employer paying ("c'est l'entreprise qui paie", "mon patron a payé", "ma boîte a
# réglé l'amende", "payée par la société"); folded text
_COMPANY = r"(?:entreprise|societe|boite|patron|patronne|employeur|boss|direction|gerant|gerante|agence|taf|boulot)"
_COMPANY_VEHICLE = re.compile(
    r"\b(?:voiture|vehicule|auto|camion|camionnette|utilitaire|fourgon|fourgonnette|scooter|moto|caisse)s?\s+"
    r"(?:de\s+(?:societe|fonction|service|l'entreprise|la boite|ma boite|mon entreprise|mon travail|mon employeur|"
    r"ma societe|la societe)|du\s+(?:boulot|travail|taf)|d'entreprise|pro|professionnelle?)\b")
_COMPANY_PAYS = re.compile(
    r"\b" + _COMPANY + r"\b[^.?!]{0,40}?\b(?:paye|paie|paient|payent|payee|regle|reglee|reglent|payer|regler"
    r"|paiera|payera|reglera)\b"
    r"|\b(?:payee?|reglee?)\s+par\s+(?:l'\s?|la\s+|le\s+|mon\s+|ma\s+)?" + _COMPANY + r"\b")
_FINE_WORDS = re.compile(r"\b(?:amendes?|pv|proces|contraventions?|avis|flashe\w*|radar|infractions?|exces)\b")
# "mon entreprise paie mon stage": not a fine
_PAYS_A_STAGE = re.compile(r"\b(?:paye|paie|payee|paient|regle|reglee)\s+(?:le\s+|mon\s+|son\s+|un\s+|1\s+)?stage")
# "elle m'a désigné", "mon patron a donné mon nom": the driver named, the offence is theirs (R2)
_DRIVER_NAMED = re.compile(r"\b(?:m'?\s?a|m'?\s?ont)\s+(?:designe|denonce)\b|\b(?:donne|indique|communique)\s+mon nom\b"
                           r"|\bj'?\s?ai ete (?:designe|denonce)\b")


def paid_by_owner_without_naming(tracker: Tracker) -> bool:
    """The fine was paid by the vehicle's owner, who did not name the driver (R21, L.121-3): said so, or a company
    paying for its vehicle ("voiture de société flashée, c'est l'entreprise qui paie") without the driver said named."""
    if latest_text_says(tracker, _OWNER_PAID_WITHOUT_NAMING):
        return True
    text = fold((tracker.latest_message or {}).get("text") or "")
    return bool(_COMPANY_PAYS.search(text)) and not _DRIVER_NAMED.search(text) and not _PAYS_A_STAGE.search(text) \
        and bool(_COMPANY_VEHICLE.search(text) or _FINE_WORDS.search(text))


# the company's side asks ("je suis gérante d'une petite boîte", "une de nos voitures de société", "si on désigne le
# salarié", "mon salarié a été flashé"), not the employee who drove ("mon patron a payé sans me désigner")
_COMPANY_SIDE = re.compile(
    r"\b(?:je suis|en tant que|moi)\s+(?:le\s+|la\s+|l'|un\s+|une\s+)?(?:gerante?|patronne?|dirigeante?|directeur"
    r"|directrice|pdg|chef d'entreprise|cheffe d'entreprise|employeur|responsable de (?:la |l')?(?:societe|entreprise"
    r"|flotte|parc))\b"
    r"|\b(?:nos|notre)\s+(?:voitures?|vehicules?|salaries?|salariees?|employes?|chauffeurs?|societe|entreprise|boite"
    r"|flotte)\b"
    r"|\b(?:mon|ma|mes|un de mes|une de mes)\s+(?:salariee?s?|employee?s?|chauffeurs?|commerciale?s?)\b"
    r"|\bdesign\w*\s+(?:le|la|un|une|notre|mon|ma|l')\s*(?:salariee?|employee?|chauffeur|commerciale?)\b")


def company_side_asks(tracker: Tracker) -> bool:
    """The company's manager asks about its car's fine (R21 example 2, L.121-6): the answer speaks to the company."""
    return a_message_says(tracker, _COMPANY_SIDE)


# "je dois désigner ?", "faut-il désigner le conducteur ?", "je suis obligé de me désigner ?", "qui doit désigner ?"
# (folded text; not "et si on désigne le salarié ?", which asks what follows a designation)
ASKS_DESIGNATION = re.compile(
    r"\b(?:dois|doit|devons|devez|doivent|faut|faudrait|faudra|obligee?s?|obligatoire|besoin de)\b[^.?!]{0,30}"
    r"\b(?:designer|designation|denoncer|donner (?:le|son|mon) nom)\b"
    r"|\bdesign\w*\b[^.?!]{0,25}\b(?:obligatoire|oblige\w*)\b|\bqui (?:doit )?designe\w*|\bdesigner ou (?:pas|non)\b")
# a company's vehicle or the company named ("la voiture de ma boîte", "mon employeur"), folded
_COMPANY_NAMED = re.compile(r"\b(?:ma|la|notre|mon|sa|une|leur) (?:boite|societe|entreprise|agence)\b"
                            r"|\b(?:employeur|patron|patronne)\b")


def designation_answer(tracker: Tracker) -> Optional[str]:
    """"c'est la voiture de ma boîte, je dois désigner ?": who designates the driver of a company's vehicle (its legal
    representative, within 45 days), who loses the points (the driver designated only), and the company's fine
    without it, in one answer (R21 example 2, L.121-6; T18). None when the latest message asks no designation or no
    company is told in the conversation."""
    if not latest_text_says(tracker, ASKS_DESIGNATION):
        return None
    if not (a_message_says(tracker, _COMPANY_VEHICLE) or a_message_says(tracker, _COMPANY_NAMED)
            or company_side_asks(tracker)):
        return None
    decision = offence_points(offence="company_owner_liability", commission=today(), today=today(),
                              designation_asked=True)
    return render(decision)


def owner_liability_kind(tracker: Tracker) -> str:
    """The engine's offence for a fine paid by the owner without naming the driver: a company's (it owes the fine for
    not designating, L.121-6) or another owner's (R21)."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    company = _COMPANY_VEHICLE.search(text) or re.search(r"\b" + _COMPANY + r"\b", text)
    return "company_owner_liability" if company else "owner_liability"


# "avec l'excès en plus", "et aussi", then "ça fait combien en tout ?": an offence added to those just answered, their
# total asked (folded text)
_ADDED_IN_TOTAL = re.compile(r"\b(?:en plus|aussi|avec)\b")
_TOTAL_OF_THEM = re.compile(r"\b(?:en tout|au total|total|cumul\w*|additionn\w*)\b")
#: the passengers' seatbelt offences (R21: the adult passenger pays; R.412-2: the driver pays for a minor; no points)
PASSENGER_BELTS = ("seatbelt_adult_passenger", "child_restraint")
# "c'était mon passager, pas moi", "c'est le passager qui l'avait pas": the belt put on the passenger (folded text)
_PUT_ON_THE_PASSENGER = re.compile(r"\bpas moi\b|\bc'?\s?(?:etait|est)\s+(?:mon|ma|le|la|notre)\s+passag")
_CHECK_SPEED_SLOTS = ("speed_limit", "speed_excess", "speed_measured")


def check_without_the_drivers_belt(tracker: Tracker) -> Optional[Dict[Text, Any]]:
    """"ah non pardon, la ceinture c'était mon passager (adulte), pas moi" after several offences told at one check,
    the driver's seatbelt among them: the slots of that check without the driver's belt (the main offence, the others,
    and the speeds told for an excess, reset since the answer), so that its retrait is counted again (R3, R21: the
    passenger's belt costs the driver no points). None when the message does not put a belt told as the driver's
    on a passenger, or no other offence of that check remains."""
    named = [v for v in dict.fromkeys(message_values(tracker, "offence_type")) if v in OFFENCE_TYPES]
    if len(named) != 1 or named[0] not in PASSENGER_BELTS:
        return None
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not (CORRECTION.search(text) or _PUT_ON_THE_PASSENGER.search(text)):
        return None
    before = last_value_before_message("offence_type", tracker)
    check = list(dict.fromkeys([before, *(last_value_before_message("other_offences", tracker) or [])]))
    if before is None or "seatbelt" not in check or len(check) < 2:
        return None
    rest = [o for o in check if o != "seatbelt"]
    main = "speeding" if "speeding" in rest else rest[0]
    slots: Dict[Text, Any] = {"offence_type": main, "other_offences": [o for o in rest if o != main] or None}
    if main == "speeding":
        slots.update({slot: last_value_before_message(slot, tracker) for slot in _CHECK_SPEED_SLOTS
                      if tracker.get_slot(slot) is None and last_value_before_message(slot, tracker) is not None})
    return slots


def told_as_own_offence(tracker: Tracker) -> bool:
    """The offence of the latest message is the user's own, not a question in general ("combien de points
    pour un feu rouge ?"): told in the past tense, or with the day it was committed or paid."""
    message = tracker.latest_message or {}
    dated = any(e.get("entity") == "date" and e.get("role") in ("offence", "payment")
                for e in message.get("entities", []))
    text = fold(message.get("text") or "")
    # "flashé à 142 sur une route à 90, le 10 novembre 2026": caught, on a past day (T11 c29: its points were asked
    # again for the recovery that followed)
    caught_on = _CAUGHT_PARTICIPLE.search(text) and offence_day_said(message) is not None
    return dated or bool(caught_on) or bool(_OWN_OFFENCE.search(text))


# "flashé", "arrêtée", "contrôlé", "verbalisé", "chopé", "pincé": the offence told by its participle alone
_CAUGHT_PARTICIPLE = re.compile(r"\b(?:flashee?|arretee?|controlee?|verbalisee?|chopee?|pincee?|interpellee?)s?\b")


def offence_day_said(message: dict) -> Optional[str]:
    """The day (ISO) the message tells without another role than the offence's, when it is past: "flashé à 142, le
    10 novembre 2026" (not a stage, a payment or the licence's)."""
    days = [e.get("value") for e in message.get("entities", []) if e.get("entity") == "date"
            and e.get("role") in (None, "offence") and isinstance(e.get("value"), str) and len(e["value"]) == 10]
    return days[0] if len(days) == 1 and days[0] <= today().isoformat() else None


#: the yes/no questions a plain "oui"/"non" opening the message answers, with the slot of a date said with a yes
YES_NO_DATES = {"supervised_driving": None, "complementary_training": "training_date", "probation_offence": None}

# "non jamais", "aucun", "pas d'autre": no stage before the one named
_NONE_BEFORE = re.compile(r"\b(?:non|jamais|aucun|pas d'\s?autre)\b")

#: the reply to "pas encore reçue" when the 48N's date of receipt is asked: its 4 months run from the receipt (R15)
LETTER_48N_NOT_RECEIVED_REPLY = ("D'accord, la lettre 48N n'est pas encore arrivée : le délai de 4 mois du stage "
                                 "obligatoire ne courra qu'à partir de sa réception (article R.223-4 du Code de la route).")


#: the forms whose answer is today's balance computed from the facts they ask (R5, R7)
#: the forms about a stage the user would take (R12, R13): one said not to be the question ends them
VOLUNTARY_STAGE_FORMS = ("points_after_stage_form", "stage_eligibility_form")
BALANCE_FORMS = ("probation_form",)
BALANCE_ON_ITS_WAY = ("C'est justement ce que je calcule : il me manque encore une réponse pour vous donner votre "
                      "solde.")
# "comment je vois mes points ?", "où je peux consulter mon solde ?", "ça se regarde où ?": where to read the official
# balance, not the one computed (folded text)
WHERE_TO_READ = re.compile(r"\b(?:comment|ou|quel site|sur quel|par ou)\b[^?]{0,40}\b(?:voi[rts]|savoir|consult\w*|"
                            r"regard\w*|verifi\w*|connaitre|trouv\w*|acced\w*|check\w*)\b"
                            r"|\b(?:voi[rt]|savoir|consult\w*|regard\w*|verifi\w*|connaitre|trouv\w*)\b[^?]{0,30}"
                            r"\b(?:comment|ou)\b|\b(?:site|appli\w*|internet|en ligne|franceconnect|mes points permis"
                            r"|telepoints|releve|prefecture)\b")


def asks_the_count(tracker: Tracker) -> bool:
    """The latest message asks how many points the user has ("ben combien de points j'ai ??", "c'est quoi mon solde
    alors ?", "je suis à combien ?"), not where or how to read the official balance."""
    return not latest_text_says(tracker, WHERE_TO_READ)


def letter_not_received(tracker: Tracker) -> bool:
    """"non j'ai pas encore reçu de 48SI": the letter is feared, not received (the parser reads the negation)."""
    return any(value is False for value in message_values(tracker, "letter_received"))


def letter_uncollected(tracker: Tracker) -> bool:
    """The latest message that says whether the letter came says it was presented and not collected ("je n'ai pas
    récupéré le recommandé à la poste", "avis de passage"): notified from its first presentation (CE 17/04/2025
    n° 492072, spec §0.2), whatever "pas reçu" it says as well."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        received = [e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                    if e.get("entity") == "letter_received"]
        if received:
            return "presented" in received
    return False


def _bare_count(tracker: Tracker) -> Optional[int]:
    """The one count of points of the latest message, said without a role, in a message that names no offence nor
    any other count ("…, 5 points, stage les 12 et 13 mars"); None otherwise, and for a bound quoted from the
    assistant's last answer ("6 points ou moins ?? mais j'ai jamais perdu autant" after the 48M's "quand le solde
    tombe à 6 points ou moins": the letter's threshold, no balance told; T50 c07)."""
    entities = (tracker.latest_message or {}).get("entities", [])
    counts = [e for e in entities if e.get("entity") in ("points", "number")]
    if len(counts) != 1 or counts[0].get("entity") != "points" or counts[0].get("role") \
            or any(e.get("entity") in ("offence_type", "speed_excess", "letter_code") for e in entities):
        return None
    if _bound_quoted_from_the_answer(tracker, counts[0]):
        return None
    return counts[0].get("value")


# "6 points ou moins", "8 points et plus", "au moins 6 points", "6 points maximum" (folded)
_BOUND_AFTER = re.compile(r"^\s*(?:ou|et|au|voire)\s+(?:moins|plus)\b|^\s*(?:maximum|minimum|max|mini)\b")
_BOUND_BEFORE = re.compile(r"\b(?:au moins|au plus|moins de|plus de|maximum|minimum)\s*$")


def _bound_quoted_from_the_answer(tracker: Tracker, count: dict) -> bool:
    """The count is said as a bound ("ou moins", "ou plus", "au moins") and repeats a count of the assistant's last
    messages: the user quotes the answer (a threshold, a ceiling), no balance of theirs."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    start, end = count.get("start"), count.get("end")
    if start is None or end is None:
        return False
    if not (_BOUND_AFTER.search(text[end:]) or _BOUND_BEFORE.search(text[:start])):
        return False
    said_last, seen_user = [], False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            said_last.append(fold(event.get("text") or ""))
    return any(re.search(rf"\b{count.get('value')} points?\b", said) for said in said_last)


# "le 8 et 9 décembre", "les 14-15 janvier", "du 30 au 31 mars", "le 30 novembre et le 1er décembre" (folded)
_TWO_DAYS = re.compile(r"(?:les?|du)?\s*(\d{1,2})(?:er)?\s*(?:[a-z]+\s+)?(?:et|-|au|&)\s*(?:le\s+)?(\d{1,2})(?:er)?\b")


def _two_days_in_a_row(said: str) -> bool:
    """Whether a date's words name two consecutive days (a stage's, R.223-5)."""
    found = _TWO_DAYS.match(said.strip())
    if not found:
        return False
    first, second = int(found.group(1)), int(found.group(2))
    return second == first + 1 or (second == 1 and first >= 28)


def stage_before_the_48n(tracker: Tracker, stage_day: Any) -> bool:
    """The stage day told (ISO day or month) ended before the 48N was received (its whole month, for a month)."""
    received = slot_values.partial_date_or_none(tracker.get_slot("letter_48n_date"))
    told = slot_values.partial_date_or_none(stage_day) if isinstance(stage_day, str) else None
    return received is not None and told is not None and told.latest() < received.earliest()


def letter_48n_received(tracker: Tracker) -> bool:
    """A 48N received, with its date ("je reçois une 48N le 20 novembre"): its stage is compulsory (R15, R17)."""
    letter = letter_named_in_message(tracker) or last_value(tracker, "letter_code")
    return tracker.get_slot("letter_48n_date") is not None and letter == "48N"


def letter_48m_received(tracker: Tracker) -> bool:
    """A lettre 48M told as received ("j'ai reçu une lettre 48M, il me reste 5 points"): the warning sent to a licence
    out of probation whose balance fell to 6 or below (R19, practice [U]), so the licence's ceiling is 12 whatever its
    date, which is then not asked (tester T35 c29 got "À quelle date avez-vous obtenu votre permis ?")."""
    for event in tracker.events:
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        if any(e.get("entity") == "letter_code" and e.get("value") == "48M" for e in entities) and \
                any(e.get("entity") == "letter_received" and e.get("value") is True for e in entities):
            return True
    return False


def probation_may_count(tracker: Tracker) -> bool:
    """Whether the licence may be probationary (`licence_may_be_probationary`), a lettre 48M received without the
    licence's date ruling it out (sent to a licence out of probation, R19, practice [U]): then the day of a stage in a
    month to come ("disons mi janvier") need not be asked for a probation's ceiling (R12; tester T56 c07 got "Quel jour
    de janvier 2027 ?" when no day changed the answer)."""
    if tracker.get_slot("licence_date") is None and tracker.get_slot("probationary") is not True and \
            letter_48m_received(tracker):
        return False
    return licence_may_be_probationary(tracker)


def stage_in_time_asked(tracker: Tracker) -> bool:
    """A 48N received with its date, a stage's day known, and the latest message asks whether that stage is in time ("j'ai
    trouvé un stage les 3 et 4 décembre, ça passe ?", "je veux savoir si le stage du 3 décembre est dans les temps !!"):
    the stage's last day against the deadline answers it (R15, R16), whatever the balance or the licence's date, which
    change only its points (tester T20 c24 got the balance and the licence's date asked, then "Je n'ai pas compris")."""
    return tracker.get_slot("stage_first_day") is not None and _asks_if_in_time_after_a_48n(tracker)


def _asks_if_in_time_after_a_48n(tracker: Tracker) -> bool:
    """A 48N received with its date, and the latest message asks whether something is in time, not how many points."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    return letter_48n_received(tracker) and bool(ASKS_IN_TIME.search(text)) \
        and not re.search(r"\bcombien\b|\bcb\b", text)


def stage_day_told_in_time_asked(tracker: Tracker) -> Optional[str]:
    """The stage's first day the latest message tells ("stage trouvé le 1er et 2 décembre"), when a 48N is received and
    the message asks whether that stage is in time ("48n reçue le 2 août. stage trouvé le 1er et 2 décembre. ça passe
    ?"): the question of `stage_in_time_asked`, in a message read as no question at all, whose stage the slot's mappings
    (kept for the stage questions) left out (tester T37 c33 got the deadline, never whether that stage meets it, R15).
    Also a stage moved ("le centre me le reporte au 12 et 13") or its day by its number ("donc le 12 c trop tard ?")
    after the 48N's answer. None otherwise, or when it is the stage's day already known."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not (letter_48n_received(tracker) and _STAGE_MOVED.search(text)) and not _asks_if_in_time_after_a_48n(tracker):
        return None
    received = tracker.get_slot("letter_48n_date")
    days = [e.get("value") for e in (tracker.latest_message or {}).get("entities") or []
            if e.get("entity") == "date" and e.get("role") == "stage" and isinstance(e.get("value"), str)
            and e["value"] >= received]
    bare = _BARE_STAGE_DAY.search(text)
    if not days and bare and tracker.get_slot("last_question") in ("action_answer_mandatory_stage",
                                                                     "action_answer_refund_48n"):
        # "et si le centre me le reporte au 12 et 13 ?", "donc le 12 c trop tard ou pas ??" after the 48N's deadline:
        # the stage's day by its number, the next one (the NLU reads the last 12th, or no date at all; T37 c15 got the
        # 4-5 December stage "encore dans le délai" again)
        days = [slot_values.next_day_numbered(int(bare.group(1)), today()).isoformat()]
    if days and _STAGE_ENDS.search(text):
        # "mon stage finit demain le 2 décembre": its second day, the first the day before (R.223-5)
        days = [(date.fromisoformat(days[0][:10]) - timedelta(days=1)).isoformat()] if len(days[0]) == 10 else []
    # (the stage already known asked again is `stage_in_time_asked`'s)
    return days[0] if days and days[0] != tracker.get_slot("stage_first_day") else None


# the stage's last day said: "il finit le 2", "se termine demain" (folded text)
_STAGE_ENDS = re.compile(r"\b(?:finit|finira|fini|termine|terminera|s'?\s?acheve)\b")


# a stage moved by its centre: "il me le reporte au 12", "décalé au 12 et 13", "repoussé" (folded text)
_STAGE_MOVED = re.compile(r"\b(?:report\w*|decal\w*|deplac\w*|repouss\w*)\b")
# a day said by its number alone, maybe with the next: "le 12", "au 12 et 13", "le 12-13" (no month after it)
# ("le 27 et 28 février" names its month: not a bare day, whichever of its days is read)
_BARE_STAGE_DAY = re.compile(r"\b(?:le|au|du|les)\s+(\d{1,2})(?:er)?(?:\s*(?:et|-|au)\s*(?:le\s+)?\d{1,2}(?:er)?)?\b"
                             r"(?!\s*(?:(?:et|-|au)\s*(?:le\s+)?\d|[/.]\s*\d|janv|fev|mars|avr|mai|juin|juil|aout|sept|oct"
                             r"|nov|dec|points?|pts?|km|h\b|€|euros?|mois|ans?\b|jours?|semaines?|fois))")


def no_48n_possible(tracker: Tracker) -> bool:
    """No 48N in this conversation and a licence known to be out of probation: its stages are voluntary, and
    only the 48N stage refunds the fine (R15, R16)."""
    letter = letter_named_in_message(tracker) or last_value(tracker, "letter_code")
    return tracker.get_slot("licence_date") is not None and not licence_may_be_probationary(tracker) \
        and tracker.get_slot("letter_48n_date") is None and letter != "48N"


# "stage volontaire", "de moi-même", "pas eu de 48N", "sans lettre 48N": a voluntary stage (cas 1)
_VOLUNTARY_STAGE = re.compile(r"\bstages? volontaires?\b|\bvolontairement\b|\bde moi-?meme\b|\bde mon plein gre\b"
                              r"|\bpas (?:eu|recu|de) (?:de |la )?(?:lettre )?48 ?n\b|\bsans (?:lettre )?48 ?n\b"
                              r"|\bjamais (?:eu|recu) (?:de |la )?(?:lettre )?48 ?n\b")


def voluntary_stage_said(tracker: Tracker) -> bool:
    """The latest message says the stage is a voluntary one and no 48N was received: it never refunds the fine (R16;
    T4 m029)."""
    return latest_text_says(tracker, _VOLUNTARY_STAGE) and tracker.get_slot("letter_48n_date") is None


def letter_48si_not_received_said(tracker: Tracker) -> bool:
    """A message of the conversation said the 48SI has not come ("pas encore reçu de lettre 48SI"), and none said
    since that it has."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        codes = {str(e.get("value")).upper() for e in entities if e.get("entity") == "letter_code"}
        received = [e.get("value") for e in entities if e.get("entity") == "letter_received"]
        if _supposes_48si_to_come(event):
            continue  # "si la 48SI arrive le 10 décembre": supposed, to come (R18; T16 c12)
        if "48SI" in codes and received:
            return received[-1] is False
    return False


def invalidation_supposed_on(tracker: Tracker) -> Optional[date]:
    """The day the latest message supposes the 48SI presented or received, still to come ("et si la 48SI lui est
    présentée le 10 décembre ?", "si je reçois la 48SI le 10"): it would be notified that day, even not collected
    (CE 17/04/2025 n° 492072, R18; tester T16 c12). None without such a day."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    if not users:
        return None
    entities = (users[-1].get("parse_data") or {}).get("entities", [])
    codes = {str(e.get("value")).upper().replace(" ", "") for e in entities if e.get("entity") == "letter_code"}
    if "48SI" not in codes and str(tracker.get_slot("letter_code") or "").upper().replace(" ", "") != "48SI":
        return None
    text = users[-1].get("text") or ""
    ahead = [day for day in (_supposed_day(e, text) for e in entities
                             if e.get("entity") == "date" and e.get("role") == "letter_48n") if day and day > today()]
    return ahead[0] if ahead and _supposes_48si_to_come(users[-1]) else None


# "avant mars", "d'ici février": a letter supposed to come before that month (folded text right before the month)
_BEFORE_THE_MONTH = re.compile(r"\b(?:avant|d'ici|d'?\s?ici|au plus tard)\s+(?:(?:le\s+)?(?:mois\s+)?(?:de\s+|d')?)?$")


def _supposed_day(entity: Dict[str, Any], text: str) -> Optional[date]:
    """The day a letter supposed to come stands for: the day said; for a month ("et si la 48SI arrive en février ?"),
    its 1st, the earliest it may be presented (the worst case for a stage that must end before it, R18); "avant
    mars": the day before the month, the latest it may be (tester T53 c23 got "la réception de la lettre ne peut pas
    être dans le futur" for "et si la 48SI arrive avant mars ?")."""
    day = _entity_day(entity)
    if day is not None:
        return day
    month = slot_values.partial_date_or_none(entity.get("value"))
    if month is None or month.precision != "month":
        return None
    start = entity.get("start")
    before = fold(text[:start]) if isinstance(start, int) else ""
    return month.earliest() - timedelta(days=1) if _BEFORE_THE_MONTH.search(before) else month.earliest()


# "si la 48SI arrive…", "s'il la reçoit…", "et si elle lui est présentée…": a supposition (folded text)
_SUPPOSITION = re.compile(r"\bs(?:i\s|')")


def _supposes_48si_to_come(event: Dict[str, Any]) -> bool:
    """A message supposing a letter presented or received on a day to come ("et si la 48SI lui est présentée le 10
    décembre ?"), not one telling it received ("j'ai signé le recommandé 48SI le 25/11")."""
    entities = (event.get("parse_data") or {}).get("entities", [])
    return bool(_SUPPOSITION.search(fold(event.get("text") or ""))) and any(
        e.get("entity") == "date" and e.get("role") == "letter_48n"
        and (_supposed_day(e, event.get("text") or "") or date.min) > today() for e in entities)


def _entity_day(entity: Dict[str, Any]) -> Optional[date]:
    try:
        return date.fromisoformat(str(entity.get("value"))[:10])
    except ValueError:
        return None


def invalidation_notified(tracker: Tracker) -> bool:
    """The licence is invalidated ("permis invalidé"), or its 48SI received ("j'ai signé le recommandé 48SI",
    "48SI reçue le 25/11"): from then on no stage gives points (R14, R18)."""
    if letter_48si_not_received_said(tracker):
        return False  # "j'ai pas encore reçu de 48SI": the licence is still valid (R18), whatever the NLU read
    users = [event for event in tracker.events if event.get("event") == "user"]
    if invalidation_supposed_on(tracker) is not None and not any(_48si_received_in(event) for event in users[:-1]):
        return False  # "et si la 48SI arrive le 10 décembre ?": supposed, to come (R18)
    if tracker.get_slot("licence_status") == "invalidated":
        return True
    if conversation_letter(tracker) == "48SI" and tracker.get_slot("letter_48n_date") is not None:
        return True  # "bjr 48 si", then "reçu le 28/11" (letter_receipt_told; T23 c30)
    # any message of the conversation: "48SI notifiée le 12/05/2026, j'ai fait un stage le 20/05" then, questions
    # later, the stage's points (R14 example 1)
    return any(_48si_received_in(event) for event in tracker.events if event.get("event") == "user")


#: a receipt said of something other than the letter ("reçu l'avis le 3", "reçu l'amende le 28/11")
_OTHER_THING_RECEIVED = re.compile(r"\b(?:avis|amende|pv|contravention|proces-verbal|convocation|titre|relance)\b")


def conversation_letter(tracker: Tracker) -> str:
    """The letter of the conversation ("48SI"): the one in the slot, else the last one explained (the letter's answer
    lets its code go); "" when none."""
    return str(tracker.get_slot("letter_code") or last_value(tracker, "letter_code") or "").upper().replace(" ", "")


# "je l'ai eu le 20 novembre", "on l'a reçue hier", "je l'ai récupérée à la poste le 5" (folded): a thing received,
# the letter just explained when nothing else is named
_GOT_IT = re.compile(r"\b(?:je|j|on|il|elle)\s*l'?\s?(?:ai|a|avais|avait)\s+(?:eue?|recue?|recuperee?|signee?|retiree?)\b")


def letter_48n_receipt_answered(tracker: Tracker) -> bool:
    """Whether the latest message tells the day the 48N just explained was received ("je l'ai eu le 20 novembre, j'ai
    jusqu'à quand ?"), whatever question the NLU read in it: the question is that letter's deadline (R15), not the
    probation's (tester T58 c05 was asked the AAC, then told "cette date est antérieure à l'obtention du permis")."""
    if conversation_letter(tracker) != "48N":
        return False
    if letter_receipt_told(tracker) is not None:
        return True
    told = tracker.get_slot("letter_48n_date")
    return told is not None and tracker.get_slot("last_question") == "action_answer_letter" and \
        last_value_before_message("letter_48n_date", tracker) is None and any(
            e.get("entity") == "date" and e.get("value") == told and not e.get("role")
            for e in (tracker.latest_message or {}).get("entities", []))


def letter_receipt_told(tracker: Tracker) -> Optional[str]:
    """The day (ISO) the latest message says the letter just explained was received, told without naming it again
    ("reçu le 28/11, permis depuis 2019" after "48 si"; "je l'ai reçu le 28 novembre" about it): its one past day
    said without a role, with the receipt said. The 48SI's 10 days (R19, R20) and the 48N's 4 months (R15) run from
    it; tester T23 c30 gave it twice, never used. None when the message names another letter or another thing
    received, or the slot already holds a day."""
    if tracker.get_slot("letter_48n_date") is not None or \
            tracker.get_slot("last_question") not in ("action_answer_letter", "action_answer_zero_points"):
        return None
    letter = conversation_letter(tracker)
    entities = (tracker.latest_message or {}).get("entities", [])
    named = {str(e.get("value")).upper().replace(" ", "") for e in entities if e.get("entity") == "letter_code"}
    text = fold((tracker.latest_message or {}).get("text") or "")
    if letter not in ("48N", "48SI") or named - {letter} or \
            not (any(e.get("entity") == "letter_received" and e.get("value") is True for e in entities)
                 or _GOT_IT.search(text)) or _OTHER_THING_RECEIVED.search(text):
        # ("je l'ai eu le 20 novembre, j'ai jusqu'à quand ?" after what a 48N is: the letter's day, T58 c05 took it
        # for the licence's and asked the AAC, then "cette date est antérieure à l'obtention du permis")
        return None
    days = {str(e.get("value")) for e in entities if e.get("entity") == "date" and e.get("role") is None
            and len(str(e.get("value"))) == 10 and (_entity_day(e) or date.max) <= today()}
    return days.pop() if len(days) == 1 else None


def _48si_received_in(event: Dict[str, Any]) -> bool:
    entities = (event.get("parse_data") or {}).get("entities", [])
    codes = {str(e.get("value")).upper().replace(" ", "") for e in entities if e.get("entity") == "letter_code"}
    if codes != {"48SI"} or any(e.get("entity") == "letter_received" and e.get("value") is False for e in entities):
        return False
    if any(e.get("entity") == "letter_received" and e.get("value") == "presented" for e in entities):
        return True  # "pas récupéré la 48SI à la poste": notified all the same (CE 17/04/2025, R18)
    if _supposes_48si_to_come(event):
        return False  # "si la 48SI arrive le 10 décembre": supposed, not received (R18; T16 c12)
    dated = any(e.get("entity") == "date" and e.get("role") == "letter_48n" for e in entities)
    return dated or bool(_48SI_RECEIVED.search(fold(event.get("text") or "")))


# "j'ai reçu / signé / eu la 48SI": received, not feared ("si je reçois une 48SI")
_48SI_RECEIVED = re.compile(r"\b(?:recu|recue|signe|eu|ai la|ai une|ouvert|retire)\b[^.!?]{0,40}\b48\s?si\b"
                            r"|\b48\s?si\s+(?:recue?|notifiee?|signee?|arrivee?)\b")


def probation_said(tracker: Tracker) -> Optional[bool]:
    """Whether the licence is probationary: from its date when known, else as the user said it ("jeune
    conducteur", "en probatoire", its year of probation, or a 48N, which only a probationary licence receives, R15)."""
    if tracker.get_slot("licence_date"):
        return licence_may_be_probationary(tracker)
    if tracker.get_slot("probationary") is not None:
        return bool(tracker.get_slot("probationary"))
    if tracker.get_slot("probation_year") is not None:
        return True  # "en 1ère année j'ai 6 points" (R5; T18's replay of T17 c13)
    return True if letter_named_in_message(tracker) == "48N" else None


# "la 48N c'est pour qui ?", "qui reçoit une 48N ?", "elle concerne qui ?", "c'est quoi une 48N ?": the letter asked
# about, no receipt of one told (folded text)
_ASKS_WHO_OR_WHAT = re.compile(r"\bpour qui\b|\bqui (?:la |le |l'|les )?(?:recoit|recoivent|envoie|a |ont |concerne)"
                               r"|\bconcerne qui\b|\bc'?\s?est (?:quoi|koi)\b|\bc (?:quoi|koi)\b|\bsert a (?:quoi|koi)\b"
                               r"|\bqu'?\s?est[- ]?ce (?:que|qu)|\bquand (?:est-ce qu')?on (?:la |le )?recoit\b")


def letter_48n_asked_in_general(tracker: Tracker) -> bool:
    """"et la 48N c'est pour qui ?" after what a 48M and a 48 are: what the letter is and who gets it (R15, R19), a
    question that tells no fact of the user's (no letter received, no day, no offence): its deadline's form does not
    ask the day of a receipt the user never spoke of (T13 c14)."""
    entities = (tracker.latest_message or {}).get("entities", [])
    return letter_named_in_message(tracker) == "48N" and tracker.get_slot("letter_48n_date") is None and \
        all(e.get("entity") == "letter_code" for e in entities) and latest_text_says(tracker, _ASKS_WHO_OR_WHAT)


class ValidateMandatoryStageForm(FactsValidation):
    asks_stage_day = False

    def name(self) -> Text:
        return "validate_mandatory_stage_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if letter_48n_asked_in_general(tracker):
            return []  # what the 48N is and who gets it: nothing to ask (T13 c14)
        letter = letter_in_question(tracker)
        if letter in set(LETTER_CODES) - {"48N"}:
            return []  # R19: only the 48N makes a stage compulsory; the answer says what that letter is
        if which_letter_asked(tracker):
            # the letter the retrait brings (R19): no 48N date to ask, but the retrait's offence when its points
            # are not told ("j'ai 8 points, quelle lettre je vais recevoir ?")
            return [] if letter_to_come_known(tracker) else ["offence_type"]
        if voluntary_stage_in_context(tracker):
            return []  # "et si je le fais demain ça marche ?" after a voluntary stage's answer: that question again
        if voluntary_before_letter_day(tracker) is not None:
            return []  # the compulsory stage after a voluntary one, the 48N still to come: no date to ask (R17)
        if asks_whether_48n_comes(tracker):
            return []  # the answer is the offence's (R15)
        if tracker.get_slot("letter_48n_date") is None and letter_48n_due_answer(tracker):
            # "la lettre 48N, il aurait dû la recevoir ou pas ?" after "il a pas reçu de lettre 48N": whether it is due,
            # not its date of receipt asked (R15; tester T38 c02)
            return []
        if tracker.get_slot("letter_48n_date") is None and (retraits_told_without_48n(tracker) or (
                letter_not_received(tracker) and letter in (None, "48N"))):
            # "deux amendes, une de 1 point et une de 2 points, stage obligatoire ?", "j'ai pas reçu de lettre 48N":
            # no date to ask, the retraits say whether a 48N comes (R15; tester T4 m042: the date asked in a loop)
            return []
        if tracker.get_slot("letter_48n_date") is None:
            # "je vais recevoir une 48N ?", "mon fils va recevoir une lettre ?": a letter to come, not received
            to_come = latest_text_says(tracker, LETTER_48N_TO_COME) or (letter is None and asks_letter_to_come(tracker))
            if tracker.get_slot("offence_type") and (to_come or letter != "48N"):
                return []  # "je vais recevoir une 48N ?" then "téléphone": that offence's answer (R15)
            if to_come and (tracker.get_slot("last_offence_points") is not None or (
                    tracker.get_slot("licence_date") and not licence_may_be_probationary(tracker))):
                # "et il va recevoir une 48N ?" right after the offence's answer (its points kept), or with a licence
                # out of probation: no offence to ask again, the answer says whether one comes (R15; tester T37 c06
                # was asked "Quelle infraction ?" again, and never told the probation had ended)
                return []
            if to_come:
                return ["offence_type"]  # whether a 48N will come depends on the offence: ask it, not a date
            if letter != "48N" and tracker.get_slot("licence_date") and not licence_may_be_probationary(tracker):
                return []  # "permis depuis 2001, je dois faire un stage obligatoire ?": no 48N after probation
        return _without(domain_slots, "stage_first_day")  # the deadline does not need it; said, it is checked


# "taux d'alcool autorisé en probatoire", "je peux boire combien ?", "alcoolémie max jeune conducteur", "combien de
# verres" (folded text); not a level told ("contrôlé à 0,3 g")
_ALCOHOL_LIMIT = re.compile(
    r"\b(?:taux|limite|seuil|max\w*)\b[^.?!]{0,25}\b(?:d'?\s?alcool\w*|alcool\w*)"
    r"|\balcool\w*\b[^.?!]{0,25}\b(?:autorise\w*|permis\b(?! probatoire)|max\w*|legal\w*|limite|tolere\w*)"
    r"|\b(?:peux|peut|puis|droit de|autorise\w* a)(?:[- ]je)?\s+boire\b|\bboire combien\b|\bcombien de verres?\b")
_ALCOHOL_LEVEL = re.compile(r"\d\s*(?:[,.]\s*\d+)?\s*(?:g\b|mg\b|gramme)")


def asks_alcohol_limit(tracker: Tracker) -> bool:
    """The latest message asks the alcohol level allowed (R4, R.234-1), with no level of the user's told."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    return bool(_ALCOHOL_LIMIT.search(text)) and not _ALCOHOL_LEVEL.search(text)


def retraits_told_without_48n(tracker: Tracker) -> List[int]:
    """The points of the retraits the user told ("une de 1 point et une de 2 points", "perdu 2 points en mars"), in
    the conversation's messages, when no 48N was said received: they say whether one comes (R15). [] otherwise."""
    if letter_48n_received(tracker) or any(value is True for value in message_values(tracker, "letter_received")):
        return []
    for event in reversed(tracker.events):
        if event.get("event") != "user" or hypothetical_message(event):
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        told = [int(e.get("value")) for e in entities if e.get("entity") == "points" and e.get("role") in (None, "lost")
                and isinstance(e.get("value"), (int, float)) and 1 <= e.get("value") <= 12]
        if told and not any(e.get("entity") == "offence_type" for e in entities):
            return told
    # "1 point perdu : excès commis le 2 février 2026, payé le 15 février. Puis 2 points : excès de 22 km/h …": the
    # retraits of the story told with their offences (T35 c20 got the 48N's receipt date asked, then "le délai … ne
    # courra qu'à partir de sa réception", though neither retrait reaches 3 points); a retrait that reaches them leaves
    # the letter's date to ask, for its deadline
    from actions.offence_history import told_retraits
    story = [retrait.points for retrait in told_retraits(tracker)]
    threshold = load_params().at(today()).value("letter_48n.min_points")
    return story if story and None not in story and max(story) < threshold else []


def asks_whether_48n_comes_after_retraits(tracker: Tracker) -> bool:
    """"j'ai perdu 2 points en probatoire, je vais recevoir une 48N ?": whether the letter comes, from the offence or
    the retraits told (R15), not what a 48N is."""
    if not latest_text_says(tracker, LETTER_48N_TO_COME) or letter_in_question(tracker) not in (None, "48N"):
        return False
    return asks_whether_48n_comes(tracker) or bool(retraits_told_without_48n(tracker))


# "et si je fais quand même le volontaire maintenant, le stage obligatoire de la 48N après il me redonnera des
# points ?", "j'ai fait un stage volontaire, le stage obligatoire me rendra des points ?" (folded text)
_VOLUNTARY_WORD = re.compile(r"\bvolontaire\b")
_COMPULSORY_STAGE = re.compile(r"\bobligatoire\b|\b48 ?n\b")
_ASKS_POINTS_BACK = re.compile(r"\bpoints?\b|\b(?:re)?(?:donn|rend|recup)\w*")


# "et si je fais le stage avant d'avoir la lettre ?", "je fais un stage maintenant ou j'attends la 48N ?", "un stage
# sans attendre le courrier ?": a stage before the 48N to come (R14; tester T11 c13)
STAGE_BEFORE_LETTER = re.compile(
    r"\bstages?\b[^?]{0,40}\bavant\b[^?]{0,30}\b(?:lettre|48\s?n|courrier|recommande)\b"
    r"|\b(?:sans|avant de|avant d'?)\s*(?:attendre|avoir|recevoir)\b[^?]{0,25}\b(?:lettre|48\s?n|courrier|recommande)\b"
    r"[^?]{0,40}\bstages?\b|\bstages?\b[^?]{0,40}\b(?:sans|avant de|avant d'?)\s*(?:attendre|avoir|recevoir)\b[^?]{0,25}"
    r"\b(?:lettre|48\s?n|courrier|recommande)\b|\bstages?\b[^?]{0,50}\bou\s+(?:j'?\s?|je\s+)?attend\w*\s+(?:la\s+|le\s+)?"
    r"(?:lettre|48\s?n|courrier|recommande)\b")


def stage_before_the_letter_asked(tracker: Tracker) -> bool:
    """"et si je fais le stage avant d'avoir la lettre ?" with a 48N to come (named, or announced by the last answer)
    and not received: a voluntary stage before it, whose answer is to wait for the letter (R14, R17)."""
    if tracker.get_slot("letter_48n_date") is not None or not latest_text_says(tracker, STAGE_BEFORE_LETTER):
        return False
    from actions.follow_ups import last_bot_text  # (the follow-ups read this module)
    return letter_48n_said(tracker) or "48N" in last_bot_text(tracker)


def voluntary_before_letter_day(tracker: Tracker) -> Optional[date]:
    """The first day of a voluntary stage the latest message tells before a 48N not received yet, when it asks whether
    the compulsory stage after the letter gives points too (R14, R17; tester T7 c40), or whether to take a stage
    before the letter (stage_before_the_letter_asked; T11 c13): the stage day it tells, else today ("maintenant").
    None otherwise."""
    if tracker.get_slot("letter_48n_date") is not None or not (all(
            latest_text_says(tracker, pattern) for pattern in (_VOLUNTARY_WORD, _COMPULSORY_STAGE, _ASKS_POINTS_BACK))
            or stage_before_the_letter_asked(tracker)):
        return None
    days = [partial for partial in (FactsValidation._partial(e.get("value"))
                                    for e in (tracker.latest_message or {}).get("entities", [])
                                    if e.get("entity") == "date" and isinstance(e.get("value"), str))
            if partial is not None and partial.precision == "day"]
    return days[0].earliest() if len(days) == 1 else today()


def voluntary_stage_in_context(tracker: Tracker) -> bool:
    """The last answer was about a voluntary stage and no 48N was ever mentioned: a stage question read as the
    compulsory stage's ("et si je le fais demain ça marche ?") goes on with that voluntary stage."""
    if answer_before(tracker) not in ("action_answer_stage_eligibility", "action_answer_points_after_stage"):
        return False
    return not letter_48n_said(tracker) and tracker.get_slot("letter_48n_date") is None


def court_stage_question(tracker: Tracker, form: Optional[str]) -> bool:
    """The question is about a stage the prosecutor proposed or a judge imposed, which answers it by itself
    (R11): named in the latest message, for a stage or offence question, or a compulsory stage's when no 48N
    was ever said ("le juge m'oblige à faire un stage, j'ai combien de temps ?")."""
    if not court_stage_kind(tracker):
        return False
    return form in COURT_STAGE_FORMS or (form == "mandatory_stage_form" and not letter_48n_said(tracker))


# "quelle lettre je vais recevoir ?", "je vais recevoir un courrier ?", "c'est quelle lettre qui arrive ?": the letter
# a retrait brings (R19), not one received
_ASKS_LETTER_TO_COME = re.compile(
    r"\bquel(?:le)?s?\s+(?:lettre|courrier|recommande)s?\b"
    r"|\b(?:vais|va|vont|aurai|aura|aurais|recevrai|recevrais|recevoir|risque|risques|dois)\b[^.!?]{0,25}"
    r"\b(?:lettre|courrier|recommande)s?\b"
    r"|\b(?:lettre|courrier|recommande)s?\b[^.!?]{0,30}\b(?:vais|va|vont|recevrai|recevoir|arriver|arrivera|"
    r"envoyer|envoyee?)\b")


# Messages that answer the form's question rather than ask one
ANSWER_INTENTS = ("inform", "affirm", "deny", "dont_know")
#: "je ne sais pas" to these questions: the prudent case counted, and said (the longer probation, the slower increments)
ASSUMED_NOT_WHEN_UNKNOWN = {
    "supervised_driving": "Pas de souci : je compte sans conduite accompagnée (AAC), le cas le plus prudent (période "
                          "probatoire de 3 ans). Si c'était le cas, dites-le-moi : je referai le calcul.",
    "complementary_training": "Pas de souci : je compte sans formation complémentaire, le cas le plus prudent. Si elle "
                              "a été suivie, dites-le-moi : je referai le calcul.",
}


# points asked about by the year of their offence: "les 3 points de 2016 sont revenus ?", "et ceux de 2016 ?", "mes
# points de 2016 je les récupère ?" (folded)
_POINTS_OF_A_YEAR = re.compile(r"\b(?:points?|pts?|ceux|celui|celle|ceux-la)\s+(?:(?:du|de l'?|d'?)\s*\w+\s+)?"
                               r"(?:de|d'|en)\s*((?:19|20)\d\d)\b")


def payment_of_the_year_asked(tracker: Tracker, value: Any) -> Optional[str]:
    """"un téléphone payé le 10 mai 2016, et depuis plein de petites amendes, dernière payée en juin 2026. les 3 points
    de 2016 sont revenus ?": the payment of the offence whose points the question names by its year, told in the same
    message before it, rather than `value`, the last payment told (tester T61 c30 got the day of June 2026 asked, then
    the 2016 points dated by it: 'payée le 20 juin 2016'; R10: 10 May 2016 gives 10 May 2026). None otherwise."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    sentence = asked_sentence(text)
    asked = _POINTS_OF_A_YEAR.search(fold(sentence))
    start = text.rfind(sentence)
    if asked is None or start < 0 or str(value or "").startswith(asked.group(1)):
        return None
    paid = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == "date"
            and e.get("role") == "payment" and (e.get("end") or 0) <= start
            and str(e.get("value") or "").startswith(asked.group(1) + "-")]
    return paid[0] if len(paid) == 1 else None


def question_text(tracker: Tracker) -> str:
    """The latest message, or, when it answers a question of the form ("un feu rouge"), the question it answers."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if ((event.get("parse_data") or {}).get("intent") or {}).get("name") not in ANSWER_INTENTS:
                return event.get("text") or ""
    return (tracker.latest_message or {}).get("text") or ""


def asks_letter_to_come(tracker: Tracker) -> bool:
    """The question asks which letter will come, without naming one ("quelle lettre je vais recevoir ?"), or naming
    the ones it hesitates between ("il va recevoir quelle lettre, une 48N ou une 48SI ?"), in the latest message or in
    the question the latest message answers."""
    asked = question_text(tracker)
    if letters_offered_as_a_choice(tracker):
        return bool(_ASKS_LETTER_TO_COME.search(fold(asked)) or _TO_COME.search(fold(asked)))
    return bool(_ASKS_LETTER_TO_COME.search(fold(asked)) or asks_which_letter_comes(asked_sentence(asked))) \
        and not letters_named_in_message(tracker)


# "je vais recevoir une 48N ou une 48SI ?", "ce sera une 48N ou une 48SI ?", "laquelle il aura ?" (folded text)
_TO_COME = re.compile(r"\b(?:recev\w*|recoi\w*|aur(?:a|ai|ais|ait|ont)|arriv\w*|envoy\w*|vais|va|vont|sera|serait"
                      r"|laquelle|lequel)\b")


# "une 48N ou une 48SI", "48N ou bien 48SI" (folded text): two letters, one of which is asked to come
_LETTERS_AS_A_CHOICE = re.compile(r"\b48\s?(?:n|si|m)?\b\s*,?\s+ou\s+(?:bien\s+)?(?:une\s+|la\s+|plutot\s+)?"
                                  r"(?:lettre\s+)?48\s?(?:n|si|m)?\b")
# "c'est quoi la différence entre une 48N ou une 48SI ?": their meanings asked, not which comes
LETTER_MEANING_ASKED = _MEANINGS_ASKED = re.compile(r"\bdifferen\w*|\bveut dire\b|\bveulent dire\b|\bsignifi\w*|\bc'?\s?est (?:quoi|koi)\b|\bc koi\b"
                                                   r"|\bqu'?\s?est[- ]ce (?:que|qu'?)\s?(?:c'?\s?est|une?)\b|\bkezako\b")


def letters_offered_as_a_choice(tracker: Tracker) -> bool:
    """The latest message names two letters as the choice of the one to come ("une 48N ou une 48SI ?"), not their
    meanings (R19)."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    return len(letters_named_in_message(tracker)) > 1 and bool(_LETTERS_AS_A_CHOICE.search(text)) and \
        not _MEANINGS_ASKED.search(text)


def which_letter_asked(tracker: Tracker) -> bool:
    """"j'avais 8 points, j'en perds 3, je vais recevoir quelle lettre ? je suis obligé de faire un stage ?" with no
    48N said: the letter the retrait brings (R19), not a 48N's deadline. Asked in those words, in probation too
    (the letter is then a 48N after an offence of 3 points or more, R15); otherwise only out of probation."""
    if letter_48n_said(tracker) and not letters_offered_as_a_choice(tracker):
        return False  # (not "une 48N ou une 48SI ?": the one that comes asked, t59-c19)
    from actions.offence_history import told_retraits
    if asks_letter_to_come(tracker) and len(told_retraits(tracker)) > 1:
        return True  # "feu rouge le 10 octobre et téléphone le 25 octobre", then "quelle lettre je vais recevoir ?" (R19)
    if tracker.get_slot("current_balance") is None:
        # a young licence's balance before its first retrait is its probationary ceiling (R5): "permis obtenu le
        # 17/03/2026, arrêté au téléphone le 2 octobre, je vais recevoir quoi comme courrier ?" (T10 c12)
        return asks_letter_to_come(tracker) and bool(tracker.get_slot("licence_date")) \
            and licence_may_be_probationary(tracker)
    if asks_letter_to_come(tracker):
        return True
    return probation_said(tracker) is not True and \
        bool(tracker.get_slot("last_offence_points") or message_values(tracker, "points"))


def offence_of_the_story(tracker: Tracker) -> Optional[str]:
    """The offence told: its slot, or the one the last answer was about (the offence's answer clears its slot)."""
    return tracker.get_slot("offence_type") or (last_value(tracker, "offence_type") if answer_before(tracker) ==
                                                "action_answer_offence_points" else None)


def retrait_told(tracker: Tracker, today_: date) -> Optional[int]:
    """The points of the retrait the user told: said ("je vais perdre 4 points"), or its offence's (R4), also when
    the offence's answer came before ("téléphone et pas de ceinture, j'avais 12", then "je vais recevoir une lettre
    ?": the offences of that answer, T13 c11)."""
    lost = tracker.get_slot("last_offence_points") or next(
        (e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
         if e.get("entity") == "points" and e.get("role") == "lost"), None)
    offence = offence_of_the_story(tracker)
    if lost:
        # ("une amende de 4 points pour 145 sur autoroute à 110": 35 km/h over withdraw 3, T61 c11)
        return speeding_scale_below_the_count_told(tracker, int(lost)) or int(lost)
    if not offence:
        return None
    together = own_offences_points(tracker)
    if together:
        # "flashé deux fois, à 130 au lieu de 110 et au feu rouge": both offences, not only the last named (R3)
        return together
    # the offence's points by the barème, from its speeds for an excess ("+35 sur l'autoroute": 3 points), and from
    # an alcohol level told with the probation of its day (0,3 g/l after the probation costs none, R4; tester T61 c29
    # had 6 points taken: "il vous reste 4 points (10 − 6)")
    return offence_scale(offence, tracker.slots,
                         alcohol=alcohol_level_scale(tracker, offence, tracker.slots)).get("last_offence_points")


def speeding_scale_below_the_count_told(tracker: Tracker, lost: int) -> Optional[int]:
    """"je dois payer une amende de 4 points (flashé à 145 sur autoroute à 110)": the points the scale gives for the
    speeds told with that count, when fewer (R4: 35 km/h over withdraw 3 points, read as the retained speed, the most
    it can be; the radar's margin only lowers it): a count that cannot be gives way to the scale. None otherwise."""
    from actions.offence_history import SPEED_ARGUMENTS
    told = [r for r in told_retraits(tracker) if r.points == lost]
    if not told or told[-1].offence_type != "speeding" or not told[-1].speeds:
        return None
    speeds = dict(told[-1].speeds)
    known = {slot: speeds.get(argument) for slot, argument in SPEED_ARGUMENTS.items()}
    points = offence_scale("speeding", {**known, "offence_date": told[-1].committed_date}).get("last_offence_points")
    return points if isinstance(points, int) and 0 < points < lost else None


def speeding_count_corrected_note(told: int, counted: int, excess: Optional[int]) -> str:
    """What the answer says when it counts the scale's points instead of the count told (R4)."""
    from rules_core.wording_fr import points_fr
    return (f"Vous m'avez indiqué {points_fr(told)} pour cet excès de vitesse, mais "
            + (f"un excès de {excess} km/h" if excess else "cet excès") + f" en retire au plus {points_fr(counted)} "
            f"selon le barème (article R.413-14 du Code de la route) : j'ai compté {points_fr(counted)}. Si votre avis "
            "de contravention en indique d'autres, dites-le-moi.")


def letter_to_come_known(tracker: Tracker) -> bool:
    """Which letter a retrait brings is asked and can be answered: the balance and the retrait are known (R19)."""
    return which_letter_asked(tracker) and bool(retrait_told(tracker, today()))


def asks_refund_steps(tracker: Tracker) -> bool:
    """The steps of the refund, or when to send its request ("faut envoyer la demande quand ?": 15 days after the
    stage, R16), asked."""
    return latest_text_says(tracker, ASKS_REFUND_STEPS) or latest_text_says(tracker, ASKS_REFUND_REQUEST_WHEN)


# "jamais payé l'amende", "je l'ai pas réglée", "impayée"; "elle est passée en majorée", "titre exécutoire"
_FINE_UNPAID = re.compile(
    r"\b(?:pas|jamais|non|rien)\s+(?:encore\s+|du tout\s+)?(?:paye|payee|payes|regle|reglee)\b"
    r"|\bimpayee?s?\b|\bpas\s+(?:encore\s+)?(?:pu\s+)?(?:la\s+|l')?(?:payer|regler)\b")
_FINE_MAJOREE = re.compile(r"\bmajor(?:ee|ees|e|ation)\b|\btitre\s+executoire\b")
_FINE_PAID = re.compile(r"\b(?:paye|payee|regle|reglee)\b")


def fine_status_said(tracker: Tracker) -> Optional[str]:
    """What the conversation says of the fine of the 48N's offence (R16): ``unpaid``, ``majoree`` (the majorée,
    titre exécutoire issued, not paid) or ``paid``; None when it says nothing. A majorée said without a payment
    is taken as not paid: it is issued for want of payment (R2 example 2)."""
    majoree_named = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = fold(event.get("text") or "")
        unpaid, majoree = bool(_FINE_UNPAID.search(text)), bool(_FINE_MAJOREE.search(text))
        if majoree and not unpaid and not _FINE_PAID.search(text) and majoree_paid_said(tracker):
            # "non je parle du remboursement de l'amende, 375 euros majorée" after "j'ai payé l'amende majorée 375 €":
            # the majorée named again is the one said paid, not one left unpaid (R16; T37 c24 got "l'amende n'a pas
            # été payée")
            majoree_named = True
            continue
        if majoree and (unpaid or not _FINE_PAID.search(text)):
            return "majoree"
        if unpaid:
            return "unpaid"
        if majoree or re.search(r"\bamende\b[^.?!]{0,30}\b(?:paye|payee|reglee?)\b|\b(?:paye|regle)\s+"
                                r"(?:l'amende|la contravention|le pv|mon amende)\b", text):
            return "paid"
    return "paid" if majoree_named else None


def majoree_paid_said(tracker: Tracker) -> bool:
    """A message of the conversation says the fine was paid at its majorée rate ("j'ai payé l'amende majorée 375 €",
    "réglé la majorée"): paid, so refunded after the 48N stage, in principle without its majoration (R16 [S/U])."""
    for event in tracker.events:
        text = fold(event.get("text") or "") if event.get("event") == "user" else ""
        if _FINE_MAJOREE.search(text) and _FINE_PAID.search(text) and not _FINE_UNPAID.search(text):
            return True
    return False


class ValidateRefund48nForm(FactsValidation):
    def name(self) -> Text:
        return "validate_refund_48n_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if asks_refund_steps(tracker) and any(tracker.get_slot(slot) is None for slot in domain_slots):
            return []  # the steps first; the dates only say whether the stage is in time (R16)
        if no_48n_possible(tracker) or voluntary_stage_said(tracker):
            return []  # a licence out of probation has no 48N, a voluntary stage no refund (R16): the answer says so
        if tracker.get_slot("letter_48n_date") is None and letter_not_received(tracker):
            # "elle l'a pas encore reçue" to the 48N's date: no date to ask, the answer comes without it (R15, R16;
            # T43 c06 got the same question again after "D'accord, la lettre 48N n'est pas encore arrivée")
            return []
        if tracker.get_slot("stage_first_day") is None and (
                value_before_message("letter_48n_date", tracker) is not None
                or (tracker.get_slot("letter_48n_date") is not None and refund_deadline_asked(tracker))):
            # "et je serai remboursé ?" after the 48N's date, "48N reçue le 2 octobre, j'ai jusqu'à quand pour être
            # remboursé ?": refunded if the stage is done by its deadline, which that date gives; no stage date to ask
            # (R15, R16; h38: the stage's day was asked before the deadline the user asked)
            return [slot for slot in domain_slots if slot != "stage_first_day"]
        return domain_slots


def refund_deadline_asked(tracker: Tracker) -> bool:
    """The latest message asks by when the stage of the 48N must be done ("j'ai jusqu'à quand ?", "c'est quoi la date
    limite ?"), not the refund request's own delay (asks_refund_steps: 15 days after the stage, R16)."""
    return latest_text_says(tracker, ASKS_DEADLINE) and not asks_refund_steps(tracker)


# between a loss of points and its date: "perdu 4 points en 2019", "retiré 3 points le 3 mars 2024" (folded text)
_LOSS_THEN_ITS_DATE = re.compile(r"\s*(?:,\s*)?(?:(?:en|le|du|au mois de|courant|vers)\s*)?")


class ValidateAutoRecoveryForm(FactsValidation):
    def name(self) -> Text:
        return "validate_auto_recovery_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        from actions.answers import licence_back_asked_after_invalidation  # (answers reads this module)
        if licence_back_asked_after_invalidation(tracker):
            # "il a perdu tous ses points, il a rendu son permis le 14 novembre, il le récupère quand ?": a new licence
            # 6 months (1 year) after the hand-back, no points to recover (R20; t59-c29 was asked the last offence's
            # points four times)
            return []
        # several retraits told with their dates: the answer reads them all, one offence's details are not needed;
        # a fine paid by the owner without naming the driver withdrew none (R21)
        if len(told_retraits(tracker)) > 1 or paid_by_owner_without_naming(tracker) or pointless_offence_named(tracker):
            return []  # (an offence that costs no point: nothing to recover, T3 c29)
        if not self._answering(tracker) and stage_to_come_asked(tracker):
            return []  # the points after the stage told (actions.answers.ActionAnswerAutoRecovery, T19 c17)
        if (asks_when_withdrawn(tracker) and not self._answering(tracker)) or \
                tracker.get_slot("fine_payment_date") == NOT_PAID or payment_planned(tracker, today()):
            # "on perd les points quand ?" (asked in the middle of the form, a side question answered there), or
            # a fine not paid yet, or to be paid on a day to come: no clock runs yet, R2 answers (example 4)
            return []
        if single_point_return_asked(tracker):
            # "il a perdu 1 point … est-ce qu'il l'a récupéré ?": 6 months after the payment whatever the class (R8);
            # the fine is not asked, the full recovery counted at its longest and said (T35 c14)
            return _without(domain_slots, "offence_class")
        return domain_slots

    async def extract_fine_payment_date(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """"j'ai perdu 4 points en 2019", "on m'a retiré 3 points en mars 2024": the points are withdrawn when the
        offence is established, on the payment (R2), so the date said right after the loss is the payment's; its
        validation keeps a year or a month whose every day gives past dates, with the latest day said (R9, R10; the
        payment's day was asked for a loss of 2019 or of 2017, whose points are back whatever the day)."""
        if tracker.get_slot("fine_payment_date") is not None or self._answering(tracker):
            return {}
        message = tracker.latest_message or {}
        entities, text = message.get("entities") or [], message.get("text") or ""
        lost = [e for e in entities if e.get("entity") == "points" and e.get("role") == "lost"]
        dates = [e for e in entities if e.get("entity") == "date"]
        if len(lost) != 1 or len(dates) != 1 or dates[0].get("role") or not isinstance(dates[0].get("end"), int) \
                or not isinstance(lost[0].get("end"), int) or dates[0]["start"] < lost[0]["end"] \
                or not _LOSS_THEN_ITS_DATE.fullmatch(fold(text[lost[0]["end"]:dates[0]["start"]])):
            return {}
        return {"fine_payment_date": dates[0]["value"]}

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        """(offence_type is not a slot of this form: Rasa does not send it for validation.)"""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        return self._speeding_class(tracker, self._class_said(tracker, self._offence_scale(tracker, events)))

    @staticmethod
    def _speeding_class(tracker, events: List[EventType]) -> List[EventType]:
        """"mon excès de vitesse", "2 points": 2, 3 or 4 points for a speeding is the 4th class whatever the road, so
        the fine is not asked (R4; tester T3 c37); 1 point takes its class from the limit when it is known ("1 point
        en ville": 4th class, R4 example 2; helper h20)."""
        known = {**tracker.slots, **{e["name"]: e["value"] for e in events}}
        points = known.get("last_offence_points")
        speeding = known.get("offence_type") == "speeding" or "speeding" in message_values(tracker, "offence_type")
        named = known.get("offence_type") is not None or bool(message_values(tracker, "offence_type"))
        # ("1 point en ville", no offence named: the only retrait of 1 point a road tells is an excess under 20 km/h)
        speeding = speeding or (points == 1 and not named
                                and message_values(tracker, "speed_limit") and known.get("speed_limit") is not None)
        # ("j'ai pris un flash le 28 novembre, 3 pts": a radar's flash, no offence named, is an excess of speed, the
        # points its band; T44 c14)
        speeding = speeding or (not named and radar_said(tracker))
        if known.get("offence_class") is not None or not isinstance(points, (int, float)) or \
                isinstance(points, bool) or tracker.get_slot("requested_slot") == "offence_class":
            return events  # (the fine asked, its answer, even unread, is the user's)
        if not speeding:
            if named:
                return events
            # ("je me suis pris 2 points en mai": every offence that costs 2 points, or 4, is of the 4th class, R4; the
            # fine is not asked, T41 c27)
            try:
                klass = class_of_points(points=int(points), commission=commission_day(known), today=today())
            except InconsistentFacts:
                return events
            return events + [SlotSet("offence_class", klass)] if klass else events
        try:
            limit = known.get("speed_limit")
            klass = speeding_class_of_points(points=int(points), commission=commission_day(known), today=today(),
                                             speed_limit_kmh=int(limit) if isinstance(limit, (int, float))
                                             and not isinstance(limit, bool) else None)
        except InconsistentFacts:
            return events
        return events + [SlotSet("offence_class", klass)] if klass else events


# a radar's flash told: "j'ai pris un flash", "flashé à 120", "un radar m'a pris" (folded text)
_RADAR_WORDS = re.compile(r"\bflash\w*|\bradars?\b")


def radar_said(tracker: Tracker) -> bool:
    """A message of the user says a radar caught them ("j'ai pris un flash le 28 novembre", "flashé"): the offence
    is an excess of speed when no other one is named (R4)."""
    return any(_RADAR_WORDS.search(fold(event.get("text") or "")) for event in tracker.events
               if event.get("event") == "user") or bool(_RADAR_WORDS.search(fold(
                   (tracker.latest_message or {}).get("text") or "")))


# whether a point came back, or when: "il l'a récupéré ?", "mon point est revenu ?", "je le récupère quand ?"; and
# what asks more than that point: all the points, the maximum, the balance, the fine (folded text)
_ASKS_POINT_BACK = re.compile(r"\b(?:recuper\w*|revenu\w*|revient|reviendra\w*|rendu\w*)\b")
_ASKS_MORE_THAN_THE_POINT = re.compile(r"\b(?:12|douze|tous|toutes|tout|maximum|max|totalite|solde|combien|cb|reste"
                                       r"|amendes?|classe|points)\b")


def single_point_return_asked(tracker: Tracker) -> bool:
    """A retrait of 1 point whose return only is asked ("mon mari a perdu 1 point il y a 6 mois, il l'a récupéré ?"):
    it comes back 6 months after the payment, whatever the offence's class (R8), which only the full recovery's delay
    needs (R9): the form does not ask the fine for it (T35 c14)."""
    if tracker.get_slot("last_offence_points") != 1 or tracker.get_slot("offence_class") is not None or \
            len(told_retraits(tracker)) > 1:
        return False
    asked = fold(question_sentence(question_text(tracker)) or question_text(tracker))
    return bool(_ASKS_POINT_BACK.search(asked)) and not _ASKS_MORE_THAN_THE_POINT.search(asked)


# "quelle amende ?", "ça coûte combien ?", "combien d'euros ?": the question is the fine, which the limit decides for
# an excess under 20 km/h (R4)
_ASKS_THE_FINE = re.compile(r"\bamendes?\b|\bcoute\w*\b|\bcouter\b|\bprix\b|\beuros?\b|€|\bpayer\b|\bcombien d'argent\b")


def asks_the_fine(tracker: Tracker) -> bool:
    """The question (the latest message, or the one it answers) asks about the fine, not only the points."""
    return bool(_ASKS_THE_FINE.search(fold(question_text(tracker))))


# the words of an excess said with its figure: "22 de plus", "+22", "22 km/h de trop", "au-dessus", "excès de 22"
_EXCESS_WORDS = re.compile(r"\+|\bde plus\b|\ben plus\b|\bde trop\b|\ben trop\b|\bau-?\s?dessus\b|\bau-?\s?dela\b"
                           r"|\bexces\b|\bdepass\w*")


# a speed alone answering the form's speed question: "15 km/h", "de 15 km/h", "+15 km/h", "environ 15 km/h" (folded);
# the facts extractor keeps "N km/h" from the bare numbers (it is a speed, but which one only the question says)
# (with the words around it that carry no fact: "10 km/h je crois", T40 c18 got "Je n'ai pas compris votre réponse")
_SPEED_ALONE = re.compile(slot_values.LEADING_FILLERS +
                          r"(?:de\s+|d'environ\s+|environ\s+|a\s+|\+\s*)?(\d{1,3})\s*(?:km\s*/?\s*h|kmh|km/heure"
                          r"|kms?/h)" + slot_values.TRAILING_FILLERS, re.IGNORECASE)


# "je ne sais pas", "aucune idée de la vitesse", "laissez tomber la vitesse" to a speed question (folded)
_SPEED_NOT_KNOWN = re.compile(r"\b(?:sais|sait|savons|connais|connait)\s+(?:\w+\s+)?pas\b|\bsai?s? pas\b|\baucune idee\b"
                              r"|\blaiss\w*\s+tomber\b|\boublie[zr]?\b|\bpas le detail\b|\bpas (?:la|de) vitesse\b"
                              r"|\bne me souviens pas\b|\bme rappelle pas\b")


def speed_not_known(tracker: Tracker, asked: bool = True) -> bool:
    """The user does not know the speed the offence form asks (T25's replay of T23 c34: "je ne sais pas" and "laissez
    tomber la vitesse" got the same question four times): the form stops asking it, the answer gives the scale.
    ``asked``: only when the form's question was a speed (the answer action runs after the form has ended)."""
    if asked and tracker.get_slot("requested_slot") not in ("speed_limit", "speed_excess"):
        return False
    if tracker.get_slot("offence_type") != "speeding" or tracker.get_slot("speed_excess") is not None or \
            tracker.get_slot("speed_measured") is not None:
        return False
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return intent == "dont_know" or latest_text_says(tracker, _SPEED_NOT_KNOWN)


def speeding_scale_without_speed(day: date) -> str:
    """R4: what an excess of speed costs, band by band, when its speed is not known (from the scale in force)."""
    bands = load_params().at(day).value("speeding.scale")
    parts = []
    for band, following in zip(bands, bands[1:] + [None]):
        span = (f"de {band['from_kmh']} à {following['from_kmh'] - 1} km/h" if following
                else f"{band['from_kmh']} km/h ou plus")
        parts.append(f"{span} : {band['points']} point{'s' if band['points'] > 1 else ''}")
    return ("Sans la vitesse, je ne peux pas dire combien de points cet excès a retirés : cela dépend du dépassement "
            f"(vitesse retenue moins vitesse autorisée) ; {' ; '.join(parts)} ; moins de {bands[0]['from_kmh']} km/h : "
            "aucun point (article R.413-14 du Code de la route). L'avis de contravention indique les deux vitesses : "
            "donnez-les-moi si vous les retrouvez.")


class ValidateOffencePointsForm(FactsValidation):
    def name(self) -> Text:
        return "validate_offence_points_form"

    @staticmethod
    def _speed_alone(slot: str, tracker: Tracker) -> Dict[Text, Any]:
        """The speed the form asked, said alone with its unit ("15 km/h" to "De combien de km/h… ?", T24 c24 got "Je
        n'ai pas compris votre réponse" twice): that slot's value; {} otherwise."""
        if tracker.get_slot("requested_slot") != slot:
            return {}
        found = _SPEED_ALONE.match(fold((tracker.latest_message or {}).get("text") or ""))
        return {slot: int(found.group(1))} if found else {}

    async def extract_speed_excess(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._speed_alone("speed_excess", tracker)

    async def extract_speed_limit(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._speed_alone("speed_limit", tracker)

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if paid_by_owner_without_naming(tracker):
            return []  # no points for anyone, whatever the offence (R21)
        if offence_answered_asked_again(tracker):
            return []  # "donc ça fait combien de points en moins ? j'avais 12": the offence just answered (T16 c22)
        if asks_when_withdrawn(tracker) and not self._answering(tracker):
            return []  # "les points sont retirés quand ?": R2 answers, with the offence's points when it is named
        if tracker.get_slot("offence_type") != "speeding" or speed_not_known(tracker):
            # (the speed not known: no more speed questions; the answer gives the scale, actions.answers)
            return _without(domain_slots, "speed_limit", "speed_excess")
        if tracker.get_slot("speed_measured") is not None and tracker.get_slot("speed_limit") is not None:
            return _without(domain_slots, "speed_excess")
        excess = tracker.get_slot("speed_excess")
        if excess is None or (self._limit_needed(excess) and asks_the_fine(tracker)):
            return domain_slots
        # R4: from 20 km/h over, the excess alone decides; under 20, the point does not depend on the limit either
        # (1 point): the answer gives it first, with the class and fine for both limits (68 € above 50 km/h, 135 €
        # up to 50), unless the question is the fine itself (m076)
        return _without(domain_slots, "speed_limit")

    @staticmethod
    def _limit_needed(excess) -> bool:
        if excess is None:
            return True
        try:
            return "speed_limit_kmh" in offence_points(
                offence="speeding", commission=today(), today=today(), excess_kmh=int(excess)).missing
        except InconsistentFacts:
            return True  # an impossible excess: its validator asks again


class ValidateLetterForm(FactsValidation):
    def name(self) -> Text:
        return "validate_letter_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if tracker.get_slot("letter_code") is None and letter_to_come_known(tracker):
            return []  # "j'ai 12 points, j'en perds 3, quelle lettre je vais recevoir ?": the one it brings (R19)
        if tracker.get_slot("letter_code") is None and asks_letter_to_come(tracker):
            # "mon fils va recevoir une lettre ?", "est-ce qu'elle va recevoir une lettre ?": a letter to come, not
            # one received; which one depends on the retrait (R15: a 48N for 3 points or more in probation, R19):
            # the offence is asked, and its answer says the letter
            return [] if tracker.get_slot("offence_type") else ["offence_type"]
        if tracker.get_slot("letter_code") is None and letter_in_question(tracker):
            # "reçu lettre 48", then "ça veut dire que je dois faire un truc ?": the letter just explained, not asked
            # again (T17 c34 got "Quelle lettre avez-vous reçue ?", then the same explanation)
            return []
        from actions.answers import asks_the_meaning_of_no_letter, no_letter_received_said  # (answers reads this)
        if tracker.get_slot("letter_code") is None and asks_the_meaning_of_no_letter(tracker):
            return []  # "un emoji 👍 ça veut dire quoi ?": no letter to ask for; the answer action replies (T24 c05)
        if tracker.get_slot("letter_code") is None and no_letter_received_said(tracker):
            return []  # "aucune lettre !": none to ask for; the answer action says why none came yet (T54 c06)
        return domain_slots
