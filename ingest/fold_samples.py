"""Every stored article's fold sample in one array sorted by hash, kept on disk between runs.

Finding which stored articles a new one may copy (``ingest.fold``) searches each of its
sampled hashes in the samples of every stored article. Reading and sorting them all once per
ingest run cost 5.3 s cold (3.3 s warm) on a 1M-chunk desk (14M hashes), for one new article.
So the sorted array is written to the data directory (``fold-samples/``) and memory-mapped:
a run reads only the samples stored after it (owner numbers above the last one it covers; the
manifest never gives a number twice), sorts those, and searches both. Samples deleted or
replaced since stay in the array until it is next written; their owner numbers no longer name
a stored article, so ``FoldIndex`` drops them. The array is written again, whole and without
them, when the samples stored since outgrow a share of it.

The manifest's meta ``fold_samples`` names the files' token and the last owner they cover; the
files are written first and named by the meta row last, so a crash in between leaves the old
array in use (an array the meta row does not name is deleted on the next write).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.store.manifest import Manifest

log = logging.getLogger(__name__)

META_KEY = "fold_samples"
# Write the array again when the samples stored since it hold more hashes than this share of it
# (and more than REWRITE_MIN): per run, sorting them costs ~0.25 us a hash; a rewrite at 1M
# chunks (reading and sorting all 14M) ~4 s, every ~50 500-article runs there.
REWRITE_SHARE = 0.125
REWRITE_MIN = 100_000


@dataclass(frozen=True)
class Part:
    keys: np.ndarray  # sorted uint64 hashes
    who: np.ndarray  # int32: for each hash, its owner's index in ``Samples.owners``


@dataclass(frozen=True)
class Samples:
    parts: list[Part]
    owners: np.ndarray  # int64 owner numbers (``Manifest.fold_prints``), ascending by index

    def shared(self, sample: np.ndarray) -> np.ndarray:
        """For each owner index, how many of ``sample``'s hashes its sample holds (each
        stored sample holds a hash once)."""
        spans = []
        for part in self.parts:
            # One search for both ends of each posting list (sampled hashes are multiples of
            # ingest.fold.SAMPLE_MOD, so h + 1 never wraps).
            ends = np.searchsorted(part.keys, np.concatenate([sample, sample + 1]))
            lo, hi = ends[: len(sample)], ends[len(sample) :]
            spans += [part.who[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a]
        if not spans:
            return np.zeros(0, dtype=np.int64)
        return np.bincount(np.concatenate(spans))


def load(manifest: Manifest, root: Path) -> Samples:
    """The stored samples: the array on disk (written again when due) and those stored since."""
    saved, covers = _read(manifest, root)
    fresh_owners, fresh = _sorted(manifest, after=covers, first_index=len(saved.owners))
    if len(fresh.keys) > max(REWRITE_MIN, REWRITE_SHARE * _size(saved)):
        owners, whole = _sorted(manifest, after=0, first_index=0)
        _write(manifest, root, whole, owners)
        return Samples([whole], owners)
    return Samples([*saved.parts, fresh], np.concatenate([saved.owners, fresh_owners]))


def _size(samples: Samples) -> int:
    return sum(len(p.keys) for p in samples.parts)


def _sorted(manifest: Manifest, *, after: int, first_index: int) -> tuple[np.ndarray, Part]:
    """The samples numbered above ``after``, as owner numbers and one part sorted by hash whose
    owner indexes start at ``first_index``."""
    owners: list[int] = []
    blobs: list[bytes] = []
    for owner, blob in manifest.fold_prints(after=after):
        owners.append(owner)
        blobs.append(blob)
    flat = np.frombuffer(b"".join(blobs), dtype="<u8").astype(np.uint64)
    sizes = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=len(blobs))
    who = np.repeat(np.arange(first_index, first_index + len(blobs), dtype=np.int32), sizes)
    order = np.argsort(flat)  # a posting list's order does not matter: owners are counted
    return np.array(owners, dtype=np.int64), Part(flat[order], who[order])


def _read(manifest: Manifest, root: Path) -> tuple[Samples, int]:
    """The array the manifest names, memory-mapped, and the last owner it covers; an empty
    one covering nothing when there is none or it cannot be read (it is then written anew)."""
    empty = Samples([], np.zeros(0, dtype=np.int64))
    raw = manifest.get_meta(META_KEY)
    if not raw:
        return empty, 0
    try:
        meta = json.loads(raw)
        token, covers = str(meta["token"]), int(meta["covers"])
        # Plain arrays over the mapped files: numpy's memmap subclass costs more per slice
        # than a posting list's search (~2 ms per new article at 1M chunks).
        keys, who, owners = (np.load(root / f"{token}.{name}.npy", mmap_mode="r").view(np.ndarray)
                             for name in ("keys", "who", "owners"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("the fold samples in %s are unreadable (%s): reading them all", root, exc)
        return empty, 0
    if len(keys) != len(who):
        log.warning("the fold samples in %s do not match: reading them all", root)
        return empty, 0
    return Samples([Part(keys, who)], np.asarray(owners)), covers


def _write(manifest: Manifest, root: Path, part: Part, owners: np.ndarray) -> None:
    """Save ``part`` as the array on disk, then name it in the manifest, then delete others.
    A failure to write leaves the old array named (the next run reads what it lacks)."""
    token = uuid.uuid4().hex
    # The last owner read, not the manifest's last number: this run's writer may have stored
    # more since, and those must be read as samples stored after the array.
    covers = int(owners[-1]) if len(owners) else 0
    try:
        root.mkdir(parents=True, exist_ok=True)
        for name, array in (("keys", part.keys), ("who", part.who), ("owners", owners)):
            tmp = root / f"{token}.{name}.tmp.npy"
            np.save(tmp, array)
            os.replace(tmp, root / f"{token}.{name}.npy")
    except OSError as exc:
        log.warning("cannot save the fold samples in %s (%s); they are read whole again next "
                    "run", root, exc)
        return
    manifest.set_meta(META_KEY, json.dumps({"token": token, "covers": covers}))
    for path in root.iterdir():
        if not path.name.startswith(token + "."):
            with contextlib.suppress(OSError):
                path.unlink()
