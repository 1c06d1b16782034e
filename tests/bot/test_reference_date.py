from datetime import date, datetime

import pytest

from bot import reference_date


def test_pinned_date_is_used(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "2026-03-04")
    assert reference_date.today() == date(2026, 3, 4)


def test_without_pin_today_is_the_date_in_paris(monkeypatch):
    monkeypatch.delenv("BOT_TODAY", raising=False)
    assert reference_date.today() == datetime.now(reference_date.PARIS).date()


def test_malformed_pin_is_refused_in_french(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "04/03/2026")
    with pytest.raises(RuntimeError, match="AAAA-MM-JJ"):
        reference_date.today()
