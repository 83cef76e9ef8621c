"""The Library tab: what is in the store, one article's view (text, metadata, passages) with
delete and re-ingest, uploads and the corpus re-ingest.

``build_library_tab`` is where further Library panels are added (one builder call each, at the
marked place), e.g. the feeds panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from rag.settings import Settings
from ui import feeds_panel
from ui.assets import asset
from ui.library import LibraryHandlers
from ui.uploads import UPLOAD_TYPES

PRIVATE: dict[str, Any] = {"api_visibility": "private"}
# Writes to the store share one slot: they queue in Gradio instead of waiting on the lock.
INGEST_SLOT: dict[str, Any] = {"concurrency_id": "ingest", "concurrency_limit": 1}
CONFIRM_DELETE = (
    "(id, search) => [window.confirm('Delete this article? Its passages leave the store, and "
    "its file is deleted from the corpus folder unless other articles come from it.') ? id : '',"
    " search]"
)


@dataclass
class LibraryTab:
    status: gr.Markdown
    search: gr.Textbox
    listing: gr.HTML
    summary: gr.Markdown
    # Events that changed the store; the app chains the chat's refresh after each.
    store_events: list[Any]


def build_library_tab(handlers: LibraryHandlers, settings: Settings) -> LibraryTab:
    with gr.Tab("Library", id="library"):
        status = gr.Markdown(elem_id="nd-status")
        search = gr.Textbox(
            label="Search the library",
            placeholder="title, source, date or file name",
            elem_id="nd-search",
        )
        listing = gr.HTML(js_on_load=asset("library.js"), elem_id="nd-library")
        note = gr.Markdown(elem_id="nd-article-note")
        with gr.Column(visible=False, elem_id="nd-article") as view_col:
            with gr.Row(elem_id="nd-article-actions"):
                reingest_one = gr.Button(
                    "Re-ingest this article", size="sm", elem_id="nd-reingest-one"
                )
                delete = gr.Button(
                    "Delete this article", variant="stop", size="sm", elem_id="nd-delete"
                )
                close = gr.Button("Close article", size="sm", elem_id="nd-close-article")
            view = gr.HTML(elem_id="nd-article-view")
        open_id = gr.Textbox(visible=False, elem_id="nd-open-id")  # the article shown
        with gr.Row(elem_id="nd-add-row"):
            upload = gr.File(
                label=(
                    f"Add articles ({' '.join(UPLOAD_TYPES)}; up to "
                    f"{settings.max_file_mb:g} MB each)"
                ),
                file_count="multiple",
                file_types=list(UPLOAD_TYPES),
                type="filepath",
                elem_id="nd-upload",
            )
            reingest = gr.Button("Re-ingest corpus", elem_id="nd-reingest")
        summary = gr.Markdown(elem_id="nd-summary")
        # Further Library panels go here, one builder call each.
        feeds_panel.build(handlers.desk)

    listed = [listing, status]
    quiet: dict[str, Any] = {"queue": False, "show_progress": "hidden", **PRIVATE}
    search.change(handlers.listing, [search], [listing], **quiet)
    listing.click(handlers.open_article, None, [view_col, view, open_id], **quiet)
    close.click(handlers.close_article, None, [view_col, view], **quiet)
    events = [
        delete.click(
            handlers.delete_article, [open_id, search], [note, view_col, view, open_id, *listed],
            js=CONFIRM_DELETE, **PRIVATE, **INGEST_SLOT,
        ),
        reingest_one.click(
            handlers.reingest_one, [open_id, search], [note, view, *listed],
            **PRIVATE, **INGEST_SLOT,
        ),
        upload.upload(
            handlers.upload, [upload, search], [summary, upload, *listed],
            **PRIVATE, **INGEST_SLOT,
        ),
        reingest.click(handlers.reingest, [search], [summary, *listed], **PRIVATE, **INGEST_SLOT),
    ]
    return LibraryTab(status, search, listing, summary, events)
