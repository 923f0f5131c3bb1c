"""Assess one delivery: load its tables, run its checks, and reach a verdict as of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pandas as pd

from checks import data_rules, prerequisites
from checks.context import DEFAULT_SAMPLE_SIZE, RunContext, load_code_lists
from checks.model import CheckResult, CheckSpec, Severity, Status
from checks.registry import checks_for
from deadlines.deliveries import Deadline, Delivery
from vigoklar.db import Database
from vigoklar.errors import ExitCode
from vigoklar.layout import TABLES, ColumnKind
from vigoklar.loader import LINE_COLUMN, Extract, LoadedTable, load_extract
from vigoklar.reading.mapping import ColumnMapping
from vigoklar.reading.parsing import DEFAULT_DATE_FORMAT, parse_dates, parse_timestamps
from vigoklar.reading.problems import Severity as ProblemSeverity


class Verdict(StrEnum):
    """Verdict on one delivery as of one date."""

    READY = "klar"
    READY_WITH_WARNINGS = "klar_med_advarsler"
    NOT_READY = "ikke_klar"
    DEADLINE_PASSED = "frist_passert"
    NOT_ASSESSED = "ikke_vurdert"

    @property
    def exit_code(self) -> ExitCode:
        return _EXIT_CODES[self]


_EXIT_CODES = {
    Verdict.READY: ExitCode.READY,
    Verdict.READY_WITH_WARNINGS: ExitCode.READY_WITH_WARNINGS,
    Verdict.NOT_READY: ExitCode.NOT_READY,
    Verdict.DEADLINE_PASSED: ExitCode.DEADLINE_PASSED,
    Verdict.NOT_ASSESSED: ExitCode.NOT_ASSESSED,
}

#: Roles whose deadline a check judges; any other role is shown as a date to keep.
JUDGED_ROLES = {"skoleimport": "VK-P001", "oppdater_rett": "VK-P003", "privatskoledata": "VK-P004"}


@dataclass(frozen=True)
class TableSummary:
    """Summary of how one extract table was read: file, records, problems, or why it was not."""

    name: str
    file: str
    records: int | None
    encoding: str | None
    problem: str | None  # message text when missing or unreadable
    errors: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class DeadlineStatus:
    """A prerequisite deadline of the delivery, with the check that judges it, if any."""

    deadline: Deadline
    days_left: int
    check_code: str | None
    status: Status | None


@dataclass(frozen=True)
class Assessment:
    """The verdict on one delivery as of one date, and everything behind it."""

    delivery: Delivery
    as_of: dt.date
    verdict: Verdict
    days_left: int
    results: tuple[tuple[CheckSpec, CheckResult], ...]
    deadlines: tuple[DeadlineStatus, ...]
    tables: tuple[TableSummary, ...]
    extract_folder: Path

    def count(self, severity: Severity, status: Status) -> int:
        """Return how many checks of ``severity`` ended with ``status``."""
        return sum(
            1 for spec, r in self.results if spec.severity is severity and r.status is status
        )


def _verdict(
    delivery: Delivery, as_of: dt.date, results: tuple[tuple[CheckSpec, CheckResult], ...]
) -> Verdict:
    """Reach the verdict; the first rule that applies wins.

    1. The delivery date has passed: deadline passed.
    2. A check could not run because a table is missing or unreadable: not assessed.
    3. A blocker failed, or a blocking prerequisite is still pending: not ready.
    4. A warning failed (or is pending): ready with warnings.
    5. Otherwise: ready.
    """
    if as_of > delivery.date:
        return Verdict.DEADLINE_PASSED
    statuses = [(spec.severity, result.status) for spec, result in results]
    if any(status is Status.NOT_ASSESSED for _, status in statuses):
        return Verdict.NOT_ASSESSED
    if any(
        severity is Severity.BLOCKER and status in (Status.FAILED, Status.PENDING)
        for severity, status in statuses
    ):
        return Verdict.NOT_READY
    if any(
        severity is Severity.WARNING and status in (Status.FAILED, Status.PENDING)
        for severity, status in statuses
    ):
        return Verdict.READY_WITH_WARNINGS
    return Verdict.READY


def _summaries(extract: Extract, delivery: Delivery) -> tuple[TableSummary, ...]:
    summaries = []
    for name in delivery.tables:
        file = str(extract.folder / TABLES[name].file_name)
        if name in extract.tables:
            loaded = extract.tables[name]
            errors = sum(1 for p in loaded.problems if p.severity is ProblemSeverity.ERROR)
            summaries.append(
                TableSummary(
                    name,
                    str(loaded.path),
                    loaded.records,
                    loaded.encoding_label,
                    None,
                    errors=errors,
                    warnings=len(loaded.problems) - errors,
                )
            )
        elif name in extract.broken:
            summaries.append(TableSummary(name, file, None, None, extract.broken[name].message()))
        else:
            summaries.append(TableSummary(name, file, None, None, None))
    return tuple(summaries)


def _not_assessed(spec: CheckSpec, unavailable: list[str]) -> CheckResult:
    return CheckResult(
        code=spec.code,
        status=Status.NOT_ASSESSED,
        message_key="check.not_assessed",
        details={"tables": ", ".join(unavailable)},
    )


def canonical_frame(loaded: LoadedTable) -> pd.DataFrame:
    """Return the table's frame with dates and timestamps written as ``dd.mm.yyyy``.

    A mapping file may declare another date format for a county's export.
    The checks read only the canonical format, so valid values are rewritten;
    a value that does not parse is left as it is for VK-D009 and VK-P000 to report.
    """
    if loaded.date_format == DEFAULT_DATE_FORMAT:
        return loaded.frame
    frame = loaded.frame.copy()
    for column in loaded.table.columns:
        if column.kind is ColumnKind.DATE:
            parser, pattern = parse_dates, "%d.%m.%Y"
        elif column.kind is ColumnKind.TIMESTAMP:
            parser, pattern = parse_timestamps, "%d.%m.%Y %H:%M:%S"
        else:
            continue
        parsed = parser(
            frame[column.name],
            frame[LINE_COLUMN],
            file=str(loaded.path),
            column=column.name,
            date_format=loaded.date_format,
        ).values
        rewritten = parsed.dt.strftime(pattern).astype("string")
        frame[column.name] = rewritten.where(parsed.notna(), frame[column.name])
    return frame


def run_checks(
    delivery: Delivery,
    extract: Extract,
    as_of: dt.date,
    *,
    show_fodselsnummer: bool = False,
    sample_size: int = DEFAULT_SAMPLE_SIZE,
) -> tuple[tuple[CheckSpec, CheckResult], ...]:
    """Run every check of ``delivery`` on ``extract``.

    A check that reads a table the extract lacks is not assessed.
    """
    frames = {name: canonical_frame(loaded) for name, loaded in extract.tables.items()}
    with Database(frames) as db:
        context = RunContext(
            delivery=delivery,
            as_of=as_of,
            frames=frames,
            db=db,
            codes=load_code_lists(),
            show_fodselsnummer=show_fodselsnummer,
            sample_size=sample_size,
            file_problems={name: loaded.problems for name, loaded in extract.tables.items()},
        )
        failures = data_rules.schema_failures(context)
        results: list[tuple[CheckSpec, CheckResult]] = []
        for spec in checks_for(delivery.kind):
            unavailable = [name for name in spec.tables if name not in frames]
            if unavailable:
                results.append((spec, _not_assessed(spec, unavailable)))
            elif spec.code in prerequisites.RULES:
                results.append((spec, prerequisites.RULES[spec.code](context)))
            else:
                results.append((spec, data_rules.RULES[spec.code](context, failures)))
    return tuple(results)


def assess(
    delivery: Delivery,
    extract_folder: Path,
    as_of: dt.date,
    *,
    show_fodselsnummer: bool = False,
    sample_size: int = DEFAULT_SAMPLE_SIZE,
    mapping: ColumnMapping | None = None,
) -> Assessment:
    """Load the tables ``delivery`` needs from ``extract_folder`` and assess it as of ``as_of``.

    ``mapping`` (default: the built-in common column names) maps a county's
    own column names, file names and formats onto the canonical layout.
    """
    extract = load_extract(extract_folder, delivery.tables, mapping)
    results = run_checks(
        delivery, extract, as_of, show_fodselsnummer=show_fodselsnummer, sample_size=sample_size
    )
    by_code: Mapping[str, CheckResult] = {result.code: result for _, result in results}
    deadlines = tuple(
        DeadlineStatus(
            deadline=deadline,
            days_left=(deadline.date - as_of).days,
            check_code=JUDGED_ROLES.get(deadline.role),
            status=by_code[JUDGED_ROLES[deadline.role]].status
            if deadline.role in JUDGED_ROLES and JUDGED_ROLES[deadline.role] in by_code
            else None,
        )
        for deadline in sorted(delivery.deadlines, key=lambda d: d.date)
    )
    return Assessment(
        delivery=delivery,
        as_of=as_of,
        verdict=_verdict(delivery, as_of, results),
        days_left=(delivery.date - as_of).days,
        results=results,
        deadlines=deadlines,
        tables=_summaries(extract, delivery),
        extract_folder=extract_folder,
    )
