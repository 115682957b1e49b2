"""Mailbox providers', ISPs' and hosters' published replies from Latin America, South Asia,
Africa and the Middle East, twentieth batch (composed/published20.py, issue #14, judge58).

TK Open Systems' (Israel) reject page (a sender domain that does not exist, "Rejected IP with no
reverse lookup", "Rejected pool address"), Tarassul's (Syria) "550 User <x> unknown", Claro
Peru's "550 #5.7.1 Your access to submit messages to this e-mail system has been rejected." (in
IONOS's notice and a Spanish Exchange NDR), HostGator's "Botnet Detention" block list greeting
for a Guatemalan domain, xneelo's (South Africa) "550 High probability of spam" and its cached
sender callout, UOL's and BOL's "cannot find your hostname" as delays and until expiry, Neo's
sender quotas under "550 5.4.6" and "need fully-qualified address", IntoHost's (India) block
list, "Server busy" (a delay and until expiry) and "Recipient domain not found", spamrl.com's
refusals at a Mexican filter, and a bare "554 <host>" greeting from an Indian gateway.
``composed/manifest_published20.json`` labels every recipient from the provider's documented
meaning, by the rule written in published20.py's docstring before the first score. The set was
scored before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the
judge58 section). ``python -m tests.bounce_parser.test_published20_notices`` prints the scores
and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published20.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    notices = 28
    languages = frozenset({"en", "es"})
    engines = frozenset(
        {
            "tkos",
            "tarassul",
            "claro",
            "hostgator",
            "xneelo",
            "uol",
            "bol",
            "neo",
            "intohost",
            "spamrl",
            "tcs",
        }
    )
    several = (2, 10)
    bounces = 35
    every_kind = True
    delays = 3


if __name__ == "__main__":
    print_scores(MANIFEST)
