"""Chroma: the one place that knows embedded vs server mode and what a store on disk looks like."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import StoreError
from rag.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

VERSION_FILE = "NEWSDESK_CHROMADB_VERSION"
log = logging.getLogger(__name__)


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
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # corrupted sqlite, permissions, half-written directories
        raise StoreError(
            f"cannot open the store at {path} ({_short(exc)}); {_advice(settings)}"
        ) from exc
    return client


def open_collection(settings: Settings, *, create: bool = True) -> Collection:
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


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
