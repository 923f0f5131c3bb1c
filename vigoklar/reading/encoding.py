"""Detect and check the text encoding of an extract file.

Extracts come as UTF-8 (from VIGO, with or without a byte-order mark) or as
Windows-1252 (Excel's "CSV (ANSI)"). Anything else, and a file that mixes
the two, is rejected with the line of the first offending byte: decoding it
anyway would put mojibake or U+FFFD into the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigoklar.reading.problems import input_error

UTF8 = "utf-8"
CP1252 = "cp1252"
#: Encodings a mapping file may force, by the names it may use for them.
ENCODING_NAMES = {
    "utf-8": UTF8,
    "utf8": UTF8,
    "cp1252": CP1252,
    "windows-1252": CP1252,
}

UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# The five byte values that Windows-1252 leaves undefined.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
# One well-formed UTF-8 multi-byte sequence; Windows-1252 text seldom contains one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@dataclass(frozen=True)
class Encoding:
    """The encoding a file was read with, and whether it started with a UTF-8 byte-order mark."""

    name: str
    bom: bool = False

    @property
    def label(self) -> str:
        if self.name == UTF8:
            return "UTF-8 med BOM" if self.bom else "UTF-8"
        return "Windows-1252"


def line_of(data: bytes, offset: int) -> int:
    """Return the 1-based physical line of byte ``offset`` in ``data``."""
    return data.count(b"\n", 0, offset) + 1


def _first_utf8_error(data: bytes) -> int:
    try:
        data.decode(UTF8)
    except UnicodeDecodeError as error:
        return error.start
    return -1


def _check_cp1252(data: bytes, file: str) -> None:
    undefined = _CP1252_UNDEFINED.search(data)
    if undefined is not None:
        raise input_error(
            "VK-I001",
            file,
            line=line_of(data, undefined.start()),
            byte=f"0x{data[undefined.start()]:02X}",
        )


def _check_utf8(data: bytes, file: str) -> None:
    offset = _first_utf8_error(data)
    if offset >= 0:
        raise input_error("VK-I001", file, line=line_of(data, offset), byte=f"0x{data[offset]:02X}")


def _mixed_encoding_offset(data: bytes) -> int:
    """Return the offset of the first non-ASCII run whose encoding differs from the first one's.

    Each run of non-ASCII bytes is either well-formed UTF-8 or not; a file
    whose runs disagree mixes UTF-8 with another encoding. Returns -1 when
    every run agrees.
    """
    first_is_utf8: bool | None = None
    for run in _NON_ASCII_RUN.finditer(data):
        try:
            run.group().decode(UTF8)
            is_utf8 = True
        except UnicodeDecodeError:
            is_utf8 = False
        if first_is_utf8 is None:
            first_is_utf8 = is_utf8
        elif is_utf8 != first_is_utf8:
            return run.start()
    return -1


# NOTE: a Windows-1252 file whose only non-ASCII bytes happen to form valid UTF-8 (a
# capital such as "Å" directly followed by "€" or "–") is read as UTF-8. No rule on the
# bytes alone can tell these apart; a mapping file can force the encoding.
def detect_encoding(data: bytes, file: str, forced: str | None = None) -> tuple[Encoding, int]:
    """Return the encoding of ``data`` and the offset where its text starts (after a BOM).

    ``forced`` (``utf-8`` or ``cp1252``, from a mapping file) skips detection
    but still rejects bytes that are invalid in that encoding. Raises
    ``InputError`` VK-I001 (undecodable), VK-I002 (mixed) or VK-I003
    (UTF-16/UTF-32 or NUL bytes).
    """
    for other_bom, name in _OTHER_BOMS:
        if data.startswith(other_bom):
            raise input_error("VK-I003", file, line=1, encoding=name)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise input_error("VK-I003", file, line=line_of(data, nul), encoding="UTF-16/UTF-32")

    bom = data.startswith(UTF8_BOM)
    start = len(UTF8_BOM) if bom else 0
    payload = data[start:] if bom else data

    if forced == CP1252 and not bom:
        _check_cp1252(payload, file)
        return Encoding(CP1252), start
    if forced == UTF8 or bom:
        if forced is None:
            # A BOM promises UTF-8; a Windows-1252 line after it is a mixed file.
            offset = _mixed_encoding_offset(payload)
            if offset >= 0:
                raise input_error("VK-I002", file, line=line_of(data, start + offset))
        _check_utf8(payload, file)
        return Encoding(UTF8, bom=bom), start

    if _first_utf8_error(payload) < 0:
        return Encoding(UTF8), start
    if _UTF8_SEQUENCE.search(payload) is not None:
        offset = _mixed_encoding_offset(payload)
        if offset >= 0:
            raise input_error("VK-I002", file, line=line_of(data, offset))
    _check_cp1252(payload, file)
    return Encoding(CP1252), start
