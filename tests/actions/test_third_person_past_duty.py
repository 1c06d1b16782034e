"""A duty already past said of a customer: "Vous deviez le rendre" -> "Elle devait le rendre" (h59 saw "elle ne peut
plus conduire et deviez le remettre" in the 48SI card of a deadline passed, for an adviser asking about a customer)."""
import pytest

from actions.third_person import Person, about_the_person


@pytest.mark.parametrize("text, person, said", [
    ("Vous deviez le rendre à la préfecture au plus tard le 8 décembre 2026.", Person("cliente", True),
     "Elle devait le rendre à la préfecture au plus tard le 8 décembre 2026."),
    ("Vous ne pouvez plus conduire et deviez le remettre.", Person("client", False),
     "Il ne peut plus conduire et devait le remettre."),
])
def test_a_past_duty_is_said_of_the_person(text, person, said):
    assert about_the_person(text, person) == said
