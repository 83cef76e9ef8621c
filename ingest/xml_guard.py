"""Refuse XML that declares its own entities before any XML parser expands them.

A feed needs no DOCTYPE internal subset, and one is how an "entity bomb" grows a 2 MB feed into
an 80 MB article (expat's amplification limit is the only brake). The check is expat's own
reading of the prolog, not a pattern over the bytes: a comment or processing instruction inside
the DOCTYPE cannot hide a declaration from it. Parsing stops at the first element, so the cost
is that of the prolog, whatever the document's size.
"""

from __future__ import annotations

import re
import xml.parsers.expat

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


class _Stop(Exception):
    """The prolog is over (the first element), or something in it is refused."""


def entity_problem(data: bytes) -> str:
    """Why ``data`` is refused ("" when it is not): a DOCTYPE with an internal subset, or an
    entity declaration. A prolog expat cannot read is refused when the raw bytes hold an
    entity declaration anywhere (no parser, lenient ones included, should see it)."""
    found: list[str] = []

    def doctype(name: str, system_id: str | None, public_id: str | None, internal: int) -> None:
        if internal:
            found.append("declares XML entities (a DOCTYPE with an internal subset)")
            raise _Stop

    def entity(name: str, *args: object) -> None:
        found.append(f"declares XML entities ({name!r})")
        raise _Stop

    def root(name: str, attrs: object) -> None:
        raise _Stop

    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except xml.parsers.expat.ExpatError:
        if _ENTITY.search(data):
            found.append("declares XML entities (<!ENTITY>)")
    return found[0] if found else ""
