"""The loader on real files written in each encoding, layout and mapping."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from vigoklar.errors import ConfigError, InputError
from vigoklar.i18n import catalogue
from vigoklar.layout import TABLES
from vigoklar.loader import LINE_COLUMN, load_extract, load_table, read_file
from vigoklar.reading.mapping import load_mapping
from vigoklar.reading.problems import PROBLEM_KINDS, Severity

ROOT = Path(__file__).resolve().parent.parent
ELEVFAG = TABLES["elevfag"]
ELEVFAG_HEADER = "fodselsnummer;skolenr;programomradekode;fagkode;fagstatus;skolear"
ROW = "12890750409;32015;STUSP1----;NOR1260;E;2024-2025"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def elevfag_bytes(*rows: str, header: str = ELEVFAG_HEADER, newline: str = "\n") -> bytes:
    return newline.join([header, *rows, ""]).encode("utf-8")


# Encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        ("navn;klasse\nÅse Øvingsdal;2STA\n".encode(), "utf-8", False),
        (b"\xef\xbb\xbf" + "navn;klasse\nÅse Øvingsdal;2STA\n".encode(), "utf-8", True),
        ("navn;klasse\r\nÅse Øvingsdal;2STA\r\n".encode("cp1252"), "cp1252", False),
    ],
    ids=["utf8", "utf8-bom", "cp1252-crlf"],
)
def test_encoding_detected(tmp_path: Path, data: bytes, encoding: str, bom: bool) -> None:
    raw = read_file(write(tmp_path, "f.csv", data))
    assert raw.encoding.name == encoding
    assert raw.encoding.bom is bom
    assert raw.header == ("navn", "klasse")
    assert raw.frame[0].tolist() == ["Åse Øvingsdal"]
    assert raw.frame[1].tolist() == ["2STA"]


def test_cp1252_euro_sign(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", "a;b\n5 €;x\n".encode("cp1252")))
    assert raw.frame[0].iloc[0] == "5 €"


@pytest.mark.parametrize(
    "data",
    ["a;b\n1;2\n".encode("utf-16"), "a;b\n1;2\n".encode("utf-32"), b"a;b\n1;\x002\n"],
    ids=["utf16", "utf32", "nul"],
)
def test_unsupported_encoding(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        read_file(write(tmp_path, "f.csv", data))
    assert caught.value.code == "VK-I003"


def test_cp1252_then_utf8_is_mixed(tmp_path: Path) -> None:
    data = "a;b\nÅse;1\n".encode("cp1252") + "Øyvind;2\n".encode()
    with pytest.raises(InputError) as caught:
        read_file(write(tmp_path, "f.csv", data))
    assert caught.value.code == "VK-I002"
    assert caught.value.fields["line"] == 3


def test_bom_then_cp1252_is_mixed(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + "a;b\nØ;1\n".encode() + "Å;2\n".encode("cp1252")
    with pytest.raises(InputError) as caught:
        read_file(write(tmp_path, "f.csv", data))
    assert caught.value.code == "VK-I002"
    assert caught.value.fields["line"] == 3


def test_forced_utf8_rejects_cp1252(tmp_path: Path) -> None:
    path = write(tmp_path, "f.csv", "a;b\nÅse;1\n".encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_file(path, encoding="utf-8")
    assert caught.value.code == "VK-I001"
    assert caught.value.fields["line"] == 2


# Delimiters, quoting, records ---------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
def test_delimiter_detected(tmp_path: Path, delimiter: str) -> None:
    data = f"a{delimiter}b{delimiter}c\n1{delimiter}2{delimiter}3\n".encode()
    raw = read_file(write(tmp_path, "f.csv", data))
    assert raw.delimiter == delimiter
    assert raw.frame.iloc[0, :3].tolist() == ["1", "2", "3"]


def test_comma_file_with_quoted_comma(tmp_path: Path) -> None:
    data = b'navn,poeng\n"Nord, avd. 2","47,30"\n'
    raw = read_file(write(tmp_path, "f.csv", data))
    assert raw.delimiter == ","
    assert raw.frame.iloc[0, :2].tolist() == ["Nord, avd. 2", "47,30"]


def test_doubled_quote_kept(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", b'a;b\n"si ""hei""";2\n'))
    assert raw.frame[0].iloc[0] == 'si "hei"'


def test_unclosed_quote_names_record_line(tmp_path: Path) -> None:
    path = write(tmp_path, "f.csv", b'a;b\n1;2\n3;"open\n4;5\n')
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.code == "VK-I006"
    assert caught.value.fields["line"] == 3


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_file(write(tmp_path, "f.csv", b"\n\n"))
    assert caught.value.code == "VK-I005"


def test_blank_line_reported(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", b"a;b\n1;2\n\n3;4\n"))
    assert raw.frame[LINE_COLUMN].tolist() == [2, 4]
    assert [(problem.code, problem.line) for problem in raw.problems] == [("VK-I023", 3)]


def test_too_many_fields_kept(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", b"a;b\n1;2;3;4\n5;6\n"))
    assert raw.frame[0].tolist() == ["1", "5"]
    problem = raw.problems[0]
    assert problem.code == "VK-I022"
    assert problem.value == "3;4"
    assert problem.details == {"found": 4, "expected": 2}


def test_header_trailing_delimiter(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", b"a;b;\n1;2;\n3;4\n"))
    assert raw.header == ("a", "b")
    assert [(problem.code, problem.line) for problem in raw.problems] == [
        ("VK-I020", 1),
        ("VK-I020", 2),
    ]


def test_quoted_newline_line_numbers(tmp_path: Path) -> None:
    data = b'a;b\n1;"x\ny\nz"\n2;ok\n3;"p\r\nq"\n4;end\n'
    raw = read_file(write(tmp_path, "f.csv", data))
    assert raw.frame[LINE_COLUMN].tolist() == [2, 5, 6, 8]
    assert raw.frame[1].iloc[0] == "x\ny\nz"
    assert raw.frame[1].iloc[2] == "p\r\nq"


def test_no_final_newline(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", b"a;b\n1;2\n3;4"))
    assert raw.records == 2
    assert raw.physical_lines == 3


def test_fast_and_precise_paths_agree(tmp_path: Path) -> None:
    rows = [f"{i:011d};NA;;x y ;{i}" for i in range(50)]
    clean = "\n".join(["a;b;c;d;e", *rows, ""]).encode()
    # A blank line forces the precise path; the records must be the same.
    precise = clean.replace(b"\n", b"\n\n", 1)
    fast_raw = read_file(write(tmp_path, "fast.csv", clean))
    precise_raw = read_file(write(tmp_path, "precise.csv", precise))
    assert fast_raw.problems == ()
    assert [p.code for p in precise_raw.problems] == ["VK-I023"]
    columns = [0, 1, 2, 3, 4]
    pd.testing.assert_frame_equal(fast_raw.frame[columns], precise_raw.frame[columns])


def test_frame_dtypes(tmp_path: Path) -> None:
    loaded = load_table(write(tmp_path, "elevfag.csv", elevfag_bytes(ROW)), ELEVFAG)
    assert all(str(loaded.frame[c].dtype) == "string" for c in ELEVFAG.column_names)
    assert loaded.frame[LINE_COLUMN].dtype == "int64"


# Canonical layout and mapping ---------------------------------------------------------------


def test_load_table_common_names(tmp_path: Path) -> None:
    header = "FNR;Skolenummer;fagkode;fagstatus;skolear"
    path = write(
        tmp_path, "elevfag.csv", elevfag_bytes("12890750409;32015;NOR1260;E;2024", header=header)
    )
    loaded = load_table(path, ELEVFAG)
    assert loaded.matched["fodselsnummer"] == "FNR"
    assert loaded.frame["fodselsnummer"].tolist() == ["12890750409"]
    assert loaded.frame["programomradekode"].isna().all()


def test_missing_required_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "elevfag.csv", b"fnr;fagkode\n1;NOR1260\n")
    with pytest.raises(InputError) as caught:
        load_table(path, ELEVFAG)
    assert caught.value.code == "VK-I010"
    assert caught.value.fields["missing"] == "skolenr, fagstatus, skolear"
    assert caught.value.fields["found"] == "fnr, fagkode"


def test_unknown_columns_once(tmp_path: Path) -> None:
    header = ELEVFAG_HEADER + ";klasse;lærer"
    path = write(
        tmp_path, "elevfag.csv", elevfag_bytes(ROW + ";1STA;X", ROW + ";1STB;Y", header=header)
    )
    problems = load_table(path, ELEVFAG).problems
    assert [(p.code, p.value) for p in problems] == [("VK-I011", "klasse, lærer")]
    assert problems[0].severity is Severity.WARNING


def test_duplicate_columns(tmp_path: Path) -> None:
    header = ELEVFAG_HEADER + ";fnr"
    path = write(tmp_path, "elevfag.csv", elevfag_bytes(ROW + ";1", header=header))
    with pytest.raises(InputError) as caught:
        load_table(path, ELEVFAG)
    assert caught.value.code == "VK-I012"


def test_example_mapping_loads() -> None:
    mapping = load_mapping(ROOT / "docs" / "eksempel-mapping.toml")
    assert mapping.encoding == "cp1252"
    assert mapping.table_for_file("ELEVER_2024.csv") == "elever"
    assert mapping.for_table("jobblogg").delimiter == "\t"
    assert mapping.for_table("jobblogg").date_format == "yyyy-mm-dd"
    assert mapping.canonical_name("Fagstatus", "elevfag") == "fagstatus"


def test_example_mapping_reads_file(tmp_path: Path) -> None:
    mapping = load_mapping(ROOT / "docs" / "eksempel-mapping.toml")
    text = "FNR;SKOLENR;FAGKODE;FAGSTATUS;SKOLEAAR\n12890750409;32015;NOR1260;E;2024-2025\n"
    write(tmp_path, "ELEVFAG_høst.csv", text.encode("cp1252"))
    extract = load_extract(tmp_path, ["elevfag", "elever"], mapping)
    assert extract.missing == ("elever",)
    assert extract.frame("elevfag")["skolear"].tolist() == ["2024-2025"]
    assert extract.tables["elevfag"].encoding == "cp1252"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("koding = [", "VK-I090"),
        ('koding = "latin-9"', "VK-I091"),
        ('skilletegn = "|"', "VK-I091"),
        ('datoformat = "mm/yyyy"', "VK-I091"),
        ('[kolonner]\nFNR = "personid"', "VK-I092"),
        ('[tabeller.karakterer]\nfilnavn = "x"', "VK-I092"),
        ("ukjent = 1", "VK-I092"),
    ],
    ids=["toml", "encoding", "delimiter", "date-format", "column", "table", "key"],
)
def test_bad_mapping(tmp_path: Path, text: str, code: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_mapping(write(tmp_path, "m.toml", text.encode()))
    assert caught.value.code == code


def test_mapping_date_format(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, "m.toml", b'datoformat = "yyyy-mm-dd"\n'))
    data = (
        "jobbnr;start;status;skolear\n"
        "5A019;2024-10-22 08:00;OK;2024-2025\n"
        "5A019;22.10.2024 08:00;OK;2024-2025\n"
    )
    loaded = load_table(write(tmp_path, "jobblogg.csv", data.encode()), TABLES["jobblogg"], mapping)
    assert [(p.code, p.line) for p in loaded.value_problems()] == [("VK-I033", 3)]


# Extract folders ----------------------------------------------------------------------------


def test_extract_missing_and_broken(tmp_path: Path) -> None:
    write(tmp_path, "elevfag.csv", elevfag_bytes(ROW))
    write(tmp_path, "skoler.csv", b"skolenr;skolenavn;skoletype\n\x81;x;privat\n")
    extract = load_extract(tmp_path, ["elevfag", "skoler", "jobblogg"])
    assert list(extract.tables) == ["elevfag"]
    assert extract.missing == ("jobblogg",)
    assert extract.broken["skoler"].code == "VK-I001"


def test_extract_files_unchanged(tmp_path: Path) -> None:
    write(tmp_path, "elevfag.csv", elevfag_bytes(ROW, ROW + ";", "1;2"))
    write(tmp_path, "elever.csv", "fodselsnummer;navn\nÅse;x\n".encode("cp1252"))
    write(tmp_path, "skoler.csv", b"\x81")

    def digests() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}

    before = digests()
    load_extract(tmp_path, list(TABLES))
    assert digests() == before


# Error catalogue ----------------------------------------------------------------------------


def test_catalogue_messages_in_both_languages() -> None:
    messages = catalogue()
    for kind in PROBLEM_KINDS.values():
        assert set(messages[kind.message_key]) >= {"nb", "en"}, kind.code


def test_feilkoder_doc_matches_catalogue() -> None:
    text = (ROOT / "docs" / "feilkoder.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (VK-I\d{3}) \| (feil|advarsel) \|", text, flags=re.MULTILINE)
    documented = dict(rows)
    assert set(documented) == set(PROBLEM_KINDS)
    for code, kind in PROBLEM_KINDS.items():
        assert documented[code] == kind.severity.value, code


def test_record_messages_name_line(tmp_path: Path) -> None:
    raw = read_file(write(tmp_path, "f.csv", b"a;b\n1\n"))
    message = raw.problems[0].message("nb")
    assert message.startswith("VK-I021: ")
    assert "f.csv, linje 2" in message
