"""Polling feeds: 20 feeds x 50 entries served on 127.0.0.1, a first poll and an unchanged second.

The second poll must send only conditional requests (answered 304) and embed nothing. Prints
wall time, requests, 304s, articles and chunks embedded for each poll, and writes them to
bench/results/feeds_poll.json.

    python bench/feeds_poll.py [--feeds 20] [--entries 50] [--summary-only] [--host-interval 0]

Entries carry their full text (content:encoded) unless --summary-only, where each entry's page
is fetched too. The server is one host, so --host-interval (NEWSDESK_FETCH_HOST_INTERVAL_S,
default 1 s in real use) would space every request; the default here (0) measures Newsdesk,
not the politeness delay.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from newsweb import NewsWeb, page, rss  # noqa: E402

from ingest.feeds import add_feed, poll  # noqa: E402
from rag.newsdesk import Newsdesk  # noqa: E402
from rag.settings import Settings  # noqa: E402

CITIES = "Bergen Tartu Porto Lyon Gdansk Aarhus Split Brno Turku Ghent Kaunas Cork".split()
THINGS = "harbour budget tram line library ferry bridge school market stadium hospital".split()
VERBS = "approved rejected delayed expanded renamed funded closed reopened audited".split()


def article(rng: random.Random, n: int) -> tuple[str, list[str]]:
    city, thing = rng.choice(CITIES), rng.choice(THINGS)
    title = f"{city} council {rng.choice(VERBS)} the {thing} plan ({n})"
    paras = []
    for _ in range(4):
        words = [
            f"The {city} council {rng.choice(VERBS)} the {thing} plan by {rng.randint(5, 40)} "
            f"votes to {rng.randint(1, 30)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])},",
            f"said {rng.choice(['Anna', 'Per', 'Ines', 'Tomas', 'Lea'])} "
            f"{rng.choice(['Berg', 'Lind', 'Costa', 'Novak', 'Dubois'])},",
            f"adding that {rng.randint(2, 900)} residents and {rng.randint(2, 90)} firms "
            f"had written in about the {rng.choice(THINGS)} and the {rng.choice(THINGS)}.",
        ]
        paras.append(" ".join(words))
    return title, paras


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--summary-only", action="store_true")
    parser.add_argument("--host-interval", type=float, default=0.0)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/feeds_poll.json")
    args = parser.parse_args()
    rng = random.Random(20)
    root = Path(tempfile.mkdtemp(prefix="newsdesk-feeds-bench-"))
    settings = Settings(
        data_dir=root / "data", corpus_dir=root / "corpus", fetch_allow_private=True,
        fetch_host_interval_s=args.host_interval,
    )
    desk = Newsdesk(settings)
    results: dict[str, object] = {
        "feeds": args.feeds, "entries": args.entries, "summary_only": args.summary_only,
        "host_interval_s": args.host_interval, "load_avg_before": os.getloadavg(),
    }
    with NewsWeb() as web:
        n = 0
        for f in range(args.feeds):
            items = []
            for _ in range(args.entries):
                n += 1
                title, paras = article(rng, n)
                link = web.url(f"/site{f}/story{n}")
                web.route(f"/site{f}/story{n}", page(title, paras, site=f"Site {f}"))
                item = {"title": title, "link": link, "summary": paras[0][:80]}
                if not args.summary_only:
                    item["content"] = "".join(f"<p>{p}</p>" for p in paras)
                items.append(item)
            web.route(f"/site{f}/feed.xml", rss(f"Site {f}", items),
                      content_type="application/rss+xml")
            add_feed(settings, web.url(f"/site{f}/feed.xml"), check=False)
        for label in ("first", "second"):
            before_hits, before_304 = web.requests(), sum(web.not_modified.values())
            started = time.perf_counter()
            report = poll(desk, force=True)
            wall = time.perf_counter() - started
            row = {
                "wall_s": round(wall, 2),
                "fetch_s": round(report.fetch_seconds, 2),
                "ingest_s": round(report.summary.seconds, 2),
                "requests": web.requests() - before_hits,
                "not_modified": sum(web.not_modified.values()) - before_304,
                "articles_added": report.summary.added,
                "chunks_embedded": report.summary.chunks_embedded,
                "failed": len(report.summary.failed) + sum(1 for f in report.feeds if f.error),
                "load_avg": os.getloadavg(),
            }
            results[label] = row
            print(f"{label:6} poll: {row}")
    second = results["second"]
    assert isinstance(second, dict)
    ok = second["requests"] == second["not_modified"] == args.feeds and (
        second["chunks_embedded"] == 0 and second["articles_added"] == 0
    )
    results["second_poll_only_conditional_and_no_embedding"] = ok
    print("second poll: only 304s, nothing embedded:", ok)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    desk.close()
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
