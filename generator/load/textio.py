"""Decode whatever a text editor saved: UTF-8 with or without BOM, UTF-16, old Windows code pages."""
from __future__ import annotations

import codecs
import re

# Control characters YAML refuses and no seller means to type (NUL from a broken
# copy-paste, form feeds); tab and newline stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def decode_text(data: bytes) -> str:
    """Bytes of a seller's file → text with `\\n` line endings; never raises."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Notepad on an older Windows saves cp1252; the five bytes cp1252 leaves
            # undefined fall back to Latin-1 one by one, so one stray byte does not
            # turn every curly quote of the file into a control character.
            text = data.decode("latin-1").translate(_CP1252_OVER_LATIN1)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _CONTROL.sub("", text)


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# cp1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes, €).
_CP1252_OVER_LATIN1 = {b: _cp1252_char(b) for b in range(0x80, 0xA0)}


def untab_yaml(text: str) -> str:
    """YAML forbids tabs; Notepad users press Tab. Indent tabs become two spaces, others one."""
    if "\t" not in text:
        return text
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)].replace("\t", "  ")
        out.append(indent + stripped.replace("\t", " "))
    return "\n".join(out)
