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
            # undefined fall back to Latin-1 so nothing is lost.
            text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _CONTROL.sub("", text)


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


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
