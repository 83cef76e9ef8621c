"""Evidence that a sentence answers a question: candidates and the features they are scored on.

The answerer (``rag.extractive.answer``) ranks the sentences of the retrieved passages and decides
whether the best one answers at all; both decisions are linear in the features computed here,
with weights fitted by ``bench/fit_answerer.py`` (``rag/extractive/answer_weights.py``). Features
come in two rounds: ``cheap`` ones for every sentence (no model call), then ``full`` ones (the
sentence cosine and contextual word matching) for the short list the cheap score picks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from rag.extractive.question import (
    Question,
    admissible,
    holds,
    measured,
    names_held,
    names_held_one,
    new_names,
    types_missing,
)
from rag.language import fills
from rag.language.analysis import analyse
from rag.language.asked import SpeechAsk, asked
from rag.language.quotation import unit
from rag.language.speech import Speaker
from rag.retrieval.embedder import TokenVectors
from rag.retrieval.wordmatch import WordMatcher
from rag.text import QuestionTerms, match_form, sentence_spans, terms
from rag.types import Passage

_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|without)\b|n't\b", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
# A name counts as held under another spelling when a word's input embedding is this close to
# it (cosine of mean word-piece vectors; examples in ``Evidence._names_in``).
ALIAS = 0.7
# A question word-piece whose best contextual match in a sentence is below this has no
# counterpart there (MaxSim values: exact words ~0.8-0.9, paraphrases ~0.5-0.7).
UNMATCHED = 0.45
# Characters of the article before a passage read with it to find who speaks its first
# sentences (a chunk is ~1,000 characters; the name is usually in the paragraph before).
LEAD_IN = 600
# Two sentences of one article this close (characters between them) are neighbours: the
# sentence that names who said a quote sits next to it.
NEAR = 320


@dataclass
class Candidate:
    """One sentence of the retrieved passages (the first passage holding it, by rank)."""

    index: int  # position of its passage in the retrieved list (0 = rank 1)
    start: int  # article offsets
    end: int
    text: str
    order: int  # sentence number within its passage
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    vector: np.ndarray | None = None  # sentence vector, once the short list is encoded
    # The phrases that fill the asked slot (article offsets), highlighted inside the quote.
    marks: tuple[tuple[int, int], ...] = ()
    # The next sentence of its passage, when that one names who or where is asked and this
    # one does not ("... the teacher ..." / "Barbara Morgan ..."): quoted with it.
    filled_next: Candidate | None = None

    def span(self) -> tuple[int, int]:
        return self.start, self.end


@lru_cache(maxsize=4096)
def passage_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """``sentence_spans`` of a passage, kept: passages recur question after question."""
    return tuple(sentence_spans(text))


def candidates(passages: list[Passage]) -> list[Candidate]:
    """Every sentence once: chunks share an overlap sentence, wire copy repeats whole ones."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for pi, p in enumerate(passages):
        for order, (s, e) in enumerate(passage_sentences(p.text)):
            text = p.text[s:e]
            key = " ".join(match_form(text).split())
            if key in seen or len(text) < 3:
                continue
            seen.add(key)
            out.append(Candidate(pi, p.start + s, p.start + e, text, order))
    return out


class Evidence:
    """Features of candidate sentences for one question over its retrieved passages."""

    def __init__(
        self,
        question: Question,
        passages: list[Passage],
        qterms: QuestionTerms,
        matcher: WordMatcher,
        qvec: np.ndarray,
        qtokens: TokenVectors | None,
        quoted: Iterable[str] = (),
        article_text: Callable[[str], str] | None = None,
    ) -> None:
        self.q = question
        self.passages = passages  # candidates' ``index`` points into this list
        self.asked = asked(question.text)  # the slot and focus, from the question's parse
        self._article_text = article_text
        self._articles: dict[str, str] = {}
        self.qterms = qterms
        self.matcher = matcher
        self.qvec = qvec
        self.qtokens = qtokens
        # Sentences an earlier answer in this conversation quoted (a follow-up's context).
        self.quoted = {" ".join(match_form(s).split()) for s in quoted if s.strip()}
        self.qstatic = matcher.question_matrix(matcher.pieces([question.text])[0])

    # -- round 1: every sentence, no model call -------------------------------------------
    def cheap(self, cands: list[Candidate]) -> None:
        passages = self.passages
        q = self.q
        top = passages[0].score if passages else 0.0
        pieces = self.matcher.pieces([c.text for c in cands])
        anchors = self._quoted_anchors(cands, passages)
        spans = [passage_sentences(p.text) for p in passages]
        ask = q.speech
        # Who speaks each sentence, parsed only when the question names whose words it wants;
        # each passage with the article text before it, where its speakers may be named.
        spoken = self._speakers(passages) if ask is not None and ask.known else None
        # A passage holds what its article says around it: its title and the other retrieved
        # passages of the same article count (an interview's answer chunk rarely repeats the
        # interviewee's party, which the headline gives).
        # The whole article, when the desk can read it: a name is given once, at its first
        # mention ("Clint Cragg"), and the passage that answers may say only "Cragg".
        article_text: dict[str, str] = {}
        for p in passages:
            whole = self.article(p.article_id)
            if whole:
                article_text[p.article_id] = p.title + "\n" + whole
            else:
                article_text[p.article_id] = (article_text.get(p.article_id, p.title) + "\n"
                                              + p.text)
        in_article = {a: self._names_in(t) for a, t in article_text.items()}
        in_passage = [in_article[p.article_id] for p in passages]
        in_any = self._names_in(" ".join(p.text for p in passages))
        for c, ids in zip(cands, pieces, strict=True):
            p = passages[c.index]
            text = c.text.strip()
            words = _words(text)
            own = spans[c.index]
            around = " ".join(p.text[s:e] for s, e in own[max(0, c.order - 1): c.order + 2])
            f = c.features
            f["lex"] = self.qterms.share(_terms(text))
            f["static"] = self.matcher.static_maxsim(self.qstatic, ids)
            f["title"] = float(_same(text, p.title))
            f["question"] = float(text.endswith("?"))
            f["rank0"] = float(c.index == 0)
            f["first_article"] = float(p.article_id == passages[0].article_id)
            f["gap"] = top - p.score
            f["type_miss"] = float(bool(q.wants) and not any(holds(k, text, q) for k in q.wants))
            f["types_missing"] = types_missing(text, q)
            f["unit"] = float(measured(text, q))
            f["names"] = names_held(q, words)
            # A question name missing from the sentence while it names others ("killed in
            # Honduras?" against "... dead in Nicaragua").
            f["name_conflict"] = float(f["names"] < 1.0 and bool(new_names(text, q)))
            f["names_near"] = names_held(q, _words(around))
            f["names_passage"] = in_passage[c.index]
            f["admissible"] = float(admissible(text, around, q))
            # "What did Ben Bernanke say": a sentence answers only if he is its speaker.
            f["speaker_near"] = (
                1.0 if spoken is None or ask is None
                else ask.match(spoken[c.index](c.start - p.start, c.end - p.start))
            )
            prev = own[c.order - 1] if c.order > 0 else None
            f["static_prev"] = (
                self.matcher.static_maxsim(
                    self.qstatic, self.matcher.pieces([p.text[prev[0]:prev[1]]])[0]
                ) if prev else 0.0
            )
            f["names_any"] = in_any
            f["quote"] = float(bool(_QUOTE_MARK.search(text)))
            near = [a for a in anchors if a[0] == p.article_id]
            f["quoted_before"] = float(any(_overlaps(c.span(), (s, e)) for _, s, e in near))
            if ask is not None and (ask.more or ask.next) and f["quoted_before"]:
                f["admissible"] = 0.0  # "what else", "what next": not what was given
            # "What did he say next": the first statement after the one given.
            f["follows_quoted"] = float(any(
                e <= c.start and c.start - e <= NEAR for _, s, e in near
            ))
            f["near_quoted"] = float(
                not f["quoted_before"]
                and any(_gap(c.span(), (s, e)) <= NEAR for _, s, e in near)
            )
        if spoken is not None:
            _best_speaker(cands)

    def _speakers(self, passages: list[Passage]) -> list[Callable[[int, int], Speaker | None]]:
        """Per passage, who speaks the sentence at passage offsets (start, end). A passage
        whose text (with its lead-in) never gives the asked name has no sentence of theirs:
        it is not parsed (a parse costs about what embedding the passage did)."""
        ask = self.q.speech
        leads = [lead_in(self.article(p.article_id), p) for p in passages]
        texts = [lead + p.text for lead, p in zip(leads, passages, strict=True)]
        wanted = [i for i, t in enumerate(texts) if ask is None or ask.may_speak_in(t)]
        analyses = dict(zip(wanted, analyse([texts[i] for i in wanted]), strict=True))

        def at(i: int) -> Callable[[int, int], Speaker | None]:
            a, shift = analyses.get(i), len(leads[i])
            if a is None:
                return lambda s, e: None
            return lambda s, e: a.speaker_at(s + shift, e + shift)

        return [at(i) for i in range(len(passages))]

    def article(self, article_id: str) -> str:
        """The article's whole text ("" when unknown), read once per question."""
        if self._article_text is None:
            return ""
        if article_id not in self._articles:
            self._articles[article_id] = self._article_text(article_id)
        return self._articles[article_id]

    def _names_in(self, text: str) -> float:
        """Share of the question's names a text holds: as written, as a prefix ("Haiti" /
        "Haitian"), or as a word the model's input embeddings put next to it ("Burma" /
        "Myanmar" 0.74; "Honduras" / "Nicaragua" 0.52, "October" / "September" 0.65 stay
        apart at ``ALIAS``)."""
        words = _words(text)
        held = names_held(self.q, words)
        if held >= 1.0:
            return held
        names = sorted(self.q.name_terms)
        missing = [n for n in names if names_held_one(n, words) is False]
        if not missing:
            return held
        vocab = sorted(w for w in words if len(w) > 2 and not w.isdigit())
        found = sum(self.matcher.closest(n, vocab) >= ALIAS for n in missing)
        return (len(names) - len(missing) + found) / len(names)

    def _quoted_anchors(
        self, cands: list[Candidate], passages: list[Passage]
    ) -> list[tuple[str, int, int]]:
        if not self.quoted:
            return []
        return [
            (passages[c.index].article_id, c.start, c.end)
            for c in cands
            if " ".join(match_form(c.text).split()) in self.quoted
        ]

    # -- round 2: the short list, with the model's vectors ---------------------------------
    def full(
        self, cands: list[Candidate], vecs: np.ndarray, tokens: list[TokenVectors]
    ) -> None:
        for c, v, t in zip(cands, vecs, tokens, strict=True):
            c.vector = v
            c.features["cos"] = float(v @ self.qvec)
            best = (self.matcher.best_matches(self.qtokens, t) if self.qtokens is not None
                    else np.zeros(0, dtype=np.float32))
            c.features["maxsim"] = float(best.mean()) if len(best) else 0.0
            # Question words with nothing like them in the sentence: a paraphrase still has
            # a near match for most words; a sentence about something else has none.
            c.features["unmatched"] = float((best < UNMATCHED).mean()) if len(best) else 1.0
        self._slots(cands)

    def _slots(self, cands: list[Candidate]) -> None:
        """Whether each sentence fills the asked slot, and for the asked focus (its parse;
        only when the slot is one ``fills`` reads). For "who" and "where", the next sentence
        of the passage may fill it instead (``slot_next``): a name often follows the sentence
        that gives the role ("The crew includes a teacher. Barbara Morgan, ...")."""
        checked = self.asked.slot in fills.ANSWERS and self.asked.speech is None
        analyses = analyse([c.text for c in cands]) if checked and cands else []
        fits = [fills.fit(self.asked, self.q.text, a.fills) for a in analyses] or \
            [fills.UNCHECKED] * len(cands)
        for c, fit in zip(cands, fits, strict=True):
            c.features.update(fit.features())
            c.marks = tuple((c.start + s, c.start + e) for s, e in fit.spans)
            c.features["slot_next"] = 0.0
        if not checked or self.asked.slot not in fills.NEIGHBOURED:
            return
        # Only a sentence that does not fill the slot itself needs its neighbour parsed.
        unfilled = [c for c, fit in zip(cands, fits, strict=True) if not fit.filled]
        pairs = [(c, n) for c in unfilled if (n := self._next(c)) is not None]
        for (c, n), a in zip(pairs, analyse([n.text for _, n in pairs]), strict=True):
            after = fills.fit(self.asked, self.q.text, a.fills)
            if after.filled:
                c.features["slot_next"] = 1.0
                spans = after.spans or after.filled_spans
                n.marks = tuple((n.start + s, n.start + e) for s, e in spans)
                c.filled_next = n

    def _next(self, c: Candidate) -> Candidate | None:
        """The sentence after ``c`` in its passage, as a candidate (None at the passage end)."""
        p = self.passages[c.index]
        if c.order + 1 >= len(passage_sentences(p.text)):
            return None
        return sentence_of(c.index, p, c.order + 1)

    def answerability(
        self, best: Candidate, ranked: list[Candidate], passages: list[Passage]
    ) -> dict[str, float]:
        return answerability(self.q, self.qterms, bool(self.quoted), best, ranked, passages)


def with_quotations(group: list[Candidate], passages: list[Passage]) -> list[Candidate]:
    """The chosen sentences of one article, each with the sentences read with it
    (``rag.language.quotation``): the rest of its quotation, the sentence that attributes it,
    the one that introduces it. In text order, each sentence once."""
    out: dict[int, Candidate] = {c.start: c for c in group}
    for c in group:
        p = passages[c.index]
        spans = passage_sentences(p.text)
        first, last = unit(p.text, spans, c.order, _attribution_only)
        for k in range(first, last + 1):
            if p.start + spans[k][0] not in out:
                out[p.start + spans[k][0]] = sentence_of(c.index, p, k)
    return sorted(out.values(), key=lambda c: c.start)


def sentence_of(index: int, passage: Passage, order: int) -> Candidate:
    """Sentence ``order`` of ``passage`` (``index`` in the retrieved list), as a candidate."""
    s, e = passage_sentences(passage.text)[order]
    return Candidate(index, passage.start + s, passage.start + e, passage.text[s:e], order)


def _attribution_only(sentence: str) -> bool:
    return analyse([sentence])[0].attributions[0]


def lead_in(article: str, passage: Passage) -> str:
    """The article text just before ``passage`` (up to ``LEAD_IN`` characters, from a line
    start): where the speaker of its first quote, or the "he" of its "he said", is named.
    "" when the article is unknown or no longer holds the passage."""
    if passage.start <= 0 or article[passage.start:passage.end] != passage.text:
        return ""
    begin = max(0, passage.start - LEAD_IN)
    line = article.find("\n", begin, passage.start)
    return article[line + 1 if line >= 0 else begin:passage.start]


def _best_speaker(cands: list[Candidate]) -> None:
    """``speaker_near`` from each sentence's fit to the asked speaker to 1 or 0: whether it
    counts as theirs beside the best fit among the passages (``SpeechAsk.accepts``)."""
    best = max((c.features["speaker_near"] for c in cands), default=0.0)
    for c in cands:
        c.features["speaker_near"] = float(SpeechAsk.accepts(c.features["speaker_near"], best))


def answerability(
    q: Question,
    qterms: QuestionTerms,
    followup: bool,
    best: Candidate,
    ranked: list[Candidate],
    passages: list[Passage],
) -> dict[str, float]:
    """Features of "does the best sentence answer at all" (the refusal model's input)."""
    f = best.features
    p = passages[best.index]
    numbers = [match_form(n) for n in q.numbers]
    second = ranked[1].score if len(ranked) > 1 else best.score - 1.0
    top = max(c.score for c in ranked)
    return {
        "score": best.score,
        # How far below the top-scored sentence the best one that can answer sits.
        "admissible_gap": top - best.score,
        "name_conflict": f["name_conflict"],
        "margin": best.score - second,
        "cos": f.get("cos", 0.0),
        "maxsim": f.get("maxsim", 0.0),
        "unmatched": f.get("unmatched", 1.0),
        "lex": f["lex"],
        "passage_lex": qterms.share(_terms(p.text)),
        "type_miss": f["type_miss"],
        "types_missing": f["types_missing"],
        "unit_miss": float(bool(q.unit) and not f["unit"]),
        "names_sentence": f["names"],
        "names_near": f["names_near"],
        "names_passage": f["names_passage"],
        "admissible": f["admissible"],
        "speaker_near": f["speaker_near"],
        "names_any": f["names_any"],
        "numbers_passage": (
            sum(n in match_form(p.text) for n in numbers) / len(numbers) if numbers else 1.0
        ),
        "negation_miss": float(q.negated and not _NEGATION.search(p.text)),
        "title": f["title"],
        "retrieval": p.score,
        "followup": float(followup),
        "slot_miss": f.get("slot_miss", 0.0),
        "slot_bound": f.get("slot_bound", 0.0),
    }


@lru_cache(maxsize=8192)
def _terms(text: str) -> frozenset[str]:
    """``terms`` of a sentence or passage, kept: the same ones recur question after question."""
    return frozenset(terms(text))


_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """Lower-case words of a text, acronyms folded ("U.S." -> "us")."""
    folded = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), match_form(text))
    return frozenset(re.findall(r"[a-z0-9]+", folded))


def _same(sentence: str, title: str) -> bool:
    a = " ".join(match_form(sentence).strip(" .!?").split())
    b = " ".join(match_form(title).strip(" .!?").split())
    return bool(a) and a == b


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)
