"""Load under change: N query threads on one Newsdesk while another process re-ingests a
changed corpus (edits, deletes, additions). Zero errors allowed; every citation must quote a
chunk exactly as some committed state of the store held it.

    .venv/bin/python bench/load_queries.py --threads 8 --articles 300

prints "concurrent queries run / failed: X / Y".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for extra in (REPO, REPO / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import kill_ingest  # noqa: E402  (the corpus generator and the embedding-cache seeding)

SAMPLE = REPO / "corpus" / "us-peace-deal-proposal.txt"
SAMPLE_QUESTION = "What did Rubio say about guarantees?"


def committed_chunks(data_dir: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(data_dir / "manifest.sqlite") as db:
        return set(db.execute("SELECT chunk_id, text FROM chunks"))


def hammer(
    desk: Any, questions: list[str], threads: int, until: Callable[[], bool], pause_s: float = 0.0
) -> tuple[list[tuple[str, list[tuple[str, str]]]], list[str]]:
    """``threads`` threads asking in turn until ``until()``; (answers with cited chunks, errors)."""
    answers: list[tuple[str, list[tuple[str, str]]]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        i = n
        while not until():
            q = questions[i % len(questions)]
            i += 1
            try:
                a = desk.query(q)
                cited = [(c.chunk_id, c.passage) for c in a.citations]
                with lock:
                    answers.append((q, cited))
            except Exception as exc:  # every kind counts: the promise is zero errors
                with lock:
                    errors.append(f"{q!r}: {type(exc).__name__}: {exc}")
            if pause_s:
                time.sleep(pause_s)  # a person reading the answer; leaves the ingest some CPU

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(600)
    return answers, errors


def run(
    work: Path, embedder: Any, n_articles: int, threads: int, pause_s: float = 0.0
) -> dict[str, Any]:
    """Ingest v0, then re-ingest v1 (edits, deletes, adds) in a subprocess while ``threads``
    threads query one Newsdesk. Shared by the test and the load benchmark."""
    from ingest import ingest
    from rag.newsdesk import Newsdesk
    from rag.settings import Settings

    shutil.rmtree(work, ignore_errors=True)
    c0, c1 = work / "corpus-v0", work / "corpus-v1"
    for v, root in ((0, c0), (1, c1)):
        kill_ingest.write_corpus(root, n_articles, v)
        shutil.copy(SAMPLE, root / SAMPLE.name)
    data = work / "data"
    seed = work / "seed.sqlite"
    kill_ingest.seed_cache([c0, c1], seed, embedder)
    kill_ingest.import_cache(seed, data)
    desk = Newsdesk(Settings(data_dir=data, corpus_dir=c0), embedder=embedder)
    ingest(desk)
    before = committed_chunks(data)
    qs = [SAMPLE_QUESTION, *kill_ingest.questions(n_articles), "Who won the chess final?"]
    desk.query(qs[0])  # warm: open Chroma and BM25 before the clock starts
    proc = subprocess.Popen(
        kill_ingest.ingest_cmd(data, c1), cwd=REPO, env=kill_ingest._env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    started = time.monotonic()
    answers, errors = hammer(desk, qs, threads, lambda: proc.poll() is not None, pause_s)
    out, err = proc.communicate(timeout=60)
    seconds = time.monotonic() - started
    after = committed_chunks(data)
    # A citation must quote a chunk as some committed state held it: before, after, or any
    # mix of the two (each article is committed whole, old or new).
    held = before | after
    phantom = [(q, c) for q, cited in answers for c in cited if c not in held]
    # Queries after the ingest see the new store.
    final = desk.query(qs[0])
    desk.close()
    return {
        "ingest_rc": proc.returncode, "ingest_err": err[-2000:], "ingest_out": out,
        "queries": len(answers) + len(errors), "failed": len(errors), "errors": errors[:5],
        "phantom": phantom[:5], "seconds": seconds, "changed": before != after,
        "final_ok": not final.refused and all(
            (c.chunk_id, c.passage) in after for c in final.citations
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--pause", type=float, default=0.0, help="Seconds between questions.")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-load"))
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from rag.retrieval.embedder import Embedder
    from rag.settings import Settings

    embedder = Embedder(Settings().model_path())
    r = run(args.work, embedder, args.articles, args.threads, args.pause)
    print(f"concurrent queries run / failed: {r['queries']} / {r['failed']} "
          f"({args.threads} threads, {r['seconds']:.1f} s of re-ingest, "
          f"ingest exit {r['ingest_rc']})")
    for e in r["errors"]:
        print(f"  error: {e}")
    for p in r["phantom"]:
        print(f"  citation of an uncommitted chunk: {p}")
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in r.items() if k != "ingest_out"},
                                        indent=2, default=str))
    ok = r["ingest_rc"] == 0 and r["failed"] == 0 and not r["phantom"] and r["final_ok"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
