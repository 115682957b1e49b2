"""The webhook dispatcher: a task in every ``relay serve`` process that delivers the outbox.

Each pass claims due events (storage.webhooks.claim: the head event of each endpoint and
address, with up to ``CHAIN`` events that follow it, leased to this instance), sends each
address's events one after the other and the addresses concurrently, and settles each:
2xx is done, 410 disables the endpoint, anything else is tried again on the retry schedule
until the event is ``retry_window`` old, when the endpoint is disabled and the operator told
(a log line, ``relay webhooks list``, a metric). It shares nothing with the SMTP path but the
store, so a slow or dead endpoint costs SMTP nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

import aiohttp
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from yarl import URL

from config import Settings
from relay.webhooks.secrets import SecretUnreadable, signature, unseal
from relay.webhooks.targets import IPAddress, TargetRefused, parse_target, resolve
from relay.webhooks.targets import Target as ParsedTarget
from storage import webhooks
from storage.engine import Store, StoreUnavailable, utcnow
from storage.webhooks import Delivery

log = logging.getLogger(__name__)
T = TypeVar("T")

USER_AGENT = "bounce-relay-webhooks/1"
ATTEMPTS_KEPT = dt.timedelta(days=30)  # of `relay webhooks log`
PRUNE_EVERY = 3600.0  # seconds between two prunings of the attempts log by one process
ORPHANS_EVERY = 2.0  # seconds between two looks for events a dead relay process held
# Requests in flight at once (addresses sent to concurrently): 10 slow endpoints' requests
# keep going while the others are served.
CONNECTIONS = 10
# SQLite: a pass that finds the lease row's lease this many seconds old renews it first (a
# pass's settling renews it too, so under a steady load it is never written on its own).
RENEW_AFTER = 5.0
# Seconds an endpoint's checked target (its name resolved, every address checked) serves the
# passes that follow: one look-up and check an endpoint every few seconds, not one a pass
# (with many endpoints, one an event). The requests go to the checked address, never to
# what the name resolves to later; after this, the name is resolved and checked again.
TARGET_TTL = 5.0


class Target(NamedTuple):
    """An endpoint's URL, checked, the address it resolved to in this pass, and what each
    request to it repeats: the URL to that address (parsed once: yarl's parse costs about
    what the rest of a request does), the host header and the TLS name."""

    parsed: ParsedTarget
    address: IPAddress
    url: URL
    headers: dict[str, str]
    server_hostname: str | None


@dataclass(frozen=True, slots=True)
class Attempt:
    """How one attempt ended: an HTTP status, or an error before any."""

    status: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def result(self) -> str:
        """The metric label: delivered, gone, http_error, refused or failed."""
        if self.delivered:
            return "delivered"
        if self.status == 410:
            return "gone"
        if self.status is not None:
            return "http_error"
        return "refused" if self.error and self.error.startswith("refused") else "failed"


def retry_delay(schedule: tuple[float, ...], attempts: int) -> float:
    """Seconds before the next attempt after ``attempts`` failed ones (the last interval
    repeats), with up to 10% jitter so endpoints that failed together do not retry together."""
    base = schedule[min(attempts, len(schedule)) - 1]
    return base * random.uniform(1.0, 1.1)


class Dispatcher:
    """Delivers the outbox of the store to the registered endpoints."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        master_key: bytes,
        *,
        holder: Callable[[], str | None] = lambda: None,
        on_result: Callable[[str], None] | None = None,
    ) -> None:
        self._settings = settings.webhooks
        self._store = store
        self._master = master_key
        self._holder = holder
        self._on_result = on_result or (lambda _result: None)
        # A request that outlives this is lost anyway; the lease lets another process retry.
        self._lease = self._settings.timeout * 2 + 5
        self._secrets: dict[str, str] = {}  # sealed -> unsealed: HKDF + AES-GCM once each
        self._orphans_looked = 0.0  # time.monotonic() of the last look
        # SQLite: until when (time.monotonic()) this process holds the lease row, as far as
        # it knows; the holder it writes there when it has no relay instance (tests).
        self._lease_until = 0.0
        self._local_holder = webhooks.LOCAL + secrets.token_hex(8)
        self._reader: ThreadPoolExecutor | None = None  # SQLite: the thread of ``_read``
        # URL -> (time.monotonic() it was checked, the target): ``_target``.
        self._targets: dict[str, tuple[float, Target]] = {}
        self.target_ttl = TARGET_TTL

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set."""
        pruned = 0.0
        try:
            await self._run(stop, pruned)
        finally:
            if self._reader is not None:
                self._reader.shutdown(wait=True)
                self._reader = None

    async def _run(self, stop: asyncio.Event, pruned: float) -> None:
        async with self.client() as client:
            while not stop.is_set():
                try:
                    if time.monotonic() - pruned > PRUNE_EVERY:
                        await self._prune()
                        pruned = time.monotonic()
                    busy = await self.deliver_due(client)
                except StoreUnavailable as exc:
                    log.warning("webhooks: store unavailable: %s", exc)
                    busy = 0
                if busy:
                    continue  # the next event of the same addresses is due now
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._settings.poll_interval)

    def client(self) -> aiohttp.ClientSession:
        """The HTTP client of deliveries: no proxy, no cookies, the timeout (redirects are
        refused per request). aiohttp, not httpx: against a local nginx, 0.08 ms of CPU a
        request where httpx took 0.6 (docs/benchmarks.md), and the dispatcher's CPU is what
        webhooks take from SMTP on a busy host."""
        return aiohttp.ClientSession(
            # A pass sends up to CONNECTIONS requests at once, each address's events one
            # after the other: that many connections, kept alive for the next pass. The URL
            # holds the checked address: nothing for aiohttp to resolve.
            connector=aiohttp.TCPConnector(limit=CONNECTIONS, use_dns_cache=False),
            timeout=aiohttp.ClientTimeout(total=self._settings.timeout),
            trust_env=False,  # no proxy from the environment: the checked address is used
            cookie_jar=aiohttp.DummyCookieJar(),
            # No skip_auto_headers: with it aiohttp builds two header multidicts a request
            # (~7 us of ~70); each target's headers set the ones it would add (``_target``).
        )

    async def deliver_due(self, client: aiohttp.ClientSession) -> int:
        """One pass: claim, send, settle. How many events were attempted or put aside."""
        await self._release_orphans()
        if self._store.is_sqlite:
            return await self._deliver_under_lease(client)
        async with self._store.reading() as session:
            if not await webhooks.any_due(session, now=utcnow()):
                return 0
        holder = self._holder() or None
        # The writes of a pass (the lease here, the settling below) as one synchronous
        # transaction each (Store.write_sync): on SQLite, in a thread that holds the write
        # lock only while it runs them, however long this niced process waits for the CPU.
        found = await self._store.write_sync(
            lambda session: webhooks.lease_due_in(
                session,
                now=utcnow(),
                lease=self._lease,
                limit=self._settings.batch,
                holder=holder,
                chain=webhooks.CHAIN,
            )
        )
        if not found.ids:
            return found.put_aside
        # The events read and their bodies built after the write lock is let go.
        async with self._store.reading() as session:
            leased = await webhooks.deliveries(session, found.ids)
        # No request starts after this, so that each one ends before the lease does.
        last_start = time.monotonic() + self._lease - self._settings.timeout - 5
        await self._settle(await self._send_all(client, leased, last_start))
        return len(found.ids)

    async def _deliver_under_lease(self, client: aiohttp.ClientSession) -> int:
        """A pass on SQLite, where one relay process delivers at a time (the lease row): the
        due events are read, not leased one by one (a write per event, and its index
        entries, in the writer's turn the SMTP workers wait for), sent, and settled with the
        lease's renewal in one write transaction. A process killed mid-pass leaves its events
        as they were: the next holder sends them again with the same webhook-id."""
        if not self._lease_held():
            # Idle, or another process delivers: a read, so that neither takes the write lock.
            if not await self._read(lambda session: webhooks.any_due_in(session, now=utcnow())):
                return 0
            if not await self._hold_lease():
                return 0
        # Busy: the pass's look-ups in one hop (nothing due reads the due_at index only).
        due = await self._read(
            lambda session: webhooks.due_events_in(
                session, now=utcnow(), limit=self._settings.batch, chain=webhooks.CHAIN
            )
        )
        if not due.deliveries and not due.blocked:
            return 0
        last_start = self._lease_until - self._settings.timeout - 5
        sent = await self._send_all(client, due.deliveries, last_start)
        await self._settle(sent, first=lambda session: self._renew(session, due.blocked))
        return len(due.deliveries) + len(due.blocked)

    async def _read(self, work: Callable[[Session], T]) -> T:
        """``work``'s look-ups on a synchronous session in one hop to a thread: on a SQLite
        file, the store's synchronous look-up engine (its statements straight on the DB-API
        cursor, where an asynchronous session makes each a round trip through aiosqlite's
        thread and this event loop); else a read session."""
        engine = self._store.lookups
        if engine is None:
            async with self._store.reading() as session:
                return await session.run_sync(work)
        if self._reader is None:
            # Made by this event loop's thread: in the dispatcher's process, niced like it
            # (reads do not hold the writer's turn; process.full_priority_threads).
            self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relay-hooks-read")

        def run() -> T:
            with Session(engine) as session:
                return work(session)

        try:
            return await asyncio.get_running_loop().run_in_executor(self._reader, run)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc
        except OSError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def _lease_holder(self) -> str:
        return self._holder() or self._local_holder

    def _lease_held(self) -> bool:
        """Whether this process holds the lease row with more than ``lease - RENEW_AFTER``
        seconds to go (a pass's settling renews it)."""
        return self._lease_until - time.monotonic() > self._lease - RENEW_AFTER

    async def _hold_lease(self) -> bool:
        """Whether this process holds the lease row, taking or renewing it (a write) only
        when it runs out within ``lease - RENEW_AFTER`` seconds (``_lease_held``)."""
        if self._lease_held():
            return True
        started = time.monotonic()
        holder = self._lease_holder()
        got = await self._store.write_sync(
            lambda session: webhooks.take_dispatch_lease_in(
                session, holder=holder, now=utcnow(), lease=self._lease
            )
        )
        self._lease_until = started + self._lease if got else 0.0
        return got

    def _renew(self, session: Session, blocked: list[Any]) -> None:
        """In a pass's settling transaction: the lease renewed, the blocked events put aside."""
        started = time.monotonic()
        now = utcnow()
        webhooks.put_aside_in(session, blocked, now=now, lease=self._lease)
        held = webhooks.take_dispatch_lease_in(
            session, holder=self._lease_holder(), now=now, lease=self._lease
        )
        self._lease_until = started + self._lease if held else 0.0

    async def _send_all(
        self, client: aiohttp.ClientSession, leased: list[Delivery], last_start: float
    ) -> list[tuple[Delivery, Attempt | None]]:
        """Each lane's events one after the other, the lanes concurrently (CONNECTIONS)."""
        lanes: dict[tuple[int, str], list[Delivery]] = {}
        for delivery in leased:
            lanes.setdefault(delivery.lane, []).append(delivery)
        targets: dict[str, asyncio.Task[Target]] = {}  # each URL resolved once a pass
        turns = asyncio.Semaphore(CONNECTIONS)

        async def send(lane: list[Delivery]) -> list[tuple[Delivery, Attempt | None]]:
            async with turns:
                return await self._send_lane(client, lane, targets, last_start)

        sent = await asyncio.gather(*(send(lane) for lane in lanes.values()))
        return [pair for lane in sent for pair in lane]

    async def _send_lane(
        self,
        client: aiohttp.ClientSession,
        lane: list[Delivery],
        targets: dict[str, asyncio.Task[Target]],
        last_start: float,
    ) -> list[tuple[Delivery, Attempt | None]]:
        """The events of one endpoint and address one after the other, in order, on one
        kept-alive connection; after a failure (or past ``last_start``) the rest wait."""
        done: list[tuple[Delivery, Attempt | None]] = []
        for n, delivery in enumerate(lane):
            if n and time.monotonic() > last_start:
                return done + [(d, None) for d in lane[n:]]
            attempt = await self._attempt(client, delivery, targets)
            done.append((delivery, attempt))
            if not attempt.delivered:
                return done + [(d, None) for d in lane[n + 1 :]]
        return done

    async def _settle(
        self,
        sent: list[tuple[Delivery, Attempt | None]],
        first: Callable[[Session], None] | None = None,
    ) -> None:
        """Record how each went: delivered, failed (retried later), or not sent (given back,
        due when the failed event before it is); ``first`` runs first in that transaction."""
        delivered = [(d, a.status or 200, a.duration_ms) for d, a in sent if a and a.delivered]
        disabled: list[tuple[Delivery, str, int]] = []

        def settle(session: Session) -> None:
            if first is not None:
                first(session)
            webhooks.settle_all_delivered_in(session, delivered, now=utcnow())
            retry: dict[tuple[int, str], dt.datetime] = {}
            for delivery, attempt in sent:
                if attempt is not None and not attempt.delivered:
                    retry[delivery.lane] = self._settle_failed(session, delivery, attempt, disabled)
            unsent: dict[dt.datetime, list[Delivery]] = {}
            now = utcnow()
            for delivery, attempt in sent:
                if attempt is None:
                    unsent.setdefault(retry.get(delivery.lane, now), []).append(delivery)
            for due, given_back in unsent.items():
                webhooks.release_deliveries_in(session, given_back, now=due)

        await self._store.write_sync(settle)
        for delivery, reason, dropped in disabled:
            self._on_result("disabled")
            log.warning(
                "webhook endpoint %d (%s) disabled: %s; %d waiting events dropped",
                delivery.endpoint_id, delivery.url, reason, dropped,
            )  # fmt: skip
        for _delivery, attempt in sent:
            if attempt is not None:
                self._on_result(attempt.result)

    async def _prune(self) -> None:
        before = utcnow() - ATTEMPTS_KEPT
        await self._store.write_sync(
            lambda session: webhooks.prune_attempts_in(session, before=before)
        )

    async def _release_orphans(self) -> None:
        if time.monotonic() - self._orphans_looked < ORPHANS_EVERY:
            return
        self._orphans_looked = time.monotonic()
        async with self._store.reading() as session:
            if not await webhooks.any_orphaned(session):
                return
        now = utcnow()
        await self._store.write_sync(lambda session: webhooks.release_orphans_in(session, now=now))

    def _secret(self, sealed: str) -> str:
        if (secret := self._secrets.get(sealed)) is None:
            if len(self._secrets) > 10_000:
                self._secrets.clear()
            secret = self._secrets[sealed] = unseal(sealed, self._master)
        return secret

    async def _target(self, url: str) -> Target:
        """``url``'s target: checked within ``target_ttl`` seconds, or checked now (its name
        resolved, TargetRefused if any address is internal). A refusal is not kept."""
        now = time.monotonic()
        if (kept := self._targets.get(url)) is not None and now - kept[0] < self.target_ttl:
            return kept[1]
        if len(self._targets) > 10_000:
            self._targets.clear()
        self._targets.pop(url, None)
        target = await self._check_target(url)
        self._targets[url] = (now, target)
        return target

    async def _check_target(self, url: str) -> Target:
        target = parse_target(url)
        address = await resolve(target, allow_private=self._settings.allow_private)
        # Accept-Encoding identity: the response's body is never read, nor to be compressed.
        headers = {"user-agent": USER_AGENT, "content-type": "application/json",
                   "accept": "*/*", "accept-encoding": "identity",
                   "host": target.host_header}  # fmt: skip
        # HTTPS to the checked address: the endpoint's name for SNI and the certificate check.
        tls_name = target.host if target.scheme == "https" else None
        return Target(target, address, URL(target.via(address)), headers, tls_name)

    async def _attempt(
        self,
        client: aiohttp.ClientSession,
        delivery: Delivery,
        targets: dict[str, asyncio.Task[Target]],
    ) -> Attempt:
        started = time.monotonic()

        def took() -> int:
            return int((time.monotonic() - started) * 1000)

        if delivery.url not in targets:
            targets[delivery.url] = asyncio.ensure_future(self._target(delivery.url))
        try:
            secret = self._secret(delivery.sealed_secret)
            target = await targets[delivery.url]
        except (TargetRefused, SecretUnreadable) as exc:
            return Attempt(None, f"refused: {exc}", took())
        stamp = int(time.time())
        headers = {
            **target.headers,
            "webhook-id": delivery.event_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": signature(secret, delivery.event_id, stamp, delivery.body),
        }
        try:
            async with client.post(
                target.url, data=delivery.body, headers=headers, allow_redirects=False,
                server_hostname=target.server_hostname,
            ) as response:  # fmt: skip
                # Its body is not read: leaving the block gives back the connection, or
                # closes it if the endpoint sent a body.
                return Attempt(response.status, None, took())
        except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
            said = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return Attempt(None, said[:500], took())

    def _settle_failed(
        self,
        session: Session,
        delivery: Delivery,
        attempt: Attempt,
        disabled: list[tuple[Delivery, str, int]],
    ) -> dt.datetime:
        """A failed attempt: retry later, or disable the endpoint (410, the window is over:
        noted in ``disabled`` with the reason and the events dropped). When it is tried
        again."""
        now = utcnow()
        error = attempt.error or f"HTTP {attempt.status}"
        retry_at = now + dt.timedelta(
            seconds=retry_delay(self._settings.retry_schedule, delivery.attempts)
        )
        webhooks.settle_failed_in(
            session, delivery, status=attempt.status, error=error, retry_at=retry_at,
            duration_ms=attempt.duration_ms, now=now,
        )  # fmt: skip
        age = (now - delivery.created_at).total_seconds()
        if attempt.status == 410:
            reason = "the endpoint answered 410 Gone"
        elif age >= self._settings.retry_window:
            reason = f"failing for {age / 3600:.1f} hours (last: {error})"
        else:
            return retry_at
        dropped = webhooks.disable_endpoint_in(
            session, delivery.endpoint_id, reason=reason, now=now
        )
        disabled.append((delivery, reason, dropped))
        return retry_at
