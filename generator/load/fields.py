"""Read typed fields out of a canonical-key mapping, turning bad values into Problems."""

from __future__ import annotations

from collections.abc import Callable

from generator.core.errors import ERROR, WARNING, Problem, problem
from generator.load.values import INVISIBLE, InvalidValue
from generator.load.yamlio import LineDict, LineList

# Past these, a one-line text is a paste gone wrong (it crowds every page that shows it and is cut in
# link previews): said as a warning, kept whole. The editor's forms hold the same limits.
LINE_LIMITS = {"name": 120, "tagline": 160, "category": 60}


class Fields:
    """The fields of one mapping (shop, product, variant) with where each was written."""

    def __init__(self, values: dict[str, tuple], path: str, line: int, problems: list[Problem]):
        self.values = values
        self.path = path
        self.line = line
        self.problems = problems

    def has(self, key: str) -> bool:
        return key in self.values and not _empty(self.values[key][0])

    def raw(self, key: str):
        return self.values.get(key, (None, self.line))[0]

    def line_of(self, key: str) -> int:
        return self.values.get(key, (None, self.line))[1]

    def report(self, key: str | None, code: str, severity: str = ERROR, **params) -> None:
        line = self.line_of(key) if key else self.line
        self.problems.append(problem(self.path, line, code, severity, **params))

    def line_text(self, key: str, default: str = "", required: bool = False) -> str:
        """`text` of a one-line field with a limit (LINE_LIMITS), warned about past it."""
        value = self.text(key, default, required, key)
        if len(value) > LINE_LIMITS[key]:
            self.report(key, "text.line_too_long", WARNING, field=key, count=len(value), limit=LINE_LIMITS[key])
        return value

    def text(self, key: str, default: str = "", required: bool = False, field: str = "") -> str:
        """A single line or paragraph of text."""
        if not self.has(key):
            if required:  # in a spreadsheet a field is a column, not a line to add
                sheet = self.path.endswith((".csv", ".xlsx", ".ods"))
                self.report(None, "field.missing_cell" if sheet else "field.missing", field=field or key)
            return default
        value = self.raw(key)
        if isinstance(value, (LineDict, LineList, dict, list)):
            self.report(key, "field.not_text", field=field or key)
            return default
        return str(value).strip()

    def parsed(self, key: str, parse: Callable, default=None, severity: str = ERROR, field: str = ""):
        """Run a forgiving parser on a text field; its complaint becomes a Problem."""
        text = self.text(key, field=field)
        if not text:
            return default
        try:
            return parse(text)
        except InvalidValue as e:
            self.report(key, e.code, severity, field=field or key, **e.params)
            return default

    def text_list(self, key: str, field: str = "") -> tuple[str, ...]:
        """A YAML list of texts, or one text split on commas/new lines."""
        if not self.has(key):
            return ()
        value = self.raw(key)
        if isinstance(value, str):
            parts = value.replace("\n", ",").split(",")
        elif isinstance(value, list):
            parts = []
            for item in value:
                if isinstance(item, (dict, list)):
                    self.report(key, "field.not_text", field=field or key)
                    continue
                parts.append("" if item is None else str(item))
        else:
            self.report(key, "field.not_list", WARNING, field=field or key)
            return ()
        return tuple(p.strip() for p in parts if p and p.strip())


def _empty(value) -> bool:
    """Nothing written: no value, spaces, or only invisible marks (a zero-width space from a copy)."""
    return value is None or (isinstance(value, str) and not value.translate(INVISIBLE).strip())
