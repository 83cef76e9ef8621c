"""The Chat tab: conversation, question box with its filter chips, filters, example questions,
and the Sources panel (beside the chat on a wide screen, right under the question on a phone).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui import render
from ui.assets import asset
from ui.chat import ChatHandlers
from ui.filters import (
    FilterWidgets,
    accordion_label,
    apply_chip,
    build_chips,
    build_filters,
    chips_html,
    source_choices,
)

PRIVATE: dict[str, Any] = {"api_visibility": "private"}


@dataclass
class ChatTab:
    chat: gr.Chatbot
    question: gr.Textbox
    panel: gr.HTML
    examples: gr.HTML
    filters: FilterWidgets
    sections: gr.State

    def store_outputs(self) -> list[Any]:
        """What depends on the store's contents (refreshed after every ingest)."""
        return [self.filters.sources, self.filters.chips, self.examples]


def examples_html(questions: list[str] | None) -> str:
    """Example questions as buttons with their whole text (``None``: still being checked)."""
    if questions is None:
        return '<p class="nd-meta nd-examples-wait">Preparing example questions…</p>'
    if not questions:
        return (
            '<p class="nd-meta">No example questions yet: add articles in the Library tab.</p>'
        )
    items = "".join(
        f'<li><button type="button" class="nd-example" '
        f'data-question="{html.escape(q, quote=True)}">{html.escape(q)}</button></li>'
        for q in questions
    )
    return (
        '<section class="nd-examples" aria-labelledby="nd-examples-h">'
        f'<h2 class="nd-h" id="nd-examples-h">Try asking</h2><ul>{items}</ul></section>'
    )


def build_chat_tab(handlers: ChatHandlers, turns: gr.State) -> ChatTab:
    def article_html(data: Any) -> str:  # a plain function: Gradio marks server functions
        return handlers.article_html(data)

    with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False, elem_id="nd-chat-row"):
        # Inside the tab: a State directly under gr.Tabs is drawn as a phantom tab.
        sections = gr.State([])  # per session: the Sources of each answer (render.Section)
        pending = gr.State("")  # the question being answered, as asked
        with gr.Column(scale=3, elem_id="nd-main"):
            chat = gr.Chatbot(
                label="Conversation",
                elem_id="nd-chat",
                height=460,
                feedback_options=None,
                buttons=["copy"],
                placeholder="Answers quote the articles and cite them as [1], [2] …",
                # Articles quote "$$" and "\\(" as text: never typeset them as formulas.
                latex_delimiters=[],
            )
            with gr.Row(elem_id="nd-ask-row", equal_height=True):
                question = gr.Textbox(
                    label="Your question about the articles",
                    show_label=False,
                    placeholder="Ask a question about the articles",
                    elem_id="nd-question",
                    lines=1,
                    max_lines=6,
                    scale=8,
                    container=False,
                    elem_classes=["nd-question"],
                    autofocus=False,
                )
                ask = gr.Button("Ask", variant="primary", scale=1, min_width=72, elem_id="nd-ask")
            chips = build_chips()
            filters = build_filters(chips)
            examples = gr.HTML(
                examples_html(None), js_on_load=asset("examples.js"), elem_id="nd-examples"
            )
            new_chat = gr.Button("New chat", size="sm", elem_id="nd-new-chat")
        with gr.Column(scale=2, elem_id="nd-side"):
            panel = gr.HTML(
                render.EMPTY_SOURCES,
                js_on_load=asset("sources.js"),
                server_functions=[article_html],
                elem_id="nd-sources",
            )
    tab = ChatTab(chat, question, panel, examples, filters, sections)
    _wire(tab, handlers, turns, pending, ask, new_chat)
    return tab


def _wire(
    tab: ChatTab,
    handlers: ChatHandlers,
    turns: gr.State,
    pending: gr.State,
    ask: gr.Button,
    new_chat: gr.Button,
) -> None:
    f = tab.filters

    def filters_changed(sources: list[str] | None, dates: Any) -> tuple[str, Any]:
        undated = handlers.undated_left_out(sources, dates)
        return chips_html(sources, dates, undated), gr.Accordion(
            label=accordion_label(sources, dates)
        )

    def chip_clicked(
        sources: list[str] | None, dates: Any, evt: gr.EventData
    ) -> tuple[list[str], dict[str, Any], str, Any]:
        new_sources, new_dates = apply_chip(evt._data or {}, sources, dates)
        return new_sources, new_dates, *filters_changed(new_sources, new_dates)

    quiet: dict[str, Any] = {"queue": False, "show_progress": "hidden", **PRIVATE}
    ask_steps: dict[str, Any] = {
        "fn": handlers.respond,
        "inputs": [pending, tab.chat, turns, tab.sections, f.sources, f.dates],
        "outputs": [tab.chat, tab.panel, turns, tab.sections],
        # The chat shows its own progress ("Searching the articles…") and the panel announces
        # the result; Gradio's status line would only add "Loading"/"Done" chatter.
        "show_progress": "hidden",
        **PRIVATE,
    }
    take_question = {
        "fn": handlers.user_turn,
        "inputs": [tab.question, tab.chat],
        "outputs": [tab.question, tab.chat, pending],
        **quiet,
    }
    tab.question.submit(**take_question).then(**ask_steps)
    ask.click(**take_question).then(**ask_steps)
    tab.examples.click(
        handlers.example_turn, [tab.chat], [tab.question, tab.chat, pending], **quiet
    ).then(**ask_steps)
    resets = [tab.chat, turns, tab.sections, tab.panel]
    new_chat.click(handlers.reset, None, resets, **quiet)
    tab.chat.clear(handlers.reset, None, resets, **quiet)

    for widget in (f.sources, f.dates):
        widget.change(filters_changed, [f.sources, f.dates], [f.chips, f.accordion], **quiet)
    f.chips.click(
        chip_clicked, [f.sources, f.dates], [f.sources, f.dates, f.chips, f.accordion], **quiet
    )
    tab.panel.click(
        handlers.panel_action, [tab.chat, f.sources, f.dates],
        [f.sources, f.dates, tab.chat, pending], **quiet,
    ).then(filters_changed, [f.sources, f.dates], [f.chips, f.accordion], **quiet).then(
        **ask_steps
    )


def store_state(handlers: ChatHandlers, sources: list[str] | None, dates: Any) -> tuple[Any, ...]:
    """The chat's store-dependent parts (source choices, chips, examples), after
    start-up or an ingest. Waits for the start-up check of the example questions."""
    manifest = handlers.desk.manifest
    choices = source_choices(manifest.sources(), manifest.has_unsourced())
    kept = [s for s in (sources or []) if s in choices]
    questions = handlers.example_questions()
    undated = handlers.undated_left_out(kept, dates)
    return (
        gr.Dropdown(choices=choices, value=kept),
        chips_html(kept, dates, undated),
        examples_html(questions),
    )

