"""Outside testers' findings T25 c34, T26 c01, c06, c21 and a 0-point offence in probation (h60; BOT_TODAY pinned to
1 December 2026)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_probation_facts import run

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- 3. a 0-point offence ("81 pour 80" since 2024, R4) is no offence with retrait: the probation answer does not say
# "Sans infraction depuis votre permis", and says the yearly increases go on (R7) ---------------------------------

@pytest.mark.parametrize("text, licence, balance", [
    ("j'ai mon permis depuis le 10 mars 2025, j'ai été flashé à 81 pour 80 en juin 2026, amende payée. combien j'ai "
     "de points ?", "2025-03-10", 8),
    ("permis le 2 février 2024, flashé à 52 pour 50 en mai 2026, j'ai combien de points ?", "2024-02-02", 10),
])
def test_a_pointless_offence_in_probation_is_not_said_no_offence(domain, text, licence, balance):
    entities = parsed(text, "2026-12-01")
    slots = {"licence_date": licence, "supervised_driving": False, "complementary_training": False,
             "probation_offence": False, "offence_type": "speeding",
             **{e["entity"]: e["value"] for e in entities if e["entity"] in ("speed_measured", "speed_limit")},
             "offence_date": next(e["value"] for e in entities if e["entity"] == "date")}
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(
        slots=slots, intent="ask_probation", text=text, entities=entities), domain)
    assert "Sans infraction depuis votre permis" not in answer, answer
    assert f"Aucune infraction ne vous a retiré de points depuis votre permis : votre solde est aujourd'hui de " \
           f"{balance} points" in answer, answer
    assert "n'arrête pas les majorations annuelles" in answer, answer


# --- 5. T26 c21: the balance walked is back at 12 (singles back, the 2022 + 3 years over before 2026): no "il
# retrouvera son maximum de points le 15 avril 2029" beside "Solde aujourd'hui : 12 points" (R1, R8, R9) ----------

def test_a_balance_back_at_the_maximum_has_no_full_date_to_come(domain):
    text = ("Ma mère (68 ans) a son permis depuis 1985. En 2016 elle a eu un téléphone (3 pts) payé le 2 mai 2016, et "
            "depuis elle a pris des petites amendes régulièrement : 1 point en 2018, 1 point en 2020, 2 points en "
            "2022, 1 point le 4 avril 2026 (payé le 15 avril 2026). Est-ce que ses 3 points de 2016 sont revenus ? "
            "Elle a combien environ ?")
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_auto_recovery", "2026-12-01")
    tracker = make_tracker(slots=slots, intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"))
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "12 points" in answer, answer
    assert "retrouvera son maximum" not in answer and "Si ce point était le seul" not in answer, answer
    assert "compte encore pour ce délai" not in answer, answer
    assert "a retrouvé son maximum de points le 31 décembre 2025" in answer, answer
