"""Word matching in the embedding space: does a passage say the question's words, in any words?

Two views of the same MiniLM:

- contextual (``maxsim``): each content word-piece of the question is matched to its closest
  word-piece of the sentence, token vectors from the last layer, and the similarities averaged
  (BERTScore's recall, ColBERT's MaxSim). "blast off" finds "lifted off", "link up" finds
  "docked": the model read each word in its sentence. Costs nothing beyond the encodes the
  answerer does anyway (``Embedder.encode_tokens``).
- static (``static_maxsim``): the same over the model's input embedding table, with no encode at
  all. Weaker, but cheap enough to run on every sentence of every retrieved passage, so it picks
  which few sentences get the contextual look.

Measured on news-dev / SQuAD2 dev (answerable questions, sentences of the top 5 passages): the
gold sentence ranked first by contextual MaxSim alone 0.50 / 0.84 of the time, by the sentence
cosine alone 0.43 / 0.66, by static MaxSim alone 0.40 / 0.83 (docs/EVAL.md).
"""

from __future__ import annotations

import re
import threading

import numpy as np

from rag.retrieval.embedder import TokenVectors
from rag.text import STOPWORDS

# Question words that carry no content to look for in the answer.
FUNCTION_WORDS = STOPWORDS | {
    "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "many", "much",
    "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "s",
}


# Texts whose word-piece ids (and words whose static vectors) are kept per process.
ID_CACHE = 20_000
# Word pieces looked at per sentence: far above any real sentence.
MAX_PIECES = 512


class WordMatcher:
    """Built once per model from its tokenizer and input embedding table."""

    def __init__(self, tokenizer, table: np.ndarray) -> None:  # HF tokenizer
        self.tokenizer = tokenizer
        # A private copy of the fast tokenizer's backend: ids without the wrapper's Python-side
        # conversions (about a tenth of the time), and without the padding and truncation the
        # wrapper leaves set on its own backend after a batch (they padded ids with [PAD]).
        backend = getattr(tokenizer, "backend_tokenizer", None)
        self._backend = None
        if backend is not None:
            from tokenizers import Tokenizer

            self._backend = Tokenizer.from_str(backend.to_str())
            self._backend.no_padding()
            self._backend.no_truncation()
        norms = np.linalg.norm(table, axis=1, keepdims=True)
        # float32: ~47 MB for MiniLM's 30,522 pieces, and no conversion per lookup.
        self.table = (table / np.maximum(norms, 1e-9)).astype(np.float32)
        self._ids: dict[str, np.ndarray] = {}
        self._word_vecs: dict[str, np.ndarray] = {}
        vocab = tokenizer.convert_ids_to_tokens(list(range(len(table))))
        # A piece counts as a question word when it starts a word, is a word (not
        # punctuation or a special token) and is not a function word.
        self.content = np.array(
            [bool(re.match(r"[a-z0-9]", p)) and p not in FUNCTION_WORDS for p in vocab], dtype=bool
        )
        self._lock = threading.Lock()

    def pieces(self, texts: list[str]) -> list[np.ndarray]:
        """Word-piece ids of each text, no special tokens (for ``static_maxsim``); the same
        sentences come back question after question, so ids are kept (bounded)."""
        # One lock for the tokenizer (a fast tokenizer is not safe to share across threads)
        # and the cache it fills.
        with self._lock:
            found = {t: got for t in texts if (got := self._ids.get(t)) is not None}
            todo = [t for t in dict.fromkeys(texts) if t not in found]
            if todo:
                enc: list[list[int]]
                if self._backend is not None:
                    enc = [e.ids for e in self._backend.encode_batch(todo,
                                                                     add_special_tokens=False)]
                else:
                    enc = self.tokenizer(todo, add_special_tokens=False)["input_ids"]
                if len(self._ids) + len(todo) > ID_CACHE:
                    self._ids.clear()
                for t, pieces in zip(todo, enc, strict=True):
                    found[t] = self._ids[t] = np.asarray(pieces[:MAX_PIECES], dtype=np.int64)
        return [found[t] for t in texts]

    def question_pieces(self, ids: np.ndarray) -> np.ndarray:
        """Positions of ``ids`` that are content pieces."""
        ids = np.asarray(ids, dtype=np.int64)
        return np.flatnonzero(self.content[ids]) if len(ids) else np.zeros(0, dtype=np.int64)

    def question_matrix(self, question_ids: np.ndarray) -> np.ndarray:
        """Static vectors of the question's content pieces (rows for ``static_maxsim``)."""
        return self.table[question_ids[self.question_pieces(question_ids)]]

    def static_maxsim(self, question: np.ndarray, sentence_ids: np.ndarray) -> float:
        """``question``: ``question_matrix`` of the question."""
        if not len(question) or not len(sentence_ids):
            return 0.0
        sim = question @ self.table[sentence_ids].T
        return float(sim.max(axis=1).sum() / len(question))

    def closest(self, word: str, vocab: list[str]) -> float:
        """The highest input-embedding cosine between ``word`` and a word of ``vocab`` (each
        the mean of its word-piece vectors)."""
        if not vocab:
            return 0.0
        vecs = self._words([word, *vocab])
        return float((vecs[1:] @ vecs[0]).max())

    def _words(self, words: list[str]) -> np.ndarray:
        with self._lock:
            found = {w: v for w in words if (v := self._word_vecs.get(w)) is not None}
        todo = [w for w in dict.fromkeys(words) if w not in found]
        if todo:
            fresh = {}
            for w, ids in zip(todo, self.pieces(todo), strict=True):
                v = self.table[ids].mean(axis=0) if len(ids) else np.zeros(self.table.shape[1])
                fresh[w] = (v / max(float(np.linalg.norm(v)), 1e-9)).astype(np.float32)
            with self._lock:
                if len(self._word_vecs) + len(fresh) > ID_CACHE:
                    self._word_vecs.clear()
                self._word_vecs.update(fresh)
            found.update(fresh)
        return np.stack([found[w] for w in words])

    def maxsim(self, question: TokenVectors, sentence: TokenVectors) -> float:
        best = self.best_matches(question, sentence)
        return float(best.mean()) if len(best) else 0.0

    def best_matches(self, question: TokenVectors, sentence: TokenVectors) -> np.ndarray:
        """For each content piece of the question, its best similarity in the sentence."""
        keep = self.question_pieces(question.ids)
        if not len(keep) or not len(sentence.ids):
            return np.zeros(0, dtype=np.float32)
        sim = question.vecs[keep].astype(np.float32) @ sentence.vecs.astype(np.float32).T
        return sim.max(axis=1)
