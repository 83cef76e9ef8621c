"""A small news web on 127.0.0.1 for tests and benchmarks: pages, RSS/Atom feeds, and the ways
real servers misbehave (slow, 404, redirect loops, oversized, malformed XML).

``NewsWeb`` runs ``http.server`` in a thread on a free port; ``web.route(path, body, ...)`` sets
what a path serves (it may be changed between polls), and ``web.hits`` counts requests per path
with how many were answered 304.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

# Two short stories the feed tests serve as article pages ("/ferry", "/lighthouse").
FERRY = [
    "The night ferry between Kiel and Oslo will stop running in October, the operator said.",
    "Passenger numbers fell by a third last year as cheaper flights drew travellers away.",
]
LIGHTHOUSE = [
    "The old lighthouse on Skerry Point was sold to a sailing club for one krone.",
    "The club plans to open a small museum about the keepers in the lamp room next summer.",
]


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str = ""
    delay_s: float = 0.0
    validators: bool = True  # send ETag / Last-Modified and answer conditional GETs with 304
    stream_mb: int = 0  # send this many MB with no Content-Length (a body that never ends)
    # "headers": send the status line and headers a byte at a time, ``trickle_s`` apart;
    # "chunks": a chunked body whose chunk-size lines come a byte at a time.
    trickle: str = ""
    trickle_s: float = 0.2
    headers: dict[str, str] = field(default_factory=dict)  # sent as well ("Content-Encoding")
    last_modified: str = field(default_factory=lambda: formatdate(usegmt=True))

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class NewsWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self._lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # http.server's name
                path = self.path
                with web._lock:
                    web.hits[path] += 1
                    route = web.routes.get(path)
                if route is None:
                    return self._send(404, b"<html><body>not found</body></html>", "text/html")
                if route.delay_s:
                    time.sleep(route.delay_s)
                if route.trickle:
                    return self._trickle(route)
                if route.location:
                    self.send_response(route.status)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if route.stream_mb:
                    self.send_response(200)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    block = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
                    try:
                        for _ in range(route.stream_mb):
                            self.wfile.write(block)
                    except OSError:
                        pass  # the client hung up at its cap: what it should do
                    self.close_connection = True
                    return None
                # RFC 9110 13.1.3: If-None-Match, when sent, decides alone; If-Modified-Since
                # has one-second resolution, so two versions served within a second share it.
                inm = self.headers.get("If-None-Match")
                if route.validators and (
                    inm == route.etag
                    if inm is not None
                    else self.headers.get("If-Modified-Since") == route.last_modified
                ):
                    with web._lock:
                        web.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return None
                extra = (
                    {"ETag": route.etag, "Last-Modified": route.last_modified}
                    if route.validators
                    else {}
                ) | route.headers
                return self._send(route.status, route.body, route.content_type, extra)

            def _trickle(self, route: Route) -> None:
                """Every byte in time for a per-read timeout, the whole far too late."""
                if route.trickle == "headers":
                    head = (f"HTTP/1.1 200 OK\r\nContent-Type: {route.content_type}\r\n"
                            f"Content-Length: {len(route.body)}\r\n\r\n").encode()
                    slow, rest = head, route.body
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    self.wfile.flush()
                    half = len(route.body) // 2
                    first = f"{half:x}\r\n".encode() + route.body[:half] + b"\r\n"
                    self.wfile.write(first)  # half the page at once, then the trickle
                    rest = route.body[half:]
                    slow = f"{len(rest):x}".encode() + b"0" * 40 + b"\r\n"  # "…000": endless
                    rest = b""
                with contextlib.suppress(OSError):
                    for i in range(len(slow)):
                        self.wfile.write(slow[i:i + 1])
                        self.wfile.flush()
                        time.sleep(route.trickle_s)
                    self.wfile.write(rest)
                self.close_connection = True

            def _send(
                self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsWeb:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: str | bytes = b"", **kwargs: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **kwargs)  # type: ignore[arg-type]
        with self._lock:
            old = self.routes.get(path)
            if old is not None and old.body == data:
                route.last_modified = old.last_modified
            self.routes[path] = route
        return route

    def requests(self) -> int:
        return sum(self.hits.values())


def page(title: str, paragraphs: list[str], *, site: str = "", canonical: str = "",
         published: str = "2025-03-01", author: str = "") -> str:
    """An article page with the metadata trafilatura reads (og:, canonical, article tags)."""
    meta = [
        f"<title>{escape(title)}</title>",
        f'<meta property="og:title" content="{escape(title)}">',
    ]
    if site:
        meta.append(f'<meta property="og:site_name" content="{escape(site)}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        meta.append(f'<meta name="author" content="{escape(author)}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{''.join(meta)}</head><body>"
        f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Copyright {escape(site)}</footer></body></html>"
    )


def rss(title: str, items: list[dict[str, str]]) -> str:
    """RSS 2.0; an item with "content" carries content:encoded, else only a description."""
    out = []
    for it in items:
        content = (
            f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>"
            if it.get("content")
            else ""
        )
        out.append(
            f"<item><title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>"
            f"<guid>{escape(it.get('guid', it['link']))}</guid>"
            f"<pubDate>{it.get('date', 'Sat, 01 Mar 2025 10:00:00 GMT')}</pubDate>"
            f"<description>{escape(it.get('summary', ''))}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://example.test/</link>"
        f"<description>{escape(title)}</description>{''.join(out)}</channel></rss>"
    )


def atom(title: str, entries: list[dict[str, str]]) -> str:
    """Atom 1.0; an entry with "content" carries it as HTML, else only a summary."""
    out = []
    for e in entries:
        content = (
            f'<content type="html">{escape(e["content"])}</content>' if e.get("content") else ""
        )
        out.append(
            f"<entry><title>{escape(e['title'])}</title>"
            f'<link rel="alternate" href="{escape(e["link"])}"/>'
            f"<id>{escape(e.get('id', e['link']))}</id>"
            f"<updated>{e.get('updated', '2025-03-01T10:00:00Z')}</updated>"
            f"<author><name>{escape(e.get('author', 'Desk'))}</name></author>"
            f"<summary>{escape(e.get('summary', ''))}</summary>{content}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:newsweb:{escape(title)}</id>"
        f"<updated>2025-03-01T10:00:00Z</updated>{''.join(out)}</feed>"
    )
