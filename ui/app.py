"""The Gradio app: chat with a Sources panel, a Library tab, and the ``/ask`` and ``/ingest`` APIs.

One ``Newsdesk`` per app, shared by every session (queries are thread-safe, ingest takes the
writer lock). Everything that belongs to one conversation lives in ``gr.State``, which Gradio
keeps per browser session (and per ``gradio_client.Client``), never in this module. The tabs are
built in ``ui/chat_tab.py`` and ``ui/library_tab.py``; the API endpoints in ``ui/api.py``.
"""

from __future__ import annotations

import math
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from ingest.pipeline import recover
from rag.newsdesk import MAX_QUESTION_CHARS, Newsdesk
from rag.settings import Settings
from rag.store.chroma import own_store
from rag.store.owner import SERVE
from ui import feed_scheduler
from ui.api import build_api
from ui.assets import asset
from ui.auth import ClientAddress, login_guard
from ui.chat import ChatHandlers
from ui.chat_tab import ChatTab, build_chat_tab, store_state
from ui.examples import ExampleCache
from ui.library import LibraryHandlers
from ui.library_tab import PRIVATE, build_library_tab
from ui.warmup import Warmup

# Answers are fast but not instant; several sessions answer at once so one slow query (or an
# ingest, which has its own single slot) never holds up the others.
CONCURRENCY = 4
HEADER = (
    '<header class="nd-header"><h1>Newsdesk</h1>'
    "<p>Ask the news articles: every claim is cited, and it says so when they don't tell.</p>"
    "</header>"
)
# Gradio announces the end of every event in a hidden status region by a translation key its
# English table lacks ("common.complete"); say it in words.
I18N = {"common.complete": "Done", "common.error": "Error"}
# The chat's store-dependent parts wait for the start-up check of the example questions: in a
# group of their own, so page loads during the warm-up never hold the answer slots.
STORE_STATE: dict[str, Any] = {
    **PRIVATE, "concurrency_id": "store-state", "concurrency_limit": None,
}

Handlers = ChatHandlers  # the chat's event functions (tests drive ``respond`` directly)


def theme() -> gr.themes.Base:
    """Gradio's default look, with colours that pass WCAG AA contrast (the browser tests run
    axe-core): the default orange buttons and tab (white on #f97316: 2.8:1) and blue links
    (3.5:1) do not; these are 4.5:1 or better in light and dark mode."""
    return gr.themes.Default(primary_hue="blue").set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_600",
        button_primary_background_fill_hover_dark="*primary_700",
        button_primary_text_color="white",
        button_primary_text_color_dark="white",
        button_cancel_background_fill="#b91c1c",
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_background_fill_dark="#b91c1c",
        button_cancel_text_color="white",
        button_cancel_text_color_dark="white",
        color_accent="*primary_700",
        color_accent_soft="*primary_50",
        link_text_color="*primary_700",
        link_text_color_hover="*primary_800",
        link_text_color_visited="*primary_800",
        link_text_color_active="*primary_800",
        link_text_color_dark="*primary_300",
        link_text_color_hover_dark="*primary_200",
        link_text_color_visited_dark="*primary_300",
        link_text_color_active_dark="*primary_200",
    )


def build_app(settings: Settings, desk: Newsdesk | None = None) -> gr.Blocks:
    """The whole UI over one shared ``Newsdesk``; launch it with ``launch_options(settings)``.

    Starts warming the model, store and example questions at once (``ui.warmup``).
    """
    desk = desk or Newsdesk(settings)
    examples = ExampleCache(desk)
    chat = ChatHandlers(desk, examples, Warmup(desk, examples).start())
    library = LibraryHandlers(desk)
    with gr.Blocks(title="Newsdesk", analytics_enabled=False) as demo:
        turns = gr.State([])  # per session: (searched question, answer text) turns
        gr.HTML(HEADER, elem_id="nd-header")
        with gr.Tabs(elem_id="nd-tabs"):
            chat_tab = build_chat_tab(chat, turns)
            library_tab = build_library_tab(library, settings)
        store_events = library_tab.store_events + build_api(chat, library, turns)
        _refresh_chat_on_store_change(chat, chat_tab, store_events)
        demo.load(library.refresh, [library_tab.search],
                  [library_tab.listing, library_tab.status], queue=False, **PRIVATE)
        demo.load(
            lambda s, d: store_state(chat, s, d),
            [chat_tab.filters.sources, chat_tab.filters.dates],
            chat_tab.store_outputs(),
            show_progress="hidden",
            **STORE_STATE,
        )
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def _refresh_chat_on_store_change(
    chat: ChatHandlers, tab: ChatTab, events: list[Any]
) -> None:
    for event in events:
        event.then(
            lambda s, d: store_state(chat, s, d),
            [tab.filters.sources, tab.filters.dates],
            tab.store_outputs(),
            show_progress="hidden",
            **STORE_STATE,
        )


def launch_options(settings: Settings) -> dict[str, Any]:
    """``launch()`` arguments that Gradio 6 no longer takes on ``Blocks``, plus auth and limits.

    Raises ``ValueError`` for a malformed ``NEWSDESK_UI_AUTH``, so the app never starts open by
    mistake.
    """
    script = asset("newsdesk.js").replace("__MAX_QUESTION_CHARS__", str(MAX_QUESTION_CHARS))
    return {
        "auth": login_guard(settings.ui_auth),
        # The login guard slows guessing per client address too (ui/auth.py).
        # No OpenAPI schema or docs pages: FastAPI serves them without Gradio's login.
        "app_kwargs": {"middleware": [Middleware(ClientAddress)], "openapi_url": None,
                       "docs_url": None, "redoc_url": None},
        "auth_message": "Newsdesk: sign in (NEWSDESK_UI_AUTH)",
        "css": asset("newsdesk.css"),
        "head": f"<script>{script}</script>",
        "i18n": gr.I18n(en=I18N),
        "footer_links": ["api"],
        "theme": theme(),
        "max_file_size": settings.max_file_bytes,
        "ssr_mode": False,
        "show_error": True,
    }


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the UI until interrupted (``newsdesk serve``). It owns an embedded store while it runs
    (``rag.store.owner``: other processes may read it, not write it) and opens it before the first
    request."""
    options = launch_options(settings)
    desk = Newsdesk(settings)
    with own_store(settings, desk.manifest, SERVE, f"http://{host}:{port}/", wait_s=math.inf,
                   on_wait=lambda h: print(f"waiting for {h.describe()} to finish …", flush=True)):
        recovered = recover(desk)  # a killed ingest or delete: finished before serving
        if recovered is not None:
            print(f"recovered an interrupted ingest or delete: {recovered.line()}", flush=True)
        desk.warm()  # the store, BM25 and model open before the first request arrives
        app = build_app(settings, desk)
        with feed_scheduler.running(desk):  # polls the feed list while the server runs
            app.launch(server_name=host, server_port=port, **options)
