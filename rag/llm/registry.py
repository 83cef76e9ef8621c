"""The answer backends, registered in one place; settings validation, ``newsdesk --help`` and
the README check (tests/test_readme.py) derive from it.

``extractive`` is the offline answerer (rag/extractive/, no model); every other entry names a
module with ``build(settings) -> Backend``, imported only when that backend is used. Adding a
backend is one module and one line below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BackendEntry:
    name: str
    module: str  # has build(settings) -> rag.llm.backends.Backend
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
