"""Extractive vs. a generative backend, raw and grounded, on SQuAD2 questions (issue 7).

    .venv/bin/python bench/llm_eval.py --split dev --per-kind 30 --out /tmp/llm_eval.json
    .venv/bin/python bench/llm_eval.py --calibrate /tmp/llm_eval.json   # threshold sweep
    .venv/bin/python bench/llm_eval.py --rescore /tmp/llm_eval.json     # after grounding changes

The model generates once per question (``raw``); ``grounded`` replays that same text through
the real streaming answerer with the grounding check, so the two columns differ only by the
check. Scoring is ``newsdesk eval``'s (ui/evaluate). "unsupported" counts answers holding a
sentence the grounding check rejects; for the grounded column it is 0 by construction, so
"unanswerable answered" (1 - refusal recall) is the independent measure of made-up answers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from llama_index.core.base.llms.types import (  # noqa: E402
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms import CustomLLM  # noqa: E402

from ingest import ingest
from rag.llm import grounding  # noqa: E402
from rag.llm.backends import Backend, build_backend  # noqa: E402
from rag.llm.generate import GenerativeAnswerer  # noqa: E402
from rag.newsdesk import Newsdesk  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.types import Answer, Passage  # noqa: E402
from ui.evaluate.datasets import load_squad2  # noqa: E402
from ui.evaluate.metrics import Tally  # noqa: E402
from ui.evaluate.runner import _score  # noqa: E402

ROWS = (
    ("f1", "answer token F1 (answerable)"),
    ("em", "answer EM (answerable)"),
    ("answered", "answerable answered"),
    ("citation_precision", "citation precision"),
    ("refusal_recall", "refusal recall (unanswerable refused)"),
    ("refusal_precision", "refusal precision"),
    ("unsupported", "answers with an unsupported sentence"),
)


class Replay(CustomLLM):
    """Streams recorded text, so grounding can be judged on exactly what the model wrote."""

    reply: str = ""

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="replay")

    def complete(self, prompt: str, formatted: bool = False, **kw: Any) -> CompletionResponse:
        return CompletionResponse(text=self.reply)

    def stream_complete(
        self, prompt: str, formatted: bool = False, **kw: Any
    ) -> CompletionResponseGen:
        def gen() -> Iterator[CompletionResponse]:
            yield CompletionResponse(text=self.reply, delta=self.reply)

        return gen()


def unsupported(answer: Answer, passages: list[Passage], encode: Any) -> bool:
    """Does any sentence of a non-refused answer fail the grounding check?"""
    if answer.refused:
        return False
    by_chunk = {p.chunk_id: p for p in passages}
    cited = [by_chunk[c.chunk_id] for c in sorted(answer.citations, key=lambda c: c.n)]
    g = grounding.Grounder(encode, cited)
    for sentence in grounding.iter_sentences(answer.text):
        verdict = g.check(sentence)
        if not verdict.supported and verdict.reason != "repeats an earlier sentence":
            return True
    return False


def run(args: argparse.Namespace) -> dict[str, Any]:
    evalset = load_squad2(split=args.split).limit(args.per_kind)
    base = Settings(llm=args.llm, llm_model=args.model, llm_base_url=args.base_url,
                    llm_model_path=args.model_path)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-llm-eval-") as tmp:
        corpus = evalset.write_corpus(Path(tmp) / "corpus")
        settings = base.model_copy(update={"data_dir": Path(tmp) / "data",
                                           "corpus_dir": corpus.parent, "llm": "extractive"})
        desk = Newsdesk(settings)
        ingest(desk, [corpus])
        started = time.perf_counter()
        backend = build_backend(base)
        load_s = time.perf_counter() - started
        raw_answerer = GenerativeAnswerer(
            backend, desk.embedder.encode, context_tokens=base.llm_context_tokens,
            max_tokens=base.llm_max_tokens, grounding=False,
        )
        for i, q in enumerate(evalset.questions):
            qvec = desk.embedder.encode_one(q.question)
            passages = desk.retrieve(q.question)
            t0 = time.perf_counter()
            desk._extractive(q.question, passages, qvec)
            extractive_ms = (time.perf_counter() - t0) * 1000
            gen = raw_answerer.answer(q.question, passages)
            records.append({
                "qid": q.qid, "question": q.question, "kind": q.kind, "raw": gen.raw,
                "first_token_s": gen.first_token_s, "tokens": gen.tokens,
                "generate_s": gen.generate_s, "tokens_per_s": gen.tokens_per_s,
                "extractive_ms": extractive_ms, "shown": gen.shown,
            })
            print(f"[{i + 1}/{len(evalset.questions)}] {q.kind[:6]} ttft "
                  f"{gen.first_token_s or 0:.2f}s {gen.tokens} tok | {gen.raw[:90]!r}",
                  file=sys.stderr, flush=True)
        scores = score(desk, evalset, records, backend, base)
        desk.close()
    return {"split": args.split, "per_kind": args.per_kind, "backend": backend.model,
            "load_s": load_s, "records": records, **scores}


def score(desk: Newsdesk, evalset: Any, records: list[dict[str, Any]], backend: Backend,
          base: Settings, similarity: float | None = None, coverage: float | None = None,
          cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """The three columns for recorded generations (thresholds overridable for calibration)."""
    encode = desk.embedder.encode
    cache = {} if cache is None else cache
    old = grounding.MIN_SIMILARITY, grounding.MIN_COVERAGE
    if similarity is not None:
        grounding.MIN_SIMILARITY = similarity
    if coverage is not None:
        grounding.MIN_COVERAGE = coverage
    try:
        tallies = {name: Tally() for name in ("extractive", "raw", "grounded")}
        flagged = dict.fromkeys(tallies, 0)
        answered = dict.fromkeys(tallies, 0)
        by_id = {r["qid"]: r for r in records}
        for q in evalset.questions:
            rec = by_id[q.qid]
            if q.qid not in cache:
                qvec = encode([q.question])[0]
                passages = desk.retrieve(q.question)
                extractive = desk._extractive(q.question, passages, qvec)
                cache[q.qid] = (passages, extractive)
            passages, extractive = cache[q.qid]
            ranked = list(dict.fromkeys(p.article_id for p in passages))
            replay = Backend(Replay(reply=rec["raw"]), backend.url, backend.model,
                             backend.count_tokens)

            def answer(grounded: bool, q: Any = q, passages: Any = passages,
                       replay: Backend = replay) -> Answer:
                answerer = GenerativeAnswerer(
                    replay, encode, context_tokens=base.llm_context_tokens,
                    max_tokens=base.llm_max_tokens, grounding=grounded,
                )
                return answerer.answer(q.question, passages).answer

            answers = {"extractive": extractive, "raw": answer(False), "grounded": answer(True)}
            for name, ans in answers.items():
                _score(tallies[name], q, ranked, ans)
                answered[name] += not ans.refused
                flagged[name] += unsupported(ans, passages, encode)
            rec["grounded"] = answers["grounded"].text
    finally:
        grounding.MIN_SIMILARITY, grounding.MIN_COVERAGE = old
    columns = {}
    for name, t in tallies.items():
        col = {k: v for k, v in t.rates().items() if k in dict(ROWS)}
        col["unsupported"] = flagged[name] / answered[name] if answered[name] else 0.0
        columns[name] = col
    return {"columns": columns}


def table(result: dict[str, Any]) -> str:
    cols = result["columns"]
    names = list(cols)
    lines = ["| metric | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for key, label in ROWS:
        cells = [("-" if cols[n].get(key) is None else f"{cols[n][key]:.3f}") for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    recs = result["records"]
    ttft = [r["first_token_s"] for r in recs if r["first_token_s"] is not None]
    tps = [r["tokens_per_s"] for r in recs if r["tokens_per_s"]]
    ext = [r["extractive_ms"] for r in recs]
    lines.append("")
    lines.append(
        f"{result['backend']}: load {result['load_s']:.1f} s; time to first token p50 "
        f"{statistics.median(ttft):.2f} s (p90 {_p90(ttft):.2f} s); "
        f"{statistics.median(tps):.1f} tokens/s p50; tokens per answer p50 "
        f"{statistics.median([r['tokens'] for r in recs]):.0f}; "
        f"extractive answer p50 {statistics.median(ext):.0f} ms"
    )
    return "\n".join(lines)


def _p90(xs: list[float]) -> float:
    return sorted(xs)[int(0.9 * (len(xs) - 1))]


def rescore(path: Path) -> None:
    """Score recorded generations again with the current grounding code (no model needed)."""
    result = json.loads(path.read_text())
    with _replay_store(result) as (desk, evalset, backend):
        result.update(score(desk, evalset, result["records"], backend, Settings()))
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(table(result))


@contextmanager
def _replay_store(result: dict[str, Any]) -> Iterator[tuple[Newsdesk, Any, Backend]]:
    """The run's store rebuilt (same questions, same articles) and a backend that replays."""
    evalset = load_squad2(split=result["split"]).limit(result["per_kind"])
    with tempfile.TemporaryDirectory(prefix="newsdesk-llm-replay-") as tmp:
        corpus = evalset.write_corpus(Path(tmp) / "corpus")
        desk = Newsdesk(Settings().model_copy(update={"data_dir": Path(tmp) / "data"}))
        ingest(desk, [corpus])
        try:
            yield desk, evalset, Backend(Replay(), "replay://", result["backend"])
        finally:
            desk.close()


def calibrate(path: Path) -> None:
    """Sweep the two thresholds over recorded generations; print F1 and refusal recall."""
    result = json.loads(path.read_text())
    base = Settings()
    with _replay_store(result) as (desk, evalset, backend):
        cache: dict[str, Any] = {}
        print("similarity coverage   f1  cite_p refusal_r refusal_p unsupported_raw")
        for sim in (0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            for cov in (0.4, 0.5, 0.6, 0.7, 0.8):
                col = score(desk, evalset, result["records"], backend, base, sim, cov,
                            cache)["columns"]
                g = col["grounded"]
                print(f"{sim:10.2f} {cov:8.2f} {g['f1']:.3f} {g['citation_precision'] or 0:.3f}"
                      f"    {g['refusal_recall']:.3f}     {g['refusal_precision'] or 0:.3f}"
                      f"     {col['raw']['unsupported']:.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--per-kind", type=int, default=30, help="questions of each kind")
    ap.add_argument("--llm", default="llamacpp", choices=["llamacpp", "openai", "ollama"])
    ap.add_argument("--model", default="")
    ap.add_argument("--base-url", default="")
    ap.add_argument("--model-path", default="")
    ap.add_argument("--out", type=Path, default=None, help="write records + columns as JSON")
    ap.add_argument("--calibrate", type=Path, default=None, help="sweep thresholds on --out JSON")
    ap.add_argument("--rescore", type=Path, default=None,
                    help="score an --out JSON again with the current grounding code")
    args = ap.parse_args()
    if args.rescore:
        rescore(args.rescore)
        return
    if args.calibrate:
        calibrate(args.calibrate)
        return
    result = run(args)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(table(result))


if __name__ == "__main__":
    main()
