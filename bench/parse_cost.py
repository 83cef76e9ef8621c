"""What the linguistic layer costs per 1,000 chunks, beside what embedding them costs, same run.

    .venv/bin/python bench/parse_cost.py --data /tmp/newsdesk-scale/data-embedded-10000 --n 1000

Takes ``--n`` chunks (seeded sample) from a store's manifest, then times, one after the other on
the same texts: ``rag.language.analysis.analyse`` (spaCy parse + attributed speech, cold cache)
and the MiniLM encode that ingest does (``Embedder.encode``, the ingest batch path). Prints
milliseconds per chunk and seconds per 1,000 chunks for each, with the load average; writes
``bench/results/parse_cost.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.quiet import LoadRecord  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a Newsdesk data dir")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--allow-loaded", action="store_true")
    args = parser.parse_args()
    with sqlite3.connect(args.data / "manifest.sqlite") as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM chunks ORDER BY chunk_id")]
    random.Random(20261206).shuffle(texts)
    texts = texts[: args.n]
    from rag.language.analysis import analyse, clear_cache
    from rag.language.parse import pipeline
    from rag.retrieval.embedder import Embedder
    from rag.settings import Settings

    embedder = Embedder(Settings().model_path())
    pipeline()
    analyse(["Warm-up: the minister said the parse is loaded."])
    embedder.encode(["Warm-up sentence."])
    with LoadRecord(args.allow_loaded) as load:
        clear_cache()
        started = time.perf_counter()
        analyse(texts)
        parse_s = time.perf_counter() - started
        started = time.perf_counter()
        embedder.encode(texts)
        embed_s = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    result = {
        "chunks": len(texts),
        "mean_chars": chars / len(texts),
        "parse_ms_per_chunk": 1000 * parse_s / len(texts),
        "parse_s_per_1000": 1000 * parse_s / len(texts),
        "embed_ms_per_chunk": 1000 * embed_s / len(texts),
        "embed_s_per_1000": 1000 * embed_s / len(texts),
        "parse_over_embed": parse_s / embed_s,
        "machine": load.meta,
    }
    out = load.path("parse_cost.json")
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(
        f"{len(texts)} chunks ({result['mean_chars']:.0f} chars): parse + attribution "
        f"{result['parse_ms_per_chunk']:.1f} ms/chunk ({result['parse_s_per_1000']:.1f} s per "
        f"1,000), MiniLM encode {result['embed_ms_per_chunk']:.1f} ms/chunk "
        f"({result['embed_s_per_1000']:.1f} s per 1,000): parse/encode "
        f"{result['parse_over_embed']:.2f}. load {load.before:.2f} before, {load.after:.2f} "
        f"after; wrote {out}"
    )


if __name__ == "__main__":
    main()
