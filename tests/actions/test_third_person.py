"""An answer about someone else's licence speaks of that person, not of the user (testers T3/T5 c15)."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.third_person import Person, about_the_person, subject_person
from tests.actions.conftest import make_tracker, parsed, user_said

PROBATION = {"licence_date": "2026-06-15", "supervised_driving": False, "complementary_training": False,
             "probation_offence": False}


def answer(action, text, intent, slots, history=(), domain=None):
    dispatcher = CollectingDispatcher()
    action().run(dispatcher, make_tracker(slots=slots, text=text, intent=intent, entities=parsed(text),
                                          history=list(history)), domain)
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize("text, pronoun", [
    ("ma fille vient d'avoir son permis en juin 2026, elle a combien de points ?", "elle"),
    ("mon fils a eu son permis le 15 juin 2026, combien de points il a ?", "il"),
    ("le permis de mon fils date du 15 juin 2026, il a combien de points ?", "il"),
])
def test_the_probation_balance_of_a_child_is_said_of_the_child(domain, text, pronoun):
    said = answer(answers.ActionAnswerProbation, text, "ask_probation", PROBATION, domain=domain)
    assert said.startswith("Sans infraction depuis son permis, son solde est aujourd'hui de 6 points")
    assert f"{pronoun} gagnera 2 points le 15 juin 2027" in said
    assert "votre" not in said.lower() and "vous gagnerez" not in said


@pytest.mark.parametrize("text", ["mon fils a eu un excès de vitesse de 30 km/h, combien de points il perd ?",
                                  "mon fils (19 ans) s'est fait flasher à 30 de trop, il perd combien ?"])
def test_an_offence_of_a_child_is_said_of_the_child(domain, text):
    said = answer(answers.ActionAnswerOffencePoints, text, "ask_offence_points",
                  {"offence_type": "speeding", "speed_excess": 30}, domain=domain)
    assert said.startswith("Excès de 30 km/h : retrait de 3 points") and "s'il la paie dans les 15 jours" in said


def test_a_stage_of_a_child_and_the_balance_the_parent_told(domain):
    text = "mon fils a 5 points, il fait un stage le 10 décembre 2026, il aura combien ?"
    said = answer(answers.ActionAnswerPointsAfterStage, text, "ask_points_after_stage",
                  {"current_balance": 5, "stage_first_day": "2026-12-10", "licence_date": "2015-01-01",
                   "had_previous_stage": False}, domain=domain)
    assert "le stage lui rendra 4 points" in said.lower() and "son solde passera de 5 à 9 points" in said
    assert "que vous m'avez indiqué" in said  # the parent told it


def test_the_user_s_own_licence_stays_theirs(domain):
    said = answer(answers.ActionAnswerProbation, "j'ai eu mon permis en juin 2026, j'ai combien de points ?",
                  "ask_probation", PROBATION, domain=domain)
    assert "votre solde est aujourd'hui de 6 points" in said
    # "et moi ?" after a child's question: the user's again
    history = [user_said("ma fille vient d'avoir son permis, elle a combien de points ?", "ask_probation")]
    assert subject_person(make_tracker(text="et moi, j'ai eu mon permis en juin 2026 ?", history=history)) is None
    assert subject_person(make_tracker(text="c'est mon père qui a payé l'amende sans me désigner, je perds des "
                                            "points ?")) is None


def test_the_wording_hook_rewrites_the_licence_holder_s_forms():
    said = about_the_person("Vous avez 8 points. Il vous en reste 4 si vous ne suivez pas de stage ; votre période "
                            "probatoire finit le 3 mars 2027 et la lettre 48N vous oblige à un stage.",
                            Person("fille", True))
    assert said == ("Elle a 8 points. Il lui en reste 4 si elle ne suit pas de stage ; sa période probatoire finit "
                    "le 3 mars 2027 et la lettre 48N l'oblige à un stage.")
    # what the user told stays the user's
    told = "Vous avez indiqué juin 2026 pour l'obtention du permis : j'ai retenu le 30 juin 2026."
    assert about_the_person(told, Person("fille", True)) == told
