"""``newsdesk eval``: the metrics, the dataset splits, and a smoke run end to end.

The full evaluation (411 paragraphs, baselines) is run by hand, see docs/EVAL.md; these checks
keep the command and its scoring from rotting.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from rag.settings import Settings
from ui.evaluate.datasets import SQUAD2_DEFAULT, load_corpus_set, load_squad2
from ui.evaluate.metrics import contains_answer, exact_match, normalize_answer, token_f1
from ui.evaluate.runner import evaluate


def test_squad_normalisation_and_scores() -> None:
    assert normalize_answer("The  Norman-Conquest!") == "normanconquest"
    assert normalize_answer("\u201cA\u201d Catholicism.") == "catholicism"
    assert exact_match("the Catholicism", ("Catholicism",)) == 1.0
    assert exact_match("Roman Catholicism", ("Catholicism",)) == 0.0
    assert abs(token_f1("Roman Catholicism", ("Catholicism",)) - 2 / 3) < 1e-9
    assert token_f1("", ("Catholicism",)) == 0.0
    # Whole tokens only: a year is not found inside a longer number.
    assert contains_answer("In February 1082 the city fell.", ("1082",))
    assert not contains_answer("It cost 10820 ducats.", ("1082",))


def test_squad2_split_and_leave_out_follow_source_notes() -> None:
    dev, test = load_squad2(SQUAD2_DEFAULT, "dev"), load_squad2(SQUAD2_DEFAULT, "test")
    for s in (dev, test):
        kinds = [q.kind for q in s.questions]
        assert (kinds.count("answerable"), kinds.count("unanswerable")) == (121, 129)
        assert len(s.articles) == 411
    assert not {q.qid for q in dev.questions} & {q.qid for q in test.questions}
    lo = load_squad2(SQUAD2_DEFAULT, "test", leave_out=True)
    ingested = {a["url"] for a in lo.articles}
    kept = [q for q in lo.questions if q.kind == "answerable"]
    out = [q for q in lo.questions if q.kind == "left_out"]
    assert len(kept) + len(out) == 121 and len(out) >= 55
    assert all(q.gold <= ingested for q in kept)
    assert len(ingested) == 411 - lo.notes["paragraphs_dropped"]


def test_corpus_set_scores_on_the_sample_article(tmp_path: Path, embedder) -> None:
    report = evaluate(
        load_corpus_set(), Settings(), with_baselines=False, workdir=tmp_path, embedder=embedder
    )
    col = report.columns["newsdesk"]
    assert report.counts["answerable"] == 8 and report.counts["unanswerable"] == 3
    assert col["hit@1"] == 1.0
    assert col["cited_gold"] is not None and col["cited_gold"] >= 0.75
    assert col["citation_precision"] is not None and col["citation_precision"] >= 0.6
    assert col["refusal_recall"] is not None and col["refusal_recall"] >= 2 / 3


def test_cli_eval_smoke_subset_with_baselines(tmp_path: Path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NEWSDESK_DATA_DIR": str(tmp_path / "unused")}
    run = subprocess.run(
        [sys.executable, "-m", "ui.cli", "eval", "squad2", "--split", "dev", "--limit", "3",
         "--json"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout)
    assert report["counts"]["answerable"] == 3 and report["counts"]["unanswerable"] == 3
    cols = report["columns"]
    assert set(cols) == {"newsdesk", "llamaindex", "bm25s-stemmed", "bm25s-unstemmed"}
    assert cols["newsdesk"]["hit@5"] == 1.0
    for name in cols:
        assert 0.0 <= cols[name]["hit@1"] <= cols[name]["hit@5"] <= 1.0
    assert not (tmp_path / "unused").exists(), "eval must not touch the user's store"
