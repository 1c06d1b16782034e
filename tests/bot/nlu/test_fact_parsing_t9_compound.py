"""Tester T9 (BOT_TODAY=2026-12-01): the phone said "avec tel", a probation said over, an AAC licence's date."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def found(text: str):
    return [(f.entity, f.value, f.role) for f in extract_facts(text, TODAY)]


@pytest.mark.parametrize("text", [
    "et si on m'arrete avec tel + ceinture pas mise + 35 au dessus en meme temps ?",  # t9-c11
    "arrêté avec mon tel à la main",
    "contrôlé avec le tel et sans ceinture",
])
def test_the_phone_said_avec_tel(text):
    assert ("offence_type", "phone", None) in found(text)


def test_tel_alone_is_not_the_phone():
    assert ("offence_type", "phone", None) not in found("un tel excès de vitesse de 35 km/h")


@pytest.mark.parametrize("text, probationary", [
    ("Sa période probatoire est finie, il doit quand même faire le stage ?", False),  # t9-c35
    ("ma période probatoire est terminée depuis octobre", False),
    ("je ne suis plus en probatoire", False),
    ("plus en probatoire, je reçois une 48N ?", False),
    ("j'ai fini ma période probatoire", False),
    ("je suis en probatoire depuis mars", True),
    ("À la fin de ma période probatoire j'aurai combien de points ?", True),  # a day to come
])
def test_a_probation_said_over_is_not_a_probation(text, probationary):
    assert [v for e, v, _ in found(text) if e == "probationary"] == [probationary]


@pytest.mark.parametrize("text, day", [
    ("Un client (permis AAC obtenu le 10 octobre 2024) a commis un excès de 32 km/h le 1er octobre 2026",
     "2024-10-10"),  # t9-c35
    ("permis en conduite accompagnée obtenu en mars 2024", "2024-03"),
    ("mon permis aac passé le 3 juin 2025", "2025-06-03"),
])
def test_an_aac_licence_s_date_is_the_licence_s(text, day):
    assert ("date", day, "licence") in found(text)
