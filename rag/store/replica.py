"""Read replicas: a serving process on its own data dir, fed by a Chroma server.

The ingest host writes chunks into the Chroma server and keeps, in its own data dir, the
manifest (the source of truth), the lexical index and the embedding cache. A second serving
process (another host behind a load balancer, say) needs a manifest and a lexical index too.
Instead of copying files by hand, it rebuilds both from the server: every chunk's text and its
article's metadata are in Chroma. The ingest host publishes its manifest generation in a
one-record side collection after every commit, so a replica can tell that it is stale.

A replica's manifest records what it is a replica of, and ingest refuses to write through it:
its rows were copied from the server, not read from a corpus, so a prune there would delete the
ingest host's articles.

Following, not rebuilding: with each generation the ingest host also publishes which articles
it touched since the generation it published before (a ``change-<generation>`` record; the
last ``KEEP_CHANGES`` are kept). A replica at generation A that finds a chain of records from A
to the published one fetches only those articles' chunks from the server and commits them, and
its lexical index follows the same way (``rag.store.lexical.sync``). Without a complete chain (a
replica that fell far behind, a publish that failed, an empty data dir) it rebuilds whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from rag.errors import StoreError
from rag.settings import Settings
from rag.store.manifest import ArticleRow, ChunkRow, Manifest
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
# Change records kept in the side collection, and the most article ids one may list (a run that
# touched more makes replicas rebuild whole: fetching that much is a rebuild anyway).
KEEP_CHANGES = 50
MAX_CHANGED = 20_000
CHANGE = "change"
# Meta keys in a replica's manifest.
REPLICA_OF = "replica_of"
SERVER_GENERATION = "server_generation"
WRITES_TO = "writes_to"  # set on the ingest host's manifest: it is the source, never a replica
PUBLISHED = "published_generation"  # on the ingest host: the generation it last published
UNPUBLISHED = "unpublished"  # on the ingest host: "1" from a run's end until its publish lands


@dataclass(frozen=True)
class Rebuilt:
    articles: int
    chunks: int
    generation: int
    seconds: float
    followed: bool = False  # only the changed articles were fetched (not a whole rebuild)


def side_collection(settings: Settings) -> Collection:
    from rag.store.chroma import make_client

    client = make_client(settings)
    return client.get_or_create_collection(settings.collection + SUFFIX, embedding_function=None)


def begin_publish(manifest: Manifest, listed: list[str]) -> list[str] | None:
    """On the ingest host, before the lexical index clears its list (``listed``: the manifest's
    ``lexical_dirty``): the articles committed since the last publish, or None when a publish
    since then did not land (a killed run, a server that was down): those ids are gone, so
    replicas must rebuild whole."""
    unpublished = manifest.get_meta(UNPUBLISHED) == "1"
    manifest.set_meta(UNPUBLISHED, "1")
    return None if unpublished else listed


def publish_generation(
    settings: Settings, manifest: Manifest, touched: list[str] | None = None
) -> None:
    """Called by the ingest host after each commit, in server mode only. ``touched``: the
    articles committed since the generation published before (None: unknown, replicas
    rebuild whole)."""
    generation = manifest.generation
    if manifest.get_meta(WRITES_TO) != origin(settings):
        manifest.set_meta(WRITES_TO, origin(settings))
    before = manifest.get_meta(PUBLISHED)
    try:
        side = side_collection(settings)
        if touched is not None and before and len(touched) <= MAX_CHANGED:
            side.upsert(
                ids=[f"{CHANGE}-{generation}"],
                embeddings=np.zeros((1, 1), dtype=np.float32),
                documents=[json.dumps(sorted(set(touched)))],
                metadatas=[{"kind": CHANGE, "from": int(before), "to": generation}],
            )
            _forget_old_changes(side)
        side.upsert(
            ids=[RECORD],
            embeddings=np.zeros((1, 1), dtype=np.float32),
            metadatas=[{"generation": generation, "published_at": int(time.time())}],
        )
        manifest.set_meta(PUBLISHED, str(generation))
        manifest.set_meta(UNPUBLISHED, "")
    except StoreError:
        raise
    except Exception as exc:  # the server's many error types
        raise StoreError(
            f"could not publish the store generation to the Chroma server {settings.chroma} "
            f"({type(exc).__name__}: {str(exc)[:160]}); replicas will not see this ingest until "
            "the next one succeeds"
        ) from exc


def _forget_old_changes(side: Collection) -> None:
    got = side.get(where={"kind": CHANGE}, include=["metadatas"])
    records = sorted(zip(got["ids"], got["metadatas"] or [], strict=True),
                     key=lambda r: int(str((r[1] or {}).get("to", 0))))
    if len(records) > KEEP_CHANGES:
        side.delete(ids=[i for i, _ in records[: len(records) - KEEP_CHANGES]])


def changed_since(settings: Settings, generation: int, target: int) -> list[str] | None:
    """The articles the ingest host touched from ``generation`` to ``target``, by the chain of
    its change records; None when the chain is broken (rebuild whole)."""
    try:
        got = side_collection(settings).get(
            where={"kind": CHANGE}, include=["metadatas", "documents"]
        )
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(
            f"cannot read the change records from the Chroma server {settings.chroma} "
            f"({type(exc).__name__}: {str(exc)[:160]})"
        ) from exc
    step: dict[int, tuple[int, list[str]]] = {}
    for meta, doc in zip(got["metadatas"] or [], got["documents"] or [], strict=True):
        if meta and doc:
            step[int(str(meta.get("from", -1)))] = (int(str(meta.get("to", -1))), json.loads(doc))
    touched: set[str] = set()
    at = generation
    while at != target:
        if at not in step or step[at][0] <= at:
            return None
        at, ids = step[at]
        touched.update(ids)
        if at > target:
            return None
    return sorted(touched)


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
            if not got["ids"]:
                return
            yield _chunk_rows(got, meta_of)
            offset += len(got["ids"])

    marks = {REPLICA_OF: origin(settings), SERVER_GENERATION: str(generation)}
    try:
        articles, chunks = manifest.replace_all(
            pages(), lambda aid, rows: _article_row(meta_of[aid], rows), marks
        )
    except StoreError:
        raise
    except Exception as exc:  # the server went away mid-read: nothing committed
        raise StoreError(
            f"rebuilding this replica from the Chroma server {settings.chroma} failed "
            f"({type(exc).__name__}: {str(exc)[:160]}); nothing was changed, it is retried on "
            "the next question"
        ) from exc
    return Rebuilt(articles, chunks, generation, time.perf_counter() - started)


def follow(
    settings: Settings, manifest: Manifest, collection: Collection, generation: int,
    touched: list[str],
) -> Rebuilt:
    """Fetch only the ``touched`` articles' chunks from the server and commit them (an article
    the server no longer holds is removed), then record ``generation``."""
    started = time.perf_counter()
    meta_of: dict[str, dict[str, Any]] = {}
    rows: list[ChunkRow] = []
    try:
        for i in range(0, len(touched), 500):
            part = touched[i : i + 500]
            ids: list[str | int | float | bool] = list(part)
            clause: dict[Literal["$in", "$nin"], list[str | int | float | bool]] = {"$in": ids}
            got = collection.get(where={"article_id": clause},
                                 include=["documents", "metadatas"])
            rows += _chunk_rows(got, meta_of)
    except Exception as exc:  # the server went away mid-read: nothing committed
        raise StoreError(
            f"following the Chroma server {settings.chroma} failed ({type(exc).__name__}: "
            f"{str(exc)[:160]}); nothing was changed, it is retried on the next question"
        ) from exc
    by_article: dict[str, list[ChunkRow]] = {}
    for row in rows:
        by_article.setdefault(row.article_id, []).append(row)
    articles = [_article_row(meta_of[aid], sorted(chunks, key=lambda c: c.idx))
                for aid, chunks in by_article.items()]
    gone = [aid for aid in touched if aid not in by_article]
    manifest.commit_articles(articles, rows, removed=gone)
    manifest.set_meta(SERVER_GENERATION, str(generation))
    return Rebuilt(len(articles), len(rows), generation, time.perf_counter() - started, True)


def _chunk_rows(got: Any, meta_of: dict[str, dict[str, Any]]) -> list[ChunkRow]:
    """Chunk rows from a Chroma ``get`` (documents and metadatas); each article's metadata
    into ``meta_of``."""
    out = []
    for cid, doc, meta in zip(
        got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
    ):
        aid = str((meta or {}).get("article_id", ""))
        if not aid or doc is None:
            continue  # not a Newsdesk chunk
        meta_of.setdefault(aid, dict(meta))
        text = str(doc)
        out.append(
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
    return out


def _article_row(meta: dict[str, Any], chunks: list[ChunkRow]) -> ArticleRow:
    ts = meta.get("published_ts")
    return ArticleRow(
        article_id=str(meta.get("article_id", "")),
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
        from rag.store import lexical
        from rag.store.chroma import open_collection

        at = self.manifest.get_meta(SERVER_GENERATION)
        touched = (changed_since(self.settings, int(at), generation)
                   if at and is_replica(self.manifest) else None)
        collection = open_collection(self.settings)
        if touched is not None:
            done = follow(self.settings, self.manifest, collection, generation, touched)
            lexical.sync(self.manifest, self.settings.lexical_dir)
        else:
            done = rebuild(self.settings, self.manifest, collection, generation)
            lexical.build(self.manifest, self.settings.lexical_dir)
        self.last = done
        log.info(
            "replica of %s %s to generation %d: %d articles, %d chunks in %.1f s",
            origin(self.settings), "followed" if done.followed else "rebuilt", generation,
            done.articles, done.chunks, done.seconds,
        )
        return done
