"""The WRITER's own failures (tests/support/receivers_bed_writer.py): Postfix 3.7, Exim 4.96,
Sendmail 8.17, OpenSMTPD 6.8, Courier 1.0.16 and chasquid 1.11 (judge55; each sent the
scenarios it can be driven to, the bed's LEFT_OUT) writing the notices for what no
receiving server words: a mail loop (more Received headers than the writer's hop limit; for
Postfix also local(8)'s alias and Delivered-To loops), the recipient domain's MX naming the
writer itself, an MX that names a host that does not exist, one with no address record, one
naming an alias and one written as an IP address, a 554 greeting, the sender refused at MAIL
FROM for several recipients, a connection dropped after the DATA's dot and a destination that
never answers RCPT (both until the queue lifetime ends). Only the domains with no mail server
are the recipient's and suppressed; a loop is transient, a refusal at the greeting or at MAIL FROM
the sender's. The notices are kept in real_receivers_writer_<writer>/ with the manifest that
labels them by construction; the bed runs live where every server is present and the test
runs as root (a quick run, three scenarios that need no queue lifetime, in the default
suite; the full runs are marked slow)."""

from __future__ import annotations

from typing import Any

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
        "cname_mx": b"Host unknown (Name server: mx.cname-mx.test.: host not found)",
    },
    # judge55: OpenSMTPD 6.8 (queue.c "Envelope expired" for every failure it retried until
    # the queue lifetime ended, a missing MX included: mta.c's "No MX found for domain" is a
    # TempFail) and Courier 1.0.16 (courieresmtp's own lines, quoted after "<<< ")
    "opensmtpd": {
        "dead_mx": b"someone@dead-mx.test: Envelope expired",
        "cname_mx": b"someone@cname-mx.test: Envelope expired",
        "greeting_554": b"fine@greet554.test: Envelope expired",
    },
    "courier": {
        "mx_loops_back": b"configuration error: mail loops back to myself (MX problem).",
        "dead_mx": b"<<< No such domain.",
        "cname_mx": b"<<< No such domain.",
        "ip_mx": b"<<< This domain's DNS violates RFC 1035.",
        "greeting_554": b"<<< " + bed.NO_SERVICE.encode(),
        "dropped_after_dot_until_expiry": b"Network connection shut down by the remote mail",
        "rcpt_timeout_until_expiry": b"<<< Connection timed out",
    },
}
# chasquid 1.11: internal/courier/smtp.go's words, with Go's net errors (golang.toml)
OWN_WORDS["chasquid"] = {
    "dead_mx": b"Could not dial: dial tcp: lookup mx.nowhere.test. on 127.0.0.1:53: no such host",
    "cname_mx": b"lookup mx.cname-mx.test. on 127.0.0.1:53: no such host",
    "ip_mx": b"Could not find mail server: lookup ip-mx.test: DNS response contained records "
    b"which contain invalid names",
    "greeting_554": b"Error creating client: " + bed.NO_SERVICE.encode(),
    "dropped_after_dot_until_expiry": b"all MXs returned transient failures (last: DATA closing",
}
OWN_WORDS["postfix"] |= {
    "cname_mx": b"Name service error for name=mx.cname-mx.test type=A: Host not found",
    "alias_loop": b"<pong@forward.test> (expanded from <ping@forward.test>): alias database loop",
    "delivered_to_loop": b"mail forwarding loop for loop@forward.test",
}
OWN_WORDS["exim"]["cname_mx"] = b"all relevant MX records point to non-existent hosts"
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
OPENSMTPD_GREETING = (
    "OpenSMTPD retried the 554 greeting until the queue lifetime ended and its notice says only "
    "'Envelope expired' (Status 4.4.7), quoting no reply: read expired, transient, never "
    "suppressed; labelled the sender's by the rule (a refusal at the greeting). Nothing in "
    "the notice tells it from a lost connection"
)
KNOWN = {
    "postfix": {},
    "opensmtpd": {"greeting_554": OPENSMTPD_GREETING},
    "exim": dict.fromkeys(("hop_loop", "mx_loops_back"), EXIM_SILENT),
    "sendmail": {"mx_loops_back": SENDMAIL_LOOP_STATUS},
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "writer-failures"
    words = WORDS
    known = KNOWN

    # each writer is sent its own scenarios (bed.LEFT_OUT: what it cannot be driven to)
    def scenarios_of(self, writer: str) -> list[Any]:
        return list(bed.scenarios_for(writer))

    def test_the_refusals_are_the_components_own_words(
        self, writer: str, scenario: str, words: bytes | tuple[bytes, ...]
    ) -> None:
        if (writer, scenario) != ("opensmtpd", "greeting_554"):
            super().test_the_refusals_are_the_components_own_words(writer, scenario, words)
            return
        # OpenSMTPD's expiry quotes no reply at all: "Envelope expired" only (KNOWN)
        directory, _manifest = SETS.stored(writer)
        assert isinstance(words, bytes)
        assert flat(words) not in flat((directory / f"{scenario}.eml").read_bytes())

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


QUOTING_WRITERS = [w for w in bed.WRITERS if w != "opensmtpd"]


@pytest.mark.parametrize("writer", QUOTING_WRITERS)
def test_a_554_greeting_is_the_senders_never_the_recipients(writer: str) -> None:
    # RFC 5321 sections 3.1 and 4.2.3: "554 No SMTP service here" refuses the session; Postfix
    # skips such a server (smtp_skip_5xx_greeting = yes) and retries it until the queue
    # lifetime ends, its notice saying 4.0.0 beside the quoted 554, and so does chasquid; Exim,
    # Sendmail and Courier fail at once (OpenSMTPD's notice quotes no reply: KNOWN)
    bounce = SETS.only(writer, "greeting_554")
    assert (bounce.party, bounce.suppresses, bounce.reply_code) == (Party.SENDER, False, 554)
    assert bounce.permanent is (writer not in ("postfix", "chasquid"))


LOOPS = ("hop_loop", "mx_loops_back", "alias_loop", "delivered_to_loop")


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_loop_is_never_suppressed_nor_the_recipients(writer: str) -> None:
    for scenario in (s.name for s in bed.scenarios_for(writer) if s.name in LOOPS):
        bounce = SETS.only(writer, scenario)
        assert not bounce.suppresses, scenario
        assert bounce.party is not Party.RECIPIENT, scenario


@pytest.mark.parametrize("writer", ["postfix", "sendmail", "courier"])
def test_a_routing_loop_is_temporary_and_transient(writer: str) -> None:
    # RFC 3463 X.4.6 "Routing loop detected ... useful only as a persistent transient error":
    # Postfix's "too many hops" (5.4.0), "loops back to myself" (5.4.6) and local(8)'s
    # "alias database loop" and "mail forwarding loop" (5.4.6), Sendmail's "554 5.4.6 Too many
    # hops" and "MX list for ... points back to" (domain.c, EX_CONFIG), Courier's "mail loops
    # back to myself (MX problem)"
    for scenario in (s.name for s in bed.scenarios_for(writer) if s.name in LOOPS):
        bounce = SETS.only(writer, scenario)
        assert (bounce.reason, bounce.party) == (Reason.NETWORK_ERROR, Party.TRANSIENT), scenario
        assert (bounce.permanent, bounce.suppresses) == (False, False), scenario
