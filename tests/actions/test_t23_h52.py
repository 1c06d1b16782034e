"""Outside testers T23/T24 on balances and points (h52; BOT_TODAY pinned to 1 December 2026)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T23 c34: the 48N's stage done after the letter is the compulsory one, done: "quand peut-il refaire un stage ?"
# is R13's question (one year from that stage), not refused as "le stage précédent ne peut pas être dans le futur" --

@pytest.mark.parametrize("text", [
    "Un élève a eu son permis le 14 février 2023. Il a reçu une 48N le 20 septembre 2025, il a fait son stage les 10 "
    "et 11 janvier 2026. Il avait 4 points après le retrait. Combien a-t-il maintenant et quand peut-il refaire un "
    "stage ?",
    "j'ai reçu une lettre 48N le 2 octobre 2025, j'ai fait le stage le 20 janvier 2026, j'avais 5 points avant, "
    "quand je peux refaire un stage ?",
])
def test_the_compulsory_stage_done_counts_as_the_previous_stage(domain, text):
    tracker = told(domain, text, "ask_stage_eligibility", today="2026-12-01")
    answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "ne peut pas être dans le futur" not in answer, answer
    assert "rendra des points qu'à partir du" in answer and " 2027 (un an de date à date après le stage du " in answer
    assert "a rendu" in answer and "solde est passé de" in answer, answer


# --- T23 c09: "j'ai perdu 6 points … le mois dernier", then "du coup il me reste 6 ?": the balance asked back is
# today's, after that loss; the stage is credited on it, the retrait not subtracted a second time (R2, R12) -------

@pytest.mark.parametrize("loss, asked", [
    ("jsuis vener jai perdu 6 points pour alcool au volant 0,6 g le mois dernier",
     "du coup il me reste 6 ? je peux faire un stage pr en recup ?"),
    ("j'ai perdu 4 points pour un feu rouge il y a 3 semaines", "donc il me reste 8, je peux faire un stage ?"),
])
def test_a_balance_asked_back_after_a_loss_is_todays(domain, loss, asked):
    from tests.actions.conftest import make_tracker, parsed
    history = [{"event": "user", "text": loss,
                "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": parsed(loss, "2026-12-01")}}]
    entities = parsed(asked, "2026-12-01")
    balance = [e["value"] for e in entities if e["entity"] == "points"][0]
    tracker = make_tracker(slots={"last_offence_points": 12 - balance, "offence_class": "c4",
                                  "previous_stage_date": "none"},
                           new_slots={"current_balance": balance}, intent="ask_stage_eligibility", text=asked,
                           entities=entities, history=history)
    answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert f"solde passerait de {balance} à {balance + 4} points" in answer, answer
    assert "solde final" not in answer and "pas encore enregistré" not in answer

