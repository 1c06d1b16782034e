"""A licence not obtained yet: "quand j'aurai le permis je commence avec combien de points ?", "je l'ai pas encore, je
le passe l'année prochaine" (tester T28 c25 got "Le 2027 est dans le futur … Quelle est la date d'obtention ?" in a
loop). There is no date to ask: a new licence's points are the same for everyone (R5, R6, R15), said at once.
"""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold

# said in any message: the licence is still to come ("quand j'aurai le permis", "je passe mon permis en janvier",
# "je n'ai pas encore le permis", "futur conducteur"); not "je repasse le permis" (after an invalidation, R20)
_LICENCE_TO_COME = re.compile(
    r"\bquand (?:j'?\s?|je |il |elle |on |tu |vous )?(?:l'?\s?)?(?:aurai|auras|aura|aurez|obtiendrai\w*|obtiendra\w*"
    r"|passerai|passera|aurais)\b[^.?!]{0,12}\bpermis\b"
    r"|\b(?:je|il|elle|tu|on) (?:vais |va |vas )?pass(?:e|es|er|erai|era) (?:mon |son |ton |le |sa )?(?:permis|examen)\b"
    r"|\b(?:pas encore|toujours pas|pas)\s+(?:eu |obtenu |passe |)(?:le |mon |son |ton |de )?permis\b"
    r"|\bfutur(?:e|s)? (?:conducteur|conductrice|jeune conducteur|titulaire|permis)\w*"
    r"|\ben train de passer (?:le|mon|son) permis\b|\bpas encore (?:eu )?(?:le|mon|son) code\b")
# said to the question of the licence's date: "je l'ai pas encore", "pas encore", "je le passe l'année prochaine"
_NOT_YET_TO_THE_DATE = re.compile(r"^\W*(?:non\W+)?(?:(?:je |j'?\s?|il |elle )?(?:ne )?(?:l'?\s?)?(?:ai|a|l'ai)\s+)?"
                                  r"(?:pas encore|toujours pas|pas eu|jamais eu)\b"
                                  r"|\b(?:je|il|elle) (?:le |la )?(?:passe|passerai|passera|vais le passer)\b")


def licence_to_come(tracker: Tracker) -> bool:
    """Whether the latest message says the licence is not obtained yet, in any message or in answer to its date."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if re.search(r"\brepass\w*|\bannul\w*|\binvalid\w*|\b48 ?si\b|\bsans (?:le |son |mon )?permis\b", text):
        return False  # a licence to take again after an invalidation or a cancellation (R20), or driving without one
    if _LICENCE_TO_COME.search(text):
        return True
    from actions.forms import value_before_message  # (forms reads this module)
    asked = tracker.get_slot("requested_slot") or value_before_message("requested_slot", tracker)
    return asked == "licence_date" and bool(_NOT_YET_TO_THE_DATE.search(text))


# R5 (6 points, 3 years or 2 after the AAC, +2 or +3 a year), R6 (the training), R7 and R15 (an offence stops the
# increments; 3 points or more bring the 48N and its stage)
LICENCE_TO_COME_ANSWER = (
    "Le jour où vous obtiendrez votre permis, il aura 6 points : c'est un permis probatoire (article L.223-1 du Code "
    "de la route).\n"
    "- Sans conduite accompagnée, la période probatoire dure 3 ans : chaque année sans infraction ajoute 2 points, soit "
    "8 points après 1 an, 10 après 2 ans et 12 après 3 ans.\n"
    "- Après la conduite accompagnée (AAC), elle dure 2 ans : chaque année sans infraction ajoute 3 points, soit 9 "
    "points après 1 an et 12 après 2 ans.\n"
    "- La formation complémentaire, suivie entre le 6e et le 12e mois du permis, raccourcit la période à 2 ans (18 mois "
    "après l'AAC), s'il n'y a pas d'infraction (article R.223-1 du Code de la route).\n"
    "- Une infraction qui retire des points pendant la période arrête ces gains ; si elle en retire 3 ou plus, un "
    "stage devient obligatoire (lettre 48N, article R.223-4 du Code de la route).\n"
    "Une fois le permis obtenu, donnez-moi sa date : je calculerai votre solde au jour près.")


def licence_to_come_answer(tracker: Tracker) -> Optional[str]:
    """The points of a licence still to come (R5), when the latest message says so and no licence date is known."""
    if tracker.get_slot("licence_date") is not None or not licence_to_come(tracker):
        return None
    return LICENCE_TO_COME_ANSWER
