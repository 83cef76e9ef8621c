"""What every LLM backend is (``LLMBackend``) and the usual one: a llama-index LLM plus what
Newsdesk needs around it (``Backend``).

The backends themselves are one module each (a ``BackendModule``: ``build(settings)``),
registered in ``rag.llm.registry`` (``NEWSDESK_LLM=openai|ollama|llamacpp``) and checked
against the Protocol when first loaded. Every failure to reach or load a model becomes one
``BackendError`` naming the URL (or file) and the model, so the caller can fall back to the
extractive answer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rag.contracts import conform
from rag.errors import BackendError
from rag.llm.prompt import TokenCounter, estimate_tokens
from rag.settings import Settings

if TYPE_CHECKING:
    from llama_index.core.llms import LLM


class LLMBackend(Protocol):
    """What the generative answerer needs from a model: its address for messages, a token
    counter for the prompt budget, and the reply streamed as text."""

    @property
    def url(self) -> str:
        """Where the model is (a server URL, or a file for an in-process model)."""
        ...

    @property
    def model(self) -> str:
        """The model's name, as messages show it."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in this model's context (an estimate is fine)."""
        ...

    def stream(self, system: str, user: str) -> Iterator[str]:
        """Text deltas of the reply to ``system`` rules and the ``user`` turn; any failure to
        reach or run the model raises ``BackendError`` (before the first delta, where it can)."""
        ...


class BackendModule(Protocol):
    """A module named in ``rag.llm.registry``."""

    def build(self, settings: Settings) -> LLMBackend:
        """The backend ``settings`` describe; raise ``BackendError`` when it cannot be set up
        (no model named, a file missing). Nothing is contacted before the first question."""
        ...


@dataclass
class Backend:
    """A llama-index LLM with its address for messages and a token counter for the budget."""

    llm: LLM
    url: str
    model: str
    count_tokens: TokenCounter = estimate_tokens
    # In-process models are not re-entrant: one generation at a time per loaded model.
    lock: threading.Lock | None = None
    errors: tuple[type[BaseException], ...] = field(default=(OSError,))
    # A base model (a GGUF without a chat template) continues text instead of following turns:
    # it gets the prompt as plain text ending in "Answer with citations:" and stops at the
    # line's end. The packaged Gemma 3 270M is one (docs/LLM.md has what each format gave).
    completion: bool = False

    def stream(self, system: str, user: str) -> Iterator[str]:
        """Text deltas of the reply; any transport or model failure becomes ``BackendError``."""
        from llama_index.core.llms import ChatMessage, MessageRole

        # One user turn holding the rules too: several chat formats (Gemma's among them) have
        # no system role and silently drop it, and every backend should see the same prompt.
        text = f"{system}\n\n{user}"
        guard = self.lock or _NoLock()
        with guard:
            try:
                chunks = (
                    self.llm.stream_complete(text, formatted=True)
                    if self.completion
                    else self.llm.stream_chat([ChatMessage(role=MessageRole.USER, content=text)])
                )
                for chunk in chunks:
                    if chunk.delta:
                        yield chunk.delta
            except self.errors as exc:
                raise BackendError(self.url, self.model, _reason(exc)) from exc


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def build_backend(settings: Settings) -> LLMBackend:
    """The backend ``settings.llm`` names; raises ``BackendError`` if it cannot be set up."""
    from rag.llm.registry import BACKENDS, load

    entry = BACKENDS.get(settings.llm)
    if entry is None:
        raise ValueError(f"llm must be one of {sorted(BACKENDS)}; got {settings.llm!r}")
    backend = load(entry).build(settings)
    conform(backend, LLMBackend, f"the {entry.name!r} backend")
    return backend


def required_model(settings: Settings, url: str) -> str:
    """HTTP servers host many models; unlike a GGUF path there is no sensible default."""
    if not settings.llm_model:
        raise BackendError(url, "", "no model set: pass --llm-model or NEWSDESK_LLM_MODEL")
    return settings.llm_model


def _reason(exc: BaseException) -> str:
    """One line for the user: the innermost cause reads best ("Connection refused")."""
    inner: BaseException = exc
    while (deeper := inner.__cause__ or inner.__context__) is not None:
        inner = deeper
    text = str(inner).strip() or str(exc).strip() or type(exc).__name__
    head = str(exc).strip().rstrip(".")
    if head and head not in text and len(head) < 80:
        text = f"{head}: {text}"
    return " ".join(text.split())[:300]
