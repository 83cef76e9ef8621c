"""The linguistic layer: spaCy's parse, entities and who speaks each sentence.

Below the answerer and the grounding check, which both read it. ``analysis.analyse`` is the
entry point for passages, ``asked.asked_speech`` for questions.
"""
