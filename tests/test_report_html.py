"""The HTML report opened in headless Chromium: text, escaping, no network."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deadlines.deliveries import Delivery
from reports.writers import write_reports
from tests.conftest import SAMPLE_FAULTY
from tests.extracts import clean_tables, write_extract
from vigoklar.assess import assess

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# CI installs Chromium; on a developer machine without it, these tests skip.
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true", reason="chromium is not installed"
)


def dump_dom(page: Path, profile: Path) -> str:
    """Return the DOM of ``page`` after Chromium has loaded and rendered it."""
    assert CHROMIUM is not None, "chromium is required in CI"
    run = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    return run.stdout


def visible_text(dom: str) -> str:
    without_style = re.sub(r"<style.*?</style>", "", dom, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", without_style))


def test_report_renders_verdict(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    assessment = assess(first_ssb_elev, SAMPLE_FAULTY, dt.date(2024, 10, 23))
    written = write_reports(assessment, tmp_path / "ut")
    dom = dump_dom(written.html, tmp_path / "profile")
    text = visible_text(dom)
    assert 'data-verdict="ikke_klar"' in dom
    assert "Ikke klar" in text
    assert "VK-P003" in text
    assert "5A019 ble sist kjørt 09.10.2024 10:00" in text
    assert re.search(r"(?<!\d)\d{11}(?!\d)", dom) is None


def test_report_escapes_markup(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    tables = clean_tables()
    tables["skoler"][1]["skolenavn"] = "Test <vgs> & Co"
    tables["importlogg"] = [r for r in tables["importlogg"] if r["skolenr"] != "32002"]
    tables["elever"][1]["elevstatus"] = "<b>x</b>"
    extract = write_extract(tmp_path / "uttrekk", tables)
    written = write_reports(assess(first_ssb_elev, extract, dt.date(2024, 10, 23)), tmp_path / "ut")
    raw = written.html.read_bytes()
    dom = dump_dom(written.html, tmp_path / "profile")
    assert b'<meta charset="utf-8">' in raw
    assert "Test &lt;vgs&gt; &amp; Co" in raw.decode("utf-8")
    assert "&lt;b&gt;x&lt;/b&gt;" in raw.decode("utf-8")
    assert "<b>x</b>" not in dom
    assert "Test <vgs> & Co" in visible_text(dom).replace("&lt;", "<").replace("&gt;", ">").replace(
        "&amp;", "&"
    )


def test_report_is_self_contained(tmp_path: Path, first_ssb_elev: Delivery) -> None:
    written = write_reports(assess(first_ssb_elev, SAMPLE_FAULTY, dt.date(2024, 10, 23)), tmp_path)
    html = written.html.read_text(encoding="utf-8")
    assert re.search(r"""(src|href)=["']?(https?:)?//""", html) is None
    assert "@import" not in html
