"""Reading and scoring the composed sets (``composed/manifest*.json``), for their test modules.

``test_composed`` (providers' replies), ``test_template_notices``, ``test_appliance_notices``,
``test_published_notices``, ``test_published3_notices`` to ``test_published9_notices`` and
``test_localized4_notices`` each check one manifest; the reading of a manifest, the parser's
failed recipients, the checks that compare them with the labels, what a set must cover and the
printed scores are the same for all and live here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest

from bounce_parser import Bounce, Kind, Reason, parse
from bounce_parser.report import BounceReport

COMPOSED = Path(__file__).resolve().parent / "composed"
NOT_BOUNCES = frozenset({Kind.DELAYED, Kind.AUTO_REPLY, Kind.RELAYED, Kind.EXPANDED})
NON_FAILURE = frozenset({Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK})


def entries(manifest: Path) -> list[dict[str, Any]]:
    return list(json.loads(manifest.read_text(encoding="utf-8"))["entries"])


def parse_set(manifest: Path) -> dict[str, BounceReport]:
    """Every notice of ``manifest`` as the parser reads it, by its path."""
    return {e["path"]: parse((COMPOSED / e["path"]).read_bytes()) for e in entries(manifest)}


def failures(report: BounceReport) -> dict[str, Bounce]:
    """The recipients the parser reports as failed (a delay or auto-reply has none)."""
    if report.kind in NOT_BOUNCES:
        return {}
    return {
        b.address.lower(): b
        for b in report.recipients
        if b.reason not in NON_FAILURE and not (b.status or "").startswith("2")
    }


def wrong_fields(want: dict[str, Any], bounce: Bounce | None) -> frozenset[str]:
    if bounce is None:
        return frozenset({"found"})
    wrong = set()
    if bounce.hard != want["hardbounce"]:
        wrong.add("hard")
    if want["status"] and bounce.status != want["status"]:
        wrong.add("status")
    if bounce.reason.value not in want["reason_accept"]:
        wrong.add("reason")
    if bounce.party.value not in want["party"].split("|"):
        wrong.add("party")
    return frozenset(wrong)


def disagreements(
    parsed: dict[str, BounceReport], manifest: Path
) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], frozenset[str]] = {}
    for entry in entries(manifest):
        got = failures(parsed[entry["path"]])
        for want in entry["expected"]:
            if want["kind"] != "bounce":
                continue
            wrong = wrong_fields(want, got.get(want["address"].lower()))
            if wrong:
                found[(entry["path"], want["address"])] = wrong
    return found


def score(parsed: dict[str, BounceReport], manifest: Path) -> dict[str, float]:
    """Recall, precision, suppress bit, stated status and reason over the labelled failures."""
    c = dict.fromkeys(("exp", "pred", "tp", "hard", "sden", "sok", "reason"), 0)
    for entry in entries(manifest):
        got = failures(parsed[entry["path"]])
        wanted = {x["address"].lower(): x for x in entry["expected"] if x["kind"] == "bounce"}
        c["exp"] += len(wanted)
        c["pred"] += len(got)
        for address, want in wanted.items():
            bounce = got.get(address)
            if bounce is None:
                continue
            c["tp"] += 1
            c["hard"] += bounce.hard == want["hardbounce"]
            c["reason"] += bounce.reason.value in want["reason_accept"]
            if want["status"]:
                c["sden"] += 1
                c["sok"] += bounce.status == want["status"]
    return {
        "recipients": c["exp"],
        "recall": c["tp"] / c["exp"],
        "precision": c["tp"] / max(c["pred"], 1),
        "suppress_bit": c["hard"] / max(c["tp"], 1),
        "status": c["sok"] / max(c["sden"], 1),
        "reason": c["reason"] / max(c["tp"], 1),
    }


def _read_failures(
    parsed: dict[str, BounceReport], manifest: Path
) -> list[tuple[str, dict[str, Any], Bounce]]:
    """(notice, label, failure) for every labelled recipient the parser reports as failed."""
    return [
        (entry["path"], want, bounce)
        for entry in entries(manifest)
        for want in entry["expected"]
        for bounce in [failures(parsed[entry["path"]]).get(want["address"].lower())]
        if bounce is not None
    ]


def good_addresses_suppressed(
    parsed: dict[str, BounceReport], manifest: Path
) -> list[tuple[str, str]]:
    """(notice, address) of every address read as dead that the label says is not."""
    return [
        (path, want["address"])
        for path, want, bounce in _read_failures(parsed, manifest)
        if bounce.hard and not want["hardbounce"]
    ]


def sender_failures_blamed(
    parsed: dict[str, BounceReport], manifest: Path
) -> list[tuple[str, str, str]]:
    """(notice, address, party) of every failure blamed on a recipient the label clears."""
    return [
        (path, want["address"], bounce.party.value)
        for path, want, bounce in _read_failures(parsed, manifest)
        if "recipient" not in want["party"].split("|") and bounce.party.value == "recipient"
    ]


def delay_notices(manifest: Path) -> list[dict[str, Any]]:
    """The entries of ``manifest`` that are delay notices."""
    return [e for e in entries(manifest) if any(x["kind"] == "delayed" for x in e["expected"])]


def taken_for_bounces(
    parsed: dict[str, BounceReport],
    notices: list[dict[str, Any]],
    kinds: frozenset[Kind] = frozenset({Kind.DELAYED}),
) -> list[str]:
    """The notices read as another kind than ``kinds`` or with a recipient to suppress."""
    return [
        e["path"]
        for e in notices
        if parsed[e["path"]].kind not in kinds or any(b.hard for b in parsed[e["path"]].recipients)
    ]


def unnamed_sources(manifest: Path) -> list[str]:
    """The notices whose file does not carry the source its manifest entry names."""
    return [
        e["path"]
        for e in entries(manifest)
        if f"X-Composed-Source: {e['source']}"
        not in (COMPOSED / e["path"]).read_text(encoding="utf-8")
    ]


def extra_addresses(parsed: dict[str, BounceReport], manifest: Path) -> dict[str, set[str]]:
    """Per notice, the addresses the parser reports that its label does not name."""
    extra = {}
    for entry in entries(manifest):
        labelled = {x["address"].lower() for x in entry["expected"]}
        found = {b.address.lower() for b in parsed[entry["path"]].recipients} - labelled
        if found:
            extra[entry["path"]] = found
    return extra


def party_score(parsed: dict[str, BounceReport], manifest: Path) -> float:
    """Whose fault, over the labelled failures the parser reports."""
    read = _read_failures(parsed, manifest)
    hits = sum(b.party.value in w["party"].split("|") for _, w, b in read if w["kind"] == "bounce")
    return hits / max(sum(w["kind"] == "bounce" for _, w, _ in read), 1)


def print_scores(manifest: Path) -> None:
    """The scores of ``manifest``'s set and every recipient read otherwise than labelled (what
    ``python -m tests.bounce_parser.test_<set>_notices`` prints)."""
    reports = parse_set(manifest)
    scores = {k: round(v, 3) for k, v in score(reports, manifest).items()}
    scores["party"] = round(party_score(reports, manifest), 3)
    print(json.dumps(scores))
    print("good addresses suppressed:", good_addresses_suppressed(reports, manifest))
    print("sender failures blamed:", sender_failures_blamed(reports, manifest))
    print("delays taken for bounces:", taken_for_bounces(reports, delay_notices(manifest)))
    for key, fields in sorted(disagreements(reports, manifest).items()):
        got = failures(reports[key[0]]).get(key[1].lower())
        seen = (got.reason.value, got.hard, got.party.value, got.status) if got else None
        print(*key, sorted(fields), seen)


class ComposedSetChecks:
    """The checks every composed set takes: a test class in the set's module subclasses this
    and names its manifest, the readings still wrong, the delay notices it holds and what it
    must cover (a new set's module is its docstring, this class's few names and
    ``print_scores`` under ``__main__``)."""

    manifest: ClassVar[Path]
    known_wrong: ClassVar[dict[tuple[str, str], frozenset[str]]] = {}
    """(notice, address) -> the fields the parser still reads otherwise than the label."""
    known_extra: ClassVar[dict[str, set[str]]] = {}
    """notice -> addresses the parser reports that the notice does not fail (never hard)."""
    known_suppressed: ClassVar[list[tuple[str, str]]] = []
    """(notice, address) of the good addresses the parser still suppresses, each in known_wrong."""
    delays: ClassVar[int]
    """How many delay notices the set holds."""
    notices: ClassVar[int] = 30
    """How many notices the set holds at least."""
    bounces: ClassVar[int] = 0
    """How many failed recipients its labels name at least."""
    languages: ClassVar[frozenset[str]] = frozenset()
    """Languages (``lang``) its notices must include."""
    engines: ClassVar[frozenset[str]] = frozenset()
    """Providers or software (``engine_id``) its notices must include."""
    distinct_engines: ClassVar[int] = 0
    """How many different ``engine_id`` at least."""
    several: ClassVar[tuple[int, int]] = (2, 0)
    """(n, m): at least m notices with n or more recipients each."""
    every_kind: ClassVar[bool] = False
    """Whether hard, soft sender-side and transient failures must all be labelled."""

    @pytest.fixture(scope="class")
    @classmethod
    def parsed(cls) -> dict[str, BounceReport]:
        return parse_set(cls.manifest)

    def test_every_recipient_is_read_as_labelled(self, parsed: dict[str, BounceReport]) -> None:
        # An entry of known_wrong that no longer disagrees fails here too: remove it with its fix.
        assert disagreements(parsed, self.manifest) == self.known_wrong

    def test_no_address_is_reported_that_the_notice_does_not_fail(
        self, parsed: dict[str, BounceReport]
    ) -> None:
        assert extra_addresses(parsed, self.manifest) == self.known_extra
        for path, addresses in self.known_extra.items():
            for bounce in parsed[path].recipients:
                if bounce.address.lower() in addresses:
                    assert not bounce.hard, bounce

    def test_no_good_address_is_suppressed_and_no_sender_failure_blamed(
        self, parsed: dict[str, BounceReport]
    ) -> None:
        assert good_addresses_suppressed(parsed, self.manifest) == self.known_suppressed
        assert sender_failures_blamed(parsed, self.manifest) == []

    def test_the_delay_notices_are_never_bounces(self, parsed: dict[str, BounceReport]) -> None:
        delays = delay_notices(self.manifest)
        assert len(delays) == self.delays
        assert taken_for_bounces(parsed, delays) == []

    def test_the_set_covers_what_it_names_and_names_each_source(self) -> None:
        found = entries(self.manifest)
        assert len(found) >= self.notices
        labels = [x for e in found for x in e["expected"] if x["kind"] == "bounce"]
        assert len(labels) >= self.bounces
        assert self.languages <= {e.get("lang") for e in found}
        assert self.engines <= {e.get("engine_id") for e in found}
        assert len({e.get("engine_id") for e in found}) >= self.distinct_engines
        recipients, notices = self.several
        assert sum(len(e["expected"]) >= recipients for e in found) >= notices
        if self.every_kind:
            assert any(x["hardbounce"] for x in labels)
            assert any(not x["hardbounce"] and x["party"] == "sender" for x in labels)
            assert any("transient" in x["party"].split("|") for x in labels)
        assert unnamed_sources(self.manifest) == []
