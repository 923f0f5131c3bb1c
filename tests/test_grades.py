"""The grade domain on the blank-beside-bad grades case file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from checks.grades import invalid_grades
from vigoklar.loader import read_file

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"


def test_k12_only_seven_fails() -> None:
    raw = read_file(CASES / "k12_nullable_grades.csv")
    grades = raw.frame[raw.header.index("karakter")]
    failing = raw.frame.loc[invalid_grades(grades), "_linje"].tolist()
    assert failing == [5]  # row 4, the grade 7, on file line 5


def test_blank_grade_not_invalid() -> None:
    assert invalid_grades(pd.Series(["", None, " "], dtype="string")).tolist() == [False] * 3


def test_grade_codes_accepted() -> None:
    codes = pd.Series(["1", "6", "IV", "IM", "GK", "B", "IB"], dtype="string")
    assert not invalid_grades(codes).any()


def test_lowercase_grade_invalid() -> None:
    assert invalid_grades(pd.Series(["iv", "0", "6+"], dtype="string")).tolist() == [True] * 3
