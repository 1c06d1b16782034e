"""Facts the outside tester T11 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T11 c12: a question of what the training (or the AAC) is tells nothing of the user's ---------------------------

@pytest.mark.parametrize("text, entity", [
    ("c quoi la formation complementaire ? ca sert a quoi", "complementary_training"),
    ("la formation complementaire post permis, c quoi", "complementary_training"),
    ("qu'est-ce que la formation post-permis ?", "complementary_training"),
    ("explique moi la formation complementaire", "complementary_training"),
    ("c'est quoi la conduite accompagnée ?", "supervised_driving"),
])
def test_what_it_is_asked_is_not_told(text, entity):
    assert of(text, entity) == []


@pytest.mark.parametrize("text, entity, value", [
    ("j'ai fait la formation complémentaire, ça sert à quoi ?", "complementary_training", True),
    ("formation complémentaire faite en mars, c'est quoi mon solde ?", "complementary_training", True),
    ("sans formation complémentaire, je suis à combien ?", "complementary_training", False),
    ("j'ai fait la conduite accompagnée, c'est quoi mon plafond ?", "supervised_driving", True),
])
def test_what_is_told_is_still_read(text, entity, value):
    assert [v for v, _ in of(text, entity)] == [value]


# --- T11 c15: an engine's size is no count of points ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "et si c'est ma fille de 16 ans en scooter 50cc qui grille le feu, elle a pas de permis B ?",
    "mon scooter 125 cc a grillé un stop, il perd combien ?",
    "feu rouge grillé en 50 cm3 par mon fils",
])
def test_an_engine_size_is_no_points(text):
    assert of(text, "points") == []


def test_points_said_beside_an_engine_size_are_read():
    assert of("mon scooter 125 cc, j'ai perdu 2 points", "points") == [(2, "lost")]
