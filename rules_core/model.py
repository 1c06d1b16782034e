"""Structured inputs and results of the engine (frozen dataclasses, JSON-safe via ``to_dict``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Optional

from .errors import InconsistentFacts

#: Verification tags of spec §0.1, strongest first. [T] and [J] are equally strong.
TAGS = ("T", "J", "SP", "S", "I", "U")
_RANK = {"T": 0, "J": 0, "SP": 1, "S": 2, "I": 3, "U": 4}

#: Offence classes: contraventions of class 1 to 5, or délit.
OFFENCE_CLASSES = ("c1", "c2", "c3", "c4", "c5", "delit")


def strongest(tags) -> str:
    """The best-supported tag among ``tags`` (one solid source is enough)."""
    return min(tags, key=_RANK.__getitem__)


def weakest(tags) -> str:
    """The least-supported tag among ``tags``."""
    return max(tags, key=_RANK.__getitem__)


def to_jsonable(value: Any) -> Any:
    """Dates → ISO strings, objects with ``to_dict`` → dicts, tuples → lists, recursively."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class LegalRef:
    """One legal source: citation text (French), URL and verification tag."""

    key: str
    text: str
    url: str
    tag: str

    def to_dict(self) -> dict:
        return {"key": self.key, "text": self.text, "url": self.url, "tag": self.tag}


@dataclass(frozen=True)
class Reason:
    """One step of the legal reasoning: a stable code, the spec rule, its sources and certainty.

    ``params`` holds the parameters read (name → value), ``data`` the values the French
    template needs (dates, points).
    """

    code: str
    rule: str
    certainty: str
    refs: tuple = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "certainty": self.certainty,
            "refs": [r.to_dict() for r in self.refs],
            "params": to_jsonable(self.params),
            "data": to_jsonable(self.data),
        }


@dataclass(frozen=True)
class Decision:
    """The answer to one question.

    ``outcome`` is a stable code; ``results`` holds numbers/booleans; ``key_dates`` the dates;
    ``reasons`` the legal steps, the first one being the headline; ``missing`` lists the facts
    that were unknown, so the answer is conditional on them.
    """

    question: str
    outcome: str
    today: date
    facts: Mapping[str, Any]
    results: Mapping[str, Any]
    key_dates: Mapping[str, Optional[date]]
    reasons: tuple
    missing: tuple = ()

    @property
    def conditional(self) -> bool:
        return bool(self.missing)

    @property
    def certainty(self) -> str:
        """The weakest certainty among the reasons (how the whole answer must be worded)."""
        return weakest([r.certainty for r in self.reasons])

    def reason_codes(self) -> tuple:
        return tuple(r.code for r in self.reasons)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "outcome": self.outcome,
            "today": self.today.isoformat(),
            "certainty": self.certainty,
            "conditional": self.conditional,
            "missing": list(self.missing),
            "facts": to_jsonable(self.facts),
            "results": to_jsonable(self.results),
            "key_dates": to_jsonable(self.key_dates),
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class Offence:
    """An infraction as the engine needs it (spec §0.2).

    ``commission``: date of the offence; ``realite``: date its reality was established (fine paid,
    titre exécutoire, composition pénale executed, conviction final) — ``None`` while pending;
    ``decision``: date of the ministry's retrait decision (``None``: unknown, ``realite`` is used
    as an estimate); ``points``: points withdrawn; ``offence_class``: ``c1``…``c5`` or ``delit``.
    ``point_back_told``: the driver told that its single point came back (R8).
    ``commission_known``: ``False`` when the driver told only the payment (``commission`` is then that
    day, the latest the offence can have been committed): the answer names the offence by its payment,
    and a block of the 6-month return that rests on it is said as conditional (R8, CE 04/12/2017).
    ``payment_told``: the one day told is the payment of the fine (the day the retrait is established, R2), not
    the offence's nor a day the points were said lost: the answer names the offence by that payment even when
    ``commission`` stands on the same day (T19 c08, T20 c10). Default ``False``: the day told is named as the
    offence's, as before.
    ``judged``: the offence has no fixed fine (a délit without amende forfaitaire délictuelle, a 5th-class
    contravention not forfaitisable: ``offence_points``' ``results["judged"]``); pending, it is established by a
    conviction become final (or a composition pénale executed), which the answer then names (R2).
    """

    commission: date
    points: int
    offence_class: str
    realite: Optional[date] = None
    decision: Optional[date] = None
    key: Optional[str] = None
    commission_known: bool = True
    #: the driver told that its single point came back (R8): a later offence known only by its payment was not
    #: committed within its 6 months (T12 c10: "1 point en 2025, qui est revenu après 6 mois")
    point_back_told: bool = False
    judged: bool = False
    payment_told: bool = False
    #: only the month of the offence is told ("un autre flash en août"): ``commission`` is its first day, and the answer
    #: names the month, not that day (R8: the month inside a 6-month window blocks its point; T34 c31)
    commission_month: bool = False

    def __post_init__(self) -> None:
        if self.offence_class not in OFFENCE_CLASSES:
            raise InconsistentFacts(
                "offence.class_unknown", "offence_class",
                f"La classe « {self.offence_class} » est inconnue : indiquez c1 à c5 ou delit.",
            )
        if not isinstance(self.points, int) or self.points < 0:
            raise InconsistentFacts(
                "offence.negative_points", "points",
                "Le nombre de points retirés doit être un entier positif ou nul.",
            )
        if self.realite is not None and self.realite < self.commission:
            raise InconsistentFacts(
                "offence.realite_before_commission", "realite",
                "Le paiement ou la condamnation ne peut pas précéder la date de l'infraction.",
            )
        if self.decision is not None and self.realite is not None and self.decision < self.realite:
            raise InconsistentFacts(
                "offence.decision_before_realite", "decision",
                "La décision de retrait ne peut pas précéder le paiement ou la condamnation.",
            )

    @property
    def effective(self) -> Optional[date]:
        """Date the retrait takes effect: the decision, else ``realite`` as an estimate (§0.2)."""
        return self.decision or self.realite

    @classmethod
    def coerce(cls, value: Any) -> "Offence":
        """Accept an ``Offence`` or a mapping with ISO date strings (what a chatbot slot holds)."""
        if isinstance(value, Offence):
            return value
        if not isinstance(value, Mapping):
            raise InconsistentFacts("offence.invalid", "offences",
                                    "Chaque infraction doit être décrite par ses dates, ses points et sa classe.")
        try:
            data = dict(value)
            for name in ("commission", "realite", "decision"):
                if isinstance(data.get(name), str):
                    data[name] = date.fromisoformat(data[name])
            data["points"] = int(data["points"])
            if not isinstance(data["commission"], date):
                # an offence whose day is not known (a payment only supposed, "si je paye demain"): no date to
                # count from, said as for any offence badly described (below)
                raise ValueError("an offence needs the day it was committed")
            return cls(
                commission=data["commission"], points=data["points"], offence_class=str(data["offence_class"]),
                realite=data.get("realite"), decision=data.get("decision"), key=data.get("key"),
                commission_known=bool(data.get("commission_known", True)),
                point_back_told=bool(data.get("point_back_told", False)), judged=bool(data.get("judged", False)),
                payment_told=bool(data.get("payment_told", False)),
                commission_month=bool(data.get("commission_month", False)),
            )
        except (KeyError, ValueError, TypeError) as exc:
            if isinstance(exc, InconsistentFacts):
                raise
            raise InconsistentFacts(
                "offence.invalid", "offences",
                "Infraction mal décrite : il faut la date de l'infraction, les points retirés et la classe.",
            ) from exc

    def to_dict(self) -> dict:
        told = {
            "commission": self.commission.isoformat(), "points": self.points, "offence_class": self.offence_class,
            "realite": to_jsonable(self.realite), "decision": to_jsonable(self.decision), "key": self.key,
        }
        # (the flags only when set: a plain offence's dict stays as the golden cases write it)
        for flag in ("point_back_told", "judged", "payment_told", "commission_month"):
            if getattr(self, flag):
                told[flag] = True
        return told if self.commission_known else {**told, "commission_known": False}
