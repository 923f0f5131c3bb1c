"""``vigoklar sjekk``: the pre-delivery check of one delivery."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``sjekk`` command to ``app``."""
