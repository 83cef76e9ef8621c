"""Cleaning: tidy whitespace and drop boilerplate while keeping the article's own characters.

The cleaned text is what chunks and citations point into, so it keeps curly quotes and dashes for
display; matching uses ``rag.text.match_form``, which has the same offsets.
"""

from __future__ import annotations

import re
import unicodedata

_INLINE_WS = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Trailing lines that belong to the page, not the story ("- News", "Advertisement", ...).
_BOILERPLATE = re.compile(
    r"^(?:[-\u2013\u2014\u2022*|]\s*\w+(?:\s+\w+)?"
    r"|advertisement|related articles?|read more|share this( article)?|subscribe.*"
    r"|all rights reserved.*|\(c\) .*|\u00a9.*)$",
    re.IGNORECASE,
)


def clean_text(raw: str) -> str:
    """One paragraph per line, single spaces, no leading/trailing blanks or page boilerplate."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = [_INLINE_WS.sub(" ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    while lines and _BOILERPLATE.match(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def first_line(text: str) -> str:
    """Title fallback: the first non-empty line, shortened to something a heading can hold."""
    for line in text.split("\n"):
        if line.strip():
            line = line.strip()
            return line if len(line) <= 200 else line[:197].rstrip() + "..."
    return ""
