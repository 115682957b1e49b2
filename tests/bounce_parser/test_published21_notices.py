"""Commercial and enterprise mail servers' own reply texts, twenty-first batch
(composed/published21.py, issue #14, judge59).

IceWarp's own table of its SMTP 5xx replies ("501 5.5.2 Domain name required", "501 5.5.1
HELO/EHLO requires domain address"), FTGate's service errors beyond what is carried ("451 4.2.1
... mailbox disabled (#3.13)" as a delay and until expiry, "Mailbox Disabled (#1.01)" for a
spamtrap, "451 4.2.2 ... mailbox access error (#3.15)" as a delay and until expiry, "451 4.9.9
... Invalid EHLO (#3.12)", "Out of disk space (#1.03)"), Coremail's bounce texts ("User not
found", "User suspended", "IP is rejected", "Fake sender", "Invalid IP"), and a Chinese
enterprise mail server's reply list with each line's meaning ("too many same size mails", "mail
from invalid", "looping message", "host denies the sender", "relay check local fail", "Black
mail address", "sender is unvalidated", "smtpport check error", "helohost error", "remote ip
check error", "attachment is too long", "out of allow RCPT numbers", "450 mailbox unavailable",
"database temporary error"). ``composed/manifest_published21.json`` labels every recipient from
the vendor's documented meaning, by the rule written in published21.py's docstring before the
first score. The set was scored before any rule was written for it (docs/bounces.md, "Unseen,
before any fix" and the judge59 section).
``python -m tests.bounce_parser.test_published21_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published21.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    # FTGate writes 451 4.2.2 (RFC 3463 X.2.2, mailbox full) on its "mailbox access error
    # (#3.15)"; the parser believes a specific status over any text (precedence rule 4, kept for
    # every set), so it reads a full mailbox where the vendor's words say its store could not be
    # accessed. Not suppressed either way (a 4xx, a transient reason).
    ("ftgate-mailbox-access-error-expired.eml", "dee.ellis@ftgate-client.example"): frozenset(
        {"reason"}
    ),
    # "552 looping message." now reads as a routing loop (network_error, RFC 3463 X.4.6), whose
    # party the project sets to transient for every loop (en_generic's "routing loop",
    # qmail.toml's "This message is looping", postfix.toml's "loops back to myself"); the label,
    # written before the first score, has the destination's (recipient|undetermined). Not the
    # sender's and not suppressed either way.
    ("cn-list-looping-message.eml", "guo.qiang@qiye-shili.example"): frozenset({"party"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"icewarp", "ftgate", "coremail", "cn-mailserver"})
    notices = 31
    several = (2, 9)
    bounces = 35
    every_kind = True
    delays = 5


if __name__ == "__main__":
    print_scores(MANIFEST)
