"""Evaluation sets as articles to ingest plus questions with gold passages and answers.

Every set is turned into plain JSON article records, so the eval ingests exactly the way users
ingest (``Newsdesk.ingest``) and scores exactly what users get back.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ui.evaluate.metrics import locate

Split = Literal["dev", "test", "all"]
Kind = Literal["answerable", "unanswerable", "left_out"]

REPO = Path(__file__).resolve().parents[2]
SQUAD2_DEFAULT = REPO / "data" / "eval" / "squad2-sample500"
CORPUS_SET = REPO / "data" / "eval" / "corpus_questions.json"
NEWS_DEFAULT = REPO / "data" / "eval" / "news-dev"


@dataclass(frozen=True)
class EvalQuestion:
    qid: str
    question: str
    kind: Kind
    answers: tuple[str, ...] = ()
    gold: frozenset[str] = frozenset()  # article ids that hold the answer
    # Where the answer sits: (article id, start, end) in the cleaned article text. When given,
    # a cited passage scores only if it holds one of these spans (news sets); without them,
    # if it contains one of ``answers`` (SQuAD).
    spans: tuple[tuple[str, int, int], ...] = ()
    history: tuple[str, ...] = ()  # earlier questions of the conversation, asked first
    category: str = ""  # question kind (who, when, ...) or unanswerable flavour: a report row

@dataclass
class EvalSet:
    name: str
    articles: list[dict[str, str]]  # JSON records for the loader: url (the id), title, body
    questions: list[EvalQuestion]
    notes: dict[str, int] = field(default_factory=dict)
    # Article files ingested as they are (news sets); when empty, ``articles`` are written as
    # one JSONL file. ``articles`` still lists their cleaned records for the baselines.
    files: list[Path] = field(default_factory=list)
    # Smoke runs keep every article (a news desk: its traps need the articles that nearly
    # answer them); always so for a set of article files.
    whole_desk: bool = False

    def limit(self, n: int | None) -> EvalSet:
        """The first ``n`` questions of each kind and only their own articles: a smoke run.

        Retrieval over a handful of articles is easy, so limited runs check that the pipeline
        works end to end, not how well it ranks.

        A set of article files (a news desk) keeps every article: its on-topic unanswerable
        questions are only traps beside the articles that nearly answer them. Questions are
        then picked per ``category``, so a smoke run holds every question kind.
        """
        if not n:
            return self
        picked: list[EvalQuestion] = []
        counts: dict[str, int] = {}
        whole = bool(self.files) or self.whole_desk
        for q in self.questions:
            key = q.category if whole else q.kind
            if counts.get(key, 0) < n:
                counts[key] = counts.get(key, 0) + 1
                picked.append(q)
        if whole:
            return EvalSet(f"{self.name}-limit{n}", self.articles, picked, self.notes,
                           self.files, self.whole_desk)
        wanted = {g for q in picked for g in q.gold}
        articles = [a for a in self.articles if a["url"] in wanted]
        return EvalSet(f"{self.name}-limit{n}", articles, picked, self.notes)

    def write_corpus(self, folder: Path) -> Path:
        """What to ingest: the article files copied as they are, or the records as JSONL."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.files:
            for f in self.files:
                shutil.copyfile(f, folder / f.name)
            return folder
        path = folder / f"{self.name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in self.articles:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return path


def paragraph_id(n: int) -> str:
    return f"squad2-paragraph-{n:03d}"


def load_squad2(
    data: Path = SQUAD2_DEFAULT, split: Split = "dev", leave_out: bool = False
) -> EvalSet:
    """SOURCE.md's split: sort by id, even positions dev, odd test.

    One paragraph = one article; its id is the paragraph's order of first appearance in id order.
    Titles carry no content ("SQuAD paragraph 12"): real titles are not in the sample, and a
    content-bearing title would only repeat the paragraph's first words.

    ``leave_out``: the split's answerable questions alternate kept (even) / left out (odd) in id
    order; paragraphs that are gold only for left-out questions are not ingested, so the right
    behaviour for those questions is a refusal. Unanswerable questions are not part of this mode.
    """
    queries = json.loads((data / "queries.json").read_text(encoding="utf-8"))["queries"]
    truth = json.loads((data / "ground_truth.json").read_text(encoding="utf-8"))
    queries = sorted(queries, key=lambda q: q["id"])
    pids: dict[str, str] = {}
    for q in queries:
        pids.setdefault(q["context"], paragraph_id(len(pids)))
    chosen = [q for i, q in enumerate(queries) if split == "all" or i % 2 == (split == "test")]
    questions: list[EvalQuestion] = []
    for q in chosen:
        gt = truth[q["id"]]
        answers = tuple(a for a in dict.fromkeys(gt["answers"]) if a.strip())
        kind: Kind = "unanswerable" if gt["is_impossible"] else "answerable"
        questions.append(
            EvalQuestion(q["id"], q["question"], kind, answers, frozenset({pids[q["context"]]}))
        )
    contexts = list(pids)
    notes: dict[str, int] = {}
    if leave_out:
        answerable = [q for q in questions if q.kind == "answerable"]
        kept, out = answerable[0::2], answerable[1::2]
        kept_gold = {g for q in kept for g in q.gold}
        dropped = {g for q in out for g in q.gold} - kept_gold
        contexts = [c for c in contexts if pids[c] not in dropped]
        # A left-out question whose paragraph stays (it is also a kept question's gold) is
        # still answerable: it is scored as kept, not as left out.
        questions = [
            q if q in kept or not (q.gold & dropped) else _as_left_out(q)
            for q in answerable
        ]
        notes = {"paragraphs_dropped": len(dropped), "left_out_still_ingested": sum(
            1 for q in out if not q.gold & dropped)}
    articles = [
        {"url": pids[c], "title": f"SQuAD paragraph {int(pids[c][-3:])}", "body": c}
        for c in contexts
    ]
    return EvalSet(f"squad2-{split}{'-leave-out' if leave_out else ''}", articles, questions, notes)


def _as_left_out(q: EvalQuestion) -> EvalQuestion:
    return EvalQuestion(q.qid, q.question, "left_out", q.answers, frozenset())


def load_corpus_set(path: Path = CORPUS_SET, corpus_dir: Path = REPO / "corpus") -> EvalSet:
    """The hand-checked questions over the repo's own ``corpus/``: a regression guard."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    articles = []
    for name in sorted({q.get("article", "") for q in spec["questions"]} - {""}):
        body = (corpus_dir / name).read_text(encoding="utf-8")
        articles.append({"url": name, "title": body.strip().split("\n", 1)[0], "body": body})
    questions = [
        EvalQuestion(
            f"corpus-{i:02d}",
            q["question"],
            "answerable" if q.get("answers") else "unanswerable",
            tuple(q.get("answers", ())),
            frozenset({q["article"]}) if q.get("answers") else frozenset(),
        )
        for i, q in enumerate(spec["questions"])
    ]
    return EvalSet("corpus", articles, questions)


NEWS_KINDS = ("who", "when", "where", "number", "quote", "why", "fact", "followup", "multi")


def load_news(data: Path = NEWS_DEFAULT, leave_out: bool = False) -> EvalSet:
    """A news desk: ``articles/*.txt`` (YAML front matter) and ``questions.json`` (SOURCE.md).

    Articles are read by the same loader ``newsdesk ingest`` uses, so ids (the front matter's
    url) and offsets are the ones the store will hold; each quote is located in its article's
    cleaned text (see ``metrics.locate``). A quote that cannot be found is a broken dataset:
    ``ValueError`` naming the question and file.

    ``leave_out``: the news counterpart of SQuAD2's (``load_squad2``): answerable questions
    alternate kept (even) / left out (odd) in file order, and the sentences that hold a
    left-out question's gold quotes are cut from their articles (``leave_out_news``), so the
    rest of the story stays beside the question, the hardest trap there is.
    """
    from ingest.loaders import load_file

    folder = data / "articles"
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise ValueError(f"no articles/*.txt under {data}; expected a news set (see SOURCE.md)")
    texts: dict[str, tuple[str, str]] = {}  # file name -> (article id, cleaned text)
    records: list[dict[str, str]] = []
    for f in files:
        article = load_file(f, f.name, 50 * 1024 * 1024).articles[0]
        texts[f.name] = (article.article_id, article.text)
        records.append({
            "url": article.article_id, "title": article.title, "body": article.text,
            "source": article.source or "", "published": article.published or "",
            "author": article.author or "",
        })
    raw = json.loads((data / "questions.json").read_text(encoding="utf-8"))
    questions: list[EvalQuestion] = []
    for q in raw:
        history = tuple(q.get("history", ()))
        if not q["answerable"]:
            flavour = q.get("flavour", "unanswerable").removeprefix("unanswerable-")
            questions.append(EvalQuestion(q["id"], q["question"], "unanswerable",
                                          history=history, category=flavour))
            continue
        quotes = {q["article"]: q["quote"], **q.get("alt_quotes", {})}
        spans = []
        for name, quote in quotes.items():
            if name not in texts:
                raise ValueError(f"{data / 'questions.json'}: question {q['id']} names "
                                 f"{name}, which is not in {folder}")
            aid, text = texts[name]
            where = locate(quote, text)
            if where is None:
                raise ValueError(f"{data / 'questions.json'}: question {q['id']}: quote not "
                                 f"found in {name}: {quote[:60]!r}")
            spans.append((aid, *where))
        questions.append(EvalQuestion(
            q["id"], q["question"], "answerable", tuple(quotes.values()),
            frozenset(a for a, _, _ in spans), tuple(spans), history, q.get("kind", "")))
    if leave_out:
        return leave_out_news(EvalSet(data.name, records, questions))
    return EvalSet(data.name, records, questions, files=files)


def leave_out_news(evalset: EvalSet) -> EvalSet:
    """``evalset``'s answerable questions alternating kept / left out, the sentences holding
    the left-out ones' gold spans cut from the article records (written as JSONL, with each
    article's source and date). A question is scored as left out only when none of its gold
    quotes is still found in any article (wire copy repeats sentences); a kept question whose
    quotes were all cut is left out too."""
    from ingest.clean import clean_text
    from rag.text import sentence_spans

    answerable = [q for q in evalset.questions if q.kind == "answerable"]
    out = answerable[1::2]
    cuts: dict[str, list[tuple[int, int]]] = {}
    for q in out:
        for aid, s, e in q.spans:
            cuts.setdefault(aid, []).append((s, e))
    articles = []
    for rec in evalset.articles:
        body = rec["body"]
        gone = [(a, b) for a, b in sentence_spans(body)
                if any(a < e and s < b for s, e in cuts.get(rec["url"], ()))]
        for a, b in reversed(gone):
            body = body[:a] + body[b:].lstrip(" ")
        # As the JSON reader will clean it: the offsets of kept quotes are the store's.
        articles.append(dict(rec, body=clean_text(body)))
    bodies = {a["url"]: a["body"] for a in articles}
    questions = []
    for q in answerable:
        spans = tuple((aid, *where) for aid, body in bodies.items() for quote in q.answers
                      if (where := locate(quote, body)) is not None)
        if spans:
            questions.append(EvalQuestion(q.qid, q.question, "answerable", q.answers,
                                          frozenset(a for a, _, _ in spans), spans, q.history,
                                          q.category))
        else:
            questions.append(EvalQuestion(q.qid, q.question, "left_out", q.answers,
                                          history=q.history, category=q.category))
    out_ids = {q.qid for q in out}
    notes = {"sentences_cut": sum(len(v) for v in cuts.values()),
             "left_out_still_found": sum(1 for q in questions
                                         if q.kind == "answerable" and q.qid in out_ids)}
    return EvalSet(f"{evalset.name}-leave-out", articles, questions, notes, whole_desk=True)
