"""The writer lock: Chroma tolerates one writer process, so ingests take turns."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from rag.errors import StoreLockedError
from rag.store.flock import lock_within, read_pid
from rag.store.owner import INGEST_LOCK


class WriterLock:
    """An ``flock`` on ``data_dir/ingest.lock``; released by the kernel if the holder dies."""

    def __init__(self, data_dir: Path, wait_s: float = 5.0) -> None:
        self.path = data_dir / INGEST_LOCK
        self.wait_s = wait_s
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not lock_within(fd, self.wait_s):
            pid = read_pid(fd)
            os.close(fd)
            raise StoreLockedError(
                f"another ingest is running on {self.path.parent} (pid "
                f"{pid if pid > 0 else '?'}); wait for it to finish and run this ingest again"
            )
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
