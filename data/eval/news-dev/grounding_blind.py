# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-blind.json: a blind batch of news cases (issue 22), written in the ninth
session before the check was run on them and run once as written.

    .venv/bin/python data/eval/news-dev/grounding_blind.py

The SQuAD batches (squad2-dev b-e) showed what the check does on unseen Wikipedia text; the
report set is news, whose misses the rules fitted on those batches did not reach. These cases
are over this set's own articles (a rate cut, a Nobel prize, an eyewitness interview, a march
in Mandalay), written the way a capable model answers: faithful ones restate in other words
(``paraphrase``, ``compound``, ``summary``, ``pronoun``, ``negation-reworded``); unsupported
ones change one thing (``antonym``, ``modality``, ``speaker``, ``binding-number``,
``negation``). Each passage is a verbatim span of its article; SOURCE.md says what they are for.
"""

from __future__ import annotations

from single_passage_cases import Case, span, write

CUT = span("15-fed-rate-cut-2007.txt", "The half percentage point cut", "down to 4.75 percent.")
VIARD = span("15-fed-rate-cut-2007.txt", "Alan Viard, a senior economist", "in the financial markets,\" he said.")
DOW = span("15-fed-rate-cut-2007.txt", "The New York stock market responded", "the threat of inflation.")
SCOTT = span("15-fed-rate-cut-2007.txt", "Robert Scott, Director", "well aware of this,\" he said.")
CITATION = span("16-nobel-peace-gore-ipcc.txt", "In its citation Friday", "and global warming.\"")
CAREER = span("16-nobel-peace-gore-ipcc.txt", "Al Gore served in the United States Congress", "An Inconvenient Truth.")
DRAFT = span("16-nobel-peace-gore-ipcc.txt", "Even before the announcement", "grow more insistent.")
COTI = span("20-interview-peter-coti-storm.txt", "((Peter Coti )) Well on the morning", "war of the worlds.")
MONKS = span("13-myanmar-soldiers-mandalay.txt", "Many of the monks replied", "reported the witnesses from Mandalay.")

CASES: list[Case] = [
    # (id, question, passage, answer, label, defect)
    ("b1a", "How big was the Fed's rate cut?", CUT, "The half-point cut was larger than the quarter-point reduction many experts had expected, bringing the federal funds rate down to 4.75 percent [1].", "faithful", "paraphrase"),
    ("b1b", "How big was the Fed's rate cut?", CUT, "The half-point cut was smaller than many experts had anticipated, taking the federal funds rate to 4.75 percent [1].", "unsupported", "antonym"),
    ("b1c", "How big was the Fed's rate cut?", CUT, "The quarter-point cut took the federal funds rate down to 4.75 percent, bigger than the half-point cut experts had anticipated [1].", "unsupported", "binding-number"),
    ("b2a", "What did Alan Viard say about the cut?", VIARD, "He said he was surprised by the half-point reduction, which he saw as the Fed taking very aggressive action in response to the financial markets [1].", "faithful", "pronoun"),
    ("b2b", "What did Alan Viard say about the cut?", VIARD, "Alan Viard, a senior economist at the Dallas Fed, said he had predicted the half-point reduction [1].", "unsupported", "antonym"),
    ("b2c", "Did Alan Viard expect the half-point cut?", VIARD, "Viard did not expect the Fed to cut rates by half a point [1].", "faithful", "negation-reworded"),
    ("b3a", "How did markets react?", DOW, "Stocks rallied, with the Dow rising more than 330 points by Tuesday's close, and it was the first federal funds rate cut in over four years [1].", "faithful", "compound"),
    ("b3b", "What had the Fed been doing with rates?", DOW, "The Federal Reserve has been slowly lowering interest rates over the past four years to fight off the threat of inflation [1].", "unsupported", "antonym"),
    ("b3c", "Was this Bernanke's first cut?", DOW, "It was also Fed Chairman Ben Bernanke's first rate cut, at a time of turmoil in financial markets [1].", "faithful", "paraphrase"),
    ("b3d", "How did markets react?", DOW, "The Dow Jones industrial average rose more than 330 points, its first gain in more than four years [1].", "unsupported", "binding-number"),
    ("b4a", "What did Robert Scott say?", SCOTT, "He said the Fed is more worried than some expected about the mortgage crisis and its likely effect on consumer spending [1].", "faithful", "pronoun"),
    ("b4b", "What did Robert Scott say about the mortgage crisis?", SCOTT, "Robert Scott said the mortgage crisis has got a lot worse and the Fed is well aware of this [1].", "unsupported", "modality"),
    ("b5a", "What did the Nobel citation say about Gore?", CITATION, "The Norwegian Nobel Committee's citation called Gore one of the world's leading environmentalist politicians [1].", "faithful", "paraphrase"),
    ("b5b", "What has the IPCC achieved?", CITATION, "Al Gore said the IPCC has created an ever-broader informed consensus about the link between human activities and global warming [1].", "unsupported", "speaker"),
    ("b6a", "What offices did Gore hold?", CAREER, "Gore served in Congress from 1977 to 1993 and was vice-president under Bill Clinton from 1993 to 2001 [1].", "faithful", "compound"),
    ("b6b", "What offices did Gore hold?", CAREER, "Gore served in Congress from 1993 to 2001 and was vice-president under Bill Clinton from 1977 to 1993 [1].", "unsupported", "binding-number"),
    ("b6c", "What happened in the 2000 election?", CAREER, "In 2000 he ran for president and lost a disputed vote to George W. Bush [1].", "faithful", "pronoun"),
    ("b6d", "What happened in the 2000 election?", CAREER, "In 2000 he ran for president and won a disputed vote against George W. Bush [1].", "unsupported", "antonym"),
    ("b6e", "When did Gore make An Inconvenient Truth?", CAREER, "In 2000 he produced the award-winning documentary An Inconvenient Truth [1].", "unsupported", "binding-number"),
    ("b7a", "Does Gore want to run again?", DRAFT, "Gore has repeatedly said he has no interest in another race [1].", "faithful", "negation-reworded"),
    ("b7b", "What effect will the prize have on Gore?", DRAFT, "A Nobel Peace Prize forced Gore to re-evaluate his repeated assertions that he is not interested in a new race [1].", "unsupported", "modality"),
    ("b7c", "What will happen to calls for Gore to run?", DRAFT, "Calls for Gore to run again are now certain to grow quieter [1].", "unsupported", "antonym"),
    ("b8a", "Why did the power go out?", COTI, "Coti said the power went out at 4:30 EST on Saturday morning because of a downed tree [1].", "faithful", "paraphrase"),
    ("b8b", "What was the storm like at first?", COTI, "Coti said the storm was calmer than a normal one until the power went out [1].", "unsupported", "antonym"),
    ("b9a", "How did the monks answer the soldiers?", MONKS, "Many of the monks told the soldiers they could shoot but the monks would still march, and they carried on [1].", "faithful", "summary"),
    ("b9b", "What did the soldiers do?", MONKS, "The soldiers refused to let the monks go, witnesses from Mandalay reported [1].", "unsupported", "negation"),
    ("b9c", "What did the soldiers do?", MONKS, "According to witnesses in Mandalay, the soldiers knelt, wept and in the end stood aside to let the monks pass [1].", "faithful", "negation-reworded"),
]


def main() -> None:
    write("grounding-blind.json", CASES)


if __name__ == "__main__":
    main()
