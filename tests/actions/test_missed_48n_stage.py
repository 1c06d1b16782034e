"""What a probationary driver risks when the 48N stage is not done within 4 months (R15 example 2, R.223-4): a 4th
class contravention (135 €, up to 750 €), a suspension of up to 3 years, no refund. Asked in the spec's words (one
story the NLU is unsure of) or as a short "je risque quoi ?" after an answer on the 48N."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.fallback import ActionSuggestQuestions
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_probation_facts import mapped_slots, run

SANCTION = ("Le délai a expiré le 14 mars 2026", "contravention de 4e classe", "135 €", "750 €", "3 ans",
            "ne sera pas remboursée", "R.223-4")


pytestmark = pytest.mark.usefixtures("first_of_december")


@pytest.mark.parametrize("text", [
    # R15 example 2 as the spec tells it
    "Permis obtenu le 1er février 2025. Téléphone au volant le 10 septembre 2025, payé le 25 septembre 2025. Lettre "
    "48N reçue le 14 novembre 2025, je n'ai pas fait le stage. Je risque quoi ?",
    "J'ai eu mon permis en février 2025 et j'ai perdu 3 points pour le téléphone en septembre. La 48N est arrivée le "
    "14 novembre 2025 mais je n'ai jamais fait le stage obligatoire. Qu'est-ce que je risque maintenant ?",
    "Bonjour, jeune conducteur, j'ai signé la lettre 48N le 14/11/2025 et avec le travail je n'ai pas pu faire le "
    "stage. C'est grave ? Quelles sanctions ?",
])
def test_a_story_the_nlu_is_unsure_of_asking_the_risk_gets_the_sanction(domain, text):
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "inform", "confidence": 0.48},
               {"name": "ask_mandatory_stage", "confidence": 0.43}, {"name": "ask_offence_points", "confidence": 0.05}]
    slots = mapped_slots(domain, text, "nlu_fallback")
    assert slots["letter_48n_date"] == "2025-11-14"
    tracker = make_tracker(new_slots=slots, intent="nlu_fallback", text=text, entities=parsed(text))
    tracker.latest_message["intent_ranking"] = ranking
    dispatcher = CollectingDispatcher()
    events = ActionSuggestQuestions().run(dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "mandatory_stage_form", "timestamp": None}]
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        slots=slots, intent="nlu_fallback", text=text, entities=parsed(text)), domain)
    assert all(part in answer for part in SANCTION), answer


@pytest.mark.parametrize("question", ["je risque quoi ?", "et qu'est-ce que je risque ?", "c'est grave ?",
                                      "quelles sanctions ?"])
def test_je_risque_quoi_after_the_48n_letter_s_answer_gets_the_sanction(domain, question):
    # the letter's answer gave its deadline; "je risque quoi ?" read as an offence's question: the missed stage's
    told = "j'ai reçu une 48N le 14 novembre 2025"
    tracker = make_tracker(
        slots={"letter_48n_date": "2025-11-14", "letter_code": "48N", "last_question": "action_answer_letter"},
        intent="ask_offence_points", text=question, entities=parsed(question),
        history=[user_said(told, "ask_letter"), {"event": "action", "name": "action_answer_letter"},
                 {"event": "bot", "text": "La lettre 48N (recommandée avec avis de réception) vous oblige, en période "
                                          "probatoire, à suivre un stage dans les 4 mois après sa réception, soit au "
                                          "plus tard le 14 mars 2026 (article R.223-4 du Code de la route)."}])
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert all(part in answer for part in SANCTION), answer
    assert "Quelle infraction" not in answer


def test_je_risque_quoi_before_the_deadline_gets_what_happens_without_the_stage(domain):
    # 48N received 10/11/2026: deadline 10/03/2027, not past: the mandatory stage's answer said what happens without it
    answer_text = ("Vous devez terminer le stage obligatoire au plus tard le 10 mars 2027 (4 mois après la réception "
                   "de la lettre 48N le 10 novembre 2026) (article R.223-4 du Code de la route).\n- Sans stage terminé "
                   "le 10 mars 2027 : contravention de 4e classe (135 €, jusqu'à 750 €), suspension possible du permis "
                   "jusqu'à 3 ans, et l'amende de l'infraction ne sera pas remboursée (article R.223-4 du Code de la "
                   "route).")
    tracker = make_tracker(
        slots={"letter_48n_date": "2026-11-10", "last_question": "action_answer_mandatory_stage"},
        intent="ask_offence_points", text="je risque quoi ?", entities=[],
        history=[user_said("48N reçue le 10/11/2026, délai pour le stage ?", "ask_mandatory_stage"),
                 {"event": "action", "name": "action_answer_mandatory_stage"}, {"event": "bot", "text": answer_text}])
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert answer.startswith("Sans stage terminé le 10 mars 2027 : contravention de 4e classe (135 €"), answer


def test_je_risque_quoi_about_an_offence_is_still_the_offence_s_question(domain):
    # no 48N in the conversation: "je risque quoi ?" after the balance is not the 48N's sanction
    tracker = make_tracker(
        slots={"last_question": "action_answer_check_balance", "current_balance": 8},
        intent="ask_offence_points", text="je risque quoi ?", entities=[],
        history=[user_said("j'ai combien de points ?", "ask_check_balance"),
                 {"event": "action", "name": "action_answer_check_balance"},
                 {"event": "bot", "text": "Votre solde est aujourd'hui de 8 points."}])
    from actions.follow_ups import answer_in_context
    assert answer_in_context(tracker) is None
