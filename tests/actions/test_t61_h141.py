"""Tester T61 (a fresh tester on 1 December 2026), items of branch h141: an alcohol level under the limit once the
probation is over, a probation status asked after an answer, ..."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import opened, opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t61-c29: licence of 12/03/2023 (probation over on 12/03/2026), 0,3 g/l on 20/10/2026, "j'avais 10 points" (R4)

C29 = ("Bonjour,mon permis a été obtenu le 12/03/2023 et j'ai eu 0,3 g/l d'alcool lors d'un controle le 20 octobre "
       "2026. Amende payée le 25 octobre. J'avais 10 points. {question}")


@pytest.mark.parametrize("text", [
    "mon permis a été obtenu le 12/03/2023",
    "mon permis a été délivré le 12/03/2023",
    "le permis m'a été délivré le 12/03/2023",
    "son permis lui a été délivré le 12/03/2023",
])
def test_a_licence_told_in_the_passive(text):
    # t61-c29: "mon permis a été obtenu le 12/03/2023" had no role: the licence was then asked again
    dates = {e["value"]: e.get("role") for e in parsed(text, TODAY) if e["entity"] == "date"}
    assert dates == {"2023-03-12": "licence"}, dates


@pytest.mark.parametrize("question", [
    "Mon permis est il invalidé ?",
    "je vais perdre mon permis ?",
    "mon permis est annulé ?",
])
def test_alcohol_under_the_limit_after_the_probation_takes_no_point(domain, question):
    # t61-c29: "il vous reste 4 points (10 − 6)". R4 (R.234-1): 0,2 g/l only in probation; out of it, 0,3 g/l is under
    # the 0,5 g/l: no offence, the 10 points kept
    chat = opened(domain, C29.format(question=question), "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    assert "10 − 6" not in chat.reply and "4 points" not in chat.reply, chat.reply
    assert chat.reply.startswith("Non"), chat.reply
    assert "0,5 g/l" in chat.reply and "pas d'infraction" in chat.reply, chat.reply
    assert "12 mars 2026" in chat.reply and "10 points" in chat.reply, chat.reply


@pytest.mark.parametrize("text", [
    "attends, je suis encore en permis probatoire ou pas ? 0,3 c'est interdit pour moi ?",
    "je suis toujours en probatoire ?",
    "est-ce que je suis encore en permis probatoire ?",
])
def test_whether_still_in_probation_after_an_answer(domain, text):
    # t61-c29: "C'est noté. Quelle est votre question ?", then the licence's date asked again (R5: 3 years, over on
    # 12 March 2026)
    chat = opened(domain, C29.format(question="Mon permis est il invalidé ?"), "ask_zero_points",
                  answers.ActionAnswerZeroPoints(), TODAY)
    reply = chat.say(text, "nlu_fallback", corrections.ActionApplyCorrection())
    assert "terminée depuis le 12 mars 2026" in reply, reply
    assert "Quelle est votre question" not in reply, reply


# --- t61-c20: AAC licence of 10/01/2025, an excess of 25 km/h in town on 3 March 2025, corrected to 35 (R4, R7, R15)

C20 = ("Salut ! J'ai eu mon permis en conduite accompagnée le 10 janvier 2025. J'ai fait un excès de vitesse de 25 km/h "
       "en ville (limitée à 50) le 3 mars 2025, payé le 12 mars 2025. Combien j'ai de points ?")


@pytest.mark.parametrize("text", [
    "ah non je me suis trompé c'était 35 km/h au dessus pas 25",
    "non c'était 35 km/h de trop, pas 25",
    "pardon, 35 au-dessus et pas 25",
])
def test_an_excess_corrected_counts_its_own_points(domain, text):
    # t61-c20: "C'est noté, je refais le calcul", then the same 4/6 (2 points for 25 km/h); R4: 30 to 40 km/h over
    # costs 3 points, so 3/6, and in probation a 48N (R15)
    chat = opened_in_form(domain, C20, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    assert "4 points sur 6" in chat.reply, chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "3 points sur 6" in reply and "4 points sur 6" not in reply, reply
    assert "48N" in reply, reply
    assert chat.slots["last_offence_points"] == 3, chat.slots


# --- t61-c24: an excess of 55 km/h in October 2025 (5th class), "et si ça avait été commis en janvier 2026 ?" (R4)

C24 = ("J'ai eu une amende pour excès de vitesse de 55 km/h au-dessus sur une départementale à 80, c'était en octobre "
       "2025. Condamné par le tribunal, le jugement est devenu définitif le 15 janvier 2026. Permis depuis 2015, "
       "j'avais 12 points. Je récupère mes points quand ? et la règle des 10 ans s'applique ?")


@pytest.mark.parametrize("text", [
    "et si ca avait été commis en janvier 2026, ca aurait changé quoi ?",
    "et si c'était en janvier 2026 ?",
    "et si l'infraction avait eu lieu en février 2026 ?",
])
def test_a_great_excess_moved_after_29_december_2025_is_a_delit(domain, text):
    # t61-c24: the hypothesis repeated "(contravention de 5e classe)"; R4: 50 km/h or more over is a délit since
    # 29/12/2025 (loi 2025-622), the class follows the offence's day, hypothesis included
    chat = opened_in_form(domain, C24, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    assert "contravention de 5e classe" in chat.reply, chat.reply
    reply = chat.say(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "2026" in reply.splitlines()[0], reply
    assert "(délit)" in reply and "5e classe)" not in reply, reply


# --- t61-c06: licence of 15/06/2025, the phone on 6 November 2026 (3 points, 48N), "je risque quoi si je ne fais pas
# le stage ?" asked three times (R15)

C06 = ("slt, permis depuis le 15/06/2025, pas d'accompagnée. jme suis fait choper au tel le 6 novembre et jai payé "
       "direct. g combien de points la")


@pytest.mark.parametrize("text, intent, action", [
    ("et si je le fais pas le stage ? je risque quoi", "ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("non la sanction si je fais pas le stage obligatoire", "ask_mandatory_stage",
     answers.ActionAnswerMandatoryStage()),
    ("je vais recevoir la 48N, si je fais pas le stage dans les 4 mois il se passe quoi ?", "ask_probation",
     answers.ActionAnswerProbation()),
    ("je risque quoi si je ne fais pas le stage 48N ?", "nlu_fallback", corrections.ActionApplyCorrection()),
])
def test_what_is_risked_without_the_48n_stage(domain, text, intent, action):
    # t61-c06: the phone's card, then "sans lettre 48N, aucun stage n'est obligatoire", then the 48N's rule again;
    # R15 (R.223-4): a 4th-class contravention (135 €, up to 750 €), a suspension of up to 3 years, no refund
    chat = opened_in_form(domain, C06, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    reply = chat.say(text, intent, action)
    assert "contravention de 4e classe" in reply and "135 €" in reply and "750 €" in reply, reply
    assert "suspendu jusqu'à 3 ans" in reply, reply
    assert "aucun stage n'est obligatoire" not in reply, reply


# --- t61-c02: the son's AAC licence of July 2024 (probation over in July 2026), 92 on a road at 80 in September 2026;
# "il est encore en permis probatoire du coup ?" got the balance again, twice (R5)

C02 = ("Bonsoir, mon fils a eu son permis en juillet 2024 (conduite accompagnée). Il s'est fait flasher à 92 sur une "
       "route à 80 en septembre, il a payé l'amende le 3 octobre. Il a combien de points maintenant ?")


@pytest.mark.parametrize("text, intent, action", [
    ("il est encore en permis probatoire du coup ?", "ask_probation", answers.ActionAnswerProbation()),
    ("non je demande si sa periode probatoire est finie ou pas", "deny", corrections.ActionApplyCorrection()),
    ("est-il toujours en période probatoire ?", "ask_probation", answers.ActionAnswerProbation()),
])
def test_whether_the_son_is_still_in_probation(domain, text, intent, action):
    chat = opened_in_form(domain, C02, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    reply = chat.say(text, intent, action)
    assert "terminée depuis le" in reply and "2026" in reply.splitlines()[0], reply
    assert not reply.startswith("Comme indiqué"), reply


# --- t61-c14: a pupil's licence of 29/02/2024, the training unknown (counted without), then "et si elle l'a faite en
# octobre 2024 ?" (R5, R6)

C14 = ("Bonjour, je suis secrétaire dans une auto-école. Une élève a eu son permis le 29 février 2024 (filière "
       "classique, sans AAC). Elle n'a jamais eu d'infraction. Combien a-t-elle de points aujourd'hui et quand aura-t-elle "
       "ses 12 points ?")


@pytest.mark.parametrize("text", [
    "et si elle l'a faite en octobre 2024 ?",
    "et si elle l'avait suivie en octobre 2024 ?",
])
def test_the_training_supposed_by_its_pronoun_is_not_the_licence(domain, text):
    # t61-c14: October 2024 read as the licence's date ("probatoire jusqu'au 31 octobre 2027"); R6: the training done
    # between the 6th and the 12th month shortens the probation to 2 years, over on 28 February 2026 (§0.3)
    chat = opened(domain, C14, "ask_probation", answers.ActionAnswerProbation(), TODAY,
                  supervised_driving=False, complementary_training=False)
    assert "28 février 2027" in chat.reply, chat.reply
    reply = chat.say(text, "ask_probation", answers.ActionAnswerProbation())
    assert "31 octobre 2027" not in reply and "obtention du permis" not in reply, reply
    assert "28 février 2026" in reply, reply
    assert chat.slots["licence_date"] == "2024-02-29", chat.slots
    # (nor the 10 points the first answer computed, as a balance told "possible" beside the 12 of this one)
    assert "solde de 10 points est possible" not in reply, reply
