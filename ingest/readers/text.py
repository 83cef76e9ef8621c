"""Text and Markdown: the first non-empty line is the title; optional front matter on top."""

from __future__ import annotations

from typing import Any

from ingest.article import Article, Loaded, make_article, readable
from ingest.clean import clean_text
from ingest.front_matter import read_front_matter
from rag.errors import IngestError

SUFFIXES = (".txt", ".md", ".markdown")
DESCRIPTION = (
    "title = first non-empty line; optional front matter (`title`, `published`, `source`, "
    "`url`, `author`): YAML, or plain `key: value` lines (`title: Louvre heist: Two men "
    "arrested`); YAML anchors/aliases are refused"
)


def read(raw: str, display: str, suffix: str) -> Loaded:
    return Loaded([_text_article(raw, display)], [])


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
    if not readable(text):
        raise IngestError(display, "no article text after the front matter")
    return make_article(display, display, text, meta)
