"""A read replica following the ingest host on a real ``chroma run``: one edited article
followed vs the whole rebuild it replaces (issue 25).

    .venv/bin/python bench/replica_follow.py --chunks 10000 [--out FILE.json]

The ingest host's desk is built from the deterministic scale corpus with shortcut vectors
(``bench/latency.py``'s ``child_build``: the write path and HNSW do not care where vectors came
from). Then, in one process: a replica on an empty data dir starts (a whole rebuild: manifest
and lexical index from the server), the host edits one article and re-ingests, the replica
follows (only that article fetched, its lexical index updated in place), and for comparison the
same replica rebuilds whole at the same generation (change records deleted). Run it alone on a
quiet box; load averages are recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.latency import child_build, start_server  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=10_000)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    from ingest import ingest
    from rag.newsdesk import Newsdesk
    from rag.settings import Settings
    from rag.store.replica import CHANGE, side_collection

    load = os.getloadavg()
    work = args.work or Path(tempfile.mkdtemp(prefix="replica-follow-"))
    corpus = work / f"corpus-{args.chunks}"
    if not (corpus / "SCALE.json").exists():
        subprocess.run([sys.executable, str(REPO / "bench" / "make_scale_corpus.py"), "--chunks",
                        str(args.chunks), "--out", str(corpus)], check=True, cwd=REPO)
    proc, chroma = start_server(work / "chroma-server")
    try:
        host_dir = work / "host"
        shutil.rmtree(host_dir, ignore_errors=True)
        built = child_build(corpus, host_dir, chroma, work)
        host = Newsdesk(Settings(data_dir=host_dir, corpus_dir=corpus, chroma=chroma))
        replica = Newsdesk(Settings(data_dir=work / "replica", chroma=chroma),
                           embedder=host.embedder)
        started = time.perf_counter()
        assert replica.retriever is not None
        first_s = time.perf_counter() - started
        sync = replica._replica
        assert sync is not None and sync.last is not None
        # The host edits one article of one shard: a sentence appended.
        shard = sorted(corpus.glob("*.jsonl"))[0]
        lines = shard.read_text(encoding="utf-8").splitlines()
        record = json.loads(lines[0])
        record["body"] += "\n\nThe harbour authority said the new berths would open in 2028."
        lines[0] = json.dumps(record, ensure_ascii=False)
        shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        summary = ingest(host, [corpus])
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        followed = sync.ensure()
        follow_wall = time.perf_counter() - started
        assert followed is not None and followed.followed, followed
        side_collection(host.settings).delete(where={"kind": CHANGE})
        replica.manifest.set_meta("server_generation", "0")  # back one step: stale again
        started = time.perf_counter()
        rebuilt = sync.ensure()
        rebuild_wall = time.perf_counter() - started
        assert rebuilt is not None and not rebuilt.followed, rebuilt
        consistent = replica.status().get("consistent")
        report = {
            "chunks": replica.manifest.counts()[1],
            "host_build": built,
            "replica_first_start_s": round(first_s, 2),
            "replica_first_rebuild_s": round(sync.last.seconds, 2) if sync.last else None,
            "host_update": {"updated": summary.updated, "seconds": round(ingest_s, 2)},
            # manifest_s: fetching and committing rows; wall_s: all of it, the server's change
            # records and the lexical index included.
            "follow": {"articles": followed.articles, "chunks": followed.chunks,
                       "manifest_s": round(followed.seconds, 3), "wall_s": round(follow_wall, 3)},
            "rebuild_whole": {"articles": rebuilt.articles, "chunks": rebuilt.chunks,
                              "manifest_s": round(rebuilt.seconds, 2),
                              "wall_s": round(rebuild_wall, 2)},
            "consistent_after": consistent,
            "load_before": [round(x, 2) for x in load],
            "load_after": [round(x, 2) for x in os.getloadavg()],
        }
        print(json.dumps({k: v for k, v in report.items() if k != "host_build"}, indent=1))
        if args.out:
            args.out.write_text(json.dumps(report, indent=1))
        replica.close()
        host.close()
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
