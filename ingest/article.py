"""An article as the readers produce it, and the checks every reader's metadata goes through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ingest.clean import first_line
from rag.errors import IngestError

# Longest metadata values accepted; longer ones refuse the article (a 419-byte YAML alias bomb
# once produced a 312 MB title, stored in every chunk and sent with every answer citing it).
# The longest in data/eval/news-dev are url 106, title 75, source 41 characters: these leave
# ten times that and more; 2,048 is the URL length browsers and crawlers keep to.
META_LIMITS = {"title": 1000, "source": 300, "author": 1000, "url": 2048, "published": 100}

@dataclass(frozen=True)
class Article:
    """One cleaned article, ready to hash and chunk."""

    article_id: str
    path: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str = ""
    author: str = ""

    @property
    def published_ts(self) -> int | None:
        """Seconds since the epoch, for date-range filters; None when the date is unknown."""
        if not self.published:
            return None
        try:
            dt = datetime.fromisoformat(self.published)
        except ValueError:
            return None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return int(dt.timestamp())


@dataclass(frozen=True)
class Loaded:
    """Result of reading one file: its articles and the records that failed inside it."""

    articles: list[Article]
    errors: list[IngestError]


# The longest article text accepted, in characters: what the default 20 MB file limit admits
# as plain text (a 5 MB one-line scrape is ingested: tests/integration/test_hostile.py).
# Parsing may make far more of a small file (an XML entity bomb: 1 MB became 40 million
# characters); this caps what comes out, whatever went in.
MAX_TEXT_CHARS = 20_000_000


def make_article(
    fallback_id: str, display: str, text: str, meta: dict[str, Any], label: str = ""
) -> Article:
    label = label or display
    if len(text) > MAX_TEXT_CHARS:
        # Parsing can produce far more than the file held (an entity bomb, a gzip inside a
        # format): the file-size cap is no cap on an article.
        raise IngestError(
            label,
            f"the article's text is {len(text):,} characters, over the {MAX_TEXT_CHARS:,}-"
            "character limit for one article; split it",
        )
    for key in (*META_LIMITS, "date"):
        value = meta.get(key)
        if isinstance(value, list) and key == "author":
            meta = {**meta, key: ", ".join(map(text_of, value))}  # authors: [A, B]
        elif value is not None and not isinstance(value, str | int | float | datetime | date):
            raise IngestError(label, f"{key!r} must be text, got {type(value).__name__}")
    url = text_of(meta.get("url"))
    article = Article(
        article_id=url or fallback_id,
        path=display,
        title=text_of(meta.get("title")) or first_line(text),
        text=text,
        source=text_of(meta.get("source")),
        url=url,
        published=normalise_date(meta.get("published") or meta.get("date")),
        author=text_of(meta.get("author")),
    )
    for key, limit in META_LIMITS.items():
        size = len(getattr(article, key))
        if size > limit:
            raise IngestError(
                label,
                f"{key} is {size:,} characters, over the {limit:,}-character limit for "
                "metadata; shorten it",
            )
    return article


def readable(text: str) -> bool:
    """Text with at least one letter or digit: "<<<>>" left over from broken markup is not."""
    return any(ch.isalnum() for ch in text)


def text_of(value: Any) -> str:
    return "" if value is None else str(value).strip()


def normalise_date(value: Any) -> str:
    """ISO 8601 where the input is a date we can read; the raw string otherwise."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        return text
