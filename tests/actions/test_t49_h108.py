"""Tester T49 (replays on 1 December 2026), items of branch h108: a question typed while the form waits for a number
is answered, not refused as a wrong count (c30)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import forms
from tests.actions.conftest import make_tracker, parsed, user_said

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

OPENING = "je voudrais savoir quand je recupere mes points"
POINTS_ASKED = "Combien de points votre dernière infraction vous a-t-elle retirés ?"


def waiting_for(requested: str, text: str, intent: str, domain, form: str = "auto_recovery_form",
                validator=None, known=None, asked: str = POINTS_ASKED, **in_form):
    """The form `form` asking `requested` (`asked`) after the opening question, and `text` typed to it, with the
    slots Rasa fills from its entities, and `in_form` those its mappings conditioned on the form fill (the number
    for the points asked): the validation's events and what it said."""
    from tests.actions.conversation import mapped_slots
    entities = parsed(text, TODAY)
    history = [user_said(OPENING, "ask_auto_recovery"), {"event": "active_loop", "name": form},
               {"event": "slot", "name": "requested_slot", "value": requested},
               {"event": "bot", "text": asked}, {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots=dict(known or {}), new_slots={**mapped_slots(entities, domain, intent), **in_form}, text=text,
                           entities=entities, intent=intent, form=form, requested_slot=requested, history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run((validator or forms.ValidateAutoRecoveryForm()).run(dispatcher, tracker, domain))
    return events, "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


# --- t49-c30: "attends c'est quoi la différence entre 48 et 48N deja ?" to "Combien de points… retirés ?" (R15, R19)

def test_c30_a_question_on_the_letters_is_answered_not_read_as_the_points(domain):
    # t49-c30 got "Une infraction retire de 1 à 9 points. Combien de points vous a-t-on retirés ?", then the form's
    # question again: the "48" of the question was read as 48 points withdrawn
    events, said = waiting_for("last_offence_points", "attends c'est quoi la différence entre 48 et 48N deja ?",
                               "ask_letter", domain, last_offence_points=48)
    assert "1 à 9 points" not in said and "?" not in said, said
    # each letter, in the message's order (R19): the 48 informs of a retrait, the 48N makes the stage compulsory
    # within 4 months in probation (R15)
    assert said.index("La lettre 48 vous informe d'un retrait de points") < said.index("La lettre 48N"), said
    assert "stage dans les 4 mois" in said and "R.223-4" in said and "sous réserve" not in said
    # the points asked again, once (the form's utter_ask), nothing kept from the question
    assert slots_of(events) == {"letter_code": None, "last_offence_points": None,
                                "requested_slot": "last_offence_points"}, events


@pytest.mark.parametrize("text, intent, requested, in_form, letters", [
    ("et la 48M c'est quoi ?", "ask_letter", "fine_payment_date", {}, ["48M"]),
    ("la lettre 48 ça veut dire quoi ?", "ask_letter", "current_balance", {"current_balance": 48}, ["48"]),
    ("quelle différence entre une 48 et une 48SI ?", "ask_letter", "offence_class", {}, ["48", "48SI"]),
])
def test_letters_asked_while_another_fact_is_asked(domain, text, intent, requested, in_form, letters):
    events, said = waiting_for(requested, text, intent, domain, **in_form)
    for letter in letters:
        assert f"La lettre {letter} " in said, said
    assert slots_of(events).get(requested, "unset") is None and slots_of(events)["requested_slot"] == requested


@pytest.mark.parametrize("text, requested", [
    ("j'ai reçu la 48N le 3 novembre", "last_offence_points"),  # a fact of the story: the form reads it
    ("48N", "letter_code"),  # the letter asked: an answer
    ("c'est quoi la différence entre 48 et 48N ?", "letter_code"),
    ("3", "last_offence_points"),
])
def test_no_letter_question(domain, text, requested):
    from actions.mid_form import letters_asked
    from tests.actions.conftest import make_tracker
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), intent="ask_letter", requested_slot=requested,
                           form="auto_recovery_form")
    assert letters_asked(tracker, requested) == []



@pytest.mark.parametrize("text, intent, in_form, answered", [
    # the same form's question: its rule in brief (R10), not "Une infraction retire de 1 à 9 points"
    ("c'est quoi la règle des 10 ans ?", "ask_auto_recovery", {"last_offence_points": 10}, "la règle des 10 ans"),
    # a side question: its answer (R1), then the points asked again
    ("comment je vois mes points, j'en ai 15 ?", "ask_check_balance", {"last_offence_points": 15}, "Mes Points Permis"),
])
def test_a_number_of_a_question_is_not_refused_as_the_answer(domain, text, intent, in_form, answered):
    # generalisation of t49-c30: a number refused as the fact asked belongs to the question the message asks
    events, said = waiting_for("last_offence_points", text, intent, domain, **in_form)
    assert "1 à 9 points" not in said and answered in said, said
    assert slots_of(events).get("last_offence_points", "unset") is None
    assert slots_of(events)["requested_slot"] == "last_offence_points"


def test_a_bare_number_refused_is_still_refused(domain):
    _, said = waiting_for("last_offence_points", "15", "inform", domain, last_offence_points=15)
    assert said.startswith("Une infraction retire de 1 à 9 points"), said


# --- t49-c30: "laisse tomber, merci au revoir" while the form asks: one goodbye, nothing asked after it

def answer_after_the_form(text: str, intent: str, goodbye_before: bool):
    """What the recovery's answer action says once the form ended on `text` (the form's question given up), the
    goodbye said before it in reply to the same message (by the action of the message the form rejected) or not."""
    from actions import answers
    from tests.actions.conversation import run_messages
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), intent=intent,
                           history=[user_said(OPENING, "ask_auto_recovery"), {"event": "bot", "text": POINTS_ASKED}])
    if goodbye_before:
        tracker.events.append({"event": "bot", "text": "Au revoir, et bonne route !"})
    return run_messages(answers.ActionAnswerAutoRecovery(), tracker, {})[1]


@pytest.mark.parametrize("text", ["laisse tomber, merci au revoir", "non merci c'est bon, bonne journée",
                                  "stop, au revoir", "ok laissez tomber, bonne soirée", "bon ben merci, bye"])
def test_c30_a_goodbye_while_a_fact_is_asked_leaves_the_question(domain, text):
    # t49-c30: "Au revoir, et bonne route !" then "D'accord, j'abandonne cette question. Que puis-je faire d'autre pour
    # vous ?"; "non merci c'est bon, bonne journée" got "Je n'ai pas compris votre réponse." and the points again
    events, said = waiting_for("last_offence_points", text, "nlu_fallback", domain)
    assert said == "" and slots_of(events) == {"requested_slot": None}, (events, said)
    # (the form rejected, the goodbye said by the fallback's closing reply; the form then ends: its answer says nothing)
    assert answer_after_the_form(text, "nlu_fallback", goodbye_before=True) == []
    # (ended directly: the goodbye, and no "Que puis-je faire d'autre pour vous ?")
    assert answer_after_the_form(text, "stop", goodbye_before=False) == ["utter_goodbye"]


def test_c30_the_fallback_says_goodbye_to_it(domain):
    from actions.fallback import ActionSuggestQuestions
    from tests.actions.conversation import run_messages
    text = "non merci c'est bon, bonne journée"
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), intent="nlu_fallback", form="auto_recovery_form",
                           requested_slot="last_offence_points",
                           history=[user_said(OPENING, "ask_auto_recovery"), {"event": "bot", "text": POINTS_ASKED}])
    assert run_messages(ActionSuggestQuestions(), tracker, domain)[1] == ["utter_goodbye"]


@pytest.mark.parametrize("text", ["laisse tomber", "annulez, en fait je vais attendre"])
def test_a_cancel_without_goodbye_still_offers_another_question(text):
    assert answer_after_the_form(text, "stop", goodbye_before=False) == ["utter_cancelled"]


@pytest.mark.parametrize("text", ["bonne journée, mais je peux faire un stage ?", "au revoir ? déjà ?",
                                  "3 points, bonne journée", "bonne route mais combien il me reste ?"])
def test_no_goodbye(text):
    from actions.mid_form import says_goodbye
    from tests.actions.conftest import make_tracker
    assert not says_goodbye(make_tracker(text=text, entities=parsed(text, TODAY), intent="goodbye"))


# --- t49-c28: "t'es sur ? mon pote m'a dit que…" right after the answer on the A2 (R1, R5)

C28_1 = ("salut, je passe le permis moto A2 l'an prochain, j'ai le B depuis 2015. je vais repartir en probatoire avec "
         "6 pts ?")


@pytest.mark.parametrize("objection, intent", [
    ("t'es sur ? mon pote m'a dit que comme j'ai deja le B depuis 11 ans ca change rien", "nlu_fallback"),
    ("mon moniteur m'a dit le contraire", "out_of_scope"),
    ("vraiment ?", "nlu_fallback"),
    ("vraiment ?", "ask_stage_info"),  # (as the NLU reads it)
])
def test_c28_an_objection_gets_the_answer_confirmed_with_its_rule(domain, objection, intent):
    # t49-c28 got "Je n'ai pas bien compris votre question sur votre permis probatoire. Pouvez-vous la reformuler… ?"
    from actions import answers
    from actions.fallback import ActionOutOfScope, ActionSuggestQuestions
    from tests.actions.conversation import FormConversation
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.slots, chat.events = domain, TODAY, {}, []
    reply = chat.say_in_form(C28_1, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Non : passer une nouvelle catégorie"), reply
    action = {"out_of_scope": ActionOutOfScope(), "ask_stage_info": answers.ActionAnswerStageInfo()}.get(
        intent, ActionSuggestQuestions())
    reply = chat.say(objection, intent, action)
    assert reply.startswith("Oui, je vous le confirme"), reply
    assert "ne vous remet pas en période probatoire" in reply and "article L.223-1 du Code de la route" in reply
    assert "reformuler" not in reply


@pytest.mark.parametrize("text", [
    "mon pote m'a dit qu'un excès de 30 km/h c'est 3 points",  # an offence of its own: its question
    "vraiment ? j'ai eu un excès en mars 2026",  # a fact told with the doubt: read
])
def test_not_an_objection(domain, text):
    from actions.follow_ups import objection_to_the_answer
    from tests.actions.conftest import make_tracker
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), intent="nlu_fallback", slots={
        "last_question": "action_answer_probation", "licence_date": "2015"}, history=[
        user_said(C28_1, "ask_probation"), {"event": "action", "name": "action_answer_probation"},
        {"event": "bot", "text": "Non : passer une nouvelle catégorie … (article L.223-1 du Code de la route)."}])
    assert objection_to_the_answer(tracker) is None
