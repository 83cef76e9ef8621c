"""Typed errors raised by library code. Only the CLI and the UI turn them into messages."""

from __future__ import annotations

from pathlib import Path


class NewsdeskError(Exception):
    """Base class: anything Newsdesk can explain to a user in one line."""


class IngestError(NewsdeskError):
    """One input file (or record inside it) could not be ingested; the batch goes on."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(NewsdeskError):
    """The Chroma store or the manifest cannot be used as it is."""


class StoreLockedError(StoreError):
    """Another ingest holds the writer lock on this data directory."""


class StoreOwnedError(StoreLockedError):
    """Another process (a running ``newsdesk serve``) owns this embedded store for writing."""


class BackendError(NewsdeskError):
    """An answer backend (LLM server or model) is unreachable or misconfigured."""

    def __init__(self, url: str, model: str, reason: str) -> None:
        self.url = url
        self.model = model
        self.reason = reason
        super().__init__(f"answer backend {url} (model {model!r}): {reason}")


class FetchError(IngestError):
    """A URL could not be fetched or read as an article or feed; the rest of the batch goes on."""


class ArticleNotFoundError(NewsdeskError):
    """An article id that the store does not hold (deleted meanwhile, or mistyped)."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        super().__init__(
            f"{article_id}: no such article in the store (deleted meanwhile?); refresh the list"
        )
