"""Tester T38 (replays on 1 December 2026), items of branch h86: hypotheses ("et si…") and numbers misread. A stage,
a payment or a wait supposed is no offence to come (R2, R12, R18); a stage told done before a loss to 0 or below
keeps the next one from giving points for a year, so it cannot save the licence before that (R13, R18)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation, opened, opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t38-c12: 5 points, 6 lost (alcohol) paid on 2 November 2026, no letter: -1; a stage was done on 9-10 February 2026

C12 = ("Bonjour, je suis à 0 point je crois, j'ai perdu 6 points d'un coup (alcool 0,9 g) payé le 2 novembre 2026, "
       "j'avais 5 points. Je n'ai pas encore reçu de lettre. Est-ce que je peux encore sauver mon permis ?")
C12_STAGE_DONE = "ah mais j'ai fait un stage en février 2026 déjà, le 9 et 10. ça change quelque chose ?"
C12_STAGE_NOW = "je demande si le stage de février m'empêche d'en refaire un maintenant pour sauver mon permis"


def c12_chat(domain) -> FormConversation:
    chat = opened(domain, C12, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    assert chat.reply.startswith("Votre solde calculé est de -1"), chat.reply
    return chat


def test_c12_a_stage_told_done_keeps_the_next_one_from_saving_the_licence_before_a_year(domain):
    chat = c12_chat(domain)
    reply = chat.say(C12_STAGE_DONE, "inform", corrections.ActionApplyCorrection())
    print(reply)
    # its "10" is the stage's second day, not the points of an offence
    assert "1 à 9 points" not in reply, reply
    # R13: one stage a year, date to date: none gives points before 9 February 2027, so none saves it now (R18)
    assert "qu'à partir du 9 février 2027" in reply, reply
    assert "ne sauverait pas le permis" in reply, reply
    assert "un stage terminé avant cette notification le sauve" not in reply, reply
    assert chat.slots["previous_stage_date"] == "2026-02-09"


def test_c12_the_stage_asked_now_after_it_gives_no_point(domain):
    chat = c12_chat(domain)
    chat.say(C12_STAGE_DONE, "inform", corrections.ActionApplyCorrection())
    reply = chat.say_in_form(C12_STAGE_NOW, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    print(reply)
    assert reply.startswith("Aucun point"), reply
    assert "à partir du 9 février 2027" in reply, reply
    assert "1er février 2028" not in reply and "solde final 3 points" not in reply, reply


# --- t38-c10: AAC licence of 12 May 2023, phone (3 points) paid 2 April 2024, stage 10-11 June 2024: 6 today

C10 = ("Bonjour, je travaille au service client d'une auto-école. Un élève a eu son permis le 12 mai 2023 en conduite "
       "accompagnée. Il a eu un téléphone au volant le 20 mars 2024, payé le 2 avril 2024, il a fait le stage "
       "obligatoire les 10 et 11 juin 2024. Il a combien de points aujourd'hui ?")
C10_STAGE = "et s'il refait un stage volontaire maintenant, il passe à combien ?"


def test_c10_a_stage_done_again_is_no_offence_done_again(domain):
    chat = opened(domain, C10, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 6 points"), chat.reply
    reply = chat.say_in_form(C10_STAGE, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    print(reply)
    # "refait" is the stage's: no phone offence committed today, no "solde tomberait à 0" (R12: 6 + 4 = 10, ceiling 12)
    assert "commettait" not in reply and "tomberait" not in reply, reply
    assert "de 6 à 10 points" in reply, reply


# --- t38-c20: licence of 10 January 2024 (no AAC), 20 km/h excess (2 points) on 2 November 2026, not paid: 10 today

C20 = ("salut, mon permis probatoire se termine le 10 janvier 2027 (obtenu 10/01/2024). j'ai fait un excès de 20 km/h "
       "le 2 novembre 2026, pas encore payé. si je paye maintenant, est ce que je perds mes points de fin de "
       "probatoire ?")
C20_WAIT = "donc si j'attends le 11 janvier pour payer, j'aurai mes 12 points ?"


def c20_chat(domain) -> FormConversation:
    chat = opened_in_form(domain, C20, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    # the licence's day, told in its aside "(obtenu 10/01/2024)", is not asked again: only the AAC is
    assert chat.slots.get("licence_date") == "2024-01-10", chat.slots
    assert chat.slots.get("requested_slot") == "supervised_driving", chat.slots
    reply = chat.say_in_form("Non", "deny", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Votre solde est aujourd'hui de 10 points"), reply
    return chat


def test_c20_the_licence_day_in_an_aside_is_the_licence_s():
    facts = [(e["entity"], e["value"], e.get("role")) for e in parsed(C20, TODAY) if e["entity"] == "date"]
    assert ("date", "2024-01-10", "licence") in facts, facts


def test_c20_waiting_to_pay_is_the_payment_of_the_offence_told_not_an_offence_of_12_points(domain):
    from actions import fallback
    chat = c20_chat(domain)
    reply = chat.say(C20_WAIT, "nlu_fallback", fallback.ActionSuggestQuestions())
    print(reply)
    assert "commettiez" not in reply and "12 points vous seraient retirés" not in reply, reply
    assert "48SI" not in reply, reply
    # (h91, T40 c20: led by a plain "Non", the increment's line first; the payment's line follows it)
    assert reply.startswith("Non : commise pendant la période probatoire"), reply
    assert "\n- Si vous payez le 11 janvier 2027 l'amende de l'infraction du 2 novembre 2026" in reply, reply
    # R5, R7: committed in probation, it stops the increment of 10 January 2027 whatever the payment's day
    assert "de 10 points à 8 points" in reply, reply
    assert "pas de majoration le 10 janvier 2027" in reply, reply


# --- t38-c06: daughter, licence of 3 February 2025 (no AAC), stop (4 points) on 10 November 2026 not paid: 8 today

C06 = ("Bonjour. Ma fille a eu son permis le 3 février 2025 (pas de conduite accompagnée). Elle a grillé un stop le 10 "
       "novembre 2026, elle n'a pas encore payé l'amende. Qu'est ce qui va se passer pour ses points ?")
C06_PAYS = "mais elle va payer l'amende du stop demain, donc elle sera à 4, non ?"


def c06_chat(domain) -> FormConversation:
    chat = opened_in_form(domain, C06, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    assert chat.reply.startswith("Son solde est aujourd'hui de 8 points"), chat.reply
    return chat


def test_c06_paying_the_offence_told_tomorrow_is_no_offence_committed_today(domain):
    from actions import fallback
    chat = c06_chat(domain)
    reply = chat.say(C06_PAYS, "nlu_fallback", fallback.ActionSuggestQuestions())
    print(reply)
    assert "commettait" not in reply, reply
    assert reply.startswith("Si elle paie le 2 décembre 2026 l'amende de l'infraction du 10 novembre 2026"), reply
    assert "de 8 points à 4 points" in reply, reply
    # its recovery runs from that payment (R9), as the first answer said it: not "au lieu du 3 février 2028"
    assert "au lieu du 3 février 2028" not in reply, reply
    # R7: its commission stopped the increment of 3 February 2027, whatever the day of the payment
    assert "pas de majoration le 3 février 2027" in reply, reply


def test_c06_a_stage_after_paying_tomorrow_starts_from_the_balance_after_that_retrait(domain):
    chat = c06_chat(domain)
    reply = chat.say_in_form("et si elle paye demain et qu'elle fait le stage le 18 janvier, elle remonte à combien ?",
                             "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             answers.ActionAnswerPointsAfterStage())
    print(reply)
    # R2: paid on 2 December, 4 points withdrawn that day (8 → 4); R12: the stage of 18-19 January gives 4 (→ 8)
    assert reply.startswith("Si elle paie l'amende le 2 décembre 2026 et si elle fait un stage commençant le 18 "
                            "janvier 2027, alors :"), reply
    assert "déjà au plafond" not in reply, reply
    assert "de 4 à 8 points" in reply, reply


# --- t38-c09: licence of 1 September 2023, a 1-point excess paid on 15 August 2026; "mes 2 points au 1er septembre ?"

C09 = ("Bonjour, j'ai eu mon permis le 1er septembre 2023. J'ai eu un excès de vitesse (1 point) payé le 15 août 2026. "
       "Est-ce que je vais avoir mes 2 points au 1er septembre ?")


def test_c09_the_increment_asked_is_no_balance_told():
    # "avoir mes 2 points": the yearly increment asked (R5), points to come, not a balance of 2
    points = [(e["value"], e.get("role")) for e in parsed(C09, TODAY) if e["entity"] == "points"]
    assert (2, "balance") not in points and (2, "gained") in points, points
    assert [(e["value"], e.get("role")) for e in parsed("donc si j'attends le 11 janvier pour payer, j'aurai mes 12 "
                                                        "points ?", TODAY) if e["entity"] == "points"] == [(12, "gained")]


def test_c09_the_balance_is_counted_from_the_probation_ceiling_not_from_the_2_asked(domain):
    chat = opened_in_form(domain, C09, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    print(chat.reply)
    assert chat.slots.get("current_balance") != 2, chat.slots
    assert "2 points avant" not in chat.reply and "Solde aujourd'hui : 1 point" not in chat.reply, chat.reply


def test_an_offence_to_come_told_with_its_payment_is_still_an_offence_to_come(domain):
    # the guard above reads a stage, a payment or a wait alone: an offence said with its payment stays one (R1, R2)
    from tests.actions.test_what_if import recovery_of_one_point
    chat = recovery_of_one_point(domain)
    reply = chat.say("et si je me refais flasher en janvier et que je paie le 20 janvier ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    print(reply)
    assert reply.startswith("Si vous commettiez le 1er janvier 2027 une infraction"), reply
