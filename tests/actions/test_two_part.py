"""A message of two questions gets both answers; a story's question sentence says its question."""
from __future__ import annotations

import asyncio

from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerRefund48n
from actions.two_part import ActionAnswerOtherQuestion, question_clauses, question_of, story_question
from tests.actions.conftest import make_tracker, parsed

# R15 example 1 / R16 example 1: licence 2025-02-01, phone paid 2025-09-25 (3/6), 48N received 2025-11-14,
# compulsory stage 2026-01-12/13
R15_FACTS = {"licence_date": "2025-02-01", "supervised_driving": False, "letter_48n_date": "2025-11-14",
             "stage_first_day": "2026-01-12", "current_balance": 3, "previous_stage_date": "none"}


def _events_after(tracker_events, name, events):
    """The tracker's events once the action `name` ran and returned `events` (as the Rasa server records them)."""
    slot_events = [{"event": "slot", "name": e["name"], "value": e["value"]} for e in events if e.get("event") == "slot"]
    return [*tracker_events, {"event": "action", "name": name}, *slot_events]


def two_answers(text, intent, slots, first_action, domain):
    first = CollectingDispatcher()
    tracker = make_tracker(slots=slots, intent=intent, text=text, entities=parsed(text))
    events = first_action().run(first, tracker, domain)
    assert FollowupAction("action_other_question") in events
    history = _events_after(tracker.events, first_action().name(), events)
    after = make_tracker(slots={**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}},
                         intent=intent, text=text, entities=parsed(text))
    after.events = history
    second = CollectingDispatcher()
    more = asyncio.run(ActionAnswerOtherQuestion().run(second, after, domain))
    return [m["text"] for m in first.messages], [m.get("text") for m in second.messages], more


def test_the_question_clauses_of_a_message_in_order():
    assert question_clauses("le stage me rend des points ? et l'amende est remboursée ?") == [
        "le stage me rend des points ?", "et l'amende est remboursée ?"]
    assert question_clauses("j'ai fait le stage le 12 et 13 janvier 2026, ca me fait combien et on me rembourse ?") \
        == ["j'ai fait le stage le 12 et 13 janvier 2026, ca me fait combien", "on me rembourse ?"]
    assert question_clauses("Combien de points il me reste et quand je récupère le point perdu ?") == [
        "Combien de points il me reste", "quand je récupère le point perdu ?"]
    assert question_clauses("permis en 2019. J'ai payé le 3 mars.") == []


def test_each_clause_is_read_as_the_question_its_words_ask():
    message = "Est-ce qu'il m'a rendu des points ? Et l'amende est remboursée ? (stage obligatoire)"
    assert question_of("Est-ce qu'il m'a rendu des points ?", message) == "ask_points_after_stage"
    assert question_of("Et l'amende est remboursée ?", message) == "ask_refund_48n"
    assert question_of("ca me fait combien", "le stage le 12, ca me fait combien") == "ask_points_after_stage"
    assert question_of("il va perdre combien de points ?") == "ask_offence_points"
    assert question_of("Combien de points il me reste") == "ask_check_balance"
    assert question_of("quand je récupère le point perdu ?") == "ask_auto_recovery"
    assert question_of("c'est grave docteur ?") is None


def test_refund_then_the_points_of_the_same_compulsory_stage(domain):
    # R15 example 1 and R16 example 1: refunded (stage before 14 March 2026), and 3 + 4 capped at 6 on 2026-01-14
    text = "le stage obligatoire me rend des points ? et l'amende est remboursée ?"
    first, second, more = two_answers(text, "ask_refund_48n", R15_FACTS, ActionAnswerRefund48n, domain)
    assert "remboursée" in first[0] and "14 mars 2026" in first[0]
    assert "28 janvier 2026" in first[0]  # the request: 15 days after the stage (R16)
    assert len(second) == 1 and "6 points" in second[0] and "14 janvier 2026" in second[0]
    assert not any(isinstance(e, dict) and e.get("name") == "action_other_question" for e in more)


def test_a_late_stage_refused_then_its_points_asked_for_what_is_missing(domain):
    # R16 example 3: stage 2026-03-20/21 after the deadline of 2026-03-14 -> no refund; the points question next:
    # the balance is not known, so its form asks for it
    text = ("48N reçue le 14 novembre 2025, j'ai fait le stage le 20 et 21 mars 2026. Je serai remboursé de "
            "l'amende ? Et j'ai eu des points ?")
    slots = {"letter_48n_date": "2025-11-14", "stage_first_day": "2026-03-20"}
    first, second, more = two_answers(text, "ask_refund_48n", slots, ActionAnswerRefund48n, domain)
    assert first[0].startswith("Pas de remboursement") and "14 mars 2026" in first[0]
    assert second == [] and more == [FollowupAction("points_after_stage_form")]


def test_a_message_of_one_question_has_no_second_answer(domain):
    text = "le stage obligatoire fait dans les temps, l'amende est remboursée ?"
    tracker = make_tracker(slots=R15_FACTS, intent="ask_refund_48n", text=text, entities=parsed(text))
    events = ActionAnswerRefund48n().run(CollectingDispatcher(), tracker, domain)
    assert FollowupAction("action_other_question") not in events


def test_the_question_of_a_story_is_its_last_clause():
    son = ("bonjour mon fils a eu son permis en janvier 2026 et il s'est fait arreter avec le telephone a la main la "
           "semaine derniere, il va perdre combien de points ?")
    assert story_question(son) == "il va perdre combien de points ?"
    c2 = ("Bonjour, j'ai eu mon permis le 10 juin 2025 après avoir fait la conduite accompagnée. Le 3 septembre 2026 "
          "j'ai été flashé en ville, zone 30, vitesse retenue 47. J'ai payé l'amende le 20 septembre 2026. Combien de "
          "points il me reste et quand je récupère le point perdu ?")
    assert story_question(c2) == "quand je récupère le point perdu ?"
    assert story_question("combien il me reste ?") is None
