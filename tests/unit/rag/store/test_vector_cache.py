"""The manifest's vector cache (text hash -> vector): kept for texts some chunk holds, dropped
with the last chunk that held it, at the cost of what changed, not of the store."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.store.manifest import ArticleRow, ChunkRow, Manifest


def _article(aid: str, texts: list[str]) -> tuple[ArticleRow, list[ChunkRow]]:
    body = " ".join(texts)
    chunks, pos = [], 0
    for i, t in enumerate(texts):
        start = body.index(t, pos)
        pos = start + len(t)
        chunks.append(ChunkRow(f"{aid}-{i}", aid, i, start, pos, t, f"h:{t}", t.lower()))
    row = ArticleRow(aid, f"{aid}.txt", f"c:{body}", aid, "Wire", "", "", None, "", body,
                     len(chunks))
    return row, chunks


def _commit(manifest: Manifest, aid: str, texts: list[str]) -> None:
    row, chunks = _article(aid, texts)
    manifest.cache_vectors({c.text_hash: np.full(4, len(c.text), np.float32) for c in chunks})
    manifest.commit_articles([row], chunks)


def _cached(manifest: Manifest, *texts: str) -> set[str]:
    return {h.removeprefix("h:") for h in manifest.cached_vectors([f"h:{t}" for t in texts])}


def test_an_edit_drops_the_vectors_of_the_texts_it_replaced(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    _commit(manifest, "a", ["Harbour budget grows.", "Ferry keeps its timetable."])
    _commit(manifest, "b", ["Ferry keeps its timetable.", "Bridge closes in May."])
    _commit(manifest, "a", ["Harbour budget shrinks.", "Ferry keeps its timetable."])
    assert _cached(manifest, "Harbour budget grows.") == set()  # no chunk holds it now
    assert _cached(manifest, "Harbour budget shrinks.", "Ferry keeps its timetable.",
                   "Bridge closes in May.") == {
        "Harbour budget shrinks.", "Ferry keeps its timetable.", "Bridge closes in May."}
    # Removing an article keeps a text another article still holds.
    manifest.commit_articles([], [], removed=["a"])
    assert _cached(manifest, "Ferry keeps its timetable.", "Harbour budget shrinks.") == {
        "Ferry keeps its timetable."}
    manifest.close()


def test_a_run_prunes_what_it_cached_and_did_not_keep(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    _commit(manifest, "a", ["Harbour budget grows."])
    stray = {"h:Never stored.": np.ones(4, np.float32), "h:Old stray.": np.ones(4, np.float32)}
    manifest.cache_vectors(stray)
    # Only what is asked about is looked at: the other stray stays for a whole prune.
    assert manifest.prune_vector_cache(["h:Never stored.", "h:Harbour budget grows."]) == 1
    assert _cached(manifest, "Never stored.", "Old stray.", "Harbour budget grows.") == {
        "Old stray.", "Harbour budget grows."}
    assert manifest.prune_vector_cache() == 1
    assert _cached(manifest, "Old stray.", "Harbour budget grows.") == {"Harbour budget grows."}
    manifest.close()
