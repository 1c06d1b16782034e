"""Facts the outside tester T19 saw misread (BOT_TODAY=2026-12-01), branch h40: offences."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def of(text, entity, role="any"):
    return [f.value for f in extract_facts(text, TODAY) if f.entity == entity and (role == "any" or f.role == role)]


@pytest.mark.parametrize("text", [
    "et si c'est rouge clignotant ?",  # T19 c30
    "j'ai grillé un feu rouge clignotant",
    "les feux rouges clignotants, ça coûte combien ?",
    "le feu rouge qui clignote, je suis passé",
    "non je parle du FEU ROUGE clignotant, au passage a niveau par exemple",  # T19 c30: one light, not three offences
    "au passage à niveau, le feu rouge clignotait",
])
def test_a_flashing_red_light_is_the_red_light(text):
    # R4: red light (fixed or flashing), R.412-30, 4 points; not a turn without indicating (R.412-10, 3 points)
    assert of(text, "offence_type") == ["red_light"]


@pytest.mark.parametrize("text, offences", [
    ("le feu orange clignotant, je perds des points ?", ["amber_light"]),
    ("le feu orange clignotait, je suis passé", ["amber_light"]),
    ("le feu était orange clignotant", []),
    ("j'ai tourné à droite sans clignotant", ["no_indicator"]),
    ("j'ai oublié mon clignottant", ["no_indicator"]),
    ("un feu rouge et pas de clignotant", ["red_light", "no_indicator"]),
    ("un feu rouge et un passage à niveau", ["red_light", "level_crossing"]),
    ("feu rouge le 3 mars. passage a niveau le 5 avril", ["red_light", "level_crossing"]),
])
def test_a_blinking_light_is_no_turn_signal_but_the_turn_signal_still_is(text, offences):
    assert of(text, "offence_type") == offences


@pytest.mark.parametrize("text", [
    "ok et mes points reviennent quand ? jai 5 points, suspension de 3 mois depuis le 1er novembre",  # T19 c17
    "je récupère quand ? il me reste 5 points",
])
def test_a_balance_told_after_a_when_question_of_another_sentence(text):
    assert of(text, "points", "balance") == [5]


def test_a_balance_asked_about_in_the_same_sentence_is_still_not_told():
    assert of("quand j'ai 12 pts ?", "points", "balance") == []
