"""The lexical index (rag/store/lexical.py): a real tantivy index kept level with a real manifest,
article by article, and rebuilt whole when it cannot follow."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rag.filters import Filters
from rag.store import lexical
from rag.store.manifest import ArticleRow, ChunkRow, Manifest
from rag.text import terms

TEXTS = {
    "rubio": ("Wire", 1_763_000_000, ["Rubio said security guarantees are a legitimate desire.",
                                       "Negotiators have not drilled down to that level."]),
    "macron": ("Courier", 1_764_000_000, ["Macron met Witkoff in Geneva on Sunday."]),
    "harbour": ("", None, ["The harbour council met on Tuesday to discuss the budget.",
                           "The budget for the harbour grew by a tenth."]),
}


def article(aid: str, source: str, ts: int | None, sentences: list[str]
            ) -> tuple[ArticleRow, list[ChunkRow]]:
    text = " ".join(sentences)
    chunks, pos = [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        pos = start + len(s)
        chunks.append(ChunkRow(f"{aid}-{i}", aid, i, start, pos, s, f"h-{aid}-{i}",
                               " ".join(terms(s))))
    row = ArticleRow(aid, f"{aid}.txt", f"hash-{aid}-{len(text)}", aid.title(), source, "",
                     "", ts, "", text, len(chunks))
    return row, chunks


def commit(manifest: Manifest, aid: str, *sentences: str) -> None:
    source, ts, default = TEXTS.get(aid, ("Wire", None, []))
    row, chunks = article(aid, source, ts, list(sentences) or default)
    manifest.commit_articles([row], chunks)


@pytest.fixture()
def desk(tmp_path: Path) -> tuple[Manifest, Path]:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    for aid in TEXTS:
        commit(manifest, aid)
    return manifest, tmp_path / "lexical"


def chunk_ids(root: Path) -> list[str]:
    index = lexical.load(root)
    assert index is not None
    return sorted(index.chunk_ids())


def test_search_ranks_by_bm25_and_scores_given_chunks(desk: tuple[Manifest, Path]) -> None:
    manifest, root = desk
    assert lexical.sync(manifest, root) == manifest.generation  # no index yet: built whole
    index = lexical.load(root)
    assert index is not None and index.generation == manifest.generation and index.size == 5
    hits = index.search("How much did the harbour budget grow?", 10)
    assert list(hits)[:2] == ["harbour-1", "harbour-0"]  # "grow" too, best first
    assert all(s > 0 for s in hits.values()) and "rubio-0" not in hits
    assert index.search("zebra quantum", 10) == {}  # no question term in the index
    some = index.search("harbour budget", 0, also=["harbour-0", "rubio-0", "unknown"])
    assert set(some) == {"harbour-0"} and some["harbour-0"] == pytest.approx(hits["harbour-0"])
    # Lucene's IDF from the index's document frequencies; an unknown term weighs the most.
    assert index.term_idf("harbour") == pytest.approx(math.log(1 + (5 - 2 + 0.5) / 2.5))
    assert index.term_idf("zebra") == pytest.approx(math.log(1 + (5 - 1 + 0.5) / 1.5))


def test_filters_select_sources_and_dates_as_chroma_does(desk: tuple[Manifest, Path]) -> None:
    manifest, root = desk
    lexical.build(manifest, root)
    index = lexical.load(root)
    assert index is not None
    q = "Rubio Macron harbour"
    assert {c.split("-")[0] for c in index.search(q, 10)} == {"rubio", "macron", "harbour"}
    by_source = index.search(q, 10, Filters(sources=("Wire", "")))
    assert {c.split("-")[0] for c in by_source} == {"rubio", "harbour"}  # "" = no source
    since = Filters.coerce({"since": "2025-11-20"})
    assert since is not None
    assert {c.split("-")[0] for c in index.search(q, 10, since)} == {"macron"}
    with_undated = Filters.coerce({"since": "2025-11-20", "undated": True})
    assert with_undated is not None
    assert {c.split("-")[0] for c in index.search(q, 10, with_undated)} == {"macron", "harbour"}
    # A filter adds nothing to a score: the same chunk scores the same with or without it.
    assert index.search(q, 10, since)["macron-0"] == pytest.approx(index.search(q, 10)["macron-0"])


def test_sync_follows_only_the_articles_commits_touched(desk: tuple[Manifest, Path]) -> None:
    manifest, root = desk
    lexical.sync(manifest, root)
    assert manifest.lexical_dirty() == []
    commit(manifest, "rubio", "Rubio said the ceasefire talks would resume in Geneva.")
    manifest.commit_articles([], [], removed=["harbour"])
    assert sorted(manifest.lexical_dirty()) == ["harbour", "rubio"]
    reader = lexical.load(root)  # a reader at the old generation keeps its view
    assert reader is not None and "harbour-0" in reader.search("harbour", 5)
    assert lexical.sync(manifest, root) == manifest.generation
    assert manifest.lexical_dirty() == []
    assert chunk_ids(root) == ["macron-0", "rubio-0"]
    index = lexical.load(root)
    assert index is not None and index.generation == manifest.generation
    assert list(index.search("ceasefire", 5)) == ["rubio-0"]
    assert index.search("harbour", 5) == {}


def test_a_sync_killed_before_it_cleared_its_list_is_applied_again(
    desk: tuple[Manifest, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, root = desk
    lexical.sync(manifest, root)
    commit(manifest, "macron", "Macron hosted the summit in Paris.")

    def killed(_ids: object) -> None:
        raise KeyboardInterrupt  # the process dies after tantivy committed

    monkeypatch.setattr(manifest, "clear_lexical_dirty", killed)
    with pytest.raises(KeyboardInterrupt):
        lexical.sync(manifest, root)
    monkeypatch.undo()
    assert manifest.lexical_dirty() == ["macron"]
    lexical.sync(manifest, root)
    ids = chunk_ids(root)
    assert ids == sorted({c for rows in manifest.iter_index_rows(None) for c, *_ in rows})
    assert len(ids) == len(set(ids)) == 5  # nothing indexed twice


def test_a_missing_or_foreign_index_is_rebuilt_whole(desk: tuple[Manifest, Path]) -> None:
    manifest, root = desk
    lexical.sync(manifest, root)
    for f in root.iterdir():
        if f.name != lexical.GENERATION:
            f.unlink() if f.is_file() else None
    assert lexical.sync(manifest, root) == manifest.generation
    assert len(chunk_ids(root)) == 5
    (root / lexical.GENERATION).write_text(str(manifest.generation + 7))  # a restored backup
    assert lexical.sync(manifest, root) == manifest.generation
    assert len(chunk_ids(root)) == 5
    assert lexical.current_generation(root) == manifest.generation


def test_a_replica_rebuild_clears_the_list(desk: tuple[Manifest, Path]) -> None:
    manifest, root = desk
    rows = list(manifest.iter_index_rows(None))
    assert manifest.lexical_dirty()
    manifest.replace_all([], lambda aid, chunks: article(aid, "", None, ["x"])[0], {})
    assert manifest.lexical_dirty() == []
    assert lexical.build(manifest, root) == manifest.generation
    assert chunk_ids(root) == [] and rows


def test_a_failed_update_releases_the_writer_for_the_next_one(
    desk: tuple[Manifest, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.errors import StoreError

    manifest, root = desk
    lexical.sync(manifest, root)
    commit(manifest, "macron", "Macron hosted the summit in Paris.")

    def disk_full(_ids: object, page: int = 0) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest, "iter_index_rows", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        lexical.sync(manifest, root)
    monkeypatch.undo()
    assert manifest.lexical_dirty() == ["macron"]  # still listed
    lexical.sync(manifest, root)  # the same process writes again: the lock was released
    index = lexical.load(root)
    assert index is not None and list(index.search("summit", 5)) == ["macron-0"]
