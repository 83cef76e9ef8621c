"""Saving uploaded articles into the corpus directory, and nowhere else.

Browsers send whatever file name the user's disk had ("../../etc/x.txt", "C:\\a\\b.md", names
with control characters); only a cleaned basename is used, and the resolved target is checked
to sit directly inside the corpus directory before anything is written.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# What the upload widget offers; ingest.loaders reads a few more aliases from disk.
UPLOAD_TYPES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".xml")
_UNSAFE = re.compile(r"[^\w.\- ]+")
MAX_NAME = 120


@dataclass
class Saved:
    """Files written into the corpus, and the uploads refused with the reason why."""

    paths: list[Path] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def safe_name(name: str) -> str:
    """A basename that cannot leave a directory: no separators, no leading dots, no controls."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip(" ._") or "upload"
    suffix = f".{suffix.lower()}" if suffix else ""
    return stem[: MAX_NAME - len(suffix)] + suffix


def save_uploads(
    uploads: list[tuple[str, Path]], corpus_dir: Path, max_bytes: int
) -> Saved:
    """Copy each ``(original name, temp path)`` into ``corpus_dir`` under a safe name.

    A same-named file is replaced (a new version of that article, which ingest then counts as
    updated). Each copy is written to a hidden temp file first and renamed into place, so an
    ingest running meanwhile never reads half a file (it skips dot-files).
    """
    saved = Saved()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    root = corpus_dir.resolve()
    for original, temp in uploads:
        shown = Path(original.replace("\\", "/")).name or "upload"
        name = safe_name(original)
        suffix = Path(name).suffix
        if suffix not in UPLOAD_TYPES:
            saved.rejected.append(
                (shown, f"unsupported file type {suffix or '(none)'!r}; "
                        f"upload one of {', '.join(UPLOAD_TYPES)}")
            )
            continue
        try:
            size = temp.stat().st_size
        except OSError as exc:
            saved.rejected.append((shown, f"upload not readable: {exc.strerror or exc}"))
            continue
        if size > max_bytes:
            saved.rejected.append(
                (shown, f"file is {size / 1048576:.1f} MB, over the "
                        f"{max_bytes / 1048576:g} MB limit (NEWSDESK_MAX_FILE_MB)")
            )
            continue
        target = (root / name).resolve()
        if target.parent != root:
            saved.rejected.append((shown, "file name resolves outside the corpus directory"))
            continue
        fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=root)
        try:
            with os.fdopen(fd, "wb") as out, temp.open("rb") as src:
                while block := src.read(1 << 20):
                    out.write(block)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            saved.rejected.append((shown, f"could not save: {exc.strerror or exc}"))
            continue
        saved.paths.append(target)
    return saved
