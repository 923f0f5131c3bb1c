"""The user docs name every check, column and exit code the code defines."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.registry import CHECKS
from vigoklar.errors import ExitCode
from vigoklar.layout import TABLES

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_check_documented(code: str) -> None:
    assert f"`{code}`" in (DOCS / "kontroller.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_layout_documented(name: str) -> None:
    text = (DOCS / "uttrekk.md").read_text(encoding="utf-8")
    table = TABLES[name]
    assert f"`{table.file_name}`" in text
    for column in table.columns:
        assert f"| `{column.name}` |" in text, column.name


@pytest.mark.parametrize("code", list(ExitCode))
def test_exit_code_documented(code: ExitCode) -> None:
    assert f"| {int(code)} |" in (DOCS / "utgangskoder.md").read_text(encoding="utf-8")
