"""R16: the 48N stage and a fine not paid (example 2): nothing to refund, the recovery is stopped; one answer, the
15-day request cited as service-public's guidance [U], not R.223-8 (outside tester, 2026-12)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

CONTRADICTIONS = ("est remboursée", "vous sera remboursée", "RIB", "perte du remboursement",
                  "n'est en principe pas remboursée", "R.223-8")


@pytest.mark.parametrize("text", [
    "je n'ai pas payé l'amende, un titre exécutoire de 375 € a été émis, j'ai reçu la 48N : je dois envoyer quoi "
    "après le stage ?",
    "amende jamais payée, passée en majorée, c'est quoi la procédure pour le remboursement avec la 48N ?",
])
def test_the_procedure_for_a_fine_not_paid_says_recovery_stopped_only(domain, text):
    _, answer = run(answers.ActionAnswerRefund48n(), told(domain, text, "ask_refund_48n"), domain)
    assert answer.startswith("L'amende n'ayant pas été payée, il n'y a rien à vous rembourser"), answer
    assert "son recouvrement est arrêté" in answer and "demande d'arrêt du recouvrement" in answer
    assert "(service-public.fr, fiche F14208 ; à vérifier)" in answer
    assert not [c for c in CONTRADICTIONS if c in answer]


@pytest.mark.parametrize("text", [
    "amende jamais payée, titre exécutoire de 375 € émis le 1er décembre 2025, lettre 48N reçue le 10 décembre 2025, "
    "stage fait les 12 et 13 janvier 2026, je serai remboursé ?",
    "48N reçue le 2 octobre 2026, amende majorée 375 euros impayée, stage fait les 20 et 21 novembre 2026, "
    "remboursement possible ?",
])
@pytest.mark.parametrize("action, intent", [(answers.ActionAnswerRefund48n, "ask_refund_48n"),
                                            (answers.ActionAnswerMandatoryStage, "ask_mandatory_stage")])
def test_r16_example_2_the_stage_in_time_stops_the_recovery_in_one_answer(domain, text, action, intent):
    _, answer = run(action(), told(domain, text, intent), domain)
    assert "rien à vous rembourser" in answer or "rien à rembourser" in answer, answer
    assert "recouvrement" in answer
    assert not [c for c in CONTRADICTIONS if c in answer]


def test_the_refund_question_after_the_48n_date_for_a_fine_not_paid(domain):
    # "et je serai remboursé ?" once the 48N's date is known, no stage yet: the recovery is stopped if the stage is
    # done by the deadline; missed, it is not (R15, R16 ex. 2)
    from tests.actions.conftest import user_said
    story = "j'ai pas payé l'amende, elle est passée en majorée"
    tracker = make_tracker(slots={"letter_48n_date": "2026-11-10"}, intent="ask_refund_48n",
                           text="et je serai remboursé ?", history=[user_said(story, "inform")])
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert answer.startswith("L'amende n'ayant pas été payée, il n'y a rien à vous rembourser"), answer
    assert "10 mars 2027" in answer and "le recouvrement de l'amende de l'infraction ne sera pas arrêté" in answer
    assert not [c for c in CONTRADICTIONS if c in answer]


def test_when_to_send_the_recovery_stop_request_after_the_answer(domain):
    # R16 ex. 2: 48N received 31 October 2026, fine majorée, stage 20-21 November: "faut l'envoyer quand ?" gives the
    # request's date from the answer (15 days after the stage, service-public), worded for the recovery
    from rasa_sdk.executor import CollectingDispatcher
    from tests.actions.conftest import user_said
    slots = {"letter_48n_date": "2026-10-31", "stage_first_day": "2026-11-20"}
    story = user_said("amende jamais payée, passée en majorée", "inform")
    tracker = make_tracker(slots=slots, intent="ask_refund_48n", text="je serai remboursé ?", history=[story])
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert "la demande d'arrêt du recouvrement rapidement, au plus tard le 6 décembre 2026" in answer, answer
    history = [*tracker.events, {"event": "action", "name": "action_answer_refund_48n"},
               {"event": "bot", "text": answer},
               {"event": "slot", "name": "last_question", "value": "action_answer_refund_48n"}]
    then = make_tracker(slots=slots, intent="ask_refund_48n", text="faut l'envoyer quand le dossier ?",
                        history=history)
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerRefund48n().run(dispatcher, then, domain)
    [reply] = [m["text"] for m in dispatcher.messages]
    assert reply.startswith("Envoyez la demande d'arrêt du recouvrement rapidement, au plus tard le 6 décembre 2026")
