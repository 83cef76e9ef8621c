"""Loading one file: size, binary and encoding checks, then the reader its suffix names.

Readers live in ``ingest.readers`` (one module per file type, one registry); a reader yields
articles or raises ``IngestError`` per file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ingest.article import Article, Loaded, normalise_date
from ingest.readers import READERS, SUPPORTED
from rag.errors import IngestError

__all__ = ["Article", "Loaded", "load_file", "normalise_date", "read_text", "walk"]

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
}


def load_file(path: Path, display: str, max_bytes: int) -> Loaded:
    """Read one file of any supported type. Raises ``IngestError`` when nothing in it is usable."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise IngestError(
            display,
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"supported: {', '.join(sorted(SUPPORTED))}",
        )
    loaded: Loaded = reader.read(read_text(path, display, max_bytes), display, suffix)
    return loaded


def read_text(path: Path, display: str, max_bytes: int) -> str:
    """Bytes to str with the checks a scraper's output needs: size cap, binary, UTF-8, empty."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(display, f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise IngestError(
            display,
            f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit "
            "(NEWSDESK_MAX_FILE_MB); split it into articles or raise the limit",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(display, f"cannot read file: {exc.strerror or exc}") from exc
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(display, f"binary file ({kind}), not text; save the article as text")
    if b"\x00" in data[:8192]:
        raise IngestError(display, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            display,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8 (it may be Latin-1/Windows-1252)",
        ) from exc
    if not text.strip():
        raise IngestError(display, "empty file (no text); add article text or remove the file")
    return text


def walk(root: Path) -> Iterator[tuple[Path, IngestError | None]]:
    """Files under ``root`` in a stable order; symlink loops and broken links are reported."""
    if root.is_file():
        yield root, None
        return
    if not root.exists():
        yield root, IngestError(root, "no such file or directory")
        return
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> Iterator[tuple[Path, IngestError | None]]:
        st = directory.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield directory, IngestError(
                directory, "symlink loop (directory already visited); skipped"
            )
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield directory, IngestError(directory, f"cannot list directory: {exc.strerror}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    yield from visit(path)
                elif entry.is_file():
                    yield path, None
                elif entry.is_symlink():
                    yield path, IngestError(path, "broken or looping symlink; skipped")
            except OSError as exc:
                yield path, IngestError(path, f"cannot read: {exc.strerror or exc}")

    yield from visit(root)
