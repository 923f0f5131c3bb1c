"""``vigoklar les``: read one extract file and show what a check would see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import typer

from vigoklar.cli.common import lang_option
from vigoklar.errors import ExitCode
from vigoklar.i18n import t
from vigoklar.layout import TABLES
from vigoklar.reading.diagnosis import Diagnosis, diagnose
from vigoklar.reading.mapping import load_mapping

_DELIMITER_KEYS = {";": "semicolon", ",": "comma", "\t": "tab"}


def _listing(names: Iterable[str]) -> str:
    return ", ".join(names) or t("les.none")


def render(diagnosis: Diagnosis, max_per_code: int) -> list[str]:
    """Return the lines that ``vigoklar les`` prints for ``diagnosis``."""
    raw = diagnosis.raw
    lines = [
        t("les.file", file=raw.file),
        t("les.encoding", encoding=raw.encoding.label),
        t(
            "les.delimiter",
            delimiter=t(f"les.delimiter_name.{_DELIMITER_KEYS[raw.delimiter]}"),
            quoted=t("les.yes") if raw.quoted else t("les.no"),
        ),
        t("les.counts", records=raw.records, lines=raw.physical_lines),
    ]
    if diagnosis.table is None:
        lines.append(t("les.table_unknown", tables=", ".join(TABLES)))
    else:
        key = "les.table_inferred" if diagnosis.table_inferred else "les.table_given"
        lines.append(t(key, table=diagnosis.table))
    matched = [
        name if name == written else f"{written} → {name}"
        for name, written in diagnosis.matched.items()
    ]
    lines.append(t("les.columns_matched", columns=_listing(matched)))
    if diagnosis.table is not None:
        lines.append(
            t("les.columns_missing_required", columns=_listing(diagnosis.missing_required))
        )
        lines.append(
            t("les.columns_missing_optional", columns=_listing(diagnosis.missing_optional))
        )
        lines.append(t("les.columns_unknown", columns=_listing(diagnosis.unknown)))

    lines.append(t("les.problems", errors=diagnosis.errors, warnings=diagnosis.warnings))
    shown: Counter[str] = Counter()
    for problem in diagnosis.problems:
        shown[problem.code] += 1
        if max_per_code and shown[problem.code] > max_per_code:
            continue
        lines.append(f"  {t(f'les.severity.{problem.severity.value}')}: {problem.message()}")
    for code, count in shown.items():
        if max_per_code and count > max_per_code:
            lines.append(t("les.more", count=count - max_per_code, code=code))

    result = {
        ExitCode.READY: "les.result.clean",
        ExitCode.READY_WITH_WARNINGS: "les.result.warnings",
    }.get(diagnosis.exit_code, "les.result.errors")
    lines.append(t(result))
    return lines


def register(app: typer.Typer) -> None:
    """Add the ``les`` command to ``app``."""

    @app.command(name="les", help=t("les.help"), no_args_is_help=True)
    def les(
        fil: Path = typer.Argument(..., metavar="FIL", help=t("les.option.fil")),
        tabell: str | None = typer.Option(
            None, "--tabell", metavar="NAVN", help=t("les.option.tabell")
        ),
        mapping: Path | None = typer.Option(
            None, "--mapping", metavar="FIL", help=t("les.option.mapping")
        ),
        maks: int = typer.Option(50, "--maks", min=0, help=t("les.option.maks")),
        lang: str = lang_option(),
    ) -> int:
        column_mapping = load_mapping(mapping) if mapping is not None else None
        diagnosis = diagnose(fil, tabell, column_mapping)
        for line in render(diagnosis, maks):
            typer.echo(line)
        return int(diagnosis.exit_code)
