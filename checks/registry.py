"""Registry of every check, by stable code.

Codes never change meaning: a retired check keeps its code reserved. ``P``
codes judge the job-run and import logs against the calendar, ``D`` codes
judge the rows of the extract.
"""

from __future__ import annotations

from collections.abc import Mapping

from checks.model import CheckSpec, Kind, Severity

SSB_ELEV = "ssbElev"

_SPECS = (
    CheckSpec(
        "VK-P000", Severity.BLOCKER, Kind.PREREQUISITE, ("importlogg", "jobblogg"), (SSB_ELEV,)
    ),
    CheckSpec(
        "VK-P001",
        Severity.BLOCKER,
        Kind.PREREQUISITE,
        ("skoler", "importlogg"),
        (SSB_ELEV,),
        deadline_role="skoleimport",
    ),
    CheckSpec(
        "VK-P002",
        Severity.WARNING,
        Kind.PREREQUISITE,
        ("jobblogg",),
        (SSB_ELEV,),
        deadline_role="oppdater_rett",
    ),
    CheckSpec(
        "VK-P003",
        Severity.BLOCKER,
        Kind.PREREQUISITE,
        ("importlogg", "jobblogg"),
        (SSB_ELEV,),
        deadline_role="oppdater_rett",
    ),
    CheckSpec(
        "VK-P004",
        Severity.BLOCKER,
        Kind.PREREQUISITE,
        ("skoler", "importlogg", "elever"),
        (SSB_ELEV,),
        deadline_role="privatskoledata",
    ),
    CheckSpec("VK-D000", Severity.BLOCKER, Kind.DATA, (), (SSB_ELEV,)),
    CheckSpec("VK-D001", Severity.BLOCKER, Kind.DATA, ("elever", "elevfag"), (SSB_ELEV,)),
    CheckSpec("VK-D002", Severity.INFO, Kind.DATA, ("elever",), (SSB_ELEV,)),
    CheckSpec("VK-D003", Severity.BLOCKER, Kind.DATA, ("elever",), (SSB_ELEV,)),
    CheckSpec("VK-D004", Severity.BLOCKER, Kind.DATA, ("elever", "elevfag"), (SSB_ELEV,)),
    CheckSpec("VK-D005", Severity.BLOCKER, Kind.DATA, ("elever",), (SSB_ELEV,)),
    CheckSpec("VK-D006", Severity.BLOCKER, Kind.DATA, ("elevfag",), (SSB_ELEV,)),
    CheckSpec("VK-D007", Severity.BLOCKER, Kind.DATA, ("elever", "elevfag"), (SSB_ELEV,)),
    CheckSpec("VK-D008", Severity.WARNING, Kind.DATA, ("elever", "jobblogg"), (SSB_ELEV,)),
    CheckSpec("VK-D009", Severity.BLOCKER, Kind.DATA, ("elever",), (SSB_ELEV,)),
    CheckSpec("VK-D010", Severity.WARNING, Kind.DATA, ("elevfag",), (SSB_ELEV,)),
    CheckSpec("VK-D011", Severity.BLOCKER, Kind.DATA, ("skoler", "elever"), (SSB_ELEV,)),
)

CHECKS: Mapping[str, CheckSpec] = {spec.code: spec for spec in _SPECS}


def checks_for(delivery_kind: str) -> tuple[CheckSpec, ...]:
    """Return the checks that apply to ``delivery_kind``, prerequisites first."""
    return tuple(spec for spec in _SPECS if delivery_kind in spec.deliveries)
