"""The ``newsdesk`` command: a thin shell over ``Newsdesk`` (read side) and ``ingest`` (write
side). Errors become one line on stderr. Heavy imports are deferred so ``--help`` stays fast."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

import typer
from pydantic import ValidationError

from rag.errors import NewsdeskError
from rag.llm.registry import ANSWERERS
from rag.settings import Settings, setting_errors

if TYPE_CHECKING:
    from rag.types import Passage

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Newsdesk: ask questions about news articles and get answers with numbered citations.",
)


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj["settings"]


def _desk(ctx: typer.Context):  # import deferred so --help stays fast
    from rag.newsdesk import Newsdesk

    return Newsdesk(_settings(ctx))


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"newsdesk: error: {message}", err=True)
    raise typer.Exit(code)


@app.callback()
def main_options(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None, typer.Option(help="Store directory [NEWSDESK_DATA_DIR].")
    ] = None,
    corpus_dir: Annotated[
        Path | None, typer.Option(help="Articles directory [NEWSDESK_CORPUS_DIR].")
    ] = None,
    chroma: Annotated[
        str | None, typer.Option(help="host:port of a Chroma server; empty: embedded.")
    ] = None,
    collection: Annotated[str | None, typer.Option(help="Chroma collection name.")] = None,
    embed_model: Annotated[str | None, typer.Option(help="Embedding model directory.")] = None,
    chunk_tokens: Annotated[int | None, typer.Option(help="Token budget per chunk.")] = None,
    chunk_overlap: Annotated[int | None, typer.Option(help="Sentences shared by chunks.")] = None,
    llm: Annotated[
        str | None,
        typer.Option(help=f"Answer backend: {', '.join(ANSWERERS)} [NEWSDESK_LLM]."),
    ] = None,
    llm_base_url: Annotated[
        str | None, typer.Option(help="LLM server URL (openai: .../v1) [NEWSDESK_LLM_BASE_URL].")
    ] = None,
    llm_model: Annotated[
        str | None, typer.Option(help="Model name on the server [NEWSDESK_LLM_MODEL].")
    ] = None,
    llm_model_path: Annotated[
        str | None, typer.Option(help="llamacpp GGUF; empty: embedded Gemma 3 270M.")
    ] = None,
) -> None:
    """Every option also reads a NEWSDESK_* environment variable; flags win."""
    overrides: dict[str, Any] = {
        k: v
        for k, v in {
            "data_dir": data_dir,
            "corpus_dir": corpus_dir,
            "chroma": chroma,
            "collection": collection,
            "embed_model": embed_model,
            "chunk_tokens": chunk_tokens,
            "chunk_overlap": chunk_overlap,
            "llm": llm,
            "llm_base_url": llm_base_url,
            "llm_model": llm_model,
            "llm_model_path": llm_model_path,
        }.items()
        if v is not None
    }
    try:
        ctx.obj = {"settings": Settings(**overrides)}
    except ValidationError as exc:
        _fail(f"invalid setting: {setting_errors(exc)}", 2)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories, or http(s) URLs of pages and RSS/Atom feeds."),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune/--no-prune", help="Remove articles whose file is gone.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Ingest articles (default: the corpus directory). Unchanged articles cost nothing.

    URLs are fetched into corpus/web/<host>/ as Markdown first (a feed: one file per entry)."""
    from tqdm import tqdm

    from ingest import ingest as ingest_articles
    from ingest.pipeline import Tally
    from ingest.web import ingest_urls, is_url

    bar: tqdm | None = None

    def progress(t: Tally) -> None:
        """Articles done of those read so far (one JSONL file may hold hundreds)."""
        nonlocal bar
        if bar is None and t.known > 20 and sys.stderr.isatty() and not as_json:
            bar = tqdm(total=t.known, unit="article", file=sys.stderr)
        if bar is not None:
            bar.total = t.known
            bar.n = t.done
            bar.refresh()

    urls = [p for p in paths or [] if is_url(p)]
    files = [Path(p) for p in paths or [] if not is_url(p)]
    try:
        if urls:
            summary = ingest_urls(_desk(ctx), urls, paths=files, prune=prune)
        else:
            summary = ingest_articles(_desk(ctx), files or None, prune=prune, articles=progress)
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        typer.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{summary.line()} ({summary.seconds:.1f} s)")
        for path, reason in summary.failed:
            typer.echo(f"  failed: {path}: {reason}", err=True)
    if summary.failed:
        raise typer.Exit(1)


SourceOpt = Annotated[
    list[str] | None,
    typer.Option("--source", help="Only this source (repeat for several; '' = no source)."),
]
SinceOpt = Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")]
UndatedOpt = Annotated[
    bool, typer.Option("--include-undated", help="Keep undated articles under a date range.")
]


def _filters(
    source: list[str] | None, since: str | None, until: str | None, undated: bool
) -> dict[str, Any] | None:
    if not (source or since or until):
        return None
    return {"sources": source or [], "since": since or "", "until": until or "", "undated": undated}


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question.")],
    top_k: Annotated[int | None, typer.Option(help="Passages to retrieve.")] = None,
    source: SourceOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    include_undated: UndatedOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Answer a question from the ingested articles, with numbered citations."""
    _check_top_k(ctx, top_k)
    filters = _filters(source, since, until, include_undated)
    try:
        # Text is printed as it arrives (an LLM backend streams checked sentences).
        stream = _desk(ctx).query_stream(question, top_k=top_k, filters=filters)
        for delta in stream:
            if not as_json:
                typer.echo(delta, nl=False)
                sys.stdout.flush()
        answer = stream.result()
    except (NewsdeskError, ValueError) as exc:
        _fail(str(exc))
        return
    if not as_json:
        typer.echo("")
    if answer.note:
        typer.echo(f"note: {answer.note}", err=True)
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    typer.echo("")
    if answer.refused:
        if answer.passages:
            typer.echo("Closest passages:")
            for i, p in enumerate(answer.passages[:3], 1):
                typer.echo(_passage_line(i, p, link=False))
        return
    for c in answer.citations:
        quote = " … ".join(
            c.passage[s - c.start : e - c.start] for s, e in c.quotes
        ) or c.passage
        typer.echo(_passage_line(c.n, c, quote))


@app.command()
def search(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="What to look for.")],
    top_k: Annotated[int | None, typer.Option(help="Passages to return.")] = None,
    source: SourceOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    include_undated: UndatedOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print passages as JSON.")] = False,
) -> None:
    """Retrieval only: the passages a question finds, best first."""
    _check_top_k(ctx, top_k)
    filters = _filters(source, since, until, include_undated)
    try:
        passages = _desk(ctx).retrieve(question, top_k=top_k, filters=filters)
    except (NewsdeskError, ValueError) as exc:
        _fail(str(exc))
        return
    if as_json:
        data: dict[str, Any] = {"passages": [p.to_json(i) for i, p in enumerate(passages, 1)]}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for i, p in enumerate(passages, 1):
        typer.echo(_passage_line(i, p))
        typer.echo(f"    score {p.score:.3f}  chunk {p.chunk_id}")


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Where the store is, what it holds, and whether Chroma, the lexical index and the corpus
    folder agree with it (exit 1 if not)."""
    from ingest.corpus import corpus_problems

    try:
        desk = _desk(ctx)
        info = desk.status()
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    # The corpus folder against the stored articles (a replica has no corpus of its own).
    drift = [] if info.get("replica_of") else corpus_problems(desk)
    info["corpus_in_step"] = not drift
    info["corpus_problems"] = drift
    if as_json:
        typer.echo(json.dumps(info, indent=2))
    else:
        for key, value in info.items():
            if key in ("problems", "corpus_problems"):
                for problem in value:
                    typer.echo(f"{'problem':14} {problem}")
            else:
                typer.echo(f"{key:14} {value}")
    if info.get("consistent") is False:
        problems = info["problems"]
        only_pending = info["pending"] and len(problems) == 1
        settings = _settings(ctx)
        rebuild = "" if only_pending else (
            f"; rebuild it: NEWSDESK_DATA_DIR={settings.data_dir}-new newsdesk ingest "
            f"{settings.corpus_dir}"
        )
        _fail(f"the store is inconsistent: {'; '.join(problems)}{rebuild}")
    if drift:
        _fail(f"the corpus and the store are out of step: {'; '.join(drift)}")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(envvar="NEWSDESK_HOST", help="Interface to bind; 0.0.0.0 exposes it."),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(envvar="NEWSDESK_PORT", help="Port of the web UI.")
    ] = 7860,
) -> None:
    """Open the chat in the browser (Gradio): streaming cited answers, sources, article upload."""
    try:
        from ui.app import serve as serve_ui

        serve_ui(_settings(ctx), host=host, port=port)
    except (NewsdeskError, ValueError, OSError) as exc:
        _fail(str(exc))


@app.command("eval")
def eval_(
    ctx: typer.Context,
    dataset: Annotated[str, typer.Argument(help="news, squad2 or corpus.")],
    split: Annotated[str, typer.Option(help="squad2 split: dev (tune) or test (report).")] = "dev",
    leave_out: Annotated[
        bool, typer.Option("--leave-out", help=(
            "Drop half the answerable questions' paragraphs (squad2) or gold sentences "
            "(news): those questions must be refused."))
    ] = False,
    limit: Annotated[
        int | None, typer.Option(help="At most N questions of each kind (smoke runs).")
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(help="Dataset folder (default: data/eval/news-dev or squad2-sample500)."),
    ] = None,
    baselines: Annotated[
        bool, typer.Option("--baselines/--no-baselines", help="Score LlamaIndex and bm25s too.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score retrieval, answers and refusals on a dataset in a throw-away store, with baselines."""
    from ui.evaluate import datasets
    from ui.evaluate.runner import evaluate

    if dataset not in ("news", "squad2", "corpus") or split not in ("dev", "test"):
        _fail(f"expected DATASET news|squad2|corpus and --split dev|test, got {dataset!r} "
              f"{split!r}", 2)
    default = {"news": datasets.NEWS_DEFAULT, "squad2": datasets.SQUAD2_DEFAULT,
               "corpus": datasets.CORPUS_SET}[dataset]
    folder = default if dataset == "corpus" else data or default
    if not folder.exists():
        where = "" if data else (" (the evaluation data ships with the source tree, not the "
                                 "package: run it from a git clone, or pass --data DIR)")
        _fail(f"no {dataset} dataset at {folder}{where}")
    try:
        if dataset == "news":
            evalset = datasets.load_news(folder, leave_out)
        elif dataset == "squad2":
            evalset = datasets.load_squad2(folder, cast(Literal["dev", "test"], split), leave_out)
        else:
            evalset = datasets.load_corpus_set()
        report = evaluate(evalset.limit(limit), _settings(ctx), with_baselines=baselines)
    except (NewsdeskError, OSError, ValueError) as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        typer.echo(report.table())


def _check_top_k(ctx: typer.Context, top_k: int | None) -> None:
    """Settings checks ``top_k`` (the one place); here it gets the option's spelling."""
    try:
        _settings(ctx).passages_for(top_k, name="--top-k")
    except ValueError as exc:
        _fail(str(exc), 2)


def _passage_line(n: int, p: Passage, text: str | None = None, *, link: bool = True) -> str:
    tail = f"\n    {p.url}" if p.url and link else ""
    body = " ".join((p.text if text is None else text).split())
    return f"[{n}] {p.byline}\n    {body}{tail}"


from ui.feeds_cli import feeds_app  # noqa: E402 - after the commands, so --help lists it last

app.add_typer(feeds_app, name="feeds")


def main() -> None:
    # Third-party noise off (transformers' "Loading weights" bar and config warnings, the hub's
    # download bars): every command printed them. The project's own progress bars stay; a user
    # who wants the noise back sets these variables.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    app()


if __name__ == "__main__":
    main()
