"""One article at a time: delete it (store and corpus file) or re-read its file.

Both go through the write side's protocol and lock, like a whole ingest: the article's chunks
are journaled, removed from Chroma, then dropped from the manifest in one transaction, and BM25
is rebuilt before the lock is released, so readers never see half an article.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.lock import WriterLock
from ingest.pipeline import Ingestor, corpus_file, ingest
from rag.errors import ArticleNotFoundError, IngestError
from rag.types import IngestSummary

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk


@dataclass(frozen=True)
class Removal:
    """What deleting one article did; ``file_note`` says what happened to its file and why."""

    article_id: str
    title: str
    file: str  # the file as ingest named it (corpus-relative, or absolute when outside)
    file_deleted: bool
    file_note: str


def article_file(desk: Newsdesk, path: str) -> Path:
    """The file an article was read from (``pipeline.corpus_file``)."""
    return corpus_file(path, desk.settings.corpus_dir)


def remove_article(desk: Newsdesk, article_id: str) -> Removal:
    """Delete one article: its chunks from the store and, when the file holds only this article
    and sits inside the corpus folder, the file (else the next corpus ingest would re-add it).

    A file outside the corpus, or one that other articles come from too (a feed, a JSONL
    batch), is never deleted; ``Removal.file_note`` says so.
    """
    from rag.store.chroma import open_collection

    settings = desk.settings
    with WriterLock(settings.data_dir, settings.lock_wait_s):
        row = desk.manifest.article(article_id)
        if row is None:
            raise ArticleNotFoundError(article_id)
        ingestor = Ingestor(
            settings, lambda: open_collection(settings), desk.manifest, desk.embedder
        )
        ingestor.remove([article_id])
        ingestor.finish()
        deleted, note = _delete_file(desk, row.path)
    return Removal(article_id, row.title, row.path, deleted, note)


def reingest_article(desk: Newsdesk, article_id: str) -> IngestSummary:
    """Read an article's file again and ingest what changed (every article in that file)."""
    row = desk.manifest.article(article_id)
    if row is None:
        raise ArticleNotFoundError(article_id)
    path = article_file(desk, row.path)
    if not path.is_file():
        raise IngestError(
            row.path, "the file is gone; delete the article, or re-ingest the corpus to prune it"
        )
    return ingest(desk, [path])


def _delete_file(desk: Newsdesk, name: str) -> tuple[bool, str]:
    if os.path.isabs(name):
        return False, (
            f"{name} is outside the corpus folder and was left in place; ingesting it again "
            "adds the article back"
        )
    others = sum(1 for _, path in desk.manifest.hashes().values() if path == name)
    if others:
        return False, (
            f"{name} was kept: {others} other article{'s' if others != 1 else ''} come from it. "
            "Remove this one from the file, or the next corpus ingest adds it back"
        )
    corpus = desk.settings.corpus_dir.resolve()
    path = article_file(desk, name)
    if not path.exists():
        return False, f"{name} was already gone from the corpus folder"
    if not path.resolve().is_relative_to(corpus):
        return False, (
            f"{name} links outside the corpus folder and was left in place; the next corpus "
            "ingest adds the article back"
        )
    try:
        path.unlink()
    except OSError as exc:
        return False, (
            f"could not delete {name} ({exc.strerror or exc}); delete it by hand, or the next "
            "corpus ingest adds the article back"
        )
    return True, f"{name} was deleted from the corpus folder"
