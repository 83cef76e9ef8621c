"""The ``newsdesk`` command: a thin shell over ``Newsdesk``. Errors become one line on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rag.errors import NewsdeskError
from rag.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Newsdesk: ask questions about news articles and get answers with numbered citations.",
)


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj["settings"]


def _desk(ctx: typer.Context):  # noqa: ANN202 - import deferred so --help stays fast
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
    llm: Annotated[str | None, typer.Option(help="Answer backend [NEWSDESK_LLM].")] = None,
) -> None:
    """Every option also reads a NEWSDESK_* environment variable; flags win."""
    overrides = {
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
        }.items()
        if v is not None
    }
    try:
        ctx.obj = {"settings": Settings(**overrides)}
    except ValueError as exc:
        _fail(f"invalid setting: {exc}", 2)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories.")] = None,
    prune: Annotated[
        bool, typer.Option("--prune/--no-prune", help="Remove articles whose file is gone.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Ingest articles (default: the corpus directory). Unchanged articles cost nothing."""
    from tqdm import tqdm

    bar: tqdm | None = None

    def progress(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None and total > 20 and sys.stderr.isatty() and not as_json:
            bar = tqdm(total=total, unit="file", file=sys.stderr)
        if bar is not None:
            bar.update(1)

    try:
        summary = _desk(ctx).ingest(paths or None, prune=prune, progress=progress)
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


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question.")],
    top_k: Annotated[int | None, typer.Option(help="Passages to retrieve.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Answer a question from the ingested articles, with numbered citations."""
    try:
        answer = _desk(ctx).query(question, top_k=top_k)
    except (NewsdeskError, ValueError) as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    if answer.note:
        typer.echo(f"note: {answer.note}", err=True)
    typer.echo(answer.text)
    typer.echo("")
    if answer.refused:
        if answer.passages:
            typer.echo("Closest passages:")
            for i, p in enumerate(answer.passages[:3], 1):
                typer.echo(_passage_line(i, p.title, p.source, p.published, p.text))
        return
    for c in answer.citations:
        quote = " … ".join(
            c.passage[s - c.start : e - c.start] for s, e in c.quotes
        ) or c.passage
        typer.echo(_passage_line(c.n, c.title, c.source, c.published, quote, c.url))


@app.command()
def search(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="What to look for.")],
    top_k: Annotated[int | None, typer.Option(help="Passages to return.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print passages as JSON.")] = False,
) -> None:
    """Retrieval only: the passages a question finds, best first."""
    try:
        passages = _desk(ctx).retrieve(question, top_k=top_k)
    except (NewsdeskError, ValueError) as exc:
        _fail(str(exc))
        return
    if as_json:
        data: dict[str, Any] = {"passages": [p.to_json(i) for i, p in enumerate(passages, 1)]}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for i, p in enumerate(passages, 1):
        typer.echo(_passage_line(i, p.title, p.source, p.published, p.text, p.url))
        typer.echo(f"    score {p.score:.3f}  chunk {p.chunk_id}")


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Where the store is, and how many articles and chunks it holds."""
    try:
        info = _desk(ctx).status()
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        typer.echo(f"{key:14} {value}")


def _passage_line(
    n: int, title: str, source: str, published: str, text: str, url: str = ""
) -> str:
    head = " · ".join(x for x in (title, source, published[:10]) if x)
    tail = f"\n    {url}" if url else ""
    body = " ".join(text.split())
    return f"[{n}] {head}\n    {body}{tail}"


def main() -> None:
    app()


if __name__ == "__main__":
    main()
