"""Property tests: extract_facts never raises and its spans are sound."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.nlu.fact_parsing import extract_facts

FRENCH_BITS = st.sampled_from([
    "il me reste", "7", "sept", "points", "pts", "48N", "48 si", "le", "12/03/2023", "12-03-23", "hier",
    "il y a deux ans", "depuis 18 mois", "permis", "stage", "flashé à", "135", "au lieu de", "110", "km/h",
    "+25", "-2", "😀", "<b>", "</b>", "é", "’", "\n", ".", ",", "conduite accompagnée", "sans", "pas", "AAC",
    "suspendu", "vingt-cinq", "quatre-vingt-dix", "mars", "2023", "/", "-", "(50)", "tel au volant", "ß", "İ",
    "\u0301", "ﬁ", "한국어", "\x00", "  ",
])


def _check(text: str) -> None:
    found = extract_facts(text, date(2026, 11, 23))
    assert isinstance(found, list)
    for fact in found:
        assert 0 <= fact.start < fact.end <= len(text)
        assert text[fact.start:fact.end] == fact.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text(text):
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRENCH_BITS, max_size=30).map(" ".join))
def test_french_like_text(text):
    _check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRENCH_BITS, max_size=12).map("".join))
def test_glued_french_bits(text):
    _check(text)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.text(min_size=20, max_size=400).map(lambda t: (t * (5000 // len(t) + 1))[:5000]))
def test_long_text(text):
    _check(text)
