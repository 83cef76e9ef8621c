"""How answer text reaches the chat while it is produced.

``Newsdesk.query_stream`` gives text deltas and then the final ``Answer`` (``rag.stream``). The
offline answerer produces its whole text in one delta (it quotes sentences, it does not generate
tokens) and an LLM backend yields a sentence at a time, so every delta is replayed in small word
groups with a short pause: the reader sees the answer arrive steadily whichever backend runs. A
``Newsdesk`` without ``query_stream`` falls back to ``query`` and the same replay.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Iterator
from typing import Any

from rag.stream import Stream
from rag.types import Answer

WORDS_PER_CHUNK = 3
PAUSE_S = 0.03
_WORD_START = re.compile(r"(?<=\s)(?=\S)")


def word_pieces(text: str, words: int = WORDS_PER_CHUNK) -> list[str]:
    """``text`` cut into runs of ``words`` words; the pieces join back to exactly ``text``.

    Cuts fall only where whitespace meets a word, so a citation marker like ``[1]`` (always
    attached to its sentence) is never shown half-written.
    """
    parts = [p for p in _WORD_START.split(text) if p]
    return ["".join(parts[i : i + words]) for i in range(0, len(parts), words)]


def stream_answer(
    desk: Any,
    question: str,
    *,
    filters: dict[str, Any] | None,
    history: list[tuple[str, str]],
    pause_s: float = PAUSE_S,
) -> Iterator[tuple[str, Answer | None]]:
    """Yield ``(text so far, None)`` while answering, then ``(answer text, answer)`` once.

    The ``Answer`` (citations, passages, rewritten question) always comes with the last item,
    and its text is the one shown in the end, whatever the deltas added up to.
    """
    live = getattr(desk, "query_stream", None)
    if callable(live):
        stream = live(question, filters=filters, history=history)
    else:
        answer = desk.query(question, filters=filters, history=history)
        stream = Stream(_replay(answer))
    text = ""
    for delta in stream:
        for piece in word_pieces(delta):
            text += piece
            yield text, None
            time.sleep(pause_s)
    answer = stream.result()
    yield answer.text, answer


def _replay(answer: Answer) -> Generator[str, None, Answer]:
    yield answer.text
    return answer
