"""T18 (outside testers' replays, 1 December 2026), items of branch h39: the day asked answered first, no invented
stage day, the day of a month asked only when it changes the answer, a repeated question not answered word for
word, the company car, offences named without their points."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


# --- 1. "suspendu 3 mois le 15 septembre, quand est-ce que je peux reconduire ?": the day, at the first asking ----

@pytest.mark.parametrize("text", [
    "mon permis a été suspendu 3 mois le 15 septembre, quand est-ce que je peux reconduire ?",
    "suspendu 3 mois depuis le 15 septembre, je pourrai conduire à partir de quand ?",
    "permis suspendu le 15/09/2026 pour 3 mois, quand je pourrai reconduire ?",
])
def test_the_end_of_a_suspension_told_is_the_first_answer(domain, text):
    # spec §0.3: 15 September 2026 + 3 months = 15 December 2026; not the retention's card first
    _, said = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today=DAY), domain)
    assert said.startswith("Vous pourrez reconduire à partir du 15 décembre 2026, à la fin de la suspension de 3 mois")
    assert "72 heures" not in said and "article L.224-16" in said


def test_may_i_drive_during_a_suspension_still_gets_its_no(domain):
    text = "je suis suspendu, je peux conduire pendant la suspension ?"
    _, said = run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today=DAY), domain)
    assert said.startswith("Non : tant que la suspension")
