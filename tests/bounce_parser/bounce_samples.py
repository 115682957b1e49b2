"""Notifications composed for the tests: each is built here, none is copied from anywhere."""

from __future__ import annotations

from email.message import EmailMessage

ORIGINAL_ID = "<original-1@sender.example>"


def original(to: str = "alice@receiver.example") -> EmailMessage:
    """The message we sent, as a bounce returns it."""
    msg = EmailMessage()
    msg["From"] = "news@sender.example"
    msg["To"] = to
    msg["Subject"] = "Our newsletter"
    msg["Message-ID"] = ORIGINAL_ID
    msg.set_content("Hello\n")
    return msg


def _multipart(report_type: str, headers: str, parts: list[tuple[str, str]]) -> bytes:
    """A multipart/report written out by hand (the email package rewrites report parts)."""
    boundary = "=_report_boundary"
    out = [
        headers.strip(),
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type={report_type}; boundary="{boundary}"',
        "",
        "This is a MIME-encapsulated message.",
    ]
    for content_type, body in parts:
        out += [f"--{boundary}", f"Content-Type: {content_type}", "", body.rstrip("\n")]
    out += [f"--{boundary}--", ""]
    return "\n".join(out).encode("utf-8")


def dsn(
    *recipients: dict[str, str],
    notice: str = "Delivery to the following recipients failed.\n",
    to: str = "news@sender.example",
    global_dsn: bool = False,
    headers_only: bool = False,
) -> bytes:
    """An RFC 3464 multipart/report: notice, delivery-status fields, the returned message."""
    headers = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.sender.example>\n"
        f"To: {to}\nSubject: Delivery Status Notification (Failure)"
    )
    blocks = ["Reporting-MTA: dns; mx.sender.example\nArrival-Date: Mon, 1 Jan 2024 00:00:00 +0000"]
    blocks += ["\n".join(f"{name}: {value}" for name, value in r.items()) for r in recipients]
    subtype = "global-delivery-status" if global_dsn else "delivery-status"
    returned = original().as_string()
    last = (
        ("text/rfc822-headers", returned.split("\n\n", 1)[0] + "\n")
        if headers_only
        else ("message/rfc822", returned)
    )
    parts = [("text/plain", notice), (f"message/{subtype}", "\n\n".join(blocks) + "\n"), last]
    return _multipart("delivery-status", headers, parts)


def failed(
    address: str, status: str, diagnostic: str | None = None, action: str = "failed"
) -> dict[str, str]:
    """One per-recipient block."""
    block = {
        "Final-Recipient": f"rfc822; {address}",
        "Action": action,
        "Status": status,
        "Remote-MTA": "dns; mx.receiver.example",
    }
    if diagnostic is not None:
        block["Diagnostic-Code"] = f"smtp; {diagnostic}"
    return block


def plain(
    body: str,
    *,
    sender: str = "MAILER-DAEMON@mx.sender.example",
    subject: str = "Undelivered Mail Returned to Sender",
    to: str = "news@sender.example",
    extra: dict[str, str] | None = None,
) -> bytes:
    """A single-part text message (free-text bounces, auto-replies, ordinary mail)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    for name, value in (extra or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes()


def arf(reporter: str = "abuse@isp.example", complainant: str = "carol@isp.example") -> bytes:
    """An RFC 5965 abuse report about one of our messages."""
    headers = f"From: {reporter}\nTo: fbl@sender.example\nSubject: Abuse report"
    fields = (
        "Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n"
        f"Original-Rcpt-To: {complainant}\nArrival-Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
    )
    parts = [
        ("text/plain", "This is an email abuse report.\n"),
        ("message/feedback-report", fields),
        ("message/rfc822", original(complainant).as_string()),
    ]
    return _multipart("feedback-report", headers, parts)


POSTFIX = """This is the mail system at host mx.sender.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<bob@receiver.example>: host mx.receiver.example[192.0.2.7] said: 550 5.1.1
    <bob@receiver.example>: Recipient address rejected: User unknown in local
    recipient table (in reply to RCPT TO command)
"""

EXIM = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  dave@receiver.example
    host mx.receiver.example [192.0.2.8]
    SMTP error from remote mail server after RCPT TO:<dave@receiver.example>:
    552 5.2.2 Mailbox quota exceeded

------ This is a copy of the message, including all the headers. ------

From: news@sender.example
To: dave@receiver.example
Message-ID: <original-2@sender.example>
Subject: Our newsletter

Hello
"""

QMAIL = """Hi. This is the qmail-send program at mx.sender.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<erin@receiver.example>:
192.0.2.9 does not like recipient.
Remote host said: 550 No such user here
Giving up on 192.0.2.9.

--- Below this line is a copy of the message.

From: news@sender.example
To: erin@receiver.example
"""

BLOCKED = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  frank@receiver.example
    SMTP error from remote mail server after RCPT TO:<frank@receiver.example>:
    550 5.7.1 Service unavailable; client host [198.51.100.4] blocked using
    zen.spamhaus.org
"""

DELAYED = """This is the mail system at host mx.sender.example.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for 4 hours. It will be retried until it is 5 days old.

<grace@receiver.example>: connect to mx.receiver.example[192.0.2.10]:25:
    Connection timed out
"""

VACATION = """I am out of the office until Monday and will answer your message then.
"""

ORDINARY = """Hi, are we still on for lunch tomorrow? Write to me at heidi@friends.example.
"""
