"""The same question asked again in other words gets a short reminder of the answer, not the whole answer again.

An answer action runs with `reminding(dispatcher, tracker)` instead of its dispatcher: a text it sends that the
assistant sent in its previous turn (the same facts give the same rendered answer) becomes "Comme indiqué :"
with its key content (the result line, which `rules_core.wording_fr.render` puts first, and the lines that date
something: `key_content`), and an offer to compute again if a fact changed (testers c15, c17). A message that
answers a question of a form, or that asks to hear the answer again ("tu peux répéter ?"), still gets the whole
answer.

The reminder says "Comme indiqué" only when the question is the same as the one before, in other words ("le stage
dure combien de temps ?", then "ça dure combien d'heures le stage ?"): most of its words were in it. A different
question on the same topic that the answer action answers with the same text ("c'est quoi la 48M ?", then "je suis
obligé de faire le stage ? sinon ça fait quoi", T8 c14; "et si je tombe malade le 2e jour ?" after the stage's card,
T8 c36) is not told it was answered: the assistant says it has nothing more precise, with the result line, and asks
to rephrase.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.third_person import said_of_the_subject
from actions.yes_no import without_notes_of_no_bearing, without_yes_no_lead
from bot.nlu.fact_parsing import fold
from rules_core.dates import MONTHS_FR

REMINDER = "Comme indiqué : {result}"
RECOMPUTE_OFFER = "\nSi un élément de votre situation a changé, dites-le-moi : je referai le calcul."
# Messages that answer a form's question (their answer is the form's, computed once) and are not a question again
ANSWER_INTENTS = ("inform", "affirm", "deny", "dont_know")
# "tu peux répéter ?", "redis-moi tout", "en détail ?": the whole answer (not "je répète : il a encore son permis ?",
# the user repeating the question: T26 c10 got the same long answer word for word)
_USER_REPEATING = r"(?<!\bje )(?<!\bje te )(?<!\bje vous )(?<!\bj'\s)(?<!\bje le )(?<!\bje te le )(?<!\bje vous le )"
_ASKS_IT_AGAIN = re.compile(_USER_REPEATING + r"\brepet\w*|\bredi\w*|\bre-?explique\w*|\bdetail\w*|\ben entier\b")
#: the same follow-up asked again at once: the key content of the reply just given, and a pointer to it
FOLLOW_UP_AGAIN = ("{result}\nC'est la réponse que je viens de vous donner. Si votre question portait sur autre chose, "
                   "pouvez-vous la reformuler en une phrase ?")
#: the same question a third time: the result line alone
ASKED_AGAIN = "Je vous ai déjà donné cette réponse, elle ne change pas : {result}"
#: a different question whose answer would be the same text: nothing more precise, the result, and a request to rephrase
NOTHING_MORE = ("Sur ce point précis, je n'ai pas d'autre réponse que celle-ci : {result}\nSi votre question portait "
                "sur autre chose, pouvez-vous la reformuler en une phrase ?")
# Words that carry no question of their own (folded): function words, fillers, the asking itself
_FILLERS = frozenset("""
    a au aux avec ce ces cet cette c ca cela ceci d de des du en et est es suis sont etre ete il ils elle elles je j
    jai tu t te toi vous v on nous me m moi mon ma mes ton ta tes son sa ses votre vos notre nos le la les l lui leur
    leurs un une y n ne pas qu que qui quoi quel quelle quels quelles s se si sur pour par dans donc alors du coup bon
    ok okay oui non bien ben bah euh mais ou ou est-ce est-que estce parce car aussi encore deja tres trop plus moins
    reformule reformuler redemande question dire dis dites svp stp merci bonjour bonsoir salut hein genre juste
    vraiment comme ai as avez avons ont avoir fait faire peux peut pouvez pourrais etait cest sil qu'il quil chez
""".split())
# (the first letters of a word stand for it: "dure" and "durée", "coûte" and "coût" meet)
_STEM = 5
_WORD = re.compile(r"[a-z0-9]+")


def _question_words(text: str) -> set:
    return {word[:_STEM] for word in _WORD.findall(fold(text or "").replace("'", " "))
            if word not in _FILLERS and (len(word) > 1 or word.isdigit())}


def _previous_user_text(tracker: Tracker) -> Optional[str]:
    """The user's message before the latest one."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return users[-2].get("text") or "" if len(users) >= 2 else None


def asks_the_same(tracker: Tracker) -> bool:
    """Whether the latest message asks again the question of the message before it: at least half of its words (not
    the fillers) were in that one ("flashé à 30 km/h de trop, combien de points ?", then "je reformule : 30 km/h
    au-dessus, c'est combien de points ?"). A message of fillers only ("hein ?", "donc ?") asks the same."""
    before = _previous_user_text(tracker)
    if before is None:
        return True
    latest = _question_words((tracker.latest_message or {}).get("text") or "")
    return not latest or 2 * len(latest & _question_words(before)) >= len(latest)


#: the beginnings of the short forms this module sends in place of an answer already given
_SHORT_FORMS = (REMINDER.split("{")[0], NOTHING_MORE.split("{")[0], "C'est la réponse que je viens de vous donner",
                "Je vous ai déjà donné cette réponse")


def _previous_turns(tracker: Tracker) -> list:
    """The assistant's texts of each turn before the latest message, the most recent turn first."""
    turns, current, latest_seen = [], [], False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if latest_seen:
                turns.append(current)
                current = []
            latest_seen = True
        elif latest_seen and event.get("event") == "bot" and event.get("text"):
            current.append(event["text"].strip())
    return turns + ([current] if current else [])


def _short_form(text: str) -> bool:
    return text.startswith(_SHORT_FORMS) or any(form in text for form in _SHORT_FORMS[2:])


def reminded_already(tracker: Tracker) -> bool:
    """Whether the assistant's previous turn was itself a short form of an answer (a reminder): a third asking."""
    turns = _previous_turns(tracker)
    return bool(turns) and bool(turns[0]) and all(_short_form(text) for text in turns[0])


def already_sent(tracker: Tracker, text: str) -> bool:
    """Whether the assistant sent this very text in its previous turn (the question asked again at once; after
    another answer in between, "j'ai combien de points ?" again after a hypothesis, the whole answer is worth it).
    A previous turn that only reminded of an answer ("Comme indiqué : …") is seen through: the same question a third
    time was answered by the turn before it, not by nothing (T18: the third asking got the whole answer again)."""
    for texts in _previous_turns(tracker):
        if text.strip() in texts:
            return True
        if not texts or not all(_short_form(said) for said in texts):
            return False
    return False


def unsent_this_turn(tracker: Tracker, notes: Iterable[str]) -> List[str]:
    """The notes (once each) that no message of the assistant has said since the user's last message: when two
    answers reply to one message (the letter, then the offence's points), a note they share ("Vous avez indiqué août
    2024 pour l'obtention du permis : …") is said by the first only (tester T20 c08 read it twice)."""
    said = said_this_turn(tracker)
    return [note for note in dict.fromkeys(notes) if not any(note.strip() in text for text in said)]


def said_this_turn(tracker: Tracker) -> List[str]:
    """The texts the assistant sent since the user's last message, the latest first."""
    said = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot" and event.get("text"):
            said.append(event["text"])
    return said


def _balance_of(line: str) -> str:
    """"Solde aujourd'hui : 6 points" of a balance line, without what it says of how it was counted (" (12 points
    avant…)"); "" for another line."""
    return line.split(" (")[0] if line.startswith("Solde aujourd'hui : ") else ""


def _without_balance_said(text: str, given: set) -> str:
    """`text` without its first line when that line gives today's balance, the same figure, already said in this turn
    ("combien il lui en reste et il les récupère quand ?": the recovery's answer gave it, the balance's answer repeated
    it, T28 c18); "" when nothing else remains."""
    first, _, rest = text.partition("\n")
    balance = _balance_of(first.strip().lstrip("- "))
    if not balance or not any(_balance_of(line) == balance for line in given):
        return text
    return rest[2:] if rest.startswith("- ") else rest


def without_lines_said_this_turn(tracker: Tracker, text: Optional[str], dispatcher: Any = None) -> Optional[str]:
    """`text` without its bullet lines ("- …") that a message of the assistant already gave in this turn, by an
    earlier action or by this one (`dispatcher.messages`): a long reply says each paragraph once. Its first line, the
    answer itself, stays."""
    if not text:
        return text
    said = said_this_turn(tracker) + [m.get("text") or "" for m in getattr(dispatcher, "messages", None) or []]
    given = {line.strip().lstrip("- ").strip() for message in said for line in message.splitlines() if line.strip()}
    text = _without_balance_said(text, given)
    if not text or "\n- " not in text:
        return text
    lines = text.split("\n")
    kept = [lines[0]] + [line for line in lines[1:]
                         if not (line.startswith("- ") and line[2:].strip() in given)]
    return "\n".join(kept)


# a long date of an answer ("le 8 mars 2027", "1er février 2027"), read on the folded text
_LONG_DATE = re.compile(r"\b\d{1,2}(?:er)? (?:" + "|".join(fold(month) for month in MONTHS_FR) + r") \d{4}\b")


def dates_something(line: str) -> bool:
    """Whether a line of an answer gives a day of the calendar ("20 juillet 2026", "1er janvier 2026")."""
    return bool(_LONG_DATE.search(fold(line)))


def result_line(text: str) -> str:
    """The first line of an answer, its result, as it reads after "Comme indiqué :". When it gives no date and a
    line below does ("les 3 points … reviennent le 8 mars 2027"), that line's key date is kept with it: the same
    question asked again ("c quand que je recup les points ?") gets the date, not a rule without it (T10 c13)."""
    lines = [line.strip().lstrip("- ").strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[0]
    dated = next((other for other in lines[1:] if dates_something(other)), None)
    if dated is not None and not dates_something(line):
        line = f"{line}\n- {dated}"
    keep_capital = len(line) > 1 and (line[1].isupper() or line[1].isdigit() or line.startswith(("Mes ", "FNPC")))
    return line if keep_capital else line[:1].lower() + line[1:]


# "combien on me rembourse ?", "ça fait combien en euros ?", "je récupère combien sur les 375 ?" (folded)
_ASKS_AN_AMOUNT = re.compile(r"\bcombien\b.*(?:\brembours\w*|\beuros?\b|€|\bamende\b|\bpa[iy]\w*|\bsur les \d+)"
                             r"|(?:\brembours\w*|\beuros?\b|€|\bamende\b)\b.*\bcombien\b|\bquel montant\b")


def reminded_lines(text: str, tracker: Tracker) -> str:
    """The result line of an answer, and the one of its other lines that shares the most words with the question
    asked again, when it shares some: "donc mon point de janvier il revient ou pas ?" is answered by the line on that
    point, not only by the date of the full recovery (T11 c39, c07)."""
    first = result_line(text)
    # (the words of the question the result line does not answer, figures aside: "revient", "janvier", "récupérer")
    asked = {word for word in _question_words((tracker.latest_message or {}).get("text") or "")
             if not word.isdigit()} - _question_words(first)
    others = [line.strip().lstrip("- ") for line in text.strip().splitlines()[1:]
              if line.strip() and not line.startswith("Réponse sous réserve")]
    # (a code is the most specific word: "48n" weighs more than "avis"; an amount asked, "on me rembourse combien sur
    # les 375 ?", is answered by the line that says one in euros: T44 c24 got the result line alone, twice)
    money = 2 if _ASKS_AN_AMOUNT.search(fold((tracker.latest_message or {}).get("text") or "")) else 0
    best = max([(sum(2 if any(c.isdigit() for c in word) else 1 for word in asked & _question_words(line))
                 + (money if "€" in line else 0), -n, line)
                for n, line in enumerate(others)], default=None)
    return first + "\n" + best[2] if best is not None and best[0] >= 1 else first


#: the answer's dated lines a reminder repeats after its result, at most
KEY_LINES = 3


def key_content(text: str) -> str:
    """What a reminder repeats of an answer: its result line, then its lines that date something (when a point comes
    back, the balance on a day), each with its article, at most `KEY_LINES`; not the reservations, nor the lines
    without a date (an offence's fine, what a stage is). "Comme indiqué :" with the result line alone left out the
    point that comes back on 20 July (tester T11 c39)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    result = result_line(text)
    # (not the dated line the result line already carries when it has no date of its own, T10 c13)
    dated = [line for line in lines[1:] if line.startswith("- ") and dates_something(line)
             and line[2:].strip() not in result]
    return "\n".join([result] + dated[:KEY_LINES])


def reminder_body(text: str, tracker: Tracker) -> str:
    """What "Comme indiqué" repeats: the answer's key content (`key_content`), and the dated line that answers the
    question asked again (`reminded_lines`) when it is not among them (an undated line stays out, as in
    `key_content`)."""
    body = key_content(text)
    # (after the result line, which may carry a dated line of its own: T31 saw "- - Le retrait…" and two lines twice)
    answering = reminded_lines(text, tracker)[len(result_line(text)):].lstrip("\n")
    if not answering or answering in body or not dates_something(answering):
        return body
    return f"{body}\n- {answering}"


def reminder_of(tracker: Tracker, text: Optional[str], recompute: bool = True) -> Optional[str]:
    """The short reminder that replaces `text` when it was already sent for a question asked again, with the offer to
    compute again when a fact changes (`recompute`); None otherwise."""
    if not text or not already_sent(tracker, text):
        return None
    latest = tracker.latest_message or {}
    if ((latest.get("intent") or {}).get("name") in ANSWER_INTENTS
            or _ASKS_IT_AGAIN.search(fold(latest.get("text") or ""))):
        return None
    if text.strip().splitlines()[0].rstrip().endswith(":"):
        # an answer that is a list ("Je peux calculer, pour votre situation :" and what follows): its first line says
        # nothing alone, the list is the answer (tester T13 c19: "aide" got that line and no list)
        return None
    if not asks_the_same(tracker):  # another question on the same topic: not "Comme indiqué" (T8 c14, c36)
        # (its result and the one line nearest the question, not the whole answer again: T13 c34, c40)
        return NOTHING_MORE.format(result=reminded_lines(text, tracker))
    if reminded_already(tracker):
        # a third time: the result alone, and that it was given (not the reminder just sent, word for word; T18)
        return ASKED_AGAIN.format(result=result_line(text)) + (RECOMPUTE_OFFER if recompute else "")
    return REMINDER.format(result=reminder_body(text, tracker)) + (RECOMPUTE_OFFER if recompute else "")


def follow_up_reminder(tracker: Tracker, text: Optional[str]) -> Optional[str]:
    """The same follow-up asked again at once ("et l'amende ?" twice, "donc tribunal ou pas ?"): its reply was the
    assistant's previous turn, so its key content (the verdict first, as a yes/no question wants it) and a pointer to
    the reply just given, not the same reply word for word (helper h24); whatever the intent the follow-up was read
    as. None when the reply was not just sent, or the user asks to hear it again."""
    if not text or not already_sent(tracker, text) or \
            _ASKS_IT_AGAIN.search(fold((tracker.latest_message or {}).get("text") or "")) or \
            text.strip().splitlines()[0].rstrip().endswith(":"):
        return None
    body = reminder_body(text, tracker)
    return FOLLOW_UP_AGAIN.format(result=body[:1].upper() + body[1:])


class _Reminding:
    """The answers' common dispatcher: a computed answer about someone else's licence is said of that person
    (`actions.third_person`), and an answer already sent becomes a reminder (see `reminder_of`)."""

    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker, recompute: bool):
        self._dispatcher, self._tracker, self._recompute = dispatcher, tracker, recompute

    def utter_message(self, text: Optional[str] = None, **kwargs: Any) -> None:
        if self._recompute:  # "mon fils a eu un excès…": said of him, not of the user (c15)
            text = said_of_the_subject(self._tracker, text)
        # "…ça bloque ?": the verdict, without the notes on how it was counted (T12 c07)
        text = without_notes_of_no_bearing(self._tracker, text)
        # "je dois envoyer quoi et à qui ?": no "Oui : " before the answer to an open question (T16 c02)
        text = without_yes_no_lead(self._tracker, text)
        reminder = None if kwargs.get("buttons") else reminder_of(self._tracker, text, self._recompute)
        text = without_lines_said_this_turn(self._tracker, reminder or text, self._dispatcher)
        if text or kwargs:  # (a message that only repeated today's balance is not sent)
            self._dispatcher.utter_message(text=text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._dispatcher, name)


def reminding(dispatcher: CollectingDispatcher, tracker: Tracker, recompute: bool = True) -> CollectingDispatcher:
    """`dispatcher`, sending a reminder instead of an answer already sent in the conversation (with the offer to compute
    again when a fact changes, for a computed answer: `recompute`)."""
    if isinstance(dispatcher, _Reminding):
        return dispatcher
    return _Reminding(dispatcher, tracker, recompute)  # type: ignore[return-value]
