"""Leftovers of the earlier helpers (h27): wordings the bot still got wrong."""
from __future__ import annotations

import pytest

from actions.third_person import subject_person
from tests.actions.conftest import make_tracker


# --- someone else's licence, named by a familiar word or a relative (helper h21: "mon mec")
@pytest.mark.parametrize("text, noun, feminine", [
    ("mon mec a perdu 3 points pour un feu rouge, il récupère quand ?", "mec", False),
    ("ma meuf a eu un excès de vitesse, elle perd combien ?", "meuf", True),
    ("mon petit ami a son permis depuis 2024, il a combien de points ?", "petit ami", False),
    ("ma belle-mère a grillé un stop, elle récupère quand ?", "belle-mère", True),
    ("mon chéri vient d'avoir son permis", "chéri", False),
    ("ma copine a eu un excès de 25 km/h", "copine", True),
    ("mon pote a eu son permis en mai 2025, il a combien de points ?", "pote", False),
    ("mon frère a eu un stop grillé, payé le 3 mars 2026", "frère", False),
])
def test_someone_else_s_licence_named_familiarly(text, noun, feminine):
    person = subject_person(make_tracker(text=text))
    assert person is not None and person.noun == noun and person.feminine is feminine


# --- a payment said without its year after an offence dated with one follows it (helper h22)
def _validated(domain, form, slots, text, requested_slot, history=()):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from tests.actions.conftest import parsed
    new = {"fine_payment_date": e["value"] for e in parsed(text, "2026-12-01") if e.get("role") == "payment"}
    tracker = make_tracker(slots=slots, new_slots=new, text=text, entities=parsed(text, "2026-12-01"),
                           requested_slot=requested_slot, form=form.form_name(), history=list(history))
    events = asyncio.run(form.run(CollectingDispatcher(), tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.usefixtures("first_of_december")
@pytest.mark.parametrize("offence, text, paid", [
    ("2025-02", "payé le 15 fév", "2025-02-15"),
    ("2025-02", "j'ai réglé l'amende le 3 mars", "2025-03-03"),
    ("2025-10-20", "payé le 2 novembre", "2025-11-02"),
    # a year said stays; a payment the months after today's guess would not reach stays too
    ("2025-02", "payé le 15 février 2026", "2026-02-15"),
    ("2026-09", "payé le 15 octobre", "2026-10-15"),
])
def test_a_payment_without_its_year_follows_the_offence(domain, offence, text, paid):
    from actions import forms
    slots = {"offence_date": offence, "offence_type": "speeding"}
    got = _validated(domain, forms.ValidateAutoRecoveryForm(), slots, text, "fine_payment_date")
    assert got.get("fine_payment_date") == paid


# --- "1 point en ville": an excess under 20 km/h in town, 4th class (R4 example 2), its class not asked (helper h20)
@pytest.mark.usefixtures("first_of_december")
@pytest.mark.parametrize("text, klass", [
    ("j'ai perdu 1 point en ville, payé le 10 mars 2026, je le récupère quand ?", "c4"),
    ("j'ai pris un point en agglomération, amende payée le 10 mars 2026, je retrouve mes points quand ?", "c4"),
    ("perdu 1 point sur l'autoroute, payé le 10 mars 2026, je le récupère quand ?", "c3"),
])
def test_one_point_on_a_road_named_takes_its_class_from_the_road(domain, text, klass):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.test_probation_facts import mapped_slots
    from tests.actions.conftest import parsed
    new = mapped_slots(domain, text, "ask_auto_recovery", "2026-12-01")
    assert new.get("speed_limit") and new.get("last_offence_points") == 1
    tracker = make_tracker(new_slots=new, intent="ask_auto_recovery", text=text,
                           entities=parsed(text, "2026-12-01"), form="auto_recovery_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}.get("offence_class") == klass


# --- "0,6 c'est un délit ?" after offences that counted no alcohol: the level asked about alone (R4; helper h23)
RED_LIGHT_AND_SPEED = "j'ai eu un feu rouge et un excès de vitesse de 25 km/h le même jour"


@pytest.mark.usefixtures("first_of_december")
@pytest.mark.parametrize("text, lead", [
    ("0,6 c'est un délit ?", "Non : avec 0,6 g/l d'alcool dans le sang, la conduite est une contravention de 4e "
                             "classe, pas un délit (article R.234-1 du Code de la route), et elle retire 6 points."),
    ("et 0,9 ça serait un délit ?", "Oui : avec 0,9 g/l d'alcool dans le sang, la conduite est un délit "
                                    "(article L.234-1 du Code de la route)"),
    ("à 0,5 je passe au tribunal ?", "Non : avec 0,5 g/l d'alcool dans le sang, la conduite est une contravention"),
])
def test_a_level_of_alcohol_asked_after_other_offences_is_answered_alone(domain, text, lead):
    from actions import answers, fallback
    from tests.actions.test_what_if import Conversation
    chat = Conversation(domain, RED_LIGHT_AND_SPEED, "inform", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_excess": 25, "other_offences": ["red_light"]},
                        today="2026-12-01")
    assert "6 points au total" in chat.reply, chat.reply
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith(lead), reply
    assert "à partir de 0,8 g/l" in reply and "Feu rouge" not in reply and "km/h" not in reply


# --- the same follow-up asked twice in a row: the second time, a reminder of the line given (helper h24)
def _asked_twice(first: str, second: str, intent: str = "nlu_fallback"):
    from actions import follow_ups
    from tests.actions.test_follow_ups import PHONE_ANSWER
    reply = follow_ups.answer_in_context(make_tracker(text=first, intent=intent, history=[
        {"event": "user", "text": "téléphone au volant, combien de points ?"},
        {"event": "action", "name": "action_answer_offence_points"}, {"event": "bot", "text": PHONE_ANSWER},
        {"event": "action", "name": "action_listen"}]))
    history = [{"event": "user", "text": "téléphone au volant, combien de points ?"},
               {"event": "action", "name": "action_answer_offence_points"}, {"event": "bot", "text": PHONE_ANSWER},
               {"event": "action", "name": "action_listen"},
               {"event": "user", "text": first}, {"event": "bot", "text": reply},
               {"event": "action", "name": "action_listen"}]
    return reply, follow_ups.answer_in_context(make_tracker(text=second, intent=intent, history=history))


@pytest.mark.parametrize("first, second, intent", [
    ("et ça coûte combien ?", "et ça coûte combien ?", "nlu_fallback"),
    ("c'est cher ?", "ça coûte combien ??", "inform"),
    ("et l'amende ?", "l'amende c'est combien ?", "ask_refund_48n"),
])
def test_the_same_follow_up_twice_gets_a_reminder(first, second, intent):
    reply, again = _asked_twice(first, second, intent)
    assert "135 €" in reply and "C'est la réponse que je viens de vous donner" not in reply
    assert again.startswith(reply.splitlines()[0]) and again != reply
    assert again.endswith("C'est la réponse que je viens de vous donner. Si votre question portait sur autre chose, "
                          "pouvez-vous la reformuler en une phrase ?")


def test_a_follow_up_asked_to_be_repeated_is_said_again_whole():
    reply, again = _asked_twice("et ça coûte combien ?", "tu peux répéter combien ça coûte ?")
    assert again == reply


# --- "retrait 3 points" told with a licence out of probation: the balance from it, not how to check it (R1; h21)
@pytest.mark.usefixtures("first_of_december")
@pytest.mark.parametrize("text, left", [
    # (a red light retire 4 points, R4 and R.412-30: the scale's figure is counted, and said, h34)
    ("permis depuis 2019, retrait 3 points feu rouge, il me reste combien ?", "il vous reste 8 points (12 − 4)"),
    ("permis en 2015, un retrait de 4 points, combien il me reste ?", "il vous reste 8 points (12 − 4)"),
    ("j'ai eu mon permis en 2010 et un retrait de 2 pts, j'ai combien de points ?", "il vous reste 10 points (12 − 2)"),
])
def test_a_retrait_told_with_a_licence_out_of_probation_gives_the_balance(domain, text, left):
    from actions import answers
    from tests.actions.test_probation_facts import run, told
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance", today="2026-12-01"),
                    domain)
    assert answer.startswith(f"Votre permis n'étant plus probatoire, {left}"), answer
