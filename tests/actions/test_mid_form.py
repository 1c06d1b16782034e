"""Questions typed while a form waits for a fact: answered as questions, then the form asks again (tester W item 7)."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run

TRAINING_FORM = dict(requested_slot="complementary_training", form="probation_form",
                     slots={"licence_date": "2025-03-15", "supervised_driving": False})


@pytest.mark.parametrize("text", ["c'est sûr ?", "vous êtes sûr ?", "t'es sur ?", "c sur ?", "sûr ?"])
def test_how_sure_to_a_yes_no_question_is_not_a_yes(domain, text):
    # the NLU reads "c'est sûr ?" as affirm, whose mapping fills the yes/no slot: it must not (W item 7, C1)
    tracker = make_tracker(new_slots={"complementary_training": True}, intent="affirm", text=text,
                           entities=parsed(text), **TRAINING_FORM)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots == {"complementary_training": None, "requested_slot": "complementary_training"}
    assert messages[0].startswith("C'est à vous de me le dire : la réponse dépend de votre situation.")
    assert "raccourcit la période probatoire" in messages[0] and "L.223-1" in messages[0]


@pytest.mark.parametrize("text,intent", [("pourquoi ?", "ask_letter"), ("pk ?", "nlu_fallback"),
                                         ("pourquoi vous me demandez ça ?", "nlu_fallback"),
                                         ("ça sert à quoi ?", "ask_stage_info")])
def test_why_while_a_form_waits_says_what_the_fact_is_for(domain, text, intent):
    # "pourquoi ?" read as a letter's question opened the letter form (W item 6, C26)
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text),
                           requested_slot="previous_stage_date", form="stage_eligibility_form",
                           slots={"current_balance": 10})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots == {"previous_stage_date": None, "requested_slot": "previous_stage_date"}
    assert messages == ["Je vous pose cette question parce qu'un seul stage par an peut rendre des points : il faut "
                        "un an de date à date depuis le dernier (article L.223-6 du Code de la route)."]


def test_a_question_the_form_cannot_read_is_promised_an_answer_not_misunderstood(domain):
    text = "et je passe a 12 quand ?"
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=parsed(text), **TRAINING_FORM)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots == {"complementary_training": None, "requested_slot": "complementary_training"}
    assert messages == ["Je réponds à votre question juste après : il me faut d'abord cette information pour le calcul."]
    assert "Je n'ai pas compris" not in messages[0]


@pytest.mark.parametrize("text,intent,new_slots", [
    ("non", "deny", {"complementary_training": False}),
    ("oui", "affirm", {"complementary_training": True}),
])
def test_answers_are_still_answers(domain, text, intent, new_slots):
    tracker = make_tracker(new_slots=new_slots, intent=intent, text=text, entities=parsed(text), **TRAINING_FORM)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["complementary_training"] is new_slots["complementary_training"]
    assert slots["requested_slot"] != "complementary_training"


def test_a_number_asked_is_an_answer_even_with_a_question_mark(domain):
    # "8 ?" to the balance question is the balance, not a question about 8 points
    tracker = make_tracker(new_slots={"current_balance": 8}, intent="inform", text="8 ?", entities=parsed("8 ?"),
                           requested_slot="current_balance", form="stage_eligibility_form",
                           slots={"previous_stage_date": "none"})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["current_balance"] == 8


def test_how_sure_after_an_answer_without_an_article_names_its_sources():
    # "c'est sûr ?" after the 48M answer (an administrative practice, no article): not "Quelle est votre question ?"
    from actions.follow_ups import answer_in_context
    answer = ("La lettre 48M est un avertissement envoyé quand le solde tombe à 6 points ou moins : elle vous invite "
              "à faire un stage, sans obligation (pratique administrative de la lettre 48M ; à vérifier).")
    tracker = make_tracker(intent="affirm", text="c'est sûr ?",
                           history=[{"event": "action", "name": "action_answer_letter"}, {"event": "bot", "text": answer}])
    assert answer_in_context(tracker).startswith("Ce résultat applique les sources citées dans ma réponse, à partir "
                                                 "des informations que vous m'avez données.")
