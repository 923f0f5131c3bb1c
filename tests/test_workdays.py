"""Working days, the moving rule and ISO weeks, against the shared holiday and week cases."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from deadlines.workdays import (
    WorkdayRule,
    effective_date,
    holiday_name,
    is_working_day,
    iso_week_range,
    next_working_day,
    previous_working_day,
    weeks_in_year,
)

CASES = Path(__file__).parent / "fixtures" / "cases"


def _read_cases(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d.%m.%Y").date()


K10_NEXT = {
    "02.04.2026": "07.04.2026",
    "17.05.2026": "18.05.2026",
    "17.05.2024": "21.05.2024",
    "24.12.2025": "24.12.2025",
    "01.05.2027": "03.05.2027",
}


def test_k10_cases_are_all_covered() -> None:
    assert [row["frist"] for row in _read_cases("k10_holidays.csv")] == list(K10_NEXT)


@pytest.mark.parametrize("row", _read_cases("k10_holidays.csv"), ids=lambda row: row["frist"])
def test_k10_next_working_day(row: dict[str, str]) -> None:
    assert next_working_day(_day(row["frist"])) == _day(K10_NEXT[row["frist"]])


K11_WEEKS = {
    ("40", "2025"): ("29.09.2025", "05.10.2025"),
    ("53", "2026"): ("28.12.2026", "03.01.2027"),
    ("1", "2026"): ("29.12.2025", "04.01.2026"),
}


@pytest.mark.parametrize(
    "row", _read_cases("k11_iso_weeks.csv"), ids=lambda row: f"{row['uke']}-{row['år']}"
)
def test_k11_iso_week_range(row: dict[str, str]) -> None:
    key = (row["uke"], row["år"])
    if key == ("53", "2025"):
        with pytest.raises(ValueError):
            iso_week_range(int(row["år"]), int(row["uke"]))
        return
    first, last = K11_WEEKS[key]
    assert iso_week_range(int(row["år"]), int(row["uke"])) == (_day(first), _day(last))


def test_week_53_only_in_long_years() -> None:
    assert weeks_in_year(2025) == 52
    assert weeks_in_year(2026) == 53


def test_christmas_eve_is_working_day() -> None:
    assert is_working_day(dt.date(2025, 12, 24))
    assert holiday_name(dt.date(2025, 12, 24)) is None


def test_plain_sunday_is_not_holiday() -> None:
    sunday = dt.date(2025, 3, 9)
    assert holiday_name(sunday) is None
    assert not is_working_day(sunday)


def test_holiday_name_in_norwegian() -> None:
    assert holiday_name(dt.date(2025, 5, 17)) == "Grunnlovsdag"


def test_previous_working_day_easter() -> None:
    # Maundy Thursday 2026 is 2 April, so the last working day before it is 1 April.
    assert previous_working_day(dt.date(2026, 4, 6)) == dt.date(2026, 4, 1)


def test_effective_date_follows_rule() -> None:
    saturday = dt.date(2024, 8, 31)
    assert effective_date(saturday) == dt.date(2024, 9, 2)
    assert effective_date(saturday, WorkdayRule.PREVIOUS) == dt.date(2024, 8, 30)


def test_working_day_unchanged_by_rule() -> None:
    monday = dt.date(2024, 10, 21)
    assert effective_date(monday, WorkdayRule.NEXT) == monday
    assert effective_date(monday, WorkdayRule.PREVIOUS) == monday
