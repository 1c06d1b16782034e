"""Leftovers of the earlier helpers (h27): wordings the bot still got wrong."""
from __future__ import annotations

import pytest

from actions.third_person import subject_person
from tests.actions.conftest import make_tracker


# --- someone else's licence, named by a familiar word or a relative (helper h21: "mon mec")
@pytest.mark.parametrize("text, noun, feminine", [
    ("mon mec a perdu 3 points pour un feu rouge, il récupère quand ?", "mec", False),
    ("ma meuf a eu un excès de vitesse, elle perd combien ?", "meuf", True),
    ("mon petit ami a son permis depuis 2024, il a combien de points ?", "petit ami", False),
    ("ma belle-mère a grillé un stop, elle récupère quand ?", "belle-mère", True),
    ("mon chéri vient d'avoir son permis", "chéri", False),
    ("ma copine a eu un excès de 25 km/h", "copine", True),
    ("mon pote a eu son permis en mai 2025, il a combien de points ?", "pote", False),
    ("mon frère a eu un stop grillé, payé le 3 mars 2026", "frère", False),
])
def test_someone_else_s_licence_named_familiarly(text, noun, feminine):
    person = subject_person(make_tracker(text=text))
    assert person is not None and person.noun == noun and person.feminine is feminine
