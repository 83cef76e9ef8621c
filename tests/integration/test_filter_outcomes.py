"""The read side tells an empty filtered search from a refusal, names undated articles a date
range leaves out, and cuts long questions at a word (issue 16, points 1, 2 and 4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import copy_demo_corpus

from ingest import ingest
from rag.citations import REFUSAL
from rag.filters import Filters
from rag.newsdesk import MAX_QUESTION_CHARS, Newsdesk, cut_question
from rag.retrieval.embedder import Embedder
from rag.settings import Settings

HOLM = "What did Lars Holm say about the winter timetable?"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsdesk]:
    root = tmp_path_factory.mktemp("demo")
    copy_demo_corpus(root / "corpus")
    desk = Newsdesk(Settings(data_dir=root / "data", corpus_dir=root / "corpus"), embedder)
    assert ingest(desk).added == 6
    yield desk
    desk.close()


def test_filters_that_let_no_article_through_say_so(demo: Newsdesk) -> None:
    answer = demo.query(
        "What did organisers say about the festival?",
        filters={"sources": ["Baltic Wire"], "since": "2025-11-21"},
    )
    assert answer.refused and answer.passages == [] and answer.citations == []
    assert answer.no_match is not None and answer.no_match.reason == "filters"
    assert answer.text == (
        "No article matches the filters (source: Baltic Wire; from 2025-11-21). "
        "Clear or widen the filters and ask again."
    )
    # A date range past every dated article: the undated ones it left out are counted too.
    later = demo.query(HOLM, filters={"since": "2030-01-01"})
    assert later.no_match is not None and later.no_match.undated_left_out == 2
    assert "2 articles without a date are left out by the date range" in later.text
    # Without filters, a question the articles cannot answer is still a plain refusal.
    plain = demo.query("What is the boiling point of liquid nitrogen?")
    assert plain.refused and plain.no_match is None and plain.text == REFUSAL


def test_an_empty_store_is_not_a_refusal(tmp_path: Path, embedder: Embedder) -> None:
    desk = Newsdesk(Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c"), embedder)
    answer = desk.query(HOLM)
    assert answer.no_match is not None and answer.no_match.reason == "empty"
    assert answer.text == "No articles are ingested yet; add some, then ask again."
    desk.close()


def test_undated_articles_are_named_and_can_be_kept_under_a_date_range(demo: Newsdesk) -> None:
    dated_only = demo.query(HOLM, filters={"since": "2025-01-01"})
    assert all("Ferry" not in p.title for p in dated_only.passages)
    assert dated_only.note == (
        "2 articles without a date were left out by the date range; include undated articles "
        "to search them too."
    )
    kept = demo.query(HOLM, filters={"since": "2025-01-01", "undated": True})
    assert not kept.refused and kept.citations[0].title.startswith("Ferry timetable")
    assert kept.note == ""
    # The same through retrieval alone (Chroma's where and the BM25 mask agree).
    found = demo.retrieve(HOLM, filters={"until": "2025-12-31", "undated": True})
    assert found[0].title.startswith("Ferry timetable")
    assert all(p.published == "" or p.published <= "2025-12-31" for p in found)


def test_articles_without_a_source_can_be_picked(demo: Newsdesk) -> None:
    found = demo.retrieve("opening hours library", filters={"sources": [""]})
    assert found and {p.source for p in found} == {""}
    assert found[0].title == "Town library extends its evening opening hours"


def test_filter_errors_name_the_field_and_a_reversed_range() -> None:
    with pytest.raises(ValueError, match=r"^since: expected a date like 2025-03-14, got 'May'"):
        Filters.coerce({"since": "May"}).bounds()  # type: ignore[union-attr]
    with pytest.raises(ValueError, match=r"^until: expected a date like"):
        Filters.coerce({"until": "2025-13-01"}).bounds()  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="the date range is reversed: since 2025-12-01 is after "
                                         "until 2025-01-01; swap the two dates"):
        Filters.coerce({"since": "2025-12-01", "until": "2025-01-01"}).bounds()  # type: ignore[union-attr]
    assert Filters(sources=("", "Wire"), since="2025-01-01", undated=True).describe() == (
        "sources: (no source), Wire; from 2025-01-01; undated included"
    )


def test_long_questions_are_cut_at_a_word(demo: Newsdesk) -> None:
    words = "What did Lars Holm say about the winter timetable " + "ferry " * 400
    cut = cut_question(words)
    assert len(cut) <= MAX_QUESTION_CHARS and words.startswith(cut)
    assert words[len(cut)] == " " and not cut.endswith(" "), "cut between two words"
    assert cut_question("x" * 3000) == "x" * MAX_QUESTION_CHARS  # one endless word: hard cut
    assert cut_question("  short  ") == "short"
    answer = demo.query(words + "ferryman")
    assert answer.question == cut
