"""Read extract files into text-only frames with canonical column names.

Every field is read as text so that leading zeros, codes such as ``NA`` and
dates survive untouched; interpretation happens in the checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vigoklar.db import read_csv_as_text
from vigoklar.errors import InputError
from vigoklar.layout import TABLES, Table

#: Name of the column that holds each record's physical line number in its file.
LINE_COLUMN = "_linje"


@dataclass(frozen=True)
class LoadedTable:
    """One extract file read as text, with canonical column names."""

    table: Table
    path: Path
    frame: pd.DataFrame
    encoding: str
    delimiter: str

    @property
    def records(self) -> int:
        return len(self.frame)


@dataclass(frozen=True)
class Extract:
    """The tables of one extract folder, and what could not be read."""

    folder: Path
    tables: Mapping[str, LoadedTable]
    missing: tuple[str, ...] = ()
    broken: Mapping[str, InputError] = field(default_factory=dict)

    def frame(self, name: str) -> pd.DataFrame:
        return self.tables[name].frame


def _sniff_delimiter(path: Path) -> str:
    with path.open("rb") as handle:
        header = handle.readline()
    return ";" if header.count(b";") >= header.count(b",") else ","


def load_table(path: Path, table: Table) -> LoadedTable:
    """Read ``path`` as the canonical ``table``; raise ``InputError`` when it cannot."""
    delimiter = _sniff_delimiter(path)
    frame = read_csv_as_text(path, delimiter)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in table.required_columns if c not in frame.columns]
    if missing:
        raise InputError(
            "VK-I010",
            "input.missing_columns",
            file=str(path),
            missing=", ".join(missing),
            found=", ".join(c for c in frame.columns if c != LINE_COLUMN),
        )
    for column in table.column_names:
        if column not in frame.columns:
            frame[column] = pd.NA
    frame = frame[[*table.column_names, LINE_COLUMN]].astype({LINE_COLUMN: "int64"})
    text_columns = list(table.column_names)
    frame[text_columns] = frame[text_columns].astype("string")
    return LoadedTable(table=table, path=path, frame=frame, encoding="utf-8", delimiter=delimiter)


def load_extract(folder: Path, table_names: Iterable[str]) -> Extract:
    """Read the named canonical tables from ``folder``; a missing or broken file is recorded."""
    tables: dict[str, LoadedTable] = {}
    missing: list[str] = []
    broken: dict[str, InputError] = {}
    for name in table_names:
        table = TABLES[name]
        path = folder / table.file_name
        if not path.is_file():
            missing.append(name)
            continue
        try:
            tables[name] = load_table(path, table)
        except InputError as error:
            broken[name] = error
    return Extract(folder=folder, tables=tables, missing=tuple(missing), broken=broken)
