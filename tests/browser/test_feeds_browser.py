"""`newsdesk serve` polls its feed list in the background, and the Library tab's Feeds section
adds a feed, shows its status and last error: in headless Debian chromium, against a local news
web on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import CHROMIUM_ARGS, WAIT_MS, ask, last_answer
from conftest import REPO, free_port
from newsweb import FERRY, LIGHTHOUSE, NewsWeb, page, rss
from playwright.sync_api import expect, sync_playwright

from ingest.feeds import add_feed
from rag.settings import Settings


def test_serve_polls_feeds_and_the_library_manages_them(tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run scripts/setup.sh --test"
    (tmp_path / "corpus").mkdir()
    env = {
        **os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
        "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
        "NEWSDESK_CORPUS_DIR": str(tmp_path / "corpus"),
        "NEWSDESK_FETCH_ALLOW_PRIVATE": "true", "NEWSDESK_FETCH_HOST_INTERVAL_S": "0",
    }
    settings = Settings(
        data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", fetch_allow_private=True
    )
    with NewsWeb() as web:
        web.route("/ferry", page("Night ferry to stop", FERRY, site="Baltic Post"))
        web.route("/lighthouse", page("Lighthouse sold", LIGHTHOUSE, site="Coast News"))
        for name, site, story in (("baltic", "Baltic Post", "/ferry"),
                                  ("coast", "Coast News", "/lighthouse")):
            web.route(f"/{name}.xml", rss(site, [{"title": site, "link": web.url(story)}]),
                      content_type="application/rss+xml")
        add_feed(settings, web.url("/baltic.xml"))  # polled by serve's scheduler at start
        port = free_port()
        log = (tmp_path / "serve.log").open("wb")
        exe = Path(sys.executable).parent / "newsdesk"
        proc = subprocess.Popen(
            [str(exe), "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
            env=env,
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 180
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "serve.log").read_text(errors="replace")[-3000:])
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            shot = tmp_path / "feeds.png"
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium, headless=True, args=CHROMIUM_ARGS
                )
                try:
                    view = browser.new_page(viewport={"width": 1400, "height": 1100})
                    view.goto(url)
                    # The scheduler's poll brought the feed's article in: the chat answers it.
                    deadline = time.monotonic() + 120
                    indexed = tmp_path / "data" / "lexical" / "GENERATION"
                    while not (web.hits["/ferry"] and indexed.exists()):
                        assert time.monotonic() < deadline, "the feed was never polled"
                        time.sleep(0.5)
                    time.sleep(2)  # the ingest commits after the page fetch
                    ask(view, "When will the night ferry stop running?")
                    expect(last_answer(view)).to_contain_text("October", timeout=WAIT_MS)

                    view.get_by_role("tab", name="Library").click()
                    table = view.locator("#nd-feeds-table")
                    expect(table).to_contain_text("Baltic Post", timeout=WAIT_MS)
                    expect(table).to_contain_text("ok")
                    view.locator("#nd-feed-url textarea, #nd-feed-url input").first.fill(
                        web.url("/coast.xml")
                    )
                    view.locator("#nd-feed-add").click()
                    message = view.locator("#nd-feed-message")
                    expect(message).to_contain_text("Added", timeout=WAIT_MS)
                    expect(message).to_contain_text("added 1")
                    expect(table).to_contain_text("Coast News")
                    # A URL the checks refuse: one line saying why, nothing added.
                    view.locator("#nd-feed-url textarea, #nd-feed-url input").first.fill(
                        "file:///etc/passwd"
                    )
                    view.locator("#nd-feed-add").click()
                    expect(message).to_contain_text("only http", timeout=WAIT_MS)
                    view.screenshot(path=str(shot), full_page=True)
                finally:
                    browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                pytest.fail("newsdesk serve did not stop within 30 s of SIGTERM")
            log.close()
    assert shot.stat().st_size > 10_000
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    shutil.copy(shot, out / "feeds.png")
