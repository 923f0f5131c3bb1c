"""Draft calendars for a later school year."""

from __future__ import annotations

import datetime as dt

import pytest

from deadlines.calendar import Calendar, CalendarRow, calendar_to_toml, load_calendar
from deadlines.draft import DraftResult, draft_calendar
from deadlines.workdays import WorkdayRule, is_working_day
from vigoklar.errors import UsageError


@pytest.fixture(scope="module")
def source() -> Calendar:
    return load_calendar("2024-2025")


@pytest.fixture(scope="module")
def draft(source: Calendar) -> DraftResult:
    return draft_calendar(source, "2025-2026")


def _drafted_from(draft: DraftResult, source_id: str) -> CalendarRow:
    """Return the draft row made from the source row ``source_id``."""
    return next(r for r in draft.calendar.rows if (r.draft_of or "").split(" ")[0] == source_id)


def test_draft_marked(draft: DraftResult) -> None:
    assert draft.calendar.draft
    assert draft.calendar.draft_from == "2024-2025"
    assert "\nutkast = true\n" in calendar_to_toml(draft.calendar)


def test_draft_keeps_every_row(source: Calendar, draft: DraftResult) -> None:
    assert len(draft.calendar.rows) == len(source.rows)
    assert len(draft.calendar.notes) == len(source.notes)


def test_draft_dates_on_working_days(draft: DraftResult) -> None:
    days = [row.start for row in draft.calendar.rows if row.form == "dato" and row.start]
    assert all(is_working_day(day) for day in days)


def test_draft_shifts_one_year(draft: DraftResult) -> None:
    # 24.10.2024 becomes 24.10.2025, a Friday.
    row = _drafted_from(draft, "2024-10-24-1")
    assert row.start == dt.date(2025, 10, 24)
    assert row.id == "2025-10-24-1"


def test_draft_moves_weekend(draft: DraftResult) -> None:
    # 25.10.2024 becomes Saturday 25.10.2025 and moves to Monday 27.10.2025.
    row = _drafted_from(draft, "2024-10-25-1")
    assert row.start == dt.date(2025, 10, 27)
    assert row.draft_of == "2024-10-25-1 (25.10.2025: lørdag)"


def test_draft_keeps_week_number(draft: DraftResult) -> None:
    row = _drafted_from(draft, "2024-U40-1")
    assert row.weeks == (40,)
    assert row.start == dt.date.fromisocalendar(2025, 40, 1)


def test_draft_references_follow_ids(draft: DraftResult) -> None:
    row = _drafted_from(draft, "2024-10-24-1")
    target = next(r for r in draft.calendar.rows if r.id == row.references[0])
    assert target.draft_of == "2024-10-22-1"


def test_draft_previous_rule(source: Calendar) -> None:
    result = draft_calendar(source, "2025-2026", WorkdayRule.PREVIOUS)
    row = _drafted_from(result, "2024-10-25-1")
    assert row.start == dt.date(2025, 10, 24)


def test_draft_two_years_on(source: Calendar) -> None:
    result = draft_calendar(source, "2026-2027")
    row = _drafted_from(result, "2024-10-24-1")
    assert row.start == dt.date(2026, 10, 26)


def test_draft_must_be_later(source: Calendar) -> None:
    with pytest.raises(UsageError) as caught:
        draft_calendar(source, "2024-2025")
    assert caught.value.code == "VK-C110"
