"""Mail gateways', groupware suites' and self-hosted mail stacks' own replies, read from their
source code and published pages, fifteenth batch (composed/published15.py, issue #14, judge51).

Proxmox Mail Gateway (pmgpolicy's greylisting "Service is unavailable (try later)" and its SPF
reject with Mail::SPF's default explanation inside Postfix's "Recipient address rejected:",
Postfix's address verification as PMG configures it: "undeliverable address: host ... said:",
"Recipient address lookup failed", "Address verification in progress", a probe that timed out;
its filter's "451 4.4.0 detected undelivered mail"), Zimbra's and Carbonio's LMTP refusals in
their own MTA's Postfix notice ("Server accepts messages only on TLS connection" under 4.2.2,
"Message rejected", "Permanent message delivery failure", "Service not available", "Syntax error
in recipient address"), Mailu's refusal of a sender in its own domains and its sending-rate
limit under 4.2.1, Google Workspace's SMTP relay limits and credentials as our smart host's
replies, also in Exchange NDRs with Spanish, Portuguese and French headings.
``composed/manifest_published15.json`` labels every recipient from the source's meaning, by
the rule written in published15.py's docstring before the first score. The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge51
section). ``python -m tests.bounce_parser.test_published15_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published15.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    # Zimbra's LMTP "451 4.2.2 Server accepts messages only on TLS connection" until expiry:
    # X.2.2 (mailbox full) read from the status, since a TLS requirement is read as the
    # refused client's (precedence rule 1: ours, when we are that client) and here the
    # refused client is the destination's own MTA; kept, never suppressed
    ("carbonio-message-rejected-and-tls.eml", "i.colombo@cliente-esempio.example"): frozenset(
        {"reason"}
    ),
    ("zimbra-syntax-and-tls-required.eml", "felix.braun@kunde-beispiel.example"): frozenset(
        {"reason"}
    ),
    ("zimbra-tls-required-expired.eml", "anna.weber@kunde-beispiel.example"): frozenset({"reason"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en", "es", "pt", "fr"})
    engines = frozenset({"pmg", "zimbra", "carbonio", "mailu", "gws-relay"})
    several = (2, 5)
    bounces = 30
    every_kind = True
    delays = 5


if __name__ == "__main__":
    print_scores(MANIFEST)
