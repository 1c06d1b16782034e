"""Tester T33 (BOT_TODAY=2026-12-01), items of branch h73: balances just computed or stated, dropped or misread."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def rasa_slots(domain, text: str, intent: str):
    """The slots Rasa 3.6 fills from an opening message: the last value of each entity mapped."""
    from tests.actions.test_probation_facts import mapped_slots
    return {k: v[-1] if isinstance(v, list) and k != "offence_type" else v
            for k, v in mapped_slots(domain, text, intent, TODAY).items()}


def validated(validator, tracker, domain):
    """A form's validation run as the server runs it: its messages and the slots it sets."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(validator.run(dispatcher, tracker, domain))
    return ({e["name"]: e["value"] for e in events if e.get("event") == "slot"},
            "\n".join(m.get("text") or "" for m in dispatcher.messages))


# --- c20: probation, 1 point committed before the first anniversary, then 2 points; "je peux faire un stage ?"

C20 = ("Bonjour. Permis obtenu le 10 mars 2025 (pas de conduite accompagnée, pas de formation complémentaire). 1 point "
       "perdu : excès commis le 2 février 2026, payé le 15 février. Puis 2 points : excès de 22 km/h commis le 12 "
       "octobre 2026, payé le 20 octobre. J'ai combien et je peux faire un stage volontaire ?")


def test_the_stage_form_starts_from_the_balance_of_all_the_retraits_told(domain):
    # T33 c20: the answer said 4 of 6 (R5, R7, R8), then the stage form, in the same reply, "votre solde est
    # aujourd'hui de 7 points" (the slots keep the last offence's day with the first one's point: 8 − 1), then
    # "Impossible de répondre : 7 dépasse le plafond de 6" twice; expected 4 → 6 (R12, R14)
    slots = rasa_slots(domain, C20, "ask_probation")
    history = [{"event": "user", "text": C20, "parse_data": {"intent": {"name": "ask_probation"},
                                                             "entities": parsed(C20, TODAY)}}]
    first = run(answers.ActionAnswerProbation(), make_tracker(slots=slots, text=C20, entities=parsed(C20, TODAY),
                                                              intent="ask_probation"), domain)[1]
    assert "4 points sur 6" in first
    tracker = make_tracker(slots={**slots, "probation_offence": True, "offence_class": "c4"}, text=C20,
                           entities=parsed(C20, TODAY), intent="ask_probation", form="stage_eligibility_form",
                           history=history[:0])
    set_now, said = validated(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert "7 points" not in said and set_now.get("current_balance") in (None, 4), (set_now, said)
    assert forms.probation_balance(tracker) == 4
    known = {**slots, "probation_offence": True, "offence_class": "c4", "current_balance": 4,
             "previous_stage_date": "none"}
    reply = run(answers.ActionAnswerStageEligibility(), make_tracker(
        slots=known, text="Non, jamais", intent="deny", history=history), domain)[1]
    assert "dépasse le plafond" not in reply and "7 points" not in reply, reply
    assert "de 4 à 6 points" in reply, reply

