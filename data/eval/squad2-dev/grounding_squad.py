# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-squad.json and its articles: cited answers over SQuAD 2.0 dev paragraphs,
text the grounding check was never tuned on (issue 22's "fitting a set is not reading").

    .venv/bin/python data/eval/squad2-dev/grounding_squad.py

Each passage is one whole SQuAD 2.0 paragraph (Wikipedia, CC BY-SA 4.0; the dev half of
``data/eval/squad2-sample500``, ids at even positions), written to ``articles/`` as a
one-paragraph article so that ``bench/grounding_eval.py`` reads it like news-dev's. The answers
were written before the check was run on them: faithful ones (``paraphrase``, ``summary``,
``compound``, ``pronoun``) say what the paragraph says in other words, as a capable model
answers; unsupported ones keep most of the words and change one thing: a hedge or belief
stated as fact (``modality``), a word for its opposite (``antonym``), a denial turned
(``negation``), a figure or name moved to another thing (``binding``), the claim given to
another speaker (``speaker``), or a detail the paragraph does not hold (``added-clause``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "news-dev"))

from single_passage_cases import write_to  # noqa: E402

SQUAD = HERE.parent / "squad2-sample500" / "queries.json"

# (SQuAD id, a short title for the article file)
PARAGRAPHS = {
    "bskyb": ("57097b50200fba1400368050", "BSkyB reaches 10 million homes"),
    "caroline": ("5710e9f8a58dae1900cd6b32", "Fort Caroline"),
    "savery": ("57115b2850c2381900b54a80", "Savery's steam pump"),
    "oxygen": ("571cac5d5efbb31900334dd1", "Oxygen isotopes in the Sun"),
    "charter": ("5726a46cdd62a815002e8bd0", "The Social Charter"),
    "eliot": ("5727c3b02ca10214002d95bb", "Charles W. Eliot"),
    "kuznets": ("5727ff083acd2414000df1ac", "Kuznets on inequality"),
    "eocene": ("57283d173acd2414000df791", "The Amazon in the Eocene"),
    "chicago": ("572863363acd2414000df989", "University of Chicago enrolment"),
    "antigone": ("5728d5793acd2414000dffb7", "Antigone"),
    "oppenheimer": ("57294baaaf94a219006aa26d", "Oppenheimer on the IPCC"),
    "cicadas": ("572998673f37b319004784d5", "Prime-numbered cicadas"),
    "immune": ("5729fb003f37b31900478627", "Ageing and immunity"),
    "drought": ("572a0b101d046914007796ec", "Amazon drought"),
    "msps": ("572fc49d04bcaa1900d76ccb", "Decision Time"),
    "yuan": ("572878942ca10214002da3a3", "Culture under the Yuan"),
    "california": ("5705eee952bb8914006896e2", "Southern California's boundary"),
}

# (id, question, paragraph, answer, label, defect)
CASES: list[tuple[str, str, str, str, str, str]] = [
    ("q1a", "How many homes does BSkyB reach?", "bskyb",
     "BSkyB's satellite service reached 10 million homes in 2010, making it the first pay-TV platform in Europe to do so [1].", "faithful", "paraphrase"),
    ("q1b", "How many homes does BSkyB reach?", "bskyb",
     "The broadcaster said that reaching 36% of UK households meant an audience of more than 25 million people [1].", "faithful", "paraphrase"),
    ("q1c", "How many homes does BSkyB reach?", "bskyb",
     "Media commentators said that the growth in subscribers elsewhere in Europe had flattened, so the target would not be reached [1].", "unsupported", "modality"),
    ("q1d", "How many homes does BSkyB reach?", "bskyb",
     "Since the target was announced in August 2004, another 2.4 million customers had signed up for the direct-to-home service [1].", "faithful", "paraphrase"),
    ("q2a", "Who founded Fort Caroline?", "caroline",
     "Norman Huguenots led by Jean Ribault founded the small colony of Fort Caroline in 1564 on the St. Johns River, in today's Jacksonville [1].", "faithful", "paraphrase"),
    ("q2b", "Who founded Fort Caroline?", "caroline",
     "It was the first attempt at a permanent European settlement in what is now the continental United States, though it did not last long [1].", "faithful", "pronoun"),
    ("q2c", "What happened to the French attack?", "caroline",
     "The French attack on St. Augustine in September 1565 failed after a hurricane struck its ships, and the stranded soldiers surrendered to a smaller Spanish force under Pedro Menendez [1].", "faithful", "summary"),
    ("q2d", "What happened to the French attack?", "caroline",
     "Jean Ribault massacred the defenceless Huguenots and then wiped out the Fort Caroline garrison [1].", "unsupported", "binding"),
    ("q2e", "What happened to the French attack?", "caroline",
     "The stranded French soldiers surrendered to the numerically superior Spanish forces led by Pedro Menendez [1].", "unsupported", "antonym"),
    ("q3a", "What was the first commercial steam device?", "savery",
     "The first commercial steam-powered device was a water pump that Thomas Savery developed in 1698 [1].", "faithful", "paraphrase"),
    ("q3b", "How did the Savery engine work?", "savery",
     "It condensed steam to make a vacuum that drew water up from below, then used steam pressure to lift it higher [1].", "faithful", "pronoun"),
    ("q3c", "How did the Savery engine work?", "savery",
     "Small engines worked well, but the larger ones had problems: their lift height was limited and their boilers tended to explode [1].", "faithful", "compound"),
    ("q3d", "How did the Savery engine work?", "savery",
     "Large engines were effective, though small models were problematic and prone to boiler explosions [1].", "unsupported", "binding"),
    ("q3e", "How long was it used?", "savery",
     "The engine was manufactured until the late 18th century, and one was still known to be running in 1820 [1].", "faithful", "paraphrase"),
    ("q3f", "How long was it used?", "savery",
     "The engine was manufactured until the late 18th century, and one was still known to be running in 1751 [1].", "unsupported", "binding"),
    ("q4a", "What did the Genesis samples show?", "oxygen",
     "A silicon wafer exposed to the solar wind and brought back by the Genesis spacecraft showed that the Sun has a higher proportion of oxygen-16 than Earth [1].", "faithful", "paraphrase"),
    ("q4b", "What did the Genesis samples show?", "oxygen",
     "For a long time planetary geologists could not get reference values for the Sun's oxygen isotope ratios [1].", "faithful", "paraphrase"),
    ("q4c", "What did the Genesis samples show?", "oxygen",
     "The Sun's isotope ratios are the same as those of the primordial solar nebula [1].", "unsupported", "modality"),
    ("q4d", "What did the Genesis samples show?", "oxygen",
     "The analysis showed that the Earth has a higher proportion of oxygen-16 than the Sun [1].", "unsupported", "binding"),
    ("q4e", "What does the measurement imply?", "oxygen",
     "It implies that some unknown process removed oxygen-16 from the Sun's protoplanetary disk before the dust grains that formed the Earth came together [1].", "faithful", "pronoun"),
    ("q5a", "Who adopted the Social Charter?", "charter",
     "The Social Charter was adopted in 1989 by 11 of the 12 member states at the time; the UK refused to sign it [1].", "faithful", "compound"),
    ("q5b", "Who adopted the Social Charter?", "charter",
     "The UK signed the Social Charter in 1989 along with the other 11 member states [1].", "unsupported", "negation"),
    ("q5c", "Was the Social Chapter part of the Maastricht Treaty?", "charter",
     "The UK was the only member state to veto including it in the 1992 Maastricht Treaty, so an Agreement on Social Policy was added as a protocol instead [1].", "faithful", "summary"),
    ("q5d", "Was the Social Chapter part of the Maastricht Treaty?", "charter",
     "The protocol came to be known as the \"Social Chapter\" even though it was not actually a chapter of the Maastricht Treaty [1].", "faithful", "paraphrase"),
    ("q5e", "Was the Social Chapter part of the Maastricht Treaty?", "charter",
     "The protocol came to be known as the \"Social Chapter\" because it was the main chapter of the Maastricht Treaty [1].", "unsupported", "negation"),
    ("q6a", "What motivated Eliot?", "eliot",
     "Eliot was driven not by a wish to secularize education but by his Transcendentalist Unitarian convictions [1].", "faithful", "paraphrase"),
    ("q6b", "What motivated Eliot?", "eliot",
     "Eliot was motivated by a desire to secularize American higher education [1].", "unsupported", "negation"),
    ("q6c", "What did Eliot change?", "eliot",
     "As president from 1869 to 1909, he removed Christianity's favoured position from the curriculum and opened it to student self-direction [1].", "faithful", "pronoun"),
    ("q6d", "Where did his convictions come from?", "eliot",
     "They came from William Ellery Channing and Ralph Waldo Emerson and centred on the dignity and worth of human nature [1].", "faithful", "pronoun"),
    ("q7a", "What causes inequality?", "kuznets",
     "Simon Kuznets argued that economic inequality largely results from a country's stage of development [1].", "faithful", "paraphrase"),
    ("q7b", "What causes inequality?", "kuznets",
     "Economic inequality is largely the result of a country's stage of development, and poorer countries have relatively equal distributions of wealth [1].", "unsupported", "speaker"),
    ("q7c", "What causes inequality?", "kuznets",
     "In his view, as a country develops and acquires more capital, the owners of that capital gain more wealth and income, which introduces inequality [1].", "faithful", "pronoun"),
    ("q7d", "What causes inequality?", "kuznets",
     "According to Kuznets, countries with low levels of development have highly unequal distributions of wealth [1].", "unsupported", "antonym"),
    ("q8a", "Where did the Amazon's water flow in the Eocene?", "eocene",
     "In the mid-Eocene the Amazon basin is thought to have been split by the Purus Arch, with water on the east flowing to the Atlantic and water on the west flowing to the Pacific [1].", "faithful", "summary"),
    ("q8b", "Where did the Amazon's water flow in the Eocene?", "eocene",
     "In the mid-Eocene the Amazon basin was split by the Purus Arch, with western water flowing to the Atlantic and eastern water to the Pacific [1].", "unsupported", "binding"),
    ("q8c", "What changed later?", "eocene",
     "Within the last 5 to 10 million years the accumulated water broke through the Purus Arch and joined the eastward flow to the Atlantic [1].", "faithful", "paraphrase"),
    ("q8d", "What changed later?", "eocene",
     "As the Andes rose, a large basin enclosing a lake formed, now called the Solimões Basin [1].", "faithful", "paraphrase"),
    ("q9a", "Who were the students in 2012?", "chicago",
     "In the 2012 Spring Quarter almost 19% of the student body were international students, over 26% were domestic ethnic minorities and about 44% were women [1].", "faithful", "paraphrase"),
    ("q9b", "Who were the students in 2012?", "chicago",
     "In the 2012 Spring Quarter about 44% of the student body were international students and almost 19% were women [1].", "unsupported", "binding"),
    ("q9c", "How selective is the university?", "chicago",
     "Admission is highly selective: the College accepted 7.8% of applicants for the Class of 2019, the lowest rate in its history [1].", "faithful", "compound"),
    ("q9d", "How selective is the university?", "chicago",
     "Admission is highly selective: the College accepted 7.8% of applicants for the Class of 2019, the highest rate in its history [1].", "unsupported", "antonym"),
    ("q10a", "How does Antigone show civil disobedience?", "antigone",
     "In Sophocles' Antigone, she defies Creon, the King of Thebes, who tries to stop her from giving her brother Polynices a proper burial [1].", "faithful", "paraphrase"),
    ("q10b", "How does Antigone show civil disobedience?", "antigone",
     "She tells him that she must follow her conscience rather than human law [1].", "faithful", "pronoun"),
    ("q10c", "How does Antigone show civil disobedience?", "antigone",
     "She is not afraid of the death he threatens her with, only of how her conscience will punish her if she does not act [1].", "faithful", "paraphrase"),
    ("q10d", "How does Antigone show civil disobedience?", "antigone",
     "She is afraid of the death he threatens her with, but not of how her conscience will punish her [1].", "unsupported", "negation"),
    ("q10e", "How does Antigone show civil disobedience?", "antigone",
     "In Sophocles' play, Creon defies Antigone, who is trying to stop him from giving his brother Polynices a proper burial [1].", "unsupported", "binding"),
    ("q11a", "What did Oppenheimer propose?", "oppenheimer",
     "Michael Oppenheimer, a long-time IPCC participant, admitted some limits of the IPCC's consensus approach and called for smaller, concurring assessments of special problems instead of large-scale reports [1].", "faithful", "summary"),
    ("q11b", "What did Oppenheimer propose?", "oppenheimer",
     "Michael Oppenheimer defended the IPCC's consensus approach and called for larger assessments like the previous reports [1].", "unsupported", "antonym"),
    ("q11c", "What did others say?", "oppenheimer",
     "Others also see mixed blessings in the drive for consensus and want dissenting or minority positions included [1].", "faithful", "paraphrase"),
    ("q12a", "Why do cicadas use prime numbers?", "cicadas",
     "Magicicada cicadas emerge only after 7, 13 or 17 years, then fly about, breed and die within a few weeks [1].", "faithful", "paraphrase"),
    ("q12b", "Why do cicadas use prime numbers?", "cicadas",
     "The reasoning is believed to be that prime-number intervals make it very hard for predators to evolve to specialize on them [1].", "faithful", "paraphrase"),
    ("q12c", "Why do cicadas use prime numbers?", "cicadas",
     "Prime-number intervals make it very hard for predators to evolve to specialize on them, which is why they emerge every 12 years [1].", "unsupported", "binding"),
    ("q12d", "Why do cicadas use prime numbers?", "cicadas",
     "Though the advantage is small, it seems to have been enough for natural selection to favour a prime-numbered life cycle [1].", "faithful", "paraphrase"),
    ("q12e", "Why do cicadas use prime numbers?", "cicadas",
     "The advantage is large, and it drove natural selection towards a prime-numbered life cycle [1].", "unsupported", "antonym"),
    ("q13a", "Why does immunity weaken with age?", "immune",
     "It is conjectured that a gradual decline in hormone levels with age is partly responsible for weaker immune responses in older people [1].", "faithful", "paraphrase"),
    ("q13b", "Why does immunity weaken with age?", "immune",
     "A gradual decline in hormone levels with age is the main cause of weaker immune responses in older people [1].", "unsupported", "modality"),
    ("q13c", "Why does immunity weaken with age?", "immune",
     "Older people stay indoors more, get less sun and so make less cholecalciferol, and their skin becomes less good at producing vitamin D [1].", "faithful", "summary"),
    ("q13d", "Why does immunity weaken with age?", "immune",
     "Older people go outdoors more, but their skin becomes less good at producing vitamin D [1].", "unsupported", "antonym"),
    ("q14a", "How bad was the Amazon drought?", "drought",
     "In 2005 parts of the Amazon basin had their worst drought in a hundred years, and there were signs that 2006 could be a second drought year in a row [1].", "faithful", "paraphrase"),
    ("q14b", "How bad was the Amazon drought?", "drought",
     "In 2005 parts of the Amazon basin had their worst drought in a hundred years, and 2006 was a second drought year in a row [1].", "unsupported", "modality"),
    ("q14c", "What could happen to the forest?", "drought",
     "Woods Hole Research Center results reported by The Independent showed the forest in its present form could survive only three years of drought [1].", "faithful", "paraphrase"),
    ("q14d", "What could happen to the forest?", "drought",
     "Scientists at Brazil's National Institute of Amazonian Research argue that drought together with deforestation is pushing the rainforest towards a \"tipping point\" where it would start to die irreversibly [1].", "faithful", "paraphrase"),
    ("q14e", "What could happen to the forest?", "drought",
     "Scientists at the Woods Hole Research Center argue that drought together with deforestation is pushing the rainforest towards a \"tipping point\" [1].", "unsupported", "speaker"),
    ("q14f", "What could happen to the forest?", "drought",
     "The forest in its present form could survive up to ten years of drought, according to Woods Hole Research Center results [1].", "unsupported", "binding"),
    ("q15a", "When do MSPs vote?", "msps",
     "On each sitting day, usually at 5 pm, MSPs decide on all the motions and amendments moved that day, at what is called Decision Time [1].", "faithful", "paraphrase"),
    ("q15b", "When do MSPs vote?", "msps",
     "The division bell, heard across the Parliamentary campus, warns MSPs who are not in the chamber to come back and vote [1].", "faithful", "paraphrase"),
    ("q15c", "When do MSPs vote?", "msps",
     "If nobody objects aloud, the Presiding Officer announces a division and members vote on electronic consoles at their desks [1].", "unsupported", "negation"),
    ("q15d", "When do MSPs vote?", "msps",
     "Each MSP's access card carries a microchip that identifies them at the console, so the result of a division is known within seconds [1].", "faithful", "compound"),
    ("q16a", "What cultural changes came under the Yuan?", "yuan",
     "The Yuan dynasty saw a rich cultural diversity, with drama and the novel developing and the written vernacular used more widely [1].", "faithful", "summary"),
    ("q16b", "What cultural changes came under the Yuan?", "yuan",
     "Yuan-era Muslims brought Middle Eastern cartography, astronomy, medicine, clothing and diet to East Asia [1].", "faithful", "paraphrase"),
    ("q16c", "What cultural changes came under the Yuan?", "yuan",
     "The Mongols' wide contacts with West Asia and Europe led to a good deal of cultural exchange, though Buddhism had little influence on the Yuan government [1].", "unsupported", "negation"),
    ("q16d", "What cultural changes came under the Yuan?", "yuan",
     "Carrots, turnips, new kinds of lemons, eggplants, melons, fine granulated sugar and cotton were introduced or popularized in the Yuan period [1].", "faithful", "paraphrase"),
    ("q17a", "How did California join the Union?", "california",
     "The Compromise of 1850 let California join the Union as a free state, which kept southern California from becoming a separate slave state [1].", "faithful", "paraphrase"),
    ("q17b", "How did California join the Union?", "california",
     "There is no official definition of southern California's northern boundary, although the division dates back to Mexican rule [1].", "faithful", "compound"),
    ("q17c", "How did California join the Union?", "california",
     "The Compromise of 1850 divided Alta California at 36 degrees, 30 minutes, creating a separate slave state in southern California [1].", "unsupported", "negation"),
]

# A second batch, written blind at the end of the seventh session (after every fix the first
# batch and multihop-dev led to), to measure those fixes on text they were not found on.
PARAGRAPHS_B = {
    "plague": ("57265700dd62a815002e820f", "Plague in 17th- and 18th-century Europe"),
    "harvard": ("5727d1c93acd2414000ded41", "Harvard admissions"),
    "punishment": ("5728fd3c3f37b31900477f2d", "Punishment and deterrence"),
    "revolution": ("5730b4282461fd1900a9cfc8", "Socialism in one country"),
    "mercury": ("5737898f1c45671900574496", "Mercury's orbit"),
    "benefits": ("5a2c1397bfd06b001a5ae9cc", "Sky bills and benefits"),
    "bismarck": ("5ad035bd77cf76001a686e28", "Germany and imperialism"),
    "kissinger": ("5a38b5bca4b263001a8c18bf", "Oil and the superpowers"),
}
CASES_B: list[tuple[str, str, str, str, str, str]] = [
    ("r1a", "How deadly was the plague in Italy?", "plague",
     "In the first half of the 17th century plague killed some 1.7 million people in Italy, about 14% of the population [1].", "faithful", "paraphrase"),
    ("r1b", "How deadly was the plague in Naples?", "plague",
     "In 1656 the plague killed about half of the 300,000 people living in Naples [1].", "faithful", "paraphrase"),
    ("r1c", "How deadly was the plague in Seville?", "plague",
     "The plague of 1649 cut the population of Seville by half [1].", "unsupported", "modality"),
    ("r1d", "How deadly was the plague in Sweden?", "plague",
     "After the Great Northern War, a plague epidemic in 1709-13 killed about 300,000 in Sweden and 100,000 in Prussia [1].", "unsupported", "binding-number"),
    ("r1e", "Where was the last major epidemic?", "plague",
     "Europe's last major plague epidemic struck Marseille in 1720 [1].", "faithful", "paraphrase"),
    ("r2a", "How selective is Harvard?", "harvard",
     "Harvard College admitted 5.3% of applicants for the class of 2019, a record low and the second-lowest rate among national universities [1].", "faithful", "paraphrase"),
    ("r2b", "Why did Harvard end early admissions?", "harvard",
     "Harvard dropped its early admissions program in 2007 because it was thought to put low-income and under-represented minority applicants at a disadvantage [1].", "faithful", "paraphrase"),
    ("r2c", "Why did Harvard end early admissions?", "harvard",
     "Harvard dropped its early admissions program in 2007 because it put low-income and minority applicants at a disadvantage [1].", "unsupported", "modality"),
    ("r2d", "Is there still early admission?", "harvard",
     "Early admission was not brought back after 2007 [1].", "unsupported", "negation"),
    ("r2e", "Is there still early admission?", "harvard",
     "An Early Action program was brought back for the class of 2016 [1].", "faithful", "paraphrase"),
    ("r3a", "What does Brownlee say about deterrence?", "punishment",
     "Brownlee argues that using deterrence to justify punishment takes away from the law's moral dialogue with the offender, because it puts the focus on the threat of punishment [1].", "faithful", "summary"),
    ("r3b", "What does Brownlee say about deterrence?", "punishment",
     "Hoffmann argues that using deterrence to justify punishment takes away from the law's moral dialogue with the offender [1].", "unsupported", "speaker"),
    ("r3c", "What does Hoffmann say?", "punishment",
     "Hoffmann writes that the most important question in deciding whether to punish is whether it would do more harm than good [1].", "faithful", "paraphrase"),
    ("r3d", "What does Hoffmann say?", "punishment",
     "Hoffmann writes that the objector has a right not to be punished [1].", "unsupported", "negation"),
    ("r3e", "What does Hoffmann say?", "punishment",
     "In his view it is up to the state, judges included, to decide on utilitarian grounds whether to punish [1].", "faithful", "pronoun"),
    ("r4a", "What did Trotsky believe?", "revolution",
     "Trotsky and others thought the revolution could succeed in Russia only as part of a world revolution [1].", "faithful", "paraphrase"),
    ("r4b", "What did Trotsky believe?", "revolution",
     "Lenin and others thought the revolution could succeed in Russia only as part of a world revolution [1].", "unsupported", "speaker"),
    ("r4c", "What did Stalin do?", "revolution",
     "After Lenin died, Joseph Stalin set up 'socialism in one country' for the Soviet Union and purged the early internationalist elements [1].", "faithful", "paraphrase"),
    ("r4d", "What did Stalin do?", "revolution",
     "After Stalin died, Lenin set up 'socialism in one country' for the Soviet Union [1].", "unsupported", "binding-name"),
    ("r4e", "What did Lenin write?", "revolution",
     "Lenin wrote a great deal on the subject and famously called imperialism the highest stage of capitalism [1].", "faithful", "paraphrase"),
    ("r5a", "What could Newton's law not explain?", "mercury",
     "Newton's law of gravitation seemed unable to fully explain only the orbit of Mercury [1].", "faithful", "negation-reworded"),
    ("r5b", "What could Newton's law not explain?", "mercury",
     "Some astrophysicists predicted another planet, Vulcan, to explain the discrepancies, but despite some early signs it was never found [1].", "faithful", "compound"),
    ("r5c", "What could Newton's law not explain?", "mercury",
     "Astrophysicists discovered another planet, Vulcan, which explained the discrepancies [1].", "unsupported", "modality"),
    ("r5d", "How did Einstein explain it?", "mercury",
     "Einstein found that general relativity added a correction that could account for the discrepancy in Mercury's orbit [1].", "faithful", "paraphrase"),
    ("r5e", "How did Einstein explain it?", "mercury",
     "It was the first time Newton's theory of gravity had been shown to be more correct than an alternative [1].", "unsupported", "antonym"),
    ("r6a", "What did the Daily Mail report?", "benefits",
     "The Daily Mail reported in 2012 that the benefits agency was checking claimants' Sky TV bills to see whether single mothers were wrongly claiming to live alone [1].", "faithful", "summary"),
    ("r6b", "What did the Daily Mail report?", "benefits",
     "The Daily Mail reported in 2012 that the benefits agency was checking claimants' Sky TV bills and had cut benefits for hundreds of single mothers [1].", "unsupported", "added-clause"),
    ("r6c", "What did Shelbrooke propose?", "benefits",
     "Conservative MP Alec Shelbrooke proposed paying benefits and tax credits on a Welfare Cash Card that could be used only for essentials [1].", "faithful", "paraphrase"),
    ("r6d", "What did Shelbrooke propose?", "benefits",
     "Labour MP Alec Shelbrooke proposed paying benefits on a Welfare Cash Card [1].", "unsupported", "binding-name"),
    ("r7a", "How did Bismarck see colonies?", "bismarck",
     "Otto von Bismarck, Germany's long-time chancellor, long opposed acquiring colonies [1].", "faithful", "paraphrase"),
    ("r7b", "How did Bismarck see colonies?", "bismarck",
     "Otto von Bismarck, Germany's long-time chancellor, long pushed for acquiring colonies [1].", "unsupported", "antonym"),
    ("r7c", "How did Germany take part in imperialism?", "bismarck",
     "Germany, which was neither a maritime power nor a nation-state at the time, took little part in Western imperialism until the late 19th century [1].", "faithful", "negation-reworded"),
    ("r8a", "What worried the US more than oil?", "kissinger",
     "The US was more concerned that the Middle East could become another superpower confrontation with the USSR than about oil [1].", "faithful", "paraphrase"),
    ("r8b", "What worried the US more than oil?", "kissinger",
     "The US was more concerned about oil than about a superpower confrontation with the USSR in the Middle East [1].", "unsupported", "binding"),
    ("r8c", "Who shaped US policy?", "kissinger",
     "Interest groups and agencies more worried about energy were no match for Kissinger's dominance [1].", "faithful", "paraphrase"),
]


def main() -> None:
    contexts = {q["id"]: q["context"]
                for q in json.loads(SQUAD.read_text(encoding="utf-8"))["queries"]}
    articles = HERE / "articles"
    articles.mkdir(exist_ok=True)
    files = {}
    for key, (sid, title) in {**PARAGRAPHS, **PARAGRAPHS_B}.items():
        name = f"{key}.txt"
        files[key] = (name, contexts[sid])
        (articles / name).write_text(
            f"---\ntitle: {json.dumps(title)}\nsource: SQuAD 2.0 dev (Wikipedia)\n"
            f"url: https://rajpurkar.github.io/SQuAD-explorer/#{sid}\n"
            f"license: CC BY-SA 4.0\n---\n{contexts[sid]}\n", encoding="utf-8")
    for out, cases in (("grounding-squad.json", CASES), ("grounding-squad-b.json", CASES_B)):
        write_to(HERE, out, [(cid, question, files[key], answer, label, defect)
                             for cid, question, key, answer, label, defect in cases])
    print(f"wrote {len(files)} articles")


if __name__ == "__main__":
    main()
