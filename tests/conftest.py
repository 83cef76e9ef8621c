"""Shared fixtures: the real embedding model (loaded once), temp stores, a real Chroma server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rag.newsdesk import Newsdesk  # noqa: E402
from rag.retrieval.embedder import Embedder  # noqa: E402
from rag.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "us-peace-deal-proposal.txt"
SAMPLE_QUESTION = "What did Rubio say about guarantees?"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings().model_path())


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(SAMPLE, root / SAMPLE.name)
    return root


@pytest.fixture()
def settings(tmp_path: Path, corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus)


@pytest.fixture()
def desk(settings: Settings, embedder: Embedder) -> Iterator[Newsdesk]:
    nd = Newsdesk(settings, embedder=embedder)
    yield nd
    nd.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """``chroma run`` as users run it; waits until its heartbeat answers."""
    exe = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chroma run did not come up within 60 s")


@pytest.fixture()
def chroma_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    proc = start_chroma(tmp_path / "chroma-server", port)
    yield f"127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
