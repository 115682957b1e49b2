"""MIMEDefang at the destination (tests/support/receivers_bed_mimedefang.py): a receiving
Postfix 3.7 (scenarios md_*) and a receiving Sendmail 8.17 (sm_*) with Debian's MIMEDefang 3.3
as their milter (the bed's filter: action_bounce with
its default text and one of ours, the default filter's message/partial refusal, a size limit of
the filter's, action_tempfail until expiry, filter_sender, filter_recipient and filter_relay
refusals), with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_mimedefang_<writer>/ with the manifest that labels them by construction; the
tests read them (nothing is regenerated), and the bed is run live where MIMEDefang is installed
and the test runs as root (Postfix's quick run, without the two scenarios that wait for the
queue lifetime, in the default suite; the full runs are marked slow).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason
from tests.bounce_parser.real_notices import (
    QuickBedChecks,
    WriterSets,
    only_dead_addresses_suppressed,
)
from tests.support import receivers_bed_mimedefang as bed

SETS = WriterSets("real_receivers_mimedefang")
stored, entries = SETS.stored, SETS.entries


# What MIMEDefang answers, as its sources and manual have it (the bed's docstring); behind
# Sendmail the same, but that Sendmail puts the address before a RCPT refusal's text
WORDS_BEHIND_BOTH = {
    "md_no_such_user": b"550 5.1.1 " + bed.NO_SUCH_USER.encode(),
    "md_bounce_default_text": b"554 5.7.1 " + bed.DEFAULT_BOUNCE.encode(),
    "md_bounce_custom_text": b"554 5.7.1 " + bed.HAZARD.encode(),
    "md_message_partial": b"554 5.7.1 " + bed.PARTIAL.encode(),
    "md_too_large_for_filter": b"552 5.3.4 " + bed.TOO_LARGE.encode(),
    "md_tempfail_to_expiry": b"451 4.3.0 " + bed.DEFAULT_TEMPFAIL.encode(),
    "md_sender_refused": b"554 5.7.1 " + bed.SENDER_REFUSED.encode(),
    "md_recipient_refused_by_policy": b"554 5.7.1 " + bed.RCPT_REFUSED.encode(),
}
WORDS = {
    **WORDS_BEHIND_BOTH,
    **{
        name.replace("md_", "sm_", 1): words.replace(b"md_", b"sm_")
        for name, words in WORDS_BEHIND_BOTH.items()
        if name != "md_no_such_user"
    },
    "sm_no_such_user": b"550 5.1.1 <gone@md-sm.test>... " + bed.NO_SUCH_USER.encode(),
    # filter_relay's text never reaches the client (mimedefang-filter(5), "CONTROLLING
    # RELAYING"): Postfix's smtpd greets a client its milter refused at connect with this
    "md_relay_refused": b"554 rx.test ESMTP not accepting connections",
}


# Texts the bed's filter chose, read from the generic 5.7.1 alone as security_error (the
# sender's, never suppressed: whose fault and the suppress bit right, the reason not one the
# label accepts). No rule is written for words the bed chose (as judge25's postfwd REJECT).
_OPERATOR_TEXT = "a filter's own REJECT or action_bounce text: the reason read from 5.7.1 alone"
KNOWN = {
    f"{prefix}_{name}": _OPERATOR_TEXT
    for prefix in ("md", "sm")
    for name in ("bounce_custom_text", "recipient_refused_by_policy", "mixed")
}
# A sending Postfix skips a 554 greeting as a soft error and retries until the queue lifetime
# ends (Status 4.0.0): read as expired and transient, the site's refusal of our host not seen
_GREETING = "a 554 greeting retried to expiry by Postfix: expired, transient, not the sender's"
KNOWN_BY_WRITER = {"postfix": {**KNOWN, "md_relay_refused": _GREETING}, "exim": KNOWN}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "mimedefang-receivers"
    words = WORDS
    known = KNOWN_BY_WRITER

    def test_no_content_or_policy_refusal_is_the_recipients_fault(self, writer: str) -> None:
        # the recipients' addresses are good: only the users the filter says are gone may be
        # suppressed (filter_recipient's "550 5.1.1 No such user here")
        directory, _manifest = stored(writer)
        only_dead_addresses_suppressed(directory, bed.scenarios(), ("gone@", "departed@"))


PREFIXES = ("md", "sm")  # the receiving Postfix's scenarios, the receiving Sendmail's


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_filter_recipients_no_such_user_is_the_recipients_and_suppresses(
    writer: str, prefix: str
) -> None:
    bounce = SETS.only(writer, f"{prefix}_no_such_user")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.USER_UNKNOWN,
        Party.RECIPIENT,
        True,
    )


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_default_filters_message_partial_refusal_is_content(writer: str, prefix: str) -> None:
    # "554 5.7.1 MIME type message/partial not accepted here" (the default filter's
    # action_bounce, mimedefang.toml): our content refused by the site's filter; before the
    # entry the generic 5.7.1 alone made it security_error
    bounce = SETS.only(writer, f"{prefix}_message_partial")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.FILTERED,
        Party.SENDER,
        False,
    )


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_action_tempfail_until_expiry_is_transient(writer: str, prefix: str) -> None:
    # action_tempfail's default, "451 4.3.0 Try again later", on every attempt until the queue
    # lifetime ends
    bounce = SETS.only(writer, f"{prefix}_tempfail_to_expiry")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )
