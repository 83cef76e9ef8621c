"""rag.text: sentence spans, the matching form and lexical terms (pure functions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rag.text import _MATCH_CHARS, match_form, sentence_spans, terms


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_numbers_and_initials_do_not_end_sentences() -> None:
    text = (
        "The U.S. envoy met Mr. Witkoff at 3 p.m. on Friday. Costs rose 3.5 million dollars. "
        "J. Smith said so.\nA new paragraph starts here"
    )
    assert _sentences(text) == [
        "The U.S. envoy met Mr. Witkoff at 3 p.m. on Friday.",
        "Costs rose 3.5 million dollars.",
        "J. Smith said so.",
        "A new paragraph starts here",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "He said: \u201cWe will not give up.\u201d Then he left."
    assert _sentences(text) == ["He said: \u201cWe will not give up.\u201d", "Then he left."]


def test_spans_respect_a_window() -> None:
    text = "First one. Second one. Third one."
    start = text.index("Second")
    assert [text[s:e] for s, e in sentence_spans(text, start)] == ["Second one.", "Third one."]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_sentence_spans_are_ordered_trimmed_slices(text: str) -> None:
    spans = sentence_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()
    # Nothing but whitespace falls between or around the spans.
    covered = set().union(*(range(s, e) for s, e in spans)) if spans else set()
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@given(st.text(max_size=200))
def test_match_form_keeps_every_offset(text: str) -> None:
    folded = match_form(text)
    assert len(folded) == len(text)


@given(st.text(alphabet=st.sampled_from([*_MATCH_CHARS, "a", "B", " ", "'", "-", "\u00e9"]),
               max_size=60))
def test_match_form_replaces_each_listed_character_and_nothing_else(text: str) -> None:
    assert match_form(text) == "".join(_MATCH_CHARS.get(c, c) for c in text).lower()


def test_match_form_straightens_quotes_and_dashes() -> None:
    assert match_form("\u201cIllegitimate\u201d \u2013 Rubio\u2019s") == '"illegitimate" - rubio\'s'


def test_terms_stem_fold_possessives_acronyms_and_drop_stopwords() -> None:
    assert terms("What did the U.S. say about Rubio's guarantees?") == ["us", "rubio", "guarante"]
    assert terms("guarantee guaranteed guaranteeing") == ["guarante"] * 3


def _reference_spans(text: str) -> list[tuple[int, int]]:
    """``sentence_spans`` as it was before the word before a full stop was looked for in a
    window: the word found by scanning the whole line (slow on long paragraphs, same result)."""
    import re

    from rag import text as T

    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.start(), line.end()
        pos = ls
        for m in T._BOUNDARY.finditer(text, ls, le):
            word = re.compile(r"([\w.]+)$").search(text, ls, m.start())
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in T._ABBREV or (len(token) == 1 and token.isalpha()):
                continue
            nxt = text[m.end():le].lstrip()
            if nxt and nxt[0].islower():
                continue
            spans.append(T._trim(text, pos, m.end()))
            pos = m.end()
        if pos < le:
            spans.append(T._trim(text, pos, le))
    return [s for s in spans if s[1] > s[0]]


PIECES = st.sampled_from(
    ["Mr.", "U.S.", "3.5", "J.", "p.m.", "said.", "Rubio", "envoy", "Witkoff", "!", "?", '."',
     "a" * 60 + ".", "x.y.z.", "The", "talks", "ended", "\n", "etc.", "Jan.", "(AP)."]
)


@given(st.lists(PIECES, max_size=60).map(" ".join))
def test_the_windowed_word_search_splits_exactly_as_the_whole_line_search(text: str) -> None:
    assert sentence_spans(text) == _reference_spans(text)
