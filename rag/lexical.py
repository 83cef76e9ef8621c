"""BM25 over the same chunks as Chroma, built by ingest from the manifest and loaded once.

The index lives in ``data_dir/bm25/<generation>/`` and is swapped in by renaming, so a reader
never sees a half-written index; a reader notices a newer generation and reloads.
"""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.manifest import Manifest
from rag.text import terms

CURRENT = "CURRENT"


@dataclass
class LexicalIndex:
    generation: int
    chunk_ids: list[str]
    sources: np.ndarray  # object array, per chunk
    published_ts: np.ndarray  # float64 per chunk, NaN when unknown
    idf: dict[str, float]
    bm25: Any  # bm25s.BM25 (the library ships no type information); None for an empty store

    def scores(self, question: str, mask: np.ndarray | None = None) -> np.ndarray | None:
        """BM25 score of every chunk (zeroed where ``mask`` filters it out); None when no
        question term is in the index, so callers can skip the lexical side entirely."""
        if self.bm25 is None:
            return None
        vocab = self.bm25.vocab_dict
        q = [t for t in terms(question) if t in vocab]
        if not q:
            return None
        scores = np.asarray(self.bm25.get_scores(q), dtype=np.float32)
        return scores * mask if mask is not None else scores

    def term_idf(self, term: str) -> float:
        return self.idf.get(term, self._max_idf)

    @property
    def _max_idf(self) -> float:
        return math.log(1 + len(self.chunk_ids) + 0.5) if self.chunk_ids else 1.0


def build(manifest: Manifest, root: Path) -> int:
    """Rebuild the index for the manifest's current generation; returns that generation."""
    import bm25s

    generation = manifest.generation
    ids, corpus, sources, dates = [], [], [], []
    df: Counter[str] = Counter()
    for chunk_id, chunk_terms, source, ts in manifest.iter_chunk_terms():
        toks = chunk_terms.split()
        ids.append(chunk_id)
        corpus.append(toks)
        sources.append(source)
        dates.append(float("nan") if ts is None else float(ts))
        df.update(set(toks))
    n = len(ids)
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{generation}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        if n:
            model = bm25s.BM25()
            # bm25s wants every document to hold a token; an empty chunk gets a placeholder.
            model.index([toks or ["\x00"] for toks in corpus], show_progress=False)
            model.save(str(tmp / "bm25"))
        (tmp / "chunks.json").write_text(
            json.dumps({"generation": generation, "ids": ids, "sources": sources, "dates": dates}),
            encoding="utf-8",
        )
        (tmp / "idf.json").write_text(json.dumps(idf), encoding="utf-8")
    except OSError:  # the disk full: leave no half-written index behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    final = root / str(generation)
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
    pointer = root / (CURRENT + ".tmp")
    pointer.write_text(str(generation), encoding="utf-8")
    pointer.replace(root / CURRENT)
    for old in root.iterdir():
        if old.is_dir() and old.name != str(generation) and not old.name.startswith(".tmp"):
            shutil.rmtree(old, ignore_errors=True)
    return generation


def current_generation(root: Path) -> int | None:
    try:
        return int((root / CURRENT).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def load(root: Path) -> LexicalIndex | None:
    """The index CURRENT points at, or None when there is none (or it vanished mid-swap)."""
    import bm25s

    generation = current_generation(root)
    if generation is None:
        return None
    folder = root / str(generation)
    try:
        meta = json.loads((folder / "chunks.json").read_text(encoding="utf-8"))
        idf = json.loads((folder / "idf.json").read_text(encoding="utf-8"))
        model = bm25s.BM25.load(str(folder / "bm25")) if meta["ids"] else None
    except (OSError, ValueError, KeyError):
        return None
    return LexicalIndex(
        generation=generation,
        chunk_ids=meta["ids"],
        sources=np.asarray(meta["sources"], dtype=object),
        published_ts=np.asarray(meta["dates"], dtype=np.float64),
        idf=idf,
        bm25=model,
    )
