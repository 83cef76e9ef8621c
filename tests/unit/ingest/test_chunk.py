"""ingest.chunk: sentence-aware packing; every chunk's span slices the article back to its text."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunk import Chunker
from ingest.clean import clean_text
from rag.settings import Settings
from rag.text import sentence_spans


@lru_cache(maxsize=4)
def chunker(max_tokens: int, overlap: int) -> Chunker:
    # The model's own tokenizer (a JSON file; no torch): budgets are the model's word pieces.
    return Chunker(Settings().model_path(), max_tokens, overlap)


WORD = st.sampled_from(
    "the council met on Tuesday to discuss harbour budget Rubio said guarantees aren\u2019t "
    "\u201cillegitimate\u201d 3.5 million U.S. Mr. Witkoff \u2014 Kyiv".split()
)
SENTENCE = st.lists(WORD, min_size=1, max_size=40).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=5).map(lambda ps: "\n\n".join(ps))


@settings(max_examples=60, deadline=None)
@given(ARTICLE, st.sampled_from([32, 64, 200]), st.integers(0, 2))
def test_chunks_slice_the_cleaned_article_and_cover_every_sentence(
    raw: str, max_tokens: int, overlap: int
) -> None:
    text = clean_text(raw)
    chunks = chunker(max_tokens, overlap).split(text)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert text[c.start : c.end] == c.text
    assert all(a.start < b.start and a.end <= b.end for a, b in zip(chunks, chunks[1:],
                                                                     strict=False))
    covered = set().union(*(range(c.start, c.end) for c in chunks))
    # Every non-blank character of every sentence is in some chunk (a sentence over the budget
    # is cut by tokens, so the blank where it was cut may fall between two chunks).
    for s, e in sentence_spans(text):
        assert {i for i in range(s, e) if not text[i].isspace()} <= covered, text[s:e]


def test_chunks_keep_the_budget_and_share_one_sentence() -> None:
    text = " ".join(f"Sentence {i} is about the harbour budget and the council." for i in range(30))
    c = chunker(64, 1)
    chunks = c.split(text)
    assert len(chunks) > 2
    for chunk in chunks:
        assert len(c.tokenizer.encode(chunk.text, add_special_tokens=False).ids) <= 64
    for a, b in zip(chunks, chunks[1:], strict=False):
        last = [text[s:e] for s, e in sentence_spans(text, a.start, a.end)][-1]
        assert b.text.startswith(last)


def test_a_sentence_longer_than_the_budget_is_cut_by_tokens() -> None:
    text = " ".join(["harbour"] * 500) + "."
    chunks = chunker(64, 1).split(text)
    assert len(chunks) >= 500 // 64
    assert "".join(c.text.replace(" ", "") for c in chunks).count("harbour") >= 500
