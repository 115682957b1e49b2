"""Mail stores' own LMTP and SMTP replies not yet carried, read from their sources, forty-second
batch (composed/published42.py, issue #14, judge84).

DBMail's LMTP server (lmtp.c's "550 Recipient <...> FAIL", "430 Temporary failure in recipient
lookup", "430 Message not received" and the RFC 1893 words it writes after DATA: 522/422
"Mailbox full", 511/411 "Bad destination mailbox address"), Citadel's SMTP server ("Invalid
recipient", "Internal delivery error", "Unable to save message: internal error.", "Message
rejected by filter"), hMailServer's RCPT refusals with their code written twice ("550 550
Account is not active." and its kin) and its "could not be saved", Apache James's "Unexpected
error" at RCPT and its LMTP's 5.2.2 "Over Quota" and "Temporary error deliver message", in our
Postfix's, Exim's and Sendmail's notices and the destination's own Postfix and Exim notices for
an LMTP store. ``composed/manifest_published42.json`` labels every recipient from the source's
meaning, by the rule written in published42.py's docstring before the first score: the
addresses the sources say do not exist or are disabled are dead, a full mailbox is the
recipient's but never dead, the store's own failures never suppress. The set was scored before
any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge84
section). ``python -m tests.bounce_parser.test_published42_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published42.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"dbmail", "citadel", "hmailserver", "james"})
    several = (2, 2)
    every_kind = True
    notices = 30
    bounces = 26
    delays = 5


if __name__ == "__main__":
    print_scores(MANIFEST)
