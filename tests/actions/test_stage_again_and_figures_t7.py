"""After a computed answer, outside tester T7 (BOT_TODAY=2026-12-01): another stage named right after a stage's answer
is that stage's question with the facts known (c01: it got the recovery's brief and form), and a figure asked to be
confirmed without a day, or a choice of two figures, is answered yes or no from the last computation (c17: the
sources; c02: the licence's date asked). actions/what_if.py, actions/follow_ups.py."""
from __future__ import annotations

import pytest

from actions import answers
from actions.follow_ups import answer_in_context
from actions.what_if import restored_facts
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_stage_balance_first_day import Chat, mapped

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def after(chat: Chat, text: str, intent: str):
    """The tracker of the next message, as the Rasa server sends it (its slots mapped from its entities)."""
    return make_tracker(slots=chat.slots, new_slots=mapped(chat.domain, text, intent), intent=intent, text=text,
                        entities=parsed(text, DAY), history=list(chat.events))


def stage_done(domain) -> Chat:
    # c01: a stage on 14-15 October 2026 from 7 points: 11 points from 16 October (R12)
    chat = Chat(domain)
    reply = chat.say("bonjour j'ai fait un stage de recup de points le 14 et 15 octobre, j'avais 7 points, j'en ai "
                     "combien maintenant ?", "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                     {"previous_stage_date": "none", "licence_date": "2009"})
    assert "votre solde passe de 7 à 11 points" in reply
    return chat


@pytest.mark.parametrize("text", ["et si jen refais un en mars pour revenir a 12 ?", "et un autre stage en mars ?",
                                  "et si j'en refais un en mars ?", "si je refais un stage en mars ?"])
def test_another_stage_in_march_is_the_stage_question_with_the_stage_done(domain, text):
    # one stage a year gives points: the October 2026 one blocks March 2027 until 14 October 2027 (R13, L.223-6)
    chat = stage_done(domain)
    tracker = after(chat, text, "ask_auto_recovery")
    reply = answer_in_context(tracker)
    assert reply is not None and reply.startswith("Si vous faites un autre stage, commençant le 1er mars 2027, alors :")
    assert "un nouveau stage n'en donne qu'à partir du 14 octobre 2027" in reply and "C'est une hypothèse" in reply
    events, said = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert said.startswith("Si vous faites un autre stage") and "En bref" not in said
    # the March stage is no fact of the user's
    assert all(e.get("value") != "2027-03" for e in restored_facts(tracker) if e.get("name") == "stage_first_day")


@pytest.mark.parametrize("text", ["et si j'en refais un ?", "si je refais un stage ?", "et un nouveau stage ?"])
def test_another_stage_without_a_day_says_from_when_it_gives_points(domain, text):
    chat = stage_done(domain)
    reply = answer_in_context(after(chat, text, "ask_auto_recovery"))
    assert reply is not None and reply.startswith("Pour un autre stage :")
    assert "qu'à partir du 14 octobre 2027" in reply
    assert "votre solde passera de 11 à 12 points" in reply


def stage_to_come(domain) -> Chat:
    # c02: 8 points, a stage on 14 December 2026: 12 points from 16 December (R12)
    chat = Chat(domain)
    chat.say("salut, est ce que je peux faire un stage ? j'ai perdu 4 pts pour un feu rouge en septembre",
             "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
             {"previous_stage_date": "none", "current_balance": 8, "licence_date": "2015",
              "stage_first_day": "2026-12-14"})
    return chat


@pytest.mark.parametrize("text", ["jcomprend pas, jaurai 8 ou 12 a la fin ??", "je serai à 8 ou à 12 après le stage ?",
                                  "donc au final j'aurai 8 ou 12 points ?"])
def test_a_choice_of_two_figures_is_answered_from_the_last_computation(domain, text):
    reply = answer_in_context(after(stage_to_come(domain), text, "ask_points_after_stage"))
    assert reply == ("Vous aurez 12 points le 16 décembre 2026, d'après le calcul ci-dessus et sans nouvelle "
                     "infraction (article L.223-6 du Code de la route).")


def test_neither_of_two_figures_says_the_one_computed(domain):
    reply = answer_in_context(after(stage_to_come(domain), "donc au final j'aurai 9 ou 10 ?", "nlu_fallback"))
    assert reply is not None and reply.startswith("Ni l'un ni l'autre : le 16 décembre 2026, votre solde sera de 12 "
                                                  "points,"), reply


@pytest.mark.parametrize("text, expected", [
    ("ok donc au final jai 12 points c sur ?", "Oui : le 16 décembre 2026, votre solde sera de 12 points,"),
    ("alors à la fin j'aurai 10 points ?", "Non : le 16 décembre 2026, votre solde sera de 12 points, pas 10,"),
    ("donc j'ai 12 points ?", "Non : aujourd'hui, votre solde est de 8 points, pas 12,"),
    ("donc j'ai 8 points ?", "Oui : aujourd'hui, votre solde est de 8 points,"),
])
def test_a_figure_without_a_day_is_confirmed_today_or_at_the_end(domain, text, expected):
    reply = answer_in_context(after(stage_to_come(domain), text, "nlu_fallback"))
    assert reply is not None and reply.startswith(expected), reply


def probation_then_offence(domain, offence: str) -> Chat:
    # c17: licence 2 years ago with the AAC, no offence: probation over, 12 points (R5); then an offence answer
    chat = Chat(domain)
    reply = chat.say("slt j'ai le permis depuis 2 ans en conduite accompagnée, j'ai combien de points la",
                     "ask_probation", answers.ActionAnswerProbation(),
                     {"probation_offence": False, "complementary_training": False})
    assert "votre solde est aujourd'hui de 12 points" in reply
    chat.say(offence, "ask_offence_points", answers.ActionAnswerOffencePoints())
    return chat


@pytest.mark.parametrize("text", ["ok donc au final jai 12 points c sur ?", "donc j'ai bien 12 points ?",
                                  "alors au final j'ai 12 points ?"])
def test_a_figure_after_an_offence_costing_no_points_is_the_balance_computed_before(domain, text):
    chat = probation_then_offence(domain, "donc j'ai 12 ? j'ai eu une amende pour feu orange l'an dernier, 35 euros")
    reply = answer_in_context(after(chat, text, "nlu_fallback"))
    assert reply is not None and reply.startswith("Oui : aujourd'hui, votre solde est de 12 points,"), reply
    assert "article L.223-1 du Code de la route" in reply


def test_an_offence_costing_points_is_not_confirmed_from_the_balance_before(domain):
    chat = probation_then_offence(domain, "j'ai grillé un feu rouge, ça fait combien de points ?")
    reply = answer_in_context(after(chat, "donc j'ai 12 points ?", "nlu_fallback")) or ""
    assert not reply.startswith("Oui")


@pytest.mark.parametrize("text", ["donc au final j'aurai 12 points ?", "alors à la fin j'aurai 12 points ?",
                                  "donc après je serai à 12 points ?"])
def test_a_figure_at_the_end_of_a_recovery_is_the_full_recovery(domain, text):
    # 1 point (3rd class) paid 31 August 2026, balance not told: all points back on 31 August 2028 (R8, R9)
    from tests.actions.test_what_if import recovery_of_one_point
    reply = answer_in_context(recovery_of_one_point(domain).tracker(text, "nlu_fallback"))
    assert reply is not None and reply.startswith("Le 31 août 2028, votre permis aura retrouvé tous ses points"), reply


def test_a_figure_today_is_not_confirmed_when_the_balance_today_is_not_known(domain):
    from tests.actions.test_what_if import recovery_of_one_point
    reply = answer_in_context(recovery_of_one_point(domain).tracker("donc j'ai 12 points ?", "nlu_fallback")) or ""
    assert not reply.startswith("Cela dépend de votre solde d'aujourd'hui")
