"""The "Feeds" section of the Library tab: the feed list with status and last error, add,
remove, poll now, and fetch one page or feed once. Built inside the caller's Blocks context
(``build(desk)``, one line in ``ui.app.build_app``); everything goes through ``ingest.feeds`` and
``ingest.web``, so a URL typed here gets the same checks as on the command line."""

from __future__ import annotations

from collections import Counter
from typing import Any

import gradio as gr

from ingest.feeds import FeedStatus, add_feed, feed_statuses, poll, remove_feed
from ingest.web import ingest_urls
from rag.errors import NewsdeskError
from rag.newsdesk import Newsdesk
from ui import render

HEADERS = ["#", "Feed", "Status", "Articles", "Last poll", "Next poll", "Last error"]
# The table re-reads the feed state this often, so polls by `serve`'s scheduler show up.
REFRESH_S = 30


class FeedsPanel:
    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk

    def read(self) -> tuple[list[FeedStatus], str]:
        """The feeds' state, read once, and the error that kept it from being read ("")."""
        try:
            return feed_statuses(self.desk.settings), ""
        except NewsdeskError as exc:
            return [], str(exc)

    def rows(self) -> list[list[Any]]:
        """The table, read afresh (the page load and the refresh timer call this)."""
        return _table(*self.read())

    def refresh(self) -> tuple[Any, Any, Any]:
        """The table, the feed chooser, and the hint shown while there are no feeds: one read
        of the feed state for all three, so they agree while a scheduled poll writes it."""
        feeds, error = self.read()
        choices = [f.url for f in feeds]
        return (_table(feeds, error), gr.Dropdown(choices=choices, value=None),
                gr.Markdown(EMPTY_HINT, visible=not choices))

    def add(self, url: str) -> tuple[Any, ...]:
        """Check and add the feed, then poll it at once so its articles come in."""
        url = (url or "").strip()
        if not url:
            return ("Type the address of an RSS or Atom feed.", gr.skip(), *self.refresh())
        try:
            note = add_feed(self.desk.settings, url)
        except NewsdeskError as exc:
            return (f"⚠️ {render.md_escape(str(exc))}", gr.skip(), *self.refresh())
        text = f"Added {render.md_escape(url)} ({render.md_escape(note)}).\n\n"
        try:
            text += _report(poll(self.desk, only=[url], force=True))
        except NewsdeskError as exc:  # a scheduled poll is running: it takes the feed next
            text += f"Not polled yet: {render.md_escape(str(exc))}"
        return (text, "", *self.refresh())

    def fetch_once(self, url: str) -> tuple[Any, ...]:
        """Fetch a page or feed once into the corpus and ingest it (no subscription)."""
        url = (url or "").strip()
        if not url:
            return ("Type the address of an article page or a feed.", gr.skip(), *self.refresh())
        try:
            summary = ingest_urls(self.desk, [url])
        except NewsdeskError as exc:
            return (f"⚠️ {render.md_escape(str(exc))}", gr.skip(), *self.refresh())
        return (render.summary_markdown(summary), "", *self.refresh())

    def remove(self, url: str | None) -> tuple[Any, ...]:
        if not url:
            return ("Choose a feed to remove.", *self.refresh())
        try:
            gone = remove_feed(self.desk.settings, url)
        except NewsdeskError as exc:
            return (f"⚠️ {render.md_escape(str(exc))}", *self.refresh())
        return (
            f"Removed {render.md_escape(gone.url)}; its articles stay in the corpus.",
            *self.refresh(),
        )

    def poll_now(self) -> tuple[Any, ...]:
        try:
            report = poll(self.desk, force=True)
        except NewsdeskError as exc:
            return (f"⚠️ {render.md_escape(str(exc))}", *self.refresh())
        return (_report(report), *self.refresh())


# Said under the table while the feed list is empty, instead of bare column headers.
EMPTY_HINT = (
    "No feeds yet. Paste the address of an RSS or Atom feed below and press **Add feed**: its "
    "articles come in at once and then every poll. For a single article page, use **Fetch once**."
)
# How each poll outcome reads in the message.
_OUTCOMES = (("new", "with new articles"), ("unchanged", "with nothing new"),
             ("not modified", "unchanged since the last poll"), ("failed", "failed"),
             ("skipped", "not due yet"))


def _report(report: Any) -> str:
    """A poll, in words: how many feeds were checked and what came of it."""
    n = len(report.feeds)
    if not n:
        return "No feeds to poll. " + EMPTY_HINT
    counts = Counter(f.outcome for f in report.feeds)
    parts = ", ".join(f"{counts[key]} {words}" for key, words in _OUTCOMES if counts[key])
    lines = [
        f"**Poll:** checked {n} feed{'s' if n != 1 else ''} ({parts}). Articles: "
        f"{render.md_escape(report.summary.line())} ({report.seconds:.1f} s)."
    ]
    problems = [f.error for f in report.feeds if f.error] + [
        f"{w}: {r}" for w, r in report.summary.failed
    ]
    if problems:
        lines += ["", "**Problems:**", *(f"- {render.md_escape(p)}" for p in problems)]
    return "\n".join(lines)


def _table(feeds: list[FeedStatus], error: str) -> list[list[Any]]:
    if error:
        return [["", error, "error", 0, "", "", ""]]
    return [
        [i, f.name or f.title or f.url, f.status, f.articles, f.last_poll[:16] or "never",
         f.next_due[:16], f.last_error]
        for i, f in enumerate(feeds, 1)
    ]


def build(desk: Newsdesk) -> FeedsPanel:
    """The Feeds section, inside the current Blocks (the Library tab)."""
    panel = FeedsPanel(desk)
    feeds = [f.url for f in panel.read()[0]]
    ingest_slot: dict[str, Any] = {
        "concurrency_id": "ingest", "concurrency_limit": 1, "api_visibility": "private",
    }
    with gr.Accordion("Feeds", open=True, elem_id="nd-feeds"):
        table = gr.Dataframe(
            value=panel.rows,
            headers=HEADERS,
            datatype=["number", "str", "str", "number", "str", "str", "str"],
            interactive=False,
            elem_id="nd-feeds-table",
            label="Feeds (polled every "
            f"{desk.settings.feed_interval_min:g} min while the server runs)",
        )
        hint = gr.Markdown(EMPTY_HINT, visible=not feeds, elem_id="nd-feeds-empty")
        with gr.Row():
            url = gr.Textbox(
                label="Feed or page URL",
                placeholder="https://example.com/rss.xml",
                elem_id="nd-feed-url",
                scale=3,
            )
            add = gr.Button("Add feed", elem_id="nd-feed-add", scale=1)
            once = gr.Button("Fetch once", elem_id="nd-feed-once", scale=1)
        with gr.Row():
            which = gr.Dropdown(
                label="Feed", choices=feeds, value=None, elem_id="nd-feed-which",
                scale=3,
            )
            remove = gr.Button("Remove", elem_id="nd-feed-remove", scale=1)
            poll_now = gr.Button("Poll now", elem_id="nd-feed-poll", scale=1)
        message = gr.Markdown(elem_id="nd-feed-message")
        timer = gr.Timer(REFRESH_S)
    listing = [table, which, hint]
    add.click(panel.add, [url], [message, url, *listing], **ingest_slot)
    url.submit(panel.add, [url], [message, url, *listing], **ingest_slot)
    once.click(panel.fetch_once, [url], [message, url, *listing], **ingest_slot)
    remove.click(panel.remove, [which], [message, *listing], **ingest_slot)
    poll_now.click(panel.poll_now, None, [message, *listing], **ingest_slot)
    timer.tick(panel.rows, None, [table], queue=False, api_visibility="private")
    return panel
