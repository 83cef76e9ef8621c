"""The feed poller thread that ``newsdesk serve`` runs: polls due feeds every few minutes.

Each pass calls ``ingest.feeds.poll`` (fetch outside the writer lock, then one incremental
ingest), so the chat keeps answering from the committed store while articles come in. Stopped
by ``stop()`` (or leaving the ``running`` block): an in-flight poll finishes the fetch it is in
and skips the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ingest.feeds import PollReport, next_due_in, poll
from rag.errors import NewsdeskError
from rag.newsdesk import Newsdesk

log = logging.getLogger(__name__)

# Longest sleep between looks at the feed list, so a feed added by `newsdesk feeds add` (another
# process) is polled within this many seconds.
RECHECK_S = 30.0


class FeedScheduler:
    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk
        self.last: PollReport | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsdesk-feeds", daemon=True)

    def start(self) -> FeedScheduler:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            wait: float | None = None
            try:
                wait = next_due_in(self.desk.settings)
                if wait is not None and wait <= 0:
                    self.last = poll(self.desk, stop=self._stop)
                    log.info("feed poll: %s", self.last.line())
                    continue
            except NewsdeskError as exc:  # a malformed list, a poll already running elsewhere
                log.warning("feed poll skipped: %s", exc)
            except Exception:  # never let the thread die: the next pass tries again
                log.exception("feed poll failed")
            self._stop.wait(RECHECK_S if wait is None else min(max(wait, 1.0), RECHECK_S))


@contextmanager
def running(desk: Newsdesk) -> Iterator[FeedScheduler | None]:
    """A started scheduler for the block (none when NEWSDESK_FEED_INTERVAL_MIN is 0)."""
    if desk.settings.feed_interval_min <= 0:
        yield None
        return
    scheduler = FeedScheduler(desk).start()
    try:
        yield scheduler
    finally:
        scheduler.stop()
