"""Example questions: real questions the articles answer, made from their quoted speech.

A headline turned into a question ("What do the articles say about <headline>?") is answered by
the headline itself. A sentence such as "Mayor Ilse Brandt said the harbour expansion would
create 300 jobs" gives "What did Ilse Brandt say about the harbour expansion?", which the
article answers with that sentence. Each candidate is asked once through the real desk and shown
only if the answer cites that very sentence; candidates are few (``MAX_ASKED``) and an answer
costs about 60 ms, so this runs at start-up and after each ingest, not per page load.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rag.newsdesk import Newsdesk
from rag.store.manifest import ArticleRow
from rag.text import sentence_spans

# Questions shown; candidates asked at most (each one full answer, ~60 ms warm on 2 cores);
# newest articles tried (one example per article before a second from the same one).
SHOWN = 4
MAX_ASKED = 12
ARTICLES_TRIED = 8

_SPEECH = (
    r"(?:said|says|told|mentioned|noted|stated|warned|argued|added|announced|insisted|"
    r"explained|stressed|emphasi[sz]ed|promised|confirmed|admitted|predicted)"
)
_CAP = r"[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*"  # a capitalised word, not an acronym like "U.S."
# "Mayor Ilse Brandt said (that) the harbour expansion would ..."
_NAME_SAID = re.compile(
    rf"(?P<who>(?:{_CAP}\s+){{0,3}}{_CAP})\s+(?:also\s+)?{_SPEECH}\b"
    rf"(?:\s+on\s+\w+day)?(?:\s+that)?\s+(?P<rest>[^;:!?\u201c\"]+)"
)
# "The festival drew forty thousand visitors, organisers said on Sunday."
_CLAUSE_SAID = re.compile(
    rf"^(?P<clause>[^,;:\u201c\"]+),\s+(?P<who>(?:[A-Za-z]+\s+)?[a-z]+)\s+{_SPEECH}\b"
)
_GROUPS = {
    "organisers", "organizers", "officials", "police", "analysts", "residents", "experts",
    "critics", "researchers", "economists", "witnesses", "authorities", "scientists",
    "doctors", "prosecutors", "investigators", "lawyers", "teachers", "farmers",
}
_LEADING_SKIP = {"he", "she", "it", "they", "we", "i", "you", "this", "these", "those", "there",
                 "her", "his", "its", "their", "our", "my", "your", "what", "how", "why"}
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "a", "an", "on", "in", "at", "after", "before", "but", "and",
    "sources", "officials", "he", "she", "they", "it", "we", "this", "that", "meanwhile",
}
MAX_SUBJECT_WORDS = 4


@dataclass(frozen=True)
class Candidate:
    """A question and the sentence (article offsets) whose answer it asks for."""

    question: str
    article_id: str
    start: int
    end: int


def candidates(article: ArticleRow) -> Iterator[Candidate]:
    """Questions from the article's attributed sentences, in text order (title skipped)."""
    text = article.text
    seen: set[str] = set()
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        if sentence.strip() == article.title.strip():
            continue
        question = _question(sentence)
        if question and question.lower() not in seen:
            seen.add(question.lower())
            yield Candidate(question, article.article_id, s, e)


def _question(sentence: str) -> str | None:
    m = _NAME_SAID.search(sentence)
    if m:
        who = _name(m.group("who"), at_start=m.start() == 0)
        subject = _subject(m.group("rest"))
        if who and subject:
            return f"What did {who} say about {subject}?"
    m = _CLAUSE_SAID.search(sentence)
    if m:
        words = m.group("who").split()
        if words[-1].lower() in _GROUPS:
            subject = _subject(m.group("clause"))
            if subject:
                return f"What did {' '.join(words).lower()} say about {subject}?"
    m = re.match(rf"^(?:[A-Z]\w*\s+)?(?P<who>[A-Za-z]+)\s+{_SPEECH}\b(?:\s+that)?\s+(?P<rest>.+)",
                 sentence)
    if m and m.group("who").lower() in _GROUPS:
        subject = _subject(m.group("rest"))
        who = sentence[: m.end("who")].lower()
        if subject:
            return f"What did {who} say about {subject}?"
    return None


def _name(run: str, *, at_start: bool) -> str | None:
    """The person in a capitalised run: its last two words ("Mayor Ilse Brandt" -> "Ilse
    Brandt"); a single word only when it is not the sentence's first (where any word is
    capitalised)."""
    words = [w for w in run.split() if w.lower() not in _NOT_NAMES]
    if not words or (len(words) == 1 and at_start and run.split()[0] == words[0]):
        return None
    return " ".join(words[-2:])


def _subject(rest: str) -> str | None:
    """What the reported words are about: the subject of the clause, read from its parse
    ("said *the new rosters* leave too little rest": "the new rosters", where a word list
    took "the new rosters leave"). None for a pronoun ("he", "her staff") or a long phrase."""
    from rag.language.asked import question_subject

    words = question_subject(rest.strip()).split()
    if not words or words[0].lower() in _LEADING_SKIP or len(words) > MAX_SUBJECT_WORDS + 1:
        return None
    content = [w for w in words if w.lower() not in ("the", "a", "an")]
    if not content or all(len(w) < 3 for w in content):
        return None
    if words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)


def checked_examples(
    desk: Newsdesk, articles: Iterable[ArticleRow], shown: int = SHOWN
) -> list[str]:
    """Up to ``shown`` questions whose answer quotes the sentence each was made from, one per
    article first (newest articles first)."""
    queues = []
    for a in by_outlet(list(articles))[:ARTICLES_TRIED]:
        row = desk.manifest.article(a.article_id) if not a.text else a
        if row is not None:
            queues.append(candidates(row))
    found: list[str] = []
    asked = 0
    while queues and len(found) < shown and asked < MAX_ASKED:
        for queue in list(queues):
            if len(found) >= shown or asked >= MAX_ASKED:
                break
            for cand in queue:
                asked += 1
                if _answers(desk, cand):
                    found.append(cand.question)
                    break
                if asked >= MAX_ASKED:
                    break
            else:
                queues.remove(queue)
    return found


def by_outlet(articles: list[ArticleRow]) -> list[ArticleRow]:
    """Newest first, taking each outlet's newest article in turn: one outlet's batch of
    articles (the demo set, a big upload) does not fill every example, and the other stories
    on the desk get theirs. Articles without a source count as one outlet each."""
    queues: dict[str, list[ArticleRow]] = {}
    for i, a in enumerate(articles):  # already newest first
        queues.setdefault(a.source or f"\0{i}", []).append(a)
    out: list[ArticleRow] = []
    rounds = list(queues.values())
    while rounds:
        for queue in list(rounds):
            out.append(queue.pop(0))
            if not queue:
                rounds.remove(queue)
    return out


def _answers(desk: Newsdesk, cand: Candidate) -> bool:
    answer = desk.query(cand.question)
    return not answer.refused and any(
        c.article_id == cand.article_id
        and any(s < cand.end and e > cand.start for s, e in c.quotes)
        for c in answer.citations
    )


class ExampleCache:
    """Checked examples per store generation, shared by every session (they are the same for
    everyone); recomputed only after an ingest changed the store."""

    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._examples: list[str] = []

    def get(self) -> list[str]:
        with self._lock:
            generation = self.desk.manifest.generation
            if generation != self._generation:
                self._examples = checked_examples(self.desk, self.desk.articles())
                self._generation = generation
            return list(self._examples)
