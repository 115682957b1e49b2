"""French-, Italian- (certified mail, PEC) and German-language providers' and hosters'
published texts, plus Turkish hosters' lists, tenth batch (composed/published10.py, issue #14,
judge46).

La Poste's LPN codes (an invalid recipient, a content refusal under "550 5.5.0", a refusal of
OUR sender under "450 4.1.8", a temporary block), SFR's (content, "too many errors", SFR_IN_101),
Infomaniak's "account administratively disabled", GandiMail's RULEx_y refusals, greylisting and
Spamhaus block, a Swiss hoster's DNSBL refusal; Aruba PEC's refusal of ordinary mail and PEC
receipts ("avviso di mancata consegna": invalid address, full box, the twelve-hour warning that
is no bounce, the 24-hour expiry); mittwald's, cyon's, coviserver's, STRATO's and T-Online's
texts; Turkish hosters' lists. ``composed/manifest_published10.json`` labels every recipient
from the documented meaning, by the rule written in published10.py's docstring before the
first score. The set was scored before any rule was written for it (docs/bounces.md, "Unseen,
before any fix" and the judge46 section). ``python -m tests.bounce_parser.test_published10_notices``
prints the scores and the misses.
"""

from __future__ import annotations

from bounce_parser import Kind, parse
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published10.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"fr", "it", "de", "tr"})
    several = (2, 5)
    bounces = 30
    every_kind = True
    delays = 6


def test_a_pec_receipt_of_delivery_or_acceptance_is_no_failure() -> None:
    # formats/pec.py reads only the two delivery-failure receipts (errore-consegna and its
    # twelve-hour preavviso); an acceptance or a delivery receipt reports progress.
    raw = (COMPOSED / "pec-mancata-consegna-no-dest.eml").read_bytes()
    for tipo in (b"avvenuta-consegna", b"accettazione", b"presa-in-carico"):
        receipt = parse(raw.replace(b"errore-consegna", tipo))
        assert receipt.kind is not Kind.FAILED, tipo
        assert not any(b.hard for b in receipt.recipients), tipo
    assert parse(raw).kind is Kind.FAILED


if __name__ == "__main__":
    print_scores(MANIFEST)
