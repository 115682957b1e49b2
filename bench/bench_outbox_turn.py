#!/usr/bin/env python3
"""What the webhook outbox rows cost inside the group writer's SQLite transaction.

  .venv/bin/python bench/bench_outbox_turn.py [--batch 10] [--rounds 300] [--repeat 3]

Two SQLite files in the default configuration (``open_store(..., checkpoint=True)``, as the
relay opens its store: WAL, synchronous=FULL, the checkpoints in a thread), each preloaded
with bench/support.py ``preload``; on one of them a webhook endpoint subscribed to every event
("on"), on the other none ("off"). Each round runs, on each file in turn (the order
alternating), what one group commit of a relay at 1 recipient holds: ``record_messages`` of
--batch new messages (one fresh recipient each, so no refusal and no event at intake) and
``settle_sent_many`` of the previous round's --batch copies (their message.delivered events
built before the transaction, as relay.send.delivery does), then the COMMIT, on a synchronous
Session on the store's writer engine, as storage.writer.GroupWriter runs it. Between rounds
the "on" file's outbox is emptied, but for its newest --backlog events, as the dispatcher's
settle does (``settle_all_delivered_in``; its statements and COMMIT timed, per event, as
"dispatcher settle") on a store opened as the dispatcher's process opens it
(synchronous=NORMAL: the next COMMIT of the workers takes its WAL frames to the disk, so that
fsync is counted).

Per copy, the median over the rounds of: the statements (CPU and wall), of them
``settle_sent_many`` (which holds the events' ``listeners`` query and outbox INSERT), the
COMMIT (wall: its fsync; CPU), the whole transaction (what the writer's turn holds), and the
WAL frames the COMMIT wrote (from the -shm header's mxFrame; rounds where the checkpointer
restarted the log are left out), and those the COMMIT's fsync took to the disk (its own and
the dispatcher's since the file's previous timed COMMIT); with --pages N, every Nth round,
which b-tree (table or index, from SQLite's dbstat) each of those frames wrote. --workers
writer connections (default 2, the relay's worker processes on 2 cores) take turns by
rounds: as in the relay, a worker's turn often follows another connection's COMMIT, which
empties its page cache. --repeat runs the whole (fresh files) again; the load average is
printed before each repetition.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import shutil
import sqlite3
import statistics
import struct
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.support import ACCOUNT, preload  # noqa: E402
from config.settings import async_database_url  # noqa: E402
from storage import queue, webhooks  # noqa: E402
from storage.accounts import account_by_name  # noqa: E402
from storage.engine import Store, open_store, utcnow  # noqa: E402
from storage.messages import NewMessage, record_messages  # noqa: E402
from storage.queue import Claim, settle_sent_many  # noqa: E402
from storage.webhooks import (  # noqa: E402
    Event,
    EventType,
    add_endpoint,
    deliveries_in,
    prepared,
    settle_all_delivered_in,
)

LEASE, LIFETIME = 60.0, 5 * 86_400.0
PHASES = (
    "statements",
    "settle_sent_many",
    "  listeners",
    "  add_events",
    "commit",
    "transaction",
    "dispatcher settle",
)


@dataclass
class Sink:
    """Per phase, CPU and wall ns a copy, one value per timed round; WAL frames a round."""

    cpu: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PHASES})
    wall: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PHASES})
    frames: list[int] = field(default_factory=list)
    synced: list[int] = field(default_factory=list)  # since the side's last COMMIT: fsynced
    # --pages: the b-trees (table or index) of the pages those frames wrote, summed over the
    # sampled rounds, for the COMMIT's own frames and for the dispatcher's before it.
    pages: dict[str, Counter[str]] = field(
        default_factory=lambda: {"commit": Counter(), "dispatcher": Counter()}
    )
    sampled: int = 0


@dataclass
class Side:
    name: str
    store: Store  # the worker whose turn is next
    shm: Path
    account_id: int
    dispatcher: Store | None = None
    pending: list[Claim] = field(default_factory=list)
    serial: int = 0
    last: int = -1  # mxFrame after this side's last COMMIT
    drained: tuple[int, int] = (-1, -1)  # mxFrame before and after the last drain
    workers: list[Store] = field(default_factory=list)  # --workers: they take turns


def mx_frame(shm: Path) -> int:
    """The WAL's last valid frame, from the wal-index header (offset 16, native order)."""
    try:
        with shm.open("rb") as f:
            head = f.read(20)
    except OSError:
        return -1
    return struct.unpack("=I", head[16:20])[0] if len(head) == 20 else -1


def news(side: Side, count: int) -> list[NewMessage]:
    out = []
    for _ in range(count):
        side.serial += 1
        out.append(
            NewMessage(
                account_id=side.account_id,
                message_id=f"<b{side.serial}.{time.monotonic_ns()}@bench.example>",
                campaign="bench",
                mail_from="news@bench.example",
                body=b"Subject: bench\r\n\r\n" + b"x" * 2_000,
                recipients=[f"rcpt{side.serial}@inbox{side.serial % 97}.example"],
                not_sent=[],
            )
        )
    return out


def built_events(claims: Sequence[Claim], on: bool) -> dict[int, Event]:
    """As storage.queue.sent_events builds them before the turn (for the file that listens)."""
    if not on:
        return {}
    return {
        c.queue_id: prepared(
            Event(EventType.MESSAGE_DELIVERED, c.account_id, c.address,
                  {"address": c.address, "recipient_id": c.recipient_id,
                   "attempts": c.attempts, "reply_code": 250, "reply": "2.0.0 Ok: queued"},
                  message_pk=c.message_pk)
        )
        for c in claims
    }  # fmt: skip


def one_round(side: Side, batch: int, sink: Sink | None, on: bool, sample: bool = False) -> None:
    side.store = side.workers[side.serial // batch % len(side.workers)]
    engine = side.store.sync_write
    assert engine is not None
    now = utcnow()
    fresh = news(side, batch)
    sent = [(c, 250, "2.0.0 Ok: queued") for c in side.pending]
    built = built_events(side.pending, on)
    copies = max(1, len(sent))
    times: dict[str, tuple[int, int]] = {}

    def timed(phase: str, call: Callable[[], Any]) -> Any:
        cpu, wall = time.process_time_ns(), time.perf_counter_ns()
        result = call()
        times[phase] = (time.process_time_ns() - cpu, time.perf_counter_ns() - wall)
        return result

    def timing(phase: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            return timed(phase, lambda: call(*args, **kwargs))

        return timed_call

    # settle_sent_many's two event steps, timed where it calls them (the same functions).
    queue.listeners = timing("  listeners", webhooks.listeners)  # type: ignore[attr-defined]
    queue.add_events = timing("  add_events", webhooks.add_events)
    times["  listeners"] = times["  add_events"] = (0, 0)
    cpu0, wall0 = time.process_time_ns(), time.perf_counter_ns()
    with Session(engine) as session:
        session.begin()

        def statements() -> list[Claim]:
            recorded = record_messages(session, fresh, now=now, lease=LEASE, lifetime=LIFETIME)
            timed("settle_sent_many", lambda: settle_sent_many(session, sent, now=now, built=built))
            session.flush()
            return [claim for _, claims in recorded for claim in claims]

        claims = timed("statements", statements)
        before = mx_frame(side.shm)
        timed("commit", session.commit)
        after = mx_frame(side.shm)
    times["transaction"] = (time.process_time_ns() - cpu0, time.perf_counter_ns() - wall0)
    side.pending = claims
    last, side.last = side.last, after
    if sink is None or not sent:
        return
    for phase, (cpu, wall) in times.items():
        sink.cpu[phase].append(cpu / copies)
        sink.wall[phase].append(wall / copies)
    if after >= before >= 0:
        sink.frames.append(after - before)
    if after >= last >= 0:
        sink.synced.append(after - last)
    if sample and after >= before >= 0:
        sink.sampled += 1
        where = btrees(side.shm.with_name(side.shm.name[: -len("-shm")]))
        wal = side.shm.with_name(side.shm.name[: -len("-shm")] + "-wal")
        for page in frame_pages(wal, before, after):
            sink.pages["commit"][where.get(page, "?")] += 1
        start, end = side.drained
        if 0 <= last <= start <= end <= before:
            for page in frame_pages(wal, start, end):
                sink.pages["dispatcher"][where.get(page, "?")] += 1


def frame_pages(wal: Path, start: int, end: int, size: int = 4096) -> list[int]:
    """The page numbers of the WAL's frames ``start`` to ``end`` (frame headers; 32-byte
    file header, 24-byte frame headers, big-endian)."""
    with wal.open("rb") as f:
        found = []
        for n in range(start, end):
            f.seek(32 + n * (24 + size))
            found.append(struct.unpack(">I", f.read(4))[0])
        return found


def btrees(database: Path) -> dict[int, str]:
    """Each page's b-tree (table or index name), from SQLite's dbstat, on a connection of
    its own (a reader: the writer's page cache is left alone)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT pageno, name FROM dbstat"))
    finally:
        conn.close()


def drain(
    side: Side, backlog: int, own: bool = False, sync: bool = False, sink: Sink | None = None
) -> None:
    """The dispatcher's settle of the events delivered (all but the newest ``backlog``), on
    its own store as relay/webhooks/process.py opens it (synchronous=NORMAL: its COMMIT does
    not fsync, the next FULL one of the workers does). Timed (``sink``, per event): the
    settle's statements and COMMIT, what the dispatcher holds the turn for (its read of the
    events comes before, outside the turn, as in the dispatcher)."""
    assert side.dispatcher is not None
    engine = (side.store if own else side.dispatcher).sync_write
    assert engine is not None
    before = mx_frame(side.shm)
    with Session(engine) as session:
        session.begin()
        ids = list(
            session.execute(
                text("SELECT id FROM webhook_outbox ORDER BY id DESC LIMIT -1 OFFSET :n"),
                {"n": backlog},
            ).scalars()
        )
        delivered = [(d, 204, 1) for d in deliveries_in(session, ids, leased=False)]
        cpu, wall = time.process_time_ns(), time.perf_counter_ns()
        settle_all_delivered_in(session, delivered, now=utcnow())
        session.commit()
        if sink is not None and delivered:
            sink.cpu["dispatcher settle"].append((time.process_time_ns() - cpu) / len(delivered))
            sink.wall["dispatcher settle"].append((time.perf_counter_ns() - wall) / len(delivered))
    side.drained = (before, mx_frame(side.shm))
    if sync:  # diagnosis: the dispatcher's frames to the disk by itself, after its COMMIT
        fd = os.open(side.shm.with_name(side.shm.name[: -len("-shm")] + "-wal"), os.O_RDONLY)
        try:
            os.fdatasync(fd)
        finally:
            os.close(fd)


async def open_side(
    workdir: Path, name: str, suppressed: int, hooks: bool, workers: int = 1
) -> Side:
    path = workdir / f"{name}.db"
    url = f"sqlite:///{path}"
    await preload(url, suppressed)
    store = open_store(async_database_url(url), checkpoint=True)
    async with store.transaction() as session:
        account_id = (await account_by_name(session, ACCOUNT)).id
        if hooks:
            await add_endpoint(
                session, account_id=account_id, url="http://127.0.0.1:9/hook",
                sealed_secret="unused", events=list(EventType), now=utcnow(),  # noqa: S106
            )  # fmt: skip
    dispatcher = open_store(async_database_url(url), pool_size=2, synchronous="NORMAL")
    others = [open_store(async_database_url(url), checkpoint=True) for _ in range(workers - 1)]
    return Side(name, store, path.with_name(path.name + "-shm"), account_id,
                dispatcher if hooks else None, workers=[store, *others])  # fmt: skip


async def repetition(args: argparse.Namespace) -> dict[str, Sink]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-outbox-turn-", dir=args.dir))
    sides: list[Side] = []
    try:
        sides = [
            await open_side(workdir, "off", args.suppressed, hooks=False, workers=args.workers),
            await open_side(workdir, "on", args.suppressed, hooks=True, workers=args.workers),
        ]
        sinks = {side.name: Sink() for side in sides}
        gc.collect()
        gc.disable()
        try:
            for n in range(args.warmup + args.rounds):
                order = sides if n % 2 == 0 else sides[::-1]
                for side in order:
                    on = side.name == "on"
                    timed = n >= args.warmup
                    sample = timed and args.pages > 0 and n % args.pages == 0
                    one_round(side, args.batch, sinks[side.name] if timed else None, on, sample)
                    if on:
                        drain(
                            side,
                            args.backlog,
                            args.drain_on_writer,
                            args.dispatcher_sync,
                            sinks[side.name] if timed else None,
                        )
                if n % 50 == 0:
                    gc.collect()
        finally:
            gc.enable()
        return sinks
    finally:
        for side in sides:
            for store in side.workers:
                await store.close()
            if side.dispatcher is not None:
                await side.dispatcher.close()
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppressed", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=10, help="copies a group commit")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="writer connections taking turns (the relay's worker processes)",
    )
    parser.add_argument(
        "--backlog", type=int, default=0, help="events the dispatcher leaves in the outbox (newest)"
    )
    parser.add_argument(
        "--drain-on-writer",
        action="store_true",
        help="diagnosis: drain on the timed writer's own connection",
    )
    parser.add_argument(
        "--pages",
        type=int,
        default=0,
        metavar="N",
        help="every Nth round: which b-trees the frames wrote (dbstat)",
    )
    parser.add_argument(
        "--dispatcher-sync",
        action="store_true",
        help="diagnosis: fdatasync the WAL after each drain (untimed)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", help="where the SQLite files go (default: the temp folder)")
    args = parser.parse_args(argv)
    print(f"bench_outbox_turn: --batch {args.batch} --rounds {args.rounds} "
          f"--workers {args.workers} --backlog {args.backlog} --repeat {args.repeat}, "
          f"{dt.datetime.now(dt.UTC):%H:%M:%S} UTC")  # fmt: skip
    header = f"{'per copy, median':<24}" + "".join(f"{s:>14}" for s in ("off", "on", "on-off"))
    for rep in range(args.repeat):
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"\nrepetition {rep + 1}: load average {load}")
        sinks = asyncio.run(repetition(args))
        print(header)
        for phase in PHASES:
            for unit, pick in (("CPU us", "cpu"), ("wall us", "wall")):
                off, on = (statistics.median(getattr(sinks[s], pick)[phase] or [0]) / 1e3
                           for s in ("off", "on"))  # fmt: skip
                print(f"{phase + ' ' + unit:<24}{off:>14.1f}{on:>14.1f}{on - off:>+14.1f}")
        off_f, on_f = (statistics.median(sinks[s].frames) for s in ("off", "on"))
        print(f"{'WAL frames a commit':<24}{off_f:>14.1f}{on_f:>14.1f}{on_f - off_f:>+14.1f}")
        off_s, on_s = (statistics.median(sinks[s].synced) for s in ("off", "on"))
        print(f"{'  + dispatcher: fsynced':<24}{off_s:>14.1f}{on_s:>14.1f}{on_s - off_s:>+14.1f}")
        for what in ("commit", "dispatcher"):
            for name in sorted(set(sinks["off"].pages[what]) | set(sinks["on"].pages[what])):
                off_p, on_p = (sinks[s].pages[what][name] / max(1, sinks[s].sampled)
                               for s in ("off", "on"))  # fmt: skip
                label = f"  {what[:4]} {name}"[:40]
                print(f"{label:<40}{off_p:>6.1f}{on_p:>8.1f}  pages a commit")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after: {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
