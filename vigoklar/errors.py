"""Exit codes and the exceptions that end a command with a catalogued message.

Exceptions below carry a stable code and the fields of their message, so a
test can assert on the fields and the CLI can print the text in either
language. A finding about the data is never an exception: checks return
findings, and only bad input, bad configuration or bad usage raise.

    VigoklarError            any catalogued failure (exit 3)
    ├── UsageError           bad arguments or options
    ├── ConfigError          a broken calendar, delivery or mapping file
    └── InputError           an extract file that cannot be read as documented
"""

from __future__ import annotations

from enum import IntEnum

from vigoklar.i18n import Language, t


class ExitCode(IntEnum):
    """Process exit codes, documented in docs/exit-codes.md; never renumber."""

    READY = 0
    READY_WITH_WARNINGS = 1
    NOT_READY = 2
    BAD_INPUT = 3
    NOT_ASSESSED = 4
    DEADLINE_PASSED = 5
    INTERNAL_ERROR = 70


class VigoklarError(Exception):
    """A failure with a stable code and a catalogued message."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, code: str, message_key: str, **fields: object) -> None:
        self.code = code
        self.message_key = message_key
        self.fields = fields
        super().__init__(f"{code}: {message_key} {fields!r}")

    def message(self, language: Language | None = None) -> str:
        """Return the message in ``language`` (default: the current one), prefixed by the code."""
        return f"{self.code}: {t(self.message_key, language, **self.fields)}"


class UsageError(VigoklarError):
    """Arguments or options that the command cannot act on."""


class ConfigError(VigoklarError):
    """A calendar, delivery, code-list or mapping file that is invalid."""


class InputError(VigoklarError):
    """An extract file that cannot be read as its layout documents."""
