"""Facts the outside tester T7 saw misread (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts, says_retained_speed

TODAY = date(2026, 12, 1)


def facts(text):
    return {(f.entity, f.value, f.role) for f in extract_facts(text, TODAY)}


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T7 c11: the speed kept after the radar's margin counts, not the speed measured (R4) --------------------------

@pytest.mark.parametrize("text", [
    "jai ete flashé a 140 sur une 110, retenu 133",
    "flashé à 140 km/h sur l'autoroute limitée à 110, vitesse retenue 133 km/h",
    "pris à 140 sur une 110 (133 km/h après abattement), combien de points ?",
    "mesuré à 140, après abattement de 5 % ça fait 133, sur une route à 110",
])
def test_the_retained_speed_overrides_the_measured_one(text):
    assert of(text, "speed_excess") == [(23, None)]  # 133 - 110: 2 points, not 30 (3 points)
    assert of(text, "speed_limit") == [(110, None)]
    assert of(text, "speed_measured") == [] and of(text, "number") == []
    assert says_retained_speed(text)


@pytest.mark.parametrize("text", ["non je tai dit retenu 133 !! cest marqué sur lavis", "vitesse retenue : 133",
                                  "ils ont retenu 133 km/h"])
def test_a_retained_speed_alone_is_the_speed_to_count_from(text):
    assert of(text, "speed_measured") == [(133, None)] and of(text, "number") == []


@pytest.mark.parametrize("text, excesses", [
    # an excess said "retenu" stays an excess, and the next offence keeps its own speeds
    ("Flashé a +22 retenu sur une route a 80 le 3 juin 2026 payé le 15 juin, puis +8 sur une route a 110 le 1 "
     "octobre 2026 payé le 10 octobre.", [22, 8]),
    ("flashé à 140 sur une 110, retenu 133. Et l'an dernier flashé à 95 sur une 80.", [23, 15]),
])
def test_a_retained_speed_changes_only_its_own_offence(text, excesses):
    assert [v for v, _ in of(text, "speed_excess")] == excesses


@pytest.mark.parametrize("text", ["permis retenu 72 h", "retenu sur le bord de la route, j'étais à 135 au lieu de 90"])
def test_a_retained_licence_is_no_speed(text):
    assert of(text, "speed_measured") in ([], [(135, None)])
    assert not says_retained_speed(text)


# --- T7 c27: "donc jsuis a 12 là ?" is where the driver stands, not a number for the excess ------------------------

@pytest.mark.parametrize("text, balance", [("donc jsuis a 12 la ?", 12), ("chui à 7 maintenant ?", 7),
                                           ("du coup j'suis à 10 là, c'est ça ?", 10)])
def test_where_the_driver_stands_is_a_balance(text, balance):
    assert of(text, "points") == [(balance, "balance")] and of(text, "number") == []


# --- T7 c26: one light told twice is one offence -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "le 3 septembre 2026 j'ai grillé un feu rouge, enfin il etait orange bien mur mais bon, et j'ai payé l'amende",
    "passé au rouge, il était orange bien mûr quand je suis passé",
    "j'ai grillé un feu rouge, en fait plutôt un feu orange limite",
])
def test_a_light_restated_is_one_offence(text):
    assert len(of(text, "offence_type")) == 1


def test_two_lights_on_two_days_are_two_offences():
    assert [v for v, _ in of("un feu orange le 3 mars et un feu rouge le 5 juin", "offence_type")] == \
        ["amber_light", "red_light"]


# --- earlier work: the licence's year, the balance before the offences ---------------------------------------------

@pytest.mark.parametrize("text, licence", [("permis de 2012", "2012"), ("permis B de 2012, stage le 14 décembre", "2012"),
                                           ("j'ai un permis de mars 2015, stage les 3 et 4 janvier", "2015-03")])
def test_a_licence_dated_by_its_complement_is_the_licence_s(text, licence):
    dates = of(text, "date")
    assert (licence, "licence") in dates
    assert all(role == "stage" for value, role in dates if value != licence)  # not merged into the stage's day


@pytest.mark.parametrize("text", ["au départ 12 points", "12 points au départ puis un feu rouge",
                                  "à l'origine 12 points, j'ai perdu 3 points"])
def test_the_balance_at_the_start_is_a_balance(text):
    assert (12, "balance") in of(text, "points")


# --- T7 c19: a stage's days asked about ("ça passe ?") are the next ones ------------------------------------------

@pytest.mark.parametrize("text, first_day", [("ok donc le 27 et 28 fevrier ca passe ?", "2027-02-27"),
                                             ("les 8 et 9 janvier ça marche ?", "2027-01-08"),
                                             ("le 3 février, ça irait ?", "2027-02-03")])
def test_a_day_asked_about_as_a_plan_is_the_next_one(text, first_day):
    assert [v for v, _ in of(text, "date")] == [first_day]
