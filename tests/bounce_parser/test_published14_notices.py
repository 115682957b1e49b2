"""Open-source mail servers' and policy daemons' own replies and notices, read from their
source code, fourteenth batch (composed/published14.py, issue #14, judge50).

WildDuck's MX replies (haraka-plugin-wildduck with haraka-dsn: "No such user", "Mailbox
disabled, not accepting messages", "Mailbox full", its rate limit and [ERRC03]), ZoneMTA's own
notice template (a constant Status 5.0.0 whatever the reply) and its submission replies on
Nodemailer's smtp-server ("Too many recipients", "is not a valid RFC-5321 address", "Server
shutdown in progress" as a 550, the size limit, rspamd's "classified as SPAM", also in an
Exchange NDR with Portuguese headings), iRedAPD's reject texts inside Postfix's "Recipient
address rejected:" (greylisting, Blacklisted, senderscore, SMTP AUTH required for the sender
domain, size, rDNS, throttling, too many recipients, the login mismatch in a Spanish NDR),
Stalwart's RCPT replies (5.1.2 for an unknown mailbox and for "Too many RCPT errors", 4.2.2
greylisting, rate limit, relay not allowed), go-smtp's defaults, Postal's SMTP replies (also
"From/Sender name is not valid" in a French NDR) and its own reasonless bounce, aiosmtpd's.
``composed/manifest_published14.json`` labels every recipient from the source's meaning, by
the rule written in published14.py's docstring before the first score. The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge50
section). ``python -m tests.bounce_parser.test_published14_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published14.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    # a relay refusal is read as ours (no_relaying's party); the label: the destination's
    # configuration, the domain not served there
    ("aiosmtpd-not-relaying-and-too-much-data.eml", "r.hall@alt-inbox.example"): frozenset(
        {"party"}
    ),
    # X.4.5 (mail system congestion) read as a full mail system; the label took the expiry or a
    # connection limit, not system_full
    ("go-smtp-busy-expired-and-size.eml", "jana.kral@zakaznik-priklad.example"): frozenset(
        {"reason"}
    ),
    ("stalwart-relay-not-allowed.eml", "hans.lund@alt-domaene.example"): frozenset({"party"}),
    # Google's same words are in providers.toml's speeding (the sender's); WildDuck writes them
    # for the recipient's own rate limit
    ("wildduck-rate-expired-and-unknown.eml", "jaan.saar@kliendi-naide.example"): frozenset(
        {"party"}
    ),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en", "es", "pt", "fr"})
    engines = frozenset({"wildduck", "zonemta", "iredapd", "stalwart", "go-smtp", "postal"})
    several = (2, 5)
    bounces = 30
    every_kind = True
    delays = 5


if __name__ == "__main__":
    print_scores(MANIFEST)
