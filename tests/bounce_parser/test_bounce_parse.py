"""parse(): one table of composed notifications, each with what the report must say."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bounce_parser import Bounce, BounceReport, Kind, Party, Reason, parse
from tests.bounce_parser.bounce_samples import (
    BLOCKED,
    DELAYED,
    EXIM,
    ORDINARY,
    ORIGINAL_ID,
    POSTFIX,
    QMAIL,
    VACATION,
    arf,
    dsn,
    failed,
    plain,
)


@dataclass(frozen=True)
class Expect:
    """What one recipient of the report must look like (None: not checked)."""

    address: str
    reason: Reason
    hard: bool
    status: str | None = None
    reply_code: int | None = None


CASES = [
    pytest.param(
        dsn(
            failed(
                "alice@receiver.example",
                "5.1.1",
                "550 5.1.1 <alice@receiver.example>: no such user",
            )
        ),
        Kind.FAILED,
        [Expect("alice@receiver.example", Reason.USER_UNKNOWN, True, "5.1.1", 550)],
        id="rfc3464-user-unknown",
    ),
    pytest.param(
        dsn(failed("alice@receiver.example", "5.0.0", "550 5.2.2 mailbox is full")),
        Kind.FAILED,
        [Expect("alice@receiver.example", Reason.MAILBOX_FULL, False, "5.2.2", 550)],
        id="rfc3464-diagnostic-status-wins-over-generic-field",
    ),
    pytest.param(
        dsn(
            failed("a@receiver.example", "5.1.2", "550 5.1.2 Host or domain name not found"),
            failed("b@receiver.example", "4.4.7", None, action="delayed"),
        ),
        Kind.FAILED,
        [
            Expect("a@receiver.example", Reason.HOST_UNKNOWN, True, "5.1.2"),
            Expect("b@receiver.example", Reason.EXPIRED, False, "4.4.7"),
        ],
        id="rfc3464-two-recipients",
    ),
    pytest.param(
        dsn(
            failed(
                "alice@receiver.example",
                "5.2.1",
                "550 5.2.1 <alice@receiver.example>... User unknown",
            )
            | {"X-PowerMTA-BounceCategory": "bad-mailbox"},
            failed("bob@receiver.example", "5.0.0", "550 rejected")
            | {"X-PowerMTA-BounceCategory": "quota-issues"},
        ),
        Kind.FAILED,
        [
            Expect("alice@receiver.example", Reason.USER_UNKNOWN, True, "5.2.1"),
            Expect("bob@receiver.example", Reason.MAILBOX_FULL, False, "5.0.0"),
        ],
        id="rfc3464-sender-mta-category",
    ),
    pytest.param(
        dsn(
            failed(
                "alice@receiver.example",
                "5.2.1",
                "550 5.2.1 <alice@receiver.example>... User unknown",
            )
        ),
        Kind.FAILED,
        # A recipient statement beats the generic x.2.1 (precedence.py rule 2); only docomo's
        # own hosts use the bare words for their reception filter (commands.py).
        [Expect("alice@receiver.example", Reason.USER_UNKNOWN, True, "5.2.1")],
        id="rfc3464-mailbox-status-without-category",
    ),
    pytest.param(
        dsn(failed("alice@receiver.example", "4.2.2", "452 4.2.2 Over quota", action="delayed")),
        Kind.DELAYED,
        [Expect("alice@receiver.example", Reason.MAILBOX_FULL, False, "4.2.2", 452)],
        id="rfc3464-delayed",
    ),
    pytest.param(
        dsn(failed("alice@receiver.example", "2.0.0", "250 2.0.0 Ok", action="delivered")),
        Kind.DELIVERED,
        [Expect("alice@receiver.example", Reason.DELIVERED, False, "2.0.0")],
        id="rfc3464-delivered",
    ),
    pytest.param(
        dsn(failed("alice@receiver.example", "2.0.0", None, action="relayed")),
        Kind.RELAYED,
        [Expect("alice@receiver.example", Reason.DELIVERED, False, "2.0.0")],
        id="rfc3464-relayed",
    ),
    pytest.param(
        dsn(
            failed("用户@receiver.example", "5.1.1", "550 5.1.1 unknown user"),
            global_dsn=True,
        ),
        Kind.FAILED,
        [Expect("用户@receiver.example", Reason.USER_UNKNOWN, True, "5.1.1")],
        id="rfc6533-global-dsn-utf8-address",
    ),
    pytest.param(
        dsn(
            failed(
                "frank@receiver.example",
                "5.7.1",
                "554 5.7.1 Service unavailable; Client host [198.51.100.4] blocked using "
                "bl.example",
            )
        ),
        Kind.FAILED,
        [Expect("frank@receiver.example", Reason.BLOCKED, False, "5.7.1", 554)],
        id="rfc3464-sender-blocked-is-never-hard",
    ),
    pytest.param(
        dsn(failed("alice@receiver.example", "5.1.10", "556 5.1.10 Recipient address has null MX")),
        Kind.FAILED,
        [Expect("alice@receiver.example", Reason.NOT_ACCEPT, True, "5.1.10", 556)],
        id="rfc3464-null-mx",
    ),
    pytest.param(
        dsn(
            failed("alice@receiver.example", "5.0.0", "550 Requested action not taken: policy"),
            notice="... while talking to mx.receiver.example.:\n>>> DATA\n"
            "<<< 550 <alice@receiver.example>... User unknown\n",
        ),
        Kind.FAILED,
        # "User unknown" means what it says at every stage (issue #14's held-out set)...
        [Expect("alice@receiver.example", Reason.USER_UNKNOWN, True, "5.0.0")],
        id="rfc3464-user-unknown-after-data",
    ),
    pytest.param(
        dsn(
            failed("alice@docomo.ne.jp", "5.0.0", "550 Requested action not taken: policy"),
            notice="... while talking to mfsmax.docomo.ne.jp.:\n>>> DATA\n"
            "<<< 550 Unknown user alice@docomo.ne.jp\n",
        ),
        Kind.FAILED,
        # ... except from docomo, which documents the bare words after DATA as its filter.
        [Expect("alice@docomo.ne.jp", Reason.FILTERED, False, "5.0.0")],
        id="rfc3464-docomo-unknown-user-after-data-is-a-filter",
    ),
    pytest.param(
        plain(POSTFIX),
        Kind.FAILED,
        [Expect("bob@receiver.example", Reason.USER_UNKNOWN, True, "5.1.1", 550)],
        id="postfix-free-text",
    ),
    pytest.param(
        plain(EXIM, subject="Mail delivery failed: returning message to sender"),
        Kind.FAILED,
        [Expect("dave@receiver.example", Reason.MAILBOX_FULL, False, "5.2.2", 552)],
        id="exim-free-text",
    ),
    pytest.param(
        plain(QMAIL, subject="failure notice"),
        Kind.FAILED,
        [Expect("erin@receiver.example", Reason.USER_UNKNOWN, True, "5.0.911", 550)],
        id="qmail-free-text-pseudo-status",
    ),
    pytest.param(
        plain(
            EXIM.replace(
                "host mx.receiver.example [192.0.2.8]\n", "retry timeout exceeded\n"
            ).replace(
                "    SMTP error from remote mail server after RCPT TO:<dave@receiver.example>:\n"
                "    552 5.2.2 Mailbox quota exceeded\n",
                "",
            ),
            subject="Mail delivery failed: returning message to sender",
        ),
        Kind.FAILED,
        [Expect("dave@receiver.example", Reason.EXPIRED, False, "4.0.947")],
        id="exim-gave-up-retrying-a-temporary-error",
    ),
    pytest.param(
        plain(BLOCKED, subject="Mail delivery failed"),
        Kind.FAILED,
        [Expect("frank@receiver.example", Reason.BLOCKED, False, "5.7.1", 550)],
        id="free-text-dnsbl",
    ),
    pytest.param(
        plain(DELAYED, subject="Delayed Mail (still being retried)"),
        Kind.DELAYED,
        # A timeout reported by a notice, not a live reply: retried until time runs out.
        [Expect("grace@receiver.example", Reason.EXPIRED, False)],
        id="free-text-delay-warning",
    ),
    pytest.param(
        plain(
            "Forwarded bounce:\n\n" + "".join(f"> {line}\n" for line in POSTFIX.splitlines()),
            sender="Alice Admin <admin@sender.example>",
            subject="Fwd: Undelivered Mail Returned to Sender",
        ),
        Kind.FAILED,
        [Expect("bob@receiver.example", Reason.USER_UNKNOWN, True, "5.1.1")],
        id="quoted-forwarded-bounce",
    ),
    pytest.param(
        plain(
            "   ----- Transcript of session follows -----\n"
            "421 receiver.example (smtp)... Deferred: Connection timed out\n\n"
            "   ----- Unsent message follows -----\n"
            "From: news@sender.example\nTo: kim@receiver.example\nSubject: hi\n\nbody\n",
            subject="Returned mail: Cannot send message for 5 days",
        ),
        Kind.FAILED,
        [Expect("kim@receiver.example", Reason.EXPIRED, False, reply_code=421)],
        id="notice-names-nobody-returned-copy-does",
    ),
    pytest.param(
        plain(
            "   ----- Transcript of session follows -----\n"
            "While talking to mx.one.example:\n"
            ">>> DATA\n"
            "<<< 550 Not today\n"
            "554 <kim@one.example>... Remote protocol error\n"
            "550 two.example (smtp)... 550 Host unknown\n"
            "554 <lee@two.example>... 550 Host unknown (Authoritative answer from name server)\n"
            "While talking to mx.three.example:\n"
            ">>> QUIT\n"
            "<<< 421 mx.three.example Sorry, unable to contact destination\n"
            "\n   ----- Unsent message follows -----\n"
            "From: news@sender.example\nTo: kim@one.example\nSubject: hi\n\nbody\n",
            subject="Returned mail: Host unknown",
        ),
        Kind.FAILED,
        [
            Expect("kim@one.example", Reason.UNDEFINED, False),
            # Its own status line is its verdict; the transcript after it is another host's.
            Expect("lee@two.example", Reason.HOST_UNKNOWN, True, "5.0.912"),
        ],
        id="old-sendmail-status-lines",
    ),
    pytest.param(
        plain(
            "   ----- Transcript of session follows -----\n"
            "While talking to mx.one.example:\n"
            ">>> MAIL From:<news@sender.example>\n"
            "<<< 550 Relaying denied\n"
            "554 <kim@one.example>... Remote protocol error\n"
            "\n   ----- Unsent message follows -----\n"
            "From: news@sender.example\nTo: kim@one.example\nSubject: hi\n\nbody\n",
            subject="Returned mail: see transcript for details",
        ),
        Kind.FAILED,
        [Expect("kim@one.example", Reason.NO_RELAYING, False, "5.0.909")],
        id="relaying-denied-at-mail-from-keeps-its-code",
    ),
    pytest.param(
        b"From: MAILER-DAEMON@mx.sender.example\nTo: news@sender.example\n"
        b"Subject: Returned mail\nMIME-Version: 1.0\nContent-Type: multipart/mixed;\n"
        b'boundary="unindented"\n\n--unindented\nContent-Type: text/plain\n'
        b'   charset="us-ascii"\n\n' + POSTFIX.encode() + b"\n--unindented--\n",
        Kind.FAILED,
        [Expect("bob@receiver.example", Reason.USER_UNKNOWN, True, "5.1.1")],
        id="broken-but-readable-mime-parameters",
    ),
    pytest.param(
        b"From: MAILER-DAEMON@gw.sender.example\nTo: news@sender.example\n"
        b"Subject: Returned mail: User unknown\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="outer"\n\n--outer\n'
        b"Content-Type: text/plain\n\n"
        b"----- The following addresses had permanent delivery errors -----\n\n"
        b"--outer\nContent-Type: message/rfc822\n\n"
        + dsn(failed("lee@receiver.example", "5.1.1", "550 5.1.1 User unknown"))
        + b"\n--outer--\n",
        Kind.FAILED,
        [Expect("lee@receiver.example", Reason.USER_UNKNOWN, True, "5.1.1", 550)],
        id="dsn-returned-inside-another-notice",
    ),
    pytest.param(
        arf(),
        Kind.FEEDBACK,
        [Expect("carol@isp.example", Reason.FEEDBACK, False)],
        id="arf-abuse-report",
    ),
    pytest.param(
        plain(
            VACATION,
            sender="ivan@receiver.example",
            subject="Out of Office: Our newsletter",
            extra={"Auto-Submitted": "auto-replied"},
        ),
        Kind.AUTO_REPLY,
        [Expect("ivan@receiver.example", Reason.VACATION, False)],
        id="rfc3834-auto-submitted",
    ),
    pytest.param(
        plain(VACATION, sender="judy@receiver.example", subject="Automatic reply: Our newsletter"),
        Kind.AUTO_REPLY,
        [Expect("judy@receiver.example", Reason.VACATION, False)],
        id="vacation-by-subject",
    ),
    pytest.param(
        plain(ORDINARY, sender="heidi@friends.example", subject="lunch"),
        Kind.NOT_BOUNCE,
        [],
        id="ordinary-mail",
    ),
]


@pytest.mark.parametrize(("raw", "kind", "expected"), CASES)
def test_parse(raw: bytes, kind: Kind, expected: list[Expect]) -> None:
    report = parse(raw)
    assert report.kind is kind
    assert [r.address for r in report.recipients] == [e.address for e in expected]
    for got, want in zip(report.recipients, expected, strict=True):
        assert (got.reason, got.hard) == (want.reason, want.hard), got
        if want.status is not None:
            assert got.status == want.status
        if want.reply_code is not None:
            assert got.reply_code == want.reply_code


def test_the_original_message_id_comes_from_the_returned_message() -> None:
    report = parse(dsn(failed("alice@receiver.example", "5.1.1")))
    assert report.message_id == ORIGINAL_ID


def test_the_original_message_id_comes_from_returned_headers_only() -> None:
    report = parse(dsn(failed("alice@receiver.example", "5.1.1"), headers_only=True))
    assert report.message_id == ORIGINAL_ID


def test_the_original_message_id_comes_from_an_inline_copy() -> None:
    assert parse(plain(EXIM)).message_id == "<original-2@sender.example>"


def test_dsn_fields_are_reported() -> None:
    report = parse(dsn(failed("alice@receiver.example", "5.1.1", "550 5.1.1 user unknown")))
    assert report.reporting_mta == "mx.sender.example"
    (bounce,) = report.recipients
    assert bounce == Bounce(
        address="alice@receiver.example",
        original_recipient=None,
        action="failed",
        status="5.1.1",
        reply_code=550,
        diagnostic="550 5.1.1 user unknown",
        reporting_mta="mx.sender.example",
        remote_mta="mx.receiver.example",
        reason=Reason.USER_UNKNOWN,
        hard=True,
        party=Party.RECIPIENT,
        permanent=True,
        rule="status:1.1",
    )


def test_arf_reports_its_feedback_type() -> None:
    assert parse(arf()).feedback_type == "abuse"


def test_a_report_is_frozen() -> None:
    report = parse(plain(POSTFIX))
    assert isinstance(report, BounceReport)
    with pytest.raises(AttributeError):
        report.kind = Kind.NOT_BOUNCE  # type: ignore[misc]
