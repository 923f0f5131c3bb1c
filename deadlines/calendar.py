"""A school year's annual calendar (årshjul) as data, and its ``kalender.toml`` file.

``docs/kalender.md`` documents the file format. Writing is deterministic: the
same calendar always gives the same bytes, so a test can re-import the
source document and compare the result with the committed file.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import tomli_w

from deadlines.deliveries import DEADLINES_DIR
from deadlines.workdays import DEFAULT_RULE, WorkdayRule
from vigoklar.errors import ConfigError
from vigoklar.i18n import t

CALENDAR_FILE = "kalender.toml"
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")

#: Written form of a row's date cell: a day, a range, ISO weeks, a vague
#: period ("I løpet av august"), a recurring row, or text vigoklar cannot read.
DateForm = Literal["dato", "periode", "uke", "vag", "gjentakende", "ukjent"]
DATE_FORMS: tuple[DateForm, ...] = ("dato", "periode", "uke", "vag", "gjentakende", "ukjent")

#: Action a row calls for, derived from its markup and wording (see ``deadlines.rules``).
RowKind = Literal["forste_dato", "siste_dato", "frist", "levering", "tilbakemelding", "informasjon"]
ROW_KINDS: tuple[RowKind, ...] = (
    "forste_dato",
    "siste_dato",
    "frist",
    "levering",
    "tilbakemelding",
    "informasjon",
)


@dataclass(frozen=True)
class Category:
    """A colour category of the calendar's legend, or vigoklar's own "annet"."""

    id: str
    name: str
    from_document: bool = True


@dataclass(frozen=True)
class CalendarRow:
    """One row of the calendar table."""

    id: str
    line: int
    month: str | None
    date_text: str
    form: DateForm
    start: dt.date | None
    end: dt.date | None
    sender: str
    description: str
    receiver: str
    comment: str
    kind: RowKind
    category: str
    effective: dt.date | None = None
    not_working_day: str | None = None
    weeks: tuple[int, ...] = ()
    delivery: str | None = None
    jobs: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    reference_texts: tuple[str, ...] = ()
    registration_deadline: dt.date | None = None
    admission_deadline: dt.date | None = None
    in_vigo_by: dt.date | None = None
    invalid_dates: tuple[str, ...] = ()
    update_rett_required: bool = False
    draft_of: str | None = None

    @property
    def is_dated(self) -> bool:
        """Whether the row has a day, a range or weeks (vague and recurring rows have not)."""
        return self.form in ("dato", "periode", "uke") and self.start is not None


@dataclass(frozen=True)
class Note:
    """A line of the document that is not a row or structure, stored with its line number."""

    line: int
    kind: Literal["merknad", "skillelinje"]
    text: str
    month: str | None = None
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutineStep:
    """One numbered step of a routine."""

    number: int
    text: str


@dataclass(frozen=True)
class Routine:
    """An ordered routine at the end of the calendar: the order of its steps is binding."""

    id: str
    line: int
    title: str
    introduction: str
    steps: tuple[RoutineStep, ...]


@dataclass(frozen=True)
class Calendar:
    """A school year's calendar: rows, notes, routines and the colour legend."""

    school_year: str
    source: str
    source_sha256: str
    version: str
    workday_rule: WorkdayRule
    categories: tuple[Category, ...]
    rows: tuple[CalendarRow, ...]
    notes: tuple[Note, ...] = ()
    routines: tuple[Routine, ...] = ()
    draft: bool = False
    draft_from: str | None = None
    title: str = ""

    def row(self, row_id: str) -> CalendarRow:
        """Return the row with ``row_id``; raise ``KeyError`` when there is none."""
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def rows_on(self, day: dt.date) -> tuple[CalendarRow, ...]:
        """Return the rows whose nominal date or period starts on ``day``."""
        return tuple(row for row in self.rows if row.start == day)

    def category(self, category_id: str) -> Category | None:
        """Return the category with ``category_id``, or None."""
        for category in self.categories:
            if category.id == category_id:
                return category
        return None


def school_year_start(school_year: str) -> int:
    """Return the first calendar year of ``school_year`` ("2024-2025" gives 2024).

    Raises ``ValueError`` unless the text is two consecutive years.
    """
    match = SCHOOL_YEAR.match(school_year)
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(school_year)
    return int(match.group(1))


# Writing


def _row_table(row: CalendarRow) -> dict[str, Any]:
    table: dict[str, Any] = {"id": row.id, "linje": row.line}
    if row.month is not None:
        table["maned"] = row.month
    table["dato_tekst"] = row.date_text
    table["form"] = row.form
    if row.start is not None:
        table["dato"] = row.start
    if row.end is not None:
        table["sluttdato"] = row.end
    if row.weeks:
        table["uker"] = list(row.weeks)
    if row.effective is not None:
        table["virkedag"] = row.effective
    if row.not_working_day is not None:
        table["ikke_virkedag"] = row.not_working_day
    table["avsender"] = row.sender
    table["hva"] = row.description
    table["mottaker"] = row.receiver
    table["kommentar"] = row.comment
    table["art"] = row.kind
    table["kategori"] = row.category
    if row.delivery is not None:
        table["leveranse"] = row.delivery
    table["jobber"] = list(row.jobs)
    table["referanser"] = list(row.references)
    table["referansetekster"] = list(row.reference_texts)
    if row.registration_deadline is not None:
        table["registreringsfrist"] = row.registration_deadline
    if row.admission_deadline is not None:
        table["inntaksfrist"] = row.admission_deadline
    if row.in_vigo_by is not None:
        table["i_vigo_senest"] = row.in_vigo_by
    if row.invalid_dates:
        table["ugyldige_datoer"] = list(row.invalid_dates)
    if row.update_rett_required:
        table["oppdater_rett_pakrevd"] = True
    if row.draft_of is not None:
        table["utkast_av"] = row.draft_of
    return table


def calendar_to_toml(calendar: Calendar) -> str:
    """Return ``calendar`` as the text of a ``kalender.toml`` file."""
    document: dict[str, Any] = {
        "skolear": calendar.school_year,
        "tittel": calendar.title,
        "kilde": calendar.source,
        "kilde_sha256": calendar.source_sha256,
        "versjon": calendar.version,
        "utkast": calendar.draft,
    }
    if calendar.draft_from is not None:
        document["utkast_fra"] = calendar.draft_from
    document["virkedagsregel"] = str(calendar.workday_rule)
    document["kategori"] = [
        {"id": c.id, "navn": c.name, "fra_dokument": c.from_document} for c in calendar.categories
    ]
    document["rad"] = [_row_table(row) for row in calendar.rows]
    document["merknad"] = [
        {
            "linje": note.line,
            **({"maned": note.month} if note.month is not None else {}),
            "art": note.kind,
            "tekst": note.text,
            "referanser": list(note.references),
        }
        for note in calendar.notes
    ]
    document["rutine"] = [
        {
            "id": routine.id,
            "linje": routine.line,
            "tittel": routine.title,
            "innledning": routine.introduction,
            "steg": [{"nr": step.number, "tekst": step.text} for step in routine.steps],
        }
        for routine in calendar.routines
    ]
    # The header is always bokmål so the bytes do not depend on --lang.
    header_key = "kalender.file.draft_header" if calendar.draft else "kalender.file.header"
    header = t(header_key, "nb", year=calendar.school_year, source=calendar.source)
    comments = "".join(f"# {line}\n" for line in header.splitlines())
    return comments + "\n" + tomli_w.dumps(document)


def write_calendar(calendar: Calendar, path: Path) -> None:
    """Write ``calendar`` to ``path`` as UTF-8 with LF line ends, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(calendar_to_toml(calendar).encode("utf-8"))


# Reading


class _Reader:
    """Typed access to one table of a calendar file, raising ConfigError on bad values."""

    def __init__(self, table: Mapping[str, Any], where: str, source: Path) -> None:
        self.table = table
        self.where = where
        self.source = source

    def _error(self, key: str, value: object, expected: str) -> ConfigError:
        return ConfigError(
            "VK-C101",
            "kalender.error.bad_field",
            file=str(self.source),
            where=self.where,
            key=key,
            value=repr(value),
            expected=expected,
        )

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if value is None:
            raise ConfigError(
                "VK-C102",
                "kalender.error.missing_field",
                file=str(self.source),
                where=self.where,
                key=key,
            )
        if not isinstance(value, str):
            raise self._error(key, value, "tekst")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.table else None

    def integer(self, key: str) -> int:
        value = self.table.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._error(key, value, "heltall")
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        raise self._error(key, value, "ÅÅÅÅ-MM-DD")

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._error(key, value, "liste med tekster")
        return tuple(value)

    def choice(self, key: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = self.text(key, default)
        allowed = tuple(allowed)
        if value not in allowed:
            raise self._error(key, value, " | ".join(allowed))
        return value

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self._error(key, value, "true | false")
        return value


def _parse_row(raw: Mapping[str, Any], index: int, source: Path) -> CalendarRow:
    where = f"rad {index + 1} ({raw.get('id', '?')})"
    read = _Reader(raw, where, source)
    weeks = raw.get("uker", [])
    if not isinstance(weeks, list) or not all(isinstance(w, int) for w in weeks):
        raise read._error("uker", weeks, "liste med ukenummer")
    return CalendarRow(
        id=read.text("id"),
        line=read.integer("linje"),
        month=read.optional_text("maned"),
        date_text=read.text("dato_tekst"),
        form=read.choice("form", DATE_FORMS),  # type: ignore[arg-type]
        start=read.date("dato"),
        end=read.date("sluttdato"),
        weeks=tuple(weeks),
        effective=read.date("virkedag"),
        not_working_day=read.optional_text("ikke_virkedag"),
        sender=read.text("avsender", ""),
        description=read.text("hva", ""),
        receiver=read.text("mottaker", ""),
        comment=read.text("kommentar", ""),
        kind=read.choice("art", ROW_KINDS),  # type: ignore[arg-type]
        category=read.text("kategori"),
        delivery=read.optional_text("leveranse"),
        jobs=read.texts("jobber"),
        references=read.texts("referanser"),
        reference_texts=read.texts("referansetekster"),
        registration_deadline=read.date("registreringsfrist"),
        admission_deadline=read.date("inntaksfrist"),
        in_vigo_by=read.date("i_vigo_senest"),
        invalid_dates=read.texts("ugyldige_datoer"),
        update_rett_required=read.flag("oppdater_rett_pakrevd"),
        draft_of=read.optional_text("utkast_av"),
    )


def _parse_calendar(data: Mapping[str, Any], source: Path) -> Calendar:
    read = _Reader(data, "toppnivå", source)
    categories = tuple(
        Category(
            id=_Reader(raw, f"kategori {i + 1}", source).text("id"),
            name=_Reader(raw, f"kategori {i + 1}", source).text("navn"),
            from_document=_Reader(raw, f"kategori {i + 1}", source).flag("fra_dokument"),
        )
        for i, raw in enumerate(data.get("kategori", []))
    )
    rows = tuple(_parse_row(raw, i, source) for i, raw in enumerate(data.get("rad", [])))
    notes = []
    for i, raw in enumerate(data.get("merknad", [])):
        note = _Reader(raw, f"merknad {i + 1}", source)
        notes.append(
            Note(
                line=note.integer("linje"),
                kind=note.choice("art", ("merknad", "skillelinje")),  # type: ignore[arg-type]
                text=note.text("tekst"),
                month=note.optional_text("maned"),
                references=note.texts("referanser"),
            )
        )
    routines = []
    for i, raw in enumerate(data.get("rutine", [])):
        routine = _Reader(raw, f"rutine {i + 1}", source)
        steps = tuple(
            RoutineStep(
                number=_Reader(step, f"rutine {i + 1} steg {j + 1}", source).integer("nr"),
                text=_Reader(step, f"rutine {i + 1} steg {j + 1}", source).text("tekst"),
            )
            for j, step in enumerate(raw.get("steg", []))
        )
        routines.append(
            Routine(
                id=routine.text("id"),
                line=routine.integer("linje"),
                title=routine.text("tittel"),
                introduction=routine.text("innledning", ""),
                steps=steps,
            )
        )
    rule = read.choice("virkedagsregel", [r.value for r in WorkdayRule], DEFAULT_RULE.value)
    return Calendar(
        school_year=read.text("skolear"),
        title=read.text("tittel", ""),
        source=read.text("kilde", ""),
        source_sha256=read.text("kilde_sha256", ""),
        version=read.text("versjon", ""),
        workday_rule=WorkdayRule(rule),
        categories=categories,
        rows=rows,
        notes=tuple(notes),
        routines=tuple(routines),
        draft=read.flag("utkast"),
        draft_from=read.optional_text("utkast_fra"),
    )


def read_calendar(path: Path) -> Calendar:
    """Read a ``kalender.toml`` file; raise ConfigError naming the file when it is invalid."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("VK-C103", "kalender.error.no_calendar_file", file=str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("VK-K003", "config.bad_toml", file=str(path), error=str(error)) from None
    return _parse_calendar(data, path)


def calendar_path(school_year: str, folder: Path = DEADLINES_DIR) -> Path:
    """Return where the calendar file of ``school_year`` lives below ``folder``."""
    return folder / school_year / CALENDAR_FILE


def load_calendar(school_year: str, folder: Path = DEADLINES_DIR) -> Calendar:
    """Read the calendar of ``school_year`` (for example "2024-2025") below ``folder``."""
    path = calendar_path(school_year, folder)
    if not path.is_file():
        known = sorted(p.parent.name for p in folder.glob(f"*/{CALENDAR_FILE}"))
        raise ConfigError(
            "VK-C104",
            "kalender.error.unknown_school_year",
            year=school_year,
            file=str(path),
            known=", ".join(known) or "-",
        )
    return read_calendar(path)
