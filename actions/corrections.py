"""Corrections after an answer ("non, c'était en 2023", "en fait il me reste 5 points"):
the corrected fact replaces the one it corrects, and the last question is answered again.

A fact that is a question by itself ("téléphone au volant", "à 135 au lieu de 110", "lettre 48SI"),
given outside that question, asks it: answered at once when its facts are complete, otherwise
its form asks what is missing."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.follow_ups import answer_in_context, previous_answer, why_the_48n_deadline
from actions.closing import closing_reply
from actions.informational import court_stage_answer
from actions.what_if import restored_facts
from actions.forms import (
    CORRECTABLE_SLOTS, DATE_SLOTS, OFFENCE_DAY_ASKED, OFFENCE_SLOTS, SPEED_LIMITS_KMH, FactsValidation, ValidateLetterForm,
    ValidateMandatoryStageForm, balances_asked_back,
    day_of_the_fines_notice, exact_day_answered,
    ValidateOffencePointsForm, ValidatePointsAfterStageForm, ValidateProbationForm, impossible_date_reask,
    corrects_a_known_fact, date_correcting_impossible_one, dated_facts_fr, impossible_date_said, last_value,
    last_value_before_message, latest_text_says,
    letter_not_received, licence_date_said, licence_told_by_pronoun, message_values,
    no_stage_done, no_stage_done_note, offence_day_told, offence_scale, offences_since_newly_said,
    slots_set_by_latest_message, stage_before_the_48n, stage_days_told, told_retraits_in_latest_message,
    value_before_message,
    which_letter_asked,
)
from actions.offence_history import YEAR_WRITTEN, moved_to_the_year, told_retraits, year_corrected
from actions.retrait_timing import not_paid_said
from actions import slot_values
from actions.slot_values import CORRECTION, NO_PREVIOUS_STAGE, NOT_PAID, InvalidAnswer, PartialDate
from actions.stage_timing import ANOTHER_STAGE_TOLD, stage_told_within_the_year
from actions.third_person import another_person_named, said_of_the_subject, speaking_of_the_subject
from bot.nlu.fact_parsing import fold, says_retained_speed, taken_together
from bot.reference_date import today

# A message with a word in it (a letter of any alphabet), unlike "😀😀", "-3" or "...".
_WORD = re.compile(r"[^\W\d_]")
# Which slots a bare value may correct, most specific first.
NUMBER_SLOTS = ("current_balance", "last_offence_points", "speed_excess", "speed_limit")
#: the slots of those a count said in points may correct
POINT_SLOTS = ("current_balance", "last_offence_points")
ANSWERS = {cls().name(): cls for cls in answers.AnswerAction.__subclasses__()}
VALIDATIONS = {cls().form_name(): cls for cls in FactsValidation.__subclasses__()}
# Facts that ask a question by themselves: (their slots, the question's answer, its form's validation).
# "je récupère quand ?", "mes points reviennent quand ?", "quand est-ce que je retrouve mes points ?"
_ASKS_RECOVERY = re.compile(r"\b(?:recup\w*|reviennent|revient|retrouve\w*)\b[^.!?]{0,30}\bquand\b"
                            r"|\bquand\b[^.!?]{0,40}\b(?:recup\w*|reviennent|revient|retrouve\w*)\b")
# An offence added to the one of the last answer ("et si j'avais aussi fumé un joint ?"): with it, the one offence
# that both make when taken together (R3: alcohol and drugs at once, fact_parsing.taken_together).
_ALSO = re.compile(r"\b(?:aussi|en plus|egalement|en meme temps)\b")
# the balance told as the one before a stage: "j'avais 7 points (avant)", "il me restait 5 points", "8 points avant le
# stage" (folded text)
_BALANCE_BEFORE_STAGE = re.compile(r"\b(?:j'?\s?avais|j'?\s?en avais|j'?\s?etais a|(?:il|elle|on) (?:en )?avait|(?:me|lui) restai(?:t|ent)"
                                   r"|vous aviez)\b|\bpoints?\s+avant\b|\bavant (?:le|ce|mon|son|du) stage\b")
# The facts a balance of the retraits told reads besides them: its start, and the licence (probationary or not, R5).
BALANCE_FACTS = ("current_balance", "licence_date", "supervised_driving", "complementary_training", "training_date")
# The answers that read the one offence of the slots, to give again when the offence is corrected.
OFFENCE_READERS = {"action_answer_auto_recovery": answers.ActionAnswerAutoRecovery,
                   "action_answer_probation": answers.ActionAnswerProbation}
QUESTIONS_OF_LONE_FACTS = (
    (("offence_type", "speed_measured", "speed_limit", "speed_excess"),
     answers.ActionAnswerOffencePoints, ValidateOffencePointsForm),
    (("letter_code",), answers.ActionAnswerLetter, ValidateLetterForm),
    # "je l'ai reçue le 20 novembre" after what a 48N is: the deadline of its stage (R15)
    (("letter_48n_date",), answers.ActionAnswerMandatoryStage, ValidateMandatoryStageForm),
)


# The questions an answer asks after it (outside a form), and the slot their bare date answers (R20)
_DATE_QUESTIONS = {answers.HANDED_BACK_QUESTION: "licence_handed_back_date",
                   answers.HAND_BACK_PLANNED_QUESTION: "licence_handed_back_date",
                   answers.LICENCE_DATE_FOR_EXAMS_QUESTION: "licence_date"}
# the last answer after a 48SI told to hand the licence back ("rendez votre permis à la préfecture si ce n'est pas
# fait", "Vous devez le rendre à la préfecture au plus tard le 10 décembre"): "pas encore" answers it (R20)
_HAND_BACK_URGED_LINE = re.compile(r"\brendez (?:votre|son|le) permis\b|\brendez-le\b|\b(?:devez|doit) le (?:rendre|remettre)\b"
                                   r"|\ble remettre à la préfecture\b")


def _hand_back_urged(tracker: Tracker) -> bool:
    """The last answer told to hand back a licence invalidated, its hand-back's day not known (t59-c04: "pas encore"
    to it got "D'accord. Quelle est votre question ?")."""
    from actions.follow_ups import _last_turn_texts  # (the same last turn the follow-ups read)
    return bool(_HAND_BACK_URGED_LINE.search("\n".join(_last_turn_texts(tracker)))) and \
        answers.invalidation_told_without_hand_back(tracker)


_NOT_YET = re.compile(r"\bpas encore\b|\bpas (?:encore )?(?:ete )?rendu|\bje (?:le |l')?(?:rends|rendrai|vais le rendre)\b"
                      r"|\bpas fait\b")


def last_bot_question(tracker: Tracker) -> Optional[str]:
    """The question the assistant's last message ended with, when it is one of `_DATE_QUESTIONS`."""
    said = next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"), "")
    # (as said to the user or of the person the conversation is about: "À quelle date a-t-il rendu son permis… ?", T28 c05)
    return next((question for question in _DATE_QUESTIONS
                 if said.rstrip().endswith(question) or said.rstrip().endswith(said_of_the_subject(tracker, question))),
                None)


def last_set(tracker: Tracker, candidates: tuple) -> Optional[str]:
    """The candidate slot most recently given a value in the conversation. ("Non, jamais" to the previous
    stage is not a date a later date corrects: "c'était le 10 février le stage" is about the stage.)"""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") in candidates \
                and event.get("value") not in (None, NO_PREVIOUS_STAGE):
            return event["name"]
    return None


def on_the_side_of(value: Any, corrected: Any, text: str) -> Any:
    """A date said without its year that corrects a date to come is to come too: "c'était le 10 février" about
    a stage planned on 3 February 2027 is 10 February 2027, not 2026."""
    if YEAR_WRITTEN.search(text or "") or not is_ahead(corrected) or is_ahead(value):
        return value
    try:
        partial = PartialDate.parse(value)
        moved = PartialDate.parse(PartialDate(partial.year + 1, partial.month, partial.day).iso()).iso()
    except InvalidAnswer:  # (a 29 February has no next year)
        return value
    return moved if is_ahead(moved) else value


def _known_within_the_year(value: Any, known: Any) -> Optional[str]:
    """The date known, when the one said is only its year ("2023 !! pas 2024" after "c'était le 6 juin 2023" was
    taken): the year insisted on, not a date less precise (tester T17 c19: "En quel mois de 2023 ?"). None otherwise."""
    try:
        said, kept = PartialDate.parse(value), PartialDate.parse(known)
    except (InvalidAnswer, TypeError, ValueError):
        return None
    return kept.iso() if said.precision == "year" and kept.precision != "year" and kept.year == said.year else None


def date_slot_of_the_year_replaced(tracker: Tracker) -> Optional[Tuple[str, str]]:
    """(the slot, the date said) when the latest message's one date, to the day or the month, says the year it replaces
    ("le 10/10/2022 pas 2023", "en mars 2019 et non 2018") and one known date slot has that year and the same day and
    month: the date it corrects; None otherwise."""
    from actions.offence_history import _NOT_THAT_YEAR  # (the words that name the year replaced)
    dates = [e.get("value") for e in (tracker.latest_message or {}).get("entities") or [] if e.get("entity") == "date"]
    wrong = _NOT_THAT_YEAR.search(fold((tracker.latest_message or {}).get("text") or ""))
    said = slot_values.partial_date_or_none(dates[0]) if len(dates) == 1 and isinstance(dates[0], str) else None
    if wrong is None or said is None or said.precision == "year" or said.year == int(wrong.group(1)):
        return None
    matching = [slot for slot in DATE_SLOTS if (lambda known: known is not None and known.year == int(wrong.group(1))
                                                and known.precision == said.precision and known.month == said.month
                                                and (said.precision != "day" or known.day == said.day))(
        slot_values.partial_date_or_none(tracker.get_slot(slot)) if isinstance(tracker.get_slot(slot), str) else None)]
    return (matching[0], said.iso()) if len(matching) == 1 else None


def completes_a_month(tracker: Tracker, value: Any) -> Optional[str]:
    """The one date slot known only to the month that a day of that month completes ("avril 2025", then
    "le 14 avril exactement"), if any."""
    try:
        day = PartialDate.parse(value)
    except InvalidAnswer:
        return None
    if day.precision != "day":
        return None
    matching = []
    for slot in DATE_SLOTS:
        try:
            known = PartialDate.parse(tracker.get_slot(slot)) if tracker.get_slot(slot) else None
        except InvalidAnswer:
            continue
        season = slot_values.season_said(tracker.events, tracker.get_slot(slot)) if known is not None else None
        if season is not None:
            # "cet été … c'était le 12 août 2026": a day of that season (tester T58 c18 kept its first day, 21 June)
            if season[1] <= day.earliest() <= season[2]:
                matching.append(slot)
        elif known is not None and known.precision == "month" and known.month == day.month \
                and known.year in ((day.year,) if _year_said_with(tracker, value)
                                   else (day.year, day.year - 1, day.year + 1)):
            matching.append(slot)
    return matching[0] if len(matching) == 1 else None


def day_of_the_month_awaited(tracker: Tracker) -> Optional[tuple]:
    """(slot, ISO day) when the latest message is a bare day ("le 3") and a month told for that slot waits for its day
    (`date_awaiting_precision`, "Quel jour d'août 2026 ?"): the day of THAT month; None otherwise."""
    slot, _, month = (tracker.get_slot("date_awaiting_precision") or "").partition("=")
    message = tracker.latest_message or {}
    day = slot_values.day_in_month_given_before(message.get("text"), month) if slot else None
    for entity in message.get("entities") or [] if slot and not day else []:
        # "je sais plus, fin juin, genre le 28" (or "le 28 juin"): the NLU reads the last 28 June before today; the
        # 28th of the June awaited (tester T30 c30b got "C'est noté" and its 30 June 2025 kept, the day taken for the
        # offence's)
        if entity.get("entity") == "date" and not entity.get("role"):
            day = slot_values.day_of_the_month_awaited(message.get("text"), entity.get("value"), month)
            if day:
                break
    return (slot, day) if day else None


def _year_said_with(tracker: Tracker, value: Any) -> bool:
    """Whether the latest message says the year of its date `value` ("en juin 2023, le 6 juin", "06/06/23"): a day
    said without its year ("le 14 avril exactement") completes a month known a year off, one with another year
    corrects it (tester T17 c19: "c'était en juin 2023, le 6 juin" after "juin 2024" kept 2024)."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    return any(YEAR_WRITTEN.search(text[e["start"]:e["end"]]) for e in message.get("entities") or []
               if e.get("entity") == "date" and e.get("value") == value
               and isinstance(e.get("start"), int) and isinstance(e.get("end"), int))


# between an offence named and a date, nothing that ends the clause ("le piéton c'est en octobre", "l'excès, c'était
# le 3 mars"): not a full stop, a question, nor another fact's word
_SAME_CLAUSE = re.compile(r"^[^.;!?]{0,25}$")
_OTHER_EVENT = re.compile(r"\b(?:stage|paye\w*|regle\w*|paiement|lettre|48|permis|recu\w*)\b")


def offence_dated_in_message(tracker: Tracker, value: Any) -> bool:
    """The latest message names an offence and gives this date (without a role) right after it, in the same clause,
    with no other event between ("mais non le piéton c'est en octobre, après le stage de juin"): the offence's date."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    entities = message.get("entities", [])
    dates = [e for e in entities if e.get("entity") == "date" and not e.get("role") and e.get("value") == value
             and "start" in e]
    offences = [e for e in entities if e.get("entity") == "offence_type" and "end" in e]
    return any(0 <= d["start"] - o["end"] and _SAME_CLAUSE.match(text[o["end"]:d["start"]])
               and not _OTHER_EVENT.search(text[o["end"]:d["start"]]) for d in dates for o in offences)


# the complementary training named ("la formation post permis", "la formation complémentaire"), and the licence
# ("son permis", "le permis"), in folded text, right before the date they are told with
_TRAINING_NAMED = re.compile(r"\bformation(?:\s+(?:complementaire|post[- ]?permis|post[- ]?probatoire))?\b")
_LICENCE_NAMED = re.compile(r"\bpermis\b")


def dates_named_by(tracker: Tracker, named: re.Pattern) -> List[Any]:
    """The role-less dates of the latest message said right after what `named` finds, in the same clause, with no
    other event between ("il a fait la formation post permis en mars 2025", "son permis c'est le 15/06/2024")."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    dates = [e for e in message.get("entities", []) if e.get("entity") == "date" and not e.get("role")
             and "start" in e]
    return [d.get("value") for d in dates if any(
        0 <= d["start"] - m.end() and _SAME_CLAUSE.match(text[m.end():d["start"]])
        and not _OTHER_EVENT.search(text[m.end():d["start"]]) for m in named.finditer(text))]


# the receipt of a registered letter: "je l'ai reçue le 3 août", "j'ai signé l'avis de réception le 3", "AR signé le…"
_RECEIPT = re.compile(r"\b(?:recu|recue|recus|recues|receptionnee?s?|reception|sign(?:e|ee|es|ees)|accuse|ar)\b")


def letter_receipt_dated(tracker: Tracker, value: Any) -> bool:
    """A past date told with the receipt of a letter ("jai retrouvé l'avis de réception, j'ai signé le 3 août"), in a
    conversation about a 48N or a 48SI: that letter's day of receipt, from which its deadline runs (R15, R19)."""
    letter_known = tracker.get_slot("letter_48n_date") is not None or \
        last_value(tracker, "letter_code") in ("48N", "48SI")
    return letter_known and not is_ahead(value) and latest_text_says(tracker, _RECEIPT)


def is_ahead(value: Any) -> bool:
    """A date value (ISO, any precision) that starts after today."""
    try:
        return PartialDate.parse(value).earliest() > today()
    except InvalidAnswer:
        return False


def _said_as_todays_balance(tracker: Tracker, number: Any) -> bool:
    """The latest message says this count is today's balance ("8 c'est maintenant, après le retrait", "8 points
    aujourd'hui"): R1, the balance after the retraits already made."""
    found = answers.BALANCE_TODAY.search(fold((tracker.latest_message or {}).get("text") or ""))
    count = re.search(r"\d+", found.group(0)) if found else None
    try:
        return count is not None and int(count.group(0)) == int(number)
    except (TypeError, ValueError):
        return False


def day_taken_for_want_of_it(tracker: Tracker) -> Optional[str]:
    """The date slot whose safe day `action_dont_know` took after the latest message ("aucune idée du jour" to "Quel
    jour de novembre 2024 ?"), None otherwise."""
    taken, by_dont_know = None, False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") in answers.QUESTION_OF_A_DAY and event.get("value"):
            taken = taken or event["name"]
        if event.get("event") == "action" and event.get("name") == "action_dont_know":
            by_dont_know = True
    return taken if by_dont_know else None


def bare_value(tracker: Tracker, entity: str) -> Any:
    return role_value(tracker, entity, None)


def role_value(tracker: Tracker, entity: str, role: Optional[str]) -> Any:
    """The first value of this entity with this role (None: without a role) in the latest message; of dates, not a
    month or year that a day said with it makes precise ("c'était en mars 2026 pas en novembre ! le 24 mars 2026": the
    24th, T20 c18 asked the day of March again)."""
    values = [found.get("value") for found in (tracker.latest_message or {}).get("entities", [])
              if found.get("entity") == entity and found.get("role") == role]
    if entity == "date":
        values = [value for value in values if not _made_precise_by(value, values)] or values
    return values[0] if values else None


def _made_precise_by(value: Any, values: List[Any]) -> bool:
    """A month or a year (ISO) within which another of `values` is a more precise date."""
    outer = slot_values.partial_date_or_none(value) if isinstance(value, str) else None
    if outer is None or outer.precision == "day":
        return False
    inner = [slot_values.partial_date_or_none(other) for other in values if isinstance(other, str) and other != value]
    return any(day is not None and outer.earliest() <= day.earliest() and day.latest() <= outer.latest()
               for day in inner)


#: the dates of the story a year corrected moves together: the offence's day and its payment (R2: the clocks' start)
STORY_DATE_SLOTS = ("offence_date", "fine_payment_date")


def story_dates_moved(tracker: Tracker) -> Dict[str, Any]:
    """The offence's day and its payment known, moved to the year the latest message corrects ("non c'était en 2023
    pas 2025"): by the same number of years, day and month kept; {} when no year alone is corrected, or no such date
    is known in another year (T13 c21)."""
    latest = next((event for event in reversed(tracker.events) if event.get("event") == "user"), None)
    year = year_corrected(latest) if latest is not None else None
    if year is None:
        return {}
    said, replaced = year
    known = {slot: tracker.get_slot(slot) for slot in STORY_DATE_SLOTS if isinstance(tracker.get_slot(slot), str)}
    payment = known.get("fine_payment_date") or next(iter(known.values()), None)
    try:
        reference = PartialDate.parse(payment).year if payment else None
    except InvalidAnswer:
        return {}
    if reference is None or said == reference:
        return {}
    moved = {slot: moved_to_the_year(value, said, replaced, reference) for slot, value in known.items()}
    return {slot: value for slot, value in moved.items() if value != known[slot]}


RECALCULATING = "C'est noté, je refais le calcul."
#: said when the user takes back the supposition just answered ("non c'était juste une hypothèse, en vrai…"): the
#: balance of the facts told follows, without it
SUPPOSITION_DROPPED = ("C'est noté : ce n'était qu'une hypothèse, je ne la compte pas. Votre solde avec les faits que "
                       "vous m'avez indiqués :")
# "c'était juste une hypothèse", "c'était une supposition", "c'était pour voir" (folded text)
_ONLY_A_SUPPOSITION = re.compile(r"\b(?:hypothe\w*|supposition|pour voir|pour savoir)\b")


def supposition_taken_back(tracker: Tracker) -> bool:
    """Whether the latest message says the user's message before it was only a supposition ("non non c'était juste une
    hypothèse, en vrai j'ai rien eu depuis le feu rouge"), that message stating one (T49 c21: "je refais le calcul")."""
    from actions.what_if import hypothetical_message
    users = [e for e in tracker.events if e.get("event") == "user"]
    return len(users) > 1 and hypothetical_message(users[-2]) and latest_text_says(tracker, _ONLY_A_SUPPOSITION)


def _months_dated_by_the_story(tracker: Tracker) -> List[EventType]:
    """The offence's (or payment's) month held by a slot, that the latest message's one day dated in the retraits told
    ("vers le 15 novembre" to "j'ai retenu le 30 novembre 2026 … donnez-moi le jour exact"): that day, so that the day
    told again is known as counted (T45 c06 counted it again, then answered "le 15 novembre" from the month)."""
    from actions.offence_history import _coarser
    days = [e.get("value") for e in (tracker.latest_message or {}).get("entities") or [] if e.get("entity") == "date"]
    if len(days) != 1 or not isinstance(days[0], str):
        return []
    dated = {d for r in told_retraits(tracker) for d in (r.said_date, r.committed_date)}
    return [SlotSet(slot, days[0]) for slot in ("offence_date", "fine_payment_date")
            if isinstance(tracker.get_slot(slot), str) and days[0] in dated and _coarser(tracker.get_slot(slot), days[0])]
#: the answers that compute the user's history of retraits told (balance, returns): a stage done told after them is
#: a fact of that history
_STORY_ANSWERS = ("action_answer_check_balance", "action_answer_auto_recovery")


def said_once(dispatcher: CollectingDispatcher, opening: str) -> None:
    """`opening` said once in the turn: a later message that is only it is dropped, one that opens with it keeps the
    rest (tester T17 c31: "C'est noté, je refais le calcul." twice, from the dates moved, then from the answer again)."""
    seen = False
    for message in list(dispatcher.messages):
        text = message.get("text") or ""
        if text == opening or text.startswith(opening + "\n\n"):
            if seen and text == opening:
                dispatcher.messages.remove(message)
            elif seen:
                message["text"] = text[len(opening):].lstrip("\n")
            seen = True


def balance_before_said(tracker: Tracker) -> bool:
    """The latest message gives the balance before the retraits told ("j'avais 12", "il me restait 10 points
    avant")."""
    said = slots_set_by_latest_message(tracker)
    # (or told in the present while the user's offence is not established yet: "il me reste que 4 points" after
    # "flashé à 145 hier soir" is the balance before its retrait, R2; tester T17 c16)
    return said.get("current_balance") is not None and (bool(answers.BALANCE_BEFORE.search(
        fold((tracker.latest_message or {}).get("text") or ""))) or (
        answers.balance_told_before_establishment(tracker) and answers.own_offence_in_conversation(tracker)))


def balance_before_retrait_said(tracker: Tracker) -> bool:
    """The latest message gives the balance, and says the fine is not paid: the balance before its retrait, which is
    still to come (R2: the points are withdrawn once the offence is established)."""
    said = slots_set_by_latest_message(tracker)
    return said.get("current_balance") is not None and not_paid_said(tracker)


def offence_of_the_last_answer(tracker: Tracker, with_points: bool = True) -> Dict[str, Any]:
    """The facts of the offence the last answer gave the points of (that answer forgets them), as they were before the
    latest message; with its points and class from the scale (R4) when `with_points`. {} without an offence."""
    offence = {slot: last_value_before_message(slot, tracker)
               for slot in answers.ActionAnswerOffencePoints.question_slots}
    offence = {slot: value for slot, value in offence.items() if value is not None}
    if not offence.get("offence_type"):
        return {}
    if with_points:
        offence.update(offence_scale(offence["offence_type"], {**tracker.slots, **offence}))
    return offence



#: the answers to a question asked on the side while a form asked a fact, and their forms: an offence's points
#: ("attendez, avant, un excès de 25 km/h ça retire combien ?"), a letter's meaning ("c'est quoi une 48M ?")
SIDE_ANSWERS = {"action_answer_offence_points": "offence_points_form", "action_answer_letter": "letter_form"}


def question_left_for_a_side_one(tracker: Tracker, side: str = "action_answer_offence_points") -> Optional[str]:
    """The form of the user's question that a question asked on the side (answered by `side`, one of
    `SIDE_ANSWERS`) interrupted ("quand est-ce que je récupère mes points ?", then "attendez, avant, un excès de 25
    km/h ça retire combien ?" while the form asked the points), its answer not given since: the question still
    waiting. None otherwise."""
    answered = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and (event.get("name") or "").startswith("action_answer_"):
            if event.get("name") != side:
                return None
            answered = True
        elif event.get("event") == "active_loop" and answered and event.get("name") not in (None, SIDE_ANSWERS[side]):
            return event["name"]
    return None


def slot_left_for_a_side_question(tracker: Tracker, side: str = "action_answer_offence_points"
                                  ) -> Tuple[Optional[str], Optional[str]]:
    """The form a side question answered by `side` interrupted (`question_left_for_a_side_one`) and the slot it was
    asking then; (None, None) otherwise."""
    waiting = question_left_for_a_side_one(tracker, side)
    if waiting is None:
        return None, None
    answered = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == side:
            answered = True
        elif answered and event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value"):
            return waiting, event["value"]
    return None, None


def _last_bot_text(tracker: Tracker) -> str:
    """The text of the assistant's last message ("" before any)."""
    return next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"), "")

# "mais je vous dis que j'ai DÉJÀ payé", "j'ai dit 2023 !", "non mais c'est payé" (folded text): the fact told again
# because the user thinks the answer did not count it; the answer is given again, showing it (T13 c21, T15 c01)
_INSISTS = re.compile(r"!|\bmais\b|\bj'?\s?ai dit\b|\bje (?:vous|te) (?:l'?\s?)?(?:ai )?dis?\b|\bdeja\b")


def fact_confirmed_note(tracker: Tracker, validated: Dict[str, Any]) -> Optional[str]:
    """"C'est bien ce que j'ai compté : infraction le 14 novembre 2026. …" when every fact the latest message tells
    is the one the last answer already counted ("c'était le 14 novembre 2026, il y a 2 semaines" to confirm the day
    taken): the answer stands, and is not given again word for word (tester T31 b18 got the whole answer twice).
    None when a fact changes, when no answer was given, when the message asks something, or insists (the answer
    is then given again, with that fact)."""
    text = (tracker.latest_message or {}).get("text") or ""
    if not validated or not (tracker.get_slot("last_question") or "").startswith("action_answer_") or \
            "?" in text or _INSISTS.search(fold(text)):
        return None
    if any(value is None or value != value_before_message(slot, tracker) for slot, value in validated.items()):
        return None
    if told_retraits(tracker) != told_retraits(tracker, before_latest=True):
        return None  # (an offence told again with another day or points is a change of the story)
    said = dated_facts_fr(list(validated.items()))
    if not said:
        return None
    return f"C'est bien ce que j'ai compté : {', '.join(said)}. {CONFIRMED_TAIL}"


#: what the last answer said of the checks of several offences: added, found at separate checks; capped, at one (R3)
_COUNTED_APART = re.compile(r"contrôles différents|s'additionnent : \d+ points au total")
_COUNTED_TOGETHER = re.compile(r"plafonnés à (\d+) points pour des infractions commises en même temps")
# the balance line of an answer: "il vous reste 2 points", "Solde aujourd'hui : 6 points"
_BALANCE_LINE = re.compile(r"\b(?:il (?:vous|lui) reste \d+ points?\b|[Ss]olde aujourd'hui : )")


def checks_confirmed_note(tracker: Tracker) -> Optional[str]:
    """"mais c'était deux contrôles différents, un le matin et un l'après-midi" after an answer that already added the
    retraits of separate checks (or "c'était au même contrôle" after one that capped them): nothing changes, so it says
    so, with the result, and asks nothing (R3; tester T35 c18 got "C'est noté, je corrige." and a stage's question).
    None when the message tells no check, asks something, or contradicts the way the answer counted."""
    from actions.follow_ups import _last_turn_texts
    from actions.offence_history import SAME_CHECK, SEPARATE_CHECKS
    text = fold((tracker.latest_message or {}).get("text") or "")
    if "?" in text or told_retraits_in_latest_message(tracker):
        return None
    said = "\n".join(_last_turn_texts(tracker))
    apart, together = bool(SEPARATE_CHECKS.search(text)), bool(SAME_CHECK.search(text))
    if apart == together:
        return None
    if apart and _COUNTED_APART.search(said):
        counted = ("des contrôles différents, dont les retraits s'additionnent sans plafond (article L.223-2 du Code "
                   "de la route)")
    elif together and _COUNTED_TOGETHER.search(said):
        counted = (f"un même contrôle, dont les retraits sont plafonnés à {_COUNTED_TOGETHER.search(said).group(1)} "
                   "points (article L.223-2 du Code de la route)")
    else:
        return None
    balance = next((line.lstrip("- ") for line in said.splitlines() if _BALANCE_LINE.search(line)), None)
    return "\n".join(part for part in (f"C'est bien ce que j'ai compté : {counted}.", balance, CONFIRMED_TAIL) if part)


CONFIRMED_TAIL = "La réponse ci-dessus reste valable ; si un autre élément est différent, dites-le-moi et je referai le calcul."


def _balance_asked_again(tracker: Tracker) -> bool:
    """The latest message asks the balance ("elle en a combien maintenant ?", "il me reste combien ?"), money aside."""
    from actions.fallback import _STORY_ASKS_BALANCE  # (fallback reads this module)
    from actions.follow_ups import asks_the_fine
    text = fold((tracker.latest_message or {}).get("text") or "")
    return bool(_STORY_ASKS_BALANCE.search(text)) and not asks_the_fine(text)


def day_refused_told_again(tracker: Tracker) -> List[EventType]:
    """The day the last answer refused as in the future and asked again ("Le 15 janvier 2027 est dans le futur… Quelle
    est la date du paiement de l'amende ?"), told now ("oups non 15 janvier 2026 pardon. elle avait 12 points"): that
    day, and the offence of that answer, which it had set back as if supposed, are the user's facts again (T54 c10: the
    retrait spoken of as still to come, "attendez que le retrait soit enregistré" 11 months after the payment, then the
    payment's day asked again; R2). [] otherwise."""
    dates = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
             if e.get("entity") == "date" and not e.get("role")]
    told = answers.future_day_answered_again(tracker, dates[0]) if len(dates) == 1 else None
    if told is None:
        return []
    facts = {slot: value for slot, value in offence_of_the_last_answer(tracker).items()
             if tracker.get_slot(slot) is None}
    facts[told[0]] = told[1]
    tracker.slots.update(facts)
    return [SlotSet(slot, value) for slot, value in facts.items()]


class ActionApplyCorrection(Action):
    def name(self) -> Text:
        return "action_apply_correction"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        # "j'ai payé l'amende le 15 novembre, donc il me reste 6 points ?" after the balance of a retrait: the figure
        # asked back is the user's sum, not a balance before the retrait to count it from again (h38: "6 − 4 = 2")
        kept = answers.balance_asked_back_kept(tracker) + day_refused_told_again(tracker)
        why = why_the_48n_deadline(tracker) if len(message_values(tracker, "date")) > 1 else None
        if why:
            # "et pourquoi le 10 février ? j'ai signé l'accusé de réception le 14 octobre": the why first, then the
            # correction's computation (R15; tester T42 c03)
            dispatcher.utter_message(text=why)
        moved = story_dates_moved(tracker)
        if moved:
            # "ah non pardon c'était en 2023 pas 2025, le stop et le paiement": the offence's day and its payment, both
            # in that year (T13 c21 kept the 2025 offence beside a 2023 one); the question is answered again below
            tracker.slots.update(moved)
            dispatcher.utter_message(text=RECALCULATING)
        events = kept + [SlotSet(slot, value) for slot, value in moved.items()] + list(
            await self._run(dispatcher, tracker, domain))
        said_once(dispatcher, RECALCULATING)
        return events

    @staticmethod
    def _story_stage_counted(stage_day: str, last_question: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: Dict[Text, Any]) -> List[EventType]:
        """A stage done told after the answer on the retraits told (balance, recovery): that answer again, the stage
        counted (its points from the day after its last day, R12) and kept as the last stage that gave points (R13)."""
        dispatcher.utter_message(text=RECALCULATING)
        tracker.slots["previous_stage_date"] = stage_day
        events: List[EventType] = [SlotSet("previous_stage_date", stage_day)]
        computed = answers.balance_answer(tracker) if last_question == "action_answer_check_balance" else None
        if computed:
            dispatcher.utter_message(text=computed)
            return events + [SlotSet("last_question", last_question)]
        return events + list(answers.ActionAnswerAutoRecovery().run(dispatcher, tracker, domain))

    async def _run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                   domain: Dict[Text, Any]) -> List[EventType]:
        # "ma fille a eu son permis en avril…", then "et en avril 2027 elle passera bien à 9 ?": "son solde sera", as
        # the answers say it (T10 c28)
        dispatcher = speaking_of_the_subject(dispatcher, tracker)
        taken = day_taken_for_want_of_it(tracker)
        if taken is not None:
            # "aucune idée du jour" to "Quel jour de novembre 2024 ?": the safe day taken (action_dont_know), the
            # question answered with it, the last answer's when it reads that date, else the one the date answers
            # (T22 c22: the recovery of a délit, R9)
            answer = ANSWERS.get(tracker.get_slot("last_question"))
            if answer is None or taken not in getattr(answer, "field_slots", {}).values():
                answer = ANSWERS[answers.QUESTION_OF_A_DAY[taken]]
            validation = VALIDATIONS.get(answer.form)
            if validation is None:
                return answer().run(dispatcher, tracker, domain)
            return await self._ask(answer, validation, dispatcher, tracker, domain)
        checks = checks_confirmed_note(tracker)
        if checks:  # "mais c'était deux contrôles différents" after an answer that added them (R3; T35 c18)
            dispatcher.utter_message(text=checks)
            return []
        in_context = answer_in_context(tracker)
        if in_context:  # "c'est sûr ?", "et la date limite ?" after an answer
            dispatcher.utter_message(text=in_context)
            return restored_facts(tracker)  # (a hypothesis's facts are not the user's)
        court = court_stage_answer(tracker)
        if court is not None:
            # "le juge m'a imposé un stage le 15 mars 2026" told alone: what that stage gives (R11, R13 example 4)
            dispatcher.utter_message(text=court)
            return [SlotSet("last_question", "action_answer_stage_eligibility")]
        if letter_not_received(tracker) and not_paid_said(tracker) and \
                tracker.get_slot("fine_payment_date") in (None, NOT_PAID):
            # "non il a PAS reçu de 48N, juste l'amende le 12 novembre, pas encore payée": a fact, no letter yet, and
            # why: the fine not paid, no point is withdrawn yet; the letter follows the retrait (R2 example 4, R15)
            return answers.ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
        denied = no_stage_done(tracker)
        said = slots_set_by_latest_message(tracker)
        if any(value != tracker.get_slot(slot) or slot in said for slot, value in denied.items()):
            # "mais non j'ai pas fait de stage !! le 14 juillet c'est la date de l'excès" after an answer that counted a
            # stage on that day: no stage, that day is the offence's (R7: it sets the probationary ceiling); the last
            # question is answered again, its form asking the stage's day if it needs one (tester T8 c13)
            dispatcher.utter_message(text=no_stage_done_note(denied))
            tracker.slots.update(denied)
            events = [SlotSet(slot, value) for slot, value in denied.items()]
            answer = ANSWERS.get(tracker.get_slot("last_question"))
            if answer is None:
                dispatcher.utter_message(response="utter_what_question")
                return events
            if VALIDATIONS.get(answer.form) is not None:
                return events + await self._ask(answer, VALIDATIONS[answer.form], dispatcher, tracker, domain)
            return events + answer().run(dispatcher, tracker, domain)
        retraits = told_retraits_in_latest_message(tracker)
        # (or the informational answer that ran last: "tu peux pas me le calculer ? feu rouge payé en mai 2025" after
        # how to check the balance is that balance, computed, T8 c16)
        last_question = tracker.get_slot("last_question") or previous_answer(tracker)
        if last_question in ("action_answer_refund_48n", "action_answer_mandatory_stage") \
                and message_values(tracker, "amount") and answers.amount_paid_said(tracker) is not None:
            # "j'avais payé 90 euros" after the 48N's refund: what is refunded (R16; tester T3 c04)
            return answers.ActionAnswerRefund48n().run(dispatcher, tracker, domain)
        offence = offence_of_the_last_answer(tracker) if last_question == "action_answer_offence_points" and \
            balance_before_retrait_said(tracker) else {}
        if offence:
            # "j'ai que 5 points et j'ai pas encore payé, je vais être à 0 ?" after the points of a refused pedestrian:
            # that offence is the user's, its retrait still to come on the balance told (R2, R18, R20; tester T15 c18
            # got "Quelle est votre question ?")
            licence = licence_told_by_pronoun(tracker)
            if licence:  # "elle l'a eu le 10 janvier 2026, elle avait 6 points": her licence's day, not the offence's
                offence["licence_date"] = licence  # (R5: its probation sets the balance before; T41 c13)
            tracker.slots.update(offence)
            # (the loss to 0 or below: what saves the licence before the 48SI; else the balance it leaves)
            pending = answers.pending_story_answer(tracker) or (
                None if answers.letter_48n_received(tracker) else answers.pending_loss_answer(tracker))
            computed = pending or answers.balance_after_offence_answer(tracker)
            if computed:
                dispatcher.utter_message(text=computed)
                return [*(SlotSet(slot, value) for slot, value in offence.items()),
                        SlotSet("last_question", "action_answer_zero_points" if pending
                                else "action_answer_check_balance")]
        if balance_before_said(tracker) and last_question != "action_answer_check_balance":
            # "et il me restait 10 points avant" after the user's own offence (or offences of one check): the
            # balance once it is established, and what follows (R1, R2, R3, R19, R20)
            # ("elle l'a eu le 10 janvier 2026, elle avait 6 points": her licence's day, not a retrait's; its probation
            # decides the letter, R5, R15, R18; T41 c13 counted an offence of that day on 12 points)
            licence = licence_told_by_pronoun(tracker)
            learnt = [SlotSet("licence_date", licence)] if licence else []
            if licence:
                tracker.slots["licence_date"] = licence
            computed = answers.pending_story_answer(tracker) or (
                answers.balance_answer(tracker) if told_retraits(tracker) and not licence else None) or \
                answers.balance_after_offence_answer(tracker)
            if computed:
                dispatcher.utter_message(text=computed)
                return learnt + [SlotSet("last_question", "action_answer_check_balance")]
        if ANSWERS.get(tracker.get_slot("last_question")) is None and not told_retraits(tracker) and \
                latest_text_says(tracker, _BALANCE_BEFORE_STAGE):
            # "jai fait un stage de recup le 24 et 25 novembre, javais 7 points avant", no question asked before: the
            # story asks the balance after that stage (R12), its form asking what it still needs (T13 c01 got "C'est
            # noté. Quelle est votre question ?", then the stage forgotten)
            stage = answers.stage_of_the_story(dispatcher, tracker, domain)
            if stage is not None:
                return stage
        recent = answers.recent_stage_told(tracker) if ANSWERS.get(tracker.get_slot("last_question")) is None and \
            not told_retraits(tracker) else None
        if recent:
            # "slt jai fait un stage la semaine derniere", no question asked before: what that stage gives (R12), its form
            # asking the balance before it (T37 c01 got "D'accord. Quelle est votre question ?", the stage forgotten, then
            # how to check the balance for "cb de pts jai recup ?")
            found = ValidatePointsAfterStageForm().validate_stage_first_day(recent, dispatcher, tracker, domain)
            return [SlotSet(slot, value) for slot, value in found.items()] + [FollowupAction("points_after_stage_form")]
        history_changed = told_retraits(tracker) != told_retraits(tracker, before_latest=True)
        said = slots_set_by_latest_message(tracker)
        balance_facts_said = any(said.get(slot) is not None for slot in BALANCE_FACTS)
        # ("et l'amende de vitesse a été payée début juillet 2025": an offence of the story named again, T26 c01)
        named_again = said.get("offence_type") is not None and said.get("offence_type") in {
            retrait.offence_type for retrait in told_retraits(tracker, before_latest=True)}
        # ("la ceinture c'était le 12 avril 2024. et j'ai combien de points là" after the recovery of the offences told:
        # the balance asked with the fact corrected, not the recovery alone again; T37 c19)
        balance_asked = answers.story_balance_asked(tracker)
        if (history_changed or balance_facts_said or named_again) and last_question == "action_answer_check_balance" \
                or balance_asked:
            # "non c'était 3 points en juin" after the balance of the retraits told, "ah non j'avais 10 points avant",
            # "permis depuis 2001": that balance again, with the fact corrected (R1, R5, R8–R10)
            computed = answers.balance_answer(tracker)
            if computed:
                computed_before = tracker.get_slot("last_question") == "action_answer_check_balance"
                opening = SUPPOSITION_DROPPED if supposition_taken_back(tracker) else RECALCULATING
                dispatcher.utter_message(text=f"{opening}\n\n{computed}" if computed_before
                                         else computed)
                # (the balance computed again here is the last answer: a hypothesis after it starts from this world,
                # the fact corrected, not the first answer's; T49 c21 compared with the 2025 red light corrected)
                return _months_dated_by_the_story(tracker) + (
                    [SlotSet("last_question", "action_answer_check_balance")] if computed_before else [])
        if offences_since_newly_said(tracker) and last_question in ("action_answer_auto_recovery",
                                                                      "action_answer_check_balance"):
            # "non mais je me suis refait flasher en 2019, 2021 et 2024" after a full recovery computed without them:
            # the recovery again, by the 10-year rule (R10 example 1; T9 c13 got the same answer twice)
            dispatcher.utter_message(text="C'est noté : avec des infractions depuis, je refais le calcul.")
            return answers.ActionAnswerAutoRecovery().run(dispatcher, tracker, domain)
        if len(retraits) > 1 or (history_changed and last_question == "action_answer_auto_recovery"):
            # "feu rouge payé le 2 septembre et stop payé le 15 octobre": the balance and the recovery of them all
            return answers.ActionAnswerAutoRecovery().run(dispatcher, tracker, domain)
        corrections: Dict[str, Any] = slots_set_by_latest_message(tracker)
        amounts = message_values(tracker, "amount")
        if len(amounts) == 1 and tracker.get_slot("offence_class") is not None and "offence_class" not in corrections:
            # "ah non c'était 135 € en fait" after a recovery counted for a 68 € fine: the class of the fine corrected,
            # whose recovery delay it decides (R9), never a speed (T27 c35 got an excess of 85 km/h) nor a question
            corrections["offence_class"] = amounts[0]
        if tracker.get_slot("current_balance") != corrections.get("current_balance") and \
                corrections.get("current_balance") in balances_asked_back(tracker):
            # (the balance asked back, set back by `run`: the user's sum to confirm, not a balance to correct)
            corrections.pop("current_balance")
        # (or a letter's meaning asked on the side: "c'est quoi une 48M ?", then "ok. bon il m'en reste 4", T57 c25)
        waiting, asked = slot_left_for_a_side_question(tracker, last_question) if last_question in SIDE_ANSWERS \
            else (None, None)
        answer_waiting = next((cls for cls in ANSWERS.values() if waiting and getattr(cls, "form", None) == waiting), None)
        if answer_waiting is not None and waiting in VALIDATIONS and corrections.get(asked) is not None and not any(
                slot in corrections for slot in ("fine_payment_date", "offence_date", "last_offence_points")):
            # (an offence's facts told: the side question's offence may be the user's, read below, T41 c33)
            # "il me reste 5 points maintenant" after a stop's points asked on the side ("attends avant ça, un stop
            # c'est combien ?") of "je fais un stage les 17 et 18 décembre, combien j'aurai après ?" while its form
            # asked the balance: the answer to that question, which is resumed (T50 c16 got "C'est noté. Quelle est
            # votre question ?")
            tracker.slots.update({asked: corrections[asked]})
            return [SlotSet(asked, corrections[asked]),
                    *await self._ask(answer_waiting, VALIDATIONS[waiting], dispatcher, tracker, domain)]
        answer = ANSWERS.get(tracker.get_slot("last_question"))
        date_value, number_value = bare_value(tracker, "date"), bare_value(tracker, "points") or bare_value(tracker, "number")
        # (or its two days, whatever role the parser gave them: "ok donc le 27 et 28 février ça passe ?" after the 48N's
        # deadline is a stage's, not the letter's, T7 c19)
        stage_day = stage_days_told(tracker) or role_value(tracker, "date", "stage")
        replaced = date_slot_of_the_year_replaced(tracker)
        if replaced and not any(s in corrections for s in DATE_SLOTS):
            # "elle l'a eu le 10/10/2022 pas 2023" after a licence of 10/10/2023 told: that date's year corrected, the
            # licence's, not a stage's (T62 c28 got "Ce stage (10 octobre 2022) serait antérieur à … son permis")
            corrections[replaced[0]] = replaced[1]
        # (a stage's day besides another date told, "permis 2018, stage prévu le 5 et 6 janvier 2027": both, T11 c25)
        if stage_day is not None and not any(s in corrections and (s in ("stage_first_day", "previous_stage_date")
                                                                   or corrections[s] == stage_day) for s in DATE_SLOTS):
            # "ah non pardon le dernier stage c'était en mars 2026 pas 2025": the stage known that it corrects, the
            # last one done for a past date (when one is known), else the one asked about
            previous_known = tracker.get_slot("previous_stage_date") not in (None, NO_PREVIOUS_STAGE)
            # (the stage asked about also when the last answer reads one: "le stage c'est les 12 et 13 janvier"
            # after whether a stage gives points, T5 c48)
            reads_stage = "stage_first_day" in getattr(answer, "field_slots", {}).values()
            # (and a stage to come told with no question before, "re, en fait j'ai 7 points, stage prévu le 5 et 6
            # janvier 2027" after a cancel: the stage of the question it leads to, T11 c25)
            # (a stage done before the 48N's receipt is never the compulsory one: "et si il a déjà fait un stage
            # volontaire en mars ?" is the last stage, R17; T27 c02 read it as one to come in March 2027)
            before_48n = stage_before_the_48n(tracker, stage_day)
            target = "previous_stage_date" if (previous_known or before_48n) and not is_ahead(stage_day) else \
                "stage_first_day" if tracker.get_slot("stage_first_day") or reads_stage or (
                    answer is None and is_ahead(stage_day)) else None
            if target:
                corrections[target] = stage_day
            elif last_question in _STORY_ANSWERS and told_retraits(tracker) and slot_values.stage_said_done(
                    fold((tracker.latest_message or {}).get("text") or "")):
                # "ah mince j'ai oublié, j'ai fait un stage en mars 2023, les 14 et 15 mars" after the balance of the
                # retraits told: a fact of that history, the last stage that gave points, counted in the balance told
                # again (R12, R13; T36 c17 got "D'accord. Quelle est votre question ?", then the balance asked)
                return self._story_stage_counted(stage_day, last_question, dispatcher, tracker, domain)
        trained = dates_named_by(tracker, _TRAINING_NAMED)
        if len(set(trained)) == 1 and "training_date" not in corrections:
            # "il a fait la formation post permis en mars 2025" after the balance of a licence of 15 June 2024: the
            # training's date (R6), not the licence's (tester T50 c11 got a licence of March 2025, "8 points"); with
            # "son permis c'est le 15/06/2024" beside it, that one the licence's
            corrections["training_date"] = trained[0]
            licence = [v for v in dates_named_by(tracker, _LICENCE_NAMED) if v != trained[0]]
            if len(set(licence)) == 1 and "licence_date" not in corrections:
                corrections["licence_date"] = licence[0]
            if tracker.get_slot("complementary_training") is not True:
                corrections["complementary_training"] = True
        awaited = day_of_the_month_awaited(tracker)
        if awaited and awaited[0] not in corrections:
            # "le 3" to "Quel jour d'août 2026 ?" asked after an answer: that day of the month awaited, for the fact
            # whose month was told ("payé en août 2026"), not the last 3rd for another date (T21 c40: it became the
            # offence's day, 3 November, and the frozen ceiling of 8 became 10, R7)
            corrections[awaited[0]] = awaited[1]
            read = {e.get("value") for e in (tracker.latest_message or {}).get("entities") or []
                    if e.get("entity") == "date"}
            for slot in [s for s in corrections if s != awaited[0] and s in DATE_SLOTS and corrections[s] in read]:
                del corrections[slot]  # (the date the NLU read for it is the day awaited, not another fact's)
        asked = last_bot_question(tracker)
        if (asked == answers.HANDED_BACK_QUESTION or _hand_back_urged(tracker)) and date_value is None and \
                _NOT_YET.search(fold((tracker.latest_message or {}).get("text") or "")) and \
                "licence_handed_back_date" not in corrections:
            # "pas encore" to the day the licence was handed back: by when, and the wait from that day (R20)
            dispatcher.utter_message(text=answers.hand_back_not_yet_answer(tracker))
            return []
        if date_value is not None and asked in _DATE_QUESTIONS and not any(
                s in corrections for s in (*DATE_SLOTS, "licence_handed_back_date")):
            # "le 8 avril" to "À quelle date avez-vous rendu votre permis ?" (R20), "en 2015" to the licence's date
            corrections[_DATE_QUESTIONS[asked]] = date_value
        planned = answers.hand_back_day_answered(tracker) if "licence_handed_back_date" in corrections else None
        if planned:
            # "le 5 décembre", "je le rendrai le 5/12" to "Quel jour allez-vous le rendre ?": the next 5 December, not
            # the last one (T13 c15: "Impossible : le permis ne peut pas être remis avant la réception de la 48SI")
            corrections["licence_handed_back_date"] = planned
        elif date_value is not None and not any(s in corrections for s in (*DATE_SLOTS, "licence_handed_back_date")):
            # the date last given, else the one date the last answer reads ("je l'ai reçue le 20 novembre"
            # after what a 48N is: the date of receipt)
            read_by_answer = {s for s in getattr(answer, "field_slots", {}).values() if s in DATE_SLOTS}
            completed = completes_a_month(tracker, date_value)
            corrected = date_correcting_impossible_one(
                tracker, [s for s in DATE_SLOTS + ("licence_handed_back_date",) if s not in ("stage_first_day",
                                                                                          "previous_stage_date")])
            day_asked = exact_day_answered(tracker, date_value)
            if corrected:
                # "pardon le 28/02/2025" after "payé le 31/02/2025" was refused: the date that one meant ("le 30" alone:
                # that day of the refused date's month)
                target, date_value = corrected
            elif day_asked and (day_asked[1] != date_value or tracker.get_slot(day_asked[0]) in
                                slot_values.rough_days(tracker.events)):
                # (or the exact day of a date counted from "il y a presque 2 ans": the estimate replaced, T57 c16)
                # "le 14" to "Vous avez indiqué mars 2025 pour l'obtention du permis : j'ai retenu le 31 mars 2025 …
                # Donnez-moi le jour exact": the 14th of that March, not the last 14th before today (T37 c03 got a licence
                # of 14 November 2026, "6 points")
                target, date_value = day_asked
            elif (licence_date_said(tracker) == date_value or licence_told_by_pronoun(tracker) == date_value) and not (
                    # ("elle l'a eu le 10 janvier 2026" after "elle a eu son permis en janvier": the licence's, R5;
                    # T41 c13 took it for the offence's day and counted 12 points before it)
                    OFFENCE_DAY_ASKED in _last_bot_text(tracker) and offence_day_told(tracker, date_value)):
                # (not "c'était le 14 juillet 2026. Donc il a encore son permis ?" to "dites-moi sa date" of the offence:
                # its day, which sets the probation's ceiling, R7; T24 c06 moved the licence to that day)
                target = "licence_date"  # "en fait c'était le 12 février 2024 mon permis"
            elif any(tracker.get_slot(s) == date_value for s in DATE_SLOTS):
                # "je vous l'ai donné : 30/11/2023": a date known already, told again, is that fact, no other one
                # (tester T30 c04: the licence's date became the offence's, "retirés le 30 novembre 2023")
                target = next(s for s in DATE_SLOTS if tracker.get_slot(s) == date_value)
            elif completed:
                # "le 14 avril exactement" after "avril 2025" was taken for the licence: that date, to the day
                target = completed
            elif offence_day_told(tracker, date_value) or offence_dated_in_message(tracker, date_value):
                # "le 14 juillet" after the answer asked the day of the offence told without it (R7; T7 c13); "le piéton
                # c'est en octobre, après le stage de juin": the offence named with it (T8 c24)
                target = "offence_date"
            elif day_of_the_fines_notice(date_value, tracker):
                # "non il a PAS reçu de 48N, juste l'amende le 12 novembre": the notice's day, a fact no answer reads,
                # corrects no other date (T12 c40: it became the licence's date, then "infraction commise avant
                # l'obtention du permis")
                target = None
            elif letter_receipt_dated(tracker, date_value):
                # "ah non attend jai retrouvé l'avis de réception, jai signé le 3 août" after a deadline counted from
                # "fin juillet": the letter's receipt corrected, not the offence's day (T33 c04 kept "délai expiré le
                # 21 novembre", then refused a payment before the offence, R15)
                target = "letter_48n_date"
            elif is_ahead(date_value):
                # "et si je le fais demain ?", "le 28 février, ça passe ?": a date to come can only be a stage's
                target = "stage_first_day" if "stage_first_day" in read_by_answer else None
            else:
                target = last_set(tracker, DATE_SLOTS) or (read_by_answer.pop() if len(read_by_answer) == 1 else None)
            if target and completed:
                known = PartialDate.parse(tracker.get_slot(target))
                corrections[target] = PartialDate(known.year, known.month, PartialDate.parse(date_value).day).iso()
            elif target:
                corrections[target] = _known_within_the_year(date_value, tracker.get_slot(target)) or on_the_side_of(
                    date_value, tracker.get_slot(target), (tracker.latest_message or {}).get("text"))
        if number_value is not None and not any(s in corrections for s in NUMBER_SLOTS):
            # (a count said in points is points, never a speed: "2 points, payé le 4 septembre 2026" after the card of
            # a 25 km/h excess is that offence's points, not an excess of 2 km/h; tester T41 c33)
            in_points = bare_value(tracker, "points") is not None
            target = (last_set(tracker, POINT_SLOTS) or "last_offence_points") if in_points else \
                last_set(tracker, NUMBER_SLOTS)
            excess = tracker.get_slot("speed_excess")
            if target == "speed_excess" and number_value in SPEED_LIMITS_KMH and tracker.get_slot("speed_limit") is None \
                    and isinstance(excess, (int, float)) and excess < number_value \
                    and not latest_text_says(tracker, CORRECTION):
                # "80" after "excès de 15 km/h" told without its limit: the limit, which sets the class under 20 km/h
                # (R4: 3e class above 50 km/h, 4e at 50 or below), not an excess of 80 km/h
                target = "speed_limit"
            if _said_as_todays_balance(tracker, number_value):
                # "non non, 8 c'est MAINTENANT, après le retrait" after an answer that took 8 for the balance before
                # the offence: today's balance, not the offence's points (T22 c22 then counted "8 points retirés")
                target = "current_balance"
            if target:
                corrections[target] = number_value
        stage_told = role_value(tracker, "date", "stage")
        pending = (answers.pending_story_answer(tracker) or _pending_loss_answered_again(tracker, last_question)) \
            if stage_told else None
        if pending and not is_ahead(stage_told):
            # "c'est sûr ? j'ai déjà fait un stage les 8 et 9 juin 2026" after a loss to 0 or below: whether that stage
            # saved the licence, or came before the retrait (R13, R18; tester T8 c24); "ah mais j'ai fait un stage en
            # février 2026 déjà, le 9 et 10" after that loss answered from a balance told: the same, and a stage now
            # gives points only a year after it (tester T38 c12 got "Une infraction retire de 1 à 9 points": its
            # "10" read as the points). That stage is the last one done, for the stage questions that follow (R13).
            dispatcher.utter_message(text=pending)
            kept = [] if tracker.get_slot("previous_stage_date") not in (None, NO_PREVIOUS_STAGE) else \
                [SlotSet("previous_stage_date", stage_told)]
            return [*kept, SlotSet("last_question", "action_answer_zero_points")]
        if not corrections:
            impossible = impossible_date_said(tracker)
            if not impossible and not _WORD.search((tracker.latest_message or {}).get("text") or ""):
                # "😀😀", "-3", "...": nothing to note, and no question either
                return [FollowupAction("action_suggest_questions")]
            if impossible:
                dispatcher.utter_message(text=impossible_date_reask(tracker) or impossible)
            elif last_question and _balance_asked_again(tracker):
                # "non elle avait 12 AVANT le telephone. elle en a combien maintenant et quand elle recupere ?" after
                # the balance of that offence: the facts said again, the balance (and its return dates) asked again,
                # not "Quelle est votre question ?" (T54 c10)
                return [FollowupAction("action_answer_check_balance")]
            else:
                # "non c'est tout" to "Avez-vous une autre question ?": a goodbye, not the menu (T19 c28)
                dispatcher.utter_message(response=closing_reply(tracker) or "utter_what_question")
            return []

        too_early = stage_told_within_the_year(corrections.get("previous_stage_date"),
                                               value_before_message("previous_stage_date", tracker)) \
            if latest_text_says(tracker, ANOTHER_STAGE_TOLD) else None
        if too_early:
            # "ensuite … 2eme stage les 9 et 10 juin 2025" after the stage of 10 June 2024 that gave points: begun
            # within the year, it gave none; the year still counts from 10 June 2024, which stays the last stage
            # with points, and that is said (R13 ex. 2; T54 c22 counted from June 2025 and said nothing of it)
            dispatcher.utter_message(text=too_early)
        impossible = impossible_date_reask(tracker)
        if impossible:  # "perdu 1 point pour un excès de 8 km/h, payé le 31/02/2025": said, the rest still read (T9 c17)
            dispatcher.utter_message(text=impossible)
        validator = ValidateProbationForm()
        validated: Dict[str, Any] = {}
        for slot, value in corrections.items():
            validate = getattr(validator, f"validate_{slot}", None)
            validated.update(validate(value, dispatcher, tracker, domain) if validate else {slot: value})
        if too_early and validated.get("previous_stage_date") is not None:
            validated["previous_stage_date"] = value_before_message("previous_stage_date", tracker)
        together = taken_together({last_value_before_message("offence_type", tracker), validated.get("offence_type")})
        if together and latest_text_says(tracker, _ALSO):
            # "et si j'avais aussi fumé un joint ?" after an alcohol answer: both at once (R3, L.235-1)
            validated["offence_type"] = together
        events: List[EventType] = [SlotSet(slot, value) for slot, value in validated.items()]
        if awaited and validated.get(awaited[0]) == awaited[1]:
            events.append(SlotSet("date_awaiting_precision", None))  # (the day awaited is given)
        if any(validated.get(slot) is None for slot in corrections):
            return events  # the validator said what was wrong
        confirmed = fact_confirmed_note(tracker, validated)
        if confirmed:
            dispatcher.utter_message(text=confirmed)
            return events
        tracker.slots.update(validated)
        undone = stage_learnt_undone(tracker) if "current_balance" in validated else []
        if undone:
            # "ah non pardon j'avais 9 pts pas 6" after the points of a stage done: the balance before that stage, which
            # stays the stage asked about, with the last stage said before it; neither asked again (R12, T44 c16)
            tracker.slots.update({e["name"]: e["value"] for e in undone})
            events += undone
        if any(slot in validated for slot in BALANCE_FACTS if slot != "current_balance") and \
                "current_balance" not in validated and answers.balance_learnt_from_an_answer(tracker):
            # "ah non pardon c'était en juin 2023" after a balance computed from "juin 2024": that balance was the
            # answer's, not the user's; computed again from the fact corrected (tester T17 c19: "Votre solde de 10
            # points est possible" beside the 12 points of the licence out of probation)
            tracker.slots["current_balance"] = None
            events.append(SlotSet("current_balance", None))
        if "licence_date" in validated and any(slot in validated for slot in OFFENCE_SLOTS):
            # "permis depuis janvier 2024, feu rouge grillé en mai…": the story of a licence and its
            # offence asks for the balance, which the offence changes during probation (R7)
            return events + await self._ask(answers.ActionAnswerProbation, ValidateProbationForm,
                                            dispatcher, tracker, domain)
        letter = last_value(tracker, "letter_code")
        if "letter_48n_date" in validated and letter not in (None, "48N"):
            # "je l'ai reçue le 20 novembre" after what a 48SI is: that letter's deadline, not a 48N's (R19, R20)
            tracker.slots["letter_code"] = letter
            return [*events, SlotSet("letter_code", letter),
                    *answers.ActionAnswerLetter().run(dispatcher, tracker, domain)]
        if "licence_handed_back_date" in validated or (
                tracker.get_slot("licence_handed_back_date") and "licence_date" in validated):
            # "rendu en préfecture le 20 mars 2023" after a 48SI answer, then "permis depuis 2015": when a new
            # licence may be obtained, and which exams (R20)
            kept = answers.this_hand_back_kept(tracker)  # (an earlier loss's day told: this one's stays, T15 c05)
            computed = answers.invalidation_answer(tracker)
            if computed:
                dispatcher.utter_message(text=computed)
                return events + kept + [SlotSet("last_question", "action_answer_zero_points")]
        if "offence_type" in validated and last_question in OFFENCE_READERS:
            # "ah non en fait c'était un oubli de clignotant" after the recovery of a red light: that offence's points
            # and class, whose delay it is (R9: 2 years for a 2nd class); "c'était un stop, pas un feu rouge" after
            # the probation balance: only the offence changes, its dates and the stage told stay (R7, R12)
            rescaled = offence_scale(validated["offence_type"], {**tracker.slots, "speed_limit": None,
                                                                 "speed_measured": None, "speed_excess": None})
            if rescaled:
                tracker.slots.update(rescaled)
                dispatcher.utter_message(text=RECALCULATING)
                return [*events, *(SlotSet(slot, value) for slot, value in rescaled.items()),
                        *OFFENCE_READERS[last_question]().run(dispatcher, tracker, domain)]
        if latest_text_says(tracker, _ASKS_RECOVERY) and last_question != "action_answer_auto_recovery":
            # "j'ai grillé un feu rouge payé le 4 octobre, je recupere quand ?" read as facts only: the words ask
            # when the points come back (R8, R9)
            return events + await self._ask(answers.ActionAnswerAutoRecovery, VALIDATIONS["auto_recovery_form"],
                                            dispatcher, tracker, domain)
        if ("licence_date" in validated or tracker.get_slot("licence_date") and latest_text_says(
                tracker, answers.ASKS_WHAT_IS_LEFT)) and last_question == "action_answer_offence_points" and not any(
                slot in validated for slot in OFFENCE_SLOTS):
            # "je l'ai eu en janvier 2025" after the points of an offence: the driver's own offence, in probation
            # (R7, R15); the offence answer forgot its facts, which come back for the probation question
            # (and "j'avais jamais eu d'infraction avant. donc il me restera combien ? pas de conduite accompagnée",
            # the licence's day told before: T22 c25 got "C'est noté. Quelle est votre question ?")
            offence = offence_of_the_last_answer(tracker, with_points=False)
            if offence.get("offence_type"):
                tracker.slots.update(offence)
                return [*events, *(SlotSet(slot, value) for slot, value in offence.items()),
                        *await self._ask(answers.ActionAnswerProbation, ValidateProbationForm, dispatcher, tracker,
                                         domain)]
        speeds = ("speed_measured", "speed_limit", "speed_excess")
        if last_question == "action_answer_offence_points" and any(slot in validated for slot in speeds):
            # "non je t'ai dit retenu 133 !" after "flashé à 140 sur une 110": the speed kept corrected, the offence's
            # other facts (which the answer forgot) as told, and its points computed again (R4; T7 c11)
            offence = {slot: last_value_before_message(slot, tracker)
                       for slot in answers.ActionAnswerOffencePoints.question_slots if slot not in validated}
            offence = {slot: value for slot, value in offence.items() if value is not None}
            if "speed_measured" in validated or "speed_excess" in validated:
                offence.pop("speed_excess" if "speed_measured" in validated else "speed_measured", None)
            if (validated.get("offence_type") or offence.get("offence_type")) == "speeding":
                limit = validated.get("speed_limit") or offence.get("speed_limit")
                kept = validated.get("speed_measured")
                if kept is not None and limit is not None and kept > limit and says_retained_speed(
                        (tracker.latest_message or {}).get("text") or ""):
                    # the speed said as the one kept: the excess over the limit, no radar margin to apply to it
                    offence.update(speed_measured=None, speed_excess=int(kept - limit))
                # (the points and class learnt from the answer corrected are learnt again)
                offence.update(last_offence_points=None, offence_class=None)
                tracker.slots.update(offence)
                dispatcher.utter_message(text=RECALCULATING)
                # (the letter and the balance asked with the points, "il va perdre combien de points et il va recevoir
                # quoi comme lettre ?", answered again with the points corrected: T20 c08 never got 10 → 6, R5, R15)
                letter = answers.ActionAnswerLetter().run(dispatcher, tracker, domain) \
                    if which_letter_asked(tracker) else []
                return [*events, *(SlotSet(slot, value) for slot, value in offence.items()), *letter,
                        *answers.ActionAnswerOffencePoints().run(dispatcher, tracker, domain)]
        rescaled = _points_of_the_speeds_corrected(tracker, validated)
        if rescaled:
            # "ah non c'était 35 km/h au-dessus, pas 25" after the balance of the story: the excess's points (and
            # class) the barème gave from the speeds told before are given again from the speeds corrected (R4: 3
            # points for 30 to 40 km/h; tester T61 c20 got "je refais le calcul", then the same 2 points)
            tracker.slots.update(rescaled)
            events += [SlotSet(slot, value) for slot, value in rescaled.items()]
        waiting = question_left_for_a_side_one(tracker) if last_question == "action_answer_offence_points" else None
        answer_waiting = next((cls for cls in ANSWERS.values() if waiting and getattr(cls, "form", None) == waiting), None)
        if answer_waiting is not None and waiting in VALIDATIONS and any(
                slot in validated for slot in ("fine_payment_date", "offence_date", "last_offence_points")):
            # "ok. donc moi c'est justement ça, 2 points, payé le 4 septembre 2026" after the points of an excess asked
            # on the side of "quand est-ce que je récupère mes points ?": that offence is the user's, and the question
            # left waiting is answered with it (R9: 12 points 3 years after the payment; tester T41 c33 got "Excès de
            # 2 km/h : aucun point retiré")
            offence = {slot: value for slot, value in offence_of_the_last_answer(tracker).items()
                       if slot not in validated and value is not None}
            tracker.slots.update(offence)
            return [*events, *(SlotSet(slot, value) for slot, value in offence.items()),
                    *await self._ask(answer_waiting, VALIDATIONS[waiting], dispatcher, tracker, domain)]
        answered_last = next((event.get("name") for event in reversed(tracker.events) if event.get("event") == "action"
                              and (event.get("name") or "").startswith("action_answer_")), None)
        if last_question == "action_answer_retrait_timing" and answered_last == "action_answer_auto_recovery" and \
                validated.get("fine_payment_date") and not is_ahead(validated["fine_payment_date"]):
            # "ah non pardon c'était le 15 mars 2026, et c'était 15 km/h de trop sur une route à 80" after "pas encore"
            # for a payment to come: the recovery asked, now with a past payment (R8, R9), the offence's points and
            # class from the speeds told (tester T19 c33 got the offence's sheet, then its points and fine asked)
            return events + await self._ask(answers.ActionAnswerAutoRecovery, VALIDATIONS["auto_recovery_form"],
                                            dispatcher, tracker, domain)
        asked_before = set(domain.get("forms", {}).get(getattr(answer, "form", None), {}).get("required_slots", []))
        # "mais non le piéton c'est en octobre": the offence told before, dated, corrects the story; not its points asked
        dated_again = "offence_date" in validated and validated.get("offence_type") is not None and \
            validated.get("offence_type") == last_value_before_message("offence_type", tracker)
        # "c'est pas moi c'est mon élève ! et l'amende de vitesse a été payée début juillet" after the balance of the
        # retraits told: the offence named is one of that story's, to correct, not a new question on its points (T26
        # c01 got the 97/80 excess's sheet, then the balance "avec les 2 infractions" lost)
        of_the_story = validated.get("offence_type") is not None and validated.get("offence_type") in {
            retrait.offence_type for retrait in told_retraits(tracker, before_latest=True)}
        for fact_slots, asked, validation in QUESTIONS_OF_LONE_FACTS:
            # (a fact the last question used corrects it: it does not ask another question)
            if (dated_again or of_the_story) and asked is answers.ActionAnswerOffencePoints:
                continue
            if asked is not answer and any(slot in validated and slot not in asked_before for slot in fact_slots):
                return events + await self._ask(asked, validation, dispatcher, tracker, domain)
        if answer is None and validated.get("complementary_training") is True:
            # "permis le 10 février 2025 et j'ai fait la formation complémentaire en octobre 2025, ça change quoi ?": the
            # training only changes the probation (R6), whose answer it asks; the form reads the training's month from
            # this message (T13 c09 got "Quelle est votre question ?", then that month asked)
            return events + await self._ask(answers.ActionAnswerProbation, ValidateProbationForm, dispatcher, tracker,
                                            domain)
        if answer is None and validated.get("stage_first_day") is not None and is_ahead(validated["stage_first_day"]):
            # a stage to come told, no question answered before (after a cancel, T11 c25): the points it will give
            # (R12), its form asking what is missing, not "Quelle est votre question ?" then the stage's day again
            return events + await self._ask(answers.ActionAnswerPointsAfterStage, ValidatePointsAfterStageForm,
                                            dispatcher, tracker, domain)
        computed = answers.pending_story_answer(tracker, leaving_points=True) \
            if last_question == "action_answer_zero_points" else None
        if computed:
            # "mais non le piéton c'est en octobre, après le stage de juin" after whether a stage saves the licence: that
            # answer again with the fact corrected (R18; tester T8 c24); also when the fact now leaves points ("c'était
            # le 14 novembre 2026", the offence of the 2nd year of probation: 8 − 6 = 2, T27 c18 got "Quelle est votre
            # question ?" or the loss again)
            dispatcher.utter_message(text=computed)
            return events
        if answer is None or not await self._facts_complete(answer, dispatcher, tracker, domain):
            if answer is not None and answer.form in VALIDATIONS and last_question != "action_answer_offence_points":
                # "ah non c'était 2025, pas 2024" after a balance out of probation: the licence is now probationary,
                # and the same question asks what that needs (AAC, training, offences) before it is answered again
                # (tester T9 c16 got "Quelle est votre question ?")
                # ("en fait il me reste 5 points" after a computed 10: the user is told the fact is changed)
                changed = any(slot in CORRECTABLE_SLOTS and corrects_a_known_fact(slot, value, tracker)
                              for slot, value in validated.items())
                if not another_person_named(tracker):
                    # ("et son frère, permis classique obtenu le même jour ?" after the daughter's answer: his own
                    # licence asked about, nothing of hers corrected; T57 c13 got "C'est noté" then "A-t-elle suivi…")
                    dispatcher.utter_message(text=f"C'est noté{', je corrige' if changed else ''}. Pour refaire le "
                                                  "calcul :")
                return events + [FollowupAction(answer.form)]
            computed = (answers.balance_answer(tracker) or answers.balance_after_offence_answer(tracker)) \
                if last_question == "action_answer_check_balance" else None
            if computed:
                # "mais je vous dis que j'ai DÉJÀ payé, le 30 novembre", "j'ai dit payée le 2 mai, pas avril" after the
                # balance of the story: that balance again, with the fact as told (R2, R9; tester T15 c01, c39 got
                # "Quelle est votre question ?")
                dispatcher.utter_message(text=f"{RECALCULATING}\n\n{computed}")
                return events
            # (the last answer's own facts may be gone: an offence question forgets its offence)
            dispatcher.utter_message(text="C'est noté. Quelle est votre question ?")
            return events
        if latest_text_says(tracker, CORRECTION):
            # (not before "et la 46 ?" or "et à 62 au lieu de 50 ?": a new case, whose answer says what it is)
            dispatcher.utter_message(text=RECALCULATING)
        return events + answer().run(dispatcher, tracker, domain)

    @staticmethod
    async def _facts_complete(answer, dispatcher, tracker, domain) -> bool:
        validation = VALIDATIONS.get(answer.form)
        if validation is None:
            return True
        return (await validation().next_requested_slot(dispatcher, tracker, domain))["value"] is None

    @staticmethod
    async def _ask(answer, validation, dispatcher, tracker, domain) -> List[EventType]:
        """The answer when the form would ask nothing more, else the form, to ask what is missing."""
        next_question = await validation().next_requested_slot(dispatcher, tracker, domain)
        if next_question["value"] is not None:
            return [FollowupAction(answer.form)]
        return answer().run(dispatcher, tracker, domain)


def _points_of_the_speeds_corrected(tracker: Tracker, validated: Dict[str, Any]) -> Dict[str, Any]:
    """The points and class of the excess of speed told, from the speeds the latest message corrects, when the points
    known were the barème's from the speeds told before (not points the user said): {} when no speed is corrected,
    the offence is not an excess, or the points stay the same (R4)."""
    speeds = ("speed_measured", "speed_limit", "speed_excess")
    if tracker.get_slot("offence_type") != "speeding" or not any(slot in validated for slot in speeds):
        return {}
    before = {slot: last_value_before_message(slot, tracker) for slot in speeds}
    points = tracker.get_slot("last_offence_points")
    if points is None or offence_scale("speeding", {**tracker.slots, **before}).get("last_offence_points") != points:
        return {}  # (points said by the user, or not from those speeds: they stay)
    now = dict(before, **{slot: value for slot, value in validated.items() if slot in speeds})
    if "speed_measured" in validated or "speed_excess" in validated:
        now["speed_excess" if "speed_measured" in validated else "speed_measured"] = None
    rescaled = offence_scale("speeding", {**tracker.slots, **now})
    if not rescaled or rescaled.get("last_offence_points") == points:
        return {}
    return {**{slot: value for slot, value in now.items() if value != tracker.get_slot(slot)}, **rescaled}


def _pending_loss_answered_again(tracker: Tracker, last_question: Optional[str]) -> Optional[str]:
    """The loss to 0 or below of the last answer (the zero-points answer, from the balance told before a retrait still
    pending), answered again with the fact of the latest message (a stage told done); None after any other answer."""
    if last_question != "action_answer_zero_points" or not answers.pending_retrait(answers.Facts(tracker), today()):
        return None
    return answers.pending_loss_answer(tracker)


def stage_learnt_undone(tracker: Tracker) -> List[EventType]:
    """The stage asked about, which the answer on its points made the last stage done (answers.ActionAnswerPointsAfter
    Stage.facts_learnt: "previous_stage_date" its first day, "stage_first_day" emptied), given back to the question
    with the last stage known before it, when the balance corrected is the one before that stage ("j'avais 9 pts"):
    the answer is computed again from the same stage. [] otherwise."""
    if not answers.BALANCE_BEFORE.search(fold((tracker.latest_message or {}).get("text") or "")):
        return []
    events = tracker.events
    answered = next((i for i in range(len(events) - 1, -1, -1) if events[i].get("event") == "action"
                     and events[i].get("name") == "action_answer_points_after_stage"), None)
    if answered is None:
        return []
    after = {e.get("name"): e.get("value") for e in events[answered + 1:] if e.get("event") == "slot"}
    stage = after.get("previous_stage_date")
    if not isinstance(stage, str) or "stage_first_day" not in after or after["stage_first_day"] is not None or \
            tracker.get_slot("previous_stage_date") != stage or \
            sum(e.get("event") == "user" for e in events[answered + 1:]) != 1:
        return []
    before = next((e.get("value") for e in reversed(events[:answered]) if e.get("event") == "slot"
                   and e.get("name") == "previous_stage_date"), None)
    return [SlotSet("stage_first_day", stage), SlotSet("previous_stage_date", before)]
