"""Modern open-source mail servers' own SMTP replies read from their source, forty-eighth batch
(composed/published48.py, issue #14, judge95).

mox's inbound refusals (every recipient unknown after DATA, our IP's volume under 452 4.2.2, its
deliberately vague "451 4.3.0 error processing" for a junk verdict, DMARC, a second recipient
without SPF pass, the recipient limit, a domain it does not serve, the null MX of our MAIL FROM
domain, a session with too many failures) and its own DSN after DATA, maddy's check modules
(SPF, DMARC, DNSBL, rDNS, the MX of our MAIL FROM domain, the EHLO name, its policy services
failing) and ZoneMTA's DNS failure for a domain without MX, A or AAAA record, in our Postfix's,
Exim's and Sendmail's notices, mox's DSN and ZoneMTA's notice.
``composed/manifest_published48.json`` labels every recipient from what the code path that
writes the words means, by the rule written in published48.py's docstring before the first
score. The set was scored before any rule was written for it (docs/bounces.md, "Unseen, before
any fix" and the judge95 section). ``python -m tests.bounce_parser.test_published48_notices``
prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published48.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# mox's "550 5.1.1 not accepting email for domain" is its relay refusal (a domain it does not
# serve): read no_relaying, not suppressed, but that reason's party is ours (a relay refusing
# us); the label is the destination's configuration (published14's Stalwart "Relay not
# allowed." is left the same way). Telling an MX that does not host the domain from a relay
# that will not take us needs more than the words.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("mox-not-accepting-for-domain.eml", "p.pabst@mox-altdomain.example"): frozenset({"party"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"mox", "maddy", "zonemta"})
    several = (2, 4)
    notices = 33
    bounces = 28
    delays = 8
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
