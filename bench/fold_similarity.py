"""Folding syndicated copies: does a copy fold, does a distinct report of one event stay apart?

Builds a small set from real articles (default: data/eval/news-dev/articles, 22 articles with
several distinct reports of the same three events) plus, for each article, copies another outlet
would run: identical, edited (new headline, a dateline, one word changed per paragraph, a credit
line), trimmed (the first 60 % of paragraphs), extended (two local paragraphs added). Then it
runs the fold decision two ways and prints what each folded:

- ours: ingest/fold.py (mod-sampled shingle hashes to find candidates, exact containment check);
- datasketch (if installed: ``pip install datasketch==2.0.0``): MinHash (128 permutations) over
  the same shingles with MinHashLSH at a Jaccard threshold, and MinHashLSHEnsemble at a
  containment threshold.

    python bench/fold_similarity.py [--articles DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.fold import (  # noqa: E402
    CANDIDATE,
    FOLD_COVERAGE,
    SAMPLE_MOD,
    coverage,
    fingerprint,
)

KINDS = ("identical", "edited", "trimmed", "extended", "full_after_trimmed")
# "extended" is a judgement call (two local paragraphs on a wire story): folding loses them.
SHOULD_FOLD = {"identical": True, "edited": True, "trimmed": True, "full_after_trimmed": False}
LOCAL = [
    "Officials in Springfield said on Tuesday that local services were not affected.",
    "The county emergency office said residents could call its hotline with questions.",
    "A spokesperson for the regional council declined to comment further on the matter.",
]


def load(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        body = raw.split("\n---", 1)[1].split("\n", 1)[1] if raw.startswith("---") else raw
        out[path.stem] = body.strip()
    return out


def variants(name: str, body: str, rng: random.Random) -> dict[str, str]:
    paras = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    edited = []
    for i, p in enumerate(paras):
        words = p.split()
        long = [j for j, w in enumerate(words) if len(w) > 5 and w.isalpha()]
        if long:
            j = rng.choice(long)
            words[j] = words[j][::-1]  # one changed word per paragraph
        p = " ".join(words)
        prefix = "UPDATED: " if i == 0 else "WASHINGTON (Wire) — " if i == 1 else ""
        edited.append(prefix + p)
    edited.append("This story was first published by Wire Service and is republished here.")
    keep = max(2, round(len(paras) * 0.6))
    return {
        "identical": body,
        "edited": "\n\n".join(edited),
        "trimmed": "\n\n".join(paras[:keep]),
        "extended": "\n\n".join([*paras, *LOCAL[:2]]),
    }


def run_ours(
    originals: dict[str, str],
    copies: dict[tuple[str, str], str],
    stored_as: dict[str, str] | None = None,
) -> dict:
    prints = {k: fingerprint(v) for k, v in (stored_as or originals).items()}
    t0 = time.perf_counter()
    decided: dict[tuple[str, str], str | None] = {}
    for key, text in copies.items():
        fp = fingerprint(text)
        best, best_score = None, FOLD_COVERAGE
        for name, stored in prints.items():
            shared = len(set(fp.sample.tolist()) & set(stored.sample.tolist()))
            if not len(fp.sample) or shared < CANDIDATE * len(fp.sample):
                continue
            score = coverage(fp, stored.shingles)
            if score >= best_score:
                best, best_score = name, score
        decided[key] = best
    per = (time.perf_counter() - t0) / max(1, len(copies)) * 1000
    return {"decided": decided, "ms_per_article": per,
            "bytes_per_article": sum(len(p.sample) for p in prints.values()) * 8 / len(prints)}


def run_datasketch(
    originals: dict[str, str],
    copies: dict[tuple[str, str], str],
    stored_as: dict[str, str] | None = None,
) -> dict | None:
    try:
        from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble
    except ImportError:
        return None

    def mh(text: str) -> tuple[MinHash, int]:
        hashes = fingerprint(text).shingles
        m = MinHash(num_perm=128)
        m.update_batch([h.to_bytes(8, "little", signed=True) for h in hashes])  # hash() < 0
        return m, len(hashes)

    stored = {k: mh(v) for k, v in (stored_as or originals).items()}
    out = {}
    for threshold in (0.5, 0.7):
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        for k, (m, _) in stored.items():
            lsh.insert(k, m)
        t0 = time.perf_counter()
        decided = {}
        for key, text in copies.items():
            m, _ = mh(text)
            hits = lsh.query(m)
            decided[key] = max(hits, key=lambda h: m.jaccard(stored[h][0])) if hits else None
        out[f"lsh_jaccard_{threshold}"] = {
            "decided": decided,
            "ms_per_article": (time.perf_counter() - t0) / len(copies) * 1000,
        }
    ens = MinHashLSHEnsemble(threshold=0.8, num_perm=128, num_part=4)
    ens.index([(k, m, n) for k, (m, n) in stored.items()])
    t0 = time.perf_counter()
    decided = {}
    for key, text in copies.items():
        m, n = mh(text)
        hits = list(ens.query(m, n))
        decided[key] = max(hits, key=lambda h: m.jaccard(stored[h][0])) if hits else None
    out["ensemble_containment_0.8"] = {
        "decided": decided,
        "ms_per_article": (time.perf_counter() - t0) / len(copies) * 1000,
    }
    out["bytes_per_article"] = 128 * 8
    return out


def score(decided: dict[tuple[str, str], str | None]) -> dict:
    """Per kind: copies folded into their own original; and any fold into another article."""
    rows: dict[str, dict[str, int]] = {}
    for (name, kind), target in decided.items():
        row = rows.setdefault(kind, {"n": 0, "folded_right": 0, "folded_wrong": 0})
        row["n"] += 1
        if target == name:
            row["folded_right"] += 1
        elif target is not None:
            row["folded_wrong"] += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=REPO / "data/eval/news-dev/articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    originals = load(args.articles)
    rng = random.Random(14)
    made = {name: variants(name, body, rng) for name, body in originals.items()}
    copies = {
        (name, kind): text for name, v in made.items() for kind, text in v.items()
    }
    # A longer version arriving after the trimmed one was stored: must not fold (text lost).
    trimmed_first = {name: v["trimmed"] for name, v in made.items()}
    for name, body in originals.items():
        copies[(name, "full_after_trimmed")] = body
    # Distinct reports: every original checked against all the others.
    distinct = {}
    for name, body in originals.items():
        others = {k: v for k, v in originals.items() if k != name}
        mine = fingerprint(body)
        distinct[name] = max(coverage(mine, fingerprint(v).shingles) for v in others.values())

    def stored_for(name: str, kind: str) -> str:
        return trimmed_first[name] if kind == "full_after_trimmed" else originals[name]

    scores = {
        kind: sorted(
            coverage(fingerprint(copies[(n, kind)]), fingerprint(stored_for(n, kind)).shingles)
            for n in originals
        )
        for kind in KINDS
    }
    plain = {k: v for k, v in copies.items() if k[1] != "full_after_trimmed"}
    ours = run_ours(originals, plain)
    late = run_ours(
        originals,
        {k: v for k, v in copies.items() if k[1] == "full_after_trimmed"},
        stored_as=trimmed_first,
    )
    ours["decided"].update(late["decided"])
    ours_distinct = run_ours(
        originals, {(n, "distinct"): b for n, b in originals.items()}
    )  # an original against all originals: must fold only into itself
    report = {
        "articles": len(originals),
        "coverage_range": {k: [round(v[0], 3), round(v[-1], 3)] for k, v in scores.items()},
        "distinct_max_coverage": round(max(distinct.values()), 3),
        "ours": {
            "sample_mod": SAMPLE_MOD,
            "fold_coverage": FOLD_COVERAGE,
            "by_kind": score(ours["decided"]),
            "ms_per_article": round(ours["ms_per_article"], 3),
            "bytes_per_article": round(ours["bytes_per_article"]),
            "distinct_folded_elsewhere": sum(
                1 for (n, _), t in ours_distinct["decided"].items() if t not in (None, n)
            ),
        },
    }
    ds = run_datasketch(originals, plain)
    ds_late = run_datasketch(
        originals,
        {k: v for k, v in copies.items() if k[1] == "full_after_trimmed"},
        stored_as=trimmed_first,
    )
    if ds is not None and ds_late is not None:
        for key, value in ds_late.items():
            if isinstance(value, dict):
                ds[key]["decided"].update(value["decided"])
        report["datasketch"] = {
            k: {"by_kind": score(v["decided"]), "ms_per_article": round(v["ms_per_article"], 3)}
            for k, v in ds.items()
            if isinstance(v, dict)
        }
        report["datasketch"]["bytes_per_article"] = ds["bytes_per_article"]
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['articles']} articles, {len(copies)} copies")
    print("coverage of copy by stored (min, max):", report["coverage_range"])
    print("highest coverage between two distinct articles:", report["distinct_max_coverage"])
    print(json.dumps({k: v for k, v in report.items() if k in ("ours", "datasketch")}, indent=1))


if __name__ == "__main__":
    main()
