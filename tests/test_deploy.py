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


def test_publish_says_before_pushing_when_the_site_is_past_github_pages_size(site_copy, run, tmp_path, monkeypatch):
    import generator.cli as cli

    root = site_copy("basic")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    assert run(["build", str(root)])[0] == 0
    code, out, err = run(["publish", str(root), "--git", str(bare)])
    assert code == 0 and "GitHub Pages" not in err  # the example market: a few hundred kilobytes
    count, size = cli.site_size(root / "output")
    monkeypatch.setattr(cli, "PAGES_LIMIT_BYTES", size - 1)  # as if the limit were just under this site
    code, out, err = run(["publish", str(root), "--git", str(bare)])
    assert code == 0 and "situs dikirim" in out  # still pushed: the remote need not be GitHub's
    assert f"{size / 1e9:.1f}".replace(".", ",") + " GB" in err and f"{count} file" in err
    assert "GitHub Pages hanya menayangkan situs sampai 1 GB" in err and "Netlify" in err
    code, out, err = run(["publish", str(root), "--git", str(bare), "--lang", "en"])
    assert "GitHub Pages only serves sites up to 1 GB" in err
    monkeypatch.setattr(cli, "site_size", lambda out: (70287, 1_588_539_397))  # a 2,500 × 20 market's
    monkeypatch.setattr(cli, "PAGES_LIMIT_BYTES", 1_000_000_000)
    code, out, err = run(["publish", str(root), "--git", str(bare)])
    assert code == 0 and "situs ini 1,6 GB dalam 70.287 file" in err
    code, out, err = run(["publish", str(root), "--git", str(bare), "--lang", "en"])
    assert "this site is 1.6 GB in 70,287 files" in err
