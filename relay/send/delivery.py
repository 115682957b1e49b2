"""Delivering recipient copies and settling each outcome in the store.

The same code serves the in-line attempt made while the client waits for the DATA reply and
the queue worker that retries deferred copies, so a copy is judged the same way on both paths.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bounce_parser import classify_reply
from bounce_parser.verp import CopyToken, ReturnPath
from config import Settings
from relay import logs
from relay.bounce.policy import policy_of
from relay.bounce.recording import record_bounce
from relay.instance import Instance
from relay.logs import message_id_of
from relay.send.transports.base import Reply, SendsMany, Transport
from storage import queue
from storage.bounces import BounceEvidence, drop_old_raw
from storage.engine import Store, StoreUnavailable, utcnow
from storage.messages import message_bodies
from storage.models import BounceSource
from storage.queue import Claim
from storage.suppressions import suppressions_for
from storage.webhooks import Event
from storage.writer import GroupWriter, JobKind

if TYPE_CHECKING:
    from relay.metrics import RelayMetrics

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.delivery")

# A settle job: the copies' outcomes, and the events of the sent ones built before the turn.
_Settling = tuple[list[tuple[Claim, Reply]], Mapping[int, Event]]

# Seconds between two clean-ups of one process's idle queue worker (``Deliverer._clean``):
# what they drop is minutes (bodies) or days (raw bounces) old, so a minute late is nothing,
# where one each poll_interval was a write transaction a second in every worker.
CLEAN_EVERY = 60.0
BODIES_KEPT = dt.timedelta(minutes=5)  # a body no queued copy needs, kept this long


class Deliverer:
    """Sends claimed copies through a transport, each with its own signed return path."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        transport: Transport,
        verp_key: bytes,
        writer: GroupWriter | None = None,
        instance: Instance | None = None,
    ) -> None:
        self._settings = settings
        self._instance = instance
        self._store = store
        self.writer = writer if writer is not None else GroupWriter(store)
        self._settle_kind: JobKind[_Settling, None] = JobKind("settle", self._settle_batch)
        self._renew_kind: JobKind[tuple[Claim, dt.datetime], bool] = JobKind(
            "renew", queue.renew_leases
        )
        self._transport = transport
        # several copies of a message go in one go where the transport can (smarthost)
        self._sends_many = transport if isinstance(transport, SendsMany) else None
        self._key = verp_key
        self._slots = asyncio.Semaphore(settings.delivery.concurrency)
        self._in_flight: dict[int, Claim] = {}
        self._in_flight_bytes = 0
        self._policy = policy_of(settings)
        self.metrics: RelayMetrics | None = None  # /metrics (relay.metrics)
        self._cleaned = -CLEAN_EVERY  # time.monotonic() of the last clean-up (``_clean``)

    @property
    def holder(self) -> str | None:
        """The relay instance the copies this process leases name as their holder."""
        return self._instance.id if self._instance is not None else None

    def return_path(self, claim: Claim) -> str:
        """The VERP envelope sender of this copy."""
        verp = self._settings.verp
        token = ReturnPath.issue(
            claim.account_id,
            claim.recipient_id,
            today=claim.created_at.date(),
            lifetime_days=verp.lifetime_days,
        )
        return token.address(self._key, verp.return_path_domain)

    def copy_header(self, claim: Claim) -> bytes:
        """The signed ``X-Relay-Copy`` header that ties a quoted copy back to this one."""
        token = CopyToken.issue(
            claim.account_id,
            claim.recipient_id,
            today=claim.created_at.date(),
            lifetime_days=self._settings.verp.lifetime_days,
        )
        return token.header(self._key, claim.address)

    def behind(self, copies: int, size: int) -> bool:
        """Whether ``copies`` more copies of a ``size``-byte message would take the copies
        under way past the configured backlog (then their client waits for them)."""
        delivery = self._settings.delivery
        return (
            len(self._in_flight) + copies > delivery.backlog
            or self._in_flight_bytes + size > delivery.backlog_bytes
        )

    async def deliver(self, claims: Iterable[Claim], body: bytes) -> None:
        """Attempt every copy concurrently, then record all outcomes in one transaction."""
        batch = list(claims)
        for claim in batch:
            self._in_flight[claim.queue_id] = claim
        self._in_flight_bytes += len(body)
        try:
            if len(batch) > 1 and self._sends_many is not None:
                replies = await self._send_many(self._sends_many, batch, body)
            else:
                replies = await asyncio.gather(*(self._send(claim, body) for claim in batch))
            outcomes = [
                (claim, reply)
                for claim, reply in zip(batch, replies, strict=True)
                if reply is not None
            ]
            await self._settle(outcomes)
            if log.isEnabledFor(logging.INFO):
                _log_outcomes(outcomes, message_id_of(body), utcnow())
        except StoreUnavailable as exc:
            # The copies stay leased in the queue; when the lease ends they are tried again.
            log.error("could not record the outcome of %d copies: %s", len(batch), exc)
        finally:
            self._in_flight_bytes -= len(body)
            for claim in batch:
                self._in_flight.pop(claim.queue_id, None)

    async def _send(self, claim: Claim, body: bytes) -> Reply | None:
        """Attempt one copy; None when it is no longer this holder's to send."""
        async with self._slots:
            if not await self._still_held(claim):
                return None
            copy = self.copy_header(claim) + body  # after DKIM signing: the signature holds
            try:
                return await self._transport.send(
                    self.return_path(claim), claim.deliver_to.as_given, copy
                )
            except Exception as exc:  # a bug in one copy's attempt: that copy waits, and the
                # batch (and the queue worker) go on; the error is kept with the copy.
                log.exception("copy %d: delivery attempt failed", claim.queue_id)
                return Reply(None, f"internal error: {type(exc).__name__}: {exc}")

    async def _send_many(
        self, transport: SendsMany, batch: list[Claim], body: bytes
    ) -> list[Reply | None]:
        """Attempt a message's copies in one go (one delivery slot); None for a copy that is no
        longer this holder's to send when its turn comes."""
        async with self._slots:
            copies = [
                (self.return_path(claim), claim.deliver_to.as_given, self.copy_header(claim) + body)
                for claim in batch
            ]
            try:
                return await transport.send_many(copies, lambda i: self._still_held(batch[i]))
            except Exception as exc:  # a bug in the attempt: these copies wait, the rest go on
                log.exception("copies %s: delivery attempt failed", [c.queue_id for c in batch])
                return [Reply(None, f"internal error: {type(exc).__name__}: {exc}")] * len(batch)

    async def _still_held(self, claim: Claim) -> bool:
        """Whether the claim's lease still covers an attempt, renewing it when half is gone.

        A copy can wait for a delivery slot longer than its lease (a burst through a slow
        upstream); once the lease runs out any queue worker may claim it, and then only that
        worker may send it.
        """
        if self._instance is not None and not self._instance.holds(claim):
            return False  # judged dead (or about to be): the copy is another instance's now
        lease = self._settings.queue.lease
        now = utcnow()
        if claim.leased_until - now > dt.timedelta(seconds=lease / 2):
            return True
        until = now + dt.timedelta(seconds=lease)
        try:
            return await self.writer.submit(self._renew_kind, (claim, until))
        except StoreUnavailable as exc:
            log.warning("could not renew the lease of copy %d: %s", claim.queue_id, exc)
            return False

    async def _settle(self, outcomes: list[tuple[Claim, Reply]]) -> None:
        """Record the outcomes: copies sent or deferred in the next shared transaction (group
        commit); bounces and expiries, the rarer and heavier path, in one of their own."""
        now = utcnow()
        quick: list[tuple[Claim, Reply]] = []
        heavy: list[tuple[Claim, Reply]] = []
        for claim, reply in outcomes:
            final = not reply.accepted and (reply.permanent or now >= claim.expires_at)
            (heavy if final else quick).append((claim, reply))
        if quick:
            # The events of the sent copies built now, not in the writer's turn (webhooks).
            built = queue.sent_events([(c, r.code or 250, r.text) for c, r in quick if r.accepted])
            await self.writer.submit(self._settle_kind, (quick, built))
        if heavy:
            async with self._store.transaction() as session:
                for claim, reply in heavy:
                    await self._settle_one(session, claim, reply, now)

    def _settle_batch(self, session: Session, batches: Sequence[_Settling]) -> list[None]:
        now = utcnow()
        outcomes = [outcome for batch, _ in batches for outcome in batch]
        built = {pk: event for _, events in batches for pk, event in events.items()}
        sent = [
            (claim, reply.code or 250, reply.text) for claim, reply in outcomes if reply.accepted
        ]
        queue.settle_sent_many(session, sent, now=now, built=built)
        if self.metrics is not None:
            for claim, _, _ in sent:
                self.metrics.delivery_seconds.observe((now - claim.created_at).total_seconds())
        deferred = [
            (claim, now + self._retry_in(claim), reply.code, str(reply))
            for claim, reply in outcomes
            if not reply.accepted
        ]
        queue.defer_many(session, deferred, now=now)
        return [None] * len(batches)

    async def _settle_one(
        self, session: AsyncSession, claim: Claim, reply: Reply, now: dt.datetime
    ) -> None:
        if reply.permanent:
            verdict = classify_reply(reply.code, reply.enhanced_status, reply.text)
            await record_bounce(
                session,
                BounceEvidence(
                    address=claim.address,
                    hard=verdict.hard,
                    reason=str(verdict.reason),
                    dsn_status=verdict.status,
                    reply_code=reply.code,
                    diagnostic=reply.text,
                    source=BounceSource.SMTP,
                    recipient_id=claim.recipient_id,
                    party=str(verdict.party),
                ),
                now=now,
                policy=self._policy,
            )
            await queue.settle_failed(session, claim)
        else:
            await self._expire(session, claim, reply, now)

    async def _expire(
        self, session: AsyncSession, claim: Claim, reply: Reply, now: dt.datetime
    ) -> None:
        await record_bounce(
            session,
            BounceEvidence(
                address=claim.address,
                hard=False,
                reason="expired",
                dsn_status="4.4.7",
                reply_code=reply.code,
                diagnostic=f"gave up after {claim.attempts} attempts: {reply}",
                source=BounceSource.EXPIRED,
                recipient_id=claim.recipient_id,
                party="transient",
            ),
            now=now,
            policy=self._policy,
        )
        await queue.settle_failed(session, claim)

    def _retry_in(self, claim: Claim) -> dt.timedelta:
        """The wait before the next attempt: the schedule's entry for this attempt number."""
        schedule = self._settings.queue.retry_schedule
        return dt.timedelta(seconds=schedule[min(max(claim.attempts, 1), len(schedule)) - 1])

    async def run_queue(self, stop: asyncio.Event) -> None:
        """Deliver due copies until ``stop`` is set: at start-up and continuously."""
        settings = self._settings.queue
        while not stop.is_set():
            try:
                claimed = await self.drain_once()
            except StoreUnavailable as exc:
                log.warning("queue: store unavailable: %s", exc)
                claimed = 0
            if claimed:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.poll_interval)

    async def drain_once(self) -> int:
        """Claim one batch of due copies and attempt them; returns how many were claimed."""
        settings = self._settings.queue
        free = max(
            1, min(settings.batch, self._settings.delivery.concurrency - len(self._in_flight))
        )
        now = utcnow()
        if not await queue.any_due(self._store, now=now):
            # Idle (or every due copy in flight): a read, no write transaction; the clean-up
            # once a CLEAN_EVERY, not once a poll_interval (a write in the writer's turn).
            await self._clean(now)
            return 0
        async with self._store.transaction() as session:
            claims = await queue.claim_due(
                session, now=now, lease=settings.lease, limit=free, holder=self.holder
            )
            if not claims:
                return 0
            by_account: dict[int, list[Claim]] = {}
            for claim in claims:
                by_account.setdefault(claim.account_id, []).append(claim)
            refused = await self._suppressed(session, by_account, now)
            bodies = await message_bodies(session, (c.message_pk for c in claims))
        by_message: dict[int, list[Claim]] = {}
        for claim in claims:
            if claim.queue_id not in refused and claim.message_pk in bodies:
                by_message.setdefault(claim.message_pk, []).append(claim)
        await asyncio.gather(*(self.deliver(batch, bodies[pk]) for pk, batch in by_message.items()))
        return len(claims)

    async def _clean(self, now: dt.datetime) -> None:
        """Drop the bodies no queued copy needs and the raw bounces past their retention: at
        most once a CLEAN_EVERY seconds in this process (the first idle pass after start-up
        does it), each of them a write transaction that scans what it may drop."""
        if time.monotonic() - self._cleaned < CLEAN_EVERY:
            return
        bounces = self._settings.bounces
        async with self._store.transaction() as session:
            await queue.drop_unreferenced_bodies(session, before=now - BODIES_KEPT)
            await drop_old_raw(
                session,
                before=now - dt.timedelta(days=bounces.raw_retention_days),
                unverified_before=now - dt.timedelta(days=bounces.unverified_retention_days),
            )
        self._cleaned = time.monotonic()

    async def _suppressed(
        self, session: AsyncSession, by_account: dict[int, list[Claim]], now: dt.datetime
    ) -> set[int]:
        """Copies whose address was suppressed while they waited: not sent, and out of the queue."""
        refused: set[int] = set()
        for account_id, claims in by_account.items():
            found = await suppressions_for(session, account_id, [c.address for c in claims])
            for claim in claims:
                hit = found.get(claim.address)
                if hit is not None:
                    await queue.settle_not_sent(
                        session,
                        claim,
                        why=f"suppressed since {hit.since:%Y-%m-%d}: {hit.reason}",
                        reason=hit.reason,
                        now=now,
                    )
                    refused.add(claim.queue_id)
        return refused

    async def release_in_flight(self) -> None:
        """Give every copy still being attempted back to the queue, due at once (shutdown)."""
        claims = list(self._in_flight.values())
        if not claims:
            return
        now = utcnow()
        async with self._store.transaction() as session:
            for claim in claims:
                await queue.release(session, claim, now=now)

    async def close(self) -> None:
        await self.writer.close()
        await self._transport.close()


def _log_outcomes(
    outcomes: list[tuple[Claim, Reply]], message_id: str | None, now: dt.datetime
) -> None:
    """One line per copy, once its outcome is recorded: like Postfix's ``status=`` lines."""
    for claim, reply in outcomes:
        if reply.accepted:
            status = "sent"
        elif reply.permanent:
            status = "bounced"
        else:
            status = "expired" if now >= claim.expires_at else "deferred"
        logs.event(
            log, status, queue_id=claim.message_pk, copy=claim.queue_id, message_id=message_id,
            account=claim.account_id, to=f"<{claim.address}>", attempt=claim.attempts,
            delay=f"{(now - claim.created_at).total_seconds():.2f}", reply=str(reply),
        )  # fmt: skip
