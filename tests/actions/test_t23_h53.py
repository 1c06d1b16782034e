"""T23/T24 (testers' conversations of 4 December 2026), items of branch h53."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.test_what_if import Conversation

TODAY = "2026-12-01"


def forty_eight_si(domain) -> Conversation:
    # T23 c30: "bjr 48 si", the letter's card
    return Conversation(domain, "bjr 48 si", "ask_letter", answers.ActionAnswerLetter(), {"letter_code": "48SI"},
                        today=TODAY)


def test_the_48si_receipt_told_without_the_letter_gives_the_day_to_hand_it_back(domain, first_of_december):
    # T23 c30: "reçu le 28/11" after the 48SI's card was never used; R19/R20: licence handed back within 10 days of
    # the receipt (8 December 2026), the wait counted from that hand-back, code only for a licence held >= 3 years
    chat = forty_eight_si(domain)
    reply = chat.say("recu le 28/11, permis depuis 2019, cest la premiere fois. je lai pas encore rendu", "inform",
                     answers.ActionAnswerLetter())
    assert chat.slots["letter_48n_date"] == "2026-11-28"
    assert "8 décembre 2026" in reply
    assert "Réponse sous réserve de : la date de réception de la lettre" not in reply
    assert "code" in reply
    reply = chat.say("je l'ai reçu le 28 novembre je vous dis. jai jusqu'a quand pour le rendre ? et je dois repasser "
                     "la conduite ?", "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "8 décembre 2026" in reply
    assert "Avant cette notification, un stage" not in reply  # the 48SI is received: no card of 0 points


def test_the_receipt_told_in_the_zero_points_answer_is_kept(domain, first_of_december):
    chat = forty_eight_si(domain)
    reply = chat.say("je l'ai reçu le 28 novembre. jai jusqu'a quand pour le rendre ?", "ask_zero_points",
                     answers.ActionAnswerZeroPoints())
    assert "8 décembre 2026" in reply


def drivers_seatbelt(domain) -> Conversation:
    # T23 c19: "ceinture pas attachée": the driver's own seatbelt, 3 points (R4, R.412-1)
    chat = Conversation(domain, "ceinture pas attachee", "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "seatbelt"}, today=TODAY)
    assert "retrait de 3 points" in chat.reply
    return chat


@pytest.mark.parametrize("text", [
    "et si c'est mon passager (adulte) qui l'avait pas ?",
    "non je parle du passager a l'arriere, c moi le conducteur qui perd les points ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_the_passenger_after_the_drivers_seatbelt_costs_the_driver_no_points(domain, first_of_december, text, intent,
                                                                             action):
    # T23 c19: the bot asked "Quelle infraction ?" and gave the driver's 3 points again, then "Je n'ai pas bien
    # compris"; R21 example 3: the adult passenger pays the 135 € fine, the driver loses no points
    chat = drivers_seatbelt(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("Si c'est votre passager adulte qui ne porte pas sa ceinture")
    assert "le conducteur ne perd aucun point" in reply
    assert "Quelle infraction" not in reply and "retrait de 3 points" not in reply


def test_a_minor_passenger_after_the_drivers_seatbelt(domain, first_of_december):
    # R.412-2 (R4 table): a passenger under 18 not restrained, the driver pays the fine, 0 points
    chat = drivers_seatbelt(domain)
    reply = chat.say("et si c'est mon passager de 12 ans qui l'avait pas ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert reply.startswith("Si c'est votre passager mineur")
    assert "retrait de 3 points" not in reply


@pytest.mark.parametrize("text", [
    "ok et pour le remboursement de lamende je dois faire quoi",
    "comment je me fais rembourser l'amende ?",
])
def test_the_refund_asked_after_the_48n_deadline_gets_its_steps(domain, first_of_december, text):
    # T23 c04: after the 48N's deadline (3 January 2027), "pour le remboursement … je dois faire quoi" got "En résumé :"
    # and the deadline again; R16: the form from the organiser, sent to the Trésor with the 48N, the attestation, the
    # notice and a RIB
    chat = Conversation(domain, "jlai recu le 3 septembre, cest quoi la date limite du coup", "ask_mandatory_stage",
                        answers.ActionAnswerMandatoryStage(), {"letter_code": "48N", "letter_48n_date": "2026-09-03"},
                        today=TODAY)
    assert "3 janvier 2027" in chat.reply
    reply = chat.say(text, "ask_refund_48n", answers.ActionAnswerRefund48n())
    assert not reply.startswith("En résumé")
    assert "Envoyez au comptable public (Trésor) du lieu de l'infraction" in reply


PAID_LAST_WEEK = ("Salut ! jai eu mon permis il y a deux ans et demi. La semaine dernière je me suis fait flasher a 135 "
                  "sur autoroute limitee a 110 et jai deja payé. Ca fait quoi pour moi ?")


def test_a_fine_said_paid_without_its_day_is_withdrawn(domain, first_of_december):
    # T23 c28: "j'ai déjà payé" told, the balance said "10 points : l'infraction … ne retire rien tant qu'elle n'est
    # pas établie (amende payée…)"; R2: the payment establishes the offence, its 2 points are withdrawn: 8 of 10
    from tests.actions.test_what_if import mapped_slots
    from tests.actions.conftest import parsed
    slots = {k: v for k, v in mapped_slots(parsed(PAID_LAST_WEEK, TODAY), domain).items() if v is not None}
    chat = Conversation(domain, PAID_LAST_WEEK, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots,
                        today=TODAY)
    assert "retrait de 2 points" in chat.reply
    reply = chat.say("et du coup il me reste combien sur mon permis ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert "ne retire rien tant qu'elle n'est pas établie" not in reply
    assert "8 points" in reply and "n'est pas encore établie" not in reply


def test_a_48n_received_at_the_end_of_a_month_counts_its_earliest_day(domain, first_of_december):
    # T23 c22: "fin octobre je crois" for the 48N's receipt was counted as 31 October, the latest day, which gives
    # the latest deadline; R15: the 4 months run from the receipt, so the safe day is the earliest of the end of the
    # month (21 October → 21 February 2027), said with the deadline of the last day (28 February 2027)
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    text = "euh je sais plus trop, fin octobre je crois"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), form="mandatory_stage_form",
                           requested_slot="letter_48n_date", new_slots={"letter_48n_date": "2026-10"})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert slots["letter_48n_date"] == "2026-10-21", (slots, said)
    assert "je compte le 21 octobre 2026" in said and "21 février 2027" in said and "28 février 2027" in said


@pytest.mark.parametrize("intent, action", [
    ("out_of_scope", fallback.ActionOutOfScope()),
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_by_car_after_the_bike_answer_gives_the_offence_s_points(domain, first_of_december, intent, action):
    # T24 c27: the pedestrian's priority on a bike answered (0 points, R21), then "et en voiture alors ?" got the
    # off-topic refusal; R4: failure to give way to a pedestrian, R.415-11, 6 points
    chat = Conversation(domain, "cb de pts pr un refus de priorité a un pieton ? et si c'est à vélo ?",
                        "ask_offence_points", answers.ActionAnswerOffencePoints(), {"offence_type": "cycling"},
                        today=TODAY)
    assert "aucun point" in chat.reply
    reply = chat.say("et en voiture alors ?", intent, action)
    assert "retrait de 6 points" in reply and "piéton" in reply
    assert "je ne peux pas vous aider sur ce sujet" not in reply


def test_the_licence_back_after_its_hand_back_is_the_invalidation_s_wait(domain, first_of_december):
    # T23 c10: "j'ai rendu le permis le 25 novembre. J'ai le permis depuis 2010. Je peux le ravoir quand ?" after a
    # 48SI got "Votre période probatoire est terminée depuis 2013"; R20: a new licence from 25 May 2027, 6 months
    # after the hand-back, code only if registered within 9 months (25 August 2027), the licence held >= 3 years
    chat = Conversation(domain, "Bonjour, je viens d'avoir une lettre 48SI, qu'est ce que je dois faire ? je dois "
                                "rendre mon permis ?", "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        {"letter_code": "48SI"}, today=TODAY)
    reply = chat.say("je l'ai eu le 20 novembre, j'ai rendu le permis le 25 novembre. J'ai le permis depuis 2010. Je "
                     "peux le ravoir quand ?", "ask_probation", answers.ActionAnswerProbation())
    assert "période probatoire est terminée" not in reply
    assert "25 mai 2027" in reply and "25 août 2027" in reply


@pytest.mark.parametrize("text", [
    "combien de points perd un pote qui conduit pendant une suspension ?",
    "conduite pendant une suspension de permis",
    "il s'est fait choper avec le permis suspendu, il prend combien ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_suspension", answers.ActionAnswerSuspension()),
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_driving_while_suspended_is_the_delit_of_l224_16(domain, first_of_december, text, intent, action):
    # T24 c19: answered with the stage during a suspension, then "Quelle infraction ?" twice; R4 (table: driving
    # while suspended or invalidated, L.224-16, délit, 6 points), R20
    from tests.actions.test_what_if import mapped_slots
    from tests.actions.conftest import parsed
    slots = {k: v for k, v in mapped_slots(parsed(text, TODAY), domain).items() if v is not None}
    reply = Conversation(domain, text, intent, action, slots, today=TODAY).reply
    assert "retrait de 6 points (délit)" in reply
    assert "suivre un stage pendant la suspension" not in reply and "Quelle infraction" not in reply


def test_what_an_offence_told_does_for_me_is_its_answer(domain, first_of_december):
    # T23 c28: "…flasher a 135 sur autoroute limitee a 110 et jai deja payé. Ca fait quoi pour moi ?" read below the
    # threshold got "J'ai noté les informations de votre message, mais pas votre question" and the buttons; the
    # offence told is what the question asks about: its answer (R4), with the facts kept
    from tests.actions.test_what_if import mapped_slots, run
    from tests.actions.conftest import make_tracker, parsed
    entities = parsed(PAID_LAST_WEEK, TODAY)
    tracker = make_tracker(intent="nlu_fallback", text=PAID_LAST_WEEK, entities=entities,
                           new_slots={k: v for k, v in mapped_slots(entities, domain).items() if v is not None})
    events, text = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert "mais pas votre question" not in text
    assert {"event": "followup", "timestamp": None, "name": "offence_points_form"} in events
