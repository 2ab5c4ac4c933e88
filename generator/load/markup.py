"""Seller Markdown → safe HTML. Sanitising is nh3's allow-list (Rust ammonia), not regexes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import nh3

from generator.core import caches

if TYPE_CHECKING:
    import markdown

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
    "hr",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "small",
}
# Markdown writes table alignment as style="text-align: …" and a list starting at 3 as
# <ol start="3">; only the text-align property survives in a style.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"style"},
    "td": {"style"},  # align is obsolete HTML
    "ol": {"start"},
}
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
MAX_TEXT_CHARS = 10_000  # a long product story is 2,000 characters; past this, a paste gone wrong
_SIMPLE_LINK = re.compile(r"!?\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}\)")
_SIMPLE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,500})?/?>")
_DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "svg",
    "math",
    "textarea",
    "select",
    "button",
    "form",
}
_H1 = re.compile(r"<(/?)h1>")
_ANY_TAG = re.compile(r"<[^>]+>")
# The tags Python-Markdown writes for plain Markdown, exactly as it writes them, with nothing
# the sanitiser drops: an allowed name without attributes, a link whose address is http(s),
# mailto or tel or has no colon (and no entity that could spell one), table alignment, a list
# start. Attribute values hold no `<`, so each match holds exactly one `<`.
_PLAIN_TAG = re.compile(
    r"</?(?:{})>".format("|".join(sorted(ALLOWED_TAGS | {"h1"})))
    + r'|<a href="(?:(?:https?|mailto|tel):[^"<>]*|[^"<>:&]*)"(?: title="[^"<>]*")?>'
    r'|<t[hd] style="text-align: (?:left|right|center);">'
    r'|<ol start="[0-9]{1,9}">'
)


# Inline patterns of Python-Markdown and what a text must hold for each to match anything:
# a pattern that cannot match is left out of the run (most descriptions have no link, no
# code, no HTML), which halves the inline pass and changes no output.
_TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    # Raw HTML blocks get lines of their own (new "\n"), tabs become spaces: `nl` always stays.
    "entity": ("&",),
    "linebreak": ("  ", "\t"),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    **dict.fromkeys(
        ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref"), ("[",)
    ),
}


@caches.memoize(maxsize=64)
def _markdown(unused: frozenset[str] = frozenset(), breaks: bool = True) -> markdown.Markdown:
    """One converter per process, kind of line break and set of inline patterns left out
    (building one costs more than converting a description).

    Python-Markdown is imported here (~12 ms): a command that renders no text never loads it."""
    import markdown

    # nl2br: in a product's story sellers press Enter for a new line and expect one. A shop's
    # texts (`breaks=False`) are Markdown's own rule: a single line break is a space (a YAML
    # `|` block is wrapped where the seller's editor wrapped it), a blank line a paragraph.
    md = markdown.Markdown(extensions=["sane_lists", "tables"] + (["nl2br"] if breaks else []), output_format="html")
    for name in unused:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    return md


def _converter(text: str, breaks: bool = True) -> markdown.Markdown:
    unused = frozenset(name for name, needs in _TRIGGERS.items() if not any(n in text for n in needs))
    return _markdown(unused, breaks)


@caches.memoize(maxsize=4096)
def render_markdown(text: str, breaks: bool = True) -> tuple[str, tuple[str, ...]]:
    """Markdown → sanitised HTML, plus the names of what was removed (for a warning).
    `breaks`: a single line break is a line break (a product's story), else a space (a shop's
    texts: Markdown's own rule)."""
    if not text or not text.strip():
        return "", ()
    text = _defuse(text[:MAX_TEXT_CHARS])
    plain = plain_markdown(text, breaks)
    if plain is not None:  # paragraphs, lists and bold: already what the sanitiser would give
        return plain.replace("\xa0", "&nbsp;"), ()
    raw = _demote_h1(_converter(text, breaks).reset().convert(text))
    removed = find_unsafe(raw)
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
    return clean, tuple(removed)


# The plain subset (see plain_markdown): a line of text that starts a paragraph or follows
# "- " in a list. It cannot open a block (heading, quote, list, rule, code, table; `**` only
# as bold), and no character in it can start an inline pattern but `*`, checked apart.
_PLAIN_LINE = re.compile(
    r"(?![0-9]+\.[ ])(?:\*\*(?=[^*\s])|[^\s\x00-\x1f\x7f#>=*+\-_|`\\<&\[\]])"
    r"[^\x00-\x1f\x7f_|`\\<>&\[\]]*(?<=\S)"
)
# **bold** on one line, not next to another `*`: STRONG_RE's match, and nothing else's.
_PLAIN_BOLD = re.compile(r"(?<!\*)\*\*([^*\s](?:[^*]*[^*\s])?)\*\*(?!\*)")


def plain_markdown(text: str, breaks: bool = True) -> str | None:
    """Python-Markdown's own output for the plain subset most descriptions are written in:
    paragraphs (a new line is a line break, or with `breaks=False` a new line only), "- " lists
    and **bold**; None for anything else, which goes to Python-Markdown itself.

    The same HTML in a fifteenth of the time (15 against 240 µs a description). Property tests
    compare the two, and the sanitiser's output, which for this subset only writes a no-break
    space as `&nbsp;`. Whatever might read differently is left out: a line that could start another block, one with
    leading or trailing spaces, a list right after a list (a loose list), any `*` but a bold
    pair, and every character that starts an inline pattern.
    """
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    out, after_list = [], False
    for block in blocks:
        if not block:
            continue
        is_list = block[0].startswith("- ")
        if is_list and after_list:
            return None
        lines = []
        for line in block:
            if is_list:
                if not line.startswith("- "):
                    return None
                line = line[2:]
            if not _PLAIN_LINE.fullmatch(line):
                return None
            if "*" in line:
                line = _PLAIN_BOLD.sub(r"<strong>\1</strong>", line)
                if "*" in line.replace("<strong>", "").replace("</strong>", ""):
                    return None
            lines.append(line)
        if is_list:
            out.append("<ul>\n" + "".join(f"<li>{line}</li>\n" for line in lines) + "</ul>")
        else:
            out.append("<p>" + ("<br>\n" if breaks else "\n").join(lines) + "</p>")
        after_list = is_list
    return "\n".join(out) if out else None


def _defuse(text: str) -> str:
    """Escape every `[` that does not open a plain `[text](address)` link, and every `<`
    that does not open a plain tag, when there are many.

    Python-Markdown looks for the end of each `[` or `<` afresh, so a few thousand unmatched
    ones (`[[[[`, `![![`, `<![CDATA[`, `<a <a <a`) take minutes; escaped, they print the same.
    """
    if text.count("[") > 32:
        text = _escape_outside(text, _SIMPLE_LINK, "[", "\\[")
    if text.count("<") > 64:
        text = _escape_outside(text, _SIMPLE_TAG, "<", "&lt;")
    return text


def _escape_outside(text: str, keep: re.Pattern, char: str, escaped: str) -> str:
    out, pos = [], 0
    for m in keep.finditer(text):
        out += [text[pos : m.start()].replace(char, escaped), m.group()]
        pos = m.end()
    out.append(text[pos:].replace(char, escaped))
    return "".join(out)


def _demote_h1(raw: str) -> str:
    # The page title is the only <h1>; a seller's "# Judul" becomes a section heading.
    return _H1.sub(r"<\1h2>", raw) if "h1>" in raw else raw


class _UnsafeFinder(HTMLParser):
    """Lists tags, attributes and URLs the sanitiser will drop, to tell the seller."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def _note(self, what: str) -> None:
        if what not in self.found:
            self.found.append(what)

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS and tag != "h1":
            self._note(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self._note(f"{name}=")
            elif name in ("href", "src") and value and _bad_url(value):
                self._note(value.split(":", 1)[0].strip().lower() + ":")
            elif tag in ALLOWED_TAGS and name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self._note(f"{name}=")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        pass


def _bad_url(value: str) -> bool:
    v = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
    m = re.match(r"^([a-z][a-z0-9+.-]*):", v)
    return m is not None and m.group(1) not in URL_SCHEMES


def find_unsafe(raw_html: str) -> list[str]:
    """What in this HTML is not on the allow-list (script, on*=, javascript: …)."""
    if _only_plain_tags(raw_html):
        return []
    finder = _UnsafeFinder()
    finder.feed(raw_html)
    finder.close()
    return finder.found


def _only_plain_tags(raw_html: str) -> bool:
    """True when every `<` opens a `_PLAIN_TAG`, so the parser would find nothing to report.

    Most descriptions are paragraphs, lists and bold text: for them this replaces a pure-Python
    HTML parse (~70 µs) with two C scans (~3 µs). Anything else, even an upper-case `<P>`,
    goes to the parser, which alone decides what is reported.
    """
    return len(_PLAIN_TAG.findall(raw_html)) == raw_html.count("<")


def paragraphs(text: str) -> tuple[str, ...]:
    """A shop's plain text (payment, hours, address) as Markdown reads lines: a single line
    break is a space, a blank line starts a new paragraph."""
    blocks = re.split(r"\n[^\S\n]*\n", text.strip()) if text else []
    return tuple(" ".join(b.split()) for b in blocks if b.strip())


def html_to_text(fragment: str, limit: int = 0) -> str:
    """Plain one-line text of an HTML fragment (for descriptions in link previews)."""
    return shorten(_plain_text(fragment), limit)


def shorten(text: str, limit: int = 0) -> str:
    """`text` cut at a word to at most `limit` characters, with "…" (0: no limit)."""
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return text


@caches.memoize(maxsize=4096)
def _plain_text(fragment: str) -> str:
    """The text of a fragment, once: a product's description is asked for its text three
    times (the product's own text, the link preview, the structured data). Sized like
    render_markdown's cache, whose fragments these are."""
    return " ".join(html.unescape(_ANY_TAG.sub(" ", fragment)).split())
