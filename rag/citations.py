"""Citation markers: every ``[n]`` that reaches a user points at a passage that was given."""

from __future__ import annotations

import re

from rag.types import Citation, Passage

MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
REFUSAL = "The articles don't say; nothing in them answers this question."
_HOLD = "\ue000"  # stands in around a quote's number: no brackets, so MARKER never matches it
_HELD = re.compile(f"{_HOLD}(\\d+){_HOLD}")
_SOURCE_MARKER = re.compile(r"[ \t]*" + MARKER.pattern)


def validate(
    text: str,
    passages: list[Passage],
    quotes: dict[int, list[tuple[int, int]]] | None = None,
    marks: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[str, list[Citation]]:
    """Drop markers that name no given passage and renumber the rest 1..m by first use.

    ``passages`` are what the answerer was shown, numbered from 1. ``quotes`` maps a given
    passage number to the article spans it was cited for (the UI highlights them); ``marks``
    to the spans inside those that fill what the question asks (a figure, a date, a name).
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
        Citation.from_passage(new, passages[old - 1], tuple((quotes or {}).get(old, ())),
                              tuple((marks or {}).get(old, ())))
        for old, new in sorted(renumber.items(), key=lambda kv: kv[1])
    ]
    return cleaned, citations


def cite(
    quoted: list[tuple[str, int | None]],
    passages: list[Passage],
    quotes: dict[int, list[tuple[int, int]]] | None = None,
    marks: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[str, list[Citation]]:
    """An answer made of verbatim quotes, each followed by the ``[n]`` of its passage (a part
    whose number is None is a label of ours, such as "Reuters (24 Nov 2025):", and gets none).

    The quotes are article text, and articles carry markers of their own (Wikipedia-style
    "[3]"): those are not citations. Each quote is held out of ``validate`` (a placeholder with
    no brackets stands in for it) and put back unchanged, so only the markers added here are
    checked and renumbered.
    """
    held = " ".join(
        f"{_HOLD}{i}{_HOLD}" + ("" if n is None else f" [{n}]") for i, (_, n) in enumerate(quoted)
    )
    text, citations = validate(held, passages, quotes, marks)
    return _HELD.sub(lambda m: quoted[int(m.group(1))][0], text), citations


def without_markers(text: str) -> str:
    """Article text with its own ``[n]`` markers removed, for a prompt whose answer uses ``[n]``
    for citations (a model shown "[3]" inside passage 1 could copy it as a citation)."""
    return _SOURCE_MARKER.sub("", text)


def markers(text: str) -> list[int]:
    return [int(n) for m in MARKER.finditer(text) for n in m.group(1).split(",")]
