"""The message catalogue: both languages everywhere, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from checks.registry import CHECKS
from vigoklar.i18n import LANGUAGES, catalogue, parse_language, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    p
    for folder in ("vigoklar", "checks", "deadlines", "reports")
    for p in (ROOT / folder).rglob("*.py")
]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-zA-Z0-9_.\-]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_message_has_both_languages(key: str) -> None:
    entry = catalogue()[key]
    assert set(entry) == set(LANGUAGES), key
    assert placeholders(entry["nb"]) == placeholders(entry["en"]), key


def test_literal_keys_exist() -> None:
    used = {
        key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
    }
    missing = sorted(key for key in used if key not in catalogue())
    assert missing == []


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_check_has_title_and_advice(code: str) -> None:
    assert t(f"check.{code}.title", "nb") != t(f"check.{code}.title", "en")
    assert f"check.{code}.advice" in catalogue()


def test_parse_language_aliases() -> None:
    assert parse_language("NO") == "nb"
    assert parse_language("en") == "en"
    with pytest.raises(ValueError):
        parse_language("sv")
