"""rag.store.flock: a bounded wait for a lock another holder keeps, and probes that take nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from rag.store.flock import lock_within, probe, read_pid


def test_a_held_lock_is_waited_for_then_refused_and_probed(tmp_path: Path) -> None:
    path = tmp_path / "ingest.lock"
    holder = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    other = os.open(path, os.O_RDWR)
    try:
        assert probe(path, read_pid) is None  # exists, nobody holds it
        assert lock_within(holder, 0.0)
        os.pwrite(holder, b"4242", 0)
        started = time.monotonic()
        assert not lock_within(other, 0.2, poll_s=0.05)
        assert time.monotonic() - started >= 0.2
        assert probe(path, read_pid) == 4242
        assert probe(path, read_pid) == 4242  # the probe took nothing
        os.close(holder)  # the kernel lets go with the descriptor
        holder = -1
        assert probe(path, read_pid) is None
        assert lock_within(other, 0.0)
    finally:
        for fd in (holder, other):
            if fd >= 0:
                os.close(fd)


def test_no_file_means_nobody_holds_it(tmp_path: Path) -> None:
    assert probe(tmp_path / "absent.lock", read_pid) is None
