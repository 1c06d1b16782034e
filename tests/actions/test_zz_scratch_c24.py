import pytest
from actions import answers, corrections
from tests.actions.test_stage_balance_first_day import Chat

@pytest.fixture(autouse=True)
def _d(first_of_december): pass

def test_c24(domain):
    chat = Chat(domain)
    print(chat.say("mon solde est a 0 sur mes points permis mais jai pas recu de lettre 48SI. je peux encore faire un stage ?", "ask_zero_points", answers.ActionAnswerZeroPoints()))
    print("----")
    print(chat.say("javais 4 points et jai pris 6 pour un refus de priorité a un pieton, ca fait -2, donc cest rattrapable ?", "ask_offence_points", answers.ActionAnswerOffencePoints()))
    print("----", chat.slots.get("current_balance"), chat.slots.get("last_offence_points"))
    print(chat.say("cest sur ? parce que jai deja fait un stage en juin, le 8 et 9 juin 2026", "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), {"previous_stage_date": "2026-06-08", "balance_unknown": False}))
    print("----")
    print(chat.say("je peux faire un stage pour sauver mon permis oui ou non ?", "ask_zero_points", answers.ActionAnswerZeroPoints()))
    print({k: v for k, v in chat.slots.items() if v is not None})
