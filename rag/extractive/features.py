"""The answerer's features, by model: one table read by the runtime (``rag.extractive.answer``)
and by the fitter (``bench/fit_answerer.py``). Weights are checked against it when
``rag.extractive.answer`` is imported, so a misspelled or missing feature fails loudly instead
of scoring zero.

Features are computed in ``rag.extractive.evidence``: the cheap ones for every sentence, the full
ones for the short list, the refusal ones (``evidence.answerability``) for the best sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

from rag.errors import NewsdeskError

# Every sentence, no model call: the listwise ranker that picks the short list.
CHEAP = ("lex", "static", "static_prev", "title", "question", "rank0", "gap", "type_miss",
         "types_missing", "unit", "names", "names_near", "name_conflict", "names_passage",
         "speaker_near", "quote", "quoted_before", "near_quoted")
# The short list, with the model's vectors and the parse: the ranker that picks the answer.
# slot_miss / slot_bound: the sentence holds no phrase of the asked kind / one bound to the
# asked measure, event or role (``rag.language.fills``); slot_next: the sentence holds no
# person / place of its own and the next one does.
FULL = (*CHEAP, "cos", "maxsim", "unmatched", "slot_miss", "slot_bound", "slot_next")
# "Would the best sentence be wrong?": the refusal model. names_passage, numbers_passage and
# negation_miss are hard rules (``answer.unstated``), not inputs. slot_miss / slot_bound are
# left out: out-of-fold on dev (bench/fit_answerer.py, 2026-12-07) they took news-dev
# unanswerable refused 0.783 -> 0.696 and SQuAD2 left-out 0.500 -> 0.483 at the chosen
# threshold, answered with gold unchanged.
REFUSAL = ("score", "admissible_gap", "margin", "cos", "maxsim", "unmatched", "lex",
           "passage_lex", "type_miss", "types_missing", "names_sentence", "names_near",
           "name_conflict", "names_any", "title", "retrieval", "followup")
MODELS = {"SHORTLIST": CHEAP, "RANK": FULL, "REFUSE": REFUSAL}


def check(model: str, weights: Mapping[str, float]) -> None:
    """Raise when ``weights`` name a feature the table lacks or lack one it has."""
    names = set(MODELS[model])
    given = set(weights) - {"bias"}
    if given != names:
        raise NewsdeskError(
            f"answer weights {model} do not match rag/extractive/features.py: unknown "
            f"{sorted(given - names)}, missing {sorted(names - given)}; refit with "
            "bench/fit_answerer.py --write"
        )
