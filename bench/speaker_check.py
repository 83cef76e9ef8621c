"""Whose words did the answers quote? For the speech questions of a news eval set ("What did X
say ..."), count the answers that quote a sentence someone other than the asked speaker says.

Judged independently of the answerer's own reading: each quoted sentence is found in its whole
article, and the whole article is analysed (rag/language: the parse, attributed speech). Works
on the per-question details of any run, the code before this layer included:

    .venv/bin/python bench/speaker_check.py ../shared/evaldata/news-dev2 before.json after.json

where each JSON file is a list of per-question details (`id`, `searched`, `refused`, `answer`),
as `Report.details` of ui/evaluate/runner.py holds them (bench/eval_details.py writes one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.citations import MARKER  # noqa: E402
from rag.language.analysis import TextAnalysis, analyse  # noqa: E402
from rag.language.asked import SpeechAsk, asked_speech  # noqa: E402
from rag.language.condense import split  # noqa: E402
from rag.language.speech import Speaker  # noqa: E402
from rag.text import sentence_spans  # noqa: E402
from ui.evaluate.datasets import load_news  # noqa: E402


def check(data: Path, details: list[dict[str, Any]]) -> dict[str, int]:
    bodies = [a["body"] for a in load_news(data).articles]
    analyses = dict(zip(bodies, analyse(bodies), strict=True))
    counts = {"speech_questions": 0, "answered": 0, "other_speaker": 0, "no_speaker": 0}
    for d in details:
        ask = asked_speech(split(d.get("searched") or "")[0])
        if ask is None or not ask.known:
            continue
        counts["speech_questions"] += 1
        if d["refused"]:
            continue
        counts["answered"] += 1
        plain = MARKER.sub(" ", d["answer"])
        fits = []
        for s, e in sentence_spans(plain):
            sentence = plain[s:e].strip()
            for body in bodies:
                at = body.find(sentence)
                if at >= 0:
                    speaker = analyses[body].speaker_at(at, at + len(sentence))
                    fits.append((speaker, analyses[body]))
                    break
        if any(sp is not None and not _fits(ask, sp, found) for sp, found in fits):
            counts["other_speaker"] += 1
        elif fits and all(sp is None for sp, _ in fits):
            counts["no_speaker"] += 1
    return counts


def _fits(ask: SpeechAsk, speaker: Speaker, article: TextAnalysis) -> bool:
    """The answerer's rule (``SpeechAsk.accepts``), the best fit taken over the article."""
    best = max((ask.match(s) for s in article.speakers if s is not None), default=0.0)
    return ask.accepts(ask.match(speaker), best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="news eval set folder (articles/, questions.json)")
    parser.add_argument("details", type=Path, nargs="+", help="per-question details JSON files")
    args = parser.parse_args()
    for path in args.details:
        counts = check(args.data, json.loads(path.read_text()))
        print(f"{path.name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
