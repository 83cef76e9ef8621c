"""The comparison columns, run on the same articles in the same process: plain LlamaIndex and
bm25s alone. Each returns, per question, article ids best first (10 deep, for MRR@10)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

DEPTH = 10
Ranker = Callable[[str], list[str]]


def llamaindex_ranker(articles: list[dict[str, str]], model_path: str, folder: Path) -> Ranker:
    """``VectorStoreIndex`` over ``ChromaVectorStore`` with default settings, as its docs show.

    Only the embedding model is set (the same packaged MiniLM Newsdesk uses) and the LLM is
    switched off; chunking, similarity and everything else stay at LlamaIndex defaults.
    """
    import chromadb
    from llama_index.core import Document, Settings, StorageContext, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    with contextlib.redirect_stdout(io.StringIO()):  # it prints "LLM is explicitly disabled"
        Settings.llm = None
    embed = HuggingFaceEmbedding(model_name=model_path, device="cpu")
    client = chromadb.PersistentClient(path=str(folder))
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("baseline"))
    docs = [Document(text=a["body"], doc_id=a["url"], metadata={"title": a["title"]})
            for a in articles]
    index = VectorStoreIndex.from_documents(
        docs, storage_context=StorageContext.from_defaults(vector_store=store), embed_model=embed
    )
    retriever = index.as_retriever(similarity_top_k=DEPTH)

    def rank(question: str) -> list[str]:
        return _dedupe([n.node.ref_doc_id or "" for n in retriever.retrieve(question)])

    return rank


def bm25_ranker(articles: list[dict[str, str]], stemmed: bool) -> Ranker:
    """bm25s with its English stopword list, PyStemmer English stemming or none."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english") if stemmed else None
    ids = [a["url"] for a in articles]
    model = bm25s.BM25()
    model.index(
        bm25s.tokenize([a["body"] for a in articles], stopwords="en", stemmer=stemmer,
                       show_progress=False),
        show_progress=False,
    )

    def rank(question: str) -> list[str]:
        words = bm25s.tokenize(
            [question], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False
        )[0]
        words = [w for w in words if w in model.vocab_dict]
        if not words:
            return []
        docs, scores = model.retrieve([words], k=min(DEPTH, len(ids)), show_progress=False,
                                      n_threads=1)
        return [ids[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))
