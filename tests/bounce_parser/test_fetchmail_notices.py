"""Bounces fetchmail 6.4.37 wrote itself when the SMTP listener it forwards to refused messages
it retrieved from a real Dovecot 2.3 POP3 server (tests/support/fetchmail_bed.py), kept in
real_fetchmail/ with the manifest that labels them by the listener's scripted replies, and
regenerated live (marked slow: private namespaces, about 3 s) where fetchmail, Dovecot's POP3
server and the namespace tools are installed and the test runs as root.

fetchmail's notice is an RFC 3464 report whose Diagnostic-Code carries no diagnostic-type:
"Diagnostic-Code: 550 5.1.1 <gone@remote.test>: Recipient address rejected: ...".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Reason, parse
from tests.bounce_parser.real_notices import (
    check_failed,
    check_stored_set,
    entries_by,
    read_manifest,
    run_live,
)
from tests.support import fetchmail_bed

HERE = Path(__file__).parent / "real_fetchmail"
MANIFEST = read_manifest(HERE)
ENTRIES = entries_by(MANIFEST)
FAILING = [s for s in fetchmail_bed.scenarios() if s.failed]


def test_the_stored_set_has_one_labelled_notice_per_refusal_and_none_for_the_rest() -> None:
    counts = {s.name: s.notices for s in fetchmail_bed.scenarios()}
    assert MANIFEST["notices"] == counts
    check_stored_set(
        {**MANIFEST, "notices": {s.name: 1 for s in FAILING}}, FAILING, fetchmail_bed.entry
    )


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    # every field at once, the reply code too: the type-less Diagnostic-Code's reply
    entry = ENTRIES[name]
    check_failed((HERE / entry["path"]).read_bytes(), entry)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_live(
        tmp_path_factory, fetchmail_bed.missing(), "fetchmail-bed", fetchmail_bed.generate
    )


@pytest.mark.slow
def test_the_live_bed_bounces_each_refusal_and_leaves_the_deferred_message(
    live: tuple[Path, dict[str, Any]],
) -> None:
    out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: s.notices for s in fetchmail_bed.scenarios()}, manifest[
        "log"
    ]
    # a 4xx leaves the message on the server (fetchmail(1)); the rest were deleted
    assert manifest["left"] == {s.user: int(s.left) for s in fetchmail_bed.scenarios()}
    for entry in manifest["entries"]:
        assert entry == ENTRIES[entry["scenario"]]  # the stored notice's labels
        check_failed((out / entry["path"]).read_bytes(), entry)


@pytest.mark.parametrize(
    ("diagnostic", "reply"),
    [
        ("550 5.1.1 <gone@remote.test>: Recipient address rejected: User unknown", 550),
        ("550-5.1.1 <gone@remote.test>: no such user", 550),
        ("smtp; 550 5.1.1 <gone@remote.test>: no such user", 550),
        ("255", None),  # a program's exit status is no reply
        ("X-Unix; 255", None),
        ("Recipient address rejected 550", None),  # a reply opens the field or is none
    ],
)
def test_a_diagnostic_code_without_its_type_is_a_reply_only_where_one_opens_it(
    diagnostic: str, reply: int | None
) -> None:
    # RFC 3464 section 2.3.6 requires "diagnostic-type ;"; fetchmail's sink.c writes the
    # listener's reply without it, and RFC 5321 section 4.2's reply syntax is what tells one.
    raw = (HERE / "fetchmail_user_unknown.eml").read_bytes()
    stated = (
        b"Diagnostic-Code: 550 5.1.1 <gone@remote.test>: Recipient address rejected: User unknown"
    )
    assert stated in raw
    report = parse(raw.replace(stated, b"Diagnostic-Code: " + diagnostic.encode()))
    (gone,) = report.recipients
    assert gone.reply_code == reply
    assert (gone.reason, gone.suppresses) == (Reason.USER_UNKNOWN, True)
