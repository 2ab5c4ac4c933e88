"""Turn one seller file into YAML data: `.yaml` (one product or a list) or Markdown with front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import ContentError, Problem, problem
from generator.load.textio import decode_text, untab_yaml
from generator.load.yamlio import LineDict, LineList, parse_yaml, parse_yaml_documents

MAX_FILE_BYTES = 5 * 1024 * 1024
PRODUCT_SUFFIXES = {".md", ".markdown", ".yaml", ".yml", ".csv", ".xlsx", ".ods"}  # spreadsheets: sheets.py
# Front matter closes at a `---` (or `...`) at the start of a line: an indented one is text inside
# a block such as `deskripsi: |`, and closing there would lose every key after it.
_FRONT_MATTER = re.compile(r"\A[ \t]*(-{3,})[ \t]*\n(.*?)^(-{3,}|\.{3})[ \t]*$\n?", re.S | re.M)


@dataclass(frozen=True)
class Entry:
    """One product's raw data as found in a file."""

    data: LineDict
    body: str  # Markdown after the front matter ("" for YAML files)
    stem: str  # file name without suffix: the product's default slug and photo prefix
    in_list: bool  # one of several products in a list file
    body_line: int = 1  # line where the Markdown body starts
    problems: tuple[Problem, ...] = ()  # told with this product: a spreadsheet's header warnings


def read_text_file(path: Path, rel: str, data: bytes | None = None) -> str:
    """Read and decode a seller's text file (or its bytes, when already read); too big or
    unreadable is a ContentError."""
    return decode_text(read_file_bytes(path, rel, data))


def read_file_bytes(path: Path, rel: str, data: bytes | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """A seller's file as bytes (`data`, when already read); too big or unreadable is a ContentError."""
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > limit:
            raise ContentError(problem(rel, None, "file.too_big", size=f"{size // 1024 // 1024} MB"))
        if data is None:
            data = path.read_bytes()
    except OSError as e:
        raise ContentError(problem(rel, None, "file.unreadable", detail=e.strerror or str(e))) from e
    return data


def read_yaml_file(path: Path, rel: str, data: bytes | None = None):
    """A whole file as YAML (shop.yaml, lapak.yaml, theme.yaml)."""
    return parse_forgiving(read_text_file(path, rel, data), rel)


def parse_forgiving(text: str, rel: str, parse=parse_yaml):
    """YAML read as written whenever YAML reads it; if it does not and tabs are in it, read
    again with the tabs that indent made spaces (untab_yaml), and any error is told from there."""
    if "\t" not in text:
        return parse(text, rel)
    try:
        return parse(text, rel)
    except ContentError:
        return parse(untab_yaml(text), rel)


def read_product_file(path: Path, rel: str, data: bytes | None = None) -> list[Entry]:
    """All product entries in one file (its bytes, when already read), in the order written.

    A `.yaml` file holds one product, a list of them, or several YAML documents split by
    `---` lines, each a product (or a list of them); a `.csv`, `.xlsx` or `.ods` file one a row.
    """
    stem = path.stem
    if path.suffix.lower() in (".csv", ".xlsx", ".ods"):
        from generator.load.sheets import read_sheet  # a spreadsheet: one product a row

        return read_sheet(path, rel, data)
    if path.suffix.lower() in (".md", ".markdown"):
        return [_read_markdown(read_text_file(path, rel, data), rel, stem)]
    text = read_text_file(path, rel, data)
    documents = [d for d in parse_forgiving(text, rel, parse_yaml_documents) if d is not None]
    if len(documents) == 1 and isinstance(documents[0], LineDict):
        return [Entry(documents[0], "", stem, False)]
    entries = []
    for document in documents:
        if isinstance(document, LineList):
            for i, item in enumerate(document):
                if not isinstance(item, LineDict):
                    raise ContentError(problem(rel, document.line_of(i), "product.list_item"))
                entries.append(Entry(item, "", stem, True))
        elif isinstance(document, LineDict):
            entries.append(Entry(document, "", stem, True))
        else:
            raise ContentError(problem(rel, getattr(document, "line", 0) or 1, "product.not_mapping"))
    if not entries:
        raise ContentError(problem(rel, None, "product.empty_file"))
    return entries


def _read_markdown(text: str, rel: str, stem: str) -> Entry:
    m = _FRONT_MATTER.match(text)
    if not m:
        raise ContentError(problem(rel, 1, "product.no_front_matter"))
    # A leading newline keeps YAML's line numbers equal to the file's (front matter starts on line 2).
    data = parse_forgiving("\n" + m.group(2), rel)
    if data is None:
        data = LineDict()
        data.line = 1
    if not isinstance(data, LineDict):
        raise ContentError(problem(rel, 2, "product.not_mapping"))
    return Entry(data, text[m.end() :], stem, False, text.count("\n", 0, m.end()) + 1)
