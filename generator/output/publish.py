"""`lapak publish --git REMOTE --branch gh-pages`: push the built site as a single commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.core.errors import BuildError, problem
from generator.output.writer import published_files

AUTHOR = ("Lapak", "lapak@localhost")
# GitHub Pages serves a published site of at most 1 GB (its documented usage limits); a market of
# 2,500 sellers × 20 products is about 1.6 GB.
PAGES_LIMIT_BYTES = 1_000_000_000


def site_size(out: Path) -> tuple[int, int]:
    """How many files the built site in `out` publishes, and their bytes together."""
    files = published_files(out)
    return len(files), sum(os.stat(out / rel).st_size for rel in files)


def publish_git(out: Path, remote: str, branch: str = "gh-pages", message: str = "Lapak: situs terbaru") -> str:
    """Copy the published files into a fresh repository and force-push one commit to `branch`.

    The branch holds only the latest site (no history to grow), which is what GitHub
    Pages and most static hosts want. Returns the commit id.
    """
    if not (out / "index.html").is_file():
        raise BuildError(problem(str(out), None, "publish.no_site"))
    with tempfile.TemporaryDirectory(prefix="lapak-publish-") as tmp:
        work = Path(tmp)
        for rel in published_files(out):
            dest = work / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / rel, dest)
        (work / ".nojekyll").write_bytes(b"")  # serve every file as is, no Jekyll processing
        _git(work, "init", "-q", "-b", branch)
        _git(work, "add", "-A")
        _git(work, "commit", "-q", "-m", message)
        _git(work, "push", "-q", "--force", remote, f"HEAD:refs/heads/{branch}")
        return _git(work, "rev-parse", "HEAD").strip()


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": AUTHOR[0],
        "GIT_AUTHOR_EMAIL": AUTHOR[1],
        "GIT_COMMITTER_NAME": AUTHOR[0],
        "GIT_COMMITTER_EMAIL": AUTHOR[1],
        "GIT_TERMINAL_PROMPT": "0",
    }
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    except FileNotFoundError as e:
        raise BuildError(problem("", None, "publish.no_git")) from e
    except subprocess.CalledProcessError as e:
        raise BuildError(
            problem(
                "",
                None,
                "publish.failed",
                detail=git_message(e.stderr or e.stdout or "") or f"git {args[0]}: {e.returncode}",
            )
        ) from e
    return done.stdout


def git_message(text: str, limit: int = 20) -> str:
    """git's whole message on one line (a Problem is one line): blank and progress lines
    dropped, a line wrapped by git (in lower case, not "fatal: …") joined to the one before, the
    others separated by " / "; at most `limit` lines, the last ones (where git says what
    went wrong)."""
    lines: list[str] = []
    for line in text.replace("\r", "\n").splitlines():
        line = line.strip()
        if not line or line.endswith(", done."):
            continue
        if lines and line[0].islower() and not re.match(r"[a-z]+: ", line):  # not "fatal: …", "hint: …"
            lines[-1] += " " + line
        else:
            lines.append(line)
    if len(lines) > limit:
        lines = ["…"] + lines[-limit:]
    return " / ".join(lines)
