"""Leftovers of the outside testers T11/T12 (BOT_TODAY=2026-12-01) fixed in the parser by helper h21."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def roles(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- an impossible date keeps the role a real one would have: the correction said next fills that date -----------

@pytest.mark.parametrize("text, role", [
    ("j'ai payé mon amende le 31/02/2025, 3 points", "payment"),
    ("amende réglée le 31 février 2025", "payment"),
    ("j'ai eu mon permis le 31/02/2025", "licence"),
    ("j'ai reçu la lettre 48N le 30/02/2025", "letter_48n"),
    ("le 31/02/2023", None),
])
def test_an_impossible_date_has_the_role_of_its_cue(text, role):
    [(_, found)] = roles(text, "invalid_date")
    assert found == role


def dates(text):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == "date"]


# --- the year of a date told without one: "depuis" is behind today; a hearing to come is ahead ----------------------

@pytest.mark.parametrize("text, expected", [
    ("jai une suspension de permis de 3 mois depuis le 15 novembre, je peux faire un stage pendant ?", "2026-11-15"),
    ("suspendu depuis le 20 novembre, je pourrai faire un stage ?", "2026-11-20"),
    ("depuis le 15 novembre je n'ai plus le droit de conduire, je vais faire un stage", "2026-11-15"),
    ("je suis suspendu depuis mars, je peux refaire un stage ?", "2026-03"),
])
def test_a_date_since_which_something_lasts_is_behind_today(text, expected):
    assert expected in dates(text)


@pytest.mark.parametrize("text, expected", [
    ("le controle c'etait le 5 octobre mais je suis convoqué au tribunal en janvier, les points sont deja enleves ?",
     "2027-01"),
    ("je passe au tribunal en janvier, je perds mes points quand ?", "2027-01"),
    ("audience le 12 janvier pour mon excès, je perds combien ?", "2027-01-12"),
    ("ma convocation au tribunal est pour février", "2027-02"),
])
def test_a_hearing_to_come_is_ahead(text, expected):
    assert expected in dates(text)


@pytest.mark.parametrize("text, expected", [
    ("je suis passé au tribunal en janvier, j'ai perdu 6 points", "2026-01"),
    ("l'audience a eu lieu en février", "2026-02"),
])
def test_a_hearing_told_in_the_past_is_behind(text, expected):
    assert expected in dates(text)


# --- a stage's days told by their names, or "ce week-end", with no verb: the coming ones (today Tuesday 1/12/2026) ---

@pytest.mark.parametrize("text", [
    "le stage c'est samedi et dimanche",
    "mon stage est samedi dimanche, je serai à combien ?",
    "le stage c'est ce week-end",
    "si je fais le stage ce week-end j'aurai combien ?",
    "stage samedi-dimanche, ça me rend 4 points ?",
    "je fais le stage samedi et dimanche",
    "le stage c'est le week-end prochain",
])
def test_a_stage_told_by_its_weekend_days_is_the_coming_one(text):
    assert roles(text, "date") == [("2026-12-05", "stage")]


@pytest.mark.parametrize("text", [
    "j'ai fait le stage samedi et dimanche",
    "j'ai fait le stage ce week-end",
    "le week-end dernier j'ai fait un stage",
])
def test_a_stage_told_in_the_past_by_its_weekend_days_is_the_last_one(text):
    assert roles(text, "date") == [("2026-11-28", "stage")]


def test_two_days_named_without_a_stage_stay_two_days():
    assert [d for d, _ in roles("j'ai eu un excès samedi et dimanche je suis parti", "date")] == [
        "2026-11-28", "2026-11-29"]
