"""Whether the relay takes a recipient for an account now, and why not: the rule of RCPT TO.

One implementation for every way in: the SMTP session asks it at each RCPT, the HTTP API's
bulk check (``POST /api/v1/suppressions/check``) asks it for up to 10,000 addresses at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from config import Settings, SuppressedMode
from relay.bounce.policy import why_suppressed
from relay.send.recipients import AddressProblem, check_recipient
from relay.send.transports.mx import refused_destination
from relay.smtp import replies
from storage.addresses import BadAddress, MailboxAddress, NeedsSmtpUtf8, parse_mailbox
from storage.engine import Store
from storage.lookups import suppression_of
from storage.messages import NotSent
from storage.suppressions import SuppressionInfo, suppressions_for


class Cause(StrEnum):
    """Why a recipient is not taken (or, in accept-and-report mode, taken but not sent)."""

    RELAY_FORM = "relay_form"  # %-hack, bang path, source route, quoted @
    BAD_ADDRESS = "bad_address"
    NEEDS_SMTPUTF8 = "needs_smtputf8"
    DESTINATION = "destination"  # localhost, an IP address, the relay's own name
    SUPPRESSED = "suppressed"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The relay's answer to ``RCPT TO:<address>`` for one account, now."""

    address: str  # as given
    mailbox: MailboxAddress | None  # None when the address itself is refused
    reply: str  # the SMTP reply RCPT gets
    cause: Cause | None
    suppression: SuppressionInfo | None

    @property
    def refused(self) -> bool:
        """RCPT is refused (a 5xx reply)."""
        return not self.reply.startswith("2")

    @property
    def sendable(self) -> bool:
        """A message to it would be sent (refused, or accepted but not sent, is False)."""
        return self.cause is None


def mailbox_or_refusal(address: str, *, smtputf8: bool) -> MailboxAddress | str:
    """The mailbox a MAIL or RCPT path names, or the reply refusing it: relay forms first
    (whatever their syntax), then anything that is not a plain mailbox."""
    problem = check_recipient(address)
    if problem is AddressProblem.RELAY_FORM:
        return replies.RELAY_FORM_REFUSED
    try:
        mailbox = parse_mailbox(address, smtputf8=smtputf8)
    except NeedsSmtpUtf8:
        return replies.NEEDS_SMTPUTF8
    except BadAddress:
        return replies.BAD_ADDRESS
    return replies.BAD_ADDRESS if problem is not None else mailbox


_CAUSE_OF_REPLY = {
    replies.RELAY_FORM_REFUSED: Cause.RELAY_FORM,
    replies.NEEDS_SMTPUTF8: Cause.NEEDS_SMTPUTF8,
    replies.BAD_ADDRESS: Cause.BAD_ADDRESS,
    replies.BAD_DESTINATION: Cause.DESTINATION,
}


def screen(settings: Settings, address: str, *, smtputf8: bool) -> MailboxAddress | Verdict:
    """The address rules of RCPT, before any look-up: its form, and (direct MX delivery) a
    destination the relay never sends to. The mailbox, or the refusing verdict."""
    mailbox = mailbox_or_refusal(address, smtputf8=smtputf8)
    if isinstance(mailbox, str):
        return Verdict(address, None, mailbox, _CAUSE_OF_REPLY[mailbox], None)
    if settings.delivery.upstream.mx:
        refusal = refused_destination(mailbox, own_names=(settings.server.hostname,))
        if refusal is not None:
            return Verdict(address, mailbox, refusal, _CAUSE_OF_REPLY[refusal], None)
    return mailbox


def judge(
    settings: Settings, address: str, mailbox: MailboxAddress, hit: SuppressionInfo | None
) -> Verdict:
    """The verdict on a well-formed address given the suppression covering it (if any)."""
    if hit is None:
        return Verdict(address, mailbox, replies.OK_RECIPIENT, None, None)
    if settings.server.suppressed_mode is SuppressedMode.REJECT:
        return Verdict(address, mailbox, suppressed_reply(address, hit), Cause.SUPPRESSED, hit)
    return Verdict(address, mailbox, replies.OK_RECIPIENT, Cause.SUPPRESSED, hit)


async def check_one(
    store: Store, settings: Settings, account_id: int, address: str, *, smtputf8: bool
) -> Verdict:
    """The verdict RCPT gets (StoreUnavailable if the store cannot say: fail closed)."""
    mailbox = screen(settings, address, smtputf8=smtputf8)
    if isinstance(mailbox, Verdict):
        return mailbox
    hit = await suppression_of(store, account_id, mailbox.key)
    return judge(settings, address, mailbox, hit)


async def check_many(
    store: Store, settings: Settings, account_id: int, addresses: Sequence[str], *, smtputf8: bool
) -> list[Verdict]:
    """``check_one`` for many addresses, with one look-up of the suppressions covering them
    (the look-up the relay makes again for every message it records)."""
    screened = [screen(settings, address, smtputf8=smtputf8) for address in addresses]
    keys = [m.key if isinstance(m, MailboxAddress) else "" for m in screened]
    wanted = sorted(set(keys) - {""})
    async with store.reading() as session:
        found = await suppressions_for(session, account_id, wanted) if wanted else {}
    return [
        m if isinstance(m, Verdict) else judge(settings, address, m, found.get(key))
        for address, m, key in zip(addresses, screened, keys, strict=True)
    ]


def not_sent(address: str, hit: SuppressionInfo) -> NotSent:
    """The not-sent record of a suppressed recipient: why, in words, and the reason."""
    scope = "globally suppressed" if hit.is_global else why_suppressed(hit)
    why = f"{scope}: {hit.reason} on {hit.since:%Y-%m-%d}"
    return NotSent(address, why, hit.reason)


def suppressed_reply(address: str, hit: SuppressionInfo) -> str:
    """The 550 a suppressed recipient gets at RCPT."""
    return replies.suppressed(
        address,
        why=why_suppressed(hit),
        when=f"{hit.since:%Y-%m-%d}",
        reason=hit.reason,
        status=hit.bounce_status,
        scope=" for every account" if hit.is_global else "",
    )
