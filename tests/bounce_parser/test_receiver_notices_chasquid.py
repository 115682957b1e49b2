"""chasquid 1.11 as the real RECEIVING server (tests/support/receivers_bed_chasquid.py),
refusing in its own words by its own configuration (its users database, relaying only for an
authenticated user, max_data_size_mb, its SPF check, a post-data hook in the words of Debian's
example hook),
with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_chasquid_<writer>/ with the manifest that labels them by construction; the tests
read them, and the bed is run live where every server is present and the test runs as root
(both live runs marked slow: the deferral waits for the 8 s queue lifetime, and the default
suite's chasquid run is the writer bed's, test_chasquid_notices.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import (
    WriterSets,
    check_failed,
    check_live_entries,
    check_stored_set,
    run_live,
    writer_cases,
)
from tests.support import receivers_bed_chasquid as bed

SETS = WriterSets("real_receivers_chasquid")
stored, entries = SETS.stored, SETS.entries


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_every_scenario_has_its_one_notice_labelled_as_the_bed_labels_it(writer: str) -> None:
    check_stored_set(stored(writer)[1], bed.scenarios(), lambda s, name: bed.entry(s, name, writer))


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("chq_no_such_user", b"550 5.1.1 Destination address is unknown (user does not exist)"),
        ("chq_relay_not_allowed", b"503 5.7.1 Relay not allowed"),
        ("chq_message_too_big", b"552 5.3.4 Message too big"),
        ("chq_spf_fail", b"550 5.7.23 SPF check failed: matched all"),
        ("chq_hook_spam", b"554 spam detected"),
        ("chq_hook_greylisted", b"451 greylisted, please try again"),
    ],
)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_refusals_are_chasquids_own_words(writer: str, scenario: str, words: bytes) -> None:
    # conn.go's replies, and the hook's line under chasquid's 554/451 (the bed's docstring);
    # Postfix folds a long Diagnostic-Code, so its white space is made one space first
    directory, _manifest = stored(writer)
    raw = (directory / f"{scenario}.eml").read_bytes()
    assert words in b" ".join(raw.split())


@pytest.mark.parametrize(
    ("writer", "name"),
    writer_cases(bed.WRITERS, lambda _writer: (s.name for s in bed.scenarios()), {}),
)
def test_stored_notice(writer: str, name: str) -> None:
    directory, _manifest = stored(writer)
    entry = entries(writer)[name]
    check_failed((directory / entry["path"]).read_bytes(), entry)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_hooks_refusals_are_ours_or_passing(writer: str) -> None:
    # "554 spam detected": the content, our side; "451 greylisted" until expiry: transient
    directory, _manifest = stored(writer)
    (spam,) = parse((directory / "chq_hook_spam.eml").read_bytes()).recipients
    assert (spam.reason, spam.party, spam.suppresses) == (Reason.SPAM_DETECTED, Party.SENDER, False)
    (grey,) = parse((directory / "chq_hook_greylisted.eml").read_bytes()).recipients
    assert (grey.permanent, grey.suppresses) == (False, False)
    assert grey.party is Party.TRANSIENT


def _live(factory: pytest.TempPathFactory, writer: str) -> tuple[Path, dict[str, Any]]:
    return run_live(
        factory,
        bed.missing(writer),
        f"chasquid-receivers-{writer}",
        lambda directory: bed.generate(directory, writer=writer),
    )


@pytest.mark.slow
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_live_notices(tmp_path_factory: pytest.TempPathFactory, writer: str) -> None:
    out, manifest = _live(tmp_path_factory, writer)
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in bed.scenarios()}, manifest["log"]
    check_live_entries(out, manifest, entries(writer), ())
