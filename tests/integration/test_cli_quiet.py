"""`newsdesk` prints its own output only (issue 24, Low): transformers' "Loading weights" bar
and its config warnings used to come with every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SAMPLE_QUESTION

from rag.settings import Settings

NOISE = ("Loading weights", "loss_type", "it/s]")


def _run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEWSDESK_", "TRANSFORMERS_", "HF_HUB_DISABLE"))}
    env.update(HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(settings.data_dir),
         "--corpus-dir", str(settings.corpus_dir), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )


def test_ingest_and_ask_print_no_third_party_noise(settings: Settings, corpus: Path) -> None:
    ingested = _run(settings, "ingest", str(corpus))
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    assert ingested.stdout.startswith("added 1, updated 0, unchanged 0, removed 0, failed 0")
    asked = _run(settings, "ask", SAMPLE_QUESTION)
    assert asked.returncode == 0, asked.stderr[-2000:]
    assert asked.stdout.startswith("On Friday, Rubio said that security guarantees")
    for out in (ingested.stderr, asked.stderr, asked.stdout):
        assert not any(n in out for n in NOISE), out[-2000:]
