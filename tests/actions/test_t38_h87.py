"""Tester T38 (replays on 1 December 2026), items of branch h87: in-scope follow-ups that got the canned "je n'ai pas
d'autre réponse que celle-ci" or the same card again."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback, forms
from tests.actions.conversation import FormConversation, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C21 = ("Bonjour, j'ai une question sur la règle des 10 ans : j'ai un stop payé le 3 mars 2016, et depuis j'ai eu une "
       "infraction tous les 2 ans à peu près (la dernière, téléphone payé le 1er juin 2026). Est-ce que les 4 points du "
       "stop sont revenus ?")
C21_BALANCE = ("donc j'ai combien aujourd'hui ? j'étais à 5 points avant le téléphone de juin, enfin c'est ce que disait "
               "le site en mai")


C21_AGAIN = "je vous demande mon solde : 5 points en mai, puis le téléphone payé le 1er juin. il me reste combien ?"


def c21_chat(domain) -> FormConversation:
    chat = opened(domain, C21, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "sont revenus le 3 mars 2026 par la règle des 10 ans" in chat.reply, chat.reply  # R10
    return chat


@pytest.mark.parametrize("asked", [C21_BALANCE, C21_AGAIN])
def test_c21_a_balance_said_before_the_last_offence_counts_the_ones_before(domain, asked):
    # 5 points in May 2026, the stop of 2016 (back in March 2026) and the offences since counted in them; the phone
    # paid on 1 June 2026 takes 3: 2 today (R1, R4), back to 12 three years after its payment (R9)
    chat = c21_chat(domain)
    reply = chat.say(asked, "ask_check_balance", answers.ActionAnswerCheckBalance())
    print(reply)
    assert reply.startswith("Solde aujourd'hui : 2 points"), reply
    assert "5 points avant l'infraction payée le 1er juin 2026" in reply, reply
    assert "je n'ai pas d'autre réponse" not in reply and "Comme indiqué" not in reply


def test_c21_the_balance_asked_twice_is_the_same(domain):
    chat = c21_chat(domain)
    chat.say(C21_BALANCE, "ask_check_balance", answers.ActionAnswerCheckBalance())
    reply = chat.say(C21_AGAIN, "ask_check_balance", answers.ActionAnswerCheckBalance())
    print(reply)
    assert "2 points" in reply and "règle des 10 ans rend tout de même" not in reply, reply


C26 = ("Bonjour, mon permis B date du 15/05/2024, et j'avais le permis A1 depuis le 10/09/2021. J'ai eu un téléphone au "
       "volant payé le 2 juin 2025. Je suis toujours en probatoire ?")
C26_AGAIN = "donc je suis plus en probatoire ? mon permis B a que 2 ans"


def c26_chat(domain) -> FormConversation:
    chat = opened(domain, C26, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    return chat


def test_c26_the_probation_of_the_first_category_is_said_over(domain):
    # R5 (R.223-1): the probation runs 3 years from the first category, A1 on 10 September 2021: over on 10 September
    # 2024; the B of 2024 does not restart it. The phone paid on 2 June 2025: 12 - 3 = 9 (R1, R4)
    reply = c26_chat(domain).reply
    print(reply)
    assert reply.startswith("Votre période probatoire est terminée depuis le 10 septembre 2024"), reply
    assert "terminée depuis le 10 septembre 2024" in reply and "article R.223-1" in reply, reply
    assert "Solde aujourd'hui : 9 points" in reply, reply


def test_c26_asked_again_the_probation_is_answered_not_the_balance_again(domain):
    chat = c26_chat(domain)
    reply = chat.say(C26_AGAIN, "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert "je n'ai pas d'autre réponse" not in reply and "Solde aujourd'hui" not in reply, reply
    assert "terminée depuis le 10 septembre 2024" in reply and "ne la fait pas recommencer" in reply, reply


C01 = ("Bonjour, je suis secrétaire dans une auto-école. Une cliente a eu un excès de vitesse de 25 km/h payé le 10 mars "
       "2023, puis un téléphone au volant payé le 5 janvier 2025. Elle a son permis depuis 2012. Combien de points "
       "a-t-elle aujourd'hui et quand récupère-t-elle tout ?")
C01_DOUBT = "vous êtes sûr ? on m'a dit que le point de l'excès de vitesse revenait au bout de 6 mois"


def test_c01_six_months_doubted_after_two_retraits_is_explained(domain):
    # R8: the 6 months give back the point of a 1-point offence only; the 25 km/h excess cost 2 (R4), which come back
    # with the rest when the licence is back to 12, on 5 January 2028 (R9)
    chat = opened(domain, C01, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 7 points"), chat.reply
    reply = chat.say(C01_DOUBT, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    print(reply)
    assert "je n'ai pas d'autre réponse" not in reply, reply
    assert reply.startswith("Non : le retour au bout de 6 mois ne vaut que pour une infraction qui n'a retiré qu'1 "
                            "point"), reply
    assert "L'infraction payée le 10 mars 2023 lui a retiré 2 points" in reply, reply
    assert "5 janvier 2028" in reply, reply


C02 = ("mon fils a eu son permis en conduite accompagnée le 15 juin 2024. il s'est fait flasher à 32 au dessus en "
       "septembre 2025, amende payée le 2 octobre 2025. il a combien de points ?")
C02_NO_48N = "il a pas reçu de lettre 48N, c'est normal ? et c'est quel article pour la fin de période probatoire ?"
C02_SHOULD = "la lettre 48N, il aurait dû la recevoir ou pas ?"


def c02_chat(domain) -> FormConversation:
    chat = opened(domain, C02, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 6 points"), chat.reply
    return chat


def test_c02_a_48n_not_received_is_said_due_and_its_delay_not_running(domain):
    # R15: 3 points for an offence committed in September 2025, during the AAC probation (over on 15 June 2026): a 48N
    # follows, even late; its 4 months run from its receipt, so none runs yet (R.223-4); the articles of the
    # probation's end asked besides (L.223-1, R.223-1)
    chat = c02_chat(domain)
    reply = chat.say(C02_NO_48N, "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert "je n'ai pas d'autre réponse" not in reply, reply
    assert reply.startswith("Oui, une lettre 48N doit être envoyée"), reply
    assert "le délai de 4 mois pour faire le stage obligatoire ne court pas" in reply, reply
    assert "article L.223-1" in reply and "R.223-1" in reply, reply


def test_c02_whether_it_should_have_come_is_answered_not_its_date_asked(domain):
    chat = c02_chat(domain)
    chat.say(C02_NO_48N, "ask_probation", answers.ActionAnswerProbation())
    form = forms.ValidateMandatoryStageForm()
    tracker = chat.tracker(C02_SHOULD, "ask_mandatory_stage", form="mandatory_stage_form")
    required = domain["forms"]["mandatory_stage_form"]["required_slots"]
    assert asyncio.run(form.required_slots(required, CollectingDispatcher(), tracker, domain)) == []  # no date asked
    reply = chat.say_in_form(C02_SHOULD, "ask_mandatory_stage", "mandatory_stage_form",
                             forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    print(reply)
    assert "À quelle date a-t-il reçu la lettre 48N" not in reply, reply
    assert "Oui, une lettre 48N doit être envoyée" in reply and "ne court pas" in reply, reply


C27 = ("Bonjour, je vous écris pour mon père (78 ans). Il a reçu une lettre recommandée 48N mais il a son permis depuis "
       "1970 ! C'est une erreur ? Il a eu un excès de 40 km/h au dessus en octobre.")
C27_NOT_PROBATION = "mais il n'est pas en période probatoire, il a le permis depuis 1970 ! c'est normal cette 48N ?"
C27_PAID = "payée le 28 octobre 2026"
C27_ERROR = "bon mais la 48N c'est une erreur de l'administration ou pas ? et il lui reste combien ?"


def c27_chat(domain) -> FormConversation:
    return opened(domain, C27, "ask_letter", answers.ActionAnswerLetter(), TODAY)


NOT_A_48N = ("Ce ne devrait pas être une 48N : elle ne suit qu'une infraction d'au moins 3 points commise pendant la "
             "période probatoire (article R.223-4 du Code de la route)")


def test_c27_a_48n_to_a_licence_of_1970_is_said_not_to_be_one(domain):
    # R15, R19: a 48N follows an offence of 3 points or more committed during the probation; a licence of 1970 never
    # had one (the probationary licence dates from 1992): that retrait brings a lettre 48 (or 48M)
    chat = c27_chat(domain)
    print(chat.reply)
    assert chat.reply.startswith(NOT_A_48N), chat.reply
    assert "lettre 48 (simple information)" in chat.reply and "l'oblige" not in chat.reply, chat.reply
    reply = chat.say(C27_NOT_PROBATION, "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert reply.startswith(NOT_A_48N), reply


def test_c27_error_and_balance_asked_get_both(domain):
    # the 40 km/h excess (4 points, R4) paid on 28 October 2026, 12 before: 8 (R1)
    chat = c27_chat(domain)
    chat.say(C27_NOT_PROBATION, "ask_probation", answers.ActionAnswerProbation())
    chat.say(C27_PAID, "inform", answers.ActionAnswerProbation())
    reply = chat.say(C27_ERROR, "nlu_fallback", fallback.ActionSuggestQuestions())
    print(reply)
    assert reply.startswith(NOT_A_48N), reply
    assert "Solde aujourd'hui : 8 points" in reply, reply


C30 = ("coucou 👋 question rapide : j'ai rendu mon permis le 1er février 2026 suite à 48SI, et c'était ma première "
       "invalidation. je peux repasser le code maintenant ? et je récupère mon permis quand ?")
C30_LICENCE = "je l'avais depuis 2015. et je me suis pas encore inscrit au code"
C30_DRIVING = "donc je dois repasser la conduite aussi ?"


def c30_chat(domain) -> FormConversation:
    chat = opened(domain, C30, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    assert "depuis le 1er août 2026" in chat.reply, chat.reply  # R20: 6 months from the hand-back
    chat.slots["licence_date"] = "2015"  # (the year answered to "Depuis quand aviez-vous votre permis ?")
    return chat


def test_c30_not_registered_for_the_code_after_the_9_months_means_code_and_driving(domain):
    # R20: licence of 2015 (3 years or more), handed back on 1 February 2026: the code alone only with a registration by
    # 1 November 2026; not registered on 1 December 2026, code and driving test
    chat = c30_chat(domain)
    reply = chat.say(C30_LICENCE, "inform", answers.ActionAnswerZeroPoints())
    print(reply)
    assert "Sans inscription au code au plus tard le 1er novembre 2026, il faut repasser le code et l'épreuve de " \
           "conduite" in reply, reply
    assert "Si vous vous êtes inscrit" not in reply and "la date de votre inscription" not in reply, reply
    reply = chat.say(C30_DRIVING, "ask_zero_points", answers.ActionAnswerZeroPoints())
    print(reply)
    assert reply.startswith("Oui : sans inscription au code au plus tard le 1er novembre 2026, il faut repasser le "
                            "code et l'épreuve de conduite"), reply
    assert "je n'ai pas d'autre réponse" not in reply, reply
