"""Prerequisite checks: the job-run and import logs judged against the calendar's deadlines.

A log entry that starts after the assessment day is treated as not yet
happened, so the verdict for an earlier ``--dato`` is what it was that day.
A deadline day counts to its end (23:59:59).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd

from checks.context import RunContext
from checks.model import CheckResult, Status
from vigoklar.loader import LINE_COLUMN

_TIMESTAMP_FORMATS = "['%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M']"

IMPORTS_SQL = f"""
    SELECT skolenr, upper(jobbnr) AS jobbnr, upper(kilde) AS kilde, upper(status) AS status,
           tidspunkt, try_strptime(tidspunkt, {_TIMESTAMP_FORMATS}) AS ts, {LINE_COLUMN}
    FROM importlogg
"""

JOBS_SQL = f"""
    SELECT upper(jobbnr) AS jobbnr, upper(status) AS status, skolear, start, slutt,
           try_strptime(start, {_TIMESTAMP_FORMATS}) AS started,
           try_strptime(slutt, {_TIMESTAMP_FORMATS}) AS ended, {LINE_COLUMN}
    FROM jobblogg
"""

#: Import-log sources that are imports from the schools' own systems (SAS).
SCHOOL_IMPORT_SOURCE = "SAS"
#: Import-log source of the private-school data Udir's contractor (WIS) delivers.
PRIVATE_SCHOOL_SOURCE = "WIS"


def _format(value: dt.datetime | dt.date | None) -> str:
    if value is None or pd.isna(value):
        return "-"
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def _result(
    code: str,
    status: Status,
    variant: str,
    deadline: dt.date | None,
    *,
    failing: int = 0,
    checked: int = 0,
    sample: tuple[dict[str, str], ...] = (),
    details: Mapping[str, object] | None = None,
    **fields: str,
) -> CheckResult:
    return CheckResult(
        code=code,
        status=status,
        message_key=f"check.{code}.{variant}",
        failing=failing,
        checked=checked,
        sample=sample,
        details={
            "deadline": _format(deadline),
            "failing": failing,
            "checked": checked,
            **(details or {}),
            **fields,
        },
        deadline=deadline,
    )


def unreadable_log_times(context: RunContext) -> CheckResult:
    """VK-P000: every time in the import and job logs is a valid dd.mm.yyyy hh:mm[:ss]."""
    imports = context.db.query(
        f"""
        SELECT 'importlogg' AS tabell, skolenr AS jobb_eller_skole, 'tidspunkt' AS kolonne,
               tidspunkt AS verdi, {LINE_COLUMN}
        FROM ({IMPORTS_SQL}) WHERE ts IS NULL
        UNION ALL
        SELECT 'jobblogg', jobbnr, 'start', start, {LINE_COLUMN}
        FROM ({JOBS_SQL}) WHERE started IS NULL
        UNION ALL
        SELECT 'jobblogg', jobbnr, 'slutt', slutt, {LINE_COLUMN}
        FROM ({JOBS_SQL}) WHERE slutt IS NOT NULL AND ended IS NULL
        ORDER BY 1, {LINE_COLUMN}
        """
    )
    checked = len(context.frames["importlogg"]) + len(context.frames["jobblogg"])
    sample = tuple(
        {
            "tabell": str(row["tabell"]),
            "linje": str(row[LINE_COLUMN]),
            "kolonne": str(row["kolonne"]),
            "verdi": "" if pd.isna(row["verdi"]) else str(row["verdi"]),
        }
        for _, row in imports.head(context.sample_size).iterrows()
    )
    status = Status.FAILED if len(imports) else Status.PASSED
    return _result(
        "VK-P000", status, status.value, None, failing=len(imports), checked=checked, sample=sample
    )


def schools_imported(context: RunContext) -> CheckResult:
    """VK-P001: every active public school imported (6A001/6S002) after the count date, in time.

    Private schools are left out: their data comes from Udir (WIS), see VK-P004.
    """
    deadline = context.delivery.deadline("skoleimport")
    if deadline is None:
        return _result("VK-P001", Status.NOT_ASSESSED, "no_deadline", None)
    jobs = list(deadline.jobs) or ["6A001", "6S002"]
    since = context.delivery.count_date or dt.date(context.as_of.year, 1, 1)
    schools = context.db.query(
        f"""
        WITH imports AS ({IMPORTS_SQL})
        SELECT s.skolenr, s.skolenavn,
               max(i.ts) FILTER (WHERE i.ts <= ?) AS on_time,
               max(i.ts) AS last_import
        FROM skoler s
        LEFT JOIN imports i
          ON i.skolenr = s.skolenr AND i.status = 'OK' AND i.jobbnr IN (SELECT unnest(?::VARCHAR[]))
         AND i.ts >= ?::DATE AND i.ts <= ?
        WHERE lower(coalesce(s.skoletype, '')) <> 'privat' AND upper(coalesce(s.aktiv, 'J')) = 'J'
        GROUP BY s.skolenr, s.skolenavn
        ORDER BY s.skolenr
        """,
        [context.deadline_end(deadline.date), jobs, since, context.cutoff],
    )
    missing = schools[schools["on_time"].isna()]
    sample = tuple(
        {
            "skolenr": str(row["skolenr"]),
            "skolenavn": "" if pd.isna(row["skolenavn"]) else str(row["skolenavn"]),
            "siste_import": _format(None if pd.isna(row["last_import"]) else row["last_import"]),
        }
        for _, row in missing.head(context.sample_size).iterrows()
    )
    if missing.empty:
        status = Status.PASSED
    elif context.as_of <= deadline.date:
        status = Status.PENDING
    else:
        status = Status.FAILED
    return _result(
        "VK-P001",
        status,
        status.value,
        deadline.date,
        failing=len(missing),
        checked=len(schools),
        sample=sample,
        jobs=", ".join(jobs),
    )


def _last_import(context: RunContext) -> dt.datetime | None:
    value = context.db.scalar(
        f"WITH imports AS ({IMPORTS_SQL}) "
        "SELECT max(ts) FROM imports WHERE status = 'OK' AND ts <= ?",
        [context.cutoff],
    )
    return value if isinstance(value, dt.datetime) else None


def _successful_runs(context: RunContext, job: str) -> pd.DataFrame:
    return context.db.query(
        f"""
        SELECT started, ended FROM ({JOBS_SQL})
        WHERE jobbnr = ? AND status = 'OK' AND skolear = ? AND started <= ?
        ORDER BY started
        """,
        [job, context.delivery.school_year, context.cutoff],
    )


def rett_updated(context: RunContext) -> CheckResult:
    """VK-P003: 5A019 "Oppdater rett" ran after the last import and ended by its deadline."""
    deadline = context.delivery.deadline("oppdater_rett")
    if deadline is None:
        return _result("VK-P003", Status.NOT_ASSESSED, "no_deadline", None)
    last_import = _last_import(context)
    runs = _successful_runs(context, "5A019")
    after_import = runs if last_import is None else runs[runs["started"] >= last_import]
    details: dict[str, object] = {"last_import": _format(last_import)}
    if not after_import.empty:
        run = after_import.iloc[-1]
        ended = None if pd.isna(run["ended"]) else run["ended"].to_pydatetime()
        details["run"] = _format(run["started"].to_pydatetime())
        if ended is not None and ended <= context.deadline_end(deadline.date):
            return _result("VK-P003", Status.PASSED, "ok", deadline.date, details=details)
        if ended is None and context.as_of <= deadline.date:
            return _result("VK-P003", Status.PENDING, "running", deadline.date, details=details)
        return _result("VK-P003", Status.FAILED, "late", deadline.date, failing=1, details=details)
    details["run"] = _format(runs.iloc[-1]["started"].to_pydatetime()) if not runs.empty else "-"
    variant = "before_import" if not runs.empty else "never"
    if context.as_of <= deadline.date:
        return _result(
            "VK-P003", Status.PENDING, f"venter_{variant}", deadline.date, details=details
        )
    return _result("VK-P003", Status.FAILED, variant, deadline.date, failing=1, details=details)


def rett_order(context: RunContext) -> CheckResult:
    """VK-P002: the last 5A019 run was preceded by a 5A018 run that had ended before it started."""
    deadline = context.delivery.deadline("oppdater_rett")
    runs_5a019 = _successful_runs(context, "5A019")
    deadline_date = deadline.date if deadline else None
    if runs_5a019.empty:
        return _result("VK-P002", Status.PENDING, "venter", deadline_date)
    last_5a019 = runs_5a019.iloc[-1]["started"]
    runs_5a018 = _successful_runs(context, "5A018")
    before = runs_5a018[runs_5a018["ended"].notna() & (runs_5a018["ended"] <= last_5a019)]
    details: dict[str, object] = {"run": _format(last_5a019.to_pydatetime())}
    if before.empty:
        return _result("VK-P002", Status.FAILED, "feil", deadline_date, failing=1, details=details)
    details["run_5a018"] = _format(before.iloc[-1]["started"].to_pydatetime())
    return _result("VK-P002", Status.PASSED, "ok", deadline_date, details=details)


def private_school_data(context: RunContext) -> CheckResult:
    """VK-P004: the private-school data from Udir (WIS) is in VIGO for every private school."""
    deadline = context.delivery.deadline("privatskoledata")
    if deadline is None:
        return _result("VK-P004", Status.NOT_ASSESSED, "no_deadline", None)
    since = deadline.start or context.delivery.count_date or deadline.date
    schools = context.db.query(
        f"""
        WITH imports AS ({IMPORTS_SQL})
        SELECT s.skolenr, s.skolenavn,
               max(i.ts) FILTER (WHERE i.ts <= ?) AS on_time,
               max(i.ts) AS last_import,
               (SELECT count(*) FROM elever e WHERE e.skolenr = s.skolenr) AS pupils
        FROM skoler s
        LEFT JOIN imports i
          ON i.skolenr = s.skolenr AND i.status = 'OK' AND i.kilde = ?
         AND i.ts >= ?::DATE AND i.ts <= ?
        WHERE lower(coalesce(s.skoletype, '')) = 'privat' AND upper(coalesce(s.aktiv, 'J')) = 'J'
        GROUP BY s.skolenr, s.skolenavn
        ORDER BY s.skolenr
        """,
        [context.deadline_end(deadline.date), PRIVATE_SCHOOL_SOURCE, since, context.cutoff],
    )
    missing = schools[schools["on_time"].isna() | (schools["pupils"] == 0)]
    sample = tuple(
        {
            "skolenr": str(row["skolenr"]),
            "skolenavn": "" if pd.isna(row["skolenavn"]) else str(row["skolenavn"]),
            "siste_import": _format(None if pd.isna(row["last_import"]) else row["last_import"]),
            "elever": str(row["pupils"]),
        }
        for _, row in missing.head(context.sample_size).iterrows()
    )
    if schools.empty:
        status, variant = Status.PASSED, "none"
    elif missing.empty:
        status, variant = Status.PASSED, "ok"
    elif context.as_of <= deadline.date:
        status, variant = Status.PENDING, "venter"
    else:
        status, variant = Status.FAILED, "feil"
    return _result(
        "VK-P004",
        status,
        variant,
        deadline.date,
        failing=len(missing),
        checked=len(schools),
        sample=sample,
        start=_format(since),
    )


RULES: Mapping[str, Callable[[RunContext], CheckResult]] = {
    "VK-P000": unreadable_log_times,
    "VK-P001": schools_imported,
    "VK-P002": rett_order,
    "VK-P003": rett_updated,
    "VK-P004": private_school_data,
}
