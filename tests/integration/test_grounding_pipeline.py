"""The grounding check in the pipeline: answers a capable model would write, from
data/eval/news-dev/grounding.json, replayed by the scripted backend through
``Newsdesk.query_stream`` over a real store. A rejected sentence is never streamed and then
taken back; a true sentence under the wrong number is shown under the right one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from ingest import ingest
from rag.citations import MARKER
from rag.llm import backends
from rag.llm.scripted import Script, ScriptedLLM, scripted_backend
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.types import Answer

CASES = {c["id"]: c for c in json.loads(
    (REPO / "data" / "eval" / "news-dev" / "grounding.json").read_text(encoding="utf-8"))}
# Bad sentence first (negation, invented), bad sentence second (negation, number in the wrong
# unit), a true sentence under the wrong number, and faithful answers they were made from.
USED = ("g004", "g005", "g003", "g012", "g072", "g017", "g015")


def _sentences(answer: str) -> list[str]:
    return [" ".join(MARKER.sub(" ", s).split()).rstrip(" .")
            for s in answer.replace("].", "].\n").splitlines() if s.strip()]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsdesk]:
    """A store holding every passage of the cases as its own article, and a desk whose
    backend replays the cases' answers (renumbered to the prompt's passage order)."""
    root = tmp_path_factory.mktemp("grounding")
    corpus = root / "corpus"
    corpus.mkdir()
    texts = dict.fromkeys(p["text"] for c in USED for p in CASES[c]["passages"])
    for i, text in enumerate(texts):
        (corpus / f"p{i:02d}.txt").write_text(
            f"---\ntitle: Passage {i}\nsource: news-dev\npublished: 2007-09-0{i % 9 + 1}\n---\n"
            f"{text}\n", encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus_dir=corpus, llm="openai",
                        llm_model="scripted", top_k=len(texts))
    mp = pytest.MonkeyPatch()
    mp.setattr(backends, "build_backend", lambda s: scripted_backend([]))
    nd = Newsdesk(settings, embedder=embedder)
    summary = ingest(nd, [corpus])
    assert summary.ok and summary.added == len(texts)
    yield nd
    nd.close()
    mp.undo()


def _ask(desk: Newsdesk, case_id: str) -> tuple[list[str], Answer]:
    case = CASES[case_id]
    llm = desk.generator().backend.llm
    assert isinstance(llm, ScriptedLLM)
    llm.scripts = [Script(case["question"], case["answer"],
                          tuple(p["text"] for p in sorted(case["passages"], key=lambda p: p["n"])))]
    stream = desk.query_stream(case["question"])
    deltas = list(stream)
    final = stream.result()
    assert not final.note, final.note
    return deltas, final


@pytest.mark.parametrize("case_id", ["g005", "g012", "g072", "g003"])
def test_the_bad_sentence_is_never_streamed(desk: Newsdesk, case_id: str) -> None:
    case = CASES[case_id]
    deltas, answer = _ask(desk, case_id)
    assert "".join(deltas) == answer.text, "deltas only ever add to the answer"
    sentences = _sentences(case["answer"])
    bad = sentences[case["bad_sentence"]]
    shown = ""
    for delta in deltas:
        shown += delta
        assert bad not in " ".join(MARKER.sub(" ", shown).split()), (case_id, delta)
    # The other sentences stay, checked and cited.
    others = [s for i, s in enumerate(sentences) if i != case["bad_sentence"]]
    plain = " ".join(MARKER.sub(" ", answer.text).split())
    assert not answer.refused and all(s in plain for s in others), answer.text
    assert answer.citations and all(c.quotes for c in answer.citations)


@pytest.mark.parametrize("case_id", ["g004", "g015"])
def test_a_faithful_answer_is_shown_whole(desk: Newsdesk, case_id: str) -> None:
    deltas, answer = _ask(desk, case_id)
    assert "".join(deltas) == answer.text and len(deltas) >= 2, "streamed sentence by sentence"
    plain = " ".join(MARKER.sub(" ", answer.text).split())
    assert all(s in plain for s in _sentences(CASES[case_id]["answer"])), answer.text


def test_a_true_sentence_under_the_wrong_number_is_recited(desk: Newsdesk) -> None:
    # g017 cites the Category 5 report's "165 miles per hour, or 266 km/h" to the landfall
    # passage; it is shown under the number of the passage that says it.
    _, answer = _ask(desk, "g017")
    recited = next(s for s in answer.text.split("].") if "165 miles per hour" in s)
    n = int(recited.rsplit("[", 1)[1])
    cited = next(c for c in answer.citations if c.n == n)
    assert "165 mph (266 km/h)" in cited.passage
    gen = desk.generator()
    verdict = next(v for v in gen.answer(CASES["g017"]["question"], answer.passages).verdicts
                   if "165 miles" in v.text)
    assert verdict.supported and verdict.recited_from


def test_scripted_backend_streams_in_pieces(tmp_path: Path) -> None:
    llm = ScriptedLLM(scripts=[Script("Q?", "An answer [1].")], piece_chars=4)
    pieces = [r.delta for r in llm.stream_complete("Question: Q?\nAnswer with citations:")]
    assert pieces == ["An a", "nswe", "r [1", "]."]
