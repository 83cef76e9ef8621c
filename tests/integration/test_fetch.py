"""Safe fetching against a real HTTP server on 127.0.0.1: every failure is one line naming the
URL, the rest of the batch goes on, and hostile responses cost bounded time and memory."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest
from newsweb import NewsWeb, page, rss

from ingest.feeds import FeedEntry, _toml, _write_list, read_list
from ingest.fetch import Fetcher
from ingest.web import article_path, fetch_to_corpus, is_url
from rag.errors import FetchError, NewsdeskError
from rag.settings import Settings

PARAS = [
    "The harbour authority said on Monday that the new crane would arrive in May.",
    "Dock workers welcomed the news, saying the old crane had broken down three times.",
]


def _settings(tmp_path: Path, **kw: object) -> Settings:
    base = {
        "data_dir": tmp_path / "data", "corpus_dir": tmp_path / "corpus",
        "fetch_allow_private": True, "fetch_host_interval_s": 0.0, "fetch_timeout_s": 1.0,
    }
    return Settings(**{**base, **kw})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def web() -> NewsWeb:
    with NewsWeb() as w:
        w.route("/a", page("Crane arrives early", PARAS, site="Harbour Times"))
        w.route("/slow", page("Slow", PARAS), delay_s=3)
        w.route("/loop1", status=302, location="/loop2")
        w.route("/loop2", status=302, location="/loop1")
        w.route("/hop", status=301, location="/a")
        w.route("/big", b"<html>" + b"x" * (2 * 1024 * 1024), content_type="text/html")
        w.route("/endless", stream_mb=20)
        w.route("/image", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        w.route(
            "/broken.xml",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x',
            content_type="application/rss+xml",
        )
        laughs = "".join(
            f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10)
        )
        w.route(
            "/laughs.xml",
            f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel>'
            "<title>T</title><item><title>&l9;</title><link>http://x.test/a</link></item>"
            "</channel></rss>",
            content_type="application/rss+xml",
        )
        w.route("/bomb", "<html><body>" + "<p>x</p>" * 60_000 + "</body></html>")
        w.route("/to-localhost", status=302, location=f"http://localhost:{w.port}/a")
        w.route("/feed-of-nothing", rss("Empty", []), content_type="application/rss+xml")
        yield w


def test_bad_urls_each_get_one_line_and_the_batch_goes_on(web: NewsWeb, tmp_path: Path) -> None:
    settings = _settings(tmp_path, fetch_max_mb=1.0)
    bad = {
        "/slow": "timed out after 1 s",
        "/missing": "HTTP 404",
        "/loop1": "redirect loop",
        "/big": "larger than the 1 MB limit",
        "/endless": "larger than the 1 MB limit",
        "/image": "content type 'image/png'",
        "/broken.xml": "malformed feed XML",
        "/laughs.xml": "declares XML entities",
        "/bomb": "HTML tags",
        "/feed-of-nothing": "no feed entries",
    }
    urls = [web.url(p) for p in bad] + [web.url("/hop"), "ftp://example.com/x", "file:///etc/passwd"]
    started = time.monotonic()
    fetched = fetch_to_corpus(settings, urls)
    elapsed = time.monotonic() - started
    failed = dict(fetched.failed)
    for path, words in bad.items():
        assert words in failed[web.url(path)], (path, failed.get(web.url(path)))
    assert "only http:// and https://" in failed["ftp://example.com/x"]
    assert "only http:// and https://" in failed["file:///etc/passwd"]
    assert all("\n" not in reason for reason in failed.values())
    # The good URL (reached through a redirect) is saved under its final address.
    assert fetched.paths == [article_path(settings.web_dir, web.url("/a"))]
    assert "Crane arrives early" in fetched.paths[0].read_text()
    assert elapsed < 15  # one timeout of 1 s; the endless body is cut at the cap


def test_private_addresses_refused_on_every_hop(web: NewsWeb, tmp_path: Path) -> None:
    strict = _settings(tmp_path, fetch_allow_private=False)
    for url in (web.url("/a"), f"http://localhost:{web.port}/a", f"http://[::1]:{web.port}/a"):
        with pytest.raises(FetchError, match="private, loopback or link-local"):
            Fetcher(strict).get(url)

    class NoLocalhost(Fetcher):
        """127.0.0.1 allowed, the name localhost refused: shows the check runs per hop."""

        def _resolve(self, url: str, host: str, port: int) -> tuple[str, int]:
            if host == "localhost":
                raise FetchError(url, f"refused: {host} is a private address")
            return super()._resolve(url, host, port)

    with pytest.raises(FetchError, match="localhost is a private address"):
        NoLocalhost(_settings(tmp_path)).get(web.url("/to-localhost"))


def test_conditional_get_and_host_spacing(web: NewsWeb, tmp_path: Path) -> None:
    fetcher = Fetcher(_settings(tmp_path, fetch_host_interval_s=0.3))
    first = fetcher.get(web.url("/a"))
    assert first.status == 200 and first.etag
    started = time.monotonic()
    again = fetcher.get(web.url("/a"), etag=first.etag)
    assert again.not_modified and again.body == b""
    assert time.monotonic() - started >= 0.25  # the second request to the host waited its turn
    assert fetcher.requests == 2


def test_url_detection_and_file_names(tmp_path: Path) -> None:
    assert is_url("https://example.com/a") and is_url("ftp://x") and is_url("file:///etc")
    assert not is_url("corpus/a.md") and not is_url("C:/x.md")
    web = tmp_path / "web"
    a = article_path(web, "https://Example.com/world/2025/03/story-one")
    assert a == web / "example.com" / "world-2025-03-story-one.md"
    b = article_path(web, "https://example.com/world/2025/03/Story-One")  # case matters in URLs
    c = article_path(web, "https://example.com/world?id=1&x=../../etc")
    d = article_path(web, "http://127.0.0.1:8080/")
    assert len({a, b, c, d}) == 4
    for p in (b, c, d):
        assert p.parent.parent == web and p.suffix == ".md" and ".." not in p.name


def test_feed_list_toml_round_trips_hostile_text(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    hostile = 'a "quoted" \\ back\tslash \x7f \x01 ünï 🗞 ]]\n[[feed]]'
    feeds = [FeedEntry("https://e.test/rss?a=1&b=\"2\"", hostile, "2025-03-01T00:00:00+00:00")]
    _write_list(settings, feeds)
    assert read_list(settings) == feeds
    assert tomllib.loads(_toml(hostile).join(["x = ", ""]))["x"] == hostile
    settings.feeds_path.write_text("[[feed]]\nurl = 'unterminated\n")
    with pytest.raises(NewsdeskError, match="feeds.toml: malformed TOML"):
        read_list(settings)


def test_a_feed_file_holding_a_url_is_not_fetched(web: NewsWeb, tmp_path: Path) -> None:
    """Regression: feedparser.parse(str) fetched a URL given as the file's whole content (an
    uploaded .xml could make the server read internal addresses), bypassing ingest.fetch."""
    from ingest.loaders import load_file
    from rag.errors import IngestError

    web.route("/internal.xml", rss("Internal", [{"title": "secret", "link": "http://x.test/a",
                                                  "content": "<p>" + "secret " * 90 + "</p>"}]),
              content_type="application/rss+xml")
    evil = tmp_path / "evil.xml"
    evil.write_text(web.url("/internal.xml"))
    with pytest.raises(IngestError, match="no feed entries"):
        load_file(evil, "evil.xml", 1 << 20)
    assert web.hits["/internal.xml"] == 0
