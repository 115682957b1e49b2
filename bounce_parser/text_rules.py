"""What a diagnostic text says: an ordered table of reasons and the phrases that mean them.

``TEXT_RULES`` is tried top to bottom on the lower-cased diagnostic; the first rule with a
matching phrase wins, so the narrower and the sender-side rules come before the broad ones.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bounce_parser.phrases import TextRule, required_literal
from bounce_parser.phrases import rule as _rule
from bounce_parser.reason import Reason as R

__all__ = [
    "OVERRIDING_REASONS",
    "TEXT_RULES",
    "TextMatch",
    "TextRule",
    "match_flag",
    "match_text",
    "required_literal",
]

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


TEXT_RULES: tuple[TextRule, ...] = (
    _rule(
        R.NO_RELAYING,
        r"relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))",
        r"(?:not permitted|unable|not allowed) to relay",
        r"we do not relay",
        r"relaying (?:mail )?(?:to .+ )?(?:is )?(?:not|prohibited|denied)",
        r"\bno relaying\b",
        r"insecure mail relay",
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
    # A listed address (ours, the sender's) rather than a listed IP: the sender is refused.
    _rule(
        R.REJECTED,
        r"(?:e-?mail|sender|an|your|from) address (?:that |which )?(?:has been |is |was )?"
        r"(?:black|block)listed",
    ),
    _rule(
        R.SPAM_DETECTED, r"(?:black|block)listed (?:url|link|domain in)", r"\buribl\b", r"\bsurbl\b"
    ),
    _rule(
        R.BLOCKED,
        r"blocked using",
        # "...may be blacklisted" lists possible causes; it reports no block.
        r"(?<!may be )black ?list",
        r"(?<!may be )block ?list",
        r"\bdnsbl\b",
        r"rbl\b",  # also a provider's own list named like "...RBL"
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
        r"not accepting connections",
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
        R.NOT_ACCEPT,
        r"null mx",
        r"does not accept (?:e-?)?mail",
        r"(?:accepts|accepting) no (?:e-?)?mail",
        r"not accepting (?:e-?)?mail",
        # No MX at all: the domain publishes no way to receive mail.
        r"no mx (?:record|host)s? (?:found )?for",
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
        r"no (?:mail exchanger|mail server|route) (?:record )?(?:found )?for",
        r"dns (?:lookup )?(?:error|failure).*(?:domain|host)",
        r"domain (?:is )?not (?:hosted|found|in)",
        r"domain may not exist",
        r"domain (?:is )?(?:not reachable|unreachable)",
        r"(?:^|[\s<\[(])(?:[a-z0-9-]+\.)+[a-z]{2,}>? does not exist",
    ),
    # "550 : User unknown", the address left out: a recipient's filter refusing this sender
    # (the wording Japanese mobile carriers use), not a missing mailbox.
    _rule(R.FILTERED, r"\b[45]\d\d:? *: user unknown"),
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
        # "has": the person refused; a bare "recipient rejected" is the server refusing RCPT.
        r"(?:user|recipient) has (?:refused|rejected|blocked)",
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
        # A timeout or an unreachable host reported by a notice (not a live reply) is a
        # temporary condition retried until the queue lifetime ran, or is running, out.
        r"(?:connection|connect) timed out",
        r"host (?:is )?(?:not reachable|unreachable)",
        r"could not find a gateway",
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
        r"header error",
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
        r"(?:connection|connect) (?:refused|reset|lost)",
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
        r"(?:does not|doesn't) support (?:start)?tls",
    ),
)


# Wordings that qualify a failure rather than name its reason (see precedence.py).
FLAGS: dict[str, TextRule] = {
    # The server itself says the failure may pass.
    "temporary": _rule(
        R.UNDEFINED,
        r"(?:try|retry|resend)(?: (?:again|sending|it))?,? (?:later|in (?:a few|\d+) \w+)",
        r"temporar(?:y|ily)",
        r"host not found, try again",
        r"malformed (?:or unexpected )?name server reply",
        r"name service error.*try again",
    ),
    # The recipient's domain does not exist or publishes no way to receive mail.
    "no_such_domain": _rule(
        R.UNDEFINED,
        r"\bnxdomain\b",
        r"domain (?:name )?(?:not found|does not exist|doesn't exist)",
        r"unrouteable (?:mail )?(?:domain|address)",
        r"no such domain",
        r"host (?:or domain name )?not found",
        r"no (?:mx|mail exchanger)(?: record)?s? (?:or|and|nor) (?:no )?a record",
        r"null mx",
    ),
}


@dataclass(frozen=True, slots=True)
class TextMatch:
    """The reason a text gives, and the rule that matched (``file:index``)."""

    reason: R
    rule: str


@functools.lru_cache(maxsize=64)
def match_text(text: str) -> TextMatch | None:
    """The first rule of the text table that matches, or None."""
    low = text.lower()
    for index, rule in enumerate(TEXT_RULES):
        # Inlined Phrase.search: this loop is the hottest code of a parse.
        for phrase in rule.phrases:
            if phrase.literal in low and phrase.pattern.search(low) is not None:
                return TextMatch(rule.reason, f"en:{index}")
    return None


@functools.lru_cache(maxsize=64)
def match_flag(flag: str, text: str) -> bool:
    """Whether the text carries the qualifying wording ``flag`` (a key of ``FLAGS``)."""
    return FLAGS[flag].matches(text.lower())
