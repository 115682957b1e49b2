"""Auto-replies real responders sent to a message of ours (tests/support/autoreply_bed.py):
Exim 4.96's autoreply transport (with ``return_message``, a subject saying "Undeliverable",
a French text), vacation(1) 3.3.3 (its manual's example message, a user's "no longer here"
text sent from "<>", a German one) and procmail 3.22's formail -r (procmailex(5)'s vacation
recipe, and -rt), stored in real_autoreply_exim/ with the manifest that labels them by
construction: an auto-reply is never a bounce, whatever its words. Exim's bounce for an
unknown user of the same destination is the contrast that must still be read as one. The same
vacation(1) and formail replies behind Postfix 3.7's pipe(8), with Postfix's error(8) bounce
for the unknown user, are in real_autoreply_postfix/. The bed runs again live where the
writer is installed and the test runs as root (Exim about 5 s, in the default suite; Postfix
marked slow).
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
WRITERS = ("exim", "postfix")
ENTRIES = {writer: SETS.entries(writer) for writer in WRITERS}


def replies(writer: str) -> list[str]:
    return sorted(name for name, entry in ENTRIES[writer].items() if not entry["bounce"])


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


@pytest.mark.parametrize("writer", WRITERS)
def test_the_stored_set_has_one_labelled_notice_per_scenario(writer: str) -> None:
    check_stored_set(
        SETS.stored(writer)[1],
        autoreply_bed.scenarios(writer),
        lambda scenario, name: autoreply_bed.entry(scenario, name, writer),
    )
    assert len(replies(writer)) == {"exim": 9, "postfix": 5}[writer]


@pytest.mark.parametrize(
    ("writer", "name"),
    [
        pytest.param(w, n, marks=pytest.mark.xfail(reason=KNOWN[n], strict=True))
        if n in KNOWN
        else (w, n)
        for w in WRITERS
        for n in sorted(ENTRIES[w])
    ],
)
def test_stored_notice(writer: str, name: str) -> None:
    entry = ENTRIES[writer][name]
    check_notice((SETS.stored(writer)[0] / entry["path"]).read_bytes(), entry)


def test_exims_autoreply_quoting_the_original_like_a_bounce_is_no_bounce() -> None:
    directory = SETS.stored("exim")[0]
    # return_message: the original under Exim's bounce line "------ This is a copy of the
    # message, including all the headers.", Subject "Returned mail: ..."; but the From is the
    # responder's mailbox and Auto-Submitted says auto-replied (RFC 3834 section 5). Exim's
    # own bounce carries auto-replied too, from Mailer-Daemon, and stays a bounce.
    reply = (directory / "exim_return_message.eml").read_bytes()
    assert b"------ This is a copy of the message, including all the headers." in reply
    assert parse(reply).kind is Kind.AUTO_REPLY
    bounce = parse((directory / "exim_unknown_user.eml").read_bytes())
    assert bounce.kind is Kind.FAILED
    assert [(b.address, b.suppresses) for b in bounce.recipients] == [
        ("nosuchuser@autoreply.test", True)
    ]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_reply_without_auto_submitted_is_still_an_auto_reply(writer: str) -> None:
    # vacation(1) sends the user's message file as it is and formail -r writes no
    # Auto-Submitted; what marks them is what their manuals have them write: "Precedence:
    # bulk" (vacation(1)'s example message), "Precedence: junk" (procmailex(5)'s recipe)
    for name in ("vacation_manual_example", "formail_procmailex", "formail_trusted"):
        raw = (SETS.stored(writer)[0] / f"{name}.eml").read_bytes()
        assert b"Auto-Submitted" not in raw
        assert parse(raw).kind is Kind.AUTO_REPLY, name


def _live(factory: pytest.TempPathFactory, writer: str) -> tuple[Path, dict[str, Any]]:
    why = autoreply_bed.missing() if writer == "exim" else autoreply_bed.postfix_missing()
    return run_live(
        factory, why, f"autoreply-bed-{writer}", lambda out: autoreply_bed.generate(out, writer)
    )


@pytest.fixture(scope="module")
def live_exim(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once behind Exim (about 5 s)."""
    return _live(tmp_path_factory, "exim")


@pytest.fixture(scope="module")
def live_postfix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return _live(tmp_path_factory, "postfix")


def _check_live(writer: str, out: Path, manifest: dict[str, Any]) -> None:
    assert manifest["error"] is None, manifest["log"]
    expected = {s.name: 1 for s in autoreply_bed.scenarios(writer)}
    assert manifest["notices"] == expected, manifest["log"]
    wrong = []
    for entry in manifest["entries"]:
        assert entry == ENTRIES[writer][entry["scenario"]]  # the stored notice's labels
        try:
            check_notice((out / entry["path"]).read_bytes(), entry)
        except AssertionError:
            wrong.append(entry["scenario"])
    assert sorted(wrong) == sorted(KNOWN), manifest["log"]


def test_the_live_bed_behind_exim(live_exim: tuple[Path, dict[str, Any]]) -> None:
    _check_live("exim", *live_exim)


@pytest.mark.slow
def test_the_live_bed_behind_postfix(live_postfix: tuple[Path, dict[str, Any]]) -> None:
    _check_live("postfix", *live_postfix)


def test_a_failure_notice_from_no_mailbox_is_no_auto_reply() -> None:
    # m-FILTER's failure notice is "From: N/A" (its vendor's FAQ): a From with no address names
    # no person who answered (RFC 5230 section 5.4: a responder answers from its owner's
    # address), so Auto-Submitted: auto-replied on it does not make it a responder's answer
    # (composed/published33.py, judge72; on main ecd96c6 it was read as an auto-reply).
    body = (
        "-------server message\n550 <d.doi@au.com>: User unknown\n\n"
        "-------SMTP command\nRCPT TO:<d.doi@au.com>\n"
    )
    head = (
        "Return-Path: <>\nFrom: {sender}\nTo: bounce@shop.example\nSubject: failure notice\n"
        "Auto-Submitted: auto-replied\nContent-Type: text/plain; charset=us-ascii\n\n"
    )
    notice = parse((head.format(sender="N/A") + body).encode())
    assert notice.kind is Kind.FAILED
    assert [(b.address, b.suppresses) for b in notice.recipients] == [("d.doi@au.com", True)]
    # the same words from a person's mailbox stay a responder's answer
    reply = parse((head.format(sender="Doi <d.doi@au.com>") + body).encode())
    assert reply.kind is Kind.AUTO_REPLY
