"""The WRITER's own failures (tests/support/receivers_bed_writer.py): Postfix 3.7, Exim 4.96
and Sendmail 8.17 writing the notices for what no receiving server words: a mail loop (more
Received headers than the writer's hop limit), the recipient domain's MX naming the writer
itself, an MX that names a host that does not exist, one with no address record and one
written as an IP address, a 554 greeting, the sender refused at MAIL FROM for several
recipients, a connection dropped after the DATA's dot and a destination that never answers
RCPT (both until the queue lifetime ends). Only the domains with no mail server are the
recipient's and suppressed; a loop is transient, a refusal at the greeting or at MAIL FROM
the sender's. The notices are kept in real_receivers_writer_<writer>/ with the manifest that
labels them by construction; the bed runs live where every server is present and the test
runs as root (a quick run, three scenarios that need no queue lifetime, in the default
suite; the full runs are marked slow)."""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets, flat
from tests.support import receivers_bed_writer as bed

SETS = WriterSets("real_receivers_writer")
stored, entries = SETS.stored, SETS.entries

# The destinations' replies both writers quote
WORDS = {
    "greeting_554": bed.NO_SERVICE.encode(),
    "mail_from_refused": (
        b"554 5.7.1 <bounces+mail_from_refused@sender.test>:",
        b"Sender address rejected: Access denied",
    ),
    "mail_from_not_owned": (
        b"553 5.7.1 <bounces+mail_from_not_owned@sender.test>:",
        b"Sender address rejected: not owned by user relay",
    ),
}
# Each writer's own words (Postfix: cleanup_strerror.c, smtp_addr.c, dns_strerror.c,
# smtp_connect.c, smtp_proto.c; Exim: routers/dnslookup.c, deliver.c)
OWN_WORDS = {
    "postfix": {
        "hop_loop": b"too many hops",
        "mx_loops_back": b"mail for loop.test loops back to myself",
        "dead_mx": b"Host or domain name not found. Name service error for name=mx.nowhere.test",
        "noaddr_mx": b"Host or domain name not found. Name service error for",
        "ip_mx": b"connect to 127.0.0.2[127.0.0.2]:25: Connection refused",
        "greeting_554": b"refused to talk to me: 554",
        "dropped_after_dot_until_expiry": b"lost connection with 127.0.0.1[127.0.0.1] while",
        "rcpt_timeout_until_expiry": b"timed out while sending RCPT TO",
    },
    "exim": {
        "dead_mx": b"all relevant MX records point to non-existent hosts",
        "noaddr_mx": b"all relevant MX records point to non-existent hosts",
        "ip_mx": b"point to non-existent hosts or (invalidly) to IP addresses",
        "greeting_554": b"SMTP error from remote mail server after initial connection:",
        "dropped_after_dot_until_expiry": b"retry timeout exceeded",
        "rcpt_timeout_until_expiry": b"retry timeout exceeded",
    },
    "sendmail": {
        "hop_loop": b"554 5.4.6 Too many hops 61 (25 max)",
        "mx_loops_back": b"MX list for loop.test. points back to sendmail.test",
        "dead_mx": b"Host unknown (Name server: mx.nowhere.test.: host not found)",
        "noaddr_mx": b"Host unknown (Name server: mx.noaddr-mx.test.: no data known)",
        "ip_mx": b"Connection refused by 127.0.0.2.",
        "greeting_554": b"<<< " + bed.NO_SERVICE.encode(),
        "dropped_after_dot_until_expiry": b"451 4.4.1 reply: read error from [127.0.0.1]",
        "rcpt_timeout_until_expiry": b"Connection timed out with [127.0.0.1]",
    },
}
# Read wrong, and must stay so until a notice says more
EXIM_SILENT = (
    "Exim's notice names the failed address and no reason (Status 5.0.0): its log says 'Too "
    "many \"Received\" headers - suspected mail loop' or, for the frozen message, 'lowest "
    "numbered MX record points to local host', the notice neither; read undetermined, "
    "undefined, permanent; labelled a transient loop (never suppressed either way)"
)
SENDMAIL_LOOP_STATUS = (
    "Sendmail's Status 5.5.0 over its own transcript lines '554 5.0.0 MX list for loop.test. "
    "points back to sendmail.test' and '554 5.3.5 Local configuration error': the parser "
    "states the transcript's first code, 5.0.0, by preferred_status's rule (the words' code "
    "over the field of the same class); every verdict right"
)
KNOWN = {
    "postfix": {},
    "exim": dict.fromkeys(("hop_loop", "mx_loops_back"), EXIM_SILENT),
    "sendmail": {"mx_loops_back": SENDMAIL_LOOP_STATUS},
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "writer-failures"
    words = WORDS
    known = KNOWN

    def test_only_a_domain_without_a_mail_server_suppresses(self, writer: str) -> None:
        directory, _manifest = stored(writer)
        for name, entry in entries(writer).items():
            wanted = {e["address"]: e for e in entry["expected"]}
            for got in parse((directory / entry["path"]).read_bytes()).recipients:
                want = wanted[got.address.lower()]
                assert got.suppresses is want["hardbounce"], (name, got)
                if want["party"] != "recipient":
                    assert got.party is not Party.RECIPIENT, (name, got)

    def test_a_refusal_at_mail_from_is_the_senders_for_every_recipient(self, writer: str) -> None:
        directory, _manifest = stored(writer)
        for scenario, count in (("mail_from_refused", 3), ("mail_from_not_owned", 2)):
            found = parse((directory / f"{scenario}.eml").read_bytes()).recipients
            assert len(found) == count
            for got in found:
                assert (got.party, got.permanent, got.suppresses) == (Party.SENDER, True, False)


@pytest.mark.parametrize(
    ("writer", "scenario", "words"),
    [(w, s, words) for w, own in OWN_WORDS.items() for s, words in sorted(own.items())],
)
def test_the_writers_own_words(writer: str, scenario: str, words: bytes) -> None:
    directory, _manifest = stored(writer)
    assert flat(words) in flat((directory / f"{scenario}.eml").read_bytes())


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_554_greeting_is_the_senders_never_the_recipients(writer: str) -> None:
    # RFC 5321 sections 3.1 and 4.2.3: "554 No SMTP service here" refuses the session; Postfix
    # skips such a server (smtp_skip_5xx_greeting = yes) and retries it until the queue
    # lifetime ends, its notice saying 4.0.0 beside the quoted 554; Exim and Sendmail fail at
    # once
    bounce = SETS.only(writer, "greeting_554")
    assert (bounce.party, bounce.suppresses, bounce.reply_code) == (Party.SENDER, False, 554)
    assert bounce.permanent is (writer != "postfix")


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_loop_is_never_suppressed_nor_the_recipients(writer: str) -> None:
    for scenario in ("hop_loop", "mx_loops_back"):
        bounce = SETS.only(writer, scenario)
        assert not bounce.suppresses, scenario
        assert bounce.party is not Party.RECIPIENT, scenario


@pytest.mark.parametrize("writer", ["postfix", "sendmail"])
def test_a_routing_loop_is_temporary_and_transient(writer: str) -> None:
    # RFC 3463 X.4.6 "Routing loop detected ... useful only as a persistent transient error":
    # Postfix's "too many hops" (5.4.0) and "loops back to myself" (5.4.6), Sendmail's "554
    # 5.4.6 Too many hops" and "MX list for ... points back to" (domain.c, EX_CONFIG)
    for scenario in ("hop_loop", "mx_loops_back"):
        bounce = SETS.only(writer, scenario)
        assert (bounce.reason, bounce.party) == (Reason.NETWORK_ERROR, Party.TRANSIENT), scenario
        assert (bounce.permanent, bounce.suppresses) == (False, False), scenario
