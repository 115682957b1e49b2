"""The demo's upstream: an aiosmtpd server on 127.0.0.1 standing in for the internet. It keeps
what it is sent, refuses the addresses it is told to at RCPT (the relay's synchronous bounce),
and for others accepts the message and then returns a delivery status notification (RFC 3464)
to the copy's VERP return path at the relay's bounce listener, as a remote MX does later."""

from __future__ import annotations

import asyncio
import email.utils
from dataclasses import dataclass, field

import aiosmtplib
from aiosmtpd.smtp import SMTP, Envelope, Session

REPORTING_MTA = "mx.demo.example"


def user_unknown(address: str) -> str:
    """Postfix's reply for a recipient its recipient maps lack (smtpd_reject_unlisted_recipient)."""
    return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


@dataclass(frozen=True)
class Arrived:
    """One message as the upstream received it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes


@dataclass(frozen=True)
class Returned:
    """A DSN the upstream sent back: to which return path, and the bounce listener's reply."""

    recipient: str
    return_path: str
    reply: str


@dataclass
class CaptureUpstream:
    """``refuse``: address → reply at RCPT; ``bounce_later``: addresses accepted, then returned
    to ``bounce_listener`` (host, port) in a DSN."""

    refuse: dict[str, str] = field(default_factory=dict)
    bounce_later: set[str] = field(default_factory=set)
    bounce_listener: tuple[str, int] = ("127.0.0.1", 0)
    arrived: list[Arrived] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    returned: list[Returned] = field(default_factory=list)
    address: str = ""
    _server: asyncio.Server | None = None
    _returning: set[asyncio.Task[None]] = field(default_factory=set)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        reply = self.refuse.get(address.lower())
        if reply is not None:
            self.refused.append((address, reply))
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content: bytes = envelope.original_content or b""
        mail_from: str = envelope.mail_from or ""
        self.arrived.append(Arrived(mail_from, tuple(envelope.rcpt_tos), content))
        for recipient in envelope.rcpt_tos:
            if recipient.lower() in self.bounce_later and mail_from:
                task = asyncio.create_task(self._return(mail_from, recipient, content))
                self._returning.add(task)
                task.add_done_callback(self._returning.discard)
        return "250 2.0.0 Ok: queued"

    async def _return(self, return_path: str, recipient: str, original: bytes) -> None:
        host, port = self.bounce_listener
        client = aiosmtplib.SMTP(hostname=host, port=port, start_tls=False, timeout=10)
        try:
            async with client:
                await client.mail("")  # MAIL FROM:<>, as every DSN is sent (RFC 3464 §2)
                await client.rcpt(return_path)
                answer = str(await client.data(dsn(return_path, recipient, original)))
        except aiosmtplib.SMTPResponseException as exc:
            answer = f"{exc.code} {exc.message}"
        except (aiosmtplib.SMTPException, OSError) as exc:
            answer = f"not sent: {exc}"
        self.returned.append(Returned(recipient, return_path, answer))

    async def start(self, host: str = "127.0.0.1") -> None:
        """Listen on an ephemeral port of ``host``."""
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(self, hostname=REPORTING_MTA, decode_data=False), host=host, port=0
        )
        self.address = f"{host}:{self._server.sockets[0].getsockname()[1]}"

    async def stop(self) -> None:
        for task in list(self._returning):
            task.cancel()
        await asyncio.gather(*self._returning, return_exceptions=True)
        if self._server is not None:
            self._server.close()
            self._server = None

    def copies_to(self, address: str) -> list[Arrived]:
        """The messages that arrived for ``address``."""
        return [a for a in self.arrived if address.lower() in (r.lower() for r in a.rcpt_tos)]


def dsn(return_path: str, recipient: str, original: bytes) -> bytes:
    """A multipart/report DSN (RFC 3464) saying ``recipient`` does not exist, quoting the
    original's header (the relay's signed return path travels in the envelope)."""
    header = original.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    diagnostic = user_unknown(recipient)
    text = f"""From: MAILER-DAEMON@{REPORTING_MTA} (Mail Delivery System)
To: {return_path}
Subject: Undelivered Mail Returned to Sender
Date: {email.utils.formatdate(usegmt=True)}
Message-ID: {email.utils.make_msgid("dsn", REPORTING_MTA)}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="demo-dsn"

--demo-dsn
Content-Type: text/plain; charset=us-ascii

This is the mail system at host {REPORTING_MTA}.
Your message could not be delivered to one or more recipients.

<{recipient}>: host {REPORTING_MTA} said: {diagnostic}

--demo-dsn
Content-Type: message/delivery-status

Reporting-MTA: dns; {REPORTING_MTA}

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1
Remote-MTA: dns; {REPORTING_MTA}
Diagnostic-Code: smtp; {diagnostic}

--demo-dsn
Content-Type: text/rfc822-headers

{header}

--demo-dsn--
"""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
