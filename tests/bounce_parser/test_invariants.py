"""The verdict's invariants, for every phrase entry, under every notice format (issue #14).

Each phrase entry of ``bounce_parser/data/phrases`` is turned into a text it matches (its
witness: a quotation in its own ``source`` that it matches, else the simplest string its
regex matches, from Hypothesis' ``from_regex``, cached in ``phrase_witnesses.json``), wrapped
into the notices real MTAs write (the composed set's builders: Postfix's RFC 3464 DSN, Exim's
and qmail's plain notices, Sendmail's DSN with its transcript, an Exchange NDR, a plain-text
notice), and parsed. The invariants are those SPEC.md and the RFCs state:

1. a recipient-dead statement (unknown user, disabled, no such domain, moved) under a 5yz
   reply and a generic or contradicting status (5.0.0, 5.2.0, 5.5.0, 5.7.1, none), at RCPT
   and after DATA, condemns the address: permanent, the recipient's fault (docs/bounces.md,
   precedence rule 2);
2. a sender-side statement never suppresses, whatever the code, status, stage and format
   (precedence rule 1);
3. a 4yz reply never suppresses; nor a delay report (``Action: delayed``,
   Will-Retry-Until), nor an auto-reply (RFC 3834);
4. a reply that quotes another address (a neighbour in the same report, our sender) is not
   the recipient's evidence, and a contact address in the notice is never a failed recipient.

``python -m tests.bounce_parser.test_invariants`` rebuilds the witness cache and prints the
violations counted per invariant and format.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bounce_parser import Kind, parse
from bounce_parser.reason import PARTY_OF_REASON, Party
from bounce_parser.text_rules import ENTRIES, GROUPS, PhraseEntry, match_text
from tests.bounce_parser.composed.build import FORMS, RETURN_PATH, Case, Rcpt

WITNESSES = Path(__file__).resolve().parent / "phrase_witnesses.json"

# The notice formats, by the composed set's builder names.
FORMATS = (
    "postfix-dsn",
    "exim-text",
    "qmail-text",
    "sendmail-dsn",
    "exchange-ndr",
    "plain-text",
    "gmail-text",
)
# Those with an RFC 3464 part, whose Action field can say "delayed".
DSN_FORMATS = frozenset({"postfix-dsn", "sendmail-dsn", "exchange-ndr"})
GENERIC_STATUSES = ("5.0.0", "5.2.0", "5.5.0", "5.7.1", "")
STAGES = ("RCPT TO", "end of DATA")
ALICE = "alice@receiver.example"
BOB = "bob@other.example"

_REASON_OF_GROUP = dict(GROUPS)
# Groups whose statement is that the address or its domain is dead; no_such_domain is a flag
# (it qualifies host_unknown) and says the same.
DEAD_GROUPS = frozenset({"user_unknown", "suspend", "host_unknown", "has_moved", "not_accept"})
DEAD_FLAGS = frozenset({"no_such_domain"})
SENDER_GROUPS = frozenset(
    name for name, reason in GROUPS if PARTY_OF_REASON[reason] is Party.SENDER
)


# --- witnesses ---------------------------------------------------------------------------


def _quotations(source: str) -> Iterator[str]:
    for found in re.findall(r"\(([^()]*)\)|'([^']*)'|\"([^\"]*)\"", source):
        for text in found:
            if text:
                yield text
                yield from re.split(r"[;,] ", text)


def _generated(pattern: str) -> str:
    from hypothesis import HealthCheck, find, settings
    from hypothesis import strategies as st

    quiet = settings(
        database=None, derandomize=True, max_examples=50, suppress_health_check=list(HealthCheck)
    )
    return find(st.from_regex(pattern, fullmatch=True), lambda _s: True, settings=quiet)


def _cache() -> dict[str, str]:
    if not WITNESSES.exists():
        return {}
    return dict(json.loads(WITNESSES.read_text(encoding="utf-8")))


# A reply code and status a quotation starts with: the invariants put their own.
_CODES = re.compile(r"^[\s#]*(?:[245]\d\d[ -])?\s*#?(?:[245]\.\d{1,3}\.\d{1,3}\s*)?")


def witness(entry: PhraseEntry, cache: dict[str, str]) -> str:
    """A text ``entry`` matches: a quotation from its source (without the reply code and
    status it starts with, where the entry matches without them), else its regex's simplest."""
    regex = re.compile(entry.pattern)
    for text in _quotations(entry.source):
        if regex.search(text.lower()):
            bare = _CODES.sub("", text, count=1)
            return bare if regex.search(bare.lower()) else text
    cached = cache.get(entry.pattern)
    if cached is not None and regex.search(cached.lower()):
        return cached
    return _generated(entry.pattern)


def all_witnesses() -> list[tuple[PhraseEntry, str]]:
    cache = _cache()
    return [(entry, witness(entry, cache)) for entry in ENTRIES]


# --- notices -----------------------------------------------------------------------------


def _plain_text(case: Case) -> str:
    lines = "\n\n".join(f"  {r.address}\n    {r.reply}" for r in case.rcpts)
    text = (
        "This message was created automatically by the mail system.\n\n"
        "Your message could not be delivered to the following recipients:\n\n" + lines + "\n"
    )
    return FORMS["localized-text"](
        Case(
            case.name,
            case.provider,
            "en",
            "localized-text",
            case.source,
            case.rcpts,
            {"text": text},
        ),
    )


def _exchange(case: Case) -> str:
    prose = "Your message couldn't be delivered to the recipient."
    extra = {"prose": prose, **case.extra}
    return FORMS["exchange-ndr"](
        Case(case.name, case.provider, "en", "exchange-ndr", case.source, case.rcpts, extra)
    )


BUILDERS: dict[str, Callable[[Case], str]] = {
    **{
        name: FORMS[name]
        for name in ("postfix-dsn", "exim-text", "qmail-text", "sendmail-dsn", "gmail-text")
    },
    "exchange-ndr": _exchange,
    "plain-text": _plain_text,
    "exim-delay-text": FORMS["exim-delay-text"],
}


def notice(form: str, *rcpts: Rcpt) -> bytes:
    case = Case("invariant", "invariant", "en", form, "test_invariants.py", rcpts)
    return BUILDERS[form](case).encode("utf-8")


def reply(code: str, status: str, text: str, quoted: str = "") -> str:
    parts = [code, status, f"<{quoted}>:" if quoted else "", text]
    return " ".join(p for p in parts if p)


def rcpt(address: str, text: str, status: str, stage: str, action: str = "failed") -> Rcpt:
    return Rcpt(address, text, status, ("",), False, "", stage=stage, action=action)


def verdict_of(raw: bytes, address: str) -> tuple[Kind, bool, str]:
    report = parse(raw)
    found = [b for b in report.recipients if b.address.lower() == address]
    if not found:
        return report.kind, False, "missing"
    (bounce,) = found
    return report.kind, bounce.suppresses, f"{bounce.reason}/{bounce.party}/{bounce.rule}"


# --- the invariants ----------------------------------------------------------------------

Violation = tuple[str, str, str, str]  # invariant, format, entry id, detail


def _dead_entries(pairs: list[tuple[PhraseEntry, str]]) -> list[tuple[PhraseEntry, str]]:
    return [(e, w) for e, w in pairs if e.group in DEAD_GROUPS | DEAD_FLAGS]


def invariant_1(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    for entry, text in _dead_entries(pairs):
        for form in FORMATS:
            for status in GENERIC_STATUSES:
                for stage in STAGES:
                    quoted = ALICE if stage == "RCPT TO" else ""
                    line = reply("550", status, text, quoted)
                    if not re.search(entry.pattern, line.lower()):
                        # The entry rules the quoted address out (en_generic:62: Postfix's
                        # access(5) REJECT, "<addr>: Recipient address rejected: Access
                        # denied", smtpd_check.c, is the site's policy, not a dead address;
                        # Exchange's directory-based edge blocking quotes none).
                        line = reply("550", status, text)
                    raw = notice(form, rcpt(ALICE, line, status, stage))
                    _kind, suppressed, why = verdict_of(raw, ALICE)
                    if not suppressed:
                        yield "1", form, entry.id, f"{status or '-'} {stage}: {text!r} -> {why}"


def invariant_2(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    statuses = ("5.1.1", "5.1.2", "5.1.10", "5.0.0", "5.7.1", "5.1.0", "")
    stages = ("RCPT TO", "end of DATA", "MAIL FROM")
    sender = [(e, w) for e, w in pairs if e.group in SENDER_GROUPS]
    for n, (entry, text) in enumerate(sender):
        for i, form in enumerate(FORMATS):
            for j, status in enumerate(statuses):
                stage = stages[(n + i + j) % len(stages)]
                line = reply("550", status, text, ALICE if stage == "RCPT TO" else "")
                raw = notice(form, rcpt(ALICE, line, status, stage))
                _kind, suppressed, why = verdict_of(raw, ALICE)
                if suppressed:
                    yield "2", form, entry.id, f"{status or '-'} {stage}: {text!r} -> {why}"


def invariant_3(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    for n, (entry, text) in enumerate(_dead_entries(pairs)):
        for i, form in enumerate(FORMATS):
            stage = STAGES[(n + i) % 2]
            for status, action in (("4.1.1", "failed"), ("4.0.0", "delayed"), ("", "failed")):
                if action == "delayed" and form not in DSN_FORMATS:
                    continue  # the plain notices' wording says "permanent error"
                line = reply("450", status, text, ALICE)
                raw = notice(form, rcpt(ALICE, line, status or "4.0.0", stage, action))
                kind, suppressed, why = verdict_of(raw, ALICE)
                if action == "delayed" and kind is not Kind.DELAYED:
                    why = f"a {kind} notice"
                if suppressed or why.startswith("a "):
                    yield "3", form, entry.id, f"450 {status or '-'} {action}: {text!r} -> {why}"
        # Exim's plain delay warning: its wording, not an Action field, says delayed.
        stage = STAGES[n % 2]
        line = reply("451", "4.1.1" if n % 2 else "", text, ALICE)
        raw = notice("exim-delay-text", rcpt(ALICE, line, "", stage, "delayed"))
        kind, suppressed, why = verdict_of(raw, ALICE)
        if suppressed or kind is not Kind.DELAYED:
            yield "3", "exim-delay-text", entry.id, f"{line!r} -> {kind} {why}"
        auto = Rcpt(ALICE, text, "", ("",), False, "")
        case = Case("invariant", "invariant", "en", "auto-reply", "test_invariants.py", (auto,))
        report = parse(FORMS["auto-reply"](case).encode("utf-8"))
        if any(b.suppresses for b in report.recipients):
            yield "3", "auto-reply", entry.id, f"{text!r} -> {report.kind}"


def invariant_4(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    others = {"neighbour": BOB, "sender": RETURN_PATH, "author": "news@shop.example"}
    for n, (entry, text) in enumerate(_dead_entries(pairs)):
        for i, form in enumerate(FORMATS):
            stage = STAGES[(n + i) % 2]
            for name, other in others.items():
                line = reply("550", "5.1.1", text, other)
                first = rcpt(ALICE, line, "5.1.1", stage)
                fine = rcpt(BOB, reply("550", "5.1.1", text, BOB), "5.1.1", stage)
                rcpts = (first, fine) if name == "neighbour" else (first,)
                _kind, suppressed, why = verdict_of(notice(form, *rcpts), ALICE)
                if suppressed:
                    yield "4", form, entry.id, f"quotes {name}: {text!r} -> {why}"
            contact = f"{text}; please contact helpdesk@receiver.example for assistance"
            raw = notice(form, rcpt(ALICE, reply("550", "5.1.1", contact), "5.1.1", stage))
            named = {b.address.lower() for b in parse(raw).recipients}
            if "helpdesk@receiver.example" in named:
                yield "4", form, entry.id, f"contact reported as a recipient: {text!r}"


INVARIANTS = {"1": invariant_1, "2": invariant_2, "3": invariant_3, "4": invariant_4}


# --- the tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pairs() -> list[tuple[PhraseEntry, str]]:
    return all_witnesses()


def test_every_entry_has_a_witness_its_group_reads(pairs: list[tuple[PhraseEntry, str]]) -> None:
    """Each witness matches its own entry; read alone it gives its group (a dead-address
    entry shadowed by an earlier group could never win)."""
    shadowed = []
    for entry, text in pairs:
        assert re.search(entry.pattern, text.lower()), (entry.id, text)
        if entry.group in DEAD_GROUPS:
            found = match_text(text)
            if found is None or found.group != entry.group:
                shadowed.append((entry.id, text, found and found.group))
    assert shadowed == []


@pytest.mark.parametrize("invariant", sorted(INVARIANTS))
def test_invariant_holds(invariant: str, pairs: list[tuple[PhraseEntry, str]]) -> None:
    found = list(INVARIANTS[invariant](pairs))
    listing = "\n".join(" ".join(v) for v in found[:40])
    assert not found, f"{len(found)} violations:\n{listing}"


def main() -> None:
    pairs = all_witnesses()
    cache = {e.pattern: w for e, w in pairs}
    WITNESSES.write_text(json.dumps(cache, indent=1, ensure_ascii=False) + "\n", "utf-8")
    for name, check in INVARIANTS.items():
        found = list(check(pairs))
        print(f"invariant {name}: {len(found)}", dict(Counter(v[1] for v in found)))
        for v in found:
            print("  ", *v)


if __name__ == "__main__":
    main()
