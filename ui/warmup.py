"""Start-up warm-up: load the model, open the store and check the example questions on a
background thread, so the first user does not wait seconds for what every answer needs.

Until it is done the chat says it is loading (``Warmup.ready``) instead of sitting silent.
"""

from __future__ import annotations

import logging
import threading

from rag.newsdesk import Newsdesk
from ui.examples import ExampleCache

log = logging.getLogger(__name__)


class Warmup:
    def __init__(self, desk: Newsdesk, examples: ExampleCache) -> None:
        self.desk = desk
        self.examples = examples
        self.ready = threading.Event()  # model and store loaded: answers are fast now
        self.examples_ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Warmup:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="newsdesk-ui-warmup", daemon=True
            )
            self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self.desk.warm()
        except Exception:  # the first real question reports the problem with its own message
            log.exception("warm-up failed; the first question will load what it needs")
        finally:
            self.ready.set()
        try:
            self.examples.get()
        except Exception:
            log.exception("example questions could not be checked")
        finally:
            self.examples_ready.set()
