"""Text that arrives while it is produced, and the value it ends with.

An answer is shown as it is made (an LLM backend yields a checked sentence at a time), but the
caller also needs what comes last: the ``Answer`` with its citations. ``Stream`` wraps a
generator that yields the text deltas and *returns* that value, so a consumer iterates text and
then reads ``result()``, and a producer built on another stream gets its value with
``yield from`` — no one unpacks a mixed ``str | Answer`` sequence.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Generic, TypeVar

T = TypeVar("T")


class Stream(Generic[T]):
    """Iterate for the text deltas; ``result()`` for the final value."""

    def __init__(self, produce: Generator[str, None, T]) -> None:
        self._produce = produce
        self._done = False
        self._value: T | None = None

    def __iter__(self) -> Generator[str, None, T]:
        """The deltas not yet taken; ``yield from stream`` evaluates to ``result()``."""
        if not self._done:
            self._value = yield from self._produce
            self._done = True
        return self.result()

    def result(self) -> T:
        """The final value, after taking (and dropping) any deltas not yet read."""
        if not self._done:
            for _ in self:
                pass
        return self._value  # type: ignore[return-value]  # set once the producer returned
