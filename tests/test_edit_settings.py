"""`lapak edit`: the shop's settings (accent colour, logo, delivery), the public one-seller
loader, the sign-in throttle behind one shared address, and publishing after a save."""

from __future__ import annotations

import secrets

from editmarket import make_market
from starlette.testclient import TestClient

from generator.edit.app import App
from generator.edit.links import Throttle
from generator.load import loader

HOST = "http://127.0.0.1:8001"


def test_guessing_links_from_one_address_is_stopped(tmp_path):
    app = App(make_market(tmp_path / "pasar"), throttle=Throttle(base_delay=0))
    client = TestClient(app.asgi, base_url=HOST)
    codes = [client.get(f"/k/{secrets.token_urlsafe(24)}").status_code for _ in range(app.throttle.limit + 5)]
    assert codes[: app.throttle.limit] == [403] * app.throttle.limit
    assert codes[app.throttle.limit :] == [429] * 5  # refused without a check from then on
    good = app.keys.new_link("toko-a")
    assert client.get(f"/k/{good}").status_code == 429  # the guesser's address, for a while


def test_a_whole_room_behind_one_address_signs_in(tmp_path):
    """40 phones on the venue's Wi-Fi: each first taps a stale card twice, then its new one."""
    market = make_market(tmp_path / "pasar")
    for n in range(40):
        folder = market / f"sellers/penjual-{n}"
        (folder / "products").mkdir(parents=True)
        (folder / "shop.yaml").write_text(f"name: Penjual {n}\nwhatsapp: 0812-3456-7890\n")
    app = App(market, throttle=Throttle(base_delay=0))
    stale = {n: app.keys.new_link(f"penjual-{n}") for n in range(40)}
    fresh = {n: app.keys.new_link(f"penjual-{n}") for n in range(40)}  # cards reprinted
    for n in range(40):
        phone = TestClient(app.asgi, base_url=HOST)  # all from the same address (testclient)
        assert phone.get(f"/k/{stale[n]}").status_code == 403
        assert phone.get(f"/k/{stale[n]}").status_code == 403
        page = phone.get(f"/k/{fresh[n]}", follow_redirects=True)
        assert page.status_code == 200, n
        assert f"Penjual {n}" in page.text


def test_the_same_stale_link_waits_longer_and_longer_but_others_do_not():
    t = Throttle()
    assert [t.fail("10.0.0.1", "AAAAAAAAxyz") for _ in range(4)] == [0.5, 1.0, 2.0, 4.0]
    assert t.fail("10.0.0.1", "BBBBBBBBxyz") == 0.5  # another phone in the room: its own wait
    assert [t.fail("10.0.0.1", "AAAAAAAA") for _ in range(3)] == [8.0, 8.0, 8.0]  # capped


def test_past_the_global_ceiling_only_addresses_that_failed_are_refused():
    t = Throttle(base_delay=0, limit=100, ceiling=10)
    for n in range(10):
        t.fail(f"10.0.0.{n}", "x" * 20)
    assert t.blocked("10.0.0.3")  # failed recently, and many are guessing
    assert not t.blocked("10.9.9.9")  # a seller who has not failed is still checked


def test_the_public_one_seller_loader_reads_as_the_build_does(tmp_path):
    market = make_market(tmp_path / "pasar")
    (market / "sellers/toko-a/products/rusak.md").write_text("---\nname: Rusak\nprice: tiga\n---\n")
    settings = loader.market_settings(market)
    one = loader.load_one_seller(market / "sellers/toko-a", "sellers/toko-a/", "toko-a", settings)
    assert one.shop is not None and one.shop.name == "Toko A"
    assert {p.slug for p in one.products} >= {"kopi", "teh"}
    assert any(f.endswith("rusak.md") for f in one.product_files)
    assert any(p.is_error and p.path.endswith("rusak.md") for p in one.problems)
    # the build itself refuses the seller for the same reason
    problems: list = []
    assert loader.load_seller(market / "sellers/toko-a", "sellers/toko-a/", "toko-a", settings, problems) is None
    assert {(p.path, p.code) for p in problems if p.is_error} == {(p.path, p.code) for p in one.problems if p.is_error}


def test_the_editor_uses_no_private_loader_function():
    from pathlib import Path

    import generator.edit

    for path in Path(generator.edit.__file__).parent.glob("*.py"):
        assert "loader._" not in path.read_text(encoding="utf-8"), path
