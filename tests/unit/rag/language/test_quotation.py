"""Sentences read together (rag/language/quotation.py): a quotation over several sentences, the
sentence that only attributes it, the one that introduces it with a colon. ``unit`` is checked
with the attribution test given as a plain function, then with the real parse."""

from __future__ import annotations

import pytest

from rag.extractive.evidence import _attribution_only
from rag.language.quotation import MAX_UNIT, unit
from rag.text import sentence_spans

ATTRIBUTIONS = {"Ivanov said, referring to the province.", "He added."}


def units(text: str) -> list[tuple[str, str]]:
    """(first sentence, last sentence) of each sentence's unit, in order."""
    spans = sentence_spans(text)
    out = []
    for i in range(len(spans)):
        a, b = unit(text, spans, i, ATTRIBUTIONS.__contains__)
        out.append((text[spans[a][0]:spans[a][1]], text[spans[b][0]:spans[b][1]]))
    return out


def test_a_quotation_and_the_sentence_after_it_that_says_who_spoke_are_one_unit() -> None:
    text = ('Russia confirmed the test. "We know the exact site. The situation is normal." '
            "Ivanov said, referring to the province. Markets were calm.")
    got = units(text)
    assert got[0] == ("Russia confirmed the test.", "Russia confirmed the test.")
    whole = ('"We know the exact site.', "Ivanov said, referring to the province.")
    assert got[1] == got[2] == got[3] == whole
    assert got[4] == ("Markets were calm.", "Markets were calm.")


def test_a_sentence_that_introduces_with_a_colon_is_read_with_the_next_line() -> None:
    text = "The president tweeted:\nThe miners taught us a lesson. Unity is key.\n"
    got = units(text)
    assert got[0] == ("The president tweeted:", "The miners taught us a lesson.")
    assert got[1] == ("The miners taught us a lesson.", "The miners taught us a lesson.")


def test_an_attribution_in_another_paragraph_is_not_joined() -> None:
    text = '"We know the exact site."\nIvanov said, referring to the province.'
    assert units(text) == [('"We know the exact site."',) * 2,
                           ("Ivanov said, referring to the province.",) * 2]


def test_a_sentence_that_says_more_than_who_spoke_is_not_joined() -> None:
    text = '"We know the exact site." Ivanov said the yield was 15 kilotons.'
    assert units(text)[1] == ("Ivanov said the yield was 15 kilotons.",) * 2


def test_a_long_quotation_is_quoted_from_the_asked_sentence_not_whole() -> None:
    body = " ".join(f"Point number {k} stands." for k in range(MAX_UNIT + 2))
    text = f'"{body}" He added.'
    spans = sentence_spans(text)
    last = len(spans) - 1
    middle = unit(text, spans, 2, ATTRIBUTIONS.__contains__)
    assert middle == (2, 2)
    assert unit(text, spans, last - 1, ATTRIBUTIONS.__contains__) == (last - 1, last)
    a, b = unit(text, spans, last, ATTRIBUTIONS.__contains__)
    assert b == last and b - a + 1 == MAX_UNIT


def test_a_sentence_outside_the_text_is_an_error() -> None:
    with pytest.raises(IndexError):
        unit("One sentence.", sentence_spans("One sentence."), 1, ATTRIBUTIONS.__contains__)


@pytest.mark.parametrize(
    ("sentence", "only"),
    [
        ("Ivanov said, referring to the Russian province that borders North Korea.", True),
        ("The mayor told reporters on Monday.", True),
        ("He added.", True),
        ("Ivanov said the test had been confirmed.", False),  # a statement of its own
        ("The mayor warned that the river would rise.", False),
        ("The river rose overnight.", False),
        ('"It is normal," Ivanov said.', False),  # the quotation is its own
    ],
)
def test_attribution_only_is_read_from_the_parse(sentence: str, only: bool) -> None:
    assert _attribution_only(sentence) is only
