"""One message catalogue for every user-facing string, in bokmål and English.

Texts live in ``vigoklar/messages/*.toml``, one file per area, as tables
keyed by a dotted message key with one entry per language::

    [verdict.ready]
    nb = "Klar"
    en = "Ready"

Placeholders use ``str.format`` syntax. The language is process-wide: the CLI
sets it once from ``--lang`` or ``VIGOKLAR_LANG`` before doing any work.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal

Language = Literal["nb", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "en")
DEFAULT_LANGUAGE: Language = "nb"
#: Environment variable that sets the language when ``--lang`` is not given.
LANGUAGE_ENV = "VIGOKLAR_LANG"

_current: Language = DEFAULT_LANGUAGE


class MissingMessageError(KeyError):
    """A message key that the catalogue does not contain."""


def parse_language(value: str) -> Language:
    """Return ``value`` as a language code, or raise ``ValueError``."""
    lowered = value.strip().lower()
    if lowered in ("no", "nob", "nb_no", "nb-no"):
        lowered = "nb"
    if lowered not in LANGUAGES:
        raise ValueError(value)
    return "nb" if lowered == "nb" else "en"


def set_language(language: Language) -> None:
    """Set the process-wide language for :func:`t`."""
    global _current
    _current = language


def get_language() -> Language:
    """Return the process-wide language."""
    return _current


def language_from_env() -> Language:
    """Return the language named by ``VIGOKLAR_LANG``, or bokmål."""
    raw = os.environ.get(LANGUAGE_ENV, "")
    try:
        return parse_language(raw) if raw else DEFAULT_LANGUAGE
    except ValueError:
        return DEFAULT_LANGUAGE


def _flatten(prefix: str, table: Mapping[str, Any], into: dict[str, dict[str, str]]) -> None:
    if any(lang in table for lang in LANGUAGES):
        into[prefix] = {str(k): str(v) for k, v in table.items()}
        return
    for key, value in table.items():
        if isinstance(value, Mapping):
            _flatten(f"{prefix}.{key}" if prefix else key, value, into)


@cache
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """Load and merge every ``messages/*.toml`` file into one catalogue."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("vigoklar") / "messages"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        table = tomllib.loads(entry.read_text(encoding="utf-8"))
        found: dict[str, dict[str, str]] = {}
        _flatten("", table, found)
        duplicates = merged.keys() & found.keys()
        if duplicates:
            raise ValueError(f"message keys defined twice ({entry.name}): {sorted(duplicates)}")
        merged.update(found)
    return merged


def has_message(key: str) -> bool:
    """Return whether ``key`` is in the catalogue."""
    return key in catalogue()


def t(key: str, language: Language | None = None, /, **fields: object) -> str:
    """Return the message ``key`` in the current language, formatted with ``fields``."""
    entry = catalogue().get(key)
    if entry is None:
        raise MissingMessageError(key)
    text = entry.get(language or _current) or entry[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text
