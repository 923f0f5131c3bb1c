"""Draft the calendar of a later school year from an imported one.

VIGO IKS publishes each year's calendar late, so counties plan with a draft.
Every dated row keeps its day and month, shifted by whole years and moved
onto a working day by the calendar's rule. Week rows keep their ISO week
number, and vague rows keep their month. Texts are copied unchanged, so a draft
row's "Hva" may still name the old school year's dates.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from deadlines.arshjul import WEEKDAY_NAMES, Finding, slug
from deadlines.calendar import Calendar, CalendarRow, school_year_start
from deadlines.workdays import WorkdayRule, effective_date, holiday_name
from vigoklar.errors import UsageError

MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "mai",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "des",
)


@dataclass(frozen=True)
class DraftResult:
    """A draft calendar, how many dates were moved onto a working day, and what to check."""

    calendar: Calendar
    moved: int
    findings: tuple[Finding, ...]


def _shift(day: dt.date, years: int, row_id: str, findings: list[Finding]) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        findings.append(
            Finding(
                "VK-C021", 0, "kalender.finding.feb29", {"id": row_id, "year": day.year + years}
            )
        )
        return day.replace(year=day.year + years, day=28)


def _day_text(day: dt.date) -> str:
    return f"{day.day:02d}.{MONTH_ABBREVIATIONS[day.month - 1]}"


class _Drafter:
    def __init__(self, source: Calendar, years: int, rule: WorkdayRule) -> None:
        self.source = source
        self.years = years
        self.rule = rule
        self.findings: list[Finding] = []
        self.moved = 0

    def move(self, day: dt.date, row_id: str) -> dt.date:
        shifted = _shift(day, self.years, row_id, self.findings)
        moved = effective_date(shifted, self.rule)
        if moved != shifted:
            self.moved += 1
        return moved

    def shift_optional(self, day: dt.date | None, row_id: str) -> dt.date | None:
        return None if day is None else _shift(day, self.years, row_id, self.findings)

    def draft_row(self, row: CalendarRow) -> CalendarRow:
        start, end, date_text, month = row.start, row.end, row.date_text, row.month
        if row.form == "dato" and row.start:
            start = end = self.move(row.start, row.id)
            date_text = _day_text(start)
        elif row.form == "periode" and row.start and row.end:
            start = self.move(row.start, row.id)
            end = max(start, self.move(row.end, row.id))
            date_text = f"{_day_text(start)} til {_day_text(end)}"
        elif row.form == "uke" and row.start and row.weeks:
            start, end = self.draft_weeks(row)
        elif row.form == "vag" and row.start:
            year = row.start.year + self.years
            start = dt.date(year, row.start.month, 1)
            end = dt.date(
                year, row.start.month, month_calendar.monthrange(year, row.start.month)[1]
            )
        if month is not None:
            year, number = (int(part) for part in month.split("-"))
            month = f"{year + self.years:04d}-{number:02d}"
        draft_of = row.id
        if row.form == "dato" and start is not None and row.start is not None:
            shifted = _shift(row.start, self.years, row.id, [])
            if shifted != start:
                reason = holiday_name(shifted) or WEEKDAY_NAMES[shifted.weekday()]
                draft_of = f"{row.id} ({shifted:%d.%m.%Y}: {reason})"
        return replace(
            row,
            month=month,
            date_text=date_text,
            start=start,
            end=end,
            effective=start if row.form == "dato" else None,
            not_working_day=None,
            registration_deadline=self.shift_optional(row.registration_deadline, row.id),
            admission_deadline=self.shift_optional(row.admission_deadline, row.id),
            in_vigo_by=self.shift_optional(row.in_vigo_by, row.id),
            invalid_dates=(),
            draft_of=draft_of,
        )

    def draft_weeks(self, row: CalendarRow) -> tuple[dt.date | None, dt.date | None]:
        assert row.start is not None
        year = row.start.isocalendar().year + self.years
        try:
            return (
                dt.date.fromisocalendar(year, row.weeks[0], 1),
                dt.date.fromisocalendar(year, row.weeks[-1], 7),
            )
        except ValueError:
            self.findings.append(
                Finding(
                    "VK-C022",
                    0,
                    "kalender.finding.draft_no_week",
                    {"id": row.id, "week": row.weeks[-1], "year": year},
                )
            )
            return None, None


def _new_ids(rows: list[CalendarRow]) -> tuple[list[CalendarRow], dict[str, str]]:
    """Give draft rows ids from their new dates; return them and the map from old to new ids."""
    used: Counter[str] = Counter()
    renamed: dict[str, str] = {}
    result: list[CalendarRow] = []
    for row in rows:
        if row.form in ("dato", "periode") and row.start:
            base = row.start.isoformat()
        elif row.form == "uke" and row.start and row.weeks:
            base = f"{row.start.isocalendar().year}-U{row.weeks[0]:02d}"
        elif row.form == "vag" and row.start:
            base = f"{row.start:%Y-%m}-{slug(row.description, 4)}"
        else:
            base = row.id
        used[base] += 1
        dated = row.form in ("dato", "periode", "uke") and row.start is not None
        new_id = f"{base}-{used[base]}" if dated else base
        renamed[row.id] = new_id
        result.append(replace(row, id=new_id))
    return result, renamed


def draft_calendar(
    source: Calendar, school_year: str, rule: WorkdayRule | None = None
) -> DraftResult:
    """Return a draft calendar for ``school_year`` made from ``source``."""
    try:
        target_start = school_year_start(school_year)
    except ValueError:
        raise UsageError("VK-C108", "kalender.error.bad_school_year", value=school_year) from None
    years = target_start - school_year_start(source.school_year)
    if years <= 0:
        raise UsageError(
            "VK-C110", "kalender.error.draft_not_later", year=school_year, source=source.school_year
        )
    drafter = _Drafter(source, years, rule or source.workday_rule)
    rows, renamed = _new_ids([drafter.draft_row(row) for row in source.rows])
    draft = replace(
        source,
        school_year=school_year,
        title=f"UTKAST {school_year} ({source.title})" if source.title else f"UTKAST {school_year}",
        draft=True,
        draft_from=source.school_year,
        workday_rule=drafter.rule,
        rows=tuple(
            replace(row, references=tuple(renamed.get(ref, ref) for ref in row.references))
            for row in rows
        ),
        notes=tuple(
            replace(note, references=tuple(renamed.get(ref, ref) for ref in note.references))
            for note in source.notes
        ),
    )
    return DraftResult(draft, drafter.moved, tuple(drafter.findings))
