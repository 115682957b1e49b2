"""The SMTP server both listeners run: aiosmtpd's protocol with asynchronous AUTH, enhanced
status codes, a connection cap and DATA in large reads (built per listener by factory.py).

The submission handler (relay.send.submission) and the bounce handler (relay.bounce.listener)
plug their hooks into it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol, cast

from aiosmtpd.smtp import (
    MISSING,
    SMTP,
    AuthResult,
    Envelope,
    LoginPassword,
    Session,
    TLSSetupException,
    syntax,
)

from relay.smtp import replies
from relay.smtp.commands import (
    BareLineEnd,
    CommandReader,
    ErrorLog,
    split_path,
)
from relay.smtp.data import DataRefused, read_message
from relay.smtp.limit import ConnectionLimit
from relay.smtp.login_guard import LoginGuard
from relay.smtp.tls import LeanTLSProtocol
from storage.addresses import (
    MailboxAddress,
)
from storage.engine import StoreUnavailable
from storage.messages import NotSent

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.submission")

# Replies held for a pipelined group are written once they reach this many bytes (RFC 2920
# section 3.2: also when the server's output buffer fills).
_HELD_REPLIES_MAX = 4096


class LoginChecker(Protocol):
    """What a handler offering AUTH gives the protocol: its throttle and its credential check
    (the submission handler; the bounce listener offers no AUTH)."""

    login_guard: LoginGuard

    async def verify_login(self, login: bytes, password: bytes) -> object | None:
        """Who the credentials name, or None when they are wrong."""


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


def new_stream(protocol: RelaySMTP, loop: asyncio.AbstractEventLoop) -> dict[str, Any]:
    """asyncio's stream state for ``protocol`` (what aiosmtpd's constructor starts with)."""
    asyncio.StreamReaderProtocol.__init__(
        protocol,
        CommandReader(loop=loop, limit=RelaySMTP.line_length_limit),
        client_connected_cb=protocol._cb_client_connected,
        loop=loop,
    )
    return vars(protocol)


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
        handler: object,
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
        self._held = b""  # replies not yet written: see push
        self._groupable = False  # the command being handled may have its reply held (push)
        self._errors = ErrorLog()  # shared by the listener's protocols (see protocol_factory)
        new_stream(self, self.loop)  # with a CommandReader

    def _create_envelope(self) -> RelayEnvelope:
        return RelayEnvelope()

    def _create_session(self) -> RelaySession:
        return RelaySession(self.loop)

    # RFC 2920 section 3.2: a server may keep the replies to grouped RSET, MAIL and RCPT
    # commands and send them as a unit, provided they go out once the input holds no more
    # commands. A pipelining client's MAIL, RCPTs and DATA then cost one write, not one each.
    @syntax("MAIL FROM: <address>", extended=" [SP <mail-parameters>]")
    async def smtp_MAIL(self, arg: str | None) -> None:
        self._groupable = True
        try:
            await super().smtp_MAIL(arg)
        finally:
            self._groupable = False

    @syntax("RCPT TO: <address>", extended=" [SP <mail-parameters>]")
    async def smtp_RCPT(self, arg: str | None) -> None:
        self._groupable = True
        try:
            await super().smtp_RCPT(arg)
        finally:
            self._groupable = False

    @syntax("RSET")
    async def smtp_RSET(self, arg: str) -> None:
        self._groupable = True
        try:
            await super().smtp_RSET(arg)
        finally:
            self._groupable = False

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
        relay.smtp.tls): a thousand idle TLS sessions cost tens of megabytes, not hundreds. A client
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
        if (
            self._groupable
            and line[:3] != b"421"  # closing: never held
            and len(self._held) < _HELD_REPLIES_MAX
            and cast(CommandReader, self._reader).has_line()
        ):
            # The reply to a grouped MAIL, RCPT or RSET while the client's next command is
            # already here: it goes out with the next reply that is not held (see smtp_MAIL).
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
        handler = cast(LoginChecker, self.event_handler)
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
