"""The core promise: the sample question is answered from the exact passage, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SAMPLE_QUESTION

from ingest import ingest
from rag.citations import REFUSAL, validate
from rag.newsdesk import Newsdesk
from rag.settings import Settings
from rag.types import Passage


def test_sample_question_cites_the_illegitimate_desire_passage(desk: Newsdesk) -> None:
    summary = ingest(desk)
    assert (summary.added, summary.failed) == (1, [])
    answer = desk.query(SAMPLE_QUESTION)
    assert not answer.refused
    assert "[1]" in answer.text
    first = answer.citations[0]
    assert first.n == 1
    assert "illegitimate desire" in first.passage
    article = desk.manifest.article(first.article_id)
    assert article is not None
    # start/end are offsets into the cleaned article, and the quoted span is the Rubio sentence.
    assert article.text[first.start : first.end] == first.passage
    quoted = [article.text[s:e] for s, e in first.quotes]
    assert any("illegitimate desire" in q and "Rubio" in q for q in quoted)


def test_unrelated_question_is_refused_with_closest_passages(desk: Newsdesk) -> None:
    ingest(desk)
    answer = desk.query("What is the boiling point of liquid nitrogen?")
    assert answer.refused
    assert answer.text == REFUSAL
    assert answer.citations == []
    assert answer.passages, "a refusal still lists the closest passages"


def test_every_marker_is_validated() -> None:
    p = Passage("a::0", "a", "T", "S", "", "", "text", 0, 4, 1.0)
    text, cites = validate("One [3]. Two [2][1]. Three [1, 9].", [p, p])
    assert text == "One. Two [1][2]. Three [2]."
    assert [c.n for c in cites] == [1, 2]
    text, cites = validate("Made up [7].", [p])
    assert cites == [] and "[7]" not in text


def test_retrieve_returns_passages_with_offsets(desk: Newsdesk) -> None:
    ingest(desk)
    passages = desk.retrieve("Macron Witkoff summit", top_k=2)
    assert passages and "Macron" in passages[0].text
    assert all(p.end > p.start for p in passages)


def test_chroma_server_mode(tmp_path: Path, corpus: Path, chroma_server: str, embedder) -> None:
    settings = Settings(data_dir=tmp_path / "srv-data", corpus_dir=corpus, chroma=chroma_server)
    nd = Newsdesk(settings, embedder=embedder)
    assert ingest(nd).added == 1
    assert not (settings.data_dir / "chroma").exists(), "server mode keeps vectors on the server"
    answer = nd.query(SAMPLE_QUESTION)
    assert "illegitimate desire" in answer.citations[0].passage
    assert nd.status()["chroma_chunks"] == nd.status()["chunks"]


def _cli(*args: str, cwd: Path, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def test_cli_ingest_ask_search_status(tmp_path: Path, corpus: Path) -> None:
    env = {"NEWSDESK_DATA_DIR": str(tmp_path / "d"), "PYTHONPATH": str(REPO)}
    r = _cli("ingest", str(corpus), "--json", cwd=tmp_path, env_extra=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["added"] == 1
    r = _cli("ask", SAMPLE_QUESTION, "--json", cwd=tmp_path, env_extra=env)
    data = json.loads(r.stdout)
    assert set(data) == {"answer", "refused", "citations"}
    assert set(data["citations"][0]) == {
        "n", "article_id", "title", "source", "url", "published", "passage", "start", "end",
        "score", "quotes", "marks",
    }
    (s, e), = data["citations"][0]["quotes"]  # the quoted sentence, as article offsets
    cited = data["citations"][0]
    assert "illegitimate desire" in cited["passage"][s - cited["start"]:e - cited["start"]]
    assert cited["marks"] == []  # a speech question: the whole quote is the answer
    assert "[1]" in data["answer"] and "illegitimate desire" in data["citations"][0]["passage"]
    r = _cli("search", "Rubio guarantees", "--json", "--top-k", "2", cwd=tmp_path, env_extra=env)
    passages = json.loads(r.stdout)["passages"]
    assert [p["n"] for p in passages] == list(range(1, len(passages) + 1))
    r = _cli("status", "--json", cwd=tmp_path, env_extra=env)
    assert json.loads(r.stdout)["articles"] == 1
    r = _cli("ask", "   ", cwd=tmp_path, env_extra=env)
    assert r.returncode != 0 and r.stderr.startswith("newsdesk: error:")
    assert "Traceback" not in r.stderr


def test_llamaindex_retriever_adapter(desk: Newsdesk) -> None:
    from rag.llamaindex import NewsdeskRetriever

    ingest(desk)
    nodes = NewsdeskRetriever(desk, top_k=2).retrieve(SAMPLE_QUESTION)
    assert nodes and "illegitimate desire" in nodes[0].node.get_content()
    assert nodes[0].node.metadata["article_id"] == "us-peace-deal-proposal.txt"
    assert nodes[0].node.start_char_idx is not None
