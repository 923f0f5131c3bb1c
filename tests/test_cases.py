"""The hard input cases: each file gives the result its case describes."""

from __future__ import annotations

import contextlib
import hashlib
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from checks.identifiers import KIND_D_SYNTHETIC, KIND_H, KIND_SYNTHETIC, classify_fodselsnummer
from vigoklar.errors import InputError
from vigoklar.loader import LINE_COLUMN, read_file
from vigoklar.reading.diagnosis import diagnose
from vigoklar.reading.parsing import parse_dates, parse_decimals

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
LOADER_CASES = sorted(
    path for path in CASES.glob("k*.csv") if not path.name.startswith(("k10", "k11"))
)
READABLE = [path for path in LOADER_CASES if not path.name.startswith(("k01c", "k01d"))]


def codes_by_line(path: Path) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.code) for problem in diagnose(path, None).problems]


def text_lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


@pytest.mark.parametrize("path", READABLE, ids=lambda path: path.stem)
def test_record_count_matches_input(path: Path) -> None:
    raw = read_file(path)
    header_lines = 1
    quoted_breaks = {"k05_quoted_newline.csv": 1}.get(path.name, 0)
    assert raw.records == text_lines(path) - header_lines - quoted_breaks


def test_k01a_bom_columns() -> None:
    raw = read_file(CASES / "k01a_bom.csv")
    assert raw.header == ("elevnr", "navn")
    assert raw.encoding.bom
    assert raw.encoding.label == "UTF-8 med BOM"


def test_k01b_cp1252_name() -> None:
    raw = read_file(CASES / "k01b_cp1252.csv")
    assert raw.frame[0].iloc[0] == "Åse Øvingsdal"
    assert raw.encoding.label == "Windows-1252"
    assert "\ufffd" not in raw.frame[0].iloc[0]
    assert raw.frame[1].iloc[0] == "2STA"


def test_k01c_undecodable_names_line_3() -> None:
    with pytest.raises(InputError) as caught:
        read_file(CASES / "k01c_undecodable.csv")
    assert caught.value.code == "VK-I001"
    assert caught.value.fields["line"] == 3
    assert "k01c_undecodable.csv" in str(caught.value.fields["file"])


def test_k01d_mixed_names_line_3() -> None:
    with pytest.raises(InputError) as caught:
        read_file(CASES / "k01d_mixed_encoding.csv")
    assert caught.value.code == "VK-I002"
    assert caught.value.fields["line"] == 3


def test_k02_leading_zeros_kept() -> None:
    frame = read_file(CASES / "k02_leading_zeros.csv").frame
    assert frame.iloc[0, :3].tolist() == ["05830850092", "0301", "00123"]


def test_k02_leading_zeros_diagnosed() -> None:
    problems = diagnose(CASES / "k02_leading_zeros.csv", None).problems
    by_line = {(problem.line, problem.column): problem for problem in problems}
    assert by_line[(3, "fodselsnummer")].code == "VK-I040"
    assert by_line[(3, "fodselsnummer")].details["suggestion"] == "05830850092"
    assert by_line[(4, "fodselsnummer")].code == "VK-I041"
    assert by_line[(4, "kommunenr")].code == "VK-I065"
    assert by_line[(4, "skolenr")].code == "VK-I060"
    assert all(problem.line != 2 for problem in problems)


def test_k03_dates_day_first() -> None:
    raw = read_file(CASES / "k03_dates.csv")
    parsed = parse_dates(raw.frame[1], raw.frame[LINE_COLUMN], file="k03", column="startdato")
    assert parsed.values.iloc[0] == pd.Timestamp(2024, 10, 1)
    assert parsed.values.iloc[1] == pd.Timestamp(2024, 10, 13)
    assert [(problem.line, problem.code) for problem in parsed.problems] == [
        (4, "VK-I030"),
        (5, "VK-I031"),
    ]


def test_k04_ragged_rows() -> None:
    raw = read_file(CASES / "k04_ragged.csv")
    assert raw.frame[0].tolist() == ["12890750409", "05830850092", "61910750029"]
    assert pd.isna(raw.frame[2].iloc[2])
    assert [(problem.line, problem.code) for problem in raw.problems] == [
        (2, "VK-I020"),
        (4, "VK-I021"),
    ]
    assert raw.problems[1].details == {"found": 2, "expected": 3}


def test_k04_ragged_message_counts_fields() -> None:
    problem = read_file(CASES / "k04_ragged.csv").problems[1]
    assert "2 av 3 felt" in problem.message("nb")
    assert "2 of 3 fields" in problem.message("en")


def test_k05_quoted_newline_lines() -> None:
    raw = read_file(CASES / "k05_quoted_newline.csv")
    assert raw.records == 2
    assert raw.physical_lines == 4
    assert raw.frame[2].iloc[1] == "9"
    assert raw.frame[LINE_COLUMN].iloc[1] == 4
    assert raw.frame[1].iloc[0] == "Syk ved eksamen\nny dato avtalt"


def test_k06_na_stays_text() -> None:
    frame = read_file(CASES / "k06_na_text.csv").frame
    assert frame[1].iloc[0] == "NA"
    assert frame[2].iloc[0] == "None"
    assert frame[1].isna().tolist() == [False, True]
    assert frame[2].isna().tolist() == [False, True]


def test_k07_decimal_comma() -> None:
    raw = read_file(CASES / "k07_decimal_comma.csv")
    assert len(raw.header) == 3
    assert raw.frame[1].iloc[0] == "Test vgs; avd. Nord"
    parsed = parse_decimals(raw.frame[2], raw.frame[LINE_COLUMN], file="k07", column="poeng")
    assert parsed.values.tolist() == [Decimal("47.30"), Decimal("1047.30")]
    assert parsed.problems == ()


def test_k08_mod11() -> None:
    assert codes_by_line(CASES / "k08_mod11.csv") == [
        (3, "VK-I043"),
        (3, "VK-I051"),
        (4, "VK-I052"),
    ]


def test_k09_id_kinds() -> None:
    values = read_file(CASES / "k09_id_kinds.csv").frame[0]
    result = classify_fodselsnummer(values)
    assert result["valid"].tolist() == [True, True, True]
    assert result["kind"].tolist() == [KIND_SYNTHETIC, KIND_D_SYNTHETIC, KIND_H]
    assert result["birth_date"].tolist() == [
        pd.Timestamp(2008, 3, 5),
        pd.Timestamp(2007, 11, 21),
        pd.Timestamp(2008, 2, 15),
    ]


def test_k12_blank_grade_missing() -> None:
    frame = read_file(CASES / "k12_nullable_grades.csv").frame
    assert frame[1].isna().tolist() == [False, True, False, False]
    assert frame[1].dropna().tolist() == ["4", "IV", "7"]


def test_k13_text_exact() -> None:
    frame = read_file(CASES / "k13_html_escaping.csv").frame
    assert frame[0].tolist() == ["Test <vgs> & Co", "Øvre Åsdal vgs"]
    assert frame[1].tolist() == ["<b>x</b>", "\u22122"]


def test_cases_unchanged_by_reading() -> None:
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    before = {path.name: digest(path) for path in CASES.iterdir()}
    for path in LOADER_CASES:
        with contextlib.suppress(InputError):
            diagnose(path, None)
    after = {path.name: digest(path) for path in CASES.iterdir()}
    assert after == before
