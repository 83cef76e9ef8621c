"""Draw docs/eval.png from the JSON reports ``newsdesk eval ... --json`` wrote.

    newsdesk eval squad2 --split test --json > docs/eval/squad2-test.json   (and dev, leave-out)
    .venv/bin/python bench/plot_eval.py docs/eval docs/eval.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RETRIEVAL = ("hit@1", "hit@5", "mrr@10")
ANSWERS = (
    ("cited_gold", "answered with\ncited gold", 0.90),
    ("citation_precision", "citation\nprecision", 0.90),
    ("adversarial_refused", "adversarial\nrefused", 0.75),
    ("left_out_refused", "left-out\nrefused", 0.95),
    ("kept_cited_gold", "left-out mode:\nkept answered", 0.90),
)
TARGETS = {"hit@1": 0.94, "hit@5": 0.99}


def load(folder: Path, name: str) -> dict | None:
    path = folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def main(folder: Path, out: Path) -> None:
    runs = {split: load(folder, f"squad2-{split}") for split in ("dev", "test")}
    leave = {split: load(folder, f"squad2-{split}-leave-out") for split in ("dev", "test")}
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.8), width_ratios=[3, 2])
    test = runs["test"] or runs["dev"]
    if test is None:
        raise SystemExit(f"no squad2-test.json or squad2-dev.json in {folder}")
    systems = list(test["columns"])
    width = 0.8 / len(systems)
    for i, system in enumerate(systems):
        vals = [test["columns"][system].get(m) or 0 for m in RETRIEVAL]
        xs = [j + i * width for j in range(len(RETRIEVAL))]
        bars = left.bar(xs, vals, width, label=system)
        left.bar_label(bars, fmt="%.3f", fontsize=7, rotation=90, padding=2)
    for j, m in enumerate(RETRIEVAL):
        if m in TARGETS:
            left.hlines(TARGETS[m], j - 0.1, j + 0.9 - width, colors="k", linestyles="dashed",
                        linewidth=1)
    left.set_xticks([j + 0.4 - width / 2 for j in range(len(RETRIEVAL))], RETRIEVAL)
    left.set_ylim(0.6, 1.08)
    left.set_title(f"Retrieval, SQuAD 2.0 sample, {test['dataset']} (dashed: target)")
    left.legend(loc="lower right", fontsize=8)
    for k, split in enumerate(("dev", "test")):
        run, lo = runs[split], leave[split]
        if run is None:
            continue
        col = dict(run["columns"]["newsdesk"])
        if lo is not None:
            col["left_out_refused"] = lo["columns"]["newsdesk"].get("left_out_refused")
            col["kept_cited_gold"] = lo["columns"]["newsdesk"].get("cited_gold")
        vals = [col.get(key) or 0 for key, _, _ in ANSWERS]
        xs = [j + k * 0.4 for j in range(len(ANSWERS))]
        bars = right.bar(xs, vals, 0.4, label=f"Newsdesk, {split}")
        right.bar_label(bars, fmt="%.2f", fontsize=7, padding=2)
    for j, (_, _, target) in enumerate(ANSWERS):
        right.hlines(target, j - 0.2, j + 0.6, colors="k", linestyles="dashed", linewidth=1)
    right.set_xticks([j + 0.2 for j in range(len(ANSWERS))], [lbl for _, lbl, _ in ANSWERS],
                     fontsize=8)
    right.set_ylim(0, 1.1)
    right.set_title("Answers and refusals (dashed: target)")
    right.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")


def markdown(folder: Path) -> str:
    """The docs/EVAL.md table: one row per metric, a column per system and split."""
    from ui.evaluate.runner import METRICS

    runs = {n: r for n in ("squad2-dev", "squad2-test", "squad2-dev-leave-out",
                           "squad2-test-leave-out") if (r := load(folder, n)) is not None}
    cols: list[tuple[str, str, dict]] = []
    for name, run in runs.items():
        systems = run["columns"] if "leave-out" not in name else {"newsdesk": None}
        for system in systems:
            cols.append((name.removeprefix("squad2-"), system, run["columns"][system]))
    lines = ["| metric | " + " | ".join(f"{s} ({n})" for n, s, _ in cols) + " |",
             "|---|" + "---:|" * len(cols)]
    for key, label in METRICS:
        vals = [c.get(key) for _, _, c in cols]
        if all(v is None for v in vals):
            continue
        cells = ["" if v is None else f"{v:.3f}" for v in vals]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--markdown"]:
        print(markdown(Path(sys.argv[2] if len(sys.argv) > 2 else "docs/eval")))
        raise SystemExit(0)
    args = sys.argv[1:]
    folder = Path(args[0] if args else "docs/eval")
    main(folder, Path(args[1] if len(args) > 1 else "docs/eval.png"))
