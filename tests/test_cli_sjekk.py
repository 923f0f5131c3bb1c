"""``vigoklar sjekk`` run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_FAULTY, SAMPLE_READY
from tests.extracts import clean_tables, write_extract

ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


def vigoklar(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigoklar", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "200"},  # wide enough that help lines are not wrapped
    )


def check_sample(sample: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``sjekk ssbElev`` on a sample county as of 23.10.2024, reports into ``out``."""
    return vigoklar(
        "sjekk",
        "ssbElev",
        "--uttrekk",
        str(sample),
        "--dato",
        "2024-10-23",
        "--ut",
        str(out),
        *extra,
    )


def folder_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_ready_sample_exit_0(tmp_path: Path) -> None:
    run = check_sample(SAMPLE_READY, tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Klar" in run.stdout
    assert len(list(tmp_path.glob("*.html"))) == 1


def test_faulty_sample_exit_2(tmp_path: Path) -> None:
    before = folder_hashes(SAMPLE_FAULTY)
    run = check_sample(SAMPLE_FAULTY, tmp_path)
    assert run.returncode == 2, run.stderr
    assert "Ikke klar" in run.stdout
    assert "VK-P003" in run.stdout
    assert folder_hashes(SAMPLE_FAULTY) == before


def test_reports_never_show_fodselsnummer(tmp_path: Path) -> None:
    check_sample(SAMPLE_FAULTY, tmp_path, "--eksempler", "50")
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    document = next(tmp_path.glob("*.json")).read_text(encoding="utf-8")
    assert ELEVEN_DIGITS.findall(html) == []
    assert ELEVEN_DIGITS.findall(document) == []
    assert "*****" in html


def test_clear_fodselsnummer_on_request(tmp_path: Path) -> None:
    check_sample(SAMPLE_FAULTY, tmp_path, "--vis-fodselsnummer")
    document = next(tmp_path.glob("*.json")).read_text(encoding="utf-8")
    assert ELEVEN_DIGITS.findall(document) != []


def test_json_matches_verdict(tmp_path: Path) -> None:
    check_sample(SAMPLE_FAULTY, tmp_path)
    document = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    failing = {c["kode"]: c["antall_feil"] for c in document["kontroller"] if c["status"] == "feil"}
    assert document["vurdering"] == "ikke_klar"
    assert document["utgangskode"] == 2
    assert failing["VK-D005"] == 2
    assert document["leveranse"]["id"] == "ssbElev-2024-10-24"


def test_english_switch(tmp_path: Path) -> None:
    run = check_sample(SAMPLE_FAULTY, tmp_path, "--lang", "en")
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert "Not ready" in run.stdout
    assert '<html lang="en">' in html
    assert "Not ready" in html
    assert "Ikke klar" not in html


def test_english_help() -> None:
    run = vigoklar("--lang", "en", "sjekk", "--help")
    assert run.returncode == 0
    assert "Check whether one delivery is ready" in run.stdout
    assert "Show this message and exit." in run.stdout


def test_norwegian_help_option() -> None:
    run = vigoklar("sjekk", "--help")
    assert run.returncode == 0
    assert "Vis denne" in run.stdout
    assert "Show this message" not in run.stdout


def test_deadline_passed_exit_5(tmp_path: Path) -> None:
    run = vigoklar(
        "sjekk",
        "ssbElev-2024-10-24",
        "--uttrekk",
        str(SAMPLE_READY),
        "--dato",
        "2024-10-30",
        "--ut",
        str(tmp_path),
    )
    assert run.returncode == 5


def test_missing_table_exit_4(tmp_path: Path) -> None:
    tables = clean_tables()
    del tables["elevfag"]
    extract = write_extract(tmp_path / "uttrekk", tables)
    run = vigoklar(
        "sjekk",
        "ssbElev",
        "--uttrekk",
        str(extract),
        "--dato",
        "2024-10-23",
        "--ut",
        str(tmp_path / "ut"),
    )
    assert run.returncode == 4


@pytest.mark.parametrize(
    "args",
    [
        ("sjekk", "ssbElev", "--uttrekk", "finnes-ikke", "--dato", "2024-10-23"),
        ("sjekk", "ssbElev", "--uttrekk", ".", "--dato", "23/10/2024"),
        ("sjekk", "ssbUkjent", "--uttrekk", ".", "--dato", "2024-10-23"),
        ("sjekk", "ssbElev", "--dato", "2024-10-23"),
        ("sjekk", "ssbElev", "--uttrekk", ".", "--lang", "de"),
    ],
    ids=["missing-folder", "bad-date", "unknown-delivery", "missing-option", "bad-language"],
)
def test_bad_usage_exit_3(args: tuple[str, ...]) -> None:
    run = vigoklar(*args)
    assert run.returncode == 3
    assert "Traceback" not in run.stderr
    assert run.stderr.strip() != ""
