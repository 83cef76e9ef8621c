"""The ``Newsdesk`` object: one loaded model and store, with ingest/retrieve/query/status."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rag.answer import ExtractiveAnswerer, quoted_sentences, refusal
from rag.condense import condense
from rag.embedder import Embedder
from rag.errors import BackendError, StoreError
from rag.filters import Filters
from rag.manifest import ArticleRow, Manifest
from rag.settings import Settings
from rag.types import Answer, Passage

if TYPE_CHECKING:
    import numpy as np

    from rag.embedder import TokenVectors
    from rag.llm.generate import GenerativeAnswerer
    from rag.retriever import Retriever

FilterArg = Filters | dict[str, Any] | None


class Newsdesk:
    """Holds what is expensive to load (model, store handles, BM25) for repeated calls.

    The read side: retrieve, query, status. Writing (``ingest.ingest(desk, paths)``) lives one
    layer up, in the ``ingest`` package, and shares this object's model, manifest and store.
    Thread-safe for queries.
    """

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or Settings()
        self.embedder = embedder or Embedder(
            self.settings.model_path(),
            self.settings.embed_batch_size,
            self.settings.embed_threads,
        )
        self._manifest: Manifest | None = None
        self._retriever: Retriever | None = None
        self._generator: GenerativeAnswerer | None = None
        self._lock = threading.RLock()

    # -- lazily opened parts ----------------------------------------------------------------
    @property
    def manifest(self) -> Manifest:
        if self._manifest is None:
            with self._lock:
                if self._manifest is None:
                    self._manifest = Manifest(self.settings.manifest_path)
        return self._manifest

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            from rag.retriever import Retriever
            from rag.store import open_collection

            with self._lock:
                if self._retriever is None:
                    self._retriever = Retriever(
                        self.settings,
                        self.manifest,
                        self.embedder,
                        lambda: open_collection(self.settings),
                    )
        return self._retriever

    # -- verbs ------------------------------------------------------------------------------
    def retrieve(
        self, question: str, top_k: int | None = None, filters: FilterArg = None
    ) -> list[Passage]:
        question = _check_question(question)
        return self.retriever.retrieve(question, top_k, Filters.coerce(filters))

    def query(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: FilterArg = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Answer:
        """A cited answer, or a refusal that still lists the closest passages."""
        final: Answer | None = None
        for item in self.query_stream(question, top_k=top_k, filters=filters, history=history):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def query_stream(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: FilterArg = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas as the answer is produced, then the final ``Answer`` (always last).

        The deltas add up to ``Answer.text``. With ``settings.llm`` other than ``extractive``
        each delta is a whole grounded sentence; if the backend is unreachable or misconfigured
        the extractive answer comes instead, with ``Answer.note`` saying why.
        """
        standalone = condense(_check_question(question), history)
        qvec, qtokens = self.embedder.encode_one_tokens(standalone)
        passages = self.retriever.retrieve(standalone, top_k, Filters.coerce(filters), qvec)
        quoted = quoted_sentences(a for _, a in history or [])
        if not passages:
            answer = refusal(standalone, [])
        elif self.settings.llm == "extractive":
            answer = self._extractive(standalone, passages, qvec, qtokens, quoted)
        else:
            try:
                for item in self.generator().stream(standalone, passages):
                    if isinstance(item, str):
                        yield item
                    else:
                        yield item.answer
                        return
            except BackendError as exc:
                answer = replace(
                    self._extractive(standalone, passages, qvec, qtokens, quoted),
                    note=f"{exc}. Showing the extractive answer instead.",
                )
        yield answer.text
        yield answer

    def generator(self) -> GenerativeAnswerer:
        """The configured LLM backend, built once (loading a local model takes seconds)."""
        if self._generator is None:
            from rag.llm.backends import build_backend
            from rag.llm.generate import GenerativeAnswerer

            with self._lock:
                if self._generator is None:
                    s = self.settings
                    self._generator = GenerativeAnswerer(
                        build_backend(s),
                        self.embedder.encode,
                        context_tokens=s.llm_context_tokens,
                        max_tokens=s.llm_max_tokens,
                        grounding=s.llm_grounding,
                    )
        return self._generator

    def answerer(self) -> ExtractiveAnswerer:
        """The offline answerer over this desk's sentence caches and IDF."""
        index = self.retriever.lexical_index()
        return ExtractiveAnswerer(
            self.retriever.encode_sentences,
            index.term_idf if index else (lambda _t: 1.0),
            self.retriever.sentence_tokens,
            self.embedder.word_matcher(),
        )

    def _extractive(
        self,
        question: str,
        passages: list[Passage],
        qvec: np.ndarray,
        qtokens: TokenVectors | None = None,
        quoted: list[str] | None = None,
    ) -> Answer:
        return self.answerer().answer(question, passages, qvec, qtokens, quoted or ())

    def status(self) -> dict[str, Any]:
        articles, chunks = self.manifest.counts()
        where = f"chroma server {self.settings.chroma}" if self.settings.chroma else str(
            self.settings.chroma_path.resolve()
        )
        info: dict[str, Any] = {
            "data_dir": str(self.settings.data_dir.resolve()),
            "store": where,
            "collection": self.settings.collection,
            "articles": articles,
            "chunks": chunks,
            "pending": len(self.manifest.pending()),
        }
        try:
            info["chroma_chunks"] = self.retriever.collection().count()
        except StoreError as exc:
            info["chroma_error"] = str(exc)
        return info

    def articles(self) -> list[ArticleRow]:
        return self.manifest.articles()

    def close(self) -> None:
        if self._manifest is not None:
            self._manifest.close()


def _check_question(question: str) -> str:
    question = (question or "").strip()
    if not question:
        raise ValueError("the question is empty; ask something about the articles")
    return question[:2000]
