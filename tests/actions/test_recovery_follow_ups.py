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


def test_an_offence_that_costs_no_point_has_nothing_to_recover(domain):
    # T3 c29: "c'était un feu orange je crois" to the points question (R4: R.412-31, 35 €, 0 point)
    from actions.forms import ValidateAutoRecoveryForm
    history = [user_said("Je voudrais savoir quand je récupère mes points", "ask_auto_recovery"),
               {"event": "active_loop", "name": "auto_recovery_form"}, _slot("requested_slot", "last_offence_points")]
    for text in ("je sais pas combien, c'était un feu orange je crois", "c'était pour être passé à l'orange",
                 "un feu jaune"):
        tracker = make_tracker(history=history, text=text, entities=parsed(text), form="auto_recovery_form",
                               requested_slot="last_offence_points")
        required = asyncio.run(ValidateAutoRecoveryForm().required_slots(
            ["last_offence_points", "fine_payment_date"], CollectingDispatcher(), tracker, domain))
        assert required == [], text
        answer = _run(answers.ActionAnswerAutoRecovery(), tracker, domain)
        assert answer.startswith("Rien à récupérer : feu orange (jaune fixe) non respecté : aucun point") \
            and "35 €" in answer, text


def test_the_points_of_a_speeding_give_its_class_so_the_fine_is_not_asked(domain):
    from actions.forms import ValidateAutoRecoveryForm
    history = [user_said("quand est ce que je vais recuperer les points de mon exces de vitesse", "ask_auto_recovery"),
               _slot("offence_type", "speeding"), {"event": "active_loop", "name": "auto_recovery_form"},
               _slot("requested_slot", "last_offence_points")]
    for said, klass in (("2 points", "c4"), ("j'en ai perdu 3", "c4"), ("1 point", None)):
        tracker = make_tracker(slots={"offence_type": "speeding"}, new_slots={"last_offence_points": int(said[
            [c.isdigit() for c in said].index(True)])}, history=history, text=said, entities=parsed(said),
            form="auto_recovery_form", requested_slot="last_offence_points")
        events = asyncio.run(ValidateAutoRecoveryForm().get_validation_events(CollectingDispatcher(), tracker, domain))
        classes = [e["value"] for e in events if e.get("name") == "offence_class"]
        assert (classes[-1] if classes else None) == klass, said


def _after_offence_answer(answer_text, told="combien de points ?"):
    return [user_said(told, "ask_offence_points"), {"event": "action", "name": "action_answer_offence_points"},
            {"event": "bot", "text": answer_text}, _slot("last_question", "action_answer_offence_points")]


def test_does_it_come_back_after_10_years_after_a_delit_is_no():
    # T3 c41, R10 example 2
    history = _after_offence_answer(
        "Excès de 51 km/h : retrait de 6 points (délit).\n- Sans nouvelle infraction, le délai de récupération totale "
        "est de 3 ans ; la règle des 10 ans ne s'applique pas (article L.223-6 du Code de la route).")
    for text in ("et ça revient au bout de 10 ans ?", "la règle des dix ans ça marche ?"):
        reply = answer_in_context(make_tracker(history=history, text=text, entities=parsed(text)))
        assert reply.startswith("Non : la règle des 10 ans ne rend que les points des contraventions des 4 premières "
                                "classes"), text


def test_does_it_come_back_after_10_years_after_a_phone_is_yes():
    history = _after_offence_answer(
        "Téléphone tenu en main : retrait de 3 points.\n- Sans nouvelle infraction, le délai de récupération totale "
        "est de 3 ans, et la règle des 10 ans s'applique (article L.223-6 du Code de la route).")
    text = "et au bout de 10 ans ça revient ?"
    assert answer_in_context(make_tracker(history=history, text=text, entities=parsed(text))).startswith("Oui : ")


def test_the_same_offence_in_an_earlier_year_takes_that_year_s_scale():
    # T3 c42, R4 edge case: 84 for 80 in 2023 still cost 1 point (décret 2023-1150 from 01/01/2024)
    told = "j'ai été flashé 4 km/h au dessus sur une route à 80, je perds un point ?"
    history = [user_said(told, "ask_offence_points"), _slot("offence_type", "speeding"), _slot("speed_excess", 4),
               _slot("speed_limit", 80), {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": "Excès de 4 km/h : aucun point n'est retiré."},
               _slot("offence_type", None), _slot("speed_excess", None), _slot("speed_limit", None),
               _slot("last_question", "action_answer_offence_points")]
    for text in ("et le même en 2023 ?", "et la même chose en 2022 ?"):
        reply = answer_in_context(make_tracker(history=history, text=text, entities=parsed(text)))
        assert reply and "retrait de 1 point" in reply and "avant le 1er janvier 2024" in reply, (text, reply)


def test_a_retention_told_with_its_speeds_says_the_points_too(domain):
    # T3 c20: 135 for 90 (45 km/h over): 4 points, 4e classe (R4), besides the retention
    for text, points in (("les gendarmes m'ont retiré mon permis sur le bord de la route, j'étais a 135 au lieu de 90",
                          "retrait de 4 points (contravention de 4e classe)"),
                         ("permis retenu hier soir, j'étais à 125 sur une route à 80", "retrait de 4 points")):
        tracker = make_tracker(intent="ask_suspension", text=text, entities=parsed(text))
        answer = _run(answers.ActionAnswerSuspension(), tracker, domain)
        assert points in answer, text


def test_and_the_points_after_a_retention_answer_are_the_offence_s():
    told = "les gendarmes m'ont retiré mon permis sur le bord de la route, j'étais a 135 au lieu de 90"
    history = [user_said(told, "ask_suspension"), {"event": "action", "name": "action_answer_suspension"},
               {"event": "bot", "text": "Lors d'un contrôle…"}]
    for text in ("et les points ?", "et pour les points alors ?"):
        reply = answer_in_context(make_tracker(history=history, text=text, entities=parsed(text)))
        assert reply and reply.startswith("Excès de 45 km/h (135 km/h retenus pour 90 km/h autorisés) : retrait de "
                                          "4 points"), text
