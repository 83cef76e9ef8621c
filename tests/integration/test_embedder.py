"""The question encoder's fast path must give the vectors the batch path gives."""

from __future__ import annotations

import threading

import numpy as np
import torch

from rag.retrieval.embedder import PACK_TOKENS, PARALLEL_BATCH, Embedder, _packs

TEXTS = [
    "Why?",
    "What did Rubio say about guarantees?",
    "Which Norman leader besieged Dyrrachium in 1081, and how long did the siege of the "
    "Byzantine port last before it fell?",
    # Longer than the model's 256-token window: both paths must truncate the same way.
    " ".join(["The ministers met again in Geneva on Friday to discuss security guarantees."] * 40),
]


def test_single_text_matches_batch_encoding(embedder: Embedder) -> None:
    single = np.stack([embedder.encode_one(t) for t in TEXTS])
    batch = embedder.encode(TEXTS)
    assert single.shape == (len(TEXTS), 384)
    assert np.abs(single - batch).max() < 1e-5
    assert np.allclose(np.linalg.norm(single, axis=1), 1.0, atol=1e-5)


def test_a_few_texts_get_sentence_transformers_own_vectors(embedder: Embedder) -> None:
    """The small-batch path (padded, through the traced transformer) against the library's
    own encode, on texts of very different lengths (padding must not move a vector)."""
    mixed = [*TEXTS, "Yes.", TEXTS[1]]
    own = embedder.model.encode(mixed, normalize_embeddings=True, convert_to_numpy=True,
                                show_progress_bar=False)
    few = embedder.encode(mixed)
    assert few.shape == (len(mixed), 384) and few.dtype == np.float32
    assert np.abs(few - own).max() < 1e-5
    assert np.abs(embedder.encode(mixed) - few).max() == 0  # the same twice
    assert np.abs(embedder.encode(TEXTS[:1]) - few[:1]).max() < 1e-5  # alone as in a batch


def test_a_few_texts_get_the_token_vectors_a_large_batch_gets(embedder: Embedder) -> None:
    """``encode_tokens``: a few texts (the traced, padded path) against the same texts inside a
    batch large enough for sentence-transformers' own path: same sentence vectors, same word
    pieces, same token vectors (stored as float16)."""
    mixed = [*TEXTS, "Yes.", TEXTS[1]]
    few_vecs, few_tokens = embedder.encode_tokens(mixed)
    many = mixed * (-(-PARALLEL_BATCH // len(mixed)))
    own_vecs, own_tokens = embedder.encode_tokens(many)
    assert np.abs(few_vecs - own_vecs[: len(mixed)]).max() < 1e-5
    for mine, theirs in zip(few_tokens, own_tokens, strict=False):
        assert np.array_equal(mine.ids, theirs.ids)
        assert mine.vecs.shape == theirs.vecs.shape
        assert np.abs(mine.vecs.astype(np.float32) - theirs.vecs.astype(np.float32)).max() < 2e-3


def test_a_few_texts_run_packed_each_as_it_runs_alone(embedder: Embedder) -> None:
    """A few texts run end to end in packs of at most PACK_TOKENS tokens (the model's window
    alone above that): each text's vector is the one it gets alone, wherever the packs cut."""
    texts = [f"Sentence {i} " + "about the harbour budget and the ministers " * (i % 9)
             for i in range(20)] + [TEXTS[3], "Yes."]
    ids = embedder._single.tokenizer(texts, truncation=True, max_length=256)["input_ids"]
    packs = _packs(ids, PACK_TOKENS)
    assert len(packs) > 2 and [t for p in packs for t in p] == ids
    assert all(sum(map(len, p)) <= PACK_TOKENS or len(p) == 1 for p in packs)
    before = embedder.texts_encoded
    few = embedder.encode(texts)
    assert embedder.texts_encoded - before == len(texts)
    alone = np.stack([embedder.encode_one(t) for t in texts])
    assert np.abs(few - alone).max() < 1e-5
    assert isinstance(embedder._single.packed, torch.jit.ScriptModule)


def test_a_model_that_cannot_pack_pads_a_few_texts(embedder: Embedder) -> None:
    """Where the packed trace did not reproduce the model (``packed`` None), a few texts run
    as one padded batch: the same vectors and token vectors."""
    mixed = [*TEXTS, "Yes."]
    packed_vecs, packed_tokens = embedder.encode_tokens(mixed)
    single = embedder._single
    kept, single.packed = single.packed, None
    try:
        padded_vecs, padded_tokens = embedder.encode_tokens(mixed)
    finally:
        single.packed = kept
    assert np.abs(packed_vecs - padded_vecs).max() < 1e-5
    for mine, theirs in zip(packed_tokens, padded_tokens, strict=True):
        assert np.array_equal(mine.ids, theirs.ids)
        assert np.abs(mine.vecs.astype(np.float32) - theirs.vecs.astype(np.float32)).max() < 2e-3


def test_single_text_path_is_traced(embedder: Embedder) -> None:
    embedder.encode_one("warm up")
    # The speed claim in docs/PERFORMANCE.md rests on the traced graph, not the eager fallback.
    assert isinstance(embedder._single.module, torch.jit.ScriptModule)


def test_concurrent_questions_get_their_own_vectors(embedder: Embedder) -> None:
    want = {t: embedder.encode([t])[0] for t in TEXTS}
    got: dict[str, list[np.ndarray]] = {t: [] for t in TEXTS}
    errors: list[BaseException] = []

    def ask(text: str) -> None:
        try:
            for _ in range(5):
                got[text].append(embedder.encode_one(text))
        except BaseException as exc:  # surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(t,)) for t in TEXTS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for text, vectors in got.items():
        assert all(np.abs(v - want[text]).max() < 1e-5 for v in vectors)


def test_fresh_embedder_loads_on_first_question() -> None:
    from rag.settings import Settings

    cold = Embedder(Settings().model_path())
    vec = cold.encode_one("What did Rubio say about guarantees?")
    assert vec.dtype == np.float32 and vec.shape == (384,)
    assert cold.texts_encoded == 1


def test_threads_are_chosen_per_workload_on_the_calling_thread() -> None:
    """Ingest batches use every core; a question uses one, even while a batch runs elsewhere
    (torch's intra-op thread count belongs to each OS thread)."""
    from rag.retrieval.embedder import PARALLEL_BATCH
    from rag.settings import Settings

    enc = Embedder(Settings().model_path(), threads=1, batch_threads=2)
    seen: dict[str, int] = {}

    def ingest_batch() -> None:
        enc.encode([f"Chunk number {i} about the harbour budget." for i in range(PARALLEL_BATCH)])
        seen["batch"] = torch.get_num_threads()

    worker = threading.Thread(target=ingest_batch)
    worker.start()
    worker.join()
    enc.encode_one("What did Rubio say about guarantees?")
    seen["question"] = torch.get_num_threads()
    enc.encode(["Two sentences of a rerank.", "Still a small batch."])
    seen["small batch"] = torch.get_num_threads()
    assert seen == {"batch": 2, "question": 1, "small batch": 1}


def test_word_pieces_ignore_the_tokenizer_state_a_padded_batch_leaves(embedder) -> None:
    """The word matcher tokenizes with its own copy of the tokenizer: a padded batch encode
    before it once left [PAD] ids in its pieces, and answers depended on what ran first."""
    matcher = embedder.word_matcher()
    embedder.encode(["a short one", "a much longer sentence that forces the batch to pad"])
    word, sentence = matcher.pieces(["washington", "Endeavour docked with the station today."])
    assert word.tolist() == [2899]
    assert 0 not in sentence.tolist()


def test_questions_and_batches_encode_at_once_from_many_threads() -> None:
    """Queries arrive on several threads while an ingest or a rerank encodes a batch. The
    one-text path once shared the batch path's tokenizer and switched its padding off mid-call
    ("Unable to create tensor"; 4-6 failures in this loop before the fix)."""
    from rag.settings import Settings

    enc = Embedder(Settings().model_path())
    enc.encode_one("warm up")
    texts = [f"Sentence {i} " + "about the harbour budget " * (i % 7) for i in range(12)]
    errors: list[BaseException] = []

    def batches() -> None:
        for i in range(100):
            try:
                vecs, tokens = enc.encode_tokens(texts[: 2 + i % 9])
                assert len(vecs) == len(tokens) == 2 + i % 9
            except BaseException as exc:  # collected, asserted below
                errors.append(exc)

    def questions() -> None:
        for i in range(400):
            try:
                enc.encode_one_tokens(f"What did Rubio say {i}?" + " really" * (i % 5))
            except BaseException as exc:  # collected, asserted below
                errors.append(exc)

    workers = [threading.Thread(target=f) for f in (batches, batches, questions, questions)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
