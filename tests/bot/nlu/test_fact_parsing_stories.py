"""Dates of a story's other events: the invalidation of a licence (R10 ex. 3, R20), the licence obtained again
(R5 ex. 4), the licence to be handed back after a 48SI (R20); "la règle des 10 ans" is no payment."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def dates(text: str):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text,expected", [
    ("Mon permis a ete invalide en 2020, je l'ai repasse en 2021.", [("2020", "invalidation"), ("2021", "licence")]),
    ("mon permis a été annulé en 2019, repassé le 3 mars 2020", [("2019", "invalidation"), ("2020-03-03", "licence")]),
    ("j'ai repassé mon permis en octobre 2026 après une invalidation", [("2026-10", "licence")]),
    ("invalidation de mon permis le 15 juin 2020", [("2020-06-15", "invalidation")]),
    # a 48SI's receipt stays the letter's date
    ("j'ai reçu la 48SI le 3 mars, invalidation de mon permis", [("2026-03-03", "letter_48n")]),
])
def test_an_invalidation_and_the_licence_obtained_again_are_dated(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text", ["je le rends le 5 décembre, je pourrai repasser quand ?",
                                  "je vais rendre mon permis le 5 décembre"])
def test_the_licence_to_be_handed_back_is_dated(text):
    assert dates(text) == [("2026-12-05", "handed_back")]


def test_the_rule_of_ten_years_is_not_a_payment():
    assert dates("je récupère les 3 points de 2016 avec la règle des 10 ans ?") == [("2016", None)]
    assert dates("amende réglée le 3 mars") == [("2026-03-03", "payment")]


@pytest.mark.parametrize("text,expected", [
    # R15 example 1: the payment of the 25th is in September, not in the month of the question (it became 25 November
    # 2025, and the 12 points came 2 months late)
    ("téléphone le 10 septembre 2025 payé le 25, 48N reçue le 14 novembre 2025",
     [("2025-09-10", "offence"), ("2025-09-25", "payment"), ("2025-11-14", "letter_48n")]),
    # an earlier day is in the next month
    ("flashé le 10 septembre 2025, payé le 5", [("2025-09-10", "offence"), ("2025-10-05", "payment")]),
    ("contrôle le 30 janvier 2026 et amende payée le 31", [("2026-01-30", "offence"), ("2026-01-31", "payment")]),
])
def test_a_bare_day_after_a_date_of_the_story_is_in_its_month_or_the_next(text, expected):
    assert dates(text) == expected


def kinds(text: str):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == "stage_kind"]


@pytest.mark.parametrize("text,expected", [
    # both named: one of the two, not said which (R2: they differ on the offence's points)
    ("le procureur m'a proposé un stage (composition pénale / alternative aux poursuites)", ["prosecutor"]),
    ("stage en composition pénale ou en alternative aux poursuites, je sais pas trop", ["prosecutor"]),
    ("le procureur m'a proposé un stage au lieu des poursuites", ["alternative"]),
    ("stage dans le cadre d'une composition pénale proposée par le procureur", ["composition"]),
])
def test_the_prosecutor_s_stage_kind(text, expected):
    assert kinds(text) == expected
