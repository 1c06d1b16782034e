"""Tester T38 (replays on 1 December 2026), items of branch h87: in-scope follow-ups that got the canned "je n'ai pas
d'autre réponse que celle-ci" or the same card again."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback, forms
from tests.actions.test_t31_h70 import FormConversation
from tests.actions.test_what_if import mapped_slots, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C21 = ("Bonjour, j'ai une question sur la règle des 10 ans : j'ai un stop payé le 3 mars 2016, et depuis j'ai eu une "
       "infraction tous les 2 ans à peu près (la dernière, téléphone payé le 1er juin 2026). Est-ce que les 4 points du "
       "stop sont revenus ?")
C21_BALANCE = ("donc j'ai combien aujourd'hui ? j'étais à 5 points avant le téléphone de juin, enfin c'est ce que disait "
               "le site en mai")


C21_AGAIN = "je vous demande mon solde : 5 points en mai, puis le téléphone payé le 1er juin. il me reste combien ?"


def c21_chat(domain) -> FormConversation:
    slots = mapped_slots(parsed(C21, TODAY), domain)
    chat = FormConversation(domain, C21, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
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


C01 = ("Bonjour, je suis secrétaire dans une auto-école. Une cliente a eu un excès de vitesse de 25 km/h payé le 10 mars "
       "2023, puis un téléphone au volant payé le 5 janvier 2025. Elle a son permis depuis 2012. Combien de points "
       "a-t-elle aujourd'hui et quand récupère-t-elle tout ?")
C01_DOUBT = "vous êtes sûr ? on m'a dit que le point de l'excès de vitesse revenait au bout de 6 mois"


def test_c01_six_months_doubted_after_two_retraits_is_explained(domain):
    # R8: the 6 months give back the point of a 1-point offence only; the 25 km/h excess cost 2 (R4), which come back
    # with the rest when the licence is back to 12, on 5 January 2028 (R9)
    slots = mapped_slots(parsed(C01, TODAY), domain)
    chat = FormConversation(domain, C01, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 7 points"), chat.reply
    reply = chat.say(C01_DOUBT, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    print(reply)
    assert "je n'ai pas d'autre réponse" not in reply, reply
    assert reply.startswith("Non : le retour au bout de 6 mois ne vaut que pour une infraction qui n'a retiré qu'1 "
                            "point"), reply
    assert "L'infraction payée le 10 mars 2023 lui a retiré 2 points" in reply, reply
    assert "5 janvier 2028" in reply, reply
