"""A small excess told in probation, in the testers' words: its class comes from the limit (R4: 3e class above
50 km/h, 4e at 50 or below), and the numbers are the spec's (R4, R7 example 3, R8, R15)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")

THIRD_CLASS_ONE_POINT = ("Excès de 15 km/h (95 km/h retenus pour 80 km/h autorisés) : retrait de 1 point "
                         "(contravention de 3e classe)")


@pytest.mark.parametrize("text", [
    "excès de 15 km/h sur une route à 80 pendant ma 2e année de probatoire, combien de points je perds ?",
    "je suis en 2ème année de permis probatoire et je me suis fait flasher à 15 au dessus sur une route limitée à 80, "
    "ça me coûte quoi ?",
    "pris à 15 km/h de trop sur une 80 pendant ma deuxième année de permis probatoire, ça fait combien de points en "
    "moins ?",
])
def test_a_15_km_h_excess_on_a_road_at_80_is_3rd_class_1_point_68_euros(domain, text):
    _, answer = run(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points"), domain)
    assert answer.startswith(THIRD_CLASS_ONE_POINT), answer
    assert "Amende forfaitaire : 68 € ; 45 € (amende minorée)" in answer
    assert "le point retiré revient 6 mois après le paiement" in answer  # R8, during probation too (R7)
    assert "n'entraîne pas de lettre 48N : il faut un retrait de 3 points ou plus" in answer  # R15


def test_at_50_or_below_the_same_excess_is_4th_class_135_euros(domain):
    text = "en deuxième année de jeune permis j'ai eu un excès de vitesse de 15 km/h en agglomération (50), ça me retire combien ?"
    _, answer = run(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points"), domain)
    assert answer.startswith("Excès de 15 km/h (65 km/h retenus pour 50 km/h autorisés) : retrait de 1 point "
                             "(contravention de 4e classe)"), answer
    assert "Amende forfaitaire : 135 €" in answer


@pytest.mark.parametrize("text", [
    "en 2e année de probatoire, excès de 15 km/h, combien de points ?",
    "excès de 15 km/h sur une route à 80 pendant ma 2e année de probatoire",  # told alone, no question
])
def test_an_offence_the_nlu_is_unsure_of_opens_its_question(domain, text):
    # it got the suggestions; then "80" became an excess of 80 km/h (a délit, 6 points)
    events, _ = run(fallback.ActionSuggestQuestions(), told(domain, text, "nlu_fallback"), domain)
    assert {"event": "followup", "timestamp": None, "name": "offence_points_form"} in events


def test_a_bare_limit_after_a_small_excess_told_without_it_is_the_limit(domain):
    said = "en 2e année de probatoire, excès de 15 km/h, combien de points ?"
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_excess": 15, "probationary": True,
                                  "probation_year": 2},
                           intent="inform", text="80", entities=parsed("80"),
                           history=[user_said(said, "nlu_fallback"),
                                    {"event": "slot", "name": "offence_type", "value": "speeding"},
                                    {"event": "slot", "name": "speed_excess", "value": 15},
                                    {"event": "action", "name": "action_suggest_questions"}])
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "speed_limit", "value": 80} in events
    assert answer.startswith(THIRD_CLASS_ONE_POINT), answer
    assert "délit" not in answer


def test_two_small_excesses_in_the_first_year_the_class_from_each_limit(domain):
    # R7 example 3 in other words: 10 km/h over 80 (3e class) paid 01/06/2024, 12 km/h over 50 (4e class) committed
    # 15/07/2024 paid 01/08/2024 → 5/6 (the second point back on 01/02/2025, the first blocked); 12 points on the
    # later of the end of probation (10/03/2027) and 01/08/2024 + 3 years (a 4e class): 1 August 2027 (R7, R9)
    text = ("permis du 10 mars 2024. Le 20 mai 2024 flashé à 90 sur une route limitée à 80, payé le 1er juin 2024. "
            "Puis le 15 juillet 2024 excès de 12 km/h en ville (limitée à 50), payé le 1er août 2024. Il me reste "
            "combien de points et quand j'aurai 12 ?")
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance"), domain)
    assert answer.startswith("Votre solde est aujourd'hui de 5 points sur 6"), answer
    assert "retrouvera 12 points le 1er août 2027" in answer and "10 mars 2027" in answer
