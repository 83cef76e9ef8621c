"""What the first chat user waits for, with and without the start-up warm-up (issue 16, point 9).

Each case runs in a fresh process over a store ingested from corpus/ and the demo articles:
  cold    the first question loads the model, store and BM25 itself (the old behaviour);
  warmed  ``Warmup`` (what ``newsdesk serve`` starts) has finished, then the first question.
Also times the example-question check (candidates asked through the real desk).

    .venv/bin/python bench/ui_startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "What did Ilse Brandt say about the harbour expansion?"

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from rag.newsdesk import Newsdesk
from rag.settings import Settings
data, corpus, mode = sys.argv[1:4]
desk = Newsdesk(Settings(data_dir=data, corpus_dir=corpus))
out = {}
if mode == "warmed":
    from ui.examples import ExampleCache, checked_examples
    from ui.warmup import Warmup
    w = Warmup(desk, ExampleCache(desk)).start()
    w.ready.wait(300)
    out["warm_s"] = time.perf_counter() - t0
    w.examples_ready.wait(300)
    out["warm_and_examples_s"] = time.perf_counter() - t0
    t = time.perf_counter()
    n = len(checked_examples(desk, desk.articles()))
    out["examples_again_s"] = time.perf_counter() - t
    out["examples"] = n
t = time.perf_counter()
answer = desk.query(sys.argv[4])
out["first_answer_s"] = time.perf_counter() - t
out["cited"] = bool(answer.citations)
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory(prefix="newsdesk-startup-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for p in [*REPO.glob("corpus/*.txt"), *REPO.glob("data/demo/articles/*.md")]:
            shutil.copy(p, corpus)
        data = Path(tmp) / "data"
        subprocess.run(
            [sys.executable, "-m", "ui.cli", "--data-dir", str(data), "--corpus-dir",
             str(corpus), "ingest"], env=env, check=True, capture_output=True,
        )
        results: dict[str, list[dict]] = {"cold": [], "warmed": []}
        for _ in range(args.runs):
            for mode in results:
                run = subprocess.run(
                    [sys.executable, "-c", CHILD, str(data), str(corpus), mode, QUESTION],
                    env=env, check=True, capture_output=True, text=True,
                )
                results[mode].append(json.loads(run.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (runs: {args.runs})")
    for mode, runs in results.items():
        for key in runs[0]:
            values = [r[key] for r in runs]
            if isinstance(values[0], float):
                values = sorted(values)
                print(f"{mode:7} {key:22} median {values[len(values) // 2]:.3f} s  "
                      f"(min {values[0]:.3f}, max {values[-1]:.3f})")
            else:
                print(f"{mode:7} {key:22} {values}")



if __name__ == "__main__":
    main()
