"""What the Library tab shows, as HTML strings: the article list, one article, the status line.

Pure functions over manifest rows; every piece of article text is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from rag.store.manifest import ArticleRow, ChunkRow
from ui.filters import NO_SOURCE

# Rows listed at once; a search narrows a bigger library (a 100k-article table would be
# megabytes of HTML per refresh).
LIST_LIMIT = 200


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def status_line(n_articles: int, n_chunks: int, corpus_dir: Path) -> str:
    return (
        f"**{plural(n_articles, 'article')}**, **{plural(n_chunks, 'passage')}** · corpus "
        f"folder `{corpus_dir.resolve()}`"
    )


def matches(article: ArticleRow, needle: str) -> bool:
    return not needle or any(
        needle in field.lower()
        for field in (article.title, article.source, article.published, article.path)
    )


def library_list(articles: Iterable[ArticleRow], search: str = "") -> str:
    """The articles as a table (cards on a phone); the search matches title, source, date or
    file name. Says so when nothing matches, and when the list is cut at ``LIST_LIMIT``."""
    needle = search.strip().lower()
    all_rows = list(articles)
    found = [a for a in all_rows if matches(a, needle)]
    if not all_rows:
        return (
            '<p class="nd-empty">No articles yet. Add files below, or put them in the corpus '
            "folder and press <strong>Re-ingest corpus</strong>.</p>"
        )
    if not found:
        return (
            '<p class="nd-empty" role="status">No article matches '
            f"“{html.escape(search.strip())}”. The search looks in titles, sources, dates and "
            "file names.</p>"
        )
    shown = found[:LIST_LIMIT]
    note = ""
    if len(found) > len(shown):
        note = (
            f'<p class="nd-meta">Showing the newest {len(shown):,} of {len(found):,}; search to '
            "narrow the list.</p>"
        )
    elif needle:
        note = f'<p class="nd-meta" role="status">{plural(len(found), "article")} match.</p>'
    rows = "".join(_row(a) for a in shown)
    return (
        f"{note}<table class=\"nd-library\"><caption class=\"nd-sr-only\">Articles in the "
        "library; open one to read it, re-ingest it or delete it</caption><thead><tr>"
        '<th scope="col">Title</th><th scope="col">Source</th><th scope="col">Published</th>'
        f'<th scope="col">Passages</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _row(a: ArticleRow) -> str:
    title = html.escape(a.title or "(untitled)")
    source = html.escape(a.source) or f'<span class="nd-none">{NO_SOURCE}</span>'
    published = html.escape(a.published[:10]) or '<span class="nd-none">undated</span>'
    return (
        "<tr>"
        f'<th scope="row"><button type="button" class="nd-open" '
        f'data-article="{html.escape(a.article_id, quote=True)}">{title}</button></th>'
        f'<td data-label="Source">{source}</td><td data-label="Published">{published}</td>'
        f'<td data-label="Passages">{a.n_chunks}<span class="nd-phone-only"> '
        f'{"passage" if a.n_chunks == 1 else "passages"}</span></td>'
        "</tr>"
    )


def article_view(row: ArticleRow, chunks: list[ChunkRow]) -> str:
    """One article: metadata, the whole text, and the passages it was cut into."""
    link = ""
    if row.url:
        scheme = urlparse(row.url).scheme
        shown = html.escape(row.url)
        link = (
            f'<a href="{html.escape(row.url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{shown}<span class="nd-sr-only"> (opens in a new '
            "tab)</span></a>"
            if scheme in ("http", "https")
            else shown
        )
    facts = [
        ("Source", html.escape(row.source) or NO_SOURCE),  # as the source filter says it
        ("Published", html.escape(row.published) or "no date"),
        ("Author", html.escape(row.author) or "unknown"),
        ("Link", link or "(no link)"),
        ("File", html.escape(row.path)),
        ("Article id", html.escape(row.article_id)),
        ("Passages", str(len(chunks))),
    ]
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    passages = "".join(
        f'<li><p class="nd-meta">Passage {c.idx + 1} · characters {c.start:,}–{c.end:,}</p>'
        f'<p class="nd-chunk-text">{html.escape(c.text)}</p></li>'
        for c in chunks
    )
    return (
        '<article class="nd-article" aria-labelledby="nd-article-title">'
        f'<h2 id="nd-article-title" tabindex="-1" '
        f'data-article="{html.escape(row.article_id, quote=True)}">'
        f'{html.escape(row.title or "(untitled)")}</h2>'
        f'<dl class="nd-facts">{meta}</dl>'
        f'<h3>Text</h3><div class="nd-reader-text">{html.escape(row.text)}</div>'
        f"<details class=\"nd-chunks\"><summary>The {plural(len(chunks), 'passage')} it was "
        f"cut into</summary><ol>{passages}</ol></details></article>"
    )
