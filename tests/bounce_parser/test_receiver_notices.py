"""Notices a real Postfix 3.7 wrote for what real RECEIVING servers refused in their own words: a
second Postfix (its tables, restrictions, a DNSBL on the bed's DNS server, postgrey, its size
limit) and Debian's Exim 4.96 (its ACLs, routers and size limit), set up in
tests/support/receivers_bed.py; kept in real_receivers/ with the manifest that labels them by
construction, and regenerated live where Postfix, postgrey and the unpacked Exim are present
and the test runs as root.

Every failed recipient gets its suppress bit, permanence, whose-fault verdict, reason, the
status the notice states and the receiver's reply code checked at once: an unknown user is the
recipient's and suppressed; relaying denied, a block list, an access map, a refused sender or
client, a size limit are the sender's and never suppressed; greylisting and the 450s of an
unknown sender domain or client name end in an expiry, never suppressed.

OpenSMTPD 6.8 refuses an unknown user, a recipient its "reject" rule refuses and a domain it
does not relay for with the same "550 Invalid recipient: <addr>": the last two are labelled
as set up (the sender's side) and expected to fail (``receivers_bed.INDISTINGUISHABLE``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import parse
from tests.bounce_parser.real_notices import check_failed, entries_by, read_manifest, run_live
from tests.bounce_parser.transport import unfolded
from tests.support import receivers_bed

HERE = Path(__file__).parent / "real_receivers"
MANIFEST = read_manifest(HERE)
ENTRIES = entries_by(MANIFEST)


def test_every_scenario_has_its_one_labelled_notice() -> None:
    assert set(ENTRIES) == {s.name for s in receivers_bed.scenarios()}
    assert MANIFEST["notices"] == {s.name: 1 for s in receivers_bed.scenarios()}
    assert MANIFEST["error"] is None


def test_the_labels_are_the_beds() -> None:
    # The stored manifest is what the bed's scenarios say, not edited by hand.
    for scenario in receivers_bed.scenarios():
        assert ENTRIES[scenario.name] == receivers_bed.entry(scenario, f"{scenario.name}.eml")


def _cases() -> list[Any]:
    """Every scenario; the indistinguishable ones marked as failures that must stay failures
    until the notice tells them apart (strict: a pass is reported)."""
    why = "OpenSMTPD's reply is the unknown user's, word for word"
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=why, strict=True))
        if name in receivers_bed.INDISTINGUISHABLE
        else name
        for name in sorted(ENTRIES)
    ]


def _diagnostic(name: str) -> str:
    raw = (HERE / ENTRIES[name]["path"]).read_text(encoding="utf-8")
    found = re.search(r"^Diagnostic-Code: smtp; (.*)$", raw, re.MULTILINE)
    assert found is not None
    return re.sub(r"<[^>]*>", "<addr>", found.group(1))


def test_the_indistinguishable_notices_quote_the_unknown_users_words() -> None:
    assert receivers_bed.INDISTINGUISHABLE
    unknown = _diagnostic("osmtpd_invalid_recipient")
    assert unknown == "550 Invalid recipient: <addr>"
    for name in receivers_bed.INDISTINGUISHABLE:
        assert _diagnostic(name) == unknown


@pytest.mark.parametrize("name", _cases())
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check_failed((HERE / entry["path"]).read_bytes(), entry)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once (about 15 s: three scenarios wait for tx's 8 s queue lifetime)."""
    return run_live(
        tmp_path_factory, receivers_bed.missing(), "receivers-bed", receivers_bed.generate
    )


def test_the_live_bed_writes_one_notice_per_scenario(live: tuple[Path, dict[str, Any]]) -> None:
    _out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in receivers_bed.scenarios()}, manifest["log"]


@pytest.mark.parametrize("name", _cases())
def test_live_notice(live: tuple[Path, dict[str, Any]], name: str) -> None:
    out, manifest = live
    entry = next(e for e in manifest["entries"] if e["scenario"] == name)
    assert entry == ENTRIES[name]  # the same labels as the stored notice's
    check_failed((out / entry["path"]).read_bytes(), entry)


def test_a_relay_that_unfolds_the_diagnostic_leaves_the_verdict_as_it_was() -> None:
    # RFC 5322 section 2.2.3: unfolding removes the line break and keeps the white space, so
    # Postfix's folded "cannot find your\n    hostname" arrives as "your    hostname": the
    # same words (the phrase reject_unknown_client_hostname writes, require_ptr).
    raw = (HERE / "unknown_client_hostname.eml").read_bytes()
    changed = unfolded(raw)
    assert changed is not None
    assert b"cannot find your    hostname" in changed
    (before,) = parse(raw).recipients
    (after,) = parse(changed).recipients
    assert (after.reason, after.party, after.diagnostic) == (
        before.reason,
        before.party,
        before.diagnostic,
    )
    assert after.reason.value == "require_ptr"
