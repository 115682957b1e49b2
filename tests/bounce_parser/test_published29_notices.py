"""Forwarding and aliasing services' own replies, twenty-ninth batch (composed/published29.py,
issue #14, judge68).

SimpleLogin's status.py texts (an alias that does not exist, its target mailbox unverified or
unreachable, a mailbox on the alias's own domain, its own unexpected error, our message read as
spam), ForwardEmail's SMTP errors (an alias that does not exist, the recipient domain's plan and
forwarding configuration, TLS required, our sender on the domain's deny list or not on its allow
list, links read as phishing, greylisting), addy.io's refusal of a non-ASCII local part and
Cloudflare Email Routing's RBL refusal and "Upstream error", in our Postfix's, Exim's and
Sendmail's notices. ``composed/manifest_published29.json`` labels every recipient by whose state
the words describe, by the rule written in published29.py's docstring before the first score: a
dead alias is the recipient's and suppressed; a refusal describing the alias's target or the
forward to it is never a suppression. The set was scored before any rule was written for it
(docs/bounces.md, "Unseen, before any fix" and the judge68 section).
``python -m tests.bounce_parser.test_published29_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published29.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# addy.io's "553 5.6.7 <rcpt>: Recipient address rejected: Non-ASCII characters in the local-part
# of the recipient address are not permitted" is read content_error, sender, by the status
# table's X.6.7 (a specific code: precedence.py keeps it over the text). The registry's X.6.7
# ("Non-ASCII addresses not permitted for that sender/recipient") names either address; the
# stored real notices that carry it (real_smtputf8, real_receivers_writer2_postfix) are about
# OUR side's SMTPUTF8, so the table's sender reading stays; a missed suppression, not a wrong one.
# SimpleLogin's "unverified mailbox" and "Cannot reach mailbox" (the alias's target) and
# ForwardEmail's "requires an upgrade" and invalid TXT record (the recipient domain's set-up)
# are now read on_hold, undetermined, never suppressed (providers.toml): whose fault and the
# suppress bit as labelled; the labels, written before the first score, named `undefined`.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("addy-non-ascii-local-part.eml", "grüße@anonaddy.me"): frozenset({"hard", "party", "reason"}),
    (
        "forwardemail-invalid-txt-record-sendmail.eml",
        "hanna@weiterleitung-kunde.example",
    ): frozenset({"reason"}),
    ("forwardemail-requires-upgrade.eml", "dora@vereinsheim.example"): frozenset({"reason"}),
    ("simplelogin-cannot-reach-mailbox-exim.eml", "letters.j5n0@slmails.com"): frozenset(
        {"reason"}
    ),
    ("simplelogin-cannot-reach-mailbox.eml", "promo.w1c7@aleeas.com"): frozenset({"reason"}),
    ("simplelogin-cannot-reach-mailbox.eml", "store.h8v3@simplelogin.com"): frozenset({"reason"}),
    ("simplelogin-unverified-mailbox.eml", "shopping.r2d5@simplelogin.com"): frozenset({"reason"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"simplelogin", "forwardemail", "addy", "cloudflare"})
    several = (2, 6)
    notices = 30
    bounces = 30
    delays = 6
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
