"""Articles from the web: fetch pages and RSS/Atom feeds, save each article into the corpus.

``ingest_urls(desk, urls)`` is the verb: every URL is fetched (``ingest.fetch``), a page becomes
one article (trafilatura: main text and metadata, the canonical URL as identity), a feed one
article per entry (feedparser; an entry with only a summary gets its linked page fetched). Each
article is written as Markdown with YAML front matter to ``corpus/web/<host>/<slug>.md`` (named
from its canonical URL; rewritten only when its content changed), and those files are ingested
like any other, so ``newsdesk ingest corpus/`` rebuilds the same store from disk.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import io
import os
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from ingest.clean import clean_text, first_line
from ingest.fetch import FEED_TYPES, HTML_TYPES, Fetcher, Response, check_url
from ingest.loaders import normalise_date
from ingest.xml_guard import entity_problem
from rag.errors import FetchError, IngestError
from rag.settings import Settings
from rag.types import IngestSummary

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk

# Tags in a page before it is refused as an HTML bomb. Measured with trafilatura on this box
# (loaded): 30k tags peaked at +14 MB and 4 s, 100k at 183 MB and 14 s, 600k (a 4.8 MB page)
# at 888 MB and 131 s; article pages carry a few thousand.
MAX_HTML_TAGS = 50_000
# Entries read from one feed (newest first in every feed format we know): a feed of thousands
# is an archive, not a news feed, and would cost one page fetch each.
MAX_ENTRIES = 200
# Front matter values are cut to these lengths (characters).
MAX_TITLE = 300
MAX_META = 200
MAX_URL = 2000
# A feed entry whose content holds fewer words than this is treated as a summary: its page is
# fetched for the whole article. A judgement, not a measurement: teasers are a sentence or two
# (20-60 words), whole articles rarely under 80; the cost of a wrong guess is one page fetch.
SUMMARY_WORDS = 80

_TAG = re.compile(rb"<[A-Za-z]")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9._-]+")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class WebArticle:
    url: str  # canonical: the article's identity
    title: str
    text: str
    source: str = ""
    author: str = ""
    published: str = ""


@dataclass
class Entry:
    """One feed entry as the poller needs it."""

    key: str  # entry id, or its link
    link: str
    signature: str  # changes when the entry changes (title, dates, text)
    article: WebArticle | None  # None: summary only, the page must be fetched
    source: str = ""
    feed_url: str = ""


@dataclass
class Feed:
    title: str
    entries: list[Entry]


@dataclass
class Fetched:
    """Files written (or already up to date) for what was fetched, and what failed."""

    paths: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0


# -- reading what came back ---------------------------------------------------------------------
def looks_like_feed(resp: Response) -> bool:
    from trafilatura.feeds import is_potential_feed

    if resp.content_type in HTML_TYPES:
        head = resp.body[:512].lstrip().decode("utf-8", "replace")
        return is_potential_feed(head) and "<html" not in head.lower()
    if resp.content_type in FEED_TYPES:
        return True
    head = resp.body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
    return is_potential_feed(head)


def page_article(resp: Response, fallback_source: str = "") -> WebArticle:
    """The article in a fetched HTML page; ``FetchError`` when there is none."""
    import trafilatura

    url = resp.url
    for tags, _ in enumerate(_TAG.finditer(resp.body), 1):  # counted, never listed
        if tags > MAX_HTML_TAGS:
            raise FetchError(
                url, f"refused: the page has over {MAX_HTML_TAGS} HTML tags; not an article"
            )
    html: str | bytes = resp.body
    if resp.charset:
        # An unknown charset name: trafilatura detects the encoding itself.
        with contextlib.suppress(LookupError):
            html = resp.body.decode(resp.charset, errors="replace")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, with_metadata=True
        )
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise FetchError(url, f"malformed HTML, no article found ({type(exc).__name__})") from exc
    # trafilatura returns a Document (or a dict with as_dict=False, never asked for here).
    data: dict[str, Any] = (doc if isinstance(doc, dict) else doc.as_dict()) if doc else {}
    text = clean_text(data.get("text") or "")
    if not any(ch.isalnum() for ch in text):
        raise FetchError(url, "no article text found on the page (empty, or only navigation)")
    return WebArticle(
        url=_canonical(url, data.get("url")),
        title=_one_line(data.get("title"), MAX_TITLE) or first_line(text),
        text=text,
        source=_one_line(data.get("sitename"), MAX_META)
        or fallback_source
        or (urlsplit(url).hostname or ""),
        author=_one_line(data.get("author"), MAX_META),
        published=normalise_date(data.get("date")),
    )


def parse_feed(resp: Response) -> Feed:
    """Entries of an RSS/Atom feed; ``FetchError`` for malformed XML or no entries."""
    import feedparser

    url = resp.url
    problem = entity_problem(resp.body)
    if problem:
        raise FetchError(url, f"refused: the feed {problem}, which feeds never need")
    headers = {"content-location": url, "content-type": resp.content_type or "application/xml"}
    if resp.charset:
        headers["content-type"] += f"; charset={resp.charset}"
    # A stream, never bytes: feedparser opens a bytes/str argument as a file path or URL
    # if it can ("/etc/passwd" or "http://10.0.0.1/" as a response body).
    parsed = feedparser.parse(io.BytesIO(resp.body), response_headers=headers, sanitize_html=True)
    if not parsed.entries:
        why = f" ({_short(parsed.bozo_exception)})" if getattr(parsed, "bozo", 0) else ""
        raise FetchError(url, f"no feed entries found{why}; is this an RSS/Atom feed?")
    if parsed.get("bozo") and _xml_error(parsed.bozo_exception):
        raise FetchError(
            url, f"malformed feed XML ({_short(parsed.bozo_exception)}); the feed is broken"
        )
    title = _one_line(parsed.feed.get("title"), MAX_META) or (urlsplit(url).hostname or "")
    return Feed(title, [_entry(e, title, url) for e in parsed.entries[:MAX_ENTRIES]])


def _xml_error(exc: Any) -> bool:
    """A real syntax error, not one of feedparser's warnings (a charset override, say)."""
    from xml.sax import SAXParseException

    return isinstance(exc, SAXParseException) or type(exc).__name__ == "SAXParseException"


def _entry(entry: Any, source: str, feed_url: str) -> Entry:
    link = str(entry.get("link") or "").strip()
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else ""
    text = _html_text(body) if body else ""
    published = _entry_date(entry)
    signature = hashlib.sha1(
        "\x1f".join(
            [str(entry.get("title", "")), str(entry.get("updated", "")), published, link,
             body or str(entry.get("summary", ""))]
        ).encode("utf-8", "replace")
    ).hexdigest()
    article = None
    # A feed speaks for its own site only: an entry's text under another site's link could
    # otherwise replace that site's article (its URL is the identity). Such an entry is read
    # from the linked page itself, as a summary-only entry is.
    own_text = not link or same_site(link, feed_url)
    if own_text and (len(text.split()) >= SUMMARY_WORDS or (text and not link)):
        article = WebArticle(
            url=_clean_url(link) or _own_id(str(entry.get("id") or ""), feed_url),
            title=_one_line(entry.get("title"), MAX_TITLE) or first_line(text),
            text=text,
            source=source,
            author=_one_line(entry.get("author"), MAX_META),
            published=published,
        )
    elif not link:
        summary = _html_text(str(entry.get("summary", "")))
        if summary:
            article = WebArticle(
                url=_own_id(str(entry.get("id") or ""), feed_url),
                title=_one_line(entry.get("title"), MAX_TITLE) or first_line(summary),
                text=summary, source=source,
                author=_one_line(entry.get("author"), MAX_META), published=published,
            )
    key = str(entry.get("id") or link or signature)
    return Entry(key, link, signature, article, source, feed_url)


def same_site(url: str, other: str) -> bool:
    """Both URLs on one host ("www." and "m." aside). A parent domain is another site:
    attacker.medium.com does not speak for medium.com/@victim."""
    a, b = urlsplit(_clean_url(url)), urlsplit(_clean_url(other))
    return bool(a.hostname) and _bare_host(a.hostname or "") == _bare_host(b.hostname or "")


def _own_id(entry_id: str, feed_url: str) -> str:
    """An entry id as an article identity: kept when it is a URL of the feed's own site or not
    a web address at all ("urn:uuid:..."); another site's URL is scoped to the feed."""
    if not entry_id or not re.match(r"(?i)https?://", entry_id) or same_site(entry_id, feed_url):
        return entry_id
    return f"{_clean_url(feed_url)}#{entry_id}"


def _html_text(fragment: str) -> str:
    if "<" not in fragment:
        return clean_text(fragment)
    import trafilatura

    text = trafilatura.extract(
        f"<html><body><div>{fragment}</div></body></html>", include_comments=False
    )
    return clean_text(text or re.sub(r"<[^>]+>", " ", fragment))


def _entry_date(entry: Any) -> str:
    from datetime import UTC, datetime

    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return normalise_date(entry.get("published") or entry.get("updated") or "")


# -- saving into the corpus ---------------------------------------------------------------------
def article_path(web_dir: Path, url: str) -> Path:
    """``web_dir/<host>/<slug>.md`` for a canonical URL: readable, safe, stable.

    The slug is the URL's path (and query) in lower-case letters, digits, ``.-_``; when that
    lost anything (other characters, case, a long path) a hash of the whole URL is appended,
    so two URLs never share a file.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "unknown").lower()
    if parts.port:
        host += f"_{parts.port}"
    host = _SLUG_UNSAFE.sub("-", host).strip(".-") or "unknown"
    raw = unquote(parts.path).strip("/")
    if parts.query:
        raw += "?" + parts.query
    slug = _SLUG_UNSAFE.sub("-", raw.lower().replace("/", "-"))
    slug = re.sub(r"[-._]{2,}", "-", slug).strip(".-_")  # no "..", no runs of separators
    lossy = slug != raw.replace("/", "-") or len(slug) > 100 or not slug
    slug = slug[:100].rstrip(".-_") or "index"
    if slug.endswith(".md"):
        slug = slug[:-3]
    if lossy:
        slug += "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return web_dir / host / f"{slug}.md"


def render(article: WebArticle) -> str:
    """The article as Markdown with YAML front matter, as ``ingest.loaders`` reads it."""
    import yaml

    meta = {
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "author": article.author,
        "url": article.url,
    }
    head = yaml.safe_dump(
        {k: v for k, v in meta.items() if v},
        allow_unicode=True,
        sort_keys=False,
        width=float("inf"),
        default_flow_style=False,
    )
    body = "\n\n".join(line for line in article.text.split("\n") if line.strip())
    return f"---\n{head}---\n{body}\n"


def save(web_dir: Path, article: WebArticle) -> Path:
    """Write ``article`` to its file unless the file already holds exactly this; atomic."""
    path = article_path(web_dir, article.url)
    content = render(article).encode("utf-8")
    if path.exists():
        old = path.read_bytes()
        if old == content:
            return path
        if _front_url(old) not in ("", article.url):  # another URL's file: never overwrite it
            digest = hashlib.sha1(article.url.encode("utf-8")).hexdigest()[:10]
            path = path.with_name(f"{path.stem}-{digest}.md")
            if path.exists() and path.read_bytes() == content:
                return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # The mode any new file of this user gets (0644 under the usual umask), as uploads and
    # the corpus's other files have, not the 0600 of a mkstemp.
    tmp = str(path.parent / f".fetch-{uuid.uuid4().hex}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _front_url(data: bytes) -> str:
    import yaml

    text = data.decode("utf-8", "replace")
    if not text.startswith("---"):
        return ""
    head = text[3:].partition("\n---")[0]
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError:
        return ""
    return str(meta.get("url") or "") if isinstance(meta, dict) else ""


# -- the verb -----------------------------------------------------------------------------------
def fetch_to_corpus(
    settings: Settings,
    urls: Iterable[str],
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
) -> Fetched:
    """Fetch pages and feeds and save their articles under ``settings.web_dir``.

    Nothing is ingested here. Each failure is one ``(url, reason)``; the rest goes on.
    """
    fetcher = fetcher or Fetcher(settings)
    out = Fetched()
    todo = list(dict.fromkeys(u.strip() for u in urls if u and u.strip()))
    for done, url in enumerate(todo, 1):
        if progress:
            progress(done, len(todo), url)
        try:
            check_url(url)
            resp = fetcher.get(url)
            if looks_like_feed(resp):
                feed = parse_feed(resp)
                for entry in feed.entries:
                    try:
                        article = entry_article(fetcher, entry)
                        out.paths.append(save(settings.web_dir, article))
                        out.articles += 1
                    except IngestError as exc:
                        out.failed.append((exc.path, exc.reason))
            else:
                out.paths.append(save(settings.web_dir, page_article(resp)))
                out.articles += 1
        except IngestError as exc:
            out.failed.append((exc.path, exc.reason))
        except OSError as exc:
            out.failed.append((url, f"cannot save the article: {exc.strerror or exc}"))
    out.paths = list(dict.fromkeys(out.paths))
    return out


def entry_article(fetcher: Fetcher, entry: Entry) -> WebArticle:
    """The entry's own text, or, for a summary-only entry, its linked page."""
    if entry.article is not None:
        return entry.article
    if not entry.link:
        label = f"{entry.feed_url} (entry {entry.key[:80]})"
        raise FetchError(label, "feed entry has no text and no link")
    check_url(entry.link)
    return page_article(fetcher.get(entry.link), fallback_source=entry.source)


def ingest_urls(
    desk: Newsdesk,
    urls: Iterable[str],
    *,
    paths: Iterable[Path | str] = (),
    prune: bool = False,
    progress: Progress | None = None,
) -> IngestSummary:
    """Fetch ``urls`` (pages or feeds) into the corpus and ingest them, with any ``paths``.

    Fetch failures are listed in ``summary.failed`` beside file failures; everything that
    could be fetched is ingested. Re-fetching an unchanged page rewrites nothing and embeds
    nothing; an updated page replaces its chunks.
    """
    from ingest.pipeline import ingest

    fetched = fetch_to_corpus(desk.settings, urls, progress=progress)
    roots = [*(Path(p) for p in paths), *fetched.paths]
    summary = ingest(desk, roots, prune=prune) if roots else IngestSummary()
    drop_refused(desk.settings, fetched.paths, summary.failed)
    summary.failed[:0] = fetched.failed
    return summary


def drop_refused(
    settings: Settings, saved: Iterable[Path], failed: list[tuple[str, str]]
) -> dict[Path, str]:
    """Delete the fetched files among ``saved`` that ingest refused (``failed`` names them
    as ingest does): left in the corpus, each would fail every later corpus ingest; the
    refusal stays in the summary. Returns the deleted files with their reasons."""
    from ingest.pipeline import file_key

    reasons = dict(failed)
    dropped = {}
    for path in saved:
        reason = reasons.get(file_key(path, settings.corpus_dir))
        if reason is not None:
            with contextlib.suppress(OSError):  # gone already, or not ours to delete
                path.unlink()
            dropped[path] = reason
    return dropped


def is_url(text: str) -> bool:
    """Anything with a scheme (``https://``, ``ftp://``, ``file:``) is handled as a URL, so an
    unsupported scheme gets a clear refusal rather than "no such file"."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text.strip())) or text.startswith(
        ("file:", "mailto:", "javascript:", "data:")
    )


# -- small helpers ------------------------------------------------------------------------------
def _canonical(fetched: str, declared: Any) -> str:
    """The page's canonical URL when it names the same site; the fetched URL otherwise.

    A page may only claim its own site's URLs: a canonical on another host (a syndicated copy
    pointing at the original, or a hostile page) would otherwise replace that article; a
    subdomain is another site (``same_site``).
    """
    final = _clean_url(fetched)
    claimed = _clean_url(str(declared or ""))
    if not claimed:
        return final
    b = urlsplit(claimed)
    if b.scheme not in ("http", "https") or not b.hostname:
        return final
    return claimed if same_site(final, claimed) and len(claimed) <= MAX_URL else final


def _clean_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def _bare_host(host: str) -> str:
    host = host.lower()
    for prefix in ("www.", "m."):
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def _one_line(value: Any, limit: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short(exc: Any) -> str:
    return str(exc).splitlines()[0][:160] if exc else "unknown error"
