"""The write side: load, clean, chunk, embed and write articles into a desk's store.

``ingest(desk, paths)`` is the verb; ``rag`` (the read side) never imports this package.
"""

from ingest.pipeline import ingest
from ingest.web import ingest_urls

__all__ = ["ingest", "ingest_urls"]
