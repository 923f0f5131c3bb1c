"""Export a calendar as an iCalendar (RFC 5545) file for Outlook, Google and others.

Every dated row (a day, a range or ISO weeks) becomes one all-day event.
Vague rows ("I løpet av august"), the monthly recurring row and rows whose
date could not be read have no day to put an event on, so they are left out.
UIDs are built from the school year and the row id, so importing the file
again updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from deadlines.calendar import Calendar, CalendarRow
from vigoklar.i18n import t

PRODUCT_ID = "-//vigoklar//VIGO årshjul//NO"
#: Row kinds that get a reminder, because the county must act on them by the date.
ALARM_KINDS = ("frist", "siste_dato", "levering")
SUMMARY_LENGTH = 120


def event_uid(school_year: str, row_id: str) -> str:
    """Return the stable UID of a row's event, for example ``2024-2025-2024-10-24-1@vigoklar``."""
    return f"{school_year}-{row_id}@vigoklar"


def _summary(row: CalendarRow) -> str:
    text = row.description or row.comment or row.date_text
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _description(row: CalendarRow) -> str:
    lines = [t("kalender.ics.kind", value=t(f"kalender.kind.{row.kind}"))]
    if row.description and _summary(row) != row.description:
        lines.append(row.description)
    if row.sender:
        lines.append(t("kalender.ics.sender", value=row.sender))
    if row.receiver:
        lines.append(t("kalender.ics.receiver", value=row.receiver))
    if row.comment:
        lines.append(t("kalender.ics.comment", value=row.comment))
    if row.jobs:
        lines.append(t("kalender.ics.jobs", value=", ".join(row.jobs)))
    if row.delivery:
        lines.append(t("kalender.ics.delivery", value=row.delivery))
    if row.registration_deadline:
        lines.append(t("kalender.ics.registration", value=f"{row.registration_deadline:%d.%m.%Y}"))
    if row.effective and row.start and row.effective != row.start:
        lines.append(
            t(
                "kalender.ics.effective",
                date=f"{row.start:%d.%m.%Y}",
                reason=row.not_working_day or "",
                effective=f"{row.effective:%d.%m.%Y}",
            )
        )
    lines.append(t("kalender.ics.date_text", value=row.date_text))
    return "\n".join(lines)


def _event(
    calendar: Calendar, row: CalendarRow, alarm_days: int, stamp: dt.datetime
) -> icalendar.Event:
    assert row.start is not None
    end = row.end or row.start
    event = icalendar.Event()
    event.add("uid", event_uid(calendar.school_year, row.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", row.start)
    # DTEND of an all-day event is exclusive: the day after the last day.
    event.add("dtend", end + dt.timedelta(days=1))
    event.add("summary", _summary(row))
    event.add("description", _description(row))
    category = calendar.category(row.category)
    event.add("categories", [category.name if category else row.category])
    event.add("transp", "TRANSPARENT")
    if alarm_days > 0 and row.kind in ALARM_KINDS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", dt.timedelta(days=-alarm_days))
        alarm.add("description", t("kalender.ics.alarm", days=alarm_days, summary=_summary(row)))
        event.add_component(alarm)
    return event


def calendar_to_ics(
    calendar: Calendar, alarm_days: int = 3, stamp: dt.datetime | None = None
) -> bytes:
    """Return ``calendar`` as iCalendar bytes (CRLF line ends), one event per dated row.

    ``stamp`` is the DTSTAMP of every event (default: now, in UTC).
    """
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    name_key = "kalender.ics.draft_name" if calendar.draft else "kalender.ics.calendar_name"
    ical = icalendar.Calendar()
    ical.add("prodid", PRODUCT_ID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    ical.add("x-wr-calname", t(name_key, year=calendar.school_year))
    ical.add("x-wr-timezone", "Europe/Oslo")
    for row in calendar.rows:
        if row.is_dated:
            ical.add_component(_event(calendar, row, alarm_days, stamp))
    return bytes(ical.to_ical())


def write_ics(
    calendar: Calendar, path: Path, alarm_days: int = 3, stamp: dt.datetime | None = None
) -> int:
    """Write ``calendar`` to ``path`` as iCalendar and return the number of events."""
    data = calendar_to_ics(calendar, alarm_days, stamp)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sum(1 for row in calendar.rows if row.is_dated)
