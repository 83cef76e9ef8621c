"""Optional login for the UI: ``NEWSDESK_UI_AUTH`` is ``user:password`` or a file of such lines."""

from __future__ import annotations

import asyncio
import hmac
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path


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
# This many wrong passwords in a row for one user name lock that name out for LOCKOUT_S,
# doubling with each further lockout up to MAX_LOCKOUT_S. Before, 100 guesses took 0.1 s; now a
# guesser gets 5 tries, then waits 60 s, 120 s, ... (at most ~30 guesses an hour per name).
MAX_FAILURES = 5
LOCKOUT_S = 60.0
MAX_LOCKOUT_S = 3600.0
# Names remembered at once (guessed user names cost memory too); the oldest are forgotten.
MAX_TRACKED = 10_000


class LoginGuard:
    """Gradio's ``auth`` callable with a brake on password guessing.

    ``check`` is a coroutine, so Gradio awaits it and the delay never blocks other requests.
    A locked name is refused without looking at the password, the right one included, until
    its lockout ends; a correct login clears the name's count.
    """

    def __init__(
        self,
        pairs: list[tuple[str, str]],
        *,
        fail_delay_s: float = FAIL_DELAY_S,
        max_failures: int = MAX_FAILURES,
        lockout_s: float = LOCKOUT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.users = dict(pairs)
        self.fail_delay_s = fail_delay_s
        self.max_failures = max_failures
        self.lockout_s = lockout_s
        self.clock = clock
        self._state: OrderedDict[str, _Attempts] = OrderedDict()

    async def check(self, username: str, password: str) -> bool:
        if self.allow(username, password):
            return True
        await asyncio.sleep(self.fail_delay_s)
        return False

    def allow(self, username: str, password: str) -> bool:
        """The decision without the delay (no ``await`` inside, so concurrent tries count)."""
        now = self.clock()
        state = self._state.get(username)
        if state is not None and now < state.locked_until:
            return False
        expected = self.users.get(username)
        ok = expected is not None and hmac.compare_digest(
            password.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
        )
        if ok:
            self._state.pop(username, None)
            return True
        state = self._state.pop(username, None) or _Attempts()
        state.failures += 1
        if state.failures >= self.max_failures:
            state.failures = 0
            state.locked_until = now + min(self.lockout_s * 2**state.lockouts, MAX_LOCKOUT_S)
            state.lockouts += 1
        self._state[username] = state
        while len(self._state) > MAX_TRACKED:
            self._state.popitem(last=False)
        return False


@dataclass
class _Attempts:
    failures: int = 0
    lockouts: int = 0
    locked_until: float = 0.0


def login_guard(value: str) -> Callable[[str, str], Awaitable[bool]] | None:
    """The ``auth`` argument for ``launch()``: None (no login) or a rate-limited check."""
    pairs = parse_auth(value)
    return LoginGuard(pairs).check if pairs else None
