"""Languages with no phrase table yet, nineteenth batch (composed/published19.py, issue #14,
judge57).

Sympa's own delivery status notifications as its shipped catalogues write them in Hungarian,
Estonian, Basque, Galician and Romanian (a list that does not exist, 5.1.1; a post over the
list's size limit, 5.2.3; a non-subscriber's post to a closed list, 5.7.1; the sentences a
catalogue does not translate in English, as Sympa writes them), a Hungarian organisation's
Exchange 2010 NDR ("Létrehozó kiszolgáló:", RESOLVER.ADR.ExRecipNotFound for one and two
recipients), UPC Hungary's "sender rejected" under Exchange's prose that blames the recipient's
address (alone, and beside an unknown recipient under the Hungarian heading), three delay
notices of our Postfix for a list host that greylists, and nine notices that fail no address:
Sympa's hold notice in hu, et, eu, gl, Mailman 3's hold, rejection and refusal notices to a
poster in Hebrew and its owner's notice of a member disabled for bounces (the member's bounce
attached) in Hungarian. ``composed/manifest_published19.json``
labels every recipient from its writer's documented meaning, by the rule written in
published19.py's docstring before the first score. The set was scored before any rule was
written for it (docs/bounces.md, "Unseen, before any fix" and the judge57 section).
``python -m tests.bounce_parser.test_published19_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published19.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}

# Sympa's hold notice (Auto-Submitted: auto-replied, no delivery-status part) is read as an
# RFC 3834 answer naming its sender, sympa@<list host>, as the replying address (kind
# auto_reply, reason vacation, never suppressed), as test_sympa_notices.py accepts the same
# notice in the other languages; the label says no address of ours failed, which holds.
KNOWN_EXTRA: dict[str, set[str]] = {
    f"sympa-{lang}-held-for-moderation.eml": {f"sympa@{host}"}
    for lang, host in (
        ("hu", "listak.egyesulet-pelda.example"),
        ("et", "listid.uhing-naide.example"),
        ("eu", "zerrendak.elkartea-adibide.example"),
        ("gl", "listas.asociacion-exemplo.example"),
    )
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    known_extra = KNOWN_EXTRA
    languages = frozenset({"hu", "et", "eu", "gl", "ro", "he"})
    engines = frozenset({"sympa", "mailman", "exchange", "upc-hu", "postgrey"})
    notices = 31
    several = (2, 3)
    bounces = 21
    every_kind = False
    delays = 3


if __name__ == "__main__":
    print_scores(MANIFEST)
