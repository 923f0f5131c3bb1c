"""The hand-kept deliveries in leveranser.toml agree with the imported calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from deadlines.calendar import Calendar, CalendarRow, load_calendar
from deadlines.deliveries import Deadline, Delivery, load_deliveries

DELIVERIES = [d for d in load_deliveries() if d.school_year == "2024-2025"]


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar("2024-2025")


def _rows_of(calendar: Calendar, day: dt.date, delivery: Delivery) -> list[CalendarRow]:
    return [row for row in calendar.rows_on(day) if row.delivery == delivery.kind]


def _matches(calendar: Calendar, delivery: Delivery, deadline: Deadline) -> bool:
    """Whether a calendar row backs ``deadline`` by its jobs, delivery or in-text date."""
    if deadline.role == "registrering":
        return any(
            row.registration_deadline == deadline.date for row in calendar.rows_on(delivery.date)
        )
    if deadline.role == "privatskoledata":
        assert deadline.start is not None
        return any(
            row.category == "udir_privatskole" and row.in_vigo_by == deadline.date
            for row in _rows_of(calendar, deadline.start, delivery)
        )
    if deadline.jobs:
        return any(set(deadline.jobs) & set(row.jobs) for row in calendar.rows_on(deadline.date))
    return bool(_rows_of(calendar, deadline.date, delivery))


def test_deliveries_present() -> None:
    assert [d.id for d in DELIVERIES][:2] == ["ssbElev-2024-10-24", "ssbElev-2024-11-07"]


@pytest.mark.parametrize("delivery", DELIVERIES, ids=lambda d: d.id)
def test_delivery_date_is_delivery_row(calendar: Calendar, delivery: Delivery) -> None:
    rows = _rows_of(calendar, delivery.date, delivery)
    assert [row.kind for row in rows] == ["levering"]


@pytest.mark.parametrize(
    ("delivery", "deadline"),
    [(d, f) for d in DELIVERIES for f in d.deadlines],
    ids=lambda value: value.id if isinstance(value, Delivery) else value.role,
)
def test_deadline_backed_by_row(calendar: Calendar, delivery: Delivery, deadline: Deadline) -> None:
    assert _matches(calendar, delivery, deadline)


def test_oppdater_rett_row_names_5a019(calendar: Calendar) -> None:
    (row,) = calendar.rows_on(dt.date(2024, 10, 22))
    assert "5A019" in row.jobs


def test_skoleimport_row_names_6a001(calendar: Calendar) -> None:
    (row,) = calendar.rows_on(dt.date(2024, 10, 10))
    assert "6A001" in row.jobs


def test_wrong_date_not_backed(calendar: Calendar) -> None:
    delivery = DELIVERIES[0]
    wrong = Deadline(role="oppdater_rett", date=dt.date(2024, 10, 21), jobs=("5A018", "5A019"))
    assert not _matches(calendar, delivery, wrong)
