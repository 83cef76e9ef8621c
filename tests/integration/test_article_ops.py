"""Deleting and re-ingesting one article through the write side (issue 16, point 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import copy_demo_corpus

from ingest import ingest, reingest_article, remove_article
from rag.errors import ArticleNotFoundError, IngestError
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.store import lexical

GRAIN = "northern-grain-prices.md"


@pytest.fixture()
def demo(tmp_path: Path, embedder: Embedder) -> Newsdesk:
    copy_demo_corpus(tmp_path / "corpus")
    desk = Newsdesk(Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus"), embedder)
    assert ingest(desk).added == 6
    return desk


def test_delete_removes_the_file_and_every_chunk(demo: Newsdesk) -> None:
    corpus = demo.settings.corpus_dir
    before = demo.manifest.counts()
    assert demo.retrieve("Tomas Reinholt frost winter wheat")[0].article_id == GRAIN
    removal = remove_article(demo, GRAIN)
    assert removal.file_deleted and removal.title.startswith("Grain prices climb")
    assert removal.file_note == f"{GRAIN} was deleted from the corpus folder"
    assert not (corpus / GRAIN).exists()
    assert demo.manifest.article(GRAIN) is None
    assert demo.manifest.counts() == (before[0] - 1, before[1] - 1)
    chroma = demo.retriever.collection().get(where={"article_id": GRAIN})
    assert chroma["ids"] == []
    assert lexical.current_generation(demo.settings.lexical_dir) == demo.manifest.generation
    assert all(p.article_id != GRAIN for p in demo.retrieve("Tomas Reinholt frost winter wheat"))
    # A corpus re-ingest does not bring it back: the file is gone, nothing else changed.
    again = ingest(demo)
    assert (again.added, again.removed, again.unchanged) == (0, 0, 5)
    demo.close()


def test_a_file_shared_by_other_articles_or_outside_the_corpus_is_kept(
    demo: Newsdesk, tmp_path: Path
) -> None:
    records = [
        {"title": "Harbour crane repaired", "body": "The harbour crane was repaired on Monday.",
         "url": "https://example.com/crane", "source": "Port Wire"},
        {"title": "Harbour fees rise", "body": "Harbour fees rise by four percent in May.",
         "url": "https://example.com/fees", "source": "Port Wire"},
    ]
    batch = demo.settings.corpus_dir / "port.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    ingest(demo, [batch])
    removal = remove_article(demo, "https://example.com/crane")
    assert not removal.file_deleted and batch.exists()
    assert removal.file_note.startswith("port.jsonl was kept: 1 other article come from it")
    assert demo.manifest.article("https://example.com/fees") is not None

    outside = tmp_path / "elsewhere" / "note.md"
    outside.parent.mkdir()
    outside.write_text("Ferry note\nThe ferry skips Tuesday crossings.\n", encoding="utf-8")
    ingest(demo, [outside])
    removal = remove_article(demo, outside.as_posix())
    assert not removal.file_deleted and outside.exists()
    assert "is outside the corpus folder and was left in place" in removal.file_note
    assert demo.manifest.article(outside.as_posix()) is None
    demo.close()


def test_reingest_one_article_reads_its_file_again(demo: Newsdesk) -> None:
    path = demo.settings.corpus_dir / GRAIN
    assert reingest_article(demo, GRAIN).unchanged == 1
    path.write_text(path.read_text(encoding="utf-8").replace("eleven percent", "twelve percent"),
                    encoding="utf-8")
    summary = reingest_article(demo, GRAIN)
    assert (summary.updated, summary.added, summary.removed) == (1, 0, 0)
    row = demo.manifest.article(GRAIN)
    assert row is not None and "twelve percent" in row.text
    path.unlink()
    with pytest.raises(IngestError, match=f"^{GRAIN}: the file is gone; delete the article"):
        reingest_article(demo, GRAIN)
    with pytest.raises(ArticleNotFoundError, match="no such article in the store"):
        remove_article(demo, "no-such-article.md")
    demo.close()
