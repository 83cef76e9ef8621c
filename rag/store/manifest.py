"""The manifest: Newsdesk's own record of what the store holds, committed after Chroma writes.

Chroma writes are not atomic, so the manifest is the source of truth. Before touching Chroma for
an article, ingest journals it in ``pending``; the article's rows are committed (and the journal
entry cleared) in one SQLite transaction only once Chroma holds its chunks. On start, any article
still pending is wiped from Chroma and from the manifest, and is then ingested afresh.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from rag.errors import StoreError

SCHEMA_VERSION = 5

_T = TypeVar("_T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT NOT NULL,
    published_ts INTEGER,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    n_chunks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    terms TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS pending (article_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS embeddings (text_hash TEXT PRIMARY KEY, vec BLOB NOT NULL);
"""

# Version 2: syndicated copies. A story several outlets ran is stored once (its first copy, in
# ``articles``, with chunks); every other outlet's copy is a row here, with its own text so it
# can be promoted when the stored copy is deleted. ``fingerprints`` holds each stored article's
# sampled shingle hashes (ingest/fold.py), written and deleted with the article.
_FOLD_SCHEMA = """
CREATE TABLE IF NOT EXISTS copies (
    article_id TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT NOT NULL,
    published_ts INTEGER,
    author TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS copies_canonical ON copies(canonical_id);
CREATE TABLE IF NOT EXISTS fingerprints (article_id TEXT PRIMARY KEY, sample BLOB NOT NULL);
"""

# Version 3: the lexical index follows the manifest article by article (``rag.store.lexical.sync``):
# every commit lists the articles it touched here, in the same transaction; the sync removes
# the ids it has applied.
_LEXICAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS lexical_dirty (article_id TEXT PRIMARY KEY);
"""

# Version 4: what every ingest reads of every article, readable without the text. Each run
# diffs the files against all article hashes (``hashes``) and prunes vectors no chunk uses
# (``prune_vector_cache``); without these both scanned the tables with their text: 1.1 s per
# run at 67k articles / 336k chunks, 0.12 s with them (2026-12-07).
_SCAN_SCHEMA = """
CREATE INDEX IF NOT EXISTS articles_scan ON articles(article_id, content_hash, path);
CREATE INDEX IF NOT EXISTS copies_scan ON copies(article_id, content_hash, path);
CREATE INDEX IF NOT EXISTS chunks_text_hash ON chunks(text_hash);
"""


# Version 5: each stored article's fold sample keyed by an owner number that is never used
# twice (AUTOINCREMENT; a plain rowid is reused after a delete and may change in a VACUUM), so
# ingest can keep every sample in one sorted array on disk and read only the samples stored
# after it (``ingest.fold_samples``) instead of reading and sorting all of them every run
# (5.3 s per run on a cold 1M-chunk desk: 14M hashes).
_PRINTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS fold_prints (
    owner INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL UNIQUE,
    sample BLOB NOT NULL
);
"""


def _number_fold_prints(conn: sqlite3.Connection) -> None:
    _execute_script(conn, _PRINTS_SCHEMA)
    conn.execute(
        "INSERT INTO fold_prints(article_id, sample) "
        "SELECT article_id, sample FROM fingerprints ORDER BY rowid"
    )
    conn.execute("DROP TABLE fingerprints")


# Each migration takes the schema from version i to i + 1; a new manifest is made at version 1
# and taken through every step, so there is one definition of each table.
_MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    _FOLD_SCHEMA, _LEXICAL_SCHEMA, _SCAN_SCHEMA, _number_fold_prints,
]


@dataclass(frozen=True)
class ArticleRow:
    article_id: str
    path: str
    content_hash: str
    title: str
    source: str
    url: str
    published: str
    published_ts: int | None
    author: str
    text: str
    n_chunks: int


# The articles columns in ArticleRow order, with the text left out (see Manifest.chunks).
_ARTICLE_META = (
    "a.article_id, a.path, a.content_hash, a.title, a.source, a.url, a.published, "
    "a.published_ts, a.author, '' AS text, a.n_chunks"
)


@dataclass(frozen=True)
class CopyRow:
    """Another outlet's copy of a stored story: kept whole, but not chunked or embedded."""

    article_id: str
    canonical_id: str
    path: str
    content_hash: str
    title: str
    source: str
    url: str
    published: str
    published_ts: int | None
    author: str
    text: str


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    article_id: str
    idx: int
    start: int
    end: int
    text: str
    text_hash: str
    terms: str


class Manifest:
    """SQLite in WAL mode: one writer (the ingest holding the lock), many concurrent readers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._conn() as conn:
                conn.executescript(_SCHEMA)
                self._migrate(conn)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(
                f"the manifest {path} is unreadable ({exc}); re-ingest from the corpus into a "
                "new data directory (NEWSDESK_DATA_DIR)"
            ) from exc

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 1  # a new manifest: every step from version 1
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the manifest {self.path} has schema {version}, newer than this Newsdesk "
                f"({SCHEMA_VERSION}); upgrade Newsdesk or re-ingest into a new data directory"
            )
        if version == SCHEMA_VERSION:
            return
        with _tx(conn, self.path):  # all steps or none
            for step in _MIGRATIONS[version - 1 : SCHEMA_VERSION - 1]:
                if isinstance(step, str):
                    _execute_script(conn, step)
                else:
                    step(conn)
            conn.execute(
                "INSERT INTO meta(key, value) VALUES('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self._conn().execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self._conn().execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    @property
    def generation(self) -> int:
        """Bumped by every committed change; readers reload derived indexes when it moves."""
        return int(self.get_meta("generation", "0"))

    # -- articles ---------------------------------------------------------------------------
    def hashes(self) -> dict[str, tuple[str, str]]:
        """article_id -> (content_hash, path) for every committed article, copies included."""
        rows = self._conn().execute(
            "SELECT article_id, content_hash, path FROM articles "
            "UNION ALL SELECT article_id, content_hash, path FROM copies"
        )
        return {a: (h, p) for a, h, p in rows}

    def article(self, article_id: str) -> ArticleRow | None:
        row = self._conn().execute(
            "SELECT * FROM articles WHERE article_id=?", (article_id,)
        ).fetchone()
        return ArticleRow(*row) if row else None

    def texts(self, article_ids: list[str]) -> dict[str, str]:
        """The text of each of these stored articles (ids not stored are left out)."""
        out: dict[str, str] = {}
        for part, marks in _in_parts(article_ids):
            rows = self._conn().execute(
                f"SELECT article_id, text FROM articles WHERE article_id IN ({marks})", part
            )
            out.update(rows)
        return out

    def articles(self, *, text: bool = True) -> list[ArticleRow]:
        """Every article, newest first; ``text=False`` leaves ``ArticleRow.text`` empty (a
        listing of a large store should not hold every article's text in memory)."""
        columns = "*" if text else _ARTICLE_META.replace("a.", "")
        rows = self._conn().execute(
            f"SELECT {columns} FROM articles ORDER BY published DESC, title"
        )
        return [ArticleRow(*r) for r in rows]

    def chunk_ids(self, article_id: str) -> list[str]:
        rows = self._conn().execute(
            "SELECT chunk_id FROM chunks WHERE article_id=? ORDER BY idx", (article_id,)
        )
        return [r[0] for r in rows]

    def chunks(self, chunk_ids: Iterable[str]) -> dict[str, tuple[ChunkRow, ArticleRow]]:
        """Chunks with their article's metadata; ``ArticleRow.text`` is left empty here.

        A chunk never needs its whole article, and a 5 MB article copied once per chunk
        fetched would cost gigabytes: use ``article()`` for the text.
        """
        ids = list(chunk_ids)
        out: dict[str, tuple[ChunkRow, ArticleRow]] = {}
        for part, marks in _in_parts(ids):
            rows = self._conn().execute(
                f"SELECT c.*, {_ARTICLE_META} FROM chunks c JOIN articles a "
                f"USING(article_id) WHERE c.chunk_id IN ({marks})",
                part,
            )
            for row in rows:
                chunk = ChunkRow(*row[:8])
                out[chunk.chunk_id] = (chunk, ArticleRow(*row[8:]))
        return out

    def iter_index_rows(
        self, article_ids: Iterable[str] | None, page: int = 5_000
    ) -> Iterator[list[tuple[str, str, str, str, int | None]]]:
        """(chunk_id, article_id, terms, source, published_ts) of these articles' chunks (of
        every chunk when None), in pages, for the lexical index."""
        conn = self._conn()
        query = ("SELECT c.chunk_id, c.article_id, c.terms, a.source, a.published_ts "
                 "FROM chunks c JOIN articles a USING(article_id)")
        if article_ids is None:
            cursor = conn.execute(query)
            while rows := cursor.fetchmany(page):
                yield rows
            return
        ids = list(dict.fromkeys(article_ids))
        for part, marks in _in_parts(ids):
            yield conn.execute(f"{query} WHERE c.article_id IN ({marks})", part).fetchall()

    def lexical_dirty(self) -> list[str]:
        """Articles committed since the lexical index last followed (``rag.store.lexical.sync``)."""
        return [r[0] for r in self._conn().execute("SELECT article_id FROM lexical_dirty")]

    def clear_lexical_dirty(self, article_ids: Iterable[str]) -> None:
        conn = self._conn()
        ids = list(article_ids)
        with _tx(conn, self.path):
            for part, marks in _in_parts(ids):
                conn.execute(f"DELETE FROM lexical_dirty WHERE article_id IN ({marks})", part)

    def sample_chunk_ids(self, n: int) -> list[str]:
        """Up to ``n`` committed chunk ids picked at random (for consistency checks)."""
        rows = self._conn().execute("SELECT chunk_id FROM chunks ORDER BY RANDOM() LIMIT ?", (n,))
        return [r[0] for r in rows]

    def known_chunks(self, chunk_ids: Iterable[str]) -> set[str]:
        """The ids among ``chunk_ids`` that the manifest holds."""
        ids = list(dict.fromkeys(chunk_ids))
        out: set[str] = set()
        for part, marks in _in_parts(ids):
            rows = self._conn().execute(
                f"SELECT chunk_id FROM chunks WHERE chunk_id IN ({marks})", part
            )
            out.update(r[0] for r in rows)
        return out

    # -- syndicated copies -------------------------------------------------------------------
    def copy(self, article_id: str) -> CopyRow | None:
        row = self._conn().execute(
            "SELECT * FROM copies WHERE article_id=?", (article_id,)
        ).fetchone()
        return CopyRow(*row) if row else None

    def copy_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` that are copies (not stored articles)."""
        ids = list(article_ids)
        out: set[str] = set()
        for part, marks in _in_parts(ids):
            rows = self._conn().execute(
                f"SELECT article_id FROM copies WHERE article_id IN ({marks})", part
            )
            out.update(r[0] for r in rows)
        return out

    def copies_of(self, canonical_id: str) -> list[CopyRow]:
        rows = self._conn().execute(
            "SELECT * FROM copies WHERE canonical_id=? ORDER BY rowid", (canonical_id,)
        )
        return [CopyRow(*r) for r in rows]

    def outlets(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        """Stored article id -> the sources of its copies (other outlets), first seen first."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, list[str]] = {}
        for part, marks in _in_parts(ids):
            rows = self._conn().execute(
                f"SELECT canonical_id, source, url FROM copies "
                f"WHERE canonical_id IN ({marks}) ORDER BY rowid",
                part,
            )
            for canonical, source, url in rows:
                out.setdefault(canonical, []).append(source or _host(url))
        return out

    def orphan_copies(self) -> list[CopyRow]:
        """Copies whose stored article is gone (deleted or wiped), oldest first."""
        conn = self._conn()
        # Found on the canonical_id index, then read: a join read every copy's row with its
        # text, 2.2 s per ingest on a cold 1M-chunk desk (69k copies), 0.26 s this way.
        orphans = [r[0] for r in conn.execute(
            "SELECT c.rowid FROM copies c WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.article_id = c.canonical_id)"
        )]
        rows = []
        for part, marks in _in_parts(sorted(orphans)):
            rows += conn.execute(
                f"SELECT rowid, * FROM copies WHERE rowid IN ({marks})", part
            ).fetchall()
        return [CopyRow(*r[1:]) for r in sorted(rows)]

    def fold_prints(self, after: int = 0) -> Iterator[tuple[int, bytes]]:
        """(owner, sample) of each stored article's fold sample numbered above ``after``, in
        the order they were stored (``ingest.fold``)."""
        yield from self._conn().execute(
            "SELECT owner, sample FROM fold_prints WHERE owner > ? ORDER BY owner", (after,)
        )

    def fold_owners(self, owners: list[int]) -> dict[int, str]:
        """The stored articles these owner numbers stand for (numbers of samples since
        replaced or deleted are left out)."""
        out: dict[int, str] = {}
        conn = self._conn()
        for part, marks in _in_parts(owners):
            out.update(conn.execute(
                f"SELECT owner, article_id FROM fold_prints WHERE owner IN ({marks})", part))
        return out

    def unfingerprinted(self) -> list[str]:
        """Stored articles with no fold sample (ingested before schema 2)."""
        rows = self._conn().execute(
            "SELECT article_id FROM articles WHERE article_id NOT IN "
            "(SELECT article_id FROM fold_prints)"
        )
        return [r[0] for r in rows]

    def set_fingerprints(self, samples: dict[str, bytes]) -> None:
        """Save stored articles' fold samples (ids no longer stored are left out)."""
        conn = self._conn()
        with _tx(conn, self.path):
            stored = {aid for part, marks in _in_parts(list(samples)) for (aid,) in conn.execute(
                f"SELECT article_id FROM articles WHERE article_id IN ({marks})", part)}
            kept = {a: b for a, b in samples.items() if a in stored}
            _drop_prints(conn, list(kept))
            _put_prints(conn, kept)

    def counts(self) -> tuple[int, int]:
        conn = self._conn()
        return (
            conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
        )

    def copy_count(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM copies").fetchone()[0]

    def sources(self) -> list[str]:
        rows = self._conn().execute(
            "SELECT DISTINCT source FROM articles WHERE source != '' ORDER BY source"
        )
        return [r[0] for r in rows]

    def has_unsourced(self) -> bool:
        """Whether some article names no source (the UI offers it as a filter choice)."""
        row = self._conn().execute("SELECT 1 FROM articles WHERE source = '' LIMIT 1").fetchone()
        return row is not None

    def undated_ids(self) -> list[str]:
        """Articles that carry no date (a date filter leaves them out unless asked not to)."""
        rows = self._conn().execute("SELECT article_id FROM articles WHERE published_ts IS NULL")
        return [r[0] for r in rows]

    def count_matching(
        self,
        sources: Iterable[str] = (),
        lo: float | None = None,
        hi: float | None = None,
        undated: bool = False,
    ) -> tuple[int, int]:
        """(articles passing a source list and date range, undated ones the range left out)."""
        where, args = ["1=1"], []
        sources = list(sources)
        if sources:
            where.append(f"source IN ({','.join('?' * len(sources))})")
            args.extend(sources)
        base = " AND ".join(where)
        dates, dargs = [], []
        if lo is not None:
            dates.append("published_ts >= ?")
            dargs.append(lo)
        if hi is not None:
            dates.append("published_ts <= ?")
            dargs.append(hi)
        conn = self._conn()
        if not dates:
            n = conn.execute(f"SELECT COUNT(*) FROM articles WHERE {base}", args)
            return n.fetchone()[0], 0
        in_range = " AND ".join(dates)
        n_dated, n_undated = conn.execute(
            f"SELECT COALESCE(SUM({in_range}), 0), "
            f"COALESCE(SUM(published_ts IS NULL), 0) FROM articles WHERE {base}",
            [*dargs, *args],
        ).fetchone()
        return (n_dated + n_undated, 0) if undated else (n_dated, n_undated)

    # -- the write protocol -----------------------------------------------------------------
    def mark_pending(self, article_ids: Iterable[str]) -> None:
        conn = self._conn()
        with _tx(conn, self.path):
            conn.executemany(
                "INSERT OR IGNORE INTO pending(article_id) VALUES(?)", [(a,) for a in article_ids]
            )

    def pending(self) -> list[str]:
        return [r[0] for r in self._conn().execute("SELECT article_id FROM pending")]

    def commit_articles(
        self,
        articles: list[ArticleRow],
        chunks: list[ChunkRow],
        removed: Iterable[str] = (),
        *,
        copies: Iterable[CopyRow] = (),
        dropped_copies: Iterable[str] = (),
        fingerprints: dict[str, bytes] | None = None,
    ) -> None:
        """Replace these articles' rows, drop ``removed`` ones, clear their journal: one step.

        In the same transaction: ``copies`` are written (a copy row for an id replaces the
        old one), ``dropped_copies`` deleted, a stored article's own copy row (a copy promoted,
        or one that no longer matches) deleted, and ``fingerprints`` stored with their articles.
        Wiping a stored article (``removed``) leaves its copies, to be promoted by ingest.
        """
        conn = self._conn()
        touched = [a.article_id for a in articles] + list(removed)
        copies = list(copies)
        with _tx(conn, self.path):
            replaced = [h for aid in touched for (h,) in conn.execute(
                "SELECT text_hash FROM chunks WHERE article_id=?", (aid,))]
            for aid in touched:
                conn.execute("DELETE FROM chunks WHERE article_id=?", (aid,))
                conn.execute("DELETE FROM articles WHERE article_id=?", (aid,))
                conn.execute("DELETE FROM pending WHERE article_id=?", (aid,))
            for aid in [a.article_id for a in articles] + list(dropped_copies):
                conn.execute("DELETE FROM copies WHERE article_id=?", (aid,))
            conn.executemany(
                "INSERT OR REPLACE INTO copies VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                [tuple(c.__dict__.values()) for c in copies],
            )
            prints = fingerprints or {}
            _drop_prints(conn, list(dict.fromkeys([*touched, *prints])))
            _put_prints(conn, prints)
            conn.executemany(
                "INSERT INTO articles VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                [tuple(a.__dict__.values()) for a in articles],
            )
            conn.executemany(
                "INSERT INTO chunks VALUES(?,?,?,?,?,?,?,?)",
                [tuple(c.__dict__.values()) for c in chunks],
            )
            conn.executemany("INSERT OR IGNORE INTO lexical_dirty(article_id) VALUES(?)",
                             [(aid,) for aid in touched])
            _drop_unused_vectors(conn, replaced)  # the texts no chunk holds any more
            if touched:  # copies alone change no chunk: the derived indexes stay valid
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) "
                    "DO UPDATE SET value=CAST(value AS INTEGER) + 1"
                )

    def replace_all(
        self,
        chunk_pages: Iterable[list[ChunkRow]],
        article_of: Callable[[str, list[ChunkRow]], ArticleRow],
        meta: dict[str, str],
    ) -> tuple[int, int]:
        """Replace every article and chunk in one transaction (a read replica's rebuild, see
        ``rag.store.replica``); readers keep the old snapshot until it commits. Articles are made
        from their chunks by ``article_of``. Returns (articles, chunks)."""
        conn = self._conn()
        with _tx(conn, self.path):
            # The lexical index is rebuilt whole after this (``rag.store.lexical.build``).
            for table in ("chunks", "articles", "pending", "fold_prints", "copies",
                          "lexical_dirty"):
                conn.execute(f"DELETE FROM {table}")  # fixed names
            n_chunks = 0
            for page in chunk_pages:
                conn.executemany(
                    "INSERT OR REPLACE INTO chunks VALUES(?,?,?,?,?,?,?,?)",
                    [tuple(c.__dict__.values()) for c in page],
                )
                n_chunks += len(page)
            ids = [r[0] for r in conn.execute("SELECT DISTINCT article_id FROM chunks")]
            for aid in ids:
                rows = conn.execute(
                    "SELECT * FROM chunks WHERE article_id=? ORDER BY idx", (aid,)
                ).fetchall()
                article = article_of(aid, [ChunkRow(*r) for r in rows])
                conn.execute(
                    "INSERT INTO articles VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                    tuple(article.__dict__.values()),
                )
            conn.executemany(
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                list(meta.items()),
            )
            conn.execute(
                "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) "
                "DO UPDATE SET value=CAST(value AS INTEGER) + 1"
            )
        return len(ids), n_chunks

    # -- embedding cache (by chunk-text hash) -----------------------------------------------
    def cached_vectors(self, text_hashes: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        conn = self._conn()
        for part, marks in _in_parts(text_hashes):
            rows = conn.execute(
                f"SELECT text_hash, vec FROM embeddings WHERE text_hash IN ({marks})",
                part,
            )
            for h, blob in rows:
                out[h] = np.frombuffer(blob, dtype=np.float32)
        return out

    def cache_vectors(self, items: dict[str, np.ndarray]) -> None:
        conn = self._conn()
        with _tx(conn, self.path):
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings(text_hash, vec) VALUES(?, ?)",
                [(h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    def prune_vector_cache(self, text_hashes: Iterable[str] | None = None) -> int:
        """Drop cached vectors no chunk uses: among ``text_hashes`` (what one run cached; the
        cost of the run), or all of them (the cost of the store: 4.4 s at 842k chunks).
        ``commit_articles`` already drops the vectors of the texts it replaces."""
        conn = self._conn()
        with _tx(conn, self.path):
            if text_hashes is not None:
                return _drop_unused_vectors(conn, list(text_hashes))
            cur = conn.execute(
                "DELETE FROM embeddings WHERE text_hash NOT IN (SELECT text_hash FROM chunks)"
            )
        return cur.rowcount


def _drop_unused_vectors(conn: sqlite3.Connection, text_hashes: list[str]) -> int:
    """Delete the cached vectors of these texts that no chunk holds; how many went."""
    gone = 0
    for part, marks in _in_parts(text_hashes, 400):
        cur = conn.execute(
            f"DELETE FROM embeddings WHERE text_hash IN ({marks}) AND text_hash NOT IN "
            f"(SELECT text_hash FROM chunks WHERE text_hash IN ({marks}))",
            part + part,
        )
        gone += cur.rowcount
    return gone


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """``script``'s statements inside the open transaction (``executescript`` would commit
    it first)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _put_prints(conn: sqlite3.Connection, samples: dict[str, bytes]) -> None:
    """Save articles' fold samples, each under a new owner number (the caller has deleted
    any saved before for these ids, ``_drop_prints``)."""
    conn.executemany(
        "INSERT INTO fold_prints(article_id, sample) VALUES(?, ?)", list(samples.items())
    )


def _drop_prints(conn: sqlite3.Connection, article_ids: list[str]) -> None:
    for part, marks in _in_parts(article_ids):
        conn.execute(f"DELETE FROM fold_prints WHERE article_id IN ({marks})", part)


def _in_parts(ids: list[_T], size: int = 500) -> Iterator[tuple[list[_T], str]]:
    """``ids`` in parts of ``size`` for ``IN (...)`` lists, each with its "?,?,..." marks
    (well under SQLite's bound on one statement's parameters)."""
    for i in range(0, len(ids), size):
        part = ids[i : i + size]
        yield part, ",".join("?" * len(part))


class _tx:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (the connection is autocommit).

    A failed write (the disk full, the file too large, an I/O error) becomes one ``StoreError``
    line; the transaction is rolled back, so nothing half-written is kept.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _write_error(self.path, exc) from exc
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as failed:
                exc = failed
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise _write_error(self.path, exc) from exc


def _write_error(path: Path, exc: sqlite3.Error) -> StoreError:
    return StoreError(
        f"cannot write the manifest {path} ({exc}); free disk space (or fix the disk) and run "
        "the ingest again: nothing half-written was kept"
    )


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
