"""Parameters: dated values resolve everywhere, no gaps, references valid."""

from __future__ import annotations

import json
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from rules_core import dates
from rules_core.params import DATA_FILE, Params, load_params


def months(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day = day + relativedelta(months=1)


def test_every_parameter_resolves_every_month_from_origin_to_today_plus_ten_years():
    params = load_params()
    end = date.today() + relativedelta(years=10)
    for day in months(params.origin, end):
        view = params.at(day)
        for name in params.names:
            value = view.get(name)
            assert value.since <= day
            assert value.refs, name
            later = [v for v in params.series(name) if v.since <= day]
            assert value == later[-1]


def test_before_origin_gives_first_value():
    params = load_params()
    assert params.lookup("capital.max", date(1980, 1, 1)).value == 12


def test_changes_take_effect_on_their_since_date():
    params = load_params()
    assert params.at(date(2023, 12, 31)).value("speeding.scale")[0]["from_kmh"] == 1
    assert params.at(date(2024, 1, 1)).value("speeding.scale")[0]["from_kmh"] == 5
    assert params.at(date(2025, 7, 10)).value("retrait.alcohol_and_drugs_points") is None
    assert params.at(date(2025, 7, 11)).value("retrait.alcohol_and_drugs_points") == 9
    assert params.at(date(2011, 3, 15)).value("stage.min_interval") == {"years": 2}
    assert params.at(date(2011, 3, 16)).value("stage.min_interval") == {"years": 1}


def test_every_parameter_names_a_rule_and_offence_rows_have_references():
    params = load_params()
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for name, spec in raw["parameters"].items():
        assert spec["rule"].startswith("R"), name
    for key in params.offence_keys:
        assert params.offence(key, date(2026, 1, 1)).refs


def _raw():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def test_validation_rejects_unsorted_since():
    raw = _raw()
    raw["parameters"]["capital.max"]["values"].append({"since": "1990-01-01", "value": 12, "refs": ["L.223-1"]})
    with pytest.raises(ValueError, match="strictly increasing"):
        Params(raw)


def test_validation_rejects_gap_at_origin():
    raw = _raw()
    raw["parameters"]["capital.max"]["values"][0]["since"] = "1993-01-01"
    with pytest.raises(ValueError, match="origin"):
        Params(raw)


def test_validation_rejects_unknown_reference_and_tag():
    raw = _raw()
    raw["offences"]["phone"]["refs"] = ["nowhere"]
    with pytest.raises(ValueError, match="unknown references"):
        Params(raw)
    raw = _raw()
    raw["references"]["L.223-1"]["tag"] = "X"
    with pytest.raises(ValueError, match="unknown tag"):
        Params(raw)


def test_date_helpers():
    assert dates.add(date(2026, 1, 31), {"months": 2}) == date(2026, 3, 31)
    assert dates.add(date(2025, 10, 31), {"months": 4}) == date(2026, 2, 28)
    assert dates.add(date(2028, 2, 29), {"years": 1}) == date(2029, 2, 28)
    assert dates.add(date(2027, 2, 28), {"years": 1, "days": 1}) == date(2028, 2, 29)
    assert dates.subtract(date(2026, 3, 31), {"months": 1}) == date(2026, 2, 28)
    assert dates.previous_day(date(2026, 3, 1)) == date(2026, 2, 28)
    assert dates.next_day(date(2028, 2, 28)) == date(2028, 2, 29)
    assert dates.anniversary(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert dates.format_long_fr(date(2026, 12, 1)) == "1er décembre 2026"
    assert dates.format_long_fr(date(2026, 3, 4)) == "4 mars 2026"
    assert dates.format_duration_fr({"years": 1, "days": 1}) == "1 an et 1 jour"
    assert dates.format_duration_fr({"years": 2, "months": 3, "days": 4}) == "2 ans, 3 mois et 4 jours"
    assert dates.format_duration_fr({"months": 18}) == "18 mois"
    assert dates.format_duration_fr({}) == "0 jour"
    assert dates.parse_iso("2026-11-23") == date(2026, 11, 23)
    with pytest.raises(ValueError):
        dates.as_relativedelta({"year": 1})


def test_the_research_dossier_is_never_the_source_cited_to_the_user():
    # "(dossier de recherche 2026)" is an internal document the user cannot look up: wherever it backs a value,
    # a public source (an article, a decree, a public page) is cited before it (tester Y, 2026-12-02).
    from rules_core.model import Reason
    from rules_core.wording_fr import cite

    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    params = load_params()
    ref_lists = [item["refs"] for spec in data["parameters"].values() for item in spec["values"]]
    ref_lists += [spec["refs"] for spec in data["offences"].values()]
    backed_by_the_dossier = [refs for refs in ref_lists if "dossier-2026" in refs]
    assert backed_by_the_dossier
    for refs in backed_by_the_dossier:
        reason = Reason(code="x", rule="R4", certainty="S", refs=tuple(params.references[key] for key in refs))
        assert "dossier" not in cite(reason), refs


def test_offence_points_history():
    # R4: refus de priorité à un piéton, 4 points then 6 for an offence committed since 19 September 2018 (T51 c15)
    from datetime import date
    from rules_core.params import load_params
    assert load_params().offence_points_history("pedestrian_priority") == ((date(1992, 7, 1), 4),
                                                                           (date(2018, 9, 19), 6))
    assert load_params().offence_points_history("red_light") == ()
