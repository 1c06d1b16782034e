"""Testers T50–T52 (replays on 1 December 2026), items of branch h121: the full recovery asked after later answers,
a letter supposed received is to come, "je ne sais pas" to the AAC, an offence's scale doubted."""
from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions import fallback
from actions.follow_ups import answer_in_context
from tests.actions.conftest import make_tracker, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c02: AAC licence 15 June 2025, 125 for 90 on 3 September 2026 paid on the 20th, 48N, a stage planned on
# 11-12 January 2027, then "il aura 12 quand ?" (R7, R9, L.223-6)

BALANCE = (
    "Solde aujourd'hui : 6 points, s'il avait 9 points avant l'infraction du 3 septembre 2026 et aucun autre retrait "
    "depuis : 3 points retirés, 0 point revenu, sans compter un stage éventuel (article L.223-1 du Code de la route).\n"
    "- Sans nouvelle infraction, son permis retrouvera son maximum de points le 20 septembre 2029. Le délai court depuis "
    "le 20 septembre 2026, date du paiement ou de la condamnation, et il est de 3 ans à cause d'un délit ou d'une "
    "contravention de 4e ou 5e classe (article L.223-6 du Code de la route).")
NOTE = "J'ai compté à partir de sa dernière infraction seulement ; une infraction commise depuis repousse ces dates."
STAGE = (
    "Si le stage commence le 11 janvier 2027, alors :\nObligation remplie s'il suit tout le stage : il se termine le 12 "
    "janvier 2027, avant la date limite du 28 février 2027 (article R.223-4 du Code de la route).\n- Le stage des 11 et "
    "12 janvier 2027 lui rendra 3 points le 13 janvier 2027 : son solde passera de 6 à 9 points, car un stage ne fait "
    "pas dépasser le plafond du permis (9 points ce jour-là) (article L.223-6 du Code de la route).")


def _history(*answers):
    events = [{"event": "user", "text": "il s'est fait flasher le 3 septembre dernier",
               "parse_data": {"intent": {"name": "inform"}, "entities": []}}]
    for name, texts in answers:
        events += [{"event": "bot", "text": text} for text in texts]
        events += [{"event": "slot", "name": "last_question", "value": name},
                   {"event": "action", "name": "action_listen"}]
    return events


def _asked(text, intent, history):
    return make_tracker(slots={"last_question": "action_answer_points_after_stage"}, intent=intent, text=text,
                        entities=parsed(text, TODAY), history=history)


@pytest.mark.parametrize("text", ["et les 12 points il les aura quand ?", "il aura 12 quand ?",
                                  "quand est-ce qu'il aura ses 12 points ?"])
def test_the_full_recovery_asked_after_a_stage_answer_is_the_day_given_before(text):
    # t51-c02: the stage's answer (its notes after it) gave no full recovery's day: the question opened the stage form,
    # which asked the stage's date again and read 12 as the balance ("un solde de 12 points dépasse le plafond de 9");
    # the day the balance answer gave stands (a stage does not move it, L.223-6)
    history = _history(("action_answer_check_balance", [BALANCE, NOTE]), ("action_answer_points_after_stage", [STAGE]))
    reply = answer_in_context(_asked(text, "ask_points_after_stage", history))
    assert reply and "retrouvera son maximum de points le 20 septembre 2029" in reply, reply


def test_no_full_recovery_day_of_a_hypothesis():
    # (the day of a supposed world is no answer to the user's own question)
    supposed = ("Si vous commettiez cette infraction, alors :\n- Sans nouvelle infraction, votre permis retrouvera son "
                "maximum de points le 1 mars 2030.")
    history = _history(("action_answer_check_balance", [supposed]), ("action_answer_points_after_stage", [STAGE]))
    assert not answer_in_context(_asked("il aura 12 quand ?", "ask_auto_recovery", history))


def test_the_second_question_after_a_why_is_answered(domain):
    # t51-c02: "pourquoi 9 et pas 10 ? et il aura 12 quand du coup ?" (read by no intent) got the reasons of the stage's
    # answer only: the full recovery's day follows them
    history = _history(("action_answer_check_balance", [BALANCE, NOTE]), ("action_answer_points_after_stage", [STAGE]))
    text = "pourquoi 9 et pas 10 ? et il aura 12 quand du coup ?"
    dispatcher = CollectingDispatcher()
    events = fallback.ActionSuggestQuestions().run(dispatcher, _asked(text, "nlu_fallback", history), domain)
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "9 points ce jour-là" in said, said
    assert "20 septembre 2029" in said or FollowupAction("action_other_question") in events, (said, events)


# --- t51-c26: licence 10 March 2026, 0.3 g/l on 20 October 2026 paid 5 November (0 of 6 points), a stage on 7-8
# December, "s'il reçoit la 48SI le 5 décembre, c'est fichu ?" (R18, R19)

@pytest.mark.parametrize("text", ["il a trouvé un stage les 7 et 8 décembre. mais s'il reçoit la 48SI le 5 décembre, "
                                  "c'est fichu ?", "si je reçois la lettre le 3 décembre, c'est trop tard ?"])
def test_a_letter_supposed_received_is_to_come(text):
    # t51-c26: "le 5 décembre" was read as 5 December 2025, before the licence: "Une lettre 48N suit une infraction
    # commise après l'obtention du permis… ne peut pas dater de ce jour-là" (the clause's "c'est fichu" taken for a past)
    from datetime import date
    from bot.nlu.fact_parsing import extract_facts
    days = [f.value for f in extract_facts(text, date(2026, 12, 1)) if f.entity == "date" and f.role != "stage"]
    assert days and all(day >= "2026-12-01" for day in days), days


def test_supervised_driving_not_known_is_counted_as_not_and_not_asked_again(domain):
    # t51-c26: "je ne sais pas" to the AAC question got its help text and the same question again; the prudent case
    # the help text advises ("non") is counted, said, and the form goes on (R5)
    import asyncio
    from actions import forms
    text = "je ne sais pas"
    known = {"licence_date": "2026-03-10", "offence_date": "2026-10-20", "fine_payment_date": "2026-11-05",
             "probation_offence": True, "last_offence_points": 6, "offence_class": "c4"}
    tracker = make_tracker(slots=known, intent="dont_know", text=text, requested_slot="supervised_driving",
                           form="probation_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "sans conduite accompagnée" in said, said
    assert {"event": "slot", "name": "supervised_driving", "value": False, "timestamp": None} in events or any(
        e.get("name") == "supervised_driving" and e.get("value") is False for e in events), events
    assert not any(e.get("name") == "requested_slot" and e.get("value") == "supervised_driving" for e in events), events


def test_a_48si_supposed_before_the_stage_is_too_late_asked_if_lost():
    # t51-c26: "c'est fichu ?" got "Non : une lettre 48SI présentée le 5 décembre 2026 est notifiée ce jour-là…": the
    # "Non" of "le stage compte ?"; to "c'est fichu ?" the answer is yes (R18, CE 17/04/2025)
    from actions.answers import pending_loss_answer
    text = "il a trouvé un stage les 7 et 8 décembre. mais s'il reçoit la 48SI le 5 décembre, c'est fichu ?"
    known = {"licence_date": "2026-03-10", "supervised_driving": False, "fine_payment_date": "2026-11-05",
             "offence_date": "2026-10-20", "probation_offence": True, "last_offence_points": 6, "offence_class": "c4",
             "offence_type": "alcohol", "last_question": "action_answer_probation"}
    history = _history(("action_answer_probation", ["Son solde est aujourd'hui de 0 point sur 6 : 6 points retirés."]))
    reply = pending_loss_answer(make_tracker(slots=known, intent="nlu_fallback", text=text,
                                             entities=parsed(text, TODAY), history=history))
    assert reply and reply.startswith("Oui, c'est trop tard : une lettre 48SI présentée le 5 décembre 2026"), reply


# --- t51-c15: the pedestrian's priority, 6 points, then "6 points ?! t'es sûr ? c'était pas 4 avant ?" (R4)

CARD = ("Refus de priorité à un piéton : retrait de 6 points (contravention de 4e classe) (article R.415-11 du Code de la "
        "route).\n- Amende forfaitaire : 135 € ; 90 € (amende minorée) si vous la payez dans les 15 jours, quand l'avis "
        "le prévoit (service-public.fr, fiche F1685).\n- Sans nouvelle infraction, le délai de récupération totale est "
        "de 3 ans, et la règle des 10 ans s'applique (article L.223-6 du Code de la route).")


@pytest.mark.parametrize("text, intent", [("6 points ?! t'es sûr ? c'était pas 4 avant ?", "ask_offence_points"),
                                          ("le piéton !! tu viens de me dire 6 points. c'est depuis quand ?",
                                           "ask_probation")])
def test_the_scale_of_the_offence_answered_doubted(text, intent):
    # t51-c15: "Quelle infraction ?" with its buttons, then the same card: the scale changed on 19 September 2018
    history = _history(("action_answer_offence_points", [CARD]))
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"}, intent=intent, text=text,
                           entities=parsed(text, TODAY), history=history)
    reply = answer_in_context(tracker)
    assert reply and "6 points pour une infraction commise depuis le 19 septembre 2018" in reply, reply
    assert "avant cette date, 4 points" in reply, reply
