"""R8 with a later offence told in the same story: the 1-point retrait's 6 months are interrupted by an offence
committed within them (L.223-6 al. 3; CE 04/12/2017 n° 402423), which the story must date as committed, not paid.
Outside tester T7 c37 (BOT_TODAY=2026-12-01): "le 1er août j'ai eu 2 points pour un excès…, payé le 15 août" read
the 1st of August as a second payment, lost both retraits and answered that the April point came back."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


STORIES = [
    ("jai perdu 1 point en avril (paye le 10 avril 2026) et ensuite le 1er aout jai eu 2 points pour un exces de 22 "
     "km/h payé le 15 aout. le point davril il revient en octobre ?", "15 août 2029"),
    ("J'ai perdu 1 point, amende payée le 10 avril 2026. Puis le 1er août j'ai pris 2 points pour un excès de 22 km/h, "
     "réglé le 15 août. Mon point d'avril revient le 10 octobre ?", "15 août 2029"),
    ("1 point perdu en avril, payé le 10 avril 2026, et le 1er août 2026 j'ai eu 3 points pour le téléphone au volant, "
     "payé le 20 août. Le point d'avril je le récupère en octobre ?", "20 août 2029"),
]


@pytest.mark.parametrize("text, full", STORIES)
def test_the_april_point_is_blocked_by_the_offence_committed_on_the_first_of_august(domain, text, full):
    answer = Chat(domain).say(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "Le point retiré pour l'infraction payée le 10 avril 2026 ne revient pas le 10 octobre 2026 : une autre " \
           "infraction a été commise le 1er août 2026" in answer, answer
    assert f"retrouvera son maximum de points le {full}" in answer
    assert "est revenu le 10 octobre 2026" not in answer and "revient le 15 février 2027" not in answer


def test_a_correction_that_names_the_august_points_keeps_both_retraits(domain):
    chat = Chat(domain)
    chat.say(STORIES[0][0], "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    answer = chat.say("non je parle du point d avril, paye le 10 avril. et celui d aout cest 2 points pas 1",
                      "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "15 août 2029" in answer and "10 avril 2029" not in answer, answer
    assert "est revenu le 10 octobre 2026" not in answer


@pytest.mark.parametrize("text, day", [
    ("le 1er aout jai eu 2 points pour un exces de 22 km/h payé le 15 aout", "2026-08-01"),
    ("le 3 septembre j'ai pris 3 points pour le téléphone réglé le 20 septembre", "2026-09-03"),
])
def test_the_day_before_a_loss_whose_payment_has_its_own_day_is_not_a_payment(text, day):
    # ("payé le 15 août" dates the 15th; the day told before the loss is the offence's, or said without a role,
    # which the story then reads as the day it was committed)
    dates = {e["value"]: e.get("role") for e in parsed(text, "2026-12-01") if e["entity"] == "date"}
    assert dates[day] in ("offence", None) and "payment" in dates.values(), dates
