"""Generative answers: LLM backends, the prompt, and the grounding check every backend shares."""
