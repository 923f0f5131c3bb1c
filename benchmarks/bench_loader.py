"""Time the loader on a synthetic national elevfag extract and report its peak memory.

Usage: .venv/bin/python benchmarks/bench_loader.py [--rader 3000000] [--koding utf-8|cp1252]
       [--mangler-felt]

The file is written to a temporary folder and removed afterwards. With
--mangler-felt one row lacks a field, which sends the whole file through the
precise (csv module) path. Peak memory is the process's maximum resident set
size, from ``resource.getrusage``; it includes the interpreter and the
generated file's bytes.
"""

from __future__ import annotations

import argparse
import platform
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from vigoklar.layout import TABLES
from vigoklar.loader import load_table

HEADER = "fodselsnummer;skolenr;programomradekode;fagkode;fagstatus;skolear\n"


K1_WEIGHTS = np.array([3, 7, 6, 1, 8, 9, 4, 5, 2])
K2_WEIGHTS = np.array([5, 4, 3, 2, 7, 6, 5, 4, 3, 2])


def synthetic_pupils(count: int, generator: np.random.Generator) -> np.ndarray:
    """Return ``count`` distinct valid synthetic fødselsnummer (month + 80), born 2006-2008."""
    day = generator.integers(1, 29, size=count * 2)
    month = generator.integers(1, 13, size=count * 2) + 80
    year = generator.integers(6, 9, size=count * 2)
    individual = generator.integers(500, 1000, size=count * 2)
    digits = np.stack(
        [
            day // 10,
            day % 10,
            month // 10,
            month % 10,
            year // 10,
            year % 10,
            individual // 100,
            individual // 10 % 10,
            individual % 10,
        ],
        axis=1,
    )
    k1 = (11 - (digits * K1_WEIGHTS).sum(axis=1) % 11) % 11
    with_k1 = np.column_stack([digits, k1])
    k2 = (11 - (with_k1 * K2_WEIGHTS).sum(axis=1) % 11) % 11
    numbers = np.column_stack([with_k1, k2])
    usable = numbers[(k1 < 10) & (k2 < 10)]
    text = np.array(["".join(map(str, row)) for row in usable])
    return np.unique(text)[:count]


def write_extract(path: Path, rows: int, encoding: str, missing_field: bool) -> None:
    """Write ``rows`` synthetic elevfag rows to ``path`` in blocks, without holding them all.

    About 15 subjects per pupil, as in a national extract (200,000 pupils, 3 million rows).
    """
    generator = np.random.default_rng(2024)
    pupils = synthetic_pupils(max(rows // 15, 1), generator)
    block = 200_000
    with path.open("w", encoding=encoding, newline="") as handle:
        handle.write(HEADER)
        for start in range(0, rows, block):
            count = min(block, rows - start)
            numbers = pupils[generator.integers(0, len(pupils), size=count)]
            schools = generator.integers(0, 1000, size=count)
            subjects = generator.integers(1000, 1300, size=count)
            lines = [
                f"{number};32{school:03d};STUSP1----;NOR{subject};E;2024-2025\n"
                for number, school, subject in zip(numbers, schools, subjects, strict=True)
            ]
            if start == 0:
                lines[0] = f"{numbers[0]};32001;STUSP1----;NOR1260;E;Øst-2024\n"
                if missing_field:
                    lines[1] = f"{numbers[1]};32001;STUSP1----;NOR1260;E\n"
            handle.write("".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rader", type=int, default=3_000_000)
    parser.add_argument("--koding", choices=["utf-8", "cp1252"], default="utf-8")
    parser.add_argument("--mangler-felt", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "elevfag.csv"
        write_extract(path, args.rader, args.koding, args.mangler_felt)
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        started = time.perf_counter()
        loaded = load_table(path, TABLES["elevfag"])
        load_seconds = time.perf_counter() - started

        started = time.perf_counter()
        value_problems = loaded.value_problems()
        value_seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(f"python {platform.python_version()}, {platform.machine()}")
    print(f"rows {loaded.records:,}, file {size / 2**20:.0f} MiB, encoding {loaded.encoding}")
    print(f"structural problems {len(loaded.problems)}, value problems {len(value_problems):,}")
    print(f"load_table      {load_seconds:6.2f} s")
    print(f"value_problems  {value_seconds:6.2f} s")
    print(f"peak RSS        {peak / 2**10:6.0f} MiB (before loading {before / 2**10:.0f} MiB)")


if __name__ == "__main__":
    main()
