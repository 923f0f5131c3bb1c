"""Property-based tests: well-formed files read exactly; anything else fails cleanly."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vigoklar.errors import InputError
from vigoklar.loader import LINE_COLUMN, read_file
from vigoklar.reading.problems import PROBLEM_KINDS

# Field text: Norwegian letters, the delimiters, quotes, line breaks and spaces.
FIELD = st.text(alphabet='abcÆØÅæøå019 ;,\t"\r\n€-', max_size=8)
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6)
QUOTING = st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


NON_ASCII = re.compile(rb"[\x80-\xff]+")


def _is_utf8(run: bytes) -> bool:
    try:
        run.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_bytes(data: bytes) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_bytes(data)
        return read_file(path)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], str, int, str, str]:
    width = draw(st.integers(min_value=2, max_value=4))
    header = draw(st.lists(NAME, min_size=width, max_size=width, unique=True))
    rows = draw(st.lists(st.lists(FIELD, min_size=width, max_size=width), max_size=6))
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    quoting = draw(QUOTING)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    return header, rows, delimiter, quoting, encoding, line_end


@SETTINGS
@given(tables())
def test_written_table_read_exactly(
    table: tuple[list[str], list[list[str]], str, int, str, str],
) -> None:
    header, rows, delimiter, quoting, encoding, line_end = table
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(rows)
    # csv.writer leaves a lone CR unquoted under QUOTE_MINIMAL, which every reader takes as
    # a line break; such a file is not well-formed, so it is not a case for exact reading.
    assume(quoting == csv.QUOTE_ALL or not any("\r" in value for row in rows for value in row))
    data = buffer.getvalue().encode(encoding)
    if encoding == "cp1252":
        # Windows-1252 bytes that also form valid UTF-8 are read as UTF-8 by design.
        assume(not any(_is_utf8(run) for run in NON_ASCII.findall(data)))
    raw = read_bytes(data)

    assert raw.header == tuple(header)  # type: ignore[attr-defined]
    assert raw.delimiter == delimiter  # type: ignore[attr-defined]
    assert raw.problems == ()  # type: ignore[attr-defined]
    frame: pd.DataFrame = raw.frame  # type: ignore[attr-defined]
    read = [
        [None if pd.isna(value) else value for value in record]
        for record in frame.drop(columns=[LINE_COLUMN]).itertuples(index=False)
    ]
    expected = [[value or None for value in row] for row in rows]
    assert read == expected


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_read_or_catalogued(data: bytes) -> None:
    try:
        raw = read_bytes(data)
    except InputError as error:
        assert error.code in PROBLEM_KINDS
        return
    frame: pd.DataFrame = raw.frame  # type: ignore[attr-defined]
    assert frame[LINE_COLUMN].is_monotonic_increasing
    assert all(problem.code in PROBLEM_KINDS for problem in raw.problems)  # type: ignore[attr-defined]


@SETTINGS
@given(st.lists(st.sampled_from(["a", "1", ";", ",", '"', "\n", "\r\n", "Ø", " "]), max_size=40))
def test_random_text_read_or_catalogued(pieces: list[str]) -> None:
    data = ("x;y\n" + "".join(pieces)).encode()
    try:
        raw = read_bytes(data)
    except InputError as error:
        assert error.code in PROBLEM_KINDS
        return
    assert raw.header == ("x", "y")  # type: ignore[attr-defined]
