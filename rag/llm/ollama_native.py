"""``NEWSDESK_LLM=ollama``: Ollama's native API, through llama-index's ``Ollama``."""

from __future__ import annotations

from rag.llm.backends import Backend, required_model
from rag.settings import Settings

DEFAULT_URL = "http://127.0.0.1:11434"


def build(settings: Settings) -> Backend:
    url = settings.llm_base_url or DEFAULT_URL
    model = required_model(settings, url)
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
