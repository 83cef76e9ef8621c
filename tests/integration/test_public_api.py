"""The public Python API called as users call it: twice, in either order, in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SAMPLE_QUESTION

# One fresh interpreter per order: ``rag``'s module state (the default desk, which submodules
# are imported) is exactly what a user's process has.
SCRIPT = """
import sys
import rag
from ingest import ingest
ingest(rag.default())
order = sys.argv[1].split(",")
for name in order + order:
    if name == "query":
        answer = rag.query({question!r})
        assert not answer.refused and "illegitimate desire" in answer.citations[0].passage
    else:
        passages = rag.retrieve("Macron Witkoff", top_k=3)
        assert passages and all(p.end > p.start for p in passages), passages
    assert callable(rag.retrieve) and callable(rag.query), (type(rag.retrieve), type(rag.query))
print("ok", ",".join(order))
"""


def _run(order: str, tmp_path: Path, corpus: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(REPO),
        "NEWSDESK_DATA_DIR": str(tmp_path / f"data-{order}"),
        "NEWSDESK_CORPUS_DIR": str(corpus),
    }
    code = SCRIPT.format(question=SAMPLE_QUESTION)
    return subprocess.run(
        [sys.executable, "-c", code, order], env=env, capture_output=True, text=True, timeout=300
    )


def test_retrieve_and_query_work_repeatedly_in_either_order(tmp_path: Path, corpus: Path) -> None:
    # Before the retrieval module was renamed, importing it rebound ``rag.retrieve`` to the
    # module: the second call (or any call after ``rag.query``) raised "'module' object is not
    # callable".
    for order in ("retrieve,query", "query,retrieve"):
        result = _run(order, tmp_path, corpus)
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip() == f"ok {order}"


def test_rag_never_imports_the_layers_above_it() -> None:
    """``import rag`` and a query path load neither ``ingest`` nor ``ui`` (import-linter checks
    the source statically; this checks what a running process actually loads)."""
    code = (
        "import sys, rag, rag.newsdesk, rag.retrieval.retriever, rag.extractive.answer, "
        "rag.llm.generate;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ingest', 'ui')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    assert out.strip() == "[]"
