"""Identifier rules over whole columns: national, organisation, school and area numbers, codes."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from stdnum.no import orgnr

from checks import identifiers as ids


def classify(function: Callable[[pd.Series], pd.DataFrame], *values: str | None) -> pd.DataFrame:
    return function(pd.Series(list(values), dtype="string"))


def problems(frame: pd.DataFrame) -> list[str | None]:
    return [None if pd.isna(value) else str(value) for value in frame["problem"]]


def suggestions(frame: pd.DataFrame) -> list[str | None]:
    return [None if pd.isna(value) else str(value) for value in frame["suggestion"]]


# Fødselsnummer ------------------------------------------------------------------------------


def test_fnr_leading_zero_suggestion() -> None:
    result = ids.classify_fodselsnummer(pd.Series(["5830850092"]))
    assert problems(result) == [ids.PROBLEM_LENGTH_LEADING_ZERO]
    assert suggestions(result) == ["05830850092"]


def test_fnr_ten_digits_without_valid_zero() -> None:
    result = ids.classify_fodselsnummer(pd.Series(["1234567890"]))
    assert problems(result) == [ids.PROBLEM_LENGTH]
    assert suggestions(result) == [None]


def test_fnr_excel_notation() -> None:
    result = ids.classify_fodselsnummer(pd.Series(["1,28908E+10", "5.8E10"]))
    assert problems(result) == [ids.PROBLEM_EXCEL, ids.PROBLEM_EXCEL]


def test_fnr_transposed_digits() -> None:
    result = ids.classify_fodselsnummer(pd.Series(["21890750409"]))
    assert problems(result) == [ids.PROBLEM_CHECK_DIGIT_1]
    assert suggestions(result) == ["12890750409"]


@pytest.mark.parametrize("value", ["11111111111", "01010100000", "24120899999"])
def test_fnr_fictitious(value: str) -> None:
    result = ids.classify_fodselsnummer(pd.Series([value]))
    assert problems(result) == [ids.PROBLEM_FICTITIOUS]
    assert result["kind"].tolist() == [ids.KIND_FICTITIOUS]
    assert not result["valid"].iloc[0]


def test_fnr_valid_kept() -> None:
    result = ids.classify_fodselsnummer(pd.Series(["12890750409", None]))
    assert result["valid"].tolist() == [True, False]
    assert problems(result) == [None, ids.PROBLEM_EMPTY]


# Organisasjonsnummer ------------------------------------------------------------------------


def test_orgnr_checksum_agrees_with_stdnum() -> None:
    values = [f"{n:09d}" for n in range(800000000, 800002000)]
    result = ids.classify_organisasjonsnummer(pd.Series(values))
    ours = (result["problem"] != ids.PROBLEM_CHECK_DIGIT).fillna(True).tolist()
    assert ours == [orgnr.is_valid(value) for value in values]


def test_orgnr_rules() -> None:
    result = classify(
        ids.classify_organisasjonsnummer, "998877040", "998877130", "123456785", "9988770", "x"
    )
    assert problems(result) == [
        None,
        ids.PROBLEM_CHECK_DIGIT,
        ids.PROBLEM_FIRST_DIGIT,
        ids.PROBLEM_FORMAT,
        ids.PROBLEM_FORMAT,
    ]
    assert result["valid"].tolist() == [True, False, True, False, False]


# Skolenummer --------------------------------------------------------------------------------


def test_skolenr_rules() -> None:
    result = classify(
        ids.classify_skolenummer, "32015", "123", "30015", "99015", "3201", "24499", None
    )
    assert problems(result) == [
        None,
        None,
        ids.PROBLEM_OBSOLETE_COUNTY,
        ids.PROBLEM_UNKNOWN_COUNTY,
        ids.PROBLEM_FORMAT,
        None,
        None,
    ]
    assert suggestions(result)[4] == "03201"


def test_skolenr_lost_zeros_beside_long_form() -> None:
    result = classify(ids.classify_skolenummer, "00123", "123")
    assert problems(result) == [None, ids.PROBLEM_FORMAT]
    assert suggestions(result) == [None, "00123"]


@pytest.mark.parametrize(
    "county",
    ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"],
)
def test_skolenr_every_county(county: str) -> None:
    assert classify(ids.classify_skolenummer, county + "001")["valid"].tolist() == [True]


# Kommunenummer and fylkesnummer -------------------------------------------------------------


def test_kommunenr_rules() -> None:
    result = classify(
        ids.classify_kommunenummer,
        "0301",
        "301",
        "9999",
        "3299",
        "2599",
        "2111",
        "0302",
        "3001",
        "9901",
        "1,2E+3",
    )
    assert problems(result) == [
        None,
        ids.PROBLEM_FORMAT,
        ids.PROBLEM_SPECIAL_CODE,
        ids.PROBLEM_SPECIAL_CODE,
        None,
        None,
        ids.PROBLEM_OSLO,
        ids.PROBLEM_OBSOLETE_COUNTY,
        ids.PROBLEM_UNKNOWN_COUNTY,
        ids.PROBLEM_EXCEL,
    ]
    assert suggestions(result)[1] == "0301"


def test_fylkesnr_rules() -> None:
    result = classify(ids.classify_fylkesnummer, "03", "3", "54", "24", "032")
    assert problems(result) == [
        None,
        ids.PROBLEM_FORMAT,
        ids.PROBLEM_OBSOLETE_COUNTY,
        ids.PROBLEM_UNKNOWN_COUNTY,
        ids.PROBLEM_FORMAT,
    ]
    assert suggestions(result)[1] == "03"


def test_counties_from_kodeverk() -> None:
    assert len(ids.current_counties()) == 15
    assert ids.obsolete_counties() == frozenset({"30", "38", "54"})


# Programområdekode and fagkode --------------------------------------------------------------


def test_programomradekode_rules() -> None:
    result = classify(
        ids.classify_programomradekode, "STUSP1----", "SSSLG3MV--", "STUSP1", "stusp1----", "AB"
    )
    assert problems(result) == [
        None,
        None,
        ids.PROBLEM_UNPADDED,
        ids.PROBLEM_FORMAT,
        ids.PROBLEM_FORMAT,
    ]
    assert suggestions(result)[2] == "STUSP1----"


def test_fagkode_rules() -> None:
    result = classify(ids.classify_fagkode, "NOR1260", "SLGV100", "ÆØÅ123", "nor1260", "N1")
    assert problems(result) == [None, None, None, ids.PROBLEM_FORMAT, ids.PROBLEM_FORMAT]
    assert suggestions(result)[3] == "NOR1260"


def test_fnr_no_century_is_invalid_date() -> None:
    # Individnummer 500-749 with year digits 40-53 fits no century.
    digits = "010145" + "600"
    result = ids.classify_fodselsnummer(pd.Series([_with_check_digits(digits), "12890750409"]))
    assert problems(result) == [ids.PROBLEM_DATE, None]
    assert pd.isna(result["birth_date"].iloc[0])


def _with_check_digits(nine: str) -> str:
    digits = [int(c) for c in nine]
    k1 = (11 - sum(d * w for d, w in zip(digits, ids.K1_WEIGHTS[:9], strict=True)) % 11) % 11
    digits.append(k1)
    k2 = (11 - sum(d * w for d, w in zip(digits, ids.K2_WEIGHTS[:10], strict=True)) % 11) % 11
    return "".join(map(str, [*digits, k2]))


def test_fnr_placeholder_shape_but_valid() -> None:
    result = ids.classify_fodselsnummer(pd.Series(["04900799999"]))
    assert result["valid"].tolist() == [True]
    assert problems(result) == [None]
