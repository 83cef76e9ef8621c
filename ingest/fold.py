"""Syndicated copies: the same wire story run by several outlets is stored once.

An article is a set of word 5-shingles. A new article folds into a stored one when nearly all of
its shingles are already there (containment, |new ∩ stored| / |new|): an identical or lightly
edited copy, or a trimmed one, adds nothing a reader could ask about, and the stored copy keeps
every passage. A longer version of a story stored trimmed does not fold (it would lose text), and
distinct reports of one event share names and quotes but few 5-word runs, so they stay apart.

Finding the candidates must not read every stored article: each stored article keeps a sample of
its shingle hashes (those divisible by ``SAMPLE_MOD``, a "mod-sampled" sketch whose overlap
estimates containment without bias), saved in the manifest with the article. A new article's
sample is looked up in a sorted array of every stored sample, kept on disk between runs
(``ingest.fold_samples``); the few articles sharing enough of it are then checked exactly on
their full text. Measured against datasketch's MinHash LSH in
bench/fold_similarity.py (docs/PERFORMANCE.md, "Folding syndicated copies").
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import logging
import re
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest import fold_samples
from ingest.fold_samples import Samples
from rag.store.manifest import Manifest
from rag.text import match_form

log = logging.getLogger(__name__)

# Words per shingle: the usual size for near-duplicate news (an edited word breaks five
# shingles). Measured with bench/fold_similarity.py on the 22 news-dev articles (three events
# with 4-5 distinct reports each) and 4 made copies of each (docs/PERFORMANCE.md).
SHINGLE = 5
# Keep the shingle hashes divisible by this (~1 in 8: ~40 per 300-word article, 8 bytes each).
# 4, 8 and 16 found the same candidates on the bench; 8 keeps short briefs (~70 words) with
# enough sampled shingles to be found.
SAMPLE_MOD = 8
# A stored article is a candidate when it holds at least this share of the new sample (the
# first VERIFY_MAX candidates are checked); distinct reports of one event shared at most 0.13 of
# their words on the bench.
CANDIDATE = 0.3
# Fold when this share of the new article's words is covered (see ``coverage``). Bench: edited
# copies (new headline, dateline, one word changed per paragraph, a credit line) 0.74-0.93,
# trimmed copies 1.0, distinct reports of the same event at most 0.13, and a full story
# arriving after its trimmed copy 0.43-0.76 (it must not fold: its extra text would be lost).
# 0.8 folds 21 of 22 edited copies, every trimmed one, no distinct report, no longer version.
FOLD_COVERAGE = 0.8
# Candidates checked word by word per new article, those sharing most of its sample first: a
# copy shares nearly all of it, so the best match is among the first few, and a store full of
# stories built from the same paragraphs (the scale corpus: every new article had hundreds of
# candidates at 20k chunks, 60 % of an ingest's time) costs no more than a few checks.
VERIFY_MAX = 8
# Stored articles whose shingles one run keeps after checking them (~2,000 hashes each).
STORED_CACHE = 2048
# Candidates whose article ids are read at a time (most need only the first block).
OWNER_BLOCK = 32

_WORD = re.compile(r"[^\W_]+(?:['.][^\W_]+)*")


@dataclass(frozen=True)
class Fingerprint:
    ordered: tuple[int, ...]  # the shingles in text order, as this process hashes them
    n_words: int
    sample: np.ndarray  # sorted uint64: stable hashes, the same in every process

    @property
    def shingles(self) -> frozenset[int]:
        return frozenset(self.ordered)

    def blob(self) -> bytes:
        return self.sample.astype("<u8").tobytes()


def _words(text: str) -> list[str]:
    return _WORD.findall(match_form(text))


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return [tuple(words)] if words else []
    return list(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


def fingerprint(text: str) -> Fingerprint:
    """Word 5-shingles of ``text`` (case, quote and dash styles ignored) and their sample.

    The sample is saved with the article, so its hashes are stable (blake2b of the words); the
    exact check only compares shingles inside one process, so those use Python's own hash, a
    fifth of the cost: a run checks thousands of stored articles' text (``shingles``).
    """
    words = _words(text)
    grams = _grams(words)
    stable = (
        int.from_bytes(hashlib.blake2b(" ".join(g).encode(), digest_size=8).digest(), "little")
        for g in grams
    )
    sample = np.array(sorted({h for h in stable if h % SAMPLE_MOD == 0}), dtype=np.uint64)
    return Fingerprint(tuple(map(hash, grams)), len(words), sample)


def shingles(text: str) -> frozenset[int]:
    """``fingerprint(text).shingles`` without the stable sample: a stored article's side of
    the exact check."""
    return frozenset(map(hash, _grams(_words(text))))


def containment(new: frozenset[int], stored: frozenset[int]) -> float:
    """Share of ``new``'s shingles found in ``stored``."""
    if not new:
        return 0.0
    return len(new & stored) / len(new)


def coverage(new: Fingerprint, stored: frozenset[int], floor: float = 0.0) -> float:
    """Share of ``new``'s words inside some 5-word run that ``stored`` also has.

    An edited word breaks five shingles but leaves only itself uncovered, so a lightly edited
    copy stays near 1.0, while text the stored article lacks (a longer version, added local
    paragraphs) shows up word for word. With ``floor``, the count stops as soon as the share
    is certain to fall below it (and returns a share below it): most candidates a new article
    is checked against are not copies.
    """
    n = new.n_words
    if not n:
        return 0.0
    width = min(SHINGLE, n)
    allowed = n - floor * n  # uncovered words the share can afford and still reach floor
    uncovered, reach = 0, 0  # reach: the first word no shared shingle so far covers
    for i, h in enumerate(new.ordered):
        if h in stored:
            if i > reach:
                uncovered += i - reach
                if uncovered > allowed:
                    return (n - uncovered) / n
            reach = i + width
    uncovered += max(0, n - reach)
    return (n - uncovered) / n


class FoldIndex:
    """Which stored article a new one is a copy of: the stored articles' samples are searched in
    the sorted array ``ingest.fold_samples`` keeps in ``root`` (loaded at the run's first check),
    this run's articles (not all committed yet) in memory."""

    def __init__(self, manifest: Manifest, root: Path) -> None:
        self.manifest = manifest
        self.root = root
        self._samples: Samples | None = None
        self._ids: dict[int, str | None] = {}  # owner number -> stored article (None: gone)
        self._run_owners: dict[int, list[str]] = {}
        self._run_prints: dict[str, Fingerprint] = {}
        self._run_order: dict[str, int] = {}  # this run's articles in the order they came
        self._gone: set[str] = set()
        # Stored articles' shingles, as checked this run: stories that many new articles share
        # paragraphs with are checked once, not once per new article.
        self._stored: OrderedDict[str, frozenset[int] | None] = OrderedDict()

    def _backfill(self) -> None:
        """Fingerprint stored articles that have no sample (ingested before schema 2)."""
        missing = self.manifest.unfingerprinted()
        if missing:
            log.info("fingerprinting %d stored article(s) for folding copies", len(missing))
            for i in range(0, len(missing), 500):
                fresh = {}
                for aid in missing[i : i + 500]:
                    row = self.manifest.article(aid)
                    if row is not None:
                        fresh[aid] = fingerprint(row.text).blob()
                self.manifest.set_fingerprints(fresh)

    def match(self, article_id: str, print_: Fingerprint) -> str | None:
        """The stored article ``article_id`` is a copy of, or None when it stands alone."""
        if len(print_.sample) == 0:
            return None  # too short to tell a copy from a coincidence
        need = CANDIDATE * len(print_.sample)
        eligible = (c for c in self._candidates(print_.sample, need)
                    if c != article_id and c not in self._gone)
        checks = list(itertools.islice(eligible, VERIFY_MAX))
        best, best_score = None, FOLD_COVERAGE
        for cid, stored in zip(checks, self._shingles(checks), strict=True):
            if stored is None:
                continue
            score = coverage(print_, stored, best_score)
            if score >= best_score:
                best, best_score = cid, score
        return best

    def _candidates(self, sample: np.ndarray, need: float) -> Iterator[str]:
        """Articles holding at least ``need`` of ``sample``'s hashes, most shared first (ties:
        stored articles in the order they were stored, then this run's in the order they came;
        an article in both, one of this run already committed, comes once). Lazily: a store
        of stories built from shared paragraphs gives a new article thousands of candidates
        at 1M chunks, and the first few are all it checks."""
        if self._samples is None:  # the run's first check
            self._backfill()
            self._samples = fold_samples.load(self.manifest, self.root)
        counts = self._samples.shared(sample)
        indexes = np.flatnonzero(counts >= need)
        indexes = indexes[np.lexsort((indexes, -counts[indexes]))]
        run: Counter[str] = Counter()
        for h in sample.tolist():
            run.update(set(self._run_owners.get(h, ())))
        ours = sorted((-n, 1, self._run_order[aid], aid) for aid, n in run.items() if n >= need)
        seen: set[str] = set()
        for *_, aid in heapq.merge(self._stored_candidates(indexes, counts), ours):
            if aid not in seen:
                seen.add(aid)
                yield aid

    def _stored_candidates(
        self, indexes: np.ndarray, counts: np.ndarray
    ) -> Iterator[tuple[int, int, int, str]]:
        """(-shared, 0, index, article id) of the stored samples at ``indexes``, their ids read
        a block at a time (none for a sample replaced or deleted since the array was saved)."""
        assert self._samples is not None
        for start in range(0, len(indexes), OWNER_BLOCK):
            block = indexes[start : start + OWNER_BLOCK].tolist()
            owners = self._samples.owners[block].tolist()
            unknown = [o for o in owners if o not in self._ids]
            if unknown:
                named = self.manifest.fold_owners(unknown)
                self._ids.update((o, named.get(o)) for o in unknown)
            for index, owner in zip(block, owners, strict=True):
                aid = self._ids[owner]
                if aid is not None:
                    yield -int(counts[index]), 0, index, aid

    def add(self, article_id: str, print_: Fingerprint) -> None:
        """An article this run stores: later articles of the run may be copies of it."""
        self._run_prints[article_id] = print_
        self._run_order.setdefault(article_id, len(self._run_order))
        self._gone.discard(article_id)
        for h in print_.sample.tolist():
            self._run_owners.setdefault(h, []).append(article_id)

    def discard(self, article_id: str) -> None:
        """An article no longer stored (it became a copy): never a fold target again this run."""
        self._gone.add(article_id)
        self._run_prints.pop(article_id, None)

    def _shingles(self, article_ids: list[str]) -> list[frozenset[int] | None]:
        """Each article's shingles (None: no longer stored), the stored ones not cached read
        in one query: each read lets go of the GIL, and getting it back waits on the writer."""
        unread = [a for a in article_ids if a not in self._run_prints and a not in self._stored]
        texts = self.manifest.texts(unread) if unread else {}
        out: list[frozenset[int] | None] = []
        for aid in article_ids:
            if aid in self._run_prints:
                out.append(self._run_prints[aid].shingles)
                continue
            if aid in self._stored:
                self._stored.move_to_end(aid)
            else:
                text = texts.get(aid)
                self._stored[aid] = shingles(text) if text is not None else None
            out.append(self._stored[aid])
        while len(self._stored) > STORED_CACHE:
            self._stored.popitem(last=False)
        return out
