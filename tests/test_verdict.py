"""The verdict on the bundled sample extracts for dates around each deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from checks.model import Status
from deadlines.deliveries import Delivery, load_deliveries, select_delivery
from tests.conftest import SAMPLE_FAULTY, SAMPLE_READY
from vigoklar.assess import Verdict, assess
from vigoklar.errors import ExitCode, UsageError


@pytest.mark.parametrize(
    ("as_of", "verdict"),
    [
        (dt.date(2024, 10, 9), Verdict.NOT_READY),  # imports and 5A019 still to come
        (dt.date(2024, 10, 15), Verdict.NOT_READY),  # imports done, 5A019 not yet run
        (dt.date(2024, 10, 21), Verdict.READY),  # 5A019 ran that morning
        (dt.date(2024, 10, 22), Verdict.READY),
        (dt.date(2024, 10, 24), Verdict.READY),  # the delivery day itself
        (dt.date(2024, 10, 25), Verdict.DEADLINE_PASSED),
    ],
)
def test_ready_sample_by_date(first_ssb_elev: Delivery, as_of: dt.date, verdict: Verdict) -> None:
    assert assess(first_ssb_elev, SAMPLE_READY, as_of).verdict is verdict


def test_faulty_sample_not_ready(first_ssb_elev: Delivery) -> None:
    assessment = assess(first_ssb_elev, SAMPLE_FAULTY, dt.date(2024, 10, 23))
    failing = {r.code: r.failing for _, r in assessment.results if r.status is Status.FAILED}
    assert assessment.verdict is Verdict.NOT_READY
    assert assessment.verdict.exit_code is ExitCode.NOT_READY
    assert failing == {
        "VK-P001": 1,  # school 32007 never imported
        "VK-P003": 1,  # 5A019 ran before the last import
        "VK-D001": 30,  # 3 pupils' numbers, on their elever and elevfag rows
        "VK-D003": 2,
        "VK-D004": 3,
        "VK-D005": 2,
        "VK-D006": 2,
        "VK-D007": 2,
        "VK-D008": 4,
    }


def test_days_left(first_ssb_elev: Delivery) -> None:
    assert assess(first_ssb_elev, SAMPLE_READY, dt.date(2024, 10, 20)).days_left == 4


def test_kind_selects_next_delivery() -> None:
    deliveries = load_deliveries()
    assert select_delivery("ssbElev", dt.date(2024, 10, 24), deliveries).id == "ssbElev-2024-10-24"
    assert select_delivery("ssbelev", dt.date(2024, 10, 25), deliveries).id == "ssbElev-2024-11-07"


def test_no_delivery_after_last() -> None:
    with pytest.raises(UsageError) as raised:
        select_delivery("ssbElev", dt.date(2024, 11, 8), load_deliveries())
    assert raised.value.code == "VK-U002"
    assert raised.value.fields["last"] == "ssbElev-2024-11-07"


def test_final_delivery_uses_its_deadlines() -> None:
    final = select_delivery("ssbElev-2024-11-07", dt.date(2024, 11, 1), load_deliveries())
    rett = final.deadline("oppdater_rett")
    assert rett is not None
    assert rett.date == dt.date(2024, 11, 5)
