"""Bounces composed the way mail servers write them (RFC 3464 DSNs, RFC 5965 complaints)."""

from __future__ import annotations


def dsn(
    to: str,
    recipient: str,
    *,
    status: str = "5.1.1",
    action: str = "failed",
    diagnostic: str = "smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown",
    message_id: str = "<orig@acme.example>",
    reporting_mta: str = "mx.example.net",
    notice_id: str | None = None,
    quoted: str = "",
    text: str = "",
    also: tuple[str, ...] = (),
) -> bytes:
    """A multipart/report DSN for one recipient, sent to ``to`` (the VERP return path).

    ``notice_id`` is the DSN's own Message-ID, ``quoted`` more lines of the quoted original
    headers, ``text`` more lines of the human-readable part, ``also`` more failed recipients.
    """
    diag = diagnostic.format(rcpt=recipient)
    notice_id = notice_id or f"<dsn-{status}-{action}@{reporting_mta}>"
    others = "".join(
        f"\nFinal-Recipient: rfc822; {r}\nAction: {action}\nStatus: {status}\n"
        f"Diagnostic-Code: {diagnostic.format(rcpt=r)}\n"
        for r in also
    )
    text = f"""From: MAILER-DAEMON@{reporting_mta} (Mail Delivery System)
To: {to}
Subject: Undelivered Mail Returned to Sender
Date: Mon, 23 Nov 2026 08:30:00 +0000
Message-ID: {notice_id}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset=us-ascii

This is the mail system at host {reporting_mta}.
I'm sorry to have to inform you that your message could not be delivered.

<{recipient}>: {diag}
{text}
--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; {reporting_mta}
Arrival-Date: Mon, 23 Nov 2026 08:29:59 +0000

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Remote-MTA: dns; {reporting_mta}
Diagnostic-Code: {diag}
{others}
--BOUNDARY
Content-Type: text/rfc822-headers

{quoted}From: news@acme.example
To: {recipient}
Subject: Hello
Message-ID: {message_id}

--BOUNDARY--
"""
    return text.replace("\n", "\r\n").encode("utf-8")


def complaint(
    to: str, recipient: str, *, message_id: str = "<orig@acme.example>", quoted: str = ""
) -> bytes:
    """An ARF (RFC 5965) abuse report about a message sent to ``recipient``; ``quoted``: more
    header lines of the attached message."""
    text = f"""From: feedback@isp.example
To: {to}
Subject: FW: Hello
Date: Mon, 23 Nov 2026 08:30:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

--ARF
Content-Type: text/plain

This is an email abuse report for an email message received from IP 192.0.2.1.

--ARF
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: isp-fbl/1.0
Version: 1
Original-Rcpt-To: {recipient}
Original-Mail-From: {to}
Arrival-Date: Mon, 23 Nov 2026 08:20:00 +0000

--ARF
Content-Type: message/rfc822

{quoted}From: news@acme.example
To: {recipient}
Subject: Hello
Message-ID: {message_id}

Hi there.

--ARF--
"""
    return text.replace("\n", "\r\n").encode("utf-8")


def vacation(to: str, sender: str) -> bytes:
    """An RFC 3834 auto-reply."""
    text = f"""From: {sender}
To: {to}
Subject: Out of office: Hello
Auto-Submitted: auto-replied
Date: Mon, 23 Nov 2026 08:30:00 +0000

I am away until December and will read your mail when I am back.
"""
    return text.replace("\n", "\r\n").encode("utf-8")
