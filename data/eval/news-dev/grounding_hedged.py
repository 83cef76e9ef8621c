# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-hedged.json: more dev cases for the dropped-hedge check (issue 22), over
paragraphs of this set's articles, hedges written with "appears", "thought to", "expected",
"could", "if needed ... likely".

    .venv/bin/python data/eval/news-dev/grounding_hedged.py

Faithful answers (``hedge-kept``) keep the hedge in other words ("seem to have hit", "is
believed", "forecasters expected", "could spark", "probably"); unsupported ones
(``modality``) state the hedged event as done. SOURCE.md says what they are for.
"""

from __future__ import annotations

from single_passage_cases import Case, span, write

LANDFALL = span("03-felix-landfall-nicaragua.txt", "Hurricane Felix made landfall in Nicaragua on Tuesday", "towards Guatemala and Honduras.")
FOAM = span("06-endeavour-docks-station.txt", "NASA officials say three small pieces", "do not believe there is any critical damage.")
TOLL = span("04-felix-21-dead-nicaragua.txt", "Hurricane Felix has left at least 21 people dead", "in preparation for the storm.")
OUTRAGE = span("10-burma-forces-fire-protesters.txt", "Monks are the most respected members", "could trigger widespread outrage.")
GOUGE = span("08-endeavour-storage-platform.txt", "On Earth, NASA engineers are still conducting tests", "remaining spacewalks.")

CASES: list[Case] = [
    # (id, question, passage, answer, label, defect)
    ("h1a", "Where is Felix going?", LANDFALL, "From Nicaragua the storm seemed to be heading towards Guatemala and Honduras [1].", "faithful", "hedge-kept"),
    ("h1b", "Where is Felix going?", LANDFALL, "From Nicaragua the storm moved on into Guatemala and Honduras [1].", "unsupported", "modality"),
    ("h2a", "Was the shuttle hit by foam?", FOAM, "Three small pieces of foam seem to have hit the shuttle during lift-off, NASA officials say [1].", "faithful", "hedge-kept"),
    ("h2b", "Was the shuttle hit by foam?", FOAM, "Three small pieces of insulating foam struck the spacecraft during lift-off, NASA officials say [1].", "unsupported", "modality"),
    ("h3a", "How many homes were destroyed?", TOLL, "As many as 5,000 homes are believed to have been destroyed [1].", "faithful", "hedge-kept"),
    ("h3b", "How many homes were destroyed?", TOLL, "The storm destroyed as many as 5,000 homes [1].", "unsupported", "modality"),
    ("h4a", "How much rain fell?", TOLL, "Five Central American countries were put on flood alert, with 64 cm of rain forecast [1].", "faithful", "hedge-kept"),
    ("h4b", "How much rain fell?", TOLL, "Five Central American countries were put on flood alert after 64 cm of rain fell [1].", "unsupported", "modality"),
    ("h5a", "How would people react to an attack on monks?", OUTRAGE, "Analysts have predicted that an attack on the monks could spark widespread outrage [1].", "faithful", "hedge-kept"),
    ("h5b", "How would people react to an attack on monks?", OUTRAGE, "Analysts say the attack on the monks triggered widespread outrage [1].", "unsupported", "modality"),
    ("h6a", "Will the gouge be repaired?", GOUGE, "NASA says that if a repair is needed, it will probably take place on one of the remaining spacewalks [1].", "faithful", "hedge-kept"),
    ("h6b", "Will the gouge be repaired?", GOUGE, "NASA says the gouge will be repaired on one of the shuttle's remaining spacewalks [1].", "unsupported", "modality"),
]


def main() -> None:
    write("grounding-hedged.json", CASES)


if __name__ == "__main__":
    main()
