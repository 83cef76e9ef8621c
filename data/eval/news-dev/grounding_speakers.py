# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-speakers.json: dev cases for the speaker check (issue 22), over articles
of this set that grounding-bindings.json's speaker cases do not use (05, 11, 14, 16).

    .venv/bin/python data/eval/news-dev/grounding_speakers.py

Each passage is a verbatim, contiguous span of its article, about a retrieved chunk long, that
names more than one possible speaker, so that a wrong speaker is a name the passage holds (the
name check cannot catch it). Unsupported answers give a statement to another speaker of the
same passage; faithful ones keep the speaker under another form (surname, title, role,
"according to"), or attribute what the passage narrates. SOURCE.md says what they are for.
"""

from __future__ import annotations

from single_passage_cases import Case, span, write

A05 = "05-endeavour-launch-teacher.txt"
A11 = "11-burma-monastery-raids.txt"
A14 = "14-ghana-50th-independence.txt"
A16 = "16-nobel-peace-gore-ipcc.txt"

LAUNCH = span(A05, "Launch Control's George Diller gave Morgan", "ready for the future,\" she said.")
RAIDS = span(A11, "Witnesses say Thursday morning", "Other sources say the number of dead is higher.")
KUFUOR = span(A14, "Thousands of ordinary Ghanaians", "dynamism.")
NOBEL = span(A16, "In its citation Friday", "grow more insistent.")

CASES: list[Case] = [
    # (id, question, passage, answer, label, defect)
    ("k1a", "What did Barbara Morgan say she hopes students will do?", LAUNCH,
     "Morgan said she looks forward to students looking with pride at their own teachers [1].", "faithful", "speaker-kept"),
    ("k1b", "What did Barbara Morgan say she hopes students will do?", LAUNCH,
     "George Diller said he looks forward to students looking with pride at their own teachers [1].", "unsupported", "speaker"),
    ("k2a", "How did Launch Control describe Morgan?", LAUNCH,
     "Launch Control's George Diller said Morgan was racing towards space on the wings of a legacy [1].", "faithful", "speaker-kept"),
    ("k3a", "What did the protesters say about the raids?", RAIDS,
     "Witnesses said the raids targeted monasteries that are home to many of the monks who led the demonstrations [1].", "faithful", "speaker-kept"),
    ("k3b", "What did the protesters say about the raids?", RAIDS,
     "A protester said Thursday's raids targeted monasteries that are home to many of the monks who led the demonstrations [1].", "unsupported", "speaker"),
    ("k4a", "Is international pressure restraining the junta?", RAIDS,
     "A protester reached by telephone said he doubts international pressure is swaying the junta to exercise restraint [1].", "faithful", "speaker-kept"),
    ("k4b", "Is international pressure restraining the junta?", RAIDS,
     "Rangoon residents said they doubt international pressure is swaying the military junta to exercise restraint [1].", "unsupported", "speaker"),
    ("k5a", "How many people died in Wednesday's violence?", RAIDS,
     "According to the government, one person was killed in Wednesday's violence, though other sources put the toll higher [1].", "faithful", "speaker-kept"),
    ("k5b", "How many people died in Wednesday's violence?", RAIDS,
     "Witnesses said one person was killed in Wednesday's violence [1].", "unsupported", "speaker"),
    ("k6a", "What did Ghana's president say about freedom?", KUFUOR,
     "President Kufuor said Ghana's freedom must be an eternal flame, continually fueled by all governments and peoples [1].", "faithful", "speaker-kept"),
    ("k6b", "What did Ghana's president say about freedom?", KUFUOR,
     "Efam Dovi said Ghana's freedom must be an eternal flame, continually fueled by all governments and peoples [1].", "unsupported", "speaker"),
    ("k7a", "What did Kufuor tell young Africans?", KUFUOR,
     "Ghana's president urged young Africans to remain home, saying the continent needs their brains, energy and dynamism [1].", "faithful", "speaker-kept"),
    ("k7b", "What did Kufuor tell young Africans?", KUFUOR,
     "Efam Dovi urged young Africans to remain home, saying the continent needs their brains, energy and dynamism [1].", "unsupported", "speaker"),
    ("k8a", "What did the Nobel committee say about the IPCC?", NOBEL,
     "The Norwegian Nobel Committee said the IPCC has created an ever-broader informed consensus about the connection between human activities and global warming [1].", "faithful", "speaker-kept"),
    ("k8b", "What did the Nobel committee say about the IPCC?", NOBEL,
     "Activists said the IPCC has created an ever-broader informed consensus about the connection between human activities and global warming [1].", "unsupported", "speaker"),
    ("k9a", "What did activists say the prize would do?", NOBEL,
     "Activists who want Gore to run again said a Nobel Peace Prize would force him to re-evaluate his assertions that he is not interested in a new race [1].", "faithful", "speaker-kept"),
    ("k9b", "What did activists say the prize would do?", NOBEL,
     "The Nobel Committee said a Nobel Peace Prize would force Gore to re-evaluate his assertions that he is not interested in a new race [1].", "unsupported", "speaker"),
    ("k10a", "Has Gore said he would run again?", NOBEL,
     "Gore has repeatedly said he is not interested in a new race [1].", "faithful", "speaker-kept"),
    ("k11a", "How did the committee describe Gore?", NOBEL,
     "The committee called Al Gore one of the world's leading environmentalist politicians [1].", "faithful", "speaker-kept"),
    ("k11b", "How did the committee describe Gore?", NOBEL,
     "Bill Clinton called Al Gore one of the world's leading environmentalist politicians [1].", "unsupported", "speaker"),
    # Faithful attributions in other words than the passage's: a surname, a role for a named
    # person, one body for another, a quote attributed by "he said" in the next sentence.
    ("k12a", "Where was Morgan seated?", LAUNCH,
     "Diller said Barbara Morgan was seated down on the mid-deck [1].", "faithful", "speaker-kept"),
    ("k13a", "How many people died in Wednesday's violence?", RAIDS,
     "The authorities confirmed one death in Wednesday's violence [1].", "faithful", "speaker-kept"),
    ("k14a", "How many people died in Wednesday's violence?", RAIDS,
     "One person was killed in Wednesday's violence, the government said, though other sources say the toll is higher [1].", "faithful", "speaker-kept"),
    ("k15a", "What did the protester say about the regime?", RAIDS,
     "The protester said the military regime does not really care about the international community [1].", "faithful", "speaker-kept"),
    ("k16a", "What did Ghana's president say about freedom?", KUFUOR,
     "Ghana's leader said freedom is a living flame that needs to be constantly fueled, not a monument to be saluted occasionally [1].", "faithful", "speaker-kept"),
    ("k17a", "What did Ghana's president say about freedom?", KUFUOR,
     "The president told the crowd that freedom is a living flame that needs to be constantly fueled [1].", "faithful", "speaker-kept"),
    ("k18a", "What did the Nobel committee say about the IPCC?", NOBEL,
     "The Nobel committee's citation said the IPCC had built an ever-broader informed consensus about the link between human activities and global warming [1].", "faithful", "speaker-kept"),
    ("k19a", "What did activists say the prize would do?", NOBEL,
     "Campaigners who want to draft Gore said the prize would force him to re-evaluate his repeated assertions that he is not interested in a new race [1].", "faithful", "speaker-kept"),
]


def main() -> None:
    write("grounding-speakers.json", CASES)


if __name__ == "__main__":
    main()
