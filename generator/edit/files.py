"""Product files changed the way a person would change them.

A hand-written file keeps its comments, key order, key language and quoting when one field
changes: the front matter is edited with ruamel.yaml's round-trip loader (the Markdown body is
never parsed) and only the keys whose value really changed are touched. A file that ruamel.yaml
would not give back byte for byte (values lined up with extra spaces, lists indented another
way, …) is changed line by line instead: only the line of the changed key is rewritten, and the
result is read back and must hold exactly the intended values, else nothing is written. Every
save is one atomic write (a temporary file in the same folder, then os.replace).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from generator.core import atomic
from generator.load.keys import COLOR_KEYS, PRODUCT_KEYS, SHOP_KEYS

_FRONT_MATTER = re.compile(r"\A([ \t]*-{3,}[ \t]*\n)(.*?)(^[ \t]*(?:-{3,}|\.{3})[ \t]*$\n?)", re.S | re.M)
# The name a new key gets, in the language the file's other keys are written in.
NEW_KEY = {
    "id": {
        "name": "nama",
        "price": "harga",
        "stock": "stok",
        "category": "kategori",
        "description": "deskripsi",
        "photos": "foto",
        "variants": "varian",
        "hidden": "sembunyikan",
    },
    "en": {
        "name": "name",
        "price": "price",
        "stock": "stock",
        "category": "category",
        "description": "description",
        "photos": "photos",
        "variants": "variants",
        "hidden": "hidden",
    },
}
_ALIASES = {alias: canonical for canonical, aliases in PRODUCT_KEYS.items() for alias in [canonical, *aliases]}
SHOP_NEW_KEY = {
    "id": {
        "name": "nama",
        "tagline": "slogan",
        "whatsapp": "whatsapp",
        "payment": "pembayaran",
        "hours": "jam",
        "delivery": "pengiriman",
        "colors": "warna",
        "logo": "logo",
    },
    "en": {
        "name": "name",
        "tagline": "tagline",
        "whatsapp": "whatsapp",
        "payment": "payment",
        "hours": "hours",
        "delivery": "delivery",
        "colors": "colors",
        "logo": "logo",
    },
}
_COLOR_ALIASES = {alias: canonical for canonical, aliases in COLOR_KEYS.items() for alias in [canonical, *aliases]}
_SHOP_ALIASES = {alias: canonical for canonical, aliases in SHOP_KEYS.items() for alias in [canonical, *aliases]}


class NotEditable(Exception):
    """This file cannot be changed from the phone without rewriting what a person wrote."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line a person wrote on one line
    y.indent(mapping=2, sequence=4, offset=2)  # `varian:` / `  - nama: …`, as the examples write lists
    return y


def _dump(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _clean(key) -> str:
    return "_".join(str(key).strip().lower().replace("-", " ").split())


@dataclass
class ProductText:
    """One product file split into its parts; `data` is the round-trip front matter (or whole YAML)."""

    markdown: bool
    head: str  # the opening `---` line (Markdown) or ""
    front: str  # the YAML text
    close: str  # the closing `---` line or ""
    body: str  # the Markdown description ("" for YAML files)
    data: CommentedMap
    crlf: bool = False
    bom: bool = False
    lines: list[str] | None = None  # the front matter's own lines, when it is changed line by line
    shop: bool = False  # a shop.yaml (its keys), not a product

    @property
    def _aliases(self) -> dict[str, str]:
        return _SHOP_ALIASES if self.shop else _ALIASES

    @property
    def _canonical(self) -> dict:
        return SHOP_KEYS if self.shop else PRODUCT_KEYS

    def key_for(self, canonical: str):
        """The key as written in the file for a canonical field, or None."""
        for key in self.data:
            if self._aliases.get(_clean(key)) == canonical:
                return key
        return None

    def value(self, canonical: str):
        key = self.key_for(canonical)
        return None if key is None else self.data[key]

    def language(self, default: str) -> str:
        """`id` when any key is written the Indonesian way, `en` when all are English."""
        cleaned = [_clean(k) for k in self.data]
        if any(k in self._aliases and k not in self._canonical and k != "whatsapp" for k in cleaned):
            return "id"
        return "en" if any(k in self._canonical and k != "whatsapp" for k in cleaned) else default

    def text(self) -> str:
        front = "".join(self.lines) if self.lines is not None else _dump(self.data)
        text = self.head + front + self.close + self.body if self.markdown else front
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text


def parse(raw: bytes, markdown: bool, shop: bool = False) -> ProductText:
    """Split and load a product file for editing; NotEditable when it would not come back as written."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotEditable("encoding") from e
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    if markdown:
        m = _FRONT_MATTER.match(text)
        if not m:
            raise NotEditable("front matter")
        head, front, close, body = m.group(1), m.group(2), m.group(3), text[m.end() :]
    else:
        head, front, close, body = "", text, "", ""
    try:
        data = _yaml().load(front) if front.strip() else CommentedMap()
    except YAMLError as e:
        raise NotEditable("yaml") from e
    if not isinstance(data, CommentedMap):
        raise NotEditable("not one product")
    doc = ProductText(markdown, head, front, close, body, data, crlf, bom, shop=shop)
    if front.strip() and _dump(data) != front:
        doc.lines = front.splitlines(keepends=True)
    return doc


def set_field(doc: ProductText, canonical: str, value, lang: str) -> None:
    """Write one field, under the key the file already uses, or a new key in the file's language."""
    key = doc.key_for(canonical)
    if value is None or value == "":
        if key is not None and doc.lines is not None:
            _splice(doc, key, None)
        elif key is not None:
            del doc.data[key]
        return
    if key is None:
        key = (SHOP_NEW_KEY if doc.shop else NEW_KEY)[doc.language(lang)][canonical]
    if doc.lines is not None:
        _splice(doc, key, value)
        return
    doc.data[key] = value


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, (bool, int, float)) or value is None else str(value)


_KEY_LINE = re.compile(r"([^\s#][^:#]*:[ \t]*)(.*?)(\n?)\Z", re.S)


def _splice(doc: ProductText, key, value) -> None:
    """Change one top-level key in the text itself (delete when value is None, add at the end when
    new), then read it back: it must hold exactly the intended values, or NotEditable."""
    assert doc.lines is not None  # only files changed line by line are spliced
    expected = _plain(doc.data)
    lines = list(doc.lines)
    if key in doc.data:
        i = doc.data.lc.key(key)[0]
        m = _KEY_LINE.match(lines[i]) if i < len(lines) else None
        if m is None:
            raise NotEditable("layout")
        end = _extent(doc, key, lines)  # the old value's own lines (a list, a block text) go with it
        if value is None:
            del lines[i:end]
        else:
            lines[i:end] = [_with_value(str(key), m.group(1), m.group(2), value)]
    else:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(_dump(CommentedMap([(key, value)])))
    if value is None:
        expected.pop(str(key), None)
    else:
        expected[str(key)] = _plain(value)
    try:
        data = _yaml().load("".join(lines))
    except YAMLError as e:
        raise NotEditable("layout") from e
    if not isinstance(data, CommentedMap) or _plain(data) != expected:
        raise NotEditable("layout")
    doc.lines, doc.data = "".join(lines).splitlines(keepends=True), data  # one entry a line again


def _extent(doc: ProductText, key, lines: list[str]) -> int:
    """The line after a top-level key's value: the next key's line, less the blank and comment
    lines just before it (they belong to what follows)."""
    keys = list(doc.data)
    at = keys.index(key)
    end = doc.data.lc.key(keys[at + 1])[0] if at + 1 < len(keys) else len(lines)
    start = doc.data.lc.key(key)[0]
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def reorder_list(doc: ProductText, canonical: str, order: list[int], lang: str) -> None:
    """Put the items of a list field in a new order (`order`: old positions, left out = removed).
    A block list has its items' own lines moved (comments and spelling kept byte for byte);
    anything else is written anew. Read back, it must hold exactly the intended list."""
    key = doc.key_for(canonical)
    seq = doc.data[key]
    new_items = [seq[i] for i in order]
    lines = doc.lines if doc.lines is not None else _dump(doc.data).splitlines(keepends=True)
    if isinstance(seq, CommentedSeq) and not seq.fa.flow_style() and len(seq) > 0:
        starts = [seq.lc.item(i)[0] for i in range(len(seq))]
        key_line = doc.data.lc.key(key)[0]
        end = _extent(doc, key, lines)
        if all(a < b for a, b in zip([key_line, *starts], [*starts, end])):
            groups = [lines[a:b] for a, b in zip(starts, [*starts[1:], end])]
            kept = [line for i in order for line in groups[i]]
            if not order:  # `foto: []`: no photo, rather than the ones found by name
                kept, starts[0] = [f"{lines[key_line].split(':', 1)[0]}: []\n"], key_line
            spliced = lines[: starts[0]] + kept + lines[end:]
            expected = _plain(doc.data)
            expected[str(key)] = _plain(new_items)
            try:
                data = _yaml().load("".join(spliced))
            except YAMLError:
                data = None
            if isinstance(data, CommentedMap) and _plain(data) == expected:
                doc.lines, doc.data = spliced, data
                return
    fresh = CommentedSeq(new_items)
    if not new_items:
        fresh.fa.set_flow_style()  # `foto: []`: no photo, rather than the ones found by name
    set_field_always(doc, key, fresh)


def set_field_always(doc: ProductText, key, value) -> None:
    """Write a value (an empty list too) under a key the file already has."""
    if doc.lines is not None:
        _splice(doc, key, value)
    else:
        doc.data[key] = value


def _with_value(key: str, prefix: str, rest: str, value) -> str:
    """The key's line with a new value: the key and spacing as written, a trailing comment kept."""
    dumped = _dump(CommentedMap([(key, value)]))
    if dumped.count("\n") > 1:  # a block value (a list, several lines): the dumped lines whole
        return dumped
    comment = ""
    quoted = rest[:1] in ("'", '"') and rest.find(rest[0], 1)
    tail = rest[quoted + 1 :] if quoted and quoted > 0 else rest
    found = re.search(r"[ \t]+#.*\Z", tail, re.S)
    if found:
        comment = found.group(0)
    return prefix + dumped.split(":", 1)[1].strip() + comment + "\n"


def accent(doc: ProductText) -> str:
    """The shop's accent colour as written (`warna: "#1f4e79"` or `warna: {aksen: …}`), or ""."""
    value = doc.value("colors")
    if isinstance(value, dict):
        value = next((v for k, v in value.items() if _COLOR_ALIASES.get(_clean(k)) == "accent"), None)
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def set_accent(doc: ProductText, color: str, lang: str) -> None:
    """Write the accent colour where the file keeps it: the `aksen` of a colour mapping (the
    other colours kept), or the colour key itself; `""` takes it away (the theme's own)."""
    key = doc.key_for("colors")
    current = None if key is None else doc.data[key]
    if not isinstance(current, dict):
        set_field(doc, "colors", DoubleQuotedScalarString(color) if color else None, lang)
        return
    sub = next((k for k in current if _COLOR_ALIASES.get(_clean(k)) == "accent"), None)
    others = [(k, v) for k, v in current.items() if k != sub]
    if not color and not others:
        set_field(doc, "colors", None, lang)
        return
    if doc.lines is None:
        if not color:
            del current[sub]
        else:
            current[sub if sub is not None else ("aksen" if doc.language(lang) == "id" else "accent")] = (
                DoubleQuotedScalarString(color)
            )
        return
    if color and sub is not None and _splice_nested(doc, key, sub, DoubleQuotedScalarString(color)):
        return
    new = CommentedMap(current.items())
    if not color:
        del new[sub]
    else:
        new[sub if sub is not None else ("aksen" if doc.language(lang) == "id" else "accent")] = (
            DoubleQuotedScalarString(color)
        )
    _splice(doc, key, new)


def _splice_nested(doc: ProductText, key, sub, value) -> bool:
    """Change one key of a mapping under a top-level key on its own line (its comment kept);
    False when that line is not a plain `key: value` line or the result would not read back."""
    assert doc.lines is not None
    i = doc.data[key].lc.key(sub)[0]
    line = doc.lines[i] if i < len(doc.lines) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    m = _KEY_LINE.match(line[len(indent) :])
    if not indent or m is None:
        return False
    lines = list(doc.lines)
    lines[i] = indent + _with_value(str(sub), m.group(1), m.group(2), value)
    expected = _plain(doc.data)
    expected[str(key)][str(sub)] = str(value)
    try:
        data = _yaml().load("".join(lines))
    except YAMLError:
        return False
    if not isinstance(data, CommentedMap) or _plain(data) != expected:
        return False
    doc.lines, doc.data = lines, data
    return True


def set_description(doc: ProductText, text: str, lang: str) -> None:
    """The description: the Markdown body of a .md file (unless the file keeps it as a key), or a
    block text in a YAML file."""
    text = text.replace("\r\n", "\n").strip()
    in_key = doc.key_for("description") is not None and not doc.body.strip()
    if doc.markdown and not in_key:
        doc.body = text + "\n" if text else ""
        return
    set_field(doc, "description", LiteralScalarString(text + "\n") if "\n" in text else text, lang)


def add_photos(doc: ProductText, names: list[str], lang: str) -> None:
    """New photo names go into the file's photo list when it has one; otherwise the names
    (`<file name>-N.jpg`) are found by the build on their own."""
    key = doc.key_for("photos")
    if key is None or not names:
        return
    current = doc.data[key]
    if doc.lines is not None:
        _splice(
            doc, key, CommentedSeq([*(current if isinstance(current, list) else [current] if current else []), *names])
        )
        return
    if isinstance(current, list):
        current.extend(names)
    else:
        seq = CommentedSeq([current] if current else [])
        seq.extend(names)
        doc.data[key] = seq


def new_product(fields: dict, description: str, lang: str) -> str:
    """The text of a new product file, as `lapak new` and the examples write one."""
    data = CommentedMap()
    for canonical, value in fields.items():
        if value not in (None, ""):
            data[NEW_KEY[lang][canonical]] = value
    body = description.replace("\r\n", "\n").strip()
    return "---\n" + _dump(data) + "---\n" + (body + "\n" if body else "")


def write_atomic(path: Path, data: bytes) -> None:
    """All or nothing, and on the disk: a reader (or a crash) sees the old file or the new one,
    never half of one (the temporary name starts with a dot: the loader skips it)."""
    atomic.write_atomic(path, data, make_folder=False, durable=True)
