"""Mail clients under load: many messages over many concurrent SMTP connections to 127.0.0.1,
every reply kept, so that a test can hold the upstream and the store to what the relay answered.

The client is plain asyncio over a trusted network (no TLS, no AUTH): thousands of messages
cost the test process little, and the relay does everything it does for any client.
"""

from __future__ import annotations

import asyncio
import inspect
import random
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field

Reply = tuple[int, str]


@dataclass(frozen=True)
class Mail:
    """One message to submit; its recipients' addresses are used by no other message."""

    number: int
    sender: str
    recipients: tuple[str, ...]
    body: bytes = field(repr=False)


def campaign(
    count: int, *, name: str, first: int = 0, sender: str = "news@acme.example"
) -> list[Mail]:
    """``count`` messages (numbered from ``first``) of the campaign ``name`` with 1, 2 or 3
    recipients each, every copy at an address of its own (``r<n>-<k>@example.net``): a copy is
    known by its address."""
    mails = []
    for n in range(first, first + count):
        recipients = tuple(f"r{n}-{k}@example.net" for k in range(1 + n % 3))
        body = (
            f"From: {sender}\r\nTo: {', '.join(recipients)}\r\nSubject: Load {n}\r\n"
            f"Message-ID: <load-{n}@acme.example>\r\nX-Campaign-ID: {name}\r\n"
            "Date: Mon, 23 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hello, reader number {n}.\r\n.A line that needs dot-stuffing.\r\n"
        ).encode()
        mails.append(Mail(n, sender, recipients, body))
    return mails


def pick(mails: Sequence[Mail], share: float, *, seed: int) -> set[str]:
    """About ``share`` of all the recipients' addresses, drawn with a seeded generator."""
    draw = random.Random(seed)
    return {a for m in mails for a in m.recipients if draw.random() < share}


@dataclass
class Outcome:
    """What the relay answered for one message; ``error`` when the connection failed first."""

    mail: Mail
    started: float = field(default_factory=time.monotonic)
    mail_from: Reply | None = None
    rcpt: dict[str, Reply] = field(default_factory=dict)
    data: Reply | None = None
    error: str | None = None

    @property
    def accepted(self) -> bool:
        """The relay answered 250 to the message: it promised every accepted copy."""
        return self.data is not None and self.data[0] == 250

    @property
    def accepted_recipients(self) -> list[str]:
        return [a for a, (code, _) in self.rcpt.items() if code == 250] if self.accepted else []

    def replies(self) -> Iterator[Reply]:
        yield from (r for r in (self.mail_from, *self.rcpt.values(), self.data) if r is not None)


class SmtpClient:
    """One SMTP connection, one command at a time, replies read in full."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float
    ) -> None:
        self.reader, self.writer, self.timeout = reader, writer, timeout

    @classmethod
    async def connect(cls, port: int, *, timeout: float) -> SmtpClient:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        client = cls(reader, writer, timeout)
        try:
            for expected, line in ((220, None), (250, b"EHLO load.test\r\n")):
                code, text = await client.command(line)
                if code != expected:
                    raise ConnectionError(f"{code} {text}")
        except BaseException:  # the relay went away mid-greeting (a SIGKILL test): let go
            client.close()
            raise
        return client

    async def command(self, line: bytes | None) -> Reply:
        """Send ``line`` (None: nothing) and read the reply."""
        if line is not None:
            self.writer.write(line)
        lines = []
        async with asyncio.timeout(self.timeout):
            await self.writer.drain()
            while True:
                raw = await self.reader.readline()
                if not raw.endswith(b"\n"):
                    raise ConnectionError("connection closed")
                text = raw.decode("utf-8", "replace")
                lines.append(text[4:].rstrip("\r\n"))
                if text[3:4] != "-":
                    return int(text[:3]), "\n".join(lines)

    async def submit(self, mail: Mail, outcome: Outcome) -> None:
        """MAIL, RCPT each recipient, then DATA if any was accepted (RSET otherwise)."""
        outcome.mail_from = await self.command(f"MAIL FROM:<{mail.sender}>\r\n".encode())
        if outcome.mail_from[0] == 250:
            for address in mail.recipients:
                outcome.rcpt[address] = await self.command(f"RCPT TO:<{address}>\r\n".encode())
        if not any(code == 250 for code, _ in outcome.rcpt.values()):
            await self.command(b"RSET\r\n")
            return
        go_ahead = await self.command(b"DATA\r\n")
        if go_ahead[0] != 354:
            outcome.data = go_ahead
            return
        stuffed = b"\r\n".join(
            b"." + line if line.startswith(b".") else line
            for line in mail.body.removesuffix(b"\r\n").split(b"\r\n")
        )
        outcome.data = await self.command(stuffed + b"\r\n.\r\n")

    def close(self) -> None:
        self.writer.close()


class Load:
    """Submits ``mails`` over ``connections`` concurrent connections, each taking the next
    message when done with one. A connection that fails ends its client (the relay is gone):
    the message it was on gets an ``error``, and that client takes no more."""

    def __init__(
        self, port: int, mails: Sequence[Mail], *, connections: int, timeout: float = 120.0
    ) -> None:
        self.port = port
        self.pending = list(reversed(mails))
        self.connections = min(connections, len(mails))
        self.timeout = timeout  # for one reply
        self.outcomes: list[Outcome] = []

    async def run(self) -> None:
        await asyncio.gather(*(self._client() for _ in range(self.connections)))

    async def _client(self) -> None:
        client = None
        try:
            while self.pending:
                outcome = Outcome(self.pending.pop())
                self.outcomes.append(outcome)
                try:
                    if client is None:
                        client = await SmtpClient.connect(self.port, timeout=self.timeout)
                    await client.submit(outcome.mail, outcome)
                except (OSError, TimeoutError, ValueError) as exc:
                    outcome.error = f"{type(exc).__name__}: {exc}"
                    return
        finally:
            if client is not None:
                client.close()

    @property
    def accepted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.accepted]

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]

    def count(self, code: int, *, since: float = 0.0) -> int:
        """Replies with ``code`` to messages started at ``since`` (time.monotonic) or later."""
        return sum(
            reply[0] == code for o in self.outcomes if o.started >= since for reply in o.replies()
        )


async def eventually(
    check: Callable[[], bool | Awaitable[bool]], *, timeout: float, what: str, every: float = 0.1
) -> None:
    """Until ``check()`` is true; fails the test naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        await asyncio.sleep(every)
