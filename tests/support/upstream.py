"""A test upstream on 127.0.0.1: an aiosmtpd server that records what arrives and answers
each recipient as the test tells it to."""

from __future__ import annotations

import asyncio
import random
import weakref
from dataclasses import dataclass, field

from aiosmtpd.smtp import SMTP, Envelope, Session

TEMPORARY_FAILURE = "451 4.7.1 Try again later"


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes


@dataclass
class RandomFailure:
    """Answer ``reply`` to about ``rate`` of the RCPTs, drawn from a seeded generator."""

    rate: float
    seed: int
    reply: str = TEMPORARY_FAILURE
    draw: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.draw = random.Random(self.seed)

    def hits(self) -> bool:
        return self.draw.random() < self.rate


@dataclass
class Upstream:
    """Set ``rcpt_replies[address]`` to a reply such as '550 5.1.1 User unknown', or
    ``random_failure`` to refuse a share of all RCPTs."""

    rcpt_replies: dict[str, str] = field(default_factory=dict)
    rcpt_delay: float = 0.0
    random_failure: RandomFailure | None = None
    received: list[Received] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (address, reply) per RCPT
    server: asyncio.Server | None = None
    host: str = "127.0.0.1"
    port: int = 0
    connections: int = 0
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    sessions: weakref.WeakSet[SMTP] = field(default_factory=weakref.WeakSet)
    smtputf8: bool = True  # whether EHLO offers SMTPUTF8
    # whether EHLO offers PIPELINING (aiosmtpd reads commands in turn, so it serves pipelined
    # ones, but does not say so)
    pipelining: bool = False

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        if not self.pipelining:
            return responses
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        reply = self.rcpt_replies.get(address.lower())
        if reply is None and self.random_failure is not None and self.random_failure.hits():
            reply = self.random_failure.reply
        if reply is not None:
            self.refused.append((address, reply))
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.received.append(
            Received(
                envelope.mail_from or "", tuple(envelope.rcpt_tos), envelope.original_content or b""
            )
        )
        self.arrived.set()
        return "250 2.0.0 Ok: queued"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        loop = asyncio.get_running_loop()

        def factory() -> SMTP:
            self.connections += 1
            smtp = SMTP(
                self, hostname="upstream.test", decode_data=False, enable_SMTPUTF8=self.smtputf8
            )
            self.sessions.add(smtp)
            return smtp

        self.server = await loop.create_server(
            factory,
            host=host,
            port=port,
        )
        self.host = host
        self.port = int(self.server.sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        """Close the port and every open connection: the upstream is down."""
        if self.server is None:
            return
        server, self.server = self.server, None
        server.close()
        for smtp in list(self.sessions):
            if smtp.transport is not None:
                smtp.transport.close()
        await server.wait_closed()

    async def restart(self) -> None:
        """Listen again on the same address and port after ``stop``."""
        await self.start(self.host, self.port)

    def to(self, address: str) -> list[Received]:
        """Everything delivered to ``address``."""
        return [r for r in self.received if address.lower() in (a.lower() for a in r.rcpt_tos)]

    async def wait_for(self, count: int, timeout: float = 10.0) -> None:
        """Until ``count`` messages have arrived (fails the test after ``timeout``)."""
        async with asyncio.timeout(timeout):
            while len(self.received) < count:
                self.arrived.clear()
                await self.arrived.wait()
