"""Diagnose one extract file as a check would read it: the work behind ``vigoklar les``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vigoklar.errors import ExitCode
from vigoklar.layout import TABLES
from vigoklar.loader import match_columns, read_file
from vigoklar.reading.mapping import ColumnMapping, standard_mapping
from vigoklar.reading.problems import InputProblem, Severity, input_error
from vigoklar.reading.records import LINE_COLUMN, RawTable
from vigoklar.reading.values import IDENTIFIER_RULES, LAYOUT_KINDS, value_problems


@dataclass(frozen=True)
class Diagnosis:
    """Diagnosis of one file: its format, its columns and every problem found."""

    raw: RawTable
    table: str | None
    table_inferred: bool
    #: Canonical column -> the column name as written in the file.
    matched: Mapping[str, str]
    missing_required: tuple[str, ...] = ()
    missing_optional: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    problems: tuple[InputProblem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity is Severity.WARNING for problem in self.problems)

    @property
    def exit_code(self) -> ExitCode:
        """Return 0 when clean, 1 with only warnings, 3 with any error."""
        if self.errors:
            return ExitCode.BAD_INPUT
        return ExitCode.READY_WITH_WARNINGS if self.warnings else ExitCode.READY


def _problem_order(problem: InputProblem) -> tuple[int, str]:
    return (problem.line or 0, problem.code)


def diagnose(path: Path, table_name: str | None, mapping: ColumnMapping | None = None) -> Diagnosis:
    """Read ``path`` as ``table_name`` (or as the table its name matches) and collect problems.

    Without a table, the columns are recognised by name (canonical names and
    the common names of the mapping), and their values checked by the same
    rules. Raises ``InputError`` for a file that cannot be read at all, and
    VK-I013 for an unknown ``table_name``.
    """
    used = mapping or standard_mapping()
    if table_name is not None and table_name not in TABLES:
        raise input_error(
            "VK-I013",
            str(path),
            tables=", ".join(TABLES),
            names=", ".join(used.for_table(name).file_pattern for name in TABLES),
        )
    inferred = table_name is None and used.table_for_file(path.name) is not None
    name = table_name or used.table_for_file(path.name)

    settings = used.for_table(name) if name else None
    raw = read_file(
        path,
        encoding=settings.encoding if settings else used.encoding,
        delimiter=settings.delimiter if settings else used.delimiter,
    )
    date_format = settings.date_format if settings else used.date_format
    lines = raw.frame[LINE_COLUMN]
    problems = list(raw.problems)

    if name is None:
        matched = {
            used.canonical_name(column): column
            for column in raw.header
            if used.canonical_name(column) in LAYOUT_KINDS
            or used.canonical_name(column) in IDENTIFIER_RULES
        }
        positions = {canonical: raw.header.index(column) for canonical, column in matched.items()}
        frame = raw.frame.rename(columns={p: c for c, p in positions.items()})
        problems += value_problems(frame, matched, LAYOUT_KINDS, lines, raw.file, date_format)
        return Diagnosis(
            raw=raw,
            table=None,
            table_inferred=False,
            matched=matched,
            problems=tuple(sorted(problems, key=_problem_order)),
        )

    table = TABLES[name]
    positions, unknown = match_columns(raw, table, used)
    missing_required = tuple(c for c in table.required_columns if c not in positions)
    missing_optional = tuple(
        c for c in table.column_names if c not in positions and c not in missing_required
    )
    if missing_required:
        problems.append(
            InputProblem(
                "VK-I010",
                raw.file,
                line=1,
                details={"missing": ", ".join(missing_required), "found": ", ".join(raw.header)},
            )
        )
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
    frame = raw.frame.rename(columns={p: c for c, p in positions.items()})
    kinds = {column.name: column.kind for column in table.columns}
    problems += value_problems(frame, list(positions), kinds, lines, raw.file, date_format)
    return Diagnosis(
        raw=raw,
        table=name,
        table_inferred=inferred,
        matched={column: raw.header[position] for column, position in positions.items()},
        missing_required=missing_required,
        missing_optional=missing_optional,
        unknown=unknown,
        problems=tuple(sorted(problems, key=_problem_order)),
    )
