"""``parse``: raw bytes of a notification in, a ``BounceReport`` out, never an exception."""

from __future__ import annotations

import dataclasses
import re

from bounce_parser import arf, autoreply, ses
from bounce_parser.classify import find_command
from bounce_parser.fields import addresses_in
from bounce_parser.formats import FORMATS
from bounce_parser.formats.freetext import annotate
from bounce_parser.formats.mdn import DispositionNotification, is_mdn
from bounce_parser.forward import forwarded_notice
from bounce_parser.judge import judge
from bounce_parser.mail import Mail, head_and_body, load, view
from bounce_parser.notice import (
    envelope_sender_addresses,
    is_system_notice,
    looks_like_bounce,
    names_the_sender,
    names_the_sender_domain,
    quoted_addresses,
    sent_by_a_list,
)
from bounce_parser.reason import Reason
from bounce_parser.report import Bounce, BounceReport, Finding, Kind
from bounce_parser.verp import ReturnPath

# A bounce may return a bounce (a forwarded or relayed DSN); look that many levels in.
MAX_NESTED_REPORTS = 2
# Recipients read from one notice. A server must take 100 recipients a message (RFC 5321
# 4.5.3.1.8), Postfix takes 1,000 by default; a notice naming more is not a real one, and
# every recipient costs a database write downstream.
MAX_RECIPIENTS = 1000
# Structured findings completed from the notice's text: that costs time per pair of
# recipients (each one's lines are told apart from all the others'), so only the first ones.
MAX_ANNOTATED = 20

_DELIVERY_HEADERS = ("to", "delivered-to", "x-original-to", "envelope-to")
_MESSAGE_ID = re.compile(r"(?im)^message-id:[ \t]*(<[^>\s]{1,500}>|\S{1,500})")
_KIND_BY_ACTION = {
    "failed": Kind.FAILED,
    "delayed": Kind.DELAYED,
    "delivered": Kind.DELIVERED,
    "relayed": Kind.RELAYED,
    "expanded": Kind.EXPANDED,
}
_KIND_ORDER = (Kind.FAILED, Kind.DELAYED, Kind.DELIVERED, Kind.RELAYED, Kind.EXPANDED)


def parse(raw: bytes) -> BounceReport:
    """Read a bounce, DSN, feedback report or auto-reply; unreadable input gives UNPARSED."""
    try:
        outer = load(raw)
        if outer is None:
            return BounceReport(Kind.UNPARSED)
        # a mailing list's own text (notice.sent_by_a_list), as it came or forwarded by a
        # mailbox, is no notice, and nothing in it is unwrapped: what it attaches (a held
        # post, a member's bounce) is the list's business
        mail = outer if sent_by_a_list(outer) else forwarded_notice(outer) or outer
        report = BounceReport(Kind.NOT_BOUNCE) if sent_by_a_list(mail) else _classified(mail)
        return dataclasses.replace(
            report,
            recipients=_once(_readable(report.recipients)),
            message_id=original_message_id(mail),
            # Where the forward was delivered first, then where the notice was.
            return_path=return_path(outer) or return_path(mail),
        )
    except Exception:  # the contract is a report for every input, even when we have a bug
        return BounceReport(Kind.UNPARSED)


def _classified(mail: Mail) -> BounceReport:
    note = ses.notification(mail)
    if note is not None:
        return _ses_report(note)
    if arf.is_complaint(mail):
        bounces = tuple(_plain(a, Reason.FEEDBACK) for a in arf.complained_addresses(mail))
        return BounceReport(Kind.FEEDBACK, bounces, feedback_type=arf.feedback_type(mail))
    if autoreply.responders_answer(mail) or (
        autoreply.is_auto_reply(mail) and not is_system_notice(mail)
    ):
        bounces = tuple(_plain(a, Reason.VACATION) for a in autoreply.replier(mail))
        return BounceReport(Kind.AUTO_REPLY, bounces)
    if is_mdn(mail) and not DispositionNotification().findings(mail):
        # RFC 8098: an MDN reports what became of a delivered message; only the rejection
        # RFC 5429 sends (formats/mdn.py) is a failure.
        return BounceReport(Kind.NOT_BOUNCE)
    report = _delivery_report(mail)
    if report is not None:
        return report
    return BounceReport(Kind.UNPARSED if looks_like_bounce(mail) else Kind.NOT_BOUNCE)


def _delivery_report(mail: Mail, depth: int = 0) -> BounceReport | None:
    """The recipients the first format that applies reads, or those of a returned report.

    A DSN returned inside another notice (a relayed or forwarded bounce) is read after the
    outer machine-readable parts and before the outer free text.
    """
    for fmt in FORMATS:
        if not fmt.structured and depth < MAX_NESTED_REPORTS and mail.returned_raw is not None:
            nested = _nested_report(mail.returned_raw, depth)
            depth = MAX_NESTED_REPORTS  # try it once, then go on with the outer free text
            if nested is not None:
                return nested
        findings = fmt.findings(mail)[:MAX_RECIPIENTS]
        if findings and fmt.structured:
            findings = annotate(mail, findings[:MAX_ANNOTATED]) + findings[MAX_ANNOTATED:]
        if findings:
            findings = _stage_from_address(mail, findings)
            findings = _about_neighbour(findings)
            bounces = tuple(judge(f) for f in findings)
            reporting = next((f.reporting_mta for f in findings if f.reporting_mta), None)
            return BounceReport(_kind(bounces), bounces, reporting_mta=reporting)
    return None


def _about_neighbour(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Each finding whose reply quotes another recipient of the report and not its own marked
    ``about_neighbour``. A server names the address it refuses (RFC 5321 section 4.2; Postfix
    "<addr>: Recipient address rejected", sendmail "<addr>... "); nullmailer-dsn (src/dsn.cc)
    gives every recipient of a message the one reply that made nullmailer give the message up,
    the first refused recipient's, so its neighbours, never tried, would inherit "User unknown"."""
    if len(findings) < 2:
        return findings
    everyone = {f.address.lower() for f in findings}
    marked = []
    for finding in findings:
        quoted = quoted_addresses(finding.diagnostic)
        own = {finding.address.lower(), (finding.original_recipient or "").lower()}
        if quoted & (everyone - own) and not quoted & own:
            finding = dataclasses.replace(finding, about_neighbour=True)
        marked.append(finding)
    return tuple(marked)


def _stage_from_address(mail: Mail, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """A reply that quotes our sender's address or domain is about our sender; one that
    names no command answered MAIL FROM."""
    if not any(f.diagnostic for f in findings):
        return findings
    senders = envelope_sender_addresses(mail)
    if not senders:
        return findings
    return tuple(_about_sender(f, senders) for f in findings)


def _about_sender(finding: Finding, senders: frozenset[str]) -> Finding:
    if names_the_sender(finding.diagnostic, finding.address, senders):
        unnamed = finding.command is None and find_command(finding.diagnostic or "") is None
        command = "MAIL" if unnamed else finding.command
        return dataclasses.replace(finding, command=command, about_sender=True)
    if names_the_sender_domain(finding.diagnostic, finding.address, senders):
        return dataclasses.replace(finding, about_sender=True)
    return finding


def _ses_report(note: dict[str, object]) -> BounceReport:
    """An Amazon SES notification: its complaint, or each bounced recipient judged."""
    if ses.is_complaint(note):
        people, feedback = ses.complained(note)
        bounces = tuple(_plain(a, Reason.FEEDBACK) for a in people)
        return BounceReport(Kind.FEEDBACK, bounces, feedback_type=feedback)
    bounces = tuple(judge(f) for f in ses.findings(note))
    if not bounces:
        return BounceReport(Kind.UNPARSED)
    return BounceReport(_kind(bounces), bounces, reporting_mta=bounces[0].reporting_mta)


def _nested_report(returned: bytes, depth: int) -> BounceReport | None:
    head = head_and_body(returned)[0].lower()
    if b"multipart/report" not in head:
        return None  # the common case: an ordinary returned message, not worth parsing
    inner = view(returned)
    if inner.report_type != "delivery-status":
        return None
    return _delivery_report(inner, depth + 1)


def _readable(bounces: tuple[Bounce, ...]) -> tuple[Bounce, ...]:
    """Recipients whose address was written in bytes we could decode.

    A replacement character stands for bytes no charset read: the address around it is one
    nobody was sent to, and must not be recorded as if it were.
    """
    if not any("\ufffd" in b.address for b in bounces):
        return bounces
    return tuple(b for b in bounces if "\ufffd" not in b.address)


def _verdict(bounce: Bounce) -> tuple[object, ...]:
    return (
        bounce.address,
        bounce.action,
        bounce.status,
        bounce.reply_code,
        bounce.reason,
        bounce.party,
        bounce.permanent,
        bounce.hard,
    )


def _once(bounces: tuple[Bounce, ...]) -> tuple[Bounce, ...]:
    """Each recipient once where a notice lists it twice with one verdict: the same mailbox
    sent to in two spellings of its case ("NoSuch@" and "nosuch@"; Exim, Sendmail, OpenSMTPD,
    Courier and chasquid keep both envelope recipients and list each) reads as one address
    (addresses compare case-insensitively, fields.fold_address), and the same outcome for it
    twice is one bounce, not two. Two different verdicts for one address are both kept."""
    if len({b.address for b in bounces}) == len(bounces):
        return bounces
    seen: set[tuple[object, ...]] = set()
    kept = []
    for bounce in bounces:
        verdict = _verdict(bounce)
        if verdict not in seen:
            seen.add(verdict)
            kept.append(bounce)
    return tuple(kept)


def _plain(address: str, reason: Reason) -> Bounce:
    return Bounce(address, None, None, None, None, None, None, None, reason, False)


def _kind(bounces: tuple[Bounce, ...]) -> Kind:
    kinds = {_KIND_BY_ACTION.get(b.action or "", Kind.FAILED) for b in bounces}
    return next((k for k in _KIND_ORDER if k in kinds), Kind.FAILED)


def original_message_id(mail: Mail) -> str | None:
    """The Message-ID of the message that bounced, from the returned copy or its headers."""
    value = mail.returned_field("message-id")
    if value:
        return value
    for text in mail.texts("text/plain"):
        match = _MESSAGE_ID.search(text)
        if match:
            return match.group(1)
    return None


def return_path(mail: Mail) -> str | None:
    """The VERP address the notification was delivered to, when one of ours is named."""
    for name in _DELIVERY_HEADERS:
        for value in mail.all_headers(name):
            for address in addresses_in(value):
                if ReturnPath.looks_like(address):
                    return address
    return None
