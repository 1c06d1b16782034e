"""The 48N stage's points said with its refund and with the obligation met, when the facts told give the balance before
it (R12, R15 example 1, R16; tester: the refund answer had no points)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")

CREDIT_R15_EX1 = ("Le stage des 12 et 13 janvier 2026 vous a rendu 3 points le 14 janvier 2026 : votre solde est passé "
                  "de 3 à 6 points, car un stage ne fait pas dépasser le plafond du permis (6 points ce jour-là)")


# R15 example 1: licence 2025-02-01, phone committed 2025-09-10 paid 2025-09-25 → 3/6; 48N received 2025-11-14,
# deadline 2026-03-14; stage 2026-01-12/13 → 6/6 on 2026-01-14 (year 1's ceiling), and the fine is refunded

@pytest.mark.parametrize("text", [
    # the tester's
    "permis le 1er février 2025, téléphone le 10 septembre 2025 payé le 25, 48N reçue le 14 novembre 2025, stage les "
    "12 et 13 janvier 2026. L'amende est remboursée ?",
    "J'ai eu mon permis le 1er février 2025. Le 10 septembre 2025 je me suis fait arrêter avec le téléphone à la main, "
    "j'ai payé l'amende le 25 septembre. J'ai reçu la lettre 48N le 14 novembre 2025 et j'ai fait le stage obligatoire "
    "les 12 et 13 janvier 2026. Est-ce que je vais être remboursé ?",
    "jeune permis depuis le 01/02/2025, tel au volant le 10/09/2025 (payé le 25/09/2025), recommandé 48N reçu le "
    "14/11/2025, stage fait les 12 et 13/01/2026 : on me rembourse l'amende ?",
])
def test_the_refund_answer_gives_the_48n_stage_s_points(domain, text):
    _, answer = run(answers.ActionAnswerRefund48n(), told(domain, text, "ask_refund_48n"), domain)
    first, second = answer.split("\n")[:2]
    assert first.startswith("L'amende payée vous est remboursée, car le stage a été fait avant le 14 mars 2026"), answer
    assert second.startswith("- " + CREDIT_R15_EX1), answer


def test_the_obligation_met_gives_the_stage_s_points_instead_of_up_to_4(domain):
    text = ("permis le 1er février 2025, téléphone le 10 septembre 2025 payé le 25, 48N reçue le 14 novembre 2025, "
            "stage les 12 et 13 janvier 2026, c'est bon pour le stage obligatoire ?")
    _, answer = run(answers.ActionAnswerMandatoryStage(), told(domain, text, "ask_mandatory_stage"), domain)
    assert answer.startswith("Obligation remplie : le stage s'est terminé le 13 janvier 2026, avant la date limite du "
                             "14 mars 2026")
    assert CREDIT_R15_EX1 in answer and "jusqu'à 4 points" not in answer


def test_a_48n_stage_to_come_will_give_its_points_within_the_ceiling_of_its_day(domain):
    # licence 2025-03-01 (year 2 from 2026-03-01: ceiling 8), red light (4 points) committed 2026-08-01 → 4/8;
    # stage 2026-12-14/15 → 8 on 2026-12-16, refunded (deadline 2027-02-05)
    text = ("Permis obtenu le 1er mars 2025. J'ai grillé un feu rouge le 1er août 2026, amende payée le 10 août. J'ai "
            "reçu la 48N le 5 octobre 2026 et je fais le stage les 14 et 15 décembre 2026 : est-ce que l'amende sera "
            "remboursée ?")
    _, answer = run(answers.ActionAnswerRefund48n(), told(domain, text, "ask_refund_48n"), domain)
    assert "avant la date limite du 5 février 2027, l'amende payée vous sera remboursée" in answer
    assert ("Le stage des 14 et 15 décembre 2026 vous rendra 4 points le 16 décembre 2026 : votre solde passera de 4 "
            "à 8 points") in answer


def test_the_offence_given_to_the_probation_form_counts_too(domain):
    # the same facts as answers to the probation form's questions, then "et l'amende, remboursée ?"
    tracker = make_tracker(
        intent="ask_refund_48n", text="et l'amende, elle est remboursée ?",
        slots={"licence_date": "2025-02-01", "supervised_driving": False, "complementary_training": False,
               "probation_offence": True, "offence_date": "2025-09-10", "last_offence_points": 3,
               "offence_class": "c4", "fine_payment_date": "2025-09-25", "letter_48n_date": "2025-11-14",
               "stage_first_day": "2026-01-12"})
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert CREDIT_R15_EX1 in answer


def test_without_the_licence_s_date_no_points_are_made_up(domain):
    text = "48N reçue le 14 novembre 2025, stage les 12 et 13 janvier 2026. L'amende est remboursée ?"
    _, answer = run(answers.ActionAnswerRefund48n(), told(domain, text, "ask_refund_48n"), domain)
    assert "vous est remboursée" in answer and "vous a rendu" not in answer


TWO_QUESTIONS = ("permis le 1er février 2025, téléphone le 10 septembre 2025 payé le 25, 48N reçue le 14 novembre "
                 "2025, stage les 12 et 13 janvier 2026. L'amende est remboursée ? et j'ai combien de points ?")


def test_after_the_balance_the_refund_is_answered_with_the_stage_s_date_told(domain):
    # the NLU was unsure: the story's last question, the balance, was answered (6/6), and the refund never was
    tracker = told(domain, TWO_QUESTIONS, "nlu_fallback")
    events, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert answer.startswith("Votre solde est aujourd'hui de 6 points sur 6")
    assert "12 points le 25 septembre 2028" in answer  # paid on 25 September 2025 (+3 years, 4e class)
    assert {"event": "followup", "timestamp": None, "name": "action_other_question"} in events
    # the refund's form, opened next, takes the stage told in that message instead of asking it
    tracker.active_loop = {"name": "refund_48n_form"}
    events = asyncio.run(forms.ValidateRefund48nForm().run(CollectingDispatcher(), tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "stage_first_day", "value": "2026-01-12"} in events
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None} in events
