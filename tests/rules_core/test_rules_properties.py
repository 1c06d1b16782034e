"""Property-based invariants (hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import rules_core as rc
from rules_core import dates
from rules_core.wording_fr import render

days = st.dates(min_value=date(2012, 1, 1), max_value=date(2035, 12, 31))
ceilings = st.sampled_from([6, 8, 9, 10, 12])


@given(first=days, balance=st.integers(-8, 12), ceiling=ceilings, case=st.sampled_from([1, 2, 3, 4]))
def test_stage_never_adds_more_than_four_nor_exceeds_ceiling(first, balance, ceiling, case):
    balance = min(balance, ceiling)
    last = first + timedelta(days=1)
    decision = rc.stage_points(balance=balance, ceiling=ceiling, first_day=first, last_day=last,
                               today=last + timedelta(days=3), case=case)
    gained = decision.results["points_credited"]
    assert 0 <= gained <= 4
    assert decision.results["balance_after"] <= ceiling
    if gained:
        assert decision.key_dates["effective_date"] == last + timedelta(days=1)
    json.dumps(decision.to_dict())
    assert render(decision)


@given(previous=days, offsets=st.lists(st.integers(0, 800), min_size=2, max_size=6))
def test_eligibility_dates_never_go_backwards(previous, offsets):
    todays = sorted(previous + timedelta(days=o) for o in offsets)
    earliest = [rc.stage_eligibility(today=t, previous_points_stage_first_day=previous).key_dates["earliest_point_stage"]
                for t in todays]
    assert earliest == sorted(earliest)
    assert all(e >= t for e, t in zip(earliest, todays))


@given(licence=st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 1, 1)), offset=st.integers(0, 2000),
       aac=st.booleans())
def test_probation_ceiling_is_monotonic_without_offence(licence, offset, aac):
    today = licence + timedelta(days=offset)
    first = rc.probation_status(licence_date=licence, today=today, aac=aac)
    later = rc.probation_status(licence_date=licence, today=today + timedelta(days=30), aac=aac)
    assert 6 <= first.results["ceiling"] <= later.results["ceiling"] <= 12


@given(realite=days, points=st.integers(1, 6), klass=st.sampled_from(["c2", "c3", "c4", "c5", "delit"]),
       gap=st.integers(0, 30))
def test_full_recovery_after_realite(realite, points, klass, gap):
    commission = realite - timedelta(days=gap)
    decision = rc.automatic_recovery(
        today=realite, offences=[{"commission": commission, "realite": realite, "points": points,
                                  "offence_class": klass}])
    full = decision.key_dates["full_recovery"]
    assert dates.add(realite, {"years": 2}) <= full <= dates.add(realite, {"years": 3})
    json.dumps(decision.to_dict())


@given(received=days)
def test_48n_deadline_is_four_months_from_the_anchor(received):
    decision = rc.mandatory_stage_48n(received_on=received, today=received)
    deadline = decision.key_dates["deadline"]
    assert deadline == dates.add(received, {"months": 4})
    assert 119 <= (deadline - received).days <= 123


@settings(max_examples=50)
@given(excess=st.integers(1, 120), limit=st.sampled_from([30, 50, 70, 80, 90, 110, 130]),
       commission=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 1)))
def test_speeding_points_grow_with_excess(excess, limit, commission):
    today = date(2026, 11, 23)
    low = rc.offence_points(offence="speeding", commission=commission, today=today, speed_limit_kmh=limit,
                            recorded_speed_kmh=limit + excess)
    high = rc.offence_points(offence="speeding", commission=commission, today=today, speed_limit_kmh=limit,
                             recorded_speed_kmh=limit + excess + 1)
    assert 0 <= low.results["points"] <= high.results["points"] <= 6


@given(items=st.lists(st.sampled_from([k for k in rc.OFFENCE_TYPES if k not in ("speeding", "alcohol_and_drugs")]),
                      min_size=2, max_size=5))
def test_simultaneous_cap(items):
    decision = rc.simultaneous_offences(offences=items, commission=date(2026, 1, 1), today=date(2026, 2, 1))
    assert decision.results["points"] == min(8, decision.results["total_before_cap"])


@settings(max_examples=80)
@given(excess=st.integers(1, 120), limit=st.sampled_from([30, 50, 70, 80, 90, 110, 130]),
       commission=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 1)))
def test_excess_alone_agrees_with_limit_and_speed(excess, limit, commission):
    """R4: the excess alone gives the same points as the limit and the speed; from 20 km/h the same class
    and fine too; under 20 km/h the class and fine of the limit's side of 50 km/h."""
    today = date(2026, 11, 23)
    full = rc.offence_points(offence="speeding", commission=commission, today=today, speed_limit_kmh=limit,
                             recorded_speed_kmh=limit + excess).results
    alone = rc.offence_points(offence="speeding", commission=commission, today=today, excess_kmh=excess)
    assert alone.results["points"] == full["points"]
    if alone.results["by_limit"] is None:
        assert excess >= 20 and alone.missing == ()
        assert (alone.results["offence_class"], alone.results["fine_eur"]) == (full["offence_class"], full["fine_eur"])
    else:
        assert excess < 20 and alone.missing == ("speed_limit_kmh",)
        side = alone.results["by_limit"]["above" if limit > 50 else "at_or_below"]
        assert (side["offence_class"], side["fine_eur"]) == (full["offence_class"], full["fine_eur"])
