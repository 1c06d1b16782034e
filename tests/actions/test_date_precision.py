"""Dates known only partly (a month, a year, a duration counted back from today) are never shown as exact days
(T6 r055 and the outside testers of 2026-12-01): the answer says the safe day it counted, or asks for the day when
it changes the answer."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import run, told

DEC_1 = "2026-12-01"
NO_OFFENCE = {"supervised_driving": False, "complementary_training": False, "probation_offence": False}


def validate(domain, form, slot, text, form_name):
    entities = parsed(text, DEC_1)
    value = next(e["value"] for e in entities if e["entity"] == "date")
    tracker = make_tracker(new_slots={slot: value}, requested_slot=slot, form=form_name, text=text,
                           entities=entities)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(form.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, [m.get("text") for m in
                                                                                  dispatcher.messages]


# --- a year only: no made-up 31 December

@pytest.mark.parametrize("text", ["permis depuis 2012, je suis encore en probatoire ?",
                                  "j'ai le permis depuis 2012, c'est fini le probatoire ?",
                                  "mon permis date de 2012, toujours probatoire ?"])
def test_a_licence_known_by_its_year_ends_its_probation_in_a_year_not_on_a_day(domain, first_of_december, text):
    _, answer = run(answers.ActionAnswerProbation(), told(domain, text, "ask_probation", today=DEC_1), domain)
    assert "terminée depuis 2015 (au plus tard fin 2015)" in answer
    assert "31 décembre 2015" not in answer


# --- a month only: the safe day, said as such

@pytest.mark.parametrize("text", ["j'ai payé l'amende en juillet, quand est-ce que les points seront retirés ?",
                                  "amende réglée en juillet, les points sont retirés quand ?"])
def test_a_payment_told_by_its_month_says_the_day_counted_is_the_latest(domain, first_of_december, text):
    tracker = told(domain, text, "ask_retrait_timing", today=DEC_1)
    _, answer = run(answers.ActionAnswerRetraitTiming(), tracker, domain)
    assert "31 juillet 2026" in answer
    assert "Vous avez indiqué juillet 2026 pour le paiement : j'ai compté le 31 juillet 2026, au plus tard" in answer
    assert "Donnez-moi ce jour pour des dates précises" in answer
    assert "Fichier national des permis de conduire fait foi" not in answer


def test_retraits_told_by_their_month_say_the_days_counted(domain, first_of_december):
    text = "j'avais 12 points, perdu 3 points en mai et 1 point en juillet, il m'en reste combien ?"
    _, answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance", today=DEC_1), domain)
    assert "Solde aujourd'hui : 8 points" in answer
    assert "Vous avez indiqué mai 2026 pour le retrait de 3 points : j'ai retenu le 31 mai 2026" in answer
    assert "Vous avez indiqué juillet 2026 pour le retrait de 1 point : j'ai retenu le 31 juillet 2026" in answer


@pytest.mark.parametrize("text", ["j'ai reçu la 48N en juillet, jusqu'à quand pour le stage ?",
                                  "lettre 48N reçue en juillet, j'ai jusqu'à quand ?"])
def test_a_48n_received_in_a_month_says_the_day_counted(domain, first_of_december, text):
    tracker = told(domain, text, "ask_mandatory_stage", slots={"letter_code": "48N", "letter_48n_date": "2026-07"},
                   today=DEC_1)
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "Vous avez indiqué juillet 2026 pour la réception de la lettre 48N : j'ai retenu le 1er juillet 2026" in answer


# --- a duration counted back from today: "vers le …", and asked near a boundary

@pytest.mark.parametrize("text, day", [
    ("j'ai eu mon permis il y a huit mois, j'ai combien de points ?", "1er avril 2026"),
    ("permis obtenu il y a 8 mois, combien de points ?", "1er avril 2026"),
    ("j'ai le permis depuis 18 mois, j'ai combien de points ?", "1er juin 2025"),
])
def test_a_licence_day_counted_back_from_today_is_said_approximate(domain, first_of_december, text, day):
    _, answer = run(answers.ActionAnswerProbation(), told(domain, text, "ask_probation", slots=NO_OFFENCE, today=DEC_1),
                    domain)
    assert f"j'ai compté à partir du {day} environ" in answer and f"(vers le {day}, à quelques jours près)" in answer
    assert "Donnez-moi la date exacte" in answer


@pytest.mark.parametrize("text", ["j'ai le permis depuis 2 ans", "ça fait un an que j'ai le permis",
                                  "permis obtenu il y a 3 ans"])
def test_a_licence_counted_back_to_near_an_anniversary_is_asked_exactly(domain, first_of_december, text):
    slots, messages = validate(domain, forms.ValidateProbationForm(), "licence_date", text, "probation_form")
    assert slots["licence_date"] is None and slots["requested_slot"] == "licence_date"
    assert "c'est vers le 1er décembre" in messages[0] and "Quelle est la date exacte d'obtention" in messages[0]


@pytest.mark.parametrize("text", ["j'ai eu mon permis il y a huit mois", "permis depuis 18 mois"])
def test_a_licence_counted_back_far_from_an_anniversary_is_kept(domain, first_of_december, text):
    slots, messages = validate(domain, forms.ValidateProbationForm(), "licence_date", text, "probation_form")
    assert slots["licence_date"] is not None and messages == []


@pytest.mark.parametrize("text", ["j'ai payé l'amende il y a 6 mois", "payée il y a deux ans",
                                  "ça fait 3 ans que je l'ai réglée"])
def test_a_payment_counted_back_to_near_a_recovery_delay_is_asked_to_the_day(domain, first_of_december, text):
    # a point back after 6 months, all after 2 or 3 years (R8, R9): the day decides whether it is today or not
    slots, messages = validate(domain, forms.ValidateAutoRecoveryForm(), "fine_payment_date", text, "auto_recovery_form")
    assert slots["fine_payment_date"] is None
    assert messages[0].startswith("J'ai besoin du jour exact (« ") and "soit vers le" in messages[0]
    assert "Quelle est la date du paiement de l'amende ?" in messages[0]


def test_a_payment_counted_back_far_from_a_delay_s_end_or_to_the_day_is_kept(domain, first_of_december):
    for text in ("j'ai payé l'amende hier", "payée il y a 3 jours", "payée il y a deux mois", "réglée il y a 4 mois"):
        slots, messages = validate(domain, forms.ValidateAutoRecoveryForm(), "fine_payment_date", text, "auto_recovery_form")
        assert slots["fine_payment_date"] is not None and messages == [], text


# --- a 48N announced for a day to come: a plan, not an impossible date (R15)

@pytest.mark.parametrize("text", ["je recevrai la 48N le 10", "je vais recevoir la lettre 48N le 10 décembre",
                                  "la 48N, je vais la recevoir le 10 décembre", "la 48N doit arriver le 10 décembre"])
def test_a_48n_to_come_on_a_day_is_kept_and_its_deadline_said_to_come(domain, first_of_december, text):
    slots, messages = validate(domain, forms.ValidateMandatoryStageForm(), "letter_48n_date", text,
                               "mandatory_stage_form")
    assert slots["letter_48n_date"] == "2026-12-10" and messages == []
    tracker = make_tracker(slots={"letter_code": "48N", "letter_48n_date": "2026-12-10"}, text=text,
                           entities=parsed(text, DEC_1))
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert answer.startswith("La lettre 48N n'est pas encore reçue : le délai du stage partira du jour de sa réception")
    assert "au plus tard le 10 avril 2027 (4 mois après la réception de la lettre 48N le 10 décembre 2026)" in answer
    assert "dans le futur" not in answer
    _, refund = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert "n'est pas encore reçue" in refund and "10 avril 2027" in refund


def test_a_48n_said_received_on_a_day_to_come_is_still_refused(domain, first_of_december):
    slots, messages = validate(domain, forms.ValidateMandatoryStageForm(), "letter_48n_date",
                               "je l'ai reçue le 10/12/2026", "mandatory_stage_form")
    assert slots["letter_48n_date"] is None and "dans le futur" in messages[0]


def test_a_48n_received_roughly_four_months_ago_is_asked_to_the_day(domain, first_of_december):
    # the stage's deadline, 4 months after receipt (R15), falls about today
    slots, messages = validate(domain, forms.ValidateMandatoryStageForm(), "letter_48n_date",
                               "je l'ai reçue il y a 4 mois", "mandatory_stage_form")
    assert slots["letter_48n_date"] is None and "Quelle est la date de réception de la lettre 48N ?" in messages[0]


# --- when the points are withdrawn, for a probationary licence: R7 and R15 follow (testers)

@pytest.mark.parametrize("text, slots, letter", [
    ("permis probatoire depuis mars 2025, feu rouge payé le 20 novembre, quand est-ce que les points seront retirés ?",
     {}, "entraîne une lettre 48N"),
    ("j'ai eu mon permis en mars 2025, téléphone au volant, pas encore payé, quand est-ce que je perds les points ?",
     {}, "entraîne une lettre 48N"),
    ("jeune conducteur, j'ai eu un excès de vitesse de 25 km/h, les points sont retirés quand ?",
     {"licence_date": "2025-03-10"}, "n'entraîne pas de lettre 48N"),
])
def test_when_the_points_go_on_a_probationary_licence_says_the_frozen_ceiling_and_the_48n(
        domain, first_of_december, text, slots, letter):
    tracker = told(domain, text, "ask_retrait_timing", slots=slots, today=DEC_1)
    _, answer = run(answers.ActionAnswerRetraitTiming(), tracker, domain)
    assert "retiré" in answer.split("\n")[0]
    assert "En période probatoire, cette infraction arrête les majorations" in answer
    assert "la récupération totale après 2 ou 3 ans ne joue pas pendant la période" in answer
    assert letter in answer
    assert "tous les points reviennent le" not in answer


def test_when_the_points_go_on_a_licence_out_of_probation_says_no_probation(domain, first_of_december):
    text = "permis depuis 2010, feu rouge payé le 20 novembre, quand est-ce que les points seront retirés ?"
    _, answer = run(answers.ActionAnswerRetraitTiming(), told(domain, text, "ask_retrait_timing", today=DEC_1), domain)
    assert "tous les points reviennent le 20 novembre 2029" in answer
    assert "probatoire" not in answer and "48N" not in answer
