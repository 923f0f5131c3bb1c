"""Small hand-made extracts for check tests: a clean county and ways to break it."""

from __future__ import annotations

import copy
from pathlib import Path

from vigoklar.layout import TABLES

Rows = list[dict[str, str]]

# Synthetic test numbers (month + 80, or day + 40 and month + 80) with valid check digits.
FNR_A = "05830850092"
FNR_B = "61910750029"
FNR_C = "12890750409"
FNR_H = "15420850090"  # month + 40

CLEAN: dict[str, Rows] = {
    "skoler": [
        {
            "skolenr": "32001",
            "skolenavn": "Test vgs",
            "orgnr": "974567890",
            "skoletype": "offentlig",
            "aktiv": "J",
        },
        {
            "skolenr": "32002",
            "skolenavn": "Prøve vgs",
            "orgnr": "",
            "skoletype": "offentlig",
            "aktiv": "J",
        },
        {
            "skolenr": "512",
            "skolenavn": "Privat vgs",
            "orgnr": "",
            "skoletype": "privat",
            "aktiv": "J",
        },
    ],
    "elever": [
        {
            "fodselsnummer": FNR_A,
            "fornavn": "Kari",
            "etternavn": "Test",
            "skolenr": "32001",
            "programomradekode": "STUSP1----",
            "elevstatus": "E",
            "startdato": "19.08.2024",
            "sluttdato": "",
            "skolear": "2024-2025",
            "rett": "UNG",
        },
        {
            "fodselsnummer": FNR_B,
            "fornavn": "Ola",
            "etternavn": "Test",
            "skolenr": "32002",
            "programomradekode": "ELELE1----",
            "elevstatus": "E",
            "startdato": "19.08.2024",
            "sluttdato": "",
            "skolear": "2024-2025",
            "rett": "UNG",
        },
        {
            "fodselsnummer": FNR_C,
            "fornavn": "Per",
            "etternavn": "Test",
            "skolenr": "512",
            "programomradekode": "STUSP2----",
            "elevstatus": "E",
            "startdato": "19.08.2024",
            "sluttdato": "",
            "skolear": "2024-2025",
            "rett": "UNG",
        },
    ],
    "elevfag": [
        {
            "fodselsnummer": FNR_A,
            "skolenr": "32001",
            "programomradekode": "STUSP1----",
            "fagkode": "NOR1260",
            "fagstatus": "E",
            "skolear": "2024-2025",
        },
        {
            "fodselsnummer": FNR_B,
            "skolenr": "32002",
            "programomradekode": "ELELE1----",
            "fagkode": "MAT1019",
            "fagstatus": "E",
            "skolear": "2024-2025",
        },
        {
            "fodselsnummer": FNR_C,
            "skolenr": "512",
            "programomradekode": "STUSP2----",
            "fagkode": "ENG1007",
            "fagstatus": "F",
            "skolear": "2024-2025",
        },
    ],
    "importlogg": [
        {
            "skolenr": "32001",
            "jobbnr": "6A001",
            "kilde": "SAS",
            "tidspunkt": "08.10.2024 10:00",
            "status": "OK",
            "antall": "1",
        },
        {
            "skolenr": "32002",
            "jobbnr": "6A001",
            "kilde": "SAS",
            "tidspunkt": "10.10.2024 11:00",
            "status": "OK",
            "antall": "1",
        },
        {
            "skolenr": "512",
            "jobbnr": "WIS",
            "kilde": "WIS",
            "tidspunkt": "10.10.2024 08:15",
            "status": "OK",
            "antall": "1",
        },
    ],
    "jobblogg": [
        {
            "jobbnr": "5A018",
            "jobbnavn": "Utvid kvoter for rett",
            "start": "21.10.2024 09:00",
            "slutt": "21.10.2024 09:10",
            "status": "OK",
            "skolear": "2024-2025",
        },
        {
            "jobbnr": "5A019",
            "jobbnavn": "Oppdater rett",
            "start": "21.10.2024 09:30",
            "slutt": "21.10.2024 09:50",
            "status": "OK",
            "skolear": "2024-2025",
        },
    ],
}


def clean_tables() -> dict[str, Rows]:
    """Return a deep copy of the clean county, for a test to break."""
    return copy.deepcopy(CLEAN)


def write_extract(folder: Path, tables: dict[str, Rows], encoding: str = "utf-8") -> Path:
    """Write ``tables`` as canonical semicolon files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = TABLES[name].column_names
        lines = [";".join(columns)]
        lines += [";".join(row.get(column, "") for column in columns) for row in rows]
        (folder / TABLES[name].file_name).write_text("\n".join(lines) + "\n", encoding=encoding)
    return folder
