"""RSS and Atom feeds saved as files: one article per entry."""

from __future__ import annotations

import calendar
import html
import re
from datetime import UTC, datetime
from typing import Any

from ingest.article import Loaded, make_article, readable
from ingest.clean import clean_text
from ingest.xml_guard import entity_problem
from rag.errors import IngestError

SUFFIXES = (".xml", ".rss", ".atom")
DESCRIPTION = "RSS/Atom feed, one article per entry"


def read(raw: str, display: str, suffix: str) -> Loaded:
    return _feed_articles(raw, display)


def _feed_articles(raw: str, display: str) -> Loaded:
    import io

    import feedparser

    problem = entity_problem(raw.encode("utf-8"))
    if problem:
        raise IngestError(display, f"refused: the feed {problem}, which feeds never need")
    # A stream, never the string itself: feedparser fetches a string that looks like a URL
    # (and opens one that names a file), which would bypass every check in ingest.fetch.
    feed = feedparser.parse(
        io.BytesIO(raw.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
    )
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if getattr(feed, "bozo", 0) else ""
        raise IngestError(display, f"no feed entries found{why}; is this an RSS/Atom feed?")
    source = feed.feed.get("title", "") if hasattr(feed, "feed") else ""
    articles, errors = [], []
    for i, entry in enumerate(feed.entries):
        label = f"{display} (entry {i})"
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        if "<" in body:
            import trafilatura

            body = trafilatura.extract(f"<html><body>{body}</body></html>") or _strip_tags(body)
        else:  # plain text that feeds still escape, often twice: "AT&amp;amp;T" -> "AT&amp;T"
            body = html.unescape(body)
        text = clean_text(body)
        if not readable(text):
            errors.append(IngestError(label, "feed entry has no text"))
            continue
        meta = {
            "title": html.unescape(entry.get("title") or ""),
            "url": entry.get("link"),
            "author": entry.get("author"),
            "source": source,
            "published": _feed_date(entry),
        }
        try:
            articles.append(
                make_article(f"{display}#{entry.get('id') or i}", display, text, meta, label)
            )
        except IngestError as exc:
            errors.append(exc)
    if not articles:
        if all(e.reason == "feed entry has no text" for e in errors):
            raise IngestError(display, "no feed entry has any text")
        raise IngestError(display, f"no usable feed entry: {errors[0].reason}")
    return Loaded(articles, errors)


def _strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _feed_date(entry: Any) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return entry.get("published", "") or ""
