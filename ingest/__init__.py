"""The write side: load, clean, chunk, embed and write articles into a desk's store.

``ingest(desk, paths)`` is the verb; ``remove_article`` / ``reingest_article`` act on one
article. ``rag`` (the read side) never imports this package.
"""

from ingest.articles import Removal, reingest_article, remove_article
from ingest.pipeline import ingest
from ingest.web import ingest_urls

__all__ = ["ingest", "ingest_urls", "remove_article", "reingest_article", "Removal"]
