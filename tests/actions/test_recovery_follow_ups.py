"""Recovery follow-ups (R8–R10): the payment date given to the form is a reply, not "et l'amende ?" (T3 c01);
"je l'ai déjà récupéré ?" answers yes or not yet with the date (T3 c05, c07); "et si je me refais flasher en
janvier ?" takes the speeds of the story (T3 c05)."""
from __future__ import annotations

import asyncio
import inspect

from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.follow_ups import answer_in_context
from tests.actions.conftest import make_tracker, parsed, user_said


def _slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    if inspect.iscoroutine(events):
        asyncio.run(events)
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def _after_speeding_answer():
    return [user_said("j'étais a 94 sur une route limitée à 80"), _slot("offence_type", "speeding"),
            _slot("speed_limit", 80), _slot("speed_excess", 14),
            {"event": "action", "name": "action_answer_offence_points"}, _slot("offence_type", None),
            _slot("last_question", "action_answer_offence_points"), _slot("last_offence_points", 1),
            _slot("offence_class", "c3")]


def test_the_payment_date_answered_to_the_form_gets_the_recovery_not_the_fine(domain):
    history = _after_speeding_answer() + [
        user_said("et je les récupère quand mes points ?", "ask_auto_recovery"),
        {"event": "action", "name": "auto_recovery_form"}, {"event": "active_loop", "name": "auto_recovery_form"},
        _slot("requested_slot", "fine_payment_date")]
    for text, paid, back in (("j'ai payé l'amende le 3 novembre", "2026-11-03", "3 mai 2027"),
                             ("l'amende je l'ai réglée le 2 octobre", "2026-10-02", "2 avril 2027")):
        tracker = make_tracker(slots={"last_offence_points": 1, "offence_class": "c3"},
                               new_slots={"fine_payment_date": paid}, history=history, text=text,
                               entities=parsed(text))
        assert answer_in_context(tracker) is None
        answer = _run(answers.ActionAnswerAutoRecovery(), tracker, domain)
        assert f"revient le {back}" in answer and "Amende forfaitaire" not in answer


def test_already_recovered_asked_says_not_yet_with_the_date():
    history = _after_speeding_answer() + [user_said("payé le 12/06/2026"), _slot("fine_payment_date", "2026-06-12")]
    for text in ("du coup je l'ai déjà récupéré ?", "il est revenu mon point ?"):
        tracker = make_tracker(slots={"last_offence_points": 1, "offence_class": "c3",
                                      "fine_payment_date": "2026-06-12",
                                      "last_question": "action_answer_offence_points"},
                               history=history, text=text, entities=parsed(text), intent="nlu_fallback")
        reply = answer_in_context(tracker)
        assert reply.startswith("Pas encore. Le point retiré pour l'infraction payée le 12 juin 2026 revient le "
                                "12 décembre 2026"), reply


def test_already_recovered_asked_says_yes_once_the_date_is_past():
    history = _after_speeding_answer() + [user_said("payé le 12/01/2026"), _slot("fine_payment_date", "2026-01-12")]
    text = "donc je l'ai récupéré ?"
    tracker = make_tracker(slots={"last_offence_points": 1, "offence_class": "c3", "fine_payment_date": "2026-01-12",
                                  "last_question": "action_answer_offence_points"},
                           history=history, text=text, entities=parsed(text))
    assert answer_in_context(tracker).startswith("Oui. Le point retiré pour l'infraction payée le 12 janvier 2026 est "
                                                 "revenu le 12 juillet 2026")


def test_the_ten_year_points_asked_recovered_are_not_yet():
    # T3 c07: phone paid 2016-12-15 and offences regularly since: back on 2026-12-15 (R10 example 1)
    story = ("Moi j'ai perdu 3 points pour le téléphone, amende payée le 15 décembre 2016, et depuis j'ai eu plein de "
             "petites prunes")
    history = [user_said(story), _slot("last_offence_points", 3), _slot("fine_payment_date", "2016-12-15"),
               _slot("offence_type", "phone"), {"event": "action", "name": "action_answer_auto_recovery"},
               _slot("last_question", "action_answer_auto_recovery")]
    text = "donc ces 3 points je les ai récupérés ?"
    tracker = make_tracker(slots={"last_offence_points": 3, "fine_payment_date": "2016-12-15", "offence_type": "phone"},
                           history=history, text=text, entities=parsed(text), intent="ask_points_after_stage")
    reply = answer_in_context(tracker)
    assert reply.startswith("Pas encore.") and "reviennent le 15 décembre 2026" in reply


def test_a_stage_question_is_not_read_as_recovered():
    from actions.follow_ups import ASKS_IF_RECOVERED
    assert not ASKS_IF_RECOVERED.search("si je fais un stage je les ai recuperes ?")


def test_flashed_again_in_january_takes_the_speeds_of_the_story():
    history = [user_said("J'ai perdu 1 point pour un petit excès en ville, limité à 50 j'étais à 57"),
               _slot("offence_type", "speeding"), _slot("speed_limit", 50), _slot("speed_measured", 57),
               {"event": "action", "name": "action_answer_offence_points"}, _slot("offence_type", None),
               _slot("speed_limit", None), _slot("speed_measured", None),
               _slot("last_question", "action_answer_offence_points"), _slot("last_offence_points", 1),
               _slot("offence_class", "c4"), user_said("payé le 12/06/2026"), _slot("fine_payment_date", "2026-06-12")]
    for text in ("et si je me refais flasher en janvier ?", "et si je me fais reflasher en février ?"):
        tracker = make_tracker(slots={"last_offence_points": 1, "offence_class": "c4",
                                      "fine_payment_date": "2026-06-12"},
                               history=history, text=text, entities=parsed(text))
        reply = answer_in_context(tracker)
        assert reply and "Impossible de répondre" not in reply and "retire 1 point" in reply, reply
