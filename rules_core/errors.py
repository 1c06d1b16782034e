"""Impossible input facts (spec: the engine refuses facts the law cannot produce)."""

from __future__ import annotations


class InconsistentFacts(ValueError):
    """Raised when the facts given to the engine cannot all be true.

    ``code`` is stable (``licence.in_future``), ``field`` names the offending input,
    ``message_fr`` is a French sentence that can be shown to the user as is.
    """

    def __init__(self, code: str, field: str, message_fr: str) -> None:
        super().__init__(f"{code} ({field}): {message_fr}")
        self.code = code
        self.field = field
        self.message_fr = message_fr

    def to_dict(self) -> dict:
        return {"error": self.code, "field": self.field, "message_fr": self.message_fr}
