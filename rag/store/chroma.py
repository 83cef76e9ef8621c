"""Chroma: the one place that knows embedded vs server mode and what a store on disk looks like."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import StoreError
from rag.settings import Settings
from rag.store import owner

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from rag.store.manifest import Manifest

VERSION_FILE = "NEWSDESK_CHROMADB_VERSION"
log = logging.getLogger(__name__)
# chromadb builds one System per embedded path per process and its cache is not thread-safe:
# six first questions at once opened several and 1-4 failed (issue 12). Opens take turns.
_OPEN_LOCK = threading.RLock()


@dataclass
class _View:
    """What this process's cached chromadb System for one embedded path reflects."""

    generation: int | None = None  # manifest generation it is known to include
    epoch: int = 0  # bumped each time the System is dropped as stale


_views: dict[str, _View] = {}


def chroma_version() -> str:
    from importlib.metadata import version

    return version("chromadb")


def _advice(settings: Settings) -> str:
    return (
        "re-ingest from the corpus into a new directory, e.g. "
        f"`NEWSDESK_DATA_DIR={settings.data_dir}-new newsdesk ingest {settings.corpus_dir}`"
    )


def check_store_version(settings: Settings) -> None:
    """Refuse a store another chromadb wrote: its format upgrades one way and cannot go back."""
    path = settings.chroma_path
    marker = path / VERSION_FILE
    try:
        if not path.exists():
            return
        if not path.is_dir():
            raise StoreError(f"{path} is not a directory; {_advice(settings)}")
        if marker.exists():
            written = marker.read_text(encoding="utf-8").strip()
            if written != chroma_version():
                raise StoreError(
                    f"the store at {path} was written by chromadb {written}, but this Newsdesk "
                    f"uses chromadb {chroma_version()}; {_advice(settings)}"
                )
        elif any(not p.name.startswith(VERSION_FILE) for p in path.iterdir()):
            raise StoreError(
                f"{path} holds data not written by Newsdesk (no {VERSION_FILE}); "
                f"{_advice(settings)}"
            )
    except OSError as exc:  # permissions, a file where the directory should be, I/O errors
        raise StoreError(
            f"cannot read the store at {path} ({exc.strerror or exc}); {_advice(settings)}"
        ) from exc


def make_client(settings: Settings, *, create: bool = True) -> ClientAPI:
    """Embedded ``PersistentClient`` or ``HttpClient``: the only difference between the modes."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma:
        host, _, port = settings.chroma.rpartition(":")
        try:
            client = chromadb.HttpClient(host=host, port=int(port), settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:  # the client raises bare ValueError/ConnectError variants
            raise StoreError(
                f"cannot reach the Chroma server at {settings.chroma} ({_short(exc)}); start it "
                f"with `chroma run --path DIR --host {host} --port {port}` or unset NEWSDESK_CHROMA"
            ) from exc
        return client
    check_store_version(settings)
    path = settings.chroma_path
    if not create and not path.exists():
        raise StoreError(f"no store at {path}; run `newsdesk ingest` first")
    try:
        path.mkdir(parents=True, exist_ok=True)
        # The marker goes in before Chroma writes a byte: a store killed while Chroma creates
        # its files must still be recognised as ours on the next run.
        marker = path / VERSION_FILE
        if not marker.exists():
            _write_atomic(marker, chroma_version())
        # chromadb caches one System (one in-memory index) per path string: an absolute path
        # keeps "data/chroma" and "/srv/data/chroma" from becoming two indexes of one store.
        client = chromadb.PersistentClient(path=_system_key(settings), settings=chroma_settings)
    except Exception as exc:  # corrupted sqlite, permissions, half-written directories
        raise StoreError(
            f"cannot open the store at {path} ({_short(exc)}); {_advice(settings)}"
        ) from exc
    return client


def open_collection(settings: Settings, *, create: bool = True) -> Collection:
    with _OPEN_LOCK:
        return _open_collection(settings, create)


def _open_collection(settings: Settings, create: bool) -> Collection:
    client = make_client(settings, create=create)
    try:
        # No embedding function: Newsdesk always passes vectors, and Chroma's default would
        # try to download an ONNX model.
        return client.get_or_create_collection(
            settings.collection,
            embedding_function=None,
            metadata={"hnsw:space": "cosine"},
        )
    except Exception as exc:
        where = settings.chroma or str(settings.chroma_path)
        raise StoreError(
            f"cannot open collection {settings.collection!r} at {where} ({_short(exc)}); "
            f"{_advice(settings)}"
        ) from exc


# -- one process's view of an embedded store -------------------------------------------------
def sync_view(settings: Settings, generation: int) -> int:
    """Drop this process's cached embedded Chroma if another process has written the store since
    it was opened (the manifest ``generation`` moved, and not by this process); returns the view
    epoch, which changes whenever handles opened before it must be opened again.

    chromadb keeps the vector index in memory, per process and path: a process that kept reading
    it after another one wrote saw deleted chunks and missed new ones (a top-10 search returned
    1 passage), and writing on top of it corrupted the index on disk. While this process owns
    the store (``rag.store.owner``), every change is its own and the cache is kept.
    """
    if settings.chroma:
        return 0
    key = _system_key(settings)
    with _OPEN_LOCK:
        view = _views.setdefault(key, _View())
        if view.generation is None or owner.owned_here(settings.data_dir):
            view.generation = generation
        elif view.generation != generation:
            _drop_system(key)
            view.epoch += 1
            view.generation = generation
        return view.epoch


def drop_view(settings: Settings) -> None:
    """Forget this process's cached embedded Chroma (after a failed read), unless it owns the
    store: an ingest of its own may be writing through that cache right now."""
    if settings.chroma or owner.owned_here(settings.data_dir):
        return
    key = _system_key(settings)
    with _OPEN_LOCK:
        view = _views.setdefault(key, _View())
        _drop_system(key)
        view.epoch += 1
        view.generation = None


def _system_key(settings: Settings) -> str:
    return os.path.abspath(settings.chroma_path)


def _drop_system(key: str) -> None:
    """Remove chromadb's cached System for an embedded path; the next client builds a fresh one
    from disk. It is not stopped: a query still running on it finishes on it."""
    shared = sys.modules.get("chromadb.api.shared_system_client")
    if shared is None:  # chromadb not imported: nothing is cached (and no import is paid)
        return
    systems = shared.SharedSystemClient
    with systems._refcount_lock:  # private: chromadb has no per-path reset
        systems._identifier_to_system.pop(key, None)
        systems._identifier_to_refcount.pop(key, None)


def own_store(
    settings: Settings,
    manifest: Manifest,
    role: str,
    url: str = "",
    *,
    wait_s: float = 0.0,
    on_wait: Callable[[owner.Holder], None] | None = None,
) -> AbstractContextManager[object]:
    """Hold an embedded store for writing (``rag.store.owner``), with this process's view of it
    brought up to date when taken; a Chroma server needs no owner (a no-op context)."""
    if settings.chroma:
        return nullcontext()
    return owner.StoreOwner(
        settings.data_dir,
        role,
        url,
        wait_s=wait_s,
        on_acquire=lambda: _sync(settings, manifest),
        on_release=lambda: _sync(settings, manifest),
        on_wait=on_wait,
    )


def check_manifest_present(settings: Settings) -> None:
    """Refuse a missing or empty manifest beside an embedded store that holds chunks: every
    answer would refuse silently, and an ingest would leave the old chunks behind as orphans."""
    manifest = settings.manifest_path
    if settings.chroma or (manifest.exists() and manifest.stat().st_size > 0):
        return
    if not (settings.chroma_path / "chroma.sqlite3").exists():
        return
    held = open_collection(settings, create=False).count()
    if held:
        state = "empty (0 bytes)" if manifest.exists() else "missing"
        raise StoreError(
            f"the store is inconsistent: the manifest {manifest} is {state} but "
            f"{settings.chroma_path} holds {held} chunks; {_advice(settings)}"
        )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _sync(settings: Settings, manifest: Manifest) -> None:
    sync_view(settings, manifest.generation)
