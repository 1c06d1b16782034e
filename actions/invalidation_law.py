"""Two questions of the law around an invalidation (48SI) that its waiting answer (R20) does not answer:

- what driving despite the invalidation costs ("j'ai conduit alors que mon permis était invalidé, je risque quoi ?"):
  the délit of L.224-16 and its penalties, once the 48SI is notified (R18, R20);
- whether the new licence may be prepared by supervised driving (AAC) to reach 12 points in 2 years: no, AAC is not
  open after an invalidation (R5 edge case, R.211-5), and the training's reduction is for a first licence (R6 edge
  case, "selon notre lecture").

Tester T15 c38 and c40 got the invalidation's general answer three times to these questions.

And, once an answer has said that no stage can save the licence any more (the retrait to come takes the balance to
0 or below, R18), what follows ("c'est quoi la suite ?", "je devrai repasser le code seulement ?", "qu'est-ce que je
dois repasser et dans combien de temps ?"): the invalidation's waiting and exams (R20) for this user, not that
answer again (tester T17 c26 got it three times).
"""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker

from actions.slot_values import partial_date_or_none
from bot.nlu.fact_parsing import fold

# folded text: "j'ai conduit alors que mon permis était invalidé", "conduire avec un permis invalidé, c'est quoi la
# peine ?", "j'ai quand même conduit hier" (after the 48SI), "je risque quoi si je roule sans permis valide ?"
_DRIVING = r"(?:\bconduit\w*|\bconduire\b|\bconduis\w*|\broul\w*|\bvolant\b)"
_INVALIDATED = r"(?:\binvalid\w*|\b48\s?si\b|\bsans (?:points|permis valable|permis valide)\b|\bpermis (?:annule|perdu)\b)"
_RISK = (r"(?:risqu\w*|\bpeines?\b|\bsanction\w*|\bencour\w*|\bprison\b|\bamendes?\b|\bgrave\b|\bpuni\w*"
         r"|\bqu'?est-ce qu'?il se passe\b|\bje fais comment\b)")
_DROVE = (r"(?:\b(?:j'?\s?ai|jai|g|il a|elle a|on a)\s+(?:quand meme |deja |encore )?(?:conduit|roule|pris le volant)\b"
          r"|\b(?:je|il|elle) (?:conduis|conduit|roule) (?:quand meme|toujours|encore)\b"
          r"|\bconduire (?:avec|malgre|sans)\b)")
ASKS_DRIVING_WHILE_INVALIDATED = re.compile(
    rf"^(?!.*\bpas (?:encore )?(?:recu|eu)\b.*\b48\s?si\b)(?=.*{_DRIVING})(?=.*{_INVALIDATED})(?=.*(?:{_RISK}|{_DROVE}))")

# "je peux faire la conduite accompagnée pour avoir 12 points en 2 ans ?", "l'AAC c'est possible après une
# invalidation ?", "oui ou non pour la conduite accompagnée ??"
ASKS_SUPERVISED_DRIVING = re.compile(r"^(?=.*\b(?:conduite accompagnee|aac|apprentissage anticipe)\b)"
                                     r"(?=.*\b(?:peux|peut|pourrai\w*|possible|droit|autorise\w*|oui ou non|faire)\b)")

DRIVING_WHILE_INVALIDATED = (
    "Conduire alors que l'invalidation de votre permis vous a été notifiée (lettre 48SI reçue, ou présentée par la "
    "poste sans être retirée) est un délit : jusqu'à 2 ans d'emprisonnement et 4 500 € d'amende (article L.224-16 du "
    "Code de la route).\n"
    "- Le tribunal peut y ajouter des peines complémentaires : la confiscation du véhicule s'il vous appartient "
    "(obligatoire, sauf décision motivée du juge), une suspension du permis jusqu'à 3 ans, l'interdiction de conduire "
    "certains véhicules jusqu'à 5 ans, un travail d'intérêt général, des jours-amende, un stage de sensibilisation à "
    "vos frais ; le délit retire aussi 6 points et il est inscrit au casier judiciaire (article L.224-16 du Code de la "
    "route).\n"
    "- Ne conduisez plus, et rendez votre permis à la préfecture si ce n'est pas fait : ne pas le restituer est un "
    "autre délit (2 ans d'emprisonnement et 4 500 € d'amende), et le délai de 6 mois pour un nouveau permis ne court "
    "qu'à partir de sa remise (article L.223-5 du Code de la route)."
)
#: said when the 48SI's receipt is not told: before it, the licence was still valid (R18)
DRIVING_BEFORE_THE_48SI = (
    "- Avant la notification de la lettre 48SI, en revanche, votre permis restait valable, même à 0 point : conduire "
    "n'était pas ce délit (article L.223-1 du Code de la route ; Conseil d'État, 17 avril 2025, n° 492072)."
)

SUPERVISED_DRIVING_AFTER_INVALIDATION = (
    "Non : la conduite accompagnée (apprentissage anticipé de la conduite) n'est pas ouverte pour repasser le permis "
    "après une invalidation ou une annulation (article R.211-5 du Code de la route). Le nouveau permis est un permis "
    "probatoire de 3 ans : 6 points au départ, puis 2 points de plus par année sans infraction, soit 12 points au bout "
    "de 3 ans (article L.223-1 du Code de la route).\n"
    "- La formation complémentaire post-permis, qui ramène la période probatoire à 2 ans, est prévue pour un premier "
    "permis : selon notre lecture, elle ne la raccourcit pas après une invalidation (point discuté, à vérifier auprès "
    "d'une auto-école) (article L.223-1 du Code de la route)."
)


# the answers that say the licence will be invalidated, no stage able to save it (R18, R20)
_LICENCE_LOST_SAID = re.compile(r"ne peut pas être sauvé|ne pourrait plus être sauvé|permis (?:sera|serait) invalidé"
                                r"|le permis perd alors sa validité|lettre 48SI d'invalidation (?:suivra|qui suit)"
                                r"|^Votre permis restera valable jusqu'à la notification de la lettre 48SI")
# folded text: what follows the invalidation asked ("c'est quoi la suite ?", "et après ?", "je devrai repasser le code
# seulement ?", "qu'est-ce que je dois repasser", "dans combien de temps je pourrai le repasser ?", "il se passe quoi
# ensuite ?", "je peux le récupérer quand ?")
_ASKS_WHAT_FOLLOWS = re.compile(
    # ("et après ?", not "et après le contrôle d'hier, il me restera combien ?", T22 c25)
    r"\bla suite\b|\bet apres\b(?!\s+(?:le|la|les|l'|mon|ma|mes|son|sa|ses|ce|cet|cette|un|une|avoir|etre)\b)"
    r"|\bensuite\b|\brepass\w*|\b(?:le |du )?code\b|\bexamens?\b|\bpsychotechni\w*"
    r"|\bvisite medicale\b|\bnouveau permis\b|\binvalidation\b|\bse passe(?:ra)? quoi\b|\bqu'?\s?est[- ]ce qui se passe"
    r"|\bdans combien de temps\b|\bcombien de temps\b.*\bsans permis\b|\b(?:recuper\w*|ravoir|retrouver) (?:mon|le|son) "
    r"permis\b|\bconduire (?:a nouveau|de nouveau)\b|\breconduire\b")


# folded text: the invalidation supposed by the question ("si je reçois la 48SI", "après l'invalidation", "une fois le
# permis invalidé", "si mon permis est invalidé"), what follows it asked (R20)
_SUPPOSES_INVALIDATION = re.compile(
    r"\bsi (?:je|j'?\s?|il|elle|on) (?:re[cs]oi\w*|ai|a|recu\w*)\s+(?:la |une |cette )?(?:lettre )?48\s?si\b"
    r"|\b(?:apres|suite a) (?:l'?\s?|mon |son |cette )?invalidation\b"
    r"|\bune fois (?:que )?(?:le |mon |son )?(?:permis )?(?:est )?invalide\b"
    r"|\bsi (?:le |mon |son )?permis (?:est|a ete|etait) invalide\b")


# a warning on a balance not known ("Attention : si votre solde est de 7 points ou moins …, c'est alors une lettre 48SI
# d'invalidation qui suit"): a hypothesis, not the user's licence lost (T22 c25: 10 → 3 points, then "et après le
# contrôle d'hier, quand j'aurai payé, il me restera combien ?" got the invalidation's waiting and exams)
_BALANCE_HYPOTHESIS = re.compile(r"\bsi (?:votre|son|leur) solde (?:est|était|etait)\b", re.IGNORECASE)


def _licence_lost_answered(tracker: Tracker) -> bool:
    """An answer since the user's message before the latest one said that no stage can save the licence (R18); a
    line that only warns of it for a balance not known does not count."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > 2:
                return False
        elif event.get("event") == "bot" and any(
                _LICENCE_LOST_SAID.search(line) and not _BALANCE_HYPOTHESIS.search(line)
                for line in (event.get("text") or "").splitlines()):
            return True
    return False


def what_follows_the_invalidation(tracker: Tracker) -> Optional[str]:
    """R20 after an answer that said the licence cannot be saved: the 48SI to come, the licence to hand back, the wait
    (6 months, 1 year if repeated within 5 years), the exams from the licence's age (code alone if held 3 years or
    more and the code registered for within 9 months), the medical and psychotechnical examination. None when the
    message asks no such thing, or the licence's hand-back is already known (the invalidation's own answer)."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not text or not _ASKS_WHAT_FOLLOWS.search(text) or tracker.get_slot("licence_handed_back_date"):
        return None
    # "si je reçois la 48SI qu'est-ce que je dois faire et je pourrai repasser le permis quand ? je l'ai depuis 2014",
    # "après l'invalidation, je dois repasser le code et la conduite ?": the invalidation supposed by the question
    # itself, whatever the answer before said, told with the letter's name or the licence's date only (T51 c13 got the
    # stage paragraph twice)
    supposed = _SUPPOSES_INVALIDATION.search(text) and all(
        e.get("entity") == "letter_code" or (e.get("entity") == "date" and e.get("role") == "licence")
        for e in (tracker.latest_message or {}).get("entities") or [])
    if not supposed and ((tracker.latest_message or {}).get("entities") or not _licence_lost_answered(tracker)):
        return None  # (a message that tells facts, "ensuite j'ai fait un stage le 3", is read as such)
    from actions.answers import Facts, _waiting_without_hand_back  # (the answers read this module)
    from rules_core.errors import InconsistentFacts
    from rules_core.wording_fr import render, render_error
    facts = Facts(tracker)
    try:
        decision = _waiting_without_hand_back(facts)
    except InconsistentFacts as error:
        return render_error(error)
    from actions.reminders import already_sent
    answer = f"{INVALIDATION_TO_COME}\n\n{render(decision)}"
    if already_sent(tracker, answer):
        # asked again at once ("je parle de l'invalidation, qu'est-ce que je repasse et dans combien de temps ?"):
        # the wait and the exams, what such a question asks, in brief, not a copy of the answer just given
        from rules_core.wording_fr import render_reason
        lines = [render_reason(r) for r in decision.reasons
                 if r.code == "invalidation.wait_from_hand_back" or r.code.startswith("invalidation.exams")]
        return "\n".join(["En bref, ce que vous devrez repasser et quand :", *(f"- {line}" for line in lines)])
    return answer


INVALIDATION_TO_COME = (
    "Votre permis restera valable jusqu'à la notification de la lettre 48SI ; ensuite, il sera invalidé et vous devrez "
    "le rendre à la préfecture (article L.223-5 du Code de la route).")


# folded text: "j'ai le droit de conduire en attendant ?", "je peux encore rouler ?", "je peux conduire d'ici là ?": may
# the user drive now (not "je pourrai reconduire le 10 ?", the day driving is allowed again)
ASKS_MAY_DRIVE_NOW = re.compile(r"\b(?:droit de|peux|peut|puis-je|autorise\w* a|interdit de)\s+(?:encore\s+|quand meme\s+|"
                                r"toujours\s+|continuer a\s+)?(?:conduire|rouler|prendre (?:le volant|la voiture))\b")


def invalidation_law_answer(tracker: Tracker) -> Optional[str]:
    """The answer to one of these two questions asked by the latest message, in a conversation about an invalidation
    (the message names it, or the licence is told invalidated); None otherwise."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not text:
        return None
    if ASKS_DRIVING_WHILE_INVALIDATED.search(text):
        return driving_while_invalidated(tracker)
    if ASKS_MAY_DRIVE_NOW.search(text) and all(
            # (the letter's receipt, and the day driving is asked of: "je l'ai reçue hier, je peux encore conduire
            # demain ?" got the new licence's waiting answer, its "ne conduisez plus" in a bullet; T57 c04)
            entity.get("entity") in ("letter_received", "date")
            for entity in (tracker.latest_message or {}).get("entities") or []):
        from actions.forms import invalidation_notified  # (forms reads this module)
        if invalidation_notified(tracker):
            # "et en attendant de le rendre j'ai le droit de conduire ?" after a 48SI received: no, since its receipt,
            # and the day to hand it back (R19, R20; tester T20 c07 got the stage's questions)
            return driving_while_invalidated(tracker, asked_now=True)
    about_invalidation = re.search(_INVALIDATED + r"|\bperdu (?:mon|son|le) permis\b|\brepass\w*", text) or \
        tracker.get_slot("licence_status") == "invalidated" or str(tracker.get_slot("letter_code") or "") == "48SI"
    if ASKS_SUPERVISED_DRIVING.search(text) and about_invalidation and "?" in text:
        from actions.answers import new_licence_after_invalidation  # (the answers read this module)
        if new_licence_after_invalidation(tracker):
            return None  # the new licence obtained: its probation's own answer, dated, says no AAC (R5 example 4)
        return SUPERVISED_DRIVING_AFTER_INVALIDATION
    return what_follows_the_invalidation(tracker)


def driving_while_invalidated(tracker: Tracker, asked_now: bool = False) -> str:
    """L.224-16 (R20): the délit once the 48SI is notified; with its receipt told, said of that day, else the licence
    still valid before it (R18)."""
    from actions.forms import invalidation_notified  # (forms reads this module)
    # (the letter's answer lets its code go; its receipt stays: "c koi la lettre 48 si ? jlai recu hier", T20 c07)
    received = partial_date_or_none(tracker.get_slot("letter_48n_date")) \
        if str(tracker.get_slot("letter_code") or "") == "48SI" or invalidation_notified(tracker) else None
    if received is None:
        return f"{DRIVING_WHILE_INVALIDATED}\n{DRIVING_BEFORE_THE_48SI}"
    when = f"le {received.french()}" if received.precision == "day" else f"en {received.french()}"
    if not asked_now:  # ("j'ai quand même conduit hier, je risque quoi ?": the délit of what was done)
        return (f"Vous avez reçu la lettre 48SI {when} : depuis, votre permis n'est plus valable. "
                f"{DRIVING_WHILE_INVALIDATED}")
    # "j'ai le droit de conduire en attendant de le rendre ?": no, and the day it is to be handed back (T20 c07)
    return (f"Non : vous avez reçu la lettre 48SI {when} : depuis, votre permis n'est plus valable, même avant de le "
            f"rendre.{_hand_back_by(received, tracker)}\n{DRIVING_WHILE_INVALIDATED}")


def _hand_back_by(received, tracker: Tracker) -> str:
    """The day the licence is to be handed back, 10 days after the 48SI's receipt (R19, R20), when that receipt's day is
    known and the hand-back is not told; "" otherwise."""
    if received.precision != "day" or tracker.get_slot("licence_handed_back_date"):
        return ""
    import rules_core
    from bot.reference_date import today
    from rules_core.dates import format_long_fr
    deadline = rules_core.letter_meaning(letter="48SI", today=today(), received_on=received.earliest()
                                         ).key_dates["deadline"]
    verb = "deviez" if deadline < today() else "devez"
    return (f" Vous {verb} le rendre à la préfecture au plus tard le {format_long_fr(deadline)}, 10 jours après la "
            "réception de la lettre (article L.223-5 du Code de la route).")
