"""Facts the outside tester T17 saw misread (BOT_TODAY=2026-12-01), fixed by helper h35, with wordings of the family."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == entity]


# --- T17 c06: an alcohol level told with the words about alcohol is one offence (6 points, not 6 + 6 capped at 8) ---

@pytest.mark.parametrize("text", [
    "jai eu mon permis en mai 2026 et je me suis fait controler positif a l'alcool 0,3 g le 14 novembre",
    "contrôlé positif à l'alcool avec 0,4 g/l",
    "j'ai soufflé 0,25 mg dans l'éthylotest",
])
def test_an_alcohol_level_and_its_words_are_one_offence(text):
    assert of(text, "offence_type") == [("alcohol", None)]


def test_two_alcohol_offences_on_two_days_stay_two():
    assert len(of("alcool 0,3 g en 2024 et alcool 0,4 g/l en 2026", "offence_type")) == 2
