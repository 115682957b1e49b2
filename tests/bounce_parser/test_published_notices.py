"""Providers' published error texts not yet carried by the phrase tables (composed/published.py,
issue #14, judge20).

Microsoft 365 / Exchange Online (5.4.1 directory-based edge blocking, 5.7.708, 5.7.750, 5.1.8,
5.7.133, 5.7.703, 5.7.705, 5.7.800, localized NDRs in de, it, ja), Zoho and ZeptoMail, T-Online,
Comcast, Seznam and Czech hosters, a Chinese hoster, Daum and Korean ISPs, Yandex, konto.pl,
Orange, Fastmail and Yahoo; ``composed/manifest_published.json`` labels every recipient by
construction from the documented meaning. The checks are those of ``test_appliance_notices``.
``python -m tests.bounce_parser.test_published_notices`` prints the scores and the misses.
"""

from __future__ import annotations

import json

import pytest

from bounce_parser.report import BounceReport
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    delay_notices,
    disagreements,
    entries,
    good_addresses_suppressed,
    parse_set,
    score,
    sender_failures_blamed,
    taken_for_bounces,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest_published.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("chkuser-full-and-sender-blacklisted.eml", "petr.svoboda@firma-priklad.cz"): frozenset(
        {"party", "reason"}
    ),
    ("forpsi-spam-and-spf.eml", "martin.kral@obchod-priklad.cz"): frozenset(
        {"hard", "party", "reason"}
    ),
    ("kr-rusr-and-reject-list.eml", "sora.lee@kr-mail.example"): frozenset({"party", "reason"}),
    ("m365-de-dbeb.eml", "f.huber@kunde-beispiel.example"): frozenset({"hard", "party", "reason"}),
    ("m365-it-dbeb.eml", "g.rossi@cliente-esempio.example"): frozenset({"hard", "party", "reason"}),
    ("m365-tenant-block-list.eml", "sam.ortiz@good-client.example"): frozenset({"party", "reason"}),
    ("mixed-541-three.eml", "old.user@contoso-client.example"): frozenset(
        {"hard", "party", "reason"}
    ),
    ("mixed-541-three.eml", "sales@zoho-customer.example"): frozenset({"party", "reason"}),
    ("tonline-bl-two.eml", "a.wolf@t-online.de"): frozenset({"party", "reason"}),
    ("tonline-bl-two.eml", "b.wolf@t-online.de"): frozenset({"party", "reason"}),
    ("tonline-dialup.eml", "k.fischer@t-online.de"): frozenset({"party", "reason"}),
    ("zoho-destination-domain-filter.eml", "office@zoho-customer.example"): frozenset(
        {"party", "reason"}
    ),
    ("zoho-unusual-sending-activity.eml", "buyer@customer-three.example"): frozenset(
        {"party", "reason"}
    ),
}
# Good addresses the parser still suppresses (and blames on the recipient).
KNOWN_SUPPRESSED = [("forpsi-spam-and-spf.eml", "martin.kral@obchod-priklad.cz")]
# Our own envelope sender read as a failed recipient (a reply that quotes it).
EXTRA_FAILED: dict[str, set[str]] = {
    "chkuser-full-and-sender-blacklisted.eml": {"news@shop.example"}
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, BounceReport]:
    return parse_set(MANIFEST)


def test_every_recipient_is_read_as_labelled(parsed: dict[str, BounceReport]) -> None:
    # An entry of KNOWN_WRONG that no longer disagrees fails here too: remove it with its fix.
    assert disagreements(parsed, MANIFEST) == KNOWN_WRONG


def test_no_address_is_reported_that_the_notice_does_not_fail(
    parsed: dict[str, BounceReport],
) -> None:
    extra = {}
    for entry in entries(MANIFEST):
        labelled = {x["address"].lower() for x in entry["expected"]}
        found = {b.address.lower() for b in parsed[entry["path"]].recipients} - labelled
        if found:
            extra[entry["path"]] = found
    assert extra == EXTRA_FAILED


def test_no_good_address_is_suppressed_and_no_sender_failure_blamed(
    parsed: dict[str, BounceReport],
) -> None:
    assert good_addresses_suppressed(parsed, MANIFEST) == KNOWN_SUPPRESSED
    assert sender_failures_blamed(parsed, MANIFEST) == [(*k, "recipient") for k in KNOWN_SUPPRESSED]


def test_the_delay_notices_are_never_bounces(parsed: dict[str, BounceReport]) -> None:
    delays = delay_notices(MANIFEST)
    assert len(delays) >= 5
    assert taken_for_bounces(parsed, delays) == []


def test_the_set_covers_the_providers_and_languages_and_names_each_source() -> None:
    found = entries(MANIFEST)
    assert len(found) >= 30
    assert len({e["engine_id"] for e in found}) >= 12
    assert {"de", "it", "ja", "cs", "zh", "pl", "fr"} <= {e["lang"] for e in found}
    assert any(len(e["expected"]) >= 3 for e in found)
    assert unnamed_sources(MANIFEST) == []


if __name__ == "__main__":
    reports = parse_set(MANIFEST)
    print(json.dumps({k: round(v, 3) for k, v in score(reports, MANIFEST).items()}))
    for key, fields in sorted(disagreements(reports, MANIFEST).items()):
        print(*key, sorted(fields))
