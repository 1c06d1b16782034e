"""Messages typed while a form waits for a fact that are not that fact: "c'est sûr ?", "pourquoi ?", "et je passe
à 12 quand ?". They are questions, not answers: a "c'est sûr ?" read as "oui" must not answer a yes/no question,
and a question the form cannot read must not get "je n'ai pas compris votre réponse".

Each gets a reply that says what the fact is for (the rule it decides), then the form asks its question again.
No law is decided here: the reasons name the rules the answers apply (spec R5–R16).
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold, negative_balance_told

# Why each fact is asked: the rule it decides in the answer (spec rule in the comment).
WHY_ASKED = {
    # R5: the probation's length and yearly increments run from the licence's date
    "licence_date": "la date du permis dit s'il est encore probatoire et quel est son plafond de points (6 points "
                    "au départ, puis des points gagnés chaque année de la période probatoire, article L.223-1 du "
                    "Code de la route)",
    # R5: AAC gives a 2-year probation with +3 a year, instead of 3 years with +2
    "supervised_driving": "avec la conduite accompagnée, la période probatoire dure 2 ans et rapporte 3 points par "
                          "an, au lieu de 3 ans et 2 points par an : votre solde et la date de vos 12 points en "
                          "dépendent (article L.223-1 du Code de la route)",
    # R6: the training shortens the probation (3 years to 2, 2 years to 18 months)
    "complementary_training": "la formation complémentaire raccourcit la période probatoire (3 ans ramenés à 2 ans, "
                              "ou 2 ans à 18 mois avec la conduite accompagnée) : votre solde et la date de vos 12 "
                              "points en dépendent (article L.223-1 du Code de la route)",
    # R6: the training counts only when taken between the 6th and the 12th month
    "training_date": "la formation ne raccourcit la période probatoire que si elle a été suivie entre le 6e et le "
                     "12e mois du permis (article R.223-1 du Code de la route)",
    # R7: an offence with a retrait during probation stops the increments and freezes the ceiling
    "probation_offence": "une infraction qui a retiré des points pendant la période probatoire arrête les points "
                         "gagnés chaque année et fige le plafond (article L.223-1 du Code de la route)",
    # R7: the day of the offence decides which increments were still due
    "offence_date": "le jour de l'infraction décide des points gagnés avant elle pendant la période probatoire "
                    "(article L.223-1 du Code de la route)",
    # R1, R3: the balance is what was withdrawn from the one before
    "last_offence_points": "le solde et les dates de récupération dépendent du nombre de points retirés (article "
                           "L.223-1 du Code de la route)",
    # R9: 2 years without a new offence for the first three classes, 3 years for the 4th and 5th and délits
    "offence_class": "le montant de l'amende donne la classe de l'infraction, et le délai pour retrouver tous vos "
                     "points en dépend : 2 ans ou 3 ans sans nouvelle infraction (article L.223-6 du Code de la route)",
    # R2, R8, R9: the points go, and the recovery delays run, from the payment
    "fine_payment_date": "les points sont retirés au paiement de l'amende, et les délais de récupération partent de "
                         "cette date (article L.223-6 du Code de la route)",
    # R1, R12: a stage gives up to 4 points within the ceiling
    "current_balance": "un stage rend au plus 4 points sans dépasser votre plafond : votre total après le stage "
                       "dépend du solde de départ (article L.223-6 du Code de la route)",
    # R12, R13: its points count from the day after, and one stage a year gives points
    "stage_first_day": "le stage rend ses points le lendemain de son dernier jour, et un seul stage par an peut en "
                       "rendre (article L.223-6 du Code de la route)",
    # R13: one point-giving stage per year, from date to date
    "previous_stage_date": "un seul stage par an peut rendre des points : il faut un an de date à date depuis le "
                           "dernier (article L.223-6 du Code de la route)",
    # R15: the compulsory stage is due within 4 months of the letter's receipt
    "letter_48n_date": "le stage obligatoire doit être fait dans les 4 mois qui suivent la réception de la lettre "
                       "48N (article R.223-4 du Code de la route)",
    # R19: each letter means something else
    "letter_code": "chaque lettre a un sens différent : retrait de points, stage obligatoire, invalidation du "
                   "permis ou points rendus",
    # R4: the points depend on the offence
    "offence_type": "le nombre de points retirés et l'amende dépendent de l'infraction",
    # R4: a speeding's points depend on the excess, and some on the limit
    "speed_limit": "pour un excès de vitesse, les points dépendent de l'excès et parfois de la vitesse autorisée",
    "speed_excess": "pour un excès de vitesse, le nombre de points retirés dépend de l'excès (article R.413-14 du "
                    "Code de la route)",
}

# What the notion a form's question names is, for "c quoi ça ?" typed in reply (tester T16 c06).
WHAT_IT_IS = {
    # R6 (L.223-1 al. 2, R.223-1 II): 7 hours, between the 6th and the 12th month, a first licence; no offence with a
    # retrait nor suspension after it
    "complementary_training": (
        "La formation complémentaire post-permis est une formation facultative de 7 heures, dans une auto-école "
        "labellisée, à suivre entre le 6e et le 12e mois d'un premier permis. Si aucune infraction avec retrait de "
        "points ni suspension ne suit, elle raccourcit la période probatoire : 2 ans au lieu de 3, ou 18 mois au lieu "
        "de 2 ans après la conduite accompagnée ; le permis a alors ses 12 points à la fin de cette période (article "
        "R.223-1 du Code de la route)."),
    # R5: AAC, 2 years of probation and 3 points a year
    "supervised_driving": (
        "La conduite accompagnée (apprentissage anticipé de la conduite, AAC) se fait avant le permis, dès 15 ans, "
        "avec un accompagnateur, après une formation initiale en auto-école. Après elle, la période probatoire dure "
        "2 ans au lieu de 3, et le permis gagne 3 points par an sans infraction (article L.223-1 du Code de la "
        "route)."),
}
# "c quoi ça ?", "c'est quoi ?", "qu'est-ce que c'est ?", "ça veut dire quoi ?", "c'est quoi ce truc ?": what the
# question just asked names, not another notion ("c'est quoi la 48N ?" is a question of its own)
_ASKS_WHAT_THAT_IS = re.compile(
    r"\b(?:c'?\s?est|c)\s+(?:quoi|koi)(?:\s+(?:ca|cela|ce truc|ce machin|exactement|au juste))*\s*(?:[?!.,;]|$)"
    r"|\bqu'?\s?est[- ]ce que c'?\s?est\b|\b(?:ca|cela) veut dire quoi\b|\bveut dire quoi\s*\?")


# the notion of a yes/no question named in "c quoi ce truc de formation complémentaire ?", "c'est quoi la conduite
# accompagnée ?", "la formation complémentaire, c'est quoi ?" (folded text)
_NOTION_NAMED = {"complementary_training": re.compile(r"\bformation\b"),
                 "supervised_driving": re.compile(r"\bconduite accompagnee\b|\baac\b")}
_ASKS_WHAT_IT_IS_NAMED = re.compile(
    r"\b(?:c'?\s?est|c)\s+(?:quoi|koi)\b|\bqu'?\s?est[- ]ce que c'?\s?est\b|\bveut dire quoi\b"
    r"|\bjamais entendu parler\b|\bconnais pas\b")


def notion_asked_by_name(tracker: Tracker, requested: Optional[str]) -> bool:
    """"c quoi ce truc de formation complémentaire ? j'en ai jamais entendu parler" to the training's question: what
    the question names is asked, by its name, and no yes or no given with it ("formation complémentaire" there is no
    yes: tester T62 c02 got the training's date asked)."""
    notion = _NOTION_NAMED.get(requested or "")
    text = _text(tracker)
    if notion is None or not notion.search(text) or not _ASKS_WHAT_IT_IS_NAMED.search(text) or \
            len(text) > QUESTION_MAX_CHARS:
        return False
    return not (_OPENS_WITH_YES.search(text) or _OPENS_WITH_NO.search(text) or _SAYS_NOT_DONE.search(text)
                or re.search(r"\b(?:oui|ouais|non|nan)\b", text))


def what_the_question_names(tracker: Tracker, requested: Optional[str]) -> Optional[str]:
    """"c quoi ça ? je crois pas non" to "Avez-vous suivi la formation complémentaire… ?": what that training is (R6),
    before the answer given with it is read (or the question asked again). None for another message."""
    text = _text(tracker)
    if requested in WHAT_IT_IS and notion_asked_by_name(tracker, requested):
        return WHAT_IT_IS[requested]
    if requested not in WHAT_IT_IS and requested not in WHY_ASKED or not text or len(text) > QUESTION_MAX_CHARS \
            or not _ASKS_WHAT_THAT_IS.search(text):
        return None
    if requested in WHAT_IT_IS:
        return WHAT_IT_IS[requested]
    # a question whose notion needs no definition ("À quelle date avez-vous payé l'amende ?"): what it is for (R1–R16),
    # when the message names nothing else ("la formation complémentaire, c quoi ?" asks about that notion)
    named = re.sub(r"\b(?:et|mais|euh|hein|ok|bon|ah|alors|du coup)\b", " ", _ASKS_WHAT_THAT_IS.sub(" ", text))
    return None if re.search(r"\w", named) else f"Je vous pose cette question {_because(WHY_ASKED[requested])}."


def only_what_it_is_asked(tracker: Tracker, requested: Optional[str]) -> bool:
    """"c koi ça ?" alone to the question `requested`: nothing else to read in it (no yes or no, no fact), so the
    explanation of the question is the whole reply before it is asked again; not the card of another notion the NLU
    read in it (tester T27 c16 got the stage's practical card after the training's explanation)."""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    text = _text(tracker)
    said = re.sub(_ASKS_WHAT_THAT_IS.pattern, " ", text)
    return what_the_question_names(tracker, requested) is not None and intent not in ("affirm", "deny", "dont_know") \
        and not re.search(r"\b(?:oui|ouais|non|nan|pas|jamais|sais)\b|\d", said) and not any(
            value is not None for slot, value in tracker.slots_to_validate().items() if slot != "requested_slot")


# "c'est sûr ?", "vous êtes sûr ?", "t'es certain ?", "sûr ?"
_ASKS_HOW_SURE = re.compile(r"^\W*(?:et\s+|mais\s+)?(?:(?:c'?\s?est|vous etes|t'?\s?es|tu es|etes[- ]vous|es[- ]tu|c)\s+)?"
                            r"(?:bien\s+|vraiment\s+)?(?:sur|sure|surs|certain|certaine|fiable)\W*$")
# "pourquoi ?", "pk ?", "pourquoi vous me demandez ça ?", "ça sert à quoi ?", "quel rapport ?", also after another
# sentence ("ok. mais pourquoi ?", T26 c02)
_ASKS_WHY = re.compile(r"(?:^|[.!?;])\W*(?:et\s+|mais\s+)?(?:pourquoi|pk|pq|pkoi|pourquoi ca|en quoi)\b[^0-9]{0,40}$"
                       r"|\b(?:ca|cela) sert a quoi\b|\bquel rapport\b|\bqu'?est[- ]ce que ca change\b"
                       r"|\bca change quoi\b")
# a question of the user's own (not an answer): a question mark, or a question word first
_A_QUESTION = re.compile(r"\?\s*$|^\W*(?:et\s+)?(?:quand|combien|comment|est[- ]ce que|est ce que|quel|quelle"
                         r"|est-il|peut-on|puis-je|je peux|j'?\s?aurai|a partir de quand)\b")
# The facts asked as a number: a number in a message is then an answer, not what a question is about.
NUMBER_SLOTS = ("current_balance", "last_offence_points", "offence_class", "speed_limit", "speed_excess")
# A question is short: a long message is a story whose facts the form reads.
QUESTION_MAX_CHARS = 80


def _because(reason: str) -> str:
    """"parce que" before the reason, elided before a vowel ("parce qu'un seul stage…")."""
    return f"parce qu'{reason}" if fold(reason[:1]) in "aeiouy" else f"parce que {reason}"


def _text(tracker: Tracker) -> str:
    return fold((tracker.latest_message or {}).get("text") or "")


# "Annulez, en fait je vais attendre", "bon laissez tomber, annulez tout", "stop.", "non pas de calcul, je veux juste
# savoir…" (T28 c17): the user gives up the question, at
# the start of a clause and closing it (not "laisse tomber mars", a month dropped; not "un stop grillé", an offence)
_CANCELS = re.compile(
    r"(?:^|[.!,;:]\s*|\b(?:bon|ok|non|ah|euh|en fait)\s+)(?:annulez|annule[rz]?|laissez\s+tomber|laisse[rz]?\s+tomber"
    r"|oubliez|oublie[rz]?|stop|stoppez|arretez|pas (?:besoin )?de calculs?)(?:\s+(?:tout|ca|cela|la question|ma question"
    r"|ma demande))?"
    r"\s*(?=$|[.!,;:]|en fait|finalement|c'?est bon|je vais|merci)")


def cancels_the_question(tracker: Tracker) -> bool:
    """The latest message gives up the question being asked ("…j'ai 9 points. Annulez, en fait je vais attendre"),
    whatever else it says before, unless a question of its own follows the cancel ("laissez tomber, et pour un feu
    rouge ?"): that one is answered instead (T19 c37: the form went on asking). A goodbye gives it up as well
    ("non merci c'est bon, bonne journée": `says_goodbye`)."""
    text = (tracker.latest_message or {}).get("text") or ""
    found = _CANCELS.search(fold(text))
    return found is not None and "?" not in fold(text)[found.end():] or says_goodbye(tracker) or \
        topic_ended(tracker) is not None


# the fact asked declined, the general answer enough (folded text): "non c'est pour ma culture générale merci", "c'est
# juste pour savoir", "par curiosité", "je ne suis pas concerné", "c'était une question générale"
_DECLINES_THE_FACT = re.compile(
    r"\bculture (?:generale|perso\w*|g)\b|\bcuriosite\b|\b(?:juste|seulement|simplement|c'?\s?est) pour (?:savoir|info"
    r"|information|me renseigner|ma gouverne)\b|\bpour ma gouverne\b|\bpas concerne\w*|\bne me concerne pas\b"
    r"|\bme concerne pas\b|\bquestion (?:generale|theorique|en general)\b|\bc'?\s?etait en general\b"
    r"|\b(?:je ne veux pas|je veux pas|pas besoin d'?\s?un|pas la peine de) (?:de )?calcul\w*")
# the topic closed with thanks (folded text): "ça me suffit merci", "ça ira, merci", "j'ai ma réponse", "c'est bon
# merci" ("merci" alone, often after a side answer, is politeness: the question goes on)
_ENOUGH = re.compile(r"\b(?:ca|cela) (?:me |nous )?(?:suffit|suffira|suffisait)\b|\bca ira\b|\bj'?\s?ai (?:eu )?ma reponse\b"
                     r"|\bpas besoin d'?\s?en savoir plus\b")
_ENOUGH_WITH_THANKS = re.compile(r"\bc'?\s?est (?:tout|bon|parfait|suffisant)\b")
# said of an offence to come ("c'est pas encore arrivé, c'est juste pour savoir": the offence's day asked, R2)
_NOT_HAPPENED_YET = re.compile(r"\bpas (?:encore )?(?:arrive\w*|eu lieu|commis\w*)\b|\bhypoth\w*|\bsi jamais\b")
#: the reply to a fact declined (the answer in general was enough): the form ends, nothing asked after it
FACT_DECLINED = ("D'accord : la règle générale ci-dessus vous suffit donc, je n'ai pas besoin de vos informations. Si "
                 "un jour vous voulez le calcul pour un permis précis, il suffit de me le demander.")
#: the reply to a thanks that ends the topic while a fact is asked
TOPIC_CLOSED = ("Avec plaisir ! Je m'arrête là. Si vous voulez un jour le calcul pour votre situation, il suffit de me "
                "le demander.")


def topic_ended(tracker: Tracker) -> Optional[str]:
    """The reply when the latest message ends the question without giving the fact asked, and asks nothing more: the
    fact declined, the general answer enough ("non c'est pour ma culture générale merci", FACT_DECLINED; tester T58
    c06 got "Je n'ai pas compris votre réponse" and the question again), or a thanks that closes the topic ("ça me
    suffit merci", TOPIC_CLOSED; T58 c02 got "Avec plaisir !" and the balance asked again). None otherwise, or when
    the message tells a fact (its entities are the form's) or asks a question of its own."""
    message = tracker.latest_message or {}
    text = _text(tracker)
    if not text or "?" in text or message.get("entities") or len(text) > QUESTION_MAX_CHARS or \
            _NOT_HAPPENED_YET.search(text) or says_goodbye(tracker):
        return None  # (a goodbye with it, "non merci c'est bon, bonne journée", is said goodbye to: says_goodbye)
    if _DECLINES_THE_FACT.search(text) and tracker.get_slot("requested_slot") != "offence_date":
        # (to the offence's day, "c'est juste pour savoir" says the offence is to come: forms.offence_still_to_come)
        return FACT_DECLINED
    if _ENOUGH.search(text) or (_ENOUGH_WITH_THANKS.search(text) and re.search(r"\bmerci\b", text)):
        return TOPIC_CLOSED
    return None


# "au revoir", "bonne journée", "bye", "ciao", "à plus", "à la prochaine": the user takes leave (folded text)
_FAREWELL = re.compile(r"\bau revoir\b|\bbonne (?:journee|soiree|nuit|fin de journee|route|continuation)\b|\bbye\b"
                       r"|\bciao\b|\ba (?:\+|plus)(?:\s|$)|\ba la prochaine\b")
# a question or a request said with it ("bonne journée, mais je peux faire un stage ?"): not a goodbye
_ASKS_STILL = re.compile(r"\?|\b(?:combien|quand|pourquoi|comment|est-ce que|est ce que|je peux|puis-je|mais)\b")
#: the goodbye's reply (domain.yml, utter_goodbye)
GOODBYE_SAID = "Au revoir"


def says_goodbye(tracker: Tracker) -> bool:
    """The latest message takes leave and asks nothing more, whatever it says before ("non merci c'est bon, bonne
    journée", "laisse tomber, merci au revoir", "stop, au revoir"): the question being asked is given up, and the
    assistant says goodbye once, asking nothing after it (tester T49 c30 got "Au revoir, et bonne route !" then "Que
    puis-je faire d'autre pour vous ?"; another got "Je n'ai pas compris votre réponse" and the question again). A
    message that tells a fact (an entity) is read by the form."""
    message = tracker.latest_message or {}
    text = _text(tracker)
    return bool(_FAREWELL.search(text)) and not _ASKS_STILL.search(text) and not message.get("entities")


def goodbye_said_since_the_message(tracker: Tracker) -> bool:
    """The goodbye already said in reply to the latest message (by the action of the message the form rejected)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and (event.get("text") or "").startswith(GOODBYE_SAID):
            return True
    return False


# "c'est normal ?", "c'est possible ?", "est-ce normal ?", "c'est bon ?": whether the figure told is right
_ASKS_IF_NORMAL = re.compile(r"\b(?:c'?\s?est|est-ce|est ce|ca (?:vous )?para\w*|c'?\s?est-il)\s+(?:pas\s+)?(?:normal|possible"
                             r"|bon|correct|grave|logique)\b|\b(?:normal|possible)\s*\?")
# another question asked with it ("15 points, il peut faire un stage ?"), answered by its form
_ANOTHER_QUESTION = re.compile(r"\bstages?\b|\bcombien\b|\bcb\b|\bquand\b|\brecup\w*|\bpeux\b|\bpeut\b|\bpuis\b")


def only_an_impossible_balance_asked(tracker: Tracker) -> bool:
    """"j'ai 15 points sur mon permis c'est normal ?": the balance told above the maximum is the whole question; its
    refusal answers it (R1), no fact is to be asked for a computation nobody asked (tester T23 c16 got the licence's
    date asked)."""
    from bot.reference_date import today
    from rules_core.params import load_params
    maximum = load_params().at(today()).value("capital.max")
    message = tracker.latest_message or {}
    folded = fold(message.get("text") or "")
    above = any(e.get("entity") == "points" and e.get("role") in (None, "balance") and int(e.get("value") or 0) > maximum
                for e in message.get("entities", []))
    return above and bool(_ASKS_IF_NORMAL.search(folded)) and not _ANOTHER_QUESTION.search(folded)


def negative_balance_to_the_balance_question(tracker: Tracker) -> Optional[int]:
    """"je suis à -2 d'après mon calcul" to "Combien de points vous reste-t-il ?": the computed balance below 0 (R1 edge
    case), which no count of points, left or lost, can hold; None otherwise. (The parser read "-3 points" as 3 lost and
    the form said "C'est noté." and asked again.)"""
    told = negative_balance_told((tracker.latest_message or {}).get("text"))
    if told is None:
        return None
    users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
    asked = next((event.get("text") or "" for event in reversed(tracker.events[:users[-1]] if users else [])
                  if event.get("event") == "bot"), "")
    return told if re.search(r"Combien de points (?:vous|lui) reste-t-il", asked) else None


# "je peux vérifier où ?", "je veux juste savoir où vérifier mes points", "comment consulter mon solde ?": where to
# read the official balance (folded text; not "vérifier ou pas")
_WHERE_TO_CHECK = re.compile(
    r"\b(?:ou|comment)\s+(?:est-ce qu'?\s?|est ce qu'?\s?)?(?:je\s+(?:peux|peut|pourrais|dois)\s+|on\s+(?:peut\s+)?|puis-je\s+)?"
    r"(?:les?\s+|l'\s?)?(?:verifi|consult|check)\w*"
    r"|\b(?:verifi|consult|check)\w*\s+(?:ca\s+|cela\s+|les?\s+|mes\s+points\s+|mon\s+solde\s+)?(?:ou|comment)\b"
    r"(?!\s+(?:pas|non)\b)")


def only_where_to_check_asked(tracker: Tracker) -> bool:
    """The latest message asks where to check the balance, and about no stage ("6 points ou moins ?? mais j'ai jamais
    perdu autant, c'est possible qu'ils se soient trompés ? je peux verifier ou ?", read as a stage's question after
    the 48M's answer): the official balance's reading answers (R19), no stage's computation (T50 c07 got the stage
    form, then its answer on a balance never told)."""
    text = _text(tracker)
    return bool(_WHERE_TO_CHECK.search(text)) and not re.search(r"\bstages?\b", text)


def answered_by_its_form(tracker: Tracker) -> bool:
    """The latest message's whole answer was said by the form that read it: a balance above the maximum asked about
    (R1), a computed balance below 0 told to the balance question (R18); the question's answer action says nothing."""
    return only_an_impossible_balance_asked(tracker) or negative_balance_to_the_balance_question(tracker) is not None \
        or _said_since_the_message(tracker, "Aucun bonus ne permet d'en avoir plus")


def _said_since_the_message(tracker: Tracker, words: str) -> bool:
    """The assistant said `words` since the latest user message (its form answered: more than 12 points asked, R1)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and words in (event.get("text") or ""):
            return True
    return False


def asks_how_sure(tracker: Tracker) -> bool:
    return bool(_ASKS_HOW_SURE.search(_text(tracker)))


#: the promise to a question typed while a fact is asked, answered by the form's answer
ANSWERED_AFTER = "Je réponds à votre question juste après : il me faut d'abord cette information pour le calcul."


def reply_to_question_mid_form(tracker: Tracker, requested: Optional[str], unread: bool = True) -> Optional[str]:
    """The reply to a question typed while the form waits for `requested`, None when the message is no such
    question (an answer, or a story to read). `unread`: the NLU read no question of its own in it (one with its
    own form or text is answered as such); "c'est sûr ?" and "pourquoi ?" are about the form's question whatever
    the NLU read ("pourquoi ?" as a letter's question)."""
    text = _text(tracker)
    if not text or not requested or len(text) > QUESTION_MAX_CHARS:
        return None
    entities = {e.get("entity") for e in (tracker.latest_message or {}).get("entities", [])}
    reason = WHY_ASKED.get(requested)
    if _ASKS_HOW_SURE.search(text):
        # "c'est sûr ?" to "Avez-vous suivi la formation ?" is not a "oui": only the user knows the answer
        because = f" Je vous pose cette question {_because(reason)}." if reason else ""
        return f"C'est à vous de me le dire : la réponse dépend de votre situation.{because} Dites « je ne sais " \
               "pas » si vous n'en êtes pas sûr."
    # a fact said with the question is the form's to read ("pourquoi, j'ai 8 points ?"), except a bare number
    # asked about ("je passe à 12 quand ?") while the form waits for no number
    facts = entities - ({"number"} if requested not in NUMBER_SLOTS else set())
    if facts or any(value is not None for slot, value in tracker.slots_to_validate().items()
                    if slot != "requested_slot"):
        return None
    if _ASKS_WHY.search(text):
        return (f"Je vous pose cette question {_because(reason)}." if reason
                else "Cette information entre dans le calcul de votre réponse.")
    if unread and _A_QUESTION.search(text):
        from actions.informational import side_question_answer  # (informational reads the forms' modules)
        side = side_question_answer((tracker.latest_message or {}).get("text"),
                                    (tracker.latest_message or {}).get("entities"))
        if side:
            # "attendez avant, le stage c'est en présentiel obligatoire ?": no computation answers it, so it is
            # answered now, not promised "juste après" and forgotten once the form ends (T20 c29)
            return side
        # "et je passe à 12 quand ?": the form's answer is where it is answered
        return ANSWERED_AFTER
    return None


# --- a hypothesis typed while a form waits -------------------------------------------------------------------

#: said when a hypothesis ("et si j'avais 4 points ?") comes while the form waits for a fact; the form then asks its
#: question again, and the hypothesis is answered right after the answer (actions.two_part.ActionAnswerOtherQuestion)
HELD_HYPOTHESIS = ("C'est une hypothèse : je ne change rien à ce que vous m'avez dit, et je vous réponds sur cette "
                   "hypothèse juste après le calcul de votre situation. D'abord, votre situation réelle :")
#: the slot whose value may itself be a hypothesis: the stage asked about is often only planned ("et si je le fais
#: en janvier ?" to "Quel jour commence le stage ?" answers it)
PLANNED_SLOTS = ("stage_first_day",)


def message_slots(tracker: Tracker) -> Dict[str, Any]:
    """The slots the latest message filled: the form's candidates (`slots_to_validate`), and those Rasa mapped from its
    entities before the form ran ("un excès de 25 km/h": offence_type, speed_excess; T8 c06)."""
    from actions.forms import slots_set_by_latest_message  # (the forms read this module)
    return {**slots_set_by_latest_message(tracker), **tracker.slots_to_validate()}


def holds_hypothesis(tracker: Tracker, requested: Optional[str]) -> bool:
    """Whether the latest message is a hypothesis to hold while the form waits for `requested`: it states one
    ("et si…", "si jamais…", "imaginons que…") with facts the form would take, and is not the answer to a planned
    fact asked. (One without facts, "et si je le fais pas ?", is a question: see reply_to_question_mid_form.)"""
    from actions.forms import receipt_supposed_ahead, value_before_message  # (the forms read this module)
    from actions.what_if import states_a_hypothesis
    if not requested or not states_a_hypothesis((tracker.latest_message or {}).get("text") or ""):
        return False
    if requested == "letter_48n_date" and receipt_supposed_ahead(message_slots(tracker).get(requested), tracker):
        # "si elle reçoit la 48N le 15 décembre, elle a jusqu'à quand ?" while its receipt is asked: the day asked,
        # supposed; the form takes it and the answer gives its deadline (R15; T46 c05 looped on the question)
        return False
    filled = {slot for slot, value in message_slots(tracker).items() if slot != "requested_slot"
              and value is not None and value != value_before_message(slot, tracker)}
    # (or a day no slot took: "et si je le fais le 3 et 4 juin 2027, j'ai les points ?" while the balance is asked,
    # T10 c22 got "Je n'ai pas compris votre réponse" twice)
    dated = requested not in PLANNED_SLOTS and any(
        entity.get("entity") == "date" for entity in (tracker.latest_message or {}).get("entities") or [])
    return (bool(filled) or dated) and not (requested in PLANNED_SLOTS and filled == {requested})


#: said when the message right after a held hypothesis only gives its day ("et si je fais le stage en janvier ?",
#: then "le 12 janvier"): the hypothesis made precise, not the fact asked (tester C18)
REFINED_HYPOTHESIS = "C'est noté pour votre hypothèse : le {day}. D'abord, votre situation réelle :"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _date_entities(event: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [e for e in ((event.get("parse_data") or {}).get("entities") or []) if e.get("entity") == "date"]


def _held_just_before(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The user event before the latest one, when it was held as a hypothesis (its reply said HELD_HYPOTHESIS)."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if len(users) < 2:
        return None
    between = tracker.events[users[-2]:users[-1]]
    held = any(e.get("event") == "bot" and e.get("text") == HELD_HYPOTHESIS for e in between)
    return tracker.events[users[-2]] if held else None


def hypothesis_day(tracker: Tracker) -> Optional[str]:
    """The day the latest message gives to the hypothesis held just before it, ISO: "le 12 janvier" (or "le 12")
    right after "et si je fais le stage en janvier ?" is the 12 January of that hypothesis, not the fact the form
    asked again (C18: it became the 48N's receipt, in the past). None when the message is not that."""
    held = _held_just_before(tracker)
    message = tracker.latest_message or {}
    return _day_for(held, {"text": message.get("text"), "parse_data": {"entities": message.get("entities")}}) \
        if held is not None else None


def _day_for(held: Dict[str, Any], said: Dict[str, Any]) -> Optional[str]:
    """The day a short message (`said`, a user event) gives to the date of the hypothesis `held`, ISO, or None."""
    from actions.slot_values import InvalidAnswer, PartialDate, day_in_month_given_before
    text = said.get("text") or ""
    days, dated = _date_entities(said), _date_entities(held)
    if len(text) > 30 or _YEAR.search(text) or len(days) != 1 or len(dated) != 1:
        return None
    try:
        before = PartialDate.parse(str(dated[0].get("value")))
        day = PartialDate.parse(str(days[0].get("value")))
    except InvalidAnswer:
        return None
    if before.precision == "year":
        return None
    bare = day_in_month_given_before(text, f"{before.year:04d}-{before.month:02d}")
    if bare:
        return bare
    if day.precision != "day" or day.month != before.month:
        return None
    try:
        return PartialDate.parse(f"{before.year:04d}-{day.month:02d}-{day.day:02d}").iso()
    except InvalidAnswer:
        return None


def held_hypotheses(tracker: Tracker) -> List[Dict[str, Any]]:
    """The user events of the hypotheses held while the form of the answer just given waited, in order, those still
    to answer: held (HELD_HYPOTHESIS said after each), and at most one answer since (the one they follow)."""
    events = tracker.events
    start = max((i for i, e in enumerate(events) if e.get("event") == "action"
                 and e.get("name") == "action_other_question"), default=-1)  # (answered there, or another question)
    held: List[Dict[str, Any]] = []
    refined_prefix = REFINED_HYPOTHESIS.split("{", 1)[0]
    for index in range(start + 1, len(events)):
        text = events[index].get("text") or ""
        if events[index].get("event") != "bot" or not (text == HELD_HYPOTHESIS or text.startswith(refined_prefix)):
            continue
        answers = [e for e in events[index:] if e.get("event") == "action"
                   and (e.get("name") or "").startswith("action_answer_")]
        user = next((events[k] for k in range(index - 1, -1, -1) if events[k].get("event") == "user"), None)
        if user is None or len(answers) > 1:
            continue
        if text != HELD_HYPOTHESIS:
            # "le 12 janvier" after "et si je fais le stage en janvier ?": that hypothesis, on that day
            day = _day_for(held[-1], user) if held else None
            if day:
                before = held.pop()
                parse = dict(before.get("parse_data") or {})
                parse["entities"] = [{**e, "value": day} if e.get("entity") == "date" else e
                                     for e in parse.get("entities") or []]
                held.append({**before, "parse_data": parse})
            continue
        held.append(user)
    return held


def reply_to_held_hypotheses(tracker: Tracker) -> Optional[str]:
    """The answers to the hypotheses held during the form, computed on the answer just given (actions.what_if,
    actions.follow_ups), None when there is none. A hypothesis that answer cannot be computed again for is said
    so, not dropped: it was promised an answer."""
    from actions.follow_ups import answer_in_context  # (follow_ups reads the answers, which read the forms)
    replies = []
    for held in held_hypotheses(tracker):
        parse = held.get("parse_data") or {}
        said = (held.get("text") or "").strip()
        world = Tracker(sender_id=tracker.sender_id, slots=tracker.current_slot_values(),
                        latest_message={"text": said, "intent": parse.get("intent") or {},
                                        "entities": parse.get("entities") or []},
                        events=[*tracker.events, dict(held)], paused=False, followup_action=None, active_loop={},
                        latest_action_name="action_listen")
        reply = answer_in_context(world)
        replies.append(f"Pour votre hypothèse (« {said} ») :\n\n{reply}" if reply else
                       f"Pour votre hypothèse (« {said} ») : je ne peux pas la calculer sur cette réponse. "
                       "Redites-la-moi en précisant ce qui change (par exemple la date du stage ou votre solde).")
    return "\n\n".join(replies) or None


# --- a fact about something else read as the yes/no answer ------------------------------------------------------

#: the yes/no questions whose slot the NLU's "oui"/"non" fills (domain.yml, from_intent), with the entity that fills it
#: from the words themselves, and the words that say the message is about that question
YES_NO_QUESTIONS = {
    "supervised_driving": ("supervised_driving", re.compile(
        r"\b(?:conduite|accompagn\w*|aac|anticip\w*|apprentissage|filiere|classique|traditionnel\w*)\b")),
    "complementary_training": ("complementary_training", re.compile(
        r"\b(?:formations?|complementaires?|post[\s-]?permis|post[\s-]?probatoire)\b")),
    "probation_offence": ("offence_since_licence", re.compile(
        r"\b(?:infractions?|contraventions?|pv|exces|flash\w*|retraits?|retire\w*|perdu|sanctions?|amendes?"
        r"|points?|pts|rien|aucune?|jamais)\b")),
    "previous_stage_date": ("previous_stage", re.compile(r"\b(?:stages?|formations?|jamais|aucun|premier|premiere)\b")),
}
# a message that opens with a plain "oui"/"non" answers the question, whatever follows ("non, et il me reste 7 points")
_OPENS_WITH_YES_OR_NO = re.compile(r"^\W*(?:non|nan|nope|no|oui|ouais|ouai|yes|yep|si|jamais|aucun|aucune|pas du tout"
                                   r"|absolument|bien sur|tout a fait|exact|exactement|negatif|affirmatif|ok|d'accord)\b")
# what a message says about another fact than the one asked: the fine and its payment, a balance, a letter, a stage,
# the licence, an offence (the words; a fact the parser reads is an entity, see below)
_ANOTHER_SUBJECT = re.compile(
    r"\b(?:pa(?:y|i)\w*|regle\w*|reglement|impaye\w*|amendes?|pv|contraventions?|points?|pts|solde|lettres?|48\s?\w*"
    r"|courriers?|recommandes?|stages?|permis|infractions?|exces|flash\w*|retraits?|radar|gendarm\w*|polic\w*)\b")
# a plain yes or no opening the message ("oui en février 2026", "non jamais mais…"), whatever the NLU made of the rest
_OPENS_WITH_YES = re.compile(r"^\W*(?:oui|ouais|ouai|yes|yep)\b")
_OPENS_WITH_NO = re.compile(r"^\W*(?:non|nan|nope|no|jamais|pas du tout)\b")
# the thing asked about said not done, by its pronoun or alone: "je l'ai pas faite", "jlai pas faite", "je ne l'ai pas
# encore suivie", "elle est pas faite", "pas encore", "toujours pas" (the training or the AAC; tester T12 c12)
_SAYS_NOT_DONE = re.compile(
    r"^\W*(?:pas\s+encore|toujours\s+pas|pas)(?:\s+(?:fait|faite|suivi|suivie))?"
    # ("pas encore évidemment, il l'a eu ce matin": T50 c27 got "Je n'ai pas compris votre réponse")
    r"(?:\s+(?:evidemment|bien\s+sur|voyons|non|hein|quand\s+meme|forcement|naturellement))?\s*(?:[.,;!]|$)"
    r"|\b(?:j\s?'?\s?l\s?'?\s?ai|je\s+(?:ne\s+|n\s?'?\s?)?l\s?'?\s?ai|elle\s+(?:n\s?'?\s?)?est|(?:ca|c)\s+(?:n\s?'?\s?)?est|on\s+"
    r"(?:ne\s+)?l\s?'?\s?a)\s+(?:pas|jamais|toujours\s+pas)\s+(?:encore\s+|du\s+tout\s+)?"
    r"(?:fait|faite|suivi|suivie|passe|passee|eu|eue)\b")
#: the yes/no questions about something done, which a message saying it is not done answers
_DONE_QUESTIONS = ("complementary_training", "supervised_driving")


def yes_or_no_opening(tracker: Tracker, requested: Optional[str]) -> Optional[bool]:
    """The answer to the yes/no question asked (`requested`), read from the plain "oui"/"non" the message opens with,
    when the NLU gave neither "affirm" nor "deny" and no fact answered it: "oui en février 2026" to the training's
    question is a yes (its date said with it; tester T9 c02: "Je n'ai pas compris votre réponse")."""
    message = tracker.latest_message or {}
    if requested not in YES_NO_QUESTIONS or requested in tracker.slots_to_validate() or \
            ((message.get("intent") or {}).get("name")) in ("affirm", "deny"):
        return None
    text = _text(tracker)
    if _OPENS_WITH_YES.search(text):
        return True
    if requested in _DONE_QUESTIONS and _SAYS_NOT_DONE.search(text):
        return False  # "je l'ai pas faite, je voulais savoir ce que c'est" (T12 c12)
    return False if _OPENS_WITH_NO.search(text) else None


#: the date asked after a yes to a yes/no question, with that question's slot
_DATE_AFTER_YES = {"training_date": "complementary_training"}


def no_to_the_yes_before(tracker: Tracker, requested: Optional[str]) -> Optional[str]:
    """The yes/no question's slot a "non" to the date asked after its yes takes back: "Non", "mais non je l'ai pas
    faite", "je l'ai jamais suivie !!" to "À quelle date avez-vous terminé cette formation complémentaire ?" (the yes
    read wrongly, or said by mistake) is a no to the training (R6), not a date not understood (tester T62 c02 looped
    on the question until "annule"). None otherwise, and when the message gives a date."""
    slot = _DATE_AFTER_YES.get(requested or "")
    message = tracker.latest_message or {}
    if slot is None or tracker.get_slot(slot) is not True or \
            any(e.get("entity") == "date" for e in message.get("entities") or []):
        return None
    text = _text(tracker)
    intent = (message.get("intent") or {}).get("name")
    said_no = intent == "deny" or _OPENS_WITH_NO.search(text) or _SAYS_NOT_DONE.search(text) or \
        re.search(r"^\W*(?:mais|ben|bah|euh|ah)?\W*non\b", text)
    # ("non je sais plus la date": the day not known, the training done)
    return slot if said_no and not re.search(r"\b(?:sais|sait|rappel\w*|souvien\w*|souvenir|date)\b", text) else None


#: said when such a message carries nothing the assistant can keep as a fact
OFF_TOPIC_YES_NO_REPLY = "Merci pour cette précision, mais ce n'est pas la réponse à ma question :"


def yes_no_read_off_topic(tracker: Tracker, requested: Optional[str]) -> bool:
    """The "oui"/"non" the NLU read in the latest message for the yes/no question asked (`requested`) is about
    another fact: "pas payée encore" (the fine) to "Avez-vous fait la conduite accompagnée ?" is no "non" (tester
    T5 c35). Such a message is about another subject (one of its words, or a fact of another kind), is not about the
    question asked, and does not open with a plain yes or no ("non, et il me reste 7 points" answers it)."""
    question = YES_NO_QUESTIONS.get(requested or "")
    message = tracker.latest_message or {}
    intent = ((message.get("intent") or {}).get("name"))
    if question is None or intent not in ("affirm", "deny") or \
            tracker.slots_to_validate().get(requested, "") not in (True, False, "none"):
        return False  # (only the value of the NLU's "oui"/"non": a date given to the last stage's question is read)
    own_entity, about_it = question
    entities = message.get("entities") or []
    if any(e.get("entity") == own_entity for e in entities):
        return False  # the words themselves answer it ("pas de conduite accompagnée")
    text = _text(tracker)
    if not text or _OPENS_WITH_YES_OR_NO.search(text):
        return False
    from actions.retrait_timing import not_paid_said  # (the forms read this module)
    if not_paid_said(tracker):
        return True  # the fine not paid yet answers no yes/no question ("l'amende n'est pas encore réglée")
    if about_it.search(text):
        return False
    return bool(_ANOTHER_SUBJECT.search(text)) or any(e.get("entity") not in (None, "number") for e in entities)


# --- a question about the letters typed while a form waits ------------------------------------------------------

#: the facts asked about a letter itself: "la 48N" answers them, it asks nothing
LETTER_SLOTS = ("letter_code", "letter_48n_date")
# a question about what letters are or mean, by its words ("c'est quoi", "la différence entre", "ça veut dire",
# "laquelle"), or a question mark with the NLU's letter question (folded text)
_ASKS_ABOUT_LETTERS = re.compile(r"\b(?:quoi|koi|quel\w*|lequel\w*|laquelle|difference|differen\w*|comment|pourquoi"
                                 r"|veut dire|signifi\w*|sens|explique\w*)\b")
# a letter named by the word ("la lettre 48"): its bare number is that letter's code
_LETTER_WORD = re.compile(r"\b(?:lettres?|courriers?|recommandee?s?)\b")


def letters_asked(tracker: Tracker, requested: Optional[str]) -> List[str]:
    """The letters a question typed while the form waits for another fact asks about, in the message's order: "c'est
    quoi la différence entre 48 et 48N ?" to "Combien de points… ?" asks about the 48 and the 48N (R19), whose bare
    "48" is no count of points (tester T49 c30 got "Une infraction retire de 1 à 9 points", then the question twice).
    A bare number is a letter's code when it is one and the message names another letter or the word "lettre".
    Empty when the message is no such question: a letter's own fact asked (its code, its receipt), a story with a
    day or a count of points told, a long message (the form reads its facts)."""
    message = tracker.latest_message or {}
    text = _text(tracker)
    entities = message.get("entities") or []
    intent = (message.get("intent") or {}).get("name")
    if not requested or requested in LETTER_SLOTS or not text or len(text) > QUESTION_MAX_CHARS \
            or not (_ASKS_ABOUT_LETTERS.search(text) or "?" in text and intent == "ask_letter") \
            or any(e.get("entity") not in ("letter_code", "number") for e in entities):
        return []
    from rules_core.letters import LETTERS
    codes = [e for e in entities if e.get("entity") == "letter_code"]
    bare = [e for e in entities if e.get("entity") == "number" and _code(e.get("value")) in LETTERS]
    if not codes and not (bare and _LETTER_WORD.search(text)):
        return []
    named = sorted(codes + bare, key=lambda e: e.get("start") or 0)
    return [code for code in dict.fromkeys(_code(e.get("value")) for e in named) if code in LETTERS]


def _code(value: Any) -> str:
    """A letter's code as the engine names it: "48 n" -> "48N", 48.0 -> "48"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).upper().replace(" ", "")


def refused_in_a_question(tracker: Tracker, requested: Optional[str], extracted: Dict[str, Any],
                          events: List[Any]) -> bool:
    """The number or the day the form read in the latest message as the fact `requested` (`extracted`), and its
    validation refused (`events` set it to None), belongs to a question the message asks ("c'est quoi la règle des 10
    ans ?" to the points withdrawn): a question mark or a question word, no other fact taken. Its refusal ("Une
    infraction retire de 1 à 9 points") would answer a question nobody asked (tester T49 c30)."""
    from actions.forms import DATE_SLOTS  # (the forms read this module)
    if requested not in NUMBER_SLOTS + DATE_SLOTS or extracted.get(requested) is None:
        return False
    slots = [e for e in events if isinstance(e, dict) and e.get("event") == "slot"
             and e.get("name") not in ("requested_slot", "reasked_slot")]
    text = _text(tracker)
    return bool(slots) and all(e.get("name") == requested and e.get("value") is None for e in slots) and \
        len(text) <= QUESTION_MAX_CHARS and bool(_A_QUESTION.search(text) or "?" in text)
