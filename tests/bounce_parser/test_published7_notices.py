"""Regional hosters', ISPs' and carriers' published error texts, seventh batch
(composed/published7.py, issue #14, judge39).

Sakura, InfoSphere, arena and goope (Japan), docomo and au (their documented replies, docomo's
"Unknown user" without a Status that cannot tell a missing address from a reception filter),
Netcore (India), RU-CENTER (Russia), FORPSI (Czech), Netbit (Brazil), Turkish hosters' quota
notices and a published Turkish list of 550/554 replies, ICDSoft's delay notice (Bulgaria);
``composed/manifest_published7.json`` labels every recipient by construction from the
documented meaning. The set was scored before any rule was written for it (docs/bounces.md,
"Unseen, before any fix" and the judge39 section).
``python -m tests.bounce_parser.test_published7_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published7.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# au documents "554 <addr>: Relay access denied" for an address of its own domain whose form is
# invalid (two @, a "!" in the account part): the address can never be delivered. The words are
# every server's relay refusal (Postfix's reject_unauth_destination), a sender-side group that
# comes first in text_rules.GROUPS; reading them as au's bad address would take a precedence
# change for one provider, which no standard asks for. Read as no_relaying, never suppressed.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("au-relay-denied-bad-address.eml", "ken!ji@ezweb.ne.jp"): frozenset(
        {"hard", "party", "reason"}
    ),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    delays = 4
    bounces = 30
    languages = frozenset({"ja", "ru", "pt", "tr", "cs"})
    engines = frozenset({"sakura", "docomo", "au", "nicru", "forpsi", "netbit", "netcore"})
    several = (2, 5)


if __name__ == "__main__":
    print_scores(MANIFEST)
