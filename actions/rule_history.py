"""What a rule said before: "vous êtes sûr que c'est pas 1 an ?" of the return of a single point (R8: 6 months since
2011, 1 year before; tester T28 c17 got a form asking its points, then the same form again after "stop"). The delays
come from rules_core's dated parameters, not from this text.
"""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold
from rules_core.dates import format_duration_fr
from rules_core.params import load_params

# "c'est pas 1 an ?", "avant c'était 1 an", "on m'a dit 1 an": a year doubted or remembered, not a date ("il y a un an",
# "depuis 1 an") nor a longer delay ("1 an et 1 jour" between two stages, R13)
_ONE_YEAR = re.compile(r"(?<!il y a )(?<!depuis )(?<!ca fait )\b(?:1|un) an\b(?!\s*(?:et|apres|plus tard|de permis))")
_DOUBT_OR_MEMORY = re.compile(r"\b(?:pas|avant|plutot|croyais|pensais|dit|disait|normalement|autrefois|sur|sure"
                              r"|vraiment|toujours)\b")
# the single point's return, in the message or the bot's last turn: "un point au bout de 6 mois", "récupérer un point"
_OF_THE_SINGLE_POINT = re.compile(r"\b(?:6|six) mois\b|\b(?:1|un) (?:seul )?point\b|\bpoint\w*\b[^.?!]{0,25}"
                                  r"\b(?:revien\w*|recup\w*|rend\w*|retrouv\w*)|\b(?:revien\w*|recup\w*|rend\w*)\b"
                                  r"[^.?!]{0,25}\bpoints?\b")

# the bot's last turn spoke of that return: "le point retiré pour une infraction à 1 point revient 6 mois après…"
_SINGLE_POINT_RETURN_SAID = re.compile(r"\b1 point\b[^.]{0,60}\b(?:6|six) mois\b")
# the year of an invalidation's wait (R20: 1 year instead of 6 months for a second total loss within 5 years), in the
# message or the bot's last turn: "c'est pas 1 an quand c'est la 2e fois ?" after "nouveau permis … 6 mois" (T32 c10)
_OF_AN_INVALIDATION = re.compile(r"\bnouveau permis\b|\binvalid\w*|\bperte totale\b|\b48\s?si\b"
                                 r"|\b(?:2e|2eme|deuxieme|seconde?|2nde?) (?:fois|invalidation|perte)\b"
                                 r"|\b(?:rendu|remis|restitue)\b[^.?!]{0,20}\bpermis\b|\bpermis\b[^.?!]{0,20}\b(?:rendu|remis)\b")
# what kind of question the year comes in: the reason asked, the old rule remembered, the rule in force doubted
_WHY = re.compile(r"\bpourquoi\b")
_REMEMBERED = re.compile(r"\b(?:avant|autrefois|a l'epoque|anciennement|jadis|dans le temps)\b")
_DOUBTED = re.compile(r"\b(?:pas|plutot|sur|sure|vraiment|croyais|pensais|normalement|toujours)\b")


def single_point_delay_history(tracker: Tracker, last_bot_text: str = "") -> Optional[str]:
    """"vous êtes sûr que c'est pas 1 an ?" of a single point's return: the delay in force and the one before it, with
    when it changed (R8; L.223-6 as the loi n° 2011-267 wrote it). None when the message doubts no such year."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not (_ONE_YEAR.search(text) and _DOUBT_OR_MEMORY.search(text)):
        return None  # ("l'attente d'un an ?", "1 an et 1 jour ou un an pile ?": a year asked about, not doubted)
    if not (_OF_THE_SINGLE_POINT.search(text) or _SINGLE_POINT_RETURN_SAID.search(fold(last_bot_text))):
        return None
    if _OF_AN_INVALIDATION.search(text) or _OF_AN_INVALIDATION.search(fold(last_bot_text)):
        return None  # (an invalidation's wait doubted: R20, not R8)
    series = load_params().series("recovery.single_point.delay")
    before, now = series[-2], series[-1]
    law = next((ref.text.split(" (")[0] for ref in now.refs if ref.text.startswith("loi ")), None)
    changed = f"depuis {now.since.year}" + (f" ({law}, dite LOPPSI 2)" if law else "")
    delay_now, delay_before = format_duration_fr(now.value), format_duration_fr(before.value)
    rule_now = (f"le point retiré pour une infraction qui n'a coûté qu'1 point revient {delay_now} après le paiement "
                "de l'amende (ou la condamnation), si aucune nouvelle infraction entraînant un retrait n'est commise "
                "entre-temps (article L.223-6 du Code de la route)")
    others = "Les autres points, eux, reviennent tous ensemble après 2 ou 3 ans sans nouvelle infraction."
    # the lead agrees with the question asked: "pourquoi on m'a dit 1 an ?" wants the reason, "avant c'était 1 an ?"
    # remembers the old rule (yes, before the change), "c'est pas 1 an ?" doubts the rule in force (no)
    if _WHY.search(text):
        return (f"Parce qu'avant {now.since.year}, ce délai était de {delay_before} : on vous a sans doute donné la "
                f"règle d'avant la loi{' ' + law.split('loi ', 1)[1] if law else ''}. {changed[:1].upper()}"
                f"{changed[1:]}, {rule_now}.")
    if _REMEMBERED.search(text) and not _DOUBTED.search(text):
        return (f"Oui, avant {now.since.year} : ce délai était de {delay_before}. {changed[:1].upper()}{changed[1:]}, "
                f"{rule_now}. {others}")
    return (f"Non : {changed}, {rule_now}. Avant {now.since.year}, ce délai était de {delay_before} : c'est sans "
            f"doute ce qu'on vous a dit. {others}")
