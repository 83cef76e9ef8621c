"""Test doubles behind the real interfaces: only where the real part would cost seconds."""

from __future__ import annotations

import hashlib

import numpy as np

from rag.embedder import DIMENSION
from rag.text import terms


class HashingEncoder:
    """A deterministic ``TextEncoder`` for millisecond unit tests: each stemmed term (and each
    pair of neighbouring terms) adds a fixed pseudo-random direction, so texts that share words
    are close and unrelated texts are near orthogonal. No model is loaded; integration tests use
    the real MiniLM."""

    def __init__(self) -> None:
        self.texts_encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts_encoded += len(texts)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def encode_one(self, text: str) -> np.ndarray:
        self.texts_encoded += 1
        return self._vector(text)

    def preload(self) -> None:
        return None

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
