"""The submission server: aiosmtpd hooks for AUTH, MAIL, RCPT and DATA.

Nothing is relayed without an authenticated account (or a trusted network), and every
recipient is checked against the account's and the global suppressions before it is accepted.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import hashlib
import ipaddress
import logging
import time
import types
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import TYPE_CHECKING, Any, cast

from aiosmtpd.smtp import (
    MISSING,
    SMTP,
    AuthResult,
    Envelope,
    LoginPassword,
    Session,
    TLSSetupException,
    _AuthMechAttr,
    syntax,
)
from sqlalchemy.orm import Session as DbSession

from config import Settings
from relay import logs, replies
from relay.commands import (
    NULL_PATH,
    BareLineEnd,
    CommandReader,
    ErrorLog,
    received_header,
    split_path,
)
from relay.delivery import Deliverer
from relay.dkim_sign import SigningFailed, sign
from relay.guard import PausedAccounts
from relay.login_guard import GuardSettings, LoginGuard
from relay.recipients import check_one, mailbox_or_refusal, why_suppressed
from relay.recipients import not_sent as not_sent_for
from relay.smtp_data import DataRefused, read_message
from relay.tls import LeanTLSProtocol
from storage.accounts import credential, password_matches
from storage.addresses import (
    BadAddress,
    MailboxAddress,
    normalize_domain,
)
from storage.engine import Store, StoreUnavailable, utcnow
from storage.lookups import sending_domain_of
from storage.messages import NewMessage, NotSent, record_messages
from storage.queue import Claim
from storage.suppressions import SuppressionInfo, covering_suppressions
from storage.writer import JobKind

if TYPE_CHECKING:
    from relay.metrics import RelayMetrics

log = logging.getLogger(__name__)

_SIGN_ON_LOOP = 64 * 1024  # bytes: DKIM for messages up to this size is signed on the loop


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is submitting: the account, and the user name (None for a trusted network)."""

    account_id: int
    username: str | None


class RelayEnvelope(Envelope):
    """aiosmtpd's envelope plus what the relay learns per transaction."""

    def __init__(self) -> None:
        super().__init__()
        self.mailboxes: dict[str, MailboxAddress] = {}  # each RCPT's path, as parsed once
        self.not_sent: dict[str, NotSent] = {}  # by comparison key


def has_bare_line_end(data: bytes) -> bool:
    """Whether ``data`` has a CR or LF that is not part of a CRLF pair."""
    pairs = data.count(b"\r\n")
    return data.count(b"\r") != pairs or data.count(b"\n") != pairs


@dataclass
class _AuthCache:
    """Recent successful logins, so a client reconnecting does not pay argon2 each time."""

    ttl: float = 60.0
    entries: dict[bytes, tuple[float, Principal]] = field(default_factory=dict)

    def key(self, login: bytes, password: bytes) -> bytes:
        return hashlib.blake2b(login + b"\0" + password, digest_size=32).digest()

    def get(self, key: bytes) -> Principal | None:
        hit = self.entries.get(key)
        if hit is None or hit[0] < time.monotonic():
            self.entries.pop(key, None)
            return None
        return hit[1]

    def put(self, key: bytes, principal: Principal) -> None:
        if len(self.entries) > 10_000:
            self.entries.clear()
        self.entries[key] = (time.monotonic() + self.ttl, principal)


@dataclass(frozen=True, slots=True)
class _Intake:
    """A message a session wants recorded: what DATA knows before the shared transaction."""

    account_id: int
    wanted: list[MailboxAddress]
    not_sent: dict[str, NotSent]
    message_id: str
    campaign: str
    mail_from: str
    body: bytes


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
        self._auth_cache = _AuthCache()
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
        self.paused: PausedAccounts | None = None  # the bounce-rate guard (relay.guard)
        self.metrics: RelayMetrics | None = None  # /metrics (relay.metrics)
        self._writer = deliverer.writer
        self._record_kind: JobKind[_Intake, list[Claim]] = JobKind("record", self._record_batch)

    def _record_batch(self, session: DbSession, intakes: Sequence[_Intake]) -> list[list[Claim]]:
        """Record the messages of many sessions in one transaction (see GroupWriter)."""
        by_account: dict[int, set[str]] = {}
        for intake in intakes:
            by_account.setdefault(intake.account_id, set()).update(m.key for m in intake.wanted)
        found: dict[int, dict[str, SuppressionInfo]] = {}
        for account_id, addresses in sorted(by_account.items()):
            # Checked again inside the transaction: a bounce recorded since RCPT counts.
            found[account_id] = covering_suppressions(session, account_id, sorted(addresses))
        news = []
        for intake in intakes:
            not_sent = dict(intake.not_sent)
            for mailbox in intake.wanted:
                hit = found[intake.account_id].get(mailbox.key)
                if hit is not None:
                    not_sent.setdefault(mailbox.key, not_sent_for(mailbox.key, hit))
            news.append(
                NewMessage(
                    account_id=intake.account_id,
                    message_id=intake.message_id,
                    campaign=intake.campaign,
                    mail_from=intake.mail_from,
                    body=intake.body,
                    recipients=_first_of_each(intake.wanted, not_sent),
                    not_sent=list(not_sent.values()),
                )
            )
        queue = self._settings.queue
        recorded = record_messages(
            session,
            news,
            now=utcnow(),
            lease=queue.lease,
            lifetime=queue.lifetime,
            holder=self._deliverer.holder,
        )
        return [claims for _, claims in recorded]

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
        if peer and self._trusted:
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
            envelope.not_sent[mailbox.key] = not_sent_for(mailbox.key, hit)
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
            headers = BytesHeaderParser(policy=compat32).parsebytes(data)
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
        campaign = str(headers.get(self._settings.server.campaign_header, "") or "").strip()
        data = self.received(session, envelope) + data  # before signing: DKIM covers it
        signer = domains[0]
        if signer is not None and signer.dkim_private_key and signer.dkim_selector:
            signing = functools.partial(
                sign,
                data,
                domain=signer.domain,
                selector=signer.dkim_selector,
                private_key_pem=signer.dkim_private_key,
            )
            try:
                # A few hundred microseconds for a common message: cheaper on the event loop
                # than a hand-off to a thread; a large body is hashed off the loop.
                data = signing() if len(data) <= _SIGN_ON_LOOP else await asyncio.to_thread(signing)
            except SigningFailed as exc:
                log.error("%s", exc)
                return "451 4.7.5 DKIM signing failed; the operator has been told, try later"
        return await self._accept(
            principal, envelope, data, message_id[:998], campaign[:998] or message_id[:998]
        )

    def received(self, session: Session, envelope: RelayEnvelope) -> bytes:
        """The relay's ``Received:`` header for a message in this session."""
        server = self._settings.server
        mailboxes = list(envelope.mailboxes.values())
        trace_id = uuid.uuid4().hex[:16].upper()
        log.info("message trace id %s", trace_id)
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
    ) -> str:
        """Record and queue the message (group commit), then try it in-line at once. The reply
        waits for that attempt (within the budget) only when delivery is behind."""
        settings = self._settings
        intake = _Intake(
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
            not_sent=len(intake.not_sent) or None, size=len(data),
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


def _first_of_each(
    mailboxes: list[MailboxAddress], skip: dict[str, NotSent]
) -> list[MailboxAddress]:
    """The first spelling of each comparison key, leaving out those in ``skip``."""
    first: dict[str, MailboxAddress] = {}
    for mailbox in mailboxes:
        if mailbox.key not in skip:
            first.setdefault(mailbox.key, mailbox)
    return list(first.values())


class ConnectionLimit:
    """The open client connections of one listener in this process, and its cap.

    A connection is counted from its protocol's first ``connection_made`` and released once,
    by ``RelaySMTP._release``, whichever comes first of the transport's ``connection_lost``
    and the end of the session's task (which closes the socket): so the count cannot drift,
    whatever the event loop and however the connection ends.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0
        self.refused = 0  # connections answered 421 since start

    def admit(self) -> bool:
        """Count one connection more, or False when ``limit`` are open."""
        if self.open >= self.limit:
            self.refused += 1
            return False
        self.open += 1
        return True

    def release(self) -> None:
        """Count one connection less."""
        self.open -= 1


def protocol_factory(
    handler: Any, *, limit: ConnectionLimit, **kwargs: Any
) -> Callable[[], RelaySMTP]:
    """RelaySMTP protocols for one listener, built cheaply after the first.

    aiosmtpd's constructor walks both the protocol and the handler with ``inspect.getmembers``
    and ``dir`` to build its command, hook and AUTH tables, which cost a tenth of the CPU of a
    one-message session. Those tables are the same for every connection of a listener, so
    aiosmtpd builds one prototype (and the first connection's protocol), and the later ones
    copy the prototype's attributes with its methods bound to them; only the stream state is
    made fresh, by asyncio's own constructor.
    """
    prototype: RelaySMTP | None = None
    plain: dict[str, Any] = {}  # attributes every copy shares the value of
    tables: dict[str, Any] = {}  # dicts: a copy each, with the prototype's methods rebound

    def build() -> RelaySMTP:
        nonlocal prototype
        if prototype is None:  # kept aside, never connected: the source of the copies
            prototype = RelaySMTP(handler, limit=limit, **kwargs)
            stream_state = _new_stream(RelaySMTP.__new__(RelaySMTP), prototype.loop).keys()
            for name, value in vars(prototype).items():
                if name not in stream_state:
                    shared = not isinstance(value, (dict, list, set, types.MethodType))
                    (plain if shared else tables)[name] = value
            return RelaySMTP(handler, limit=limit, **kwargs)
        protocol: RelaySMTP = RelaySMTP.__new__(RelaySMTP)
        state = _new_stream(protocol, prototype.loop)
        state.update(plain)
        for name, value in tables.items():
            state[name] = _rebound(value, prototype, protocol)
        protocol.command_size_limits.clear()  # as aiosmtpd's constructor does
        return protocol

    return build


def _new_stream(protocol: RelaySMTP, loop: asyncio.AbstractEventLoop) -> dict[str, Any]:
    """asyncio's stream state for ``protocol`` (what aiosmtpd's constructor starts with)."""
    asyncio.StreamReaderProtocol.__init__(
        protocol,
        CommandReader(loop=loop, limit=RelaySMTP.line_length_limit),
        client_connected_cb=protocol._cb_client_connected,
        loop=loop,
    )
    return vars(protocol)


def _rebound(value: Any, old: object, new: object) -> Any:
    """A copy of ``value`` with every method bound to ``old`` bound to ``new`` instead."""
    if isinstance(value, types.MethodType):
        return types.MethodType(value.__func__, new) if value.__self__ is old else value
    if isinstance(value, _AuthMechAttr):
        return _AuthMechAttr(_rebound(value.method, old, new), value.is_builtin)
    if isinstance(value, dict):
        return {k: _rebound(v, old, new) for k, v in value.items()}
    if isinstance(value, (list, set)):
        return type(value)(value)
    return value


class RelaySession(Session):
    """aiosmtpd's session without its deprecated ``login_data`` property: aiosmtpd itself sets
    it after every AUTH, and its warning would fill the log once per authenticated session.
    The relay reads ``auth_data`` (a Principal) instead."""

    login_data: Any = None


class RelaySMTP(SMTP):
    """aiosmtpd's SMTP with asynchronous credential checks, enhanced codes and a connection cap."""

    # RFC 5321 section 4.5.3.2: while a message comes in, a client may pause up to 3 minutes
    # between its blocks, and after the end of data it waits up to 10 minutes for the reply.
    # The idle timeout (aiosmtpd's `timeout`) bounds the wait for each command only.
    data_block_timeout = 180.0
    data_end_timeout = 600.0
    _last_received = 0.0  # loop time of the last bytes received

    def __init__(
        self,
        handler: SubmissionHandler,
        *,
        limit: ConnectionLimit,
        data_block_timeout: float = data_block_timeout,
        data_end_timeout: float = data_end_timeout,
        **kwargs: Any,
    ) -> None:
        super().__init__(handler, **kwargs)
        self.data_block_timeout = data_block_timeout
        self.data_end_timeout = data_end_timeout
        self._limit = limit
        self._counted = False
        self._socket: asyncio.BaseTransport | None = None  # the TCP transport, under any TLS
        self._tls_made = False  # STARTTLS's handshake completed
        self._held = b""  # the lines of a multi-line reply so far (see push)
        self._errors = ErrorLog()  # shared by the listener's protocols (see protocol_factory)
        _new_stream(self, self.loop)  # with a CommandReader

    def _create_envelope(self) -> RelayEnvelope:
        return RelayEnvelope()

    def _create_session(self) -> RelaySession:
        return RelaySession(self.loop)

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        """aiosmtpd's DATA, reading the message in a few large reads (see smtp_data)."""
        if self._decode_data:
            await super().smtp_DATA(arg)
        elif await self.check_helo_needed() or await self.check_auth_needed("DATA"):
            pass
        elif self.envelope is None or not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
        elif arg:
            await self.push("501 Syntax: DATA")
        else:
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._receive_message(self.envelope)

    async def _receive_message(self, envelope: Envelope) -> None:
        self._time_data_blocks()
        try:
            content = await read_message(
                self._reader, size_limit=self.data_size_limit, line_limit=self.line_length_limit
            )
        except DataRefused as refused:
            self._reset_timeout()  # the idle timeout again, for the next command
            self.envelope = self._create_envelope()  # aiosmtpd's post-DATA state
            await self.push(refused.reply)
            return
        except asyncio.IncompleteReadError:  # the client closed before the lone dot
            log.info("connection closed during DATA")
            self._writer.close()
            return
        except asyncio.CancelledError:  # the connection was lost (aiosmtpd cancels us)
            log.info("connection lost during DATA")
            self._writer.close()
            raise
        envelope.content = envelope.original_content = content
        self._reset_timeout(self.data_end_timeout)  # the hook's time to decide
        status = await self._call_handler_hook("DATA")
        self._reset_timeout()
        self.envelope = self._create_envelope()
        await self.push("250 OK" if status is MISSING else status)

    def data_received(self, data: bytes) -> None:
        self._last_received = self.loop.time()
        # Named, not super(): the bulk DATA tests lend this method to aiosmtpd's own SMTP.
        asyncio.StreamReaderProtocol.data_received(self, data)

    def _time_data_blocks(self) -> None:
        """From now until the end of data, time out only a pause longer than a data block's."""
        self._last_received = self.loop.time()
        if self._timeout_handle is not None:
            self._timeout_handle.cancel()
        self._timeout_handle = self.loop.call_at(
            self._last_received + self.data_block_timeout, self._data_block_due
        )

    def _data_block_due(self) -> None:
        silent_until = self._last_received + self.data_block_timeout
        if self.loop.time() >= silent_until:
            self._timeout_cb()
        else:  # bytes came meanwhile: wait for the rest of the new block's time
            self._timeout_handle = self.loop.call_at(silent_until, self._data_block_due)

    @syntax("STARTTLS", when="tls_context")
    async def smtp_STARTTLS(self, arg: str) -> None:
        """aiosmtpd's STARTTLS with a TLS layer that holds no read buffer of its own (see
        relay.tls): a thousand idle TLS sessions cost tens of megabytes, not hundreds. A client
        gone during the handshake ends the session."""
        if arg:
            await self.push("501 Syntax: STARTTLS")
            return
        if not self.tls_context:
            await self.push("454 4.7.0 TLS not available")
            return
        await self.push("220 2.0.0 Ready to start TLS")
        handshake: asyncio.Future[None] = self.loop.create_future()
        layer = LeanTLSProtocol(self.loop, self, self.tls_context, handshake, server_side=True)
        self._tls_protocol = layer
        # The socket now talks to the TLS layer, and this protocol to the layer's plain side.
        self._original_transport = plain = self.transport
        assert plain is not None
        plain.set_protocol(layer)
        self.transport = layer._app_transport
        layer.connection_made(plain)
        try:
            await handshake
        except asyncio.CancelledError:
            raise
        except Exception as error:
            raise TLSSetupException() from error
        if not self._tls_made:
            # asyncio's TLS layer tells the application nothing of a connection lost during
            # the handshake (no connection_made, so no connection_lost): stop reading.
            self.transport = None
            if self._timeout_handle is not None:
                self._timeout_handle.cancel()

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        return split_path(arg)

    async def handle_exception(self, error: Exception) -> str:
        """The reply to an exception in a command: never its text (aiosmtpd's default)."""
        if isinstance(error, BareLineEnd):
            return replies.BARE_LF_COMMAND
        self._errors.report(error, self.session.peer if self.session else None)
        return replies.INTERNAL_ERROR

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self._socket is not None:  # the second call: STARTTLS's handshake completed
            self._tls_made = True
            super().connection_made(transport)
            return
        self._socket = transport
        if not self._limit.admit():
            # A stream transport (uvloop's do not derive from asyncio's classes).
            writer = cast(asyncio.WriteTransport, transport)
            writer.write(replies.TOO_MANY_CONNECTIONS.encode("ascii") + b"\r\n")
            writer.close()
            return
        self._counted = True
        super().connection_made(transport)
        assert self._handler_coroutine is not None
        self._handler_coroutine.add_done_callback(self._session_ended)

    def _session_ended(self, _: asyncio.Task[None]) -> None:
        # However the session's task ended (QUIT, an error, a timeout, or cancelled before it
        # ever ran: on uvloop a client gone before the banner is seen at EOF first, and
        # aiosmtpd then cancels the task and leaves the socket open), its socket is closed.
        if self._socket is not None and not self._socket.is_closing():
            self._socket.close()
        self._release()

    def _release(self) -> None:
        if self._counted:
            self._counted = False
            self._limit.release()

    def connection_lost(self, error: Exception | None) -> None:
        self._release()
        if self.session is not None:
            super().connection_lost(error)

    def _timeout_cb(self) -> None:
        # aiosmtpd closes the session's transport, which during a TLS handshake is one that
        # nothing hears of again: end the session itself too (its end closes the socket).
        if self.transport is not None:  # None: the session is over already
            super()._timeout_cb()  # type: ignore[no-untyped-call]  # untyped in aiosmtpd
        if self._handler_coroutine is not None:
            self._handler_coroutine.cancel()

    async def push(self, status: str | bytes) -> None:
        if isinstance(status, str):
            status = replies.with_status(status)
            line = status.encode("utf-8" if self.enable_SMTPUTF8 else "ascii")
        else:
            line = status
        if line[3:4] == b"-" and line[:3].isdigit():
            # aiosmtpd pushes a multi-line reply (EHLO's) line by line: hold the lines and
            # send the reply in one write with its last line, not one packet a line.
            self._held += line + b"\r\n"
            return
        line, self._held = self._held + line + b"\r\n", b""
        self._writer.write(line)
        await self._writer.drain()

    def _authenticate(self, mechanism: str, auth_data: Any) -> AuthResult:
        # aiosmtpd checks credentials synchronously; we only capture them here and check them
        # asynchronously in _verified (argon2 in a thread, the store through the async engine).
        return AuthResult(success=False, handled=False, auth_data=auth_data)

    async def auth_PLAIN(self, _: Any, args: list[str]) -> AuthResult:
        return await self._verified(await super().auth_PLAIN(_, args), "PLAIN")

    async def auth_LOGIN(self, _: Any, args: list[str]) -> AuthResult:
        return await self._verified(await super().auth_LOGIN(_, args), "LOGIN")

    async def _verified(self, result: AuthResult, mechanism: str) -> AuthResult:
        creds = result.auth_data
        if not isinstance(creds, LoginPassword):
            return result
        handler: SubmissionHandler = self.event_handler
        guard = handler.login_guard
        peer = self.session.peer if self.session is not None else None
        client = str(peer[0]) if isinstance(peer, tuple) else "unknown"
        user = creds.login.decode("utf-8", "replace")
        if guard.locked(client, user):  # refused without a look at the password
            guard.refused(client, user, mechanism)
            return AuthResult(success=False, handled=False, message=replies.AUTH_LOCKED)
        try:
            principal = await handler.verify_login(creds.login, creds.password)
        except StoreUnavailable:
            return AuthResult(success=False, handled=False, message=replies.AUTH_UNAVAILABLE)
        if principal is None:
            await asyncio.sleep(guard.failed(client, user, mechanism))
            return AuthResult(success=False, handled=False, message=replies.AUTH_INVALID)
        guard.succeeded(user)
        return AuthResult(success=True, handled=False, auth_data=principal)
