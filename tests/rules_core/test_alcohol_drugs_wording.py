"""T11 c30: drugs and alcohol together (9 points, loi n° 2025-622): the bullet says since when, not the headline again."""
from datetime import date

import rules_core
from rules_core.wording_fr import render


def test_the_nine_points_bullet_does_not_repeat_the_headline():
    lines = render(rules_core.offence_points(offence="alcohol_and_drugs", commission=date(2026, 10, 5),
                                             today=date(2026, 12, 1))).splitlines()
    assert lines[0].startswith("Stupéfiants et alcool réunis : retrait de 9 points (délit)")
    assert sum("Stupéfiants et alcool réunis : retrait de 9 points" in line for line in lines) == 1, lines
    assert "- Ce retrait de 9 points vaut pour une infraction commise depuis le 11 juillet 2025 ; avant, les mêmes " \
           "faits coûtaient 6 points" in lines[1], lines
