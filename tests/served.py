"""The app as ``newsdesk serve`` builds it, in-process on a free port (API and browser tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from conftest import free_port

from rag.newsdesk import Newsdesk
from rag.settings import Settings
from ui.app import build_app, launch_options


@contextmanager
def running(settings: Settings, desk: Newsdesk) -> Iterator[str]:
    """Launch the app over ``desk``; yields its URL, closes it after."""
    app = build_app(settings, desk)
    app.launch(
        prevent_thread_lock=True,
        server_name="127.0.0.1",
        server_port=free_port(),
        quiet=True,
        **launch_options(settings),
    )
    try:
        yield app.local_url
    finally:
        app.close()
