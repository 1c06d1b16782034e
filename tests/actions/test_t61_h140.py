"""Tester T61 (a fresh tester on main ef5d692, today 1 December 2026), items of branch h140: an unpaid fine's points
said "of the fine" are to come, and a count the speeds cannot give yields to the scale (c11); ..."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t61-c11: "j'ai 4 points … Je dois payer une amende pour excès de vitesse de 4 points (flashé à 145 sur autoroute
# à 110, il y a 3 semaines)": not paid, so nothing withdrawn yet (R2); 35 km/h over withdraw 3 points (R4)

C11 = ("Bonjour, j'ai 4 points sur mon permis (permis depuis 2012). Je dois payer une amende pour excès de vitesse de 4 "
       "points (flashé à 145 sur autoroute à 110, il y a 3 semaines). Est-ce que je dois faire le stage avant ou après "
       "avoir payé ?")


def test_an_unpaid_fine_and_a_count_the_speeds_cannot_give(domain):
    # t61-c11: "donc je tombe pas a zero ?" got "Le retrait pour l'infraction du 10 novembre 2026 a fait tomber votre
    # solde à 0 point le 10 novembre 2026", the day of the flash, the fine not paid (R2), and the user's 4 points kept
    # after the assistant said itself that 145 on a 110 road costs 3 (R4)
    chat = opened(domain, C11, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    chat.say("au fait c'est bien 4 points pour 145 au lieu de 110 ? c'est ce qu'on m'a dit", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    reply = chat.say("donc je tombe pas a zero ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "a fait tomber votre solde" not in reply and "48SI d'invalidation" not in reply, reply
    assert "passera à 1 point" in reply, reply
    assert "Vous m'avez indiqué 4 points" in reply and "3 points" in reply, reply


@pytest.mark.parametrize("text", [
    C11,
    "J'ai 4 points. Je dois payer une amende de 4 points pour un excès de vitesse, flashé le 15 novembre à 145 sur "
    "autoroute à 110. Je tombe à zéro ?",
    "il me reste 4 points, on m'a dit que j'allais perdre 4 points pour 145 au lieu de 110 le 20 novembre, je l'ai pas "
    "encore payée, je perds mon permis ?",
])
def test_the_scale_of_the_speeds_told_wins_over_the_count_told(domain, text):
    # t61-c11: the first answer said "Votre solde calculé est de 0 … 48SI" from the 4 points told for 35 km/h over,
    # which withdraw 3 at most (R4): 4 − 3 = 1 point, the licence stays valid, and the answer says why 3
    chat = opened(domain, text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    assert "solde calculé est de 0" not in chat.reply and "1 point" in chat.reply, chat.reply
    assert "Vous m'avez indiqué 4 points" in chat.reply and "au plus 3 points" in chat.reply, chat.reply


@pytest.mark.parametrize("text", [
    "J'ai 6 points. Je dois encore payer une amende de 2 points pour un excès de vitesse, flashé il y a 10 jours. "
    "Il me reste combien ?",
    "il me reste 6 points et je vais perdre 2 points pour un excès de vitesse du 20 novembre, pas encore payé. il me "
    "reste combien ?",
])
def test_points_of_a_fine_still_to_pay_are_to_come(domain, text):
    # t61-c11: points said "of the fine" in the message that says it is not paid are not withdrawn yet (R2)
    chat = opened(domain, text, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert "a fait tomber" not in chat.reply, chat.reply
    assert "4 points" in chat.reply and "ne sont pas encore retirés" in chat.reply or "seront retirés" in chat.reply \
        or "ne seront retirés" in chat.reply, chat.reply
