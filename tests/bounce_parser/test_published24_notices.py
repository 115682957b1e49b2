"""Exim's own SMTP replies and Debian's default ACL texts, Apache James's handlers, gld,
Postfix's policy-server failure, postfix-policyd-spf-perl and Net::Server::Mail, from their
source code and packages, twenty-fourth batch (composed/published24.py, issue #14, judge63).

Exim's smtp_in.c and receive.c replies (a synchronization error, too many non-mail commands,
an invalid EHLO argument, too much load until expiry, too many messages per connection, a
spool space shortage and write error, our header's line length, size and line ends, too many
Received headers), Debian's exim4-config ACL texts (restricted characters in the local part,
too many bad recipients, an SPF DNS deferral, the 998-octet line limit, header syntax, no
verifiable header sender), James's greylisting, recipient limit and DNSBL refusal, gld's
greylisting, Postfix's "Server configuration problem" when the policy server fails,
postfix-policyd-spf-perl's SERVFAIL deferral and Net::Server::Mail's bare "550 Failure", in our
Postfix's, Exim's and Sendmail's notices. ``composed/manifest_published24.json`` labels every
recipient from the source's meaning, by the rule written in published24.py's docstring before
the first score; none of these texts says a mailbox does not exist, so no label suppresses
(``every_kind`` stays off). The set was scored before any rule was written for it
(docs/bounces.md, "Unseen, before any fix" and the judge63 section).
``python -m tests.bounce_parser.test_published24_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published24.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# Debian's "restricted characters in address" names the recipient's local part (its
# characters), yet says nothing of a missing mailbox: labelled the recipient's and not
# suppressed. In the parser a permanent failure that is the recipient's is a suppression
# (classify.verdict_hard), so it keeps undefined/undetermined (reason accepted) rather than
# suppress a mailbox that may exist or blame our side. Exim's 'Too many "Received" headers -
# suspected mail loop' reads network_error, transient, as vpopmail's "mail is looping" does
# (RFC 3463 X.4.6 "routing loop detected" is a network and routing status); the label,
# written before the first score, says mailer_error, recipient|undetermined: left as it is
# until the two loop readings are decided together.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("debian-exim-restricted-characters-exim.eml", "news!team@debian-kunde.example"): frozenset(
        {"party"}
    ),
    ("debian-exim-restricted-characters-two.eml", "info?sales@debian-kunde.example"): frozenset(
        {"party"}
    ),
    ("debian-exim-restricted-characters-two.eml", "vertrieb#nord@debian-kunde.example"): (
        frozenset({"party"})
    ),
    ("exim-space-shortage-expired-and-restricted.eml", "k.mayer&team@debian-kunde.example"): (
        frozenset({"party"})
    ),
    ("exim-too-many-received-headers.eml", "r.thiel@empfaenger-exim.example"): frozenset(
        {"party", "reason"}
    ),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"exim", "james", "gld", "postfix", "policyd-spf", "net-server-mail"})
    several = (2, 12)
    bounces = 37
    delays = 11


if __name__ == "__main__":
    print_scores(MANIFEST)
