"""``vigoklar les`` on each case file: the diagnosis it prints and its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigoklar.cli import main
from vigoklar.i18n import set_language

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"


def run_les(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(["les", *args])
    set_language("nb")
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize(
    ("name", "exit_code"),
    [
        ("k01a_bom.csv", 0),
        ("k01b_cp1252.csv", 0),
        ("k01c_undecodable.csv", 3),
        ("k01d_mixed_encoding.csv", 3),
        ("k02_leading_zeros.csv", 3),
        ("k03_dates.csv", 3),
        ("k04_ragged.csv", 3),
        ("k05_quoted_newline.csv", 0),
        ("k06_na_text.csv", 0),
        ("k07_decimal_comma.csv", 0),
        ("k08_mod11.csv", 3),
        ("k09_id_kinds.csv", 0),
        ("k12_nullable_grades.csv", 0),
        ("k13_html_escaping.csv", 0),
    ],
)
def test_les_exit_code(capsys: pytest.CaptureFixture[str], name: str, exit_code: int) -> None:
    code, _, _ = run_les(capsys, str(CASES / name))
    assert code == exit_code


def test_les_reports_bom(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k01a_bom.csv"))
    assert "Tegnkoding: UTF-8 med BOM" in out
    assert "Skilletegn: semikolon (;)" in out
    assert "Poster: 1 (uten overskrift); fysiske linjer: 2" in out


def test_les_reports_cp1252(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k01b_cp1252.csv"))
    assert "Tegnkoding: Windows-1252" in out


def test_les_encoding_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run_les(capsys, str(CASES / "k01c_undecodable.csv"))
    assert "VK-I001" in err
    assert "linje 3" in err
    assert "Traceback" not in err


def test_les_mixed_encoding_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run_les(capsys, str(CASES / "k01d_mixed_encoding.csv"))
    assert "VK-I002" in err
    assert "linje 3" in err


def test_les_leading_zero_hint(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k02_leading_zeros.csv"))
    assert "VK-I040" in out
    assert "Mest sannsynlig ment: 05830850092." in out
    assert "VK-I041" in out


def test_les_dates(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k03_dates.csv"))
    assert "VK-I030" in out
    assert "linje 4, kolonne startdato: '31.09.2024'" in out
    assert "VK-I031" in out
    assert "linje 5, kolonne startdato: '1.10.24'" in out


def test_les_ragged(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k04_ragged.csv"))
    assert "ADVARSEL: VK-I020" in out
    assert "linje 4: 2 av 3 felt" in out


def test_les_quoted_newline_counts(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k05_quoted_newline.csv"))
    assert "Poster: 2 (uten overskrift); fysiske linjer: 4" in out
    assert "felt i anførselstegn: ja" in out


def test_les_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k04_ragged.csv"), "--lang", "en")
    assert "line 4: 2 of 3 fields" in out
    assert "Encoding: UTF-8" in out


def test_les_without_table_says_how(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_les(capsys, str(CASES / "k06_na_text.csv"))
    assert "--tabell NAVN" in out


def test_les_table_from_file_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "elevfag.csv"
    path.write_bytes(
        b"fodselsnummer;skolenr;fagkode;fagstatus;skolear;ekstra\n"
        b"12890750409;32015;NOR1260;E;2024-2025;x\n"
    )
    code, out, _ = run_les(capsys, str(path))
    assert code == 1
    assert "Tabell: elevfag (ut fra filnavnet)" in out
    assert "Ukjente kolonner: ekstra" in out
    assert "Valgfrie kolonner som mangler: programomradekode" in out


def test_les_missing_required(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "eksport.csv"
    path.write_bytes(b"fnr;fagkode\n12890750409;NOR1260\n")
    code, out, _ = run_les(capsys, str(path), "--tabell", "elevfag")
    assert code == 3
    assert "Påkrevde kolonner som mangler: skolenr, fagstatus, skolear" in out
    assert "Kolonner funnet: fnr → fodselsnummer, fagkode" in out


def test_les_unknown_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_les(capsys, str(CASES / "k06_na_text.csv"), "--tabell", "karakterer")
    assert code == 3
    assert "VK-I013" in err


def test_les_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_les(capsys, str(tmp_path / "finnes-ikke.csv"))
    assert code == 3
    assert "VK-I004" in err
