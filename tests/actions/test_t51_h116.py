"""Tester T51 (replays on 1 December 2026), items of branch h116: invalidation, letters and probation."""
from __future__ import annotations

import pytest

from actions import answers, fallback, forms
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c29: an old licence's retrait (2016), invalidated in 2019, relicensed in 2020 (R5, R7, R10, R20)

C29 = ("bonjour, j'ai eu 4 points retirés pour un stop grillé payé le 10 mai 2016. mon permis a été invalidé (0 point) "
       "en 2019 et je l'ai repassé en 2020. est-ce que les 4 points de 2016 me reviennent en mai 2026 avec la règle "
       "des 10 ans ?")


def test_the_ten_year_question_of_one_retrait_is_the_recovery(domain):
    # t51-c29 turn 1: the explicit question "est-ce que les 4 points de 2016 me reviennent … avec la règle des 10 ans ?"
    # (read with too little confidence) got "J'ai noté les informations de votre message, mais pas votre question"
    chat = opened(domain, C29, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    assert "pas votre question" not in chat.reply, chat.reply
    assert any(e.get("event") == "followup" and e.get("name") == "action_answer_auto_recovery" for e in chat.events)
    reply = chat.say("Quand récupérer mes points ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "invalidé le 31 décembre 2019" in reply and "règle des 10 ans" in reply, reply


def test_the_new_licences_balance_after_an_invalidation(domain):
    # t51-c29: "le nouveau permis je l'ai eu le 15 septembre 2020, zero infraction depuis. j'ai 12 maintenant ?" got
    # the old licence's invalidation paragraph, twice; R5 (edge case, example 4): the new licence is probationary, 3
    # years, no AAC; no offence since → 12 on 15 September 2023 (R5, R7)
    chat = opened(domain, C29, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY, offence_class="c4")
    assert "invalidé" in chat.reply, chat.reply
    reply = chat.say("ok dommage. le nouveau permis je l'ai eu le 15 septembre 2020, zero infraction depuis. j'ai 12 "
                     "maintenant ?", "ask_probation", answers.ActionAnswerProbation())
    assert "12 points" in reply and "15 septembre 2023" in reply, reply
    assert "ne vous sont plus rendus" not in reply, reply
    reply = chat.say("oui mais aujourd'hui j'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation())
    assert "12 points" in reply, reply
    assert "pas d'autre réponse" not in reply, reply


def test_the_new_licences_balance_asked_as_a_balance(domain):
    # (the same, read as the balance's question: the old licence's retrait is no retrait of the new one)
    chat = opened(domain, C29, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY, offence_class="c4")
    reply = chat.say("le nouveau permis je l'ai eu le 15 septembre 2020, aucune infraction depuis. il me reste combien "
                     "de points ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "12 points" in reply and "ne vous sont plus rendus" not in reply, reply


# --- t51-c13: 4 points left, alcohol 0.6 g/l paid 20 October (6 points), a stage in March 2026: -2, and after? (R20)

def test_what_follows_the_invalidation_supposed_by_the_question(domain):
    # t51-c13: "si je reçois la 48SI qu'est-ce que je dois faire et je pourrai repasser le permis quand ? je l'ai
    # depuis 2014" then "après l'invalidation, je dois repasser le code et la conduite ?" got the stage paragraph
    # twice; R20: hand the licence back, 6 months from then, the medical check, the exams by the licence's age
    chat = opened(domain, "jme suis fait controler le 2 octobre avec 0,6 g d'alcool dans le sang. jai payé l'amende le "
                  "20 octobre. jvais perdre mon permis ??", "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY,
                  current_balance=4)
    assert "-2" in chat.reply, chat.reply
    chat.say("le probleme c'est que j'ai deja fait un stage le 16 et 17 mars 2026. je peux en refaire un ?",
             "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    reply = chat.say("donc en gros c mort ? si je recois la 48SI qu'est ce que je dois faire et je pourrai repasser le "
                     "permis quand ? je l'ai depuis 2014", "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "rendre à la préfecture" in reply and "6 mois" in reply, reply
    assert "code" in reply and "médical" in reply, reply
    assert "Un nouveau stage ne rendra des points" not in reply, reply
    again = chat.say("ok mais apres l'invalidation, je dois repasser le code et la conduite ?", "ask_zero_points",
                     answers.ActionAnswerZeroPoints())
    assert "code" in again and "Un nouveau stage ne rendra des points" not in again, again
    assert again != reply


# --- t51-c03: a refus de priorité paid 12 January 2017, offences every year since: the 10 years' rule (R10)

C03 = ("slt, jai eu un refus de priorité payé le 12/01/2017, et depuis jai des pv tous les ans (vitesse surtout). est ce "
       "que les 4 pts de 2017 je les recupere un jour ??")


@pytest.mark.parametrize("text", ["faut faire une demande ou c'est automatique le 12 janvier ?",
                                  "faut faire une démarche ou c'est automatique ?"])
def test_the_recovery_is_automatic(domain, text):
    # t51-c03: "faut faire une demande ou c'est automatique ?" read as a stage question ("Avant ce stage, en aviez-vous
    # déjà fait un…"), then a stage invented on 31 December 2017; R10: automatic, no request
    chat = opened(domain, C03, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY, offence_class="c4",
                  last_offence_points=4)
    assert "12 janvier 2027" in chat.reply, chat.reply
    reply = chat.say_in_form(text, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    said = chat.form_said + "\n" + reply
    assert "C'est automatique : vous n'avez aucune demande" in said, said
    assert "Avant ce stage" not in said and "2017 :" not in said, said


# --- t51-c06: probationary since 20 May 2024, no offence; a 2-point excess supposed tomorrow: a stage compulsory? (R15)

def test_no_compulsory_stage_for_a_supposed_two_point_offence(domain):
    # t51-c06: "je devrais faire un stage obligatoire dans ce cas ?" after the hypothesis (2 points) got the 48N's
    # receipt day asked, twice; R15: under 3 points, no 48N, no compulsory stage
    chat = opened(domain, "jsuis en permis probatoire depuis le 20 mai 2024 (pas de conduite accompagnée), jamais eu "
                  "d'amende. j'ai combien de points là ?", "ask_probation", answers.ActionAnswerProbation(), TODAY)
    assert "10 points" in chat.reply, chat.reply
    supposed = chat.say("et si je me fais flasher demain à 20 km/h au dessus ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints())
    assert "qui retire 2 points" in supposed, supposed
    reply = chat.say_in_form("je devrais faire un stage obligatoire dans ce cas ?", "ask_mandatory_stage",
                             "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                             answers.ActionAnswerMandatoryStage())
    said = chat.form_said + "\n" + reply
    assert "Non : cette infraction retire 2 points, moins de 3" in said, said
    assert "reçu la lettre 48N" not in said, said
