"""One verdict from the three witnesses of a failure: enhanced status, reply code and text.

They often disagree: servers put one catch-all code (5.0.0, 5.5.0, 5.7.1) on every refusal,
or a 5.1.1 on a full mailbox, or a 550 on "try again later". The order in which they are
believed, and why (docs/bounces.md repeats it for operators):

1. **A sender-side statement in the text** (block list, authentication, reputation, spam, rate,
   too many recipients, relaying, our sender's address refused: Postfix's "Sender address
   rejected: undeliverable address: ... User unknown", Exim's "Sender verify failed") beats
   any status: many servers answer every refused RCPT with 5.1.1 or 5.7.1, and the text is
   the only witness that names the cause. Blaming the recipient for it would suppress a good
   address. Any other sender-side cause the text names (message size, content, a policy,
   TLS or authentication required, a syntax error) beats a status that condemns the
   recipient (x.1.1, x.1.2, x.1.6...): the two disagree about whose fault it is, and the
   reading that keeps the address is taken for rule 3's reason (a wrong suppression loses a
   contact for good); servers that put one code on every refusal put 5.1.1 (Sendmail
   translates a bare 550 to 5.1.1, usersmtp.c). A status that blames neither (5.3.4, 5.7.x)
   keeps its own meaning by rule 4. Likewise the words of a server that puts its addressing
   status on its own failures, where they name that failure (``destination_failure``,
   text_rules.py), beat a status that condemns the address: kopano-dagent writes 5.1.1 on
   every failure at RCPT and DATA, "Internal error during delivery" among them
   (DAgent.cpp). Broad words of a system error do not: under a specific 5.1.1 the status
   stands (rule 4).
2. **A specific recipient statement in the text** ("no such user", "not listed in the
   directory", "account disabled", "domain does not exist") beats a status that is generic
   (x.0.0, x.2.0, x.2.1, x.5.0, x.7.0, x.7.1, x.7.9...) or a specific one of a subject that
   names no condition of an address (x.2.3 message length, x.5.x protocol): the text says more
   about the address than the status does. It also beats the SMTP stage: "user unknown" after
   DATA is an unknown user, except from NTT docomo, whose own hosts document the bare words
   as their reception filter (commands.py). A specific x.7.x detail is not overridden (5.7.23
   SPF, 5.7.25 reverse DNS, 5.7.26 authentication: the status names the cause), nor an
   addressing status (x.1.x): 5.1.8 with "domain of sender address does not exist" is the
   sender's.
3. **Between two recipient conditions, the milder wins** (text "mailbox full" under 5.1.1 is
   a full mailbox): a server that says the mailbox is full has a mailbox, and a wrong
   suppression loses a contact for good while a missed one costs one more bounce.
4. **A specific status beats any other text**: it is a machine-readable code chosen for that
   failure (RFC 3463), while prose is free to mention many things. Except where a status
   that condemns the address stands over words no table knows that speak of our side (a
   policy, SPF, a block list, our sender: ``speaks_of_our_side``) or name a cause that is no
   address's (the service unavailable, RFC 5321's 421/554 texts; a rate or a speed; a thing
   prohibited or not permitted: ``speaks_of_no_address``): the two disagree about whose
   fault it is and neither is believed (undefined, undetermined, never suppressed). Likewise
   where the basic reply code is about the command or the session (RFC 5321 section 4.2.1,
   x0z and x2z: 502, 503 "bad sequence of commands", 421) and the status condemns the
   address: the reply names no mailbox (kopano-dagent's "503 5.1.1" on its own failures);
   the text's reading is taken if it names another cause, else undetermined.
5. **The text beats a generic status**, and the generic status, its subject, then the basic
   reply code (RFC 5321) are the fallbacks, in that order; a temporary status that states
   only its class (4.0.0) gives way to the reply code's meaning.

One exception to rule 4, from RFC 6647 section 2: a greylisting the text states under a class-4
recipient status (Stalwart's "452 4.2.2 Greylisted, please try again in a few moments.") is
the greylisting: the server defers a first attempt on purpose whatever the mailbox, so the
status names no condition of the address.

A recipient condition's words are not the recipient's where the reply names the client's
greeting: "no such domain" beside HELO/EHLO is about the name our client gave there (RFC 5321
section 4.1.1.1), so the client is refused (blocked, the sender's), as at the HELO itself.

Permanence is judged after the reason, in this order: a delay report is temporary; an explicit
temporary wording in the reply ("try again later", "temporarily") is temporary whatever the
class, since the server itself says the failure may pass; a reason that is transient by
definition (mailbox full and mail system full per RFC 3463 x.2.2/x.3.1, queue lifetime expired)
is temporary; a statement that the domain does not exist (NXDOMAIN, no MX and no A, null MX)
is permanent even under a 4.x.x, because the DNS answer is authoritative, unless the wording is
a temporary DNS failure; otherwise the class of the status, then of the reply code.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bounce_parser.reason import (
    ADDRESS_REASONS,
    PARTY_OF_REASON,
    RECIPIENT_REASONS,
    Party,
    Reason,
)
from bounce_parser.status_codes import REPLY_MEANINGS, SUBJECT_REASONS, status_meaning
from bounce_parser.text_rules import (
    DESTINATION_STATEMENT_GROUPS,
    OVERRIDING_REASONS,
    SENDER_STATEMENT_GROUPS,
    TextMatch,
    match_flag,
    match_text,
)

# Milder first: which recipient condition wins when status and text name two of them.
_MILDNESS = (
    Reason.MAILBOX_FULL,
    Reason.SUSPEND,
    Reason.HAS_MOVED,
    Reason.NOT_ACCEPT,
    Reason.USER_UNKNOWN,
    Reason.HOST_UNKNOWN,
)
# "not a temporary error", "permanent failure": the temporary words are not the verdict.
_SAYS_PERMANENT = re.compile(r"permanent|not (?:a )?temporar")
# Status subjects whose specific details name no condition of an address: mailbox policy
# (x.2.3 message length, x.2.4 list expansion) and protocol (x.5.x). A specific security or
# policy detail (x.7.x: 5.7.23 SPF, 5.7.25 reverse DNS, 5.7.26 authentication...) names the
# cause itself and keeps its meaning; only the generic x.7.0, x.7.1 and x.7.9 yield.
_NAMELESS_SUBJECTS = frozenset("25")
# RFC 7505's two null MX codes, X.1.10 (recipient) and X.7.27 (sender), differ only in whose
# domain accepts no mail; sendmail writes "Host does not accept mail" (the answering host's
# domain, RFC 7504's 521 text) under 5.7.27, so there the text says whose it is.
_SENDER_NULL_MX = "7.27"
# The phrase group of a deliberate first-attempt deferral (greylisting.toml).
_GREYLISTING = "greylisting"
# The words of a refused connection ("Connection refused", ECONNREFUSED's strerror as Sendmail
# and Postfix print it: en_generic's network_error) are a client's report that no server
# answered. A server that answered with a security or policy status (RFC 3463 section 3.8,
# X.7.X) was connected: the words are its refusal of our session (RFC 5321 section 3.1: a
# server may refuse a client it will not serve), the client itself not welcome, as
# commands.py reads a refusal of the greeting (Vade's "550 5.7.1 Connection refused" for a
# sending IP on its Threat Network list or without reverse DNS,
# https://postmaster-oxsus.vadesecure.com/ OXSUS0001_101 and _105).
_NETWORK = "network_error"
_REFUSED_SESSION = re.compile(r"\bconnection refused\b")
_POLICY_SUBJECT = "7"
# The client's greeting named in a reply (RFC 5321 section 4.1.1.1): "Invalid HELO/EHLO".
_HELO_NAMED = re.compile(r"\b(?:helo|ehlo)\b")
# Basic reply codes about a command or the session, not the mail system (RFC 5321 section
# 4.2.1's second digit: x0z "syntax", x2z "connections"): 502 command not implemented, 503 bad
# sequence of commands, 421 service closing the channel. Not 500 and 501 (the argument's
# syntax: the address may be it), 504 (Postfix's "504 5.5.2 ... need fully-qualified address")
# nor 521 (RFC 7504: a host that accepts no mail, the domain's).
_COMMAND_REPLIES = frozenset({421, 502, 503})
# Transient by definition: retrying may succeed, so never a permanent verdict.
TRANSIENT_REASONS = frozenset({Reason.MAILBOX_FULL, Reason.SYSTEM_FULL, Reason.EXPIRED})


# Words that name a subject on the sending side, the causes SPEC.md lists as the sender's
# ("the sending IP or domain blocked, failed SPF/DKIM/DMARC, content or spam filtering") and
# RFC 3463's X.7 subjects (security or policy status), as whole words: not a field label
# ("Original Sender:", "Sender-MTA"), and read with addresses, host names and links taken out
# (a domain "dkim.test", "?sender=" in a link). Not "relay": amavisd-new's "Rejected by next-hop
# MTA on relaying" quotes the next hop's own refusal (an unknown user among them), and the
# relaying refusals are read by their phrases (en_generic.toml).
_OUR_SIDE_WORDS = re.compile(
    r"\b(?:spf|dkim|dmarc|helo|ehlo|polic(?:y|ies)|(?:black|block|deny) ?list(?:ed)?|blocked"
    r"|spam\w*|reputation|rbl|dnsbl|authenticat\w*|security|virus|malware"
    r"|spoof\w*|abuse|rate limit\w*|sender)\b(?![:-])",
    re.IGNORECASE,
)
_NAMES = re.compile(r"[^\s<>\[\]()\"',;]*[@./][^\s<>\[\]()\"',;]*")
# Words that name no condition of an address, whoever's side they are on: the service itself
# unavailable (RFC 5321 section 4.2.2's 421 "Service not available, closing transmission
# channel" and 554 "No SMTP service here": the server's state, not a mailbox's), a rate or a
# speed (a volume per unit of time, never an address: Gmail's "receiving email at a rate
# that prevents additional messages", support.google.com/a/answer/3726730), and a thing
# prohibited or not permitted (a rule of the server's, RFC 3463 section 3.8's X.7.X "security
# or policy status": Exim's deny without a message, "550 Administrative prohibition", as
# Debian's Exim writes it in the receivers bed, tests/support/receivers_bed.py).
_NO_ADDRESS_WORDS = re.compile(
    r"\b(?:service (?:is )?(?:currently |temporarily )?(?:unavailable|not available)"
    r"|rate|too (?:fast|quickly)|prohibit\w*|not permitted)\b",
    re.IGNORECASE,
)


def speaks_of_our_side(text: str) -> bool:
    """Whether ``text`` names a subject on the sending side (``_OUR_SIDE_WORDS``)."""
    return bool(text) and _OUR_SIDE_WORDS.search(_NAMES.sub(" ", text)) is not None


def speaks_of_no_address(text: str) -> bool:
    """Whether ``text`` names a cause that is no address's (``_NO_ADDRESS_WORDS``)."""
    return bool(text) and _NO_ADDRESS_WORDS.search(_NAMES.sub(" ", text)) is not None


@dataclass(frozen=True, slots=True)
class Decision:
    """The reason and whose fault it is, with the table entry that decided it."""

    reason: Reason
    party: Party
    rule: str | None


def decide(
    status: str | None, reply_code: int | None, text: str, context: str | None = None
) -> Decision:
    """The reason for a failure, by the order of precedence of this module's docstring."""
    meaning = status_meaning(status)
    if meaning is not None and meaning.permanent_only and (status or "").startswith("4"):
        # RFC 3463 section 3.2 makes X.1.1, X.1.2 and X.1.3 "only useful for permanent
        # failures": under class 4 the code states no finding about the address (Postfix's
        # "450 4.1.1 ... unverified address: ..." while its probe is deferred), so the text
        # is read first, as under a generic code
        meaning = dataclasses.replace(meaning, generic=True)
    found = match_text(text) if text else None
    if found is None and context and (meaning is None or meaning.generic):
        found = match_text(context)
    if found is not None and (
        found.reason in OVERRIDING_REASONS or found.group in SENDER_STATEMENT_GROUPS
    ):
        return _from_text(found)
    if (
        found is not None
        and found.reason is Reason.HOST_UNKNOWN
        and _HELO_NAMED.search(text.lower()) is not None
    ):
        # "No such domain" in a reply that names HELO/EHLO is about the name our client gave
        # there (RFC 5321 section 4.1.1.1: the argument of HELO/EHLO is the client's own
        # domain), not the recipient's domain, whatever command the reply answers; as
        # commands.py reads a refusal of the HELO itself, the client is refused.
        return Decision(Reason.BLOCKED, Party.SENDER, "helo-name:host_unknown")
    if (
        found is not None
        and found.group == _NETWORK
        and meaning is not None
        and meaning.code.split(".")[0] == _POLICY_SUBJECT
        and reply_code is not None
        and _REFUSED_SESSION.search(text.lower()) is not None
    ):
        # A server's reply under X.7.X saying "Connection refused": our session refused
        # (_REFUSED_SESSION's comment), not a connection that failed.
        return Decision(Reason.BLOCKED, Party.SENDER, f"refused-session:{meaning.code}")
    if (
        found is not None
        and found.group == _GREYLISTING
        and meaning is not None
        and meaning.party is Party.RECIPIENT
        and (status or "").startswith("4")
    ):
        # A greylisting stated in a 4yz reply: the server defers a first attempt from an
        # unknown (client, sender, recipient) triple on purpose (RFC 6647 section 2), whatever
        # the mailbox; the recipient status beside it (Stalwart's "452 4.2.2 Greylisted",
        # crates/smtp/src/inbound/rcpt.rs) states no condition of the address.
        return _from_text(found)
    if (
        found is not None
        and meaning is not None
        and PARTY_OF_REASON[found.reason] is Party.SENDER
        and meaning.party is Party.RECIPIENT
    ):
        # Rule 1's second half: the status condemns the address, the text names a cause in
        # our message or session (its size, content, a policy, TLS, a syntax error).
        return _from_text(found)
    if (
        found is not None
        and meaning is not None
        and found.group in DESTINATION_STATEMENT_GROUPS
        and meaning.reason in ADDRESS_REASONS
    ):
        # Rule 1, the destination's own failure: the text says the server failed (kopano-
        # dagent's "503 5.1.1 Internal error during delivery"), the status condemns the
        # address; the reading that keeps the address is taken.
        return _from_text(found)
    if found is not None and meaning is not None and found.reason in RECIPIENT_REASONS:
        if meaning.generic:
            return _from_text(found)
        if meaning.reason in RECIPIENT_REASONS:
            # Two recipient conditions (5.2.2 with "no such user", 5.1.1 with "mailbox full").
            if _milder(found.reason, meaning.reason):
                return _from_text(found)
        elif meaning.code[0] in _NAMELESS_SUBJECTS or (
            meaning.code == _SENDER_NULL_MX and found.reason is Reason.NOT_ACCEPT
        ):
            return _from_text(found)
    if (
        meaning is not None
        and meaning.reason in ADDRESS_REASONS
        and reply_code in _COMMAND_REPLIES
        and (found is None or found.reason not in RECIPIENT_REASONS)
    ):
        # The basic reply code says the command or the session failed (RFC 5321 section
        # 4.2.1: x0z syntax, x2z connections; 503 "Bad sequence of commands", 421 "closing
        # transmission channel"), the status condemns the address: kopano-dagent writes "503
        # 5.1.1" on its own failures (DAgent.cpp). The reply names no mailbox; the text's
        # reading is taken if it names another cause, else neither witness is believed.
        if found is not None:
            return _from_text(found)
        return Decision(Reason.UNDEFINED, Party.UNDETERMINED, f"reply-against-status:{reply_code}")
    if (
        found is None
        and meaning is not None
        and meaning.party is Party.RECIPIENT
        and meaning.reason not in TRANSIENT_REASONS
        and (speaks_of_our_side(text) or speaks_of_no_address(text))
    ):
        # Rule 4's exception: the status condemns the address, and words no table knows speak
        # of our side (a policy, SPF, a block list, our sender). Some filters put one
        # recipient code on every refusal (qmail's chkuser "sorry, you are violating our
        # security policies (#5.1.1 - chkuser)"; smf-spf's "550 5.1.1 Message was rejected
        # during SPF policy evaluation"; Gmail's 5.2.1 on its rate limit); neither witness is
        # believed, the address is kept.
        return Decision(
            Reason.UNDEFINED, Party.UNDETERMINED, f"status-against-words:{meaning.code}"
        )
    if meaning is not None and not meaning.generic:
        return Decision(meaning.reason, meaning.party, f"status:{meaning.code}")
    if found is not None:
        return _from_text(found)
    reply = REPLY_MEANINGS.get(reply_code or 0)
    if (
        meaning is not None
        and meaning.reason is Reason.UNDEFINED
        and (status or "").startswith("4")
        and reply is not None
        and str(reply.code).startswith("4")
        and reply.reason is not Reason.UNDEFINED
    ):
        # A temporary status that states nothing but its class (4.0.0, "Other undefined
        # Status": RFC 3463 section 3.1, the class is all it says; Exim writes it in a delay
        # report for a reply without one) leaves the reply code to say what failed, as it
        # does where no status is given (RFC 5321 section 4.2.2: 421 service not available,
        # 451 local error in processing, 452 insufficient system storage). Only under class
        # 4: none of these readings suppresses an address.
        return Decision(reply.reason, reply.party, f"reply:{reply.code}")
    if meaning is not None:
        return Decision(meaning.reason, meaning.party, f"status:{meaning.code}")
    subject = status.split(".")[1] if status and status.count(".") == 2 else ""
    if subject in SUBJECT_REASONS:
        reason = SUBJECT_REASONS[subject]
        return Decision(reason, PARTY_OF_REASON[reason], f"subject:{subject}")
    if reply is not None:
        return Decision(reply.reason, reply.party, f"reply:{reply.code}")
    return Decision(Reason.UNDEFINED, Party.UNDETERMINED, None)


def is_permanent_failure(
    reason: Reason, status: str | None, reply_code: int | None, text: str, declared: bool | None
) -> bool | None:
    """Whether the failure is permanent (see the docstring's last paragraph); None: unknown.

    ``declared`` is what the notice's format says (an RFC 3464 Action, "permanent error").
    """
    if text and match_flag("temporary", text) and not _SAYS_PERMANENT.search(text.lower()):
        return False
    if reason in TRANSIENT_REASONS:
        return False
    meaning = status_meaning(status)
    if meaning is not None and meaning.transient_only and meaning.reason is reason:
        return False
    no_domain = reason in (Reason.HOST_UNKNOWN, Reason.NOT_ACCEPT)
    if no_domain and text and match_flag("no_such_domain", text):
        return True
    if status:
        return status.startswith("5")
    if reply_code is not None:
        reply = REPLY_MEANINGS.get(reply_code)
        if reply is not None and reply.transient_only and reply.reason is reason:
            return False
        return 500 <= reply_code < 600
    return declared


def _from_text(found: TextMatch) -> Decision:
    return Decision(found.reason, PARTY_OF_REASON[found.reason], found.rule)


def _milder(text_reason: Reason, status_reason: Reason) -> bool:
    if text_reason not in _MILDNESS or status_reason not in _MILDNESS:
        return False
    return _MILDNESS.index(text_reason) < _MILDNESS.index(status_reason)
