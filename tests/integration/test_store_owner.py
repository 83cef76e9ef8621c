"""One writing process per embedded store (issue 12, High 2), and stores that open once.

Embedded Chroma keeps its vector index in each process's memory: with ``newsdesk serve``
running, a CLI ingest that pruned followed by an upload left the index pointing at deleted
chunks while ``status`` reported 21/21. Now the server owns the store, the CLI is refused with
the server's pid and URL, a long-lived reader reopens after another process writes, and
``newsdesk status`` checks Chroma against the manifest. Real processes throughout.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, SAMPLE_QUESTION, free_port
from filler import filler

from ingest import ingest
from rag.errors import StoreError, StoreLockedError, StoreOwnedError
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO), **extra)
    env.pop("NEWSDESK_CHROMA", None)
    return env


def cli(settings: Settings, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(settings.data_dir),
         "--corpus-dir", str(settings.corpus_dir), *args],
        cwd=REPO, env=_env(), capture_output=True, text=True, timeout=timeout,
    )




def copy_store(src: Path, dst: Path) -> None:
    """Copy a data directory from another process: closing a file this process has open in
    SQLite drops SQLite's POSIX locks on it, so a copy made in-process can corrupt the live
    manifest (it did, in an earlier version of this test)."""
    subprocess.run(["cp", "-a", str(src), str(dst)], check=True)


def store_check(settings: Settings) -> dict[str, object]:
    """``newsdesk status --json`` in a fresh process: what any other process would see."""
    proc = cli(settings, "status", "--json")
    info = json.loads(proc.stdout)
    info["exit"] = proc.returncode
    info["stderr"] = proc.stderr
    return info


@pytest.fixture()
def server(tmp_path: Path, settings: Settings, embedder: Embedder) -> Iterator[tuple[str, int]]:
    """``newsdesk serve`` as users start it, on a store with the sample and 40 fillers."""
    filler(settings.corpus_dir, 40)
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    desk.close()
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(settings.data_dir),
         "--corpus-dir", str(settings.corpus_dir), "serve", "--port", str(port)],
        cwd=REPO, env=_env(), stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while True:
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "newsdesk serve did not come up in 240 s"
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    try:
        yield url, proc.pid
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(30)
        log.close()


def test_serve_owns_the_store_cli_ingest_is_refused_uploads_stay_consistent(
    server: tuple[str, int], settings: Settings, tmp_path: Path
) -> None:
    from gradio_client import Client, handle_file

    url, pid = server
    # Six first questions at once on the freshly started server (it warmed up before serving).
    answers: list[object] = []

    def ask() -> None:
        try:
            answers.append(Client(url, verbose=False).predict(SAMPLE_QUESTION, api_name="/ask"))
        except Exception as exc:  # collected and asserted below
            answers.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    failed = [a for a in answers if isinstance(a, Exception)]
    assert len(answers) == 6 and not failed, failed
    assert all(not a["refused"] for a in answers)  # type: ignore[index]

    # The reported attack: a CLI ingest that prunes 30 articles while the server runs.
    for path in sorted(settings.corpus_dir.glob("filler-*.txt"))[:30]:
        path.unlink()
    refused = cli(settings, "ingest")
    lines = [ln for ln in refused.stderr.splitlines() if ln.strip()]
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert len(lines) == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert f"pid {pid}" in lines[0] and url in lines[0] and "/ingest" in lines[0], lines[0]
    print(f"\nCLI ingest while serving: exit {refused.returncode}: {lines[0]}")
    # Upload through the server (the way to add articles while it runs): it goes in.
    upload = tmp_path / "zorblax.md"
    upload.write_text(
        "---\ntitle: Zorblax lantern festival\n---\nThe Zorblax lantern festival in Tallinn "
        "drew forty thousand visitors, organisers said.\n", encoding="utf-8",
    )
    summary = Client(url, verbose=False).predict([handle_file(str(upload))], api_name="/ingest")
    assert summary["added"] == 1, summary
    # Any other process sees a store whose vectors agree with its manifest, and that the 30
    # deleted files are still stored (status compares the corpus with the store).
    info = store_check(settings)
    assert info["exit"] == 1 and info["consistent"] is True, info
    assert info["corpus_in_step"] is False
    assert "30 stored file(s) are gone from the corpus" in str(info["corpus_problems"])
    assert f"pid {pid}" in str(info["owner"]) and info["chunks"] == info["chroma_chunks"]
    print(f"after the upload: {info['chunks']} / {info['chroma_chunks']} chunks, consistent")
    # The server dies without cleaning up: its lock goes with it, the CLI ingest now runs.
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    done = cli(settings, "ingest")
    assert done.returncode == 0, done.stderr
    assert "removed 30" in done.stdout
    info = store_check(settings)
    assert info["exit"] == 0 and info["consistent"] is True and info["corpus_in_step"], info
    assert info["articles"] == 1 + 10 + 1 and "owner" not in info


def test_a_long_lived_reader_sees_what_another_process_ingested(
    settings: Settings, embedder: Embedder
) -> None:
    """The same store read by a Python process that stays up (a notebook, a worker) while the
    CLI prunes it: the reader's cached index must not keep the deleted chunks."""
    filler(settings.corpus_dir, 60)
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    assert len(desk.retrieve("harbour bulletin ferry", top_k=10)) == 10
    for path in sorted(settings.corpus_dir.glob("filler-*.txt"))[5:]:
        path.unlink()
    pruned = cli(settings, "ingest")
    assert pruned.returncode == 0 and "removed 55" in pruned.stdout, pruned.stderr
    # Six articles are left (the sample and five fillers): all six come back.
    found = desk.retrieve("harbour bulletin ferry", top_k=10)
    assert len({p.article_id for p in found}) == 6, [p.chunk_id for p in found]
    # Writing after another process wrote: the reader's ingest starts from the store on disk.
    filler(settings.corpus_dir, 1, start=500)
    assert ingest(desk).added == 1
    assert len(desk.retrieve("harbour bulletin ferry", top_k=10)) >= 7
    desk.close()
    info = store_check(settings)
    assert info["exit"] == 0 and info["consistent"] is True, info


_HOLD = """
import sys, time
from pathlib import Path
from rag.store.owner import StoreOwner
with StoreOwner(Path(sys.argv[1]), sys.argv[2], "http://127.0.0.1:1/"):
    print("held", flush=True)
    time.sleep(300)
"""


def _holder(data_dir: Path, role: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(data_dir), role],
        cwd=REPO, env=_env(), stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_owner_lock_names_the_holder_and_dies_with_it(tmp_path: Path) -> None:
    from rag.store.owner import INGEST, SERVE, StoreOwner, holder

    data = tmp_path / "data"
    served = _holder(data, SERVE)
    try:
        assert holder(data).pid == served.pid  # type: ignore[union-attr]
        started = time.monotonic()
        with pytest.raises(StoreOwnedError) as err:
            StoreOwner(data, INGEST, wait_s=30).acquire()
        assert time.monotonic() - started < 5, "a served store is refused at once, not waited on"
        assert f"pid {served.pid}" in str(err.value) and "http://127.0.0.1:1/" in str(err.value)
    finally:
        served.kill()  # SIGKILL: no clean-up runs, the kernel drops the lock
        served.wait(30)
    with StoreOwner(data, INGEST) as mine:
        assert holder(data) == mine.holder
        with StoreOwner(data, INGEST):  # the same process takes it again without waiting
            pass
        assert holder(data) == mine.holder
    assert holder(data) is None
    ingesting = _holder(data, INGEST)
    try:
        started = time.monotonic()
        with pytest.raises(StoreLockedError) as locked:
            StoreOwner(data, INGEST, wait_s=1).acquire()
        assert time.monotonic() - started >= 1 and not isinstance(locked.value, StoreOwnedError)
        assert f"another ingest is running on {data} (pid {ingesting.pid})" in str(locked.value)
        # A server started during an ingest says so once and waits for it (ingests end).
        told: list[str] = []
        threading.Timer(1.0, ingesting.kill).start()
        with StoreOwner(data, SERVE, wait_s=math.inf, on_wait=lambda h: told.append(h.describe())):
            assert told == [f"an ingest (pid {ingesting.pid})"]
            assert holder(data).role == SERVE  # type: ignore[union-attr]
    finally:
        ingesting.kill()
        ingesting.wait(30)


def test_six_first_questions_at_once_open_the_store_once(
    tmp_path: Path, settings: Settings, embedder: Embedder
) -> None:
    """Fresh desks on fresh copies of a store, six threads asking at once (no warm-up): before,
    1 to 4 of the six failed with "cannot open the store"."""
    ingest(Newsdesk(settings, embedder=embedder))
    failures = []
    for trial in range(4):
        copy = tmp_path / f"copy-{trial}"
        copy_store(settings.data_dir, copy)
        desk = Newsdesk(Settings(data_dir=copy, corpus_dir=settings.corpus_dir), embedder=embedder)
        barrier = threading.Barrier(6)

        def ask(desk: Newsdesk = desk, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                assert not desk.query(SAMPLE_QUESTION).refused
            except Exception as exc:  # collected and asserted below
                failures.append(repr(exc)[:200])

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    assert failures == []


def test_an_empty_manifest_beside_a_full_store_is_reported(
    settings: Settings, embedder: Embedder
) -> None:
    ingest(Newsdesk(settings, embedder=embedder))
    settings.manifest_path.write_bytes(b"")  # truncated to 0 bytes
    with pytest.raises(StoreError, match="the store is inconsistent: the manifest .* is empty"):
        Newsdesk(settings, embedder=embedder).query(SAMPLE_QUESTION)
    asked = cli(settings, "ask", SAMPLE_QUESTION)
    lines = [ln for ln in asked.stderr.splitlines() if ln.startswith("newsdesk: error:")]
    assert asked.returncode == 1 and len(lines) == 1, asked.stderr
    assert "Traceback" not in asked.stderr
    assert "inconsistent" in lines[0] and "holds" in lines[0] and "NEWSDESK_DATA_DIR" in lines[0]
    settings.manifest_path.unlink()
    with pytest.raises(StoreError, match="is missing but"):
        ingest(Newsdesk(settings, embedder=embedder))


@pytest.mark.slow
def test_stale_writer_corruption_reproduced_and_caught_by_status(
    tmp_path: Path, settings: Settings, embedder: Embedder
) -> None:
    """The full-size attack: 2500 articles, a long-lived process that read them, a CLI prune of
    all but six, then a write by the long-lived process. Through Newsdesk the store stays
    consistent; through a raw chromadb client that kept its stale index (what every process did
    before), the index breaks and ``newsdesk status`` says so and exits 1."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    fillers = filler(settings.corpus_dir, 2500)
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    assert len(desk.retrieve("harbour bulletin ferry", top_k=10)) == 10
    # The same store and corpus copied now, for the replay with a raw client further down.
    stale = Settings(data_dir=tmp_path / "stale-data", corpus_dir=tmp_path / "stale-corpus")
    copy_store(settings.data_dir, stale.data_dir)
    shutil.copytree(settings.corpus_dir, stale.corpus_dir)
    for path in fillers[5:]:
        path.unlink()
    pruned = cli(settings, "ingest")
    assert pruned.returncode == 0 and "removed 2495" in pruned.stdout, pruned.stderr
    filler(settings.corpus_dir, 1, start=9000)
    assert ingest(desk).added == 1  # the long-lived desk writes after the CLI did
    assert len({p.article_id for p in desk.retrieve("harbour bulletin ferry", top_k=10)}) == 7
    desk.close()
    info = store_check(settings)
    print(f"\nthrough Newsdesk: {info['chunks']} chunks, consistent {info['consistent']}")
    assert info["exit"] == 0 and info["consistent"] is True, info

    # The replay: a raw chromadb client keeps the index it loaded (what every process did
    # before) and writes after the CLI pruned.
    client = chromadb.PersistentClient(
        str(stale.chroma_path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_collection(stale.collection)
    collection.query(query_embeddings=[embedder.encode_one("harbour")], n_results=10)
    for path in sorted(stale.corpus_dir.glob("filler-*.txt"))[5:]:
        path.unlink()
    assert cli(stale, "ingest").returncode == 0
    kept = collection.get(ids=[f"{SAMPLE.name}::0"], include=["embeddings", "documents",
                                                              "metadatas"])
    collection.upsert(ids=kept["ids"], embeddings=kept["embeddings"],
                      documents=kept["documents"], metadatas=kept["metadatas"])
    broken = store_check(stale)
    print(f"stale raw client wrote last: exit {broken['exit']}, problems {broken['problems']}")
    assert broken["exit"] == 1 and broken["consistent"] is False, broken
    assert "the store is inconsistent" in str(broken["stderr"])
