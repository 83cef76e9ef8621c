"""Lock files shared by processes: ``flock`` with a bounded wait, and "who holds it?" probes.

The kernel releases an ``flock`` when its holder exits, however it exits, so a killed writer
never leaves a stale lock. The store's owner lock (``rag.store.owner``), the ingest lock
(``ingest.lock``) and the feed files' locks (``ingest.feeds``) are all built on these two.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def lock_within(fd: int, wait_s: float, poll_s: float = 0.1) -> bool:
    """Take an exclusive lock on ``fd``, retrying for ``wait_s`` seconds; False if another
    process still holds it then."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll_s)


def probe(path: Path, read: Callable[[int], T]) -> T | None:
    """``read(fd)`` of the lock file at ``path`` while some process holds it; None when none
    does (or there is no such file). Takes nothing: a shared lock is tried and let go."""
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return read(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def read_pid(fd: int) -> int:
    """The pid a lock file holds as text; -1 while it is being written."""
    text = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return int(text) if text.isdigit() else -1
