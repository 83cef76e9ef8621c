"""Retrieval: the embedding model, word matching, and the retriever (vector + lexical hits)."""
