"""End to end in a real browser: `newsdesk serve` over a temp store, driven by headless Chromium.

Playwright's Python package drives Debian's ``chromium`` (``scripts/setup.sh --test`` installs
it); Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM_ARGS, WAIT_MS, ask, last_answer
from conftest import REPO, SAMPLE_QUESTION, free_port
from playwright.sync_api import expect, sync_playwright

from ingest import ingest
from rag.newsdesk import Newsdesk
from rag.settings import Settings

ARTICLE = (
    "---\ntitle: Zorblax lantern festival breaks attendance record\nsource: Baltic Wire\n"
    "published: 2025-03-01\n---\n"
    "The Zorblax lantern festival in Tallinn drew forty thousand visitors, organisers said on "
    "Sunday.\nCity officials said the festival will return next spring with a larger "
    "programme.\n"
)
@pytest.fixture()
def served(settings: Settings, desk: Newsdesk, tmp_path: Path) -> Iterator[str]:
    """`newsdesk serve` on a free port over an ingested temp store, as a user starts it."""
    assert ingest(desk).added == 1
    desk.close()
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    exe = Path(sys.executable).parent / "newsdesk"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [
            str(exe), "--data-dir", str(settings.data_dir), "--corpus-dir",
            str(settings.corpus_dir), "serve", "--port", str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"newsdesk serve exited {proc.returncode}:\n{_tail(tmp_path)}")
            if time.monotonic() > deadline:
                pytest.fail(f"newsdesk serve did not answer within 180 s:\n{_tail(tmp_path)}")
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _tail(tmp_path: Path) -> str:
    return (tmp_path / "serve.log").read_text(errors="replace")[-3000:]




def test_chat_in_a_real_browser(served: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run scripts/setup.sh --test"
    article = tmp_path / "zorblax-festival.md"
    article.write_text(ARTICLE, encoding="utf-8")
    shot = tmp_path / "ui.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(served)
            # Example questions are asked at start-up and shown only when answered.
            expect(page.locator("#nd-examples")).to_contain_text(
                "What did Rubio say about security guarantees?", timeout=WAIT_MS
            )

            # The sample question: a streamed answer citing [1], the quote marked in Sources.
            ask(page, SAMPLE_QUESTION)
            expect(last_answer(page)).to_contain_text("[1]", timeout=WAIT_MS)
            expect(last_answer(page)).to_contain_text("illegitimate desire")
            expect(page.locator("#nd-sources mark").first).to_contain_text(
                "illegitimate desire", timeout=WAIT_MS
            )

            # A follow-up is condensed with this session's history; the search shows in small print.
            ask(page, "And what did Macron say?")
            expect(last_answer(page).locator("small")).to_have_text(
                "searched: What did Macron say about guarantees?", timeout=WAIT_MS
            )

            # A question the articles cannot answer: a marked refusal, closest passages listed.
            ask(page, "What is the boiling point of liquid nitrogen?")
            expect(last_answer(page)).to_contain_text(
                "No answer in the articles", timeout=WAIT_MS
            )
            expect(page.locator("#nd-sources .nd-refused")).to_contain_text("closest passages")
            expect(page.locator("#nd-sources .nd-near").first).to_be_visible()

            # Upload a second article from the Library tab; the ingest summary comes back.
            page.get_by_role("tab", name="Library").click()
            expect(page.locator("#nd-library")).to_contain_text("U.S. outlines peace deal")
            page.locator("#nd-upload input[type=file]").set_input_files(str(article))
            expect(page.locator("#nd-summary")).to_contain_text("added 1", timeout=WAIT_MS)
            expect(page.locator("#nd-library")).to_contain_text("Zorblax lantern festival")

            # Ask about it: answered and cited from the uploaded article.
            page.get_by_role("tab", name="Chat").click()
            ask(page, "How many visitors did the Zorblax lantern festival draw?")
            expect(last_answer(page)).to_contain_text("forty thousand", timeout=WAIT_MS)
            expect(last_answer(page)).to_contain_text("[1]")
            sources = page.locator("#nd-sources")
            expect(sources).to_contain_text("Zorblax lantern festival breaks attendance record")
            expect(sources).to_contain_text("Baltic Wire · 2025-03-01")
            expect(sources.locator("mark").first).to_contain_text("forty thousand")
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    shutil.copy(shot, out / "ui.png")
