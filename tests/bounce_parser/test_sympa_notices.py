"""What Sympa 6.2.70 (Debian: sympa) and the list host's Postfix send back to a poster
(tests/support/sympa_bed.py), stored in real_list_sympa/ with the manifest that labels them by
construction. Unlike mlmmj and Mailman, Sympa writes real delivery status notifications
(RFC 3464, Sympa.pm ``send_dsn``, mail_tt2/delivery_status_notification.tt2) for a post it
will not distribute: a list that does not exist (5.1.1, the one that condemns the address),
a non-subscriber's post to a closed list (5.7.1), a post over the list's size limit (5.2.3),
a post whose first line is a command (5.6.0), a message to the command address with no
command (5.6.1); and a success report (2.1.5, ``Action: delivered``) when a moderator
distributes a held post. Its other texts are a service's answers (RFC 3834): the hold notice,
the confirmation requests, the command reports, the virus notice (your_infected_msg.tt2), the
moderator's request and report, the list's copy of a post. The list host's Postfix refusing
an address at RCPT is the MTA's contrast. The three poster's DSNs and the hold notice also in
de, fr, es, it, ja, ru, zh-CN (the list's ``lang``; the catalogues Debian ships).

The default suite checks the stored notices written by the real Sympa during a run of the
bed; the live run (1 to 3.5 min by the load: creating 34 lists with Sympa's command line takes
most of it) is marked slow.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import SUCCESS_ACTIONS, Kind, Party, parse
from tests.bounce_parser.real_notices import (
    check_failed,
    check_stored_set,
    entries_by,
    read_manifest,
    run_live,
)
from tests.support import sympa_bed

STORED = Path(__file__).parent / "real_list_sympa"
MANIFEST = read_manifest(STORED)
ENTRIES = entries_by(MANIFEST)


def check_notice(raw: bytes, entry: dict[str, Any]) -> None:
    """A bounce read as its labels say; any other text read as no failure: no failed
    recipient (a success report names its recipient as delivered: not a bounce)."""
    if entry["bounce"]:
        check_failed(raw, entry)
        return
    report = parse(raw)
    assert report.kind not in (Kind.FAILED, Kind.UNPARSED, Kind.DELAYED), (entry, report)
    failed = [r for r in report.recipients if r.action not in SUCCESS_ACTIONS]
    assert not [r for r in failed if r.action == "failed" or r.suppresses], report


def stored(name: str) -> EmailMessage:
    raw = (STORED / f"{name}.eml").read_bytes()
    mail = message_from_bytes(raw, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    return mail


def test_the_stored_set_has_one_labelled_notice_per_scenario() -> None:
    check_stored_set(MANIFEST, sympa_bed.scenarios(), sympa_bed.entry)
    assert sum(e["bounce"] for e in ENTRIES.values()) == 6 + 3 * len(sympa_bed.LANGUAGES)
    assert sum(not e["bounce"] for e in ENTRIES.values()) == 12 + len(sympa_bed.LANGUAGES)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check_notice((STORED / entry["path"]).read_bytes(), entry)


SYMPA_DSNS = {
    "unknown_list": ("5.1.1", "List unknown"),
    "nonsubscriber_rejected": ("5.7.1", "Message distribution: Authorization denied"),
    "too_big": ("5.2.3", "Too large message"),
    "command_in_post": ("5.6.0", "Message distribution: User error"),
    "no_command_found": ("5.6.1", "Results of your commands"),
    "distributed_post_delivered": ("2.1.5", "Message was successfully delivered"),
}


@pytest.mark.parametrize("name", sorted(SYMPA_DSNS))
def test_sympa_writes_a_report_naming_the_list_address_with_its_status(name: str) -> None:
    # What the labels rest on (delivery_status_notification.tt2): multipart/report with
    # Reporting-MTA the list domain, Final-Recipient the address posted to, Action "failed"
    # (or "delivered" for 2.x), Sympa's status and an "X-Sympa;" Diagnostic-Code; sent to
    # the post's envelope sender (Sympa.pm send_dsn; the success report to its header From,
    # Spindle/ProcessModeration.pm), from <sympa-request@>, marked Auto-Submitted:
    # auto-replied (RFC 3834)
    status, subject = SYMPA_DSNS[name]
    mail = stored(name)
    assert mail.get_content_type() == "multipart/report"
    assert mail["Subject"] == subject
    poster = name.removesuffix("_delivered")
    to = sympa_bed.author_of(poster) if poster != name else sympa_bed.sender_of(name)
    assert mail["To"] == to
    assert mail["Auto-Submitted"] == "auto-replied"
    raw = (STORED / f"{name}.eml").read_bytes()
    assert f"Status: {status}".encode() in raw
    assert b"Reporting-MTA: dns; lists.test" in raw
    assert b"Diagnostic-Code: X-Sympa;" in raw
    action = b"delivered" if status.startswith("2.") else b"failed"
    assert b"Action: " + action in raw


def test_only_the_unknown_list_and_the_refused_address_condemn_what_we_sent_to() -> None:
    # A closed list, a size limit, a command in a post, a message with no command: the
    # poster's side (RFC 3463 X.7.1, X.2.3, X.6.x), never the recipient's fault
    for name, entry in ENTRIES.items():
        if not entry["bounce"]:
            continue
        (got,) = parse((STORED / f"{name}.eml").read_bytes()).recipients
        condemned = name in ("unknown_list", "rcpt_refused")
        assert got.suppresses is condemned, (name, got)
        assert (got.party is Party.RECIPIENT) is condemned, (name, got)


def test_sympas_answers_mark_themselves_and_the_lists_post_does_not() -> None:
    # Sympa marks each text it writes Auto-Submitted (auto-replied for the texts about a
    # post, auto-generated for a command report and the moderator's request); the list's
    # copy of a post carries none, but the list's List-Id (RFC 2919)
    for name, entry in ENTRIES.items():
        if entry["bounce"] or name == "distributed_post_delivered":
            continue
        mark = stored(name)["Auto-Submitted"]
        if name == "member_post":
            assert mark is None, name
        else:
            assert mark in ("auto-replied", "auto-generated"), name
    assert stored("member_post")["List-Id"] == "<open.lists.test>"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_live(tmp_path_factory, sympa_bed.missing(), "sympa-bed", sympa_bed.generate)


@pytest.mark.slow
def test_the_live_bed(live: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in sympa_bed.scenarios()}, manifest["log"]
    for entry in manifest["entries"]:
        assert entry == ENTRIES[entry["scenario"]]
        check_notice((out / entry["path"]).read_bytes(), entry)
