"""A second serving process on its own data dir, fed by one Chroma server (rag.store.replica)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SAMPLE_QUESTION

from ingest import ingest
from rag.errors import StoreError
from rag.newsdesk import Newsdesk
from rag.settings import Settings
from rag.store.replica import ReplicaSync

HARBOUR = """---
title: Velmar council approves harbour expansion
source: Velmar Gazette
published: 2025-11-20
---
Velmar council approves harbour expansion

Mayor Ilse Brandt said the harbour expansion would create about 300 permanent jobs once the
berths open in 2028.
"""


def test_a_replica_rebuilds_from_the_server_answers_and_follows_the_ingest_host(
    tmp_path: Path, corpus: Path, chroma_server: str, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    host = Newsdesk(
        Settings(data_dir=tmp_path / "host", corpus_dir=corpus, chroma=chroma_server),
        embedder=embedder,
    )
    assert ingest(host).added == 1
    replica = Newsdesk(Settings(data_dir=tmp_path / "replica", chroma=chroma_server),
                       embedder=embedder)
    # Nothing was copied: the first question rebuilds the manifest and BM25 from the server.
    answer = replica.query(SAMPLE_QUESTION)
    assert not answer.refused and "illegitimate desire" in answer.citations[0].passage
    status = replica.status()
    assert status["replica_of"] == f"{chroma_server}/newsdesk"
    assert (status["articles"], status["chunks"]) == host.manifest.counts()
    assert status["consistent"] is True, status.get("problems")
    cited = answer.citations[0]
    article = replica.manifest.article(cited.article_id)
    assert article is not None
    # The article is laid back together from its chunks at the same offsets.
    assert article.text[cited.start : cited.end] == cited.passage
    assert article.title == host.manifest.article(cited.article_id).title  # type: ignore[union-attr]
    # A replica never writes: its rows came from the server, so a prune would delete the host's.
    with pytest.raises(StoreError, match="read replica"):
        ingest(replica)
    # The ingest host adds an article; the replica notices within its check interval.
    (corpus / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    assert ingest(host).added == 1
    monkeypatch.setattr(ReplicaSync, "CHECK_EVERY_S", 0.0)
    replica.query("What did the mayor say?")  # starts the background rebuild
    deadline = time.monotonic() + 60
    while replica.manifest.counts() != host.manifest.counts():
        assert time.monotonic() < deadline, "the replica did not follow the ingest host"
        time.sleep(0.2)
    replica._replica._running.join(30)  # type: ignore[union-attr]  # the lexical index too
    jobs = replica.query("How many permanent jobs would the harbour expansion create?")
    assert not jobs.refused and "300 permanent jobs" in jobs.citations[0].passage
    # It fetched only the article the host touched, not the whole server.
    followed = replica._replica.last  # type: ignore[union-attr]
    assert followed is not None and followed.followed and followed.articles == 1
    assert replica.status()["consistent"] is True
    # The ingest host itself never rebuilds from the server.
    assert host.status().get("replica_of") is None
    replica.close()
    host.close()


def test_an_empty_server_makes_no_replica(tmp_path: Path, chroma_server: str, embedder) -> None:
    desk = Newsdesk(Settings(data_dir=tmp_path / "d", chroma=chroma_server), embedder=embedder)
    assert desk.retrieve("anything at all") == []
    assert "replica_of" not in desk.status()
    desk.close()


def test_a_replica_follows_edits_and_deletes_and_rebuilds_when_the_chain_breaks(
    tmp_path: Path, corpus: Path, chroma_server: str, embedder
) -> None:
    from rag.store import lexical
    from rag.store.replica import CHANGE, side_collection

    settings = Settings(data_dir=tmp_path / "host", corpus_dir=corpus, chroma=chroma_server,
                        collection="follow")
    host = Newsdesk(settings, embedder=embedder)
    (corpus / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    assert ingest(host).added == 2
    replica = Newsdesk(Settings(data_dir=tmp_path / "replica", chroma=chroma_server,
                                collection="follow"), embedder=embedder)
    assert replica.retriever is not None  # the first use rebuilds an empty data dir whole
    sync = replica._replica
    assert sync is not None and sync.last is not None and not sync.last.followed
    # The host edits one article and deletes the other.
    (corpus / "harbour.md").write_text(HARBOUR.replace("300", "450"), encoding="utf-8")
    for f in corpus.glob("*.txt"):
        f.unlink()
    summary = ingest(host)
    assert (summary.updated, summary.removed) == (1, 1)
    done = sync.ensure()
    assert done is not None and done.followed and (done.articles, done.chunks) == (1, 1)
    assert replica.manifest.counts() == host.manifest.counts() == (1, 1)
    index = lexical.load(replica.settings.lexical_dir)
    assert index is not None and index.generation == replica.manifest.generation
    assert sorted(index.chunk_ids()) == sorted(host.manifest.chunk_ids("harbour.md"))
    jobs = replica.query("How many permanent jobs would the harbour expansion create?")
    assert not jobs.refused and "450 permanent jobs" in jobs.citations[0].passage
    # Change records gone (a replica that fell too far behind): it rebuilds whole.
    side = side_collection(settings)
    side.delete(where={"kind": CHANGE})
    (corpus / "harbour.md").write_text(HARBOUR.replace("300", "500"), encoding="utf-8")
    assert ingest(host).updated == 1
    side.delete(where={"kind": CHANGE})
    again = sync.ensure()
    assert again is not None and not again.followed
    assert replica.manifest.counts() == host.manifest.counts()
    assert replica.status()["consistent"] is True
    replica.close()
    host.close()
