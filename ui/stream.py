"""How answer text reaches the chat while it is produced.

``Newsdesk.query_stream`` gives text deltas and then the final ``Answer`` (``rag.stream``). The
offline answerer produces its whole text in one delta (it quotes sentences, it does not generate
tokens) and an LLM backend yields a sentence at a time, so every delta is replayed in small word
groups with a short pause: the reader sees the answer arrive steadily whichever backend runs.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rag.types import Answer

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk

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
    desk: Newsdesk,
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
    stream = desk.query_stream(question, filters=filters, history=history)
    text = ""
    for delta in stream:
        for piece in word_pieces(delta):
            text += piece
            yield text, None
            time.sleep(pause_s)
    answer = stream.result()
    yield answer.text, answer
