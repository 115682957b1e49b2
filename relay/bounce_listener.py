"""The bounce listener: the MX of the return-path domain. No AUTH; it takes mail only for
addresses on that domain, and records every message it accepts."""

from __future__ import annotations

import logging
from collections.abc import Callable

from aiosmtpd.smtp import SMTP, Envelope, Session

from config import Settings
from relay import replies
from relay.bounces import BounceProcessor
from relay.submission import ConnectionLimit, has_bare_line_end, protocol_factory
from storage.addresses import BadAddress, normalize_domain
from storage.engine import StoreUnavailable

log = logging.getLogger(__name__)


class BounceHandler:
    """aiosmtpd handler for returned mail."""

    def __init__(self, settings: Settings, processor: BounceProcessor) -> None:
        self._domain = normalize_domain(settings.verp.return_path_domain)
        self._processor = processor

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
        try:
            domain = normalize_domain(address.rpartition("@")[2]) if "@" in address else ""
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
            result = await self._processor.process(raw, envelope_recipients=envelope.rcpt_tos)
        except StoreUnavailable as exc:
            log.error("bounce listener: store unavailable, answering 451: %s", exc)
            return replies.BOUNCE_NOT_RECORDED
        except Exception:  # a parser bug must not cost the next bounce its listener
            log.exception("bounce listener: processing failed")
            return replies.BOUNCE_NOT_RECORDED
        log.info("bounce from %s: %s (%s)", session.peer, result.outcome, result.kind)
        return replies.BOUNCE_ACCEPTED


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
