"""Mutations of returned messages, each a named, seeded recipe (bench/fuzz_bounces.py, tests).

A case is a seed message (a real sample from the corpus, or one the test builders compose)
with one to three mutations applied. Everything is drawn from a ``random.Random`` seeded by
the run's seed and the case number, so ``--seed S --only N`` rebuilds case N byte for byte.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from bounce_parser import BounceReport
from bounce_parser.mail import MAX_BYTES, load
from bounce_parser.phrases import required_literal
from bounce_parser.verp import ReturnPath
from tests.support.dsn import complaint, dsn, vacation

# A valid, unexpired token may be the only thing that makes a message suppress; these are
# the envelope recipients (VERP addresses) of copies the runner knows.


@dataclass(frozen=True, slots=True)
class Copy:
    """A copy that was sent: its recipient and the signed return path it went out with."""

    address: str
    verp: str


@dataclass(frozen=True, slots=True)
class Context:
    """What mutations draw on: the copies, the signing key, the return-path domain, phrases."""

    copies: tuple[Copy, ...]
    key: bytes
    domain: str
    phrases: tuple[str, ...]


@dataclass(slots=True)
class Case:
    """One message to feed in, the envelope recipient it goes to, and how it was made."""

    index: int
    seed_name: str
    raw: bytes
    envelope_to: str
    recipe: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"#{self.index} {self.seed_name} | " + " + ".join(self.recipe)


Mutation = Callable[[random.Random, Case, Context], None]


def phrase_words() -> tuple[str, ...]:
    """The literal words every phrase of the parser's data files needs: regex bait."""
    words: set[str] = set()
    for entry in resources.files("bounce_parser.data.phrases").iterdir():
        if entry.name.endswith(".toml"):
            for phrase in tomllib.loads(entry.read_text("utf-8")).get("phrase", []):
                literal = required_literal(str(phrase.get("match", ""))).strip()
                if len(literal) >= 4:
                    words.add(literal)
    return tuple(sorted(words))


def seeds(corpus: Path | None, copies: tuple[Copy, ...]) -> list[tuple[str, bytes]]:
    """Real samples from ``corpus`` (when present) and messages the test builders compose."""
    found: list[tuple[str, bytes]] = []
    if corpus is not None and corpus.is_dir():
        for path in sorted(corpus.rglob("*.eml")):
            # As a mail server sends it: CRLF line ends (the files have LF).
            raw = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            found.append((f"corpus:{path.name}", raw))
    for n, copy in enumerate(copies[:8]):
        found.append((f"dsn:{n}", dsn(copy.verp, copy.address)))
        soft = dsn(
            copy.verp,
            copy.address,
            status="4.2.2",
            action="delayed",
            diagnostic="smtp; 452 4.2.2 Mailbox full",
        )
        found.append((f"dsn-soft:{n}", soft))
        found.append((f"complaint:{n}", complaint(copy.verp, copy.address)))
        found.append((f"vacation:{n}", vacation(copy.verp, copy.address)))
    return found


def inner_failure(raw: bytes) -> str | None:
    """The exception ``parse`` would have turned into UNPARSED, if any (a bug to report)."""
    from bounce_parser import parser as internals  # the steps of parse(), without its net

    try:
        mail = load(raw)
        if mail is not None:
            internals._classified(mail)
            internals.original_message_id(mail)
            internals.return_path(mail)
    except Exception as exc:  # reported, not raised: this is what the run looks for
        return f"{type(exc).__name__}: {exc}"
    return None


def untraceable(report: BounceReport, raw: bytes) -> list[str]:
    """Recipients the report names that occur nowhere in the message, raw or decoded.

    Only the bytes ``parse`` reads (``MAX_BYTES``) are searched: the rest cannot be a source.
    """
    haystack = raw[:MAX_BYTES].lower()
    decoded: str | None = None
    missing = []
    for bounce in report.recipients:
        needle = bounce.address.lower()
        if needle.encode("utf-8", "replace") in haystack:
            continue
        if decoded is None:  # the parts' text after their transfer encodings, once
            mail = load(raw)
            texts = [] if mail is None else [p.text for p in mail.parts]
            texts += [] if mail is None else [str(mail.returned_head or b"")]
            decoded = "\n".join(texts).lower()
        if needle not in decoded:
            missing.append(bounce.address)
    return missing


# --- byte-level damage ------------------------------------------------------------------


def truncate(rng: random.Random, case: Case, ctx: Context) -> None:
    at = rng.randrange(len(case.raw) + 1)
    case.raw = case.raw[:at]
    case.recipe.append(f"truncate@{at}")


def flip_bytes(rng: random.Random, case: Case, ctx: Context) -> None:
    data = bytearray(case.raw or b"x")
    count = rng.choice((1, 4, 32, 256))
    for _ in range(count):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    case.raw = bytes(data)
    case.recipe.append(f"flipx{count}")


def insert_junk(rng: random.Random, case: Case, ctx: Context) -> None:
    at = rng.randrange(len(case.raw) + 1)
    junk = rng.randbytes(rng.choice((1, 16, 4096)))
    case.raw = case.raw[:at] + junk + case.raw[at:]
    case.recipe.append(f"junk{len(junk)}@{at}")


def no_line_breaks(rng: random.Random, case: Case, ctx: Context) -> None:
    sep = rng.choice((b" ", b"", b"\r", b"\t"))
    case.raw = case.raw.replace(b"\r\n", b"\n").replace(b"\n", sep)
    case.recipe.append(f"no-line-breaks({sep!r})")


def bare_line_ends(rng: random.Random, case: Case, ctx: Context) -> None:
    end = rng.choice((b"\n", b"\r", b"\r\r\n", b"\n\r"))
    case.raw = case.raw.replace(b"\r\n", b"\n").replace(b"\n", end)
    case.recipe.append(f"line-ends({end!r})")


# --- structure ----------------------------------------------------------------------------


def nest_multipart(rng: random.Random, case: Case, ctx: Context) -> None:
    depth = rng.randrange(300, 1200)
    head, _, body = case.raw.partition(b"\r\n\r\n")
    layers = b"".join(
        b'Content-Type: multipart/mixed; boundary="n%d"\r\n\r\n--n%d\r\n' % (n, n)
        for n in range(depth)
    )
    closing = b"".join(b"\r\n--n%d--" % n for n in reversed(range(depth)))
    case.raw = head + b"\r\nMIME-Version: 1.0\r\n" + layers + b"\r\n" + body + closing + b"\r\n"
    case.recipe.append(f"nest-multipartx{depth}")


def nest_rfc822(rng: random.Random, case: Case, ctx: Context) -> None:
    depth = rng.randrange(300, 3000)
    head = b"From: MAILER-DAEMON@mx.example\r\nSubject: Returned mail\r\n"
    case.raw = head + b"Content-Type: message/rfc822\r\n\r\n" * depth + case.raw
    case.recipe.append(f"nest-rfc822x{depth}")


def many_parts(rng: random.Random, case: Case, ctx: Context) -> None:
    count = rng.choice((1000, 20_000, 100_000))
    part = b"--BOUNDARY\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    marker = b"--BOUNDARY\r\n"
    at = case.raw.find(marker)
    at = at if at >= 0 else len(case.raw)
    case.raw = case.raw[:at] + part * count + case.raw[at:]
    case.recipe.append(f"partsx{count}")


def many_recipients(rng: random.Random, case: Case, ctx: Context) -> None:
    count = rng.choice((1000, 10_000, 50_000))
    copy = rng.choice(ctx.copies)
    block = (
        b"\r\nFinal-Recipient: rfc822; u%d@victims.example\r\nAction: failed\r\n"
        b"Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
    )
    blocks = b"".join(block % n for n in range(count))
    case.raw = dsn(copy.verp, copy.address).replace(
        b"Diagnostic-Code: smtp; 550", blocks + b"\r\nDiagnostic-Code: smtp; 550", 1
    )
    case.seed_name = "dsn-built"
    case.envelope_to = copy.verp
    case.recipe.append(f"recipientsx{count}")


# --- headers, charsets, encodings -----------------------------------------------------------


def huge_header(rng: random.Random, case: Case, ctx: Context) -> None:
    size = rng.choice((64 * 1024, 1024 * 1024))
    folded = rng.random() < 0.7
    # A folded header fits under any SMTP line limit; one line of a megabyte does not.
    value = b"\r\n ".join([b"y" * 900] * (size // 902)) if folded else b"y" * size
    case.raw = b"X-Huge: " + value + b"\r\n" + case.raw
    case.recipe.append(f"header-{size // 1024}k-{'folded' if folded else 'one-line'}")


def many_headers(rng: random.Random, case: Case, ctx: Context) -> None:
    count = rng.choice((5000, 50_000))
    case.raw = b"".join(b"X-H%d: v\r\n" % n for n in range(count)) + case.raw
    case.recipe.append(f"headersx{count}")


def bad_charset(rng: random.Random, case: Case, ctx: Context) -> None:
    charset = rng.choice(
        (
            b"x-no-such",
            b"utf-7",
            b"utf-16",
            b"utf-32",
            b'"',
            b"\xff\xfe",
            b"a" * 5000,
            b"iso-2022-jp",
            b"cp1252; charset=utf-8",
            b"idna",
            b"rot13",
            b"base64",
        )
    )
    case.raw = re.sub(rb"(?i)charset=[^;\s]*", b"charset=" + charset.replace(b"\\", b""), case.raw)
    if b"charset=" not in case.raw.lower():
        case.raw = b"Content-Type: text/plain; charset=" + charset + b"\r\n" + case.raw
    word = b"=?" + charset + b"?" + rng.choice((b"q", b"b", b"x")) + b"?=FF=00!!?="
    case.raw = b"Subject: " + word * rng.choice((1, 1000)) + b"\r\n" + case.raw
    case.recipe.append(f"charset({charset[:20]!r})")


def bad_encoding(rng: random.Random, case: Case, ctx: Context) -> None:
    encoding = rng.choice((b"base64", b"quoted-printable", b"x-uuencode", b"8bit", b"bogus"))
    case.raw = re.sub(
        rb"(?im)^(content-type:[^\r\n]*\r?\n)",
        rb"\1Content-Transfer-Encoding: " + encoding + b"\r\n",
        case.raw,
    )
    garbage = rng.choice((b"====", b"=ZZ=\r\n=", b"!!!@@@", b"=" * 50_000, b"A" * 50_001))
    case.raw = case.raw.replace(b"\r\n\r\n", b"\r\n\r\n" + garbage, 3)
    case.recipe.append(f"encoding({encoding.decode()}, garbage {len(garbage)})")


def encode_parts(rng: random.Random, case: Case, ctx: Context) -> None:
    """Valid base64 or quoted-printable bodies: the addresses show only once decoded."""
    qp = rng.random() < 0.5
    name = b"quoted-printable" if qp else b"base64"
    out, done = [], 0
    for match in _READABLE_PART.finditer(case.raw):
        end = case.raw.find(b"\r\n--", match.end())
        end = len(case.raw) if end < 0 else end
        if match.start() < done:
            continue
        body = case.raw[match.end() : end]
        if qp:
            data = _HEX_PAIR.sub(rb"=\1", body.hex().upper().encode())
            data = b"=\r\n".join(data[i : i + 75] for i in range(0, len(data), 75))
        else:
            data = base64.encodebytes(body).replace(b"\n", b"\r\n")
        out += [case.raw[done : match.start()], match.group(1)]
        out += [b"\r\nContent-Transfer-Encoding: " + name + b"\r\n\r\n", data]
        done = end
    case.raw = b"".join([*out, case.raw[done:]])
    case.recipe.append(f"encode-parts({name.decode()})")


_HEX_PAIR = re.compile(rb"(..)")
_READABLE_PART = re.compile(
    rb"(Content-Type: (?:text/plain|message/delivery-status)[^\r\n]{0,200})\r\n\r\n"
)


# --- regex bait -----------------------------------------------------------------------------


def _splice(rng: random.Random, raw: bytes, text: bytes) -> tuple[bytes, str]:
    """``text`` put where a parser reads: after a Diagnostic-Code, or in the body."""
    for anchor in (b"Diagnostic-Code: smtp; ", b"\r\n\r\n", b"\n\n"):
        at = raw.find(anchor)
        if at >= 0 and rng.random() < 0.8:
            at += len(anchor)
            return raw[:at] + text + raw[at:], anchor.decode().strip() or "body"
    return raw + b"\r\n\r\n" + text, "end"


def space_run(rng: random.Random, case: Case, ctx: Context) -> None:
    size = rng.choice((10_000, 100_000, 500_000))
    run = rng.choice((b" ", b"\t", b" \t", b"\r\n ", b"=20", b"&nbsp;"))
    text = b"550 5.1.1 <" + run * (size // len(run)) + b"user unknown"
    case.raw, where = _splice(rng, case.raw, text)
    case.recipe.append(f"space-run({run!r}x{size // len(run)} at {where})")


def repeated_phrase(rng: random.Random, case: Case, ctx: Context) -> None:
    phrase = rng.choice(ctx.phrases).encode("utf-8")
    glue = rng.choice((b" ", b"", b", ", b"\r\n", b" x "))
    times = rng.choice((100, 2000, 20_000))
    text = glue.join([phrase] * times)
    case.raw, where = _splice(rng, case.raw, text)
    case.recipe.append(f"repeat({phrase[:40]!r}, glue {glue!r}, x{times} at {where})")


def address_bait(rng: random.Random, case: Case, ctx: Context) -> None:
    kind = rng.choice(("at-run", "dots", "brackets", "long-local", "long-domain", "quotes"))
    n = rng.choice((1000, 50_000))
    text = {
        "at-run": b"a@" * n,
        "dots": b"user" + b"." * n + b"@example.com",
        "brackets": b"<" * n + b"x@y.example" + b">" * (n // 2),
        "long-local": b"x" * n + b"@example.com " * 3,
        "long-domain": b"user@" + b"a." * n + b"com",
        "quotes": b'"' * n + b"@example.com",
    }[kind]
    case.raw, where = _splice(rng, case.raw, text)
    case.recipe.append(f"address({kind}x{n} at {where})")


def html_bait(rng: random.Random, case: Case, ctx: Context) -> None:
    n = rng.choice((1000, 50_000))
    text = rng.choice((b"<" * n, b"<br" * n, b"<p>" * n, b"<a " + b"x" * n))
    case.raw = (
        b"Content-Type: text/html\r\nFrom: MAILER-DAEMON@mx.example\r\n\r\n" + text + case.raw
    )
    case.recipe.append(f"html({text[:6]!r}x{n})")


# --- tokens ---------------------------------------------------------------------------------


def _swap_token(case: Case, old: str, new: str) -> None:
    case.raw = case.raw.replace(old.encode(), new.encode())
    case.envelope_to = case.envelope_to.replace(old, new)


def forge_tag(rng: random.Random, case: Case, ctx: Context) -> None:
    copy = next((c for c in ctx.copies if c.verp in case.envelope_to), rng.choice(ctx.copies))
    local, _, domain = copy.verp.partition("@")
    at = rng.randrange(len(local) - 16, len(local))
    forged = local[:at] + rng.choice("abcdefghijklmnopqrstuvwxyz234567".replace(local[at], ""))
    forged += local[at + 1 :] + "@" + domain
    _swap_token(case, copy.verp, forged)
    case.envelope_to = forged
    case.recipe.append(f"forge-tag@{at}")


def forge_key(rng: random.Random, case: Case, ctx: Context) -> None:
    copy = next((c for c in ctx.copies if c.verp in case.envelope_to), rng.choice(ctx.copies))
    token = ReturnPath.verify(copy.verp, ctx.key, today=dt.date.today())
    assert token is not None
    forged = token.address(b"guessed-key-%d" % rng.randrange(1000), ctx.domain)
    _swap_token(case, copy.verp, forged)
    case.envelope_to = forged
    case.recipe.append("forge-key")


def replay_expired(rng: random.Random, case: Case, ctx: Context) -> None:
    copy = next((c for c in ctx.copies if c.verp in case.envelope_to), rng.choice(ctx.copies))
    token = ReturnPath.verify(copy.verp, ctx.key, today=dt.date.today())
    assert token is not None
    days = rng.choice((1, 30, 5000))
    expired = ReturnPath(token.account_id, token.recipient_id, dt.date.today() - dt.timedelta(days))
    replayed = expired.address(ctx.key, ctx.domain)  # our own key: only the expiry is wrong
    _swap_token(case, copy.verp, replayed)
    case.envelope_to = replayed
    case.recipe.append(f"expired-{days}d")


def forge_ids(rng: random.Random, case: Case, ctx: Context) -> None:
    copy = next((c for c in ctx.copies if c.verp in case.envelope_to), rng.choice(ctx.copies))
    token = ReturnPath.verify(copy.verp, ctx.key, today=dt.date.today())
    assert token is not None
    other = ReturnPath(token.account_id + 1, token.recipient_id + 1, token.expires)
    tag = copy.verp.split("@")[0].rsplit("-", 1)[1]  # a real tag on another copy's ids
    forged = other.local_part(b"x").rsplit("-", 1)[0] + "-" + tag + "@" + ctx.domain
    _swap_token(case, copy.verp, forged)
    case.envelope_to = forged
    case.recipe.append("forge-ids")


def wrong_copy(rng: random.Random, case: Case, ctx: Context) -> None:
    """A valid token of one copy on a DSN about another address: at most that copy is hit."""
    copy, other = rng.sample(ctx.copies, 2)
    case.raw = dsn(copy.verp, other.address)
    case.envelope_to = copy.verp
    case.seed_name = "dsn-built"
    case.recipe.append("token-of-another-copy")


def untokened(rng: random.Random, case: Case, ctx: Context) -> None:
    plain = f"postmaster@{ctx.domain}"
    for copy in ctx.copies:
        _swap_token(case, copy.verp, plain)
    case.envelope_to = plain
    case.recipe.append("no-token")


DAMAGE: dict[str, Mutation] = {
    "truncate": truncate,
    "flip": flip_bytes,
    "junk": insert_junk,
    "no-line-breaks": no_line_breaks,
    "line-ends": bare_line_ends,
    "nest-multipart": nest_multipart,
    "nest-rfc822": nest_rfc822,
    "parts": many_parts,
    "recipients": many_recipients,
    "header": huge_header,
    "headers": many_headers,
    "charset": bad_charset,
    "encoding": bad_encoding,
    "encode-parts": encode_parts,
    "space-run": space_run,
    "repeat": repeated_phrase,
    "address": address_bait,
    "html": html_bait,
}
TOKENS: dict[str, Mutation] = {
    "forge-tag": forge_tag,
    "forge-key": forge_key,
    "expired": replay_expired,
    "forge-ids": forge_ids,
    "wrong-copy": wrong_copy,
    "no-token": untokened,
}


def build(run_seed: int, index: int, pool: list[tuple[str, bytes]], ctx: Context) -> Case:
    """Case ``index`` of the run seeded ``run_seed``: a seed and its mutations."""
    rng = random.Random(f"{run_seed}:{index}")
    name, raw = rng.choice(pool)
    copy = rng.choice(ctx.copies)
    envelope = next((c.verp for c in ctx.copies if c.verp.encode() in raw), copy.verp)
    case = Case(index, name, raw, envelope)
    if rng.random() < 0.35:
        TOKENS[rng.choice(sorted(TOKENS))](rng, case, ctx)
    for _ in range(rng.choice((1, 1, 2, 3))):
        DAMAGE[rng.choice(sorted(DAMAGE))](rng, case, ctx)
    return case
