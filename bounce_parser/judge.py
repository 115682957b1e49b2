"""From what a format read to a classified ``Bounce``: reason, hard/soft and a status."""

from __future__ import annotations

import dataclasses
import re

from bounce_parser.classify import (
    decide_at,
    find_command,
    find_status,
    is_permanent,
    preferred_status,
    verdict_hard,
)
from bounce_parser.precedence import is_permanent_failure
from bounce_parser.reason import PARTY_OF_REASON, RECIPIENT_REASONS, Party, Reason
from bounce_parser.report import SUCCESS_ACTIONS, Bounce, Finding
from bounce_parser.status_codes import PSEUDO_DETAILS
from bounce_parser.text_rules import match_text, says_gave_up

_UNNAMED_TEMPORARY = frozenset({Reason.UNDEFINED, Reason.SYSTEM_ERROR, Reason.NETWORK_ERROR})
# the rules of precedence.py that read a reason from a generic status alone: the security and
# policy statuses x.7.0, x.7.1, x.7.9 and the mailbox statuses x.2.0, x.2.1 (RFC 3463 sections
# 3.8 and 3.3), which under class 4 name no lasting cause (see _reason's final notice)
_GENERIC_STATUS_ALONE = frozenset(
    {"status:7.0", "status:7.1", "status:7.9", "status:2.0", "status:2.1"}
)
# Sendmail's status for a 550 answer to RCPT that carries no enhanced status code (usersmtp.c
# smtprcpt(): ENHSCN(enhsc, "5.1.1"); enhsc is read only from a server that announced
# ENHANCEDSTATUSCODES) translates the reply code, and RFC 5321 section 4.2.3 gives 550 to "no
# access, or command rejected for policy reasons" as well as to a mailbox not found: such a
# 5.1.1 says no more than the code ("550 Sender verify failed" becomes 5.1.1), so only its
# class is evidence. Its 551 -> 5.1.6 and 553 -> 5.1.3 say what those codes say, and stand.
_STATUS_OF_BARE_REPLY = {550: "5.1.1"}


def pseudo_status(reason: Reason, permanent: bool | None, command: str | None = None) -> str | None:
    """``5.0.9NN``/``4.0.9NN`` for a reason read from text alone (see status_codes.PSEUDO_DETAILS).

    A refusal of MAIL FROM gets ``x.0.901``: no recipient was considered. Relaying denied is
    the exception, being about the recipient's domain whatever command it answered.
    """
    at_mail_from = command == "MAIL" and reason is not Reason.NO_RELAYING
    detail = "901" if at_mail_from else PSEUDO_DETAILS.get(reason)
    if detail is None:
        return None
    return f"{4 if permanent is False else 5}.0.{detail}"


def judge(finding: Finding) -> Bounce:
    """Classify one finding: reason and party by precedence.py, then permanence."""
    text = finding.diagnostic or ""
    gave_up = finding.gave_up or _gave_up_on_transient(finding) or says_gave_up(text)
    if finding.action == "delayed" and gave_up:
        # The MTA ended its retries and dropped the copy, whatever its wrapper says: OpenSMTPD
        # 6.8 sends "Envelope expired" (queue.c, IMSG_QUEUE_EXPIRE deletes the envelope) in a
        # notice with Action: delayed. A failure, and by its cause a temporary one.
        finding = dataclasses.replace(finding, action="failed")
    quoted = _last_hop_status(text) if gave_up else None
    quoted = quoted or _quoted_status(finding, text)
    status = preferred_status(finding.status, quoted, expired=gave_up)
    # The status the notice states stays the reported one; whether it says why is another
    # matter (a Status that only spells the reply code says nothing, see _spells_reply_code).
    telling = None if quoted is None and _spells_reply_code(status, finding.reply_code) else status
    reply = finding.reply_code
    party, permanent, rule = Party.UNDETERMINED, False, None
    # A 2xx code inside a failure notice is a transcript line; only the status or action count.
    if finding.action in SUCCESS_ACTIONS or (status or "").startswith("2"):
        reason, hard = Reason.DELIVERED, False
    else:
        command = finding.command or find_command(text)
        reason, party, rule = _reason(finding, telling, reply, text, command, gave_up)
        verdict = is_permanent_failure(reason, status, reply, text, finding.permanent)
        if finding.action == "delayed" or gave_up or _unreached(reason, reply):
            # A delay report never condemns an address, whatever code it quotes; nor does the
            # MTA's giving up: it retried because each refusal was temporary (Exim still
            # writes 5.0.0 over a quoted "450 4.2.1 Mailbox disabled"), so the condition named
            # was reported as one that may pass.
            verdict = False
        hard = verdict_hard(party, verdict, reason)
        permanent = verdict is True or hard
        if status is None:
            # The class the notice gives (not our verdict); given up after retrying a
            # temporary error: the error itself was of class 4.
            stated = is_permanent(status, reply)
            stated = finding.permanent if stated is None else stated
            status = pseudo_status(reason, False if gave_up else stated, command)
    return Bounce(
        address=finding.address,
        original_recipient=finding.original_recipient,
        action=finding.action,
        status=status,
        reply_code=reply,
        diagnostic=finding.diagnostic,
        reporting_mta=finding.reporting_mta,
        remote_mta=finding.remote_mta,
        reason=reason,
        hard=hard,
        party=party,
        permanent=permanent,
        rule=rule,
    )


def _spells_reply_code(status: str | None, reply: int | None) -> bool:
    """Whether a Status field is only the basic reply code with dots ("553" as 5.5.3), when
    the reply names no enhanced code of its own: Stalwart writes the reply code's digits as
    the Status for such a reply (crates/smtp/src/queue/dsn.rs write_dsn_status), and so does
    Outlook.com's DSN ("Status: 5.5.0" over "550 Requested action not taken: mailbox
    unavailable", the shared corpus). RFC 3463's second and third digits are a subject and a
    detail, not the reply code's, so the field says no reason (5.5.2 would read "syntax
    error" over "552 Message size exceeds maximum permitted") and the reply's words decide
    it; the field stays the status reported, as the notice states it."""
    return status is not None and reply is not None and status.replace(".", "") == str(reply)


def _unreached(reason: Reason, reply: int | None) -> bool:
    """Whether the failure is that the remote host was never reached (no reply quoted, a
    network condition named): RFC 3463 section 3.5 gives X.4.1 "No answer from host" and
    X.4.2 "Bad connection" as useful only as persistent transient errors, so a final notice
    for one is the MTA giving up (Courier 1.0.16: Status 5.0.0, "unknown; Network is down",
    when its queuetime ends on a host that refuses connections or never greets)."""
    return reason is Reason.NETWORK_ERROR and reply is None


def _gave_up_on_transient(finding: Finding) -> bool:
    """Whether a final notice's one quoted reply is a transient one (RFC 5321 section 4.2.1:
    4yz, the command may be repeated): the MTA turned a temporary refusal into a failure only
    by ending its retries, whatever its own Status says (Courier 1.0.16 writes Status 5.0.0 and
    the last 450 and no other words when its queuetime ends, as the real-MTA bed shows)."""
    reply = finding.reply_code
    return finding.action == "failed" and reply is not None and 400 <= reply < 500


def _quoted_status(finding: Finding, text: str) -> str | None:
    """The enhanced status in the words about the recipient, unless they quote no reply under
    a Status field that states the expiry (X.4.7, RFC 3463): the code is then the MTA's own
    statement about one attempt (Sendmail's "451 4.4.1 reply: read error", usersmtp.c reply(),
    for a server that never answered, a line its transcript does not mark as the remote's
    "<<< "), and the MTA's final word on the recipient is the Status field."""
    if finding.reply_code is None and (finding.status or "")[1:] == ".4.7":
        return None
    found = find_status(text)
    if found is not None and finding.about_sender and _unstated_by_the_reply(text):
        # The reply names our sender and opens without an enhanced code of its own: a code
        # further on is another server's answer about our sender, which the receiver quotes
        # (Exim's sender callout, verify.c: "Verification failed for <sender>" ... "Response:
        # 550 5.1.1 ..." ... "Sender verify failed"), not the receiver's status for the
        # recipient; the notice's Status field stands.
        return None
    if found is not None and found[0] == "2" and (finding.reply_code or 0) >= 400:
        # A 2.x.x beside a failure reply: a section or version number in its words
        # (freetext._codes), not a delivery.
        return None
    return found


# A reply's own opening: its code, then its enhanced status if it has one (RFC 2034 section 4)
_REPLY_OPENING = re.compile(r"\s*[45]\d\d[ -]\s*(?:[45]\.\d{1,3}\.\d{1,3}\b)?")


def _unstated_by_the_reply(text: str) -> bool:
    """Whether ``text`` opens with a reply code that has no enhanced status beside it."""
    opening = _REPLY_OPENING.match(text)
    return opening is not None and not re.search(r"\d\.\d", opening.group())


def _last_hop_status(text: str) -> str | None:
    """The status of the last reply in an Exchange expiry chain ("550 5.4.300 Message expired
    -> 451 4.4.397 Error communicating with target host. -> 421 4.4.2 Connection dropped"):
    each " -> " hands on the reply of the next hop, the last is the remote server's own, the
    status an expiry reports (docs/bounces.md, "The status of an expiry")."""
    if " -> " not in text:
        return None
    for hop in reversed(text.split(" -> ")[1:]):
        status = find_status(hop)
        if status is not None:
            return status
    return None


def _stated(status: str | None, reply: int | None, text: str, command: str | None) -> str | None:
    """The status as evidence: only its class where it is a bare RCPT reply code translated."""
    translated = reply is not None and _STATUS_OF_BARE_REPLY.get(reply) == status
    if status is None or command != "RCPT" or not translated or find_status(text) is not None:
        return status
    return f"{status[0]}.0.0"


# Readings that blame the recipient, or name nothing: a recipient condition, nothing at all,
# or a filter read from a generic mailbox status alone (x.2.0) rather than from words.
_NAMES_NO_SENDER_CAUSE = frozenset({*RECIPIENT_REASONS, Reason.UNDEFINED, Reason.SYNTAX_ERROR})


def _blames_the_recipient(reason: Reason, rule: str | None) -> bool:
    from_code = rule is None or rule.startswith(("status:", "subject:", "reply:"))
    return reason in _NAMES_NO_SENDER_CAUSE or (reason is Reason.FILTERED and from_code)


def _reason(
    finding: Finding,
    status: str | None,
    reply: int | None,
    text: str,
    command: str | None,
    gave_up: bool,
) -> tuple[Reason, Party, str | None]:
    """Reason, party and deciding rule: the format's own reading, else precedence.py."""
    if finding.about_neighbour:  # another recipient's reply: nothing said of this one
        return Reason.UNDEFINED, Party.UNDETERMINED, "neighbour-quoted"
    if finding.reason is not None:  # the format read it (a localised notice, SES's subtype)
        return finding.reason, PARTY_OF_REASON[finding.reason], "format"
    decision = decide_at(
        _stated(status, reply, text, command),
        reply,
        text,
        command,
        finding.context,
        recipient=finding.address,
        remote=finding.remote_mta,
    )
    reason, party, rule = decision.reason, decision.party, decision.rule
    if finding.about_sender and _blames_the_recipient(reason, rule):
        # The reply quotes our sender's address or names its domain, and not the recipient's
        # (RFC 5321 section 4.2: a server names what it refuses; Postfix, with its default
        # smtpd_delay_reject, refuses the sender at RCPT TO, and content checks after DATA
        # name the sender too): a mailbox or domain condition it states is our sender's.
        reason, party, rule = Reason.REJECTED, Party.SENDER, "sender-quoted"
    # A final notice quoting a 4xx reply, or saying the MTA stopped retrying (Exim writes
    # Status 5.0.0 with "retry timeout exceeded"): the queue lifetime ran out on a temporary
    # failure (greylisting, a lookup failure, a busy server) that names no cause of its own.
    # Without an enhanced status the quoted reply code is the class (RFC 5321 section 4.2.1:
    # 4yz is a transient negative completion): "421 Service not available" in a final
    # notice is the last of the temporary refusals the MTA retried until it gave up.
    # A 4xx reply under a Status of class 5 is the same: the MTA rewrote the class when it
    # gave up (Haraka 3.3.4 outbound/hmail.js convert_temp_failed_to_bounce turns 4.x.x into
    # 5.x.x and keeps the remote's "451 4.7.1 Greylisted" as the Diagnostic-Code).
    transient_reply = reply is not None and 400 <= reply < 500
    final_4xx = finding.action == "failed" and (
        (status or "").startswith("4") or transient_reply or gave_up
    )
    # The stage alone (a refusal of the connection is our client's, classify.py) names no
    # cause either when the refusal was transient and retried until the MTA gave up: RFC 5321
    # section 3.1 lets a server greet with 421 when it cannot serve now (Courier's final notice
    # quotes ">>> (initial greeting)" then "<<< 421 ... Service not available").
    from_stage = (rule or "").startswith("command:") and gave_up
    # A temporary X.7.0, X.7.1 or X.7.9 read from the status alone names no cause either:
    # RFC 3463 section 3.8 makes them the generic security and policy statuses ("delivery not
    # authorized"), and under class 4 (section 3.1, persistent transient failure) the
    # receiver refused only for now. A final notice quoting one is the queue lifetime's end:
    # postfwd's rate() action (its manual: "450 4.7.1 ..." while a counter is over its
    # limit) and any access(5) DEFER_IF_PERMIT answered with Postfix's default 450 4.7.1.
    # Likewise a temporary X.2.0 or X.2.1 (section 3.3: "something about the destination
    # mailbox", a mailbox "only temporarily disabled"): destinations put them on their own
    # failures (Cyrus lmtpd's "451 4.2.0 Mailbox has an invalid format" and "451 4.2.1
    # Mailbox Moved", imap/lmtpengine.c), and retried until the MTA gave up they say nothing
    # lasting of the mailbox. Only where the words are silent: a reply that says why (a
    # volume or rate limit, a listing, a full mailbox) names its cause, and the status keeps
    # it on its side.
    generic_status = (
        rule in _GENERIC_STATUS_ALONE
        and (status or "").startswith("4")
        and match_text(text.lower()) is None
    )
    if final_4xx and (reason in _UNNAMED_TEMPORARY or from_stage or generic_status):
        reason, rule = Reason.EXPIRED, "final-notice:4xx"
    elif gave_up and reply is None and (rule or "").startswith("status:"):
        # The MTA's own status, with no reply quoted, in a notice that says it retried until
        # it gave up: only a temporary condition is retried, so the status is the MTA's label
        # for its last attempt, not a finding about the address (Haraka writes "5.1.2 (550
        # Tried all MXs <domain>)" for servers that never answered, and 5.1.0 for a DNS
        # lookup that kept failing, under "Too many failures (...)").
        reason, rule = Reason.EXPIRED, "final-notice:gave-up"
    if reason is Reason.EXPIRED:
        party = Party.TRANSIENT
    elif reason is Reason.NOT_ACCEPT and (
        (status or "").startswith("4") or (not status and transient_reply)
    ):
        # RFC 3463 section 3.4's X.3.2 "System not accepting network messages": its examples
        # ("an imminent shutdown, excessive load, or system maintenance") are the receiving
        # system's state, so a temporary one says nothing of the recipient's address or
        # mailbox: the system's, transient (the "network, system, timeouts"). Under
        # class 5 the host refuses mail for good, and the address with it.
        party = Party.TRANSIENT
    return reason, party, rule
