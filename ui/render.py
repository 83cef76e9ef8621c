"""What the chat shows, as strings: chat bubbles, the Sources panel, the article reader.

Article text is untrusted (scraped pages), so every piece of it is HTML-escaped here and only
markup built in this module reaches the browser. Pure functions, so they are tested without a
server.

The Sources panel keeps one section per answer of the conversation, newest first and open, the
earlier ones folded, so a ``[n]`` marker in any answer links to a card that exists
(``#nd-src-<answer>-<n>``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from ingest.pipeline import Tally
from rag.store.manifest import ArticleRow
from rag.text import sentence_spans
from rag.types import Answer, Citation, IngestSummary, Passage, byline

# Characters of article text shown on each side of the cited sentence(s).
CONTEXT_CHARS = 220
PASSAGE_PREVIEW_CHARS = 420
# Longest "searched:" line; the searched question can be a pasted 2,000-character text.
SEARCHED_CHARS = 160
# Answers whose sources stay in the panel (folded) after newer ones.
EARLIER_KEPT = 8
# The reader shows whole articles up to this size; longer ones, this much around the quote.
READER_CHARS = 200_000
EMPTY_SOURCES = (
    '<div class="nd-sources" data-announce=""><h2 class="nd-h">Sources</h2>'
    '<p class="nd-empty">Ask a question: the passages behind the answer appear here, with the '
    "cited sentences highlighted. Click a marker such as [1] in an answer to jump to its "
    "source.</p></div>"
)
_MD_SPECIAL = re.compile(r"([\\`*_#|~<>\[\]])")

ArticleText = Callable[[str], str | None]


@dataclass(frozen=True)
class Section:
    """The Sources of one answer: ``turn`` numbers answers in the conversation from 1."""

    turn: int
    asked: str
    html: str
    announce: str


def md_escape(text: str) -> str:
    """Show text literally in the Markdown chat (no stray emphasis, headings, tags or links)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def shorten(text: str, limit: int = SEARCHED_CHARS) -> str:
    """``text`` on one line, cut at a word with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def user_message(question: str, *, cut_from: int = 0) -> str:
    """The user's bubble; ``cut_from`` is the typed length when the question was cut."""
    body = md_escape(question)
    if cut_from:
        body += (
            f'\n\n<small class="nd-cut">Cut at a word to {len(question):,} characters '
            f"(you typed {cut_from:,}; the limit is shown under the box).</small>"
        )
    return body


def chat_message(answer: Answer, *, asked: str, turn: int) -> str:
    """The assistant bubble: answer (markers linked to their cards), or the refusal, plus the
    searched question in small print when the follow-up rewrite changed it."""
    if answer.no_match is not None:
        head, paren, rest = answer.text.partition(" (")
        body = f"⚠️ **{md_escape(head)}**{md_escape(paren + rest)}"
    elif answer.refused:
        body = (
            f"⚠️ **No answer in the articles.** _{md_escape(answer.text)}_ "
            "See the closest passages in Sources."
        )
    else:
        body = link_markers(md_escape(answer.text), turn)
    searched = answer.question
    if searched and " ".join(searched.split()) != " ".join(asked.split()):
        shown = md_escape(html.escape(shorten(searched)))  # literal: no emphasis, no tags
        body += f'\n\n<small class="nd-searched">searched: {shown}</small>'
    if answer.note:
        body += f'\n\n<small class="nd-note">note: {html.escape(answer.note)}</small>'
    return body


def link_markers(text: str, turn: int) -> str:
    """Each ``[n]`` (already Markdown-escaped as ``\\[n\\]``) as a link to its card."""

    def link(m: re.Match[str]) -> str:
        # The chat's sanitiser drops aria-label; hidden text names the link "source [n]".
        n = m.group(1)
        return (
            f'<a href="#nd-src-{turn}-{n}" class="nd-cite">'
            f'<span class="nd-sr-only">source </span>[{n}]</a>'
        )

    return re.sub(r"\\\[(\d{1,3})\\\]", link, text)


# -- the Sources panel ---------------------------------------------------------------------
def answer_section(
    answer: Answer, *, turn: int, asked: str, article_text: ArticleText, within: str = "",
    limit: int = 8,
) -> Section:
    """The cards behind one answer: cited passages, or for a refusal the closest ones."""
    if answer.no_match is not None and answer.no_match.reason != "filtered":
        head = _section_notes(answer.question, asked, "")
        return Section(turn, asked, _no_match_html(answer, head), answer.text)
    head = _section_notes(answer.question, asked, within)
    if answer.no_match is not None:  # refused under filters that kept articles out
        cards = _near_cards(answer, turn, limit)
        html_ = (
            f'<p class="nd-state nd-refused">{html.escape(answer.text)}</p>'
            f"{_filter_actions(answer)}{head}"
            f"{'<p>The closest passages within the filters:</p>' if cards else ''}{cards}"
        )
        return Section(turn, asked, html_, answer.text)
    if answer.refused:
        cards = _near_cards(answer, turn, limit)
        n = len(answer.passages[:limit])
        body = cards or '<p class="nd-empty">No passages matched at all.</p>'
        html_ = (
            '<p class="nd-state nd-refused">No answer in the articles. '
            f"{'The closest passages:' if n else ''}</p>{head}{body}"
        )
        said = f"No answer in the articles; {_count(n, 'closest passage')}."
        return Section(turn, asked, html_, said)
    cards = "".join(
        _card(turn, c.n, c, _quoted(c, article_text), "nd-cited", list(c.quotes) or
              [(c.start, c.end)])
        for c in answer.citations[:limit]
    )
    n = len(answer.citations[:limit])
    return Section(turn, asked, head + cards, f"Answer ready; {_count(n, 'source')} in Sources.")


def _near_cards(answer: Answer, turn: int, limit: int) -> str:
    """A refusal's closest passages, as cards."""
    return "".join(
        _card(turn, i, p, _preview(p.text), "nd-near", [(p.start, p.end)])
        for i, p in enumerate(answer.passages[:limit], 1)
    )


def error_section(*, turn: int, asked: str, message: str) -> Section:
    """A question that could not be asked (a bad filter, a store error): no cards at all."""
    text = f"Not answered: {message}"
    body = f'<p class="nd-state nd-error">{html.escape(text)}</p>'
    return Section(turn, asked, body, text)


def sources_panel(sections: list[Section], *, pending: str = "") -> str:
    """The whole panel: the newest section (or ``pending`` text while answering) open on top,
    earlier answers folded under it."""
    if not sections and not pending:
        return EMPTY_SOURCES
    parts = ['<h2 class="nd-h">Sources</h2>']
    earlier = sections
    if pending:
        parts.append(f'<p class="nd-state nd-loading" aria-busy="true">{html.escape(pending)}</p>')
        announce = pending
    else:
        current, earlier = sections[-1], sections[:-1]
        parts.append(
            f'<section class="nd-turn nd-current" id="nd-turn-{current.turn}" '
            f'aria-label="Sources for answer {current.turn}">{current.html}</section>'
        )
        announce = current.announce
    if earlier:
        parts.append('<h2 class="nd-h nd-h-earlier">Earlier answers</h2>')
        for s in reversed(earlier[-EARLIER_KEPT:]):
            parts.append(
                f'<details class="nd-turn" id="nd-turn-{s.turn}"><summary>Answer {s.turn}: '
                f"{html.escape(shorten(s.asked, 90))}</summary>{s.html}</details>"
            )
    return (
        f'<div class="nd-sources" data-announce="{html.escape(announce, quote=True)}">'
        f'{"".join(parts)}</div>'
    )


def _section_notes(searched: str, asked: str, within: str) -> str:
    out = ""
    if searched and " ".join(searched.split()) != " ".join(asked.split()):
        out += f'<p class="nd-searched">searched: {html.escape(shorten(searched))}</p>'
    if within:
        out += f'<p class="nd-within">Searched only within: {html.escape(within)}</p>'
    return out


def _no_match_html(answer: Answer, head: str) -> str:
    miss = answer.no_match
    assert miss is not None
    if miss.reason != "filters":
        return f'<p class="nd-state nd-nomatch">{html.escape(answer.text)}</p>'
    return (
        f'<p class="nd-state nd-nomatch"><strong>No article matches the filters</strong> '
        f"({html.escape(miss.filters)}).</p>{head}{_filter_actions(answer)}"
    )


def _filter_actions(answer: Answer) -> str:
    """"Clear filters and ask again", and "Include undated articles and ask again" when the
    date range left undated articles out."""
    miss = answer.no_match
    assert miss is not None
    question = html.escape(answer.question, quote=True)
    undated = ""
    if miss.undated_left_out:
        undated = (
            '<button type="button" class="nd-action" data-action="include-undated" '
            f'data-question="{question}">Include undated articles and ask again</button>'
        )
    return (
        '<p class="nd-actions"><button type="button" class="nd-action" '
        f'data-action="clear" data-question="{question}">Clear filters and ask again</button>'
        f"{undated}</p>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _card(
    turn: int,
    n: int,
    item: Citation | Passage,
    body: str,
    kind: str,
    spans: list[tuple[int, int]],
) -> str:
    cid = f"nd-src-{turn}-{n}"
    title = html.escape(item.title or "(untitled)")
    meta = html.escape(byline("", item.source, item.published))
    meta_html = f'<p class="nd-meta">{meta}</p>' if meta else ""
    link = _original_link(item.url) if _safe_url(item.url) else ""
    spans_json = html.escape(json.dumps([list(s) for s in spans]), quote=True)
    return (
        f'<article class="nd-card {kind}" id="{cid}" tabindex="-1" aria-labelledby="{cid}-t">'
        f'<h3 class="nd-title" id="{cid}-t"><span class="nd-n">[{n}]</span> {title}</h3>'
        f'{meta_html}<blockquote class="nd-passage">{body}</blockquote>'
        f'<p class="nd-actions"><button type="button" class="nd-read" '
        f'data-article="{html.escape(item.article_id, quote=True)}" data-spans="{spans_json}" '
        f'aria-describedby="{cid}-t">Read the whole article</button>{link}</p></article>'
    )


def _original_link(url: str) -> str:
    host = html.escape(urlparse(url).netloc)
    return (
        f'<a class="nd-orig" href="{html.escape(url, quote=True)}" target="_blank" '
        f'rel="noopener noreferrer nofollow">Original at {host}'
        '<span class="nd-sr-only"> (opens in a new tab)</span></a>'
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
    fills = _merge([(s - offset, e - offset) for s, e in c.marks], len(text))
    lo = _snap_left(text, spans[0][0] - CONTEXT_CHARS, spans[0][0])
    hi = _snap_right(text, spans[-1][1] + CONTEXT_CHARS, spans[-1][1])
    before = "… " if lo > 0 else ""
    return before + _marked(text, spans, lo, hi, fills) + (" …" if hi < len(text) else "")


def _marked(
    text: str, spans: list[tuple[int, int]], lo: int, hi: int,
    fills: list[tuple[int, int]] | None = None,
) -> str:
    """``text[lo:hi]`` as HTML, ``spans`` in ``<mark>``; inside them, ``fills`` (what answers
    the question: a figure, a date, a name) in ``<strong class="nd-fill">``."""
    out: list[str] = []
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(_text_html(text[pos:s]))
        out.append(f"<mark>{_filled(text, s, e, fills or [])}</mark>")
        pos = e
    out.append(_text_html(text[pos:hi]))
    return "".join(out)


def _filled(text: str, s: int, e: int, fills: list[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = s
    for fs, fe in fills:
        fs, fe = max(fs, pos), min(fe, e)
        if fe <= fs:
            continue
        out.append(_text_html(text[pos:fs]))
        out.append(f'<strong class="nd-fill">{_text_html(text[fs:fe])}</strong>')
        pos = fe
    out.append(_text_html(text[pos:e]))
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


# -- the article reader --------------------------------------------------------------------
def article_reader(row: ArticleRow | None, spans: Iterable[tuple[int, int]]) -> str:
    """The whole article for the reader dialog, the quoted spans marked (the first one is
    scrolled to by the page)."""
    if row is None:
        return (
            '<h2 id="nd-reader-title">Article not found</h2><p>This article is no longer in the '
            "store (deleted or re-ingested under another name). Ask again to get fresh sources.</p>"
        )
    text = row.text
    marks = _merge(spans, len(text))
    lo, hi = 0, len(text)
    window_note = ""
    if len(text) > READER_CHARS:
        centre = marks[0][0] if marks else 0
        lo = max(0, centre - READER_CHARS // 2)
        hi = min(len(text), lo + READER_CHARS)
        window_note = (
            f'<p class="nd-meta">A long article: showing characters {lo:,}–{hi:,} of '
            f"{len(text):,}, around the quote.</p>"
        )
    meta = " · ".join(
        html.escape(x) for x in (row.source, row.published[:10], row.author and f"by {row.author}")
        if x
    )
    link = f"<p>{_original_link(row.url)}</p>" if _safe_url(row.url) else ""
    return (
        f'<h2 id="nd-reader-title">{html.escape(row.title or "(untitled)")}</h2>'
        f'<p class="nd-meta">{meta}{" · " if meta else ""}file {html.escape(row.path)}</p>'
        f'{link}{window_note}<div class="nd-reader-text">{_marked(text, marks, lo, hi)}</div>'
    )


def passages_json(passages: Iterable[Passage]) -> list[dict[str, object]]:
    return [p.to_json(i) for i, p in enumerate(passages, 1)]


def summary_markdown(
    summary: IngestSummary | None, rejected: Iterable[tuple[str, str]] = (), saved: int = 0
) -> str:
    """The ingest result as a reader wants it: counts first, then each failure and why."""
    lines: list[str] = []
    if saved:
        lines.append(f"Saved {_count(saved, 'file')} into the corpus.")
    for sent, saved_as in summary.renamed if summary is not None else ():
        lines.append(f"{md_escape(sent)} is already in the corpus (another article): saved as "
                     f"{md_escape(saved_as)}.")
    if summary is not None:
        lines.append(f"**Ingest:** {summary.line()} ({summary.seconds:.1f} s)")
    problems = list(rejected) + (list(summary.failed) if summary else [])
    if problems:
        lines.append("")
        lines.append("**Not ingested:**")
        lines.extend(f"- {md_escape(name)}: {md_escape(reason)}" for name, reason in problems)
    return "\n".join(lines) or "Nothing to ingest."


def ingest_progress(t: Tally) -> str:
    """"Ingesting: 120 of 800 articles, about 2 min left" for an ingest under way; while
    files are still being read the total is only what they held so far, and says so."""
    text = f"Ingesting: {t.done:,} of {t.known:,} article{'s' if t.known != 1 else ''}"
    if t.files_read < t.files:
        text += f" so far ({t.files_read:,} of {t.files:,} files read)"
    left = t.seconds_left
    if left is not None:
        text += f", about {_duration(left)} left"
    return text


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(5, round(seconds / 5) * 5)} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"

