"""Signed VERP return paths: round trip, forgery, expiry, case folding, length."""

from __future__ import annotations

import datetime as dt

import pytest

from bounce_parser.verp import ReturnPath

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
