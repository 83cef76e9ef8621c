"""Benchmark corpora built from text that ships offline: the SQuAD2-sample paragraphs.

Shared by the ingest and latency benchmarks so both measure the same texts. Each paragraph is
written as one ``.txt`` article with YAML front matter (id, title, source, date), the format a
newsroom scraper drops into ``corpus/``.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SQUAD = REPO / "data" / "eval" / "squad2-sample500" / "queries.json"
SAMPLE_ARTICLE = REPO / "corpus" / "us-peace-deal-proposal.txt"
SOURCES = ["Reuters", "AP", "AFP", "BBC", "Kyiv Post", "Le Monde", "Bloomberg", "DW"]
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def squad_paragraphs(path: Path = SQUAD) -> list[str]:
    """The 411 distinct contexts, in first-seen order (stable across runs)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(dict.fromkeys(q["context"] for q in data["queries"]))


def squad_questions(path: Path = SQUAD) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [q["question"] for q in sorted(data["queries"], key=lambda q: q["id"])]


def article_file(n: int, text: str, *, title: str | None = None, rng_seed: int = 0) -> str:
    """One article as front matter + body; the id (url) and date derive from ``n`` only."""
    rng = random.Random(rng_seed * 1_000_003 + n)
    date = EPOCH + timedelta(hours=rng.randrange(0, 24 * 365))
    head = title or text.split(". ")[0][:90]
    meta = {
        "title": head.replace("\n", " "),
        "source": SOURCES[n % len(SOURCES)],
        "url": f"https://news.example/{rng_seed}/{n:06d}",
        "published": date.isoformat(),
    }
    lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()), "---"]
    return "\n".join(lines) + "\n" + text.strip() + "\n"


def write_squad_corpus(root: Path, limit: int | None = None) -> list[Path]:
    """The first benchmark corpus: one article per SQuAD2-sample paragraph."""
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for n, para in enumerate(squad_paragraphs()[:limit]):
        path = root / f"p{n:04d}.txt"
        path.write_text(article_file(n, para), encoding="utf-8")
        out.append(path)
    return out
