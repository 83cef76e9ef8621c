"""Newsdesk: cited answers over news articles.

``rag.query("What did Rubio say about guarantees?")`` uses a default ``Newsdesk`` built from
``Settings()`` on first use; build your own ``Newsdesk(settings)`` to choose the store.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk
    from rag.types import Answer, Passage

__all__ = ["Newsdesk", "query", "retrieve", "default"]

_default: Newsdesk | None = None
_default_lock = threading.Lock()


def default() -> Newsdesk:
    """The lazily built process-wide instance behind ``query()`` and ``retrieve()``."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                from rag.newsdesk import Newsdesk

                _default = Newsdesk()
    return _default


def query(
    question: str,
    *,
    top_k: int | None = None,
    filters: Any = None,
    history: list[tuple[str, str]] | None = None,
) -> Answer:
    return default().query(question, top_k=top_k, filters=filters, history=history)


def retrieve(question: str, top_k: int | None = None, filters: Any = None) -> list[Passage]:
    return default().retrieve(question, top_k=top_k, filters=filters)


def __getattr__(name: str) -> Any:
    if name == "Newsdesk":
        from rag.newsdesk import Newsdesk

        return Newsdesk
    raise AttributeError(name)
