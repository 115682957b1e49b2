"""Whole notices: Amazon SES JSON, several recipients, prose addresses, and non-bounces."""

from __future__ import annotations

import json

import pytest

from bounce_parser import Kind, Party, Reason, parse
from tests.bounce_parser.bounce_samples import dsn, failed, plain

# The shape AWS documents in "Amazon SES notification contents" (Developer Guide).
SES_MAIL = {
    "timestamp": "2024-01-01T00:00:00.000Z",
    "messageId": "0100018c-example",
    "source": "news@sender.example",
    "destination": ["alice@receiver.example", "bob@receiver.example"],
}


def ses_bounce(
    bounce_type: str, subtype: str, recipients: list[dict[str, str]]
) -> dict[str, object]:
    return {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": bounce_type,
            "bounceSubType": subtype,
            "bouncedRecipients": recipients,
            "timestamp": "2024-01-01T00:00:01.000Z",
            "feedbackId": "0100018c-feedback",
            "reportingMTA": "dsn; a1-2.smtp-out.amazonses.com",
        },
        "mail": SES_MAIL,
    }


def by_mail(note: dict[str, object], *, sns: bool = False) -> bytes:
    body = json.dumps(note)
    if sns:  # an SNS e-mail subscription wraps the notification as a string
        body = json.dumps({"Type": "Notification", "MessageId": "m-1", "Message": body})
    return plain(body, sender="no-reply@sns.amazonaws.com", subject="AWS Notification Message")


def test_ses_bounce_keeps_each_recipients_own_reason() -> None:
    note = ses_bounce(
        "Permanent",
        "General",
        [
            {
                "emailAddress": "alice@receiver.example",
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": "smtp; 550 5.1.1 user unknown",
            },
            {
                "emailAddress": "bob@receiver.example",
                "action": "failed",
                "status": "5.7.1",
                "diagnosticCode": "smtp; 550 5.7.1 Service unavailable; client host blocked using "
                "zen.spamhaus.org",
            },
        ],
    )
    report = parse(by_mail(note))
    assert report.kind is Kind.FAILED
    alice, bob = report.recipients
    assert (alice.address, alice.reason, alice.party, alice.suppresses) == (
        "alice@receiver.example",
        Reason.USER_UNKNOWN,
        Party.RECIPIENT,
        True,
    )
    assert (bob.address, bob.reason, bob.party, bob.suppresses) == (
        "bob@receiver.example",
        Reason.BLOCKED,
        Party.SENDER,
        False,
    )
    assert alice.reply_code == 550


def test_ses_bounce_inside_an_sns_envelope() -> None:
    note = ses_bounce("Permanent", "NoEmail", [{"emailAddress": "alice@receiver.example"}])
    (alice,) = parse(by_mail(note, sns=True)).recipients
    assert (alice.reason, alice.hard, alice.suppresses) == (Reason.USER_UNKNOWN, True, True)


def test_ses_transient_and_undetermined_never_suppress() -> None:
    full = ses_bounce("Transient", "MailboxFull", [{"emailAddress": "alice@receiver.example"}])
    (alice,) = parse(by_mail(full)).recipients
    assert (alice.reason, alice.suppresses) == (Reason.MAILBOX_FULL, False)
    unknown = ses_bounce("Undetermined", "Undetermined", [{"emailAddress": "bob@r.example"}])
    (bob,) = parse(by_mail(unknown)).recipients
    assert (bob.reason, bob.party, bob.suppresses) == (Reason.UNDEFINED, Party.UNDETERMINED, False)


def test_ses_complaint_is_feedback() -> None:
    note = {
        "notificationType": "Complaint",
        "complaint": {
            "complainedRecipients": [{"emailAddress": "carol@isp.example"}],
            "complaintFeedbackType": "abuse",
            "timestamp": "2024-01-01T00:00:02.000Z",
            "feedbackId": "0100018c-complaint",
        },
        "mail": SES_MAIL,
    }
    report = parse(by_mail(note))
    assert report.kind is Kind.FEEDBACK
    assert [b.address for b in report.recipients] == ["carol@isp.example"]
    assert report.feedback_type == "abuse"


def test_a_json_body_that_is_not_ses_is_no_bounce() -> None:
    report = parse(plain(json.dumps({"notificationType": "Delivery"}), subject="Hello"))
    assert report.kind is not Kind.FAILED


def test_several_recipients_each_keep_their_own_words() -> None:
    notice = (
        "Delivery to the following recipients failed.\n\n"
        "<alice@receiver.example>: Mailbox full\n"
        "<bob@receiver.example>: No such user here\n"
    )
    report = parse(
        dsn(
            failed("alice@receiver.example", "5.0.0", "550 5.0.0 Requested action not taken"),
            failed("bob@receiver.example", "5.0.0", "550 5.0.0 Requested action not taken"),
            notice=notice,
        )
    )
    alice, bob = report.recipients
    assert (alice.reason, alice.suppresses) == (Reason.MAILBOX_FULL, False)
    assert (bob.reason, bob.suppresses) == (Reason.USER_UNKNOWN, True)


def test_a_contact_address_in_the_prose_is_not_a_failed_recipient() -> None:
    body = (
        "This is the mail system at host mx.sender.example.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients.\n\n"
        "For assistance please contact helpdesk@sender-isp.example.\n\n"
        "<bob@receiver.example>: host mx.receiver.example[192.0.2.7] said: 550 5.1.1\n"
        "    <bob@receiver.example>: Recipient address rejected: User unknown in local\n"
        "    recipient table (in reply to RCPT TO command)\n"
    )
    report = parse(plain(body))
    assert [b.address for b in report.recipients] == ["bob@receiver.example"]


def test_an_alias_origin_is_not_a_second_failed_recipient() -> None:
    body = (
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        "  dave@receiver.example\n"
        "    (ultimately generated from info@sender-alias.example)\n"
        "    SMTP error from remote mail server after RCPT TO:<dave@receiver.example>:\n"
        "    550 5.1.1 No such user\n"
    )
    report = parse(plain(body, subject="Mail delivery failed: returning message to sender"))
    assert [b.address for b in report.recipients] == ["dave@receiver.example"]


def test_a_delay_notice_is_not_a_bounce() -> None:
    report = parse(
        dsn(failed("alice@receiver.example", "5.1.1", "550 5.1.1 user unknown", action="delayed"))
    )
    assert report.kind is Kind.DELAYED
    (alice,) = report.recipients
    assert not alice.hard
    assert not alice.suppresses


def test_a_relayed_notice_is_not_a_bounce() -> None:
    report = parse(dsn(failed("alice@receiver.example", "2.0.0", action="relayed")))
    assert report.kind is Kind.RELAYED
    assert not any(b.suppresses for b in report.recipients)


def test_an_auto_reply_is_not_a_bounce() -> None:
    report = parse(
        plain(
            "I am out of the office until Monday.\n",
            sender="alice@receiver.example",
            subject="Out of office",
            extra={"Auto-Submitted": "auto-replied"},
        )
    )
    assert report.kind is Kind.AUTO_REPLY
    assert not any(b.suppresses for b in report.recipients)


def test_a_final_notice_quoting_a_4xx_reply_is_expiry() -> None:
    report = parse(
        dsn(
            failed(
                "alice@receiver.example",
                "4.0.0",
                "450 4.2.0 <alice@receiver.example>: Recipient address rejected: Greylisted",
            )
        )
    )
    (alice,) = report.recipients
    assert (alice.reason, alice.party, alice.suppresses) == (Reason.EXPIRED, Party.TRANSIENT, False)


def test_malformed_ses_notifications_give_a_clear_answer() -> None:
    shapes: list[object] = [
        {"notificationType": "Bounce", "bounce": "not an object"},
        {"notificationType": "Bounce", "bounce": {"bouncedRecipients": {"a": 1}}},
        {"notificationType": "Bounce", "bounce": {"bouncedRecipients": [1, None, {"x": 2}]}},
        {"notificationType": "Complaint", "complaint": {"complainedRecipients": "x"}},
        {"Type": "Notification", "Message": "{not json"},
    ]
    for shape in shapes:
        report = parse(plain(json.dumps(shape), subject="AWS Notification Message"))
        assert report.kind in (Kind.UNPARSED, Kind.FEEDBACK, Kind.NOT_BOUNCE), shape
        assert report.recipients == (), shape


TWO_RECIPIENTS = {
    "postfix": (
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host mx.sender.example.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients. It's attached below.\n\n"
        "<bob@receiver.example>: host mx.receiver.example[192.0.2.7] said: 550 5.1.1\n"
        "    <bob@receiver.example>: Recipient address rejected: User unknown in local\n"
        "    recipient table (in reply to RCPT TO command)\n\n"
        "<carol@other.example>: host mx.other.example[192.0.2.8] said: 552 5.2.2\n"
        "    <carol@other.example>: Mailbox full (in reply to RCPT TO command)\n",
    ),
    "exim": (
        "Mail delivery failed: returning message to sender",
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        "  bob@receiver.example\n"
        "    SMTP error from remote mail server after RCPT TO:<bob@receiver.example>:\n"
        "    550 5.1.1 No such user\n"
        "  carol@other.example\n"
        "    SMTP error from remote mail server after RCPT TO:<carol@other.example>:\n"
        "    452 4.2.2 Mailbox full\n",
    ),
    "qmail": (
        "failure notice",
        "Hi. This is the qmail-send program at mx.sender.example.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        "<bob@receiver.example>:\n192.0.2.9 does not like recipient.\n"
        "Remote host said: 550 No such user here\nGiving up on 192.0.2.9.\n\n"
        "<carol@other.example>:\n192.0.2.10 does not like recipient.\n"
        "Remote host said: 552 Mailbox full\nGiving up on 192.0.2.10.\n",
    ),
    "sendmail": (
        "Returned mail: see transcript for details",
        "   ----- The following addresses had permanent fatal errors -----\n"
        "<bob@receiver.example>\n"
        "    (reason: 550 5.1.1 <bob@receiver.example>... User unknown)\n"
        "<carol@other.example>\n"
        "    (reason: 552 5.2.2 Mailbox full)\n",
    ),
}


@pytest.mark.parametrize("family", sorted(TWO_RECIPIENTS))
def test_free_text_notices_keep_both_recipients_and_their_reasons(family: str) -> None:
    subject, body = TWO_RECIPIENTS[family]
    report = parse(plain(body, subject=subject))
    got = [(b.address, b.reason, b.suppresses) for b in report.recipients]
    assert got == [
        ("bob@receiver.example", Reason.USER_UNKNOWN, True),
        ("carol@other.example", Reason.MAILBOX_FULL, False),
    ]


def test_an_exim_expiry_under_status_5_0_0_is_temporary() -> None:
    # Exim 4.96 writes Status 5.0.0 when its retry time runs out (retry.c: "retry timeout
    # exceeded"), quoting the last 4xx reply: an expiry, not a permanent failure.
    diagnostic = (
        "450 4.2.0 <alice@receiver.example>: Recipient address rejected: Greylisted, "
        "see http://postgrey.schweikert.ch/help/receiver.example.html: retry timeout exceeded"
    )
    (alice,) = parse(dsn(failed("alice@receiver.example", "5.0.0", diagnostic))).recipients
    assert (alice.reason, alice.party, alice.permanent) == (Reason.EXPIRED, Party.TRANSIENT, False)
    assert not alice.suppresses


def test_an_opensmtpd_expiry_in_a_delayed_wrapper_is_a_failure() -> None:
    # OpenSMTPD 6.8 (queue.c, IMSG_QUEUE_EXPIRE: "Envelope expired", the envelope deleted)
    # sends it with Action: delayed and Status 4.4.7: the copy is gone, so it is a failure.
    block = failed("alice@receiver.example", "4.4.7", action="delayed")
    del block["Remote-MTA"]
    notice = "alice@receiver.example: Envelope expired\n"
    report = parse(dsn(block, notice=notice))
    assert report.kind is Kind.FAILED
    (alice,) = report.recipients
    assert (alice.action, alice.reason, alice.permanent) == ("failed", Reason.EXPIRED, False)
    assert not alice.suppresses


def test_a_delay_warning_naming_a_timeout_stays_a_delay() -> None:
    # "Connection timed out" is in delay warnings too: only an MTA's own words for ending its
    # retries (the data files' gave_up entries) turn a delay report into a failure.
    diagnostic = "connect to mx.receiver.example[192.0.2.1]:25: Connection timed out"
    report = parse(dsn(failed("alice@receiver.example", "4.4.1", diagnostic, action="delayed")))
    assert report.kind is Kind.DELAYED


def test_an_exchange_delay_naming_several_recipients_is_a_delay_for_each() -> None:
    # Exchange 2010-2016's delay DSN as a plain copy (pastebin bAWb37W3; EveryCloud writes the
    # same words): its heading is over the whole list, and each recipient's own lines quote
    # only a 4xx. Before (main 312c364): two failures, "final-notice:4xx".
    body = (
        "Delivery is delayed to these recipients or groups:\n\n"
        "alice@receiver.example (alice@receiver.example)\n\n"
        "bob@receiver.example (bob@receiver.example)\n\n"
        "Subject: December offers\n\n"
        "This message hasn't been delivered yet. Delivery will continue to be attempted.\n\n"
        "Diagnostic information for administrators:\n\n"
        "alice@receiver.example\nRemote Server at mx.receiver.example (192.0.2.25) returned"
        " '421 4.4.0 Remote server response was not RFC conformant'\n\n"
        "bob@receiver.example\nRemote Server at mx.receiver.example (192.0.2.25) returned"
        " '421 4.4.0 Remote server response was not RFC conformant'\n"
    )
    report = parse(plain(body, sender="postmaster@ex.sender.example", subject="Offers"))
    assert report.kind is Kind.DELAYED
    assert [b.action for b in report.recipients] == ["delayed", "delayed"]
    assert not any(b.suppresses for b in report.recipients)


def test_a_delay_notice_naming_the_recipient_only_in_the_returned_headers_is_a_delay() -> None:
    # MailEnable's delay notice (pastebin pMTk7mji) names the destination's host and domain, and
    # the recipient only in the header block it returns after "Message headers follow:" and a
    # blank line. Before (main 312c364): unparsed.
    body = (
        "MailEnable: Message delivery has been delayed.\n\n"
        "Message is waiting at mail.sender.example for delivery to mx.receiver.example.\n\n"
        "The message will be retried for another 29 hours.\n\n"
        "The remote mail server returned the error:\n451 qq internal bug (#4.3.0)\n\n\n"
        "Message headers follow:\n\n"
        "Received: from localhost ([127.0.0.1]) by mail.sender.example\n"
        "From: news@sender.example\nTo: alice@receiver.example\nSubject: Offers\n"
    )
    report = parse(plain(body, sender="postmaster@mail.sender.example", subject="Offers"))
    assert report.kind is Kind.DELAYED
    (alice,) = report.recipients
    assert (alice.address, alice.action, alice.suppresses) == (
        "alice@receiver.example",
        "delayed",
        False,
    )


def test_an_exchange_final_notice_at_the_queues_end_stays_a_failure() -> None:
    # The control: Exchange 2016's final NDR (pastebin ZkW4nRAU) quotes a 4.4.7 and says
    # "temporarily offline": the writer stopped trying, so a failure, expired, not condemning.
    body = (
        "Delivery has failed to these recipients or groups:\n\n"
        "'alice@receiver.example' (alice@receiver.example)\n"
        "The server has tried to deliver this message, without success, and has stopped trying."
        " The recipient mail server may be temporarily offline or temporarily unable to accept"
        " messages. If the problem continues, contact your email admin.\n\n"
        "Diagnostic information for administrators:\n\n"
        "alice@receiver.example\nRemote Server returned '550 4.4.7 QUEUE.Expired; message"
        " expired'\n"
    )
    report = parse(plain(body, sender="postmaster@ex.sender.example", subject="Undeliverable"))
    assert report.kind is Kind.FAILED
    (alice,) = report.recipients
    assert (alice.reason, alice.status, alice.suppresses) == (Reason.EXPIRED, "4.4.7", False)


def test_mime_boilerplate_in_the_notice_is_not_a_reason() -> None:
    # A diagnostic that names no cause makes the parser read the notice around it; the word
    # "MIME" of "This is a MIME-encapsulated message" says nothing about the failure.
    notice = "This is a MIME-encapsulated message.\nDelivery to alice@receiver.example failed.\n"
    block = failed("alice@receiver.example", "5.0.0", "550 Frobnication refused")
    (alice,) = parse(dsn(block, notice=notice)).recipients
    assert alice.reason is not Reason.CONTENT_ERROR
    assert not alice.suppresses


def test_giving_up_on_a_temporarily_disabled_mailbox_condemns_no_one() -> None:
    # Exim's final notice after Zimbra's "450 4.2.1 Mailbox disabled" until expiry: Status
    # 5.0.0, but every refusal was temporary, so the address is not condemned.
    diagnostic = "450 4.2.1 Mailbox disabled, not accepting messages: retry timeout exceeded"
    (alice,) = parse(dsn(failed("alice@receiver.example", "5.0.0", diagnostic))).recipients
    assert (alice.reason, alice.permanent, alice.suppresses) == (Reason.SUSPEND, False, False)


def test_giving_up_on_a_bare_mailbox_status_is_expiry() -> None:
    # judge79 (composed/published39.py): Cyrus lmtpd's "451 4.2.1 Mailbox Moved" and "451
    # 4.2.0 Mailbox has an invalid format" (imap/lmtpengine.c) retried until the queue lifetime
    # ended: RFC 3463's generic mailbox statuses under class 4, with words no table knows, name
    # nothing lasting of the mailbox. Before: suspend (the recipient's) and filtered.
    report = parse(
        dsn(
            failed("alice@receiver.example", "4.2.1", "451 4.2.1 Mailbox Moved"),
            failed("bob@receiver.example", "4.2.0", "451 4.2.0 Mailbox has an invalid format"),
        )
    )
    assert [(b.reason, b.party, b.suppresses) for b in report.recipients] == [
        (Reason.EXPIRED, Party.TRANSIENT, False),
        (Reason.EXPIRED, Party.TRANSIENT, False),
    ]


def test_giving_up_on_a_mailbox_status_keeps_the_cause_its_words_name() -> None:
    # The same statuses where the words say why: the disabled mailbox (RFC 3463's own title
    # for X.2.1) and Gmail's rate limit keep their readings.
    report = parse(
        dsn(
            failed(
                "alice@receiver.example",
                "4.2.1",
                "450 4.2.1 Mailbox disabled, not accepting messages",
            ),
            failed(
                "bob@receiver.example",
                "4.2.1",
                "450 4.2.1 The user you are trying to contact is receiving mail at a rate that"
                " prevents additional messages from being delivered.",
            ),
        )
    )
    assert [(b.reason, b.suppresses) for b in report.recipients] == [
        (Reason.SUSPEND, False),
        (Reason.SPEEDING, False),
    ]


def test_a_reply_quoted_above_the_address_is_read() -> None:
    # Apache James's notice puts the remote's reply under a heading and the address further
    # down among the message details; the lines next to the address quote no reply.
    body = (
        "Error: Invalid user address\n\n"
        "Error message below:\n"
        "550 - Requested action not taken: no such user here\n\n"
        "Message details:\n"
        "  Subject: Newsletter\n"
        "  MAIL FROM: news@sender.example\n"
        "  RCPT TO: alice@receiver.example\n"
        "  Size (in bytes): 39\n"
    )
    report = parse(plain(body, subject="Undeliverable message"))
    (alice,) = report.recipients
    assert (alice.reason, alice.suppresses) == (Reason.USER_UNKNOWN, True)


def test_a_reply_of_its_own_is_not_overridden_by_the_notice_around_it() -> None:
    # A transcript line about another host ("Connection timed out") is not this refusal's
    # cause: the block quotes its own reply to MAIL FROM.
    body = (
        "   ----- Transcript of session follows -----\n"
        "While talking to mx.receiver.example:\n"
        ">>> MAIL From:<news@sender.example>\n"
        "<<< 550 Refused\n"
        "554 <alice@receiver.example>... Remote protocol error\n"
        "421 other.example (smtp)... Deferred: Connection timed out with other.example\n"
    )
    (alice,) = parse(plain(body, subject="Returned mail: Service unavailable")).recipients
    assert alice.reason is not Reason.EXPIRED
    assert not alice.suppresses


def _inline_fields(address: str, status: str, diagnostic: str) -> str:
    return (
        f"Final-Recipient: rfc822; {address}\nAction: failed\nStatus: {status}\n"
        f"Diagnostic-Code: smtp; {diagnostic}\n"
    )


def test_dsn_fields_in_the_returned_copy_are_not_the_notices() -> None:
    # judge91: a plain notice (Sendmail without MIME) returns our message inline after its
    # announcement; the DSN fields our message carries are about another delivery (RFC 3464
    # section 2: the returned message is the report's third part)
    copy = _inline_fields("old@elsewhere.example", "5.1.1", "550 5.1.1 User unknown")
    raw = plain(
        "----- The following addresses had permanent fatal errors -----\n"
        "<ours@receiver.example>\n    (reason: 554 5.7.1 Spam message rejected)\n\n"
        "   ----- Original message follows -----\n\n"
        "From: news@sender.example\nSubject: the report you asked for\n\n"
        f"{copy}"
    )
    (got,) = parse(raw).recipients
    assert (got.address, got.party, got.suppresses) == (
        "ours@receiver.example",
        Party.SENDER,
        False,
    )


def test_a_field_naming_the_original_is_no_announcement_of_its_copy() -> None:
    # "Original message ID: ..." names the original; the inline fields after it are the notice's
    own = _inline_fields("gone@receiver.example", "5.1.1", "550 5.1.1 User unknown")
    raw = plain(f"Your message could not be delivered.\n\nOriginal message ID: <m1@x>\n\n{own}")
    (got,) = parse(raw).recipients
    assert (got.address, got.reason, got.suppresses) == (
        "gone@receiver.example",
        Reason.USER_UNKNOWN,
        True,
    )
