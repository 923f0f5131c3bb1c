"""The canonical layout of every extract table vigoklar reads.

A county's own export is mapped onto these names by a mapping file; the
checks only ever see canonical column names. docs/uttrekk.md documents the
same layout for users, and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class ColumnKind(StrEnum):
    """Interpretation of a column's text once it has been read as text."""

    TEXT = "tekst"
    CODE = "kode"
    FODSELSNUMMER = "fodselsnummer"
    DATE = "dato"  # dd.mm.yyyy
    TIMESTAMP = "tidspunkt"  # dd.mm.yyyy hh:mm or dd.mm.yyyy hh:mm:ss
    INTEGER = "heltall"
    DECIMAL = "desimaltall"  # decimal comma, optional space grouping


@dataclass(frozen=True)
class Column:
    """One canonical column: its name, how its text is read, and whether a file must have it."""

    name: str
    kind: ColumnKind
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class Table:
    """One canonical extract table and the file name it is read from by default."""

    name: str
    file_name: str
    columns: tuple[Column, ...]
    description: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


K = ColumnKind

TABLES: Mapping[str, Table] = {
    table.name: table
    for table in (
        Table(
            "skoler",
            "skoler.csv",
            (
                Column("skolenr", K.CODE, description="VIGO skolenummer, e.g. 32015"),
                Column("skolenavn", K.TEXT),
                Column("orgnr", K.CODE, required=False, description="organisasjonsnummer"),
                Column("skoletype", K.CODE, description="offentlig, privat or statlig"),
                Column("aktiv", K.CODE, required=False, description="J or N; blank means J"),
            ),
            "The schools of the county whose data the delivery covers.",
        ),
        Table(
            "elever",
            "elever.csv",
            (
                Column("fodselsnummer", K.FODSELSNUMMER),
                Column("fornavn", K.TEXT, required=False),
                Column("etternavn", K.TEXT, required=False),
                Column("skolenr", K.CODE),
                Column("programomradekode", K.CODE),
                Column("elevstatus", K.CODE),
                Column("startdato", K.DATE),
                Column("sluttdato", K.DATE, required=False),
                Column("skolear", K.CODE, description="e.g. 2024-2025"),
                Column("rett", K.CODE, required=False, description="rettstype; blank = no rett"),
            ),
            "Pupils and their courses (elevkurs): one row per pupil, school and programområde.",
        ),
        Table(
            "elevfag",
            "elevfag.csv",
            (
                Column("fodselsnummer", K.FODSELSNUMMER),
                Column("skolenr", K.CODE),
                Column("programomradekode", K.CODE, required=False),
                Column("fagkode", K.CODE),
                Column("fagstatus", K.CODE),
                Column("skolear", K.CODE),
            ),
            "Pupil subjects with fagstatus: one row per pupil, school and subject.",
        ),
        Table(
            "importlogg",
            "importlogg.csv",
            (
                Column("skolenr", K.CODE),
                Column(
                    "jobbnr", K.CODE, description="6A001, 6S002, or WIS for private-school data"
                ),
                Column("kilde", K.CODE, description="SAS (school system) or WIS (Udir)"),
                Column("tidspunkt", K.TIMESTAMP),
                Column("status", K.CODE, description="OK or FEIL"),
                Column("antall", K.INTEGER, required=False, description="rows imported"),
            ),
            "The per-school import log: one row per import of a school's data into VIGO.",
        ),
        Table(
            "jobblogg",
            "jobblogg.csv",
            (
                Column("jobbnr", K.CODE, description="VIGO job number, e.g. 5A019"),
                Column("jobbnavn", K.TEXT, required=False),
                Column("start", K.TIMESTAMP),
                Column("slutt", K.TIMESTAMP, required=False, description="blank while running"),
                Column("status", K.CODE, description="OK, FEIL or AVBRUTT"),
                Column("skolear", K.CODE),
            ),
            "The VIGO job-run log: one row per run of a VIGO job (report).",
        ),
    )
}


def table(name: str) -> Table:
    """Return the canonical table ``name``; raise ``KeyError`` for an unknown one."""
    return TABLES[name]
