"""The web app of `lapak edit`: Starlette routes over the Editor, behind the security boundary.

Starlette and python-multipart parse every request; the session is an itsdangerous-signed,
HttpOnly, SameSite=Lax cookie (Starlette's SessionMiddleware); every POST carries a CSRF token
tied to the session; every response has a strict Content-Security-Policy; the built site under
/situs/ is served read-only, without listings, in a sandbox (its own origin, no cookies of ours).
"""

from __future__ import annotations

import asyncio
import hmac
import io
import re
import secrets
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from generator.core.money import currency_digits, format_money
from generator.edit import variants
from generator.edit.files import NotEditable
from generator.edit.links import TRAINER, KeyStore, Throttle, state_dir
from generator.edit.pages import CSS, JS, message, render
from generator.edit.phone import Staged, icon, live_url, manifest, whatsapp_link
from generator.edit.publisher import Publisher
from generator.edit.shop import LIMITS, SHOP_LIMITS, Editor, Item, Seller, SellerView
from generator.edit.uploads import MAX_PHOTOS_PER_SAVE, MAX_UPLOAD_BYTES, Refused
from generator.load.values import InvalidValue, parse_price

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAX_BODY = MAX_PHOTOS_PER_SAVE * MAX_UPLOAD_BYTES + 1024 * 1024
EDITOR_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "form-action 'self'; manifest-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# The built site is the seller's own content: shown in a sandbox, it runs as another origin and
# cannot read the editor's pages or act with the seller's session.
SITE_CSP = "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox; frame-ancestors 'none'"
SESSION_DAYS = 30


class _TooLarge(Exception):
    pass


class Guard:
    """Outermost layer: body size limit (before any parsing) and the security headers."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        site = scope["path"].startswith("/situs/")
        started = False

        async def send_with_headers(msg):
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in msg.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [
                    (b"content-security-policy", (SITE_CSP if site else EDITOR_CSP).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                if not site:
                    headers.append((b"cache-control", b"no-store"))
                msg = {**msg, "headers": headers}
            await send(msg)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _too_large(scope, receive, send_with_headers)
        total = 0

        async def counted():
            nonlocal total
            msg = await receive()
            if msg["type"] == "http.request":
                total += len(msg.get("body", b""))
                if total > self.limit:
                    raise _TooLarge
            return msg

        try:
            await self.app(scope, counted, send_with_headers)
        except _TooLarge:
            if not started:
                await _too_large(scope, receive, send_with_headers)


async def _too_large(scope, receive, send):
    params = {"count": MAX_PHOTOS_PER_SAVE, "size": MAX_UPLOAD_BYTES // 1024 // 1024}
    text = render(
        "message.html",
        "id",
        message=message("edit.too_large", params, "id") + " / " + message("edit.too_large", params, "en"),
        back=True,
    )
    await HTMLResponse(text, status_code=413)(scope, receive, send)


MARKET_FOLDERS = ("assets/cari/",)  # besides the top level: what the market's pages are made of
MARKET_WAIT_SECONDS = 60  # past this the market page as it is (a very slow machine) is shown


class SiteFiles(StaticFiles):
    """The built output, read-only: no listing, nothing hidden (Lapak's own bookkeeping files)."""

    async def get_response(self, path, scope):
        if any(part.startswith(".") for part in Path(path).parts):
            raise HTTPException(404)
        return await super().get_response(path, scope)


class App:
    """The routes, holding the Editor, the key store and the sign-in throttle."""

    def __init__(
        self, root: Path, https: bool = False, throttle: Throttle | None = None, publisher: Publisher | None = None
    ):
        self.editor = Editor(root)
        self.keys = KeyStore(self.editor.root)
        self.throttle = throttle or Throttle()
        self.build_lock = threading.Lock()
        # The market's own pages, rebuilt in the background after a seller's save (see
        # Editor.rebuild); `/situs/` pages outside a seller's folder wait for them.
        self._market_guard = threading.Lock()
        self._market_queued = False
        self.market_settled = threading.Event()
        self.market_settled.set()
        self.publisher = publisher  # `lapak edit --publish`: pushed in the background after saves
        if publisher is not None:
            publisher.lock = self.build_lock
        self._thumbs: dict[tuple, bytes] = {}
        # photos shared from the phone's gallery, waiting for their form
        self.staged = Staged(state_dir(self.editor.root) / "pending")
        routes = [
            Route("/", self.home),
            Route("/k/{token}", self.sign_in),
            Route("/keluar", self.sign_out, methods=["POST"]),
            Route("/toko", self.pick_shop, methods=["POST"]),
            Route("/produk/baru", self.new_form, methods=["GET", "POST"]),
            Route("/produk/{slug}", self.edit_form, methods=["GET", "POST"]),
            Route("/produk/{slug}/habis", self.toggle, methods=["POST"]),
            Route("/produk/{slug}/hapus", self.delete, methods=["POST"]),
            Route("/produk/{slug}/sembunyikan", self.hide, methods=["POST"]),
            Route("/produk/{slug}/foto", self.photo, methods=["POST"]),
            Route("/batalkan", self.undo, methods=["POST"]),
            Route("/pengaturan", self.shop_form, methods=["GET", "POST"]),
            Route("/gambar/{name}", self.thumb),
            Route("/pengaturan/logo.jpg", self.logo_thumb),
            Route("/aset/edit.css", self.css),
            Route("/aset/edit.js", self.js),
            Route("/harga", self.price_reading),
            Route("/manifest.webmanifest", self.manifest_file),
            Route("/aset/ikon-{name}", self.icon_file),
            Route("/bagikan", self.shared, methods=["POST"]),
            Route("/bagikan/foto/{n}", self.staged_photo),
            Mount("/situs", app=self.site, name="situs"),
        ]
        self._files = SiteFiles(directory=str(self.editor.output()), html=True, check_dir=False)
        middleware = [
            Middleware(
                SessionMiddleware,
                secret_key=self.keys.secret,
                session_cookie="lapak_edit",
                max_age=SESSION_DAYS * 86400,
                same_site="lax",
                https_only=https,
            )
        ]
        self.starlette = Starlette(routes=routes, middleware=middleware)
        self.asgi = Guard(self.starlette)

    # -- who is asking ----------------------------------------------------------------------
    def _who(self, request: Request) -> str | None:
        who, lid = request.session.get("who"), request.session.get("lid")
        if not isinstance(who, str) or not isinstance(lid, str) or not self.keys.current(who, lid):
            return None
        return who

    def _seller(self, request: Request) -> Seller | None:
        """The seller this session may change: its own, or the one the trainer picked."""
        who = self._who(request)
        if who is None:
            return None
        slug = request.session.get("shop") if who == TRAINER else who
        return self.editor.seller(slug) if isinstance(slug, str) else None

    def _lang(self, request: Request, view: SellerView | None = None) -> str:
        return view.language if view else request.session.get("lang", "id")

    def _signed_out(self, request: Request) -> Response:
        text = render(
            "message.html",
            "id",
            message=message("edit.signed_out", {}, "id") + " / " + message("edit.signed_out", {}, "en"),
        )
        return HTMLResponse(text, status_code=403)

    async def _form(self, request: Request):
        """The posted form, after its CSRF token and origin are checked; None when refused."""
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
            return None
        try:
            form = await request.form(
                max_files=MAX_PHOTOS_PER_SAVE,
                max_fields=20 + 3 * (variants.MAX_ROWS + variants.EMPTY_ROWS),
                max_part_size=64 * 1024,
            )
        except HTTPException:
            return False
        token, expected = form.get("csrf_token"), request.session.get("csrf")
        if not isinstance(token, str) or not isinstance(expected, str) or not hmac.compare_digest(token, expected):
            return None
        return form

    def _refused(self, request: Request, form) -> Response:
        lang = self._lang(request)
        code = "edit.photo_too_many" if form is False else "edit.form_expired"
        params = {"count": f"> {MAX_PHOTOS_PER_SAVE}", "limit": MAX_PHOTOS_PER_SAVE}
        text = render("message.html", lang, message=message(code, params, lang), back=True)
        return HTMLResponse(text, status_code=400 if form is False else 403)

    def _flash(self, request: Request, code: str, params: dict | None = None, live: str = "", error=False) -> None:
        request.session["flash"] = [code, {k: str(v) for k, v in (params or {}).items()}, live, error]

    def _page(self, request: Request, name: str, lang: str, status: int = 200, **context) -> Response:
        flash = request.session.pop("flash", None)
        if flash:
            context.setdefault("flash", message(flash[0], flash[1], lang))
            context.setdefault("live", flash[2])
            context.setdefault("flash_error", flash[3])
        if self.publisher is not None:
            context["publish_note"], context["publish_bad"] = self.publisher.status(lang)
        context.setdefault("wa", request.session.pop("wa", ""))
        return HTMLResponse(render(name, lang, csrf=request.session.get("csrf", ""), **context), status_code=status)

    # -- signing in and out -----------------------------------------------------------------
    async def sign_in(self, request: Request) -> Response:
        client = request.client.host if request.client else "?"
        token = request.path_params["token"]
        if self.throttle.blocked(client, token):
            return HTMLResponse(
                render("message.html", "id", message=message("edit.too_many_tries", {}, "id")), status_code=429
            )
        found = self.keys.sign_in(token)
        if found is None:
            await asyncio.sleep(self.throttle.fail(client, token))
            text = render(
                "message.html",
                "id",
                message=message("edit.sign_in_failed", {}, "id") + " / " + message("edit.sign_in_failed", {}, "en"),
            )
            return HTMLResponse(text, status_code=403)
        request.session.clear()
        request.session.update({"who": found[0], "lid": found[1], "csrf": secrets.token_urlsafe(32)})
        seller = self.editor.seller(found[0])
        if seller:
            request.session["lang"] = (await run_in_threadpool(self.editor.view, seller)).language
        return RedirectResponse("/", status_code=303)

    async def sign_out(self, request: Request) -> Response:
        form = await self._form(request)
        if not form:
            return self._refused(request, form)
        request.session.clear()
        return self._signed_out(request)

    async def pick_shop(self, request: Request) -> Response:
        if self._who(request) != TRAINER:
            return self._signed_out(request)
        form = await self._form(request)
        if not form:
            return self._refused(request, form)
        seller = self.editor.seller(str(form.get("toko", "")))
        request.session["shop"] = seller.slug if seller else ""
        return RedirectResponse("/", status_code=303)

    # -- the product list -------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        who = self._who(request)
        if who is None:
            return self._signed_out(request)
        seller = self._seller(request)
        if seller is None:
            shops = list(self.editor.sellers()) if who == TRAINER else []
            return self._page(request, "shops.html", self._lang(request), shops=shops)
        view = await run_in_threadpool(self.editor.view, seller)
        lang = view.language
        request.session["lang"] = lang
        items = [self._row(item, view) for item in view.items.values()]
        site_url = self.editor.market_settings().site_url or ""
        for row in items:
            row["wa"] = self._whatsapp(request, seller, row["slug"], row["name"], site_url) if row["known"] else ""
        shop_live = self._shop_live(seller)
        return self._page(
            request,
            "list.html",
            lang,
            items=items,
            trainer=who == TRAINER,
            shop_name=view.shop.name if view.shop else seller.slug,
            shop_live=shop_live,
            shop_problems=[p.message(lang) for p in view.problems if p.is_error],
        )

    def _row(self, item: Item, view: SellerView) -> dict:
        p = item.product
        price = ""
        if p is not None:
            price = (
                format_money(p.min_price, view.currency, view.language)
                if not p.price_on_request
                else message_label(view.language)
            )
        return {
            "slug": item.slug,
            "name": item.name,
            "price": price,
            "known": p is not None,
            "sold_out": bool(p and p.sold_out),
            "hidden": bool(p and p.hidden),
            "thumb": bool(p and p.photos),
            "editable": item.editable,
            "problems": [pr for pr in item.problems if pr.is_error],
        }

    # -- the product form -------------------------------------------------------------------
    async def new_form(self, request: Request) -> Response:
        return await self._product(request, None)

    async def edit_form(self, request: Request) -> Response:
        return await self._product(request, request.path_params["slug"])

    async def _product(self, request: Request, slug: str | None) -> Response:
        seller = self._seller(request)
        if seller is None:
            return self._signed_out(request)
        view = await run_in_threadpool(self.editor.view, seller)
        item = None
        if slug is not None:
            item = self.editor.item(view, slug)
            if item is None or not item.editable:
                return self._not_found(request, view.language)
        if request.method == "GET":
            try:
                values, base = await run_in_threadpool(self.editor.form_values, item) if item else ({}, "")
            except NotEditable:  # no front matter, not UTF-8, …: the build's sentences say what to fix
                assert item is not None  # only reading a product's file raises
                lang = view.language
                text = render(
                    "message.html",
                    lang,
                    back=True,
                    details=[p.message(lang) for p in item.problems],
                    message=message("edit.not_editable", {"file": _rel(view, item)}, lang),
                )
                return HTMLResponse(text, status_code=409)
            problems: dict[str, list[str]] = {}
            if item:
                for pr in item.problems:
                    problems.setdefault(self.editor.field_of(item, pr), []).append(pr.message(view.language))
            rows = await run_in_threadpool(self.editor.form_rows, item)
            return self._form_page(request, view, item, values, base, problems, rows=rows)
        form = await self._form(request)
        if not form:
            return self._refused(request, form)
        values = {
            name: _one_line(str(form.get(name, ""))) if name != "deskripsi" else str(form.get(name, ""))
            for name in LIMITS
        }
        too_long = {
            name: [message("edit.too_long", {"field": name, "count": len(v), "limit": LIMITS[name]}, view.language)]
            for name, v in values.items()
            if len(v) > LIMITS[name]
        }
        rows = None
        if form.get("varian_ada"):  # the form showed variant rows (not when the file's are too rich for them)
            rows = variants.from_form(
                *(
                    [str(v) for v in form.getlist(f"varian_{cell}") if isinstance(v, str)]
                    for cell in ("nama", "harga", "stok")
                )
            )
        if too_long:
            return self._form_page(
                request, view, item, values, str(form.get("dasar", "")), too_long, status=400, rows=rows
            )
        photos = [await f.read() for f in form.getlist("foto") if hasattr(f, "read") and (f.filename or f.size)]
        if slug is None and form.get("bagikan"):  # photos shared from the gallery, saved with this form
            photos = (self.staged.get(request.session.get("staged"), seller.slug) + photos)[:MAX_PHOTOS_PER_SAVE]
        outcome = await run_in_threadpool(
            self.editor.save, seller, slug, values, photos, str(form.get("dasar", "")), rows
        )
        lang = view.language
        if outcome.conflict is not None:
            assert item is not None  # a conflict is only found in an existing product's file
            _, base = await run_in_threadpool(self.editor.form_values, item)
            return self._form_page(
                request,
                view,
                item,
                values,
                base,
                {},
                status=409,
                conflict=outcome.conflict,
                conflict_message=message("edit.conflict", {}, lang),
                rows=rows,
            )
        if not outcome.ok:
            problems = {
                name: [message(code, params, lang) for code, params in codes]
                for name, codes in outcome.problems.items()
            }
            if outcome.messages:
                problems.setdefault("", []).extend(message(c, p, lang) for c, p in outcome.messages)
            return self._form_page(
                request, view, item, values, str(form.get("dasar", "")), problems, status=400, rows=rows
            )
        await self._rebuilt(request, seller, outcome.slug, "edit.saved", {})
        if slug is None and form.get("bagikan"):
            self.staged.drop(request.session.pop("staged", None))
        request.session["wa"] = self._whatsapp(request, seller, outcome.slug, values["nama"])
        return RedirectResponse(f"/produk/{outcome.slug}", status_code=303)

    def _form_page(
        self,
        request,
        view: SellerView,
        item: Item | None,
        values: dict,
        base: str,
        problems: dict,
        status: int = 200,
        rows: list[variants.Row] | None = None,
        **extra,
    ) -> Response:
        lang = view.language
        photos = []
        if item and item.product:
            photos = [(n, p.path) for n, p in enumerate(item.product.photos)]
        reading = ""
        if item and item.product and item.product.price is not None:
            reading = format_money(item.product.price, view.currency, lang)
        categories = sorted({i.product.category for i in view.items.values() if i.product and i.product.category})
        return self._page(
            request,
            "form.html",
            lang,
            status,
            new=item is None,
            values={n: values.get(n, "") for n in LIMITS},
            fields=list(LIMITS),
            limits=LIMITS,
            problems=problems,
            base=base,
            reading=reading,
            categories=categories,
            slug=item.slug if item else "",
            photos=photos,
            hidden=bool(item and item.product and item.product.hidden),
            rows=[*rows, *[variants.Row()] * variants.EMPTY_ROWS] if rows is not None else None,
            row_limits=variants.ROW_LIMITS,
            action=f"/produk/{item.slug}" if item else "/produk/baru",
            staged=self._staged_count(request, view.seller) if item is None else 0,
            **extra,
        )

    def _not_found(self, request: Request, lang: str) -> Response:
        return HTMLResponse(
            render("message.html", lang, message=message("edit.not_found", {}, lang), back=True), status_code=404
        )

    def _market_later(self) -> None:
        """The market's pages brought up to date in the background: one run for any number of
        saves made while it waits for the build lock."""
        with self._market_guard:
            self.market_settled.clear()
            if self._market_queued:
                return
            self._market_queued = True
        threading.Thread(target=self._market_run, name="lapak-market", daemon=True).start()

    def _market_run(self) -> None:
        changed = False
        try:
            with self.build_lock:
                with self._market_guard:
                    self._market_queued = False  # a save from here on asks for another run
                changed = self.editor.market_pages()
        finally:
            with self._market_guard:
                if not self._market_queued:
                    self.market_settled.set()
        if changed and self.publisher is not None:
            self.publisher.request()

    def _shop_live(self, seller: Seller) -> str:
        return f"/situs/{'' if self.editor.single else seller.slug + '/'}index.html"

    async def _rebuilt(
        self, request: Request, seller: Seller, slug: str, code: str, params: dict, live: str = ""
    ) -> None:
        def rebuild():
            with self.build_lock:
                return self.editor.rebuild(seller)

        failed = await run_in_threadpool(rebuild)
        self._market_later()
        if self.publisher is not None:
            self.publisher.request()  # returns at once: the push runs in the background
        lang = self._lang(request)
        if slug:  # a hidden product has no page: the shop's page shows it is not there
            page = self.editor.live_path(seller, slug)
            live = f"/situs/{page}" if (self.editor.output() / page).is_file() else self._shop_live(seller)
        if failed:
            self._flash(request, "edit.build_failed", {"detail": failed[0].message(lang)}, live, error=True)
        else:
            self._flash(request, code, params, live)

    # -- the shop's own details -------------------------------------------------------------
    async def shop_form(self, request: Request) -> Response:
        seller = self._seller(request)
        if seller is None:
            return self._signed_out(request)
        view = await run_in_threadpool(self.editor.view, seller)
        lang = view.language
        try:
            current, base = await run_in_threadpool(self.editor.shop_values, seller)
        except NotEditable:
            text = render(
                "message.html",
                lang,
                back=True,
                details=[p.message(lang) for p in view.problems],
                message=message("edit.not_editable", {"file": f"{seller.rel}shop.yaml"}, lang),
            )
            return HTMLResponse(text, status_code=409)
        if request.method == "GET":
            return self._shop_page(request, lang, current, base, {})
        form = await self._form(request)
        if not form:
            return self._refused(request, form)
        values = {
            name: str(form.get(name, ""))
            if name in ("pembayaran", "pengiriman")
            else _one_line(str(form.get(name, "")))
            for name in SHOP_LIMITS
            if name in form or name != "pengiriman"  # a form without the field leaves it as it is
        }
        if "warna" in form:
            values["warna"] = _one_line(str(form.get("warna", "")))[:40]
        values["logo"] = current.get("logo", "")
        too_long = {
            name: [message("edit.too_long", {"field": name, "count": len(v), "limit": SHOP_LIMITS[name]}, lang)]
            for name, v in values.items()
            if name in SHOP_LIMITS and len(v) > SHOP_LIMITS[name]
        }
        if too_long:
            return self._shop_page(request, lang, values, str(form.get("dasar", "")), too_long, status=400)
        upload = form.get("logo")
        logo = await upload.read() if hasattr(upload, "read") and (upload.filename or upload.size) else None
        remove = form.get("hapus_logo") == "1" and logo is None
        outcome = await run_in_threadpool(
            self.editor.save_shop, seller, values, str(form.get("dasar", "")), logo, remove
        )
        if outcome.conflict is not None:
            return self._shop_page(
                request,
                lang,
                values,
                base,
                {},
                status=409,
                conflict=outcome.conflict,
                conflict_message=message("edit.conflict", {}, lang),
            )
        if not outcome.ok:
            problems = {
                name: [message(code, params, lang) for code, params in codes]
                for name, codes in outcome.problems.items()
            }
            problems.setdefault("", []).extend(message(c, p, lang) for c, p in outcome.messages)
            return self._shop_page(request, lang, values, base, problems, status=400)
        await self._rebuilt(request, seller, "", "edit.saved", {}, live=self._shop_live(seller))
        return RedirectResponse("/", status_code=303)

    def _shop_page(
        self, request, lang: str, values: dict, base: str, problems: dict, status: int = 200, **extra
    ) -> Response:
        seller = self._seller(request)
        swatches: list[str] = []
        has_logo = False
        if seller is not None:
            swatches = self.editor.swatches(self.editor.view(seller))
            has_logo = self.editor.logo_path(seller) is not None
        color = values.get("warna", "").strip().lower()
        shown = bool(re.fullmatch(r"#[0-9a-f]{3}(?:[0-9a-f]{3})?", color))  # the current one, when it is a colour
        choices = swatches + ([color] if shown and color not in swatches else [])
        return self._page(
            request,
            "shop.html",
            lang,
            status,
            values=values,
            base=base,
            problems=problems,
            fields=list(SHOP_LIMITS),
            limits=SHOP_LIMITS,
            swatches=choices,
            color=color,
            has_logo=has_logo,
            **extra,
        )

    # -- one-tap changes --------------------------------------------------------------------
    async def _tap(self, request: Request, action) -> Response:
        seller = self._seller(request)
        if seller is None:
            return self._signed_out(request)
        form = await self._form(request)
        if not form:
            return self._refused(request, form)
        return await action(seller)

    async def toggle(self, request: Request) -> Response:
        async def run(seller):
            outcome = await run_in_threadpool(self.editor.toggle_sold_out, seller, request.path_params["slug"])
            if outcome.messages:
                return self._not_found(request, self._lang(request))
            await self._rebuilt(request, seller, outcome.slug, "edit.saved", {})
            return RedirectResponse("/", status_code=303)

        return await self._tap(request, run)

    async def hide(self, request: Request) -> Response:
        async def run(seller):
            outcome = await run_in_threadpool(self.editor.toggle_hidden, seller, request.path_params["slug"])
            if outcome.messages:
                return self._not_found(request, self._lang(request))
            view = await run_in_threadpool(self.editor.view, seller)
            item = self.editor.item(view, outcome.slug)
            hidden = bool(item and item.product and item.product.hidden)
            name = item.name if item else outcome.slug
            live = self._shop_live(seller) if hidden else f"/situs/{self.editor.live_path(seller, outcome.slug)}"
            await self._rebuilt(request, seller, "", "edit.hidden" if hidden else "edit.shown", {"name": name}, live)
            return RedirectResponse("/", status_code=303)

        return await self._tap(request, run)

    async def photo(self, request: Request) -> Response:
        """Move a photo up or down, or remove it; then back to the product's form."""
        seller = self._seller(request)
        if seller is None:
            return self._signed_out(request)
        form = await self._form(request)
        if not form:
            return self._refused(request, form)
        slug, action = request.path_params["slug"], str(form.get("aksi", ""))
        outcome = await run_in_threadpool(self.editor.photo_action, seller, slug, str(form.get("gambar", "")), action)
        if outcome.messages:
            lang = self._lang(request)
            code, params = outcome.messages[0]
            text = render("message.html", lang, message=message(code, params, lang), back=True)
            return HTMLResponse(text, status_code=404 if code != "edit.not_editable" else 409)
        code = "edit.photo_removed" if action == "hapus" else "edit.photo_moved"
        await self._rebuilt(request, seller, slug, code, {})
        return RedirectResponse(f"/produk/{slug}#foto", status_code=303)

    async def delete(self, request: Request) -> Response:
        async def run(seller):
            view = await run_in_threadpool(self.editor.view, seller)
            item = self.editor.item(view, request.path_params["slug"])
            outcome = await run_in_threadpool(self.editor.delete, seller, request.path_params["slug"])
            if outcome.messages or item is None:
                return self._not_found(request, view.language)
            await self._rebuilt(request, seller, "", "edit.deleted", {"name": item.name})
            return RedirectResponse("/", status_code=303)

        return await self._tap(request, run)

    async def undo(self, request: Request) -> Response:
        async def run(seller):
            done, refusal = await run_in_threadpool(self.editor.undo, seller)
            if done is None:
                self._flash(request, refusal, {}, error=True)
            else:
                await self._rebuilt(request, seller, "", "edit.undone", {"what": done})
            return RedirectResponse("/", status_code=303)

        return await self._tap(request, run)

    # -- pictures and files -----------------------------------------------------------------
    async def thumb(self, request: Request) -> Response:
        seller = self._seller(request)
        name = request.path_params["name"]
        if seller is None or not name.endswith(".jpg"):
            return Response(status_code=404)
        view = await run_in_threadpool(self.editor.view, seller)
        item = self.editor.item(view, name[:-4])
        n = request.query_params.get("n", "0")
        if item is None or item.product is None or not n.isdigit() or int(n) >= len(item.product.photos):
            return Response(status_code=404)
        path = seller.folder / item.product.photos[int(n)].path
        data = await run_in_threadpool(self._thumbnail, seller, path)
        return Response(data, media_type="image/jpeg") if data else Response(status_code=404)

    async def logo_thumb(self, request: Request) -> Response:
        """The shop's own logo, small (only the signed-in seller's own shop)."""
        seller = self._seller(request)
        path = await run_in_threadpool(self.editor.logo_path, seller) if seller else None
        data = await run_in_threadpool(self._thumbnail, seller, path) if seller and path else None
        return Response(data, media_type="image/jpeg") if data else Response(status_code=404)

    def _thumbnail(self, seller: Seller, path: Path) -> bytes | None:
        try:
            path.resolve().relative_to(seller.folder.resolve())
            st = path.stat()
        except (OSError, ValueError):
            return None
        key = (str(path), st.st_mtime_ns, st.st_size)
        if key not in self._thumbs:
            from generator.photos import imagecodec

            try:
                im: PILImage.Image
                with imagecodec.Image.open(path, formats=imagecodec.FORMATS) as im:
                    im.draft("RGB", (160, 160))
                    # as the build reads it (a transparent logo on white, never a palette warning)
                    im = imagecodec.flat_rgb(imagecodec.ImageOps.exif_transpose(im))
                    im.thumbnail((160, 160))
                    out = io.BytesIO()
                    im.save(out, "JPEG", quality=70)
            except Exception:  # noqa: BLE001 - a photo the build refuses shows no thumbnail, never an error page
                return None
            if len(self._thumbs) > 2000:
                self._thumbs.clear()
            self._thumbs[key] = out.getvalue()
        return self._thumbs[key]

    async def css(self, request: Request) -> Response:
        return Response(CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})

    async def js(self, request: Request) -> Response:
        return Response(JS, media_type="text/javascript", headers={"cache-control": "max-age=3600"})

    async def price_reading(self, request: Request) -> Response:
        """The typed price as the build reads it (`25rb` → "Rp25.000"), or the build's sentence why not."""
        seller = self._seller(request)
        if seller is None:
            return JSONResponse({"text": ""}, status_code=403)
        view = await run_in_threadpool(self.editor.view, seller)
        text = request.query_params.get("t", "")[: LIMITS["harga"]].strip()
        if not text:
            return JSONResponse({"text": ""})
        try:
            price = parse_price(text, currency_digits(view.currency))
        except InvalidValue as e:
            return JSONResponse({"text": message(e.code, {"field": "price", **e.params}, view.language)})
        # parse_price gives an amount or ASK (price on request), its only text
        shown = (
            message_label(view.language)
            if isinstance(price, str)
            else format_money(price, view.currency, view.language)
        )
        return JSONResponse({"text": shown})

    async def site(self, scope, receive, send):
        request = Request(scope, receive)
        if request.method not in ("GET", "HEAD"):
            return await Response(status_code=405)(scope, receive, send)
        # The built site is public once published; here it is shown to signed-in people only.
        session_ok = self._who(request) is not None if "session" in scope else False
        if not session_ok:
            return await self._signed_out(request)(scope, receive, send)
        rel = request.url.path.removeprefix("/situs/")
        if "/" not in rel or rel.startswith(MARKET_FOLDERS):  # the market's pages: as after the last save
            await run_in_threadpool(self.market_settled.wait, MARKET_WAIT_SECONDS)
        await self._files(scope, receive, send)

    # -- the phone: home screen, sharing from the gallery, sharing to WhatsApp ---------------
    async def manifest_file(self, request: Request) -> Response:
        return JSONResponse(
            manifest(), media_type="application/manifest+json", headers={"cache-control": "max-age=3600"}
        )

    async def icon_file(self, request: Request) -> Response:
        sizes = {"192.png": (192, False), "512.png": (512, False), "maskable-512.png": (512, True)}
        wanted = sizes.get(request.path_params["name"])
        if wanted is None:
            return Response(status_code=404)
        data = await run_in_threadpool(icon, *wanted)
        return Response(data, media_type="image/png", headers={"cache-control": "max-age=86400"})

    async def shared(self, request: Request) -> Response:
        """Photos shared from the gallery (the manifest's share target). The phone's system sends this
        without a CSRF token, so it only stages the photos for this session: they are written to the
        seller's folder only when the "new product" form is saved, with its token."""
        seller = self._seller(request)
        if seller is None:
            text = render(
                "message.html",
                "id",
                message=message("edit.shared_signed_out", {}, "id")
                + " / "
                + message("edit.shared_signed_out", {}, "en"),
            )
            return HTMLResponse(text, status_code=403)
        lang = self._lang(request)
        try:
            form = await request.form(max_files=MAX_PHOTOS_PER_SAVE, max_fields=10, max_part_size=64 * 1024)
        except HTTPException:
            return self._refused(request, False)
        files = [f for f in form.getlist("foto") if isinstance(f, UploadFile) and (f.filename or f.size)]
        photos = [await f.read() for f in files]
        if not photos:
            text = render("message.html", lang, message=message("edit.shared_none", {}, lang), back=True)
            return HTMLResponse(text, status_code=400)
        try:
            key = await run_in_threadpool(self.staged.stage, seller.slug, photos)
        except Refused as e:
            text = render("message.html", lang, message=message(e.code, {}, lang), back=True)
            return HTMLResponse(text, status_code=400)
        self.staged.drop(request.session.get("staged"))
        request.session["staged"] = key
        self._flash(request, "edit.shared_ready", {"count": len(photos)})
        return RedirectResponse("/produk/baru", status_code=303)

    async def staged_photo(self, request: Request) -> Response:
        seller = self._seller(request)
        n = request.path_params["n"].removesuffix(".jpg")
        photos = self.staged.get(request.session.get("staged"), seller.slug) if seller else []
        if not n.isdigit() or int(n) >= len(photos):
            return Response(status_code=404)
        return Response(photos[int(n)], media_type="image/jpeg")

    def _staged_count(self, request: Request, seller: Seller) -> int:
        return len(self.staged.get(request.session.get("staged"), seller.slug))

    def _whatsapp(self, request: Request, seller: Seller, slug: str, name: str, site_url: str | None = None) -> str:
        """The wa.me link that shares a product: its name and its live page."""
        if site_url is None:
            site_url = self.editor.market_settings().site_url or ""
        origin = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
        return whatsapp_link(name, live_url(site_url, origin, self.editor.live_path(seller, slug)))


def _rel(view: SellerView, item: Item) -> str:
    assert item.path is not None  # only editable items are named by their file
    return f"{view.seller.rel}{item.path.parent.name}/{item.path.name}"


def message_label(lang: str) -> str:
    return "tanya harga" if lang != "en" else "price on request"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def create_app(root: Path, https: bool = False, throttle: Throttle | None = None, publisher: Publisher | None = None):
    """The ASGI app of `lapak edit` for the market (or shop) in `root`."""
    return App(root, https, throttle, publisher).asgi
