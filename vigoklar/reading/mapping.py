"""Mapping files: a county's column names, file names and formats onto the canonical layout.

docs/mapping.md documents the format; docs/eksempel-mapping.toml is an
example that the tests load. A mapping is merged over the built-in common
names in ``standardnavn.toml``, so ``fnr`` means ``fodselsnummer`` without
any mapping file.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from vigoklar.errors import ConfigError
from vigoklar.layout import TABLES
from vigoklar.reading.encoding import ENCODING_NAMES
from vigoklar.reading.parsing import DEFAULT_DATE_FORMAT, date_regex
from vigoklar.reading.records import DELIMITERS
from vigoklar.reading.values import CANONICAL_NAMES

STANDARD_NAMES_FILE = Path(__file__).resolve().parent / "standardnavn.toml"
_DELIMITER_NAMES = {";": ";", ",": ",", "\t": "\t", "tab": "\t", "\\t": "\t"}
_TOP_KEYS = {"beskrivelse", "koding", "skilletegn", "datoformat", "kolonner", "tabeller"}
_TABLE_KEYS = {"filnavn", "koding", "skilletegn", "datoformat", "kolonner"}


@dataclass(frozen=True)
class TableSettings:
    """How to read one canonical table: its file pattern, column names and formats."""

    file_pattern: str
    columns: Mapping[str, str]  # lower-cased name in the file -> canonical name
    encoding: str | None = None
    delimiter: str | None = None
    date_format: str = DEFAULT_DATE_FORMAT


@dataclass(frozen=True)
class ColumnMapping:
    """A parsed mapping file merged over the built-in common names."""

    source: Path | None = None
    description: str = ""
    columns: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    date_format: str = DEFAULT_DATE_FORMAT
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def for_table(self, name: str) -> TableSettings:
        """Return the settings for canonical table ``name``; table entries win over global ones."""
        own = self.tables.get(name, {})
        return TableSettings(
            file_pattern=own.get("filnavn", TABLES[name].file_name),
            columns={**self.columns, **own.get("kolonner", {})},
            encoding=own.get("koding", self.encoding),
            delimiter=own.get("skilletegn", self.delimiter),
            date_format=own.get("datoformat", self.date_format),
        )

    def table_for_file(self, file_name: str) -> str | None:
        """Return the canonical table whose file pattern matches ``file_name``, ignoring case."""
        for name in TABLES:
            pattern = self.for_table(name).file_pattern
            if fnmatch.fnmatch(file_name.lower(), pattern.lower()):
                return name
        return None

    def canonical_name(self, column: str, table: str | None = None) -> str:
        """Return the canonical name of file column ``column`` (itself, normalised, if unmapped)."""
        key = column.strip().lower()
        columns = self.for_table(table).columns if table else self.columns
        return columns.get(key, key)


def _error(source: Path, kind: str, /, **fields: object) -> ConfigError:
    codes = {"bad_toml": "VK-I090", "bad_value": "VK-I091", "unknown_name": "VK-I092"}
    return ConfigError(codes[kind], f"input.mapping.{kind}", file=str(source), **fields)


def _columns(raw: Any, source: Path, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        raise _error(source, "bad_value", key=where, value=raw)
    known = CANONICAL_NAMES
    columns: dict[str, str] = {}
    for name, canonical in raw.items():
        if source != STANDARD_NAMES_FILE and canonical not in known:
            raise _error(source, "unknown_name", key=where, value=canonical, known=sorted(known))
        columns[str(name).strip().lower()] = canonical
    return columns


def _formats(raw: Mapping[str, Any], source: Path, where: str) -> dict[str, Any]:
    """Validate and normalise the encoding, delimiter and date format of one section."""
    settings: dict[str, Any] = {}
    if "koding" in raw:
        encoding = ENCODING_NAMES.get(str(raw["koding"]).lower())
        if encoding is None:
            raise _error(source, "bad_value", key=f"{where}koding", value=raw["koding"])
        settings["koding"] = encoding
    if "skilletegn" in raw:
        delimiter = _DELIMITER_NAMES.get(str(raw["skilletegn"]))
        if delimiter is None or delimiter not in DELIMITERS:
            raise _error(source, "bad_value", key=f"{where}skilletegn", value=raw["skilletegn"])
        settings["skilletegn"] = delimiter
    if "datoformat" in raw:
        try:
            date_regex(str(raw["datoformat"]))
        except ValueError:
            raise _error(
                source, "bad_value", key=f"{where}datoformat", value=raw["datoformat"]
            ) from None
        settings["datoformat"] = str(raw["datoformat"])
    return settings


def _parse(raw: Mapping[str, Any], source: Path) -> ColumnMapping:
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _error(source, "unknown_name", key="", value=sorted(unknown), known=sorted(_TOP_KEYS))
    top = _formats(raw, source, "")
    tables: dict[str, dict[str, Any]] = {}
    raw_tables = raw.get("tabeller", {})
    if not isinstance(raw_tables, Mapping):
        raise _error(source, "bad_value", key="tabeller", value=raw_tables)
    for name, section in raw_tables.items():
        if name not in TABLES:
            raise _error(source, "unknown_name", key="tabeller", value=name, known=sorted(TABLES))
        if not isinstance(section, Mapping) or set(section) - _TABLE_KEYS:
            raise _error(source, "bad_value", key=f"tabeller.{name}", value=section)
        settings = _formats(section, source, f"tabeller.{name}.")
        if "filnavn" in section:
            settings["filnavn"] = str(section["filnavn"])
        if "kolonner" in section:
            where = f"tabeller.{name}.kolonner"
            settings["kolonner"] = _columns(section["kolonner"], source, where)
        tables[name] = settings
    return ColumnMapping(
        source=source,
        description=str(raw.get("beskrivelse", "")),
        columns=_columns(raw.get("kolonner", {}), source, "kolonner"),
        encoding=top.get("koding"),
        delimiter=top.get("skilletegn"),
        date_format=top.get("datoformat", DEFAULT_DATE_FORMAT),
        tables=tables,
    )


def _read_toml(path: Path) -> Mapping[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise _error(path, "bad_toml", error=str(error)) from None


@cache
def standard_mapping() -> ColumnMapping:
    """Return the built-in mapping: the common column names of ``standardnavn.toml``."""
    return _parse(_read_toml(STANDARD_NAMES_FILE), STANDARD_NAMES_FILE)


def load_mapping(path: Path) -> ColumnMapping:
    """Read the mapping file ``path`` and merge it over the built-in common names.

    Raises ``ConfigError`` (VK-I090 to VK-I092) for a file that is not TOML,
    a setting with an invalid value, or a name that is not canonical.
    """
    own = _parse(_read_toml(path), path)
    standard = standard_mapping()
    return ColumnMapping(
        source=path,
        description=own.description,
        columns={**standard.columns, **own.columns},
        encoding=own.encoding,
        delimiter=own.delimiter,
        date_format=own.date_format,
        tables=own.tables,
    )
