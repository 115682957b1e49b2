"""Words inside an address are not statements (judge97, issue #14): the stored notices, each
failed recipient's address rewritten into a role or test address that spells the phrase
tables' words, read as the original.

The labelling rule, written before the first score: a notice is every ``.eml`` the real beds
stored (``tests/bounce_parser/real_*/``) and every composed one (``composed/``) that the parser
reads as a failure notice with at least one failed recipient. The label of a rewritten notice
is the parser's reading of the same notice before the rewrite: for each failed recipient its
suppress bit, reason, whose fault and status, the rewritten recipient under its new address.
The rewrite replaces one failed recipient's address (``local@domain``, any case) everywhere its
bytes appear (envelope headers, report part, prose, returned copy) with a role or test address
made of the tables' words (``WORDS`` as the local part on the original domain, and the
original local part on ``DOMAINS``); an address only encoded (base64, RFC 2047) stays as it
was. A verdict that differs, or a recipient lost or gained, is a change. Each reading is taken
twice: the whole notice, and its words alone (``real_notices.text_alone``: From, Subject and
the first text/plain part).

``python -m tests.bounce_parser.test_address_words`` counts the changes over every notice and
every word; the test takes, for each notice, a rotating share of the words (every word is
tried on some three hundred notices) so the default suite stays quick, and the full product is
marked slow.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from bounce_parser import Kind, parse
from bounce_parser.commands import from_docomo
from tests.bounce_parser.real_notices import text_alone

HERE = Path(__file__).parent

# Local parts that spell the tables' words (role and test addresses relays do send to)
WORDS = (
    "spam",
    "abuse",
    "blocked",
    "overquota",
    "quota",
    "full",
    "unknown",
    "invalid",
    "nosuchuser",
    "disabled",
    "suspended",
    "expired",
    "rejected",
    "relay",
    "greylist",
    "blacklist",
    "noreply",
    "mailbox-full",
    "user.unknown",
    "over-quota",
)
# Of them, the names fields.py's _SYSTEM_LOCAL takes for a notice's own senders
DAEMON = ("abuse", "noreply")
# Domains that spell them
DOMAINS = (
    "mailbox-full.example",
    "spam-filter.example",
    "no-such-domain.example",
    "blocked-domain.example",
    "quota-exceeded.example",
    "user-unknown.example",
)
# A share of the rewrites per notice in the default suite (every one of them: slow)
SHARE = 8

Verdict = tuple[bool, str, str, str | None]


def notices() -> list[Path]:
    """Every stored notice: the real beds' and the composed ones."""
    real = sorted(p for d in sorted(HERE.glob("real_*")) if d.is_dir() for p in d.glob("*.eml"))
    return real + sorted((HERE / "composed").glob("*.eml"))


def verdicts(raw: bytes) -> dict[str, Verdict] | None:
    """The failed recipients of ``raw`` by lower-cased address (None: not a failure notice)."""
    report = parse(raw)
    if report.kind is not Kind.FAILED:
        return None
    return {
        b.address.lower(): (b.suppresses, b.reason.value, b.party.value, b.status)
        for b in report.recipients
    }


def rewrites(address: str) -> Iterator[str]:
    """Role and test addresses in place of ``address``; its domain is kept where a rule is
    about that domain itself (commands.from_docomo: NTT docomo's filter is read only in a reply
    about a docomo.ne.jp address, so another domain rightly reads otherwise)."""
    local, _at, domain = address.rpartition("@")
    for word in WORDS:
        yield f"{word}@{domain}"
    if not from_docomo(address, None):
        for name in DOMAINS:
            yield f"{local}@{name}"


def rewritten(raw: bytes, old: str, new: str) -> bytes:
    """``raw`` with every occurrence of the address ``old`` (any case; not the tail of a
    longer one: ``sales@`` in ``old.sales@``) made ``new``."""
    pattern = rb"(?<![\w.+=-])" + re.escape(old.encode())
    return re.sub(pattern, new.encode(), raw, flags=re.IGNORECASE)


def alone(raw: bytes) -> bytes | None:
    try:
        return text_alone(raw)
    except StopIteration:  # a notice without a text/plain part has no words alone
        return None


def changes(path: Path, share: int | None = None) -> Iterator[tuple[str, str, str, str]]:
    """``(reading, old address, new address, what changed)`` for each rewrite of the notice at
    ``path`` whose verdicts differ from the original's, but a daemon's name lost (``LOST``);
    ``share``: only every ``share``-th rewrite, turning with the notice."""
    return ((n, o, w, c) for n, o, w, c in trials(path, share) if c and not lost(w, c))


def lost(new: str, what: str) -> bool:
    """A recipient named as a daemon (``DAEMON``) not read from the prose, or another address
    read in its place: fields.py takes such names for the notice's own senders, which is no
    phrase read in an address (left out)."""
    return what.startswith("recipient") and new.partition("@")[0] in DAEMON


def trials(path: Path, share: int | None = None) -> Iterator[tuple[str, str, str, str]]:
    """``(reading, old address, new address, what changed or "")`` for each rewrite tried."""
    raw = path.read_bytes()
    readings = {"full": verdicts(raw)}
    words = alone(raw)
    if words is not None:
        readings["alone"] = verdicts(words)
    base = readings["full"]
    if not base or "@" not in "".join(base):
        return
    failed = sorted(a for a in base if "@" in a)
    turn = sum(path.name.encode())
    n = 0
    for old in failed:
        for new in rewrites(old):
            n += 1
            if share is not None and (n + turn) % share:
                continue
            if new.lower() in base:
                continue
            changed = rewritten(raw, old, new)
            for name, before in readings.items():
                if not before or old not in before:
                    continue
                text = changed if name == "full" else alone(changed)
                after = verdicts(text) if text is not None else None
                if after is not None and old in after:
                    continue  # the address is also written in a form not rewritten
                want = {(new if a == old else a): v for a, v in before.items()}
                yield name, old, new, "" if after == want else _difference(want, after, new)


def _difference(want: dict[str, Verdict], after: dict[str, Verdict] | None, new: str) -> str:
    if after is None:
        return "not read as a failure notice"
    if new.lower() not in after:
        return f"recipient lost (read {sorted(after)})"
    if set(after) != set(want):
        return f"recipients differ (read {sorted(after)})"
    return f"{want.get(new.lower())} -> {after.get(new.lower())}"


@pytest.mark.parametrize("path", notices(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_address_spelling_the_tables_words_reads_as_the_original(path: Path) -> None:
    assert list(changes(path, SHARE)) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", notices(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_rewrite_reads_as_the_original(path: Path) -> None:
    assert list(changes(path)) == []


def main() -> None:
    """Count the changed verdicts over every notice and every rewrite, by reading."""
    tried: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    notices_changed: Counter[str] = Counter()
    for path in notices():
        seen = set()
        for name, old, new, what in trials(path):
            tried[name] += 1
            if what and lost(new, what):
                tried[f"{name}, a daemon's name lost"] += 1
            elif what:
                counts[name] += 1
                seen.add(name)
                print(f"{name}\t{path.parent.name}/{path.name}\t{old} -> {new}\t{what}")
        notices_changed.update(seen)
    print(f"# rewrites read: {dict(tried)}; changed verdicts: {dict(counts)};")
    print(f"# notices with a change: {dict(notices_changed)} of {len(notices())}")


if __name__ == "__main__":
    sys.exit(main())
