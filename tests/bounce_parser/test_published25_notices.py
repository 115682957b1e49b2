"""The big three MTAs' less common reply and notice texts, from their source code, twenty-fifth
batch (composed/published25.py, issue #14, judge64).

Postfix's smtpd replies "Error: timeout exceeded" (as a delay, until expiry and in Sendmail's
expiry notice), "Error: bare <LF> received", "Message size exceeds file system imposed limit"
and "Error: too many new TLS sessions from" (a delay and until expiry); pipe(8)'s "Command died
with signal" (a delay), "Command time limit exceeded", "service unavailable" and "mail system
configuration error" (a delay) and local(8)'s "cannot update mailbox ... unable to create lock
file" and "... destination ... is not a regular file" in the destination's own Postfix notice;
Exim's "Too many nonmail commands", "Too many syntax or protocol errors", "SMTP synchronization
error", "Space shortage, please try later" (delays in Postfix's, Exim's and Sendmail's warnings,
and until expiry) and "Too many \\"Received\\" headers - suspected mail loop" (a reply, and in
Exim's own notice); Sendmail's access-map "Mailbox disabled for this recipient", its own "Cannot
send 8-bit data to 7-bit destination" and "config error: mail loops back to me (MX problem?)".
``composed/manifest_published25.json`` labels every recipient from the source's meaning, by the
rule written in published25.py's docstring before the first score. The set was scored before
any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge64 section).
``python -m tests.bounce_parser.test_published25_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published25.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"postfix", "exim", "sendmail"})
    several = (2, 8)
    bounces = 30
    every_kind = True
    delays = 7


if __name__ == "__main__":
    print_scores(MANIFEST)
