"""Failed SMTP logins: logged one line each, slowed, then refused for a while.

Like Postfix's anvil, the counts are kept per client address and per user name, in the
process's memory (each worker counts its own), and bounded in size.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("relay.auth")

# Entries each table keeps at most: enough for a botnet's worth of client addresses, a few
# megabytes of memory. Past it the longest-quiet entries are forgotten first.
MAX_ENTRIES = 50_000


@dataclass(frozen=True, slots=True)
class GuardSettings:
    """How failures are counted and answered."""

    limit: int  # failures within `window` after which logins are refused
    window: float  # seconds a failure counts for; also how long the refusal lasts
    delay: float  # seconds of the first delay; each further failure doubles it
    max_delay: float  # the delay never grows past this


@dataclass(slots=True)
class _Failures:
    count: int
    last: float


class _Table:
    """Failures per key (a client address or a user name), oldest-quiet first."""

    def __init__(self, window: float, clock: Callable[[], float]) -> None:
        self._window = window
        self._clock = clock
        self._entries: OrderedDict[str, _Failures] = OrderedDict()

    def count(self, key: str) -> int:
        entry = self._entries.get(key)
        if entry is None:
            return 0
        if self._clock() - entry.last >= self._window:
            del self._entries[key]
            return 0
        return entry.count

    def fail(self, key: str) -> int:
        count = self.count(key) + 1
        self._entries[key] = _Failures(count, self._clock())
        self._entries.move_to_end(key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)
        return count

    def forget(self, key: str) -> None:
        self._entries.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)


class LoginGuard:
    """Counts failed logins per client address and per user name."""

    def __init__(
        self, settings: GuardSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clients = _Table(settings.window, clock)
        self._users = _Table(settings.window, clock)

    def locked(self, client: str, user: str) -> bool:
        """Whether logins from ``client`` or as ``user`` are refused for now."""
        limit = self.settings.limit
        return self._clients.count(client) >= limit or self._users.count(user) >= limit

    def failed(self, client: str, user: str, mechanism: str) -> float:
        """Count a failed login, log it, and return how long to wait before answering."""
        failures = max(self._clients.fail(client), self._users.fail(user))
        # One line a fail2ban filter can match: `AUTH failed for user=\S* from=<HOST>`.
        log.warning("AUTH failed for user=%s from=%s mechanism=%s", shown(user), client, mechanism)
        if failures >= self.settings.limit:
            log.warning(
                "AUTH locked for user=%s from=%s after %d failures",
                shown(user),
                client,
                failures,
            )
        doubled = self.settings.delay * 2.0 ** min(failures - 1, 30)
        return min(doubled, self.settings.max_delay)

    def refused(self, client: str, user: str, mechanism: str) -> None:
        """Log a login refused because of earlier failures (its password was not checked)."""
        log.warning(
            "AUTH refused for user=%s from=%s mechanism=%s: too many failures",
            shown(user),
            client,
            mechanism,
        )

    def succeeded(self, user: str) -> None:
        """A good login ends its user name's count (not its client's: one known password
        must not let a client guess others' at full speed)."""
        self._users.forget(user)

    @property
    def size(self) -> tuple[int, int]:
        """(client addresses, user names) remembered."""
        return len(self._clients), len(self._users)


def shown(user: str) -> str:
    """A user name safe for one log line: no spaces, controls or non-ASCII (escaped), short."""
    escaped = "".join(c if "!" <= c <= "~" and c != "\\" else f"\\x{ord(c):02x}" for c in user)
    return escaped[:128] or '""'
