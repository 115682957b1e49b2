"""Auto-replies real responders sent to a message of ours (tests/support/autoreply_bed.py):
Exim 4.96's autoreply transport (with ``return_message``, a subject saying "Undeliverable",
a French text), vacation(1) 3.3.3 (its manual's example message, a user's "no longer here"
text sent from "<>", a German one) and procmail 3.22's formail -r (procmailex(5)'s vacation
recipe, and -rt), stored in real_autoreply_exim/ with the manifest that labels them by
construction: an auto-reply is never a bounce, whatever its words. Exim's bounce for an
unknown user of the same destination is the contrast that must still be read as one. The bed
runs again live where Exim is unpacked and the test runs as root (about 5 s).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Kind, parse
from tests.bounce_parser.real_notices import (
    WriterSets,
    check_failed,
    check_stored_set,
    run_live,
)
from tests.support import autoreply_bed

SETS = WriterSets("real_autoreply")
DIRECTORY, MANIFEST = SETS.stored("exim")
ENTRIES = SETS.entries("exim")
REPLIES = sorted(name for name, entry in ENTRIES.items() if not entry["bounce"])
BOUNCES = sorted(name for name, entry in ENTRIES.items() if entry["bounce"])
# Read wrong still, kept failing on purpose (docs/bounces.md, judge31): vacation(1)'s reply
# from "<>" with no header of a responder and the user's "Undeliverable: ..." subject and "was
# not delivered" text is read as a free-text notice about the address it asks to write to.
KNOWN = {
    "vacation_no_longer_here": "a reply marked by nothing but its words, read as a notice "
    "naming the address it offers as a contact"
}


def check_notice(raw: bytes, entry: dict[str, Any]) -> None:
    """A bounce read as its labels say; an auto-reply read as one, naming no failed
    recipient (the relay ignores an auto-reply whole: relay/bounce/recorder.py)."""
    if entry["bounce"]:
        check_failed(raw, entry)
        return
    report = parse(raw)
    assert report.kind is Kind.AUTO_REPLY, (entry["scenario"], report)
    assert all(not b.suppresses for b in report.recipients)


def test_the_stored_set_has_one_labelled_notice_per_scenario() -> None:
    check_stored_set(MANIFEST, autoreply_bed.scenarios(), autoreply_bed.entry)
    assert len(REPLIES) == 9
    assert BOUNCES == ["exim_unknown_user"]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN[n], strict=True)) if n in KNOWN else n
        for n in REPLIES + BOUNCES
    ],
)
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check_notice((DIRECTORY / entry["path"]).read_bytes(), entry)


def test_exims_autoreply_quoting_the_original_like_a_bounce_is_no_bounce() -> None:
    # return_message: the original under Exim's bounce line "------ This is a copy of the
    # message, including all the headers.", Subject "Returned mail: ..."; but the From is the
    # responder's mailbox and Auto-Submitted says auto-replied (RFC 3834 section 5). Exim's
    # own bounce carries auto-replied too, from Mailer-Daemon, and stays a bounce.
    reply = (DIRECTORY / "exim_return_message.eml").read_bytes()
    assert b"------ This is a copy of the message, including all the headers." in reply
    assert parse(reply).kind is Kind.AUTO_REPLY
    bounce = parse((DIRECTORY / "exim_unknown_user.eml").read_bytes())
    assert bounce.kind is Kind.FAILED
    assert [(b.address, b.suppresses) for b in bounce.recipients] == [
        ("nosuchuser@autoreply.test", True)
    ]


def test_a_reply_without_auto_submitted_is_still_an_auto_reply() -> None:
    # vacation(1) sends the user's message file as it is and formail -r writes no
    # Auto-Submitted; what marks them is what their manuals have them write: "Precedence:
    # bulk" (vacation(1)'s example message), "Precedence: junk" (procmailex(5)'s recipe)
    for name in ("vacation_manual_example", "formail_procmailex", "formail_trusted"):
        raw = (DIRECTORY / f"{name}.eml").read_bytes()
        assert b"Auto-Submitted" not in raw
        assert parse(raw).kind is Kind.AUTO_REPLY, name


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_live(
        tmp_path_factory, autoreply_bed.missing(), "autoreply-bed", autoreply_bed.generate
    )


def test_the_live_bed(live: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in autoreply_bed.scenarios()}, manifest["log"]
    wrong = []
    for entry in manifest["entries"]:
        assert entry == ENTRIES[entry["scenario"]]  # the stored notice's labels
        try:
            check_notice((out / entry["path"]).read_bytes(), entry)
        except AssertionError:
            wrong.append(entry["scenario"])
    assert sorted(wrong) == sorted(KNOWN), manifest["log"]
