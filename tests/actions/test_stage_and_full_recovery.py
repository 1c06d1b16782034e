"""A stage neither brings forward nor puts back the day the licence gets all its points back (L.223-6; tester T8 c18:
asked three times, the bot asked facts, then proposed its menu)."""
import pytest

from actions import answers, fallback
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import run

RECOVERY_ANSWER = ("Sans nouvelle infraction, votre permis retrouvera son maximum de points le 20 avril 2029. Le délai "
                   "court depuis le 20 avril 2026, date du paiement ou de la condamnation (article L.223-6 du Code de la "
                   "route).")
STAGE_ANSWER = ("Le stage vous rend 4 points, avec effet au 14 janvier 2027 : votre solde passe de 6 à 10 points (article "
                "L.223-6 du Code de la route).")


def _after(answer_action, answer_text, text, intent):
    history = [{"event": "user", "text": "je récupère quand ?", "parse_data": {"intent": {"name": "ask_auto_recovery"},
                                                                              "entities": []}},
               {"event": "action", "name": "action_answer_auto_recovery"},
               {"event": "bot", "text": RECOVERY_ANSWER},
               {"event": "slot", "name": "last_question", "value": "action_answer_auto_recovery"}]
    if answer_action != "action_answer_auto_recovery":
        history += [{"event": "user", "text": "et avec un stage ?", "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                                                  "entities": []}},
                    {"event": "action", "name": answer_action}, {"event": "bot", "text": answer_text},
                    {"event": "slot", "name": "last_question", "value": answer_action}]
    return make_tracker(slots={"last_question": answer_action}, intent=intent, text=text, entities=parsed(text),
                        history=history)


@pytest.mark.parametrize("text, intent", [
    ("et si je fais un stage, ca change la date de 2029 ?", "ask_points_after_stage"),
    ("ok mais la date du 20 avril 2029 elle change ou pas avec le stage ?", "nlu_fallback"),
    ("le stage il avance la date ou il la repousse, la recup totale du 20 avril 2029 ?", "nlu_fallback"),
    ("et si je fais un stage ca accelere ?", "ask_points_after_stage"),  # T14 c23
    ("un stage ça me fait récupérer plus vite ?", "nlu_fallback"),
])
@pytest.mark.parametrize("previous, previous_text", [
    ("action_answer_auto_recovery", RECOVERY_ANSWER), ("action_answer_points_after_stage", STAGE_ANSWER)])
def test_a_stage_does_not_move_the_full_recovery_day(domain, text, intent, previous, previous_text):
    tracker = _after(previous, previous_text, text, intent)
    action = answers.ActionAnswerPointsAfterStage() if intent == "ask_points_after_stage" else \
        fallback.ActionSuggestQuestions()
    _, said = run(action, tracker, domain)
    assert said.startswith("Non : un stage ne change pas la date") and "20 avril 2029" in said, said
    assert "L.223-6" in said


@pytest.mark.parametrize("text", ["et si je fais un stage en janvier, j'aurai combien ?",
                                  "le stage ça change quoi pour moi ?"])
def test_a_stage_question_that_asks_no_date_is_not_this_reply(text):
    from actions.follow_ups import stage_leaves_the_full_recovery
    tracker = _after("action_answer_auto_recovery", RECOVERY_ANSWER, text, "ask_points_after_stage")
    assert stage_leaves_the_full_recovery(tracker) is None
