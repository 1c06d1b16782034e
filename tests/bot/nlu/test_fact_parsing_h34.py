"""Facts earlier helpers left misread (h34; BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def days(text):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == "date"]


# --- h31's leftover: a stage supposed in the passive ("s'il est fait les 14-15 décembre") is a plan, the next days
# (two days told alone, with no tense, stay the last ones: test_fact_parsing_context) -------------------------------

@pytest.mark.parametrize("text", [
    "Et le stage lui rendrait combien exactement s'il est fait les 14-15 décembre sans 48SI ?",
    "le stage rendrait combien s'il est fait les 14-15 décembre",
    "et si la formation est suivie les 14 et 15 décembre ?",
    "si c'est fait le 14 décembre, il aura combien ?",
])
def test_two_days_or_a_supposed_stage_without_year_are_the_next_ones(text):
    assert days(text) == ["2026-12-14"]


@pytest.mark.parametrize("text", [
    "j'ai fait un stage les 14 et 15 décembre",
    "mon stage des 14-15 décembre était déjà fait",
])
def test_two_days_of_a_stage_done_are_the_last_ones(text):
    assert days(text) == ["2025-12-14"]


# --- h28: a speed the radar showed is the speed measured (R4 edge case), found whatever the wording ----------------

@pytest.mark.parametrize("text", ["le radar a marqué 112", "vitesse mesurée : 112", "la vitesse mesurée était de 112",
                                  "mesuré à 112 par le radar"])
def test_a_speed_the_radar_showed_is_the_speed_measured(text):
    from bot.nlu.fact_parsing import radar_speed
    assert [f.value for f in extract_facts(text, TODAY) if f.entity == "speed_measured"] == [112]
    assert radar_speed(text) == 112


@pytest.mark.parametrize("text", ["flashé à 112", "l'avis indique 112", "vitesse retenue 112", "je roulais à 112"])
def test_other_speeds_are_not_the_radars(text):
    from bot.nlu.fact_parsing import radar_speed
    assert radar_speed(text) is None


# --- h29 (T16 c31): a fine paid at once ("payé direct", "réglée le jour même") is paid on the offence's day ------------

@pytest.mark.parametrize("text, day", [
    ("c'etait un feu rouge en mars, paye direct", "2026-03"),
    ("un stop le 3 novembre, amende réglée le jour même", "2026-11-03"),
    ("téléphone au volant le 2 octobre, payé tout de suite", "2026-10-02"),
])
def test_a_fine_paid_at_once_is_paid_on_the_offences_day(text, day):
    assert (day, "payment") in [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


def test_a_payment_told_keeps_its_own_day():
    dated = [(f.value, f.role) for f in extract_facts("feu rouge le 2 mars, payé le 10 mars", TODAY) if f.entity == "date"]
    assert ("2026-03-10", "payment") in dated and ("2026-03-02", "payment") not in dated
