"""A notice a mailbox forwarded as an attachment: unwrapped, and judged as the notice itself."""

from __future__ import annotations

from bounce_parser import arf, autoreply, ses
from bounce_parser.mail import Mail, load
from bounce_parser.notice import reads_like_notice, system_sender

# A notice forwarded inside another forward, at most this deep.
MAX_FORWARDS = 3


def forwarded_notice(mail: Mail, depth: int = 0) -> Mail | None:
    """The notice a mailbox forwarded as an attachment, when ``mail`` is such a forward.

    A forward is no report itself (RFC 6522 puts a report at the top, as multipart/report),
    comes from a mailbox or a person rather than a mail system, and carries the notice whole as
    message/rfc822 (RFC 2046 section 5.2.1): its evidence is the notice's, judged the same.
    What ties it to our message (the VERP address, the returned original's headers) is read
    from the notice as from any other; the forward adds no trust. A mail system's own notice
    returning a message (multipart/mixed with the original attached) is not unwrapped, nor is a
    forwarded message that is no notice of any kind.
    """
    if depth >= MAX_FORWARDS or mail.report_type or mail.returned_raw is None:
        return None
    if system_sender(mail):
        return None
    attached = load(mail.returned_raw)
    if attached is None:
        return None
    # A forward of a forward: the notice is further in.
    deeper = forwarded_notice(attached, depth + 1)
    if deeper is not None:
        return deeper
    return attached if _is_notice(attached) else None


def _is_notice(mail: Mail) -> bool:
    """Whether ``mail`` is something this parser reads: a report, a mail system's notice, an
    auto-reply, a complaint or a provider's structured notification."""
    if mail.report_type or system_sender(mail) or reads_like_notice(mail):
        return True
    if autoreply.is_auto_reply(mail) or autoreply.responders_answer(mail):
        return True
    return arf.is_complaint(mail) or ses.notification(mail) is not None
