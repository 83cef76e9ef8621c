"""The answer backends, registered in one place; settings validation, ``newsdesk --help`` and
the README check (tests/integration/test_readme.py) derive from it.

``extractive`` is the offline answerer (rag/extractive/, no model); every other entry names a
module that is a ``rag.llm.backends.BackendModule`` (``build(settings) -> LLMBackend``),
imported only when that backend is used (a server backend's client libraries, a local model's
runtime, cost seconds) and checked against the Protocol then. Adding a backend is one module
and one line below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rag.llm.backends import BackendModule


@dataclass(frozen=True)
class BackendEntry:
    name: str
    module: str  # a rag.llm.backends.BackendModule
    summary: str


EXTRACTIVE = "extractive"
BACKENDS: dict[str, BackendEntry] = {
    e.name: e
    for e in (
        BackendEntry("openai", "rag.llm.openai_compatible", "any OpenAI-compatible server"),
        BackendEntry("ollama", "rag.llm.ollama_native", "Ollama's native API"),
        BackendEntry("llamacpp", "rag.llm.llamacpp", "a GGUF in process ([local] extra)"),
    )
}
ANSWERERS: tuple[str, ...] = (EXTRACTIVE, *BACKENDS)


def load(entry: BackendEntry) -> BackendModule:
    """The entry's module, checked against ``BackendModule`` (a ``ContractError`` names it)."""
    from rag.contracts import conform
    from rag.llm.backends import BackendModule

    module = importlib.import_module(entry.module)
    conform(module, BackendModule, f"backend module {entry.module!r}")
    loaded: BackendModule = module  # checked just above
    return loaded
