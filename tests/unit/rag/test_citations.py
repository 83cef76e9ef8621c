"""rag.citations: every [n] that reaches a user names a passage that was given."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rag.citations import markers, validate
from rag.types import Passage


def passage(i: int) -> Passage:
    text = f"Passage number {i} says something."
    return Passage(f"c{i}", f"a{i}", f"Title {i}", "Wire", "", "", text, 0, len(text), 1.0)


def test_unknown_markers_are_dropped_and_the_rest_renumbered_by_first_use() -> None:
    text, cites = validate("B said so [3]. A said so [1][7]. Again [3, 1].", [passage(i) for i in
                                                                               range(1, 4)])
    assert text == "B said so [1]. A said so [2]. Again [1][2]."
    assert [(c.n, c.article_id) for c in cites] == [(1, "a3"), (2, "a1")]


def test_quotes_follow_their_passage_through_renumbering() -> None:
    _, cites = validate("X [2].", [passage(1), passage(2)], {2: [(0, 7)], 1: [(1, 2)]})
    assert [(c.n, c.article_id, c.quotes) for c in cites] == [(1, "a2", ((0, 7),))]


def test_no_valid_marker_means_no_citation() -> None:
    text, cites = validate("Nothing backs this [9].", [passage(1)])
    assert (text, cites) == ("Nothing backs this.", [])


SENTENCE = st.text(alphabet="abc xyz", min_size=1, max_size=20)
MARK = st.lists(st.integers(0, 12), min_size=0, max_size=3)


@given(st.lists(st.tuples(SENTENCE, MARK), max_size=8), st.integers(0, 6))
def test_every_marker_left_points_at_a_returned_citation(
    parts: list[tuple[str, list[int]]], given_count: int
) -> None:
    raw = " ".join(s + "".join(f"[{n}]" for n in ns) for s, ns in parts)
    passages = [passage(i) for i in range(1, given_count + 1)]
    text, cites = validate(raw, passages)
    used = markers(text)
    assert [c.n for c in cites] == list(range(1, len(cites) + 1))
    assert set(used) == {c.n for c in cites}
    # Citation n is the passage its first marker named, in order of first use.
    named = [n for _, ns in parts for n in ns if 1 <= n <= given_count]
    first_use = list(dict.fromkeys(named))
    assert [c.article_id for c in cites] == [f"a{n}" for n in first_use]
    assert not re.search(r"\[(\d+)\]\[\1\]", text)  # "[1][1]" collapses to "[1]"
