"""The API-only endpoints ``/ask`` and ``/ingest``: hidden components give them typed
parameters and JSON results (``gradio_client``: ``predict(..., api_name="/ask")``)."""

from __future__ import annotations

import gradio as gr

from ui.chat import ChatHandlers
from ui.library import LibraryHandlers
from ui.library_tab import INGEST_SLOT


def build_api(chat: ChatHandlers, library: LibraryHandlers, turns: gr.State) -> list[object]:
    """Adds the endpoints; returns the store-changing event (``/ingest``)."""
    question = gr.Textbox(visible=False)
    sources = gr.Dropdown(
        visible=False, multiselect=True, allow_custom_value=True, choices=[], value=[]
    )
    since = gr.Textbox(visible=False)
    until = gr.Textbox(visible=False)
    undated = gr.Checkbox(visible=False)
    answer = gr.JSON(visible=False, label="answer")
    files = gr.File(visible=False, file_count="multiple", type="filepath")
    summary = gr.JSON(visible=False, label="summary")

    question.submit(
        chat.ask_api,
        [question, sources, since, until, turns, undated],
        [answer, turns],
        api_name="ask",
        api_description=(
            "Answer a question from the articles with numbered citations. Filters: sources "
            "(a list; '' for articles with no source), since/until (YYYY-MM-DD), undated (keep "
            "articles without a date under a date range). Follow-ups use this session's "
            "earlier questions (one gradio_client.Client is one session)."
        ),
    )
    ingest = files.upload(
        library.ingest_api,
        [files],
        [summary],
        api_name="ingest",
        api_description=(
            "Save the given article files into the corpus and ingest them; with no files, "
            "re-ingest the whole corpus incrementally. Returns the ingest summary."
        ),
        **INGEST_SLOT,
    )
    return [ingest]
