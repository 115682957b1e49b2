"""What every free-text family module declares: how to recognise it, where its words are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bounce_parser.formats.freetext import findings_for, notice_of, recipients_in_notice
from bounce_parser.mail import Mail
from bounce_parser.report import Finding


@dataclass(frozen=True, slots=True)
class TextFamily:
    """A mail-server family's free-text bounce: its signature and its diagnostic line.

    ``signature`` is searched in the notice (and the Subject/From); ``locate``'s first group is
    the remote server's reply as this family quotes it.
    """

    name: str
    signature: re.Pattern[str]
    locate: re.Pattern[str] | None = None
    structured: bool = False

    def recognises(self, mail: Mail, notice: str) -> bool:
        """Whether ``mail`` carries this family's signature."""
        head = mail.memo("family-head")
        if not isinstance(head, str):
            head = f"{mail.header('from')}\n{mail.header('subject')}\n{notice[:4096]}".lower()
            mail.remember("family-head", head)
        return self.signature.search(head) is not None

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """The failed recipients of a notice in this family's format."""
        notice = notice_of(mail)
        if not self.recognises(mail, notice):
            return ()
        return findings_for(mail, notice, recipients_in_notice(mail, notice), self.locate)


def signature(*phrases: str) -> re.Pattern[str]:
    """A pattern matching any of ``phrases`` in lower-cased text."""
    return re.compile("|".join(f"(?:{p})" for p in phrases), re.MULTILINE)
