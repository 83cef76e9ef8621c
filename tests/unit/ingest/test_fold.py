"""Folding copies (ingest/fold.py): the stable sample saved with each article, the fast exact
check, and which stored articles a new one is checked against, on a real manifest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest import fold
from ingest.fold import FoldIndex, coverage, fingerprint, shingles
from rag.store.manifest import ArticleRow, Manifest

STORY = (
    "The harbour council met on Tuesday to discuss the budget for the coming year. Members "
    "argued for two hours about the new breakwater, which engineers say will cost more than "
    "planned. The mayor said the town would ask the region for help, and that no decision on "
    "the ferry timetable would be taken before the spring. Fishermen who attended the meeting "
    "asked for the old slipway to be repaired first, since boats have been damaged there."
)
OTHER = (
    "A late frost damaged most of the valley's apple blossom this week, growers said, and the "
    "harvest could be half of last year's. The cooperative will meet buyers on Friday to talk "
    "about prices, and the agriculture office has opened a hotline for farms that need advice "
    "on insurance claims after the cold nights."
)


def _store(manifest: Manifest, aid: str, text: str) -> None:
    row = ArticleRow(aid, f"{aid}.txt", f"h-{aid}", aid, "Wire", "", "", None, "", text, 0)
    manifest.commit_articles([row], [], fingerprints={aid: fingerprint(text).blob()})


@pytest.mark.parametrize("text", [STORY, OTHER, "Too short", "", "Exactly five words here now"])
def test_the_fast_shingles_are_the_fingerprints_shingles(text: str) -> None:
    assert shingles(text) == fingerprint(text).shingles
    assert len(fingerprint(text).ordered) == max(len(text.split()) - 4, min(len(text.split()), 1))


def test_the_saved_sample_is_blake2b_of_the_five_word_runs() -> None:
    # The sample is persisted in the manifest: it must not change with the process or version.
    words = fold._words(STORY)
    expected = set()
    for i in range(len(words) - fold.SHINGLE + 1):
        digest = hashlib.blake2b(" ".join(words[i : i + 5]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        if value % fold.SAMPLE_MOD == 0:
            expected.add(value)
    print_ = fingerprint(STORY)
    assert expected and sorted(expected) == print_.sample.tolist()
    assert print_.blob() == b"".join(v.to_bytes(8, "little") for v in sorted(expected))


def test_a_copy_folds_into_the_stored_story_and_a_different_one_does_not(
    tmp_path: Path,
) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    _store(manifest, "story", STORY)
    _store(manifest, "other", OTHER)
    index = FoldIndex(manifest)
    edited = STORY.replace("Tuesday", "Wednesday") + " Reporting by the Wire."
    assert coverage(fingerprint(edited), shingles(STORY)) >= fold.FOLD_COVERAGE
    assert index.match("copy", fingerprint(edited)) == "story"
    assert index.match("story", fingerprint(STORY)) is None  # never its own copy
    assert index.match("new", fingerprint(OTHER[:120] + " " + STORY[:80])) is None
    # Asked twice, the same answer (the stored shingles now come from the run's cache).
    assert index.match("copy", fingerprint(edited)) == "story"
    manifest.close()


def test_candidates_are_ordered_by_shared_sample_then_stored_before_run(
    tmp_path: Path,
) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    half = STORY[: len(STORY) // 2]
    _store(manifest, "whole", STORY)
    _store(manifest, "half", half)
    _store(manifest, "other", OTHER)
    index = FoldIndex(manifest)
    index.add("run-copy", fingerprint(STORY))
    sample = fingerprint(STORY).sample
    index._load()
    found = index._candidates(sample, 1)
    assert found[:2] == ["whole", "run-copy"]  # all of the sample; the stored one first
    assert "other" not in found
    assert ("half" in found) == bool(set(fingerprint(half).sample.tolist()) & set(sample.tolist()))
    assert index._candidates(sample, len(sample) + 1) == []
    index.discard("whole")
    assert index.match("new", fingerprint(STORY)) == "run-copy"  # a gone article never wins
    manifest.close()
