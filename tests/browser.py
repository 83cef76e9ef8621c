"""Helpers for the browser tests: the app in-process on a free port, Debian's chromium driven by
Playwright (never Playwright's own browser downloads), screenshots, and axe-core."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO
from playwright.sync_api import Browser, Page, Playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
WAIT_MS = 60_000
OUT = REPO / "test-output"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DEMO = REPO / "data" / "demo" / "articles"


def launch(pw: Playwright) -> Browser:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run scripts/setup.sh --test"
    return pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)


def shot(page: Page, name: str) -> Path:
    """A full-page screenshot under test-output/ (git-ignored), kept for a human to look at."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    return path


def serious_a11y_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    assert AXE.is_file(), f"{AXE} is missing: run scripts/setup.sh --test (npm ci)"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
                     v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
        }"""
    )
    return list(found)


def copy_demo_corpus(corpus: Path) -> None:
    """The sample article plus the demo articles (sources, dates, undated, no source)."""
    corpus.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "corpus" / "us-peace-deal-proposal.txt", corpus)
    for path in DEMO.glob("*.md"):
        shutil.copy(path, corpus)


def ask(page: Page, question: str) -> None:
    box = page.locator("#nd-question textarea")
    box.fill(question)
    box.press("Enter")


def last_answer(page: Page):  # a Playwright Locator
    return page.locator("#nd-chat [data-testid='bot']").last
