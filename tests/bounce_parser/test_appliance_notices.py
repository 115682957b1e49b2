"""Hosted filters', appliances' and hosters' notices (composed/appliances.py, issue #14, judge12).

MessageLabs (Symantec Email Security.cloud), Barracuda, Proofpoint, Trend Micro, IONOS,
MDaemon (English and Spanish), Exchange 2003 in Spanish, freenet.de, and ISPs' replies inside
them; ``composed/manifest_appliances.json`` labels every recipient by construction from the
vendors' pages and published copies. The checks are those of ``test_template_notices``.
``python -m tests.bounce_parser.test_appliance_notices`` prints the scores.
"""

from __future__ import annotations

import pytest

from bounce_parser import Reason, parse
from bounce_parser.fields import addresses_in, clean_address
from bounce_parser.report import BounceReport
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    delay_notices,
    disagreements,
    entries,
    good_addresses_suppressed,
    parse_set,
    print_scores,
    sender_failures_blamed,
    taken_for_bounces,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest_appliances.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


@pytest.fixture(scope="module")
def parsed() -> dict[str, BounceReport]:
    return parse_set(MANIFEST)


def test_every_recipient_is_read_as_labelled(parsed: dict[str, BounceReport]) -> None:
    # An entry of KNOWN_WRONG that no longer disagrees fails here too: remove it with its fix.
    assert disagreements(parsed, MANIFEST) == KNOWN_WRONG


def test_no_good_address_is_suppressed_and_no_sender_failure_blamed(
    parsed: dict[str, BounceReport],
) -> None:
    assert good_addresses_suppressed(parsed, MANIFEST) == []
    assert sender_failures_blamed(parsed, MANIFEST) == []


def test_the_delay_notice_is_never_a_bounce(parsed: dict[str, BounceReport]) -> None:
    delays = delay_notices(MANIFEST)
    assert delays
    assert taken_for_bounces(parsed, delays) == []


def test_the_set_covers_eight_senders_and_names_each_source() -> None:
    assert len({e["engine_id"] for e in entries(MANIFEST)}) >= 8
    assert sum(len(e["expected"]) for e in entries(MANIFEST)) >= 25
    assert any(len(e["expected"]) >= 3 for e in entries(MANIFEST))
    assert unnamed_sources(MANIFEST) == []


def test_single_quotes_around_an_address_are_not_part_of_it() -> None:
    # Outlook / Exchange quote a recipient in their notices: "'ana@example.com' en 03/12/2026"
    assert addresses_in("No se puede localizar: 'ana@example.com' en 03/12/2026") == [
        "ana@example.com"
    ]
    assert clean_address("'ana@example.com'") == "ana@example.com"
    # an apostrophe that belongs to the local part stays (RFC 5322 atext)
    assert addresses_in("<o'brien@example.com> and 'tis@example.com") == [
        "o'brien@example.com",
        "'tis@example.com",
    ]


NOTICE = (
    "Return-Path: <>\nFrom: Mail Delivery System <mailer-daemon@hoster.example>\n"
    "To: news@shop.example\nSubject: Mail delivery failed: returning message to sender\n"
    "Content-Type: text/plain\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of\n"
    "its recipients. This is a permanent error. The following address(es)\nfailed:\n\n"
    "{listed}\n--- The header of the original message is following. ---\n\n"
    "From: news@shop.example\nSubject: offers\n"
)


def test_addresses_listed_before_one_reason_all_take_it() -> None:
    listed = "<one@down.example>\n<two@down.example>\nReason:\ndelivery retry timeout exceeded\n"
    report = parse(NOTICE.format(listed=listed).encode())
    assert [(b.address, b.reason, b.hard) for b in report.recipients] == [
        ("one@down.example", Reason.EXPIRED, False),
        ("two@down.example", Reason.EXPIRED, False),
    ]


def test_a_listed_address_never_takes_a_reply_that_names_another() -> None:
    listed = "<one@mx.example>\n<two@mx.example>\n550 5.1.1 <two@mx.example>... User unknown\n"
    report = parse(NOTICE.format(listed=listed).encode())
    verdicts = {b.address: b for b in report.recipients}
    assert verdicts["two@mx.example"].reason is Reason.USER_UNKNOWN
    assert not verdicts["one@mx.example"].hard


if __name__ == "__main__":
    print_scores(MANIFEST)
