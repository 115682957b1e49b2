"""Anti-spam proxies', qmail add-ons' and filters' own reply texts, read from their source code,
twenty-second batch (composed/published22.py, issue #14, judge61).

spamdyke's rejections (a recipient that does not exist, that is not accepting mail right now or
takes no mail at all; our IP on an RBL, no reverse DNS as a delay and until expiry, a banned
keyword in it, greylisting, our sender address blacklisted, our content blocked, too many
recipients), rblsmtpd's and qmail-smtpd's rbl replies (Spamhaus's lookup URL after 451 and 553,
"temporary RBL lookup error"), chkuser's (no valid MX for OUR sender domain under a #5.1.1 and a
5.1.8 code, "violating our security policies", the recipients limit, its resource and DNS
failures), simscan's virus, spam and attachment refusals and qmail's "qq permanent problem",
milter-greylist's greylisting, postscreen's "Service currently unavailable" (450 and 550), "too
many connections" and "Protocol error", ASSP's reply defaults, rmilter's SPF refusal, and
vpopmail's vdelivermail in the destination's own qmail-send notice (a locked account, a full
mailbox, a loop, a maildir it could not create).
``composed/manifest_published22.json`` labels every recipient from the software's source, by the
rule written in published22.py's docstring before the first score. The set was scored before any
rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge61 section).
``python -m tests.bounce_parser.test_published22_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published22.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    # chkuser 2.0.8 and qmail write their enhanced code in qmail's "(#5.1.1 ...)" form after the
    # words, not right after the reply code, so Postfix's notice states 5.0.0 (the label: the
    # status the notice states); the parser takes the server's own code from the reply beside a
    # Status of X.0.0 (classify.preferred_status, a rule of the project kept for every set, as
    # for published18's Barracuda "cuda_nsu 5.1.1"). Reason, party and the suppress bit are right.
    ("chkuser-no-mx-for-sender-domain.eml", "otto.keller@qmail-kunde.example"): frozenset(
        {"status"}
    ),
    ("qmail-qq-permanent-problem.eml", "zora.hein@qmail-kunde.example"): frozenset({"status"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset(
        {
            "spamdyke",
            "rblsmtpd",
            "chkuser",
            "simscan",
            "qmail",
            "milter-greylist",
            "postscreen",
            "assp",
            "rmilter",
            "vpopmail",
        }
    )
    several = (2, 11)
    bounces = 41
    every_kind = True
    delays = 9


if __name__ == "__main__":
    print_scores(MANIFEST)
