"""Who may write an embedded store: one process at a time, for as long as it may write.

Embedded Chroma keeps the vector index of a store in the memory of every process that opens it,
and a process that writes saves its copy back to disk. Two processes writing one store (a
``newsdesk serve`` and a CLI ingest) each save an index that lacks the other's changes: the
vectors end up pointing at deleted chunks while every count still agrees (issue 12). So a
process that writes an embedded store first takes ``data_dir/owner.lock`` and keeps it for as
long as it may write: ``newsdesk serve`` for its lifetime, an ingest for its run. The lock is an
``flock``, released by the kernel when the holder exits or is killed, so a crashed owner never
blocks the next one; the file names the holder (pid, role, URL) for the refusal message.

Within one process every ingest shares chromadb's one cached index per path, so ownership is
counted per process: the server's own uploads take it again without waiting. A Chroma server
(``NEWSDESK_CHROMA``) keeps one index for all its clients and needs no owner.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from rag.errors import StoreLockedError, StoreOwnedError
from rag.store.flock import probe, read_pid

OWNER_LOCK = "owner.lock"
INGEST_LOCK = "ingest.lock"  # ingest.lock.WriterLock: one ingest at a time, threads included
SERVE = "serve"
INGEST = "ingest"


@dataclass(frozen=True)
class Holder:
    """The process that holds a store, as its lock file describes it."""

    pid: int
    role: str
    url: str = ""

    def describe(self) -> str:
        if self.role == SERVE:
            where = f", {self.url}" if self.url else ""
            return f"`newsdesk serve` (pid {self.pid}{where})"
        return f"an ingest (pid {self.pid})"


@dataclass
class _Held:
    fd: int
    count: int
    holder: Holder


_registry_lock = threading.Lock()
_held: dict[str, _Held] = {}  # abspath(data_dir) -> this process's hold on it


def owned_here(data_dir: Path) -> bool:
    """True while this process owns the store (so every change to it is its own)."""
    with _registry_lock:
        return os.path.abspath(data_dir) in _held


def holder(data_dir: Path) -> Holder | None:
    """Who owns the store right now (this process included); None when nobody does."""
    key = os.path.abspath(data_dir)
    with _registry_lock:
        if key in _held:
            return _held[key].holder
    return probe(Path(key) / OWNER_LOCK, _read)

def ingest_running(data_dir: Path) -> int | None:
    """The pid of an ingest in progress on this store (in any process), else None."""
    return probe(Path(data_dir) / INGEST_LOCK, read_pid)

class StoreOwner:
    """Hold the store for writing: ``with StoreOwner(data_dir, INGEST, wait_s=5): ...``.

    A store served by another process is refused at once (``StoreOwnedError``: it will not end
    by itself); one held by another ingest is waited for up to ``wait_s`` seconds
    (``StoreLockedError`` after that). ``on_acquire`` runs when this process takes the lock,
    before it counts as the owner; ``on_release`` runs when it lets go, while still holding it.
    """

    def __init__(
        self,
        data_dir: Path,
        role: str,
        url: str = "",
        *,
        wait_s: float = 0.0,
        on_acquire: Callable[[], None] | None = None,
        on_release: Callable[[], None] | None = None,
        on_wait: Callable[[Holder], None] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.key = os.path.abspath(data_dir)
        self.holder = Holder(os.getpid(), role, url)
        self.wait_s = wait_s
        self.on_acquire = on_acquire
        self.on_release = on_release
        self.on_wait = on_wait
        self._taken = False

    def acquire(self) -> StoreOwner:
        if self._share():
            return self
        fd = self._lock()
        if fd is None:  # another thread of this process took it meanwhile: shared
            return self
        try:
            if self.on_acquire is not None:
                self.on_acquire()
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(self._record()).encode(), 0)
        except BaseException:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            raise
        with _registry_lock:
            _held[self.key] = _Held(fd, 1, self.holder)
        self._taken = True
        return self

    def release(self) -> None:
        if not self._taken:
            return
        self._taken = False
        with _registry_lock:
            held = _held[self.key]
            if held.count > 1:
                held.count -= 1
                return
        try:
            if self.on_release is not None:
                self.on_release()  # still the owner while it runs
        finally:
            self._let_go(held)

    def _let_go(self, held: _Held) -> None:
        with _registry_lock:
            held.count -= 1
            if held.count > 0:  # re-taken by another thread meanwhile
                return
            del _held[self.key]
        os.ftruncate(held.fd, 0)
        fcntl.flock(held.fd, fcntl.LOCK_UN)
        os.close(held.fd)

    def _share(self) -> bool:
        """Count one more hold if this process already owns the store."""
        with _registry_lock:
            held = _held.get(self.key)
            if held is None:
                return False
            held.count += 1
        self._taken = True
        return True

    def __enter__(self) -> StoreOwner:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def _lock(self) -> int | None:
        """The locked file descriptor; None if this process became the owner while waiting."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.data_dir / OWNER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait_s if math.isfinite(self.wait_s) else math.inf
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if self._share():
                    os.close(fd)
                    return None
                other = _read(fd)
                if other is not None and other.pid == os.getpid():
                    other = Holder(other.pid, INGEST)  # this process, about to share: wait
                if other is not None and other.role == SERVE:
                    os.close(fd)
                    raise StoreOwnedError(
                        f"the store in {self.data_dir} is in use by {other.describe()}, and an "
                        "embedded store takes one writing process; add articles through it "
                        "(Library tab or its /ingest API) or stop it first (several writers "
                        "need a Chroma server: NEWSDESK_CHROMA)"
                    ) from None
                if time.monotonic() >= deadline:
                    os.close(fd)
                    pid = other.pid if other is not None else "?"
                    raise StoreLockedError(
                        f"another ingest is running on {self.data_dir} (pid {pid}); wait for "
                        "it to finish and run this ingest again"
                    ) from None
                if not told and other is not None and self.on_wait is not None:
                    told = True
                    self.on_wait(other)
                time.sleep(0.1)

    def _record(self) -> dict[str, object]:
        return {
            "pid": self.holder.pid,
            "role": self.holder.role,
            "url": self.holder.url,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }


def _read(fd: int) -> Holder | None:
    """The holder named in the lock file; None while it is being (re)written."""
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "null")
        return Holder(int(data["pid"]), str(data["role"]), str(data.get("url", "")))
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
