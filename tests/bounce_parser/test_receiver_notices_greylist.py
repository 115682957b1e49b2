"""Greylisting, a weighted policy and DKIM at the destination
(tests/support/receivers_bed_greylist.py): Debian's greylistd 0.9 behind a receiving Exim 4.96
(greylistd's documented ACL statement), policyd-weight 0.1.15 and OpenDKIM 2.11 behind a
receiving Postfix 3.7, with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept
in real_receivers_greylist_<writer>/ with the manifest that labels them by construction; the
tests read them (nothing is regenerated), and the bed is run live where every server is present
and the test runs as root (Postfix's run in the default suite; Exim's is marked slow).
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
from tests.support import receivers_bed_greylist as bed

SETS = WriterSets("real_receivers_greylist")
stored, entries = SETS.stored, SETS.entries


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_every_scenario_has_its_one_notice_labelled_as_the_bed_labels_it(writer: str) -> None:
    check_stored_set(stored(writer)[1], bed.scenarios(), lambda s, name: bed.entry(s, name, writer))


# What each component answers, as its source or documentation has it (the bed's docstring)
WORDS = {
    "rx_user_unknown": b"550 5.1.1 <nosuchuser@dkim.test>: Recipient address rejected: "
    b"User unknown in local recipient table",
    "greylistd_to_expiry": b"is not yet authorized to deliver mail from",
    "pw_no_dns_to_expiry": b"450 4.7.1 <fine@pw.test>: Recipient address rejected: No DNS "
    b"entries for your MTA, HELO and Domain. Contact YOUR administrator",
    "pw_forged": b"550 5.7.1 <other@pw.test>: Recipient address rejected: Mail appeared to be "
    b"SPAM or forged. Ask your Mail/DNS-Administrator to correct HELO and DNS MX settings or to "
    b"get removed from DNSBLs",
    "pw_dnsbl": b"550 5.7.1 <fine@pw-bl.test>: Recipient address rejected: Your MTA is listed "
    b"in too many DNSBLs",
    "grey_mixed": b"550 Unrouteable address",
}


@pytest.mark.parametrize(("scenario", "words"), sorted(WORDS.items()))
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_refusals_are_the_components_own_words(
    writer: str, scenario: str, words: bytes
) -> None:
    # both writers fold or wrap a long reply, and Exim splits its own long replies into
    # "451-" lines, so white space is made one space and the continuation codes taken out
    directory, _manifest = stored(writer)
    raw = (directory / f"{scenario}.eml").read_bytes()
    flat = b" ".join(raw.replace(b"451-", b"").replace(b" 451 ", b" ").split())
    assert b" ".join(words.split()) in flat


def _failures(_writer: str) -> list[str]:
    return [s.name for s in bed.scenarios()]


# Read wrong before any fix (judge28), none left after: policyd-weight's DNSERRMSG until
# expiry was read as transient (policyd_weight.toml). Per writer, as strict xfails.
KNOWN_BY_WRITER: dict[str, dict[str, str]] = {"postfix": {}, "exim": {}}


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
def test_no_policy_or_authentication_refusal_is_the_recipients_fault(writer: str) -> None:
    # the recipients' addresses are good: only the unknown users may be suppressed
    directory, _manifest = stored(writer)
    for scenario in bed.scenarios():
        report = parse((directory / f"{scenario.name}.eml").read_bytes())
        for bounce in report.recipients:
            if not bounce.address.startswith(("nosuchuser@", "departed@")):
                assert bounce.party is not Party.RECIPIENT, (scenario.name, bounce)
                assert not bounce.suppresses, (scenario.name, bounce)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_greylisting_until_expiry_is_transient_and_never_suppresses(writer: str) -> None:
    # greylistd's "451 127.0.0.1 is not yet authorized to deliver mail from <...> to <...>.
    # Please try later." on every attempt until the queue lifetime ends
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / "greylistd_to_expiry.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_policyd_weights_no_dns_deferral_until_expiry_is_ours_and_never_suppresses(
    writer: str,
) -> None:
    # "450 4.7.1 ... No DNS entries for your MTA, HELO and Domain. Contact YOUR administrator"
    # until the queue lifetime ends: our host's and domain's DNS (policyd_weight.toml); before
    # the entry the expiry alone made it transient
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / "pw_no_dns_to_expiry.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.REQUIRE_PTR,
        Party.SENDER,
        False,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_opendkims_refusal_is_our_authentication_and_never_suppresses(writer: str) -> None:
    # "550 5.7.0 bad DKIM signature data" (opendkim.toml); before the entry the generic 5.7.0
    # alone made it security_error
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / "dkim_bad_signature.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.AUTH_FAILURE,
        Party.SENDER,
        True,
        False,
    )


def _live(factory: pytest.TempPathFactory, writer: str) -> tuple[Path, dict[str, Any]]:
    return run_live(
        factory,
        bed.missing(writer),
        f"greylist-receivers-{writer}",
        lambda directory: bed.generate(directory, writer=writer),
    )


def _check_live(writer: str, out: Path, manifest: dict[str, Any]) -> None:
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in bed.scenarios()}, manifest["log"]
    check_live_entries(out, manifest, entries(writer), KNOWN_BY_WRITER[writer])


def test_live_notices_postfix(tmp_path_factory: pytest.TempPathFactory) -> None:
    # the real servers run again (the deferrals wait for the 8 s queue lifetime); every
    # notice read as its stored twin is labelled
    out, manifest = _live(tmp_path_factory, "postfix")
    _check_live("postfix", out, manifest)


@pytest.mark.slow
def test_live_notices_exim(tmp_path_factory: pytest.TempPathFactory) -> None:
    out, manifest = _live(tmp_path_factory, "exim")
    _check_live("exim", out, manifest)
