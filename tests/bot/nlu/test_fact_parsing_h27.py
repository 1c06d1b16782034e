"""Leftovers of the helpers (h27), the parser's side (today pinned to Tuesday 2026-12-01)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def facts(text: str, entity: str):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- a licence that opens the message, dated by its year alone ("permis en 2023"), as "permis depuis 2023"
@pytest.mark.parametrize("text,year", [
    ("permis en 2023, combien de points j'ai ?", "2023"),
    ("permis 2019, retrait 3 points feu rouge, il me reste combien ?", "2019"),
    ("bonjour, permis en 2021 et un excès de 25 km/h", "2021"),
    ("mon permis en 2020, j'ai perdu 2 points", "2020"),
])
def test_a_licence_told_by_its_year_opening_the_message(text, year):
    assert (year, "licence") in facts(text, "date")


# --- several stages named together: the dates listed right after them are the stages' (helper h25)
@pytest.mark.parametrize("text,expected", [
    ("j'ai fait deux stages, en mars 2024 et en avril 2025, je peux en refaire un ?", ["2024-03", "2025-04"]),
    ("mes 2 stages datent de 2023 et 2025", ["2023", "2025"]),
    ("mes stages : le 3 mars 2024 et le 10 avril 2025", ["2024-03-03", "2025-04-10"]),
    ("plusieurs stages, le dernier en mai 2025", ["2025-05"]),
])
def test_the_dates_of_several_stages_named_together(text, expected):
    assert [value for value, role in facts(text, "date") if role == "stage"] == expected


def test_stages_of_something_else_date_no_stage():
    assert facts("les stages de ski en 2023 et 2024", "date") == [("2023", None), ("2024", None)]
    # the licence told after the list keeps its own role
    assert facts("j'ai fait 2 stages en 2023 et 2025, permis depuis 2010", "date")[-1] == ("2010", "licence")


# --- a payment without its year, told after a month with its year, follows it (helper h22)
@pytest.mark.parametrize("text,paid", [
    ("infraction en février 2025, payé le 15 fév", "2025-02-15"),
    ("excès de vitesse en février 2025, payé le 15", "2025-02-15"),
    ("feu rouge en octobre 2025, réglé le 3 novembre", "2025-11-03"),
])
def test_a_payment_follows_the_month_of_its_offence(text, paid):
    assert (paid, "payment") in facts(text, "date")


def test_a_month_to_come_lends_no_year_to_a_past_day():
    # (the story's year carries from a past month only: "le mois prochain je paie, j'ai été flashé le 3 mars")
    assert ("2026-03-03", "offence") in facts("le mois prochain je paie, j'ai été flashé le 3 mars", "date")


# --- "excès" alone is a speeding, its class unknown until its speeds are (helper h24)
@pytest.mark.parametrize("text", ["j'ai eu un excès", "un petit excès ça coûte combien de points ?",
                                  "j'ai eu un excès, je récupère mon point quand ?", "mon excès c'était en ville"])
def test_an_excess_alone_is_a_speeding(text):
    assert facts(text, "offence_type") == [("speeding", None)]


def test_an_excess_among_other_offences():
    assert [v for v, _ in facts("j'ai fait un excès et un feu rouge", "offence_type")] == ["speeding", "red_light"]


# --- a point lost on a road named: the road gives the limit, which decides the class of a small excess (R4; h20)
@pytest.mark.parametrize("text, limit", [
    ("j'ai perdu 1 point en ville, payé le 10 mars 2026", 50),
    ("j'ai pris un point en agglomération", 50),
    ("un point sur l'autoroute", 130),
])
def test_one_point_on_a_road_gives_the_limit(text, limit):
    assert facts(text, "speed_limit") == [(limit, None)]


def test_a_balance_of_one_point_in_town_gives_no_limit():
    assert facts("il me reste 1 point en ville", "speed_limit") == []
