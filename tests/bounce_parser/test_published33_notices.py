"""Japanese carriers' and ISPs' replies not yet carried, and two Japanese gateways' notices,
thirty-third batch (composed/published33.py, issue #14, judge72).

au's "550 <addr>: User unknown" to au.com and ezweb.ne.jp addresses and its 554 for a malformed
address, SoftBank's "550 Invalid recipient" and its 553 for our sender's domain, docomo's
"Unknown user" and "Too much mail data", in Exim's and Sendmail's notices, OCN's own Postfix
notice with its Japanese paragraphs and m-FILTER's Japanese failure notice (ISO-2022-JP);
MailGates' DMARC refusal, a cable ISP's "temporarily over quota." (delays and a final notice)
and megaegg's qmail texts. ``composed/manifest_published33.json`` labels every recipient from
the source's meaning, by the rule written in published33.py's docstring before the first score
(a carrier's reception filter refuses our mail and is never a dead address; docomo's "Unknown
user" after the data is either, never suppressed). The set was scored before any rule was
written for it (docs/bounces.md, "Unseen, before any fix" and the judge72 section).
``python -m tests.bounce_parser.test_published33_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published33.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# au's "554 <addr>: Relay access denied" for an address whose form is invalid reads
# no_relaying, the sender's, not suppressed, as in published7 (au-relay-denied-bad-address):
# the words are Postfix's relay refusal, and reading them as a dead address would be a change
# for one provider that no standard asks for. megaegg's qmail "(#5.1.1)" in a reply under
# Postfix's Status 5.0.0 and Sendmail's 5.2.0 (its smtptodsn mapping of a bare 550): the label
# is the Status field (the rule written before the first score); the parser reports the
# server's own code from the reply (classify.preferred_status, the project's rule for every
# set, as published22 keeps for chkuser's and qmail's "#5.x.x"). Reason, party and the
# suppress bit are right in both.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("au-relay-denied-bad-form-m-filter.eml", "e!ri@ezweb.ne.jp"): frozenset(
        {"hard", "party", "reason"}
    ),
    ("megaegg-no-mailbox-sendmail.eml", "y.yoshida@kaisha-rei.example.jp"): frozenset({"status"}),
    ("ocn-au-and-qmail-unknown-two.eml", "n.noda@kaisha-rei.example.jp"): frozenset({"status"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en", "ja"})
    engines = frozenset({"au", "softbank", "docomo", "ocn", "mailgates"})
    several = (2, 3)
    every_kind = True
    notices = 21
    bounces = 22
    delays = 2


if __name__ == "__main__":
    print_scores(MANIFEST)
