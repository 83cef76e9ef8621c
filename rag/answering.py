"""What answers a question from its passages: the ``Answerer`` seam.

The extractive answerer (``rag.extractive``) and the generative one over any LLM backend
(``rag.llm.generate``) both are one; ``Newsdesk`` calls whichever ``settings.llm`` names
through this Protocol and nothing else, so a new kind of answerer (a reader model, say) is a
class with ``respond`` and one branch where ``Newsdesk`` picks it.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Protocol

from rag.retrieval.embedder import Query
from rag.types import Answer, Passage


class Answerer(Protocol):
    def respond(
        self, query: Query, passages: list[Passage], quoted: Sequence[str] = ()
    ) -> Generator[str, None, Answer]:
        """The answer to ``query`` from ``passages`` (best first; ``[1]`` is the first).

        Yields the text as it is made (deltas that add up to ``Answer.text``), or nothing when
        it is composed whole (the desk then sends the text, after wording a refusal under
        filters); returns the ``Answer``, ``refused=True`` when the passages do not say.
        Raises ``BackendError`` before the first delta when a model cannot be reached (the
        desk falls back to the extractive answer). ``quoted``: sentences earlier answers in the
        conversation quoted, which a follow-up's answer should not repeat.
        """
        ...
