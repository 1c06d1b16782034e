"""Several retraits told with their dates: paired from the message's entities, kept across the conversation."""
from __future__ import annotations

from datetime import date

import pytest

from actions.offence_history import retraits_in_message, told_retraits
from tests.actions.conftest import make_tracker, parsed, user_said


def test_each_loss_is_paired_with_the_date_that_follows_it():
    told = retraits_in_message(parsed(
        "jai 12 points, j'ai perdu 3 points en mars 2025 pour un exces de vitesse et 2 points le 3 octobre 2026"))
    assert [(r.points, r.said_date) for r in told] == [(3, "2025-03"), (2, "2026-10-03")]
    assert told[0].realite == date(2025, 3, 31)  # a month only: its last day, the later return


def test_a_date_told_before_its_loss_is_paired_too():
    told = retraits_in_message(parsed("en mars 2025 j'ai perdu 3 points et en juin 2026 j'ai perdu 2 points"))
    assert [(r.points, r.said_date) for r in told] == [(3, "2025-03"), (2, "2026-06")]


def test_losses_and_dates_that_do_not_pair_one_to_one_give_nothing():
    # two losses, one date: which loss is dated is not said
    assert retraits_in_message(parsed("j'ai perdu 3 points et 2 points en mars 2025")) == []
    # the licence date and a balance are not retraits
    assert retraits_in_message(parsed("permis depuis 2010, il me reste 8 points")) == []


def test_the_offence_named_beside_a_loss_goes_with_it():
    told = retraits_in_message(parsed("perdu 3 points pour le téléphone le 10 mai 2025"))
    assert told[0].offence_type == "phone"


def test_retraits_told_over_several_messages_are_kept_oldest_first_and_a_retold_date_replaces():
    tracker = make_tracker(
        text="non c'était 4 points le 10 mai 2025", entities=parsed("non c'était 4 points le 10 mai 2025"),
        history=[user_said("j'ai perdu 2 points le 3 octobre 2026"), user_said("et 3 points le 10 mai 2025")])
    assert [(r.points, r.said_date) for r in told_retraits(tracker)] == [(4, "2025-05-10"), (2, "2026-10-03")]


def test_a_loss_corrected_on_the_same_month_without_its_year_replaces_the_one_told():
    # "4 points en juin 2025 puis 2 points en août 2026", then "non c'était 3 points en juin pas 4": the parser reads
    # June 2026; the user means the June 2025 retrait (R1: 12 - 3 - 2 = 7)
    first = "j'avais 12 points. j'ai perdu 4 points en juin 2025 puis 2 points en aout 2026"
    tracker = make_tracker(text="non c'était 3 points en juin pas 4",
                           entities=[{"entity": "points", "value": 3, "start": 12, "end": 20},
                                     {"entity": "date", "value": "2026-06", "start": 21, "end": 28}],
                           history=[user_said(first)])
    assert [(r.points, r.said_date) for r in told_retraits(tracker)] == [(3, "2025-06"), (2, "2026-08")]


@pytest.mark.parametrize("first, correction", [
    ("excès de 15 km/h sur une nationale, perdu 2 points en juin 2025", "non c'était 1 point en juin"),
    ("flashé à 15 km/h de trop hors agglomération, 2 points retirés en juin 2025", "non pardon, 1 point en juin"),
])
def test_a_loss_corrected_without_its_year_keeps_what_was_told_of_its_offence(first, correction):
    # the correction says the points again, not the speeding's excess nor its road: they stay (R4: 3rd class)
    tracker = make_tracker(text=correction, entities=parsed(correction), history=[user_said(first)])
    (retrait,) = told_retraits(tracker)
    assert (retrait.points, retrait.said_date, retrait.offence_type) == (1, "2025-06", "speeding")
    assert ("excess_kmh", 15) in retrait.speeds and retrait.out_of_town


def test_a_retrait_told_again_with_a_closer_date_is_the_same_one():
    # "retrait de 2 points l'été dernier" then "2 points, payé le 12 août": one retrait of 2 points, not two
    tracker = make_tracker(text="2 points, payé le 12 août", entities=parsed("2 points, payé le 12 août"),
                           history=[user_said("retrait de 2 points en juillet")])
    assert [(r.points, r.said_date) for r in told_retraits(tracker)] == [(2, "2026-08-12")]


def test_two_retraits_of_the_same_points_far_apart_are_two():
    tracker = make_tracker(text="et 2 points en mai 2026", entities=parsed("et 2 points en mai 2026"),
                           history=[user_said("j'ai perdu 2 points en janvier 2025")])
    assert [(r.points, r.said_date) for r in told_retraits(tracker)] == [(2, "2025-01"), (2, "2026-05")]


def test_a_bare_count_listed_after_a_loss_is_a_loss():
    told = retraits_in_message(parsed("jai le permis depuis 2008, perdu 3 points en mars et 1 en octobre, il me reste cb ?"))
    assert [(r.points, r.said_date) for r in told] == [(3, "2026-03"), (1, "2026-10")]


def test_the_payment_dates_are_kept_when_offence_dates_are_told_too():
    text = ("j'ai perdu 1 point pour un exces de vitesse de 8 km/h, paye le 15 juin 2026, et 3 points pour le telephone "
            "le 2 septembre 2026 (paye le 10 sept)")
    told = retraits_in_message(parsed(text))
    assert [(r.points, r.said_date) for r in told] == [(1, "2026-06-15"), (3, "2026-09-10")]


def test_a_speeding_in_a_list_of_offences_keeps_its_excess_for_the_scale():
    told = retraits_in_message(parsed(
        "un excès de 15 km/h sur une nationale à 80, payé le 5 mars 2024, puis un téléphone au volant payé le "
        "20 octobre 2024, et un stop grillé payé le 12 août 2025"))
    assert [(r.offence_type, r.said_date) for r in told] == [
        ("speeding", "2024-03-05"), ("phone", "2024-10-20"), ("stop_sign", "2025-08-12")]
    # ("sur une nationale à 80": the limit is said, and gives the class of the 15 km/h excess, 3e, R4)
    assert dict(told[0].speeds) == {"excess_kmh": 15, "speed_limit_kmh": 80} and told[1].speeds == ()


def test_the_day_an_offence_was_committed_goes_with_its_payment():
    # "le deuxième commis le 15 juillet 2024 et payé le 1er août 2024": the retrait counts from the payment (R2), the
    # offence from its own day, which blocks an earlier point's return and freezes a probationary ceiling (R7, R8)
    told = retraits_in_message(parsed("1 point payé le 01/06/2024, puis 1 point pour un excès commis le 15/07/2024 "
                                      "et payé le 01/08/2024"))
    assert [(r.said_date, r.committed) for r in told] == [("2024-06-01", None), ("2024-08-01", date(2024, 7, 15))]


def test_a_count_above_what_one_event_costs_is_not_a_retrait():
    # "permis depuis 15 ans, 12 points, téléphone payé le 10/02/2026": 12 is the balance, not a 12-point retrait (R3)
    told = retraits_in_message(parsed("permis depuis 15 ans, 12 points, telephone au volant le 02/02/2026, payé le "
                                      "10/02/2026. combien il me reste ?"))
    assert [(r.points, r.offence_type, r.said_date) for r in told] == [(None, "phone", "2026-02-10")]


def test_the_balance_aimed_at_is_not_a_count_listed_after_a_loss():
    # R7 example 1 told in one message ending "quand est-ce que j'aurai 12 ?": one retrait of 2 points, not 2 + 12
    told = retraits_in_message(parsed(
        "J'ai mon permis depuis le 10 mars 2024. Le 1er septembre 2024 j'ai été flashé à 25 km/h au dessus, j'ai payé "
        "le 20 septembre 2024, j'ai perdu 2 points. Ensuite j'ai fait un stage volontaire les 14 et 15 avril 2025. "
        "Combien j'ai de points aujourd'hui et quand est-ce que j'aurai 12 ?"))
    assert [(r.points, r.said_date) for r in told] == [(2, "2024-09-20")]


def test_a_retrait_of_the_same_offence_dated_again_in_a_correction_replaces_it():
    # "téléphone payé le 5 juillet 2026, excès payé le 3 octobre 2026", then "non en fait le téléphone c'était le
    # 5 juillet 2023": two retraits, not three
    tracker = make_tracker(
        text="non en fait le téléphone c'était le 5 juillet 2023", entities=parsed(
            "non en fait le téléphone c'était le 5 juillet 2023"),
        history=[user_said("j'avais 12 points, téléphone payé le 5 juillet 2026 et feu rouge payé le 3 octobre 2026")])
    told = told_retraits(tracker)
    assert [(r.offence_type, r.said_date) for r in told] == [("phone", "2023-07-05"), ("red_light", "2026-10-03")]
