"""A yes/no question gets "Oui" or "Non" and its result first, then only the notes that change that answer.

"et si je prends un flash de 3 km/h en janvier, ça bloque ?" got the computation, then five notes ("J'ai retenu le
1er janvier 2027…", "J'ai compté à partir de votre dernière infraction seulement…", "Je suis parti de 12 points…",
"C'est une hypothèse…"), none of which could turn its "non" into a "oui" (tester T12 c07). Two parts:

- `verdict_first(text, yes, answering)`: the answer led by "Oui : " or "Non : " and the line of the computation that
  decides it, when the one who computed it knows the verdict (actions.what_if for an offence to come, R8, R9);
- `without_notes_of_no_bearing(tracker, text)`: for any answer to a yes/no question, the notes that only say how it was
  counted are left out (`NO_BEARING`); a note that may change the answer (an unknown class that makes 2 years 3, a
  safe date that moves the result) stays. The answers' common dispatcher applies it (actions.reminders.reminding).
"""
from __future__ import annotations

import re
from typing import Iterable, List, Optional

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold

# a question word makes an open question: "combien", "quand", "quel jour", "comment", "pourquoi", "où", "c'est quoi"
_OPEN = re.compile(r"\b(?:combien|cb|cbn|quand(?!\s+meme\b)|quel|quelle|quels|quelles|lequel|laquelle|comment|pourquoi|ou\s+(?:est|"
                   r"sont|puis|peut|trouver|voir)|d'ou|quoi|qu'est-ce|que\s+(?:faire|se\s+passe|dois|doit|risque)|a\s+partir"
                   r"\s+de|jusqu'a|combien\s+de\s+temps|qui)\b")
# "ça bloque ?", "je perds des points ?", "c'est trop tard ?", "est-ce que ça change quelque chose ?"
_QUESTION = re.compile(r"[^.!?]*\?")
# "…ou pas ?", "oui ou non ?" stay yes/no; "janvier ou mars ?" is a choice
_CHOICE = re.compile(r"\bou\b(?!\s+(?:pas|non|bien\s+pas)\b)")
# what an offence to come would do to the case: block, move, change, cost (R8, R9)
EFFECT_ASKED = re.compile(r"\b(?:bloqu\w*|empech\w*|repouss\w*|retard\w*|relanc\w*|decal\w*|chang\w*|interromp\w*|"
                          r"annul\w*|remet\w*|compt\w*|impact\w*|joue|gen\w*|pos\w*\s+probleme|perd\w*|retir\w*|"
                          r"enlev\w*|cout\w*|grave)\b")


def asked_question(text: Optional[str]) -> Optional[str]:
    """The last question of a message (folded), or None when it asks none with "?"."""
    questions = _QUESTION.findall(fold(text or ""))
    return questions[-1].strip() if questions else None


# "et si je perds 2 points en janvier ?" asks what would happen: a condition without a main clause of its own, which
# "…, je perds mon point ?", "…ça bloque ?", "…est-ce que c'est trop tard ?" have
_CONDITION_ONLY = re.compile(r"^(?:et\s+)?si\b")
# (a comma opens one only before its subject: "si je perds 2 points en janvier, je perds mon point ?"; not the list of
# "et si on m'arrête au téléphone, sans ceinture et à 35 de trop ?")
_MAIN_CLAUSE = re.compile(r",\s*(?:je|j'|tu|il|elle|on|nous|vous|ils|elles|mon|ma|mes|son|sa|ses)\b"
                          r"|\b(?:ca|cela|c'est|c|est-ce|est\s+ce)\b")


def asks_yes_or_no(text: Optional[str]) -> bool:
    """Whether the message's question is answered by yes or no: no question word, no choice between two things, not a
    bare condition ("et si … ?")."""
    question = asked_question(text)
    if not question or _OPEN.search(question) or _CHOICE.search(question):
        return False
    return not _CONDITION_ONLY.search(question) or bool(_MAIN_CLAUSE.search(question))


def verdict_first(text: str, yes: bool, answering: Optional[str] = None) -> str:
    """`text` (an answer as rendered: its result line, then "- " lines) led by "Oui : " or "Non : " and `answering`,
    the line that decides the verdict (moved first, its bullet dropped); by the result line otherwise."""
    lines = text.split("\n")
    if answering is not None and f"- {answering}" in lines:
        lines.remove(f"- {answering}")
        lines[0] = "- " + lines[0]
        lines.insert(0, answering)
    first = lines[0]
    lines[0] = ("Oui : " if yes else "Non : ") + first[:1].lower() + first[1:]
    return "\n".join(lines)


#: notes that say how an answer was counted and cannot turn its yes into a no (registered by the modules that write
#: them: `of_no_bearing`)
NO_BEARING: List[str] = []


def of_no_bearing(*notes: str) -> None:
    """Register notes (or a part of them that no other note has) that do not change a yes/no answer."""
    NO_BEARING.extend(note for note in notes if note not in NO_BEARING)


def _of_no_bearing(part: str) -> bool:
    return any(note in part for note in NO_BEARING)


def without_notes_of_no_bearing(tracker: Tracker, text: Optional[str]) -> Optional[str]:
    """`text`, for a yes/no question, without its notes of no bearing (its parts after the first, split on blank
    lines); unchanged for another question, or when the answer itself is such a note."""
    if not text or not asks_yes_or_no((tracker.latest_message or {}).get("text")):
        return text
    parts: Iterable[str] = text.split("\n\n")
    first, *notes = parts
    return "\n\n".join([first, *filter(None, map(_with_bearing_only, notes))])


def _with_bearing_only(notes: str) -> Optional[str]:
    """A part of notes without those of no bearing: line by line where the part groups one note per line (the notes of a
    hypothesis, actions.what_if), else whole; None when nothing is left."""
    lines = notes.split("\n")
    kept = [line for line in lines if not _of_no_bearing(line)]
    if len(kept) == len(lines):
        return None if _of_no_bearing(notes) else notes
    return "\n".join(kept) or None


# "je dois envoyer quoi et à qui", "et l'amende, elle est remboursée comment ?": every question of the message opens
# with a question word (with or without "?"), so none is answered by yes or no (tester T16 c02)
_YES_NO_LEAD = re.compile(r"^(?:Oui|Non) : (.)")
# question words that ask nothing: "je dois quand même le faire ?", "à quoi bon le faire ?" stay yes/no questions
_NOT_ASKING = re.compile(r"\bquand\s+meme\b|\ba\s+quoi\s+bon\b")


def without_yes_no_lead(tracker: Tracker, text: Optional[str]) -> Optional[str]:
    """`text` without its leading "Oui : " or "Non : " when the latest message asks only open questions ("…envoyer
    quoi et à qui ?"): a what, when, how or to whom is not answered by yes or no."""
    if not text or not _YES_NO_LEAD.match(text):
        return text
    said = _NOT_ASKING.sub(" ", fold((tracker.latest_message or {}).get("text") or ""))
    questions = [q for q in re.split(r"[?.!]", said) if q.strip()]
    if not questions or not all(_OPEN.search(q) for q in questions if _asks_something(q)) or \
            not any(_asks_something(q) for q in questions):
        return text
    return _YES_NO_LEAD.sub(lambda m: m.group(1).upper(), text, count=1)


def _asks_something(part: str) -> bool:
    """A part of the message that asks (a question word), not a thanks or a fact told ("d'accord", "merci")."""
    return bool(_OPEN.search(part)) or len(part.split()) > 3
