"""What every free-text family module declares: how to recognise it, where its words are."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bounce_parser.fields import address_spans, addresses_in
from bounce_parser.formats.freetext import findings_for, notice_of, recipients_in_notice
from bounce_parser.mail import Mail
from bounce_parser.notice import envelope_sender_addresses
from bounce_parser.report import Finding


@dataclass(frozen=True, slots=True)
class TextFamily:
    """A mail-server family's free-text bounce: its signature and its diagnostic line.

    ``signature`` is searched in the notice (and the Subject/From); ``locate``'s first group is
    the remote server's reply as this family quotes it. ``final``, found in the notice, says
    the notice is this family's failure notice, whose recipients failed whatever their reasons
    say ("temporary failure" is then why a message was given up at the queue's end).
    """

    name: str
    signature: re.Pattern[str]
    locate: re.Pattern[str] | None = None
    structured: bool = False
    final: re.Pattern[str] | None = None

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
        addresses = recipients_in_notice(mail, notice)
        if self.locate is not None and len(addresses) > 1:
            addresses = outside_replies(mail, notice, addresses, self.locate)
        found = findings_for(mail, notice, addresses, self.locate)
        if self.final is not None and self.final.search(notice):
            found = tuple(
                dataclasses.replace(f, action="failed") if f.action == "delayed" else f
                for f in found
            )
        return found


def outside_replies(
    mail: Mail, notice: str, addresses: list[str], locate: re.Pattern[str]
) -> list[str]:
    """``addresses`` without those the notice names only in the prose of a remote server's
    quoted reply.

    The MTA lists its failed recipients in its own words ("<rcpt>:" before qmail-send's
    "Remote host said:", Postfix's "<rcpt>: host ... said:"); an address that appears only
    bare inside the remote's reply is that server's prose (docomo's "552 Too much mail data
    xxx@docomo.ne.jp", a help desk the reply names), not a recipient of this notice. An
    address the reply quotes in angle brackets stays a candidate: that is how a server names
    the address it refuses (RFC 5321 section 4.2, Postfix's "<addr>: Recipient address
    rejected"), and a neighbour so quoted must stay known as one (``parser._about_neighbour``),
    unless it is our own sender: a reply that quotes it refuses the sender (qmail chkuser's
    "550 5.1.1 <sender> sender is blacklisted"), and the failure is the recipient's whose
    block quotes it.
    An address X-Failed-Recipients lists stays; so do all when none would be left.
    """
    replies = [m.span(1) for m in locate.finditer(notice)]
    if not replies:
        return addresses
    outside, quoted = set(), set()
    for a, start, _ in address_spans(notice):
        if not any(s <= start < e for s, e in replies):
            outside.add(a)
        elif notice[start - 1 : start] == "<":
            quoted.add(a)
    if quoted - outside:  # our own senders are read only when a reply quotes an address
        senders = {a.lower() for a in envelope_sender_addresses(mail)}
        outside |= {a for a in quoted if a.lower() not in senders}
    outside |= set(addresses_in(mail.header("x-failed-recipients")))
    kept = [a for a in addresses if a in outside]
    return kept or addresses


def signature(*phrases: str) -> re.Pattern[str]:
    """A pattern matching any of ``phrases`` in lower-cased text."""
    return re.compile("|".join(f"(?:{p})" for p in phrases), re.MULTILINE)
