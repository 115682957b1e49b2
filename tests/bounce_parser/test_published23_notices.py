"""Policy daemons, Postfix's less-common smtpd restrictions, go-guerrilla and Exim's callout
deferral, from their source code, twenty-third batch (composed/published23.py, issue #14,
judge62).

Postfix's smtpd_check.c replies (unknown in the relay recipient and virtual alias tables; our
sender address not fully qualified, not logged in, not owned by the authenticated user, found
dead by the destination's verify probe as a delay, until expiry and refused; our pipelining;
a multi-recipient null-sender message), Policyd v2's greylisting (as delays, until expiry, its
auto-blacklist), quotas (refused, deferred, until expiry) and HELO checks, tumgreyspf's
greylisting and blackhole, go-guerrilla's canned replies (a domain it does not serve, its
shutdown, its backend's timeout and absence) and Exim's "Could not complete recipient verify
callout" (a delay, until expiry), in our Postfix's, Exim's and Sendmail's notices.
``composed/manifest_published23.json`` labels every recipient from the source's meaning, by the
rule written in published23.py's docstring before the first score. The set was scored before
any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge62
section). ``python -m tests.bounce_parser.test_published23_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published23.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"postfix", "policyd", "tumgreyspf", "go-guerrilla", "exim"})
    several = (2, 10)
    bounces = 33
    every_kind = True
    delays = 8


if __name__ == "__main__":
    print_scores(MANIFEST)
