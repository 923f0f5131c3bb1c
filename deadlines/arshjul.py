"""Import the text form of "Årshjul VIGO opplæring" into a :class:`Calendar`.

The text export is a tab-separated table (Måned, Fra, Hva, Til, Kommentar)
with month headings written either as a bold row (``<b>Juli 2024</b>``) or
as markdown headings (``## November 2024``), followed by a routine with
numbered steps and the colour legend ("FARGEKODER"). Every line that is not
structure becomes a row or a note. Whatever the importer had to guess or
could not resolve is returned as a finding, and the row is kept.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deadlines.calendar import (
    Calendar,
    CalendarRow,
    Category,
    DateForm,
    Note,
    Routine,
    RoutineStep,
    school_year_start,
)
from deadlines.rules import (
    LEGEND_IDS,
    OTHER_CATEGORY,
    RowText,
    job_numbers,
    row_category,
    row_delivery,
    row_kind,
    strip_markup,
)
from deadlines.workdays import DEFAULT_RULE, WorkdayRule, effective_date, holiday_name
from vigoklar.errors import InputError, UsageError
from vigoklar.i18n import Language, t

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ),
        start=1,
    )
}
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()}
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

_MONTH_NAMES = "|".join(MONTHS)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_MONTH_HEADING = re.compile(rf"^({_MONTH_NAMES})\s+(\d{{4}})$", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"skoleåret\s+(\d{4}-\d{4})", re.IGNORECASE)
_VERSION = re.compile(r"^Pr\.\s*(\d{2}\.\d{2}\.\d{4})\s*$")
_SEPARATOR = re.compile(r"^[-\s|]*-{3,}[-\s|]*$")
_STEP = re.compile(r"^(\d+)\.\s+(.*)$")
_DAY = r"(\d{1,2})\.\s*([A-Za-zæøåÆØÅ]{3})[a-zæøå]*\.?"
_SINGLE_DATE = re.compile(rf"^{_DAY}$")
_RANGE = re.compile(rf"^{_DAY}\s+til\s+{_DAY}$", re.IGNORECASE)
_WEEKS = re.compile(r"^uke\s+(\d{1,2})(?:\s*/\s*(\d{1,2}))?$", re.IGNORECASE)
_VAGUE = re.compile(rf"^I løpet av\s+({_MONTH_NAMES})$", re.IGNORECASE)
_RECURRING = re.compile(r"^(?:En gang )?pr\.?\s+måned|^hver måned|^månedlig", re.IGNORECASE)
_REFERENCE = re.compile(
    rf"\bSe\s+(?:også\s+)?(\d{{1,2}})\.(?:\s*og\s+(\d{{1,2}})\.)?\s*({_MONTH_NAMES})\b",
    re.IGNORECASE,
)
_ROUTINE_REFERENCE = re.compile(r"\bSe info i slutten av dette dokumentet\b", re.IGNORECASE)
_IN_TEXT_DATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "registreringsfrist",
        re.compile(rf"Frist for fylkene å registrere i VIGO er (\d{{1,2}})\.\s*({_MONTH_NAMES})"),
    ),
    (
        "inntaksfrist",
        re.compile(rf"Frist for fylkene å kjøre inntak i VIGO er (\d{{1,2}})\.\s*({_MONTH_NAMES})"),
    ),
    (
        "i_vigo_senest",
        re.compile(rf"Data vil være i VIGO senest (\d{{1,2}})\.\s*({_MONTH_NAMES})"),
    ),
)
_UPDATE_RETT = re.compile(r"HUSK!\s*Det må kjøres oppdatering av rett", re.IGNORECASE)
_TABLE_HEADER = ("måned", "fra", "hva", "til", "kommentar")


@dataclass(frozen=True)
class Finding:
    """Something the importer reports about one line of the document."""

    code: str
    line: int
    message_key: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def message(self, language: Language | None = None) -> str:
        """Return the finding in ``language`` (default: the current one)."""
        return t(self.message_key, language, line=self.line, **self.fields)


@dataclass(frozen=True)
class ImportResult:
    """A calendar imported from the document, with the number of rows read and its findings."""

    calendar: Calendar
    rows_read: int
    findings: tuple[Finding, ...]


@dataclass
class _Month:
    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class _DraftRow:
    """A row while the document is still being read."""

    line: int
    month: _Month | None
    date_text: str
    text: RowText
    form: DateForm = "ukjent"
    start: dt.date | None = None
    end: dt.date | None = None
    weeks: tuple[int, ...] = ()
    iso_year: int | None = None
    id: str = ""
    references: list[str] = field(default_factory=list)
    reference_texts: list[str] = field(default_factory=list)
    delivery: str | None = None
    in_text_dates: dict[str, dt.date] = field(default_factory=dict)
    invalid_dates: list[str] = field(default_factory=list)


@dataclass
class _Section:
    """A heading after the table: becomes a routine when it has numbered steps."""

    line: int
    title: str
    introduction: list[str] = field(default_factory=list)
    steps: list[RoutineStep] = field(default_factory=list)
    loose: list[tuple[int, str]] = field(default_factory=list)


def read_document(path: Path) -> tuple[str, str]:
    """Return the text of the document at ``path`` and the SHA-256 of its bytes.

    The document must be UTF-8 (a byte-order mark is allowed), so an
    undecodable byte raises InputError with its line and column.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("VK-C105", "kalender.error.no_document", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("VK-C105", "kalender.error.no_document", file=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            "VK-C106",
            "kalender.error.not_utf8",
            file=str(path),
            line=line,
            column=column,
            value=data[error.start : error.end].hex(" "),
        ) from None
    return text, hashlib.sha256(data).hexdigest()


def slug(text: str, words: int = 6) -> str:
    """Return the first ``words`` words of ``text`` as a lower-case ASCII slug."""
    folded = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(parts[:words]) or "rad"


def _nearest_year(month: int, context: dt.date) -> int:
    """Return the year that puts ``month`` closest to ``context`` (within a year either way)."""

    def distance(year: int) -> int:
        return abs((year * 12 + month) - (context.year * 12 + context.month))

    return min((context.year - 1, context.year, context.year + 1), key=distance)


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.casefold()) or MONTH_ABBREVIATIONS.get(word[:3].casefold())


class _Importer:
    def __init__(self, school_year: str, rule: WorkdayRule) -> None:
        self.school_year = school_year
        self.rule = rule
        self.findings: list[Finding] = []
        self.rows: list[_DraftRow] = []
        self.notes: list[tuple[int, str, str | None, str]] = []
        self.sections: list[_Section] = []
        self.legend: list[tuple[int, str]] = []
        self.title = ""
        self.version = ""
        self.month: _Month | None = None
        self.mode = "table"

    def report(self, code: str, line: int, key: str, **fields: object) -> None:
        self.findings.append(Finding(code, line, f"kalender.finding.{key}", fields))

    def keep_note(self, line: int, text: str, kind: str = "merknad") -> None:
        self.notes.append((line, kind, self.month.key if self.month else None, text))
        if kind == "merknad":
            self.report("VK-C006", line, "note_kept", text=text)

    # Reading lines

    def read(self, text: str) -> None:
        for number, raw in enumerate(text.splitlines(), start=1):
            self.read_line(number, raw)

    def read_line(self, number: int, raw: str) -> None:
        stripped = raw.strip()
        if not stripped:
            return
        heading = _HEADING.match(stripped)
        if heading:
            self.read_heading(number, strip_markup(heading.group(2)))
            return
        if _SEPARATOR.match(stripped):
            self.keep_note(number, stripped, "skillelinje")
            return
        if self.mode == "legend":
            self.legend.append((number, strip_markup(stripped)))
            return
        if self.mode == "section":
            self.read_section_line(number, stripped)
            return
        version = _VERSION.match(stripped)
        if version and not self.version:
            self.version = version.group(1)
            return
        if "\t" in raw:
            self.read_table_line(number, raw)
            return
        self.keep_note(number, strip_markup(stripped))

    def read_heading(self, number: int, text: str) -> None:
        month = _MONTH_HEADING.match(text)
        if month:
            self.month = _Month(int(month.group(2)), MONTHS[month.group(1).casefold()])
            self.mode = "table"
            return
        if not self.title and _TITLE_YEAR.search(text):
            self.title = text
            return
        if text.rstrip(":").strip().casefold() == "fargekoder":
            self.mode = "legend"
            return
        self.mode = "section"
        self.sections.append(_Section(number, text))

    def read_section_line(self, number: int, text: str) -> None:
        section = self.sections[-1]
        step = _STEP.match(text)
        if step:
            section.steps.append(RoutineStep(int(step.group(1)), strip_markup(step.group(2))))
        elif section.steps:
            section.loose.append((number, strip_markup(text)))
        else:
            section.introduction.append(strip_markup(text))

    def read_table_line(self, number: int, raw: str) -> None:
        cells = [cell.strip() for cell in raw.split("\t")]
        cells += [""] * (5 - len(cells))
        first = strip_markup(cells[0])
        others = [strip_markup(cell) for cell in cells[1:]]
        month = _MONTH_HEADING.match(first)
        if month and not any(others):
            self.month = _Month(int(month.group(2)), MONTHS[month.group(1).casefold()])
            self.mode = "table"
            return
        if tuple(c.casefold() for c in [first, *others][:5]) == _TABLE_HEADER:
            return
        if len(cells) > 5 and any(cells[5:]):
            # Extra tab-separated cells are kept in the comment, not dropped.
            cells[4] = " ".join(c for c in cells[4:] if c)
            self.report("VK-C013", number, "extra_cells", count=len(cells))
        text = RowText(
            sender=others[0],
            description_markup=cells[2],
            description=others[1],
            receiver=others[2],
            comment=strip_markup(cells[4]),
        )
        row = _DraftRow(line=number, month=self.month, date_text=first, text=text)
        self.read_date_cell(row)
        self.read_in_text_dates(row)
        self.rows.append(row)

    # Dates

    def day_in_context(self, row: _DraftRow, day: int, month_word: str) -> dt.date | None:
        """Return the date of "day. month" in the row's month heading, or report it."""
        month = _month_number(month_word)
        if month is None or row.month is None:
            key = "no_month_heading" if row.month is None else "bad_date"
            self.report("VK-C002", row.line, key, text=row.date_text)
            return None
        heading = dt.date(row.month.year, row.month.month, 1)
        year = _nearest_year(month, heading)
        if month != row.month.month:
            self.report(
                "VK-C008", row.line, "month_differs", text=row.date_text, heading=row.month.key
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            self.report("VK-C002", row.line, "bad_date", text=row.date_text)
            return None

    def read_date_cell(self, row: _DraftRow) -> None:
        text = row.date_text
        if single := _SINGLE_DATE.match(text):
            row.form = "dato"
            row.start = self.day_in_context(row, int(single.group(1)), single.group(2))
            row.end = row.start
        elif period := _RANGE.match(text):
            row.form = "periode"
            row.start = self.day_in_context(row, int(period.group(1)), period.group(2))
            row.end = self.day_in_context(row, int(period.group(3)), period.group(4))
            if row.start and row.end and row.end < row.start:
                self.report("VK-C012", row.line, "range_reversed", text=text)
        elif weeks := _WEEKS.match(text):
            self.read_weeks(row, [int(w) for w in weeks.groups() if w])
        elif vague := _VAGUE.match(text):
            row.form = "vag"
            month = MONTHS[vague.group(1).casefold()]
            if row.month is None:
                self.report("VK-C002", row.line, "no_month_heading", text=text)
                return
            year = _nearest_year(month, dt.date(row.month.year, row.month.month, 1))
            row.start = dt.date(year, month, 1)
            row.end = dt.date(year, month, month_calendar.monthrange(year, month)[1])
        elif _RECURRING.match(text):
            row.form = "gjentakende"
            row.month = None
        else:
            self.report("VK-C007", row.line, "unknown_date_form", text=text)

    def read_weeks(self, row: _DraftRow, weeks: list[int]) -> None:
        row.form = "uke"
        row.weeks = tuple(weeks)
        if row.month is None:
            self.report("VK-C002", row.line, "no_month_heading", text=row.date_text)
            return
        # Week 1 can start in December and weeks 52/53 can end in January;
        # otherwise the week belongs to the heading's year.
        year = row.month.year
        if row.month.month == 12 and weeks[0] == 1:
            year += 1
        elif row.month.month == 1 and weeks[0] >= 52:
            year -= 1
        row.iso_year = year
        try:
            row.start = dt.date.fromisocalendar(year, weeks[0], 1)
            row.end = dt.date.fromisocalendar(year, weeks[-1], 7)
        except ValueError:
            row.start = row.end = None
            self.report("VK-C003", row.line, "no_such_week", text=row.date_text, year=year)

    def read_in_text_dates(self, row: _DraftRow) -> None:
        plain = f"{row.text.description} {row.text.comment}"
        context = row.start or (dt.date(row.month.year, row.month.month, 1) if row.month else None)
        for name, pattern in _IN_TEXT_DATES:
            match = pattern.search(plain)
            if match is None or context is None:
                continue
            month = MONTHS[match.group(2).casefold()]
            year = _nearest_year(month, context)
            try:
                row.in_text_dates[name] = dt.date(year, month, int(match.group(1)))
            except ValueError:
                written = f"{match.group(1)}. {match.group(2)}"
                row.invalid_dates.append(f"{name}: {written} {year}")
                self.report(
                    "VK-C011", row.line, "bad_text_date", field=name, text=written, year=year
                )

    # Whole-document passes

    def assign_ids(self) -> None:
        used: Counter[str] = Counter()
        for row in self.rows:
            if row.form in ("dato", "periode") and row.start:
                base = row.start.isoformat()
            elif row.form == "uke" and row.iso_year and row.weeks:
                base = f"{row.iso_year}-U{row.weeks[0]:02d}"
            elif row.form == "vag" and row.start:
                base = f"{row.start:%Y-%m}-{slug(row.text.description, 4)}"
            elif row.form == "gjentakende":
                base = f"maanedlig-{slug(row.text.description, 5)}"
            else:
                base = f"udatert-{slug(row.text.description, 5)}"
            used[base] += 1
            ordinal_ids = row.form in ("dato", "periode", "uke") and row.start is not None
            if ordinal_ids:
                row.id = f"{base}-{used[base]}"
            else:
                row.id = base if used[base] == 1 else f"{base}-{used[base]}"

    def find_duplicates(self) -> None:
        seen: dict[tuple[str, ...], _DraftRow] = {}
        for row in self.rows:
            key = (
                row.start.isoformat() if row.start else row.date_text,
                row.end.isoformat() if row.end else "",
                row.text.sender,
                row.text.description,
                row.text.receiver,
                row.text.comment,
            )
            first = seen.setdefault(key, row)
            if first is not row:
                self.report(
                    "VK-C005", row.line, "duplicate_row", first_line=first.line, id=first.id
                )

    def resolve_references(
        self, row: _DraftRow | None, text: str, context: dt.date | None, line: int, routine: str
    ) -> tuple[list[str], list[str]]:
        """Return the ids and the texts of the references in ``text``."""
        ids: list[str] = []
        texts: list[str] = []
        for match in _REFERENCE.finditer(text):
            texts.append(match.group(0))
            if context is None:
                self.report("VK-C004", line, "unresolved_reference", text=match.group(0))
                continue
            month = MONTHS[match.group(3).casefold()]
            for day_text in (match.group(1), match.group(2)):
                if day_text is None:
                    continue
                # Take the nearest year that has rows on the day, because a note
                # after August 2025 with "Se 09. september" refers to 2024.
                year = _nearest_year(month, context)
                targets: list[_DraftRow] = []
                for candidate in sorted(
                    (year - 1, year, year + 1),
                    key=lambda y: abs(y * 12 + month - context.year * 12 - context.month),
                ):
                    targets = self.reference_targets(row, candidate, month, int(day_text))
                    if targets:
                        break
                if not targets:
                    self.report(
                        "VK-C004",
                        line,
                        "unresolved_reference",
                        text=f"{match.group(0)} ({int(day_text):02d}.{month:02d}.{year})",
                    )
                ids.extend(target.id for target in targets if target.id not in ids)
        if _ROUTINE_REFERENCE.search(text):
            found = _ROUTINE_REFERENCE.search(text)
            assert found is not None
            texts.append(found.group(0))
            if routine:
                ids.append(routine)
            else:
                self.report("VK-C004", line, "unresolved_reference", text=found.group(0))
        return ids, texts

    def reference_targets(
        self, row: _DraftRow | None, year: int, month: int, day: int
    ) -> list[_DraftRow]:
        try:
            target_day = dt.date(year, month, day)
        except ValueError:
            return []
        candidates = [r for r in self.rows if r.start == target_day and r is not row]
        if row is None or len(candidates) <= 1:
            return candidates
        jobs = set(job_numbers(row.text.description, row.text.comment))
        delivery = row_delivery(row.text)
        sharing = [
            c
            for c in candidates
            if jobs & set(job_numbers(c.text.description, c.text.comment))
            or (delivery is not None and row_delivery(c.text) == delivery)
        ]
        return sharing or candidates

    def link_rows(self, routine_id: str) -> None:
        for row in self.rows:
            context = row.start or (
                dt.date(row.month.year, row.month.month, 1) if row.month else None
            )
            ids, texts = self.resolve_references(
                row, f"{row.text.description} {row.text.comment}", context, row.line, routine_id
            )
            row.references, row.reference_texts = ids, texts
            row.delivery = row_delivery(row.text)
        by_id = {row.id: row for row in self.rows}
        for row in self.rows:
            if row.delivery is not None:
                continue
            inherited = {
                by_id[ref].delivery
                for ref in row.references
                if ref in by_id and by_id[ref].delivery is not None
            }
            if len(inherited) == 1:
                row.delivery = inherited.pop()

    def check_working_day(self, row: _DraftRow) -> tuple[dt.date | None, str | None]:
        if row.form != "dato" or row.start is None:
            return None, None
        effective = effective_date(row.start, self.rule)
        if effective == row.start:
            return effective, None
        reason = holiday_name(row.start) or WEEKDAY_NAMES[row.start.weekday()]
        self.report(
            "VK-C001",
            row.line,
            "not_working_day",
            date=f"{row.start:%d.%m.%Y}",
            reason=reason,
            effective=f"{effective:%d.%m.%Y}",
            weekday=WEEKDAY_NAMES[effective.weekday()],
        )
        return effective, reason

    # Building the calendar

    def categories(self) -> tuple[Category, ...]:
        categories: list[Category] = []
        for line, name in self.legend:
            category_id = LEGEND_IDS.get(name.casefold())
            if category_id is None:
                category_id = slug(name, 5)
                self.report("VK-C010", line, "unknown_category", name=name)
            categories.append(Category(category_id, name))
        categories.append(OTHER_CATEGORY)
        return tuple(categories)

    def routines(self) -> tuple[Routine, ...]:
        routines: list[Routine] = []
        for section in self.sections:
            if not section.steps:
                for text in (section.title, *section.introduction):
                    self.keep_note(section.line, text)
                continue
            numbers = [step.number for step in section.steps]
            if numbers != list(range(1, len(numbers) + 1)):
                self.report(
                    "VK-C014",
                    section.line,
                    "steps_out_of_order",
                    numbers=numbers,
                    title=section.title,
                )
            for line, text in section.loose:
                self.keep_note(line, text)
            routines.append(
                Routine(
                    id=f"rutine-{slug(section.title, 6)}",
                    line=section.line,
                    title=section.title,
                    introduction=" ".join(section.introduction),
                    steps=tuple(section.steps),
                )
            )
        return tuple(routines)

    def build(self, source: str, sha256: str) -> Calendar:
        self.assign_ids()
        self.find_duplicates()
        routines = self.routines()
        routine_id = routines[0].id if routines else ""
        self.link_rows(routine_id)
        notes = tuple(
            Note(
                line=line,
                kind=kind,  # type: ignore[arg-type]
                text=text,
                month=month,
                references=tuple(
                    self.resolve_references(
                        None,
                        text,
                        dt.date.fromisoformat(f"{month}-01") if month else None,
                        line,
                        routine_id,
                    )[0]
                ),
            )
            for line, kind, month, text in self.notes
        )
        return Calendar(
            school_year=self.school_year,
            title=self.title,
            source=source,
            source_sha256=sha256,
            version=self.version,
            workday_rule=self.rule,
            categories=self.categories(),
            rows=tuple(self.finish_row(row) for row in self.rows),
            notes=notes,
            routines=routines,
        )

    def finish_row(self, row: _DraftRow) -> CalendarRow:
        effective, reason = self.check_working_day(row)
        text = row.text
        return CalendarRow(
            id=row.id,
            line=row.line,
            month=row.month.key if row.month else None,
            date_text=row.date_text,
            form=row.form,
            start=row.start,
            end=row.end,
            weeks=row.weeks,
            effective=effective,
            not_working_day=reason,
            sender=text.sender,
            description=text.description,
            receiver=text.receiver,
            comment=text.comment,
            kind=row_kind(text),
            category=row_category(text),
            delivery=row.delivery,
            jobs=job_numbers(text.description, text.comment),
            references=tuple(row.references),
            reference_texts=tuple(row.reference_texts),
            registration_deadline=row.in_text_dates.get("registreringsfrist"),
            admission_deadline=row.in_text_dates.get("inntaksfrist"),
            in_vigo_by=row.in_text_dates.get("i_vigo_senest"),
            invalid_dates=tuple(row.invalid_dates),
            update_rett_required=bool(_UPDATE_RETT.search(f"{text.description} {text.comment}")),
        )


def school_year_of(text: str) -> str | None:
    """Return the school year named in the document's title ("skoleåret 2024-2025"), or None."""
    match = _TITLE_YEAR.search(text)
    return match.group(1) if match else None


def import_calendar(
    path: Path, school_year: str | None = None, rule: WorkdayRule = DEFAULT_RULE
) -> ImportResult:
    """Read the calendar document at ``path`` into a :class:`Calendar`.

    ``school_year`` defaults to the year in the document's title; when both
    are given they must agree.
    """
    text, sha256 = read_document(path)
    titled = school_year_of(text)
    year = school_year or titled
    if year is None:
        raise UsageError("VK-C107", "kalender.error.no_school_year", file=str(path))
    try:
        school_year_start(year)
    except ValueError:
        raise UsageError("VK-C108", "kalender.error.bad_school_year", value=year) from None
    if titled is not None and titled != year:
        raise UsageError(
            "VK-C107",
            "kalender.error.school_year_differs",
            file=str(path),
            title=titled,
            given=year,
        )
    importer = _Importer(year, rule)
    importer.read(text)
    if not importer.rows:
        raise InputError("VK-C109", "kalender.error.no_rows", file=str(path))
    calendar = importer.build(path.name, sha256)
    findings = sorted(importer.findings, key=lambda f: (f.line, f.code))
    return ImportResult(calendar, len(importer.rows), tuple(findings))
