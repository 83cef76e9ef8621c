"""The browser side of the UI: CSS and small scripts, kept as files so they read as CSS/JS."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def asset(name: str) -> str:
    """The text of ``ui/assets/<name>`` (read once)."""
    return (_HERE / name).read_text(encoding="utf-8")
