"""Shared fixtures: the bundled sample extracts and the 2024-2025 deliveries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from deadlines.deliveries import Delivery, load_deliveries, select_delivery

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_READY = ROOT / "sample_data" / "fylke-klar"
SAMPLE_FAULTY = ROOT / "sample_data" / "fylke-med-feil"


@pytest.fixture(scope="session")
def first_ssb_elev() -> Delivery:
    """The first ssbElev delivery of 2024-2025 (24.10.2024)."""
    return select_delivery("ssbElev-2024-10-24", dt.date(2024, 10, 23), load_deliveries())
