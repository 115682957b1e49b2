"""Notices in languages not yet carried, thirty-first batch (composed/published31.py, issue #14,
judge70).

Sympa's own delivery status notifications as its shipped catalogues write them in Greek,
Finnish, Korean, Vietnamese, Czech and Turkish (a list that does not exist, 5.1.1; a post over
the list's size limit, 5.2.3; a non-subscriber's post to a closed list, 5.7.1; the sentences a
catalogue does not translate in English, as Sympa writes them), Sympa's hold notice in Greek and
Vietnamese and Mailman 3's notices in Czech and Turkish (a post held, rejected or refused; a
member disabled for bounces) that fail no address, Naver's current "550 5.1.1 No such user ...
newmail10 ... nsmtp" in our Postfix's (two recipients), Exim's and Sendmail's notices, and two
delay warnings (our Postfix's, our Exim's) for list hosts that greylist with sqlgrey's default.
``composed/manifest_published31.json`` labels every recipient from its writer's documented
meaning, by the rule written in published31.py's docstring before the first score. The set was
scored before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the
judge70 section). ``python -m tests.bounce_parser.test_published31_notices`` prints the scores
and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published31.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}

# Sympa's hold notice (Auto-Submitted: auto-replied, no delivery-status part) is read as an
# RFC 3834 answer naming its sender, sympa@<list host>, as the replying address (kind
# auto_reply, reason vacation, never suppressed), as test_published19_notices.py and
# test_sympa_notices.py accept the same notice in the other languages; the label says no address
# of ours failed, which holds.
KNOWN_EXTRA: dict[str, set[str]] = {
    f"sympa-{lang}-held-for-moderation.eml": {f"sympa@{host}"}
    for lang, host in (
        ("el", "listes.syllogos-paradeigma.example"),
        ("vi", "hopthu.hiephoi-vidu.example"),
    )
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    known_extra = KNOWN_EXTRA
    languages = frozenset({"el", "fi", "ko", "vi", "cs", "tr"})
    engines = frozenset({"sympa", "mailman", "naver", "sqlgrey"})
    notices = 28
    several = (2, 2)
    bounces = 18
    every_kind = False
    delays = 2


if __name__ == "__main__":
    print_scores(MANIFEST)
