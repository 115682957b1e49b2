"""Exchange Online's (Microsoft 365's) NDR codes not yet carried, from Microsoft's NDR table
and per-code pages, thirty-second batch (composed/published32.py, issue #14, judge71).

Exchange Online's own NDR for the recipient's delivery restrictions (5.7.12, 5.7.135, 5.7.134,
5.7.136), 5.4.1 "Relay Access Denied" for a domain it does not host and 5.6.11 bare line feeds;
our Postfix's, Exim's and Sendmail's notices quoting an Exchange Online Protection MX: 5.7.13
and 5.7.134 at RCPT or DATA, 5.7.504 and 5.7.505 (the recipient not valid: dead), 5.7.506-5.7.513
(our HELO, our IP blocked by the recipient's organization or its Customer Block list, our IPv6
range over its limits, our From field), 5.0.350 AS345, 5.7.64 tenant attribution, IPv6 (5.7.510
and the IPv6 page's 5.2.1 "does not accept email over IPv6", reverse DNS 5.7.25/4.7.25, SPF or
DKIM 4.7.26) and EOP's 4.7.550 throttling, as delays and at the end of the queue lifetime.
``composed/manifest_published32.json`` labels every recipient from Microsoft's pages, by the rule
written in published32.py's docstring before the first score. The set was scored before any
rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge71 section).
``python -m tests.bounce_parser.test_published32_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published32.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# Exchange Online's "550 5.4.1 Relay Access Denied" to an external sender says the recipient
# domain's MX record or accepted domain is wrong (Microsoft's 5.4.1 page: "email server or DNS
# misconfiguration", "Just wait"): labelled recipient|undetermined. The parser reads every
# "relay access denied" as no_relaying, the sender's (the relay asked a host to relay that
# does not serve the domain); reading it as the recipient's would rest on knowing that we
# delivered to the domain's own MX, which the words do not say. Not suppressed either way.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("m365-relay-access-denied-domain-not-hosted.eml", "e.eriksen@litware-moved.example"): (
        frozenset({"party"})
    ),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"microsoft365"})
    several = (2, 5)
    notices = 28
    bounces = 29
    delays = 3
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
