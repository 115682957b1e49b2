"""ISPs, cable providers and carriers outside Europe and East Asia, and large providers'
less-known published codes, seventeenth batch (composed/published17.py, issue #14, judge54).

Comcast's BL/ES block codes, its PTR requirement, its RL throttling (to a delay warning and,
as Postfix's "delivery temporarily suspended" notice, to the end of the queue lifetime) and
"Not our Customer"; Charter/Spectrum's AUP#I-1010 block and its "550 5.1.0 sender rejected
AUP#I-1310" Cloudmark time-out (a sender-side rate limit under an address-status code); Shaw's
AUP#MXRT and AUP#CNCT; Verizon's 571 (also in an Exchange NDR with Portuguese headings); AT&T's
"Fix reverse DNS"; Alaska Communications' open-relay block; iiNet's "sending MTA's poor
reputation" in Sendmail's greeting transcript; Zoho's DMARC rejection and "Temporary System
Error"; iCloud's Proofpoint and Spamhaus blocks and "unknown or illegal alias"; NetZero's
"Account Inactive"; Yahoo's "Max message per connection", "temporary domain failure" and
"Internal server error"; Rackspace's spam throttling and "Sender address rejected: Domain not
found" (our sender's domain); Telkom SA's "queue is full"; Exchange's own delay DSN for an Xtra
recipient. ``composed/manifest_published17.json`` labels every recipient from the provider's
documented meaning, by the rule written in published17.py's docstring before the first score.
The set was scored before any rule was written for it (docs/bounces.md, "Unseen, before any
fix" and the judge54 section). ``python -m tests.bounce_parser.test_published17_notices``
prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published17.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en", "es", "pt"})
    engines = frozenset({"comcast", "charter", "shaw", "verizon", "iinet", "zoho", "yahoo"})
    distinct_engines = 12
    several = (2, 9)
    bounces = 36
    every_kind = True
    delays = 7


if __name__ == "__main__":
    print_scores(MANIFEST)
