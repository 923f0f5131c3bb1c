"""Vectorised rules for Norwegian identifiers, for millions of rows at a time.

python-stdnum (2.2) validates one ordinary fødselsnummer or D-nummer at a
time. It rejects synthetic test numbers (month + 80) and does not know the
check-digit rule for numbers issued from 2032. So the mod-11 rule is written
here, with numpy over whole columns.

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

The other identifiers (organisasjonsnummer, skolenummer, kommunenummer,
fylkesnummer, programområdekode, fagkode) follow below. Every classifier
returns a frame with the index of its input and the columns ``valid``,
``problem`` (a ``PROBLEM_*`` constant, or <NA> when nothing is wrong) and
``suggestion`` (the most likely intended value, where one can be named).
Code lists (counties, special kommune numbers) are read from
``checks/kodeverk.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

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
PROBLEM_FICTITIOUS = "fiktivt"

#: Kind of a placeholder number (all digits equal, or a birth date followed by 00000/99999).
KIND_FICTITIOUS = "fiktivt"

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
    # No century fits this individnummer: month 0 makes the date invalid (NaT). Year 0
    # would not, because pandas 3 then picks a coarser unit instead of failing.
    parts.loc[century == 0, "month"] = 0
    born = pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")
    return born, d_number, month_offset


def _fodselsnummer_valid(digits: np.ndarray) -> np.ndarray:
    """Return whether each row of an (n, 11) digit matrix passes both check digits."""
    k1_ok, k2_ok, _ = _check_digits_ok(digits)
    both: np.ndarray = k1_ok & k2_ok
    return both


def _transposition_suggestions(values: pd.Series) -> pd.Series:
    """Return, per value, the first swap of two adjacent digits that passes the check digits."""
    digits = _digit_matrix(values)
    suggestion = pd.Series(pd.NA, index=values.index, dtype="string")
    open_rows = np.ones(len(values), dtype=bool)
    for position in range(10):
        swapped = digits.copy()
        swapped[:, [position, position + 1]] = swapped[:, [position + 1, position]]
        fits = open_rows & _fodselsnummer_valid(swapped) & (swapped != digits).any(axis=1)
        if fits.any():
            text = ["".join(map(str, row)) for row in swapped[fits]]
            suggestion[values.index[fits]] = text
            open_rows &= ~fits
    return suggestion


def _fictitious(text: pd.Series) -> pd.Series:
    """Return which 11-digit values have the shape of a placeholder rather than an issued number."""
    same_digit = text.str.fullmatch(r"(\d)\1{10}").fillna(False).astype(bool)
    placeholder_tail = text.str.fullmatch(r"\d{6}(?:00000|99999)").fillna(False).astype(bool)
    return same_digit | placeholder_tail


def classify_fodselsnummer(values: pd.Series) -> pd.DataFrame:
    """Classify each value of ``values`` as a Norwegian national identity number.

    Returns a frame with the index of ``values`` and the columns ``valid``
    (bool), ``kind`` (one of the ``KIND_*`` constants, for values of 11 digits),
    ``rule_2032`` (k1 uses the remainder 1-3 allowed from 2032), ``birth_date``,
    ``problem`` (one of the ``PROBLEM_*`` constants, or None when valid) and
    ``suggestion``: for 10 digits the number with a leading zero when that is
    valid, and for a check-digit failure a swap of two adjacent digits that is.

    A 10-digit value is ``PROBLEM_LENGTH_LEADING_ZERO`` only when ``"0" +
    value`` is valid; otherwise it is ``PROBLEM_LENGTH``. Placeholders such as
    ``01010100000`` or ``11111111111`` that fail the check digits are
    ``PROBLEM_FICTITIOUS``.
    """
    text = values.astype("string").str.strip()
    result = pd.DataFrame(
        {
            "valid": False,
            "kind": pd.Series(pd.NA, index=values.index, dtype="string"),
            "rule_2032": False,
            "birth_date": pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"),
            "problem": pd.Series(pd.NA, index=values.index, dtype="string"),
            "suggestion": pd.Series(pd.NA, index=values.index, dtype="string"),
        },
        index=values.index,
    )

    empty = text.isna() | (text == "")
    excel = ~empty & text.str.fullmatch(_EXCEL_PATTERN).fillna(False).astype(bool)
    digits_only = ~empty & text.str.fullmatch(r"\d+").fillna(False).astype(bool)
    length = text.str.len().fillna(0).astype(int)
    eleven = digits_only & (length == 11)
    ten = digits_only & (length == 10)

    result.loc[empty, "problem"] = PROBLEM_EMPTY
    result.loc[excel, "problem"] = PROBLEM_EXCEL
    result.loc[~empty & ~excel & ~digits_only, "problem"] = PROBLEM_NOT_DIGITS
    result.loc[digits_only & (length != 11), "problem"] = PROBLEM_LENGTH

    if ten.any():
        candidates = "0" + text[ten]
        lost_zero = pd.Series(
            _fodselsnummer_valid(_digit_matrix(candidates)), index=candidates.index
        )
        lost_zero_index = lost_zero.index[lost_zero]
        result.loc[lost_zero_index, "problem"] = PROBLEM_LENGTH_LEADING_ZERO
        result.loc[lost_zero_index, "suggestion"] = candidates[lost_zero_index]

    if eleven.any():
        digits = _digit_matrix(text[eleven])
        k1_ok, k2_ok, rule_2032 = _check_digits_ok(digits)
        born, d_number, month_offset = _birth_dates(digits)
        # A placeholder pattern that passes both check digits may be a real number.
        fictitious = _fictitious(text[eleven]).to_numpy() & ~(k1_ok & k2_ok)
        kind = np.select(
            [
                fictitious,
                d_number & (month_offset > 0),
                d_number,
                month_offset == 80,
                month_offset == 40,
            ],
            [KIND_FICTITIOUS, KIND_D_SYNTHETIC, KIND_D, KIND_SYNTHETIC, KIND_H],
            default=KIND_ORDINARY,
        )
        problem = np.select(
            [fictitious, ~k1_ok, ~k2_ok, born.isna().to_numpy()],
            [PROBLEM_FICTITIOUS, PROBLEM_CHECK_DIGIT_1, PROBLEM_CHECK_DIGIT_2, PROBLEM_DATE],
            default="",
        )
        index = text.index[eleven]
        result.loc[index, "kind"] = kind
        result.loc[index, "rule_2032"] = rule_2032 & k2_ok
        result.loc[index, "birth_date"] = born.to_numpy()
        result.loc[index, "problem"] = pd.Series(problem, index=index).replace("", pd.NA)
        result.loc[index, "valid"] = problem == ""

        check_failed = ~fictitious & ~(k1_ok & k2_ok)
        if check_failed.any():
            failed = text[eleven][check_failed]
            result.loc[failed.index, "suggestion"] = _transposition_suggestions(failed)
    return result


def leading_zero_candidate(value: str) -> str | None:
    """Return ``"0" + value`` when a 10-digit ``value`` becomes a valid number with it."""
    if len(value) != 10 or not value.isdigit():
        return None
    candidate = "0" + value
    valid = classify_fodselsnummer(pd.Series([candidate]))["valid"].iloc[0]
    return candidate if bool(valid) else None


# Code lists ---------------------------------------------------------------------------------

KODEVERK_FILE = Path(__file__).resolve().parent / "kodeverk.toml"


@cache
def kodeverk() -> Mapping[str, Any]:
    """Return the code lists of ``checks/kodeverk.toml``."""
    with KODEVERK_FILE.open("rb") as handle:
        return tomllib.load(handle)


def current_counties() -> frozenset[str]:
    """Return the two-digit numbers of the counties in force."""
    return frozenset(kodeverk()["fylkesnummer"]["gyldige"])


def obsolete_counties() -> frozenset[str]:
    """Return the two-digit numbers of counties that no longer exist."""
    return frozenset(kodeverk()["fylkesnummer"]["utgatte"])


# Shared building blocks ---------------------------------------------------------------------

PROBLEM_FORMAT = "feil_format"
PROBLEM_CHECK_DIGIT = "kontrollsiffer"
PROBLEM_FIRST_DIGIT = "forste_siffer"
PROBLEM_UNKNOWN_COUNTY = "ukjent_fylke"
PROBLEM_OBSOLETE_COUNTY = "utgatt_fylke"
PROBLEM_SPECIAL_CODE = "spesialkode"
PROBLEM_OSLO = "oslo_kun_0301"
PROBLEM_UNPADDED = "mangler_utfylling"

#: Problems that are warnings: the value may be right, but deserves a look.
WARNING_PROBLEMS = frozenset(
    {
        PROBLEM_FICTITIOUS,
        PROBLEM_FIRST_DIGIT,
        PROBLEM_OBSOLETE_COUNTY,
        PROBLEM_SPECIAL_CODE,
    }
)

ORGNR_WEIGHTS = np.array([3, 2, 7, 6, 5, 4, 3, 2, 1])
PROGRAMOMRADEKODE_PATTERN = r"[A-Z]{5}[0-9][A-Z0-9-]{4}"
_PROGRAMOMRADEKODE_UNPADDED = r"[A-Z]{5}[0-9][A-Z0-9]{0,3}"
FAGKODE_PATTERN = r"[A-ZÆØÅ]{3,4}[0-9]{3,4}"


def _empty_result(index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "valid": pd.Series(False, index=index, dtype=bool),
            "problem": pd.Series(pd.NA, index=index, dtype="string"),
            "suggestion": pd.Series(pd.NA, index=index, dtype="string"),
        },
        index=index,
    )


def _matches(text: pd.Series, pattern: str) -> pd.Series:
    return text.str.fullmatch(pattern).fillna(False).astype(bool)


def _finish(result: pd.DataFrame, present: pd.Series) -> pd.DataFrame:
    """Mark present values without an error problem as valid; warnings stay valid."""
    problem = result["problem"]
    result["valid"] = present & (problem.isna() | problem.isin(list(WARNING_PROBLEMS)))
    return result


def _flag(result: pd.DataFrame, mask: pd.Series, problem: str) -> None:
    """Set ``problem`` where ``mask`` is true and no earlier problem was set."""
    open_rows = mask & result["problem"].isna()
    result.loc[open_rows, "problem"] = problem


# Organisasjonsnummer ------------------------------------------------------------------------


def classify_organisasjonsnummer(values: pd.Series) -> pd.DataFrame:
    """Classify each value as an organisasjonsnummer (9 digits, mod-11 check digit).

    The checksum is python-stdnum's ``stdnum.no.orgnr`` rule, computed over
    the whole column. A number that passes it but starts with neither 8 nor 9
    is ``PROBLEM_FIRST_DIGIT`` (a warning): the Enhetsregisteret issues only
    those.
    """
    text = values.astype("string").str.strip()
    result = _empty_result(values.index)
    present = text.notna() & (text != "")
    excel = present & _matches(text, _EXCEL_PATTERN)
    nine = present & _matches(text, r"\d{9}")
    _flag(result, excel, PROBLEM_EXCEL)
    _flag(result, present & ~nine, PROBLEM_FORMAT)
    if nine.any():
        digits = _digit_rows(text[nine], 9)
        checksum_ok = (digits * ORGNR_WEIGHTS).sum(axis=1) % 11 == 0
        first_ok = digits[:, 0] >= 8
        index = text.index[nine]
        _flag(
            result,
            pd.Series(~checksum_ok, index=index).reindex(text.index, fill_value=False),
            PROBLEM_CHECK_DIGIT,
        )
        _flag(
            result,
            pd.Series(~first_ok, index=index).reindex(text.index, fill_value=False),
            PROBLEM_FIRST_DIGIT,
        )
    return _finish(result, present)


def _digit_rows(values: pd.Series, width: int) -> np.ndarray:
    joined = "".join(values.tolist()).encode("ascii")
    digits: np.ndarray = np.frombuffer(joined, dtype=np.uint8).reshape(-1, width).astype(np.int64)
    return digits - 48


# Fylkesnummer, skolenummer, kommunenummer ---------------------------------------------------


def _county_problems(result: pd.DataFrame, mask: pd.Series, county: pd.Series) -> None:
    _flag(result, mask & county.isin(list(obsolete_counties())), PROBLEM_OBSOLETE_COUNTY)
    _flag(result, mask & ~county.isin(list(current_counties())), PROBLEM_UNKNOWN_COUNTY)


def classify_fylkesnummer(values: pd.Series) -> pd.DataFrame:
    """Classify each value as a fylkesnummer: two digits naming a county in force.

    Obsolete counties (30, 38, 54) are a warning; a single digit is a format
    problem with the zero-padded number as suggestion.
    """
    text = values.astype("string").str.strip()
    result = _empty_result(values.index)
    present = text.notna() & (text != "")
    two = present & _matches(text, r"\d{2}")
    one = present & _matches(text, r"\d")
    result.loc[one, "suggestion"] = "0" + text[one]
    _flag(result, present & ~two, PROBLEM_FORMAT)
    _county_problems(result, two, text)
    return _finish(result, present)


def classify_skolenummer(values: pd.Series) -> pd.DataFrame:
    """Classify each value as a VIGO skolenummer.

    A county school is the fylkesnummer plus three digits (``32015``); a
    private school is three digits, or ``00`` plus three digits as NVB writes
    it. When a column contains the ``00xxx`` form, a bare three-digit value in
    it has lost its leading zeros (Excel), and is a format problem.
    """
    codes = kodeverk()["skolenummer"]
    private_prefix = str(codes["privat_prefiks"])
    special = list(codes["spesielle"])

    text = values.astype("string").str.strip()
    result = _empty_result(values.index)
    present = text.notna() & (text != "")
    excel = present & _matches(text, _EXCEL_PATTERN)
    five = present & _matches(text, r"\d{5}")
    three = present & _matches(text, r"\d{3}")
    private_long = five & text.str.startswith(private_prefix).fillna(False).astype(bool)
    lost_zeros = three & bool(private_long.any())
    short = present & _matches(text, r"\d{1,4}") & ~three

    _flag(result, excel, PROBLEM_EXCEL)
    result.loc[lost_zeros, "suggestion"] = private_prefix + text[lost_zeros]
    result.loc[short, "suggestion"] = text[short].str.zfill(5)
    _flag(result, lost_zeros, PROBLEM_FORMAT)
    _flag(result, present & ~five & ~three, PROBLEM_FORMAT)
    county_school = five & ~private_long & ~text.isin(special)
    _county_problems(result, county_school, text.str.slice(0, 2))
    return _finish(result, present)


def classify_kommunenummer(values: pd.Series) -> pd.DataFrame:
    """Classify each value as a kommunenummer: four digits, the first two a county in force.

    ``9999`` (missing) and ``xx99`` (county known, kommune unknown) are
    special codes and a warning; ``2599`` (abroad) and ``2111`` (Svalbard)
    are valid. Oslo has only ``0301``. Three digits get the zero-padded
    number as suggestion.
    """
    codes = kodeverk()["kommunenummer"]
    text = values.astype("string").str.strip()
    result = _empty_result(values.index)
    present = text.notna() & (text != "")
    excel = present & _matches(text, _EXCEL_PATTERN)
    four = present & _matches(text, r"\d{4}")
    three = present & _matches(text, r"\d{3}")
    county = text.str.slice(0, 2)
    accepted = four & text.isin([codes["utlandet"], codes["svalbard"]])
    special = (
        four
        & ~accepted
        & (
            (text == codes["mangler"])
            | (
                text.str.endswith(codes["ukjent_kommune_slutt"]).fillna(False).astype(bool)
                & county.isin(list(current_counties()))
            )
        )
    )
    oslo_county = str(codes["oslo"])[:2]

    _flag(result, excel, PROBLEM_EXCEL)
    result.loc[three, "suggestion"] = "0" + text[three]
    _flag(result, present & ~four, PROBLEM_FORMAT)
    _flag(result, special, PROBLEM_SPECIAL_CODE)
    checked = four & ~accepted & ~special
    _county_problems(result, checked, county)
    _flag(result, checked & (county == oslo_county) & (text != codes["oslo"]), PROBLEM_OSLO)
    return _finish(result, present)


# Curriculum codes ---------------------------------------------------------------------------


def classify_programomradekode(values: pd.Series) -> pd.DataFrame:
    """Classify each value as a programområdekode: 10 characters, padded with ``-``.

    A code that would be valid once padded (``STUSP1``) is
    ``PROBLEM_UNPADDED`` with the padded code as suggestion.
    """
    text = values.astype("string")
    result = _empty_result(values.index)
    present = text.notna() & (text != "")
    valid = present & _matches(text, PROGRAMOMRADEKODE_PATTERN)
    unpadded = present & ~valid & _matches(text, _PROGRAMOMRADEKODE_UNPADDED)
    result.loc[unpadded, "suggestion"] = text[unpadded].str.pad(10, side="right", fillchar="-")
    _flag(result, unpadded, PROBLEM_UNPADDED)
    _flag(result, present & ~valid, PROBLEM_FORMAT)
    return _finish(result, present)


def classify_fagkode(values: pd.Series) -> pd.DataFrame:
    """Classify each value as a Grep fagkode: 3-4 capital letters, then 3-4 digits."""
    text = values.astype("string")
    result = _empty_result(values.index)
    present = text.notna() & (text != "")
    _flag(result, present & ~_matches(text, FAGKODE_PATTERN), PROBLEM_FORMAT)
    upper = present & _matches(text.str.upper(), FAGKODE_PATTERN) & ~_matches(text, FAGKODE_PATTERN)
    result.loc[upper, "suggestion"] = text[upper].str.upper()
    return _finish(result, present)
