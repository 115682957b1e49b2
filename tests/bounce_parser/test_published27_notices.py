"""Stalwart's inbound SMTP replies beyond what is carried and MailCleaner's Exim stage-1 ACL
texts, from their source code, twenty-seventh batch (composed/published27.py, issue #14,
judge66).

Stalwart's mail.rs and data.rs replies (our IP's reverse DNS refused and failing for now, a
temporary SPF error, the DSN extension disabled, our message too big, a message it could not
parse, too many Received headers, no passing DKIM signature, a queueing failure until expiry)
and MailCleaner's RCPT ACL texts (our sender blacklisted, a recipient blacklisted, spoofing of
its own domain, our reverse DNS, our IP on a DNSBL, our SPF failing, greylisting, encryption
required), in our Postfix's, Exim's and Sendmail's notices.
``composed/manifest_published27.json`` labels every recipient from the source's meaning, by the
rule written in published27.py's docstring before the first score; none of these texts says a
mailbox does not exist, so no label suppresses (``every_kind`` stays off). The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge66
section). ``python -m tests.bounce_parser.test_published27_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published27.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# MailCleaner's "blacklisted recipient: <rcpt>" is the destination administrator's list of
# refused recipients: labelled recipient|undetermined (not suppressed). The parser reads the
# word "blacklisted" as a block of our side (blocked, sender); a recipient-side reading of a
# permanent failure would be a suppression (classify.verdict_hard) of a mailbox that may exist,
# so it is left as it is. Stalwart's "550 5.7.7 Failed to parse message." reads security_error
# from its specific X.7.7 detail (RFC 3463 "message integrity failure"; precedence.py keeps a
# specific x.7.x over the text by design); the label, written before the first score, asked for
# a message-form reason. The party (sender) and the suppress bit are right in all three.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("mailcleaner-blacklisted-recipient-exim.eml", "q.quandt@mailcleaner-client.example"): (
        frozenset({"party"})
    ),
    ("mailcleaner-blacklisted-recipient-sendmail.eml", "p.pape@mailcleaner-client.example"): (
        frozenset({"party"})
    ),
    ("stalwart-failed-to-parse-message-exim.eml", "g.graf@stalwart-kunde.example"): frozenset(
        {"reason"}
    ),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"stalwart", "mailcleaner"})
    several = (2, 3)
    notices = 23
    bounces = 20
    delays = 6


if __name__ == "__main__":
    print_scores(MANIFEST)
