"""The ``Newsdesk`` object: one loaded model and store, with ingest/retrieve/query/status."""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rag.answering import Answerer
from rag.errors import BackendError, StoreError
from rag.extractive.answer import ExtractiveAnswerer, quoted_sentences, refusal
from rag.filters import Filters
from rag.language.condense import condense, follows_up
from rag.llm.registry import EXTRACTIVE
from rag.retrieval.embedder import Embedder, Query, TextEncoder
from rag.settings import Settings
from rag.store.manifest import ArticleRow, Manifest
from rag.store.replica import ReplicaSync
from rag.stream import Stream
from rag.types import Answer, NoMatch, Passage

if TYPE_CHECKING:
    from rag.llm.generate import GenerativeAnswerer
    from rag.retrieval.retriever import Retriever

FilterArg = Filters | dict[str, Any] | None


class Newsdesk:
    """Holds what is expensive to load (model, store handles, lexical index) for repeated calls.

    The read side: retrieve, query, status. Writing (``ingest.ingest(desk, paths)``) lives one
    layer up, in the ``ingest`` package, and shares this object's model, manifest and store.
    Thread-safe for queries.
    """

    def __init__(
        self, settings: Settings | None = None, embedder: TextEncoder | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.embedder: TextEncoder = embedder or Embedder(
            self.settings.model_path(),
            self.settings.embed_batch_size,
            self.settings.embed_threads,
            self.settings.embed_batch_threads,
        )
        self._manifest: Manifest | None = None
        self._retriever: Retriever | None = None
        self._generator: GenerativeAnswerer | None = None
        self._replica: ReplicaSync | None = None
        self._lock = threading.RLock()

    # -- lazily opened parts ----------------------------------------------------------------
    @property
    def manifest(self) -> Manifest:
        if self._manifest is None:
            with self._lock:
                if self._manifest is None:
                    from rag.store.chroma import check_manifest_present

                    check_manifest_present(self.settings)
                    self._manifest = Manifest(self.settings.manifest_path)
        return self._manifest

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            from rag.retrieval.retriever import Retriever
            from rag.store.chroma import open_collection

            with self._lock:
                if self._retriever is None:
                    if self.settings.chroma:
                        # A data dir fed by a Chroma server: rebuilt from it when it is an
                        # empty or stale replica (rag.store.replica), before the first question.
                        self._replica = ReplicaSync(self.settings, self.manifest)
                        self._replica.ensure()
                    self._retriever = Retriever(
                        self.settings,
                        self.manifest,
                        self.embedder,
                        lambda: open_collection(self.settings),
                    )
        elif self._replica is not None:
            self._replica.tick()  # at most every few seconds, in the background
        return self._retriever

    # -- verbs ------------------------------------------------------------------------------
    def retrieve(
        self, question: str, top_k: int | None = None, filters: FilterArg = None
    ) -> list[Passage]:
        question = _check_question(question)
        return self.retriever.retrieve(
            question, self.settings.passages_for(top_k), Filters.coerce(filters)
        )

    def query(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: FilterArg = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Answer:
        """A cited answer, or a refusal that still lists the closest passages."""
        return self.query_stream(question, top_k=top_k, filters=filters, history=history).result()

    def query_stream(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: FilterArg = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Stream[Answer]:
        """Text deltas as the answer is produced (iterate), then the ``Answer`` (``result()``).

        The deltas add up to ``Answer.text``. With ``settings.llm`` other than ``extractive``
        each delta is a whole grounded sentence; if the backend is unreachable or misconfigured
        the extractive answer comes instead, with ``Answer.note`` saying why. A bad question,
        ``top_k`` or store is raised here, before anything streams.
        """
        question, k = _check_question(question), self.settings.passages_for(top_k)
        retriever = self.retriever  # a broken store is reported before the model loads
        return Stream(self._produce(question, k, filters, history, retriever))

    def _produce(
        self,
        question: str,
        top_k: int,
        filters: FilterArg,
        history: list[tuple[str, str]] | None,
        retriever: Retriever,
    ) -> Generator[str, None, Answer]:
        standalone = condense(question, history)
        wanted = Filters.coerce(filters)
        query = Query(standalone, *self.embedder.encode_one_tokens(standalone))
        passages = retriever.retrieve(standalone, top_k, wanted, query.vector)
        # Earlier answers are a follow-up's context only: a new, unrelated question (kept as
        # asked by ``condense``) is answered as if asked first.
        quoted = (quoted_sentences(a for _, a in history or [])
                  if follows_up(question, standalone) else [])
        left_out = self._undated_note(wanted)
        streamed = False
        if not passages:
            answer = refusal(standalone, [])
            missing = self.no_match(wanted)
            if missing is not None:
                answer = replace(answer, text=missing.message(), no_match=missing)
                left_out = ""  # the message counts them already
        else:
            try:
                answerer: Answerer = (
                    self.answerer() if self.settings.llm == EXTRACTIVE else self.generator()
                )
                answer, streamed = yield from _relayed(answerer.respond(query, passages, quoted))
            except BackendError as exc:
                answer = self.answerer().answer(
                    standalone, passages, query.vector, query.words, quoted
                )
                answer = replace(answer, note=f"{exc}. Showing the extractive answer instead.")
        if not streamed:
            answer = self._filtered(answer, wanted)
            yield answer.text
        return _noted(answer, left_out)

    def _filtered(self, answer: Answer, filters: Filters | None) -> Answer:
        """A refusal under filters that kept articles out says so: the answer may be in one of
        them ("Nothing in the 3 articles that pass your filters ...; 9 outside them might")."""
        if not answer.refused or answer.no_match is not None or not filters:
            return answer
        lo, hi = filters.bounds()
        passing, undated = self.manifest.count_matching(
            filters.sources, lo, hi, filters.undated
        )
        outside = self.manifest.counts()[0] - passing
        if outside <= 0:
            return answer
        miss = NoMatch("filtered", filters.describe(), undated, passing, outside)
        return replace(answer, text=miss.message(), no_match=miss)

    def _undated_note(self, filters: Filters | None) -> str:
        """Say so when a date range left out articles that carry no date."""
        if not filters or not filters.dated or filters.undated:
            return ""
        lo, hi = filters.bounds()
        n = self.manifest.count_matching(filters.sources, lo, hi)[1]
        if not n:
            return ""
        return (
            f"{n} article{'s' if n != 1 else ''} without a date {'were' if n != 1 else 'was'} "
            "left out by the date range; include undated articles to search them too."
        )

    def no_match(self, filters: Filters | None) -> NoMatch | None:
        """Why a search found nothing, when the reason is not the question: no article passes
        the filters, or none is ingested. ``None`` when articles were there to search."""
        if filters:
            lo, hi = filters.bounds()
            n, undated = self.manifest.count_matching(filters.sources, lo, hi, filters.undated)
            if n == 0:
                return NoMatch("filters", filters.describe(), undated)
        if self.manifest.counts()[0] == 0:
            return NoMatch("empty")
        return None

    def warm(self) -> None:
        """Load what the first question would otherwise wait for: the model (seconds), the
        store, the lexical index, the sentence path and the parser (the question's slot and
        the grounding check read its parse). Servers call it at start-up."""
        from rag.language.parse import pipeline

        self.embedder.encode_one("warm up")
        pipeline()
        retriever = self.retriever
        retriever.lexical_index()
        if self.manifest.counts()[1]:
            retriever.collection()
            retriever.retrieve("warm up", 1)

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
            refuse_at=self.settings.refuse_at,
            article_text=self.article_text,
        )

    def article_text(self, article_id: str) -> str:
        """An article's whole text, "" when it is gone: the answerer reads who is named
        before a passage, and which names the article gives, from it."""
        article = self.manifest.article(article_id)
        return article.text if article is not None else ""

    def status(self) -> dict[str, Any]:
        """Where the store is, its counts, who owns it, and whether Chroma agrees with the
        manifest: ``consistent`` is False with ``problems`` listed when not, None while an
        ingest is writing (counts move under it)."""
        from rag.store import owner
        from rag.store.consistency import check_lexical, check_store

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
            "copies": self.manifest.copy_count(),  # other outlets' copies of stored stories
            "pending": len(self.manifest.pending()),
        }
        held = owner.holder(self.settings.data_dir)
        if held is not None:
            info["owner"] = held.describe()
        from rag.store.replica import REPLICA_OF, SERVER_GENERATION

        if self.manifest.get_meta(REPLICA_OF):
            info["replica_of"] = self.manifest.get_meta(REPLICA_OF)
            info["replica_generation"] = int(self.manifest.get_meta(SERVER_GENERATION) or 0)
        try:
            collection = self.retriever.collection()
            info["chroma_chunks"] = collection.count()
            writing = owner.ingest_running(self.settings.data_dir)
            if writing is not None:
                info["consistent"] = None
                info["problems"] = [f"not checked: an ingest (pid {writing}) is writing"]
            else:
                try:
                    problems = check_store(self.manifest, collection)
                except Exception as exc:  # chromadb's many types, on a damaged store
                    why = f"{type(exc).__name__}: {str(exc)[:160]}"
                    problems = [f"Chroma could not be read ({why})"]
                from rag.store import lexical  # a fresh view, not the one cached for queries

                problems += check_lexical(self.manifest, lexical.load(self.settings.lexical_dir))
                info["consistent"] = not problems
                info["problems"] = problems
        except StoreError as exc:
            info["chroma_error"] = str(exc)
            info["consistent"] = False
            info["problems"] = [str(exc)]
        return info

    def articles(self) -> list[ArticleRow]:
        return self.manifest.articles()

    def close(self) -> None:
        if self._manifest is not None:
            self._manifest.close()


def _relayed(produce: Generator[str, None, Answer]) -> Generator[str, None, tuple[Answer, bool]]:
    """Pass an answerer's deltas on; return its answer and whether any delta came."""
    streamed = False
    while True:
        try:
            delta = next(produce)
        except StopIteration as stop:
            return stop.value, streamed
        streamed = True
        yield delta


def _noted(answer: Answer, note: str) -> Answer:
    if not note:
        return answer
    return replace(answer, note=f"{answer.note} {note}".strip())


# Longer questions are cut (at a word) before retrieval: past this the embedding model has long
# stopped reading (256 word pieces) and BM25 would score a pasted article, not a question.
MAX_QUESTION_CHARS = 2000


def cut_question(question: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """``question`` stripped and, when over ``limit`` characters, cut at the last word break."""
    question = (question or "").strip()
    if len(question) <= limit:
        return question
    head = question[: limit + 1]
    space = max(head.rfind(" "), head.rfind("\n"))
    return (head[:space] if space > limit // 2 else question[:limit]).rstrip()


def _check_question(question: str) -> str:
    question = cut_question(question)
    if not question:
        raise ValueError("the question is empty; ask something about the articles")
    bad = next((ch for ch in question if "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:
        # A lone surrogate: bytes that were not UTF-8 (a shell argument) or a broken escape.
        raise ValueError(
            f"the question is not valid text (it holds U+{ord(bad):04X}, which is not a "
            "character: bytes that were not UTF-8?); type it again as plain text"
        )
    return question
