"""Mailing-list managers' replies and notices to a poster, forty-first batch
(composed/published41.py, issue #14, judge83).

ezmlm-idx's refusals as the list host's qmail returns them (ezmlm-checksub's "only subscribers
may post" and "told to reject your posts", ezmlm-reject's size, MIME type, To:/Cc: and
Mailing-List header refusals; one notice beside qmail-local's "no mailbox here by that name" for
a list that does not exist), and the list managers' own notices that fail no address: ezmlm's
post confirmation request and returned posts (moderator's refusal, timeout), GNU Mailman 2.1's
hold notices (five hold reasons) and its rejection of a non-member's post, LISTSERV's "postponed
because the list is held". ``composed/manifest_published41.json`` labels every recipient from
the source's meaning, by the rule written in published41.py's docstring before the first score:
only the list that does not exist is a dead address; every refusal is the sender's; a list
manager's own notice names no failed recipient. The set was scored before any rule was written
for it (docs/bounces.md, "Unseen, before any fix" and the judge83 section).
``python -m tests.bounce_parser.test_published41_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published41.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# ezmlm-reject writes "(#5.2.3)" on its refusal of a MIME type ("Sorry, I don't accept
# messages of MIME Content-Type '<type>'", "a message part has an unacceptable MIME
# Content-Type"); the status table reads RFC 3463's X.2.3, "message length exceeds
# administrative limit" (exceed_limit), and precedence.py rule 4 keeps a specific status over
# the text by design. The label, written before the first score, asked for a content reason;
# the party (sender) and the suppress bit (not suppressed) are right in both.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("ezmlm-reject-message-part-content-type.eml", "forum@liste.club-exemple.example"): (
        frozenset({"reason"})
    ),
    ("ezmlm-reject-mime-content-type.eml", "diskussion@lists.verein-beispiel.example"): (
        frozenset({"reason"})
    ),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"ezmlm", "mailman2", "listserv"})
    several = (2, 3)
    notices = 19
    bounces = 12
    every_kind = False
    delays = 0


if __name__ == "__main__":
    print_scores(MANIFEST)
