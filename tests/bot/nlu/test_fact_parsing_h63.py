"""Facts T27 found misread (h63; today 1 December 2026)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def dates(text):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text", [
    "il s'est fait contrôler avec 0,3 g d'alcool dans le sang le 14 novembre",
    "Mon fils a eu son permis le 2 février 2025, il s'est fait contrôler avec 0,3 g d'alcool dans le sang le 14 "
    "novembre. Il va perdre son permis ?",
    "je me suis fait contrôler le 14 novembre",
    "elle s'était fait contrôler à 0,5 g le 14 novembre",
])
def test_a_check_told_by_a_reflexive_past_is_the_offence_of_the_last_such_day(text):
    # T27 c18: "s'est fait" was read as "s'il est fait" (a plan), so the day was 14 November 2027, and no offence's
    assert dates(text)[-1] == ("2026-11-14", "offence")


def test_a_car_to_have_inspected_is_no_offence():
    assert all(role is None for _, role in dates("je dois faire contrôler ma voiture le 10 décembre"))


def points(text):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity in ("points", "number")]


@pytest.mark.parametrize("text", [
    "quand est ce que je recupere mon point ? jai eu un exces de vitesse de 1 point",
    "un feu rouge à 1 point",
    "un stop de 1 point",
])
def test_the_points_of_an_offence_named_are_a_loss(text):
    # T27 c09: "un excès de vitesse de 1 point" had no role, and the points were asked again
    assert points(text) == [(1, "lost")]


@pytest.mark.parametrize("text", ["un", "Un.", "une seule", "juste un", "euh un seul"])
def test_one_alone_is_a_count(text):
    # T27 c09: "un" to a count asked was an article, no answer
    assert points(text) == [(1, None)]


@pytest.mark.parametrize("text", ["un stage", "un excès de vitesse", "un ou deux ans"])
def test_one_as_an_article_is_no_count(text):
    assert (1, None) not in points(text)
