"""The grounding check: keep a generated sentence only if the passage it cites backs it.

Small models hallucinate fluently (Gemma 3 270M answered an unanswerable "how many soldiers"
with "1000" and then repeated itself), so every backend's output goes through the same check,
sentence by sentence:

1. it carries a valid ``[n]`` (a passage the model was shown);
2. every number and every name in it appears in a cited passage (or that passage's title);
3. most of its key terms appear there too (``MIN_COVERAGE``);
4. it is close in meaning to some sentence of the cited passage (``MIN_SIMILARITY``,
   cosine of the shared MiniLM embeddings).

Sentences that fail are dropped, a sentence that repeats an earlier one is dropped, and a
phrase looping inside a sentence is cut. The thresholds are calibrated on the SQuAD2 dev split
(``bench/llm_eval.py --calibrate``, docs/LLM.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from rag.citations import MARKER, REFUSAL
from rag.text import STOPWORDS, match_form, sentence_spans, terms
from rag.types import Passage

Encode = Callable[[list[str]], np.ndarray]

# Share of the sentence's key terms that must appear in the cited passages.
MIN_COVERAGE = 0.6
# Cosine between the sentence and its best-matching passage sentence (or sentence pair).
# Calibrated on the whole SQuAD2 dev split with Gemma 3 270M's recorded answers
# (`bench/llm_eval.py --calibrate`, docs/llm-calibration.txt): 0.65 with coverage 0.6 keeps
# the answer F1 of the first guess, 0.55 (0.064), refuses 0.860 of unanswerable questions
# instead of 0.775, and has the grid's best refusal precision (0.558); at 0.70 F1 falls to 0.053.
MIN_SIMILARITY = 0.65
# A phrase of up to this many words repeated three times in a row is a loop.
LOOP_MAX_NGRAM = 12

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
    "million": "1000000", "billion": "1000000000", "dozen": "12",
}
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019.-]*")
# Capitalised words that open sentences without naming anyone.
_OPENERS = STOPWORDS | {
    "yes", "however", "additionally", "moreover", "overall", "furthermore", "meanwhile",
    "instead", "still", "thus", "therefore", "according", "in", "the", "this", "these",
    "both", "neither", "either", "while", "although", "since", "as", "there", "here",
}
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
# A full stop, any closing quotes or brackets after it, then the citation: 'die." [1]'.
_MARKER_AFTER_STOP = re.compile(
    r"([.!?][\"'\u201d\u2019)]*)((?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])+)"
)
_PARTIAL_MARKER = re.compile(r"^\s*(?:\[[\d,\s]*\]?\s*)+$")
_LEADING_MARKERS = re.compile(r"^((?:\[\d{1,3}(?:\s*,\s*\d{1,3})*\]\s*)+)(\S.*?)\s*$", re.DOTALL)


@dataclass(frozen=True)
class Verdict:
    """One generated sentence and why it was kept or dropped."""

    text: str  # as generated, markers included
    cited: tuple[int, ...]  # valid passage numbers, 1-based
    supported: bool
    reason: str = ""  # why it was dropped; empty when kept
    similarity: float = 0.0
    coverage: float = 0.0
    quotes: dict[int, tuple[int, int]] = field(default_factory=dict)  # n -> article span

    @property
    def refusal(self) -> bool:
        return self.reason == "refusal"


class Grounder:
    """Checks sentences against the passages of one answer (their embeddings are cached)."""

    def __init__(
        self,
        encode: Encode,
        passages: list[Passage],
        *,
        min_similarity: float | None = None,
        min_coverage: float | None = None,
    ) -> None:
        self.encode = encode
        self.passages = passages
        self.min_similarity = MIN_SIMILARITY if min_similarity is None else min_similarity
        self.min_coverage = MIN_COVERAGE if min_coverage is None else min_coverage
        self._units: dict[int, tuple[list[tuple[int, int]], np.ndarray]] = {}
        self._seen: list[str] = []

    def check(self, sentence: str) -> Verdict:
        """Judge one sentence; remembers it, so a later repeat of it is dropped."""
        sentence = _markers_to_end(_BULLET.sub("", sentence).strip())
        claim = _plain(sentence)
        cited = tuple(
            dict.fromkeys(n for n in _markers(sentence) if 1 <= n <= len(self.passages))
        )
        if is_refusal(claim):
            return Verdict(sentence, cited, False, "refusal")
        if not terms(claim, keep_stopwords=True):
            return Verdict(sentence, cited, False, "no content")
        key = " ".join(terms(claim, keep_stopwords=True))
        if key in self._seen:
            return Verdict(sentence, cited, False, "repeats an earlier sentence")
        self._seen.append(key)
        if not cited:
            return Verdict(sentence, cited, False, "cites no given passage")
        support = " \n ".join(
            f"{self.passages[n - 1].title}\n{self.passages[n - 1].text}" for n in cited
        )
        missing = _missing_numbers(claim, support)
        if missing:
            return Verdict(sentence, cited, False, f"number {missing} not in {_refs(cited)}")
        missing = _missing_names(claim, support)
        if missing:
            return Verdict(sentence, cited, False, f"name {missing!r} not in {_refs(cited)}")
        coverage = _coverage(claim, support)
        if coverage < self.min_coverage:
            return Verdict(
                sentence, cited, False,
                f"only {coverage:.0%} of its key terms are in {_refs(cited)}", coverage=coverage,
            )
        similarity, quotes = self._similarity(claim, cited)
        if similarity < self.min_similarity:
            return Verdict(
                sentence, cited, False,
                f"similarity {similarity:.2f} to {_refs(cited)} is below {self.min_similarity}",
                similarity, coverage,
            )
        return Verdict(sentence, cited, True, "", similarity, coverage, quotes)

    def _similarity(
        self, claim: str, cited: tuple[int, ...]
    ) -> tuple[float, dict[int, tuple[int, int]]]:
        vec = self.encode([claim])[0]
        best_all = -1.0
        quotes: dict[int, tuple[int, int]] = {}
        for n in cited:
            spans, vecs = self._passage_units(n)
            if not spans:
                continue
            sims = vecs @ vec
            i = int(np.argmax(sims))
            best_all = max(best_all, float(sims[i]))
            p = self.passages[n - 1]
            quotes[n] = (p.start + spans[i][0], p.start + spans[i][1])
        return best_all, quotes

    def _passage_units(self, n: int) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Sentences and adjacent pairs of passage ``n`` (a claim often fuses two)."""
        if n not in self._units:
            text = self.passages[n - 1].text
            sents = sentence_spans(text)
            spans = sents + [(a[0], b[1]) for a, b in zip(sents, sents[1:], strict=False)]
            vecs = self.encode([text[s:e] for s, e in spans]) if spans else np.zeros((0, 1))
            self._units[n] = (spans, vecs)
        return self._units[n]


@dataclass
class SentenceSplitter:
    """Turns a token stream into complete sentences as soon as each one is safe to judge.

    A sentence counts as complete once the next one has begun; a citation written after the
    full stop ("... desire. [1]") is moved in front of it, so it stays with its sentence.
    """

    buffer: str = ""
    # Set by the first visible character: an answer that opens with "[n]" writes each number
    # before its sentence, so a number after a full stop belongs to the next sentence.
    leading: bool | None = None

    def feed(self, delta: str) -> list[str]:
        self.buffer += delta
        text = self._normalized()
        spans = sentence_spans(text)
        if len(spans) < 2:
            return []
        done = spans[:-1]
        if _PARTIAL_MARKER.match(text[spans[-1][0]:]):
            done = done[:-1]  # its citation may still be on the way
        if not done:
            return []
        cut = done[-1][1]
        out = [text[s:e] for s, e in done]
        self.buffer = text[cut:]
        return out

    def flush(self) -> list[str]:
        text = self._normalized()
        self.buffer = ""
        return [text[s:e] for s, e in sentence_spans(text)]

    def _normalized(self) -> str:
        if self.leading is None and self.buffer.strip():
            self.leading = self.buffer.lstrip().startswith("[")
        return self.buffer if self.leading else normalize_markers(self.buffer)


def _markers_to_end(sentence: str) -> str:
    """``[1] Claim.`` -> ``Claim [1].``: the prompt's example puts the number first (small
    models copy it), answers show it last, like the extractive answerer's."""
    m = _LEADING_MARKERS.match(sentence)
    if not m:
        return sentence
    markers, body = "".join(m.group(1).split()), m.group(2)
    if body[-1] in ".!?":
        return f"{body[:-1]} {markers}{body[-1]}"
    return f"{body} {markers}"


def normalize_markers(text: str) -> str:
    """``Claim. [1]`` -> ``Claim [1].`` so sentence splitting keeps the citation."""
    return _MARKER_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)


def cut_loop(text: str, max_ngram: int = LOOP_MAX_NGRAM) -> tuple[str, bool]:
    """Cut ``text`` before the second copy of a phrase that repeats three times in a row."""
    words = list(re.finditer(r"\S+", text))
    tokens = [match_form(w.group(0)) for w in words]
    for i in range(len(tokens)):
        for n in range(1, max_ngram + 1):
            if i + 3 * n > len(tokens):
                break
            a = tokens[i : i + n]
            if a == tokens[i + n : i + 2 * n] == tokens[i + 2 * n : i + 3 * n]:
                return text[: words[i + n - 1].end()].rstrip(), True
    return text, False


def ground_text(
    text: str, grounder: Grounder
) -> tuple[list[Verdict], bool]:
    """Judge a whole generated answer; returns the verdicts and whether a loop was cut."""
    text, looped = cut_loop(text)
    verdicts = [grounder.check(s) for s in iter_sentences(text)]
    return verdicts, looped


def iter_sentences(text: str) -> Iterator[str]:
    """A whole answer's sentences, split the way the streaming check splits them."""
    yield from SentenceSplitter(buffer=text).flush()


def _plain(sentence: str) -> str:
    return " ".join(MARKER.sub(" ", sentence).split())


def _markers(sentence: str) -> list[int]:
    return [int(n) for m in MARKER.finditer(sentence) for n in m.group(1).split(",")]


def _refs(cited: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in cited)


def is_refusal(claim: str) -> bool:
    """The fixed refusal sentence, give or take quotes, case and a trailing marker."""
    claim = _plain(claim)
    a = match_form(claim).strip(" .")
    b = match_form(REFUSAL).strip(" .")
    return a == b or (len(a) > 15 and (a in b or b in a)) or a.startswith("the articles don't say")


def _numbers(text: str) -> set[str]:
    found = {m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    for w in re.findall(r"[a-z]+", match_form(text)):
        if w in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[w])
    return found


def _missing_numbers(claim: str, support: str) -> str:
    have = _numbers(support)
    for m in _NUMBER.finditer(claim):
        value = m.group(0).replace(",", "").rstrip(".")
        if value not in have:
            return m.group(0)
    for w in re.findall(r"[a-z]+", match_form(claim)):
        if w in _NUMBER_WORDS and _NUMBER_WORDS[w] not in have:
            return w
    return ""


def _missing_names(claim: str, support: str) -> str:
    """First capitalised word (not a sentence opener) absent from the support text."""
    hay = match_form(support)
    words = list(_WORD.finditer(claim))
    for i, m in enumerate(words):
        word = m.group(0).rstrip(".'\u2019-")
        if not word[:1].isupper():
            continue
        low = match_form(word)
        if low.endswith("'s"):
            low = low[:-2]
        if i == 0 and low in _OPENERS or low in STOPWORDS:
            continue
        if not re.search(rf"(?<![a-z0-9]){re.escape(low)}", hay):
            return word
    return ""


def _coverage(claim: str, support: str) -> float:
    mine = set(terms(claim))
    if not mine:
        return 1.0
    return len(mine & set(terms(support))) / len(mine)
