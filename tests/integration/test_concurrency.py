"""Queries during a re-ingest by another process, and a Chroma server that goes away and back."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, SAMPLE_QUESTION, free_port, start_chroma

from ingest import ingest
from rag.errors import StoreError
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings


def _bench(name: str):  # a module loaded from bench/
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


load_queries = _bench("load_queries")


def test_eight_query_threads_during_a_reingest_by_another_process(
    tmp_path: Path, embedder: Embedder
) -> None:
    r = load_queries.run(tmp_path, embedder, n_articles=12, threads=8, pause_s=1.0)
    print(f"\nconcurrent queries run / failed: {r['queries']} / {r['failed']} "
          f"in {r['seconds']:.1f} s of re-ingest")
    assert r["ingest_rc"] == 0, r["ingest_err"]
    assert "updated" in r["ingest_out"] and r["changed"]
    assert r["queries"] >= 8, "the ingest ended before the threads got going"
    assert r["failed"] == 0, r["errors"]
    assert r["phantom"] == [], r["phantom"]
    assert r["final_ok"]


# -- a Chroma server that stops and comes back ----------------------------------------------
def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(20)


def test_chroma_server_stopped_then_restarted(tmp_path: Path, embedder: Embedder) -> None:
    port = free_port()
    server_dir = tmp_path / "server"
    server = start_chroma(server_dir, port)
    try:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        shutil.copy(SAMPLE, corpus / SAMPLE.name)
        settings = Settings(
            data_dir=tmp_path / "data", corpus_dir=corpus, chroma=f"127.0.0.1:{port}"
        )
        desk = Newsdesk(settings, embedder=embedder)
        ingest(desk)
        good = desk.query(SAMPLE_QUESTION)
        assert "illegitimate desire" in good.citations[0].passage
        _stop(server)
        started = time.monotonic()
        for _ in range(3):  # the first failure drops the handle; later ones fail the same way
            with pytest.raises(StoreError) as info:
                desk.query(SAMPLE_QUESTION)
            assert f"127.0.0.1:{port}" in str(info.value), info.value
        assert time.monotonic() - started < 30, "a stopped server must fail fast, not hang"
        # The CLI says it in one line (an ingest that must write, so no model is loaded).
        other = tmp_path / "corpus-b"
        other.mkdir()
        shutil.copy(SAMPLE, other / "copy.txt")
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        cli = subprocess.run(
            [sys.executable, "-m", "ui.cli", "--data-dir", str(settings.data_dir),
             "--corpus-dir", str(other), "--chroma", settings.chroma, "ingest"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
        )
        lines = [ln for ln in cli.stderr.splitlines() if ln.strip()]
        assert cli.returncode != 0 and "Traceback" not in cli.stderr, cli.stderr
        assert len(lines) == 1 and "Chroma server" in lines[0], cli.stderr
        # Back on the same port and path: the same Newsdesk recovers by itself.
        server = start_chroma(server_dir, port)
        again = desk.query(SAMPLE_QUESTION)
        assert again.text == good.text
        assert [c.chunk_id for c in again.citations] == [c.chunk_id for c in good.citations]
        desk.close()
    finally:
        _stop(server)
