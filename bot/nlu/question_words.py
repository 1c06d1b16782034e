"""Question sentences whose words ask one question unmistakably, read without Rasa (the NLU's `QuestionWordsIntent`
and the actions share them).

`asks_which_letter_comes`: which letter (courrier) the user will receive, no letter named: "je vais recevoir quoi
comme courrier ?", "quel courrier je vais recevoir ?", "je vais avoir une lettre ?", "ils vont m'envoyer quoi ?"
(R19: a 48, 48M, 48N or 48SI, from the retrait and the balance; tester T10 c12).
"""
from __future__ import annotations

import re

from bot.nlu.fact_parsing import fold

# A letter, a courrier, a registered letter, or a letter's code (folded text)
LETTER_NOUN = re.compile(r"\b(?:lettres?|courriers?|recommandee?s?|lrar)\b")
_LETTER_CODE = re.compile(r"\b(?:4[678]\s?(?:[a-z]{1,2}\b)?|48\s?si)\b")
# The user receiving, or being sent, something to come: "je vais recevoir", "je recevrai", "on va m'envoyer", "ils
# m'enverront", "qu'est-ce qu'on m'envoie", "je vais avoir", "j'aurai", "va arriver"; not the user sending ("je dois
# envoyer quoi pour le remboursement ?")
_TO_ME = r"(?:m'|me\s+|lui\s+|nous\s+|leur\s+)(?:l'|le\s+|la\s+)?"
_RECEIVED = (r"\b(?:vais|va|vas|vont|allons|allez|devrais|devrait|risque|risquent)\s+(?:" + _TO_ME + r")?"
             r"(?:recevoir|envoyer)\b"
             r"|\b(?:recevrai\w*|recevra\w*|recevr\w*|recoi[st]|recoit|recoivent)\b"
             r"|\b" + _TO_ME + r"(?:envoi\w*|enverr\w*|envoy\w*|expedi\w*)\b")
RECEIVED = re.compile(_RECEIVED)
# ... or having, or seeing come, a letter (with the letter's noun only: "je vais avoir quoi ?" may ask the points)
_HAD = re.compile(r"\b(?:vais|va|vas|vont|devrais|devrait|risque)\s+(?:avoir|arriver)\b|\bj'?\s?aurai[st]?\b"
                  r"|\b(?:il|elle|on)\s+aura(?:it)?\b|\barriver\w*\b")
_WHAT = re.compile(r"\bquoi\b|\bquel(?:le)?s?\b|\bqu'?\s?est[- ]ce\b|\bque\s+(?:je|j'|on|il|elle)\b")
# something else received: the fine, its notice, the points, the money of a refund, a certificate
_OTHER_THING = re.compile(r"\bamendes?\b|\bpv\b|\bproces\b|\bavis\b|\bcontraventions?\b|\bpoints?\b|\bpts?\b"
                          r"|\bargent\b|\brembours\w*|\battestation\w*|\bconvocation\w*|\bpermis\b")
# when it comes, not which one ("quand est-ce que je vais recevoir la lettre ?"): the letter's timing, left to the
# classifier
_WHEN = re.compile(r"\bquand\b|\bcombien de temps\b|\bdelai\b|\bau bout de\b")


# The questions the assistant answers, as a button names them (actions.fallback shows them as buttons, with the
# intent as payload).
QUESTION_TITLES = {
    "ask_points_after_stage": "Mes points après un stage",
    "ask_stage_eligibility": "Puis-je refaire un stage ?",
    "ask_auto_recovery": "Quand récupérer mes points ?",
    "ask_probation": "Permis probatoire",
    "ask_offence_points": "Points d'une infraction",
    "ask_mandatory_stage": "Stage obligatoire (lettre 48N)",
    "ask_refund_48n": "Remboursement de l'amende (48N)",
    "ask_letter": "Signification d'une lettre 48",
    "ask_zero_points": "Plus de points, invalidation",
    "ask_retrait_timing": "Quand les points sont retirés",
    "ask_check_balance": "Connaître mon solde de points",
    "ask_stage_info": "Le stage : durée, prix, déroulement",
    "ask_suspension": "Stage et suspension du permis",
}
# "Permis probatoire", "points d'une infraction ?": a button's title typed, or sent by a channel that sends the title
# instead of the payload (tester T23 c28, c19: "Points d'une infraction" read as inform, "Quelle est votre question ?")
_TITLE_INTENTS = {fold(title).strip(" ?!."): intent for intent, title in QUESTION_TITLES.items()}


def intent_of_a_title(text: str) -> "str | None":
    """The question a message names by a button's title alone (the whole message, case, accents and final
    punctuation aside); None otherwise."""
    return _TITLE_INTENTS.get(fold(text or "").strip(" ?!.\n\t"))


#: where a sentence of a message ends
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def asked_sentence(text: str) -> str:
    """The sentence of a message that asks its question: its last sentence ending with "?", else its last one."""
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()] or [text]
    return next((s for s in reversed(sentences) if s.endswith("?")), sentences[-1])


def asks_which_letter_comes(sentence: str) -> bool:
    """Whether a question sentence asks which letter will come, no letter named ("je vais recevoir quoi comme
    courrier ?", "ils vont m'envoyer quoi ?", "je vais avoir une lettre ?")."""
    folded = fold(sentence)
    if _LETTER_CODE.search(folded) or _WHEN.search(folded):
        return False
    if LETTER_NOUN.search(folded):
        return bool(RECEIVED.search(folded) or _HAD.search(folded))
    return bool(RECEIVED.search(folded) and _WHAT.search(folded) and not _OTHER_THING.search(folded))
