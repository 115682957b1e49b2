"""What a client's command lines may hold, and what it hears when one goes wrong.

aiosmtpd reads a MAIL or RCPT path through the RFC 5322 header parser, which drops comments
and folds whitespace away, and answers an exception in a command with its class and text.
The relay's protocol (relay.smtp.server.RelaySMTP, on both listeners) uses these instead: the
path as the client sent it, CRLF-only command lines (RFC 5321 §2.3.8), and a 451 that says
nothing of the relay's insides, logged once per kind.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import ipaddress
import logging
import re
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.smtp import Session

from storage.addresses import MailboxAddress

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.commands")

NULL_PATH = "<>"  # how aiosmtpd hands the null reverse-path to the MAIL hook
_HELO_UNSAFE = re.compile(r"[^A-Za-z0-9.:\[\]_-]")  # what of a HELO name a header may show


def split_path(arg: str) -> tuple[str | None, str | None]:
    """A MAIL or RCPT argument cut into the path as sent (between its brackets, unchanged)
    and the parameters; (None, None) when it has no ``<...>`` path.

    Nothing is cleaned up here: aiosmtpd's own reading goes through the RFC 5322 header
    parser, which drops comments and folds whitespace away, so a check on its result cannot
    see what the client sent. The hooks parse the path strictly (storage.addresses).
    """
    if not arg.startswith("<"):
        return None, None
    end = arg.find(">")
    if end < 0:
        return None, None
    path, rest = arg[1:end], arg[end + 1 :]
    if rest and rest[0] not in " \t":
        return None, None
    return path or NULL_PATH, rest.strip(" \t")


class BareLineEnd(Exception):
    """A command line ended by a bare LF (RFC 5321 §2.3.8)."""


class CommandReader(asyncio.StreamReader):
    """The client's stream: a line read up to LF (a command line, an AUTH answer) must end
    with CRLF. The line is consumed either way, so the session goes on with the next one."""

    async def readuntil(self, separator: Any = b"\n") -> bytes:
        line = await super().readuntil(separator)
        if separator == b"\n" and line[-2:-1] != b"\r":
            raise BareLineEnd
        return line

    def has_line(self) -> bool:
        """Whether a whole line (a pipelined command) is already buffered: reading it now
        would not wait for the client."""
        return b"\n" in self._buffer  # type: ignore[attr-defined]  # asyncio's own buffer


@dataclass
class ErrorLog:
    """Unexpected exceptions in sessions, logged once per kind with their traceback, then at
    most once a minute per kind with a count, so a client repeating one cannot flood the log."""

    interval: float = 60.0
    seen: dict[str, tuple[float, int]] = field(default_factory=dict)  # kind: (logged at, since)

    def report(self, error: BaseException, peer: object) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        kind = f"{type(error).__name__} at {where}"
        now = time.monotonic()
        last = self.seen.get(kind)
        if last is None:
            if len(self.seen) >= 1000:
                self.seen.clear()
            self.seen[kind] = (now, 0)
            log.error("session %r: unexpected %s, answered 451", peer, kind, exc_info=error)
        elif now - last[0] >= self.interval:
            self.seen[kind] = (now, 0)
            log.error("session %r: unexpected %s again (%d more since)", peer, kind, last[1] + 1)
        else:
            self.seen[kind] = (last[0], last[1] + 1)


def received_header(
    session: Session,
    *,
    hostname: str,
    trace_id: str,
    recipient: MailboxAddress | None,
    client: bool = True,
) -> bytes:
    """The relay's ``Received:`` trace header (RFC 5321 §4.4; protocol names of RFC 3848):
    the client's HELO name and address (unless ``client`` is false), this host, the trace id,
    and the recipient when the message has only one."""
    protocol = "ESMTP" if session.extended_smtp else "SMTP"
    if session.ssl is not None:
        protocol += "S"
    if session.authenticated:
        protocol += "A"
    origin = ""
    if client:
        helo = _HELO_UNSAFE.sub("?", session.host_name or "unknown")[:64]
        origin = f"from {helo} (unknown {_address_literal(session.peer)})\r\n\t"
    only = f"\r\n\tfor <{recipient.as_given}>" if recipient is not None else ""
    when = email.utils.format_datetime(dt.datetime.now(dt.UTC).astimezone())
    header = f"Received: {origin}by {hostname} with {protocol} id {trace_id}{only};\r\n\t{when}\r\n"
    return header.encode("utf-8")


def _address_literal(peer: object) -> str:
    """``[192.0.2.1]`` or ``[IPv6:2001:db8::1]`` (RFC 5321 §4.1.3) for the client's address."""
    host = peer[0] if isinstance(peer, tuple) else str(peer)
    try:
        ip = ipaddress.ip_address(str(host).split("%")[0])
    except ValueError:
        return "[unknown]"
    return f"[IPv6:{ip}]" if ip.version == 6 else f"[{ip}]"
