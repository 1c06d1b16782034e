"""Testers T41–T44 (replays on 1 December 2026), items of branch h96: a follow-up's why, yes or no, or what happens
answered: the cap of one check and its articles (R3), the 6 months' rule asked of a 2-point offence (R8), the 10 years'
return on its day with the balance told and the 10 years' question answered yes or no (R10), what happens when
nothing is done (R8–R10), why the 48N's deadline is that day (R15)."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conversation import FormConversation, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C24 = ("Bonjour, j'ai été contrôlé en août 2026 : téléphone + pas de ceinture + 35 km/h de trop, tout en même temps. "
       "Amende payée le 5 septembre. J'avais 12. Il m'en reste combien ??")


def test_why_8_and_not_9_gives_the_cap_of_one_check_and_its_articles(domain):
    # t42-c24: three offences at one check, 3 + 3 + 3 capped at 8 (R3 example 1); "pourquoi 8 et pas 9 ? quel
    # article ?" got the list of the balance's texts (L.223-1, L.223-6) and no why: now the cap, L.223-2 and R.223-2
    chat = opened(domain, C24, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("8 points vous ont été retirés"), chat.reply
    reply = chat.say("pourquoi 8 et pas 9 ? c'est quel article qui dit ça ?", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert reply.startswith("Parce que vos infractions ont été constatées en même temps : leurs retraits "
                            "s'additionnent (9 points) mais le total est plafonné à 8 points"), reply
    assert "article L.223-2 du Code de la route" in reply and "article R.223-2 du Code de la route" in reply
    assert "Téléphone tenu en main, oreillette ou casque : 3 points" in reply
    assert "Cette réponse s'appuie sur ces textes" not in reply


@pytest.mark.parametrize("question", ["d'où sortent ces 8 points ?", "ça devrait pas être 9 ?",
                                      "c'est quel article ?"])
def test_the_capped_count_asked_otherwise(domain, question):
    chat = opened(domain, C24, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    reply = chat.say(question, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "plafonné à 8 points" in reply and "article L.223-2" in reply, reply


def test_offences_of_separate_days_have_no_cap_to_explain(domain):
    # R3 example 4: offences of two checks are added, no cap; "pourquoi 8 ?" is not answered with the cap
    text = ("J'ai été flashé deux fois : un feu rouge le 5 janvier 2026 et un stop le 6 janvier 2026, payés le "
            "20 janvier 2026. J'avais 12. Il m'en reste combien ?")
    chat = opened(domain, text, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    reply = chat.say("pourquoi 8 ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "plafonné" not in reply, reply


C02 = ("Bonjour, c'est pour mon fils. Il a eu son permis le 15 septembre 2024, conduite accompagnée. Il s'est fait "
       "flasher vers le mois de mai à 50 au lieu de 30 dans une zone 30... on a payé l'amende début juin. Il a combien "
       "de points ?")


def test_the_six_months_rule_asked_after_a_probation_balance(domain):
    # t42-c02: a 2-point excess (50 in a zone 30), the probation's balance 7/12; "et pour la règle des 6 mois, il peut
    # pas récupérer un point ?" got the balance again, twice. R8: only an offence of 1 point comes back after 6 months
    from actions import forms
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form(C02, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                      question="A-t-il suivi la formation complémentaire post-permis (7 heures, entre le 6e et le 12e "
                      "mois du permis) ?", asks="complementary_training")
    reply = chat.say_in_form("Non", "deny", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Son solde est aujourd'hui de 7 points sur 12"), reply
    reply = chat.say_in_form("ok merci. et pour la règle des 6 mois, il peut pas récupérer un point ?",
                             "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Non : le retour au bout de 6 mois ne vaut que pour une infraction qui n'a retiré qu'1 "
                            "point"), reply
    assert "Son infraction lui a retiré 2 points" in reply
    assert "retrouvera 12 points le 10 juin 2029" in reply
    assert "Solde aujourd'hui" not in reply
    reply = chat.say_in_form("je demandais pour la règle des 6 mois, le point qui revient au bout de 6 mois",
                             "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    assert "ne vaut que pour une infraction qui n'a retiré qu'1 point" in reply and "Solde aujourd'hui" not in reply


C23 = ("Bonjour, en 2016 j'ai perdu 3 points pour téléphone (payé le 10 décembre 2016), et depuis j'ai eu plein de petites "
       "amendes, la dernière en 2025. Est-ce que les 3 points du téléphone reviennent un jour ?")


def test_ten_year_points_on_their_day_with_the_balance_told(domain):
    # t41-c23: the phone's 3 points back on 10 December 2026 by the 10 years' rule (R10); "donc le 10 décembre j'aurai
    # 3 points de plus ? j'en ai 5 là" opened the stage's form (licence date, stage date asked), and was never
    # answered: now yes, 5 + 3 = 8 that day, the form asking nothing
    from actions import forms
    chat = opened(domain, C23, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "reviennent le 10 décembre 2026 (règle des 10 ans)" in chat.reply
    reply = chat.say_in_form("génial ! donc le 10 décembre j'aurai 3 points de plus ? j'en ai 5 là",
                             "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert chat.form_said == "", chat.form_said
    assert reply.startswith("Oui : le 10 décembre 2026, les 3 points retirés pour l'infraction payée le 10 décembre "
                            "2016 vous reviennent par la règle des 10 ans : avec 5 points aujourd'hui, vous passerez "
                            "à 8 points (article L.223-6 du Code de la route)."), reply
    assert "stage" not in reply


def test_ten_year_points_asked_again_as_a_correction(domain):
    # t41-c23, the user's rephrasing ("je parle pas de stage !"), read as inform (its day read in 2025 by the parser)
    from actions import corrections
    chat = opened(domain, C23, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("je parle pas de stage ! je demande si le 10 décembre je passe de 5 à 8 points avec la règle des "
                     "10 ans", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Oui : le 10 décembre 2026"), reply
    assert "vous passerez à 8 points" in reply


def test_ten_year_points_beyond_the_maximum(domain):
    chat = opened(domain, C23, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("donc le 10 décembre je passe de 11 à 14 points ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert reply.startswith("En partie : le 10 décembre 2026"), reply
    assert "vous passerez à 12 points, sans dépasser le maximum de 12 points" in reply


def test_another_day_is_not_the_ten_years_return(domain):
    chat = opened(domain, C23, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("et le 15 janvier j'aurai 3 points de plus ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert "vous reviennent par la règle des 10 ans" not in reply, reply


@pytest.mark.parametrize("question", ["jai 5 pts. si je fais rien il se passe quoi", "j'ai 5 points, et si je ne fais rien ?",
                                      "j'ai 5 points, si je laisse courir il se passe quoi ?"])
def test_nothing_done_with_points_left(domain, question):
    # t44-c17: after the 48M's answer, "jai 5 pts. si je fais rien il se passe quoi" got "Non : …", the answer to
    # "is my licence lost?": now what happens when nothing is done: nothing due (the 48M only invites, R19), the
    # licence valid (R1, R20), the points back with time (R8, R9, R10), a stage only an option (R12)
    chat = opened(domain, "Bonjour ! Le 48M c’est quoi ? J’en ai reçu une ce matin", "ask_letter",
                  answers.ActionAnswerLetter(), TODAY)
    reply = chat.say(question, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert reply.startswith("Rien d'obligatoire : avec 5 points, votre permis reste valable"), reply
    assert not reply.startswith("Non")
    assert "votre permis retrouve son maximum 2 ans après le paiement de la dernière amende (3 ans après" in reply
    assert "revient après 6 mois" in reply and "au plus tard après 10 ans" in reply



C08 = ("Bonjour, j'ai 3 questions. J'ai perdu 6 points pour alcool (0,6 g) payé en avril 2016, puis 3 points ceinture "
       "payé en mai 2017, puis 2 points vitesse en 2019, puis encore un téléphone il y a un an et demi. Est ce que les "
       "points de 2016 sont revenus avec la règle des 10 ans ?")


def test_the_ten_years_question_answered_yes_or_no_first(domain):
    # t43-c08: the 2016 points came back with the full recovery of 31 December 2022 (R9: 3 years after the 2019
    # payment), before the 10 years (R10, April 2026); the answer gave only the chain of recoveries, no yes, and never
    # named the 10 years. Now "Oui : …" first, by which rule, then the computation
    chat = opened(domain, C08, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert chat.reply.startswith("Oui : les 6 points retirés en avril 2016 sont revenus au plus tard le 31 décembre "
                                 "2022, quand votre permis a retrouvé son maximum de points, avant même les 10 ans "
                                 "(avril 2026)"), chat.reply
    assert "votre permis retrouvera son maximum de points le 1er juin 2028" in chat.reply
    reply = chat.say("non mais ma question c'est : les 6 points d'alcool de 2016, ils sont revenus ou pas avec les 10 "
                     "ans ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    # (the same question again: "Comme indiqué : oui : …", the verdict kept)
    assert "oui : les 6 points retirés en avril 2016 sont revenus au plus tard le 31 décembre 2022" in reply.lower(), \
        reply


C03 = ("jai recu une lettre 48N le 10 octobre. permis obtenu en janvier 2025. j'ai trouvé un stage le 12 et 13 fevrier "
       "2027 c'est bon pour le délai ?")


def test_why_the_48n_deadline_with_a_correction_of_the_receipt(domain):
    # t42-c03: the 48N received on 10 October, its deadline 10 February 2027 (R15: 4 months, R.223-4); "et pourquoi le
    # 10 février ? j'ai signé l'accusé de reception le 14 octobre en fait" got the recalculation, never the why
    from actions import corrections
    chat = opened(domain, C03, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    assert "après la date limite du 10 février 2027" in chat.reply, chat.reply
    reply = chat.say("ah mince. et pourquoi le 10 février ? j'ai signé l'accusé de reception le 14 octobre en fait, pas "
                     "le 10", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Le 10 février 2027 est la date limite du stage obligatoire : il doit être suivi dans les 4 "
                            "mois qui suivent la réception de la lettre 48N, le 10 octobre 2026 (article R.223-4 du Code "
                            "de la route)."), reply
    assert "avant la date limite du 14 février 2027" in reply


def test_why_the_48n_deadline_asked_alone(domain):
    chat = opened(domain, C03, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    reply = chat.say("pourquoi le 10 février ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Le 10 février 2027 est la date limite du stage obligatoire"), reply
