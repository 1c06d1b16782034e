"""Model, rendering and public API details not covered by the golden cases."""

from __future__ import annotations

import json
from datetime import date

import pytest

import rules_core as rc
from rules_core.model import Offence, to_jsonable
from rules_core.wording_fr import TEMPLATES, render, render_error, render_reason


def test_public_api_is_keyword_only_and_documented():
    import inspect
    for name in rc.__all__:
        obj = getattr(rc, name)
        if inspect.isfunction(obj) and obj.__module__.startswith("rules_core.") and name != "load_params":
            params = inspect.signature(obj).parameters.values()
            assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), name
            assert "today" in inspect.signature(obj).parameters, name
            assert "R" in obj.__doc__, name


def test_offence_objects_and_iso_strings_are_accepted():
    offence = Offence(commission=date(2026, 1, 5), realite=date(2026, 1, 15), points=1, offence_class="c3")
    as_object = rc.automatic_recovery(offences=[offence], today=date(2026, 2, 1))
    as_strings = rc.automatic_recovery(offences=[{"commission": "2026-01-05", "realite": "2026-01-15", "points": "1",
                                                  "offence_class": "c3"}], today=date(2026, 2, 1))
    assert as_object.to_dict() == as_strings.to_dict()
    assert to_jsonable(offence)["realite"] == "2026-01-15"
    assert offence.effective == date(2026, 1, 15)


def test_bad_iso_string_is_inconsistent():
    with pytest.raises(rc.InconsistentFacts) as info:
        rc.automatic_recovery(offences=[{"commission": "hier", "points": 1, "offence_class": "c3"}],
                              today=date(2026, 2, 1))
    assert info.value.code == "offence.invalid"
    assert "Impossible de répondre" in render_error(info.value)
    assert info.value.to_dict()["field"] == "offences"


def test_an_offence_without_a_day_is_inconsistent_not_a_crash():
    # T37 c14: "et si je paye demain ?" about a fine not paid, committed on a day not told, reached the engine as an
    # offence dated None: automatic_recovery crashed on None.isoformat() and the user got no reply at all
    with pytest.raises(rc.InconsistentFacts) as info:
        rc.automatic_recovery(offences=[{"commission": None, "realite": None, "points": 3, "offence_class": "c4"}],
                              today=date(2026, 12, 1))
    assert info.value.code == "offence.invalid"


def test_decision_is_json_safe_and_conditional():
    decision = rc.stage_eligibility(today=date(2026, 3, 1))
    data = json.loads(json.dumps(decision.to_dict()))
    assert data["conditional"] is True
    assert decision.conditional
    assert data["reasons"][0]["refs"][0]["tag"] in ("T", "J", "SP", "S", "I", "U")


def test_every_template_renders_a_french_sentence():
    assert all(callable(t) for t in TEMPLATES.values())
    text = render(rc.probation_status(licence_date=date(2024, 3, 10), today=date(2025, 11, 22)))
    assert text.startswith("Votre permis est probatoire jusqu'au 10 mars 2027")


def test_offence_types_constant():
    for key in ("speeding", "phone", "seatbelt", "red_light", "stop_sign", "alcohol", "drugs"):
        assert key in rc.OFFENCE_TYPES


@pytest.mark.parametrize("message, expected", [
    ("Pour un excès de vitesse, il faut la limite.", "Impossible de répondre : pour un excès de vitesse, il faut la limite."),
    ("FNPC indisponible.", "Impossible de répondre : FNPC indisponible."),  # an acronym keeps its capitals
])
def test_the_error_goes_on_in_lower_case_after_its_colon(message, expected):
    assert render_error(rc.InconsistentFacts("x.y", "x", message)) == expected


@pytest.mark.parametrize("balance, hedged", [(12, False), (11, True), (None, True)])
def test_twelve_points_need_no_ceiling_assumption(balance, hedged):
    # R1 example 3: at 12 points the licence is at the maximum of any licence, probationary or not (T3 c23)
    eligibility = rc.stage_eligibility(today=date(2026, 12, 1), balance=balance)
    points = rc.stage_points(balance=balance, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4),
                             today=date(2026, 12, 1))
    assert ("ceiling" in eligibility.missing) is hedged
    assert ("ceiling" in points.missing) is hedged


def test_the_points_of_a_full_recovery_count_as_returned():
    # tester T14 c21: a stop (4 points, 4e class) paid 20 March 2023, licence of 2008: back to 12 on 20 March 2026
    # (R9); the balance line said "4 points retirés, 0 point revenu" beside 12
    decision = rc.automatic_recovery(offences=[{"commission": "2023-03-10", "realite": "2023-03-20", "points": 4,
                                                "offence_class": "c4"}],
                                     today=date(2026, 12, 1), licence_date=date(2008, 12, 31))
    line = next(r for r in decision.reasons if r.code == "recovery.balance_today")
    assert (line.data["balance"], line.data["withdrawn"], line.data["returned"]) == (12, 4, 4)
    assert "4 points retirés, 4 points revenus" in render_reason(line)


@pytest.mark.parametrize("licence, year_only, says", [
    (date(2012, 1, 1), True, "Votre permis, obtenu en 2012, avait au moins 3 ans"),  # tester T14 c15
    (date(2012, 3, 5), False, "Votre permis, obtenu le 5 mars 2012, avait au moins 3 ans"),
    (date(2025, 1, 1), True, "Votre permis, obtenu en 2025, avait moins de 3 ans"),
])
def test_a_licence_told_by_its_year_is_named_by_its_year(licence, year_only, says):
    decision = rc.invalidation_waiting(today=date(2026, 12, 1), handed_back_on=date(2026, 12, 5),
                                       licence_date=licence, invalidation_notified_on=date(2026, 11, 29),
                                       licence_year_only=year_only)
    assert says in render(decision)


# R20 example 2 and T15 c05: a second total loss within 5 years waits 1 year from THIS licence's hand-back, and the
# licence obtained again after the previous one may be too young to keep the code only
@pytest.mark.parametrize("previous, younger", [
    (date(2024, 6, 1), "L'invalidation dure au moins un an, et le permis obtenu de nouveau après la précédente "
                       "invalidation avait forcément moins de 3 ans : il faut repasser le code et l'épreuve de "
                       "conduite"),
    (date(2023, 3, 3), None),  # (obtained again from 3 September 2023: maybe 3 years old by November 2026)
])
@pytest.mark.parametrize("licence", [date(2012, 1, 1), None])
def test_a_second_invalidation_waits_a_year_from_this_hand_back(previous, younger, licence):
    decision = rc.invalidation_waiting(today=date(2026, 12, 1), handed_back_on=date(2026, 11, 10), licence_date=licence,
                                       previous_handed_back_on=previous)
    said = render(decision)
    assert decision.key_dates["new_licence_from"] == date(2027, 11, 10)
    assert decision.results["exams"] == "code_and_driving"
    assert said.startswith(f"Nouvelle invalidation moins de 5 ans après la précédente (permis rendu le "
                           f"{rc.dates.format_long_fr(previous)}) : le délai est d'un an au lieu de 6 mois. Vous "
                           "pourrez obtenir un nouveau permis à partir du 10 novembre 2027, un an après la remise du "
                           "permis le 10 novembre 2026")
    assert (younger in said) if younger else "précédente invalidation avait" not in said


def test_a_second_invalidation_s_wait_over_and_planned_hand_back_are_said_so():
    over = rc.invalidation_waiting(today=date(2026, 12, 1), handed_back_on=date(2025, 9, 1),
                                   previous_handed_back_on=date(2023, 3, 3))
    assert "Vous pouvez obtenir un nouveau permis depuis le 1er septembre 2026, un an après" in render(over)
    planned = rc.invalidation_waiting(today=date(2026, 12, 1), handed_back_on=date(2026, 12, 4), repeat_said=True)
    assert "à partir du 4 décembre 2027, un an après la remise de votre permis prévue le 4 décembre 2026" \
           in render(planned)


def test_a_pending_retrait_maybe_counted_says_both_balances():
    # T15 c09: balance 5 told, a 6-point délit whose retrait may or may not be in it (R2)
    decision = rc.stage_points(balance=5, first_day=date(2026, 12, 28), last_day=date(2026, 12, 29),
                               today=date(2026, 12, 1), ceiling=12, pending_retrait_points=6,
                               pending_retrait_maybe_counted=True)
    said = render(decision)
    assert "votre solde passera de 5 à 9 points" in said
    assert "Ce calcul suppose que vos 5 points comptent déjà le retrait de 6 points : le stage vous mène alors à 9 " \
           "points." in said and "solde final 3 points. Attendre son enregistrement" in said
    near_ceiling = rc.stage_points(balance=10, first_day=date(2026, 12, 28), last_day=date(2026, 12, 29),
                                   today=date(2026, 12, 1), ceiling=12, pending_retrait_points=4,
                                   pending_retrait_maybe_counted=True)
    assert "solde final 8 points. Votre relevé" in render(near_ceiling)
