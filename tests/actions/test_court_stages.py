"""A judge's or a prosecutor's stage (R11 cases 3 and 4): no points, not counted for the year, and a voluntary stage
told with it gives its points from the balance told (R11 examples 1 and 2, R13 example 4; tester, R11)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")

JUDGE_THEN_VOLUNTARY = ("le juge m'a imposé un stage le 15 mars 2026, puis j'ai fait un stage volontaire les 20 et 21 "
                        "avril 2026, j'avais 6 points, j'en ai combien ?")  # the tester's kind of message
CREDITED_6_TO_10 = ("Le stage des 20 et 21 avril 2026 vous a rendu 4 points le 22 avril 2026 : votre solde est passé de "
                    "6 à 10 points")


def test_the_judge_s_stage_then_a_voluntary_one_the_nlu_is_unsure_of_gets_both_answers(domain):
    # on the real servers the NLU was unsure (nlu_fallback): the suggestions came, then the stage's form said
    # "le stage précédent doit avoir eu lieu avant celui-ci" twice
    tracker = told(domain, JUDGE_THEN_VOLUNTARY, "nlu_fallback")
    events, answer = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert answer.startswith("Le stage imposé par le juge (peine complémentaire ou obligation d'un sursis, cas 4) ne "
                             "rend pas de points")
    assert "Ce stage ne compte pas pour la règle d'un seul stage par an" in answer
    assert CREDITED_6_TO_10 in answer and "nous avons supposé 12 points" in answer
    assert "2027" not in answer  # the judge's stage does not start the year (R13 example 4)


@pytest.mark.parametrize("text,intent", [
    ("Le tribunal m'a condamné à faire un stage de sensibilisation (peine complémentaire) le 15 mars 2026. Ensuite "
     "j'ai fait un stage volontaire les 20 et 21 avril 2026 avec 6 points. Combien de points j'ai maintenant ?",
     "ask_points_after_stage"),
    ("stage imposé par le juge le 15/03/2026 puis stage volontaire les 20 et 21/04/2026, il me restait 6 points. le "
     "stage volontaire m'a rendu des points ?", "ask_stage_eligibility"),
])
def test_the_voluntary_stage_after_a_judge_s_gives_its_points_from_the_balance_told(domain, text, intent):
    action = answers.ActionAnswerPointsAfterStage() if intent == "ask_points_after_stage" \
        else answers.ActionAnswerStageEligibility()
    _, answer = run(action, told(domain, text, intent), domain)
    assert "cas 4) ne rend pas de points" in answer and CREDITED_6_TO_10 in answer, answer


def test_the_voluntary_stage_is_capped_by_the_licence_s_ceiling(domain):
    # licence of 1 June 2025, no AAC: on 22 April 2026 the first year, ceiling 6: 4 → 6 (+2 only)
    text = ("permis le 1er juin 2025 sans conduite accompagnée. Le juge m'a imposé un stage le 15 mars 2026, puis j'ai "
            "fait un stage volontaire les 20 et 21 avril 2026, il me restait 4 points. J'en ai combien ?")
    _, answer = run(answers.ActionAnswerPointsAfterStage(), told(domain, text, "ask_points_after_stage"), domain)
    assert ("vous a rendu 2 points le 22 avril 2026 : votre solde est passé de 4 à 6 points, car un stage ne fait pas "
            "dépasser le plafond du permis (6 points ce jour-l") in answer, answer
    assert "nous avons supposé 12 points" not in answer


def test_a_judge_s_stage_told_alone_gets_what_it_gives(domain):
    text = "le juge m'a imposé un stage le 15 mars 2026"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text))
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("Le stage imposé par le juge") and "un stage volontaire reste possible" in answer
    assert "Quelle est votre question" not in answer


def test_the_stage_asked_about_is_not_its_own_previous_stage(domain):
    # the voluntary stage told before the question ("Mes points après un stage" clicked) was taken for the last stage
    # that gave points; "le 20 avril 2026" to the stage's date then made the answer impossible, said twice
    tracker = make_tracker(
        slots={"current_balance": 6, "licence_date": "2015", "previous_stage_date": "2026-04-20",
               "balance_unknown": False},
        new_slots={"stage_first_day": "2026-04-20"}, intent="inform", text="le 20 avril 2026",
        entities=parsed("le 20 avril 2026"), requested_slot="stage_first_day", form="points_after_stage_form",
        history=[user_said(JUDGE_THEN_VOLUNTARY, "nlu_fallback"), user_said("/ask_points_after_stage",
                                                                            "ask_points_after_stage")])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["stage_first_day"] == "2026-04-20" and slots["previous_stage_date"] is None
    assert slots["requested_slot"] == "previous_stage_date"  # asked, not assumed


# --- R11 example 1: the prosecutor's stage: no points, and the offence is dropped (no retrait)

@pytest.mark.parametrize("text", [
    "le procureur m'a proposé un stage au lieu des poursuites, je perds des points ?",
    "le parquet me propose un stage de sensibilisation à la place des poursuites, ça me rend des points ?",
    "Le procureur m'a proposé une alternative aux poursuites : un stage. Est-ce que je vais perdre mes points ?",
])
def test_the_prosecutor_s_alternative_gives_no_points_and_withdraws_none(domain, text):
    _, answer = run(answers.ActionAnswerStageInfo(), make_tracker(intent="ask_stage_info", text=text,
                                                                  entities=parsed(text)), domain)
    assert answer.startswith("Le stage proposé par le procureur à la place des poursuites (alternative aux poursuites, "
                             "cas 3) ne vous rend aucun point, et l'infraction ne vous en retire aucun"), answer
    assert "(classement sans suite) et l'infraction ne vous retire aucun point" in answer
    assert "article 41-1 du Code de procédure pénale" in answer and "composition" not in answer


def test_a_composition_or_an_alternative_named_together_gets_what_each_does(domain):
    # R2: a composition pénale withdraws the points when it is executed; the alternative to prosecution does not
    text = "le procureur m'a proposé un stage (composition pénale / alternative aux poursuites), ça me rend des points ?"
    _, answer = run(answers.ActionAnswerStageInfo(), make_tracker(intent="ask_stage_info", text=text,
                                                                  entities=parsed(text)), domain)
    assert answer.startswith("Le stage proposé par le procureur (alternative aux poursuites ou composition pénale, "
                             "cas 3) ne vous rend aucun point")
    assert "S'il s'agit d'une alternative aux poursuites : une fois le stage accompli" in answer
    assert "S'il s'agit d'une composition pénale : elle retire les points de l'infraction le jour où elle est " \
           "exécutée" in answer
