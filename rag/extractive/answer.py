"""The offline answerer: quote the sentences that answer the question, cite each, or refuse.

No model generates text here, so nothing inside an article can steer it: article text is only
ever scored and quoted, never followed.

1. Every sentence of the retrieved passages is a candidate; cheap features (question terms
   held, static word matching, answer type present, headline, ...) pick a short list.
2. The short list gets the model's view: sentence cosine and contextual word matching
   (``rag.retrieval.wordmatch``), which is what recognises a paraphrase.
3. A linear ranker picks the best sentence; a logistic model over the question's features
   against it (answer type missing, names or figures the passage lacks, scores, margin, ...)
   refuses when it is unlikely to answer. Both are fitted by ``bench/fit_answerer.py`` on
   news-dev and the SQuAD2 dev split (``rag/extractive/answer_weights.py``).
4. The answer quotes the best sentence, its close neighbours in the same passage, and the best
   sentence of each other article that answers as well (several outlets, newest first; when
   their figures differ the answer says so, naming outlet and date).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rag.citations import MARKER, REFUSAL, cite
from rag.extractive import answer_weights as W
from rag.extractive import features as F
from rag.extractive.evidence import Candidate, Evidence, candidates, with_quotations
from rag.extractive.question import DATE, NUMBER, Question, analyse
from rag.language.condense import split
from rag.retrieval.embedder import Query, TokenVectors
from rag.retrieval.wordmatch import WordMatcher
from rag.text import QuestionTerms, match_form, sentence_spans
from rag.types import Answer, Passage

for _model in F.MODELS:  # a misspelled or missing feature fails here, not as a zero weight
    F.check(_model, getattr(W, _model))
MAX_SENTENCES = 3
_FOOTNOTE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?:\[\d{1,3}\])+$")
# Composition, chosen by replaying the dev dumps of ``bench/fit_answerer.py`` through
# ``compose`` (news-dev / SQuAD2 dev answerable questions, cited gold and citation precision):
# - FOLLOW_GAP: the best sentence's passage also gives its sentences scoring within this of it
#   (ranker units). 0 / 0.5 / 1.0: quoted sentence holds the gold 0.63 / 0.69 / 0.69 (news),
#   0.83 / 0.86 / 0.86 (SQuAD); 1.0 makes answers 1.5 sentences long for nothing more.
# - OUTLET_GAP and AGREE: another article is cited too when its best sentence scores within
#   OUTLET_GAP of the best and reads like it (sentence cosine >= AGREE). Without AGREE, 0.3 /
#   0.6 / 1.0 took news cited gold 0.843 / 0.871 / 0.886 but SQuAD citation precision 0.959 to
#   0.937 / 0.929 / 0.901 (other paragraphs on the same topic); with AGREE 0.4 and 0.6: news
#   0.857, SQuAD 0.959, a second outlet on 9 % of news answers and none of SQuAD's.
# - DIFFER: the answer says the articles differ (naming outlet and date) only when their
#   figures differ and their sentences are this close (cosine): two accounts of one event.
#   Measured on news-dev pairs: Wednesday's death toll ("at least two" / "one") 0.55, Felix's
#   landfall / death toll 0.57; but Endeavour's landing / docking, both dated, 0.43.
FOLLOW_GAP = 0.5
OUTLET_GAP = 0.6
AGREE = 0.4
DIFFER = 0.5
# Articles cited for one answer (several outlets).
MAX_OUTLETS = 3
# Sentences given the model's look per question; the rest are ranked out by the cheap score.
# Out-of-fold on dev (bench/fit_answerer.py), short lists of 6 / 8 / 10 / 12 answered with a
# gold passage 0.814 / 0.800 / 0.814 / 0.814 of news-dev and 0.876 / 0.876 / 0.868 / 0.868 of
# SQuAD2 dev at the chosen threshold: more candidates add distractors, not answers, and each
# one the rerank did not encode costs an encode.
SHORTLIST = 6
# The retriever's rank-1 article is right more often than a sentence score alone says (SQuAD2
# dev retrieval hit@1 0.967): another article's sentence must beat its best by this much, in the
# ranker's units (within one article, the score alone decides). Out-of-fold on dev, bonuses of
# 0 / 0.5 / 1.0 / 1.5 / 2.0 chose a gold passage for 0.917 / 0.926 / 0.934 / 0.934 / 0.934 of
# SQuAD2 dev answerable questions and 0.829 of news-dev's at every value.
FIRST_PASSAGE_BONUS = 1.0
_FIGURE = re.compile(r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|"
                     r"billion)\b")


@dataclass(frozen=True)
class Decision:
    """What the answerer saw: the ranked short list and the refusal model's verdict."""

    ranked: list[Candidate]
    refuse_probability: float
    features: dict[str, float]
    unstated: bool  # the answering passage lacks what the question names (``unstated``)
    question: Question  # the question's own words, analysed (what is asked, which names)
    refuse_at: float = W.REFUSE_AT

    @property
    def refuse(self) -> bool:
        settled = another_statement(self.question, self.ranked[0])
        if settled is not None:
            return not settled
        return self.unstated or self.refuse_probability >= self.refuse_at


class ExtractiveAnswerer:
    """Scores every sentence of the retrieved passages against the question."""

    def __init__(
        self,
        encode: Callable[[list[str]], np.ndarray],
        idf: Callable[[str], float],
        tokens: Callable[[list[str]], list[TokenVectors]] | None = None,
        matcher: WordMatcher | None = None,
        refuse_at: float = 0.0,
        article_text: Callable[[str], str] | None = None,
    ) -> None:
        """``refuse_at``: the refusal probability at which to refuse; 0 keeps the fitted
        ``answer_weights.REFUSE_AT``. ``article_text``: an article's whole text by id ("" when
        gone; ``Newsdesk.article_text``): who speaks a passage is read with the text before it,
        and the names a question gives are looked for in the whole article."""
        self.encode = encode
        self.idf = idf
        self.tokens = tokens
        self.matcher = matcher
        self.refuse_at = refuse_at or W.REFUSE_AT
        self.article_text = article_text

    def answer(
        self,
        question: str,
        passages: list[Passage],
        qvec: np.ndarray,
        qtokens: TokenVectors | None = None,
        quoted: Iterable[str] = (),
    ) -> Answer:
        """``quoted``: sentences earlier answers in the conversation quoted (follow-ups)."""
        decision = self.decide(question, passages, qvec, qtokens, quoted)
        if decision is None or decision.refuse:
            return refusal(question, passages)
        chosen = self.compose(decision.question, decision.ranked, passages)
        parts: list[tuple[str, int | None]] = []
        quotes: dict[int, list[tuple[int, int]]] = {}
        marks: dict[int, list[tuple[int, int]]] = {}
        for label, group in chosen:
            if label:
                parts.append((label, None))
            for s in with_quotations(group, passages):
                n = s.index + 1
                parts.append((_as_sentence(s.text), n))
                quotes.setdefault(n, []).append(s.span())
                marks.setdefault(n, []).extend(s.marks)
        # Quotes kept verbatim, "[3]" included; marks: what fills the asked slot in them.
        text, citations = cite(parts, passages, quotes, marks)
        if not citations:
            return refusal(question, passages)
        return Answer(text=text, refused=False, citations=citations, question=question,
                      passages=passages)

    def respond(
        self, query: Query, passages: list[Passage], quoted: Sequence[str] = ()
    ) -> Generator[str, None, Answer]:
        """``rag.answering.Answerer``: composed whole, so no deltas (the desk sends the text)."""
        answer = self.answer(query.text, passages, query.vector, query.words, quoted)
        yield from ()
        return answer

    def decide(
        self,
        question: str,
        passages: list[Passage],
        qvec: np.ndarray,
        qtokens: TokenVectors | None = None,
        quoted: Iterable[str] = (),
    ) -> Decision | None:
        """Rank the candidate sentences and score "does the best one answer?"; None when the
        passages hold no sentence at all."""
        ranked, evidence = self.rank(question, passages, qvec, qtokens, quoted)
        if not ranked:
            return None
        features = evidence.answerability(ranked[0], ranked, passages)
        return Decision(
            ranked, refuse_probability(features), features, unstated(features), evidence.q,
            self.refuse_at,
        )

    def rank(
        self,
        question: str,
        passages: list[Passage],
        qvec: np.ndarray,
        qtokens: TokenVectors | None = None,
        quoted: Iterable[str] = (),
        shortlist: int = SHORTLIST,
    ) -> tuple[list[Candidate], Evidence]:
        matcher = self.matcher
        if matcher is None:
            raise ValueError("ExtractiveAnswerer needs a WordMatcher (Embedder.word_matcher())")
        # A follow-up's kept context steers retrieval and the vectors; what is asked, and
        # the terms that must be found, come from the question's own words.
        own = split(question)[0]
        evidence = Evidence(
            analyse(own), passages, QuestionTerms(own, self.idf), matcher, qvec, qtokens, quoted,
            self.article_text,
        )
        cands = candidates(passages)
        if not cands:
            return [], evidence
        evidence.cheap(cands)
        for c in cands:
            c.score = _linear(W.SHORTLIST, c.features)
        # The asked speaker's sentences first: a speech question is answered from them only.
        cands.sort(key=lambda c: (c.features["speaker_near"], c.score), reverse=True)
        head = cands[:shortlist]
        texts = [c.text for c in head]
        vecs = self.encode(texts)
        toks = self.tokens(texts) if self.tokens is not None else [_NO_TOKENS] * len(head)
        evidence.full(head, vecs, toks)
        for c in head:
            c.score = _linear(W.RANK, c.features)
        return arrange(head, evidence.q), evidence

    def compose(
        self, q: Question, ranked: list[Candidate], passages: list[Passage]
    ) -> list[tuple[str, list[Candidate]]]:
        """The sentences to quote, grouped per article, each group with a label ("" when the
        articles agree). One article: the best sentence and its close runners-up from the same
        passage. Several: the best sentence of each article that answers nearly as well."""
        best = ranked[0]
        lead = passages[best.index]
        if q.recent:
            # "the latest", "so far", "now": an answer nearly as good from a newer article
            # leads instead.
            newer = [c for c in ranked if _answers_too(c, best)
                     and passages[c.index].published > lead.published]
            if newer:
                best = max(newer, key=lambda c: (passages[c.index].published, c.score))
                lead = passages[best.index]
        own = [best]
        # "What did he say next": the one statement after the one given, nothing around it.
        limit = 1 if q.speech is not None and q.speech.next else MAX_SENTENCES
        for c in ranked:
            if len(own) >= limit:
                break
            if c is best or passages[c.index].article_id != lead.article_id:
                continue
            if not _answers_alone(c.features):
                continue  # what cannot answer alone is not quoted beside the answer either
            if c.index == best.index and c.score >= best.score - FOLLOW_GAP:
                own.append(c)
        after = best.filled_next  # the next sentence names who / where (``slot_next``)
        if after is not None and not any(c.start == after.start for c in own):
            own.append(after)
        own.sort(key=lambda c: c.start)
        groups: dict[str, list[Candidate]] = {lead.article_id: own}
        for c in ranked:
            if len(groups) >= MAX_OUTLETS:
                break
            aid = passages[c.index].article_id
            if aid not in groups and _answers_too(c, best):
                groups[aid] = [c]
        if len(groups) == 1:
            return [("", own)]
        order = sorted(groups, key=lambda a: _published(passages, groups[a][0]), reverse=True)
        differ = (
            (DATE in q.wants or NUMBER in q.wants)
            and len({frozenset(_figures(g[0].text)) for g in groups.values()}) > 1
            and all(_close(g[0], best, DIFFER) for g in groups.values())
        )
        out = []
        for aid in order:
            group = groups[aid]
            p = passages[group[0].index]
            out.append((f"{_outlet(p)}:" if differ else "", group))
        if differ:
            out[0] = (f"The articles differ. {out[0][0]}", out[0][1])
        return out


def arrange(head: list[Candidate], q: Question | None = None) -> list[Candidate]:
    """Best first: sentences that can answer at all (``question.admissible``, spoken by the
    asked speaker) before the rest; for "what did X say next", the statement right after the
    one given first; then by score, the retriever's first article given
    ``FIRST_PASSAGE_BONUS``."""
    following = q is not None and q.speech is not None and q.speech.next
    return sorted(
        head,
        key=lambda c: (c.features.get("admissible", 1.0), c.features.get("speaker_near", 1.0),
                       c.features.get("follows_quoted", 0.0) if following else 0.0,
                       c.score + FIRST_PASSAGE_BONUS * c.features.get("first_article", 0.0)),
        reverse=True,
    )


def unstated(features: dict[str, float]) -> bool:
    """"The passage must state what is asked": refuse, whatever the scores, when the passage of
    the best sentence lacks a name the question gives (a person never mentioned cannot have
    said anything), or the question is negated and the passage holds no negation. Dev: the
    name rule fired on 11 of 23 news-dev unanswerable questions and 1 of 70 answerable ones;
    the negation rule on 13 of 129 SQuAD2 dev adversarial questions and none of the 121
    answerable."""
    return (
        features["names_passage"] < 1.0
        or features["numbers_passage"] < 1.0
        or features["negation_miss"] > 0
        or not features.get("admissible", 1.0)
        or not features.get("speaker_near", 1.0)
    )


def another_statement(q: Question, best: Candidate) -> bool | None:
    """"What else did Rubio say?", "And what did he say next?" (no topic): answered exactly
    when the best sentence is the speaker's and was not given before (the ranker put the one
    right after the given one first). The refusal model scores how well a sentence matches
    the question's words, and such a question has none to match: None for other questions."""
    ask = q.speech
    if ask is None or not ask.known or ask.topic or not (ask.more or ask.next):
        return None
    return _answers_alone(best.features)


def _answers_alone(f: dict[str, float]) -> bool:
    """A sentence that can answer at all (``question.admissible``) and is the asked
    speaker's, when a speaker is asked."""
    return f.get("admissible", 1.0) == 1.0 and f.get("speaker_near", 1.0) == 1.0


def refuse_probability(features: dict[str, float]) -> float:
    z = _linear(W.REFUSE, features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _linear(weights: dict[str, float], features: dict[str, float]) -> float:
    """A weighted sum; a feature the weights name and the evidence did not compute raises."""
    return weights.get("bias", 0.0) + sum(
        w * features[k] for k, w in weights.items() if k != "bias"
    )


def _answers_too(c: Candidate, best: Candidate) -> bool:
    """Another article's sentence that answers about as well as the best one, and holds
    what the question asks for (``unstated`` would not refuse it)."""
    f = c.features
    return (
        c is not best
        and c.score >= best.score - OUTLET_GAP
        and _close(c, best, AGREE)
        and not f.get("type_miss")
        and not f.get("title")
        and _answers_alone(f)
        and f.get("names_passage", 1.0) == 1.0
    )


def _close(a: Candidate, b: Candidate, at: float) -> bool:
    return a is b or a.vector is None or b.vector is None or float(a.vector @ b.vector) >= at


def _published(passages: list[Passage], c: Candidate) -> tuple[str, float]:
    return passages[c.index].published, c.score


def _figures(text: str) -> set[str]:
    return {m.group(0).rstrip(".,") for m in _FIGURE.finditer(match_form(text))}


def _outlet(p: Passage) -> str:
    """"Voice of America (27 Sep 2007)" from a passage's source and date."""
    from datetime import datetime

    name = p.source or p.title
    try:
        when = datetime.fromisoformat(p.published).strftime("%-d %b %Y")
    except (TypeError, ValueError):
        when = ""
    return f"{name} ({when})" if when else name


_NO_TOKENS = TokenVectors(np.zeros(0, dtype=np.int64), np.zeros((0, 384), dtype=np.float16))


def refusal(question: str, passages: list[Passage], note: str = "") -> Answer:
    return Answer(
        text=REFUSAL, refused=True, citations=[], question=question, passages=passages, note=note
    )


def quoted_sentences(answers: Iterable[str]) -> list[str]:
    """The sentences earlier answers quoted, markers and refusals left out."""
    out: list[str] = []
    for text in answers:
        if not text or text.strip() == REFUSAL:
            continue
        plain = MARKER.sub(" ", text)
        out.extend(plain[s:e].strip() for s, e in sentence_spans(plain))
    return out


def _as_sentence(text: str) -> str:
    text = text.strip()
    # "2023.[12]"; "X tweeted:" is followed by what it introduces (``with_quotations``).
    ended = text[-1:] in ".!?:\"'\u201d\u2019" or _FOOTNOTE_END.search(text)
    return text if ended else text + "."
