"""Tester T60 (a replay on main ef5d692, today 1 December 2026) and T61, items of branch h143: a light told again in
brackets is one offence, its payment the retrait's day (c17), and the scale's points said once."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from actions.offence_history import retraits_in_message
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t60-c17: "Ensuite le 14 septembre 2026 feu rouge (grillé à l'orange bien mûr...), amende payée le 1er octobre."
# read as a red light and an amber light, the amber taking the payment: the 3 years ran from 14 September (R9: from
# the payment)

C17 = ("Ensuite le 14 septembre 2026 feu rouge (grillé à l'orange bien mûr...), amende payée le 1er octobre. Et j'ai "
       "fait un stage les 20 et 21 novembre 2026. Il me reste combien de points ?")


@pytest.mark.parametrize("text", [
    C17,
    "le 14 septembre 2026 feu rouge (passé à l'orange), j'ai payé l'amende le 1er octobre. il me reste combien ?",
    "le 14 septembre 2026 feu rouge (il était orange) payé le 1er octobre, il me reste combien ?",
    "Ensuite le 14 septembre 2026 feu rouge (grillé au dernier moment...), amende payée le 1er octobre. Il me reste "
    "combien de points ?",
    "le 14 septembre 2026 un feu rouge grillé à l'orange bien mûr, amende payée le 1er octobre, combien de points ?",
])
def test_a_light_told_again_is_one_retrait_paid_on_its_day(text):
    entities = parsed(text, TODAY)
    assert [e["value"] for e in entities if e["entity"] == "offence_type"] == ["red_light"], entities
    told = retraits_in_message(entities, text)
    assert [(r.offence_type, r.said_date, r.committed_date) for r in told] == [
        ("red_light", "2026-10-01", "2026-09-14")], told


def test_another_light_told_in_brackets_with_its_own_day_stays_another():
    text = "le 14 septembre 2026 feu rouge (et un feu orange le 2 octobre), il me reste combien ?"
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"] == ["red_light", "amber_light"]


def _c17(domain):
    chat = opened(domain, "Bonjour. Je vous explique ma situation : j'ai le permis depuis 2012, j'avais 12 points.",
                  "inform", corrections.ActionApplyCorrection(), TODAY)
    chat.say("Le 3 mars 2026 on m'a arreté au telephone, j'ai payé direct le 10 mars.", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    return chat


def test_the_full_recovery_runs_from_the_payment_of_the_light(domain):
    # t60-c17: "votre permis retrouvera son maximum de points le 14 septembre 2029" (the day committed)
    chat = _c17(domain)
    reply = chat.say(C17, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "9 points" in reply and "le 1er octobre 2029" in reply and "14 septembre 2029" not in reply, reply


def test_the_scale_counted_is_said_once(domain):
    # t60-c17: "Vous ne m'avez pas indiqué les points retirés : j'ai compté ceux du barème…" in 3 answers running
    chat = _c17(domain)
    first = chat.say(C17, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "Vous ne m'avez pas indiqué les points retirés" in first, first
    again = chat.say("t'es sûr pour la date ? j'ai payé le feu rouge le 1er octobre, pas le 14 septembre", "inform",
                     corrections.ActionApplyCorrection())
    assert "9 points" in again and "Vous ne m'avez pas indiqué les points retirés" not in again, again
    later = chat.say("ok merci, et je peux refaire un stage quand ?", "ask_stage_eligibility",
                     answers.ActionAnswerStageEligibility())
    assert "Vous ne m'avez pas indiqué les points retirés" not in later, later


# --- an unpaid fine that brings the balance to 0: "Votre solde calculé est de 0" / "Le solde tombe à 0 point" opened
# the answer, the points taken as withdrawn (R2: withdrawn once the offence is established; R18: the stage saves it)

@pytest.mark.parametrize("text, intent, action", [
    ("il me reste 3 points, amende de 3 points pas encore payée", "ask_check_balance",
     answers.ActionAnswerCheckBalance()),
    ("il me reste 3 points, amende de 3 points pas encore payée, je perds mon permis ?", "ask_mandatory_stage",
     answers.ActionAnswerMandatoryStage()),
    ("j'ai plus que 2 points et j'ai une amende de 4 points à payer pour un feu rouge du 20 novembre. je vais perdre "
     "mon permis ?", "ask_check_balance", answers.ActionAnswerCheckBalance()),
    ("Il ne me reste que 3 points et j'ai un PV de 3 points que je n'ai pas encore réglé, je tombe à zéro ?",
     "ask_check_balance", answers.ActionAnswerCheckBalance()),
])
def test_an_unpaid_fine_to_zero_is_a_balance_to_come(domain, text, intent, action):
    chat = opened(domain, text, intent, action, TODAY)
    assert "Rien n'est encore retiré" in chat.reply, chat.reply
    assert "solde calculé est de" not in chat.reply and "Le solde tombe à" not in chat.reply, chat.reply
    assert "stage" in chat.reply and "48SI" in chat.reply, chat.reply


# --- t61-c20: after the 48N said of a probation's 3-point retrait, "du coup je devais faire un stage obligatoire ?
# j'ai jamais recu de lettre" got the offence's card, the letter never received left unanswered (R15: the 4 months
# run from the receipt of the 48N; the points go once the offence is established)

C20 = ("Salut ! J'ai eu mon permis en conduite accompagnée le 10 janvier 2025. J'ai fait un excès de vitesse de 25 km/h "
       "en ville (limitée à 50) le 3 mars 2025, payé le 12 mars 2025. Combien j'ai de points ?")


@pytest.mark.parametrize("text", [
    "du coup je devais faire un stage obligatoire ? j'ai jamais recu de lettre",
    "je dois faire le stage obligatoire ? je n'ai reçu aucune lettre",
    "et le stage obligatoire alors ? j'ai pas reçu de 48N",
])
def test_a_48n_never_received_is_answered(domain, text):
    chat = opened(domain, C20, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    chat.say("ah non je me suis trompé c'était 35 km/h au dessus pas 25", "inform", corrections.ActionApplyCorrection())
    reply = chat.say(text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert "lettre 48N" in reply and "réception" in reply, reply
    assert "ne court qu'à partir de sa réception" in reply or "ne courra qu'à partir de sa réception" in reply, reply
    assert "Mes Points Permis" in reply, reply


# --- stop 32's leftover: a mother tells her daughter's offence, corrects its day, then "Elle avait 12": the daughter's
# balance before it, taken (R7): already right on this branch (a guard, no fix)

def test_a_third_persons_balance_told_after_a_correction(domain):
    chat = opened(domain, "Bonjour, ma fille a le permis depuis 2015, elle a grillé un feu rouge le 10 octobre 2026, "
                  "amende payée le 20 octobre. Combien de points il lui reste ?", "ask_check_balance",
                  answers.ActionAnswerCheckBalance(), TODAY)
    assert "Si son relevé" in chat.reply, chat.reply
    reply = chat.say("pardon, le feu rouge c'était le 12 octobre, pas le 10", "inform",
                     corrections.ActionApplyCorrection())
    assert "12 octobre 2026" in reply and "8 points" in reply, reply
    reply = chat.say("Elle avait 12", "inform", corrections.ActionApplyCorrection())
    assert "Solde aujourd'hui : 8 points (12 points avant l'infraction du 12 octobre 2026)" in reply, reply
    assert "20 octobre 2029" in reply, reply
