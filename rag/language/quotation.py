"""Sentences that are read together: a quotation over several sentences, the sentence that
attributes it, the sentence that introduces it.

A sentence quoted alone can lose what makes it readable or says who speaks: a quotation's
attribution often stands after it as a sentence of its own ('"... in Primorye." Ivanov said,
referring to ...'), a sentence ending in a colon introduces the next one ("Piñera tweeted:"),
and a quotation runs on over sentences until its closing mark. ``unit`` gives, for one sentence
of a passage, the run of its sentences to quote together. The quotation marks are read from
the text; whether a sentence is only an attribution is read from its parse
(``rag.language.speech.attribution_only``, through ``rag.language.analysis``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

OPEN = "\u201c"
CLOSE = "\u201d"
STRAIGHT = '"'
# Sentences quoted together at most: a longer quotation is quoted from the asked sentence on,
# not whole (an answer is a few sentences).
MAX_UNIT = 4


def unit(
    text: str,
    spans: Sequence[tuple[int, int]],
    i: int,
    attribution_only: Callable[[str], bool],
) -> tuple[int, int]:
    """First and last sentence index (inclusive) to quote with sentence ``i`` of ``text``.

    ``spans``: the text's sentences (``rag.text.sentence_spans``); ``attribution_only(s)``:
    whether sentence text ``s`` only says who spoke ("Ivanov said, referring to ...", "he
    added"). Never crosses a paragraph break, except from an introducing colon to the line it
    introduces."""
    n = len(spans)
    if not 0 <= i < n:
        raise IndexError(f"sentence {i} of {n}")
    sentence = _sentence(text, spans, i)
    if _introduces(sentence) and i + 1 < n:
        _, b = _run(text, spans, i + 1)
        return i, min(b, i + MAX_UNIT - 1)
    if i > 0 and not _has_mark(sentence) and _ends_quote(_sentence(text, spans, i - 1)) \
            and _same_paragraph(text, spans, i - 1) and attribution_only(sentence):
        a, _ = _run(text, spans, i - 1)
        return max(a, i - MAX_UNIT + 1), i
    a, b = _run(text, spans, i)
    if a == b == i and not _has_mark(sentence):
        return i, i
    first = a - 1 if a > 0 and _introduces(_sentence(text, spans, a - 1)) else a
    last = b
    if b + 1 < n and _ends_quote(_sentence(text, spans, b)) and _same_paragraph(text, spans, b):
        after = _sentence(text, spans, b + 1)
        if not _has_mark(after) and attribution_only(after):
            last = b + 1
    if last - first + 1 <= MAX_UNIT:
        return first, last
    # A long quotation: from the asked sentence on; its attribution when it is the last.
    return (first if i == a else i), (last if i == b else i)


def _sentence(text: str, spans: Sequence[tuple[int, int]], i: int) -> str:
    s, e = spans[i]
    return text[s:e]


def _run(text: str, spans: Sequence[tuple[int, int]], i: int) -> tuple[int, int]:
    """The sentences of the quotation that holds sentence ``i``: from the one that opens it to
    the one that closes it, within the paragraph; (i, i) when it holds none or is one."""
    inside = _inside(text, spans)
    a = i
    while a > 0 and inside[a] and _same_paragraph(text, spans, a - 1):
        a -= 1
    b = i
    while b + 1 < len(spans) and inside[b + 1]:
        b += 1
    return a, b


def _inside(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each sentence starts inside a quotation an earlier sentence opened."""
    out: list[bool] = []
    open_ = False
    for k, (s, e) in enumerate(spans):
        out.append(open_)
        for ch in text[s:e]:
            if ch == OPEN:
                open_ = True
            elif ch == CLOSE:
                open_ = False
            elif ch == STRAIGHT:
                open_ = not open_
        if k + 1 < len(spans) and not _same_paragraph(text, spans, k):
            open_ = False  # a quotation is reopened at each paragraph it runs into
    return out


def _same_paragraph(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether sentence ``k + 1`` follows sentence ``k`` in the same paragraph."""
    return k + 1 < len(spans) and "\n" not in text[spans[k][1]:spans[k + 1][0]]


def _has_mark(sentence: str) -> bool:
    return any(c in sentence for c in (OPEN, CLOSE, STRAIGHT))


def _ends_quote(sentence: str) -> bool:
    return sentence.rstrip().endswith((CLOSE, STRAIGHT))


def _introduces(sentence: str) -> bool:
    return sentence.rstrip().endswith(":")
