"""rspamd's greylisting with Redis at the destination (tests/support/receivers_bed_rspamd_grey.py):
a receiving Postfix 3.7 with Debian's rspamd 3.4 as its milter and redis-server 7.0 for its
greylist module, with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_rspamd_grey_<writer>/ with the manifest that labels them by construction; the
tests read them (nothing is regenerated); both live runs are marked slow (rspamd's start alone
takes about 17 s here, judge25).
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
from tests.support import receivers_bed_rspamd_grey as bed

SETS = WriterSets("real_receivers_rspamd_grey")
stored, entries = SETS.stored, SETS.entries


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_every_scenario_has_its_one_notice_labelled_as_the_bed_labels_it(writer: str) -> None:
    check_stored_set(stored(writer)[1], bed.scenarios(), lambda s, name: bed.entry(s, name, writer))


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_greylisting_is_rspamds_own_words(writer: str) -> None:
    # the greylist module's default message (modules.d/greylist.conf), under the milter's
    # soft reject code; the unknown user Postfix's own
    directory, _manifest = stored(writer)
    flat = b" ".join((directory / "rspamd_greylisted_to_expiry.eml").read_bytes().split())
    assert b"451 4.7.1 Try again later" in flat
    flat = b" ".join((directory / "rg_user_unknown.eml").read_bytes().split())
    assert b"User unknown in local recipient table" in flat


def _failures(_writer: str) -> list[str]:
    return [s.name for s in bed.scenarios()]


KNOWN: dict[str, str] = {}


@pytest.mark.parametrize(("writer", "name"), writer_cases(bed.WRITERS, _failures, KNOWN))
def test_stored_notice(writer: str, name: str) -> None:
    directory, _manifest = stored(writer)
    entry = entries(writer)[name]
    check_failed((directory / entry["path"]).read_bytes(), entry)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_rspamds_greylisting_until_expiry_is_transient_and_never_suppresses(writer: str) -> None:
    directory, _manifest = stored(writer)
    (bounce,) = parse((directory / "rspamd_greylisted_to_expiry.eml").read_bytes()).recipients
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
        False,
    )


def _live(factory: pytest.TempPathFactory, writer: str) -> tuple[Path, dict[str, Any]]:
    return run_live(
        factory,
        bed.missing(writer),
        f"rspamd-grey-receivers-{writer}",
        lambda directory: bed.generate(directory, writer=writer),
    )


@pytest.mark.slow
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_live_notices(writer: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    # the real servers run again (the greylisting waits for the 8 s queue lifetime); every
    # notice read as its stored twin is labelled
    out, manifest = _live(tmp_path_factory, writer)
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in bed.scenarios()}, manifest["log"]
    check_live_entries(out, manifest, entries(writer), KNOWN)
