"""`lapak build --dask ADDRESS`: the per-seller work on a Dask distributed cluster (here a
LocalCluster on localhost) gives the same output as a build on this machine."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import distributed  # in the test extra (and lapak[dask])
import pytest
from helpers import snapshot

from generator import workers

SITES = Path(__file__).parent / "sites"


def market(folder: Path, sellers: int = 10) -> Path:
    """tests/sites/basic with its first seller copied into `sellers` folders in all (enough
    that the build hands its sellers to the workers)."""
    root = folder / "pasar"
    shutil.copytree(SITES / "basic", root)
    for i in range(sellers - 2):
        shutil.copytree(root / "sellers/toko-a", root / f"sellers/toko-{i:02d}")
    return root


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as c:
        yield c


def test_a_build_on_a_dask_cluster_is_byte_identical_to_a_local_build(tmp_path, run, cluster):
    here, there = market(tmp_path / "here"), market(tmp_path / "there")
    assert run(["build", str(here)])[0] == 0
    code, out, err = run(["build", str(there), "--dask", cluster.scheduler_address])
    assert code == 0, err
    assert snapshot(there / "output") == snapshot(here / "output")
    assert "10 toko" in out
    assert "build_seller_task" in cluster.scheduler.task_prefixes  # the sellers went to the cluster
    # A rebuild on the cluster changes nothing.
    assert run(["build", str(there), "--dask", cluster.scheduler_address])[0] == 0
    assert snapshot(there / "output") == snapshot(here / "output")


def test_each_worker_is_asked_whether_it_sees_the_market_and_can_write(tmp_path, cluster):
    root = market(tmp_path)
    with distributed.Client(cluster.scheduler_address) as client:
        ok = client.run(workers.worker_ready, str(root), str(root / "output"), workers._version())
        missing = client.run(workers.worker_ready, str(tmp_path / "tidak-ada"), str(root / "output"), "0.1.0")
        other = client.run(workers.worker_ready, str(root), str(root / "output"), "0.0.1")
    assert list(ok.values()) == [None, None]
    assert {answer[0] for answer in missing.values()} == {"dask.no_market"}
    assert {answer[0] for answer in other.values()} == {"dask.version"}


def test_a_worker_that_cannot_see_the_market_stops_the_build_at_once(tmp_path, run, monkeypatch):
    root = market(tmp_path)
    elsewhere = tmp_path / "tidak-ada"
    real = workers.worker_ready
    # In-process workers (threads), told the market is somewhere they cannot see.
    monkeypatch.setattr(workers, "worker_ready", lambda _root, out, version: real(str(elsewhere), out, version))
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as local:
        code, out, err = run(["build", str(root), "--dask", local.scheduler_address])
    assert code == 1 and not (root / "output/index.html").exists()
    assert f"tidak melihat folder pasar {elsewhere}" in err
    assert "penyimpanan bersama" in err


def test_without_dask_installed_the_build_says_how_to_install_it(tmp_path, run, monkeypatch):
    root = market(tmp_path, sellers=2)
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails as if not installed
    code, _, err = run(["build", str(root), "--dask", "tcp://127.0.0.1:8786"])
    assert code == 1
    assert err.strip() == "--dask perlu Dask, yang belum terpasang — pasang dengan: pip install 'lapak[dask]'"
    code, _, err = run(["build", str(root), "--dask", "tcp://127.0.0.1:8786", "--lang", "en"])
    assert "pip install 'lapak[dask]'" in err and "not installed" in err
