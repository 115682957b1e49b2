"""Mutated returned messages through the bounce parser or a real bounce listener.

    python bench/fuzz_bounces.py [--seed S] [--count N] [--through parser|listener]
                                 [--max-seconds T] [--failures DIR] [--only I]

Each case is a seed (a sample under CORPUS_DIR, default $BOUNCE_CORPUS or ../shared/corpus,
and the messages tests/support/dsn.py composes) with mutations drawn from
tests/support/mutations.py: truncation, flipped bytes, multipart nested hundreds of levels
deep, megabyte headers, bad charsets and encodings, forged or replayed VERP tokens, DSNs
naming tens of thousands of recipients, and regex bait (long runs of spaces, a phrase of the
parser's data files repeated thousands of times, no line breaks). Case I of seed S is the
same bytes on every run: ``--only I`` replays it.

Through the parser it checks that ``parse`` raises nothing (not even inside, where it would
turn a bug into UNPARSED) and reports no recipient absent from the message. Through the
listener (a relay started in-process on 127.0.0.1 with a scratch SQLite store, a few copies
sent through it first so that real tokens exist) it checks that every reply after the
greeting carries an enhanced status code and that no case suppresses or verifies an address
unless the case still carries that copy's intact token. Both check the time per message
against ``--limit`` (1 s). Failing cases are written to ``--failures`` as ``<index>.eml``
with their recipe in ``<index>.txt``. Exit 1 when any case failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import trustme
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bounce_parser import Kind, parse  # noqa: E402
from bounce_parser.verp import ReturnPath  # noqa: E402
from relay.service import RelayService  # noqa: E402
from storage.models import Bounce, Suppression  # noqa: E402
from tests.support import mutations  # noqa: E402
from tests.support.harness import Relay, add_account, base_sections, message  # noqa: E402
from tests.support.harness import load as load_settings  # noqa: E402
from tests.support.mutations import Case, Context, Copy  # noqa: E402
from tests.support.upstream import Upstream  # noqa: E402

DOMAIN = "bounces.relay.test"
_ENHANCED = re.compile(rb"^[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}(?:[ \r]|$)")


def default_corpus() -> Path:
    configured = os.environ.get("BOUNCE_CORPUS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass
class Tally:
    """What a run saw: timings, outcomes, failures (index -> why)."""

    limit: float
    times: list[float] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)
    over_limit: int = 0

    def add(self, case: Case, seconds: float, outcome: str, problem: str | None) -> None:
        self.times.append(seconds)
        self.kinds[outcome] = self.kinds.get(outcome, 0) + 1
        self.slowest = sorted([*self.slowest, (seconds, case.label)], reverse=True)[:10]
        if seconds > self.limit:
            self.over_limit += 1
            problem = problem or f"took {seconds:.2f} s"
            print(f"  slow: {seconds:.2f} s  {case.label[:160]}", flush=True)
        if len(self.times) % 1000 == 0:
            print(f"  ... {len(self.times)} cases, {len(self.failures)} failing", flush=True)
        if problem:
            self.failures[case.index] = problem

    def print(self, elapsed: float) -> None:
        times = sorted(self.times) or [0.0]
        pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
        print(f"cases: {len(self.times)} in {elapsed:.0f} s")
        print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items())))
        print(
            f"time per message: p50 {pick(0.5) * 1000:.1f} ms, p99 {pick(0.99) * 1000:.1f} ms,"
            f" max {times[-1] * 1000:.1f} ms, mean {statistics.fmean(times) * 1000:.1f} ms;"
            f" over {self.limit:g} s: {self.over_limit}"
        )
        print("slowest:")
        for seconds, label in self.slowest:
            print(f"  {seconds * 1000:8.1f} ms  {label[:160]}")
        print(f"failures: {len(self.failures)}")
        for index, why in list(self.failures.items())[:20]:
            print(f"  #{index}: {why[:200]}")


def save_failure(directory: Path, case: Case, why: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{case.index}.eml").write_bytes(case.raw)
    (directory / f"{case.index}.txt").write_text(
        f"{case.label}\nenvelope: {case.envelope_to}\nproblem: {why}\n", encoding="utf-8"
    )


# --- through the parser --------------------------------------------------------------------


def parser_context() -> Context:
    key = b"fuzz-verp-key-0123456789"
    expires = today() + dt.timedelta(days=365)
    copies = tuple(
        Copy(f"rcpt{n}@example.net", ReturnPath(1, 100 + n, expires).address(key, DOMAIN))
        for n in range(8)
    )
    return Context(copies, key, DOMAIN, mutations.phrase_words())


def run_parser(args: argparse.Namespace, pool: list[tuple[str, bytes]], ctx: Context) -> Tally:
    tally = Tally(args.limit)
    started = time.monotonic()
    for index in cases(args):
        if time.monotonic() - started > args.max_seconds:
            print(f"stopped at the time bound ({args.max_seconds:g} s)")
            break
        case = mutations.build(args.seed, index, pool, ctx)
        t0 = time.perf_counter()
        try:
            report = parse(case.raw)
        except Exception as exc:  # parse promised never to raise
            tally.add(case, time.perf_counter() - t0, "raised", f"parse raised {exc!r}")
            save_failure(args.failures, case, tally.failures[index])
            continue
        seconds = time.perf_counter() - t0
        problem = mutations.inner_failure(case.raw) if report.kind is Kind.UNPARSED else None
        missing = mutations.untraceable(report, case.raw)
        if missing:
            problem = f"recipients not in the message: {missing[:3]}"
        tally.add(case, seconds, str(report.kind), problem)
        if index in tally.failures:
            save_failure(args.failures, case, tally.failures[index])
    tally.print(time.monotonic() - started)
    return tally


def cases(args: argparse.Namespace) -> range:
    if args.only is not None:
        return range(args.only, args.only + 1)
    return range(args.start, args.start + args.count)


# --- through the bounce listener ------------------------------------------------------------


@contextlib.asynccontextmanager
async def running_relay(tmp: Path) -> AsyncIterator[tuple[Relay, Upstream]]:
    """A relay on 127.0.0.1 with a scratch SQLite store and a capturing upstream."""
    ca = trustme.CA()
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    issued = ca.issue_cert("localhost", "127.0.0.1")
    issued.cert_chain_pems[0].write_to_path(str(cert))
    issued.private_key_pem.write_to_path(str(key))
    upstream = Upstream()
    await upstream.start()
    settings = load_settings(tmp, base_sections(tmp, cert, key, upstream.port))
    await add_account(settings, "acme", "acme.example", "app@acme", dkim=False)
    service = RelayService(settings)
    await service.startup()
    try:
        yield Relay(settings, service, ca), upstream
    finally:
        await service.shutdown()
        await upstream.stop()


@dataclass
class Client:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    async def reply(self) -> bytes:
        lines = []
        while True:
            line = await self.reader.readline()
            if not line:
                raise ConnectionError("the listener closed the connection")
            lines.append(line)
            if line[3:4] != b"-":
                return b"".join(lines)

    async def command(self, line: bytes) -> bytes:
        self.writer.write(line + b"\r\n")
        return await self.reply()


def stuffed(raw: bytes) -> bytes:
    """``raw`` as the DATA payload: dot-stuffed and ended with CRLF.CRLF."""
    body = raw.replace(b"\n.", b"\n..")
    body = b"." + body if body.startswith(b".") else body
    return body + (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n"


def reply_problem(step: str, reply: bytes) -> str | None:
    last = reply.rstrip(b"\r\n").split(b"\n")[-1]
    if not _ENHANCED.match(last):
        return f"{step} reply without an enhanced status code: {reply[:120]!r}"
    return None


async def deliver(port: int, case: Case) -> tuple[float, bytes, str | None]:
    """One SMTP transaction to the listener: (seconds for DATA, final reply, problem)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    client = Client(reader, writer)
    try:
        await client.reply()
        await client.command(b"EHLO fuzz.test")
        for step, line in (
            ("MAIL", b"MAIL FROM:<>"),
            ("RCPT", b"RCPT TO:<%s>" % case.envelope_to.encode()),
        ):
            reply = await client.command(line)
            problem = reply_problem(step, reply)
            if problem or not reply.startswith(b"2"):
                return 0.0, reply, problem
        reply = await client.command(b"DATA")
        if not reply.startswith(b"354"):
            return 0.0, reply, reply_problem("DATA", reply)
        t0 = time.perf_counter()
        writer.write(stuffed(case.raw))
        reply = await client.reply()
        seconds = time.perf_counter() - t0
        with contextlib.suppress(ConnectionError):
            await client.command(b"QUIT")
        return seconds, reply, reply_problem("end of data", reply)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def new_rows(relay: Relay, marks: list[int]) -> list[str]:
    """Addresses suppressed or given a verified bounce since ``marks``; advances the marks."""
    store = relay.service.store
    assert store is not None
    async with store.reading() as session:
        rows = list(
            await session.execute(
                select(Suppression.id, Suppression.address).where(Suppression.id > marks[0])
            )
        )
        bounced = list(
            await session.execute(
                select(Bounce.id, Bounce.address).where(Bounce.id > marks[1], Bounce.verified)
            )
        )
        last_bounce = await session.scalar(select(func.max(Bounce.id)))
    marks[0] = max([marks[0], *(r[0] for r in rows)])
    marks[1] = max(marks[1], last_bounce or 0)
    return [r[1] for r in rows] + [r[1] for r in bounced]


def tied_addresses(case: Case, copies: tuple[Copy, ...], key: bytes) -> set[str]:
    """The copies a case may still touch: those whose intact, valid token it carries."""
    seen = case.raw.lower() + case.envelope_to.lower().encode()
    tied = set()
    for copy in copies:
        local = copy.verp.partition("@")[0].lower()
        if local.encode() in seen and ReturnPath.verify(copy.verp, key, today=today()) is not None:
            tied.add(copy.address)
    return tied


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


async def run_listener(
    args: argparse.Namespace, pool_of: Callable[[tuple[Copy, ...]], list[tuple[str, bytes]]]
) -> Tally:
    tally = Tally(args.limit)
    with tempfile.TemporaryDirectory(prefix="fuzz-bounces-") as tmp:
        async with running_relay(Path(tmp)) as (relay, upstream):
            copies = await sent_copies(relay, upstream, args.copies)
            ctx = Context(copies, relay.key, DOMAIN, mutations.phrase_words())
            pool = pool_of(copies)
            marks = [0, 0]
            await new_rows(relay, marks)
            started = time.monotonic()
            for index in cases(args):
                if time.monotonic() - started > args.max_seconds:
                    print(f"stopped at the time bound ({args.max_seconds:g} s)")
                    break
                case = mutations.build(args.seed, index, pool, ctx)
                try:
                    async with asyncio.timeout(60):
                        seconds, reply, problem = await deliver(relay.service.bounce_port, case)
                except (TimeoutError, ConnectionError, OSError) as exc:
                    seconds, reply, problem = 60.0, b"", f"no reply: {exc!r}"
                untied = set(await new_rows(relay, marks)) - tied_addresses(case, copies, ctx.key)
                if untied:
                    problem = f"untied evidence suppressed or verified {sorted(untied)[:3]}"
                tally.add(case, seconds, reply[:3].decode("ascii", "replace") or "none", problem)
                if index in tally.failures:
                    save_failure(args.failures, case, tally.failures[index])
            tally.print(time.monotonic() - started)
    return tally


async def sent_copies(relay: Relay, upstream: Upstream, count: int) -> tuple[Copy, ...]:
    """Send ``count`` messages through the relay; the VERP address of each copy is real."""
    sender = "news@acme.example"
    async with relay.client() as smtp:
        for n in range(count):
            to = f"fuzz{n}@example.net"
            await smtp.sendmail(sender, [to], message(sender, to, extra=f"Message-ID: <f{n}>\r\n"))
    return tuple(Copy(r.rcpt_tos[0], r.mail_from) for r in upstream.received[-count:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--through", choices=("parser", "listener"), default="parser")
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--limit", type=float, default=1.0, help="seconds allowed per message")
    ap.add_argument("--max-seconds", type=float, default=3600.0, help="bound on the whole run")
    ap.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    ap.add_argument("--start", type=int, default=0, help="first case (to split a run)")
    ap.add_argument("--only", type=int, help="run case I alone (to reproduce it)")
    ap.add_argument("--copies", type=int, default=20, help="copies sent first (listener)")
    args = ap.parse_args()
    corpus: Path | None = args.corpus
    if corpus is None or not corpus.is_dir():
        print(f"no corpus at {args.corpus}: seeding from the test builders only", file=sys.stderr)
        corpus = None
    print(f"seed {args.seed}, {args.count} cases through the {args.through}")
    if args.through == "parser":
        ctx = parser_context()
        tally = run_parser(args, mutations.seeds(corpus, ctx.copies), ctx)
    else:
        tally = asyncio.run(run_listener(args, lambda copies: mutations.seeds(corpus, copies)))
    if tally.failures:
        print(f"failing cases written to {args.failures}/")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
