"""Themes: a folder with `theme.yaml`, `templates/`, `static/` and `locale/`, extending `base`.

Template lookup order: the seller's own `theme/templates/` → the theme → its parents →
`base`. A template can name a parent explicitly: `{% extends "!base/product.html" %}`.

What a seller's own `theme/` folder may do (nobody reviews a market's hundreds of folders):
- `theme/static/style.css` is added after the theme's CSS, inlined in `<style>`, only when
  it cannot load anything or run anything: no `url(`, `@import`, `image-set(`, `expression(`,
  `javascript:`, `behavior`, `-moz-binding`, backslash escapes or `<`. Otherwise it is left
  out with a warning.
- `theme/templates/` run code, so in a market build they are ignored with a warning (a
  trainer who wants a seller's design adds it as a theme under the market's `themes/` and
  the seller writes `tema: <name>`). A single shop built from its own folder is its own
  publisher: there its templates are used, in Jinja's sandbox, so they cannot reach Python.
- Nothing in `theme/` may be a link to a place outside the seller's folder.
"""
from __future__ import annotations

import gettext
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import ERROR, WARNING, ContentError, Problem, ThemeError, problem
from .photos import escapes_folder
from .readers import read_yaml_file
from .textio import decode_text
from .yamlio import LineDict

if TYPE_CHECKING:
    import jinja2

# The built-in themes ship inside the installed package: pyproject.toml maps the repository's
# `themes/` to `generator.builtin_themes`, so a wheel and an editable install both find them here.
BUILTIN_THEMES = Path(os.fspath(resources.files("generator.builtin_themes"))).resolve()
BASE = "base"
MAX_SELLER_CSS = 64 * 1024
MAX_CACHED_MESSAGES = 4096  # per environment; a theme has ~60, more means a template translates data
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Anything that fetches a URL, runs script in old browsers, hides a keyword behind an escape,
# or could close the <style> element.
_CSS_FORBIDDEN = re.compile(
    r"@import|@namespace|@font-face|url\s*\(|image(?:-set)?\s*\(|cross-fade\s*\(|element\s*\(|src\s*\("
    r"|expression\s*\(|javascript:|vbscript:|behaviou?r\s*:|-moz-binding|\\|<", re.I)


@dataclass(frozen=True)
class Theme:
    """A resolved theme: its folders from the most specific to `base`, and merged settings."""

    name: str
    folders: tuple[str, ...]
    colors: tuple[tuple[str, str], ...] = ()

    @property
    def chain(self) -> tuple[str, ...]:
        return tuple(Path(f).name for f in self.folders)


def theme_dirs(project_root: str | None) -> list[Path]:
    """Where themes are looked up: the project's own `themes/`, then the built-in ones."""
    dirs = []
    if project_root and (Path(project_root) / "themes").is_dir():
        dirs.append(Path(project_root) / "themes")
    if BUILTIN_THEMES not in dirs:
        dirs.append(BUILTIN_THEMES)
    return dirs


def available_themes(search: list[Path]) -> list[str]:
    names = set()
    for d in search:
        if d.is_dir():
            names.update(n for n in os.listdir(d) if (d / n / "theme.yaml").is_file())
    return sorted(names)


def resolve_theme(name: str, search: list[Path]) -> Theme:
    """Follow `extends:` from `name` down to `base`; a missing theme or a loop is a ThemeError."""
    folders: list[Path] = []
    colors: dict[str, str] = {}
    current: str | None = name
    while current:
        folder = next((d / current for d in search if (d / current / "theme.yaml").is_file()), None)
        if folder is None:
            raise ThemeError(problem("", None, "theme.missing", theme=current,
                                     known=", ".join(available_themes(search))))
        if folder in folders:
            raise ThemeError(problem("", None, "theme.loop", theme=name))
        folders.append(folder)
        settings = _theme_settings(folder)
        for key, value in (settings.get("colors") or {}).items():
            colors.setdefault(str(key), str(value))
        current = settings.get("extends") or (None if current == BASE else BASE)
    return Theme(name, tuple(str(f) for f in folders), tuple(sorted(colors.items())))


def _theme_settings(folder: Path) -> dict:
    try:
        data = read_yaml_file(folder / "theme.yaml", str(folder / "theme.yaml"))
    except ContentError as e:
        raise ThemeError(e.problem) from e
    return dict(data) if isinstance(data, LineDict) else {}


def template_search_path(theme: Theme, override: str | None) -> list[str]:
    """The lookup order, most specific first."""
    paths = [os.path.join(override, "templates")] if override else []
    paths += [os.path.join(f, "templates") for f in theme.folders]
    return [p for p in paths if os.path.isdir(p)]


@lru_cache(maxsize=64)
def environment(theme: Theme, override: str | None, lang: str) -> jinja2.Environment:
    """One Jinja2 environment per theme, seller override and language (cached per process).

    Jinja2 is imported here and in cached_gettext (~25 ms): a command that renders no page never loads it."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    prefixes = {f"!{Path(f).name}": jinja2.FileSystemLoader(os.path.join(f, "templates"))
                for f in theme.folders}
    catalog = translations(theme, lang)
    # Translations are compiled into Lapak's templates (see _folded_gettext): kept compiled
    # templates are told apart by the very messages they hold.
    words = f"{lang}:{sorted(catalog.catalog.items())!r}"
    # A seller's own templates are sandboxed: a template must not reach Python on the build machine.
    env = (SandboxedEnvironment if override else _environment_class())(
        loader=jinja2.ChoiceLoader([
            jinja2.PrefixLoader(prefixes, delimiter="/"),
            jinja2.FileSystemLoader(template_search_path(theme, override)),
        ]),
        autoescape=True,
        auto_reload=False,  # no stat of every template on every page: the build clears this cache instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"] if override else ["jinja2.ext.i18n", _folded_gettext()],
        bytecode_cache=None if override else _compiled_templates(words),
    )
    env.install_gettext_translations(catalog, newstyle=True)
    env.globals["_"] = env.globals["gettext"] = cached_gettext(catalog.gettext)
    return env


@lru_cache(maxsize=16)
def _compiled_templates(words: str):
    """Where compiled templates are kept between runs: the user's cache folder, like Python's
    own `__pycache__` (compiling a theme costs each worker ~80 ms, loading it ~10).

    Jinja checks each entry against the template's source and its own and Python's versions;
    the key adds `words`, the language and its translations (compiled in, see
    `_folded_gettext`), and Lapak's own code. A folder that cannot be written is not used."""
    import hashlib

    import jinja2

    from .memo import code_signature

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "lapak", "templates")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    salt = hashlib.sha1(f"{code_signature()}|{words}".encode("utf-8", "surrogatepass")).hexdigest()

    class CompiledTemplates(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name, filename=None):
            return hashlib.sha1(f"{salt}|{name}|{filename}".encode("utf-8", "surrogatepass")).hexdigest()

        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except OSError:
                pass  # unreadable: compiled again

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass  # a full disk or a folder not ours to write: the build goes on

    return CompiledTemplates(folder)


@lru_cache(maxsize=1)
def _environment_class():
    """Jinja2's Environment with a quicker `Context.call` and output escape (made on first
    use: Jinja2 loads lazily).

    A template calls a function ~70 times per product page (macros, `url`, `r.…`, `_`), and
    Jinja's `call` asks every callable twice whether it wants the context passed (`hasattr`
    on the object and on its `__call__`). For the callables templates actually call, a macro,
    a plain function or a bound method, that answer sits in the function's own `__dict__`:
    read there, a shop renders ~12% faster. Anything else takes Jinja's own path.
    """
    from types import FunctionType, MethodType

    import jinja2
    from jinja2.runtime import Context, Macro
    from jinja2.utils import _PassArg

    class QuickContext(Context):
        def call(__self, __obj, *args, **kwargs):
            kind = type(__obj)
            if kind is FunctionType:
                wants = __obj.__dict__.get("jinja_pass_arg")
                if wants is _PassArg.eval_context:  # gettext
                    args = (__self.eval_ctx, *args)
                elif wants is not None:
                    return super().call(__obj, *args, **kwargs)
            elif kind is Macro:  # its __call__ takes the eval context (autoescape may be off)
                args = (__self.eval_ctx, *args)
            elif not (kind is MethodType and type(__obj.__func__) is FunctionType
                      and "jinja_pass_arg" not in __obj.__func__.__dict__):
                return super().call(__obj, *args, **kwargs)
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception")

    class QuickTemplate(jinja2.Template):
        @classmethod
        def from_code(cls, environment, code, globals, uptodate=None):
            template = super().from_code(environment, code, globals, uptodate)
            # Every function of the template module looks `escape` up in this namespace.
            template.root_render_func.__globals__["escape"] = _output_escape()
            # The globals as one plain dict instead of a ChainMap over the environment's: each
            # page's context copies them, key by key in Python for a ChainMap (~10 µs a page).
            # Lapak sets the environment's globals before it loads any template.
            template.globals = dict(template.globals)
            return template

        def _get_default_module(self, ctx=None):
            # `{% from "_macros.html" import … %}` on every page: Jinja asks which of the page's
            # globals the macros' template lacks as `set - ChainMap.keys()`, which runs the
            # abstract Set's Python code (~30 µs); `difference` gives the same keys in C.
            if ctx is not None and ctx.globals_keys.difference(self.globals.keys()):
                return super()._get_default_module(ctx)
            return super()._get_default_module(None)

    class QuickEnvironment(jinja2.Environment):
        context_class = QuickContext
        template_class = QuickTemplate

    return QuickEnvironment


@lru_cache(maxsize=1)
def _folded_gettext():
    """A Jinja extension: `_("text")` (no variables) is translated when the template is
    compiled, not each time a page is rendered (a product page asks for ~13 of them).

    An environment has one language (see `environment`), so `_("Sold out")` always gives the
    same Markup; it is written into the template as `("Terjual habis"|safe)`, which Jinja folds
    into the page's constant text. The same value, one call less per use. A template where `_`
    is anything but called (a variable, a macro argument, an attribute), or with an
    `{% autoescape %}` block, is left as it is.
    """
    from jinja2.ext import Extension
    from jinja2.lexer import Token
    from jinja2.nodes import EvalContext

    class FoldedGettext(Extension):
        def filter_stream(self, stream):
            tokens = list(stream)
            if not _foldable(tokens):
                yield from tokens
                return
            translate = self.environment.globals["_"]
            i = 0
            while i < len(tokens):
                token = tokens[i]
                if token.type == "name" and token.value == "_" and tokens[i + 2].type == "string" \
                        and tokens[i + 3].type == "rparen":
                    try:
                        text = str(translate(EvalContext(self.environment), tokens[i + 2].value))
                    except (KeyError, ValueError, TypeError):  # `%` the page would fail on too
                        text = None
                    if text is not None:
                        line = token.lineno
                        yield from (Token(line, "lparen", "("), Token(line, "string", text),
                                    Token(line, "pipe", "|"), Token(line, "name", "safe"),
                                    Token(line, "rparen", ")"))
                        i += 4
                        continue
                yield token
                i += 1

    def _foldable(tokens) -> bool:
        for i, token in enumerate(tokens):
            if token.type == "name" and token.value == "autoescape":
                return False
            if token.type == "name" and token.value == "_" and (
                    i + 3 >= len(tokens) or tokens[i + 1].type != "lparen"
                    or (i and tokens[i - 1].type == "dot")):
                return False
        return True

    return FoldedGettext


@lru_cache(maxsize=1)
def _output_escape():
    """The escape a compiled template applies to what `{{ … }}` writes out, without making
    a Markup object of each piece (a page writes ~125 of them, each then only joined into the
    page's text): the same characters, as a plain `str`. Jinja's generated code calls
    `escape` only there (compiler.py, `_output_child_pre`); a test compares pages
    with and without it. Markup, and objects with `__html__`, go through markupsafe as before.
    """
    import markupsafe

    inner = getattr(markupsafe, "_escape_inner", None)  # markupsafe ≥ 3: the C escaping alone
    if inner is None:
        return markupsafe.escape

    def escape(value):
        kind = type(value)
        if kind is str:
            return inner(value)
        if kind is Markup:
            return value
        return markupsafe.escape(value)
    return escape


def cached_gettext(lookup):
    """Jinja's newstyle `gettext`, keeping what a message without variables becomes.

    A page calls `_("…")` ~28 times; Jinja's `_` looks `gettext` up in the context, calls it
    through `context.call` twice, wraps the translation in Markup and `%`-formats it every
    time (~8 µs; cached ~2.5). Same meaning as `jinja2.ext._make_new_gettext`: when autoescaping, the
    translation is Markup and the values of `%(name)s` are escaped; it is always `%`-formatted
    (`%%` → `%`). Only a `str` message without variables is remembered, per autoescape state.
    """
    import jinja2

    cache: dict[tuple[str, bool], str] = {}

    @jinja2.pass_eval_context
    def gettext(eval_ctx, message, /, **variables):
        autoescape = bool(eval_ctx.autoescape)
        plain = not variables and type(message) is str
        if plain:
            found = cache.get((message, autoescape))
            if found is not None:
                return found
        rv = lookup(message)
        if autoescape:
            rv = Markup(rv)
        rv = rv % variables
        if plain and len(cache) < MAX_CACHED_MESSAGES:
            cache[message, autoescape] = rv
        return rv

    return gettext


def translations(theme: Theme, lang: str) -> gettext.NullTranslations:
    """Messages from `locale/<lang>.po` of the theme and its parents (child wins)."""
    from babel.messages.pofile import read_po  # ~8 ms, only when a page is rendered

    catalog: dict[str, str] = {}
    for folder in reversed(theme.folders):
        po = Path(folder) / "locale" / f"{lang}.po"
        if po.is_file():
            with po.open("rb") as fh:
                for message in read_po(fh):
                    if not message.id or not message.string:
                        continue
                    if isinstance(message.id, (tuple, list)):  # plural forms
                        catalog[message.id[0]] = message.string[0]
                        catalog[message.id[1]] = message.string[-1]
                    else:
                        catalog[message.id] = message.string
    return _Catalog(catalog)


class _Catalog(gettext.NullTranslations):
    def __init__(self, catalog: dict[str, str]):
        super().__init__()
        self.catalog = catalog

    def gettext(self, message: str) -> str:
        return self.catalog.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.get(singular if n == 1 else plural, singular if n == 1 else plural)


def static_text(theme: Theme, override: str | None, name: str) -> str:
    """A static text file (e.g. style.css) of every theme in the chain, `base` first, joined."""
    parts = []
    for folder in reversed(theme.folders):
        path = Path(folder) / "static" / name
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    if override:
        parts.append(seller_css(Path(override) / "static" / name)[0])
    return "\n".join(parts)


def seller_css(path: Path) -> tuple[str, str | None]:
    """A seller's stylesheet and what was refused in it: ("", reason) when it is not safe to inline."""
    if not path.is_file():
        return "", None
    if path.stat().st_size > MAX_SELLER_CSS:
        return "", f"> {MAX_SELLER_CSS // 1024} KB"
    text = decode_text(path.read_bytes())
    found = _CSS_FORBIDDEN.search(_CSS_COMMENT.sub("", text))
    return ("", found.group(0)) if found else (text, None)


def seller_theme(folder: Path, rel: str, single_shop: bool) -> tuple[str | None, bool, list[Problem]]:
    """Check a seller's `theme/` folder: (folder to use or None, its templates allowed?, problems)."""
    theme = folder / "theme"
    if not theme.is_dir():
        return None, False, []
    problems = []
    if escapes_folder(theme, folder):
        return None, False, [problem(rel + "theme", None, "path.link_outside", ERROR)]
    for dirpath, dirnames, filenames in os.walk(theme):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            if path.is_symlink() and escapes_folder(path, folder):
                problems.append(problem(rel + path.relative_to(folder).as_posix(), None, "path.link_outside"))
    if problems:
        return None, False, problems
    _, refused = seller_css(theme / "static" / "style.css")
    if refused:
        problems.append(problem(rel + "theme/static/style.css", None, "theme.css_unsafe", WARNING, what=refused))
    templates = (theme / "templates").is_dir()
    if templates and not single_shop:
        problems.append(problem(rel + "theme/templates", None, "theme.templates_ignored", WARNING))
    return str(theme), templates and single_shop, problems
