"""T29/T30 (testers' replays of 1 December 2026), items of branch h68: follow-ups after a right first answer."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import run
from tests.actions.test_what_if import Conversation, mapped_slots

TODAY = "2026-12-01"

# --- T29 c18: licence 2 February 2025, 0,3 g/l on 14 November 2026: 8 − 6 = 2 (R5, R7, R15)

C18 = ("Mon fils de 19 ans a eu son permis le 2 février 2025, il s'est fait contrôler avec 0,3 g d'alcool dans le sang "
       "le 14 novembre 2026. Il va perdre son permis ?")


def son_of_c18(domain) -> Conversation:
    slots = mapped_slots(parsed(C18, TODAY), domain)
    return Conversation(domain, C18, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots, today=TODAY)


def test_the_48n_of_the_answer_cites_r223_4(domain):
    chat = son_of_c18(domain)
    assert "il lui reste 2 points (8 − 6)" in chat.reply
    assert "fait rembourser l'amende (article R.223-4 du Code de la route)" in chat.reply


C18_BACK = "mais il avait 8 points depuis février 2026, il a eu aucune infraction avant. donc il lui reste 2 points non ?"


def test_the_balance_told_before_the_offence_is_not_withdrawn_again(domain):
    # T29 c18: "il avait 8 points … donc il lui reste 2 points non ?" got "Son solde calculé est de -4 : même avec un
    # stage (0), le permis ne peut pas être sauvé": the 2 asked back (Rasa keeps the last balance) became the balance
    # before the retrait; the 8 told in the past is that balance, 8 − 6 = 2 (R1, R7)
    chat = son_of_c18(domain)
    tracker = chat.tracker(C18_BACK, "ask_zero_points")
    assert tracker.slots["current_balance"] == 2  # (as Rasa fills it)
    events, reply = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert {"event": "slot", "name": "current_balance", "value": 8, "timestamp": None} in events
    assert "solde calculé est de -4" not in reply and "ne peut pas être sauvé" not in reply
    tracker.slots["current_balance"] = 8
    for follow in [e.get("name") for e in events if e.get("event") == "followup"]:
        assert follow == "action_answer_check_balance"
        action = answers.ActionAnswerCheckBalance()
        reply += run(action, tracker, domain)[1]
    assert "solde calculé est de -4" not in reply and "ne peut pas être sauvé" not in reply
    assert "2 points" in reply, reply


def test_the_balance_told_before_the_offence_kept_by_a_correction(domain):
    chat = son_of_c18(domain)
    reply = chat.say(C18_BACK, "inform", corrections.ActionApplyCorrection())
    assert "solde calculé est de -4" not in reply and "ne peut pas être sauvé" not in reply
    assert "il lui reste 2 points (8 − 6)" in reply, reply


# --- T30 c30b: a radar detector of 28 November 2026 not paid yet; "je récupère mes 12 points quand ?" (R2, R9)

C30 = ("Bonjour ! Alors voilà : permis depuis 1998. En juin 2025 j'ai eu un retrait de 4 points (sens interdit), payé "
       "fin juin. J'ai fait un stage les 15 et 16 septembre 2025. Et le 28 novembre 2026 j'ai été contrôlé avec un "
       "détecteur de radar, j'ai pas encore payé. Je suis à combien et qu'est-ce qui change quand je paierai ?")


def test_points_to_get_back_are_no_offence_to_come(domain, first_of_december):
    # T30 c30b: the 12 points the user asks to get back were read as the points of an offence committed today: "12
    # points vous seraient retirés … le permis serait invalidé"; points that come back are no loss
    slots = mapped_slots(parsed(C30, TODAY), domain)
    chat = Conversation(domain, C30, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 12 points")
    reply = chat.say("si je paie le détecteur le 10 décembre, je récupère mes 12 points quand ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert "12 points vous seraient retirés" not in reply and "Si vous commettiez" not in reply
    assert "invalidé" not in reply and "tomberait alors à 0" not in reply


# --- T30 c04b: licence 30 November 2023, 0,3 g/l on 14 September 2026 paid on 22 September, "tous ses points"

C04 = ("Bonjour, je suis secrétaire dans une auto-école. Un de nos élèves, permis obtenu le 30 novembre 2023 (filière "
       "classique, pas d'AAC), a été contrôlé à 0,3 g/l de sang le 14 septembre 2026, il a payé l'amende le 22 "
       "septembre 2026. Il avait tous ses points. Il lui reste quoi ? Il peut encore sauver son permis ?")


def test_the_compulsory_stage_planned_starts_from_the_balance_computed(domain, first_of_december):
    # T30 c04b: after "Solde aujourd'hui : 4 points" (10 − 6, R5, R7), "s'il fait le stage obligatoire en janvier, il
    # remonte à combien ?" got "de 10 à 12" (the balance told before the retrait) or "déjà au plafond"; 4 + 4 = 8,
    # the ceiling 12 after the probation ended on 30 November 2026 (R12, R15)
    slots = mapped_slots(parsed(C04, TODAY), domain)
    chat = Conversation(domain, C04, "ask_check_balance", answers.ActionAnswerCheckBalance(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 4 points")
    reply = chat.say("ok. et s'il fait le stage obligatoire en janvier, il remonte à combien ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert "son solde passera de 4 à 8 points" in reply, reply
    assert "déjà au plafond" not in reply and "de 10 à 12" not in reply


def test_the_licence_date_told_again_stays_the_licence_date(domain, first_of_december):
    # T30 c04: "je vous l'ai donné : 30/11/2023" (the licence's date, known) became the offence's date: "6 points lui
    # ont été retirés le 30 novembre 2023"; a date known, told again, is that fact (R5, R7)
    slots = mapped_slots(parsed(C04, TODAY), domain)
    chat = Conversation(domain, C04, "ask_check_balance", answers.ActionAnswerCheckBalance(), slots, today=TODAY)
    reply = chat.say("je vous l'ai donné : 30/11/2023", "inform", corrections.ActionApplyCorrection())
    assert chat.slots["offence_date"] == "2026-09-14" and chat.slots["licence_date"] == "2023-11-30"
    assert "retirés le 30 novembre 2023" not in reply
