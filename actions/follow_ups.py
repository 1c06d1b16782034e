"""Short follow-ups read with the answer they follow ("et ça coûte combien ?" after an offence).

Elliptic questions name no topic: the NLU reads "et ça coûte combien ?" as a question on the stage's
price, "c'est gratuit ?" as nothing at all. After an answer about an offence or about checking the
balance they mean that offence's fine, or the téléservice's price. Each follow-up here is a pair:
the answers it may follow, and what the message asks; the reply comes from the answer itself (its
own line) or from the informational texts, so no law is written here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from rasa_sdk import Tracker

import rules_core
from actions.invalidation_law import invalidation_law_answer
from actions.later_on import ABOUT_A_LATER_DAY, later_on
from actions.retrait_timing import NOT_PAID_SAID, retrait_decision
from actions.reminders import follow_up_reminder
from actions.slot_values import InvalidAnswer, PartialDate
from actions.stage_timing import (ASKS_WHEN_THE_STAGE, PLANNED_BEFORE_THE_RETRAIT, stage_or_fine_first,
                                   when_to_take_the_stage, year_between_stages,
                                   stage_booking_asked)
from actions.yes_no import without_notes_of_no_bearing
from bot.nlu.fact_parsing import blood_alcohol_level, extract_facts, fold
from bot.reference_date import today
from rules_core.dates import add as add_duration, format_long_fr
from rules_core.wording_fr import CLASS_FR, points_fr, render, render_reason

# Facts that make a message a question of its own, not a follow-up of the last answer.
NEW_SUBJECT_ENTITIES = ("offence_type", "speed_excess", "speed_measured", "letter_code")
# A follow-up is short and names no topic of its own.
FOLLOW_UP_MAX_CHARS = 60
_NAMES_A_TOPIC = re.compile(r"\bstages?\b|\b48\s?[a-z]*\b|\blettre\b|\bpermis\b|\bpoints?\b|\bpts\b")
_ASKS_PRICE = re.compile(r"\bcombien\b|\bprix\b|\bcout|\bcoute|\btarif|\bcher\b|\bgratuit|\bpayant|\bpayer\b")
# (not a bare "combien": "donc j'ai combien maintenant ?" asks the balance, not the price of the téléservice)
_ASKS_ONLINE_OR_PRICE = re.compile(r"\bprix\b|\bcout|\bcoute|\btarif|\bcher\b|\bgratuit|\bpayant|\bpayer\b"
                                   r"|\ben ligne\b|\binternet\b|\btelephone\b|\bappli")
# "et l'amende ?", "l'amende c'est combien ?", "je paie combien ?" after an offence: its fine (not the 48N refund); a bare
# "combien" asks the points ("ok mais en chiffres, j'ai combien là ?": the balance, tester T9 c32), money is said
_ASKS_FINE = re.compile(r"\bprix\b|\bcout|\bcoute|\btarif|\bcher\b|\bgratuit|\bpayant|\bpay(?:er|e|es|ez)\b|\bpaie(?:s|nt)?\b|\bregler\b"
                        r"|\beuros?\b|€"
                        # ("combien ?" alone after an offence's answer, which gave its points: the price)
                        r"|^\W*(?:et\s+|ok\s+|mais\s+)?(?:c'est\s+|ca fait\s+)?combien\W*$"
                        r"|\bamende\b(?!.*rembours)")

def asks_the_fine(folded: str) -> bool:
    """The message (folded) asks about money (the fine), not the points a bare "combien" asks."""
    return bool(_ASKS_FINE.search(folded))


BALANCE_SERVICE_FREE = (
    "Oui : la consultation de votre solde sur « Mes Points Permis » est gratuite et se fait en ligne, avec "
    "FranceConnect, à tout moment. Méfiez-vous des sites qui la font payer."
)


def previous_answer(tracker: Tracker) -> Optional[str]:
    """The answer action that ran last in the conversation (action_answer_…), if any: as an action, or run by
    another one (the correction action answers the offence question itself), which records it in `last_question`."""
    for event in reversed(tracker.events):
        name = event.get("name") or ""
        if event.get("event") == "action" and name.startswith("action_answer_"):
            return name
        if event.get("event") == "slot" and name == "last_question" and event.get("value"):
            return event["value"]
    return None


def _line_of_last_answer(tracker: Tracker, starts: str) -> Optional[str]:
    """A line of the bot's last answer (its own words: the engine's result for the user's case)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            for line in event["text"].splitlines():
                if fold(line.lstrip("- ")).startswith(fold(starts)):
                    return line.lstrip("- ")
    return None


def _last_bot_text(tracker: Tracker) -> str:
    """The text of the bot's last message ("" when it said nothing yet)."""
    return next((event["text"] for event in reversed(tracker.events)
                 if event.get("event") == "bot" and event.get("text")), "")


last_bot_text = _last_bot_text


def _last_turn_texts(tracker: Tracker) -> List[str]:
    """The bot's messages of its last turn, in order (an answer followed by its notes, or "En bref…" then a question)."""
    texts: List[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            texts.insert(0, event["text"])
        elif event.get("event") == "user" and texts:
            break
    return texts


def _line_of_last_turn(tracker: Tracker, pattern: "re.Pattern") -> Optional[str]:
    """The first line matching the pattern among all the bot's messages of its last turn (an answer followed by its
    notes, "Vous ne m'avez pas indiqué les points retirés…"), its "- " bullet removed."""
    lines = (line.lstrip("- ") for text in _last_turn_texts(tracker) for line in text.splitlines())
    return next((line for line in lines if pattern.search(line)), None)


# the balance a stage's answer left once the retrait still to come is made: "… déduit après le stage : solde final 5 points"
_FINAL_BALANCE_SAID = re.compile(r"solde final (\d+) points?")
_STAGE_BALANCE_SAID = re.compile(r"solde passera de \d+ à \d+ points")
# "je finis à combien une fois qu'il est retiré ?", "il me restera combien après le retrait ?" (folded text)
_ASKS_FINAL_BALANCE = re.compile(
    r"\b(?:finis|finit|finirai|finira|termine\w*|arrive\w*|tombe\w*|serai|sera|restera\w*|suis|reste)\b[^?]*\b(?:a )?"
    r"(?:combien|cb)\b|\b(?:combien|cb)\b[^?]*\b(?:une fois|apres|retir\w*|enlev\w*|final\w*)\b")
_ONCE_WITHDRAWN = re.compile(r"\b(?:une fois|apres|retir\w*|enlev\w*|final\w*|au final)\b")


def balance_once_withdrawn(tracker: Tracker) -> Optional[str]:
    """"et le stop d'hier (4 points) ? je finis à combien une fois qu'il est retiré ?" after a stage's answer that
    counted that retrait still to come: the final balance it gave, then the two steps (R12, R18; tester T33 c29 got
    the stop's card, without the balance). None when the last answer gave no final balance or the message asks
    something else."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _ASKS_FINAL_BALANCE.search(text) or not _ONCE_WITHDRAWN.search(text) or re.search(r"\bsi\b", text):
        return None
    final = _line_of_last_turn(tracker, _FINAL_BALANCE_SAID)
    if final is None:
        return None
    balance = _FINAL_BALANCE_SAID.search(final).group(1)
    stage = _line_of_last_turn(tracker, _STAGE_BALANCE_SAID)
    return "\n".join([f"Vous finirez à {balance} points une fois ce retrait enregistré, je l'avais déjà compté :",
                       *(f"- {line}" for line in (stage, final) if line)])


def _line_of_last_message(tracker: Tracker, pattern: "re.Pattern") -> Optional[str]:
    """The first line of the bot's last message that matches the pattern (its "- " bullet removed)."""
    lines = (line.lstrip("- ") for line in _last_bot_text(tracker).splitlines())
    return next((line for line in lines if pattern.search(line)), None)


def _deadline_of_the_stage(tracker: Tracker) -> Optional[str]:
    """"c'est quoi la date limite alors ?" after a 48N answer (of the letter or of the stage): the deadline it gave,
    not the whole answer again."""
    said = _last_bot_text(tracker)
    found = _DEADLINE_GIVEN.search(said)
    if found and "48SI" in said and "48N" not in said:
        # after the 48SI's answer, its deadline is the licence's hand-back, 10 days after its receipt (R19, R20;
        # T20 c07: "je dois rendre mon permis avant quand ?" got the 48N's stage)
        return (f"La date limite est le {found.group(1)} : rendez votre permis à la préfecture ce jour-là au plus tard "
                "(10 jours après la réception de la lettre 48SI, article L.223-5 du Code de la route). D'ici là, ne "
                "conduisez plus : le permis n'est plus valable depuis la notification de la lettre.")
    return (f"La date limite est le {found.group(1)} : le stage obligatoire doit être terminé ce jour-là au "
            "plus tard (4 mois après la réception de la lettre 48N, article R.223-4 du Code de la route)."
            if found else None)


_DEADLINE_GIVEN = re.compile(r"au plus tard le (\d{1,2}(?:er)? \w+ \d{4})")

# "et si j'ai un certificat médical, on peut pas me donner plus de temps ?", "on peut prolonger le délai ?" (folded)
_ASKS_MORE_TIME = re.compile(r"\bplus de (?:temps|delai)\b|\bprolong\w*|\brallong\w*|\bdelai supplementaire\b"
                             r"|\b(?:report\w*|repouss\w*|decal\w*) (?:la date limite|le delai|l'echeance)\b")


def deadline_extension_asked(tracker: Tracker) -> Optional[str]:
    """"on peut pas me donner plus de temps ?" (a certificat médical) after the 48N's deadline: no text provides an
    extension of the 4 months (R15: deadline = receipt + 4 months); the deadline stays; the préfecture to ask. None
    otherwise (T50 c29 got the stage's information sheet)."""
    said = _last_bot_text(tracker)
    found = _DEADLINE_GIVEN.search(said)
    if not found or "48N" not in said or "48SI" in said or \
            not _ASKS_MORE_TIME.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    return (f"Le Code de la route ne prévoit pas de prolongation du délai de 4 mois, même pour raison médicale : la date "
            f"limite reste le {found.group(1)} (article R.223-4 du Code de la route). Prévenez la préfecture au plus "
            "vite, certificat médical à l'appui : elle seule peut vous dire si elle en tient compte (à vérifier). Si "
            "vous le pouvez, réservez un autre stage qui se termine avant cette date, dans n'importe quel département.")


def _how_sure(tracker: Tracker) -> Optional[str]:
    """"c'est sûr ?" after an answer: what it rests on (the articles it cited) and what could change it. Not when the
    message gives a fact with its doubt ("c'est sûr ? j'ai déjà fait un stage les 8 et 9 juin 2026"): the answer
    with that fact is the reply (tester T8 c24)."""
    if any(e.get("entity") in ("date", "points") for e in (tracker.latest_message or {}).get("entities", [])):
        return None
    text = _last_bot_text(tracker)
    cited = list(dict.fromkeys(_CITED.findall(text)))[:3]
    if not cited and not _CITES_A_SOURCE.search(text):
        return None
    # (an answer whose source is no article, like the 48M's administrative practice: the sources it names)
    articles = "les sources citées dans ma réponse" if not cited else f"l'article {cited[0]} du Code de la route" \
        if len(cited) == 1 else f"les articles {', '.join(cited[:-1])} et {cited[-1]} du Code de la route"
    return (f"Ce résultat applique {articles}, à partir des informations que vous m'avez "
            "données. Il changerait si une date ou un nombre de points était différent, ou si une autre "
            "infraction avait été commise entre-temps. En cas de doute, votre solde officiel sur « Mes "
            "Points Permis » et l'organisateur du stage font foi.")


_CITED = re.compile(r"\barticle ([LR]\.\s?[\d-]+) du Code de la route")
# "et c'est quoi la date limite ?", "je dois le faire avant quand ?"
_ASKS_DEADLINE = re.compile(r"\bdate limite\b|\bavant quand\b|\bjusqu'?\s?a quand\b|\bquelle date\b|\bdelai\b"
                            r"|\bquand (?:dois|faut|doit)\b|\bau plus tard\b")
ASKS_DEADLINE = _ASKS_DEADLINE
# "c'est sûr ?", "vous êtes sûr ?", "t'es certain ?", and at the end of a paraphrase of the answer: "donc je paye rien
# du tout ? c'est sûr ?", "ok donc au final j'ai 12 points c sur ?" (tester T7 c17, c31)
_ASKS_HOW_SURE = re.compile(r"(?:^|[?!.,;]|\b(?:ok|donc|alors|du coup|vraiment))\W*(?:et\s+|mais\s+)?"
                            r"(?:c'?\s?est|c|cest|vous etes|t'?\s?es|tu es|t|etes[- ]vous|es[- ]tu)\s+"
                            r"(?:bien\s+|vraiment\s+)?(?:sur|sure|certain|certaine|fiable)\b"
                            r"(?:\s+(?:de (?:toi|vous|ca)|de votre reponse|de ta reponse))?\W*$"
                            r"|^\W*(?:et\s+|mais\s+)?(?:c'?\s?est|c|vous etes|t'?\s?es|tu es|t|etes[- ]vous|es[- ]tu)\s+"
                            r"(?:bien\s+|vraiment\s+)?(?:sur|sure|certain|certaine|fiable)\b")


# "6 points ?! t'es sûr ? c'était pas 4 avant ?", "c'est depuis quand ?", "ça a changé ?" after an offence's points: the
# scale's history (folded text)
_ASKS_SCALE_BEFORE = re.compile(r"\bdepuis quand\b|\bc'?\s?etait\s+(?:pas\s+|que\s+|plutot\s+)?\d\b"
                                r"|\bavant\b.*\b\d\b|\b\d\b.*\bavant\b|\b(?:a|ont|aurait)\s+change\b"
                                r"|\b(?:nouveau|ancien)\s+bareme\b")


def _offence_of_the_card(tracker: Tracker) -> Optional[str]:
    """The offence (its key) of the last offence's answer: the slot, or the label its first line starts with."""
    params = rules_core.load_params()
    head = fold(_last_bot_text(tracker).split(" : ", 1)[0])
    slot = tracker.get_slot("offence_type")
    return next((key for key in params.offence_keys if fold(params.offence(key, today()).label_fr) == head),
                slot if isinstance(slot, str) and slot in params.offence_keys else None)


def _scale_asked(tracker: Tracker) -> Optional[str]:
    """The scale's history asked after an offence's points, the message naming no offence but that one ("le piéton !!
    tu viens de me dire 6 points. c'est depuis quand ?"): _scale_of_the_offence."""
    message = tracker.latest_message or {}
    if previous_answer(tracker) != "action_answer_offence_points" or \
            not _ASKS_SCALE_BEFORE.search(fold(message.get("text") or "")):
        return None
    named = {e.get("value") for e in message.get("entities") or [] if e.get("entity") == "offence_type"}
    card = _offence_of_the_card(tracker)
    return _scale_of_the_offence(tracker) if card and named <= {card} else None


def _scale_of_the_offence(tracker: Tracker) -> Optional[str]:
    """"6 points ?! t'es sûr ? c'était pas 4 avant ?", "c'est depuis quand ?" after an offence's points: the points as
    the scale gave them over time, the day of the change (R4: a pedestrian's priority, 4 points, 6 since 19 September
    2018); T51 c15 got "Quelle infraction ?", then the same card. None for an offence whose scale records no change."""
    key = _offence_of_the_card(tracker)
    history = rules_core.load_params().offence_points_history(key) if key else ()
    if len(history) < 2:
        return None
    spec = rules_core.load_params().offence(key, today())
    since, now = history[-1]
    before = history[-2][1]
    text = fold((tracker.latest_message or {}).get("text") or "")
    said = [int(n) for n in re.findall(r"\b(\d)\b", text)]
    # (a yes to "c'était pas 4 avant ?", not to "c'est depuis quand ?")
    lead = "Oui. " if (before in said or now in said) and not re.search(r"\bquand\b", text) else ""
    return (f"{lead}{spec.label_fr[0].upper()}{spec.label_fr[1:]} : retrait de "
            f"{points_fr(now)} pour une infraction commise depuis le {format_long_fr(since)} ; avant cette date, "
            f"{points_fr(before)} (article {spec.article} du Code de la route). C'est la date de l'infraction qui "
            "compte, pas celle du paiement.")


def _fine_of_the_offence(tracker: Tracker) -> Optional[str]:
    line = _line_of_last_answer(tracker, "Amende") or _line_of_last_answer(tracker, "Pour un délit, le montant")
    return f"Pour cette infraction : {line[0].lower()}{line[1:]}" if line else None


# "et si je le fais pas ?", "et sinon ?" after a 48N answer
_IF_SUBJECT = r"(?:si je|si j'|si il|s'il|si elle|si on)\s*"
_ASKS_IF_NOT_DONE = re.compile(r"\b" + _IF_SUBJECT + r"(?:ne |n')?(?:le |la |l'|y )?(?:fais|fait|suis|suit|vais|va)\s+pas\b"
                               r"|\bet sinon\b|\b" + _IF_SUBJECT + r"(?:le |la )?(?:rate|loupe|depasse)\b")


def _if_not_done(tracker: Tracker) -> Optional[str]:
    return _line_of_last_answer(tracker, "Sans stage terminé le") or _line_of_last_answer(tracker, "Le délai a expiré")


# "je risque quoi ?", "c'est grave ?", "quelle sanction ?" after an answer on a 48N: what a stage not done in time costs
ASKS_RISK = re.compile(r"\brisqu\w*\s+(?:quoi|quelque chose|qqch|qqc|gros|beaucoup|koi)\b|\bquoi comme (?:risque|sanction)"
                        r"|\bqu'?\s?est[- ]ce que (?:je|j'|on|il|elle)\s*risque|\bquels? (?:sont les |est le )?risques?\b"
                        r"|\bquelles? (?:sont les |est la )?sanctions?\b|\bc'?\s?est grave\b|\bil se passe quoi\b"
                        r"|\bqu'?\s?est[- ]ce qui (?:se passe|va se passer|m'attend|arrive)\b|\bque se passe-t-il\b"
                        r"|^\W*(?:et\s+)?(?:les |la )?(?:risques?|sanctions?)\W*$")


def _risk_without_the_48n_stage(tracker: Tracker) -> Optional[str]:
    """"je risque quoi ?" after an answer on a 48N (R15 example 2): what a stage not done within the 4 months costs,
    the line the answer gave, else the engine's for the 48N's date told; None without a 48N in the conversation."""
    told = tracker.get_slot("letter_48n_date") or _48n_told(tracker)
    if previous_answer(tracker) != "action_answer_mandatory_stage" and not told:
        return None
    line = _if_not_done(tracker)
    if line or not tracker.get_slot("letter_48n_date"):
        return line
    try:
        # (a month only: its first day, the shortest deadline, as the form counts it)
        received = PartialDate.parse(tracker.get_slot("letter_48n_date")).earliest()
        decision = rules_core.mandatory_stage_48n(received_on=received, today=today())
    except (InvalidAnswer, rules_core.InconsistentFacts):
        return None
    return next((render_reason(r) for r in decision.reasons if r.code in ("48n.if_missed", "48n.deadline_missed")),
                None)


# "je dois quand même faire le stage ?", "il reste obligatoire ?", "je suis obligé de le faire quand même ?" (folded)
_ASKS_STILL_COMPULSORY = re.compile(
    r"\b(?:quand meme|malgre tout|toujours|encore)\b[^?]{0,40}\b(?:stage|obligatoire|oblige\w*|faire|le faire)\b"
    r"|\b(?:dois|doit|faut|oblige\w*|obligatoire)\b[^?]{0,40}\b(?:quand meme|malgre tout|toujours|encore)\b"
    r"|\b(?:reste|est toujours|est encore)\s+obligatoire\b")


STAGE_COMPULSORY_AFTER_48N = (
    "Oui : après une lettre 48N, le stage est obligatoire, même s'il ne vous rend pas de points ; il doit être "
    "terminé dans les 4 mois qui suivent la réception de la lettre (article R.223-4 du Code de la route). Donnez-moi "
    "la date de réception de la lettre pour calculer votre date limite.")
NO_COMPULSORY_STAGE_WITHOUT_48N = (
    "Non : sans lettre 48N, aucun stage n'est obligatoire. Un stage volontaire reste possible pour récupérer jusqu'à "
    "4 points, un par an au plus (article L.223-6 du Code de la route). Seule une lettre 48N, envoyée en période "
    "probatoire après une infraction de 3 points ou plus, rend le stage obligatoire dans les 4 mois qui suivent sa "
    "réception (article R.223-4 du Code de la route).")


# "donc elle est obligée de faire un stage pour 1 point ?", "je dois faire un stage ?" after an offence's answer
_ASKS_OBLIGED_STAGE = re.compile(r"^(?=.*\b(?:dois|doit|devrai\w*|faut|oblig\w*|force\w*)\b)(?=.*\bstages?\b)")
# (and a hypothesis's: "une infraction (excès de vitesse) qui retire 2 points", T51 c06)
_OFFENCE_POINTS_SAID = re.compile(r"\bretrait de (\d+) points?\b|\bune infraction\b[^.]{0,60}\bqui retire (\d+) points?\b")


def _stage_for_the_offence(tracker: Tracker) -> Optional[str]:
    """"elle est obligée de faire un stage pour 1 point ?" after an offence's answer: under 3 points, no 48N, so no
    compulsory stage, even in probation (R15); from 3 points, as after any answer (_still_compulsory). None when
    the answer gave no points (tester T11 c05: "1 point" was read as the balance)."""
    found = _OFFENCE_POINTS_SAID.search(_last_bot_text(tracker))
    if found is None:
        return None
    points = int(found.group(1) or found.group(2))
    threshold = rules_core.load_params().at(today()).value("letter_48n.min_points")
    if points >= threshold:
        return _still_compulsory(tracker)
    counted = f"{points} point{'s' if points > 1 else ''}"
    back = (" ; sans nouvelle infraction, ce point revient de lui-même 6 mois après le paiement de l'amende"
            if points == 1 else "")
    return (f"Non : cette infraction retire {counted}, moins de {threshold} : elle n'entraîne pas de lettre 48N, même "
            "en période probatoire, et aucun stage n'est obligatoire (article R.223-4 du Code de la route). Un stage "
            f"volontaire reste possible pour récupérer des points, un par an au plus{back} (article L.223-6 du Code "
            "de la route).")


# (an obligation asked: not "je peux encore faire un stage ?", a question on the interval, R13)
_ASKS_STILL_OBLIGED = re.compile(r"^(?=.*\b(?:dois|doit|devrai\w*|faut|oblig\w*|force\w*)\b)(?=.*(?:"
                                 + _ASKS_STILL_COMPULSORY.pattern + "))")


def _still_compulsory(tracker: Tracker) -> Optional[str]:
    """"je dois quand même faire le stage ?" after an answer: with a 48N's date, yes, by its deadline, even for a stage
    giving no points (R15, R17); a 48N told without its date, yes within 4 months of its receipt; no 48N told, no:
    a voluntary stage only (R15). None for a stage a prosecutor proposed or a judge imposed (R11: another matter)."""
    if any(e.get("entity") == "stage_kind" and e.get("value") in ("prosecutor", "composition", "alternative",
                                                                  "sentence") for e in _user_entities(tracker)):
        return None
    if not tracker.get_slot("letter_48n_date"):
        return STAGE_COMPULSORY_AFTER_48N if _48n_told(tracker) else NO_COMPULSORY_STAGE_WITHOUT_48N
    try:
        received = PartialDate.parse(tracker.get_slot("letter_48n_date")).earliest()
        decision = rules_core.mandatory_stage_48n(received_on=received, today=today())
    except (InvalidAnswer, rules_core.InconsistentFacts):
        return None
    due = next((render_reason(r) for r in decision.reasons if r.code == "48n.stage_due"), None)
    if due is None:  # the deadline has passed: what that costs
        return next((render_reason(r) for r in decision.reasons if r.code == "48n.deadline_missed"), None)
    return ("Oui : le stage de la lettre 48N reste obligatoire, même s'il ne vous rend pas de points, et l'amende "
            f"est alors remboursée. {due}")


# "donc je fais quoi ?", "concrètement on fait quoi ?", "je fais comment alors ?" after an answer: what it says to do
_ASKS_WHAT_TO_DO = re.compile(r"\b(?:je|il|elle|on|j'|nous)\s*(?:fais|fait|faisons|dois faire|doit faire)\s+quoi\b"
                              r"|\bque (?:dois-je|doit-il|doit-elle|faut-il) faire\b|\bqu'?est[- ]ce que je (?:dois|fais)\b"
                              r"|^\W*(?:et |donc |du coup )?(?:que faire|quoi faire)\b"
                              r"|^\W*(?:et |donc |du coup |alors |mais )?(?:je fais|on fait|je dois faire|il fait|elle fait)"
                              r" comment\W*(?:alors|maintenant|du coup|la)?\W*$")
# the lines of an answer that say what to do: an instruction, an obligation, or that none is due
_SAYS_WHAT_TO_DO = re.compile(r"\b(?:[Rr]endez|[Rr]emettez|[Ee]nvoyez|[Ff]aites|[Aa]ttendez|[Ii]nscrivez|[Dd]emandez|"
                              r"[Tt]erminez|[Ss]uivez|[Cc]onnectez|ne conduisez)\b|\b(?:devez|devrez|doit|doivent)\b"
                              r"|\bil faut\b|\bobligatoire\b|\bobligation\b|\baucune démarche\b")
WHAT_TO_DO_MAX_LINES = 3


# facts of the user's situation a message may tell with its question ("il me reste 4 points, je dois faire quoi ?"; not a
# date, which may be one the answer gave: "le 20 novembre c'est passé ! je fais quoi ?")
_FACT_ENTITIES = ("points", "amount", "letter_code", "offence_type", "speed_excess", "speed_measured")


def _result_of_last_answer(tracker: Tracker) -> Optional[str]:
    """What the last answer says to do: its result when that is what it says (the first line), else its lines that
    say what to do (an instruction, an obligation, none due), else its result. None when the message tells a fact
    with the question ("il me reste 4 points dessus, je dois faire quoi ?", T8 c22): the question is asked again
    with that fact, and its answer is computed, not the last one summed up."""
    text = _last_bot_text(tracker)
    if not text or any(e.get("entity") in _FACT_ENTITIES for e in (tracker.latest_message or {}).get("entities", [])):
        return None
    if ASKS_REFUND_STEPS.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None  # "pour le remboursement je dois faire quoi ?": the refund's steps (R16), not this answer again
    first = text.splitlines()[0]
    if not _SAYS_WHAT_TO_DO.search(first):
        steps = _lines_of_last_answer(tracker, _SAYS_WHAT_TO_DO)[:WHAT_TO_DO_MAX_LINES]
        if steps:
            return "Concrètement :\n" + "\n".join(f"- {line}" for line in steps)
    return f"En résumé : {first[:1].lower()}{first[1:]}" if first[1:2].islower() else f"En résumé : {first}"


# "c'est pas ma question", "vous avez pas répondu", "ça répond pas à ma question" after an answer (tester T7)
_NOT_MY_QUESTION = re.compile(
    r"\bpas (?:ma|votre|la|ta|cette) question\b|\b(?:repond\w*|reponse)\b[^?]{0,20}\b(?:a cote|hors sujet)\b"
    r"|\b(?:vous|tu|t'?)\s?(?:ne\s+|n'\s?)?(?:m'\s?)?(?:avez|as) (?:pas|rien|toujours pas|jamais) repondu\b"
    r"|\b(?:vous|tu) (?:ne )?(?:me )?(?:repondez|reponds) (?:pas|jamais|toujours pas)\b|\bpas (?:du tout )?ce que (?:j'?\s?ai|je vous ai|je t'ai)"
    r" demande\b|\bhors sujet\b|\brien a voir\b|\bvous (?:ne )?m'?\s?avez pas compris\b|\btu (?:ne )?m'?\s?as pas compris\b"
    r"|\bj'?\s?ai (?:pas|jamais) demande (?:ca|cela)\b")
NOT_MY_QUESTION = ("Pardon, j'ai mal compris votre question. Pouvez-vous la reformuler en une phrase ? Par exemple : "
                   "« quand vais-je récupérer mes points ? », « combien de points aurai-je après le stage ? ».")
#: the facts said back when the question is asked again (they are kept: the user need not repeat them)
_FACTS_SAID_BACK = (("licence_date", "permis obtenu {when}"), ("current_balance", "solde de {n}"),
                    ("last_offence_points", "{n} retiré(s)"), ("fine_payment_date", "amende payée {when}"),
                    ("letter_48n_date", "lettre reçue {when}"), ("stage_first_day", "stage {when}"))


def _facts_said_back(tracker: Tracker) -> List[str]:
    """The facts the conversation holds, in words ("permis obtenu le 20 janvier 2025", "solde de 5 points")."""
    said = []
    for slot, words in _FACTS_SAID_BACK:
        value = tracker.get_slot(slot)
        if value is None or value in ("not_paid", "none") or isinstance(value, bool):
            continue
        try:
            if "{when}" in words:
                day = PartialDate.parse(value)
                said.append(words.format(when=("le " if day.precision == "day" else "en ") + day.french()))
            else:
                n = int(float(value))
                said.append(words.format(n=f"{n} point{'s' if n > 1 else ''}").replace("(s)", "s" if n > 1 else ""))
        except (InvalidAnswer, TypeError, ValueError):
            continue
    letter = tracker.get_slot("letter_code")
    if letter:
        said.append(f"lettre {letter}")
    return said


def _not_my_question(tracker: Tracker) -> str:
    """An apology and a request to rephrase; the facts known are kept and said, so the user need not repeat them."""
    facts = _facts_said_back(tracker)
    kept = f"\nJe garde ce que vous m'avez déjà dit ({', '.join(facts)}) : inutile de le répéter." if facts else ""
    return NOT_MY_QUESTION + kept


# "et j'ai combien de points ?", "il m'en reste combien du coup ?" after an answer that computed the balance
# (today's balance only: "combien j'aurai après le stage ?", "et si…" are questions of their own)
_ASKS_BALANCE = re.compile(r"^(?!.*\b(?:aurai|aurais|aura|apres|stage|si|quand|restera)\b)"
                           r"(?:.*\bcombien (?:de points |de pts )?(?:j'?\s?ai|il me reste|me reste|j'en ai|il m'en reste)\b"
                           r"|.*\bj'?\s?ai combien\b|.*\breste combien\b|.*\bmon solde\b"
                           r"|.*\b(?:je suis|j'en suis|jsuis) a combien\b"
                           # "donc je tombe à combien ?", "ça me fait descendre à combien ?" (tester T3 c13)
                           r"|.*\b(?:tombe|tomber|descend|descends|descendre|passe) a combien\b)")


def _balance_of_last_answer(tracker: Tracker) -> Optional[str]:
    """The sentence of the last answer that gives the balance, if it computed one."""
    return _line_of_last_message(tracker, _GIVES_BALANCE)


_GIVES_BALANCE = re.compile(r"^Solde aujourd'hui : |[Vv]otre solde (?:est aujourd'hui de|reste aujourd'hui de|passe(?:ra)? de)"
                            r"|^Avec un solde de")


# "et l'amende je la récupère ?" after a voluntary stage's answer
_ASKS_REFUND = re.compile(r"\brembours|\bamende\b.*\b(?:recup\w*|rend\w*|revient|rembours\w*)\b")
VOLUNTARY_STAGE_NO_REFUND = (
    "Non : seul le stage obligatoire suivi après une lettre 48N, dans les 4 mois, fait rembourser l'amende de "
    "l'infraction (article R.223-4 du Code de la route). Un stage volontaire rend des points, pas l'amende."
)


def _no_refund_for_a_voluntary_stage(tracker: Tracker) -> Optional[str]:
    """Not after a 48N told in any message: the compulsory stage gets the fine refunded even when it gives no
    points (R17)."""
    return None if tracker.get_slot("letter_48n_date") or _48n_told(tracker) else VOLUNTARY_STAGE_NO_REFUND


def _user_entities(tracker: Tracker):
    return (e for event in tracker.events if event.get("event") == "user"
            for e in (event.get("parse_data") or {}).get("entities", []))


def letter_48n_said(tracker: Tracker) -> bool:
    """Whether any message of the conversation named a 48N."""
    return any(e.get("entity") == "letter_code" and str(e.get("value")).upper().replace(" ", "") == "48N"
               for e in _user_entities(tracker))


def _48n_told(tracker: Tracker) -> bool:
    """A 48N named, or a letter's date given, in any message."""
    return letter_48n_said(tracker) or any(e.get("entity") == "date" and e.get("role") == "letter_48n"
                                           for e in _user_entities(tracker))


# "et si je conteste ?" after an offence: when the points go (R2)
_ASKS_CONTEST = re.compile(r"\bcontest\w*|\brequete en exoneration\b|\bexoneration\b")
CONTESTED_OFFENCE = (
    "Tant que l'infraction est contestée, les points ne sont pas retirés : ils le sont seulement une fois "
    "l'infraction établie (amende payée, titre exécutoire de l'amende majorée, ou condamnation devenue définitive). "
    "Payer l'amende vaut reconnaissance de l'infraction et empêche ensuite de la contester (article L.223-1 du Code "
    "de la route)."
)

# "et j'aurai 12 quand ?" after an answer that gave that date
_ASKS_WHEN_FULL = re.compile(r"\b12\b.*\bquand\b|\bquand\b.*\b(?:12|douze|tous mes points|le maximum|au max)\b")
_GIVES_FULL_DATE = re.compile(r"\b12 points\b.*\b\d{1,2}(?:er)? \w+ \d{4}|\b\d{1,2}(?:er)? \w+ \d{4}\b.*\b12 points\b"
                              r"|retrouvera son maximum de points le|a retrouvé son maximum")


def _full_date_of_last_answer(tracker: Tracker) -> Optional[str]:
    """"et il aura 12 quand du coup ?": the full recovery's day the last answer gave, or else the latest answer of the
    conversation that gave it, when a later one (a stage's, a "why", its notes) did not repeat it (L.223-6; a stage
    does not move it, R12). T51 c02 got nothing, then the stage form reading 12 as the balance. Not a day a
    hypothesis gave ("Si le stage commence…", "Si vous commettiez…"): that of a supposed fact."""
    said = _line_of_last_message(tracker, _GIVES_FULL_DATE)
    if said:
        return said
    # (not the day of an answer before the offence's class or points were learnt: "1 point, payé le 3 juin" answered
    # with the longest delay, then the road and the excess told, a 3e classe: 2 years, not that day; T58 c08)
    learnt, stale = False, False
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") in _FULL_DATE_FACTS and event.get("value") is not None:
            learnt = True
        stale = stale or (learnt and event.get("event") == "user")
        text = event.get("text") or "" if event.get("event") == "bot" else ""
        if text.startswith("Si "):
            continue
        found = next((line.lstrip("- ") for line in text.splitlines() if _GIVES_FULL_DATE.search(line)), None)
        if found:
            return None if stale else found
    return None


#: the facts of a retrait the full recovery's day is counted from (R9: its class sets the delay)
_FULL_DATE_FACTS = ("offence_class", "last_offence_points")


# "et si je paye vite ?", "si je paie tout de suite c'est moins cher ?" after an offence: the minorée of its fine
_ASKS_PAY_FAST = re.compile(r"\bpa(?:y|i)(?:e|es|er|ant|ement)?\b.*\b(?:vite|rapidement|tout de suite|de suite|direct\w*|tot"
                            r"|maintenant|en avance|dans les (?:15|quinze) jours)\b|\bminore")
PAYING_ADMITS = ("En payant, vous reconnaissez l'infraction : les points sont retirés à la date du paiement, et "
                 "l'infraction ne peut plus être contestée (article L.223-1 du Code de la route).")


def _fine_paid_fast(tracker: Tracker) -> Optional[str]:
    line = _line_of_last_answer(tracker, "Amende forfaitaire :")
    return f"{line}\n{PAYING_ADMITS}" if line and "minorée" in line else None


# "pourquoi ?", "pourquoi 8 et pas 12 ?", "comment ça ?" after an answer: the reasons it gave, also after what the bot
# said quoted back ("attends tu disais 8 avant, pourquoi 10 maintenant ?": its figures, no balance told, T21 c40)
# (not "pourquoi je perds des points ?": a question of its own); read wherever its sentence starts, the last of the
# message: "ok merci. mais pourquoi 4 ?" (T26 c02)
_ASKS_WHY = re.compile(r"(?:^|[.!?;])\W*(?:(?:attends?|attendez|euh|hein|ok|bon)\W+)*"
                       r"(?:(?:tu|vous)\s+(?:m'?\s?)?(?:disais|disiez|(?:as|avez|avais|aviez)\s+dit)\b[^?]{0,40}?\W+)?"
                       r"(?:et\s+|mais\s+)?(?:(?:pourquoi|pk|pq|pkoi)(?:\s+(?:ca|cela|pas|donc|alors|ce|cette|c'?\s?est"
                       r"|seulement|que|qu'|autant|si|tant|\d+)\b.*)?|comment ca|c'?est a dire)\W*$")
WHY_MAX_LINES = 3
# the assistant's request to rephrase (actions.fallback): no answer a follow-up reads
_ASKED_TO_REPHRASE = re.compile(r"Je n'ai pas bien compris\b")


def _why(tracker: Tracker) -> Optional[str]:
    """The lines of the last answer that give its reasons: those naming the number asked about ("pourquoi 8 ?")
    first, else its explanations (not its result line, which is what "pourquoi ?" questions) and the rule its question
    applies (`RULE_IN_BRIEF`); each cites its article. Not the answer again word for word (T18: an answer of two
    lines got both back)."""
    text = _last_bot_text(tracker)
    if _ASKED_TO_REPHRASE.match(text):
        # "pourquoi 3 ans et pas 2 ?" after a follow-up the assistant asked to rephrase: the answer before that request
        # (tester T32 c09 got a second request to rephrase)
        text = next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"
                     and event.get("text") and not _ASKED_TO_REPHRASE.match(event.get("text") or "")
                     and _CITES_A_SOURCE.search(event.get("text") or "")), text)
    lines = [line.lstrip("- ") for line in text.splitlines() if _CITES_A_SOURCE.search(line)]
    if not lines:
        return None
    not_now = _why_not_now(tracker, text, lines)
    if not_now:
        return not_now
    not_back = _why_points_not_back(tracker, text)
    if not_back:
        return not_back
    numbers = _counts_asked(fold((tracker.latest_message or {}).get("text") or ""))
    # ("pourquoi 3 ans et pas 2 ?": the lines of the number asked about, the first, before those of the other)
    named = _lines_naming(numbers, lines)
    earlier = [] if named else _earlier_lines_naming(tracker, numbers)
    if earlier:
        return "Voici sur quoi repose ce chiffre :\n" + "\n".join(f"- {line}" for line in earlier)
    if named:
        chosen = named[:WHY_MAX_LINES]
        chosen += [line for line in _why_the_ceiling(tracker, chosen) if line not in chosen]
    else:
        result = text.strip().splitlines()[0].lstrip("- ")
        rule = _rule_of_the_answer(tracker)
        chosen = [line for line in lines if line != result][:WHY_MAX_LINES - (1 if rule else 0)] + \
            ([rule] if rule else [])
        chosen = chosen or lines[:WHY_MAX_LINES]
    return "Voici sur quoi repose ce résultat :\n" + "\n".join(f"- {line}" for line in chosen)


def _lines_naming(numbers: List[str], lines: List[str]) -> List[str]:
    """The lines naming the first of `numbers` some line names as a count ("8 points", "4 mois", "3 ans", "sur 8"); a
    number asked with its unit ("4 mois") only with that unit (not the "4 points" of a stage: tester T59 c18)."""
    def count(number: str) -> str:
        n, _, unit = number.partition(" ")
        named = {"mois": "mois", "an": "ans?", "ans": "ans?", "jour": "jours?", "jours": "jours?"}.get(unit, "points?") \
            if unit else None
        return rf"\b{n} {named}\b" if named else rf"\b{n} (?:points?|ans?|mois)\b|\bsur {n}\b"
    return next((found for found in ([line for line in lines if re.search(count(n), line)] for n in numbers) if found),
                [])


def _counts_asked(text: str) -> List[str]:
    """The counts a message (folded) names, with their unit when it says one ("4 mois", "3 ans", "8"); in order."""
    return [f"{n} {unit.rstrip('s') if unit.startswith('jour') else unit}".strip()
            for n, unit in re.findall(r"\b(\d{1,2})\b(?:\s?(mois|ans?|jours?|points?|pts?)\b)?", text)]


def _earlier_lines_naming(tracker: Tracker, numbers: List[str]) -> List[str]:
    """The cited lines of the latest earlier answer naming one of `numbers` as a count: "pourquoi 8 et pas 9 ?" after a
    hypothesis's answer asks about the "plafonnés à 8 points" of the answer before it (tester T57 c20 got the
    hypothesis's reasons, of no 8 at all). [] when no answer of the conversation names it."""
    if not numbers:
        return []
    for event in reversed(tracker.events):
        text = event.get("text") or "" if event.get("event") == "bot" else ""
        named = _lines_naming(numbers, [line.lstrip("- ") for line in text.splitlines() if _CITES_A_SOURCE.search(line)])
        if named:
            return named[:WHY_MAX_LINES]
    return []


# "pourquoi le délai c'est 4 mois et pas 6 ?", "c'est écrit où, ces 4 mois ?", "d'où ils sortent les 3 ans ?" (folded):
# the why or the text of a count an answer gave, named with its unit anywhere in the sentence (not "pourquoi je perds
# des points ?": no count; nor a count no answer gave, `_why_of_a_count` then leaves it)
_COUNT_NAMED = r"\b\d{1,2}\s?(?:mois|ans?|points?|pts?|jours?)\b"
_ASKS_WHY_OF_A_COUNT = re.compile(
    r"\b(?:pourquoi|pk|pq|pkoi)\b[^?.!]{0,40}?" + _COUNT_NAMED +
    r"|(?:\becrit\w*\s+ou\b|\bou\s+(?:c'?\s?est|est[- ]ce|est[- ]ce que c'?\s?est)\s+(?:ecrit|marque|prevu)\b"
    r"|\bd'\s?ou\s+(?:ils?\s+|elles?\s+|ca\s+)?(?:sort\w*|vien\w*)\b|\b(?:sort\w*|vien\w*)\s+d'\s?ou\b)[^?.!]{0,40}?"
    + _COUNT_NAMED +
    r"|" + _COUNT_NAMED + r"[^?.!]{0,40}?(?:\becrit\w*\s+ou\b|\bou\s+(?:c'?\s?est|est[- ]ce)\s+(?:ecrit|marque|prevu)\b)")


def _why_of_a_count(tracker: Tracker) -> Optional[str]:
    """"pourquoi le délai c'est 4 mois et pas 6 ?", "c'est écrit où, ces 4 mois ?" after an answer that gave that count:
    the lines of the latest answer naming it, with their articles (tester T57 c18 got a request to rephrase, twice, for
    the 4 months of R.223-4). None when no answer of the conversation names the count."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    asked = _ASKS_WHY_OF_A_COUNT.search(text)
    if asked is None:
        return None
    numbers = [count for count in _counts_asked(asked.group(0)) if " " in count]
    named = _earlier_lines_naming(tracker, numbers)
    return ("Voici sur quoi repose ce chiffre :\n" + "\n".join(f"- {line}" for line in named)) if named else None


#: the reasons of the probation's answer that say how its ceiling came to be (R5: 6 points, then 3 a year with the
#: AAC or 2 a year; R6: the training; R7: an offence stops the increments)
_CEILING_REASONS = ("probation.aac", "probation.training", "probation.increments_stopped")


def _why_the_ceiling(tracker: Tracker, lines: List[str]) -> List[str]:
    """"pourquoi 9 et pas 10 ?" about a ceiling said ("sans dépasser son plafond de 9 points"): how the probationary
    ceiling came to be, from the probation's answer (tester T56 c02 got only "plafond de 9 points ce jour-là"); [] when
    no line said a ceiling or the licence is not probationary."""
    if not any("plafond" in line for line in lines) or not tracker.get_slot("licence_date"):
        return []
    from actions import answers  # (answers reads this module)
    try:
        decision = answers.ActionAnswerProbation().decide(answers.Facts(tracker), today())
    except rules_core.InconsistentFacts:
        return []
    if decision is None or getattr(decision, "question", None) != "probation":
        return []
    return [render_reason(r) for r in decision.reasons if r.code in _CEILING_REASONS]


# the line of an answer that says an offence restarted the full recovery's delay (rules_core.wording_fr recovery.reset)
_RESET_SAID = re.compile(r"L'infraction (?:commise|payée) le (?P<day>\d\w* \w+ \d{4}) a relancé le délai de "
                         r"récupération totale")


def _why_points_not_back(tracker: Tracker, text: str) -> Optional[str]:
    """"pourquoi ?" after a balance whose later offence restarted the full recovery's delay: why the points of each
    earlier retrait told did not come back: more than 1 point, no return after 6 months (R8), and the later offence
    committed before the day they would have come back with the maximum (R9; tester T52 c09 got the answer's two
    bullets again). None when the answer says no delay restarted, or no earlier retrait of several points is known."""
    found = _RESET_SAID.search(text)
    restarted = long_date(found["day"]) if found else None
    if restarted is None:
        return None
    from actions.answers import Facts, _offence_of  # (the answers read this module)
    from actions.offence_history import told_retraits
    facts = Facts(tracker)
    offences = [o for o in (_offence_of(r, facts, today()) for r in told_retraits(tracker)) if o]
    reasons = []
    for offence in offences:
        realite = offence.get("realite")
        if realite is None or realite >= restarted or offence["points"] < 2:
            continue
        try:
            alone = rules_core.automatic_recovery(offences=[offence], today=today())
        except rules_core.InconsistentFacts:
            continue
        would = alone.results["offences"][0].get("full_recovery")
        if would is None or would < restarted:
            continue
        reasons.append(f"L'infraction payée le {format_long_fr(realite)} vous a retiré {points_fr(offence['points'])} : "
                       "seul le point d'une infraction qui n'en retire qu'1 revient au bout de 6 mois ; les siens "
                       "ne reviennent qu'avec le maximum, sans nouvelle infraction pendant le délai (article L.223-6 "
                       "du Code de la route).")
        reasons.append(f"Ils seraient revenus le {format_long_fr(would)}, mais l'infraction commise le "
                       f"{format_long_fr(restarted)}, avant cette date, a relancé le délai : tous vos points reviennent "
                       "ensemble à la date de votre maximum (article L.223-6 du Code de la route).")
    if not reasons:
        return None
    full = _line_of_last_turn(tracker, _FULL_RECOVERY_GIVEN)
    return "Voici pourquoi :\n" + "\n".join(f"- {line}" for line in reasons + ([full] if full else []))


# "pourquoi pas maintenant ?", "pourquoi pas tout de suite ?", "pourquoi pas avant ?" (folded text)
_ASKS_WHY_NOT_NOW = re.compile(r"\bpas\s+(?:maintenant|tout de suite|de suite|avant|plus tot|deja|aujourd'?\s?hui"
                               r"|des maintenant|direct\w*|tout \w+ de suite)\b")
_LONG_DAY = re.compile(r"\b(\d{1,2}(?:er)? [a-zéû]+ \d{4})\b")


def _why_not_now(tracker: Tracker, text: str, lines: List[str]) -> Optional[str]:
    """"pourquoi pas maintenant ?" after an answer that dates something to come ("un stage ne vous rendra des points
    qu'à partir du 5 décembre 2026 (un an de date à date après le stage du 5 décembre 2025)"): today against that
    day, the answer's lines that date it (with the user's days) and the rule its question applies (tester T27 c33 got
    the rule alone, without the dates). None when the message asks something else or nothing is dated to come."""
    if not _ASKS_WHY_NOT_NOW.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    every = [line.lstrip("- ") for line in text.splitlines()]
    dated = [(day, line) for line in every for day in [min(
        (d for d in (long_date(found) for found in _LONG_DAY.findall(line)) if d and d > today()), default=None)]
        if day is not None and _CITES_A_SOURCE.search(line)]
    if not dated:
        return None
    first = min(day for day, _ in dated)
    rule = _rule_of_the_answer(tracker)
    chosen = [line for _, line in dated][:WHY_MAX_LINES - (1 if rule else 0)] + ([rule] if rule else [])
    return (f"Parce qu'aujourd'hui, {format_long_fr(today())}, c'est avant le {format_long_fr(first)} :\n"
            + "\n".join(f"- {line}" for line in chosen))


def _rule_of_the_answer(tracker: Tracker) -> Optional[str]:
    """The rule the last answer's question applies, in one sentence with its article ("La règle : sans nouvelle
    infraction, le point retiré pour une infraction à 1 point revient 6 mois après…"), from `RULE_IN_BRIEF`; None
    for an answer without one."""
    from actions.informational import RULE_IN_BRIEF  # (informational reads this module)
    answer = previous_answer(tracker) or ""
    brief = RULE_IN_BRIEF.get(answer.replace("action_answer_", "", 1) + "_form")
    if not brief:
        return None
    rule = re.sub(r"\s*Pour [^.:]*:\s*$", "", re.sub(r"^En bref\s*:\s*", "", brief))
    return f"La règle : {rule}"


_CITES_A_SOURCE = re.compile(r"\((?:article|articles|service-public|Conseil d'État|décret|arrêté|pratique)")

# "je dois aller en préfecture ?": only to hand back an invalidated licence (R19); nothing to do there for points
# (not "je l'ai rendu le 10 novembre à la préfecture": a fact told, T3 c17)
_ASKS_PREFECTURE = re.compile(r"^(?!.*\b(?:rendu|remis|depose|restitue|ramene)\b)(?=.*\b(?:prefecture|prefet)\b)"
                              r"(?=.*(?:\?|\bdois\b|\bdoit\b|\bfaut\b|\baller\b|\bpasser\b|\bdemarche))")
NO_PREFECTURE_FOR_POINTS = (
    "Non : pour les points, il n'y a pas de démarche en préfecture. Les retraits et les récupérations se font "
    "automatiquement, et votre solde se consulte en ligne, gratuitement, sur « Mes Points Permis ». Seul un permis "
    "invalidé (lettre 48SI) doit être remis à la préfecture, dans les 10 jours suivant la réception de la lettre "
    "(service-public.fr, fiche F1704)."
)


# "faut faire une demande ou c'est automatique ?", "je dois faire une démarche pour les récupérer ou ils reviennent
# tout seuls ?" (folded text): whether points come back without a request
_ASKS_IF_AUTOMATIC = re.compile(r"\bautomatique\w*|\btout seuls?\b|\btoutes? seules?\b|\bd'?\s?eux-?memes?\b"
                                r"|\b(?:faire|faut|dois|doit|une) (?:une |la |des |quelque )?(?:demande|demarche)s?\b")
RECOVERY_IS_AUTOMATIC = (
    "C'est automatique : vous n'avez aucune demande ni démarche à faire. Les points reviennent d'eux-mêmes aux dates "
    "dites (6 mois, 2 ou 3 ans, ou 10 ans selon le cas), et votre solde se consulte gratuitement sur « Mes Points "
    "Permis » (article L.223-6 du Code de la route).")


_HAND_BACK_AT_PREFECTURE = re.compile(r"\b(?:remettre|remettez|rendre|rendez|restitu\w*)\b.*\bpr[ée]fecture\b")


def _prefecture(tracker: Tracker) -> Optional[str]:
    line = _line_of_last_message(tracker, _HAND_BACK_AT_PREFECTURE)
    return f"Oui, dans votre cas : {line[0].lower()}{line[1:]}" if line else NO_PREFECTURE_FOR_POINTS


def _fine_not_paid_yet(tracker: Tracker) -> Optional[str]:
    """"je l'ai pas encore payée" after an offence: nothing is withdrawn yet, its points go on payment (R2 example
    4), and what the retrait will leave when the balance is known (R18)."""
    try:
        decision, notes = retrait_decision(tracker, today())
    except rules_core.InconsistentFacts:
        return None
    return "\n\n".join([render(decision), *notes])


# "c'est un délit ou pas ?", "c'est pénal ?", "je vais passer au tribunal ?", "c'est une contravention ?"
# the words of a question on court and délit: "c'est un délit ?", "je passe au tribunal ?", "ça va au casier ?"
_COURT_WORDS = r"\bdelits?\b|\btribunal\b|\bproces\b|\bcasier\b|\bcorrectionnel"
_ASKS_IF_DELIT = re.compile(_COURT_WORDS + r"|\bjuge\b|\bpenal\w*|\bcontraventions?\b")
_CLASS_OF_ANSWER = re.compile(r"\((contravention de \d\w* classe|délit)\)")
_ARTICLE_OF_HEADLINE = re.compile(r"\(articles? ([LR]\.\s?[\d-]+) du Code de la route\)")


# what the offence answer says of a 5th class without amende forfaitaire (rules_core's "offence.court_c5")
_JUDGED_WITHOUT_FORFAIT = "n'est pas réglée par une amende forfaitaire"


def _delit_or_not(tracker: Tracker) -> Optional[str]:
    """"c'est un délit ou pas ?", "je vais passer au tribunal ?" after an offence answer: what its class says, with
    its article, and where the offence turns into a délit or stays a contravention (R4: alcohol from the délit's
    level, L.234-1 / R.234-1; speeding from the grand excès, L.413-1)."""
    level = blood_alcohol_level((tracker.latest_message or {}).get("text") or "", today())
    if level is not None and not {kind for kind, _ in _offences_of_the_answer(tracker)} & {"alcohol", "alcohol_delit"}:
        return _delit_or_not_at_the_level(tracker, level)
    text = _offence_answer_text(tracker)
    found = _CLASS_OF_ANSWER.search(text)
    if found is None:
        return _delit_or_not_of_each(tracker) if _SEVERAL_ADDED.search(text) else None
    article = _article_of_the_offence(tracker, found.group(1)) or next(
        iter(_ARTICLE_OF_HEADLINE.findall(text.splitlines()[0])), None)
    cited = f" (article {article} du Code de la route)" if article else ""
    if found.group(1) != "délit" and _JUDGED_WITHOUT_FORFAIT in text:
        # R4: a 5th class not forfaitisable (an excess of 50 km/h or more before 29/12/2025) has no fixed fine
        lead = (f"Non : c'est une {found.group(1)}, pas un délit{cited}. Elle n'a pas d'amende forfaitaire : c'est le "
                "tribunal de police qui la juge et fixe l'amende.")
    elif found.group(1) != "délit":
        lead = (f"Non : c'est une {found.group(1)}, pas un délit{cited}. Elle se règle par l'amende forfaitaire "
                "indiquée ; vous n'allez au tribunal de police que si vous la contestez.")
    else:
        forfait = next((line.lstrip("- ") for line in text.splitlines()
                        if line.lstrip("- ").startswith("Amende forfaitaire délictuelle")), None)
        lead = (f"Oui : c'est un délit, pas une contravention{cited}. Il peut être jugé par le tribunal correctionnel"
                + (" ; quand une amende forfaitaire délictuelle est proposée, la payer met fin aux poursuites ("
                   + forfait[0].lower() + forfait[1:].rstrip(".") + ")" if forfait else "") + ".")
    border = _where_it_becomes_a_delit(tracker)
    return f"{lead}\n- {border}" if border else lead


# "et ça revient quand si je paye aujourd'hui ?", "je les récupère quand ?" after an offence answer (R8, R9, R10)
_ASKS_WHEN_BACK = re.compile(r"\b(?:quand|date)\b.*\b(?:revien\w*|recup\w*|rend\w*|retrouv\w*)\b"
                             r"|\b(?:revien\w*|recup\w*|rendu\w*|retrouv\w*)\b.*\bquand\b")
RESERVE_LEAD = "Réponse sous réserve de"
# "si je paye aujourd'hui", "si je la règle le 15", "en payant maintenant": a payment supposed, not told
_PAYMENT_SUPPOSED = re.compile(r"\bsi (?:je|j'|il|elle|on)\s*(?:la |le |l')?(?:paye|paie|payes|paies|regle|reglais"
                               r"|payais)\b|\ben (?:la |le |l')?(?:payant|reglant)\b")
# the moment of the question: "aujourd'hui", "maintenant", "à ce jour" (folded)
TODAY_SAID = re.compile(r"\b(?:aujourd'?\s?hui|auj|ajd|maintenant|actuellement|a ce jour|ce jour)\b")


def _recovery_of_the_offence(tracker: Tracker) -> Optional[str]:
    """"et ça revient quand si je paye aujourd'hui ?" after the points of one offence asked in general: its points come
    back from the payment's day said (today, or the day said): the single point after 6 months (R8), all of them after
    2 or 3 years by its class (R9), and at the latest 10 years after it for a contravention of the first 4 classes
    (R10). None without a payment's day, or for several offences."""
    counted = _offences_of_the_answer(tracker)
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    days = list(dict.fromkeys(e.get("value") for e in message.get("entities", []) if e.get("entity") == "date"
                              and e.get("role") in (None, "payment")))
    if len(counted) != 1 or len(days) > 1 or not (days or TODAY_SAID.search(text)) or \
            not _PAYMENT_SUPPOSED.search(text) or any(e.get("entity") in ("points", "amount")
                                                      for e in message.get("entities", [])):
        return None  # (not "j'avais 12 points, et j'ai payé le 25 novembre": the user's case, its own answer)
    paid = PartialDate.parse(days[0]).earliest() if days else today()
    kind, arguments = counted[0]
    try:
        results = rules_core.offence_points(offence=kind, commission=min(paid, today()), today=today(),
                                            **arguments).results
        klass, points = results.get("offence_class"), results.get("points")
        if not points or klass is None:
            return None
        decision = rules_core.automatic_recovery(
            offences=[{"commission": min(paid, today()), "realite": paid, "points": points, "offence_class": klass,
                       "commission_known": False, "payment_told": True}], today=max(paid, today()))
    except (rules_core.InconsistentFacts, InvalidAnswer, TypeError, ValueError):
        return None
    when = "aujourd'hui" if paid == today() else f"le {format_long_fr(paid)}"
    said = render(decision)
    lines = [line for line in f"Si l'amende est payée {when} : {said[:1].lower()}{said[1:]}".splitlines()
             if not line.startswith(RESERVE_LEAD)]
    reserves = [line for line in said.splitlines() if line.startswith(RESERVE_LEAD)]
    view = rules_core.load_params().at(paid)
    if klass in view.value("recovery.ten_year.classes"):
        back = add_duration(paid, view.value("recovery.ten_year.delay"))
        lines.append(f"- Même si d'autres infractions repoussaient ce délai, les {points} points de cette "
                     f"{CLASS_FR[klass]} reviendraient au plus tard le {format_long_fr(back)}, 10 ans après le "
                     "paiement (article L.223-6 du Code de la route).")
    return "\n".join(lines + reserves)


# (the answer of several offences at one check: "… Les retraits s'additionnent …", R3)
# (and the 9 points of drugs with alcohol kept with another offence of the same check, R3 [U]; T15 c17)
_SEVERAL_ADDED = re.compile(r"\bLes retraits s'additionnent\b|\bnous retenons \d+ points au total\b")
# the balance left after them, when the answer said it ("il lui restera 1 point une fois le retrait fait")
_LEFT_AFTER = re.compile(r"\b(?:il (?:vous|lui) restera|il leur restera)\b")
# "et je vais passer au tribunal ?", "0,6 g/l c'est un délit ?", "c'est un délit donc tribunal ou juste une amende ?"
# a judgment told as done (T24 c11): "il est passé au tribunal, jugement définitif en mars 2026", "il a été jugé,
# c'est fini", "condamné le 31 mars" (folded); "je vais passer au tribunal ?" asks, it tells nothing
JUDGMENT_TOLD = re.compile(r"\b(?:est|suis|sommes|sont|es|a ete|ai ete|ont ete|avons ete)\s+(?:passee?s?\s+(?:au|devant)"
                           r"\b|jugee?s?\b|condamnee?s?\b)|\bjugements?\s+(?:\w+\s+)?(?:definitif|rendu)"
                           r"|\bcondamnations?\s+(?:est\s+)?(?:devenue\s+)?definitive")
ASKS_COURT = re.compile(_COURT_WORDS + r"|\bjuges?\b|\bpoursui\w*|\bcondamn\w*")


def _offence_answer_text(tracker: Tracker) -> str:
    """The bot's last offence answer: its last message that gives an offence's class, or several offences added
    (a reply on the délit since, "Oui : c'est un délit…", gives neither); "" when none."""
    return next((event["text"] for event in reversed(tracker.events) if event.get("event") == "bot" and (
        _CLASS_OF_ANSWER.search(event.get("text") or "") or _SEVERAL_ADDED.search(event.get("text") or ""))), "")


def _offences_of_the_answer(tracker: Tracker) -> List[Tuple[str, dict]]:
    """The offences the last offence answer counted together, as rules_core.offence_points reads them: those the
    user's message before it named (not a message asking about court since), with the speeds of an excess and the
    alcohol level said (the answer clears the slots of a question asked in general)."""
    from actions.answers import alcohol_level_told  # (the answers read this module)
    level = alcohol_level_told(tracker)
    users = [event for event in tracker.events if event.get("event") == "user"][:-1]  # (not the latest message)
    for event in reversed(users):
        if ASKS_COURT.search(fold(event.get("text") or "")):
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        kinds = list(dict.fromkeys(e.get("value") for e in entities if e.get("entity") == "offence_type"))
        if not kinds:
            continue
        speeds = {_OFFENCE_ARGUMENTS[e["entity"]]: e.get("value") for e in entities
                  if e.get("entity") in _OFFENCE_ARGUMENTS and isinstance(e.get("value"), int)}
        if "recorded_speed_kmh" in speeds and "speed_limit_kmh" in speeds:
            speeds.pop("excess_kmh", None)
        return [(kind, speeds if kind == "speeding" else {"blood_alcohol_g_l": level}
                 if kind in ("alcohol", "alcohol_delit") and level is not None else {}) for kind in kinds]
    return []


def _delit_or_not_at_the_level(tracker: Tracker, level: float) -> Optional[str]:
    """"0,6 c'est un délit ?" after an answer that counted no alcohol (helper h23: it gave the classes of the offences
    counted): the alcohol level asked about alone, a 4th-class contravention from 0,5 g/l (0,2 in probation) and a
    délit from 0,8 g/l (R4: R.234-1, L.234-1), with the line between them."""
    from actions.forms import probation_said  # (the forms read this module)
    day = today()
    try:
        results = rules_core.offence_points(offence="alcohol", commission=day, today=day, blood_alcohol_g_l=level,
                                            probationary=probation_said(tracker)).results
    except (rules_core.InconsistentFacts, TypeError, ValueError):
        return None
    said = f"{level:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    klass, article = results.get("offence_class"), results.get("article")
    cited = f" (article {article} du Code de la route)" if article else ""
    points = results.get("points") or 0
    if klass == "delit":
        lead = (f"Oui : avec {said} g/l d'alcool dans le sang, la conduite est un délit{cited}, jugé par le tribunal "
                f"correctionnel, et elle retire {points} points.")
    elif klass in CLASS_FR:
        lead = (f"Non : avec {said} g/l d'alcool dans le sang, la conduite est une {CLASS_FR[klass]}, pas un "
                f"délit{cited}, et elle retire {points} points. Elle se règle par l'amende forfaitaire ; vous n'allez "
                "au tribunal de police que si vous la contestez.")
    else:
        lead = f"Non : avec {said} g/l d'alcool dans le sang, ce n'est ni un délit ni une contravention{cited}."
    border = _where_it_becomes_a_delit(tracker, "alcohol")
    return f"{lead}\n- {border}" if border else lead


def _delit_or_not_of_each(tracker: Tracker) -> Optional[str]:
    """"je vais passer au tribunal ?" after several offences of one check (R3): the class of each (R4), whether one is
    a délit, and where each kind turns into one."""
    day, each, kinds = today(), [], []
    for kind, arguments in _offences_of_the_answer(tracker):
        try:
            results = rules_core.offence_points(offence=kind, commission=day, today=day, **arguments).results
        except (rules_core.InconsistentFacts, TypeError, ValueError):
            return None
        if results.get("offence_class") not in CLASS_FR:
            return None
        article = results.get("article")
        cited = f" (article {article} du Code de la route)" if article and article[:2] in ("L.", "R.") else ""
        excess = f" de {results['excess_kmh']} km/h" if results.get("excess_kmh") else ""
        each.append((results.get("offence_class"), f"{results.get('label_fr')}{excess} : "
                                                   f"{CLASS_FR[results['offence_class']]}{cited}"))
        kinds.append(kind)
    if len(each) < 2:
        return None
    classes = "\n".join(f"- {line[:1].upper()}{line[1:]}." for _, line in each)
    if all(klass != "delit" for klass, _ in each):
        lead = ("Non : aucune de ces infractions n'est un délit. Ce sont des contraventions : elles se règlent par les "
                "amendes forfaitaires indiquées, et vous n'allez au tribunal de police que si vous les contestez.")
    else:
        delits = [line.split(" : ")[0] for klass, line in each if klass == "delit"]
        verb = "c'est un délit" if len(delits) == 1 else "ce sont des délits"
        lead = (f"Oui : {' et '.join(delits)}, {verb}, "
                "qui peut être jugé par le tribunal correctionnel (ou se régler par une amende forfaitaire délictuelle "
                "quand elle est proposée) ; les contraventions se règlent par leur amende forfaitaire.")
    borders = [border for border in dict.fromkeys(_where_it_becomes_a_delit(tracker, kind) for kind in kinds)
               if border]
    return "\n".join([lead, classes] + [f"- {border}" for border in borders])


def _article_of_the_offence(tracker: Tracker, class_fr: str) -> Optional[str]:
    """The article that punishes the offence told (R4's table), when the barème gives it the class the answer said."""
    told = offence_told(tracker)
    if told is None:
        return None
    offence, speeds = told
    try:
        decision = rules_core.offence_points(offence=offence, commission=today(), today=today(), **speeds)
    except rules_core.InconsistentFacts:
        return None
    same_class = CLASS_FR.get(decision.results.get("offence_class")) == class_fr
    article = decision.results.get("article")
    return article if same_class and article and article[:2] in ("L.", "R.") else None


def _where_it_becomes_a_delit(tracker: Tracker, kind: Optional[str] = None) -> Optional[str]:
    """The line between contravention and délit for the offence told (or of that kind), from rules_core's parameters
    (R4)."""
    if kind is None:
        offence = offence_told(tracker)
        if offence is None:
            return None
        kind, _ = offence
    day = today()
    if kind in ("alcohol", "alcohol_delit"):
        from actions.forms import probation_said  # (the forms read this module)
        decision = rules_core.alcohol_limits(today=day, probationary=probation_said(tracker))
        return next(render_reason(r) for r in decision.reasons if r.code == "alcohol.limit")
    if kind == "speeding":
        view = rules_core.load_params().at(day)
        serious, klass, article = (view.value("speeding.serious_from_kmh"), view.value("speeding.serious_class"),
                                   view.value("speeding.serious_article"))
        return (f"Un excès de vitesse est un {CLASS_FR[klass]} à partir de {serious} km/h au-dessus de la limite "
                f"(article {article} du Code de la route) ; en dessous, c'est une contravention (article R.413-14 du "
                "Code de la route).")
    return None


# "faut envoyer la demande quand ?", "j'ai combien de temps pour la demande de remboursement ?" after a refund answer
ASKS_REFUND_REQUEST_WHEN = re.compile(
    r"\b(?:demande|dossier|formulaire)\b.*\b(?:quand|avant quand|jusqu'?\s?a quand|delai|combien de temps|date limite)\b"
    r"|\b(?:quand|avant quand|jusqu'?\s?a quand|delai|combien de temps|date limite)\b.*\b(?:demande|dossier|formulaire)\b"
    r"|\b(?:quand|avant quand|jusqu'?\s?a quand)\b.*\b(?:envoyer|envoie|envoyer?|renvoyer)\b"
    r"|\b(?:envoyer|envoie|renvoyer)\b.*\b(?:quand|avant quand|jusqu'?\s?a quand)\b")
# (the lines of the refund answers that give it: its date, 15 days after the stage, or that date passed, R16)
# (for a fine not paid, the request is to stop its recovery: "la demande d'arrêt du recouvrement", R16 example 2)
_GIVES_REFUND_REQUEST_DATE = re.compile(r"\bla demande(?: d'arrêt du recouvrement)? rapidement, au plus tard le\b"
                                        r"|\bindiqué pour la demande a expiré\b"
                                        r"|^Envoyez la demande(?: d'arrêt du recouvrement)? dans les\b")


def _refund_request_deadline(tracker: Tracker) -> Optional[str]:
    """When to send the refund request: the line of the last refund answer that says it (R16)."""
    return next(iter(_lines_of_last_answer(tracker, _GIVES_REFUND_REQUEST_DATE)), None)


# "je dois envoyer quoi et à qui ?", "quels justificatifs ?", "comment on se fait rembourser ?": the steps (R16)
ASKS_REFUND_STEPS = re.compile(
    r"\b(?:quoi|quels?|quelles?)\s+(?:documents?|pieces?|papiers?|justificatifs?)\b|\benvoyer?\s+quoi\b|"
    r"\bj'?\s?envoie\s+quoi\b|\ba qui\b|\badresse\b|\bcomment\s+(?:on\s+|je\s+)?(?:se\s+|me\s+)?(?:fai[st]|faire)\s+"
    r"rembourser\b|\bprocedure\b|\bdemarches?\b|\bformulaire\b|\bjoindre\b|\brib\b"
    # "il faut envoyer quels papiers ?", "je dois fournir quoi ?", "qu'est-ce que j'envoie ?"
    r"|\b(?:documents?|pieces?|papiers?|justificatifs?)\b.*\b(?:envoy\w*|fourni\w*|joindre|faut|dois|doit)\b"
    r"|\b(?:envoy\w*|fourni\w*|joindre)\b.*\b(?:documents?|pieces?|papiers?|justificatifs?)\b"
    r"|\bfournir quoi\b|\bqu'?\s?est[- ]ce que (?:j'?\s?)?(?:envoie|dois envoyer|fournis)\b"
    # "pour le remboursement de l'amende je dois faire quoi ?", "le remboursement ça se passe comment ?" (T23 c04)
    r"|\brembours\w*\b.*(?:\b(?:fai[st]|faire)\s+(?:quoi|comment)\b|\bquoi faire\b|\bcomment\b|\bque (?:dois-je|faut-il)\b)"
    r"|\b(?:fai[st]|faire)\s+(?:quoi|comment)\b.*\brembours\w*\b")
# (the lines of the refund answers that list what to send, to whom, and by when: R16)
_GIVES_REFUND_STEPS = re.compile(r"^Envoyez au comptable public|^Pour une infraction relevée par radar"
                                 + "|" + _GIVES_REFUND_REQUEST_DATE.pattern)
# "et j'ai un délai ?", "j'ai combien de temps ?" after a refund answer: the request's, not the stage's (R16)
_ASKS_HOW_LONG = re.compile(_ASKS_DEADLINE.pattern + r"|\bcombien de temps\b")


# "le 10 décembre c'est trop tard ?", "si je l'envoie le 12 ça passe ?", "je suis dans les temps le 8 ?": a day measured
# against the request's date of the last refund answer (R16); "trop tard" asked: yes when it is after it
ASKS_TOO_LATE = _ASKS_TOO_LATE = re.compile(r"\btrop tard\b|\bhors delai\b|\ben retard\b|\bdepasse\w*\b|\bplus dans les temps\b"
                            r"|\bc'?\s?est mort\b|\bfichu\b|\bfoutu\b")
_ASKS_IN_TIME = re.compile(_ASKS_TOO_LATE.pattern + r"|\ba temps\b|\bdans les temps\b|\bdans les? delais?\b"
                           r"|\bdans les (?:4|quatre) mois\b"
                           r"|\b(?:ca|sa|c'?\s?est|c) (?:passe|va|bon|ok|jouable)\b|\bencore (?:bon|possible|valable)\b"
                           r"|\bje peux (?:l'?\s?|la )?envoyer\b|\b(?:il|elle|on) peut (?:l'?\s?|la )?envoyer\b")
# (whether a stage told meets the 48N's deadline: "j'ai trouvé un stage les 3 et 4 décembre, ça passe ?", "est-ce que le
# stage du 3 est dans les temps ?", forms.stage_in_time_asked)
ASKS_IN_TIME = re.compile(_ASKS_IN_TIME.pattern + r"|\b(?:ca|sa|c'?\s?est|c) (?:marche|colle|suffit)\b|\bvalable\b")
_REQUEST_DAY_GIVEN = re.compile(r"(?:au plus tard le|a expiré le) (\d{1,2}(?:er)? \w+ \d{4})")


def _refund_request_in_time(tracker: Tracker) -> Optional[str]:
    """"si il l'envoie le 10 décembre c'est trop tard ?" after a refund answer that gave the request's date: the day
    asked against it; a day after it is late, but no text makes the 15 days a forfeiture (spec R16 [U]). None when the
    message names no day or the answer gave no date (the stage's day not told)."""
    from actions.later_on import _dated_lines  # (an answer's long-form dates back to days)
    asked = _day_asked(tracker)
    line = next(iter(_lines_of_last_answer(tracker, _GIVES_REFUND_REQUEST_DATE)), None)
    found = _REQUEST_DAY_GIVEN.search(line or "")
    if asked is None or found is None:
        return None
    [(by, _)] = _dated_lines(found.group(0))
    late = asked > by
    asks_late = bool(_ASKS_TOO_LATE.search(fold((tracker.latest_message or {}).get("text") or "")))
    lead = ("Oui" if late else "Non") if asks_late else ("Non" if late else "Oui")
    source = "(service-public.fr, fiche F14208 ; à vérifier)"
    if not late:
        return (f"{lead} : le {format_long_fr(asked)} est dans le délai indiqué, la demande de remboursement est à envoyer "
                f"au plus tard le {found.group(1)}, 15 jours après la fin du stage {source}. Envoyez-la dès que "
                "possible avec les pièces demandées.")
    return (f"{lead} : le {format_long_fr(asked)} est après le délai indiqué, la demande de remboursement est à envoyer au "
            f"plus tard le {found.group(1)}, 15 jours après la fin du stage {source}. Aucun texte ne prévoit "
            "cependant la perte du remboursement en cas de retard : envoyez-la le plus tôt possible, sans attendre.")


# "t'es sûr pour les 15 jours ?", "le délai de 15 jours … il est obligatoire ?", "si j'envoie le 20 c'est perdu ?" after
# a refund answer: whether the request's 15 days bind (folded text)
_DOUBTS_REFUND_REQUEST_DAYS = re.compile(
    r"^(?=.*\b(?:15|quinze) jours\b|.*\bdelai\b(?!.*\b(?:4|quatre) mois\b)|.*\bc'?\s?est perdu\b|.*\bperds? (?:le|mon) rembours\w*)"
    r"(?=.*\b(?:sure?s?|certaine?s?|obligatoires?|strict\w*|imperati\w*|impose\w*|vraiment|perdu|perds?)\b)")


def refund_request_days_doubted(tracker: Tracker) -> Optional[str]:
    """"t'es sûr pour les 15 jours ? si j'envoie le 20 décembre c'est perdu ?" after a refund answer that gave the
    request's date: that day against it, or, no day asked, what the 15 days are: service-public's and the forms'
    indication, no text found makes them a forfeiture (spec R16 edge case, [U]); the request as soon as possible.
    None otherwise (T54 c30 got "Je n'ai pas bien compris", then the whole card again)."""
    if previous_answer(tracker) != "action_answer_refund_48n" or \
            not _DOUBTS_REFUND_REQUEST_DAYS.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    line = next(iter(_lines_of_last_answer(tracker, _GIVES_REFUND_REQUEST_DATE)), None)
    found = _REQUEST_DAY_GIVEN.search(line or "")
    if found is None:
        return None
    if _day_asked(tracker) is not None:
        return _refund_request_in_time(tracker)
    return (f"Le délai de 15 jours (demande à envoyer au plus tard le {found.group(1)}) est celui qu'indiquent "
            "service-public.fr et les formulaires remis en fin de stage (service-public.fr, fiche F14208 ; à vérifier). "
            "Aucun texte trouvé ne prévoit cependant la perte du remboursement si la demande arrive plus tard : "
            "envoyez-la le plus tôt possible, et en cas de retard, envoyez-la quand même.")


# "ça vaut le coup ou pas ? 1 point pour 250 balles", "c'est rentable pour un seul point ?" after a stage answer: whether
# the stage is worth its price (folded text)
_ASKS_IF_WORTH_IT = re.compile(r"\bvaut (?:vraiment )?(?:le coup|la peine)\b|\brentable\b|\binteressant\b|\bworth\b"
                               r"|\bpour (?:1|un) (?:seul )?point\b")
# the stage's gain of the last stage answer ("Il vous rendrait 1 point", "Le stage vous rendra 2 points") and a point
# said to come back by itself ("revient de lui-même le 10 janvier 2027", "revient le 10 janvier 2027")
_STAGE_GAIN_SAID = re.compile(r"\b(?:vous )?rendr(?:ait|a) (\d+) points?\b")
_POINT_BACK_SAID = re.compile(r"\bpoint retiré pour l'infraction payée le [^,]*? revient (?:de lui-même )?le "
                              r"(\d{1,2}(?:er)? \w+ \d{4})")


def stage_worth_it(tracker: Tracker) -> Optional[str]:
    """"donc ça vaut le coup ou pas ? 1 point pour 250 balles" after a stage answer that gives as many points as come
    back by themselves on their date (R8): the stage only brings that return forward, and a stage that gives points
    uses up the year for the next one (R13, L.223-6; spec R1 ex. 2/3). None when the conversation said no point
    coming back, or the stage gives more (T54 c27 got "Je n'ai pas bien compris")."""
    if previous_answer(tracker) not in ("action_answer_stage_eligibility", "action_answer_points_after_stage") or \
            not _ASKS_IF_WORTH_IT.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    gain = next((int(found.group(1)) for line in _lines_of_last_answer(tracker, _STAGE_GAIN_SAID)
                 for found in [_STAGE_GAIN_SAID.search(line)]), None)
    back = [found.group(1) for event in tracker.events if event.get("event") == "bot"
            for found in _POINT_BACK_SAID.finditer(event.get("text") or "")]
    if not gain or not back or gain > len(set(back)):
        return None
    day = back[-1]
    return (f"Pour les points seuls, le stage rapporte peu ici : il vous rendrait {points_fr(gain)}, alors que sans "
            f"stage ce point revient de lui-même le {day}, si vous ne commettez pas d'autre infraction avec retrait d'ici "
            "là (article L.223-6 du Code de la route). Le stage ne ferait qu'avancer ce retour de quelques semaines.\n"
            "- Et un stage qui rend des points vous empêche d'en faire un autre qui en rende pendant un an, de date à "
            "date : mieux vaut le garder pour le jour où vous perdriez davantage de points (article L.223-6 du Code de "
            f"la route).\n- Il ne vaut le coup que si vous craignez une nouvelle infraction avant le {day}, qui "
            "bloquerait le retour de ce point.")


def _refund_steps(tracker: Tracker) -> Optional[str]:
    """"quels documents je dois envoyer ?" after a refund answer: its lines on what to send, to whom, by when."""
    lines = _lines_of_last_answer(tracker, _GIVES_REFUND_STEPS)
    return "Pour la demande de remboursement de l'amende :\n" + "\n".join(f"- {line}" for line in lines) \
        if lines else None


def _lines_of_last_answer(tracker: Tracker, pattern: "re.Pattern") -> List[str]:
    """The lines matching the pattern of the bot's latest message that has any (its "- " bullets removed): the
    answer a follow-up reads, even after replies in context to other follow-ups."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            lines = [line.lstrip("- ") for line in event["text"].splitlines() if pattern.search(line.lstrip("- "))]
            if lines:
                return lines
    return []


# "et si je paie pas du tout ?", "si je la paye jamais ?" after an offence or the retrait's timing (R2 example 2)
_ASKS_IF_NEVER_PAID = re.compile(r"\bsi (?:je|j'|on|il|elle)\s*(?:ne |n')?(?:la |le |l')?(?:paie|paye|payes|paies|regle)\s+"
                                 r"(?:pas|jamais|rien)\b|\bsi (?:je|on) (?:ne )?(?:la )?(?:paie|paye) pas\b"
                                 r"|\b(?:et )?sans (?:la )?payer\b|\bsi (?:je|on) refuse de (?:la )?payer\b")
FINE_NEVER_PAID = (
    "Ne pas payer n'évite pas le retrait : sans paiement ni contestation dans le délai, l'amende devient majorée "
    "(375 € au lieu de 135 €, par exemple) et les points sont retirés le jour où le titre exécutoire de l'amende "
    "majorée est émis (article L.223-1 du Code de la route). Les délais de récupération partent alors de ce jour-là."
)


# ... of an offence that withdraws no points (the amber light, R.412-31): the fine alone
FINE_WITHOUT_POINTS_NEVER_PAID = (
    "Si vous ne payez pas : cette infraction ne retire aucun point, payée ou non ; mais sans paiement ni contestation "
    "dans le délai, l'amende devient majorée et son recouvrement est poursuivi (service-public.fr, fiche F1685).")


def fine_never_paid_asked_with_an_offence(tracker: Tracker, without_points: bool) -> Optional[str]:
    """What not paying the fine does, when the message naming an offence also asks it: "et pour un feu orange ? et
    si je paie pas ?" (R2 example 2; the NLU gives the message the offence's question, and its other half was dropped,
    h130's leftover). `without_points`: the offence answered withdraws none."""
    message = tracker.latest_message or {}
    named = any(e.get("entity") == "offence_type" for e in message.get("entities") or [])
    if not named or not _ASKS_IF_NEVER_PAID.search(fold(message.get("text") or "")):
        return None
    return FINE_WITHOUT_POINTS_NEVER_PAID if without_points else FINE_NEVER_PAID


# "et en trottinette ?", "et à pied ?" after an answer on an offence of a cyclist: no points either (R21 example 1)
_NAMES_A_NON_MOTOR_WAY = re.compile(r"\b(?:trottinettes?|velos?|bicyclettes?|a pied|pietons?|edpm|gyroroues?|monoroues?"
                                    r"|hoverboards?|skates?|rollers?|vae)\b")
_NO_POINTS_WITHOUT_A_LICENCE_VEHICLE = re.compile(r"^Les infractions commises à vélo")


def _no_points_either(tracker: Tracker) -> Optional[str]:
    if _ASKS_FINE.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None  # ("et l'amende c'est combien à vélo ?": the fine, below; tester T19 c32)
    line = _line_of_last_message(tracker, _NO_POINTS_WITHOUT_A_LICENCE_VEHICLE)
    return f"Non plus : {line[0].lower()}{line[1:]}" if line else None


# "et si j'ai pas FranceConnect ?", "j'ai pas internet" after the answer on checking the balance
ASKS_WITHOUT_ONLINE = re.compile(r"\bfrance\s?connect\b|\b(?:pas|sans|jamais) (?:de |d'?\s?)?(?:internet|ordi\w*|compte)\b"
                                  # "il me faut quoi comme identifiant ?", "je me connecte avec quoi ?", "mon compte
                                  # ameli" (tester T61 c05 got the stage's sheet)
                                  r"|\bidentifiants?\b|\b(?:me|se|on se|je me|vous) connecte\w* (?:avec|comment)\b"
                                  r"|\bcompte (?:ameli|impots?|la poste|msa)\b"
                                  r"|\bpas (?:douee?|doue|fort) (?:avec|en)\b|\bpar (?:courrier|la poste|telephone)\b"
                                  r"|\b(?:autre|une autre) (?:solution|moyen|facon|maniere)\b")
# "le relevé intégral je le demande où ?", "c'est quoi le RII ?"
ASKS_RELEVE_INTEGRAL = re.compile(r"\breleve (?:d'?\s?info\w* )?integral\b|\breleve d'?\s?information\b|\brii\b")
# the other route the law gives (L.225-3: the right to the relevé intégral); how to ask it varies by préfecture
# (service-public.fr, F34791); the préfectures' counters no longer give the balance (spec, table of outdated claims)
RELEVE_INTEGRAL = (
    "Vous avez droit au relevé d'information intégral de votre permis, qui donne votre solde et l'historique de vos "
    "retraits de points (article L.225-3 du Code de la route). Il se demande à la préfecture, en général par "
    "courrier : joignez une copie de votre pièce d'identité, une copie de votre permis et une enveloppe affranchie "
    "au tarif recommandé avec avis de réception, libellée à vos nom et adresse. Certaines préfectures acceptent "
    "aussi la demande par courriel : renseignez-vous auprès de la vôtre ; le délai de réponse varie "
    "(service-public.fr, question-réponse F34791 ; à vérifier)."
)
BALANCE_WITHOUT_FRANCECONNECT = (
    "FranceConnect s'ouvre avec un compte que vous avez sans doute déjà : impots.gouv.fr, ameli.fr, "
    "l'Identité Numérique La Poste ou la MSA ; il suffit de choisir l'un d'eux sur la page de connexion de « Mes "
    "Points Permis ». Sans internet, un espace France Services peut vous aider à faire la démarche en ligne (à "
    "vérifier près de chez vous).\n- Sans passer par internet : " + RELEVE_INTEGRAL[:1].lower() + RELEVE_INTEGRAL[1:]
)


# "du coup je l'ai déjà récupéré ?", "donc ces 3 points je les ai récupérés ?", "il est revenu mon point ?" (R8–R10)
# (not "si je fais un stage, je les ai récupérés ?": a stage's question)
ASKS_IF_RECOVERED = re.compile(
    r"^(?!.*\b(?:stage|si)\b).*\b(?:je l'?\s?ai|je les ai|l'ai|les ai|ils sont|il est|elles sont|c'est|sont|est)\s+"
    r"(?:deja\s+|bien\s+|tous\s+|toutes\s+)?(?:recupere|recuperes|recuperee|recuperees|revenu|revenus|rendu|rendus)\b")


def _whether_recovered(tracker: Tracker) -> Optional[str]:
    """Yes or not yet, with the date: the recovery of the retraits known (R8–R10), computed as the recovery answer
    does; None when what was lost or when it was paid is not known."""
    from actions import answers  # (the answers read this module)
    from actions.offence_history import told_retraits
    known = tracker.get_slot("fine_payment_date") not in (None, "not_paid") and (
        tracker.get_slot("last_offence_points") or tracker.get_slot("offence_class"))
    if not known and not told_retraits(tracker):
        return None
    facts = answers.Facts(tracker)
    try:
        decision = answers.ActionAnswerAutoRecovery().decide(facts, today())
    except (rules_core.InconsistentFacts, InvalidAnswer, TypeError, ValueError):
        return None
    day = today()
    returns = [row.get("restored_on") for row in decision.results.get("offences") or []]
    upcoming = decision.key_dates.get("next_return") or decision.key_dates.get("full_recovery")
    if decision.outcome in ("not_established", "blocked_by_pending", "invalidated", "invalidation_ahead"):
        lead = ""
    elif returns and all(r is not None and r <= day for r in returns):
        lead = "Oui. "
    elif upcoming is not None and upcoming > day or any(r is None or r > day for r in returns):
        lead = "Pas encore. "
    else:
        lead = ""
    return lead + "\n\n".join([render(decision), *dict.fromkeys(facts.notes)])


# "et ça revient au bout de 10 ans ?", "la règle des 10 ans s'applique ?" after an offence's answer (R10)
_ASKS_TEN_YEARS = re.compile(r"\b(?:10|dix) ans\b")


def _ten_year_rule_of_the_offence(tracker: Tracker) -> Optional[str]:
    """Yes or no, from the line of the offence's answer that says whether the 10-year rule applies (R10: the
    contraventions of the first four classes only; tester T3 c41 after a délit)."""
    line = _line_of_last_message(tracker, re.compile(r"la r[eè]gle des 10 ans"))
    if line is None:
        return None
    if "ne s'applique pas toujours" in line:
        lead = "Pas toujours"
    elif "ne s'applique pas" in line:
        lead = "Non"
    else:
        lead = "Oui"
    return (f"{lead} : la règle des 10 ans ne rend que les points des contraventions des 4 premières classes, "
            f"10 ans après le paiement, même avec d'autres infractions entre-temps ; jamais ceux d'un délit ni "
            f"d'une contravention de 5e classe (article L.223-6 du Code de la route).\n- {line}")


# "3 ans pour 2 points ?? c'est pas 6 mois ?", "je croyais que c'était 6 mois" after a recovery dated in years (folded)
# (and what someone else said: "donc mon collègue a tort pour les 6 mois ?", "on m'a dit 6 mois", T32 c09)
_DOUBTS_SIX_MONTHS = re.compile(r"\b(?:pas|plutot|croyais|pensais|cru|pense|normalement|pourtant|tort|raison|dit|disait"
                                r"|dis|parlait|parle)\b[^?!.]{0,25}"
                                r"\b(?:6|six) mois\b|\b(?:6|six) mois\b[^?!.]{0,20}\b(?:non|plutot|normalement|pourtant)\b"
                                # "vous êtes sûr ? on m'a dit que le point de l'excès revenait au bout de 6 mois" (T38 c01)
                                r"|^(?=.*\b(?:sure?s?|certaine?s?|dit|entendu|lu)\b).*\b(?:revien\w*|revenai\w*|reviendr\w*"
                                r"|recuper\w*|rend\w*)\b[^?!.]{0,25}\b(?:6|six) mois\b")
#: the answers whose delay a "c'est pas 6 mois ?" may doubt (R8, R9, R15)
SIX_MONTHS_DOUBTED_AFTER = ("action_answer_auto_recovery", "action_answer_check_balance",
                            "action_answer_retrait_timing", "action_answer_mandatory_stage",
                            "action_answer_refund_48n")
_FULL_RECOVERY_GIVEN = re.compile(r"retrouvera (?:son|votre) maximum de points le \d|retrouvera \d{1,2} points le \d")
# the 6 months' rule asked of, not doubted: "et pour la règle des 6 mois, il peut pas récupérer un point ?", "le point
# qui revient au bout de 6 mois" (folded; R8)
_ASKS_SIX_MONTHS_RULE = re.compile(r"\bregle des (?:6|six) mois\b|\b(?:6|six) mois\b[^?!.]{0,40}\bpoints?\b"
                                   r"|\bpoints?\b[^?!.]{0,40}\b(?:6|six) mois\b")
#: the answers whose recovery a question of the 6 months' rule may ask of: a balance with its recovery, the
#: probation's (T42 c02 asked it after the probation's balance of a 2-point excess)
SIX_MONTHS_ASKED_AFTER = (*SIX_MONTHS_DOUBTED_AFTER, "action_answer_probation", "action_answer_offence_points")
# the lines of rules_core.wording_fr the doubt of 6 months is read against: the 48N's deadline (R15), and a
# 1-point offence's point blocked by another offence (R8, recovery.single_point_blocked)
_48N_DEADLINE_GIVEN = re.compile(r"au plus tard le (?P<day>\d\w* \w+ \d{4}) \((?P<months>\d+) mois apr[eè]s la "
                                 r"r[ée]ception de la lettre 48N")
_SINGLE_POINT_BLOCKED = re.compile(r"Le point retiré pour l'infraction payée le (?P<paid>\d\w* \w+ \d{4}) ne revient pas "
                                   r"le (?P<back>\d\w* \w+ \d{4}) : une autre infraction a été commise le "
                                   r"(?P<other>\d\w* \w+ \d{4})")


def _single_point_blocked_why(tracker: Tracker) -> Optional[str]:
    """Why a single point the last turn said blocked did not come back after its 6 months: the other offence committed
    within them (R8, L.223-6 al. 3), with the day the points come back when the turn gave it. None when the last turn
    said no point blocked."""
    blocked = _line_of_last_turn(tracker, _SINGLE_POINT_BLOCKED)
    if blocked is None:
        return None
    found = _SINGLE_POINT_BLOCKED.search(blocked)
    full = _line_of_last_turn(tracker, _FULL_RECOVERY_GIVEN)
    return (f"Les 6 mois valent pour une infraction qui n'a retiré qu'1 point, à condition qu'aucune autre "
            f"infraction avec retrait ne soit commise pendant ces 6 mois (article L.223-6 du Code de la route). "
            f"Le point de l'infraction payée le {found['paid']} serait revenu le {found['back']}, mais l'infraction "
            f"du {found['other']} a été commise avant cette date, pendant les 6 mois : le point ne revient donc "
            "pas seul, il revient avec les autres quand le permis retrouve son maximum."
            + (f"\n- {full}" if full else ""))


# "pourquoi le point de juillet est pas revenu en janvier ?", "il aurait pas dû revenir ?", "je pensais qu'il revenait
# au bout de 6 mois" (folded text): a point expected back, asked of after an answer that said it blocked (R8)
_ASKS_POINT_NOT_BACK = re.compile(
    r"\b(?:pas|jamais)\s+(?:encore\s+|ete\s+|du\s+|deja\s+)?(?:revenu|revient|reviendra|rendu|recupere)\w*"
    r"|\b(?:pourquoi|pk|pq|pkoi)\b.*\b(?:revenu|revient|revenir|rendu|recupere)\w*"
    r"|\b(?:pensais|croyais|cru|pense|normalement|pourtant|devait|devrait|aurait)\b.*\b(?:revien\w*|revenai\w*"
    r"|reviendr\w*|revenir|recuper\w*|rendu)\b")


def single_point_blocked_asked(tracker: Tracker) -> Optional[str]:
    """"pourquoi le point de juillet est pas revenu en janvier ?" after an answer that said that point blocked by an
    offence committed within its 6 months: why (R8; tester T51 c14 got the balance again, "Comme indiqué"). None when
    the message asks no such thing or the last turn said no point blocked."""
    said = fold((tracker.latest_message or {}).get("text") or "")
    return _single_point_blocked_why(tracker) if _ASKS_POINT_NOT_BACK.search(said) else None


def _why_not_six_months(tracker: Tracker) -> Optional[str]:
    """Why the points told come back in 2 or 3 years, not 6 months: the 6 months are for an offence of 1 point only
    (R8, L.223-6 al. 2); the others return with the whole balance, after the years the answer gave (R9; T22 c30 got
    the same answer again). None when the offence cost 1 point, or no full recovery was given."""
    # ("donc mon collègue a tort pour les 6 mois ?": yes, he is; "il a raison ?": no; T32 c09)
    said_by_other = re.search(r"\b(tort|raison)\b", fold((tracker.latest_message or {}).get("text") or ""))
    lead = {"tort": "Oui, ici ce n'est pas 6 mois", "raison": "Non, ici ce n'est pas 6 mois"}.get(
        said_by_other.group(1) if said_by_other else "", "Non")
    deadline = _line_of_last_turn(tracker, _48N_DEADLINE_GIVEN)
    if deadline is not None:
        # "c'est pas 6 mois plutôt le délai ?" after the 48N's deadline: no, the 4 months of R.223-4 (R15); the 6
        # months are a 1-point offence's return (R8), another clock (tester T26 c18 got the deadline again, no "non")
        found = _48N_DEADLINE_GIVEN.search(deadline)
        return (f"{lead} : après une lettre 48N, le délai pour terminer le stage obligatoire est de {found['months']} "
                f"mois à compter de sa réception, soit le {found['day']} au plus tard (article R.223-4 du Code de la "
                "route). Les 6 mois sont un autre délai : celui au bout duquel revient le point d'une infraction qui "
                "n'a retiré qu'1 point, sans nouvelle infraction entre-temps (article L.223-6 du Code de la route).")
    blocked = _single_point_blocked_why(tracker)
    if blocked is not None:
        # "le feu rouge c'est 5 mois après, c'est pas plutôt 6 mois qu'il faut attendre ?": yes, 6 months, but
        # without a new offence in them, and the other offence fell inside them (R8; tester T26 c12 got the answer
        # again, "je n'ai pas d'autre réponse")
        return blocked
    # (the answer's line, in its last message or, a note said after it, in its turn: T42 c02)
    line = _line_of_last_message(tracker, _FULL_RECOVERY_GIVEN) or _line_of_last_turn(tracker, _FULL_RECOVERY_GIVEN)
    points = tracker.get_slot("last_offence_points")
    which = "Votre infraction vous a retiré"
    if points is None:
        # several retraits told ("un excès de 25 km/h payé le 10 mars 2023, puis un téléphone"): the one the doubt
        # names, or the only one; its points as the answer counted them (R4; T38 c01 got "je n'ai pas d'autre réponse")
        points, which = _points_of_the_retrait_doubted(tracker)
    if line is None or points is None or int(points) < 2:
        return None
    return (f"{lead} : le retour au bout de 6 mois ne vaut que pour une infraction qui n'a retiré qu'1 point, et si aucune "
            f"autre infraction n'est commise pendant ces 6 mois (article L.223-6 du Code de la route). {which} "
            f"{int(points)} points : ils ne reviennent pas un par un, mais tous ensemble, quand votre "
            f"permis retrouve son maximum sans nouvelle infraction.\n- {line}")


# "c'est sûr ? une amie m'a dit que c'était 2 ans", "pourquoi 3 ans et pas 2 ?", "t'es sûr pour les 3 ans ? pour la
# ceinture c'était 2 ans" after an answer that counted 3 years (folded text; R9)
_YEARS_OF_THE_DELAY = re.compile(r"\b(?:2|deux|3|trois) ans\b")
# (2 years named against them, or a doubt: "pourquoi 3 ans ?" alone is a why, answered with the answer's reasons)
_TWO_YEARS_OR_A_DOUBT = re.compile(r"\b(?:2|deux) ans\b|\b(?:pas|et non|au lieu de|plutot) (?:2|deux)\b"
                                   r"|\b(?:sure?|certaine?|croyais|pensais|cru|normalement|pourtant|dit|disait|lu"
                                   r"|entendu|tort|raison)\b")
# the lines that give a delay of 3 years (rules_core.wording_fr: recovery.full, offence.recovery_delay)
_THREE_YEARS_GIVEN = re.compile(r"il est de 3 ans à cause d'un délit ou d'une contravention de 4e ou 5e classe"
                                r"|le délai de récupération totale est de 3 ans")
#: how many of the assistant's turns back a doubt of its delay is read against (a "c'est sûr ?" answered in between)
DELAY_DOUBT_TURNS = 3


def _lines_of_recent_turns(tracker: Tracker, turns: int) -> List[str]:
    """The lines of the assistant's last `turns` turns, the latest first."""
    lines: List[str] = []
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen += 1
            if seen > turns:
                break
        elif event.get("event") == "bot" and event.get("text"):
            lines += [line.lstrip("- ") for line in reversed(event["text"].splitlines())]
    return lines


def _classes_of_offences_told(tracker: Tracker) -> List[Tuple[str, str]]:
    """The offences the user named in the conversation with their class (rules_core's scale, R4): (label, class);
    an offence whose class needs facts not told (a speeding without its excess and limit) is left out."""
    named = list(dict.fromkeys(e.get("value") for event in tracker.events if event.get("event") == "user"
                               for e in (event.get("parse_data") or {}).get("entities", [])
                               if e.get("entity") == "offence_type" and e.get("value") in rules_core.OFFENCE_TYPES))
    found = []
    for offence in named:
        try:
            results = rules_core.offence_points(offence=offence, commission=today(), today=today()).results
        except rules_core.InconsistentFacts:
            continue
        if results.get("offence_class"):
            found.append((results["label_fr"], results["offence_class"]))
    return found


# (the licence's age, "il a son permis depuis 3 ans presque", and a count of points are no delay doubted)
_LICENCE_AGE = re.compile(r"\b(?:depuis|ca fait|il y a)\s+(?:presque\s+|environ\s+|bientot\s+|plus de\s+)?"
                          r"(?:\d+|deux|trois)\s+ans\b")
_POINTS_COUNT = re.compile(r"\b\d+\s*(?:points?|pts?)\b")


def three_years_doubted(tracker: Tracker) -> Optional[str]:
    """"pourquoi 3 ans et pas 2 ?", "c'est sûr ? on m'a dit 2 ans pour la ceinture" after an answer whose full recovery
    takes 3 years: why 3 years (a why: the answer's line of the delay first) or that it is 3 years indeed (a doubt),
    because one offence counted is a délit or a 4th- or 5th-class contravention, with the class of each offence told
    (R9, L.223-6; testers T50 c04 got "Quelle est votre question ?", T51 c08 the answer again). None when the message
    names no delay in years, neither 2 years nor a doubt ("pourquoi 3 ans ?" alone: the answer's reasons, `_why`), or
    no recent answer counted 3 years."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    delay = _LICENCE_AGE.sub(" ", text)
    if not _YEARS_OF_THE_DELAY.search(delay) or not _TWO_YEARS_OR_A_DOUBT.search(delay) or len(text) > 200 \
            or _POINTS_COUNT.search(text):
        return None
    lines = _lines_of_recent_turns(tracker, DELAY_DOUBT_TURNS)
    given = next((line for line in lines if _THREE_YEARS_GIVEN.search(line)), None)
    if given is None:
        return None
    classes = _classes_of_offences_told(tracker)
    told = "".join(f"\n- {label[0].upper()}{label[1:]} : {CLASS_FR[klass]}." for label, klass in classes)
    rule = ("Le délai pour retrouver tous ses points est de 2 ans sans nouvelle infraction, mais de 3 ans dès qu'une "
            "des infractions comptées depuis le permis (ou depuis le dernier retour au maximum) est un délit ou une "
            "contravention de 4e ou 5e classe (article L.223-6 du Code de la route).")
    classes_fr = ("Le téléphone tenu en main, la ceinture, le feu rouge, le stop et tout excès de vitesse de 20 km/h ou "
                  "plus sont des contraventions de 4e classe : 3 ans. Les 2 ans valent quand toutes les infractions sont "
                  "des 3 premières classes, par exemple un excès de moins de 20 km/h là où la vitesse est limitée à "
                  "plus de 50 km/h.")
    if re.search(r"\b(?:pourquoi|pk|pq|pkoi)\b", text):
        return f"Voici sur quoi repose ce résultat :\n- {given}\n- {rule}{told}\n- {classes_fr}"
    return (f"C'est bien 3 ans ici, pas 2. {rule}{told}\n- {classes_fr} Les sites qui disent « 2 ans » pour ces "
            f"infractions se trompent ou datent.\n- {given}")


def _points_of_the_retrait_doubted(tracker: Tracker) -> Tuple[Optional[int], str]:
    """The points of the retrait told that a "c'est pas 6 mois ?" names by its offence ("le point de l'excès de
    vitesse"), or of the only one told, as the answers count them (told, or the scale's, R4); with the words that
    name it ("L'infraction payée le 10 mars 2023 vous a retiré"). (None, "") when none is found."""
    from actions.answers import Facts, _offence_of  # (the answers read this module)
    from actions.offence_history import told_retraits
    retraits = told_retraits(tracker, before_latest=True)
    named = {e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
             if e.get("entity") == "offence_type"}
    doubted = [r for r in retraits if r.offence_type in named] if named else retraits
    if len(doubted) != 1:
        return None, ""
    offence = _offence_of(doubted[0], Facts(tracker), today())
    if offence is None:
        return None, ""
    return offence["points"], f"L'infraction payée le {format_long_fr(doubted[0].realite)} vous a retiré"


# "et les points ?", "et pour les points ?" after an answer on a retention or a suspension (tester T3 c20)
_ASKS_THE_POINTS = re.compile(r"^\W*(?:et\s+)?(?:pour\s+)?(?:les|mes)\s+points\W*(?:alors|du coup)?\W*$"
                              r"|^\W*(?:et\s+)?(?:je perds|j'?\s?en perds|ca fait) combien de points\b")
#: the entities an offence is told with -> the engine's arguments (rules_core.offence_points)
_OFFENCE_ARGUMENTS = {"speed_limit": "speed_limit_kmh", "speed_measured": "recorded_speed_kmh",
                      "speed_excess": "excess_kmh"}


def offence_told(tracker: Tracker) -> Optional[Tuple[str, dict]]:
    """The offence the user told last, with the speeds of an excess ("j'étais à 135 au lieu de 90", as
    rules_core.offence_points reads them); None when no message tells one, or the last one tells several."""
    from actions.what_if import hypothetical_message  # (what_if reads this module)
    for event in reversed(tracker.events):
        if event.get("event") != "user" or hypothetical_message(event):
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        kinds = [e.get("value") for e in entities if e.get("entity") == "offence_type"]
        speeds = {_OFFENCE_ARGUMENTS[e["entity"]]: e.get("value") for e in entities
                  if e.get("entity") in _OFFENCE_ARGUMENTS and isinstance(e.get("value"), int)}
        if not kinds and not speeds:
            continue
        offence = kinds[0] if len(set(kinds)) == 1 else "speeding" if speeds and not kinds else None
        if offence is None:
            return None
        if offence != "speeding":
            speeds = {}
        elif "recorded_speed_kmh" in speeds and "speed_limit_kmh" in speeds:
            speeds.pop("excess_kmh", None)
        return offence, speeds
    return None


def offence_told_decision(tracker: Tracker):
    """rules_core's decision on the offence the user told last (its kind, or the speeds of an excess, R4); None when
    no message tells one."""
    told = offence_told(tracker)
    if told is None:
        return None
    offence, speeds = told
    try:
        return rules_core.offence_points(offence=offence, commission=today(), today=today(), **speeds)
    except rules_core.InconsistentFacts:
        return None


def points_of_the_offence_told(tracker: Tracker) -> Optional[str]:
    """The points of the offence the user told last, said (R4); None when no message tells one."""
    decision = offence_told_decision(tracker)
    return render(decision) if decision is not None else None


# The offence told was someone else's: a passenger's seatbelt, or a company's vehicle paid for without naming who drove.
# "et moi si j'oublie la mienne ?", "et si c'est moi qui ne la mets pas ?", "moi le conducteur ?" ask the driver's own
# (folded text; tester T15 c20 got the stage's sheet)
_ASKS_FOR_THE_DRIVER_THEMSELF = re.compile(
    r"^\W*(?:et|mais|ok|d'accord|merci)?\W*(?:(?:et|mais)\s+)?(?:pour\s+)?moi\b|\b(?:et|mais|si|pour)\s+moi\b"
    r"|\bmoi\s+(?:je|j'?)|\bc'?\s?est\s+moi\b|\bmoi[- ]meme\b"
    r"|\bmoi\W+(?:le|la)\s+conduct\w*|\b(?:la|ma|sa)\s+mienne\b|\bma\s+(?:propre\s+)?ceinture\b"
    r"|\bsi\s+(?:je|j'?)\s*(?:ne\s+|n'?\s?)?(?:la|l'?)\s*(?:mets|met|mettais|attache)\b"
    r"|\bsi\s+(?:je|j'?)\s*(?:ne\s+)?(?:suis|etais)\s+pas\s+attache")
# "et si on désigne le salarié, il perd combien ?", "s'il est désigné ?", "si la société me désigne ?": the driver named
# (L.121-6), who then loses the offence's points (tester T15 c34 got the stage's sheet, then the limit asked again)
_ASKS_IF_DRIVER_NAMED = re.compile(
    r"\bdesign\w*|\bdenonc\w*|\b(?:donne|donner|donnait|indique|indiquer)\s+(?:son|le|mon)\s+nom\b")
#: the passengers' offences whose driver's own is the driver's seatbelt (R4: 3 points; R21: none for the passenger's)
_PASSENGER_SEATBELT = ("seatbelt_adult_passenger", "child_restraint")
# a passenger named after the driver's seatbelt ("mon passager", "la passagère", "le passager à l'arrière"), or someone
# riding with the driver ("et si c'est mon fils de 8 ans derrière qui l'avait pas ?", "ma fille", "le petit", "mon pote
# à côté"; tester T61 c13 got a request to rephrase)
_NAMES_A_PASSENGER = re.compile(r"\bpassag(?:er|ere)s?\b|\b(?:derriere|a l'?\s?arriere|a cote)\b"
                                r"|\b(?:mon|ma|mes|un|une|le|la|les|notre|nos)\s+(?:fils|filles?|enfants?|gamin[e]?s?|gosses?"
                                r"|petite?s?|bebes?|ados?|neveux?|nieces?|potes?|amie?s?|copaine?s?|copines?|collegues?"
                                r"|femme|mari|compagne|compagnon|copain|mere|pere|frere|soeur|passag\w+)\b")
# a passenger under 18 (R.412-2): "mineur", "mon fils de 12 ans", "un enfant", "un ado", "ma fille", "le petit" (a son
# or daughter said without an age is taken as a child: "de 20 ans" makes an adult, below)
_A_MINOR = re.compile(r"\bmineure?s?\b|\benfants?\b|\bados?\b|\bgamin[e]?s?\b|\bgosses?\b|\bbebes?\b"
                      r"|\b(?:[1-9]|1[0-7]) ans\b|\b(?:mon|ma|mes|le|la|les|notre|nos)\s+(?:fils|filles?|petite?s?)\b")
_AN_ADULT_S_AGE = re.compile(r"\b(?:1[89]|[2-9]\d) ans\b|\bmajeure?s?\b|\badultes?\b")
_PAID_WITHOUT_NAMING_SAID = re.compile(r"sans désigner le conducteur")


def _names_another_offence(tracker: Tracker) -> bool:
    return any(e.get("entity") == "offence_type" and e.get("value") not in ("seatbelt", *_PASSENGER_SEATBELT)
               for e in (tracker.latest_message or {}).get("entities", []))


def passenger_after_drivers_seatbelt(tracker: Tracker) -> Optional[str]:
    """A passenger named right after the driver's own seatbelt's answer, however long the message ("non je parle du
    passager à l'arrière, c'est moi le conducteur qui perd les points ?"): the passenger's seatbelt, no points for the
    driver (R21; tester T23 c19). None otherwise."""
    if previous_answer(tracker) != "action_answer_offence_points" or \
            not _NAMES_A_PASSENGER.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    return _points_for_the_driver(tracker)


def _points_for_the_driver(tracker: Tracker) -> Optional[str]:
    """The points the driver loses for the offence the last answer put on someone else (R4): the driver's own seatbelt
    after a passenger's ("et moi si j'oublie la mienne ?": 3 points, R.412-1), or, after a fine paid by a company
    without naming the driver (R21 example 2), the offence itself once the driver is named ("et si on désigne le
    salarié, il perd combien ?", L.121-6), computed from the speeds the story told. None otherwise."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    told = offence_told(tracker)
    if told is None:
        return None
    offence, speeds = told
    if offence in ("seatbelt", *_PASSENGER_SEATBELT) and _NAMES_A_PASSENGER.search(text) \
            and not _names_another_offence(tracker) \
            and not (offence in _PASSENGER_SEATBELT and _ASKS_FOR_THE_DRIVER_THEMSELF.search(text)) \
            and ("child_restraint" if _A_MINOR.search(text) and not _AN_ADULT_S_AGE.search(text)
                 else "seatbelt_adult_passenger") != offence:
        # (and after a passenger's: "mon passager avait pas sa ceinture", then "et si c'est mon fils de 10 ans ?",
        # the minor's, R.412-2; tester T62 c24 got the son's licence asked)
        # "et si c'est mon passager (adulte) qui l'avait pas ?", "non je parle du passager à l'arrière, c'est moi le
        # conducteur qui perd les points ?" after the driver's own seatbelt: the passenger's, with no points for the
        # driver (R21, R.412-1; a minor, R.412-2: the driver pays, still no points; tester T23 c19 got the driver's
        # 3 points again, then "Je n'ai pas bien compris")
        minor = bool(_A_MINOR.search(text)) and not _AN_ADULT_S_AGE.search(text)
        opening = ("Si c'est votre passager mineur qui ne porte pas sa ceinture :" if minor else
                   "Si c'est votre passager adulte qui ne porte pas sa ceinture :")
        offence, speeds = ("child_restraint" if minor else "seatbelt_adult_passenger"), {}
    elif offence in _PASSENGER_SEATBELT and _ASKS_FOR_THE_DRIVER_THEMSELF.search(text):
        opening, offence, speeds = "Si c'est vous, le conducteur, qui ne portez pas votre ceinture :", "seatbelt", {}
    elif _ASKS_IF_DRIVER_NAMED.search(text) and _PAID_WITHOUT_NAMING_SAID.search(_last_bot_text(tracker)):
        opening = ("Si l'entreprise désigne le salarié qui conduisait, l'avis de contravention lui est adressé et c'est "
                   "lui qui perd les points, le jour où l'amende est payée (article L.121-6 du Code de la route) :")
    else:
        return None
    try:
        said = render(rules_core.offence_points(offence=offence, commission=today(), today=today(), **speeds))
    except rules_core.InconsistentFacts:
        return None
    return f"{opening}\n{said}"


# "ok et combien l'amende ?" after a cyclist's answer (no points, R21): the fine of the offence itself
_WITHOUT_LICENCE_WAYS = {"cycling": "À vélo", "e_scooter": "En trottinette", "pedestrian": "À pied"}


def _fine_of_the_offence_said_with_a_way(event: dict, against: Optional[str] = None
                                         ) -> Optional[Tuple[str, Optional[str]]]:
    """(way, fine line) of a user message that names a way of travelling without a licence ("à vélo si je grille un feu
    rouge"): the fine of the offence it names besides, or of `against` when it names none ("et si j'étais à vélo ?"
    after a red light's answer), the line None when it names no single one of the barème (or alcohol, drugs,
    speeding: other offences than a driver's). None when the message names no such way."""
    besides = _offences_besides_a_way(event)
    if besides is None:
        return None
    way_named, kinds = besides
    kinds = kinds or ({against} if against and against not in _WITHOUT_LICENCE_WAYS else set())
    way = _WITHOUT_LICENCE_WAYS[way_named]
    if len(kinds) != 1 or kinds & {"alcohol", "alcohol_delit", "alcohol_and_drugs", "drugs", "speeding"}:
        return way, None
    try:
        decision = rules_core.offence_points(offence=kinds.pop(), commission=today(), today=today())
    except rules_core.InconsistentFacts:
        return way, None
    fine = next((render_reason(r) for r in decision.reasons if r.code == "offence.fine"), None)
    label = decision.results.get("label_fr")
    if fine is None:
        return way, None
    return way, (f"{way}, vous ne perdez pas de points, mais l'amende est due"
                 + (f" pour {label[0].lower()}{label[1:]}" if label else "") + f" : {fine[0].lower()}{fine[1:]}")


# "et en voiture alors ?", "et au volant ?", "et en moto ?" after an answer for a way without a licence: by a vehicle
# whose driving licence carries the points (folded text)
_NAMES_A_LICENCE_VEHICLE = re.compile(r"\b(?:en|a|au|avec (?:la|ma|une|sa))\s+(?:voiture|auto|bagnole|caisse|moto|scooter"
                                      r"|camion|volant)\b|\ben conduisant\b|\bautomobiliste\b")


def _offence_said_with_a_way(event: dict) -> Optional[str]:
    """The offence a user message names besides a way of travelling without a licence ("refus de priorité à un piéton
    ? et si c'est à vélo ?": the parser keeps only the way); None when it names no such way or no single offence."""
    besides = _offences_besides_a_way(event)
    kinds = besides[1] - set(_WITHOUT_LICENCE_WAYS) if besides is not None else set()
    return kinds.pop() if len(kinds) == 1 else None


def _offences_besides_a_way(event: dict) -> Optional[Tuple[str, set]]:
    """The first way of travelling without a licence a user message names ("à vélo"), and the offences it names
    besides (the way's words blanked, the offence they hid is read); None when it names no such way."""
    entities = (event.get("parse_data") or {}).get("entities", [])
    ways = [e for e in entities if e.get("entity") == "offence_type" and e.get("value") in _WITHOUT_LICENCE_WAYS]
    if not ways:
        return None
    said = event.get("text") or ""
    for way in ways:
        start, end = way.get("start") or 0, way.get("end") or 0
        said = said[:start] + " " * (end - start) + said[end:]
    return ways[0]["value"], {f.value for f in extract_facts(said, today()) if f.entity == "offence_type"}


def _the_offence_by_a_licence_vehicle(tracker: Tracker) -> Optional[str]:
    """"et en voiture alors ?" after the answer for a cyclist (or an e-scooter rider, a pedestrian): the same offence
    by car, with its points (R4; tester T24 c27 asked a pedestrian's priority and "et si c'est à vélo ?", got the bike
    only, then "et en voiture alors ?" read as off-topic). None when the last message naming a way named no offence."""
    for event in reversed(tracker.events):
        if event.get("event") != "user" or event is (tracker.latest_message or {}):
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        if not any(e.get("entity") == "offence_type" for e in entities):
            continue
        offence = _offence_said_with_a_way(event)
        if offence is None:
            return None
        try:
            said = render(rules_core.offence_points(offence=offence, commission=today(), today=today()))
        except rules_core.InconsistentFacts:
            return None
        return f"Avec un véhicule qui demande le permis (voiture, moto…), les points sont retirés :\n{said}"
    return None


def fine_without_licence_told(tracker: Tracker, against: Optional[str] = None) -> Optional[str]:
    """The fine line of the latest message when it names a way without a licence and an offence ("et à vélo si je
    grille un feu rouge ?": 135 €, R21 example 1), or `against`, the offence of the answer it follows ("et si j'étais
    à vélo ?" after a red light's, T20 c15), for the offence's answer; None otherwise."""
    found = _fine_of_the_offence_said_with_a_way(
        {"text": (tracker.latest_message or {}).get("text"),
         "parse_data": {"entities": (tracker.latest_message or {}).get("entities", [])}}, against)
    return found[1] if found else None


def _fine_without_licence(tracker: Tracker) -> Optional[str]:
    """The fine of the offence a cyclist (or an e-scooter rider, a pedestrian) told: no points, but its fine is due
    (R21 example 1: a red light, 135 €). The message names the way of travelling; the offence is what it names
    besides (the parser keeps only the way, which decides the points), in this message or an earlier one ("et l'amende
    c'est combien à vélo ?" after "et à vélo si je grille un feu rouge ?", tester T19 c32). None when no way was told."""
    first_way = None
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        found = _fine_of_the_offence_said_with_a_way(event)
        if found is None:
            continue
        way, line = found
        if line is not None:
            return line
        first_way = first_way or way
    if first_way is None:
        return None
    # (alcohol or drugs without a motor vehicle are other offences than a driver's: not the barème's)
    return (f"{first_way}, l'amende due est celle de l'infraction commise, sans retrait de points. Dites-moi "
            "laquelle (feu rouge, téléphone tenu en main…) pour son montant.")


# "donc jeudi j'aurai 7 points ?", "ça veut dire que le 15 je suis à 8 ?", "le 10 mars je serai bien à 12 ?": a figure on
# a day, to confirm from the last computation (tester T5 c70: it opened the stage's form, which looped)
_CONFIRMS = re.compile(r"^\W*(?:donc|alors|du coup|ok donc|d'accord donc|ca veut dire|cela veut dire|ce qui veut dire"
                       r"|si je comprends bien|autrement dit|en gros|c'est bien ca|bref)\b|\?\s*$")
_A_BALANCE_TO_COME = re.compile(r"\b(?:j'?\s?aurai|j'?\s?aurais|je serai|je serais|je suis|je serai a|je passe|je passerai"
                                r"|je remonte|je remonterai|je reviens|je reviendrai|j'?\s?ai|ca fera|ca me fera|il me "
                                r"restera|je retrouve|je recupere|je serai remonte|je serai revenu|on sera"
                                # the same of someone else: "en avril 2027 elle passera bien à 9 ?" (tester T9 c28)
                                r"|(?:il|elle|tu|vous) (?:aura|auras|aurez|aurait|sera|seras|serez|serait|passe|passes"
                                r"|passez|passera|passeras|passerez|remonte|remontera|reviendra|retrouve|retrouvera"
                                r"|recupere|recuperera)|(?:il|elle) (?:lui|en) restera|il lui reste)\b")
_WEEKDAY_OR_DAY_ONLY = re.compile(r"^\s*(?:le\s+)?(?:\d{1,2}(?:er)?)\s*$")
_ASSUMED_BALANCE = re.compile(r"^(?:- )?Solde aujourd'hui : \d+ points?, (si vous aviez \d+ points? avant [^:\n]*?)(?: et aucun "
                              r"autre retrait depuis)? :", re.MULTILINE)
#: the answers that compute a balance on a day, and the article their balance rests on
# a figure alone, asked back: "6 du coup non ?", "donc 11 ?", "11 points c'est ça ?" (tester T12 c29 got the whole
# answer again)
_BARE_FIGURE_ASKED = re.compile(r"^\W*(?:(?:donc|alors|du coup|ok|ah|bon)\W+)*\d{1,2}\s*(?:points?|pts?)?\W*"
                                r"(?:(?:du coup|alors|donc|non|hein|c'?\s?est (?:bien )?ca|c bien ca|c'?\s?est bien "
                                r"(?:ca|le solde))\W*)*\?+\W*$")
_BALANCE_ANSWERS = {"action_answer_auto_recovery": "L.223-6", "action_answer_probation": "L.223-1",
                    "action_answer_points_after_stage": "L.223-6"}
#: answers that give no balance on a day, after which a figure asked on a day is the probation's computation (R5, R7)
_PROBATION_READ_AFTER = ("action_answer_stage_eligibility", "action_answer_check_balance")


# "au final", "à la fin", "après le stage", or a future ("j'aurai 12 ?"): the figure at the end of the computation
_AT_THE_END = re.compile(r"\ba la fin\b|\bau final\b|\bfinalement\b|\ben fin de compte\b|\bau bout du compte\b"
                         r"|\bau total\b|\bapres (?:le|ce|mon|un) stage\b|\bapres ca\b|\bapres\W*$"
                         r"|\b(?:aurai|serai|passerai|remonterai|reviendrai|restera|fera|retrouverai|recupererai|sera)\b")
# "et j'aurai 12 quand ?": a question word asks something else than a yes or no on the figure
_ASKS_NOT_YES_OR_NO = re.compile(r"\bquand\b|\bcombien\b|\bquel\w*\b|\bcomment\b|\bpourquoi\b|\bdate\b")
# "8 ou 12 ?": a choice between two figures
_TWO_FIGURES = re.compile(r"\d+\s*(?:points?|pts?)?\s+ou\s+(?:a\s+|bien\s+)?\d+")


# an offence answer that withdrew no points ("feu orange : aucun point n'est retiré") leaves the balance computed before
_NO_POINTS_WITHDRAWN = re.compile(r"\baucun point n'est retiré\b|\bne retire (?:aucun|pas de) points?\b")


def _balance_answer(tracker: Tracker) -> Optional[str]:
    """The answer whose computed balance a figure is confirmed from: the last answer, or, after an offence answer that
    withdrew no points, the answer before it (tester T7 c17: "ok donc au final j'ai 12 points c'est sûr ?" after a
    probation answer, then a yellow light costing no points)."""
    previous = previous_answer(tracker)
    if previous in _BALANCE_ANSWERS:
        return previous
    if previous in _PROBATION_READ_AFTER and tracker.get_slot("licence_date"):
        # "et en avril 2027 elle passera bien à 9 ?" after a stage's answer: the balance then is the probationary
        # licence's, increments and offences included (R5, R7; tester T9 c28: read as a stage's date)
        return "action_answer_probation"
    if previous != "action_answer_offence_points" or not _NO_POINTS_WITHDRAWN.search(_last_bot_text(tracker)):
        return None
    named = [event.get("name") if event.get("event") == "action" else event.get("value")
             for event in reversed(tracker.events)
             if (event.get("event") == "action" and (event.get("name") or "").startswith("action_answer_"))
             or (event.get("event") == "slot" and event.get("name") == "last_question" and event.get("value"))]
    before = next((name for name in named if name != previous), None)
    return before if before in _BALANCE_ANSWERS else None


def asks_to_confirm_a_figure(tracker: Tracker) -> Optional[Tuple[Optional["date"], Tuple[int, ...]]]:
    """(the day, the figures) the latest message asks to confirm after an answer that computed a balance: "donc
    jeudi j'aurai 7 points ?" (one figure on a day), "ok donc au final j'ai 12 points c'est sûr ?" (no day: the end of
    the computation, None here; "donc j'ai 11 points ?": today), "j'aurai 8 ou 12 à la fin ?" (a choice of two);
    None when it is no such question. A day of the month said alone ("le 15") is the next one: the question is
    about what is to come."""
    from datetime import date as date_type
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if not text or len(text) > FOLLOW_UP_MAX_CHARS or not _CONFIRMS.search(text) \
            or not (_A_BALANCE_TO_COME.search(text) or _BARE_FIGURE_ASKED.match(text)) \
            or _ASKS_NOT_YES_OR_NO.search(text) or _balance_answer(tracker) not in _BALANCE_ANSWERS:
        return None
    entities = message.get("entities") or []
    points = tuple(int(e.get("value")) for e in entities if e.get("entity") in ("points", "number")
                   and e.get("role") in (None, "balance") and isinstance(e.get("value"), (int, float))
                   and 0 <= e.get("value") <= 15)
    days = [e for e in entities if e.get("entity") == "date"]
    if not 1 <= len(points) <= 2 or (len(points) == 2 and not _TWO_FIGURES.search(text)) or len(days) > 1 \
            or any(e.get("entity") in NEW_SUBJECT_ENTITIES for e in entities):
        return None
    if not days:
        return (None if _AT_THE_END.search(text) else today()), points
    try:
        day = PartialDate.parse(str(days[0].get("value")))
    except InvalidAnswer:
        return None
    if day.precision == "month" and day.latest() > today():
        # "en avril 2027 elle passera à 9 ?": the balance at the end of that month, its anniversary passed (R5)
        return day.latest(), points
    if day.precision != "day":
        return None
    asked: date_type = day_to_come(day.earliest(), message.get("text") or "", days[0])
    return (asked, points) if asked >= today() else None


def _offence_for_the_probation(slots: Dict[str, Any]) -> Dict[str, Any]:
    """The offence told in another question's facts, as the probation's computation reads it (R7): counted, on the
    day it was committed, or its payment's when that day is unknown (the offence came no later)."""
    from actions.forms import offence_told  # (the forms read this module)
    told = offence_told(slots)
    if not told or slots.get("probation_offence") is not None:
        return {}
    return {"probation_offence": True, "offence_date": slots.get("offence_date") or told[0]["commission"].isoformat()}


def _last_computation(tracker: Tracker):
    """(the last answer's action class, the facts known before the latest message, its decision today): the
    computation the last answer made, made again; None when it cannot be."""
    from actions import answers  # (the answers read this module)
    from actions.forms import slots_set_by_latest_message, value_before_message
    slots = dict(tracker.current_slot_values())
    slots.update({slot: value_before_message(slot, tracker) for slot in slots_set_by_latest_message(tracker)})
    if previous_answer(tracker) in _PROBATION_READ_AFTER:
        slots.update(_offence_for_the_probation(slots))
    users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
    events = tracker.events[:users[-1]] if users else list(tracker.events)
    said = next((event for event in reversed(events) if event.get("event") == "user"), {})
    parse = said.get("parse_data") or {}
    # (the conversation as the last answer read it: the day asked about is no date of the story)
    before = Tracker(sender_id=tracker.sender_id, slots=slots, events=events, paused=False, followup_action=None,
                     latest_message={"text": said.get("text"), "intent": parse.get("intent") or {},
                                     "entities": parse.get("entities") or []},
                     active_loop={}, latest_action_name="action_listen")
    previous = _balance_answer(tracker)
    answer = {cls().name(): cls for cls in answers.AnswerAction.__subclasses__()}.get(previous)
    if answer is None:
        return None
    try:
        facts = answers.Facts(before)
        decision = answer().decide(facts, today())
    except (rules_core.InconsistentFacts, InvalidAnswer, TypeError, ValueError, AttributeError):
        return None
    return answer, before, facts, decision


#: the day each balance answer's computation ends on: the stage's points credited, all points back, the full capital
_END_OF_COMPUTATION = {"action_answer_points_after_stage": "effective_date", "action_answer_auto_recovery":
                       "full_recovery", "action_answer_probation": "full_capital"}


def _end_of_computation(tracker: Tracker) -> Optional["date"]:
    """The last day the last answer's computation dates (today when it dates none to come, or cannot be made again)."""
    computed = _last_computation(tracker)
    end = computed[3].key_dates.get(_END_OF_COMPUTATION.get(_balance_answer(tracker), "")) if computed else None
    return max(end, today()) if end is not None else today()


def _balance_on(tracker: Tracker, day) -> Optional[int]:
    """The balance the last answer's computation gives on `day` (today's balance, plus what it dates between today
    and that day: a point back, the full recovery, a probation increment, the stage's points), from the facts known
    before the latest message; None when it gives no balance today."""
    from actions import answers  # (the answers read this module)
    computed = _last_computation(tracker)
    if computed is None:
        return None
    answer, before, facts, decision = computed
    previous = _balance_answer(tracker)
    results, dates = decision.results, decision.key_dates
    if previous == "action_answer_points_after_stage":
        effective = dates.get("effective_date")
        balance = results.get("balance_after") if effective is not None and day >= effective \
            else facts.number("current_balance")
        return balance if isinstance(balance, int) and not isinstance(balance, bool) else None
    balance = results.get("balance")
    if results.get("invalidation_ahead"):
        return None
    if not isinstance(balance, int) or isinstance(balance, bool):
        # no balance today in the answer: what it dates until that day, for the user's own balance (recovery)
        return _points_back_until(results, dates, day) if previous == "action_answer_auto_recovery" else None
    maximum = rules_core.load_params().at(today()).value("capital.max")
    ceiling = results.get("ceiling") or maximum
    if previous == "action_answer_probation" and not results.get("increments_stopped") and balance == ceiling:
        # a probationary licence without offence: its balance is its ceiling, which the licence's date gives on any day
        try:
            later = answer().decide(answers.Facts(before), day).results.get("balance")
        except (rules_core.InconsistentFacts, InvalidAnswer, TypeError, ValueError, AttributeError):
            return None
        return later if isinstance(later, int) and not isinstance(later, bool) else None
    full = dates.get("full_recovery") or dates.get("full_capital")
    if full is not None and day >= full:
        return maximum if previous == "action_answer_probation" else ceiling
    back = sum(row.get("points") or 0 for row in results.get("offences") or []
               if row.get("restored_on") is not None and today() < row["restored_on"] <= day)
    step = dates.get("next_increment")
    if step is not None and today() < step <= day and not results.get("increments_stopped"):
        ceiling = results.get("next_ceiling") or ceiling
        back += results.get("next_increment_points") or 0
    return min(balance + back, ceiling)


class _PointsBack(int):
    """The points a recovery answer gives back between today and a day, the balance today not known; `full`: all of
    them are back by then (the full recovery)."""
    full = False


def _points_back_until(results, dates, day) -> "_PointsBack":
    back = _PointsBack(sum(row.get("points") or 0 for row in results.get("offences") or []
                           if row.get("restored_on") is not None and today() < row["restored_on"] <= day))
    back.full = dates.get("full_recovery") is not None and day >= dates["full_recovery"]
    return back


def _figure_confirmed(tracker: Tracker) -> Optional[str]:
    """Yes or no, with the day and the figure the last computation gives then (R8–R12 through the same engine)."""
    asked = asks_to_confirm_a_figure(tracker)
    if asked is None:
        return None
    day, figures = asked
    day = day or _end_of_computation(tracker)
    balance = _balance_on(tracker, day)
    if balance is None:
        return None
    from rules_core.dates import format_long_fr
    article = _BALANCE_ANSWERS[_balance_answer(tracker)]
    points = figures[0]
    if isinstance(balance, _PointsBack) and (len(figures) > 1 or day == today()):
        return None  # (the balance today not known: no figure to choose, nothing dated to tell today)
    if isinstance(balance, _PointsBack):
        on = f"le {format_long_fr(day)}"
        source = f"d'après le calcul ci-dessus et sans nouvelle infraction (article {article} du Code de la route)"
        if balance.full:
            return (f"Le {format_long_fr(day)}, votre permis aura retrouvé tous ses points, {source} : "
                    + ("oui, " if points == 12 else f"{points} points seulement si son maximum est de {points} (permis "
                                                      "probatoire) ; sinon ") + "12 points pour un permis hors période "
                    "probatoire.")
        if balance == 0:
            return (f"Cela dépend de votre solde d'aujourd'hui, que je ne connais pas : d'ici {on}, aucun point ne "
                    f"vous revient, {source}. Vous aurez donc {points} points {on} si c'est votre solde actuel.")
        plural = "s vous seront revenus" if balance > 1 else " vous sera revenu"
        if points - balance < 0:
            return (f"Non : {on}, {balance} point{plural}, {source} ; votre solde sera d'au moins {balance} points.")
        return (f"Cela dépend de votre solde d'aujourd'hui, que je ne connais pas : {on}, {balance} point{plural}, "
                f"{source}. Vous aurez donc {points} points {on} si vous en avez {points - balance} aujourd'hui.")
    plural = "s" if balance > 1 else ""
    # the condition the answer's balance was computed on ("si vous aviez 12 points avant l'infraction…"), said again
    assumed = _ASSUMED_BALANCE.search(_last_bot_text(tracker))
    condition = f", {assumed.group(1)}" if assumed else ""
    on, verb = ("aujourd'hui", "est") if day == today() else (f"le {format_long_fr(day)}", "sera")
    if len(figures) > 1 and balance in figures:  # "8 ou 12 ?": the one the computation gives
        return (f"{'Vous avez' if day == today() else 'Vous aurez'} {balance} point{plural} {on}{condition}, d'après "
                f"le calcul ci-dessus et sans nouvelle infraction (article {article} du Code de la route).")
    if len(figures) > 1:
        lead, instead = "Ni l'un ni l'autre", ""
    else:
        lead, instead = ("Oui", "") if balance == points else ("Non", f", pas {points}")
    asked = ""
    if not assumed and _balance_answer(tracker) == "action_answer_probation" and _offences_not_told(tracker) and \
            not _no_offence_replied(tracker):
        # the probation's balance is its ceiling only without retraits (R5, R7): "donc j'ai 12 c ça ?" after a
        # probation over, nothing said of offences, is confirmed with that condition, and the offences asked
        if lead == "Oui":
            lead = f"Oui, {NO_POINT_LOST}"
        else:
            condition = f", {NO_POINT_LOST}"
        asked = f" {OFFENCES_ASKED}"
    # (after an answer that computed no balance, the computation is the probation's, from the facts told)
    above = "ce que vous m'avez dit" if previous_answer(tracker) in _PROBATION_READ_AFTER else "le calcul ci-dessus"
    return (f"{lead} : {on}, votre solde {verb} de {balance} point{plural}{instead}{condition}, "
            f"d'après {above} et sans nouvelle infraction (article {article} du Code de la route)."
            + _increments_stopped_before(tracker, day, points, balance) + asked)


NO_POINT_LOST = "si vous n'avez perdu aucun point depuis l'obtention du permis"
# "non aucune", "aucune", "non jamais", "rien": the offences asked (OFFENCES_ASKED) answered with none
_NONE_REPLIED = re.compile(r"^\W*(?:non\b|aucune?\b|jamais\b|rien\b|pas d'?\s?infraction)")


def _no_offence_replied(tracker: Tracker) -> bool:
    """The latest message answers the question on offences the assistant just asked with none ("non aucune, donc j'ai
    12 points ?", T29 c22): the balance's condition is met, and the question is not asked again."""
    asked = any(OFFENCES_ASKED.split(" ?")[0] in text for text in _last_turn_texts(tracker))
    return asked and bool(_NONE_REPLIED.search(fold((tracker.latest_message or {}).get("text") or "")))
OFFENCES_ASKED = ("Avez-vous eu une infraction qui vous a retiré des points ? Si oui, dites-moi laquelle et la date du "
                  "paiement de l'amende : je la compterai.")
_OFFENCE_SLOTS_TOLD = ("offence_date", "last_offence_points", "fine_payment_date", "offence_type", "offence_class")


def _offences_not_told(tracker: Tracker) -> bool:
    """Nothing said of offences since the licence: neither "aucune infraction" (probation_offence) nor an offence,
    a retrait or a balance told by the user (the probation's balance is then its ceiling, R5, R7)."""
    from actions.offence_history import told_retraits  # (what_if reads this module)
    if tracker.get_slot("probation_offence") is not None or \
            any(tracker.get_slot(slot) is not None for slot in _OFFENCE_SLOTS_TOLD):
        return False
    said = [e for event in [event for event in tracker.events if event.get("event") == "user"][:-1]
            for e in (event.get("parse_data") or {}).get("entities", [])]  # (not the figure asked back itself)
    return not any(e.get("entity") in ("offence_type", "offence_since_licence") or (
        e.get("entity") == "points" and e.get("role") in ("balance", "lost")) for e in said) and not told_retraits(tracker)


def _increments_stopped_before(tracker: Tracker, day, points: int, balance: int) -> str:
    """Why a probationary licence will not reach the figure asked on that day: the offence committed during the
    probation stopped its yearly increments (R7), which the figure counted on; "" otherwise."""
    from rules_core.dates import format_long_fr
    computed = _last_computation(tracker) if _balance_answer(tracker) == "action_answer_probation" else None
    results = computed[3].results if computed else {}
    offence = computed[3].key_dates.get("first_offence") if computed else None
    if not results.get("increments_stopped") or points <= balance or offence is None or not results.get("probationary"):
        return ""
    # (its day unknown, the payment's stands for it: named as such)
    told = f"commise le {format_long_fr(offence)}" if tracker.get_slot("offence_date") else \
        f"dont l'amende a été payée le {format_long_fr(offence)}"
    return (f"\n- L'infraction {told} arrête les majorations annuelles du permis "
            f"probatoire : le plafond reste à {results.get('ceiling')} points jusqu'à la fin de la période probatoire "
            "(article L.223-1 du Code de la route).")
# "et elle doit payer quoi en plus ?", "la société paie combien ?" after the company car's answer (R21, L.121-6)
_ASKS_WHAT_TO_PAY = re.compile(_ASKS_FINE.pattern + r"|\ben plus\b|\bmontant\b|\brisqu\w*|\bdoi[st]\b|\bdevoir\b")
_GIVES_NON_DESIGNATION = re.compile(r"\bl'amende pour non-désignation\b")


def _non_designation_fine(tracker: Tracker) -> Optional[str]:
    """The line of the last answer on the company's fine for not designating the driver, its amounts first."""
    line = _line_of_last_message(tracker, _GIVES_NON_DESIGNATION)
    if line is None:
        return None
    line = re.sub(r"^Mais l'", "L'", line)
    return ("En plus de l'amende de l'infraction elle-même, l'entreprise qui ne désigne pas le conducteur doit "
            f"l'amende pour non-désignation.\n- {line}")


# "je pourrai reconduire le 10 ?", "je peux conduire quand ?", "je récupère mon permis quand ?" after an answer on a
# suspension, an invalidation or a balance at 0 (tester T7 c38)
# "la suspension finit quand ?", "c'est quand la fin de ma suspension ?", "suspendu jusqu'à quand ?" (folded text): the
# day driving is allowed again, the suspension's end (T17 c17 got no answer)
ASKS_SUSPENSION_END = re.compile(
    r"\bsuspension\b[^.?!]{0,30}\b(?:fini\w*|finit|termin\w*|prend fin|s'?\s?arrete\w*|jusqu'?\s?a quand|dure\w* combien)"
    r"|\bquand\b[^.?!]{0,15}\b(?:fin|terme) de (?:la |ma |sa |cette )?suspension\b"
    r"|\bdate de (?:la )?fin de (?:la |ma |sa )?suspension\b|\bsuspendue? jusqu'?\s?a quand\b"
    r"|\bjusqu'?\s?a quand\b[^.?!]{0,25}\bsuspen\w*")
ASKS_TO_DRIVE_AGAIN = re.compile(ASKS_SUSPENSION_END.pattern + "|" + 
    r"\b(?:peux|peut|pourrai\w*|pourra|pourrons|droit de|autorise\w*|quand)\b[^.?!]{0,25}\b(?:re)?(?:conduire|rouler)\b"
    # "je pourrai reprendre le volant directement ?" (T52 c07)
    r"|\b(?:peux|peut|pourrai\w*|pourra|pourrons|quand)\b[^.?!]{0,25}\breprendre (?:le volant|la route)\b"
    r"|\b(?:re)?(?:conduire|rouler)\b[^.?!]{0,15}\b(?:quand|a partir de quand)\b|\breconduire\b"
    r"|\b(?:recuper\w*|recupere|ravoir|rendra|rend)\b[^.?!]{0,10}\b(?:mon|le|son) permis\b[^.?!]{0,10}\bquand\b"
    r"|\bquand\b[^.?!]{0,25}\b(?:recuper\w*|ravoir)\b[^.?!]{0,10}\b(?:mon|le|son) permis\b")
_LONG_DATE = r"(\d{1,2}(?:er)? \w+ \d{4})"
_NEW_LICENCE_FROM = re.compile(r"nouveau permis (?:à partir|depuis) du " + _LONG_DATE)
_STAGE_EFFECT = re.compile(r"avec effet au " + _LONG_DATE)
_STILL_VALID_UNTIL_48SI = re.compile(r"reste (?:valide|valable) (?:jusqu'à|tant que)|perd sa validité, mais seulement quand")
# "suspendu 2 mois", "suspension de 6 mois", "4 mois de suspension" (folded text): the measure's length
# ("suspendu le 15/09 pour 3 mois": the length after the start; never "depuis 3 mois", the time since it began)
# ("suspension de permis 3 mois", "suspendu mon permis pour 2 mois": the licence named between, T37 c12)
_SUSPENSION_LENGTH = re.compile(r"\b(?:suspen\w*|retir\w*|retenu\w*)\s+(?:(?:de|du|mon|son|ton|le)\s+(?:permis\s+)?)?"
                                r"(?:de\s+|pour\s+|pendant\s+)?(\d{1,2})\s*"
                                r"(mois|semaines?|jours?|ans?)\b|\b(\d{1,2})\s*(mois|semaines?|jours?|ans?)\s+(?:de\s+)?"
                                r"suspension\b|\bsuspen\w*\b[^.?!]{0,40}?\b(?:pour|pendant|d'une duree de)\s+(\d{1,2})\s*"
                                r"(mois|semaines?|jours?|ans?)\b")
_UNITS = {"mois": "months", "semaine": "weeks", "jour": "days", "an": "years"}
# "3 mois à partir du 20 novembre", "2 mois depuis le 3": a length and its start, in a conversation on a suspension
_LENGTH_FROM_DAY = re.compile(r"\b(\d{1,2})\s*(mois|semaines?|jours?|ans?)\s+(?:depuis|a partir d|a compter d)")
NO_DRIVING_AFTER_48SI = (
    "Non : depuis la notification de la lettre 48SI, votre permis n'est plus valable ; vous ne pourrez conduire "
    "qu'avec un nouveau permis, 6 mois au plus tôt après avoir rendu le vôtre à la préfecture, après l'examen médical "
    "et les examens à repasser (article L.223-5 du Code de la route). Conduire avant est un délit (article L.224-16).")


def _day_asked(tracker: Tracker) -> Optional["date"]:
    """The day the latest message asks about ("le 10", "le 15 décembre": the next one), None when it names none."""
    message = tracker.latest_message or {}
    for entity in message.get("entities", []):
        # (the suspension's start told with the question is a fact, not the day asked: "suspendu 3 mois le 15
        # septembre, quand est-ce que je peux reconduire ?")
        if entity.get("entity") == "date" and entity.get("role") != "suspension":
            try:
                partial = PartialDate.parse(str(entity.get("value")))
            except InvalidAnswer:
                continue
            if partial.precision == "day":
                return day_to_come(partial.earliest(), message.get("text") or "", entity)
    return None


def day_to_come(asked: "date", text: str, entity: dict) -> "date":
    """A day said without its year (or without its month: "le 15") in a question about what is to come: the next
    one, though the parser read it in the past."""
    from dateutil.relativedelta import relativedelta
    said = text[entity.get("start", 0):entity.get("end", 0)]
    if asked < today() and _WEEKDAY_OR_DAY_ONLY.match(fold(said)):
        return asked + relativedelta(months=1)  # "le 15" on 1 December: 15 December
    if asked < today() and not re.search(r"\b(?:19|20)\d\d\b", said):
        return asked + relativedelta(years=1)  # "le 2 décembre" on 1 December 2026: this one, to come
    return asked


def _suspension_end(tracker: Tracker) -> Optional[Tuple["date", str]]:
    """The end of the suspension told (its start, "depuis le 15 octobre", and its length, "2 mois"), with the length
    in words; None when either is missing."""
    from dateutil.relativedelta import relativedelta
    start = length = None
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        for entity in entities:
            if entity.get("entity") == "date" and entity.get("role") == "suspension":
                start = entity.get("value")
        found = _SUSPENSION_LENGTH.search(fold(event.get("text") or ""))
        if found:
            number, unit = next((found.group(i), found.group(i + 1)) for i in (1, 3, 5) if found.group(i))
            length = (int(number), unit)
        from_day = _LENGTH_FROM_DAY.search(fold(event.get("text") or ""))
        days = [e.get("value") for e in entities if e.get("entity") == "date" and not e.get("role")]
        if from_day and len(days) == 1:
            # "je vous l'ai dit, 3 mois à partir du 20 novembre" (the suspension told before): its length and start
            length, start = (int(from_day.group(1)), from_day.group(2)), days[0]
    if start is None or length is None:
        return None
    try:
        begun = PartialDate.parse(str(start))
    except InvalidAnswer:
        return None
    if begun.precision != "day":
        return None
    number, unit = length
    key = next(value for name, value in _UNITS.items() if unit.startswith(name))
    return begun.earliest() + relativedelta(**{key: number}), f"{number} {unit}"


def _when_driving_again(tracker: Tracker) -> Optional[str]:
    """"je pourrai reconduire le 10 ?": yes or no, with the day driving is allowed again, from the dates the last
    answer computed (a new licence after an invalidation, R20) or the suspension told; a stage gives points but never
    shortens a suspension. None when the conversation tells no suspension, invalidation or balance at 0."""
    from rules_core.dates import format_long_fr
    asked = _day_asked(tracker)
    on = f"le {format_long_fr(asked)}" if asked else None
    # (the latest answer that gave each: a reply in context may have come in between)
    text = "\n".join(line for pattern in (_NEW_LICENCE_FROM, _STILL_VALID_UNTIL_48SI, _STAGE_EFFECT)
                     for line in _lines_of_last_answer(tracker, pattern))
    new_licence = _NEW_LICENCE_FROM.search(text)
    earliest = long_date(new_licence.group(1)) if new_licence else None
    if new_licence and asked is not None and earliest is not None and asked >= earliest:
        # "donc le 4 juin 2027 je pourrai reprendre le volant directement ?" on the day the new licence may be issued:
        # yes if everything is done by then, not a "Non" contradicted by its own date (R20; T52 c07)
        return (f"Oui, {on} au plus tôt, mais pas automatiquement : c'est le premier jour où un nouveau permis peut vous "
                "être délivré, et vous ne pourrez conduire qu'une fois ce permis obtenu. Il faut avoir passé avant "
                "l'examen médical et psychotechnique et les examens à repasser : passez-les pendant le délai "
                "d'attente pour pouvoir conduire dès ce jour-là (article L.223-5 du Code de la route).")
    if new_licence:
        return ((f"Non, pas {on} : a" if on else "A") + "près l'invalidation, vous ne pourrez conduire qu'avec un "
                f"nouveau permis, que vous pourrez obtenir au plus tôt le {new_licence.group(1)}, après l'examen "
                "médical et les examens à repasser (article L.223-5 du Code de la route).")
    status = tracker.get_slot("licence_status")
    if _STILL_VALID_UNTIL_48SI.search(text) and status != "invalidated":
        return ("Oui, " + (f"{on}, " if on else "") + "tant que la lettre 48SI ne vous a pas été notifiée : jusque-là, "
                "votre permis reste valable, même à 0 point (article L.223-1 du Code de la route). Une fois la 48SI "
                "notifiée (même par un recommandé non retiré), vous ne pourrez plus conduire.")
    if status == "invalidated":
        return NO_DRIVING_AFTER_48SI
    if status not in ("suspended", "retained"):
        return None
    effect = _STAGE_EFFECT.search(text)
    stage = (f"Le stage vous rend vos points le {effect.group(1)}, mais il ne raccourcit pas la suspension. "
             if effect else "Un stage ne raccourcit pas la suspension. ")
    rule = ("Conduire pendant la suspension est un délit, qui retire 6 points (article L.224-16 du Code de la "
            "route).")
    end = _suspension_end(tracker)
    if end is None:
        return (("Seulement si votre suspension est terminée ce jour-là. " if on else "")
                + stage + "Vous pourrez reconduire à la fin de la suspension, à la date fixée par l'arrêté du préfet "
                "ou le jugement ; dites-moi le jour où elle a commencé et sa durée, je vous donnerai la date. " + rule)
    day, length = end
    if asked is None:
        lead = f"Vous pourrez reconduire à partir du {format_long_fr(day)}"
    elif asked >= day:
        lead = f"Oui, {on} la suspension sera terminée : vous pourrez reconduire à partir du {format_long_fr(day)}"
    else:
        lead = f"Non, pas {on} : vous pourrez reconduire à partir du {format_long_fr(day)}"
    return (f"{lead}, à la fin de la suspension de {length} ; la date exacte figure sur l'arrêté ou le jugement (à "
            f"vérifier). {stage}{rule}")


when_driving_again = _when_driving_again


# "tu peux pas le regarder toi ? mon num de permis c 12AB34567", "vous pouvez vérifier pour moi ?", "voici mon numéro
# de permis": the assistant asked to look the balance up itself (T9 c14)
ASKS_ASSISTANT_TO_LOOK = re.compile(
    r"\b(?:tu|vous)\s+(?:ne\s+)?(?:peux|pouvez|pourrais|pourriez|sais|savez)\s+(?:pas\s+)?(?:me\s+)?(?:le\s+|la\s+|les\s+)?"
    r"(?:regarder|verifier|consulter|voir|checker|chercher|trouver|acceder)\b"
    r"|\b(?:regarde|regardez|verifie|verifiez|consulte|consultez|checke?)\s+(?:le\s+|la\s+)?(?:pour moi|toi-meme|vous-meme)\b"
    r"|\b(?:mon|voici (?:mon|le))\s+(?:n°|no|num|numero)\s+(?:de\s+)?permis\b|\bnumero de (?:mon )?permis (?:c'?est|est|:)")
CANNOT_LOOK_UP = ("Non, je ne peux pas consulter votre solde : je n'ai accès ni au Fichier national des permis de "
                  "conduire ni à aucun dossier personnel, et votre numéro de permis ne me permet pas de le voir (ne le "
                  "communiquez pas ici). Seuls vous-même, par « Mes Points Permis », et la préfecture y ont accès. "
                  "Voici comment faire sans FranceConnect ou sans le site :")


def cannot_look_up_first(folded: str, route: str) -> str:
    """The way to check the balance (`route`), after a plain no when the message asks the assistant to look it up
    itself (the assistant has no access to the national file; L.225-3: only the holder and the authorities)."""
    return f"{CANNOT_LOOK_UP}\n{route}" if ASKS_ASSISTANT_TO_LOOK.search(folded) else route


# "non je parle d'annuler, pas de m'inscrire" after the stage's card: the part it names (T9 c31)
_SAYS_WHAT_IT_ASKED = re.compile(r"\bje (?:te |vous )?(?:parle|parlais|voulais dire|veux dire|demande|demandais|voulais "
                                 r"savoir)\b|\bma question (?:c'?\s?est|c|etait|porte)\b|\bje parle pas\b")


# "on récupère les points quand après ?", "les points arrivent quand sur le permis ?", "c'est crédité au bout de combien
# de temps ?" (folded text): when the points come, not naming a fine or an offence (then their own recovery, R8-R10)
_ASKS_WHEN_THE_POINTS_COME = re.compile(
    r"^(?=.*(?:\bquand\b|\bcombien de temps\b|\bau bout de\b|\bdelai\b|\bdans combien\b|\bsous combien\b))"
    r"(?=.*(?:\brecup\w*|\breviennent\b|\brevient\b|\brendus?\b|\barrive\w*|\bcredit\w*|\bajout\w*|\bpoints?\b))"
    r"(?!.*\b(?:amendes?|pai\w*|paye\w*|infractions?|retraits?|pv|exces|contraventions?|delits?)\b)")


# paying in instalments named: "en plusieurs fois", "en 3 fois", "échelonner", "mensualités" (folded; the stage's card
# reads them with a few more words, informational.ASKS_INSTALMENTS)
INSTALMENTS_NAMED = r"plusieurs fois|en (?:\d+|deux|trois|quatre) fois|echelonn\w*|mensualit\w*"


def _instalments_of_the_stage(tracker: Tracker) -> Optional[str]:
    """"paiement en 3 fois possible ou pas ?" after the stage's card or price: the centre's terms (T62 c22)."""
    from actions.informational import STAGE_INSTALMENTS  # (informational reads this module)
    return STAGE_INSTALMENTS


def _part_of_the_stage_card(tracker: Tracker) -> Optional[str]:
    """The part of the stage's card the message names, None when it names none or several."""
    from actions.informational import STAGE_INFO, stage_info_for  # (informational reads this module)
    part = stage_info_for((tracker.latest_message or {}).get("text"))
    return None if part == STAGE_INFO else part


_NAMES_A_COURT_STAGE_KIND = re.compile(r"\bcomposition penale\b|\balternatives? aux poursuites\b|\bclasse\w* sans suite\b"
                                       r"|\b(?:juge|tribunal|peines? complementaires?|sursis)\b")


def _court_stage_of_that_kind(tracker: Tracker) -> Optional[str]:
    from actions.informational import court_stage_answer  # (informational reads this module)
    return court_stage_answer(tracker)


# "donc pk le site me dit 15 ?", "l'appli affiche 14 points", "ça marque 16 sur mes points permis": a balance above
# the maximum shown somewhere (T10 c18); "je t'ai dit ! mettons le 20" is a day (T62 c25), not a balance
_SHOWN_ABOVE_MAXIMUM = re.compile(r"\b(?:site|appli\w*|application|ecran|mes points permis|telepoints|releve"
                                  r"|dit|affich\w*|marqu\w*|indiqu\w*|montr\w*|vois)\b[^0-9]{0,30}(?<!\ble )(?<!\bdu )(?<!\bau )\b(\d\d)\b"
                                  r"(?!\s*(?:km|kmh|€|e\b|eur|euros?|jours?|mois|ans?|h\b|heures?|%|/|[.,:]\d|et\s+\d"
                                  r"|au\s+\d|janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec))")


def balance_shown_above_maximum(tracker: Tracker) -> Optional[str]:
    """"le site m'affiche 15": no balance above the maximum (R1); the official balance where to read it."""
    found = _SHOWN_ABOVE_MAXIMUM.search(fold((tracker.latest_message or {}).get("text") or ""))
    maximum = rules_core.load_params().at(today()).value("capital.max")
    if found is None or int(found.group(1)) <= maximum:
        return None
    return (f"Un permis compte au plus {maximum} points (article L.223-1 du Code de la route) : un solde de "
            f"{found.group(1)} points n'est pas possible. Le chiffre que vous voyez est sans doute autre chose (des points retirés ou "
            "récupérés, un autre nombre de la page) : votre solde est celui qu'affiche « Mes Points Permis », et en "
            "cas de doute, demandez votre relevé d'information intégral à la préfecture (article L.225-3 du Code de la "
            "route).")


# "est-ce qu'on peut avoir plus de 12 points ?", "mon pote a 15 points grâce à un bonus, c possible ?", "on peut
# dépasser 12 ?" (folded text): whether a balance can exceed the maximum (R1)
_ABOVE_MAXIMUM_NAMED = re.compile(r"\b(?:plus de|au[- ]?dessus de|depasser|depasse|au[- ]?dela de|superieur a)\s+"
                                  r"(?:les\s+)?(?:12|douze)\b|\b(1[3-9]|[2-9]\d)\s*(?:points?|pts?)\b")
_ASKS_IF_POSSIBLE = re.compile(r"\?|\b(?:possible|peut|peux|pouvez|existe|vrai|ou pas|bonus)\b")
# (a stage's gain, a balance shown or told have their own answers: "14 points c'est possible avec un stage ?", "l'appli
# affiche 14 points", "mon solde est de 13 points")
_ABOVE_MAXIMUM_OF_ITS_OWN = re.compile(r"\bstages?\b|\bsolde\b|\baffich\w*|\bsite\b|\bappli\w*|\bmarqu\w*"
                                       r"|\b(?:j'?\s?ai|il me reste|j'?\s?en ai)\s+(?:que\s+)?\d")


# points kept for later: "même pas pour avoir des points d'avance ?", "mettre des points de côté", "stocker des points
# en réserve" (folded; tester T61 c16 got a request to rephrase after "votre solde (12) est déjà au plafond")
_POINTS_SET_ASIDE = re.compile(r"\bpoints?\s+(?:d'?\s?avance|en reserve|de cote|en stock|en rab)\b"
                               r"|\b(?:stocker|mettre de cote|garder de cote|cumuler|capitaliser|epargner|economiser)\b"
                               r"[^?.!]{0,30}\bpoints?\b|\bpoints?\b[^?.!]{0,30}\b(?:d'?\s?avance|en reserve|de cote)\b")


def above_maximum_asked(tracker: Tracker) -> Optional[str]:
    """Whether a licence can carry more than its maximum: no, 12 at most, no bonus above it, a lower ceiling in
    probation (R1, R5; tester T50 c10 got two requests to rephrase). None when the message asks no such thing."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    found = _ABOVE_MAXIMUM_NAMED.search(text)
    maximum = rules_core.load_params().at(today()).value("capital.max")
    if _POINTS_SET_ASIDE.search(text) and _ASKS_IF_POSSIBLE.search(text) and len(text) <= FOLLOW_UP_MAX_CHARS * 2:
        # points kept in advance: none above the ceiling, and a stage gives back only points lost (R1 example 3)
        return (f"Non : on ne peut pas mettre de points de côté. Un permis compte au plus {maximum} points (article "
                "L.223-1 du Code de la route), et en permis probatoire son plafond est plus bas ; un stage ne rend que "
                "des points perdus, dans la limite de ce plafond : fait avec un solde plein, il n'en rend aucun (article "
                "L.223-6). Mieux vaut le garder pour le jour où vous aurez perdu des points : un seul stage par an en "
                "rend.")
    if found is None or not _ASKS_IF_POSSIBLE.search(text) or len(text) > FOLLOW_UP_MAX_CHARS * 2 or (
            found.group(1) and int(found.group(1)) <= maximum) or _ABOVE_MAXIMUM_OF_ITS_OWN.search(text):
        return None
    return (f"Non : un permis compte au plus {maximum} points (article L.223-1 du Code de la route). Aucun bonus ne "
            f"permet d'en avoir plus : ni un stage ni le temps sans infraction ne font dépasser {maximum} points, et en "
            "permis probatoire le plafond est même plus bas (6 points au départ, puis il monte chaque année "
            f"jusqu'à {maximum}). Un chiffre plus élevé vu quelque part est sans doute autre chose (des points retirés "
            "ou récupérés) : le solde officiel se lit sur « Mes Points Permis ».")


# --- the point an answer left open (outside tester T13) ----------------------------------------------------------

# "et les autres petites amendes ?", "et les amendes d'après ?", "celles que j'ai eues après 2017, je les récupère quand ?"
# after a recovery answer on one offence: the later offences' own delays (T13 c06)
OFFENCE_WORDS = r"(?:amendes?|pv|infractions?|exces|contraventions?|retraits?|flash\w*|prunes?)"
# several of them: "plein de", "plein d'" (elided before a vowel: "plein d'excès"), "plusieurs", "2", "deux"…
SEVERAL = (r"(?:d'?\s?autres|plein\s+d(?:e\b|'\s?)|plusieurs|pas mal\s+d(?:e\b|'\s?)|beaucoup\s+d(?:e\b|'\s?)"
           r"|[2-9]|deux|trois|quatre|cinq|six)")
_ASKS_OTHER_OFFENCES = re.compile(
    # (not "plein d'excès depuis", "j'ai eu plusieurs excès depuis": offences told, a fact that changes the answer)
    r"^(?!.*(?:\b|(?<='))" + SEVERAL + r"\s*(?:\w+\s+){0,2}?" + OFFENCE_WORDS + r")(?:.*?)(?:"
    r"\b(?:les|mes|des|d'?)\s*autres\b[^?.!]{0,30}\b" + OFFENCE_WORDS + r"\b"
    r"|\b" + OFFENCE_WORDS + r"\b[^?.!]{0,40}(?:\bd'?\s?apres\b|\bsuivantes?\b|\bdepuis\b|\bplus recentes?\b"
    r"|\bqui ont suivi\b|\bapres (?:(?:19|20)\d\d|ca|cela|celle-ci)\b)"
    r"|\b(?:celles?|ceux)\s+(?:d'?\s?apres|qui ont suivi|depuis|apres (?:19|20)\d\d)\b|^\W*(?:et\s+)?les suivantes\b)")


def _other_offences_recovery(tracker: Tracker) -> str:
    """When the points of the other offences come back: each by its own delays from its own payment (R8, R9, R10),
    the numbers from the parameters in force; their dates need each one's payment and points."""
    from rules_core.dates import format_duration_fr
    view = rules_core.load_params().at(today())
    ten, classes = format_duration_fr(view.value("recovery.ten_year.delay")), view.value("recovery.ten_year.classes")
    single = format_duration_fr(view.value("recovery.single_point.delay"))
    full, serious = (format_duration_fr(view.value("recovery.full.delay")),
                     format_duration_fr(view.value("recovery.full.delay_serious")))
    return (f"Chacune de vos autres amendes a ses propres délais, comptés depuis le jour où elle a été payée "
            f"(article L.223-6 du Code de la route) :\n"
            f"- ses points reviennent au plus tard {ten} après ce paiement si c'est une contravention des "
            f"{len(classes)} premières classes, même avec d'autres infractions entre-temps ; jamais par cette règle "
            "pour un délit ou une contravention de 5e classe ;\n"
            f"- une amende qui n'a retiré qu'un point le rend {single} après son paiement, si aucune autre infraction "
            f"avec retrait n'est commise pendant ces {single} ;\n"
            f"- dès que {full} passent sans nouvelle infraction après le paiement de la dernière ({serious} si l'une "
            "d'elles, depuis votre dernière récupération totale, est une contravention de 4e ou 5e classe ou un "
            "délit), tous vos points reviennent d'un coup.\n"
            "Une amende qui n'a retiré aucun point (le stationnement, le plus souvent) n'a rien à rendre. Dites-moi, "
            "pour chacune, la date de paiement et les points retirés : je calcule quand ils reviennent.")


# "et si j'avais déjà un feu rouge il y a un an, c'est toujours 2 ans ?": an earlier offence told with the delay of the
# full recovery asked again (folded text; T28 c12 got the red light's own card)
_EARLIER_OFFENCE = re.compile(r"\b(?:j'?\s?avais|j'?\s?ai (?:deja )?eu|il y a|deja|avant)\b")
_ASKS_FULL_DELAY = re.compile(r"\b(?:toujours|encore|quand meme|pareil)\b.*\bans?\b|\b(?:2|3|deux|trois) ans\b|\bdelai\b")
_FULL_DELAY_SAID = "le délai de récupération totale est de"


def recovery_delay_with_an_earlier_offence(tracker: Tracker) -> Optional[str]:
    """"et si j'avais déjà un feu rouge il y a un an, c'est toujours 2 ans ?" after an offence's card that gave its delay
    of full recovery: the delay with both offences in the same cycle, 3 years as soon as one of them is a 4th- or
    5th-class contravention or a délit, counted from the last payment (R9; tester T28 c12 got the red light's card, 3
    years, without the combination). None otherwise, or when a class is not known (an excess without its speeds)."""
    from actions.forms import last_value_before_message  # (forms reads this module)
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    named = list(dict.fromkeys(e.get("value") for e in message.get("entities", []) if e.get("entity") == "offence_type"))
    answered = last_value_before_message("offence_type", tracker)
    if previous_answer(tracker) != "action_answer_offence_points" or len(named) != 1 or answered in (None, named[0]) \
            or not _EARLIER_OFFENCE.search(text) or not _ASKS_FULL_DELAY.search(text) \
            or _FULL_DELAY_SAID not in _last_bot_text(tracker):
        return None
    day = today()
    try:
        earlier, last = (rules_core.offence_points(offence=kind, commission=day, today=day).results
                         for kind in (named[0], answered))
    except rules_core.InconsistentFacts:
        return None
    if not earlier.get("points") or not last.get("points") or None in (earlier.get("offence_class"),
                                                                       last.get("offence_class")):
        return None
    from rules_core.dates import format_duration_fr
    view = rules_core.load_params().at(day)
    serious = view.value("recovery.full.serious_classes")
    label, klass = earlier.get("label_fr") or named[0], earlier["offence_class"]
    if klass in serious or last["offence_class"] in serious:
        delay = format_duration_fr(view.value("recovery.full.delay_serious"))
        lead = ("Non : " if _FULL_DELAY_SAID + " " + format_duration_fr(view.value("recovery.full.delay"))
                in _last_bot_text(tracker) else "")
        why = (f"l'infraction « {label} » est une {CLASS_FR[klass]}" if klass in serious else
               f"la dernière infraction est une {CLASS_FR[last['offence_class']]}")
        return (f"{lead}avec ces deux infractions, le délai de récupération totale est de {delay} : {why}, et une "
                "seule contravention de 4e ou 5e classe ou un délit depuis le permis ou depuis la dernière récupération "
                "totale des points suffit à le porter à "
                f"{delay} (article L.223-6 du Code de la route).\n- Il court depuis le paiement de la dernière amende "
                "(ou la condamnation définitive), pas depuis la première ; une nouvelle infraction avec retrait "
                "commise pendant ce délai le fait repartir de son propre paiement (article L.223-6 du Code de la route).")
    delay = format_duration_fr(view.value("recovery.full.delay"))
    return (f"Oui, {delay} : les deux sont des contraventions des premières classes ({CLASS_FR[klass]}, "
            f"{CLASS_FR[last['offence_class']]}). Le délai court depuis le paiement de la dernière amende, pas depuis "
            "la première (article L.223-6 du Code de la route).")


# "y a une date limite pour le stage ?", "j'ai combien de temps ?", "c'est urgent ?" after an answer saying a stage can
# still save a licence at 0 point or below until the 48SI is notified (R18; T13 c16)
ASKS_STAGE_DEADLINE = re.compile(_ASKS_DEADLINE.pattern + r"|\bcombien de temps\b|\burgent\w*\b|\bj'?\s?ai le temps\b"
                                  r"|\bpresse\b|\bau plus vite\b")
STAGE_BEFORE_48SI = (
    "Il n'y a pas de date limite fixe : le stage doit être suivi après la décision de retrait et terminé avant que la lettre "
    "48SI vous soit notifiée, et aucun délai n'est imposé au ministère pour l'envoyer ; elle peut arriver dans "
    "quelques semaines (Conseil d'État, 22 octobre 2014, n° 364635). Faites-le donc au plus vite : une fois la 48SI "
    "notifiée, même par un recommandé présenté et non retiré, aucun stage ne peut plus sauver le permis (Conseil "
    "d'État, 29 septembre 2023, n° 461479).")


def _stage_deadline_before_48si(tracker: Tracker) -> Optional[str]:
    """No fixed date: before the 48SI is notified, which no deadline binds (R2, R18); with the balance and the retrait
    told, when to take it (actions.stage_timing). None unless the conversation said the licence is valid until the
    48SI, or once the 48SI is received (too late, R14 example 1)."""
    from actions.stage_timing import STILL_VALID
    if tracker.get_slot("licence_status") == "invalidated" or \
            str(tracker.get_slot("letter_code") or "").upper().replace(" ", "") == "48SI":
        return None
    if not _lines_of_last_answer(tracker, _STILL_VALID_UNTIL_48SI):
        return None
    when = (when_to_take_the_stage(tracker) or "").replace(f" {STILL_VALID}", "")
    return STAGE_BEFORE_48SI + (f"\n- {when}" if when else "")


# "pourquoi le stage doit être fini avant la lettre ?", "pourquoi avant la 48SI ?", "pk faut le finir avant de la
# recevoir ?", "et après la lettre ça marche plus ?" (folded text): why a stage must end before the 48SI's notification
_ASKS_WHY_BEFORE_48SI = re.compile(
    r"\b(?:pourquoi|pk|pq|pkoi)\b[^?]{0,60}\b(?:avant|apres)\b[^?]{0,30}(?:\b48\s?si\b|\blettre\b|\brecevoir\b"
    r"|\breception\b|\bnotifi|\brecommande\b|\bcourrier\b)"
    r"|\bapres (?:la |l'\s?)?(?:48\s?si|lettre|notification|reception)\b[^?]{0,40}\b(?:plus|trop tard|compte\w*|marche\w*)\b")
# "je peux le faire dès maintenant ?", "je peux faire le stage tout de suite, avant d'avoir reçu quoi que ce soit ?",
# "faut attendre la lettre pour le stage ?", "je m'inscris maintenant ?" (folded text): whether the stage may be taken now
ASKS_STAGE_NOW = re.compile(
    r"\b(?:peux|peut|pourrais|pourrait|possible|inscri\w*|reserve\w*|fais|faire|lance)\b[^?]{0,40}"
    r"\b(?:des |tout de suite|maintenant|de suite|sans attendre|deja|direct(?:ement)?|avant d'\s?avoir recu|"
    r"avant (?:de |d'\s?)?recevoir)\b(?! ou\b)"
    r"|\b(?:faut|dois|doit)[- ](?:il |je |on )?(?:\w+ ){0,2}attendre\b[^?]{0,30}\b(?:lettre|48\s?si|retrait|courrier)\b")
# the balance the last turn gave at 0 or below, with the stage that saves it until the 48SI (answers.pending_loss_answer)
_SAVED_UNTIL_48SI_SAID = re.compile(r"reste (?:valide|valable) (?:jusqu'à|tant que)")


def why_the_stage_before_48si(tracker: Tracker) -> Optional[str]:
    """"pourquoi le stage doit être fini avant la lettre ? et je peux le faire dès maintenant ?" after the answer that a
    stage ended before the 48SI's notification saves a licence at 0 point or below: the why (the licence stays valid
    until that notification, a stage credited before it counts; once notified, the licence has lost its validity and
    the préfet refuses the stage's points, R14, R18), then, asked with it, when to take it (`when_to_take_the_stage`,
    R13, R18; tester T58 c27 got the offence's card again). None when the last turn said no such thing."""
    from actions.stage_timing import STILL_VALID
    text = fold((tracker.latest_message or {}).get("text") or "")
    asks_why, asks_now = _ASKS_WHY_BEFORE_48SI.search(text), ASKS_STAGE_NOW.search(text)
    if not asks_why and not asks_now:
        return None
    said = "\n".join(_last_turn_texts(tracker))
    if not _SAVED_UNTIL_48SI_SAID.search(said) or _INVALIDATED_SAID.search(said):
        return None
    if not asks_why:
        # "je peux faire le stage tout de suite, avant d'avoir reçu quoi que ce soit ?": when, with the facts told
        # (not the steps of a balance at 0 asking them again)
        return stage_now(tracker)
    found = _BALANCE_NOT_ABOVE_ZERO_SAID.search(said)
    balance = int(next(group for group in found.groups() if group is not None)) if found else None
    gain = rules_core.load_params().at(today()).value("stage.max_gain")
    saved = (f" : avec votre solde calculé de {balance}, il vous laisse {points_fr(balance + gain)}"
             if balance is not None and balance + gain >= 1 else "")
    lines = [f"Parce que le permis reste valide tant que la lettre 48SI ne vous a pas été notifiée, même quand le solde "
             f"calculé tombe à 0 ou en dessous : un stage terminé avant cette notification est crédité après le "
             f"retrait{saved} (article L.223-6 du Code de la route ; Conseil d'État, 29 septembre 2023, n° 461479).",
             "- Une fois la 48SI notifiée (même par un recommandé présenté et non retiré), le permis a perdu sa "
             "validité : le préfet doit refuser les points d'un stage, qui ne peut plus le sauver (Conseil d'État, "
             "17 avril 2025, n° 492072)."]
    if asks_now or ASKS_WHEN_THE_STAGE.search(text):
        when = (stage_now(tracker) or "").replace(f" {STILL_VALID}", "")
        if when:
            lines.append(f"- {when}")
    return "\n".join(lines)


def stage_now(tracker: Tracker) -> Optional[str]:
    """"je peux le faire dès maintenant ?" after a stage can save the licence: when to take it
    (`when_to_take_the_stage`), and, no earlier stage told, the condition of one point-giving stage a year (R13)."""
    when = when_to_take_the_stage(tracker)
    if not when or tracker.get_slot("previous_stage_date") is not None:
        return when
    return (f"{when}\n- À une condition : ne pas avoir suivi, depuis moins d'un an (de date à date), un autre stage qui "
            "vous a rendu des points (article L.223-6 du Code de la route).")


# "ok donc je le fais quand même pour rien en points ?", "ça sert à rien alors ?", "je le passe quand même ?" after a 48N
# answer: compulsory all the same, and not for nothing (R15, R17; T13 c34)
_ASKS_IF_FOR_NOTHING = re.compile(
    r"\bpour rien\b|\b(?:sans|aucun|zero|0|pas de)\s+(?:points?|pts)\b|\bsert\w*\s+(?:a|de)\s+rien\b"
    r"|\ba quoi (?:ca |il |le stage )?(?:sert|servirait)\b|\ba quoi bon\b|\binutiles?\b|\bvaut (?:le coup|la peine)\b"
    r"|\b(?:je|j'|on|il|elle)\s*(?:le |la |l'\s?)?(?:fais|fait|passe|suis|suit|ferai|ferais)\s+(?:quand meme|malgre tout)\b")
_MISSED_48N_STAGE = re.compile(r"^Sans stage terminé le [^:]+ : (.+)$")


def _compulsory_even_without_points(tracker: Tracker) -> Optional[str]:
    """Yes, the 48N's stage is still due by its deadline, the fine refunded, even with no points (R17), and it is not
    for nothing: what not doing it costs (R15 example 2); None without a 48N told."""
    if not (tracker.get_slot("letter_48n_date") or _48n_told(tracker)):
        return None
    due = _still_compulsory(tracker)
    if not due or not due.startswith("Oui"):
        return None
    missed = next((found.group(1) for line in _lines_of_last_answer(tracker, _MISSED_48N_STAGE)
                   for found in [_MISSED_48N_STAGE.match(line)] if found), None)
    return due + (f"\n- Et ce n'est pas pour rien : sans ce stage, {missed}" if missed else "")


# "Code avant ?", "je peux m'inscrire au code maintenant ?", "faut attendre la fin du délai pour passer l'examen ?" after an
# invalidation answer: the exams may be taken during the waiting period (R20; T13 c37)
_NAMES_AN_EXAM = (r"(?:\bcode\b|\bexamens?\b|\bepreuves?\b|\bpratique\b|\bconduite\b|\binscri\w*|\binscription\b"
                  r"|\brepasser\b)")
_DURING_THE_WAIT = (r"(?:\bavant\b|\bpendant\b|\bmaintenant\b|\bdeja\b|\btout de suite\b|\bdes a present\b"
                    r"|\ben attendant\b|\battente\b|\battendre\b|\bd'?\s?ici (?:la|le)\b|\bdurant\b|\bsans attendre\b)")
ASKS_EXAMS_DURING_WAIT = re.compile(rf"^(?=.*{_NAMES_AN_EXAM})(?=.*{_DURING_THE_WAIT})")
_ABOUT_THE_INVALIDATION = re.compile(r"examens peuvent être passés pendant|repasser le permis|nouveau permis")
_WAIT_ENDS = re.compile(r"(?:jusqu'au|à partir du|depuis le) (\d{1,2}(?:er)? \w+ \d{4})")
_EXAMS_TO_TAKE = re.compile(r"(?:il faut|à) repasser|le code suffit|le code seul")


def _exams_during_the_wait(tracker: Tracker) -> Optional[str]:
    """Yes: the exams may be taken during the wait, the new licence delivered only at its end, after the medical
    examination (R20, L.223-5); with the end and the exams the last invalidation answer gave. None without one."""
    lines = _lines_of_last_answer(tracker, _ABOUT_THE_INVALIDATION)
    if not lines or (previous_answer(tracker) != "action_answer_zero_points"
                     and not _ABOUT_THE_INVALIDATION.search(_last_bot_text(tracker))):
        return None
    answer = next(event["text"] for event in reversed(tracker.events) if event.get("event") == "bot"
                  and any(line in (event.get("text") or "") for line in lines))
    said = [line.lstrip("- ") for line in answer.splitlines()]
    end = next((found.group(1) for line in said if "nouveau permis" in line or "délai" in line
                for found in [_WAIT_ENDS.search(line)] if found), None)
    exams = next((line for line in said if _EXAMS_TO_TAKE.search(line)), None)
    until = f"à partir du {end}" if end else "à la fin du délai d'attente"
    return ("Oui : les examens peuvent être passés pendant le délai d'attente : vous pouvez vous inscrire au code et "
            "le passer sans attendre, puis l'épreuve de conduite s'il faut la repasser (article L.223-5 du Code de la "
            f"route). Le nouveau permis ne vous sera délivré qu'{until}, après l'examen médical et psychotechnique, "
            "obligatoire et à vos frais." + (f"\n- {exams}" if exams else ""))


# "et pour le code je dois m'inscrire dans quel délai ?", "je dois m'inscrire dans combien de mois après avoir rendu le
# permis ?" after an invalidation answer (folded text): the 9 months of the code alone (R20)
_ASKS_CODE_REGISTRATION_DELAY = re.compile(r"^(?=.*\b(?:code|examens?|inscri\w*)\b)(?=.*\b(?:inscri\w*)\b)"
                                           r"(?=.*\b(?:delai|combien de (?:mois|temps)|quand|avant quelle date|jusqu'?\s?a quand)\b)")
_CODE_REGISTRATION_SAID = re.compile(r"\bsi vous vous inscrivez\b|\binscri\w* [^.]{0,40}\b9 mois\b|\b9 mois\b[^.]{0,60}remise")


def _code_registration_delay(tracker: Tracker) -> Optional[str]:
    """"et pour le code je dois m'inscrire dans quel délai exactement ?" after an invalidation answer: the line of that
    answer that gave the 9 months (R20; tester T58 c12 got the 48N's question, twice). None without such a line."""
    if not _ABOUT_THE_INVALIDATION.search("\n".join(_lines_of_last_answer(tracker, _ABOUT_THE_INVALIDATION))) and \
            previous_answer(tracker) != "action_answer_zero_points":
        return None
    lines = _lines_of_last_answer(tracker, _CODE_REGISTRATION_SAID)
    if not lines:
        return None
    return ("Pour repasser le code seul, l'inscription à l'examen doit être faite dans les 9 mois qui suivent la remise "
            "du permis (et l'invalidation avoir duré moins d'un an) ; sinon, le code et la conduite sont à repasser "
            "(service-public.fr, fiche F1704).\n" + "\n".join(f"- {line}" for line in lines))


def code_registration_asked(tracker: Tracker) -> Optional[str]:
    """The code's registration delay asked in a question sentence of any length after an invalidation answer ("et pour
    le code je dois m'inscrire dans quel délai exactement ?"): `_code_registration_delay`. None otherwise."""
    from bot.nlu.question_words import asked_sentence
    said = (tracker.latest_message or {}).get("text") or ""
    if "?" not in said or not _ASKS_CODE_REGISTRATION_DELAY.search(fold(asked_sentence(said))):
        return None
    return _code_registration_delay(tracker)


def exams_asked_at_length(tracker: Tracker) -> Optional[str]:
    """The exams during the wait asked in a question sentence longer than a follow-up ("d'accord, merci. Donc je peux
    déjà m'inscrire au code maintenant, pendant les 6 mois ?"): its words are the question's, whatever their length,
    after an invalidation answer (R20; tester T49 c07 got a request to rephrase). None otherwise."""
    from bot.nlu.question_words import asked_sentence
    said = (tracker.latest_message or {}).get("text") or ""
    if "?" not in said or not ASKS_EXAMS_DURING_WAIT.search(fold(asked_sentence(said))):
        return None
    return _exams_during_the_wait(tracker)


# "et s'il refait une bêtise et reperd tout en 2029 ?", "et si je perds encore tous mes points en 2028 ?" after an
# invalidation answer (T24 c14): a second total loss, supposed (folded)
ASKS_SECOND_LOSS = re.compile(r"\bre-?perd\w*\b|\bperd\w* (?:encore|a nouveau|de nouveau)\b.*\b(?:tout|points|permis)\b"
                              r"|\b(?:encore|a nouveau|de nouveau) (?:a )?(?:zero|0) points?\b")
_YEAR_SAID = re.compile(r"\b(20\d\d)\b")


def _second_loss(tracker: Tracker) -> Optional[str]:
    """A second total loss supposed after an invalidation answer: 1 year's wait instead of 6 months when it comes
    within 5 years of the licence handed back (R20, L.223-5), from rules_core's parameters; the window's end said from
    the day the licence was handed back, the year said weighed against it."""
    previous = PartialDate.parse(tracker.get_slot("licence_handed_back_date") or "") \
        if tracker.get_slot("licence_handed_back_date") else None
    if previous is None:
        return None
    handed_back = previous.latest()
    view = rules_core.load_params().at(handed_back)
    window_end = add_duration(handed_back, view.value("invalidation.repeat_window"))
    wait, wait_repeat = view.get("invalidation.wait").value, view.get("invalidation.wait_repeat").value
    text = fold((tracker.latest_message or {}).get("text") or "")
    year = next((int(y) for y in _YEAR_SAID.findall(text)), None)
    rule = (f"une deuxième perte totale des points dans les 5 ans qui suivent la remise du permis du "
            f"{format_long_fr(handed_back)}, c'est-à-dire jusqu'au {format_long_fr(window_end)}, allonge le délai "
            f"d'attente")
    repeat = (f"il faudrait attendre {_duration_fr(wait_repeat)} après avoir rendu le nouveau permis, au lieu de "
              f"{_duration_fr(wait)}, avant d'en obtenir un autre ; l'invalidation durant alors au moins un an, le "
              "code et la conduite seraient à repasser, après un nouvel examen médical et psychotechnique "
              "(article L.223-5 du Code de la route). Le permis suivant serait de nouveau probatoire, avec 6 points.")
    if year is not None and year < window_end.year:
        return f"Dans ce cas, ce serait une deuxième perte totale en moins de 5 ans : {repeat}\n- Règle : {rule}."
    if year is not None and year > window_end.year:
        return (f"En {year}, plus de 5 ans après la remise du permis du {format_long_fr(handed_back)}, le délai "
                f"resterait de {_duration_fr(wait)} (article L.223-5 du Code de la route).")
    return f"Cela dépend de la date : {rule}. Si c'est le cas, {repeat}"


def _duration_fr(duration) -> str:
    """"6 mois", "1 an" of a parameter's duration in months or years ({"years": 1})."""
    years, months = duration.get("years", 0), duration.get("months", 0)
    if years and not months:
        return f"{years} an{'s' if years > 1 else ''}"
    return f"{years * 12 + months} mois"


# "ça met combien de temps à être enregistré ?", "le retrait apparaît quand sur mon compte ?", "les points du stage sont
# crédités quand ?" (T13 c40): no deadline for the retrait (R2), about a month for a stage's points (R12)
# ("comment je sais quand la décision est prise ?", "comment savoir si le retrait est décidé ?": the same, R2; T15 c37)
_ASKS_HOW_LONG_RECORDED = re.compile(
    r"^(?=.*(?:\bcombien de temps\b|\bdelai\b|\bquand\b|\bc'?\s?est long\b|\bca (?:prend|met)\b|\bdans combien\b"
    r"|\bsous combien\b|\bd'?\s?ici combien\b|\bau bout de combien\b|\bcomment (?:je |on |il |elle )?(?:sai\w*|voi\w*"
    r"|verifi\w*|connai\w*)\b))"
    r"(?=.*(?:\benregistr\w*|\baffich\w*|\bapparai\w*|\bapparu\w*|\bvisible\b|\bpris en compte\b|\bmis a jour\b"
    r"|\bdecision\b|\bdecide\w*"
    r"|\bsur (?:mon|le) (?:compte|site|solde|fichier|releve)\b|\bmes points permis\b|\bdeduit\w*|\bdecompt\w*"
    r"|\bcredit\w*|\bactualis\w*))")
_NAMES_THE_RETRAIT = re.compile(r"\bretrait\w*|\bretir\w*|\bamendes?\b|\binfractions?\b|\bdeduit\w*|\bdecompt\w*"
                                r"|\bdecision\b|\bdecide\w*")
RETRAIT_RECORDING = (
    "Aucun délai n'est fixé par la loi : la décision de retrait est enregistrée au Fichier national des permis de "
    "conduire souvent quelques semaines, parfois quelques mois, après le paiement de l'amende, et le retrait compte dès "
    "cette décision, même avant la lettre 48 qui vous en informe (article R.223-3 du Code de la route ; Conseil "
    "d'État, 22 octobre 2014, n° 364635). Surveillez « Mes Points Permis » : le retrait y apparaît une fois "
    "enregistré.")
_STAGE_SAID = re.compile(r"\bstages?\b")


def _stage_points_recording() -> str:
    """R12: the stage's points count from the day after its last day; the organiser sends the attestation, the points
    are recorded, a lettre 47 follows (the delays from the parameters)."""
    from rules_core.reasoning import reason
    view = rules_core.load_params().at(today())
    chain = render_reason(reason("stage.admin_chain", "R12", params=(view.get("stage.attestation_delay"),
                                                                      view.get("stage.crediting_delay"))))
    return f"Les points du stage comptent dès le lendemain de son dernier jour. {chain}"


def _time_to_record(tracker: Tracker) -> str:
    """How long before the retrait (or a stage's points) is recorded: the retrait's when the message names it or no
    stage, with the stage's after it when the conversation is about a stage."""
    text = _follow_up_question(tracker.latest_message or {})
    if _STAGE_SAID.search(text) and not _NAMES_THE_RETRAIT.search(text):
        return _stage_points_recording()
    about_a_stage = previous_answer(tracker) in ("action_answer_stage_eligibility", "action_answer_points_after_stage") \
        or bool(_STAGE_SAID.search(fold(_last_bot_text(tracker))))
    if not about_a_stage:
        return RETRAIT_RECORDING
    return (f"{RETRAIT_RECORDING} Dès qu'il y apparaît, vous pouvez faire le stage : ses points s'ajouteront au solde "
            f"après le retrait.\n- {_stage_points_recording()}")


# "c'est pas plafonné à 8 ?", "ça devrait pas être plafonné ?", "le plafond de 8 points ça joue pas ?" (folded text)
ASKS_THE_CAP = re.compile(r"\bplafonn\w*|\bplafond de (?:8|huit)\b|\b(?:8|huit) (?:points )?max\w*\b")
# offences told on different days: "le lendemain", "la veille", "une autre fois", "deux fois" (folded text)
_ANOTHER_DAY = re.compile(r"\blendemain\b|\bla veille\b|\bun autre jour\b|\bjours? (?:d'\s?)?apres\b")


def cap_of_the_offences_told(tracker: Tracker) -> Optional[str]:
    """"c'est pas plafonné à 8 ?" after several offences told: the cap of 8 points is for offences committed at the
    same time only (R3, L.223-2); offences of different days are each withdrawn in full, their points added (R3
    example 4; tester T15 c35: unanswered, then an offence's block given instead). None when no message told two
    offences or more."""
    from actions.offence_history import ONE_CHECK, SEPARATE_CHECKS  # (it reads the answers, which read this module)
    cap = rules_core.load_params().at(today()).value("retrait.simultaneous_cap")
    rule = (f"le plafond de {cap} points ne vaut que pour des infractions commises en même temps, constatées lors d'un "
            "même contrôle (article L.223-2 du Code de la route)")
    for event in reversed(tracker.events):
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        if len([e for e in entities if e.get("entity") == "offence_type"]) < 2:
            continue
        text = fold(event.get("text") or "")
        days = {e.get("value") for e in entities if e.get("entity") == "date"}
        if SEPARATE_CHECKS.search(text) or _ANOTHER_DAY.search(text) or len(days) > 1:
            return (f"Non : {rule}. Les vôtres ont été commises à des jours différents : chacune retire tous ses "
                    "points, et leurs retraits s'additionnent, sans plafond.")
        if ONE_CHECK.search(text):
            return (f"Oui : {rule}, ce qui est votre cas : même si leurs points additionnés dépassent {cap}, le "
                    f"retrait est de {cap} points au plus.")
        return (f"Cela dépend : {rule}. Commises à des jours différents, chacune retire tous ses points et leurs "
                "retraits s'additionnent.")
    return None


# "plafonné à 8", "plafond de 8 points", "8 points max": R3's cap asked by its figure (folded text); a probation word
# makes it the probation ceiling (R5: 8 in the 2nd year), the probation form's question
_NAMES_THE_CAP_OF_8 = re.compile(r"\bplafonn\w* (?:a )?(?:8|huit)\b|\bplafond de (?:8|huit)\b|\b(?:8|huit) (?:points )?max\w*\b")
_PROBATION_WORDS = re.compile(r"\bprobatoire\b|\bjeunes? (?:conducteur|permis)\b|\bja\b|\bannee\b|\ban\b|\bans\b"
                              r"|\baac\b|\bconduite accompagnee\b|\bpermis depuis\b")


def cap_asked_alone(tracker: Tracker) -> Optional[str]:
    """"c'est pas plafonné à 8 ?" with nothing before it (no answer, no offence told): R3's cap of 8 points for
    offences committed at one time, said in general (L.223-2 II; R.223-2), not the probation's questions (h29's
    leftover). None when the message speaks of a probation (its ceiling of 8 in the 2nd year, R5) or of offences."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if not _NAMES_THE_CAP_OF_8.search(text) or _PROBATION_WORDS.search(text) or any(
            e.get("entity") in ("offence_type", "date", "points") and e.get("value") != 8
            for e in message.get("entities") or []):
        return None
    view = rules_core.load_params().at(today())
    cap, most = view.value("retrait.simultaneous_cap"), view.value("retrait.delit_points")
    both = view.get("retrait.alcohol_and_drugs_points")
    return (f"Oui : quand plusieurs infractions sont commises en même temps, constatées lors d'un même contrôle, leurs "
            f"retraits s'additionnent mais le total est plafonné à {cap} points (article L.223-2 du Code de la route).\n"
            "- Des infractions commises à des jours différents retirent chacune tous leurs points : leurs retraits "
            "s'additionnent, sans plafond commun.\n"
            f"- Une seule infraction retire au plus {most} points (article L.223-2 du Code de la route)"
            + (f", sauf la conduite sous l'emprise de stupéfiants et d'alcool réunis : {both.value} points pour une "
               f"infraction commise depuis le {format_long_fr(both.since)} (loi n° 2025-622 du 9 juillet 2025).\n"
               if both.value else ".\n") +
            "- Dites-moi vos infractions et leurs dates : je calcule votre retrait.")


_STAGE_ANSWERS = ("action_answer_points_after_stage", "action_answer_stage_eligibility", "action_answer_mandatory_stage",
                  "action_answer_refund_48n")


# "ça change rien ?", "le probatoire ça change quelque chose ?", "mais j'ai le permis que depuis juin 2024 ça change
# rien ?" after a stage's answer (folded text)
_ASKS_WHETHER_IT_CHANGES = re.compile(r"\b(?:ca|cela|ce|ça)\s+(?:ne\s+|n'\s?)?change\w*\s+(?:rien|quelque chose|qqch|quoi"
                                      r"|pas|rien du tout)\b|\bca compte pas\b|\bpas de difference\b")


def probation_ceiling_of_the_stage(tracker: Tracker) -> Optional[str]:
    """"ça change rien ?" (the licence's date told again) after a stage's answer, the licence in probation: yes, its
    ceiling, which a stage never passes (R12): frozen by the first offence of the probation (R7: no increment after
    it, until the end of the probation), or the year's (R5) (T14 c32 got the same answer again). None when the licence
    is no longer probationary or its date unknown."""
    from actions.answers import Facts, ceiling_with  # (the answers read this module)
    facts = Facts(tracker)
    licence, day = facts.licence_date, today()
    if licence is None:
        return None
    ceiling = facts.ceiling_on(day)
    unfrozen = ceiling_with(licence, facts.aac, day, None, facts.relicensed)
    maximum = rules_core.load_params().at(day).value("capital.max")
    if ceiling is None or unfrozen >= maximum:
        return None
    if ceiling < unfrozen:
        return (f"Si : votre permis est encore probatoire, et l'infraction commise pendant la période probatoire a "
                f"arrêté les majorations annuelles : votre plafond reste à {ceiling} points jusqu'à la fin de la période "
                f"probatoire, au lieu de {unfrozen} points sans elle. Un stage ne peut pas vous faire dépasser ce "
                "plafond (articles L.223-1 et L.223-6 du Code de la route).")
    return (f"Si : votre permis est encore probatoire, et votre plafond est aujourd'hui de {ceiling} points. Un stage ne "
            "peut pas vous faire dépasser ce plafond (articles L.223-1 et L.223-6 du Code de la route).")


ANY_ANSWER = ()
# (answers followed — ANY_ANSWER: any —, what the message asks, whether it may name a topic, the reply)
FOLLOW_UPS: List[Tuple[Tuple[str, ...], "re.Pattern", bool, Callable[[Tracker], Optional[str]]]] = [
    # "c'est pas plafonné à 8 ?" after several offences' balance or points (R3; tester T15 c35), before its figure read as one
    # to confirm
    (tuple(_BALANCE_ANSWERS) + ("action_answer_check_balance", "action_answer_offence_points"), ASKS_THE_CAP, True,
     cap_of_the_offences_told),
    # "ça change rien ?" after a stage's answer, the licence in probation: its ceiling, frozen or not (R5, R7; T14 c32)
    (_STAGE_ANSWERS, _ASKS_WHETHER_IT_CHANGES, True, probation_ceiling_of_the_stage),
    # "donc pk le site me dit 15 ?": no balance above 12 (R1)
    (ANY_ANSWER, _SHOWN_ABOVE_MAXIMUM, True, balance_shown_above_maximum),
    # "donc jeudi j'aurai 7 points ?" after a computed balance: yes or no from that computation (T5 c70)
    # (and after an offence answer that withdrew no points, the balance computed before it: T7 c17)
    (tuple(_BALANCE_ANSWERS) + ("action_answer_offence_points",) + _PROBATION_READ_AFTER, _CONFIRMS, True,
     _figure_confirmed),
    # ("tu peux pas le regarder toi ?" with it: no, first, T9 c14)
    (("action_answer_check_balance",), ASKS_RELEVE_INTEGRAL, True,
     lambda tracker: cannot_look_up_first(fold((tracker.latest_message or {}).get("text") or ""), RELEVE_INTEGRAL)),
    (("action_answer_check_balance",), ASKS_WITHOUT_ONLINE, True,
     lambda tracker: cannot_look_up_first(fold((tracker.latest_message or {}).get("text") or ""),
                                          BALANCE_WITHOUT_FRANCECONNECT)),
    (("action_answer_check_balance",), _ASKS_ONLINE_OR_PRICE, False, lambda tracker: BALANCE_SERVICE_FREE),
    (("action_answer_offence_points", "action_answer_auto_recovery", "action_answer_retrait_timing"),
     _ASKS_IF_NEVER_PAID, True, lambda tracker: FINE_NEVER_PAID),
    (("action_answer_offence_points",), _NAMES_A_NON_MOTOR_WAY, True, _no_points_either),
    (("action_answer_offence_points",), _NAMES_A_LICENCE_VEHICLE, True, _the_offence_by_a_licence_vehicle),
    # "et moi si j'oublie la mienne ?" after a passenger's seatbelt, "et si on désigne le salarié ?" after a company's
    # fine paid without naming the driver: the driver's points (R4, R21; tester T15 c20, c34)
    (("action_answer_offence_points",), re.compile(_ASKS_FOR_THE_DRIVER_THEMSELF.pattern + "|"
                                                  + _ASKS_IF_DRIVER_NAMED.pattern + "|" + _NAMES_A_PASSENGER.pattern),
     True, _points_for_the_driver),
    # "et ça revient quand si je paye aujourd'hui ?": the dates from that payment (R8, R9, R10; T13 c26)
    (("action_answer_offence_points",), _ASKS_WHEN_BACK, True, _recovery_of_the_offence),
    (("action_answer_offence_points",), _ASKS_PAY_FAST, True, _fine_paid_fast),
    # "et elle doit payer quoi en plus ?" after the company car's answer: the fine for not designating (L.121-6)
    (("action_answer_offence_points", "action_answer_retrait_timing"), _ASKS_WHAT_TO_PAY, True,
     _non_designation_fine),
    # "et si je fais le stage maintenant avant de payer l'amende ?" after a stage can save the licence: a stage before
    # the retrait (R18), not the fine not paid yet it names (T27 c15 got "Pas encore : tant que l'amende n'est pas payée")
    (("action_answer_zero_points", "action_answer_check_balance", "action_answer_offence_points"),
     PLANNED_BEFORE_THE_RETRAIT, True, when_to_take_the_stage),
    (("action_answer_offence_points", "action_answer_zero_points", "action_answer_check_balance",
      "action_answer_letter"), NOT_PAID_SAID, True, _fine_not_paid_yet),
    # "ok et combien l'amende ?" after a cyclist's answer: no points, the offence's fine (R21 example 1)
    (("action_answer_offence_points",), _ASKS_FINE, False, lambda tracker: _line_of_last_message(
        tracker, _NO_POINTS_WITHOUT_A_LICENCE_VEHICLE) and _fine_without_licence(tracker)),
    (("action_answer_offence_points",), _ASKS_FINE, False, _fine_of_the_offence),
    (("action_answer_offence_points",), _ASKS_IF_DELIT, True, _delit_or_not),
    (("action_answer_offence_points",), _ASKS_TEN_YEARS, True, _ten_year_rule_of_the_offence),
    (("action_answer_suspension",), _ASKS_THE_POINTS, True, points_of_the_offence_told),
    # "c'est pas 6 mois ?" after a recovery in years: the 6 months are a 1-point offence's (R8, R9; T22 c30)
    (SIX_MONTHS_DOUBTED_AFTER, _DOUBTS_SIX_MONTHS, True, _why_not_six_months),
    (("action_answer_offence_points", "action_answer_auto_recovery", "action_answer_zero_points",
      "action_answer_retrait_timing"), _ASKS_CONTEST,
     True, lambda tracker: CONTESTED_OFFENCE),
    # (before the stage's deadline: "au plus tard le …" of a refund answer is the request's date)
    (("action_answer_refund_48n",), ASKS_REFUND_REQUEST_WHEN, True, _refund_request_deadline),
    # "quels documents je dois envoyer ?", "et j'ai un délai ?" after a refund answer: the request's (R16), not the
    # stage's 4 months (tester T5 c57)
    (("action_answer_refund_48n",), _ASKS_IN_TIME, True, _refund_request_in_time),
    (("action_answer_refund_48n",), ASKS_REFUND_STEPS, True, _refund_steps),
    (("action_answer_refund_48n",), _ASKS_HOW_LONG, False, _refund_request_deadline),
    (ANY_ANSWER, _ASKS_DEADLINE, True, _deadline_of_the_stage),
    # "y a une date limite pour le stage ?" after a stage can save the licence until the 48SI: none fixed (R18; T13 c16)
    (ANY_ANSWER, ASKS_STAGE_DEADLINE, True, _stage_deadline_before_48si),
    # "je peux le faire dès maintenant ?" after a stage can save the licence: when (R13, R18; T58 c27)
    (("action_answer_zero_points", "action_answer_check_balance", "action_answer_offence_points"), ASKS_STAGE_NOW,
     True, stage_now),
    # "je fais le stage quand alors ?" after a stage can save the licence: when (R18, actions.stage_timing)
    (("action_answer_zero_points", "action_answer_check_balance", "action_answer_offence_points"), ASKS_WHEN_THE_STAGE,
     True, when_to_take_the_stage),
    # "ok donc je le fais quand même pour rien en points ?" after a 48N answer: yes, and not for nothing (R17; T13 c34)
    (("action_answer_mandatory_stage", "action_answer_refund_48n", "action_answer_letter",
      "action_answer_points_after_stage", "action_answer_stage_eligibility"), _ASKS_IF_FOR_NOTHING, True,
     _compulsory_even_without_points),
    # "et les autres petites amendes ?" after a recovery answer: each by its own delays (R8–R10; T13 c06)
    (("action_answer_auto_recovery", "action_answer_check_balance", "action_answer_retrait_timing",
      "action_answer_offence_points"), _ASKS_OTHER_OFFENCES, True, _other_offences_recovery),
    # "faut faire une demande ou c'est automatique ?" after a recovery answer: automatic, no request (R8–R10; T51 c03
    # got the stage's questions, then a stage invented on 31 December 2017)
    (("action_answer_auto_recovery", "action_answer_check_balance", "action_answer_probation"), _ASKS_IF_AUTOMATIC,
     True, lambda tracker: RECOVERY_IS_AUTOMATIC),
    # "Code avant ?" after an invalidation answer: the exams may be taken during the wait (R20; T13 c37)
    (ANY_ANSWER, ASKS_EXAMS_DURING_WAIT, True, _exams_during_the_wait),
    # "et s'il reperd tout en 2029 ?" after an invalidation answer: 1 year's wait within 5 years (R20; T24 c14)
    (("action_answer_zero_points",), ASKS_SECOND_LOSS, True, _second_loss),
    # "ça met combien de temps à être enregistré ?": no deadline for the retrait (R2), a month for a stage (R12; T13 c40)
    (ANY_ANSWER, _ASKS_HOW_LONG_RECORDED, True, _time_to_record),
    (("action_answer_mandatory_stage",), _ASKS_IF_NOT_DONE, True, _if_not_done),
    # "elle est obligée de faire un stage pour 1 point ?" after an offence's answer: not under 3 points (R15; T11 c05)
    # (and after a hypothesis's answer on a probationary licence: "je devrais faire un stage obligatoire dans ce cas ?"
    # after "et si je me fais flasher demain à 20 km/h au dessus ?", 2 points; T51 c06 got the 48N's date asked twice)
    (("action_answer_offence_points", "action_answer_probation"), _ASKS_OBLIGED_STAGE, True, _stage_for_the_offence),
    # "je dois quand même faire le stage ?" after a 48N answer (R15, R17; tester T3 c22)
    # (and after a balance, recovery or stage answer: compulsory only with a 48N, R15; tester T5 c22)
    (("action_answer_mandatory_stage", "action_answer_refund_48n", "action_answer_letter",
      "action_answer_check_balance", "action_answer_probation", "action_answer_auto_recovery",
      "action_answer_points_after_stage", "action_answer_stage_eligibility", "action_answer_offence_points",
      "action_answer_zero_points"), _ASKS_STILL_OBLIGED, True, _still_compulsory),
    (("action_answer_mandatory_stage", "action_answer_letter", "action_answer_refund_48n", "action_answer_probation",
      "action_answer_check_balance"), ASKS_RISK, True, _risk_without_the_48n_stage),
    (("action_answer_points_after_stage", "action_answer_stage_eligibility"), _ASKS_REFUND, True,
     _no_refund_for_a_voluntary_stage),
    # "d'accord, et on récupère les points quand après ?" after the stage's card: the stage's points, the day after its
    # last day (R12), not the recovery without a stage (tester T58 c02 got the 6 months / 2-3 years)
    (("action_answer_stage_info",), _ASKS_WHEN_THE_POINTS_COME, True, lambda tracker: _stage_points_recording()),
    (("action_answer_stage_info",), _SAYS_WHAT_IT_ASKED, True, _part_of_the_stage_card),
    (("action_answer_stage_info",), re.compile(INSTALMENTS_NAMED), True, _instalments_of_the_stage),
    # "et si c'est une composition pénale ?" after a court stage's answer: that kind's (R2, R11; T9 c36)
    (ANY_ANSWER, _NAMES_A_COURT_STAGE_KIND, True, _court_stage_of_that_kind),
    (ANY_ANSWER, _NOT_MY_QUESTION, True, _not_my_question),
    # (before the later day: "je pourrai reconduire le 10 ?" asks about driving, not the balance then; T7 c38)
    (ANY_ANSWER, ASKS_TO_DRIVE_AGAIN, True, _when_driving_again),
    (ANY_ANSWER, _ASKS_HOW_SURE, True, _how_sure),
    (ANY_ANSWER, _ASKS_WHY, True, _why),
    # "pourquoi le délai c'est 4 mois et pas 6 ?", "c'est écrit où, ces 4 mois ?": the lines naming that count (T57 c18)
    (ANY_ANSWER, _ASKS_WHY_OF_A_COUNT, True, _why_of_a_count),
    (ANY_ANSWER, _ASKS_PREFECTURE, True, _prefecture),
    (ANY_ANSWER, _ASKS_WHAT_TO_DO, True, _result_of_last_answer),
    (ANY_ANSWER, _ASKS_BALANCE, True, _balance_of_last_answer),
    (ANY_ANSWER, ASKS_IF_RECOVERED, True, _whether_recovered),
    (ANY_ANSWER, _ASKS_WHEN_FULL, True, _full_date_of_last_answer),
    # "et demain ?", "et dans 6 mois ?": what the answer dated until then (actions.later_on)
    (ANY_ANSWER, ABOUT_A_LATER_DAY, True, lambda tracker: later_on(tracker, _last_bot_text(tracker))),
]


# "et si je fais un stage, ça change la date de 2029 ?", "le stage il avance la date ou il la repousse ?" (T8 c18)
_MOVES = r"(?:change\w*|modifi\w*|avance\w*|repouss\w*|raccourci\w*|rallong\w*|accelere\w*|decale\w*|rapproche\w*|plus vite)"
_ASKS_STAGE_MOVES_RECOVERY = re.compile(r"\bstage\b.*\b" + _MOVES + r"\b|\b" + _MOVES + r"\b.*\bstage\b")
# ("et si je fais un stage ça accélère ?": a word of time itself, no date needed; tester T14 c23)
_SPEEDS_UP = re.compile(r"\b(?:accelere\w*|raccourci\w*|plus vite)\b")
_ABOUT_A_DATE = re.compile(r"\b(?:date|delai|recup\w*|(?:19|20)\d\d|12 points|tous mes points|maximum)\b")
_FULL_RECOVERY_DAY = re.compile(r"retrouvera(?:it)? son maximum de points le (\d{1,2}(?:er)? \w+ \d{4})")
# "et si je fais un stage en janvier ça sert à quelque chose ou j'attends avril ?", "un stage ça vaut le coup ou pas ?"
# (T8 c15): whether a stage is worth it before that day
_ASKS_STAGE_WORTH_IT = re.compile(r"\bstage\b.*(?:\bsert\w* (?:a|a quelque chose|a rien|de)\b|\bvaut (?:le coup|la peine)\b"
                                  r"|\butiles?\b|\binutiles?\b|\binteret\b|\bou (?:j'?\s?|je )?attend\w*|\bou attendre\b)")


def stage_leaves_the_full_recovery(tracker: Tracker) -> Optional[str]:
    """"le stage avance ou repousse la date du 20 avril 2029 ?" after an answer that gave the full recovery's day:
    neither; the 2- or 3-year delay runs from the last payment or conviction, only a new offence restarts it
    (L.223-6). None when the message asks something else or no such day was said."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    # (its words are specific: a sentence of twice a short follow-up's length, "ok mais la date du 20 avril 2029 elle
    # change ou pas avec le stage ?")
    if not text or len(text) > 2 * FOLLOW_UP_MAX_CHARS or previous_answer(tracker) is None:
        return None
    moves = _ASKS_STAGE_MOVES_RECOVERY.search(text) and (_ABOUT_A_DATE.search(text) or _SPEEDS_UP.search(text))
    if not moves and not _ASKS_STAGE_WORTH_IT.search(text):
        return None
    said = next((found for event in reversed(tracker.events) if event.get("event") == "bot"
                 for found in [_FULL_RECOVERY_DAY.search(event.get("text") or "")] if found), None)
    if said is None:
        return None
    if not moves:
        # "ça sert à quelque chose ou j'attends avril ?": what the stage does before that day, which it leaves (a day
        # asked with it, "si j'ai mes 12 points en avril ?", is answered first, day_asked_about_the_answer)
        if day_asked_about_the_answer(tracker):
            return None
        return (f"Sans nouvelle infraction, votre permis retrouvera tous ses points le {said.group(1)} sans rien "
                f"faire, et un stage ne change pas cette date.\n- {_what_the_stage_does(tracker, said.group(1))}")
    sooner = _stage_sooner_than_the_full_recovery(tracker, said.group(1))
    if sooner:
        return sooner
    return (f"Non : un stage ne change pas la date à laquelle votre permis retrouve tous ses points (le "
            f"{said.group(1)}), ni dans un sens ni dans l'autre. Il rend jusqu'à 4 points le lendemain de son 2e jour, "
            "dans la limite de votre plafond ; le délai de 2 ou 3 ans court toujours depuis le paiement de la dernière "
            "amende (ou la condamnation définitive), et seule une nouvelle infraction qui retire des points le relance "
            "(article L.223-6 du Code de la route).")


def _stage_sooner_than_the_full_recovery(tracker: Tracker, said: str) -> Optional[str]:
    """"et si je fais un stage ça va plus vite ?" after an answer that gave the full recovery's day `said`, the balance
    known or told by the offence's points: both ways compared. The stage gives up to 4 points the day after its 2nd
    day within the ceiling (R12, L.223-6, R.223-8), so a balance within 4 points of it is back to it then, sooner than
    `said` (tester T15 c24: 9 points, "Non" though a stage gives 12 the day after it); the delay itself is not moved
    (R9). None when the balance is not known, or the licence may be probationary (its ceiling moves, R5)."""
    from actions.answers import Facts  # (the answers read this module)
    facts = Facts(tracker)
    maximum = rules_core.load_params().at(today()).value("capital.max")
    if facts.licence_date is not None and facts.ceiling_on(today()) != maximum:
        return None
    balance, assumed = facts.number("current_balance"), ""
    points = facts.number("last_offence_points")
    if balance is None and points and tracker.get_slot("fine_payment_date"):
        balance = maximum - points
        assumed = (f" ({maximum} moins les {points} points de votre infraction, si vous n'en aviez pas perdu "
                   "d'autres)")
    if balance is None or not 0 < balance < maximum:
        return None
    per_stage = rules_core.load_params().at(today()).value("stage.max_gain")
    unchanged = ("Le délai lui-même ne change pas : il court toujours depuis le paiement de la dernière amende (ou la "
                 "condamnation définitive), et seule une nouvelle infraction qui retire des points le relance (article "
                 "L.223-6 du Code de la route).")
    if balance + per_stage >= maximum:
        return (f"Oui, pour retrouver vos {maximum} points : avec {balance} points{assumed}, un stage vous rend "
                f"{maximum - balance} point{'s' if maximum - balance > 1 else ''} le lendemain de son 2e jour et vous "
                f"ramène à {maximum} points dès ce jour-là, au lieu du {said} sans stage.\n- {unchanged}")
    return (f"En partie : avec {balance} points{assumed}, un stage vous rend {per_stage} points le lendemain de son 2e "
            f"jour ({balance + per_stage} points), plus tôt ; vos {maximum} points reviennent le {said} avec ou sans "
            f"stage.\n- {unchanged}")


# --- a day named in a question about the last answer ------------------------------------------------------------
# After an answer, "et au 15 janvier j'en aurai combien ?", "le 2 avril c'est la date où je récupère tout ?", "oui mais
# en avril je reviens à 12 tout seul non ?" name a day to ask about what the answer computed, not a new fact: the
# reply comes from that computation (or the dates the conversation gave), and the date fills no slot (T8 c01, c15).

# "et au 15 janvier j'en aurai combien ?", "le 15 janvier il m'en restera combien ?", "je serai à combien en mars ?"
_HOW_MANY_ON_A_DAY = re.compile(r"\bcombien\b.*\b(?:aurai|aurais|aura|restera|resterait|serai|serais)\b"
                                r"|\b(?:aurai|aurais|restera|serai|serais)\b.*\bcombien\b")
# the full recovery asked: "je reviens à 12", "je récupère tout", "j'aurai tous mes points", "j'ai mes 12 points"
_ASKS_FULL_RECOVERY = re.compile(
    r"\b(?:reviens|reviendrai|remonte|remonterai|retourne|retournerai|serai|suis|passe|passerai)\s+(?:a|aux)\s+"
    r"(?:12|douze)\b|\b(?:revenu|remonte|retourne|repasse)e?s?\s+a\s+(?:12|douze)\b|\brecup\w*\s+(?:tout|tous|toutes)\b"
    r"|\btout recup\w*|\b(?:tous|toutes) mes points\b"
    r"|\bmes (?:12|douze)\b|\bmon maximum\b|\bau max(?:imum)?\b|\bretrouv\w* (?:tout|mes 12|12)\b"
    r"|\b(?:j'?\s?)?(?:aurai|aurais|ai|retrouve|retrouverai)\s+(?:de nouveau\s+|a nouveau\s+)?(?:12|douze)\b")
# a date asked to be confirmed: "donc le 3 mars c'est bon ?", "c'est bien le 2 avril ?", "le 2 avril c'est la date
# où… ?", "ça tombe le 2 avril alors ?"
_CONFIRMS_A_DAY = re.compile(r"\bc'?\s?est (?:bon|ok|bien|ca|correct|juste|exact|la (?:bonne )?date|le (?:bon )?jour)\b"
                             r"|\bca (?:marche|passe|va|tombe|colle|joue)\b|\bbien le\b|\bc'?\s?est (?:a )?"
                             r"(?:partir )?(?:de |du )?(?:ce jour|cette date)\b")
# a stage planned on a day: "ok je le fais le 14 décembre alors", "je vais le faire le 10", "je m'inscris pour le 3"
PLANS_A_STAGE = re.compile(r"\b(?:je|j'?)\s*(?:le |la |l'\s?)?(?:fais|ferai|ferais|passe|passerai|commence|suis|suivrai"
                           r"|reserve|programme)\b|\b(?:je|j'?)\s*(?:vais|compte|veux|voudrais|peux|pourrais)\s+(?:le |la |l'\s?)?"
                           r"(?:faire|passer|suivre|reserver)\b|\bm'?\s?inscri\w*")
# a stage planned, or done again: "je le fais le 14", "si je refais un stage", "un nouveau stage"
_PLANS_A_STAGE_OR_AGAIN = re.compile(PLANS_A_STAGE.pattern + r"|\b(?:re-?fai\w*|refera\w*|re-?passe\w*)\b"
                                     r"|\b(?:nouveau|autre|deuxieme|second|2e)\s+stage\b|\bfai\w*\s+(?:un|le|mon)\s+stage\b")
# "ça sert à rien ?", "ça vaut le coup ?", "c'est utile ?": what a stage does before the full recovery
_ASKS_IF_USEFUL = re.compile(r"\bsert\w* (?:a|a quelque chose|de)\b|\bvaut (?:le coup|la peine)\b|\butile\b|\binutile\b"
                             r"|\binteret\b|\bstage\b")
_FULL_RECOVERY_SAID = re.compile(r"retrouvera(?:it)? son maximum de points le (\d{1,2}(?:er)? \w+ \d{4})")
_STAGE_RAISES = re.compile(r"avec effet au (\d{1,2}(?:er)? \w+ \d{4}) : votre solde passe(?:ra)? de (\d+) à (\d+) "
                           r"points")


def long_date(said: str) -> Optional["date"]:
    """The day of a date in the answers' long form ("2 avril 2027", "1er mai 2026"), None when it is none."""
    from datetime import date as date_type
    from rules_core.dates import MONTHS_FR
    found = re.fullmatch(r"(\d{1,2})(?:er)? (\w+) (\d{4})", said.strip())
    if not found or found.group(2) not in MONTHS_FR:
        return None
    try:
        return date_type(int(found.group(3)), MONTHS_FR.index(found.group(2)) + 1, int(found.group(1)))
    except ValueError:
        return None


@dataclass(frozen=True)
class _DayAsked:
    """The day or month a question names: its first and last day, and whether its year was said."""

    partial: PartialDate
    first: "date"
    last: "date"
    year_said: bool

    def where(self, day: "date") -> int:
        """How a day of an answer stands to the day or month asked: 0 within it, -1 before, 1 after. Said without its
        year, the day or month asked is that of any year: "le 20 avril" is the "20 avril 2029" the answer gave."""
        by_day = self.partial.precision == "day"
        if not self.year_said and (day.month, day.day if by_day else 0) == (self.first.month,
                                                                              self.first.day if by_day else 0):
            return 0
        return -1 if day < self.first else 1 if day > self.last else 0

    def french(self) -> str:
        """"le 15 janvier 2027", "en avril 2027"."""
        from rules_core.dates import format_long_fr
        return f"le {format_long_fr(self.first)}" if self.partial.precision == "day" else f"en {self.partial.french()}"


def _day_named(tracker: Tracker) -> Optional[_DayAsked]:
    """The one date of the latest message; a day or month said without its year that has passed is the next one (the
    question is about what the answer dates to come). None unless exactly one."""
    from dateutil.relativedelta import relativedelta
    message = tracker.latest_message or {}
    said = [e for e in message.get("entities") or [] if e.get("entity") == "date"]
    if len(said) != 1:
        return None
    try:
        partial = PartialDate.parse(str(said[0].get("value")))
    except InvalidAnswer:
        return None
    if partial.precision == "year":
        return None
    text = message.get("text") or ""
    words = text[said[0].get("start") or 0:said[0].get("end") or 0]
    year_said = bool(re.search(r"\b(?:19|20)\d\d\b", words))
    if partial.precision == "day":
        day = day_to_come(partial.earliest(), text, said[0])
        return _DayAsked(PartialDate.parse(day.isoformat()), day, day, year_said)
    if partial.latest() < today() and not year_said:
        partial = PartialDate.parse((partial.earliest() + relativedelta(years=1)).isoformat()[:7])
    return _DayAsked(partial, partial.earliest(), partial.latest(), year_said)


# an answer's day a retrait's point(s) come back on: "Le point retiré pour l'infraction payée le 15 juillet 2026 revient le
# 15 janvier 2027", "les 2 points … reviennent le 3 mars 2027"
_POINT_BACK_SAID = re.compile(r"\brevien(?:t|nent|dra|dront) le (\d{1,2}(?:er)? \w+ \d{4})")
# the user's point(s) named: "mon point", "le point", "mes 2 points"
_A_POINT_NAMED = re.compile(r"\bpoints?\b|\bpts?\b")


def point_back_day_asked(tracker: Tracker) -> Optional["date"]:
    """"mon point du 15 janvier, je l'ai toujours ?", "et le point qui devait revenir le 15 janvier ?": a question on
    the point an earlier answer said comes back that day (R8), after another fact told since (T54 c04 read that day,
    "15 janvier" without its year, as the fine's payment: "le paiement ne peut pas précéder la date de l'infraction").
    That day of the answer; None when the message is no such question (a correction, a hypothesis, another day)."""
    from actions.slot_values import CORRECTION
    from actions.what_if import states_a_hypothesis
    raw = (tracker.latest_message or {}).get("text") or ""
    text = fold(raw)
    if "?" not in raw or not _A_POINT_NAMED.search(text) or CORRECTION.search(text) or states_a_hypothesis(raw):
        return None
    asked = _day_named(tracker)
    if asked is None:
        return None
    for event in reversed(tracker.events):
        if event.get("event") != "bot":
            continue
        for found in _POINT_BACK_SAID.finditer(event.get("text") or ""):
            day = long_date(found.group(1))
            if day is not None and asked.first <= day <= asked.last:
                return day
    return None


def day_asked_about_the_answer(tracker: Tracker) -> Optional[str]:
    """The reply to a question about the last answer that names a day ("et au 15 janvier j'en aurai combien ?", "le 2
    avril c'est la date où je récupère tout ?", "en avril je reviens à 12 tout seul non ?"): from the last computation
    or the full recovery's day the conversation gave (L.223-6). None when the message is no such question: a
    correction ("non, c'était le 3 mars"), a hypothesis ("et si…", actions.what_if), a stage planned after a stage's
    answer ("je le fais le 14 décembre, j'aurai 12 quand ?", what_if's stage moved), or a reply to a form."""
    from actions.slot_values import CORRECTION
    from actions.what_if import _STAGE_ANSWERS, states_a_hypothesis
    message = tracker.latest_message or {}
    raw = message.get("text") or ""
    text = fold(raw)
    if not text or len(text) > 2 * FOLLOW_UP_MAX_CHARS or CORRECTION.search(text) or states_a_hypothesis(raw) \
            or any(e.get("entity") in NEW_SUBJECT_ENTITIES for e in message.get("entities") or []):
        return None
    previous = previous_answer(tracker)
    named = _day_named(tracker) if previous is not None else None
    # (a stage's day named with a stage planned, "et si je refais un stage les 8 et 9 janvier 2027 je remonte à 12 ?"
    # after a balance: the stage's question, R12, R13, not whether the full recovery has come by then; T20 c14)
    stage_day = any(e.get("entity") == "date" and e.get("role") == "stage" for e in message.get("entities") or [])
    if named is None or ((previous in _STAGE_ANSWERS or stage_day) and _PLANS_A_STAGE_OR_AGAIN.search(text)) or \
            _form_asked_since_answer(tracker):
        return None
    if _figure_confirmed(tracker) and not (_ASKS_FULL_RECOVERY.search(text) and _nothing_back_by_then(tracker)):
        return None  # ("donc jeudi j'aurai 12 points ?": that figure, yes or no, _figure_confirmed)
    if _HOW_MANY_ON_A_DAY.search(text):
        return _balance_on_the_day(tracker, named)
    if _ASKS_FULL_RECOVERY.search(text):
        return _full_recovery_on(tracker, named, text)
    if "?" in raw and _CONFIRMS_A_DAY.search(text) and previous not in _STAGE_ANSWERS:
        return _day_of_the_answer(tracker, named)
    return None


def _nothing_back_by_then(tracker: Tracker) -> bool:
    """The figure asked is for a day by which no point comes back, the balance today unknown: its yes-or-no has
    nothing to tell ("en mars je serai revenu à 12 tout seul non ?"), the full recovery's day has (T8 c15)."""
    asked = asks_to_confirm_a_figure(tracker)
    balance = _balance_on(tracker, asked[0] or _end_of_computation(tracker)) if asked else None
    return isinstance(balance, _PointsBack) and balance == 0


def asks_about_a_day_of_the_answer(tracker: Tracker) -> bool:
    """Whether the latest message is a question about the last answer whose dates are no facts of the user's: a day
    of its computation asked about, or whether a stage moves (or is worth it before) the full recovery's day."""
    return day_asked_about_the_answer(tracker) is not None or stage_leaves_the_full_recovery(tracker) is not None


def _balance_on_the_day(tracker: Tracker, asked: _DayAsked) -> Optional[str]:
    """"et au 15 janvier j'en aurai combien ?" after an answer that computed a balance: the balance it gives then."""
    from rules_core.dates import format_long_fr
    day = asked.last
    if day < today() or _balance_answer(tracker) not in _BALANCE_ANSWERS:
        return None  # (a past day is the same computation on that day: actions.what_if)
    balance = _balance_on(tracker, day)
    if balance is None or isinstance(balance, _PointsBack):
        return None
    on = f"Au {format_long_fr(day)}" + ("" if asked.partial.precision == "day" else
                                        f" (le dernier jour de {asked.partial.french()})")
    assumed = _ASSUMED_BALANCE.search(_last_bot_text(tracker))
    condition = f", {assumed.group(1)}" if assumed else ""
    return (f"{on}, votre solde sera de {balance} point{'s' if balance > 1 else ''}{condition}, d'après le calcul "
            f"ci-dessus et sans nouvelle infraction (article {_BALANCE_ANSWERS[_balance_answer(tracker)]} du Code de la "
            "route).")


def _full_recovery_on(tracker: Tracker, asked: _DayAsked, text: str) -> Optional[str]:
    """"le 2 avril c'est la date où je récupère tout ?", "en avril je reviens à 12 tout seul non ?": yes or no, with
    the day the conversation's last recovery computation gave (L.223-6); and, when a stage is asked about, what the
    stage computed before that day does (its points sooner, the day unchanged)."""
    said = next((found.group(1) for event in reversed(tracker.events) if event.get("event") == "bot"
                 for found in [_FULL_RECOVERY_SAID.search(event.get("text") or "")] if found), None)
    full = long_date(said) if said else None
    if full is None:
        return None
    when = asked.french()
    delay = ("sans rien faire : le délai court depuis le paiement de la dernière amende ou la condamnation "
             "définitive (article L.223-6 du Code de la route).")
    rule = f"sans nouvelle infraction, votre permis retrouvera son maximum de points le {said}, {delay}"
    if asked.where(full) == 0:
        lead = "Oui, c'est bien le" if asked.partial.precision == "day" else f"Oui, {when}, précisément le"
        reply = f"{lead} {said} : sans nouvelle infraction, votre permis retrouvera alors son maximum de points, {delay}"
    elif asked.where(full) < 0:
        reply = f"Oui, {when} vous aurez retrouvé tous vos points : {rule}"
    else:
        reply = f"Non, pas encore {when} : {rule}"
    return f"{reply}\n- {_what_the_stage_does(tracker, said)}" if _ASKS_IF_USEFUL.search(text) else reply


def _what_the_stage_does(tracker: Tracker, said: str) -> str:
    """What a stage does before the full recovery's day `said` (in long form): the points of the stage the
    conversation computed, sooner, or up to 4 points sooner; never that day moved (L.223-6, R.223-8)."""
    full = long_date(said)
    stage = next((found for event in reversed(tracker.events) if event.get("event") == "bot"
                  for found in [_STAGE_RAISES.search(event.get("text") or "")] if found), None)
    effect = long_date(stage.group(1)) if stage else None
    if effect is not None and full is not None and effect < full:
        return (f"Le stage vous fait passer de {stage.group(2)} à {stage.group(3)} points dès le {stage.group(1)} : il "
                f"ne vous sert que d'ici le {said}, par exemple si vous perdez des points entre-temps ; il ne change "
                "pas cette date (article L.223-6 du Code de la route).")
    if effect is not None:
        return (f"Un stage qui se termine après le {said} ne vous rendra aucun point : votre permis aura déjà son "
                "maximum (article L.223-6 du Code de la route).")
    return (f"Un stage fait avant le {said} vous rendrait jusqu'à 4 points plus tôt, le lendemain de son 2e jour, "
            "dans la limite de votre plafond, sans changer cette date : il n'est utile que si vous risquez de perdre "
            "des points d'ici là ; sinon, attendre suffit (article L.223-6 du Code de la route).")


def _day_of_the_answer(tracker: Tracker, asked: _DayAsked) -> Optional[str]:
    """"donc le 2 avril c'est bon ?", "c'est bien le 3 février ?" after an answer that gave that day: yes, with the
    answer's line that gives it. None when the answer gave no such day (the question is then another's)."""
    from rules_core.dates import format_long_fr
    for line in _last_bot_text(tracker).splitlines():
        line = line.lstrip("- ")
        for said in re.findall(_LONG_DATE, line):
            day = long_date(said)
            if day is not None and asked.where(day) == 0:
                lead = "Oui, c'est bien le" if asked.partial.precision == "day" else f"Oui, {asked.french()}, le"
                return f"{lead} {format_long_fr(day)} : {line[:1].lower()}{line[1:]}"
    return None


def _asked_of_the_offence_answered(tracker: Tracker, asks: "re.Pattern") -> bool:
    """The latest message asks that (its question sentence, however long the message) of the offence the last answer
    counted: it names no other offence, and no other figure (a speed, an alcohol level) than those counted."""
    if previous_answer(tracker) != "action_answer_offence_points":
        return False
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    asked = [sentence for sentence in re.findall(r"[^.!?\n]*\?", text) if asks.search(sentence)] or \
        ([text] if asks.search(text) else [])
    if not asked or len(asked[-1].strip()) > 100:
        return False
    counted = _offences_of_the_answer(tracker)
    known = {kind for kind, _ in counted}
    named = {e.get("value") for e in message.get("entities", []) if e.get("entity") == "offence_type"}
    if not named <= known | ({"alcohol", "alcohol_delit"} if known & {"alcohol", "alcohol_delit"} else set()):
        return False
    # (the figures it says are those counted: "avec 0,6 g/l c'est un délit ?"; "et à 0,9 g/l ?" is a what-if's)
    told = {value for _, arguments in counted for value in arguments.values() if value is not None}
    level = blood_alcohol_level(text, today())
    said = {e.get("value") for e in message.get("entities", []) if e.get("entity") in _OFFENCE_ARGUMENTS}
    return said <= told and (level is None or level in told)


def court_asked_after_offence(tracker: Tracker) -> Optional[str]:
    """"et je vais passer au tribunal ?", "merci c'est bien la vitesse de l'avis. je vais aller au tribunal ?", "avec
    0,6 g/l c'est un délit et je passe devant le juge ?" after an offence answer: whether its offences are délits or
    contraventions (R4). None when the question names an offence the answer did not count, or asks no such thing."""
    if JUDGMENT_TOLD.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None  # the court has ruled: a fact told (its date is the réalité, R2), not a question on court
    return _delit_or_not(tracker) if _asked_of_the_offence_answered(tracker, ASKS_COURT) else None


def recovery_asked_after_offence(tracker: Tracker) -> Optional[str]:
    """"les points du feu rouge, je les récupère quand si je paye l'amende aujourd'hui ?" after that offence's answer
    (the offence named again): the dates from that payment (R8, R9, R10)."""
    return _recovery_of_the_offence(tracker) if _asked_of_the_offence_answered(tracker, _ASKS_WHEN_BACK) else None


# "et si c'était ce que le compteur affichait, 97 ?", "le radar m'a flashé à 97 affiché", "97 mesuré, pas retenu"
_MEASURED_CUE = re.compile(r"\baffich\w*|\bmesur\w*|\bcompteur\b|\bcinemometre\b|\b(?:avant|sans) (?:la )?marge\b")
_SPEEDOMETER = re.compile(r"\bcompteur\b")
SPEEDOMETER_NOTE = ("Le compteur de votre voiture affiche en général un peu plus que la vitesse réelle : ce qui compte est "
                    "la vitesse mesurée par le radar, et la vitesse retenue qui en est déduite, inscrite sur l'avis de "
                    "contravention.")


def measured_speed_after_speeding(tracker: Tracker) -> Optional[str]:
    """"et si c'était ce que le compteur affichait, 97 ?", "le radar m'a flashé à 97 affiché" after the answer of an
    excess of speed whose limit is known: the figure is the speed the radar measured (never a balance, however far
    above 12), and the speed kept is that speed less the radar's margin (R4 edge case: 5 km/h below 100 km/h, 5 %
    above; arrêté du 4 juin 2009): its points. None when the message names another offence or several speeds."""
    if previous_answer(tracker) != "action_answer_offence_points":
        return None
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if not _MEASURED_CUE.search(text):
        return None
    counted = _offences_of_the_answer(tracker)
    named = {e.get("value") for e in message.get("entities", []) if e.get("entity") == "offence_type"}
    if [kind for kind, _ in counted] != ["speeding"] or not named <= {"speeding"}:
        return None
    told = counted[0][1]
    limit = told.get("speed_limit_kmh") or (told["recorded_speed_kmh"] - told["excess_kmh"] if told.get(
        "recorded_speed_kmh") and told.get("excess_kmh") else None)
    figures = {e.get("value") for e in message.get("entities", [])
               if e.get("entity") in ("speed_measured", "number") and isinstance(e.get("value"), int)} - {limit}
    if limit is None or len(figures) != 1:
        return None
    measured = figures.pop()
    day = today()
    try:
        kept = rules_core.kept_speed(measured_kmh=measured, today=day)
        decision = rules_core.offence_points(offence="speeding", commission=day, today=day, speed_limit_kmh=limit,
                                             recorded_speed_kmh=kept)
    except rules_core.InconsistentFacts:
        return None if measured <= limit else (
            f"Si {measured} km/h est la vitesse mesurée par le radar (celle qu'il affiche), la vitesse retenue, après "
            "déduction de la marge du radar, ne dépasse pas la limite de {limit} km/h : aucun excès n'est retenu "
            "(arrêté du 4 juin 2009 relatif aux cinémomètres de contrôle routier).".replace("{limit}", str(limit)))
    margin = rules_core.load_params().at(day).value("speeding.radar_margin")
    deducted = f"{margin['percent']} %" if measured >= margin["percent_from_kmh"] else f"{margin['fixed_kmh']} km/h"
    headline = render(decision).splitlines()[0]
    lines = [f"Si {measured} km/h est la vitesse mesurée par le radar (celle qu'il affiche), la vitesse retenue est "
             f"de {kept} km/h, après déduction de la marge de {deducted} (arrêté du 4 juin 2009 relatif aux "
             f"cinémomètres de contrôle routier).", f"- {headline}"]
    if _SPEEDOMETER.search(text):
        lines.append(f"- {SPEEDOMETER_NOTE}")
    return "\n".join(lines)


# "donc au total pour les 3 infractions au même contrôle je perds combien ?"
_ASKS_TOTAL = re.compile(r"\b(?:au total|en tout|total|cumul\w*)\b")


def total_asked_after_offences(tracker: Tracker) -> Optional[str]:
    """"donc au total pour les 3 infractions au même contrôle je perds combien ?" after the answer of several offences
    at one check (and maybe one of them asked again since): the total that answer gave (R3), not "Quelle infraction ?".
    None when the message names offences (a new set, its own computation)."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if previous_answer(tracker) != "action_answer_offence_points" or not _ASKS_TOTAL.search(text) or any(
            e.get("entity") in NEW_SUBJECT_ENTITIES for e in message.get("entities", [])):
        return None
    said_since = []  # (the bot's texts from that answer on: its notes come as messages of their own)
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            said_since.append(event["text"])
            if _SEVERAL_ADDED.search(event["text"]):
                break
    else:
        return _total_of_the_offences_answered(tracker, text)
    headline = said_since[-1].splitlines()[0]
    left = [line for text in reversed(said_since) for line in text.splitlines() if _LEFT_AFTER.search(line)][-1:]
    return "\n".join([f"Au total, pour ces infractions commises ensemble : {headline[:1].lower()}{headline[1:]}",
                      *left])


# the headline of an offence's answer: "Arrêt ou stationnement dangereux : retrait de 3 points (…)", "… : aucun point"
_OFFENCE_HEADLINE = re.compile(r"^(?P<label>[^\n:]+) : (?:retrait de (?P<points>\d+) points?\b|aucun point\b)", re.M)


def _total_of_the_offences_answered(tracker: Tracker, text: str) -> Optional[str]:
    """"Donc 3 en tout ? c'était au même contrôle" after the answers of several offences given one by one in the last
    turn (one answer each): their retraits added, capped at 8 when committed together (R3, L.223-2); a figure asked
    back is confirmed or corrected (tester T48 c26 got "D'accord. Quelle est votre question ?"). None when the last
    turn answered fewer than two offences."""
    from actions.offence_history import SAME_CHECK, SEPARATE_CHECKS
    headlines = [m for said in _last_turn_texts(tracker) for m in _OFFENCE_HEADLINE.finditer(said)]
    if len(headlines) < 2:
        return None
    points = [int(m.group("points") or 0) for m in headlines]
    total = sum(points)
    together = bool(SAME_CHECK.search(text)) and not SEPARATE_CHECKS.search(text)
    cap = rules_core.load_params().at(today()).value("retrait.simultaneous_cap") if together else None
    kept = min(total, cap) if cap else total
    figures = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
               if e.get("entity") in ("points", "number") and isinstance(e.get("value"), int)] or [
        int(n) for n in re.findall(r"\b(\d{1,2})\b", text)]
    opening = "" if not figures else "Oui : " if figures[0] == kept else "Non : "
    detail = " + ".join(str(p) for p in points)
    sentence = f"{points_fr(kept)} au total ({detail})"
    sentence = sentence[:1].upper() + sentence[1:] if not opening else sentence
    if together:
        why = (f"commises au même contrôle, les infractions voient leurs retraits additionnés dans la limite de "
               f"{cap} points" + (f" : le plafond de {cap} points ne joue pas ici" if total <= cap else
                                  f" : {total} points ramenés à {cap}"))
    else:
        why = "les retraits de plusieurs infractions s'additionnent ; commises au même contrôle, ils sont plafonnés à 8 points"
    return f"{opening}{sentence} : {why} (article L.223-2 du Code de la route)."


# "et le feu rouge alors ? ça compte pas ?", "et mon téléphone ?", "mais le stop il compte pas ?": one offence named
# alone, asked back after an answer (folded); not its fine, its court, its return, nor a hypothesis (their own readings)
_ASKS_AN_OFFENCE_BACK = re.compile(r"^\W*(?:(?:et|mais|ok|alors|donc|du coup|ah)\W+)+|\bcompte\w*\b")
_ASKS_SOMETHING_ELSE_OF_IT = re.compile(r"\bsi\b|\bquand\b|\bcombien de temps\b|\bdate\b")


def offence_asked_back(tracker: Tracker) -> Optional[str]:
    """An offence named alone after an answer, once the user told their balance before their offences ("j'avais 12
    points, puis un excès (-1) et un téléphone (-3)", then "et le feu rouge alors ? ça compte pas ?"): that offence's
    points (R4) and what they do to today's balance, computed from the balance before (R1), whatever the question was
    read as (offence, balance or stage). Already told: counted in it; not told: not counted, and the balance it would
    leave. None when the message is not such a question or no such story was told."""
    from actions.offence_history import balance_before_the_offences, scale_points  # (what_if reads this module)
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    entities = message.get("entities", [])
    kinds = {e.get("value") for e in entities if e.get("entity") == "offence_type"}
    if len(kinds) != 1 or len(text) > FOLLOW_UP_MAX_CHARS or previous_answer(tracker) is None or \
            not _ASKS_AN_OFFENCE_BACK.search(text) or _ASKS_SOMETHING_ELSE_OF_IT.search(text) or \
            asks_the_fine(text) or _ASKS_IF_DELIT.search(text) or _ASKS_CONTEST.search(text) or \
            any(e.get("entity") not in ("offence_type",) for e in entities):
        return None
    story = balance_before_the_offences(tracker)
    if story is None:
        return None
    (kind,), (before, offences) = kinds, story
    try:
        decision = rules_core.offence_points(offence=kind, commission=today(), today=today())
    except rules_core.InconsistentFacts:
        decision = None  # (a speeding without its speeds: the points told with it)
    told = [points for named, points in offences if named == kind]
    points = told[0] if told else scale_points(kind)
    if points is None:
        return None
    lost = [p for _, p in offences]
    now = before - sum(lost)
    counted = " − ".join(str(p) for p in lost)
    headline = render(decision).split("\n")[0] if decision is not None else None
    if told:
        said = (f"Il est déjà compté : il vous a retiré {points} point{'s' if points > 1 else ''}, et votre solde "
                f"d'aujourd'hui est de {now} point{'s' if now > 1 else ''} ({before} − {counted}) (article L.223-1 du "
                "Code de la route).")
        return "\n".join(line for line in (said, headline and f"- {headline}") if line)
    after = now - points
    if after > 0:
        left = (f"votre solde n'est pas de {now} mais de {after} point{'s' if after > 1 else ''} ({before} − {counted} − "
                f"{points}) (article L.223-1 du Code de la route).")
    else:
        left = (f"votre solde calculé tombe à {after} : dites-moi la date de son paiement pour voir ce qui peut encore "
                "sauver le permis (article L.223-1 du Code de la route).")
    return "\n".join([f"Vous ne me l'aviez pas cité, je ne l'ai donc pas compté dans votre solde de {now} point"
                      f"{'s' if now > 1 else ''} ({before} − {counted}).",
                      f"- {headline or f'Il retire {points} points.'}",
                      f"- Si vous l'avez commis et qu'il est établi (amende payée ou condamnation), {left}"])


# A stage the user says they did not speak of, or do not want: "quel stage ?? j'ai pas parlé de stage", "je parle pas
# de stage !", "je veux pas faire de stage", "c'est pas la question du stage" (folded text; tester T15 c13, c23)
STAGE_DENIED = re.compile(
    r"\bquel\s+stage\b"
    r"|\b(?:pas|jamais)\s+(?:parle|dit|demande|evoque|mentionne|question)\s+(?:de\s+|d'\s?|du\s+|d'un\s+|un\s+)?stages?\b"
    r"|\bparl\w*\s+(?:pas|jamais)\s+(?:de\s+|d'\s?|du\s+|d'un\s+)?stages?\b"
    r"|\bc'?\s?est\s+pas\s+(?:la\s+question\s+)?(?:de\s+|du\s+|d'un\s+)stage\b"
    r"|\b(?:veux|voulais|souhaite|demande)\s+pas\s+(?:de\s+|d'\s?|faire\s+(?:de\s+|d'\s?|un\s+))stages?\b")
# The balance now, not after something to come: "il m'en reste combien", "combien il me reste", "j'en ai combien
# maintenant", "je suis à combien là" (folded text); "j'aurai combien ?", "je passe à combien ?" ask what is to come
_BALANCE_NOW_ASKED = re.compile(
    r"\breste(?:nt)?\b[^?.!]{0,20}\bcombien\b|\bcombien\b[^?.!]{0,30}\breste(?:nt)?\b"
    r"|\bj'?\s?(?:en\s+)?ai\s+combien\b|\bcombien\b[^?.!]{0,25}\bj'?\s?(?:en\s+)?ai\b(?!\s+(?:perdu|eu|pris))"
    r"|\bje\s+suis\s+a\s+combien\b(?![^?.!]{0,25}\b(?:apres|si|avec)\b)")
_STAGE_WORD = re.compile(r"\bstages?\b")
#: the questions of a stage, which a balance asked now, no stage named, was read as (T15 c13: the points after a stage)
_STAGE_INTENTS = ("ask_points_after_stage", "ask_stage_eligibility", "ask_stage_info", "ask_mandatory_stage")
#: the answers about a stage, after which "et j'en ai combien maintenant ?" asks about that stage


def balance_asked_without_a_stage(tracker: Tracker) -> Optional[str]:
    """A message read as a stage's question that is none: the balance asked now, no stage named ("et j'avais 8 points
    avant, j'en ai combien maintenant ?" after a stop's recovery: 8 − 4 = 4, R1, R4), or a stage said not asked about
    ("quel stage ?? j'ai pas parlé de stage. j'avais 8 points avant le stop, il m'en reste combien"; tester T15 c13
    got the stage's questions, twice). The reply: the balance computed from what the user told
    (actions.answers.balance_computed_answer), after an apology when a stage was said not asked about. None when the
    message is no such question, or (no stage denied) follows a stage's answer or the facts told give no balance."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    asked = bool(_BALANCE_NOW_ASKED.search(text))
    from actions.answers import balance_computed_answer  # (the answers read this module)
    if not STAGE_DENIED.search(text):
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if not asked or intent not in _STAGE_INTENTS or _STAGE_WORD.search(text) or \
                previous_answer(tracker) in _STAGE_ANSWERS:
            return None  # (read as another question, its own answer gives the balance its way)
        return balance_computed_answer(tracker)
    # (the balance's own answer may have replied already this turn: "je parle pas de stage ! combien il me reste ?"
    # read as the balance's question while the stage's form waited)
    users = [index for index, event in enumerate(tracker.events) if event.get("event") == "user"]
    answered = any(event.get("event") == "action" and event.get("name") == "action_answer_check_balance"
                   for event in tracker.events[users[-1] if users else 0:])
    computed = balance_computed_answer(tracker) if asked and not answered else None
    sorry = "Pardon, je vous ai mal compris : je laisse le stage de côté."
    if computed:
        return f"{sorry} Voici votre solde.\n\n{computed}"
    from actions.informational import points_to_lose_answer  # (informational reads this module)
    # "je veux pas de stage. je demande combien je peux en perdre avant l'invalidation": that question answered too
    # (tester T32 c23 got the apology alone)
    other = points_to_lose_answer(tracker)
    return f"{sorry}\n\n{other}" if other else sorry


# folded text: "et si elle fait pas le stage", "sans stage", "si je ne le fais pas", "pas de stage"
_WITHOUT_THE_STAGE = re.compile(r"\b(?:si\s+|s'?\s?il\s+)(?:\w+\s+)?(?:ne\s+)?(?:le\s+)?(?:fai[st]|faites|font|faisait|fais)\s+pas"
                                r"(?:\s+(?:le|de|ce|un)\s+stage\b)?|\bsans\s+(?:faire\s+)?(?:de\s+|le\s+|un\s+)?stage\b"
                                r"|\bpas\s+de\s+stage\b")
# the full recovery asked: "elle revient à 12 quand ?", "je récupère tous mes points quand ?", "ses 12 points"
_FULL_RECOVERY_ASKED = re.compile(r"\b(?:revien\w*|remont\w*|retrouv\w*|recuper\w*|repass\w*|sera|serai|est)\s+(?:a\s+)?12\b"
                                  r"|\b12 points\b|\btous (?:mes|ses|leurs|vos) points\b|\brecuper\w*\b.*\bquand\b"
                                  r"|\bquand\b.*\brecuper\w*")


def recovery_without_the_stage(tracker: Tracker) -> Optional[str]:
    """"et si elle fait pas le stage, elle revient à 12 quand ?" after a stage's answer: the automatic recovery (R8–R10,
    and after a probation, R7), computed from the facts told, not the stage's day asked (tester T20 c17). None when the
    message is no such question or follows no stage's answer."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _WITHOUT_THE_STAGE.search(text) or not _FULL_RECOVERY_ASKED.search(text) or \
            previous_answer(tracker) not in _STAGE_ANSWERS:
        return None
    from actions.answers import ActionAnswerAutoRecovery, Facts  # (the answers read this module)
    facts = Facts(tracker)
    try:
        decision = ActionAnswerAutoRecovery().decide(facts, today())
    except rules_core.InconsistentFacts as error:
        from rules_core.wording_fr import render_error
        return render_error(error)
    if decision is None or decision.question != "recovery":
        return None
    return "\n\n".join(["Sans stage :\n" + render(decision), *dict.fromkeys(facts.notes)])


# "et si je fais rien du tout, ils reviennent quand même ?", "sans rien faire je les récupère ?" (folded text)
_DOING_NOTHING = re.compile(r"\b(?:fai[st]|faire|faites|font)\s+rien\b|\bsans rien\b|\bpas de stage\b|\bsans (?:faire\s+)?"
                            r"(?:de\s+|un\s+)?stage\b|\bautomatique\w*\b|\btout seuls?\b|\bd'?\s?eux[- ]memes?\b")
_COME_BACK_ASKED = re.compile(r"\b(?:revien\w*|reviendr\w*|recuper\w*|rend\w*|remont\w*)\b")


# "ok donc il a 12 comme moi ?", "donc j'ai 9 points ?", "elle a bien 6 ?" (folded text): the balance just computed, asked
# back as a yes/no question
_BALANCE_ASKED_BACK = re.compile(r"^\W*(?:(?:ok|okay|d'?\s?accord|donc|alors|du coup|bon|ah|et|au final)\W+)*"
                                 r"(?:il|elle|j'?\s?ai|on)\s+(?:a|ai)\s+(?:bien\s+|donc\s+|aussi\s+)?(?P<n>\d{1,2})"
                                 r"(?:\s*(?:points?|pts?))?\b[^?]{0,20}\?\s*$")
_BALANCE_ANSWERED = re.compile(r"\b(?:son|votre) solde est aujourd'hui de (?P<n>\d+) points?")


# the offence's card: "Changement de direction sans clignotant : retrait de 3 points (contravention de 2e classe)"
_OFFENCE_POINTS_ANSWERED = re.compile(r"^[^:\n]+ : retrait de (?P<n>\d+) points? \(")
_DOUBTED = re.compile(r"\b(?:t'?\s?es|vous etes|tu es|c'?\s?est)\s+(?:bien\s+)?(?:sur|sure|certain\w*)\b|\bserieux\b"
                      r"|\bvraiment\b|\bc'?\s?est pas\b|\bpas plutot\b")


def offence_points_doubted(tracker: Tracker) -> Optional[str]:
    """"serieux 3 points pour un clignotant ?? t'es sur ? c'est pas 1 ?" after the offence's card: yes, those points,
    with the card's line (R4; tester T55 c17 got the same card again, no "oui"). None when the message doubts no count
    of points the card gave, or no card came before."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if len(text) > 90 or not _DOUBTED.search(text) or re.search(r"\bavant\b|\betait\b|\bdepuis\b", text):
        return None  # ("c'était pas 4 avant ?": the scale's history, _scale_asked's; T51 c15)
    line = next((line for line in _last_citing_turn(tracker).splitlines()
                 if _OFFENCE_POINTS_ANSWERED.search(line.lstrip("- "))), None)
    if line is None:
        return None
    answered = _OFFENCE_POINTS_ANSWERED.search(line).group("n")
    said = re.findall(r"\b(\d{1,2})\b", text)
    if answered not in said:
        return None
    other = next((figure for figure in said if figure != answered), None)
    return (f"Oui, c'est bien {answered} point{'s' if int(answered) > 1 else ''}"
            + (f", pas {other}" if other else "") + f" :\n{line}")


def balance_asked_back(tracker: Tracker) -> Optional[str]:
    """"ok donc il a 12 comme moi ?" after an answer that computed that balance: yes (or no) first, with that answer's
    line (R1; tester T55 c11 got the card on reading the balance on « Mes Points Permis »). None when the message asks
    no such thing or no balance was computed in the last turns."""
    asked = _BALANCE_ASKED_BACK.search(fold((tracker.latest_message or {}).get("text") or ""))
    if not asked:
        return None
    line = next((line for line in _lines_of_recent_turns(tracker, 3) if _BALANCE_ANSWERED.search(line)), None)
    if line is None:
        return None
    answered = int(_BALANCE_ANSWERED.search(line).group("n"))
    return (f"Oui, {answered} points" if answered == int(asked.group("n")) else
            f"Non, {answered} points d'après ce que vous m'avez dit") + f" :\n- {line}"


def back_without_doing_anything(tracker: Tracker) -> Optional[str]:
    """"et si je fais rien du tout, pas de stage rien, ils reviennent quand même ?" after an answer that gave the day
    the licence gets its points back: yes, by themselves, without a stage nor any step, if no new offence comes (R8–R10,
    L.223-6), with that answer's line (tester T55 c22 got "Sur ce point précis, je n'ai pas d'autre réponse"). None
    when the message asks no such thing or no such day was answered."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _DOING_NOTHING.search(text) or not _COME_BACK_ASKED.search(text) or re.search(r"\bquand\b(?!\s+meme)", text):
        return None  # ("sans stage, je récupère tout quand ?": the day, recovery_without_the_stage's)
    line = _line_of_last_turn(tracker, _FULL_RECOVERY_GIVEN)
    if line is None:
        return None
    return ("Oui : les points reviennent automatiquement, sans stage ni démarche de votre part, à condition de ne pas "
            f"commettre de nouvelle infraction avec retrait de points (article L.223-6 du Code de la route).\n- {line}")


def answer_in_context(tracker: Tracker) -> Optional[str]:
    """The reply to a short follow-up of the last answer, or None when the message is not one. To a yes/no question,
    without the notes that only say how it was counted (whichever action replies: an answer, the fallback, a
    correction; T12 c07). The same follow-up asked again at once gets a reminder of the reply (h24)."""
    replied = without_notes_of_no_bearing(tracker, _answer_in_context(tracker))
    replied = follow_up_reminder(tracker, replied) or replied
    return _and_its_next_follow_up(tracker, replied) if replied else replied


def _and_its_next_follow_up(tracker: Tracker, replied: str) -> str:
    """The reply to the first question of a message, then the reply to a follow-up of that reply which the message asks
    next: "et si j'en fais un en février 2027 il se passe quoi ? ya une amende ?" gets what that stage gives, then
    that it is not punished (R13; tester T49 c10 had to ask it again). A clause asking a question of its own is the
    other question's (actions.two_part); one that follows up nothing new adds nothing."""
    from actions.two_part import question_clauses, question_of  # (two_part reads this module)
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    clauses = question_clauses(text)
    if len(clauses) < 2:
        return replied
    def asking(clause: str, events: list) -> Tracker:
        """The conversation with `clause` as its latest message, after `events`."""
        entities = [{"entity": fact.entity, "value": fact.value, "start": fact.start, "end": fact.end,
                     **({"role": fact.role} if fact.role else {})} for fact in extract_facts(clause, today())]
        asked = {"event": "user", "text": clause, "parse_data": {"intent": message.get("intent") or {},
                                                                  "entities": entities}}
        return Tracker(sender_id=tracker.sender_id, slots=tracker.current_slot_values(),
                       latest_message={"text": clause, "intent": message.get("intent") or {}, "entities": entities},
                       events=[*events, asked], paused=False, followup_action=None, active_loop={},
                       latest_action_name="action_listen")

    users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
    before = tracker.events[:users[-1]] if users else list(tracker.events)
    alone = without_notes_of_no_bearing(tracker, _answer_in_context(asking(clauses[0], before)))
    if alone != replied:
        return replied  # (the reply read the whole message: "pourquoi 8 et pas 9 ? quel article ?" gets both at once)
    added = []
    for clause in clauses[1:]:
        if question_of(clause, text) is not None or (_ASKS_SOURCES.search(fold(clause)) and _CITATION.search(replied)):
            continue  # (another question's; or "quel article ?" after a reply citing its texts)
        world = asking(clause, [*tracker.events, {"event": "bot", "text": replied}])
        second = without_notes_of_no_bearing(world, _answer_in_context(world)) or ""
        # (without the lines the first reply gave: "Aucun point : …" said once)
        said = {line.strip().lstrip("-").strip() for part in (replied, *added) for line in part.splitlines()}
        second = "\n".join(line for line in second.splitlines() if line.strip().lstrip("-").strip() not in said).strip()
        if second:
            added.append(second)
    return "\n\n".join([replied, *added])


# "il compte pas du tout ?", "il sert à rien alors ?", "il vaut rien ?" (folded text): whether a stage counts
_STAGE_COUNTS_ASKED = re.compile(r"\b(?:compte|comptera|vaut|vaudra|sert|servira|valable)\b")
_STAGE_LATE_LINE = re.compile(r"^Le stage (?:s'est terminé|se terminera) le .*l'obligation n'est pas remplie à temps")
_STAGE_POINTS_LINE = re.compile(r"^Ce stage peut aussi vous rendre jusqu'à")


def late_stage_counts_asked(tracker: Tracker) -> Optional[str]:
    """"donc il compte pas du tout ?" after the answer that the stage ends after the 48N's deadline and may still give
    points: it does not meet the obligation (no refund), but counts as a voluntary stage, its points as that answer
    gave them (R12, R13, R15, R16; tester T40 c28 got the « Mes Points Permis » text). None otherwise."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if "?" not in text or not _STAGE_COUNTS_ASKED.search(text):
        return None
    late, points = _line_of_last_turn(tracker, _STAGE_LATE_LINE), _line_of_last_turn(tracker, _STAGE_POINTS_LINE)
    if late is None or points is None:
        return None
    return ("En partie : fini après la date limite, il ne vaut pas stage obligatoire pour la lettre 48N, mais il compte "
            f"comme un stage volontaire.\n- {points}\n- {late}")


# "c'est interdit ?", "je risque une amende ?", "y a une sanction ?" (folded text): whether something is punished
_PENALTY_ASKED = re.compile(r"\b(?:interdit\w*|autorise\w*|illegal\w*|le droit|amendes?|sanction\w*|punis?\w*|risque\w*"
                            r"|penalit\w*)\b")
_STAGE_TOO_EARLY_LINE = re.compile(r"^(?:- )?Aucun point : le stage précédent ayant rapporté des points")


def early_stage_penalty_asked(tracker: Tracker) -> Optional[str]:
    """"ok mais c'est interdit ? je risque une amende ?" after the answer that a stage within the year of the last one
    gives no points: it is allowed and punished by nothing, it just gives no points (R13; tester T48 c10 got "Quelle
    infraction ?"). None when the message names an offence or the last turn said no such thing."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if "?" not in text or len(text) > FOLLOW_UP_MAX_CHARS or not _PENALTY_ASKED.search(text) or any(
            e.get("entity") in ("offence_type", "speed_excess", "speed_measured", "alcohol_level")
            for e in message.get("entities", [])):
        return None
    early = _line_of_last_turn(tracker, _STAGE_TOO_EARLY_LINE)
    if early is None:
        return None
    return ("Non : faire un stage moins d'un an après le précédent n'est pas interdit et n'expose à aucune amende ; il "
            "ne vous rendra simplement aucun point (article L.223-6 du Code de la route).\n"
            f"- {early.lstrip('- ')}")


# "il doit le rendre avant quelle date exactement ?", "jusqu'à quand pour rendre le permis ?", "quel délai pour le
# rendre ?" (folded text): the day a licence invalidated is due at the préfecture (R19, R20)
_HAND_BACK_BY_ASKED = re.compile(
    r"\b(?:rendre|rend|rends|rapporter|restituer|deposer|remettre)\b[^?]*\b(?:avant quand|quelle date|quel jour|quand"
    r"|jusqu'?\s?a quand|delai|combien de (?:temps|jours))\b"
    r"|\b(?:avant quelle date|quelle date|jusqu'?\s?a quand|quel delai|combien de (?:temps|jours))\b[^?]*"
    r"\b(?:rendre|rend|rapporter|restituer|deposer|remettre)\b")
# "c'est sûr même si c'est moi qui ai signé et pas lui ?": the acknowledgement signed by someone else at the address
_SIGNED_BY_ANOTHER = re.compile(r"\b(?:moi|ma femme|mon mari|mon epouse|mon conjoint|ma mere|mon pere|quelqu'un|un voisin)"
                                r"\b[^?]{0,20}\bsign\w*|\bsign\w*\b[^?]{0,30}\bpas (?:lui|elle|moi)\b")


# what the invalidation's whole answer says besides: the new licence, the exams (folded text)
_ASKS_MORE_THAN_THE_HAND_BACK = re.compile(r"\b(?:repass\w*|ravoir|nouveau permis|examens?|code|conduite|recuper\w*)\b")


def hand_back_by_asked(tracker: Tracker) -> Optional[str]:
    """"il doit le rendre avant quelle date exactement ?" once a 48SI is notified and the licence is not handed back:
    the day, 10 days after the receipt (past: hand it back at once, a délit otherwise), from the invalidation's own
    decision (R19, R20; T32 c27 got the 48N's 4 months, the red light's fine, then the card without the day). With
    "même si c'est moi qui ai signé ?": the receipt is the day the acknowledgement was signed (R15 parameters, [I]).
    None otherwise."""
    from actions.answers import Facts, _waiting_without_hand_back, invalidation_told_without_hand_back
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _HAND_BACK_BY_ASKED.search(text) or _ASKS_MORE_THAN_THE_HAND_BACK.search(text) or \
            not any(event.get("event") == "bot" for event in tracker.events) or \
            not invalidation_told_without_hand_back(tracker):
        return None  # (asked with the rest, or first: the invalidation's whole answer, which has that day)
    facts = Facts(tracker)
    try:
        decision = _waiting_without_hand_back(facts)
    except rules_core.InconsistentFacts as error:
        from rules_core.wording_fr import render_error
        return render_error(error)
    due = next((r for r in decision.reasons if r.code == "invalidation.hand_back_by"), None)
    if due is None:
        return None
    lines = []
    received = due.data.get("received")
    if _SIGNED_BY_ANOTHER.search(text) and received is not None:
        lines.append(f"Oui : la lettre 48SI compte comme reçue le jour où l'accusé de réception a été signé à l'adresse "
                     f"du titulaire, même par un proche, ici le {format_long_fr(received)} (selon notre lecture).")
    lines.append(render_reason(due))
    return " ".join(lines)


# "le probatoire repart à zéro quand on fait une infraction ?", "la période probatoire recommence à zéro après une
# infraction, c'est vrai ?", "mon probatoire est prolongé ?" (folded text)
_PROBATION_RESTART_ASKED = re.compile(
    r"\bprobatoire\b[^?]{0,40}\b(?:repart\w*|recommenc\w*|prolong\w*|rallong\w*|remis\w* a zero|reinitialis\w*"
    r"|redemarr\w*)|\b(?:repart\w*|recommenc\w*|prolong\w*|rallong\w*)\b[^?]{0,30}\bprobatoire\b")
# another question asked with it, answered by its own action ("… Et si je fais un stage maintenant j'aurai combien ?")
_ASKS_A_COUNT = re.compile(r"\bcombien\b|\bcb\b|\bquand\b")


def probation_restart_asked(tracker: Tracker) -> Optional[str]:
    """"le probatoire repart à zéro après une infraction, c'est vrai ?": no, an offence neither restarts nor extends
    the probation, it stops its yearly increments (R7, CE avis Bizet 2013; tester T35/T36 c07 asked three times and got
    the answer before, then "je n'ai pas d'autre réponse"). With the probation's end when an answer gave it. None when
    the message asks no such thing, or asks a count besides (its own action answers)."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _PROBATION_RESTART_ASKED.search(text) or _ASKS_A_COUNT.search(text):
        return None
    bizet = rules_core.load_params().references["CE-366865"].text
    said = next((found.group(0) for event in reversed(tracker.events) if event.get("event") == "bot"
                 for found in [_PROBATION_END_SAID.search(event.get("text") or "")] if found), None)
    return ("Non : une infraction ne fait ni repartir à zéro ni prolonger la période probatoire ; elle arrête seulement "
            f"les majorations annuelles du plafond jusqu'à la fin de cette période ({bizet})."
            + (f" {said}." if said else ""))


# "pourquoi sa formation complémentaire ne réduit plus la période probatoire ?", "la formation qu'il a faite, elle sert
# à rien du coup ?" (folded text): the training named, and why it does not (or no longer) shorten the probation asked
_TRAINING_NAMED = re.compile(r"\bformation\b|\bpost[\s-]?permis\b")
_ASKS_WHY_NOT_SHORTENED = re.compile(r"\b(?:pourquoi|pk|pq|pkoi)\b|\bsert\b[^?.!]{0,10}\b(?:rien|quoi)\b"
                                     r"|\b(?:reduit|raccourcit|compte|sert|marche|joue)\s+(?:pas|plus)\b")


def training_reduction_asked(tracker: Tracker) -> Optional[str]:
    """"pourquoi sa formation complémentaire ne réduit plus la période probatoire ?" with a licence, its training and
    an offence known: R6, with the user's dates: the training shortens the probation (3 years to 2, 2 years to 18
    months with the AAC) only if no offence with a retrait is committed before the shortened end; the offence told
    cancelled it, and the probation keeps its normal length (the date it would have ended, the date it ends). Tester
    T42 c12 got "je n'ai pas d'autre réponse", then "je vous ai déjà donné cette réponse". None when the message does
    not ask that, or the facts do not give the plan."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not (_TRAINING_NAMED.search(text) and _ASKS_WHY_NOT_SHORTENED.search(text)) or previous_answer(tracker) is None:
        return None  # (a question on the answer given: not the first message, which tells the training)
    from actions.slot_values import partial_date_or_none
    from rules_core.capital import probation_plan
    from rules_core.model import Offence
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    training = partial_date_or_none(tracker.get_slot("training_date"))
    committed = partial_date_or_none(tracker.get_slot("offence_date")) or \
        partial_date_or_none(tracker.get_slot("fine_payment_date"))
    if licence is None or training is None or committed is None or \
            tracker.get_slot("complementary_training") is False:
        return None
    aac = tracker.get_slot("supervised_driving") is True
    points = tracker.get_slot("last_offence_points")
    offence = Offence(commission=committed.earliest(), points=int(points) if isinstance(points, (int, float)) and
                      points > 0 else 1, offence_class=str(tracker.get_slot("offence_class") or "c4"))
    try:
        plan = probation_plan(licence_date=licence.earliest(), aac=aac, training_date=training.latest(),
                              offences=[offence])
    except rules_core.InconsistentFacts:
        return None
    if plan is None or plan.reduction != "lost":
        return None
    return (f"La réduction liée à la formation complémentaire est perdue, à cause de l'infraction du "
            f"{format_long_fr(offence.commission)}, commise avant la fin de la période réduite : la formation ne "
            "raccourcit la période probatoire (de 3 à 2 ans, ou de 2 ans à 18 "
            "mois en conduite accompagnée) que si aucune infraction avec retrait de points n'est commise pendant ce "
            "temps, ni aucune mesure de suspension ou de restriction n'est prise (article L.223-1 du Code de la route)."
            f"\n- Sans cette infraction, la période probatoire se serait terminée le {format_long_fr(plan.reduced_end)}"
            f" ; elle reprend sa durée normale et se termine le {format_long_fr(plan.normal_end)}, sans être prolongée "
            "au-delà (article R.223-1 du Code de la route ; selon notre lecture).")


# the probation's end an answer gave: "Votre permis est probatoire jusqu'au 30 juin 2028", "Votre période probatoire est
# terminée depuis le 1er décembre 2026"
_PROBATION_END_SAID = re.compile(r"(?:(?:Votre|Son) permis est probatoire jusqu'au|(?:La|Votre|Sa) période probatoire "
                                 r"(?:a pris fin|est terminée depuis|s'est terminée|se termine)(?: le)?) "
                                 r"\d{1,2}(?:er)? \w+ \d{4}")


# the retrait an answer stated: "Stupéfiants et alcool réunis : retrait de 9 points (délit)", "… retire 4 points"
_RETRAIT_STATED = re.compile(r"\b(?:retrait de|retire|retirent|retirera|vous perdez|perd) (\d{1,2}) points\b")
# what the user heard as the most: "pas plus de 6 points d'un coup", "8 max", "c'est pas 8 points maximum ?" (folded)
_A_MOST_SAID = re.compile(r"\b(?:pas|jamais) plus de (\d{1,2})\b|\b(\d{1,2})\s*(?:points?|pts?)?\s*(?:max\w*|au plus)\b"
                          r"|\b(?:max\w*|au plus|plafon\w*)\s*(?:de\s*|a\s*|:\s*)?(\d{1,2})\b")


def retrait_beyond_a_cap_doubted(tracker: Tracker) -> Optional[str]:
    """"vous êtes sûr ? on m'a dit qu'on pouvait pas perdre plus de 6 points d'un coup, 8 max. c'est quel article les
    9 points ?" after an answer that withdrew more than the most the user heard of: yes or no to that count as the
    most one event can cost (6 for one offence, 8 for offences found together, L.223-2; 9 for drugs with alcohol
    since 11 July 2025, loi 2025-622, L.235-1), its texts cited (R3; tester T36 t33c11 got a bare list of sources).
    None when the message names no such most, or the last answer stated no retrait above it."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    heard = [int(next(g for g in found.groups() if g)) for found in _A_MOST_SAID.finditer(text)]
    if not heard or previous_answer(tracker) is None:
        return None
    stated = _RETRAIT_STATED.search(_last_citing_turn(tracker))
    if not stated or int(stated.group(1)) <= max(heard):
        return None
    from rules_core.wording_fr import render  # (as the answers render a decision)
    points = int(stated.group(1))
    decision = rules_core.most_points_at_once(today=today(), asked=points)
    answer = render(decision)
    if not re.search(r"\barticles?\b|\btextes?\b|\bloi\b", text):
        return answer
    # "c'est quel article les 9 points ?": the texts in full, the count's and the cap's ("loi n° 2025-622 … (article
    # L.235-1 du Code de la route)", which the answer's citation shortens)
    reasons = {reason.code: reason for reason in decision.reasons}
    lead = [ref.text for ref in decision.reasons[0].refs]
    cap = [ref.text for ref in reasons["retrait.simultaneous_cap"].refs if ref.text not in lead]
    said = f"- Les textes : pour les {points} points, " + " et ".join(lead or cap)
    if lead and cap:
        said += f" ; pour le plafond de {decision.results['cap']} points, " + " et ".join(cap)
    return f"{answer}\n{said}.\n{LEGIFRANCE_NOTE}"


# the 48N's deadline an answer gave: "après la date limite du 10 février 2027", "avant la date limite du 14 février
# 2027", "au plus tard le 10 février 2027 (4 mois après la réception de la lettre 48N"
_48N_DEADLINE_SAID = re.compile(r"date limite du (\d\w* \w+ \d{4})|au plus tard le (\d\w* \w+ \d{4}) \(\d+ mois apr[eè]s "
                                r"la r[ée]ception de la lettre 48N")
_ASKS_WHY = re.compile(r"\bpourquoi\b|\bd'\s?ou (?:sort|vient)\w*\b|\bcomment ca\b")


def _dates_said(tracker: Tracker) -> List[dict]:
    return [e for e in (tracker.latest_message or {}).get("entities") or [] if e.get("entity") == "date"]


def why_the_48n_deadline(tracker: Tracker) -> Optional[str]:
    """"et pourquoi le 10 février ?" (maybe with a correction: "j'ai signé l'accusé de réception le 14 octobre en fait")
    after an answer that gave the 48N's deadline: that day is the end of the months the stage must be done in, counted
    from the letter's receipt (R15, R.223-4), with the receipt day it was counted from (tester T42 c03 got the
    recalculation, never the why). None when the message asks no why of a day, or of another day than that deadline."""
    from actions.forms import last_value_before_message  # (forms read this module)
    from actions.slot_values import partial_date_or_none
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    why = _ASKS_WHY.search(text)
    if not why or previous_answer(tracker) is None:
        return None
    found = _48N_DEADLINE_SAID.search("\n".join(_last_turn_texts(tracker)))
    deadline = long_date(next(g for g in found.groups() if g)) if found else None
    if deadline is None:
        return None
    # the day asked: a date said after the "pourquoi", its day and month those of the deadline
    asked = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == "date"
             and (e.get("start") or 0) >= why.start() and isinstance(e.get("value"), str)]
    if not asked or asked[0][5:] != deadline.isoformat()[5:]:
        return None
    delay = rules_core.load_params().at(deadline).value("letter_48n.deadline")
    received = partial_date_or_none(last_value_before_message("letter_48n_date", tracker))
    since = f", le {format_long_fr(received.earliest())}" if received is not None and received.day else ""
    return (f"Le {format_long_fr(deadline)} est la date limite du stage obligatoire : il doit être suivi dans les "
            f"{_duration_fr(delay)} qui suivent la réception de la lettre 48N{since} (article R.223-4 du Code de la "
            "route). C'est la date de réception, celle de l'accusé de réception, qui compte, pas celle de l'envoi.")


# the 10 years' return an answer dated (rules_core.wording_fr, recovery.ten_year, to come): "Au plus tard, les 3 points
# retirés pour l'infraction payée le 10 décembre 2016 reviennent le 10 décembre 2026 (règle des 10 ans)"
_TEN_YEAR_RETURN_GIVEN = re.compile(r"(?:les (?P<points>\d{1,2}) points retirés|le point retiré) pour l'infraction payée "
                                    r"le (?P<paid>\d\w* \w+ \d{4}) (?:reviennent|revient) le (?P<back>\d\w* \w+ \d{4}) "
                                    r"\(règle des 10 ans\)")
# the balance told with the question: "j'en ai 5", "il me reste 5", "je passe de 5 à 8" (folded)
_BALANCE_NOW_TOLD = re.compile(r"\b(?:j'?\s?en ai|il m'?\s?en reste|il me reste|j'ai|je suis a|passe\w* de) (\d{1,2})\b")
_TEN_YEARS_NAMED = re.compile(r"\b(?:10|dix) ans\b")


def ten_year_return_on_its_day(tracker: Tracker) -> Optional[str]:
    """"donc le 10 décembre j'aurai 3 points de plus ? j'en ai 5", "je demande si le 10 décembre je passe de 5 à 8
    points avec la règle des 10 ans" after an answer that dated the return of an offence's points by the 10 years'
    rule (R10, L.223-6): yes, those points come back that day, the balance told plus those points, within the maximum
    (R1), unless the licence is invalidated by then (tester T41 c23 was asked the licence's date and a stage's, then
    "je n'ai pas bien compris"). None when no answer dated such a return, or the message names another day, or
    neither the day nor the 10 years, or no points."""
    message = tracker.latest_message or {}
    raw = message.get("text") or ""
    text = fold(raw)
    if previous_answer(tracker) is None or "?" not in raw and not _TEN_YEARS_NAMED.search(text) or \
            any(e.get("entity") in NEW_SUBJECT_ENTITIES for e in message.get("entities") or []):
        return None
    given = next((found for event in reversed(tracker.events) if event.get("event") == "bot"
                  for found in [_TEN_YEAR_RETURN_GIVEN.search(event.get("text") or "")] if found), None)
    back = long_date(given["back"]) if given else None
    if back is None or back <= today():
        return None
    days = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == "date"]
    # (a day said without its year may be read in another year: its day and month are what names it)
    if any(not isinstance(day, str) or day[5:] not in (back.isoformat()[5:], back.isoformat()[5:7]) for day in days) \
            or not days and not _TEN_YEARS_NAMED.search(text):
        return None
    numbers = [e for e in message.get("entities") or [] if e.get("entity") in ("points", "number")]
    if not numbers:
        return None
    points = int(given["points"] or 1)
    told = next((e.get("value") for e in numbers if e.get("role") == "balance"), None)
    found = _BALANCE_NOW_TOLD.search(text)
    balance = told if isinstance(told, int) else int(found.group(1)) if found else None
    most = rules_core.load_params().at(back).value("capital.max")
    lead = (f"Oui : le {given['back']}, {'les ' + points_fr(points) + ' retirés' if points > 1 else 'le point retiré'} "
            f"pour l'infraction payée le {given['paid']} vous {'reviennent' if points > 1 else 'revient'} par la règle "
            "des 10 ans")
    if balance is None or not 0 < balance <= most:
        said = f"{lead} (article L.223-6 du Code de la route)."
    else:
        after = min(balance + points, most)
        capped = f", sans dépasser le maximum de {most} points" if balance + points > most else ""
        # ("je passe de 11 à 14 ?": the count the user made is not the one reached, the maximum held back the rest)
        expected = [e.get("value") for e in numbers if e.get("value") not in (balance, points)]
        if expected and after not in expected:
            lead = "En partie" + lead[len("Oui"):]
        said = (f"{lead} : avec {points_fr(balance)} aujourd'hui, vous passerez à {points_fr(after)}{capped} (article "
                "L.223-6 du Code de la route).")
    return (f"{said}\n- À condition que votre permis ne soit pas invalidé (solde à 0) d'ici là ; un retrait entre-temps "
            "se déduirait de ce solde.")


# a count asked the why or the text of: "pourquoi 8 et pas 9 ?", "d'où sortent ces 8 ?", "c'est quel article ?", "ça
# devrait pas être 9 ?" (folded)
_ASKS_WHY_THE_COUNT = re.compile(r"\bpourquoi\b|\bcomment ca\b|\bd'\s?ou\b|\bexpliqu\w*|\barticles?\b|\btextes?\b"
                                 r"|\bloi\b|\bet pas\b|\bau lieu\b|\bpas plutot\b|\bdevrai\w* (?:pas )?etre\b")
# the withdrawal an answer stated: "8 points vous ont été retirés", "retrait de 8 points", "lui ont été retirés"
_WITHDRAWAL_STATED = re.compile(r"\b(\d{1,2}) points (?:vous|lui|leur) ont ete retires\b"
                                r"|\b(?:retrait de|retire|retirent|retirera) (\d{1,2}) points\b")


def capped_retrait_explained(tracker: Tracker) -> Optional[str]:
    """"pourquoi 8 et pas 9 ? c'est quel article ?" after an answer that withdrew the points of offences told as found
    at one check: the rule that made the count, the retraits added then capped at 8 for offences committed at one
    time (R3; L.223-2, R.223-2), each offence with its points, its articles named (tester T42 c24 got the list of the
    texts of the balance, L.223-1 and L.223-6, and no why). None when the message names neither the count withdrawn
    nor the sum of the offences, asks no why nor text, or the offences told were not capped."""
    from actions.offence_history import own_offences_decision  # (it reads the answers, which read this module)
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if not _ASKS_WHY_THE_COUNT.search(text) or previous_answer(tracker) is None:
        return None
    stated = [int(next(g for g in found.groups() if g)) for found in
              _WITHDRAWAL_STATED.finditer(fold(_last_citing_turn(tracker)))]
    decision = own_offences_decision(tracker) if stated else None
    if decision is None or decision.outcome != "capped" or decision.results.get("points") not in stated:
        return None
    counts = {decision.results["points"], decision.results["total_before_cap"]}
    said = {int(n) for n in re.findall(r"\b\d{1,2}\b", text)}
    if not counts & said and not _ASKS_SOURCES.search(text):
        return None
    capped = next(reason for reason in decision.reasons if reason.code == "simultaneous.capped")
    texts = " et ".join(dict.fromkeys(ref.text for ref in capped.refs))
    total, points = decision.results["total_before_cap"], decision.results["points"]
    each = " ; ".join(f"{row['label_fr']}" + (f" de {row['excess_kmh']} km/h" if row.get("excess_kmh") else "") +
                      f" : {points_fr(row['points'])}" for row in decision.results["offences"])
    return (f"Parce que vos infractions ont été constatées en même temps : leurs retraits s'additionnent "
            f"({total} points) mais le total est plafonné à {points} points, les deux tiers du maximum du permis "
            f"({texts}).\n- {each[0].upper()}{each[1:]}.\n"
            "- Des infractions commises à des jours différents retireraient chacune tous leurs points, sans ce "
            f"plafond.\n{LEGIFRANCE_NOTE}")


# "j'ai payé l'amende majorée 375 €", "la majorée je l'ai réglée" (folded; not "pas payé", "jamais réglée")
_MAJOREE_PAID_TOLD = re.compile(r"\b(?:paye|payee|regle|reglee)\b[^.?!]{0,30}\bmajor(?:ee|e|ation)\b"
                                r"|\bmajor(?:ee|e)\b[^.?!]{0,30}\b(?:payee?|reglee?)\b")
_NOT_PAID_TOLD = re.compile(r"\b(?:pas|jamais|rien)\s+(?:encore\s+)?(?:paye|payee|regle|reglee|payer|regler)\b|\bimpayee?\b")


def refund_of_the_majoree_paid(tracker: Tracker) -> Optional[str]:
    """"j'ai payé l'amende majorée 375 €, je récupère tout ?" right after a refund answer (R16): the money asked
    about, not the points (an automatic recovery's question and its "Combien de points…"): the refund answer again,
    the fine paid, in principle without its majoration [S/U] (tester T37 c24 was asked the points, then told "l'amende
    n'a pas été payée"). None otherwise."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if previous_answer(tracker) != "action_answer_refund_48n" or not _MAJOREE_PAID_TOLD.search(text) \
            or _NOT_PAID_TOLD.search(text):
        return None
    from actions.answers import ActionAnswerRefund48n, Facts  # (answers reads this module)
    facts = Facts(tracker)
    try:
        decision = ActionAnswerRefund48n().decide(facts, today())
    except (rules_core.InconsistentFacts, InvalidAnswer):
        return None
    if decision is None or decision.question != "fine_refund_48n":
        return None
    return "\n\n".join([facts.said_by_month(render(decision)), *dict.fromkeys(facts.notes)])


# "donc en gros mon permis est foutu ?", "c'est fichu pour mon permis ?", "il est perdu ?", "c'est trop tard ?",
# "elle est grillée ?" (folded text): whether all is lost; not "j'ai perdu 4 points"
LICENCE_LOST_ASKED = re.compile(r"\b(?:permis|c'?\s?est|il est|elle est|je suis)\b[^?.!]{0,25}\b(?:foutu|fichu|cuit|mort"
                                r"|fini|perdu|grille|termine|trop tard|rate)\b(?![^?.!]{0,20}\bpoints?\b)")
# the balance at 0 or below an answer gave: "Votre solde calculé est de -1", "(solde calculé : -1)", "passera de -1 à"
_BALANCE_NOT_ABOVE_ZERO_SAID = re.compile(r"solde calculé (?:est de |: )(-?\d+)|passera de (-\d+|0) à")
# the first day a stage gives points again, as an answer said it ("ne rendra des points qu'à partir du 9 février 2027")
_POINTS_AGAIN_FROM_SAID = re.compile(r"(?:rendra (?:des|de nouveau des) points|n'en donne) qu'à partir du "
                                     r"(\d{1,2}(?:er)? \w+ \d{4})")
_INVALIDATED_SAID = re.compile(r"La lettre 48SI a été notifiée le [^:]+: le permis est invalidé[^\n]*")


def licence_lost_asked(tracker: Tracker) -> Optional[str]:
    """"donc en gros mon permis est foutu ?" after an answer that gave a balance at 0 or below: that question answered
    plainly first (R18, R20): lost once the 48SI is notified; before it, saved only by a stage ended before that
    notification (from the day a stage gives points again, R13) if the balance plus its 4 points is at least 1; else
    lost (tester T43 c12 got the previous answer word for word). None otherwise."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if "?" not in text or not LICENCE_LOST_ASKED.search(text):
        return None
    said = "\n".join(_last_turn_texts(tracker))
    invalidated = _INVALIDATED_SAID.search(said)
    if invalidated:
        return f"Oui : {invalidated.group(0)[0].lower()}{invalidated.group(0)[1:]}"
    found = _BALANCE_NOT_ABOVE_ZERO_SAID.search(said)
    if found is None:
        return None
    balance = int(next(group for group in found.groups() if group is not None))
    if balance > 0:
        return None
    gain = rules_core.load_params().at(today()).value("stage.max_gain")
    if balance + gain < 1:
        return (f"Oui, très probablement : votre solde calculé est de {balance}, et même les {gain} points d'un stage ne le "
                "remonteraient pas au-dessus de 0. La lettre 48SI suivra ; le permis reste valable jusqu'à sa "
                "notification (articles L.223-1 et L.223-6 du Code de la route).")
    again = _POINTS_AGAIN_FROM_SAID.search(said)
    stage = f"un stage commencé à partir du {again.group(1)} et terminé" if again else "un stage terminé"
    return (f"Pas encore, mais il ne tient qu'à un stage : votre solde calculé est de {balance}, et le permis reste "
            f"valable tant que la lettre 48SI ne vous a pas été notifiée. {stage[0].upper()}{stage[1:]} avant cette "
            f"notification le sauve (solde {balance + gain} point{'s' if balance + gain > 1 else ''}) ; si la 48SI "
            "vous est notifiée avant la fin du stage, le permis est perdu (article L.223-6 du Code de la route ; "
            "Conseil d'État, 29 septembre 2023, n° 461479).")


#: the probation supposed, not asked about: "si je ne suis plus en probatoire", "s'il est encore probatoire"
_ASKS_MORE_THAN_PROBATION = re.compile(r"\bet si\b|\bsi demain\b|\bcombien\b|\brecommande\b"
                                       r"|\blettre\b|\b48\s?(?:n|si)\b|\bstage\b|\brisqu\w*|\bamende\b")
_PROBATION_SUPPOSED = re.compile(r"\bs(?:i\s+|')(?:je|il|elle|on|tu|vous)\s+(?:ne\s+|n'\s?)?(?:suis|est|es|etes)\b")


def _answer_in_context(tracker: Tracker) -> Optional[str]:
    from actions import informational  # (informational reads this module)
    message = tracker.latest_message or {}
    if informational.hands_free_kit_asked(message.get("text"), message.get("entities"), phone_in_context=(
            tracker.get_slot("offence_type") == "phone" or "R.412-6-1" in _last_bot_text(tracker))):
        # "je parle du kit intégré à la voiture, sans rien dans l'oreille" after the phone's card: not R.412-6-1's
        # offence (R4; T58 c09 got "Quelle est votre question ?")
        return informational.HANDS_FREE_KIT
    restart = probation_restart_asked(tracker) or balance_once_withdrawn(tracker) or \
        training_reduction_asked(tracker) or \
        three_years_doubted(tracker)  # "pourquoi 3 ans et pas 2 ?" after a recovery in 3 years (R9; T50 c04, T51 c08)
    if restart:
        return restart
    from actions.answers import probation_over_answer  # (answers reads this module)
    # "je suis encore en permis probatoire ou pas ?" after an answer, the licence over it (T61 c29); not "la 48N ça
    # s'applique si je ne suis plus en probatoire ?", whose question is the 48N, nor a message that asks more ("et si
    # demain je me fais flasher…, je suis encore en probatoire ? ça fait combien ?", "…et le recommandé c'était quoi ?")
    said = fold((tracker.latest_message or {}).get("text") or "")
    over = probation_over_answer(tracker) if previous_answer(tracker) and not _PROBATION_SUPPOSED.search(said) and \
        not _ASKS_MORE_THAN_PROBATION.search(said) else None
    if over:
        return over
    from actions.informational import missed_48n_stage_answer
    missed = missed_48n_stage_answer(tracker)  # "je risque quoi si je ne fais pas le stage 48N ?" (R15; T61 c06)
    if missed:
        return missed
    lost = licence_lost_asked(tracker)  # "donc en gros mon permis est foutu ?" after a balance at 0 or below (T43 c12)
    if lost:
        return lost
    # "pourquoi le stage doit être fini avant la lettre ? et je peux le faire dès maintenant ?" after a stage can save
    # the licence until the 48SI, however long: the why, and when (R13, R18; T58 c27 got the offence's card again)
    before_48si = why_the_stage_before_48si(tracker)
    if before_48si:
        return before_48si
    late = late_stage_counts_asked(tracker)  # "donc il compte pas du tout ?" after a stage too late for the 48N (T40 c28)
    if late:
        return late
    early = early_stage_penalty_asked(tracker)  # "c'est interdit ? je risque une amende ?" after a stage too early
    if early:
        return early
    registration = code_registration_asked(tracker)  # "et pour le code je dois m'inscrire dans quel délai ?" (T58 c12)
    if registration:
        return registration
    exams = exams_asked_at_length(tracker)  # "d'accord, merci. Donc je peux déjà m'inscrire au code maintenant, pendant
    if exams:                               # les 6 mois ?" after an invalidation (R20; T49 c07)
        return exams
    beyond = retrait_beyond_a_cap_doubted(tracker)  # "pas plus de 6 points d'un coup, 8 max. quel article les 9 ?" (R3)
    if beyond:
        return beyond
    capped = capped_retrait_explained(tracker)  # "pourquoi 8 et pas 9 ? quel article ?" after offences of one check (R3)
    if capped:
        return capped
    more_time = deadline_extension_asked(tracker)  # "un certificat médical, plus de temps ?" after the deadline (T50 c29)
    if more_time:
        return more_time
    deadline = why_the_48n_deadline(tracker) if len(_dates_said(tracker)) == 1 else None
    if deadline:  # "pourquoi le 10 février ?" after the 48N's deadline (R15); with a correction, the correction's
        return deadline
    ten_years = ten_year_return_on_its_day(tracker)  # "donc le 10 décembre j'aurai 3 points de plus ? j'en ai 5" (R10)
    if ten_years:
        return ten_years
    from actions.letter_48n_due import letter_48n_awaited_steps, letter_48n_due_answer
    awaited = letter_48n_awaited_steps(tracker)  # "il l'a jamais reçue, il doit faire quoi ?" after it (T43 c02)
    if awaited:
        return awaited
    due = letter_48n_due_answer(tracker)  # "pas reçu de 48N, c'est normal ?", "une 48N depuis 1970, c'est une erreur ?"
    if due:
        return due
    if no_48si_yet_told(tracker):  # "non j'ai rien reçu en recommandé" after the card of 0 points (T41 c14, T44 c07)
        steps = zero_balance_steps(tracker)
        if steps:
            return steps
    refund_days = refund_request_days_doubted(tracker)  # "t'es sûr pour les 15 jours ?" after a refund (R16; T54 c30)
    if refund_days:
        return refund_days
    worth = stage_worth_it(tracker)  # "ça vaut le coup ou pas ? 1 point pour 250 balles" (R8, R13; T54 c27)
    if worth:
        return worth
    right = who_is_right(tracker)  # "ma femme dit mars 2028, mon fils plus tard : qui a raison ?" (R9; T55 c20)
    if right:
        return right
    doubted = figure_doubted(tracker)  # "vous êtes sûr ? il devait avoir 10 points non ?" (T31 a04): yes or no first
    named = article_of_the_rule_named(tracker)  # "c'est quel article le délai d'un an ?" (T33 c24)
    if named:
        return "\n\n".join(reply for reply in (doubted, named) if reply)
    sources = sources_asked(tracker)  # "sur quel article exactement ?" (T28 c27), before any reading of its offence
    if doubted or sources:
        return "\n\n".join(reply for reply in (doubted, sources) if reply)
    hand_back = hand_back_by_asked(tracker)  # "il doit le rendre avant quelle date exactement ?" after a 48SI (T32 c27)
    if hand_back:
        return hand_back
    majoree = refund_of_the_majoree_paid(tracker)  # "j'ai payé l'amende majorée 375 €, je récupère tout ?" (T37 c24)
    if majoree:
        return majoree
    from actions.rule_history import single_point_delay_history
    history = single_point_delay_history(tracker, "\n".join(_last_turn_texts(tracker)))  # "vous êtes sûr que c'est pas 1 an ?" (R8)
    if history:
        return history
    law = invalidation_law_answer(tracker)  # "oui ou non pour la conduite accompagnée ??" after an invalidation (T15 c40)
    if law:
        return law
    from actions.answers import supposed_48si_answer  # (answers reads this module)
    supposed = supposed_48si_answer(tracker)  # "et si la 48SI arrive le 4 décembre, avant le stage ?" (R18; T20 c13)
    if supposed:
        return supposed
    passenger = passenger_after_drivers_seatbelt(tracker)  # "et si c'est mon passager qui l'avait pas ?" (T23 c19)
    if passenger:
        return passenger
    without = recovery_without_the_stage(tracker)  # "et si elle fait pas le stage, elle revient à 12 quand ?" (T20 c17)
    if without:
        return without
    confirmed = offence_points_doubted(tracker)  # "serieux 3 points pour un clignotant ?? t'es sur ?" (T55 c17)
    if confirmed:
        return confirmed
    asked_back = balance_asked_back(tracker)  # "ok donc il a 12 comme moi ?" after that balance (T55 c11)
    if asked_back:
        return asked_back
    nothing = back_without_doing_anything(tracker)  # "et si je fais rien du tout, ils reviennent quand même ?" (T55 c22)
    if nothing:
        return nothing
    moved = stage_leaves_the_full_recovery(tracker)  # (before the what-ifs: "et si je fais un stage, ça change…")
    if moved:
        return moved
    balance = balance_asked_without_a_stage(tracker)  # "j'ai pas parlé de stage, il m'en reste combien ?" (T15 c13)
    if balance:
        return balance
    counted = year_between_stages(tracker)  # "le centre dit 1 an et 1 jour, aujourd'hui ou demain ?" (R13)
    if counted:
        return counted
    counted = stage_booking_asked(tracker)  # "donc je m'inscris à celui du 2-3 ou pas ??" (R13; T36 t32c06)
    if counted:
        return counted
    dated = day_asked_about_the_answer(tracker)  # "et au 15 janvier j'en aurai combien ?": before the what-ifs too
    if dated:
        return dated
    # "je demande si avec 0,6 g/l c'est un délit" (the figures told): no what-if (T13 c12); however long the message
    asked_back = offence_asked_back(tracker)  # "et le feu rouge alors ? ça compte pas ?" after a balance told before
    if asked_back:
        return asked_back
    about_the_offence = court_asked_after_offence(tracker) or recovery_asked_after_offence(tracker) or \
        measured_speed_after_speeding(tracker) or total_asked_after_offences(tracker)
    if about_the_offence:
        return about_the_offence
    from actions.answers import file_balance_doubted, own_count_against_the_file  # (the answers read this module)
    doubted = six_months_doubted(tracker) or single_point_blocked_asked(tracker) or invalidation_doubted(tracker) or why_no_increment(tracker) or \
        probation_increment_asked(tracker) or \
        file_balance_doubted(tracker) or \
        own_count_against_the_file(tracker)  # "pourquoi le site affiche 4 et pas 5 ?" (R1; T32 c25, T37 c32)
    if doubted:  # (however long, an offence or the rule of the answer named: T26 c12, T27 c07, c10)
        return doubted
    combined = recovery_delay_with_an_earlier_offence(tracker)  # "et si j'avais déjà un feu rouge…, toujours 2 ans ?"
    if combined:
        return combined
    order = stage_or_fine_first(tracker)  # "elle doit faire un stage avant de payer ??" (R12, R18; T26 c24)
    if order:
        return order
    from actions.what_if import offence_in_probation_told, what_if_answer  # (what_if computes with the answers)
    in_probation = offence_in_probation_told(tracker)  # "et elle est en probatoire, ça fait une 48N ?" (R7, R15)
    if in_probation:
        return in_probation
    hypothetical = what_if_answer(tracker)  # "et si je me fais reprendre en janvier ?": first, it may name an offence
    if hypothetical:
        return hypothetical
    objected = objection_to_the_answer(tracker)  # "t'es sûr ? mon pote m'a dit que…", "vraiment ?" (T49 c28)
    if objected:
        return objected
    scale = _scale_asked(tracker)  # "c'était pas 4 avant ?", "le piéton !! c'est depuis quand ?" (R4; T51 c15)
    if scale:
        return scale
    message = tracker.latest_message or {}
    text = _follow_up_question(message)
    if not text:
        return None
    named = [entity for entity in message.get("entities", []) if entity.get("entity") in NEW_SUBJECT_ENTITIES]
    if named and not (_ASKS_FINE.search(text) and all(
            entity.get("entity") == "offence_type" and entity.get("value") in _WITHOUT_LICENCE_WAYS for entity in named)):
        # "et pour un feu rouge, ça coûte combien ?": a new offence, its own question; not "et l'amende c'est combien à
        # vélo ?" after a cyclist's answer, the fine of the offence told (R21 example 1; tester T19 c32)
        return None
    previous = previous_answer(tracker)
    if previous is None:
        # "c'est pas plafonné à 8 ?" alone: R3's cap in general (h29)
        return cap_asked_alone(tracker)
    if message.get("entities") and _form_asked_since_answer(tracker):
        return None  # "j'ai payé l'amende le 3 novembre" to the form's question: a reply, not "et l'amende ?" (T3 c01)
    for answers, asks, may_name_topic, reply in FOLLOW_UPS:
        if (previous in answers or answers == ANY_ANSWER) and asks.search(text) and \
                (may_name_topic or not _NAMES_A_TOPIC.search(text)):
            replied = reply(tracker)
            if replied:  # (a follow-up whose answer has no such line leaves the message to the next reading)
                return replied
    return None


# "sur quel article ?", "c'est quelle loi ?", "vos sources ?", "pas une fiche service public, un article du code"
# (tester T28 c27 got the offence's card again): the texts the last answer rests on, as it cited them
_ASKS_SOURCES = re.compile(r"\b(?:quel(?:le)?s?|sur quoi|dans quel(?:le)?s?)\s+(?:article|texte|loi|code|decret|source"
                           r"|reference)s?\b|\b(?:vos|tes|ta|votre|ses|sa)\s+(?:source|reference)s?\b"
                           r"|\b(?:un|l'|les?)\s?articles? (?:du code|de loi|exact)")
# a citation of an answer: "(article R.415-6 du Code de la route)", "(service-public.fr, fiche F1685 …)", without the
# qualifier after ";" ("selon notre lecture")
_CITATION = re.compile(r"\(((?:articles? |service-public\.fr|Conseil d'État|décret|arrêté|loi )[^;()]*)")
LEGIFRANCE_NOTE = "Le Code de la route se consulte gratuitement sur Légifrance (legifrance.gouv.fr)."


def sources_asked(tracker: Tracker) -> Optional[str]:
    """"sur quel article exactement pour le stop ?" after an answer: first the article of what was asked, said with
    what it provides (the offence's article, R4; the recovery's, L.223-6, R8–R10; the stage's, L.223-6 and R.223-8,
    R12–R13), then the other texts the answer cited; the Code's articles alone when the user asks an article of the
    code or refuses a service-public card (T31 a27 got "Service-public.fr, fiche F1685" listed again, and no
    sentence naming R.415-6). The list of the texts cited when the question names nothing. However long the message
    (it may name the offence the answer spoke of; another offence is its own question). None when the message asks
    no source or no answer cited one."""
    message = tracker.latest_message or {}
    said = fold(message.get("text") or "")
    if not _ASKS_SOURCES.search(said) or previous_answer(tracker) is None:
        return None
    named = {entity.get("value") for entity in message.get("entities", []) if entity.get("entity") == "offence_type"}
    answered = [kind for kind, _ in _offences_of_the_answer(tracker)]
    if named - set(answered):
        return None
    cited = list(dict.fromkeys(found.strip() for found in _CITATION.findall(_last_citing_turn(tracker))))
    if not cited:
        return None
    ordered = [c for c in cited if c.startswith("article")] + [c for c in cited if not c.startswith("article")]
    if _CODE_ONLY.search(said):
        ordered = [c for c in ordered if c.startswith("article")]
    asking = sentence_asking_an_article(said)
    lead = _article_asked(asking, answered, cited) if asking else None
    if not lead:
        ordered = [_with_the_article_it_amends(c) for c in ordered]
        return "\n".join(["Cette réponse s'appuie sur ces textes :", *(f"- {c[0].upper()}{c[1:]}" for c in ordered),
                          LEGIFRANCE_NOTE])
    sentence, named_texts, the_answers_subject = lead
    # (the answer's other texts after its own subject's article; none after a subject it did not speak of)
    others = [c for c in ordered if c not in named_texts] if the_answers_subject else []
    lines = [sentence]
    if others:
        lines.append("La réponse citait aussi : " + " ; ".join(others) + ".")
    return "\n".join([*lines, LEGIFRANCE_NOTE])


def _with_the_article_it_amends(cited: str) -> str:
    """A law or a decree cited by its name alone ("loi n° 2025-622 du 9 juillet 2025"), with the article of the Code it
    amends, as its reference says ("… (article L.235-1 du Code de la route)"): the texts asked for name the article
    (tester T49 c24: the 9 points of drugs with alcohol listed without L.235-1). Any other citation as it is."""
    for reference in rules_core.load_params().references.values():
        name, _, rest = reference.text.partition(" (")
        if name == cited and re.search(r"\barticles? [LR]\.", rest):
            return reference.text
    return cited


# the user wants the Code's articles, not a card: "pas une fiche service public", "un article du code" (folded text)
_CODE_ONLY = re.compile(r"\bpas (?:une |la |de |d'une |sur )?(?:fiche|site|service[- ]?public)|\bsans (?:la |les )?fiches?\b"
                        r"|\barticles? (?:du code|de loi)\b")
# an article asked, not the sources in general ("vos sources ?" gets the list of the texts cited)
_ASKS_AN_ARTICLE = re.compile(r"\barticles?\b")


def sentence_asking_an_article(said: str) -> str:
    """The sentence of a message (folded) that asks an article, "" when none does: what the article is asked of is read
    in it ("il a son permis depuis 3 ans presque, il devait avoir 10 points non ? sur quel article vous vous basez ?"
    asks no recovery delay's nor a wait of 3 years, T31 a04)."""
    return next((sentence for sentence in re.split(r"[.?!]+", said) if _ASKS_AN_ARTICLE.search(sentence)), "")
# what the article is asked of (folded text): the recovery of the points, the stage
_ASKS_RECOVERY_ARTICLE = re.compile(r"\b(?:recup\w*|reviennent|revient|retour|reconstitu\w*|delais?|10 ans|dix ans"
                                    r"|[23] ans|6 mois)\b")
_ASKS_STAGE_ARTICLE = re.compile(r"\bstages?\b")


def _article_asked(said: str, offences: List[str], cited: List[str]) -> Optional[Tuple[str, List[str], bool]]:
    """The sentence naming the article of what "c'est quel article ?" asks, with the texts it names and whether it is
    the answer's own subject: the stage's, the recovery delay's, or else the offence's of the answer (R4); None when the answer spoke of no offence and the
    question names no subject."""
    params = rules_core.load_params()
    view = params.at(today())
    references = params.references
    if _ASKS_STAGE_ARTICLE.search(said):
        law, decree = references["L.223-6"].text, references["R.223-8"].text
        return (f"C'est l'{law} : un stage de sensibilisation à la sécurité routière rend jusqu'à "
                f"{points_fr(view.value('stage.max_gain'))}, sans dépasser le maximum du permis, s'il a lieu au moins "
                f"{_duration_fr(view.value('stage.min_interval'))} après le précédent qui en a rendu. L'{decree} en fixe les "
                f"suites : les points comptent dès le lendemain de la dernière journée du stage.", [law, decree], False)
    if _ASKS_RECOVERY_ARTICLE.search(said):
        law = references["L.223-6"].text
        return (f"C'est l'{law} : sans nouvelle infraction avec retrait pendant "
                f"{_duration_fr(view.value('recovery.full.delay'))} ({_duration_fr(view.value('recovery.full.delay_serious'))}"
                f" après un délit ou une contravention de 4e ou 5e classe), le permis retrouve tous ses points ; un retrait de "
                f"{points_fr(view.value('recovery.single_point.points'))} est rendu après "
                f"{_duration_fr(view.value('recovery.single_point.delay'))} sans nouvelle infraction ; et les points retirés pour une contravention "
                f"des quatre premières classes reviennent au plus tard après "
                f"{_duration_fr(view.value('recovery.ten_year.delay'))}.", [law], False)
    sentences, texts = [], []
    for kind in offences:
        spec = params.offence(kind, today())
        # (an offence's article when the answer cited it, an answer on the offence; a balance's rests on others)
        if spec.article not in references or references[spec.article].text not in cited:
            continue
        text = references[spec.article].text
        withdrawn = ("" if not isinstance(spec.points, int) else f" qui retire {points_fr(spec.points)}" if spec.points
                     else " qui ne retire pas de point")
        sentences.append(_offence_article_sentence(text, spec.label_fr, spec.offence_class, withdrawn))
        texts.append(text)
    if not sentences:
        return None
    return "\n".join(sentences), texts, True


def _offence_article_sentence(text: str, label: str, offence_class: str, withdrawn: str) -> str:
    """"C'est l'article R.415-6 du Code de la route : il réprime cette infraction (stop non respecté), une
    contravention de 4e classe qui retire 4 points." (R4)"""
    if offence_class not in CLASS_FR or offence_class is None:  # (an excess of speed: its class is its excess's)
        return f"C'est l'{text} : il réprime cette infraction ({label})."
    kind = CLASS_FR[offence_class]
    article = "un" if kind == "délit" else "une"
    if text.startswith("articles"):
        return f"Ce sont les {text} : ils répriment cette infraction ({label}), {article} {kind}{withdrawn}."
    return f"C'est l'{text} : il réprime cette infraction ({label}), {article} {kind}{withdrawn}."


# The balance answer's first line ("Solde aujourd'hui : 4 points, s'il avait 10 points avant l'infraction du 14
# septembre 2026 et aucun autre retrait depuis : 6 points retirés, 0 point revenu") and the zero-points answer's ("il
# lui reste 2 points (8 − 6)")
_BALANCE_WALKED = re.compile(r"Solde aujourd'hui : (?P<after>-?\d+) points?, s(?:'|i )(?P<who>il|elle|vous) (?:avait|aviez) "
                             r"(?P<before>\d+) points avant l'infraction du (?P<day>\d\w* \w+ \d{4})[^:\n]*: "
                             r"(?P<lost>\d+) points? retirés?, (?P<back>\d+) points? revenus?")
_BALANCE_LEFT = re.compile(r"(?P<who>il|elle|vous) (?:lui |vous )?reste (?P<after>\d+) points? \((?P<before>\d+) − "
                           r"(?P<lost>\d+)\)")
# a figure doubted: "vous êtes sûr ?", "… 10 points non ?", "c'est pas plutôt 10 ?", "il devait avoir 10 points"
_DOUBTS_A_FIGURE = re.compile(r"\b(?:c'?\s?est|c|t'?\s?es|vous etes|tu es)\s+(?:bien\s+|vraiment\s+)?(?:sur|sure|certain\w*)\b"
                              r"|\bnon\s*\?|\bplutot\b|\bdevai[st]\b|\bdevrai[st]\b|\bnormalement\b|\bpas plutot\b")
_POINTS_SAID = re.compile(r"\b(\d{1,2})\s*(?:points?|pts?)\b")
# a count of points of another fact than the balance: a stage's, a recovery's, an offence's ("un stage lui rend 4 points
# non ?", "il perd 6 points c'est sûr ?")
_POINTS_OF_ANOTHER_FACT = re.compile(r"\bstages?\b|\brecup\w*|\brend\w*|\bamendes?\b|\bretir\w*|\bperd\w*|\bperte\b"
                                     r"|\brevien\w*|\bregagn\w*|\bgagn\w*|\bbareme\b|\bcoute\w*")


def figure_doubted(tracker: Tracker) -> Optional[str]:
    """"Vous êtes sûr ? il devait avoir 10 points non ?" after a balance answer: yes or no to the figure doubted,
    with the figures of that answer (the balance before the offence, the points withdrawn, the balance today) and
    why the one before is what it is in probation, the ceiling then (R1, R5, R7); tester T31 a04 got a list of
    articles only. None when the message doubts no count of points, or the last answer computed none."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    said = [int(count) for count in _POINTS_SAID.findall(text)]
    if len(set(said)) != 1 or not _DOUBTS_A_FIGURE.search(text) or _POINTS_OF_ANOTHER_FACT.search(text):
        return None
    answered = _last_citing_turn(tracker)
    found = _BALANCE_WALKED.search(answered) or _BALANCE_LEFT.search(answered)
    if not found:
        return None
    figures = found.groupdict()
    before, lost, after = int(figures["before"]), int(figures["lost"]), int(figures["after"])
    back = int(figures.get("back") or 0)
    told, day, who = said[0], figures.get("day"), figures["who"]
    had, own, left = ("vous aviez", "votre", "il vous en reste") if who == "vous" else \
        (f"{who} avait", "son", f"il lui en reste")
    why = f", le plafond de {own} permis probatoire ce jour-là (article L.223-1 du Code de la route)" \
        if "probatoire" in answered and day else ""
    sums = f"{before} − {lost}" + (f" + {back}" if back else "")
    walk = (f"{had} {before} points avant l'infraction" + (f" du {day}" if day else "") + f"{why} ; {lost} points "
            "retirés" + (f", {back} revenus" if back else "") + f" : {left} {after} ({sums}).")
    if told in (before, after):
        return f"Oui : {walk}"
    return (f"Non : d'après ce que vous m'avez dit, {walk} Si le relevé (« Mes Points Permis ») indique un autre solde "
            "avant l'infraction, dites-le-moi : je referai le calcul.")


# "qui a raison ?", "lequel des deux a raison ?", "donc c'est mon fils qui a raison ?", "ma femme a tort alors ?"
# (folded text)
_WHO_IS_RIGHT = re.compile(r"\b(?:qui|lequel|laquelle)\b[^?.!]{0,30}\b(?:a|aurait|ont)\s+(?:raison|tort)\b"
                           r"|\b(?:mon|ma|mes|le|la|son|sa)\s+\w+\s+(?:qui\s+)?(?:a|ont)\s+(?:raison|tort)\b"
                           r"|\b(?:il|elle|ils|elles)\s+(?:a|ont)\s+(?:raison|tort)\b")
# what someone said: "ma femme dit que je vais tout récupérer en mars 2028", "mon fils dit que c'est plus tard", "le
# site m'a dit 2027" (folded text); what it says runs to the sentence's end or the next one who says something
_CLAIM = re.compile(r"\b(?P<who>(?:mon|ma|mes|le|la|un|une)\s+[\w-]+)\s+(?:me\s+|m'\s?a\s+|m'\s?)?(?:dit|dis|disait"
                    r"|pense|croit|affirme|assure|soutient|ecrit|indique|parle)\b\s*(?:que\s+|qu'\s?)?")
_LATER_SAID = re.compile(r"\bplus tard\b|\bapres\b|\bplus loin\b")
_EARLIER_SAID = re.compile(r"\bplus tot\b|\bavant\b|\bmoins longtemps\b")
_RECOVERY_DAY_ANSWERED = re.compile(r"retrouvera (?:son|votre) maximum de points le (\d{1,2}(?:er)? \w+ \d{4})"
                                r"|retrouvera \d{1,2} points le (\d{1,2}(?:er)? \w+ \d{4})")


def _claims_told(tracker: Tracker) -> List[Tuple[str, str]]:
    """Who said what, as the user told it ("ma femme dit que … mars 2028, mon fils dit que c'est plus tard"), the
    latest messages first; one claim per person."""
    claims: dict = {}
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = fold(event.get("text") or "")
        found = list(_CLAIM.finditer(text))
        for claim, after in zip(found, found[1:] + [None]):
            what = re.split(r"[.;!?]", text[claim.end():after.start() if after else len(text)])[0]
            claims.setdefault(claim.group("who"), what)
    return list(claims.items())


def who_is_right(tracker: Tracker) -> Optional[str]:
    """"Qui a raison ?", "donc c'est mon fils qui a raison ?" when the user quoted people against each other about the
    day the licence gets its points back (ma femme dit mars 2028, mon fils dit plus tard): which of them the answer's
    date agrees with, and why (R9, L.223-6; tester T55 c20 got "Je n'ai pas bien compris", twice). None when no such
    date was answered, or no claim told can be weighed against it."""
    said = fold((tracker.latest_message or {}).get("text") or "")
    if not _WHO_IS_RIGHT.search(said):
        return None
    lines = _lines_of_recent_turns(tracker, 3)
    full = next((line for line in lines if _RECOVERY_DAY_ANSWERED.search(line)), None)
    if full is None:
        return None
    found = _RECOVERY_DAY_ANSWERED.search(full)
    answered = long_date(found.group(1) or found.group(2))
    claims = _claims_told(tracker)
    if re.search(r"\b(?:il|elle)\s+a\s+(?:raison|tort)\b", said):
        # "et mon voisin dit septembre 2029, il a raison ?": the one claim of that message
        claims = claims[:1] if _CLAIM.search(said) else claims
    if answered is None or not claims:
        return None
    dated = {}
    for who, what in claims:
        # (a day or a month of a year said: "en mars 2028", "en 2027"; not "3 ans après", a delay)
        day = next((str(f.value) for f in extract_facts(what, today())
                    if f.entity == "date" and re.search(r"\b(?:19|20)\d\d\b", f.text or "")), None)
        if day is not None:
            dated[who] = day
    verdicts = {}
    for who, what in claims:
        if who in dated:
            verdicts[who] = answered.isoformat().startswith(dated[who])
            continue
        others = [day for other, day in dated.items() if other != who]
        if len(others) == 1 and (_LATER_SAID.search(what) or _EARLIER_SAID.search(what)):
            other = others[0]
            later = answered.isoformat()[:len(other)] > other
            verdicts[who] = later if _LATER_SAID.search(what) else answered.isoformat()[:len(other)] < other
    if not verdicts:
        return None
    def named(who: str) -> str:
        article, noun = who.split(" ", 1)
        from actions.third_person import _WRITTEN
        return f"{({'mon': 'votre', 'ma': 'votre', 'mes': 'vos'}.get(article, article))} {_WRITTEN.get(noun, noun)}"
    right = [named(who) for who, ok in verdicts.items() if ok]
    wrong = [named(who) for who, ok in verdicts.items() if not ok]
    when = format_long_fr(answered)
    if right and not wrong:
        lead = f"{' et '.join(right).capitalize()} {'ont' if len(right) > 1 else 'a'} raison"
    elif right:
        lead = f"C'est {' et '.join(right)} qui {'ont' if len(right) > 1 else 'a'} raison, pas {' ni '.join(wrong)}"
    else:
        lead = f"Ni {' ni '.join(wrong)} n'ont raison" if len(wrong) > 1 else \
            f"{wrong[0].capitalize()} se trompe"
    why = [line for line in lines if "relanc" in line or "repouss" in line][:1]
    return "\n".join([f"{lead} : d'après ce que vous m'avez dit, c'est le {when}.", *(f"- {line}" for line in dict.fromkeys([full, *why]))])


# what someone else said against the answer: "mon pote m'a dit que…", "on m'a dit le contraire", "j'ai lu que…",
# "d'après mon moniteur…" (folded text)
_HEARSAY = re.compile(r"\b(?:m'?\s?a|m'?\s?ont|nous a|lui a)\s+(?:dit|affirme|assure|explique|certifie|soutenu)\b"
                      r"|\bj'?\s?ai (?:lu|entendu|vu)\b|\bd'apres (?:mon|ma|mes|un|une|le|la|les)\b|\ble contraire\b"
                      r"|\bpas ce qu'?\s?on m'?\s?a\b")
# a bare doubt: "vraiment ?", "ah bon ?", "sérieux ?", "t'es sûr ?" (folded text)
_BARE_DOUBT = re.compile(r"^\W*(?:ah\s+|et\s+|mais\s+)?(?:vraiment|ah bon|serieux|serieusement|sur)\W*$")


def objection_to_the_answer(tracker: Tracker) -> Optional[str]:
    """"t'es sûr ? mon pote m'a dit que comme j'ai déjà le B depuis 11 ans ça change rien", "mon moniteur m'a dit le
    contraire", "vraiment ?" right after an answer: the answer's point confirmed, with the article it applies, and what
    would change it; not a request to rephrase (tester T49 c28). None when the message tells a new fact (an offence, a
    count of points, a day the facts known do not hold: that one is read), or no answer citing a text came before."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    hearsay = _HEARSAY.search(text)
    if not text or len(text) > 160 or not (hearsay or _BARE_DOUBT.search(text)) or previous_answer(tracker) is None:
        return None
    known_years = {str(value)[:4] for value in tracker.current_slot_values().values()
                   if isinstance(value, str) and re.match(r"(?:19|20)\d\d\b", value)}
    answered = _last_citing_turn(tracker)
    for entity in message.get("entities") or []:
        if entity.get("entity") != "date" or str(entity.get("value"))[:4] not in known_years | set(
                re.findall(r"\b(?:19|20)\d\d\b", answered)):
            return None  # a fact of its own: read as such
    point = next((line for line in answered.splitlines() if _CITED.search(line)), "")
    if not point:
        return None
    return (f"Oui, je vous le confirme : c'est ce que prévoit le Code de la route.\n{point}\nCette réponse repose sur "
            "ce que vous m'avez dit ; si un fait diffère (une date, une infraction, un stage), dites-le-moi et je "
            "referai le calcul.")


def _last_citing_turn(tracker: Tracker) -> str:
    """The texts of the assistant's latest turn that cited a text: a turn of small talk in between ("tu es un robot ?",
    "merci") cites nothing and is seen through (T30 c27 got the stop's card again after the robot's reply)."""
    turn: List[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if _CITATION.search("\n".join(turn)):
                return "\n".join(reversed(turn))
            turn = []
        elif event.get("event") == "bot" and event.get("text"):
            turn.append(event["text"])
    return "\n".join(reversed(turn))


def six_months_doubted(tracker: Tracker) -> Optional[str]:
    """"le feu rouge c'est 5 mois après, c'est pas plutôt 6 mois qu'il faut attendre ?" after a recovery or a 48N's
    deadline: the doubt answered (_why_not_six_months), even in a message longer than a follow-up and naming the
    offence the answer spoke of (tester T26 c12 got the answer again). None otherwise."""
    said = fold((tracker.latest_message or {}).get("text") or "")
    if _DOUBTS_SIX_MONTHS.search(said) and previous_answer(tracker) in SIX_MONTHS_DOUBTED_AFTER:
        return _why_not_six_months(tracker)
    if _ASKS_SIX_MONTHS_RULE.search(said) and previous_answer(tracker) in SIX_MONTHS_ASKED_AFTER:
        # "et pour la règle des 6 mois, il peut pas récupérer un point ?": whether it applies to the retrait told
        # (R8: a 1-point offence only), not the balance again (tester T42 c02 got it twice)
        return _why_not_six_months(tracker)
    return None


# "est-ce que" marks a question and says nothing of it: not counted in a follow-up's length
_QUESTION_MARKER = re.compile(r"\b(?:qu'?\s?)?est[- ]ce qu(?:e\b|')\s*")


# a day said in full ("le 4 juin 2027", "le 04/06/2027") counts as one word in a follow-up's length: "donc le 4 juin 2027
# je pourrai reprendre le volant directement ?" is as short a follow-up as "donc ce jour-là je pourrai…" (T52 c07)
_DAY_SAID = re.compile(r"\b\d{1,2}(?:er)?\s+(?:janv\w*|fevr?\w*|mars|avr\w*|mai|juin|juil\w*|aout|sept\w*|oct\w*|nov\w*"
                       r"|dec\w*)\s+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def _follow_up_length(said: str) -> int:
    return len(_DAY_SAID.sub("j", _QUESTION_MARKER.sub("", fold(said))))


def _follow_up_question(message: dict) -> str:
    """The folded text a follow-up is read from: the message, or, when it is longer than a follow-up, its last
    sentence when that asks a short question (ending in "?", or after a question) after sentences that tell no fact ("ok j'attends alors. ça met combien de
    temps à être enregistré ?", T13 c40); "" when the message is no follow-up."""
    from bot.nlu.question_words import SENTENCE_END
    said = (message.get("text") or "").strip()
    if _follow_up_length(said) <= FOLLOW_UP_MAX_CHARS:
        return fold(said)
    sentences = [sentence for sentence in SENTENCE_END.split(said) if sentence.strip()]
    last = sentences[-1].strip() if len(sentences) > 1 else ""
    start = said.rfind(last)
    # (a question after a question, its mark left out: "comment je sais quand la décision est prise ? je fais le stage
    # quand alors", T15 c37)
    asks = last.endswith("?") or (len(sentences) > 1 and sentences[-2].rstrip().endswith("?")
                                   and not last.endswith((".", "!")))
    if not asks or _follow_up_length(last) > FOLLOW_UP_MAX_CHARS or \
            any((entity.get("start") or 0) < start for entity in message.get("entities") or []):
        return ""
    return fold(last)


def _form_asked_since_answer(tracker: Tracker) -> bool:
    """A form started after the last answer (it asked the user something): the message replies to it."""
    users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
    for event in reversed(tracker.events[:users[-1]] if users else []):
        name = event.get("name") or ""
        if event.get("event") == "active_loop" and name:
            return True
        if (event.get("event") == "action" and name.startswith("action_answer_")) or (
                event.get("event") == "slot" and name == "last_question" and event.get("value")):
            return False
    return False


def new_subject_in_context(tracker: Tracker) -> bool:
    """"et pour le portable ?" after an answer: a short message naming a new offence or letter, and no topic, is
    that offence's (or letter's) question, whatever the NLU read it as."""
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    return bool(text) and len(text) <= FOLLOW_UP_MAX_CHARS and not _NAMES_A_TOPIC.search(text) \
        and previous_answer(tracker) is not None \
        and any(entity.get("entity") in NEW_SUBJECT_ENTITIES for entity in message.get("entities", []))


# --- a balance at 0 believed, the 48SI not notified; a doubt of the invalidation (R18, R20) -----------------------
# "je pense que je suis à 0", "j'ai plus de points", "je suis à zéro" (folded text)
_AT_ZERO_SAID = re.compile(r"\b(?:suis|serai|serais|tombe\w*|passe\w*|arrive\w*)\s+a\s+(?:0|zero)\b"
                           r"|\b(?:plus|aucun) (?:de |un seul )?points?\b|\b(?:0|zero) points?\b")
# "j'ai pas encore reçu la lettre", "toujours pas de 48SI", "rien reçu" (folded text)
_LETTER_NOT_YET = re.compile(r"\b(?:pas|toujours pas|rien)\s+(?:encore\s+|toujours\s+)?(?:eu\s+|recu\s+|re[cç]u\s+)?"
                             r"(?:de\s+|la\s+|le\s+|d'\s?)?(?:lettre|courrier|recommande|48\s?si)\b"
                             r"|\bpas (?:encore |toujours )?recu\b|\brien recu\b")


# the last turn told that the 48SI's notification decides (the card of 0 points, a balance at 0 or below)
_48SI_DECIDES = re.compile(r"48SI vous (?:est|soit|a été) notifiée|avant (?:cette|sa) notification|avant la 48SI")


def no_48si_yet_told(tracker: Tracker) -> bool:
    """"non j'ai rien reçu en recommandé pour l'instant", "j'ai pas encore reçu la lettre" right after an answer that
    said the licence stays valid until the 48SI is notified: a fact told in reply (no 48SI yet), which that answer
    bears on, whatever the NLU read it as (a denial, nothing at all); not a 48N or another letter named (R18, R20;
    testers T41 c14 and T44 c07 got "Quelle est votre question ?", "Pouvez-vous la reformuler ?")."""
    latest = tracker.latest_message or {}
    entities = latest.get("entities", [])
    received = [e.get("value") for e in entities if e.get("entity") == "letter_received"]
    codes = {str(e.get("value")).upper().replace(" ", "") for e in entities if e.get("entity") == "letter_code"}
    text = fold(latest.get("text") or "")
    if (codes - {"48SI"}) or True in received or "presented" in received or not (
            False in received or _LETTER_NOT_YET.search(text)):
        return False
    return bool(_48SI_DECIDES.search("\n".join(_last_turn_texts(tracker))))


def zero_balance_steps(tracker: Tracker) -> Optional[str]:
    """"j'ai pas encore reçu la lettre mais je pense que je suis à 0, je fais quoi ?": what to do, in order: check the
    balance on « Mes Points Permis » (it may lag), a stage ended before the 48SI's notification that gives its points
    (0 + 4, R18, with the year since the last point-giving stage, R13), and what the 48SI notified would mean (R20).
    With the balance and the last stage told, their figures and days (tester T27 c06 got the card of 0 points
    again, "je n'ai pas d'autre réponse"). None unless the message asks what to do, saying a balance at 0 or the
    48SI not received, and no 48SI is known notified."""
    from actions.forms import invalidation_notified  # (forms reads this module)
    text = fold((tracker.latest_message or {}).get("text") or "")
    if invalidation_notified(tracker) or not no_48si_yet_told(tracker) and not (_ASKS_WHAT_TO_DO.search(text) and (
            _AT_ZERO_SAID.search(text) or _LETTER_NOT_YET.search(text))):
        return None
    view = rules_core.load_params().at(today())
    gain = view.value("stage.max_gain")
    balance = tracker.get_slot("current_balance")
    balance = int(balance) if isinstance(balance, (int, float)) and balance <= 0 else 0
    lowest = 1 - gain
    after = balance + gain
    stage_line = (f"2. Sans attendre, faites un stage de sensibilisation (2 jours) : terminé avant que la 48SI vous soit "
                  f"notifiée, il ajoute {gain} points à votre solde calculé ({balance} + {gain} = {after} points) et "
                  f"sauve votre permis, si ce solde n'est pas inférieur à {lowest} (article L.223-6 du Code de la "
                  f"route ; Conseil d'État, 29 septembre 2023, n° 461479).")
    from actions.slot_values import InvalidAnswer, PartialDate
    try:
        previous = PartialDate.parse(str(tracker.get_slot("previous_stage_date")))
    except InvalidAnswer:
        previous = None
    if previous is not None and previous.precision == "day":
        from rules_core.stage import next_point_stage
        earliest = next_point_stage(previous.earliest(), view)[0]
        if earliest > today():
            stage_line += (f" Attention : votre dernier stage date du {format_long_fr(previous.earliest())}, un nouveau "
                           f"stage ne rend des points qu'à partir du {format_long_fr(earliest)} (un par an).")
    else:
        stage_line += " Un seul stage par an rend des points : s'il y a moins d'un an que vous en avez fait un, il ne vous rendrait rien."
    wait = view.value("invalidation.wait")
    hand_back = view.value("letter_48si.return_delay")
    from rules_core.dates import format_duration_fr
    return "\n".join([
        "Votre permis reste valable tant que la lettre 48SI ne vous a pas été notifiée, et vous pouvez encore le sauver "
        "(article L.223-1 du Code de la route). Dans l'ordre :",
        "1. Vérifiez votre solde sur « Mes Points Permis » (gratuit, avec FranceConnect) : il peut avoir quelques "
        "semaines de retard sur un retrait ou un stage récent. Un retrait compte dès sa décision, même avant la lettre.",
        stage_line,
        f"3. Si la 48SI arrive avant la fin du stage, il est trop tard : le permis est invalidé, à rendre à la préfecture "
        f"dans les {format_duration_fr(hand_back)}, et vous attendrez {format_duration_fr(wait)} après l'avoir rendu "
        "avant d'en obtenir un nouveau (article L.223-5 du Code de la route).",
        "Donnez-moi votre solde avant le dernier retrait, les points retirés et la date du paiement de l'amende : je "
        "calcule votre solde et ce qu'un stage vous laisserait."])


# "c'est sûr ?", "j'ai lu que…", "on m'a dit que…", "pourtant…", "il paraît que…" (folded text)
_DOUBTS = re.compile(r"\b(?:c'?\s?est|c|t'?\s?es|vous etes|tu es)\s+(?:bien\s+|vraiment\s+)?(?:sur|sure|certain\w*)\b"
                     r"|\bj'?\s?ai (?:lu|entendu|vu)\b|\bon m'?\s?a dit\b|\bpourtant\b|\bil para[iî]t\b|\bvraiment\b")
_SAVING_SAID = re.compile(r"\bnegati\w*|\bsauv\w*|\bstage\b|\brecup\w*|\b-\s?\d\b")
_48SI_NOTIFIED_ANSWER = re.compile(r"la lettre 48SI d'invalidation a été notifiée|48SI (?:vous )?a été notifiée")


def invalidation_doubted(tracker: Tracker) -> Optional[str]:
    """"c'est sûr ? j'ai lu qu'on pouvait sauver son permis avec un solde négatif" after the answer that the 48SI
    notified leaves no stage to save the licence: the reason, which rule and which decisions: a negative balance is
    saved only by a stage ended BEFORE the 48SI's notification (R18, CE 29/09/2023 n° 461479); once notified, the
    licence has lost its validity and the préfet must refuse the stage's points (L.223-1, CE 17/04/2025 n° 492072).
    With the day of the notification when known (tester T27 c07 got the answer again word for word). None
    otherwise."""
    from actions.forms import invalidation_notified  # (forms reads this module)
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _DOUBTS.search(text) or not _SAVING_SAID.search(text) or not invalidation_notified(tracker) \
            or not _48SI_NOTIFIED_ANSWER.search("\n".join(
                event.get("text") or "" for event in tracker.events if event.get("event") == "bot")):
        return None
    from actions.slot_values import to_date
    try:
        notified = to_date(tracker.get_slot("letter_48n_date"), safe="earliest")
    except InvalidAnswer:
        notified = None
    gain = rules_core.load_params().at(today()).value("stage.max_gain")
    when = f" le {format_long_fr(notified)}" if notified else ""
    return (f"Oui, c'est sûr, et ce que vous avez lu est vrai aussi, mais seulement avant la lettre 48SI. Un solde nul ou "
            f"négatif peut être sauvé par un stage terminé avant la notification de la 48SI : ses {gain} points "
            f"s'ajoutent au solde calculé (par exemple -2 + {gain} = {gain - 2}), car le permis est encore valide "
            "jusque-là (Conseil d'État, 29 septembre 2023, n° 461479).\n"
            f"- Votre 48SI vous a été notifiée{when} : depuis ce jour, votre permis a perdu sa validité (article "
            "L.223-1 du Code de la route), et le préfet doit refuser les points d'un stage suivi après (Conseil d'État, "
            "17 avril 2025, n° 492072). C'est pourquoi un stage ne peut plus sauver votre permis.")


# "pourquoi j'ai pas eu mes 2 points en septembre ?", "pourquoi pas de majoration ?" (folded text)
_ASKS_WHY_NO_INCREMENT = re.compile(r"\b(?:pourquoi|pk|pq|pkoi)\b.*\b(?:pas|plus|jamais|aucune?)\b.*"
                                    r"\b(?:points?|majorations?|\d{1,2})\b")
# (in the past once the probation is over: "a arrêté … le plafond est resté à 10 points")
_INCREMENTS_STOPPED = re.compile(r"L'infraction (?:commise|payée) le (?P<day>\d\w* \w+ \d{4}) (?:arrête|a arrêté) les "
                                 r"majorations annuelles : le plafond (?:reste|est resté) à (?P<ceiling>\d+) points")
_PROBATION_END = re.compile(r"(?:probatoire jusqu'au|probatoire est terminée depuis le|se termine toujours le) "
                            r"(?P<end>\d\w* \w+ \d{4})")
_BACK_TO_FULL = re.compile(r"retrouvera (?:12 points|son maximum de points) le \d")


def why_no_increment(tracker: Tracker) -> Optional[str]:
    """"pourquoi j'ai pas eu mes 2 points en septembre ?" after an answer that said an offence of the probation stops
    the annual increments: R7 with the user's days: the offence, the increment it cancelled (the next anniversary of
    the licence after it), the ceiling kept, and, once the probation is over, that the balance does not jump to 12
    (R7 point 4; tester T27 c10 got "je n'ai pas d'autre réponse" and the balance again). None otherwise."""
    if not _ASKS_WHY_NO_INCREMENT.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    stopped = _line_of_last_turn(tracker, _INCREMENTS_STOPPED)
    from actions.slot_values import partial_date_or_none
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    if stopped is None or licence is None:
        return None
    found = _INCREMENTS_STOPPED.search(stopped)
    offence, ceiling = long_date(found["day"]), int(found["ceiling"])
    if offence is None:
        return None
    from dateutil.relativedelta import relativedelta
    start = licence.earliest()
    years = next(n for n in range(1, 100) if start + relativedelta(years=n) > offence)
    missed = start + relativedelta(years=years)
    view = rules_core.load_params().at(offence)
    aac = tracker.get_slot("supervised_driving") is True
    maximum = view.value("capital.max")
    gain = min(view.value("probation.increment_aac" if aac else "probation.increment"), maximum - ceiling)
    end_line = _line_of_last_turn(tracker, _PROBATION_END)
    end = long_date(_PROBATION_END.search(end_line)["end"]) if end_line else None
    lines = [f"Parce que votre infraction du {format_long_fr(offence)} a été commise pendant la période probatoire, avant "
             f"le {format_long_fr(missed)} : la première infraction qui retire des points arrête les majorations "
             f"annuelles, et les {gain} points de ce jour-là ne vous ont pas été ajoutés. Votre plafond est resté à "
             f"{ceiling} points (article L.223-1 du Code de la route)."]
    if end is not None and end <= today():
        full = _line_of_last_turn(tracker, _BACK_TO_FULL)
        lines.append(f"- Depuis la fin de la période probatoire, le {format_long_fr(end)}, votre plafond est de {maximum} "
                     "points, mais votre solde ne remonte pas d'un coup : il remonte avec le temps sans nouvelle "
                     "infraction, ou plus tôt avec un stage (article L.223-6 du Code de la route).")
        if full:
            lines.append("- " + full.lstrip("- "))
    elif end is not None:
        lines.append(f"- La période probatoire n'est pas prolongée : elle se termine toujours le {format_long_fr(end)}, "
                     f"et votre plafond passera alors à {maximum} points (article L.223-1 du Code de la route).")
    return "\n".join(lines)


# "pourquoi sur 8 ?" (the ceiling an answer said, "sur 8", "plafond … de 8 points"), "est-ce que j'aurai mes 2 points au
# 1er septembre ?", "j'aurai les +2 de la période probatoire ?" (folded text)
# (the ceiling named as such, "sur 8", "un plafond de 8": not "tu disais 10, pourquoi 8 ?", the figures of the answer
# quoted back, whose reasons `figure_doubted` gives)
# ("pourquoi plafond 6 ?", "pourquoi je suis bloqué à 6 ?": the ceiling named without "de"; T50 c25)
_ASKS_WHY_THE_FIGURE = re.compile(r"\b(?:pourquoi|pk|pq|pkoi)\b[^?.!]{0,12}?\b(?:sur|plafond(?: (?:de|a|est a|est de|=))?"
                                  r"|bloquee?s? (?:a|au maximum a))\s*(\d{1,2})\b")
_ASKS_AN_INCREMENT = re.compile(r"\+\s?[23]\b|\b(?:mes|les|ses|leurs?)\s+(?:[23]|deux|trois)\s+(?:points?|pts?)\b"
                                r"|\bmajorations?\b|\bpoints? en plus\b|\bpoints? (?:de|du) (?:la )?(?:periode )?probatoire\b")
# "les 2 points c'était un excès", "les 2 points c'est pour un feu rouge", "les 3 points du téléphone", "mes 2 points
# perdus" (folded): the count of a retrait, not an increment
_INCREMENT_COUNT_IS_A_RETRAIT = re.compile(r"\b(?:mes|les|ses|leurs?)\s+(?:[23]|deux|trois)\s+(?:points?|pts?)\s+"
                                           r"(?:c'?\s?(?:etait|est)|(?:perdus?|retires?|enleves?)\b|pour\b|du\b|de l'?\s?)")
_ASKS_IF = re.compile(r"\b(?:est-ce que|est ce que|si)\b|\?|\b(?:aurai|aura|aurais|vais avoir|va avoir|gagne\w*)\b")


def _probation_plan_of(tracker: Tracker):
    """The probation plan of the licence, AAC and training known, with the first offence told (its day, else its
    payment's, the latest it can have been committed), or None (R5, R6, R7)."""
    from actions.slot_values import partial_date_or_none
    from rules_core.capital import probation_plan
    from rules_core.model import Offence
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    if licence is None or licence.precision != "day":
        return None, None
    committed = partial_date_or_none(tracker.get_slot("offence_date")) or \
        partial_date_or_none(tracker.get_slot("fine_payment_date"))
    offences = [Offence(commission=committed.latest(), points=1, offence_class="c4")] if committed else []
    training = partial_date_or_none(tracker.get_slot("training_date"))
    try:
        plan = probation_plan(licence_date=licence.earliest(), aac=tracker.get_slot("supervised_driving") is True,
                              training_date=training.latest() if training else None, offences=offences)
    except rules_core.InconsistentFacts:
        return None, None
    return plan, (offences[0].commission if offences else None)


def _steps_with_gains(plan) -> List[Tuple["date", int, int, bool]]:
    """(day, ceiling before, ceiling after, granted) of each anniversary of the probation, its end included."""
    steps, before = [], plan.initial.value
    for day, value, granted in plan.steps:
        steps.append((day, before, value, granted))
        before = value
    return steps


def _frozen_at_the_start(tracker: Tracker, plan, committed, figure: int, steps) -> Optional[str]:
    """"pourquoi plafond 6 ?" for a probationary licence whose offence came before its first anniversary: it starts
    with 6 points and gains only on an anniversary without offence; the offence stopped them, the ceiling stays at 6
    until the end of the probation (R5, R7; T50 c25 got "Quel jour d'avril 2025 ?"). None otherwise."""
    if figure != plan.initial.value or committed is None or not plan.is_probationary_on(committed) or not steps:
        return None
    first_day = steps[0][0]
    if committed >= first_day or first_day > today():
        return None
    told = tracker.get_slot("offence_date")
    when = f"commise le {format_long_fr(committed)}" if told and len(str(told)) == 10 else \
        "commise pendant la première année du permis"
    lines = [f"Parce qu'un permis probatoire commence avec {plan.initial.value} points et ne gagne des points qu'à "
             f"chaque anniversaire de son obtention atteint sans infraction (article L.223-1 du Code de la route).",
             f"- L'infraction {when}, avant le premier anniversaire ({format_long_fr(first_day)}), arrête ces "
             f"majorations : le plafond reste à {figure} points jusqu'à la fin de la période probatoire, le "
             f"{format_long_fr(plan.end)} (article L.223-1 du Code de la route).",
             f"- Sans infraction, un permis obtenu le même jour est passé à {steps[0][2] if steps[0][3] else figure + plan.increment.value} "
             f"points le {format_long_fr(first_day)} : c'est l'infraction qui fait la différence, pas la date du "
             f"permis (article L.223-1 du Code de la route)."]
    note = stated_balance_below_the_ceiling(tracker, figure)
    if note:
        lines.append(f"- {note}")
    return "\n".join(lines)


def probation_increment_asked(tracker: Tracker) -> Optional[str]:
    """"est-ce que j'aurai mes 2 points au 1er septembre ?", "pourquoi sur 8 ?" in probation: the yearly increments
    with the user's days (R5: +2, +3 with the AAC, on each anniversary of the licence), the one asked granted or not
    (R7: an offence committed in probation stops them, the ceiling stays; tester T43 c09 never got "no" to "+2 au 1er
    septembre ?"; T41 c29 got "4 points sur 8" and no word of the +2 of 3 February 2026 to "pourquoi sur 8 ?"). None
    when the message asks no such thing or the licence's day is not known."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    said = "\n".join(_last_turn_texts(tracker))
    why = _ASKS_WHY_THE_FIGURE.search(text)
    figure = int(why.group(1)) if why else None
    asks_figure = figure is not None and re.search(rf"\bsur {figure}\b|plafond [^.]{{0,40}}\b{figure} points", said)
    asks_increment = bool(_ASKS_AN_INCREMENT.search(text) and _ASKS_IF.search(text)) and not asks_figure
    if asks_increment and _INCREMENT_COUNT_IS_A_RETRAIT.search(text):
        # "et elle a combien de points du coup ? les 2 points c'était un excès payé le 8 janvier 2026": the points of
        # a retrait told, not the probation's +2 asked (T61 c22 got "les 2 points de ce jour-là ne vous seront pas
        # ajoutés", and no balance)
        asks_increment = False
    if not (asks_figure or asks_increment) or previous_answer(tracker) is None:
        return None
    plan, committed = _probation_plan_of(tracker)
    if plan is None:
        return None
    steps = _steps_with_gains(plan)
    now = today()
    rule = "article R.223-1 du Code de la route"
    if asks_figure:
        granted = [(day, a, b) for day, a, b, ok in steps if ok and day <= now and day < plan.end]
        if not granted:
            return _frozen_at_the_start(tracker, plan, committed, figure, steps)
        if granted[-1][2] != figure:
            return None
        gains = " ; ".join(f"le {format_long_fr(day)}, de {a} à {b} points" for day, a, b in granted)
        lines = [f"Parce que votre permis probatoire a gagné des points à chaque anniversaire de son obtention sans "
                 f"infraction avant ce jour-là : {gains} ({rule})."]
        if committed is not None and plan.is_probationary_on(committed):
            lines.append(f"- L'infraction du {format_long_fr(committed)} arrête ensuite ces majorations : le plafond "
                         f"reste à {figure} points jusqu'à la fin de la période probatoire, le {format_long_fr(plan.end)} "
                         "(article L.223-1 du Code de la route).")
        note = stated_balance_below_the_ceiling(tracker, figure)
        if note:
            lines.append(f"- {note}")
        return "\n".join(lines)
    # the increment asked: the anniversary of the day said, else the next one to come (or the last one, once over)
    asked = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
             if e.get("entity") == "date" and not e.get("role")]
    day_said = None
    try:
        day_said = PartialDate.parse(asked[0]) if len(asked) == 1 else None
    except InvalidAnswer:
        day_said = None
    same_day = [st for st in steps if day_said is not None and day_said.precision == "day" and
                (st[0].month, st[0].day) == (day_said.month, day_said.day)]
    step = next((st for st in same_day if st[0].year == day_said.year), None) or (
        same_day[-1] if same_day and all(st[0] < day_said.earliest() for st in same_day) else None) or (
        next((st for st in steps if st[0] > now), None) if day_said is None else None)
    if step is None:
        return None
    day, before, after, granted = step
    past = day <= now
    if granted:
        verb = "a gagné" if past else "gagnera"
        return (f"Oui : sans infraction commise avant, votre permis {verb} {after - before} points le "
                f"{format_long_fr(day)}, {'passé' if past else 'passant'} de {before} à {after} points ({rule}).")
    lines = [f"Non : votre infraction du {format_long_fr(committed)} a été commise pendant la période probatoire, avant "
             f"le {format_long_fr(day)} : elle arrête les majorations annuelles, et les {after - before} points de ce "
             f"jour-là {'ne vous ont pas été' if past else 'ne vous seront pas'} ajoutés. Votre plafond "
             f"{'est resté' if past else 'reste'} à {before} points (article L.223-1 du Code de la route)."]
    if plan.end <= now:
        lines.append(f"- Depuis la fin de la période probatoire, le {format_long_fr(plan.end)}, votre plafond est de "
                     f"{plan.maximum.value} points, mais votre solde ne remonte pas d'un coup : il remonte avec le "
                     "temps sans nouvelle infraction, ou plus tôt avec un stage (article L.223-6 du Code de la route).")
        full = _line_of_last_turn(tracker, _FULL_AFTER_THE_END) or _line_of_last_turn(tracker, _BACK_TO_FULL_OR_MAX)
        if full:
            lines.append("- " + full.lstrip("- "))
    else:
        lines.append(f"- La période probatoire n'est pas prolongée : elle se termine toujours le "
                     f"{format_long_fr(plan.end)}, et votre plafond passera alors à {plan.maximum.value} points "
                     "(article L.223-1 du Code de la route).")
    return "\n".join(lines)


# the day the balance is back to its maximum, as an answer said it ("retrouvera son maximum de points le 15 août 2028",
# "elle intervient après cette fin, le 15 août 2028")
_BACK_TO_FULL_OR_MAX = re.compile(r"^-? ?Sans nouvelle infraction, \w+ permis retrouvera (?:12 points|son maximum de points) "
                                  r"le \d")
_FULL_AFTER_THE_END = re.compile(r"intervient après cette fin, le \d")


_POINTS_WITHDRAWN_SAID = re.compile(r"\b(\d{1,2}) points? retirés?\b")


def stated_balance_below_the_ceiling(tracker: Tracker, ceiling: int, lost: Optional[int] = None) -> Optional[str]:
    """The user's balance before the offence ("j'avais 6 points"), below the probation's ceiling of that day which
    the answer started from: why, and what it would leave if the file did show it (R5; T41 c29 replaced the 6 by 8
    without a word, then gave 2 points in another answer). None when no such balance was said."""
    from actions.answers import _balance_said_with_retraits  # (answers reads this module)
    stated = _balance_said_with_retraits(tracker)
    if stated is None or stated >= ceiling:
        return None
    if not lost:  # (the points the last answer counted withdrawn: "4 points retirés")
        said = _line_of_last_turn(tracker, _POINTS_WITHDRAWN_SAID)
        lost = int(_POINTS_WITHDRAWN_SAID.search(said).group(1)) if said else None
    left = stated - lost if lost else None
    return (f"Vous m'avez dit {stated} points avant l'infraction : c'est le capital d'un permis probatoire à son début, "
            f"mais sans infraction votre plafond était déjà monté à {ceiling} points ce jour-là, et le calcul part de là "
            "(article R.223-1 du Code de la route). Si votre relevé (« Mes Points Permis ») indiquait bien "
            f"{stated} points avant l'infraction, par exemple après un autre retrait, "
            + (f"il vous resterait {left} point{'s' if left > 1 else ''} : " if left is not None and left > 0 else "")
            + "dites-le-moi, je referai le calcul.")


# What a question about an article may name of an earlier answer: a duration ("le délai d'un an", "1 an au lieu de 6
# mois") or a thing ("la suspension", "le plafond", "la 2e invalidation"); folded text
_DURATION_NAMED = re.compile(r"\b(\d{1,2}|un|une|deux|trois|six|dix)\s+(ans?|mois|jours?)\b")
_NUMBER_WORDS = {"un": "1", "une": "1", "deux": "2", "trois": "3", "six": "6", "dix": "10"}
_THINGS_NAMED = ("suspension", "plafond", "invalidation", "annulation", "stage", "48n", "48si", "probatoire",
                 "amende", "remise", "remboursement", "retention")
# "l'article qui dit 1 an", "c'est quel article", "sur quel texte": an article asked
_ASKS_AN_ARTICLE = re.compile(r"\barticles?\b|\btextes?\b|\bloi\b")


def _terms_named(said: str) -> List[str]:
    terms = [f"{_NUMBER_WORDS.get(n, n)} {'an' if unit.startswith('an') else unit.rstrip('s')}"
             for n, unit in _DURATION_NAMED.findall(said)]
    return terms + [thing for thing in _THINGS_NAMED if re.search(rf"\b{thing}\w*", said)]


def _line_says(line: str, term: str) -> bool:
    if term[0].isdigit():
        number, unit = term.split(" ")
        words = [number] + [w for w, n in _NUMBER_WORDS.items() if n == number]
        return bool(re.search(rf"\b(?:{'|'.join(words)})\s+{unit}s?\b", line))
    return bool(re.search(rf"\b{term}\w*", line))


def article_of_the_rule_named(tracker: Tracker) -> Optional[str]:
    """"c'est quel article le délai d'un an ?", "l'article qui dit 1 an au lieu de 6 mois pour une 2e invalidation":
    the article of the thing the question names, the one cited by the line of an earlier answer that says it (the
    wait of a second invalidation, L.223-5, R20), not the list of the texts of the last answer nor another rule with
    the same duration. None when the message asks no article, names no duration nor thing, or no line says it."""
    said = fold((tracker.latest_message or {}).get("text") or "")
    if not _ASKS_AN_ARTICLE.search(said) or not (_ASKS_SOURCES.search(said) or re.search(
            r"\b(?:l'|les?)\s?articles?\s+(?:qui|de|du|pour|sur)\b", said)):
        return None
    terms = _terms_named(sentence_asking_an_article(said))
    if not any(term[0].isdigit() for term in terms) or previous_answer(tracker) is None:
        return None  # (a thing named alone is the question of sources_asked: the offence's, the stage's)
    best, best_score = None, 0
    for event in reversed(tracker.events):
        if event.get("event") != "bot" or not event.get("text"):
            continue
        for line in event["text"].splitlines():
            articles = [c.strip() for c in _CITATION.findall(line) if c.startswith("article")]
            if not articles:
                continue
            folded = fold(line)
            score = sum(_line_says(folded, term) for term in terms)
            if score > best_score and any(_line_says(folded, t) for t in terms if t[0].isdigit()):
                best, best_score = (line, articles), score
    if best is None:
        return None
    line, articles = best
    cited = " et ".join(dict.fromkeys(articles))
    said_there = _CITATION.sub("", line).lstrip("- ").strip().rstrip(" .)") + "."
    return (f"C'est l'{cited} qui le prévoit. C'est ce que disait ma réponse : « {said_there} »\n"
            f"{LEGIFRANCE_NOTE}")
