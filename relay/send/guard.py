"""The bounce-rate guard on the SMTP path: MAIL and RCPT of a paused account get a 451.

Each process keeps the paused accounts in memory, refreshed from the store every
``guard.refresh_interval`` seconds by one query, so the check per command is a dict look-up.
A store that cannot be read keeps the last known state (the RCPT path fails closed on the
suppression check anyway).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from relay.smtp import replies
from storage.engine import Store, StoreUnavailable
from storage.guard import GuardState, guard_states

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.guard")


class PausedAccounts:
    """The accounts the guard paused, as this process last read them."""

    def __init__(self, store: Store, *, interval: float) -> None:
        self._store = store
        self._interval = interval
        self._paused: dict[int, GuardState] = {}

    def refusal(self, account_id: int) -> str | None:
        """The 451 for a paused account, None otherwise: no I/O."""
        state = self._paused.get(account_id)
        return replies.sending_paused(state.why()) if state is not None else None

    async def refresh(self) -> None:
        """Read the paused accounts again."""
        async with self._store.reading() as session:
            self._paused = await guard_states(session, paused_only=True)

    async def run(self, stop: asyncio.Event) -> None:
        """Refresh until ``stop`` is set."""
        while not stop.is_set():
            try:
                await self.refresh()
            except (StoreUnavailable, OSError) as exc:
                log.warning("guard: cannot read the paused accounts: %s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._interval)
