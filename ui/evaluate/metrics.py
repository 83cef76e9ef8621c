"""SQuAD-style answer scoring plus the retrieval, citation and refusal rates ``eval`` reports."""

from __future__ import annotations

import re
import string
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


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)


@dataclass
class Tally:
    """Per-question outcomes, summed into the report's rates."""

    ranks: list[int | None] = field(default_factory=list)  # gold rank (1-based) within top 10
    em: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    cited_gold: list[bool] = field(default_factory=list)  # answerable: answered, a [n] has gold
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
