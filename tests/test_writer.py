"""The writer: output folders it refuses, its lock, and what it never deletes."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import snapshot

from generator.output.writer import LOCK_FILE, output_lock, prepare_output

SHOP = "nama: {name}\nwhatsapp: 0812-3456-7890\n"


def _market(scratch, names=("toko-a", "toko-b")):
    files = {}
    for name in names:
        files[f"sellers/{name}/shop.yaml"] = SHOP.format(name=name.title())
        files[f"sellers/{name}/products/kain.yaml"] = "nama: Kain\nharga: 10rb\n"
    return scratch(files)


def test_output_that_is_a_file_or_holds_someone_elses_files_is_refused(scratch, run, tmp_path):
    root = _market(scratch)
    (tmp_path / "afile").write_text("x")
    code, _, err = run(["build", str(root), "--out", str(tmp_path / "afile")])
    assert code == 1 and "adalah file, bukan folder" in err and "Traceback" not in err
    docs = tmp_path / "dokumen"
    docs.mkdir()
    (docs / "index.html").write_text("my own page")
    code, _, err = run(["build", str(root), "--out", str(docs)])
    assert code == 1 and "bukan buatan Lapak" in err
    assert (docs / "index.html").read_text() == "my own page"
    code, _, err = run(["build", str(root), "--out", str(docs), "--lang", "en"])
    assert "files Lapak did not write" in err
    other_market = tmp_path / "pasar-lain"
    (other_market / "sellers").mkdir(parents=True)
    code, _, err = run(["build", str(root), "--out", str(other_market)])
    assert code == 1 and "tidak aman" in err and (other_market / "sellers").is_dir()
    fresh = tmp_path / "pages"
    (fresh / ".git").mkdir(parents=True)  # a deploy checkout: hidden files only, fine
    assert run(["build", str(root), "--out", str(fresh)])[0] == 0
    assert (fresh / ".git").is_dir() and (fresh / "toko-a/index.html").is_file()


def test_a_second_build_on_a_locked_output_is_refused_with_a_plain_message(scratch, run):
    root = _market(scratch)
    assert run(["build", str(root)])[0] == 0
    before = snapshot(root / "output")
    with output_lock(root / "output", single_shop=False):
        code, out, err = run(["build", str(root)])
        assert code == 1
        assert err.strip() == (
            f'build lain sedang berjalan di folder hasil "{root / "output"}" — tunggu sampai selesai lalu coba lagi'
        )
    assert snapshot(root / "output") == before
    assert run(["build", str(root)])[0] == 0  # released with the first build


def test_builds_started_together_never_corrupt_the_output(scratch, run, tmp_path):
    root = _market(scratch, [f"toko-{i}" for i in range(6)])
    assert run(["build", str(root), "--out", str(tmp_path / "ref")])[0] == 0
    expected = snapshot(tmp_path / "ref")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "generator", "build", str(root), "--out", str(out), "--jobs", "1"]
    procs = [
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "LAPAK_LANG": "id"}
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert all(code == 0 or (code == 1 and "sedang berjalan" in err) for code, err in results), results
    assert any(code == 0 for code, _ in results)
    assert all("Traceback" not in err for _, err in results)
    assert snapshot(out) == expected


def test_a_deleted_seller_loses_only_the_files_lapak_wrote(scratch, run):
    root = _market(scratch)
    assert run(["build", str(root)])[0] == 0
    (root / "output/toko-b/google123.html").write_text("verification")
    (root / "output/toko-b/foto").mkdir(exist_ok=True)
    (root / "output/toko-b/foto/mine.jpg").write_bytes(b"mine")
    import shutil

    shutil.rmtree(root / "sellers/toko-b")
    assert run(["build", str(root)])[0] == 0
    left = sorted(
        p.relative_to(root / "output/toko-b").as_posix() for p in (root / "output/toko-b").rglob("*") if p.is_file()
    )
    assert left == ["foto/mine.jpg", "google123.html"]
    assert "toko-b/index.html" not in (root / "output/index.html").read_text()


def test_leftovers_of_a_killed_build_are_finished_or_undone(scratch, run):
    root = _market(scratch, ["toko-a", "toko-b", "toko-c"])
    assert run(["build", str(root)])[0] == 0
    out = root / "output"
    good = snapshot(out)
    # Killed between the two renames of the fallback swap: the old shop sits in the trash.
    os.rename(out / "toko-a", out / ".lapak-old-toko-a")
    # Killed while writing a shop, and while removing a deleted seller's files.
    (out / ".lapak-new-toko-b/kategori").mkdir(parents=True)
    (out / ".lapak-new-toko-b/kategori/half.html").write_text("half")
    (out / ".index.html.lapak-tmp").write_text("half")
    os.rename(out / "toko-c", out / ".lapak-gone-toko-c")
    (out / ".lapak-gone-toko-c/CNAME-owner.txt").write_text("mine")
    with output_lock(out, single_shop=False):
        prepare_output(out, single_shop=False)
    names = sorted(os.listdir(out))
    assert not [n for n in names if n.startswith((".lapak-new-", ".lapak-old-", ".lapak-gone-", ".index"))], names
    assert snapshot(out / "toko-a") == {k[len("toko-a/") :]: v for k, v in good.items() if k.startswith("toko-a/")}
    assert sorted(os.listdir(out / "toko-c")) == ["CNAME-owner.txt"]  # the seller's files went, the owner's stayed
    assert (out / LOCK_FILE).is_file()


def test_without_an_atomic_exchange_the_two_rename_swap_still_works(scratch, run, monkeypatch):
    import generator.output.writer as writer

    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)  # e.g. a file system without RENAME_EXCHANGE
    root = _market(scratch)
    assert run(["build", str(root)])[0] == 0
    (root / "output/toko-a/CNAME").write_text("mine")
    (root / "sellers/toko-a/products/kain.yaml").write_text("nama: Kain Baru\nharga: 20rb\n")
    assert run(["build", str(root)])[0] == 0
    assert "Kain Baru" in (root / "output/toko-a/kain.html").read_text()
    assert (root / "output/toko-a/CNAME").read_text() == "mine"
    assert not [
        n
        for n in os.listdir(root / "output")
        if n.startswith(".lapak-") and n != LOCK_FILE and n != ".lapak-files.json"
    ]


def test_someones_file_where_a_shop_goes_is_never_replaced(scratch, run):
    root = _market(scratch)
    assert run(["build", str(root)])[0] == 0
    import shutil

    shutil.rmtree(root / "output/toko-b")
    (root / "output/toko-b").write_text("my notes")
    code, _, err = run(["build", str(root)])
    assert code == 1 and "adalah file, bukan folder" in err
    assert (root / "output/toko-b").read_text() == "my notes"
    assert (root / "output/toko-a/index.html").is_file() and (root / "output/index.html").is_file()


def test_a_single_shop_is_locked_and_tidied_next_to_its_output(scratch, run, tmp_path):
    root = scratch({"shop.yaml": SHOP.format(name="Satu"), "products/kain.yaml": "nama: Kain\nharga: 1rb\n"})
    site = tmp_path / "site"
    assert run(["build", str(root), "--out", str(site)])[0] == 0
    (tmp_path / ".lapak-new-site").mkdir()  # a killed build's half-written staging folder
    (tmp_path / ".lapak-new-site/kain.html").write_text("half")
    with output_lock(site, single_shop=True):
        code, _, err = run(["build", str(root), "--out", str(site)])
        assert code == 1 and "sedang berjalan" in err
    assert run(["build", str(root), "--out", str(site)])[0] == 0
    assert not (tmp_path / ".lapak-new-site").exists() and not (site / LOCK_FILE).exists()
    assert (tmp_path / f"{LOCK_FILE}-site").is_file()


def test_a_hosts_own_files_in_a_new_output_are_kept_and_only_a_clash_is_refused(scratch, run, tmp_path):
    root = _market(scratch)
    host = tmp_path / "situs"
    host.mkdir()
    mine = {
        "CNAME": "toko.example.id\n",
        ".nojekyll": "",
        "google1a2b3c.html": "google-site-verification",
        "favicon.ico": "icon",
        "BingSiteAuth.xml": "<users/>",
    }
    for name, text in mine.items():
        (host / name).write_text(text)
    code, _, err = run(["build", str(root), "--out", str(host)])
    assert code == 0, err
    assert {name: (host / name).read_text() for name in mine} == mine
    assert (host / "toko-a/index.html").is_file() and (host / "index.html").is_file()
    code, _, err = run(["build", str(root), "--out", str(host)])  # and again, now Lapak's
    assert code == 0 and {name: (host / name).read_text() for name in mine} == mine
    for clash in ["index.html", "toko-b", "sitemap.xml"]:
        other = tmp_path / f"lain-{clash}"
        other.mkdir()
        (other / "CNAME").write_text("x")
        (other / clash).mkdir() if "." not in clash else (other / clash).write_text("mine")
        code, _, err = run(["build", str(root), "--out", str(other)])
        assert code == 1 and f'sudah berisi "{clash}" yang bukan buatan Lapak' in err, clash
        assert sorted(os.listdir(other)) == sorted(["CNAME", clash])


def test_a_single_shops_new_output_refuses_only_a_page_it_would_write(scratch, run, tmp_path):
    root = scratch({"shop.yaml": SHOP.format(name="Dapur"), "products/sambal.yaml": "nama: Sambal\nharga: 10rb\n"})
    out = tmp_path / "situs"
    out.mkdir()
    (out / "google1a2b3c.html").write_text("verification")
    (out / "CNAME").write_text("dapur.example.id\n")
    code, _, err = run(["build", str(root), "--out", str(out)])
    assert code == 0, err
    assert (out / "google1a2b3c.html").read_text() == "verification" and (out / "sambal.html").is_file()
    other = tmp_path / "lain"
    other.mkdir()
    (other / "sambal.html").write_text("my page")
    code, _, err = run(["build", str(root), "--out", str(other)])
    assert code == 1 and '"sambal.html"' in err and (other / "sambal.html").read_text() == "my page"
