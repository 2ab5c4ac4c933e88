"""Small helpers for tests that read built pages."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """Collects tags with their attributes and the text of a built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = attrs

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))
        else:
            self.text.append(data)

    def links(self) -> list[str]:
        return [a.get("href") or a.get("src") for t, a in self.tags if (a.get("href") or a.get("src"))]

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def wa_links(page: Page) -> list[tuple[str, str]]:
    """Every wa.me link as (number, decoded message)."""
    out = []
    for href in page.links():
        parts = urlsplit(href)
        if parts.netloc == "wa.me" and parts.query.startswith("text="):
            out.append((parts.path.strip("/"), unquote(parts.query[len("text=") :])))
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_search(files) -> dict:
    """The market search as search.js sees it, from a built output folder (Path) or from the
    files a Renderer returns (dict): its manifest, shards (prefix → word → product ids),
    products (id → [name, product page, price, shop name, thumbnail path]) and bounds (per
    record file, where its names start and whether the previous file ends with that name)."""
    import json as _json
    import re as _re

    if not isinstance(files, dict):
        files = {p.relative_to(files).as_posix(): p.read_bytes() for p in files.rglob("*.js")}

    def value(text: bytes):
        return _json.loads(_re.fullmatch(rb"\(window[^)]*\)\[[^\]]*\]=(.*);\n", text, _re.S).group(1))

    manifest = _json.loads(files["search-index.js"].decode().removeprefix("window.LAPAK_INDEX=").removesuffix(";\n"))
    shards, products, bounds = {}, {}, [("", False)] if manifest["count"] else []
    if "bounds" in manifest:
        text = _json.loads(files[manifest["dir"] + manifest["bounds"]].decode().removeprefix("window.LAPAK_B=")[:-2])
        for mark, same, rest in _re.findall(r"([,=])([0-9a-z])([^,=]*)", text):
            bounds.append((bounds[-1][0][: int(same, 36)] + rest, mark == "="))
    for name, data in files.items():
        if not name.startswith(manifest["dir"]) or name == manifest["dir"] + manifest.get("bounds", ""):
            continue
        key = name[len(manifest["dir"]) : -3]
        if key.startswith("r-"):
            part = value(data)
            for n, row in enumerate(part["r"]):
                shop = part["s"][row[0]]
                products[int(key[2:]) * manifest["per"] + n] = [
                    row[1],
                    f"{shop[0]}/{row[2]}.html",
                    row[3],
                    shop[1],
                    row[4],
                ]
        else:
            ids = {}
            for word, text in value(data).items():
                total, ids[word] = 0, []
                if text.startswith("!"):
                    digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
                    bits = [digits.index(c) for c in text[1:]]
                    ids[word] = [k * 6 + b for k, d in enumerate(bits) for b in range(6) if d >> b & 1]
                    continue
                for d in text.split(","):
                    total += int(d, 36)
                    ids[word].append(total)
            shards[key] = ids
    return {"manifest": manifest, "shards": shards, "products": products, "bounds": bounds}
