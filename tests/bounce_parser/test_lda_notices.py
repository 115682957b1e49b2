"""Notices a real Postfix 3.7 wrote when the local delivery agents it runs through pipe(8)
failed: maildrop 2.9.3, procmail 3.22 and GNU Mailutils 3.15's mda (tests/support/lda_bed.py),
kept in real_lda/ with the manifest that labels them by construction (each agent's set-up and
what its manual says it does then), and regenerated live where the agents and Postfix are
installed and the test runs as root.

Postfix writes the agent's exit code in its own words (src/global/sys_exits.c) and quotes the
agent's stderr: "user unknown" (5.1.1) for ``EXITCODE=67`` in a maildrop filter or a procmail
rcfile and for mda's unknown user, "can't create user output file. Command output: procmail:
Error while writing to ..." (5.2.0) for procmail's EX_CANTCREAT, and "temporary failure.
Command output: maildrop: maildir over quota." (4.3.0), retried until the queue lifetime ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Party, Reason
from tests.bounce_parser.real_notices import (
    check_failed,
    check_stored_set,
    entries_by,
    failed_recipients,
    read_manifest,
    run_live,
)
from tests.support import lda_bed

HERE = Path(__file__).parent / "real_lda"
MANIFEST = read_manifest(HERE)
ENTRIES = entries_by(MANIFEST)
FAILING = {s.name for s in lda_bed.scenarios() if s.failed}


def test_the_stored_set_has_one_labelled_notice_per_failing_scenario() -> None:
    scenarios = [s for s in lda_bed.scenarios() if s.failed]
    check_stored_set(
        {**MANIFEST, "notices": {k: v for k, v in MANIFEST["notices"].items() if k in FAILING}},
        scenarios,
        lda_bed.entry,
    )
    assert MANIFEST["notices"]["lda_success"] == 0


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check_failed((HERE / entry["path"]).read_bytes(), entry)


def test_an_agents_over_quota_deferral_is_a_full_mailbox_never_a_dead_address() -> None:
    # maildropfilter(7), "to": a failed delivery ends with EX_TEMPFAIL; Postfix retries until
    # the queue lifetime ends and returns it quoting "maildrop: maildir over quota."
    (full,) = failed_recipients(HERE / "maildrop_quota_full.eml").values()
    assert (full.reason, full.party, full.permanent, full.suppresses) == (
        Reason.MAILBOX_FULL,
        Party.RECIPIENT,
        False,
        False,
    )


def test_an_agent_that_cannot_write_the_mailbox_is_the_systems_failure_not_the_address() -> None:
    # procmail(1): "On general failure procmail will return EX_CANTCREAT"; Postfix: 5.2.0
    # "can't create user output file": failed for good, the destination's side, kept.
    found = failed_recipients(HERE / "lda_mixed.eml")
    readonly = found["readonly@procmail.test"]
    assert (readonly.party, readonly.permanent, readonly.suppresses) == (
        Party.TRANSIENT,
        True,
        False,
    )
    assert found["nosuchuser@mda.test"].suppresses


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once (about 6 s: two scenarios wait for the 4 s queue lifetime)."""
    return run_live(tmp_path_factory, lda_bed.missing(), "lda-bed", lda_bed.generate)


def test_the_live_bed_writes_one_notice_per_failure_and_delivers_the_rest(
    live: tuple[Path, dict[str, Any]],
) -> None:
    _out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: s.notices for s in lda_bed.scenarios()}, manifest["log"]
    # fine takes the mixed and the successful message at each agent; full keeps only the seed;
    # procmail's read-only mbox stays empty
    assert manifest["delivered"] == {
        "maildrop:fine": 2,
        "maildrop:full": 1,
        "procmail:fine": 2,
        "procmail:readonly": 0,
    }


@pytest.mark.parametrize("name", sorted(FAILING))
def test_live_notice(live: tuple[Path, dict[str, Any]], name: str) -> None:
    out, manifest = live
    entry = next(e for e in manifest["entries"] if e["scenario"] == name)
    assert entry == ENTRIES[name]  # the same labels as the stored notice's
    check_failed((out / entry["path"]).read_bytes(), entry)
