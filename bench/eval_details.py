"""Run `newsdesk eval news` and keep what its report leaves out: every question's searched
form, answer and outcome, as JSON (for bench/speaker_check.py and by-question comparisons).

    .venv/bin/python bench/eval_details.py --data ../shared/evaldata/news-dev2 --out after.json

Run it under another checkout's code (PYTHONPATH=that/checkout) to get the "before" file of the
same run; the report's rates go to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rag.settings import Settings
from ui.evaluate.datasets import NEWS_DEFAULT, load_news
from ui.evaluate.runner import evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=NEWS_DEFAULT)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--leave-out", action="store_true",
                        help="half the answerable questions' gold sentences cut: refuse them")
    args = parser.parse_args()
    evalset = load_news(args.data, args.leave_out)
    report = evaluate(evalset, Settings(), with_baselines=False)
    questions = {q.qid: q for q in evalset.questions}
    details = [dict(d, question=questions[d["id"]].question,
                    history=list(questions[d["id"]].history)) for d in report.details]
    args.out.write_text(json.dumps(details, indent=1, ensure_ascii=False))
    json.dump(report.to_json(), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
