"""Regenerate the README screenshots (docs/screenshot-desktop.png, docs/screenshot-phone.png).

Builds a throw-away store from corpus/ and the demo articles (data/demo/articles), serves the
app on a free port, asks an example question in Debian's chromium (Playwright, headless) at
desktop (1400x900) and phone (390x844) size, and saves what a user sees. Run after UI changes:

    .venv/bin/python scripts/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

QUESTION = "What did Ilse Brandt say about the harbour expansion?"
FOLLOW_UP = "What did Lars Holm say about the winter timetable?"
SIZES = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()

    from playwright.sync_api import expect, sync_playwright

    from ingest import ingest
    from rag.newsdesk import Newsdesk
    from rag.settings import Settings
    from ui.app import build_app, launch_options

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("screenshots: Debian's chromium is missing; run scripts/setup.sh --test")
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in [*sorted((REPO / "corpus").glob("*.txt")),
                     *sorted((REPO / "data" / "demo" / "articles").glob("*.md"))]:
            shutil.copy(path, corpus)
        settings = Settings(data_dir=Path(tmp) / "data", corpus_dir=corpus)
        desk = Newsdesk(settings)
        summary = ingest(desk)
        if summary.failed:
            sys.exit(f"screenshots: ingest failed: {summary.failed}")
        app = build_app(settings, desk)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port,
                   quiet=True, **launch_options(settings))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                for name, viewport in SIZES.items():
                    page = browser.new_page(viewport=viewport, locale="en-US")
                    page.goto(app.local_url)
                    expect(page.locator("#nd-examples button").first).to_be_visible(
                        timeout=120_000
                    )
                    for turn, question in enumerate((FOLLOW_UP, QUESTION), 1):
                        page.locator("#nd-question textarea").fill(question)
                        page.locator("#nd-ask").click()
                        expect(page.locator(f"#nd-turn-{turn}")).to_be_attached(timeout=120_000)
                    if name == "desktop":  # jump to the cited card, as a click on [1] does
                        page.locator("#nd-chat a.nd-cite").last.focus()
                        page.keyboard.press("Enter")
                        page.wait_for_timeout(2000)  # the flash has faded
                        page.evaluate("() => window.scrollTo(0, 0)")
                    else:  # the latest answer with the Sources right under it
                        page.evaluate(
                            "() => window.scrollTo(0, document.querySelector('#nd-chat')"
                            ".getBoundingClientRect().top + scrollY - 8)"
                        )
                    page.wait_for_timeout(300)
                    target = args.out / f"screenshot-{name}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target}")
                    page.close()
                browser.close()
        finally:
            app.close()
            desk.close()


if __name__ == "__main__":
    main()
