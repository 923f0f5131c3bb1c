"""The catalogue of input problems: stable codes, severities and message keys.

A problem that makes a whole file unreadable (an encoding error, broken
quoting, a missing required column) is raised as an ``InputError``. A problem
in one record or value is returned as an :class:`InputProblem`, so the row is
kept and a check or ``vigoklar les`` can report it. docs/feilkoder.md lists
the same codes for users, and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from vigoklar.errors import InputError
from vigoklar.i18n import Language, t


class Severity(StrEnum):
    """Severity of an input problem: an error stops a delivery, a warning does not."""

    ERROR = "feil"
    WARNING = "advarsel"


@dataclass(frozen=True)
class ProblemKind:
    """One catalogued kind of input problem."""

    code: str
    severity: Severity
    message_key: str
    fatal: bool = False  # raised as InputError: the file cannot be read at all


E = Severity.ERROR
W = Severity.WARNING

PROBLEM_KINDS: Mapping[str, ProblemKind] = {
    kind.code: kind
    for kind in (
        # The file as a whole.
        ProblemKind("VK-I001", E, "input.undecodable", fatal=True),
        ProblemKind("VK-I002", E, "input.mixed_encoding", fatal=True),
        ProblemKind("VK-I003", E, "input.unsupported_encoding", fatal=True),
        ProblemKind("VK-I004", E, "input.unreadable", fatal=True),
        ProblemKind("VK-I005", E, "input.empty_file", fatal=True),
        ProblemKind("VK-I006", E, "input.bad_quoting", fatal=True),
        # The header and the mapping to the canonical layout.
        ProblemKind("VK-I010", E, "input.missing_columns", fatal=True),
        ProblemKind("VK-I011", W, "input.unknown_columns"),
        ProblemKind("VK-I012", E, "input.duplicate_columns", fatal=True),
        ProblemKind("VK-I013", E, "input.unknown_table", fatal=True),
        # Records.
        ProblemKind("VK-I020", W, "input.trailing_delimiter"),
        ProblemKind("VK-I021", E, "input.too_few_fields"),
        ProblemKind("VK-I022", E, "input.too_many_fields"),
        ProblemKind("VK-I023", W, "input.blank_line"),
        # The mapping file (raised as ConfigError).
        ProblemKind("VK-I090", E, "input.mapping.bad_toml", fatal=True),
        ProblemKind("VK-I091", E, "input.mapping.bad_value", fatal=True),
        ProblemKind("VK-I092", E, "input.mapping.unknown_name", fatal=True),
        # Typed values.
        ProblemKind("VK-I030", E, "input.invalid_date"),
        ProblemKind("VK-I031", E, "input.date_format"),
        ProblemKind("VK-I032", E, "input.invalid_timestamp"),
        ProblemKind("VK-I033", E, "input.timestamp_format"),
        ProblemKind("VK-I034", E, "input.invalid_decimal"),
        ProblemKind("VK-I035", E, "input.invalid_integer"),
        # Fødselsnummer.
        ProblemKind("VK-I040", E, "input.fnr.leading_zero"),
        ProblemKind("VK-I041", E, "input.fnr.excel"),
        ProblemKind("VK-I042", E, "input.fnr.format"),
        ProblemKind("VK-I043", E, "input.fnr.check_digit"),
        ProblemKind("VK-I044", E, "input.fnr.date"),
        ProblemKind("VK-I045", W, "input.fnr.fictitious"),
        # Organisasjonsnummer.
        ProblemKind("VK-I050", E, "input.orgnr.format"),
        ProblemKind("VK-I051", E, "input.orgnr.check_digit"),
        ProblemKind("VK-I052", W, "input.orgnr.first_digit"),
        # Skolenummer, kommunenummer, fylkesnummer.
        ProblemKind("VK-I060", E, "input.skolenr.format"),
        ProblemKind("VK-I061", E, "input.skolenr.county"),
        ProblemKind("VK-I062", W, "input.skolenr.obsolete_county"),
        ProblemKind("VK-I065", E, "input.kommunenr.format"),
        ProblemKind("VK-I066", E, "input.kommunenr.county"),
        ProblemKind("VK-I067", W, "input.kommunenr.special"),
        ProblemKind("VK-I068", E, "input.kommunenr.oslo"),
        ProblemKind("VK-I069", W, "input.kommunenr.obsolete_county"),
        ProblemKind("VK-I070", E, "input.fylkesnr.unknown"),
        ProblemKind("VK-I071", W, "input.fylkesnr.obsolete"),
        # Codes of the curriculum.
        ProblemKind("VK-I075", E, "input.programomradekode.format"),
        ProblemKind("VK-I076", E, "input.programomradekode.unpadded"),
        ProblemKind("VK-I080", E, "input.fagkode.format"),
    )
}


@dataclass(frozen=True)
class InputProblem:
    """One problem found in a file, at a line and column, with the value that caused it."""

    code: str
    file: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    details: Mapping[str, object] = field(default_factory=dict)

    @property
    def kind(self) -> ProblemKind:
        return PROBLEM_KINDS[self.code]

    @property
    def severity(self) -> Severity:
        return self.kind.severity

    def message(self, language: Language | None = None) -> str:
        """Return the catalogued message in ``language``, prefixed by the code."""
        fields = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            **self.details,
        }
        text = t(self.kind.message_key, language, **fields)
        suggestion = self.details.get("suggestion")
        if suggestion is not None:
            text += " " + t("input.hint.suggestion", language, suggestion=suggestion)
        return f"{self.code}: {text}"


def input_error(code: str, file: str, **fields: object) -> InputError:
    """Build the ``InputError`` for a fatal problem ``code``, with the fields of its message."""
    kind = PROBLEM_KINDS[code]
    if not kind.fatal:
        raise ValueError(f"{code} is a per-record problem, not a fatal one")
    return InputError(code, kind.message_key, file=file, **fields)


def has_errors(problems: tuple[InputProblem, ...]) -> bool:
    """Return whether any of ``problems`` is an error rather than a warning."""
    return any(problem.severity is Severity.ERROR for problem in problems)
