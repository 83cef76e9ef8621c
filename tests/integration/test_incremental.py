"""Re-ingest is a no-op; edits replace chunks; deletions prune; bad files never stop a batch."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE_QUESTION

from ingest import ingest
from rag.newsdesk import Newsdesk
from rag.store.chroma import open_collection


def _snapshot(desk: Newsdesk) -> dict[str, tuple[str, dict]]:
    col = open_collection(desk.settings)
    got = col.get(include=["documents", "metadatas"])
    return {
        i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    }


def _article(title: str, body: str) -> str:
    return f"{title}\n{body}\n"


def test_reingest_is_a_noop(desk: Newsdesk, corpus: Path) -> None:
    (corpus / "b.md").write_text(_article("Harbour", "The harbour reopened on Monday."))
    first = ingest(desk)
    before = _snapshot(desk)
    gen = desk.manifest.generation
    again = ingest(desk)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert again.chunks_embedded == 0
    assert _snapshot(desk) == before
    assert desk.manifest.generation == gen
    assert first.added == 2


def test_edit_replaces_chunks_and_delete_prunes(desk: Newsdesk, corpus: Path) -> None:
    long_body = " ".join(f"Sentence number {i} talks about the harbour crane." for i in range(80))
    path = corpus / "harbour.txt"
    path.write_text(_article("Harbour crane", long_body))
    ingest(desk)
    old_ids = {i for i in _snapshot(desk) if i.startswith("harbour.txt::")}
    assert len(old_ids) > 1
    path.write_text(_article("Harbour crane", "The crane was sold to a museum in Bergen."))
    summary = ingest(desk)
    assert summary.updated == 1
    snap = _snapshot(desk)
    new_ids = {i for i in snap if i.startswith("harbour.txt::")}
    assert new_ids == {"harbour.txt::0"}
    assert "museum in Bergen" in snap["harbour.txt::0"][0]
    assert len(desk.manifest.chunk_ids("harbour.txt")) == 1
    answer = desk.query("Where was the crane sold?")
    assert "Bergen" in answer.text
    path.unlink()
    summary = ingest(desk)
    assert summary.removed == 1
    assert not any(i.startswith("harbour.txt") for i in _snapshot(desk))
    assert desk.manifest.article("harbour.txt") is None
    assert "illegitimate desire" in desk.query(SAMPLE_QUESTION).citations[0].passage


def test_no_prune_keeps_articles(desk: Newsdesk, corpus: Path) -> None:
    extra = corpus / "extra.txt"
    extra.write_text(_article("Extra", "An extra story about lighthouses."))
    ingest(desk)
    extra.unlink()
    assert ingest(desk, prune=False).removed == 0
    assert desk.manifest.article("extra.txt") is not None


def test_bad_inputs_get_messages_and_good_files_ingest(desk: Newsdesk, corpus: Path) -> None:
    (corpus / "empty.txt").write_text("")
    (corpus / "blank.md").write_text("  \n\t\n")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (corpus / "bad-utf8.txt").write_bytes(b"Caf\xe9 au lait \xff\xfe")
    (corpus / "broken.json").write_text('{"title": "x", "body": "unterminated')
    (corpus / "broken.html").write_text("<html><body><div><p></div></span>")
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "types.json").write_text(json.dumps({"title": 5, "body": ["x"]}))
    (corpus / "good.json").write_text(
        json.dumps([
            {"title": "Port strike ends", "body": "Dock workers ended their strike on Tuesday.",
             "source": "Wire", "published_at": "2024-05-02T10:00:00+00:00",
             "url": "https://example.com/strike"},
            {"title": "Bad", "body": 42},
        ])
    )
    (corpus / "good.html").write_text(
        "<html><head><title>Rain record</title></head><body><nav>Home | News</nav><article>"
        "<h1>Rain record</h1><p>The city recorded 120 millimetres of rain on Sunday, the most "
        "since records began in 1880, the weather office said.</p><p>Flooding closed two "
        "bridges and the ferry service for most of the afternoon.</p></article></body></html>"
    )
    summary = ingest(desk)
    failed = dict(summary.failed)
    expect = {
        "empty.txt": "empty",
        "blank.md": "empty",
        "image.txt": "PNG",
        "bad-utf8.txt": "UTF-8",
        "broken.json": "malformed JSON",
        "broken.html": "HTML",
        "notes.pdf": "unsupported file type",
        "types.json": "must be a string",
        "good.json (record 1)": "must be a string",
    }
    for name, words in expect.items():
        assert name in failed, f"{name} not reported: {summary.failed}"
        assert words in failed[name], failed[name]
    assert summary.added == 3  # sample + strike + rain
    answer = desk.query("When did the dock workers end their strike?")
    assert not answer.refused and answer.citations[0].url == "https://example.com/strike"
    assert answer.citations[0].source == "Wire"
    rain = desk.query("How much rain did the city record?")
    assert "120 millimetres" in rain.text
    strike = desk.retrieve("dock strike", filters={"source": "Wire"})
    assert strike and all(p.source == "Wire" for p in strike)
    assert desk.retrieve("dock strike", filters={"since": "2030-01-01"}) == []


def test_corpus_prune_leaves_files_ingested_from_elsewhere(
    desk: Newsdesk, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ferry.txt").write_text(_article("Ferry", "The night ferry to Kiel was cancelled."))
    ingest(desk, [outside])
    summary = ingest(desk)  # the corpus directory, prune on
    assert summary.removed == 0
    assert any(a.path.endswith("elsewhere/ferry.txt") for a in desk.articles())
    (outside / "ferry.txt").unlink()
    assert ingest(desk, [outside]).removed == 1


def test_progress_counts_articles_inside_one_big_file(
    desk: Newsdesk, tmp_path: Path, monkeypatch
) -> None:
    """Issue 24: a 1.2 MB .jsonl upload showed "Ingesting - 0.0%" for minutes, because
    progress counted files. Now it counts articles, as each batch is stored."""
    import ingest.pipeline as pipeline
    from ingest.pipeline import Tally
    from ui.render import ingest_progress

    monkeypatch.setattr(pipeline, "BATCH_CHUNKS", 8)  # several batches from one small file
    batch = tmp_path / "wire.jsonl"
    batch.write_text("\n".join(json.dumps({
        "title": f"Harbour note {i}", "url": f"https://port.example/notes/{i}",
        "text": f"The harbour office posted note {i} about berth {i % 7} on Monday, "
                "saying the crane schedule would change next week.",
    }) for i in range(40)) + "\n", encoding="utf-8")
    seen: list[tuple[int, int, str]] = []

    def tally(t: Tally) -> None:
        seen.append((t.done, t.known, ingest_progress(t)))

    summary = ingest(desk, [batch], articles=tally)
    assert summary.added == 40
    done = [d for d, _, _ in seen]
    assert done == sorted(done) and done[-1] == 40 and seen[-1][1] == 40
    assert len([d for d in done if 0 < d < 40]) >= 3, seen  # it moved before the end
    assert any(text.startswith("Ingesting: ") and " of 40 articles" in text
               for _, _, text in seen)
    # An unchanged re-ingest is done at once, article by article, without a batch.
    again: list[Tally] = []
    ingest(desk, [batch], articles=lambda t: again.append(Tally(**vars(t))))
    assert again[-1].done == again[-1].known == 40


def test_progress_text_says_what_is_known() -> None:
    from ingest.pipeline import Tally
    from ui.render import ingest_progress

    reading = Tally(done=3, known=10, files_read=1, files=4)
    assert ingest_progress(reading) == "Ingesting: 3 of 10 articles so far (1 of 4 files read)"
    import time

    going = Tally(done=100, known=400, files_read=1, files=1, started=time.perf_counter() - 40)
    assert ingest_progress(going) == "Ingesting: 100 of 400 articles, about 2 min left"
