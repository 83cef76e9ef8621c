"""Checking a plug-in against the Protocol it is registered under, when it is registered.

A Protocol states what a reader module, an LLM backend module or an answerer must provide;
mypy checks the code it sees, and ``conform`` checks what a registry loads at run time (a
module imported by name, a class from elsewhere), so a missing or misspelt member fails at
import with the entry's name instead of deep inside the first request that uses it.
"""

from __future__ import annotations

import inspect
from typing import Any


class ContractError(TypeError):
    """A registered entry does not provide what its Protocol states."""


def members(protocol: type) -> dict[str, Any]:
    """The members a Protocol states: name -> its declared function, or None for a data member."""
    stated: dict[str, Any] = {}
    for klass in reversed(protocol.__mro__):
        if klass is object or klass.__name__ in ("Protocol", "Generic"):
            continue
        for name in getattr(klass, "__annotations__", {}):
            stated.setdefault(name, None)
        for name, value in vars(klass).items():
            if name.startswith("_"):
                continue
            if isinstance(value, property):
                stated[name] = None
            elif callable(value):
                stated[name] = value
    return stated


def conform(entry: Any, protocol: type, name: str) -> None:
    """Raise ``ContractError`` naming ``name`` when ``entry`` (a module, an object, or a class
    whose instances are meant) lacks a member of ``protocol``, or a method of it cannot be
    called with the parameters the Protocol declares."""
    problems: list[str] = []
    for member, declared in members(protocol).items():
        if not hasattr(entry, member):
            problems.append(f"no {member!r}")
            continue
        if declared is None:
            continue
        found = getattr(entry, member)
        if not callable(found):
            problems.append(f"{member!r} is not callable")
            continue
        mismatch = _mismatch(declared, found, unbound=inspect.isclass(entry))
        if mismatch:
            problems.append(f"{member}() {mismatch}")
    if problems:
        raise ContractError(f"{name} is not a {protocol.__name__}: {'; '.join(problems)}")


def _mismatch(declared: Any, found: Any, unbound: bool = False) -> str:
    """Why ``found`` cannot be called the way the Protocol declares (its positional parameters
    by position, keyword-only ones by name), or "" when it can."""
    want = [p for p in inspect.signature(declared).parameters.values() if p.name != "self"]
    try:
        have = inspect.signature(found)
    except (TypeError, ValueError):  # a builtin without a signature: trust it
        return ""
    positional = [p.name for p in want if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    keywords = {p.name: None for p in want if p.kind is p.KEYWORD_ONLY}
    try:
        have.bind(*([None] * (len(positional) + unbound)), **keywords)
    except TypeError as exc:
        called = ", ".join([*positional, *(f"{k}=" for k in keywords)])
        return f"cannot be called with ({called}): {exc}"
    return ""
