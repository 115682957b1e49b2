"""When status, reply code and text disagree: precedence.py's order, case by case, and party."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from bounce_parser import Party, Reason, classify_reply, parse, suppresses
from bounce_parser.report import Bounce
from bounce_parser.status_codes import REPLY_MEANINGS, STATUS_MEANINGS
from tests.support.dsn import dsn

R, P = Reason, Party

# id, reply code, status, text, reason, party, permanent
PRECEDENCE = [
    # 1. a sender-side statement beats a recipient status
    (
        "dnsbl-under-5.1.1",
        550,
        "5.1.1",
        "blocked using zen.spamhaus.org",
        R.BLOCKED,
        P.SENDER,
        True,
    ),
    (
        "spf-under-5.1.1",
        550,
        "5.1.1",
        "SPF check failed for sender",
        R.AUTH_FAILURE,
        P.SENDER,
        True,
    ),
    # ... and so does a limit on the sender's message or rate (RFC 5321 4.5.3.1.10's "too
    # many recipients"): the address was never judged.
    (
        "too-many-recipients-under-5.1.1",
        550,
        "5.1.1",
        "192.0.2.1 has sent to too many recipients",
        R.EXCEED_LIMIT,
        P.SENDER,
        True,
    ),
    # ... a rate limit is read before the spam words that explain it (Google's 4.7.28), and
    # Google's policy refusal in both wordings of its page ("the mail", "the email")
    (
        "rate-limit-with-spam-words",
        421,
        "4.7.28",
        "[192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating "
        "from your IP address. To protect our users from spam, mail sent from your IP address "
        "has been temporarily rate limited.",
        R.SPEEDING,
        P.SENDER,
        False,
    ),
    (
        "gmail-policy-the-mail",
        550,
        "5.7.1",
        "The user or domain that you are sending to (or from) has a policy that prohibited "
        "the mail that you sent. Please contact your domain administrator for further details.",
        R.POLICY_VIOLATION,
        P.SENDER,
        True,
    ),
    # ... Yahoo's refusal of the sending IP beats 5.7.2's "mailing list expansion" (RFC 3463)
    (
        "yahoo-ip-refused-under-5.7.2",
        553,
        "5.7.2",
        "[TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT "
        "succeed. See https://postmaster.yahooinc.com/error-codes",
        R.BLOCKED,
        P.SENDER,
        True,
    ),
    # ... and "Recipient address rejected: Access denied" is Microsoft's unknown recipient
    # only under its 5.4.1 (directory-based edge blocking); under 5.7.1 it is Postfix's
    # access-table REJECT, a policy refusal that says nothing of the mailbox
    (
        "access-denied-postfix-5.7.1",
        554,
        "5.7.1",
        "<a@b.example>: Recipient address rejected: Access denied",
        R.SECURITY_ERROR,
        P.SENDER,
        True,
    ),
    (
        "access-denied-microsoft-5.4.1",
        550,
        "5.4.1",
        "550 5.4.1 [a@b.example]: Recipient address rejected: Access denied",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    # 2. a recipient statement beats a generic or policy/protocol/mailbox-policy status
    (
        "no-such-user-under-5.0.0",
        550,
        "5.0.0",
        "No such user here",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    ("no-such-user-under-5.5.0", 550, "5.5.0", "No such user", R.USER_UNKNOWN, P.RECIPIENT, True),
    ("no-such-user-under-5.2.1", 550, "5.2.1", "No such user", R.USER_UNKNOWN, P.RECIPIENT, True),
    ("unknown-user-under-5.2.0", 550, "5.2.0", "Unknown user", R.USER_UNKNOWN, P.RECIPIENT, True),
    (
        "disabled-under-5.7.1",
        550,
        "5.7.1",
        "This account has been disabled",
        R.SUSPEND,
        P.RECIPIENT,
        True,
    ),
    # ... but not a specific x.7.x detail: it names the cause (RFC 4954's 5.7.8 with Cyrus
    # SASL's SASL_NOUSER text is our relay's login refused, not the recipient)...
    (
        "specific-5.7.8-keeps-its-meaning",
        535,
        "5.7.8",
        "Authentication credentials invalid: user not found",
        R.SECURITY_ERROR,
        P.SENDER,
        True,
    ),
    # ... except whose null MX RFC 7505's X.7.27 is: sendmail's "Host does not accept mail"
    (
        "null-mx-5.7.27-of-the-host",
        550,
        "5.7.27",
        "Host does not accept mail",
        R.NOT_ACCEPT,
        P.RECIPIENT,
        True,
    ),
    # ... nor an addressing status about the sender
    (
        "sender-domain-under-5.1.8",
        553,
        "5.1.8",
        "Domain of sender address x@sender.example does not exist",
        R.REJECTED,
        P.SENDER,
        True,
    ),
    # 3. between two recipient conditions the milder wins, and a full mailbox is transient
    ("full-under-5.1.1", 550, "5.1.1", "Mailbox full", R.MAILBOX_FULL, P.RECIPIENT, False),
    ("no-such-user-under-5.2.2", 552, "5.2.2", "No such user", R.MAILBOX_FULL, P.RECIPIENT, False),
    # 4. a specific status beats other text
    ("5.1.1-with-chatter", 550, "5.1.1", "Recipient rejected", R.USER_UNKNOWN, P.RECIPIENT, True),
    # 5. text beats a generic status; the reply code is the last fallback
    ("text-over-5.0.0", 554, "5.0.0", "Message too large", R.MESG_TOO_BIG, P.SENDER, True),
    ("reply-521", 521, None, "", R.NOT_ACCEPT, P.RECIPIENT, True),
    ("reply-552-transient", 552, None, "", R.MAILBOX_FULL, P.RECIPIENT, False),
    ("nothing-said", 554, None, "Transaction failed", R.UNDEFINED, P.UNDETERMINED, True),
    # permanence
    (
        "550-try-again-later",
        550,
        None,
        "Mailbox unavailable, please try again later",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        False,
    ),
    (
        "not-a-temporary-error",
        550,
        "5.1.1",
        "User unknown; this is not a temporary error",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    (
        "temporarily-disabled",
        550,
        "5.2.1",
        "Mailbox temporarily disabled",
        R.SUSPEND,
        P.RECIPIENT,
        False,
    ),
    (
        "nxdomain-under-4xx",
        451,
        "4.4.0",
        "DNS lookup failed: domain does not exist (NXDOMAIN)",
        R.HOST_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    (
        "dns-try-again-stays-temporary",
        451,
        "4.4.3",
        "Host or domain name not found. Name service error for name=x.example type=MX: "
        "Host not found, try again",
        R.SYSTEM_ERROR,  # 4.4.3 "directory server failure" is specific (rule 4)
        P.TRANSIENT,
        False,
    ),
    ("expired-5.4.7", 554, "5.4.7", "Delivery time expired", R.EXPIRED, P.TRANSIENT, False),
    ("unknown-4.1.1", 450, "4.1.1", "User unknown", R.USER_UNKNOWN, P.RECIPIENT, False),
    ("no-answer", 451, "4.4.1", "No answer from host", R.NETWORK_ERROR, P.TRANSIENT, False),
    # RFC 3463 section 3.2: X.1.1, X.1.2, X.1.3 are "only useful for permanent failures";
    # under class 4 they state no finding, so the text is read first (Postfix's 4.1.1 on its
    # address probe's deferral, smtpd_check.c); under class 5 the code keeps its meaning
    (
        "unverified-address-under-4.1.1",
        450,
        "4.1.1",
        "<a@b.example>: Recipient address rejected: unverified address: "
        "Address verification in progress",
        R.SYSTEM_ERROR,
        P.TRANSIENT,
        False,
    ),
    (
        "unverified-address-under-5.1.1",
        550,
        "5.1.1",
        "<a@b.example>: Recipient address rejected: unverified address: "
        "Address verification in progress",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    ("bare-4.1.1-keeps-its-subject", 450, "4.1.1", "", R.USER_UNKNOWN, P.RECIPIENT, False),
    # a temporary status that states only its class (4.0.0, RFC 3463 section 3.1) leaves the
    # reply code to say what failed (RFC 5321 section 4.2.2's 451, 421, 452)
    (
        "temporary-class-only-status-and-451",
        451,
        "4.0.0",
        "Error while writing spool file",
        R.SYSTEM_ERROR,
        P.TRANSIENT,
        False,
    ),
    (
        "temporary-class-only-status-and-452",
        452,
        "4.0.0",
        "queue is full",
        R.SYSTEM_FULL,
        P.TRANSIENT,
        False,
    ),
    # ... not under class 5, where a reply code's recipient reading would suppress (553)
    (
        "permanent-class-only-status-and-553",
        553,
        "5.0.0",
        "sorry, that is not allowed here",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    # 4's exception: words no table knows that speak of our side (a policy, a block list, our
    # sender) under a status that condemns the address: neither is believed, nothing
    # suppressed (chkuser puts "#5.1.1" on its refusals of a session: qmail_addons.toml)
    (
        "unknown-words-of-a-policy-under-5.1.1",
        550,
        "5.1.1",
        "Denied by site policy",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    (
        "unknown-words-of-a-list-under-5.2.1",
        550,
        "5.2.1",
        "Your host is on our deny list",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    # ... not a word inside an address, a host name or a link, nor a field label
    (
        "a-domain-is-no-word",
        550,
        "5.1.1",
        "<a@dkim.test>: refused",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    (
        "a-link-is-no-word",
        550,
        "5.1.1",
        "see https://policy.example/?sender=a@b.example",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    (
        "a-field-label-is-no-word",
        550,
        "5.1.1",
        "Original Sender: <a@b.example>",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    # A reply code about the command or the session (RFC 5321 section 4.2.1, x0z and x2z: 503
    # bad sequence of commands) under a status that condemns the address: the reply names no
    # mailbox, neither witness is believed (kopano-dagent's "503 5.1.1" on its own failures).
    (
        "bad-sequence-reply-under-5.1.1",
        503,
        "5.1.1",
        "Request not completed",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    (
        "command-not-implemented-reply-under-5.1.1",
        502,
        "5.1.1",
        "Request not completed",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    # ... but a recipient statement in the text is still believed, and a 501 (the argument's
    # syntax, which may be the address) is not such a reply
    (
        "bad-sequence-reply-with-user-unknown",
        503,
        "5.1.1",
        "User unknown",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    (
        "argument-syntax-reply-under-5.1.3",
        501,
        "5.1.3",
        "Bad recipient address syntax",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    # Rule 4's exception, words that name no address's condition: the service unavailable
    # (RFC 5321's 421/554 texts), a rate or a speed, a thing prohibited or not permitted
    (
        "service-unavailable-under-5.2.1",
        550,
        "5.2.1",
        "Service unavailable",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    (
        "service-unavailable-under-5.3.2",
        550,
        "5.3.2",
        "Service currently unavailable",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    (
        "a-rate-under-5.2.1",
        550,
        "5.2.1",
        "This mailbox receives messages at a rate that is too high",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    (
        "too-fast-under-5.2.1",
        550,
        "5.2.1",
        "Messages arrive too fast for this mailbox",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    (
        "prohibited-under-5.1.1",
        550,
        "5.1.1",
        "Delivery prohibited",
        R.UNDEFINED,
        P.UNDETERMINED,
        True,
    ),
    ("not-permitted-under-5.1.1", 550, "5.1.1", "Not permitted", R.UNDEFINED, P.UNDETERMINED, True),
    # ... and not over a recipient statement the tables know, nor RFC 7504's 521 host
    (
        "not-permitted-with-no-such-user",
        550,
        "5.1.1",
        "Recipient not permitted: no such user",
        R.USER_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    (
        "null-mx-host-under-5.3.2",
        521,
        "5.3.2",
        "Host does not accept mail",
        R.NOT_ACCEPT,
        P.RECIPIENT,
        True,
    ),
    # "No such domain" said of the name our client gave at HELO/EHLO (RFC 5321 4.1.1.1) is the
    # client's, not the recipient's domain; without HELO it is the recipient's
    (
        "helo-name-no-such-domain",
        554,
        "5.7.1",
        "Cannot resolve HELO name relay.example: no such domain",
        R.BLOCKED,
        P.SENDER,
        True,
    ),
    (
        "no-such-domain-without-helo",
        554,
        "5.7.1",
        "no such domain",
        R.HOST_UNKNOWN,
        P.RECIPIENT,
        True,
    ),
    # A DNS server's failure (RFC 1035 4.1.1, RCODE 2) says nothing of the domain
    (
        "servfail-under-5.1.0",
        550,
        "5.1.0",
        "Lookup failed: ESERVFAIL example.org",
        R.NETWORK_ERROR,
        P.TRANSIENT,
        True,
    ),
]


@pytest.mark.parametrize(
    ("code", "status", "text", "reason", "party", "permanent"),
    [pytest.param(*case[1:], id=case[0]) for case in PRECEDENCE],
)
def test_precedence(
    code: int, status: str | None, text: str, reason: Reason, party: Party, permanent: bool
) -> None:
    verdict = classify_reply(code, status, text)
    assert (verdict.reason, verdict.party, verdict.permanent) == (reason, party, permanent)
    assert verdict.hard is (permanent and party is Party.RECIPIENT)


@pytest.mark.parametrize("party", list(Party))
@pytest.mark.parametrize("permanent", [True, False])
def test_only_a_permanent_recipient_verdict_suppresses(party: Party, permanent: bool) -> None:
    bounce = Bounce(
        "a@b.example", None, "failed", "5.0.0", 550, None, None, None, R.UNDEFINED, False,
        party=party, permanent=permanent,
    )  # fmt: skip
    assert suppresses(bounce) is bounce.suppresses is (permanent and party is Party.RECIPIENT)


def _table() -> dict[str, list[dict[str, object]]]:
    text = resources.files("bounce_parser").joinpath("data/status_codes.toml").read_text("utf-8")
    return tomllib.loads(text)


_RFC_3463_LAST = ((1, 8), (2, 4), (3, 5), (4, 7), (5, 5), (6, 5), (7, 7))
RFC_3463 = [f"{s}.{d}" for s, last in _RFC_3463_LAST for d in range(last + 1)]
REGISTRY_ADDITIONS = ["1.9", "1.10", "3.6", "5.6", "6.6", "6.7", "6.8", "6.9", "6.10"] + [
    f"7.{d}" for d in range(8, 31)
]


def test_status_table_covers_rfc3463_and_the_registry() -> None:
    missing = [c for c in ["0.0", *RFC_3463, *REGISTRY_ADDITIONS] if c not in STATUS_MEANINGS]
    assert not missing


def test_reply_table_covers_rfc5321_failures() -> None:
    rfc5321 = {421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555}
    assert rfc5321 | {521, 556} <= set(REPLY_MEANINGS)


def test_every_code_entry_names_its_source() -> None:
    for entry in [*_table()["status"], *_table()["reply"]]:
        source = str(entry["source"])
        assert source.startswith(("RFC ", "https://", "IANA ")), entry
        assert entry["permanence"] in ("class", "transient"), entry
        # "only useful for permanent failures": RFC 3463 section 3.2 says it of these three
        assert entry.get("permanent_only", False) is (entry["code"] in ("1.1", "1.2", "1.3"))
        Reason(str(entry["reason"]))
        Party(str(entry["party"]))


@pytest.mark.parametrize(
    ("status", "reply", "party"),
    [
        ("4.3.2", "451 4.3.2 System not accepting network messages", Party.TRANSIENT),
        ("5.3.2", "550 5.3.2 System not accepting network messages", Party.RECIPIENT),
    ],
)
def test_a_system_not_accepting_mail_for_now_is_the_systems_not_the_recipients(
    status: str, reply: str, party: Party
) -> None:
    # RFC 3463 section 3.4: X.3.2's examples are an imminent shutdown, excessive load and
    # maintenance, the receiving system's state; only under class 5 is the address's host
    # refusing mail for good (a dead address, as a null MX is).
    raw = dsn(
        "bounce@relay.example",
        "someone@receiver.example",
        status=status,
        diagnostic=f"smtp; {reply}",
    )
    (bounce,) = parse(raw).recipients
    assert (bounce.reason, bounce.party) == (Reason.NOT_ACCEPT, party)
    assert suppresses(bounce) is (party is Party.RECIPIENT)


@pytest.mark.parametrize(
    "stored",
    [
        # Exim's delay report: "Status: 4.0.0" for "451 Error while writing spool file", a
        # refusal after the data; the stage rule had read it as our content (filtered)
        "composed/exim-spool-write-error-delay.eml",
        "composed/simplelogin-mailbox-domain-problem-delay.eml",
    ],
)
def test_a_temporary_refusal_after_data_with_a_class_only_status_is_the_systems(
    stored: str,
) -> None:
    raw = (Path(__file__).parent / stored).read_bytes()
    got = {(b.reason, b.party) for b in parse(raw).recipients}
    assert got == {(R.SYSTEM_ERROR, P.TRANSIENT)}
