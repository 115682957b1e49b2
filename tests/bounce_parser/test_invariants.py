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
5. several recipients in one notice (a dead address, a full mailbox, a sender-side refusal)
   each get their own verdict, none is dropped, and no address of the prose (a help desk, the
   host a report was generated from) is a failed recipient;
6. a final notice after the queue lifetime, in each MTA's words (the real notices Exim,
   Sendmail, Courier and nullmailer wrote, Postfix's, qmail's, Exchange's and Haraka's forms),
   quoting the last 4yz reply, never suppresses; its reason is the expiry or the reply's own
   cause, its status the quoted code; a refused connection is never a suspended account;
7. a greylisting stated under a class-4 recipient status (4.2.2, 4.2.1, 4.1.1), until expiry or
   in a delay report, is the greylisting: never suppressed, never the recipient's fault.

``python -m tests.bounce_parser.test_invariants`` rebuilds the witness cache and prints the
violations counted per invariant and format.
"""

from __future__ import annotations

import json
import random
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


# --- 5: several recipients in one notice --------------------------------------------------

# The formats that carry several recipients, each with its own reply.
MULTI_FORMATS = (
    "postfix-dsn",
    "sendmail-dsn",
    "exim-text",
    "qmail-text",
    "exchange-ndr",
    "haraka-dsn",
)
CAROL = "carol@third.example"
CONTACT = "helpdesk@receiver.example"
GENERATOR = "relay-gen@mx.receiver.example"
SAMPLE = 40  # triples per format, drawn with a fixed seed


def _multi_notice(form: str, rcpts: tuple[Rcpt, ...]) -> bytes:
    case = Case("invariant", "invariant", "en", form, "test_invariants.py", rcpts)
    if form == "exchange-ndr":
        # Exchange's prose names a contact, and the server that generated the report.
        prose = (
            "Your message couldn't be delivered. Contact the recipient's help desk at "
            f"{CONTACT} if the problem continues. This report was generated from {GENERATOR}."
        )
        case = Case(*list(case.__dict__.values())[:6], {"prose": prose})
        return FORMS["exchange-ndr"](case).encode("utf-8")
    if form == "haraka-dsn":
        reason = f"Some recipients failed; contact {CONTACT} for help"
        case = Case(*list(case.__dict__.values())[:6], {"reason": reason})
        return FORMS["haraka-dsn"](case).encode("utf-8")
    return BUILDERS[form](case).encode("utf-8")


# A witness that names the address the server refuses as Postfix does ("550 5.4.6
# <user@domain.com>: Recipient address rejected: ...", a vendor page's placeholder): in a
# notice that is the recipient's own address, as ``reply`` writes it for A. Left as it is, it
# would be another address quoted as the refused one, the neighbour case invariant 4 checks
# (never suppressed, nothing said of this recipient), not the several recipients this
# invariant composes.
_REFUSED_FIRST = re.compile(r"<[^<>\s@]+@[^<>\s]+>:")


def _as_refused(text: str, address: str) -> str:
    return _REFUSED_FIRST.sub(f"<{address}>:", text, count=1)


def invariant_5(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    """A dead address, a full mailbox and a sender-side refusal in one notice: each its own
    verdict, none dropped, no address from the prose reported."""
    dead = _dead_entries(pairs)
    full = [(e, w) for e, w in pairs if e.group == "mailbox_full"]
    sender = [(e, w) for e, w in pairs if e.group in SENDER_GROUPS]
    rng = random.Random(14)
    for form in MULTI_FORMATS:
        for n in range(SAMPLE):
            (de, dw), (fe, fw), (se, sw) = rng.choice(dead), rng.choice(full), rng.choice(sender)
            generic = n % 2 == 1  # every status generic: the text alone tells them apart
            sa, sb, sc = ("5.0.0",) * 3 if generic else ("5.1.1", "4.2.2", "5.7.1")
            code_b = "550" if generic else "452"
            stage_b = "end of DATA" if n % 3 else "RCPT TO"
            line_a = reply("550", sa, dw, ALICE)
            if not re.search(de.pattern, line_a.lower()):
                line_a = reply("550", sa, dw)  # the entry rules the quoted address out
            a = rcpt(ALICE, line_a, sa, "RCPT TO")
            b = rcpt(BOB, reply(code_b, sb, f"{_as_refused(fw, BOB)} ({CONTACT})"), sb, stage_b)
            c = rcpt(CAROL, reply("550", sc, _as_refused(sw, CAROL)), sc, STAGES[n % 2])
            order = [a, b, c]
            rng.shuffle(order)
            report = parse(_multi_notice(form, tuple(order)))
            got = {x.address.lower(): x for x in report.recipients}
            ids = f"{de.id}+{fe.id}+{se.id} {sa}"
            for stray in sorted(set(got) - {ALICE, BOB, CAROL}):
                yield "5", form, ids, f"{stray} reported as a failed recipient"
            for who in (ALICE, BOB, CAROL):
                if who not in got:
                    yield "5", form, ids, f"{who} dropped"
            if ALICE in got and not got[ALICE].suppresses:
                yield "5", form, ids, f"A {dw!r} -> {got[ALICE].reason}/{got[ALICE].party}"
            if BOB in got:
                x = got[BOB]
                if x.suppresses or x.reason != "mailbox_full":
                    yield "5", form, ids, f"B {fw!r} -> {x.reason}/{x.party} {x.suppresses}"
            if CAROL in got:
                x = got[CAROL]
                if x.suppresses or x.party is not Party.SENDER:
                    yield "5", form, ids, f"C {sw!r} -> {x.reason}/{x.party} {x.suppresses}"


def test_a_section_number_in_a_refusal_is_not_a_delivery() -> None:
    """A 554 refusal whose words cite "RFC 5321 section 2.3.8" (Haraka's bare-LF refusal as its
    phrase entry's source describes it) in qmail's notice, which has no Status field: the
    dotted number is not a 2.x.x status, the recipient is not "delivered" (found by the
    multi-recipient probe under no status)."""
    text = '554 "Bare line-feed; see https://haraka.github.io/barelf/": RFC 5321 section 2.3.8'
    raw = notice("qmail-text", rcpt(ALICE, text, "", "end of DATA"))
    (bounce,) = parse(raw).recipients
    assert bounce.reason != "delivered"
    assert not bounce.suppresses
    assert str(bounce.status).startswith("5")


# --- 6: expiry ----------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
# Real notices written by the MTAs themselves (tests/support, the real-MTA set) for a
# greylisted address retried until its queue lifetime ended: the invariant puts another
# last reply where they quote postgrey's. (dma's notice quotes no reply: "Could not deliver
# for the last N seconds. Giving up.", so it has no place here.)
REAL_EXPIRY = {
    "exim-real": HERE / "real_exim" / "expired-greylisted.eml",
    "sendmail-real": HERE / "real_sendmail" / "expired-greylisted.eml",
    "courier-real": HERE / "real_courier" / "expired-greylisted.eml",
    "nullmailer-real": HERE / "real_nullmailer" / "expired-greylisted.eml",
}
_POSTGREY = (
    "450 4.2.0 <greylisted@mx.test>: Recipient address rejected: "
    "Greylisted, see http://postgrey.schweikert.ch/help/mx.test.html"
)
# Exim folds the reply in its text part (deliver.c wraps at 75 columns).
_POSTGREY_FOLDED = re.compile(
    r"450 4\.2\.0 <greylisted@mx\.test>: Recipient address rejected:\s+"
    r"Greylisted, see http://postgrey\.schweikert\.ch/help/mx\.test\.html"
)
# The last 4yz reply's code and status per cause, RFC 3463 / RFC 5321 (450 4.2.0 postgrey,
# 451 4.7.1 rate limits, 452 4.2.2 mailbox full, 451 4.4.3 directory/lookup failure, 421
# 4.3.2 service not available).
EXPIRY_CAUSES = {
    "greylisting": ("450", "4.2.0"),
    "speeding": ("451", "4.7.1"),
    "mailbox_full": ("452", "4.2.2"),
    "dns_failure": ("451", "4.4.3"),
    "too_many_conn": ("421", "4.3.2"),
}
EXPIRY_SAMPLE = 12  # last replies per format, drawn with a fixed seed


def _composed_expiry(form: str, address: str, last: str, status: str) -> bytes:
    """The composed MTAs' final notice after the queue lifetime, in each one's words."""
    if form == "postfix-expiry":  # bounce(8): the last reply, its own status, Action failed
        r = rcpt(address, last, status, "RCPT TO")
        return notice("postfix-dsn", r)
    if form == "qmail-expiry":  # qmail-send.c: the last reply, then its giving-up line
        text = f"{last}\nI'm not going to try again; this message has been in the queue too long."
        return notice("qmail-text", rcpt(address, text, status, "RCPT TO"))
    if form == "exchange-expiry":  # Exchange Online 5.4.300 with the last error chained
        r = rcpt(address, f"550 5.4.300 Message expired -> {last}", "5.4.300", "RCPT TO")
        return notice("exchange-ndr", r)
    if form == "haraka-expiry":  # hmail.js temp_fail -> bounce after the last retry
        r = rcpt(address, last, status.replace("4.", "5.", 1), "RCPT TO")
        case = Case("invariant", "invariant", "en", "haraka-dsn", "test_invariants.py", (r,))
        reason = f"Too many failures (Some recipients temp failed: <{address}>)"
        case = Case(*list(case.__dict__.values())[:6], {"reason": reason})
        return FORMS["haraka-dsn"](case).encode("utf-8")
    raise KeyError(form)


COMPOSED_EXPIRY = ("postfix-expiry", "qmail-expiry", "exchange-expiry", "haraka-expiry")


def invariant_6(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    """A final notice after the queue lifetime, quoting the last 4yz reply: never suppressed,
    the reason the expiry or the reply's own cause, the status the quoted code."""
    causes = [(e, w) for e, w in pairs if e.group in EXPIRY_CAUSES]
    rng = random.Random(6)
    templates = {k: v.read_text(encoding="utf-8") for k, v in REAL_EXPIRY.items()}
    for form in (*REAL_EXPIRY, *COMPOSED_EXPIRY):
        for entry, text in rng.sample(causes, EXPIRY_SAMPLE):
            code, status = EXPIRY_CAUSES[entry.group]
            if form in templates:
                address = "greylisted@mx.test"
                last = f"{code} {status} <{address}>: {text}"
                raw = _POSTGREY_FOLDED.sub(last.replace("\\", "\\\\"), templates[form])
                raw = raw.replace(_POSTGREY, last)
                raw = re.sub(r"Status: 4\.2\.0", f"Status: {status}", raw)
                data = raw.encode("utf-8")
            else:
                address = ALICE
                last = f"{code} {status} {text}"
                data = _composed_expiry(form, address, last, status)
            report = parse(data)
            found = [b for b in report.recipients if b.address.lower() == address]
            detail = f"{last!r}"
            if not found:
                yield "6", form, entry.id, f"{detail} -> missing ({report.kind})"
                continue
            (b,) = found
            # The reply's own cause: its entry's, or what its words read alone say (a rate
            # limit "due to IP reputation" is the reputation).
            alone = match_text(text)
            own = {_REASON_OF_GROUP[entry.group], alone.reason if alone else "expired"}
            if b.suppresses:
                yield "6", form, entry.id, f"{detail} -> suppressed {b.reason}/{b.party}"
            if b.reason not in {"expired", *own}:
                yield "6", form, entry.id, f"{detail} -> reason {b.reason}/{b.party}"
            # Haraka rewrites a 4.x.x Status to 5.x.x when it gives up (hmail.js
            # convert_temp_failed_to_bounce): the status it states is that one.
            stated = {status, "5" + status[1:]} if form == "haraka-expiry" else {status}
            if b.status not in stated:
                yield "6", form, entry.id, f"{detail} -> status {b.status}"
    # A refused connection retried until expiry (Postfix qmgr's dead-site cache, "delivery
    # temporarily suspended: connect to ...: Connection refused", Status 4.4.1; Exim's
    # "Connection refused ... retry timeout exceeded"): expiry, never a suspended account.
    refusals = {
        "postfix-expiry": "delivery temporarily suspended: connect to mx.example.net"
        "[192.0.2.25]:25: Connection refused",
        "qmail-expiry": "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)",
        "haraka-expiry": "connect ECONNREFUSED 192.0.2.25:25",
    }
    for form, words in refusals.items():
        report = parse(_composed_expiry(form, ALICE, words, "4.4.1"))
        found = [b for b in report.recipients if b.address.lower() == ALICE]
        if not found or found[0].suppresses or found[0].reason == "suspend":
            why = f"{found[0].reason} {found[0].suppresses}" if found else "missing"
            yield "6", form, "connection-refused", f"{words!r} -> {why}"


# Class-4 statuses that name a condition of the recipient's mailbox or address (RFC 3463: 4.2.2
# mailbox full, 4.2.1 disabled, 4.1.1 bad mailbox), as greylisting servers misuse them
# (Stalwart's "452 4.2.2 Greylisted, please try again in a few moments.").
GREYLIST_STATUSES = (("452", "4.2.2"), ("450", "4.2.1"), ("450", "4.1.1"))


def invariant_7(pairs: list[tuple[PhraseEntry, str]]) -> Iterator[Violation]:
    """A greylisting stated under a class-4 recipient status, in a final notice after the queue
    lifetime and in a delay report: never suppressed, never the recipient's fault, its reason
    the greylisting's or the expiry (RFC 6647 section 2: the deferral is of the triple, not of
    the mailbox)."""
    grey = [(e, w) for e, w in pairs if e.group == "greylisting"]
    want = {_REASON_OF_GROUP["greylisting"].value, "expired"}
    for entry, text in grey:
        for code, status in GREYLIST_STATUSES:
            last = f"{code} {status} {text}"
            for action in ("failed", "delayed"):
                raw = notice("postfix-dsn", rcpt(ALICE, last, status, "RCPT TO", action))
                found = [b for b in parse(raw).recipients if b.address.lower() == ALICE]
                detail = f"{last!r} {action}"
                if not found:
                    if action == "failed":
                        yield "7", "postfix-dsn", entry.id, f"{detail} -> missing"
                    continue
                (b,) = found
                if b.suppresses or b.party == "recipient" or b.reason not in want:
                    why = f"{b.reason}/{b.party}/{b.suppresses}"
                    yield "7", "postfix-dsn", entry.id, f"{detail} -> {why}"


INVARIANTS = {
    "1": invariant_1,
    "2": invariant_2,
    "3": invariant_3,
    "4": invariant_4,
    "5": invariant_5,
    "6": invariant_6,
    "7": invariant_7,
}


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
