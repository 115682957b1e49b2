"""The webhook dispatcher: a task in every ``relay serve`` process that delivers the outbox.

Each pass claims due events (storage.webhooks.claim_deliveries: the head event of each
endpoint and address, leased to this instance), sends them concurrently, and settles each:
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
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from config import Settings
from relay.webhooks.secrets import SecretUnreadable, signature, unseal
from relay.webhooks.targets import TargetRefused, parse_target, resolve
from storage import webhooks
from storage.engine import Store, StoreUnavailable, utcnow
from storage.webhooks import Delivery

log = logging.getLogger(__name__)

USER_AGENT = "bounce-relay-webhooks/1"
ATTEMPTS_KEPT = dt.timedelta(days=30)  # of `relay webhooks log`
PRUNE_EVERY = 3600.0  # seconds between two prunings of the attempts log by one process


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

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set."""
        pruned = 0.0
        async with self.client() as client:
            while not stop.is_set():
                try:
                    if time.monotonic() - pruned > PRUNE_EVERY:
                        async with self._store.transaction() as session:
                            await webhooks.prune_attempts(session, before=utcnow() - ATTEMPTS_KEPT)
                        pruned = time.monotonic()
                    busy = await self.deliver_due(client)
                except StoreUnavailable as exc:
                    log.warning("webhooks: store unavailable: %s", exc)
                    busy = 0
                if busy:
                    continue  # the next event of the same addresses is due now
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._settings.poll_interval)

    def client(self) -> httpx.AsyncClient:
        """The HTTP client of deliveries: no redirects, no proxy, the timeout."""
        return httpx.AsyncClient(
            timeout=self._settings.timeout,
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: the checked address is used
            headers={"user-agent": USER_AGENT},
        )

    async def deliver_due(self, client: httpx.AsyncClient) -> int:
        """One pass: claim, send, settle. How many events were attempted."""
        async with self._store.reading() as session:
            if not await webhooks.any_due(session, now=utcnow()):
                return 0
        async with self._store.transaction() as session:
            claimed = await webhooks.claim_deliveries(
                session,
                now=utcnow(),
                lease=self._lease,
                limit=self._settings.batch,
                holder=self._holder() or None,
            )
        if not claimed:
            return 0
        attempts = await asyncio.gather(*(self._attempt(client, d) for d in claimed))
        async with self._store.transaction() as session:
            for delivery, attempt in zip(claimed, attempts, strict=True):
                await self._settle(session, delivery, attempt)
        for attempt in attempts:
            self._on_result(attempt.result)
        return len(claimed)

    async def _attempt(self, client: httpx.AsyncClient, delivery: Delivery) -> Attempt:
        started = time.monotonic()

        def took() -> int:
            return int((time.monotonic() - started) * 1000)

        try:
            secret = unseal(delivery.sealed_secret, self._master)
            target = parse_target(delivery.url)
            address = await resolve(target, allow_private=self._settings.allow_private)
        except (TargetRefused, SecretUnreadable) as exc:
            return Attempt(None, f"refused: {exc}", took())
        stamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "host": target.host_header,
            "webhook-id": delivery.event_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": signature(secret, delivery.event_id, stamp, delivery.body),
        }
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        try:
            response = await client.post(
                target.via(address), content=delivery.body, headers=headers, extensions=extensions
            )
        except httpx.HTTPError as exc:
            return Attempt(None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__, took())
        await response.aclose()
        return Attempt(response.status_code, None, took())

    async def _settle(self, session: AsyncSession, delivery: Delivery, attempt: Attempt) -> None:
        now = utcnow()
        if attempt.delivered:
            await webhooks.settle_delivered(
                session, delivery, status=attempt.status or 200,
                duration_ms=attempt.duration_ms, now=now,
            )  # fmt: skip
            return
        error = attempt.error or f"HTTP {attempt.status}"
        retry_at = now + dt.timedelta(
            seconds=retry_delay(self._settings.retry_schedule, delivery.attempts)
        )
        await webhooks.settle_failed(
            session, delivery, status=attempt.status, error=error, retry_at=retry_at,
            duration_ms=attempt.duration_ms, now=now,
        )  # fmt: skip
        age = (now - delivery.created_at).total_seconds()
        if attempt.status == 410:
            reason = "the endpoint answered 410 Gone"
        elif age >= self._settings.retry_window:
            reason = f"failing for {age / 3600:.1f} hours (last: {error})"
        else:
            return
        dropped = await webhooks.disable_endpoint(
            session, delivery.endpoint_id, reason=reason, now=now
        )
        self._on_result("disabled")
        log.warning(
            "webhook endpoint %d (%s) disabled: %s; %d waiting events dropped",
            delivery.endpoint_id, delivery.url, reason, dropped,
        )  # fmt: skip
