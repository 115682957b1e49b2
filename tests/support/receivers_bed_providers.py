"""The large providers' replies as REAL writers present them (judge76, issue #14): scripted
destinations on 127.0.0.1 answer exactly as Gmail, Outlook.com, Yahoo, iCloud and Mimecast
do, with their multi-line replies and help links, and a real Postfix 3.7 (Debian's), Exim
4.96, Sendmail 8.17, OpenSMTPD 6.8, Courier 1.0.16 or chasquid 1.11 (the unpacked copies)
writes the notices back to the scenario's envelope sender at a capture server. The
machinery is receivers_bed_writer.py's (its ``Bed``, ``Destination`` with a ``script``,
``writer_mta``, ``run``), as receivers_bed_writer2.py uses it; each provider is one
domain, one destination on 127.0.0.1 and an address of its own.

No new words: every reply is a text the project already carries, its source named where it
is carried (bounce_parser/data/phrases/providers.toml and the composed sets), except Yahoo's
554 5.7.9, whose words are the title of Yahoo's help page SLN7253 ("554 5.7.9: Message not
accepted for policy reasons", https://help.yahoo.com/kb/SLN7253.html). What is new is how
each writer wraps, folds, joins, truncates or quotes a reply of several lines (RFC 5321
section 4.2.1: every line but the last "code-", the last "code ") and a help link:

- ``gmail.test`` (https://support.google.com/a/answer/3726730, Gmail's SMTP errors): at RCPT
  ``nosuchuser@`` gets the four-line "550-5.1.1 The email account that you tried to reach
  does not exist. ... https://support.google.com/mail/?p=NoSuchUser ... - gsmtp"
  (composed/cases.py's gmail-nosuchuser), ``full@`` the two-line "452-4.2.2 The email
  account that you tried to reach is over quota. ... ?p=OverQuotaTemp ... - gsmtp"
  (cases.py), retried until the queue lifetime ends; after the DATA's dot a message to
  ``anna@`` and ``ben@`` gets the three-line "550-5.7.26 This mail has been
  blocked because the sender is unauthenticated. ... - gsmtp" (cases.py) for every
  recipient of the transaction; a message from the rate-limited scenario's sender gets at
  MAIL FROM the "421-4.7.28 Gmail has detected an unusual rate of email. ..." reply
  (published28's RATE_421, folded into lines of Gmail's width as the carried 5.1.1 is) and
  the connection closed, every time, until the queue lifetime ends;
- ``outlook.test`` (Outlook.com): ``gone@`` gets "550 5.5.0 Requested action not taken:
  mailbox unavailable" (cases.py), and ``anna@`` its
  S3150 block-list refusal, "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't
  sent. ... (S3150). You can also refer your provider to
  http://mail.live.com/mail/troubleshooting.aspx#errors." (providers.toml's source), at RCPT;
- ``yahoo.test`` (https://senders.yahooinc.com/smtp-error-codes/): a message from the
  deferred scenario's sender gets "421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily
  deferred due to unexpected volume or user complaints - 4.16.55.1; see
  https://postmaster.yahooinc.com/error-codes" at MAIL FROM (cases.py) until the queue
  lifetime ends; one to ``kim@`` "554 5.7.9 Message not accepted for
  policy reasons" after the DATA's dot (Yahoo's SLN7253);
- ``icloud.test``: ``missing@`` gets "550 5.1.1 <address>: user does not exist" (cases.py),
  ``fine@`` "550 5.7.1 [CS01] Message rejected
  due to local policy. Please visit https://support.apple.com/en-us/HT204137" (cases.py,
  providers.toml: https://smtp.codes/icloud; the brief's "554" is not what is carried:
  iCloud's CS01 is carried as a 550);
- ``mimecast.test``: ``nobody@`` gets "550 Invalid Recipient -
  https://community.mimecast.com/docs/DOC-1369#550 [<id>]" (published34's MC_INVALID: no
  enhanced code);
- one message (``mixed_providers``) to Gmail's, Outlook.com's, iCloud's and Mimecast's
  unknown users and to a good address at Yahoo, which must arrive: each failed recipient its
  own outcome in one notice.

Gmail's 421-4.7.28 as a DELAY warning is LEFT_OUT (below): the bed's capture takes one notice
per scenario and the writers' warnings are not set shorter than the bed's 8 s lifetime; the
success/delay bed (judge15) is where delay notices are read.

The rule, written before the first score (the providers' documented meanings):

1. A refusal that says the address does not exist (Gmail's 5.1.1 NoSuchUser, Outlook.com's
   "550 5.5.0 Requested action not taken: mailbox unavailable", iCloud's "550 5.1.1 ... user
   does not exist", Mimecast's "550 Invalid Recipient") is the recipient's: permanent,
   suppressed, ``user_unknown``; however many lines the reply had and however the writer
   joined, folded or cut them.
2. Gmail's over-quota (452 4.2.2, "OverQuotaTemp"), retried until the queue lifetime ends, is
   the recipient's full mailbox: temporary by SPEC (a full mailbox is temporary whatever the
   reply's class), never suppressed, ``mailbox_full`` (``expired`` accepted), the
   recipient's.
3. Gmail's 550 5.7.26 (sender unauthenticated: SPF/DKIM/DMARC) and Yahoo's 554 5.7.9 (message
   not accepted for policy reasons: authentication, SLN7253) after the DATA's dot fail every
   recipient of the transaction for the sender's reason: permanent, never suppressed, the
   sender's, ``auth_failure`` (``security_error``, ``policy_violation``, ``rejected``,
   ``blocked`` accepted; as published28's AUTH).
4. Outlook.com's S3150 (the sending network on its block list) and iCloud's [CS01] (local
   policy) are the sender's: permanent, never suppressed; ``blocked`` for S3150 (as cases.py),
   ``policy_violation`` for CS01 (``blocked``, ``rejected``, ``filtered`` accepted, as
   cases.py).
5. Gmail's 421 4.7.28 (rate limited) and Yahoo's 421 4.7.0 [TSS04] (deferred for volume or
   complaints) retried until the queue lifetime ends are the sender's: temporary, never
   suppressed, the sender's; Gmail's ``speeding`` (published28's RATE: ``bad_reputation``,
   ``blocked``, ``too_many_conn``, ``spam_detected``, ``expired`` accepted), Yahoo's
   ``bad_reputation`` (``expired``, ``speeding``, ``blocked`` accepted, as cases.py).
6. In the mixed message each recipient is labelled by its own provider's reply (rules 1 to
   5); the good address must arrive and not be in the notice.
7. Permanence where the writer decides it, status and reply code as the notice states them,
   from what each writer did (its log and the notice's Status and Diagnostic-Code fields, as
   judge53's and judge60's rule 8): ``AS_STATED`` below, filled from the first runs before
   the first score. The status is the quoted reply's enhanced code where the notice quotes
   one, else the Status field; the reply code the destination's (none where none is quoted).
8. Where a writer retried a reply until the queue lifetime ended and its notice quotes no
   reply at all (OpenSMTPD's "Envelope expired"; Courier's "<command failed>"), the reason
   labelled is ``expired`` first, the provider's meaning's reasons accepted, and whose fault
   stays the provider's meaning's (as judge55's and judge60's rule for a refusal so retried):
   ``EXPIRED_UNQUOTED``, filled from the first runs before the first score.

``LEFT_OUT`` says which writer cannot be driven to which scenario, and why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.support import receivers_bed
from tests.support import receivers_bed_writer as writer_bed
from tests.support.dns_server import DnsServer
from tests.support.receivers_bed import SENDER_DOMAIN, Expected, Scenario
from tests.support.receivers_bed_writer import Destination

WRITERS = ("postfix", "exim", "sendmail", "opensmtpd", "courier", "chasquid")

GMAIL = "gmail.test"
OUTLOOK = "outlook.test"
YAHOO = "yahoo.test"
ICLOUD = "icloud.test"
MIMECAST = "mimecast.test"

OWN_ADDRESS = {
    GMAIL: "127.0.0.51",
    OUTLOOK: "127.0.0.52",
    YAHOO: "127.0.0.53",
    ICLOUD: "127.0.0.54",
    MIMECAST: "127.0.0.55",
}

# Gmail (https://support.google.com/a/answer/3726730), the lines as composed/cases.py carries
# them (gmail-nosuchuser, gmail over quota, 5.7.26)
NO_SUCH_USER = (
    "550-5.1.1 The email account that you tried to reach does not exist. Please try",
    "550-5.1.1 double-checking the recipient's email address for typos or",
    "550-5.1.1 unnecessary spaces. Learn more at",
    "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1si123456wrp.401 - gsmtp",
)
OVER_QUOTA = (
    "452-4.2.2 The email account that you tried to reach is over quota. Please direct",
    "452 4.2.2 the recipient to https://support.google.com/mail/?p=OverQuotaTemp c3si1.55 - gsmtp",
)
UNAUTHENTICATED = (
    "550-5.7.26 This mail has been blocked because the sender is unauthenticated.",
    "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.",
    "550 5.7.26 d4si2.201 - gsmtp",
)
# published28's RATE_421, folded at Gmail's width (the carried lines above: some 70 octets)
RATE_LIMITED = (
    "421-4.7.28 Gmail has detected an unusual rate of email. To protect our users",
    "421-4.7.28 from spam, email has been temporarily rate limited. To review our",
    "421-4.7.28 bulk email senders guidelines, go to Email sender guidelines.",
    "421 4.7.28 f0a9b8c7d6si4406.28 - gsmtp",
)
# Outlook.com (cases.py; providers.toml: https://mail.live.com/mail/troubleshooting.aspx#errors)
MAILBOX_UNAVAILABLE = "550 5.5.0 Requested action not taken: mailbox unavailable"
S3150 = (
    "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your "
    "Internet service provider since part of their network is on our block list (S3150). You "
    "can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."
)
# Yahoo (https://senders.yahooinc.com/smtp-error-codes/; https://help.yahoo.com/kb/SLN7253.html)
TSS04 = (
    "421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume "
    "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"
)
POLICY_579 = "554 5.7.9 Message not accepted for policy reasons"
# iCloud (cases.py; providers.toml: https://smtp.codes/icloud)
CS01 = (
    "550 5.7.1 [CS01] Message rejected due to local policy. Please visit "
    "https://support.apple.com/en-us/HT204137"
)
# Mimecast (published34's MC_INVALID; https://community.mimecast.com/docs/DOC-1369)
INVALID_RECIPIENT = (
    "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550"
    " [Tz8pLq4mRs1Vx6c2HbNwEa.eu43]"
)


def icloud_unknown(address: str) -> str:
    return f"550 5.1.1 <{address}>: user does not exist"


# The labels (rules 1 to 5)
UNKNOWN = ("user_unknown",)
FULL = ("mailbox_full", "expired")
AUTH = ("auth_failure", "security_error", "policy_violation", "rejected", "blocked")
BLOCK_LIST = ("blocked",)
POLICY = ("policy_violation", "blocked", "rejected", "filtered")
RATE = ("speeding", "bad_reputation", "blocked", "too_many_conn", "spam_detected", "expired")
VOLUME = ("bad_reputation", "expired", "speeding", "blocked")

# The scenarios whose sender decides the destination's reply at MAIL FROM
BY_SENDER = {
    "gmail_rate_limited_until_expiry": RATE_LIMITED,
    "yahoo_deferred_until_expiry": (TSS04,),
}
# The recipients whose local part decides the reply at RCPT, by domain
BY_RECIPIENT: dict[str, dict[str, Any]] = {
    GMAIL: {"nosuchuser": lambda a: NO_SUCH_USER, "full": lambda a: OVER_QUOTA},
    OUTLOOK: {"gone": lambda a: (MAILBOX_UNAVAILABLE,), "anna": lambda a: (S3150,)},
    ICLOUD: {"missing": lambda a: (icloud_unknown(a),), "fine": lambda a: (CS01,)},
    MIMECAST: {"nobody": lambda a: (INVALID_RECIPIENT,)},
}
# The recipients whose transaction is refused after the DATA's dot, by domain
AFTER_DOT = {GMAIL: ({"anna", "ben"}, UNAUTHENTICATED), YAHOO: ({"kim"}, (POLICY_579,))}


def _address(line: str) -> str:
    return line.split("<", 1)[-1].split(">", 1)[0]


def _script(domain: str) -> Any:
    """The replies ``domain``'s destination gives instead of accepting (Destination.script):
    at MAIL FROM by the sender (its scenario), at RCPT by the recipient's local part, after
    the dot by the transaction's recipients; no state kept between commands (the writers run
    several sessions at once)."""

    def script(verb: str, line: str, recipients: list[str]) -> list[str] | None:
        if verb == "MAIL":
            scenario = _address(line).split("+", 1)[-1].split("@", 1)[0]
            return list(BY_SENDER[scenario]) if scenario in BY_SENDER else None
        if verb == "RCPT":
            address = _address(line)
            reply = BY_RECIPIENT.get(domain, {}).get(address.split("@", 1)[0].lower())
            return None if reply is None else list(reply(address))
        if verb == "." and domain in AFTER_DOT:
            locals_, lines = AFTER_DOT[domain]
            if {r.split("@", 1)[0] for r in recipients} & locals_:
                return list(lines)
        return None

    return script


def destinations() -> dict[str, Destination]:
    ehlo = ("ENHANCEDSTATUSCODES", "8BITMIME", "SIZE 10240000")
    return {d: Destination(ehlo=ehlo, script=_script(d)) for d in OWN_ADDRESS}


def _one(
    name: str,
    address: str,
    reasons: tuple[str, ...],
    party: str,
    status: str,
    code: str,
    permanent: bool = True,
) -> Scenario:
    suppress = permanent and party == "recipient"
    return Scenario(
        name, (address,), (Expected(address, permanent, suppress, reasons, party, status, code),)
    )


def _several(
    name: str, addresses: list[str], reasons: tuple[str, ...], status: str, code: str
) -> Scenario:
    failed = tuple(Expected(a, True, False, reasons, "sender", status, code) for a in addresses)
    return Scenario(name, tuple(addresses), failed)


MIXED_GOOD = f"fine@{YAHOO}"


def scenarios() -> tuple[Scenario, ...]:
    """Every scenario, labelled by the rule (the statuses the replies carry; the writers' own
    in AS_STATED)."""
    unknown = {
        f"nosuchuser@{GMAIL}": ("5.1.1", "550"),
        f"gone@{OUTLOOK}": ("5.5.0", "550"),
        f"missing@{ICLOUD}": ("5.1.1", "550"),
        f"nobody@{MIMECAST}": ("", "550"),
    }
    mixed = tuple(
        Expected(a, True, True, UNKNOWN, "recipient", status, code)
        for a, (status, code) in unknown.items()
    )
    return (
        _one("gmail_no_such_user", f"nosuchuser@{GMAIL}", UNKNOWN, "recipient", "5.1.1", "550"),
        _one(
            "gmail_over_quota_until_expiry",
            f"full@{GMAIL}",
            FULL,
            "recipient",
            "4.2.2",
            "452",
            permanent=False,
        ),
        _several(
            "gmail_unauthenticated_after_dot",
            [f"anna@{GMAIL}", f"ben@{GMAIL}"],
            AUTH,
            "5.7.26",
            "550",
        ),
        _one(
            "gmail_rate_limited_until_expiry",
            f"vera@{GMAIL}",
            RATE,
            "sender",
            "4.7.28",
            "421",
            permanent=False,
        ),
        _one(
            "outlook_mailbox_unavailable", f"gone@{OUTLOOK}", UNKNOWN, "recipient", "5.5.0", "550"
        ),
        _one("outlook_block_list", f"anna@{OUTLOOK}", BLOCK_LIST, "sender", "5.7.1", "550"),
        _one(
            "yahoo_deferred_until_expiry",
            f"lee@{YAHOO}",
            VOLUME,
            "sender",
            "4.7.0",
            "421",
            permanent=False,
        ),
        _several("yahoo_policy_after_dot", [f"kim@{YAHOO}"], AUTH, "5.7.9", "554"),
        _one("icloud_policy", f"fine@{ICLOUD}", POLICY, "sender", "5.7.1", "550"),
        _one("icloud_user_unknown", f"missing@{ICLOUD}", UNKNOWN, "recipient", "5.1.1", "550"),
        _one("mimecast_invalid_recipient", f"nobody@{MIMECAST}", UNKNOWN, "recipient", "", "550"),
        Scenario("mixed_providers", (*unknown, MIXED_GOOD), mixed),
    )


# OpenSMTPD 6.8 writes two notices for the mixed message (one for Gmail's recipient, one for
# the other three; why it splits them was not looked into): the bed takes one notice per
# scenario, so that scenario is left out for it. Gmail's 421-4.7.28 as a
# delay warning (the brief's) is driven for no writer (the module's docstring).
# Courier 1.0.16 keeps its connection to a destination for the next message and does not
# notice that a 421 closed it: its next attempt says RSET on the closed connection ("<<<
# <command failed>") and then reconnects or not before the queue lifetime ends, so its
# notices for the two 421s quoted the 421 in one run and only "<command failed>" in another,
# and the 452 over-quota message to the same destination as Gmail's 421 lost its reply from
# the notice in two runs of four: no stable twin for the live run, so the two 421 scenarios
# are left out for Courier (its 421 in mid-session is judge60's, writer bed 2).
LEFT_OUT = {
    "opensmtpd": frozenset({"mixed_providers"}),
    "courier": frozenset({"gmail_rate_limited_until_expiry", "yahoo_deferred_until_expiry"}),
}


def scenarios_for(writer: str) -> tuple[Scenario, ...]:
    left_out = LEFT_OUT.get(writer, frozenset())
    return tuple(s for s in scenarios() if s.name not in left_out)


# the default suite's run: the scenarios that end without the queue lifetime
QUICK_SCENARIOS = ("gmail_no_such_user", "gmail_unauthenticated_after_dot", "mixed_providers")


sent = writer_bed.quick_sent(scenarios_for, QUICK_SCENARIOS)


missing = writer_bed.missing


def check(
    chosen: tuple[Scenario, ...], _quiet: tuple[Scenario, ...], served: dict[str, Any]
) -> str | None:
    """Rule 6: the mixed message's good address arrived at its destination."""
    if any(s.name == "mixed_providers" for s in chosen):
        arrived = {a for t in served[YAHOO].arrivals for a in t}
        if MIXED_GOOD not in arrived:
            return f"mixed_providers: {MIXED_GOOD} not delivered ({served[YAHOO].arrivals})"
    return None


def dns_records(dns: DnsServer) -> None:
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")


async def send(port: int, scenario: Scenario, writer: str) -> None:
    await writer_bed._send(port, scenario, writer)


TUNING = writer_bed.Tuning(own_address=OWN_ADDRESS)
BED = writer_bed.Bed(
    sent=sent,
    destinations=destinations,
    own_address=OWN_ADDRESS,
    dns_records=dns_records,
    send=send,
    check=check,
    tuning=TUNING,
)

# What each writer's notice states (rule 7), from the bed's first runs (the notices' Status,
# Action and Diagnostic-Code fields and their transcripts, read before any score): every
# writer quotes the destination's reply but where EXPIRED_UNQUOTED says otherwise, so the
# status is the reply's enhanced code; Mimecast's reply has none, and its Status field is
# 5.0.0 for every writer but Sendmail, which states 5.1.1 (MIMECAST_STATUS).
# Postfix joins the lines of a multi-line reply with spaces and folds the Diagnostic-Code
# (smtp_chat.c, bounce templates); Exim quotes each line as it came, codes and all, one per
# line of its notice; Sendmail's Diagnostic-Code keeps the first line only, its transcript
# every line after "<<< "; OpenSMTPD joins the lines with spaces in its text and states 5.0.0
# with no Diagnostic-Code; Courier quotes every line after "<<< "; chasquid keeps the first
# line's code and the continuation lines' enhanced codes only ("5.1.1 double-checking ...",
# Go's textproto), under "MAIL+RCPT" or "DATA closing".
# The 421s at MAIL FROM close the connection (RFC 5321 section 3.8) and every writer retries
# them and the 452 until the queue lifetime ends.
MIMECAST_STATUS = {
    "postfix": "5.0.0",
    "exim": "5.0.0",
    "sendmail": "5.1.1",
    "opensmtpd": "5.0.0",
    "courier": "5.0.0",
    "chasquid": "5.0.0",
}
# Rule 8: the expiries whose notice quotes no reply: OpenSMTPD says only "Envelope expired"
# (Action: delayed, Status 4.4.7) for the 452 and both 421s (Courier's "<command failed>":
# LEFT_OUT below).
# scenario -> (status, reply code) as stated
EXPIRED_UNQUOTED: dict[str, dict[str, tuple[str, str]]] = {
    "opensmtpd": dict.fromkeys(
        (
            "gmail_over_quota_until_expiry",
            "gmail_rate_limited_until_expiry",
            "yahoo_deferred_until_expiry",
        ),
        ("4.4.7", ""),
    ),
}


def _as_stated(writer: str, scenario: str, expected: Expected) -> Expected:
    if expected.address.endswith(f"@{MIMECAST}"):
        return replace(expected, status=MIMECAST_STATUS[writer])
    if scenario in EXPIRED_UNQUOTED.get(writer, {}):
        status, code = EXPIRED_UNQUOTED[writer][scenario]
        reasons = ("expired", *(r for r in expected.reasons if r != "expired"))
        return replace(expected, reasons=reasons, status=status, reply_code=code)
    return expected


GLUE = writer_bed.Glue(
    __name__, "the providers' bed", "real-receivers-providers", BED, scenarios, sent, _as_stated
)
entry, run, write, ADAPTER = GLUE.entry, GLUE.run, GLUE.write, GLUE.adapter
generate = ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
