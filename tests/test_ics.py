"""iCalendar export of the 2024-2025 calendar."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from deadlines.calendar import Calendar, load_calendar
from deadlines.ics import calendar_to_ics, event_uid

STAMP = dt.datetime(2024, 7, 4, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar("2024-2025")


@pytest.fixture(scope="module")
def data(calendar: Calendar) -> bytes:
    return calendar_to_ics(calendar, alarm_days=3, stamp=STAMP)


@pytest.fixture(scope="module")
def events(data: bytes) -> dict[str, icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in parsed.walk("VEVENT")}


def test_one_event_per_dated_row(calendar: Calendar, events: dict[str, icalendar.Event]) -> None:
    dated = [row for row in calendar.rows if row.form in ("dato", "periode", "uke") and row.start]
    assert len(events) == len(dated) == 109


def test_undated_rows_skipped(calendar: Calendar, events: dict[str, icalendar.Event]) -> None:
    skipped = {row.form for row in calendar.rows if event_uid("2024-2025", row.id) not in events}
    assert skipped == {"vag", "gjentakende"}


def test_uid_stable(events: dict[str, icalendar.Event]) -> None:
    assert "2024-2025-2024-10-24-1@vigoklar" in events


def test_all_day_event(events: dict[str, icalendar.Event]) -> None:
    event = events["2024-2025-2024-10-24-1@vigoklar"]
    assert event["DTSTART"].dt == dt.date(2024, 10, 24)
    assert event["DTEND"].dt == dt.date(2024, 10, 25)
    assert event["DTSTART"].params["VALUE"] == "DATE"


def test_week_event_spans_weeks(events: dict[str, icalendar.Event]) -> None:
    event = events["2024-2025-2025-U31-1@vigoklar"]
    assert event["DTSTART"].dt == dt.date(2025, 7, 28)
    assert event["DTEND"].dt == dt.date(2025, 8, 11)


def test_range_event(events: dict[str, icalendar.Event]) -> None:
    event = events["2024-2025-2025-06-16-2@vigoklar"]
    assert event["DTEND"].dt == dt.date(2025, 6, 19)


def test_description_fields(events: dict[str, icalendar.Event]) -> None:
    description = str(events["2024-2025-2024-10-22-1@vigoklar"]["DESCRIPTION"])
    assert "Fra: Fylkene" in description
    assert "VIGO-jobber: 5A019" in description
    assert "Kommentar: Rapport i VIGO: 5A019 - Oppdater rett" in description


def test_categories(events: dict[str, icalendar.Event]) -> None:
    event = events["2024-2025-2024-10-24-1@vigoklar"]
    assert event["CATEGORIES"].cats == ["SSB og Utdanningsdirektoratet ssbResultat og ssbElev"]


def test_alarm_on_delivery(events: dict[str, icalendar.Event]) -> None:
    (alarm,) = events["2024-2025-2024-10-24-1@vigoklar"].walk("VALARM")
    assert alarm["TRIGGER"].dt == dt.timedelta(days=-3)


def test_no_alarm_on_information(events: dict[str, icalendar.Event]) -> None:
    assert events["2024-2025-2024-07-31-1@vigoklar"].walk("VALARM") == []


def test_no_alarm_when_zero(calendar: Calendar) -> None:
    parsed = icalendar.Calendar.from_ical(calendar_to_ics(calendar, alarm_days=0, stamp=STAMP))
    assert parsed.walk("VALARM") == []


def test_calendar_headers(data: bytes) -> None:
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed["VERSION"] == "2.0"
    assert parsed["METHOD"] == "PUBLISH"
    assert str(parsed["PRODID"]).startswith("-//vigoklar//")
    assert str(parsed["X-WR-CALNAME"]) == "VIGO årshjul 2024-2025"


def test_crlf_line_ends(data: bytes) -> None:
    assert data.count(b"\n") == data.count(b"\r\n")


def test_same_bytes_for_same_stamp(calendar: Calendar, data: bytes) -> None:
    assert calendar_to_ics(calendar, alarm_days=3, stamp=STAMP) == data
