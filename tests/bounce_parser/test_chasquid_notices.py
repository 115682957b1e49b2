"""Notices a real chasquid 1.11 (Debian's Go mail server) wrote in the real-MTA bed
(tests/support/chasquid.py, real_mta.py), kept in real_chasquid/ with the manifest that labels
them by construction (the bed's scripts, not these texts); the tests read them, and one live
run regenerates them where the bed can run (root, the unpacked package).

chasquid's notice (internal/queue/dsn.go) is an RFC 3464 report with a
message/global-delivery-status part: "Status: 5.0.0" for every recipient that failed for good
and "Status: 4.0.0" for one still pending when it gave up after 20 hours ("failed repeatedly
and timed out, last error:"), the error in Diagnostic-Code as chasquid's SMTP client wrote it:
the stage ("MAIL+RCPT", "DATA closing"), then the reply as Go's net/textproto reads it, a
multi-line reply's lines joined by newlines with each continuation line's "550-" taken off
(reader.go ReadResponse), so that only its enhanced code starts the line ("5.7.1 prohibited
the mail ..."). It treats a domain that does not exist, and a null MX, as temporary ("Could
not dial: dial tcp: lookup <name> on <server>: no such host") and returns the message only
when it gives up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Bounce, Kind, Party, Reason, parse
from tests.bounce_parser.real_notices import entries_by, read_manifest
from tests.support import real_mta
from tests.support.real_mta import stated_status

DIRECTORY = Path(__file__).parent / "real_chasquid"
MTA = "chasquid"
SCENARIOS = [s for s in real_mta.scenarios() if s.runs_on(MTA)]
# What the parser still reads wrong (strict xfails, and the live run's misses).
KNOWN_WRONG: dict[str, str] = {}


def entries() -> dict[str, dict[str, Any]]:
    return entries_by(read_manifest(DIRECTORY))


def failed(raw: bytes) -> dict[str, Bounce]:
    report = parse(raw)
    assert report.kind is Kind.FAILED
    return {b.address.lower(): b for b in report.recipients}


def check(raw: bytes, name: str) -> None:
    """The notice against the bed's labels of scenario ``name``, as test_real_mta.py checks
    every MTA's: the failed recipients exactly; each one's permanence, suppress bit, reason
    (one of those accepted); the status where the bed states one."""
    scenario = next(s for s in SCENARIOS if s.name == name)
    found = failed(raw)
    expected = scenario.failed_for(MTA)
    assert sorted(found) == sorted(e.address for e in expected)
    for want in expected:
        got = found[want.address]
        assert got.permanent is want.permanent, got
        assert got.suppresses is want.suppress, got
        assert got.reason.value in want.reasons, got
        if status := stated_status(MTA, want):
            assert got.status == status, got


def test_every_scenario_has_its_one_labelled_notice() -> None:
    manifest = read_manifest(DIRECTORY)
    assert manifest["error"] is None
    assert manifest["notices"] == {s.name: 1 for s in SCENARIOS}
    found = entries()
    assert set(found) == {s.name for s in SCENARIOS}
    for scenario in SCENARIOS:
        name = f"{scenario.name}.eml"
        assert found[scenario.name] == {**real_mta.entry(MTA, scenario), "path": name}
    assert {"fine@mx.test", "welcome@mx.test"} <= set(manifest["delivered"])


def test_the_notices_are_chasquids_own() -> None:
    # dsn.go's template, as Debian's 1.11 binary carries it
    for scenario in SCENARIOS:
        raw = (DIRECTORY / f"{scenario.name}.eml").read_bytes()
        assert b"Subject: Mail delivery failed: returning message to sender" in raw
        assert b"Content-Type: message/global-delivery-status" in raw
    expired = (DIRECTORY / "expired_greylisted.eml").read_bytes()
    assert b"failed repeatedly and timed out, last error:" in expired
    assert b"Status: 4.0.0" in expired


def test_a_continuation_lines_repeated_status_is_no_word_of_the_reply() -> None:
    # Gmail's three-line 550 5.7.1, as Go's textproto gave it to chasquid: "... has a policy
    # that\n5.7.1 prohibited the mail ...". Read as a sentence, the policy wording holds.
    bounce = failed((DIRECTORY / "policy_gmail.eml").read_bytes())["managed@mx.test"]
    assert "policy that prohibited the mail" in (bounce.diagnostic or "")
    assert bounce.reason is Reason.POLICY_VIOLATION
    assert (bounce.status, bounce.suppresses, bounce.party) == ("5.7.1", False, Party.SENDER)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        # the bed's own name for a domain that does not exist says "nxdomain" (RFC 8499): the
        # same notice with a plain name must still condemn the address
        ("host_unknown.eml", b"nxdomain.test", b"gone.example"),
        # the null MX's target, "." (RFC 7505), looked up as a host
        ("null_mx.eml", b"", b""),
    ],
)
def test_gos_no_such_host_for_the_recipients_domain_is_a_dead_domain(
    name: str, old: bytes, new: bytes
) -> None:
    # "failed repeatedly and timed out, last error: ... dial tcp: lookup <name> on
    # <server>: no such host" under Status 4.0.0: chasquid retried a domain that has no
    # address for 20 hours; Go's resolver says so only for an NXDOMAIN or empty answer.
    raw = (DIRECTORY / name).read_bytes()
    (bounce,) = failed(raw.replace(old, new) if old else raw).values()
    assert (bounce.reason, bounce.permanent, bounce.suppresses) == (
        Reason.HOST_UNKNOWN,
        True,
        True,
    )


def test_a_name_server_failure_until_expiry_condemns_nobody() -> None:
    # "Could not find mail server: lookup servfail.test on 127.0.0.1:53: server misbehaving"
    bounce = failed((DIRECTORY / "dns_failure_until_expiry.eml").read_bytes())[
        "someone@servfail.test"
    ]
    assert (bounce.reason, bounce.permanent, bounce.suppresses) == (Reason.EXPIRED, False, False)
    assert bounce.party is not Party.RECIPIENT


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[n]))
        if n in KNOWN_WRONG
        else n
        for n in sorted(s.name for s in SCENARIOS)
    ],
)
def test_stored_notice(name: str) -> None:
    check((DIRECTORY / f"{name}.eml").read_bytes(), name)


def test_live_notices(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The bed run with chasquid alone (about 15 s), each notice read right."""
    why = real_mta.isolation_missing() or real_mta.available()[MTA]
    if why is not None:
        pytest.skip(why)
    out = tmp_path_factory.mktemp("chasquid")
    manifest = real_mta.generate(out, only=[MTA])
    run = manifest["runs"][MTA]
    assert run["error"] is None, run["log"]
    assert run["notices"] == {s.name: 1 for s in SCENARIOS}, run["log"]
    assert {"fine@mx.test", "welcome@mx.test"} <= set(run["delivered"])
    wrong = []
    for scenario in SCENARIOS:
        try:
            check((out / MTA / f"{scenario.name}.eml").read_bytes(), scenario.name)
        except AssertionError:
            wrong.append(scenario.name)
    assert sorted(wrong) == sorted(KNOWN_WRONG)
