"""The messages of the returned-content bed (receivers_bed_content.py, judge91): what a
customer of the relay sends that reads like a delivery notice. Each is written out as its
bytes (fixed boundaries, fixed date) so that every run sends the same message. The words
quoted in them are texts real servers write, named where they appear: Postfix's bounce(8)
default template (bounce_template.c) and its delivery-status fields (bounce_notify_util.c),
Exim's X-Failed-Recipients header (deliver.c), Dovecot's quota_exceeded_message and Postfix's
smtpd_check.c "User unknown in virtual mailbox table". Every address they name is at
``elsewhere.test`` or ``list.test``, never sent to."""

from __future__ import annotations

import base64
import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage

from tests.support.receivers_bed import SENDER_DOMAIN, Scenario

DATE = "Mon, 07 Dec 2026 11:00:00 +0000"
BOUNDARY = "content-bed-boundary-1"
INNER = "content-bed-boundary-2"
BIG_BYTES = 150_000  # past Postfix's bounce_size_limit (50000) and Exim's 100K
BIG_LINES = 2_400  # of about 80 characters: ~190,000 bytes of text

# Postfix bounce(8)'s default failure template (bounce_template.c) and a recipient's line
POSTFIX_WORDS = (
    "This is the mail system at host mx.elsewhere.test.\n\n"
    "I'm sorry to have to inform you that your message could not\n"
    "be delivered to one or more recipients. It's attached below.\n\n"
    "For further assistance, please send mail to postmaster.\n\n"
    "If you do so, please include this problem report. You can\n"
    "delete your own text from the attached returned message.\n\n"
    "                   The mail system\n\n"
)


def _unknown_line(address: str) -> str:
    return (
        f"<{address}>: host mx.elsewhere.test[192.0.2.50] said: 550 5.1.1\n"
        f"    <{address}>: Recipient address rejected: User unknown in virtual\n"
        "    mailbox table (in reply to RCPT TO command)\n"
    )


def _status_fields(address: str, action: str, status: str, diagnostic: str) -> str:
    """One recipient's delivery-status fields (RFC 3464 section 2.3), as Postfix writes them."""
    return (
        f"Final-Recipient: rfc822; {address}\n"
        f"Original-Recipient: rfc822;{address}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        "Remote-MTA: dns; mx.elsewhere.test\n"
        f"Diagnostic-Code: smtp; {diagnostic}\n"
    )


UNKNOWN_DIAGNOSTIC = "550 5.1.1 User unknown"
FULL_DIAGNOSTIC = "452 4.2.2 Quota exceeded (mailbox for user is full)"  # Dovecot's


def _head(scenario: Scenario, subject: str, extra: str = "", mime: str = "") -> str:
    return (
        f"From: News <news@{SENDER_DOMAIN}>\n"
        f"To: {', '.join(scenario.recipients)}\n"
        f"{extra}"
        f"Subject: {subject}\n"
        f"Message-ID: <{scenario.name}@{SENDER_DOMAIN}>\n"
        f"Date: {DATE}\n"
        "MIME-Version: 1.0\n"
        f"{mime or 'Content-Type: text/plain; charset=us-ascii'}\n\n"
    )


def _mixed() -> str:
    return f'Content-Type: multipart/mixed; boundary="{BOUNDARY}"'


def _forwarded(scenario: Scenario) -> str:
    old = "old@elsewhere.test"
    return _head(scenario, "Fwd: Undelivered Mail Returned to Sender") + (
        "Hi, is this address still right? I got this back last week.\n\n"
        "Begin forwarded message:\n\n"
        "From: MAILER-DAEMON@mx.elsewhere.test (Mail Delivery System)\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        f"X-Failed-Recipients: {old}\n\n"
        f"{POSTFIX_WORDS}{_unknown_line(old)}\n"
        f"{_status_fields(old, 'failed', '5.1.1', UNKNOWN_DIAGNOSTIC)}"
    )


def _ticket(scenario: Scenario) -> str:
    return _head(scenario, "Re: [Ticket #4471] my mail is bouncing") + (
        "Hello,\n\nthanks for writing. The error you quote,\n\n"
        f"> {FULL_DIAGNOSTIC}\n"
        "> Your mailbox is full. Delivery will be retried.\n\n"
        "means the recipient's mailbox full, nothing is wrong with the address: it is a\n"
        "temporary failure (4.2.2), the message will be retried. Please try again later.\n\n"
        "Regards,\nSupport\n"
    )


def _newsletter(scenario: Scenario) -> str:
    return _head(scenario, "December news: cleaning our lists") + (
        "Dear reader,\n\nwe are cleaning our lists. When an address bounces with\n"
        "'550 5.1.1 User unknown' (this address does not exist, no such user here),\n"
        "we stop writing to it at once; a 'mailbox unavailable' or 'account disabled'\n"
        "reply is treated alike.\n\nSee you next month.\n"
    )


def _attached_status(scenario: Scenario) -> str:
    old = "old2@elsewhere.test"
    return _head(scenario, "The report you asked for", mime=_mixed()) + (
        f"--{BOUNDARY}\nContent-Type: text/plain; charset=us-ascii\n\n"
        "Attached is the delivery report from our old system.\n\n"
        f"--{BOUNDARY}\nContent-Type: message/delivery-status\n"
        'Content-Disposition: attachment; filename="report.txt"\n\n'
        "Reporting-MTA: dns; mx.elsewhere.test\n"
        f"Arrival-Date: {DATE}\n\n"
        f"{_status_fields(old, 'failed', '5.1.1', UNKNOWN_DIAGNOSTIC)}\n"
        f"--{BOUNDARY}--\n"
    )


def _attached_report(scenario: Scenario) -> str:
    old = "old3@elsewhere.test"
    report = (
        "From: MAILER-DAEMON@mx.elsewhere.test (Mail Delivery System)\n"
        "To: news@example.test\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{INNER}"\n\n'
        f"--{INNER}\nContent-Type: text/plain; charset=us-ascii\n\n"
        f"{POSTFIX_WORDS}{_unknown_line(old)}\n"
        f"--{INNER}\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.elsewhere.test\n\n"
        f"{_status_fields(old, 'failed', '5.1.1', UNKNOWN_DIAGNOSTIC)}\n"
        f"--{INNER}\nContent-Type: text/rfc822-headers\n\n"
        f"From: news@example.test\nTo: {old}\nSubject: hello\n\n"
        f"--{INNER}--\n"
    )
    return _head(scenario, "Fwd: a bounce for you", mime=_mixed()) + (
        f"--{BOUNDARY}\nContent-Type: text/plain; charset=us-ascii\n\n"
        "The bounce is attached as it came.\n\n"
        f"--{BOUNDARY}\nContent-Type: message/rfc822\n"
        'Content-Disposition: attachment; filename="bounce.eml"\n\n'
        f"{report}\n--{BOUNDARY}--\n"
    )


def _subject(scenario: Scenario) -> str:
    return _head(scenario, "Undelivered Mail Returned to Sender") + (
        f"{POSTFIX_WORDS}(This is our newsletter's April joke: nothing was returned.)\n"
    )


def _big_base64(scenario: Scenario) -> str:
    old = "old4@elsewhere.test"
    blob = base64.encodebytes(bytes(n % 251 for n in range(BIG_BYTES))).decode("ascii")
    return _head(scenario, "The archive, and the report", mime=_mixed()) + (
        f"--{BOUNDARY}\nContent-Type: text/plain; charset=us-ascii\n\n"
        f"The archive is attached. The old report said for {old}:\n\n"
        f"{_status_fields(old, 'delayed', '4.2.2', FULL_DIAGNOSTIC)}"
        "mailbox full, so we will try again.\n\n"
        f"--{BOUNDARY}\nContent-Type: application/octet-stream\n"
        'Content-Disposition: attachment; filename="archive.bin"\n'
        "Content-Transfer-Encoding: base64\n\n"
        f"{blob}\n--{BOUNDARY}--\n"
    )


def _big_text(scenario: Scenario) -> str:
    lines = "".join(
        f"<member{n:04d}@list.test>: host mx.list.test said: 550 5.1.1 User unknown\n"
        for n in range(BIG_LINES)
    )
    return _head(scenario, "List bounces this month", mime=_mixed()) + (
        f"--{BOUNDARY}\nContent-Type: text/plain; charset=us-ascii\n\n"
        f"The members the list dropped this month:\n\n{lines}\n"
        f"--{BOUNDARY}\nContent-Type: text/plain; charset=us-ascii\n\n"
        "End of the digest.\n\n"
        f"--{BOUNDARY}--\n"
    )


def _cc_list(scenario: Scenario) -> str:
    cc = ", ".join(f"{local}@elsewhere.test" for local in ("ann", "ben", "cid", "dot"))
    return _head(scenario, "Who still reads us?", extra=f"Cc: {cc}\n") + (
        "Last time these did not arrive:\n\n"
        "<old5@elsewhere.test>: User unknown\n"
        "<old6@elsewhere.test>... User unknown\n\n"
        "The rest of you, please answer.\n"
    )


def _warning(scenario: Scenario) -> str:
    old = "old7@elsewhere.test"
    return _head(scenario, "Undelivered Mail Returned to Sender (copy)") + (
        f"{POSTFIX_WORDS}{_unknown_line(old)}\n"
        f"{_status_fields(old, 'failed', '5.1.1', UNKNOWN_DIAGNOSTIC)}"
    )


CONTENTS: dict[str, Callable[[Scenario], str]] = {
    "forwarded_bounce_blocked": _forwarded,
    "ticket_quotes_full_mailbox": _ticket,
    "newsletter_says_no_such_address": _newsletter,
    "attached_delivery_status": _attached_status,
    "attached_whole_report": _attached_report,
    "subject_undelivered_beside_delivered": _subject,
    "big_base64_cut": _big_base64,
    "big_text_cut": _big_text,
    "cc_list_quotes_unknown_until_expiry": _cc_list,
    "warning_quotes_failure": _warning,
}


def content_text(scenario: Scenario) -> str:
    """The message ``scenario`` sends, as text with LF line ends."""
    return CONTENTS[scenario.name](scenario)


def content_message(scenario: Scenario) -> EmailMessage:
    """The message ``scenario`` sends, parsed: written out again, its lines are these but a
    header line longer than 78 characters, which the email package folds (the attached
    report's Content-Type, the Cc list)."""
    raw = content_text(scenario).encode("ascii")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message
