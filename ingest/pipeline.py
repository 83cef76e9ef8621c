"""Incremental ingest: hash -> diff against the manifest -> embed what changed -> write -> commit.

Write order per batch (see ``rag.store.manifest``): journal the articles as pending, upsert their
new chunks, delete their stale chunks, then commit manifest rows and clear the journal in one SQLite
transaction. A kill anywhere leaves either the old committed state or a pending entry that the
next run wipes and redoes, so every run converges to what a clean ingest produces.

A new article that is another outlet's copy of a stored story (``ingest.fold``) is committed as
a copy row (no chunks, no Chroma write); removing the stored story promotes its first copy.

Three stages overlap, because on a small CPU the model is the bottleneck and it should never wait:
a producer thread reads, cleans, diffs and chunks files; the calling thread embeds (torch releases
the GIL); one writer thread runs the per-batch write protocol above, in batch order, while the next
batch encodes. Chroma is opened only when something must be written, and the model only when
something must be embedded, so an unchanged re-ingest loads neither.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np

from ingest.chunk import CHUNKER_VERSION, Chunker
from ingest.fold import FoldIndex, fingerprint
from ingest.loaders import Article, load_file, walk
from rag.errors import IngestError, StoreError
from rag.settings import Settings
from rag.store.manifest import ArticleRow, ChunkRow, CopyRow, Manifest
from rag.text import terms
from rag.types import IngestSummary

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import Where

    from rag.newsdesk import Newsdesk
    from rag.retrieval.embedder import TextEncoder

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]


@dataclass
class Tally:
    """How far an ingest run is, in articles: those done (stored, folded, unchanged or failed)
    of those read so far (``files_read`` of ``files``: a file's articles are known once it is
    read, so the total grows until every file is), and the seconds since the run started.
    ``ArticleProgress`` callbacks get it after each file and each stored batch: one 1 MB JSONL
    file holds hundreds of articles, and a per-file bar would sit at 0 % until the end."""

    done: int = 0
    known: int = 0
    files_read: int = 0
    files: int = 0
    started: float = field(default_factory=time.perf_counter)
    # The reader thread and the writer thread both count articles done.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add_done(self, n: int) -> None:
        with self._lock:
            self.done += n

    @property
    def seconds_left(self) -> float | None:
        """Time left at the pace so far, once every file is read and some article is done."""
        if self.files_read < self.files or not self.done or self.done >= self.known:
            return None
        pace = (time.perf_counter() - self.started) / self.done
        return pace * (self.known - self.done)


ArticleProgress = Callable[[Tally], None]

# An id with a scheme is a URL; any other id may be a file's name (its display path).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Articles are written in groups of about this many chunks: big enough to batch the model and
# Chroma, small enough that a kill loses little work.
BATCH_CHUNKS = 256
# Batches the producer may run ahead of the encoder: bounds memory to a few batches of text.
READ_AHEAD = 2


@dataclass
class _Batch:
    rows: list[ArticleRow] = field(default_factory=list)
    chunks: list[ChunkRow] = field(default_factory=list)
    updated: set[str] = field(default_factory=set)
    copies: list[CopyRow] = field(default_factory=list)  # folded: stored without chunks
    prints: dict[str, bytes] = field(default_factory=dict)  # fold fingerprints of ``rows``

    def __len__(self) -> int:
        return len(self.chunks)

    def __bool__(self) -> bool:
        return bool(self.rows or self.copies)


@dataclass
class _Scan:
    """What the reader thread learns about the corpus; read by ``run`` only after it ends."""

    known: dict[str, tuple[str, str]]
    seen: dict[str, str] = field(default_factory=dict)  # article id -> the file it came from
    loaded: set[str] = field(default_factory=set)  # files read so far (display paths)
    updated: set[str] = field(default_factory=set)
    failed_paths: set[str] = field(default_factory=set)
    scopes: list[tuple[str, bool]] = field(default_factory=list)  # (display path, is_dir)


def _put(out: queue.Queue[Any], item: object, stop: threading.Event) -> None:
    """Blocking put that gives up once the consumer has stopped (an error on its side)."""
    while not stop.is_set():
        try:
            out.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _drain(out: queue.Queue[Any]) -> None:
    while True:
        try:
            out.get_nowait()
        except queue.Empty:
            return


def _covered(path: Path, roots: list[Path]) -> bool:
    """Whether a run over ``roots`` reads ``path`` anyway (it is one of them, or under one)."""
    target = Path(os.path.abspath(path))
    for root in roots:
        top = Path(os.path.abspath(root))
        if target == top or top in target.parents:
            return True
    return False


def corpus_file(name: str, corpus_dir: Path) -> Path:
    """The file an article's ``path`` names (``file_key``'s inverse): corpus-relative names
    live in the corpus folder, others are absolute."""
    return Path(name) if os.path.isabs(name) else corpus_dir / name


def file_key(path: Path, corpus_dir: Path) -> str:
    """The name a file is known by in the manifest (its articles' ``path``): relative to the
    corpus when inside it, else absolute."""
    # abspath, not resolve: a file reached through a symlinked folder keeps its corpus name.
    # Outside the corpus a file is named by its absolute path, so corpus prunes never reach it.
    absolute = Path(os.path.abspath(path))
    try:
        name = absolute.relative_to(os.path.abspath(corpus_dir)).as_posix()
    except ValueError:
        name = absolute.as_posix()
    # A file name that is not UTF-8 (bytes 0x80-0xff) arrives with lone surrogates, which no
    # database, JSON or terminal takes: name it by its escaped bytes, "caf\xe9.txt".
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def content_hash(article: Article, settings: Settings) -> str:
    """Everything that shapes the stored chunks, so any change to it re-ingests the article."""
    payload = json.dumps(
        [
            article.title, article.text, article.source, article.url, article.published,
            article.author, article.path, CHUNKER_VERSION, settings.chunk_tokens,
            settings.chunk_overlap, Path(settings.model_path()).name,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Ingestor:
    """Holds the open store for one ingest run; ``run`` does the whole incremental ingest.

    ``collection`` may be an open Chroma collection or a zero-argument factory for one; with a
    factory the store is opened on the first write, so a run with nothing to write never pays
    for importing chromadb and opening its files.
    """

    def __init__(
        self,
        settings: Settings,
        collection: Collection | Callable[[], Collection],
        manifest: Manifest,
        embedder: TextEncoder,
        progress: Progress | None = None,
        names: Mapping[Path, str] | None = None,
        articles: ArticleProgress | None = None,
    ) -> None:
        self.settings = settings
        self.articles = articles  # told after each file and each stored batch (``Tally``)
        self.tally = Tally()
        self.names = dict(names or {})  # file -> the name to ingest it under (staged uploads)
        # A collection, or a factory that opens it on the first write (an unchanged re-ingest
        # never imports chromadb).
        self._collection: Collection | None = None
        self._open: Callable[[], Collection] | None = None
        if hasattr(collection, "upsert"):
            self._collection = cast("Collection", collection)
        else:
            self._open = collection
        self.manifest = manifest
        self.embedder = embedder
        self.progress = progress
        self.chunker = Chunker(settings.model_path(), settings.chunk_tokens, settings.chunk_overlap)
        self._max_batch: int | None = None
        self._warming = False
        self._cached: set[str] = set()  # text hashes whose vectors this run cached
        self.fold = FoldIndex(manifest, settings.fold_dir)

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            assert self._open is not None
            self._collection = self._open()
        return self._collection

    @property
    def max_batch(self) -> int:
        if self._max_batch is None:
            self._max_batch = _max_batch(self.collection)
        return self._max_batch

    def run(self, paths: Iterable[Path], *, prune: bool = True) -> IngestSummary:
        started = time.perf_counter()
        summary = IngestSummary()
        roots = [Path(p) for p in paths]
        # Files of articles a killed run left half-written are read again in this run, whatever
        # it was asked to read: recovery never drops an article whose file is still there.
        roots += [f for f in self.recover() if not _covered(f, roots)]
        # A fresh view of the stored articles per run.
        self.fold = FoldIndex(self.manifest, self.settings.fold_dir)
        scan = _Scan(known=self.manifest.hashes())
        for root in roots:
            if root.exists():
                scan.scopes.append((file_key(root, self.settings.corpus_dir), root.is_dir()))
        batches: queue.Queue[_Batch | BaseException | None] = queue.Queue(maxsize=READ_AHEAD)
        stop = threading.Event()
        producer = threading.Thread(
            target=self._produce,
            args=(roots, scan, summary, batches, stop),
            name="newsdesk-ingest-reader",
            daemon=True,
        )
        producer.start()
        writing: Future[None] | None = None
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="newsdesk-ingest-writer") as writer:
                while (item := batches.get()) is not None:
                    if isinstance(item, BaseException):
                        raise item
                    vectors = self._vectors(item.chunks, summary)
                    if writing is not None:
                        writing.result()  # batches are committed strictly in order
                    writing = writer.submit(self._store, item, vectors, summary)
                if writing is not None:
                    writing.result()
        finally:
            stop.set()
            _drain(batches)
            producer.join()
        if prune:
            gone = [
                aid
                for aid, (_, path) in scan.known.items()
                if aid not in scan.seen
                and path not in scan.failed_paths
                and _in_scope(path, scan.scopes)
            ]
            if gone:
                self.remove(gone, summary)
                summary.removed = len(gone)
        self.promote_orphans(summary)  # copies whose story a recovered crash wiped
        self.finish()
        summary.seconds = time.perf_counter() - started
        return summary

    def _produce(
        self,
        roots: list[Path],
        scan: _Scan,
        summary: IngestSummary,
        out: queue.Queue[_Batch | BaseException | None],
        stop: threading.Event,
    ) -> None:
        """Reader thread: files -> articles -> diff -> chunks, handed on in batches."""
        try:
            files = [item for root in roots for item in walk(root)]
            self.tally.files = len(files)
            batch = _Batch()
            for done, (path, walk_error) in enumerate(files, 1):
                if stop.is_set():
                    return
                changed = self._changed(path, walk_error, done, len(files), scan, summary)
                for article, digest in changed:
                    updated = article.article_id in scan.updated
                    if self._fold(batch, article, digest, updated):
                        summary.folded += 1
                        self.tally.add_done(1)
                        continue
                    if not batch.rows:
                        self._warm_model()
                    self._add(batch, article, digest, updated)
                    if len(batch) >= BATCH_CHUNKS:
                        _put(out, batch, stop)
                        batch = _Batch()
                self.tally.files_read = done
                self._tell()
            if batch:
                _put(out, batch, stop)
            _put(out, None, stop)
        except BaseException as exc:  # handed to the caller's thread, which re-raises it
            _put(out, exc, stop)

    def _changed(
        self,
        path: Path,
        walk_error: IngestError | None,
        done: int,
        total: int,
        scan: _Scan,
        summary: IngestSummary,
    ) -> Iterator[tuple[Article, str]]:
        """The new or edited articles of one file; counts the unchanged and the failures."""
        shown = self.names.get(path) or file_key(path, self.settings.corpus_dir)
        if self.progress:
            self.progress(done, total, shown)
        if walk_error is not None:
            summary.failed.append((shown, walk_error.reason))
            scan.failed_paths.add(shown)
            return
        try:
            loaded = load_file(path, shown, self.settings.max_file_bytes)
        except IngestError as exc:
            summary.failed.append((exc.path, exc.reason))
            scan.failed_paths.add(shown)
            return
        except Exception as exc:  # a parser's own failure on hostile input: this file only
            log.debug("reading %s failed", shown, exc_info=True)
            summary.failed.append((shown, f"could not be read ({type(exc).__name__}: "
                                          f"{str(exc)[:120]}); check the file's format"))
            scan.failed_paths.add(shown)
            return
        for err in loaded.errors:
            summary.failed.append((err.path, err.reason))
            scan.failed_paths.add(shown)
        self.tally.known += len(loaded.articles)
        handed_on = 0  # done when their batch is stored (or they fold); the rest are done now
        for article in loaded.articles:
            owner = self._owner(article.article_id, shown, scan)
            if owner == shown:
                continue  # the same id twice in one file: the first copy wins
            if owner:
                summary.failed.append((shown, (
                    f"its id {article.article_id} is already the id of an article in {owner}; "
                    "give each article its own url, or remove one of the two")))
                scan.failed_paths.add(shown)
                continue
            scan.seen[article.article_id] = shown
            summary.ingested_files.add(shown)
            digest = content_hash(article, self.settings)
            previous = scan.known.get(article.article_id)
            if previous and previous[0] == digest:
                summary.unchanged += 1
                continue
            if previous:
                summary.updated += 1
                scan.updated.add(article.article_id)
            else:
                summary.added += 1
            handed_on += 1
            yield article, digest
        self.tally.add_done(len(loaded.articles) - handed_on)
        scan.loaded.add(shown)

    def _owner(self, article_id: str, shown: str, scan: _Scan) -> str:
        """The file that already holds this article id, or "" when ``shown`` may take it.

        An id belongs to the file it came from: a record whose url repeats another file's
        article, or names another file, must not replace it. A file read earlier in this run
        that no longer holds the id, or one that is gone (a renamed file), gives it up.
        """
        claimed = scan.seen.get(article_id)
        if claimed is not None:
            return claimed
        if article_id != shown and not _URL.match(article_id) and self._exists(article_id):
            return article_id  # a url field naming another file ("a.txt"): that file's id
        previous = scan.known.get(article_id)
        if previous is None or previous[1] == shown or previous[1] in scan.loaded:
            return ""
        return previous[1] if self._exists(previous[1]) else ""

    def _exists(self, display: str) -> bool:
        """Whether a display path (corpus-relative, or absolute) names a file on disk."""
        path = Path(display) if display.startswith("/") else self.settings.corpus_dir / display
        try:
            return path.is_file()
        except (OSError, ValueError):  # a name no file system holds (NUL bytes, too long)
            return False

    def _warm_model(self) -> None:
        """Start loading the model (seconds of imports) while the first batch is still chunked."""
        if not self._warming:
            self._warming = True
            preload = getattr(self.embedder, "preload", None)
            if preload is not None:
                preload()

    # -- steps ------------------------------------------------------------------------------
    def recover(self) -> list[Path]:
        """Wipe articles a killed run (an ingest or a delete) left half-written; returns the
        files they came from that still exist, for the run to read again (a delete killed
        before it removed the file leaves the article in place, as its file is).

        Copies of a wiped story stay: the story is re-added from its file by this run, or one of
        them is promoted at its end (``promote_orphans``).
        """
        pending = self.manifest.pending()
        if not pending:
            return []
        files: set[Path] = set()
        for aid in pending:
            row = self.manifest.article(aid)
            if row is not None:
                path = corpus_file(row.path, self.settings.corpus_dir)
                if path.is_file():
                    files.add(path)
        log.warning("recovering %d article(s) from an interrupted ingest or delete; reading "
                    "%d file(s) again", len(pending), len(files))
        self._wipe(pending)
        return sorted(files)

    def remove(self, article_ids: list[str], summary: IngestSummary | None = None) -> None:
        """Delete articles (stored or copies). A stored story another outlet also ran is kept:
        its first remaining copy is promoted to stored article in the same run."""
        copies = self.manifest.copy_ids(article_ids)
        if copies:
            self.manifest.commit_articles([], [], dropped_copies=copies)
        self._wipe([a for a in article_ids if a not in copies])
        self.promote_orphans(summary)

    def _wipe(self, article_ids: list[str]) -> None:
        for i in range(0, len(article_ids), 100):
            part = article_ids[i : i + 100]
            self.manifest.mark_pending(part)
            self._chroma(partial(self.collection.delete, where=_article_in(part)))
            self.manifest.commit_articles([], [], removed=part)

    def promote_orphans(self, summary: IngestSummary | None = None) -> None:
        """Store the first remaining copy of every story whose stored article is gone; the other
        copies fold into it. Vectors come from the cache wherever the text is the same."""
        orphans = self.manifest.orphan_copies()
        if not orphans:
            return
        summary = summary if summary is not None else IngestSummary()
        groups: dict[str, list[CopyRow]] = {}
        for row in orphans:
            groups.setdefault(row.canonical_id, []).append(row)
        batch = _Batch()
        for rows in groups.values():
            first, rest = rows[0], rows[1:]
            article = Article(
                article_id=first.article_id, path=first.path, title=first.title,
                text=first.text, source=first.source, url=first.url,
                published=first.published, author=first.author,
            )
            batch.prints[first.article_id] = fingerprint(first.text).blob()
            self._add(batch, article, first.content_hash)
            batch.copies.extend(replace(r, canonical_id=first.article_id) for r in rest)
            if len(batch) >= BATCH_CHUNKS:
                self._write(batch, summary)
                batch = _Batch()
        if batch:
            self._write(batch, summary)
        log.info("promoted %d copy(ies) whose stored story was removed", len(groups))

    def _fold(self, batch: _Batch, article: Article, digest: str, updated: bool) -> bool:
        """Record ``article`` as a copy of a stored story and return True, or fingerprint it as
        a stored article (a story already stored is never folded into another)."""
        print_ = fingerprint(article.text)
        stored = updated and not self.manifest.copy_ids([article.article_id])
        target = None if stored else self.fold.match(article.article_id, print_)
        if target is None:
            self.fold.add(article.article_id, print_)
            batch.prints[article.article_id] = print_.blob()
            return False
        self.fold.discard(article.article_id)
        batch.copies.append(
            CopyRow(
                article_id=article.article_id, canonical_id=target, path=article.path,
                content_hash=digest, title=article.title, source=article.source,
                url=article.url, published=article.published,
                published_ts=article.published_ts, author=article.author, text=article.text,
            )
        )
        return True

    def finish(self) -> None:
        """Bring derived state (the lexical index, vector cache) level with the manifest: the
        lexical index follows the articles this run touched (``rag.store.lexical.sync``)."""
        from rag.store import lexical

        root = self.settings.lexical_dir
        dirty = self.manifest.lexical_dirty()
        if lexical.current_generation(root) == self.manifest.generation and not dirty:
            return
        touched = None
        if self.settings.chroma:
            from rag.store.replica import begin_publish

            touched = begin_publish(self.manifest, dirty)  # what replicas will fetch
        # A disk-full failure raises StoreError: the old index stays in use until the next
        # ingest applies what is still listed.
        lexical.sync(self.manifest, root)
        shutil.rmtree(self.settings.data_dir / "bm25", ignore_errors=True)  # before v3
        # Vectors this run cached for chunks it did not keep (a batch that failed, an article
        # that turned out to be a copy); those of replaced texts went with their commit.
        self.manifest.prune_vector_cache(self._cached)
        self._cached = set()
        if self.settings.chroma:
            from rag.store.replica import publish_generation

            # Replicas (other data dirs served from the same server) follow when it moves.
            publish_generation(self.settings, self.manifest, touched)

    def _add(self, batch: _Batch, article: Article, digest: str, updated: bool = False) -> None:
        pieces = self.chunker.split(article.text)
        if updated:
            batch.updated.add(article.article_id)
        batch.rows.append(
            ArticleRow(
                article_id=article.article_id,
                path=article.path,
                content_hash=digest,
                title=article.title,
                source=article.source,
                url=article.url,
                published=article.published,
                published_ts=article.published_ts,
                author=article.author,
                text=article.text,
                n_chunks=len(pieces),
            )
        )
        for piece in pieces:
            batch.chunks.append(
                ChunkRow(
                    chunk_id=f"{article.article_id}::{piece.index}",
                    article_id=article.article_id,
                    idx=piece.index,
                    start=piece.start,
                    end=piece.end,
                    text=piece.text,
                    text_hash=text_hash(piece.text),
                    terms=" ".join(terms(piece.text)),
                )
            )

    def _vectors(self, chunks: list[ChunkRow], summary: IngestSummary) -> np.ndarray:
        """One vector per chunk; each distinct text is embedded at most once, ever."""
        wanted = list(dict.fromkeys(c.text_hash for c in chunks))
        have = self.manifest.cached_vectors(wanted)
        todo = [h for h in wanted if h not in have]
        if todo:
            texts = {c.text_hash: c.text for c in chunks}
            fresh = self.embedder.encode([texts[h] for h in todo])
            new = dict(zip(todo, fresh, strict=True))
            self.manifest.cache_vectors(new)
            self._cached.update(new)
            have.update(new)
            summary.chunks_embedded += len(todo)
        return np.stack([have[c.text_hash] for c in chunks]) if chunks else np.zeros((0, 1))

    def _write(self, batch: _Batch, summary: IngestSummary) -> None:
        """Embed and store one batch synchronously (the pipelined ``run`` splits the two)."""
        self._store(batch, self._vectors(batch.chunks, summary), summary)

    def _store(self, batch: _Batch, vectors: np.ndarray, summary: IngestSummary) -> None:
        """The crash-safe write protocol for one batch: journal, upsert, delete stale, commit."""
        by_id = {r.article_id: r for r in batch.rows}
        self.manifest.mark_pending(by_id)
        step = self.max_batch if batch.rows else 1  # copies alone never open Chroma
        for i in range(0, len(batch.chunks), step):
            part = batch.chunks[i : i + step]
            vecs = vectors[i : i + step]
            self._chroma(
                partial(
                    self.collection.upsert,
                    ids=[c.chunk_id for c in part],
                    embeddings=vecs,
                    documents=[c.text for c in part],
                    metadatas=[_metadata(c, by_id[c.article_id]) for c in part],
                )
            )
        new_ids = {c.chunk_id for c in batch.chunks}
        stale = [
            cid
            for aid in batch.updated
            for cid in self.manifest.chunk_ids(aid)
            if cid not in new_ids
        ]
        for i in range(0, len(stale), step):
            self._chroma(partial(self.collection.delete, ids=stale[i : i + step]))
        self.manifest.commit_articles(
            batch.rows, batch.chunks, copies=batch.copies, fingerprints=batch.prints
        )
        summary.chunks_written += len(batch.chunks)
        self.tally.add_done(len(batch.rows))
        self._tell()

    def _tell(self) -> None:
        if self.articles is not None:
            self.articles(self.tally)

    def _chroma(self, call: Callable[[], object]) -> None:
        try:
            call()
        except StoreError:
            raise  # opening the store lazily failed: its own message says what to do
        except Exception as exc:  # chromadb raises many unrelated types on I/O trouble
            raise StoreError(
                f"Chroma write failed ({type(exc).__name__}: {str(exc)[:200]}); nothing was "
                "committed for this batch, run the ingest again"
            ) from exc


def _article_in(article_ids: list[str]) -> Where:
    ids: list[str | int | float | bool] = list(article_ids)
    clause: dict[Literal["$in", "$nin"], list[str | int | float | bool]] = {"$in": ids}
    return {"article_id": clause}


def _metadata(chunk: ChunkRow, article: ArticleRow) -> dict[str, str | int]:
    meta: dict[str, str | int] = {
        "article_id": article.article_id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "start": chunk.start,
        "end": chunk.end,
        "idx": chunk.idx,
        # What a read replica needs to rebuild its manifest from the server (rag.store.replica).
        "author": article.author,
        "path": article.path,
        "content_hash": article.content_hash,
    }
    if article.published_ts is not None:
        meta["published_ts"] = article.published_ts
    return meta


def _in_scope(path: str, scopes: list[tuple[str, bool]]) -> bool:
    for scope, is_dir in scopes:
        if path == scope:
            return True
        if is_dir and scope in ("", "."):
            if not path.startswith("/"):  # the corpus root covers corpus-relative paths only
                return True
        elif is_dir and path.startswith(scope.rstrip("/") + "/"):
            return True
    return False


def _max_batch(collection: Collection) -> int:
    try:
        return max(1, min(5000, int(collection._client.get_max_batch_size())))
    except Exception:  # older servers lack the endpoint; Chroma's documented floor is safe
        return 1000



def ingest(
    desk: Newsdesk,
    paths: Iterable[Path | str] | None = None,
    *,
    prune: bool = True,
    progress: Progress | None = None,
    names: Mapping[Path, str] | None = None,
    articles: ArticleProgress | None = None,
) -> IngestSummary:
    """Incremental, idempotent ingest of files or directories (default: the desk's corpus).

    ``names`` gives some files the name they are ingested under (an upload staged under a
    temporary name goes in under the name it will have in the corpus). ``progress`` is told
    each file as it is read; ``articles`` how many articles are done (``Tally``).

    Shares ``desk``'s model, manifest and store, so the desk answers from the new articles as
    soon as this returns. Takes the data directory's writer lock: a second ingest (another
    process, or the UI) waits ``settings.lock_wait_s`` and then gets ``StoreLockedError``. An
    embedded store served by another process (``newsdesk serve``) is refused at once with
    ``StoreOwnedError``: one process writes an embedded store (``rag.store.owner``).
    """
    from ingest.lock import WriterLock
    from rag.store.chroma import own_store
    from rag.store.owner import INGEST
    from rag.store.replica import REPLICA_OF, is_replica

    settings = desk.settings
    if is_replica(desk.manifest):
        raise StoreError(
            f"{settings.data_dir} is a read replica of the Chroma server "
            f"{desk.manifest.get_meta(REPLICA_OF)} (rebuilt from it, not from a corpus); ingest "
            "on the host that writes to that server, or into a new data directory"
        )
    roots = [Path(p) for p in (paths or [settings.corpus_dir])]
    owned = own_store(settings, desk.manifest, INGEST, wait_s=settings.lock_wait_s)
    with owned, WriterLock(settings.data_dir, settings.lock_wait_s):
        return _writer(desk, progress, names, articles).run(roots, prune=prune)


def recover(desk: Newsdesk) -> IngestSummary | None:
    """Finish what a killed ingest or delete left half-written: its articles are wiped and
    read again from their files where those still exist. ``newsdesk serve`` calls this at
    start (it owns the store while it runs, so no ``newsdesk ingest`` could); None when nothing
    was pending. Takes the writer lock like an ingest."""
    from ingest.lock import WriterLock
    from rag.store.replica import is_replica

    settings = desk.settings
    if is_replica(desk.manifest) or not desk.manifest.pending():
        return None
    with WriterLock(settings.data_dir, settings.lock_wait_s):
        return _writer(desk).run([], prune=False)


def _writer(
    desk: Newsdesk,
    progress: Progress | None = None,
    names: Mapping[Path, str] | None = None,
    articles: ArticleProgress | None = None,
) -> Ingestor:
    """The desk's writer: its manifest and model, and a factory, not an open collection, so
    Chroma is opened only if something is written."""
    from rag.store.chroma import open_collection

    settings = desk.settings
    return Ingestor(settings, lambda: open_collection(settings), desk.manifest, desk.embedder,
                    progress, names, articles)
