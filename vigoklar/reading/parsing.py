"""Vectorised parsers for the typed columns of an extract: dates, timestamps, numbers.

Each parser takes a whole text column and the ``_linje`` column beside it,
and returns the parsed values (missing where the text was empty or invalid)
together with one :class:`InputProblem` per invalid value. Dates are strictly
day first: ``31.09.2024`` is an invalid date, ``1.10.24`` a wrong format, and
no value is ever read month first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from vigoklar.reading.problems import InputProblem

DEFAULT_DATE_FORMAT = "dd.mm.yyyy"
_DATE_TOKENS = {"dd": r"(?P<day>\d{2})", "mm": r"(?P<month>\d{2})", "yyyy": r"(?P<year>\d{4})"}
_TIME = r" (?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
# Digits grouped by a space, a no-break space or a narrow no-break space, as Norwegian
# number formatting (and Excel) writes them.
_GROUPED_DIGITS = r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)"
_INTEGER = re.compile(_GROUPED_DIGITS)
_DECIMAL = re.compile(_GROUPED_DIGITS + r"(?:,\d+)?")
_GROUP_SEPARATORS = re.compile(r"[ \u00a0\u202f]")


@dataclass(frozen=True)
class Parsed:
    """Parsed values with the index of their input, and the problems of the invalid ones."""

    values: pd.Series
    problems: tuple[InputProblem, ...]


def date_regex(date_format: str) -> str:
    """Return the regular expression for ``date_format`` (tokens ``dd``, ``mm``, ``yyyy``).

    Raises ``ValueError`` unless each token occurs exactly once.
    """
    pattern = ""
    rest = date_format
    found: list[str] = []
    while rest:
        for token, group in _DATE_TOKENS.items():
            if rest.startswith(token):
                pattern += group
                found.append(token)
                rest = rest[len(token) :]
                break
        else:
            pattern += re.escape(rest[0])
            rest = rest[1:]
    if sorted(found) != sorted(_DATE_TOKENS):
        raise ValueError(date_format)
    return pattern


def _problems(
    code: str,
    mask: pd.Series,
    text: pd.Series,
    lines: pd.Series,
    file: str,
    column: str,
    **details: object,
) -> list[InputProblem]:
    return [
        InputProblem(code, file, line=int(line), column=column, value=str(value), details=details)
        for value, line in zip(text[mask], lines[mask], strict=True)
    ]


def _as_text(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = values.astype("string")
    return text, text.notna()


def _to_datetime(parts: pd.DataFrame, matched: pd.Series) -> pd.Series:
    result = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[ns]")
    if matched.any():
        numbers = parts[matched].fillna("0").astype("int64")
        result[matched] = pd.to_datetime(numbers, errors="coerce")
    return result


def parse_dates(
    values: pd.Series,
    lines: pd.Series,
    *,
    file: str,
    column: str,
    date_format: str = DEFAULT_DATE_FORMAT,
) -> Parsed:
    """Parse a text column of dates in ``date_format`` (default ``dd.mm.yyyy``)."""
    text, present = _as_text(values)
    parts = text.str.extract(f"^{date_regex(date_format)}$")
    matched = present & parts["day"].notna()
    dates = _to_datetime(parts[["year", "month", "day"]], matched)
    invalid = matched & dates.isna()
    wrong_format = present & ~matched
    problems = [
        *_problems("VK-I031", wrong_format, text, lines, file, column, format=date_format),
        *_problems("VK-I030", invalid, text, lines, file, column, format=date_format),
    ]
    return Parsed(dates, tuple(sorted(problems, key=_line_key)))


def parse_timestamps(
    values: pd.Series,
    lines: pd.Series,
    *,
    file: str,
    column: str,
    date_format: str = DEFAULT_DATE_FORMAT,
) -> Parsed:
    """Parse a text column of timestamps: a date in ``date_format``, then ``hh:mm[:ss]``."""
    text, present = _as_text(values)
    parts = text.str.extract(f"^{date_regex(date_format)}{_TIME}$")
    matched = present & parts["day"].notna()
    clock = parts[["hour", "minute", "second"]].fillna("0").astype("int64")
    # pandas rolls 25:00 over to the next day; a clock field out of range is invalid instead.
    clock_ok = (clock["hour"] <= 23) & (clock["minute"] <= 59) & (clock["second"] <= 59)
    stamps = _to_datetime(
        parts[["year", "month", "day", "hour", "minute", "second"]], matched & clock_ok
    )
    invalid = matched & stamps.isna()
    wrong_format = present & ~matched
    shown = f"{date_format} tt:mm[:ss]"
    problems = [
        *_problems("VK-I033", wrong_format, text, lines, file, column, format=shown),
        *_problems("VK-I032", invalid, text, lines, file, column, format=shown),
    ]
    return Parsed(stamps, tuple(sorted(problems, key=_line_key)))


def parse_decimals(values: pd.Series, lines: pd.Series, *, file: str, column: str) -> Parsed:
    """Parse a text column of numbers with a decimal comma into exact ``Decimal`` values.

    Digit groups may be separated by a space or a no-break space (``1 047,30``).
    """
    text, present = _as_text(values)
    valid = present & text.str.fullmatch(_DECIMAL.pattern).fillna(False).astype(bool)
    cleaned = text.str.replace(_GROUP_SEPARATORS.pattern, "", regex=True).str.replace(",", ".")
    result = pd.Series(
        [
            Decimal(value) if ok else None
            for value, ok in zip(cleaned.fillna(""), valid, strict=True)
        ],
        index=text.index,
        dtype="object",
    )
    problems = _problems("VK-I034", present & ~valid, text, lines, file, column)
    return Parsed(result, tuple(problems))


def parse_integers(values: pd.Series, lines: pd.Series, *, file: str, column: str) -> Parsed:
    """Parse a text column of whole numbers (space grouping allowed) into ``Int64``."""
    text, present = _as_text(values)
    valid = present & text.str.fullmatch(_INTEGER.pattern).fillna(False).astype(bool)
    cleaned = text[valid].str.replace(_GROUP_SEPARATORS.pattern, "", regex=True)
    # int64 stores 18 digits safely. Longer values are identifiers, not counts.
    fits = cleaned.str.lstrip("+-").str.len() <= 18
    valid[fits[~fits].index] = False
    result = pd.Series(pd.NA, index=text.index, dtype="Int64")
    result[valid] = [int(value) for value in cleaned[fits]]
    problems = _problems("VK-I035", present & ~valid, text, lines, file, column)
    return Parsed(result, tuple(problems))


def _line_key(problem: InputProblem) -> int:
    return problem.line or 0
