"""Facts the outside tester T24 saw misread (BOT_TODAY=2026-12-01), branch h55."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity, role="any"):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == entity and (role == "any" or f.role == role)]


@pytest.mark.parametrize("text", [
    "Est-ce qu'elle garde son permis ? Elle avait -2 points d'après le calcul.",  # T24 c26
    "non mais elle avait -2 points avant le stage",
    "mon solde calculé est de -3 points",
    "je suis à -1 point, un stage peut me sauver ?",
])
def test_a_balance_below_zero_is_no_loss(text):
    # R18: "-2 points" after "avait", "solde", "à" is the computed balance (−2 + 4 = 2 with a stage), not 2 points lost
    assert of(text, "points") == []


@pytest.mark.parametrize("text, lost", [
    ("il a pris -2 points pour le feu", [2]),
    ("excès de vitesse -1 point, téléphone -3 points", [1, 3]),
])
def test_a_signed_count_after_an_offence_is_still_a_loss(text, lost):
    assert of(text, "points", "lost") == lost


def dates_of(text):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text, dates", [
    # T24 c01: the payment's month without its year follows the offence's month of the story (2025), not the July
    # guessed from today (2026)
    ("Il s'est fait flasher à 97 sur une route à 80 en juin 2025, amende payée début juillet, puis téléphone au "
     "volant le 3 février 2026, payé le 20 février.",
     [("2025-06", "offence"), ("2025-07", "payment"), ("2026-02-03", "offence"), ("2026-02-20", "payment")]),
    ("flashé en novembre 2025, payé en janvier", [("2025-11", "offence"), ("2026-01", "payment")]),
    ("un excès le 10 août 2025, payé fin août", [("2025-08-10", "offence"), ("2025-08", "payment")]),
    # (a month to come stays to come; a licence's month dates nothing of the story)
    ("flashé en juin 2025, et je vais payer en juillet", [("2025-06", "offence"), ("2027-07", "payment")]),
    ("permis obtenu en juin 2025, flashé en juillet", [("2025-06", "licence"), ("2026-07", "offence")]),
])
def test_a_month_without_its_year_follows_the_story(text, dates):
    assert dates_of(text) == dates


@pytest.mark.parametrize("text, dates", [
    # T24 c10: "Pilote 2000" was read as a date, and the seatbelt fine "before the licence"
    ("je suis la secrétaire de l'auto-école Pilote 2000. Un ancien élève, Kevin, a eu son permis B le 20 avril 2023",
     [("2023-04-20", "licence")]),
    ("il conduit une Peugeot 2008 depuis 2019", [("2019", None)]),
    ("Bonjour. 2019 permis obtenu", [("2019", "licence")]),
    ("J'ai eu mon permis en Juin 2020", [("2020-06", "licence")]),
])
def test_a_year_in_a_name_is_no_date(text, dates):
    assert dates_of(text) == dates
