"""Server software the shared sample does not hold: notices composed from their published texts.

Each case is a DSN written here around a reply text that the named source documents (the test
id names it); none is copied from a returned message. Each failed before its phrase entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_parser import Kind, Party, Reason, classify_reply, parse
from tests.bounce_parser.bounce_samples import dsn, failed, plain

R, P = Reason, Party
ALICE = "alice@receiver.example"
TREND = "trendmicro ddei 5.1 smtp error codes"

# test id (the source), status, diagnostic, reason, party
CASES = [
    ("cisco asyncos listenerconfig spf reject", "5.7.1",
     "550 #5.7.1 SPF unauthorized mail is prohibited.", R.AUTH_FAILURE, P.SENDER),
    ("haraka dsn.js bad_sender_ip", "5.7.1", "550 5.7.1 Bad sender IP", R.BLOCKED, P.SENDER),
    ("haraka dsn.js temp_resolver_failed", "4.0.0",
     "450 Temporary address resolution failure", R.NETWORK_ERROR, P.TRANSIENT),
    ("mimecast smtp error codes 421 sender address blocked", "4.0.0",
     "421 Sender address blocked", R.BLOCKED, P.SENDER),
    ("mimecast smtp error codes 550 anti-spoofing", "5.0.0",
     "550 Rejected by header based Anti-Spoofing policy", R.AUTH_FAILURE, P.SENDER),
    # A bare 521 is "host does not accept mail" (RFC 7504): without its entry this sender
    # block condemned the recipient's address.
    (TREND + " 521", "5.0.0", "521 Block permanently (Sender Filtering/Authentication)",
     R.BLOCKED, P.SENDER),
    (TREND + " 421", "4.0.0", "421 Block temporarily (Sender Filtering/Authentication)",
     R.BLOCKED, P.SENDER),
    (TREND + " 450 ers", "4.0.0",
     "450 Temporary denial of connection (450) for Zombie matches (ERS)",
     R.BAD_REPUTATION, P.SENDER),
]  # fmt: skip


# Zimbra's LMTP replies (zm-mailbox lmtpserver/LmtpReply.java): before, the first read as a
# recipient's filter (x.2.0), the second as nothing at all.
ZIMBRA = "zimbra LmtpReply.java"
CASES += [
    (ZIMBRA + " MAILBOX_NOT_ON_THIS_SERVER", "4.2.0", "450 4.2.0 Mailbox is not on this server",
     R.SYSTEM_ERROR, P.TRANSIENT),
    (ZIMBRA + " TEMPORARY_FAILURE", "4.0.0",
     "451 4.0.0 Temporary message delivery failure try again", R.SYSTEM_ERROR, P.TRANSIENT),
]  # fmt: skip


# OpenSMTPD's own words when it cannot reach the recipient's servers (usr.sbin/smtpd/mta.c,
# all TEMPFAIL): before its file, the first two and the last were undetermined, and under
# the 5.0.0 its notices carry they named nothing the relay could act on.
MTA_C = "opensmtpd mta.c"
CASES += [
    (MTA_C + " DNS_RETRY", "5.0.0", "Temporary failure in MX lookup", R.NETWORK_ERROR,
     P.TRANSIENT),
    (MTA_C + " DNS_ENOTFOUND", "4.0.0", "No MX found for domain", R.NETWORK_ERROR,
     P.TRANSIENT),
    (MTA_C + " CONNECTOR_ERROR_ROUTE_SMTP", "5.0.0", "Destination seem to reject all mails",
     R.NETWORK_ERROR, P.TRANSIENT),
    (MTA_C + " no valid route", "4.0.0", "No valid route to remote MX", R.NETWORK_ERROR,
     P.TRANSIENT),
    (MTA_C + " source address", "4.0.0", "Could not retrieve source address",
     R.SYSTEM_ERROR, P.TRANSIENT),
]  # fmt: skip


# Courier's ESMTP client's own words (courier/module.esmtp/libesmtp.c): undetermined before.
LIBESMTP = "courier libesmtp.c"
CASES += [
    (LIBESMTP + " connect_error", "4.0.0", "Connection closed by remote host",
     R.NETWORK_ERROR, P.TRANSIENT),
    (LIBESMTP + " ECONNRESET", "4.0.0", "Network connection shut down by the remote mail server",
     R.NETWORK_ERROR, P.TRANSIENT),
    (LIBESMTP + " unicode", "5.0.0",
     "553 Unable to deliver Unicode E-mail to a non-Unicode mail server.", R.CONTENT_ERROR,
     P.SENDER),
]  # fmt: skip


# Haraka 3.3.4 and its plugins as published on npm (package version and file in the id): each
# was undetermined, or read as the wrong side, before haraka.toml's entries.
HARAKA = "haraka 3.3.4 connection.js"
CASES += [
    (HARAKA + " connect default", "5.0.0", "554 Your mail is not welcome here", R.BLOCKED,
     P.SENDER),
    (HARAKA + " helo default", "5.0.0", "550 HELO denied", R.BLOCKED, P.SENDER),
    (HARAKA + " mail default", "5.0.0", "550 sender <news@shop.example> denied", R.REJECTED,
     P.SENDER),
    (HARAKA + " bare LF", "4.0.0", "451 Bare line-feed; see https://haraka.github.io/barelf/",
     R.NOT_COMPLIANT_RFC, P.SENDER),
    (HARAKA + " MIME parts", "5.0.0", "554 Transaction failed due to too many MIME parts",
     R.CONTENT_ERROR, P.SENDER),
    ("haraka 3.3.4 rcpt_to.host_list_base.js", "5.0.0",
     "550 Mail from domain 'shop.example' is not allowed from your host", R.REJECTED, P.SENDER),
    ("haraka 3.3.4 outbound/hmail.js temporary MX lookup error", "4.1.2",
     "Temporary MX lookup error for receiver.example", R.NETWORK_ERROR, P.TRANSIENT),
    ("haraka-plugin-access 1.4.0 conn", "5.0.0",
     "550 mta1.relay.example [192.0.2.1] You are not allowed to connect", R.BLOCKED, P.SENDER),
    ("haraka-plugin-access 1.4.0 any", "5.0.0", "550 You are not welcome here.", R.BLOCKED,
     P.SENDER),
    ("haraka-plugin-access 1.4.0 mail", "5.0.0",
     "550 <news@shop.example> That sender cannot send mail here", R.REJECTED, P.SENDER),
    ("haraka-plugin-access 1.4.0 domain", "5.0.0",
     "550 Email from that domain is not accepted here.", R.REJECTED, P.SENDER),
    ("haraka-plugin-relay 1.0.2", "5.0.0", "550 Mail for that recipient is not accepted here.",
     R.NO_RELAYING, P.SENDER),
    ("haraka-plugin-dns-list 1.3.0 backscatterer", "5.0.0",
     "550 Host mta1.relay.example [192.0.2.1] is listed by ips.backscatterer.org", R.BLOCKED,
     P.SENDER),
    # 5.7.27 with words about a domain that "does not send mail": our sender's null MX (RFC
    # 7505 section 4.2); the generic "null mx" entry had read it as the recipient's domain
    # accepting no mail, and suppressed the address.
    ("haraka-plugin-mail_from.is_resolvable 1.3.0 null MX", "5.7.27",
     "550 5.7.27 Null MX: shop.example does not send mail", R.REJECTED, P.SENDER),
    ("haraka-plugin-mail_from.is_resolvable 1.3.0 no MX", "5.0.0",
     "550 No valid MX for your FROM address", R.REJECTED, P.SENDER),
    ("haraka-plugin-mail_from.is_resolvable 1.3.0 resolver", "4.0.0",
     "450 Temp. resolver error (ETIMEOUT)", R.NETWORK_ERROR, P.TRANSIENT),
    ("haraka-plugin-headers 1.2.0 required", "5.0.0", "550 Required header 'Date' missing",
     R.NOT_COMPLIANT_RFC, P.SENDER),
    ("haraka-plugin-headers 1.2.0 date", "5.0.0", "550 The Date header is too far in the future",
     R.NOT_COMPLIANT_RFC, P.SENDER),
    ("haraka-plugin-headers 1.2.0 phish", "5.0.0",
     "550 Phishing message appears to impersonate paypal.com", R.SPAM_DETECTED, P.SENDER),
    ("haraka-plugin-limit 1.3.2 recipients", "4.0.0", "450 Too many recipient attempts",
     R.EXCEED_LIMIT, P.SENDER),
    ("haraka-plugin-greylist 1.2.1 backend", "4.7.0",
     "450 4.7.0 Backend failure. Please, retry later or contact our support.", R.SYSTEM_ERROR,
     P.TRANSIENT),
    ("haraka-plugin-karma 2.5.2", "5.0.0", "550 very bad karma score: -8", R.BAD_REPUTATION,
     P.SENDER),
    ("haraka-plugin-rspamd 1.6.1 timeout", "4.0.0", "450 Rspamd scan timeout", R.SYSTEM_ERROR,
     P.TRANSIENT),
    ("haraka-plugin-clamd 1.0.6 infected", "5.0.0",
     "550 Message is infected with Eicar-Test-Signature", R.VIRUS_DETECTED, P.SENDER),
    # The receiving system's scanner failing is no virus of ours (en_generic's "virus").
    ("haraka-plugin-clamd 1.0.6 scanner timeout", "4.0.0", "450 Virus scanner timed out",
     R.SYSTEM_ERROR, P.TRANSIENT),
    ("haraka-plugin-attachment 1.2.1", "5.0.0",
     "550 Message contains disallowed file extension (exe)", R.POLICY_VIOLATION, P.SENDER),
    ("haraka-plugin-early_talker 1.0.2", "5.0.0", "550 You talk too soon", R.BLOCKED, P.SENDER),
    ("haraka-plugin-helo.checks 1.1.3", "5.0.0", "550 HELO host has no forward DNS match",
     R.BLOCKED, P.SENDER),
    ("haraka-plugin-qmail-deliverable 1.4.0", "4.0.0",
     "450 Temporarily undeliverable: group/world writable", R.SYSTEM_ERROR, P.TRANSIENT),
]  # fmt: skip


# Mimecast's replies as bounce logs quote them (wordtothewise.com, suped.com, both pointing to
# Mimecast's SMTP error codes article) and Domino's sender control (IBM technote swg21212690):
# undetermined, or a generic policy reading, before mimecast.toml's and domino.toml's entries.
MIMECAST = "mimecast DOC-1369"
CASES += [
    (MIMECAST + " envelope blocked user entry", "5.0.0",
     "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550",
     R.FILTERED, P.SENDER),
    (MIMECAST + " manually blocked senders", "5.0.0",
     "550 Rejected by header based manually Blocked Senders: someone@elsewhere.example",
     R.FILTERED, P.SENDER),
    (MIMECAST + " security policies", "5.0.0",
     "554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554",
     R.POLICY_VIOLATION, P.SENDER),
    ("ibm technote swg21212690 domino mail from", "5.0.0",
     "554 Mail from news@shop.example rejected for policy reasons.", R.REJECTED, P.SENDER),
]  # fmt: skip


@pytest.mark.parametrize(
    ("status", "text", "reason", "party"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_documented_reply_of_unseen_software(
    status: str, text: str, reason: Reason, party: Party
) -> None:
    if status.startswith("5"):
        # The final notice that an MTA writes for the refusal.
        (bounce,) = parse(dsn(failed(ALICE, status, text))).recipients
        assert (bounce.reason, bounce.party, bounce.suppresses) == (reason, party, False)
    else:
        # A temporary refusal as the relay's send path reads it (a final notice quoting one
        # that names no cause is an expiry: see the test below).
        verdict = classify_reply(None, None, text)
        assert (verdict.reason, verdict.party, verdict.hard) == (reason, party, False)


def test_a_final_notice_quoting_only_a_4xx_reply_code_is_expiry() -> None:
    # No Status field, so the reply code is the class (RFC 5321 section 4.2.1): the MTA gave
    # up on a temporary refusal that names no cause of its own.
    block = {
        "Final-Recipient": f"rfc822; {ALICE}",
        "Action": "failed",
        "Diagnostic-Code": "smtp; 421 mx.receiver.example Service not available, "
        "closing transmission channel",
    }
    (bounce,) = parse(dsn(block)).recipients
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )


# status, diagnostic, reason, party, suppresses
DOMAIN_CASES = [
    # Microsoft's 5.4.310 wording without "DNS", under the catch-all 5.0.0: the domain is
    # named between the words, and a missing domain is the recipient's.
    pytest.param("5.0.0", "550 5.0.0 Domain nx.example does not exist",
                 R.HOST_UNKNOWN, P.RECIPIENT, True, id="domain-named-does-not-exist"),
    # The same words about our sender's domain never condemn the recipient.
    pytest.param("5.0.0", "550 Sender domain not found",
                 R.UNDEFINED, P.UNDETERMINED, False, id="sender-domain-not-found"),
    pytest.param("5.0.0", "550 Sender domain nx.example does not exist",
                 R.UNDEFINED, P.UNDETERMINED, False, id="sender-domain-named"),
    pytest.param("5.0.0", "550 Your domain nx.example does not exist",
                 R.UNDEFINED, P.UNDETERMINED, False, id="your-domain-named"),
    # postfix src/smtp/smtp_addr.c: the recipient domain's MX points back at the sender
    # (Postfix writes 5.4.6; a relay quoting it under its own catch-all status).
    pytest.param("5.0.0", "mail for example.net loops back to myself",
                 R.NETWORK_ERROR, P.TRANSIENT, False, id="postfix smtp_addr.c loop"),
]  # fmt: skip


@pytest.mark.parametrize(("status", "text", "reason", "party", "suppresses"), DOMAIN_CASES)
def test_a_domain_named_in_the_reply(
    status: str, text: str, reason: Reason, party: Party, suppresses: bool
) -> None:
    (bounce,) = parse(dsn(failed(ALICE, status, text))).recipients
    assert (bounce.reason, bounce.party, bounce.suppresses) == (reason, party, suppresses)


# A closed account is a dead address (SPEC: disabled or closed accounts are hard), the
# recipient's; the same words about the sending account are our side.
CLOSED_CASES = [
    pytest.param("5.0.0", "550 5.0.0 Mailbox has been closed", R.SUSPEND, P.RECIPIENT, True,
                 id="lycos-yahoo words generalised: mailbox closed"),
    pytest.param("5.0.0", "550 Account discontinued", R.SUSPEND, P.RECIPIENT, True,
                 id="lycos-yahoo words generalised: account discontinued"),
    pytest.param("5.0.0", "550 Your account has been closed for sending", R.REJECTED,
                 P.SENDER, False, id="the sending account closed"),
]  # fmt: skip


@pytest.mark.parametrize(("status", "text", "reason", "party", "suppresses"), CLOSED_CASES)
def test_a_closed_account(
    status: str, text: str, reason: Reason, party: Party, suppresses: bool
) -> None:
    (bounce,) = parse(dsn(failed(ALICE, status, text))).recipients
    assert (bounce.reason, bounce.party, bounce.suppresses) == (reason, party, suppresses)


def test_a_delay_report_saying_the_message_expired_is_a_final_expiry() -> None:
    # The notice's wrapper says delayed, its content that the queue lifetime ended (the words
    # closing Exchange's expiry NDRs, 5.4.300 "Message expired"): the copy was dropped.
    text = "Message expired: unable to deliver in 2880 minutes.<421 4.4.2 Connection timed out>"
    report = parse(dsn(failed(ALICE, "4.4.7", text, action="delayed")))
    (bounce,) = report.recipients
    assert report.kind is Kind.FAILED
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )


def opensmtpd_notice(recipient: str, reply: str, sender: str = "bounces+x1@shop.example") -> bytes:
    """OpenSMTPD's notice (bounce.c: its "Hi!" text, the recipient followed by the remote's
    reply, a delivery-status part with Status 5.0.0 and no Diagnostic-Code), which does not
    name the command the reply answered (mta_session.c ``mta_flush_task``)."""
    return (
        f"From: Mailer Daemon <MAILER-DAEMON@mx1.relay.example>\nTo: {sender}\n"
        "Subject: Delivery status notification: failed\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed;boundary="b1/mx1"\n\n'
        "--b1/mx1\nContent-Description: Notification\nContent-Type: text/plain\n\n"
        "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
        "    An error has occurred while attempting to deliver a message for\n"
        f"    the following list of recipients:\n\n{recipient}: {reply}\n\n"
        "    Below is a copy of the original message:\n\n"
        "--b1/mx1\nContent-Description: Delivery Report\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx1.relay.example\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.0.0\n\n"
        "--b1/mx1\nContent-Description: Message headers\nContent-Type: text/rfc822-headers\n\n"
        f"Return-Path: <{sender}>\nFrom: Shop <news@shop.example>\nTo: {recipient}\n"
        "Subject: News\n\n--b1/mx1--\n"
    ).encode()


@pytest.mark.parametrize(
    "reply",
    [
        # OpenSMTPD's RCPT wording (smtp_session.c "Invalid recipient") given to MAIL FROM:
        # the address it quotes is our envelope sender, so the refusal is of our sender.
        "550 Invalid recipient: <bounces+x1@shop.example>",
        "550 <bounces+x1@shop.example>: Invalid recipient",
        # the same reply quoting the author of the returned message (From:)
        "553 5.1.1 <news@shop.example>: Invalid recipient",
    ],
)
def test_a_reply_quoting_our_sender_answered_mail_from(reply: str) -> None:
    # RFC 5321 section 3.3: at MAIL FROM no recipient has been named; a notice that does not
    # say which command failed still names the address the reply refused.
    (bounce,) = parse(opensmtpd_notice("lena@receiver.example", reply)).recipients
    assert (bounce.party, bounce.hard) == (P.SENDER, False), bounce


def test_the_same_reply_quoting_the_recipient_is_an_unknown_user() -> None:
    reply = "550 Invalid recipient: <lena@receiver.example>"
    (bounce,) = parse(opensmtpd_notice("lena@receiver.example", reply)).recipients
    assert (bounce.reason, bounce.party, bounce.hard) == (R.USER_UNKNOWN, P.RECIPIENT, True)


def qmail_notice(step: str, reply: str) -> bytes:
    """qmail-send's notice (qmail-send.c) around one step of qmail-remote.c."""
    return plain(
        "Hi. This is the qmail-send program at mx1.relay.example.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        f"<lena@receiver.example>:\n{step}\nRemote host said: {reply}\n"
        "Giving up on 192.0.2.25.\n\n--- Below this line is a copy of the message.\n\n"
        "From: news@sender.example\nTo: lena@receiver.example\nSubject: News\n\nHello\n",
        subject="failure notice",
    )


# qmail-1.03 qmail-remote.c names the failed step in words of its own; before, none of them
# was read, so a refusal of our sender at MAIL FROM under a recipient-sounding reply
# ("Mailbox unavailable", "551 User not local") condemned the recipient's address.
@pytest.mark.parametrize(
    ("step", "reply", "party"),
    [
        ("Connected to 192.0.2.25 but sender was rejected.", "550 5.7.1 Mailbox unavailable",
         P.SENDER),
        ("Connected to 192.0.2.25 but sender was rejected.", "551 User not local", P.SENDER),
        ("Connected to 192.0.2.25 but my name was rejected.", "550 User unknown", P.SENDER),
        ("Connected to 192.0.2.25 but greeting failed.", "554 Mailbox unavailable", P.SENDER),
    ],
)  # fmt: skip
def test_qmail_remotes_own_words_name_the_step(step: str, reply: str, party: Party) -> None:
    (bounce,) = parse(qmail_notice(step, reply)).recipients
    assert (bounce.party, bounce.hard) == (party, False), bounce


def test_qmail_does_not_like_recipient_is_the_recipients() -> None:
    notice = qmail_notice("192.0.2.25 does not like recipient.", "550 5.7.1 Mailbox unavailable")
    (bounce,) = parse(notice).recipients
    assert (bounce.reason, bounce.hard) == (R.USER_UNKNOWN, True)


@pytest.mark.parametrize(
    ("line", "party", "hard"),
    [
        # Exim 4.9x with PIPELINING (transports/smtp.c: "after %s%s" with pl = "pipelined "):
        # the refusal of MAIL FROM was not read as one, so its recipient-sounding reply
        # condemned the recipient's address.
        ("SMTP error from remote mail server after pipelined MAIL FROM:<news@sender.example>"
         " SIZE=2345: 550 5.7.1 Mailbox unavailable", P.SENDER, False),
        ("SMTP error from remote mail server after pipelined RCPT TO:<lena@receiver.example>:"
         " 550 5.7.1 Mailbox unavailable", P.RECIPIENT, True),
    ],
)  # fmt: skip
def test_exims_pipelined_command_names_the_step(line: str, party: Party, hard: bool) -> None:
    notice = plain(
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        f"  lena@receiver.example\n    host mx.receiver.example [192.0.2.25]\n    {line}\n",
        subject="Mail delivery failed: returning message to sender",
    )
    (bounce,) = parse(notice).recipients
    assert (bounce.party, bounce.hard) == (party, hard), bounce


def test_hmailservers_quoted_command_names_the_step() -> None:
    # hMailServer SMTPClientConnection.cpp: "Error Type: SMTP / Remote server (%s) issued an
    # error. / hMailServer sent: %s / Remote server replied: %s", the command it had sent.
    notice = plain(
        "Your message did not reach some or all of the intended recipients.\n\n"
        "   Sent: Thu, 03 Dec 2026 09:14:05 +0000\n   Subject: News\n\n"
        "The following recipient(s) could not be reached:\n\n"
        "lena@receiver.example\n   Error Type: SMTP\n"
        "   Remote server (192.0.2.25) issued an error.\n"
        "   hMailServer sent: MAIL FROM:<news@sender.example>\n"
        "   Remote server replied: 550 5.7.1 Mailbox unavailable\n",
        subject="Message undeliverable: News",
    )
    (bounce,) = parse(notice).recipients
    assert (bounce.party, bounce.hard) == (P.SENDER, False), bounce


def test_courier_names_a_refused_greeting() -> None:
    # Courier's libesmtp.c logs a 5xx greeting as sent "(initial greeting)"; its notice prints
    # the exchange as ">>> (initial greeting)" / "<<< reply": the client, not the address.
    notice = plain(
        "This is a delivery status notification from mx1.relay.example,\n"
        "running the Courier mail server.\n\n"
        "The original message was received on Thu, 03 Dec 2026 09:14:05 +0000\n\n"
        "                        UNDELIVERABLE MAIL\n\n"
        "Your message to the following recipients cannot be delivered:\n\n"
        "<lena@receiver.example>:\n    mx.receiver.example [192.0.2.25]:\n"
        ">>> (initial greeting)\n<<< 554 5.7.1 Mailbox unavailable\n",
        subject="NOTICE: mail delivery status.",
    )
    (bounce,) = parse(notice).recipients
    assert (bounce.party, bounce.hard) == (P.SENDER, False), bounce


# Haraka's own notices (tests/bounce_parser/composed/, form "haraka-dsn"): when it gives up it
# writes "Too many failures (...)" and rewrites the Status class 4 to 5 (outbound/hmail.js
# convert_temp_failed_to_bounce). Before, the unreachable and the SERVFAIL domains were read
# as a dead domain (5.1.2) and an unknown user (5.1.0) and suppressed; the greylisted one
# (451 under 5.7.1) was a system error, not the expiry.
COMPOSED = Path(__file__).resolve().parent / "composed"


@pytest.mark.parametrize(
    "name",
    [
        "haraka-unreachable-until-expiry",
        "haraka-dns-servfail-until-expiry",
        "haraka-greylisted-until-expiry",
    ],
)
def test_haraka_gave_up(name: str) -> None:
    (bounce,) = parse((COMPOSED / f"{name}.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )


def test_haraka_dead_domain_still_suppresses() -> None:
    # Its own "No Such Domain" (NXDOMAIN, 5.1.2) names no giving up: the domain is gone.
    (bounce,) = parse((COMPOSED / "haraka-no-such-domain.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.HOST_UNKNOWN,
        Party.RECIPIENT,
        True,
    )
