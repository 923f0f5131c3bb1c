"""The run context every check function receives: delivery, date, tables and code lists."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from deadlines.deliveries import Delivery
from vigoklar.db import Database
from vigoklar.loader import LINE_COLUMN
from vigoklar.masking import mask_fodselsnummer
from vigoklar.reading.problems import InputProblem

CODE_LISTS_FILE = Path(__file__).resolve().parent / "kodeverk.toml"

#: Failing rows shown per check in reports.
DEFAULT_SAMPLE_SIZE = 5


@dataclass(frozen=True)
class CodeLists:
    """Valid codes per code list, read from ``checks/kodeverk.toml``."""

    elevstatus: frozenset[str]
    elevstatus_ended: frozenset[str]
    fagstatus: frozenset[str]


@cache
def load_code_lists(path: Path = CODE_LISTS_FILE) -> CodeLists:
    """Read the code lists the checks validate against."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return CodeLists(
        elevstatus=frozenset(data["elevstatus"]["koder"]),
        elevstatus_ended=frozenset(data["elevstatus"].get("avsluttet", ())),
        fagstatus=frozenset(data["fagstatus"]["koder"]),
    )


@dataclass(frozen=True)
class RunContext:
    """The inputs of one assessment, shared read-only by every check."""

    delivery: Delivery
    as_of: dt.date
    frames: Mapping[str, pd.DataFrame]
    db: Database
    codes: CodeLists
    show_fodselsnummer: bool = False
    sample_size: int = DEFAULT_SAMPLE_SIZE
    #: Per table, the record-level problems the loader found (ragged rows and the like).
    file_problems: Mapping[str, tuple[InputProblem, ...]] = field(default_factory=dict)

    @property
    def cutoff(self) -> dt.datetime:
        """End of the assessment day: log entries after it are treated as not yet happened."""
        return dt.datetime.combine(self.as_of, dt.time(23, 59, 59))

    def deadline_end(self, date: dt.date) -> dt.datetime:
        """End of a deadline day: a job that ends on the deadline day is on time."""
        return dt.datetime.combine(date, dt.time(23, 59, 59))

    def display_fodselsnummer(self, value: object) -> str:
        if value is None or value is pd.NA:
            return ""
        text = str(value)
        return text if self.show_fodselsnummer else mask_fodselsnummer(text)

    def sample(
        self,
        table: str,
        rows: pd.DataFrame,
        columns: Sequence[str],
        notes: Sequence[str] | None = None,
    ) -> tuple[dict[str, str], ...]:
        """Return up to ``sample_size`` of ``rows`` as display rows, identifiers masked.

        ``notes``, when given, has one note per row of ``rows``, in order.
        """
        shown: list[dict[str, str]] = []
        for position, (_, row) in enumerate(rows.head(self.sample_size).iterrows()):
            entry = {"tabell": table, "linje": str(row[LINE_COLUMN])} if LINE_COLUMN in row else {}
            for column in columns:
                value = row.get(column)
                if column == "fodselsnummer":
                    entry[column] = self.display_fodselsnummer(value)
                else:
                    entry[column] = "" if value is None or value is pd.NA else str(value)
            if notes is not None:
                entry["merknad"] = notes[position]
            shown.append(entry)
        return tuple(shown)
