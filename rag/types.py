"""Plain records passed between retrieval, answering and the front ends."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Other outlets named in a folded story's source before "and N more".
OUTLETS_SHOWN = 4


def display_source(source: str, also: Iterable[str] = ()) -> str:
    """"AP (also run by Reuters and BBC)": a story stored once, naming every outlet that ran it.

    ``Passage.source`` (and so the CLI, the ``--json`` ``source`` field, the Sources panel and
    LLM prompts) carries this form; the manifest and Chroma keep the plain outlet name, which
    is what source filters match.
    """
    others = [s for s in dict.fromkeys(a.strip() for a in also) if s and s != source]
    if not others:
        return source
    shown = others[:OUTLETS_SHOWN]
    if len(others) > OUTLETS_SHOWN:
        names = f"{', '.join(shown)} and {len(others) - OUTLETS_SHOWN} more"
    elif len(shown) > 1:
        names = f"{', '.join(shown[:-1])} and {shown[-1]}"
    else:
        names = shown[0]
    return f"{source or 'unknown outlet'} (also run by {names})"


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk, with where it sits in its cleaned article."""

    chunk_id: str
    article_id: str
    title: str
    source: str
    url: str
    published: str
    text: str
    start: int
    end: int
    score: float

    def to_json(self, n: int) -> dict[str, Any]:
        """The ``--json`` shape; the text goes out as ``passage``."""
        return {
            "n": n,
            "article_id": self.article_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "passage": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(float(self.score), 6),
        }

    @property
    def byline(self) -> str:
        """"Title · Source · 2025-11-21", as the CLI, the prompt and the UI show a passage."""
        return byline(self.title, self.source, self.published)


@dataclass(frozen=True)
class Citation(Passage):
    """A passage numbered ``[n]`` in an answer; ``quotes`` are the cited spans (article
    offsets), which the UI highlights; ``marks`` the spans inside them that fill what the
    question asks ("at least 21" for "How many people died?"), shown stronger."""

    n: int = 0
    quotes: tuple[tuple[int, int], ...] = ()
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def passage(self) -> str:
        """The passage text, under the name ``--json`` and the Python API give it."""
        return self.text

    @classmethod
    def from_passage(
        cls,
        n: int,
        p: Passage,
        quotes: tuple[tuple[int, int], ...] = (),
        marks: tuple[tuple[int, int], ...] = (),
    ) -> Citation:
        fields = {f.name: getattr(p, f.name) for f in dataclasses.fields(Passage)}
        inside = tuple(sorted({m for m in marks if any(s <= m[0] and m[1] <= e
                                                        for s, e in quotes)}))
        return cls(**fields, n=n, quotes=quotes, marks=inside)

    def to_json(self, n: int | None = None) -> dict[str, Any]:
        """The passage's shape, with the quoted spans and the marks inside them (article
        offsets, as ``start`` / ``end`` are)."""
        return {
            **super().to_json(self.n if n is None else n),
            "quotes": [list(q) for q in self.quotes],
            "marks": [list(m) for m in self.marks],
        }


def byline(title: str, source: str, published: str) -> str:
    """The non-empty parts joined by " · ", the date cut to the day."""
    return " · ".join(x for x in (title, source, published[:10]) if x)


@dataclass(frozen=True)
class NoMatch:
    """Why there was nothing to answer from: the filters let no article through, or the store
    is empty. Distinct from a refusal, where passages were found but none answers."""

    # "filters" (no article passes them), "empty" (nothing ingested), or "filtered": articles
    # passed, none of them answers, and articles outside the filters might.
    reason: str
    filters: str = ""  # the active filters as a reader says them (Filters.describe)
    undated_left_out: int = 0  # articles with no date that the date range left out
    passing: int = 0  # "filtered": articles the filters let through
    outside: int = 0  # "filtered": articles they kept out

    def message(self) -> str:
        if self.reason == "empty":
            return "No articles are ingested yet; add some, then ask again."
        if self.reason == "filtered":
            return (
                f"Nothing in the {_articles(self.passing)} that "
                f"{'passes' if self.passing == 1 else 'pass'} your filters "
                f"({self.filters}) answers this; {_articles(self.outside)} outside them might. "
                "Clear or widen the filters and ask again."
            )
        text = f"No article matches the filters ({self.filters})"
        if self.undated_left_out:
            n = self.undated_left_out
            text += (
                f"; {n} article{'s' if n != 1 else ''} without a date "
                f"{'are' if n != 1 else 'is'} left out by the date range"
            )
        return text + ". Clear or widen the filters and ask again."


def _articles(n: int) -> str:
    return f"{n} article{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Answer:
    """What ``query()`` returns. ``passages`` are all retrieved, cited or not (for refusals)."""

    text: str
    refused: bool
    citations: list[Citation]
    question: str = ""
    passages: list[Passage] = field(default_factory=list)
    note: str = ""
    no_match: NoMatch | None = None  # set when nothing could be searched (see NoMatch)

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "refused": self.refused,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass
class IngestSummary:
    """Counts and per-file failures of one ingest run."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_written: int = 0
    seconds: float = 0.0
    folded: int = 0  # of the added/updated: stored as another outlet's copy of a stored story
    # Files at least one article came from (added, updated or unchanged); not in the JSON.
    ingested_files: set[str] = field(default_factory=set)
    # Uploads saved under another name than they came with: (name sent, name saved).
    renamed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def line(self) -> str:
        folded = f" ({self.folded} folded into a story already stored)" if self.folded else ""
        return (
            f"added {self.added}, updated {self.updated}{folded}, unchanged {self.unchanged}, "
            f"removed {self.removed}, failed {len(self.failed)}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "chunks_embedded": self.chunks_embedded,
            "chunks_written": self.chunks_written,
            "folded": self.folded,
            "seconds": round(self.seconds, 3),
            "renamed": [{"file": a, "saved_as": b} for a, b in self.renamed],
        }
