"""T27 c32 (today 1 December 2026): "J'ai eu mon permis il y a longtemps, en 1995, …" gave 1995 no role, and the licence's
date was asked again. A date set after a comma dates the clause before it: the licence here, as a payment's day was
("elle a payé l'amende tout de suite, le 10 octobre", T23 c13)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def dates(text):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text, expected", [
    ("J'ai eu mon permis il y a longtemps, en 1995, et je n'avais jamais eu de souci", [("1995", "licence")]),
    ("elle a payé l'amende tout de suite, le 10 octobre", [("2026-10-10", "payment")]),
])
def test_a_date_after_a_comma_dates_the_clause_before_it(text, expected):
    assert dates(text) == expected


def test_a_date_after_a_comma_without_a_cue_before_keeps_no_role():
    assert dates("j'ai eu une amende pour un stop, en mars 2025") == [("2025-03", None)]
