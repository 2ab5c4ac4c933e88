"""Lapak's speed-ups to Jinja2 and MarkupSafe, fenced: used only on the versions proven here.

Some of them lean on names that are not Jinja2's or MarkupSafe's public API (`_PassArg`,
`Template._get_default_module`, `markupsafe._escape_inner`, the name `escape` in the code
Jinja2 generates). Each is proven to render what plain Jinja2 renders by
tests/test_fast_paths.py, and a whole build with them off is compared byte for byte with one
with them on (tests/test_speedups.py). On any other installed version, or with
`LAPAK_PLAIN_JINJA=1`, `enabled()` is false and themes.py builds a plain Jinja2 environment:
slower (a shop renders ~15% slower), the same pages.

Nothing here is seen by templates: themes are plain Jinja.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    import jinja2

# Version prefixes the speed-ups were proven on (pyproject.toml's ranges say the same).
PROVEN = {"Jinja2": ("3.1.",), "MarkupSafe": ("2.1.", "3.0.")}
MAX_CACHED_MESSAGES = 4096  # per environment; a theme has ~60, more means a template translates data


@lru_cache(maxsize=1)
def enabled() -> bool:
    """Whether the installed Jinja2 and MarkupSafe are versions the speed-ups were proven on."""
    if os.environ.get("LAPAK_PLAIN_JINJA"):
        return False
    import jinja2
    import markupsafe

    versions = {"Jinja2": jinja2.__version__, "MarkupSafe": _installed_version(markupsafe)}
    return all(versions[name].startswith(prefixes) for name, prefixes in PROVEN.items())


def _installed_version(module) -> str:
    """A package's version from the `*.dist-info` folder beside it (MarkupSafe 3 dropped
    `__version__`); importlib.metadata only when there is none (it scans all of sys.path, ~16 ms)."""
    folder = os.path.dirname(os.path.dirname(module.__file__))
    name = module.__name__.lower()
    try:
        for entry in os.listdir(folder):
            low = entry.lower()
            if low.startswith(name + "-") and low.endswith(".dist-info"):
                return entry[len(name) + 1 : -len(".dist-info")]
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module.__name__)
    except PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def environment_class() -> type[jinja2.Environment]:
    """Jinja2's Environment with a quicker `Context.call` and output escape (made on first
    use: Jinja2 loads lazily).

    A template calls a function ~70 times per product page (macros, `url`, `r.…`, `_`), and
    Jinja's `call` asks every callable twice whether it wants the context passed (`hasattr`
    on the object and on its `__call__`). For the callables templates actually call, a macro,
    a plain function or a bound method, that answer sits in the function's own `__dict__`:
    read there, a shop renders ~12% faster. Anything else takes Jinja's own path.
    Plain `jinja2.Environment` on versions the quicker one was not proven on.
    """
    import jinja2

    if not enabled():
        return jinja2.Environment
    from types import FunctionType, MethodType

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
            elif not (
                kind is MethodType
                and type(__obj.__func__) is FunctionType
                and "jinja_pass_arg" not in __obj.__func__.__dict__
            ):
                return super().call(__obj, *args, **kwargs)
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )

    class QuickTemplate(jinja2.Template):
        @classmethod
        def from_code(cls, environment, code, globals, uptodate=None):
            template = super().from_code(environment, code, globals, uptodate)
            # Every function of the template module looks `escape` up in this namespace.
            template.root_render_func.__globals__["escape"] = output_escape()
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
def folded_gettext():
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
                if (
                    token.type == "name"
                    and token.value == "_"
                    and tokens[i + 2].type == "string"
                    and tokens[i + 3].type == "rparen"
                ):
                    try:
                        text = str(translate(EvalContext(self.environment), tokens[i + 2].value))
                    except (KeyError, ValueError, TypeError):  # `%` the page would fail on too
                        text = None
                    if text is not None:
                        line = token.lineno
                        yield from (
                            Token(line, "lparen", "("),
                            Token(line, "string", text),
                            Token(line, "pipe", "|"),
                            Token(line, "name", "safe"),
                            Token(line, "rparen", ")"),
                        )
                        i += 4
                        continue
                yield token
                i += 1

    def _foldable(tokens) -> bool:
        for i, token in enumerate(tokens):
            if token.type == "name" and token.value == "autoescape":
                return False
            if (
                token.type == "name"
                and token.value == "_"
                and (i + 3 >= len(tokens) or tokens[i + 1].type != "lparen" or (i and tokens[i - 1].type == "dot"))
            ):
                return False
        return True

    return FoldedGettext


@lru_cache(maxsize=1)
def output_escape():
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


def cached_gettext(lookup: Callable[[str], str]) -> Callable[..., str]:
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
