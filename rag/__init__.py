"""Newsdesk: cited answers over news articles (the core and read side).

``rag.query("What did Rubio say about guarantees?")`` uses a default ``Newsdesk`` built from
``Settings()`` on first use; build your own ``Newsdesk(settings)`` to choose the store. Writing
articles in is the ``ingest`` package's job (``from ingest import ingest``), one layer up.

No submodule shares a name with a function here (the retrieval package is ``rag.retrieval``):
importing a submodule binds it as a package attribute, which once replaced ``rag.retrieve``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk
    from rag.settings import Settings
    from rag.types import Answer, Passage

__all__ = ["Newsdesk", "Settings", "query", "retrieve", "default"]

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
    """A cited answer (or a refusal) from the default desk; see ``Newsdesk.query``."""
    return default().query(question, top_k=top_k, filters=filters, history=history)


def retrieve(question: str, top_k: int | None = None, filters: Any = None) -> list[Passage]:
    """The passages a question finds, best first, from the default desk."""
    return default().retrieve(question, top_k=top_k, filters=filters)


def __getattr__(name: str) -> Any:
    # Lazy so that ``import rag`` stays cheap (no torch, no chromadb until first use).
    if name == "Newsdesk":
        from rag.newsdesk import Newsdesk

        return Newsdesk
    if name == "Settings":
        from rag.settings import Settings

        return Settings
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
