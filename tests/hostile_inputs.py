"""Attack inputs shared by the unit and integration tests."""

from __future__ import annotations


def alias_bomb(levels: int) -> str:
    """The attack file: each level lists the previous one nine times (9**levels "lol"s)."""
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    names = "abcdefghijklmnop"
    for prev, name in zip(names, names[1:levels], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    lines.append(f"title: *{names[levels - 1]}")
    return "---\n" + "\n".join(lines) + "\n---\nThe museum reopened on Monday.\n"
