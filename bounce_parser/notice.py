"""The human-readable notice of a bounce: where it ends, whether it is one, who it is about."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bounce_parser.fields import addresses_in, is_system_address
from bounce_parser.mail import Mail

# How the line that starts the copy of the returned message begins (after any "-----"),
# in the wordings MTAs use; compared lower-cased.
_ORIGINAL_STARTS = (
    "this is a copy of the message",
    "this is a copy of your message",
    "a copy of the original message",
    "a copy of the message",
    "below this line is a copy",
    "the header of the original message",
    "original message",
    "unsent message",
    "returned message",
    "message headers follow",
    "message header follows",
    "included is a copy of the message header",
    "the original message is attached",
    "the original message is below",
    "the original message is included",
    "the original message headers are",
    "the original message headers is",
    "header of the original",
    "text of the original",
    "the message you sent",
    "the message headers follow",
    "content of the original",
    "original text follows",
)
_DECORATION = " \t>|-=_*#"
# The first header line of a copy that has no announcement at all.
_HEADER_STARTS = ("received:", "return-path:", "dkim-signature:", "x-")
_HEADER_NAME = re.compile(r"[\w-]{1,60}:")
# The bounce's own envelope sender or author.
_SYSTEM_FROM = re.compile(
    r"mailer[-_ ]?daemon|post[-_]?master|mail delivery|delivery (?:status|subsystem|system)"
    r"|mail ?administrator|system administrator|mail system|bounce|returned|undeliver"
)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|returned mail|return(?:ed)? to sender|delivery (?:status|fail|"
    r"problem|error|notification|report)|failure notice|mail delivery|non[- ]?deliver"
    r"|could not be delivered|delivery has failed|not delivered|failed delivery|bounce"
    r"|rejected|mail system error|warning: message|delayed mail|nondeliverable"
    r"|message not delivered|error sending|user unknown|mail error"
)
_BOUNCE_BODY = re.compile(
    r"could not be delivered|undeliverable|delivery (?:to the following|has failed|failed"
    r"|status notification|to these recipients)|permanent(?:ly)? (?:error|fatal|failure|failed)"
    r"|was not delivered|did not reach|unable to deliver|couldn't be delivered|not be delivered"
    r"|following address(?:es)?(?:\(es\))? (?:failed|had)|mail delivery (?:failed|software)"
    r"|delivery failure|returned to (?:the )?sender|recipient address rejected"
    r"|remote (?:host|server) said|message you sent|failed to deliver|delivery failed"
    r"|transcript of session|sorry, we were unable|the error that the other server"
    r"|your message (?:could|was|wasn't|has)"
)
_QUOTED = re.compile(r"(?m)^> ?")
# A "name: value" line: a field about the original, not the line announcing its copy
_NAMED_VALUE = re.compile(r"[^:]*:[ \t]*[^\s:-]")


def split_notice(body: str) -> tuple[str, str]:
    """The notice written by the mail system, and the copy of the original that follows it."""
    body = unquote(body)
    offset, first_header = 0, -1
    for line in body.split("\n"):
        low = line.lower()
        if low.lstrip(_DECORATION).startswith(_ORIGINAL_STARTS):
            return body[:offset], body[offset:]
        if first_header < 0 and low.startswith(_HEADER_STARTS) and _HEADER_NAME.match(low):
            first_header = offset
        offset += len(line) + 1
    if first_header >= 0:
        return body[:first_header], body[first_header:]
    return body, ""


def before_announced_copy(body: str) -> str:
    """``body`` up to the line that announces the copy of the returned message (Sendmail's
    "----- Original message follows -----", savemail.c, when it writes no MIME), or all of
    it: whatever follows that line is the message we sent, which says nothing about its
    delivery (RFC 3464 section 2, RFC 6522 section 3: the returned message is the report's
    third part, after the human text and the delivery-status fields). Only an announced copy:
    an unannounced one is found by its first header line, and an inline report's own fields
    (Postfix's "X-Postfix-Queue-ID:") would read as one; and only a line that announces, not a
    field that names the original ("Original message ID: <...>")."""
    offset = 0
    for line in body.split("\n"):
        low = line.lower().lstrip(_DECORATION)
        if low.startswith(_ORIGINAL_STARTS) and not _NAMED_VALUE.match(low):
            return body[:offset]
        offset += len(line) + 1
    return body


def is_system_notice(mail: Mail) -> bool:
    """Whether a mail system sent ``mail`` (by its sender or a delivery-report subject or type)."""
    if mail.report_type == "delivery-status":
        return True
    sender = f"{mail.header('from')} {mail.header('return-path')}".lower()
    return bool(_SYSTEM_FROM.search(sender) or _BOUNCE_SUBJECT.search(own_subject(mail)))


# ezmlm's own mark on what it composes: every ezmlm-idx program that writes a message (ezmlm-send
# on a post; ezmlm-manage, ezmlm-store, ezmlm-moderate, ezmlm-clean, ezmlm-warn on their own
# texts) writes "Mailing-List: contact <list>-help@<host>; run by ezmlm" first
# (hdr_add2s("Mailing-List: ", MSG(TXT_MAILING_LIST)), bruceg/ezmlm-idx lang/en_US/messages),
# and List-ID only where the list is configured with one.
_EZMLM_MARK = re.compile(r"(?i)\bcontact\s+\S+@\S+;\s*run by ezmlm\b")


def sent_by_a_list(mail: Mail) -> bool:
    """Whether ``mail`` is a mailing list's own message: it names its list in a List-Id field
    (RFC 2919 section 3: the list's identifier, on the messages the list sends) and is no
    report (RFC 6522's multipart/report: a delivery status notification, RFC 3464, or a
    feedback report, RFC 5965, whose structured part says what it is whatever the header).

    A list manager marks what it sends so: GNU Mailman 3 writes List-Id with RFC 2369's
    List-* fields on its own notices to a poster and to the list's owners
    (mailman/email/message.py, UserNotification and OwnerNotification) as on a post. An MTA
    writes no List-Id on the notification it composes (RFC 3464 section 2; RFC 3461 section
    6.2 lists the fields a DSN carries). What a list sends back to a poster is a service's
    response about a message its list address took (RFC 3834 section 1), and what it sends
    its owners concerns the list's members, even where it attaches a member's bounce
    (Mailman's bounce processing): neither is a delivery status notification of the
    address the message was sent to. ezmlm marks its own texts with its Mailing-List field
    (``_EZMLM_MARK``) and writes List-ID only where a list is configured with one; its returned
    post ("Returned post for <list>", the moderator's refusal or timeout, the post attached)
    is such a text, not a failure of the list's address."""
    if mail.content_type == "multipart/report" or mail.report_type:
        return False
    return bool(mail.header("list-id").strip() or _EZMLM_MARK.search(mail.header("mailing-list")))


def own_subject(mail: Mail) -> str:
    """The subject of ``mail`` in its writer's words, lower-cased: without the subject of the
    message it returns where it quotes it ("Undeliverable: <subject>", mlmmj's "Post to
    <list> denied: <subject>", text.skel/*/deny-post). The quoted words are the original
    sender's, not the notice's: a post titled "Delivery status of your order" held by a
    list manager is no delivery status notification."""
    subject = mail.header("subject").lower()
    quoted = " ".join(mail.returned_field("subject").lower().split())
    if len(quoted) < 4:
        return subject
    own = " ".join(subject.split()).replace(quoted, " ")
    # the writer's words must remain: a notice titled with the original subject alone
    # (nothing else) keeps it
    return own if own.strip(" :-[]()") else subject


def system_sender(mail: Mail) -> bool:
    """Whether ``mail`` comes from a mail system: its envelope sender is null (RFC 5321
    section 4.5.5: a notification is sent from "<>"), or its From names a mail system."""
    if "<>" in (mail.header("return-path").replace(" ", ""), mail.header("from").strip()):
        return True
    return bool(_SYSTEM_FROM.search(mail.header("from").lower()))


def from_mail_system(mail: Mail) -> bool:
    """Whether the From of ``mail`` names a mail system or no mailbox at all (the author, not
    the envelope: RFC 3834 section 3.3 has automatic responses sent from "<>" too).

    A responder answers from its owner's address (RFC 5230 section 5.4: the From field SHOULD
    be set to the address of the owner), so a From with no address in it names no person who
    answered: m-FILTER's failure notice is "From: N/A" (its vendor's FAQ, pa-solution.net
    Detail.aspx?id=2686), with the delivery failure in its text."""
    author = mail.header("from").strip()
    if "@" not in author:  # "", "<>", "N/A"
        return True
    return bool(_SYSTEM_FROM.search(author.lower()))


def reads_like_notice(mail: Mail) -> bool:
    """Whether the subject or the text of ``mail`` is a delivery notice's (not its sender:
    our own return path has "bounce" in it)."""
    return bool(_BOUNCE_SUBJECT.search(own_subject(mail))) or text_reads_like_notice(mail)


def text_reads_like_notice(mail: Mail) -> bool:
    """Whether the text of ``mail`` (not its subject or sender) is a delivery notice's."""
    return bool(_BOUNCE_BODY.search(mail.body[:8192].lower()))


def unquote(text: str) -> str:
    """``text`` without one level of ``>`` quoting, when it is a quoted (forwarded) bounce."""
    if not text.startswith(">") and "\n>" not in text[:4096]:
        return text
    lines = [line for line in text[:4096].split("\n") if line.strip()]
    quoted = sum(line.startswith(">") for line in lines)
    return _QUOTED.sub("", text) if lines and quoted * 2 > len(lines) else text


def looks_like_bounce(mail: Mail) -> bool:
    """Whether the notice reads like a delivery failure report at all."""
    if is_system_notice(mail):
        return True
    return bool(_BOUNCE_BODY.search(mail.body[:8192].lower()))


def sender_side_addresses(mail: Mail) -> set[str]:
    """Addresses that are the bounce's own parties, never a failed recipient."""
    names = ("from", "to", "cc", "reply-to", "sender", "return-path")
    found = {a for name in names for a in addresses_in(mail.header(name))}
    if mail.returned is not None:
        for name in ("from", "sender", "reply-to", "return-path"):
            found.update(addresses_in(str(mail.returned.get(name, ""))))
    return found


def envelope_sender_addresses(mail: Mail) -> frozenset[str]:
    """The addresses of our own sender: where the notice was sent (its To, the envelope
    sender of the message it returns) and the returned message's Return-Path and author."""
    found = set(addresses_in(mail.header("to")))
    if mail.returned is not None:
        for name in ("return-path", "from", "sender"):
            found.update(addresses_in(str(mail.returned.get(name, ""))))
    else:
        # A plain-text notice carries the copy inline (Exim's "------ This is a copy of the
        # message, including all the headers. ------", qmail's "--- Below this line is a
        # copy of the message."): its header block names our sender the same way.
        for name, value in _inline_copy_headers(mail.body):
            if name in ("return-path", "from", "sender"):
                found.update(addresses_in(value))
    return frozenset(found)


def _inline_copy_headers(body: str) -> Iterator[tuple[str, str]]:
    """The header fields (lower-cased name, value) of the copy a plain-text notice quotes."""
    started = False
    for line in split_notice(body)[1].split("\n")[:200]:
        header = _HEADER_NAME.match(line.lower())
        if header is not None:
            started = True
            yield header.group()[:-1], line[header.end() :]
        elif started and not line.strip():
            return


def names_the_sender(diagnostic: str | None, recipient: str, senders: frozenset[str]) -> bool:
    """Whether a reply quotes our sender's address and not the recipient's.

    A server quotes the address it refuses (RFC 5321 section 4.2: the reply is addressed to
    the client; Postfix "<addr>: Sender address rejected", sendmail "<addr>... "): a reply
    naming the envelope sender answered MAIL FROM, whatever its words say about a
    "recipient". OpenSMTPD's notice (mta_session.c ``mta_flush_task``) quotes the reply to
    MAIL FROM without naming the command, so the address is the only trace of the stage.
    """
    if not diagnostic or "@" not in diagnostic or not senders:
        return False
    code = _REPLY_START.search(diagnostic)  # the reply itself, not the recipient before it
    if code is None:  # a greeting ("Hello <sender>", Google Groups) is not a reply
        return False
    quoted = set(addresses_in(diagnostic[code.start() :]))
    return bool(quoted & senders) and recipient.lower() not in quoted


_REPLY_START = re.compile(r"(?<![\w.])[45]\d\d[ -]")


def quoted_addresses(diagnostic: str | None) -> set[str]:
    """The addresses (lower case) the reply in ``diagnostic`` quotes, from its code on."""
    if not diagnostic or "@" not in diagnostic:
        return set()
    code = _REPLY_START.search(diagnostic)
    if code is None:
        return set()
    return {a.lower() for a in addresses_in(diagnostic[code.start() :])}


def names_the_sender_domain(
    diagnostic: str | None, recipient: str, senders: frozenset[str]
) -> bool:
    """Whether a reply names our sender's domain and neither an address nor the recipient's
    domain: "553 sender.example does not exist" after the data is about the domain of our
    envelope sender (as Postfix's "Sender address rejected: Domain not found" says in full),
    not the recipient's. Only a whole host name counts (not mx.sender.example's tail).
    """
    if not diagnostic or not senders:
        return False
    code = _REPLY_START.search(diagnostic)
    if code is None:
        return False
    reply = diagnostic[code.start() :].lower()
    if "@" in reply:  # an address quoted: names_the_sender judges it
        return False
    own = recipient.rpartition("@")[2].lower()
    domains = {s.rpartition("@")[2].lower() for s in senders} - {own, ""}
    if own and _names_host(reply, own):
        return False
    return any(_names_host(reply, domain) for domain in domains)


def _names_host(text: str, host: str) -> bool:
    r"""Whether ``host`` stands in ``text`` as a whole name: no name character (a word
    character, "." or "-") before it, none after it but a full stop that ends a sentence.

    The regex ``(?<![\w.-])HOST(?![\w-]|\.\w)`` says the same; built for each host, it was
    compiled again for nearly every notice, so the scan is done with ``str.find``.
    """
    start = text.find(host) if host else -1
    while start >= 0:
        end = start + len(host)
        before, after = text[start - 1 : start], text[end : end + 1]
        joined_before = _name_char(before) or before in (".", "-")
        joined_after = (
            _name_char(after)
            or after == "-"
            or (after == "." and _name_char(text[end + 1 : end + 2]))
        )
        if not joined_before and not joined_after:
            return True
        start = text.find(host, start + 1)
    return False


def _name_char(char: str) -> bool:
    """Whether ``char`` (one character or none) is what ``\\w`` matches in a str pattern."""
    return char.isalnum() or char == "_"


# Prose that introduces an address which is not a failed recipient: a contact to write to, or
# the original address an alias was expanded from (Exim: "(ultimately generated from a@b)";
# Postfix: "<a@b> (expanded from <alias@c>): ...", src/bounce/bounce_notify_util.c).
# Exim's "pipe to |cmd / generated by a@b" is different: there a@b is the failed recipient.
_PROSE_ADDRESS = re.compile(
    r"(?:contact|write to|send (?:an? )?(?:e-?mail|mail|message) to|e-?mail us at|reach us at"
    # ezmlm-checksub's "please forward this message to <list>-owner@<host>" (TXT_ONLY_SUBSCRIBERS,
    # bruceg/ezmlm-idx lang/en_US/messages): where to send the post, not who failed
    r"|\bforward (?:this |the |your )?(?:message |mail |e-?mail |post )?to"
    r"|mailto:|generated from|expanded from)"
    # the address on the same line, or on the next after a colon ("Please contact the list
    # owner:\n  open-request@x", Sympa 6.2's notice to a poster, real_list_sympa/)
    r"[^@\n]{0,40}?(?::[ \t]*\n[ \t]*)?<?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)",
    re.IGNORECASE,
)


# A further contact in the same list: "write to a@x or to b@x", "contact a@x, b@x and c@x".
_ALSO_ADDRESS = re.compile(
    r"[ \t]*(?:,[ \t]*(?:(?:or|and)[ \t]+)?|(?:or|and)[ \t]+)(?:to[ \t]+|at[ \t]+)?"
    r"<?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)>?",
    re.IGNORECASE,
)


def prose_addresses(notice: str) -> set[str]:
    """Addresses the notice's prose names as a contact or an alias's origin (lower-cased), and
    every address listed with the first in the same phrase ("write to a@x or to b@x")."""
    found: set[str] = set()
    for match in _PROSE_ADDRESS.finditer(notice):
        found.add(match.group(1).lower())
        end = match.end() + (notice[match.end() : match.end() + 1] == ">")
        while (also := _ALSO_ADDRESS.match(notice, end)) is not None and also.end() > end:
            found.add(also.group(1).lower())
            end = also.end()
    return found


def is_candidate(address: str, excluded: set[str]) -> bool:
    """Whether ``address`` may be a failed recipient (not a system or sender-side address)."""
    return address not in excluded and not is_system_address(address)
