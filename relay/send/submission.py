"""The submission server: aiosmtpd hooks for AUTH, MAIL, RCPT and DATA.

Nothing is relayed without an authenticated account (or a trusted network), and every
recipient is checked against the account's and the global suppressions before it is accepted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import functools
import ipaddress
import logging
import time
import uuid
from collections.abc import Sequence
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import TYPE_CHECKING

from aiosmtpd.smtp import (
    SMTP,
    Envelope,
    Session,
)
from sqlalchemy.orm import Session as DbSession

from config import Settings
from relay import logs
from relay.bounce.policy import why_suppressed
from relay.send.auth import AuthCache, Principal
from relay.send.delivery import Deliverer
from relay.send.dkim import SigningFailed, sign
from relay.send.guard import PausedAccounts
from relay.send.recipient_check import check_one, mailbox_or_refusal, not_sent
from relay.smtp import replies
from relay.smtp.commands import (
    NULL_PATH,
    received_header,
)
from relay.smtp.login_guard import GuardSettings, LoginGuard
from relay.smtp.server import RelayEnvelope, has_bare_line_end
from storage.accounts import credential, password_matches
from storage.addresses import (
    BadAddress,
    normalize_domain,
)
from storage.engine import Store, StoreUnavailable, utcnow
from storage.lookups import sending_domain_of
from storage.messages import Intake, record_batch
from storage.queue import Claim
from storage.writer import JobKind

if TYPE_CHECKING:
    from relay.metrics import RelayMetrics

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.submission")

_SIGN_ON_LOOP = 64 * 1024  # bytes: DKIM for messages up to this size is signed on the loop
_PEERS_REMEMBERED = 4096  # client addresses whose trusted-network answer is kept


class SubmissionHandler:
    """aiosmtpd handler: one hook per SMTP verb."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        deliverer: Deliverer,
        trusted: dict[ipaddress.IPv4Network | ipaddress.IPv6Network, int],
    ) -> None:
        self._settings = settings
        self._store = store
        self._deliverer = deliverer
        self._trusted = trusted
        # peer address -> its trusted network's principal (or None): asked at every command
        self._peer_principals: dict[str, Principal | None] = {}
        self._auth_cache = AuthCache()
        server = settings.server
        self.login_guard = LoginGuard(
            GuardSettings(
                limit=server.auth_failures_before_lockout,
                window=server.auth_lockout,
                delay=server.auth_failure_delay,
                max_delay=server.auth_failure_max_delay,
            )
        )
        self.inline: set[asyncio.Task[None]] = set()
        self.paused: PausedAccounts | None = None  # the bounce-rate guard (relay.send.guard)
        self.metrics: RelayMetrics | None = None  # /metrics (relay.metrics)
        self._writer = deliverer.writer
        self._record_kind: JobKind[Intake, list[Claim]] = JobKind("record", self._record_batch)

    def _record_batch(self, session: DbSession, intakes: Sequence[Intake]) -> list[list[Claim]]:
        """Record the messages of many sessions in one transaction (see GroupWriter)."""
        queue = self._settings.queue
        return record_batch(
            session,
            intakes,
            refusal=not_sent,
            now=utcnow(),
            lease=queue.lease,
            lifetime=queue.lifetime,
            holder=self._deliverer.holder,
        )

    async def verify_login(self, login: bytes, password: bytes) -> Principal | None:
        """The account a user name and password belong to, or None."""
        key = self._auth_cache.key(login, password)
        cached = self._auth_cache.get(key)
        if cached is not None:
            return cached
        username = login.decode("utf-8", "replace")
        async with self._store.reading() as session:
            found = await credential(session, username)
        secret = password.decode("utf-8", "replace")
        # An unknown user's password is checked too (against a dummy hash, in the same time).
        password_hash = found[1] if found else None
        if not await asyncio.to_thread(password_matches, password_hash, secret) or not found:
            return None
        account_id = found[0]
        principal = Principal(account_id, username)
        self._auth_cache.put(key, principal)
        return principal

    def principal(self, session: Session) -> Principal | None:
        """The authenticated account, or the trusted network's, or None."""
        if session.authenticated and isinstance(session.auth_data, Principal):
            return session.auth_data
        peer = session.peer[0] if isinstance(session.peer, tuple) else None
        if not peer or not self._trusted:
            return None
        try:
            return self._peer_principals[peer]
        except KeyError:
            pass
        found = self._trusted_principal(peer)
        if len(self._peer_principals) >= _PEERS_REMEMBERED:
            self._peer_principals.clear()
        self._peer_principals[peer] = found
        return found

    def _trusted_principal(self, peer: str) -> Principal | None:
        ip = ipaddress.ip_address(peer.split("%")[0])
        for network, account_id in self._trusted.items():
            if ip.version == network.version and ip in network:
                return Principal(account_id, None)
        return None

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        return [*responses[:-1], "250-ENHANCEDSTATUSCODES", responses[-1]]

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        principal = self.principal(session)
        if principal is None:
            return replies.AUTH_REQUIRED
        if self.paused is not None and (paused := self.paused.refusal(principal.account_id)):
            return paused
        if address != NULL_PATH:  # the null sender: auto-replies, notifications
            sender = mailbox_or_refusal(address, smtputf8="SMTPUTF8" in options)
            if isinstance(sender, str):
                return sender
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return replies.OK_SENDER

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: RelayEnvelope,
        address: str,
        options: list[str],
    ) -> str:
        """The answer to RCPT (see _rcpt), counted and timed for /metrics."""
        started, suppressed = time.perf_counter(), len(envelope.not_sent)
        reply = await self._rcpt(session, envelope, address, options)
        if self.metrics is not None:
            took = time.perf_counter() - started
            self.metrics.rcpt_answered(reply, took, suppressed=len(envelope.not_sent) > suppressed)
        return reply

    async def _rcpt(
        self, session: Session, envelope: RelayEnvelope, address: str, options: list[str]
    ) -> str:
        principal = self.principal(session)
        if principal is None:
            return replies.AUTH_REQUIRED
        if self.paused is not None and (paused := self.paused.refusal(principal.account_id)):
            return paused
        if len(envelope.rcpt_tos) >= self._settings.server.max_recipients:
            return replies.TOO_MANY_RECIPIENTS
        try:
            verdict = await check_one(
                self._store,
                self._settings,
                principal.account_id,
                address,
                smtputf8=envelope.smtp_utf8,
            )
        except StoreUnavailable as exc:
            log.error("RCPT <%s>: suppression check failed, answering 451: %s", address, exc)
            return replies.STORE_UNAVAILABLE
        mailbox, hit = verdict.mailbox, verdict.suppression
        if mailbox is None or (hit is None and verdict.refused):
            return verdict.reply
        if hit is not None:
            envelope.not_sent[mailbox.key] = not_sent(mailbox.key, hit)
            logs.event(
                log, "not sent", to=f"<{address}>", account=principal.account_id,
                why=why_suppressed(hit), reason=hit.reason,
                scope="global" if hit.is_global else "account",
            )  # fmt: skip
            if verdict.refused:
                return verdict.reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        envelope.mailboxes[address] = mailbox
        return replies.OK_RECIPIENT

    async def handle_DATA(self, server: SMTP, session: Session, envelope: RelayEnvelope) -> str:
        principal = self.principal(session)
        if principal is None:
            return replies.AUTH_REQUIRED
        data: bytes = envelope.original_content or b""
        if has_bare_line_end(data):
            return replies.BARE_LINE_END
        try:
            headers = BytesHeaderParser(policy=compat32).parsebytes(header_block(data))
            from_domains = {
                normalize_domain(addr.rpartition("@")[2])
                for _, addr in email.utils.getaddresses(headers.get_all("From", []))
                if "@" in addr
            }
        except (BadAddress, ValueError, TypeError, IndexError):
            return replies.CANNOT_PARSE
        if not from_domains:
            return replies.NO_FROM
        try:
            domains = [
                await sending_domain_of(self._store, principal.account_id, d)
                for d in sorted(from_domains)
            ]
        except StoreUnavailable:
            return replies.QUEUE_UNAVAILABLE
        for name, found in zip(sorted(from_domains), domains, strict=True):
            if found is None:
                return replies.foreign_from(name)
        message_id = str(headers.get("Message-ID", "") or "").strip()
        if not message_id:
            message_id = f"<{uuid.uuid4().hex}@{sorted(from_domains)[0]}>"
            data = f"Message-ID: {message_id}\r\n".encode("ascii") + data
        if headers.get("Date") is None:
            # RFC 5322 §3.6 wants an origination date in every message and RFC 6409 §8.3 lets
            # the submission server add it: added here, before signing, it is covered by the
            # signature, where a later hop's Date would break it (DKIM's h= lists date).
            date = email.utils.format_datetime(dt.datetime.now(dt.UTC))
            data = f"Date: {date}\r\n".encode("ascii") + data
        campaign = str(headers.get(self._settings.server.campaign_header, "") or "").strip()
        trace_id = uuid.uuid4().hex[:16].upper()
        data = self.received(session, envelope, trace_id) + data  # before signing: DKIM covers it
        signer = domains[0]
        if signer is not None and signer.dkim_private_key and signer.dkim_selector:
            signing = functools.partial(
                sign,
                data,
                domain=signer.domain,
                selector=signer.dkim_selector,
                private_key_pem=signer.dkim_private_key,
            )
            on_loop = len(data) <= _SIGN_ON_LOOP
            if on_loop and self._store.turn is not None:
                # not while a writer of this process waits for SQLite's turn (WriterTurn.quiet)
                await self._store.turn.quiet()
            try:
                # A few hundred microseconds for a common message: cheaper on the event loop
                # than a hand-off to a thread; a large body is hashed off the loop.
                data = signing() if on_loop else await asyncio.to_thread(signing)
            except SigningFailed as exc:
                log.error("%s", exc)
                return "451 4.7.5 DKIM signing failed; the operator has been told, try later"
        return await self._accept(
            principal, envelope, data, message_id[:998], campaign[:998] or message_id[:998],
            trace_id=trace_id,
        )  # fmt: skip

    def received(self, session: Session, envelope: RelayEnvelope, trace_id: str) -> bytes:
        """The relay's ``Received:`` header for a message in this session."""
        server = self._settings.server
        mailboxes = list(envelope.mailboxes.values())
        return received_header(
            session,
            hostname=server.hostname,
            trace_id=trace_id,
            recipient=mailboxes[0] if len(mailboxes) == 1 else None,
            client=server.received_client_address,
        )

    async def _accept(
        self,
        principal: Principal,
        envelope: RelayEnvelope,
        data: bytes,
        message_id: str,
        campaign: str,
        *,
        trace_id: str,
    ) -> str:
        """Record and queue the message (group commit), then try it in-line at once. The reply
        waits for that attempt (within the budget) only when delivery is behind."""
        settings = self._settings
        intake = Intake(
            account_id=principal.account_id,
            wanted=[envelope.mailboxes[a] for a in envelope.rcpt_tos],
            not_sent=dict(envelope.not_sent),
            message_id=message_id,
            campaign=campaign,
            mail_from="" if envelope.mail_from == NULL_PATH else envelope.mail_from or "",
            body=data,
        )
        try:
            claims = await self._writer.submit(self._record_kind, intake)
        except StoreUnavailable as exc:
            log.error("DATA: could not record the message, answering 451: %s", exc)
            return replies.QUEUE_UNAVAILABLE
        logs.event(
            log, "accepted", message_id=message_id,
            queue_id=claims[0].message_pk if claims else None, account=principal.account_id,
            user=principal.username, sender=f"<{intake.mail_from}>", nrcpt=len(intake.wanted),
            not_sent=len(intake.not_sent) or None, size=len(data), trace=trace_id,
        )  # fmt: skip
        if claims:
            # Every copy is committed to the queue already: the 250 may go out before the
            # attempt ends. Waiting for it only while delivery is behind is the backpressure
            # that keeps a fast client from piling up copies in memory faster than they leave.
            behind = self._deliverer.behind(len(claims), len(data))
            task = asyncio.create_task(self._deliverer.deliver(claims, data))
            self.inline.add(task)
            task.add_done_callback(self.inline.discard)
            if behind:
                await asyncio.wait({task}, timeout=settings.delivery.inline_budget)
        return replies.accepted(message_id, 0)


def header_block(data: bytes) -> bytes:
    """``data`` up to and including its first empty line: all the email parser reads of the
    header fields. The body would only be decoded and stored as the payload, unused."""
    end = data.find(b"\r\n\r\n")
    return data if end < 0 else data[: end + 4]
