"""What the linguistic layer knows about one text, computed once per distinct text.

``analyse(texts)`` parses what it has not seen (one spaCy batch) and keeps the result, keyed by
the text's hash, in a bounded in-process cache: the answer path never parses the same passage
twice, and a passage costs nothing until a question needs it (parse cost and the choice against
parsing at ingest: docs/PERFORMANCE.md).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from rag.language.fills import Fill, fills
from rag.language.parse import parse
from rag.language.speech import Speaker, attribute, attribution_only
from rag.text import sentence_spans

# Passages kept (a few KB each): a desk's questions keep retrieving the same few thousand.
CACHE_SIZE = 20_000


@dataclass(frozen=True)
class TextAnalysis:
    """Per sentence of the text (``rag.text.sentence_spans``): its span, its speaker and
    whether it only attributes the quotation before it (``speech.attribution_only``); and the
    named entities (start, end, label) the model found; the phrases that can fill an asked
    slot (``rag.language.fills``)."""

    sentences: tuple[tuple[int, int], ...]
    speakers: tuple[Speaker | None, ...]
    entities: tuple[tuple[int, int, str], ...]
    fills: tuple[Fill, ...] = ()
    attributions: tuple[bool, ...] = ()

    def speaker_at(self, start: int, end: int) -> Speaker | None:
        """The speaker of the sentence that holds ``start:end`` (text offsets)."""
        for (s, e), speaker in zip(self.sentences, self.speakers, strict=True):
            if s <= start < e or (start <= s < end):
                return speaker
        return None


class _Cache:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, TextAnalysis] = OrderedDict()
        self.lock = threading.Lock()
        self.parsed = 0  # texts parsed so far (a test checks nothing is parsed twice)

    def get(self, key: str) -> TextAnalysis | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: str, value: TextAnalysis) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_cache = _Cache(CACHE_SIZE)


def analyse(texts: list[str]) -> list[TextAnalysis]:
    """The analysis of each text, parsing only those not seen before (in one batch)."""
    keys = [hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
    found = {k: a for k in set(keys) if (a := _cache.get(k)) is not None}
    missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
    if missing:
        docs = parse(list(missing.values()))
        for (key, text), doc in zip(missing.items(), docs, strict=True):
            found[key] = _analysis(text, doc)
            _cache.put(key, found[key])
        _cache.parsed += len(missing)
    return [found[k] for k in keys]


def clear_cache() -> None:
    """Forget every analysis (benchmarks time the cold path with it)."""
    with _cache.lock:
        _cache.items.clear()


def parsed_count() -> int:
    """Texts parsed in this process so far."""
    return _cache.parsed


def _analysis(text: str, doc: object) -> TextAnalysis:
    from spacy.tokens import Doc

    assert isinstance(doc, Doc)
    spans = tuple(sentence_spans(text))
    by_sentence: list[Speaker | None] = [None] * len(spans)
    only: list[bool] = [False] * len(spans)
    for sent, speaker in zip(doc.sents, attribute(doc), strict=True):
        for i, (s, e) in enumerate(spans):
            if s <= sent.start_char < e:
                if speaker is not None and by_sentence[i] is None:
                    by_sentence[i] = speaker
                if sent.start_char == s:
                    only[i] = attribution_only(sent)
                break
    entities = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
    return TextAnalysis(spans, tuple(by_sentence), entities, fills(doc), tuple(only))
