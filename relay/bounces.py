"""Turning a returned message into records: parse it, tie it to a copy we sent, record it.

A bounce is tied to a copy by the signed VERP address it was sent to, or else by the
Message-ID of the returned message together with the recipient address. Only tied bounces
can suppress; the rest are kept as unverified evidence.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bounce_parser import Bounce, BounceReport, Kind, Reason, parse
from bounce_parser.verp import ReturnPath
from config import Settings
from storage.addresses import BadAddress, normalize_address
from storage.bounces import (
    BounceEvidence,
    BouncePolicy,
    copy_owner,
    find_copy,
    mark_delivered,
    record_bounce,
    record_complaint,
)
from storage.engine import Store, utcnow
from storage.models import BounceSource

log = logging.getLogger(__name__)

# Failures caused by the sender, not by the recipient's address (SPEC: recorded with their
# reason, but they never condemn the address).
SENDER_SIDE = frozenset(
    {
        Reason.BLOCKED, Reason.BAD_REPUTATION, Reason.REQUIRE_PTR, Reason.AUTH_FAILURE,
        Reason.POLICY_VIOLATION, Reason.SPAM_DETECTED, Reason.SECURITY_ERROR,
        Reason.VIRUS_DETECTED, Reason.CONTENT_ERROR, Reason.MESG_TOO_BIG, Reason.TOO_MANY_CONN,
        Reason.SPEEDING, Reason.NO_RELAYING, Reason.SYNTAX_ERROR, Reason.NOT_COMPLIANT_RFC,
    }
)  # fmt: skip


class Outcome(StrEnum):
    RECORDED = "recorded"  # at least one bounce, delivery or complaint recorded
    IGNORED = "ignored"  # an auto-reply, or a DSN that reports nothing to record
    UNPARSED = "unparsed"  # not a bounce we can read, and not tied to anything we sent


@dataclass(frozen=True, slots=True)
class Processed:
    outcome: Outcome
    kind: Kind
    recorded: int = 0
    suppressed: int = 0
    verified: int = 0


def policy_of(settings: Settings) -> BouncePolicy:
    """The escalation rules from the settings."""
    b = settings.bounces
    return BouncePolicy(
        soft_threshold=b.soft_threshold,
        soft_min_days=b.soft_min_days,
        global_accounts=b.global_accounts,
        global_window_days=b.global_window_days,
        sender_side=frozenset(str(r) for r in SENDER_SIDE),
    )


class BounceProcessor:
    """Parses and records returned messages, from whichever door they came in."""

    def __init__(self, settings: Settings, store: Store, verp_key: bytes) -> None:
        self._settings = settings
        self._store = store
        self._key = verp_key
        self._policy = policy_of(settings)

    def tied_copy(self, addresses: Iterable[str]) -> ReturnPath | None:
        """The first address that is a valid, unexpired return path of ours."""
        today = utcnow().date()
        for address in addresses:
            if address and ReturnPath.looks_like(address):
                found = ReturnPath.verify(address, self._key, today=today)
                if found is not None:
                    return found
        return None

    async def process(self, raw: bytes, *, envelope_recipients: Iterable[str] = ()) -> Processed:
        """Parse ``raw`` and record what it says. Raises StoreUnavailable when it cannot."""
        report = await asyncio.to_thread(parse, raw)
        token = self.tied_copy([*envelope_recipients, report.return_path or ""])
        keep = raw if self._settings.bounces.raw_retention_days > 0 else None
        if report.kind is Kind.AUTO_REPLY:
            return Processed(Outcome.IGNORED, report.kind)
        async with self._store.transaction() as session:
            owner = await copy_owner(session, token.recipient_id) if token else None
            if token is not None and (owner is None or owner[0] != token.account_id):
                owner, token = None, None  # signed by us, but for a copy that is gone
            now = utcnow()
            counts = [0, 0, 0]
            entries = report.recipients
            if not entries and owner is not None and report.kind in (Kind.UNPARSED, Kind.FAILED):
                entries = (_unreadable(owner[1]),)
            for entry in entries:
                try:
                    address = normalize_address(entry.address)
                except BadAddress:
                    continue
                if owner is not None and address != owner[1] and len(entries) > 1:
                    continue  # the token names one copy; other addresses in the DSN are not ours
                recipient_id = (
                    token.recipient_id
                    if owner is not None and token is not None
                    else await self._by_message_id(session, report, address)
                )
                copy_address = owner[1] if owner is not None else address
                done = await self._record(
                    session, report, entry, copy_address, recipient_id, keep, now
                )
                counts = [c + d for c, d in zip(counts, done, strict=True)]
        if counts[0]:
            return Processed(Outcome.RECORDED, report.kind, *counts)
        if report.kind in (Kind.UNPARSED, Kind.NOT_BOUNCE):
            return Processed(Outcome.UNPARSED, report.kind)
        return Processed(Outcome.IGNORED, report.kind)

    async def _by_message_id(
        self, session: AsyncSession, report: BounceReport, address: str
    ) -> int | None:
        if not report.message_id:
            return None
        return await find_copy(session, report.message_id.strip(), address)

    async def _record(
        self,
        session: AsyncSession,
        report: BounceReport,
        entry: Bounce,
        address: str,
        recipient_id: int | None,
        raw: bytes | None,
        now: dt.datetime,
    ) -> tuple[int, int, int]:
        """(recorded, suppressed, verified) for one recipient entry."""
        if report.kind in (Kind.DELIVERED, Kind.RELAYED, Kind.EXPANDED):
            if recipient_id is None:
                return (0, 0, 0)
            done = await mark_delivered(session, recipient_id, address, now=now)
            return (int(done), 0, int(done))
        if report.kind is Kind.FEEDBACK:
            if recipient_id is None:
                return (0, 0, 0)
            suppressed = await record_complaint(session, recipient_id, address, now=now, raw=raw)
            return (1, int(suppressed), 1)
        hard = entry.hard and report.kind is not Kind.DELAYED
        result = await record_bounce(
            session,
            BounceEvidence(
                address=address,
                hard=hard,
                reason=str(entry.reason),
                dsn_status=entry.status,
                reply_code=entry.reply_code,
                diagnostic=entry.diagnostic,
                source=BounceSource.DSN,
                reporting_mta=entry.reporting_mta or report.reporting_mta,
                recipient_id=recipient_id,
                raw=raw,
                about_recipient=entry.reason not in SENDER_SIDE,
            ),
            now=now,
            policy=self._policy,
        )
        return (1, int(result.suppressed), int(result.verified))


def _unreadable(address: str) -> Bounce:
    """An entry for a bounce we can tie to a copy but cannot read: soft, reason undefined."""
    return Bounce(
        address=address,
        original_recipient=None,
        action="failed",
        status=None,
        reply_code=None,
        diagnostic="the bounce could not be read",
        reporting_mta=None,
        remote_mta=None,
        reason=Reason.UNDEFINED,
        hard=False,
    )
