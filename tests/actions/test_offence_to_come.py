"""An offence to come is a hypothesis, not a fact of the situation (T8 c06: "ok et si je prend un exces de 25 km/h la
semaine pro ca fait quoi" in the middle of the probation form, then the offence's day asked again and again)."""
from __future__ import annotations

import pytest

from actions import forms
from actions.mid_form import HELD_HYPOTHESIS
from actions.what_if import states_a_hypothesis
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run_form
from tests.actions.test_probation_facts import mapped_slots

TODAY = "2026-12-01"
LICENCE = {"licence_date": "2025-06-30", "supervised_driving": False, "complementary_training": False}


@pytest.mark.parametrize("text", [
    "ok et si je prend un exces de 25 km/h la semaine pro ca fait quoi",
    "cest une question, si jamais je me fais flasher a +25 mardi prochain, je perds combien et ca change quoi ?",
    "juste pour savoir : si je grille un feu rouge demain, ça fait quoi ?",
    "bon alors si je me prends un excès de 30 le mois prochain ?",
])
def test_a_hypothesis_led_by_several_words_or_said_to_be_one_is_a_hypothesis(text):
    assert states_a_hypothesis(text)


@pytest.mark.parametrize("text", ["perdu 3 points en mars, si j'avais su", "ben si je l'ai payée",
                                  "j'ai payé le 3 mars, si je fais un stage demain j'aurai combien ?"])
def test_facts_told_with_a_condition_stay_facts(text):
    assert not states_a_hypothesis(text)


@pytest.mark.parametrize("text", [
    "ok et si je prend un exces de 25 km/h la semaine pro ca fait quoi",
    "et si jamais je me fais flasher à 25 de trop mardi prochain ?",
])
def test_an_offence_to_come_in_the_middle_of_the_form_is_held_not_taken(domain, first_of_december, text):
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), slots=LICENCE,
                           new_slots=mapped_slots(domain, text, "ask_offence_points", TODAY),
                           requested_slot="probation_offence", form="probation_form")
    # (as the Rasa server sends it: the slots its mappings filled come before the form's action, not as its candidates)
    tracker.events.append({"event": "action", "name": "probation_form"})
    assert tracker.slots_to_validate() == {}
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert [m.get("text") for m in messages] == [HELD_HYPOTHESIS]
    assert slots.get("requested_slot") == "probation_offence" and not slots.get("probation_offence")
    assert slots.get("speed_excess") is None


STORY = {**LICENCE, "probation_offence": True, "offence_type": "speeding", "speed_excess": 25}


@pytest.mark.parametrize("text, bot_before", [
    ("ben la semaine prochaine, genre le 8 decembre", "À quelle date l'infraction a-t-elle été commise ?"),
    ("je sais pas, cest pas encore arrivé, cest juste pour savoir ce que ca ferait",
     "À quelle date l'infraction a-t-elle été commise ?"),
    ("le 08/12/2026", "Le 8 décembre 2026 est dans le futur (nous sommes le 1er décembre 2026). Quelle est la date de "
                      "l'infraction ?"),
])
def test_an_offence_day_to_come_is_not_asked_again_and_again(domain, first_of_december, text, bot_before):
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), slots=STORY,
                           new_slots={"offence_date": v for v in [e["value"] for e in parsed(text, TODAY)
                                                                  if e["entity"] == "date"]},
                           requested_slot="offence_date", form="probation_form",
                           history=[{"event": "bot", "text": bot_before}])
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert [m.get("text") for m in messages] == [forms.OFFENCE_TO_COME]
    assert slots.get("requested_slot") is None and slots.get("offence_date") is None
    assert slots.get("probation_offence") is None and slots.get("speed_excess") is None


def test_a_future_day_given_as_a_past_fact_is_asked_again_once(domain, first_of_december):
    text = "le 08/12/2026"
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), slots=STORY,
                           new_slots={"offence_date": "2026-12-08"}, requested_slot="offence_date", form="probation_form",
                           history=[{"event": "bot", "text": "À quelle date l'infraction a-t-elle été commise ?"}])
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert messages[0]["text"].startswith("Le 8 décembre 2026 est dans le futur (nous sommes le 1er décembre 2026).")
    assert slots.get("offence_date") is None


@pytest.mark.parametrize("text", ["et si je le fais le 3 et 4 juin 2027 du coup j'ai les points ?",
                                  "et si je fais le stage obligatoire le 3 juin 2027 ?"])
def test_a_hypothesis_with_a_day_no_slot_takes_is_held_while_the_balance_is_asked(domain, text):
    # T10 c22: the balance before the stage asked, a stage on another day supposed: held, answered after the form,
    # not "Je n'ai pas compris votre réponse"
    tracker = make_tracker(slots={"licence_date": "2025-02-01", "stage_first_day": "2026-06-02",
                                  "letter_48n_date": "2026-11-14", "letter_code": "48N"},
                           intent="nlu_fallback", text=text, entities=parsed(text), requested_slot="current_balance",
                           form="points_after_stage_form")
    _, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    said = [m.get("text") for m in messages]
    assert HELD_HYPOTHESIS in said and not any("pas compris" in (m or "") for m in said), said
