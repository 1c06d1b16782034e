"""Testers T41–T44 (replays on 1 December 2026), items of branch h97: short replies read with the bot's last answer
(no letter yet after the card of 0 points, a 48N never received), a relative's case, the refund of a majorée."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t41-c14, t44-c07: "pas encore reçu la lettre" after the card of 0 points (R18, R20) ------------------------------

@pytest.mark.parametrize("opening, reply_text, intent, action", [
    # t41-c14: "non" read as a denial, the correction's action answered "D'accord. Quelle est votre question ?"
    ("J'ai 0 point sur mon permis d'après le site, je suis foutu ? Je peux faire un stage ?",
     "non j'ai rien reçu en recommandé pour l'instant", "deny", corrections.ActionApplyCorrection()),
    # t44-c07: not understood, "Pouvez-vous la reformuler ?"
    ("jai perdu tous mes points 😭", "jai pas encore recu la lettre", "nlu_fallback",
     fallback.ActionSuggestQuestions()),
])
def test_no_letter_yet_after_the_card_of_zero_points(domain, opening, reply_text, intent, action):
    # R18: no 48SI notified, the licence is still valid and a stage ended before its notification can save it
    chat = opened(domain, opening, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    reply = chat.say(reply_text, intent, action)
    assert "Quelle est votre question" not in reply and "reformuler" not in reply, reply
    assert "Votre permis reste valable tant que la lettre 48SI ne vous a pas été notifiée" in reply, reply
    assert "faites un stage" in reply and "avant que la 48SI vous soit notifiée" in reply, reply


# --- t43-c02: a 48N due and never received, "il doit faire quoi alors ?" (R15, R16, R14) ------------------------------

C02 = ("mon fils a eu son permis en conduite accompagnée le 15 juin 2024. il s'est fait flasher à 32 au dessus en "
       "septembre 2025, amende payée le 2 octobre 2025. il a combien de points ?")
C02_DUE = "il a pas reçu de lettre 48N, c'est normal ? et c'est quel article pour la fin de période probatoire ?"


def c02_chat(domain):
    chat = opened(domain, C02, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    reply = chat.say_in_form(C02_DUE, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Oui, une lettre 48N doit être envoyée"), reply
    return chat


def test_a_48n_never_received_gets_what_to_do(domain):
    # t43-c02: "En résumé : oui, une lettre 48N doit être envoyée…" again, no advice. R15: nothing compulsory before
    # the letter, its 4 months run from receipt (or first presentation); R14 edge: wait for it rather than a voluntary
    # stage; R16: the compulsory stage in time refunds the fine
    chat = c02_chat(domain)
    reply = chat.say_in_form("il l'a jamais reçue justement, il doit faire quoi alors ?", "ask_mandatory_stage",
                             "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                             answers.ActionAnswerMandatoryStage())
    assert not reply.startswith("En résumé"), reply
    assert "Mes Points Permis" in reply, reply
    assert "première présentation" in reply, reply
    assert "stage volontaire" in reply and "rembours" in reply, reply
    assert "4 mois" in reply, reply


# --- t43-c22: a mother asks for Inès (AAC, pedestrian 6 points in year 2) ---------------------------------------------

C22 = ("Bonjour, je suis la mère d'Inès. Elle a son permis depuis le 20 avril 2023, conduite accompagnée. Elle a eu un "
       "refus de priorité à un piéton le 5 octobre 2024, payé le 15 octobre 2024. Elle n'a pas fait de stage. Elle a "
       "combien de points et quand aura-t-elle 12 ?")


def test_a_mother_asking_for_her_daughter_is_not_the_driver(domain):
    # t43-c22: "si vous aviez 9 points", "votre permis retrouvera…" said to the mother
    chat = opened(domain, C22, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    assert "Solde aujourd'hui : 3 points" in chat.reply, chat.reply
    assert "si vous aviez" not in chat.reply and "votre permis" not in chat.reply, chat.reply
    assert "si elle avait 9 points" in chat.reply, chat.reply


def test_aurait_pas_du_recevoir_une_48n(domain):
    # t43-c22 turn 3: "elle aurait pas dû recevoir une lettre 48N ? elle a rien reçu" got the offence's card, with
    # "si son solde est de 6 points ou moins … 48SI" (her balance was 9); R15: yes, due even after the probation
    chat = opened(domain, C22, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    reply = chat.say("et elle aurait pas dû recevoir une lettre 48N ? elle a rien reçu", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert reply.startswith("Oui, une lettre 48N doit être envoyée"), reply
    assert "6 points ou moins" not in reply, reply


# --- t44-c24: 48N received 28 July, stage 27–28 November, the majorée paid (375 €): how much comes back (R16) ----------

C24 = "Bonjour, ma 48N est arrivée le 28 juillet (recommandé signé). Mon stage est le 27 et 28 novembre. Je serai remboursé ?"


def test_the_refund_of_a_majoree_paid_says_its_amount(domain):
    # t44-c24: "la majoration n'est pas remboursée" beside "le montant exact… celui que vous avez payé" (375 €), then
    # "combien sur les 375 ?" twice got "je n'ai pas d'autre réponse"; R16 [S/U]: the amende forfaitaire (135 €) in
    # principle, not the majoration; a stage ending on the deadline day is within it (R15), not "avant le 28 novembre"
    chat = opened(domain, C24, "ask_refund_48n", answers.ActionAnswerRefund48n(), TODAY)
    assert "s'est terminé le 28 novembre 2026, le jour même de la date limite" in chat.reply, chat.reply
    assert "avant le 28 novembre" not in chat.reply, chat.reply
    reply = chat.say("jai paye lamende majoree 375e, je recupere tout ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert "seule l'amende forfaitaire de 135 € vous serait remboursée, pas les 240 € de majoration" in reply, reply
    assert "celui que vous avez payé" not in reply, reply
    reply = chat.say("donc on me rembourse combien sur les 375 ?", "ask_refund_48n", answers.ActionAnswerRefund48n())
    assert "135 €" in reply, reply


# --- t44-c19: phone paid 2023, seatbelt paid 2024; the seatbelt's day corrected with "et j'ai combien de points là" --

def test_the_balance_asked_beside_a_corrected_date(domain):
    # t44-c19: the date corrected, the recovery answered again and the balance asked ignored (given only when asked
    # again); R1, R9: 12 − 3 − 3 = 6 today, 12 again on 12 April 2027
    chat = opened(domain, "hello, jai telephone au volant paye en 2023 et ceinture paye en 2024", "inform",
                  corrections.ActionApplyCorrection(), TODAY)
    assert "31 décembre 2027" in chat.reply, chat.reply
    reply = chat.say("la ceinture cetait le 12 avril 2024. et jai combien de points la", "nlu_fallback",
                     corrections.ActionApplyCorrection())
    assert "Solde aujourd'hui : 6 points" in reply, reply
    assert "12 avril 2027" in reply, reply


# --- t44-c12: 3-month suspension from 20 November; "j'en aurai 9 ? et ma suspension finit quand" (R12, R13) ----------

def test_the_suspension_end_asked_with_a_stage_is_answered_after_its_form(domain):
    # t44-c12: after the stage's form (its last reply "le 9 février"), the second question got the suspension's card of
    # turn 1 again, word for word; the day it ends (20 November + 3 months, §0.3) came only when asked again
    from actions.two_part import ActionAnswerOtherQuestion
    from tests.actions.conversation import run
    chat = opened(domain, "bonjour je suis en suspension de permis 3 mois depuis le 20 novembre, je peux faire un stage "
                  "pendant ?", "ask_suspension", answers.ActionAnswerSuspension(), TODAY)
    first = chat.reply
    # (the second message opens the stage's form, whose questions are answered: the licence's year, the stage's day)
    asking = "ok et jai 5 pts, apres le stage jen aurai 9 ? et ma suspension finit quand du coup"
    chat.events += [{"event": "user", "text": asking, "parse_data": {
        "intent": {"name": "ask_points_after_stage"}, "entities": parsed(asking, TODAY)}},
        {"event": "bot", "text": "Avant ce stage, en aviez-vous déjà fait un qui vous a rendu des points ? Si oui, à "
                                 "quelle date a-t-il commencé ?"}]
    chat.slots.update({"current_balance": 5, "licence_date": "2015", "stage_first_day": "2026-12-08",
                       "requested_slot": "previous_stage_date"})
    reply = chat.say_in_form("le 9 fevrier", "inform", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             answers.ActionAnswerPointsAfterStage())
    assert "9 février 2027" in reply, reply
    _, other = run(ActionAnswerOtherQuestion(), chat.tracker_after_form("le 9 fevrier", "inform"), domain)
    assert "Vous pourrez reconduire à partir du 20 février 2027" in other, other
    assert first.splitlines()[0] not in other and "rend vos points le" not in other, other


def test_a_stage_to_save_the_licence_is_said_yes_plainly(domain):
    # t44-c07 turns 3–4: "je peux encore faire un stage pour sauver mon permis ? il me restait 2 points et jai pris 4"
    # got 2 → 6 then 2 with the retrait, never a plain yes; R18: without the stage the retrait leaves -2, a stage ended
    # before any 48SI saves the licence
    chat = opened(domain, "jai perdu tous mes points 😭", "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    chat.say("jai pas encore recu la lettre", "nlu_fallback", fallback.ActionSuggestQuestions())
    chat.say_in_form("je peux encore faire un stage pour sauver mon permis ? il me restait 2 points et jai pris 4 pour "
                     "un feu rouge", "ask_stage_eligibility", "stage_eligibility_form",
                     forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    chat.slots["requested_slot"] = "previous_stage_date"
    reply = chat.say_in_form("Non, jamais", "deny", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                             answers.ActionAnswerStageEligibility())
    assert "solde final 2 points" in reply, reply
    assert "oui, un stage terminé avant la notification d'une lettre 48SI sauve votre permis" in reply, reply
