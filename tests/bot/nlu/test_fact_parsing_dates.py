"""Word dates and durations without Duckling (today pinned to Monday 2026-11-23)."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[3]


def dates(text: str, today: date = TODAY):
    return [(f.value, f.role) for f in extract_facts(text, today) if f.entity == "date"]


def test_duckling_is_never_imported():
    # a fresh interpreter: other tests (a Rasa pipeline) may import it in this one
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from bot.nlu.fact_parsing import extract_facts\n"
        "for text in ('12 mars 2023', 'il y a deux ans', 'hier', 'lundi dernier', 'depuis 18 mois',\n"
        "             'permis depuis mars 2024, il me reste 5 points', 'le 3 janvier'):\n"
        "    assert extract_facts(text, date(2026, 11, 23)), text\n"
        "assert 'duckling' not in sys.modules, 'duckling imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


@pytest.mark.parametrize("text,value", [
    ("12 mars 2023", "2023-03-12"),
    ("1er janvier 2022", "2022-01-01"),
    ("le premier mars", "2026-03-01"),
    ("le lundi 3 mars 2025", "2025-03-03"),
    ("le 12 mars 2023 à 14h", "2023-03-12"),
    ("14 juillet 2019", "2019-07-14"),
    ("le 3 fév 2024", "2024-02-03"),
    ("févr. 2024", "2024-02"),
    ("en septembre 2024", "2024-09"),
    ("sept 2024", "2024-09"),
    ("fin mars", "2026-03"),
    ("mi-mars", "2026-03"),
    ("fin octobre 2024", "2024-10"),
    ("début 2021", "2021"),
    ("mi-2022", "2022"),
    ("j'ai eu mon permis en 2023.", "2023"),
    ("en janvier dernier", "2026-01"),
    ("novembre dernier", "2025-11"),
    ("depuis janvier", "2026-01"),
    ("le 30 novembre", "2025-11-30"),
    ("le 28 du mois dernier", "2026-10-28"),
    ("les 3 et 4 avril", "2026-04-03"),
    # a stage's two days across a month's end: its first day
    ("j'ai réservé un stage les 30 novembre et 1er décembre 2026", "2026-11-30"),
    ("stage du 31 décembre au 1er janvier 2027", "2026-12-31"),
    ("stage du 29 février au 1er mars 2028", "2028-02-29"),
    ("le 12 03 2023", "2023-03-12"),
    ("aujourd'hui", "2026-11-23"),
    ("hier soir", "2026-11-22"),
    ("avant hier", "2026-11-21"),
    ("après-demain", "2026-11-25"),
    ("la semaine dernière", "2026-11-16"),
    ("la semaine prochaine", "2026-11-30"),
    ("cette semaine", "2026-11-23"),
    ("le mois prochain", "2026-12"),
    ("ce mois-ci", "2026-11"),
    ("l'an dernier", "2025"),
    ("cette année", "2026"),
    ("vendredi dernier", "2026-11-20"),
    ("lundi", "2026-11-23"),
    ("samedi", "2026-11-21"),
    ("lundi prochain", "2026-11-30"),
    ("l'été dernier", "2026-06"),
    ("à noël", "2025-12-25"),
    ("ça fait 3 ans", "2023-11-23"),
    ("cela fait 6 mois que j'ai mon permis", "2026-05-23"),
    ("il y a 2 ans et demi", "2024-05-23"),
    ("il y a trois mois et demi", "2026-08-08"),
    ("il y a 2 ans et 3 mois", "2024-08-23"),
    ("il y a 15 jours", "2026-11-08"),
    ("ya 6 mois", "2026-05-23"),
    ("depuis plus de 2 ans", "2024-11-23"),
    ("dans 2 semaines", "2026-12-07"),
    ("en 1995", "1995"),
    ("le 1er", "2026-11-01"),
])
def test_word_dates(text, value):
    assert value in [v for v, _ in dates(text)], dates(text)


@pytest.mark.parametrize("text, values", [
    ("les 29 novembre et 1er décembre 2026", ["2025-11-29", "2026-12-01"]),  # not two days in a row
    # 2028 has a 29 February (the stage's 28 February alone is the nearer one, T9 c25)
    ("stage du 28 février au 1er mars 2028", ["2027-02-28", "2028-03-01"]),
    ("les 30 novembre et 1er décembre 2026", ["2026-11-30"]),
])
def test_two_days_across_a_month_end_are_one_stage_only_when_they_follow(text, values):
    assert [v for v, _ in dates(text)] == values


@pytest.mark.parametrize("text", [
    "j'ai été contrôlé",  # the verb, not the summer
    "il y a quelques mois",
    "est-ce que je peux faire un stage maintenant ?",
    "je suis malade le 2e jour du stage",
    "si je ne fais pas le stage dans les 4 mois ?",
    "à 14h",
    "le 31 février 2023",
    "il y a 300 ans",
    "j'ai 2000 euros",
    "sept",
    "en sept",
    "probatoire 6 8 10 12 points",
    "il me reste 12 points",
    "oct",
])
def test_not_dates(text):
    assert dates(text) == []


def test_spans_of_word_dates():
    text = "Permis obtenu il y a deux ans et demi, stage fait depuis le 3 janvier, lettre reçue hier soir."
    found = [f for f in extract_facts(text, TODAY) if f.entity == "date"]
    assert {(f.text, f.value) for f in found} == {
        ("il y a deux ans et demi", "2024-05-23"), ("le 3 janvier", "2026-01-03"), ("hier soir", "2026-11-22")}
    for fact in found:
        assert text[fact.start:fact.end] == fact.text


def test_no_bare_number_from_a_duration_or_a_day():
    for text in ("il y a 2 ans", "pendant 18 mois", "le 12 mars", "depuis 3 semaines", "le 12"):
        assert not any(f.entity in ("number", "points") for f in extract_facts(text, TODAY)), text


def test_year_less_dates_follow_today():
    assert dates("le 3 janvier", date(2020, 1, 2)) == [("2019-01-03", None)]
    assert dates("en mars", date(2020, 2, 10)) == [("2019-03", None)]
    assert dates("lundi dernier", date(2020, 1, 1)) == [("2019-12-30", None)]
    assert dates("le 31", date(2026, 11, 23)) == [("2026-10-31", None)]
    assert dates("le 29 février", date(2026, 11, 23)) == [("2024-02-29", None)]


# --- licence cues


@pytest.mark.parametrize("text,value", [
    ("permis probatoire depuis mars 2024", "2024-03"),
    ("je suis en permis probatoire depuis le 12/03/2024", "2024-03-12"),
    ("jeune conducteur depuis mars 2025", "2025-03"),
    ("j'ai eu le permis en mars 2024", "2024-03"),
    ("permis B depuis 2022", "2022"),
    ("permis B probatoire depuis 2 ans", "2024-11-23"),
    ("je suis en probatoire depuis 2023", "2023"),
    ("conducteur novice depuis le 5 mai 2025", "2025-05-05"),
])
def test_licence_role(text, value):
    assert (value, "licence") in dates(text), dates(text)


def test_licence_cue_stays_in_its_clause():
    assert dates("jeune conducteur, flashé le 3 mars") == [("2026-03-03", "offence")]
    assert dates("permis probatoire depuis 2024 et stage fait en mars 2025") == [
        ("2024", "licence"), ("2025-03", "stage")]


@pytest.mark.parametrize("text, value", [
    # testers: a letter received before the date governs it, whatever the plan said after (R15: its 4 months run
    # from that past day)
    ("j'ai reçu la 48N le 3 novembre, je dois faire un stage ?", "2026-11-03"),
    ("j'ai reçu une 48N le 3 novembre, je dois faire un stage avant quand ?", "2026-11-03"),
    ("j'ai reçu la lettre le 3 novembre, je vais être remboursé ?", "2026-11-03"),
    ("48N reçue le 3 novembre, je vais faire le stage", "2026-11-03"),
])
def test_a_letter_received_is_dated_in_the_past_before_a_plan(text, value):
    found = [f for f in extract_facts(text, TODAY) if f.entity == "date"]
    assert [(f.value, f.role) for f in found] == [(value, "letter_48n")]


def test_a_stage_planned_after_a_letter_received_stays_ahead():
    found = [f for f in extract_facts("j'ai reçu la 48N, je vais faire le stage le 14 décembre", TODAY)
             if f.entity == "date"]
    assert [(f.value, f.role) for f in found] == [("2026-12-14", "stage")]
