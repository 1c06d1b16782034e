"""When the points are withdrawn (R2) and a retrait still to be recorded (R18), as outside testers asked them.

The testers' bot said « today » was 1 December 2026: these tests pin that day."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback, forms
from actions.slot_values import NOT_PAID
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run


pytestmark = pytest.mark.usefixtures("first_of_december")


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def said(text, intent, slots=None, **kwargs):
    """The message as the server sends it to an action: its entities, and the slots its mappings filled."""
    from datetime import date

    from bot.nlu.fact_parsing import extract_facts
    entities = [{"entity": f.entity, "value": f.value, **({"role": f.role} if f.role else {})}
                for f in extract_facts(text, date(2026, 12, 1))]
    return make_tracker(intent=intent, text=text, entities=entities, slots=slots or {}, **kwargs)


# --- 1. R2: when are the points withdrawn?

TITRE = "quand est ce qu'on perd les points si on paye pas … titre executoire le 5 mai 2026"


@pytest.mark.parametrize("intent", ["ask_retrait_timing", "ask_auto_recovery"])
def test_a_titre_executoire_withdraws_the_points_that_day_and_starts_the_clock(intent, domain):
    # R2 example 2: the fine never paid, the titre exécutoire of the majorée on 5 May 2026 establishes the offence
    action = answers.ActionAnswerRetraitTiming() if intent == "ask_retrait_timing" else \
        answers.ActionAnswerAutoRecovery()
    events, answer = run(action, said(TITRE, intent, slots={"fine_payment_date": "2026-05-05"}), domain)
    assert answer.startswith("Les points de cette infraction sont retirés de plein droit à la date du 5 mai 2026, "
                             "le jour de l'émission du titre exécutoire de l'amende forfaitaire majorée")
    assert "partent de ce même jour, le 5 mai 2026" in answer and "5 mai 2029" in answer
    assert "Combien de points" not in answer
    assert slots_of(events)["last_question"] == "action_answer_retrait_timing"


def test_the_recovery_form_asks_nothing_for_a_question_on_when_points_are_withdrawn(domain):
    tracker = said(TITRE, "ask_auto_recovery", form="auto_recovery_form",
                   new_slots={"fine_payment_date": "2026-05-05"})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert slots_of(events).get("requested_slot") is None
    assert not dispatcher.messages  # no "Combien de points votre dernière infraction…", no rule in brief


def test_a_titre_executoire_date_answers_the_payment_question_of_the_recovery_form(domain):
    # "titre exécutoire le 05/05/2026" to "À quelle date avez-vous payé l'amende ?": the retrait's date (R2)
    text = "titre exécutoire le 05/05/2026"
    assert {"entity": "date", "value": "2026-05-05", "role": "payment"} in [
        {k: e[k] for k in ("entity", "value", "role") if k in e} for e in parsed(text)]
    tracker = make_tracker(slots={"last_offence_points": 4, "offence_class": "c4"}, new_slots={
        "fine_payment_date": "2026-05-05"}, requested_slot="fine_payment_date", form="auto_recovery_form",
        text=text, entities=parsed(text))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert slots_of(events)["fine_payment_date"] == "2026-05-05" and slots_of(events)["requested_slot"] is None
    _, answer = run(answers.ActionAnswerAutoRecovery(), make_tracker(
        slots={"last_offence_points": 4, "offence_class": "c4", "fine_payment_date": "2026-05-05"},
        intent="inform", text=text, entities=parsed(text)), domain)
    assert "5 mai 2029" in answer  # 3 years from the titre exécutoire for a 4e class (R9)


def test_contesting_holds_the_retrait_even_when_the_nlu_is_unsure():
    # read nlu_fallback by the testers' bot: "Je n'ai pas bien compris"
    text = "a partir de quand les points sont retirés quand on conteste ?"
    tracker = said(text, "nlu_fallback")
    events, answer = run(fallback.ActionSuggestQuestions(), tracker)
    assert answer.startswith("Tant que l'infraction est contestée, aucun point n'est retiré")
    assert "le jour où la condamnation deviendra définitive" in answer
    assert "Je n'ai pas bien compris" not in answer


@pytest.mark.parametrize("intent", ["ask_offence_points", "nlu_fallback", "ask_retrait_timing"])
def test_a_stop_not_paid_yet_has_not_withdrawn_its_points(intent, domain):
    # R2 example 4: a week after the stop, not paid: nothing withdrawn yet, 4 points when paid
    text = "PV pour stop il y a une semaine, pas encore payé, mes points sont déjà retirés ?"
    tracker = said(text, intent, slots={"offence_type": "stop_sign"})
    action = {"ask_offence_points": answers.ActionAnswerOffencePoints(), "nlu_fallback": fallback.ActionSuggestQuestions(),
              "ask_retrait_timing": answers.ActionAnswerRetraitTiming()}[intent]
    _, answer = run(action, tracker, domain)
    assert answer.startswith("Pas encore : tant que l'amende n'est pas payée, aucun point n'est retiré, même si "
                             "l'infraction date du 24 novembre 2026.")
    assert "Les 4 points de cette infraction seront retirés le jour du paiement" in answer


def test_the_offence_form_asks_nothing_when_the_question_is_when_points_go(domain):
    text = "a partir de quand les points sont retirés quand on conteste ?"
    tracker = said(text, "ask_offence_points", form="offence_points_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateOffencePointsForm().run(dispatcher, tracker, domain))
    assert slots_of(events).get("requested_slot") is None


def test_points_go_on_payment_not_on_the_day_of_the_offence(domain):
    text = "on perd les points le jour de l'infraction ou quand on paye ?"
    _, answer = run(answers.ActionAnswerAutoRecovery(), said(text, "ask_auto_recovery"), domain)
    assert answer.startswith("Les points ne sont retirés ni le jour de l'infraction, ni à la remise de l'avis")
    assert "le paiement de l'amende forfaitaire" in answer and "titre exécutoire" in answer


@pytest.mark.parametrize("text", [
    "j'ai eu une prune lundi, mes points c'est déjà parti ou pas ?",
    "mes points sont décomptés dès le contrôle ?",
    "quand est-ce que je vais perdre mes 4 points ?",
    "les points sont retirés quand ?",
])
def test_ways_of_asking_when_points_go(text):
    from actions.retrait_timing import asks_when_withdrawn
    assert asks_when_withdrawn(make_tracker(text=text))


@pytest.mark.parametrize("text", [
    "quand est-ce que je récupère mes points perdus ?",
    "j'ai perdu 3 points en mars, ils reviennent quand ?",
    "combien de points je perds pour un feu rouge ?",
    "j'ai perdu 4 points le 3 mars pour un stop",
    "il est déjà parti au travail, il me dira son solde ce soir",
])
def test_recovery_and_offence_questions_are_not_read_as_when_points_go(text):
    from actions.retrait_timing import asks_when_withdrawn
    assert not asks_when_withdrawn(make_tracker(text=text))


def test_a_retrait_timing_question_in_the_middle_of_a_form_is_answered_then_the_form_goes_on(domain):
    tracker = make_tracker(intent="ask_retrait_timing", text="au fait, les points sont retirés quand exactement ?",
                           requested_slot="last_offence_points", form="auto_recovery_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert dispatcher.messages[0]["text"].startswith("Les points ne sont retirés ni le jour de l'infraction")
    assert slots_of(events)["requested_slot"] == "last_offence_points"


def test_a_fine_not_paid_with_the_balance_known_says_what_the_retrait_will_leave(domain):
    text = "il me reste 3 points, PV pour un stop pas encore payé, les points sont retirés quand ?"
    _, answer = run(answers.ActionAnswerRetraitTiming(), said(text, "ask_retrait_timing"), domain)
    assert answer.startswith("Pas encore")
    # R18: 3 - 4 = -1, a stage completed before the 48SI is notified saves the licence
    assert "solde calculé est de -1" in answer and "solde 3 points" in answer


# --- 2. R18: a stage before or after a retrait still to be recorded

PAID_NOT_RECORDED = ("j'ai 10 points, je viens de payer une amende de 4 points le 28/11/2026 (pas encore "
                     "enregistré), je fais le stage maintenant ou j'attends ?")


def test_a_stage_now_or_after_a_fine_paid_but_not_recorded(domain):
    # R18 example 1: a stage now gives 12 then 8; after the record 6 + 4 = 10: better wait
    tracker = said(PAID_NOT_RECORDED, "ask_stage_eligibility", slots={
        "current_balance": 10, "last_offence_points": 4, "fine_payment_date": "2026-11-28",
        "previous_stage_date": "none"})
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Mieux vaut attendre que le retrait de 4 points soit enregistré avant de faire le stage")
    assert "de 6 à 10 points" in answer and "au lieu de finir à 8 points" in answer
    assert "de 10 à 12 points" in answer and "solde final 8 points" in answer
    assert "dès maintenant" not in answer


@pytest.mark.parametrize("intent,action", [("ask_zero_points", answers.ActionAnswerZeroPoints()),
                                            ("nlu_fallback", fallback.ActionSuggestQuestions())])
def test_a_stage_timing_question_read_as_another_topic_goes_to_the_stage_question(intent, action, domain):
    # read ask_zero_points by the testers' bot, which then explained the invalidation
    tracker = said(PAID_NOT_RECORDED, intent, slots={
        "current_balance": 10, "last_offence_points": 4, "fine_payment_date": "2026-11-28"})
    events, answer = run(action, tracker, domain)
    assert {"event": "followup", "name": "stage_eligibility_form", "timestamp": None} in events
    assert answer == ""


def test_a_phone_fine_not_paid_is_counted_before_a_stage(domain):
    # 9 points before the phone fine (3 points, not paid): pay and let it be recorded first, 6 + 4 = 10; a stage
    # first gives 12, then 9 (R18)
    text = "amende pour téléphone, 9 points avant… je fais le stage avant ou après avoir payé ?"
    tracker = said(text, "ask_stage_eligibility", slots={"current_balance": 9, "offence_type": "phone",
                                                         "previous_stage_date": "none"})
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Mieux vaut attendre que le retrait de 3 points soit enregistré")
    assert "de 6 à 10 points" in answer and "au lieu de finir à 9 points" in answer and "de 9 à 12 points" in answer


def test_the_phone_fine_not_paid_is_still_counted_after_the_form_asked_the_last_stage(domain):
    # the form asks the last stage first: the answer comes after "aucun", the fine was said not paid before
    text = "amende pour téléphone, 9 points avant… je fais le stage avant ou après avoir payé ?"
    history = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_stage_eligibility"},
                                                               "entities": parsed(text)}}]
    tracker = make_tracker(slots={"current_balance": 9, "offence_type": "phone", "previous_stage_date": "none"},
                           intent="inform", text="aucun", history=history)
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith("Mieux vaut attendre que le retrait de 3 points soit enregistré")
    assert "dès maintenant" not in answer


def test_the_phone_fine_question_read_with_too_little_confidence_goes_to_the_stage_question(domain):
    text = "amende pour téléphone, 9 points avant… je fais le stage avant ou après avoir payé ?"
    tracker = said(text, "nlu_fallback", slots={"current_balance": 9, "offence_type": "phone"})
    events, _ = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert {"event": "followup", "name": "stage_eligibility_form", "timestamp": None} in events


# --- 3. probation, a 6-point offence not paid yet: no loop on the payment date

PROBATION = {"licence_date": "2025-04", "supervised_driving": False, "complementary_training": False,
             "probation_offence": True, "offence_type": "pedestrian_priority", "offence_date": "2026-11-20",
             "last_offence_points": 6, "offence_class": "c4"}


@pytest.mark.parametrize("answer_text", ["pas encore payé", "je l'ai pas payé", "non"])
def test_not_paid_yet_to_the_payment_question_ends_the_probation_form(answer_text, domain):
    tracker = make_tracker(slots=PROBATION, requested_slot="fine_payment_date", form="probation_form",
                           intent="deny", text=answer_text, entities=parsed(answer_text))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    assert slots_of(events)["fine_payment_date"] == NOT_PAID
    assert slots_of(events)["requested_slot"] is None  # not asked again
    assert [m["text"] for m in dispatcher.messages] == [forms.NOT_PAID_YET_REPLY]


def test_a_probationary_offence_not_paid_gives_the_balance_it_will_leave(domain):
    # licence of April 2025 (ceiling 8), pedestrian (6 points) not paid: 8 now, 2 once paid, a 48N follows
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots={**PROBATION, "fine_payment_date": NOT_PAID},
                                                                  text="non"), domain)
    assert answer.startswith("Votre solde est aujourd'hui de 8 points : l'infraction du 20 novembre 2026 ne retire "
                             "rien tant qu'elle n'est pas établie")
    assert "Ensuite, 6 points seront retirés et votre solde passera à 2 points" in answer
    assert "lettre 48N" in answer
    assert "À quelle date avez-vous payé" not in answer


def test_a_probationary_offence_not_paid_that_takes_every_point_says_how_to_save_the_licence(domain):
    # year 1 (ceiling 6): 6 - 6 = 0, a 48SI follows; a stage after the retrait decision and before the 48SI saves
    # the licence with 4 points (R18 example 3, R20)
    slots = {**PROBATION, "licence_date": "2026-03", "fine_payment_date": NOT_PAID}
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots=slots, text="pas encore payé"), domain)
    assert answer.startswith("Si l'infraction du 20 novembre 2026 aboutit à un retrait, votre solde tombera à 0 point")
    assert "48SI" in answer and "0 + 4 = 4 points" in answer


def test_a_fine_said_not_paid_when_the_question_opens_is_not_asked(domain):
    text = ("je suis jeune conducteur, permis depuis avril 2025, j'ai refusé la priorité à un piéton, ça fait combien "
            "de points ? je l'ai pas encore payé")
    tracker = make_tracker(slots={"supervised_driving": False, "complementary_training": False,
                                  "offence_date": "2026-11-20"},
                           new_slots={"licence_date": "2025-04", "offence_type": "pedestrian_priority"},
                           intent="ask_probation", text=text, entities=parsed(text), form="probation_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    assert slots_of(events)["fine_payment_date"] == NOT_PAID
    assert slots_of(events)["requested_slot"] is None


def test_not_paid_yet_in_the_recovery_form_answers_when_the_points_will_go(domain):
    tracker = make_tracker(slots={"last_offence_points": 3, "offence_class": "c4"}, requested_slot="fine_payment_date",
                           form="auto_recovery_form", intent="deny", text="pas encore payée")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    assert slots_of(events)["requested_slot"] is None
    _, answer = run(answers.ActionAnswerAutoRecovery(), make_tracker(
        slots={"last_offence_points": 3, "offence_class": "c4", "fine_payment_date": NOT_PAID}, text="pas encore payée"),
        domain)
    assert answer.startswith("Pas encore : tant que l'amende n'est pas payée, aucun point n'est retiré.")
    assert "Les 3 points de cette infraction seront retirés le jour du paiement" in answer
    assert "ne courent pas encore" in answer


def test_not_paid_yet_said_after_an_offence_answer_says_when_its_points_will_go(domain):
    # "jeune permis, grillé un piéton, combien de points ?" answered (6 points), then "je l'ai pas encore payé":
    # nothing withdrawn yet, the 6 points go on payment (R2 example 4), not "Quelle est votre question ?"
    from actions import corrections
    history = [{"event": "slot", "name": "offence_type", "value": "pedestrian_priority"},
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "slot", "name": "offence_type", "value": None}]
    tracker = make_tracker(intent="deny", text="je l'ai pas encore payé", history=history)
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("Pas encore : tant que l'amende n'est pas payée, aucun point n'est retiré.")
    assert "Les 6 points de cette infraction seront retirés le jour du paiement" in answer
