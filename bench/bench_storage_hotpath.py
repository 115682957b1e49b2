#!/usr/bin/env python3
"""CPU per call of the storage functions on the submission and delivery hot path.

  .venv/bin/python bench/bench_storage_hotpath.py [--database-url postgresql://...]

Preloads a store (bench/support.py ``preload``: the bench account and --suppressed suppressed
addresses), then times, in this process and without a relay around them:

- record: a batch of --batch messages with 1 and with 5 recipients each, half the addresses
  suppressed, as SubmissionHandler._record_batch runs it in the group writer's transaction:
  ``covering_suppressions`` for the batch's addresses, then ``record_messages``;
- defer: ``defer_many`` for the copies of one such batch (a greylisting upstream), then
- settle: ``settle_sent_many`` for the same copies, each in a transaction of its own;
- lookups: ``suppression_of`` (half hits) and ``sending_domain_of``, one call at a time.

Transactions are opened as the group writer opens them (a synchronous Session on SQLite,
``AsyncSession.run_sync`` on PostgreSQL); each function is timed alone, and each whole
transaction too, its commit included (the outcome counters' upserts run at the commit).
Prints microseconds of this process's CPU (and wall clock, which on PostgreSQL includes the
server's work) per call and per message, as the median over the rounds. Without
--database-url the store is a SQLite file in a temporary folder; with a PostgreSQL URL the
bench works in a database of its own (--bench-database, created and dropped here) on that
server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.support import ACCOUNT, preload, scratch_postgres  # noqa: E402
from bench.support import suppressed_address as gone  # noqa: E402
from config.settings import async_database_url  # noqa: E402
from storage.accounts import account_by_name  # noqa: E402
from storage.engine import Store, open_store, utcnow  # noqa: E402
from storage.lookups import sending_domain_of, suppression_of  # noqa: E402
from storage.messages import NewMessage, NotSent, record_messages  # noqa: E402
from storage.queue import Claim, defer_many, settle_sent_many  # noqa: E402
from storage.suppressions import covering_suppressions  # noqa: E402

T = TypeVar("T")
LEASE, LIFETIME = 60.0, 5 * 86_400.0


@dataclass
class Timings:
    """CPU and wall-clock nanoseconds of each timed call."""

    cpu: list[int] = field(default_factory=list)
    wall: list[int] = field(default_factory=list)

    def timed(self, call: Callable[[], T]) -> T:
        cpu, wall = time.process_time_ns(), time.perf_counter_ns()
        result = call()
        self.wall.append(time.perf_counter_ns() - wall)
        self.cpu.append(time.process_time_ns() - cpu)
        return result

    def line(self, name: str, per: int, unit: str) -> str:
        cpu = statistics.median(self.cpu) / 1e3
        wall = statistics.median(self.wall) / 1e3
        return (f"{name:<40}{cpu:>10.0f}{wall:>10.0f}{cpu / per:>12.1f}{wall / per:>12.1f}"
                f"  per {unit}")  # fmt: skip


async def in_transaction(
    store: Store, run: Callable[[Session], T], whole: Timings | None = None
) -> T:
    """``run`` in one write transaction, opened as storage.writer.GroupWriter opens it;
    ``whole`` times all of it, the commit (and what runs at it: the outcome counters) included."""
    cpu, wall = time.process_time_ns(), time.perf_counter_ns()
    if store.sync_write is not None:
        with Session(store.sync_write) as session, session.begin():
            result = run(session)
    else:
        async with store.transaction() as asession:
            result = await asession.run_sync(run)
    if whole is not None:
        whole.wall.append(time.perf_counter_ns() - wall)
        whole.cpu.append(time.process_time_ns() - cpu)
    return result


@dataclass
class Batches:
    """Message batches over fresh and suppressed addresses."""

    account_id: int
    suppressed: int
    pick: random.Random
    serial: int = 0

    def addresses(self, count: int) -> list[str]:
        out = []
        for _ in range(count):
            self.serial += 1
            if self.serial % 2:
                out.append(gone(self.pick.randrange(self.suppressed)))
            else:
                out.append(f"fresh{self.serial}@inbox.example")
        return out

    def wanted(self, messages: int, rcpts: int) -> list[list[str]]:
        return [self.addresses(rcpts) for _ in range(messages)]


def news_of(account_id: int, wanted: list[list[str]], hits: dict[str, Any]) -> list[NewMessage]:
    """The messages as SubmissionHandler._record_batch builds them after its check."""
    news = []
    for n, addresses in enumerate(wanted):
        refused = [NotSent(a, "previously bounced", "user_unknown") for a in addresses if a in hits]
        news.append(
            NewMessage(
                account_id=account_id,
                message_id=f"<bench{n}.{time.monotonic_ns()}@bench.example>",
                campaign="bench",
                mail_from="news@bench.example",
                body=b"Subject: bench\r\n\r\n" + b"x" * 2_000,
                recipients=[a for a in addresses if a not in hits],
                not_sent=refused,
            )
        )
    return news


def record_batch(
    session: Session, account_id: int, wanted: list[list[str]], sink: tuple[Timings, Timings]
) -> list[Claim]:
    """What SubmissionHandler._record_batch runs: the check, then the records."""
    now = utcnow()
    flat = sorted({a for addresses in wanted for a in addresses})
    hits = sink[0].timed(lambda: covering_suppressions(session, account_id, flat))
    news = news_of(account_id, wanted, hits)
    recorded = sink[1].timed(
        lambda: record_messages(session, news, now=now, lease=LEASE, lifetime=LIFETIME)
    )
    return [claim for _, claims in recorded for claim in claims]


def defer_batch(session: Session, claims: list[Claim], sink: Timings) -> None:
    """A temporary failure for every copy, as Deliverer._settle_batch records it."""
    now = utcnow()

    deferred = [(claim, now, 451, "4.7.1 Greylisted") for claim in claims]
    sink.timed(lambda: defer_many(session, deferred, now=now))


def settle_batch(session: Session, sent: list[tuple[Claim, int, str]], sink: Timings) -> None:
    now = utcnow()
    sink.timed(lambda: settle_sent_many(session, sent, now=now))


async def bench_record_and_settle(
    store: Store, batches: Batches, messages: int, rcpts: int, rounds: int, warmup: int
) -> list[str]:
    check, record, defer, settle = Timings(), Timings(), Timings(), Timings()
    whole = {"record": Timings(), "defer": Timings(), "settle": Timings()}
    copies: list[int] = []
    for round_ in range(warmup + rounds):
        timed = round_ >= warmup
        wanted = batches.wanted(messages, rcpts)
        sink = (check, record) if timed else (Timings(), Timings())
        claims = await in_transaction(
            store,
            functools.partial(
                record_batch, account_id=batches.account_id, wanted=wanted, sink=sink
            ),
            whole["record"] if timed else None,
        )
        copies.append(len(claims))
        # Deferred first, then sent: each copy's row is there for both.
        await in_transaction(
            store,
            functools.partial(defer_batch, claims=claims, sink=defer if timed else Timings()),
            whole["defer"] if timed else None,
        )
        sent = [(claim, 250, "2.0.0 Ok: queued as BENCH") for claim in claims]
        await in_transaction(
            store,
            functools.partial(settle_batch, sent=sent, sink=settle if timed else Timings()),
            whole["settle"] if timed else None,
        )
    label = f"{messages} msg x {rcpts} rcpt"
    per_batch = round(statistics.median(copies))
    return [
        check.line(f"covering_suppressions {label}", messages, "message"),
        record.line(f"record_messages {label}", messages, "message"),
        defer.line(f"defer_many {label}", per_batch, "copy deferred"),
        settle.line(f"settle_sent_many {label}", per_batch, "copy sent"),
        whole["record"].line(f"  transaction, commit incl. {label}", messages, "message"),
        whole["defer"].line("  transaction, commit incl.", per_batch, "copy deferred"),
        whole["settle"].line("  transaction, commit incl.", per_batch, "copy sent"),
    ]


async def bench_lookups(store: Store, batches: Batches, calls: int, warmup: int) -> list[str]:
    rcpt, data = Timings(), Timings()
    addresses = batches.addresses(warmup + calls)
    wrong = 0
    for n, address in enumerate(addresses):
        sink = rcpt if n >= warmup else Timings()
        cpu, wall = time.process_time_ns(), time.perf_counter_ns()
        found = await suppression_of(store, batches.account_id, address)
        sink.wall.append(time.perf_counter_ns() - wall)
        sink.cpu.append(time.process_time_ns() - cpu)
        wrong += (found is not None) != address.startswith("gone")
    for n in range(warmup + calls):
        sink = data if n >= warmup else Timings()
        cpu, wall = time.process_time_ns(), time.perf_counter_ns()
        domain = await sending_domain_of(store, batches.account_id, "bench.example")
        sink.wall.append(time.perf_counter_ns() - wall)
        sink.cpu.append(time.process_time_ns() - cpu)
        wrong += domain is None
    if wrong:
        raise RuntimeError(f"{wrong} look-ups answered wrongly")
    return [
        rcpt.line("suppression_of (half hits)", 1, "call"),
        data.line("sending_domain_of", 1, "call"),
    ]


@contextlib.asynccontextmanager
async def bench_url(args: argparse.Namespace) -> AsyncIterator[str]:
    if args.database_url and make_url(args.database_url).get_backend_name() == "postgresql":
        async with scratch_postgres(args.database_url, args.bench_database) as url:
            yield url
        return
    if args.database_url:
        raise SystemExit("--database-url: a postgresql:// URL (SQLite is the default)")
    workdir = Path(tempfile.mkdtemp(prefix="bench-storage-hotpath-"))
    try:
        yield f"sqlite:///{workdir / 'relay.db'}"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


async def run(args: argparse.Namespace) -> list[str]:
    async with bench_url(args) as url:
        started = time.monotonic()
        await preload(url, args.suppressed)
        backend = make_url(url).get_backend_name()
        print(f"{backend}: store ready, {args.suppressed:,} suppressed addresses "
              f"({time.monotonic() - started:.1f} s)", flush=True)  # fmt: skip
        store = open_store(async_database_url(url))
        try:
            async with store.reading() as session:
                account_id = (await account_by_name(session, ACCOUNT)).id
            batches = Batches(account_id, args.suppressed, random.Random(args.seed))
            lines = []
            async with asyncio.timeout(args.timeout):
                for rcpts in args.rcpts:
                    gc.collect()
                    lines += await bench_record_and_settle(
                        store, batches, args.batch, rcpts, args.rounds, args.warmup_rounds
                    )
                gc.collect()
                lines += await bench_lookups(store, batches, args.calls, args.warmup_calls)
        finally:
            await store.close()
    return [f"{backend}:", *lines]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (default: a SQLite file)")
    parser.add_argument("--bench-database", default="relay_bench_hotpath")
    parser.add_argument("--suppressed", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=20, help="messages per batch")
    parser.add_argument("--rcpts", type=int, nargs="+", default=[1, 5])
    parser.add_argument("--rounds", type=int, default=200, help="timed batches per size")
    parser.add_argument("--warmup-rounds", type=int, default=20)
    parser.add_argument("--calls", type=int, default=5_000, help="timed calls per look-up")
    parser.add_argument("--warmup-calls", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds, after preload")
    args = parser.parse_args(argv)
    lines = asyncio.run(run(args))
    print()
    print(lines[0])
    print(f"{'median of the timed calls':<40}{'CPU us':>10}{'wall us':>10}"
          f"{'CPU us/n':>12}{'wall us/n':>12}")  # fmt: skip
    for line in lines[1:]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
