"""Write the HTML and JSON readiness reports of one assessment."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from reports.document import build_document
from reports.tables import render_table
from vigoklar.assess import Assessment
from vigoklar.i18n import get_language, has_message, t
from vigoklar.masking import mask_text

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("reports", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    undefined=jinja2.StrictUndefined,
)

STATUS_COLOURS = {
    "ok": "#d9f2d9",
    "feil": "#f8d0d0",
    "venter": "#fde9c4",
    "ikke_vurdert": "#e0e0e0",
    "info": "#dde8f6",
    "advarsel": "#fde9c4",
}

VERDICT_COLOURS = {
    "klar": "#1b7f3b",
    "klar_med_advarsler": "#9a6a00",
    "ikke_klar": "#b3261e",
    "frist_passert": "#5f2b8a",
    "ikke_vurdert": "#555555",
}


@dataclass(frozen=True)
class WrittenReport:
    """Paths of the report files written for one assessment."""

    html: Path
    json: Path


def _status_colours(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {
        row["status_tekst"]: STATUS_COLOURS[row.get("visningsstatus") or row["status"]]
        for row in rows
        if row.get("status")
    }


def render_html(document: dict[str, Any], *, mask: bool = True) -> str:
    """Render the report page; the result is one self-contained UTF-8 HTML document."""
    deadline_table = render_table(
        document["frister"],
        {
            "navn": t("report.column.deadline"),
            "dato": t("report.column.date"),
            "dager_tekst": t("report.column.days"),
            "kontroll": t("report.column.check"),
            "status_tekst": t("report.column.status"),
        },
        status_column="status_tekst",
        status_colours={
            row["status_tekst"]: STATUS_COLOURS[row["status"]]
            for row in document["frister"]
            if row["status"]
        },
    )
    check_table = render_table(
        document["kontroller"],
        {
            "kode": t("report.column.code"),
            "tittel": t("report.column.check_title"),
            "alvorlighet_tekst": t("report.column.severity"),
            "status_tekst": t("report.column.status"),
            "melding": t("report.column.result"),
        },
        status_column="status_tekst",
        status_colours=_status_colours(document["kontroller"]),
    )
    table_table = render_table(
        [
            {**row, "poster": "" if row["poster"] is None else str(row["poster"])}
            for row in document["tabeller"]
        ],
        {
            "tabell": t("report.column.table"),
            "fil": t("report.column.file"),
            "poster": t("report.column.records"),
            "tegnkoding": t("report.column.encoding"),
            "melding": t("report.column.problem"),
        },
    )
    details = []
    for check in document["kontroller"]:
        if check["status"] in ("ok",) and not check["eksempler"]:
            continue
        sample_html = None
        if check["eksempler"]:
            keys = list(dict.fromkeys(key for row in check["eksempler"] for key in row))
            sample_html = render_table(
                check["eksempler"],
                {
                    key: t(f"report.sample.{key}") if has_message(f"report.sample.{key}") else key
                    for key in keys
                },
                title=t(
                    "report.sample.title",
                    shown=len(check["eksempler"]),
                    failing=check["antall_feil"],
                ),
            )
        details.append({**check, "sample_html": sample_html})
    html = _TEMPLATES.get_template("report.html.j2").render(
        doc=document,
        lang=document["spraak"],
        t=t,
        verdict_colour=VERDICT_COLOURS[document["vurdering"]],
        deadline_table=deadline_table,
        check_table=check_table,
        table_table=table_table,
        details=details,
        masked=mask,
    )
    return mask_text(html) if mask else html


def report_stem(assessment: Assessment) -> str:
    """Return the file name stem: delivery id and assessment date."""
    return f"{assessment.delivery.id}_per_{assessment.as_of.isoformat()}"


def write_reports(assessment: Assessment, folder: Path, *, mask: bool = True) -> WrittenReport:
    """Write ``<stem>.html`` and ``<stem>.json`` into ``folder``, creating it if needed."""
    document = build_document(assessment, get_language())
    folder.mkdir(parents=True, exist_ok=True)
    stem = report_stem(assessment)
    html_path = folder / f"{stem}.html"
    json_path = folder / f"{stem}.json"
    html_path.write_text(render_html(document, mask=mask), encoding="utf-8", newline="\n")
    text = json.dumps(document, ensure_ascii=False, indent=2)
    json_path.write_text((mask_text(text) if mask else text) + "\n", encoding="utf-8", newline="\n")
    return WrittenReport(html=html_path, json=json_path)
