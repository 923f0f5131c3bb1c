"""The ``vigoklar kalender`` commands, run through the real CLI entry point."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from deadlines.calendar import read_calendar
from deadlines.deliveries import DEADLINES_DIR
from vigoklar.cli import main
from vigoklar.i18n import set_language

DOCUMENT = DEADLINES_DIR / "2024-2025" / "arshjul-2024-2025.txt"


@pytest.fixture(autouse=True)
def bokmal() -> Iterator[None]:
    yield
    set_language("nb")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_importer_counts_nb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        ["kalender", "importer", str(DOCUMENT), "--ut", str(tmp_path / "k.toml")], capsys
    )
    assert code == 0
    assert out.startswith("Leste 111 rader, skrev 111 rader til ")
    assert "Tok vare på 5 merknader, 1 rutiner og 10 fargekoder." in out


def test_importer_counts_en(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["kalender", "importer", str(DOCUMENT), "--ut", str(tmp_path / "k.toml"), "--lang", "en"]
    code, out, _ = _run(args, capsys)
    assert code == 0
    assert out.startswith("Read 111 rows, wrote 111 rows to ")
    assert "10 findings (no row was left out):" in out


def test_importer_lists_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(
        ["kalender", "importer", str(DOCUMENT), "--ut", str(tmp_path / "k.toml")], capsys
    )
    assert "VK-C006 linje 109: 'Kfr Gudrund'" in out
    assert "VK-C005 linje 157:" in out


def test_importer_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["kalender", "importer", str(tmp_path / "nei.txt")], capsys)
    assert code == 3
    assert err.startswith("VK-C105: Fant ikke årshjulet")
    assert "Traceback" not in err


def test_importer_bad_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["kalender", "importer", str(DOCUMENT), "--virkedag", "snart"], capsys)
    assert code == 3
    assert "Ugyldig virkedagsregel 'snart'" in err


def test_vis_month_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["kalender", "vis", "--maned", "10", "--leveranse", "ssbElev"], capsys)
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:3] == ["Dato", "Virkedag", "Art"]
    assert lines[-1] == "7 av 111 rader."


def test_vis_receiver_filter(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["kalender", "vis", "--mottaker", "lånekassen"], capsys)
    assert out.splitlines()[-1] == "2 av 111 rader."


def test_vis_unknown_category(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["kalender", "vis", "--kategori", "gul"], capsys)
    assert code == 3
    assert "VK-C112: Ukjent kategori 'gul'" in err


def test_vis_bad_month(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["kalender", "vis", "--maned", "13"], capsys)
    assert code == 3
    assert "VK-C111" in err


def test_ics_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "arshjul.ics"
    code, out, _ = _run(["kalender", "ics", "--ut", str(target), "--varsel-dager", "5"], capsys)
    parsed = icalendar.Calendar.from_ical(target.read_bytes())
    assert code == 0
    assert len(parsed.walk("VEVENT")) == 109
    assert "(2 rader uten dato er ikke med)" in out


def test_utkast_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "kalender.toml"
    code, out, _ = _run(["kalender", "utkast", "2025-2026", "--ut", str(target)], capsys)
    text = target.read_text(encoding="utf-8")
    assert code == 0
    assert text.startswith("# UTKAST:")
    assert "\nutkast = true\n" in text
    assert read_calendar(target).draft
    assert out.startswith("Skrev utkast for 2025-2026 med 111 rader")


def test_utkast_keeps_official_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    official = tmp_path / "kalender.toml"
    official.write_bytes((DEADLINES_DIR / "2024-2025" / "kalender.toml").read_bytes())
    before = official.read_bytes()
    code, _, err = _run(
        ["kalender", "utkast", "2025-2026", "--fra", "2024-2025", "--ut", str(official)], capsys
    )
    assert code == 3
    assert "VK-C114" in err
    assert official.read_bytes() == before


def test_unknown_school_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["kalender", "vis", "--skolear", "2030-2031"], capsys)
    assert code == 3
    assert "VK-C104: Ingen kalender for skoleåret 2030-2031" in err
