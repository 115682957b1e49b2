"""Cyrus IMAP 3.6's lmtpd behind Postfix 3.7 (tests/support/cyrus_bed.py): what Cyrus refuses
over LMTP, and Postfix's notice of it. The notices are kept in real_cyrus/ with the manifest
that labels them by construction; the tests read them (nothing is regenerated); the bed's live
run is marked slow (about 13 s: the deferrals wait for the 8 s queue lifetime), as the default
suite's one live receiver run is qpsmtpd's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.bounce_parser.real_notices import (
    check_failed,
    check_stored_set,
    entries_by,
    read_manifest,
    run_live,
)
from tests.support import cyrus_bed as bed

DIRECTORY = Path(__file__).parent / "real_cyrus"


def entries() -> dict[str, dict[str, Any]]:
    return entries_by(read_manifest(DIRECTORY))


def test_every_scenario_has_its_one_labelled_notice() -> None:
    check_stored_set(read_manifest(DIRECTORY), bed.scenarios(), bed.entry)


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("cy_user_unknown", b"550-Mailbox unknown. Either there is no mailbox associated"),
        ("cy_user_unknown", b"550 5.1.1 User unknown"),
        ("cy_quota_full", b"552 5.2.2 Over quota"),
        ("cy_quota_full_until_expiry", b"452 4.2.2 Over quota"),
        ("cy_message_too_big", b"exceeds size limit 20000 of server"),
        ("cy_lmtp_down", b"Connection refused"),
    ],
)
def test_the_refusals_are_cyrus_own_words(scenario: str, words: bytes) -> None:
    # imap/lmtpd.c's and lmtpengine.c's replies, as the bed's docstring has them (white space
    # made one space: Postfix folds long lines)
    raw = (DIRECTORY / f"{scenario}.eml").read_bytes()
    assert words in b" ".join(raw.split())


@pytest.mark.parametrize("name", sorted(s.name for s in bed.scenarios()))
def test_stored_notice(name: str) -> None:
    entry = entries()[name]
    check_failed((DIRECTORY / entry["path"]).read_bytes(), entry)


@pytest.mark.slow
def test_live_notices(tmp_path_factory: pytest.TempPathFactory) -> None:
    out, manifest = run_live(tmp_path_factory, bed.missing(), "cyrus", bed.generate)
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in bed.scenarios()}, manifest["log"]
    for entry in manifest["entries"]:
        assert entry == entries()[entry["scenario"]]
        check_failed((out / entry["path"]).read_bytes(), entry)
