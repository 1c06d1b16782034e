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
