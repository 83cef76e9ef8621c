"""The grounding check on answers a capable model would write (issue 15).

    PYTHONPATH=. .venv/bin/python bench/grounding_eval.py                 # all 125 cases
    PYTHONPATH=. .venv/bin/python bench/grounding_eval.py --split test --failures
    PYTHONPATH=. .venv/bin/python bench/grounding_eval.py --sweep          # thresholds, dev->test

Data: ``data/eval/news-dev/grounding.json`` (SOURCE.md there): a question, 2-3 passages and a
cited answer, ``faithful`` (verbatim / paraphrase / summary) or ``unsupported`` with one bad
sentence and its defect. Two measurements:

- sentence level: ``Grounder.check`` on every sentence, split after each citation group as the
  dataset is written (passages as given). A faithful sentence counts when it is accepted; a bad
  sentence counts when it is rejected, or, for ``wrong-citation``, when it is re-cited to the
  passage that does back it (the number a faithful sibling answer gives it).
- answer level: each answer replayed through the real streaming answerer (``GenerativeAnswerer``
  with the scripted backend, streamed four characters at a time). A faithful answer counts when
  every sentence is shown; an unsupported one fails when its bad sentence (or any part of it)
  is shown under a number that does not back it. The deltas must add up to the final answer:
  nothing is streamed and then taken back.

Cost is the time of ``Grounder.check`` per answer sentence, first sentence of an answer
included (it pays for embedding the passages' sentences): wall time, and the process's CPU time,
which a busy shared machine skews less (the embedder runs one torch thread); the load average is
printed with them. ``--chunk-chars 1000`` grows the passages to retrieved-chunk size for it.
Cases are split into dev and test by question (``--split``), so that thresholds can be chosen
on one half and reported on the other (``--sweep``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.citations import MARKER, markers  # noqa: E402
from rag.language import parse  # noqa: E402
from rag.llm import grounding  # noqa: E402
from rag.llm.generate import Generation, GenerativeAnswerer  # noqa: E402
from rag.llm.scripted import Script, scripted_backend  # noqa: E402
from rag.retrieval.embedder import Embedder  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.text import sentence_spans  # noqa: E402
from rag.types import Passage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "eval" / "news-dev" / "grounding.json"
KINDS = ("number", "name", "date", "place", "negation", "other-article", "invented",
         "wrong-citation")
STYLES = ("verbatim", "paraphrase", "summary")
# One sentence of the dataset: everything up to and including a citation group and the
# punctuation or closing quote after it.
_SENTENCE = re.compile(r"\S.*?(?:\[\d{1,3}(?:\s*,\s*\d{1,3})*\])+[.!?\"'\u201d\u2019)]*(?=\s|$)",
                       re.DOTALL)

Encode = Callable[[list[str]], np.ndarray]


@dataclass
class Case:
    id: str
    qid: str
    question: str
    label: str
    defect: str
    bad: int | None
    answer: str
    passages: list[Passage]
    sentences: list[str]
    right: dict[int, tuple[int, ...]] = field(default_factory=dict)  # wrong-citation fix

    @property
    def split(self) -> str:
        return "dev" if zlib.crc32(self.qid.encode()) % 2 == 0 else "test"


def split_sentences(answer: str) -> list[str]:
    found = [m.group(0).strip() for m in _SENTENCE.finditer(answer)]
    rest = _SENTENCE.sub("", answer).strip()
    return found + ([rest] if rest else [])


def _plain(text: str) -> str:
    return " ".join(MARKER.sub(" ", text).split())


def load_cases(path: Path, widen: int = 0) -> list[Case]:
    """The cases, each passage as given or, with ``widen``, grown by whole sentences of its
    article to about that many characters (the size of a retrieved chunk)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    articles = path.parent / "articles"
    meta: dict[str, tuple[dict[str, Any], str]] = {}
    cases: list[Case] = []
    for c in raw:
        passages = []
        for p in c["passages"]:
            if p["article"] not in meta:
                text = (articles / p["article"]).read_text(encoding="utf-8")
                head, body = text[4:].split("\n---\n", 1)
                meta[p["article"]] = (yaml.safe_load(head), body)
            front, body = meta[p["article"]]
            start = body.find(p["text"])
            if start < 0:
                raise SystemExit(f"{c['id']}: passage {p['n']} is not in {p['article']}")
            end = start + len(p["text"])
            if widen:
                start, end = _widen(body, start, end, widen)
            passages.append(Passage(
                f"{c['id']}::{p['n']}", p["article"], str(front.get("title", "")),
                str(front.get("source", "")), str(front.get("url", "")),
                str(front.get("published", "")), body[start:end], start, end,
                1.0 - p["n"] / 10,
            ))
        passages.sort(key=lambda p: -p.score)
        cases.append(Case(c["id"], c["qid"], c["question"], c["label"], c["defect"],
                          c.get("bad_sentence"), c["answer"], passages,
                          split_sentences(c["answer"])))
    _right_citations(cases)
    return cases


def _widen(body: str, start: int, end: int, chars: int) -> tuple[int, int]:
    spans = sentence_spans(body)
    before = [sp for sp in spans if sp[1] <= start][::-1]
    after = [sp for sp in spans if sp[0] >= end]
    while end - start < chars and (before or after):
        if after:
            end = after.pop(0)[1]
        if before and end - start < chars:
            start = before.pop(0)[0]
    return start, end


def _right_citations(cases: list[Case]) -> None:
    """For a wrong-citation sentence, the markers a faithful answer to the same question and
    passages gives the same words."""
    for case in cases:
        if case.defect != "wrong-citation" or case.bad is None:
            continue
        bad = _plain(case.sentences[case.bad])
        for other in cases:
            if other.qid != case.qid or other.label != "faithful":
                continue
            for s in other.sentences:
                if _plain(s) == bad:
                    case.right[case.bad] = tuple(markers(s))
        if case.bad not in case.right:
            raise SystemExit(f"{case.id}: no faithful sibling gives the right citation")


# -- sentence level ---------------------------------------------------------------------------
@dataclass
class Judged:
    case: Case
    index: int
    text: str
    supported: bool
    cited: tuple[int, ...]
    reason: str
    ms: float  # wall time of the check
    cpu_ms: float  # CPU time of this process meanwhile: less skewed by a busy machine

    @property
    def bad(self) -> bool:
        return self.index == self.case.bad

    @property
    def correct(self) -> bool:
        """Faithful sentence accepted; bad sentence rejected or re-cited where it belongs."""
        if not self.bad:
            return self.supported
        if not self.supported:
            return True
        right = self.case.right.get(self.index)
        return bool(right) and set(self.cited) <= set(right)


def judge(cases: list[Case], encode: Encode, **kw: Any) -> list[Judged]:
    out = []
    for case in cases:
        g = grounding.Grounder(encode, case.passages, question=case.question, **kw)
        for i, sentence in enumerate(case.sentences):
            t0, c0 = time.perf_counter(), time.process_time()
            v = g.check(sentence)
            ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
            out.append(Judged(case, i, sentence, v.supported, v.cited, v.reason, ms, cpu))
    return out


def sentence_rows(judged: list[Judged]) -> dict[str, tuple[int, int]]:
    rows: dict[str, tuple[int, int]] = {}

    def add(name: str, items: list[Judged]) -> None:
        rows[name] = (sum(j.correct for j in items), len(items))

    faithful = [j for j in judged if j.case.label == "faithful"]
    add("faithful sentences accepted", faithful)
    for style in _kinds(STYLES, faithful):
        add(f"  {style}", [j for j in faithful if j.case.defect == style])
    add("other sentences of unsupported answers accepted",
        [j for j in judged if j.case.label == "unsupported" and not j.bad])
    bad = [j for j in judged if j.bad]
    add("unsupported sentences rejected (or re-cited)", bad)
    for kind in _kinds(KINDS, bad):
        add(f"  {kind}", [j for j in bad if j.case.defect == kind])
    return rows


# Which check a rejection came from, by the start of its reason (rag/llm/grounding.py).
CHECKS = (
    ("number missing", re.compile(r"number .* not in ")),
    ("figure bound elsewhere", re.compile(r"number bound ")),
    ("figures compared", re.compile(r"figures compared ")),
    ("name missing", re.compile(r"name .* not in ")),
    ("name bound elsewhere", re.compile(r"name bound ")),
    ("negation", re.compile(r"negation differs from \S+ \(")),
    ("opposite", re.compile(r"negation differs from \S+: ")),
    ("hedge dropped", re.compile(r"hedge dropped ")),
    ("act of another party", re.compile(r"act of another party ")),
    ("speaker", re.compile(r"speaker differs ")),
    ("restates the question", re.compile(r"restates the question")),
    ("key terms", re.compile(r"only \d+% of its key terms")),
    ("similarity", re.compile(r"similarity ")),
    ("clause", re.compile(r"'.*' is not in ")),
)


def check_rows(judged: list[Judged]) -> dict[str, tuple[int, int]]:
    """Per check: faithful sentences it rejected, bad sentences it caught (counts only: the
    report set is read this way, never case by case)."""
    def check(reason: str) -> str:
        return next((name for name, pattern in CHECKS if pattern.match(reason)), "other")

    lost = Counter(check(j.reason) for j in judged if j.case.label == "faithful"
                   and not j.supported)
    caught = Counter(check(j.reason) for j in judged if j.bad and not j.supported)
    names = [n for n, _ in CHECKS] + ["other"]
    return {n: (lost[n], caught[n]) for n in names if lost[n] or caught[n]}


def _kinds(known: tuple[str, ...], items: list[Any]) -> list[str]:
    """The known kinds in their order, then any other kind the data holds (news-dev2 adds
    hedges, polarity, bindings, speakers and paraphrase kinds), so every case is reported."""
    extra = sorted({x.case.defect for x in items} - set(known))
    return [*known, *extra]


# -- answer level, through the streaming answerer --------------------------------------------
@dataclass
class Replayed:
    case: Case
    shown: set[int]  # dataset sentences (any part of them) shown to the user
    bad_shown: bool
    refused: bool
    streamed_ok: bool  # deltas add up to the final text


def replay(cases: list[Case], encode: Encode, **kw: Any) -> list[Replayed]:
    out = []
    # The answerer builds its own Grounder: thresholds under test go in as the module's.
    old = {k: getattr(grounding, k.upper()) for k in kw}
    for k, v in kw.items():
        setattr(grounding, k.upper(), v)
    try:
        for case in cases:
            backend = scripted_backend([Script(case.question, case.answer)])
            answerer = GenerativeAnswerer(backend, encode, context_tokens=8192, max_tokens=512)
            stream = answerer.stream(case.question, case.passages)
            deltas = list(stream)
            gen = stream.result()
            out.append(_replayed(case, gen, "".join(deltas) == gen.answer.text))
    finally:
        for k, v in old.items():
            setattr(grounding, k.upper(), v)
    return out


def _replayed(case: Case, gen: Generation, streamed_ok: bool) -> Replayed:
    plain = _plain(case.answer)
    spans, pos = [], 0
    for s in case.sentences:
        p = _plain(s)
        start = plain.find(p, pos)
        spans.append((start, start + len(p)))
        pos = start + len(p)
    shown: set[int] = set()
    bad_shown = False
    pos = 0
    for v in gen.verdicts:
        p = _plain(v.text)
        start = plain.find(p, pos)
        if start < 0:
            start = plain.find(p)
        if start < 0:
            continue
        end = start + len(p)
        pos = end
        if not v.supported:
            continue
        for i, (a, b) in enumerate(spans):
            if a < end and start < b:
                shown.add(i)
                if i == case.bad:
                    right = case.right.get(i)
                    if not right or not set(v.cited) <= set(right):
                        bad_shown = True
    return Replayed(case, shown, bad_shown, gen.answer.refused, streamed_ok)


def answer_rows(replayed: list[Replayed]) -> dict[str, tuple[int, int]]:
    rows: dict[str, tuple[int, int]] = {}
    faithful = [r for r in replayed if r.case.label == "faithful"]

    def whole(r: Replayed) -> bool:
        return not r.refused and r.shown == set(range(len(r.case.sentences)))

    rows["faithful answers shown whole"] = (sum(map(whole, faithful)), len(faithful))
    for style in _kinds(STYLES, faithful):
        items = [r for r in faithful if r.case.defect == style]
        rows[f"  {style}"] = (sum(map(whole, items)), len(items))
    bad = [r for r in replayed if r.case.label == "unsupported"]
    rows["unsupported answers showing the bad sentence"] = (sum(r.bad_shown for r in bad),
                                                           len(bad))
    for kind in _kinds(KINDS, bad):
        items = [r for r in bad if r.case.defect == kind]
        rows[f"  {kind}"] = (sum(r.bad_shown for r in items), len(items))
    others = [(r, i) for r in bad for i in range(len(r.case.sentences)) if i != r.case.bad]
    rows["their other sentences still shown"] = (sum(i in r.shown for r, i in others),
                                                 len(others))
    rows["unsupported answers refused whole"] = (sum(r.refused for r in bad), len(bad))
    rows["streamed deltas add up to the final answer"] = (
        sum(r.streamed_ok for r in replayed), len(replayed))
    return rows


# -- reporting --------------------------------------------------------------------------------
def _fmt(rows: dict[str, tuple[int, int]]) -> list[str]:
    lines = []
    for name, (k, n) in rows.items():
        rate = f"{k / n:.3f}" if n else "  -  "
        lines.append(f"{name:<52} {rate}  ({k}/{n})")
    return lines


def cost_line(judged: list[Judged]) -> str:
    ms = [j.ms for j in judged]
    cpu = [j.cpu_ms for j in judged]
    answers = len({j.case.id for j in judged})
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"check cost per answer sentence: wall mean {statistics.mean(ms):.1f} ms, p50 "
            f"{statistics.median(ms):.1f} ms, p90 {statistics.quantiles(ms, n=10)[-1]:.1f} ms; "
            f"CPU mean {statistics.mean(cpu):.1f} ms, p50 {statistics.median(cpu):.1f} ms, p90 "
            f"{statistics.quantiles(cpu, n=10)[-1]:.1f} ms ({len(ms)} sentences, {answers} "
            f"answers, first sentence of each paying for its passages); load average {load}")


def reference_ms(cases: list[Case], encode: Encode) -> float:
    """CPU p50 of encoding one question through ``SentenceTransformer.encode`` (``encode`` is
    the model's own, not the check's faster small-batch path): on the quiet box it measured
    12.3 ms (docs/PERFORMANCE.md), so the ratio says how loaded or slow this run's box was."""
    times = []
    for case in cases[:40]:
        c0 = time.process_time()
        encode([case.question])
        times.append((time.process_time() - c0) * 1000)
    return statistics.median(times)


def report(cases: list[Case], encode: Encode, failures: bool, gauge: Encode | None = None,
           **kw: Any) -> dict[str, Any]:
    ref = reference_ms(cases, gauge or encode)
    judged = judge(cases, encode, **kw)
    replayed = replay(cases, encode, **kw)
    srows, arows = sentence_rows(judged), answer_rows(replayed)
    print("sentence level (Grounder.check on each sentence, passages as given)")
    print("\n".join(_fmt(srows)))
    print("answer level (replayed through the streaming answerer, scripted backend)")
    print("\n".join(_fmt(arows)))
    crows = check_rows(judged)
    print("rejections by check: faithful sentences rejected / bad sentences caught")
    print("\n".join(f"  {name:<49}{lost:>5} / {caught}" for name, (lost, caught) in crows.items()))
    print(cost_line(judged))
    print(f"reference: one question encoded in {ref:.1f} ms CPU p50 in this run (12.3 ms on the "
          "quiet box, docs/PERFORMANCE.md)")
    if failures:
        print("\nfailures:")
        for j in judged:
            if not j.correct:
                tag = f"BAD {j.case.defect}" if j.bad else f"ok {j.case.defect}"
                print(f"  {j.case.id} [{tag}] {j.text}\n      -> {j.supported} "
                      f"{j.cited} {j.reason}")
    return {
        "sentence": {k: list(v) for k, v in srows.items()},
        "answer": {k: list(v) for k, v in arows.items()},
        "checks": {k: list(v) for k, v in crows.items()},
        "ms": [j.ms for j in judged],
        "cpu_ms": [j.cpu_ms for j in judged],
        "load": os.getloadavg(),
        "reference_ms": ref,
        "verdicts": [{"id": j.case.id, "i": j.index, "bad": j.bad, "supported": j.supported,
                      "cited": j.cited, "reason": j.reason, "ms": round(j.ms, 2)}
                     for j in judged],
    }


def _cached(encode: Encode) -> Encode:
    """Sweeps score the same sentences many times: embed each text once."""
    memo: dict[str, np.ndarray] = {}

    def run(texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if todo:
            for t, v in zip(todo, encode(todo), strict=True):
                memo[t] = v
        return np.stack([memo[t] for t in texts]) if texts else np.zeros((0, 384), "float32")

    return run


def sweep(cases: list[Case], encode: Encode, grid: dict[str, list[float]]) -> None:
    """Choose thresholds on one half, report them on the other (both ways round)."""
    encode = _cached(encode)
    names = list(grid)
    combos = [dict(zip(names, values, strict=True)) for values in itertools.product(*grid.values())]
    halves = {s: [c for c in cases if c.split == s] for s in ("dev", "test")}

    def score(part: list[Case], kw: dict[str, float]) -> tuple[float, float, float]:
        rows = sentence_rows(judge(part, encode, **kw))
        acc = rows["faithful sentences accepted"]
        rej = rows["unsupported sentences rejected (or re-cited)"]
        a, r = acc[0] / acc[1], rej[0] / rej[1]
        return min(a, r), a, r

    for tune, hold in (("dev", "test"), ("test", "dev")):
        scored = [(score(halves[tune], kw), kw) for kw in combos]
        # Ties go to the strictest thresholds: showing a false sentence costs more than
        # dropping a true one.
        (best, a, r), kw = max(scored, key=lambda x: (x[0][0], x[0][1] + x[0][2],
                                                      sum(x[1].values())))
        _, ha, hr = score(halves[hold], kw)
        print(f"tuned on {tune} ({len(halves[tune])} cases): {kw} -> accepted {a:.3f}, "
              f"rejected {r:.3f}; on {hold} ({len(halves[hold])} cases): accepted {ha:.3f}, "
              f"rejected {hr:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", default="all", choices=["all", "dev", "test"])
    ap.add_argument("--failures", action="store_true", help="print every wrong verdict")
    ap.add_argument("--sweep", action="store_true", help="tune thresholds on dev, report test")
    ap.add_argument("--json", type=Path, default=None, help="write rows and verdicts as JSON")
    ap.add_argument("--chunk-chars", type=int, default=0,
                    help="grow each passage to about this many characters of its article (as "
                    "retrieved chunks are) to measure the cost; the labels were written for the "
                    "passages as given, so the quality rows are then indicative only")
    args = ap.parse_args()
    cases = load_cases(args.data, args.chunk_chars)
    embedder = Embedder(Settings().model_path())
    embedder.encode(["warm up"])  # loading the models is not part of the check's cost
    parse.pipeline()  # (servers load both at start-up: Newsdesk.warm)
    if args.sweep:
        sweep(cases, embedder.encode, {"min_similarity": [0.4, 0.45, 0.5, 0.55, 0.6],
                                       "min_coverage": [0.4, 0.5, 0.6],
                                       "min_clause_coverage": [0.4, 0.5, 0.6],
                                       "min_clause_similarity": [0.4, 0.5, 0.55, 0.6]})
        return
    if args.split != "all":
        cases = [c for c in cases if c.split == args.split]
    n = Counter(c.label for c in cases)
    print(f"{args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}: "
          f"{len(cases)} cases ({n['faithful']} faithful, {n['unsupported']} unsupported), "
          f"split {args.split}")
    def own(texts: list[str]) -> np.ndarray:  # the path the reference's 12.3 ms was timed on
        return np.asarray(embedder.model.encode(texts, normalize_embeddings=True,
                                                show_progress_bar=False))

    result = report(cases, embedder.encode, args.failures, gauge=own)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
