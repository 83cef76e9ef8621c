"""Does Chroma hold what the manifest says it holds? The check behind ``newsdesk status``.

Counts alone are not enough: with two processes writing one embedded store, both counts agreed
(21 / 21) while the vector index pointed at deleted chunks (issue 12). So a random sample of the
manifest's chunks is also fetched from Chroma and searched for by its own vector: each must come
back among its nearest neighbours, and every neighbour must be a chunk the manifest holds.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from rag.store.manifest import Manifest

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

    from rag.store.lexical import LexicalIndex

# Chunks sampled per check, and neighbours asked for each: one get and one batched query of 50
# vectors, a few tens of milliseconds at 10k chunks; a broken index showed in 9 of 21 chunks.
SAMPLE = 50
NEIGHBOURS = 10
# Neighbours this close are the same vector (a chunk text stored twice): the sampled chunk may
# rank behind its copies without anything being wrong.
SAME_VECTOR = 1e-4


def check_store(manifest: Manifest, collection: Collection, sample: int = SAMPLE) -> list[str]:
    """One line per disagreement between the manifest and Chroma; empty when they agree."""
    problems: list[str] = []
    _, chunks = manifest.counts()
    held = collection.count()
    if held != chunks:
        problems.append(f"Chroma holds {held} chunks, the manifest {chunks}")
    pending = manifest.pending()
    if pending:
        problems.append(
            f"{len(pending)} article(s) left half-written by an interrupted ingest "
            "(run `newsdesk ingest` to finish them)"
        )
    ids = manifest.sample_chunk_ids(sample)
    if not ids or not held:
        return problems
    got = collection.get(ids=ids, include=["embeddings"])
    missing = [i for i in ids if i not in set(got["ids"])]
    if missing:
        problems.append(
            f"{len(missing)} of {len(ids)} sampled chunks are missing from Chroma "
            f"(e.g. {missing[0]})"
        )
    if len(got["ids"]):
        res = collection.query(
            query_embeddings=got["embeddings"],
            n_results=min(NEIGHBOURS, held),
            include=["distances"],
        )
        hits = [h for row in res["ids"] for h in row]
        known = manifest.known_chunks(hits)
        lost = [
            cid
            for cid, row, dists in zip(
                got["ids"], res["ids"], res["distances"] or [], strict=True
            )
            if cid not in row and not (dists and dists[-1] < SAME_VECTOR)
        ]
        if lost:
            problems.append(
                f"{len(lost)} of {len(got['ids'])} sampled chunks are not found by their own "
                "vector (the vector index is out of step with the chunks)"
            )
        stale = [h for h in hits if h not in known]
        if stale:
            problems.append(
                f"{len(stale)} of {len(hits)} vector search hits are chunks the manifest does "
                f"not hold (deleted or never committed, e.g. {stale[0]})"
            )
    peek = collection.get(limit=sample, offset=random.randrange(max(1, held - sample + 1)),
                          include=[])
    known_peek = manifest.known_chunks(peek["ids"])
    orphans = [i for i in peek["ids"] if i not in known_peek]
    if orphans:
        problems.append(
            f"{len(orphans)} of {len(peek['ids'])} sampled Chroma chunks are not in the manifest "
            f"(e.g. {orphans[0]})"
        )
    return problems


def check_lexical(
    manifest: Manifest, index: LexicalIndex | None, sample: int = SAMPLE
) -> list[str]:
    """One line per disagreement between the manifest and the lexical index (``rag.store.lexical``):
    the generation it reached, articles still to apply, its size, a sample of chunk ids."""
    _, chunks = manifest.counts()
    if index is None:
        return ["there is no lexical index (run `newsdesk ingest` to build it)"] if chunks else []
    problems: list[str] = []
    dirty = manifest.lexical_dirty()
    if index.generation != manifest.generation or dirty:
        problems.append(
            f"the lexical index is at generation {index.generation} of {manifest.generation}"
            f" with {len(dirty)} article(s) still to apply (`newsdesk ingest` applies them)"
        )
    if index.size != chunks:
        problems.append(f"the lexical index holds {index.size} chunks, the manifest {chunks}")
    ids = manifest.sample_chunk_ids(sample)
    held = index.holds(ids)
    missing = [i for i in ids if i not in held]
    if missing:
        problems.append(
            f"{len(missing)} of {len(ids)} sampled chunks are missing from the lexical index "
            f"(e.g. {missing[0]})"
        )
    return problems
