"""The composed held-out set: returned messages written from providers' documented texts.

``tests/bounce_parser/composed/`` holds one notice per case (``build.py`` writes them from
``cases.py``; every reply there names the page or source file it quotes) and a manifest in
``score_bounces.py``'s format, labelled by construction. The issue's targets for servers and
providers the rules were not written from: 98% of failed recipients found with 98%
precision, the suppress-or-not bit right for 97%, the stated status for 97%, the reason for
90%, at most one good address in two hundred suppressed, no sender-side failure blamed on
the recipient, and no delay notice or auto-reply taken for a bounce.
"""

from __future__ import annotations

import pytest

from bounce_parser.report import BounceReport
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    NOT_BOUNCES,
    entries,
    good_addresses_suppressed,
    parse_set,
    score,
    sender_failures_blamed,
    taken_for_bounces,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest.json"

TARGETS = {
    "recall": 0.98,
    "precision": 0.98,
    "suppress_bit": 0.97,
    "status": 0.97,
    "reason": 0.90,
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, BounceReport]:
    return parse_set(MANIFEST)


def test_every_notice_names_its_source() -> None:
    for entry in entries(MANIFEST):
        assert entry["source"], entry["path"]
    assert unnamed_sources(MANIFEST) == []


def test_the_set_covers_the_providers_and_forms() -> None:
    found = {e["engine_id"] for e in entries(MANIFEST)}
    providers = {"gmail", "outlook", "microsoft365", "yahoo", "aol", "icloud", "proton", "gmx"}
    providers |= {"webde", "orange", "free", "mailru", "yandex", "qq", "naver", "docomo", "au"}
    providers |= {"softbank", "ses"}
    assert providers <= found, providers - found
    forms = {e["form"] for e in entries(MANIFEST)}
    assert {"postfix-dsn", "exim-text", "qmail-text", "exchange-ndr", "auto-reply"} <= forms
    assert any(
        len([x for x in e["expected"] if x["kind"] == "bounce"]) >= 3 for e in entries(MANIFEST)
    )
    assert any(x["kind"] == "delayed" for e in entries(MANIFEST) for x in e["expected"])


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_the_composed_set_reaches_the_target(parsed: dict[str, BounceReport], metric: str) -> None:
    got = score(parsed, MANIFEST)[metric]
    assert got >= TARGETS[metric], f"{metric} = {got:.3f} (target {TARGETS[metric]})"


def test_no_good_address_is_suppressed(parsed: dict[str, BounceReport]) -> None:
    assert good_addresses_suppressed(parsed, MANIFEST) == []


def test_a_sender_side_failure_is_never_the_recipients_fault(
    parsed: dict[str, BounceReport],
) -> None:
    assert sender_failures_blamed(parsed, MANIFEST) == []


def test_delay_notices_and_auto_replies_are_never_bounces(parsed: dict[str, BounceReport]) -> None:
    not_bounces = [
        e for e in entries(MANIFEST) if not all(x["kind"] == "bounce" for x in e["expected"])
    ]
    assert taken_for_bounces(parsed, not_bounces, NOT_BOUNCES) == []


def test_ses_notifications_read_as_amazon_documents_them(parsed: dict[str, BounceReport]) -> None:
    # https://docs.aws.amazon.com/ses/latest/dg/notification-examples.html: "reportingMTA":
    # "dns; email.example.com" names the host after its RFC 3464 type.
    (bounce,) = parsed["ses-permanent-dsn.eml"].recipients
    assert (bounce.reporting_mta, bounce.status, bounce.hard) == (
        "email.example.com",
        "5.1.1",
        True,
    )
