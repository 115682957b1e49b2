"""qpsmtpd 0.94 as the real RECEIVING server (tests/support/receivers_bed_qpsmtpd.py), its
plugins refusing in their own words by their own configuration, with Postfix 3.7 and Exim 4.96
writing the notices. The notices are kept in real_receivers_qpsmtpd_<writer>/ with the manifest
that labels them by construction; the tests read them (nothing is regenerated), and the bed is
run live where every server is present and the test runs as root (Postfix's run in the default
suite; Exim's is marked slow).
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
from tests.support import receivers_bed_qpsmtpd as bed

SETS = WriterSets("real_receivers_qpsmtpd")
stored, entries = SETS.stored, SETS.entries


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_every_scenario_has_its_one_notice_labelled_as_the_bed_labels_it(writer: str) -> None:
    check_stored_set(stored(writer)[1], bed.scenarios(), lambda s, name: bed.entry(s, name, writer))


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("qp_no_such_user", b"550 No such user."),
        ("qp_badrcptto", b"550 mail to spamtrap@qp.test not accepted here (#5.1.1)"),
        ("qp_relaying_denied", b"550 Relaying denied (#5.7.1)"),
        ("qp_dnsbl", b"550 Listed by the test bed's block list"),
        ("qp_badmailfrom", b"550 Your envelope sender is in my badmailfrom list"),
        ("qp_sender_unresolvable", b"450 Temporary address resolution failure (#4.4.3)"),
        ("qp_message_too_big", b"552 Message too big!"),
    ],
)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_refusals_are_qpsmtpds_own_words(writer: str, scenario: str, words: bytes) -> None:
    # what each plugin was set up to answer, as its source has it (the bed's docstring);
    # Postfix folds a long Diagnostic-Code, so its white space is made one space first
    directory, _manifest = stored(writer)
    raw = (directory / f"{scenario}.eml").read_bytes()
    assert words in b" ".join(raw.split())


# qpsmtpd 0.94's resolvable_fromhost answers "450 Temporary address resolution failure
# (#4.4.3)" when our sender's domain does not exist (its "missing result" branch), the very
# words Qpsmtpd/DSN.pm's temp_resolver_failed gives when its own resolver fails: nothing in
# the notice tells our domain's absence from the receiver's DNS trouble, and RFC 3463 makes
# X.4.3 a transient network condition. The conservative verdict (transient, temporary, never
# suppressed) is kept; labelled by construction as our side. Strict.
AMBIGUOUS = {"qp_sender_unresolvable": "qpsmtpd's resolver-failure words for our bad domain"}


def _cases() -> list[Any]:
    return writer_cases(bed.WRITERS, lambda _writer: (s.name for s in bed.scenarios()), AMBIGUOUS)


@pytest.mark.parametrize(("writer", "name"), _cases())
def test_stored_notice(writer: str, name: str) -> None:
    directory, _manifest = stored(writer)
    entry = entries(writer)[name]
    check_failed((directory / entry["path"]).read_bytes(), entry)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_ambiguous_resolver_failure_keeps_the_conservative_verdict(writer: str) -> None:
    # what the xfail leaves right: temporary, never suppressed, its own status and reply
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / "qp_sender_unresolvable.eml").read_bytes()).recipients
    assert (bounce.suppresses, bounce.permanent, bounce.party) == (False, False, Party.TRANSIENT)
    assert (bounce.status, bounce.reply_code, bounce.reason) == ("4.4.3", 450, Reason.EXPIRED)


def test_a_5xx_greeting_is_temporary_for_postfix_and_final_for_exim() -> None:
    # the dnsbl plugin refuses the connection: Postfix skips it until its queue lifetime ends,
    # Exim gives up at once; both are our host refused, never suppressed
    for writer, permanent in (("postfix", False), ("exim", True)):
        directory, _manifest = stored(writer)
        (bounce,) = parse((directory / "qp_dnsbl.eml").read_bytes()).recipients
        assert (bounce.permanent, bounce.suppresses) == (permanent, False)
        assert (bounce.party, bounce.reason) == (Party.SENDER, Reason.BLOCKED)


def _live(factory: pytest.TempPathFactory, writer: str) -> tuple[Path, dict[str, Any]]:
    return run_live(
        factory,
        bed.missing(writer),
        f"qpsmtpd-receivers-{writer}",
        lambda directory: bed.generate(directory, writer=writer),
    )


def _check_live(writer: str, out: Path, manifest: dict[str, Any]) -> None:
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in bed.scenarios()}, manifest["log"]
    check_live_entries(out, manifest, entries(writer), AMBIGUOUS)


def test_live_notices_postfix(tmp_path_factory: pytest.TempPathFactory) -> None:
    # the real servers run again (the two deferrals wait for the 8 s queue lifetime); every
    # notice read as its stored twin is labelled
    out, manifest = _live(tmp_path_factory, "postfix")
    _check_live("postfix", out, manifest)


@pytest.mark.slow
def test_live_notices_exim(tmp_path_factory: pytest.TempPathFactory) -> None:
    out, manifest = _live(tmp_path_factory, "exim")
    _check_live("exim", out, manifest)
