"""The smarthost transport, and the pooled upstream connections it (and the MX transport) send
through."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ssl
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import aiosmtplib

from config import Settings, Upstream, UpstreamTLS
from relay.send.transports.base import NO_SMTPUTF8, Reply
from relay.send.transports.pipelining import (
    NOT_HELD,
    ChainAnswer,
    ConnectionFailed,
    Disconnected,
    NotHeld,
    Pipeline,
)


@dataclass(frozen=True, slots=True)
class Endpoint:
    host: str
    port: int
    tls: UpstreamTLS
    username: str | None
    password: str | None
    verify: bool
    opportunistic_tls: bool = False  # STARTTLS when offered, unverified (MX delivery)


Connection = aiosmtplib.SMTP | Pipeline


@functools.cache
def system_trust() -> ssl.SSLContext:
    """The client context that verifies against the system's CA store, made once a process:
    loading the store costs tens of milliseconds, and a context serves any number of
    connections on any loop."""
    return ssl.create_default_context()


class ConnectionPool:
    """Idle SMTP connections to one endpoint, reused for later copies (RSET between them).

    Connections are set up by aiosmtplib; on those whose server offers PIPELINING (RFC 2920)
    a ``Pipeline`` takes over the transactions, two round trips per copy instead of four.
    """

    def __init__(self, endpoint: Endpoint, settings: Settings, *, size: int) -> None:
        self._endpoint = endpoint
        self._settings = settings
        self._idle: list[Connection] = []
        self._size = size
        self._tls: ssl.SSLContext | None = None

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            if self._endpoint.verify:
                self._tls = system_trust()
            else:  # encryption without verification: the CA store would go unused
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
                self._tls = context
        return self._tls

    async def _connect(self) -> Connection:
        ep, delivery = self._endpoint, self._settings.delivery
        context = self._tls_context()
        client = aiosmtplib.SMTP(
            hostname=ep.host,
            port=ep.port,
            local_hostname=self._settings.server.hostname,
            use_tls=ep.tls is UpstreamTLS.IMPLICIT,
            start_tls=True
            if ep.tls is UpstreamTLS.STARTTLS
            else (None if ep.opportunistic_tls else False),
            tls_context=context,
            timeout=delivery.command_timeout,
        )
        await client.connect(timeout=delivery.connect_timeout)
        try:
            if ep.username and ep.password is not None:
                await client.login(ep.username, ep.password)
            await _greet(client)
            if client.supports_extension("pipelining"):
                return Pipeline.take_over(client, delivery.command_timeout)
        except BaseException:
            client.close()
            raise
        return client

    async def send(self, sender: str, recipient: str, message: bytes) -> Reply:
        """One SMTP transaction on an idle connection (or a new one)."""
        client = self._idle.pop() if self._idle else None
        if client is not None and not client.is_connected:
            _discard(client)
            client = None
        reused = client is not None
        try:
            if client is None:
                client = await self._connect()
            reply = await _transaction(client, sender, recipient, message)
        except (
            aiosmtplib.SMTPServerDisconnected,
            aiosmtplib.SMTPConnectError,
            Disconnected,
        ) as exc:
            _discard(client)
            if reused:  # the idle connection went stale: one fresh try
                return await self.send(sender, recipient, message)
            return Reply(None, f"connection to {self._endpoint.host}: {exc}")
        except aiosmtplib.SMTPResponseException as exc:
            reply = Reply(exc.code, exc.message)
            _discard(client)
            return reply
        except ValueError as exc:  # aiosmtplib: an address that cannot go on a command line
            _discard(client)
            return Reply(554, f"5.3.0 The address cannot be sent unchanged: {exc}")
        except (aiosmtplib.SMTPException, ConnectionFailed, OSError, TimeoutError) as exc:
            _discard(client)
            return Reply(None, f"{self._endpoint.host}: {type(exc).__name__}: {exc}")
        except BaseException:  # cancelled, or a bug: the connection is in an unknown state
            _discard(client)
            raise
        if client.is_connected and len(self._idle) < self._size:
            self._idle.append(client)
        else:
            client.close()
        return reply

    async def send_many(
        self, copies: Sequence[tuple[str, str, bytes]], ready: Callable[[int], Awaitable[bool]]
    ) -> list[Reply | None]:
        """Several copies, each as ``send`` would send it, one after another on one pipelined
        connection (``Pipeline.send_chain``: a copy's body goes out with the next copy's
        envelope). ``ready(i)`` is asked before copy ``i`` goes out; None for a copy it
        refused. What the chain cannot take (no pipelining, an address ``send`` would refuse
        or send with SMTPUTF8, a connection lost before a copy's body left) goes by ``send``.
        """
        answers: list[ChainAnswer | Reply] = [None] * len(copies)
        if not self._idle:  # the first copy opens the connection the others are chained on
            answers[0] = await self._one(copies[0], ready(0))
        client = self._idle.pop() if self._idle else None
        first = 0 if answers[0] is None else 1
        chain = _chainable(client, copies[first:])
        if client is not None and (chain is None or not isinstance(client, Pipeline)):
            self._idle.append(client)
        elif isinstance(client, Pipeline) and chain is not None:
            try:
                chained = await client.send_chain(chain, lambda i: ready(first + i))
            except BaseException:  # cancelled, or a bug: the connection is in an unknown state
                _discard(client)
                raise
            answers[first:] = chained
            if client.is_connected and len(self._idle) < self._size:
                self._idle.append(client)
            else:
                client.close()
        replies: list[Reply | None] = []
        for i, answer in enumerate(answers):
            if answer is None:
                answer = await self._one(copies[i], ready(i))
            if isinstance(answer, NotHeld):
                replies.append(None)
            elif isinstance(answer, Reply):
                replies.append(answer)
            elif isinstance(answer, ConnectionFailed):
                replies.append(self._no_answer(answer))
            else:
                replies.append(Reply(*answer))
        return replies

    async def _one(self, copy: tuple[str, str, bytes], ready: Awaitable[bool]) -> Reply | NotHeld:
        return await self.send(*copy) if await ready else NOT_HELD

    def _no_answer(self, exc: ConnectionFailed) -> Reply:
        """The reply of a copy left without one (as ``send`` words it)."""
        if isinstance(exc, Disconnected):
            return Reply(None, f"connection to {self._endpoint.host}: {exc}")
        return Reply(None, f"{self._endpoint.host}: {type(exc).__name__}: {exc}")

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for client in idle:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.quit(), timeout=2)


async def _transaction(client: Connection, sender: str, recipient: str, message: bytes) -> Reply:
    utf8 = not (sender.isascii() and recipient.isascii())
    if utf8 and not _offers_smtputf8(client):
        # RFC 6531 §3.4: such a copy cannot be relayed unchanged; it bounces, it never waits
        # for a server that might.
        return NO_SMTPUTF8
    if isinstance(client, Pipeline):
        code, text = await client.send(sender, recipient, message)
        return Reply(code, text)
    options = ["SMTPUTF8"] if utf8 else []
    try:
        _refused, response = await client.sendmail(
            sender, [recipient], message, mail_options=options
        )
    except aiosmtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients[0]
        await _reset(client)
        return Reply(refused.code, refused.message)
    except (aiosmtplib.SMTPSenderRefused, aiosmtplib.SMTPDataError) as exc:
        await _reset(client)
        return Reply(exc.code, exc.message)
    return Reply(250, response)


def _chainable(
    client: Connection | None, copies: Sequence[tuple[str, str, bytes]]
) -> list[tuple[bytes, bytes]] | None:
    """The copies' transactions for ``Pipeline.send_chain``, or None: not a live pipelined
    connection, or a copy whose addresses need SMTPUTF8 or cannot go on a command line."""
    if not isinstance(client, Pipeline) or not client.is_connected or not copies:
        return None
    if not all(sender.isascii() and recipient.isascii() for sender, recipient, _ in copies):
        return None
    try:
        return [client.transaction(*copy) for copy in copies]
    except ValueError:
        return None


def _offers_smtputf8(client: Connection) -> bool:
    if isinstance(client, Pipeline):
        return client.smtputf8
    return client.supports_extension("smtputf8")


async def _greet(client: aiosmtplib.SMTP) -> None:
    """EHLO (HELO if refused) unless set-up did it already, as ``sendmail`` would first."""
    if client.is_ehlo_or_helo_needed:
        try:
            await client.ehlo()
        except aiosmtplib.SMTPHeloError:
            if not client.is_connected:
                raise
            await client.helo()


def _discard(client: Connection | None) -> None:
    if client is not None:
        with contextlib.suppress(Exception):
            client.close()


async def _reset(client: aiosmtplib.SMTP) -> None:
    with contextlib.suppress(aiosmtplib.SMTPException, OSError):
        await client.rset()


def endpoint_for(upstream: Upstream, settings: Settings) -> Endpoint:
    """The smarthost endpoint of an ``Upstream`` setting."""
    return Endpoint(
        upstream.host,
        upstream.port,
        upstream.tls,
        upstream.username,
        upstream.password.get_secret_value() if upstream.password else None,
        settings.delivery.verify_upstream_tls,
    )


class SmarthostTransport:
    """Every copy goes to one configured upstream, over reused connections."""

    def __init__(self, settings: Settings) -> None:
        self._pool = ConnectionPool(
            endpoint_for(settings.delivery.upstream, settings),
            settings,
            size=settings.delivery.concurrency,
        )

    async def send(self, sender: str, recipient: str, message: bytes) -> Reply:
        return await self._pool.send(sender, recipient, message)

    async def send_many(
        self, copies: Sequence[tuple[str, str, bytes]], ready: Callable[[int], Awaitable[bool]]
    ) -> list[Reply | None]:
        return await self._pool.send_many(copies, ready)

    async def close(self) -> None:
        await self._pool.close()
