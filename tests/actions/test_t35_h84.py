"""Tester T35 (replays on 1 December 2026; the original runs in T33), items of branch h84: facts added to a story after
an answer. A fact that changes nothing is said to be counted already (R3), a balance said back is no correction, a
lettre 48M tells a licence out of probation (R19), and the balance once a retrait still to come is made is the one
the stage's answer gave (R12, R18)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import FormConversation, mapped_slots, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t35-c18: phone + belt at a morning check, red light at an afternoon one: 10 points, 2 left (R3) --------------

C18 = ("Sale journée le 14 octobre 2026 : le matin contrôle, téléphone + pas de ceinture. L'après-midi feu rouge grillé, "
       "autre contrôle, autres policiers. Tout payé le 30 octobre. J'avais 12 points (permis 2001). Il me reste quoi ? "
       "Le max c'est 8 d'un coup non ?")


def c18_chat(domain) -> FormConversation:
    chat = opened(domain, C18, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    assert "10 points au total" in chat.reply and "il vous reste 2 points" in chat.reply, chat.reply
    return chat


def test_c18_separate_checks_told_again_are_what_the_answer_counted(domain):
    # T33/T35 c18: "mais c'était deux contrôles différents" after an answer that added them (no cap across checks,
    # R3) got "C'est noté. Quelle est votre question ?" (or "C'est noté, je corrige."): nothing changes, it says so
    chat = c18_chat(domain)
    reply = chat.say("mais c'était deux contrôles différents, un le matin et un l'après midi", "inform",
                     corrections.ActionApplyCorrection())
    assert reply.startswith("C'est bien ce que j'ai compté : des contrôles différents, dont les retraits "
                            "s'additionnent sans plafond"), reply
    assert "il vous reste 2 points" in reply and "je corrige" not in reply and "Quelle est votre question" not in reply


def test_c18_the_balance_said_back_is_no_correction(domain):
    # T35 c18: "et avec 2 points je fais quoi, un stage ?" right after "il vous reste 2 points" got "C'est noté, je
    # corrige." (the 12 told before the retraits read as the balance it corrects); the stage goes from 2 to 6 (R12)
    chat = c18_chat(domain)
    reply = chat.say_in_form("ok. et je récupère tout quand ? et avec 2 points je fais quoi, un stage ?",
                             "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             answers.ActionAnswerPointsAfterStage())
    assert "je corrige" not in chat.form_said, chat.form_said
    assert "de 2 à 6 points" in reply, reply


def test_a_balance_told_anew_is_still_a_correction(domain):
    # (the same form, a balance other than the answer's: "C'est noté, je corrige." stays true)
    chat = c18_chat(domain)
    chat.say_in_form("en fait il me reste 5 points, et un stage ?", "ask_points_after_stage", "points_after_stage_form",
                     forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "je corrige" in chat.form_said, chat.form_said


# --- t35-c29 (t33-c29): a 48M at 5 points, a stage next week, a stop committed yesterday not paid yet --------------

C29 = "J'ai reçu une lettre 48M, il me reste 5 points. Je suis obligé de faire un stage ? J'en ai jamais fait."
C29_STAGE = ("et si je fais un stage la semaine prochaine, sachant que j'ai grillé un stop hier (pas encore payé), je "
             "finis à combien ?")
C29_STOP = "et le stop d'hier (4 points) ? je finis à combien une fois qu'il est retiré ?"


def c29_chat(domain) -> FormConversation:
    chat = opened(domain, C29, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    assert chat.reply.startswith("Aucune obligation"), chat.reply
    chat.stage = chat.say_in_form(C29_STAGE, "ask_points_after_stage", "points_after_stage_form",
                                  forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    return chat


def test_c29_a_48m_received_tells_the_ceiling_the_licence_date_is_not_asked(domain):
    # T33/T35 c29: "À quelle date avez-vous obtenu votre permis ?" before the stage: a 48M is sent to a licence out of
    # probation (R19 [U]), its ceiling 12: 5 -> 9, then the stop's 4 points -> 5 (R12, R18)
    chat = c29_chat(domain)
    assert chat.slots.get("requested_slot") != "licence_date", chat.slots
    assert "de 5 à 9 points" in chat.stage and "solde final 5 points" in chat.stage, chat.stage
    assert "nous avons supposé 12 points" not in chat.stage and "Sans la date de votre permis" not in chat.stage
    assert "La lettre 48M est envoyée pour un permis qui n'est plus probatoire" in chat.stage


def test_c29_the_balance_once_the_stop_is_withdrawn_is_the_final_one(domain):
    # T33 c29: "et le stop d'hier (4 points) ? je finis à combien une fois qu'il est retiré ?" got the stop's card
    # (4 points, 135 €), no balance; the stage's answer had counted it: 5 once withdrawn (R12, R18)
    chat = c29_chat(domain)
    reply = chat.say_in_form(C29_STOP, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                             answers.ActionAnswerOffencePoints())
    assert reply.startswith("Vous finirez à 5 points une fois ce retrait enregistré"), reply
    assert "de 5 à 9 points" in reply and "Amende forfaitaire" not in reply


def test_the_stop_asked_alone_still_gets_its_card(domain):
    # (no final balance asked: the offence's card, as before)
    chat = c29_chat(domain)
    reply = chat.say_in_form("et un stop ça retire combien de points ?", "ask_offence_points", "offence_points_form",
                             forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    assert reply.startswith("Stop non respecté : retrait de 4 points"), reply


# --- t35-c14: 1 point for an excess "il y a à peu près 6 mois", paid at once: has it come back? ----------------------

C14 = ("bonjour, mon mari a perdu 1 point il y a à peu près 6 mois pour un excès de vitesse, il a payé tout de suite. "
       "est-ce qu'il l'a récupéré ?")


class AsksThePayment(Action):
    """The auto-recovery form asking the payment's day (the approximate one is not enough, as the server did)."""

    def name(self):
        return "auto_recovery_form"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="Quelle est la date du paiement de l'amende ?")
        return []


def payment_day_answered(domain, question: str):
    slots = {**mapped_slots(parsed(question, TODAY), domain), "fine_payment_date": None,
             "requested_slot": "fine_payment_date"}
    chat = FormConversation(domain, question, "ask_auto_recovery", AsksThePayment(), slots, today=TODAY)
    tracker = make_tracker(slots=chat.slots, new_slots={"fine_payment_date": "2026-05-28"}, text="le 28 mai",
                           entities=parsed("le 28 mai", TODAY), intent="inform", history=list(chat.events),
                           form="auto_recovery_form", requested_slot="fine_payment_date")
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(CollectingDispatcher(), tracker, domain))
    chat.events = tracker.events[:] + [e for e in events if e.get("event") == "slot"]
    chat.slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    return chat


def test_c14_the_return_of_a_single_point_does_not_ask_the_fine(domain):
    # T35 c14: "Quel était le montant de l'amende forfaitaire ?" after the payment's day, though the point comes back 6
    # months after the payment whatever its class (R8); the full recovery is counted at its longest, said (R4, R9)
    chat = payment_day_answered(domain, C14)
    assert chat.slots.get("requested_slot") is None, chat.slots
    reply = chat._answer(answers.ActionAnswerAutoRecovery(), chat.tracker_after_form("le 28 mai", "inform"))
    assert reply.startswith("Le point retiré pour l'infraction payée le 28 mai 2026 est revenu le 28 novembre 2026"), reply
    assert "Sans la vitesse limite, j'ai compté le délai le plus long pour retrouver tous les points : 3 ans" in reply
    assert "Sans la nature de l'infraction" not in reply


def test_the_full_recovery_of_a_single_point_still_asks_the_fine(domain):
    # (all the points asked: the 2 or 3 years depend on the class, R9, so the fine is asked)
    chat = payment_day_answered(domain, "mon mari a perdu 1 point il y a à peu près 6 mois pour un excès de vitesse, il "
                                        "a payé tout de suite. il retrouve tous ses points quand ?")
    assert chat.slots.get("requested_slot") == "offence_class", chat.slots


# --- t35-c12: 142 on a 90 road (a délit by the first speed), then "la vitesse retenue c'est 134": 4e classe ---------

C12 = "flashé à 142 sur une route à 90 le 10 octobre 2026, payé le 20 octobre. c un délit ??"
C12_RETAINED = ("142 c'est la vitesse mesurée, sur l'avis la vitesse retenue c'est 134. j'avais 12 pts mais j'avais deja "
                "perdu 1 point payé le 12 mai 2026. il me reste combien et je recupere tout quand ?")


def test_c12_the_class_follows_the_retained_speed_in_the_slots(domain):
    # T35 c12: the answer counted 134 on a 90 road (44 km/h over: 4 points, 4e classe, R4) but the offence_class slot
    # kept "délit" from 142, which every later answer reads (R9: the 10-year rule excludes a délit, not a 4e classe)
    chat = opened(domain, C12, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    assert "retrait de 6 points (délit)" in chat.reply and chat.slots.get("offence_class") == "delit", chat.slots
    reply = chat.say_in_form(C12_RETAINED, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Solde aujourd'hui : 7 points"), reply
    assert "4 points pour « excès de vitesse » (contravention de 4e classe)" in reply
    assert chat.slots.get("offence_class") == "c4", chat.slots
    assert chat.slots.get("speed_limit") == 90 and chat.slots.get("speed_measured") == 134, chat.slots


def test_a_retained_speed_that_keeps_the_class_changes_no_slot(domain):
    # (127 retained for 130 measured on a 90 road: 37 km/h over, 3 points, 4e classe either way)
    text = "flashé à 130 sur une route à 90 le 10 octobre 2026, payé le 20 octobre. ça fait combien ?"
    chat = FormConversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                                  mapped_slots(parsed(text, TODAY), domain), today=TODAY)
    klass = chat.slots.get("offence_class")
    chat.say_in_form("130 c'est la vitesse mesurée, la vitesse retenue c'est 123. je récupère tout quand ?",
                     "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                     answers.ActionAnswerAutoRecovery())
    assert chat.slots.get("offence_class") == klass, chat.slots


# --- t35-c08: 1 point paid "début juin", a second excess "fin novembre": the same question again ------------------

C08 = ("Bonjour, j'ai perdu 1 point pour un petit excès (retenu 97 sur une route à 90) que j'ai payé début juin. Et fin "
       "novembre je me suis refait flasher, 88 retenu pour 80. Est-ce que je récupère quand même mon point de juin ? "
       "permis depuis 2015 et j'avais 12")
C08_AGAIN = "ok donc si je paye le 2e flash le point de juin est perdu ? et je recupere tout quand alors ?"


class Greeting(Action):
    def name(self):
        return "utter_greet"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="Bonjour !")
        return []


def test_c08_the_day_counted_for_a_part_of_a_month_is_said_once(domain):
    # T35 c08: "Vous avez indiqué début juin 2026 : je compte le 1er juin 2026…" before the first answer, and again
    # before the second when "le point de juin" was named again: said once, the day is the same
    chat = FormConversation(domain, "bonjour", "greet", Greeting(), {}, today=TODAY)
    first = chat.say_in_form(C08, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    # (the prudent end of "début juin" for a payment, the 10th: h83, T36 t33c09)
    assert "Vous avez indiqué début juin 2026 : je compte le 10 juin 2026" in chat.form_said, chat.form_said
    assert "ne revient pas le 10 décembre 2026" in first, first
    second = chat.say_in_form(C08_AGAIN, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                              answers.ActionAnswerAutoRecovery())
    assert "début juin" not in chat.form_said, chat.form_said
    assert "10 juin 2026" in second, second
