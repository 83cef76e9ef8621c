"""Uploaded articles: checked, ingested, and only then placed in the corpus directory.

Browsers send whatever file name the user's disk had ("../../etc/x.txt", "C:\\a\\b.md", names
with control characters); only a cleaned basename is used, and the resolved target is checked
to sit directly inside the corpus directory before anything is written.

An upload never overwrites a file of the corpus: one named like a file already there (with
other bytes) is saved beside it under a free name ("harbour-2.md"), and the summary says so;
the same bytes again are the same article, unchanged. Each file is copied to a hidden temp name
inside the corpus folder (a corpus walk skips dot-files), ingested from there under its final
name, and renamed into place only if at least one article of it went in. A refused file (PNG
bytes named ``x.txt``, a YAML bomb) is deleted and leaves the corpus and the store as they
were.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest import ingest
from ingest.pipeline import ArticleProgress
from ingest.readers import SUPPORTED
from rag.newsdesk import Newsdesk
from rag.types import IngestSummary

# What the upload widget offers: every type a registered reader reads (ingest.readers).
UPLOAD_TYPES = SUPPORTED
_UNSAFE = re.compile(r"[^\w.\- ]+")
MAX_NAME = 120
TEMP_PREFIX = ".upload-"
# Temp files older than this are leftovers of a killed server and are removed at the next upload.
STALE_TEMP_S = 3600


@dataclass(frozen=True)
class StagedFile:
    """One upload copied to a hidden temp file inside the corpus, waiting for its ingest."""

    name: str  # its name in the corpus (the safe basename)
    temp: Path
    target: Path


@dataclass
class Staged:
    """Uploads copied next to the corpus, and the ones refused before copying, with why."""

    files: list[StagedFile] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (name sent, name saved)

    def discard(self) -> None:
        for f in self.files:
            f.temp.unlink(missing_ok=True)


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


def stage_uploads(uploads: list[tuple[str, Path]], corpus_dir: Path, max_bytes: int) -> Staged:
    """Check each ``(original name, temp path)`` and copy the acceptable ones into hidden temp
    files in ``corpus_dir`` (same file system, so placing them later is an atomic rename)."""
    staged = Staged()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    root = corpus_dir.resolve()
    _remove_stale_temps(root)
    for original, source in uploads:
        shown = Path(original.replace("\\", "/")).name or "upload"
        name = safe_name(original)
        suffix = Path(name).suffix
        if suffix not in UPLOAD_TYPES:
            staged.rejected.append(
                (shown, f"unsupported file type {suffix or '(none)'!r}; "
                        f"upload one of {', '.join(UPLOAD_TYPES)}")
            )
            continue
        try:
            size = source.stat().st_size
        except OSError as exc:
            staged.rejected.append((shown, f"upload not readable: {exc.strerror or exc}"))
            continue
        if size > max_bytes:
            staged.rejected.append(
                (shown, f"file is {size / 1048576:.1f} MB, over the "
                        f"{max_bytes / 1048576:g} MB limit (NEWSDESK_MAX_FILE_MB)")
            )
            continue
        target = (root / name).resolve()
        if target.parent != root:
            staged.rejected.append((shown, "file name resolves outside the corpus directory"))
            continue
        if any(f.name == name for f in staged.files):
            staged.rejected.append((shown, f"another file in this upload is also named {name}"))
            continue
        if target.exists() and not _same_bytes(source, target):
            # Never overwrite another article's file: keep both.
            free = _free_name(root, name, {f.name for f in staged.files})
            staged.renamed.append((name, free))
            name, target = free, root / free
        # The real suffix stays last: the loader picks the reader by it.
        temp = root / f"{TEMP_PREFIX}{secrets.token_hex(6)}-{name}"
        try:
            _copy(source, temp)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            staged.rejected.append((shown, f"could not save: {exc.strerror or exc}"))
            continue
        staged.files.append(StagedFile(name, temp, target))
    return staged


def ingest_uploads(
    desk: Newsdesk,
    uploads: list[tuple[str, Path]],
    progress: Callable[[int, int, str], None] | None = None,
    articles: ArticleProgress | None = None,
) -> tuple[IngestSummary, int]:
    """Ingest uploads and place in the corpus the files that went in; returns the summary (with
    the refusals first) and how many files were placed. A store error leaves nothing behind."""
    settings = desk.settings
    staged = stage_uploads(uploads, settings.corpus_dir, settings.max_file_bytes)
    if not staged.files:
        return IngestSummary(failed=staged.rejected), 0
    try:
        summary = ingest(
            desk,
            [f.temp for f in staged.files],
            prune=False,
            progress=progress,
            names={f.temp: f.name for f in staged.files},
            articles=articles,
        )
        placed = 0
        for f in staged.files:
            if f.name in summary.ingested_files:
                os.replace(f.temp, f.target)
                placed += 1
    finally:
        staged.discard()
    # A refused upload is named as it was sent, not by the free name it would have had.
    sent = {b: a for a, b in staged.renamed}
    summary.failed = [(_as_sent(f, sent), reason) for f, reason in summary.failed]
    summary.failed[:0] = staged.rejected
    summary.renamed = [(a, b) for a, b in staged.renamed if b in summary.ingested_files]
    return summary, placed


def forget_uploads(files: list[str]) -> None:
    """Delete Gradio's cached copies of uploads once they were ingested or refused (issue 23:
    every upload stayed in its cache, refused ones and any type included). Only files inside
    Gradio's upload folder are touched, with the folder Gradio made for each."""
    from gradio.utils import get_upload_folder

    cache = Path(get_upload_folder()).resolve()
    for name in files:
        path = Path(name).resolve()
        if cache not in path.parents:
            continue
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # Gradio's per-upload folder, when now empty
            if path.parent != cache:
                path.parent.rmdir()


def _as_sent(label: str, sent: dict[str, str]) -> str:
    """"harbour-2.md (record 3)" -> "harbour.md (record 3)" when harbour-2.md was its free name."""
    name, sep, rest = label.partition(" (")
    return sent[name] + sep + rest if name in sent else label


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as fa, b.open("rb") as fb:
            while True:
                x, y = fa.read(1 << 20), fb.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


def _free_name(root: Path, name: str, taken: set[str]) -> str:
    """"harbour.md" -> "harbour-2.md" (or -3, ...): a name no file or staged upload has."""
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while True:
        candidate = f"{stem[: MAX_NAME - len(suffix) - 4]}-{n}{suffix}"
        if candidate not in taken and not (root / candidate).exists():
            return candidate
        n += 1


def _copy(source: Path, temp: Path) -> None:
    """Copy with the mode any new file of this user gets (0o666 less the umask, so 0644 beside
    the corpus's other files), never the 0600 of a ``mkstemp``."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        while block := src.read(1 << 20):
            out.write(block)


def _remove_stale_temps(root: Path) -> None:
    cutoff = time.time() - STALE_TEMP_S
    for temp in root.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
