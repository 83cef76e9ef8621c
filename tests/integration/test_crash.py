"""Crash safety: killed ingests converge, broken stores give one clear line, one writer at a time.

The short version of ``bench/kill_ingest.py`` (which kills 20+ times) runs here with 3 kills.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE

from ingest import ingest
from rag.errors import StoreError
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings

_spec = importlib.util.spec_from_file_location("kill_ingest", REPO / "bench" / "kill_ingest.py")
assert _spec and _spec.loader
kill_ingest = importlib.util.module_from_spec(_spec)
sys.modules["kill_ingest"] = kill_ingest
_spec.loader.exec_module(kill_ingest)


def test_killed_ingests_converge_to_a_clean_ingest(tmp_path: Path, embedder: Embedder) -> None:
    lines: list[str] = []
    result = kill_ingest.run(tmp_path / "kills", kills=3, n_articles=24, embedder=embedder,
                             log=lines.append)
    print("\n" + "\n".join(lines) + f"\nkills survived: {result.survived} / {result.tried}")
    assert result.tried >= 3, lines
    assert result.survived == result.tried, result.failures


# -- broken stores --------------------------------------------------------------------------
def _cli(*args: str, data_dir: Path, timeout: float = 180) -> subprocess.Popen[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    env.pop("NEWSDESK_CHROMA", None)
    return subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir), *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _scribble(path: Path, start: int) -> None:
    """Overwrite every 7th byte from ``start`` on: a torn write, a bad sector."""
    data = bytearray(path.read_bytes())
    for i in range(start, len(data), 7):
        data[i] = 0x41
    path.write_bytes(bytes(data))


def _break_version(d: Path) -> None:
    (d / "chroma" / "NEWSDESK_CHROMADB_VERSION").write_text("0.5.23\n")


def _break_chroma_sqlite(d: Path) -> None:
    _scribble(d / "chroma" / "chroma.sqlite3", 4096)


def _break_data_dir(d: Path) -> None:
    # Root reads any mode, so "unreadable" here is what a wrong mount looks like: the store
    # directory replaced by a file. Other users also lose read permission on the data dir.
    shutil.rmtree(d / "chroma")
    (d / "chroma").write_bytes(os.urandom(4096))
    if os.getuid() != 0:
        (d / "chroma").chmod(0)


def _break_manifest(d: Path) -> None:
    with sqlite3.connect(d / "manifest.sqlite") as db:  # fold the WAL in, then tear pages
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _scribble(d / "manifest.sqlite", 100)


BREAKERS = {
    "other chromadb version": (_break_version, "written by chromadb 0.5.23"),
    "corrupted chroma.sqlite3": (_break_chroma_sqlite, "malformed"),
    "unreadable store directory": (_break_data_dir, "not a directory"),
    "corrupted manifest": (_break_manifest, "manifest"),
}


def test_broken_stores_give_one_clear_line(tmp_path: Path, desk: Newsdesk) -> None:
    ingest(desk)
    desk.close()
    good = desk.settings.data_dir
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copy(SAMPLE, renamed / "renamed.txt")
    procs = {}
    for name, (breaker, _) in BREAKERS.items():
        broken = tmp_path / name.replace(" ", "-")
        shutil.copytree(good, broken)
        breaker(broken)
        # The library raises the typed error, quickly.
        started = time.monotonic()
        with pytest.raises(StoreError, match="NEWSDESK_DATA_DIR") as info:
            nd = Newsdesk(Settings(data_dir=broken, corpus_dir=desk.settings.corpus_dir),
                          embedder=desk.embedder)
            nd.retrieve("What did Rubio say about guarantees?")
        assert time.monotonic() - started < 30
        assert "new" in str(info.value), info.value
        # An ingest that must write (the same text under a new name: its vectors are cached,
        # so no model loads) opens every part of the store, and fails in seconds.
        procs[name] = _cli("--corpus-dir", str(renamed), "ingest", data_dir=broken)
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=180)
        lines = [ln for ln in err.splitlines() if ln.strip() and "Loading weights" not in ln]
        assert proc.returncode != 0, f"{name}: exited 0: {out}"
        assert "Traceback" not in err, f"{name}: {err}"
        assert len(lines) == 1 and lines[0].startswith("newsdesk: error: "), f"{name}: {err}"
        assert BREAKERS[name][1] in lines[0] and "NEWSDESK_DATA_DIR" in lines[0], lines[0]
        assert out == ""


# -- one writer at a time -------------------------------------------------------------------
def test_second_ingest_waits_then_says_another_is_running(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    kill_ingest.write_corpus(corpus, 12, 0)
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    data = tmp_path / "data"
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    env.pop("NEWSDESK_CHROMA", None)
    cmd = [sys.executable, "-m", "ui.cli", "--data-dir", str(data), "--corpus-dir", str(corpus),
           "ingest"]

    def start(wait: float) -> subprocess.Popen[str]:
        return subprocess.Popen(
            cmd, cwd=REPO, env=dict(env, NEWSDESK_LOCK_WAIT_S=str(wait)),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    first = start(5)
    assert kill_ingest._wait_for_lock(first, data, 120) is not None, first.communicate()
    impatient, patient = start(1), start(300)
    started = time.monotonic()
    out, err = impatient.communicate(timeout=120)
    waited = time.monotonic() - started
    assert first.poll() is None, "the first ingest must still hold the lock for this test"
    assert impatient.returncode != 0
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "another ingest is running" in lines[0], err
    assert f"pid {first.pid}" in lines[0]
    assert waited >= 1
    out1, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    out2, err2 = patient.communicate(timeout=300)
    assert patient.returncode == 0, err2
    assert "added 0, updated 0, unchanged 13" in out2  # it waited its turn, then had no work
    with sqlite3.connect(data / "manifest.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 13
        assert db.execute("SELECT COUNT(*) FROM pending").fetchone()[0] == 0


# -- a delete killed mid-way (issue 23, Medium 7) ---------------------------------------------
def _killed_delete(desk: Newsdesk, article_id: str) -> None:
    """The state ``remove_article`` leaves when killed between its two writes: the article is
    journaled and its chunks are gone from Chroma, the manifest still lists it, its file is
    still in the corpus (``Ingestor._wipe``: mark pending, delete from Chroma, commit)."""
    desk.manifest.mark_pending([article_id])
    desk.retriever.collection().delete(where={"article_id": article_id})


def _three_articles(settings: Settings) -> None:
    kill_ingest.write_corpus(settings.corpus_dir, 3, 0)


def test_an_unrelated_ingest_recovers_a_killed_delete_without_losing_the_article(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    _three_articles(settings)
    desk = Newsdesk(settings, embedder=embedder)
    assert ingest(desk).added == 4  # the sample article and three more
    victim = next(r for r in desk.articles() if r.path != SAMPLE.name)
    _killed_delete(desk, victim.article_id)
    upload = tmp_path / "upload.md"
    upload.write_text("# Harbour crane\n\nThe harbour authority said on Monday that the new "
                      "crane would arrive in May.\n", encoding="utf-8")
    summary = ingest(desk, [upload])  # an upload: the victim's file is not among its paths
    assert summary.ok, summary.failed
    assert desk.manifest.pending() == []
    assert desk.manifest.article(victim.article_id) is not None, "its file is still there"
    status = desk.status()
    assert status["consistent"] is True, status["problems"]
    assert status["chunks"] == status["chroma_chunks"]
    assert desk.retrieve(victim.text[:200], top_k=1)[0].article_id == victim.article_id
    desk.close()


def test_serve_start_recovers_a_killed_delete(settings: Settings, embedder: Embedder) -> None:
    from ingest.pipeline import recover

    _three_articles(settings)
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    before = desk.manifest.counts()
    victim = next(r for r in desk.articles() if r.path != SAMPLE.name)
    _killed_delete(desk, victim.article_id)
    assert desk.status()["consistent"] is False  # the journal entry and the missing chunks
    summary = recover(desk)  # what `newsdesk serve` runs before its first request
    assert summary is not None and summary.ok and summary.added == 1
    assert desk.manifest.pending() == [] and desk.manifest.counts() == before
    assert desk.status()["consistent"] is True
    assert recover(desk) is None  # nothing pending: nothing done
    desk.close()


def test_status_compares_the_corpus_with_the_store(settings: Settings, embedder: Embedder) -> None:
    import json

    _three_articles(settings)
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    desk.close()

    def status() -> tuple[int, dict]:
        run = _cli("--corpus-dir", str(settings.corpus_dir), "status", "--json",
                   data_dir=settings.data_dir)
        out, err = run.communicate(timeout=180)
        return run.returncode, json.loads(out)

    code, info = status()
    assert code == 0 and info["consistent"] is True and info["corpus_in_step"], info
    extra = settings.corpus_dir / "new-story.md"
    extra.write_text("# New\n\nA story nobody ingested yet.\n", encoding="utf-8")
    gone = next(p for p in sorted(settings.corpus_dir.iterdir()) if p.name != SAMPLE.name
                and p != extra)
    gone.unlink()
    code, info = status()
    assert code == 1 and info["corpus_in_step"] is False
    assert info["consistent"] is True  # the store agrees with itself: it is out of date
    lines = "\n".join(info["corpus_problems"])
    assert "1 file(s) in the corpus hold no stored article (new-story.md)" in lines
    assert f"1 stored file(s) are gone from the corpus ({gone.name})" in lines


def test_status_checks_the_lexical_index_and_the_next_ingest_brings_it_level(
    settings: Settings, embedder: Embedder
) -> None:
    import tantivy

    from rag.store import lexical

    _three_articles(settings)
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    assert desk.status()["consistent"] is True
    # A run killed after its manifest commit, before the lexical index followed: the article is
    # listed, the index is a generation behind.
    victim = next(r for r in desk.articles() if r.path != SAMPLE.name)
    rows = desk.manifest.chunks(desk.manifest.chunk_ids(victim.article_id))
    desk.manifest.commit_articles([victim], [row for row, _ in rows.values()])
    # And chunks lost from the index itself (a damaged copy of the data dir).
    index = tantivy.Index.open(str(settings.lexical_dir))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    other = next(r for r in desk.articles() if r.article_id != victim.article_id)
    writer.delete_documents_by_term("article", other.article_id)
    writer.commit()
    del writer, index  # tantivy's writer lock goes with it
    status = desk.status()
    assert status["consistent"] is False
    problems = " | ".join(status["problems"])
    assert "still to apply" in problems and "sampled chunks are missing" in problems, problems
    # The generation the index reached is stale: the next ingest applies the listed article; the
    # lost chunks need the whole rebuild that a missing index gets.
    summary = ingest(desk)
    assert summary.ok and desk.manifest.lexical_dirty() == []
    shutil.rmtree(settings.lexical_dir)
    ingest(desk)  # nothing changed in the corpus: only the lexical index is rebuilt
    assert lexical.current_generation(settings.lexical_dir) == desk.manifest.generation
    assert desk.status()["consistent"] is True, desk.status()["problems"]
    desk.close()
