"""Any free-text bounce: the addresses in the notice, each with the words next to it."""

from __future__ import annotations

from bounce_parser.formats.freetext import findings_for, notice_of, recipients_in_notice
from bounce_parser.mail import Mail
from bounce_parser.notice import looks_like_bounce
from bounce_parser.report import Finding


class GenericText:
    """The last free-text reader: no family signature, only the shape of a bounce."""

    name = "generic"
    structured = False

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """The candidate recipients of a notice that reads like a bounce."""
        if not looks_like_bounce(mail):
            return ()
        notice = notice_of(mail)
        addresses = recipients_in_notice(mail, notice)
        return findings_for(mail, notice, addresses)
