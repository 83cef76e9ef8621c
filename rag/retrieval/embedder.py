"""The embedding model, loaded once per process and only by commands that need it."""

from __future__ import annotations

import copy
import os
import threading
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from rag.retrieval.wordmatch import WordMatcher

# A traced graph is kept only if it reproduces the eager model this closely on a text of
# another length than the one it was traced on (it measured 0.0 difference here).
TRACE_TOLERANCE = 1e-5
# Batches of at least this many texts (ingest) run on ``batch_threads``; smaller ones (a
# question, the rerank's few sentences) on ``threads``. A handful of short texts is too little
# work to split across cores, while an ingest batch of 256 chunks splits well.
PARALLEL_BATCH = 32
# A few texts run end to end as one sequence of at most this many tokens (a text longer than
# this, up to the model's window, runs alone): each text's tokens attend only to its own and
# count positions from 0, so it gets the vector it gets alone, without the padding a batch pads
# every text with to the longest (44 % more tokens on the grounding benchmark's calls). One
# call per pack: a call costs ~7 ms of per-layer overhead here, ~45 tokens' worth of work,
# while attention across a long pack computes scores it masks out; on the grounding
# benchmark's 205 calls packs of 256-4,096 tokens measured alike (23 ms a call against 29 ms
# padded), on 19 rerank-sized calls of 25 sentences 256 was best (113 ms; 121 ms at 4,096,
# 224 ms padded).
PACK_TOKENS = 256
# all-MiniLM-L6-v2's width: the shape of an empty result, for which no model is loaded.
DIMENSION = 384


class TextEncoder(Protocol):
    """What retrieval, answering and ingest need from an embedding model.

    ``Embedder`` is the real one (MiniLM); unit tests pass a tiny deterministic one.
    """

    texts_encoded: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...

    def encode_one(self, text: str) -> np.ndarray:
        """One text's L2-normalised vector (the question on every query)."""
        ...

    def encode_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenVectors]]:
        """``encode`` plus each text's token vectors (the answerer matches words with them)."""
        ...

    def encode_one_tokens(self, text: str) -> tuple[np.ndarray, TokenVectors]:
        """``encode_one`` plus the question's token vectors."""
        ...

    def word_matcher(self) -> WordMatcher:
        """The word-piece matcher over the same model's vocabulary (``rag.retrieval.wordmatch``)."""
        ...

    def preload(self) -> None:
        """Start loading the model in the background, if there is one to load."""
        ...


@dataclass(frozen=True)
class Query:
    """A question encoded once for the whole request: its text (a follow-up already made
    standalone), its vector (retrieval, the answerer's sentence scores) and its word vectors
    (the answerer's word matching), from one forward pass."""

    text: str
    vector: np.ndarray
    words: TokenVectors | None = None


@dataclass(frozen=True)
class TokenVectors:
    """One text's contextual token vectors from the same forward pass as its sentence vector:
    word-piece ids and L2-normalised rows (float16), [CLS]/[SEP] left out. The answerer matches
    question words to passage words with them (``rag.extractive.evidence.maxsim``)."""

    ids: np.ndarray
    vecs: np.ndarray

    @classmethod
    def from_output(cls, ids: Any, hidden: Any, mask: Any) -> TokenVectors:
        """From torch tensors: one text's input ids, last hidden states and attention mask."""
        n = int(mask.sum())
        return cls.from_text(ids[:n], hidden[:n])

    @classmethod
    def from_text(cls, ids: Any, hidden: Any) -> TokenVectors:
        """From torch tensors: one text's input ids and last hidden states, no padding."""
        ids_ = np.asarray(ids.tolist(), dtype=np.int64)[1:-1]
        vecs = hidden.float().numpy()[1:-1]
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return cls(ids_, (vecs / np.maximum(norms, 1e-9)).astype(np.float16))


class Embedder:
    """Lazily loaded sentence-transformers model; vectors are L2-normalised float32.

    Threads are chosen per workload, on the calling thread only (torch's intra-op thread count
    is an OpenMP setting of each OS thread): ``threads`` (default 1) for a question or a few
    sentences, ``batch_threads`` (default 0: one per core) for ingest batches. A question is a
    few dozen tokens, too little to split; on a quiet 2-core box an ingest batch encodes about
    1.2x faster on two threads (docs/PERFORMANCE.md). On a box busy with other work, OpenMP
    threads spin waiting for a sibling that is not scheduled (measured there: one question 13
    ms CPU with 1 thread vs 240 ms with 2), so set ``batch_threads`` to 1 on a shared machine.
    """

    def __init__(
        self, model_path: str, batch_size: int = 64, threads: int = 1, batch_threads: int = 0
    ) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self.threads = threads
        self.batch_threads = batch_threads or (os.cpu_count() or 1)
        self._local = threading.local()  # the torch thread count last set on each OS thread
        self._model: Any = None  # SentenceTransformer, imported on first use
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        # _SingleText once built; False when the model does not fit it
        self._single: _SingleText | bool | None = None
        self._tokenize_lock = threading.Lock()
        self._single_lock = threading.Lock()
        self.texts_encoded = 0  # running count, so tests and benchmarks can see skipped work
        self._words: Any = None

    @property
    def model(self):  # SentenceTransformer import is deferred on purpose
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                    from sentence_transformers import SentenceTransformer

                    self._model = SentenceTransformer(
                        self.model_path, device="cpu", local_files_only=True
                    )
        return self._model

    def preload(self) -> None:
        """Load the model on a background thread, so torch's seconds of imports overlap I/O.

        Called by ingest as soon as it knows something needs embedding; ``encode`` then waits
        on the same lock instead of starting the load itself.
        """
        if self._model is None and self._loading is None:
            self._loading = threading.Thread(
                target=lambda: self.model, name="newsdesk-model-load", daemon=True
            )
            self._loading.start()

    def word_matcher(self) -> WordMatcher:
        """The model's word-piece matcher (``rag.retrieval.wordmatch.WordMatcher``), built once."""
        if self._words is None:
            from rag.retrieval.wordmatch import WordMatcher

            model = self.model
            with self._lock:
                if self._words is None:
                    table = model[0].auto_model.get_input_embeddings().weight.detach().numpy()
                    self._words = WordMatcher(model.tokenizer, table)
        return self._words

    def _use_threads(self, n: int) -> None:
        """Set torch's intra-op threads for the calling OS thread, if not already set."""
        if n > 0 and getattr(self._local, "threads", None) != n:
            import torch

            torch.set_num_threads(n)
            self._local.threads = n

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised vectors; a few texts (fewer than PARALLEL_BATCH: the grounding
        check's claim and passage sentences, the rerank's) go through the traced transformer
        of ``encode_one`` packed end to end (``PACK_TOKENS``), each pooled over its own
        tokens: the same vectors (within 2e-7 on the grounding benchmark's 205 calls) without
        ``SentenceTransformer.encode``'s per-call overhead or a padded batch's padding."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        if (single := self._traced_for(texts)) is not None:
            return self._few(single, texts)[0]
        model = self.model
        self._use_threads(self.batch_threads if len(texts) >= PARALLEL_BATCH else self.threads)
        vecs = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        self.texts_encoded += len(texts)
        return np.asarray(vecs, dtype=np.float32)

    def encode_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenVectors]]:
        """Sentence vectors (as ``encode``) and each text's token vectors, in one pass; a few
        texts through the traced transformer as ``encode`` sends them."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32), []
        if (single := self._traced_for(texts)) is not None:
            return self._few_tokens(single, texts)
        import torch

        model = self.model
        self._use_threads(self.batch_threads if len(texts) >= PARALLEL_BATCH else self.threads)
        with torch.inference_mode():
            out = model.encode(
                texts, batch_size=self.batch_size, output_value=None, show_progress_bar=False
            )
        vecs = np.stack([o["sentence_embedding"].float().numpy() for o in out])
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        tokens = [
            TokenVectors.from_output(o["input_ids"], o["token_embeddings"], o["attention_mask"])
            for o in out
        ]
        self.texts_encoded += len(texts)
        return vecs.astype(np.float32, copy=False), tokens

    def encode_one_tokens(self, text: str) -> tuple[np.ndarray, TokenVectors]:
        """``encode_one`` plus the question's token vectors, which the same pass computes."""
        single = self._single_text()
        if single is None:
            vecs, tokens = self.encode_tokens([text])
            return vecs[0], tokens[0]
        vec, hidden, batch = self._one_pass(single, text)
        return vec, TokenVectors.from_output(
            batch["input_ids"][0], hidden, batch["attention_mask"][0]
        )

    def encode_one(self, text: str) -> np.ndarray:
        """One question's vector, the step every query waits on.

        A single short text spends most of its time in per-layer Python and dispatch overhead,
        not arithmetic, so it goes through a TorchScript trace of the transformer (built once,
        checked against the eager model) with mean pooling done here. Measured on a quiet
        2-core box over 100 SQuAD questions: p50 12.3 ms through ``SentenceTransformer.encode``,
        10.4 ms eager without its wrapper, 7.3 ms traced (docs/PERFORMANCE.md). Batches keep
        ``encode``: there the matrix products dominate and tracing measured no faster.
        """
        single = self._single_text()
        if single is None:
            return self.encode([text])[0]
        return self._one_pass(single, text)[0]

    def _one_pass(self, single: _SingleText, text: str) -> tuple[np.ndarray, Any, Any]:
        """One text through the single-text path: its vector, last hidden states and the
        tokenized batch (``encode_one_tokens`` makes token vectors of the last two)."""
        self._use_threads(self.threads)
        with self._tokenize_lock:  # a fast tokenizer is not safe to share across threads
            batch = single.tokenizer(
                [text], return_tensors="pt", truncation=True, max_length=single.max_length
            )
        vec, hidden = single.embed_tokens(batch["input_ids"], batch["attention_mask"])
        self.texts_encoded += 1
        return vec, hidden, batch

    def _traced_for(self, texts: list[str]) -> _SingleText | None:
        """The single-text path's transformer when ``texts`` are a few (fewer than
        PARALLEL_BATCH), run as one batch padded to the longest; None for a large batch or a
        model that path does not fit."""
        return self._single_text() if len(texts) < PARALLEL_BATCH else None

    def _few_tokens(
        self, single: _SingleText, texts: list[str]
    ) -> tuple[np.ndarray, list[TokenVectors]]:
        vecs, hidden = self._few(single, texts)
        return vecs, [TokenVectors.from_text(ids, states) for ids, states in hidden]

    def _few(self, single: _SingleText, texts: list[str]) -> tuple[np.ndarray, list[Any]]:
        """Vectors of a few texts and each one's (input ids, last hidden states): packed end
        to end (``PACK_TOKENS``) where the model's graph was checked to allow it, else as
        one padded batch."""
        self._use_threads(self.threads)
        if single.packed is None:
            with self._tokenize_lock:
                batch = single.tokenizer(
                    texts, return_tensors="pt", padding=True, truncation=True,
                    max_length=single.max_length,
                )
            ids, mask = batch["input_ids"], batch["attention_mask"]
            vecs, states = single.embed_padded(ids, mask)
            self.texts_encoded += len(texts)
            lengths = [int(m.sum()) for m in mask]
            return vecs, [(ids[i][:n], states[i][:n]) for i, n in enumerate(lengths)]
        with self._tokenize_lock:
            ids = single.tokenizer(texts, truncation=True, max_length=single.max_length)[
                "input_ids"
            ]
        parts: list[np.ndarray] = []
        hidden: list[Any] = []
        for pack in _packs(ids, PACK_TOKENS):
            vecs, states = single.embed_packed(pack)
            parts.append(vecs)
            hidden += states
        self.texts_encoded += len(texts)
        return np.vstack(parts), hidden

    def _single_text(self) -> _SingleText | None:
        if self._single is None:
            model = self.model
            with self._single_lock:
                if self._single is None:
                    self._single = _SingleText.build(model) or False
        return self._single if isinstance(self._single, _SingleText) else None


def _packs(ids: list[list[int]], limit: int) -> list[list[list[int]]]:
    """The texts' token ids in order, cut into packs of at most ``limit`` tokens (a longer
    text alone)."""
    packs: list[list[list[int]]] = []
    size = limit
    for text in ids:
        if size + len(text) > limit:
            packs.append([])
            size = 0
        packs[-1].append(text)
        size += len(text)
    return packs


def _pack(ids: list[list[int]]) -> tuple[Any, Any, Any, Any]:
    """Texts' token ids end to end as one row, with the additive attention mask that keeps each
    token to its own text's tokens, positions counted from 0 in each text, and each token's
    text (torch tensors)."""
    import torch

    lengths = [len(text) for text in ids]
    owner = torch.repeat_interleave(torch.arange(len(ids)), torch.tensor(lengths))
    positions = torch.cat([torch.arange(n) for n in lengths])
    own = owner[:, None] == owner[None, :]
    mask = torch.zeros(own.shape).masked_fill_(~own, torch.finfo(torch.float32).min)
    row = torch.tensor([[token for text in ids for token in text]])
    return row, mask[None, None], positions[None], owner


def _packed_module(eager: Any) -> Any:
    """``eager`` (a Hugging Face encoder) called with positional inputs, as a trace needs: a
    packed row's ids, its block mask and its positions."""
    import torch

    class Packed(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = eager

        def forward(self, input_ids: Any, mask: Any, positions: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=mask, position_ids=positions,
                              token_type_ids=torch.zeros_like(input_ids))

    return Packed()


class _SingleText:
    """Transformer + mean pooling + L2 norm for a batch of one, traced when that is exact, and
    for a few texts packed into one row (``packed``: None where that was not exact)."""

    def __init__(self, tokenizer, module, max_length: int, packed: Any = None) -> None:
        self.tokenizer = tokenizer  # (torch types)
        self.module = module
        self.max_length = max_length
        self.packed = packed

    @classmethod
    def build(cls, model) -> _SingleText | None:  # SentenceTransformer
        """None unless the model is exactly Transformer -> mean Pooling [-> Normalize], the
        pipeline this class reproduces; anything else keeps sentence-transformers' own path."""
        import torch

        names = [type(m).__name__ for m in model]
        if names[:2] != ["Transformer", "Pooling"] or names[2:] not in ([], ["Normalize"]):
            return None
        config = model[1].get_config_dict()
        if config.get("pooling_mode", "mean") != "mean" or not config.get("include_prompt", True):
            return None
        eager = model[0].auto_model.eval()
        # Its own tokenizer: a fast tokenizer keeps padding/truncation settings on its backend,
        # and this unpadded call would switch them off under a batch encode running on another
        # thread ("Unable to create tensor", seen with queries during an ingest).
        single = cls(copy.deepcopy(model.tokenizer), eager, int(model.max_seq_length or 512))
        sample = single.tokenizer(["What did the minister say?"], return_tensors="pt")
        other = single.tokenizer(
            ["A longer second text, so the check runs on a shape the trace never saw, with "
             "numbers like 1,250 and names like Rubio."], return_tensors="pt",
        )
        try:
            with warnings.catch_warnings(), torch.inference_mode():
                warnings.simplefilter("ignore")  # trace's deprecation and shape notes
                traced = torch.jit.trace(
                    eager, (sample["input_ids"], sample["attention_mask"]), strict=False
                )
            candidate = cls(single.tokenizer, traced, single.max_length)
            want = single.embed(other["input_ids"], other["attention_mask"])
            got = candidate.embed(other["input_ids"], other["attention_mask"])
            # A few texts go through the same trace as one padded batch (``Embedder.encode``):
            # it must give the eager model's vectors for a batch too, padding included.
            pair = single.tokenizer(
                ["What did the minister say?", "A second, longer text: padding must not move "
                 "the first one's vector."], return_tensors="pt", padding=True,
            )
            want_pair = single.embed_padded(pair["input_ids"], pair["attention_mask"])[0]
            got_pair = candidate.embed_padded(pair["input_ids"], pair["attention_mask"])[0]
            if max(float(np.abs(want - got).max()),
                   float(np.abs(want_pair - got_pair).max())) <= TRACE_TOLERANCE:
                candidate.packed = single.checked_packing(eager)
                return candidate
        except Exception:  # no trace (torch without TorchScript): stay eager
            pass
        return single

    def checked_packing(self, eager: Any) -> Any:
        """The encoder traced for packed texts (``embed_packed``), if on texts of other
        lengths than it was traced on it gives each text the vector this (eager) path gives
        it in a padded batch; else None, and a few texts stay a padded batch."""
        import torch

        texts = ["What did the minister say?", "Yes.", "A second, longer text: its tokens "
                 "must not see the first one's, and its positions start again at zero."]
        ids = self.tokenizer(texts)["input_ids"]
        batch = self.tokenizer(texts, return_tensors="pt", padding=True)
        want = self.embed_padded(batch["input_ids"], batch["attention_mask"])[0]
        try:
            with warnings.catch_warnings(), torch.inference_mode():
                warnings.simplefilter("ignore")
                traced = torch.jit.trace(_packed_module(eager), _pack(ids[:2])[:3],
                                         strict=False)
            trial = _SingleText(self.tokenizer, self.module, self.max_length, traced)
            got = np.vstack([trial.embed_packed(ids)[0], trial.embed_packed(ids[2:])[0]])
            if float(np.abs(got - np.vstack([want, want[2:]])).max()) <= TRACE_TOLERANCE:
                return traced
        except Exception:  # an encoder without position ids or 4-D masks: pad instead
            pass
        return None

    def embed(self, input_ids: Any, attention_mask: Any) -> np.ndarray:
        """The pooled, L2-normalised vector of a batch of one."""
        return self.embed_tokens(input_ids, attention_mask)[0]

    def embed_padded(self, input_ids: Any, attention_mask: Any) -> tuple[np.ndarray, Any]:
        """Pooled, L2-normalised vectors of a padded batch and its last hidden states: each
        text's mean is over its own tokens (the attention mask), as sentence-transformers'
        mean pooling does."""
        import torch

        with torch.inference_mode():
            hidden = self._hidden(self.module(input_ids=input_ids, attention_mask=attention_mask))
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            vecs = torch.nn.functional.normalize(pooled, dim=-1)
        return vecs.numpy().astype(np.float32, copy=False), hidden

    def embed_packed(self, ids: list[list[int]]) -> tuple[np.ndarray, list[Any]]:
        """Pooled, L2-normalised vectors of texts (token ids) run as one packed row, and each
        text's (input ids, last hidden states)."""
        import torch

        row, mask, positions, owner = _pack(ids)
        with torch.inference_mode():
            hidden = self._hidden(self.packed(row, mask, positions))[0]
            sums = torch.zeros(len(ids), hidden.shape[-1], dtype=hidden.dtype)
            sums.index_add_(0, owner, hidden)
            counts = torch.bincount(owner, minlength=len(ids)).unsqueeze(1).to(hidden.dtype)
            vecs = torch.nn.functional.normalize(sums / counts, dim=-1)
        states = torch.split(hidden, [len(text) for text in ids])
        return (vecs.numpy().astype(np.float32, copy=False),
                [(torch.tensor(text), h) for text, h in zip(ids, states, strict=True)])

    @staticmethod
    def _hidden(out: Any) -> Any:
        """The last hidden states, whichever form the (traced or eager) module returns."""
        if isinstance(out, dict):
            return out["last_hidden_state"]
        if isinstance(out, tuple | list):
            return out[0]
        return out.last_hidden_state

    def embed_tokens(self, input_ids: Any, attention_mask: Any) -> tuple[np.ndarray, Any]:
        """The pooled, L2-normalised vector and the last hidden states of a batch of one."""
        import torch

        with torch.inference_mode():
            hidden = self._hidden(self.module(input_ids=input_ids, attention_mask=attention_mask))
            vec = torch.nn.functional.normalize(hidden.mean(dim=1), dim=-1)
        return vec[0].numpy().astype(np.float32, copy=False), hidden[0]
