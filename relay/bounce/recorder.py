"""Turning a returned message into records: parse it, tie it to a copy we sent, record it.

A returned message is tied to a copy only by a valid, unexpired token the relay signed: the
VERP address it was sent to, or the ``X-Relay-Copy`` header in the original headers it quotes.
A Message-ID is no secret (every recipient of a campaign sees it) and ties nothing. Only tied
reports can suppress; the rest are kept as unverified evidence, bounded per sending host.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bounce_parser import SUCCESS_ACTIONS, Bounce, BounceReport, Kind, Reason, parse
from bounce_parser.verp import CopyToken, Returned, ReturnPath, read_returned
from config import Settings
from relay import logs
from relay.bounce.forwarding import as_forwarded, forwarded_from
from relay.bounce.policy import policy_of
from relay.bounce.recording import record_bounce
from storage.addresses import BadAddress, normalize_address
from storage.bounces import (
    BounceEvidence,
    copy_owner,
    mark_delivered,
    record_complaint,
)
from storage.engine import Store, utcnow
from storage.models import BounceSource
from storage.unverified import keep_unverified_report

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.bounces")


class Outcome(StrEnum):
    RECORDED = "recorded"  # at least one bounce, delivery or complaint recorded
    IGNORED = "ignored"  # an auto-reply, or a DSN that reports nothing to record
    UNPARSED = "unparsed"  # not a bounce we can read, and not tied to anything we sent
    THROTTLED = "throttled"  # unverified, and its sending host sent its share this hour


@dataclass(frozen=True, slots=True)
class Processed:
    outcome: Outcome
    kind: Kind
    recorded: int = 0
    suppressed: int = 0
    verified: int = 0
    unverified: int = 0
    duplicates: int = 0


@dataclass(frozen=True, slots=True)
class Tie:
    """The copy a returned message is about, proven by a token we signed."""

    recipient_id: int
    account_id: int
    address: str


@dataclass
class _Tally:
    recorded: int = 0
    suppressed: int = 0
    verified: int = 0
    unverified: int = 0
    duplicates: int = 0
    throttled: bool = False

    def add(self, recorded: int, suppressed: int, verified: int, duplicate: int) -> None:
        self.recorded += recorded
        self.suppressed += suppressed
        self.verified += verified
        self.unverified += recorded - verified
        self.duplicates += duplicate


class BounceRecorder:
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

    async def tie(
        self, session: AsyncSession, path: ReturnPath | None, quoted: CopyToken | None
    ) -> Tie | None:
        """The copy the return path, or else the quoted signed header, proves; None if none."""
        if path is not None:
            owner = await copy_owner(session, path.recipient_id)
            if owner is not None and owner[0] == path.account_id:
                return Tie(path.recipient_id, owner[0], owner[1])
        if quoted is not None:
            owner = await copy_owner(session, quoted.recipient_id)
            if (
                owner is not None
                and owner[0] == quoted.account_id
                and quoted.verify(self._key, owner[1], today=utcnow().date())
            ):
                return Tie(quoted.recipient_id, owner[0], owner[1])
        return None

    async def record(
        self,
        raw: bytes,
        *,
        envelope_recipients: Iterable[str] = (),
        source_host: str | None = None,
    ) -> Processed:
        """Parse ``raw`` and record what it says. Raises StoreUnavailable when it cannot.

        ``source_host`` is the address of the host that sent it, when known: unverified
        reports are limited per sending host.
        """
        report, returned = await asyncio.to_thread(_read, raw)
        if report.kind in (Kind.AUTO_REPLY, Kind.DELAYED):
            # An auto-reply is no bounce; nor is a delay warning: the copy is still queued
            # at the remote end, and its final notice (or delivery) will come.
            return Processed(Outcome.IGNORED, report.kind)
        path = self.tied_copy([*envelope_recipients, report.return_path or ""])
        tally = _Tally()
        async with self._store.transaction() as session:
            tie = await self.tie(session, path, returned.copy)
            if tie is not None and _written_by(returned, tie.address, report.kind):
                return Processed(Outcome.IGNORED, report.kind)
            entries = report.recipients
            if not entries and tie is not None and report.kind in _NAMELESS_KINDS:
                # Tied, but naming no address (unreadable, or a complaint with it redacted).
                entries = (_unreadable(tie.address),)
            untied: list[tuple[Bounce, str]] = []
            for entry in entries:
                if entry.action == "delayed":  # one recipient still queued in a mixed report
                    continue
                try:
                    address = normalize_address(entry.address)
                except BadAddress:
                    continue
                if tie is not None and forwarded_from(entry, tie.address):
                    # a target the copy's recipient forwards to failed: recorded on the copy,
                    # never condemning its recipient (relay/bounce/forwarding.py)
                    forwarded = as_forwarded(entry)
                    await self._tied(session, report, returned, forwarded, tie, raw, tally)
                elif tie is not None and (address == tie.address or len(entries) == 1):
                    # The token names one copy; a lone entry naming another address is about
                    # it too (a recipient rewritten with no original recipient given).
                    await self._tied(session, report, returned, entry, tie, raw, tally)
                elif entry.action not in SUCCESS_ACTIONS:
                    untied.append((entry, address))
            if untied and report.kind not in _DELIVERY_KINDS:
                await self._untied(session, report, returned, untied, raw, source_host, tally)
        processed = _processed(report.kind, tally)
        logs.event(
            log, "bounce processed", outcome=processed.outcome.value, kind=report.kind.value,
            tied=tie is not None, recorded=tally.recorded, suppressed=tally.suppressed,
            unverified=tally.unverified or None, duplicates=tally.duplicates or None,
            client=source_host, size=len(raw),
        )  # fmt: skip
        return processed

    async def _tied(
        self,
        session: AsyncSession,
        report: BounceReport,
        returned: Returned,
        entry: Bounce,
        tie: Tie,
        raw: bytes,
        tally: _Tally,
    ) -> None:
        keep = raw if self._settings.bounces.raw_retention_days > 0 else None
        fingerprint = _fingerprint(tie.recipient_id, returned, report.kind, entry, tie.address)
        now = utcnow()
        if report.kind in _DELIVERY_KINDS or entry.action in SUCCESS_ACTIONS:
            # delivered, relayed or expanded (RFC 3464 section 2.3.3), also beside a failed
            # recipient in one notice (Sendmail, Courier): never a bounce
            done = await mark_delivered(session, tie.recipient_id, tie.address, now=now)
            tally.add(int(done), 0, int(done), 0)
            return
        if report.kind is Kind.FEEDBACK:
            result = await record_complaint(
                session, tie.recipient_id, tie.address, now=now, raw=keep,
                fingerprint=fingerprint, guard=self._policy.guard,
            )  # fmt: skip
        else:
            evidence = self._evidence(
                report, entry, tie.address, tie.recipient_id, keep, fingerprint
            )
            result = await record_bounce(session, evidence, now=now, policy=self._policy)
        if result is not None:
            new = int(not result.duplicate)
            tally.add(new, int(result.suppressed), new * int(result.verified), 1 - new)

    async def _untied(
        self,
        session: AsyncSession,
        report: BounceReport,
        returned: Returned,
        entries: list[tuple[Bounce, str]],
        raw: bytes,
        source_host: str | None,
        tally: _Tally,
    ) -> None:
        """Keep entries no token ties as unverified evidence: the raw message once, bounded."""
        b = self._settings.bounces
        now = utcnow()
        report_id = await keep_unverified_report(
            session,
            raw,
            source_host=source_host,
            max_bytes=b.unverified_max_bytes if b.unverified_retention_days > 0 else 0,
            per_host_per_hour=b.unverified_per_host_per_hour,
            now=now,
        )
        if report_id is None:
            tally.throttled = True
            return
        for entry, address in entries:
            fingerprint = _fingerprint(None, returned, report.kind, entry, address)
            evidence = self._evidence(report, entry, address, None, None, fingerprint)
            if report.kind is Kind.FEEDBACK:
                evidence = _as_complaint(evidence)
            evidence = dataclasses.replace(evidence, report_id=report_id)
            result = await record_bounce(session, evidence, now=now, policy=self._policy)
            tally.add(int(not result.duplicate), 0, 0, int(result.duplicate))

    def _evidence(
        self,
        report: BounceReport,
        entry: Bounce,
        address: str,
        recipient_id: int | None,
        raw: bytes | None,
        fingerprint: str,
    ) -> BounceEvidence:
        return BounceEvidence(
            address=address,
            hard=entry.hard,
            reason=str(entry.reason),
            dsn_status=entry.status,
            reply_code=entry.reply_code,
            diagnostic=entry.diagnostic,
            source=BounceSource.DSN,
            reporting_mta=entry.reporting_mta or report.reporting_mta,
            recipient_id=recipient_id,
            raw=raw,
            party=str(entry.party),
            fingerprint=fingerprint,
        )


_DELIVERY_KINDS = (Kind.DELIVERED, Kind.RELAYED, Kind.EXPANDED)
_NAMELESS_KINDS = (Kind.UNPARSED, Kind.FAILED, Kind.FEEDBACK)


def _written_by(returned: Returned, address: str, kind: Kind) -> bool:
    """Whether the tied copy's own recipient ``address`` wrote the notice (its From): then its
    mailbox is alive and answered, whatever the words say. A mail system's notice comes from
    the system (MAILER-DAEMON, postmaster: RFC 5321 section 4.5.5); a responder answers from
    the address it answers for (vacation(1)'s .vacation.msg From, Exim's autoreply ``from``,
    a formail -r reply from the user), and may say "Undeliverable", "not delivered", "no
    longer monitored" in its owner's words with no header that marks it (vacation(1) sends
    the user's message file as it is). A complaint keeps its own path (ARF's From is the
    feedback provider's)."""
    if kind is Kind.FEEDBACK or not returned.author:
        return False
    try:
        return normalize_address(returned.author) == address
    except BadAddress:
        return False


def _read(raw: bytes) -> tuple[BounceReport, Returned]:
    return parse(raw), read_returned(raw)


def _processed(kind: Kind, tally: _Tally) -> Processed:
    counts = (tally.recorded, tally.suppressed, tally.verified, tally.unverified)
    if tally.recorded:
        return Processed(Outcome.RECORDED, kind, *counts, tally.duplicates)
    if tally.throttled:
        return Processed(Outcome.THROTTLED, kind)
    if kind in (Kind.UNPARSED, Kind.NOT_BOUNCE):
        return Processed(Outcome.UNPARSED, kind)
    return Processed(Outcome.IGNORED, kind, duplicates=tally.duplicates)


def _fingerprint(
    copy: int | None, returned: Returned, kind: Kind, entry: Bounce, address: str
) -> str:
    """The identity of one entry of a returned message: the copy it is tied to (or none), the
    notice's own Message-ID and Date, and what it reports. The same report read twice (a
    resend after a lost reply, a mailbox read again) has the same one."""
    fields = (
        f"copy:{copy}" if copy is not None else "untied",
        returned.notice_id,
        str(kind),
        address,
        entry.address,
        entry.action,
        entry.status,
        entry.reply_code,
        entry.diagnostic,
        entry.reporting_mta,
        entry.remote_mta,
    )
    text = "\x1f".join("" if f is None else str(f) for f in fields)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _as_complaint(evidence: BounceEvidence) -> BounceEvidence:
    return dataclasses.replace(
        evidence,
        hard=False,
        reason="feedback",
        diagnostic="complaint (ARF feedback report)",
        source=BounceSource.FEEDBACK,
    )


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
