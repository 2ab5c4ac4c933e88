"""`lapak serve`: serves the build, rebuilds on change, reloads the page, survives broken edits."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request

import pytest

from generator.serve import EVENTS_PATH, STATUS_PATH, Server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _until(check, timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


@pytest.fixture
def server(site_copy):
    root = site_copy("basic")
    srv = Server(root, port=_free_port())
    srv.start()
    yield srv, root
    srv.stop()


def _listen(address: str, events: list[str]) -> threading.Thread:
    def run():
        with urllib.request.urlopen(address + EVENTS_PATH.lstrip("/"), timeout=30) as stream:
            for raw in stream:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    events.append(line[len("data: ") :])

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_edit_rebuilds_and_sends_reload(server):
    srv, root = server
    page = srv.address + "toko-a/selendang.html"
    html = _get(page)
    assert "Selendang Sutra" in html and EVENTS_PATH in html  # the live-reload client is injected
    events: list[str] = []
    _listen(srv.address, events)
    time.sleep(0.3)
    product = root / "sellers/toko-a/products/selendang.yaml"
    product.write_text(product.read_text().replace("Selendang Sutra", "Selendang Sutra Baru"))
    _until(lambda: "Selendang Sutra Baru" in _get(page))
    _until(lambda: "reload" in events)


def test_broken_edit_keeps_the_last_good_page_and_shows_the_problem_until_fixed(server):
    srv, root = server
    page = srv.address + "toko-a/selendang.html"
    product = root / "sellers/toko-a/products/selendang.yaml"
    good = product.read_text()
    product.write_text(good.replace("price: 1,5jt", "price: mahal"))
    status = _until(lambda: json.loads(_get(srv.address + STATUS_PATH.lstrip("/")))["problems"])
    assert any('selendang.yaml:2: harga "mahal" bukan angka' in p for p in status)
    assert "Rp1.500.000" in _get(page)  # the last good page is still served
    product.write_text(good)
    _until(lambda: json.loads(_get(srv.address + STATUS_PATH.lstrip("/")))["problems"] == [])


def test_editor_temporary_files_do_not_trigger_a_rebuild(server):
    srv, root = server
    builds = []
    srv.on_build = builds.append
    (root / "sellers/toko-a/products/.selendang.yaml.swp").write_text("x")
    (root / "sellers/toko-a/products/selendang.yaml~").write_text("x")
    time.sleep(1.0)
    assert builds == []


def test_ctrl_c_stops_the_server_cleanly(site_copy):
    import signal
    import subprocess
    import sys

    root = site_copy("basic")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(root), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        _until(lambda: _get_or_none(f"http://127.0.0.1:{port}/"), timeout=90)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Traceback" not in err
    assert f"http://127.0.0.1:{port}/" in out


def _get_or_none(url):
    try:
        return _get(url)
    except OSError:
        return None


def test_a_broken_seller_stays_reported_while_another_seller_is_edited(server):
    srv, root = server
    status_url = srv.address + STATUS_PATH.lstrip("/")
    broken = root / "sellers/toko-b/products/keripik.md"
    good = broken.read_text()
    broken.write_text(good.replace("price: 15000", "price: mahal"))
    _until(lambda: json.loads(_get(status_url))["problems"])
    other = root / "sellers/toko-a/products/selendang.yaml"
    other.write_text(other.read_text().replace("Selendang Sutra", "Selendang Sutra Halus"))
    _until(lambda: "Selendang Sutra Halus" in _get(srv.address + "toko-a/selendang.html"))
    assert any("keripik.md" in p for p in json.loads(_get(status_url))["problems"])
    broken.write_text(good)
    _until(lambda: json.loads(_get(status_url))["problems"] == [])


def test_a_theme_edit_while_serving_rebuilds_every_shop(server):
    srv, root = server
    theme = root / "themes/base/templates"
    theme.mkdir(parents=True)
    (root / "themes/base/theme.yaml").write_text("")
    source = __import__("generator.render.themes", fromlist=["BUILTIN_THEMES"]).BUILTIN_THEMES / "base/templates"
    for template in source.iterdir():
        (theme / template.name).write_text(template.read_text())
    footer = theme / "base.html"
    footer.write_text(footer.read_text().replace('{{ _("Made with Lapak") }}', "Dibuat dengan cinta"))
    # Both shops, each in its turn (a rebuild writes shops one after the other).
    _until(lambda: "Dibuat dengan cinta" in _get(srv.address + "toko-b/keripik.html"))
    _until(lambda: "Dibuat dengan cinta" in _get(srv.address + "toko-a/selendang.html"))


def test_ctrl_c_during_the_first_build_stops_at_once(site_copy):
    root = site_copy("basic")
    srv = Server(root, port=_free_port())
    srv.on_build = lambda result: (_ for _ in ()).throw(KeyboardInterrupt)  # as if pressed mid-build
    with pytest.raises(KeyboardInterrupt):
        srv.start()
    errors = []

    def stop():
        try:
            srv.stop()
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    stopper = threading.Thread(target=stop)
    stopper.start()
    stopper.join(timeout=10)
    assert not stopper.is_alive(), "stop() hangs when the server never started serving"
    assert errors == []


def test_a_file_saved_during_the_first_build_is_built_next(site_copy):
    root = site_copy("basic")
    srv = Server(root, port=_free_port())
    product = root / "sellers/toko-a/products/selendang.yaml"
    edited = []

    def edit_once(result):
        if not edited:
            edited.append(True)
            product.write_text(product.read_text().replace("Selendang Sutra", "Selendang Sutra Tenun"))

    srv.on_build = edit_once
    srv.start()
    try:
        _until(lambda: "Selendang Sutra Tenun" in _get(srv.address + "toko-a/selendang.html"))
    finally:
        srv.stop()


def test_lan_addresses_skip_loopback_and_keep_every_candidate(monkeypatch):
    import generator.serve as serve

    routes = {"192.0.2.1": "192.168.1.23", "8.8.8.8": "192.168.1.23"}
    monkeypatch.setattr(serve, "_route_source", lambda target: routes[target])
    monkeypatch.setattr(serve, "_host_addresses", lambda: ["127.0.1.1", "10.0.0.5", "192.168.1.23"])
    assert serve.lan_addresses() == ["192.168.1.23", "10.0.0.5"]
    routes = {"192.0.2.1": "", "8.8.8.8": ""}  # no route out: the host name's own addresses
    monkeypatch.setattr(serve, "_host_addresses", lambda: ["127.0.1.1"])
    assert serve.lan_addresses() == []


def test_serve_on_every_interface_prints_the_lan_addresses_and_a_qr_code(site_copy, run, monkeypatch):
    import generator.serve as serve

    class Stub:
        def __init__(self, root, out, host, port, lang):
            self.httpd = type("H", (), {"server_address": (host, 8123)})()
            self.address = f"http://{host}:8123/"

        def start(self):
            raise KeyboardInterrupt

        def stop(self):
            pass

    monkeypatch.setattr(serve, "Server", Stub)
    monkeypatch.setattr(serve, "lan_addresses", lambda: ["192.168.1.23", "10.0.0.5"])
    code, out, _ = run(["serve", str(site_copy("basic")), "--host", "0.0.0.0"])
    assert code == 0
    assert "pratinjau berjalan di http://192.168.1.23:8123/" in out and "127.0.0.1" not in out
    assert "juga bisa dibuka di: http://10.0.0.5:8123/" in out
    assert "█" in out or "▀" in out or "▄" in out  # the QR code
