"""The destination's own internal failures, as mail servers' sources write them, thirty-ninth
batch (composed/published39.py, issue #14, judge79).

Dovecot's LMTP ("451 4.3.0 <a> Temporary internal error", "Temporary user lookup failure",
"Too many concurrent deliveries for user", "451 4.2.0 <a> Internal error occurred. Refer to
server log for more information."), Cyrus's lmtpd ("451 4.3.0 System I/O error", "transient
system error", "451 4.2.0 Mailbox has an invalid format", "451 4.2.1 Mailbox Moved", "554 5.0.0
Unexpected internal error"), Postfix's deliver_pass.c ("mail transport unavailable", "unknown
mail transport error"), Sendmail's sysexits.c mailer failures and qmail-local's maildir
failures at the end of the queue lifetime, in the destination's Postfix's, Exim's, Sendmail's
and qmail's notices. ``composed/manifest_published39.json`` labels every recipient from its
source's meaning, by the rule written in published39.py's docstring before the first score:
each is a failure of the destination's own system, so no label suppresses, whatever the status
class. The set was scored before any rule was written for it (docs/bounces.md, "Unseen, before
any fix" and the judge79 section).
``python -m tests.bounce_parser.test_published39_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published39.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"dovecot", "cyrus", "postfix", "sendmail", "qmail"})
    several = (2, 5)
    notices = 24
    bounces = 20
    delays = 8


if __name__ == "__main__":
    print_scores(MANIFEST)
