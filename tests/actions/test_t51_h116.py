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
    print(reply)
    assert "12 points" in reply and "15 septembre 2023" in reply, reply
    assert "ne vous sont plus rendus" not in reply, reply
    reply = chat.say("oui mais aujourd'hui j'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert "12 points" in reply, reply
    assert "pas d'autre réponse" not in reply, reply


def test_the_new_licences_balance_asked_as_a_balance(domain):
    # (the same, read as the balance's question: the old licence's retrait is no retrait of the new one)
    chat = opened(domain, C29, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY, offence_class="c4")
    reply = chat.say("le nouveau permis je l'ai eu le 15 septembre 2020, aucune infraction depuis. il me reste combien "
                     "de points ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "12 points" in reply and "ne vous sont plus rendus" not in reply, reply
