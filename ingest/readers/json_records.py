"""JSON and JSON Lines: one article per record (the MultiHop-RAG layout).

A bad record is reported on its own and the file's other records still load, so one broken
line never costs a whole scrape.
"""

from __future__ import annotations

import json
from typing import Any

from ingest.article import Article, Loaded, make_article, readable
from ingest.clean import clean_text
from rag.errors import IngestError

SUFFIXES = (".json", ".jsonl", ".ndjson")
DESCRIPTION = (
    "one article per record: `title`, `body` or `text`, optional `published_at`, `source`, "
    "`url`, `author` (the MultiHop-RAG layout)"
)

# Python's JSON parser recurses once per nesting level and stops at the interpreter's limit.
_TOO_DEEP = (
    "JSON nested too deeply to read (more than about 1,000 levels); an article record is an "
    "object of text fields: fix or re-export the file"
)

def read(raw: str, display: str, suffix: str) -> Loaded:
    return _json_articles(raw, display, jsonl=suffix != ".json")


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
            articles.append(_record(rec, display, label, i if many else None))
        except IngestError as exc:
            errors.append(exc)
    if not articles:
        if len(errors) == 1:
            raise errors[0]
        raise IngestError(display, f"no usable article records ({len(errors)} bad)")
    return Loaded(articles, errors)


def _record(rec: Any, display: str, label: str, index: int | None) -> Article:
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
    if not readable(text):
        raise IngestError(label, "record has no 'body' or 'text'")
    meta = dict(rec)
    meta["published"] = rec.get("published_at") or rec.get("published") or rec.get("date")
    fallback_id = display if index is None else f"{display}#{index}"
    return make_article(fallback_id, display, text, meta, label)
