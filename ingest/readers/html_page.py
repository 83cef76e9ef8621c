"""HTML pages: the main text and metadata, extracted with trafilatura."""

from __future__ import annotations

from ingest.article import Article, Loaded, make_article, readable
from ingest.clean import clean_text
from rag.errors import IngestError

SUFFIXES = (".html", ".htm")
DESCRIPTION = "main text and metadata extracted with trafilatura"


def read(raw: str, display: str, suffix: str) -> Loaded:
    return Loaded([_html_article(raw, display)], [])


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
    if not readable(text):
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
    return make_article(display, display, text, meta)
