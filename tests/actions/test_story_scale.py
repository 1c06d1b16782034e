"""A story of several offences reads each offence's scale as the single-offence answer does (R4): the alcohol level
told with it, and a speeding's road out of town said without its limit (tester T7)."""
from __future__ import annotations

import pytest

from actions import answers
from actions.offence_history import told_retraits
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run


def _recovery(text, slots=None):
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text),
                           slots=slots if slots is not None else {"licence_date": "2005"})
    return tracker, run(answers.ActionAnswerAutoRecovery(), tracker)[1]


@pytest.mark.parametrize("text", [
    "contrôlé à 0,3 g/l le 3 mars 2026, payé le 10 mars 2026, et un stop payé le 15 octobre 2026, "
    "je récupère mes points quand ?",
    "un stop payé le 15 octobre 2026, avant ça un contrôle d'alcoolémie à 0,4 g/l payé le 10 mars 2026. "
    "Quand est-ce que je retrouve mes 12 points ?",
    "soufflé 0,15 mg/l en mars 2026, amende payée le 10 mars 2026, puis un stop payé le 15 octobre 2026, "
    "je récupère quand ?",
])
def test_an_alcohol_level_below_the_threshold_told_in_a_story_withdraws_no_point(text):
    # out of probation (licence of 2005), below 0,5 g/l of blood (0,25 mg/l of breath): no offence (R4, R.234-1);
    # only the stop's 4 points are withdrawn
    tracker, answer = _recovery(text)
    assert [r.alcohol_g_l for r in told_retraits(tracker) if r.offence_type == "alcohol"][0] < 0.5
    assert "Solde aujourd'hui : 8 points" in answer and "15 octobre 2029" in answer
    assert "le seuil de 0,5 g/l n'est pas atteint" in answer


def test_the_same_level_in_probation_is_an_offence():
    # 0,3 g/l with a licence of 2025 (in probation on 3 March 2026): above 0,2 g/l, 6 points (R4, R.234-1)
    text = ("contrôlé à 0,3 g/l le 3 mars 2026, payé le 10 mars 2026, et un stop payé le 15 octobre 2026, "
            "je récupère mes points quand ?")
    tracker, _ = _recovery(text, slots={"licence_date": "2025-06-01"})
    decision = answers.history_decision(answers.Facts(tracker), answers.today(), assume_full_before=True)
    assert [o["points"] for o in decision.facts["offences"]] == [6, 4]


@pytest.mark.parametrize("text", [
    "un stop payé le 4 mai 2025 puis un contrôle d'alcoolémie à 0,9 g/l payé le 2 juin 2025, je récupère quand ?",
    "alcool au volant 1,1 g/l payé le 2 juin 2025 et un feu rouge payé le 4 mai 2025, je récupère quand ?",
])
def test_an_alcohol_level_of_a_delit_told_in_a_story_is_a_delit(text):
    # from 0,8 g/l a délit (L.234-1): 6 points, never given back by the 10-year rule (R10)
    tracker, answer = _recovery(text)
    assert "(délit) n'est pas concernée par la règle des 10 ans" in answer
    assert "2 juin 2028" in answer


@pytest.mark.parametrize("text", [
    "10 km/h de trop sur une nationale payé le 3 mars 2025, puis 8 km/h de trop sur une départementale payé le "
    "15 octobre 2025, je récupère mes points quand ?",
    "un excès de 12 km/h hors agglomération payé le 3 mars 2025 et un excès de 6 km/h sur nationale payé le "
    "15 octobre 2025, mes points reviennent quand ?",
    "flashé à 9 km/h de trop en rase campagne, payé le 3 mars 2025. Puis 10 km/h de trop sur une nationale, "
    "payé le 15 octobre 2025. Quand est-ce que je retrouve tous mes points ?",
])
def test_small_excesses_on_roads_out_of_town_told_in_a_story_are_3rd_class(text):
    # above 50 km/h (R.413-2) an excess under 20 km/h is a 3rd-class contravention (R.413-14, R4): all the points back
    # 2 years after the last payment, not 3 (R9)
    tracker, answer = _recovery(text)
    assert [r.out_of_town for r in told_retraits(tracker)] == [True, True]
    assert "15 octobre 2027" in answer and "15 octobre 2028" not in answer
    assert "contravention de 3e classe" in answer


@pytest.mark.parametrize("text", [
    "sur une nationale, 10 km/h de trop payé le 3 mars 2025, puis sur une départementale 8 km/h de trop payé le "
    "15 octobre 2025, je récupère mes points quand ?",
    "Hors agglomération j'ai pris 12 km/h de trop, payé le 3 mars 2025. Et sur nationale 6 km/h au-dessus, payé le "
    "15 octobre 2025. Mes points reviennent quand ?",
])
def test_a_road_out_of_town_said_before_its_small_excess_in_a_story_gives_the_3rd_class(text):
    # the road said before the speeding, in its part of the story, is its road (R.413-2, R.413-14, R4, R9)
    tracker, answer = _recovery(text)
    assert [r.out_of_town for r in told_retraits(tracker)] == [True, True]
    assert "15 octobre 2027" in answer and "15 octobre 2028" not in answer


@pytest.mark.parametrize("text", [
    "10 km/h de trop payé le 3 mars 2025 sur une nationale, puis 8 km/h de trop en ville payé le 15 octobre 2025, "
    "je récupère mes points quand ?",
    "sur une nationale 10 km/h de trop payé le 3 mars 2025. Ensuite 8 km/h de trop payé le 15 octobre 2025, "
    "je récupère mes points quand ?",
])
def test_a_road_said_with_one_excess_is_not_the_next_ones(text):
    # the road belongs to the first excess only: the second, its road unknown, keeps the cautious 4th class (R4, R9)
    tracker, answer = _recovery(text)
    assert [r.out_of_town for r in told_retraits(tracker)] == [True, False]
    assert "15 octobre 2028" in answer


def test_a_small_excess_in_town_told_in_a_story_keeps_the_cautious_class():
    # the road not said out of town: the limit may be 50 km/h or less, the 4th class (3 years) is counted (R4, R9)
    text = ("10 km/h de trop en ville payé le 3 mars 2025, puis 8 km/h de trop payé le 15 octobre 2025, "
            "je récupère mes points quand ?")
    tracker, answer = _recovery(text)
    assert not any(r.out_of_town for r in told_retraits(tracker))
    assert "15 octobre 2028" in answer


@pytest.mark.parametrize("text", [
    "10 km/h de trop sur une nationale, payé le 3 mars 2026, je récupère mes points quand ?",
    "flashé hors agglomération à 12 km/h au-dessus, amende payée le 3 mars 2026, mon point revient quand ?",
    "j'ai pris 1 point pour 8 km/h de trop sur une départementale, payé le 3 mars 2026, quand je le récupère ?",
])
def test_one_small_excess_on_a_road_out_of_town_is_not_asked_its_fine(domain, text):
    # the recovery form: the road out of town says the 3e classe (R.413-2, R4), so the fine is not asked; the answer
    # says why, and counts 2 years for all the points (R9)
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    excess = [e["value"] for e in parsed(text) if e["entity"] == "speed_excess"][0]
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text), form="auto_recovery_form",
                           slots={"licence_date": "2005"}, new_slots={
                               "offence_type": "speeding", "speed_excess": excess, "fine_payment_date": "2026-03-03"})
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(CollectingDispatcher(), tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "offence_class", "value": "c3"} in events
    answered = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text), slots={
        "licence_date": "2005", "offence_type": "speeding", "speed_excess": excess, "fine_payment_date": "2026-03-03",
        "last_offence_points": 1, "offence_class": "c3"})
    _, answer = run(answers.ActionAnswerAutoRecovery(), answered)
    assert "3 mars 2028" in answer and "contravention de 3e classe" in answer


@pytest.mark.parametrize("text", [
    "flashé à 57 pour 50 en ville le 2 septembre, amende payée le 20 septembre. j'avais 12. quand je recupere mon point ?",
    "j'avais 12 points, j'ai perdu 1 point pour un excès de 7 km/h en ville payé le 20 septembre 2026, il revient quand ?",
])
def test_one_point_lost_from_twelve_is_full_again_when_it_comes_back(text):
    # tester T9 c05: "si ce point était le seul…, sinon… le 20 septembre 2029" though 12 were said before (R1, R8)
    tracker, answer = _recovery(text, {"licence_date": "2005", "offence_type": "speeding", "last_offence_points": 1,
                                       "offence_class": "c4", "fine_payment_date": "2026-09-20"})
    assert "votre permis retrouvera son maximum le 20 mars 2027, avec le retour de ce point" in answer, answer
    assert "20 septembre 2029" not in answer and "Si ce point était le seul" not in answer
