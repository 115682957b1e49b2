"""The last resort: a bounce that names nobody, about a returned message sent to one person."""

from __future__ import annotations

from email.message import Message

from bounce_parser.fields import addresses_in
from bounce_parser.formats.freetext import findings_for, notice_of
from bounce_parser.mail import Mail, head_and_body, header_text, parse_headers
from bounce_parser.notice import (
    is_candidate,
    looks_like_bounce,
    sender_side_addresses,
    split_notice,
)
from bounce_parser.report import Finding


def _inline_copy(mail: Mail) -> Message | None:
    """The header block of a copy pasted after the notice ("----- Unsent message follows")."""
    copy = split_notice(mail.body)[1]
    if not copy:
        return None
    first_line_end = copy.find("\n") + 1
    # the copy's header block may follow its announcement after a blank line (MailEnable's
    # "Message headers follow:", a blank line, then "Received: ...", pastebin pMTk7mji); a
    # blank line first would end an empty header block (RFC 5322 section 2.1)
    headers = copy[first_line_end:].lstrip("\r\n")
    head, _body = head_and_body(headers.encode("utf-8", "surrogateescape"))
    return parse_headers(head)


class ReturnedRecipient:
    """The one recipient of the returned copy, when the notice itself names no address."""

    name = "returned-recipient"
    structured = False

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """That recipient, with the whole notice as the diagnostic; () when it is ambiguous."""
        if not looks_like_bounce(mail):
            return ()
        returned = mail.returned or _inline_copy(mail)
        if returned is None:
            return ()
        notice = notice_of(mail)
        excluded = sender_side_addresses(mail)
        if any(is_candidate(a, excluded) for a in addresses_in(notice)):
            return ()  # the notice names someone: not ours to guess
        named = {a for name in ("to", "cc") for a in addresses_in(header_text(returned, name))}
        recipients = [a for a in named if is_candidate(a, excluded)]
        if len(recipients) != 1:
            return ()
        return findings_for(mail, notice, recipients)
