"""Storage: manifest, Chroma store, lexical index, owner lock, replicas, consistency check."""
