"""Privacy relays not yet carried, forty-third batch (composed/published43.py, issue #14,
judge85).

Apple's iCloud Hide My Email and iCloud Mail replies as Sisimai's rhost/for-apple.go quotes
them (an "inactive email address", a "recipient no longer on server", "[HME1]" for a message
failing both SPF and DKIM) and Sign in with Apple's private email relay ("unauthorized sender"
quoting our envelope sender, "Email rejected due to transformation error", "bad mailbox name"
for a sender not set up with Apple), in our Postfix's, Exim's and Sendmail's notices.
``composed/manifest_published43.json`` labels every recipient by whose state the words describe,
by the rule written in published43.py's docstring before the first score: an inactive or moved
relay address is dead; the relay's checks on our sender never suppress, whatever the status
code. The set was scored before any rule was written for it (docs/bounces.md, "Unseen, before
any fix" and the judge85 section). ``python -m tests.bounce_parser.test_published43_notices``
prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published43.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"apple"})
    several = (2, 4)
    notices = 15
    bounces = 19
    delays = 0


if __name__ == "__main__":
    print_scores(MANIFEST)
