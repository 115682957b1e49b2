"""The verdict does not depend on how a notice travelled (issue #14, metamorphic).

A notice reaches the relay's mailbox reader after other software has handled it: re-encoded,
with other line ends or folding, in another charset, forwarded as an attachment, cut to the
returned original's headers, with more Received fields above (``transport.py`` has each
transformation and the RFC that allows it). For every labelled notice we have (the composed
set, the real MTAs' notices under tests/, the shared corpus read in place), each transformation
must leave the verdict as it was on the untransformed notice: the kind, and per recipient the
address, the suppress bit, the status, the reason and the party.

``All of them run in about 10 s (30 s on a loaded machine).
``python -m tests.bounce_parser.test_transport_invariance`` prints the violations counted per
transformation (the table in docs/bounces.md).
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounce_parser import BounceReport, Kind, parse
from tests.bounce_parser.transport import (
    THROUGH_EMAIL_PACKAGE,
    TRANSFORMS,
    folded_at_random,
    forwarded,
    roundtrip,
)

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus"

Verdict = tuple[str, tuple[tuple[str, bool, str | None, str, str], ...], str | None]


def notices() -> list[Path]:
    """Every labelled notice: the composed set, the real MTAs' notices, the shared corpus."""
    found = [HERE / "composed" / e["path"] for e in _manifest(HERE / "composed")]
    found += sorted(HERE.glob("real_*/*.eml"))
    if CORPUS.is_dir():
        found += [CORPUS / e["path"] for e in _manifest(CORPUS)]
    return [p for p in found if p.is_file()]


def _manifest(folder: Path) -> list[dict[str, str]]:
    return list(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["entries"])


def verdict(report: BounceReport) -> Verdict:
    """What must not change: the kind, each recipient's verdict, and the returned original's
    Message-ID (one of the relay's ties of a notice to its message) where the notice is one:
    a message that is no notice (a list manager's text quoting the post, judge35) records
    nothing whatever it is tied to, and forwarded it is, rightly, not unwrapped (forward.py),
    so the Message-ID read is the forwarded message's own."""
    people = sorted(
        (b.address.lower(), b.suppresses, b.status, str(b.reason), str(b.party))
        for b in report.recipients
    )
    tie = None if report.kind is Kind.NOT_BOUNCE else report.message_id
    return str(report.kind), tuple(people), tie


# A notice's own verdict, and whether the email package's read-and-write keeps it, are the
# same for every transformation: read once per notice (and per process), not once per check.
@functools.cache
def untransformed(path: Path) -> Verdict:
    return verdict(parse(path.read_bytes()))


@functools.cache
def survives_the_email_package(path: Path) -> bool:
    return verdict(parse(roundtrip(path.read_bytes()))) == untransformed(path)


def violations(paths: list[Path], name: str) -> list[tuple[str, Verdict, Verdict]]:
    """The notices whose verdict ``name`` changes, with the verdicts before and after."""
    found = []
    for path in paths:
        changed = TRANSFORMS[name](path.read_bytes())
        if changed is None:
            continue
        before, after = untransformed(path), verdict(parse(changed))
        if name in THROUGH_EMAIL_PACKAGE and not survives_the_email_package(path):
            continue  # the email package misreads the notice: see THROUGH_EMAIL_PACKAGE
        if name == "e2-dropped":  # the returned original and its Message-ID are gone
            before, after = (*before[:2], None), (*after[:2], None)
        if before != after:
            found.append((str(path.relative_to(path.parents[1])), before, after))
    return found


@pytest.fixture(scope="module")
def every_notice() -> list[Path]:
    return notices()


def test_the_shared_corpus_is_among_the_notices(every_notice: list[Path]) -> None:
    """The shared corpus is read in place; without it the others run on our own notices."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({CORPUS}): composed and real notices only")
    assert sum(CORPUS in p.parents for p in every_notice) >= 300


# The email package's own read-and-write is the control of the MIME rewrites, not a
# transformation that keeps every notice's meaning (it misreads nullmailer's field block).
KEPT = sorted(set(TRANSFORMS) - {"a0-roundtrip"})
# Not yet: what the parser still gets wrong, by transformation.
NOT_YET: dict[str, str] = {}


def _marked(name: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=NOT_YET[name])] if name in NOT_YET else []


@pytest.mark.parametrize("name", [pytest.param(n, marks=_marked(n)) for n in KEPT])
def test_every_notice_keeps_its_verdict(every_notice: list[Path], name: str) -> None:
    assert violations(every_notice, name) == []


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_transformations_one_after_another_keep_the_verdict(
    every_notice: list[Path], data: st.DataObject
) -> None:
    """Two or three transformations in a row (a gateway, then a forward, then a mailbox), and
    folding at whitespace Hypothesis picks, still give the untransformed notice's verdict."""
    path = data.draw(st.sampled_from(every_notice), label="notice")
    names = data.draw(st.lists(st.sampled_from(sorted(TRANSFORMS)), min_size=2, max_size=3))
    # The email package reads an encoded delivery-status part back as fields (garbage): the
    # re-encodings of that part come after every other rewrite through it.
    names.sort(key=lambda n: n in ("a4-dsn-qp", "a5-dsn-base64"))
    seed = data.draw(st.integers(0, 2**32 - 1), label="fold seed")
    before = untransformed(path)
    if not survives_the_email_package(path):
        return  # the email package misreads it (see transport.THROUGH_EMAIL_PACKAGE)
    changed = path.read_bytes()
    for transform in [*(TRANSFORMS[n] for n in names), folded_at_random(seed)]:
        changed = transform(changed) or changed
    if "e2-dropped" in names:  # the returned original and its Message-ID are gone
        assert verdict(parse(changed))[:2] == before[:2]
    else:
        assert verdict(parse(changed)) == before


def test_the_transformations_change_the_notices(every_notice: list[Path]) -> None:
    """Each transformation applies to some notice and changes its bytes (or it tests nothing)."""
    originals = [p.read_bytes() for p in every_notice[:400]]
    for name, transform in TRANSFORMS.items():
        changes = any((transform(raw) or b"") not in (b"", raw) for raw in originals)
        assert changes or name == "a0-roundtrip", name


def test_a_forwarded_notice_is_judged_with_its_ties_to_our_message() -> None:
    """A notice forwarded as an attachment keeps the VERP address and Message-ID that tie it
    to our message; one that names none of ours gets none (the relay then drops it)."""
    raw = (HERE / "composed" / "gmail-unknown-postfix.eml").read_bytes()
    before, after = parse(raw), parse(forwarded(raw))
    assert verdict(after) == verdict(before)
    assert (after.message_id, after.return_path) == (before.message_id, before.return_path)
    assert after.kind is Kind.FAILED


def test_a_forwarded_message_that_is_no_notice_is_no_bounce() -> None:
    """What a person forwards is judged by what it carries: a newsletter is no notice."""
    raw = (
        b"From: Shop News <news@shop.example>\nTo: <lena.voss@gmail.com>\n"
        b"Subject: December offers\nMessage-ID: <20261203091000.4711@shop.example>\n"
        b"Content-Type: text/plain\n\nOur offers this month: could not be missed.\n"
    )
    assert parse(forwarded(raw)).kind is Kind.NOT_BOUNCE


def main() -> None:
    """Print the violations per transformation over every notice."""
    paths = notices()
    print(f"{len(paths)} notices")
    totals: Counter[str] = Counter()
    for name in sorted(TRANSFORMS):
        found = violations(paths, name)
        applied = sum(TRANSFORMS[name](p.read_bytes()) is not None for p in paths)
        totals[name] = len(found)
        print(f"| {name} | {applied} | {len(found)} |")
        for path, before, after in found[: int(sys.argv[1]) if len(sys.argv) > 1 else 0]:
            print("   ", path, before, "->", after)


if __name__ == "__main__":
    main()


@pytest.mark.parametrize("fold", ["\n ", "\r\n\t", " \n  "])
def test_a_folded_message_id_of_the_returned_original_is_read(fold: str) -> None:
    """The Message-ID that ties a notice to our message, folded after its colon."""
    raw = (HERE / "composed" / "gmail-unknown-postfix.eml").read_bytes()
    folded = raw.replace(b"Message-ID: <2026", b"Message-ID:" + fold.encode() + b"<2026")
    assert folded != raw
    assert parse(folded).message_id == parse(raw).message_id == "<20261203091000.4711@shop.example>"


@pytest.mark.parametrize("name", ["gmail-disabled-exim.eml", "citadel-give-up.eml"])
def test_a_forward_of_a_forwarded_notice_is_judged_the_same(name: str) -> None:
    """Found by the chained test: a mailbox forwarding what another mailbox forwarded."""
    raw = (HERE / "composed" / name).read_bytes()
    assert verdict(parse(forwarded(forwarded(raw)))) == verdict(parse(raw))
    assert parse(raw).kind is Kind.FAILED
