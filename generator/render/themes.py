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
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from generator.core import caches
from generator.core.errors import ERROR, WARNING, ContentError, Problem, ThemeError, problem
from generator.core.models import Theme
from generator.load.paths import escapes_folder
from generator.load.readers import read_yaml_file
from generator.load.textio import decode_text
from generator.load.yamlio import LineDict
from generator.render.speedups import cached_gettext, environment_class, folded_gettext
from generator.render.speedups import enabled as speedups_enabled

if TYPE_CHECKING:
    import jinja2

# The built-in themes ship inside the installed package: pyproject.toml maps the repository's
# `themes/` to `generator.builtin_themes`, so a wheel and an editable install both find them here.
# (A package on disk: its Traversable is a pathlib.Path.)
BUILTIN_THEMES = Path(os.fspath(cast("os.PathLike[str]", resources.files("generator.builtin_themes")))).resolve()
BASE = "base"
MAX_SELLER_CSS = 64 * 1024
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Anything that fetches a URL, runs script in old browsers, hides a keyword behind an escape,
# or could close the <style> element.
_CSS_FORBIDDEN = re.compile(
    r"@import|@namespace|@font-face|url\s*\(|image(?:-set)?\s*\(|cross-fade\s*\(|element\s*\(|src\s*\("
    r"|expression\s*\(|javascript:|vbscript:|behaviou?r\s*:|-moz-binding|\\|<",
    re.I,
)


def theme_dirs(project_root: str | None) -> list[Path]:
    """Where themes are looked up: the project's own `themes/`, then the built-in ones."""
    dirs = []
    if project_root and (Path(project_root) / "themes").is_dir():
        dirs.append(Path(project_root) / "themes")
    if BUILTIN_THEMES not in dirs:
        dirs.append(BUILTIN_THEMES)
    return dirs


def available_themes(search: list[Path]) -> list[str]:
    names: set[str] = set()
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
            raise ThemeError(
                problem("", None, "theme.missing", theme=current, known=", ".join(available_themes(search)))
            )
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


@caches.memoize(maxsize=64, group="templates")
def environment(theme: Theme, override: str | None, lang: str) -> jinja2.Environment:
    """One Jinja2 environment per theme, seller override and language (cached per process).

    Jinja2 is imported here (~25 ms): a command that renders no page never loads it. The
    speed-ups of `speedups` are used only on the Jinja2 and MarkupSafe versions they were
    proven on; otherwise this is plain Jinja2, giving the same pages."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    fast = speedups_enabled()
    prefixes = {f"!{Path(f).name}": jinja2.FileSystemLoader(os.path.join(f, "templates")) for f in theme.folders}
    catalog = translations(theme, lang)
    # Translations are compiled into Lapak's templates (see speedups.folded_gettext): kept
    # compiled templates are told apart by the very messages they hold.
    words = f"{lang}:{fast}:{sorted(catalog.catalog.items())!r}"
    extensions: list = ["jinja2.ext.i18n"]
    if fast and not override:
        extensions.append(folded_gettext())
    # A seller's own templates are sandboxed: a template must not reach Python on the build machine.
    env = (SandboxedEnvironment if override else environment_class())(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PrefixLoader(prefixes, delimiter="/"),
                jinja2.FileSystemLoader(template_search_path(theme, override)),
            ]
        ),
        autoescape=True,
        auto_reload=False,  # no stat of every template on every page: the build clears this cache instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=extensions,
        bytecode_cache=None if override else _compiled_templates(words),
    )
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]  # set by the i18n extension
    if fast:
        env.globals["_"] = env.globals["gettext"] = cached_gettext(catalog.gettext)
    return env


@caches.memoize(maxsize=16, group="templates")
def _compiled_templates(words: str):
    """Where compiled templates are kept between runs: the user's cache folder, like Python's
    own `__pycache__` (compiling a theme costs each worker ~80 ms, loading it ~10).

    Jinja checks each entry against the template's source and its own and Python's versions;
    the key adds `words`, the language and its translations (compiled in, see
    `speedups.folded_gettext`), and Lapak's own code. A folder that cannot be written is not used."""
    import hashlib

    import jinja2

    from generator.core.fingerprints import code_signature

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


def translations(theme: Theme, lang: str) -> _Catalog:
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
                        catalog[message.id] = cast(str, message.string)  # a singular message's: a str
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
