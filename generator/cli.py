"""`lapak` command line: parse arguments, call build/check, print problems. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build import BuildResult, build
from generator.core.errors import LapakError, Problem
from generator.core.messages import CATALOGUE, current_lang, render_message
from generator.core.money import LOCALES
from generator.health import health_json, health_summary, health_table, last_changes, seller_health
from generator.load.values import InvalidValue, parse_url
from generator.output.publish import PAGES_LIMIT_BYTES, publish_git, site_size
from generator.output.writer import write_zip
from generator.scaffold import ScaffoldError, new_market, new_seller

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Version(argparse.Action):
    """`--version`: the installed package's version, from its metadata (read only when asked)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("lapak")
        except PackageNotFoundError:  # run from a source tree that was never installed
            installed = __version__
        print(f"lapak {installed}")
        parser.exit()


COMMANDS = ("build", "publish", "check", "serve", "edit", "new", "export", "report", "import")
# argparse's own words (usage errors, help headings) → their catalogue entries.
ARGPARSE_TEXTS = {
    "usage: ": "usage.usage",
    "%(prog)s: error: %(message)s\n": "usage.error",
    "argument %(argument_name)s: %(message)s": "usage.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "usage.invalid_choice",
    "the following arguments are required: %s": "usage.required",
    "one of the arguments %s is required": "usage.one_of",
    "unrecognized arguments: %s": "usage.unrecognized",
    "expected one argument": "usage.expected_one",
    "invalid %(type)s value: %(value)r": "usage.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "usage.ambiguous",
    "positional arguments": "usage.positional",
    "options": "usage.options",
    "show this help message and exit": "usage.help",
    "show program's version number and exit": "usage.version",
}


def _common(defaults: bool) -> argparse.ArgumentParser:
    """--lang and --debug, accepted before the command and after it. The command's copy has no
    defaults of its own (SUPPRESS), so a flag given before the command is not reset after it."""
    common = argparse.ArgumentParser(add_help=False)
    keep: dict[str, Any] = {} if defaults else {"default": argparse.SUPPRESS}
    common.add_argument("--lang", choices=["id", "en"], help="bahasa pesan / message language (LAPAK_LANG)", **keep)
    common.add_argument("--debug", action="store_true", help="tampilkan traceback / show tracebacks", **keep)
    return common


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lapak", description="Lapak: toko online statis dari file teks dan foto.", parents=[_common(True)]
    )
    common = _common(False)
    p.add_argument("--version", action=_Version, help="versi Lapak / show the version")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    b = sub.add_parser("build", parents=[common], help="buat semua halaman toko / build every shop")
    b.add_argument("dir", nargs="?", default=".", help="folder pasar atau folder satu toko (default: .)")
    b.add_argument("--out", help="folder hasil (default: DIR/output)")
    b.add_argument("--only", metavar="SLUG", help="hanya toko ini / only this shop")
    b.add_argument("--jobs", type=int, help="jumlah proses paralel / parallel processes")
    b.add_argument(
        "--site-url",
        metavar="URL",
        type=_site_url,
        help="alamat web tempat hasil dipasang (mengganti site_url) / where the site will be hosted",
    )
    b.add_argument("--zip", action="store_true", help="juga buat OUT.zip siap unggah / also write OUT.zip")
    b.add_argument(
        "--timings", action="store_true", help="tampilkan waktu tiap langkah / print the time each step took"
    )
    b.add_argument(
        "--dask",
        metavar="ALAMAT",
        help="kerjakan di klaster Dask (pip install 'lapak[dask]') / run on a Dask cluster: its scheduler's address",
    )
    u = sub.add_parser("publish", parents=[common], help="kirim hasil ke git / push the built site with git")
    u.add_argument("dir", nargs="?", default=".", help="folder pasar (default: .)")
    u.add_argument("--out", help="folder hasil (default: DIR/output)")
    u.add_argument("--git", required=True, metavar="REMOTE", help="alamat repositori git / git remote")
    u.add_argument("--branch", default="gh-pages", help="cabang tujuan (default: gh-pages)")
    c = sub.add_parser("check", parents=[common], help="periksa tanpa menulis / validate, write nothing")
    c.add_argument("dir", nargs="?", default=".")
    c.add_argument("--strict", action="store_true", help="peringatan dianggap galat / warnings fail too")
    c.add_argument("--json", action="store_true", help="hasil sebagai JSON / print the result as JSON")
    v = sub.add_parser("serve", parents=[common], help="pratinjau langsung / live preview")
    v.add_argument("dir", nargs="?", default=".", help="folder pasar atau toko (default: .)")
    v.add_argument("--port", type=int, default=8000)
    v.add_argument(
        "--host",
        default="127.0.0.1",
        help="0.0.0.0 untuk membuka dari HP di jaringan yang sama / 0.0.0.0 to preview on a phone",
    )
    v.add_argument("--out", help="folder hasil (default: DIR/output)")
    e = sub.add_parser("edit", parents=[common], help="penjual mengubah toko dari HP / sellers edit from their phone")
    e.add_argument("dir", nargs="?", default=".", help="folder pasar atau toko (default: .)")
    e.add_argument("--host", default="127.0.0.1", help="0.0.0.0 untuk HP di jaringan yang sama / for phones on the LAN")
    e.add_argument("--port", type=int, default=8001)
    e.add_argument("--cards", action="store_true", help="cetak kartu tautan penjual / write the sellers' link cards")
    e.add_argument("--base-url", metavar="URL", help="alamat yang dibuka penjual / the address sellers open")
    e.add_argument("--new-link", metavar="SLUG", help="ganti tautan satu penjual / replace one seller's link")
    e.add_argument("--https", action="store_true", help="di balik proxy HTTPS / behind an HTTPS proxy")
    e.add_argument(
        "--publish",
        metavar="REMOTE",
        help="terbitkan ke git setelah disimpan (paling sering semenit sekali) / push the site after saves",
    )
    e.add_argument("--branch", default="gh-pages", help="cabang untuk --publish (default: gh-pages)")
    x = sub.add_parser("export", parents=[common], help="semua produk ke satu tabel / every product into one sheet")
    x.add_argument("dir", nargs="?", default=".", help="folder pasar atau toko (default: .)")
    kind = x.add_mutually_exclusive_group(required=True)
    kind.add_argument("--csv", metavar="FILE", help="tulis tabel .csv / write a .csv file")
    kind.add_argument("--xlsx", metavar="FILE", help="tulis file Excel .xlsx / write an Excel .xlsx file")
    r = sub.add_parser("report", parents=[common], help="laporan untuk pelatih / the trainer's funnel report")
    r.add_argument("dir", nargs="?", default=".", help="folder pasar atau toko (default: .)")
    r.add_argument("--out", metavar="FILE", help="file laporan (default: DIR/report.html)")
    r.add_argument("--json", action="store_true", help="data laporan sebagai JSON / print the report as JSON")
    m = sub.add_parser("import", parents=[common], help="toko dari jawaban formulir / shops from sign-up form answers")
    m.add_argument("file", help="jawaban formulir .csv, .xlsx atau .ods / form answers")
    m.add_argument("--market", dest="dir", default=".", metavar="DIR", help="folder pasar (default: .)")
    m.add_argument("--map", metavar="MAPPING.yaml", help="judul kolom → isian / column heading → field")
    n = sub.add_parser("new", parents=[common], help="buat toko baru / create a new shop folder")
    n.add_argument("name", help='nama toko, misalnya "Batik Bu Sri" / shop name')
    n.add_argument("dir", nargs="?", default=".", help="folder pasar (default: .)")
    n.add_argument("--market", action="store_true", help="buat folder pasar baru / create a new market folder")
    return p


def _site_url(text: str) -> str:
    try:
        return parse_url(text)
    except InvalidValue:
        raise argparse.ArgumentTypeError(f"{text!r}: https://…") from None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `lapak` console script and `python -m generator`."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = current_lang(_lang_in(argv))
    try:
        with _argparse_in(lang):
            unknown = _unknown_command(argv)
            if unknown is not None:
                _usage_error(unknown, lang)
                return EXIT_USAGE
            args = _parser().parse_args(argv)
    except SystemExit as e:
        return EXIT_USAGE if e.code not in (0, None) else EXIT_OK
    lang = current_lang(args.lang)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(message)s")
    root = Path(args.dir)
    if args.command != "new" and not root.is_dir():
        print(f"lapak: {root}: " + ("folder tidak ada" if lang == "id" else "no such folder"), file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "new":
            return _new(args, root, lang)
        if args.command == "publish":
            return _publish(args, root, lang)
        if args.command == "serve":
            return _serve(args, root, lang)
        if args.command == "edit":
            return _edit(args, root, lang)
        if args.command == "export":
            return _export(args, root, lang)
        if args.command == "report":
            return _funnel_report(args, root, lang)
        if args.command == "import":
            return _import(args, root, lang)
        if args.command == "build":
            result = build(
                root, Path(args.out) if args.out else None, args.only, args.jobs, site_url=args.site_url, dask=args.dask
            )
            if args.zip and result.out and (result.out / "index.html").is_file():
                _zip(result.out, lang)
        else:
            result = build(root, write=False)
    except LapakError as e:
        if args.debug:
            raise
        problem = getattr(e, "problem", None)
        print(problem.format(lang) if problem else str(e), file=sys.stderr)
        return EXIT_ERRORS
    except Exception as e:
        if args.debug:
            raise
        print(render_message("summary.internal", {"detail": f"{type(e).__name__}: {e}"}, lang), file=sys.stderr)
        return EXIT_ERRORS
    if args.command == "check" and args.json:
        return report_json(result, lang, strict=args.strict)
    if getattr(args, "timings", False):
        steps = "; ".join(
            f"{render_message(f'timing.{step}', {}, lang)} {seconds:.2f} s" for step, seconds in result.timings.items()
        )
        print(render_message("summary.timings", {"steps": steps}, lang), file=sys.stderr)
    return report(result, root, lang, args.command, strict=getattr(args, "strict", False))


def _lang_in(argv: list[str]) -> str | None:
    """--lang as written anywhere in the arguments (argparse's own messages need it before
    the arguments are parsed)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _unknown_command(argv: list[str]) -> str | None:
    """The command word when it is not one of Lapak's (a typo such as "bulid"), else None."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang":
            i += 2
            continue
        if not arg.startswith("-"):
            return None if arg in COMMANDS else arg
        if arg in ("-h", "--help", "--version"):
            return None
        i += 1
    return None


def _usage_error(word: str, lang: str) -> None:
    import difflib

    close = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.5)
    code = "usage.unknown_command_hint" if close else "usage.unknown_command"
    _parser().print_usage(sys.stderr)
    print(
        "lapak: "
        + render_message(code, {"word": word, "hint": close[0] if close else "", "known": ", ".join(COMMANDS)}, lang),
        file=sys.stderr,
    )


@contextmanager
def _argparse_in(lang: str):
    """argparse's own words (usage, its error messages, help headings) in `lang` while it runs."""
    original = argparse._  # type: ignore[attr-defined]  # argparse's own gettext, private

    def translate(text: str) -> str:
        code = ARGPARSE_TEXTS.get(text)
        return CATALOGUE[code][1 if lang == "en" else 0] if code else original(text)

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _serve(args, root: Path, lang: str) -> int:
    from generator.serve import Server, lan_addresses

    server = Server(root, Path(args.out) if args.out else None, args.host, args.port, lang)
    server.on_build = lambda result: report(result, root, lang, "serve")
    try:
        # The address first (the socket already listens; a browser opened now waits for the
        # first build), so Ctrl-C at any moment after it is a clean stop.
        address, others = server.address, []
        if args.host in ("0.0.0.0", "::"):
            port = server.httpd.server_address[1]
            addresses = [f"http://{a}:{port}/" for a in lan_addresses()] or [f"http://127.0.0.1:{port}/"]
            address, others = addresses[0], addresses[1:]
            import segno

            segno.make(address).terminal(compact=True)
        print(render_message("serve.running", {"address": address}, lang), flush=True)
        if others:
            print(render_message("serve.also", {"addresses": ", ".join(others)}, lang), flush=True)
        server.start()
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK


def _edit(args, root: Path, lang: str) -> int:
    from generator import edit

    base = args.base_url or edit.base_url(args.host, args.port, _lan_address)
    if args.cards:
        edit.make_cards(root, base, lang)
        return EXIT_OK
    if args.new_link:
        return edit.new_link(root, args.new_link, base, lang)
    try:
        edit.run(root, args.host, args.port, base, lang, https=args.https, publish=args.publish, branch=args.branch)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _lan_address() -> str:
    """This machine's address on the local network (what a phone on the same Wi-Fi opens)."""
    from generator.serve import lan_addresses

    return (lan_addresses() or ["127.0.0.1"])[0]


def _export(args, root: Path, lang: str) -> int:
    from generator.output.export import export_products

    target = Path(args.xlsx or args.csv)
    count, skipped = export_products(root, target, "xlsx" if args.xlsx else "csv")
    print(render_message("export.done", {"count": count, "file": _display(target)}, lang))
    if skipped:
        print(render_message("export.skipped", {"shops": ", ".join(skipped)}, lang), file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _funnel_report(args, root: Path, lang: str) -> int:
    from generator.report import funnel_report, load_market, report_data, write_report

    data = funnel_report(root, *load_market(root), lang)
    if args.json:
        print(json.dumps(report_data(data), ensure_ascii=False, indent=2))
        return EXIT_OK
    target = Path(args.out) if args.out else root / "report.html"
    write_report(data, target, lang)
    print(render_message("report.done", {"file": _display(target)}, lang))
    return EXIT_OK


def _import(args, root: Path, lang: str) -> int:
    from generator.signup import ImportUsageError, import_sellers, read_mapping

    form = Path(args.file)
    try:
        mapping = read_mapping(Path(args.map)) if args.map else None
        result = import_sellers(form, root, mapping, lang, _display(form))
    except ImportUsageError as e:
        print(render_message(e.code, e.params, lang), file=sys.stderr)
        return EXIT_USAGE
    for column, name in result.columns:
        if name:
            field = render_message(f"import.field.{name}", {}, lang)
            print(render_message("import.column", {"column": column, "field": field}, lang))
        else:
            print(render_message("import.column_unused", {"column": column}, lang))
    for line in result.lines:
        print(line)
    for text in result.problems:
        print(text, file=sys.stderr)
    counts = {"created": result.created, "updated": result.updated, "kept": result.kept}
    print(render_message("import.summary", {**counts, "problems": len(result.problems)}, lang))
    return EXIT_ERRORS if result.problems else EXIT_OK


def _zip(out: Path, lang: str) -> None:
    target = out.with_name(out.name + ".zip")
    count = write_zip(out, target)
    print(render_message("zip.done", {"count": count, "zip": _display(target)}, lang))


def _publish(args, root: Path, lang: str) -> int:
    out = Path(args.out) if args.out else root / "output"
    if (out / "index.html").is_file():  # else publish_git says there is no site
        count, size = site_size(out)
        if size > PAGES_LIMIT_BYTES:  # said before the long push: GitHub Pages will not serve it
            from babel.numbers import format_decimal

            locale = LOCALES.get(lang, LOCALES["id"])
            params = {
                "size": format_decimal(size / 1e9, format="#,##0.0", locale=locale),
                "count": format_decimal(count, locale=locale),
            }
            print(render_message("publish.too_big", params, lang), file=sys.stderr)
    commit = publish_git(out.resolve(), args.git, args.branch)
    print(render_message("publish.done", {"remote": args.git, "branch": args.branch, "commit": commit[:10]}, lang))
    return EXIT_OK


def _new(args, root: Path, lang: str) -> int:
    if _looks_like_path(args.name):
        code = "new.name_is_path_market" if args.market else "new.name_is_path"
        print(render_message(code, {"name": args.name}, lang), file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.market:
            path = new_market(args.name, root)
            print(
                render_message("new.market_created", {"path": _display(path), "folder": _quoted(_display(path))}, lang)
            )
        else:
            path = new_seller(args.name, root)
            command = "lapak build" + ("" if _display(root) == "." else " " + _quoted(_display(root)))
            print(render_message("new.created", {"path": _display(path), "command": command}, lang))
    except ScaffoldError as e:
        print(e.problem.message(lang), file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _looks_like_path(name: str) -> bool:
    """A shop or market name that is rather a folder (`lapak new /some/path --market`)."""
    return "/" in name or "\\" in name or name.startswith((".", "~")) or Path(name).is_dir()


def _quoted(text: str) -> str:
    """A path as typed in a terminal (in quotes when it holds spaces or quotes)."""
    import shlex

    return shlex.quote(text) if os.name != "nt" else (f'"{text}"' if " " in text else text)


def report(result: BuildResult, root: Path, lang: str, command: str, strict: bool = False) -> int:
    """Print every problem as `path:line: message`, then a one-line summary; return the exit code."""
    prefix = _display_prefix(root)
    problems = sorted(result.problems, key=Problem.sort_key)
    for p in problems:
        print(p.format(lang, prefix), file=sys.stderr)
    errors = sum(p.is_error for p in problems)
    warnings = sum(p.is_warning for p in problems)
    if errors or warnings:
        print(render_message("summary.problems", {"errors": errors, "warnings": warnings}, lang), file=sys.stderr)
    if result.skipped:
        print(render_message("summary.skipped", {"shops": ", ".join(result.skipped)}, lang), file=sys.stderr)
    if command == "build" and result.out:
        out = _display(result.out)
        print(
            render_message(
                "summary.built",
                {
                    "shops": len(result.built),
                    "products": result.products,
                    "out": out,
                    "open": os.path.join(out, "index.html"),
                },
                lang,
            )
        )
    elif command == "check":
        assert result.market is not None  # read by every build that returns
        rows = seller_health(result.market, result.problems, result.recalled)
        print(health_table(rows, lang, last_changes(root, result.market)))
        counts = health_summary(rows)
        code = "summary.checked_errors" if counts["shops_with_errors"] else "summary.checked"
        print(render_message(code, counts, lang))
    return _exit_code(errors, warnings, strict, lang)


def _exit_code(errors: int, warnings: int, strict: bool, lang: str) -> int:
    if errors:
        return EXIT_ERRORS
    if strict and warnings:
        print(render_message("summary.strict", {"warnings": warnings}, lang), file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def report_json(result: BuildResult, lang: str, strict: bool = False) -> int:
    """`lapak check --json`: the health table and every problem as data, on standard output."""
    problems = sorted(result.problems, key=Problem.sort_key)
    assert result.market is not None  # read by every build that returns
    rows = seller_health(result.market, result.problems, result.recalled)
    errors = sum(p.is_error for p in problems)
    warnings = sum(p.is_warning for p in problems)
    data = {
        "ok": not errors and not (strict and warnings),
        "summary": health_summary(rows) | {"errors": errors, "warnings": warnings},
        "sellers": health_json(rows, last_changes(Path(result.market.root), result.market)),
        "problems": [
            {"path": p.path, "line": p.line, "severity": p.severity, "code": p.code, "message": p.message(lang)}
            for p in problems
        ],
    }
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return _exit_code(errors, warnings, strict, lang)


def _display(path: Path) -> str:
    rel = os.path.relpath(path.resolve(), Path.cwd())
    return path.resolve().as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _display_prefix(root: Path) -> str:
    shown = _display(root)
    return "" if shown == "." else shown.rstrip("/") + "/"
