"""Norwegian working days, the rule that moves a date onto one, and ISO 8601 weeks.

A working day is Monday to Friday and not a Norwegian public holiday
(``holidays`` package, ``Norway``). Sundays count only as weekend days: the library can
also list every Sunday as a holiday, which vigoklar turns off explicitly
because the default changed between releases. Christmas Eve and New Year's
Eve are working days, as in the Public Holidays Act.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache

from holidays.countries.norway import Norway

#: Saturday and Sunday as ``date.weekday()`` numbers.
WEEKEND = (5, 6)


class WorkdayRule(StrEnum):
    """Direction in which a date that is not a working day moves onto one."""

    NEXT = "neste"
    PREVIOUS = "forrige"


DEFAULT_RULE = WorkdayRule.NEXT


@cache
def _norwegian_holidays(year: int) -> Norway:
    return Norway(years=year, include_sundays=False, language="no")


def holiday_name(day: dt.date) -> str | None:
    """Return the Norwegian name of the public holiday on ``day``, or None."""
    name = _norwegian_holidays(day.year).get(day)
    return None if name is None else str(name)


def is_working_day(day: dt.date) -> bool:
    """Return whether ``day`` is a weekday that is not a public holiday."""
    return day.weekday() not in WEEKEND and holiday_name(day) is None


def next_working_day(day: dt.date) -> dt.date:
    """Return ``day`` if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def previous_working_day(day: dt.date) -> dt.date:
    """Return ``day`` if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def effective_date(day: dt.date, rule: WorkdayRule = DEFAULT_RULE) -> dt.date:
    """Return the working day that ``day`` falls on under ``rule``."""
    if rule is WorkdayRule.PREVIOUS:
        return previous_working_day(day)
    return next_working_day(day)


def iso_week_range(year: int, week: int) -> tuple[dt.date, dt.date]:
    """Return the Monday and Sunday of ISO 8601 week ``week`` of ``year``.

    Raises ``ValueError`` for a week the year does not have (week 53 of a
    52-week year, week 0, week 54), instead of rolling into the next year.
    """
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def weeks_in_year(year: int) -> int:
    """Return 52 or 53: the number of ISO 8601 weeks in ``year``."""
    return dt.date(year, 12, 28).isocalendar().week
