"""A test upstream on 127.0.0.1: an aiosmtpd server that records what arrives and answers
each recipient as the test tells it to."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes


@dataclass
class Upstream:
    """Set ``rcpt_replies[address]`` to a reply such as '550 5.1.1 User unknown'."""

    rcpt_replies: dict[str, str] = field(default_factory=dict)
    rcpt_delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    server: asyncio.Server | None = None
    port: int = 0
    connections: int = 0
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        reply = self.rcpt_replies.get(address.lower())
        if reply is not None:
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
            return SMTP(self, hostname="upstream.test", decode_data=False, enable_SMTPUTF8=True)

        self.server = await loop.create_server(
            factory,
            host=host,
            port=port,
        )
        self.port = int(self.server.sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    def to(self, address: str) -> list[Received]:
        """Everything delivered to ``address``."""
        return [r for r in self.received if address.lower() in (a.lower() for a in r.rcpt_tos)]

    async def wait_for(self, count: int, timeout: float = 10.0) -> None:
        """Until ``count`` messages have arrived (fails the test after ``timeout``)."""
        async with asyncio.timeout(timeout):
            while len(self.received) < count:
                self.arrived.clear()
                await self.arrived.wait()
