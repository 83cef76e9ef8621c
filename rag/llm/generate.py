"""The generative answerer: passages -> prompt -> streamed generation -> grounding -> Answer.

With grounding on, text reaches the caller one checked sentence at a time: a sentence is shown
only once it is complete and its cited passage backs it, so nothing unsupported is ever
printed and then taken back. The deltas it yields always add up to the final ``Answer.text``.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field

from rag.citations import validate
from rag.errors import BackendError
from rag.extractive.answer import refusal
from rag.llm.backends import LLMBackend
from rag.llm.grounding import (
    Encode,
    Grounder,
    SentenceSplitter,
    Verdict,
    cut_loop,
    is_refusal,
    iter_sentences,
)
from rag.llm.prompt import Prompt, build_prompt
from rag.retrieval.embedder import Query
from rag.stream import Stream
from rag.types import Answer, Passage

# Stop generating after this many sentences in a row repeat earlier ones: the model is looping.
MAX_REPEATS = 2


@dataclass
class Generation:
    """One generative answer with what the benchmark and debugging need beside it."""

    answer: Answer
    raw: str = ""  # what the model wrote, before any check
    verdicts: list[Verdict] = field(default_factory=list)
    looped: bool = False
    shown: int = 0  # passages that fit the prompt
    first_token_s: float | None = None  # request sent -> first token
    tokens: int = 0  # streamed chunks (one token each for llama.cpp and OpenAI-style servers)
    generate_s: float = 0.0  # first token -> last token

    @property
    def tokens_per_s(self) -> float | None:
        if self.tokens < 2 or self.generate_s <= 0:
            return None
        return (self.tokens - 1) / self.generate_s


class GenerativeAnswerer:
    """Runs one backend; ``grounding=False`` passes the model's text through (for measuring)."""

    def __init__(
        self,
        backend: LLMBackend,
        encode: Encode,
        *,
        context_tokens: int,
        max_tokens: int,
        grounding: bool = True,
    ) -> None:
        self.backend = backend
        self.encode = encode
        self.context_tokens = context_tokens
        self.max_tokens = max_tokens
        self.grounding = grounding

    def answer(self, question: str, passages: list[Passage]) -> Generation:
        return self.stream(question, passages).result()

    def respond(
        self, query: Query, passages: list[Passage], quoted: Sequence[str] = ()
    ) -> Generator[str, None, Answer]:
        """``rag.answering.Answerer``: a grounded sentence per delta. ``quoted`` is not used:
        the model sees the standalone question and its passages only."""
        generation = yield from self._produce(query.text, passages)
        return generation.answer

    def stream(self, question: str, passages: list[Passage]) -> Stream[Generation]:
        """Text deltas, then the ``Generation`` as ``result()``. ``BackendError`` only before
        the first delta."""
        return Stream(self._produce(question, passages))

    def _produce(
        self, question: str, passages: list[Passage]
    ) -> Generator[str, None, Generation]:
        try:
            prompt = build_prompt(
                question,
                passages,
                context_tokens=self.context_tokens,
                answer_tokens=self.max_tokens,
                count=self.backend.count_tokens,
            )
        except ValueError as exc:
            raise BackendError(self.backend.url, self.backend.model, str(exc)) from exc
        empty = Answer("", True, [], question, passages)
        gen = Generation(answer=empty, shown=len(prompt.passages))
        if self.grounding:
            yield from self._grounded(question, passages, prompt, gen)
        else:
            yield from self._raw(question, passages, prompt, gen)
        return gen

    # -- with the grounding check -----------------------------------------------------------
    def _grounded(
        self, question: str, passages: list[Passage], prompt: Prompt, gen: Generation
    ) -> Iterator[str]:
        shown = prompt.passages
        grounder = Grounder(self.encode, shown, question=question)
        splitter = SentenceSplitter()
        kept: list[str] = []
        quotes: dict[int, list[tuple[int, int]]] = {}
        emitted = ""
        repeats = 0
        note = ""

        def judge(sentence: str) -> str:
            """Check one sentence; returns the new text to show (may be empty)."""
            nonlocal emitted, repeats
            verdict = grounder.check(sentence)
            gen.verdicts.append(verdict)
            repeats = repeats + 1 if verdict.reason == "repeats an earlier sentence" else 0
            if not verdict.supported:
                return ""
            kept.append(verdict.text)
            for n, span in verdict.quotes.items():
                quotes.setdefault(n, []).append(span)
            text, _ = validate(" ".join(kept), shown)
            delta = text[len(emitted):] if text.startswith(emitted) else text
            emitted = text
            return delta

        try:
            for token in self._timed(prompt, gen):
                for sentence in splitter.feed(token):
                    delta = judge(sentence)
                    if delta:
                        yield delta
                if repeats >= MAX_REPEATS:
                    gen.looped = True
                    break
                cut, looped = cut_loop(splitter.buffer)
                if looped:
                    splitter.buffer = cut
                    gen.looped = True
                    break
        except BackendError as exc:
            if not emitted:
                raise
            note = f"{exc}; the answer stops where the backend did"
        for sentence in splitter.flush():
            delta = judge(sentence)
            if delta:
                yield delta
        if not kept:
            answer = refusal(question, passages, note)
            yield answer.text
        else:
            text, citations = validate(" ".join(kept), shown, quotes)
            answer = Answer(text, False, citations, question, passages, note)
        gen.answer = answer

    # -- the model's text as it is ----------------------------------------------------------
    def _raw(
        self, question: str, passages: list[Passage], prompt: Prompt, gen: Generation
    ) -> Iterator[str]:
        yield from self._timed(prompt, gen)
        text, citations = validate(gen.raw, prompt.passages)
        sentences = list(iter_sentences(text))
        refused = not sentences or all(is_refusal(s) for s in sentences)
        gen.looped = cut_loop(gen.raw)[1]
        gen.answer = Answer(text, refused, [] if refused else citations, question, passages)

    def _timed(self, prompt: Prompt, gen: Generation) -> Iterator[str]:
        start = time.perf_counter()
        first: float | None = None
        try:
            for token in self.backend.stream(prompt.system, prompt.user):
                now = time.perf_counter()
                if first is None:
                    first = now
                    gen.first_token_s = now - start
                gen.tokens += 1
                gen.raw += token
                gen.generate_s = now - first
                yield token
        finally:
            if first is None:
                gen.first_token_s = time.perf_counter() - start
