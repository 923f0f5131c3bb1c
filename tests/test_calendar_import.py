"""Import of the 2024-2025 annual calendar document: every row, note, routine and colour."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from deadlines.arshjul import ImportResult, import_calendar
from deadlines.calendar import calendar_to_toml, read_calendar, write_calendar
from deadlines.deliveries import DEADLINES_DIR
from deadlines.workdays import WorkdayRule
from vigoklar.errors import InputError, UsageError

DOCUMENT = DEADLINES_DIR / "2024-2025" / "arshjul-2024-2025.txt"
COMMITTED = DEADLINES_DIR / "2024-2025" / "kalender.toml"


@pytest.fixture(scope="module")
def imported() -> ImportResult:
    return import_calendar(DOCUMENT)


def _codes(result: ImportResult) -> Counter[str]:
    return Counter(finding.code for finding in result.findings)


def test_reimport_matches_committed_file(tmp_path: Path) -> None:
    target = tmp_path / "kalender.toml"
    write_calendar(import_calendar(DOCUMENT).calendar, target)
    assert target.read_bytes() == COMMITTED.read_bytes()


def test_committed_file_reads_back(imported: ImportResult) -> None:
    assert read_calendar(COMMITTED) == imported.calendar


def test_rows_read_equal_rows_kept(imported: ImportResult) -> None:
    assert imported.rows_read == 111
    assert len(imported.calendar.rows) == 111


def test_rows_per_month(imported: ImportResult) -> None:
    per_month = Counter(row.month for row in imported.calendar.rows)
    assert per_month == {
        "2024-07": 8,
        "2024-08": 3,
        "2024-09": 12,
        "2024-10": 17,
        "2024-11": 17,
        "2024-12": 5,
        "2025-01": 9,
        "2025-02": 9,
        "2025-03": 8,
        "2025-04": 3,
        "2025-06": 9,
        "2025-07": 9,
        "2025-08": 1,
        None: 1,
    }


def test_row_ids_unique(imported: ImportResult) -> None:
    ids = [row.id for row in imported.calendar.rows]
    assert len(set(ids)) == len(ids)


def test_ssbelev_delivery_row(imported: ImportResult) -> None:
    row = imported.calendar.row("2024-10-24-1")
    assert row.kind == "levering"
    assert row.delivery == "ssbElev"
    assert row.category == "ssb_udir"
    assert row.sender == "VIGO (IST)"
    assert row.receiver == "Udir (inkl SSB)"
    assert row.registration_deadline == dt.date(2024, 10, 23)
    assert row.update_rett_required
    assert "<b>" not in row.description
    assert row.comment == "Se også 08. november."


def test_ssbelev_reference_resolves_to_5a019(imported: ImportResult) -> None:
    calendar = imported.calendar
    row = calendar.row("2024-10-24-1")
    assert row.references[0] == "2024-10-22-1"
    assert calendar.row(row.references[0]).jobs == ("5A019",)
    assert row.reference_texts == ("Se 22. oktober", "Se også 08. november")
    assert row.references[1] == "2024-11-08-1"


def test_reference_prefers_shared_delivery(imported: ImportResult) -> None:
    # Both rows of 23 September lead to this delivery. Of the three rows of
    # 15 July, the admission row is left out because it shares no delivery.
    row = imported.calendar.row("2024-09-25-1")
    assert row.references == ("2024-09-23-1", "2024-09-23-2", "2024-07-15-2", "2024-07-15-3")


def test_two_day_reference(imported: ImportResult) -> None:
    row = imported.calendar.row("2024-10-11-1")
    assert row.reference_texts == ("Se 09. og 10. oktober",)
    assert row.references == ("2024-10-09-1", "2024-10-10-1")


def test_delivery_inherited_through_reference(imported: ImportResult) -> None:
    assert imported.calendar.row("2024-10-11-1").delivery == "ssbElev"
    assert imported.calendar.row("2024-10-22-1").delivery == "ssbElev"


def test_kind_from_markup(imported: ImportResult) -> None:
    calendar = imported.calendar
    assert calendar.row("2024-09-09-1").kind == "forste_dato"
    assert calendar.row("2024-09-13-1").kind == "siste_dato"
    assert calendar.row("2024-09-05-2").kind == "frist"
    assert calendar.row("2024-10-14-1").kind == "frist"
    assert calendar.row("2024-10-25-1").kind == "tilbakemelding"
    assert calendar.row("2024-07-31-1").kind == "informasjon"


def test_jobs_in_order(imported: ImportResult) -> None:
    assert imported.calendar.row("2024-09-05-2").jobs == ("6A001", "6S002", "8A011")
    assert imported.calendar.row("2024-10-04-1").jobs == ("2S001", "4S001")


def test_weekend_row_keeps_nominal_date(imported: ImportResult) -> None:
    row = imported.calendar.row("2024-09-15-1")
    assert row.start == dt.date(2024, 9, 15)
    assert row.effective == dt.date(2024, 9, 16)
    assert row.not_working_day == "søndag"


def test_weekend_findings(imported: ImportResult) -> None:
    lines = [f.line for f in imported.findings if f.code == "VK-C001"]
    assert lines == [21, 24, 29, 99, 113]


def test_impossible_registration_date_reported(imported: ImportResult) -> None:
    row = imported.calendar.row("2025-03-01-1")
    assert row.registration_deadline is None
    assert row.invalid_dates == ("registreringsfrist: 29. februar 2025",)
    assert _codes(imported)["VK-C011"] == 1


def test_in_vigo_by_date(imported: ImportResult) -> None:
    assert imported.calendar.row("2024-10-09-1").in_vigo_by == dt.date(2024, 10, 11)


def test_week_rows(imported: ImportResult) -> None:
    autumn = imported.calendar.row("2024-U40-1")
    assert (autumn.start, autumn.end) == (dt.date(2024, 9, 30), dt.date(2024, 10, 6))
    winter = imported.calendar.row("2025-U08-1")
    assert (winter.start, winter.end) == (dt.date(2025, 2, 17), dt.date(2025, 2, 23))


def test_double_week_rows_kept_twice(imported: ImportResult) -> None:
    first = imported.calendar.row("2025-U31-1")
    second = imported.calendar.row("2025-U31-2")
    assert (first.month, second.month) == ("2025-07", "2025-08")
    assert first.weeks == (31, 32)
    assert (first.start, first.end) == (dt.date(2025, 7, 28), dt.date(2025, 8, 10))
    assert (second.start, second.end) == (first.start, first.end)


def test_duplicate_week_row_reported(imported: ImportResult) -> None:
    duplicates = [f for f in imported.findings if f.code == "VK-C005"]
    assert [f.line for f in duplicates] == [157]
    assert duplicates[0].fields["first_line"] == 153


def test_range_rows(imported: ImportResult) -> None:
    ranges = [row for row in imported.calendar.rows if row.form == "periode"]
    assert [row.id for row in ranges] == ["2025-06-16-2", "2025-06-16-3"]
    assert ranges[0].end == dt.date(2025, 6, 18)
    assert ranges[0].date_text == "16.jun til 18.jun"


def test_vague_row(imported: ImportResult) -> None:
    vague = [row for row in imported.calendar.rows if row.form == "vag"]
    assert len(vague) == 1
    assert (vague[0].start, vague[0].end) == (dt.date(2024, 8, 1), dt.date(2024, 8, 31))
    assert vague[0].category == "vilbli"


def test_recurring_row(imported: ImportResult) -> None:
    recurring = [row for row in imported.calendar.rows if row.form == "gjentakende"]
    assert len(recurring) == 1
    assert recurring[0].start is None
    assert recurring[0].jobs == ("6A015", "5A018", "5A019")
    assert recurring[0].category == "ot"


def test_routine_steps_in_order(imported: ImportResult) -> None:
    (routine,) = imported.calendar.routines
    assert routine.title == "Rutiner for overføring fra søker til elev og videre til OT"
    assert [step.number for step in routine.steps] == [1, 2, 3, 4]
    assert routine.steps[0].text.startswith("Privatskoleelevene må først importeres")
    assert routine.steps[3].text == "Må logge de som fortsatt ligger uten rett."


def test_routine_reference(imported: ImportResult) -> None:
    (routine,) = imported.calendar.routines
    assert routine.id in imported.calendar.row("2024-09-09-1").references


def test_legend_categories(imported: ImportResult) -> None:
    from_document = [c.id for c in imported.calendar.categories if c.from_document]
    assert from_document == [
        "vigo_intern",
        "udir_fagopplaering",
        "udir_privatskole",
        "udir_soker_inntak",
        "udir_opplaeringskontor",
        "ssb_udir",
        "lanekassen",
        "ot",
        "vilbli",
        "fpvs",
    ]


def test_every_row_has_known_category(imported: ImportResult) -> None:
    known = {c.id for c in imported.calendar.categories}
    assert {row.category for row in imported.calendar.rows} <= known


def test_notes_kept(imported: ImportResult) -> None:
    notes = imported.calendar.notes
    assert [note.text for note in notes if note.kind == "merknad"] == [
        "Fargekoder se i slutten av dokumentet.",
        "Kfr Gudrund",
        "Hver måned etter overføring fra søker til elev(rapport 5A001 må være kjørt) "
        "(Se 09. og 13. september)",
    ]
    assert sum(1 for note in notes if note.kind == "skillelinje") == 2


def test_note_reference_resolves_to_2024(imported: ImportResult) -> None:
    note = next(n for n in imported.calendar.notes if n.text.startswith("Hver måned"))
    assert note.references == ("2024-09-09-1", "2024-09-13-1")


def test_notes_reported(imported: ImportResult) -> None:
    assert _codes(imported)["VK-C006"] == 3


def test_no_unresolved_references(imported: ImportResult) -> None:
    assert _codes(imported)["VK-C004"] == 0


def test_header_fields(imported: ImportResult) -> None:
    calendar = imported.calendar
    assert calendar.school_year == "2024-2025"
    assert calendar.version == "04.07.2024"
    assert calendar.source == "arshjul-2024-2025.txt"
    assert not calendar.draft


def test_previous_rule_changes_effective_date() -> None:
    calendar = import_calendar(DOCUMENT, rule=WorkdayRule.PREVIOUS).calendar
    assert calendar.row("2024-09-15-1").effective == dt.date(2024, 9, 13)
    assert 'virkedagsregel = "forrige"' in calendar_to_toml(calendar)


# Bad and unusual documents


def _document(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "arshjul.txt"
    header = "# ÅRSHJUL VIGO OPPLÆRING, skoleåret 2026-2027\n\nMåned\tFra\tHva\tTil\tKommentar\n"
    path.write_bytes((header + body).encode(encoding))
    return path


def test_week_53_missing_is_error(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Desember 2027\n\nuke 53\t\tJuleferie\t\t\n")
    result = import_calendar(path)
    (row,) = result.calendar.rows
    assert row.start is None
    assert [f.code for f in result.findings] == ["VK-C003"]


def test_week_53_in_long_year(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Desember 2026\n\nuke 53\t\tJuleferie\t\t\n")
    (row,) = import_calendar(path).calendar.rows
    assert (row.start, row.end) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))


def test_impossible_date_kept(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Februar 2027\n\n30.feb\tFylkene\tFrist for noe\t\t\n")
    result = import_calendar(path)
    (row,) = result.calendar.rows
    assert row.start is None
    assert row.date_text == "30.feb"
    assert [f.code for f in result.findings] == ["VK-C002"]


def test_unknown_date_form_kept(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Mars 2027\n\nca. midten av mars\tFylkene\tNoe\t\t\n")
    result = import_calendar(path)
    (row,) = result.calendar.rows
    assert row.form == "ukjent"
    assert row.description == "Noe"
    assert [f.code for f in result.findings] == ["VK-C007"]


def test_unresolved_reference_reported(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Mars 2027\n\n03.mar\tFylkene\tNoe. Se 05. mars\t\t\n")
    result = import_calendar(path)
    assert [f.code for f in result.findings] == ["VK-C004"]


def test_christmas_eve_not_reported(tmp_path: Path) -> None:
    path = _document(
        tmp_path, "## Desember 2026\n\n24.des\tFylkene\tNoe\t\t\n25.des\tFylkene\tNoe\t\t\n"
    )
    result = import_calendar(path)
    assert [f.line for f in result.findings if f.code == "VK-C001"] == [7]
    assert result.calendar.rows[1].not_working_day == "Første juledag"


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Mars 2027\n\n03.mar\tFylkene\tSøkerfil\t\t\n", "cp1252")
    with pytest.raises(InputError) as caught:
        import_calendar(path)
    assert caught.value.code == "VK-C106"
    assert caught.value.fields["line"] == 1
    assert caught.value.fields["column"] == 3
    assert caught.value.fields["value"] == "c5"


def test_document_unchanged_by_import(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Mars 2027\n\n03.mar\tFylkene\tNoe\t\t\n")
    before = path.read_bytes()
    import_calendar(path)
    assert path.read_bytes() == before


def test_missing_document(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        import_calendar(tmp_path / "mangler.txt")
    assert caught.value.code == "VK-C105"


def test_school_year_must_match_title(tmp_path: Path) -> None:
    path = _document(tmp_path, "## Mars 2027\n\n03.mar\tFylkene\tNoe\t\t\n")
    with pytest.raises(UsageError) as caught:
        import_calendar(path, "2025-2026")
    assert caught.value.fields == {"file": str(path), "title": "2026-2027", "given": "2025-2026"}


def test_document_without_rows(tmp_path: Path) -> None:
    path = _document(tmp_path, "Bare tekst\n")
    with pytest.raises(InputError) as caught:
        import_calendar(path)
    assert caught.value.code == "VK-C109"
