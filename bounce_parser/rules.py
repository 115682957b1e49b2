"""The classifier's data: what an RFC 3463 status means, and what a diagnostic text says.

Two ordered tables, no logic. ``STATUS_REASONS`` maps ``subject.detail`` of an enhanced status
code (RFC 3463 and the IANA registry, plus the few vendor details seen in the wild) to a reason;
``GENERIC_STATUSES`` are the details that say too little, so the text is read first.
``TEXT_RULES`` is tried top to bottom on the lower-cased diagnostic; the first match wins, so
the narrower and the sender-side rules come before the broad ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bounce_parser.reason import Reason as R

STATUS_REASONS: dict[str, R] = {
    "1.1": R.USER_UNKNOWN,
    "1.2": R.HOST_UNKNOWN,
    "1.3": R.USER_UNKNOWN,
    "1.4": R.USER_UNKNOWN,
    "1.6": R.HAS_MOVED,
    "1.7": R.REJECTED,
    "1.8": R.REJECTED,
    "1.9": R.SYSTEM_ERROR,
    "1.10": R.NOT_ACCEPT,
    "2.1": R.SUSPEND,
    "2.2": R.MAILBOX_FULL,
    "2.3": R.EXCEED_LIMIT,
    "2.4": R.SYSTEM_ERROR,
    "3.1": R.SYSTEM_FULL,
    "3.2": R.NOT_ACCEPT,
    "3.3": R.SYSTEM_ERROR,
    "3.4": R.MESG_TOO_BIG,
    "3.5": R.SYSTEM_ERROR,
    "4.0": R.NETWORK_ERROR,
    "4.1": R.NETWORK_ERROR,
    "4.2": R.NETWORK_ERROR,
    "4.3": R.SYSTEM_ERROR,
    "4.4": R.HOST_UNKNOWN,
    "4.5": R.SYSTEM_FULL,
    "4.6": R.NETWORK_ERROR,
    "4.7": R.EXPIRED,
    "5.1": R.SYNTAX_ERROR,
    "5.2": R.SYNTAX_ERROR,
    "5.3": R.EXCEED_LIMIT,
    "5.4": R.SYNTAX_ERROR,
    "5.5": R.SYSTEM_ERROR,
    "5.6": R.SYNTAX_ERROR,
    "6.0": R.CONTENT_ERROR,
    "6.1": R.CONTENT_ERROR,
    "6.2": R.CONTENT_ERROR,
    "6.3": R.CONTENT_ERROR,
    "6.4": R.CONTENT_ERROR,
    "6.5": R.CONTENT_ERROR,
    "6.6": R.CONTENT_ERROR,
    "6.7": R.CONTENT_ERROR,
    "6.8": R.CONTENT_ERROR,
    "6.9": R.CONTENT_ERROR,
    "6.10": R.CONTENT_ERROR,
    "7.2": R.POLICY_VIOLATION,
    "7.3": R.SECURITY_ERROR,
    "7.4": R.SECURITY_ERROR,
    "7.5": R.SECURITY_ERROR,
    "7.6": R.SECURITY_ERROR,
    "7.7": R.SECURITY_ERROR,
    "7.8": R.SECURITY_ERROR,
    "7.9": R.SECURITY_ERROR,
    "7.10": R.SECURITY_ERROR,
    "7.11": R.SECURITY_ERROR,
    "7.12": R.SECURITY_ERROR,
    "7.13": R.SUSPEND,
    "7.14": R.SECURITY_ERROR,
    "7.15": R.POLICY_VIOLATION,
    "7.16": R.MESG_TOO_BIG,
    "7.17": R.HAS_MOVED,
    "7.18": R.HAS_MOVED,
    "7.19": R.HAS_MOVED,
    "7.20": R.AUTH_FAILURE,
    "7.21": R.AUTH_FAILURE,
    "7.22": R.AUTH_FAILURE,
    "7.23": R.AUTH_FAILURE,
    "7.24": R.AUTH_FAILURE,
    "7.25": R.REQUIRE_PTR,
    "7.26": R.AUTH_FAILURE,
    "7.27": R.NOT_ACCEPT,
    "7.28": R.SPAM_DETECTED,
    "7.29": R.AUTH_FAILURE,
    "7.30": R.SECURITY_ERROR,
    # Microsoft 365: 5.7.606-649 banned sending IP, 4.7.650+ IP reputation, 5.7.509 DMARC.
    "7.606": R.BLOCKED,
    "7.650": R.BAD_REPUTATION,
    "7.509": R.AUTH_FAILURE,
}

# Details that name only a broad area: the text decides, the status is the fallback.
GENERIC_STATUSES = frozenset(
    {"0.0", "1.0", "1.3", "1.10", "2.0", "2.1", "3.0", "4.0", "4.1", "5.0", "7.0", "7.1", "7.9"}
)

# Sender-side evidence in the text outweighs a recipient status: a "5.1.1 ... blocked using
# a DNSBL" reply says nothing reliable about the address.
OVERRIDING_REASONS = frozenset(
    {
        R.BLOCKED,
        R.BAD_REPUTATION,
        R.REQUIRE_PTR,
        R.AUTH_FAILURE,
        R.SPAM_DETECTED,
        R.VIRUS_DETECTED,
        R.SPEEDING,
        R.TOO_MANY_CONN,
        R.NO_RELAYING,
        R.FILTERED,
    }
)

# Fallback when neither the detail nor the text says anything more precise.
SUBJECT_REASONS: dict[str, R] = {
    "1": R.USER_UNKNOWN,
    "2": R.FILTERED,
    "3": R.SYSTEM_ERROR,
    "4": R.NETWORK_ERROR,
    "5": R.SYNTAX_ERROR,
    "6": R.CONTENT_ERROR,
    "7": R.SECURITY_ERROR,
}


@dataclass(frozen=True, slots=True)
class Phrase:
    """One wording, and a literal it cannot match without (a cheap test before the regex)."""

    pattern: re.Pattern[str]
    literal: str

    def search(self, low: str) -> bool:
        """Whether the lower-cased text contains this wording."""
        return self.literal in low and self.pattern.search(low) is not None


@dataclass(frozen=True, slots=True)
class TextRule:
    """One reason and the phrases in a diagnostic text that mean it."""

    reason: R
    phrases: tuple[Phrase, ...]

    def matches(self, low: str) -> bool:
        """Whether any phrase occurs in the lower-cased text."""
        return any(phrase.search(low) for phrase in self.phrases)


_SPECIAL = frozenset("\\()[]{}?*+|.^$")


def required_literal(phrase: str) -> str:
    """The longest literal every match of ``phrase`` contains (``""`` when there is none).

    Only text outside groups and classes counts, and a character a quantifier makes optional
    is dropped, so the literal is a necessary condition: testing it first changes no result.
    """
    runs, run, depth, index = [""], "", 0, 0
    while index < len(phrase):
        char = phrase[index]
        if char == "\\" or char in "[(" or depth:
            depth += (char == "(") - (char == ")") if char in "()" else 0
            runs.append(run)
            run = ""
            index += 2 if char == "\\" else 1
            if char == "[":
                index = phrase.index("]", index + 1) + 1
            continue
        if char == "|":
            return ""  # a top-level alternative needs none of the other's text
        if char in _SPECIAL:
            runs.append(run[:-1] if char in "?*{" else run)
            run = ""
            if char == "{":
                index = phrase.index("}", index)
        else:
            run += char
        index += 1
    runs.append(run)
    return max(runs, key=len)


def _rule(reason: R, *phrases: str) -> TextRule:
    return TextRule(reason, tuple(Phrase(re.compile(p), required_literal(p)) for p in phrases))


TEXT_RULES: tuple[TextRule, ...] = (
    _rule(
        R.NO_RELAYING,
        r"relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))",
        r"(?:not permitted|unable|not allowed) to relay",
        r"we do not relay",
        r"relaying (?:mail )?(?:to .+ )?(?:is )?(?:not|prohibited|denied)",
        r"\bno relaying\b",
    ),
    _rule(
        R.AUTH_FAILURE,
        r"\bspf\b",
        r"\bdkim\b",
        r"\bdmarc\b",
        r"sender policy framework",
        r"sender (?:domain )?authentication failed",
        r"unauthenticated (?:e-?mail|message)",
        r"fails? to pass authentication",
        r"authentication (?:checks|information)",
    ),
    _rule(
        R.REQUIRE_PTR,
        r"reverse (?:dns|lookup|hostname|name)",
        r"\bptr\b",
        r"\brdns\b",
        r"no (?:dns )?(?:host ?name|name) for (?:your )?(?:ip|host)",
        r"cannot find your hostname",
        r"(?:ip|host) (?:name )?(?:address )?(?:does not|doesn't) (?:resolve|match)",
        r"unresolv(?:able|ed) (?:ip|host|address)",
        r"ip name lookup failed",
        r"mismatch(?:es)? (?:the )?client ip",
        r"unverif\w* sending ip",
    ),
    _rule(R.BAD_REPUTATION, r"reputation"),
    _rule(
        R.SPAM_DETECTED, r"(?:black|block)listed (?:url|link|domain in)", r"\buribl\b", r"\bsurbl\b"
    ),
    _rule(
        R.BLOCKED,
        r"blocked using",
        r"black ?list",
        r"block ?list",
        r"\bdnsbl\b",
        r"\brbl\b",
        r"spamhaus",
        r"spamcop",
        r"client host .*(?:blocked|rejected|refused)",
        r"(?:your|sending|the) (?:ip|server|host|network)(?: address)? .*(?:blocked|listed|banned)",
        r"(?:ip|host) (?:address )?(?:is )?(?:blocked|banned|listed)",
        r"listed (?:in|on|at|by) ",
        r"connection (?:refused|rejected|denied) (?:by|from|to)? ?\[?\d",
        r"access denied.* \[\d",
        r"banned sending ip",
        r"not allowed to send (?:mail )?from",
        r"invalid ip for sending",
        r"smtp server of your (?:isp|provider)",
        r"may not be mail exchanger",
    ),
    _rule(R.VIRUS_DETECTED, r"virus", r"malware", r"infected", r"trojan"),
    _rule(
        R.SPAM_DETECTED,
        r"\bspam\b",
        r"spam (?:content|message|detected)",
        r"junk mail",
        r"unsolicited",
        r"bulk (?:e-?)?mail",
        r"message (?:looks|seems) like",
        r"classified as",
    ),
    _rule(
        R.MAILBOX_FULL,
        r"mail ?box (?:is )?(?:full|over)",
        r"over ?quota",
        r"quota (?:exceeded|full|violation)",
        r"exceed(?:ed|s)? (?:the |his |her |their )?(?:storage|quota|mailbox)",
        r"(?:mailbox|inbox|account|mailfolder) (?:is |has )?(?:full|exceeded)",
        r"(?:not enough|insufficient) (?:storage|space) in (?:the )?mailbox",
        r"mailbox size limit",
        r"user is over",
        r"disk quota",
        r"mailbox exceeds",
    ),
    _rule(
        R.SYSTEM_FULL,
        r"(?:disk|file ?system|spool|queue) (?:is )?full",
        r"insufficient (?:system )?storage",
        r"out of (?:disk|storage|space)",
        r"mail system full",
    ),
    _rule(
        R.MESG_TOO_BIG,
        r"message (?:is )?(?:too (?:large|big)|size exceeds)",
        r"(?:message|mail) size (?:limit|exceeds)",
        r"exceeds? (?:the )?(?:maximum )?(?:message )?size",
        r"size limit",
        r"too large",
        r"line (?:length )?limit exceeded",
    ),
    _rule(
        R.SPEEDING,
        r"rate limit",
        r"rate(?:-| )?limited",
        r"too many (?:messages|mails|e-?mails)",
        r"sending rate",
        r"throttl",
        r"too many recipients (?:this|per|in the last) (?:hour|minute|day)",
    ),
    _rule(
        R.EXCEED_LIMIT,
        r"too many recipients",
        r"recipient limit",
        r"message length exceeds",
    ),
    _rule(
        R.HAS_MOVED,
        r"has moved",
        r"address (?:has )?changed",
        r"moved to ",
        r"no longer (?:available|at) (?:this|that) address",
    ),
    _rule(
        R.SUSPEND,
        r"(?:account|mailbox|user|address|recipient) (?:has been |is )?"
        r"(?:disabled|suspended|deactivated|inactive|frozen|locked)",
        r"(?:disabled|suspended|inactive|deactivated) (?:account|mailbox|user|recipient)",
        r"temporarily (?:disabled|suspended|inactive)",
        r"account expired",
    ),
    _rule(
        R.HOST_UNKNOWN,
        r"host (?:or domain name )?(?:not found|unknown)",
        r"unknown (?:host|domain)",
        r"domain (?:name )?(?:not found|does not exist|doesn't exist|is not valid)",
        r"no such (?:domain|host)",
        r"name or service not known",
        r"unrouteable mail domain",
        r"\bnxdomain\b",
        r"no (?:mx|mail exchanger|mail server|route) (?:record )?(?:found )?for",
        r"dns (?:lookup )?(?:error|failure).*(?:domain|host)",
        r"domain (?:is )?not (?:hosted|found|in)",
        r"domain (?:is )?(?:not reachable|unreachable)",
        r"(?:^|[\s<\[(])(?:[a-z0-9-]+\.)+[a-z]{2,}>? does not exist",
    ),
    _rule(
        R.NOT_ACCEPT,
        r"null mx",
        r"does not accept (?:e-?)?mail",
        r"(?:accepts|accepting) no (?:e-?)?mail",
        r"not accepting (?:e-?)?mail",
    ),
    _rule(
        R.USER_UNKNOWN,
        r"user (?:name )?(?:unknown|not found|does not exist|doesn't exist)",
        r"unknown (?:user|recipient|local ?part|address|mailbox)",
        r"no such (?:user|mailbox|recipient|address|account|person)",
        r"(?:recipient|mailbox|address|account|addressee|user) (?:is )?"
        r"(?:unknown|not found|invalid|unavailable|does not exist|doesn't exist|not exist)",
        r"(?:recipient|mailbox|address|account|e-?mail address|user) (?:\S+ )?"
        r"(?:does not|doesn't|did not) exist",
        r"invalid (?:recipient|mailbox|address|user)",
        r"(?:not a valid|bad destination|nonexistent|non-existent|unknown or illegal) "
        r"(?:mailbox|user|recipient|address)",
        # Microsoft's directory-based edge blocking: the recipient is not in the directory.
        r"recipient address rejected: access denied",
        r"invalid (?:final delivery )?user ?id",
        r"(?:address|recipient) (?:was not|wasn.t) found",
        r"recipient (?:name )?(?:is )?not (?:found|recognized)",
        r"(?:user|mailbox|recipient) (?:is )?not (?:local|known|found|valid|here)",
        r"no mailbox (?:here|by that name)",
        r"unrouteable address",
        r"doesn't have a .{1,40} account",
        r"addressee unknown",
        r"not our customer",
        r"mailbox unavailable",
        r"account (?:that you tried to reach )?(?:does not exist|is unavailable|not found)",
        r"no valid recipients",
        r"unknown or invalid",
    ),
    _rule(
        R.REJECTED,
        r"sender (?:address |domain )?(?:rejected|refused|denied|verify failed|unknown|invalid)",
        r"(?:envelope|from) (?:address|sender) (?:rejected|refused|denied|invalid)",
        r"domain of sender address",
        r"badmailfrom",
        r"(?:sender|from) (?:address )?(?:is )?not (?:allowed|permitted|authorized)",
        r"unknown sender",
        r"mail from .* rejected",
        r"unroutable sender",
        r"sending this from a different address",
        r"provide a valid from",
        r"purported responsible address",
    ),
    _rule(
        R.FILTERED,
        r"content filter",
        r"filtered",
        r"refused by (?:the )?(?:user|recipient)",
        r"(?:user|recipient) (?:has )?(?:refused|rejected|blocked)",
        r"recipient(?:'s)? preferences",
    ),
    _rule(R.NETWORK_ERROR, r"dns (?:query|lookup) failed"),
    _rule(
        R.EXPIRED,
        r"retry time(?:out)? (?:was |has been )?(?:exceeded|reached)",
        r"(?:delivery|message|queue) (?:time |lifetime )?(?:expired|timed? ?out)",
        r"could not be delivered (?:with)?in",
        r"too long in (?:the )?queue",
        r"giving up",
        r"expired after",
        r"not (?:been )?delivered (?:for|after|in) \d+",
        r"retried for \d+ more",
        r"failing for a long time",
        r"failed \d+ attempts",
        r"did not accept our requests to connect",
        r"undelivered after \d+",
        r"will keep trying until",
    ),
    _rule(
        R.TOO_MANY_CONN,
        r"too many (?:concurrent |simultaneous )?(?:connections|sessions)",
        r"connection limit",
        r"frequency limited",
    ),
    _rule(
        R.POLICY_VIOLATION,
        r"policy (?:violation|reasons)",
        r"violat(?:es|ion|ed) (?:of )?(?:our |the )?(?:\w+ )?polic",
        r"not (?:allowed|permitted) by (?:\w+ )?policy",
        r"prohibited by",
        r"potential security issue",
    ),
    _rule(
        R.SECURITY_ERROR,
        r"authentication (?:is )?required",
        r"must (?:be authenticated|authenticate|use (?:starttls|tls))",
        r"(?:starttls|encryption|tls) (?:is )?required",
        r"insecure",
        r"unauthenticated senders?",
        r"delivery not authori[sz]ed",
    ),
    _rule(
        R.NETWORK_ERROR,
        r"(?:connection|connect) (?:timed out|refused|reset|lost)",
        r"lost connection",
        r"network (?:is )?(?:unreachable|error)",
        r"(?:routing|mail) loop",
        r"too many hops",
        r"could not connect",
        r"no route to host",
    ),
    _rule(
        R.MAILER_ERROR,
        r"mailer error",
        r"(?:program|command|pipe) (?:failed|died|exited)",
        r"unknown mailer",
        r"x-unix;",
        r"exit (?:code|status) \d",
        r"procmail",
        r"pipe to \|",
    ),
    _rule(
        R.SYNTAX_ERROR,
        r"syntax error",
        r"command (?:unrecognized|not recognized)",
        r"unrecognized command",
        r"bad sequence",
        r"malformed (?:address|recipient)",
    ),
    _rule(
        R.NOT_COMPLIANT_RFC,
        r"rfc ?5322",
        r"rfc ?2822",
        r"not (?:rfc|rfc-)? ?compliant",
        r"multiple (?:from|date|subject|message-id) headers",
        r"multiple addresses in from",
    ),
    _rule(
        R.CONTENT_ERROR,
        r"content (?:rejected|error|not allowed)",
        r"(?:illegal|invalid|improper) (?:characters|header|content|attachment)",
        r"message header",
        r"mime",
    ),
    _rule(R.ON_HOLD, r"\bon hold\b"),
    _rule(
        R.SYSTEM_ERROR,
        r"system error",
        r"internal (?:server )?error",
        r"local (?:error|configuration error)",
        r"server error",
        r"temporary (?:failure|error|problem)",
    ),
)

# Detail numbers for a reason inferred without any status in the message: ``5.0.911`` means
# "permanent, user unknown, from text". These follow Sisimai's private x.0.9NN convention so
# reports line up with tools that use its taxonomy; RFC 3463 leaves x.0.9NN unassigned.
PSEUDO_DETAILS: dict[R, str] = {
    R.UNDEFINED: "900",
    R.ON_HOLD: "901",
    R.SYNTAX_ERROR: "902",
    R.NO_RELAYING: "909",
    R.FILTERED: "910",
    R.USER_UNKNOWN: "911",
    R.HOST_UNKNOWN: "912",
    R.HAS_MOVED: "916",
    R.REJECTED: "918",
    R.SUSPEND: "921",
    R.MAILBOX_FULL: "922",
    R.EXCEED_LIMIT: "923",
    R.SYSTEM_ERROR: "930",
    R.SYSTEM_FULL: "931",
    R.NOT_ACCEPT: "932",
    R.MESG_TOO_BIG: "934",
    R.MAILER_ERROR: "939",
    R.NETWORK_ERROR: "944",
    R.TOO_MANY_CONN: "945",
    R.SPEEDING: "946",
    R.EXPIRED: "947",
    R.CONTENT_ERROR: "960",
    R.SECURITY_ERROR: "970",
    R.BLOCKED: "971",
    R.POLICY_VIOLATION: "972",
    R.REQUIRE_PTR: "973",
    R.AUTH_FAILURE: "974",
    R.BAD_REPUTATION: "975",
    R.NOT_COMPLIANT_RFC: "976",
    R.SPAM_DETECTED: "980",
    R.VIRUS_DETECTED: "981",
}

# Which SMTP command a reply answered, in the wordings of transcripts and notices. The last
# one named before the reply is the one that failed.
COMMANDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CONN", re.compile(r"after (?:the )?initial connection|(?:smtp )?greeting|banner")),
    ("HELO", re.compile(r"after e?hlo|in reply to e?hlo|>>> ?e?hlo\b|our e?hlo")),
    ("MAIL", re.compile(r"after mail from|in reply to mail from|>>> ?mail from|\[mail_from\]")),
    # "503 Need RCPT" after a pipelined DATA means the RCPT before it was the one refused.
    (
        "RCPT",
        re.compile(
            r"after rcpt to|in reply to rcpt to|>>> ?rcpt to|\[rcpt_to\]|our rcpt"
            r"|<<< ?503[ -].*(?:rcpt|recipient)"
        ),
    ),
    (
        "DATA",
        re.compile(
            r"after (?:end of )?data|in reply to (?:end of )?data|>>> ?data\b|\[data\]"
            r"|after pipelined data|our data|after sending (?:the )?message"
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class CommandRule:
    """A reason read from the text that means something else when a given command failed."""

    commands: frozenset[str]
    reasons: frozenset[R]
    becomes: R


COMMAND_RULES: tuple[CommandRule, ...] = (
    # The address was accepted at RCPT; a later "unknown user" is a filter speaking.
    CommandRule(frozenset({"DATA"}), frozenset({R.USER_UNKNOWN}), R.FILTERED),
    # A refusal of MAIL FROM is about our sender address, not the recipient.
    CommandRule(
        frozenset({"MAIL"}),
        frozenset({R.USER_UNKNOWN, R.HOST_UNKNOWN, R.UNDEFINED, R.SUSPEND, R.SYNTAX_ERROR}),
        R.REJECTED,
    ),
    # Refused before any address was named: the client itself is not welcome.
    CommandRule(
        frozenset({"CONN", "HELO"}),
        frozenset({R.UNDEFINED, R.USER_UNKNOWN, R.REJECTED, R.SECURITY_ERROR, R.SYSTEM_ERROR}),
        R.BLOCKED,
    ),
)
