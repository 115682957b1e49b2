"""What a real mailing-list manager sends back to a poster (tests/support/list_bed.py): mlmmj
1.3.0 behind Postfix 3.7's pipe(8), its listtexts in the 11 languages Debian ships
(text.skel/<language>/deny-post for a post refused as from a non-subscriber, by an access
rule, as too big; wait-post for a post held for moderation; confirm for a subscription
request), the post itself as the list sends it to a subscribed poster, and the owner's
notice (notify) that a dead subscriber was unsubscribed; stored in real_list_postfix/ with
the manifest that labels them by construction: none of them is a bounce or names a dead
address of ours. Postfix's error(8) bounce for an address of the list domain that is no list
is the contrast that must be read as one. The bed runs again live where mlmmj and Postfix are
installed and the test runs as root (English only, about 7 s, in the default suite; every
language marked slow).
"""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Kind, parse
from bounce_parser.forward import forwarded_notice
from bounce_parser.mail import load
from bounce_parser.notice import is_system_notice, reads_like_notice
from tests.bounce_parser.real_notices import check_failed, entries_by, read_manifest, run_live
from tests.support import list_bed

STORED = Path(__file__).parent / "real_list_postfix"
MANIFEST = read_manifest(STORED)
ENTRIES = entries_by(MANIFEST)


def check_notice(raw: bytes, entry: dict[str, Any]) -> None:
    """A bounce read as its labels say; a list manager's text read as no failure and naming
    no failed recipient (the relay records nothing of it: relay/bounce/recorder.py)."""
    if entry["bounce"]:
        check_failed(raw, entry)
        return
    report = parse(raw)
    assert report.kind in (Kind.NOT_BOUNCE, Kind.AUTO_REPLY), (entry["scenario"], report)
    assert report.recipients == ()


def test_the_stored_set_has_one_labelled_notice_per_scenario_mlmmj_answers() -> None:
    assert MANIFEST["error"] is None
    scenarios = list_bed.scenarios()
    assert MANIFEST["notices"] == {s.name: 0 if s.text == list_bed.NONE else 1 for s in scenarios}
    for scenario in scenarios:
        if scenario.text != list_bed.NONE:
            path = f"{scenario.name}.eml"
            assert ENTRIES[scenario.name] == list_bed.entry(scenario, path)
    assert sum(not e["bounce"] for e in ENTRIES.values()) == 60


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check_notice((STORED / entry["path"]).read_bytes(), entry)


def test_mlmmj_marks_its_texts_with_no_header_of_a_responder_or_a_list() -> None:
    # What the fix the task proposed would have rested on is not there: mlmmj 1.3.0 writes
    # neither Auto-Submitted (RFC 3834) nor any List-* field (RFC 2369) on the texts it sends
    # a poster; Postfix's bounce carries Auto-Submitted: auto-replied.
    for name, entry in ENTRIES.items():
        mail = message_from_bytes((STORED / entry["path"]).read_bytes())
        fields = {k.lower() for k in mail}
        if entry["bounce"]:
            assert mail["Auto-Submitted"] == "auto-replied", name
            continue
        assert "auto-submitted" not in fields, name
        assert not any(f.startswith("list-") for f in fields), name


def test_where_mlmmj_sends_each_text() -> None:
    # deny-post and confirm to the header From (the poster, the subscriber); wait-post "to the
    # poster (based on the envelope from)" (TUNABLES, notifymod); notify to the owner
    to = {
        name: message_from_bytes((STORED / e["path"]).read_bytes())["To"]
        for name, e in ENTRIES.items()
    }
    assert to["not_subscribed"] == list_bed.author_of("not_subscribed")
    assert to["too_big_de"] == list_bed.author_of("too_big_de")
    assert to["confirm_subscribe"] == list_bed.author_of("confirm_subscribe")
    assert to["moderated"] == list_bed.sender_of("moderated")
    assert to["dead_subscriber"] == "lively+owner@lists.test"


@pytest.fixture(scope="module")
def live_english(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once with its English lists only (about 7 s)."""
    return run_live(
        tmp_path_factory,
        list_bed.missing(),
        "list-bed-en",
        lambda out: list_bed.generate(out, translated=False),
    )


@pytest.fixture(scope="module")
def live_every_language(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_live(tmp_path_factory, list_bed.missing(), "list-bed-all", list_bed.generate)


def _check_live(out: Path, manifest: dict[str, Any], translated: bool) -> None:
    assert manifest["error"] is None, manifest["log"]
    expected = {s.name: 0 if s.text == list_bed.NONE else 1 for s in list_bed.scenarios(translated)}
    assert manifest["notices"] == expected, manifest["log"]
    for entry in manifest["entries"]:
        assert entry == ENTRIES[entry["scenario"]]  # the stored notice's labels
        check_notice((out / entry["path"]).read_bytes(), entry)


def test_the_live_bed_in_english(live_english: tuple[Path, dict[str, Any]]) -> None:
    _check_live(*live_english, translated=False)


@pytest.mark.slow
def test_the_live_bed_in_every_language(live_every_language: tuple[Path, dict[str, Any]]) -> None:
    _check_live(*live_every_language, translated=True)


PARCELS = ("held_parcel_notice", "denied_parcel_notice")


@pytest.mark.parametrize("name", PARCELS)
def test_a_list_texts_subject_is_judged_without_the_posts_subject_it_quotes(name: str) -> None:
    # "Awaiting release to <list>: Delivery status of your order 4711" (wait-post), "Post to
    # <list> denied: ..." (deny-post): the words after the colon are the post's, quoted; the
    # Postfix bounce's own subject still marks a mail system's notice
    mail = load((STORED / f"{name}.eml").read_bytes())
    assert mail is not None
    assert "delivery status" in mail.header("subject").lower()
    assert not is_system_notice(mail)
    bounce = load((STORED / "postfix_unknown_list.eml").read_bytes())
    assert bounce is not None
    assert is_system_notice(bounce)


@pytest.mark.parametrize("name", PARCELS)
def test_the_post_a_list_text_quotes_is_no_forwarded_notice(name: str) -> None:
    # the post under message/rfc822 reads like a notice by its words ("could not be
    # delivered today"); the list's text names its writer (and deny-post is sent to them)
    mail = load((STORED / f"{name}.eml").read_bytes())
    assert mail is not None
    assert mail.returned_raw is not None
    attached = load(mail.returned_raw)
    assert attached is not None
    assert reads_like_notice(attached)
    assert forwarded_notice(mail) is None


def test_the_same_post_forwarded_by_someone_else_is_still_unwrapped() -> None:
    # the contrast: a person who is not its writer forwards it as an attachment, saying
    # nothing of who wrote it: judged as what it reads like, as before
    mail = load((STORED / "held_parcel_notice.eml").read_bytes())
    assert mail is not None
    assert mail.returned_raw is not None
    forward = EmailMessage()
    forward["From"] = "Kim <kim@elsewhere.test>"
    forward["To"] = "bounces@sender.test"
    forward["Subject"] = "Fwd: Delivery status of your order 4711"
    forward.set_content("See the attached message.\n")
    forward.add_attachment(message_from_bytes(mail.returned_raw))
    outer = load(forward.as_bytes())
    assert outer is not None
    assert forwarded_notice(outer) is not None
