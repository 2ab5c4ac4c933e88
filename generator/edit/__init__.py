"""`lapak edit`: sellers change their own shop from their phone.

A small web app over the same folders the build reads (see DESIGN.md §8): secret links on
printed cards sign sellers in, each seller changes only their own folder, every change is one
atomic write that a person could have made, recorded and undoable, and the shop is rebuilt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.core.messages import render_message
from generator.edit.cards import write_cards
from generator.edit.links import TRAINER, KeyStore

DEFAULT_PORT = 8001


def base_url(host: str, port: int, lan_address) -> str:
    shown = lan_address() if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}"


def make_cards(root: Path, base: str, lang: str) -> Path:
    """A new link for every seller (older cards stop working) and for the trainer; the sheet's path."""
    from generator.edit.shop import Editor

    editor = Editor(root)
    keys = KeyStore(editor.root)
    cards = []
    for slug, seller in editor.sellers().items():
        view = editor.view(seller)
        cards.append((slug, view.shop.name if view.shop else slug, f"{base.rstrip('/')}/k/{keys.new_link(slug)}"))
    path = write_cards(editor.root, cards)
    print(render_message("edit.cards_written", {"count": str(len(cards)), "path": str(path)}, lang))
    print(render_message("edit.trainer_link", {"link": f"{base.rstrip('/')}/k/{keys.new_link(TRAINER)}"}, lang))
    return path


def new_link(root: Path, slug: str, base: str, lang: str) -> int:
    """Replace one seller's link (the old one stops working at once), print it and write its card."""
    from generator.edit.shop import Editor

    editor = Editor(root)
    seller = editor.seller(slug)
    if seller is None:
        print(
            render_message("edit.unknown_seller", {"slug": slug, "known": ", ".join(editor.sellers())}, lang),
            file=sys.stderr,
        )
        return 1
    link = f"{base.rstrip('/')}/k/{KeyStore(editor.root).new_link(seller.slug)}"
    view = editor.view(seller)
    write_cards(editor.root, [(seller.slug, view.shop.name if view.shop else seller.slug, link)])
    print(render_message("edit.new_link", {"slug": seller.slug, "link": link}, lang))
    return 0


def run(
    root: Path,
    host: str,
    port: int,
    address: str,
    lang: str,
    https: bool = False,
    publish: str | None = None,
    branch: str = "gh-pages",
) -> None:
    """Serve the editor with uvicorn until Ctrl-C; with `publish` (a git remote, as `lapak
    publish --git` takes) the site is pushed there in the background after saves."""
    import uvicorn

    from generator.edit.app import App
    from generator.edit.publisher import Publisher

    publisher = Publisher(root.resolve() / "output", publish, branch, lang=lang) if publish else None
    editor = App(root, https, publisher=publisher)
    app = editor.asgi
    if not KeyStore(root.resolve()).data["links"]:
        print(render_message("edit.no_links", {"dir": str(root)}, lang))
    print(render_message("edit.running", {"address": address}, lang), flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
    # Stopped (Ctrl-C): the market's pages of the last save are finished before the process ends.
    editor.market_settled.wait(60)
