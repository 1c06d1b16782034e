"""Small helpers shared by the rule modules: building reasons and checking facts."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Optional

from .errors import InconsistentFacts
from .model import Reason, strongest
from .params import ParamValue, load_params


def reason(code: str, rule: str, *, params: Iterable[ParamValue] = (), refs: Iterable[str] = (),
           certainty: Optional[str] = None, refs_first: bool = False, **data: Any) -> Reason:
    """A Reason citing the references of the parameters it read plus ``refs`` (keys).

    Its certainty is ``certainty`` when given (our interpretation [I], unverified [U]),
    otherwise the best tag among its references. ``refs_first``: ``refs`` come before the parameters' own
    (the article that states the rule is cited, not the one of a delay it reads: R16's refund is L.223-6's).
    """
    params = tuple(params)
    collected = []
    own = list(load_params().refs(tuple(refs)))
    read = [r for p in params for r in p.refs]
    for ref in (own + read if refs_first else read + own):
        if ref not in collected:
            collected.append(ref)
    tag = certainty or strongest([r.tag for r in collected])
    return Reason(
        code=code, rule=rule, certainty=tag, refs=tuple(collected),
        params={p.name: p.value for p in params}, data=data,
    )


def not_after_today(day: Optional[date], today: date, field: str, what_fr: str) -> None:
    """Facts that must already have happened."""
    if day is not None and day > today:
        raise InconsistentFacts(f"{field}.in_future", field, f"{what_fr} ne peut pas être dans le futur.")


def not_before(day: Optional[date], anchor: Optional[date], field: str, message_fr: str) -> None:
    """``day`` must not be earlier than ``anchor``."""
    if day is not None and anchor is not None and day < anchor:
        raise InconsistentFacts(f"{field}.too_early", field, message_fr)


def check_points(value: Optional[int], field: str, *, low: int, high: int, what_fr: str) -> None:
    """An integer number of points between ``low`` and ``high``."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InconsistentFacts(f"{field}.not_integer", field, f"{what_fr} doit être un nombre entier de points.")
    if value < low or value > high:
        raise InconsistentFacts(
            f"{field}.out_of_range", field, f"{what_fr} doit être compris entre {low} et {high} points.",
        )
