"""The Gradio app: chat with a Sources panel, a Library tab, and the ``/ask`` and ``/ingest`` APIs.

One ``Newsdesk`` per app, shared by every session (queries are thread-safe, ingest takes the
writer lock). Everything that belongs to one conversation lives in ``gr.State``, which Gradio
keeps per browser session (and per ``gradio_client.Client``), never in this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from ingest import ingest as ingest_articles
from rag.errors import NewsdeskError
from rag.filters import Filters
from rag.newsdesk import Newsdesk
from rag.owner import SERVE
from rag.settings import Settings
from rag.store import own_store
from rag.types import Answer
from ui import render
from ui.auth import login_guard
from ui.stream import stream_answer
from ui.uploads import UPLOAD_TYPES, ingest_uploads

# Answers are fast but not instant; several sessions answer at once so one slow query (or an
# ingest, which has its own single slot) never holds up the others.
CONCURRENCY = 4
SAMPLE_QUESTION = "What did Rubio say about guarantees?"

Turns = list[tuple[str, str]]
Messages = list[dict[str, Any]]

SOURCES_CSS = """
.nd-sources { font-size: 0.92rem; line-height: 1.45; }
.nd-head { font-weight: 600; font-size: 1rem; margin-bottom: 0.3rem; }
.nd-refused .nd-head { color: #b45309; }
.nd-searched { font-size: 0.78rem; opacity: 0.75; margin-bottom: 0.5rem; }
.nd-card { border: 1px solid var(--border-color-primary); border-radius: 8px;
           padding: 0.55rem 0.7rem; margin: 0.45rem 0; }
.nd-near { border-style: dashed; background: rgba(245, 158, 11, 0.06); }
.nd-n { font-weight: 700; margin-right: 0.2rem; }
.nd-title { font-weight: 600; }
.nd-meta { font-size: 0.8rem; opacity: 0.75; margin: 0.1rem 0 0.3rem; }
.nd-passage mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
.nd-empty { opacity: 0.7; font-style: italic; }
"""

APP_CSS = """
#nd-chat small.nd-searched { font-size: 0.75rem; opacity: 0.7; }
"""


def build_app(settings: Settings, desk: Newsdesk | None = None) -> gr.Blocks:
    """The whole UI over one shared ``Newsdesk``; launch it with ``launch_options(settings)``."""
    handlers = Handlers(desk or Newsdesk(settings))
    with gr.Blocks(title="Newsdesk", analytics_enabled=False) as demo:
        # Per session: the conversation as (searched question, answer text) turns.
        turns = gr.State([])
        pending = gr.State("")  # the question being answered, as typed
        gr.Markdown("## Newsdesk — ask the news articles; every claim is cited")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chat = gr.Chatbot(
                        label="Conversation",
                        elem_id="nd-chat",
                        height=480,
                        feedback_options=None,
                        buttons=["copy"],
                        placeholder="Answers quote the articles and cite them as [1], [2] …",
                    )
                    question = gr.Textbox(
                        show_label=False,
                        placeholder=f"Ask about the articles, e.g. {SAMPLE_QUESTION}",
                        elem_id="nd-question",
                        submit_btn="Ask",
                        max_length=2000,
                    )
                    examples = gr.Dataset(
                        components=[question],
                        samples=[],
                        label="Examples",
                        elem_id="nd-examples",
                    )
                    with gr.Accordion("Filters", open=False):
                        sources = gr.Dropdown(
                            label="Sources (none selected: all)",
                            multiselect=True,
                            allow_custom_value=True,
                            choices=[],
                            value=[],
                            elem_id="nd-filter-sources",
                        )
                        with gr.Row():
                            since = gr.Textbox(label="From", placeholder="YYYY-MM-DD")
                            until = gr.Textbox(label="To", placeholder="YYYY-MM-DD")
                    new_chat = gr.Button("New chat", size="sm")
                with gr.Column(scale=2):
                    panel = gr.HTML(
                        render.EMPTY_SOURCES,
                        css_template=SOURCES_CSS,
                        js_on_load=None,
                        elem_id="nd-sources",
                    )
            with gr.Tab("Library", id="library"):
                status = gr.Markdown(elem_id="nd-status")
                search = gr.Textbox(
                    label="Search articles", placeholder="title, source, date or file name"
                )
                table = gr.Dataframe(
                    headers=render.LIBRARY_HEADERS,
                    datatype=["str", "str", "str", "number"],
                    interactive=False,
                    elem_id="nd-library",
                    max_height=420,
                )
                with gr.Row():
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
        # API-only endpoints: hidden components give them typed parameters and JSON results.
        api_question = gr.Textbox(visible=False)
        api_answer = gr.JSON(visible=False, label="answer")
        api_files = gr.File(visible=False, file_count="multiple", type="filepath")
        api_summary = gr.JSON(visible=False, label="summary")

        library_outputs = [table, sources, examples, status]
        private: dict[str, Any] = {"api_visibility": "private"}
        ingest_slot: dict[str, Any] = {"concurrency_id": "ingest", "concurrency_limit": 1}

        ask_steps: dict[str, Any] = {
            "fn": handlers.respond,
            "inputs": [pending, chat, turns, sources, since, until],
            "outputs": [chat, panel, turns],
            **private,
        }
        question.submit(
            handlers.user_turn, [question, chat], [question, chat, pending], queue=False,
            **private,
        ).then(**ask_steps)
        examples.click(
            handlers.example_turn, [examples, chat], [question, chat, pending], queue=False,
            **private,
        ).then(**ask_steps)
        new_chat.click(handlers.reset, None, [chat, turns, panel], queue=False, **private)
        chat.clear(handlers.reset, None, [chat, turns, panel], queue=False, **private)
        search.change(handlers.library, [search], [table], queue=False, **private)
        upload.upload(
            handlers.upload, [upload, search], [summary, upload, *library_outputs],
            **private, **ingest_slot,
        )
        reingest.click(
            handlers.reingest, [search], [summary, *library_outputs], **private, **ingest_slot
        )
        demo.load(handlers.refresh, [search], library_outputs, **private)

        api_question.submit(
            handlers.ask_api,
            [api_question, sources, since, until, turns],
            [api_answer, turns],
            api_name="ask",
            api_description=(
                "Answer a question from the articles with numbered citations. Follow-ups use "
                "this session's earlier questions (one gradio_client.Client is one session)."
            ),
        )
        api_files.upload(
            handlers.ingest_api,
            [api_files],
            [api_summary],
            api_name="ingest",
            api_description=(
                "Save the given article files into the corpus and ingest them; with no files, "
                "re-ingest the whole corpus incrementally. Returns the ingest summary."
            ),
            **ingest_slot,
        )
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def launch_options(settings: Settings) -> dict[str, Any]:
    """``launch()`` arguments that Gradio 6 no longer takes on ``Blocks``, plus auth and limits.

    Raises ``ValueError`` for a malformed ``NEWSDESK_UI_AUTH``, so the app never starts open by
    mistake.
    """
    return {
        "auth": login_guard(settings.ui_auth),
        "auth_message": "Newsdesk: sign in (NEWSDESK_UI_AUTH)",
        "css": APP_CSS,
        "max_file_size": settings.max_file_bytes,
        "ssr_mode": False,
        "show_error": True,
    }


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the UI until interrupted (``newsdesk serve``). It owns an embedded store while it runs
    (``rag.owner``: other processes may read it, not write it) and opens it before the first
    request."""
    options = launch_options(settings)
    desk = Newsdesk(settings)
    with own_store(settings, desk.manifest, SERVE, f"http://{host}:{port}/", wait_s=math.inf,
                   on_wait=lambda h: print(f"waiting for {h.describe()} to finish …", flush=True)):
        desk.warm_up()
        build_app(settings, desk).launch(server_name=host, server_port=port, **options)


class Handlers:
    """The event functions. They hold only the shared ``Newsdesk``; session data comes in and
    goes out through Gradio (``gr.State`` and component values)."""

    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk

    # -- chat -------------------------------------------------------------------------------
    def user_turn(self, message: str, chat: Messages) -> tuple[str, Messages, str]:
        message = (message or "").strip()
        if not message:
            return "", chat, ""
        return "", [*chat, {"role": "user", "content": render.md_escape(message)}], message

    def example_turn(self, sample: list[str], chat: Messages) -> tuple[str, Messages, str]:
        return self.user_turn(sample[0] if sample else "", chat)

    def reset(self) -> tuple[Messages, Turns, str]:
        return [], [], render.EMPTY_SOURCES

    def respond(
        self,
        question: str,
        chat: Messages,
        turns: Turns,
        sources: list[str] | None,
        since: str,
        until: str,
    ) -> Iterator[tuple[Messages, Any, Turns]]:
        """Stream the answer into a new bubble, then fill the Sources panel.

        Each step yields a fresh message list: Gradio diffs what it is given, and a list
        mutated after being yielded would rewrite earlier steps.
        """
        if not question:
            return

        def said(content: str) -> Messages:
            return [*chat, {"role": "assistant", "content": content}]

        yield said("…"), gr.skip(), turns
        answer: Answer | None = None
        try:
            filters = _filters(sources, since, until)
            for partial, final in stream_answer(
                self.desk, question, filters=filters, history=[tuple(t) for t in turns]
            ):
                answer = final
                if final is None:
                    yield said(render.md_escape(partial)), gr.skip(), turns
        except (NewsdeskError, ValueError) as exc:
            yield said(f"⚠️ {render.md_escape(str(exc))}"), gr.skip(), turns
            return
        if answer is None:
            return
        message = render.chat_message(
            answer.text, refused=answer.refused, searched=answer.question, asked=question
        )
        panel = render.sources_html(answer, self._article_text)
        yield said(message), panel, [*turns, (answer.question, answer.text)]

    def ask_api(
        self,
        question: str,
        sources: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        turns: Turns | None = None,
    ) -> tuple[dict[str, Any], Turns]:
        """``/ask``: the whole answer as JSON; errors become a ``gr.Error`` the client raises.

        The ``None`` defaults are what make the filters optional for ``gradio_client``.
        """
        turns = turns or []
        try:
            answer = self.desk.query(
                question,
                filters=_filters(sources, since, until),
                history=[tuple(t) for t in turns],
            )
        except (NewsdeskError, ValueError) as exc:
            raise gr.Error(str(exc)) from exc
        data = answer.to_json()
        data["question"] = answer.question
        data["passages"] = render.passages_json(answer.passages)
        if answer.note:
            data["note"] = answer.note
        return data, [*turns, (answer.question, answer.text)]

    def _article_text(self, article_id: str) -> str | None:
        row = self.desk.manifest.article(article_id)
        return row.text if row else None

    # -- library and ingest -----------------------------------------------------------------
    def library(self, search: str) -> list[list[str | int]]:
        return render.library_rows(self.desk.articles(), search or "")

    def refresh(self, search: str) -> tuple[Any, ...]:
        articles = self.desk.articles()
        n_articles, n_chunks = self.desk.manifest.counts()
        questions = render.example_questions(articles)
        return (
            render.library_rows(articles, search or ""),
            gr.Dropdown(choices=self.desk.manifest.sources()),
            gr.Dataset(samples=[[q] for q in questions]),
            f"**{n_articles}** articles, **{n_chunks}** passages · corpus folder "
            f"`{self.desk.settings.corpus_dir}`",
        )

    def upload(
        self,
        files: list[str] | None,
        search: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio's injection marker
    ) -> tuple[Any, ...]:
        text, _ = self._save_and_ingest(files or [], progress)
        return (text, None, *self.refresh(search))

    def reingest(
        self,
        search: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[Any, ...]:
        text, _ = self._save_and_ingest([], progress)
        return (text, *self.refresh(search))

    def ingest_api(
        self,
        files: list[str] | None = None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> dict[str, Any]:
        """``/ingest``: the summary as JSON, with refused uploads listed under ``failed``."""
        _, data = self._save_and_ingest(files or [], progress)
        if "error" in data:
            raise gr.Error(data["error"])
        return data

    def _save_and_ingest(
        self, files: list[str], progress: gr.Progress
    ) -> tuple[str, dict[str, Any]]:
        """Uploads (if any) are checked, ingested and placed in the corpus (``ui.uploads``); no
        uploads means re-ingest the corpus."""

        def tick(done: int, total: int, name: str) -> None:
            progress((done, total), desc=f"Ingesting {name}", unit="files")

        progress(0, desc="Ingesting")
        try:
            if files:
                uploads = [(Path(f).name, Path(f)) for f in files]
                summary, placed = ingest_uploads(self.desk, uploads, tick)
            else:  # the whole corpus with pruning, exactly as `newsdesk ingest` does
                summary, placed = ingest_articles(self.desk, None, progress=tick), 0
        except NewsdeskError as exc:
            gr.Warning(str(exc))
            return f"⚠️ {render.md_escape(str(exc))}", {"error": str(exc)}
        return render.summary_markdown(summary, saved=placed), summary.to_json()


def _filters(
    sources: list[str] | None, since: str | None, until: str | None
) -> dict[str, Any] | None:
    """The UI's filter widgets as ``Newsdesk.query`` filters; a bad date is a ``ValueError``."""
    value = {
        "sources": [s for s in (sources or []) if s],
        "since": (since or "").strip(),
        "until": (until or "").strip(),
    }
    if not any(value.values()):
        return None
    Filters.coerce(value).bounds()  # raises ValueError naming the bad date before retrieval
    return value
