"""After an invalidation (48SI), which exams the user must take again given their dates, and from when a new licence
may be obtained (R20; L.223-5, R.224-20), as an outside tester asked on 1 December 2026.

The tester got the general card ("Permis de moins de 3 ans : code et conduite… 3 ans ou plus : le code seul…"): the
exams were not applied to the user's licence, and the day the licence was handed back, from which the 6 months run,
was never asked."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import mapped_slots, told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def reply(domain, text: str, slots: dict, asked: str, intent: str = "inform") -> str:
    """The assistant's answer to the user's reply to the question that ended its last answer."""
    history = [{"event": "bot", "text": f"…\n\n{asked}"}]
    tracker = make_tracker(slots=slots, new_slots=mapped_slots(domain, text, intent, DAY), intent=intent, text=text,
                           entities=parsed(text, DAY), history=history)
    dispatcher = CollectingDispatcher()
    asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


# --- the answer applies the exams to the user's dates, and asks the day the licence was handed back

@pytest.mark.parametrize("text", [
    # the tester's kind (R20 example 3: licence of 1 September 2024, invalidated 1 May 2026)
    "J'ai eu mon permis le 1er septembre 2024 et il a été invalidé le 1er mai 2026, qu'est-ce que je dois repasser ?",
    "permis obtenu le 01/09/2024, lettre 48SI reçue le 1er mai 2026, je dois repasser le code ?",
    "48SI reçue le 1 mai 2026 alors que j'ai mon permis depuis septembre 2024, il faut tout repasser ?",
])
def test_a_licence_under_three_years_at_the_invalidation_takes_code_and_driving_again(text, domain):
    events, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert "avait moins de 3 ans à l'invalidation (le 1er mai 2026) : il faut repasser le code et l'épreuve de " \
           "conduite" in answer
    assert "Le nouveau permis est probatoire : 6 points pendant 3 ans" in answer
    assert "6 mois après le jour où vous rendez votre permis à la préfecture" in answer
    assert answer.endswith(answers.HANDED_BACK_QUESTION)
    assert "Permis de 3 ans ou plus : le code seul" not in answer  # not the general card


def test_a_licence_of_three_years_or_more_needs_the_code_only_if_registered_in_time(domain):
    text = "lettre 48SI reçue le 25 novembre, permis obtenu en mars 2022. Je dois tout repasser ?"
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert "avait au moins 3 ans à l'invalidation (le 25 novembre 2026) et c'est une invalidation de moins d'un an : " \
           "le code suffit si vous vous inscrivez à l'examen dans les 9 mois qui suivent la remise du permis" in answer
    assert "rendez-le au plus tard le 5 décembre 2026, 10 jours après la réception de la lettre 48SI" in answer
    assert answer.endswith(answers.HANDED_BACK_QUESTION)


# --- the day it was handed back gives the new licence's date and the registration's (R20 example 1)

R20_EX1 = {"licence_date": "2015", "letter_code": "48SI", "letter_48n_date": "2026-04-02",
           "last_question": "action_answer_zero_points"}


@pytest.mark.parametrize("text", ["le 8 avril", "8/04/2026", "je l'ai rendu le 8 avril"])
def test_the_day_handed_back_gives_the_new_licence_s_date(text, domain):
    answer = reply(domain, text, R20_EX1, answers.HANDED_BACK_QUESTION)
    assert answer.startswith("Vous pouvez obtenir un nouveau permis depuis le 8 octobre 2026, 6 mois après la remise "
                             "du permis le 8 avril 2026")
    assert "le code suffit si vous vous inscrivez à l'examen au plus tard le 8 janvier 2027" in answer


def test_not_handed_back_yet_says_by_when_and_from_when(domain):
    slots = {**R20_EX1, "licence_date": "2022-03", "letter_48n_date": "2026-11-25"}
    answer = reply(domain, "non pas encore", slots, answers.HANDED_BACK_QUESTION, intent="deny")
    assert "rendez-le au plus tard le 5 décembre 2026" in answer
    assert "6 mois après le jour où vous rendez votre permis" in answer
    assert answer.endswith(answers.HAND_BACK_PLANNED_QUESTION)
    # then the day it will be handed back: the new licence 6 months later
    answer = reply(domain, "je vais le rendre le 3 décembre", slots, answers.HAND_BACK_PLANNED_QUESTION)
    assert "Vous pourrez obtenir un nouveau permis à partir du 3 juin 2027, 6 mois après la remise de votre permis " \
           "prévue le 3 décembre 2026" in answer
    assert "au plus tard le 3 septembre 2027" in answer


def test_the_licence_s_date_unknown_is_asked_after_the_new_licence_s_date(domain):
    slots = {"letter_code": "48SI", "letter_48n_date": "2026-11-20", "last_question": "action_answer_zero_points"}
    answer = reply(domain, "le 25 novembre", slots, answers.HANDED_BACK_QUESTION)
    assert answer.startswith("Vous pourrez obtenir un nouveau permis à partir du 25 mai 2027")
    assert "Si votre permis avait au moins 3 ans, le code suffit en vous inscrivant au plus tard le 25 août 2027" \
        in answer
    assert answer.endswith(answers.LICENCE_DATE_FOR_EXAMS_QUESTION)
    answer = reply(domain, "en 2015", {**slots, "licence_handed_back_date": "2026-11-25"},
                   answers.LICENCE_DATE_FOR_EXAMS_QUESTION)
    assert "Votre permis, obtenu en 2015, avait au moins 3 ans à l'invalidation (le 20 novembre 2026)" \
        in answer
    assert "au plus tard le 25 août 2027" in answer


def test_a_general_question_on_zero_points_still_gets_the_rule(domain):
    text = "qu'est-ce qui se passe quand on n'a plus de points ?"
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert answer.startswith("À 0 point, votre permis perd sa validité")
    assert answers.HANDED_BACK_QUESTION not in answer


def test_a_stage_asked_after_the_48si_is_still_too_late(domain):
    # R14 example 1: after the 48SI no stage gives points; that is the answer, not the exams
    text = "j'ai reçu la 48SI le 20 novembre, je peux faire un stage pour sauver mon permis ?"
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert answers.HANDED_BACK_QUESTION not in answer and "stage" in answer


@pytest.mark.parametrize("text", [
    "permis invalidé pour la 2e fois en 3 ans, je l'ai rendu le 3 novembre 2026, délai ?",
    "c'est ma deuxième invalidation en moins de 5 ans, permis rendu à la préfecture le 3 novembre 2026",
])
def test_a_second_invalidation_within_five_years_told_without_its_day_waits_a_year(text):
    # tester T6 r095: "le 3 mai 2027 … le code suffit"; R20 example 2: 1 year, code and practical test
    from actions.answers import invalidation_answer
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(text=text, entities=parsed(text), intent="ask_zero_points",
                           slots={"licence_handed_back_date": "2026-11-03"})
    reply = invalidation_answer(tracker)
    assert "3 novembre 2027" in reply and "3 mai 2027" not in reply
    assert "code" in reply and "conduite" in reply


def test_the_previous_invalidation_told_earlier_is_still_counted():
    # tester T5 c64: the first message gave both days; "et je dois repasser la conduite aussi ?" forgot the first one
    from actions.answers import invalidation_answer
    from tests.actions.conftest import make_tracker, parsed, user_said
    first = ("c'est ma deuxième invalidation. la 1ère fois j'avais rendu mon permis le 15 mars 2023. Cette fois j'ai "
             "rendu mon permis à la préfecture le 20 novembre 2026. je peux le repasser quand ?")
    text = "et je dois repasser la conduite aussi ?"
    tracker = make_tracker(text=text, entities=parsed(text), intent="ask_zero_points", history=[user_said(first)],
                           slots={"licence_handed_back_date": "2026-11-20"})
    reply = invalidation_answer(tracker)
    assert "20 novembre 2027" in reply and "20 mai 2027" not in reply
