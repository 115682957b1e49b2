"""Shared reading of free-text bounces: which addresses failed, and the words about each."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from bounce_parser.classify import find_command, find_reply_code, find_status, join_reply_lines
from bounce_parser.fields import address_spans, addresses_in, is_system_address
from bounce_parser.mail import Mail
from bounce_parser.notice import (
    envelope_sender_addresses,
    prose_addresses,
    quoted_addresses,
    sender_side_addresses,
    split_notice,
)
from bounce_parser.report import SUCCESS_ACTIONS, Finding
from bounce_parser.text_rules import match_text, says_gave_up

MAX_DIAGNOSTIC = 600
_PERMANENT = re.compile(
    # (not Sendmail's "transient non-fatal errors" heading, savemail.c, over a delay warning)
    r"permanent(?:ly)? (?:error|fatal|failure|failed)|failed permanently|(?<!non-)fatal error"
    r"|has been (?:rejected|refused)|unrecoverable error|will not (?:retry|be retried)"
)
_TEMPORARY = re.compile(
    r"temporar(?:y|ily) (?:error|failure|problem)|will (?:keep )?(?:retry|try again)"
    r"|has not yet been delivered|delivery (?:has been |is )?delayed|still trying"
    r"|warning: message|not been delivered yet|will be retried"
    # masqmail's delay warning (tpl/warnmsg.tpl; its .de, .fr and .it translations keep the
    # English beside their own words): "Delivery to the following recipients has been
    # defered", "Delivery will be tried again".
    r"|has been defer+ed|will be tried again"
    # A hoster's own delay notice (ICDSoft's "delayed delivery notice": "The mail system will
    # continue to attempt to deliver your message to these recipients for a total of 2 days.
    # You do not need to resend your message at this time.", its help pages); Postfix's and
    # Sendmail's warnings say the same ("YOU DO NOT NEED TO RESEND YOUR MESSAGE").
    r"|will continue to attempt to deliver|do not need to resend"
    # Courier's delay notice ("DELAYS IN DELIVERING YOUR MESSAGE ... This is an advisory notice
    # only ... Additional attempts to deliver your message will be made", as Courier 1.0.16
    # writes it in the real-MTA beds)
    r"|additional attempts to deliver your message will be made"
)
_WS = re.compile(r"\s+")
_REPLY_LINE = re.compile(r"[45]\d\d[ -]")
_UNINDENTED_LINE = re.compile(r"(?m)^\S")
# A session transcript's reply line: sendmail usersmtp.c reply() writes "<<< %s" for each line
# the server answered (and ">>> %s" for each command sent).
_REPLY_QUOTE = re.compile(r"[ \t]*(?:<<<|<--) ")
# A transcript's command lines that open a transaction's envelope (">>> " Sendmail, "--> "
# MDaemon): MAIL FROM begins another transaction, RCPT TO names the recipient it is about.
_TRANSACTION_COMMAND = re.compile(r"(?im)^[ \t]*(?:>>>|-->) ?(?:mail from|rcpt to):")
_RCPT_COMMAND = re.compile(r"(?im)^[ \t]*(?:>>>|-->) ?rcpt to:[ \t]*<([^<>\s]+@[^<>\s]+)>")
# Sendmail's heading of each session in its transcript (usersmtp.c, "... while talking to %s:")
_SESSION_HEADING = re.compile(r"(?im)^\.\.\. while talking to [^\n]*:[ \t]*\r?$\n?")
# A reply's first line with the hyphen of a multi-line reply (RFC 5321 section 4.2.1) and no
# line after it: "550-sender envelope address <a> is".
_FIRST_LINE_ONLY = re.compile(r"[ \t]*[45]\d\d-[^\n]*$")
_NOUSER_ECHO = re.compile(
    r"(?i)[ \t]*(?:5\d\d (?:5\.\d{1,3}\.\d{1,3} )?)?<?[^\s<>]+>?\.\.\. user unknown\s*$"
)
# A line of the notice giving one recipient a reply of its own: "<addr>: 550 5.1.1 ..." (Haraka
# 3.3.4's outbound writes each recipient refused at RCPT so: outbound/hmail.js, rcpt.reason).
# Exim's bounce gives each address's delivery output (a pipe transport's return_output and
# return_fail_output) under a heading of its own, "------ <address> ------", up to the next
# heading (exim src/src/deliver.c, "The following text was generated during the delivery
# attempt(s)"; the Exim specification, chapter "The pipe transport").
_OUTPUT_HEADING = re.compile(r"^------ (\S+@\S+)(?: .*)? ------[ \t]*$")
_OWN_REPLY_LINE = re.compile(r"(?m)^[ \t]*<([^<>\s]+@[^<>\s]+)>:?[ \t]+([45]\d\d(?:[ -].*)?)$")
# Lines that echo the returned message's header fields. Postal's own bounce echoes the
# original's Message-ID as "Orginal Message ID:" (sic, postalserver/postal
# lib/postal/bounce_message.rb): a msg-id (RFC 5322 section 3.6.4) is not an address, whatever
# its "@". An indented echo's field name starts with a capital, as the original's header has it
# ("To:", RFC 5322 section 3.6; MTAs copy them as they came): an indented lower-case "to:" is a
# wrapped sentence's word ("Message rejected due\n    to: SPF fail", a reply Postfix's
# bounce(8) folded), whose rest the blanking would cut off. At a line's start any case is an
# echo (amavisd-new lists the recipients as "to: a@b").
_ECHO_LINE = re.compile(
    r"(?im)^(?:[ \t]+(?=(?-i:[A-Z])))?"
    r"(?:to|cc|bcc|from|sender|reply-to|subject|sent|date|message-id|in-reply-to"
    r"|ori?ginal message[ -]id"
    r"|references|return-path|envelope-from|mail from|x-[\w-]+)[ \t]*:.*$"
)


def notice_of(mail: Mail) -> str:
    """The part of the body the mail system wrote, before the returned message.

    Lines that echo the original's header fields (``To:``, ``Message-ID:``...) are blanked:
    the addresses on them are the message's, not the failed recipients'.
    """
    cached = mail.memo("notice")
    if isinstance(cached, str):
        return cached
    notice = _ECHO_LINE.sub(lambda m: " " * len(m.group()), split_notice(mail.body)[0])
    mail.remember("notice", notice)
    return notice


def permanence(text: str) -> bool | None:
    """True when the text calls the failure permanent, False when temporary, else None."""
    low = text.lower()
    if _PERMANENT.search(low):
        return True
    if _TEMPORARY.search(low):
        return False
    return None


def compact(text: str, limit: int = MAX_DIAGNOSTIC) -> str:
    """Whitespace collapsed, capped to a diagnostic's length."""
    return _WS.sub(" ", text).strip()[:limit]


def blocks_by_address(notice: str, candidates: Iterable[str]) -> dict[str, str]:
    """For each candidate, the text from its first line up to the next candidate's line."""
    wanted = set(candidates)
    starts: list[tuple[str, int]] = []
    seen: set[str] = set()
    for address, start, _end in address_spans(notice):
        if address in wanted and address not in seen:
            seen.add(address)
            starts.append((address, notice.rfind("\n", 0, start) + 1))
    for address in wanted - seen:
        # Some MTAs print only the local part of an address they also list in a header.
        local = re.search(rf"(?im)^[ \t]*<?{re.escape(address.partition('@')[0])}>?[ \t]*$", notice)
        if local is not None:
            starts.append((address, local.start()))
    starts.sort(key=lambda item: item[1])
    relisted = _relisted_lines(notice, wanted, seen) if len(starts) > 1 else []
    blocks: dict[str, str] = {}
    for index, (address, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(notice)
        # A notice that lists its recipients twice (a provider's own words, then the MTA's:
        # Mail.ru's Russian lines above Exim's English, pastebin 0a7a4qJN) starts the second
        # list with another recipient's line: the last block of the first list ends there.
        end = next((s for a, s in relisted if start < s < end and a != address), end)
        if end <= start:
            end = notice.find("\n", start + 1)
            end = len(notice) if end < 0 else end
        blocks[address] = notice[start : _status_line_end(notice, start, end)]
    blocks = _detailed_later(notice, blocks, starts, relisted)
    blocks = _listed_then_stated(blocks, [address for address, _start in starts])
    blocks = _named_after_their_error(notice, blocks)
    return _transcript_blocks(notice, blocks) if len(blocks) > 1 else blocks


def _relisted_lines(notice: str, wanted: set[str], first: set[str]) -> list[tuple[str, int]]:
    """(address, line start) of each later line that begins with a recipient already listed:
    the address at the start of its line, bare, in angle brackets or quotes, after a list's
    dash or bullet, as an MTA lists a failed recipient (not inside a reply's words)."""
    found, seen = [], set()
    for address, start, end in address_spans(notice):
        if address not in wanted or address not in first:
            continue
        if address not in seen:
            seen.add(address)
            continue
        line = notice.rfind("\n", 0, start) + 1
        if notice[line:start].strip(_LIST_MARKS) == "" and notice[end : end + 1] in _LISTED_END:
            found.append((address, line))
    return found


_LIST_MARKS = " \t<\"'-*\u2022"  # what may stand before an address listed on its own line
_LISTED_END = (">", ":", "\n", "", '"', "'")  # and right after it


def _states_a_cause(text: str) -> bool:
    """Whether ``text`` words a cause the phrase tables know, or the writer's giving up."""
    return match_text(text) is not None or says_gave_up(text)


def _detailed_later(
    notice: str,
    blocks: dict[str, str],
    starts: list[tuple[str, int]],
    relisted: list[tuple[str, int]],
) -> dict[str, str]:
    """Blocks whose first line only lists the address, given the lines of its later listing.

    A notice may list the failed recipients first and give each one's reply further down
    under the address again (chasquid 1.11, internal/queue/dsn.go: the addresses, then
    "Technical details:" with '- "a@b" (EMAIL) failed permanently with error:' and the reply
    under it): the reply in the later block is that recipient's, and so are its words where
    it quotes no reply ('failed repeatedly and timed out, last error:' and the writer's own
    error: a lookup that found no such host). A first block that quotes a reply of its own
    keeps it, and a later one that quotes none and words no cause the phrase tables know
    (the returned message's headers) is not taken.
    """
    if not relisted:
        return blocks
    bounds = sorted({line for _address, line in relisted} | {line for _address, line in starts})
    taken: set[str] = set()
    for address, line in relisted:
        own = blocks.get(address, "")
        if address in taken or find_status(own) or find_reply_code(own):
            continue
        end = next((b for b in bounds if b > line), len(notice))
        later = notice[line : _status_line_end(notice, line, end)]
        if find_status(later) or find_reply_code(later) or _states_a_cause(later):
            taken.add(address)
            blocks[address] = later
    return blocks


def _transcript_blocks(notice: str, blocks: dict[str, str]) -> dict[str, str]:
    """Blocks given instead the part of a session transcript that answers their own RCPT.

    In a transcript ("RCPT To:<addr>" sent, each reply quoted after the command it answers:
    Sendmail's ">>> " and "<<< ", usersmtp.c; MDaemon's "--> " and "<-- ") the reply to
    "RCPT TO:<addr>" is about that address (RFC 5321 sections 3.3 and 4.1.1.3), and a reply
    to the DATA that follows is about the recipients accepted before it. An address listed
    on its own and then named in such a command takes the lines from its command up to the
    next MAIL or RCPT command, where they quote a failure reply; the text after the list is
    otherwise read as the last listed address's.
    """
    if "-->" not in notice and ">>>" not in notice:
        return blocks
    commands = [m.start() for m in _TRANSACTION_COMMAND.finditer(notice)]
    given: set[str] = set()
    for match in _RCPT_COMMAND.finditer(notice):
        address = match.group(1).lower()
        if address not in blocks:
            continue
        own = blocks[address]
        # A block with a reply of its own ("(reason: 550 ...)" under Sendmail's list) keeps it,
        # unless it runs on into the transcript of another recipient's RCPT.
        named = {m.group(1).lower() for m in _RCPT_COMMAND.finditer(own)}
        if find_reply_code(own) is not None and named <= {address}:
            continue
        end = next((c for c in commands if c > match.start()), len(notice))
        part = notice[match.start() : end]
        if last_failure_reply(part) is not None:
            blocks[address] = part
            given.add(address)
    return {a: b if a in given else _before_others_commands(b, a) for a, b in blocks.items()}


def _before_others_commands(block: str, address: str) -> str:
    """``block`` up to the first transcript command that names another recipient ("RCPT
    To:<other>"), and the session heading before it: that command and the replies after it
    answer the other recipient (RFC 5321 sections 3.3 and 4.1.1.3), not this one. Sendmail
    writes an address it gave up without a reply of its own ("<addr>... Deferred: Connection
    reset by [host]", deliver.c giveresponse()) just before its next session's "... while
    talking to [host]:" (usersmtp.c reply()) and the RCPT commands of that session."""
    for match in _RCPT_COMMAND.finditer(block):
        if match.group(1).lower() != address:
            start = match.start()
            headings = list(_SESSION_HEADING.finditer(block, 0, start))
            if headings and not block[headings[-1].end() : start].strip():
                start = headings[-1].start()
            return block[:start]
    return block


def _listed_then_stated(blocks: dict[str, str], order: list[str]) -> dict[str, str]:
    """Blocks of addresses listed one a line and then given one statement for all of them.

    IONOS writes "<a@x>" and "<b@x>" on their own lines, then "Reason:" and one reason: the
    reason is every listed address's, not only the last one's. An address whose block is only
    its own line takes the words of the block that follows it, when those words name no
    other listed address (a reply that names another recipient stays that recipient's).
    """
    listed = set(order)
    for index in range(len(order) - 2, -1, -1):
        address, following = order[index], order[index + 1]
        own = blocks[address]
        if own.count("\n") > 1 or own.strip().strip("<>:").strip().lower() != address:
            continue
        _line, _sep, shared = blocks[following].partition("\n")
        # Only another listed recipient named in the words makes them that one's: masqmail
        # (src/fail_msg.c, src/deliver.c) lists the failed addresses, then one error for all,
        # "while connected with HOST, the server replied" and the server's last reply, which
        # may quote our own sender ("<sender>: Sender address rejected") and is followed by
        # "write to <postmaster@HOST>"; neither address is a recipient.
        if shared.strip() and not any(a in listed for a, _s, _e in address_spans(shared)):
            blocks[address] = own.rstrip("\n") + "\n" + shared
    return blocks


# A notice that names each failed recipient AFTER the words about it: mox's DSN for the
# recipients it refused once DATA was done (mjl-/mox smtpserver/server.go deliver: "%s delivery
# failure to:\n\n\t%s\n\nError:\n\n\t%s" given the kind, the error and the address, in that
# order). The words between two addresses are the second one's there, not the first one's.
_ERROR_THEN_ADDRESS = re.compile(
    r"^(?:permanent|transient) delivery failure to:[ \t]*\n[ \t]*\n\t(?P<error>[^\n]+)\n"
    r"[ \t]*\nerror:[ \t]*\n[ \t]*\n\t<?(?P<address>[^\s<>@]+@[^\s<>]+?)>?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _named_after_their_error(notice: str, blocks: dict[str, str]) -> dict[str, str]:
    """Each recipient's block as a notice that names it after its error lays it out."""
    if "delivery failure to:" not in notice.lower():
        return blocks
    keys = {address.lower(): address for address in blocks}
    for match in _ERROR_THEN_ADDRESS.finditer(notice):
        key = keys.get(match.group("address").lower())
        if key is not None:
            blocks[key] = f"{key}\n\t{match.group('error')}\n"
    return blocks


def _status_line_end(notice: str, start: int, end: int) -> int:
    """Where a block that opens with its own reply line ("554 <a@b>... Host unknown") ends.

    Such a line is the whole verdict on its recipient (old Sendmail transcripts); the lines
    after it, unless indented as its continuation, are about another host or recipient.
    """
    line_end = notice.find("\n", start, end)
    if line_end < 0 or _REPLY_LINE.match(notice, start) is None:
        return end
    following = _UNINDENTED_LINE.search(notice, line_end + 1, end)
    return end if following is None else following.start()


BLOCK_LIMIT = 4_000  # characters of one recipient's own block read
CONTEXT_LIMIT = 8_000  # characters of the surrounding notice read for one recipient


def finding_from_text(
    address: str, block: str, context: str, locate: re.Pattern[str] | None = None
) -> Finding:
    """A finding for ``address`` from its own block, falling back on the whole ``context``.

    ``locate`` is a family's pattern for where the remote server's words are; its first group
    becomes the diagnostic when it matches.
    """
    # A notice without line breaks makes each block the rest of the notice: bound what is
    # scanned per recipient, or a notice naming thousands of them takes seconds.
    block, context = block[:BLOCK_LIMIT], context[:CONTEXT_LIMIT]
    located = (locate.search(block) or locate.search(context)) if locate else None
    if located is not None:
        block, context = compact(join_reply_lines(located.group(1)), 2000), f"{block}\n{context}"
    status, reply = _codes(block, context)
    quotes_reply = bool(find_status(block) or find_reply_code(block))
    says_enough = quotes_reply or len(block) > len(address) + 8
    permanent = permanence(context)
    return Finding(
        command=find_command(block) or find_command(context),
        address=address,
        status=status,
        reply_code=reply,
        diagnostic=compact(block if says_enough else context) or None,
        action="delayed" if permanent is False else "failed",
        permanent=permanent,
        # The rest of the notice, read when the block quotes no reply of its own (its words
        # are then not the remote's): Apache James writes the reply under "Error message
        # below:" and the address further down, under "Message details".
        context=None if quotes_reply or context == block else compact(context, 4000) or None,
    )


def _codes(block: str, context: str) -> tuple[str | None, int | None]:
    """The enhanced status and reply code about one recipient: its block's, else the context's."""
    status, reply = find_status(block), find_reply_code(block)
    if status is None and reply is None:
        return find_status(context), find_reply_code(context)
    if status is None and reply is not None:
        # The reply may be quoted twice, once with its enhanced status (a transcript line).
        nearby = find_status(context)
        status = nearby if nearby and nearby[0] == str(reply)[0] else None
    if status is not None and status[0] == "2" and (reply or 0) >= 400:
        # A 4xx/5xx reply's status is of its own class (RFC 3463 section 2: the class is the
        # outcome, success, transient or permanent); a "2.3.8" in its words is a section or
        # version number ("see RFC 5321 section 2.3.8"), not a delivery.
        status = None
    return status, reply


_RCPT_TO_LINE = re.compile(r"(?im)^[ \t]*rcpt to:[ \t]*<?([^\s<>@]+@[^\s<>]+?)>?[ \t]*$")
# Exim's own list of the addresses a message failed for (deliver.c's bounce text: "This is a
# permanent error. The following address(es) failed:", then each address alone on its line,
# its reason indented below), which TMDA's failure notices copy word for word
# (templates/bounce_*.txt: "The following address(es) failed:", then "<addr>:" and the reason).
_FAILED_HEADING = re.compile(r"(?i)\bthe\s+following\s+address\(es\)\s+failed:?[ \t]*\n")
_LISTED_ADDRESS = re.compile(r"(?m)^[ \t]*<?([^\s<>@:]+@[^\s<>:]+?)>?:?[ \t]*$")
_LINK = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s<>\"]+", re.IGNORECASE)


def _failed_list(mail: Mail, notice: str) -> set[str]:
    """The addresses ``notice`` lists, each alone on its line, under Exim's "The following
    address(es) failed:" (lower-cased), our own sender's left out."""
    heading = _FAILED_HEADING.search(notice) if "address(es)" in notice.lower() else None
    if heading is None:
        return set()
    start = heading.end()
    listed = {a.lower() for a in _LISTED_ADDRESS.findall(notice, start, start + 4096)}
    return listed - {a.lower() for a in envelope_sender_addresses(mail)}


# An address the notice shows as a recipient the writer sent to or the server refused: the
# command that named it ("RCPT TO:<a@b>": Exim's "SMTP error from remote mail server after
# RCPT TO:<a@b>:", deliver.c; Sendmail's and Courier's transcripts, ">>> RCPT To:<a@b>"), or a
# reply that opens with it, the way a server names the address it refuses (RFC 5321 section
# 4.2; Postfix's "550 5.1.1 <a@b>: Recipient address rejected", smtpd_check.c, which its
# bounce(8) may fold after the status).
_REFUSED_ADDRESS = re.compile(
    r"(?i)(?:\brcpt to:[ \t]*<|\b[45]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?<)"
    r"([^\s<>@]+@[^\s<>]+)>"
)


def _refused_addresses(notice: str) -> set[str]:
    return {a.lower() for a in _REFUSED_ADDRESS.findall(notice)}


def recipients_in_notice(mail: Mail, notice: str) -> list[str]:
    """The addresses in ``notice`` that may be failed recipients, in order, without repeats."""
    excluded = sender_side_addresses(mail)
    listed = addresses_in(mail.header("x-failed-recipients"))
    shown = address_spans(notice)
    # An address inside a link is the link's data (RFC 3986 section 3.4, a URI's query: Exim's
    # SPF refusal links to openspf.org with "identity=<our sender>"), not an address the
    # notice names, unless the notice names no other.
    links = [m.span() for m in _LINK.finditer(notice)] if "://" in notice else []
    named = [a for a, start, _ in shown if not any(s <= start < e for s, e in links)]
    # An address the notice gives as the envelope recipient ("Rcpt To: a@b", Postal's own
    # bounce, postalserver/postal lib/postal/bounce_message.rb, which also writes that address
    # as its From) is the failed recipient even when the notice's own header names it.
    envelope = (
        {a.lower() for a in _RCPT_TO_LINE.findall(notice)} if "cpt to" in notice.lower() else set()
    )
    # So is an address the notice lists under its own failure heading: TMDA answers from the
    # very address it reports failed (AutoResponse.py: the template's From is the recipient
    # address), as Postal does; never our own sender, whatever the list says.
    envelope |= _failed_list(mail, notice)
    candidates = [
        a for a in named or [a for a, _, _ in shown] if a not in excluded or a.lower() in envelope
    ]
    prose = prose_addresses(notice)
    # A contact ("please contact support@...") or an alias expansion line ("generated from
    # a@b") is not a failed recipient, unless the notice names no other address.
    found = [a for a in candidates if a not in prose] or candidates
    # A postmaster address in a notice is usually a contact, unless it is all there is, or
    # the notice shows it sent to or refused as a recipient (_REFUSED_ADDRESS).
    refused = _refused_addresses(notice) if any(is_system_address(a) for a in found) else set()
    people = [a for a in found if not is_system_address(a) or a.lower() in refused]
    found = people or found
    if listed:
        # The header is authoritative, unless it names none of the addresses the notice shows.
        named = [a for a in found if a in listed]
        found = named + [a for a in listed if a not in named] if named or not found else found
    return list(dict.fromkeys(found))


def findings_for(
    mail: Mail, notice: str, addresses: list[str], locate: re.Pattern[str] | None = None
) -> tuple[Finding, ...]:
    """One finding per address, each with the diagnostic written next to it."""
    blocks = blocks_by_address(notice, addresses)
    context = notice if len(addresses) == 1 else ""
    success = _SUCCESS_NOTICE.search(notice) is not None
    warning = _DELAY_NOTICE.search(notice) is not None
    low = notice.lower()
    headed = _headed_addresses(notice) if "addresses had" in low else None
    return tuple(
        _deferred_only(
            _delayed(
                _succeeded(
                    finding_from_text(a, blocks.get(a, ""), context or blocks.get(a, ""), locate),
                    blocks.get(a, ""),
                    success,
                ),
                warning,
            ),
            low,
            headed,
        )
        for a in addresses
    )


# Sendmail's headed lists (savemail.c errbody(): "----- The following addresses had permanent
# fatal errors -----", "... transient non-fatal errors", "... successful delivery
# notifications"), each address on a line of its own up to the blank line or the next heading.
_ADDRESSES_HAD = re.compile(r"(?im)^[ \t]*-{3,} ?the following addresses had [^\n]*$")
# A transcript's own line for an address still queued: deliver.c giveresponse() writes
# "<addr>... Deferred: <why>" for a temporary failure (EX_TEMPFAIL), the address kept queued.
_DEFERRED_LINE = "... deferred"


def _headed_addresses(notice: str) -> set[str]:
    """The addresses listed under a notice's "The following addresses had ..." headings."""
    listed: set[str] = set()
    for heading in _ADDRESSES_HAD.finditer(notice):
        rest = notice[heading.end() :].lstrip("\n")
        section = re.split(r"\n[ \t]*\n|\n[ \t]*-{3,}", rest, maxsplit=1)[0]
        listed.update(a for a, _, _ in address_spans(section))
    return listed


def _deferred_only(finding: Finding, low: str, headed: set[str] | None) -> Finding:
    """``finding`` as delayed when a notice (``low``, lower-cased) with headed lists names its
    address in none of them and its transcript says the address was deferred (a return receipt
    or a failure notice for others, sent while this one stays queued). A final notice for an
    address given up lists it under "permanent fatal errors", with the same "Deferred" line
    below."""
    if not headed or finding.action != "failed" or finding.address in headed:
        return finding
    if f"{finding.address}>{_DEFERRED_LINE}" not in low:
        return finding
    return _unless_refused_for_good(finding)


# A notice that says of itself it is a delay warning, in its heading rather than about one
# recipient: Postfix's delay template ("THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND
# YOUR MESSAGE.", bounce_template.c), Exchange's ("THIS IS A WARNING MESSAGE ONLY ... Delivery
# to the following recipients has been delayed."), Exim's warn_message_file default ("A message
# that you sent has not yet been delivered to one or more of its recipients"), Courier's
# ("This is an advisory notice only").
_DELAY_NOTICE = re.compile(
    r"this is a warning (?:message )?only|you do not need to resend your message"
    r"|delivery to the following recipients has been delayed"
    r"|has not yet been delivered to one or more of its\s+recipients|advisory notice only"
    # the Exim specification's example warn_message_file (4.96 spec.txt, chapter 50.2
    # "Customizing warning messages": "... has not been delivered to all of its recipients
    # after more than $warn_message_delay in the queue"), and the label Exim writes before
    # each deferred address's error in a warning and only there, whatever the template says
    # around the list (src/deliver.c: print_address_error(addr, f, US"Delay reason: "))
    r"|has not been delivered to all of its\s+recipients\s+after|(?m:^[ \t]*delay reason: )"
    # Postfix's delay template translated into Dutch (a bounce_template_file of a NixOS
    # mail-server module, GitHub code index file 55217294068: "Dit is enkel een waarschuwing,
    # u hoeft uw mail niet opnieuw te verzenden.", "THIS IS A WARNING ONLY. YOU DO NOT NEED TO
    # RESEND YOUR MESSAGE." in bounce(5)'s default)
    r"|dit is enkel een waarschuwing|u hoeft uw mail niet opnieuw te verzenden"
    # Exchange Server 2010-2016's delay DSN, which hosted filters copy word for word
    # ("Delivery is delayed to these recipients or groups:", "This message hasn't been
    # delivered yet. Delivery will continue to be attempted.", pastebin bAWb37W3, cryer.co.uk's
    # Exchange 2010 help page, EveryCloud's "exact format" on its support page): a heading over
    # the whole list, so a notice naming several recipients is a warning for each of them
    r"|delivery is delayed to these recipients or groups"
    r"|this message hasn[\u2019']t been delivered yet|delivery will continue to be attempted",
    re.IGNORECASE,
)


def _delayed(finding: Finding, warning: bool) -> Finding:
    """``finding`` as delayed in a notice that calls itself a delay warning, unless its own
    words or a 5XX reply or status say it failed (RFC 3464 section 2.3.3: "delayed")."""
    if not warning or finding.action != "failed" or finding.permanent:
        return finding
    return _unless_refused_for_good(finding)


def _unless_refused_for_good(finding: Finding) -> Finding:
    """``finding`` as delayed, unless a 5XX reply or status of its own says it failed."""
    if (finding.status or "").startswith("5") or (finding.reply_code or 0) >= 500:
        return finding
    return dataclasses.replace(finding, action="delayed", permanent=False)


# A success notice's words about one recipient (RFC 3464 section 2.3.3's relayed action):
# Sendmail's "(relayed to non-DSN-aware mailer)" and "relayed; expect no further
# notifications" (sendmail/deliver.c), Exim's "(relayed via non "Remote SMTP" router)" and
# "(relayed to non-DSN-aware mailer)" (src/deliver.c, its success DSN).
_RELAYED = re.compile(
    r"relayed to non-dsn-aware mailer|relayed; expect no further notifications"
    r'|relayed via non "remote smtp" router',
    re.IGNORECASE,
)
# A notice that says it reports successes: Postfix's "Your message was successfully delivered
# to the destination(s) listed below" (its success template, bounce_template.c), Sendmail's
# and Exim's "The following addresses had successful delivery notifications".
_SUCCESS_NOTICE = re.compile(
    r"successfully delivered to the destination|had successful delivery notifications"
    # Courier's "MESSAGE DELIVERED TO A MAIL GATEWAY" (a relay that gives no receipt, as
    # Courier 1.0.16 writes it in the real-MTA beds)
    r"|message delivered to a mail gateway",
    re.IGNORECASE,
)


def _succeeded(finding: Finding, block: str, success_notice: bool) -> Finding:
    """``finding`` as relayed or delivered where the text says so: the recipient's own words,
    or no failure status or reply in a notice that reports successes (RFC 3464 2.3.3)."""
    if _RELAYED.search(block):
        return dataclasses.replace(finding, action="relayed", permanent=None)
    status, reply = finding.status or "", finding.reply_code or 0
    if success_notice and not status.startswith(("4", "5")) and reply < 400:
        # no failure of its own (Postfix's success notice says "delivery via virtual:
        # delivered to maildir", no code at all)
        return dataclasses.replace(finding, action="delivered", permanent=None)
    return finding


def _without_others(notice: str, own: str, everyone: list[str]) -> str:
    """The notice without the lines about the other recipients (and their indented follow-ups,
    and the server's replies to a command that named one of them).

    What is left is this recipient's and everyone's: the greeting, a shared transcript.
    """
    others = [a for a in everyone if a != own]
    kept: list[str] = []
    skipping = in_others_output = False
    for line in notice.splitlines():
        low = line.lower()
        heading = _OUTPUT_HEADING.match(low)
        if heading is not None:  # an address's output section: its lines are its own
            in_others_output = heading.group(1).strip("<>") in others
        if in_others_output:
            continue
        if any(a in low for a in others):
            skipping = True
            continue
        if skipping and (line[:1] in (" ", "\t") or _REPLY_QUOTE.match(line)) and line.strip():
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)


def _without_echoes(notice: str) -> str:
    """The notice without Sendmail's "<address>... User unknown" lines that follow a quoted
    reply: Sendmail writes them for any 550, 551 or 553 answer to RCPT whatever its words
    (usersmtp.c smtprcpt() returns EX_NOUSER for those codes, and deliver.c giveresponse()
    prints EX_NOUSER as sysexits.c's "User unknown"), so they repeat the code, not the remote
    server's statement, which is the quoted reply itself."""
    kept: list[str] = []
    previous = ""
    for line in notice.splitlines():
        if not (_REPLY_QUOTE.match(previous) and _NOUSER_ECHO.match(line)):
            kept.append(line)
        previous = line
    return "\n".join(kept)


def annotate(mail: Mail, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Structured findings completed from the notice: the failed command, a missing diagnostic."""
    notice = notice_of(mail)
    findings = _expansion_targets(notice, findings)
    findings = _own_replies(notice, findings)
    blocks = blocks_by_address(notice, [f.address for f in findings])
    everyone = [f.address.lower() for f in findings]
    return tuple(_annotated(f, blocks.get(f.address, ""), notice, everyone) for f in findings)


# An address the reporting MTA expanded (an alias, a redirection, a ~/.forward), as its notice's
# text states it beside the target that failed: Exim (deliver.c, the bounce's address lines)
# "target\n    (generated from ours)" or "(ultimately generated from ours)" for a chain;
# Postfix (bounce_notify_util.c) "<target> (expanded from <ours>):".
_EXPANDED = re.compile(
    r"<?([^\s<>()@]+@[\w.-]*\w)>?:?\s{1,40}\((?:ultimately )?(?:generated|expanded) from"
    r"\s+<?([^\s<>()@]+@[\w.-]*\w)>?\)",
    re.IGNORECASE,
)

_EXPANSION_WORDS = re.compile(r"(?:generated|expanded) from", re.IGNORECASE)


def _expansion_targets(notice: str, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Findings about an address the MTA expanded, given the target that failed.

    RFC 3464 section 2.3.2: the per-recipient fields are about the Final-Recipient, the
    address delivery was attempted to; section 2.3.1: Original-Recipient the one the sender
    gave. Exim 4.96 writes the top of a redirection (ours) as Final-Recipient and names the
    target it tried only in its text; the finding is the target's, ours its original
    recipient. Each finding takes the target its reply quotes, else the one in the same
    place among the targets of that address, else the only one.
    """
    if _EXPANSION_WORDS.search(notice) is None:
        return findings
    targets: dict[str, list[str]] = {}
    for target, origin in _EXPANDED.findall(notice):
        listed = targets.setdefault(origin.lower(), [])
        if target.lower() != origin.lower() and target not in listed:
            listed.append(target)
    if not targets:
        return findings
    counts = Counter(f.address.lower() for f in findings)
    seen: Counter[str] = Counter()
    found = []
    for finding in findings:
        key = finding.address.lower()
        place, seen[key] = seen[key], seen[key] + 1
        options = targets.get(key)
        if not options or finding.original_recipient:
            found.append(finding)
            continue
        quoted = [t for t in options if t.lower() in quoted_addresses(finding.diagnostic)]
        if len(quoted) == 1:
            target = quoted[0]
        elif len(options) == counts[key]:
            target = options[place]
        elif len(options) == 1:
            target = options[0]
        else:
            found.append(finding)
            continue
        found.append(
            dataclasses.replace(finding, address=target, original_recipient=finding.address)
        )
    return tuple(found)


def _own_replies(notice: str, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Findings whose diagnostic is a reply shared by several recipients (one to the whole
    message: MAIL FROM, DATA), given instead the reply of their own a line of the text quotes.

    A recipient refused at RCPT was not among those the reply to DATA answered (RFC 5321
    section 3.3: the data go to the recipients accepted); Haraka 3.3.4 writes a 5xx after
    DATA into every recipient's fields, also over the RCPT reply of one refused before
    (outbound/hmail.js), which only its text keeps ("<addr>: <reply>").
    """
    if len(findings) < 2 or "@" not in notice:
        return findings
    shared = Counter(_flat(f.diagnostic) for f in findings if f.diagnostic)
    if max(shared.values(), default=0) < 2:
        return findings
    own = {a.lower(): _flat(r) for a, r in _OWN_REPLY_LINE.findall(notice)}
    found = []
    for finding in findings:
        reply = own.get(finding.address.lower())
        said = _flat(finding.diagnostic or "")
        if reply and shared[said] > 1 and reply != said:
            code = find_reply_code(reply)
            finding = dataclasses.replace(finding, diagnostic=reply, reply_code=code)
        found.append(finding)
    return tuple(found)


def _flat(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _annotated(finding: Finding, block: str, notice: str, everyone: list[str]) -> Finding:
    # With several recipients, the block about this one first, then the notice without the
    # lines about the others: a neighbour's reason is not this recipient's.
    several = len(everyone) > 1
    own = finding.address.lower()
    notice = _without_echoes(notice)
    context = f"{block}\n{_without_others(notice, own, everyone)}" if several else notice
    whole = f"{block}\n{notice}" if several else notice  # a transcript's commands are shared
    diagnostic, reply = finding.diagnostic, finding.reply_code
    if (reply is None or reply < 400) and finding.action not in SUCCESS_ACTIONS:
        # No failure reply in the Diagnostic-Code: Sendmail may put there the reply to its QUIT
        # ("221 Bye") after a 421 that closed the session. A reply that is not a failure is no
        # evidence; the transcript's last failure reply is. Not for a recipient delivered,
        # relayed or expanded (RFC 3464 section 2.3.3): no failure reply is its own, and one
        # the transcript quotes answered a neighbour (Sendmail lists both in one notice).
        quoted = last_failure_reply(context)
        if quoted is not None:
            diagnostic = quoted if reply is not None else diagnostic
            reply = find_reply_code(quoted)
    if diagnostic is not None and _FIRST_LINE_ONLY.match(diagnostic):
        # A Diagnostic-Code that is the first line of a multi-line reply and no more (Sendmail
        # 8.17 writes only that line, usersmtp.c, and quotes every line in its transcript):
        # the reply is all its lines, as the transcript gives them.
        diagnostic = whole_reply(context, diagnostic) or diagnostic
    if diagnostic is None and reply is None and finding.action not in SUCCESS_ACTIONS:
        # No Diagnostic-Code: the recipient's own line of the text may give the reply
        # ("addr: 550 5.1.1 ...", OpenSMTPD 6.8's notice, smtpd/bounce.c).
        diagnostic = _own_reply(block, own)
        reply = find_reply_code(diagnostic) if diagnostic else None
    # The command this recipient's own lines name before one a neighbour's line names
    # (Postfix writes "(in reply to RCPT TO command)" for each recipient, smtp_proto.c); the
    # whole notice only where none does (a transcript's commands are shared). The notice
    # without the others' lines is searched only when the whole one names a command at all.
    command = finding.command or find_command(diagnostic or "")
    if command is None:
        shared = find_command(whole)
        command = (find_command(context) if several and shared else None) or shared
    if not diagnostic and block.strip():
        diagnostic = compact(block)
    permanent = finding.permanent
    if permanent is None and finding.action is None:
        # RFC 3464 section 2.3.3 makes Action required; a block without one (Haraka 3.3.4's
        # for recipients it split off to a queue file of their own, outbound/hmail.js) leaves
        # the notice's own words as the only statement of failed for good or delayed.
        permanent = permanence(context)
    return dataclasses.replace(
        finding,
        command=command,
        diagnostic=diagnostic,
        reply_code=reply,
        context=compact(context, 4000) or None,
        permanent=permanent,
    )


def _own_reply(block: str, address: str) -> str | None:
    """The 4xx/5xx reply on the block's line of ``address``: "<addr>: 550 ..." or "addr: 550
    ..."."""
    line = re.search(rf"(?im)^[ \t]*<?{re.escape(address)}>?:?[ \t]+([45]\d\d(?:[ -].*)?)$", block)
    return compact(line.group(1)) if line else None


def _quoted_replies(transcript: str) -> Iterator[list[str]]:
    """Each reply a session transcript quotes ("<<< " lines), as its lines."""
    if "<<<" not in transcript and "<--" not in transcript:
        return
    lines: list[str] = []
    for line in transcript.splitlines():
        quote = _REPLY_QUOTE.match(line)
        if quote is None:
            lines = []
            continue
        lines.append(line[quote.end() :])
        if lines[-1][3:4] != "-":  # "421 text" or a bare "421" ends a reply (RFC 5321 4.2.1)
            yield lines
            lines = []


def last_failure_reply(transcript: str) -> str | None:
    """The last 4xx/5xx reply a session transcript quotes ("<<< " lines), its lines joined."""
    last: str | None = None
    for lines in _quoted_replies(transcript):
        if lines[0][:1] in ("4", "5"):
            last = compact(join_reply_lines("\n".join(lines)))
    return last


def whole_reply(transcript: str, first: str) -> str | None:
    """The multi-line reply a session transcript quotes whose first line is ``first`` (a
    "550-..." line: RFC 5321 section 4.2.1, the hyphen says more lines follow), its lines
    joined; None where the transcript quotes no such reply."""
    want = _flat(first)
    for lines in _quoted_replies(transcript):
        if len(lines) > 1 and _flat(lines[0]) == want:
            return compact(join_reply_lines("\n".join(lines)))
    return None
