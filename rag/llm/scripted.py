"""A backend that replays written answers, streamed in token-sized pieces like a real server.

It goes through the same ``Backend`` interface as the real ones (``Backend.stream`` ->
llama-index ``stream_chat``), so the streaming answerer and the grounding check run exactly as
they do for a model server. Used to measure the check on answers a capable model would write
(``bench/grounding_eval.py`` replays ``data/eval/news-dev/grounding.json``) and to test the
pipeline without a model.

A ``Script`` names the question it answers and, optionally, the passages its ``[n]`` markers
refer to; when the prompt numbers those passages differently (retrieval ranked them in another
order), the markers are renumbered to the prompt's numbers, found by passage text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from llama_index.core.base.llms.types import (
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms import CustomLLM

from rag.citations import MARKER
from rag.llm.backends import Backend
from rag.text import match_form

# Characters per streamed piece: about one token of English text, as servers stream them.
PIECE_CHARS = 4
_BLOCK = re.compile(r"^\[(\d{1,3})\] [^\n]*\n([^\n]*)", re.MULTILINE)
_QUESTION = re.compile(r"^Question: (.*)\nAnswer with citations:", re.MULTILINE)


@dataclass(frozen=True)
class Script:
    """One recorded answer: for ``question``, reply ``answer``; ``passages[i]`` is ``[i+1]``."""

    question: str
    answer: str
    passages: tuple[str, ...] = ()


class ScriptedLLM(CustomLLM):
    """Replays the script whose question the prompt asks (the last one if none matches)."""

    scripts: list[Script] = []
    piece_chars: int = PIECE_CHARS

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=8192, num_output=512, model_name="scripted")

    def complete(self, prompt: str, formatted: bool = False, **kw: Any) -> CompletionResponse:
        return CompletionResponse(text=self.reply_for(prompt))

    def stream_complete(
        self, prompt: str, formatted: bool = False, **kw: Any
    ) -> CompletionResponseGen:
        reply = self.reply_for(prompt)
        size = self.piece_chars

        def gen() -> CompletionResponseGen:
            text = ""
            for i in range(0, len(reply), size):
                text += reply[i : i + size]
                yield CompletionResponse(text=text, delta=reply[i : i + size])

        return gen()

    def reply_for(self, prompt: str) -> str:
        if not self.scripts:
            return ""
        asked = _QUESTION.findall(prompt)  # the last one; the prompt's example asks others first
        script = self.scripts[-1]
        if asked:
            for s in self.scripts:
                if s.question.strip() == asked[-1].strip():
                    script = s
                    break
        return renumber(script, prompt)


def renumber(script: Script, prompt: str) -> str:
    """``script.answer`` with each ``[n]`` changed to the prompt's number for that passage."""
    if not script.passages:
        return script.answer
    shown = {int(m.group(1)): _norm(m.group(2)) for m in _BLOCK.finditer(prompt)}
    mapping: dict[int, int] = {}
    for i, text in enumerate(script.passages, start=1):
        want = _norm(text)
        for n, body in shown.items():
            if want in body or (len(body) > 40 and body in want):
                mapping[i] = n
                break

    def fix(match: re.Match[str]) -> str:
        nums = [int(x) for x in match.group(1).split(",")]
        # A passage the prompt does not show keeps a number no passage has: it stays invalid.
        return "".join(f"[{mapping.get(n, 900 + n)}]" for n in nums)

    return MARKER.sub(fix, script.answer)


def _norm(text: str) -> str:
    return " ".join(match_form(text).split())


def scripted_backend(scripts: Sequence[Script], piece_chars: int = PIECE_CHARS) -> Backend:
    """A ``Backend`` replaying ``scripts``; chat-style, like an OpenAI-compatible server."""
    llm = ScriptedLLM(scripts=list(scripts), piece_chars=piece_chars)
    return Backend(llm, "scripted://", "scripted")
