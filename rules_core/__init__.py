"""Deterministic engine of the French points law (permis à points), spec ``legal-rules.md`` R1–R21.

Every public function is pure, takes keyword-only arguments including ``today`` (the question
date) and returns a :class:`~rules_core.model.Decision`, renderable with
``rules_core.wording_fr.render(decision)`` and serialisable with ``decision.to_dict()``.
Impossible facts raise :class:`~rules_core.errors.InconsistentFacts` (``message_fr`` in French).

Public API (question → function):

1. Capital and probation .......... :func:`probation_status`      R1, R5, R6, R7, R20 (L.223-1, R.223-1)
                                    :func:`probation_year_ceiling` R5, R7 (the year of probation told, no date)
2. Points after a stage ........... :func:`stage_points`          R11–R14, R18 (L.223-6 al. 4, R.223-8)
3. Stage eligibility .............. :func:`stage_eligibility`     R11, R13, R14 (L.223-6 al. 4)
                                    :func:`court_stage`           R11, R13, R21 (prosecutor's or judge's stage)
4. 48N stage and refund ........... :func:`mandatory_stage_48n`   R15, R17 (R.223-4)
                                    :func:`stage_obligation`      R15 (no 48N once probation is over)
                                    :func:`fine_refund_48n`       R16 (L.223-6 al. 4, arrêté 25/02/2004)
                                    :func:`refund_procedure`      R16 (the steps, before the dates are known)
                                    :func:`obligation_from_retraits`  R15 (retraits told, no 48N)
5. Automatic recovery ............. :func:`automatic_recovery`    R7–R10, R20 (L.223-6)
6. Points per offence ............. :func:`offence_points`        R3, R4, R21 (L.223-2, R.413-14…)
                                    :func:`simultaneous_offences` R3 (L.223-2 III, L.235-1)
                                    :func:`separate_offences`     R3 (offences of different checks: no cap)
                                    :func:`class_of_fine`         R4 (the class of a fine's amount)
7. When points are withdrawn ...... :func:`retrait_timing`        R2 (L.223-1 al. 4; CE 21/11/2016 n° 392555)
   What an offence would change ..... :func:`offence_hypothesis`    R1, R6–R9, R15, R20 ("et si je me fais reprendre ?")
8. Letters and zero points ........ :func:`letter_meaning`        R19
                                    :func:`expected_letter`       R15, R19, R20
                                    :func:`pending_loss`          R18, R20 (CE 29/09/2023 n° 461479)
                                    :func:`invalidation_waiting`  R20 (L.223-5)

A computed balance reaching 0 (R20) gives the outcome ``invalidation_ahead`` in ``probation_status`` and
``automatic_recovery`` (with a licence date): a 48SI follows, not a 48N, no full-capital date is given, and
``results["balance_with_stage"]`` says whether a stage completed before the 48SI is notified saves it (R18).

``OFFENCE_TYPES`` lists the stable offence keys (``speeding``, ``phone``, ``seatbelt``…);
``LETTERS``, ``LICENCE_STATES``, ``STAGE_CASES``, ``COURT_STAGE_CASES``, ``FINE_STATUSES`` and ``OFFENCE_CLASSES`` the
other accepted codes.
"""

from .capital import probation_status, probation_year_ceiling
from .errors import InconsistentFacts
from .hypothesis import offence_hypothesis
from .invalidation import invalidation_waiting, pending_loss
from .letter_48n import (FINE_STATUSES, fine_refund_48n, mandatory_stage_48n, obligation_from_retraits,
                         refund_procedure, stage_obligation, voluntary_before_48n)
from .letters import LETTERS, expected_letter, letter_meaning
from .model import OFFENCE_CLASSES, Decision, LegalRef, Offence, Reason
from .offences import (OFFENCE_TYPES, alcohol_limits, class_of_fine, class_of_points, kept_speed, most_points_at_once, offence_points,
                       separate_offences, simultaneous_offences, speeding_class_of_points)
from .params import load_params
from .recovery import automatic_recovery
from .retrait import ESTABLISHED_BY, FINE_STATES, may_be_unpaid, retrait_timing
from .stage import COURT_STAGE_CASES, LICENCE_STATES, STAGE_CASES, court_stage, stage_eligibility, stage_points

__all__ = [
    "probation_status",
    "probation_year_ceiling",
    "stage_points",
    "stage_eligibility",
    "court_stage",
    "mandatory_stage_48n",
    "alcohol_limits",
    "most_points_at_once",
    "obligation_from_retraits",
    "voluntary_before_48n",
    "stage_obligation",
    "fine_refund_48n",
    "refund_procedure",
    "automatic_recovery",
    "offence_points",
    "simultaneous_offences",
    "separate_offences",
    "class_of_fine",
    "class_of_points",
    "kept_speed",
    "speeding_class_of_points",
    "letter_meaning",
    "expected_letter",
    "pending_loss",
    "retrait_timing",
    "may_be_unpaid",
    "offence_hypothesis",
    "invalidation_waiting",
    "Decision",
    "Reason",
    "LegalRef",
    "Offence",
    "InconsistentFacts",
    "OFFENCE_TYPES",
    "OFFENCE_CLASSES",
    "LETTERS",
    "LICENCE_STATES",
    "STAGE_CASES",
    "COURT_STAGE_CASES",
    "FINE_STATUSES",
    "ESTABLISHED_BY",
    "FINE_STATES",
    "load_params",
]
