"""Folding copies (ingest/fold.py): the stable sample saved with each article, the fast exact
check, and which stored articles a new one is checked against, on a real manifest."""

from __future__ import annotations

import hashlib
import random
import sqlite3
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
    found = index._candidates(sample, 1)
    assert found[:2] == ["whole", "run-copy"]  # all of the sample; the stored one first
    assert "other" not in found
    assert ("half" in found) == bool(set(fingerprint(half).sample.tolist()) & set(sample.tolist()))
    assert index._candidates(sample, len(sample) + 1) == []
    index.discard("whole")
    assert index.match("new", fingerprint(STORY)) == "run-copy"  # a gone article never wins
    manifest.close()


def _long_story(seed: int, words: int = 6000) -> str:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_the_hash_index_follows_every_write(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    _store(manifest, "story", STORY)
    _store(manifest, "other", OTHER)
    sample = fingerprint(STORY).sample
    assert manifest.fold_candidates(sample, 1) == [(len(sample), "story")]
    # Rewritten with other text: its old hashes no longer find it, the new ones do.
    _store(manifest, "story", OTHER)
    assert manifest.fold_candidates(sample, 1) == []
    assert [a for _, a in manifest.fold_candidates(fingerprint(OTHER).sample, 1)] == [
        "other", "story"]
    # Removed (its owner number may be given to the next article): nothing of it is left.
    manifest.commit_articles([], [], removed=["story", "other"])
    _store(manifest, "next", STORY)
    assert manifest.fold_candidates(fingerprint(OTHER).sample, 1) == []
    assert manifest.fold_candidates(sample, 1) == [(len(sample), "next")]
    manifest.close()


def test_a_sample_longer_than_one_query_counts_every_part(tmp_path: Path) -> None:
    # Over 500 sampled hashes: looked up in several IN-lists, shared counts summed.
    manifest = Manifest(tmp_path / "manifest.sqlite")
    long_story = _long_story(1)
    sample = fingerprint(long_story).sample
    assert len(sample) > 600
    _store(manifest, "long", long_story)
    half = " ".join(long_story.split()[:3000])
    _store(manifest, "half", half)
    found = manifest.fold_candidates(sample, 0.3 * len(sample))
    shared_half = len(set(sample.tolist()) & set(fingerprint(half).sample.tolist()))
    assert found == [(len(sample), "long"), (shared_half, "half")]
    assert manifest.fold_candidates(sample, shared_half + 1) == [(len(sample), "long")]
    manifest.close()


def test_a_run_article_already_committed_is_one_candidate(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    index = FoldIndex(manifest)
    index.add("first", fingerprint(STORY))
    _store(manifest, "first", STORY)  # its batch is committed while the run goes on
    assert index._candidates(fingerprint(STORY).sample, 1) == ["first"]
    manifest.close()


def test_a_schema_4_manifest_gets_its_samples_indexed(tmp_path: Path) -> None:
    path = tmp_path / "manifest.sqlite"
    manifest = Manifest(path)
    for aid, text in [("story", STORY), ("other", OTHER), ("long", _long_story(2))]:
        _store(manifest, aid, text)
    before = {aid: manifest.fold_candidates(fingerprint(t).sample, 1)
              for aid, t in [("story", STORY), ("other", OTHER)]}
    manifest.close()
    with sqlite3.connect(path) as conn:  # the samples as schema 4 kept them
        conn.executescript(
            "CREATE TABLE fingerprints (article_id TEXT PRIMARY KEY, sample BLOB NOT NULL);"
            "INSERT INTO fingerprints SELECT article_id, sample FROM fold_prints ORDER BY owner;"
            "DROP TABLE fold_prints; DROP TABLE fold_samples;"
            "UPDATE meta SET value='4' WHERE key='schema_version';"
        )
    migrated = Manifest(path)
    assert migrated.get_meta("schema_version") == "5"
    assert {aid: migrated.fold_candidates(fingerprint(t).sample, 1)
            for aid, t in [("story", STORY), ("other", OTHER)]} == before
    assert migrated.unfingerprinted() == []
    tables = {r[0] for r in migrated._conn().execute("SELECT name FROM sqlite_master")}
    assert "fingerprints" not in tables
    migrated.close()
    assert Manifest(path).get_meta("schema_version") == "5"  # opened again: nothing to do
