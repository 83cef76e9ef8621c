"""Citation markers: every ``[n]`` that reaches a user points at a passage that was given."""

from __future__ import annotations

import re

from rag.types import Citation, Passage

MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
REFUSAL = "The articles don't say; nothing in them answers this question."


def validate(
    text: str, passages: list[Passage], quotes: dict[int, list[tuple[int, int]]] | None = None
) -> tuple[str, list[Citation]]:
    """Drop markers that name no given passage and renumber the rest 1..m by first use.

    ``passages`` are what the answerer was shown, numbered from 1. ``quotes`` maps a given
    passage number to the article spans it was cited for (the UI highlights them).
    """
    renumber: dict[int, int] = {}

    def fix(match: re.Match[str]) -> str:
        kept = []
        for raw in match.group(1).split(","):
            n = int(raw)
            if 1 <= n <= len(passages):
                renumber.setdefault(n, len(renumber) + 1)
                new = f"[{renumber[n]}]"
                if new not in kept:
                    kept.append(new)
        return "".join(kept)

    cleaned = MARKER.sub(fix, text)
    cleaned = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", cleaned)  # "[1][1]" and "[1] [1]" -> "[1]"
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
    citations = [
        Citation.from_passage(new, passages[old - 1], tuple((quotes or {}).get(old, ())))
        for old, new in sorted(renumber.items(), key=lambda kv: kv[1])
    ]
    return cleaned, citations


def markers(text: str) -> list[int]:
    return [int(n) for m in MARKER.finditer(text) for n in m.group(1).split(",")]
