"""Folding copies (ingest/fold.py): the stable sample saved with each article, the fast exact
check, and which stored articles a new one is checked against, on a real manifest."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest import fold, fold_samples
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
    index = FoldIndex(manifest, tmp_path / "fold")
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
    index = FoldIndex(manifest, tmp_path / "fold")
    index.add("run-copy", fingerprint(STORY))
    sample = fingerprint(STORY).sample
    found = _candidates(index, sample, 1)
    assert found[:2] == ["whole", "run-copy"]  # all of the sample; the stored one first
    assert "other" not in found
    assert ("half" in found) == bool(set(fingerprint(half).sample.tolist()) & set(sample.tolist()))
    assert _candidates(index, sample, len(sample) + 1) == []
    index.discard("whole")
    assert index.match("new", fingerprint(STORY)) == "run-copy"  # a gone article never wins
    manifest.close()


def _stories(n: int) -> dict[str, str]:
    rng = random.Random(n)
    vocab = [f"w{i}" for i in range(400)]
    return {f"a{i:03d}": " ".join(rng.choice(vocab) for _ in range(120)) for i in range(n)}


def _index(manifest: Manifest, root: Path) -> FoldIndex:
    index = FoldIndex(manifest, root)
    index.match("warm-up", fingerprint(STORY))  # loads the stored samples
    return index


def _candidates(index: FoldIndex, sample: np.ndarray, need: float) -> list[str]:
    return list(index._candidates(sample, need))


def _all_candidates(index: FoldIndex, texts: list[str]) -> list[list[str]]:
    return [_candidates(index, fingerprint(t).sample, 2) for t in texts]


def _saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stories: dict[str, str], first: int
) -> tuple[Manifest, Path]:
    """A manifest holding the ``first`` stories, and the array of their samples saved in the
    returned folder (written whatever its size)."""
    manifest = Manifest(tmp_path / "manifest.sqlite")
    for aid, text in list(stories.items())[:first]:
        _store(manifest, aid, text)
    monkeypatch.setattr(fold_samples, "REWRITE_MIN", 0)
    root = tmp_path / "saved"
    _index(manifest, root)
    return manifest, root


def test_the_saved_array_plus_what_came_after_finds_what_a_fresh_read_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = _stories(60)
    manifest, root = _saved(tmp_path, monkeypatch, stories, 40)  # the array: 40 stories
    assert len(list(root.glob("*.npy"))) == 3
    monkeypatch.setattr(fold_samples, "REWRITE_MIN", 10**9)
    # After it: 20 more stored, 5 rewritten with other text, 5 deleted.
    for aid, text in list(stories.items())[40:]:
        _store(manifest, aid, text)
    for aid in ["a001", "a002", "a003", "a004", "a005"]:
        _store(manifest, aid, STORY + " " + aid)
    manifest.commit_articles([], [], removed=["a010", "a011", "a012", "a013", "a014"])
    probes = list(stories.values()) + [STORY]
    from_array = _all_candidates(_index(manifest, root), probes)
    fresh = _all_candidates(_index(manifest, tmp_path / "none"), probes)
    assert from_array == fresh
    assert from_array[1] == [] and from_array[10] == []  # rewritten, deleted: never found
    assert from_array[-1][:5] == ["a001", "a002", "a003", "a004", "a005"]
    assert from_array[50] == ["a050"]
    manifest.close()


def test_the_array_is_written_again_when_what_came_after_outgrows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = _stories(30)
    manifest, root = _saved(tmp_path, monkeypatch, stories, 10)
    first = json.loads(manifest.get_meta(fold_samples.META_KEY))
    _index(manifest, root)  # nothing stored since: the same array
    assert json.loads(manifest.get_meta(fold_samples.META_KEY)) == first
    for aid, text in list(stories.items())[10:]:
        _store(manifest, aid, text)  # twice as many hashes as the array holds
    index = _index(manifest, root)
    second = json.loads(manifest.get_meta(fold_samples.META_KEY))
    assert second["token"] != first["token"] and second["covers"] > first["covers"]
    assert sorted(p.name.split(".")[0] for p in root.iterdir()) == [second["token"]] * 3
    assert _all_candidates(index, list(stories.values())) == [[a] for a in stories]
    manifest.close()


@pytest.mark.parametrize("damage", ["files gone", "meta garbled", "files truncated"])
def test_an_unreadable_array_is_read_whole_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    stories = _stories(12)
    manifest, root = _saved(tmp_path, monkeypatch, stories, len(stories))
    if damage == "files gone":
        for path in root.iterdir():
            path.unlink()
    elif damage == "meta garbled":
        manifest.set_meta(fold_samples.META_KEY, "{not json")
    else:
        for path in root.glob("*.keys.npy"):
            path.write_bytes(path.read_bytes()[:100])
    monkeypatch.setattr(fold_samples, "REWRITE_MIN", 10**9)
    index = _index(manifest, root)
    assert _all_candidates(index, list(stories.values())) == [[a] for a in stories]
    manifest.close()


def test_owner_numbers_are_never_given_twice(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    _store(manifest, "story", STORY)
    _store(manifest, "other", OTHER)
    (last, _), = manifest.fold_prints(after=1)
    manifest.commit_articles([], [], removed=["other"])  # the highest number, deleted
    _store(manifest, "next", OTHER)
    (owner, _), = manifest.fold_prints(after=last)
    assert owner > last
    assert manifest.fold_owners([1, last, owner]) == {1: "story", owner: "next"}
    manifest.close()


def test_a_run_article_already_committed_is_one_candidate(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite")
    index = FoldIndex(manifest, tmp_path / "fold")
    index.add("first", fingerprint(STORY))
    _store(manifest, "first", STORY)  # its batch is committed while the run goes on
    index.match("warm-up", fingerprint(OTHER))  # the stored samples are read now
    assert _candidates(index, fingerprint(STORY).sample, 1) == ["first"]
    manifest.close()


def test_a_schema_4_manifest_keeps_its_samples_in_their_order(tmp_path: Path) -> None:
    path = tmp_path / "manifest.sqlite"
    manifest = Manifest(path)
    stories = _stories(8)
    for aid, text in stories.items():
        _store(manifest, aid, text)
    manifest.close()
    with sqlite3.connect(path) as conn:  # the samples as schema 4 kept them
        conn.executescript(
            "CREATE TABLE fingerprints (article_id TEXT PRIMARY KEY, sample BLOB NOT NULL);"
            "INSERT INTO fingerprints SELECT article_id, sample FROM fold_prints "
            "ORDER BY owner DESC;"
            "DROP TABLE fold_prints;"
            "UPDATE meta SET value='4' WHERE key='schema_version';"
        )
    migrated = Manifest(path)
    assert migrated.get_meta("schema_version") == "5"
    assert [migrated.fold_owners([o])[o] for o, _ in migrated.fold_prints()] == list(
        reversed(stories))  # the old table's row order
    assert migrated.unfingerprinted() == []
    tables = {r[0] for r in migrated._conn().execute("SELECT name FROM sqlite_master")}
    assert "fingerprints" not in tables
    index = _index(migrated, tmp_path / "fold")
    assert _all_candidates(index, list(stories.values())) == [[a] for a in stories]
    migrated.close()
    assert Manifest(path).get_meta("schema_version") == "5"  # opened again: nothing to do


def test_this_runs_candidates_that_tie_come_in_the_order_they_were_added(
    tmp_path: Path,
) -> None:
    # Two equal matches: the first added is checked first, whatever the process's string
    # hashing (it decided the order before, so a tie folded into either story).
    manifest = Manifest(tmp_path / "manifest.sqlite")
    index = FoldIndex(manifest, tmp_path / "fold")
    names = [f"run-{i}" for i in range(12)]
    for name in names:
        index.add(name, fingerprint(STORY))
    assert _candidates(index, fingerprint(STORY).sample, 1) == names
    manifest.close()


def _covered_share(new: fold.Fingerprint, stored: frozenset[int]) -> float:
    """The definition: every word of a shingle ``stored`` also has is covered."""
    covered = [False] * new.n_words
    width = min(fold.SHINGLE, new.n_words)
    for i, h in enumerate(new.ordered):
        if h in stored:
            covered[i : i + width] = [True] * width
    return sum(covered) / new.n_words


@given(st.lists(st.sampled_from("a b c d e f".split()), min_size=1, max_size=40),
       st.lists(st.sampled_from("a b c d e f".split()), max_size=40),
       st.floats(min_value=0.0, max_value=1.0))
def test_coverage_counts_covered_words_and_stops_only_below_its_floor(
    new_words: list[str], stored_words: list[str], floor: float
) -> None:
    new = fingerprint(" ".join(new_words))
    stored = shingles(" ".join(stored_words))
    exact = _covered_share(new, stored)
    assert coverage(new, stored) == pytest.approx(exact)
    bounded = coverage(new, stored, floor)
    if exact >= floor:
        assert bounded == pytest.approx(exact)
    else:
        assert bounded < floor
