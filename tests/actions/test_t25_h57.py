"""Outside tester T25 replaying T23's conversations (h57; BOT_TODAY pinned to 1 December 2026)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T25 c33: "flashé … vitesse retenue 81 pour 80" (0 point since 2024, R4), then "donc je garde mes 6 points et
# j'aurai bien 8 points en janvier ?": the probation form asked the points that offence withdrew and refused "0" in a
# loop. An offence remembered that costs no point is no offence for the probation (R7): nothing asked, 6 points now
# and 8 on 10 January 2027 ---------------------------------------------------------------------------------------

FIRST = ("jai eu mon permis le 10/01/2026 et on m'a flashé à 1 km/h au dessus le 3 mars (vitesse retenue 81 pour 80) "
         "jai payé, je perds combien et le point revient quand ?")


@pytest.mark.parametrize("first", [
    FIRST,
    "permis le 10/01/2026, flashé à 53 pour 50 le 2 octobre 2026, payé",
])
def test_a_pointless_offence_remembered_is_not_asked_by_the_probation_form(domain, first):
    history = [{"event": "user", "text": first,
                "parse_data": {"intent": {"name": "ask_auto_recovery"}, "entities": parsed(first, "2026-12-01")}},
               {"event": "bot", "text": "Rien à récupérer : aucun point retiré."}]
    slots = {**mapped_slots(domain, first, "ask_auto_recovery", "2026-12-01"), "supervised_driving": False}
    tracker = make_tracker(slots=slots, new_slots={"complementary_training": False}, intent="deny", text="Non",
                           form="probation_form", requested_slot="complementary_training", history=history)
    events, said = run(forms.ValidateProbationForm(), tracker, domain)
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == [None], (events, said)
    assert {e.get("name"): e.get("value") for e in events}.get("probation_offence") is False
    slots.update({"complementary_training": False, "probation_offence": False})
    tracker = make_tracker(slots=slots, intent="deny", text="Non", history=history)
    answer = run(answers.ActionAnswerProbation(), tracker, domain)[1]
    assert "solde est aujourd'hui de 6 points" in answer, answer
    assert "vous gagnerez 2 points le 10 janvier 2027 (plafond de 8 points)" in answer, answer


def test_an_offence_with_points_remembered_is_still_asked(domain):
    first = "permis le 10/01/2026, flashé à 75 pour 50 le 2 octobre 2026, payé"
    slots = {**mapped_slots(domain, first, "ask_auto_recovery", "2026-12-01"), "supervised_driving": False}
    tracker = make_tracker(slots=slots, new_slots={"complementary_training": False}, intent="deny", text="Non",
                           form="probation_form", requested_slot="complementary_training")
    events, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert {e.get("name"): e.get("value") for e in events}.get("probation_offence") is True


# --- T25 c34: "flashé au printemps", then "je ne sais pas, je n'ai pas le détail" and "laissez tomber la vitesse" to
# the speed questions got the same question four times: the form stops asking, the answer gives the scale (R4) -----

@pytest.mark.parametrize("requested, text, intent", [
    ("speed_limit", "je ne sais pas, je n'ai pas le détail", "dont_know"),
    ("speed_limit", "aucune idée de la vitesse. il a combien de points maintenant ?", "ask_check_balance"),
    ("speed_excess", "laissez tomber la vitesse. Combien de points a-t-il maintenant ?", "ask_check_balance"),
    ("speed_excess", "je sais pas, tout ce que je sais c'est qu'il avait 4 points après le retrait", "inform"),
])
def test_a_speed_not_known_is_not_asked_again(domain, requested, text, intent):
    slots = {"offence_type": "speeding", "speed_limit": 110 if requested == "speed_excess" else None}
    tracker = make_tracker(slots=slots, intent=intent, text=text, form="offence_points_form",
                           requested_slot=requested)
    events, said = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == [None], (events, said)
    tracker = make_tracker(slots=slots, intent=intent, text=text)
    answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)[1]
    assert answer.startswith("Sans la vitesse, je ne peux pas dire combien de points"), answer
    assert "de 20 à 29 km/h : 2 points" in answer and "50 km/h ou plus : 6 points" in answer, answer
    assert "moins de 5 km/h : aucun point" in answer


def test_a_speed_given_is_still_read(domain):
    tracker = make_tracker(slots={"offence_type": "speeding"}, new_slots={"speed_limit": 110}, intent="inform",
                           text="110", form="offence_points_form", requested_slot="speed_limit")
    events, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == ["speed_excess"], events
