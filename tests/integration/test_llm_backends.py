"""LLM backends for real: the embedded Gemma GGUF in process, the same GGUF behind a real
OpenAI-compatible server (``python -m llama_cpp.server``), and backends that cannot be reached.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_QUESTION, free_port

from ingest import ingest
from rag.citations import REFUSAL
from rag.llm.grounding import Grounder, iter_sentences
from rag.llm.llamacpp import EMBEDDED_GGUF, embedded_gguf
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.types import Answer

SOLDIERS = "How many soldiers will the U.S. send to Ukraine?"


@pytest.fixture(scope="session")
def gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded model, assembled once for the whole run (as a data dir would hold it)."""
    models = tmp_path_factory.mktemp("models")
    path = embedded_gguf(models)
    stamp = path.stat().st_mtime_ns
    assert embedded_gguf(models) == path and path.stat().st_mtime_ns == stamp, "assembled twice"
    return path


def _stream(desk: Newsdesk, question: str) -> tuple[str, Answer]:
    stream = desk.query_stream(question)
    text = "".join(stream)
    return text, stream.result()


# Short answers keep the real-model tests quick on 2 cores.
SMALL = {"llm_max_tokens": 64, "llm_context_tokens": 2048}


def _assert_grounded_or_refused(answer: Answer, embedder: Embedder) -> None:
    assert not answer.note, answer.note
    if answer.refused:
        assert answer.text == REFUSAL and not answer.citations and answer.passages
    else:
        _assert_grounded(answer, embedder)


def _assert_grounded(answer: Answer, embedder: Embedder) -> None:
    """Every sentence cites a passage it was given and passes the check against it."""
    assert not answer.refused and answer.citations and not answer.note
    by_chunk = {p.chunk_id: p for p in answer.passages}
    check = Grounder(embedder.encode, [by_chunk[c.chunk_id] for c in answer.citations])
    for sentence in iter_sentences(answer.text):
        verdict = check.check(sentence)
        assert verdict.supported, (sentence, verdict.reason)


def test_llamacpp_embedded_gemma_answers_from_the_passage(
    settings: Settings, embedder: Embedder, gguf: Path
) -> None:
    # No model path given: the embedded GGUF is taken from data_dir/models (linked, not rebuilt).
    settings.models_dir.mkdir(parents=True)
    os.link(gguf, settings.models_dir / EMBEDDED_GGUF)
    desk = Newsdesk(settings.model_copy(update=SMALL | {"llm": "llamacpp"}), embedder=embedder)
    ingest(desk)
    streamed, answer = _stream(desk, SAMPLE_QUESTION)
    assert streamed == answer.text
    # Whatever the small model writes, only sentences backed by their cited passage reach
    # the user, or it is a refusal.
    _assert_grounded_or_refused(answer, embedder)
    backend = desk.generator().backend
    assert backend.model.startswith("gemma-3-270m")
    # The packaged GGUF has no chat template (a base model): it is prompted as plain text.
    assert backend.completion
    gen = desk.generator().answer(SAMPLE_QUESTION, desk.retrieve(SAMPLE_QUESTION))
    assert gen.raw.strip() and "\n" not in gen.raw.strip(), "one line, stopped at its end"
    # The hallucination: whatever the model makes up, no number reaches the user.
    _, soldiers = _stream(desk, SOLDIERS)
    assert soldiers.refused and soldiers.text == REFUSAL and soldiers.passages
    desk.close()


@pytest.fixture(scope="module")
def llama_server(gguf: Path) -> Iterator[str]:
    """``python -m llama_cpp.server`` serving the embedded GGUF on 127.0.0.1."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias",
         "gemma3-270m", "--chat_format", "gemma", "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "4096", "--seed", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(f"{url}/models", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("llama_cpp.server did not come up within 60 s") from None
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_openai_backend_against_a_real_llama_cpp_server(
    settings: Settings, embedder: Embedder, llama_server: str
) -> None:
    desk = Newsdesk(
        settings.model_copy(update=SMALL | {
            "llm": "openai", "llm_base_url": llama_server, "llm_model": "gemma3-270m"
        }),
        embedder=embedder,
    )
    ingest(desk)
    streamed, answer = _stream(desk, SAMPLE_QUESTION)
    assert streamed == answer.text
    _assert_grounded_or_refused(answer, embedder)
    gen = desk.generator().answer(SAMPLE_QUESTION, desk.retrieve(SAMPLE_QUESTION))
    assert gen.tokens > 1 and gen.raw.strip(), "the server streamed a real reply"
    desk.close()


OPENAI_URL = "http://127.0.0.1:{port}/v1"
OLLAMA_URL = "http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    ("update", "where", "model"),
    [
        ({"llm": "openai", "llm_base_url": OPENAI_URL, "llm_model": "gpt-x"}, OPENAI_URL, "gpt-x"),
        ({"llm": "ollama", "llm_base_url": OLLAMA_URL, "llm_model": "gemma3:270m"}, OLLAMA_URL,
         "gemma3:270m"),
        ({"llm": "llamacpp", "llm_model_path": "{tmp}/nope.gguf"}, "{tmp}/nope.gguf",
         "nope.gguf"),
        ({"llm": "openai", "llm_base_url": OPENAI_URL, "llm_model": ""}, OPENAI_URL, "''"),
    ],
    ids=["openai-closed-port", "ollama-closed-port", "llamacpp-missing-file", "openai-no-model"],
)
def test_unreachable_backend_falls_back_with_a_note(
    settings: Settings, embedder: Embedder, tmp_path: Path,
    update: dict[str, str], where: str, model: str,
) -> None:
    fill = {"port": free_port(), "tmp": tmp_path}  # nothing listens on that port
    desk = Newsdesk(
        settings.model_copy(update={k: v.format(**fill) for k, v in update.items()}),
        embedder=embedder,
    )
    ingest(desk)
    extractive = Newsdesk(settings, embedder=embedder).query(SAMPLE_QUESTION)
    answer = desk.query(SAMPLE_QUESTION)
    if update["llm"] == "openai" and update["llm_model"]:
        assert desk.generator().backend.llm.max_retries == 0, "no retries against a dead server"
    started = time.perf_counter()  # the first call also pays for imports; time the second
    assert desk.query(SAMPLE_QUESTION) == answer
    # A whole extractive query takes seconds on a busy 2-core box; a hang would take minutes.
    assert time.perf_counter() - started < 30, "a dead backend fails fast, it does not hang"
    assert answer.text == extractive.text and not answer.refused
    assert where.format(**fill) in answer.note and model in answer.note
    assert "extractive answer instead" in answer.note
    desk.close()


def test_cli_falls_back_with_a_note_and_no_traceback(settings: Settings, desk: Newsdesk) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NEWSDESK_DATA_DIR": str(settings.data_dir),
           "NEWSDESK_CORPUS_DIR": str(settings.corpus_dir)}
    exe = Path(sys.executable).parent / "newsdesk"
    ingest(desk)  # in process: the command under test is `ask`
    desk.close()  # the store's writer lock goes with it
    args = [exe, "--llm", "openai", "--llm-base-url", url, "--llm-model", "gemma3-270m", "ask"]
    plain = subprocess.run([*args, SAMPLE_QUESTION], env=env, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr
    assert "Traceback" not in plain.stderr
    notes = [line for line in plain.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and url in notes[0] and "gemma3-270m" in notes[0]
    assert "illegitimate desire" in plain.stdout and "[1]" in plain.stdout
    as_json = subprocess.run([*args, "--json", SAMPLE_QUESTION], env=env, capture_output=True,
                             text=True)
    assert as_json.returncode == 0 and "Traceback" not in as_json.stderr
    assert url in as_json.stderr
    data = json.loads(as_json.stdout)
    assert not data["refused"] and data["citations"]
