"""Notices real MTAs wrote when the local delivery agents they run through a pipe failed:
maildrop 2.9.3, procmail 3.22 and GNU Mailutils 3.15's mda (tests/support/lda_bed.py) behind
Postfix 3.7 (real_lda/) and Debian's Exim 4.96 (real_lda_exim/), each with the manifest that
labels them by construction (each agent's set-up, what its manual says it does then, and what
the writer's notice can state), and regenerated live where the agents and the writer are
installed and the test runs as root (Postfix in the default suite, about 7 s; Exim, in
private namespaces, marked slow).

Postfix writes the agent's exit code in its own words (src/global/sys_exits.c) and quotes the
agent's stderr: "user unknown" (5.1.1) for ``EXITCODE=67`` in a maildrop filter or a procmail
rcfile and for mda's unknown user, "can't create user output file. Command output: procmail:
Error while writing to ..." (5.2.0) for procmail's EX_CANTCREAT, and "temporary failure.
Command output: maildrop: maildir over quota." (4.3.0), retried until the queue lifetime ends.
Exim writes "local delivery failed" with Status 5.0.0 and, with return_fail_output, each
address's output under "------ <address> ------".
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

HERE = Path(__file__).parent
SETS = {"postfix": HERE / "real_lda", "exim": HERE / "real_lda_exim"}
MANIFESTS = {writer: read_manifest(path) for writer, path in SETS.items()}
ENTRIES = {writer: entries_by(manifest) for writer, manifest in MANIFESTS.items()}


def failing(writer: str) -> list[lda_bed.Scenario]:
    return [s for s in lda_bed.scenarios(writer) if s.failed]


@pytest.mark.parametrize("writer", sorted(SETS))
def test_the_stored_set_has_one_labelled_notice_per_failing_scenario(writer: str) -> None:
    manifest = MANIFESTS[writer]
    assert manifest["notices"] == {s.name: s.notices for s in lda_bed.scenarios(writer)}
    check_stored_set(
        {**manifest, "notices": {s.name: 1 for s in failing(writer)}},
        failing(writer),
        lambda scenario, name: lda_bed.entry(scenario, name, writer),
    )


@pytest.mark.parametrize(
    ("writer", "name"), [(w, n) for w in sorted(SETS) for n in sorted(ENTRIES[w])]
)
def test_stored_notice(writer: str, name: str) -> None:
    entry = ENTRIES[writer][name]
    check_failed((SETS[writer] / entry["path"]).read_bytes(), entry)


def test_an_agents_over_quota_deferral_is_a_full_mailbox_never_a_dead_address() -> None:
    # maildropfilter(7), "to": a failed delivery ends with EX_TEMPFAIL; Postfix retries until
    # the queue lifetime ends and returns it quoting "maildrop: maildir over quota."
    (full,) = failed_recipients(SETS["postfix"] / "maildrop_quota_full.eml").values()
    assert (full.reason, full.party, full.permanent, full.suppresses) == (
        Reason.MAILBOX_FULL,
        Party.RECIPIENT,
        False,
        False,
    )


def test_an_agent_that_cannot_write_the_mailbox_is_the_systems_failure_not_the_address() -> None:
    # procmail(1): "On general failure procmail will return EX_CANTCREAT"; Postfix: 5.2.0
    # "can't create user output file": failed for good, the destination's side, kept.
    found = failed_recipients(SETS["postfix"] / "lda_mixed.eml")
    readonly = found["readonly@procmail.test"]
    assert (readonly.party, readonly.permanent, readonly.suppresses) == (
        Party.TRANSIENT,
        True,
        False,
    )
    assert found["nosuchuser@mda.test"].suppresses


def test_a_neighbours_output_in_exims_notice_is_not_this_recipients_reason() -> None:
    # Exim gives each address's output under "------ <address> ------" (deliver.c): mda's
    # "no such user" is nosuchuser's; procmail's silent exit 67 says nothing about closed.
    found = failed_recipients(SETS["exim"] / "lda_mixed.eml")
    assert (found["nosuchuser@mda.test"].reason, found["nosuchuser@mda.test"].suppresses) == (
        Reason.USER_UNKNOWN,
        True,
    )
    closed = found["closed@procmail.test"]
    assert (closed.reason, closed.party, closed.suppresses) == (
        Reason.UNDEFINED,
        Party.UNDETERMINED,
        False,
    )


def _live(factory: pytest.TempPathFactory, writer: str) -> tuple[Path, dict[str, Any]]:
    why = lda_bed.missing() if writer == "postfix" else lda_bed.exim_missing()
    return run_live(factory, why, f"lda-bed-{writer}", lambda out: lda_bed.generate(out, writer))


@pytest.fixture(scope="module")
def live_postfix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once behind Postfix (about 7 s: two scenarios wait for the 3 s lifetime)."""
    return _live(tmp_path_factory, "postfix")


@pytest.fixture(scope="module")
def live_exim(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return _live(tmp_path_factory, "exim")


def _check_live(writer: str, out: Path, manifest: dict[str, Any]) -> None:
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: s.notices for s in lda_bed.scenarios(writer)}, manifest[
        "log"
    ]
    # fine takes the mixed and the successful message at each agent; full keeps only the seed;
    # procmail's read-only mbox stays empty
    assert manifest["delivered"] == {
        "maildrop:fine": 2,
        "maildrop:full": 1,
        "procmail:fine": 2,
        "procmail:readonly": 0,
    }
    for entry in manifest["entries"]:
        assert entry == ENTRIES[writer][entry["scenario"]]  # the stored notice's labels
        check_failed((out / entry["path"]).read_bytes(), entry)


def test_the_live_bed_behind_postfix(live_postfix: tuple[Path, dict[str, Any]]) -> None:
    _check_live("postfix", *live_postfix)


@pytest.mark.slow
def test_the_live_bed_behind_exim(live_exim: tuple[Path, dict[str, Any]]) -> None:
    _check_live("exim", *live_exim)
