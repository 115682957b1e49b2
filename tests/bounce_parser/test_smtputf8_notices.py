"""Internationalized notices (RFC 6531 SMTPUTF8, RFC 6533 global DSNs) that a real Postfix 3.7
and Debian's Exim 4.96 wrote for messages to UTF-8 addresses, driven to known outcomes by
scripted next hops (tests/support/smtputf8_bed.py); kept in real_smtputf8/ with the manifest
that labels them by construction, and regenerated live where Postfix (and the unpacked Exim)
are present and the test runs as root.

Each failed recipient must come out as the UTF-8 address the notice names, with its suppress
bit, permanence, whose-fault verdict, reason, stated status and reply code. A next hop that does
not offer SMTPUTF8 (Postfix's own 5.6.7, RFC 6531 section 3.5) says nothing of the address:
never suppressed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import parse
from storage.addresses import normalize_address
from tests.bounce_parser.real_notices import check_failed, entries_by, read_manifest, run_live
from tests.support import smtputf8_bed

HERE = Path(__file__).parent / "real_smtputf8"
MANIFEST = read_manifest(HERE)
ENTRIES = entries_by(MANIFEST, "path")


def _names(without: frozenset[str] = frozenset()) -> set[str]:
    return {
        smtputf8_bed.file_name(mta, s.name)
        for mta in smtputf8_bed.MTAS
        if mta not in without
        for s in smtputf8_bed.scenarios_for(mta)
    }


def check(raw: bytes, entry: dict[str, Any]) -> None:
    """The parser's report on ``raw`` against the entry's labels, every field at once; the
    addresses as the parser names them (not lower-cased: a UTF-8 local part keeps its case)."""
    check_failed(raw, entry, fold_case=False, any_party=True)


def test_every_scenario_has_its_one_labelled_notice() -> None:
    assert set(ENTRIES) == _names()
    assert MANIFEST["notices"] == dict.fromkeys(_names(), 1)
    assert MANIFEST["error"] is None
    assert MANIFEST["unavailable"] == {}


def test_the_labels_are_the_beds() -> None:
    for mta in smtputf8_bed.MTAS:
        for scenario in smtputf8_bed.scenarios_for(mta):
            name = smtputf8_bed.file_name(mta, scenario.name)
            assert ENTRIES[name] == smtputf8_bed.entry(scenario, name, mta)


def test_the_stored_notices_are_global_dsns() -> None:
    # RFC 6533 section 6: the report of an SMTPUTF8 message is message/global-delivery-status,
    # its recipients of the "utf-8" address type. Postfix writes both; Exim 4.96 the report
    # type, but its recipients typed "rfc822" with the UTF-8 address as it is.
    for entry in ENTRIES.values():
        raw = (HERE / entry["path"]).read_bytes()
        assert b"content-type: message/global-delivery-status" in raw.lower()
        typed = b"Final-Recipient: utf-8; " if entry["mta"] == "postfix" else b"rfc822;"
        assert typed in raw


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check((HERE / entry["path"]).read_bytes(), entry)


def _xtext(address: str) -> str:
    """RFC 6533 section 3's utf-8-addr-xtext: each non-ASCII character as \\x{HEX}."""
    return "".join(c if ord(c) < 0x80 else f"\\x{{{ord(c):X}}}" for c in address)


def test_a_utf8_address_in_xtext_form_is_the_utf8_address() -> None:
    # RFC 6533 section 3: in a message/delivery-status (not global) report, a "utf-8" address
    # is written as utf-8-addr-xtext, each non-ASCII character "\x{HEXPOINT}". The same
    # notice, downgraded so, must name the same recipients with the same verdicts.
    entry = ENTRIES["utf8_mixed.eml"]
    raw = (HERE / entry["path"]).read_bytes()
    for want in entry["expected"]:
        address = want["address"]
        raw = raw.replace(f"utf-8; {address}".encode(), f"utf-8; {_xtext(address)}".encode())
        raw = raw.replace(f"<{address}>: host".encode(), b"<postmaster@utf8.test>: host")
    raw = raw.replace(b"message/global-delivery-status", b"message/delivery-status")
    assert b"utf-8; jos\\x{E9}@utf8.test" in raw
    check(raw, entry)


def test_a_utf8_recipient_is_named_as_the_relay_keys_it() -> None:
    # The relay keys a recipient with only the ASCII letters of its local part lower-cased
    # (storage/addresses.py): "JOSÉ" is "josÉ" there. Read as "josé", a notice naming several
    # recipients would tie this one to no copy.
    entry = ENTRIES["utf8_mixed.eml"]
    raw = (HERE / entry["path"]).read_bytes()
    assert "josé@utf8.test".encode() in raw
    raw = raw.replace("josé@utf8.test".encode(), "JOSÉ@UTF8.test".encode())
    named = {bounce.address for bounce in parse(raw).recipients}
    assert normalize_address("JOSÉ@UTF8.test") == "josÉ@utf8.test"
    assert "josÉ@utf8.test" in named
    assert "josé@utf8.test" not in named


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once (about 12 s: the expiry waits for Postfix's 8 s queue lifetime)."""
    return run_live(tmp_path_factory, smtputf8_bed.missing(), "smtputf8-bed", smtputf8_bed.generate)


def test_the_live_bed_writes_one_notice_per_scenario(live: tuple[Path, dict[str, Any]]) -> None:
    _out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    absent = frozenset(manifest["unavailable"])
    assert absent <= {"exim"}, manifest["unavailable"]  # Postfix is there (the fixture)
    assert manifest["notices"] == dict.fromkeys(_names(absent), 1), manifest["log"]


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_live_notice(live: tuple[Path, dict[str, Any]], name: str) -> None:
    out, manifest = live
    if ENTRIES[name]["mta"] in manifest["unavailable"]:
        pytest.skip(manifest["unavailable"][ENTRIES[name]["mta"]])
    entry = next(e for e in manifest["entries"] if e["path"] == name)
    assert entry == ENTRIES[name]  # the same labels as the stored notice's
    check((out / entry["path"]).read_bytes(), entry)
