"""Tester T59's replays (1 December 2026), items of branch h134: a licence handed back after a total loss, and the
question when it comes back (R20)."""
from __future__ import annotations

import pytest

from actions import answers, fallback, forms
from actions.informational import ZERO_POINTS_SECOND_TIME
from actions.third_person import Person, about_the_person
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t59-c29: a brother's second invalidation within 5 years, "il le récupère quand ?" (R20)

C29 = ("Mon frère vient de perdre tous ses points, il a rendu son permis le 14 novembre. C'était déjà arrivé en 2023 "
       "(permis rendu en mars 2023). Il le récupère quand ?")
C29_AGAIN = ("non, son permis est invalidé (48SI), il l'a rendu à la préfecture le 14/11/2026. quand est-ce qu'il pourra "
             "en avoir un nouveau ? sachant que c'est sa 2e invalidation, la 1ere il avait rendu le permis en mars 2023")
POINTS_ASKED = "Combien de points sa dernière infraction lui a-t-elle retirés ?"


def licence_back_asked(domain, text: str, intent: str = "ask_auto_recovery") -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form(text, intent, "auto_recovery_form", forms.ValidateAutoRecoveryForm())
    # (the slot the form requests after the message: None, it asks nothing and the answer follows)
    asked = chat.slots.get("requested_slot")
    chat.asked = asked
    if asked is None:
        chat.answer_after_form(text, intent, answers.ActionAnswerAutoRecovery())
    return chat


def test_c29_the_hand_back_after_a_total_loss_answers_when_the_new_licence_comes(domain):
    # t59-c29: the recovery form asked the last offence's points four times; the hand-back slot kept March 2023
    chat = licence_back_asked(domain, C29)
    assert chat.asked is None
    assert POINTS_ASKED not in chat.reply
    assert "Il pourra obtenir un nouveau permis à partir du 14 novembre 2027" in chat.reply, chat.reply
    assert "le délai est d'un an au lieu de 6 mois" in chat.reply, chat.reply
    assert chat.slots["licence_handed_back_date"] == "2026-11-14"
    again = chat.say(C29_AGAIN, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "à partir du 14 novembre 2027" in again, again
    assert POINTS_ASKED not in again
    assert chat.slots["licence_handed_back_date"] == "2026-11-14"
    confirmed = chat.say("donc ça fait le 14 novembre 2027 c'est ça ?", "nlu_fallback",
                         fallback.ActionSuggestQuestions())
    assert confirmed.startswith("Oui, c'est bien le 14 novembre 2027"), confirmed


@pytest.mark.parametrize("text, day", [
    ("Ma femme a perdu tous ses points, elle a rendu son permis le 20 octobre 2026. Elle pourra le ravoir quand ?",
     "20 avril 2027"),
    ("J'ai plus aucun point, j'ai rendu mon permis le 2 novembre. Je le récupère quand ?", "2 mai 2027"),
    ("permis invalidé, je l'ai remis à la préfecture le 10/11/2026, c'est ma deuxième invalidation (la première fois je "
     "l'avais rendu en janvier 2024). quand est-ce que je pourrai en avoir un nouveau ?", "10 novembre 2027"),
])
def test_other_hand_backs_after_a_total_loss_get_the_new_licence_s_day(domain, text, day):
    chat = licence_back_asked(domain, text)
    assert chat.asked is None, chat.asked
    assert f"nouveau permis à partir du {day}" in chat.reply, chat.reply


def test_a_recovery_of_points_without_a_total_loss_still_asks_its_facts(domain):
    # (no hand-back, no total loss: the points' recovery as before)
    chat = licence_back_asked(domain, "j'ai perdu 3 points, je les récupère quand ?")
    assert chat.asked is not None


def test_the_second_time_s_card_says_his_licence_of_a_brother():
    # t59-c29: "qu'un an après avoir rendu le vôtre" of the brother's licence
    said = about_the_person(ZERO_POINTS_SECOND_TIME, Person("frere", False))
    assert "après avoir rendu le sien à la préfecture" in said, said
    assert "vôtre" not in said


# --- t59-c19: "il va recevoir quelle lettre, une 48N ou une 48SI ?" after a retrait to 0 (R15, R19, R20)

@pytest.mark.parametrize("text", [
    "mon fils a son permis depuis 8 mois, contrôlé samedi à 0,3 g d'alcool, il lui reste 6 points. il va recevoir "
    "quelle lettre, une 48N ou une 48SI ?",
    "j'ai 6 points, permis depuis 8 mois, contrôlé samedi avec 0,3 g d'alcool : je vais recevoir une 48N ou une 48SI ?",
    "il me reste 6 points, jeune permis depuis 8 mois, arrêté samedi à 0,3 g/l. c'est quelle lettre qui va arriver, "
    "48N ou 48SI ?",
])
def test_c19_the_letter_of_two_named_that_the_retrait_brings(domain, text):
    from tests.actions.conversation import opened
    chat = opened(domain, text, "ask_letter", answers.ActionAnswerLetter(), TODAY)
    assert "48SI" in chat.reply, chat.reply
    assert "l'oblige, en période probatoire, à suivre un stage dans les 4 mois" not in chat.reply, chat.reply
    assert "oblige, en période probatoire, à suivre un stage dans les 4 mois" not in chat.reply, chat.reply
    assert chat.reply.startswith("Ce sera une lettre 48SI, pas une lettre 48N."), chat.reply
    assert "0 point" in chat.reply, chat.reply


def test_the_difference_of_two_letters_still_gets_both_meanings(domain):
    from tests.actions.conversation import opened
    chat = opened(domain, "c'est quoi la différence entre une 48N ou une 48SI ?", "ask_letter",
                  answers.ActionAnswerLetter(), TODAY)
    assert "La lettre 48N" in chat.reply and "La lettre 48SI" in chat.reply, chat.reply


# --- t59-c04: "pas encore" (not handed back) after the 48SI's answer that says to hand it back (R20)

@pytest.mark.parametrize("not_yet", ["pas encore", "non pas encore", "non je l'ai pas encore rendu", "pas encore fait"])
def test_c04_not_yet_handed_back_gets_the_day_to_hand_it_back_by(domain, not_yet):
    from actions import corrections
    from tests.actions.conversation import opened
    chat = opened(domain, "c koi une lettre 48 si", "ask_letter", answers.ActionAnswerLetter(), TODAY)
    drive = chat.say("je lai recu hier... je peux encore conduire demain pr aller au taf ou pas du tt",
                     "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "10 décembre 2026" in drive, drive
    reply = chat.say(not_yet, "deny", corrections.ActionApplyCorrection())
    assert "Quelle est votre question" not in reply, reply
    assert "10 décembre 2026" in reply, reply


@pytest.mark.parametrize("text", ["c koi une lettre 48 si", "c'est quoi une 48N ?", "qu'est-ce que c'est une lettre 48SI ?",
                                  "48si ça veut dire quoi"])
def test_c04_what_a_letter_is_ends_with_the_day_invited_not_a_reserve(domain, text):
    # t59-c04: the definition ended with "Réponse sous réserve de : la date de réception de la lettre"
    from tests.actions.conversation import opened
    chat = opened(domain, text, "ask_letter", answers.ActionAnswerLetter(), TODAY)
    assert "Réponse sous réserve de" not in chat.reply, chat.reply
    assert answers.LETTER_DAY_INVITED in chat.reply, chat.reply
