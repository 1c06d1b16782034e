"""Facts the outside tester T9 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T9 c25, c03: a stage to come told of someone else ("s'il fait le stage…") is the next such day -------------

@pytest.mark.parametrize("text, day", [
    ("il avait 11 pts. il lui en reste 2 du coup ? s'il fait le stage chez nous les 10-11 decembre il remonte a "
     "combien", "2026-12-10"),
    ("oui mais concretement il envoie quoi et a qui ? il fait le stage les 8 et 9 janvier", "2027-01-08"),
    ("elle passe son stage le 20 novembre, elle aura combien ?", "2027-11-20"),
    ("si vous faites le stage les 3 et 4 décembre, ça donne quoi ?", "2026-12-03"),
])
def test_a_stage_told_as_a_plan_of_someone_else_is_to_come(text, day):
    assert of(text, "date") == [(day, "stage")]


@pytest.mark.parametrize("text, day", [
    ("stage le 14 décembre", "2026-12-14"),          # ahead by 13 days, not back by 352
    ("stage du 10 au 11 décembre", "2026-12-10"),
    ("stage les 20 et 21 novembre", "2026-11-20"),   # back by 11 days, not ahead by 354
    ("stage en janvier", "2027-01"),
])
def test_a_stage_told_without_a_tense_is_the_nearer_such_day(text, day):
    assert [value for value, _ in of(text, "date")] == [day]


@pytest.mark.parametrize("text", ["j'ai fait un stage le 14 décembre", "mon dernier stage le 14 décembre",
                                  "stage fait le 14 décembre", "il a fait le stage le 14 décembre"])
def test_a_stage_told_as_done_is_still_the_last_such_day(text):
    assert of(text, "date") == [("2025-12-14", "stage")]


# --- T9 c07: "cette semaine, le 3 et 4 décembre" is that week's 3 December, not its Monday (30 November) -----------

@pytest.mark.parametrize("text", [
    "elle peut faire un stage cette semaine, le 3 et 4 decembre, ca marche ?",
    "je peux faire un stage cette semaine le 3 et 4 décembre ?",
    "un stage cette semaine, les 3 et 4 décembre, c'est possible ?",
])
def test_a_day_told_with_this_week_is_that_day(text):
    assert [value for value, _ in of(text, "date")] == ["2026-12-03"]


def test_this_week_alone_is_still_its_monday():
    assert [value for value, _ in of("j'ai été flashé cette semaine", "date")] == ["2026-11-30"]


# --- T9 c25: "vieux permis, plus de 10 ans" to the licence's question: more than 10 years ago (no probation) -------

@pytest.mark.parametrize("text, day", [
    ("je sais pas, vieux permis, plus de 10 ans", "2016-12-01"),
    ("plus de quinze ans de permis", "2011-12-01"),
    ("au moins 20 ans", "2006-12-01"),
])
def test_more_than_a_number_of_years_is_a_date_that_long_ago(text, day):
    assert [value for value, _ in of(text, "date")] == [day]


@pytest.mark.parametrize("text", ["il a plus de 18 ans", "plus de 10 ans d'expérience de conduite",
                                  "mon passager a plus de 25 ans"])
def test_an_age_or_an_experience_is_no_date(text):
    assert of(text, "date") == []


# --- T9 c24: the belt of a passenger named before it, words set apart between them, is the passenger's (R21) -------

@pytest.mark.parametrize("text", [
    "si mon passager (mon pote, 25 ans) a pas sa ceinture c'est moi qui perd les points ?",
    "mon passager, un collègue de 40 ans, avait pas mis sa ceinture",
    "mon pote de 30 ans, passager, était pas attaché",
    "mon passager de 25 ans n'a pas sa ceinture, je perds des points ?",
])
def test_an_adult_passenger_s_belt_is_the_passenger_s(text):
    assert [value for value, _ in of(text, "offence_type")] == ["seatbelt_adult_passenger"]


@pytest.mark.parametrize("text", ["mon passager, mon fils de 16 ans, avait pas sa ceinture",
                                  "mon passager (un ado) n'était pas attaché"])
def test_a_minor_passenger_s_belt_is_the_driver_s_fine_without_points(text):
    assert [value for value, _ in of(text, "offence_type")] == ["child_restraint"]


@pytest.mark.parametrize("text", ["mon passager dormait. j'avais pas ma ceinture",
                                  "avec mon passager, j'avais pas mis ma ceinture"])
def test_the_driver_s_own_belt_stays_the_driver_s(text):
    assert [value for value, _ in of(text, "offence_type")] == ["seatbelt"]


@pytest.mark.parametrize("text, balance", [
    ("il avait 11 pts. il lui en reste 2 du coup ?", [11, 2]),  # T10 c25
    ("elle en avait 8 avant", [8]),
])
def test_a_balance_someone_else_had_before(text, balance):
    assert [v for v, role in of(text, "points") if role == "balance"] == balance
