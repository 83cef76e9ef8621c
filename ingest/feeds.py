"""Feeds on a schedule: the feed list, per-feed state, and ``poll`` (one pass over due feeds).

- The list is ``<data dir>/feeds.toml`` (``[[feed]]`` tables with ``url``, ``name``, ``added``):
  small, readable, editable by hand; read with ``tomllib``, written by ``_toml`` below and checked
  by reading it back before it replaces the old file.
- State (ETag / Last-Modified, last poll, last error, failures, next due time, the entries seen)
  is ``<data dir>/feeds-state.json``, written by the poller only.
- ``poll`` fetches the due feeds in a few threads (per-host spacing in ``ingest.fetch``), saves
  new or changed entries into the corpus (``ingest.web``), then ingests them in one run under
  the writer lock, so the chat keeps answering from the committed store meanwhile. A feed that
  fails backs off exponentially; one bad feed never stops the others.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
import tomllib
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.fetch import Fetcher, check_url
from ingest.web import drop_refused, entry_article, looks_like_feed, parse_feed, save
from rag.errors import IngestError, NewsdeskError
from rag.settings import Settings
from rag.store.flock import lock_within
from rag.types import IngestSummary

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk

log = logging.getLogger(__name__)
# Longest feed name kept (a name is a label in listings, not a description).
MAX_NAME = 200

# Feeds fetched at once. Requests to one host are spaced by fetch_host_interval_s anyway; four
# keeps one slow feed (up to fetch_timeout_s) from holding up the rest.
FETCH_WORKERS = 4
# Backoff for a failing feed: the poll interval (at least RETRY_BASE_MIN) doubled per
# consecutive failure, at most a day.
RETRY_BASE_MIN = 15.0
MAX_BACKOFF_MIN = 24 * 60.0
# An entry whose page keeps failing is given up after this many polls, so it stops forcing
# full (non-conditional) fetches of its feed.
ENTRY_TRIES = 3
HEADER = (
    "# Newsdesk feeds: `newsdesk feeds add|remove|list|poll`, or the Library tab.\n"
    "# Polled every NEWSDESK_FEED_INTERVAL_MIN minutes while `newsdesk serve` runs.\n"
)


@dataclass(frozen=True)
class FeedEntry:
    """One feed in the list."""

    url: str
    name: str = ""
    added: str = ""


@dataclass
class FeedState:
    etag: str = ""
    last_modified: str = ""
    title: str = ""
    last_poll: str = ""
    last_ok: str = ""
    last_error: str = ""
    failures: int = 0
    next_due: float = 0.0
    articles: int = 0  # entries currently in the feed that were saved
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class FeedStatus:
    """What ``feeds list`` and the UI show for one feed."""

    url: str
    name: str
    title: str
    last_poll: str
    last_ok: str
    last_error: str
    failures: int
    next_due: str
    articles: int

    @property
    def status(self) -> str:
        if self.last_error:
            return f"failing ({self.failures}x)"
        return "ok" if self.last_ok else "not polled yet"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status}


@dataclass
class FeedResult:
    url: str
    outcome: str  # "new", "unchanged", "not modified", "failed", "skipped"
    saved: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""


@dataclass
class PollReport:
    feeds: list[FeedResult] = field(default_factory=list)
    summary: IngestSummary = field(default_factory=IngestSummary)
    requests: int = 0
    seconds: float = 0.0
    fetch_seconds: float = 0.0  # of ``seconds``: fetching and saving, before the ingest

    @property
    def ok(self) -> bool:
        return not any(f.outcome == "failed" for f in self.feeds) and self.summary.ok

    def line(self) -> str:
        counts: dict[str, int] = {}
        for f in self.feeds:
            counts[f.outcome] = counts.get(f.outcome, 0) + 1
        feeds = ", ".join(f"{n} {k}" for k, n in counts.items()) or "no feed due"
        return f"feeds: {feeds}; {self.requests} requests; articles: {self.summary.line()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "feeds": [
                {"url": f.url, "outcome": f.outcome, "saved": len(f.saved), "error": f.error,
                 "failed": [{"url": u, "reason": r} for u, r in f.failed]}
                for f in self.feeds
            ],
            "ingest": self.summary.to_json(),
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "fetch_seconds": round(self.fetch_seconds, 3),
        }


# -- the list -----------------------------------------------------------------------------------
def read_list(settings: Settings) -> list[FeedEntry]:
    """The feeds in ``feeds.toml``; ``NewsdeskError`` naming the file when it is malformed."""
    path = settings.feeds_path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise NewsdeskError(f"{path}: cannot read the feed list ({exc.strerror})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NewsdeskError(f"{path}: malformed TOML ({exc}); fix or delete the file") from exc
    except RecursionError as exc:  # arrays nested thousands deep
        raise NewsdeskError(f"{path}: nested too deeply to be a feed list; fix or delete the "
                            "file") from exc
    tables = data.get("feed", [])
    if not isinstance(tables, list):
        raise NewsdeskError(f"{path}: expected [[feed]] tables, each with url = \"...\"")
    out = []
    for i, table in enumerate(tables, 1):
        url = table.get("url") if isinstance(table, dict) else None
        if not isinstance(url, str) or not url.strip():
            raise NewsdeskError(f"{path}: feed {i} has no url = \"...\"; fix or remove it")
        out.append(
            FeedEntry(url.strip(), str(table.get("name", "") or ""), str(table.get("added", "")))
        )
    return out


def add_feed(settings: Settings, url: str, name: str = "", *, check: bool = True) -> str:
    """Add ``url`` to the list (after fetching it once to see that it is a feed, when
    ``check``). Returns a one-line description; raises ``FetchError``/``NewsdeskError``."""
    url = check_url(url)
    note = ""
    if check:
        note = describe_feed(settings, url)
    with _list_lock(settings):
        feeds = read_list(settings)
        if any(f.url == url for f in feeds):
            raise NewsdeskError(f"{url}: already in the feed list")
        feeds.append(FeedEntry(url, _feed_name(name), _now_iso()))
        _write_list(settings, feeds)
    return note or url


def _feed_name(name: str) -> str:
    """A feed's display name on one line: control and direction-changing characters dropped
    (a right-to-left override would turn the rest of a listing line around), spaces folded,
    at most ``MAX_NAME`` characters; ``NewsdeskError`` for a longer one."""
    clean = "".join(" " if ch.isspace() else ch for ch in name
                    if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))
    clean = " ".join(clean.split())
    if len(clean) > MAX_NAME:
        raise NewsdeskError(f"a feed name of {len(clean):,} characters; use at most {MAX_NAME}")
    return clean


def remove_feed(settings: Settings, which: str) -> FeedEntry:
    """Remove a feed by URL or by its number in ``feeds list`` (its articles stay)."""
    with _list_lock(settings):
        feeds = read_list(settings)
        which = which.strip()
        gone = None
        if which.isdigit() and 1 <= int(which) <= len(feeds):
            gone = feeds[int(which) - 1]
        else:
            gone = next((f for f in feeds if f.url == which), None)
        if gone is None:
            raise NewsdeskError(f"{which}: not in the feed list (see `newsdesk feeds list`)")
        _write_list(settings, [f for f in feeds if f is not gone])
    with _state_lock(settings):
        state = _read_state(settings)
        state.pop(gone.url, None)
        _write_state(settings, state)
    return gone


def describe_feed(settings: Settings, url: str) -> str:
    """Fetch ``url`` once (no state, nothing saved): "<title>: N entries", or why it is not a
    feed, naming the feeds a web page links to."""
    resp = Fetcher(settings).get(url)
    if not looks_like_feed(resp):
        from rag.errors import FetchError

        found = _discover(resp.body, resp.url)
        hint = f"; it links to: {', '.join(found[:3])}" if found else ""
        raise FetchError(url, f"this is a web page, not an RSS/Atom feed{hint}")
    feed = parse_feed(resp)
    return f"{feed.title}: {len(feed.entries)} entries"


def feed_statuses(settings: Settings) -> list[FeedStatus]:
    state = _read_state(settings)
    out = []
    for f in read_list(settings):
        st = _state_of(state, f.url)
        out.append(
            FeedStatus(
                url=f.url, name=f.name, title=st.title, last_poll=st.last_poll,
                last_ok=st.last_ok, last_error=st.last_error, failures=st.failures,
                next_due=_iso(st.next_due) if st.next_due else "now", articles=st.articles,
            )
        )
    return out


# -- polling ------------------------------------------------------------------------------------
def poll(
    desk: Newsdesk,
    *,
    only: list[str] | None = None,
    force: bool = False,
    stop: threading.Event | None = None,
) -> PollReport:
    """Fetch the due feeds (``force``: all; ``only``: these URLs) and ingest what is new.

    Raises ``NewsdeskError`` only when the poll cannot run at all (another poll holds the
    lock, the list is malformed); per-feed problems are in the report and the state.
    """
    started = time.perf_counter()
    settings = desk.settings
    report = PollReport()
    with _poll_lock(settings):
        feeds = read_list(settings)
        if only is not None:
            wanted = {u.strip() for u in only}
            feeds = [f for f in feeds if f.url in wanted]
        with _state_lock(settings):
            state = _read_state(settings)
        now = time.time()
        due = [f for f in feeds if force or _state_of(state, f.url).next_due <= now]
        report.feeds.extend(
            FeedResult(f.url, "skipped") for f in feeds if f not in due
        )
        fetcher = Fetcher(settings)
        states = {f.url: _state_of(state, f.url) for f in due}
        with ThreadPoolExecutor(FETCH_WORKERS, thread_name_prefix="newsdesk-feed") as pool:
            results = list(
                pool.map(lambda f: _poll_one(settings, fetcher, f, states[f.url], stop), due)
            )
        report.feeds = [*results, *report.feeds]
        report.fetch_seconds = time.perf_counter() - started
        pending = [Path(p) for p in state.get("_pending", [])]
        paths = list(dict.fromkeys([*pending, *(p for r in results for p in r.saved)]))
        paths = [p for p in paths if p.exists()]
        ingest_error = ""
        if paths and not (stop is not None and stop.is_set()):
            from ingest.pipeline import ingest

            try:
                report.summary = ingest(desk, paths, prune=False)
            except NewsdeskError as exc:
                ingest_error = str(exc)
                report.summary.failed.append(("ingest", ingest_error))
            else:
                _drop_refused(settings, paths, report.summary.failed, states)
                paths = [p for p in paths if p.exists()]
        report.summary.failed[:0] = [x for r in results for x in r.failed]
        with _state_lock(settings):
            state = _read_state(settings)  # feeds added or removed meanwhile stay as they are
            state["_pending"] = [str(p) for p in paths] if (ingest_error or (
                stop is not None and stop.is_set())) else []
            listed = {f.url for f in read_list(settings)}
            for url, st in states.items():
                if url in listed:
                    state[url] = asdict(st)
            _write_state(settings, state)
    report.requests = fetcher.requests
    report.seconds = time.perf_counter() - started
    return report


def _drop_refused(
    settings: Settings,
    paths: list[Path],
    failed: list[tuple[str, str]],
    states: dict[str, FeedState],
) -> None:
    """Delete the files this poll saved that ingest refused (``web.drop_refused``); their
    entries remember the refusal, so an unchanged entry is not fetched again."""
    for path, reason in drop_refused(settings, paths, failed).items():
        for st in states.values():
            for key, seen in st.entries.items():
                if seen.get("path") == str(path):
                    st.entries[key] = {"sig": seen.get("sig", ""), "error": reason,
                                       "gave_up": True}
            st.articles = sum(1 for e in st.entries.values() if e.get("path"))


def _poll_one(
    settings: Settings,
    fetcher: Fetcher,
    feed: FeedEntry,
    st: FeedState,
    stop: threading.Event | None,
) -> FeedResult:
    """One feed: conditional GET, new or changed entries saved; ``st`` updated in place."""
    result = FeedResult(feed.url, "unchanged")
    now = time.time()
    st.last_poll = _now_iso()
    try:
        if stop is not None and stop.is_set():
            result.outcome = "skipped"
            return result
        resp = fetcher.get(feed.url, etag=st.etag, last_modified=st.last_modified)
        if resp.not_modified:
            result.outcome = "not modified"
        else:
            if not looks_like_feed(resp):
                from rag.errors import FetchError

                raise FetchError(feed.url, "not an RSS/Atom feed (the server sent a web page)")
            parsed = parse_feed(resp)
            st.title = parsed.title
            entries: dict[str, dict[str, Any]] = {}
            gave_up = False
            for entry in parsed.entries:
                if stop is not None and stop.is_set():
                    break
                seen = st.entries.get(entry.key, {})
                path = seen.get("path", "")
                if seen.get("deleted") or (path and not Path(path).exists()):
                    # Its article was deleted (and with it the file this poll saved): a
                    # deletion is remembered, the entry is not fetched again.
                    entries[entry.key] = {**seen, "deleted": True}
                    continue
                if seen.get("sig") == entry.signature and (
                    seen.get("gave_up") or (path and Path(path).exists())
                ):
                    entries[entry.key] = seen
                    continue
                try:
                    saved = save(settings.web_dir, entry_article(fetcher, entry))
                    entries[entry.key] = {"sig": entry.signature, "path": str(saved)}
                    result.saved.append(saved)
                except (IngestError, OSError) as exc:
                    label = getattr(exc, "path", entry.link or feed.url)
                    reason = getattr(exc, "reason", None) or str(exc)
                    result.failed.append((label, reason))
                    same = seen.get("sig") == entry.signature
                    tries = int(seen.get("tries", 0)) + 1 if same else 1
                    give_up = tries >= ENTRY_TRIES
                    gave_up = gave_up or give_up
                    entries[entry.key] = {
                        "sig": entry.signature, "tries": tries, "error": reason,
                        **({"gave_up": True} if give_up else {}),
                    }
            st.entries = entries
            st.articles = sum(1 for e in entries.values() if e.get("path"))
            retry_entries = any(
                "tries" in e and not e.get("gave_up") for e in entries.values()
            ) or (stop is not None and stop.is_set())
            # Keep the validators only when every entry is settled: a 304 must not hide an
            # entry whose page failed this time.
            st.etag = "" if retry_entries else resp.etag
            st.last_modified = "" if retry_entries else resp.last_modified
            result.outcome = "new" if result.saved else "unchanged"
            if gave_up:
                log.warning("%s: gave up on an entry after %d tries", feed.url, ENTRY_TRIES)
        st.last_ok = st.last_poll
        st.last_error = ""
        st.failures = 0
        st.next_due = now + _interval_s(settings)
    except NewsdeskError as exc:
        _failed(settings, st, result, str(exc), now)
    except Exception as exc:  # a bug must not stop the other feeds; it is shown as the error
        log.exception("polling %s failed", feed.url)
        _failed(settings, st, result, f"{feed.url}: {type(exc).__name__}: {exc}", now)
    return result


def _failed(
    settings: Settings, st: FeedState, result: FeedResult, message: str, now: float
) -> None:
    st.failures += 1
    st.last_error = " ".join(message.split())[:500]
    base = max(settings.feed_interval_min, RETRY_BASE_MIN)
    wait = min(base * 2 ** (st.failures - 1), MAX_BACKOFF_MIN)
    st.next_due = now + wait * 60
    result.outcome = "failed"
    result.error = st.last_error


def next_due_in(settings: Settings) -> float | None:
    """Seconds until the next feed is due (0 if one is due now); None with no feeds."""
    feeds = read_list(settings)
    if not feeds:
        return None
    state = _read_state(settings)
    now = time.time()
    return max(0.0, min(_state_of(state, f.url).next_due for f in feeds) - now)


# -- files and locks ----------------------------------------------------------------------------
def _write_list(settings: Settings, feeds: list[FeedEntry]) -> None:
    text = HEADER + "".join(
        "\n[[feed]]\n" + "".join(
            f"{k} = {_toml(v)}\n" for k, v in (("url", f.url), ("name", f.name), ("added", f.added))
            if v or k == "url"
        )
        for f in feeds
    )
    back = tomllib.loads(text).get("feed", [])
    expected = [{k: v for k, v in asdict(f).items() if v or k == "url"} for f in feeds]
    if back != expected:  # never replace the user's file with one that reads differently
        raise NewsdeskError(f"{settings.feeds_path}: could not write the feed list faithfully")
    _atomic_write(settings.feeds_path, text)


def _toml(value: str) -> str:
    """A TOML basic string: escapes for quote, backslash and every control character."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _state_path(settings: Settings) -> Path:
    return settings.data_dir / "feeds-state.json"


def _read_state(settings: Settings) -> dict[str, Any]:
    path = _state_path(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError):
        log.warning("%s is unreadable; feed state starts afresh", path)
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(settings: Settings, state: dict[str, Any]) -> None:
    _atomic_write(_state_path(settings), json.dumps(state, indent=1, ensure_ascii=False))


def _state_of(state: dict[str, Any], url: str) -> FeedState:
    raw = state.get(url)
    if not isinstance(raw, dict):
        return FeedState()
    known = {k: v for k, v in raw.items() if k in FeedState.__dataclass_fields__}
    try:
        return FeedState(**known)
    except TypeError:
        return FeedState()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _flock(path: Path, wait_s: float, busy: str) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not lock_within(fd, wait_s, poll_s=0.05):
            raise NewsdeskError(busy)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _poll_lock(settings: Settings) -> Any:
    return _flock(
        settings.data_dir / "feeds-poll.lock", 0.0,
        f"another feed poll is running on {settings.data_dir}; its articles appear when it ends",
    )


def _list_lock(settings: Settings) -> Any:
    return _flock(settings.data_dir / "feeds-list.lock", 10.0, "the feed list is busy; retry")


def _state_lock(settings: Settings) -> Any:
    return _flock(settings.data_dir / "feeds-state.lock", 10.0, "the feed state is busy; retry")


def _discover(body: bytes, url: str) -> list[str]:
    """Feed addresses a web page advertises (trafilatura's feed discovery)."""
    from urllib.parse import urlsplit

    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(url)
    domain, base = parts.hostname or "", f"{parts.scheme}://{parts.netloc}"
    if not domain:
        return []
    try:
        return determine_feed(body.decode("utf-8", "replace"), FeedParameters(base, domain, url))
    except Exception:  # discovery is a hint in an error message; never an error of its own
        return []


def _interval_s(settings: Settings) -> float:
    return settings.feed_interval_min * 60


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).replace(microsecond=0).isoformat()


