"""The conversation after an answer, as the outside tester T7 saw it (BOT_TODAY=2026-12-01): short follow-ups get a
short reply to what they ask, the forms' questions speak of the person the answers speak of, and a few answers say
only what is asked. Each case is rebuilt with 2–3 wordings (actions/follow_ups.py, what_if.py, ask.py)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, ask, corrections, fallback, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")


def asked(action, tracker, domain) -> str:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, domain))
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


# --- 6. the form's questions follow the person the conversation is about ----------------------------------------

@pytest.mark.parametrize("text, pronoun", [
    ("mon fils a eu son permis en mars 2025, il a combien de points ?", "il"),
    ("ma fille a eu son permis l'an dernier, elle a combien de points ?", "elle"),
    ("le permis de mon fils date de mars 2025, combien il lui reste ?", "il"),
    ("une amie a eu son permis en mars 2025, elle a combien de points ?", "elle"),
])
def test_the_form_asks_about_the_person_the_story_is_about(domain, text, pronoun):
    tracker = make_tracker(text=text, intent="ask_probation", entities=parsed(text), form="probation_form")
    said = asked(ask.AskSlot_supervised_driving(), tracker, domain)
    assert said == f"A-t-{pronoun} appris à conduire en conduite accompagnée (AAC) ?"
    said = asked(ask.AskSlot_probation_offence(), tracker, domain)
    assert said == (f"A-t-{pronoun} commis une infraction qui lui a retiré des points depuis l'obtention de son "
                    "permis ?")
    said = asked(ask.AskSlot_current_balance(), tracker, domain)
    assert said.startswith("Combien de points lui reste-t-il actuellement ?")
    assert "(si vous ne savez pas" in said  # the user is still the one who answers


def test_the_person_s_questions_keep_their_buttons(domain):
    text = "ma fille a perdu 3 points, elle les récupère quand ?"
    dispatcher = CollectingDispatcher()
    asyncio.run(ask.AskSlot_offence_class().run(dispatcher, make_tracker(text=text, entities=parsed(text),
                                                                         form="auto_recovery_form"), domain))
    assert dispatcher.messages[0]["buttons"] and dispatcher.messages[0]["text"] == \
        "Quel était le montant de l'amende forfaitaire ?"
    # a later question of the same form, after an answer to it
    history = [user_said(text, "ask_auto_recovery")]
    said = asked(ask.AskSlot_fine_payment_date(), make_tracker(text="135 €", entities=parsed("135 €"),
                                                               history=history, form="auto_recovery_form"), domain)
    assert said.startswith("À quelle date a-t-elle payé l'amende")


def test_the_user_s_own_questions_are_the_domain_s(domain):
    text = "j'ai eu mon permis en mars 2025, j'ai combien de points ?"
    dispatcher = CollectingDispatcher()
    asyncio.run(ask.AskSlot_supervised_driving().run(dispatcher, make_tracker(text=text, entities=parsed(text),
                                                                              form="probation_form"), domain))
    assert dispatcher.messages[0]["response"] == "utter_ask_supervised_driving"


def test_a_passenger_child_is_no_licence_holder():
    from actions.third_person import subject_person
    assert subject_person(make_tracker(text="un enfant n'est pas attaché, ça fait combien de points ?")) is None
    assert subject_person(make_tracker(text="un ami m'a dit que les points reviennent en 2 ans")) is None
