"""The hub's command line says days in the worker's language, as its screens do."""

from __future__ import annotations

from datetime import UTC, datetime

from app.hub.admin_cli import _when
from app.hub.casework.admin_cli import _day
from app.i18n import speaking

TUESDAY = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)


def test_days_and_months_on_the_command_line_are_in_english_or_welsh() -> None:
    assert "Tuesday 3 November 2026" in _when(TUESDAY)
    assert _day(TUESDAY) == "3 November 2026"
    with speaking("cy-GB"):
        assert "Dydd Mawrth 3 Tachwedd 2026" in _when(TUESDAY), _when(TUESDAY)
        assert _day(TUESDAY) == "3 Tachwedd 2026"
