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
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
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


# What a line may start with before its content: indentation, then `- `, `? ` or `: ` indicators.
_PREFIX = re.compile(r"[ \t]*(?:---(?:[ \t]+|$))?(?:[-?:](?:[ \t]+|$))*")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*[ \t]*(?:#.*)?$")


def untab_yaml(text: str) -> str:
    """YAML forbids tabs as indentation; Notepad users press Tab. A tab that indents (at the start
    of a line, or after a `- ` that starts a list item) becomes two spaces there, one after an
    indicator; every other tab is kept, since YAML reads it as written: inside quotes, inside a
    block of text (`deskripsi: |`) past its indentation, between words, before a comment."""
    if "\t" not in text:
        return text
    out = []
    quote, depth = "", 0
    block = None  # inside `key: |`: [the column its text must pass, that text's indentation or None]
    for line in text.split("\n"):
        if quote:  # a quoted text over several lines: its tabs are text (leading ones fold away)
            quote, depth, _ = _scan(line, 0, quote, depth)
            out.append(line)
            continue
        if block is not None:
            kept = _block_line(line, block)
            if kept is not None:
                out.append(kept)
                continue
            block = None
        match = _PREFIX.match(line)
        assert match is not None  # every part of _PREFIX is optional: it matches any line
        prefix = match.group()
        indent = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
        head = indent.replace("\t", "  ") + prefix[len(indent) :].replace("\t", " ")
        out.append(head + line[len(prefix) :])
        quote, depth, header = _scan(line, len(prefix), "", depth)
        if header is not None:
            after_marker = 4 if head.startswith("---") else 0  # `--- |`: a block at the top, from column 0
            last_indicator = max(
                head.rfind("- ", after_marker), head.rfind("? ", after_marker), head.rfind(": ", after_marker)
            )
            parent = len(head) if header > len(prefix) else max(last_indicator, len(indent.replace("\t", "  ")))
            if after_marker and last_indicator < 0 and header == len(prefix):
                parent = -1
            block = [parent, None]
    return "\n".join(out)


def _columns(whitespace: str) -> int:
    return len(whitespace.replace("\t", "  "))


def _block_line(line: str, block: list) -> str | None:
    """A line of a block of text as kept (tabs that indent it made spaces), or None if the block ended."""
    stripped = line.lstrip(" \t")
    spaces = len(line) - len(line.lstrip(" "))
    if not stripped:  # a blank line stays in the block; a tab past its indentation is text
        return line if spaces > block[0] and spaces >= (block[1] or 0) else line.replace("\t", "  ")
    if block[1] is None:  # the first line sets the block's indentation, as YAML does
        if spaces > block[0]:
            block[1] = spaces  # YAML reads the tabs after these spaces as text
            return line
        width = _columns(line[: len(line) - len(stripped)])
        if width <= block[0]:
            return None
        block[1] = width
        return " " * width + stripped
    if spaces >= block[1]:
        return line
    i, width = 0, 0
    while width < block[1] and i < len(line) and line[i] in " \t":
        width += 2 if line[i] == "\t" else 1
        i += 1
    if width < block[1]:
        return None  # less indented: the block has ended
    return " " * width + line[i:]


def _scan(line: str, i: int, quote: str, depth: int) -> tuple[str, int, int | None]:
    """Read one line from `i`: the quote still open at its end, the depth of [ ] and { }, and the
    position of a block header (`|`, `>-` …) that ends it, if any."""
    start = not quote
    n = len(line)
    while i < n:
        c = line[i]
        if quote == '"':
            if c == "\\":
                i += 2
                continue
            if c == '"':
                quote, start = "", False
            i += 1
            continue
        if quote == "'":
            if c == "'":
                if line[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                quote, start = "", False
            i += 1
            continue
        if c in " \t":
            i += 1
            continue
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        if start:
            if c in "\"'":
                quote = c
                i += 1
                continue
            if c in "|>" and depth == 0 and _BLOCK_HEADER.match(line, i):
                return "", depth, i
            if c in "&!":
                while i < n and line[i] not in " \t":
                    i += 1
                continue
            if c in "-?:" and line[i + 1 : i + 2] in ("", " ", "\t"):
                i += 1
                continue
        if c in "[{":
            depth, start = depth + 1, True
        elif c in "]}" and depth:
            depth, start = depth - 1, False
        elif c == "," and depth or c == ":" and line[i + 1 : i + 2] in ("", " ", "\t", ",", "]", "}"):
            start = True
        else:
            start = False
        i += 1
    return quote, depth, None
