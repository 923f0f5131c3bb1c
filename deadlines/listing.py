"""Filter a calendar's rows and lay them out as a plain aligned text table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from deadlines.calendar import Calendar, CalendarRow
from vigoklar.errors import UsageError
from vigoklar.i18n import t

#: Longest "Hva" and "Fra"/"Til" text shown before it is cut with "…".
WHAT_WIDTH = 70
PARTY_WIDTH = 28


def _in_month(row: CalendarRow, month: int) -> bool:
    if row.start is None or row.end is None:
        return row.month is not None and int(row.month[5:7]) == month
    # A range or week row counts in every month it touches.
    first = row.start.year * 12 + row.start.month
    last = row.end.year * 12 + row.end.month
    return any((index - 1) % 12 + 1 == month for index in range(first, last + 1))


def filter_rows(
    calendar: Calendar,
    month: int | None = None,
    category: str | None = None,
    receiver: str | None = None,
    delivery: str | None = None,
) -> tuple[CalendarRow, ...]:
    """Return the rows of ``calendar`` that pass every filter that is given.

    Raises UsageError for a month outside 1–12 or a category the calendar
    does not have, because an empty listing would hide the typo.
    """
    if month is not None and not 1 <= month <= 12:
        raise UsageError("VK-C111", "kalender.error.bad_month", value=month)
    if category is not None and calendar.category(category) is None:
        raise UsageError(
            "VK-C112",
            "kalender.error.unknown_category",
            value=category,
            known=", ".join(c.id for c in calendar.categories),
        )
    rows: Iterable[CalendarRow] = calendar.rows
    if month is not None:
        rows = [row for row in rows if _in_month(row, month)]
    if category is not None:
        rows = [row for row in rows if row.category == category]
    if receiver is not None:
        rows = [row for row in rows if receiver.casefold() in row.receiver.casefold()]
    if delivery is not None:
        rows = [row for row in rows if (row.delivery or "").casefold() == delivery.casefold()]
    return tuple(rows)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _date_cell(row: CalendarRow) -> str:
    if row.start is None:
        return row.date_text
    if row.form == "dato":
        return f"{row.start:%d.%m.%Y}"
    assert row.end is not None
    return f"{row.start:%d.%m.%Y}–{row.end:%d.%m.%Y}"


def format_rows(rows: Sequence[CalendarRow]) -> str:
    """Return ``rows`` as a text table with headers in the current language."""
    headers = [
        t(f"kalender.vis.header.{name}")
        for name in (
            "date",
            "workday",
            "kind",
            "category",
            "sender",
            "what",
            "receiver",
            "delivery",
        )
    ]
    table = [headers]
    for row in rows:
        workday = (
            f"{row.effective:%d.%m.%Y}" if row.effective and row.effective != row.start else ""
        )
        table.append(
            [
                _date_cell(row),
                workday,
                t(f"kalender.kind.{row.kind}"),
                row.category,
                _cut(row.sender, PARTY_WIDTH),
                _cut(row.description, WHAT_WIDTH),
                _cut(row.receiver, PARTY_WIDTH),
                row.delivery or "",
            ]
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
