from datetime import date

import pytest

from actions import slot_values
from actions.slot_values import InvalidAnswer, PartialDate

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("value, precision, earliest, latest", [
    ("2024-03-12", "day", date(2024, 3, 12), date(2024, 3, 12)),
    ("2024-03", "month", date(2024, 3, 1), date(2024, 3, 31)),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023", "year", date(2023, 1, 1), date(2023, 12, 31)),
])
def test_partial_dates_keep_their_precision(value, precision, earliest, latest):
    partial = PartialDate.parse(value)
    assert (partial.precision, partial.earliest(), partial.latest(), partial.iso()) == (precision, earliest, latest, value)


@pytest.mark.parametrize("value", ["", "hier", "2024-13", "2024-02-30", "12/03/2023", None])
def test_malformed_dates_are_refused_in_french(value):
    with pytest.raises(InvalidAnswer, match="date valide"):
        PartialDate.parse(value)


def test_french_rendering():
    assert PartialDate.parse("2026-12-01").french() == "1er décembre 2026"
    assert PartialDate.parse("2024-03").french() == "mars 2024"


def test_licence_in_the_future_is_refused_with_today_in_the_message():
    with pytest.raises(InvalidAnswer) as error:
        slot_values.licence_date("2027-01-10", TODAY)
    assert "dans le futur" in error.value.message_fr and "23 novembre 2026" in error.value.message_fr


def test_licence_month_is_enough_but_a_recent_year_is_not():
    assert slot_values.licence_date("2024-03", TODAY).precision == "month"
    with pytest.raises(InvalidAnswer, match="En quel mois"):
        slot_values.licence_date("2024", TODAY)
    # four years back, probation is over whatever the month: the year is enough
    assert slot_values.licence_date("2022", TODAY).precision == "year"


def test_implausibly_old_date_is_refused():
    with pytest.raises(InvalidAnswer, match="1923"):
        slot_values.licence_date("1923-03-12", TODAY)


def test_letter_date_needs_the_day():
    with pytest.raises(InvalidAnswer, match="jour exact.*Quel jour de septembre 2026 ?"):
        slot_values.past_date("2026-09", TODAY, "la date de réception de la lettre 48N", need_day=True)
    with pytest.raises(InvalidAnswer, match="Quelle est la date de réception de la lettre 48N ?"):
        slot_values.past_date("2026", TODAY, "la date de réception de la lettre 48N", need_day=True)
    assert slot_values.past_date("2026-09-05", TODAY, "x", need_day=True).earliest() == date(2026, 9, 5)


def test_stage_may_be_planned_but_not_before_the_licence():
    licence = PartialDate.parse("2020-06")
    assert slot_values.stage_date("2027-01-12", TODAY, licence).earliest() == date(2027, 1, 12)
    with pytest.raises(InvalidAnswer, match="antérieur à l'obtention"):
        slot_values.stage_date("2019-01-12", TODAY, licence)
    with pytest.raises(InvalidAnswer, match="pas possible"):
        slot_values.stage_date("2030-01-12", TODAY, licence)


@pytest.mark.parametrize("value, expected", [(7, 7), (7.0, 7), ("0", 0), ("12", 12)])
def test_balance_accepts_0_to_12(value, expected):
    assert slot_values.balance(value) == expected


@pytest.mark.parametrize("value, message", [
    (15, "au plus 12 points"), (-2, "entier"), (6.5, "entier"), ("beaucoup", "de 0 à 12"), ([5, 8], "plusieurs valeurs"),
])
def test_impossible_balances_are_refused(value, message):
    with pytest.raises(InvalidAnswer, match=message):
        slot_values.balance(value)


def test_same_value_twice_is_not_ambiguous():
    assert slot_values.balance([5, 5]) == 5


@pytest.mark.parametrize("value, expected", [(True, True), ("false", False), ("oui", True), ("non", False)])
def test_yes_no(value, expected):
    assert slot_values.as_bool(value) is expected


def test_points_withdrawn_bounds():
    assert slot_values.points_withdrawn(6, 9) == 6
    with pytest.raises(InvalidAnswer, match="de 1 à 9"):
        slot_values.points_withdrawn(12, 9)


@pytest.mark.parametrize("read, said, message, expected", [
    ("2025-12-14", "le 14 décembre", "le 14 décembre", "2026-12-14"),          # in 13 days, not a year ago
    ("2025-12-06", "les 6 et 7 décembre", "je fais un stage les 6 et 7 décembre", "2026-12-06"),
    ("2025-12-08", "le 8/12", "le 8/12", "2026-12-08"),
    ("2026-01-02", "le 2 janvier", "le 2 janvier", "2027-01-02"),
    ("2026-11-20", "le 20 novembre", "le 20 novembre", "2026-11-20"),          # 11 days ago is nearer
    ("2025-12-14", "le 14 décembre", "j'ai fait mon stage le 14 décembre", "2025-12-14"),  # told as done
    ("2025-12-14", "14/12/2025", "14/12/2025", "2025-12-14"),                  # the year is written
    ("2026-11-24", "la semaine dernière", "la semaine dernière", "2026-11-24"),
    ("2026-01", "en janvier", "et si je le fais en janvier ?", "2027-01"),       # next January
    ("2026-03", "fin mars", "et si je le fais plutôt fin mars ?", "2027-03"),
    ("2026-11", "novembre", "en novembre", "2026-11"),                         # this very month
    ("2026-10", "le mois dernier", "le mois dernier", "2026-10"),
    ("2026-01-12", "janvier surement, le 12", "en janvier surement, le 12", "2027-01-12"),  # said in parts
    ("2026-01-12", "janvier 2026, le 12", "en janvier 2026, le 12", "2026-01-12"),
    ("2025-12-05", "le 5 décembre dernier", "le 5 décembre dernier", "2025-12-05"),
])
def test_a_stage_day_without_its_year_is_the_nearest_one(read, said, message, expected):
    assert slot_values.nearest_stage_day(read, said, message, date(2026, 12, 1)) == expected


@pytest.mark.parametrize("value, before, expected", [
    ("2024", "2025-02-03", "2024-02-03"),  # "non en fait c'était en 2024"
    ("2024", "2025-06", "2024-06"),
    ("2023", "2024-02-29", "2023-02-28"),  # no 29 February in 2023
    ("2024", None, "2024"),  # nothing known before: the year as said
    ("2024", "2024-02-03", "2024"),  # the same year: not a correction of the year
    ("2024-05-06", "2025-02-03", "2024-05-06"),  # a whole date replaces the old one
])
def test_a_year_alone_corrects_the_year_of_a_known_date(value, before, expected):
    assert slot_values.with_year_corrected(value, before) == expected


@pytest.mark.parametrize("text, value, awaiting, expected", [
    ("le 3", "2026-11-03", "2026-09", "2026-09-03"),
    ("ah si c'etait le 15 je crois", "2026-11-15", "2023-03", "2023-03-15"),
    ("mars", "2026-03", "2024", "2024-03"),
    ("euh en avril je pense", "2026-04", "2024", "2024-04"),
    ("le 3 octobre", "2026-10-03", "2026-09", "2026-10-03"),  # a whole answer is taken as it is
    ("mars 2025", "2025-03", "2024", "2025-03"),
    ("printemps", "2026-03", "2024", "2026-03"),  # not a month name
])
def test_a_bare_day_or_month_completes_the_date_awaiting_it(text, value, awaiting, expected):
    assert slot_values.completed_date(text, value, awaiting) == expected
