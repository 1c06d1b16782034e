"""Tester T45/T48 (replays on 1 December 2026), items of branch h105."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C06 = ("Je suis en permis probatoire depuis mars 2024 et je me suis fait arrêter au téléphone le mois dernier, j'ai "
       "payé l'amende direct. Est-ce que je vais devoir faire un stage obligatoire ?")


def test_a_day_of_the_month_approximated_replaces_its_safe_day(domain):
    # t45-c06: "le mois dernier" (November 2026) taken as 30 November; "vers le 15 novembre je crois" to "donnez-moi
    # le jour exact" got "je refais le calcul" and the same answer (30/11/2029, the day asked again), then "le 15
    # novembre" got "C'est bien ce que j'ai compté". R7/R9: the fine paid at once, 12 points 3 years after that day
    chat = opened(domain, C06, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    chat.say("c'était le 12 mars 2024. il me reste combien du coup ?", "ask_check_balance",
             answers.ActionAnswerCheckBalance())
    reply = chat.say("je sais plus le jour exact, vers le 15 novembre je crois", "inform",
                     corrections.ActionApplyCorrection())
    assert "retrouvera 12 points le 15 novembre 2029" in reply, reply
    assert "L'infraction du 15 novembre 2026 (3 points)" in reply
    assert "30 novembre" not in reply and "1er novembre" not in reply and "jour exact" not in reply
    reply = chat.say("le 15 novembre", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("C'est bien ce que j'ai compté : infraction le 15 novembre 2026."), reply


# --- t48-c07: 48SI received yesterday, licence since 2009, to be handed back "ce vendredi" (R20, R21)

C07 = ("Bonjour Madame, Monsieur, je me permets de vous écrire car j'ai reçu hier une lettre 48SI m'indiquant que mon "
       "permis n'est plus valide. J'ai mon permis depuis 2009. Que dois-je faire maintenant et dans combien de temps "
       "pourrai-je conduire à nouveau ? Merci d'avance.")


@pytest.mark.parametrize("text", ["Pas encore, je compte le déposer ce vendredi.", "je dois le rendre vendredi"])
def test_a_hand_back_planned_on_a_weekday_to_come(domain, text):
    # t48-c07: "je compte le déposer ce vendredi" was read as Friday 27 November, before the 48SI's receipt: "Impossible
    # de répondre". A plan: the coming Friday, 4 December 2026, the wait counted from it (R20)
    chat = opened(domain, C07, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    assert "À quelle date avez-vous rendu votre permis" in chat.reply, chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "Impossible" not in reply, reply
    assert "4 juin 2027" in reply and "4 décembre 2026" in reply, reply
