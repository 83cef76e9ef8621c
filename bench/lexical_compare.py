"""Three lexical indexes on the same chunk terms: bm25s rebuilt whole (Newsdesk until
2026-12-07), SQLite FTS5 and tantivy updated in place (issue 25; rag/store/lexical.py uses tantivy).

    .venv/bin/python bench/lexical_compare.py --chunks 100000 [--out bench/results/lexical.json]

Chunks come from the deterministic scale corpus (bench/make_scale_corpus.py), cut by Newsdesk's
chunker and reduced to the stemmed terms the manifest stores. Per engine: the time to index all
of them, one article's update (its chunks deleted and written again, committed; median of 5),
200 SQuAD2-sample questions as OR queries for the 30 best chunks (p50 / p95), and the disk used;
and how many of bm25s's 30 the others return (they score BM25 with k1 1.2, bm25s with 1.5, and
the corpus repeats paragraphs, so ties fall differently). Run it alone on a quiet box; the
load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "data" / "eval" / "squad2-sample500" / "queries.json"


def chunk_terms(n: int) -> list[tuple[int, str]]:
    """(article number, terms) of the first ``n`` chunks of the scale corpus."""
    from bench.make_scale_corpus import articles
    from ingest.chunk import Chunker
    from ingest.clean import clean_text
    from rag.settings import Settings
    from rag.text import terms

    s = Settings()
    chunker = Chunker(s.model_path(), s.chunk_tokens, s.chunk_overlap)
    out: list[tuple[int, str]] = []
    for i, rec in enumerate(articles()):
        for c in chunker.split(clean_text(rec["body"])):
            out.append((i, " ".join(terms(c.text))))
        if len(out) >= n:
            break
    return out[:n]


def pct(values: list[float], p: float) -> float:
    return sorted(values)[int(p * (len(values) - 1))] * 1000


def du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    import bm25s
    import numpy as np
    import tantivy

    from rag.text import terms

    load = os.getloadavg()
    docs = chunk_terms(args.chunks)
    questions = [q["question"] for q in json.loads(QUESTIONS.read_text())["queries"]][:200]
    work = Path(tempfile.mkdtemp(prefix="lexical-compare-"))
    article = docs[len(docs) // 2][0]
    mine = [(i, a, t) for i, (a, t) in enumerate(docs) if a == article]
    result: dict[str, dict[str, float]] = {}

    # bm25s, rebuilt whole
    started = time.perf_counter()
    model = bm25s.BM25()
    model.index([t.split() or ["\x00"] for _, t in docs], show_progress=False)
    build = time.perf_counter() - started
    model.save(str(work / "bm25s"))
    vocab = model.vocab_dict

    def q_bm25s(q: str) -> list[int]:
        words = [t for t in dict.fromkeys(terms(q)) if t in vocab]
        if not words:
            return []
        scores = np.asarray(model.get_scores(words))
        return [int(i) for i in np.argsort(-scores)[:30] if scores[i] > 0]

    # SQLite FTS5 over an external-content table, kept by triggers
    db = sqlite3.connect(work / "fts.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE chunks(id INTEGER PRIMARY KEY, article INTEGER, terms TEXT)")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(terms, content='chunks', "
               "content_rowid='id', tokenize=\"unicode61 tokenchars ''''\")")
    db.execute("CREATE TRIGGER ti AFTER INSERT ON chunks BEGIN "
               "INSERT INTO fts(rowid, terms) VALUES(new.id, new.terms); END")
    db.execute("CREATE TRIGGER td AFTER DELETE ON chunks BEGIN "
               "INSERT INTO fts(fts, rowid, terms) VALUES('delete', old.id, old.terms); END")
    started = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO chunks VALUES(?,?,?)", [(i, a, t) for i, (a, t) in enumerate(docs)])
    db.execute("COMMIT")
    fts_build = time.perf_counter() - started

    def q_fts(q: str) -> list[int]:
        words = list(dict.fromkeys(terms(q)))
        if not words:
            return []
        expr = " OR ".join(f'"{t}"' for t in words)
        rows = db.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 30",
                          (expr,)).fetchall()
        return [r[0] for r in rows]

    def fts_update() -> None:
        db.execute("BEGIN")
        db.execute("DELETE FROM chunks WHERE article=?", (article,))
        db.executemany("INSERT INTO chunks VALUES(?,?,?)", mine)
        db.execute("COMMIT")

    # tantivy, the schema rag/store/lexical.py uses for terms
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("article", tokenizer_name="raw")
    sb.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    schema = sb.build()
    (work / "tantivy").mkdir()
    index = tantivy.Index(schema, path=str(work / "tantivy"))
    started = time.perf_counter()
    writer = index.writer(heap_size=128_000_000, num_threads=1)
    for i, (a, t) in enumerate(docs):
        writer.add_document(tantivy.Document(id=str(i), article=str(a), terms=t))
    writer.commit()
    writer.wait_merging_threads()
    tv_build = time.perf_counter() - started
    index.reload()
    searcher = index.searcher()

    def q_tv(q: str) -> list[int]:
        words = list(dict.fromkeys(terms(q)))
        if not words:
            return []
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "terms", t)) for t in words])
        return [int(searcher.doc(a)["id"][0]) for _, a in searcher.search(query, 30).hits]

    tv_writer = index.writer(heap_size=50_000_000, num_threads=1)

    def tv_update() -> None:
        tv_writer.delete_documents_by_term("article", str(article))
        for i, a, t in mine:
            tv_writer.add_document(tantivy.Document(id=str(i), article=str(a), terms=t))
        tv_writer.commit()

    def bm25s_update() -> None:
        fresh = bm25s.BM25()
        fresh.index([t.split() or ["\x00"] for _, t in docs], show_progress=False)

    for name, query, update, built, path in (
        ("bm25s (rebuilt)", q_bm25s, bm25s_update, build, work / "bm25s"),
        ("sqlite fts5", q_fts, fts_update, fts_build, work / "fts.sqlite"),
        ("tantivy", q_tv, tv_update, tv_build, work / "tantivy"),
    ):
        lat, overlap = [], []
        for q in questions:
            t0 = time.perf_counter()
            got = query(q)
            lat.append(time.perf_counter() - t0)
            ref = q_bm25s(q)
            if ref:
                overlap.append(len(set(got) & set(ref)) / len(ref))
        ups = []
        for _ in range(1 if name.startswith("bm25s") else 5):
            t0 = time.perf_counter()
            update()
            ups.append(time.perf_counter() - t0)
        result[name] = {
            "index_all_s": round(built, 2),
            "update_one_article_ms": round(statistics.median(ups) * 1000, 1),
            "query_p50_ms": round(pct(lat, 0.5), 2),
            "query_p95_ms": round(pct(lat, 0.95), 2),
            "disk_mb": round(du(path) / 1e6, 1),
            "top30_shared_with_bm25s": round(statistics.mean(overlap), 3),
        }
        print(f"{name:16s} " + ", ".join(f"{k} {v}" for k, v in result[name].items()),
              flush=True)
    shutil.rmtree(work, ignore_errors=True)
    report = {"chunks": len(docs), "article_chunks": len(mine),
              "load_before": [round(x, 2) for x in load],
              "load_after": [round(x, 2) for x in os.getloadavg()], "engines": result}
    print(f"{len(docs)} chunks; load average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
