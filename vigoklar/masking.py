"""Masking of fødselsnummer in everything vigoklar writes or prints.

A number is shown as its first six digits (the birth date, or day + 40 for a
D-nummer) followed by ``*****``. Values that are not 11 digits are masked
too, keeping at most the first six characters, because a malformed
fødselsnummer is still a person's identifier.
"""

from __future__ import annotations

import re

MASK = "*****"
_ELEVEN_DIGITS = re.compile(r"(?<!\d)(\d{6})\d{5}(?!\d)")


def mask_fodselsnummer(value: str | None) -> str:
    """Return ``value`` with everything after the sixth character replaced by ``*``."""
    if value is None or value == "":
        return ""
    text = str(value)
    if len(text) <= 6:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 6)


def mask_text(text: str) -> str:
    """Mask every run of exactly 11 digits inside free ``text``."""
    return _ELEVEN_DIGITS.sub(lambda match: match.group(1) + MASK, text)
