"""One exception tree and the Problem record every seller-facing message goes through."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.core.messages import render_message

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # worth knowing, never fails a build (not even with --strict)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Cell(int):
    """A spreadsheet's row number (the line of a problem) that also names its column, so a
    problem found in a cell says both: `produk.csv:4: kolom B (harga): …`."""

    column: str

    def __new__(cls, row: int, column: str) -> Cell:
        cell = super().__new__(cls, row)
        cell.column = column
        return cell

    def __reduce__(self):
        return (Cell, (int(self), self.column))


@dataclass(frozen=True)
class Problem:
    """A message about a seller's file: where it is, what is wrong, what to write instead.

    `path` is relative to the folder being built (posix separators), `code` picks the
    sentence from the message catalogue and `params` fill it, so the same problem can be
    told in Indonesian or English.
    """

    path: str
    line: int | None
    code: str
    params: tuple[tuple[str, str], ...] = ()
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def message(self, lang: str = "id") -> str:
        """The plain sentence, without the location."""
        return render_message(self.code, dict(self.params), lang)

    def format(self, lang: str = "id", prefix: str = "") -> str:
        """`path:line: message`, the form editors and people both read."""
        where = prefix + self.path if self.path else prefix.rstrip("/")
        if self.line:
            where += f":{self.line}"
        label = "" if self.is_error else render_message(f"label.{self.severity}", {}, lang) + ": "
        if isinstance(self.line, Cell):
            label += render_message("label.column", {"column": self.line.column}, lang) + ": "
        text = f"{where}: {label}{self.message(lang)}" if where else f"{label}{self.message(lang)}"
        # File names come from the disk as they are: a newline or a terminal escape code in one
        # must not forge a message line or repaint the trainer's terminal.
        return _CONTROL.sub("?", text)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.code, self.params)


def problem(path: str, line: int | None, code: str, severity: str = ERROR, **params) -> Problem:
    """Build a Problem with keyword parameters (kept sorted so records compare equal)."""
    return Problem(path, line, code, tuple(sorted((k, str(v)) for k, v in params.items())), severity)


class LapakError(Exception):
    """Root of every error Lapak raises on purpose."""


class ContentError(LapakError):
    """A seller's file cannot be read as intended; carries the Problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format("en"))
        self.problem = problem


class ThemeError(LapakError):
    """A theme is missing, loops in `extends:` or has a broken template."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format("en"))
        self.problem = problem


class BuildError(LapakError):
    """The build cannot go on (output folder unsafe, locked, not writable)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format("en"))
        self.problem = problem


@dataclass
class Report:
    """Collects every problem of a run so all of them are shown at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, p: Problem) -> None:
        if p not in self.problems:
            self.problems.append(p)

    def extend(self, ps) -> None:
        for p in ps:
            self.add(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.is_warning]

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)
