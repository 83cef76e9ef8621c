"""``NEWSDESK_LLM=openai``: any OpenAI-compatible server (vLLM, llama.cpp's server, LM Studio,
Ollama's /v1, OpenAI), through llama-index's ``OpenAILike``."""

from __future__ import annotations

from rag.llm.backends import Backend, required_model
from rag.settings import Settings

DEFAULT_URL = "http://127.0.0.1:8080/v1"


def build(settings: Settings) -> Backend:
    url = settings.llm_base_url or DEFAULT_URL
    model = required_model(settings, url)
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
