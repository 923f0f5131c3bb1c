"""Check definitions and check results: immutable data, no behaviour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Severity(StrEnum):
    """How much a failing check weighs in the verdict."""

    BLOCKER = "blocker"
    WARNING = "warning"
    INFO = "info"


class Kind(StrEnum):
    """Whether a check judges the job and import logs or the rows of the data."""

    PREREQUISITE = "forutsetning"
    DATA = "data"


class Status(StrEnum):
    """Outcome of one check as of the assessment date."""

    PASSED = "ok"
    FAILED = "feil"
    PENDING = "venter"  # a prerequisite whose deadline has not come yet is still undone
    NOT_ASSESSED = "ikke_vurdert"  # a table the check reads is missing or unreadable
    INFO = "info"  # a count to show, never a failure


@dataclass(frozen=True)
class CheckSpec:
    """A check's stable identity: code, severity, what it reads, which deliveries it serves.

    Its title, advice and result messages are catalogue entries under
    ``check.<code>`` (``title``, ``advice``, and one per status it reports).
    """

    code: str
    severity: Severity
    kind: Kind
    tables: tuple[str, ...]
    deliveries: tuple[str, ...]
    deadline_role: str | None = None

    @property
    def title_key(self) -> str:
        return f"check.{self.code}.title"

    @property
    def advice_key(self) -> str:
        return f"check.{self.code}.advice"


def _frozen(mapping: Mapping[str, object] | None = None) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one extract.

    ``sample`` contains at most a few failing rows, each a mapping of column name
    to display text, with personal identifiers already masked unless the
    caller asked for them in clear. ``message_key`` and ``details`` give the
    one-line outcome ("5A019 sist kjørt 09.10.2024 10:00, før siste import").
    """

    code: str
    status: Status
    message_key: str
    failing: int = 0
    checked: int = 0
    sample: tuple[Mapping[str, str], ...] = ()
    details: Mapping[str, object] = field(default_factory=_frozen)
    deadline: dt.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", _frozen(self.details))
        object.__setattr__(self, "sample", tuple(_frozen(row) for row in self.sample))
