"""The UI's pure parts: filter widgets to query filters, chips, library and chat rendering, and
example questions (checked against a real desk over the demo articles)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from browser import copy_demo_corpus

from ingest import ingest
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.store.manifest import ArticleRow
from rag.types import Answer, NoMatch
from ui import library_view, render
from ui.examples import _answers, candidates, checked_examples
from ui.filters import NO_SOURCE, apply_chip, chips_html, to_query


def _row(title: str = "T", source: str = "", published: str = "", n: int = 1, **kw) -> ArticleRow:
    return ArticleRow(kw.get("aid", title), kw.get("path", f"{title}.md"), "h", title, source,
                      kw.get("url", ""), published, None, "", kw.get("text", ""), n)


# -- filters ---------------------------------------------------------------------------------
def test_filter_widgets_become_query_filters_and_bad_values_name_their_field() -> None:
    assert to_query([], {"since": "", "until": "", "undated": False}) is None
    assert to_query(None, None) is None
    assert to_query(["Wire", NO_SOURCE], '{"since": "2025-01-01", "undated": true}') == {
        "sources": ["Wire", ""], "since": "2025-01-01", "until": "", "undated": True,
    }
    with pytest.raises(ValueError, match=r"^From date: expected a date like 2025-03-14, got "):
        to_query([], {"since": "yesterday"})
    with pytest.raises(ValueError, match=r"^To date: expected a date like"):
        to_query([], {"until": "2025-02-30"})
    with pytest.raises(ValueError, match="From date 2025-12-01 is after To date 2025-01-01"):
        to_query([], {"since": "2025-12-01", "until": "2025-01-01"})


def test_chips_show_each_active_filter_and_what_undated_articles_do() -> None:
    assert "No filters" in chips_html([], None, 5)
    chips = chips_html(['Wire "A" <b>'], {"since": "2025-01-01", "until": ""}, 2)
    assert "Source: Wire &quot;A&quot; &lt;b&gt;" in chips and "<b>" not in chips
    assert "From 2025-01-01" in chips and "2 undated articles left out" in chips
    assert 'data-action="include-undated"' in chips and "Clear filters" in chips
    assert "1 undated article left out" in chips_html([], {"since": "2025-01-01"}, 1)
    assert "undated" not in chips_html(["Wire"], None, 3), "no date range: nothing left out"
    assert "Undated included" in chips_html([], {"until": "2025-01-01", "undated": True}, 3)
    dates = {"since": "2025-01-01", "until": "2025-02-01", "undated": True}
    assert apply_chip({"remove": "source", "value": "B"}, ["A", "B"], dates)[0] == ["A"]
    assert apply_chip({"remove": "until"}, [], dates)[1]["until"] == ""
    assert apply_chip({"remove": "undated"}, [], dates)[1]["undated"] is False
    assert apply_chip({"action": "include-undated"}, [], {})[1]["undated"] is True
    assert apply_chip({"action": "clear"}, ["A"], dates) == ([], {
        "since": "", "until": "", "undated": False})


# -- chat rendering --------------------------------------------------------------------------
def test_markers_link_to_their_cards_and_searched_lines_stay_short() -> None:
    answer = Answer("Rubio said it [1]. Macron agreed [2].", False, [], "q " * 1000)
    bubble = render.chat_message(answer, asked="And Macron?", turn=3)
    assert '<a href="#nd-src-3-1" class="nd-cite">' in bubble
    assert '<a href="#nd-src-3-2" class="nd-cite">' in bubble
    searched = bubble.split('class="nd-searched">')[1].split("</small>")[0]
    assert len(searched) <= len("searched: ") + render.SEARCHED_CHARS + 2
    assert searched.endswith(" …")
    miss = Answer("No article matches the filters (source: W). Clear or widen the filters and "
                  "ask again.", True, [], "q", no_match=NoMatch("filters", "source: W"))
    assert render.chat_message(miss, asked="q", turn=1).startswith(
        "⚠️ **No article matches the filters** (source: W)."
    )
    assert render.user_message("a b", cut_from=2345).endswith(
        "Cut at a word to 3 characters (you typed 2,345; the limit is shown under the box)."
        "</small>"
    )
    assert render.shorten("one two three", 9) == "one two …"
    assert render.shorten("one two", 9) == "one two"
    # A follow-up's searched form shows the typed markdown as text, not as emphasis or tags.
    typed = Answer("x [1]", False, [], "And **what** did _he_ say <b>next</b>?")
    line = render.chat_message(typed, asked="And **what**?", turn=1).split("searched: ")[1]
    assert "\\*\\*what\\*\\*" in line and "\\_he\\_" in line and "<b>" not in line


def test_sources_panel_for_no_match_offers_clearing_and_for_errors_shows_no_cards() -> None:
    miss = Answer("No article matches the filters (source: W).", True, [], 'q "x"',
                  no_match=NoMatch("filters", "source: W", 2))
    section = render.answer_section(miss, turn=2, asked='q "x"', article_text=lambda _a: None)
    assert 'data-action="clear" data-question="q &quot;x&quot;"' in section.html
    assert "Include undated articles and ask again" in section.html
    error = render.error_section(turn=3, asked="q", message="From date: expected <b>")
    panel = render.sources_panel([section, error])
    current = panel.split("Earlier answers")[0]
    assert "Not answered: From date: expected &lt;b&gt;" in current and "nd-card" not in current
    assert '<details class="nd-turn" id="nd-turn-2">' in panel
    assert 'data-announce="Not answered: From date: expected &lt;b&gt;"' in panel


# -- library ---------------------------------------------------------------------------------
def test_library_counts_have_plurals_and_the_corpus_an_absolute_path() -> None:
    assert library_view.status_line(1, 1, Path("corpus")) == (
        f"**1 article**, **1 passage** · corpus folder `{Path('corpus').resolve()}`"
    )
    assert library_view.status_line(2, 1200, Path("/x")).startswith(
        "**2 articles**, **1,200 passages**"
    )


def test_library_list_says_when_nothing_matches_and_escapes_titles() -> None:
    rows = [_row("<b>Harbour</b> news", "Wire", "2025-01-02", 3), _row("Fees", n=1)]
    assert "No articles yet" in library_view.library_list([], "")
    none = library_view.library_list(rows, "zzz")
    assert "No article matches “zzz”" in none and "<table" not in none
    one = library_view.library_list(rows, "harbour")
    assert "1 article match." in one and "&lt;b&gt;Harbour&lt;/b&gt; news" in one
    assert "<b>Harbour" not in one
    full = library_view.library_list(rows)
    assert '<span class="nd-none">undated</span>' in full
    assert "3<span class=\"nd-phone-only\"> passages</span>" in full
    assert "1<span class=\"nd-phone-only\"> passage</span>" in full
    many = [_row(f"A{i}", aid=f"a{i}") for i in range(library_view.LIST_LIMIT + 5)]
    assert f"Showing the newest {library_view.LIST_LIMIT} of {library_view.LIST_LIMIT + 5}" in (
        library_view.library_list(many)
    )


# -- example questions -----------------------------------------------------------------------
def test_questions_come_from_attributed_sentences_not_headlines() -> None:
    text = (
        "Mayor praises harbour plan\n"
        "On Friday, Rubio said that security guarantees aren’t an “illegitimate desire”.\n"
        "Mayor Ilse Brandt said the harbour expansion would create jobs.\n"
        "The festival drew forty thousand visitors, organisers said on Sunday.\n"
        "He said the plan was final.\n"
        "Officials said it was late.\n"
        "Head librarian Nora Vik said her staff agreed.\n"
        "Union leader Sindre Holm said the new rosters leave too little rest between shifts.\n"
    )
    found = [c.question for c in candidates(_row("Mayor praises harbour plan", text=text))]
    assert found == [
        "What did Rubio say about security guarantees?",
        "What did Ilse Brandt say about the harbour expansion?",
        "What did organisers say about the festival?",
        # The clause's subject from the parse; a word list made "the new rosters leave".
        "What did Sindre Holm say about the new rosters?",
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsdesk]:
    root = tmp_path_factory.mktemp("demo-examples")
    copy_demo_corpus(root / "corpus")
    desk = Newsdesk(Settings(data_dir=root / "data", corpus_dir=root / "corpus"), embedder)
    ingest(desk)
    yield desk
    desk.close()


def test_examples_are_checked_by_asking_them(demo: Newsdesk) -> None:
    examples = checked_examples(demo, demo.articles())
    assert len(examples) == 4
    titles = [a.title for a in demo.articles()]
    for question in examples:
        answer = demo.query(question)
        assert not answer.refused and answer.citations, question
        who = question.split("What did ")[1].split(" say about")[0]
        cite = answer.citations[0]
        quoted = " ".join(cite.passage[s - cite.start : e - cite.start] for s, e in cite.quotes)
        assert who.split()[-1].lower() in quoted.lower(), (question, quoted)
        assert not any(t in answer.text for t in titles), "an example never echoes a headline"
    # The check: a question counts only if its answer quotes the sentence it was made from.
    article = next(a for a in demo.articles() if a.path == "velmar-harbour-expansion.md")
    made = {c.question: c for c in candidates(article)}
    brandt = made["What did Ilse Brandt say about the harbour expansion?"]
    assert _answers(demo, brandt)
    elsewhere = article.text.index("The council will publish")
    assert not _answers(demo, replace(brandt, start=elsewhere, end=elsewhere + 20))


def test_examples_take_each_outlets_newest_in_turn() -> None:
    from ui.examples import by_outlet

    rows = [_row("a1", "Demo", "2026-12-05"), _row("a2", "Demo", "2026-12-04"),
            _row("a3", "Demo", "2026-12-03"), _row("b1", "Wire", "2026-11-01"),
            _row("c1", "", "2026-10-01"), _row("b2", "Wire", "2026-10-01"),
            _row("d1", "", "2026-09-01")]
    assert [r.title for r in by_outlet(rows)] == ["a1", "b1", "c1", "d1", "a2", "b2", "a3"]
