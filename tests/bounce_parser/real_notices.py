"""Reading the notices real MTAs wrote during the real-server beds' runs (tests/bounce_parser/
real_*/): the manifest that labels them, the failed recipients of one notice by address, and
one notice checked against its entry's labels."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

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
