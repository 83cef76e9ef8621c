"""Test doubles behind the real interfaces: only where the real part would cost seconds."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from rag.retrieval.embedder import DIMENSION, TokenVectors
from rag.retrieval.wordmatch import FUNCTION_WORDS, WordMatcher
from rag.text import terms

# The fake vocabulary: function words keep their own ids (the matcher must tell them from
# content words), every other lower-cased word hashes into one of the remaining slots.
_KNOWN = sorted(FUNCTION_WORDS)
VOCABULARY = 2048


class HashingEncoder:
    """A deterministic ``TextEncoder`` for millisecond unit tests: each stemmed term (and each
    pair of neighbouring terms) adds a fixed pseudo-random direction, so texts that share words
    are close and unrelated texts are near orthogonal. No model is loaded; integration tests use
    the real MiniLM."""

    def __init__(self) -> None:
        self.texts_encoded = 0
        self._matcher: WordMatcher | None = None

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts_encoded += len(texts)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def encode_one(self, text: str) -> np.ndarray:
        self.texts_encoded += 1
        return self._vector(text)

    def encode_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenVectors]]:
        return self.encode(texts), [self._tokens(t) for t in texts]

    def encode_one_tokens(self, text: str) -> tuple[np.ndarray, TokenVectors]:
        return self.encode_one(text), self._tokens(text)

    def word_matcher(self) -> WordMatcher:
        if self._matcher is None:
            self._matcher = WordMatcher(HashingTokenizer(), _table())
        return self._matcher

    def preload(self) -> None:
        return None

    def _tokens(self, text: str) -> TokenVectors:
        """Token vectors without context: each word's row of the fake embedding table."""
        ids = np.asarray(HashingTokenizer.ids(text), dtype=np.int64)
        table = self.word_matcher().table
        return TokenVectors(ids, table[ids].astype(np.float16))

    @staticmethod
    def _vector(text: str) -> np.ndarray:
        words = terms(text)
        features = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        vec = np.zeros(DIMENSION, dtype=np.float32)
        for feature in features or [text]:
            seed = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
            vec += np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec


class HashingTokenizer:
    """The two calls ``WordMatcher`` makes of a Hugging Face tokenizer, over ``VOCABULARY``
    ids: a word is one piece."""

    @staticmethod
    def ids(text: str) -> list[int]:
        out = []
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            if word in FUNCTION_WORDS:
                out.append(_KNOWN.index(word))
            else:
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                out.append(len(_KNOWN) + int.from_bytes(digest, "big") % (VOCABULARY - len(_KNOWN)))
        return out

    def __call__(self, texts: list[str], add_special_tokens: bool = False) -> dict:
        return {"input_ids": [self.ids(t) for t in texts]}

    def convert_ids_to_tokens(self, ids: list[int]) -> list[str]:
        return [_KNOWN[i] if i < len(_KNOWN) else f"w{i}" for i in ids]


def _table() -> np.ndarray:
    return np.random.default_rng(7).standard_normal((VOCABULARY, DIMENSION)).astype(np.float32)
