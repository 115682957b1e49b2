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
    entries,
    print_scores,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest_published8.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    delays = 5


def test_the_set_covers_the_providers_and_names_each_source() -> None:
    found = entries(MANIFEST)
    assert len(found) >= 30
    assert sum(x["kind"] == "bounce" for e in found for x in e["expected"]) >= 30
    assert {"postmark", "mandrill", "mailgun", "sendgrid", "sparkpost", "brevo"} <= {
        e["engine_id"] for e in found
    }
    assert sum(len(e["expected"]) >= 2 for e in found) >= 5
    # hard, soft, sender-side and transient recipients all present
    labels = [x for e in found for x in e["expected"] if x["kind"] == "bounce"]
    assert any(x["hardbounce"] for x in labels)
    assert any(not x["hardbounce"] and x["party"] == "sender" for x in labels)
    assert any("transient" in x["party"].split("|") for x in labels)
    assert unnamed_sources(MANIFEST) == []


if __name__ == "__main__":
    print_scores(MANIFEST)
