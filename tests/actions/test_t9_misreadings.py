"""Misreadings of the outside tester T9 (BOT_TODAY=2026-12-01), each with 2–3 wordings of its family: a stage to come
read as a past one (c25, c03, c07), "plus de 10 ans" to the licence's question (c25), a balance asked on a later
month read as a stage's date (c28)."""
from __future__ import annotations

import asyncio
import inspect

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, fallback, forms
from tests.actions import conftest
from tests.actions.conftest import make_tracker
from tests.actions.test_what_if import mapped_slots, run as run_for_events

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def parsed(text):
    return conftest.parsed(text, DAY)


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    if inspect.iscoroutine(events):
        events = asyncio.run(events)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, "\n".join(m.get("text") or "" for m in dispatcher.messages)


def stage_told(text):
    return next(e["value"] for e in parsed(text) if e["entity"] == "date" and e.get("role") == "stage")


def form_reads(domain, text, form, validation, intent, slots=None, new_slots=None, requested_slot=None):
    """The form's validation of a message, its slots mapped as the domain maps them (`new_slots`: those mapped only
    with an intent or a question asked)."""
    entities = parsed(text)
    filled = mapped_slots(entities, domain)
    filled.update(new_slots or {})
    tracker = make_tracker(slots=slots or {}, new_slots=filled, text=text, entities=entities, form=form,
                           intent=intent, requested_slot=requested_slot)
    return run(validation, tracker, domain)


# --- T9 c25, c03: a stage to come told of someone else is the next such day, not the one a year before -----------

@pytest.mark.parametrize("text, day", [
    ("il avait 11 pts. il lui en reste 2 du coup ? s'il fait le stage chez nous les 10-11 decembre il remonte a "
     "combien", "2026-12-10"),
    ("elle en a 5, si elle fait le stage les 14-15 décembre elle aura combien ?", "2026-12-14"),
    ("il lui reste 4 points, il passe son stage les 8 et 9 janvier, il aura combien ?", "2027-01-08"),
])
def test_the_stage_to_come_of_someone_else_is_the_next_one(domain, text, day):
    slots, _ = form_reads(domain, text, "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                          "ask_points_after_stage", new_slots={"stage_first_day": stage_told(text)})
    assert slots["stage_first_day"] == day


@pytest.mark.parametrize("text", ["s'il fait le stage chez nous les 10-11 decembre il remonte a combien",
                                  "elle fait le stage les 10-11 décembre", "il fait son stage le 10 décembre"])
def test_a_stage_day_read_a_year_back_is_moved_to_the_next_one_when_told_as_a_plan(domain, text):
    # the NLU's reading a year back (as the parser gave it before): the stage's slot takes the next such day
    entities = [dict(e, value="2025-12-10") if e["entity"] == "date" else e for e in parsed(text)]
    tracker = make_tracker(new_slots={"stage_first_day": "2025-12-10"}, text=text, entities=entities,
                           form="points_after_stage_form", intent="ask_points_after_stage")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["stage_first_day"] == "2026-12-10"


@pytest.mark.parametrize("text", [
    "oui mais concretement il envoie quoi et a qui ? il fait le stage les 8 et 9 janvier",
    "elle fait son stage les 8 et 9 janvier, c'est bon ?",
    "il passe le stage le 8 janvier",
])
def test_the_48n_stage_to_come_is_not_the_last_stage_done(domain, text):
    known = {"licence_date": "2025", "letter_48n_date": "2026-10-31"}
    slots, _ = form_reads(domain, text, "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                          "ask_mandatory_stage", slots=known, new_slots={"stage_first_day": stage_told(text)})
    assert slots.get("stage_first_day") == "2027-01-08" and not slots.get("previous_stage_date")
    tracker = make_tracker(slots={**known, **slots}, text=text, entities=parsed(text), intent="ask_mandatory_stage")
    _, reply = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "9 janvier 2027, avant la date limite du 28 février 2027" in reply  # R15: 4 months after the 48N
    assert "dernier stage" not in reply and "2026" not in reply.split("\n")[0]


@pytest.mark.parametrize("text", [
    "elle peut faire un stage cette semaine, le 3 et 4 decembre, ca marche ?",
    "je peux faire un stage cette semaine le 3 et 4 décembre ?",
    "un stage cette semaine, les 3 et 4 décembre, c'est possible ?",
])
def test_a_stage_this_week_is_the_one_asked_about_not_a_stage_done(domain, text):
    slots, _ = form_reads(domain, text, "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                          "ask_stage_eligibility", slots={"licence_date": "2026-06-10"},
                          new_slots={"previous_stage_date": stage_told(text)})
    assert slots["stage_first_day"] == "2026-12-03" and slots["previous_stage_date"] is None


# --- T9 c25: "vieux permis, plus de 10 ans" answers the licence's question: not a probationary licence ----------

@pytest.mark.parametrize("text", ["je sais pas, vieux permis, plus de 10 ans", "plus de quinze ans de permis",
                                  "au moins 20 ans"])
def test_more_than_ten_years_answers_the_licence_question(domain, text):
    slots, reply = form_reads(domain, text, "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                              "inform", slots={"current_balance": 2, "stage_first_day": "2026-12-10"},
                              new_slots={"licence_date": parsed(text)[0]["value"]}, requested_slot="licence_date")
    assert slots["licence_date"] <= "2016-12-01" and slots["requested_slot"] == "previous_stage_date"
    assert "permis" not in reply  # not asked again


# --- T9 c28: "et en avril 2027 elle passera bien à 9 ?" is the balance then: increments stopped (R7) ---------------

STORY = ("Bonjour, ma fille a eu son permis en avril 2026 après conduite accompagnée, elle a perdu 2 points (+25 km/h) "
         "payé le 2 novembre. Elle peut faire un stage volontaire ?")
FACTS = {"licence_date": "2026-04", "supervised_driving": True, "last_offence_points": 2,
         "fine_payment_date": "2026-11-02", "offence_type": "speeding", "speed_excess": 25, "current_balance": 4,
         "previous_stage_date": "none"}


def after_the_stage_answer(domain):
    tracker = make_tracker(slots=FACTS, text=STORY, entities=parsed(STORY), intent="ask_stage_eligibility")
    _, reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "Il lui rendrait 2 points (plafond 6)" in reply
    return [conftest.user_said(STORY, "ask_stage_eligibility"),
            *({"event": "slot", "name": k, "value": v} for k, v in FACTS.items()),
            {"event": "action", "name": "action_answer_stage_eligibility"}, {"event": "bot", "text": reply},
            {"event": "slot", "name": "last_question", "value": "action_answer_stage_eligibility"},
            {"event": "action", "name": "action_listen"}]


@pytest.mark.parametrize("text, on", [
    ("et en avril 2027 elle passera bien a 9 ?", "le 30 avril 2027"),
    ("donc en mai 2027 elle aura 9 points ?", "le 31 mai 2027"),
    ("et le 30 avril 2027 elle sera à 9 ?", "le 30 avril 2027"),
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_eligibility", answers.ActionAnswerStageEligibility()),
    ("ask_probation", answers.ActionAnswerProbation()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
    ("inform", corrections.ActionApplyCorrection()),  # (the NLU's reading of the tester's message)
])
def test_a_balance_asked_on_a_later_month_is_the_probation_s_not_a_stage(domain, text, on, intent, action):
    history = after_the_stage_answer(domain)
    tracker = make_tracker(slots={**FACTS, "last_question": "action_answer_stage_eligibility"}, text=text,
                           entities=parsed(text), intent=intent, history=history)
    slots, reply = run(action, tracker, domain)
    # AAC: 6 points, +3 on the first anniversary (R5), but the offence stopped the increments (R7): 4 points, ceiling 6
    assert reply.startswith(f"Non : {on}, ") and "solde sera de 4 points, pas 9" in reply
    assert "arrête les majorations annuelles du permis probatoire : le plafond reste à 6 points" in reply
    assert "L.223-1" in reply and "stage" not in reply
    assert not slots.get("stage_first_day")


# --- T9 c32, c17: "j'ai combien là ?" after an offence's answer is the balance; the fine only when money is said ------

OFFENCE = ("c'etait pour un exces de 15 sur autoroute commis le 20 sept 2026, payé le 3 octobre 2026. permis le 6 juin "
           "2024 sans conduite accompagnée. jai combien et je le recup quand")


def after_the_offence_answer(domain):
    slots = {**mapped_slots(parsed(OFFENCE), domain), "last_offence_points": 1, "offence_class": "c3"}
    tracker = make_tracker(slots=slots, text=OFFENCE, entities=parsed(OFFENCE), intent="ask_offence_points")
    _, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Amende forfaitaire : 68 €" in reply
    slots["last_question"] = "action_answer_offence_points"
    return slots, [conftest.user_said(OFFENCE, "ask_offence_points"),
                   *({"event": "slot", "name": k, "value": v} for k, v in slots.items()),
                   {"event": "action", "name": "action_answer_offence_points"}, {"event": "bot", "text": reply},
                   {"event": "action", "name": "action_listen"}]


@pytest.mark.parametrize("text", ["ok mais en chiffres, jai combien la ?", "du coup jai combien aujourdhui",
                                  "il m'en reste combien là ?", "je suis à combien du coup ?"])
def test_combien_after_an_offence_asks_the_points_not_the_fine(domain, text):
    slots, history = after_the_offence_answer(domain)
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="nlu_fallback", history=history)
    events, reply = run_for_events(fallback.ActionSuggestQuestions(), tracker, domain)
    assert "€" not in reply and [e.get("name") for e in events if e.get("event") == "followup"] == [
        "action_answer_check_balance"]
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="ask_check_balance", history=history)
    _, reply = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    # 6 points, 8 on 6 June 2025, 10 on 6 June 2026 (R5), 1 point withdrawn: 9 out of 10 (R7)
    assert reply.startswith("Votre solde est aujourd'hui de 9 points sur 10") and "68 €" not in reply


@pytest.mark.parametrize("text", ["et l'amende c'est combien ?", "je paie combien ?", "ça fait combien en euros ?"])
def test_money_said_still_asks_the_fine(domain, text):
    slots, history = after_the_offence_answer(domain)
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="nlu_fallback", history=history)
    _, reply = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert reply.startswith("Pour cette infraction : amende forfaitaire : 68 €")


# --- T9 c24: an adult passenger without a belt pays the fine, the driver loses no points (R21; R.412-1, R.412-2) ---

@pytest.mark.parametrize("text", [
    "si mon passager (mon pote, 25 ans) a pas sa ceinture c'est moi qui perd les points ?",
    "mon passager de 25 ans n'a pas sa ceinture, je perds des points ?",
    "mon passager, un collègue de 40 ans, avait pas mis sa ceinture, combien de points ?",
])
def test_an_adult_passenger_without_a_belt_costs_the_driver_no_points(domain, text):
    entities = parsed(text)
    tracker = make_tracker(slots=mapped_slots(entities, domain), text=text, entities=entities,
                           intent="ask_offence_points")
    _, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert reply.startswith("Passager adulte sans ceinture (amende pour le passager) : aucun point n'est retiré")
    assert "le conducteur ne perd aucun point" in reply and "R.412-1" in reply and "R.412-2" in reply
    assert "135 €" in reply and "retrait de 3 points" not in reply and "Conducteur sans ceinture" not in reply


# --- T9 c17: an impossible date inside an offence told after an answer is said and asked again ---------------------

@pytest.mark.parametrize("text", [
    "ok mais jai perdu 1 point pour un exces de 8 km/h sur autoroute, payé le 31/02/2025",
    "j'ai grillé un feu rouge le 30/02/2026, je perds combien ?",
    "téléphone au volant, amende payée le 31/04/2026",
])
@pytest.mark.parametrize("intent, action", [("inform", corrections.ActionApplyCorrection()),
                                            ("ask_offence_points", answers.ActionAnswerOffencePoints())])
def test_an_impossible_date_in_an_offence_told_is_said(domain, text, intent, action):
    entities = parsed(text)
    known = {"licence_date": "2023-03-15", "last_question": "action_answer_probation"}
    told = mapped_slots(entities, domain)
    tracker = make_tracker(slots=known if intent == "inform" else {**known, **told},
                           new_slots=told if intent == "inform" else None, text=text, entities=entities, intent=intent)
    _, reply = run(action, tracker, domain)
    impossible = next(e["value"] for e in entities if e["entity"] == "invalid_date")
    assert reply.count(f"Le {impossible} n'existe pas : vérifiez le jour et le mois.") == 1
    assert "Redonnez-moi la date avec ce qu'elle concerne" in reply


# --- T9 c18: "j'ai 15 points sur mon permis" opening the probation form is refused (R1: 12 at most) ------------------

@pytest.mark.parametrize("text", ["<b>bonjour</b><script>alert(1)</script> 😅😅 j'ai 15 points sur mon permis c normal ?",
                                  "il me reste 14 points, je suis en probatoire ?", "j'ai 13 pts c'est possible ?"])
def test_a_balance_above_twelve_is_refused_in_a_form_that_does_not_ask_it(domain, text):
    from rasa_sdk import Tracker
    from bot.nlu.visible_text import visible_text
    entities = parsed(visible_text(text))
    balance = next(e["value"] for e in entities if e["entity"] == "points")
    # as Rasa sends it: the balance set by the global mapping, not among the probation form's own slots
    events = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_probation"}, "entities": entities}},
              {"event": "slot", "name": "current_balance", "value": balance},
              {"event": "action", "name": "probation_form"}, {"event": "active_loop", "name": "probation_form"}]
    tracker = Tracker("t", {"current_balance": balance, "requested_slot": None},
                      {"text": text, "intent": {"name": "ask_probation"}, "entities": entities}, events, False, None,
                      {"name": "probation_form"}, "probation_form")
    slots, reply = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["current_balance"] is None
    assert f"Un permis compte au plus 12 points : {balance} n'est pas possible." in reply
