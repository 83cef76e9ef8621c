"""SQuAD-style answer scoring plus the retrieval, citation and refusal rates ``eval`` reports."""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rag.citations import MARKER
from rag.text import match_form

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation) | {"\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014"}


def normalize_answer(text: str) -> str:
    """SQuAD's official normalisation: lower-case, drop punctuation and articles, squash spaces."""
    text = "".join(ch for ch in match_form(text) if ch not in _PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def exact_match(prediction: str, answers: tuple[str, ...]) -> float:
    pred = normalize_answer(prediction)
    return float(any(pred == normalize_answer(a) for a in answers))


def token_f1(prediction: str, answers: tuple[str, ...]) -> float:
    pred = normalize_answer(prediction).split()
    best = 0.0
    for a in answers:
        gold = normalize_answer(a).split()
        common = sum((Counter(pred) & Counter(gold)).values())
        if common:
            p, r = common / len(pred), common / len(gold)
            best = max(best, 2 * p * r / (p + r))
    return best


def contains_answer(passage: str, answers: tuple[str, ...]) -> bool:
    """Whole-token containment after normalisation ("1082" is not found inside "10820")."""
    hay = f" {normalize_answer(passage)} "
    return any(f" {normalize_answer(a)} " in hay for a in answers if normalize_answer(a))


def _squashed(text: str) -> tuple[str, list[int]]:
    """``match_form`` of NFC ``text`` with whitespace runs as one space, and for each of its
    characters the offset it came from in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(match_form(unicodedata.normalize("NFC", text))):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        out.append(ch)
        where.append(i)
        space = False
    return "".join(out), where


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """The span of ``quote`` in ``text`` (a cleaned article), matched the way a reader would:
    case, whitespace, curly vs straight quotes and dash styles do not matter. Cleaning keeps
    characters but folds blank lines and runs of spaces, so an exact substring of the raw file
    is not always one of the cleaned text. NFC keeps one character per character here, which is
    all article text in the news sets needs; None when the quote is not there."""
    hay, where = _squashed(text)
    needle, _ = _squashed(quote)
    needle = needle.strip()
    i = hay.find(needle) if needle else -1
    if i < 0:
        return None
    return where[i], where[i + len(needle) - 1] + 1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def holds_span(start: int, end: int, span: tuple[int, int]) -> bool:
    """A passage ``[start, end)`` holds a gold span when it covers at least half of it.

    Chunks overlap by one sentence, so a quote inside one sentence always lies whole in some
    chunk; a quote running over two sentences may cross a chunk edge, and then the chunk
    holding most of it is the one a reader would be pointed at. Half, not all, so such a quote
    still has a chunk that counts, and at most two chunks can count for it.
    """
    return 2 * overlap((start, end), span) >= span[1] - span[0]


def sentence_on_span(sentence: tuple[int, int], span: tuple[int, int]) -> bool:
    """A quoted sentence answers from the gold span when they share at least half of the
    shorter of the two (a stricter reading than ``holds_span``: the sentence shown, not just
    the passage around it, is the one that says it)."""
    shorter = min(sentence[1] - sentence[0], span[1] - span[0])
    return shorter > 0 and 2 * overlap(sentence, span) >= shorter


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)


@dataclass
class Tally:
    """Per-question outcomes, summed into the report's rates."""

    ranks: list[int | None] = field(default_factory=list)  # gold rank (1-based) within top 10
    em: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    cited_gold: list[bool] = field(default_factory=list)  # answerable: answered, a [n] has gold
    # Span datasets only: answered, and a quoted sentence of a cited passage is the gold one.
    sentence_gold: list[bool] = field(default_factory=list)
    markers_total: int = 0
    markers_gold: int = 0
    refused_should: int = 0  # refused, and the question should be refused
    refused_total: int = 0
    should_refuse: int = 0
    left_out_refused: list[bool] = field(default_factory=list)
    adversarial_refused: list[bool] = field(default_factory=list)
    answered: list[bool] = field(default_factory=list)  # answerable: not refused

    def hit(self, k: int) -> float | None:
        return _mean([r is not None and r <= k for r in self.ranks])

    def mrr(self) -> float | None:
        return _mean([1.0 / r if r is not None else 0.0 for r in self.ranks])

    def rates(self) -> dict[str, float | None]:
        refuse_p = self.refused_should / self.refused_total if self.refused_total else None
        refuse_r = self.refused_should / self.should_refuse if self.should_refuse else None
        return {
            "hit@1": self.hit(1),
            "hit@5": self.hit(5),
            "mrr@10": self.mrr(),
            "answered": _mean(self.answered),
            "em": _mean(self.em),
            "f1": _mean(self.f1),
            "cited_gold": _mean(self.cited_gold),
            "sentence_gold": _mean(self.sentence_gold),
            "citation_precision": (
                self.markers_gold / self.markers_total if self.markers_total else None
            ),
            "refusal_precision": refuse_p,
            "refusal_recall": refuse_r,
            "adversarial_refused": _mean(self.adversarial_refused),
            "left_out_refused": _mean(self.left_out_refused),
        }


def gold_rank(article_ids: list[str], gold: frozenset[str], depth: int = 10) -> int | None:
    for i, aid in enumerate(article_ids[:depth], 1):
        if aid in gold:
            return i
    return None


def _mean(values: list[float] | list[bool]) -> float | None:
    return sum(values) / len(values) if values else None
