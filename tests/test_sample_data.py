"""Tests of the committed sample extracts and their generator.

The counts are computed from the files with pandas, independently of the
generator's own bookkeeping, and compared with FEIL.md.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from stdnum.no import orgnr

from checks.identifiers import (
    KIND_D_SYNTHETIC,
    KIND_SYNTHETIC,
    PROBLEM_CHECK_DIGIT_2,
    PROBLEM_EXCEL,
    PROBLEM_LENGTH_LEADING_ZERO,
    classify_fodselsnummer,
)
from vigoklar.layout import TABLES
from vigoklar.loader import load_extract

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"
READY = SAMPLE / "fylke-klar"
FAULTY = SAMPLE / "fylke-med-feil"
COUNT_DATE = pd.Timestamp(2024, 10, 1)
LAST_IMPORT_DEADLINE = pd.Timestamp(2024, 10, 10, 12, 0)
RETT_DEADLINE = pd.Timestamp(2024, 10, 23)  # 5A019 by 22.10.2024, inclusive
PROGRAMME_PATTERN = r"[A-Z]{5}[0-9][A-Z0-9-]{4}"

Tables = dict[str, pd.DataFrame]


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve their module through sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _read(folder: Path) -> Tables:
    return {
        name: pd.read_csv(
            folder / table.file_name, sep=";", dtype=str, keep_default_na=False, encoding="utf-8"
        )
        for name, table in TABLES.items()
    }


def _codes(list_name: str) -> set[str]:
    with (ROOT / "checks" / "kodeverk.toml").open("rb") as handle:
        return set(tomllib.load(handle)[list_name]["koder"])


def _timestamps(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, format="%d.%m.%Y %H:%M")


def _last_import(tables: Tables) -> pd.Timestamp:
    log = tables["importlogg"]
    sas = log[(log["jobbnr"] == "6A001") & (log["status"] == "OK")]
    last: pd.Timestamp = _timestamps(sas["tidspunkt"]).max()
    return last


def _ok_runs(tables: Tables, jobbnr: str) -> pd.DataFrame:
    jobs = tables["jobblogg"]
    runs = jobs[(jobs["jobbnr"] == jobbnr) & (jobs["status"] == "OK")]
    return runs.assign(start=_timestamps(runs["start"]), slutt=_timestamps(runs["slutt"]))


# Each measure counts the units that fail one ssbElev check, keyed by its number in FEIL.md.


def _schools_never_imported(tables: Tables) -> int:
    imported = set(tables["importlogg"].loc[tables["importlogg"]["status"] == "OK", "skolenr"])
    return int((~tables["skoler"]["skolenr"].isin(imported)).sum())


def _rett_runs_before_last_import(tables: Tables) -> int:
    runs = _ok_runs(tables, "5A019")
    return int((runs["start"] < _last_import(tables)).sum())


def _invalid_fodselsnummer(tables: Tables) -> int:
    return int((~classify_fodselsnummer(tables["elever"]["fodselsnummer"])["valid"]).sum())


def _unknown_elevstatus(tables: Tables) -> int:
    return int((~tables["elever"]["elevstatus"].isin(_codes("elevstatus"))).sum())


def _unknown_fagstatus(tables: Tables) -> int:
    return int((~tables["elevfag"]["fagstatus"].isin(_codes("fagstatus"))).sum())


def _malformed_programme(tables: Tables) -> int:
    codes = tables["elever"]["programomradekode"]
    return int((~codes.str.fullmatch(PROGRAMME_PATTERN)).sum())


def _active_at_two_schools(tables: Tables) -> int:
    pupils = tables["elever"]
    start = pd.to_datetime(pupils["startdato"], format="%d.%m.%Y")
    end = pd.to_datetime(pupils["sluttdato"].replace("", None), format="%d.%m.%Y")
    active = pupils[(start <= COUNT_DATE) & (end.isna() | (end >= COUNT_DATE))]
    schools = active.groupby("fodselsnummer")["skolenr"].nunique()
    return int((schools > 1).sum())


def _elevfag_without_pupil(tables: Tables) -> int:
    keys = ["fodselsnummer", "skolenr"]
    merged = tables["elevfag"].merge(
        tables["elever"][keys].drop_duplicates(), on=keys, how="left", indicator=True
    )
    return int((merged["_merge"] == "left_only").sum())


def _blank_rett(tables: Tables) -> int:
    return int((tables["elever"]["rett"] == "").sum())


MEASURES: dict[int, Callable[[Tables], int]] = {
    1: _schools_never_imported,
    2: _rett_runs_before_last_import,
    3: _invalid_fodselsnummer,
    4: _unknown_elevstatus,
    5: _unknown_fagstatus,
    6: _malformed_programme,
    7: _active_at_two_schools,
    8: _elevfag_without_pupil,
    9: _blank_rett,
}


def _fault_counts() -> dict[int, int]:
    """Read the Nr and Antall columns of FEIL.md's fault table."""
    counts = {}
    for line in (FAULTY / "FEIL.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0].isdigit():
            counts[int(cells[0])] = int(cells[3])
    return counts


@pytest.fixture(scope="module")
def ready() -> Tables:
    return _read(READY)


@pytest.fixture(scope="module")
def faulty() -> Tables:
    return _read(FAULTY)


@pytest.mark.parametrize("folder", [READY, FAULTY], ids=["klar", "med-feil"])
def test_regenerate_byte_identical(folder: Path, tmp_path: Path) -> None:
    _load_generator().generate(tmp_path, folder.name)
    committed = sorted(p.name for p in folder.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


def test_generate_unknown_scenario(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fylke-ukjent"):
        _load_generator().generate(tmp_path, "fylke-ukjent")


@pytest.mark.parametrize("folder", [READY, FAULTY], ids=["klar", "med-feil"])
def test_files_format(folder: Path) -> None:
    for table in TABLES.values():
        raw = (folder / table.file_name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), table.file_name
        assert b"\r" not in raw, table.file_name
        assert raw.decode("utf-8").split("\n", 1)[0] == ";".join(table.column_names)


@pytest.mark.parametrize("folder", [READY, FAULTY], ids=["klar", "med-feil"])
def test_loader_reads_sample(folder: Path) -> None:
    extract = load_extract(folder, TABLES)
    tables = _read(folder)
    assert extract.missing == ()
    assert dict(extract.broken) == {}
    for name, frame in tables.items():
        assert extract.tables[name].records == len(frame), name


def test_ready_fnr_valid(ready: Tables) -> None:
    result = classify_fodselsnummer(ready["elever"]["fodselsnummer"])
    assert result["valid"].all()


@pytest.mark.parametrize("folder", [READY, FAULTY], ids=["klar", "med-feil"])
def test_every_valid_fnr_synthetic(folder: Path) -> None:
    tables = _read(folder)
    numbers = pd.concat(
        [tables["elever"]["fodselsnummer"], tables["elevfag"]["fodselsnummer"]], ignore_index=True
    )
    result = classify_fodselsnummer(numbers)
    kinds = result.loc[result["valid"].astype(bool), "kind"]
    assert kinds.isin([KIND_SYNTHETIC, KIND_D_SYNTHETIC]).all()


def test_ready_d_numbers(ready: Tables) -> None:
    kinds = classify_fodselsnummer(ready["elever"]["fodselsnummer"])["kind"]
    assert (kinds == KIND_D_SYNTHETIC).sum() == 5


def test_ready_fnr_unique(ready: Tables) -> None:
    assert not ready["elever"]["fodselsnummer"].duplicated().any()


def test_ready_birth_years(ready: Tables) -> None:
    born = classify_fodselsnummer(ready["elever"]["fodselsnummer"])["birth_date"]
    assert born.dt.year.between(2006, 2009).all()


def test_ready_schools(ready: Tables) -> None:
    schools = ready["skoler"].set_index("skolenr")
    public = [f"3200{n}" for n in range(1, 9)]
    assert list(schools.index) == [*public, "512", "517"]
    assert (schools.loc[public, "skoletype"] == "offentlig").all()
    assert (schools.loc[["512", "517"], "skoletype"] == "privat").all()
    assert (schools["aktiv"] == "J").all()
    assert schools["orgnr"].map(orgnr.is_valid).all()
    assert schools["orgnr"].str.startswith("9").all()


def test_ready_pupils_per_school(ready: Tables) -> None:
    counts = ready["elever"].groupby("skolenr").size()
    assert len(counts) == 10
    assert counts.between(35, 55).all()


def test_ready_subjects_per_pupil(ready: Tables) -> None:
    counts = ready["elevfag"].groupby("fodselsnummer").size()
    assert counts.between(8, 12).all()
    assert set(counts.index) == set(ready["elever"]["fodselsnummer"])


def test_ready_left_pupils(ready: Tables) -> None:
    pupils = ready["elever"]
    left = pupils[pupils["elevstatus"] == "S"]
    assert len(left) == 3
    assert left["sluttdato"].str.fullmatch(r"\d\d\.09\.2024").all()
    assert (pupils.loc[pupils["elevstatus"] != "S", "sluttdato"] == "").all()


def test_ready_import_antall(ready: Tables) -> None:
    counts = ready["elever"].groupby("skolenr").size().astype(str)
    log = ready["importlogg"]
    assert (log["antall"] == log["skolenr"].map(counts)).all()


def test_ready_imports_by_deadline(ready: Tables) -> None:
    log = ready["importlogg"]
    last = _timestamps(log["tidspunkt"]).groupby(log["skolenr"]).max()
    assert set(last.index) == set(ready["skoler"]["skolenr"])
    assert (last <= LAST_IMPORT_DEADLINE).all()


def test_ready_rett_after_import(ready: Tables) -> None:
    last_import = _last_import(ready)
    kvoter = _ok_runs(ready, "5A018")
    rett = _ok_runs(ready, "5A019")
    kvoter_after = kvoter[kvoter["start"] > last_import]
    rett_after = rett[
        (rett["start"] > kvoter_after["slutt"].min()) & (rett["slutt"] < RETT_DEADLINE)
    ]
    assert len(kvoter_after) == 1
    assert len(rett_after) == 1


@pytest.mark.parametrize("number", sorted(MEASURES), ids=lambda n: f"feil-{n}")
def test_ready_check_passes(ready: Tables, number: int) -> None:
    assert MEASURES[number](ready) == 0


def test_fault_table_complete() -> None:
    assert sorted(_fault_counts()) == sorted(MEASURES)


@pytest.mark.parametrize("number", sorted(MEASURES), ids=lambda n: f"feil-{n}")
def test_faulty_count(faulty: Tables, number: int) -> None:
    assert MEASURES[number](faulty) == _fault_counts()[number]


def test_faulty_never_imported_school(faulty: Tables) -> None:
    assert "32007" not in set(faulty["importlogg"]["skolenr"])
    assert (faulty["elever"]["skolenr"] == "32007").any()


def test_faulty_no_rett_after_import(faulty: Tables) -> None:
    rett = _ok_runs(faulty, "5A019")
    assert list(rett["start"]) == [pd.Timestamp(datetime(2024, 10, 9, 10, 0))]
    assert (faulty["jobblogg"]["jobbnr"] == "5A019").sum() == 1
    assert _last_import(faulty) == pd.Timestamp(2024, 10, 10, 11, 40)


def test_faulty_fnr_problems(faulty: Tables) -> None:
    problems = classify_fodselsnummer(faulty["elever"]["fodselsnummer"])["problem"].dropna()
    assert sorted(problems) == sorted(
        [PROBLEM_CHECK_DIGIT_2, PROBLEM_LENGTH_LEADING_ZERO, PROBLEM_EXCEL]
    )


def test_faulty_leading_zero_restorable(faulty: Tables) -> None:
    numbers = faulty["elever"]["fodselsnummer"]
    short = numbers[numbers.str.len() == 10]
    assert len(short) == 1
    assert classify_fodselsnummer("0" + short)["valid"].all()


def test_faulty_bad_fnr_join(faulty: Tables) -> None:
    numbers = faulty["elever"]["fodselsnummer"]
    invalid = numbers[~classify_fodselsnummer(numbers)["valid"].astype(bool)]
    for value in invalid:
        assert (faulty["elevfag"]["fodselsnummer"] == value).sum() >= 8, value


def test_faulty_programme_codes(faulty: Tables) -> None:
    codes = faulty["elever"]["programomradekode"]
    malformed = codes[~codes.str.fullmatch(PROGRAMME_PATTERN)]
    assert sorted(malformed) == ["STUSP1", "stusp2----"]


def test_faulty_orphans_unique(faulty: Tables) -> None:
    merged = faulty["elevfag"].merge(
        faulty["elever"][["fodselsnummer"]], on="fodselsnummer", how="left", indicator=True
    )
    orphans = merged.loc[merged["_merge"] == "left_only", "fodselsnummer"]
    assert orphans.nunique() == 3
    assert classify_fodselsnummer(orphans)["valid"].all()


def test_faulty_changes_only_faults(ready: Tables, faulty: Tables) -> None:
    """Apart from the faults, every row of fylke-klar is kept unchanged."""
    assert faulty["skoler"].equals(ready["skoler"])
    ready_pupils = set(ready["elever"].itertuples(index=False))
    changed = [row for row in faulty["elever"].itertuples(index=False) if row not in ready_pupils]
    # 3 numbers + 2 elevstatus + 2 programme codes + 2 second schools + 4 rett.
    assert len(changed) == 13
    assert len(faulty["elever"]) == len(ready["elever"]) + 2
    ready_subjects = set(ready["elevfag"].itertuples(index=False))
    new_subjects = [
        row for row in faulty["elevfag"].itertuples(index=False) if row not in ready_subjects
    ]
    renamed = faulty["elevfag"]["fodselsnummer"].isin(
        faulty["elever"]["fodselsnummer"][
            ~classify_fodselsnummer(faulty["elever"]["fodselsnummer"])["valid"].astype(bool)
        ]
    )
    assert len(new_subjects) == int(renamed.sum()) + 2 + 3


def test_faulty_one_fault_per_pupil(faulty: Tables, ready: Tables) -> None:
    # Faults edit pupils in place and append the second-school rows at the end.
    edited = faulty["elever"].iloc[: len(ready["elever"])].reset_index(drop=True)
    differing = (edited != ready["elever"]).sum(axis=1)
    assert differing.max() == 1
    faulted = set(edited.loc[differing > 0, "fodselsnummer"])
    extra = faulty["elever"].iloc[len(ready["elever"]) :]
    assert faulted.isdisjoint(extra["fodselsnummer"])
    unknown_fagstatus = faulty["elevfag"].loc[faulty["elevfag"]["fagstatus"] == "Q"]
    assert faulted.isdisjoint(unknown_fagstatus["fodselsnummer"])
    assert set(extra["fodselsnummer"]).isdisjoint(unknown_fagstatus["fodselsnummer"])


def test_feil_md_lists_values() -> None:
    text = (FAULTY / "FEIL.md").read_text(encoding="utf-8")
    assert re.search(r"`1,\d{5}E\+10`", text)
