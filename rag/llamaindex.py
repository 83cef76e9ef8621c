"""Newsdesk's hybrid retrieval as a LlamaIndex ``BaseRetriever``.

Kept out of the query path (importing llama_index costs about 2 s) and offered for users who
want to plug Newsdesk's retrieval into LlamaIndex query engines or agents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk


class NewsdeskRetriever(BaseRetriever):
    """``_retrieve`` returns Newsdesk passages as nodes that keep their article offsets."""

    def __init__(self, desk: Newsdesk, top_k: int | None = None, filters: Any = None) -> None:
        super().__init__()
        self._desk = desk
        self._top_k = top_k
        self._filters = filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        passages = self._desk.retrieve(query_bundle.query_str, self._top_k, self._filters)
        return [
            NodeWithScore(
                node=TextNode(
                    id_=p.chunk_id,
                    text=p.text,
                    start_char_idx=p.start,
                    end_char_idx=p.end,
                    metadata={
                        "article_id": p.article_id,
                        "title": p.title,
                        "source": p.source,
                        "url": p.url,
                        "published": p.published,
                    },
                ),
                score=p.score,
            )
            for p in passages
        ]
