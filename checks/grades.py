"""The grade domain (karakter) as a vectorised rule, for the result deliveries.

A blank grade is missing, not invalid: whether a grade is required depends
on the subject and the delivery, so that is a separate rule.
"""

from __future__ import annotations

import tomllib
from functools import cache

import pandas as pd

from checks.context import CODE_LISTS_FILE


@cache
def grade_codes() -> frozenset[str]:
    """Return the valid grade codes from ``checks/kodeverk.toml``."""
    data = tomllib.loads(CODE_LISTS_FILE.read_text(encoding="utf-8"))
    return frozenset(data["karakter"]["koder"])


def invalid_grades(values: pd.Series) -> pd.Series:
    """Return a boolean mask of the values that are present but not a valid grade code."""
    text = values.astype("string").str.strip()
    present = text.notna() & (text != "")
    return (present & ~text.isin(grade_codes())).fillna(False).astype(bool)
