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

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import (
    WriterSets,
    check_failed,
    check_live_entries,
    check_stored_set,
    run_live,
    writer_cases,
)
from tests.support import receivers_bed_mimedefang as bed

SETS = WriterSets("real_receivers_mimedefang")
stored, entries = SETS.stored, SETS.entries


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_every_scenario_has_its_one_notice_labelled_as_the_bed_labels_it(writer: str) -> None:
    check_stored_set(stored(writer)[1], bed.scenarios(), lambda s, name: bed.entry(s, name, writer))


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


@pytest.mark.parametrize(("scenario", "words"), sorted(WORDS.items()))
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_refusals_are_mimedefangs_own_words(writer: str, scenario: str, words: bytes) -> None:
    # both writers fold or wrap a long reply, so white space is made one space first
    directory, _manifest = stored(writer)
    raw = (directory / f"{scenario}.eml").read_bytes()
    assert b" ".join(words.split()) in b" ".join(raw.split())


def _failures(_writer: str) -> list[str]:
    return [s.name for s in bed.scenarios()]


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


def _cases() -> list[Any]:
    return [
        case
        for writer in bed.WRITERS
        for case in writer_cases((writer,), _failures, KNOWN_BY_WRITER[writer])
    ]


@pytest.mark.parametrize(("writer", "name"), _cases())
def test_stored_notice(writer: str, name: str) -> None:
    directory, _manifest = stored(writer)
    entry = entries(writer)[name]
    check_failed((directory / entry["path"]).read_bytes(), entry)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_no_content_or_policy_refusal_is_the_recipients_fault(writer: str) -> None:
    # the recipients' addresses are good: only the users the filter says are gone may be
    # suppressed (filter_recipient's "550 5.1.1 No such user here")
    directory, _manifest = stored(writer)
    for scenario in bed.scenarios():
        report = parse((directory / f"{scenario.name}.eml").read_bytes())
        for bounce in report.recipients:
            if not bounce.address.startswith(("gone@", "departed@")):
                assert bounce.party is not Party.RECIPIENT, (scenario.name, bounce)
                assert not bounce.suppresses, (scenario.name, bounce)


PREFIXES = ("md", "sm")  # the receiving Postfix's scenarios, the receiving Sendmail's


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_filter_recipients_no_such_user_is_the_recipients_and_suppresses(
    writer: str, prefix: str
) -> None:
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / f"{prefix}_no_such_user.eml").read_bytes()).recipients
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
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / f"{prefix}_message_partial.eml").read_bytes()).recipients
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
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / f"{prefix}_tempfail_to_expiry.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )


def _live(
    factory: pytest.TempPathFactory, writer: str, quick: bool = False
) -> tuple[Path, dict[str, Any]]:
    return run_live(
        factory,
        bed.missing(writer),
        f"mimedefang-receivers-{writer}",
        lambda directory: bed.generate(directory, writer=writer, quick=quick),
    )


def _check_live(writer: str, out: Path, manifest: dict[str, Any], quick: bool = False) -> None:
    assert manifest["error"] is None, manifest["log"]
    sent = bed.sent(quick)
    assert manifest["notices"] == {s.name: 1 for s in sent}, manifest["log"]
    names = {s.name for s in sent}
    known = {k: v for k, v in KNOWN_BY_WRITER[writer].items() if k in names}
    check_live_entries(out, manifest, entries(writer), known)


def test_live_notices_postfix_quick(tmp_path_factory: pytest.TempPathFactory) -> None:
    # the real servers run again, without the two scenarios that wait for the 8 s queue
    # lifetime (about 9 s); every notice read as its stored twin is labelled
    out, manifest = _live(tmp_path_factory, "postfix", quick=True)
    _check_live("postfix", out, manifest, quick=True)


@pytest.mark.slow
def test_live_notices_postfix(tmp_path_factory: pytest.TempPathFactory) -> None:
    out, manifest = _live(tmp_path_factory, "postfix")
    _check_live("postfix", out, manifest)


@pytest.mark.slow
def test_live_notices_exim(tmp_path_factory: pytest.TempPathFactory) -> None:
    out, manifest = _live(tmp_path_factory, "exim")
    _check_live("exim", out, manifest)
