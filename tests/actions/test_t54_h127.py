"""Tester T54 (replays of T51 on 1 December 2026), items of branch h127: partly right answers that look dumb."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from bot.nlu.question_focus import asked_by_its_words
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t54-c01: "je voudrais savoir où j'en suis" after telling offences: the balance asked (R8, R9, R10)

C01 = "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes, je voudrais savoir ou j'en suis"
C01_FIRST = ("combien il me reste de points. la premiere c'etait un telephone au volant le 10 mars 2025, payée le 20 "
             "mars 2025")


@pytest.mark.parametrize("text", [
    C01,
    "je ne sais plus où j'en suis avec mes points",
    "bref, où en sont mes points ?",
    "mon frère a eu 2 amendes cette année, il voudrait savoir où il en est",
    "je voudrais faire le point sur mes points",
    "ou jen suis ?",
])
def test_where_one_stands_asks_the_balance(text):
    # t54-c01: read as a fact told ("C'est noté. Quelle est votre question ?"); its words ask the balance
    assert asked_by_its_words(text) == "ask_check_balance"


@pytest.mark.parametrize("text", [
    "j'en suis à 7 points",
    "je voudrais savoir où j'en suis pour le stage obligatoire",
    "où en est le remboursement de mon amende ?",
])
def test_where_one_stands_with_another_thing(text):
    assert asked_by_its_words(text) != "ask_check_balance"


def test_where_one_stands_after_several_fines(domain):
    # t54-c01: turn 2 got "C'est noté. Quelle est votre question ?"; turn 3 (the first fine only) "Avec des infractions
    # commises régulièrement depuis…" and the 10-year date alone: the licence's "depuis 2010" is no offence since
    # another one (R10); how to read the balance, the offer to compute it, then the balance from the fine told
    chat = opened(domain, C01, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert "Mes Points Permis" in chat.reply, chat.reply
    assert "Je peux aussi l'estimer : dites-moi vos infractions" in chat.reply, chat.reply
    reply = chat.say(C01_FIRST, "nlu_fallback", fallback.ActionSuggestQuestions())
    reply = chat.followed(reply, C01_FIRST, "nlu_fallback", answers.ActionAnswerCheckBalance())
    assert "régulièrement" not in reply and "2035" not in reply, reply
    assert reply.startswith("Solde aujourd'hui : 9 points"), reply
    assert "maximum de points le 20 mars 2028" in reply, reply


# --- t54-c11: "👍" after an answer: a short closing, not a request to rephrase

@pytest.mark.parametrize("text", ["👍", "ok merci 👍", "top", "parfait", "nickel !", "👌", "super, c'est clair"])
def test_an_acknowledgement_closes(domain, text):
    # t54-c11: "👍" after the amber light's answer got "Je n'ai pas bien compris votre question sur les points de
    # l'infraction. Pouvez-vous la reformuler…"
    chat = opened(domain, "et un feu orange ?", "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY,
                  offence_type="amber_light")
    assert "Feu orange" in chat.reply, chat.reply
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply == "utter_you_are_welcome", reply  # "Avec plaisir ! Avez-vous une autre question sur vos points ?"


@pytest.mark.parametrize("text", ["🤔", "ok mais pourquoi", "ok 12 points"])
def test_not_an_acknowledgement(domain, text):
    from actions.closing import closing_reply
    chat = opened(domain, "et un feu orange ?", "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY,
                  offence_type="amber_light")
    assert closing_reply(chat.tracker(text, "nlu_fallback")) is None


# --- t54-c10: a payment's day refused as in the future, then told right (R2, R9, R19)

C10_FUTURE = "et pour ma femme : elle a eu un téléphone au volant, amende payée le 15 janvier 2027"
C10_RIGHT = "oups non 15 janvier 2026 pardon. elle avait 12 points, permis de 2008"


def test_payment_day_refused_then_told_right(domain):
    # t54-c10: turn 4 spoke of the retrait as still to come ("Une fois l'infraction établie… Elle recevra une lettre
    # 48", "attendez que le retrait soit enregistré"), 11 months after the payment; turn 5 asked the payment's day again
    from actions import corrections
    chat = opened(domain, C10_FUTURE, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    assert "Le 15 janvier 2027 est dans le futur" in chat.reply, chat.reply
    reply = chat.say(C10_RIGHT, "inform", corrections.ActionApplyCorrection())
    assert chat.slots.get("fine_payment_date") == "2026-01-15", chat.slots
    assert "Une fois l'infraction établie" not in reply and "attendez que le retrait" not in reply, reply
    assert "3 points lui ont été retirés le 15 janvier 2026" in reply, reply
    assert "vous laisserait" not in reply, reply
    reply = chat.say("non elle avait 12 AVANT le telephone. elle en a combien maintenant et quand elle recupere ?",
                     "nlu_fallback", fallback.ActionSuggestQuestions())
    reply = chat.followed(reply, "non elle avait 12 AVANT le telephone. elle en a combien maintenant et quand elle "
                          "recupere ?", "nlu_fallback", corrections.ActionApplyCorrection())
    assert "À quelle date a-t-elle payé" not in reply and "Quelle est votre question" not in reply, reply
    if not reply:  # (handed over to the balance's answer)
        reply = chat.followed(reply, "non elle avait 12 AVANT le telephone. elle en a combien maintenant et quand elle "
                              "recupere ?", "nlu_fallback", answers.ActionAnswerCheckBalance())
    assert "9 points" in reply and "15 janvier 2029" in reply, reply


# --- t54-c19: a friend's offence asked after a brother's loss to -1 (R4, R18)

C19 = ("mon frere s'est fait arreter le 5 mars 2026, positif au cannabis et 0,9 g d'alcool. il perd combien de points "
       "?")
C19_FRIEND = ("autre question, un pote flashé à 145 sur une route à 90 le 10 janvier 2026, c'est quoi la sanction en "
              "points ?")


def test_another_persons_offence_without_the_last_paragraph(domain):
    # t54-c19: turn 3 first re-printed "Son solde calculé est de -1, mais le permis reste valide…" (the brother's)
    chat = opened(domain, C19, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    reply = chat.say("il avait 8 points. du coup il a plus de permis ??", "ask_zero_points",
                     answers.ActionAnswerZeroPoints())
    assert "Son solde calculé est de -1" in reply, reply
    reply = chat.say(C19_FRIEND, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "solde calculé" not in reply and "48SI" not in reply, reply
    assert reply.startswith("Excès de 55 km/h"), reply
