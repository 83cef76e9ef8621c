"""Read replicas: a serving process on its own data dir, fed by a Chroma server.

The ingest host writes chunks into the Chroma server and keeps, in its own data dir, the
manifest (the source of truth), the BM25 index and the embedding cache. A second serving process
(another host behind a load balancer, say) needs a manifest and a BM25 index too. Instead of
copying files by hand, it rebuilds both from the server: every chunk's text and its article's
metadata are in Chroma. The ingest host publishes its manifest generation in a one-record side
collection after every commit, so a replica can tell that it is stale and rebuild.

A replica's manifest records what it is a replica of, and ingest refuses to write through it:
its rows were copied from the server, not read from a corpus, so a prune there would delete the
ingest host's articles.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.errors import StoreError
from rag.manifest import ArticleRow, ChunkRow, Manifest
from rag.settings import Settings
from rag.text import terms

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

# Side collection holding the ingest host's manifest generation (one record).
SUFFIX = "__newsdesk"
RECORD = "generation"
# Chunks fetched per request while rebuilding. Chroma caps a request's size; 5,000 records of
# ~1 kB text each keeps one response around 5 MB.
PAGE = 5_000
# Meta keys in a replica's manifest.
REPLICA_OF = "replica_of"
SERVER_GENERATION = "server_generation"
WRITES_TO = "writes_to"  # set on the ingest host's manifest: it is the source, never a replica


@dataclass(frozen=True)
class Rebuilt:
    articles: int
    chunks: int
    generation: int
    seconds: float


def side_collection(settings: Settings) -> Collection:
    from rag.store import make_client

    client = make_client(settings)
    return client.get_or_create_collection(settings.collection + SUFFIX, embedding_function=None)


def publish_generation(settings: Settings, manifest: Manifest) -> None:
    """Called by the ingest host after each commit, in server mode only."""
    generation = manifest.generation
    if manifest.get_meta(WRITES_TO) != origin(settings):
        manifest.set_meta(WRITES_TO, origin(settings))
    try:
        side_collection(settings).upsert(
            ids=[RECORD],
            embeddings=np.zeros((1, 1), dtype=np.float32),
            metadatas=[{"generation": generation, "published_at": int(time.time())}],
        )
    except StoreError:
        raise
    except Exception as exc:  # the server's many error types
        raise StoreError(
            f"could not publish the store generation to the Chroma server {settings.chroma} "
            f"({type(exc).__name__}: {str(exc)[:160]}); replicas will not see this ingest until "
            "the next one succeeds"
        ) from exc


def server_generation(settings: Settings) -> int | None:
    """The generation the ingest host last published, or None when it never published one."""
    try:
        got = side_collection(settings).get(ids=[RECORD], include=["metadatas"])
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(
            f"cannot read the store generation from the Chroma server {settings.chroma} "
            f"({type(exc).__name__}: {str(exc)[:160]})"
        ) from exc
    metas = got.get("metadatas") or []
    if not metas or not metas[0]:
        return None
    return int(str(metas[0].get("generation", 0)))


def origin(settings: Settings) -> str:
    return f"{settings.chroma}/{settings.collection}"


def is_replica(manifest: Manifest) -> bool:
    return bool(manifest.get_meta(REPLICA_OF))


def needs_rebuild(settings: Settings, manifest: Manifest) -> int | None:
    """The server generation to rebuild to, or None when this data dir is current or is the
    ingest host itself (a manifest with articles that is not a replica)."""
    if not settings.chroma or manifest.get_meta(WRITES_TO):
        return None  # embedded, or the ingest host: its manifest is the source of truth
    replica = is_replica(manifest)
    if not replica and manifest.counts()[1] > 0:
        return None  # articles ingested here before the ingest host published anything
    published = server_generation(settings)
    if published is None:
        return None  # nothing was ever ingested through the server
    if replica and manifest.get_meta(SERVER_GENERATION) == str(published):
        return None
    return published


def rebuild(
    settings: Settings, manifest: Manifest, collection: Collection, generation: int
) -> Rebuilt:
    """Replace ``manifest``'s rows with what the server holds, in one transaction (readers
    keep the old snapshot until it commits), and mark it a replica of the server."""
    started = time.perf_counter()
    meta_of: dict[str, dict[str, Any]] = {}

    def pages() -> Iterator[list[ChunkRow]]:
        offset = 0
        while True:
            got = collection.get(include=["documents", "metadatas"], limit=PAGE, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            page = []
            for cid, doc, meta in zip(
                ids, got["documents"] or [], got["metadatas"] or [], strict=True
            ):
                aid = str((meta or {}).get("article_id", ""))
                if not aid or doc is None:
                    continue  # not a Newsdesk chunk
                meta_of.setdefault(aid, dict(meta))
                text = str(doc)
                page.append(
                    ChunkRow(
                        chunk_id=cid,
                        article_id=aid,
                        idx=int(str(meta.get("idx", 0))),
                        start=int(str(meta.get("start", 0))),
                        end=int(str(meta.get("end", len(text)))),
                        text=text,
                        text_hash=hashlib.sha1(text.encode("utf-8")).hexdigest(),
                        terms=" ".join(terms(text)),
                    )
                )
            yield page
            offset += len(ids)

    def article_of(aid: str, chunks: list[ChunkRow]) -> ArticleRow:
        meta = meta_of[aid]
        ts = meta.get("published_ts")
        return ArticleRow(
            article_id=aid,
            path=str(meta.get("path", "")),
            content_hash=str(meta.get("content_hash", "")),
            title=str(meta.get("title", "")),
            source=str(meta.get("source", "")),
            url=str(meta.get("url", "")),
            published=str(meta.get("published", "")),
            published_ts=None if ts is None else int(ts),
            author=str(meta.get("author", "")),
            text=article_text(chunks),
            n_chunks=len(chunks),
        )

    marks = {REPLICA_OF: origin(settings), SERVER_GENERATION: str(generation)}
    try:
        articles, chunks = manifest.replace_all(pages(), article_of, marks)
    except StoreError:
        raise
    except Exception as exc:  # the server went away mid-read: nothing committed
        raise StoreError(
            f"rebuilding this replica from the Chroma server {settings.chroma} failed "
            f"({type(exc).__name__}: {str(exc)[:160]}); nothing was changed, it is retried on "
            "the next question"
        ) from exc
    return Rebuilt(articles, chunks, generation, time.perf_counter() - started)


def article_text(chunks: list[ChunkRow]) -> str:
    """The cleaned article, laid back together from its chunks' spans.

    Chunks cover every sentence, so only the blanks between two chunks are unknown; they are
    a space or a line break in the original and come back as a line break here (same offsets).
    """
    if not chunks:
        return ""
    buf = ["\n"] * max(c.end for c in chunks)
    for c in chunks:
        buf[c.start : c.end] = list(c.text)
    return "".join(buf)


class ReplicaSync:
    """Keeps one serving process's data dir level with the Chroma server it reads.

    ``ensure()`` rebuilds at once when this data dir is an empty or stale replica (the first
    question waits for it: answering from nothing would be wrong). ``tick()``, called on every
    question, looks at the server's generation at most every ``CHECK_EVERY_S`` seconds, in a
    background thread, and rebuilds there; questions go on answering from the old snapshot.
    The ingest host itself (a manifest with articles that is not a replica) never rebuilds.
    """

    CHECK_EVERY_S = 10.0

    def __init__(self, settings: Settings, manifest: Manifest) -> None:
        self.settings = settings
        self.manifest = manifest
        self.last: Rebuilt | None = None
        self.error = ""
        self._checked = 0.0
        self._lock = threading.Lock()
        self._running: threading.Thread | None = None

    def ensure(self) -> Rebuilt | None:
        with self._lock:
            self._checked = time.monotonic()
            return self._sync()

    def tick(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.CHECK_EVERY_S or (
            self._running is not None and self._running.is_alive()
        ):
            return
        self._checked = now
        self._running = threading.Thread(
            target=self._background, name="newsdesk-replica-sync", daemon=True
        )
        self._running.start()

    def _background(self) -> None:
        try:
            with self._lock:
                self._sync()
            self.error = ""
        except StoreError as exc:  # the server is down: keep answering from what is here
            self.error = str(exc)
            log.warning("%s", exc)

    def _sync(self) -> Rebuilt | None:
        generation = needs_rebuild(self.settings, self.manifest)
        if generation is None:
            return None
        from rag import lexical
        from rag.store import open_collection

        done = rebuild(self.settings, self.manifest, open_collection(self.settings), generation)
        lexical.build(self.manifest, self.settings.lexical_dir)
        self.last = done
        log.info(
            "replica of %s rebuilt to generation %d: %d articles, %d chunks in %.1f s",
            origin(self.settings), generation, done.articles, done.chunks, done.seconds,
        )
        return done
