"""Shortcuts taken for speed give the answers of the slow paths they skip.

Each fast path here is only allowed to be faster: its result is compared with the full
computation it replaces (the HTML parser for unsafe markup, Jinja's own gettext for
translations, the line-keeping YAML loader for front matter).
"""
from __future__ import annotations

import html
import re

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.ext import InternationalizationExtension

from generator import markup
from generator.markup import _only_plain_tags, _UnsafeFinder, find_unsafe, html_to_text, render_markdown


def parsed_unsafe(raw_html: str) -> list[str]:
    """What the full HTML parser reports, without the shortcut."""
    finder = _UnsafeFinder()
    finder.feed(raw_html)
    finder.close()
    return finder.found


def raw_markdown(text: str) -> str:
    """Python-Markdown's HTML before sanitising, as render_markdown checks it."""
    return markup._demote_h1(markup._markdown().reset().convert(markup._defuse(text)))


# --- unsafe HTML: the plain-tag shortcut ------------------------------------------------------

PLAIN_MARKDOWN = [
    "Kain **tulis** asli *Malon*",
    "- katun\n- pewarna alami\n\n1. cuci\n2. jemur",
    "3. rendam\n4. jemur",
    "# Judul\n\n## Bahan\n\n### Ukuran\n\n#### Catatan",
    "Ukuran 2 x 1 m\nBahan katun",
    "> kutipan\n\n---\n\n`kode <b>`\n\n    blok <script>",
    "[katalog](https://example.com/katalog?a=1&b=2 \"judul <b> & \\\"kutip\\\"\")",
    "[relatif](/produk/kain) dan [surel](mailto:sri@example.com) dan [telepon](tel:+62812)",
    "<https://wa.me/6281234567890>",
    "| ukuran | harga |\n|:-:|--:|\n| S | 50rb |\n\n| a | b |\n|:--|---|\n| 1 | 2 |",
    "a &amp; b &lt;script&gt; &#60;img&#62; &copy;",
]


@pytest.mark.parametrize("text", PLAIN_MARKDOWN)
def test_plain_markdown_takes_the_shortcut(text):
    raw = raw_markdown(text)
    assert _only_plain_tags(raw), raw  # the shortcut must not quietly stop applying
    assert parsed_unsafe(raw) == []


TRICKY_HTML = [
    "<p>halo</p>",
    "<P>halo</P>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<script>alert(1)</script>",
    "<Script >x</Script>",
    "<p><img src=x onerror=alert(1)></p>",
    "<p><img src=\"x.png\" alt=\"\"></p>",
    "<img onerror=\"alert(1)\" src=\"x\">",
    "<p onclick=\"x\">a</p>",
    "<p >a</p>",
    "<p/>",
    "<br/>",
    "<br />",
    "<hr>",
    "<h1 class=\"x\">a</h1>",
    "<h1>a</h1>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<a href=\"javascript&#58;alert(1)\">x</a>",
    "<a href=\"javascript&#x3a;alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"java&#9;script:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<a href=\"\x01javascript:alert(1)\">x</a>",
    "<a href=\"data:text/html,x\">x</a>",
    "<a href=\"https://example.com\">x</a>",
    "<a href=\"https://example.com/?a=1&amp;b=2\">x</a>",
    "<a href=\"https://example.com\" title=\"t\">x</a>",
    "<a href=\"https://example.com\" title=\"t\" onmouseover=\"x\">x</a>",
    "<a href=\"https://example.com\" rel=\"opener\">x</a>",
    "<a title=\"t\" href=\"javascript:x\">x</a>",
    "<a href='javascript:x'>x</a>",
    "<a href=javascript:x>x</a>",
    "<a href=\"/relatif\">x</a>",
    "<a href=\"/relatif&amp;x\">x</a>",
    "<a href=\"#atas\">x</a>",
    "<a href=\"mailto:a@b.co\">x</a>",
    "<a href=\"&#109;&#97;&#105;&#108;&#116;&#111;&#58;a@b.co\">x</a>",
    "<a href=\"tel:+62\">x</a>",
    "<a HREF=\"javascript:x\">x</a>",
    "<a href=\"https:x\" href=\"javascript:y\">x</a>",
    "<td style=\"text-align: center;\">a</td>",
    "<td style=\"background:url(javascript:alert(1))\">a</td>",
    "<td align=\"center\">a</td>",
    "<th style=\"text-align: left;\" onclick=\"x\">a</th>",
    "<ol start=\"3\"><li>a</li></ol>",
    "<ol start=\"3\" onclick=\"x\"><li>a</li></ol>",
    "<ol type=\"a\"><li>a</li></ol>",
    "<p>a</p><!-- <script>x</script> -->",
    "<!-- x -->",
    "<!DOCTYPE html><p>a</p>",
    "<![CDATA[<script>x</script>]]>",
    "<?php echo 1 ?>",
    "<p>a < b</p>",
    "<p>a <b</p>",
    "<p>1 <2</p>",
    "<p>a</p><",
    "<p>a</p></",
    "</p><p>",
    "</script><p>a</p>",
    "<p>&lt;script&gt;</p>",
    "<p>&#60;script&#62;</p>",
    "<strong><em>a</em></strong><del>b</del><small>c</small><u>d</u><s>e</s>",
    "<abbr>x</abbr>",
    "<aside>x</aside>",
    "<bdo>x</bdo>",
    "<pre><code>&lt;x&gt;</code></pre>",
    "<code class=\"language-py\">x</code>",
    "<style>p{}</style><p>a</p>",
    "<textarea><p onclick=x></textarea>",
    "<scr<script>ipt>x</script>",
    "<p\n>a</p>",
    "<p\tonclick=x>a</p>",
    "",
    "plain text",
]


@pytest.mark.parametrize("raw", TRICKY_HTML)
def test_find_unsafe_agrees_with_the_parser_on_tricky_html(raw):
    assert find_unsafe(raw) == parsed_unsafe(raw)
    if _only_plain_tags(raw):
        assert parsed_unsafe(raw) == []


SELLER_TEXTS = [
    "<script>alert(1)</script>halo",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "**tebal** <img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](javascript&colon;alert(1))",
    "[klik](<javascript:alert(1)>)",
    "[klik][r]\n\n[r]: javascript:alert(1)",
    "[klik](data:text/html,<script>alert(1)</script>)",
    "[klik](https://example.com \"judul\")",
    "[klik](/relatif?a=1&b=2)",
    "![foto](x.png)",
    "<a href=\"https://example.com\" onmouseover=\"x\">x</a>",
    "<p style=\"color:red\">x</p>",
    "<!-- catatan -->\n\nteks",
    "a &amp; b &#60;script&#62; &lt;img onerror=x&gt;",
    "<x@example.com>",
    "<javascript:alert(1)>",
    "# Judul\n\n<h1 onclick=\"x\">Judul</h1>",
    "| a |\n|:-:|\n| <img src=x onerror=y> |",
    "[[[[[" * 10 + "<a <a <a " * 30,
]


@pytest.mark.parametrize("text", PLAIN_MARKDOWN + SELLER_TEXTS)
def test_render_markdown_names_what_the_parser_names(text):
    render_markdown.cache_clear()
    _, removed = render_markdown(text)
    assert list(removed) == parsed_unsafe(raw_markdown(text))


_PIECES = st.sampled_from([
    "<p>", "</p>", "<P>", "<br>", "<br />", "<a href=\"https://x.co\">", "<a href=\"/r\">", "</a>",
    "<a href=\"java", "script:x\">", "&colon;", "&#58;", "&amp;", ":", "\"", "'", "<", ">", "/",
    "<img src=x onerror=y>", "<script>", "</script>", "<!--", "-->", "<td style=\"text-align: left;\">",
    " title=\"t\"", " onclick=x", "<ol start=\"2\">", "<strong>", "text ", "\n", "<h1>", "<!x>",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_find_unsafe_agrees_with_the_parser_on_random_fragments(raw):
    assert find_unsafe(raw) == parsed_unsafe(raw)


def uncached_html_to_text(fragment: str, limit: int = 0) -> str:
    """html_to_text as it was before its text was cached."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return text


@pytest.mark.parametrize("limit", [0, 5, 19, 20, 200])
def test_html_to_text_is_the_same_with_and_without_the_cache(limit):
    fragment = "<p>Kain <strong>tulis</strong> &amp; halus,</p>\n<p>asli dari Malon &lt;3</p>"
    assert html_to_text(fragment, limit) == uncached_html_to_text(fragment, limit)
    assert html_to_text(fragment, limit) == uncached_html_to_text(fragment, limit)  # from the cache


def test_cached_text_is_the_same_object_each_time():
    fragment = "<p>teks yang disimpan di produk</p>"
    assert html_to_text(fragment) is html_to_text(fragment)
