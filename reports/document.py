"""Turn an assessment into the plain, translated document both report formats write.

Both the HTML and the JSON report are built from :func:`build_document`, so
they always hold the same findings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from checks.model import CheckResult, CheckSpec, Severity, Status
from vigoklar import __version__
from vigoklar.assess import Assessment, TableSummary
from vigoklar.i18n import Language, get_language, t


def _date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def days_text(days: int) -> str:
    """Return "3 dager igjen", "i dag" or "for 2 dager siden" for a day count."""
    if days == 0:
        return t("report.days.today")
    if abs(days) == 1:
        return t("report.days.tomorrow" if days > 0 else "report.days.yesterday")
    if days > 0:
        return t("report.days.left", days=days)
    return t("report.days.ago", days=-days)


def _table_status(summary: TableSummary) -> str:
    if summary.records is not None:
        return "lest"
    return "feil" if summary.problem else "mangler"


def _table_message(summary: TableSummary, lang: Language) -> str | None:
    if summary.problem:
        return summary.problem
    if summary.errors or summary.warnings:
        return t("report.table_problems", lang, errors=summary.errors, warnings=summary.warnings)
    return None


def display_status(spec: CheckSpec, result: CheckResult) -> str:
    """Return the status shown to users: a failed warning shows as "advarsel", not "feil"."""
    if spec.severity is Severity.WARNING and result.status is Status.FAILED:
        return "advarsel"
    return result.status.value


def build_document(assessment: Assessment, language: Language | None = None) -> dict[str, Any]:
    """Return the report content as JSON-ready data, texts in ``language``."""
    lang = language or get_language()
    delivery = assessment.delivery
    deadlines = [
        {
            "rolle": item.deadline.role,
            "navn": t(f"report.role.{item.deadline.role}", lang),
            "fra": _date(item.deadline.start) if item.deadline.start else None,
            "dato": _date(item.deadline.date),
            "jobber": list(item.deadline.jobs),
            "dager_igjen": item.days_left,
            "dager_tekst": days_text(item.days_left),
            "kontroll": item.check_code,
            "status": item.status.value if item.status else None,
            "status_tekst": t(f"report.status.{item.status.value}", lang)
            if item.status
            else t("report.status.not_judged", lang),
        }
        for item in assessment.deadlines
    ]
    checks = [
        {
            "kode": spec.code,
            "tittel": t(spec.title_key, lang),
            "type": spec.kind.value,
            "alvorlighet": spec.severity.value,
            "alvorlighet_tekst": t(f"report.severity.{spec.severity.value}", lang),
            "tabeller": list(spec.tables),
            "status": result.status.value,
            "visningsstatus": display_status(spec, result),
            "status_tekst": t(f"report.status.{display_status(spec, result)}", lang),
            "melding": t(result.message_key, lang, **result.details),
            "rad": t(spec.advice_key, lang, **result.details)
            if result.status in (Status.FAILED, Status.PENDING, Status.INFO)
            else None,
            "antall_feil": result.failing,
            "antall_kontrollert": result.checked,
            "frist": _date(result.deadline) if result.deadline else None,
            "eksempler": [dict(row) for row in result.sample],
        }
        for spec, result in assessment.results
    ]
    tables = [
        {
            "tabell": summary.name,
            "fil": summary.file,
            "poster": summary.records,
            "tegnkoding": summary.encoding,
            "status": _table_status(summary),
            "feil": summary.errors,
            "advarsler": summary.warnings,
            "melding": _table_message(summary, lang),
        }
        for summary in assessment.tables
    ]
    return {
        "vigoklar": __version__,
        "spraak": lang,
        "leveranse": {
            "id": delivery.id,
            "art": delivery.kind,
            "navn": t(f"report.delivery.{delivery.kind}.{delivery.round}", lang),
            "dato": _date(delivery.date),
            "skolear": delivery.school_year,
            "mottaker": delivery.receiver,
            "telledato": _date(delivery.count_date) if delivery.count_date else None,
        },
        "vurdert_per": _date(assessment.as_of),
        "dager_igjen": assessment.days_left,
        "dager_tekst": days_text(assessment.days_left),
        "vurdering": assessment.verdict.value,
        "vurdering_tekst": t(f"report.verdict.{assessment.verdict.value}", lang),
        "vurdering_forklaring": t(f"report.verdict_explained.{assessment.verdict.value}", lang),
        "utgangskode": int(assessment.verdict.exit_code),
        "uttrekk": str(assessment.extract_folder),
        "frister": deadlines,
        "tabeller": tables,
        "kontroller": checks,
    }
