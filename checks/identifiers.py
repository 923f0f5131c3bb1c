"""Vectorised rules for Norwegian identifiers, for millions of rows at a time.

python-stdnum validates one ordinary fødselsnummer or D-nummer at a time,
but it rejects synthetic test numbers (month + 80) and does not know the
check-digit rule for numbers issued from 2032, so the mod-11 rule is written
here with numpy over whole columns.

Fødselsnummer rules (Skatteetaten, "Nye fødselsnummer og d-nummer fra 2032";
navikt/fnrvalidator):

1. 11 digits: DDMMYY, individnummer (3 digits), check digits k1 and k2.
2. k2 = 11 - (sum of weights 5,4,3,2,7,6,5,4,3,2 over digits 1-10) mod 11,
   where 11 gives 0 and 10 is invalid.
3. k1 uses the weights 3,7,6,1,8,9,4,5,2 over digits 1-9. Before 2032 the
   weighted sum including k1 must be 0 mod 11; numbers issued from 2032 may
   leave a remainder of 0, 1, 2 or 3.
4. D-nummer: day + 40. H-nummer and NAV's synthetic numbers: month + 40.
   Skatteetaten's synthetic test numbers (Tenor): month + 80.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

K1_WEIGHTS = np.array([3, 7, 6, 1, 8, 9, 4, 5, 2, 1])
K2_WEIGHTS = np.array([5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1])

#: Kinds of number returned in the ``kind`` column of :func:`classify_fodselsnummer`.
KIND_ORDINARY = "fodselsnummer"
KIND_D = "d_nummer"
KIND_H = "h_nummer_eller_syntetisk"  # month + 40
KIND_SYNTHETIC = "syntetisk"  # month + 80
KIND_D_SYNTHETIC = "d_nummer_syntetisk"  # day + 40 and month + 40 or + 80

#: Problems returned in the ``problem`` column; None means the number is valid.
PROBLEM_EMPTY = "tom"
PROBLEM_EXCEL = "excel_tallformat"
PROBLEM_NOT_DIGITS = "ikke_siffer"
PROBLEM_LENGTH = "feil_lengde"
PROBLEM_LENGTH_LEADING_ZERO = "mistet_innledende_null"
PROBLEM_CHECK_DIGIT_1 = "kontrollsiffer_1"
PROBLEM_CHECK_DIGIT_2 = "kontrollsiffer_2"
PROBLEM_DATE = "ugyldig_dato"

_EXCEL_PATTERN = r"^\d(?:[.,]\d+)?[eE]\+?\d+$"


def _digit_matrix(values: pd.Series) -> np.ndarray:
    joined = "".join(values.tolist())
    return (
        np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(-1, 11).astype(np.int64) - 48
    )


def _check_digits_ok(digits: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (k1 ok, k2 ok, k1 uses the 2032 rule) for an (n, 11) digit matrix."""
    remainder_1 = (digits[:, :10] * K1_WEIGHTS).sum(axis=1) % 11
    remainder_2 = (digits * K2_WEIGHTS).sum(axis=1) % 11
    k1_ok = remainder_1 <= 3
    return k1_ok, remainder_2 == 0, k1_ok & (remainder_1 != 0)


def _birth_dates(digits: np.ndarray) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Return (birth date or NaT, day + 40, month offset 0/40/80) for an (n, 11) digit matrix."""
    day = digits[:, 0] * 10 + digits[:, 1]
    month = digits[:, 2] * 10 + digits[:, 3]
    year = digits[:, 4] * 10 + digits[:, 5]
    individual = digits[:, 6] * 100 + digits[:, 7] * 10 + digits[:, 8]

    d_number = day > 40
    day = np.where(d_number, day - 40, day)
    month_offset = np.select([month > 80, month > 40], [80, 40], 0)
    month = month - month_offset

    century = np.select(
        [
            individual <= 499,
            (individual <= 749) & (year >= 54),
            (individual >= 500) & (year < 40),
            (individual >= 900) & (year >= 40),
        ],
        [1900, 1800, 2000, 1900],
        default=0,
    )
    parts = pd.DataFrame({"year": century + year, "month": month, "day": day})
    parts.loc[century == 0, "year"] = 0  # no century fits this individnummer
    born = pd.to_datetime(parts, errors="coerce")
    return born, d_number, month_offset


def classify_fodselsnummer(values: pd.Series) -> pd.DataFrame:
    """Classify each value of ``values`` as a Norwegian national identity number.

    Returns a frame with the index of ``values`` and the columns ``valid``
    (bool), ``kind`` (one of the ``KIND_*`` constants, for values of 11 digits),
    ``rule_2032`` (k1 uses the remainder 1-3 allowed from 2032), ``birth_date``
    and ``problem`` (one of the ``PROBLEM_*`` constants, or None when valid).
    """
    text = values.astype("string").str.strip()
    result = pd.DataFrame(
        {
            "valid": False,
            "kind": pd.Series(pd.NA, index=values.index, dtype="string"),
            "rule_2032": False,
            "birth_date": pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"),
            "problem": pd.Series(pd.NA, index=values.index, dtype="string"),
        },
        index=values.index,
    )

    empty = text.isna() | (text == "")
    excel = ~empty & text.str.fullmatch(_EXCEL_PATTERN).fillna(False).astype(bool)
    digits_only = ~empty & text.str.fullmatch(r"\d+").fillna(False).astype(bool)
    length = text.str.len().fillna(0).astype(int)
    eleven = digits_only & (length == 11)

    result.loc[empty, "problem"] = PROBLEM_EMPTY
    result.loc[excel, "problem"] = PROBLEM_EXCEL
    result.loc[~empty & ~excel & ~digits_only, "problem"] = PROBLEM_NOT_DIGITS
    result.loc[digits_only & (length == 10), "problem"] = PROBLEM_LENGTH_LEADING_ZERO
    result.loc[digits_only & (length != 10) & (length != 11), "problem"] = PROBLEM_LENGTH

    if eleven.any():
        digits = _digit_matrix(text[eleven])
        k1_ok, k2_ok, rule_2032 = _check_digits_ok(digits)
        born, d_number, month_offset = _birth_dates(digits)
        kind = np.select(
            [d_number & (month_offset > 0), d_number, month_offset == 80, month_offset == 40],
            [KIND_D_SYNTHETIC, KIND_D, KIND_SYNTHETIC, KIND_H],
            default=KIND_ORDINARY,
        )
        problem = np.select(
            [~k1_ok, ~k2_ok, born.isna().to_numpy()],
            [PROBLEM_CHECK_DIGIT_1, PROBLEM_CHECK_DIGIT_2, PROBLEM_DATE],
            default="",
        )
        index = text.index[eleven]
        result.loc[index, "kind"] = kind
        result.loc[index, "rule_2032"] = rule_2032 & k2_ok
        result.loc[index, "birth_date"] = born.to_numpy()
        result.loc[index, "problem"] = pd.Series(problem, index=index).replace("", pd.NA)
        result.loc[index, "valid"] = problem == ""
    return result


def leading_zero_candidate(value: str) -> str | None:
    """Return ``"0" + value`` when a 10-digit ``value`` becomes a valid number with it."""
    if len(value) != 10 or not value.isdigit():
        return None
    candidate = "0" + value
    valid = classify_fodselsnummer(pd.Series([candidate]))["valid"].iloc[0]
    return candidate if bool(valid) else None
