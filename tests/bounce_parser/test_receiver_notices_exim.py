"""The receivers' bed (tests/support/receivers_bed.py) with Debian's Exim 4.96 as the WRITER of
the notices: the same real receiving servers (a second Postfix with postgrey and a DNSBL,
Exim's ACLs, OpenSMTPD 6.8, Haraka 3.3.4) refuse in their own words, and each refusal comes
back quoted in Exim's notice form ("SMTP error from remote mail server after RCPT TO:<a>:",
"retry timeout exceeded" over a quoted 450, Status 5.0.0 beside the reply's own code). Kept
in real_receivers_exim/ with the manifest that labels them by construction (the same labels
as the Postfix-written set: the receiver decides them, not the writer), and regenerated live
where every MTA is present and the test runs as root.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.bounce_parser.test_receiver_notices import check
from tests.support import receivers_bed

WRITER = "exim"
HERE = Path(__file__).parent / "real_receivers_exim"
MANIFEST: dict[str, Any] = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = {e["scenario"]: e for e in MANIFEST["entries"]}


def test_every_scenario_has_its_one_labelled_notice() -> None:
    assert set(ENTRIES) == {s.name for s in receivers_bed.scenarios()}
    assert MANIFEST["notices"] == {s.name: 1 for s in receivers_bed.scenarios()}
    assert MANIFEST["error"] is None


def test_the_labels_are_the_beds() -> None:
    for scenario in receivers_bed.scenarios():
        name = f"{scenario.name}.eml"
        assert ENTRIES[scenario.name] == receivers_bed.entry(scenario, name, WRITER)


def test_the_notices_are_exims() -> None:
    # The writer is Exim, not the Postfix of real_receivers/: its Message-Id and notice form.
    for entry in ENTRIES.values():
        raw = (HERE / entry["path"]).read_bytes()
        assert b"@exim-tx.test>" in raw, entry["path"]
        assert b"eximdsn" in raw, entry["path"]
        assert b"Reporting-MTA: dns; exim-tx.test" in raw, entry["path"]


def _cases() -> list[Any]:
    why = "OpenSMTPD's reply is the unknown user's, word for word"
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=why, strict=True))
        if name in receivers_bed.INDISTINGUISHABLE
        else name
        for name in sorted(ENTRIES)
    ]


@pytest.mark.parametrize("name", _cases())
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check((HERE / entry["path"]).read_bytes(), entry)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once with Exim writing (about 16 s: the deferred scenarios wait for its
    8 s retry cutoff)."""
    why = receivers_bed.missing()
    if why is not None:
        pytest.skip(why)
    out = tmp_path_factory.mktemp("receivers-bed-exim")
    return out, receivers_bed.generate(out, writer=WRITER)


def test_the_live_bed_writes_one_notice_per_scenario(live: tuple[Path, dict[str, Any]]) -> None:
    _out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in receivers_bed.scenarios()}, manifest["log"]


@pytest.mark.parametrize("name", _cases())
def test_live_notice(live: tuple[Path, dict[str, Any]], name: str) -> None:
    out, manifest = live
    entry = next(e for e in manifest["entries"] if e["scenario"] == name)
    assert entry == ENTRIES[name]
    check((out / entry["path"]).read_bytes(), entry)
