"""R4: the class of an excess of speed known only by its points (tester T3 c37: "mon excès de vitesse", "2 points":
the fine was asked although 2 points is 20 to 29 km/h over, the 4th class whatever the road)."""
from datetime import date

import pytest

from rules_core import speeding_class_of_points


@pytest.mark.parametrize("points, commission, klass", [
    (1, date(2026, 3, 1), None),         # 3e or 4e by the limit (R.413-14)
    (2, date(2026, 3, 1), "c4"),
    (3, date(2026, 3, 1), "c4"),
    (4, date(2026, 3, 1), "c4"),
    (6, date(2025, 12, 28), "c5"),      # the day before the délit (décret 2025-1269)
    (6, date(2025, 12, 29), "delit"),
    (5, date(2026, 3, 1), None),         # no band costs 5
])
def test_the_points_of_a_speeding_fix_its_class_from_20_km_h(points, commission, klass):
    assert speeding_class_of_points(points=points, commission=commission, today=date(2026, 12, 1)) == klass


@pytest.mark.parametrize("points, limit, klass", [
    (1, 50, "c4"),    # 5 to 19 km/h over at 50 km/h or less: 4th class (R4 example 2, "1 point en ville")
    (1, 30, "c4"),
    (1, 80, "c3"),    # above 50 km/h: 3rd class (R8 example 1)
    (1, 130, "c3"),
    (2, 80, "c4"),    # from 20 km/h the limit changes nothing
])
def test_a_one_point_excess_takes_its_class_from_the_limit(points, limit, klass):
    assert speeding_class_of_points(points=points, commission=date(2026, 3, 1), today=date(2026, 12, 1),
                                    speed_limit_kmh=limit) == klass


@pytest.mark.parametrize("measured, kept", [
    (97, 92),    # below 100 km/h: 5 km/h off (R4 edge case; arrêté du 4 juin 2009)
    (99, 94),
    (100, 95),   # from 100 km/h: 5 %
    (145, 137),  # 137.75 rounded down
    (132, 125),
])
def test_the_speed_kept_from_the_speed_a_radar_measured(measured, kept):
    from rules_core import kept_speed
    assert kept_speed(measured_kmh=measured, commission=date(2026, 11, 23), today=date(2026, 12, 1)) == kept
    assert kept_speed(measured_kmh=measured, today=date(2026, 12, 1)) == kept  # the margin in force today


@pytest.mark.parametrize("measured", [0, -5, True, 97.5, "97"])
def test_a_measured_speed_that_is_no_speed_is_refused(measured):
    from rules_core import InconsistentFacts, kept_speed
    with pytest.raises(InconsistentFacts):
        kept_speed(measured_kmh=measured, today=date(2026, 12, 1))


@pytest.mark.parametrize("points, klass", [
    (2, "c4"),    # an excess of 20 to 29 km/h, accelerating while overtaken: both 4th class (R4; tester T41 c27)
    (4, "c4"),    # red light, stop, priority, an excess of 40 to 49 km/h...: all 4th class
    (1, None),    # an excess under 20 km/h: 3rd or 4th class by the limit; the gloves: 3rd
    (3, None),    # the phone (4th), the screen (5th), the turn signal (2nd)
    (6, None),    # a pedestrian (4th), a radar detector (5th), a délit
    (5, None),    # no offence costs 5
])
def test_the_points_of_an_offence_not_named_fix_its_class_when_all_such_offences_share_it(points, klass):
    from rules_core import class_of_points
    assert class_of_points(points=points, commission=date(2026, 5, 1), today=date(2026, 12, 1)) == klass
