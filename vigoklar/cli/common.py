"""Options shared by several commands.

Commands are declared inside ``register(app)`` functions, after the language
has been set, so option help comes from the message catalogue. They use
typer's ``param: T = typer.Option(...)`` form because annotations would be
evaluated before that.
"""

from __future__ import annotations

from typing import Any

import typer

from vigoklar.i18n import LANGUAGES, t

LANG_OPTION_NAME = "--lang"


def _check_language(value: str) -> str:
    if value not in LANGUAGES:
        raise typer.BadParameter(t("cli.bad_language", value=value, allowed=", ".join(LANGUAGES)))
    return value


def lang_option() -> Any:
    """Return the ``--lang`` option; the CLI reads its value before parsing, see ``main``."""
    return typer.Option(
        "nb",
        LANG_OPTION_NAME,
        help=t("cli.option.lang"),
        callback=_check_language,
        metavar="nb|en",
    )
