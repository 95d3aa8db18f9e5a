"""The Dask path: per-source steps on a LocalCluster of worker processes, the same bundle bytes."""

from __future__ import annotations

import filecmp

import pytest

pytest.importorskip("distributed", reason="the Dask path needs the optional extra: pip install 'citetrace[dask]'")

from distributed import Client, LocalCluster

from annotate import ResultCache, annotate, write_bundle
from annotate.distributed import annotate_with_dask, dask_documents
from corpus import analyze, source_from_text

TEXTS = [
    "Talks\n\nTalks began in Washington on 9 November 1933. Maxim Litvinov led the Soviet side.\n",
    "The Treaty\n\nThe treaty was signed in Paris in 1928. Sixty-two nations later joined it.\n",
    "The Bridge\n\nThe bridge opened on 27 May 1937. It cost 35 million dollars to build.\n",
    "Recognition\n\nRoosevelt recognized the Soviet Union on 16 November 1933, after talks with Litvinov.\n",
    "The River\n\nThe river floods every spring. Farmers along it plant rice in June.\n",
]


@pytest.fixture(scope="module")
def client():
    # Worker processes (not threads): every task and result crosses a process boundary, as on a cluster.
    with (
        LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_the_bundle_from_a_dask_cluster_is_byte_identical(tmp_path, client):
    sources = [source_from_text(text, f"doc{k}") for k, text in enumerate(TEXTS)]
    write_bundle(tmp_path / "dask", annotate_with_dask(sources, client))
    write_bundle(tmp_path / "local", annotate([analyze(s) for s in sources]))
    files = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "dask") for p in (tmp_path / "dask").rglob("*") if p.is_file())
    for rel in files:
        assert filecmp.cmp(tmp_path / "local" / rel, tmp_path / "dask" / rel, shallow=False), rel
    assert len(client.scheduler_info()["workers"]) == 3


def test_only_sources_the_cache_lacks_go_to_the_cluster(tmp_path, client):
    sources = [source_from_text(text, f"doc{k}") for k, text in enumerate(TEXTS)]
    cache = ResultCache(tmp_path / "c")
    first = dask_documents(sources[:3], client, cache=cache)
    again = ResultCache(tmp_path / "c")
    docs = dask_documents(sources, client, cache=again)
    assert (again.hits, again.misses) == (3, 2)
    assert docs[:3] == first and docs == [analyze(s) for s in sources]
