"""Reading the notices real MTAs wrote during the real-server beds' runs (tests/bounce_parser/
real_*/): the manifest that labels them, the failed recipients of one notice by address, and
one notice checked against its entry's labels."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Callable, Iterable, Mapping
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest

from bounce_parser import Bounce, Kind, Party, parse


def read_manifest(directory: Path) -> dict[str, Any]:
    """``directory/manifest.json``, as a bed wrote it."""
    loaded: dict[str, Any] = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return loaded


def entries_by(manifest: dict[str, Any], key: str = "scenario") -> dict[str, dict[str, Any]]:
    """The manifest's entries by their ``key`` (the scenario's name, or the notice's path)."""
    return {e[key]: e for e in manifest["entries"]}


class WriterSets:
    """A bed's stored sets, one per writer of its notices: ``<prefix>_<writer>/`` beside the
    tests, each with the manifest that labels it."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def stored(self, writer: str) -> tuple[Path, dict[str, Any]]:
        directory = Path(__file__).parent / f"{self.prefix}_{writer}"
        return directory, read_manifest(directory)

    def entries(self, writer: str) -> dict[str, dict[str, Any]]:
        return entries_by(self.stored(writer)[1])

    def only(self, writer: str, scenario: str) -> Bounce:
        """The one recipient the parser reads in ``scenario``'s stored notice by ``writer``."""
        (bounce,) = parse((self.stored(writer)[0] / f"{scenario}.eml").read_bytes()).recipients
        return bounce


def failed_recipients(path: Path) -> dict[str, Bounce]:
    """The recipients of the notice at ``path``, which must read as a failure notice."""
    return failed_in(path.read_bytes())


def failed_in(raw: bytes, fold_case: bool = True) -> dict[str, Bounce]:
    """The recipients of the notice ``raw``, which must read as a failure notice, by address
    (lower-cased unless ``fold_case`` is False)."""
    report = parse(raw)
    assert report.kind is Kind.FAILED
    return {(b.address.lower() if fold_case else b.address): b for b in report.recipients}


def check_failed(
    raw: bytes,
    entry: dict[str, Any],
    *,
    fold_case: bool = True,
    any_party: bool = False,
    status_stated: bool = True,
) -> None:
    """The parser's report on the failure notice ``raw`` against the entry's labels, every
    field at once: the failed recipients exactly, then each one's suppress bit, permanence,
    party (``party``, or one of ``party_accept`` with ``any_party``), reason, status (only
    where one is labelled unless ``status_stated``) and reply code where one is labelled."""
    found = failed_in(raw, fold_case)
    assert sorted(found) == sorted(e["address"] for e in entry["expected"])
    for want in entry["expected"]:
        got = found[want["address"]]
        assert got.suppresses is want["hardbounce"], got
        assert got.permanent is want["permanent"], got
        if any_party:
            assert got.party in {Party(p) for p in want["party_accept"]}, got
        else:
            assert got.party is Party(want["party"]), got
        assert got.reason.value in want["reason_accept"], got
        if status_stated or want["status"]:
            assert got.status == want["status"], got
        if want["reply_code"]:
            assert got.reply_code == int(want["reply_code"]), got


def run_live(
    factory: pytest.TempPathFactory,
    why: str | None,
    name: str,
    generate: Callable[[Path], dict[str, Any]],
) -> tuple[Path, dict[str, Any]]:
    """A bed run once into a fresh directory ``name``: the directory and the manifest the bed
    wrote there; the test is skipped with ``why`` where the bed cannot run."""
    if why is not None:
        pytest.skip(why)
    out = factory.mktemp(name)
    return out, generate(out)


def check_stored_set(
    manifest: dict[str, Any], scenarios: Iterable[Any], entry: Callable[[Any, str], Any]
) -> None:
    """A stored set holds one notice per scenario of its bed, written without error, and each
    labelled as the bed labels that scenario now (``entry(scenario, file name)``)."""
    scenarios = list(scenarios)
    names = [s.name for s in scenarios]
    found = entries_by(manifest)
    assert set(found) == set(names)
    assert manifest["notices"] == dict.fromkeys(names, 1)
    assert manifest["error"] is None
    for scenario in scenarios:
        assert found[scenario.name] == entry(scenario, f"{scenario.name}.eml")


def writer_cases(
    writers: Iterable[str], names: Callable[[str], Iterable[str]], known: Mapping[str, str]
) -> list[Any]:
    """``(writer, name)`` for each writer's scenarios in order of name; those in ``known``
    marked as failures that must stay failures (strict xfail, ``known[name]`` the reason)."""
    return [
        pytest.param(writer, name, marks=pytest.mark.xfail(reason=known[name], strict=True))
        if name in known
        else (writer, name)
        for writer in writers
        for name in sorted(names(writer))
    ]


def check_live_entries(
    out: Path, manifest: dict[str, Any], stored: Mapping[str, Any], failing: Iterable[str]
) -> None:
    """Every notice of a live run labelled as its stored twin (``stored`` by scenario), and
    read right except exactly the scenarios in ``failing``."""
    wrong = []
    for entry in manifest["entries"]:
        assert entry == stored[entry["scenario"]]  # the stored notice's labels
        try:
            check_failed((out / entry["path"]).read_bytes(), entry)
        except AssertionError:
            wrong.append(entry["scenario"])
    assert sorted(wrong) == sorted(failing), manifest["log"]


def only_dead_addresses_suppressed(
    directory: Path, scenarios: Iterable[Any], dead: tuple[str, ...]
) -> None:
    """No notice of the set at ``directory`` makes a good address the recipient's fault or
    suppresses it: only the addresses whose local part opens with one of ``dead`` may be."""
    for scenario in scenarios:
        report = parse((directory / f"{scenario.name}.eml").read_bytes())
        for bounce in report.recipients:
            if not bounce.address.startswith(dead):
                assert bounce.party is not Party.RECIPIENT, (scenario.name, bounce)
                assert not bounce.suppresses, (scenario.name, bounce)


def flat(raw: bytes) -> bytes:
    """``raw`` with every run of white space made one space: the writers fold or wrap a long
    reply where each likes."""
    return b" ".join(raw.split())


def text_alone(raw: bytes) -> bytes:
    """The notice with only its From, Subject and first text/plain part: as a forwarder or
    a server that writes no report part leaves it (bench/score_text_only.py's reading)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert isinstance(text, EmailMessage)
    alone = EmailMessage()
    alone["From"] = message["From"]
    alone["Subject"] = message["Subject"]
    alone.set_content(text.get_content())
    return alone.as_bytes()


class BedChecks:
    """The checks every real-server bed's stored sets take, one set per writer of its notices,
    and its live run: a test class in the bed's module subclasses this and names the bed.

    Each test that takes ``writer`` runs once per writer of the bed; ``live_writer`` once per
    writer too, the live run in the default suite only for the writers in ``live_default``
    (the others are marked slow).
    """

    bed: ModuleType
    """The bed's module: ``WRITERS``, ``scenarios()``, ``entry()``, ``missing()`` and
    ``generate()``."""
    sets: ClassVar[WriterSets]
    live_name: ClassVar[str]
    """The live run's directory, before ``-<writer>``."""
    words: ClassVar[Mapping[str, bytes | tuple[bytes, ...]]]
    """Each scenario's reply in the words its component's source or manual gives."""
    known: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    """Per writer, the scenarios read wrong that must stay so (strict xfail), and why."""
    live_default: ClassVar[tuple[str, ...]] = ("postfix",)

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        names = metafunc.fixturenames
        writers = self.bed.WRITERS
        if "name" in names:
            cases = [
                case
                for writer in writers
                for case in writer_cases((writer,), self.failures, self.known.get(writer, {}))
            ]
            metafunc.parametrize(("writer", "name"), cases)
        elif "words" in names:
            metafunc.parametrize("writer", writers)
            metafunc.parametrize(("scenario", "words"), sorted(self.words.items()))
        elif "live_writer" in names:
            slow = pytest.mark.slow
            live = [w if w in self.live_default else pytest.param(w, marks=slow) for w in writers]
            metafunc.parametrize("live_writer", live)
        elif "writer" in names:
            metafunc.parametrize("writer", writers)

    def scenarios_of(self, writer: str) -> list[Any]:
        """The scenarios ``writer`` is sent (a writer bed leaves out, for each writer, what it
        cannot be driven to: its ``scenarios_for``)."""
        return list(self.bed.scenarios())

    def failures(self, writer: str) -> list[str]:
        """The scenarios whose notice, by ``writer``, is a failure notice."""
        return [s.name for s in self.scenarios_of(writer)]

    @staticmethod
    def flatten(raw: bytes) -> bytes:
        """A notice made comparable with a reply's words."""
        return flat(raw)

    def test_every_scenario_has_its_one_notice_labelled_as_the_bed_labels_it(
        self, writer: str
    ) -> None:
        check_stored_set(
            self.sets.stored(writer)[1],
            self.scenarios_of(writer),
            lambda s, name: self.bed.entry(s, name, writer),
        )

    def test_the_refusals_are_the_components_own_words(
        self, writer: str, scenario: str, words: bytes | tuple[bytes, ...]
    ) -> None:
        directory, _manifest = self.sets.stored(writer)
        raw = self.flatten((directory / f"{scenario}.eml").read_bytes())
        for part in (words,) if isinstance(words, bytes) else words:
            assert flat(part) in raw, part

    def test_stored_notice(self, writer: str, name: str) -> None:
        directory, _manifest = self.sets.stored(writer)
        entry = self.sets.entries(writer)[name]
        check_failed((directory / entry["path"]).read_bytes(), entry)

    def check_live(
        self, writer: str, out: Path, manifest: dict[str, Any], sent: Iterable[str] = ()
    ) -> None:
        """A live run's notices: one per scenario sent (``sent``, or every scenario), each read
        as its stored twin is labelled."""
        names = set(sent) or {s.name for s in self.scenarios_of(writer)}
        assert manifest["error"] is None, manifest["log"]
        assert manifest["notices"] == dict.fromkeys(names, 1), manifest["log"]
        known = [name for name in self.known.get(writer, {}) if name in names]
        check_live_entries(out, manifest, self.sets.entries(writer), known)

    def test_live_notices(self, live_writer: str, tmp_path_factory: pytest.TempPathFactory) -> None:
        # the real servers run again (a deferral waits for the writer's 8 s queue lifetime)
        out, manifest = run_live(
            tmp_path_factory,
            self.bed.missing(live_writer),
            f"{self.live_name}-{live_writer}",
            lambda directory: self.bed.generate(directory, writer=live_writer),
        )
        self.check_live(live_writer, out, manifest)


class QuickBedChecks(BedChecks):
    """BedChecks for a bed with a quick run (receivers_bed.QUICK: ``bed.sent(quick=True)``,
    the scenarios that end without the writer's queue lifetime): every full live run is marked
    slow, and the quick run, Postfix writing, is in the default suite."""

    live_default: ClassVar[tuple[str, ...]] = ()

    def test_live_notices_postfix_quick(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        # the bed's servers run again for the quick scenarios, each read as its stored twin
        out, manifest = run_live(
            tmp_path_factory,
            self.bed.missing("postfix"),
            f"{self.live_name}-quick",
            lambda directory: self.bed.generate(directory, writer="postfix", quick=True),
        )
        self.check_live("postfix", out, manifest, (s.name for s in self.bed.sent(quick=True)))


class WarningBedChecks(QuickBedChecks):
    """QuickBedChecks for a bed with one scenario, ``bed.WARNING``, that its writers answer
    with a delay warning, not a failure notice: the warning is left out of the failure
    notices' checks, and a live run's warning must be read as a delay."""

    def failures(self, writer: str) -> list[str]:
        """The scenarios whose notice is a failure notice (the delay warning is not)."""
        return [s.name for s in self.scenarios_of(writer) if s.name != self.bed.WARNING]

    def check_live(
        self, writer: str, out: Path, manifest: dict[str, Any], sent: Iterable[str] = ()
    ) -> None:
        """A live run's notices: one per scenario sent, the delay warning read as one and as
        its stored twin, each failure notice as its stored twin is labelled."""
        names = set(sent) or {s.name for s in self.scenarios_of(writer)}
        assert manifest["error"] is None, manifest["log"]
        assert manifest["notices"] == dict.fromkeys(names, 1), manifest["log"]
        entries = self.sets.entries(writer)
        warnings = [e for e in manifest["entries"] if e["scenario"] == self.bed.WARNING]
        for entry in warnings:
            assert entry == entries[entry["scenario"]]
            assert parse((out / entry["path"]).read_bytes()).kind is Kind.DELAYED, manifest["log"]
        failures = {**manifest, "entries": [e for e in manifest["entries"] if e not in warnings]}
        known = [name for name in self.known.get(writer, {}) if name in names]
        check_live_entries(out, failures, entries, known)
