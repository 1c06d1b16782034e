"""Testers T45–T48 (1 December 2026), items of branch h104: a counterfactual offence never saved as a fact, and "c'était
une hypothèse" taking back one that was."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t48-c21: red light on 5 October 2023 paid on the 12th (12 → 8 → 12 on 12 October 2026), then "et si j'avais été
# flashé … en juin 2026 ?", then "c'était juste une hypothèse" (R1, R2, R9)

C21 = "bonjour j'avais 12 points, feu rouge le 5 octobre 2025 payé le 12 octobre 2025. il m'en reste combien ?"
C21_FIX = "ah non pardon c'etait en 2023, pas 2025"
C21_IF = "et si jvais ete flashé a +10 sur une route a 80 en juin 2026, payé le 1er juillet 2026 ?"
C21_UNDO = "non non c'etait juste une hypothese, en vrai j'ai rien eu depuis le feu rouge"


def c21_chat(domain):
    chat = opened(domain, C21, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 8 points"), chat.reply
    reply = chat.say(C21_FIX, "inform", answers.ActionAnswerCheckBalance())
    assert "Solde aujourd'hui : 12 points" in reply, reply
    return chat


def test_c21_a_counterfactual_offence_written_as_spoken_is_no_fact_of_the_balance(domain):
    # t48-c21: "et si jvais ete flashé a +10 … en juin 2026, payé le 1er juillet 2026 ?" (j'avais, as spoken) was read
    # as facts told: "C'est noté, je refais le calcul", 7 points, and kept so after "c'était juste une hypothèse". A
    # supposition is no retrait of the driver's (R1, R2): the red light of 2023 alone, 12 points since 12 October 2026
    from actions.fallback import ActionSuggestQuestions
    from actions.what_if import states_a_hypothesis
    assert states_a_hypothesis(C21_IF)
    chat = c21_chat(domain)
    reply = chat.say(C21_IF, "nlu_fallback", ActionSuggestQuestions())
    print(reply)
    assert "C'est noté" not in reply, reply
    then = chat.say("et j'ai combien de points aujourd'hui en vrai ?", "ask_check_balance",
                    answers.ActionAnswerCheckBalance())
    print(then)
    assert "Solde aujourd'hui : 12 points" in then or "olde aujourd'hui : 12 points" in then, then
