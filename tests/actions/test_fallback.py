"""A message the NLU is unsure of: rephrase request with the questions it most likely meant."""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import DEFAULT_SUGGESTIONS, ActionSuggestQuestions, suggested_questions


def unsure_tracker(ranking):
    return Tracker(sender_id="test", slots={}, latest_message={
        "text": "stage points ??", "intent": {"name": "nlu_fallback", "confidence": 0.55},
        "intent_ranking": ranking, "entities": []}, events=[], paused=False, followup_action=None,
        active_loop={}, latest_action_name="action_listen")


def run(ranking):
    dispatcher = CollectingDispatcher()
    assert ActionSuggestQuestions().run(dispatcher, unsure_tracker(ranking), {}) == []
    [message] = dispatcher.messages
    return message["text"], [(b["title"], b["payload"]) for b in message["buttons"]]


def test_the_closest_questions_are_offered_best_first_then_something_else():
    text, buttons = run([{"name": "nlu_fallback", "confidence": 0.55},
                         {"name": "ask_stage_eligibility", "confidence": 0.41},
                         {"name": "inform", "confidence": 0.2},
                         {"name": "ask_points_after_stage", "confidence": 0.3},
                         {"name": "ask_stage_info", "confidence": 0.12},
                         {"name": "ask_probation", "confidence": 0.11},
                         {"name": "ask_letter", "confidence": 0.02}])
    assert "Pouvez-vous reformuler" in text and "Vouliez-vous parler de" in text
    assert buttons == [("Puis-je refaire un stage ?", "/ask_stage_eligibility"),
                       ("Mes points après un stage", "/ask_points_after_stage"),
                       ("Le stage : durée, prix, déroulement", "/ask_stage_info"),
                       ("Autre chose", "/help")]


def test_without_a_close_question_the_main_questions_are_offered():
    text, buttons = run([{"name": "greet", "confidence": 0.5}, {"name": "ask_letter", "confidence": 0.05}])
    assert "Voici ce que je sais faire" in text
    assert [payload for _, payload in buttons] == [f"/{intent}" for intent in DEFAULT_SUGGESTIONS]


def test_general_intents_and_unlikely_questions_are_never_suggested():
    assert suggested_questions([{"name": "out_of_scope", "confidence": 0.6},
                                {"name": "ask_probation", "confidence": 0.09}]) == []
    assert suggested_questions([]) == []


def test_facts_told_without_a_clear_question_are_said_to_be_kept():
    # "permis 2019, flashé à 75 au lieu de 50, payé le 20 mars, combien et quand ?" read unsure
    tracker = Tracker(sender_id="test", slots={"licence_date": "2019-06-15"}, latest_message={
        "text": "…", "intent": {"name": "nlu_fallback", "confidence": 0.46},
        "intent_ranking": [{"name": "ask_auto_recovery", "confidence": 0.46},
                           {"name": "ask_probation", "confidence": 0.36}], "entities": []},
        events=[{"event": "user", "text": "…"}, {"event": "slot", "name": "licence_date", "value": "2019-06-15"}],
        paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    ActionSuggestQuestions().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["text"].startswith("J'ai noté les informations de votre message")
    assert [b["payload"] for b in message["buttons"]] == ["/ask_auto_recovery", "/ask_probation", "/help"]


STORY = ("J'ai eu mon permis le 1er février 2025. Le 10 septembre 2025 je me suis fait arrêter au téléphone, j'ai "
         "payé le 25 septembre. J'ai reçu la 48N le 14 novembre 2025 et j'ai fait le stage les 12 et 13 janvier 2026. ")
RANKING = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_check_balance", "confidence": 0.27},
           {"name": "inform", "confidence": 0.22}, {"name": "ask_probation", "confidence": 0.16}]


def story_tracker(question):
    return Tracker(sender_id="test", slots={}, latest_message={
        "text": STORY + question, "intent": {"name": "nlu_fallback", "confidence": 0.4}, "intent_ranking": RANKING,
        "entities": []}, events=[], paused=False, followup_action=None, active_loop={},
        latest_action_name="action_listen")


def test_a_story_ending_on_the_balance_question_gets_the_balance_answer():
    dispatcher = CollectingDispatcher()
    events = ActionSuggestQuestions().run(dispatcher, story_tracker("J'ai combien de points maintenant ?"), {})
    assert events == [{"event": "followup", "name": "action_answer_check_balance", "timestamp": None}]
    assert dispatcher.messages == []


def test_a_story_ending_on_another_question_still_gets_the_suggestions():
    dispatcher = CollectingDispatcher()
    assert ActionSuggestQuestions().run(dispatcher, story_tracker("Combien j'aurai après le stage ?"), {}) == []
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/ask_check_balance"


def test_a_correction_the_nlu_is_unsure_of_after_an_answer_is_applied():
    tracker = Tracker(sender_id="test", slots={"last_question": "action_answer_auto_recovery"}, latest_message={
        "text": "ah non en fait c'était pour avoir tourné sans mettre le clignotant",
        "intent": {"name": "nlu_fallback", "confidence": 0.4}, "intent_ranking": RANKING,
        "entities": [{"entity": "offence_type", "value": "no_indicator"}]}, events=[], paused=False,
        followup_action=None, active_loop={}, latest_action_name="action_listen")
    assert ActionSuggestQuestions().run(CollectingDispatcher(), tracker, {}) == [
        {"event": "followup", "name": "action_apply_correction", "timestamp": None}]


def test_a_story_asking_the_balance_and_the_return_dates_gets_the_balance_answer():
    dispatcher = CollectingDispatcher()
    tracker = story_tracker("Combien de points il me reste et quand je récupère le point perdu ?")
    assert ActionSuggestQuestions().run(dispatcher, tracker, {}) == [
        {"event": "followup", "name": "action_answer_check_balance", "timestamp": None}]


def test_a_letter_told_alone_the_nlu_is_unsure_of_gets_the_letter_answer():
    # tester Y: "jai recu une 48si" got "J'ai noté les informations de votre message, mais pas votre question"
    tracker = Tracker(sender_id="test", slots={"letter_code": "48SI"}, latest_message={
        "text": "jai recu une 48si", "intent": {"name": "nlu_fallback", "confidence": 0.38}, "intent_ranking": RANKING,
        "entities": [{"entity": "letter_code", "value": "48SI"}]},
        events=[{"event": "user", "text": "jai recu une 48si"}, {"event": "slot", "name": "letter_code", "value": "48SI"}],
        paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    assert ActionSuggestQuestions().run(dispatcher, tracker, {}) == [
        {"event": "followup", "name": "action_answer_letter", "timestamp": None}]
    assert dispatcher.messages == []


def test_a_story_asking_which_letter_will_come_opens_the_letter_question():
    # tester T2, R19 ex. 4: "je suis en probatoire avec 2 points et je me suis fait prendre au telephone. Il se passe
    # quoi ? je vais recevoir quelle lettre ?" got the suggestions, then "Quelle lettre avez-vous reçue ?" in a loop
    text = ("je suis en probatoire avec 2 points et je me suis fait prendre au telephone. Il se passe quoi ? je vais "
            "recevoir quelle lettre ?")
    tracker = Tracker(sender_id="test", slots={"current_balance": 2, "offence_type": "phone"}, latest_message={
        "text": text, "intent": {"name": "nlu_fallback", "confidence": 0.4}, "intent_ranking": RANKING,
        "entities": [{"entity": "points", "value": 2, "role": "balance"}, {"entity": "offence_type", "value": "phone"}]},
        events=[{"event": "user", "text": text}, {"event": "slot", "name": "current_balance", "value": 2},
                {"event": "slot", "name": "offence_type", "value": "phone"}],
        paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    assert ActionSuggestQuestions().run(dispatcher, tracker, {}) == [
        {"event": "followup", "name": "letter_form", "timestamp": None}]


def test_a_short_question_the_nlu_is_unsure_of_is_read_by_its_words_when_it_tells_facts():
    # "mon fils est jeune conducteur, il va recevoir une lettre ?" (the e2e test of a letter to come): the letter
    # question opens, with the fact told, rather than the suggestions
    text = "mon fils est jeune conducteur, il va recevoir une lettre ?"
    tracker = Tracker(sender_id="test", slots={"probationary": True}, latest_message={
        "text": text, "intent": {"name": "nlu_fallback", "confidence": 0.4}, "intent_ranking": RANKING,
        "entities": [{"entity": "probationary", "value": True}]},
        events=[{"event": "user", "text": text}, {"event": "slot", "name": "probationary", "value": True}],
        paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    assert ActionSuggestQuestions().run(dispatcher, tracker, {}) == [
        {"event": "followup", "name": "letter_form", "timestamp": None}]


def test_a_bare_greeting_gets_the_greeting_with_its_buttons():
    from actions.fallback import ActionGreet
    from tests.actions.conftest import make_tracker
    dispatcher = CollectingDispatcher()
    assert ActionGreet().run(dispatcher, make_tracker(text="bonjour", intent="greet"), {}) == []
    assert [m.get("response") for m in dispatcher.messages] == ["utter_greet"]


def test_a_greeting_that_tells_a_letter_is_answered_on_that_letter():
    # tester T3 c53: "Bonjour, ma 48N est arrivée" got the greeting menu, and the 48N was lost
    from rasa_sdk.events import FollowupAction
    from actions.fallback import ActionGreet
    from tests.actions.conftest import make_tracker, parsed
    text = "Bonjour, ma 48N est arrivée"
    dispatcher = CollectingDispatcher()
    events = ActionGreet().run(dispatcher, make_tracker(text=text, intent="greet", entities=parsed(text),
                                                        new_slots={"letter_code": "48N"}), {})
    assert dispatcher.messages[0]["text"] == "Bonjour !"
    assert events == [FollowupAction("action_answer_letter")]


def test_a_greeting_with_facts_keeps_them_and_proposes_the_questions():
    from actions.fallback import ActionGreet
    from tests.actions.conftest import make_tracker, parsed
    text = "bonjour, il me reste 6 points"
    tracker = make_tracker(text=text, intent="greet", entities=parsed(text), new_slots={"current_balance": 6})
    tracker.latest_message["intent_ranking"] = [{"name": "greet", "confidence": 0.6},
                                                {"name": "ask_check_balance", "confidence": 0.2}]
    dispatcher = CollectingDispatcher()
    assert ActionGreet().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages[0]["text"] == "Bonjour !"
    assert dispatcher.messages[1]["text"].startswith("J'ai noté les informations de votre message")
