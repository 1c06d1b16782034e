"""Tester T51 (replays on 1 December 2026), items of branch h119: wrong answers over several turns."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c01: licence since 2010, "plusieurs amendes", then the two told one by one and "c'est tout" (R8, R9, R10)

C01 = "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes, je voudrais savoir ou j'en suis"
C01_FIRST = ("combien il me reste de points. la premiere c'etait un telephone au volant le 10 mars 2025, payée le 20 "
             "mars 2025")
C01_SECOND = ("attendez j'ai pas fini. la 2eme c'est un exces de vitesse, flashé à 101 sur une route à 90 le 14 fevrier "
              "2026, payé le 1er mars 2026. c'est tout")


def test_offences_listed_and_closed_are_all_of_them(domain):
    # t51-c01: "Avec des infractions commises régulièrement depuis" and the 10-year rule alone, four times; the two
    # offences told are all of them: 12 − 3 − 1 = 8 on 1 March 2026, the single point back on 1 September 2026 (R8),
    # 9 today; 12 on 1 March 2029, 3 years after the last payment (R9)
    chat = opened(domain, C01, "inform", corrections.ActionApplyCorrection(), TODAY)
    chat.say(C01_FIRST, "nlu_fallback", fallback.ActionSuggestQuestions())
    chat.say(C01_SECOND, "inform", corrections.ActionApplyCorrection())
    reply = chat.say("ok mais du coup j'ai combien de points aujourd'hui ? et je récupère mes 12 quand ?",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "régulièrement" not in reply and "2035" not in reply, reply
    assert reply.startswith("Solde aujourd'hui : 9 points"), reply
    assert "maximum de points le 1er mars 2029" in reply, reply
    assert "revenu le 1er septembre 2026" in reply, reply


@pytest.mark.parametrize("messages, since", [
    ([C01, C01_FIRST, C01_SECOND], False),
    ([C01, C01_FIRST, "y en a pas eu d'autres que ces 2 la"], False),
    ([C01, C01_FIRST, "aucune autre amende"], False),
    # (T54 c01: "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes" is the licence's "depuis", no offences
    # after another one: the first fine told alone got "Avec des infractions commises régulièrement depuis")
    ([C01, C01_FIRST], False),
    (["amende payée le 10 mars 2025, et depuis plusieurs amendes", C01_FIRST], True),
    (["amende payée le 10 mai 2016, et depuis des PV régulièrement"], True),
    (["amende payée le 10 mai 2016, et depuis des PV régulièrement", "pas d'autres questions"], True),
    (["j'ai eu plusieurs PV depuis, c'est tout ce que je sais"], True),
])
def test_offences_since_closed_by_a_later_list(messages, since):
    from actions.forms import offences_said_since
    from tests.actions.conftest import make_tracker
    events = [{"event": "user", "text": m, "parse_data": {"intent": {"name": "inform"}, "entities": []}}
              for m in messages]
    tracker = make_tracker(slots={}, text=messages[-1], entities=[], intent="inform", history=events[:-1])
    assert offences_said_since(tracker) is since


# --- t51-c23: "jeune permis en AAC depuis 18 mois, jamais flashé, g cb de pts ?" (R5, R7)

C23 = "jeune permis en AAC depuis 18 mois, jamais flashé, g cb de pts ?"


def test_never_caught_is_no_offence(domain):
    # t51-c23: "jamais flashé" was read as a speeding offence, and the form asked "À quelle date l'infraction a-t-elle
    # été commise ?"; never caught, the balance is the probation's ceiling (R5, R7): no offence to ask about
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.conversation import mapped_slots
    entities = parsed(C23, TODAY)
    assert not any(e["entity"] == "offence_type" for e in entities), entities
    slots = mapped_slots(entities, domain, "ask_probation")
    assert slots.get("probation_offence") is False, slots
    tracker = make_tracker(slots={}, new_slots=slots, text=C23, entities=entities, intent="ask_probation",
                           form="probation_form")
    validator = forms.ValidateProbationForm()
    events = asyncio.run(validator.run(CollectingDispatcher(), tracker, domain))
    filled = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    after = make_tracker(slots=filled, text=C23, entities=entities, intent="ask_probation", form="probation_form")
    required = asyncio.run(validator.required_slots(
        domain["forms"]["probation_form"]["required_slots"], CollectingDispatcher(), after, domain))
    asked = [s for s in required if filled.get(s) is None]
    assert "offence_date" not in asked and "fine_payment_date" not in asked, asked


@pytest.mark.parametrize("text", ["jamais flashé, g cb de pts ?", "je me suis jamais fait flasher, combien j'ai ?",
                                  "jamais été flashée ni rien, il me reste combien ?"])
def test_never_caught_said(text):
    from tests.actions.conftest import parsed
    entities = parsed(text, TODAY)
    assert not any(e["entity"] == "offence_type" for e in entities), entities
    assert any(e["entity"] == "offence_since_licence" and e["value"] is False for e in entities), entities


def test_caught_still_an_offence():
    from tests.actions.conftest import parsed
    entities = parsed("flashé hier à 101 sur une route à 90, jamais eu de PV avant", TODAY)
    assert any(e["entity"] == "offence_type" and e["value"] == "speeding" for e in entities), entities


# --- t51-c10: "et pour ma femme : elle a eu un téléphone au volant, amende payée le 15 janvier 2027" on 1 December 2026

def test_a_past_offence_paid_on_a_day_to_come_is_flagged(domain):
    # t51-c10: told as past ("elle a eu"), the offence was made a hypothesis "Si elle commettait le 1er décembre 2026
    # une infraction…", the payment's day silently kept; the day is flagged as the form flags it, the scale answered
    from actions import answers
    chat = opened(domain, "ah ok, alors 12 du coup, je peux en avoir plus avec un stage ?", "ask_stage_eligibility",
                  answers.ActionAnswerStageEligibility(), TODAY)
    reply = chat.say("et pour ma femme : elle a eu un téléphone au volant, amende payée le 15 janvier 2027",
                     "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "Si elle commettait" not in reply and "seraient retirés" not in reply, reply
    assert reply.startswith("Le 15 janvier 2027 est dans le futur (nous sommes le 1er décembre 2026). Quelle est la "
                            "date du paiement de l'amende ?"), reply
    assert "retrait de 3 points" in reply, reply


def test_an_offence_to_come_is_still_a_hypothesis(domain):
    # (T11 c07: "un excès de 3 km/h en janvier 2027, ça m'empêche de récupérer mon point ?" stays a world supposed)
    from actions.what_if import _dated_to_come
    entities = [{"entity": "offence_type", "value": "speeding"}, {"entity": "date", "value": "2027-01-15"}]
    assert _dated_to_come(entities, "un exces de 3 km/h en janvier 2027, ca m'empeche de recuperer mon point ?")
    assert not _dated_to_come(entities, "elle a eu un exces, amende payee le 15 janvier 2027")
