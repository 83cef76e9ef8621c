"""Optional login for the UI: ``NEWSDESK_UI_AUTH`` is ``user:password`` or a file of such lines."""

from __future__ import annotations

from pathlib import Path


def parse_auth(value: str) -> list[tuple[str, str]] | None:
    """Turn the ``ui_auth`` setting into Gradio's ``auth`` list; empty means no login.

    A value naming an existing file is read as one ``user:password`` per line (blank lines and
    ``#`` comments skipped), so passwords need not sit in the environment. Anything malformed is
    a ``ValueError`` that says what is expected, never a silently open UI.
    """
    value = value.strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if path.is_file():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the UI auth file {path}: {exc}") from exc
        where = str(path)
    else:
        lines = [value]
        where = "NEWSDESK_UI_AUTH"
    pairs: list[tuple[str, str]] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError(
                f"{where} line {lineno}: expected 'user:password' (or a path to a file of such "
                "lines), got a value without a user name or password"
            )
        pairs.append((user.strip(), password))
    if not pairs:
        raise ValueError(f"{where} holds no 'user:password' line; add one or unset it")
    return pairs
