"""Delay notices and "still trying" messages from servers and providers not yet carried, beside
their final failure notices, forty-sixth batch (composed/published46.py, issue #14, judge93).

Exchange 2010-2016's "Delivery is delayed to these recipients or groups" (plain and with its
report part) and its final NDR at the queue's end ("has stopped trying", QUEUE.Expired, one with
our IP on a block list in its last attempts), EveryCloud's notices in the same layout, Exchange
2003's "time limit specified", Gmail's "Delivery incomplete" and "Message not delivered" (with
their report part and as plain copies), Yahoo's TS01 deferral in our Postfix's failure notice
and delay warning, its TS03 "permanently deferred" in our Exim's delay warning, and
MailEnable's delay notice that names no recipient. ``composed/manifest_published46.json``
labels every recipient by the rule written in published46.py's docstring before the first
score: a delay notice's recipients are delays, never bounces; a final notice's by what its text
says, none of them a dead address (``every_kind`` stays off). The set was scored before any
rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge93 section).
``python -m tests.bounce_parser.test_published46_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published46.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"exchange", "everycloud", "gmail", "yahoo", "mailenable"})
    several = (2, 6)
    notices = 22
    bounces = 12
    delays = 13


if __name__ == "__main__":
    print_scores(MANIFEST)
