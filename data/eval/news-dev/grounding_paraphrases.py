# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-paraphrases.json: faithful paraphrases, summaries and fused sentences over
whole paragraphs of this set's articles (issue 22's wrongly rejected paraphrase), and a few
unsupported twins that change one thing.

    .venv/bin/python data/eval/news-dev/grounding_paraphrases.py

Each passage is one or two whole paragraphs, verbatim, about a retrieved chunk long. Faithful
answers (``paraphrase``, ``summary``, ``compound``, ``pronoun``) say what the passage says in
other words (verbs and nouns swapped for near-synonyms, clauses reordered, two sentences fused,
a figure written another way, a pronoun for the subject); unsupported ones (``added-clause``, ``antonym``, ``number``) keep most of
the words and change or add one thing. SOURCE.md says what they are for.
"""

from __future__ import annotations

from single_passage_cases import Case, span, write

LANDFALL = span("03-felix-landfall-nicaragua.txt", "Hurricane Felix made landfall in Nicaragua on Tuesday", "towards Guatemala and Honduras.")
TOLL = span("04-felix-21-dead-nicaragua.txt", "Hurricane Felix has left at least 21 people dead", "in preparation for the storm.")
DOCKING = span("07-sts118-status-report-05.txt", "The crew of Space Shuttle Endeavour joined forces", "high-resolution digital photography of the area.")
BLOGS = span("12-myanmar-internet-blocked.txt", "There have been massive support from Myanmar bloggers", "hunting down the sources.")

CASES: list[Case] = [
    # (id, question, passage, answer, label, defect)
    ("p1a", "What happened when Felix reached Nicaragua?", LANDFALL,
     "Felix came ashore in Nicaragua on Tuesday as a Category 5 storm, the most powerful kind, but lost much of its strength within hours as it moved inland [1].", "faithful", "compound"),
    ("p2a", "Where is the storm going next?", LANDFALL,
     "The storm seems to be heading for Guatemala and Honduras, and the continuing heavy rain has raised fears of mudslides [1].", "faithful", "compound"),
    ("p2b", "Where is the storm going next?", LANDFALL,
     "The storm seems to be heading for Guatemala and Honduras, where mudslides have already buried several villages [1].", "unsupported", "added-clause"),
    ("p3a", "How much damage did Felix do?", TOLL,
     "Felix killed at least 21 people in Nicaragua, left more than 200 missing and destroyed many poor people's houses [1].", "faithful", "summary"),
    ("p4a", "How much damage did Felix do?", TOLL,
     "Up to 5,000 homes are believed destroyed, five Central American countries are on flood alert and 27,000 people were evacuated from Honduras [1].", "faithful", "summary"),
    ("p4b", "How much damage did Felix do?", TOLL,
     "Up to 5,000 homes are believed destroyed, and 72,000 people were evacuated from Honduras [1].", "unsupported", "number"),
    ("p5a", "When did the crews meet?", DOCKING,
     "The two crews came together at 3:04 p.m. CDT, when Commander Scott Kelly floated into the Destiny laboratory with the rest of his crew behind him [1].", "faithful", "paraphrase"),
    ("p6a", "Why will the crew inspect the tiles?", DOCKING,
     "Managers ordered a closer look at the heat-protection tiles on Sunday because launch video and photos taken before docking showed a three-inch ding on the starboard underside [1].", "faithful", "paraphrase"),
    ("p6b", "Why will the crew inspect the tiles?", DOCKING,
     "Managers ordered a closer look at the heat-protection tiles on Sunday because launch video showed a three-inch ding on the port underside [1].", "unsupported", "antonym"),
    ("p7a", "How were the photographs taken?", DOCKING,
     "Kelly steered Endeavour through a back flip about 600 feet beneath the station so that the station's commander and flight engineer could photograph its heat shield [1].", "faithful", "paraphrase"),
    ("p8a", "What did the junta do to the blogs?", BLOGS,
     "Because Myanmar bloggers strongly backed the protests, the junta banned political blogs and then the entire blogger domain [1].", "faithful", "summary"),
    ("p9a", "How was information controlled?", BLOGS,
     "The main internet provider was shut down for so-called maintenance, most telecommunications were cut or tapped, and information leaving the country was closely watched [1].", "faithful", "compound"),
    ("p9b", "How was information controlled?", BLOGS,
     "The main internet provider was shut down for so-called maintenance, and foreign journalists were expelled from the country [1].", "unsupported", "added-clause"),
    # A pronoun for the passage's subject, as a second sentence of an answer says it.
    ("p10a", "What did Felix do after landfall?", LANDFALL,
     "It weakened considerably within hours and became a Category 1 hurricane as it moved inland [1].", "faithful", "pronoun"),
    ("p11a", "What did Kelly do before docking?", DOCKING,
     "He flew the orbiter through a back flip about 600 feet below the station so its heat shield could be photographed [1].", "faithful", "pronoun"),
    ("p12a", "What did the bloggers do?", BLOGS,
     "They tried to get around the ban with proxies and by blogging through email [1].", "faithful", "pronoun"),
    ("p13a", "How strong was Felix in Nicaragua?", TOLL,
     "It hit land with winds of up to 160 mph and left a trail of destruction [1].", "faithful", "pronoun"),
    ("p13b", "How strong was Felix in Nicaragua?", TOLL,
     "It hit land with winds of up to 160 mph and flattened the capital [1].", "unsupported", "added-clause"),
]


def main() -> None:
    write("grounding-paraphrases.json", CASES)


if __name__ == "__main__":
    main()
