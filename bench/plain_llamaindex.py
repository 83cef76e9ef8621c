"""The baseline: the plain LlamaIndex pipeline, run as its own cold process by ``ingest_speed``.

Two modes over a directory of front-matter ``.txt`` articles (see ``bench/corpora.py``):

- ``from-documents DATA CORPUS``: ``VectorStoreIndex.from_documents`` + ``HuggingFaceEmbedding``
  (the packaged MiniLM path) + ``ChromaVectorStore`` into a fresh store: the plain rebuild.
- ``pipeline DATA CORPUS``: ``IngestionPipeline`` with a persisted ``SimpleDocumentStore`` and
  ``DocstoreStrategy.UPSERTS_AND_DELETE``, LlamaIndex's own incremental ingest.

Library defaults are kept (SentenceSplitter 1024 tokens, embed batch 10): this is the pipeline a
user writes from the LlamaIndex starter docs. Prints one JSON line of counts and in-process time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def read_articles(corpus: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(doc id, body, metadata) per file; front matter lines are ``key: <json string>``."""
    out = []
    for path in sorted(corpus.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        _, head, body = raw.split("---\n", 2)
        meta = {}
        for line in head.splitlines():
            key, _, value = line.partition(": ")
            meta[key] = json.loads(value)
        out.append((meta.get("url") or path.name, body.strip(), meta))
    return out


def main(mode: str, data: Path, corpus: Path) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from rag.settings import Settings

    imported = time.perf_counter()
    embed = HuggingFaceEmbedding(model_name=Settings().model_path(), device="cpu")
    loaded = time.perf_counter()
    docs = [
        Document(text=body, metadata=meta, id_=doc_id)
        for doc_id, body, meta in read_articles(corpus)
    ]
    client = chromadb.PersistentClient(
        path=str(data / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("plain", metadata={"hnsw:space": "cosine"})
    store = ChromaVectorStore(chroma_collection=collection)
    nodes = 0
    if mode == "from-documents":
        ctx = StorageContext.from_defaults(vector_store=store)
        VectorStoreIndex.from_documents(docs, storage_context=ctx, embed_model=embed)
        nodes = collection.count()  # a fresh store: every node was embedded
    else:
        from llama_index.core.ingestion import DocstoreStrategy, IngestionPipeline
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.core.storage.docstore import SimpleDocumentStore

        ds_path = data / "docstore.json"
        docstore = (
            SimpleDocumentStore.from_persist_path(str(ds_path))
            if ds_path.exists()
            else SimpleDocumentStore()
        )
        pipe = IngestionPipeline(
            transformations=[SentenceSplitter(), embed],
            vector_store=store,
            docstore=docstore,
            docstore_strategy=DocstoreStrategy.UPSERTS_AND_DELETE,
        )
        nodes = len(pipe.run(documents=docs))
        docstore.persist(str(ds_path))
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "mode": mode,
                "docs": len(docs),
                "nodes_embedded": nodes,
                "stored": collection.count(),
                "imports_s": round(imported - STARTED, 2),
                "model_load_s": round(loaded - imported, 2),
                "work_s": round(done - loaded, 2),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
