"""What GNU Mailman 3.3.8 (Debian: mailman3) sends back to a poster and to a list's owner
(tests/support/mailman_bed.py): the hold notice (non-member, moderated member, post too big),
the rejection (non-member, by a moderator), the subscription confirmation request, the post
as the list sends it to a member, and the owner's notices (a held post to approve; a member's
delivery disabled, or its bounce score raised, by Mailman's bounce processing, the member's
Postfix bounce attached), in English, German, French, Spanish, Italian and Korean, stored in
real_list_mailman/ with the manifest that labels them by construction: none is a bounce or
names a dead address of ours. Two real failures are the contrast: a list that does not exist,
refused by Mailman's LMTP runner and bounced by Postfix, and an address of the list domain
Postfix bounces itself.

The default suite checks the stored notices, written by the real Mailman during a run of the
bed; the live runs (English only: 20 to 45 s, Mailman's runners take 7 to 20 s to start here
by the load; every language: 40 to 65 s) are marked slow.
"""

from __future__ import annotations

from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Kind, parse
from tests.bounce_parser.real_notices import check_failed, entries_by, read_manifest, run_live
from tests.support import mailman_bed

STORED = Path(__file__).parent / "real_list_mailman"
MANIFEST = read_manifest(STORED)
ENTRIES = entries_by(MANIFEST)
OWNERS = ("dead_member_disabled", "dead_member_counted", "owner_asked_to_approve")


def check_notice(raw: bytes, entry: dict[str, Any]) -> None:
    """A bounce read as its labels say; a list manager's text read as no failure and naming
    no failed recipient (the relay records nothing of it: relay/bounce/recorder.py)."""
    if entry["bounce"]:
        check_failed(raw, entry)
        return
    report = parse(raw)
    assert report.kind in (Kind.NOT_BOUNCE, Kind.AUTO_REPLY), (entry["scenario"], report)
    assert report.recipients == ()


def stored(name: str) -> Message:
    return message_from_bytes((STORED / f"{name}.eml").read_bytes())


def test_the_stored_set_has_one_labelled_notice_per_scenario_mailman_answers() -> None:
    assert MANIFEST["error"] is None
    scenarios = mailman_bed.scenarios()
    answered = {s.name: 0 if s.text == mailman_bed.NONE else 1 for s in scenarios}
    assert MANIFEST["notices"] == answered
    for scenario in scenarios:
        if scenario.text != mailman_bed.NONE:
            assert ENTRIES[scenario.name] == mailman_bed.entry(scenario, f"{scenario.name}.eml")
    assert sum(not e["bounce"] for e in ENTRIES.values()) == 40
    assert sum(e["bounce"] for e in ENTRIES.values()) == 2


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check_notice((STORED / entry["path"]).read_bytes(), entry)


def test_mailman_marks_every_text_with_its_list_and_postfix_its_bounces_with_none() -> None:
    # What the fix rests on: Mailman writes RFC 2919's List-Id (and RFC 2369's List-Help,
    # List-Owner, List-Subscribe, List-Unsubscribe) on every text it sends, its own notices
    # (mailman/email/message.py UserNotification, OwnerNotification) as well as a post;
    # Postfix's bounces carry none, and are multipart/report (RFC 3464)
    for name, entry in ENTRIES.items():
        mail = stored(name)
        if entry["bounce"]:
            assert mail["List-Id"] is None, name
            assert mail.get_content_type() == "multipart/report", name
            continue
        assert mail["List-Id"] is not None, name
        assert mail["List-Owner"] is not None, name
        assert mail.get_content_type() != "multipart/report", name


def test_who_mailman_sends_each_text_to() -> None:
    # The poster's texts to the header From (sender_headers: "from from_ reply-to sender"),
    # the owner's to <list>-owner@, delivered to the owner through the LMTP runner, or to the
    # owner directly (the bounce processing's OwnerNotification)
    to = {name: stored(name)["To"] for name in ENTRIES}
    for name in ("nonmember_held", "too_big_de", "moderator_rejected_ko", "confirm_subscribe"):
        assert to[name] == mailman_bed.author_of(name)
    assert to["owner_asked_to_approve"] == "owned-owner@lists.test"
    assert to["dead_member_disabled"] == "lively-owner@lists.test"


@pytest.mark.parametrize("name", [n for n in ENTRIES if n.startswith("dead_member")])
def test_the_owners_bounce_notice_carries_the_members_bounce_and_names_no_failure(
    name: str,
) -> None:
    # Mailman attaches the member's bounce as it came (send_admin_disable_notice and
    # send_admin_increment_notice in mailman/app/bounces.py): a Postfix DSN whose failed
    # recipient is the dead member, about the list's copy, not about our post
    parts = [p for p in stored(name).walk() if p.get_content_type() == "message/rfc822"]
    (bounce,) = parts[0].get_payload()  # then the list's copy the DSN returns, in it
    assert isinstance(bounce, Message)
    assert bounce.get_content_type() == "multipart/report"
    assert b"Status: 5.1.1" in (STORED / f"{name}.eml").read_bytes()
    assert parse((STORED / f"{name}.eml").read_bytes()).recipients == ()


def test_a_delivery_report_that_carries_a_list_id_is_still_read_as_one() -> None:
    # The report (RFC 3464) is the writer's own statement of what failed: a List-Id beside it
    # does not make it a list's text
    raw = (STORED / "postfix_unknown_list.eml").read_bytes()
    marked = b"List-Id: <hold.lists.test>\r\n" + raw
    check_failed(marked, ENTRIES["postfix_unknown_list"])


@pytest.fixture(scope="module")
def live_english(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_live(
        tmp_path_factory,
        mailman_bed.missing(),
        "mailman-bed-en",
        lambda out: mailman_bed.generate(out, translated=False),
    )


@pytest.fixture(scope="module")
def live_every_language(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_live(
        tmp_path_factory, mailman_bed.missing(), "mailman-bed-all", mailman_bed.generate
    )


def _check_live(out: Path, manifest: dict[str, Any], translated: bool) -> None:
    assert manifest["error"] is None, manifest["log"]
    expected = {
        s.name: 0 if s.text == mailman_bed.NONE else 1 for s in mailman_bed.scenarios(translated)
    }
    assert manifest["notices"] == expected, manifest["log"]
    for entry in manifest["entries"]:
        assert entry == ENTRIES[entry["scenario"]]  # the stored notice's labels
        check_notice((out / entry["path"]).read_bytes(), entry)


@pytest.mark.slow
def test_the_live_bed_in_english(live_english: tuple[Path, dict[str, Any]]) -> None:
    _check_live(*live_english, translated=False)


@pytest.mark.slow
def test_the_live_bed_in_every_language(live_every_language: tuple[Path, dict[str, Any]]) -> None:
    _check_live(*live_every_language, translated=True)
