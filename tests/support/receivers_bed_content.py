"""RETURNED ORIGINALS THAT READ LIKE NOTICES, written back by a REAL writer (judge91, issue
#14: a relay carries any content; the returned message must not decide the verdict). A real
Postfix 3.7 (Debian's), Exim 4.96, Sendmail 8.17, OpenSMTPD 6.8, Courier 1.0.16 or chasquid
1.11 (the unpacked copies) is sent messages of ours whose CONTENT says a delivery failed (a
forwarded old bounce, a support reply quoting "mailbox full", a newsletter saying "this
address does not exist", an attached message/delivery-status part, an attached whole
multipart/report, "Undelivered Mail Returned to Sender" in our own Subject, To and Cc lists
of other addresses) and which fail for a DIFFERENT reason at a scripted destination; two are
big enough that Postfix (bounce_size_limit, 50000 by default) and Exim
(bounce_return_size_limit, 100K by default) cut the returned copy, one in a base64
attachment, one in the middle of a text part. The machinery is receivers_bed_writer.py's
(``Bed``, ``Destination`` with a ``script``, ``Tuning``, ``Glue``), as judge82's
receivers_bed_many.py uses it; its replies are the ones that bed carries, their sources
named there:

- ``content.test``: a local part opening ``gone`` gets Postfix's "550 5.1.1 <address>:
  Recipient address rejected: User unknown in virtual mailbox table"; ``full`` Dovecot's
  "552 5.2.2 <address> Quota exceeded (mailbox for user is full)" and ``overquota`` the same
  as "452 4.2.2" (every time, until the queue lifetime ends); ``reader`` is accepted and
  delivered;
- ``spamfilter.test``: every recipient accepted at RCPT, then rspamd's "554 5.7.1 Spam
  message rejected" after the DATA's dot;
- ``blocklist.test``: Postfix's reject_rbl_client refusal naming OUR sending host ("554
  5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; ...");
- ``greylist.test``: postgrey's "450 4.2.0 <address>: Recipient address rejected:
  Greylisted, see ...", every time.

The messages (CONTENTS: each one's content; the words it quotes are texts real servers
write, as named there; the addresses it names are at ``elsewhere.test`` and ``list.test``,
never sent to):

- ``forwarded_bounce_blocked``: "Fwd: Undelivered Mail Returned to Sender", an old Postfix
  notice pasted inline (its "<old@...>: ... User unknown", X-Failed-Recipients,
  Final-Recipient, Status 5.1.1), to ``carol@blocklist.test``: content dead, refusal ours;
- ``ticket_quotes_full_mailbox``: a support reply quoting "452 4.2.2 ... Quota exceeded",
  "mailbox full", to ``gone1@content.test``: content temporary, refusal a dead address;
- ``newsletter_says_no_such_address``: a newsletter that says "this address does not
  exist", "User unknown", "550 5.1.1", to ``erin@spamfilter.test``: content dead, refusal
  the sender's (spam, after the dot);
- ``attached_delivery_status``: a multipart/mixed with a message/delivery-status part about
  ``old2@elsewhere.test`` (Action failed, Status 5.1.1), to ``full1@content.test``: content
  dead, refusal a full mailbox (temporary);
- ``attached_whole_report``: a message/rfc822 attachment holding a whole multipart/report
  (report-type=delivery-status) about ``old3@elsewhere.test``, to ``dana@blocklist.test``;
- ``subject_undelivered_beside_delivered``: our Subject "Undelivered Mail Returned to
  Sender", Postfix's notice words in the body, to ``reader@content.test`` (delivered) and
  ``gone2@content.test``;
- ``big_base64_cut``: a text part quoting "Status: 4.2.2" and "mailbox full" for
  ``old4@elsewhere.test``, and a 150,000-byte attachment in base64, to
  ``gone3@content.test``: the writers with a limit cut inside the base64;
- ``big_text_cut``: a list owner's digest of bounces, a text part of ~2,400 lines "<member
  N@list.test>: host mx.list.test said: 550 5.1.1 User unknown", to ``frank@blocklist.test``:
  cut in the middle of the part;
- ``cc_list_quotes_unknown_until_expiry``: To ``overquota@content.test`` and Cc four
  addresses at elsewhere.test (not sent to), the body quoting "<old5@elsewhere.test>: User
  unknown", deferred (452 4.2.2) until the queue lifetime ends;
- ``warning_quotes_failure``: NOTIFY=DELAY only (RFC 3461 section 4.1), the body quoting a
  whole failure notice, to ``ivan@greylist.test`` (greylisted every time): the writer's delay
  warning is its one notice.

The rule, written before the first score:

1. Each failed recipient is labelled by the reply its own destination gave it and by nothing
   else: nothing in the message we sent (its Subject, From, To, Cc, body, attachments, an
   attached DSN or report, the part a writer cut) decides the verdict, the status, the
   reason or who failed.
2. "550 5.1.1 ... User unknown": the recipient's, permanent, suppressed, ``user_unknown``.
3. A full mailbox (552 5.2.2 at once; 452 4.2.2 until the queue lifetime ends): the
   recipient's, temporary (the SPEC's soft bounce whatever the class, as judge82's rule 3),
   never suppressed, ``mailbox_full`` (``expired`` accepted for the 452).
4. rspamd's refusal after the dot: the sender's, permanent, never suppressed,
   ``spam_detected`` (judge82's SPAM accepted).
5. A block list naming our host: the sender's, permanent, never suppressed, ``blocked``
   (``bad_reputation`` accepted).
6. A delivered recipient is no failed recipient (the bed checks it arrived); an address
   named only in our message (its headers, body, an attached DSN's Final-Recipient, an
   X-Failed-Recipients line in its body) is no failed recipient either.
7. A notice whose writer cut the returned copy is labelled as if it had not (rule 1).
8. A delay warning reports no failed recipient; none is read as failed, permanent or
   suppressed.
9. Status and reply code as each writer's notice states them: the quoted reply's where the
   notice quotes it; where a writer states its own, ``AS_STATED``, from what it did in the
   first runs, read before the first score.

How each writer returned the message (the first runs, read before the first score):
Postfix, Exim and Courier return the whole message but for the two big ones, of which they
return the header only (text/rfc822-headers; Exim adds "X-Exim-DSN-Information: Due to
administrative limits only headers are returned"): none of them cuts inside a part, so the
cut the issue names (inside a MIME part or a base64 attachment) is not made by these writers
at their defaults. Sendmail and chasquid return every message whole as message/rfc822 under
multipart/report; OpenSMTPD writes multipart/mixed, not multipart/report, and puts the WHOLE
message, body and all, under "Content-Type: text/rfc822-headers", so our message's own
boundaries and parts (the attached delivery-status, the attached report) are lines of text
inside that part.

``LEFT_OUT`` says which writer cannot be driven to which scenario, and why.
"""

from __future__ import annotations

from typing import Any

from tests.support import receivers_bed
from tests.support import receivers_bed_many as many
from tests.support import receivers_bed_writer as writer_bed
from tests.support.bed import submit
from tests.support.dns_server import DnsServer
from tests.support.receivers_bed import EXPIRED, SENDER_DOMAIN, Expected, Scenario
from tests.support.receivers_bed_content_messages import content_message
from tests.support.receivers_bed_writer import Destination

WRITERS = writer_bed.WRITERS

CONTENT = "content.test"
SPAMFILTER = "spamfilter.test"
BLOCKLIST = "blocklist.test"
GREYLIST = "greylist.test"

OWN_ADDRESS = {
    CONTENT: "127.0.0.71",
    SPAMFILTER: "127.0.0.72",
    BLOCKLIST: "127.0.0.73",
    GREYLIST: "127.0.0.74",
}

READER = f"reader@{CONTENT}"

# The replies at RCPT by the local part's opening (content.test) or the domain
_BY_LOCAL = (
    ("gone", many.virtual_unknown),
    ("full", lambda a: many.quota("552 5.2.2", a)),
    ("overquota", lambda a: many.quota("452 4.2.2", a)),
)


def _at_rcpt(domain: str, address: str) -> str | None:
    if domain == BLOCKLIST:
        return many.BLOCKLISTED
    if domain == GREYLIST:
        return many.greylisted(address)
    if domain == CONTENT:
        local = address.split("@", 1)[0].lower()
        return next((reply(address) for start, reply in _BY_LOCAL if local.startswith(start)), None)
    return None


def _script(domain: str) -> Any:
    """``domain``'s replies (Destination.script); no state kept between commands."""

    def script(verb: str, line: str, recipients: list[str]) -> list[str] | None:
        if verb == "RCPT":
            reply = _at_rcpt(domain, line.split("<", 1)[-1].split(">", 1)[0])
            return None if reply is None else [reply]
        if verb == "." and domain == SPAMFILTER and recipients:
            return [many.SPAM_REPLY]
        return None

    return script


def destinations() -> dict[str, Destination]:
    ehlo = ("ENHANCEDSTATUSCODES", "8BITMIME", "SIZE 10240000")
    return {d: Destination(ehlo=ehlo, script=_script(d)) for d in OWN_ADDRESS}


# The labels (rules 2 to 5)
UNKNOWN = many.UNKNOWN
FULL = many.FULL
FULL_EXPIRED = many.FULL_EXPIRED
SPAM = many.SPAM
BLOCKED = many.BLOCKED

FORWARDED = "forwarded_bounce_blocked"
TICKET = "ticket_quotes_full_mailbox"
NEWSLETTER = "newsletter_says_no_such_address"
ATTACHED_STATUS = "attached_delivery_status"
ATTACHED_REPORT = "attached_whole_report"
SUBJECT = "subject_undelivered_beside_delivered"
BIG_BASE64 = "big_base64_cut"
BIG_TEXT = "big_text_cut"
UNTIL_EXPIRY = "cc_list_quotes_unknown_until_expiry"
WARNING = "warning_quotes_failure"  # sent with NOTIFY=DELAY only
DELAY_WARNING = "2s"  # the writers' delay before a delay warning


def _e(
    address: str, reasons: tuple[str, ...], party: str, status: str, code: str, permanent: bool
) -> Expected:
    suppress = permanent and party == "recipient"
    return Expected(address, permanent, suppress, reasons, party, status, code)


def _unknown(address: str) -> Expected:
    return _e(address, UNKNOWN, "recipient", "5.1.1", "550", True)


def _blocked(address: str) -> Expected:
    return _e(address, BLOCKED, "sender", "5.7.1", "554", True)


def _one(name: str, expected: Expected) -> Scenario:
    return Scenario(name, (expected.address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message, each failed recipient labelled by the rule (the statuses the replies
    carry; each writer's own in AS_STATED)."""
    gone2 = f"gone2@{CONTENT}"
    return (
        _one(FORWARDED, _blocked(f"carol@{BLOCKLIST}")),
        _one(TICKET, _unknown(f"gone1@{CONTENT}")),
        _one(NEWSLETTER, _e(f"erin@{SPAMFILTER}", SPAM, "sender", "5.7.1", "554", True)),
        _one(
            ATTACHED_STATUS,
            _e(f"full1@{CONTENT}", FULL, "recipient", "5.2.2", "552", False),
        ),
        _one(ATTACHED_REPORT, _blocked(f"dana@{BLOCKLIST}")),
        Scenario(SUBJECT, (READER, gone2), (_unknown(gone2),)),
        _one(BIG_BASE64, _unknown(f"gone3@{CONTENT}")),
        _one(BIG_TEXT, _blocked(f"frank@{BLOCKLIST}")),
        _one(
            UNTIL_EXPIRY,
            _e(f"overquota@{CONTENT}", FULL_EXPIRED, "recipient", "4.2.2", "452", False),
        ),
        Scenario(WARNING, (f"ivan@{GREYLIST}",), ()),  # rule 8: no failed recipient
    )


# chasquid 1.11 writes no delay warnings (its SendLoop's TODO; docs/bounces.md, judge55);
# OpenSMTPD 6.8 with its warning set short warns for the NOTIFY=FAILURE messages too
# (judge82): its warning message left out, as in the many-recipients bed
LEFT_OUT: dict[str, frozenset[str]] = {
    "chasquid": frozenset({WARNING}),
    "opensmtpd": frozenset({WARNING}),
}


def scenarios_for(writer: str) -> tuple[Scenario, ...]:
    left_out = LEFT_OUT.get(writer, frozenset())
    return tuple(s for s in scenarios() if s.name not in left_out)


# the default suite's run: the messages whose refusals are final at once
QUICK_SCENARIOS = (
    FORWARDED,
    TICKET,
    NEWSLETTER,
    ATTACHED_STATUS,
    ATTACHED_REPORT,
    SUBJECT,
    BIG_BASE64,
    BIG_TEXT,
)


sent = writer_bed.quick_sent(scenarios_for, QUICK_SCENARIOS)


missing = writer_bed.missing


def check(
    chosen: tuple[Scenario, ...], _quiet: tuple[Scenario, ...], served: dict[str, Any]
) -> str | None:
    """Rule 6: the delivered recipient arrived."""
    arrived = {a for d in served.values() for t in d.arrivals for a in t}
    if any(s.name == SUBJECT for s in chosen) and READER not in arrived:
        return f"{READER} not delivered ({sorted(arrived)})"
    return None


def dns_records(dns: DnsServer) -> None:
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")


def _notify(scenario: str) -> str:
    return "DELAY" if scenario == WARNING else "FAILURE"


async def send(port: int, scenario: Scenario, writer: str) -> None:
    # neither the Courier front nor chasquid takes RCPT parameters (writer_bed._send's rule;
    # TUNING's courier_notify gives Courier's NOTIFY by the sender)
    notify = [f"NOTIFY={_notify(scenario.name)}"]
    options = [] if writer in ("courier", "chasquid") else notify
    sender = writer_bed.sender_of(scenario.name)
    await submit(port, content_message(scenario), sender, scenario.recipients, options)


TUNING = writer_bed.Tuning(
    own_address=OWN_ADDRESS,
    delay_warning=dict.fromkeys(("postfix", "exim", "sendmail", "courier"), DELAY_WARNING),
    courier_notify=lambda sender: _notify(writer_bed._scenario_of(sender)),
)
BED = writer_bed.Bed(
    sent=sent,
    destinations=destinations,
    own_address=OWN_ADDRESS,
    dns_records=dns_records,
    send=send,
    check=check,
    tuning=TUNING,
)

# Rule 9: what each writer's notice states where it is not the quoted reply's (from the
# first runs, read before the first score): address -> (status, reply code, reasons or None).
# Every writer quotes each destination's reply, its enhanced code the status, in its text or
# its Diagnostic-Code (Exim, OpenSMTPD, Courier and chasquid under their own Status 5.0.0;
# Sendmail under 4.4.7 and chasquid under 4.0.0 for the expiry, quoting the last reply), but
# OpenSMTPD's expiry notice: "overquota@content.test: Envelope expired", Action: delayed,
# Status 4.4.7, no reply (as in judge82's many-recipients bed).
AS_STATED: dict[str, dict[str, tuple[str, str, tuple[str, ...] | None]]] = {
    "opensmtpd": {f"overquota@{CONTENT}": ("4.4.7", "", (EXPIRED, "mailbox_full"))},
}

_as_stated = writer_bed.stated_by_address(AS_STATED)


GLUE = writer_bed.Glue(
    __name__,
    "the returned-content bed",
    "real-receivers-content",
    BED,
    scenarios,
    sent,
    _as_stated,
    bounce=lambda scenario: scenario.name != WARNING,
)
entry, run, write, ADAPTER = GLUE.entry, GLUE.run, GLUE.write, GLUE.adapter
generate = ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
