"""The user closes the conversation or thanks the assistant, in words the NLU did not read as `thank` or `goodbye`:
"non c'est tout" to "Avez-vous une autre question ?", "ah ok merci, c'était une blague lol". Such a message asks
nothing and tells no fact: it gets a goodbye or a "you are welcome", not a request to rephrase or the menu."""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker

from actions.forms import slots_set_by_latest_message, told_retraits_in_latest_message
from bot.nlu.fact_parsing import fold

# The assistant's own question after a thank-you (utter_you_are_welcome) and after a cancelled question.
_ANOTHER_QUESTION = re.compile(r"\bune autre question\b|\bque puis-je faire d'autre\b", re.IGNORECASE)
# Words that end the conversation. ("c'est tout" alone: "c'est tout ce que je voulais savoir".)
_CLOSING = re.compile(r"\bc'?\s?est tout\b|\brien d'autre\b|\b(?:ca|cela) ira\b|\bca va aller\b|\bau revoir\b"
                      r"|\bbonne (?:journee|soiree|route|fin de journee)\b|\bc'?\s?est bon pour moi\b"
                      r"|\bpas d'autres? questions?\b|\bj'ai (?:eu )?(?:ma|mes) reponses?\b")
_THANKS = re.compile(r"\bmerci\b|\bthanks?\b|\bthx\b|\bmrc\b")
# A bare "no" (with "merci", "c'est tout"… at most): an answer to "une autre question ?".
_BARE_NO = re.compile(r"^\W*(?:non|nan|no|nope|pas pour l'?instant|pas pour le moment)\b(?:\W+(?:merci|c'?\s?est tout|"
                      r"rien d'autre|ca ira|ca va))*\W*$")
# An acknowledgement of the answer, alone: "👍", "ok merci 👍", "top", "parfait", "nickel", "super", "d'accord" (folded
# text, its emoji and punctuation aside); the whole message, nothing else (T54 c11: "👍" got "Je n'ai pas bien compris
# votre question sur les points de l'infraction")
_ACKNOWLEDGEMENT_WORDS = re.compile(
    r"^(?:(?:ok|okay|oki|okk?|dac|d'?\s?accord|daccord|top|parfait|nickel|super|genial|cool|impec(?:cable)?|excellent"
    r"|tres bien|bien|ca marche|entendu|compris|vu|bien vu|bien recu|recu|note|ah|ha|oh|bon"
    r"|merci|mrc|thx|beaucoup|bcp|encore|infiniment|pour|tout|ca|l'?\s?info|la reponse|votre aide|c'?\s?est|clair"
    r"|je vois|ca roule|trop bien)\b[\s,.!]*)+$")
# the emoji of an approval or a thank-you ("👍", "👌", "🙏", "😊"); a thinking or puzzled face asks something ("🤔")
_ACKNOWLEDGEMENT_EMOJI = re.compile("[\U0001F44D\U0001F44C\U0001F64F\U0001F60A\U0001F642\U0001F600\U0001F603"
                                    "\U0001F604\U0001F601\U0001F609\u2705\u2714\U0001F4AA\u2764\U0001F44F"
                                    "\U0001F91D\U0001F197]")
_NOT_A_WORD = re.compile(r"[\W_]+")
# A question or a request, which a closing formula never carries. ("merci quand même" asks nothing: T50 c29 got a
# request to rephrase.)
_ASKS = re.compile(r"\?|\b(?:combien|quand(?! meme\b)|pourquoi|comment|est-ce que|je peux|puis-je|mais)\b")


def _last_bot_text(tracker: Tracker) -> str:
    return next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"), "")


def closing_reply(tracker: Tracker) -> Optional[str]:
    """The response that closes the latest message: "utter_goodbye" for "non c'est tout" (or a bare "non" to the
    assistant's "Avez-vous une autre question ?"), "utter_you_are_welcome" for a thank-you that asks nothing
    ("ah ok merci, c'était une blague lol"); None when the message asks something or tells a fact."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not text or _ASKS.search(text):
        return None
    entities = (tracker.latest_message or {}).get("entities") or []
    # "non non je l'ai pas reçue, c'était pour savoir. merci" after the 48SI explained: only a "no" to what the
    # answer offered to compute, with thanks; it closes (tester T62 c29 got "D'accord. Quelle est votre question ?")
    only_denied = bool(entities) and all(e.get("value") is False for e in entities) and bool(_THANKS.search(text))
    if not only_denied and (any(value is not None for value in slots_set_by_latest_message(tracker).values()) or
                            told_retraits_in_latest_message(tracker) or entities):
        return None
    if _CLOSING.search(text) or (_BARE_NO.search(text) and _ANOTHER_QUESTION.search(_last_bot_text(tracker))):
        return "utter_goodbye"
    if _THANKS.search(text) or acknowledges_the_answer(tracker, text):
        return "utter_you_are_welcome"
    return None


def acknowledges_the_answer(tracker: Tracker, text: str) -> bool:
    """Whether the latest message (folded `text`) only acknowledges an answer given before: "👍", "ok merci 👍",
    "top", "parfait" (an approval emoji, or approval words alone); not a bare "ok" or "oui" to a question the
    assistant asked (their forms read them), nor a message before any answer."""
    if not _last_bot_text(tracker) or "?" in _last_bot_text(tracker).splitlines()[-1][-2:]:
        return False
    words = _NOT_A_WORD.sub(" ", _ACKNOWLEDGEMENT_EMOJI.sub(" ", text)).strip()
    if not words:
        return bool(_ACKNOWLEDGEMENT_EMOJI.search(text))
    return bool(_ACKNOWLEDGEMENT_WORDS.match(words))
