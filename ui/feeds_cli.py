"""``newsdesk feeds add|remove|list|poll``: the feed list and one poll (for cron), over
``ingest.feeds``. Errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from rag.errors import NewsdeskError
from rag.settings import Settings

feeds_app = typer.Typer(
    no_args_is_help=True,
    help="RSS/Atom feeds polled into the corpus: add, remove, list, poll.",
)


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj["settings"]


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"newsdesk: error: {message}", err=True)
    raise typer.Exit(code)


@feeds_app.command("add")
def add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="http(s) address of an RSS or Atom feed.")],
    name: Annotated[str, typer.Option(help="A label for `feeds list`.")] = "",
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Fetch it once to see that it is a feed.")
    ] = True,
) -> None:
    """Add a feed to the list; `feeds poll` (or `serve`) then ingests its articles."""
    from ingest.feeds import add_feed

    try:
        note = add_feed(_settings(ctx), url, name, check=check)
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    typer.echo(f"added {url} ({note})" if note != url else f"added {url}")


@feeds_app.command("remove")
def remove(
    ctx: typer.Context,
    which: Annotated[str, typer.Argument(help="The feed's URL, or its number in `feeds list`.")],
) -> None:
    """Remove a feed from the list (the articles it brought stay in the corpus)."""
    from ingest.feeds import remove_feed

    try:
        gone = remove_feed(_settings(ctx), which)
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    typer.echo(f"removed {gone.url}")


@feeds_app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Each feed with its status, last poll, last error and next poll."""
    from ingest.feeds import feed_statuses

    try:
        feeds = feed_statuses(_settings(ctx))
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps([f.to_json() for f in feeds], ensure_ascii=False, indent=2))
        return
    if not feeds:
        typer.echo("no feeds; add one with `newsdesk feeds add URL`")
        return
    for i, f in enumerate(feeds, 1):
        label = f.name or f.title
        typer.echo(f"[{i}] {f.url}" + (f"  ({label})" if label else ""))
        typer.echo(
            f"    {f.status} · {f.articles} articles · last poll {f.last_poll or 'never'}"
            f" · next {f.next_due}"
        )
        if f.last_error:
            typer.echo(f"    last error: {f.last_error}")


@feeds_app.command("poll")
def poll(
    ctx: typer.Context,
    urls: Annotated[
        list[str] | None, typer.Argument(help="Only these feeds (default: every due feed).")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Poll now even feeds not due or backing off.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Poll the due feeds once and ingest new articles (for cron). Exit 1 if any failed."""
    from ingest.feeds import poll as poll_feeds
    from rag.newsdesk import Newsdesk

    try:
        report = poll_feeds(Newsdesk(_settings(ctx)), only=urls or None, force=all_ or bool(urls))
    except NewsdeskError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{report.line()} ({report.seconds:.1f} s)")
        for f in report.feeds:
            if f.error:
                typer.echo(f"  failed: {f.error}", err=True)
        for where, reason in report.summary.failed:
            typer.echo(f"  failed: {where}: {reason}", err=True)
    if not report.ok:
        raise typer.Exit(1)
