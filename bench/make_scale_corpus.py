"""Deterministic scale corpus: ~100k chunks recombined from text that ships offline.

Articles are 2-6 paragraphs drawn (seeded) from the 411 SQuAD2-sample paragraphs and the sample
article's paragraphs, each with its own id (url), outlet, dateline and date in 2025, written as
JSONL shards of 500 articles. Chunks are counted with Newsdesk's own cleaner and chunker, so the
corpus stops at exactly the first article that reaches the target. A smaller target yields a
prefix of a bigger one: the 10k-chunk corpus is the head of the 100k-chunk corpus.

    .venv/bin/python bench/make_scale_corpus.py --chunks 100000 --out /tmp/newsdesk-scale-100k
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpora import EPOCH, SAMPLE_ARTICLE, SOURCES, squad_paragraphs  # noqa: E402

SHARD = 500
SEED = 20250101
CITIES = ["GENEVA", "KYIV", "PARIS", "WASHINGTON", "LONDON", "BERLIN", "NAIROBI", "TOKYO"]


def pool() -> list[str]:
    """The paragraphs articles are built from (order fixed, so ids are stable)."""
    sample = [
        line.strip()
        for line in SAMPLE_ARTICLE.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 80
    ]
    return squad_paragraphs() + sample


def articles(seed: int = SEED) -> Iterator[dict[str, str]]:
    """An endless, deterministic stream of article records."""
    paras = pool()
    n = 0
    while True:
        rng = random.Random(seed * 7919 + n)
        picks = [paras[rng.randrange(len(paras))] for _ in range(rng.randint(2, 6))]
        when = EPOCH + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        source = SOURCES[rng.randrange(len(SOURCES))]
        city = CITIES[rng.randrange(len(CITIES))]
        lead = f"{city}, {when:%B} {when.day} ({source}) - Update {n} on this story."
        yield {
            "title": f"{picks[0].split('. ')[0][:80]} ({n})",
            "body": "\n\n".join([lead, *picks]),
            "source": source,
            "url": f"https://scale.example/{when:%Y/%m/%d}/{n:07d}",
            "published_at": when.isoformat(),
        }
        n += 1


def generate(target_chunks: int, out: Path, seed: int = SEED) -> dict[str, int]:
    from ingest.chunk import Chunker
    from ingest.clean import clean_text
    from rag.settings import Settings

    settings = Settings()
    chunker = Chunker(settings.model_path(), settings.chunk_tokens, settings.chunk_overlap)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("shard-*.jsonl"):
        old.unlink()
    chunks = n_articles = 0
    shard: list[str] = []

    def flush() -> None:
        path = out / f"shard-{(n_articles - 1) // SHARD:04d}.jsonl"
        path.write_text("\n".join(shard) + "\n", encoding="utf-8")
        shard.clear()

    for record in articles(seed):
        chunks += len(chunker.split(clean_text(record["body"])))
        n_articles += 1
        shard.append(json.dumps(record, ensure_ascii=False))
        if n_articles % SHARD == 0:
            flush()
        if chunks >= target_chunks:
            break
    if shard:
        flush()
    info = {"articles": n_articles, "chunks": chunks, "seed": seed}
    (out / "SCALE.json").write_text(json.dumps(info), encoding="utf-8")
    return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    print(json.dumps(generate(args.chunks, args.out, args.seed)))


if __name__ == "__main__":
    main()
