"""``vigoklar kalender``: import, list, export and draft the annual calendar (årshjul)."""

from __future__ import annotations

from pathlib import Path

import typer

from deadlines.arshjul import import_calendar
from deadlines.calendar import (
    CALENDAR_FILE,
    calendar_path,
    load_calendar,
    read_calendar,
    school_year_start,
    write_calendar,
)
from deadlines.draft import draft_calendar
from deadlines.ics import write_ics
from deadlines.listing import filter_rows, format_rows
from deadlines.workdays import DEFAULT_RULE, WorkdayRule
from vigoklar.cli.common import lang_option
from vigoklar.errors import ExitCode, UsageError
from vigoklar.i18n import t


def _check_rule(value: str) -> str:
    if value not in {rule.value for rule in WorkdayRule}:
        raise typer.BadParameter(
            t(
                "kalender.error.bad_rule",
                value=value,
                allowed=", ".join(rule.value for rule in WorkdayRule),
            )
        )
    return value


def _check_school_year(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        school_year_start(value)
    except ValueError:
        raise typer.BadParameter(t("kalender.error.bad_school_year", value=value)) from None
    return value


def _previous_school_year(school_year: str) -> str:
    start = school_year_start(school_year)
    return f"{start - 1}-{start}"


def register(app: typer.Typer) -> None:
    """Add the ``kalender`` command group to ``app``."""
    kalender_app = typer.Typer(help=t("kalender.help.app"), no_args_is_help=True)
    app.add_typer(kalender_app, name="kalender")

    @kalender_app.command("importer", help=t("kalender.help.importer"))
    def importer(
        fil: Path = typer.Argument(..., help=t("kalender.help.file"), show_default=False),
        ut: Path | None = typer.Option(None, "--ut", help=t("kalender.help.out")),
        skolear: str | None = typer.Option(
            None, "--skolear", help=t("kalender.help.school_year"), callback=_check_school_year
        ),
        virkedag: str = typer.Option(
            DEFAULT_RULE.value,
            "--virkedag",
            help=t("kalender.help.workday_rule"),
            callback=_check_rule,
        ),
        lang: str = lang_option(),
    ) -> int:
        result = import_calendar(fil, skolear, WorkdayRule(virkedag))
        target = ut or calendar_path(result.calendar.school_year)
        write_calendar(result.calendar, target)
        written = read_calendar(target)
        calendar = result.calendar
        typer.echo(
            t(
                "kalender.import.summary",
                read=result.rows_read,
                written=len(written.rows),
                file=target,
                notes=len(written.notes),
                routines=len(written.routines),
                categories=sum(1 for c in written.categories if c.from_document),
            )
        )
        if result.findings:
            typer.echo(t("kalender.import.findings", count=len(result.findings)))
            for finding in result.findings:
                typer.echo(f"  {finding.code} {finding.message()}")
        else:
            typer.echo(t("kalender.import.no_findings"))
        if len(written.rows) != result.rows_read or len(calendar.rows) != result.rows_read:
            typer.echo(
                t("kalender.import.mismatch", written=len(written.rows), read=result.rows_read),
                err=True,
            )
            return ExitCode.INTERNAL_ERROR
        return ExitCode.READY

    @kalender_app.command("vis", help=t("kalender.help.vis"))
    def vis(
        maned: int | None = typer.Option(None, "--maned", help=t("kalender.help.month")),
        kategori: str | None = typer.Option(None, "--kategori", help=t("kalender.help.category")),
        mottaker: str | None = typer.Option(None, "--mottaker", help=t("kalender.help.receiver")),
        leveranse: str | None = typer.Option(None, "--leveranse", help=t("kalender.help.delivery")),
        skolear: str = typer.Option(
            "2024-2025",
            "--skolear",
            help=t("kalender.help.school_year"),
            callback=_check_school_year,
        ),
        lang: str = lang_option(),
    ) -> int:
        calendar = load_calendar(skolear)
        rows = filter_rows(calendar, maned, kategori, mottaker, leveranse)
        if not rows:
            typer.echo(t("kalender.vis.empty"))
            return ExitCode.READY
        typer.echo(format_rows(rows))
        typer.echo(t("kalender.vis.count", count=len(rows), total=len(calendar.rows)))
        return ExitCode.READY

    @kalender_app.command("ics", help=t("kalender.help.ics"))
    def ics(
        ut: Path | None = typer.Option(None, "--ut", help=t("kalender.help.ics_out")),
        skolear: str = typer.Option(
            "2024-2025",
            "--skolear",
            help=t("kalender.help.school_year"),
            callback=_check_school_year,
        ),
        varsel_dager: int = typer.Option(3, "--varsel-dager", help=t("kalender.help.alarm_days")),
        lang: str = lang_option(),
    ) -> int:
        if varsel_dager < 0:
            raise UsageError("VK-C113", "kalender.error.bad_alarm_days", value=varsel_dager)
        calendar = load_calendar(skolear)
        target = ut or Path(f"arshjul-{skolear}.ics")
        events = write_ics(calendar, target, varsel_dager)
        typer.echo(
            t(
                "kalender.ics.summary",
                events=events,
                file=target,
                skipped=len(calendar.rows) - events,
            )
        )
        return ExitCode.READY

    @kalender_app.command("utkast", help=t("kalender.help.utkast"))
    def utkast(
        skolear: str = typer.Argument(
            ..., help=t("kalender.help.target_year"), callback=_check_school_year
        ),
        fra: str | None = typer.Option(
            None, "--fra", help=t("kalender.help.from_year"), callback=_check_school_year
        ),
        ut: Path | None = typer.Option(None, "--ut", help=t("kalender.help.draft_out")),
        virkedag: str | None = typer.Option(
            None, "--virkedag", help=t("kalender.help.workday_rule")
        ),
        lang: str = lang_option(),
    ) -> int:
        if virkedag is not None:
            _check_rule(virkedag)
        source = load_calendar(fra or _previous_school_year(skolear))
        result = draft_calendar(source, skolear, WorkdayRule(virkedag) if virkedag else None)
        target = ut or calendar_path(skolear)
        if target.name == CALENDAR_FILE and target.is_file() and not read_calendar(target).draft:
            raise UsageError("VK-C114", "kalender.error.would_overwrite", file=str(target))
        write_calendar(result.calendar, target)
        typer.echo(
            t(
                "kalender.draft.summary",
                year=skolear,
                rows=len(result.calendar.rows),
                file=target,
                moved=result.moved,
            )
        )
        for finding in result.findings:
            typer.echo(f"  {finding.code} {finding.message()}")
        return ExitCode.READY
