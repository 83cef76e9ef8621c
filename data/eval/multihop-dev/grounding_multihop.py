# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-multihop.json and its articles: cited answers over 2023 news sentences the
grounding check was never tuned on (issue 22's "fitting a set is not reading").

    .venv/bin/python data/eval/multihop-dev/grounding_multihop.py [path/to/MultiHopRAG_sample500.json]

Each passage is the evidence sentences MultiHop-RAG quotes from one news article (the facts of
its 500-query sample, ``../shared/evaldata/multihop-rag``, in sorted order, joined by a
space), written to ``articles/`` as a short article so that ``bench/grounding_eval.py`` reads it
like news-dev's: what a retrieved chunk of that article would hold, though the sentences are
not always adjacent in it. The answers were written before the check was run on them, in the
kinds news-dev2's report set names: faithful ones (``paraphrase``, ``summary``, ``compound``,
``pronoun``, ``negation-reworded``: a denial said with other words, "never switched" for
"stayed with"), and unsupported ones that keep most of the words and change one thing
(``modality``, ``antonym``, ``negation``, ``binding-number``, ``binding-name``, ``speaker``,
``added-clause``).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "news-dev"))

from single_passage_cases import write_to  # noqa: E402

DEFAULT = HERE.parents[3] / "shared" / "evaldata" / "multihop-rag" / "MultiHopRAG_sample500.json"

# key -> a distinctive part of the article's url
ARTICLES = {
    "altman": "how-did-openai-fire-sam-altman",
    "sbf-openings": "sam-bankman-fried-lawyers-opening-statements",
    "uber": "uber-sexual-assault-survivors",
    "google-case": "5-things-we-learned-so-far-about-the-google-antitrust-case",
    "gaza": "israel-blockade-gaza-hamas-war-starvation",
    "shipping": "shipping-industry-faces-hardship",
    "chatgpt": "one-year-later-chatgpt-is-still-alive",
    "gemini": "early-impressions-of-googles-gemini",
    "cue": "apple-eddy-cue-testimony",
    "miami": "inter-miami-vs-fc-cincinnati",
    "united": "man-united-vs-chelsea-live-score",
    "usmnt": "usa-squad-october-friendlies",
    "anthropic": "how-ego-and-fear-fuelled",
    "ellison": "sam-bankman-fried-ftx-alameda-caroline-ellison",
    "search": "is-google-search-better-than-the-rest",
    "nike": "nike-nke-earnings",
    "ravens": "christmas_day_preview_49ers_ravens",
    "final": "boks-beat-all-blacks",
}

# (id, question, article, answer, label, defect)
CASES: list[tuple[str, str, str, str, str, str]] = [
    ("m1a", "How did analysts react to Altman's exit?", "altman",
     "Gartner analyst Arun Chandrasekaran called Altman's exit shocking, since he had been the face of generative AI [1].", "faithful", "paraphrase"),
    ("m1b", "How did analysts react to Altman's exit?", "altman",
     "Gartner analyst Arun Chandrasekaran said Altman's exit was expected, since he had been the face of generative AI [1].", "unsupported", "antonym"),
    ("m1c", "Who is Altman?", "altman",
     "Although he has no training as an AI engineer, Altman, who is 38, has been regarded as a Silicon Valley prodigy since his early twenties [1].", "faithful", "negation-reworded"),
    ("m1d", "Who is Altman?", "altman",
     "Altman, who is 38 and trained as an AI engineer, has been regarded as a Silicon Valley prodigy since his early twenties [1].", "unsupported", "negation"),
    ("m1e", "What did Altman show at the developer conference?", "altman",
     "He was the main speaker at OpenAI's first developer conference, where he laid out a vision of AI agents that could help people with many tasks [1].", "faithful", "pronoun"),
    ("m1f", "What did Altman show at the developer conference?", "altman",
     "He was the main speaker at OpenAI's first developer conference, where he launched AI agents that help people with many tasks [1].", "unsupported", "modality"),
    ("m2a", "What did the prosecution say about Bankman-Fried?", "sbf-openings",
     "Rehn told the jury that all of it had been built on lies [1].", "faithful", "paraphrase"),
    ("m2b", "What did the prosecution say about Bankman-Fried?", "sbf-openings",
     "The government claimed that Bankman-Fried used Caroline Ellison, the CEO of Alameda and his on-and-off girlfriend, as a front to get secret access to customer money [1].", "faithful", "paraphrase"),
    ("m2c", "What did the defence argue?", "sbf-openings",
     "The defence blamed Ellison, saying she failed to properly protect her hedge fund from the risks built into crypto markets [1].", "faithful", "negation-reworded"),
    ("m2d", "What did the defence argue?", "sbf-openings",
     "The defence praised Ellison, saying she properly protected her hedge fund from the risks built into crypto markets [1].", "unsupported", "negation"),
    ("m2e", "What did the defence argue?", "sbf-openings",
     "The defence argued that Alameda acted legally as an FTX customer, payment processor and market maker [1].", "faithful", "paraphrase"),
    ("m2f", "What did the defence argue?", "sbf-openings",
     "Prosecutors conceded that Alameda acted legally as an FTX customer, payment processor and market maker [1].", "unsupported", "speaker"),
    ("m3a", "What do the Uber lawsuits claim?", "uber",
     "Hundreds of women have sued Uber, saying the company has done too little to stop drivers from sexually assaulting passengers [1].", "faithful", "negation-reworded"),
    ("m3b", "What do the Uber lawsuits claim?", "uber",
     "Uber says the rate of reported sexual assaults on its app fell 38% between its first and second safety reports [1].", "faithful", "paraphrase"),
    ("m3c", "What do the Uber lawsuits claim?", "uber",
     "The survivors say the rate of reported sexual assaults on the app fell 38% between Uber's first and second reports [1].", "unsupported", "speaker"),
    ("m3d", "What do the Uber lawsuits claim?", "uber",
     "Uber says the rate of reported sexual assaults on its app rose 38% between its first and second reports [1].", "unsupported", "antonym"),
    ("m4a", "How much did Google pay to be the default search engine?", "google-case",
     "Google spent $26.3 billion in 2021 to make itself the default search engine across platforms, a figure revealed at Monday's trial hearing [1].", "faithful", "paraphrase"),
    ("m4b", "How much did Google pay to be the default search engine?", "google-case",
     "Google's search head Prabhakar Raghavan testified on October 28 that the company paid $26.3 billion in 2021 to browsers, phone makers and platforms such as Apple, Samsung and Mozilla [1].", "faithful", "summary"),
    ("m4c", "What did the Apple deal mean?", "google-case",
     "Because of the agreement, Apple stuck with Google rather than switching to a rival, and did not let users pick their browser when setting up an iPhone [1].", "faithful", "negation-reworded"),
    ("m4d", "What did the Apple deal mean?", "google-case",
     "Because of the agreement, Apple let users pick their browser when setting up an iPhone [1].", "unsupported", "negation"),
    ("m4e", "How much did Google pay to be the default search engine?", "google-case",
     "Google's search head Prabhakar Raghavan testified on October 28 that the company paid $26.3 billion in 2022 to browsers and platforms [1].", "unsupported", "binding-number"),
    ("m5a", "What did Israel do to Gaza's supplies?", "gaza",
     "On October 10, 2023, Israel cut off deliveries of food, fuel and other supplies to Gaza's 2.3 million residents [1].", "faithful", "paraphrase"),
    ("m5b", "What did Israel do to Gaza's supplies?", "gaza",
     "Israel stopped deliveries of food, fuel and supplies to Gaza on October 10, 2023, and has begun a ground invasion [1].", "unsupported", "modality"),
    ("m5c", "What warning did Israel give?", "gaza",
     "Two days later it told 1.1 million people in northern Gaza to move south ahead of a possible ground invasion [1].", "faithful", "pronoun"),
    ("m5d", "What warning did Israel give?", "gaza",
     "On October 12, 2023, Israel told 2.3 million people in northern Gaza to move south ahead of a possible ground invasion [1].", "unsupported", "binding-number"),
    ("m5e", "What is the blockade?", "gaza",
     "For about 16 years the blockade has kept people and goods such as medicine from moving easily in or out of the enclave, which is roughly 25 miles long [1].", "faithful", "negation-reworded"),
    ("m6a", "How profitable were shipping carriers?", "shipping",
     "After a decade of meagre profits, the biggest carriers made a combined $364 billion in net income in 2021 and 2022, according to industry veteran John McCown [1].", "faithful", "paraphrase"),
    ("m6b", "How profitable were shipping carriers?", "shipping",
     "After a decade of strong profits, the biggest carriers made a combined $364 billion in net income in 2021 and 2022, according to John McCown [1].", "unsupported", "antonym"),
    ("m6c", "What did CMA CGM say?", "shipping",
     "CMA CGM's chief financial officer Ramon Fernandez told reporters on Friday that every player would have to help keep the market reasonable while rates are relatively low [1].", "faithful", "paraphrase"),
    ("m6d", "What did CMA CGM say?", "shipping",
     "John McCown told reporters on Friday that every player would have to help keep the market reasonable while rates are relatively low [1].", "unsupported", "speaker"),
    ("m7a", "What is Google planning?", "chatgpt",
     "DeepMind, Google's main AI research lab, is expected to release Gemini, a next-generation chatbot, before the year is out [1].", "faithful", "paraphrase"),
    ("m7b", "What is Google planning?", "chatgpt",
     "DeepMind, Google's main AI research lab, released Gemini, a next-generation chatbot, this year [1].", "unsupported", "modality"),
    ("m7c", "What can ChatGPT do?", "chatgpt",
     "It can write and debug code, compose music and essays, answer test questions and even emulate a computer running Linux [1].", "faithful", "pronoun"),
    ("m7d", "What did ChatGPT become at OpenAI?", "chatgpt",
     "ChatGPT became OpenAI's top priority, a development platform to build on rather than a one-off product [1].", "faithful", "negation-reworded"),
    ("m8a", "How did Google present Gemini?", "gemini",
     "Google claimed that Gemini meets or beats the performance of other leading models such as OpenAI's GPT-4, and touted its superior architecture [1].", "faithful", "paraphrase"),
    ("m8b", "How did Google present Gemini?", "gemini",
     "Google compared Gemini Pro with GPT-3.5, GPT-4's predecessor and a model about a year old [1].", "faithful", "paraphrase"),
    ("m8c", "How did Google present Gemini?", "gemini",
     "Google compared Gemini Pro with GPT-4, a model about a year old [1].", "unsupported", "binding-name"),
    ("m9a", "Why did Apple make Google its default?", "cue",
     "Cue said there was no valid alternative to Google at the time and that Apple had always thought it was the best [1].", "faithful", "compound"),
    ("m9b", "Why did Apple make Google its default?", "cue",
     "Cue said there were several valid alternatives to Google at the time [1].", "unsupported", "negation"),
    ("m9c", "What is the Justice Department focused on?", "cue",
     "The Justice Department is looking at the deals Google strikes with Apple, Samsung, Mozilla and others to be the default search engine on almost every platform [1].", "faithful", "paraphrase"),
    ("m10a", "Did Messi play against FC Cincinnati?", "miami",
     "Messi, who had been out injured for the previous four games, came off the bench and played 35 minutes [1].", "faithful", "negation-reworded"),
    ("m10b", "Did Messi play against FC Cincinnati?", "miami",
     "Messi, who had been out injured for the previous four games, started the match and played 35 minutes [1].", "unsupported", "antonym"),
    ("m10c", "Did Messi play against FC Cincinnati?", "miami",
     "Argentine journalist Gaston Edul reported that Inter Miami would probably have Messi back for the match in some role [1].", "faithful", "paraphrase"),
    ("m10d", "How did Inter Miami's season end?", "miami",
     "Alvaro Barreal's goal in the 78th minute ended Inter Miami's playoff hopes, and with CF Montreal's 4-1 win over Portland they are out of the postseason [1].", "faithful", "compound"),
    ("m10e", "How did Inter Miami's season end?", "miami",
     "Luciano Acosta's goal in the 78th minute ended Inter Miami's playoff hopes [1].", "unsupported", "binding-name"),
    ("m10f", "Who won the Supporters' Shield?", "miami",
     "FC Cincinnati won the Supporters' Shield as the regular-season champion, which was confirmed on Wednesday even though they lost [1].", "faithful", "paraphrase"),
    ("m11a", "Who is United's top scorer?", "united",
     "McTominay leads United's scoring this season with six goals, one more than Bruno Fernandes and Rasmus Hojlund [1].", "faithful", "paraphrase"),
    ("m11b", "Who is United's top scorer?", "united",
     "Bruno Fernandes leads United's scoring this season with six goals, one more than McTominay and Rasmus Hojlund [1].", "unsupported", "binding-name"),
    ("m11c", "How did United win?", "united",
     "Despite late attacks led by Reece James, Ten Hag's side held firm to keep the win [1].", "faithful", "paraphrase"),
    ("m12a", "Who is in the USMNT squad?", "usmnt",
     "Johnny Cardoso missed the September camp with an ankle injury but is back playing for Internacional and has been named in the squad [1].", "faithful", "compound"),
    ("m12b", "Who is in the USMNT squad?", "usmnt",
     "Johnny Cardoso missed the September camp with an ankle injury and has been left out of the squad [1].", "unsupported", "negation"),
    ("m12c", "When do they play Ghana?", "usmnt",
     "The U.S. will face Ghana in a friendly on October 17 at GEODIS Park in Nashville, Tennessee [1].", "faithful", "paraphrase"),
    ("m12d", "When do they play Ghana?", "usmnt",
     "The U.S. will face Ghana in a friendly on October 17 at GEODIS Park in Nashville, a match that is already sold out [1].", "unsupported", "added-clause"),
    ("m13a", "Did Anthropic's founders try to oust Altman?", "anthropic",
     "An Anthropic spokesperson, Sally Aldous, said Anthropic's co-founders made no attempt to remove Sam Altman from OpenAI [1].", "faithful", "negation-reworded"),
    ("m13b", "Did Anthropic's founders try to oust Altman?", "anthropic",
     "An Anthropic spokesperson, Sally Aldous, said Anthropic's co-founders tried to remove Sam Altman from OpenAI [1].", "unsupported", "negation"),
    ("m13c", "When was OpenAI founded?", "anthropic",
     "OpenAI was founded in late 2015, a few months after a meeting with Altman at the Rosewood hotel in Silicon Valley [1].", "faithful", "paraphrase"),
    ("m14a", "What did Ellison confess?", "ellison",
     "After Binance CEO Changpeng Zhao announced on Twitter that he meant to buy FTX, Ellison admitted to him and a few other employees that customer funds had been stolen, Drappi said [1].", "faithful", "summary"),
    ("m14b", "What did Ellison confess?", "ellison",
     "After Binance CEO Changpeng Zhao announced on Twitter that he meant to buy FTX, Ellison denied to him that customer funds had been stolen, Drappi said [1].", "unsupported", "antonym"),
    ("m14c", "What did Ellison confess?", "ellison",
     "She did say she had spoken with investors as part of their due diligence, while Alameda was absorbing losses from FTX to keep its balance sheet clean [1].", "faithful", "pronoun"),
    ("m15a", "What did the writer admit?", "search",
     "She concedes she may have misread the evidence but still holds that Google manipulates Search to maximise ad revenue [1].", "faithful", "paraphrase"),
    ("m15b", "What did the writer admit?", "search",
     "She concedes she misread the evidence but still holds that Google manipulates Search to maximise ad revenue [1].", "unsupported", "modality"),
    ("m15c", "What happened to the Wired article?", "search",
     "Wired took the article down because it fell short of its standards [1].", "faithful", "negation-reworded"),
    ("m16a", "How did Nike do in Asia?", "nike",
     "Sales in Nike's Latin America and Asia Pacific unit rose 2% to $1.57 billion, slightly below the $1.59 billion analysts had expected, according to StreetAccount [1].", "faithful", "paraphrase"),
    ("m16b", "How did Nike do in Asia?", "nike",
     "Sales in Nike's Latin America and Asia Pacific unit rose 2% to $1.57 billion, slightly above the $1.59 billion analysts had expected [1].", "unsupported", "antonym"),
    ("m16c", "How much did Nike earn?", "nike",
     "Nike's net income for the quarter ending August 31 was $1.45 billion, or 94 cents a share, down from $1.47 billion, or 93 cents a share, a year before [1].", "faithful", "paraphrase"),
    ("m16d", "How much did Nike earn?", "nike",
     "Nike's net income for the quarter ending August 31 was $1.47 billion, or 94 cents a share, up from $1.45 billion a year before [1].", "unsupported", "binding-number"),
    ("m17a", "How good is the Ravens defense?", "ravens",
     "The Ravens have given up the fewest points per game this season, 16.1, and the second-fewest total yards, 4,030 [1].", "faithful", "paraphrase"),
    ("m17b", "How good is the Ravens defense?", "ravens",
     "The Ravens have given up the fewest points per game this season, 16.7, and the second-fewest total yards [1].", "unsupported", "binding-number"),
    ("m17c", "How good is Kelce against the Raiders?", "ravens",
     "Kelce's average of 81.3 receiving yards per game against the Raiders since 2019 suggests he could have a productive game and perhaps end his four-game scoring drought [1].", "faithful", "paraphrase"),
    ("m17d", "How good is Kelce against the Raiders?", "ravens",
     "Kelce averages 81.3 receiving yards per game against the Raiders since 2019, and he will end his four-game scoring drought [1].", "unsupported", "modality"),
    ("m18a", "How did the Springboks take the lead?", "final",
     "South Africa went 12-3 up after 34 minutes when the All Blacks again did not release on their goal line [1].", "faithful", "negation-reworded"),
    ("m18b", "How did the Springboks take the lead?", "final",
     "The All Blacks took a 12-3 lead after 34 minutes when the Springboks again failed to release on their goal line [1].", "unsupported", "binding-name"),
    ("m18c", "What did the All Blacks do against 14 men?", "final",
     "Seeing a chance to attack against 14 men, the All Blacks kicked for the corner a couple of times [1].", "faithful", "paraphrase"),
]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    facts: dict[str, set[str]] = defaultdict(set)
    meta: dict[str, dict[str, str]] = {}
    for query in json.loads(source.read_text(encoding="utf-8")):
        for e in query["evidence_list"]:
            facts[e["url"]].add(e["fact"])
            meta[e["url"]] = e
    articles = HERE / "articles"
    articles.mkdir(exist_ok=True)
    files = {}
    for key, part in ARTICLES.items():
        (url,) = [u for u in facts if part in u]
        text = " ".join(sorted(facts[url]))
        e = meta[url]
        name = f"{key}.txt"
        files[key] = (name, text)
        (articles / name).write_text(
            f"---\ntitle: {json.dumps(e['title'], ensure_ascii=False)}\n"
            f"source: {json.dumps(e['source'], ensure_ascii=False)}\nurl: {json.dumps(url)}\n"
            f"published: {json.dumps(e['published_at'])}\n"
            "license: MultiHop-RAG evidence, ODC-BY 1.0 (Tang & Yang, COLM 2024)\n---\n"
            f"{text}\n", encoding="utf-8")
    cases = [(cid, question, files[key], answer, label, defect)
             for cid, question, key, answer, label, defect in CASES]
    write_to(HERE, "grounding-multihop.json", cases)
    print(f"wrote {len(files)} articles")


if __name__ == "__main__":
    main()
