"""The bounce listener: the MX of the return-path domain. No AUTH; it takes mail only for
addresses on that domain, and records every message it accepts. Reports tied to no copy we
sent are limited per sending host; past the limit they are answered 450."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable

from aiosmtpd.smtp import SMTP, Envelope, Session

from config import Settings
from relay.bounce.recorder import BounceRecorder, Outcome
from relay.smtp import replies
from relay.smtp.factory import protocol_factory
from relay.smtp.limit import ConnectionLimit
from relay.smtp.server import has_bare_line_end
from storage.addresses import BadAddress, normalize_domain, parse_mailbox
from storage.engine import StoreUnavailable

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.bounce_listener")


class BounceHandler:
    """aiosmtpd handler for returned mail."""

    def __init__(self, settings: Settings, recorder: BounceRecorder) -> None:
        self._domain = normalize_domain(settings.verp.return_path_domain)
        self._recorder = recorder

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        # Only for the enhanced status code: aiosmtpd's own answer is a bare "250 OK".
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return replies.OK_SENDER

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        try:  # the path as the client sent it (see relay.smtp.commands.split_path)
            domain = parse_mailbox(address, smtputf8=True).ascii_domain
        except BadAddress:
            domain = ""
        if domain != self._domain:
            return replies.NOT_OUR_RETURN_PATH
        envelope.rcpt_tos.append(address)
        return replies.OK_RECIPIENT

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw: bytes = envelope.original_content or b""
        if has_bare_line_end(raw):
            # A bounce is evidence, not something we relay: keep it, with its line ends mended.
            raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")
        try:
            result = await self._recorder.record(
                raw, envelope_recipients=envelope.rcpt_tos, source_host=sending_host(session.peer)
            )
        except StoreUnavailable as exc:
            log.error("bounce listener: store unavailable, answering 451: %s", exc)
            return replies.BOUNCE_NOT_RECORDED
        except Exception:  # a parser bug must not cost the next bounce its listener
            log.exception("bounce listener: processing failed")
            return replies.BOUNCE_NOT_RECORDED
        log.info(
            "bounce from %s: %s (%s), %d tied, %d unverified, %d duplicate",
            session.peer,
            result.outcome,
            result.kind,
            result.verified,
            result.unverified,
            result.duplicates,
        )
        if result.outcome is Outcome.THROTTLED:
            return replies.UNVERIFIED_BOUNCES_THROTTLED
        return replies.BOUNCE_ACCEPTED


def sending_host(peer: object) -> str | None:
    """The key of the limit on unverified reports: the peer's IPv4 address, or its IPv6 /64
    (one host is given a whole /64, and would otherwise have 2^64 keys)."""
    host = peer[0] if isinstance(peer, tuple) and peer else peer
    if not isinstance(host, str) or not host:
        return None
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network((address, 64), strict=False))
    return str(address)


def bounce_server_factory(
    settings: Settings, handler: BounceHandler, limit: ConnectionLimit
) -> Callable[[], SMTP]:
    """A protocol factory for the bounce listener."""
    return protocol_factory(
        handler,
        limit=limit,
        hostname=settings.server.hostname,
        ident="bounce-relay",
        data_size_limit=settings.bounces.max_message_size,
        enable_SMTPUTF8=True,
        decode_data=False,
        auth_required=False,
        auth_exclude_mechanism=["PLAIN", "LOGIN"],
        timeout=settings.server.idle_timeout,
    )
