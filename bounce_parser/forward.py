"""A notice a mailbox forwarded as an attachment: unwrapped, and judged as the notice itself."""

from __future__ import annotations

from bounce_parser import arf, autoreply, ses
from bounce_parser.fields import addresses_in
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
    if _is_notice(attached):
        return attached
    if reads_like_notice(attached) and not _about_its_author(mail, attached):
        return attached
    return None


def _is_notice(mail: Mail) -> bool:
    """Whether ``mail`` is something this parser reads by what marks it: a report, a mail
    system's notice, an auto-reply, a complaint or a provider's structured notification."""
    if mail.report_type or system_sender(mail):
        return True
    if autoreply.is_auto_reply(mail) or autoreply.responders_answer(mail):
        return True
    return arf.is_complaint(mail) or ses.notification(mail) is not None


def _about_its_author(mail: Mail, attached: Mail) -> bool:
    """Whether ``mail`` answers the writer of the message it attaches, which reads like a
    notice by its words alone: sent to that writer, or naming that writer's address in its
    own text. Then the attachment is the writer's own message, which ``mail`` returns or
    holds (mlmmj's deny-post and wait-post: "The message from <poster> with subject ...",
    the post under message/rfc822, text.skel/*/), not a notice passed on: a forward carries
    a notice written to the forwarder by a mail system or a service, not by its reader."""
    authors = {a.lower() for a in addresses_in(attached.header("from"))}
    if not authors:
        return False
    if authors & {a.lower() for a in addresses_in(mail.header("to"))}:
        return True
    text = mail.body[:8192].lower()
    return any(author in text for author in authors)
