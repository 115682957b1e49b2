"""One verdict from an SMTP reply: status code first, then the diagnostic text.

The same function judges a synchronous reply on the send path and each recipient of a DSN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bounce_parser.commands import COMMAND_OF_VERB, COMMAND_PATTERNS, COMMAND_RULES, from_docomo
from bounce_parser.precedence import Decision, decide, is_permanent_failure
from bounce_parser.reason import ADDRESS_REASONS, PARTY_OF_REASON, Party, Reason
from bounce_parser.status_codes import status_meaning
from bounce_parser.text_rules import match_text

__all__ = ["Reason", "Verdict", "classify_reply", "find_command", "find_reply_code", "find_status"]

# Both patterns start with a character class (the lookbehinds come after it) so that the
# regex engine can skip ahead to candidate digits instead of trying every position.
_STATUS = re.compile(r"([245])(?<![\d.][245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")
_REPLY = re.compile(r"([245](?<![^\s:(\[<;][245])\d\d)(?=[ ,;-]|:(?:\s|$)|$)", re.MULTILINE)
# The "552-5.7.0 " that starts every continuation line of a multi-line SMTP reply.
_CONTINUATION = re.compile(
    r"(?:\n[ \t]*(?:<<< ?)?[245]\d\d[ -]|\s(?:<<< ?)?[245]\d\d-)(?:[245]\.\d{1,3}\.\d{1,3} )?(?=\S)"
)


# How much of a recipient's context (the notice around it) the text rules read.
MAX_CONTEXT = 1500


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a reply means: the reason, whether the address is bad, and the status behind it."""

    reason: Reason
    hard: bool
    status: str | None
    party: Party = Party.UNDETERMINED
    permanent: bool = False
    rule: str | None = None  # the table entry that decided the reason


def find_status(text: str) -> str | None:
    """The first failure (4.x.x/5.x.x) enhanced status code in ``text``, else a 2.x.x one."""
    success = None
    for match in _STATUS.finditer(text):
        if match.group(1) != "2":
            return ".".join(match.groups())
        success = success or ".".join(match.groups())
    return success


def find_reply_code(text: str) -> int | None:
    """The first failure (4xx/5xx) SMTP reply code in ``text``, else a 2xx one."""
    success = None
    for match in _REPLY.finditer(text):
        code = int(match.group(1))
        if code >= 400:
            return code
        success = success or code
    return success


def join_reply_lines(text: str) -> str:
    """A multi-line SMTP reply as one sentence, without the code repeated on every line."""
    first = _REPLY.search(text)
    if first is None:
        return text
    head, rest = text[: first.end()], _CONTINUATION.sub(" ", text[first.end() :])
    opening = _OPENING_STATUS.match(rest)
    if opening is None:
        return head + rest
    status = opening.group(1)
    if status not in rest[opening.end() :]:
        return head + rest
    tail = re.sub(rf"(?<!\d\d[ -])(?<=\s){re.escape(status)}\s+", "", rest[opening.end() :])
    return head + rest[: opening.end()] + tail


# The enhanced status that opens a reply's text ("550 5.7.1 The user ..."). A client that
# reads a multi-line reply with Go's net/textproto (Reader.ReadResponse, as chasquid's does)
# keeps only the first line's code and takes "550-" off every other line, so each later line
# starts with the enhanced status alone (RFC 2034 section 4 puts it at the start of the text of
# each line): "... has a policy that\n5.7.1 prohibited the mail ...". Repeated inside the
# reply's own text, and not after a reply code (a quoted reply of its own), that status is
# such a line's start, not a word of the sentence.
_OPENING_STATUS = re.compile(r"\s*([245]\.\d{1,3}\.\d{1,3})\s")


_WRAPPED = re.compile(r"[ \t]*\n[ \t]+")


def find_command(text: str) -> str | None:
    """The SMTP command (CONN, HELO, MAIL, RCPT, DATA) a reply in ``text`` answered, if named.

    A line the MTA wrapped is read joined: Postfix folds each recipient's line of its
    notice at 79 columns with a four-space indent (bounce_notify_util.c
    ``bounce_print_wrap``), so "(in reply to MAIL" may end one line and "FROM command)"
    begin the next. Only an indented continuation is joined: sendmail's transcript starts
    each line at the margin ("<<< 554").
    """
    low = text.lower()
    if "\n " in low or "\n\t" in low:
        low = _WRAPPED.sub(" ", low)
    best: tuple[int, str] | None = None
    for pattern in COMMAND_PATTERNS:
        for match in pattern.finditer(low):
            if best is None or match.start() > best[0]:
                best = (match.start(), match.group(1))
    if best is None:
        return None
    return next(command for key, command in COMMAND_OF_VERB if key in best[1])


def preferred_status(
    field: str | None, diagnostic: str | None, *, expired: bool = False
) -> str | None:
    """The DSN Status field, unless the remote's own reply carries a more specific code.

    Of the other class only on an ``expired`` final notice whose field says no more than that
    the MTA failed or gave up (X.0.0, X.4.7, 5.4.300): the remote refused with 4xx until the
    MTA gave up (Exim writes 5.0.0 for every failed address, deliver.c); or whose field is
    the reply's own code with only its class changed, the MTA's failure over the last
    refusal (Haraka writes the 4.y.z of the last reply as 5.y.z when it gives up,
    outbound/hmail.js convert_temp_failed_to_bounce).
    """
    if diagnostic is None or diagnostic == field:
        return field
    if field is None:
        return diagnostic
    if field[0] == diagnostic[0]:
        return diagnostic
    if expired and (field[1:] in _ONLY_FAILED or field[1:] == diagnostic[1:]):
        return diagnostic
    return field


# Field statuses that on a final notice after retries say only that the MTA failed or gave up:
# X.0.0 (Exim, deliver.c), X.4.7 "Delivery time expired" (RFC 3463 section 3.5) and Exchange
# Online's 5.4.300 "Message expired" (its NDR chains the last reply after it: "550 5.4.300
# Message expired -> 452 4.2.2 The recipient's inbox is out of storage space", as quoted in
# message traces and NDRs, e.g. learn.microsoft.com Q&A 1037084).
_ONLY_FAILED = frozenset({".0.0", ".4.7", ".4.300"})


def reason_from_text(text: str) -> Reason | None:
    """The reason the first matching rule of the text tables gives, or None."""
    found = match_text(text)
    return found.reason if found else None


def reason_for(
    status: str | None, text: str, command: str | None = None, context: str | None = None
) -> Reason:
    """The reason for an enhanced status, a diagnostic text (else its context) and command."""
    return decide_at(status, None, text, command, context).reason


def decide_at(
    status: str | None,
    reply_code: int | None,
    text: str,
    command: str | None = None,
    context: str | None = None,
    *,
    recipient: str | None = None,
    remote: str | None = None,
) -> Decision:
    """``precedence.decide``, then what the SMTP command that failed changes about it.

    ``recipient`` and ``remote`` (the address and the Remote-MTA, when known) say whose
    server answered, for the one rule that belongs to a single provider (docomo's filter).
    """
    # A multi-line reply is one sentence once the "552-5.7.0 " of each line is gone.
    joined = join_reply_lines(text) if text else text
    decision = decide(
        status, reply_code, joined, join_reply_lines(context[:MAX_CONTEXT]) if context else None
    )
    if command == "MAIL" and decision.party is Party.RECIPIENT:
        # Whatever the status says, the recipient was not yet named (RFC 5321 section 3.3).
        return Decision(Reason.REJECTED, Party.SENDER, "command:MAIL")
    if is_specific(status):
        return decision
    subject = status.split(".")[1] if status else ""
    # The words the reason was read from: the diagnostic, else the notice around it.
    words = text if match_text(text) is not None else context or ""
    docomo = from_docomo(recipient, remote, f"{text}\n{(context or '')[:MAX_CONTEXT]}")
    for rule in COMMAND_RULES:
        if rule.applies(command, decision.reason, subject, words, docomo):
            party = PARTY_OF_REASON[rule.becomes]
            return Decision(rule.becomes, party, f"command:{command}")
    return decision


def is_specific(status: str | None) -> bool:
    """Whether an enhanced status names a reason on its own (``5.1.1`` does, ``5.0.0`` not)."""
    meaning = status_meaning(status)
    return meaning is not None and not meaning.generic


def is_permanent(status: str | None, reply_code: int | None) -> bool | None:
    """True for a 5.x.x/5xx failure, False for 4.x.x/4xx (or success), None when unknown."""
    if status:
        return status.startswith("5")
    if reply_code is not None:
        return 500 <= reply_code < 600
    return None


def is_success(status: str | None, reply_code: int | None) -> bool:
    """Whether the reply reports a delivery rather than a failure."""
    if status:
        return status.startswith("2")
    return reply_code is not None and 200 <= reply_code < 300


def is_hard(reason: Reason, permanent: bool | None) -> bool:
    """Whether the address itself is bad: an address reason with a failure that is not 4xx."""
    return reason in ADDRESS_REASONS and permanent is not False


def verdict_hard(party: Party, permanent: bool | None, reason: Reason) -> bool:
    """The suppress bit: a permanent failure that is the recipient's fault.

    An unknown permanence (a free-text notice with no code) counts as permanent only for a
    reason that condemns the address by itself.
    """
    if party is not Party.RECIPIENT:
        return False
    return permanent is True or (permanent is None and reason in ADDRESS_REASONS)


def classify_reply(
    reply_code: int | None,
    status: str | None,
    text: str,
    *,
    command: str | None = None,
    recipient: str | None = None,
    remote: str | None = None,
) -> Verdict:
    """Judge one SMTP reply (code, enhanced status, text) as a reason and a hard/soft verdict.

    ``command`` is the verb the reply answered (``"RCPT"``, ``"DATA"``...) when known;
    ``recipient`` the address and ``remote`` the host that answered, when known.
    """
    status = status or find_status(text)
    reply_code = reply_code or find_reply_code(text)
    permanent = is_permanent(status, reply_code)
    if is_success(status, reply_code):
        return Verdict(Reason.DELIVERED, False, status or "2.0.0")
    decision = decide_at(status, reply_code, text, command, recipient=recipient, remote=remote)
    permanent = is_permanent_failure(decision.reason, status, reply_code, text, permanent)
    if status is None and reply_code is not None and reply_code >= 400:
        status = f"{reply_code // 100}.0.0"
    hard = verdict_hard(decision.party, permanent, decision.reason)
    return Verdict(decision.reason, hard, status, decision.party, permanent is True, decision.rule)
