"""Checks on the rows of the extract: pandera for per-table rules, duckdb for cross-table rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from checks.context import RunContext
from checks.identifiers import (
    KIND_D,
    KIND_D_SYNTHETIC,
    KIND_H,
    KIND_ORDINARY,
    KIND_SYNTHETIC,
    PROBLEM_LENGTH_LEADING_ZERO,
    classify_fodselsnummer,
    leading_zero_candidate,
)
from checks.model import CheckResult, Status
from vigoklar.i18n import t
from vigoklar.loader import LINE_COLUMN
from vigoklar.reading.parsing import parse_dates
from vigoklar.reading.problems import Severity as ProblemSeverity

#: Programområdekode: 5 letters, a level digit, 4 characters padded with '-' (VIGO A03).
PROGRAMOMRADE_PATTERN = r"^[A-Z]{5}[0-9][A-Z0-9-]{4}$"
#: Fagkode as used in Grep, e.g. NOR1260, KRO1019, FBJ9000.
FAGKODE_PATTERN = r"^[A-ZÆØÅ]{3,4}[0-9]{3,4}$"


# Per-table rules -------------------------------------------------------------


def _valid_fodselsnummer(values: pd.Series) -> pd.Series:
    return classify_fodselsnummer(values)["valid"]


def _in_code_list(codes: frozenset[str], values: pd.Series) -> pd.Series:
    return values.isna() | values.isin(codes)


def _matches(pattern: str, values: pd.Series) -> pd.Series:
    return values.isna() | values.str.fullmatch(pattern).fillna(False).astype(bool)


def _valid_date(values: pd.Series) -> pd.Series:
    # The assessment rewrites dates of other formats as dd.mm.yyyy before the checks run.
    lines = pd.Series(0, index=values.index)
    parsed = parse_dates(values, lines, file="", column=str(values.name))
    return values.isna() | parsed.values.notna()


def _check(code: str, function: Callable[[pd.Series], pd.Series]) -> pa.Check:
    return pa.Check(function, name=code, element_wise=False)


def table_schemas(context: RunContext) -> Mapping[str, pa.DataFrameSchema]:
    """Return the pandera schema of each table; every check is named by its finding code."""
    codes = context.codes
    fodselsnummer = pa.Column(
        "string", nullable=True, checks=[_check("VK-D001", _valid_fodselsnummer)]
    )
    programomrade = pa.Column(
        "string",
        nullable=True,
        checks=[_check("VK-D007", partial(_matches, PROGRAMOMRADE_PATTERN))],
    )
    date = pa.Column("string", nullable=True, checks=[_check("VK-D009", _valid_date)])
    return {
        "elever": pa.DataFrameSchema(
            {
                "fodselsnummer": fodselsnummer,
                "elevstatus": pa.Column(
                    "string",
                    nullable=True,
                    checks=[_check("VK-D005", partial(_in_code_list, codes.elevstatus))],
                ),
                "programomradekode": programomrade,
                "startdato": date,
                "sluttdato": date,
            },
            strict=False,
        ),
        "elevfag": pa.DataFrameSchema(
            {
                "fodselsnummer": fodselsnummer,
                "fagstatus": pa.Column(
                    "string",
                    nullable=True,
                    checks=[_check("VK-D006", partial(_in_code_list, codes.fagstatus))],
                ),
                "programomradekode": programomrade,
                "fagkode": pa.Column(
                    "string",
                    nullable=True,
                    checks=[_check("VK-D010", partial(_matches, FAGKODE_PATTERN))],
                ),
            },
            strict=False,
        ),
    }


def schema_failures(context: RunContext) -> Mapping[tuple[str, str], pd.DataFrame]:
    """Run every table schema lazily; return failing (index, column) pairs per (code, table)."""
    failures: dict[tuple[str, str], pd.DataFrame] = {}
    for table, schema in table_schemas(context).items():
        frame = context.frames.get(table)
        if frame is None:
            continue
        try:
            schema.validate(frame, lazy=True)
        except SchemaErrors as errors:
            cases = errors.failure_cases
            cases = cases[cases["index"].notna()]
            for code, group in cases.groupby("check", sort=False):
                failures[(str(code), table)] = (
                    group[["index", "column"]].drop_duplicates().reset_index(drop=True)
                )
    return failures


def _rows_failing(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame], code: str, table: str
) -> pd.DataFrame:
    """Return the failing rows of ``table`` for ``code`` with a ``_kolonne`` column added."""
    cases = failures.get((code, table))
    frame = context.frames.get(table)
    if cases is None or frame is None:
        return pd.DataFrame(columns=[*(frame.columns if frame is not None else ()), "_kolonne"])
    rows = frame.loc[cases["index"].astype("int64")].copy()
    rows["_kolonne"] = cases["column"].to_numpy()
    return rows


def _result(
    code: str, failing: int, checked: int, sample: tuple[dict[str, str], ...], **details: object
) -> CheckResult:
    status = Status.FAILED if failing else Status.PASSED
    return CheckResult(
        code=code,
        status=status,
        message_key=f"check.{code}.{status.value}",
        failing=failing,
        checked=checked,
        sample=sample,
        details={"failing": failing, "checked": checked, **details},
    )


def _code_rule(
    code: str, tables: tuple[str, ...], value_column: str | None = None
) -> Callable[..., CheckResult]:
    """Build a check that reports the rows failing pandera rule ``code`` in ``tables``."""

    def run(context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]) -> CheckResult:
        samples: list[dict[str, str]] = []
        failing = 0
        checked = 0
        for table in tables:
            checked += len(context.frames[table])
            rows = _rows_failing(context, failures, code, table)
            failing += len(rows)
            column = value_column
            for entry, (_, row) in zip(
                context.sample(table, rows, ("fodselsnummer", "skolenr")),
                rows.iterrows(),
                strict=False,
            ):
                name = column or str(row["_kolonne"])
                entry["kolonne"] = name
                entry["verdi"] = "" if pd.isna(row[name]) else str(row[name])
                samples.append(entry)
        return _result(code, failing, checked, tuple(samples[: context.sample_size]))

    return run


def _fodselsnummer_note(context: RunContext, value: str, problem: str) -> str:
    """Return the reason a number is invalid, with the repaired number when a zero was lost."""
    if problem == PROBLEM_LENGTH_LEADING_ZERO:
        candidate = leading_zero_candidate(value)
        if candidate is not None:
            return t(
                "check.fnr.hint.leading_zero", candidate=context.display_fodselsnummer(candidate)
            )
    return t(f"check.fnr.problem.{problem}")


def fodselsnummer_valid(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D001: every fødselsnummer has valid check digits and a possible birth date."""
    samples: list[dict[str, str]] = []
    failing = 0
    checked = 0
    for table in ("elever", "elevfag"):
        checked += len(context.frames[table])
        rows = _rows_failing(context, failures, "VK-D001", table)
        failing += len(rows)
        if rows.empty:
            continue
        shown = rows.head(context.sample_size)
        problems = classify_fodselsnummer(shown["fodselsnummer"].reset_index(drop=True))["problem"]
        notes = [
            _fodselsnummer_note(context, str(value), str(problem))
            for value, problem in zip(shown["fodselsnummer"], problems, strict=True)
        ]
        samples.extend(context.sample(table, shown, ("fodselsnummer", "skolenr"), notes))
    return _result("VK-D001", failing, checked, tuple(samples[: context.sample_size]))


def fodselsnummer_kinds(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D002: count the kinds of valid number among the pupils (never a failure)."""
    numbers = context.frames["elever"]["fodselsnummer"].dropna().drop_duplicates()
    classified = classify_fodselsnummer(numbers)
    valid = classified[classified["valid"]]
    counts = valid["kind"].value_counts()
    details = {
        "ordinary": int(counts.get(KIND_ORDINARY, 0)),
        "d_nummer": int(counts.get(KIND_D, 0)),
        "h_nummer": int(counts.get(KIND_H, 0)),
        "synthetic": int(counts.get(KIND_SYNTHETIC, 0)),
        "d_synthetic": int(counts.get(KIND_D_SYNTHETIC, 0)),
        "rule_2032": int(valid["rule_2032"].sum()),
        "invalid": int(len(numbers) - len(valid)),
    }
    return CheckResult(
        code="VK-D002",
        status=Status.INFO,
        message_key="check.VK-D002.info",
        checked=len(numbers),
        details={"checked": len(numbers), **details},
    )


def file_structure(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D000: no record of the extract files has a structural error (too few or many fields)."""
    samples: list[dict[str, str]] = []
    failing = 0
    for table, problems in context.file_problems.items():
        errors = [p for p in problems if p.severity is ProblemSeverity.ERROR]
        failing += len(errors)
        for problem in errors[: context.sample_size]:
            samples.append(
                {
                    "tabell": table,
                    "linje": "" if problem.line is None else str(problem.line),
                    "merknad": problem.message(),
                }
            )
    checked = sum(len(frame) for frame in context.frames.values())
    return _result("VK-D000", failing, checked, tuple(samples[: context.sample_size]))


# Cross-table rules -------------------------------------------------------------


def active_at_two_schools(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D003: a pupil is active at no more than one school on the count date."""
    count_date = context.delivery.count_date or context.as_of
    ended = sorted(context.codes.elevstatus_ended)
    rows = context.db.query(
        f"""
        WITH active AS (
            SELECT fodselsnummer, skolenr, {LINE_COLUMN}
            FROM elever
            WHERE fodselsnummer IS NOT NULL
              AND coalesce(elevstatus, '') NOT IN (SELECT unnest(?::VARCHAR[]))
              AND try_strptime(startdato, '%d.%m.%Y') <= ?::DATE
              AND (sluttdato IS NULL OR try_strptime(sluttdato, '%d.%m.%Y') >= ?::DATE)
        )
        SELECT fodselsnummer,
               string_agg(DISTINCT skolenr, ', ' ORDER BY skolenr) AS skolenr,
               min({LINE_COLUMN}) AS {LINE_COLUMN}
        FROM active
        GROUP BY fodselsnummer
        HAVING count(DISTINCT skolenr) > 1
        ORDER BY min({LINE_COLUMN})
        """,
        [ended, count_date, count_date],
    )
    pupils = context.db.scalar("SELECT count(DISTINCT fodselsnummer) FROM elever")
    return _result(
        "VK-D003",
        len(rows),
        int(pupils or 0),
        context.sample("elever", rows, ("fodselsnummer", "skolenr")),
        count_date=count_date.strftime("%d.%m.%Y"),
    )


def subjects_without_pupil(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D004: every pupil-subject row has a pupil at the same school."""
    rows = context.db.query(
        f"""
        SELECT f.fodselsnummer, f.skolenr, f.fagkode, f.{LINE_COLUMN}
        FROM elevfag f
        WHERE NOT EXISTS (
            SELECT 1 FROM elever e
            WHERE e.fodselsnummer = f.fodselsnummer AND e.skolenr = f.skolenr
        )
        ORDER BY f.{LINE_COLUMN}
        """
    )
    return _result(
        "VK-D004",
        len(rows),
        len(context.frames["elevfag"]),
        context.sample("elevfag", rows, ("fodselsnummer", "skolenr", "fagkode")),
    )


def pupils_without_rett(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D008: after 5A019 has run, every active pupil has a rett."""
    ran = context.db.scalar(
        """
        SELECT max(try_strptime(start, ['%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M']))
        FROM jobblogg
        WHERE jobbnr = '5A019' AND upper(status) = 'OK' AND skolear = ?
          AND try_strptime(start, ['%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M']) <= ?
        """,
        [context.delivery.school_year, context.cutoff],
    )
    if ran is None:
        return CheckResult(
            code="VK-D008", status=Status.PENDING, message_key="check.VK-D008.venter"
        )
    ended = sorted(context.codes.elevstatus_ended)
    rows = context.db.query(
        f"""
        SELECT fodselsnummer, skolenr, programomradekode, elevstatus, {LINE_COLUMN}
        FROM elever
        WHERE (rett IS NULL OR trim(rett) = '')
          AND coalesce(elevstatus, '') NOT IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY {LINE_COLUMN}
        """,
        [ended],
    )
    return _result(
        "VK-D008",
        len(rows),
        len(context.frames["elever"]),
        context.sample("elever", rows, ("fodselsnummer", "skolenr", "programomradekode")),
        run=ran.strftime("%d.%m.%Y %H:%M"),
    )


def unknown_school(
    context: RunContext, failures: Mapping[tuple[str, str], pd.DataFrame]
) -> CheckResult:
    """VK-D011: every pupil's skolenr is a school of the extract's school list."""
    rows = context.db.query(
        f"""
        SELECT e.fodselsnummer, e.skolenr, e.{LINE_COLUMN}
        FROM elever e
        WHERE e.skolenr IS NULL
           OR e.skolenr NOT IN (SELECT skolenr FROM skoler WHERE skolenr IS NOT NULL)
        ORDER BY e.{LINE_COLUMN}
        """
    )
    return _result(
        "VK-D011",
        len(rows),
        len(context.frames["elever"]),
        context.sample("elever", rows, ("fodselsnummer", "skolenr")),
    )


DataRule = Callable[[RunContext, Mapping[tuple[str, str], pd.DataFrame]], CheckResult]

RULES: Mapping[str, DataRule] = {
    "VK-D000": file_structure,
    "VK-D001": fodselsnummer_valid,
    "VK-D002": fodselsnummer_kinds,
    "VK-D003": active_at_two_schools,
    "VK-D004": subjects_without_pupil,
    "VK-D005": _code_rule("VK-D005", ("elever",), "elevstatus"),
    "VK-D006": _code_rule("VK-D006", ("elevfag",), "fagstatus"),
    "VK-D007": _code_rule("VK-D007", ("elever", "elevfag"), "programomradekode"),
    "VK-D008": pupils_without_rett,
    "VK-D009": _code_rule("VK-D009", ("elever",)),
    "VK-D010": _code_rule("VK-D010", ("elevfag",), "fagkode"),
    "VK-D011": unknown_school,
}
