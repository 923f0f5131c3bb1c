"""Each ssbElev check passing on a clean extract and failing on a hand-made fault."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from checks.model import CheckResult, Status
from deadlines.deliveries import Delivery
from reports.document import build_document
from tests.extracts import FNR_A, FNR_B, FNR_H, Rows, clean_tables, write_extract
from vigoklar.assess import Verdict, assess, run_checks
from vigoklar.loader import load_extract
from vigoklar.reading.mapping import load_mapping

AS_OF = dt.date(2024, 10, 23)


def results_for(
    folder: Path, tables: dict[str, Rows], delivery: Delivery, as_of: dt.date = AS_OF
) -> dict[str, CheckResult]:
    write_extract(folder, tables)
    extract = load_extract(folder, delivery.tables)
    return {result.code: result for _, result in run_checks(delivery, extract, as_of)}


def test_clean_extract_passes_every_check(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    results = results_for(tmp_path, clean_tables(), first_ssb_elev)
    failing = {
        code: r.status
        for code, r in results.items()
        if r.status not in (Status.PASSED, Status.INFO)
    }
    assert failing == {}


def _school_never_imported(tables: dict[str, Rows]) -> None:
    tables["importlogg"] = [r for r in tables["importlogg"] if r["skolenr"] != "32002"]


def _school_imported_late(tables: dict[str, Rows]) -> None:
    tables["importlogg"][1]["tidspunkt"] = "11.10.2024 08:00"


def _import_failed(tables: dict[str, Rows]) -> None:
    tables["importlogg"][1]["status"] = "FEIL"


def _rett_before_import(tables: dict[str, Rows]) -> None:
    tables["jobblogg"][0].update(start="09.10.2024 09:00", slutt="09.10.2024 09:10")
    tables["jobblogg"][1].update(start="09.10.2024 10:00", slutt="09.10.2024 10:20")


def _rett_never_run(tables: dict[str, Rows]) -> None:
    tables["jobblogg"] = [r for r in tables["jobblogg"] if r["jobbnr"] != "5A019"]


def _rett_other_school_year(tables: dict[str, Rows]) -> None:
    tables["jobblogg"][1]["skolear"] = "2023-2024"


def _rett_without_5a018(tables: dict[str, Rows]) -> None:
    tables["jobblogg"] = [r for r in tables["jobblogg"] if r["jobbnr"] != "5A018"]


def _5a018_after_5a019(tables: dict[str, Rows]) -> None:
    tables["jobblogg"][0].update(start="21.10.2024 10:00", slutt="21.10.2024 10:10")


def _private_data_missing(tables: dict[str, Rows]) -> None:
    tables["importlogg"] = [r for r in tables["importlogg"] if r["kilde"] != "WIS"]


def _private_data_before_delivery(tables: dict[str, Rows]) -> None:
    tables["importlogg"][2]["tidspunkt"] = "01.10.2024 08:15"


def _bad_log_time(tables: dict[str, Rows]) -> None:
    tables["jobblogg"][0]["start"] = "2024-10-21 09:00"


def _bad_check_digit(tables: dict[str, Rows]) -> None:
    tables["elever"][0]["fodselsnummer"] = FNR_A[:-1] + "3"


def _lost_leading_zero(tables: dict[str, Rows]) -> None:
    tables["elever"][0]["fodselsnummer"] = FNR_A[1:]
    tables["elevfag"][0]["fodselsnummer"] = FNR_A[1:]


def _two_schools(tables: dict[str, Rows]) -> None:
    tables["elever"].append({**tables["elever"][0], "skolenr": "32002"})


def _subject_without_pupil(tables: dict[str, Rows]) -> None:
    tables["elevfag"].append({**tables["elevfag"][0], "fodselsnummer": FNR_H})


def _unknown_elevstatus(tables: dict[str, Rows]) -> None:
    tables["elever"][1]["elevstatus"] = "Z"


def _unknown_fagstatus(tables: dict[str, Rows]) -> None:
    tables["elevfag"][1]["fagstatus"] = "Q"


def _unpadded_programomrade(tables: dict[str, Rows]) -> None:
    tables["elever"][0]["programomradekode"] = "STUSP1"


def _no_rett(tables: dict[str, Rows]) -> None:
    tables["elever"][2]["rett"] = ""


def _impossible_date(tables: dict[str, Rows]) -> None:
    tables["elever"][2]["startdato"] = "31.09.2024"


def _month_first_date(tables: dict[str, Rows]) -> None:
    tables["elever"][2]["startdato"] = "2024-08-19"


def _bad_fagkode(tables: dict[str, Rows]) -> None:
    tables["elevfag"][0]["fagkode"] = "norsk"


def _unknown_school(tables: dict[str, Rows]) -> None:
    tables["elever"][1]["skolenr"] = "32099"
    tables["elevfag"][1]["skolenr"] = "32099"


FAULTS: list[tuple[str, Callable[[dict[str, Rows]], None], int]] = [
    ("VK-P001", _school_never_imported, 1),
    ("VK-P001", _school_imported_late, 1),
    ("VK-P001", _import_failed, 1),
    ("VK-P003", _rett_before_import, 1),
    ("VK-P003", _rett_never_run, 1),
    ("VK-P003", _rett_other_school_year, 1),
    ("VK-P002", _rett_without_5a018, 1),
    ("VK-P002", _5a018_after_5a019, 1),
    ("VK-P004", _private_data_missing, 1),
    ("VK-P004", _private_data_before_delivery, 1),
    ("VK-P000", _bad_log_time, 1),
    ("VK-D001", _bad_check_digit, 1),
    ("VK-D001", _lost_leading_zero, 2),
    ("VK-D003", _two_schools, 1),
    ("VK-D004", _subject_without_pupil, 1),
    ("VK-D005", _unknown_elevstatus, 1),
    ("VK-D006", _unknown_fagstatus, 1),
    ("VK-D007", _unpadded_programomrade, 1),
    ("VK-D008", _no_rett, 1),
    ("VK-D009", _impossible_date, 1),
    ("VK-D009", _month_first_date, 1),
    ("VK-D010", _bad_fagkode, 1),
    ("VK-D011", _unknown_school, 1),
]


@pytest.mark.parametrize(
    ("code", "fault", "failing"),
    FAULTS,
    ids=[f"{code}-{fault.__name__[1:]}" for code, fault, _ in FAULTS],
)
def test_fault_fails_its_check(
    tmp_path: Path,
    first_ssb_elev: Delivery,
    code: str,
    fault: Callable[[dict[str, Rows]], None],
    failing: int,
) -> None:
    tables = clean_tables()
    fault(tables)
    result = results_for(tmp_path, tables, first_ssb_elev)[code]
    assert result.status is Status.FAILED
    assert result.failing == failing


def test_pending_prerequisites_before_deadline(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    _rett_never_run(tables)
    _school_never_imported(tables)
    results = results_for(tmp_path, tables, first_ssb_elev, as_of=dt.date(2024, 10, 9))
    assert results["VK-P001"].status is Status.PENDING
    assert results["VK-P003"].status is Status.PENDING
    assert results["VK-D008"].status is Status.PENDING


def test_log_entries_after_date_not_counted(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    results = results_for(tmp_path, clean_tables(), first_ssb_elev, as_of=dt.date(2024, 10, 15))
    assert results["VK-P001"].status is Status.PASSED
    assert results["VK-P003"].status is Status.PENDING
    assert results["VK-P003"].message_key == "check.VK-P003.venter_never"


def test_lost_leading_zero_hint(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    _lost_leading_zero(tables)
    result = results_for(tmp_path, tables, first_ssb_elev)["VK-D001"]
    note = result.sample[0]["merknad"]
    assert "058308*****" in note
    assert FNR_A not in note


def test_kinds_counted(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    tables["elever"][1]["fodselsnummer"] = FNR_H
    tables["elevfag"][1]["fodselsnummer"] = FNR_H
    result = results_for(tmp_path, tables, first_ssb_elev)["VK-D002"]
    assert result.status is Status.INFO
    assert result.details["synthetic"] == 2
    assert result.details["h_nummer"] == 1
    assert FNR_B not in str(result.details)


def test_missing_table_not_assessed(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    del tables["jobblogg"]
    results = results_for(tmp_path, tables, first_ssb_elev)
    assert results["VK-P003"].status is Status.NOT_ASSESSED
    assert results["VK-D005"].status is Status.PASSED


def test_samples_mask_fodselsnummer(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    _unknown_elevstatus(tables)
    sample = results_for(tmp_path, tables, first_ssb_elev)["VK-D005"].sample[0]
    assert sample["fodselsnummer"] == FNR_B[:6] + "*****"
    assert sample["linje"] == "3"
    assert sample["verdi"] == "Z"


def test_broken_file_stops_only_its_checks(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    write_extract(tmp_path, clean_tables())
    (tmp_path / "elevfag.csv").write_bytes(b"fodselsnummer;skolenr\n0583085\x81\x8d;32001\n")
    assessment = assess(first_ssb_elev, tmp_path, AS_OF)
    results = {result.code: result for _, result in assessment.results}
    summary = {s.name: s for s in assessment.tables}["elevfag"]
    assert results["VK-D006"].status is Status.NOT_ASSESSED
    assert results["VK-D004"].status is Status.NOT_ASSESSED
    assert results["VK-D005"].status is Status.PASSED
    assert results["VK-P003"].status is Status.PASSED
    assert summary.problem is not None
    assert "VK-I001" in summary.problem
    assert assessment.verdict is Verdict.NOT_ASSESSED


def test_ragged_row_fails_file_structure(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    write_extract(tmp_path, clean_tables())
    with (tmp_path / "elevfag.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{FNR_A};32001;STUSP1----\n")
    results = {
        r.code: r
        for _, r in run_checks(first_ssb_elev, load_extract(tmp_path, first_ssb_elev.tables), AS_OF)
    }
    result = results["VK-D000"]
    assert result.status is Status.FAILED
    assert result.failing == 1
    assert result.sample[0]["tabell"] == "elevfag"
    assert result.sample[0]["linje"] == "5"


def test_mapping_with_own_names_and_dates(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    extract = write_extract(tmp_path / "uttrekk", clean_tables())
    elever = (extract / "elever.csv").read_text(encoding="utf-8")
    elever = elever.replace("fodselsnummer;", "FNR;", 1).replace("19.08.2024", "2024-08-19")
    (extract / "elever.csv").unlink()
    (extract / "ELEVER_2024.csv").write_bytes(elever.encode("cp1252"))
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text(
        '[kolonner]\nFNR = "fodselsnummer"\n\n'
        '[tabeller.elever]\nfilnavn = "ELEVER_*.csv"\n'
        'koding = "cp1252"\ndatoformat = "yyyy-mm-dd"\n',
        encoding="utf-8",
    )
    assessment = assess(first_ssb_elev, extract, AS_OF, mapping=load_mapping(mapping_file))
    failing = {r.code: r.status for _, r in assessment.results if r.status is not Status.PASSED}
    assert failing == {"VK-D002": Status.INFO}
    assert assessment.verdict is Verdict.READY


def test_failed_warning_shows_as_warning(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    _no_rett(tables)
    write_extract(tmp_path, tables)
    assessment = assess(first_ssb_elev, tmp_path, AS_OF)
    shown = {c["kode"]: c["visningsstatus"] for c in build_document(assessment)["kontroller"]}
    assert assessment.verdict is Verdict.READY_WITH_WARNINGS
    assert shown["VK-D008"] == "advarsel"
