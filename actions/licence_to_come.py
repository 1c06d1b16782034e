"""A licence not obtained yet: "quand j'aurai le permis je commence avec combien de points ?", "je l'ai pas encore, je
le passe l'année prochaine" (tester T28 c25 got "Le 2027 est dans le futur … Quelle est la date d'obtention ?" in a
loop). There is no date to ask: a new licence's points are the same for everyone (R5, R6, R15), said at once.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from rules_core.dates import anniversary, format_long_fr

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


# A new category for a licence already held ("je passe le permis moto A2, j'ai le B depuis 2015", "j'ai déjà le
# permis B, si je passe le A je repars en probatoire ?"): no new licence, no new probation, no 6 points (R5 "Adding a
# category to a licence that is already out of probation does not count"; R.223-1: the probation runs from the first
# category obtained; R1: one balance for every category). Tester T48 c28 got a new licence's 6 points, then a retrait
# of "6 pts" in "2015" and a 48SI invented from the same words.
_CATEGORY = r"(?:a1|a2|a|b|be|b96|c1|c|ce|d|moto|poids lourds?|camion|voiture|auto|bus)"
_HELD_CATEGORY = re.compile(
    r"\b(?:j'?\s?ai|il a|elle a|on a|vous avez|tu as)\s+(?:deja\s+|aussi\s+)?(?:eu\s+|obtenu\s+)?"
    r"(?:(?:le|mon|son|du|un)\s+(?:permis\s+)?(?:categorie\s+)?(?P<held>" + _CATEGORY + r")"
    r"|(?:le |mon |son |un )?permis\s+(?:categorie\s+)?(?P<held2>" + _CATEGORY + r")|(?:le |mon |son |un )?permis)\b"
    r"|\b(?:titulaire|detenteur|detentrice) (?:du |d'un )?(?:permis )?(?P<held3>" + _CATEGORY + r")\b"
    r"|\bdeja (?:le |mon |son )?permis(?: (?P<held4>" + _CATEGORY + r"))?\b")
_CATEGORY_TO_PASS = re.compile(
    r"\b(?:pass\w*|obten\w*|obtien\w*|ajout\w*|prendre|prends|prepar\w*|faire|fais|inscri\w*|rajout\w*)\s+"
    r"(?:(?:le |mon |son |un |du |la |l')(?:permis\s+)?|permis\s+)(?:moto\s+)?(?:categorie\s+)?(?P<new>a1|a2|a|be|b96|c1|c|ce|d"
    r"|moto|poids lourds?|camion|bus|b)\b"
    r"|\bpermis (?:moto|a1|a2|poids lourds?|camion|bus)\b|\bnouvelle categorie\b")


def new_category_of_a_held_licence(text: Optional[str]) -> bool:
    """Whether the message tells a licence held and a category to add to it (a category other than the one held)."""
    folded = fold(text or "")
    if re.search(r"\brepass\w*|\bannul\w*|\binvalid\w*|\b48 ?si\b", folded):
        return False  # a licence to take again after an invalidation or a cancellation: a new probation (R5, R20)
    held = _HELD_CATEGORY.search(folded)
    if not held:
        return False
    held_category = next((held.group(g) for g in ("held", "held2", "held3", "held4") if held.group(g)), None)
    for new in _CATEGORY_TO_PASS.finditer(folded):
        category = new.group("new")
        if category is None or held_category is None or category != held_category:
            if category in ("b", "voiture", "auto") and held_category in (None, "b", "voiture", "auto"):
                continue  # "j'ai le permis, je passe le B": no other category named
            return True
    return False


def _first_licence_day(message: dict) -> Optional[date]:
    """The earliest date of the message when it is the first category's day and told to the day ("le A1 depuis le 3
    mars 2022"): None when the earliest is a month or a year only."""
    told = sorted(str(e.get("value")) for e in message.get("entities") or []
                  if e.get("entity") == "date" and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(e.get("value") or "")))
    if not told or len(told[0]) != 10:
        return None
    try:
        return date.fromisoformat(told[0])
    except ValueError:
        return None


def new_category_answer(tracker: Tracker) -> Optional[str]:
    """The answer to a category added to a licence held (R5, R1): no new probation, no 6 points, the same balance;
    the probation of a licence held for less than 3 years runs on from its first category."""
    message = tracker.latest_message or {}
    if not new_category_of_a_held_licence(message.get("text")):
        return None
    now = today()
    years = sorted(int(str(e.get("value"))[:4]) for e in message.get("entities") or []
                   if e.get("entity") == "date" and str(e.get("value") or "")[:4].isdigit()
                   and int(str(e.get("value"))[:4]) <= now.year)
    lead = ("Non : passer une nouvelle catégorie quand vous avez déjà le permis ne vous remet pas en période "
            "probatoire et ne vous fait pas repartir à 6 points. Seul un premier permis, ou un permis obtenu de nouveau "
            "après une invalidation ou une annulation, est probatoire ; une catégorie ajoutée s'inscrit sur votre "
            "permis existant (article L.223-1 du Code de la route).")
    lines = [lead]
    first = _first_licence_day(message)
    if first is not None and anniversary(first, 3) <= now:
        # "le permis A1 depuis le 3 mars 2022": the end of its probation on its day (R5; T59 c30 got "depuis 2025 au
        # plus tard")
        lines.append(f"- Votre permis, obtenu le {format_long_fr(first)}, n'est plus probatoire depuis le "
                     f"{format_long_fr(anniversary(first, 3))} (la période dure 3 ans ; 2 après la conduite "
                     f"accompagnée, jusqu'au {format_long_fr(anniversary(first, 2))}) : la nouvelle catégorie "
                     "s'ajoute avec votre solde actuel, 12 points si aucun retrait n'est en cours.")
    elif years and years[0] + 3 < now.year:
        lines.append(f"- Votre permis, obtenu en {years[0]}, n'est plus probatoire depuis {years[0] + 3} au plus tard "
                     "(la période dure 3 ans, 2 après la conduite accompagnée) : la nouvelle catégorie s'ajoute avec "
                     "votre solde actuel, 12 points si aucun retrait n'est en cours.")
    else:
        lines.append("- Si votre permis est encore probatoire, la période continue de courir depuis la première "
                     "catégorie obtenue : la nouvelle catégorie ne la recommence pas et ne la prolonge pas (article "
                     "R.223-1 du Code de la route).")
    lines.append("- Un seul solde vaut pour toutes les catégories : une infraction commise à moto ou en voiture est "
                 "retirée de ce même solde.")
    return "\n".join(lines)


# "un élève qui vient juste de réussir son permis aujourd'hui", "mon fils a eu son permis ce matin": a licence obtained
# today, said of someone while another licence's date is known (a driving school's secretary asking for a new pupil;
# tester T50 c27 got the previous pupil's answer again) (folded text)
_NEW_LICENCE_TODAY = re.compile(
    r"\b(?:vient|viens|venez|viennent)\s+(?:juste\s+|tout\s+juste\s+)?(?:de\s+|d'\s?)(?:reussir|obtenir|avoir"
    r"|passer|decrocher)\s+(?:son|mon|le|sa|leur|ton|votre)\s+permis\b"
    r"|\b(?:reussi|obtenu|eu|decroche)\s+(?:son|mon|le|sa|leur|ton|votre)\s+permis\s+(?:aujourd'?\s?hui|ce\s+matin"
    r"|cet\s+apres-?midi|ce\s+jour)\b")


def new_licence_today_answer(tracker: Tracker) -> Optional[str]:
    """The points of a licence obtained today, asked while another licence's date is known (R5, R6, R7): 6 points,
    then each anniversary without offence, with and without the AAC, the training's window; None otherwise."""
    from actions.slot_values import partial_date_or_none  # (slot_values reads the forms, which read this module)
    from rules_core.dates import format_long_fr
    from rules_core.capital import probation_plan
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not _NEW_LICENCE_TODAY.search(text) or re.search(r"\brepass\w*|\bannul\w*|\binvalid\w*|\b48 ?si\b", text):
        return None
    now = today()
    said = [str(e.get("value")) for e in (tracker.latest_message or {}).get("entities") or [] if e.get("entity") == "date"]
    if not re.search(r"\baujourd'?\s?hui\b|\bce\s+matin\b|\bcet\s+apres-?midi\b|\bce\s+jour\b", text) or \
            any(day != now.isoformat() for day in said):
        return None  # ("ma fille vient d'avoir son permis en juin 2026": that licence's date, computed as told)
    known = partial_date_or_none(tracker.get_slot("licence_date"))
    if known is None or (known.precision == "day" and known.earliest() == now):
        return None  # (no other licence known: the ordinary questions and answer)
    plans = {aac: probation_plan(licence_date=now, aac=aac, training_date=None, offences=[]) for aac in (False, True)}

    def gains(plan) -> str:
        return ", ".join(f"{ceiling} points le {format_long_fr(day)}" for day, ceiling, _ in plan.steps)

    plain, aac = plans[False], plans[True]
    return "\n".join([
        f"Un permis obtenu aujourd'hui, le {format_long_fr(now)}, commence avec {plain.initial.value} points : c'est un "
        "permis probatoire (article L.223-1 du Code de la route).",
        f"- Sans conduite accompagnée, la période probatoire dure 3 ans ; sans infraction, le permis passe à "
        f"{gains(plain)}, fin de la période (article L.223-1 du Code de la route).",
        f"- Après une conduite accompagnée (AAC), elle dure 2 ans : {gains(aac)} (article L.223-1 du Code de la route).",
        "- La formation complémentaire, suivie entre le 6e et le 12e mois du permis, raccourcit la période à 2 ans "
        "(18 mois après l'AAC), s'il n'y a pas d'infraction (article R.223-1 du Code de la route).",
        "- Une infraction qui retire des points pendant la période arrête ces gains (article L.223-1 du Code de la "
        "route)."])
