# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-modality.json: dev cases for the dropped-hedge check (issue 22) over this
set's articles, written after grounding-hedges.json to vary what that file holds.

    .venv/bin/python data/eval/news-dev/grounding_modality.py

Passages are verbatim paragraphs of their articles (``para``: the paragraph that holds an
anchor), so a hedged sentence sits among sentences that state other things outright; ``main``
checks every passage is in its article before writing. SOURCE.md ("grounding-modality.json")
says what the cases are for.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"


def para(article: str, anchor: str) -> tuple[str, str]:
    """The paragraph (line) of ``article`` that holds ``anchor``."""
    for line in (ARTICLES / article).read_text(encoding="utf-8").splitlines():
        if anchor in line:
            return (article, line.strip())
    raise ValueError(f"{anchor!r} not in {article}")


def case(cid: str, q: str, passages: list[tuple[str, str]], answer: str, label: str,
         defect: str) -> dict[str, object]:
    ps = [{"n": i + 1, "article": a, "text": t} for i, (a, t) in enumerate(passages)]
    c: dict[str, object] = {"id": cid, "question": q, "qid": cid[:-1], "passages": ps,
                            "answer": answer, "label": label, "defect": defect}
    if label == "unsupported":
        c["bad_sentence"] = 0
    return c


WINDS = para("02-felix-category5.txt", "maximum sustained winds of 165")
SKIRT = para("02-felix-category5.txt", "expected to skirt Honduras")
LINKED = para("06-endeavour-docks-station.txt", "two spacecraft will be linked")
PLANNED = para("06-endeavour-docks-station.txt", "planned 11-day")
GOUGE = para("08-endeavour-storage-platform.txt", "gouge is deeper")
OUTRAGED = para("10-burma-forces-fire-protesters.txt", "He says he is outraged")
RESIDENTS = para("11-burma-monastery-raids.txt", "Rangoon residents said streets")
JUNTA = para("12-myanmar-internet-blocked.txt", "Junta try to prevent")
MARCH = para("13-myanmar-soldiers-mandalay.txt", "Many of the monks replied")
SET = para("05-endeavour-launch-teacher.txt", "Morgan is also set")
MUDSLIDES = para("03-felix-landfall-nicaragua.txt", "concerns of potential")
HOMES = para("04-felix-21-dead-nicaragua.txt", "27,000 people")
TRANSFORMERS = para("20-interview-peter-coti-storm.txt", "I want to add the fact")
ENGLAND = para("22-gv-tweeting-usa-england.txt", "nearly certain")
ARDERN = para("17-nz-matariki-holiday.txt", "would break up the over-4 month gap")
DATE = para("17-nz-matariki-holiday.txt", "would likely always fall")
CRISIS = para("15-fed-rate-cut-2007.txt", "going to get a lot worse")

CASES = [
    # Faithful: the hedge kept, restated, or the hedged sentence not the one used.
    case("m01f", "What was Felix forecast to do?", [WINDS, SKIRT], "Felix was heading towards Central America [1] and was expected to skirt Honduras before hitting Belize [2].", "faithful", "hedge-kept"),
    case("m02f", "How long will the spacecraft stay docked?", [LINKED], "The shuttle and the station will be linked for seven to 10 days [1].", "faithful", "hedge-kept"),
    case("m03f", "What will the new gyroscope do?", [PLANNED], "The shuttle's 11-day mission includes delivering a support beam to the station and attaching a replacement gyroscope [1].", "faithful", "hedge-kept"),
    case("m04f", "When will the gouge be repaired?", [GOUGE], "NASA said a repair, if needed, would likely take place on one of the remaining spacewalks [1].", "faithful", "hedge-kept"),
    case("m05f", "What does the demonstrator fear?", [OUTRAGED], "The demonstrator said he was outraged by the attacks on monks and feared more violence [1].", "faithful", "hedge-kept"),
    case("m06f", "What were security forces doing in Rangoon?", [RESIDENTS], "Security forces took up positions in Rangoon in anticipation of new demonstrations [1].", "faithful", "hedge-kept"),
    case("m07f", "What did the junta try to do?", [JUNTA], "The junta cut internet access in Yangon and Mandalay and tried to stop videos and photographs of the crackdown from getting out [1].", "faithful", "hedge-kept"),
    case("m08f", "How did the monks respond to the soldiers?", [MARCH], "The monks told the soldiers they might shoot but the monks would still march, and they carried on with their marches [1].", "faithful", "hedge-kept"),
    case("m09f", "What will Morgan do in orbit?", [SET], "Morgan is scheduled to speak with school children from orbit [1].", "faithful", "hedge-kept"),
    case("m10f", "What are the concerns after Felix?", [MUDSLIDES], "There are concerns about possible mudslides because the heavy rains continue [1].", "faithful", "hedge-kept"),
    case("m11f", "How many people were evacuated?", [HOMES], "Some 27,000 people were evacuated from Honduras, and up to 64 cm of rain was expected [1].", "faithful", "hedge-kept"),
    case("m12f", "What happened to the transformers?", [TRANSFORMERS], "Coti said transformers lit up the sky for miles [1].", "faithful", "hedge-kept"),
    case("m13f", "What did English fans expect?", [ENGLAND], "In England, fans were nearly certain their team would win [1].", "faithful", "hedge-kept"),
    case("m14f", "What did Ardern say the holiday would do?", [ARDERN], "Ardern said the new holiday will break up the four-month gap between public holidays in June and October [1].", "faithful", "hedge-kept"),
    case("m15f", "When will the holiday fall?", [DATE], "According to Ardern, the holiday would likely always fall on a Monday or Friday [1].", "faithful", "hedge-kept"),
    case("m16f", "What does Scott think of the crisis?", [CRISIS], "Scott thinks the mortgage crisis is going to get a lot worse before it gets better [1].", "faithful", "hedge-kept"),
    # Unsupported: the hedged event stated as done or certain.
    case("m17u", "When will the gouge be repaired?", [GOUGE], "NASA said the gouge was repaired during one of the shuttle's remaining spacewalks [1].", "unsupported", "modality"),
    case("m18u", "What did the junta do?", [JUNTA], "The junta prevented videos and photographs of the crackdown from getting out [1].", "unsupported", "modality"),
    case("m19u", "How did the soldiers respond?", [MARCH], "The soldiers shot at the monks, who carried on with their marches [1].", "unsupported", "modality"),
    case("m20u", "What will Morgan do in orbit?", [SET], "Morgan spoke with school children from orbit [1].", "unsupported", "modality"),
    case("m21u", "What did English fans see?", [ENGLAND], "English fans saw their team win the match [1].", "unsupported", "modality"),
    case("m22u", "When will the holiday fall?", [DATE], "The holiday will always fall on a Monday or Friday, Ardern said [1].", "unsupported", "modality"),
    case("m23u", "What did the demonstrator report?", [OUTRAGED], "The demonstrator said there was more violence after the attacks on monks [1].", "unsupported", "modality"),
    # Hedges carried by a noun: not read by a clause's verbs (kept to measure the gap).
    case("m24u", "What did the rains cause?", [MUDSLIDES], "The heavy rains caused mudslides in Nicaragua [1].", "unsupported", "modality"),
    case("m25u", "What happened in Rangoon on Thursday?", [RESIDENTS], "New demonstrations broke out in Rangoon on Thursday [1].", "unsupported", "modality"),
]


def main() -> None:
    for c in CASES:
        for p in c["passages"]:  # type: ignore[attr-defined]
            assert p["text"] in (ARTICLES / p["article"]).read_text(encoding="utf-8"), c["id"]
    out = HERE / "grounding-modality.json"
    out.write_text(json.dumps(CASES, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(CASES)} cases -> {out}")


if __name__ == "__main__":
    main()
