"""A relay SIGKILLed with events in its outbox, some of them in flight: the next relay
delivers every one, none twice under different ids, none for a fact that is not recorded."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.engine import open_store
from storage.models import Recipient, RecipientStatus, Suppression, WebhookOutbox
from tests.support.harness import message
from tests.support.process import RelayProcess
from tests.support.upstream import Upstream
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import SENDER, relay_with_webhooks, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver(delay=1.0)  # slow: the first events are in flight when the relay dies
    made.start()
    yield made
    made.stop()


async def recorded_facts(url: str) -> set[tuple[str, str]]:
    """(event type, address) of every fact the store holds."""
    store = open_store(url, pool_size=1)
    try:
        async with store.reading() as session:
            copies = (await session.execute(select(Recipient.status, Recipient.address))).all()
            suppressed = (await session.scalars(select(Suppression.address))).all()
    finally:
        await store.close()
    kinds = {RecipientStatus.SENT: "message.delivered", RecipientStatus.BOUNCED: "message.bounced"}
    facts = {(kinds[status], address) for status, address in copies if status in kinds}
    return facts | {("suppression.created", a) for a in suppressed}


async def waiting_events(url: str) -> int:
    store = open_store(url, pool_size=1)
    try:
        async with store.reading() as session:
            return len((await session.scalars(select(WebhookOutbox.id))).all())
    finally:
        await store.close()


async def test_sigkill_with_events_waiting_and_in_flight(
    tmp_path: Path,
    tls_files: tuple[Path, Path],
    upstream: Upstream,
    ca: object,
    database_url: str,
    receiver: Receiver,
) -> None:
    served = await relay_with_webhooks(
        tmp_path, tls_files, upstream.port, database_url, ca, receiver,
        retry_schedule=[0.3], poll_interval=0.1, timeout=10.0,
    )  # fmt: skip
    settings, config, port, relay = served.settings, served.config, served.port, served.relay
    first = RelayProcess(config, port)
    await first.start()
    try:
        for n in range(3):
            upstream.rcpt_replies[f"gone{n}@example.net"] = "550 5.1.1 User unknown"
        async with relay.client() as smtp:
            for n in range(10):
                to = f"gone{n}@example.net" if n < 3 else f"ok{n}@example.net"
                await smtp.sendmail(SENDER, [to], message(SENDER, to))
        await wait_until(lambda: receiver.requests >= 1)
        await first.kill()  # SIGKILL, requests under way
        assert await waiting_events(settings.database.url) > 0
        second = RelayProcess(config, port)
        await second.start()
        try:
            facts = await recorded_facts(settings.database.url)
            assert len(facts) == 13  # 7 delivered, 3 bounced, 3 suppressions
            # Well before the dead relay's leases (2 x timeout + 5 s) run out: the events it
            # held are due as soon as the new relay finds it dead.
            await wait_until(
                lambda: {(a.type, a.data["address"]) for a in receiver.arrivals} >= facts, 15
            )
            async with asyncio.timeout(30):
                while await waiting_events(settings.database.url):
                    await asyncio.sleep(0.1)
        finally:
            await second.kill()
    finally:
        await first.kill()
    assert receiver.unverified == []
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for arrival in receiver.arrivals:
        ids[(arrival.type, arrival.data["address"])].add(arrival.webhook_id)
    assert set(ids) == facts  # nothing for a fact the store does not hold
    assert all(len(found) == 1 for found in ids.values()), ids  # one id per event
