"""URLs and feeds into the store, polled on a schedule, syndicated copies folded: all against a
real HTTP server on 127.0.0.1 and the real embedding model."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from conftest import SAMPLE
from newsweb import FERRY, LIGHTHOUSE, NewsWeb, atom, page, rss

from ingest import ingest, ingest_urls
from ingest.feeds import add_feed, feed_statuses, poll, read_list, remove_feed
from ingest.web import article_path
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.store import lexical
from rag.store.manifest import Manifest
from ui.feed_scheduler import FeedScheduler
from ui.feeds_panel import FeedsPanel

BRIDGE_V1 = [
    "The Norrstrom bridge will close for repairs on Friday, the city traffic office said.",
    "Engineers found cracks in two steel beams during an inspection last month.",
]
BRIDGE_V2 = [
    "The Norrstrom bridge will stay closed until March, the city traffic office said on Sunday.",
    "Engineers found cracks in four steel beams, more than the two first reported.",
]
WIRE = [
    "Rescue teams in the Alpine village of Vallorcine pulled eleven skiers from an avalanche on "
    "Tuesday morning, regional police said.",
    "The slide came down the north face of the Aiguillette shortly after nine o'clock, burying a "
    "ski school group and two instructors near the bottom of the Balme lift.",
    "All eleven were taken to hospital in Chamonix, where doctors said three were in serious "
    "condition with hypothermia and broken bones.",
    "Avalanche risk had been rated four on a scale of five after two days of heavy snowfall and "
    "strong winds, the French weather service said.",
    "The mayor of Vallorcine said the lift would stay closed until the slope was declared safe.",
]
OTHER_REPORT = [
    "A helicopter crew from the gendarmerie described how they found the first buried skier "
    "using a transceiver signal within minutes of landing at Vallorcine.",
    "Pilot Marc Berthier said fresh snow made landing difficult and the team dug by hand for "
    "almost an hour before the last child was found alive.",
    "Parents waited at the village hall through the morning as names were read out one by one.",
]


def _settings(root: Path, **kw: object) -> Settings:
    base = {
        "data_dir": root / "data", "corpus_dir": root / "corpus", "fetch_allow_private": True,
        "fetch_host_interval_s": 0.0, "fetch_timeout_s": 2.0, "feed_interval_min": 30.0,
    }
    return Settings(**{**base, **kw})  # type: ignore[arg-type]


@pytest.fixture()
def desk(tmp_path: Path, embedder: Embedder) -> Newsdesk:
    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpus" / SAMPLE.name)
    nd = Newsdesk(_settings(tmp_path), embedder=embedder)
    yield nd
    nd.close()


def _wire(site: str, edit: int) -> list[str]:
    """The wire story as one site ran it: a dateline, one word changed, a credit line."""
    paras = list(WIRE)
    paras[0] = f"CHAMONIX ({site}) — " + paras[0]
    paras[edit] = paras[edit].replace("said", "reported", 1)
    return [*paras, f"Reporting for {site} by the newsroom staff."]


def test_pages_and_feeds_become_corpus_files_and_update_in_place(
    desk: Newsdesk, tmp_path: Path
) -> None:
    ingest(desk)
    with NewsWeb() as web:
        web.route("/ferry", page("Night ferry to stop", FERRY, site="Baltic Post"))
        web.route("/bridge", page("Bridge to close", BRIDGE_V1, site="City Wire"))
        web.route(
            "/rss.xml",
            rss("Baltic Post", [
                {"title": "Lighthouse sold", "link": web.url("/lighthouse"),
                 "content": "".join(f"<p>{p}</p>" for p in LIGHTHOUSE * 4)},
                {"title": "Night ferry to stop", "link": web.url("/ferry"), "summary": "Ferry."},
            ]),
            content_type="application/rss+xml",
        )
        web.route(
            "/atom.xml",
            atom("City Wire", [{"title": "Bridge to close", "link": web.url("/bridge"),
                                "summary": "The bridge closes."}]),
            content_type="application/atom+xml",
        )
        feeds = [web.url("/rss.xml"), web.url("/atom.xml")]
        first = ingest_urls(desk, feeds)
        assert first.failed == [] and first.added == 3, first
        # One Markdown file per article, named from its URL, with front matter.
        ferry = article_path(desk.settings.web_dir, web.url("/ferry"))
        text = ferry.read_text()
        assert text.startswith("---\ntitle: Night ferry to stop\n")
        assert "source: Baltic Post" in text
        assert f"url: {web.url('/ferry')}" in text
        # Summary-only entries were answered from their fetched pages.
        answer = desk.query("When will the night ferry stop running?")
        assert "October" in answer.text and answer.citations[0].url == web.url("/ferry")
        assert "museum" in desk.query("What will the sailing club open?").text

        mtime = ferry.stat().st_mtime_ns
        again = ingest_urls(desk, feeds)
        assert (again.added, again.updated, again.chunks_embedded) == (0, 0, 0)
        assert ferry.stat().st_mtime_ns == mtime  # an unchanged page is not rewritten

        web.route("/bridge", page("Bridge to close", BRIDGE_V2, site="City Wire"))
        updated = ingest_urls(desk, [web.url("/bridge")])
        assert updated.updated == 1 and updated.added == 0
        answer = desk.query("How many steel beams had cracks?")
        assert "four steel beams" in answer.text
        assert len(desk.manifest.chunk_ids(web.url("/bridge"))) == 1  # no stale chunk left

    # The corpus alone rebuilds the same store.
    rebuilt = Newsdesk(_settings(tmp_path, data_dir=tmp_path / "rebuilt"), embedder=desk.embedder)
    assert ingest(rebuilt).failed == []
    assert {a.article_id for a in rebuilt.articles()} == {a.article_id for a in desk.articles()}
    rebuilt.close()


def test_feed_polls_conditional_get_backoff_and_updates(desk: Newsdesk) -> None:
    settings = desk.settings
    with NewsWeb() as web:
        web.route("/bridge", page("Bridge to close", BRIDGE_V1, site="City Wire"))
        web.route(
            "/feed.xml",
            rss("City Wire", [{"title": "Bridge to close", "link": web.url("/bridge"),
                               "summary": "Bridge.", "date": "Sat, 01 Mar 2025 10:00:00 GMT"}]),
            content_type="application/rss+xml",
        )
        web.route("/broken.xml", "<rss><channel><item><title>x", content_type="text/xml")
        assert "City Wire: 1 entries" in add_feed(settings, web.url("/feed.xml"))
        add_feed(settings, web.url("/gone.xml"), check=False)
        add_feed(settings, web.url("/broken.xml"), check=False)
        assert len(read_list(settings)) == 3

        first = poll(desk)
        outcome = {f.url: f.outcome for f in first.feeds}
        assert outcome[web.url("/feed.xml")] == "new"
        assert outcome[web.url("/gone.xml")] == "failed"
        assert outcome[web.url("/broken.xml")] == "failed"
        assert first.summary.added == 1 and not first.ok
        status = {f.url: f for f in feed_statuses(settings)}
        assert "HTTP 404" in status[web.url("/gone.xml")].last_error
        assert "malformed feed XML" in status[web.url("/broken.xml")].last_error
        assert status[web.url("/feed.xml")].status == "ok"

        # Second poll: only due feeds, and the good one answers 304; nothing is embedded.
        web.route("/gone.xml", rss("Back", []), content_type="application/rss+xml")
        second = poll(desk, force=True)
        assert web.not_modified["/feed.xml"] == 1
        assert second.summary.chunks_embedded == 0 and second.summary.added == 0
        assert web.hits["/bridge"] == 1  # the article page was not fetched again
        # Failing feeds back off exponentially: due again only after 2 x the interval.
        broken = {f.url: f for f in feed_statuses(settings)}[web.url("/broken.xml")]
        assert broken.failures == 2 and "failing (2x)" in broken.status
        state = poll(desk)  # nothing due yet
        assert all(f.outcome == "skipped" for f in state.feeds)

        # The story is revised: the feed entry's date changes and the page with it.
        web.route("/bridge", page("Bridge to close", BRIDGE_V2, site="City Wire"))
        web.route(
            "/feed.xml",
            rss("City Wire", [{"title": "Bridge to close", "link": web.url("/bridge"),
                               "summary": "Bridge.", "date": "Sun, 02 Mar 2025 08:00:00 GMT"}]),
            content_type="application/rss+xml",
        )
        third = poll(desk, only=[web.url("/feed.xml")], force=True)
        assert third.summary.updated == 1
        assert "four steel beams" in desk.query("How many steel beams had cracks?").text

        gone = remove_feed(settings, "2")
        assert gone.url == web.url("/gone.xml") and len(read_list(settings)) == 2


def test_syndicated_copies_fold_and_survive_deleting_the_stored_one(desk: Newsdesk) -> None:
    ingest(desk)
    with NewsWeb() as web:
        for path, site, edit in (("/alpha/avalanche", "Alpha Wire", 2),
                                 ("/beta/avalanche", "Beta News", 3),
                                 ("/gamma/avalanche", "Gamma Post", 4)):
            web.route(path, page("Eleven skiers rescued", _wire(site, edit), site=site))
        web.route("/delta/rescue", page("How the crew found them", OTHER_REPORT, site="Delta"))
        urls = [web.url(p) for p in ("/alpha/avalanche", "/beta/avalanche", "/gamma/avalanche",
                                     "/delta/rescue")]
        summary = ingest_urls(desk, urls)
    assert summary.added == 4 and summary.folded == 2, summary
    assert desk.manifest.copy_count() == 2
    assert desk.manifest.counts()[0] == 3  # the sample, the wire story once, the other report
    answer = desk.query("How many skiers were pulled from the avalanche?")
    assert not answer.refused
    wire = [c for c in answer.citations if "avalanche" in c.url]
    assert len(wire) == 1  # cited once, not once per outlet
    assert wire[0].source == "Alpha Wire (also run by Beta News and Gamma Post)"
    assert set(wire[0].to_json()) == {
        "n", "article_id", "title", "source", "url", "published", "passage", "start", "end",
        "score", "quotes", "marks",
    }
    # The distinct report of the same event is its own article.
    found = desk.retrieve("helicopter crew transceiver signal buried skier", top_k=3)
    assert found[0].url.endswith("/delta/rescue") and found[0].source == "Delta"

    # Delete the stored copy's file: the story stays, told by the next outlet.
    stored = Path(desk.settings.corpus_dir) / desk.manifest.article(wire[0].article_id).path
    stored.unlink()
    after = ingest(desk)
    assert after.removed == 1 and after.failed == []
    assert desk.manifest.copy_count() == 1
    answer = desk.query("How many skiers were pulled from the avalanche?")
    assert not answer.refused and "eleven" in answer.text.lower()
    assert answer.citations[0].source == "Beta News (also run by Gamma Post)"
    # Unchanged re-ingest: copies and promoted story stay as they are, nothing embedded.
    again = ingest(desk)
    assert (again.added, again.updated, again.removed, again.chunks_embedded) == (0, 0, 0, 0)
    # Deleting a copy's file forgets that outlet only.
    (gamma,) = desk.manifest.copies_of(answer.citations[0].article_id)
    (Path(desk.settings.corpus_dir) / gamma.path).unlink()
    assert ingest(desk).removed == 1 and desk.manifest.copy_count() == 0
    answer = desk.query("How many skiers were pulled from the avalanche?")
    assert answer.citations[0].source == "Beta News"


def test_old_manifest_migrates_and_old_articles_become_fold_targets(
    desk: Newsdesk, tmp_path: Path
) -> None:
    corpus = Path(desk.settings.corpus_dir)
    (corpus / "wire.md").write_text("---\nsource: Alpha Wire\n---\n" + "\n".join(WIRE))
    ingest(desk)
    desk.close()
    with sqlite3.connect(desk.settings.manifest_path) as conn:  # back to schema 1
        conn.executescript(
            "DROP TABLE copies; DROP TABLE fold_prints; DELETE FROM sqlite_sequence; "
            "DROP TABLE lexical_dirty; "
            "UPDATE meta SET value='1' WHERE key='schema_version';"
        )
    # A data dir from before schema 3 held its BM25 matrices here; the lexical index was
    # somewhere else.
    shutil.rmtree(desk.settings.lexical_dir)
    (desk.settings.data_dir / "bm25" / "7").mkdir(parents=True)
    migrated = Manifest(desk.settings.manifest_path)
    assert migrated.get_meta("schema_version") == "5" and migrated.copy_count() == 0
    assert migrated.lexical_dirty() == []
    migrated.close()
    (corpus / "copy.md").write_text("---\nsource: Beta News\n---\n" + "\n".join(_wire("B", 1)))
    summary = ingest(desk)
    assert summary.added == 1 and summary.folded == 1
    assert desk.manifest.outlets(["wire.md"]) == {"wire.md": ["Beta News"]}
    # The first ingest after the upgrade builds the lexical index whole and drops the old one.
    assert lexical.current_generation(desk.settings.lexical_dir) == desk.manifest.generation
    assert not (desk.settings.data_dir / "bm25").exists()
    assert desk.query("How many skiers were pulled from the avalanche?").passages


def test_scheduler_polls_while_the_chat_answers_and_stops_cleanly(desk: Newsdesk) -> None:
    settings = desk.settings
    ingest(desk)
    with NewsWeb() as web:
        web.route("/ferry", page("Night ferry to stop", FERRY, site="Baltic Post"))
        web.route(
            "/feed.xml",
            rss("Baltic Post", [{"title": "Night ferry", "link": web.url("/ferry")}]),
            content_type="application/rss+xml",
        )
        add_feed(settings, web.url("/feed.xml"))
        scheduler = FeedScheduler(desk).start()
        answers = []
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not desk.manifest.article(web.url("/ferry")):
                answers.append(desk.query("What did Rubio say about guarantees?"))
            assert desk.manifest.article(web.url("/ferry")) is not None
        finally:
            scheduler.stop()
        assert not scheduler.alive
        assert answers and all(not a.refused for a in answers)
        assert scheduler.last is not None and scheduler.last.summary.added == 1
        assert "October" in desk.query("When will the night ferry stop running?").text


def test_feeds_panel_adds_polls_and_refuses_private_urls(desk: Newsdesk, tmp_path: Path) -> None:
    with NewsWeb() as web:
        web.route("/ferry", page("Night ferry to stop", FERRY, site="Baltic Post"))
        web.route(
            "/feed.xml",
            rss("Baltic Post", [{"title": "Night ferry", "link": web.url("/ferry")}]),
            content_type="application/rss+xml",
        )
        panel = FeedsPanel(desk)
        message, cleared, rows, _, hint = panel.add(web.url("/feed.xml"))
        assert "Added" in message and "added 1" in message and cleared == ""
        assert "checked 1 feed (1 with new articles)" in message and not hint.visible
        assert rows[0][1] == "Baltic Post" and rows[0][2] == "ok" and rows[0][3] == 1
        strict = FeedsPanel(Newsdesk(_settings(tmp_path, fetch_allow_private=False),
                                     embedder=desk.embedder))
        message, *_ = strict.add(web.url("/feed.xml"))
        assert "private, loopback or link-local" in message
        message, *_ = strict.fetch_once("file:///etc/passwd")
        assert "only http:// and https://" in message
        message, rows, _, hint = panel.remove(web.url("/feed.xml"))
        assert "Removed" in message and rows == []
        assert hint.visible and "No feeds yet" in hint.value  # not bare column headers
        message, *_ = panel.poll_now()
        assert message.startswith("No feeds to poll.")


def test_poll_survives_a_concurrent_poll_and_reports_it(desk: Newsdesk) -> None:
    from ingest.feeds import _poll_lock

    with _poll_lock(desk.settings), pytest.raises(Exception, match="another feed poll"):
        poll(desk)
    # And a poll with no feeds is a no-op.
    assert poll(desk).feeds == []
    assert threading.active_count() >= 1


def test_cli_feeds_commands_and_url_refusals(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "data"), "--corpus-dir", str(tmp_path / "corpus")]
    with NewsWeb() as web:
        web.route("/feed.xml", rss("City Wire", [{"title": "x", "link": web.url("/x")}]),
                  content_type="application/rss+xml")
        env = {"NEWSDESK_FETCH_ALLOW_PRIVATE": "true"}
        added = runner.invoke(app, [*base, "feeds", "add", web.url("/feed.xml")], env=env)
        assert added.exit_code == 0 and "City Wire: 1 entries" in added.output
        refused = runner.invoke(app, [*base, "feeds", "add", web.url("/feed.xml")])
        assert refused.exit_code == 1 and "private, loopback or link-local" in refused.output
        listed = runner.invoke(app, [*base, "feeds", "list", "--json"])
        assert listed.exit_code == 0 and '"status": "not polled yet"' in listed.output
        bad = runner.invoke(app, [*base, "ingest", "ftp://example.com/a", "--json"])
        assert bad.exit_code == 1 and "only http:// and https://" in bad.output
        gone = runner.invoke(app, [*base, "feeds", "remove", "1"])
        assert gone.exit_code == 0 and "removed" in gone.output
        empty = runner.invoke(app, [*base, "feeds", "list"])
        assert "no feeds" in empty.output


def test_overlapping_stories_not_folded_still_cite_once_naming_both(desk: Newsdesk) -> None:
    """A trimmed wire copy stored first and the full story later: the full one is not folded
    (its extra text would be lost), and retrieval collapses their shared passage into one
    that names both outlets, as a folded story does."""
    corpus = Path(desk.settings.corpus_dir)
    shared = "\n".join(WIRE)
    long_first = (  # too long to join the shared passage's chunk
        "In the valley below, the regional council convened an emergency session that ran late "
        "into the evening, where councillors, hoteliers, mountain guides, the head of the ski "
        "school association and representatives of the lift company argued for hours about "
        "whether the resort should close every north-facing run until the weekend, or keep "
        "the lower slopes open for the families who had travelled for the school holidays."
    )
    extra = long_first + "\n" + "\n".join(
        f"Local officials in the valley town number {i} said schools would open late on "
        f"Wednesday while crews cleared road {i} of snow and debris from the slope." for i in
        range(12)
    )
    (corpus / "alpha.md").write_text(
        f"---\nsource: Alpha Wire\ntitle: Skiers rescued\n---\n{shared}\n"
    )
    (corpus / "beta.md").write_text(
        f"---\nsource: Beta News\ntitle: Skiers rescued, schools shut\n---\n{shared}\n{extra}\n"
    )
    summary = ingest(desk)
    assert summary.folded == 0 and desk.manifest.counts()[0] == 3
    alpha_chunk = desk.manifest.chunks(desk.manifest.chunk_ids("alpha.md"))
    beta_chunk = desk.manifest.chunks(desk.manifest.chunk_ids("beta.md")[:1])
    (a,) = [c.text for c, _ in alpha_chunk.values()]
    (b,) = [c.text for c, _ in beta_chunk.values()]
    assert a == b  # precondition: the shared passage is one chunk in both
    found = desk.retrieve("How many skiers were pulled from the avalanche?", top_k=3)
    wire = [p for p in found if p.text == a]
    assert len(wire) == 1
    assert wire[0].source in (
        "Alpha Wire (also run by Beta News)", "Beta News (also run by Alpha Wire)"
    )


def test_a_deleted_feed_article_stays_deleted_and_a_refused_entry_leaves_no_file(
    tmp_path: Path, embedder: Embedder
) -> None:
    """Issue 23, Low: deleted feed articles came back on the next poll; a refused entry's file
    stayed in corpus/web and failed every later corpus ingest."""
    from ingest.articles import remove_article

    settings = _settings(tmp_path, max_file_mb=0.004)  # ~4 KB: the long read is refused
    settings.corpus_dir.mkdir(parents=True)
    desk = Newsdesk(settings, embedder=embedder)
    long_read = [f"Paragraph {i}: the council debated the harbour budget for a long time, "
                 "and every speaker was heard in full before the vote." for i in range(60)]

    def feed(bridge_date: str) -> str:
        return rss("City Wire", [
            {"title": "Bridge to close", "link": web.url("/bridge"), "summary": "Bridge.",
             "date": bridge_date},
            {"title": "Long read", "link": web.url("/long"), "summary": "Long.",
             "date": "Sat, 01 Mar 2025 09:00:00 GMT"},
        ])

    with NewsWeb() as web:
        web.route("/bridge", page("Bridge to close", BRIDGE_V1, site="City Wire"))
        web.route("/long", page("Long read", long_read, site="City Wire"))
        web.route("/feed.xml", feed("Sat, 01 Mar 2025 10:00:00 GMT"),
                  content_type="application/rss+xml")
        add_feed(settings, web.url("/feed.xml"), check=False)
        first = poll(desk)
        assert first.summary.added == 1
        assert any("NEWSDESK_MAX_FILE_MB" in reason for _, reason in first.summary.failed)
        saved = sorted(p.name for p in settings.web_dir.rglob("*.md"))
        assert saved == [article_path(settings.web_dir, web.url("/bridge")).name]
        assert ingest(desk).ok  # a later corpus ingest finds no refused file

        bridge = next(r for r in desk.articles() if r.url == web.url("/bridge"))
        remove_article(desk, bridge.article_id)
        hits = web.hits["/bridge"]
        # The bridge entry is revised (the feed is read again, not answered 304): its deleted
        # article stays deleted; the refused, unchanged entry is not fetched again.
        web.route("/feed.xml", feed("Sun, 02 Mar 2025 10:00:00 GMT"),
                  content_type="application/rss+xml")
        second = poll(desk, force=True)
        assert second.summary.added == 0 and web.hits["/bridge"] == hits
        assert web.hits["/long"] == 1
        assert not any(r.url == web.url("/bridge") for r in desk.articles())
        assert not list(settings.web_dir.rglob("*.md"))
        # A page fetched directly and refused is not left in the corpus either.
        direct = ingest_urls(desk, [web.url("/long")])
        assert not direct.ok and not list(settings.web_dir.rglob("*.md"))
    desk.close()
