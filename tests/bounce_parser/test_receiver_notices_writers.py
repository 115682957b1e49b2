"""The receivers' bed (tests/support/receivers_bed.py) with other real MTAs as the WRITER of
the notices: the same real receiving servers (a second Postfix with postgrey and a DNSBL,
Exim's ACLs, OpenSMTPD 6.8, Haraka 3.3.4) refuse in their own words, and each refusal comes
back quoted in another notice form. Debian's Exim 4.96: "SMTP error from remote mail server
after RCPT TO:<a>:", "retry timeout exceeded" over a quoted 450, Status 5.0.0 beside the
reply's own code. Debian's Sendmail 8.17: a session transcript of ">>> " commands and "<<< "
replies, a Diagnostic-Code with only the first line of a multi-line reply, and its own
status for a reply without an enhanced code (``receivers_bed.stated_status``). Kept in
real_receivers_<writer>/ with the manifest that labels them by construction (the receiver
decides the labels; only Sendmail's stated status differs, by its source), and regenerated
live where every MTA is present and the test runs as root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import parse
from tests.bounce_parser.real_notices import (
    WriterSets,
    check_failed,
    check_live_entries,
    run_live,
    writer_cases,
)
from tests.support import receivers_bed

WRITERS = ("exim", "sendmail")


SETS = WriterSets("real_receivers")
stored, entries = SETS.stored, SETS.entries


@pytest.mark.parametrize("writer", WRITERS)
def test_every_scenario_has_its_one_labelled_notice(writer: str) -> None:
    _directory, manifest = stored(writer)
    assert set(entries(writer)) == {s.name for s in receivers_bed.scenarios()}
    assert manifest["notices"] == {s.name: 1 for s in receivers_bed.scenarios()}
    assert manifest["error"] is None


@pytest.mark.parametrize("writer", WRITERS)
def test_the_labels_are_the_beds(writer: str) -> None:
    found = entries(writer)
    for scenario in receivers_bed.scenarios():
        name = f"{scenario.name}.eml"
        assert found[scenario.name] == receivers_bed.entry(scenario, name, writer)


@pytest.mark.parametrize(
    ("writer", "marks"),
    [
        ("exim", (b"@exim-tx.test>", b"eximdsn", b"Reporting-MTA: dns; exim-tx.test")),
        ("sendmail", (b"@sendmail.test>", b"Reporting-MTA: dns; sendmail.test", b"<<< ")),
    ],
)
def test_the_notices_are_the_writers(writer: str, marks: tuple[bytes, ...]) -> None:
    directory, manifest = stored(writer)
    for entry in manifest["entries"]:
        raw = (directory / entry["path"]).read_bytes()
        for mark in marks:
            assert mark in raw, (entry["path"], mark)


def _cases() -> list[Any]:
    why = "OpenSMTPD's reply is the unknown user's, word for word"
    return writer_cases(WRITERS, entries, dict.fromkeys(receivers_bed.INDISTINGUISHABLE, why))


@pytest.mark.parametrize(("writer", "name"), _cases())
def test_stored_notice(writer: str, name: str) -> None:
    directory, _manifest = stored(writer)
    entry = entries(writer)[name]
    check_failed((directory / entry["path"]).read_bytes(), entry)


def test_sendmails_first_line_of_a_multi_line_reply_is_completed_by_its_transcript() -> None:
    # Sendmail's Diagnostic-Code keeps only the first line of a multi-line reply ("550-sender
    # envelope address <ours> is"); its transcript quotes every line ("<<< 550-..."). The
    # reply is all of them (RFC 5321 section 4.2.1): Debian's exim4-config refusing our
    # envelope sender, not a host's block list.
    directory, _manifest = stored("sendmail")
    raw = (directory / "exim_sender_blacklisted.eml").read_bytes()
    assert b"Diagnostic-Code: SMTP; 550-sender envelope address" in raw
    (bounce,) = parse(raw).recipients
    assert bounce.diagnostic is not None
    assert "is locally blacklisted here" in bounce.diagnostic
    assert "get in touch with postmaster" in bounce.diagnostic
    assert bounce.reason.value == "rejected"


@pytest.fixture(scope="module", params=WRITERS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, dict[str, Any]]:
    """The bed run once per writer (about 12-16 s each: the deferred scenarios wait for the
    writer's 8 s queue lifetime)."""
    writer: str = request.param
    why = receivers_bed.missing(writer)
    out, found = run_live(
        tmp_path_factory,
        why,
        f"receivers-bed-{writer}",
        lambda directory: receivers_bed.generate(directory, writer=writer),
    )
    return writer, out, found


def test_the_live_bed_writes_one_notice_per_scenario(
    live: tuple[str, Path, dict[str, Any]],
) -> None:
    _writer, _out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in receivers_bed.scenarios()}, manifest["log"]


def test_live_notices(live: tuple[str, Path, dict[str, Any]]) -> None:
    # Every scenario's notice at once (one test per writer: the fixture runs the bed once per
    # writer); the indistinguishable ones must still fail, as the stored ones' strict xfails.
    writer, out, manifest = live
    check_live_entries(out, manifest, entries(writer), receivers_bed.INDISTINGUISHABLE)
