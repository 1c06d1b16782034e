""""je fais le stage quand alors ?" after the answer that a stage can save a licence at 0 point or below: when to
take it (R18). Not a correction of a stage's date: a question about timing, answered from the facts already told
with the engine's own balances of a stage taken before the retrait decision and after it."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from rasa_sdk import Tracker

import rules_core
from bot.reference_date import today
from rules_core.dates import format_long_fr

# "je fais le stage quand ?", "le stage je le fais quand alors ?", "quand est-ce que je fais le stage ?"
ASKS_WHEN_THE_STAGE = re.compile(r"\bstage\b.*\bquand\b|\bquand\b.*\bstage\b|\b(?:je le fais|on le fait|le faire) quand\b"
                                 r"|\bstage\b.*\b(?:maintenant ou|tout de suite ou|avant ou apres|apres ou avant)\b")
STILL_VALID = ("Dans tous les cas, le stage doit être terminé avant que la lettre 48SI vous soit notifiée : après, "
               "aucun stage ne peut plus sauver le permis (Conseil d'État, 29 septembre 2023, n° 461479).")


def _points(n: int) -> str:
    return f"{n} point" if abs(n) <= 1 else f"{n} points"


def when_to_take_the_stage(tracker: Tracker) -> Optional[str]:
    """When a stage saves the licence whose retrait leaves 0 point or less, from the balance and the retrait told:
    before the decision (fine not paid) it is credited on the old balance, capped, then the retrait is subtracted;
    after it, on the negative balance (R18). None when the facts do not give such a case."""
    from actions import answers  # (answers reads the follow-ups, which read this module)
    facts = answers.Facts(tracker)
    balance, retrait = facts.number("current_balance"), answers.retrait_told(tracker, today())
    if not balance or not retrait or balance - retrait > 0:
        return None
    paid = facts.day("fine_payment_date", "latest")
    common = dict(balance_before=int(balance), retrait_points=retrait, today=today(), paid_on=paid,
                  previous_points_stage_first_day=facts.previous_stage)
    try:
        now = rules_core.pending_loss(**common)
        soon = rules_core.pending_loss(**common, stage_first_day=today() + timedelta(days=1)) if paid is None else None
    except rules_core.InconsistentFacts:
        return None
    if now.outcome != "can_be_saved":
        return None
    after = now.results["balance_with_stage"]
    earliest = now.key_dates.get("earliest_point_stage")
    not_before = (f" Un stage ne rendra pas de points avant le {format_long_fr(earliest)} (un an après votre dernier "
                  "stage, article L.223-6 du Code de la route)." if earliest and earliest > today() else "")
    before = soon.results["balance_after_stage"] if soon is not None else None
    if before is None:
        # the fine is paid: the retrait is decided, or about to be; the stage adds its points to the negative balance
        return (f"Sans attendre : votre amende est payée, le retrait est décidé ou le sera sous peu, et un stage "
                f"terminé ensuite porte votre solde à {_points(after)}.{not_before} {STILL_VALID}")
    if before >= after:
        return (f"Le plus tôt possible, même avant de payer l'amende : fait avant la décision de retrait, le stage est "
                f"compté sur vos {_points(int(balance))}, puis le retrait de {_points(retrait)} est déduit, et il "
                f"vous reste {_points(before)} ; fait après, il vous laisserait {_points(after)} aussi (article "
                f"L.223-6 du Code de la route).{not_before} {STILL_VALID}")
    return (f"Après l'enregistrement du retrait, et sans tarder : fait avant, le stage serait plafonné et vous "
            f"laisserait {_points(before)}, contre {_points(after)} après (article L.223-6 du Code de la route)."
            f"{not_before} {STILL_VALID}")
