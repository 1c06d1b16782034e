"""Tester T57 (replays on 1 December 2026), items of branch h131: a side question on a letter while a form asks a
fact, the form's question resumed by the fact told next."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

BALANCE_ASKED = "Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, dites « je ne sais pas »)"


def stage_question_with_a_side_letter(domain, side: str) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Je voudrais savoir combien j'aurai de points après mon stage de janvier",
                      "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested=chat.slots.get("requested_slot"), question=BALANCE_ASKED, asks="current_balance")
    chat.side = chat.say_in_form(side, "ask_letter", "letter_form", forms.ValidateLetterForm(),
                                 answers.ActionAnswerLetter())
    return chat


@pytest.mark.parametrize("side, told", [
    # t57-c25
    ("attendez avant, c'est quoi la différence entre une lettre 48 et une 48M ? j'ai reçu une 48M",
     "ok. bon il m'en reste 4"),
    ("au fait c'est quoi une lettre 48M ?", "d'accord. j'ai 4 points"),
    ("une 48N ça veut dire quoi ?", "ok, il me reste 4 points"),
])
def test_the_balance_told_after_a_side_letter_question_resumes_the_stage_question(domain, side, told):
    # t57-c25: "ok. bon il m'en reste 4" after the 48M's meaning asked on the side (the stage form asked the balance)
    # got the 48M text again; the stage question waiting is resumed with that balance
    chat = stage_question_with_a_side_letter(domain, side)
    assert "lettre 48" in chat.side, chat.side
    reply = chat.say(told, "inform", corrections.ActionApplyCorrection())
    assert "La lettre 48" not in reply, reply
    assert chat.slots["current_balance"] == 4
    assert any(e.get("event") == "followup" and e.get("name") == "points_after_stage_form" for e in chat.events[-4:])


# --- t57-c27: 145 on a 90 road read both ways (retained: délit, 6 points; measured: 137 retained, 4 points), then
# the retained speed read on the notice (R4)

C27 = "flashé à 145 sur une départementale à 90 le mois dernier 😱 je perds combien ?"


@pytest.mark.parametrize("text", [
    "je viens de regarder l'avis : vitesse retenue 137. donc 4 pts c'est ça ? j'ai 12 pts et jamais eu de retrait",
    "sur l'avis la vitesse retenue c'est 137, donc 4 points ? j'ai 12 points",
    "ok j'ai vérifié, 137 km/h retenus. ça fait 4 points alors ? il me reste 12 points",
])
def test_the_retained_speed_read_on_the_notice_is_the_same_excess(domain, text):
    # t57-c27: the offence and the limit were asked again; the excess of the answer before, at 137 retained: 47 km/h
    # over, 4 points (R4), 12 → 8
    from tests.actions.conversation import opened_in_form
    chat = opened_in_form(domain, C27, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                          answers.ActionAnswerOffencePoints(), TODAY)
    assert "retrait de 6 points" in chat.reply, chat.reply
    chat.read_by_form(text, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm())
    assert chat.next_asked("offence_points_form", forms.ValidateOffencePointsForm()) is None
    # (as the server runs the answer: the slots the form set logged after the message)
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.conversation import run
    user_at = max(i for i, e in enumerate(chat.events) if e.get("event") == "user")
    set_now = {e["name"]: e["value"] for e in chat.events[user_at:] if e.get("event") == "slot"}
    tracker = make_tracker(slots=chat.slots, new_slots=set_now, text=text, entities=parsed(text, TODAY),
                           intent="ask_offence_points", history=chat.before_turn)
    _, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert reply.startswith("Excès de 47 km/h (137 km/h retenus pour 90 km/h autorisés) : retrait de 4 points"), reply
    assert "Avec 12 points avant l'infraction, il vous restera 8 points" in reply, reply


@pytest.mark.parametrize("text", [
    "je viens de regarder l'avis : vitesse retenue 137. donc 4 pts c'est ça ? j'ai 12 pts et jamais eu de retrait",
    "sur l'avis la vitesse retenue c'est 137, donc 4 points ?",
    "ok j'ai vérifié, 137 km/h retenus. ça fait 4 points alors ?",
])
def test_the_retained_speed_brings_back_the_excess_when_the_form_opens(domain, text):
    # t57-c27 (live, the answer having reset the offence's slots): the form opened on the retained speed takes the
    # offence and the limit of the answer before, instead of asking "Quelle infraction ?"
    from tests.actions.conversation import opened_in_form
    chat = opened_in_form(domain, C27, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                          answers.ActionAnswerOffencePoints(), TODAY)
    restored = {e["name"]: e["value"]
                for e in forms._offence_corrected_on_activation(chat.tracker(text, "ask_offence_points",
                                                                             "offence_points_form"))}
    assert restored.get("offence_type") == "speeding" and restored.get("speed_limit") == 90, restored
    assert "speed_measured" not in restored and "speed_excess" not in restored, restored


# --- t57-c22: "bah 12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2027" to the balance's question:
# the payment's day, set by Rasa's mappings before the form ran, is to come: refused at once (R2, R8)

def form_read_as_the_server_sends_it(text: str, intent: str, form: str, validator, domain, known, extracted):
    """The form's validation of `text`, as the Rasa server runs it while the form is active: the slots Rasa mapped
    from the message logged after it (before `user_featurization`), then the form's own extraction `extracted`."""
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.conversation import mapped_slots
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots=known, new_slots=mapped_slots(entities, domain, intent), text=text, entities=entities,
                           intent=intent)
    tracker.events += [{"event": "action", "name": form},
                       *({"event": "slot", "name": k, "value": v} for k, v in extracted.items())]
    tracker.slots.update({**extracted, "requested_slot": known.get("requested_slot")})
    tracker.active_loop = {"name": form}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(validator.run(dispatcher, tracker, domain))
    return events, [m.get("text") or "" for m in dispatcher.messages]


@pytest.mark.parametrize("text", [
    "ah bon. bah 12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2027",
    "12. et j'ai payé une amende de feu rouge le 3 février 2027",
])
def test_a_payment_day_to_come_told_beside_the_answer_is_refused_at_once(domain, text):
    events, said = form_read_as_the_server_sends_it(
        text, "inform", "stage_eligibility_form", forms.ValidateStageEligibilityForm(), domain,
        {"requested_slot": "current_balance"}, {"current_balance": 12})
    assert any("est dans le futur (nous sommes le 1er décembre 2026)" in m for m in said), said
    assert {"event": "slot", "name": "fine_payment_date", "value": None, "timestamp": None} in events or any(
        e.get("name") == "fine_payment_date" and e.get("value") is None for e in events), events
    assert any(e.get("name") == "current_balance" and e.get("value") == 12 for e in events), events


def test_a_past_payment_day_told_beside_the_answer_is_kept(domain):
    events, said = form_read_as_the_server_sends_it(
        "bah 12 alors. j'ai pris une amende pour stop que j'ai payée le 12 mars 2026", "inform",
        "stage_eligibility_form", forms.ValidateStageEligibilityForm(), domain, {"requested_slot": "current_balance"},
        {"current_balance": 12})
    assert not any("futur" in m for m in said), said
    assert not any(e.get("name") == "fine_payment_date" and e.get("value") is None for e in events), events
