"""Publishing after a save (`lapak edit --publish REMOTE`): in the background, at most once a
`interval` (a minute), several saves in that minute going out together.

The seller's page never waits for it: a save asks for a publish and returns; a thread copies the
built site (hard links under the build lock, so the copy is one build's state, then the lock is
let go) and pushes it as `lapak publish` does. The page says plainly when the shop was last
published, or that it could not be; the trainer is told why in the terminal.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from pathlib import Path

from babel.dates import format_timedelta

from generator.core.errors import LapakError
from generator.core.messages import render_message
from generator.output.publish import publish_git
from generator.output.writer import published_files

INTERVAL = 60.0  # seconds between two pushes at most; saves in between go out together


class Publisher:
    """Debounced background publishing of one market's built site to a git remote."""

    def __init__(
        self,
        out: Path,
        remote: str,
        branch: str = "gh-pages",
        interval: float = INTERVAL,
        lang: str = "id",
        publish: Callable[[Path, str, str], str] = publish_git,
        say: Callable[[str], None] | None = None,
    ):
        self.out, self.remote, self.branch, self.interval, self.lang = out, remote, branch, interval, lang
        self._publish = publish
        self._say = say or (lambda text: print(text, file=sys.stderr, flush=True))
        self.lock: AbstractContextManager = nullcontext()  # the build lock, set by the app
        self._cond = threading.Condition()
        self._pending = False
        self._running = False
        self._last_try = -math.inf  # time.monotonic() of the last push started
        self.last_ok: float | None = None  # time.time() of the last push that went through
        self.failed = False  # the last push failed (the trainer was told why)
        self._thread: threading.Thread | None = None

    # -- asked by the app -------------------------------------------------------------------
    def request(self) -> None:
        """A save was made: publish soon (now, or when the interval since the last push is over)."""
        with self._cond:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="lapak-publish", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    @property
    def pending(self) -> bool:
        with self._cond:
            return self._pending or self._running

    def status(self, lang: str, now: float | None = None) -> tuple[str, bool]:
        """The sentence for the seller's page about the last publish, and whether it is bad news."""
        if self.pending:
            return render_message("edit.publish_waiting", {}, lang), False
        if self.failed:
            return render_message("edit.publish_failed", {}, lang), True
        if self.last_ok is None:
            return "", False
        ago = max(0.0, (now if now is not None else time.time()) - self.last_ok)
        if ago < 60:
            return render_message("edit.published_now", {}, lang), False
        words = format_timedelta(-timedelta(seconds=ago), locale=lang, add_direction=True)
        return render_message("edit.published_ago", {"ago": words}, lang), False

    def settle(self) -> None:
        """Wait until nothing is waiting to be published (for tests and for a clean stop)."""
        with self._cond:
            while self._pending or self._running:
                self._cond.wait()

    # -- the background thread --------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._pending:
                    self._cond.wait()
                while (wait := self._last_try + self.interval - time.monotonic()) > 0:
                    self._cond.wait(wait)  # woken early by a new save or a changed interval: look again
                self._pending, self._running = False, True
                self._last_try = time.monotonic()
            try:
                self._once()
            except Exception as e:  # noqa: BLE001 - the thread must live on to publish the next save
                self.failed = True
                self._tell("edit.publish_failed_trainer", detail=repr(e))
            finally:
                with self._cond:
                    self._running = False
                    self._cond.notify_all()

    def _once(self) -> None:
        with tempfile.TemporaryDirectory(prefix="lapak-edit-publish-") as tmp:
            snapshot = Path(tmp) / "site"
            try:
                with self.lock:  # one build's state: hard links are quick, and a rebuild replaces files
                    _link_copy(self.out, snapshot)
                commit = self._publish(snapshot, self.remote, self.branch)
            except (LapakError, OSError) as e:
                self.failed = True
                problem = getattr(e, "problem", None)
                detail = problem.message(self.lang) if problem else str(e)
                self._tell("edit.publish_failed_trainer", detail=detail)
                return
        self.failed = False
        self.last_ok = time.time()
        self._tell("edit.publish_done_trainer", commit=commit[:10])

    def _tell(self, code: str, **params: str) -> None:
        self._say(render_message(code, {"remote": self.remote, **params}, self.lang))


def _link_copy(out: Path, target: Path) -> None:
    """The published files of `out` under `target`, hard-linked where the disk allows."""
    for rel in published_files(out) if out.is_dir() else []:
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(out / rel, dest)
        except OSError:
            shutil.copyfile(out / rel, dest)
    target.mkdir(parents=True, exist_ok=True)
