"""Read extract files into text-only frames with canonical column names.

Every field is read as text so that leading zeros, codes such as ``NA`` and
dates survive untouched. Typed interpretation happens in
``vigoklar.reading.parsing`` and the checks. Only empty fields are missing.

A file that cannot be read at all (encoding, quoting, missing required
columns) raises ``InputError``. A structural fault in a record does not: the
row is kept, padded with empty fields or cut to the header's width, and the
fault is in ``LoadedTable.problems`` with its line. No row is ever dropped
without a problem saying so; blank lines are skipped with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vigoklar.errors import InputError
from vigoklar.layout import TABLES, Table
from vigoklar.reading.encoding import Encoding
from vigoklar.reading.mapping import ColumnMapping, standard_mapping
from vigoklar.reading.problems import InputProblem, has_errors, input_error
from vigoklar.reading.records import LINE_COLUMN, RawTable, read_records
from vigoklar.reading.values import value_problems

__all__ = ["LINE_COLUMN", "Extract", "LoadedTable", "load_extract", "load_table", "read_file"]


@dataclass(frozen=True)
class LoadedTable:
    """One extract file read as text, with canonical column names."""

    table: Table
    path: Path
    frame: pd.DataFrame
    encoding: str
    delimiter: str
    bom: bool = False
    quoted: bool = False
    physical_lines: int = 0
    header: tuple[str, ...] = ()
    #: Canonical column -> the column name as written in the file.
    matched: Mapping[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    date_format: str = "dd.mm.yyyy"

    @property
    def records(self) -> int:
        return len(self.frame)

    @property
    def encoding_label(self) -> str:
        return Encoding(self.encoding, self.bom).label

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)

    def value_problems(self) -> tuple[InputProblem, ...]:
        """Return the problems of every typed and identifier value, by line."""
        columns = [c for c in self.table.column_names if c in self.matched]
        kinds = {column.name: column.kind for column in self.table.columns}
        return tuple(
            value_problems(
                self.frame,
                columns,
                kinds,
                self.frame[LINE_COLUMN],
                str(self.path),
                self.date_format,
            )
        )


@dataclass(frozen=True)
class Extract:
    """The tables of one extract folder, and what could not be read."""

    folder: Path
    tables: Mapping[str, LoadedTable]
    missing: tuple[str, ...] = ()
    broken: Mapping[str, InputError] = field(default_factory=dict)

    def frame(self, name: str) -> pd.DataFrame:
        return self.tables[name].frame


def read_file(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> RawTable:
    """Read the records of ``path`` without a layout; raise ``InputError`` when it cannot."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise input_error("VK-I004", str(path), reason=error.strerror or str(error)) from None
    return read_records(data, str(path), encoding=encoding, delimiter=delimiter)


def match_columns(
    raw: RawTable, table: Table, mapping: ColumnMapping
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Return canonical name -> field position, and the file's unknown column names."""
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    unknown: list[str] = []
    for position, name in enumerate(raw.header):
        canonical = mapping.canonical_name(name, table.name)
        if canonical in positions:
            raise input_error(
                "VK-I012",
                raw.file,
                column=canonical,
                names=f"{written[canonical]!r}, {name!r}",
            )
        if canonical in table.column_names:
            positions[canonical] = position
            written[canonical] = name
        else:
            unknown.append(name)
    return positions, tuple(unknown)


def load_table(path: Path, table: Table, mapping: ColumnMapping | None = None) -> LoadedTable:
    """Read ``path`` as the canonical ``table``; raise ``InputError`` when it cannot.

    ``mapping`` (default: the built-in common names) renames the file's
    columns and may force the encoding, delimiter and date format.
    """
    settings = (mapping or standard_mapping()).for_table(table.name)
    raw = read_file(path, encoding=settings.encoding, delimiter=settings.delimiter)
    positions, unknown = match_columns(raw, table, mapping or standard_mapping())

    missing = [c for c in table.required_columns if c not in positions]
    if missing:
        raise input_error(
            "VK-I010",
            raw.file,
            missing=", ".join(missing),
            found=", ".join(raw.header),
        )

    problems = list(raw.problems)
    if unknown:
        problems.append(
            InputProblem(
                "VK-I011",
                raw.file,
                line=1,
                value=", ".join(unknown),
                details={"known": ", ".join(table.column_names)},
            )
        )

    frame = pd.DataFrame(index=raw.frame.index)
    for column in table.column_names:
        if column in positions:
            frame[column] = raw.frame[positions[column]].astype("string")
        else:
            frame[column] = pd.Series(pd.NA, index=raw.frame.index, dtype="string")
    frame[LINE_COLUMN] = raw.frame[LINE_COLUMN].astype("int64")

    return LoadedTable(
        table=table,
        path=path,
        frame=frame,
        encoding=raw.encoding.name,
        delimiter=raw.delimiter,
        bom=raw.encoding.bom,
        quoted=raw.quoted,
        physical_lines=raw.physical_lines,
        header=raw.header,
        matched={column: raw.header[position] for column, position in positions.items()},
        unknown=unknown,
        problems=tuple(problems),
        date_format=settings.date_format,
    )


def find_table_file(folder: Path, table: Table, mapping: ColumnMapping) -> Path | None:
    """Return the file in ``folder`` for ``table`` by the mapping's file pattern, if any."""
    pattern = mapping.for_table(table.name).file_pattern
    exact = folder / pattern
    if exact.is_file():
        return exact
    candidates = sorted(
        entry
        for entry in folder.iterdir()
        if entry.is_file() and mapping.table_for_file(entry.name) == table.name
    )
    return candidates[0] if candidates else None


def load_extract(
    folder: Path, table_names: Iterable[str], mapping: ColumnMapping | None = None
) -> Extract:
    """Read the named canonical tables from ``folder``; a missing or broken file is recorded."""
    used = mapping or standard_mapping()
    tables: dict[str, LoadedTable] = {}
    missing: list[str] = []
    broken: dict[str, InputError] = {}
    for name in table_names:
        table = TABLES[name]
        path = find_table_file(folder, table, used) if folder.is_dir() else None
        if path is None:
            missing.append(name)
            continue
        try:
            tables[name] = load_table(path, table, used)
        except InputError as error:
            broken[name] = error
    return Extract(folder=folder, tables=tables, missing=tuple(missing), broken=broken)
