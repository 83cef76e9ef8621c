"""Everything the UI shows, as strings: chat messages, the Sources panel, library rows.

Article text is untrusted (scraped pages), so every piece of it is HTML-escaped here and only
markup built in this module reaches the browser. Pure functions, so they are tested without a
server.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlparse

from rag.manifest import ArticleRow
from rag.text import sentence_spans
from rag.types import Answer, Citation, IngestSummary, Passage

# Characters of article text shown on each side of the cited sentence(s).
CONTEXT_CHARS = 220
PASSAGE_PREVIEW_CHARS = 420
EMPTY_SOURCES = (
    '<div class="nd-empty">Ask a question: the passages behind the answer appear here, '
    "with the cited sentences highlighted.</div>"
)
_MD_SPECIAL = re.compile(r"([\\`*_#|~<>])")

ArticleText = Callable[[str], str | None]


def md_escape(text: str) -> str:
    """Show article text literally in the Markdown chat (no stray emphasis, headings or tags)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def chat_message(answer_text: str, *, refused: bool, searched: str, asked: str) -> str:
    """The assistant bubble: answer (or refusal), plus the searched question in small print.

    The searched question is shown only when the condense step rewrote the user's words, so
    a plain question stays uncluttered and a follow-up shows exactly what retrieval saw.
    """
    body = md_escape(answer_text)
    if refused:
        body = f"⚠️ **No answer in the articles.** _{body}_ See the closest passages in Sources."
    if searched and searched.strip() != asked.strip():
        body += f'\n\n<small class="nd-searched">searched: {html.escape(searched)}</small>'
    return body


def sources_html(answer: Answer, article_text: ArticleText, limit: int = 8) -> str:
    """The Sources panel for one answer: cited passages, or for a refusal the closest ones."""
    searched = (
        f'<div class="nd-searched">searched: {html.escape(answer.question)}</div>'
        if answer.question
        else ""
    )
    if answer.refused:
        items = "".join(
            _card(i, p.title, p.source, p.published, p.url, _preview(p.text), "nd-near")
            for i, p in enumerate(answer.passages[:limit], 1)
        )
        body = items or '<div class="nd-empty">No passages matched at all.</div>'
        return (
            '<div class="nd-sources nd-refused">'
            '<div class="nd-head">No answer in the articles — closest passages</div>'
            f"{searched}{body}</div>"
        )
    cards = "".join(
        _card(c.n, c.title, c.source, c.published, c.url, _quoted(c, article_text), "nd-cited")
        for c in answer.citations[:limit]
    )
    return f'<div class="nd-sources"><div class="nd-head">Sources</div>{searched}{cards}</div>'


def _card(
    n: int, title: str, source: str, published: str, url: str, body: str, kind: str
) -> str:
    name = html.escape(title or "(untitled)")
    if _safe_url(url):
        name = (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{name}</a>'
        )
    meta = " · ".join(html.escape(x) for x in (source, published[:10]) if x)
    meta_html = f'<div class="nd-meta">{meta}</div>' if meta else ""
    return (
        f'<div class="nd-card {kind}"><div class="nd-title"><span class="nd-n">[{n}]</span> '
        f"{name}</div>{meta_html}<div class=\"nd-passage\">{body}</div></div>"
    )


def _safe_url(url: str) -> bool:
    try:
        parsed = urlparse(url)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _quoted(c: Citation, article_text: ArticleText) -> str:
    """The cited spans highlighted, inside a little of the article around them.

    Quotes are offsets into the cleaned article; when the article has changed since the answer
    (re-ingested meanwhile) they are mapped onto the passage the citation carries instead.
    """
    text = article_text(c.article_id)
    offset = 0
    if text is None or text[c.start : c.end] != c.passage:
        text, offset = c.passage, c.start
    spans = _merge([(s - offset, e - offset) for s, e in c.quotes], len(text))
    if not spans:
        return _preview(c.passage)
    lo = _snap_left(text, spans[0][0] - CONTEXT_CHARS, spans[0][0])
    hi = _snap_right(text, spans[-1][1] + CONTEXT_CHARS, spans[-1][1])
    out: list[str] = ["… " if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        out.append(_text_html(text[pos:s]))
        out.append(f"<mark>{_text_html(text[s:e])}</mark>")
        pos = e
    out.append(_text_html(text[pos:hi]))
    out.append(" …" if hi < len(text) else "")
    return "".join(out)


def _merge(spans: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted((max(0, s), min(size, e)) for s, e in spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _snap_left(text: str, pos: int, limit: int) -> int:
    """Start the context at a sentence start, else a word start, between ``pos`` and ``limit``."""
    if pos <= 0:
        return 0
    starts = [s for s, _ in sentence_spans(text, pos, limit)[1:]]
    if starts:
        return starts[0]
    space = text.find(" ", pos, limit)
    return space + 1 if space != -1 else pos


def _snap_right(text: str, pos: int, limit: int = 0) -> int:
    """End the context at a sentence end, else a word end, between ``limit`` and ``pos``."""
    if pos >= len(text):
        return len(text)
    ends = [e for _, e in sentence_spans(text, limit, pos)[:-1]]
    if ends:
        return ends[-1]
    space = text.rfind(" ", limit, pos)
    return space if space != -1 else pos


def _preview(text: str) -> str:
    if len(text) <= PASSAGE_PREVIEW_CHARS:
        return _text_html(text)
    cut = _snap_right(text, PASSAGE_PREVIEW_CHARS)
    return _text_html(text[:cut]) + " …"


def _text_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


# -- library, examples, ingest summaries -------------------------------------------------------
LIBRARY_HEADERS = ["Title", "Source", "Published", "Chunks"]


def library_rows(articles: Iterable[ArticleRow], search: str = "") -> list[list[str | int]]:
    """Rows for the Library table; the search matches title, source, date or file name."""
    needle = search.strip().lower()
    rows: list[list[str | int]] = []
    for a in articles:
        if needle and not any(
            needle in field.lower() for field in (a.title, a.source, a.published, a.path)
        ):
            continue
        rows.append([a.title, a.source, a.published[:10], a.n_chunks])
    return rows


def example_questions(articles: Iterable[ArticleRow], limit: int = 4) -> list[str]:
    """Questions built from the newest articles' titles, so examples always have an answer.

    A headline's first clause ("U.S. outlines peace deal, proposing ...") names the story
    without the detail that would make the question too narrow for retrieval.
    """
    out: list[str] = []
    for a in articles:
        head = re.split(r"[,:;|]| - | — ", a.title, maxsplit=1)[0].strip(" .?!\"'")
        words = head.split()
        if len(words) < 2:
            continue
        head = " ".join(words[:12])
        question = f"What do the articles say about “{head}”?"
        if question not in out:
            out.append(question)
        if len(out) >= limit:
            break
    return out


def summary_markdown(
    summary: IngestSummary | None, rejected: Iterable[tuple[str, str]] = (), saved: int = 0
) -> str:
    """The ingest result as a reader wants it: counts first, then each failure and why."""
    lines: list[str] = []
    if saved:
        lines.append(f"Saved {saved} file(s) into the corpus.")
    if summary is not None:
        lines.append(f"**Ingest:** {summary.line()} ({summary.seconds:.1f} s)")
    problems = list(rejected) + (list(summary.failed) if summary else [])
    if problems:
        lines.append("")
        lines.append("**Not ingested:**")
        lines.extend(f"- {md_escape(name)}: {md_escape(reason)}" for name, reason in problems)
    return "\n".join(lines) or "Nothing to ingest."


def passages_json(passages: Iterable[Passage]) -> list[dict[str, object]]:
    return [p.to_json(i) for i, p in enumerate(passages, 1)]
