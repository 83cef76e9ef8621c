"""Text helpers shared by ingest and answering: matching form, sentences, lexical terms.

Offsets matter more than anything here: every chunk and every cited sentence is a span of the
cleaned article, so normalisation for matching maps characters one to one and never shifts them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

# One-to-one replacements, so match_form(text) has exactly the offsets of text.
_MATCH_CHARS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
}
# Found by one regex scan and replaced one match at a time: ``str.translate`` looks every
# character of a non-ASCII text up in its table (~140 us for a 3,000-character article, ten
# times this; the fold check runs it on thousands of stored stories per ingest).
_MATCH_SPECIAL = re.compile("[" + "".join(_MATCH_CHARS) + "]")


def _plain(match: re.Match[str]) -> str:
    return _MATCH_CHARS[match.group()]


def match_form(text: str) -> str:
    """Lower-case, straight-quoted, plain-dashed copy of ``text`` with identical offsets."""
    return _MATCH_SPECIAL.sub(_plain, text).lower()


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "pres", "rev", "inc", "ltd", "co", "corp", "vs", "etc", "no", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx", "est", "dept", "univ",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# The word before a full stop is looked for in this many characters before it: a search for an
# end-anchored pattern from the start of the line rescans the whole line at every full stop
# (quadratic in a paragraph's length), and no abbreviation is this long.
_WORD_WINDOW = 48


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``; line breaks always end a sentence (news layout)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        pos = ls
        for m in _BOUNDARY.finditer(text, ls, le):
            word = _WORD_BEFORE.search(text, max(ls, m.start() - _WORD_WINDOW), m.start())
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue
            nxt = text[m.end():le].lstrip()
            # "3.5 million" has no space; a lower-case continuation is rarely a new sentence.
            if nxt and nxt[0].islower():
                continue
            spans.append(_trim(text, pos, m.end()))
            pos = m.end()
        if pos < le:
            spans.append(_trim(text, pos, le))
    return [s for s in spans if s[1] > s[0]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_TERM = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before
    being below between both but by can could did didn't do does doesn't doing don't down during
    each few for from further had has have having he her here hers herself him himself his how i
    if in into is isn't it it's its itself just let me more most my myself no nor not of off on
    once only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until
    up very was wasn't we were weren't what when where which while who whom why will with would
    you your yours yourself yourselves also said says say according""".split()
)


@lru_cache(maxsize=1)
def _stemmer():  # PyStemmer has no type stubs
    import Stemmer

    return Stemmer.Stemmer("english")


def stem_words(words: list[str]) -> list[str]:
    """The stems ``terms`` gives lower-case single words, in one batch (stopwords kept)."""
    return _stemmer().stemWords(words)


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stemmed lexical terms of ``text``, the vocabulary BM25 and sentence scoring share."""
    folded = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), match_form(text))
    words = [w for w in _TERM.findall(folded) if len(w) > 1 or w.isdigit()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    if not keep_stopwords:
        words = [w for w in words if w not in STOPWORDS]
    return _stemmer().stemWords(words)


class QuestionTerms:
    """The question's stemmed terms, IDF-weighted: the share of them a text holds.

    One definition for the retriever's rerank (``Retriever``) and the answerer
    (``rag.extractive.evidence``).
    """

    def __init__(self, question: str, idf: Callable[[str], float]) -> None:
        self.terms = frozenset(terms(question))
        self.weights = {t: idf(t) for t in self.terms}
        self.total = sum(self.weights.values())

    def share(self, text_terms: Iterable[str]) -> float:
        found = self.terms.intersection(text_terms)
        return sum(self.weights[t] for t in found) / (self.total or 1.0)
