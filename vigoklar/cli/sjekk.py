"""``vigoklar sjekk``: the pre-delivery check of one delivery."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from checks.context import DEFAULT_SAMPLE_SIZE
from deadlines.deliveries import load_deliveries, select_delivery
from reports.document import days_text, display_status
from reports.writers import write_reports
from vigoklar.assess import assess
from vigoklar.cli.common import lang_option
from vigoklar.errors import UsageError
from vigoklar.i18n import t
from vigoklar.reading.mapping import load_mapping

#: Default report folder when ``--ut`` is not given, relative to the working directory.
DEFAULT_OUTPUT = Path("rapporter")


def parse_date(value: str | None) -> dt.date:
    """Return ``value`` (ÅÅÅÅ-MM-DD or dd.mm.åååå) as a date; None means today."""
    if value is None:
        return dt.date.today()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise UsageError("VK-U003", "cli.bad_date", value=value)


def register(app: typer.Typer) -> None:
    """Add the ``sjekk`` command to ``app``."""

    @app.command(name="sjekk", help=t("cli.sjekk.help"), no_args_is_help=True)
    def sjekk(
        leveranse: str = typer.Argument(..., metavar="LEVERANSE", help=t("cli.sjekk.leveranse")),
        uttrekk: Path = typer.Option(
            ..., "--uttrekk", metavar="MAPPE", help=t("cli.sjekk.uttrekk")
        ),
        dato: str | None = typer.Option(
            None, "--dato", metavar="ÅÅÅÅ-MM-DD", help=t("cli.sjekk.dato")
        ),
        ut: Path = typer.Option(DEFAULT_OUTPUT, "--ut", metavar="MAPPE", help=t("cli.sjekk.ut")),
        mapping: Path | None = typer.Option(
            None, "--mapping", metavar="FIL", help=t("cli.sjekk.mapping")
        ),
        eksempler: int = typer.Option(
            DEFAULT_SAMPLE_SIZE, "--eksempler", min=0, max=1000, help=t("cli.sjekk.eksempler")
        ),
        vis_fodselsnummer: bool = typer.Option(
            False, "--vis-fodselsnummer", help=t("cli.sjekk.vis_fodselsnummer")
        ),
        lang: str = lang_option(),
    ) -> int:
        as_of = parse_date(dato)
        if not uttrekk.is_dir():
            raise UsageError("VK-U004", "cli.no_extract_folder", folder=str(uttrekk))
        delivery = select_delivery(leveranse, as_of, load_deliveries())
        assessment = assess(
            delivery,
            uttrekk,
            as_of,
            show_fodselsnummer=vis_fodselsnummer,
            sample_size=eksempler,
            mapping=load_mapping(mapping) if mapping is not None else None,
        )
        written = write_reports(assessment, ut, mask=not vis_fodselsnummer)

        typer.echo(
            t(
                "cli.sjekk.summary",
                delivery=t(f"report.delivery.{delivery.kind}.{delivery.round}"),
                date=delivery.date.strftime("%d.%m.%Y"),
                as_of=as_of.strftime("%d.%m.%Y"),
                verdict=t(f"report.verdict.{assessment.verdict.value}"),
                days=days_text(assessment.days_left),
            )
        )
        for spec, result in assessment.results:
            if result.status.value in ("feil", "venter", "ikke_vurdert"):
                typer.echo(
                    f"  {spec.code} [{t(f'report.status.{display_status(spec, result)}')}] "
                    f"{t(result.message_key, **result.details)}"
                )
        typer.echo(t("cli.sjekk.written", html=str(written.html), json=str(written.json)))
        return int(assessment.verdict.exit_code)
