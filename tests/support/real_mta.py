"""Returned messages written by real mail servers (Postfix, Exim, OpenSMTPD, Sendmail, dma,
nullmailer, Courier, Haraka) for failures scripted on a remote server, each labelled by
construction; and Postfix's notices for what a real Dovecot refuses over LMTP
(``lmtp.test``: an unknown user, a full mailbox; tests/support/lmtp.py), with Dovecot's own
words in them.

Every scenario is one message from ``bounces+<scenario>@sender.test`` to recipients at
``mx.test``, whose server (tests/support/scripted_mx.py) answers each recipient as the
scenario's script says; the MTA writes its notice to the envelope sender, whose domain is
routed to a capture server, so a notice belongs to the scenario whose sender it is addressed
to. Replies after which a server closes the session (421) come from a second scripted server
(``limits.test``), so that the MTA's wait before retrying that host touches no other
scenario; ``refused.test`` is routed to a port nothing listens on. Other domains are looked
up in DNS, where the only server there is answers NXDOMAIN
(``nxdomain.test``), SERVFAIL (``servfail.test``) or a null MX (``nullmx.test``, RFC 7505).

``generate(out)`` runs the whole bed in a private network and mount namespace
(``unshare --net --mount``, root only): its own loopback, where a DNS server can own port 53,
a resolv.conf pointing at it, the unpacked servers' users, libraries and compiled-in
directories, none of which touches the machine. It writes ``out/<mta>/<scenario>.eml`` and
``out/manifest.json`` in the shared corpus's format (read by
/work/shared/tools/score_bounces.py) plus ``runs`` (the notices each scenario produced),
``unavailable`` (the MTAs left out, and why) and, per recipient, the ``permanent`` bit.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, Protocol

import aiosmtplib

from tests.support import (
    chasquid,
    courier,
    dma,
    exim,
    haraka,
    lmtp,
    nullmailer,
    opensmtpd,
    postfix,
    sendmail,
    unpacked,
)
from tests.support.bed import (
    bed_message,
    label,
    namespace_tools_missing,
    notice_name,
    run_in_namespaces,
    submit,
    wait_for_notices,
    write_manifest,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.scripted_mx import RefusingGreeter, Script, ScriptedMx, SilentServer

SENDER_DOMAIN = "sender.test"
MX_DOMAIN = "mx.test"
NXDOMAIN = "nxdomain.test"
SERVFAIL = "servfail.test"
NULL_MX = "nullmx.test"
LIMITS_DOMAIN = "limits.test"  # a second scripted server, for replies that close a session
REFUSED_DOMAIN = "refused.test"  # routed to a port nothing listens on
GREETING_DOMAIN = "greeting.test"  # routed to a server that refuses every session at once
SILENT_DOMAIN = "silent.test"  # routed to a server that takes the connection and never answers
# How long an MTA waits for that server's greeting (and for a connection), where it can be set
# for the one route; the RFC 5321 default, 5 minutes, is far past the bed's queue lifetime.
GREETING_TIMEOUT = "2s"
SENDMAIL_GREETING_TIMEOUT = "5s"
# RFC 5321 section 4.2.3 (421: the service is not available, the channel is closed); the
# greeting form of section 3.1.
GREETING_REFUSAL = f"421 {GREETING_DOMAIN} Service not available, closing transmission channel"
MTAS = (
    "postfix",
    "exim",
    "opensmtpd",
    "sendmail",
    "sendmail_enhanced",
    "dma",
    "nullmailer",
    "courier",
    "haraka",
    "chasquid",
)
# Sendmail twice: once with remote servers that do not announce ENHANCEDSTATUSCODES (RFC 2034),
# as Exim and Courier do not, where it writes its own status for their replies (5.1.1 for any
# 550 at RCPT, usersmtp.c), and once with servers that do, as Gmail's and Microsoft's do.
ANNOUNCING = frozenset({"sendmail_enhanced"})
# dma writes one notice per failed recipient (each recipient is a queue item of its own,
# dma.c deliver(), bounce.c), where the others write one per message.
ONE_PER_RECIPIENT = frozenset({"dma"})
# dma and nullmailer take a message on their command line or queue input, with no DSN options.
# The courier bed's front is told each scenario's NOTIFY instead (tests/support/courier.py).
# Haraka's server announces no DSN extension and keeps no NOTIFY (tests/support/haraka.py).
# chasquid 1.11 announces no DSN extension either (smtpsrv/conn.go EHLO).
NO_DSN_OPTIONS = frozenset({"dma", "nullmailer", "courier", "haraka", "chasquid"})
QUEUE_LIFETIME = 8  # seconds until a message that is only ever deferred is returned
DELAY_WARNING = 2  # seconds in the queue before a delay warning
DEFER_THEN_ACCEPT = 4.5  # the delay scenario's recipient is accepted after that many seconds
DEADLINE = 60.0  # seconds to wait for every notice
GRACE = 2.0  # seconds more, to see a notice that should not come


@dataclass(frozen=True)
class Expected:
    """A recipient the notice must report as failed: whether the failure is permanent (by the
    product's verdict, SPEC: a full mailbox is temporary whatever the reply's class), whether
    it condemns the address (permanent and the recipient's side), the reasons that are right
    (the first is the label), and the status and reply code of the remote server's refusal
    (none where the MTA itself gave up: an expiry, a domain that does not exist; an expiry's
    status is the MTA's, ``stated_status``)."""

    address: str
    permanent: bool
    suppress: bool
    reasons: tuple[str, ...]
    status: str = ""
    reply_code: str = ""
    # Refused only temporarily until the queue lifetime ended (None: failed at an attempt):
    # the status of the last attempt, the scripted reply's own or, where there was no enhanced
    # code to copy (``replied`` False), the one Postfix 3.7 writes for it (as the bed shows):
    # 4.4.3 for a name server failure, 4.4.1 for a refused connection, 4.4.2 for a
    # conversation that timed out, the reply's class with .0.0 for a 421 greeting without an
    # enhanced code.
    last_attempt: str | None = None
    replied: bool = True


# The status of an expiry (docs/bounces.md): the last reply's code where the notice quotes
# one, else the Status field the MTA writes for a recipient it gave up on when the queue
# lifetime ended: Sendmail 4.4.7 for every undelivered recipient (envelope.c
# dropenvelope()), OpenSMTPD 4.4.7 with its "Envelope expired", Exim 5.0.0 for every failed
# address (deliver.c); Postfix's Status field is the last attempt's status
# (Expected.last_attempt), and dma writes no DSN, so no status at all.
EXPIRY_STATUS = {
    "sendmail": "4.4.7",
    "sendmail_enhanced": "4.4.7",
    "opensmtpd": "4.4.7",
    "exim": "5.0.0",
    "courier": "5.0.0",  # Courier 1.0.16 as the bed shows: 5.0.0 for every failed recipient
    # chasquid 1.11: 4.0.0 for a recipient still pending when it gave up (queue/dsn.go's
    # template), with its last error in Diagnostic-Code
    "chasquid": "4.0.0",
}
# The MTAs whose final notice quotes the last reply (Diagnostic-Code or transcript);
# OpenSMTPD's says only "Envelope expired".
# Haraka's quotes it in Diagnostic-Code; where there was no reply (a refused or silent port, a
# failed lookup) its Status is its own code for the cause (5.1.2 "Tried all MXs", 5.1.0 "DNS
# lookup failure", outbound/hmail.js), not an expiry's, so the bed asks for none.
QUOTES_LAST_REPLY = frozenset(
    {"sendmail", "sendmail_enhanced", "exim", "nullmailer", "courier", "haraka", "chasquid"}
)


def stated_status(mta: str, expected: Expected) -> str:
    """The status ``mta``'s notice gives for ``expected`` by the relay's rule: the remote's
    own code where the MTA only copies or translates it; for an expiry the last reply's code
    where the notice quotes it, else the MTA's Status field; "" where not known."""
    if expected.last_attempt is None:
        return expected.status
    if mta == "postfix" or (expected.replied and mta in QUOTES_LAST_REPLY):
        return expected.last_attempt
    return EXPIRY_STATUS.get(mta, "")


@dataclass(frozen=True)
class Scenario:
    """One message: each recipient's script, the failures its notice must list, the DSN
    NOTIFY parameter on every RCPT; ``bounce`` False: the notice is a delay warning."""

    name: str
    scripts: dict[str, Script]
    failed: tuple[Expected, ...]
    notify: str = "FAILURE"
    bounce: bool = True
    data: bool = False  # refused after DATA (the reply of the first scripted recipient)
    mail: str | None = None  # the reply to MAIL FROM (None: accepted)
    delivered: tuple[str, ...] = ()  # recipients the remote server must end up accepting
    not_on: dict[str, str] = field(default_factory=dict)  # MTA: why it cannot be arranged there
    # MTA: the failures its notice lists instead, where the MTA itself makes them differ
    failed_on: dict[str, tuple[Expected, ...]] = field(default_factory=dict)

    def runs_on(self, mta: str) -> bool:
        return mta not in self.not_on

    def failed_for(self, mta: str) -> tuple[Expected, ...]:
        return self.failed_on.get(mta, self.failed)


# A full mailbox is a soft (temporary) bounce by the SPEC ("Soft (temporary) bounce: mailbox
# full") and RFC 3463 X.2.2 ("useful only as a persistent transient error"), even when the
# server answers 552/554 (RFC 5321 section 4.5.3.1.10 lets 552 stand for a temporary overflow).
FULL_IS_TEMPORARY = False


def _mx(local: str) -> str:
    return f"{local}@{MX_DOMAIN}"


def _reply(code: str, status: str, *lines: str) -> str:
    """A multi-line SMTP reply with the code and status on every line, as Gmail writes them."""
    head = [f"{code}-{status} {line}" for line in lines[:-1]]
    return "\r\n".join([*head, f"{code} {status} {lines[-1]}"])


# Replies quoted from their sources: Postfix's smtpd (smtpd_check.c "User unknown in ...
# table", "Recipient address rejected"), Google's "SMTP error reference" (support.google.com/
# a/answer/3726730), postgrey's default greylisting text.
GMAIL_NO_SUCH_USER = _reply(
    "550", "5.1.1",
    "The email account that you tried to reach does not exist. Please try",
    "double-checking the recipient's email address for typos or",
    "unnecessary spaces. Learn more at",
    " https://support.google.com/mail/?p=NoSuchUser",
)  # fmt: skip
GMAIL_DISABLED = _reply(
    "550", "5.2.1",
    "The email account that you tried to reach is disabled. Learn more at",
    " https://support.google.com/mail/?p=DisabledUser",
)  # fmt: skip
GMAIL_FULL = _reply(
    "552", "5.2.2",
    "The recipient's inbox is out of storage space. Please direct the",
    "recipient to",
    " https://support.google.com/mail/?p=OverQuotaPerm",
)  # fmt: skip
GMAIL_FULL_TEMP = _reply(
    "452", "4.2.2",
    "The recipient's inbox is out of storage space.",
    "Please direct the recipient to",
    " https://support.google.com/mail/?p=OverQuotaTemp",
)  # fmt: skip
GMAIL_TOO_BIG = _reply(
    "552", "5.3.4",
    "Your message exceeded Google's message size limits. Please visit",
    " https://support.google.com/mail/?p=MaxSizeError to view our size guidelines.",
)  # fmt: skip
GMAIL_SPAM = _reply(
    "550", "5.7.1",
    "[127.0.0.1] Our system has detected that this message is likely",
    "unsolicited mail. To reduce the amount of spam sent to Gmail, this message",
    "has been blocked. Please visit",
    " https://support.google.com/mail/?p=UnsolicitedMessageError for more information.",
)  # fmt: skip
GMAIL_DMARC = _reply(
    "550", "5.7.26",
    f"Unauthenticated email from {SENDER_DOMAIN} is not accepted due to domain's",
    f"DMARC policy. Please contact the administrator of {SENDER_DOMAIN} domain if",
    "this was a legitimate mail. Please visit",
    " https://support.google.com/mail/answer/2451690 to learn about the DMARC initiative.",
)  # fmt: skip


# Postfix's smtpd_check.c (reject_rbl_client, with Spamhaus's TXT record as the reason).
BLOCKLISTED = (
    "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/query/ip/127.0.0.1"
)
# Microsoft Learn, "Fix email delivery issues for error code 550 5.1.10 in Exchange Online".
EXCHANGE_ONLINE_NOT_FOUND = (
    "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
)
# Microsoft Learn, "Fix email delivery issues for error code 5.1.1 in Exchange Online".
EXCHANGE_ONLINE_RECIP_NOT_FOUND = "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
# Microsoft Learn, Exchange Online NDRs 5.7.606-5.7.649 (an IP on Microsoft's block list).
EXCHANGE_ONLINE_BANNED_IP = (
    "550 5.7.606 Access denied, banned sending IP [127.0.0.1]. To request removal from this "
    "list please visit https://sender.office.com/ and follow the directions."
)
# Zimbra's LMTP server (zm-mailbox lmtpserver/LmtpReply.java): NO_SUCH_USER and
# MAILBOX_DISABLED, a disabled mailbox being a temporary refusal there.
ZIMBRA_NO_SUCH_USER = "550 5.1.1 No such user here"
ZIMBRA_DISABLED = "450 4.2.1 Mailbox disabled, not accepting messages"


def _courier_unknown(local: str) -> str:
    """Courier's SMTP server on an unknown local recipient (the reply fail2ban's
    courier-smtp filter matches), with no enhanced status code."""
    return f"550 User <{_mx(local)}> unknown."


def _yahoo(local: str, problem: str) -> str:
    """Yahoo's replies after DATA, with no enhanced status (help.yahoo.com, "Email sent to
    Yahoo Mail addresses is rejected")."""
    server = "mta1220.mail.bf1.yahoo.com"
    return f"554 delivery error: dd {problem.format(address=_mx(local))} [0] - {server}"


def _postfix_unknown(local: str, table: str) -> str:
    return f"550 5.1.1 <{_mx(local)}>: Recipient address rejected: User unknown in {table} table"


def _postgrey(local: str) -> str:
    return (
        f"450 4.2.0 <{_mx(local)}>: Recipient address rejected: Greylisted, "
        f"see http://postgrey.schweikert.ch/help/{MX_DOMAIN}.html"
    )


# What a relay meets beyond an unknown user: refusals of the sender (never the recipient's
# fault, whatever words they use), at MAIL FROM, at RCPT and after DATA; rate limits and a
# closed port until the queue lifetime ends; providers' unknown-user texts. Each reply is
# quoted from the source named above it; the label comes from what the script does.


# Postfix smtpd_check.c, reject_unauth_destination (relay_domains_reject_code 554).
def _relay_denied(local: str) -> str:
    return f"554 5.7.1 <{_mx(local)}>: Relay access denied"


def _spf_fail_exim(scenario: str) -> str:
    """Debian's Exim configuration (exim4-config, 30_exim4-config_check_rcpt, CHECK_RCPT_SPF),
    expanded for the bed's sender: Exim's default 550, no enhanced status code."""
    return (
        f"550 [SPF] 127.0.0.1 is not allowed to send mail from {SENDER_DOMAIN}.  Please see "
        f"http://www.openspf.org/Why?scope=mfrom;identity={sender_of(scenario)};ip=127.0.0.1"
    )


# Yahoo, senders.yahooinc.com "SMTP Error Codes" (5.7.9: unauthenticated sender).
YAHOO_UNAUTHENTICATED = (
    "550 5.7.9 This mail has been blocked because the sender is unauthenticated. "
    "Yahoo requires all senders to authenticate with either SPF or DKIM."
)
# Yahoo, the same page (TSS04: a volume or complaints deferral of the sending IP).
YAHOO_DEFERRED = (
    "421 4.7.0 [TSS04] Messages from 127.0.0.1 temporarily deferred due to unexpected volume "
    "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"
)
# Outlook.com's block list of sending networks (S3150), answered to MAIL FROM; Microsoft's
# own text, pointing at mail.live.com/mail/troubleshooting.aspx.
OUTLOOK_BLOCKLIST = (
    "550 5.7.1 Unfortunately, messages from [127.0.0.1] weren't sent. Please contact your "
    "Internet service provider since part of their network is on our block list (S3150). "
    "You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. "
    "[DB3EUR04FT007.eop-eur04.prod.protection.outlook.com]"
)
# RFC 4954 section 6 (AUTH required by the server's policy).
AUTH_REQUIRED = "530 5.7.0 Authentication required"
# RFC 3207 section 4 (the text), with the status Postfix's smtpd.c gives it.
TLS_REQUIRED = "530 5.7.0 Must issue a STARTTLS command first"


def _sender_unknown(scenario: str) -> str:
    """Postfix smtpd_check.c, reject_unlisted_sender (smtpd_delay_reject = no: at MAIL FROM):
    the sender's address is unknown to the remote site, a recipient's word about the sender."""
    return (
        f"550 5.1.0 <{sender_of(scenario)}>: Sender address rejected: "
        "User unknown in local recipient table"
    )


def _sender_domain_unknown(scenario: str) -> str:
    """Postfix smtpd_check.c, reject_unknown_sender_domain with unknown_address_reject_code
    550 (RFC 3463 X.1.8, bad sender's system address)."""
    return f"550 5.1.8 <{sender_of(scenario)}>: Sender address rejected: Domain not found"


# Google's "SMTP error reference" (support.google.com/a/answer/3726730): 550 5.7.1 policy,
# 421 4.7.28 rate limit.
GMAIL_POLICY = _reply(
    "550", "5.7.1",
    "The user or domain that you are sending to (or from) has a policy that",
    "prohibited the mail that you sent. Please contact your domain",
    "administrator for further details.",
)  # fmt: skip
GMAIL_RATE_LIMITED = _reply(
    "421", "4.7.28",
    "[127.0.0.1] Our system has detected an unusual rate of",
    "unsolicited mail originating from your IP address. To protect our",
    "users from spam, mail sent from your IP address has been temporarily",
    "rate limited. Please visit",
    " https://support.google.com/mail/?p=UnsolicitedRateLimitError to",
    "review our Bulk Email Senders Guidelines.",
)  # fmt: skip
# Microsoft Learn, Exchange Online NDRs 4.7.650-4.7.699 (the sending IP rate limited for
# its reputation), with Outlook.com's (S775) suffix.
OUTLOOK_RATE_LIMITED = (
    "451 4.7.650 The mail server [127.0.0.1] has been temporarily rate limited due to IP "
    "reputation. For e-mail delivery information, see https://postmaster.live.com (S775)"
)
# GMX's deactivated account (sitepackage.de's list of GMX/WEB.DE replies: 550 5.2.1).
GMX_INACTIVE = "550 5.2.1 user is inactive"


def _sender_verify_failed(scenario: str) -> str:
    """Exim's refusal of a sender its callout could not verify (acl.c "Sender verify
    failed", verify.c's "Verification failed for" and the router's "Unrouteable address"):
    words about a domain that does not route, said of our sender."""
    lines = (f"Verification failed for <{sender_of(scenario)}>", "Unrouteable address")
    return "".join(f"550-{line}\r\n" for line in lines) + "550 Sender verify failed"


def _access_denied(local: str) -> str:
    """Postfix smtpd_check.c, check_recipient_access with REJECT (access_map_reject_code
    554): the remote site's own table refuses this recipient, which says nothing of the
    mailbox."""
    return f"554 5.7.1 <{_mx(local)}>: Recipient address rejected: Access denied"


# Yahoo, senders.yahooinc.com "SMTP Error Codes" (TSS09: the sending IP is refused for good,
# in words that say "deferred").
YAHOO_PERMANENTLY_DEFERRED = (
    "553 5.7.2 [TSS09] All messages from 127.0.0.1 will be permanently deferred; "
    "Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes"
)
# Exchange's refusal of a sender a recipient does not take mail from (its AckReason
# RecipientPermissionRestricted; Microsoft Learn, "Fix email delivery issues for error code
# 5.7.1 in Exchange Online"): the RESOLVER prefix of its unknown-user replies, about the sender.
EXCHANGE_NOT_AUTHORIZED = "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized"
# Yandex's unknown user under a policy status (yandex.com/support/mail/bounces/yandex.html,
# "No such user"; the reply as its servers write it: 550 5.7.1 No such user!).
YANDEX_NO_SUCH_USER = "550 5.7.1 No such user!"


def _unverified(local: str) -> str:
    """Postfix smtpd_check.c, reject_unverified_recipient while the probe's answer is not
    final (unverified_recipient_defer_code 450): the remote's "User unknown" quoted inside a
    temporary refusal, retried until the queue lifetime ends."""
    return (
        f"450 4.1.1 <{_mx(local)}>: Recipient address rejected: unverified address: "
        f"host backend.{MX_DOMAIN}[192.0.2.25] said: 550 5.1.1 <{_mx(local)}>: "
        "Recipient address rejected: User unknown (in reply to RCPT TO command)"
    )


# RFC 5321 section 4.5.3.1.10 (452 for too many recipients; the client sends the rest in
# another transaction), RFC 3463 X.5.3.
TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"


def _icloud_unknown(local: str) -> str:
    """Apple iCloud Mail's unknown user (smtp.codes/icloud)."""
    return f"550 5.1.1 <{_mx(local)}>: user does not exist"


# Orange's bilingual unknown recipient, OFR_416 (bentonow.com/smtp-errors/orange, OFR codes).
ORANGE_UNKNOWN = (
    "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]"
)


def _mailru_unknown(local: str) -> str:
    """Mail.ru's unknown user, answered after the message data (help.mail.ru/mail/error)."""
    return (
        "550 Message was not accepted -- invalid mailbox.  "
        f"Local mailbox {_mx(local)} is unavailable: user not found"
    )


def _limits(local: str) -> str:
    return f"{local}@{LIMITS_DOMAIN}"


def _relay_scenarios() -> tuple[Scenario, ...]:
    """Refusals of the sender, rate limits and a closed port until expiry, providers' texts."""
    unknown = ("user_unknown",)
    sender_side = {
        "relay_denied": (("no_relaying",), "5.7.1", "554"),
        "spf_fail_exim": (("auth_failure",), "", "550"),
        "unauthenticated_yahoo": (("auth_failure",), "5.7.9", "550"),
        "policy_gmail": (("policy_violation", "blocked", "filtered"), "5.7.1", "550"),
        "blocklisted_at_mail": (("blocked", "bad_reputation"), "5.7.1", "550"),
        "auth_required": (("security_error", "auth_failure"), "5.7.0", "530"),
        "tls_required": (("security_error",), "5.7.0", "530"),
        "sender_unknown": (("rejected",), "5.1.0", "550"),
        "sender_domain_unknown": (("rejected",), "5.1.8", "550"),
        "sender_verify_failed_exim": (("rejected",), "", "550"),
        "not_authorized_exchange": (
            ("policy_violation", "security_error", "rejected", "blocked"),
            "5.7.1",
            "550",
        ),
        "permanently_deferred_yahoo": (("blocked", "bad_reputation"), "5.7.2", "553"),
        "recipient_access_denied": (
            ("policy_violation", "rejected", "blocked", "filtered", "security_error"),
            "5.7.1",
            "554",
        ),
    }

    def refused(name: str, local: str, **how: Any) -> Scenario:
        reasons, status, code = sender_side[name]
        expected = Expected(_mx(local), True, False, reasons, status, code)
        return Scenario(name, {_mx(local): Script(**how.pop("script", {}))}, (expected,), **how)

    until_expiry = ("expired", "speeding", "too_many_conn", "bad_reputation", "blocked")
    return (
        refused("relay_denied", "elsewhere", script={"rcpt": _relay_denied("elsewhere")}),
        refused("spf_fail_exim", "checker", script={"rcpt": _spf_fail_exim("spf_fail_exim")}),
        refused(
            "unauthenticated_yahoo",
            "authonly",
            script={"data": YAHOO_UNAUTHENTICATED},
            data=True,
        ),
        refused("policy_gmail", "managed", script={"data": GMAIL_POLICY}, data=True),
        refused("blocklisted_at_mail", "hotmailer", mail=OUTLOOK_BLOCKLIST),
        refused("auth_required", "members", mail=AUTH_REQUIRED),
        refused("tls_required", "tlsonly", mail=TLS_REQUIRED),
        refused("sender_unknown", "listed", mail=_sender_unknown("sender_unknown")),
        refused(
            "sender_domain_unknown",
            "checked",
            mail=_sender_domain_unknown("sender_domain_unknown"),
        ),
        refused(
            "sender_verify_failed_exim",
            "verifier",
            script={"rcpt": _sender_verify_failed("sender_verify_failed_exim")},
        ),
        refused("recipient_access_denied", "tabled", script={"rcpt": _access_denied("tabled")}),
        Scenario(
            "rate_limited_outlook_until_expiry",
            {_mx("throttled"): Script(rcpt=OUTLOOK_RATE_LIMITED)},
            (Expected(_mx("throttled"), False, False, until_expiry, last_attempt="4.7.650"),),
        ),
        refused("not_authorized_exchange", "restricted", script={"rcpt": EXCHANGE_NOT_AUTHORIZED}),
        Scenario(
            # Six recipients, five refusals of four kinds and both parties, one delivery; an
            # address with upper case and a +tag: each keeps its own verdict in one notice.
            "mixed_many",
            {
                _mx("Former.Staff+news"): Script(rcpt=EXCHANGE_ONLINE_NOT_FOUND),
                _mx("sleeper"): Script(rcpt=GMX_INACTIVE),
                _mx("brimming"): Script(rcpt=GMAIL_FULL),
                _mx("gatekept"): Script(rcpt=EXCHANGE_NOT_AUTHORIZED),
                _mx("welcome"): Script(),
                _mx("roamer"): Script(rcpt=_icloud_unknown("roamer")),
            },
            (
                Expected(_mx("former.staff+news"), True, True, unknown, "5.1.10", "550"),
                Expected(_mx("sleeper"), True, True, ("suspend", "user_unknown"), "5.2.1", "550"),
                Expected(
                    _mx("brimming"), FULL_IS_TEMPORARY, False, ("mailbox_full",), "5.2.2", "552"
                ),
                Expected(
                    _mx("gatekept"),
                    True,
                    False,
                    ("policy_violation", "security_error", "rejected", "blocked"),
                    "5.7.1",
                    "550",
                ),
                Expected(_mx("roamer"), True, True, unknown, "5.1.1", "550"),
            ),
            delivered=(_mx("welcome"),),
        ),
        refused("permanently_deferred_yahoo", "yahooer", mail=YAHOO_PERMANENTLY_DEFERRED),
        Scenario(
            "user_unknown_yandex_5_7_1",
            {_mx("netu"): Script(rcpt=YANDEX_NO_SUCH_USER)},
            (Expected(_mx("netu"), True, True, unknown, "5.7.1", "550"),),
        ),
        Scenario(
            # "User unknown" inside a 4xx: the remote never said it for good, so the address
            # is not condemned when the queue lifetime ends.
            "unverified_until_expiry",
            {_mx("unproven"): Script(rcpt=_unverified("unproven"))},
            (
                Expected(
                    _mx("unproven"), False, False, ("expired", "user_unknown"), last_attempt="4.1.1"
                ),
            ),
        ),
        Scenario(
            "refused_at_greeting_until_expiry",
            {f"someone@{GREETING_DOMAIN}": Script()},
            (
                Expected(
                    f"someone@{GREETING_DOMAIN}",
                    False,
                    False,
                    ("expired", "network_error", "system_error", "too_many_conn"),
                    last_attempt="4.0.0",
                    replied=False,
                ),
            ),
            not_on={
                "opensmtpd": "OpenSMTPD 6.8 keeps retrying a host that refuses its sessions past "
                "its queue lifetime (no notice within the bed's minute), as for a refused port"
            },
        ),
        Scenario(
            "inactive_gmx",
            {_mx("dormant"): Script(rcpt=GMX_INACTIVE)},
            (Expected(_mx("dormant"), True, True, ("suspend", "user_unknown"), "5.2.1", "550"),),
        ),
        Scenario(
            "rate_limited_until_expiry",
            {_limits("popular"): Script(rcpt=GMAIL_RATE_LIMITED)},
            (Expected(_limits("popular"), False, False, until_expiry, last_attempt="4.7.28"),),
        ),
        Scenario(
            "deferred_at_mail_until_expiry",
            {_limits("busy"): Script()},
            (Expected(_limits("busy"), False, False, until_expiry, last_attempt="4.7.0"),),
            mail=YAHOO_DEFERRED,
        ),
        Scenario(
            "connection_refused_until_expiry",
            {f"someone@{REFUSED_DOMAIN}": Script()},
            (
                Expected(
                    f"someone@{REFUSED_DOMAIN}",
                    False,
                    False,
                    ("expired", "network_error", "system_error"),
                    last_attempt="4.4.1",
                    replied=False,
                ),
            ),
            not_on={
                "opensmtpd": "OpenSMTPD 6.8 keeps retrying a refused connection past its queue "
                "lifetime (no notice within the bed's minute), so its expiry cannot be arranged"
            },
        ),
        Scenario(
            # The server takes the connection and never greets: each attempt ends in the
            # MTA's greeting timeout (GREETING_TIMEOUT, set for this route only), until the
            # queue lifetime ends. Never the recipient's fault.
            "silent_until_expiry",
            {f"someone@{SILENT_DOMAIN}": Script()},
            (
                Expected(
                    f"someone@{SILENT_DOMAIN}",
                    False,
                    False,
                    ("expired", "network_error", "system_error"),
                    last_attempt="4.4.2",
                    replied=False,
                ),
            ),
            not_on={
                "opensmtpd": "OpenSMTPD 6.8's SMTP client timeout is compiled in (mta_session.c, "
                "io_set_timeout 300000 ms), far past the bed's queue lifetime",
            },
        ),
        Scenario(
            "user_unknown_icloud",
            {_mx("retired"): Script(rcpt=_icloud_unknown("retired"))},
            (Expected(_mx("retired"), True, True, unknown, "5.1.1", "550"),),
        ),
        Scenario(
            "user_unknown_orange",
            {_mx("ancien"): Script(rcpt=ORANGE_UNKNOWN)},
            (Expected(_mx("ancien"), True, True, unknown, "5.1.1", "550"),),
        ),
        Scenario(
            "user_unknown_mailru_after_data",
            {_mx("byvshiy"): Script(data=_mailru_unknown("byvshiy"))},
            (Expected(_mx("byvshiy"), True, True, unknown, "", "550"),),
            data=True,
        ),
        Scenario(
            # The server takes fewer recipients than were sent: the one it refuses with 452
            # is sent again and delivered; the notice lists only the unknown user.
            "too_many_recipients",
            {
                _mx("first"): Script(),
                _mx("second"): Script(rcpt=TOO_MANY_RECIPIENTS, times=1),
                _mx("vanished"): Script(rcpt=_postfix_unknown("vanished", "virtual mailbox")),
            },
            (Expected(_mx("vanished"), True, True, unknown, "5.1.1", "550"),),
            delivered=(_mx("first"), _mx("second")),
            not_on={
                "opensmtpd": "OpenSMTPD 6.8 retries a deferred recipient only after minutes, "
                "so the refused one expires (a second notice) before it is sent again"
            },
        ),
    )


def _lmtp(local: str) -> str:
    return f"{local}@{lmtp.DOMAIN}"


def _behind_postfix() -> dict[str, str]:
    """Where the Dovecot scenarios cannot run: only Postfix has Dovecot behind it (one
    Dovecot for the bed keeps its time small), and only where Dovecot's LMTP is installed."""
    why = "Dovecot's LMTP server is put behind Postfix only (one instance keeps the bed short)"
    found = {mta: why for mta in MTAS if mta != "postfix"}
    missing = lmtp.missing()
    return found if missing is None else {**found, "postfix": missing}


def _dovecot_scenarios() -> tuple[Scenario, ...]:
    """Dovecot 2.3's LMTP replies, quoted by Postfix: an unknown user at RCPT (``550 5.1.1
    <a> User doesn't exist: a``), a full mailbox after DATA (``552 5.2.2 <a> Quota exceeded
    (mailbox for user is full)``), both with a delivered neighbour in one notice. The labels
    come from the users file (tests/support/lmtp.py), not from those texts."""
    unknown = ("user_unknown",)
    behind = _behind_postfix()
    gone, full, fine = _lmtp("nosuchuser"), _lmtp(lmtp.FULL), _lmtp(lmtp.FINE)
    return (
        Scenario(
            "dovecot_user_unknown",
            {gone: Script()},
            (Expected(gone, True, True, unknown, "5.1.1", "550"),),
            not_on=behind,
        ),
        Scenario(
            "dovecot_quota",
            {full: Script()},
            (Expected(full, FULL_IS_TEMPORARY, False, ("mailbox_full",), "5.2.2", "552"),),
            not_on=behind,
        ),
        Scenario(
            "dovecot_mixed",
            {_lmtp("departed"): Script(), full: Script(), fine: Script()},
            (
                Expected(_lmtp("departed"), True, True, unknown, "5.1.1", "550"),
                Expected(full, FULL_IS_TEMPORARY, False, ("mailbox_full",), "5.2.2", "552"),
            ),
            not_on=behind,
        ),
    )


# What dma (tests/support/dma.py) cannot be driven to, and why.
_DMA_SMART_HOST = (
    "dma sends every recipient to its one smart host, so it never looks a recipient's domain up"
)
_DMA_SAME_HOST = (
    "dma sends its notices through the same smart host: pointed at a port that refuses, "
    "its notice could not leave either"
)
DMA_CANNOT = {
    "delay_warning": "dma writes no delay warnings (dma.c deliver() only retries or returns)",
    "mixed_stages": "dma sends each recipient in a transaction of its own, so one "
    "recipient's refusal after DATA never reaches its neighbour, as the scenario needs",
    "too_many_recipients": "dma sends each recipient in a transaction of its own, and in "
    "the bed (queue dated past its 5-day MAX_TIMEOUT) a 452 is final at once",
    "host_unknown": _DMA_SMART_HOST,
    "null_mx": _DMA_SMART_HOST,
    "dns_failure_until_expiry": _DMA_SMART_HOST,
    "connection_refused_until_expiry": _DMA_SAME_HOST,
    "refused_at_greeting_until_expiry": _DMA_SAME_HOST,
    "silent_until_expiry": _DMA_SAME_HOST,
}


# What nullmailer (tests/support/nullmailer.py) cannot be driven to, and why.
_NULLMAILER_SMART_HOST = (
    "nullmailer sends every message to its one smart host (its remotes file), so it never "
    "looks a recipient's domain up"
)
_NULLMAILER_SAME_HOST = (
    "nullmailer sends its notices through the same smart host: pointed at a port that "
    "refuses, its notice could not leave either"
)
NULLMAILER_CANNOT = {
    "delay_warning": "nullmailer writes no delay warnings (nullmailer-send only retries, or "
    "returns the message when it fails for good or outlives queuelifetime)",
    "host_unknown": _NULLMAILER_SMART_HOST,
    "null_mx": _NULLMAILER_SMART_HOST,
    "dns_failure_until_expiry": _NULLMAILER_SMART_HOST,
    "connection_refused_until_expiry": _NULLMAILER_SAME_HOST,
    "refused_at_greeting_until_expiry": _NULLMAILER_SAME_HOST,
    "silent_until_expiry": _NULLMAILER_SAME_HOST,
    # nullmailer-send takes the first "d.d.d" of a reply without an enhanced status code as
    # the status (here "7.0.0", from "127.0.0.1"); nullmailer-dsn refuses that status (exit
    # 111), so no notice is written at all: the message only moves to the failed queue.
    "spf_fail_exim": "nullmailer 2.2 writes no notice for this reply: nullmailer-send reads "
    "the status 7.0.0 out of its IP address 127.0.0.1 and nullmailer-dsn refuses it (exit 111)",
    **dict.fromkeys(
        ("mixed_many", "too_many_recipients"),
        "nullmailer's smtp module gives up on the whole message at the first refused "
        "recipient, and nullmailer-dsn lists every recipient with that one reply, so "
        "recipients with outcomes of their own (and deliveries beside a refusal) cannot be "
        "arranged",
    ),
}


def _nullmailer_failed(scenario: Scenario) -> tuple[Expected, ...]:
    """What nullmailer's notice lists for a message with several recipients: every one, the
    first refused at RCPT with its own reply, the others (never tried) with that same reply,
    which says nothing of them: failed for good, not condemned, no reason of their own."""
    first = scenario.failed[0]
    return (
        first,
        *(
            Expected(address.lower(), True, False, ("undefined",), first.status, first.reply_code)
            for address in scenario.scripts
            if address.lower() != first.address
        ),
    )


# The scenarios where nullmailer's notice lists recipients differently (_nullmailer_failed).
NULLMAILER_WHOLE_MESSAGE = frozenset({"mixed", "mixed_stages"})


def _haraka_failed(scenario: Scenario) -> tuple[Expected, ...]:
    """What Haraka 3.3.4's notice lists when only some of a message's recipients were refused
    at RCPT: it moves them to a queue file of their own (hmail.js split_to_new_recipients,
    through JSON), which drops each recipient's reply, so the notice names them with no
    Action, Status, reply or reason. Failed for good (only a 5xx at RCPT is bounced at once,
    "Some recipients failed"), not condemned: nothing in the notice says why."""
    return tuple(Expected(e.address, True, False, ("undefined",)) for e in scenario.failed)


# The scenarios where some, not all, recipients are refused at RCPT (_haraka_failed).
HARAKA_SPLIT = frozenset({"mixed", "mixed_many", "too_many_recipients"})
# What Haraka (tests/support/haraka.py) cannot be driven to, and why.
HARAKA_CANNOT = {
    "delay_warning": "Haraka writes no delay warnings (outbound/hmail.js temp_fail only "
    "retries, or returns the message when its temp_fail_intervals are used up)",
}
# What chasquid 1.11 (tests/support/chasquid.py) cannot be driven to, and why.
_CHASQUID_ONE_BY_ONE = (
    "chasquid sends each recipient in an SMTP transaction of its own (queue.go SendLoop, "
    "sendOneRcpt), so one recipient's refusal after DATA never reaches its neighbour"
)
CHASQUID_CANNOT = {
    "delay_warning": "chasquid 1.11 writes no delay warnings (queue.go SendLoop: only a TODO)",
    "mixed_stages": _CHASQUID_ONE_BY_ONE,
    "too_many_recipients": "chasquid retries a deferred recipient only after a minute "
    "(queue.go nextDelay), and the bed ages its queue past giveUpAfter before that, so the "
    "recipient refused with 452 would expire instead of being delivered",
    "silent_until_expiry": "chasquid's SMTP client waits a minute for a connection and ten for "
    "the conversation (courier/smtp.go, compiled in), far past the bed's run",
}
# Where chasquid's domains are, for its DNS lookups (tests/support/chasquid.py).
CHASQUID_DOMAINS = (MX_DOMAIN, LIMITS_DOMAIN, REFUSED_DOMAIN, GREETING_DOMAIN, SILENT_DOMAIN)
CANNOT = {
    "dma": DMA_CANNOT,
    "nullmailer": NULLMAILER_CANNOT,
    "haraka": HARAKA_CANNOT,
    "chasquid": CHASQUID_CANNOT,
}


def scenarios() -> tuple[Scenario, ...]:
    """The failures every MTA is driven to, with what its notice must say."""
    return tuple(
        replace(
            s,
            not_on={
                **s.not_on,
                **{mta: cannot[s.name] for mta, cannot in CANNOT.items() if s.name in cannot},
            },
            failed_on={
                **(
                    {"nullmailer": _nullmailer_failed(s)}
                    if s.name in NULLMAILER_WHOLE_MESSAGE
                    else {}
                ),
                **({"haraka": _haraka_failed(s)} if s.name in HARAKA_SPLIT else {}),
            },
        )
        for s in _scenarios()
    )


def notices_expected(mta: str, scenario: Scenario) -> int:
    """How many notices ``mta`` writes for ``scenario``: one, or one per failed recipient."""
    return len(scenario.failed) if mta in ONE_PER_RECIPIENT and scenario.failed else 1


def _scenarios() -> tuple[Scenario, ...]:
    unknown = ("user_unknown",)
    return (
        Scenario(
            "user_unknown",
            {_mx("nosuchuser"): Script(rcpt=_postfix_unknown("nosuchuser", "virtual mailbox"))},
            (Expected(_mx("nosuchuser"), True, True, unknown, "5.1.1", "550"),),
        ),
        Scenario(
            "user_unknown_gmail",
            {_mx("typo"): Script(rcpt=GMAIL_NO_SUCH_USER)},
            (Expected(_mx("typo"), True, True, unknown, "5.1.1", "550"),),
        ),
        Scenario(
            "mailbox_full",
            {_mx("hoarder"): Script(rcpt=GMAIL_FULL)},
            # Temporary although the reply is 552 5.2.2 (FULL_IS_TEMPORARY says why).
            (
                Expected(
                    _mx("hoarder"), FULL_IS_TEMPORARY, False, ("mailbox_full",), "5.2.2", "552"
                ),
            ),
        ),
        Scenario(
            "mailbox_full_until_expiry",
            {_mx("almostfull"): Script(rcpt=GMAIL_FULL_TEMP)},
            (
                Expected(
                    _mx("almostfull"),
                    False,
                    False,
                    ("mailbox_full", "expired"),
                    last_attempt="4.2.2",
                ),
            ),
        ),
        Scenario(
            "user_unknown_exchange_online",
            {_mx("left"): Script(rcpt=EXCHANGE_ONLINE_NOT_FOUND)},
            (Expected(_mx("left"), True, True, unknown, "5.1.10", "550"),),
        ),
        Scenario(
            "user_unknown_after_data",
            {
                _mx("nobody"): Script(
                    data=_yahoo("nobody", "This user doesn't have a yahoo.com account ({address})")
                )
            },
            (Expected(_mx("nobody"), True, True, unknown, "", "554"),),
            data=True,
        ),
        Scenario(
            # A specific recipient status at the end of DATA is still about that recipient.
            "user_unknown_5_1_1_after_data",
            {_mx("departed"): Script(data=EXCHANGE_ONLINE_RECIP_NOT_FOUND)},
            (Expected(_mx("departed"), True, True, unknown, "5.1.1", "550"),),
            data=True,
        ),
        Scenario(
            "mailbox_full_after_data",
            {
                _mx("overquota"): Script(
                    data=_yahoo(
                        "overquota",
                        "Sorry, your message to ({address}) cannot be delivered. "
                        "This account is over quota.",
                    )
                )
            },
            # A 554 "over quota" is a full mailbox too: temporary by the SPEC, whatever the code.
            (Expected(_mx("overquota"), FULL_IS_TEMPORARY, False, ("mailbox_full",), "", "554"),),
            data=True,
        ),
        Scenario(
            "blocklisted_sender",
            {_mx("guarded"): Script(rcpt=BLOCKLISTED)},
            (Expected(_mx("guarded"), True, False, ("blocked", "bad_reputation"), "5.7.1", "554"),),
        ),
        Scenario(
            "mesg_too_big",
            {_mx("small"): Script(data=GMAIL_TOO_BIG)},
            (Expected(_mx("small"), True, False, ("mesg_too_big",), "5.3.4", "552"),),
            data=True,
        ),
        Scenario(
            "spam_blocked",
            {_mx("filtered"): Script(data=GMAIL_SPAM)},
            (
                Expected(
                    _mx("filtered"),
                    True,
                    False,
                    ("spam_detected", "blocked", "filtered"),
                    "5.7.1",
                    "550",
                ),
            ),
            data=True,
        ),
        Scenario(
            "dmarc",
            {_mx("strict"): Script(data=GMAIL_DMARC)},
            (Expected(_mx("strict"), True, False, ("auth_failure",), "5.7.26", "550"),),
            data=True,
        ),
        Scenario(
            "expired_greylisted",
            {_mx("greylisted"): Script(rcpt=_postgrey("greylisted"))},
            (Expected(_mx("greylisted"), False, False, ("expired",), last_attempt="4.2.0"),),
        ),
        Scenario(
            "delay_warning",
            {
                _mx("slow"): Script(
                    rcpt="451 4.3.0 Temporary system problem, try again later",
                    defer_for=DEFER_THEN_ACCEPT,
                )
            },
            (),
            notify="FAILURE,DELAY",
            bounce=False,
            not_on={
                "opensmtpd": "OpenSMTPD 6.8 retries a deferred recipient only after minutes and "
                "warns whatever NOTIFY asks, so a warning then a delivery cannot be arranged"
            },
        ),
        Scenario(
            "mixed",
            {
                _mx("gone"): Script(rcpt=_postfix_unknown("gone", "local recipient")),
                _mx("stuffed"): Script(rcpt=GMAIL_FULL),
                _mx("fine"): Script(),
                _mx("closed"): Script(rcpt=GMAIL_DISABLED),
            },
            (
                Expected(_mx("gone"), True, True, unknown, "5.1.1", "550"),
                Expected(
                    _mx("stuffed"), FULL_IS_TEMPORARY, False, ("mailbox_full",), "5.2.2", "552"
                ),
                Expected(_mx("closed"), True, True, ("suspend", "user_unknown"), "5.2.1", "550"),
            ),
        ),
        Scenario(
            # Several recipients, refused at two stages for two parties' faults, in one
            # notice: an unknown user at RCPT; the message then refused as spam after DATA for
            # the two recipients that were accepted (one of them scripted to refuse it).
            "mixed_stages",
            {
                _mx("absent"): Script(rcpt=_postfix_unknown("absent", "virtual mailbox")),
                _mx("screened"): Script(data=GMAIL_SPAM),
                _mx("cosigned"): Script(),
            },
            (
                Expected(_mx("absent"), True, True, unknown, "5.1.1", "550"),
                *(
                    Expected(
                        _mx(local),
                        True,
                        False,
                        ("spam_detected", "blocked", "filtered"),
                        "5.7.1",
                        "550",
                    )
                    for local in ("screened", "cosigned")
                ),
            ),
            data=True,
        ),
        Scenario(
            "host_unknown",
            {f"someone@{NXDOMAIN}": Script()},
            (Expected(f"someone@{NXDOMAIN}", True, True, ("host_unknown",)),),
        ),
        Scenario(
            "null_mx",
            {f"someone@{NULL_MX}": Script()},
            (Expected(f"someone@{NULL_MX}", True, True, ("host_unknown", "not_accept")),),
            not_on={
                "opensmtpd": "OpenSMTPD 6.8 does not implement null MX (RFC 7505): it retries "
                "until the queue lifetime ends, so its notice is an expiry, not this failure"
            },
        ),
        Scenario(
            "user_unknown_zimbra",
            {_mx("former"): Script(rcpt=ZIMBRA_NO_SUCH_USER)},
            (Expected(_mx("former"), True, True, unknown, "5.1.1", "550"),),
        ),
        Scenario(
            "user_unknown_courier",
            {_mx("nonesuch"): Script(rcpt=_courier_unknown("nonesuch"))},
            (Expected(_mx("nonesuch"), True, True, unknown, "", "550"),),
        ),
        Scenario(
            "banned_sending_ip",
            {_mx("protected"): Script(rcpt=EXCHANGE_ONLINE_BANNED_IP)},
            (
                Expected(
                    _mx("protected"), True, False, ("blocked", "bad_reputation"), "5.7.606", "550"
                ),
            ),
        ),
        Scenario(
            # Refused with 4.2.1 until the queue lifetime ends: the mailbox may come back, so
            # the address is not condemned, whatever class the MTA's final notice gives.
            "disabled_until_expiry",
            {_mx("paused"): Script(rcpt=ZIMBRA_DISABLED)},
            (Expected(_mx("paused"), False, False, ("suspend", "expired"), last_attempt="4.2.1"),),
        ),
        Scenario(
            "dns_failure_until_expiry",
            {f"someone@{SERVFAIL}": Script()},
            (
                Expected(
                    f"someone@{SERVFAIL}",
                    False,
                    False,
                    ("expired", "network_error", "system_error"),
                    last_attempt="4.4.3",
                    replied=False,
                ),
            ),
        ),
        *_relay_scenarios(),
        *_dovecot_scenarios(),  # last: where Dovecot is missing, they are skipped
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario, mta: str) -> EmailMessage:
    return bed_message(
        SENDER_DOMAIN,
        scenario.scripts,
        f"Test bed: {scenario.name}",
        f"{scenario.name}.{mta}",
        "Sat, 05 Dec 2026 12:00:00 +0000",
        "A message the remote server is scripted to refuse.\n",
    )


Stop = Callable[[], Awaitable[str]]  # stops an MTA, returns the end of its log


class Stoppable(Protocol):
    """An MTA of the bed whose stop is a coroutine."""

    def log_tail(self, lines: int) -> str: ...
    async def stop(self) -> None: ...


def stopper(mta: Stoppable) -> Stop:
    """``mta``'s Stop: the end of its log, then the MTA stopped."""

    async def stop() -> str:
        tail = mta.log_tail(60)
        await mta.stop()
        return tail

    return stop


@dataclass
class Bed:
    """One MTA's run: its remote server, its capture server, the notices per scenario."""

    mta: str
    mx: ScriptedMx = field(default_factory=ScriptedMx)
    capture: ScriptedMx = field(default_factory=lambda: ScriptedMx(hostname=SENDER_DOMAIN))
    limits: ScriptedMx = field(default_factory=lambda: ScriptedMx(hostname=LIMITS_DOMAIN))
    closed_port: int = field(default_factory=free_port)  # nothing listens there
    greeter: RefusingGreeter = field(default_factory=lambda: RefusingGreeter(GREETING_REFUSAL))
    silent: SilentServer = field(default_factory=SilentServer)
    log: str = ""
    error: str | None = None  # why the run broke off (the MTA did not start...)
    plan: tuple[Scenario, ...] = field(default_factory=lambda: scenarios())  # what it is sent
    more: dict[str, ScriptedMx] = field(default_factory=dict)  # more routed domains: server

    def notices(self, scenario: str) -> list[bytes]:
        """The notices for ``scenario``: at the capture server, or at the remote server where
        the MTA sends everything to one smart host (dma, nullmailer)."""
        return [a.content for s in (self.capture, self.mx) for a in s.to(sender_of(scenario))]

    def pending(self) -> bool:
        """Whether a scenario still waits for its notice, or for a delivery it must end in."""
        runs = [s for s in self.plan if s.runs_on(self.mta)]
        return any(len(self.notices(s.name)) < notices_expected(self.mta, s) for s in runs) or any(
            not self.mx.to(address) for s in runs for address in s.delivered
        )


async def run_bed(mta: str, port: int) -> Bed:
    """Start the servers and the MTA on ``port``, send every scenario, wait for the notices."""
    bed = Bed(mta)
    for server in (bed.mx, bed.limits):
        server.enhanced_status_codes = mta in ANNOUNCING
    for scenario in scenarios():
        for server in (bed.mx, bed.limits):
            server.scripts.update({a.lower(): s for a, s in scenario.scripts.items()})
            if scenario.mail is not None:
                server.senders[sender_of(scenario.name)] = scenario.mail
    servers = (bed.mx, bed.capture, bed.limits, bed.greeter, bed.silent)
    for server in servers:
        await server.start()
    try:
        stop = await STARTERS[mta](bed, port)
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        bed.error = f"{mta} did not start: {exc}"
        for server in servers:
            await server.stop()
        return bed
    try:
        for scenario in (s for s in scenarios() if s.runs_on(mta)):
            # dma takes a message on its command line, with no DSN options
            notify = [] if mta in NO_DSN_OPTIONS else [f"NOTIFY={scenario.notify}"]
            recipients = tuple(scenario.scripts)
            await submit(port, message(scenario, mta), sender_of(scenario.name), recipients, notify)
        await wait_for_notices(bed.capture, bed.pending, DEADLINE, GRACE)
    except (OSError, aiosmtplib.SMTPException) as exc:
        bed.error = f"{mta} did not take a message: {exc}"
    finally:
        bed.log = await stop()
        for server in servers:
            await server.stop()
    return bed


def _routes(bed: Bed) -> dict[str, int]:
    return {
        MX_DOMAIN: bed.mx.port,
        SENDER_DOMAIN: bed.capture.port,
        LIMITS_DOMAIN: bed.limits.port,
        REFUSED_DOMAIN: bed.closed_port,
        GREETING_DOMAIN: bed.greeter.port,
        SILENT_DOMAIN: bed.silent.port,
        **{domain: server.port for domain, server in bed.more.items()},
    }


async def start_postfix(bed: Bed, port: int) -> Stop:
    # the silent server's route has its own smtp client with short timeouts
    # (smtp_connect_timeout, smtp_helo_timeout: the wait for the greeting)
    impatient = (
        f"impatient unix - - n - - smtp -o smtp_connect_timeout={GREETING_TIMEOUT} "
        f"-o smtp_helo_timeout={GREETING_TIMEOUT}"
    )
    routes = ", ".join(
        f"{d}={'impatient' if d == SILENT_DOMAIN else 'smtp'}:[127.0.0.1]:{p}"
        for d, p in _routes(bed).items()
    )
    dovecot = None
    if lmtp.missing() is None:
        dovecot = lmtp.DovecotLmtp(free_port())
        try:
            await asyncio.to_thread(dovecot.start)
        except BaseException:
            await asyncio.to_thread(dovecot.stop)
            raise
        routes += f", {lmtp.DOMAIN}=lmtp:inet:127.0.0.1:{dovecot.port}"
    lifetime, warning = f"{QUEUE_LIFETIME}s", f"{DELAY_WARNING}s"
    mta = postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + routes + " }",
            "smtp_dns_support_level": "enabled",  # nxdomain.test is looked up, and fails
            "maximal_queue_lifetime": lifetime,
            "bounce_queue_lifetime": lifetime,
            "delay_warning_time": warning,
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
        },
        services=[impatient],
    )
    try:
        await asyncio.to_thread(mta.start)
    except BaseException:
        if dovecot is not None:
            await asyncio.to_thread(dovecot.stop)
        raise

    async def stop() -> str:
        tail = mta.log_tail(60)
        await asyncio.to_thread(mta.stop)
        if dovecot is not None:
            tail += "\n" + dovecot.log_tail(20)
            await asyncio.to_thread(dovecot.stop)
        return tail

    return stop


async def start_exim(bed: Bed, port: int) -> Stop:
    mta = exim.Exim(
        port,
        _routes(bed),
        settings={"delay_warning": f"{DELAY_WARNING}s:1h", "tls_advertise_hosts": ""},
        retry=f"F,{QUEUE_LIFETIME}s,1s",
        # the smtp transport's command_timeout is also its wait for the greeting
        transport_options={
            SILENT_DOMAIN: (
                f"connect_timeout = {GREETING_TIMEOUT}",
                f"command_timeout = {GREETING_TIMEOUT}",
            )
        },
    )
    await mta.start()
    return stopper(mta)


async def start_opensmtpd(bed: Bed, port: int) -> Stop:
    mta = opensmtpd.OpenSmtpd(port, _routes(bed), ttl=f"{QUEUE_LIFETIME}s")
    await mta.start()
    return stopper(mta)


async def start_sendmail(bed: Bed, port: int) -> Stop:
    mta = sendmail.Sendmail(
        port,
        _routes(bed),
        queuereturn=f"{QUEUE_LIFETIME}s",
        queuewarn=f"{DELAY_WARNING}s",
        # one for every host (the scripted servers greet at once): longer than the others'
        initial=SENDMAIL_GREETING_TIMEOUT,
    )
    try:
        await mta.start()
    except BaseException:
        await mta.stop()  # a daemon that never listened is not left running
        raise
    return stopper(mta)


async def _front_started(front: unpacked.Front, port: int, log_tail: Callable[[int], str]) -> Stop:
    """Start an MTA's SMTP front (and the MTA) on ``port``; the Stop ends both and returns the
    end of the MTA's log."""
    try:
        await front.start(port)
    except BaseException:
        await front.stop()
        raise

    async def stop() -> str:
        tail = log_tail(60)
        await front.stop()
        return tail

    return stop


async def start_dma(bed: Bed, port: int) -> Stop:
    front = dma.DmaFront(dma.Dma(bed.mx.port))
    return await _front_started(front, port, front.dma.log_tail)


async def start_nullmailer(bed: Bed, port: int) -> Stop:
    front = nullmailer.NullmailerFront(
        nullmailer.Nullmailer(bed.mx.port, queuelifetime=QUEUE_LIFETIME)
    )
    return await _front_started(front, port, front.nullmailer.log_tail)


async def start_courier(bed: Bed, port: int) -> Stop:
    front = courier.CourierFront(
        courier.Courier(
            _routes(bed),
            queuetime=f"{QUEUE_LIFETIME}s",
            warntime=f"{DELAY_WARNING}s",
            timeout=GREETING_TIMEOUT,
        ),
        notify=lambda sender: next(
            (s.notify for s in bed.plan if sender_of(s.name) == sender), "FAILURE"
        ),
    )
    return await _front_started(front, port, front.courier.log_tail)


async def start_haraka(bed: Bed, port: int) -> Stop:
    mta = haraka.Haraka(port, _routes(bed))
    try:
        await mta.start()
    except BaseException:
        await mta.stop()  # a server that never listened is not left running
        raise
    return stopper(mta)


async def start_chasquid(bed: Bed, port: int) -> Stop:
    routes = {d: p for d, p in _routes(bed).items() if d in CHASQUID_DOMAINS}
    routes[REFUSED_DOMAIN] = 0  # its address has no forwarder: the connection is refused
    front = chasquid.ChasquidFront(
        chasquid.Chasquid(SENDER_DOMAIN, bed.capture.port, free_port()), routes
    )
    return await _front_started(front, port, front.chasquid.log_tail)


STARTERS: dict[str, Callable[[Bed, int], Awaitable[Stop]]] = {
    "postfix": start_postfix,
    "exim": start_exim,
    "opensmtpd": start_opensmtpd,
    "sendmail": start_sendmail,
    "sendmail_enhanced": start_sendmail,
    "dma": start_dma,
    "nullmailer": start_nullmailer,
    "courier": start_courier,
    "haraka": start_haraka,
    "chasquid": start_chasquid,
}


def available() -> dict[str, str | None]:
    """Per MTA, why it cannot run here (None: it can)."""
    return {
        "postfix": None if postfix.available() else "Postfix is not installed (Debian: postfix)",
        "exim": exim.missing(),
        "opensmtpd": opensmtpd.missing(),
        "sendmail": sendmail.missing(),
        "sendmail_enhanced": sendmail.missing(),
        "dma": dma.missing(),
        "nullmailer": nullmailer.missing(),
        "courier": courier.missing(),
        "haraka": haraka.missing(),
        "chasquid": chasquid.missing(),
    }


def isolation_missing() -> str | None:
    """Why the bed cannot make its private namespaces here, or None."""
    if os.geteuid() != 0:
        return "the real-MTA bed runs as root (it runs MTAs and makes a network namespace)"
    return namespace_tools_missing()


def generate(out: Path, timeout: float = 170.0, only: list[str] | None = None) -> dict[str, Any]:
    """Run the bed in its own namespaces (only the MTAs ``only`` names, where given); returns
    the manifest it wrote to ``out``."""
    return run_in_namespaces(__name__, out, list(only or ()), timeout, "the real-MTA bed")[0]


def _isolate(etc: Path) -> dict[str, str]:
    """Inside the new namespaces: loopback up, our resolver, the unpacked servers' users,
    libraries and compiled-in directories (the files that replace the machine's, in this
    namespace only, are written to ``etc``). Returns the servers that could not be given
    what they need, with the reason."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    roots = {
        "exim": exim.ROOT,
        "opensmtpd": opensmtpd.ROOT,
        "sendmail": sendmail.ROOT,
        "dma": dma.ROOT,
    }
    present = [mta for mta in roots if available()[mta] is None]
    if {"opensmtpd", "dma"} & set(present):
        subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    failed: dict[str, str] = {}
    if "dma" in present:  # first: an overlay on /etc hides what is bound into it before
        why = _dma_directory()
        if why is not None:
            failed["dma"] = why
    (etc / "resolv.conf").write_text("nameserver 127.0.0.1\noptions attempts:1 timeout:1\n")
    _bind(etc / "resolv.conf", "/etc/resolv.conf")
    if not present:
        return failed
    _bind(unpacked.library_cache(etc, [roots[m] for m in present]), "/etc/ld.so.cache")
    users = [exim.USER] if "exim" in present else []
    users += opensmtpd.USERS if "opensmtpd" in present else ()
    _add_users(etc, users)
    if "opensmtpd" in present:
        why = _opensmtpd_directories()
        if why is not None:
            failed["opensmtpd"] = why
    return failed


def _overlay(directory: str, name: str) -> str | None:
    """Make ``directory`` writable in this namespace by an overlay whose upper layer lives in
    the private /run (a tmpfs), so nothing is left on the machine; why not, or None."""
    layer = Path("/run") / f"real-mta-{name}"
    (layer / "upper").mkdir(parents=True)
    (layer / "work").mkdir()
    options = f"lowerdir={directory},upperdir={layer / 'upper'},workdir={layer / 'work'}"
    done = subprocess.run(
        ["mount", "-t", "overlay", "overlay", "-o", options, directory],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return f"no overlay on {directory} here: {done.stderr.strip()}"
    return None


def _dma_directory() -> str | None:
    """An /etc/dma for each dma run to bind its configuration over (tests/support/dma.py)."""
    if Path(dma.CONF_DIR).is_dir():
        return None
    why = _overlay("/etc", "etc")
    if why is None:
        Path(dma.CONF_DIR).mkdir()
    return why


def _add_users(etc: Path, names: list[str]) -> None:
    """Add system users (each with its own group) that /etc/passwd lacks."""
    users, groups = (Path("/etc", n).read_text(encoding="utf-8") for n in ("passwd", "group"))
    absent = [n for n in names if f"\n{n}:" not in f"\n{users}"]
    if not absent:
        return
    free = sorted(set(range(64000, 65000)) - _ids(users) - _ids(groups), reverse=True)
    for name, uid in zip(absent, free, strict=False):
        users = f"{users.rstrip()}\n{name}:x:{uid}:{uid}::/nonexistent:/bin/false\n"
        groups = f"{groups.rstrip()}\n{name}:x:{uid}:\n"
    (etc / "passwd").write_text(users, encoding="utf-8")
    (etc / "group").write_text(groups, encoding="utf-8")
    _bind(etc / "passwd", "/etc/passwd")
    _bind(etc / "group", "/etc/group")


def _opensmtpd_directories() -> str | None:
    """OpenSMTPD's compiled-in paths: a private /run (a tmpfs, mounted by _isolate), and
    /var made writable by an overlay."""
    why = _overlay("/var", "var")
    if why is not None:
        return f"{why} (for OpenSMTPD's spool)"
    opensmtpd.SPOOL.mkdir(parents=True)
    opensmtpd.SPOOL.chmod(0o711)  # smtpd refuses any other mode
    opensmtpd.CHROOT.mkdir(parents=True)
    return None


def _ids(table: str) -> set[int]:
    """The numeric ids (third field) of /etc/passwd or /etc/group text."""
    fields = (line.split(":") for line in table.splitlines())
    return {int(f[2]) for f in fields if len(f) > 2 and f[2].isdigit()}


def _bind(source: Path, target: str) -> None:
    subprocess.run(["mount", "--bind", str(source), target], check=True)


async def _generate(
    out: Path, isolation: dict[str, str], only: list[str] | None = None
) -> dict[str, Any]:
    unavailable = {m: why for m, why in available().items() if why is not None} | isolation
    dns = DnsServer()  # knows two names; any other question gets NXDOMAIN
    dns.add(NULL_MX, "MX", "0 .")
    dns.fail(SERVFAIL)
    for domain, address in chasquid.addresses(list(CHASQUID_DOMAINS)).items():
        dns.add(domain, "MX", f"10 {domain}.")  # chasquid looks every domain up
        dns.add(domain, "A", address)
    await dns.start(port=53)
    try:
        runnable = [m for m in MTAS if m not in unavailable and (not only or m in only)]
        beds = await asyncio.gather(*(run_bed(m, free_port()) for m in runnable))
    finally:
        await dns.stop()
    return write(out, beds, unavailable)


def write(out: Path, beds: list[Bed], unavailable: dict[str, str]) -> dict[str, Any]:
    """The notices as files and the manifest that labels them."""
    entries: list[dict[str, Any]] = []
    runs: dict[str, Any] = {}
    for bed in beds:
        (out / bed.mta).mkdir(parents=True, exist_ok=True)
        counts = {}
        for scenario in (s for s in scenarios() if s.runs_on(bed.mta)):
            notices = bed.notices(scenario.name)
            counts[scenario.name] = len(notices)
            for n, raw in enumerate(notices):
                (out / bed.mta / notice_name(scenario.name, n)).write_bytes(raw)
            if len(notices) == notices_expected(bed.mta, scenario) == 1:
                entries.append(entry(bed.mta, scenario))
            elif len(notices) == notices_expected(bed.mta, scenario):
                entries.extend(recipient_entries(bed.mta, scenario, notices))
        delivered = sorted({r.lower() for a in bed.mx.arrivals for r in a.rcpt_tos})
        runs[bed.mta] = {
            "notices": counts,
            "delivered": delivered,  # every recipient the remote server accepted a message for
            "log": bed.log,
            "error": bed.error,
        }
    return write_manifest(out, entries, {"runs": runs, "unavailable": unavailable}, newline=False)


def recipient_entries(mta: str, scenario: Scenario, notices: list[bytes]) -> list[dict[str, Any]]:
    """The manifest entries of an MTA's one notice per failed recipient, each labelled with
    the recipient its envelope was for (dma's X-Original-To header, bounce.c)."""
    found = []
    for n, raw in enumerate(notices):
        original = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
        address = str(original.get("X-Original-To", "")).strip().strip("<>").lower()
        failed = tuple(e for e in scenario.failed_for(mta) if e.address == address)
        found.append(entry(mta, scenario, notice_name(scenario.name, n), failed))
    return found


def entry(
    mta: str, scenario: Scenario, name: str = "", failed: tuple[Expected, ...] | None = None
) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format."""
    expected = [
        label(e, stated_status(mta, e))
        for e in (scenario.failed_for(mta) if failed is None else failed)
    ]
    return {
        "engine_id": f"real-{mta}",
        "path": f"{mta}/{name or scenario.name + '.eml'}",
        "expected": expected,
        "messages": 1,
        "split": "holdout",
        "scenario": scenario.name,
        "bounce": scenario.bounce,
    }


def store(out: Path, mta: str, into: Path) -> dict[str, Any]:
    """Keep ``mta``'s notices of the run in ``out`` as a stored set in ``into``: the notices
    and a manifest of their entries, labelled as the bed labels them now."""
    run = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["runs"][mta]
    into.mkdir(parents=True, exist_ok=True)
    entries = []
    for scenario in (s for s in scenarios() if s.runs_on(mta)):
        name = f"{scenario.name}.eml"
        shutil.copyfile(out / mta / name, into / name)
        entries.append({**entry(mta, scenario), "path": name})
    fields = {"notices": run["notices"], "delivered": run["delivered"], "error": run["error"]}
    return write_manifest(into, entries, fields, newline=False)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="real-mta-etc-") as scratch:
        asyncio.run(_generate(Path(sys.argv[1]), _isolate(Path(scratch)), sys.argv[2:]))
