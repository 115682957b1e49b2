"""Signed VERP return paths: round trip, forgery, expiry, case folding, length."""

from __future__ import annotations

import datetime as dt

import pytest

from bounce_parser import parse
from bounce_parser.verp import CopyToken, ReturnPath, read_returned
from tests.bounce_parser.transport import forwarded

KEY = b"k" * 32
TODAY = dt.date(2026, 11, 23)


def issued(account: int = 7, recipient: int = 123456) -> ReturnPath:
    return ReturnPath.issue(account, recipient, today=TODAY, lifetime_days=30)


def test_round_trip() -> None:
    path = issued()
    address = path.address(KEY, "bounces.example")
    assert ReturnPath.verify(address, KEY, today=TODAY) == path


def test_a_mail_server_that_folds_case_does_not_break_it() -> None:
    address = issued().address(KEY, "bounces.example").upper()
    assert ReturnPath.verify(address, KEY, today=TODAY) == issued()


def test_the_largest_ids_fit_the_64_octet_local_part() -> None:
    local = ReturnPath.issue(2**63 - 1, 2**63 - 1, today=TODAY, lifetime_days=3650).local_part(KEY)
    assert len(local) <= 64


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda a: a.replace("b-7-", "b-8-", 1), id="other-account"),
        pytest.param(lambda a: a[:-20] + ("a" if a[-20] != "a" else "b") + a[-19:], id="tag"),
        pytest.param(lambda a: "x" + a, id="prefix"),
        pytest.param(lambda a: a.split("-", 1)[0] + "@bounces.example", id="truncated"),
    ],
)
def test_a_forged_or_altered_token_does_not_verify(tamper) -> None:  # type: ignore[no-untyped-def]
    address = issued().address(KEY, "bounces.example")
    assert ReturnPath.verify(tamper(address), KEY, today=TODAY) is None


def test_another_key_does_not_verify() -> None:
    address = issued().address(KEY, "bounces.example")
    assert ReturnPath.verify(address, b"other key", today=TODAY) is None


def test_an_expired_token_does_not_verify() -> None:
    address = issued().address(KEY, "bounces.example")
    assert ReturnPath.verify(address, KEY, today=TODAY + dt.timedelta(days=30)) is not None
    assert ReturnPath.verify(address, KEY, today=TODAY + dt.timedelta(days=31)) is None


def test_looks_like() -> None:
    assert ReturnPath.looks_like(issued().address(KEY, "b.example"))
    assert not ReturnPath.looks_like("postmaster@b.example")


# --- the signed X-Relay-Copy header ---------------------------------------------------------


def copy_token(account: int = 7, recipient: int = 123456) -> CopyToken:
    return CopyToken.issue(account, recipient, today=TODAY, lifetime_days=30)


def read_back(value: str) -> CopyToken:
    found = CopyToken.read(value)
    assert found is not None
    return found


def test_the_header_round_trips_for_its_address_only() -> None:
    value = copy_token().value(KEY, "Bob@Example.net")
    token = read_back(value)
    assert (token.account_id, token.recipient_id, token.expires) == (
        7,
        123456,
        TODAY + dt.timedelta(days=30),
    )
    assert token.verify(KEY, "bob@example.net", today=TODAY)
    assert not token.verify(KEY, "alice@example.net", today=TODAY)
    assert not token.verify(b"other key", "bob@example.net", today=TODAY)


def test_an_expired_header_does_not_verify() -> None:
    token = read_back(copy_token().value(KEY, "bob@example.net"))
    assert token.verify(KEY, "bob@example.net", today=TODAY + dt.timedelta(days=30))
    assert not token.verify(KEY, "bob@example.net", today=TODAY + dt.timedelta(days=31))


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda v: "8" + v[1:], id="other-account"),
        pytest.param(lambda v: v.replace(".2n9c.", ".2n9d.", 1), id="other-copy"),
        pytest.param(lambda v: v[:-1] + ("a" if v[-1] != "a" else "b"), id="tag"),
        pytest.param(lambda v: v.rsplit(".", 1)[0] + "." + "a" * 26, id="made-up-tag"),
    ],
)
def test_an_altered_header_does_not_verify(tamper) -> None:  # type: ignore[no-untyped-def]
    value = copy_token().value(KEY, "bob@example.net")
    token = CopyToken.read(tamper(value))
    assert token is None or not token.verify(KEY, "bob@example.net", today=TODAY)


@pytest.mark.parametrize("value", ["", "1.2.3", "1.2.3.4.5", "x!.2.3.t", "1..3.t", "1.2.zzzzzz.t"])
def test_a_malformed_header_reads_as_nothing(value: str) -> None:
    assert CopyToken.read(value) is None


def test_a_return_path_tag_is_no_header_tag() -> None:
    path = issued().local_part(KEY)
    tag = path.rsplit("-", 1)[1]
    forged = CopyToken(7, 123456, TODAY + dt.timedelta(days=30), tag)
    assert not forged.verify(KEY, "bob@example.net", today=TODAY)


def _notice(original: str, *, kind: str = "text/rfc822-headers", text: str = "") -> bytes:
    raw = (
        "From: MAILER-DAEMON@mx.example\nTo: postmaster@bounces.example\nMessage-ID: <n1@mx>\n"
        "Date: Mon, 23 Nov 2026 08:30:00 +0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        f"--B\nContent-Type: text/plain\n\nfailed\n{text}\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\n\n"
        f"--B\nContent-Type: {kind}\n\n{original}\n--B--\n"
    )
    return raw.replace("\n", "\r\n").encode()


@pytest.mark.parametrize("kind", ["text/rfc822-headers", "message/rfc822"])
def test_the_first_quoted_header_is_read(kind: str) -> None:
    ours = copy_token().value(KEY, "bob@example.net")
    theirs = copy_token(8, 9).value(KEY, "eve@example.net")
    raw = _notice(f"X-Relay-Copy: {ours}\nX-Relay-Copy: {theirs}\nSubject: Hi\n\nbody", kind=kind)
    returned = read_returned(raw)
    assert returned.copy == read_back(ours)
    assert returned.notice_id == "<n1@mx>|Mon, 23 Nov 2026 08:30:00 +0000"


def test_a_header_outside_the_quoted_headers_is_not_read() -> None:
    ours = copy_token().value(KEY, "bob@example.net")
    raw = _notice("Subject: Hi\n", text=f"X-Relay-Copy: {ours}")
    assert read_returned(raw).copy is None
    assert read_returned(b"\x00 not a message").copy is None


@pytest.mark.parametrize("kind", ["text/rfc822-headers", "message/rfc822"])
def test_a_folded_quoted_header_is_read(kind: str) -> None:
    """A gateway may fold the header after its colon (RFC 5322 section 2.2.3)."""
    ours = copy_token().value(KEY, "bob@example.net")
    raw = _notice(f"X-Relay-Copy:\n {ours}\nSubject: Hi\n\nbody", kind=kind)
    assert read_returned(raw).copy == read_back(ours)


def test_a_notice_forwarded_as_an_attachment_keeps_its_ties() -> None:
    """A mailbox forwarding the notice to us: the copy quoted, the VERP address it was sent to
    and its identity are the notice's (a forward adds nothing to trust, and takes nothing)."""
    ours = copy_token().value(KEY, "bob@example.net")
    verp = issued().address(KEY, "bounces.example")
    notice = _notice(f"X-Relay-Copy: {ours}\nSubject: Hi\n\nbody").replace(
        b"To: postmaster@bounces.example", f"To: {verp}".encode()
    )
    raw = forwarded(notice).replace(f"To: {verp}".encode(), b"To: me@mailbox.example", 1)
    returned = read_returned(raw)
    assert returned.copy == read_back(ours)
    assert returned.notice_id == "<n1@mx>|Mon, 23 Nov 2026 08:30:00 +0000"
    report = parse(raw)
    assert report.return_path == verp
    assert [(b.address, b.suppresses) for b in report.recipients] == [("bob@example.net", True)]
