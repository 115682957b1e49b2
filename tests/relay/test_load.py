"""The relay under load and faults: a campaign over 200 connections with suppressed recipients
and an upstream that defers some copies; SIGKILL mid-load; the store gone mid-load; the
upstream gone mid-load. Every check is against what the relay answered the clients.

RELAY_LOAD_MESSAGES sets the size of the campaign test (default 10,000 messages),
RELAY_LOAD_FAULT_MESSAGES the size of the fault tests (default 1,500).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from config import Settings
from storage.engine import Store
from storage.models import RecipientStatus
from tests.support.db import (
    opened,
    queued_addresses,
    statuses,
    store_outage,
    suppress_all,
    unsettled,
)
from tests.support.harness import add_account, base_sections, load
from tests.support.load import Load, campaign, eventually, pick
from tests.support.process import RelayProcess, free_port, run_cli
from tests.support.upstream import RandomFailure, Upstream

# The slow tests run in `make test-all`; the one unmarked here is this file's in `make test`.

MESSAGES = int(os.environ.get("RELAY_LOAD_MESSAGES", "10000"))
FAULT_MESSAGES = int(os.environ.get("RELAY_LOAD_FAULT_MESSAGES", "1500"))
CONNECTIONS = 200
CAMPAIGN = "spring-sale"
SUPPRESSED = 0.10  # of all recipients, recorded in the store before the load
DEFERRED = 0.05  # of the RCPTs the upstream answers, with 451
HOLD = 3600.0  # a retry interval no test waits for: a deferred copy stays in the queue
LEASE = 15.0  # longer than any in-line attempt takes under load, so only a kill lets it lapse
FAIL_CLOSED = {  # (code, enhanced status) a client may hear while the store is gone
    (250, "2.1.0"),
    (250, "2.1.5"),
    (250, "2.0.0"),
    (550, "5.7.1"),
    (451, "4.3.0"),
}


def within(messages: int) -> float:
    """A generous bound on submitting ``messages``: the relay did about 50 messages/s on
    SQLite before group commit, and 0.1 s per message leaves room for a slow machine."""
    return 60.0 + messages * 0.1


@dataclass
class LoadRelay:
    process: RelayProcess
    settings: Settings
    config: Path

    @property
    def port(self) -> int:
        return self.process.port

    @property
    def store_url(self) -> str:
        return self.settings.database.url


StartRelay = Callable[..., Awaitable[LoadRelay]]


@pytest.fixture
async def start_relay(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, database_url: str
) -> AsyncIterator[StartRelay]:
    """`relay serve` with the acme account (trusted from 127.0.0.0/8, no DKIM key: signing is
    tested elsewhere and here would only measure RSA), ``suppressed`` recorded in its store."""
    started: list[RelayProcess] = []

    async def start(suppressed: set[str], **overrides: dict[str, Any]) -> LoadRelay:
        port = free_port()
        sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
        sections["server"].update(
            submission_listen=f"127.0.0.1:{port}",
            bounce_listen=f"127.0.0.1:{free_port()}",
            trusted_networks="127.0.0.0/8=acme",
        )
        del sections["delivery"]["backlog"]  # the default: 250 without waiting for delivery
        for name, values in overrides.items():
            sections[name].update(values)
        settings = load(tmp_path, sections)  # writes tmp_path / relay.toml
        await add_account(settings, "acme", "acme.example", "app@acme", dkim=False)
        async with opened(settings.database.url) as store:
            await suppress_all(store, "acme", sorted(suppressed), "user_unknown")
        process = RelayProcess(tmp_path / "relay.toml", port)
        started.append(process)
        await process.start(timeout=60)
        return LoadRelay(process, settings, tmp_path / "relay.toml")

    yield start
    for process in started:
        await process.kill()
        print(process.stderr[-8000:].decode("utf-8", "replace"))  # shown when the test fails


def delivered(upstream: Upstream) -> Counter[str]:
    """How many copies reached each address (the relay sends one recipient per copy)."""
    return Counter(a.lower() for r in upstream.received for a in r.rcpt_tos)


def reached(upstream: Upstream) -> set[str]:
    """Every address the upstream heard a RCPT for, accepted or not."""
    return set(delivered(upstream)) | {a.lower() for a, _ in upstream.refused}


def promised(load: Load) -> set[str]:
    """The recipients of every message the relay answered 250 for, less those it refused."""
    return {a for o in load.accepted for a in o.accepted_recipients}


async def at_rest(store: Store) -> bool:
    """Nothing in flight and nothing due soon: the rest waits for a retry no test sees."""
    return await unsettled(store, within=HOLD / 2) == 0


async def queue_empty(store: Store) -> bool:
    return not await queued_addresses(store)


async def report(relay: LoadRelay) -> list[dict[str, Any]]:
    """`relay report CAMPAIGN --json`, one row per recipient, as an operator runs it."""
    code, out, err = await run_cli(relay.config, "report", CAMPAIGN, "--account", "acme", "--json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def assert_replies(load: Load, suppressed: set[str]) -> None:
    """Suppressed recipients got 550 5.7.1 at RCPT, every other 250, and every message with an
    accepted recipient 250 at DATA."""
    assert [o.error for o in load.errors] == []
    wrong = [
        (address, code, text)
        for o in load.outcomes
        for address, (code, text) in o.rcpt.items()
        if (code, text[:5]) != ((550, "5.7.1") if address in suppressed else (250, "2.1.5"))
    ]
    assert wrong == []
    refused = [
        (o.mail.number, o.data)
        for o in load.outcomes
        if not o.accepted and set(o.mail.recipients) - suppressed
    ]
    assert refused == []


async def assert_report_matches(
    relay: LoadRelay, load: Load, upstream: Upstream, queued: set[str]
) -> None:
    """The report's outcomes are what the upstream received and what the queue holds."""
    rows = await report(relay)
    by_outcome: dict[str, set[str]] = {}
    for row in rows:
        by_outcome.setdefault(row["outcome"], set()).add(row["address"])
    tally = Counter(row["outcome"] for row in rows)
    refused = {a for o in load.accepted for a, (code, _) in o.rcpt.items() if code == 550}
    assert tally["sent"] == len(by_outcome.get("sent", ())) == len(delivered(upstream))
    assert by_outcome.get("sent", set()) == set(delivered(upstream))
    assert tally["not_sent"] == len(refused)
    assert by_outcome.get("not_sent", set()) == refused
    assert {r["detail"] for r in rows if r["outcome"] == "not_sent"} <= {"previously bounced"}
    assert tally["deferred"] == len(queued)
    assert by_outcome.get("deferred", set()) == queued
    assert set(tally) <= {"sent", "not_sent", "deferred"}, tally
    assert {r["message_id"] for r in rows} == {
        f"<load-{o.mail.number}@acme.example>" for o in load.accepted
    }


@pytest.mark.slow
async def test_a_campaign_under_load_is_delivered_once_and_reported_as_delivered(
    start_relay: StartRelay, upstream: Upstream
) -> None:
    mails = campaign(MESSAGES, name=CAMPAIGN)
    suppressed = pick(mails, SUPPRESSED, seed=1)
    relay = await start_relay(suppressed, queue={"retry_schedule": [HOLD], "lease": 600.0})
    upstream.random_failure = RandomFailure(DEFERRED, seed=2)
    load = Load(relay.port, mails, connections=CONNECTIONS)
    async with asyncio.timeout(within(MESSAGES)):
        await load.run()
    assert_replies(load, suppressed)
    async with opened(relay.store_url) as store:
        await eventually(lambda: at_rest(store), timeout=120, what="every copy attempted")
        queued = Counter(await queued_addresses(store))
        copies = await statuses(store)
    deferred_by_upstream = {a.lower() for a, _ in upstream.refused}
    assert not reached(upstream) & suppressed
    got = delivered(upstream)
    assert max(got.values()) == 1, "a copy was delivered twice"
    assert max(queued.values()) == 1
    assert set(queued) == deferred_by_upstream  # each deferred once, then held
    assert set(got) | set(queued) == promised(load)
    assert not set(got) & set(queued)
    for address in promised(load):
        expected = RecipientStatus.SENT if address in got else RecipientStatus.DEFERRED
        assert copies[address] == [expected], address
    await assert_report_matches(relay, load, upstream, set(queued))

    # The operator makes the queue due at once: it drains, and still no copy goes twice.
    code, out, _ = await run_cli(relay.config, "queue", "retry")
    assert (code, out.split()[0]) == (0, str(len(queued)))
    async with opened(relay.store_url) as store:
        await eventually(lambda: at_rest(store), timeout=120, what="the retried copies attempted")
        still = Counter(await queued_addresses(store))
    assert max(delivered(upstream).values()) == 1, "a retried copy was delivered twice"
    assert set(delivered(upstream)) | set(still) == promised(load)
    assert set(still) < set(queued)  # those the upstream deferred a second time
    await assert_report_matches(relay, load, upstream, set(still))


async def test_sigkill_mid_load_loses_nothing_answered_250(
    start_relay: StartRelay, upstream: Upstream
) -> None:
    mails = campaign(FAULT_MESSAGES, name=CAMPAIGN)
    suppressed = pick(mails, SUPPRESSED, seed=3)
    relay = await start_relay(
        suppressed, queue={"retry_schedule": [HOLD], "lease": LEASE, "poll_interval": 0.5}
    )
    upstream.random_failure = RandomFailure(DEFERRED, seed=4)
    load = Load(relay.port, mails, connections=CONNECTIONS)
    running = asyncio.create_task(load.run())
    await eventually(
        lambda: len(load.accepted) >= len(mails) // 5,
        timeout=within(len(mails)),
        what="a fifth of the messages accepted",
        every=0.02,
    )
    await relay.process.kill()
    async with asyncio.timeout(30):
        await running
    answered = [o for o in load.outcomes if o.error is None]
    assert load.errors, "the kill interrupted no client"
    assert len(answered) < len(mails) * 0.9, "the kill came at the end of the load"
    async with opened(relay.store_url) as store:
        sent_at_kill = {a for a, s in (await statuses(store)).items() if RecipientStatus.SENT in s}

    await relay.process.start(timeout=60)
    async with opened(relay.store_url) as store:
        await eventually(lambda: at_rest(store), timeout=LEASE + 120, what="the queue drained")
        queued = Counter(await queued_addresses(store))
        recorded = set(await statuses(store))
    copies = delivered(upstream)
    assert not promised(load) - set(copies) - set(queued), "answered 250, never delivered"
    assert set(queued) <= {a.lower() for a, _ in upstream.refused}
    assert max(queued.values(), default=1) == 1
    twice = {a: n for a, n in copies.items() if n > 1}
    assert not set(twice) & sent_at_kill, "a copy settled before the kill went again"
    assert max(twice.values(), default=2) == 2
    unanswered = {  # DATA sent, the reply lost to the kill: may have been recorded
        a for o in load.errors for a, (code, _) in o.rcpt.items() if code == 250
    }
    assert set(copies) <= (promised(load) | unanswered) & recorded
    assert not reached(upstream) & suppressed


async def test_sigkill_mid_outcome_batch_loses_no_outcome_and_sends_no_settled_copy_again(
    start_relay: StartRelay, upstream: Upstream
) -> None:
    """The outcomes of copies sent are recorded in shared batches (group commit): a kill
    while copies are out and their batch is not yet on disk leaves each of them queued, so
    none is lost, and no copy whose outcome was recorded goes out again."""
    mails = campaign(FAULT_MESSAGES, name=CAMPAIGN)
    relay = await start_relay(set(), queue={"lease": LEASE, "poll_interval": 0.5})
    load = Load(relay.port, mails, connections=CONNECTIONS)
    running = asyncio.create_task(load.run())
    await eventually(
        lambda: len(upstream.received) >= len(mails) // 4,
        timeout=within(len(mails)),
        what="a quarter of the copies delivered",
        every=0.01,
    )
    await relay.process.kill()
    taken = delivered(upstream)  # nothing delivers between the kill and the restart
    async with asyncio.timeout(30):
        await running
    async with opened(relay.store_url) as store:
        at_kill = await statuses(store)
        queued_at_kill = set(await queued_addresses(store))
    sent_at_kill = {a for a, s in at_kill.items() if RecipientStatus.SENT in s}
    assert sent_at_kill <= set(taken), "an outcome recorded for a copy never sent"
    pending = set(taken) - sent_at_kill
    assert pending, "the kill came between outcome batches: nothing was in flight"
    assert pending <= queued_at_kill, "a copy sent, its outcome lost and not queued again"

    await relay.process.start(timeout=60)
    async with opened(relay.store_url) as store:
        await eventually(lambda: queue_empty(store), timeout=LEASE + 120, what="queue drained")
        final = await statuses(store)
    copies = delivered(upstream)
    assert {a for a, s in final.items() if s[-1] != RecipientStatus.SENT} == set()
    assert not promised(load) - set(copies), "answered 250, never delivered"
    assert {a for a in sent_at_kill if copies[a] != 1} == set(), "a settled copy went again"
    assert max(copies.values()) <= 2
    assert {a for a, n in copies.items() if n == 2} <= pending


@pytest.mark.slow
async def test_store_outage_mid_load_fails_closed_and_recovers(
    start_relay: StartRelay, upstream: Upstream
) -> None:
    mails = campaign(FAULT_MESSAGES, name=CAMPAIGN)
    suppressed = pick(mails, SUPPRESSED, seed=5)
    relay = await start_relay(
        suppressed, queue={"retry_schedule": [0.5], "lease": 5.0, "poll_interval": 0.2}
    )
    load = Load(relay.port, mails, connections=50)
    running = asyncio.create_task(load.run())
    await eventually(
        lambda: len(load.accepted) >= len(mails) // 4,
        timeout=within(len(mails)),
        what="a quarter of the messages accepted",
    )
    async with store_outage(relay.store_url, relay.process.pid):
        broken = time.monotonic()
        await eventually(
            lambda: load.count(451, since=broken) >= 20, timeout=60, what="20 replies of 451"
        )
        await asyncio.sleep(1.0)
    restored = time.monotonic()
    async with asyncio.timeout(within(len(mails))):
        await running
    assert [o.error for o in load.errors] == []
    answers = Counter((code, text[:5]) for o in load.outcomes for code, text in o.replies())
    assert set(answers) <= FAIL_CLOSED, answers
    for outcome in load.outcomes:
        for address, (code, _) in outcome.rcpt.items():
            assert code != 250 or address not in suppressed, address
    refused_after = [
        (o.mail.number, o.data)
        for o in load.outcomes
        if o.started > restored + 2.0 and not o.accepted and set(o.mail.recipients) - suppressed
    ]
    assert refused_after == []

    # New clients are served without a restart.
    fresh = Load(relay.port, campaign(30, name=CAMPAIGN, first=len(mails)), connections=5)
    async with asyncio.timeout(60):
        await fresh.run()
    assert [(o.mail.number, o.data) for o in fresh.outcomes if not o.accepted] == []
    assert len(fresh.accepted) == 30
    assert relay.process.running

    async with opened(relay.store_url) as store:
        await eventually(lambda: at_rest(store), timeout=120, what="the queue drained")
        assert await queued_addresses(store) == []
        recorded = await statuses(store)
    copies = delivered(upstream)
    assert set(copies) <= set(recorded), "a copy went out that the store never recorded"
    assert not reached(upstream) & suppressed
    assert promised(load) | promised(fresh) <= set(copies)
    assert all(recorded[a] == [RecipientStatus.SENT] for a in copies)


@pytest.mark.slow
async def test_upstream_down_mid_load_queues_and_drains_when_it_returns(
    start_relay: StartRelay, upstream: Upstream
) -> None:
    mails = campaign(FAULT_MESSAGES, name=CAMPAIGN)
    relay = await start_relay(
        set(),
        queue={"retry_schedule": [1.0], "lease": 60.0, "poll_interval": 0.2},
        delivery={"inline_budget": 2.0, "connect_timeout": 2.0},
    )
    load = Load(relay.port, mails, connections=50)
    running = asyncio.create_task(load.run())
    await eventually(
        lambda: len(upstream.received) >= len(mails) // 5,
        timeout=within(len(mails)),
        what="a fifth of the copies delivered",
    )
    await upstream.stop()
    await asyncio.sleep(0.2)  # a DATA read in full before the stop is still being recorded
    down_at = len(upstream.received)
    before = len(load.accepted)
    await eventually(
        lambda: len(load.accepted) >= before + len(mails) // 5,
        timeout=within(len(mails)),
        what="messages accepted while the upstream is down",
    )
    async with opened(relay.store_url) as store:
        assert await queued_addresses(store), "nothing queued while the upstream is down"
    assert len(upstream.received) == down_at
    await upstream.restart()
    async with asyncio.timeout(within(len(mails))):
        await running
    assert [o.error for o in load.errors] == []
    assert len(load.accepted) == len(mails)
    async with opened(relay.store_url) as store:
        await eventually(
            lambda: queue_empty(store), timeout=within(len(mails)), what="the queue drained"
        )
        recorded = await statuses(store)
    copies = delivered(upstream)
    assert set(copies) == promised(load) == {a for m in mails for a in m.recipients}
    first_arrival: dict[str, int] = {}
    for index, received in enumerate(upstream.received):
        for address in received.rcpt_tos:
            first_arrival.setdefault(address.lower(), index)
    twice = {a: n for a, n in copies.items() if n > 1}
    assert all(first_arrival[a] < down_at for a in twice), "a duplicate not cut off by the stop"
    assert max(twice.values(), default=2) == 2
    assert all(s == [RecipientStatus.SENT] for s in recorded.values())


@pytest.mark.slow
async def test_copies_waiting_past_their_lease_for_a_delivery_slot_go_out_once(
    start_relay: StartRelay, upstream: Upstream
) -> None:
    """A burst leaves copies waiting inside the relay for a delivery slot while a slow upstream
    takes its time; the process holding them is alive, so none may go out twice. (Lease 3 s and
    2 slots here; with the defaults, 300 s and 100 slots, a backlog of 30,000 copies at 1 s
    each waits as long.)"""
    relay = await start_relay(
        set(),
        queue={"retry_schedule": [HOLD], "lease": 3.0, "poll_interval": 0.2},
        delivery={"concurrency": 2, "inline_budget": 0.0},
    )
    upstream.rcpt_delay = 0.25  # 60 copies through 2 slots: about 8 s, past the 3 s lease
    mails = campaign(30, name=CAMPAIGN)
    load = Load(relay.port, mails, connections=10)
    async with asyncio.timeout(60):
        await load.run()
    assert len(load.accepted) == 30
    async with opened(relay.store_url) as store:
        await eventually(lambda: queue_empty(store), timeout=120, what="the backlog delivered")
    await asyncio.sleep(3.0)  # a second attempt still waiting for a slot has arrived by now
    copies = delivered(upstream)
    assert set(copies) == promised(load)
    assert {a: n for a, n in copies.items() if n > 1} == {}
