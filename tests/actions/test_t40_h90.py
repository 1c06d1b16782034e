"""Tester T40 (replays on 1 December 2026), items of branch h90: an offence said contested is pending, a retrait
told in the first message survives the form's questions."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation, mapped_slots, opened, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t40-c05: red light 2019 (paid), seatbelt 2021 (paid), an excess "l'été dernier que je conteste encore" (R2)

C05 = ("salut, g eu plusieurs infractions : feu rouge en 2019 (payé), ceinture en 2021 payée, et un excès de 15 km/h "
       "sur route à 90 l'été dernier que je conteste encore. cb il me reste ?")


def test_a_contested_offence_is_pending_in_the_balance(domain):
    # t40-c05: the contested excess was counted as paid at the end of the summer (11 points); R2: no retrait while
    # the contest runs, so 12 points today, 1 point to come if it is finally judged
    chat = opened(domain, C05, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    reply = chat.say("ben je veux savoir combien il me reste de points, pas le total", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert reply.startswith("Solde aujourd'hui : 12 points"), reply
    assert "ne retire rien tant qu'elle n'est pas établie. Ensuite, 1 point sera retiré et votre solde passera à 11 " \
           "points" in reply
    assert "22 septembre 2026" not in reply and "payée le 22" not in reply


@pytest.mark.parametrize("text, contested", [
    ("un excès l'été dernier que je conteste encore", True),
    ("je l'ai contestée", True),
    ("l'amende est contestée", True),
    ("le PV est en contestation", True),
    ("contestation en cours pour le feu rouge", True),
    ("et si je conteste ?", False),
    ("je peux contester ?", False),
    ("je l'ai contestée mais j'ai été condamné", False),
])
def test_a_contest_said_as_a_fact(text, contested):
    from actions.offence_history import contest_said
    from actions.retrait_timing import fold
    assert contest_said(fold(text)) is contested


# --- t40-c14: licence June 2024, a 12 km/h excess on a 130 road paid 25 January 2026, the form's question (R5, R7, R8)

C14 = ("Bonjour, mon permis date de juin 2024 (filière classique). J'ai pris un excès de 12 km/h sur autoroute à 130 en "
       "janvier 2026, payé le 25 janvier. Combien j'ai de points ? Et est ce que j'aurai mes +2 en juin 2027 ?")


def probation_asked(domain) -> FormConversation:
    """The first message opens the probation form (its validation of the slots Rasa filled), which asks about the
    complementary training."""
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from tests.actions.conftest import make_tracker
    entities = parsed(C14, TODAY)
    slots = mapped_slots(entities, domain, "ask_probation")
    tracker = make_tracker(slots={}, new_slots=slots, text=C14, entities=entities, intent="ask_probation",
                           form="probation_form")
    events = asyncio.run(forms.ValidateProbationForm().run(CollectingDispatcher(), tracker, domain))
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today = domain, TODAY
    chat.slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"},
                  "requested_slot": "complementary_training"}
    chat.events = [{"event": "user", "text": C14, "parse_data": {"intent": {"name": "ask_probation"},
                                                                "entities": entities}}] + [
        {"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()] + [
        {"event": "bot", "text": "Avez-vous suivi la formation complémentaire post-permis (7 heures, entre le 6e et le "
                                 "12e mois du permis) ?"}, {"event": "action", "name": "action_listen"}]
    return chat


def test_a_retrait_told_first_survives_the_forms_question(domain):
    # t40-c14: after "Non" to the training question, "Aucune infraction ne vous a retiré de points … 10 points … 12
    # le 30 juin 2027": the excess paid on 25 January 2026 was dropped. R7: 1 point withdrawn then, the ceiling of
    # the day (8, second year without training, R5) frozen; R8: the point back 6 months later; 12 points 2 years
    # after the payment, later than the end of probation
    chat = probation_asked(domain)
    reply = chat.say_in_form("Non", "deny", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert "Aucune infraction" not in reply
    assert "8 points sur 8" in reply or "solde est aujourd'hui de 8 points" in reply, reply
    assert "25 janvier 2028" in reply


def test_the_yearly_points_asked_are_not_an_excess():
    # t40-c14: "est ce que j'aurai mes +2 en juin 2027 ?" was read as a 2 km/h excess, replacing the 12 km/h told:
    # under 5 km/h no point since 2024 (R4), so the excess no longer counted as the probation's offence (R7)
    excesses = [e["value"] for e in parsed(C14, TODAY) if e["entity"] == "speed_excess"]
    assert excesses == [12]
    assert [e["value"] for e in parsed("flashé à +12 sur une 90", TODAY) if e["entity"] == "speed_excess"] == [12]


# --- t40-c18: "10 km/h je crois" answered to "De combien de km/h avez-vous dépassé la limite ?" (R4)

@pytest.mark.parametrize("text", ["10 km/h je crois", "euh environ 10 km/h", "10 km/h"])
def test_a_speed_answered_with_a_hedge_is_the_answer(domain, text):
    # t40-c18 got "Je n'ai pas compris votre réponse" and the same question again; "10" alone was understood
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import run as run_form
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_limit": 80}, text=text,
                           entities=parsed(text, TODAY), intent="inform", requested_slot="speed_excess",
                           form="offence_points_form")
    slots, messages = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots.get("speed_excess") == 10, messages
    assert not any("pas compris" in (m or "") for m in messages)


@pytest.mark.parametrize("question", ["cb il me reste ?", "combien il me reste ?"])
def test_the_balance_asked_with_the_offences_told_is_the_balance(domain, question):
    # t40-c05: "… cb il me reste ?" read as the offences' points got their sum, "8 points au total"; the balance of
    # the story is asked (R1): the balance's answer follows, the contested excess pending (R2)
    from rasa_sdk.events import FollowupAction
    from tests.actions.test_what_if import run
    text = C05.replace("cb il me reste ?", question)
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.slots, chat.events = domain, TODAY, {}, []
    tracker = chat.tracker(text, "ask_offence_points")
    events, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert FollowupAction("action_answer_check_balance") in events and not reply
    _, balance = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert balance.startswith("Solde aujourd'hui : 12 points"), balance


def test_this_spring_is_not_lent_last_years_year():
    # t40-c18: "le stop l'an dernier en mars, l'excès ce printemps" read both as March 2025; "ce printemps" on
    # 1 December 2026 is spring 2026 (the demonstrative says which one)
    text = "le stop l'an dernier en mars, l'excès ce printemps"
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "date"] == ["2025-03", "2026-03"]
