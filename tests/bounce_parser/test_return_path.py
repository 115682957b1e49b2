"""BounceReport.return_path: the VERP address a notification was delivered to, if ours."""

from __future__ import annotations

import datetime as dt

import pytest

from bounce_parser import parse
from bounce_parser.verp import ReturnPath
from tests.bounce_parser.bounce_samples import POSTFIX, dsn, failed, plain

KEY = b"k" * 32
VERP = ReturnPath.issue(3, 41, today=dt.date(2026, 1, 5), lifetime_days=30).address(
    KEY, "bounces.sender.example"
)


@pytest.mark.parametrize("header", ["Delivered-To", "X-Original-To", "Envelope-To"])
def test_the_verp_address_is_found_in_delivery_headers(header: str) -> None:
    report = parse(plain(POSTFIX, to="news@sender.example", extra={header: f"<{VERP}>"}))
    assert report.return_path == VERP


def test_the_verp_address_is_found_in_to() -> None:
    report = parse(dsn(failed("alice@receiver.example", "5.1.1"), to=VERP))
    assert report.return_path == VERP
    assert ReturnPath.verify(report.return_path, KEY, today=dt.date(2026, 1, 6)) is not None


def test_a_failed_recipients_header_is_not_a_return_path() -> None:
    report = parse(plain(POSTFIX, extra={"X-Failed-Recipients": VERP}))
    assert report.return_path is None


def test_an_ordinary_address_is_not_a_return_path() -> None:
    assert parse(plain(POSTFIX, to="news@sender.example")).return_path is None


def test_the_verp_address_is_never_reported_as_a_failed_recipient() -> None:
    report = parse(plain(POSTFIX.replace("bob@receiver.example", VERP, 1), to=VERP))
    assert VERP not in [r.address for r in report.recipients]
