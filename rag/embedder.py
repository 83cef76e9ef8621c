"""The embedding model, loaded once per process and only by commands that need it."""

from __future__ import annotations

import os
import threading

import numpy as np


class Embedder:
    """Lazily loaded sentence-transformers model; vectors are L2-normalised float32.

    ``threads`` sets torch's intra-op threads when the model loads (process-wide; 0 leaves
    torch's default of one per core). The default is 1: a question is a few dozen tokens, too
    little to split across cores, and on a 2-core box that also runs other work, OpenMP threads
    spin waiting for a sibling that is not scheduled. Measured on the shared 2-core box: one
    question 13 ms CPU / 23 ms wall with 1 thread vs 240 ms / 1100 ms with 2; 50 sentences
    280 ms vs 1050 ms CPU. During ingest the second core then reads, chunks and writes Chroma
    while the first encodes.
    """

    def __init__(self, model_path: str, batch_size: int = 64, threads: int = 1) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        self.texts_encoded = 0  # running count, so tests and benchmarks can see skipped work

    @property
    def model(self):  # noqa: ANN201 - SentenceTransformer import is deferred on purpose
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                    import torch
                    from sentence_transformers import SentenceTransformer

                    if self.threads > 0:
                        torch.set_num_threads(self.threads)
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

    @property
    def dim(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vecs = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        self.texts_encoded += len(texts)
        return np.asarray(vecs, dtype=np.float32)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
