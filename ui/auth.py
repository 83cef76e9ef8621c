"""Optional login for the UI: ``NEWSDESK_UI_AUTH`` is ``user:password`` or a file of such lines."""

from __future__ import annotations

import asyncio
import hmac
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def parse_auth(value: str) -> list[tuple[str, str]] | None:
    """Turn the ``ui_auth`` setting into Gradio's ``auth`` list; empty means no login.

    A value naming an existing file is read as one ``user:password`` per line (blank lines and
    ``#`` comments skipped), so passwords need not sit in the environment. Anything malformed is
    a ``ValueError`` that says what is expected, never a silently open UI.
    """
    value = value.strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if path.is_file():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the UI auth file {path}: {exc}") from exc
        where = str(path)
    else:
        lines = [value]
        where = "NEWSDESK_UI_AUTH"
    pairs: list[tuple[str, str]] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError(
                f"{where} line {lineno}: expected 'user:password' (or a path to a file of such "
                "lines), got a value without a user name or password"
            )
        pairs.append((user.strip(), password))
    if not pairs:
        raise ValueError(f"{where} holds no 'user:password' line; add one or unset it")
    return pairs


# Each wrong password is answered after this delay (an asyncio sleep: the server keeps serving).
FAIL_DELAY_S = 1.0
# This many wrong passwords in a row from one client address, or for one user name, lock that
# address or name for LOCKOUT_S, doubling with each further lockout up to MAX_LOCKOUT_S. A
# guesser gets 5 tries, then waits 60 s, 120 s, ... (at most ~30 guesses an hour).
MAX_FAILURES = 5
LOCKOUT_S = 60.0
MAX_LOCKOUT_S = 3600.0
# Client addresses remembered at once; past it, those neither locked nor recently failing are
# forgotten first, so a flood of fresh addresses cannot lift a lock.
MAX_TRACKED = 10_000

# The address of the client whose request is being served (set by ``ClientAddress``): Gradio
# calls ``auth(username, password)`` without the request.
client_address: ContextVar[str] = ContextVar("client_address", default="")


class ClientAddress:
    """ASGI middleware: puts the connecting address in ``client_address`` for the request.

    The socket's peer, not a forwarded-for header, which any client can write."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        peer = scope.get("client") if scope.get("type") in ("http", "websocket") else None
        token = client_address.set(str(peer[0]) if peer else "")
        try:
            await self.app(scope, receive, send)
        finally:
            client_address.reset(token)


class LoginGuard:
    """Gradio's ``auth`` callable with a brake on password guessing, per client address and
    per user name.

    ``check`` is a coroutine, so Gradio awaits it and the delay never blocks other requests.
    A locked address is refused without looking at the password. A locked name is refused to
    any address that has failed before; a client that has not failed may still sign in with
    the right password (someone else's guesses cannot lock the real user out), and a wrong one
    from it while the name is locked locks that address at once. Only real user names are
    tracked, so guessing made-up names cannot push a lock out of memory.
    """

    def __init__(
        self,
        pairs: list[tuple[str, str]],
        *,
        fail_delay_s: float = FAIL_DELAY_S,
        max_failures: int = MAX_FAILURES,
        lockout_s: float = LOCKOUT_S,
        clock: Callable[[], float] = time.monotonic,
        max_tracked: int = MAX_TRACKED,
    ) -> None:
        self.users = dict(pairs)
        self.fail_delay_s = fail_delay_s
        self.max_failures = max_failures
        self.lockout_s = lockout_s
        self.clock = clock
        self.max_tracked = max_tracked
        self._names: dict[str, _Attempts] = {}
        self._clients: OrderedDict[str, _Attempts] = OrderedDict()

    async def check(self, username: str, password: str) -> bool:
        if self.allow(username, password, client_address.get()):
            return True
        await asyncio.sleep(self.fail_delay_s)
        return False

    def allow(self, username: str, password: str, client: str = "") -> bool:
        """The decision without the delay (no ``await`` inside, so concurrent tries count)."""
        now = self.clock()
        mine = self._clients.get(client)
        if mine is not None and now < mine.locked_until:
            return False
        name = self._names.get(username)
        name_locked = name is not None and now < name.locked_until
        if name_locked and mine is not None:
            return False  # this address has failed before: the name's lock holds for it
        expected = self.users.get(username)
        ok = expected is not None and hmac.compare_digest(
            password.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
        )
        if ok:
            self._clients.pop(client, None)
            self._names.pop(username, None)
            return True
        mine = self._clients.pop(client, None) or _Attempts()
        mine.fail(now, self, at_once=name_locked)
        self._clients[client] = mine
        if expected is not None:
            self._names.setdefault(username, _Attempts()).fail(now, self)
        self._forget(now)
        return False

    def _forget(self, now: float) -> None:
        """Keep at most ``max_tracked`` addresses: the oldest unlocked ones go first, a locked
        one only when every one left is locked."""
        excess = len(self._clients) - self.max_tracked
        if excess <= 0:
            return
        for key in [k for k, a in self._clients.items() if now >= a.locked_until][:excess]:
            del self._clients[key]
        while len(self._clients) > self.max_tracked:
            self._clients.popitem(last=False)


@dataclass
class _Attempts:
    failures: int = 0
    lockouts: int = 0
    locked_until: float = 0.0

    def fail(self, now: float, guard: LoginGuard, *, at_once: bool = False) -> None:
        self.failures += 1
        if at_once or self.failures >= guard.max_failures:
            self.failures = 0
            self.locked_until = now + min(guard.lockout_s * 2**self.lockouts, MAX_LOCKOUT_S)
            self.lockouts += 1


def login_guard(value: str) -> Callable[[str, str], Awaitable[bool]] | None:
    """The ``auth`` argument for ``launch()``: None (no login) or a rate-limited check."""
    pairs = parse_auth(value)
    return LoginGuard(pairs).check if pairs else None
