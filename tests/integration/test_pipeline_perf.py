"""Ingest work-skipping and pipelining: counts of what was embedded and opened, not timings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import ingest.pipeline as pipeline
from ingest import ingest
from ingest.pipeline import Ingestor
from rag.errors import StoreError
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.store.chroma import open_collection

LOCAL_WORDS = (
    "harbour crane pier storm wind ferry dock gate tide rope boat quay captain crew siren "
    "night rain lights truck cargo engine radio mayor police road bridge river bank hill"
).split()


def _long_article(topic: str, n: int = 40) -> str:
    body = " ".join(
        f"Report {i} says the {topic} council met on day {i} and voted {i % 7} times."
        for i in range(n)
    )
    return f"{topic.title()} council\n{body}\n"


def _texts(desk: Newsdesk, article_id: str) -> set[str]:
    rows = desk.manifest.chunks(desk.manifest.chunk_ids(article_id))
    return {chunk.text for chunk, _ in rows.values()}


def test_edit_reembeds_only_changed_chunks(desk: Newsdesk, corpus: Path) -> None:
    path = corpus / "council.txt"
    path.write_text(_long_article("harbour"))
    first = ingest(desk)
    before = _texts(desk, "council.txt")
    assert len(before) >= 3
    edited = path.read_text().replace("Report 39 says", "Report 39 now says")
    path.write_text(edited)
    encoded_before = desk.embedder.texts_encoded
    second = ingest(desk)
    after = _texts(desk, "council.txt")
    changed = after - before
    assert second.updated == 1 and first.added == 2
    assert 1 <= len(changed) < len(after)
    assert second.chunks_embedded == len(changed)
    assert desk.embedder.texts_encoded - encoded_before == len(changed)
    assert second.chunks_written == len(after)


def test_duplicate_chunks_embedded_once(desk: Newsdesk, corpus: Path) -> None:
    wire = _long_article("wire", 25)
    body = wire.split("\n", 1)[1]
    for outlet in ("reuters", "ap", "afp"):
        head = f"---\ntitle: Storm closes port\nsource: {outlet}\n---\n"
        # Each outlet adds its own reporting, so the articles share the wire chunks without
        # being copies of one another (identical copies are folded: test_feeds.py).
        rng = random.Random(outlet)
        local = " ".join(
            " ".join(rng.choice(LOCAL_WORDS) for _ in range(12)).capitalize() + "."
            for _ in range(25)
        )
        (corpus / f"{outlet}.txt").write_text(head + body + "\n" + local + "\n")
    summary = ingest(desk, prune=False)
    assert summary.folded == 0
    distinct = set()
    for article in desk.articles():
        rows = desk.manifest.chunks(desk.manifest.chunk_ids(article.article_id))
        distinct |= {chunk.text_hash for chunk, _ in rows.values()}
    _, n_chunks = desk.manifest.counts()
    assert summary.chunks_written == n_chunks
    assert summary.chunks_embedded == len(distinct) < n_chunks
    assert open_collection(desk.settings).count() == n_chunks


def test_unchanged_reingest_loads_neither_model_nor_chroma(
    desk: Newsdesk, corpus: Path, settings: Settings
) -> None:
    (corpus / "b.txt").write_text(_long_article("rail", 10))
    ingest(desk)
    cold = Embedder(settings.model_path())
    opened: list[int] = []

    def factory():
        opened.append(1)
        return open_collection(settings)

    summary = Ingestor(settings, factory, desk.manifest, cold).run([corpus])
    assert (summary.unchanged, summary.added, summary.updated) == (2, 0, 0)
    assert opened == [] and cold._model is None
    (corpus / "b.txt").unlink()
    summary = Ingestor(settings, factory, desk.manifest, cold).run([corpus])
    assert summary.removed == 1 and opened == [1] and cold._model is None


def _many(corpus: Path, n: int) -> None:
    for i in range(n):
        (corpus / f"n{i:02d}.txt").write_text(f"Item {i}\nThe ferry number {i} left at {i} am.\n")


def test_pipelined_batches_match_manifest(
    desk: Newsdesk, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_CHUNKS", 3)
    _many(corpus, 20)
    summary = ingest(desk)
    _, n_chunks = desk.manifest.counts()
    got = open_collection(desk.settings).get(include=[])
    assert summary.added == 21 and desk.manifest.pending() == []
    assert sorted(got["ids"]) == sorted(
        cid for a in desk.articles() for cid in desk.manifest.chunk_ids(a.article_id)
    )
    assert len(got["ids"]) == n_chunks == summary.chunks_written


class _FailingSecondUpsert:
    """A collection whose second upsert fails, as a full disk or a dropped server would."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.upserts = 0
        self._client = inner._client

    def upsert(self, **kw) -> None:
        self.upserts += 1
        if self.upserts == 2:
            raise OSError("disk full")
        self.inner.upsert(**kw)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def test_writer_error_stops_ingest_and_next_run_recovers(
    desk: Newsdesk, corpus: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_CHUNKS", 3)
    _many(corpus, 12)
    failing = _FailingSecondUpsert(open_collection(settings))
    with pytest.raises(StoreError, match="disk full"):
        Ingestor(settings, lambda: failing, desk.manifest, desk.embedder).run([corpus])
    articles, _ = desk.manifest.counts()
    assert articles == 3  # the first batch committed, the failed one never did
    assert len(desk.manifest.pending()) == 3  # ...and is journalled for the next run to wipe
    summary = ingest(desk)
    assert desk.manifest.pending() == [] and summary.added == 13 - 3
    _, n_chunks = desk.manifest.counts()
    assert open_collection(settings).count() == n_chunks


def test_reader_error_reaches_the_caller(desk: Newsdesk, corpus: Path) -> None:
    _many(corpus, 3)

    def progress(done: int, total: int, name: str) -> None:
        if done == 2:
            raise RuntimeError("progress display broke")

    with pytest.raises(RuntimeError, match="progress display broke"):
        ingest(desk, progress=progress)
    assert desk.manifest.pending() == []
