"""The write path into a Chroma server: upsert batch sizes and HNSW construction settings.

    python bench/chroma_write.py [--chunks 20000] [--out bench/results/chroma_write.json]
    python bench/chroma_write.py --existing /work/newsdesk-1m/chroma [--out ...]

Starts `chroma run` on a scratch directory and, for each setting, upserts ``--chunks`` chunks
into a fresh collection as ingest sends them (ids, vectors, ~1,000-character documents and
ingest's metadata), timing the upserts alone. Vectors are the MiniLM vectors of the scale
corpus's ~420 real paragraphs (``bench.make_scale_corpus.pool``), two or three summed per chunk
plus small noise, as the 1M desk's were: HNSW does not care where a vector came from, only how
they spread. Each setting then answers 200 queries (other such vectors): recall@10 against exact
cosine over the same vectors, and query p50. Settings that build faster but find less are not a
win, so both are printed, with the load average.

``--existing DIR`` measures the batch sizes where it matters, in a store's own (largest)
collection: 2,000 of its chunks, copied with a little noise under new ids, upserted in each
batch size twice, then deleted again (the HNSW settings of a collection are fixed when it is
made, so only the batch size can be tried there). Each row also gives the CPU the upserts took
per chunk, in this process (the HTTP client) and in the server's processes (from /proc): on a
box of a few cores their sum bounds what any ingest beside them can reach.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.latency import start_server  # noqa: E402

# (name, upsert batch, HNSW configuration); Chroma's defaults: ef_construction 100,
# max_neighbors 16, batch_size 100 (kept brute-force before a flush into HNSW), sync_threshold
# 1000. Ingest sends batches of up to 256 chunks (ingest/pipeline.py BATCH_CHUNKS).
SETTINGS: list[tuple[str, int, dict[str, Any]]] = [
    ("batch 64", 64, {}),
    ("batch 256 (ingest's)", 256, {}),
    ("batch 1000", 1000, {}),
    ("batch 4000", 4000, {}),
    ("batch 256, ef_construction 50", 256, {"ef_construction": 50}),
    ("batch 256, ef_construction 200", 256, {"ef_construction": 200}),
    ("batch 256, max_neighbors 8", 256, {"max_neighbors": 8}),
    ("batch 256, max_neighbors 32", 256, {"max_neighbors": 32}),
    ("batch 256, batch_size 1000, sync_threshold 5000", 256,
     {"batch_size": 1000, "sync_threshold": 5000}),
]
QUERIES = 200
K = 10


def vectors(n: int, pool: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picks = rng.integers(len(pool), size=(n, 3))
    use_third = rng.random(n) < 0.5
    v = pool[picks[:, 0]] + pool[picks[:, 1]] + pool[picks[:, 2]] * use_third[:, None]
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    v += rng.normal(0, 0.01, v.shape)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def pool_vectors(paragraphs: list[str]) -> np.ndarray:
    cached = Path("/work/newsdesk-1m/pool_vectors.npy")
    if cached.exists():
        return np.load(cached)
    from rag.retrieval.embedder import Embedder
    from rag.settings import Settings

    return Embedder(Settings().model_path()).encode(paragraphs)


def run(client: Any, name: str, batch: int, hnsw: dict[str, Any], vecs: np.ndarray,
        docs: list[str], queries: np.ndarray, truth: np.ndarray) -> dict[str, Any]:
    collection = client.create_collection(
        f"w{abs(hash(name)) % 10**8}", embedding_function=None,
        configuration={"hnsw": {"space": "cosine", **hnsw}},
    )
    n = len(vecs)
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        j = min(n, i + batch)
        collection.upsert(
            ids=[f"c{k}" for k in range(i, j)], embeddings=vecs[i:j],
            documents=docs[i:j],
            metadatas=[{"article_id": f"a{k // 5}", "title": "A title of some length",
                        "source": "Wire", "url": f"https://example.org/{k // 5}",
                        "published": "2026-12-07", "published_ts": 1796600000 + k,
                        "start": 0, "end": len(docs[k]), "idx": k % 5, "author": "",
                        "path": f"shard/{k // 5}.md", "content_hash": f"{k:040d}"}
                       for k in range(i, j)],
        )
    seconds = time.perf_counter() - t0
    found, times = [], []
    for q, want in zip(queries, truth, strict=True):
        t = time.perf_counter()
        got = collection.query(query_embeddings=[q], n_results=K, include=[])["ids"][0]
        times.append((time.perf_counter() - t) * 1000)
        found.append(len({int(x[1:]) for x in got} & set(want.tolist())) / K)
    client.delete_collection(collection.name)
    row = {"setting": name, "batch": batch, "hnsw": hnsw, "chunks": n,
           "seconds": round(seconds, 2), "chunks_per_s": round(n / seconds, 1),
           "recall_at_10": round(statistics.mean(found), 4),
           "query_p50_ms": round(statistics.median(times), 2),
           "load": round(os.getloadavg()[0], 2)}
    print(f"{name:<50} {row['chunks_per_s']:>8} chunks/s  recall@10 {row['recall_at_10']:.3f}"
          f"  query p50 {row['query_p50_ms']:.1f} ms  load {row['load']}", flush=True)
    return row


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system, children reaped included) of process ``pid`` and its live
    children, from /proc (Linux): how much of the box a Chroma server's writes take."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue  # gone meanwhile
        total += sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
        pids += [int(k) for k in kids]
    return total


@contextmanager
def served(path: Path) -> Iterator[tuple[Any, subprocess.Popen[bytes]]]:
    """A client of ``chroma run`` on ``path``, and the server's process; stopped after."""
    import chromadb

    server, address = start_server(path)
    try:
        host, port = address.split(":")
        yield chromadb.HttpClient(host=host, port=int(port)), server
    finally:
        server.terminate()
        server.wait(timeout=60)


def existing(path: Path) -> list[dict[str, Any]]:
    rows = []
    with served(path) as (client, server):
        collection = max(client.list_collections(), key=lambda c: c.count())
        stored = collection.count()
        got = collection.get(limit=2000, include=["embeddings", "documents", "metadatas"])
        base = np.asarray(got["embeddings"], dtype=np.float32)
        rng = np.random.default_rng(7)
        collection.query(query_embeddings=[base[0]], n_results=1, include=[])  # load the index
        for run_no in range(2):
            for batch in (64, 256, 1000, 2000):
                ids = [f"bench-write-{batch}-{run_no}-{i}" for i in range(len(base))]
                vecs = base + rng.normal(0, 0.01, base.shape).astype(np.float32)
                t0, c0, s0 = time.perf_counter(), time.process_time(), tree_cpu(server.pid)
                for i in range(0, len(ids), batch):
                    collection.upsert(ids=ids[i:i + batch], embeddings=vecs[i:i + batch],
                                      documents=got["documents"][i:i + batch],
                                      metadatas=got["metadatas"][i:i + batch])
                seconds = time.perf_counter() - t0
                client_ms = (time.process_time() - c0) * 1000 / len(ids)
                server_ms = (tree_cpu(server.pid) - s0) * 1000 / len(ids)
                collection.delete(ids=ids)
                row = {"store": stored, "batch": batch, "run": run_no, "chunks": len(ids),
                       "chunks_per_s": round(len(ids) / seconds, 1),
                       "client_cpu_ms_per_chunk": round(client_ms, 2),
                       "server_cpu_ms_per_chunk": round(server_ms, 2),
                       "load": round(os.getloadavg()[0], 2)}
                rows.append(row)
                print(f"into {stored} chunks, batch {batch:>5}: {row['chunks_per_s']:>7} "
                      f"chunks/s, CPU per chunk: client {client_ms:.2f} ms, server "
                      f"{server_ms:.2f} ms (load {row['load']})", flush=True)
        assert collection.count() == stored, "the bench's chunks were not all removed"
    return rows


def fresh(chunks: int) -> list[dict[str, Any]]:
    """Each of SETTINGS into a fresh collection of a scratch server."""
    from bench.make_scale_corpus import pool

    paragraphs = pool()
    pvecs = pool_vectors(paragraphs)
    vecs = vectors(chunks, pvecs, 1)
    queries = vectors(QUERIES, pvecs, 2)
    truth = np.argsort(-(queries @ vecs.T), axis=1)[:, :K]
    rng = np.random.default_rng(3)
    docs = [paragraphs[i][:1000] for i in rng.integers(len(paragraphs), size=chunks)]
    print(f"{chunks} chunks per setting, {QUERIES} queries; load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as scratch, served(Path(scratch) / "chroma") as (client, _):
        return [run(client, name, batch, hnsw, vecs, docs, queries, truth)
                for name, batch, hnsw in SETTINGS]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--chunks", type=int, default=20_000)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--existing", type=Path, default=None,
                    help="a `chroma run` directory: batch sizes into its largest collection")
    args = ap.parse_args()
    import chromadb

    rows = existing(args.existing) if args.existing else fresh(args.chunks)
    if args.out:
        args.out.write_text(json.dumps({"chromadb": chromadb.__version__, "rows": rows},
                                       indent=1) + "\n")


if __name__ == "__main__":
    main()
