"""Hybrid retrieval: Chroma vectors and BM25 over the same chunks, fused on their scores.

Fusion is a weighted sum of the exact cosine and the max-normalised BM25 score over the union of
both candidate lists. Plain reciprocal rank fusion throws the score gaps away and measured worse
than BM25 alone at rank 1 on SQuAD2 (0.826 vs 0.876, see docs/EVAL.md); scores keep them.

The head of the fused list is then reranked on what a question usually shares with its answer:
one sentence. A passage whose best sentence covers the question's rare terms and reads like it
(cosine) beats one that only shares the topic. On the SQuAD2 dev split this took hit@1 from
0.901 to 0.967 (hit@5 0.992 both), see docs/EVAL.md.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from rag.errors import StoreError
from rag.filters import Filters
from rag.retrieval.embedder import DIMENSION
from rag.settings import Settings
from rag.store import lexical
from rag.store.chroma import drop_view, sync_view
from rag.store.manifest import ArticleRow, ChunkRow, Manifest
from rag.types import Passage, display_source

if TYPE_CHECKING:
    from collections.abc import Callable

    from chromadb.api.models.Collection import Collection

    from rag.retrieval.embedder import TextEncoder, TokenVectors

# Share of the fused score given to the cosine; the rest goes to normalised BM25.
# Tuned on the SQuAD2 dev split (docs/EVAL.md).
VECTOR_WEIGHT = 0.5
# Candidates taken from each retriever before fusion.
CANDIDATES = 30
# Two passages whose term sets overlap this much are the same story told twice (wire copy).
# Whole copies are folded at ingest (ingest/fold.py) and never reach this; what does is the
# shared part of stories that overlap without being copies (a trimmed copy that came first, an
# article quoting a wire paragraph). The passage kept then names the other outlet in its
# source, as a folded story does.
NEAR_DUPLICATE = 0.9
# Fused passages reranked by sentence-level evidence. Dev split: reranking the top 5, 10 or 20
# gave the same hit@1 (0.967); 10 keeps the sentences to embed per question near 50.
RERANK = 10
# Sentences per passage given to the model for the sentence cosine: the ones with the most
# question terms. Embedding every sentence of the head (~50) cost ~150 ms per question at 10k
# chunks; the shortlist of 3 measured the same on dev (hit@1 0.967, MRR@10 0.976) and test
# (0.942 / 0.967) and took retrieval p50 to 64 ms (docs/PERFORMANCE.md).
SENTENCE_SHORTLIST = 3
# Rerank score = passage cosine + weights below times: the best sentence's IDF-weighted share
# of question terms, the best sentence's cosine, the passage's IDF-weighted share of question
# terms. Grid 0..1 in steps of 0.25 on the dev split: (0.5, 0.5, 0.5) and no BM25 term gave
# hit@1 0.967 / hit@5 0.992 / MRR@10 0.977; adding 0.25 normalised BM25 dropped hit@1 to 0.950.
# Without the sentence cosine the best was 0.959 (cheaper, but measurably worse).
SENTENCE_LEXICAL = 0.5
SENTENCE_COSINE = 0.5
PASSAGE_LEXICAL = 0.5
# Sentence vectors kept in memory per process (about 1.5 kB each), so repeated passages cost
# one encode.
SENTENCE_CACHE = 50_000
# Token vectors of the most recently encoded sentences (the answerer's word matching, about
# 25 kB each in float16), kept least-recently-used: 2,000 cost ~50 MB and hold every sentence
# the last few dozen questions encoded.
TOKEN_CACHE = 2_000


class Retriever:
    """Loaded once per process; reloads the BM25 index when an ingest commits a new generation."""

    def __init__(
        self,
        settings: Settings,
        manifest: Manifest,
        embedder: TextEncoder,
        collection_factory: Callable[[], Collection],
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.embedder = embedder
        self._collection_factory = collection_factory
        self._collection: Collection | None = None
        self._epoch = 0  # rag.store.chroma.sync_view's epoch the handle was opened in
        self._open_lock = threading.Lock()
        self._lexical: lexical.LexicalIndex | None = None
        self._lock = threading.Lock()
        self._sentence_vectors: dict[str, np.ndarray] = {}
        self._sentence_tokens: OrderedDict[str, TokenVectors] = OrderedDict()

    # -- shared state -----------------------------------------------------------------------
    def collection(self) -> Collection:
        """The open collection; opened once (under a lock), and again after another process
        has written an embedded store (``rag.store.chroma.sync_view``)."""
        epoch = sync_view(self.settings, self.manifest.generation)
        if self._collection is None or self._epoch != epoch:
            with self._open_lock:
                if self._collection is None or self._epoch != epoch:
                    self._collection = self._collection_factory()
                    self._epoch = epoch
        assert self._collection is not None
        return self._collection

    def lexical_index(self) -> lexical.LexicalIndex | None:
        current = lexical.current_generation(self.settings.lexical_dir)
        if self._lexical is None or (current is not None and current != self._lexical.generation):
            with self._lock:
                if self._lexical is None or current != self._lexical.generation:
                    index = lexical.load(self.settings.lexical_dir)
                    if index is not None:
                        self._lexical = index
        return self._lexical

    # -- retrieval --------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        top_k: int,
        filters: Filters | None = None,
        query_vector: np.ndarray | None = None,
    ) -> list[Passage]:
        """The ``top_k`` best passages (``Settings.passages_for`` checked the number)."""
        qvec = self.embedder.encode_one(question) if query_vector is None else query_vector
        n_cand = max(CANDIDATES, top_k * 3)
        vector_hits = self._vector_search(qvec, n_cand, filters)
        index = self.lexical_index()
        # The best BM25 chunks, and the vector hits' own BM25 scores for the fusion.
        bm25 = {} if index is None else index.search(question, n_cand, filters, also=vector_hits)
        bm25_hits = [c for c, score in bm25.items() if score > 0]
        candidates = list(dict.fromkeys([*vector_hits, *bm25_hits]))
        rows = self.manifest.chunks(candidates)
        # An id Chroma returned that the manifest has not committed (an ingest in flight) is
        # skipped: every passage handed on exists in the committed store.
        candidates = [c for c in candidates if c in rows]
        if not candidates:
            return []
        cos = self._cosines(qvec, [rows[c][0] for c in candidates], vector_hits)
        lex = np.array([bm25.get(c, 0.0) for c in candidates], dtype=np.float32)
        top = float(lex.max())
        if top > 0:
            lex = lex / top
        fused = VECTOR_WEIGHT * cos + (1 - VECTOR_WEIGHT) * lex
        order = np.argsort(-fused, kind="stable")
        picked: list[int] = []
        kept_terms: list[set[str]] = []
        also: dict[int, list[str]] = {}  # kept candidate -> outlets of the copies it stands for
        for i in order:
            chunk, article = rows[candidates[i]]
            tset = set(chunk.terms.split())
            near = (k for k, kt in enumerate(kept_terms) if _jaccard(tset, kt) >= NEAR_DUPLICATE)
            twin = next(near, None)
            if twin is not None:
                kept = picked[twin]
                if rows[candidates[kept]][1].article_id != article.article_id:
                    also.setdefault(kept, []).append(article.source)
                continue
            kept_terms.append(tset)
            picked.append(int(i))
            if len(picked) >= max(top_k, RERANK):
                break
        head = picked[:RERANK]
        evidence = self._sentence_evidence(
            question, qvec, [rows[candidates[i]][0] for i in head], index
        )
        rescored = [float(cos[i]) + e for i, e in zip(head, evidence, strict=True)]
        ranked = [(head[j], rescored[j]) for j in np.argsort(-np.array(rescored), kind="stable")]
        ranked += [(i, float(fused[i])) for i in picked[RERANK:]]
        ranked = ranked[:top_k]
        outlets = self.manifest.outlets(rows[candidates[i]][1].article_id for i, _ in ranked)
        out = []
        for i, score in ranked:
            chunk, article = rows[candidates[i]]
            others = [*outlets.get(article.article_id, []), *also.get(i, [])]
            out.append(_passage(chunk, article, score, display_source(article.source, others)))
        return out

    def _sentence_evidence(
        self,
        question: str,
        qvec: np.ndarray,
        chunks: list[ChunkRow],
        index: lexical.LexicalIndex | None,
    ) -> list[float]:
        """The rerank bonus per chunk: how well its best sentence, and it, state the question."""
        from rag.text import QuestionTerms, sentence_spans, terms

        asked = QuestionTerms(question, index.term_idf if index is not None else (lambda _t: 1.0))
        groups = []
        for c in chunks:
            texts = [c.text[s:e] for s, e in sentence_spans(c.text)] or [c.text]
            lex = [asked.share(terms(s)) for s in texts]
            order = sorted(range(len(texts)), key=lambda i: -lex[i])[:SENTENCE_SHORTLIST]
            # A sentence with no question term is not the one that states the answer; leaving
            # it out cut encodes per question from 5.7 to 3.4 at 10k chunks, dev split scores
            # unchanged. A passage with no such sentence gets no sentence-cosine bonus.
            order = [i for i in order if lex[i] > 0]
            groups.append((max(lex), [texts[i] for i in order]))
        vectors = self._encode_sentences([s for _, short in groups for s in short])
        out = []
        for chunk, (best_lex, short) in zip(chunks, groups, strict=True):
            best_cos = max((float(vectors[s] @ qvec) for s in short), default=0.0)
            out.append(
                SENTENCE_LEXICAL * best_lex
                + SENTENCE_COSINE * best_cos
                + PASSAGE_LEXICAL * asked.share(chunk.terms.split())
            )
        return out

    def encode_sentences(self, sentences: list[str]) -> np.ndarray:
        """Sentence vectors through the rerank's cache: the answerer scores the same sentences
        the rerank just embedded, so an extractive answer costs no second encode."""
        if not sentences:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        found = self._encode_sentences(sentences)
        return np.stack([found[s] for s in sentences])

    def sentence_tokens(self, sentences: list[str]) -> list[TokenVectors]:
        """Token vectors of ``sentences``: from the cache, the rest encoded (which also caches
        their sentence vectors)."""
        wanted = list(dict.fromkeys(sentences))
        with self._lock:
            got = {s: t for s in wanted if (t := self._sentence_tokens.get(s)) is not None}
            for s in got:
                self._sentence_tokens.move_to_end(s)
        missing = [s for s in wanted if s not in got]
        if missing:
            got.update(self._encode_fresh(missing)[1])
        return [got[s] for s in sentences]

    def _encode_sentences(self, sentences: list[str]) -> dict[str, np.ndarray]:
        cache = self._sentence_vectors
        found = {s: v for s in sentences if (v := cache.get(s)) is not None}
        todo = [s for s in dict.fromkeys(sentences) if s not in found]
        if todo:
            found.update(self._encode_fresh(todo)[0])
        return found

    def _encode_fresh(
        self, texts: list[str]
    ) -> tuple[dict[str, np.ndarray], dict[str, TokenVectors]]:
        """Encode ``texts`` once for both caches: one pass gives the sentence vectors and the
        token vectors the answerer matches words with."""
        vecs, tokens = self.embedder.encode_tokens(texts)
        fresh = dict(zip(texts, vecs, strict=True))
        fresh_tokens = dict(zip(texts, tokens, strict=True))
        cache = self._sentence_vectors
        if len(cache) + len(fresh) > SENTENCE_CACHE:
            cache.clear()
        cache.update(fresh)
        with self._lock:
            held = self._sentence_tokens
            for s, t in fresh_tokens.items():
                held[s] = t
                held.move_to_end(s)
            while len(held) > TOKEN_CACHE:
                held.popitem(last=False)
        return fresh, fresh_tokens

    def _vector_search(self, qvec: np.ndarray, n: int, filters: Filters | None) -> dict[str, float]:
        where = None
        if filters:
            undated = self.manifest.undated_ids() if filters.dated and filters.undated else ()
            where = filters.chroma_where(undated)
        try:
            res = self.collection().query(
                query_embeddings=[qvec.tolist()], n_results=n, where=where, include=["distances"]
            )
        except StoreError:
            raise
        except Exception as exc:  # server gone, index unreadable: drop the handle, retry later
            self._collection = None
            drop_view(self.settings)
            where_ = self.settings.chroma or str(self.settings.chroma_path)
            raise StoreError(
                f"vector search failed at {where_} ({type(exc).__name__}: {str(exc)[:160]}); "
                "check that the Chroma store/server is up, then ask again"
            ) from exc
        ids = res["ids"][0] if res["ids"] else []
        distances = res.get("distances")
        dists = distances[0] if distances else []
        return {i: 1.0 - float(d) for i, d in zip(ids, dists, strict=True)}

    def _cosines(
        self, qvec: np.ndarray, chunks: list[ChunkRow], known: dict[str, float]
    ) -> np.ndarray:
        """Exact cosine for every candidate; BM25-only ones come from the vector cache, or
        from Chroma where this data dir has no cache (a read replica, rag.store.replica)."""
        missing = [c.text_hash for c in chunks if c.chunk_id not in known]
        cached = self.manifest.cached_vectors(missing) if missing else {}
        uncached = [
            c.chunk_id for c in chunks if c.chunk_id not in known and c.text_hash not in cached
        ]
        stored = self._stored_vectors(uncached) if uncached else {}
        out = np.zeros(len(chunks), dtype=np.float32)
        for i, c in enumerate(chunks):
            if c.chunk_id in known:
                out[i] = known[c.chunk_id]
            elif c.text_hash in cached:
                out[i] = float(np.dot(cached[c.text_hash], qvec))
            elif c.chunk_id in stored:
                out[i] = float(np.dot(stored[c.chunk_id], qvec))
        return out

    def _stored_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        try:
            got = self.collection().get(ids=chunk_ids, include=["embeddings"])
        except Exception:  # a missing vector only loses this candidate's cosine
            return {}
        vectors = got.get("embeddings")
        if vectors is None:
            return {}
        return {
            cid: np.asarray(vec, dtype=np.float32)
            for cid, vec in zip(got["ids"], vectors, strict=True)
        }


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _passage(chunk: ChunkRow, article: ArticleRow, score: float, source: str) -> Passage:
    return Passage(
        chunk_id=chunk.chunk_id,
        article_id=article.article_id,
        title=article.title,
        source=source,
        url=article.url,
        published=article.published,
        text=chunk.text,
        start=chunk.start,
        end=chunk.end,
        score=score,
    )
