"""Deploy recipes: a ready zip for any web host, and a single-commit push for GitHub Pages."""

from __future__ import annotations

import subprocess
import zipfile

from helpers import parse, wa_links


def test_zip_holds_the_published_site_only_and_is_deterministic(site_copy, run, tmp_path):
    root = site_copy("basic")
    code, out, err = run(["build", str(root), "--zip"])
    assert code == 0, err
    archive = root / "output.zip"
    first = archive.read_bytes()
    names = zipfile.ZipFile(archive).namelist()
    assert "index.html" in names and "toko-a/kain-indigo.html" in names and "toko-a/qr.svg" in names
    assert not [n for n in names if ".lapak" in n]
    unpacked = tmp_path / "host"
    zipfile.ZipFile(archive).extractall(unpacked)
    assert wa_links(parse(unpacked / "toko-a/kain-indigo.html"))[0][0] == "6281234567890"
    assert run(["build", str(root), "--zip"])[0] == 0
    assert archive.read_bytes() == first


def test_publish_pushes_one_commit_to_a_bare_repository(site_copy, run, tmp_path):
    root = site_copy("basic")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    code, _, err = run(["publish", str(root), "--git", str(bare)])
    assert code == 1 and "jalankan dulu: lapak build" in err
    assert run(["build", str(root)])[0] == 0
    for _ in range(2):  # publishing twice still leaves a single commit
        code, out, err = run(["publish", str(root), "--git", str(bare), "--branch", "gh-pages"])
        assert code == 0, err
    log = subprocess.run(
        ["git", "--git-dir", str(bare), "log", "--oneline", "gh-pages"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(log) == 1
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", "-b", "gh-pages", str(bare), str(checkout)], check=True)
    assert (checkout / ".nojekyll").is_file() and not list(checkout.rglob(".lapak-*"))
    assert wa_links(parse(checkout / "toko-b/keripik.html"))[0][0] == "6281320001111"
    code, _, err = run(["publish", str(root), "--git", str(tmp_path / "missing.git")])
    assert code == 1 and "gagal mengirim ke git" in err and "Traceback" not in err


def test_publish_shows_gits_whole_message_then_the_advice(site_copy, run, tmp_path):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    code, _, err = run(["publish", str(root), "--git", str(tmp_path / "missing.git")])
    assert code == 1
    assert err.strip() == (
        f"gagal mengirim ke git (pesan git: fatal: '{tmp_path / 'missing.git'}' does not appear to be a git "
        "repository / fatal: Could not read from remote repository. / Please make sure you have the correct "
        "access rights and the repository exists.) — periksa alamat repositori dan izin aksesnya"
    )
