"""Email service providers' published bounce examples, eighth batch (composed/published8.py,
issue #14, judge42).

The receivers' replies that SparkPost, Postmark, Mailgun, Mandrill, SendGrid and Return Path
quote on their pages (with Black Pearl Mail's and CleverReach's lists and a received qmail
notice found beside them), each in the notice the receiving side's or our relay's MTA writes;
``composed/manifest_published8.json`` labels every recipient from the receiver's documented
meaning, not the ESP's class where the two disagree (a disabled account that Postmark and
Mandrill call soft, maildrop's over-quota that SendGrid calls blocked, a domain that does not
exist that Brevo calls soft). The set was scored before any rule was written for it
(docs/bounces.md, "Unseen, before any fix" and the judge42 section).
``python -m tests.bounce_parser.test_published8_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published8.json"


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    delays = 5
    bounces = 30
    engines = frozenset({"postmark", "mandrill", "mailgun", "sendgrid", "sparkpost", "brevo"})
    several = (2, 5)
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
