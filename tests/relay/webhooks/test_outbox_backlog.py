"""What a dispatcher's pass costs does not grow with the outbox's backlog.

A relay whose endpoint falls behind keeps thousands of events of the same few addresses
waiting behind the one in flight; every pass (the claim, the look for orphans) used to read
them all, in the transaction that holds SQLite's write lock, so SMTP slowed down as the backlog
grew. Counted here in SQLite's virtual-machine steps (its progress handler), the work of one
pass with 300 events waiting and with 3,000.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from storage import webhooks
from storage.accounts import add_account
from storage.engine import Store, open_store, utcnow
from storage.schema import ensure_schema
from storage.webhooks import Event, EventType

STEP = 100  # VM instructions between two calls of the progress handler


async def _fill(store: Store, waiting: int) -> None:
    """An endpoint, ``waiting`` events of one address and one event each of 20 others."""
    async with store.transaction() as session:
        acme = (await add_account(session, "acme", ["acme.example"])).id
        await webhooks.add_endpoint(
            session, account_id=acme, url="https://hooks.example/x", sealed_secret="v1:x",
            events=[EventType.MESSAGE_DELIVERED], now=utcnow(),
        )  # fmt: skip
    others = [f"u{n}@x.example" for n in range(20)]
    addresses = ["busy@x.example"] * waiting + others
    for start in range(0, len(addresses), 1000):
        async with store.transaction() as session:
            await webhooks.record_events(
                session,
                [Event(EventType.MESSAGE_DELIVERED, acme, a, {"address": a})
                 for a in addresses[start : start + 1000]],
                now=utcnow(),
            )  # fmt: skip


async def _steps(store: Store, work: Callable[[Any], Awaitable[object]]) -> int:
    """SQLite VM steps (in units of STEP) that ``work(session)`` takes, in one transaction."""
    counted = [0]

    def tick() -> int:
        counted[0] += 1
        return 0  # go on

    async with store.transaction() as session:
        raw = (await (await session.connection()).get_raw_connection()).driver_connection
        await raw.set_progress_handler(tick, STEP)
        try:
            await work(session)
        finally:
            await raw.set_progress_handler(None, STEP)
    return counted[0]


async def _pass_costs(tmp: Path, waiting: int) -> list[int]:
    """The steps of 30 passes while the busy address's first event is in flight: the others
    get delivered, what waits behind it stays."""
    store = open_store(f"sqlite+aiosqlite:///{tmp / f'outbox{waiting}.db'}")
    await ensure_schema(store)
    try:
        await _fill(store, waiting)
        now = utcnow()
        costs = []
        for _ in range(30):

            async def one_pass(session: Any) -> None:
                await webhooks.any_due(session, now=now)
                await webhooks.any_orphaned(session)
                claimed = await webhooks.claim_deliveries(
                    session, now=now, lease=60, limit=50, holder=None
                )
                done = [(d, 204, 1) for d in claimed if b"busy@" not in d.body]
                await webhooks.settle_all_delivered(session, done, now=now)

            costs.append(await _steps(store, one_pass))
        return costs
    finally:
        await store.close()


async def test_a_pass_costs_the_same_with_ten_times_the_backlog(tmp_path: Path) -> None:
    small = await _pass_costs(tmp_path, 300)
    large = await _pass_costs(tmp_path, 3000)
    # The first passes may each put aside a bounded window of what waits (the same work with
    # either backlog); after that a pass reads what is due, not what is blocked.
    assert max(large) < 2 * max(small) + 50, (small, large)
    assert sum(large[-5:]) <= 2 * sum(small[-5:]) + 20, (small, large)
