"""Shared by the dev-case generators whose cases each cite one passage (grounding_speakers.py,
grounding_negations.py, grounding_paraphrases.py): cutting a passage out of an article and
writing the cases in grounding.json's format."""

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
    out = []
    for cid, q, (article, text), answer, label, defect in cases:
        body = (directory / "articles" / article).read_text(encoding="utf-8")
        assert text in body, f"{cid}: passage not in {article}"
        case: dict[str, object] = {
            "id": cid, "question": q, "qid": cid[:-1],
            "passages": [{"n": 1, "article": article, "text": text}],
            "answer": answer, "label": label, "defect": defect,
        }
        if label == "unsupported":
            case["bad_sentence"] = 0
        out.append(case)
    (directory / name).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    print(f"wrote {len(out)} cases to {name}")
