"""Front matter: the ``---`` block of ``key: value`` lines at the top of a .txt/.md article.

Read without surprises. YAML anchors and aliases let 419 bytes expand into a 312 MB title (a
"billion laughs"), so the block is first scanned as YAML *events*, which never expand anything,
and any anchor or alias is refused; only then is the block loaded (``safe_load``, as before).
Hand-written and scraped front matter rarely quotes headlines, and ``title: Louvre heist: Two
men arrested`` is not valid YAML: a block strict YAML cannot read is read as plain ``key:
value`` lines instead, and only a block that neither reads is refused.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from rag.errors import IngestError

# A front matter block is a few metadata lines (the longest in news-dev and corpus/ is 286 bytes);
# a larger one is refused before YAML sees it, so no block can cost more than this to parse.
MAX_BYTES = 64 * 1024

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_QUOTES = ("\"", "'")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_front_matter(head: str, display: str) -> dict[str, Any]:
    """The metadata of one front matter block (text between the ``---`` lines).

    Raises ``IngestError`` naming ``display`` for anchors/aliases, an oversized block, or a block
    that is neither YAML nor ``key: value`` lines.
    """
    size = len(head.encode("utf-8"))
    if size > MAX_BYTES:
        raise IngestError(
            display,
            f"front matter is {size // 1024} KB, over the {MAX_BYTES // 1024} KB limit; keep it "
            "to a few key: value lines",
        )
    try:
        aliased = _has_anchor_or_alias(head)
    except yaml.YAMLError as exc:
        plain = _plain_lines(head)
        if plain is None:
            raise IngestError(display, f"malformed front matter ({_first_line(exc)}); "
                                       "write one key: value per line") from exc
        return plain
    if aliased:
        raise IngestError(
            display,
            "front matter uses YAML anchors or aliases (&name, *name), which are not expanded; "
            "write plain key: value lines (quote a value that starts with & or *)",
        )
    parsed = yaml.load(head, Loader=_LOADER)  # a safe loader, and no aliases left
    if parsed is None:
        return {}
    if isinstance(parsed, dict):
        return parsed
    plain = _plain_lines(head)
    if plain is None:
        raise IngestError(display, "front matter must be key: value lines")
    return plain


def _has_anchor_or_alias(head: str) -> bool:
    """Scan the block's events (a stream: nothing is built, nothing expands)."""
    for event in yaml.parse(head, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return True
    return False


def _plain_lines(head: str) -> dict[str, Any] | None:
    """``key: value`` per line, the value taken literally; None if any line is something else."""
    out: dict[str, Any] = {}
    for line in head.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PLAIN_LINE.match(line)
        if m is None:
            return None
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in _QUOTES:
            value = value[1:-1]
        elif _DATE_ONLY.match(value):
            try:  # as YAML reads it, so both paths give one article the same date
                out.setdefault(m.group(1), date.fromisoformat(value))
                continue
            except ValueError:
                pass
        out.setdefault(m.group(1), value)
    return out


def _first_line(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem and mark is not None:
        return f"{problem} at line {mark.line + 1}"
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
