"""Providers' and gateways' published error texts, fifth batch (composed/published5.py, issue
#14, judge33).

US ISPs (Cox, AT&T/BellSouth, AOL, BlueTie), gateways (Baruwa, Barricade MX smtpf), Titan
Email, Chinese hosters' own codes, Czech hosters, Korean ISPs, Cisco's reputation greeting at a
Brazilian and a Swedish receiver and kei.pl's bilingual Polish qmail notices;
``composed/manifest_published5.json`` labels every recipient by construction from the
documented meaning. The set was scored before any rule was written for it (docs/bounces.md,
"Unseen, before any fix" and the judge33 section).
``python -m tests.bounce_parser.test_published5_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from bounce_parser.mail import view
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    entries,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published5.json"


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    delays = 4
    distinct_engines = 12
    languages = frozenset({"en", "pl"})
    several = (2, 10)


def test_the_set_holds_several_polish_notices() -> None:
    assert sum(e["lang"] == "pl" for e in entries(MANIFEST)) >= 2


if __name__ == "__main__":
    print_scores(MANIFEST)


def test_a_report_in_qmail_logs_form_is_read_as_the_report_it_stands_for() -> None:
    # kei.pl quotes qmail-send's log form: spaces as "_", line ends as "/". Only a line that
    # starts with "failure: " or "deferral: " and has no space after it is read that way.
    raw = (
        b"From: MAILER-DAEMON@mx.example\nTo: bounce@shop.example\nSubject: failure notice\n\n"
        b"<jan@pl.example>:\n"
        b"failure: 192.0.2.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_"
        b"Mailbox_not_found/Giving_up_on_192.0.2.25.\n"
        b"see https://help.example/a_b/c_d and failure: see_above now\n"
    )
    body = view(raw).body
    assert "failure: 192.0.2.25 does not like recipient.\nRemote host said: 550 5.1.1" in body
    assert "https://help.example/a_b/c_d and failure: see_above now" in body
