"""Issue 12, attack round two: the Medium and Low attacks not covered by their own test files
(front matter: test_front_matter.py; two writers: test_store_owner.py; uploads: test_uploads.py;
citation markers: test_citations.py). Each failed on 8690a94."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import REPO, SAMPLE, SAMPLE_QUESTION, free_port

from ingest import ingest
from ingest.loaders import load_file
from rag.errors import StoreError
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings


def _env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO))
    env.pop("NEWSDESK_CHROMA", None)
    return env


def cli(settings: Settings, *args: str | bytes, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(settings.data_dir),
         "--corpus-dir", str(settings.corpus_dir), *args],
        cwd=REPO, env=_env(), capture_output=True, text=True, timeout=300, **kw,  # type: ignore[call-overload]
    )


def error_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """The CLI's own error lines; nothing else may look like a failure (no traceback)."""
    assert "Traceback" not in proc.stderr and "╭" not in proc.stderr, proc.stderr[-3000:]
    mine = ("newsdesk: error:", "  failed:")
    return [ln for ln in proc.stderr.splitlines() if ln.startswith(mine)]


# -- Medium 3: JSON nested 100 000 deep -----------------------------------------------------
def test_json_nested_100k_deep_is_one_line_and_the_batch_goes_on(
    settings: Settings, embedder: Embedder
) -> None:
    corpus = settings.corpus_dir
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (corpus / "deep.jsonl").write_text(
        json.dumps({"title": "Dock strike ends", "body": "Dock workers ended their strike on "
                    "Tuesday.", "url": "https://x.test/dock"}) + "\n"
        + '{"body": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    )
    run = cli(settings, "ingest")
    lines = error_lines(run)
    assert run.returncode == 1, run.stderr[-2000:]
    assert "added 2" in run.stdout  # the sample article and the good JSONL record
    assert sorted(lines) == [
        "  failed: deep.json: JSON nested too deeply to read (more than about 1,000 levels); an "
        "article record is an object of text fields: fix or re-export the file",
        "  failed: deep.jsonl (line 2): JSON nested too deeply to read (more than about 1,000 "
        "levels); an article record is an object of text fields: fix or re-export the file",
    ]
    again = ingest(Newsdesk(settings, embedder=embedder))  # later runs go on too
    assert (again.unchanged, len(again.failed)) == (2, 2)


# -- Medium 5: one file taking another's identity -------------------------------------------
def taken(article_id: str, owner: str) -> str:
    return (f"its id {article_id} is already the id of an article in {owner}; give each "
            "article its own url, or remove one of the two")


def test_an_article_cannot_take_another_files_identity(
    settings: Settings, embedder: Embedder
) -> None:
    corpus = settings.corpus_dir
    story = "---\ntitle: Harbour crane arrives\nurl: https://x.test/crane\n---\n" \
        "The third harbour crane arrived in Tallinn on Tuesday.\n"
    (corpus / "crane.md").write_text(story, encoding="utf-8")
    desk = Newsdesk(settings, embedder=embedder)
    assert ingest(desk).added == 2
    # A JSON record claiming the sample file's id (its path) and the crane's URL, ingested on
    # its own (the old code let it replace both articles).
    (corpus / "z-takeover.json").write_text(json.dumps([
        {"title": "Fake", "body": "Nothing happened at the harbour.", "url": SAMPLE.name},
        {"title": "Fake crane", "body": "No crane arrived.", "url": "https://x.test/crane"},
    ]), encoding="utf-8")
    alone = ingest(desk, [corpus / "z-takeover.json"], prune=False)
    assert alone.failed == [
        ("z-takeover.json", taken(SAMPLE.name, SAMPLE.name)),
        ("z-takeover.json", taken("https://x.test/crane", "crane.md")),
    ]
    assert (alone.added, alone.updated) == (0, 0)
    crane = desk.manifest.article("https://x.test/crane")
    sample = desk.manifest.article(SAMPLE.name)
    assert crane is not None and crane.path == "crane.md" and "third" in crane.text
    assert sample is not None and sample.path == SAMPLE.name
    # A full re-ingest keeps the real files and reports the claim again, naming both files.
    full = ingest(desk)
    assert (full.added, full.updated, full.removed) == (0, 0, 0)
    assert [f for f, _ in full.failed] == ["z-takeover.json"] * 2
    assert "crane.md" in full.failed[1][1]
    assert "illegitimate desire" in desk.query(SAMPLE_QUESTION).citations[0].passage
    # A renamed file takes its id with it: the old file is gone, so it is not refused (the
    # first file in walk order to claim an id whose file is gone takes it).
    (corpus / "crane.md").rename(corpus / "crane-renamed.md")
    moved = ingest(desk)
    assert [f for f, _ in moved.failed] == ["z-takeover.json"] * 2 and moved.updated == 1
    assert desk.manifest.article("https://x.test/crane").path == "crane-renamed.md"  # type: ignore[union-attr]
    desk.close()
    # On a fresh store a file that sorts first still cannot take another file's name as its id.
    fresh = Newsdesk(Settings(data_dir=settings.data_dir.parent / "fresh", corpus_dir=corpus),
                     embedder=embedder)
    (corpus / "0-first.json").write_text(json.dumps(
        {"title": "Fake", "body": "Nothing happened.", "url": SAMPLE.name}), encoding="utf-8")
    first = ingest(fresh)
    assert ("0-first.json", taken(SAMPLE.name, SAMPLE.name)) in first.failed
    assert fresh.manifest.article(SAMPLE.name).path == SAMPLE.name  # type: ignore[union-attr]
    fresh.close()


# -- Low: RSS entities ----------------------------------------------------------------------
def test_rss_text_is_unescaped(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>AT&amp;amp;T and P&amp;amp;G</title><link>https://x.test/1</link>"
        "<description>AT&amp;amp;T and Procter &amp;amp; Gamble raised prices by 5 &amp;lt; 6 "
        "percent.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = load_file(feed, "wire.xml", 1 << 20).articles
    assert article.title == "AT&T and P&G"
    assert article.text == "AT&T and Procter & Gamble raised prices by 5 < 6 percent."


# -- Low: the disk full during an ingest ----------------------------------------------------
def test_disk_full_during_ingest_is_one_line_and_loses_nothing(
    settings: Settings, embedder: Embedder
) -> None:
    """Files may not grow past 150 kB (RLIMIT_FSIZE, as a full disk refuses writes): the
    manifest's first big write (the vectors of 150 short articles) fails with a StoreError,
    which the CLI prints as one line. The next run ingests everything; the store checks out."""
    from filler import filler

    filler(settings.corpus_dir, 150)
    desk = Newsdesk(settings, embedder=embedder)
    assert desk.manifest.counts() == (0, 0)  # created before the limit
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails (EFBIG)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, hard))
    try:
        with pytest.raises(StoreError) as err:
            ingest(desk)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    message = str(err.value)
    assert message.startswith(f"cannot write the manifest {settings.manifest_path} (")
    assert "run the ingest again" in message and "\n" not in message
    assert ingest(desk).added == 151
    status = desk.status()
    assert status["consistent"] is True and status["chunks"] == status["chroma_chunks"], status
    desk.close()


# -- Low: bytes that are not UTF-8, lone surrogates, --top-k below 1 ------------------------
def test_non_utf8_arguments_and_lone_surrogates_are_one_line(
    settings: Settings, embedder: Embedder
) -> None:
    bad_name = os.fsdecode(b"caf\xe9 report.txt")  # a Latin-1 file name
    (settings.corpus_dir / bad_name).write_text(
        "Cafe report\nThe harbour cafe reopened on Friday after repairs.\n", encoding="utf-8"
    )
    desk = Newsdesk(settings, embedder=embedder)
    run = ingest(desk)
    assert (run.added, run.failed) == (2, [])
    assert desk.manifest.article("caf\\xe9 report.txt") is not None
    asked = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(settings.data_dir), "ask",
         b"caf\xe9 \xff\xfe"], cwd=REPO, env=_env(), capture_output=True, text=True, timeout=300,
    )
    lines = error_lines(asked)
    assert asked.returncode == 1 and len(lines) == 1 and "not valid text" in lines[0], asked.stderr
    for question in ("\ud800 What did Rubio say?", "Rubio \udcff"):
        with pytest.raises(ValueError, match="not valid text"):
            desk.query(question)
    from gradio import Error as GradioError

    from ui.chat import ChatHandlers

    with pytest.raises(GradioError, match="not valid text"):
        ChatHandlers(desk).ask_api("\ud800 guarantees")
    desk.close()


def test_top_k_below_one_is_refused(settings: Settings, embedder: Embedder) -> None:
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    for k in (0, -1, -5, 51):
        with pytest.raises(ValueError, match=f"top_k must be between 1 and 50, got {k}"):
            desk.query(SAMPLE_QUESTION, top_k=k)
        with pytest.raises(ValueError, match="top_k must be between 1 and 50"):
            desk.retrieve(SAMPLE_QUESTION, top_k=k)
    assert len(desk.retrieve(SAMPLE_QUESTION, top_k=1)) == 1
    desk.close()
    for command in ("ask", "search"):
        run = cli(settings, command, SAMPLE_QUESTION, "--top-k", "-1")
        lines = error_lines(run)
        assert run.returncode == 2 and lines == [
            "newsdesk: error: --top-k must be between 1 and 50, got -1"
        ], run.stderr


# -- Low: password guessing -----------------------------------------------------------------
def test_login_guessing_is_slowed_then_locked_out(
    tmp_path: Path, settings: Settings, embedder: Embedder
) -> None:
    from ui.app import build_app, launch_options

    users = tmp_path / "users.txt"
    users.write_text("ana:s3cret\nbo:other\n", encoding="utf-8")
    settings = settings.model_copy(update={"ui_auth": str(users)})
    app = build_app(settings, Newsdesk(settings, embedder=embedder))
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=free_port(),
               quiet=True, **launch_options(settings))
    try:
        url = app.local_url.rstrip("/") + "/login"

        async def attempt(client: httpx.AsyncClient, user: str, password: str) -> int:
            r = await client.post(url, data={"username": user, "password": password})
            return r.status_code

        async def attack() -> tuple[list[int], float, int, int, int, int]:
            # The real users sign in from another address (the loopback net is 127/8).
            elsewhere = httpx.AsyncHTTPTransport(local_address="127.0.0.2")
            async with httpx.AsyncClient(timeout=60) as client, \
                    httpx.AsyncClient(timeout=60, transport=elsewhere) as real:
                started = time.monotonic()
                codes = await asyncio.gather(
                    *(attempt(client, "ana", f"guess{i}") for i in range(100))
                )
                took = time.monotonic() - started
                right = await attempt(client, "ana", "s3cret")  # locked: refused as well
                other = await attempt(client, "bo", "other")  # the guessing address is locked
                ana = await attempt(real, "ana", "s3cret")  # not locked out by the guesser
                bo = await attempt(real, "bo", "other")
                return list(codes), took, right, other, ana, bo

        codes, took, right, other, ana, bo = asyncio.run(attack())
        print(f"\n100 wrong passwords at once: all refused in {took:.1f} s; from the guessing "
              f"address the right password then: HTTP {right}, another user: HTTP {other}; "
              f"from another address: HTTP {ana} / {bo}")
        assert codes == [400] * 100
        assert took >= 1.0, "each refusal waits a second"
        assert right == 400, "the name is locked for the guesser after 5 wrong passwords"
        assert other == 400, "and so is the guessing address, whatever the name"
        assert ana == 200, "someone else's guesses do not lock the real user out"
        assert bo == 200
    finally:
        app.close()


def test_login_lockout_expires_and_doubles() -> None:
    from ui.auth import LoginGuard

    now = [1000.0]
    guard = LoginGuard([("ana", "pw")], fail_delay_s=0, clock=lambda: now[0])
    for _ in range(4):
        assert not guard.allow("ana", "x")
    assert guard.allow("ana", "pw")  # four misses, then the right one: in, count cleared
    for _ in range(5):
        assert not guard.allow("ana", "x")
    assert not guard.allow("ana", "pw")  # locked for 60 s
    now[0] += 61
    assert guard.allow("ana", "pw")
    for _ in range(5):
        assert not guard.allow("ana", "x")
    now[0] += 61  # the lockout is over, the guessing goes on: the next lockout lasts 120 s
    for _ in range(5):
        assert not guard.allow("ana", "x")
    now[0] += 61
    assert not guard.allow("ana", "pw")
    now[0] += 60
    assert guard.allow("ana", "pw")
    assert asyncio.run(LoginGuard([("a", "b")], fail_delay_s=0).check("a", "b"))


def test_login_lock_per_address_and_per_name(tmp_path: Path) -> None:
    """Issue 23, Medium 6: five wrong passwords from anyone locked the real user out, and
    10,000 made-up names flushed a lock from memory."""
    from ui.auth import LoginGuard

    now = [1000.0]
    guard = LoginGuard([("ana", "pw"), ("bo", "pw2")], fail_delay_s=0, clock=lambda: now[0],
                       max_tracked=50)
    for _ in range(5):
        assert not guard.allow("ana", "x", "10.0.0.66")
    assert not guard.allow("ana", "pw", "10.0.0.66")  # the guesser: locked, right or wrong
    assert not guard.allow("bo", "pw2", "10.0.0.66")  # its address is locked for every name
    assert guard.allow("ana", "pw", "10.0.0.1")  # the real user, elsewhere: in
    for _ in range(5):  # a second guesser locks the name again (and its own address)
        assert not guard.allow("ana", "y", "10.0.0.88")
    # A clean address guessing a locked name gets one try before its own lock.
    assert not guard.allow("ana", "z", "10.0.0.77")
    assert not guard.allow("ana", "pw", "10.0.0.77")
    # Many addresses guessing on made-up names (a flood) cannot push the locks out of memory.
    for i in range(500):
        assert not guard.allow(f"user{i}", "x", f"10.1.{i // 250}.{i % 250}")
    assert not guard.allow("ana", "pw", "10.0.0.66")
    assert not guard.allow("ana", "pw", "10.0.0.77")
    assert len(guard._clients) <= 50 and set(guard._names) <= {"ana", "bo"}
    now[0] += 3700  # every lockout over
    assert guard.allow("ana", "pw", "10.0.0.66")

