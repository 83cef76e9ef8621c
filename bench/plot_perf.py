"""PNG charts for docs/PERFORMANCE.md from bench/results/*.json (written by the benchmarks).

    .venv/bin/python bench/plot_perf.py     # -> docs/perf_ingest.png, docs/perf_latency.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
DOCS = REPO / "docs"


def plot_ingest(res: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    first, update = res["first"], res.get("update")
    labels = ["first ingest\n(411 articles)"]
    plain_s = [first["plain_s"]]
    nd_s = [first["newsdesk_s"]]
    ip_s = [0.0]
    if update:
        labels.append("everyday update\n(+10% / ~5% / -5%)")
        plain_s.append(update["plain_rebuild_s"])
        nd_s.append(update["newsdesk_s"])
        ip_s.append(update["ingestion_pipeline_s"])
    labels.append("unchanged\nre-ingest")
    plain_s.append(first["plain_s"])  # the plain pipeline has no incremental mode: a rebuild
    nd_s.append(res["unchanged_cold"]["s"])
    ip_s.append(0.0)
    x = range(len(labels))
    fig, ax = plt.subplots(figsize=(7.5, 4))
    w = 0.27
    ax.bar([i - w for i in x], plain_s, w, label="plain LlamaIndex (rebuild)", color="#999")
    ax.bar(list(x), ip_s, w, label="LlamaIndex IngestionPipeline", color="#c8a")
    ax.bar([i + w for i in x], nd_s, w, label="Newsdesk", color="#2a6")
    for i, (p, n) in enumerate(zip(plain_s, nd_s, strict=True)):
        ax.text(i + w, n, f"{p / n:.1f}x", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("seconds, cold process (lower is better)")
    ax.set_title("Ingest time vs the plain LlamaIndex pipeline (same run, shared 2-core box)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def plot_latency(res: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scales = sorted(int(k) for k in res if k.isdigit())
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    for mode, style in (("embedded", "-o"), ("server", "--s")):
        pts = [(s, res[str(s)][mode]["serve"]) for s in scales if mode in res[str(s)]]
        if not pts:
            continue
        xs = [res[str(s)][mode]["build"]["chunks"] for s, _ in pts]
        keys = (("first_stage_ms", "#e80"), ("retrieve_ms", "#2a6"), ("answer_ms", "#26a"))
        for key, colour in keys:
            for pct, alpha in (("p50", 1.0), ("p95", 0.5)):
                ax.plot(
                    xs,
                    [p[key][pct] for _, p in pts],
                    style,
                    color=colour,
                    alpha=alpha,
                    label=f"{key[:-3].replace('_', ' ')} {pct} ({mode})",
                )
    ax.set_xscale("log")
    ax.set_yscale("log")
    for ms, what in ((15, "first-stage p50 target (10k)"), (60, "first-stage p95 target (100k)"),
                     (80, "answer p50 target (10k)")):
        ax.axhline(ms, color="#bbb", linewidth=0.8, linestyle=":")
        ax.text(0.99, ms, what, transform=ax.get_yaxis_transform(), fontsize=7, color="#777",
                ha="right", va="bottom")
    ax.set_xlabel("chunks in the collection")
    ax.set_ylabel("milliseconds, wall (log)")
    ax.set_title("Query latency vs collection size (2-core box, quiet)")
    ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    done = []
    ingest = RESULTS / "ingest_speed.json"
    if ingest.exists():
        data = json.loads(ingest.read_text())
        # ``--repeat N`` writes {"machine", "runs": [...]}: chart the first run.
        plot_ingest(data["runs"][0] if "runs" in data else data, DOCS / "perf_ingest.png")
        done.append("docs/perf_ingest.png")
    latency: dict = {}
    # One file per scale run, merged; runs from the loaded box live in results/loaded/.
    for part in sorted(RESULTS.glob("latency*.json")):
        for key, value in json.loads(part.read_text()).items():
            if isinstance(value, dict):
                latency.setdefault(key, {}).update(value)
    if latency:
        plot_latency(latency, DOCS / "perf_latency.png")
        done.append("docs/perf_latency.png")
    if not done:
        sys.exit("no results yet: run bench/ingest_speed.py and bench/latency.py first")
    print("wrote " + ", ".join(done))


if __name__ == "__main__":
    main()
