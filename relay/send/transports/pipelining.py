"""RFC 2920 PIPELINING for the transaction phase of a pooled upstream connection.

aiosmtplib sets a connection up (EHLO, STARTTLS, AUTH) but waits for each reply before the
next command. When the server offers PIPELINING, ``Pipeline.take_over`` moves the connection's
asyncio transport to ``ReplyReader``, and each copy then costs two round trips instead of four:
MAIL, RCPT and DATA in one write, then the body.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import cast

import aiosmtplib
from aiosmtplib.email import parse_address

# Bounds on what a hostile upstream can make us buffer: aiosmtplib's limits.
MAX_LINE = 8192  # one reply line, CRLF included
MAX_REPLY = 4 * MAX_LINE  # a whole multiline reply

# What aiosmtplib turns into CRLF: a CRLF, a bare LF, a CR not followed by LF.
_LINE_ENDINGS = re.compile(rb"\r\n|\n|\r(?!\n)")
# A mailbox that aiosmtplib's ``quote_address`` would send unchanged; anything else takes its
# slower path, so both paths put the same bytes on the wire and refuse the same addresses.
_PLAIN_MAILBOX = re.compile(
    r"[^\s\x00-\x1f\x7f\"(),:;<>@\[\\\]]+@[^\s\x00-\x1f\x7f\"(),:;<>@\[\\\]]+"
)
_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")

ServerReply = tuple[int, str]


class ConnectionFailed(Exception):
    """The connection is unusable: closed, silent past the command timeout, or off-protocol."""


class Disconnected(ConnectionFailed):
    """The server closed the connection, or it broke."""


class ReplyTimeout(ConnectionFailed):
    """No reply came within the command timeout."""


class BadReply(ConnectionFailed):
    """The server sent something that is no SMTP reply, or a reply nobody asked for."""


class NotHeld:
    """A chained copy skipped: ``ready`` said it was no longer this sender's to send."""


NOT_HELD = NotHeld()
# One copy's outcome in a chain (see Pipeline.send_chain).
ChainAnswer = ServerReply | ConnectionFailed | NotHeld | None


class ReplyReader(asyncio.Protocol):
    """Splits what the server sends into replies and hands each request its replies, in order.

    One request is outstanding at a time (a transaction's commands, or its body); its future
    resolves once all the replies it asked for have arrived. Each command has ``timeout``
    seconds, as when sent one by one: a server may hold its replies back until the last
    command of a request (RFC 2920 allows it), so the replies still owed share their budget.
    """

    def __init__(self, transport: asyncio.Transport, timeout: float) -> None:
        self.transport = transport
        self.failure: ConnectionFailed | None = None
        self._loop = asyncio.get_running_loop()
        self._timeout = timeout
        self._tail = b""  # an incomplete line
        self._texts: list[bytes] = []  # the lines so far of a multiline reply
        self._reply_size = 0
        self._replies: list[ServerReply] = []
        self._expected = 0
        self._waiter: asyncio.Future[list[ServerReply]] | None = None
        # One timer for the connection's life: a reply moves the deadline, and the timer, when
        # it fires before the deadline, sets itself again for it.
        self._deadline = 0.0
        self._timer: asyncio.TimerHandle | None = None

    @property
    def received(self) -> list[ServerReply]:
        """The replies so far to the latest request (all of them once it is answered)."""
        return self._replies

    def request(self, data: bytes, replies: int) -> asyncio.Future[list[ServerReply]]:
        """Write ``data`` (``replies`` commands, or a message body) and expect that many replies."""
        if self.failure is not None:
            raise self.failure
        if self.transport.is_closing():
            raise Disconnected("connection closed")
        if self._waiter is not None:
            raise RuntimeError("a request is still waiting for its replies")
        waiter = self._waiter = self._loop.create_future()
        self._replies, self._expected = [], replies
        self._deadline = self._loop.time() + self._timeout * replies
        self._arm()
        self.transport.write(data)
        return waiter

    def data_received(self, data: bytes) -> None:
        if self.failure is not None:
            return
        if self._tail:
            data = self._tail + data
        lines = data.split(b"\n")
        self._tail = lines.pop()
        try:
            if len(self._tail) >= MAX_LINE:
                raise BadReply(f"reply line over {MAX_LINE} bytes")
            for line in lines:
                self._line(line)
        except ConnectionFailed as exc:
            self._fail(exc)

    def _line(self, line: bytes) -> None:
        # Parsed as aiosmtplib does: the code of the last line, the texts stripped and joined by
        # LF (leading empty texts dropped), decoded as UTF-8 with surrogate escapes.
        code = line[:3]
        if len(line) >= MAX_LINE:
            raise BadReply(f"reply line over {MAX_LINE} bytes")
        if len(code) != 3 or not code.isdigit():
            raise BadReply(f"malformed reply line {line[:80]!r}")
        self._reply_size += len(line)
        if self._reply_size > MAX_REPLY:
            raise BadReply(f"reply over {MAX_REPLY} bytes")
        self._texts.append(line[4:].strip(b" \t\r"))
        if line[3:4] == b"-":
            return
        text = b"\n".join(self._texts).lstrip(b"\n").decode("utf-8", "surrogateescape")
        self._texts, self._reply_size = [], 0
        self._reply((int(code), text))

    def _reply(self, reply: ServerReply) -> None:
        if self._waiter is None:
            raise BadReply(f"unexpected reply {reply[0]} {reply[1]}")
        self._replies.append(reply)
        owed = self._expected - len(self._replies)
        self._deadline = self._loop.time() + self._timeout * owed
        if owed:
            self._arm()
        else:
            waiter, self._waiter = self._waiter, None
            if not waiter.done():  # else its task was cancelled
                waiter.set_result(self._replies)

    def _arm(self) -> None:
        """Have the timer fire by the deadline (it may fire earlier, and then sets itself again)."""
        if self._timer is not None:
            if self._timer.when() <= self._deadline:
                return
            self._timer.cancel()
        self._timer = self._loop.call_at(self._deadline, self._check_deadline)

    def _check_deadline(self) -> None:
        self._timer = None
        if self._waiter is None or self.failure is not None:
            return
        if self._loop.time() < self._deadline:
            self._timer = self._loop.call_at(self._deadline, self._check_deadline)
        else:
            self._fail(ReplyTimeout(f"no reply within {self._timeout:g} s"))

    def eof_received(self) -> bool:
        self._fail(Disconnected("the server closed the connection"))
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(Disconnected(f"connection lost: {exc}" if exc else "connection lost"))

    def _fail(self, exc: ConnectionFailed) -> None:
        """Fail the waiting request and every later one; abort the connection."""
        if self.failure is None:
            self.failure = exc
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(self.failure)
        self.transport.abort()


class Pipeline:
    """A pooled upstream connection past its set-up, sending each copy pipelined."""

    def __init__(
        self, transport: asyncio.Transport, timeout: float, *, size: bool, smtputf8: bool
    ) -> None:
        self._reader = ReplyReader(transport, timeout)
        self._size = size
        self._smtputf8 = smtputf8
        transport.set_protocol(self._reader)

    @classmethod
    def take_over(cls, client: aiosmtplib.SMTP, timeout: float) -> Pipeline:
        """Move a set-up aiosmtplib connection to a ``Pipeline``; the client lets go of it."""
        transport = client.transport
        if not client.is_connected or transport is None or transport.is_closing():
            raise Disconnected("connection lost during set-up")
        pipeline = cls(
            # A stream transport: uvloop's do not derive from asyncio's classes.
            cast(asyncio.Transport, transport),
            timeout,
            size=client.supports_extension("size"),
            smtputf8=client.supports_extension("smtputf8"),
        )
        # Without its transport and protocol, close() only resets aiosmtplib's own state (and
        # its connect lock); the old protocol gets no more callbacks from the transport.
        client.transport = None
        client.protocol = None
        client.close()
        return pipeline

    @property
    def smtputf8(self) -> bool:
        """Whether the server offers SMTPUTF8 (RFC 6531)."""
        return self._smtputf8

    @property
    def is_connected(self) -> bool:
        return self._reader.failure is None and not self._reader.transport.is_closing()

    def transaction(self, sender: str, recipient: str, message: bytes) -> tuple[bytes, bytes]:
        """One copy's envelope (MAIL, RCPT and DATA, one write) and what follows the 354.

        :raises aiosmtplib.SMTPNotSupported: non-ASCII addresses, and no SMTPUTF8 offered
        :raises ValueError: an address that cannot go on a command line
        """
        utf8 = not (sender.isascii() and recipient.isascii())
        if utf8 and not self._smtputf8:
            # What aiosmtplib raises here, so that both paths give the copy the same reply.
            raise aiosmtplib.SMTPNotSupported("SMTPUTF8 is not supported by this server")
        body, size = data_payload(message)
        mail = b"MAIL FROM:" + _path(sender)
        if self._size:
            mail += b" SIZE=%d" % size
        if utf8:
            mail += b" SMTPUTF8"
        return b"%s\r\nRCPT TO:%s\r\nDATA\r\n" % (mail, _path(recipient)), body

    async def send(self, sender: str, recipient: str, message: bytes) -> ServerReply:
        """One transaction; the reply that decides the copy: the first refusal, or the final.

        :raises ConnectionFailed: the connection broke, timed out or left the protocol
        :raises aiosmtplib.SMTPNotSupported: non-ASCII addresses, and no SMTPUTF8 offered
        """
        envelope, body = self.transaction(sender, recipient, message)
        replies = await self._reader.request(envelope, 3)
        refusal = _refusal(replies)
        if refusal is None:
            (final,) = await self._reader.request(body, 1)
            return final
        await self._refused(replies)
        return refusal

    async def send_chain(
        self,
        transactions: Sequence[tuple[bytes, bytes]],
        ready: Callable[[int], Awaitable[bool]],
    ) -> list[ChainAnswer]:
        """Copies one after the other (``transaction``'s envelopes and bodies), each body
        written together with the next copy's envelope: RFC 2920 §3.1 lets the message content
        be the first "command" of a group. One write a copy instead of two, and the server's
        reply to a body comes with its replies to the next envelope.

        ``ready(i)`` is asked before copy ``i``'s envelope goes out (False: the copy is skipped,
        ``NOT_HELD``). Each copy's answer is its deciding reply as ``send`` returns it, the
        ``ConnectionFailed`` that left it without one after its body went out (as ``send``
        raises it), or None when it was not sent at all: the connection failed before its
        body left, which ends the chain (every later copy is None too).
        """
        answers: list[ChainAnswer] = [None] * len(transactions)
        owed: int | None = None  # the copy whose body goes out with the next write
        pending = b""
        for i, (envelope, body) in enumerate(transactions):
            if not await ready(i):
                answers[i] = NOT_HELD
                continue
            try:
                replies = await self._reader.request(pending + envelope, 3 + (owed is not None))
            except ConnectionFailed as exc:
                if owed is not None:
                    # The body's reply may have come before the connection failed: a copy the
                    # server took is never left to be sent again.
                    answers[owed] = self._reader.received[0] if self._reader.received else exc
                return answers
            if owed is not None:
                answers[owed], replies = replies[0], replies[1:]
                owed, pending = None, b""
            refusal = _refusal(replies)
            if refusal is None:
                owed, pending = i, body
                continue
            answers[i] = refusal
            await self._refused(replies)
            if not self.is_connected:
                return answers
        if owed is not None:
            try:
                (answers[owed],) = await self._reader.request(pending, 1)
            except ConnectionFailed as exc:
                answers[owed] = exc
        return answers

    async def _refused(self, replies: list[ServerReply]) -> None:
        """After a refused envelope: reset the transaction, or drop a connection out of step."""
        if replies[2][0] == 354 or any(code == 421 for code, _ in replies):
            # A server that starts DATA after refusing the envelope is out of step with us, and
            # 421 means it is closing: in both cases drop the connection rather than reset it.
            self._reader.transport.abort()
        else:
            await self._reset()

    async def _reset(self) -> None:
        try:
            ((code, _),) = await self._reader.request(b"RSET\r\n", 1)
        except ConnectionFailed:
            return  # the pool sees the connection is gone
        if code != 250:
            self._reader.transport.abort()

    async def quit(self) -> None:
        """Say QUIT and close the connection."""
        try:
            await self._reader.request(b"QUIT\r\n", 1)
        finally:
            self.close()

    def close(self) -> None:
        self._reader.transport.close()


def _refusal(replies: list[ServerReply]) -> ServerReply | None:
    """The reply refusing a pipelined envelope (MAIL, RCPT, DATA), or None: all went through."""
    mail_reply, rcpt_reply, data_reply = replies
    if mail_reply[0] != 250:
        return mail_reply
    if rcpt_reply[0] not in (250, 251):
        return rcpt_reply
    if data_reply[0] != 354:
        return data_reply
    return None


def data_payload(message: bytes) -> tuple[bytes, int]:
    """The bytes aiosmtplib sends after DATA for ``message``, and the message's SIZE.

    Line endings become CRLF, the message ends with CRLF (its SIZE, RFC 1870, is counted here),
    a dot starting a line is doubled, and the end-of-data line follows.
    """
    crlf = message.count(b"\r\n")
    if message.count(b"\r") != crlf or message.count(b"\n") != crlf:
        message = _LINE_ENDINGS.sub(b"\r\n", message)
    if not message.endswith(b"\r\n"):
        message += b"\r\n"
    size = len(message)
    stuffed = message.replace(b"\r\n.", b"\r\n..")
    if stuffed.startswith(b"."):
        return b"." + stuffed + b".\r\n", size
    return stuffed + b".\r\n", size


def _path(address: str) -> bytes:
    """``<address>`` as aiosmtplib writes it (UTF-8 is only sent with SMTPUTF8).

    :raises ValueError: for an address that cannot go on a command line, as aiosmtplib does
    """
    if _PLAIN_MAILBOX.fullmatch(address):
        return b"<" + address.encode() + b">"
    path = b"<" + parse_address(address).encode() + b">"
    if _CONTROL.search(path):
        raise ValueError("Command arg contains a prohibited control character")
    return path
