"""Facts the outside tester T16 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T16 c25: "Permis eu le 10/03/2024 (classique)": the licence learnt without AAC (R5), AAC was asked anyway -------

@pytest.mark.parametrize("text", [
    "Permis eu le 10/03/2024 (classique). Exces de 25 km/h le 1er sept 2024, amende payee le 20/09/2024.",  # T16 c25
    "permis B obtenu en mai 2024 (filière traditionnelle), il me reste 4 points",
    "j'ai eu mon permis de façon classique en mars 2024",
    "mon permis date de juin 2025 (normal), excès de 20 km/h",
])
def test_a_licence_said_classic_is_no_supervised_driving(text):
    assert of(text, "supervised_driving") and all(value is False for value, _ in of(text, "supervised_driving"))


def test_a_classic_offence_is_no_way_of_learning():
    assert of("un excès de vitesse classique de 20 km/h (classique)", "supervised_driving") == []


# --- T16 c23: "ils vont m'enlever 9 points ?? j'en ai 10": "j'en ai N" after points named is the balance (R1) -------

@pytest.mark.parametrize("text, balance", [
    ("controle de police hier : 35 km/h de trop + telephone a la main + pas de ceinture. ils vont m'enlever 9 points ?? "
     "j'en ai 10", 10),  # T16 c23
    ("on va me retirer 6 points, j'en ai 8 seulement", 8),
    ("combien de points je perds ? jen ai 11 actuellement", 11),
])
def test_a_count_of_the_points_named_before_is_the_balance(text, balance):
    assert (balance, "balance") in of(text, "points")


@pytest.mark.parametrize("text", ["des PV, j'en ai 3", "j'ai perdu 4 points, des amendes j'en ai 2"])
def test_a_count_of_something_else_is_no_balance(text):
    assert all(role != "balance" for _, role in of(text, "points"))


# --- T16 c08: "c'est mon permis que j'ai eu en septembre 2025": the licence's date, by its relative clause -----------

@pytest.mark.parametrize("text, day", [
    ("non c'est mon permis que j'ai eu en septembre 2025, j'ai jamais fait de stage", "2025-09"),  # T16 c08
    ("le permis que j'ai obtenu le 3 mars 2024, pas un stage", "2024-03-03"),
    ("c'est le permis qu'il a eu en 2023", "2023"),
])
def test_the_licence_named_by_a_relative_clause_dates_the_licence(text, day):
    assert (day, "licence") in of(text, "date")
