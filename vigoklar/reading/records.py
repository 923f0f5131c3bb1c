"""Split an extract file into records and fields, every field as text.

Two paths give the same result. The fast path scans the bytes with numpy
(quotes, delimiters, line breaks are ASCII in both supported encodings), and
when every record has as many fields as the header it lets pandas' C parser
read the file. Any file with a structural fault (ragged rows, blank lines,
odd quoting, lone CR line ends) takes the precise path through the ``csv``
module, which reports each fault with its physical line.

Records are counted apart from physical lines: a quoted field may hold line
breaks, and ``_linje`` is the line on which each record starts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from vigoklar.reading.encoding import Encoding, detect_encoding
from vigoklar.reading.problems import InputProblem, input_error

#: Name of the column with each record's physical starting line in its file.
LINE_COLUMN = "_linje"
QUOTE = '"'
#: Delimiters tried on the header line, in order of preference when counts tie.
DELIMITERS = (";", "\t", ",")


@dataclass(frozen=True)
class RawTable:
    """The records of one file: header names as written, fields as text, and what was wrong.

    ``frame`` has one ``string`` column per header field (named by position,
    0, 1, ...) with <NA> only for empty fields, plus the int64 ``_linje``.
    """

    file: str
    encoding: Encoding
    delimiter: str
    quoted: bool
    header: tuple[str, ...]
    frame: pd.DataFrame
    physical_lines: int
    problems: tuple[InputProblem, ...]

    @property
    def records(self) -> int:
        return len(self.frame)


def count_physical_lines(payload: bytes) -> int:
    """Return the number of lines in ``payload``; a final line without a line break counts."""
    if not payload:
        return 0
    return payload.count(b"\n") + (0 if payload.endswith(b"\n") else 1)


def _header_end(payload: bytes) -> int:
    """Return the offset of the line break that ends the header record (or the payload's end)."""
    first = payload.find(b"\n")
    if first >= 0 and payload.count(b'"', 0, first) % 2 == 0:
        return first
    inside = False
    for offset, byte in enumerate(payload):
        if byte == 0x22:
            inside = not inside
        elif byte == 0x0A and not inside:
            return offset
    return len(payload)


def sniff_delimiter(header: str) -> str:
    """Return the delimiter used most often in ``header`` outside quotes (``;`` when none)."""
    outside = "".join(part for index, part in enumerate(header.split(QUOTE)) if index % 2 == 0)
    counts = {delimiter: outside.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > 0 else DELIMITERS[0]


def _string_column(values: list[str | None] | tuple[str | None, ...]) -> pd.Series:
    column = pd.Series(values, dtype="string")
    return column.mask(column == "")


def _parse_header(header_text: str, delimiter: str) -> list[str] | None:
    """Return the header's names, or None when only the precise path can tell what is wrong."""
    reader = csv.reader(io.StringIO(header_text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


# Fast path ----------------------------------------------------------------------------------


def _scan(payload: bytes, delimiter: str) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """Return (fields per record, start line per record, blank record seen), header included.

    Returns None when a quote is left open at the end of the file, which only
    the precise path can report with its line.
    """
    data = np.frombuffer(payload, dtype=np.uint8)
    newline_mask = data == 0x0A
    newlines = np.flatnonzero(newline_mask)
    delimiter_mask = data == ord(delimiter)
    if b'"' in payload:
        # Parity of the quotes seen so far: 1 inside a quoted field, 0 outside.
        inside = np.bitwise_xor.accumulate((data == 0x22).view(np.uint8))
        if inside[-1]:
            return None
        record_ends = newlines[inside[newlines] == 0]
        delimiters = np.flatnonzero(delimiter_mask & (inside == 0))
    else:
        record_ends = newlines
        delimiters = np.flatnonzero(delimiter_mask)

    starts = np.concatenate(([0], record_ends + 1))
    stops = np.concatenate((record_ends, [len(data)]))
    if starts[-1] == len(data):
        starts, stops = starts[:-1], stops[:-1]
    fields = np.searchsorted(delimiters, stops) - np.searchsorted(delimiters, starts) + 1
    lengths = stops - starts
    carriage_return_only = (lengths == 1) & (data[np.minimum(starts, len(data) - 1)] == 0x0D)
    blank = bool(((lengths == 0) | carriage_return_only).any())
    start_lines = np.searchsorted(newlines, starts) + 1
    return fields, start_lines, blank


def _read_fast(
    payload: bytes, encoding: Encoding, delimiter: str, width: int, start_lines: np.ndarray
) -> pd.DataFrame | None:
    try:
        frame = _pandas_read(payload, encoding, delimiter, width)
    except pd.errors.ParserError:
        return None  # e.g. a quote inside an unquoted field; the precise path reports it
    if len(frame) != len(start_lines) - 1:
        return None  # the parser split records differently from the scan
    frame[LINE_COLUMN] = start_lines[1:].astype("int64")
    return frame


def _pandas_read(payload: bytes, encoding: Encoding, delimiter: str, width: int) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(payload),
        sep=delimiter,
        header=None,
        names=list(range(width)),
        skiprows=1,
        dtype="string",
        keep_default_na=False,
        na_values=[""],
        quotechar=QUOTE,
        doublequote=True,
        skip_blank_lines=False,
        encoding=encoding.name,
        engine="c",
        low_memory=False,
    )


# Precise path -------------------------------------------------------------------------------


def _read_precise(
    text: str, delimiter: str, file: str
) -> tuple[tuple[str, ...], pd.DataFrame, list[InputProblem]]:
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar=QUOTE,
        doublequote=True,
        strict=True,
    )
    problems: list[InputProblem] = []
    header: list[str] | None = None
    rows: list[list[str | None]] = []
    lines: list[int] = []
    previous_line = 0
    try:
        for row in reader:
            line = previous_line + 1
            previous_line = reader.line_num
            if not row:
                problems.append(InputProblem("VK-I023", file, line=line))
                continue
            if header is None:
                header = row
                if len(header) > 1 and header[-1] == "":
                    problems.append(InputProblem("VK-I020", file, line=line, details={"extra": 1}))
                    header = header[:-1]
                continue
            rows.append(_fit_row(row, len(header), delimiter, file, line, problems))
            lines.append(line)
    except csv.Error as error:
        raise input_error("VK-I006", file, line=previous_line + 1, reason=str(error)) from None
    if header is None:
        raise input_error("VK-I005", file)

    width = len(header)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
    frame = pd.DataFrame({index: _string_column(values) for index, values in enumerate(columns)})
    frame[LINE_COLUMN] = pd.Series(lines, dtype="int64")
    return tuple(header), frame, problems


def _fit_row(
    row: list[str],
    width: int,
    delimiter: str,
    file: str,
    line: int,
    problems: list[InputProblem],
) -> list[str | None]:
    """Return ``row`` cut or padded to ``width`` fields, recording why it had to be."""
    if len(row) == width:
        return list(row)
    if len(row) < width:
        problems.append(
            InputProblem(
                "VK-I021",
                file,
                line=line,
                value=delimiter.join(row),
                details={"found": len(row), "expected": width},
            )
        )
        return [*row, *([None] * (width - len(row)))]
    extra = row[width:]
    if all(value == "" for value in extra):
        problems.append(
            InputProblem("VK-I020", file, line=line, details={"extra": len(extra)}),
        )
    else:
        problems.append(
            InputProblem(
                "VK-I022",
                file,
                line=line,
                value=delimiter.join(extra),
                details={"found": len(row), "expected": width},
            )
        )
    return list(row[:width])


# Entry point --------------------------------------------------------------------------------


def read_records(
    data: bytes,
    file: str,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> RawTable:
    """Read the bytes of one delimited file into a :class:`RawTable`.

    ``encoding`` and ``delimiter`` force what would otherwise be detected.
    A header whose last name is empty (a trailing delimiter) loses that name
    with a warning. Rows keep every value that fits the header, and each
    ragged row is reported. Raises ``InputError`` when the file cannot be
    read at all.
    """
    detected, start = detect_encoding(data, file, encoding)
    payload = data[start:]
    if not payload.strip():
        raise input_error("VK-I005", file)
    header_text = payload[: _header_end(payload)].decode(detected.name)
    used_delimiter = delimiter or sniff_delimiter(header_text)
    quoted = b'"' in payload
    physical_lines = count_physical_lines(payload)

    scan = _scan(payload, used_delimiter)
    if scan is not None:
        fields, start_lines, blank = scan
        width = int(fields[0])
        header_row = _parse_header(header_text, used_delimiter)
        if (
            header_row is not None
            and not blank
            and len(header_row) == width
            and bool((fields == width).all())
        ):
            header_names = tuple(header_row)
            fast = _read_fast(payload, detected, used_delimiter, width, start_lines)
            if fast is not None and header_names[-1] != "":
                return RawTable(
                    file=file,
                    encoding=detected,
                    delimiter=used_delimiter,
                    quoted=quoted,
                    header=header_names,
                    frame=fast,
                    physical_lines=physical_lines,
                    problems=(),
                )

    text = payload.decode(detected.name)
    header, frame, problems = _read_precise(text, used_delimiter, file)
    return RawTable(
        file=file,
        encoding=detected,
        delimiter=used_delimiter,
        quoted=quoted,
        header=header,
        frame=frame,
        physical_lines=physical_lines,
        problems=tuple(problems),
    )
