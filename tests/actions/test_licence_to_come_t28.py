"""T28 c25 (BOT_TODAY=2026-12-01): a future driver asked "quand j'aurai le permis je commence avec combien de points ?",
got the licence's date asked, answered "je l'ai pas encore, je le passe l'année prochaine" and got "Le 2027 est dans le
futur … Quelle est la date d'obtention de votre permis ?" (a loop, and "Le 2027"). A licence still to come has no date to
ask: its points are the same for everyone (R5, R6, R15)."""
from __future__ import annotations

import pytest

from actions import answers, forms, slot_values
from actions.slot_values import InvalidAnswer
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def _answer_after_form(domain, text, slots=None, requested=None):
    """The probation form's turn on `text`, then its answer action, as Rasa runs them."""
    known = dict(slots or {})
    history = [{"event": "slot", "name": "requested_slot", "value": requested}] if requested else []
    tracker = make_tracker(slots=known, new_slots=mapped_slots(domain, text, "ask_probation", TODAY),
                           intent="ask_probation", text=text, entities=parsed(text, TODAY), form="probation_form",
                           history=history)
    if requested:
        tracker.slots["requested_slot"] = requested
    filled, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert filled.get("requested_slot") is None and not filled.get("licence_date"), filled
    tracker.slots.update(filled)
    events, reply = run(answers.ActionAnswerProbation(), tracker, domain)
    return reply


@pytest.mark.parametrize("text", [
    "ok et quand j'aurai le permis je commence avec combien de points ?",
    "je passe mon permis en janvier, je commencerai avec combien de points ?",
    "je n'ai pas encore le permis, on démarre à combien de points ?",
    "futur conducteur ici, on a combien de points au début ?",
])
def test_a_licence_to_come_gets_a_new_licences_points_without_a_date_asked(domain, text):
    reply = _answer_after_form(domain, text)
    assert reply.startswith("Le jour où vous obtiendrez votre permis, il aura 6 points")
    assert "8 points après 1 an, 10 après 2 ans et 12 après 3 ans" in reply  # R5, +2 a year
    assert "9 points après 1 an et 12 après 2 ans" in reply  # R5 after the AAC, +3 a year
    assert "article L.223-1 du Code de la route" in reply


@pytest.mark.parametrize("text", ["je l'ai pas encore, je le passe l'année prochaine", "pas encore", "non je l'ai pas encore"])
def test_not_yet_to_the_licence_date_question(domain, text):
    reply = _answer_after_form(domain, text, requested="licence_date")
    assert reply.startswith("Le jour où vous obtiendrez votre permis, il aura 6 points")


@pytest.mark.parametrize("text", ["je repasse mon permis en janvier après l'annulation, j'aurai combien de points ?",
                                  "il conduisait sans permis, il a combien de points ?"])
def test_a_licence_to_take_again_or_driving_without_one_is_not_a_licence_to_come(domain, text):
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text, TODAY), form="probation_form")
    from actions.licence_to_come import licence_to_come
    assert not licence_to_come(tracker)


@pytest.mark.parametrize("value, said", [("2027", "L'année 2027"), ("2027-03", "Mars 2027"),
                                         ("2027-03-12", "Le 12 mars 2027")])
def test_a_future_date_is_said_in_correct_french(value, said):
    from datetime import date
    with pytest.raises(InvalidAnswer) as refused:
        slot_values.past_date(value, date(2026, 12, 1), "la date d'obtention de votre permis", need_day=False)
    assert str(refused.value).startswith(f"{said} est dans le futur (nous sommes le 1er décembre 2026).")
