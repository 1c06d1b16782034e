"""Legal parameters, OpenFisca style: dated values with references, looked up by date.

``parameters.json`` holds every legal number and duration, keyed by name, each with the
spec rule (R1…R21) and a list of values ``{since, value, refs}``. ``Params.at(day)`` gives the
values in force on ``day``. A value ``null`` means "not in force on that day".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .model import TAGS, LegalRef

DATA_FILE = Path(__file__).with_name("parameters.json")


@dataclass(frozen=True)
class ParamValue:
    """The value of one parameter on one day, with where it comes from."""

    name: str
    rule: str
    value: Any
    since: date
    refs: tuple


@dataclass(frozen=True)
class OffenceSpec:
    """One row of the offence table (R4), values as of a commission date."""

    key: str
    label_fr: str
    article: Any
    offence_class: Any
    points: Any
    rule: str
    refs: tuple
    driver_not_liable: bool = False
    no_licence_points: bool = False
    #: the owner is a legal person (a company car): it must designate the driver (R21, L.121-6)
    legal_person_owner: bool = False


class ParamView:
    """The parameters in force on one day."""

    def __init__(self, params: "Params", day: date) -> None:
        self._params = params
        self.day = day

    def get(self, name: str) -> ParamValue:
        return self._params.lookup(name, self.day)

    def value(self, name: str) -> Any:
        return self.get(name).value


class Params:
    """All parameters, validated once at load."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.origin = date.fromisoformat(data["origin"])
        self.references = {
            key: LegalRef(key=key, text=ref["text"], url=ref["url"], tag=ref["tag"])
            for key, ref in data["references"].items()
        }
        for ref in self.references.values():
            if ref.tag not in TAGS:
                raise ValueError(f"reference {ref.key}: unknown tag {ref.tag}")
        self._series: dict = {}
        for name, spec in data["parameters"].items():
            values = []
            for item in spec["values"]:
                values.append(ParamValue(
                    name=name, rule=spec["rule"], value=item["value"],
                    since=date.fromisoformat(item["since"]), refs=self.refs(item["refs"]),
                ))
            sinces = [v.since for v in values]
            if sinces != sorted(set(sinces)):
                raise ValueError(f"parameter {name}: 'since' dates must be strictly increasing")
            if sinces[0] != self.origin:
                raise ValueError(f"parameter {name}: first value must start at the origin {self.origin}")
            self._series[name] = tuple(values)
        self._offences = dict(data["offences"])
        for key, row in self._offences.items():
            self.refs(row["refs"])

    def refs(self, keys) -> tuple:
        missing = [k for k in keys if k not in self.references]
        if missing:
            raise ValueError(f"unknown references: {missing}")
        return tuple(self.references[k] for k in keys)

    @property
    def names(self) -> tuple:
        return tuple(self._series)

    @property
    def offence_keys(self) -> tuple:
        return tuple(self._offences)

    def series(self, name: str) -> tuple:
        return self._series[name]

    def lookup(self, name: str, day: date) -> ParamValue:
        """The value of ``name`` in force on ``day``; before the origin, the first value."""
        found = self._series[name][0]
        for value in self._series[name]:
            if value.since <= day:
                found = value
        return found

    def at(self, day: date) -> ParamView:
        return ParamView(self, day)

    def offence_points_history(self, key: str) -> tuple:
        """The points of offence row ``key`` over time: (since, points) pairs, oldest first; () when its scale holds
        one value only (no change recorded) or bands (speeding)."""
        points = self._offences[key]["points"]
        if not isinstance(points, list):
            return ()
        return tuple((date.fromisoformat(item["since"]), item["value"]) for item in points)

    def offence(self, key: str, day: date) -> OffenceSpec:
        """Offence row ``key`` with its points in force on ``day`` (commission date)."""
        row = self._offences[key]
        points = row["points"]
        if isinstance(points, list):
            current = points[0]["value"]
            for item in points:
                if date.fromisoformat(item["since"]) <= day:
                    current = item["value"]
            points = current
        return OffenceSpec(
            key=key, label_fr=row["label_fr"], article=row["article"], offence_class=row["class"],
            points=points, rule=row["rule"], refs=self.refs(row["refs"]),
            driver_not_liable=bool(row.get("driver_not_liable", False)),
            no_licence_points=bool(row.get("no_licence_points", False)),
            legal_person_owner=bool(row.get("legal_person_owner", False)),
        )


@lru_cache(maxsize=1)
def load_params() -> Params:
    """The parameters of ``parameters.json``, loaded and validated once."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return Params(json.load(handle))
