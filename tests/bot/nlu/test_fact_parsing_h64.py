"""Fact parsing for tester T27's findings (branch h64), today pinned to 1 December 2026."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def triples(text: str):
    return {(f.entity, f.value, f.role) for f in extract_facts(text, TODAY)}


def entities(text: str):
    return {f.entity for f in extract_facts(text, TODAY)}


@pytest.mark.parametrize("text", [
    "ah non attends je me suis trompé c'était 135 € en fait, c'était en ville",  # T27 c35
    "c'était 135 € en ville",
    "flashé à 135 € sur autoroute",
    "une amende de 90 euros sur une route à 80",
])
def test_a_sum_of_money_is_never_a_speed(text):
    found = triples(text)
    assert not entities(text) & {"speed_measured", "speed_excess", "points", "date"}
    assert any(entity == "amount" for entity, _, _ in found)


def test_the_speed_beside_an_amount_is_still_read():
    assert {("speed_measured", 62, None), ("speed_limit", 50, None), ("amount", 135, None)} <= \
        triples("flashé à 62 en ville, amende de 135 €")


@pytest.mark.parametrize("text", [
    "et dans une ville à 50 si je suis flashé à 54 ?",  # T27 c27
    "flashé à 54 en agglomération à 50",
    "en ville à 50, flashé 54",
    "flashé à 54 dans une ville",
])
def test_a_town_s_limit_is_the_limit(text):
    found = triples(text)
    assert {("speed_measured", 54, None), ("speed_limit", 50, None), ("speed_excess", 4, None)} <= found
    assert not any(entity == "number" for entity, _, _ in found)


def test_a_speed_in_town_is_still_a_speed():
    # "en ville à 70": 70 is no town's usual limit, the speed driven there
    assert {("speed_measured", 70, None), ("speed_limit", 50, None)} <= triples("j'étais en ville à 70")


@pytest.mark.parametrize("text", [
    "le 20, c'était un vendredi samedi je crois",  # T27 c03
    "le 20, un vendredi et un samedi",
])
def test_the_days_of_the_week_a_date_fell_on_are_no_date(text):
    assert [value for entity, value, _ in triples(text) if entity == "date"] == ["2026-11-20"]


def test_a_day_of_the_week_alone_is_still_a_date():
    assert ("date", "2026-11-28", "stage") in triples("j'ai fait le stage samedi")
    assert not entities("c'était un samedi")



@pytest.mark.parametrize("text, day, margin_years", [
    ("ça fait longtemps, une vingtaine d'années", "2006-12-01", 5),  # T27 c13
    ("permis depuis une dizaine d'années", "2016-12-01", 2),
    ("il y a une quinzaine d'années", "2011-12-01", 4),
    ("depuis une bonne trentaine d'années", "1996-12-01", 8),
])
def test_a_number_of_years_said_roughly_is_a_date_with_its_margin(text, day, margin_years):
    from bot.nlu.fact_parsing import _Builder, _numeric_dates, _word_dates
    builder = _Builder(text, TODAY)
    _numeric_dates(builder)
    _word_dates(builder)
    part = next(p for p in builder.date_parts if p.d.isoformat() == day)
    low, high = part.window
    assert (part.d.year - low.year, high.year - part.d.year) == (margin_years, margin_years)
    assert any(entity == "date" and value == day for entity, value, _ in triples(text))


@pytest.mark.parametrize("text", ["il a une vingtaine d'années", "pendant une dizaine d'années",
                                  "une quinzaine de jours"])
def test_an_age_or_a_length_said_roughly_is_no_date(text):
    assert "date" not in entities(text)
