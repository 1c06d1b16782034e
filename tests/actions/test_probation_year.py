"""The year of probation told instead of the licence's date ("2e année de probatoire"): that year's ceiling caps the
stage's points, and the licence's date is not asked (R5, R7, R12 example 3; tester, R12 ex. 3)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")

POINTS_AFTER_STAGE_SLOTS = ["current_balance", "licence_date", "supervised_driving", "stage_first_day",
                            "previous_stage_date"]


def told(domain, text, **known):
    slots = {**mapped_slots(domain, text, "ask_points_after_stage"), **known}
    return make_tracker(slots=slots, intent="ask_points_after_stage", text=text, entities=parsed(text))


def asked(domain, tracker):
    return asyncio.run(forms.ValidatePointsAfterStageForm().required_slots(
        POINTS_AFTER_STAGE_SLOTS, CollectingDispatcher(), tracker, domain))


# R12 example 3: year 2 of probation (ceiling 8), 5 points, stage 21-22/09/2026 → 8 on 23/09/2026

@pytest.mark.parametrize("text", [
    "2e année de probatoire, il me reste 5 points, stage les 21 et 22 septembre 2026, combien j'ai ?",  # the tester's
    "Je suis en deuxième année de permis probatoire. J'avais 5 points avant mon stage des 21 et 22 septembre 2026, "
    "il m'en reste combien maintenant ?",
    "2ème année de permis proba, j'étais à 5 pts, stage fait du 21 au 22/09/2026 : j'ai combien ?",
])
def test_the_year_of_probation_gives_the_stage_s_ceiling_without_the_licence_s_date(domain, text):
    tracker = told(domain, text, supervised_driving=False, previous_stage_date="none")
    assert tracker.get_slot("probation_year") == 2 and tracker.get_slot("licence_date") is None
    assert "licence_date" not in asked(domain, tracker)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Le stage vous rend 3 points, avec effet au 23 septembre 2026 : votre solde passe de 5 "
                             "à 8 points"), answer
    assert "votre permis ne peut pas dépasser son plafond de 8 points" in answer
    # the ceiling's reading is said, with what an offence of the first year would have left (R7)
    assert "j'ai compté que vous étiez en 2e année le 23 septembre 2026" in answer
    assert "sans conduite accompagnée, le plafond est de 8 points" in answer
    assert "le plafond est resté à 6 points (infraction commise en 1re année)" in answer
    assert "Donnez-moi la date d'obtention de votre permis" in answer


def test_in_the_second_year_aac_is_asked_then_gives_a_ceiling_of_9(domain):
    text = "je suis en 2e année de probatoire, j'ai 5 points, je fais un stage les 14 et 15 décembre 2026, j'aurai combien ?"
    tracker = told(domain, text)
    assert asked(domain, tracker) == ["current_balance", "supervised_driving", "stage_first_day", "previous_stage_date"]
    tracker = told(domain, text, supervised_driving=True, previous_stage_date="none")
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Le stage vous rendra 4 points, avec effet au 16 décembre 2026 : votre solde passera de 5 "
                             "à 9 points"), answer
    assert "avec la conduite accompagnée (AAC), le plafond est de 9 points" in answer


def test_in_the_first_year_neither_the_licence_s_date_nor_aac_is_asked_the_ceiling_is_6(domain):
    text = "première année de permis probatoire, il me reste 3 points, stage les 14 et 15 décembre 2026, j'aurai combien ?"
    tracker = told(domain, text)
    assert tracker.get_slot("probation_year") == 1
    assert asked(domain, tracker) == ["current_balance", "stage_first_day", "previous_stage_date"]
    _, answer = run(answers.ActionAnswerPointsAfterStage(), told(domain, text, previous_stage_date="none"), domain)
    assert answer.startswith("Le stage vous rendra 3 points, avec effet au 16 décembre 2026 : votre solde passera de 3 "
                             "à 6 points"), answer
    assert "infraction commise en 1re année" not in answer  # no earlier year


def test_the_licence_s_date_when_known_wins_over_the_year_told(domain):
    # licence of 1 June 2026: on 23 September 2026 still the first year, ceiling 6, whatever "2e année" said
    text = "2e année de probatoire, il me reste 5 points, stage les 21 et 22 septembre 2026, combien j'ai ?"
    tracker = told(domain, text, licence_date="2026-06-01", supervised_driving=False, previous_stage_date="none")
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "votre solde passe de 5 à 6 points" in answer and "j'ai compté que vous étiez" not in answer
