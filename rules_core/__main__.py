"""Support-staff CLI: ``python -m rules_core <question> [options] [--json] [--today YYYY-MM-DD]``.

Prints the French answer with its reasons, or the structured result with ``--json``.
Impossible or invalid input prints a French error message and exits with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from . import (automatic_recovery, court_stage, expected_letter, fine_refund_48n, invalidation_waiting,
               letter_meaning, mandatory_stage_48n, offence_points, pending_loss, probation_status,
               probation_year_ceiling, retrait_timing, simultaneous_offences, stage_eligibility, stage_points)
from .errors import InconsistentFacts
from .model import Offence
from .wording_fr import render, render_error


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse with a French error message and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"Erreur : option invalide ou manquante ({message}).", file=sys.stderr)
        sys.exit(2)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide « {text} » (format AAAA-MM-JJ)")


def offence_arg(text: str) -> Offence:
    """``COMMISSION:REALITE:POINTS:CLASS`` (REALITE may be empty), e.g. ``2026-03-01:2026-03-15:1:c3``."""
    parts = text.split(":")
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(f"infraction « {text} » : format DATE:PAIEMENT:POINTS:CLASSE attendu")
    try:
        return Offence(commission=date.fromisoformat(parts[0]),
                       realite=date.fromisoformat(parts[1]) if parts[1] else None,
                       points=int(parts[2]), offence_class=parts[3])
    except ValueError:
        raise argparse.ArgumentTypeError(f"infraction « {text} » : date ou nombre invalide")


def item_arg(text: str) -> dict:
    """``KEY`` or ``speeding:LIMIT:SPEED`` or ``speeding:EXCESS`` or ``alcohol:LEVEL``."""
    key, *rest = text.split(":")
    try:
        if key == "speeding" and len(rest) == 2:
            return {"offence": key, "speed_limit_kmh": int(rest[0]), "recorded_speed_kmh": int(rest[1])}
        if key == "speeding" and len(rest) == 1:
            return {"offence": key, "excess_kmh": int(rest[0])}
        if key == "alcohol" and len(rest) == 1:
            return {"offence": key, "blood_alcohol_g_l": float(rest[0].replace(",", "."))}
    except ValueError:
        raise argparse.ArgumentTypeError(f"infraction « {text} » : nombre invalide")
    return {"offence": key}


# question name → (function, help, [(option, kind, help)]); kind: date, int, float, str, flag, offences, items,
# stages
Spec = Tuple[Callable, str, List[Tuple[str, str, str]]]
QUESTIONS: Dict[str, Spec] = {
    "probation": (probation_status, "plafond, majorations et fin de la période probatoire (R5–R7)", [
        ("licence-date", "date!", "date d'obtention du premier permis"), ("aac", "flag", "conduite accompagnée"),
        ("training-date", "date", "date de la formation complémentaire"),
        ("offence", "offences", "infraction DATE:PAIEMENT:POINTS:CLASSE (répétable)"),
        ("relicensed", "flag", "permis obtenu à nouveau après invalidation"),
        ("restriction-or-suspension", "flag", "mesure de restriction ou de suspension"),
        ("stage", "stages", "premier jour d'un stage fait (répétable)")]),
    "probation-year": (probation_year_ceiling, "plafond d'une année de permis probatoire, sans sa date (R5, R7)", [
        ("year", "int!", "année de permis probatoire (1 pour la première)"), ("aac", "flag", "conduite accompagnée"),
        ("relicensed", "flag", "permis obtenu à nouveau après invalidation")]),
    "stage-points": (stage_points, "points rendus par un stage (R12, R13, R18)", [
        ("balance", "int!", "solde avant le stage (peut être négatif)"), ("first-day", "date!", "premier jour"),
        ("last-day", "date!", "dernier jour"), ("ceiling", "int", "plafond du permis"),
        ("case", "int", "cas de stage (1 à 4)"),
        ("previous-points-stage-first-day", "date", "premier jour du dernier stage ayant rendu des points"),
        ("licence-state", "str", "valid, suspended, retained, invalidated"),
        ("invalidation-notified-on", "date", "réception de la 48SI"),
        ("pending-retrait-points", "int", "retrait pas encore décidé")]),
    "stage-eligibility": (stage_eligibility, "un stage rend-il des points, et à partir de quand (R13, R14)", [
        ("previous-points-stage-first-day", "date", "premier jour du dernier stage ayant rendu des points"),
        ("licence-state", "str", "valid, suspended, retained, invalidated"),
        ("invalidation-notified-on", "date", "réception de la 48SI"), ("balance", "int", "solde actuel"),
        ("ceiling", "int", "plafond du permis"), ("awaiting-48n", "flag", "lettre 48N attendue")]),
    "court-stage": (court_stage, "stage proposé par le procureur ou imposé par le juge : cas 3 et 4 (R11, R13)", [
        ("kind", "str!", "alternative, composition, prosecutor (l'un des deux, sans savoir lequel) ou sentence"),
        ("voluntary-stage-first-day", "date", "premier jour d'un stage volontaire"),
        ("previous-points-stage-first-day", "date", "dernier stage ayant rendu des points"),
        ("balance", "int", "solde avant le stage volontaire"), ("ceiling", "int", "plafond du permis")]),
    "48n": (mandatory_stage_48n, "stage obligatoire après une lettre 48N (R15, R17)", [
        ("received-on", "date!", "réception de la 48N"), ("stage-first-day", "date", "premier jour du stage"),
        ("stage-last-day", "date", "dernier jour du stage"),
        ("previous-points-stage-first-day", "date", "dernier stage ayant rendu des points"),
        ("licence-date", "date", "date du permis"), ("offence-commission", "date", "date de l'infraction"),
        ("offence-points", "int", "points de l'infraction"), ("aac", "flag", "conduite accompagnée"),
        ("training-date", "date", "formation complémentaire")]),
    "refund-48n": (fine_refund_48n, "remboursement de l'amende après le stage 48N (R16)", [
        ("received-on", "date!", "réception de la 48N"), ("stage-first-day", "date!", "premier jour du stage"),
        ("stage-last-day", "date!", "dernier jour du stage"), ("fine-status", "str", "paid, unpaid, majoree"),
        ("amount-paid", "float", "montant payé (euros)")]),
    "recovery": (automatic_recovery, "récupération automatique des points (R8–R10)", [
        ("offence", "offences", "infraction DATE:PAIEMENT:POINTS:CLASSE (répétable)"),
        ("licence-date", "date", "date du permis"), ("aac", "flag", "conduite accompagnée"),
        ("training-date", "date", "formation complémentaire"), ("relicensed", "flag", "permis obtenu à nouveau"),
        ("invalidated-on", "date", "invalidation de l'ancien permis (48SI notifiée)"),
        ("balance-before", "int", "solde avant la première infraction (sinon, le plafond si le permis est daté)"),
        ("offences-since", "flag", "infractions régulières depuis, dates inconnues (règle des 10 ans seule)"),
        ("stage", "stages", "premier jour d'un stage fait (répétable)")]),
    "offence": (offence_points, "points, classe et amende d'une infraction (R3, R4)", [
        ("offence", "str!", "type d'infraction (speeding, phone, seatbelt…)"),
        ("commission", "date!", "date de l'infraction"), ("speed-limit-kmh", "int", "limite"),
        ("recorded-speed-kmh", "int", "vitesse retenue"),
        ("excess-kmh", "int", "dépassement (vitesse retenue − limite), seul ou avec la limite"),
        ("probationary", "bool", "permis probatoire (oui/non)"),
        ("blood-alcohol-g-l", "float", "taux d'alcool dans le sang (g/l)")]),
    "simultaneous": (simultaneous_offences, "plusieurs infractions constatées en même temps (R3)", [
        ("item", "items", "infraction KEY, speeding:LIMITE:VITESSE, speeding:DÉPASSEMENT ou alcohol:TAUX (répétable)"),
        ("commission", "date!", "date des infractions"), ("probationary", "bool", "permis probatoire (oui/non)")]),
    "retrait": (retrait_timing, "quand les points sont-ils retirés, et d'où partent les délais (R2)", [
        ("established-on", "date", "jour où l'infraction est établie (paiement, titre exécutoire…)"),
        ("established-by", "str", "payment, titre_executoire, composition_penale, conviction_final"),
        ("fine-state", "str", "unknown, not_paid, contested (sans date d'établissement)"),
        ("commission", "date", "date de l'infraction"), ("points", "int", "points de l'infraction"),
        ("offence-class", "str", "classe de l'infraction (c1 à c5, delit), qui fixe le délai de 2 ou 3 ans")]),
    "letter": (letter_meaning, "sens d'une lettre 48, 48M, 48N, 48SI, 46, 47 (R19)", [
        ("letter", "str!", "référence de la lettre"), ("received-on", "date", "date de réception")]),
    "expected-letter": (expected_letter, "quelle lettre après un retrait (R19)", [
        ("balance-before", "int!", "solde avant le retrait"), ("points-withdrawn", "int!", "points retirés"),
        ("probationary", "flag", "permis probatoire"),
        ("largest-offence-points", "int", "points de l'infraction la plus lourde"),
        ("established-on", "date", "jour où l'infraction a été établie (paiement…), si c'est déjà fait")]),
    "pending-loss": (pending_loss, "solde à zéro : permis encore valide ? stage possible ? (R18, R20)", [
        ("balance-before", "int!", "solde avant le retrait"), ("retrait-points", "int!", "points retirés"),
        ("retrait-decided-on", "date", "date de la décision de retrait"),
        ("invalidation-notified-on", "date", "réception de la 48SI"), ("ceiling", "int", "plafond"),
        ("previous-points-stage-first-day", "date", "dernier stage ayant rendu des points"),
        ("paid-on", "date", "paiement de l'amende (estimation de la décision)"),
        ("stage-first-day", "date", "premier jour d'un stage fait ou prévu"),
        ("stage-last-day", "date", "dernier jour du stage (par défaut le lendemain)"),
        ("no-invalidation-notified", "flag", "aucune lettre 48SI notifiée")]),
    "invalidation": (invalidation_waiting, "après une invalidation : délai et examens (R20)", [
        ("handed-back-on", "date", "date de remise du permis"), ("licence-date", "date", "date du premier permis"),
        ("previous-handed-back-on", "date", "remise lors de la précédente invalidation"),
        ("invalidation-notified-on", "date", "réception de la 48SI"),
        ("code-registration-on", "date", "date d'inscription au code")]),
}


def yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in ("oui", "yes", "true", "1", "o", "y"):
        return True
    if value in ("non", "no", "false", "0", "n"):
        return False
    raise argparse.ArgumentTypeError(f"« {text} » : répondez oui ou non")


KINDS = {"date": iso_date, "int": int, "float": float, "str": str, "bool": yes_no}


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(prog="python -m rules_core",
                                  description="Moteur du permis à points (réponses en français).")
    sub = parser.add_subparsers(dest="question", required=True, parser_class=FrenchArgumentParser)
    for name, (_, help_text, options) in QUESTIONS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--today", type=iso_date, default=None, help="date de la question (défaut : aujourd'hui)")
        command.add_argument("--json", action="store_true", help="affiche le résultat structuré")
        for option, kind, option_help in options:
            required = kind.endswith("!")
            kind = kind.rstrip("!")
            dest = option.replace("-", "_")
            if kind == "flag":
                command.add_argument(f"--{option}", dest=dest, action="store_true", help=option_help)
            elif kind == "offences":
                command.add_argument(f"--{option}", dest="offences", type=offence_arg, action="append", default=[],
                                     help=option_help)
            elif kind == "stages":
                command.add_argument(f"--{option}", dest="stages", type=iso_date, action="append", default=[],
                                     help=option_help)
            elif kind == "items":
                command.add_argument(f"--{option}", dest="offences", type=item_arg, action="append", default=[],
                                     help=option_help)
            else:
                command.add_argument(f"--{option}", dest=dest, type=KINDS[kind], required=required, help=option_help)
    return parser


def main(argv: Optional[Sequence[str]] = None, today: Optional[date] = None) -> int:
    args = vars(build_parser().parse_args(argv))
    question = args.pop("question")
    as_json = args.pop("json")
    args["today"] = args["today"] or today or date.today()
    function = QUESTIONS[question][0]
    kwargs = {k: v for k, v in args.items() if v is not None}
    try:
        decision = function(**kwargs)
    except InconsistentFacts as error:
        if as_json:
            print(json.dumps(error.to_dict(), ensure_ascii=False, indent=2))
        else:
            print(render_error(error), file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(decision))
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess in the tests
    sys.exit(main())
