"""Sentence-aware, token-budgeted chunking that remembers where each chunk sits in its article."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.text import sentence_spans

# Bump when chunk boundaries change, so every article is re-chunked on the next ingest.
CHUNKER_VERSION = 1
# A "sentence" longer than this (a run-on scrape, a minified page on one line) is cut at a
# space before tokenising, so memory follows this size, not the file's. Far above any real
# sentence, so ordinary text chunks exactly as before.
MAX_SPAN_CHARS = 20_000
# Spans tokenised per call: at most TOKENIZE_GROUP * MAX_SPAN_CHARS characters in flight.
TOKENIZE_GROUP = 32


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=4)
def _tokenizer(model_dir: str):  # tokenizers has no stubs worth importing here
    """The embedding model's own tokenizer, so the budget matches what the model truncates."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


class Chunker:
    """Packs whole sentences up to ``max_tokens``; repeats ``overlap`` sentences between chunks."""

    def __init__(self, model_dir: str, max_tokens: int = 200, overlap: int = 1) -> None:
        self.tokenizer = _tokenizer(model_dir)
        self.max_tokens = max_tokens
        self.overlap = overlap

    def split(self, text: str) -> list[Chunk]:
        spans = [piece for s, e in sentence_spans(text) for piece in _bounded(text, s, e)]
        if not spans:
            return []
        units: list[tuple[int, int, int]] = []  # (start, end, tokens)
        # Tokenise a few spans at a time and keep only their counts: token objects cost
        # hundreds of bytes each, so a whole 5 MB article at once would cost gigabytes.
        for i in range(0, len(spans), TOKENIZE_GROUP):
            group = spans[i : i + TOKENIZE_GROUP]
            encodings = self.tokenizer.encode_batch(
                [text[s:e] for s, e in group], add_special_tokens=False
            )
            for (s, e), enc in zip(group, encodings, strict=True):
                if len(enc.ids) <= self.max_tokens:
                    units.append((s, e, len(enc.ids)))
                else:
                    units.extend(self._windows(s, enc.offsets))
        return self._pack(text, units)

    def _windows(self, base: int, offsets: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """A sentence longer than the budget (tables, run-on scrapes) is cut by tokens."""
        out = []
        step = self.max_tokens
        for i in range(0, len(offsets), step):
            part = offsets[i : i + step]
            out.append((base + part[0][0], base + part[-1][1], len(part)))
        return out

    def _pack(self, text: str, units: list[tuple[int, int, int]]) -> list[Chunk]:
        chunks: list[Chunk] = []
        i, covered = 0, 0  # covered: first unit not yet in any chunk
        while covered < len(units):
            j = self._fill(units, i)
            if j <= covered:  # the overlap left no room for anything new: drop it
                i = covered
                j = self._fill(units, i)
            start, end = units[i][0], units[j - 1][1]
            chunks.append(Chunk(len(chunks), start, end, text[start:end]))
            covered = j
            # Step back ``overlap`` sentences, keeping the overlap under half the budget.
            back = min(self.overlap, j - i - 1)
            while back > 0 and sum(u[2] for u in units[j - back : j]) > self.max_tokens // 2:
                back -= 1
            i = j - back
        return chunks

    def _fill(self, units: list[tuple[int, int, int]], i: int) -> int:
        budget, j = self.max_tokens, i
        while j < len(units) and (j == i or units[j][2] <= budget):
            budget -= units[j][2]
            j += 1
        return j


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most MAX_SPAN_CHARS, cut at spaces where possible."""
    pieces = []
    while end - start > MAX_SPAN_CHARS:
        cut = text.rfind(" ", start + MAX_SPAN_CHARS // 2, start + MAX_SPAN_CHARS)
        if cut <= start:
            cut = start + MAX_SPAN_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces
