"""Shared by the dev-case generators (grounding_speakers.py, grounding_negations.py,
grounding_paraphrases.py, the blind batches, and squad2-dev's and multihop-dev's): cutting a
passage out of an article and writing the cases in grounding.json's format, one passage each
(``write``) or several (``write_cases_to``)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
# (id, question, (article, passage text), answer, label, defect)
Case = tuple[str, str, tuple[str, str], str, str, str]


def span(article: str, start: str, end: str) -> tuple[str, str]:
    """The verbatim text of ``article`` from ``start`` through the first ``end`` after it."""
    text = (ARTICLES / article).read_text(encoding="utf-8")
    i = text.index(start)
    j = text.index(end, i) + len(end)
    return (article, text[i:j])


def write(name: str, cases: list[Case]) -> None:
    """Check every passage is in its article, then write ``name`` beside this file."""
    write_to(HERE, name, cases)


def write_to(directory: Path, name: str, cases: list[Case]) -> None:
    """Check every passage is in its article (``directory``/articles), then write ``name`` in
    ``directory`` (the other dev sets' generators use it too: squad2-dev, multihop-dev)."""
    write_cases_to(directory, name, [
        (cid, q, [passage], answer, label, defect, 0 if label == "unsupported" else None)
        for cid, q, passage, answer, label, defect in cases
    ])


# (id, question, [(article, passage text), ...], answer, label, defect, bad sentence or None)
Cases = list[tuple[str, str, list[tuple[str, str]], str, str, str, int | None]]


def write_cases_to(directory: Path, name: str, cases: Cases) -> None:
    """As ``write_to``, for cases that give several passages (numbered in order) and say which
    sentence of an unsupported answer is the bad one."""
    out = []
    for cid, q, passages, answer, label, defect, bad in cases:
        for article, text in passages:
            body = (directory / "articles" / article).read_text(encoding="utf-8")
            assert text in body, f"{cid}: passage not in {article}"
        case: dict[str, object] = {
            "id": cid, "question": q, "qid": cid[:-1],
            "passages": [{"n": n, "article": article, "text": text}
                         for n, (article, text) in enumerate(passages, 1)],
            "answer": answer, "label": label, "defect": defect,
        }
        if bad is not None:
            case["bad_sentence"] = bad
        out.append(case)
    (directory / name).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    print(f"wrote {len(out)} cases to {name}")
