"""Write the synthetic sample extracts of Akershus (county 32).

Two scenarios share one seed: ``fylke-klar`` passes every ssbElev check as of
23.10.2024, and ``fylke-med-feil`` is the same county with a fixed set of
faults, listed with their counts in its FEIL.md. Every person is invented:
names come from Faker's Norwegian bokmål locale (``no_NO``; Faker 40 has no
``nb_NO``), and every fødselsnummer is a synthetic test number (month + 80,
Skatteetaten's Tenor range), five of them also D-numbers (day + 40).

Run ``python sample_data/generate.py`` to rewrite both folders beside this
file, or call :func:`generate` for one folder. Output is byte-identical for a
given seed.

NOTE: Faker may change its no_NO name lists or its draws between releases.
That changes the names but not the counts. The committed folders were
written with Faker 40.63.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from faker import Faker
from stdnum.no import orgnr as orgnr_rules

from checks.identifiers import KIND_D_SYNTHETIC, KIND_SYNTHETIC, classify_fodselsnummer
from vigoklar.layout import TABLES

DEFAULT_SEED = 20241001
READY = "fylke-klar"
FAULTY = "fylke-med-feil"
SCENARIOS = (READY, FAULTY)

SCHOOL_YEAR = "2024-2025"
DATE_FORMAT = "%d.%m.%Y"
TIMESTAMP_FORMAT = "%d.%m.%Y %H:%M"

PUBLIC_SCHOOLS = {
    "32001": "Granlia videregående skole",
    "32002": "Fjellhagen videregående skole",
    "32003": "Sjøvangen videregående skole",
    "32004": "Bjørkåsen videregående skole",
    "32005": "Elveli videregående skole",
    "32006": "Lyngmo videregående skole",
    "32007": "Furuhaug videregående skole",
    "32008": "Kvernstad videregående skole",
}
# Private schools carry a three-digit skolenummer with no county prefix.
PRIVATE_SCHOOLS = {
    "512": "Nordmarka private gymnas",
    "517": "Kystlia kristne gymnas",
}

STUDY_PROGRAMMES = ("STUSP1----", "STUSP2----", "STUSP3----", "SSSAM1----", "MKMED1----")
VOCATIONAL_PROGRAMMES = ("ELELE1----", "HSHEA2----", "TPTIP1----", "BABAT1----", "IMIKT1----")
# Private schools in the sample offer only general studies.
PRIVATE_PROGRAMMES = ("STUSP1----", "STUSP2----", "STUSP3----")

STUDY_SUBJECTS = (
    "NOR1260",
    "NOR1267",
    "NOR1268",
    "MAT1019",
    "MAT1021",
    "ENG1007",
    "NAT1007",
    "KRO1019",
    "HIS1010",
    "SAM1003",
    "REL1003",
    "GEO1003",
    "SPR3030",
    "SPR3031",
)
VOCATIONAL_SUBJECTS = (
    "NOR1206",
    "MAT1001",
    "ENG1008",
    "NAT1002",
    "KRO1017",
    "SAM1003",
    "YFF4106",
)
PROGRAMME_SUBJECTS = {
    "ELELE": ("ELE1001", "ELE1002", "ELE1003", "ELE1004", "ELE1005"),
    "HSHEA": ("HEA2001", "HEA2002", "HEA2003", "HEA2004", "HEA2005"),
    "TPTIP": ("TIP1001", "TIP1002", "TIP1003", "TIP1004", "TIP1005"),
    "BABAT": ("BAT1001", "BAT1002", "BAT1003", "BAT1004", "BAT1005"),
    "IMIKT": ("IKT1001", "IKT1002", "IKT1003", "IKT1004", "IKT1005"),
    "MKMED": ("MED1001", "MED1002", "MED1003"),
}

# (jobbnr, jobbnavn, start, minutes, status), ordered by start.
READY_JOBS = (
    ("5A001", "Oppdater elev fra søker", datetime(2024, 9, 10, 8, 0), 25, "OK"),
    ("8A011", "Oppdatering av ajourhold", datetime(2024, 10, 11, 9, 0), 18, "OK"),
    ("5A019", "Oppdater rett", datetime(2024, 10, 18, 9, 30), 4, "FEIL"),
    ("5A018", "Utvid kvoter for rett", datetime(2024, 10, 21, 9, 0), 12, "OK"),
    ("5A019", "Oppdater rett", datetime(2024, 10, 21, 9, 30), 25, "OK"),
)
FAULTY_JOBS = (
    ("5A001", "Oppdater elev fra søker", datetime(2024, 9, 10, 8, 0), 25, "OK"),
    ("5A018", "Utvid kvoter for rett", datetime(2024, 10, 9, 9, 30), 10, "OK"),
    ("5A019", "Oppdater rett", datetime(2024, 10, 9, 10, 0), 20, "OK"),
    ("8A011", "Oppdatering av ajourhold", datetime(2024, 10, 11, 9, 0), 18, "OK"),
)

# The county's last 6A001 import; the faulty scenario runs 5A019 before it.
LAST_IMPORT_SCHOOL = "32001"
LAST_IMPORT = datetime(2024, 10, 10, 11, 40)
PRIVATE_IMPORT = datetime(2024, 10, 10, 8, 15)

NEVER_IMPORTED_SCHOOL = "32007"
ORPHAN_SCHOOL = "32002"  # elevfag rows with no pupil are placed here
D_NUMBER_PUPILS = 5
LEFT_PUPILS = 3  # elevstatus S with a sluttdato in September
OTHER_STATUSES = "AAADDDVVV"  # one pupil each; V (voksne) pupils get rett VOKS
# 35-48 pupils per school keeps the county near 400 pupils.
PUPILS_PER_SCHOOL = (35, 48)

Row = dict[str, str]


@dataclass
class County:
    """The rows of the five extract tables, each row keyed by canonical column name."""

    skoler: list[Row] = field(default_factory=list)
    elever: list[Row] = field(default_factory=list)
    elevfag: list[Row] = field(default_factory=list)
    importlogg: list[Row] = field(default_factory=list)
    jobblogg: list[Row] = field(default_factory=list)

    def tables(self) -> dict[str, list[Row]]:
        return {
            "skoler": self.skoler,
            "elever": self.elever,
            "elevfag": self.elevfag,
            "importlogg": self.importlogg,
            "jobblogg": self.jobblogg,
        }


@dataclass(frozen=True)
class Fault:
    """One injected fault: its number in FEIL.md, description, file, count and unit."""

    number: int
    description: str
    file_name: str
    count: int
    unit: str
    details: str


# Identifiers ------------------------------------------------------------------


def _mod11_check_digit(digits: Sequence[int], weights: Sequence[int]) -> int | None:
    """Return the mod-11 check digit, or None when the remainder makes it 10 (unusable)."""
    check = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


class NumberSource:
    """Draw unique synthetic fødselsnummer and organisasjonsnummer from one generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def fodselsnummer(self, born: date, d_number: bool = False) -> str:
        """Return an unused synthetic number (month + 80, day + 40 for a D-number)."""
        day = born.day + (40 if d_number else 0)
        prefix = f"{day:02d}{born.month + 80:02d}{born.year % 100:02d}"
        while True:
            # 500-999 with a two-digit year below 40 places the birth in the 2000s.
            individual = self._rng.randint(500, 999)
            digits = [int(c) for c in f"{prefix}{individual:03d}"]
            k1 = _mod11_check_digit(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2))
            if k1 is None:
                continue
            k2 = _mod11_check_digit([*digits, k1], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
            if k2 is None:
                continue
            number = "".join(map(str, digits)) + f"{k1}{k2}"
            if number not in self._used:
                self._used.add(number)
                return number

    def orgnr(self) -> str:
        """Return an unused organisasjonsnummer starting with 9 and valid by mod 11."""
        while True:
            digits = [9, *(self._rng.randint(0, 9) for _ in range(7))]
            check = _mod11_check_digit(digits, (3, 2, 7, 6, 5, 4, 3, 2))
            if check is None:
                continue
            number = "".join(map(str, digits)) + str(check)
            if number not in self._used and orgnr_rules.is_valid(number):
                self._used.add(number)
                return number


def _validate_synthetic(numbers: Iterable[str]) -> None:
    """Raise ValueError unless every number is a valid synthetic test number."""
    values = pd.Series(list(numbers), dtype="string")
    result = classify_fodselsnummer(values)
    synthetic = result["valid"] & result["kind"].isin([KIND_SYNTHETIC, KIND_D_SYNTHETIC])
    bad = values[~synthetic.astype(bool)].tolist()
    if bad:
        raise ValueError(f"generated numbers that are not valid synthetic numbers: {bad!r}")
    if values.duplicated().any():
        raise ValueError("generated the same fødselsnummer twice")


# The ready county -------------------------------------------------------------


def _birth_date(rng: random.Random, level: int) -> date:
    """Draw a birth date for a pupil in Vg``level`` in autumn 2024 (years 2006-2009)."""
    year = 2009 - level
    if level == 1 and rng.random() < 0.1:
        year = 2009  # started school a year early
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _subjects(rng: random.Random, programme: str) -> list[str]:
    base = programme[:5]
    if programme in STUDY_PROGRAMMES:
        pool = STUDY_SUBJECTS + PROGRAMME_SUBJECTS.get(base, ())
    else:
        pool = VOCATIONAL_SUBJECTS + PROGRAMME_SUBJECTS[base]
    chosen = set(rng.sample(pool, rng.randint(8, 12)))
    return [code for code in pool if code in chosen]


def _schools(numbers: NumberSource) -> list[Row]:
    rows = [
        {"skolenr": nr, "skolenavn": name, "skoletype": "offentlig"}
        for nr, name in PUBLIC_SCHOOLS.items()
    ]
    rows += [
        {"skolenr": nr, "skolenavn": name, "skoletype": "privat"}
        for nr, name in PRIVATE_SCHOOLS.items()
    ]
    return [{**row, "orgnr": numbers.orgnr(), "aktiv": "J"} for row in rows]


def _pupils(rng: random.Random, names: Faker, numbers: NumberSource, skolenr: str) -> list[Row]:
    programmes = (
        PRIVATE_PROGRAMMES
        if skolenr in PRIVATE_SCHOOLS
        else rng.sample(STUDY_PROGRAMMES + VOCATIONAL_PROGRAMMES, 4)
    )
    pupils = []
    for _ in range(rng.randint(*PUPILS_PER_SCHOOL)):
        programme = rng.choice(programmes)
        female = rng.random() < 0.5
        start = date(2024, 8, 19)
        if rng.random() < 0.05:
            start = rng.choice([date(2024, 8, 20), date(2024, 8, 22), date(2024, 8, 26)])
        pupils.append(
            {
                "fodselsnummer": numbers.fodselsnummer(_birth_date(rng, int(programme[5]))),
                "fornavn": names.first_name_female() if female else names.first_name_male(),
                "etternavn": names.last_name(),
                "skolenr": skolenr,
                "programomradekode": programme,
                "elevstatus": "E",
                "startdato": start.strftime(DATE_FORMAT),
                "sluttdato": "",
                "skolear": SCHOOL_YEAR,
                "rett": "UNG",
            }
        )
    return sorted(pupils, key=lambda p: (p["etternavn"], p["fornavn"], p["fodselsnummer"]))


def _mark_special_pupils(rng: random.Random, numbers: NumberSource, pupils: list[Row]) -> None:
    """Give a few pupils D-numbers and the elevstatus codes other than E."""
    picked = rng.sample(range(len(pupils)), D_NUMBER_PUPILS + LEFT_PUPILS + len(OTHER_STATUSES))
    d_numbers = picked[:D_NUMBER_PUPILS]
    left = picked[D_NUMBER_PUPILS : D_NUMBER_PUPILS + LEFT_PUPILS]
    others = picked[D_NUMBER_PUPILS + LEFT_PUPILS :]
    for i in d_numbers:
        # A D-number needs no particular birth date; keep the pupil's cohort.
        born = date(2009 - int(pupils[i]["programomradekode"][5]), rng.randint(1, 12), 15)
        pupils[i]["fodselsnummer"] = numbers.fodselsnummer(born, d_number=True)
    for i in left:
        pupils[i]["elevstatus"] = "S"
        pupils[i]["sluttdato"] = date(2024, 9, rng.randint(2, 27)).strftime(DATE_FORMAT)
    for i, status in zip(others, OTHER_STATUSES, strict=True):
        pupils[i]["elevstatus"] = status
        if status == "V":
            pupils[i]["rett"] = "VOKS"


def _pupil_subjects(rng: random.Random, pupil: Row) -> list[Row]:
    rows = []
    for fagkode in _subjects(rng, pupil["programomradekode"]):
        draw = rng.random()
        if pupil["elevstatus"] == "S":
            fagstatus = "S"
        elif draw < 0.03:
            fagstatus = "F"  # fritatt
        elif draw < 0.06:
            fagstatus = "G"  # godkjent tidligere
        else:
            fagstatus = "E"
        rows.append(
            {
                "fodselsnummer": pupil["fodselsnummer"],
                "skolenr": pupil["skolenr"],
                "programomradekode": pupil["programomradekode"],
                "fagkode": fagkode,
                "fagstatus": fagstatus,
                "skolear": SCHOOL_YEAR,
            }
        )
    return rows


def _imports(rng: random.Random, pupil_counts: dict[str, int]) -> list[Row]:
    rows = []
    for skolenr in PUBLIC_SCHOOLS:
        if skolenr == LAST_IMPORT_SCHOOL:
            last = LAST_IMPORT
        else:
            last = datetime(
                2024, 10, rng.randint(7, 10), rng.randint(7, 10), 5 * rng.randint(0, 11)
            )
        times = [last]
        for _ in range(rng.randint(1, 2)):
            earlier = datetime(
                2024, 10, rng.randint(1, 4), rng.randint(7, 15), 5 * rng.randint(0, 11)
            )
            times.append(earlier)
        rows += [
            {
                "skolenr": skolenr,
                "jobbnr": "6A001",
                "kilde": "SAS",
                "tidspunkt": moment.strftime(TIMESTAMP_FORMAT),
                "status": "OK",
                "antall": str(pupil_counts[skolenr]),
                "_sort": moment.isoformat(),
            }
            for moment in sorted(times)
        ]
    rows += [
        {
            "skolenr": skolenr,
            "jobbnr": "WIS",
            "kilde": "WIS",
            "tidspunkt": PRIVATE_IMPORT.strftime(TIMESTAMP_FORMAT),
            "status": "OK",
            "antall": str(pupil_counts[skolenr]),
            "_sort": PRIVATE_IMPORT.isoformat(),
        }
        for skolenr in PRIVATE_SCHOOLS
    ]
    rows.sort(key=lambda row: (row["_sort"], row["skolenr"]))
    return [{k: v for k, v in row.items() if k != "_sort"} for row in rows]


def _jobs(runs: Iterable[tuple[str, str, datetime, int, str]]) -> list[Row]:
    return [
        {
            "jobbnr": jobbnr,
            "jobbnavn": name,
            "start": start.strftime(TIMESTAMP_FORMAT),
            "slutt": (start + timedelta(minutes=minutes)).strftime(TIMESTAMP_FORMAT),
            "status": status,
            "skolear": SCHOOL_YEAR,
        }
        for jobbnr, name, start, minutes, status in runs
    ]


def build_ready_county(seed: int) -> tuple[County, NumberSource]:
    """Build the ready county; the number source is returned so faults draw unused numbers."""
    rng = random.Random(seed)
    names = Faker("no_NO")
    names.seed_instance(seed)
    numbers = NumberSource(random.Random(seed + 1))

    county = County(skoler=_schools(numbers))
    for school in county.skoler:
        county.elever += _pupils(rng, names, numbers, school["skolenr"])
    _mark_special_pupils(rng, numbers, county.elever)
    for pupil in county.elever:
        county.elevfag += _pupil_subjects(rng, pupil)

    counts = {s["skolenr"]: 0 for s in county.skoler}
    for pupil in county.elever:
        counts[pupil["skolenr"]] += 1
    county.importlogg = _imports(rng, counts)
    county.jobblogg = _jobs(READY_JOBS)

    _validate_synthetic(p["fodselsnummer"] for p in county.elever)
    return county, numbers


# The faults -------------------------------------------------------------------


def _excel_notation(number: str) -> str:
    """Return ``number`` as Excel's General format shows it in a Norwegian locale."""
    return f"{int(number):.5E}".replace(".", ",")


def _rename_pupil(county: County, index: int, new_number: str) -> None:
    """Give pupil ``index`` a new fødselsnummer in elever and in its elevfag rows."""
    pupil = county.elever[index]
    old = pupil["fodselsnummer"]
    county.elever[index] = {**pupil, "fodselsnummer": new_number}
    county.elevfag = [
        {**row, "fodselsnummer": new_number}
        if row["fodselsnummer"] == old and row["skolenr"] == pupil["skolenr"]
        else row
        for row in county.elevfag
    ]


def inject_faults(county: County, numbers: NumberSource, seed: int) -> list[Fault]:
    """Inject the faults of ``fylke-med-feil`` into ``county`` and return them.

    Each fault is applied to pupils that are plain (elevstatus E, rett UNG, an
    ordinary synthetic number) and carry no other fault, so every check finds
    exactly the count returned.
    """
    rng = random.Random(f"{seed}:feil")
    faults: list[Fault] = []
    d_kinds = classify_fodselsnummer(
        pd.Series([p["fodselsnummer"] for p in county.elever], dtype="string")
    )["kind"].tolist()
    plain = [
        i
        for i, p in enumerate(county.elever)
        if p["elevstatus"] == "E"
        and p["rett"] == "UNG"
        and p["skolenr"] != NEVER_IMPORTED_SCHOOL
        and d_kinds[i] == KIND_SYNTHETIC
    ]
    rng.shuffle(plain)
    taken: set[int] = set()

    def take(condition: Callable[[Row], bool] = lambda _: True) -> int:
        for i in plain:
            if i not in taken and condition(county.elever[i]):
                taken.add(i)
                return i
        raise LookupError("no plain pupil left for a fault")

    # 1. A public school whose data never reached VIGO.
    county.importlogg = [r for r in county.importlogg if r["skolenr"] != NEVER_IMPORTED_SCHOOL]
    faults.append(
        Fault(
            1,
            f"Skole {NEVER_IMPORTED_SCHOOL} er aldri importert; elevene står likevel i "
            "elever.csv og elevfag.csv",
            "importlogg.csv",
            1,
            "skole",
            f"{NEVER_IMPORTED_SCHOOL} har ingen rader i importloggen",
        )
    )

    # 2. Rett updated before the last import, and never again.
    county.jobblogg = _jobs(FAULTY_JOBS)
    faults.append(
        Fault(
            2,
            "5A019 Oppdater rett er kjørt før siste import (6A001 "
            f"{LAST_IMPORT.strftime(TIMESTAMP_FORMAT)}) og ikke kjørt igjen",
            "jobblogg.csv",
            1,
            "jobbkjøring",
            "5A018 09.10.2024 09:30–09:40 OK, 5A019 09.10.2024 10:00–10:20 OK; "
            "ingen senere 5A018 eller 5A019",
        )
    )

    # 3. Invalid fødselsnummer, applied to the pupil's elevfag rows too so they still join.
    wrong_check = take()
    number = county.elever[wrong_check]["fodselsnummer"]
    wrong_number = number[:10] + str((int(number[10]) + 1) % 10)
    _rename_pupil(county, wrong_check, wrong_number)
    lost_zero = take(lambda p: p["fodselsnummer"].startswith("0"))
    stripped = county.elever[lost_zero]["fodselsnummer"][1:]
    _rename_pupil(county, lost_zero, stripped)
    excel = take()
    excel_value = _excel_notation(county.elever[excel]["fodselsnummer"])
    _rename_pupil(county, excel, excel_value)
    faults.append(
        Fault(
            3,
            "Ugyldig fødselsnummer i elever.csv (og elevens rader i elevfag.csv): "
            "feil kontrollsiffer 2, mistet innledende null, Excel-tallformat",
            "elever.csv",
            3,
            "elever",
            f"`{wrong_number}`, `{stripped}`, `{excel_value}`",
        )
    )

    # 4. Unknown elevstatus.
    unknown_status = [take(), take()]
    for i in unknown_status:
        county.elever[i] = {**county.elever[i], "elevstatus": "Z"}
    faults.append(
        Fault(
            4,
            "Ukjent elevstatus `Z`",
            "elever.csv",
            2,
            "elever",
            _pupil_list(county, unknown_status),
        )
    )

    # 5. Unknown fagstatus on one elevfag row of each of two pupils.
    q_rows = []
    for _ in range(2):
        pupil = county.elever[take()]
        row_index = next(
            j
            for j, row in enumerate(county.elevfag)
            if row["fodselsnummer"] == pupil["fodselsnummer"] and row["fagstatus"] == "E"
        )
        county.elevfag[row_index] = {**county.elevfag[row_index], "fagstatus": "Q"}
        q_rows.append(f"`{pupil['fodselsnummer']}` {county.elevfag[row_index]['fagkode']}")
    faults.append(Fault(5, "Ukjent fagstatus `Q`", "elevfag.csv", 2, "rader", ", ".join(q_rows)))

    # 6. Malformed programområdekode in elever; the pupils' elevfag rows keep the right code.
    unpadded = take(lambda p: p["programomradekode"] == "STUSP1----")
    lowercase = take(lambda p: p["programomradekode"] == "STUSP2----")
    county.elever[unpadded] = {**county.elever[unpadded], "programomradekode": "STUSP1"}
    county.elever[lowercase] = {**county.elever[lowercase], "programomradekode": "stusp2----"}
    faults.append(
        Fault(
            6,
            "Feilformet programområdekode i elever.csv: `STUSP1` (ikke fylt ut med `-`) "
            "og `stusp2----` (små bokstaver)",
            "elever.csv",
            2,
            "elever",
            _pupil_list(county, [unpadded, lowercase]),
        )
    )

    # 7. Pupils active at two schools on the count date.
    public = [nr for nr in PUBLIC_SCHOOLS if nr != NEVER_IMPORTED_SCHOOL]
    double = [take(), take()]
    for i in double:
        pupil = county.elever[i]
        other = rng.choice([nr for nr in public if nr != pupil["skolenr"]])
        county.elever.append({**pupil, "skolenr": other, "startdato": "19.08.2024"})
    faults.append(
        Fault(
            7,
            "Elev aktiv ved to skoler per 01.10.2024 (en ekstra rad i elever.csv ved en "
            "annen skole, uten elevfag)",
            "elever.csv",
            2,
            "elever",
            _pupil_list(county, double),
        )
    )

    # 8. elevfag rows for pupils that are not in elever.
    orphans = []
    school_rows = [row for row in county.elevfag if row["skolenr"] == ORPHAN_SCHOOL]
    for _ in range(3):
        template = rng.choice(school_rows)
        orphan_number = numbers.fodselsnummer(
            _birth_date(rng, int(template["programomradekode"][5]))
        )
        orphans.append({**template, "fodselsnummer": orphan_number, "fagstatus": "E"})
    _validate_synthetic(row["fodselsnummer"] for row in orphans)
    county.elevfag += orphans
    faults.append(
        Fault(
            8,
            "Rad i elevfag.csv uten elev med samme fødselsnummer og skolenr i elever.csv",
            "elevfag.csv",
            3,
            "rader",
            ", ".join(f"`{row['fodselsnummer']}` {row['fagkode']}" for row in orphans),
        )
    )

    # 9. Pupils with no rett.
    no_rett = [take() for _ in range(4)]
    for i in no_rett:
        county.elever[i] = {**county.elever[i], "rett": ""}
    faults.append(
        Fault(
            9,
            "Elev uten rett (tom `rett`)",
            "elever.csv",
            4,
            "elever",
            _pupil_list(county, no_rett),
        )
    )
    return faults


def _pupil_list(county: County, indexes: Iterable[int]) -> str:
    return ", ".join(
        f"`{county.elever[i]['fodselsnummer']}` ({county.elever[i]['skolenr']})" for i in indexes
    )


# Output -----------------------------------------------------------------------


def _write_table(folder: Path, name: str, rows: list[Row]) -> None:
    table = TABLES[name]
    with (folder / table.file_name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(table.column_names)
        for row in rows:
            writer.writerow([row.get(column, "") for column in table.column_names])


def _fault_report(faults: Sequence[Fault]) -> str:
    lines = [
        "# Feil i fylke-med-feil",
        "",
        "Dette uttrekket er `fylke-klar` med feilene under lagt inn. Ingen elev har mer enn",
        "én feil, så hver kontroll skal finne nøyaktig antallet i tabellen. Alle andre rader",
        "er like som i `fylke-klar`. Alle fødselsnummer er syntetiske testnummer.",
        "",
        "| Nr | Feil | Fil | Antall | Enhet | Verdier |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {f.number} | {f.description} | {f.file_name} | {f.count} | {f.unit} | {f.details} |"
        for f in faults
    ]
    return "\n".join(lines) + "\n"


def generate(folder: Path, scenario: str, seed: int = DEFAULT_SEED) -> None:
    """Write the extract files of ``scenario`` (``fylke-klar`` or ``fylke-med-feil``) to ``folder``.

    The faulty scenario also gets FEIL.md. Raises ValueError for an unknown scenario.
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; expected one of {SCENARIOS}")
    county, numbers = build_ready_county(seed)
    faults = inject_faults(county, numbers, seed) if scenario == FAULTY else []

    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in county.tables().items():
        _write_table(folder, name, rows)
    if faults:
        (folder / "FEIL.md").write_text(_fault_report(faults), encoding="utf-8", newline="\n")


def main() -> int:
    here = Path(__file__).resolve().parent
    for scenario in SCENARIOS:
        generate(here / scenario, scenario)
    return 0


if __name__ == "__main__":
    sys.exit(main())
