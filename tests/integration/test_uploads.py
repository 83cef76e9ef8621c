"""Uploads (issue 12, Medium 4 and Low): checked before they reach the corpus, placed only once
ingested, never replacing an article with a refused file, saved with the corpus's file mode."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from conftest import SAMPLE, SAMPLE_QUESTION
from hostile_inputs import alias_bomb

from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from ui.library import LibraryHandlers

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
HARBOUR = (
    "---\ntitle: Harbour crane delivered\n---\nThe third harbour crane arrived in Tallinn on "
    "Tuesday, the port authority said.\n"
)


def _browser_files(root: Path, files: dict[str, bytes]) -> list[str]:
    """What Gradio hands the handler: temp paths whose basenames are the names the user sent."""
    paths = []
    for i, (name, data) in enumerate(files.items()):
        folder = root / f"upload-{i}"
        folder.mkdir(parents=True)
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    return paths


def _corpus_state(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(corpus.iterdir())}


def test_refused_uploads_never_touch_the_corpus_or_the_store(
    tmp_path: Path, settings: Settings, embedder: Embedder
) -> None:
    desk = Newsdesk(settings, embedder=embedder)
    handlers = LibraryHandlers(desk)
    first = handlers.ingest_api([])  # the corpus: the sample article
    assert first["added"] == 1
    before = _corpus_state(settings.corpus_dir)
    answer = desk.query(SAMPLE_QUESTION)
    # PNG bytes under the sample's name, an alias bomb, JSON nested 100 000 deep.
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    result = handlers.ingest_api(_browser_files(tmp_path / "b1", {
        SAMPLE.name: PNG, "bomb.md": alias_bomb(6).encode(), "deep.json": deep,
    }))
    failed = {f["file"]: f["reason"] for f in result["failed"]}
    assert set(failed) == {SAMPLE.name, "bomb.md", "deep.json"}, failed
    assert "PNG image" in failed[SAMPLE.name] and "aliases" in failed["bomb.md"]
    assert "nested too deeply" in failed["deep.json"]
    assert (result["added"], result["updated"]) == (0, 0)
    # The article, its file and its chunks are as they were; nothing refused stays behind.
    assert _corpus_state(settings.corpus_dir) == before
    again = desk.query(SAMPLE_QUESTION)
    assert again.text == answer.text and again.citations[0].passage == answer.citations[0].passage
    assert handlers.ingest_api([])["unchanged"] == 1  # a full re-ingest finds nothing to fix


def test_good_uploads_are_placed_with_the_corpus_mode_and_never_overwrite_a_file(
    tmp_path: Path, settings: Settings, embedder: Embedder
) -> None:
    desk = Newsdesk(settings, embedder=embedder)
    handlers = LibraryHandlers(desk)
    handlers.ingest_api([])
    old_umask = os.umask(0o022)
    try:
        mixed = json.dumps([
            {"title": "Ferry strike ends", "body": "The ferry strike ended on Monday after a pay "
             "deal.", "url": "https://x.test/ferry"},
            {"title": "Bad", "body": {"nested": True}},
        ]).encode()
        result = handlers.ingest_api(_browser_files(tmp_path / "b1", {
            "harbour.md": HARBOUR.encode(), "mixed.json": mixed, "scan.png.txt": PNG,
        }))
    finally:
        os.umask(old_umask)
    assert result["added"] == 2, result
    assert [f["file"] for f in result["failed"]] == ["mixed.json (record 1)", "scan.png.txt"]
    names = sorted(p.name for p in settings.corpus_dir.iterdir())
    assert names == ["harbour.md", "mixed.json", SAMPLE.name]  # no temp file, no refused file
    for name in ("harbour.md", "mixed.json"):
        mode = stat.S_IMODE((settings.corpus_dir / name).stat().st_mode)
        assert mode == 0o644, f"{name}: {oct(mode)}"
    assert desk.query("When did the third harbour crane arrive?").citations[0].article_id == (
        "harbour.md"
    )
    # An upload named like a file of the corpus never overwrites it (issue 23, High 3: the
    # original's file was replaced, and the next corpus re-ingest removed its article): both
    # are kept, the new one under a free name, and the summary says so.
    original = (settings.corpus_dir / "harbour.md").read_bytes()
    newer = HARBOUR.replace("Tuesday", "Wednesday").encode()
    result = handlers.ingest_api(_browser_files(tmp_path / "b2", {"harbour.md": newer}))
    assert not result["failed"] and result["added"] == 1, result
    assert result["renamed"] == [{"file": "harbour.md", "saved_as": "harbour-2.md"}]
    assert (settings.corpus_dir / "harbour.md").read_bytes() == original
    assert (settings.corpus_dir / "harbour-2.md").read_bytes() == newer
    assert handlers.ingest_api([])["removed"] == 0  # a corpus re-ingest keeps both
    # The same bytes again are the same article: nothing new, nothing renamed.
    again = handlers.ingest_api(_browser_files(tmp_path / "b3", {"harbour.md": original}))
    assert again["unchanged"] == 1 and again["renamed"] == [] and not again["added"]
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == [
        "harbour-2.md", "harbour.md", "mixed.json", SAMPLE.name]
