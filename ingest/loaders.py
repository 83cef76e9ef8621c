"""Readers for each supported format. Each yields articles or raises ``IngestError`` per file.

A bad record inside a multi-article file (JSON list, JSONL, feed) is reported on its own and the
file's other records still load, so one broken line never costs a whole scrape.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ingest.clean import clean_text, first_line
from ingest.front_matter import read_front_matter
from rag.errors import IngestError

TEXT_TYPES = {".txt", ".md", ".markdown"}
HTML_TYPES = {".html", ".htm"}
JSON_TYPES = {".json", ".jsonl", ".ndjson"}
FEED_TYPES = {".xml", ".rss", ".atom"}
SUPPORTED = TEXT_TYPES | HTML_TYPES | JSON_TYPES | FEED_TYPES

# Longest metadata values accepted; longer ones refuse the article (a 419-byte YAML alias bomb
# once produced a 312 MB title, stored in every chunk and sent with every answer citing it).
# The longest in data/eval/news-dev are url 106, title 75, source 41 characters: these leave
# ten times that and more; 2,048 is the URL length browsers and crawlers keep to.
META_LIMITS = {"title": 1000, "source": 300, "author": 1000, "url": 2048, "published": 100}

# Python's JSON parser recurses once per nesting level and stops at the interpreter's limit.
_TOO_DEEP = (
    "JSON nested too deeply to read (more than about 1,000 levels); an article record is an "
    "object of text fields: fix or re-export the file"
)
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
}


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


def load_file(path: Path, display: str, max_bytes: int) -> Loaded:
    """Read one file of any supported type. Raises ``IngestError`` when nothing in it is usable."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(
            display,
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"supported: {', '.join(sorted(SUPPORTED))}",
        )
    text = read_text(path, display, max_bytes)
    if suffix in TEXT_TYPES:
        return Loaded([_text_article(text, display)], [])
    if suffix in HTML_TYPES:
        return Loaded([_html_article(text, display)], [])
    if suffix in JSON_TYPES:
        return _json_articles(text, display, jsonl=suffix != ".json")
    return _feed_articles(text, display)


def read_text(path: Path, display: str, max_bytes: int) -> str:
    """Bytes to str with the checks a scraper's output needs: size cap, binary, UTF-8, empty."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(display, f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise IngestError(
            display,
            f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit "
            "(NEWSDESK_MAX_FILE_MB); split it into articles or raise the limit",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(display, f"cannot read file: {exc.strerror or exc}") from exc
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(display, f"binary file ({kind}), not text; save the article as text")
    if b"\x00" in data[:8192]:
        raise IngestError(display, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            display,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8 (it may be Latin-1/Windows-1252)",
        ) from exc
    if not text.strip():
        raise IngestError(display, "empty file (no text); add article text or remove the file")
    return text


def _text_article(raw: str, display: str) -> Article:
    meta: dict[str, Any] = {}
    body = raw
    stripped = raw.lstrip("\ufeff")
    if stripped.startswith("---"):
        head, sep, rest = stripped[3:].partition("\n---")
        if sep:
            meta = read_front_matter(head, display)
            body = rest.split("\n", 1)[1] if "\n" in rest else ""
    text = clean_text(body)
    if not _readable(text):
        raise IngestError(display, "no article text after the front matter")
    return _article(display, display, text, meta)


def _html_article(raw: str, display: str) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            raw, include_comments=False, include_tables=False, with_metadata=True
        )
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise IngestError(
            display, f"malformed HTML, no article found ({type(exc).__name__})"
        ) from exc
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = clean_text(data.get("text") or "")
    if not _readable(text):
        raise IngestError(
            display, "no article text found in the HTML (empty, malformed, or only navigation)"
        )
    meta = {
        "title": data.get("title"),
        "author": data.get("author"),
        "url": data.get("url"),
        "source": data.get("sitename") or data.get("hostname"),
        "published": data.get("date"),
    }
    return _article(display, display, text, meta)


def _json_articles(raw: str, display: str, *, jsonl: bool) -> Loaded:
    records: list[tuple[str, Any]] = []
    if jsonl:
        for lineno, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    records.append((f"line {lineno}", json.loads(line)))
                except (json.JSONDecodeError, RecursionError) as exc:
                    records.append((f"line {lineno}", exc))
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise IngestError(
                display,
                f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}; "
                "fix or re-export the file",
            ) from exc
        except RecursionError as exc:
            raise IngestError(display, _TOO_DEEP) from exc
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise IngestError(display, "JSON must be an article object or a list of them")
        records = [(f"record {i}", rec) for i, rec in enumerate(data)]
    articles, errors = [], []
    many = len(records) > 1
    for i, (where, rec) in enumerate(records):
        label = f"{display} ({where})" if many else display
        try:
            if isinstance(rec, RecursionError):
                raise IngestError(label, _TOO_DEEP)
            if isinstance(rec, json.JSONDecodeError):
                raise IngestError(label, f"malformed JSON: {rec.msg} at column {rec.colno}")
            articles.append(_record_article(rec, display, label, i if many else None))
        except IngestError as exc:
            errors.append(exc)
    if not articles:
        if len(errors) == 1:
            raise errors[0]
        raise IngestError(display, f"no usable article records ({len(errors)} bad)")
    return Loaded(articles, errors)


def _record_article(rec: Any, display: str, label: str, index: int | None) -> Article:
    if not isinstance(rec, dict):
        raise IngestError(
            label, f"expected an object with title and body, got {type(rec).__name__}"
        )
    for key in ("title", "body", "text", "published_at", "source", "url", "author"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise IngestError(
                label, f"field {key!r} must be a string, got {type(rec[key]).__name__}"
            )
    body = rec.get("body") or rec.get("text") or ""
    text = clean_text(body)
    if not _readable(text):
        raise IngestError(label, "record has no 'body' or 'text'")
    meta = dict(rec)
    meta["published"] = rec.get("published_at") or rec.get("published") or rec.get("date")
    fallback_id = display if index is None else f"{display}#{index}"
    return _article(fallback_id, display, text, meta, label)


def _feed_articles(raw: str, display: str) -> Loaded:
    import io

    import feedparser

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
        if not _readable(text):
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
                _article(f"{display}#{entry.get('id') or i}", display, text, meta, label)
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
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return entry.get("published", "") or ""


def _article(
    fallback_id: str, display: str, text: str, meta: dict[str, Any], label: str = ""
) -> Article:
    label = label or display
    for key in (*META_LIMITS, "date"):
        value = meta.get(key)
        if isinstance(value, list) and key == "author":
            meta = {**meta, key: ", ".join(map(_s, value))}  # authors: [A, B]
        elif value is not None and not isinstance(value, str | int | float | datetime | date):
            raise IngestError(label, f"{key!r} must be text, got {type(value).__name__}")
    url = _s(meta.get("url"))
    article = Article(
        article_id=url or fallback_id,
        path=display,
        title=_s(meta.get("title")) or first_line(text),
        text=text,
        source=_s(meta.get("source")),
        url=url,
        published=normalise_date(meta.get("published") or meta.get("date")),
        author=_s(meta.get("author")),
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


def _readable(text: str) -> bool:
    """Text with at least one letter or digit: "<<<>>" left over from broken markup is not."""
    return any(ch.isalnum() for ch in text)


def _s(value: Any) -> str:
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


def walk(root: Path) -> Iterator[tuple[Path, IngestError | None]]:
    """Files under ``root`` in a stable order; symlink loops and broken links are reported."""
    if root.is_file():
        yield root, None
        return
    if not root.exists():
        yield root, IngestError(root, "no such file or directory")
        return
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> Iterator[tuple[Path, IngestError | None]]:
        st = directory.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield directory, IngestError(
                directory, "symlink loop (directory already visited); skipped"
            )
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield directory, IngestError(directory, f"cannot list directory: {exc.strerror}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    yield from visit(path)
                elif entry.is_file():
                    yield path, None
                elif entry.is_symlink():
                    yield path, IngestError(path, "broken or looping symlink; skipped")
            except OSError as exc:
                yield path, IngestError(path, f"cannot read: {exc.strerror or exc}")

    yield from visit(root)
