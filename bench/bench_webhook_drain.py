#!/usr/bin/env python3
"""How fast the webhook dispatcher drains a backlog: events/s and CPU ms per event.

Fills the outbox of a fresh SQLite store with --events message.delivered events spread over
--addresses addresses (the relay bench sends every copy to the same few addresses: its
backlog is a few long lanes), then runs one Dispatcher (relay/webhooks/dispatcher.py, its
``run`` loop) in this process against a local receiver answering 204 (nginx where installed,
else a Python thread server here) until every event arrived. Bounded by --timeout.

  .venv/bin/python bench/bench_webhook_drain.py --events 5000 --addresses 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_relay import HookReceiver, NginxReceiver, hook_receiver  # noqa: E402
from config import load_settings  # noqa: E402
from config.settings import WebhookSettings  # noqa: E402
from relay.webhooks.dispatcher import Dispatcher  # noqa: E402
from relay.webhooks.secrets import new_secret, seal  # noqa: E402
from storage import webhooks  # noqa: E402
from storage.accounts import add_account  # noqa: E402
from storage.engine import Store, open_store, utcnow  # noqa: E402
from storage.schema import ensure_schema  # noqa: E402
from storage.webhooks import Event, EventType  # noqa: E402

KEY = b"bench-webhook-drain-master-key!!"


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def fill(store: Store, url: str, events: int, addresses: int) -> None:
    async with store.transaction() as session:
        bench = (await add_account(session, "bench", ["bench.example"])).id
        await webhooks.add_endpoint(
            session, account_id=bench, url=url, sealed_secret=seal(new_secret(), KEY),
            events=[EventType.MESSAGE_DELIVERED], now=utcnow(),
        )  # fmt: skip
    for start in range(0, events, 1000):
        async with store.transaction() as session:
            await webhooks.record_events(
                session,
                [Event(EventType.MESSAGE_DELIVERED, bench, f"{n % addresses}rcpt@example.net",
                       {"address": f"{n % addresses}rcpt@example.net", "status": "2.0.0",
                        "reply": "250 2.0.0 Ok: queued as ABCDEF", "n": n})
                 for n in range(start, min(events, start + 1000))],
                now=utcnow(),
            )  # fmt: skip


async def drain(args: argparse.Namespace, receiver: HookReceiver | NginxReceiver) -> None:
    settings = load_settings(environ={})
    settings = settings.model_copy(
        update={"webhooks": WebhookSettings(allow_private=True, poll_interval=0.2)}
    )
    with tempfile.TemporaryDirectory(prefix="bench-drain-") as tmp:
        # as the dispatcher process opens it (relay.webhooks.process.dispatcher_store)
        store = open_store(f"sqlite+aiosqlite:///{tmp}/relay.db", synchronous="NORMAL")
        await ensure_schema(store)
        try:
            await fill(store, receiver.url, args.events, args.addresses)
            dispatcher = Dispatcher(settings, store, KEY)
            stop = asyncio.Event()
            before, receiver_before = own_cpu(), receiver.cpu()
            started = time.monotonic()
            task = asyncio.create_task(dispatcher.run(stop))
            for _ in range(int(args.timeout / 0.05)):  # bounded: --timeout
                if receiver.count >= args.events:
                    break
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - started
            got = receiver.count
            stop.set()
            await task
            used = own_cpu() - before
            other = receiver.cpu() - receiver_before
        finally:
            await store.close()
    print(f"{got:,} of {args.events:,} events over {args.addresses} addresses in {elapsed:.2f} s:"
          f" {got / elapsed:,.0f} events/s; dispatcher {1000 * used / max(got, 1):.2f} ms CPU"
          f"/event (receiver {1000 * other / max(got, 1):.2f}); load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--addresses", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--python-receiver", action="store_true")
    args = parser.parse_args()
    receiver = HookReceiver() if args.python_receiver else hook_receiver()
    try:
        asyncio.run(drain(args, receiver))
    finally:
        receiver.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
