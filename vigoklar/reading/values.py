"""Check the values of a loaded file by column: typed columns and identifiers.

A column's rule follows from its canonical name: the layout's column kind
(dates, timestamps, numbers, fødselsnummer) and the identifier rules of
``checks.identifiers`` for the identifier columns. Empty values are not
problems here: whether a value is required is a check's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from checks import identifiers as ids
from vigoklar.layout import TABLES, ColumnKind
from vigoklar.reading.parsing import (
    DEFAULT_DATE_FORMAT,
    parse_dates,
    parse_decimals,
    parse_integers,
    parse_timestamps,
)
from vigoklar.reading.problems import InputProblem

Classifier = Callable[[pd.Series], pd.DataFrame]

#: For each identifier column: its classifier and the VK code of each of its problems.
IDENTIFIER_RULES: Mapping[str, tuple[Classifier, Mapping[str, str]]] = {
    "fodselsnummer": (
        ids.classify_fodselsnummer,
        {
            ids.PROBLEM_LENGTH_LEADING_ZERO: "VK-I040",
            ids.PROBLEM_EXCEL: "VK-I041",
            ids.PROBLEM_NOT_DIGITS: "VK-I042",
            ids.PROBLEM_LENGTH: "VK-I042",
            ids.PROBLEM_CHECK_DIGIT_1: "VK-I043",
            ids.PROBLEM_CHECK_DIGIT_2: "VK-I043",
            ids.PROBLEM_DATE: "VK-I044",
            ids.PROBLEM_FICTITIOUS: "VK-I045",
        },
    ),
    "orgnr": (
        ids.classify_organisasjonsnummer,
        {
            ids.PROBLEM_EXCEL: "VK-I050",
            ids.PROBLEM_FORMAT: "VK-I050",
            ids.PROBLEM_CHECK_DIGIT: "VK-I051",
            ids.PROBLEM_FIRST_DIGIT: "VK-I052",
        },
    ),
    "skolenr": (
        ids.classify_skolenummer,
        {
            ids.PROBLEM_EXCEL: "VK-I060",
            ids.PROBLEM_FORMAT: "VK-I060",
            ids.PROBLEM_UNKNOWN_COUNTY: "VK-I061",
            ids.PROBLEM_OBSOLETE_COUNTY: "VK-I062",
        },
    ),
    "kommunenr": (
        ids.classify_kommunenummer,
        {
            ids.PROBLEM_EXCEL: "VK-I065",
            ids.PROBLEM_FORMAT: "VK-I065",
            ids.PROBLEM_UNKNOWN_COUNTY: "VK-I066",
            ids.PROBLEM_SPECIAL_CODE: "VK-I067",
            ids.PROBLEM_OSLO: "VK-I068",
            ids.PROBLEM_OBSOLETE_COUNTY: "VK-I069",
        },
    ),
    "fylkesnr": (
        ids.classify_fylkesnummer,
        {
            ids.PROBLEM_FORMAT: "VK-I070",
            ids.PROBLEM_UNKNOWN_COUNTY: "VK-I070",
            ids.PROBLEM_OBSOLETE_COUNTY: "VK-I071",
        },
    ),
    "programomradekode": (
        ids.classify_programomradekode,
        {ids.PROBLEM_FORMAT: "VK-I075", ids.PROBLEM_UNPADDED: "VK-I076"},
    ),
    "fagkode": (ids.classify_fagkode, {ids.PROBLEM_FORMAT: "VK-I080"}),
}

#: Column kinds by canonical column name, over every table of the layout.
LAYOUT_KINDS: Mapping[str, ColumnKind] = {
    column.name: column.kind for table in TABLES.values() for column in table.columns
}

#: Every name a mapping may map a file column to.
CANONICAL_NAMES = frozenset(LAYOUT_KINDS) | frozenset(IDENTIFIER_RULES)


def identifier_problems(
    column: str, values: pd.Series, lines: pd.Series, file: str
) -> list[InputProblem]:
    """Return the problems of identifier column ``column`` (empty for other columns)."""
    rule = IDENTIFIER_RULES.get(column)
    if rule is None:
        return []
    classify, codes = rule
    # Identifiers repeat (a pupil has ~15 subject rows), so each distinct value is
    # classified once and the result spread back over the rows.
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    result = classify(pd.Series(distinct, dtype="string"))
    flagged_distinct = result["problem"].isin(list(codes)).to_numpy()
    if not flagged_distinct.any():
        return []
    rows = np.flatnonzero((positions >= 0) & flagged_distinct[np.maximum(positions, 0)])
    problems: list[InputProblem] = []
    for row in rows:
        found = result.iloc[positions[row]]
        suggestion = found["suggestion"]
        details = {} if pd.isna(suggestion) else {"suggestion": str(suggestion)}
        problems.append(
            InputProblem(
                codes[str(found["problem"])],
                file,
                line=int(lines.iloc[row]),
                column=column,
                value=str(values.iloc[row]),
                details=details,
            )
        )
    return problems


def typed_problems(
    column: str,
    kind: ColumnKind,
    values: pd.Series,
    lines: pd.Series,
    file: str,
    date_format: str = DEFAULT_DATE_FORMAT,
) -> list[InputProblem]:
    """Return the problems of a column of a typed ``kind`` (empty for text and codes)."""
    where = {"file": file, "column": column}
    if kind is ColumnKind.DATE:
        return list(parse_dates(values, lines, date_format=date_format, **where).problems)
    if kind is ColumnKind.TIMESTAMP:
        return list(parse_timestamps(values, lines, date_format=date_format, **where).problems)
    if kind is ColumnKind.DECIMAL:
        return list(parse_decimals(values, lines, **where).problems)
    if kind is ColumnKind.INTEGER:
        return list(parse_integers(values, lines, **where).problems)
    return []


def value_problems(
    frame: pd.DataFrame,
    columns: Iterable[str],
    kinds: Mapping[str, ColumnKind],
    lines: pd.Series,
    file: str,
    date_format: str = DEFAULT_DATE_FORMAT,
) -> list[InputProblem]:
    """Return the problems of every value in ``columns`` of ``frame``, by line."""
    problems: list[InputProblem] = []
    for column in columns:
        values = frame[column]
        kind = kinds.get(column)
        if kind is not None:
            problems += typed_problems(column, kind, values, lines, file, date_format)
        problems += identifier_problems(column, values, lines, file)
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.code))
