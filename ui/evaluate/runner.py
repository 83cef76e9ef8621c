"""Run an ``EvalSet`` through a throw-away Newsdesk store and the baselines; build the table."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest import ingest as ingest_articles
from rag.citations import markers
from rag.settings import Settings
from rag.types import Answer, Citation
from ui.evaluate import baselines
from ui.evaluate.datasets import NEWS_KINDS, EvalQuestion, EvalSet
from ui.evaluate.metrics import (
    Tally,
    contains_answer,
    exact_match,
    gold_rank,
    holds_span,
    sentence_on_span,
    strip_markers,
    token_f1,
)

NEWSDESK = "newsdesk"
BASELINES = ("llamaindex", "bm25s-stemmed", "bm25s-unstemmed")
METRICS = (
    ("hit@1", "retrieval hit@1"),
    ("hit@5", "retrieval hit@5"),
    ("mrr@10", "retrieval MRR@10"),
    ("answered", "answerable answered"),
    ("cited_gold", "answered, cited passage has gold"),
    ("sentence_gold", "answered, quoted sentence has gold"),
    ("citation_precision", "citation precision"),
    ("em", "answer EM"),
    ("f1", "answer token F1"),
    ("refusal_precision", "refusal precision"),
    ("refusal_recall", "refusal recall"),
    ("adversarial_refused", "adversarial unanswerable refused"),
    ("left_out_refused", "left-out refused"),
)


@dataclass
class Report:
    dataset: str
    counts: dict[str, int]
    columns: dict[str, dict[str, float | None]]
    timings: dict[str, float]
    notes: dict[str, int] = field(default_factory=dict)
    details: list[dict[str, Any]] = field(default_factory=list)
    # Per question kind / unanswerable flavour (sets that name them): n and the rates.
    by_kind: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def to_json(self, with_details: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "dataset": self.dataset,
            "counts": self.counts,
            "columns": {
                name: {k: (None if v is None else round(v, 4)) for k, v in col.items()}
                for name, col in self.columns.items()
            },
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "notes": self.notes,
        }
        if self.by_kind:
            data["by_kind"] = {
                k: {m: (None if v is None else round(v, 4)) for m, v in row.items()}
                for k, row in self.by_kind.items()
            }
        if with_details:
            data["details"] = self.details
        return data

    def table(self) -> str:
        names = list(self.columns)
        width = max(len(label) for _, label in METRICS) + 2
        head = "metric".ljust(width) + "".join(n.rjust(17) for n in names)
        lines = [f"{self.dataset}: " + ", ".join(f"{v} {k}" for k, v in self.counts.items()),
                 head, "-" * len(head)]
        for key, label in METRICS:
            vals = [self.columns[n].get(key) for n in names]
            if all(v is None for v in vals):
                continue
            cells = "".join(("-" if v is None else f"{v:.3f}").rjust(17) for v in vals)
            lines.append(label.ljust(width) + cells)
        if self.by_kind:
            lines.append("")
            lines.append(f"{'kind':<12}{'n':>4}{'answered':>10}{'cited gold':>12}"
                         f"{'gold sentence':>15}{'refused':>9}")
            for kind, row in self.by_kind.items():
                kind_cells = [_cell(row.get(m), w) for m, w in (
                    ("answered", 10), ("cited_gold", 12), ("sentence_gold", 15), ("refused", 9))]
                lines.append(f"{kind:<12}{int(row['n'] or 0):>4}" + "".join(kind_cells))
        lines.append(
            "timings: " + ", ".join(f"{k} {v:.1f} s" if k.endswith("_s") else f"{k} {v:.1f} ms"
                                    for k, v in self.timings.items())
        )
        return "\n".join(lines)


def _cell(value: float | None, width: int) -> str:
    return ("-" if value is None else f"{value:.3f}").rjust(width)


def evaluate(
    evalset: EvalSet,
    settings: Settings,
    *,
    with_baselines: bool = True,
    workdir: Path | None = None,
    embedder: Any = None,
) -> Report:
    """Ingest ``evalset`` into a fresh store under ``workdir`` (a temp dir when None) and score.

    ``settings`` supplies the model and chunking; its data and corpus dirs are replaced, so the
    user's own store is never touched.
    """
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
            return evaluate(evalset, settings, with_baselines=with_baselines,
                            workdir=Path(tmp), embedder=embedder)
    from rag.newsdesk import Newsdesk

    corpus = evalset.write_corpus(workdir / "corpus")
    run_settings = settings.model_copy(
        update={"data_dir": workdir / "data", "corpus_dir": workdir / "corpus", "chroma": ""}
    )
    desk = Newsdesk(run_settings, embedder=embedder)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    summary = ingest_articles(desk, [corpus])
    timings["ingest_s"] = time.perf_counter() - started
    # An article folded at ingest as another outlet's copy of a stored one (ingest/fold.py; one
    # SQuAD paragraph repeats another's sentences) is answered from the stored one: for
    # retrieval, that article stands in for its copy's gold.
    folded = {c.article_id: c.canonical_id for g in {g for q in evalset.questions for g in q.gold}
              if (c := desk.manifest.copy(g)) is not None}
    columns: dict[str, dict[str, float | None]] = {}
    tally, details, query_ms = Tally(), [], []
    for q in evalset.questions:
        turns = converse(desk, q.history)
        started = time.perf_counter()
        answer = desk.query(q.question, history=turns or None)
        query_ms.append((time.perf_counter() - started) * 1000)
        # Retrieval is scored on the question the desk searched (a follow-up, rewritten).
        passages = desk.retrieve(answer.question or q.question, top_k=baselines.DEPTH)
        ranked = list(dict.fromkeys(p.article_id for p in passages))
        details.append(_score(tally, q, ranked, answer, folded))
    desk.close()
    columns[NEWSDESK] = tally.rates()
    if query_ms:
        timings["query_p50"] = statistics.median(query_ms)
    if with_baselines:
        rankers = {
            "llamaindex": lambda: baselines.llamaindex_ranker(
                evalset.articles, run_settings.model_path(), workdir / "llamaindex"
            ),
            "bm25s-stemmed": lambda: baselines.bm25_ranker(evalset.articles, stemmed=True),
            "bm25s-unstemmed": lambda: baselines.bm25_ranker(evalset.articles, stemmed=False),
        }
        for name, make in rankers.items():
            ranker, t = make(), Tally()
            for q in evalset.questions:
                if q.kind == "answerable" and not q.history:  # baselines cannot hold a chat
                    t.ranks.append(gold_rank(ranker(q.question), q.gold))
            rates = t.rates()
            columns[name] = {k: rates[k] for k in ("hit@1", "hit@5", "mrr@10")}
    counts: dict[str, int] = {"articles": len(evalset.articles)}
    for q in evalset.questions:
        counts[q.kind] = counts.get(q.kind, 0) + 1
    notes = dict(evalset.notes)
    if folded:
        notes["gold_folded_as_copies"] = len(folded)
    if summary.failed:
        notes["ingest_failed"] = len(summary.failed)
    return Report(evalset.name, counts, columns, timings, notes, details, by_kind(details))


def converse(desk: Any, history: tuple[str, ...]) -> list[tuple[str, str]]:
    """Ask the earlier questions of a conversation as the chat UI does: each through
    ``desk.query`` with the turns so far, keeping (searched question, answer text) per turn."""
    turns: list[tuple[str, str]] = []
    for earlier in history:
        answer = desk.query(earlier, history=turns or None)
        turns.append((answer.question, answer.text))
    return turns


def by_kind(details: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """One row per question kind, then per unanswerable flavour, in a stable order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in details:
        if d.get("category"):
            groups.setdefault(d["category"], []).append(d)
    order = [k for k in NEWS_KINDS if k in groups] + sorted(set(groups) - set(NEWS_KINDS))
    out: dict[str, dict[str, float | None]] = {}
    for kind in order:
        rows = groups[kind]
        answerable = [d for d in rows if d["kind"] == "answerable"]
        refusable = [d for d in rows if d["kind"] != "answerable"]
        out[kind] = {
            "n": float(len(rows)),
            "answered": _share([not d["refused"] for d in answerable]),
            "cited_gold": _share([d["cited_gold"] for d in answerable]),
            "sentence_gold": _share([bool(d["sentence_gold"]) for d in answerable
                                     if d.get("sentence_gold") is not None]),
            "refused": _share([d["refused"] for d in refusable]),
        }
    return out


def _share(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def _score(
    tally: Tally, q: EvalQuestion, ranked: list[str], answer: Answer, folded: dict[str, str]
) -> dict[str, Any]:
    refused = answer.refused
    tally.refused_total += refused
    detail: dict[str, Any] = {"id": q.qid, "kind": q.kind, "refused": refused}
    if q.category:
        detail["category"] = q.category
    if q.kind == "answerable":
        rank = gold_rank(ranked, q.gold | {folded[g] for g in q.gold if g in folded})
        tally.ranks.append(rank)
        tally.answered.append(not refused)
        text = "" if refused else strip_markers(answer.text)
        tally.em.append(exact_match(text, q.answers))
        tally.f1.append(token_f1(text, q.answers))
        cites = {c.n: _holds_gold(c, q) for c in answer.citations}
        used = markers(answer.text) if not refused else []
        tally.markers_total += len(used)
        tally.markers_gold += sum(cites.get(n, False) for n in used)
        tally.cited_gold.append(not refused and any(cites.values()))
        detail.update(rank=rank, cited_gold=tally.cited_gold[-1])
        if q.spans:
            on_gold = not refused and any(
                sentence_on_span(quote, (s, e))
                for c in answer.citations
                for aid, s, e in q.spans
                if c.article_id == aid
                for quote in c.quotes
            )
            tally.sentence_gold.append(on_gold)
            detail["sentence_gold"] = on_gold
    else:
        tally.should_refuse += 1
        tally.refused_should += refused
        target = tally.adversarial_refused if q.kind == "unanswerable" else tally.left_out_refused
        target.append(refused)
    detail["note"] = answer.note
    detail["searched"] = answer.question
    detail["answer"] = answer.text
    return detail


def _holds_gold(c: Citation, q: EvalQuestion) -> bool:
    """A cited passage is gold when it holds a gold span of its article (span sets) or
    contains a gold answer string (SQuAD)."""
    if q.spans:
        return any(c.article_id == aid and holds_span(c.start, c.end, (s, e))
                   for aid, s, e in q.spans)
    return contains_answer(c.passage, q.answers)
