"""Issue 23, attack round three (High items). Each test failed on e0eb172."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest.article import MAX_TEXT_CHARS, make_article
from ingest.fetch import Response
from ingest.loaders import load_file
from ingest.web import parse_feed
from ingest.xml_guard import entity_problem
from rag.errors import FetchError, IngestError

# A comment in the DOCTYPE hid the declarations from the old check, which looked for
# "<!ENTITY" only before the first "<[A-Za-z_]" (here the "<a" inside the comment).
HIDDEN = "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(6)
)
BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!-- <a -->' + HIDDEN + ']>\n'
    '<rss version="2.0"><channel><title>Wire</title><item><title>Storm</title>'
    "<link>http://x.test/a</link><description>&l5; &l5;</description></item></channel></rss>"
)
PLAIN = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
    ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
    '<rss version="0.91"><channel><title>Wire</title><item><title>Storm</title>'
    "<link>http://x.test/a</link><description>The storm reached the coast on Monday, "
    "officials said.</description></item></channel></rss>"
)


@pytest.mark.parametrize(
    "doc",
    [
        BOMB,
        '<?xml version="1.0"?><!DOCTYPE x [<?pi <a ?><!ENTITY e "x">]><x>&e;</x>',
        '<!DOCTYPE x [\n<!ENTITY % p "x">\n]><x/>',
        '<?xml version="1.0"?><!DOCTYPE x [ ]><x/>',  # an empty internal subset: refused too
    ],
)
def test_entity_declarations_are_found_however_hidden(doc: str) -> None:
    assert "declares XML entities" in entity_problem(doc.encode())


def test_feeds_without_an_internal_subset_pass() -> None:
    assert entity_problem(PLAIN.encode()) == ""
    assert entity_problem(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>') == ""


def test_a_fetched_feed_with_a_hidden_entity_bomb_is_refused() -> None:
    resp = Response("http://x.test/feed.xml", 200, "application/rss+xml", "utf-8", BOMB.encode())
    with pytest.raises(FetchError, match="declares XML entities"):
        parse_feed(resp)


def test_an_uploaded_or_corpus_feed_file_with_entities_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "wire.xml"
    bomb.write_text(BOMB, encoding="utf-8")
    with pytest.raises(IngestError, match="wire.xml.*declares XML entities"):
        load_file(bomb, "wire.xml", 1 << 20)
    plain = tmp_path / "plain.xml"
    plain.write_text(PLAIN, encoding="utf-8")
    [article] = load_file(plain, "plain.xml", 1 << 20).articles
    assert "storm reached the coast" in article.text


def test_an_article_longer_than_the_cap_is_refused_naming_it() -> None:
    with pytest.raises(IngestError, match="big.txt: the article's text is 20,000,001 characters"):
        make_article("big.txt", "big.txt", "x" * (MAX_TEXT_CHARS + 1), {})
    assert make_article("ok.txt", "ok.txt", "A short article.", {}).text == "A short article."


# -- High 2: a feed on one host forging another host's article ---------------------------------
PARAS = [
    "The harbour authority approved the new crane contract on Tuesday after a long debate.",
    "Dock workers said the cranes would arrive in the spring, ahead of the busy season.",
    "The contract is worth twelve million euros and includes ten years of maintenance.",
]
FORGED = ("The harbour authority cancelled every crane contract and closed the port for good, "
          "officials admitted. ") * 12


def test_a_feed_cannot_replace_another_sites_article(tmp_path: Path, embedder) -> None:
    from newsweb import NewsWeb, page, rss

    from ingest import ingest_urls
    from rag.newsdesk import Newsdesk
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus",
                        fetch_allow_private=True, fetch_host_interval_s=0.0, fetch_timeout_s=5.0)
    desk = Newsdesk(settings, embedder=embedder)
    with NewsWeb() as web:
        # Two sites on one test server: "localhost" (the victim) and "127.0.0.1" (the feed).
        victim = web.url("/crane").replace("127.0.0.1", "localhost")
        web.route("/crane", page("Crane contract approved", PARAS, site="Harbour Times"))
        web.route("/feed.xml", rss("Attacker wire", [
            {"title": "Crane contract approved", "link": victim, "content": FORGED},
        ]), content_type="application/rss+xml")
        first = ingest_urls(desk, [victim])
        assert first.added == 1, first
        ingest_urls(desk, [web.url("/feed.xml")])
        texts = [a.text for a in desk.articles() if a.article_id == victim]
        assert texts and "approved the new crane contract" in texts[0]
        assert all("closed the port for good" not in a.text for a in desk.articles())
        answer = desk.query("Did the harbour authority approve the crane contract?")
        assert not any("closed the port" in c.passage for c in answer.citations)
    desk.close()


def test_same_site_is_one_host_not_a_parent_domain() -> None:
    from ingest.web import _canonical, same_site

    assert same_site("https://www.example.com/a", "https://example.com/feed.xml")
    assert same_site("https://m.example.com/a", "https://www.example.com/b")
    assert not same_site("https://attacker.medium.com/x", "https://medium.com/@victim/story")
    assert not same_site("https://medium.com/@victim/story", "https://attacker.medium.com/x")
    assert _canonical("https://attacker.medium.com/x", "https://medium.com/@victim/story") == (
        "https://attacker.medium.com/x"
    )
    assert _canonical("https://www.example.com/a?utm=1", "https://example.com/a") == (
        "https://example.com/a"
    )


# -- Medium 5: the server chose the codec -----------------------------------------------------
@pytest.mark.parametrize("charset", ["punycode", "idna", "utf-7", "unicode_escape", "base64",
                                     "no-such-codec", "x" * 100])
def test_a_charset_that_is_no_text_encoding_is_ignored(charset: str) -> None:
    from ingest.fetch import _content_type

    assert _content_type(f"text/html; charset={charset}") == ("text/html", "")


@pytest.mark.parametrize("charset", ["utf-8", "ISO-8859-1", "windows-1252", "shift_jis", "gb18030"])
def test_real_charsets_are_kept(charset: str) -> None:
    from ingest.fetch import _content_type

    assert _content_type(f'text/html; charset="{charset}"') == ("text/html", charset.lower())


def test_pages_and_feeds_served_with_idna_or_punycode_are_read(tmp_path: Path) -> None:
    from newsweb import NewsWeb, page, rss

    from ingest.web import fetch_to_corpus
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus",
                        fetch_allow_private=True, fetch_host_interval_s=0.0, fetch_timeout_s=5.0)
    with NewsWeb() as web:
        web.route("/idna", page("Crane contract approved", PARAS),
                  content_type="text/html; charset=idna")
        web.route("/feed.xml", rss("Wire", [
            {"title": "Crane contract approved", "link": web.url("/idna"),
             "content": " ".join(PARAS * 4)},
        ]), content_type="application/rss+xml; charset=punycode")
        started = time.monotonic()
        fetched = fetch_to_corpus(settings, [web.url("/idna"), web.url("/feed.xml")])
        assert time.monotonic() - started < 20
    assert not fetched.failed, fetched.failed
    assert fetched.articles == 2


# -- Medium 4: one deadline for the whole request, enforced -----------------------------------
@pytest.mark.parametrize("trickle", ["headers", "chunks"])
def test_a_trickling_server_cannot_hold_a_fetch_past_its_deadline(
    tmp_path: Path, trickle: str
) -> None:
    from newsweb import NewsWeb, page

    from ingest.fetch import Fetcher
    from rag.settings import Settings

    body = page("Slow", ["The storm reached the coast on Monday, officials said. " * 20])
    settings = Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c",
                        fetch_allow_private=True, fetch_timeout_s=1.0,
                        fetch_host_interval_s=0.0)
    with NewsWeb() as web:
        # Each byte 0.2 s after the last: every read is within the timeout, the whole ~10 s.
        web.route("/slow", body, trickle=trickle, trickle_s=0.2)
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out after 1 s"):
            Fetcher(settings).get(web.url("/slow"))
        took = time.monotonic() - started
    assert took < 2.5, f"the fetch took {took:.1f} s for a 1 s deadline"


def test_a_fast_server_is_unaffected_by_the_watchdog(tmp_path: Path) -> None:
    from newsweb import NewsWeb, page

    from ingest.fetch import Fetcher
    from rag.settings import Settings

    body = page("Fast", ["The storm reached the coast on Monday, officials said."])
    settings = Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c",
                        fetch_allow_private=True, fetch_timeout_s=1.0,
                        fetch_host_interval_s=0.0)
    with NewsWeb() as web:
        web.route("/fast", body)
        fetcher = Fetcher(settings)
        for _ in range(3):  # the deadline is per request: later ones get their own
            assert fetcher.get(web.url("/fast")).body == body.encode()
        time.sleep(1.2)  # past the first request's deadline: nothing fires late
        assert fetcher.get(web.url("/fast")).body == body.encode()


# -- Low items --------------------------------------------------------------------------------
def test_an_ipv4_compatible_ipv6_loopback_is_private(tmp_path: Path) -> None:
    import ipaddress

    from ingest.fetch import Fetcher, _public
    from rag.settings import Settings

    assert not _public(ipaddress.ip_address("::127.0.0.1"))
    assert not _public(ipaddress.ip_address("::10.0.0.1"))
    assert _public(ipaddress.ip_address("::8.8.8.8"))
    settings = Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c")
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        Fetcher(settings).get("http://[::127.0.0.1]:8080/")


def test_feed_urls_and_names_are_one_bounded_line(tmp_path: Path) -> None:
    from ingest.feeds import MAX_NAME, add_feed, read_list
    from ingest.fetch import MAX_URL
    from rag.errors import NewsdeskError
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c")
    for url in ("http://a.test/feed\nhttp://b.test/x", "http://a.test/fe ed",
                "http://a.test/" + "x" * MAX_URL):
        with pytest.raises(FetchError):
            add_feed(settings, url, check=False)
    with pytest.raises(NewsdeskError, match=f"at most {MAX_NAME}"):
        add_feed(settings, "http://a.test/feed", "\u05d0" * 5000, check=False)
    add_feed(settings, "http://a.test/feed", "Wire\u202e desk\n\tnews", check=False)
    (feed,) = read_list(settings)
    assert feed.name == "Wire desk news"


def test_a_deeply_nested_feed_list_or_state_is_one_clear_line(tmp_path: Path) -> None:
    from ingest.feeds import _read_state, read_list
    from rag.errors import NewsdeskError
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c")
    settings.data_dir.mkdir(parents=True)
    settings.feeds_path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(NewsdeskError, match="nested too deeply"):
        read_list(settings)
    (settings.data_dir / "feeds-state.json").write_text("[" * 100_000 + "]" * 100_000)
    assert _read_state(settings) == {}


def test_fetched_files_get_the_mode_uploads_get(tmp_path: Path) -> None:
    import os
    import stat

    from newsweb import NewsWeb, page

    from ingest.web import fetch_to_corpus
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "c",
                        fetch_allow_private=True, fetch_host_interval_s=0.0)
    with NewsWeb() as web:
        web.route("/a", page("Crane", ["The harbour authority said on Monday that the new "
                                        "crane would arrive in May."] * 3))
        fetched = fetch_to_corpus(settings, [web.url("/a")])
    (path,) = fetched.paths
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_a_gzip_bomb_message_reads_once() -> None:
    import gzip

    from newsweb import NewsWeb

    from ingest.fetch import Fetcher
    from rag.settings import Settings

    bomb = gzip.compress(b"<html>" + b"x" * (3 * 1024 * 1024))
    settings = Settings(fetch_allow_private=True, fetch_host_interval_s=0.0, fetch_max_mb=1.0)
    with NewsWeb() as web:
        web.route("/gz", bomb, headers={"Content-Encoding": "gzip"})
        with pytest.raises(FetchError) as caught:
            Fetcher(settings).get(web.url("/gz"))
    message = str(caught.value)
    assert "decompresses to more than the 1 MB limit" in message
    assert "more than larger" not in message
