"""The write side: load, clean, chunk, embed and write articles into a desk's store.

``ingest(desk, paths)`` is the verb; ``rag`` (the read side) never imports this package.
"""

from ingest.pipeline import ingest

__all__ = ["ingest"]
