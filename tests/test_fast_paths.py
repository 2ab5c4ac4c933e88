"""Shortcuts taken for speed give the answers of the slow paths they skip.

Each fast path here is only allowed to be faster: its result is compared with the full
computation it replaces (the HTML parser for unsafe markup, Jinja's own gettext for
translations, the line-keeping YAML loader for front matter).
"""

from __future__ import annotations

import html
import re

import jinja2
import jinja2.sandbox
import markupsafe
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.ext import InternationalizationExtension

from generator.core import money
from generator.load import markup, values, yamlio
from generator.load.markup import _only_plain_tags, _UnsafeFinder, find_unsafe, html_to_text, render_markdown
from generator.load.yamlio import LineDict, LineList


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
    '[katalog](https://example.com/katalog?a=1&b=2 "judul <b> & \\"kutip\\"")',
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
    '<p><img src="x.png" alt=""></p>',
    '<img onerror="alert(1)" src="x">',
    '<p onclick="x">a</p>',
    "<p >a</p>",
    "<p/>",
    "<br/>",
    "<br />",
    "<hr>",
    '<h1 class="x">a</h1>',
    "<h1>a</h1>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="javascript&#58;alert(1)">x</a>',
    '<a href="javascript&#x3a;alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<a href="https://example.com">x</a>',
    '<a href="https://example.com/?a=1&amp;b=2">x</a>',
    '<a href="https://example.com" title="t">x</a>',
    '<a href="https://example.com" title="t" onmouseover="x">x</a>',
    '<a href="https://example.com" rel="opener">x</a>',
    '<a title="t" href="javascript:x">x</a>',
    "<a href='javascript:x'>x</a>",
    "<a href=javascript:x>x</a>",
    '<a href="/relatif">x</a>',
    '<a href="/relatif&amp;x">x</a>',
    '<a href="#atas">x</a>',
    '<a href="mailto:a@b.co">x</a>',
    '<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;a@b.co">x</a>',
    '<a href="tel:+62">x</a>',
    '<a HREF="javascript:x">x</a>',
    '<a href="https:x" href="javascript:y">x</a>',
    '<td style="text-align: center;">a</td>',
    '<td style="background:url(javascript:alert(1))">a</td>',
    '<td align="center">a</td>',
    '<th style="text-align: left;" onclick="x">a</th>',
    '<ol start="3"><li>a</li></ol>',
    '<ol start="3" onclick="x"><li>a</li></ol>',
    '<ol type="a"><li>a</li></ol>',
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
    '<code class="language-py">x</code>',
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
    '[klik](https://example.com "judul")',
    "[klik](/relatif?a=1&b=2)",
    "![foto](x.png)",
    '<a href="https://example.com" onmouseover="x">x</a>',
    '<p style="color:red">x</p>',
    "<!-- catatan -->\n\nteks",
    "a &amp; b &#60;script&#62; &lt;img onerror=x&gt;",
    "<x@example.com>",
    "<javascript:alert(1)>",
    '# Judul\n\n<h1 onclick="x">Judul</h1>',
    "| a |\n|:-:|\n| <img src=x onerror=y> |",
    "[[[[[" * 10 + "<a <a <a " * 30,
]


@pytest.mark.parametrize("text", PLAIN_MARKDOWN + SELLER_TEXTS)
def test_render_markdown_names_what_the_parser_names(text):
    render_markdown.cache_clear()
    _, removed = render_markdown(text)
    assert list(removed) == parsed_unsafe(raw_markdown(text))


_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<P>",
        "<br>",
        "<br />",
        '<a href="https://x.co">',
        '<a href="/r">',
        "</a>",
        '<a href="java',
        'script:x">',
        "&colon;",
        "&#58;",
        "&amp;",
        ":",
        '"',
        "'",
        "<",
        ">",
        "/",
        "<img src=x onerror=y>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        '<td style="text-align: left;">',
        ' title="t"',
        " onclick=x",
        '<ol start="2">',
        "<strong>",
        "text ",
        "\n",
        "<h1>",
        "<!x>",
    ]
)


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


# --- translations: the cached gettext ---------------------------------------------------------

CATALOG = {
    "Sold out": "Habis",
    "More from %(shop)s": "Lainnya dari %(shop)s",
    "%%d found": "%%d ketemu",
    "Bold": "<b>Tebal</b>",
    "%(num)d shop": "%(num)d toko",
    "%(num)d shops": "%(num)d toko",
    "Hello %(name)s": "Halo %(name)s",
}

TEMPLATES = [
    '{{ _("Sold out") }}{{ _("Sold out") }}',
    '{{ _("Not translated <i>") }}',
    '{{ _("Bold") }}',
    '{{ _("%%d found") }}|{{ _("%%d not translated") }}',
    '{{ _("More from %(shop)s", shop=name) }}',
    '{{ _("%(count)s left", count=5) }}',
    '{{ _("Hello %(name)s", name=safe) }}',
    '{% for i in range(3) %}{{ _("Sold out") }}{{ _("More from %(shop)s", shop=name) }}{% endfor %}',
    '{% macro m(x) %}{{ _("Sold out") }}{{ x }}{% endmacro %}{{ m(name) }}',
    '{% set x = _("Sold out") %}{{ x ~ name }}|{{ x|e }}|{{ x|length }}',
    '{{ {"a": _("%%d found"), "b": _("Bold")}|tojson }}',
    "{{ _(name) }}|{{ _(safe) }}|{{ _(name) }}",
    '{% autoescape false %}{{ _("More from %(shop)s", shop=name) }}{{ _("Bold") }}'
    '{{ _("Sold out") ~ name }}{% endautoescape %}{{ _("Sold out") ~ name }}{{ _("Bold") }}',
    "{% autoescape false %}{{ _(html)|e }}|{{ _(safe)|e }}{% endautoescape %}",  # str and Markup stay apart
    "{% trans %}Sold out{% endtrans %}|{% trans %}Hello {{ name }}{% endtrans %}",
    "{% trans count=2 %}{{ count }} shop{% pluralize %}{{ count }} shops{% endtrans %}",
    "{% trans trimmed %}\n  Sold\n  out\n{% endtrans %}",
    '{{ ngettext("%(num)d shop", "%(num)d shops", 1) }}|{{ ngettext("%(num)d shop", "%(num)d shops", 3) }}',
    '{{ gettext("Sold out") }}{{ gettext("More from %(shop)s", shop=name) }}',
]


def two_environments(autoescape: bool, sandboxed: bool = False):
    """Jinja's own newstyle gettext, and the same environment with the cached one."""
    from generator.render.speedups import cached_gettext
    from generator.render.themes import _Catalog

    envs = []
    for cached in (False, True):
        cls = jinja2.sandbox.SandboxedEnvironment if sandboxed else jinja2.Environment
        env = cls(autoescape=autoescape, undefined=jinja2.StrictUndefined, extensions=[InternationalizationExtension])
        catalog = _Catalog(dict(CATALOG))
        env.install_gettext_translations(catalog, newstyle=True)
        if cached:
            env.globals["_"] = env.globals["gettext"] = cached_gettext(catalog.gettext)
        envs.append(env)
    return envs


@pytest.mark.parametrize("sandboxed", [False, True])
@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("source", TEMPLATES)
def test_cached_gettext_renders_what_jinjas_gettext_renders(source, autoescape, sandboxed):
    stock, cached = two_environments(autoescape, sandboxed)
    context = {"name": "<script>'&\"", "html": "<i>aman</i>", "safe": markupsafe.Markup("<i>aman</i>")}
    expected = stock.from_string(source).render(**context)
    for _ in range(2):  # the second time from the cache
        assert cached.from_string(source).render(**context) == expected


@pytest.mark.parametrize("source", ['{{ _("100%") }}', '{{ _("%(x)s") }}', "{{ _(nothing) }}"])
def test_cached_gettext_fails_like_jinjas(source):
    raised = []
    for env in two_environments(True):
        with pytest.raises(Exception) as e:
            env.from_string(source).render()
        raised.append((e.type, str(e.value)))
    assert raised[0] == raised[1]


def test_cached_gettext_keeps_markup_semantics():
    _, cached = two_environments(True)
    gettext = cached.globals["_"]
    ctx = cached.from_string("").new_context()
    out = ctx.call(gettext, "Bold")
    assert isinstance(out, markupsafe.Markup) and out == "<b>Tebal</b>"
    assert ctx.call(gettext, "More from %(shop)s", shop="<x>") == "Lainnya dari &lt;x&gt;"


def test_theme_environment_uses_the_cached_gettext():
    from generator.render.themes import BUILTIN_THEMES, environment, resolve_theme

    env = environment(resolve_theme("base", [BUILTIN_THEMES]), None, "id")
    assert env.globals["_"] is env.globals["gettext"]
    assert env.from_string('{{ _("Sold out") }}|{{ _("%%d products found") }}').render() == "Habis|%d produk ditemukan"


# --- YAML: building the data straight from libyaml's nodes ------------------------------------


def assert_same_data(fast, slow):
    """Equal values, containers of the same kinds, and the same remembered lines."""
    assert type(fast) is type(slow)
    if isinstance(slow, LineDict):
        assert (fast.line, fast.lines, fast.duplicates, list(fast)) == (
            slow.line,
            slow.lines,
            slow.duplicates,
            list(slow),
        )
        for key in slow:
            assert_same_data(fast[key], slow[key])
    elif isinstance(slow, LineList):
        assert (fast.line, fast.lines, len(fast)) == (slow.line, slow.lines, len(slow))
        for a, b in zip(fast, slow):
            assert_same_data(a, b)
    else:
        assert fast == slow


def constructed(text: str):
    """The data as PyYAML's constructors build it (what parse_yaml returned before)."""
    return yaml.load(text, Loader=yamlio._FastLoader)  # noqa: S506 - safe constructors only


YAML_TEXTS = [
    "",
    "# only a comment\n",
    "nama: Kain\nharga: 350.000\n",
    "\nname: A\nprice: 1\ncategory: x\nphotos: []\n",
    "harga:\nnama: x\n",
    "harga: ''\nstok: ~\nada: null\n",
    "nama: a\nnama: b\nNama: c\n",
    "varian:\n  - S\n  -\n  - nama: M\n    harga: 20rb\n  - L: 30rb\n",
    "varian: {S: 10rb, M: , L: [1, 2]}\n",
    "? [a, b]\n: x\n? {k: v}\n: y\n",
    "1: a\ntrue: b\n2024-01-01: c\n~: d\n: e\n",
    "deskripsi: |\n  baris satu\n  baris dua\nlain: >\n  dilipat\n  jadi satu\n",
    "- a\n- b: c\n  d: e\n- [f, g]\n",
    "just text\n",
    "'quoted'\n",
    "nilai: !!int 5\n",
    "nilai: !!binary aGk=\n",
    "nilai: !!python/object:os.system x\n",
    "nilai: !!null x\nlain: !!str {a: 1}\n",
    "!!map {a: 1}\n",
    "!!seq [a]\n",
    "<<: {a: 1}\nb: 2\n",
    "!!merge <<: {a: 1}\nb: 2\n",
    "!!value =: x\n",
    "nilai: !custom {a: 1}\n",
    "a: b: c\n",
    "a:\n  - b\n c: d\n",
    "--- a\n--- b\n",
    "a: *ref\n",
]


@pytest.mark.parametrize("text", YAML_TEXTS)
def test_plain_yaml_data_is_what_the_constructors_build(text):
    try:
        slow = constructed(text)
    except (yaml.YAMLError, yamlio._Refusal) as e:
        with pytest.raises(type(e)):
            yamlio._fast_load(text)
        return
    assert_same_data(yamlio._fast_load(text), slow)


def test_untagged_documents_take_the_direct_build():
    node = yaml.compose("nama: Kain\nvarian:\n  - S: 1\n  -\n", Loader=yamlio._FastLoader)
    assert yamlio._plain_data(node) == {"nama": "Kain", "varian": [{"S": "1"}, None]}
    with pytest.raises(yamlio._Tagged):
        yamlio._plain_data(yaml.compose("nilai: !!int 5\n", Loader=yamlio._FastLoader))


_YAML_PIECES = st.sampled_from(
    [
        "nama",
        "harga",
        "a",
        "b",
        "1",
        "~",
        "''",
        '"x: y"',
        "- ",
        "-",
        ": ",
        ":",
        "? ",
        "\n",
        "\n  ",
        "\n    ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "!!int ",
        "!!str ",
        "!!null ",
        "!!map ",
        "!!seq ",
        "!x ",
        "<<",
        "|\n  t",
        ">\n  t",
        "#c",
        "null",
        "350.000",
        " ",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_YAML_PIECES, max_size=20).map("".join))
def test_plain_yaml_data_on_random_documents(text):
    try:
        slow = constructed(text)
    except (yaml.YAMLError, RecursionError, yamlio._Refusal):
        return  # parse_yaml then reads it with the guarded composer
    assert_same_data(yamlio._fast_load(text), slow)


# --- YAML: the quick paths and the guarded path read every file alike ---------------------------


def outcome(read, text):
    """A reading's documents with every line they carry, or the refusal (its kind, line and code)."""
    from generator.core.errors import ContentError

    try:
        return ("data", [_yaml_shape(d) for d in read(text)])
    except ContentError as e:
        return ("refused", e.problem.line, e.problem.code)
    except yamlio._Refusal as e:
        return ("refused", e.mark.line + 1, e.code)
    except yaml.MarkedYAMLError:
        return ("yaml error",)


def assert_paths_agree(text):
    """What each quick path reads, the guarded path reads too; and `parse_yaml_documents` gives
    the guarded path's reading, whichever path it took."""
    guarded = outcome(yamlio._guarded_documents, text)
    plain = yamlio.plain_yaml(text)
    if plain is not None:
        assert ("data", [_yaml_shape(plain)]) == guarded
    if not yamlio._needs_guard(text):
        fast = outcome(yamlio._fast_documents, text)
        if fast[0] != "yaml error":  # a libyaml error there sends the file to the guarded path
            assert fast == guarded
    full = outcome(lambda t: yamlio.parse_yaml_documents(t, "p.yaml"), text)
    if guarded[0] == "yaml error":
        assert full[0] == "refused"
    elif guarded[0] == "data" and yamlio._refused_token(text) is None:
        assert full == guarded


# One character in a name or a comment (`&`, `*`, `?`, `#`) once moved a file from one YAML parser
# to the other, and files that loaded without it were refused (issue: "Batik & Tenun").
SAME_EITHER_WAY = [
    "nama: Kain & Batik\ntag: [ukuran?besar, promo]\n",
    "# Batik & Tenun\ntag: [ukuran?besar, promo]\n",
    "nama: Kain\ntag: [ukuran?besar, promo]\n",
    'nama: "Batik & Tenun"\nharga: 5\n',
    "nama: Batik\tTenun & Co\nharga:\t5\n",
    "a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
    "varian: &v [S, M]\nlain: *v\n",
    "? a\n: b\n",
    "a: {x: 1, y: [2, 3]}  # & catatan\n",
    "- !!set {a, b}\n- !!omap [x: 1, y: 2]\n",
    "a: 1\n---\nb: 2 # &\n",
]


@pytest.mark.parametrize("text", SAME_EITHER_WAY)
def test_an_ampersand_does_not_change_what_a_file_means(text):
    assert_paths_agree(text)
    read = outcome(lambda t: yamlio.parse_yaml_documents(t, "p.yaml"), text)
    assert read == outcome(lambda t: yamlio.parse_yaml_documents(t, "p.yaml"), text + "# Batik & Tenun\n")
    assert read[0] == "data", read


def test_a_flow_list_with_a_question_mark_loads_next_to_an_ampersand():
    data = yamlio.parse_yaml("nama: Kain & Batik\ntag: [ukuran?besar, promo]\n", "p.yaml")
    assert data == {"nama": "Kain & Batik", "tag": ["ukuran?besar", "promo"]}


_PATH_PIECES = st.sampled_from(
    [
        "nama",
        "harga",
        "a",
        "b",
        "1",
        "~",
        "''",
        '"x: y"',
        '"a\tb"',
        "- ",
        "-",
        ": ",
        ":",
        "? ",
        "?",
        "\n",
        "\n  ",
        "\n    ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ",",
        "!!int ",
        "!!str ",
        "!!set ",
        "!!omap ",
        "!x ",
        "<<",
        "|\n  t",
        ">\n  t",
        "#c",
        " # c",
        "# Batik & Tenun",
        "&",
        "&a ",
        "*a",
        " *a",
        "&b ",
        "*b",
        "---\n",
        "...\n",
        "ukuran?besar",
        "Kain & Batik",
        "\t",
        "null",
        "350.000",
        " ",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PATH_PIECES, max_size=20).map("".join))
def test_the_paths_agree_on_random_documents(text):
    assert_paths_agree(text)


@settings(max_examples=800, deadline=None)
@given(st.lists(_PATH_PIECES, max_size=16).map("".join))
def test_a_comment_with_an_ampersand_changes_nothing(text):
    read = outcome(lambda t: yamlio.parse_yaml_documents(t, "p.yaml"), text + "\n")
    with_comment = outcome(lambda t: yamlio.parse_yaml_documents(t, "p.yaml"), text + "\n# Batik & Tenun\n")
    if read[0] == "data":
        assert with_comment == read
    else:
        assert with_comment[0] == "refused"


def test_corpus_like_front_matter_and_test_sites_parse_the_same():
    from pathlib import Path

    root = Path(__file__).parent / "sites"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.y*ml"))]
    assert texts
    for text in texts:
        try:
            slow = constructed(text)
        except yaml.YAMLError:
            continue
        assert_same_data(yamlio._fast_load(text), slow)


# --- money: rupiah written from Babel's layout ------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en", "jv"])
def test_rupiah_layout_is_read_off_babel(lang):
    assert money._rupiah_layout(lang) is not None  # the shortcut must not quietly stop applying


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**13), st.sampled_from(["id", "en", "jv"]))
def test_rupiah_is_written_as_babel_writes_it(amount, lang):
    assert money.format_money.__wrapped__(amount, "IDR", lang) == money._babel_money(amount, "IDR", lang)


@pytest.mark.parametrize(
    "amount, currency, lang",
    [
        (-5000, "IDR", "id"),
        (1999, "USD", "en"),
        (1999, "USD", "id"),
        (150, "JPY", "en"),
        (0, "EUR", "id"),
    ],
)
def test_other_amounts_still_go_through_babel(amount, currency, lang):
    assert money.format_money.__wrapped__(amount, currency, lang) == money._babel_money(amount, currency, lang)


def test_a_layout_babel_does_not_confirm_is_not_used(monkeypatch):
    monkeypatch.setattr(money, "_babel_money", lambda amount, currency, lang: f"{amount} rupiah")
    money._rupiah_layout.cache_clear()
    try:
        assert money._rupiah_layout("id") is None
        assert money.format_money.__wrapped__(5000, "IDR", "id") == "5000 rupiah"
    finally:
        money._rupiah_layout.cache_clear()


# Markdown with only the inline patterns that can match: the same HTML as with all of them.
_MARKDOWN_BITS = st.sampled_from(
    [
        "kata",
        "Batik",
        " ",
        "  ",
        "\n",
        "\n\n",
        "  \n",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "&",
        "&amp;",
        "&#64;",
        "\\",
        "\\*",
        "http://a.id",
        "<https://a.id>",
        "<a@b.id>",
        "[x](https://a.id)",
        "[x][1]\n\n[1]: https://b.id",
        "- ",
        "1. ",
        "# ",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "<b>tebal</b>",
        "<script>x</script>",
        "<div>\nblok\n</div>\n",
        "\t",
        "\r\n",
        "~",
        ":",
        "'",
        '"',
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_MARKDOWN_BITS, max_size=40).map("".join))
def test_markdown_without_the_patterns_that_cannot_match_gives_the_same_html(text):
    full = markup._markdown().reset().convert(text)
    assert markup._converter(text).reset().convert(text) == full


def test_every_pattern_left_out_is_one_python_markdown_has():
    names = {item.name for item in markup._markdown().inlinePatterns._priority}
    assert set(markup._TRIGGERS) - {"em_strong2"} <= names  # em_strong2 exists in some releases only
    assert names - {"nl"} <= set(markup._TRIGGERS), names - set(markup._TRIGGERS)


# --- the plain subset: paragraphs, "- " lists and **bold**, written without Python-Markdown ----

# Near the subset's edges: what it takes (text, new lines, lists, bold) and what must send a
# text to Python-Markdown (other blocks, stray or tripled stars, spaces at an end, tabs …).
_PLAIN_BITS = st.sampled_from(
    [
        "kata",
        "Batik",
        "2.5",
        "1.",
        "1. ",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n",
        " \n",
        "\n ",
        "\t",
        "\r",
        "- ",
        "-",
        "* ",
        "+ ",
        "**",
        "*",
        "***",
        "** ",
        " **",
        "**tebal**",
        "**a b**",
        "_",
        "#",
        "# ",
        ">",
        "> ",
        "=",
        "===",
        "---",
        "|",
        "`",
        "&",
        "<",
        "[",
        "]",
        "\\",
        ":",
        ",",
        "!",
        "\u00a0",
        "é",
        "😀",
        "\x00",
        "\x02",
        "\x7f",
        "    ",
        "Rp 50.000",
        "0812-3456",
        "\n- ",
        "\u2028",
        "\x85",
        "\ufeff",
    ]
)

PLAIN_SUBSET = [
    "Kain batik tulis.",
    "**Batik Tulis** adalah produk kami.\nTambahan kalimat.",
    "Bahan:\n\n- katun\n- pewarna **alami**\n\nCuci dengan tangan.",
    "\n\nBaris pertama\n\n\n\nBaris kedua\n",
    "Harga 2.5 juta = murah! 😀 (nego)",
    "a**b**c dan **x** **y**",
]

NOT_PLAIN = [
    "# Judul",
    "Teks\n# Judul",
    "> kutipan",
    "- a\n\n- b",
    "- a\nlanjut",
    "1. satu",
    "* bintang",
    "+ plus",
    "a *miring*",
    "***tebal miring***",
    "** bukan **",
    "tab\tdi sini",
    "spasi di akhir ",
    " spasi di depan",
    "garis\n---",
    "a | b",
    "`kode`",
    "a & b",
    "<b>x</b>",
    "[tautan](x)",
    "a_b",
    "\\*",
    "    kode",
]


@pytest.mark.parametrize("text", PLAIN_SUBSET)
def test_plain_descriptions_skip_python_markdown(text):
    assert markup.plain_markdown(text) == markup._markdown().reset().convert(text)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_goes_to_python_markdown(text):
    assert markup.plain_markdown(text) is None


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PLAIN_BITS, max_size=30).map("".join))
def test_the_plain_subset_is_what_python_markdown_writes(text):
    fast = markup.plain_markdown(text)
    if fast is not None:
        assert fast == markup._markdown().reset().convert(text)
        # … and what the sanitiser then gives, which render_markdown does not call for it.
        assert markup.render_markdown.__wrapped__(text) == _without_plain_subset(text)


def _without_plain_subset(text: str):
    saved, markup.plain_markdown = markup.plain_markdown, lambda text, breaks=True: None
    try:
        return markup.render_markdown.__wrapped__(text)
    finally:
        markup.plain_markdown = saved


@pytest.mark.parametrize("text", PLAIN_SUBSET + ["Harga\u00a0nego", "**Promo**\u00a0akhir tahun"])
def test_render_markdown_is_the_same_with_the_plain_subset(text):
    assert markup.plain_markdown(text) is not None
    assert markup.render_markdown.__wrapped__(text) == _without_plain_subset(text)


# --- Jinja: the quicker Context.call and output escape of Lapak's environment --------------------


class _HtmlThing:
    def __html__(self):
        return "<b>html</b>"


class _CallableWithContext:
    @jinja2.pass_context
    def __call__(self, context, name):
        return f"{name}={context.get(name)}"


def _stops():
    raise StopIteration


@jinja2.pass_context
def _from_context(context, name):
    return context.get(name, "-")


@jinja2.pass_environment
def _from_environment(env, value):
    return f"{type(env).__name__ != ''}:{value}"


@jinja2.pass_eval_context
def _autoescaping(eval_ctx, value):
    return f"{eval_ctx.autoescape}:{value}"


_QUICK_TEMPLATES = [
    "{{ text }} {{ html }} {{ thing }} {{ number }} {{ none }} {{ markup }} {{ text|safe }}",
    "{% macro m(a, b=2) %}<i>{{ a }}{{ b }}{{ varargs }}{{ kwargs }}</i>{% endmacro %}"
    "{{ m(text) }}{{ m(1, b=html) }}{{ m(1, 2, 3, x=4) }}",
    "{% macro box() %}[{{ caller(text) }}]{% endmacro %}{% call(v) box() %}<{{ v }}>{% endcall %}",
    "{% for x in [1, 2] %}{% set inner = x * 10 %}{{ ctx('inner') }} {{ ctx('text') }} {{ loop.index }}{% endfor %}",
    "{% block b %}{% set inside = 'blok' %}{{ ctx('inside') }}{% endblock %}",
    "{{ env(text) }} {{ eval(text) }}{% autoescape false %} {{ eval(text) }} {{ text }}{% endautoescape %}",
    "{% macro m(a) %}<i>{{ a }}</i>{% endmacro %}{{ m(text) ~ text }}"
    "{% autoescape false %}{{ m(text) ~ text }} {{ m(text) + text }}{% endautoescape %}",
    "{{ callable_obj('text') }} {{ method('a<') }} {{ plain('x') }}",
    "{{ stops() }}",
    "{{ stops() is undefined }} {{ missing_name is undefined }}",
    "{% set block_text %}{{ text }}<br>{% endset %}{{ block_text }} {{ block_text|length }}",
    "{{ text ~ html }} {{ '%s!'|format(text) }} {{ [text, markup]|join(', ') }} {{ text|e }}",
    "{{ _('Sold out') }} {{ _('%(n)s left', n=text) }} {{ gettext('a<%%') }}",
    '{% from "m.html" import b %}{{ b(text) }}{% from "m.html" import b as c with context %}{{ c(1) }}',
]


@pytest.mark.parametrize("source", _QUICK_TEMPLATES)
def test_lapaks_jinja_environment_renders_what_jinja_renders(source):
    from generator.render.speedups import environment_class as _environment_class

    values = dict(
        text="<a & 'b'>",
        html=_HtmlThing(),
        thing=object.__new__(_HtmlThing),
        number=5,
        none=None,
        markup=markupsafe.Markup("<em>ok</em>"),
        ctx=_from_context,
        env=_from_environment,
        eval=_autoescaping,
        callable_obj=_CallableWithContext(),
        method="x{}".format,
        plain=lambda v: f"({v})",
        stops=_stops,
    )
    pages = []
    macros = jinja2.DictLoader({"m.html": "{% macro b(x) %}<b>{{ x }}</b>{{ extra|default('') }}{% endmacro %}"})
    for cls in (jinja2.Environment, _environment_class()):
        env = cls(autoescape=True, extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined, loader=macros)
        env.install_null_translations(newstyle=True)
        try:
            page = env.from_string(source, globals={"extra": "<g>"}).render(values)
        except jinja2.TemplateError as e:  # the same error, raised the same way
            page = f"{type(e).__name__}: {e}"
        pages.append(page.replace("QuickEnvironment", "Environment"))
    assert pages[0] == pages[1]


# --- WhatsApp links: percent-encoding without urllib's byte loop -----------------------------


@settings(max_examples=800, deadline=None)
@given(st.text())
def test_quote_all_is_urllib_quote_with_nothing_safe(text):
    from urllib.parse import quote

    from generator.render.whatsapp import quote_all

    try:
        expected = quote(text, safe="")
    except UnicodeEncodeError:  # a lone surrogate: neither can write it
        with pytest.raises(UnicodeEncodeError):
            quote_all(text)
        return
    assert quote_all(text) == expected


# --- translations folded into the compiled template -------------------------------------------

_FOLD_TEMPLATES = [
    "{{ _('Sold out') }}|{{ _('Sold out')|upper }}|{{ _('A & B') }}|{{ _('50%% off') }}|{{ _('<b>new</b>') }}",
    "{% macro m(label) %}[{{ label }}]{% endmacro %}{{ m(_('Sold out')) }}{{ _('Sold out') ~ '<' }}",
    "{{ _('%(n)s left', n='<3') }}|{{ _('Unknown') }}|{{ gettext('Sold out') }}",
    "{% set _ = 'x' %}{{ _ }}",
    "{% macro m(_) %}{{ _ }}{% endmacro %}{{ m('<arg>') }}{{ _('Sold out') }}",
    "{% autoescape false %}{{ _('Sold out') ~ '<' }}{% endautoescape %}{{ _('A & B') }}",
    "{{ _('%(n)s left') }}",
    "{{ _ ('Sold out') }} {{ _(\"Sold out\") }}",
]


@pytest.mark.parametrize("source", _FOLD_TEMPLATES)
def test_translations_folded_at_compile_time_render_the_same(source):
    from generator.render.speedups import cached_gettext
    from generator.render.speedups import environment_class as _environment_class
    from generator.render.speedups import folded_gettext as _folded_gettext

    catalog = {
        "Sold out": "Terjual habis",
        "A & B": "A & <B>",
        "50%% off": "hemat 50%%",
        "<b>new</b>": "<b>baru</b>",
        "%(n)s left": "sisa %(n)s",
    }
    pages = []
    for extensions in (["jinja2.ext.i18n"], ["jinja2.ext.i18n", _folded_gettext()]):
        env = _environment_class()(autoescape=True, extensions=extensions, undefined=jinja2.StrictUndefined)
        env.install_gettext_callables(lambda m: catalog.get(m, m), lambda s, p, n: s, newstyle=True)
        env.globals["_"] = env.globals["gettext"] = cached_gettext(lambda m: catalog.get(m, m))
        try:
            pages.append(env.from_string(source).render())
        except Exception as e:  # noqa: BLE001 - the same failure either way
            pages.append(f"{type(e).__name__}: {e}")
    assert pages[0] == pages[1]


def test_lapaks_own_templates_get_their_translations_folded():
    from generator.render.themes import environment, resolve_theme, theme_dirs

    env = environment(resolve_theme("base", theme_dirs("")), None, "id")
    code = env.compile(env.loader.get_source(env, "product.html")[0], "product.html", raw=True)
    assert "Navigasi" in code  # its Indonesian text, written in as it is
    assert "'Breadcrumb'" not in code  # no gettext call left for it


# --- YAML: the plain subset of front matter, read without libyaml's nodes ---------------------


def _yaml_shape(data):
    """Data with every line number it carries, for comparing two readings."""
    if isinstance(data, LineDict):
        return (
            "map",
            data.line,
            sorted(data.lines.items()),
            data.duplicates,
            [(k, _yaml_shape(v)) for k, v in data.items()],
        )
    if isinstance(data, LineList):
        return ("list", data.line, data.lines, [_yaml_shape(v) for v in data])
    return data


def _libyaml_shape(text: str):
    try:
        return _yaml_shape(yamlio._fast_load(text))
    except yaml.YAMLError as e:
        return ("error", type(e).__name__)


PLAIN_YAML = [
    "\nname: Anting Kuningan\nprice: 573000\ncategory: aksesoris\nphotos: []\n",
    "\nname: Kain\nvariants:\n- name: 500 gram\n  price: 573000\n- name: Biru\n  price: Rp 615.000\n",
    "\n# harga lama\nnama: Kain   \nharga:\nfoto:\n  - a.jpg\n  - b.jpg\nname: lagi\n",
    "\njam: 08:30\nwarna: merah#2\nukuran: 2 x 1,15 m\nemoji: 😀 é\nkosong:\n",
]
NOT_PLAIN_YAML = [
    "\nname: 'quoted'",
    '\nname: "quoted"',
    "\nname: a: b",
    "\nname: x # comment",
    "\ntags: [a, b]",
    "\ncolors:\n  accent: red",
    "\nabout: first line\n  second line",
    "\nabout: |\n  text",
    "\n- a\n- b",
    "\nname: &a x",
    "\nname: *a",
    "\nname: !tag x",
    "\n---\nname: x",
    "\n",
    "\nname: x\n\u2028",
    "\nname: tab\there",
    "\nvariants:\n- name: a\n  opts:\n  - x",
]


@pytest.mark.parametrize("text", PLAIN_YAML)
def test_plain_front_matter_is_read_without_libyaml(text):
    plain = yamlio.plain_yaml(text)
    assert plain is not None
    assert _yaml_shape(plain) == _libyaml_shape(text)


@pytest.mark.parametrize("text", NOT_PLAIN_YAML)
def test_other_yaml_goes_to_libyaml(text):
    assert yamlio.plain_yaml(text) is None


_YAML_KEYS = st.sampled_from(["name", "price", "variants", "photos", "x", "k2", "a b", "", "Harga"])
_YAML_VALUES = st.sampled_from(
    [
        "Rp 350.000",
        "350rb",
        "a#b",
        "08:30",
        "~",
        "null",
        "yes",
        "é ñ",
        "😀",
        "a  b",
        "a, b",
        "a]b",
        "1.000",
        "[]",
        "a:b",
        "q'",
        'a"b',
        "x{y}",
        "-5",
        "- x",
        "'q'",
        '"q"',
        "a: b",
        "a #c",
        "[x]",
        "{}",
        "x:",
        "&x",
        "*x",
        "!x",
        "|",
        "> x",
        "%x",
        "@x",
        "`x",
        "?x",
        ":x",
        "x ",
        "\x7f",
        "\ufeff",
        "\x85",
        "\u2028",
        "#c",
        "",
        " ",
    ]
)
_YAML_LINE = st.one_of(
    st.builds("{}: {}".format, _YAML_KEYS, _YAML_VALUES),
    st.builds("{}:".format, _YAML_KEYS),
    st.builds("{}- {}".format, st.sampled_from(["", "  ", " ", "    "]), _YAML_VALUES),
    st.builds("{}- {}: {}".format, st.sampled_from(["", "  ", " "]), _YAML_KEYS, _YAML_VALUES),
    st.builds("{}{}: {}".format, st.sampled_from(["  ", "    ", " ", "   "]), _YAML_KEYS, _YAML_VALUES),
    st.sampled_from(["", "# c", "  # c", "---", "...", "-", "\t", "name :x", "  "]),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_YAML_LINE, min_size=1, max_size=10).map(lambda lines: "\n" + "\n".join(lines)))
def test_plain_yaml_reads_what_libyaml_reads(text):
    plain = yamlio.plain_yaml(text)
    if plain is not None:
        assert _yaml_shape(plain) == _libyaml_shape(text)


# --- relative links between output files -----------------------------------------------------

_OUT_PARTS = st.sampled_from(["toko", "kategori", "foto", "a.html", "index.html", "b", ".", "..", ""])


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(_OUT_PARTS, min_size=1, max_size=4).map("/".join),
    st.one_of(st.just("."), st.lists(_OUT_PARTS, min_size=1, max_size=3).map("/".join)),
)
def test_relative_links_are_posixpaths_relpath(target, base):
    import posixpath

    from generator.render.pages import _relpath

    try:
        expected = posixpath.relpath(target, base)
    except ValueError:
        return  # an empty path: never an output file's
    assert _relpath.__wrapped__(target, base) == expected


# --- prices written as plain digits --------------------------------------------------------


def _price_or_problem(parse, text, digits):
    try:
        return parse(text, digits)
    except values.InvalidValue as e:
        return ("invalid", e.code, sorted(e.params.items()))


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**15).map(str),
        st.text(alphabet="0123456789٣²", min_size=0, max_size=16),
        st.sampled_from(["007", "0", "9999999999999", "10000000000000", " 5", "5 "]),
    ),
    st.sampled_from([0, 2]),
)
def test_plain_digit_prices_read_as_the_full_parser_reads_them(text, digits):
    class Text(str):  # not exactly a str: takes the full path
        pass

    assert _price_or_problem(values.parse_price, text, digits) == _price_or_problem(
        values.parse_price, Text(text), digits
    )
