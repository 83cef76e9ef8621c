"""The Gradio UI over a real temp store: API endpoints via gradio_client, sessions, rendering."""

from __future__ import annotations

import html
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import SAMPLE, SAMPLE_QUESTION
from gradio.utils import get_upload_folder
from gradio_client import Client, handle_file
from served import running

from ingest import ingest
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.store.manifest import ArticleRow
from rag.types import Answer, Citation, Passage
from ui import render
from ui.app import Handlers
from ui.auth import parse_auth
from ui.stream import stream_answer, word_pieces
from ui.uploads import stage_uploads

FOLLOW_UP = "And what did Macron say?"
ZORBLAX = (
    "---\ntitle: Zorblax lantern festival breaks attendance record\nsource: Baltic Wire\n"
    "published: 2025-03-01\n---\n"
    "The Zorblax lantern festival in Tallinn drew forty thousand visitors, organisers said on "
    "Sunday.\nCity officials said the festival will return next spring with a larger "
    "programme.\n"
)


@pytest.fixture(scope="module")
def shared_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One ingested sample store for the tests that only read it (ingest costs seconds)."""
    root = tmp_path_factory.mktemp("ui-store")
    (root / "corpus").mkdir()
    shutil.copy(SAMPLE, root / "corpus" / SAMPLE.name)
    return Settings(data_dir=root / "data", corpus_dir=root / "corpus")


@pytest.fixture(scope="module")
def ingested(shared_settings: Settings, embedder: Embedder) -> Iterator[Newsdesk]:
    desk = Newsdesk(shared_settings, embedder=embedder)
    assert ingest(desk).failed == []
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def url(shared_settings: Settings, ingested: Newsdesk) -> Iterator[str]:
    with running(shared_settings, ingested) as address:
        yield address


def client(url: str, **kwargs: object) -> Client:
    return Client(url, verbose=False, download_files=False, **kwargs)


# -- API endpoints -------------------------------------------------------------------------------
def test_ask_endpoint_answers_with_citations_and_filters(url: str) -> None:
    api = client(url)
    data = api.predict(SAMPLE_QUESTION, api_name="/ask")
    assert data["refused"] is False
    assert "[1]" in data["answer"]
    assert data["question"] == SAMPLE_QUESTION
    assert "illegitimate desire" in data["citations"][0]["passage"]

    # A source filter no article matches leaves nothing to answer from, and says so.
    data = api.predict(SAMPLE_QUESTION, ["No Such Wire"], api_name="/ask")
    assert data["refused"] is True and data["citations"] == [] and data["passages"] == []
    assert data["answer"].startswith("No article matches the filters (source: No Such Wire).")
    assert data["no_match"] == {
        "reason": "filters", "filters": "source: No Such Wire", "undated_left_out": 0
    }
    # The sample article has no date: a date range names it instead of dropping it silently.
    dated = api.predict(SAMPLE_QUESTION, None, "2025-01-01", api_name="/ask")
    assert dated["no_match"]["undated_left_out"] == 1
    kept = api.predict(SAMPLE_QUESTION, None, "2025-01-01", None, True, api_name="/ask")
    assert "[1]" in kept["answer"]

    with pytest.raises(Exception, match="since: expected a date like"):
        api.predict(SAMPLE_QUESTION, None, "March 5th", api_name="/ask")


def test_two_sessions_keep_separate_histories(url: str) -> None:
    alice, bob = client(url), client(url)
    alice.predict(SAMPLE_QUESTION, api_name="/ask")
    bob.predict("What did European partners say about the occupied territories?", api_name="/ask")
    a = alice.predict(FOLLOW_UP, api_name="/ask")
    b = bob.predict(FOLLOW_UP, api_name="/ask")
    # Each follow-up is rewritten from its own session's previous question only.
    assert a["question"] == "What did Macron say about guarantees?"
    assert b["question"] == "What did Macron say about the occupied territories?"
    fresh = client(url).predict(FOLLOW_UP, api_name="/ask")
    assert fresh["question"] == FOLLOW_UP


def test_ingest_endpoint_saves_uploads_in_corpus_and_reports_refusals(
    settings: Settings, desk: Newsdesk, tmp_path: Path
) -> None:
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "zorblax festival.md").write_text(ZORBLAX, encoding="utf-8")
    (upload / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    ingest(desk)
    with running(settings, desk) as url:
        api = client(url)
        files = [handle_file(str(upload / n)) for n in ("zorblax festival.md", "scan.pdf")]
        summary = api.predict(files, api_name="/ingest")
        assert (summary["added"], summary["updated"]) == (1, 0)
        assert [f["file"] for f in summary["failed"]] == ["scan.pdf"]
        assert "unsupported file type '.pdf'" in summary["failed"][0]["reason"]
        assert (settings.corpus_dir / "zorblax festival.md").read_text(encoding="utf-8") == ZORBLAX
        assert not (settings.corpus_dir / "scan.pdf").exists()
        # Gradio's upload cache keeps nothing once an upload is ingested or refused (issue 23,
        # Medium 8: every upload stayed there, refused ones and any type included).
        unique = f"refused-{uuid.uuid4().hex}.exe"
        (upload / unique).write_bytes(b"MZ" + b"\0" * 4096)
        refused = api.predict([handle_file(str(upload / unique))], api_name="/ingest")
        assert [f["file"] for f in refused["failed"]] == [unique]
        cache = Path(get_upload_folder())
        assert not list(cache.rglob(unique)), "the refused upload stayed in Gradio's cache"

        question = "How many visitors did the Zorblax lantern festival draw?"
        data = api.predict(question, api_name="/ask")
        assert not data["refused"]
        assert data["citations"][0]["title"] == "Zorblax lantern festival breaks attendance record"
        assert "forty thousand" in data["answer"]
        # Date filters reach retrieval: the article is dated 2025-03-01.
        assert not api.predict(question, None, "2025-03-01", "2025-03-01", api_name="/ask")[
            "refused"
        ]
        later = api.predict(question, None, "2025-03-02", api_name="/ask")
        assert later["refused"] and all(
            p["title"] != "Zorblax lantern festival breaks attendance record"
            for p in later["passages"]
        )

        # No files: the incremental re-ingest of the whole corpus, as the CLI does.
        again = api.predict(api_name="/ingest")
        assert (again["added"], again["unchanged"], again["removed"]) == (0, 2, 0)


def test_login_required_when_ui_auth_is_set(
    tmp_path: Path, shared_settings: Settings, ingested: Newsdesk
) -> None:
    users = tmp_path / "users.txt"
    users.write_text("# editors\nana:s3cret\nbo:pa:ss\n", encoding="utf-8")
    settings = shared_settings.model_copy(update={"ui_auth": str(users)})
    with running(settings, ingested) as address:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a bare Exception
            client(address).predict(SAMPLE_QUESTION, api_name="/ask")
        with pytest.raises(Exception):  # noqa: B017
            client(address, auth=("ana", "wrong")).predict(SAMPLE_QUESTION, api_name="/ask")
        data = client(address, auth=("bo", "pa:ss")).predict(SAMPLE_QUESTION, api_name="/ask")
        assert "[1]" in data["answer"]
        # FastAPI's schema and docs pages would answer without the login: there are none.
        import urllib.error
        import urllib.request

        for page in ("openapi.json", "docs", "redoc"):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(address.rstrip("/") + "/" + page, timeout=10)
            assert caught.value.code == 404, page


def test_answers_never_typeset_dollar_signs_as_formulas(ingested: Newsdesk) -> None:
    import gradio as gr

    from ui.app import build_app

    app = build_app(ingested.settings, ingested)
    (chat,) = [c for c in app.blocks.values() if isinstance(c, gr.Chatbot)]
    assert chat.latex_delimiters == []


SLOW_QUESTION = "What did Rubio say about security guarantees?"


def test_slow_answer_does_not_block_another_session(
    shared_settings: Settings, ingested: Newsdesk
) -> None:
    release = threading.Event()

    class SlowOnce(Newsdesk):
        """A real Newsdesk whose answer to one question waits until the test releases it."""

        def query(self, question: str, **kwargs):
            if question == SLOW_QUESTION:
                release.wait(30)
            return super().query(question, **kwargs)

        def query_stream(self, question: str, **kwargs):
            if question == SLOW_QUESTION:
                release.wait(30)
            return super().query_stream(question, **kwargs)

    desk = SlowOnce(shared_settings, embedder=ingested.embedder)
    with running(shared_settings, desk) as address:
        slow = client(address).submit(SLOW_QUESTION, api_name="/ask")
        time.sleep(0.5)
        started = time.monotonic()
        quick = client(address).predict(SAMPLE_QUESTION, api_name="/ask")
        waited = time.monotonic() - started
        assert not slow.done(), "the slow answer is still being produced"
        release.set()
        assert "[1]" in quick["answer"] and waited < 20
        assert "[1]" in slow.result(timeout=30)["answer"]
    desk.close()


# -- the chat handler (what the browser's streaming event runs) --------------------------------
def test_chat_streams_the_answer_then_fills_sources(ingested: Newsdesk) -> None:
    handlers = Handlers(ingested)
    chat = [{"role": "user", "content": SAMPLE_QUESTION}]
    steps = list(handlers.respond(SAMPLE_QUESTION, chat, [], [], [], None))
    texts = [s[0][-1]["content"] for s in steps]
    assert texts[0] == "_Searching the articles…_"
    assert len(steps) > 3, "the answer arrives in several chunks"
    partials = texts[1:-1]
    assert all(b.startswith(a) and len(b) > len(a) for a, b in pairwise(partials))
    final_chat, panel, turns, sections = steps[-1]
    assert '<a href="#nd-src-1-1" class="nd-cite">' in final_chat[-1]["content"]
    assert "<mark>" in panel and "illegitimate desire" in panel and 'id="nd-src-1-1"' in panel
    assert turns == [(SAMPLE_QUESTION, ingested.query(SAMPLE_QUESTION).text)]
    # The panel shows a loading state at once, then is left alone (gr.skip()) while the text
    # streams, until the answer is complete: never the previous cards under a new question.
    assert "Finding the passages" in steps[0][1] and 'aria-busy="true"' in steps[0][1]
    assert all(not isinstance(s[1], str) for s in steps[1:-1])

    asked = [*final_chat, {"role": "user", "content": FOLLOW_UP}]
    follow = list(handlers.respond(FOLLOW_UP, asked, turns, sections, [], None))
    assert "searched: What did Macron say about guarantees?" in follow[-1][0][-1]["content"]
    assert len(follow[-1][2]) == 2
    # Both answers' sources stay reachable: the first one's cards fold under the second's.
    assert 'id="nd-src-2-1"' in follow[-1][1] and 'id="nd-src-1-1"' in follow[-1][1]
    assert "Earlier answers" in follow[-1][1]


def test_chat_shows_bad_filter_as_message_naming_the_field(ingested: Newsdesk) -> None:
    handlers = Handlers(ingested)
    first = list(handlers.respond(SAMPLE_QUESTION, [], [], [], [], None))[-1]
    steps = list(handlers.respond(
        SAMPLE_QUESTION, [], first[2], first[3], [], {"since": "yesterday"}
    ))
    assert "From date: expected a date like 2025-03-14, got 'yesterday'" in steps[-1][0][-1][
        "content"
    ]
    assert steps[-1][2] == first[2], "a failed turn is not added to the history"
    # The Sources panel says the question was not answered; the previous answer's cards are
    # folded under "Earlier answers", not shown as if they belonged to this question.
    panel = steps[-1][1]
    current = panel.split("Earlier answers")[0]
    assert "Not answered: From date" in current and "nd-card" not in current
    reversed_range = list(handlers.respond(
        SAMPLE_QUESTION, [], [], [], [], {"since": "2025-12-01", "until": "2025-01-01"}
    ))[-1]
    assert "From date 2025-12-01 is after To date 2025-01-01" in reversed_range[0][-1]["content"]


def test_stream_replays_text_in_word_groups(ingested: Newsdesk) -> None:
    text = "On Friday, Rubio said “no” [1]. Second  sentence\n[2]"
    pieces = word_pieces(text)
    assert "".join(pieces) == text
    assert all(p.count("[") == p.count("]") for p in pieces)
    items = list(stream_answer(ingested, SAMPLE_QUESTION, filters=None, history=[], pause_s=0))
    assert all(a is None for _, a in items[:-1])
    final_text, answer = items[-1]
    assert isinstance(answer, Answer) and final_text == answer.text
    assert items[-2][0] == answer.text


# -- rendering -----------------------------------------------------------------------------------
def _panel(answer: Answer, article_text, asked: str = "") -> str:
    section = render.answer_section(
        answer, turn=1, asked=asked or answer.question, article_text=article_text
    )
    return render.sources_panel([section])


def test_sources_panel_highlights_cited_sentence_in_context(ingested: Newsdesk) -> None:
    answer = ingested.query(SAMPLE_QUESTION)
    article = ingested.manifest.article(answer.citations[0].article_id)
    assert article is not None
    panel = _panel(answer, lambda _a: article.text)
    marked = panel.split("<mark>")[1].split("</mark>")[0]
    assert "illegitimate desire" in html.unescape(marked)
    # Context from the article around the quote, but not the whole article.
    assert "Marco Rubio mentioned" in panel and "Bloomberg reports" not in panel
    # Headings for screen readers: the panel's, then one per card.
    assert '<h2 class="nd-h">Sources</h2>' in panel and '<h3 class="nd-title"' in panel
    assert 'data-announce="Answer ready; 1 source in Sources."' in panel
    # The searched question is shown only when a follow-up rewrite changed it.
    assert "searched:" not in panel
    rewritten = _panel(answer, lambda _a: article.text, asked="And what about guarantees?")
    assert "searched: What did Rubio say about guarantees?" in rewritten


def test_sources_panel_escapes_article_text() -> None:
    text = 'Intro. <img src=x onerror=alert(1)> said "hi". Outro <b>bold</b>.'
    s, e = text.index("<img"), text.index(". Outro") + 1
    c = Citation.from_passage(1, Passage(
        "c1", "a1", "<script>alert(1)</script>", "Wire & Co", "javascript:alert(1)",
        "2025-01-02", text, 0, len(text), 1.0,
    ), ((s, e),))
    panel = _panel(Answer("x [1]", False, [c], "q"), lambda _a: text)
    assert "<script>" not in panel and "<img" not in panel and "<b>" not in panel
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel and "Wire &amp; Co" in panel
    assert "javascript:" not in panel, "only http(s) links are rendered"
    url = "https://example.com/a?x=1&y=2"
    c2 = Citation.from_passage(1, Passage("c1", "a1", "T", "", url, "", text, 0, len(text), 1.0))
    panel = _panel(Answer("x [1]", False, [c2], "q"), lambda _a: None)
    assert 'href="https://example.com/a?x=1&amp;y=2"' in panel
    reader = render.article_reader(
        ArticleRow("a1", "a.md", "h", "<i>T</i>", "", "javascript:x", "", None, "", text, 1),
        [(s, e)],
    )
    assert "<img" not in reader and "<i>" not in reader and "javascript:" not in reader
    assert "<mark>&lt;img src=x onerror=alert(1)&gt; said &quot;hi&quot;.</mark>" in reader


def test_refusal_is_marked_and_lists_closest_passages(ingested: Newsdesk) -> None:
    answer = ingested.query("What is the boiling point of liquid nitrogen?")
    assert answer.refused and answer.passages
    panel = _panel(answer, lambda _a: None)
    assert "nd-refused" in panel and "closest passages" in panel
    assert panel.count('class="nd-card nd-near"') == len(answer.passages)
    bubble = render.chat_message(answer, asked=answer.question, turn=1)
    assert bubble.startswith("⚠️ **No answer in the articles.**")
    assert "searched:" not in bubble, "unchanged questions are not repeated"


# -- uploads and auth ----------------------------------------------------------------------------
def test_uploads_never_leave_the_corpus_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "jail" / "corpus"
    src = tmp_path / "src.txt"
    src.write_text("Some article text.", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    names = [
        "../../escape.txt", "..\\..\\win.md", "/etc/cron.d/x.html", ".hidden.txt", "..",
        "a\x00b\nc.json", "ok name (1).TXT", "evil.exe", "noext",
    ]
    staged = stage_uploads([(n, src) for n in names] + [("big.txt", big)], corpus, 1024)
    assert sorted(f.name for f in staged.files) == sorted(
        ["escape.txt", "win.md", "x.html", "hidden.txt", "abc.json", "ok name _1.txt"]
    )
    root = corpus.resolve()
    assert all(f.target.parent == root and f.temp.parent == root for f in staged.files)
    assert all(f.temp.name.startswith(".") and f.temp.exists() for f in staged.files)
    reasons = dict(staged.rejected)
    assert "unsupported file type '.exe'" in reasons["evil.exe"]
    assert "unsupported file type '(none)'" in reasons["noext"]
    assert "over the 0.000976562 MB limit" in reasons["big.txt"]
    outside = {p for p in tmp_path.rglob("*") if p.is_file() and corpus not in p.parents}
    assert outside == {src, big}, "nothing written outside the corpus directory"
    staged.discard()
    assert not list(corpus.iterdir()), "no temp files left"


def test_parse_auth_accepts_pairs_and_files_and_rejects_malformed(tmp_path: Path) -> None:
    assert parse_auth("") is None
    assert parse_auth("ana:pw:with:colons") == [("ana", "pw:with:colons")]
    users = tmp_path / "users"
    users.write_text("ana:one\n\n# comment\nbo:two\n", encoding="utf-8")
    assert parse_auth(str(users)) == [("ana", "one"), ("bo", "two")]
    for bad in ("justaname", ":nopass-user", "ana:"):
        with pytest.raises(ValueError, match="expected 'user:password'"):
            parse_auth(bad)
    empty = tmp_path / "empty"
    empty.write_text("# nobody\n", encoding="utf-8")
    with pytest.raises(ValueError, match="holds no"):
        parse_auth(str(empty))


def test_eight_sessions_through_the_queue_during_a_reingest(
    tmp_path: Path, embedder: Embedder
) -> None:
    """Eight concurrent sessions ask through the Gradio queue while /ingest re-ingests a
    changed corpus: no errors, and every citation is a passage of the committed store."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)

    def harbour(i: int, version: str) -> str:
        return (
            f"Harbour {i} report\nThe harbour of port {i} handled {100 + i} ships in {version}, "
            f"the port authority of town {i} said.\nCranes at pier {i} were {version} repaired.\n"
        )

    for i in range(24):
        (corpus / f"harbour-{i}.txt").write_text(harbour(i, "March"), encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    desk = Newsdesk(settings, embedder=embedder)
    assert ingest(desk).failed == []
    for i in range(8):  # the change: edits, additions and deletions
        (corpus / f"harbour-{i}.txt").write_text(harbour(i, "April"), encoding="utf-8")
        (corpus / f"harbour-{i + 24}.txt").write_text(harbour(i + 24, "May"), encoding="utf-8")
        (corpus / f"harbour-{i + 8}.txt").unlink()
    answers: list[dict] = []
    errors: list[BaseException] = []
    with running(settings, desk) as address:
        reingest = client(address).submit(api_name="/ingest")

        def session(i: int) -> None:
            c = client(address)
            for q in (SAMPLE_QUESTION, f"How many ships did port {i} handle?", FOLLOW_UP):
                try:
                    answers.append(c.predict(q, api_name="/ask"))
                except BaseException as exc:  # every failure is a finding
                    errors.append(exc)

        threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        summary = reingest.result(timeout=120)
    assert errors == []
    assert len(answers) == 24
    assert (summary["updated"], summary["added"], summary["removed"]) == (8, 8, 8)
    for data in answers:
        for cite in data["citations"]:
            if cite["article_id"] == SAMPLE.name:  # unchanged by the re-ingest: exact span
                text = desk.manifest.article(cite["article_id"]).text
                assert text[cite["start"] : cite["end"]] == cite["passage"]
            else:
                assert cite["article_id"].startswith("harbour-")
    rubio = [a for a in answers if "Rubio" in a["answer"]]
    assert len(rubio) >= 8 and all("[1]" in a["answer"] for a in rubio)
    desk.close()


def test_a_quote_shows_what_answers_the_question_inside_its_highlight() -> None:
    text = "Rain fell. Felix has left at least 21 people dead in Nicaragua. More rain came."
    quote = (11, 63)
    fill = (text.index("at least 21"), text.index("at least 21") + len("at least 21"))
    passage = Passage("c1", "a1", "Felix", "VOA", "", "2007-09-05", text, 0, len(text), 1.0)
    cite = Citation.from_passage(1, passage, (quote,), (fill, (0, 4)))  # (0, 4): outside
    assert cite.marks == (fill,)
    answer = Answer(text=f"{text[11:63]} [1]", refused=False, citations=[cite],
                    question="How many people died?", passages=[passage])
    section = render.answer_section(answer, turn=1, asked="How many people died?",
                                    article_text=lambda _id: text)
    assert ('<mark>Felix has left <strong class="nd-fill">at least 21</strong> people dead in '
            "Nicaragua.</mark>") in section.html

