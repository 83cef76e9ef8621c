"""The chat as a newsroom tool (issue 16), in a real browser at desktop and phone sizes.

One app (in-process, on a free port) over the sample article plus the demo articles, shared by
the module; each test opens its own pages. Screenshots land in test-output/.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import (
    DESKTOP,
    PHONE,
    VIEWPORTS,
    WAIT_MS,
    copy_demo_corpus,
    launch,
    serious_a11y_violations,
    shot,
)
from playwright.sync_api import Browser, Page, expect, sync_playwright
from served import running

from ingest import ingest
from rag.newsdesk import MAX_QUESTION_CHARS, Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from ui.app import build_app
from ui.examples import ExampleCache
from ui.warmup import Warmup

BRANDT = "What did Ilse Brandt say about the harbour expansion?"
HOLM = "What did Lars Holm say about the winter timetable?"
ORGANISERS = "What did organisers say about the Zorblax lantern festival?"
VIK = "What did Nora Vik say about the longer opening hours?"


@dataclass
class Newsroom:
    url: str
    desk: Newsdesk
    settings: Settings


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsroom]:
    root = tmp_path_factory.mktemp("newsroom")
    copy_demo_corpus(root / "corpus")
    settings = Settings(data_dir=root / "data", corpus_dir=root / "corpus")
    desk = Newsdesk(settings, embedder=embedder)
    summary = ingest(desk)
    assert (summary.added, summary.failed) == (6, [])
    with running(settings, desk) as url:
        yield Newsroom(url, desk, settings)
    desk.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


def open_page(browser: Browser, url: str, viewport: dict[str, int]) -> Page:
    page = browser.new_page(
        viewport=viewport, locale="en-US", permissions=["clipboard-read", "clipboard-write"]
    )
    page.goto(url)
    expect(page.locator("#nd-examples button").first).to_be_visible(timeout=WAIT_MS)
    return page


def ask(page: Page, question: str) -> None:
    page.locator("#nd-question textarea").fill(question)
    page.locator("#nd-ask").click()


def answered(page: Page, turn: int) -> None:
    """Wait for answer ``turn`` of the page's conversation to be complete (its Sources)."""
    expect(page.locator(f"#nd-sources #nd-turn-{turn}")).to_be_attached(timeout=WAIT_MS)


def last_answer(page: Page):  # a Playwright Locator
    return page.locator("#nd-chat [data-testid='bot']").last


def current_sources(page: Page):
    return page.locator("#nd-sources .nd-current")


def open_filters(page: Page) -> None:
    page.locator("#nd-filters").get_by_role("button", name=re.compile("^Filters")).click()
    expect(page.locator("#nd-filter-dates input[name=since]")).to_be_visible()


def pick_source(page: Page, name: str) -> None:
    page.locator("#nd-filter-sources input").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not laid out"
    return found


# -- 1. filters that empty the search say so -------------------------------------------------
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_filters_show_as_chips_and_an_empty_search_says_why(
    newsroom: Newsroom, browser: Browser, size: str
) -> None:
    page = open_page(browser, newsroom.url, VIEWPORTS[size])
    chips = page.locator("#nd-chips")
    expect(chips).to_have_text("No filters: every article is searched.")
    # The chips sit right under the question box, above the fold.
    ask_row, chip_box = box(page, "#nd-ask-row"), box(page, "#nd-chips")
    assert 0 <= chip_box["y"] - (ask_row["y"] + ask_row["height"]) < 80
    assert chip_box["y"] + chip_box["height"] < VIEWPORTS[size]["height"]

    open_filters(page)
    pick_source(page, "Baltic Wire")
    since = page.locator("#nd-filter-dates input[name=since]")
    since.focus()
    page.keyboard.type("11212025")  # a date picker used from the keyboard (en-US: mm/dd/yyyy)
    expect(since).to_have_value("2025-11-21")
    expect(chips).to_contain_text("Source: Baltic Wire")
    expect(chips).to_contain_text("From 2025-11-21")
    expect(page.locator("#nd-filters")).to_contain_text("Filters · 2 active")

    ask(page, ORGANISERS)
    expect(last_answer(page)).to_contain_text(
        "No article matches the filters (source: Baltic Wire; from 2025-11-21)", timeout=WAIT_MS
    )
    answered(page, 1)
    expect(current_sources(page).locator(".nd-card")).to_have_count(0)
    shot(page, f"filters-no-match-{size}")
    current_sources(page).get_by_role("button", name="Clear filters and ask again").click()
    expect(chips).to_have_text("No filters: every article is searched.")
    answered(page, 2)
    expect(last_answer(page)).to_contain_text("forty thousand visitors")
    expect(current_sources(page)).to_contain_text("Zorblax lantern festival breaks attendance")
    page.close()


def test_undated_articles_are_named_and_can_be_included(
    newsroom: Newsroom, browser: Browser
) -> None:
    page = open_page(browser, newsroom.url, DESKTOP)
    open_filters(page)
    page.locator("#nd-filter-dates input[name=since]").fill("2025-01-01")
    chips = page.locator("#nd-chips")
    # The sample article and the ferry timetable carry no date.
    expect(chips).to_contain_text("2 undated articles left out")
    ask(page, HOLM)
    answered(page, 1)
    expect(last_answer(page)).to_contain_text("2 articles without a date were left out")
    expect(current_sources(page)).not_to_contain_text("Ferry timetable")
    # Refused within the filters, and said so (issue 24): the answer may be outside them.
    expect(last_answer(page)).to_contain_text("that pass your filters")
    expect(last_answer(page)).to_contain_text("outside them might")
    expect(last_answer(page)).not_to_contain_text("The articles don't say")
    expect(current_sources(page).get_by_role("button", name="Clear filters and ask again")) \
        .to_be_visible()

    current_sources(page).get_by_role(
        "button", name="Include undated articles and ask again").click()
    expect(chips).to_contain_text("Undated included")
    expect(page.locator("#nd-filter-dates input[name=undated]")).to_be_checked()
    answered(page, 2)
    expect(last_answer(page)).to_contain_text("ice forms in the strait")
    expect(current_sources(page)).to_contain_text("Ferry timetable changes for the winter season")

    # Articles with no source can be picked too.
    chips.get_by_role("button", name="Clear filters").click()
    pick_source(page, "(no source)")
    expect(chips).to_contain_text("Source: (no source)")
    ask(page, VIK)
    answered(page, 3)
    expect(current_sources(page)).to_contain_text("Town library extends its evening opening")
    expect(current_sources(page)).to_contain_text("Searched only within: source: (no source)")
    shot(page, "filters-undated-desktop")
    page.close()


# -- 2. errors clear the stale sources and name the field -------------------------------------
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_bad_filter_names_the_field_and_leaves_no_stale_sources(
    newsroom: Newsroom, browser: Browser, size: str
) -> None:
    page = open_page(browser, newsroom.url, VIEWPORTS[size])
    ask(page, BRANDT)
    answered(page, 1)
    expect(current_sources(page).locator(".nd-card")).to_have_count(1)
    open_filters(page)
    page.locator("#nd-filter-dates input[name=since]").fill("2025-12-01")
    page.locator("#nd-filter-dates input[name=until]").fill("2025-01-01")
    hint = "From is after To: swap the two dates."
    expect(page.locator("#nd-filter-dates")).to_contain_text(hint)
    expect(page.locator("#nd-filter-dates input[name=since]")).to_have_attribute(
        "aria-invalid", "true"
    )
    ask(page, BRANDT)
    expect(last_answer(page)).to_contain_text(
        "From date 2025-12-01 is after To date 2025-01-01", timeout=WAIT_MS
    )
    answered(page, 2)
    expect(current_sources(page)).to_contain_text("Not answered: From date 2025-12-01")
    expect(current_sources(page).locator(".nd-card")).to_have_count(0)
    # The earlier answer's cards are folded under "Earlier answers", not shown as current.
    expect(page.locator("#nd-turn-1")).not_to_have_attribute("open", "")
    expect(page.locator("#nd-turn-1 .nd-card")).not_to_be_visible()
    shot(page, f"error-{size}")
    page.close()


# -- 3. clickable citations, the article's link, the whole article ----------------------------
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_citation_markers_jump_to_their_card_and_open_the_article(
    newsroom: Newsroom, browser: Browser, size: str
) -> None:
    page = open_page(browser, newsroom.url, VIEWPORTS[size])
    ask(page, BRANDT)
    answered(page, 1)
    marker = last_answer(page).get_by_role("link", name="source [1]")
    expect(marker).to_have_text("source [1]")
    # The copy button copies the answer as read, markers included, no markup.
    last_answer(page).hover()
    page.locator("#nd-chat").get_by_role("button", name="Copy message").last.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == newsroom.desk.query(BRANDT).text, copied
    # A real mouse click on the marker where it is drawn. (Playwright's own hit check trips
    # over the link's visually hidden "source " text, which the mouse never reaches.)
    at = marker.bounding_box()
    assert at is not None
    page.mouse.click(at["x"] + at["width"] / 2, at["y"] + at["height"] / 2)
    card = page.locator("#nd-src-1-1")
    expect(card).to_be_focused()
    expect(card).to_have_class(re.compile(r"\bnd-flash\b"))
    expect(card).to_be_in_viewport()
    original = card.get_by_role("link", name=re.compile("Original at velmar-gazette.example"))
    expect(original).to_have_attribute(
        "href", "https://velmar-gazette.example/2025/11/20/harbour-expansion"
    )
    expect(original).to_have_attribute("target", "_blank")

    read = card.get_by_role("button", name="Read the whole article")
    read.click()
    reader = page.get_by_role("dialog", name=re.compile("Velmar council approves harbour"))
    expect(reader).to_be_visible()
    expect(reader.locator("mark")).to_contain_text("about 300 permanent jobs")
    expect(reader.locator("mark")).to_be_in_viewport()
    # The whole article, not the passage: its first and last sentences are there.
    expect(reader).to_contain_text("approved a 48-million-euro expansion")
    expect(reader).to_contain_text("publish the full contract with the builder")
    shot(page, f"reader-{size}")
    page.keyboard.press("Escape")
    expect(reader).to_be_hidden()
    expect(read).to_be_focused()

    # A second answer: the first answer's markers still reach their (now folded) cards.
    ask(page, HOLM)
    answered(page, 2)
    first = page.locator("#nd-chat [data-testid='bot']").first
    first.get_by_role("link", name="source [1]").focus()
    page.keyboard.press("Enter")  # the keyboard reaches the same place
    expect(page.locator("#nd-turn-1")).to_have_attribute("open", "")
    expect(card).to_be_focused()
    shot(page, f"citations-{size}")
    page.close()


# -- 4. long questions: a counter, a cut at a word, a short "searched:" line ------------------
def test_long_question_shows_the_limit_and_is_cut_at_a_word(
    newsroom: Newsroom, browser: Browser
) -> None:
    page = open_page(browser, newsroom.url, PHONE)
    words = BRANDT + " " + " ".join(f"harbourside{i}" for i in range(200))
    assert len(words) > MAX_QUESTION_CHARS + 200
    box_ = page.locator("#nd-question textarea")
    # Keyboard focus is visible on the question box (issue 24: it had no focus ring).
    box_.focus()
    ring = box_.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert ring[0] != "none" and float(ring[1].rstrip("px")) >= 2, ring
    box_.fill("What")
    counter = page.locator("#nd-count")
    expect(counter).to_have_text("4 / 2,000 characters")
    box_.fill(words)
    expect(counter).to_contain_text(f"{len(words):,} / 2,000 characters: over the limit")
    expect(counter).to_have_class(re.compile(r"\bnd-over\b"))
    expect(box_).to_have_value(words)  # the box takes it all: nothing is cut silently
    page.locator("#nd-ask").click()
    user = page.locator("#nd-chat [data-testid='user']").last
    expect(user).to_contain_text(f"(you typed {len(words):,}")
    answered(page, 1)
    shown, note = user.inner_text().split("Cut at a word to ")
    shown = shown.strip()
    cut = int(note.split(" characters")[0].replace(",", ""))
    assert cut <= MAX_QUESTION_CHARS and words.startswith(shown) and len(shown) == cut
    assert words[len(shown)] == " ", "cut between words"
    assert "searched:" not in last_answer(page).inner_text()
    shot(page, "long-question-phone")
    page.close()


# -- 5. example questions are real, checked questions -----------------------------------------
def test_example_questions_are_full_and_answered_with_a_citation(
    newsroom: Newsroom, browser: Browser
) -> None:
    page = open_page(browser, newsroom.url, PHONE)
    buttons = page.locator("#nd-examples button")
    labels = buttons.all_inner_texts()
    assert len(labels) >= 3
    titles = {a.title for a in newsroom.desk.articles()}
    for i, label in enumerate(labels):
        assert re.fullmatch(r"What did [\w ]+ say about [\w' -]+\?", label), label
        assert "…" not in label and "..." not in label
        assert buttons.nth(i).get_attribute("data-question") == label
        fits = buttons.nth(i).evaluate("b => b.scrollWidth <= b.clientWidth")
        assert fits, f"example {label!r} overflows its button"
    for turn, i in enumerate((0, 1), 1):
        buttons.nth(i).click()
        answered(page, turn)
        text = last_answer(page).inner_text()
        assert "[1]" in text and not any(t in text for t in titles), text
        who = labels[i].split("What did ")[1].split(" say about")[0]
        expect(current_sources(page).locator("mark").first).to_contain_text(who.split()[-1])
    page.close()


# -- 6. the Library --------------------------------------------------------------------------
def fact(view, name: str):  # Playwright Locators
    return view.locator("dt", has_text=name).locator("xpath=following-sibling::dd[1]")


NOTICE = (
    "---\ntitle: Obsolete notice about the old bus depot\nsource: Velmar Gazette\n"
    "published: 2025-06-01\n---\nThe old bus depot on Quay Street will close in June.\n"
)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_library_lists_searches_opens_reingests_and_deletes_an_article(
    newsroom: Newsroom, browser: Browser, size: str
) -> None:
    corpus = newsroom.settings.corpus_dir
    notice = corpus / f"obsolete-notice-{size}.md"
    notice.write_text(NOTICE, encoding="utf-8")
    assert ingest(newsroom.desk, [notice]).added == 1
    page = open_page(browser, newsroom.url, VIEWPORTS[size])
    page.get_by_role("tab", name="Library").click()
    status = page.locator("#nd-status")
    expect(status).to_have_text(
        f"7 articles, 9 passages · corpus folder {corpus.resolve()}", timeout=WAIT_MS
    )
    search = page.get_by_role("textbox", name="Search the library")
    search.fill("zzzz")
    expect(page.locator("#nd-library")).to_contain_text("No article matches “zzzz”.")
    search.fill("baltic")
    expect(page.locator("#nd-library")).to_contain_text("1 article match.")
    search.fill("")
    listing = page.locator("#nd-library")
    ferry = listing.locator("tr", has_text="Ferry timetable")
    expect(ferry).to_contain_text("Velmar Gazette")
    expect(ferry).to_contain_text("undated")
    # Every column is readable without sideways scrolling (on a phone: one card per article).
    assert listing.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    for cell in ferry.locator("td").all():
        right = cell.bounding_box()
        assert right is not None and right["x"] + right["width"] <= VIEWPORTS[size]["width"]

    listing.get_by_role("button", name="Ferry timetable changes for the winter season").click()
    heading = page.locator("#nd-article-title")
    expect(heading).to_have_text("Ferry timetable changes for the winter season")
    expect(heading).to_be_focused()
    view = page.locator("#nd-article-view")
    expect(fact(view, "Published")).to_have_text("no date")
    expect(fact(view, "File")).to_have_text("velmar-ferry-timetable.md")
    expect(fact(view, "Source")).to_have_text("Velmar Gazette")
    expect(view).to_contain_text("ice forms in the strait most mornings")
    view.get_by_text("The 1 passage it was cut into").click()
    expect(view.locator(".nd-chunks li")).to_have_count(1)
    shot(page, f"library-article-{size}")

    # Re-ingest one article after editing its file; then delete it (confirming).
    search.fill("obsolete")
    listing.get_by_role("button", name="Obsolete notice about the old bus depot").click()
    expect(heading).to_have_text("Obsolete notice about the old bus depot")
    notice.write_text(NOTICE.replace("in June", "in July"), encoding="utf-8")
    page.get_by_role("button", name="Re-ingest this article").click()
    note = page.locator("#nd-article-note")
    expect(note).to_contain_text(
        f"Re-ingested obsolete-notice-{size}.md: added 0, updated 1", timeout=WAIT_MS
    )
    expect(view).to_contain_text("will close in July")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Delete this article").click()
    expect(note).to_have_text("Delete cancelled.", timeout=WAIT_MS)
    assert notice.exists()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete this article").click()
    expect(note).to_contain_text(
        f"Deleted “Obsolete notice about the old bus depot” from the store; "
        f"obsolete-notice-{size}.md was deleted from the corpus folder", timeout=WAIT_MS
    )
    expect(view).to_be_hidden()
    assert not notice.exists()
    assert newsroom.desk.manifest.article(notice.name) is None
    expect(status).to_contain_text("6 articles, 8 passages")
    search.fill("")
    expect(listing).not_to_contain_text("Obsolete notice")
    page.close()


# -- 7. phones: the sources right under the question ------------------------------------------
def test_phone_puts_sources_right_under_the_question(
    newsroom: Newsroom, browser: Browser
) -> None:
    page = open_page(browser, newsroom.url, PHONE)
    ask(page, ORGANISERS)
    answered(page, 1)
    ask_row, sources = box(page, "#nd-ask-row"), box(page, "#nd-sources")
    filters, examples = box(page, "#nd-filters"), box(page, "#nd-examples")
    gap = sources["y"] - (ask_row["y"] + ask_row["height"])
    assert 0 <= gap < 160, f"Sources start {gap:.0f} px under the question box"
    assert sources["y"] < filters["y"] and sources["y"] < examples["y"]
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    shot(page, "chat-phone")
    page.close()


# -- 8. screen readers -----------------------------------------------------------------------
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_labels_headings_announcements_and_axe(
    newsroom: Newsroom, browser: Browser, size: str
) -> None:
    page = open_page(browser, newsroom.url, VIEWPORTS[size])
    # Record what Gradio's hidden status region and our live region announce.
    page.evaluate(
        """() => {
            window.ndSaid = [];
            const seen = new WeakSet();
            const regions = () => document.querySelectorAll('[role=status],[aria-live]');
            const hook = () => regions().forEach(el => {
                if (seen.has(el)) return;
                seen.add(el);
                new MutationObserver(() => window.ndSaid.push(el.textContent.trim()))
                    .observe(el, { childList: true, subtree: true, characterData: true });
            });
            hook();
            new MutationObserver(hook).observe(document.body, { childList: true, subtree: true });
        }"""
    )
    question = page.get_by_role("textbox", name="Your question about the articles", exact=True)
    expect(question).to_be_visible()
    expect(page.get_by_role("button", name="Ask", exact=True)).to_be_visible()
    ask(page, BRANDT)
    answered(page, 1)
    sources = page.locator("#nd-sources")
    expect(sources.get_by_role("heading", level=2, name="Sources")).to_be_visible()
    expect(sources.get_by_role("heading", level=3)).to_have_text(
        "[1] Velmar council approves harbour expansion after night-long debate"
    )
    expect(page.locator("#nd-live")).to_have_text("Answer ready; 1 source in Sources.")
    open_filters(page)
    expect(page.get_by_role("combobox", name="Sources")).to_be_visible()
    dates = page.get_by_role("group", name="Published")
    expect(dates.get_by_role("textbox", name="From")).to_have_attribute("type", "date")
    expect(dates.get_by_role("textbox", name="To")).to_have_attribute("type", "date")
    expect(dates.get_by_role("checkbox", name="Include articles without a date")).to_be_visible()
    assert serious_a11y_violations(page) == []

    sources.get_by_role("button", name="Read the whole article").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert serious_a11y_violations(page) == []
    page.keyboard.press("Escape")

    page.get_by_role("tab", name="Library").click()
    page.locator("#nd-library").get_by_role("button", name=re.compile("^Grain prices")).click()
    expect(page.locator("#nd-article-title")).to_be_focused()
    expect(page.get_by_role("button", name="Add articles (.txt", exact=False)).to_be_visible()
    assert serious_a11y_violations(page) == []
    # An ingest ends in Gradio's status announcement: in words, not a translation key.
    page.get_by_role("button", name="Re-ingest corpus").click()
    expect(page.locator("#nd-summary")).to_contain_text("unchanged", timeout=WAIT_MS)
    page.wait_for_function(
        "() => window.ndSaid.some(t => t === 'Done')", timeout=15_000
    )
    said = page.evaluate("() => window.ndSaid")
    assert not [t for t in said if re.fullmatch(r"[a-z_]+\.[a-z_.]+", t)], said
    shot(page, f"library-{size}")
    page.close()


# -- 9. warm at start-up; a loading state if asked before ------------------------------------
class SlowToWarm(Newsdesk):
    """A real desk whose start-up warm-up waits until the test lets it finish."""

    release = threading.Event()

    def warm(self) -> None:
        self.release.wait(60)
        super().warm()


def test_a_question_asked_while_warming_shows_a_loading_state(
    newsroom: Newsroom, browser: Browser
) -> None:
    desk = SlowToWarm(newsroom.settings, embedder=newsroom.desk.embedder)
    with running(newsroom.settings, desk) as url:
        page = browser.new_page(viewport=PHONE, locale="en-US")
        page.goto(url)
        expect(page.locator("#nd-examples")).to_contain_text("Preparing example questions…")
        ask(page, BRANDT)
        expect(last_answer(page)).to_contain_text(
            "Loading the model and the article index", timeout=WAIT_MS
        )
        loading = page.locator("#nd-sources .nd-loading")
        expect(loading).to_have_attribute("aria-busy", "true")
        shot(page, "loading-phone")
        desk.release.set()
        answered(page, 1)
        expect(last_answer(page)).to_contain_text("[1]")
        expect(page.locator("#nd-examples button").first).to_be_visible(timeout=WAIT_MS)
        page.close()
    desk.close()


def test_start_up_warms_the_store_and_checks_examples_before_any_question(
    tmp_path: Path, embedder: Embedder
) -> None:
    copy_demo_corpus(tmp_path / "corpus")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    desk.close()
    desk = Newsdesk(settings, embedder=embedder)  # as `newsdesk serve` opens it: nothing loaded
    assert desk._retriever is None
    encoded = embedder.texts_encoded
    examples = ExampleCache(desk)
    warmup = Warmup(desk, examples).start()
    assert warmup.ready.wait(120) and warmup.examples_ready.wait(120)
    retriever = desk._retriever
    assert retriever is not None and retriever._collection is not None
    assert retriever._lexical is not None
    assert embedder.texts_encoded > encoded, "the model ran before any user asked"
    assert len(examples.get()) == 4, "checked at start-up, served from the cache"
    desk.close()
    # build_app starts the same warm-up by itself.
    desk = Newsdesk(settings, embedder=embedder)
    build_app(settings, desk)
    waited = threading.Event()
    for _ in range(1200):
        if desk._retriever is not None and desk._retriever._lexical is not None:
            break
        waited.wait(0.1)
    assert desk._retriever is not None and desk._retriever._lexical is not None
    desk.close()


# -- issue 24, second pass: a phone's chat label, one typeface for bold, library rows ----------
def test_phone_label_never_covers_messages_and_bold_stays_in_the_loaded_weights(
    newsroom: Newsroom, browser: Browser
) -> None:
    page = open_page(browser, newsroom.url, PHONE)
    for turn, question in enumerate((BRANDT, HOLM, VIK, "What is the boiling point of liquid "
                                     "nitrogen?"), 1):
        ask(page, question)
        answered(page, turn)
    page.locator("#nd-chat [data-testid='bot']").last.scroll_into_view_if_needed()
    # Gradio floats the label over the messages (position: absolute), which scroll under it.
    label = page.locator("#nd-chat label[data-testid='block-label']")
    assert label.evaluate("el => getComputedStyle(el).position") == "static"
    # The refusal's "No answer in the articles." is bold: in a weight the font has.
    weights = page.evaluate(
        "() => [...document.querySelectorAll('#nd-chat strong, .nd-header h1, #nd-sources h2')]"
        ".map(el => Number(getComputedStyle(el).fontWeight))"
    )
    assert weights and max(weights) <= 600, weights
    page.get_by_role("tab", name="Library").click()
    row = page.locator("#nd-library table.nd-library tbody tr").first
    expect(row).to_be_visible(timeout=WAIT_MS)
    assert float(row.evaluate("el => getComputedStyle(el).paddingLeft").rstrip("px")) >= 8
    page.close()


def test_the_first_screen_shows_the_question_box_and_the_examples(
    newsroom: Newsroom, browser: Browser
) -> None:
    """Issue 24: at 1400x900 the examples were cut off at the bottom, and on a phone they sat
    ~1,000 px down under an empty 420 px chat box."""
    desk = open_page(browser, newsroom.url, DESKTOP)
    last = desk.locator("#nd-examples button").last.bounding_box()
    assert last is not None and last["y"] + last["height"] <= DESKTOP["height"], last
    ask(desk, BRANDT)
    answered(desk, 1)
    grown = box(desk, "#nd-chat")
    assert grown["height"] >= 400, "once there is a conversation the chat has its full height"
    desk.close()
    phone = open_page(browser, newsroom.url, PHONE)
    first = phone.locator("#nd-examples button").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= PHONE["height"], first
    asked = box(phone, "#nd-ask-row")
    assert asked["y"] + asked["height"] <= PHONE["height"] / 2, asked
    phone.close()


def test_a_question_sent_while_the_last_is_answered_stays_in_the_box(
    newsroom: Newsroom, browser: Browser
) -> None:
    """Issue 24: a second question sent ~0.1 s after the first vanished, with no bubble."""
    page = open_page(browser, newsroom.url, DESKTOP)
    question = page.locator("#nd-question textarea")
    question.fill(BRANDT)
    question.press("Enter")
    page.wait_for_timeout(100)
    question.fill(HOLM)
    question.press("Enter")
    answered(page, 1)
    expect(question).to_have_value(HOLM)  # kept, not lost
    expect(page.locator("#nd-held")).to_contain_text("press Ask")
    users = page.locator("#nd-chat [data-testid='user']")
    expect(users).to_have_count(1)
    page.locator("#nd-ask").click()  # the answer is in: it goes now
    answered(page, 2)
    expect(users).to_have_count(2)
    expect(users.last).to_contain_text("Lars Holm")
    expect(question).to_have_value("")
    page.close()
