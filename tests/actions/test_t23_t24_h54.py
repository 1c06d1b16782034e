"""Testers T23 and T24 (conversations of 1 December 2026), items of branch h54."""
from __future__ import annotations

import pytest

from actions import answers
from actions.informational import WHERE_TO_FIND_FACT
from actions.third_person import Person, about_the_person
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T24 c06, c14, c26: "le code suffit si vous il inscrit": the reflexive "vous vous inscrivez" said of another
# person kept the user's "vous" (R20, service-public.fr F1704) ------------------------------------------------------

@pytest.mark.parametrize("text, said", [
    ("Mon client a perdu tous ses points, il a reçu la 48SI le 5 octobre 2026 et rendu son permis le 12 octobre "
     "2026. Il avait le permis depuis 2010. Il peut repasser quand et quoi ?", "le code suffit s'il s'inscrit à"),
    ("Ma cliente a reçu la 48SI le 5 octobre 2026 et a rendu son permis le 12 octobre 2026, elle l'avait depuis "
     "2010. Elle peut repasser quand ?", "le code suffit si elle s'inscrit à"),
])
def test_the_registration_for_the_code_is_said_of_the_person(domain, text, said):
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today="2026-12-01"),
                    domain)
    assert said in answer, answer
    assert "vous il" not in answer and "vous elle" not in answer


@pytest.mark.parametrize("feminine, said", [
    (True, "Si elle s'est inscrite à l'examen du code"), (False, "S'il s'est inscrit à l'examen du code")])
def test_a_reflexive_verb_in_the_past_agrees_with_the_person(feminine, said):
    text = "Si vous vous êtes inscrit à l'examen du code au plus tard le 12 juillet 2027, le code suffit."
    assert about_the_person(text, Person("fille" if feminine else "fils", feminine)).startswith(said)


# --- T23 c31: "Si elle n'en est pas sûr": what is said of a woman agrees with her ----------------------------------

@pytest.mark.parametrize("fact", ["complementary_training", "supervised_driving"])
def test_not_being_sure_agrees_with_the_daughter(fact):
    daughter, son = about_the_person(WHERE_TO_FIND_FACT[fact], Person("fille", True)), \
        about_the_person(WHERE_TO_FIND_FACT[fact], Person("fils", False))
    assert "Si elle n'en est pas sûre, répondez" in daughter, daughter
    assert "S'il n'en est pas sûr, répondez" in son, son


@pytest.mark.parametrize("text, said", [
    ("Si vous êtes finalement condamné, vous perdez ces points.", "Si elle est finalement condamnée, elle perd"),
    ("Vous n'êtes pas obligé de faire un stage.", "Elle n'est pas obligée de faire"),
    ("Si vous êtes certain de la date, dites-la-moi.", "Si elle est certaine de la date"),
])
def test_the_other_words_said_of_her_agree_too(text, said):
    assert about_the_person(text, Person("fille", True)).startswith(said)
