"""Load the deliveries of each school year and pick the one a check is about."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigoklar.errors import ConfigError, UsageError

#: Folder holding one sub-folder per school year ("2024-2025/").
DEADLINES_DIR = Path(__file__).resolve().parent
DELIVERIES_FILE = "leveranser.toml"


@dataclass(frozen=True)
class Deadline:
    """A prerequisite of a delivery: a role, its last date, and the VIGO jobs that fulfil it."""

    role: str
    date: dt.date
    start: dt.date | None = None
    jobs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Delivery:
    """One dated delivery to a receiver, with the prerequisite deadlines it depends on."""

    id: str
    kind: str
    round: str
    date: dt.date
    school_year: str
    receiver: str
    count_date: dt.date | None
    tables: tuple[str, ...]
    deadlines: tuple[Deadline, ...]

    def deadline(self, role: str) -> Deadline | None:
        """Return the deadline with ``role``, or None when this delivery has none."""
        for deadline in self.deadlines:
            if deadline.role == role:
                return deadline
        return None


def _as_date(value: Any, where: str, source: Path) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ConfigError(
        "VK-K001", "config.bad_date", file=str(source), where=where, value=repr(value)
    )


def _parse_delivery(raw: Mapping[str, Any], school_year: str, source: Path) -> Delivery:
    try:
        delivery_id = str(raw["id"])
        deadlines = tuple(
            Deadline(
                role=str(item["rolle"]),
                date=_as_date(item["dato"], f"{delivery_id}.{item['rolle']}", source),
                start=_as_date(item["fra"], f"{delivery_id}.{item['rolle']}.fra", source)
                if "fra" in item
                else None,
                jobs=tuple(str(j) for j in item.get("jobber", ())),
            )
            for item in raw.get("frist", ())
        )
        return Delivery(
            id=delivery_id,
            kind=str(raw["art"]),
            round=str(raw["runde"]),
            date=_as_date(raw["dato"], delivery_id, source),
            school_year=school_year,
            receiver=str(raw.get("mottaker", "")),
            count_date=_as_date(raw["telledato"], f"{delivery_id}.telledato", source)
            if "telledato" in raw
            else None,
            tables=tuple(str(name) for name in raw.get("tabeller", ())),
            deadlines=deadlines,
        )
    except KeyError as missing:
        raise ConfigError(
            "VK-K002", "config.missing_key", file=str(source), key=str(missing.args[0])
        ) from None


def load_deliveries(folder: Path = DEADLINES_DIR) -> tuple[Delivery, ...]:
    """Read every ``<school year>/leveranser.toml`` below ``folder``, sorted by date."""
    deliveries: list[Delivery] = []
    for path in sorted(folder.glob(f"*/{DELIVERIES_FILE}")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(
                "VK-K003", "config.bad_toml", file=str(path), error=str(error)
            ) from None
        school_year = str(data.get("skolear", path.parent.name))
        deliveries.extend(
            _parse_delivery(raw, school_year, path) for raw in data.get("leveranse", ())
        )
    return tuple(sorted(deliveries, key=lambda d: (d.date, d.id)))


def delivery_kinds(deliveries: Iterable[Delivery]) -> tuple[str, ...]:
    """Return the distinct delivery kinds, in calendar order."""
    return tuple(dict.fromkeys(d.kind for d in deliveries))


def select_delivery(name: str, as_of: dt.date, deliveries: tuple[Delivery, ...]) -> Delivery:
    """Return the delivery ``name`` refers to as of ``as_of``.

    ``name`` is either a dated delivery id (``ssbElev-2024-10-24``), which is
    returned whatever the date, or a delivery kind (``ssbElev``), which means
    the first delivery of that kind on or after ``as_of``.
    """
    for delivery in deliveries:
        if delivery.id.casefold() == name.casefold():
            return delivery
    kind_matches = [d for d in deliveries if d.kind.casefold() == name.casefold()]
    if not kind_matches:
        raise UsageError(
            "VK-U001",
            "cli.unknown_delivery",
            name=name,
            known=", ".join(delivery_kinds(deliveries)),
            ids=", ".join(d.id for d in deliveries),
        )
    upcoming = [d for d in kind_matches if d.date >= as_of]
    if not upcoming:
        raise UsageError(
            "VK-U002",
            "cli.no_upcoming_delivery",
            name=name,
            date=as_of.strftime("%d.%m.%Y"),
            last=kind_matches[-1].id,
        )
    return upcoming[0]
