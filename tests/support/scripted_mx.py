"""A scripted remote mail server on 127.0.0.1: an aiosmtpd server that answers each recipient
(and the DATA of a message to it) with the reply the test wrote for that address, and each
envelope sender (at MAIL FROM) with the reply written for it, and keeps every message it
accepts.

    mx = ScriptedMx({"gone@mx.test": Script(rcpt="550 5.1.1 User unknown")})
    await mx.start()
    ... an MTA delivers to 127.0.0.1:mx.port ...
    await mx.stop()

The same class with no script is the capture server that collects returned messages: it
accepts everything and files each message under its envelope recipient.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiosmtpd.smtp import SMTP, Envelope, Session

ACCEPTED = "250 2.1.5 Ok"
QUEUED = "250 2.0.0 Ok: queued"


@dataclass(frozen=True)
class Script:
    """How the server answers one recipient: ``rcpt`` at RCPT (None: accept), ``data`` after
    the message of a transaction this recipient is in (None: accept); ``defer_for`` seconds
    after the first attempt ``rcpt`` is answered, then the recipient is accepted; ``times``:
    only the first that many RCPTs of it are answered ``rcpt``, later ones accepted."""

    rcpt: str | None = None
    data: str | None = None
    defer_for: float | None = None
    times: int | None = None


@dataclass(frozen=True)
class Arrival:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes


@dataclass
class ScriptedMx:
    """An SMTP server answering from ``scripts`` (address, lower case: Script)."""

    scripts: dict[str, Script] = field(default_factory=dict)
    senders: dict[str, str] = field(default_factory=dict)  # envelope sender: reply at MAIL
    hostname: str = "mx.test"
    arrivals: list[Arrival] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)  # RCPTs seen per address
    port: int = 0
    # Announce ENHANCEDSTATUSCODES (RFC 2034) after EHLO: Sendmail reads the enhanced status of
    # a reply only from a server that did (usersmtp.c, MCIF_ENHSTAT); Postfix, Exim and
    # OpenSMTPD read the reply's text either way.
    enhanced_status_codes: bool = False
    # Announce DSN (RFC 3461) and take its parameters (NOTIFY, ORCPT at RCPT; RET, ENVID at
    # MAIL), which aiosmtpd alone refuses with 555; what each recipient came with is kept.
    dsn: bool = False
    dsn_params: dict[str, str] = field(default_factory=dict)  # recipient: its DSN parameters
    # Announce SMTPUTF8 (RFC 6531) and take UTF-8 addresses; a server that does not is what a
    # client must not send an internationalized message to (section 3.5).
    smtputf8: bool = True
    _first_seen: dict[str, float] = field(default_factory=dict)
    _server: asyncio.Server | None = None
    _sessions: weakref.WeakSet[SMTP] = field(default_factory=weakref.WeakSet)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        if self.enhanced_status_codes:
            responses.insert(-1, "250-ENHANCEDSTATUSCODES")  # before the last line, "250 HELP"
        if self.dsn:
            responses.insert(-1, "250-DSN")
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        reply = self.senders.get(address.lower())
        if reply is not None:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        key = address.lower()
        self.attempts[key] = self.attempts.get(key, 0) + 1
        script = self.scripts.get(key, Script())
        refusing = script.times is None or self.attempts[key] <= script.times
        if script.rcpt is not None and refusing and not self._deferral_over(key, script):
            return script.rcpt
        envelope.rcpt_tos.append(address)
        return ACCEPTED

    def _deferral_over(self, key: str, script: Script) -> bool:
        if script.defer_for is None:
            return False
        first = self._first_seen.setdefault(key, time.monotonic())
        return time.monotonic() - first >= script.defer_for

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        for address in envelope.rcpt_tos:
            reply = self.scripts.get(address.lower(), Script()).data
            if reply is not None:
                return reply
        self.arrivals.append(
            Arrival(
                envelope.mail_from or "", tuple(envelope.rcpt_tos), envelope.original_content or b""
            )
        )
        self._arrived.set()
        return QUEUED

    def to(self, address: str) -> list[Arrival]:
        """Every accepted message whose envelope names ``address``."""
        return [a for a in self.arrivals if address.lower() in (r.lower() for r in a.rcpt_tos)]

    async def wait(self, until: float) -> bool:
        """Until a new message arrives or the monotonic clock passes ``until``; False then."""
        self._arrived.clear()
        try:
            async with asyncio.timeout(max(0.0, until - time.monotonic())):
                await self._arrived.wait()
        except TimeoutError:
            return False
        return True

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on ``port`` of ``host`` (0: an ephemeral one); returns the port."""

        def factory() -> SMTP:
            kind = _DsnSMTP if self.dsn else SMTP
            smtp = kind(
                self, hostname=self.hostname, decode_data=False, enable_SMTPUTF8=self.smtputf8
            )
            self._sessions.add(smtp)
            return smtp

        self._server = await asyncio.get_running_loop().create_server(factory, host=host, port=port)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        """Close the port and every open connection."""
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close()
        for smtp in list(self._sessions):
            if smtp.transport is not None:
                smtp.transport.close()
        await server.wait_closed()


_DSN_PARAM = re.compile(r"\s+(?:NOTIFY|ORCPT|RET|ENVID)=\S*", re.IGNORECASE)


class _DsnSMTP(SMTP):
    """aiosmtpd's server, with the DSN parameters of MAIL and RCPT taken off before it reads
    the command (it refuses every parameter it does not know), each RCPT's kept by the
    handler."""

    async def smtp_MAIL(self, arg: str | None) -> None:
        await super().smtp_MAIL(_DSN_PARAM.sub("", arg) if arg else arg)

    async def smtp_RCPT(self, arg: str | None) -> None:
        if arg:
            handler = self.event_handler
            address = arg.split(">", 1)[0].split("<", 1)[-1].lower()
            if isinstance(handler, ScriptedMx):
                handler.dsn_params[address] = " ".join(p.strip() for p in _DSN_PARAM.findall(arg))
            arg = _DSN_PARAM.sub("", arg)
        await super().smtp_RCPT(arg)


class RawListener:
    """Start and stop of a raw asyncio server that answers each connection with ``_handle``:
    the servers below, the TLS bed's scripted destinations and its MTA-STS policy host
    (receivers_bed_tls.py). A subclass keeps the writers it must close at stop in
    ``_writers``."""

    port: int
    _server: asyncio.Server | None
    _writers: list[asyncio.StreamWriter]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    async def start(
        self,
        host: str | Sequence[str] = "127.0.0.1",
        port: int = 0,
        tls: ssl.SSLContext | None = None,
    ) -> int:
        """Listen on ``port`` (0: an ephemeral one) of ``host``, or of each of several
        addresses, in TLS from the first byte with ``tls``; returns the port."""
        self._server = await asyncio.start_server(self._handle, host=host, port=port, ssl=tls)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        """Close the port and every connection kept in ``_writers``."""
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close()
        for writer in self._writers:
            writer.close()
        await server.wait_closed()


@dataclass
class RefusingGreeter(RawListener):
    """A server that answers every connection with ``greeting`` (RFC 5321 section 3.1: a
    server may refuse a session at its greeting) and closes it."""

    greeting: str
    connections: int = 0
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            writer.write(f"{self.greeting}\r\n".encode())
            await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()


@dataclass
class SilentServer(RawListener):
    """A server that accepts every connection and never says a word: the client waits for a
    greeting until its own timeout (RFC 5321 section 4.5.3.2.1, the initial 220 message: 5
    minutes by default), then defers."""

    connections: int = 0
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        try:
            await reader.read()  # until the client gives up and closes
        except OSError:
            pass
        finally:
            writer.close()
