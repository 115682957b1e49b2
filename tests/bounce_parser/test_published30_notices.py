"""Filters that refuse at SMTP time in their own words, from their source code, thirtieth batch
(composed/published30.py, issue #14, judge69).

OpenSMTPD's filter-senderscore (our IP's reputation too low, at MAIL FROM, RCPT and the
greeting) and filter-dnsbl (our IP listed, a DNS error: 421 at the greeting, as a delay and
until expiry), smf-spf 2.5.2 (our SPF failing at MAIL FROM under 5.7.23 and at RCPT under
5.1.1 and 4.1.1, its temperror, no SPF record) and 2.0.2 (its openspf.org URL under 5.7.1 and
5.1.1), rspamd's ratelimit through its milter, Mail::Qmail::Filter::DMARC's "Failed DMARC
test", and the receiving Postfix's unknown user beside an smf-spf refusal, in our Postfix's,
Exim's and Sendmail's notices. ``composed/manifest_published30.json`` labels every recipient
from the source's meaning, by the rule written in published30.py's docstring before the first
score; only the Postfix unknown user is a dead address. The set was scored before any rule was
written for it (docs/bounces.md, "Unseen, before any fix" and the judge69 section).
``python -m tests.bounce_parser.test_published30_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published30.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset(
        {"filter-senderscore", "filter-dnsbl", "smf-spf", "rspamd", "mail-qmail-filter"}
    )
    several = (2, 5)
    notices = 26
    bounces = 20
    delays = 6
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
