"""Facts the outside tester T11 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T11 c07: "un flash de 3 km/h" is an excess of 3 km/h (R4: 0 points under 5 km/h since 2024) ---------------

@pytest.mark.parametrize("text, excess", [
    ("et si je prends un flash de 3 km/h en janvier ca bloque ?", 3),
    ("et si je me fais flasher pour 4 km/h en février ?", 4),
    ("flashé de 12 km/h sur une 80", 12),
    ("et si un radar de 2 km/h me prend le mois prochain ?", 2),
])
def test_a_flash_of_a_few_km_h_is_an_excess(text, excess):
    assert of(text, "speed_excess") == [(excess, None)]
    assert of(text, "offence_type") == [("speeding", None)]


def test_a_flash_at_a_speed_is_still_the_speed_measured():
    assert of("flashé à 57 km/h en ville", "speed_measured") == [(57, None)]


# --- T11 c39: "le 2 avril 2026 j'ai été pris au téléphone" dates the offence (R8: its commission decides) --------

@pytest.mark.parametrize("text, day", [
    ("Ensuite le 2 avril 2026 j'ai été pris au téléphone, payé le 15 avril.", "2026-04-02"),
    ("le 3 mai 2026 il a été pris avec son portable", "2026-05-03"),
    ("le 3 mai j'ai été pris sans ceinture, payé le 20 mai", "2026-05-03"),
])
def test_a_day_told_before_being_caught_on_the_phone_is_the_offences(text, day):
    assert (day, "offence") in of(text, "date")


# --- T11 c10: "d'un point" is one point --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "non je parle d'un point perdu en mars 2025 (payé le 1er mars 2025), pas d'une nouvelle infraction",
    "la perte d'un point en 2025",
])
def test_one_point_after_d_apostrophe(text):
    assert of(text, "points") == [(1, "lost")]


def test_d_une_part_is_no_point():
    assert of("d'une part il a payé", "points") == []


# --- T11 c40: the notice of the fine is no letter; "pas encore de 48N" is not received --------------------------

@pytest.mark.parametrize("text", [
    "le 12 decembre 2026 il a reçu l'avis. il a une 48N ?",
    "j'ai reçu l'amende le 3 novembre",
    "elle a reçu un pv le 3 novembre",
])
def test_the_notice_of_the_fine_received_is_no_letter_received(text):
    assert of(text, "letter_received") == []


@pytest.mark.parametrize("text", [
    "oups le 12 novembre. c'est l'avis de contravention, il a pas encore de 48N. il va en recevoir une ?",
    "il a reçu une amende le 3 novembre, pas de lettre 48N pour l'instant",
])
def test_no_48n_yet_is_not_received(text):
    assert of(text, "letter_received") == [(False, None)]


def test_a_48n_received_is_still_received():
    assert of("j'ai reçu la 48N le 3 novembre", "letter_received") == [(True, None)]
