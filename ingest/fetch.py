"""Fetching one URL safely and politely: the only code in Newsdesk that opens a socket to the web.

- Only http and https. Every hop (the URL and each redirect) is resolved once, every address it
  resolves to is checked, and the connection goes to that checked address (no second lookup a
  rebinding DNS server could answer differently). Private, loopback, link-local, shared and
  reserved addresses are refused unless ``NEWSDESK_FETCH_ALLOW_PRIVATE=true``.
- One deadline for the whole request (connect, redirects, headers, every read), enforced by a
  watchdog that shuts the socket when it passes: a server trickling its headers or its chunk
  sizes a byte at a time cannot hold a fetch (and the ingest slot) past ``fetch_timeout_s``, and
  what it sent before the deadline is never returned as a whole page. A redirect limit, a size
  cap that is never read past (streamed; gzip is decompressed under the same cap), and a
  content-type check.
- Conditional GET: pass the ETag / Last-Modified of the last fetch and a 304 comes back as
  ``Response.not_modified``.
- Per-host politeness: requests to one host are spaced ``fetch_host_interval_s`` apart.

Every failure is a ``FetchError(url, reason)``: one line naming the URL.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import unicodedata
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from rag.errors import FetchError
from rag.settings import Settings

USER_AGENT = "Newsdesk/0.1 (news question answering; feed reader)"
MAX_REDIRECTS = 5
# Longest URL taken (browsers and servers commonly stop near 2,000-8,000).
MAX_URL = 4096
# Content types accepted: web pages, and the feed types trafilatura.feeds.FEED_TYPES lists that
# feedparser reads (no JSON Feed). text/plain and a missing type are sniffed (feeds are often
# served as text/plain or application/octet-stream by misconfigured servers).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/rss", "application/atom", "application/x-rss+xml",
    "application/x-atom+xml", "text/rss+xml", "text/atom+xml", "text/rdf+xml",
})
SNIFFED_TYPES = frozenset({"", "text/plain", "application/octet-stream"})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, no parameters
    charset: str
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _HostClock:
    """Spaces requests to one host (``host:port``) at least ``interval`` seconds apart."""

    interval: float
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        if self.interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """One per poll or ingest run (it holds the per-host clock); safe to share between threads.

    ``requests`` counts the HTTP requests sent, redirects included (the benchmark reports it).
    """

    def __init__(self, settings: Settings) -> None:
        self.allow_private = settings.fetch_allow_private
        self.timeout_s = settings.fetch_timeout_s
        self.max_bytes = settings.fetch_max_bytes
        self.clock = _HostClock(settings.fetch_host_interval_s)
        self.requests = 0
        self._count = threading.Lock()
        self._tls = ssl.create_default_context()

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Response:
        """GET ``url`` following up to ``MAX_REDIRECTS`` redirects; raises ``FetchError``."""
        watchdog = _Watchdog(self.timeout_s)
        try:
            response = self._get(url, etag, last_modified, watchdog)
        except FetchError as exc:
            if watchdog.expired:
                raise FetchError(url, f"timed out after {self.timeout_s:g} s") from exc
            raise
        finally:
            watchdog.cancel()
        if watchdog.expired:  # a body cut short by the watchdog is no page
            raise FetchError(url, f"timed out after {self.timeout_s:g} s")
        return response

    def _get(self, url: str, etag: str, last_modified: str, watchdog: _Watchdog) -> Response:
        deadline = watchdog.at
        seen = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            status, headers, conn, resp = self._request(
                current, deadline, etag, last_modified, watchdog
            )
            try:
                if status in (301, 302, 303, 307, 308):
                    location = headers.get("location", "")
                    if not location:
                        raise FetchError(url, f"redirect ({status}) without a Location header")
                    nxt = urljoin(current, location.strip())
                    if nxt in seen:
                        chain = " -> ".join([*seen[seen.index(nxt):], nxt])
                        raise FetchError(url, f"redirect loop ({chain})")
                    seen.append(nxt)
                    current = nxt
                    continue
                if status == 304:
                    return Response(current, 304, "", "", b"", etag, last_modified)
                if status >= 400:
                    reason = (resp.reason or "").strip()
                    raise FetchError(url, f"HTTP {status}{' ' + reason if reason else ''}")
                if status != 200:
                    raise FetchError(url, f"unexpected HTTP status {status}")
                ctype, charset = _content_type(headers.get("content-type", ""))
                if ctype not in HTML_TYPES | FEED_TYPES | SNIFFED_TYPES:
                    raise FetchError(
                        url,
                        f"content type {ctype!r} is not a web page or an RSS/Atom feed; "
                        "give the address of an article page or a feed",
                    )
                body = self._read(url, resp, headers, deadline)
                return Response(
                    current, 200, ctype, charset, body,
                    headers.get("etag", ""), headers.get("last-modified", ""),
                )
            finally:
                conn.close()
        raise FetchError(
            url, f"more than {MAX_REDIRECTS} redirects ({' -> '.join(seen[:4])} ...)"
        )

    # -- one hop ----------------------------------------------------------------------------
    def _request(
        self, url: str, deadline: float, etag: str, last_modified: str, watchdog: _Watchdog
    ) -> tuple[int, dict[str, str], http.client.HTTPConnection, http.client.HTTPResponse]:
        parts = _split(url)
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
        address = self._resolve(url, host, port)
        self.clock.wait(f"{host}:{port}")
        timeout = _remaining(url, deadline, self.timeout_s)
        if parts.scheme == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, port, timeout=timeout, context=self._tls
            )
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        # Connect to the address that was checked, never to a second lookup of the name:
        # http.client's own hook for opening the socket (an attribute typeshed does not list).
        conn._create_connection = (  # type: ignore[attr-defined]
            lambda _addr, t=None, source=None: watchdog.watch(
                socket.create_connection(address, t, source)
            )
        )
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
            "application/atom+xml, application/xml;q=0.9, */*;q=0.1",
            "Accept-Encoding": "gzip",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._count:
            self.requests += 1
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
        except TimeoutError as exc:
            conn.close()
            raise FetchError(url, f"timed out after {self.timeout_s:g} s") from exc
        except ssl.SSLError as exc:
            conn.close()
            raise FetchError(url, f"TLS error: {exc.reason or exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise FetchError(url, f"connection failed: {_why(exc)}") from exc
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, conn, resp

    def _resolve(self, url: str, host: str, port: int) -> tuple[str, int]:
        if not host:
            raise FetchError(url, "the URL has no host name")
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r}: {_why(exc)}") from exc
        if not infos:
            raise FetchError(url, f"cannot resolve host {host!r}")
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if not self.allow_private and not _public(ip):
                raise FetchError(
                    url,
                    f"refused: {host} is a private, loopback or link-local address ({ip}); "
                    "set NEWSDESK_FETCH_ALLOW_PRIVATE=true to allow it",
                )
        return str(infos[0][4][0]), port

    def _read(
        self, url: str, resp: http.client.HTTPResponse, headers: dict[str, str], deadline: float
    ) -> bytes:
        cap = self.max_bytes
        limit = (f"the {cap / 1048576:g} MB limit (NEWSDESK_FETCH_MAX_MB); "
                 "not an article page or feed")
        too_big = f"larger than {limit}"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise FetchError(url, f"refused: {int(length) / 1048576:.1f} MB, {too_big}")
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip"):
            raise FetchError(url, f"unsupported content encoding {encoding!r}")
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if "gzip" in encoding else None
        out = bytearray()
        received = 0
        try:
            while True:
                raw = getattr(resp.fp, "raw", None)
                if raw is not None:
                    sock = getattr(raw, "_sock", None)
                    if sock is not None:
                        sock.settimeout(_remaining(url, deadline, self.timeout_s))
                block = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
                if not block:
                    break
                received += len(block)
                if received > cap:
                    raise FetchError(url, f"refused: {too_big}")
                if inflate is not None:
                    out += inflate.decompress(block, cap + 1 - len(out))
                    if inflate.unconsumed_tail or len(out) > cap:
                        raise FetchError(url, f"refused: decompresses to more than {limit}")
                else:
                    out += block
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out after {self.timeout_s:g} s")
        except TimeoutError as exc:
            raise FetchError(url, f"timed out after {self.timeout_s:g} s") from exc
        except zlib.error as exc:
            raise FetchError(url, f"corrupt gzip body ({exc})") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(url, f"connection broke while reading: {_why(exc)}") from exc
        return bytes(out)


def check_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) URL with a host; else ``FetchError`` saying why.
    A URL with spaces or control characters inside, or longer than ``MAX_URL`` characters, is
    refused (it would end up in file names, the feed list and log lines)."""
    url = (url or "").strip()
    if len(url) > MAX_URL:
        raise FetchError(url[:80] + "…", f"a URL of {len(url):,} characters (at most {MAX_URL:,})")
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        raise FetchError(url, "the URL holds spaces or control characters; give one URL")
    _split(url)
    return url


def _split(url: str):  # urllib's SplitResult
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise FetchError(url, f"only http:// and https:// URLs can be fetched, not {shown}")
    if not parts.hostname:
        raise FetchError(url, "the URL has no host name")
    return parts


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable, including what an IPv6 address may embed (mapped, IPv4-compatible
    ``::a.b.c.d``, 6to4, NAT64)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and (ip in ipaddress.IPv6Network("64:ff9b::/96")
                                 or ip in ipaddress.IPv6Network("::/96")):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not _public(embedded):
            return False
    return ip.is_global and not ip.is_multicast


def _content_type(value: str) -> tuple[str, str]:
    """(media type, charset); a charset that is not a real text encoding is dropped, and the
    parsers detect the encoding themselves."""
    media, _, params = value.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower(), charset if text_encoding(charset) else ""


# Codecs Python decodes text with that no web page is written in: the server would choose how
# long decoding takes (punycode is roughly quadratic: 102 s for 1.28 MB) or make it raise
# (idna), and escape codecs turn bytes into other characters than they show.
_NOT_CHARSETS = frozenset(
    "punycode idna raw-unicode-escape unicode-escape utf-7 undefined".split()
)


def text_encoding(charset: str) -> bool:
    """Whether ``charset`` names an encoding documents are written in (utf-8, iso-8859-1,
    windows-1252, shift_jis, ...), not a transform or an escape codec."""
    import codecs

    if not charset or len(charset) > 40:
        return False
    try:
        info = codecs.lookup(charset)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True)) and info.name not in _NOT_CHARSETS


class _Watchdog:
    """Shuts every socket of one request when its deadline passes. A socket timeout bounds
    each read, not the request: a server sending one header byte per second never trips it.
    Shutting the socket makes the blocked read return at once, whatever it was waiting for."""

    def __init__(self, total_s: float) -> None:
        self.at = time.monotonic() + total_s
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(total_s, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("deadline passed")
            self._socks.append(sock)
        return sock

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            socks = list(self._socks)
        for sock in socks:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)


def _remaining(url: str, deadline: float, total: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(url, f"timed out after {total:g} s")
    return left


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text).splitlines()[0][:200]
