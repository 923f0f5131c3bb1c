"""The ``vigoklar`` command: language set-up, sub-command registration, exit codes."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import typer
import typer._click.decorators as click_decorators
import typer.rich_utils

from vigoklar.cli import kalender, les, sjekk
from vigoklar.cli.common import LANG_OPTION_NAME, lang_option
from vigoklar.errors import ExitCode, VigoklarError
from vigoklar.i18n import Language, language_from_env, parse_language, set_language, t

#: Set to 1 to get a Python traceback instead of the one-line internal-error message.
DEBUG_ENV = "VIGOKLAR_DEBUG"


def language_from_args(args: Sequence[str]) -> Language:
    """Return the language of ``--lang`` in ``args`` (at any position), else the env default.

    The language must be known before the typer app is built, because help
    texts are looked up when commands are declared.
    """
    for index, arg in enumerate(args):
        value: str | None = None
        if arg == LANG_OPTION_NAME and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith(LANG_OPTION_NAME + "="):
            value = arg.split("=", 1)[1]
        if value is not None:
            try:
                return parse_language(value)
            except ValueError:
                break  # click reports the bad value when it parses the option
    return language_from_env()


def _translate_help_panels() -> None:
    typer.rich_utils.OPTIONS_PANEL_TITLE = t("cli.panel.options")
    typer.rich_utils.ARGUMENTS_PANEL_TITLE = t("cli.panel.arguments")
    typer.rich_utils.COMMANDS_PANEL_TITLE = t("cli.panel.commands")
    typer.rich_utils.ERRORS_PANEL_TITLE = t("cli.panel.errors")
    typer.rich_utils.REQUIRED_LONG_STRING = t("cli.panel.required")
    typer.rich_utils.DEFAULT_STRING = t("cli.panel.default")
    typer.rich_utils.ENVVAR_STRING = t("cli.panel.envvar")
    typer.rich_utils.ABORTED_TEXT = t("cli.panel.aborted")


_untranslated_help_option = click_decorators.help_option


def _translated_help_option(param_decls: list[str]) -> Callable[[Any], Any]:
    """Build click's ``--help`` option as usual, then give it the catalogue's help text.

    typer 0.29 vendors click and writes "Show this message and exit." into
    the option with no translation hook, so the text is replaced once the
    option exists. tests/test_cli_sjekk.py fails if a typer release changes this.
    """
    add_option = _untranslated_help_option(param_decls)

    def decorate(command: Any) -> Any:
        result = add_option(command)
        command.params[-1].help = t("cli.option.help")
        return result

    return decorate


def build_app() -> typer.Typer:
    """Build the typer app with help texts in the current language."""
    _translate_help_panels()
    # NOTE: relies on a private typer module; the import fails loudly if it moves.
    click_decorators.help_option = _translated_help_option
    app = typer.Typer(
        name="vigoklar",
        help=t("cli.app.help"),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(lang: str = lang_option()) -> None:
        """Apply global options (the language is already set from the arguments)."""

    sjekk.register(app)
    les.register(app)
    kalender.register(app)
    return app


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the CLI and exit with a documented exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    set_language(language_from_args(args))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = build_app()
    try:
        result = app(args=args, prog_name="vigoklar", standalone_mode=False)
    except typer.TyperException as error:
        # Usage errors: typer (0.29 and later) vendors click's exception tree under this base.
        message = error.format_message().strip()
        if message:  # a command run without arguments prints its help and has no message
            typer.echo(t("cli.usage_error", message=message), err=True)
        context = getattr(error, "ctx", None)
        if context is not None:
            typer.echo(t("cli.usage_hint", command=context.command_path), err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo(t("cli.panel.aborted"), err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except VigoklarError as error:
        typer.echo(error.message(), err=True)
        sys.exit(error.exit_code)
    except Exception as error:
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        typer.echo(
            t("cli.internal_error", error=f"{type(error).__name__}: {error}", env=DEBUG_ENV),
            err=True,
        )
        sys.exit(ExitCode.INTERNAL_ERROR)
    sys.exit(int(result) if isinstance(result, int) else ExitCode.READY)
