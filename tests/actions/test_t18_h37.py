"""Outside testers' replays (1 December 2026), items of branch h37: a balance told as the one before the offences,
a balance confirmed with its condition, a "no offence" said with a question, facts not asked for nothing."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- item 3: "sans infraction, je peux faire un stage ?" says there was no offence (R5, R7) ------------------------

@pytest.mark.parametrize("first", [
    "permis depuis juin 2024 sans infraction, je peux faire un stage ?",
    "permis en juin 2024, jamais eu d'amende, je peux faire un stage ?",
    "permis depuis juin 2024, aucune infraction, si je fais un stage j'aurai combien ?",
])
def test_no_offence_said_with_a_question_is_not_asked_again(domain, first):
    known = mapped_slots(domain, first, "ask_stage_eligibility", TODAY)
    assert known.get("probation_offence") is False
    text = "et je suis encore en probatoire ?"
    tracker = make_tracker(slots=known, intent="ask_probation", text=text, entities=parsed(text, TODAY),
                           form="probation_form",
                           history=[{"event": "user", "text": first, "parse_data": {
                               "intent": {"name": "ask_stage_eligibility"}, "entities": parsed(first, TODAY)}}])
    asked = []
    for answer in (None, False, False):  # the AAC, then the training: never whether there was an offence
        filled, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
        asked.append(filled.get("requested_slot"))
        if not filled.get("requested_slot"):
            break
        tracker.slots.update(filled)
        tracker.slots[filled["requested_slot"]] = answer if answer is not None else False
    assert "probation_offence" not in asked


# --- item 1: a balance told "before" the offences keeps that role from one form to the next (R1, R3, R4) ------------

STORY = "j'avais 12 points, puis j'ai eu un excès de vitesse (-1) et un téléphone (-3), il me reste combien ?"


def _slots_rasa_sets(domain, text, intent):
    # (Rasa fills a slot that is not a list with the last value of its entity)
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in mapped_slots(domain, text, intent, TODAY).items()}


def _run_answer(action, tracker, domain):
    from tests.actions.test_probation_facts import run
    return run(action, tracker, domain)


def story_told(domain):
    """The story's message and the balance answer, as the tracker holds them."""
    slots = _slots_rasa_sets(domain, STORY, "ask_check_balance")
    tracker = make_tracker(new_slots=slots, intent="ask_check_balance", text=STORY, entities=parsed(STORY, TODAY))
    events, answer = _run_answer(answers.ActionAnswerCheckBalance(), tracker, domain)
    history = tracker.events + [{"event": "action", "name": "action_answer_check_balance"},
                                {"event": "bot", "text": answer}] + events
    known = {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    return answer, history, known


def test_several_offences_after_the_balance_before_them_are_all_counted(domain):
    answer, _, _ = story_told(domain)
    assert "Une fois ces infractions établies" in answer and "4 points sont retirés" in answer
    assert "passe de 12 points à 8 points" in answer and "9 points" not in answer


def follow_up(domain, text, intent, form=None, validator=None, action=None):
    _, history, known = story_told(domain)
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots=known, new_slots=_slots_rasa_sets(domain, text, intent), intent=intent, text=text,
                           entities=entities, history=history, form=form)
    if validator is not None:
        filled, messages = run_form(validator, tracker, domain)
        assert filled.get("requested_slot") is None, (filled, messages)
        tracker.slots.update(filled)
    return _run_answer(action, tracker, domain)[1]


ROUTES = [
    ("ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
     answers.ActionAnswerStageEligibility()),
    ("ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints()),
    ("ask_check_balance", None, None, answers.ActionAnswerCheckBalance()),
]


@pytest.mark.parametrize("intent, form, validator, action", ROUTES)
@pytest.mark.parametrize("text", ["et le feu rouge alors ? ça compte pas ?", "et le feu rouge il compte pas ?",
                                  "mais mon feu rouge ?"])
def test_an_offence_not_told_asked_back_says_its_points_and_the_balance_it_would_leave(domain, text, intent, form,
                                                                                        validator, action):
    reply = follow_up(domain, text, intent, form, validator, action)
    assert "pas compté dans votre solde de 8 points (12 − 1 − 3)" in reply, reply
    assert "retrait de 4 points" in reply and "de 4 points (12 − 1 − 3 − 4)" in reply
    assert "aucun point à gagner" not in reply and "solde sans ce retrait (12)" not in reply


@pytest.mark.parametrize("intent, form, validator, action", ROUTES)
@pytest.mark.parametrize("text", ["et mon téléphone ?", "et le téléphone il compte ?"])
def test_an_offence_told_asked_back_is_counted_in_today_s_balance(domain, text, intent, form, validator, action):
    reply = follow_up(domain, text, intent, form, validator, action)
    assert reply.startswith("Il est déjà compté : il vous a retiré 3 points"), reply
    assert "votre solde d'aujourd'hui est de 8 points (12 − 1 − 3)" in reply


def test_the_stage_form_does_not_read_the_balance_before_as_today_s(domain):
    # 12 before the offences is 8 today: a stage may give points, the last stage is asked (R12, R13)
    _, history, known = story_told(domain)
    text = "je peux faire un stage du coup ?"
    tracker = make_tracker(slots=known, intent="ask_stage_eligibility", text=text, entities=parsed(text, TODAY),
                           history=history, form="stage_eligibility_form")
    assert not forms.balance_at_maximum(tracker)
    filled, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert filled.get("requested_slot") == "previous_stage_date"


def test_the_stage_answer_counts_every_offence_told_after_the_balance_before(domain):
    # both retraits (1 + 3, R3 example 4) on the 12 said before them, not the phone's 3 alone ("de 9 à 12")
    _, history, known = story_told(domain)
    text = "je peux faire un stage du coup ?"
    tracker = make_tracker(slots={**known, "previous_stage_date": "none"}, intent="ask_stage_eligibility", text=text,
                           entities=parsed(text, TODAY), history=history)
    reply = _run_answer(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "retrait de 4 points" in reply and "de 8 à 12 points" in reply, reply
    assert "de 9 à 12" not in reply


# --- item 2: "donc j'ai 12 c ça ?" after a probation's balance, nothing said of offences (R5, R7) -------------------

def probation_told(domain, text, known=None):
    from tests.actions.test_stage_balance_first_day import Chat
    chat = Chat(domain)
    chat.say(text, "ask_probation", answers.ActionAnswerProbation(), known or {})
    return chat


@pytest.mark.parametrize("text", ["donc j'ai 12 c ça ?", "donc j'ai 12 points ?", "ok donc j'ai 12 points c'est sûr ?"])
def test_the_ceiling_confirmed_says_its_condition_and_asks_the_offences(domain, text):
    from actions.follow_ups import answer_in_context
    from tests.actions.test_stage_again_and_figures_t7 import after
    chat = probation_told(domain, "j'ai mon permis depuis juin 2023, je suis encore en probatoire ?")
    reply = answer_in_context(after(chat, text, "nlu_fallback"))
    assert reply.startswith("Oui, si vous n'avez perdu aucun point depuis l'obtention du permis : aujourd'hui, votre "
                            "solde est de 12 points"), reply
    assert "Avez-vous eu une infraction qui vous a retiré des points ?" in reply


def test_a_figure_other_than_the_ceiling_is_denied_with_the_same_condition(domain):
    from actions.follow_ups import answer_in_context
    from tests.actions.test_stage_again_and_figures_t7 import after
    chat = probation_told(domain, "permis depuis mars 2025 en conduite accompagnée, combien de points ?",
                          {"supervised_driving": True, "complementary_training": False})
    reply = answer_in_context(after(chat, "donc j'ai 8 c ça ?", "nlu_fallback"))
    assert reply.startswith("Non : aujourd'hui, votre solde est de 9 points, pas 8, si vous n'avez perdu aucun point "
                            "depuis l'obtention du permis"), reply


def test_no_condition_once_no_offence_was_said(domain):
    from actions.follow_ups import answer_in_context
    from tests.actions.test_stage_again_and_figures_t7 import after
    chat = probation_told(domain, "j'ai mon permis depuis juin 2023, jamais eu d'amende, j'ai combien de points ?")
    reply = answer_in_context(after(chat, "donc j'ai 12 c ça ?", "nlu_fallback"))
    assert reply.startswith("Oui : aujourd'hui, votre solde est de 12 points"), reply
    assert "Avez-vous eu une infraction" not in reply


# --- item 4: a fact that cannot change the answer is not asked (R1, R5, R12) ----------------------------------------

def form_turns(domain, text, form, validator, intent, answers_given):
    """The form's questions, answered from `answers_given`, until it is done: (questions asked, slots)."""
    slots = _slots_rasa_sets(domain, text, intent)
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, TODAY), new_slots=slots, form=form)
    asked = []
    for _ in range(5):
        filled, _ = run_form(validator, tracker, domain)
        slots.update({k: v for k, v in filled.items() if k != "requested_slot"})
        requested = filled.get("requested_slot")
        if not requested:
            return asked, slots
        asked.append(requested)
        tracker = make_tracker(slots=slots, new_slots={requested: answers_given[requested]}, intent="inform",
                               text="non", requested_slot=requested, form=form)
        slots[requested] = answers_given[requested]
    return asked, slots


FORMS = [("points_after_stage_form", forms.ValidatePointsAfterStageForm(), "ask_points_after_stage",
          answers.ActionAnswerPointsAfterStage()),
         ("stage_eligibility_form", forms.ValidateStageEligibilityForm(), "ask_stage_eligibility",
          answers.ActionAnswerStageEligibility())]


@pytest.mark.parametrize("form, validator, intent, action", FORMS)
@pytest.mark.parametrize("text, aac, ceiling", [
    ("permis depuis juin 2024 sans infraction, si je fais un stage j'aurai combien ?", False, 10),
    ("permis depuis juin 2024, jamais eu d'amende, je peux faire un stage ?", True, 12),
])
def test_the_balance_without_any_offence_is_the_ceiling_computed_not_asked(domain, form, validator, intent, action,
                                                                           text, aac, ceiling):
    asked, slots = form_turns(domain, text, form, validator, intent,
                              {"supervised_driving": aac, "previous_stage_date": "none"})
    assert asked == ["supervised_driving"], asked  # the AAC changes the ceiling (R5): asked, the balance is not
    assert slots["current_balance"] == ceiling
    tracker = make_tracker(slots=slots, intent=intent, text=text, entities=parsed(text, TODAY))
    reply = _run_answer(action, tracker, domain)[1]
    assert reply.startswith(f"Aucun point à gagner : votre solde ({ceiling}) est déjà au plafond"), reply


@pytest.mark.parametrize("form, validator, intent, action", FORMS)
@pytest.mark.parametrize("text, ceiling", [
    ("permis depuis juin 2020, jamais eu d'amende, si je fais un stage j'aurai combien ?", 12),  # probation over
    ("permis depuis mars 2026 sans infraction, je peux faire un stage ?", 6),  # first year: 6 with or without AAC
])
def test_nothing_is_asked_when_neither_the_aac_nor_the_last_stage_changes_the_answer(domain, form, validator, intent,
                                                                                     action, text, ceiling):
    asked, slots = form_turns(domain, text, form, validator, intent, {})
    assert asked == [] and slots["current_balance"] == ceiling
