"""Bounces read from a mailbox: a Maildir an MDA delivers into, a real Dovecot over IMAP, and
``relay bounces ingest`` / ``relay bounces fetch`` as an operator runs them."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme
from sqlalchemy import select

from bounce_parser.verp import ReturnPath
from config import MailboxKind, MailboxSettings
from relay.bounce.mailbox import MailboxReader, PollResult
from relay.bounce.recorder import BounceRecorder
from storage.engine import open_store
from storage.models import Bounce
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.cli import invoke
from tests.support.dovecot import Dovecot, running_dovecot
from tests.support.dsn import dsn, vacation
from tests.support.harness import Relay, message, toml_value
from tests.support.upstream import Upstream

SENDER = "news@acme.example"
REPO = Path(__file__).resolve().parents[3]
NOT_A_BOUNCE = b"hello\r\n"
_unique = itertools.count()


@pytest.fixture
def dovecot(ca: trustme.CA, tmp_path: Path) -> Iterator[Dovecot]:
    with running_dovecot(ca, tmp_path) as server:
        yield server


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    """An empty Maildir, as the MDA that delivers the return-path mail has made it."""
    root = tmp_path / "Maildir"
    for sub in ("tmp", "new", "cur"):
        (root / sub).mkdir(parents=True)
    return root


def deliver(maildir: Path, raw: bytes) -> str:
    """Deliver like an MDA: write under tmp/, then rename into new/. Returns the file name."""
    name = f"{time.time_ns()}.M{next(_unique)}P{os.getpid()}.mx.relay.test"
    (maildir / "tmp" / name).write_bytes(raw)
    os.replace(maildir / "tmp" / name, maildir / "new" / name)
    return name


def folder(maildir: Path, name: str) -> list[bytes]:
    """The messages in a Maildir++ subfolder (``""`` for the inbox itself). A message the
    relay's reader moves away between the listing and the read is not there any more: the
    final run of stop 32 read the inbox while the reader took a DSN out of it
    (FileNotFoundError)."""
    base = maildir / f".{name}" if name else maildir
    found = []
    for path in (p for sub in ("new", "cur") for p in sorted((base / sub).glob("*"))):
        with contextlib.suppress(FileNotFoundError):
            found.append(path.read_bytes())
    return found


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    """Wait until ``check()`` is true: the reader works in the relay's own time."""
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.05)


async def inbox_read(maildir: Path) -> None:
    async def empty() -> bool:
        return folder(maildir, "") == []

    await eventually(empty)


async def send(relay: Relay, upstream: Upstream, to: str) -> str:
    """Send one message to ``to`` through the relay; returns the VERP sender it was sent with."""
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, [to], message(SENDER, to, extra=f"Message-ID: <m-{to}>\r\n"))
    return upstream.received[-1].mail_from


async def rcpt_code(relay: Relay, to: str) -> int:
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, _ = await smtp.execute_command(b"RCPT", f"TO:<{to}>".encode())
    return code


async def bounces_of(relay: Relay, address: str) -> list[Bounce]:
    async with db.store_of(relay).reading() as session:
        return list(await session.scalars(select(Bounce).where(Bounce.address == address)))


def forged_dsn(relay: Relay, verp: str, recipient: str) -> bytes:
    """A DSN to a return path signed with a guessed key, about a Message-ID we never sent."""
    token = ReturnPath.verify(verp, relay.key, today=dt.date.today())
    assert token is not None
    forged = ReturnPath(token.account_id, token.recipient_id, token.expires).address(
        b"a guessed key, not the relay's", "bounces.relay.test"
    )
    return dsn(forged, recipient, message_id="<not-ours@elsewhere.example>")


# --- Maildir, read by the running relay ---------------------------------------------------------


@pytest.fixture
async def maildir_relay(make_relay: MakeRelay, maildir: Path) -> Relay:
    return await make_relay(mailbox={"kind": "maildir", "path": str(maildir), "poll_interval": 0.2})


async def test_a_dsn_delivered_to_the_maildir_suppresses_and_is_moved_to_processed(
    maildir_relay: Relay, upstream: Upstream, maildir: Path
) -> None:
    verp = await send(maildir_relay, upstream, "dead@example.net")
    raw = dsn(verp, "dead@example.net")
    name = deliver(maildir, raw)
    await inbox_read(maildir)
    assert folder(maildir, "Processed") == [raw]
    assert [p.name for p in (maildir / ".Processed" / "cur").iterdir()] == [f"{name}:2,S"]
    assert folder(maildir, "Quarantine") == []
    (row,) = await bounces_of(maildir_relay, "dead@example.net")
    assert (row.verified, row.hard, row.reason) == (True, True, "user_unknown")
    assert await rcpt_code(maildir_relay, "dead@example.net") == 550


async def test_a_message_that_is_not_a_bounce_goes_to_quarantine(
    maildir_relay: Relay, maildir: Path
) -> None:
    deliver(maildir, NOT_A_BOUNCE)
    await inbox_read(maildir)
    assert folder(maildir, "Quarantine") == [NOT_A_BOUNCE]
    assert folder(maildir, "Processed") == []


async def test_an_auto_reply_is_processed_and_suppresses_nothing(
    maildir_relay: Relay, upstream: Upstream, maildir: Path
) -> None:
    verp = await send(maildir_relay, upstream, "away@example.net")
    raw = vacation(verp, "away@example.net")
    deliver(maildir, raw)
    await inbox_read(maildir)
    assert folder(maildir, "Processed") == [raw]
    assert await bounces_of(maildir_relay, "away@example.net") == []
    assert await rcpt_code(maildir_relay, "away@example.net") == 250


async def test_a_forged_dsn_is_kept_and_suppresses_nothing(
    maildir_relay: Relay, upstream: Upstream, maildir: Path
) -> None:
    verp = await send(maildir_relay, upstream, "bob@example.net")
    raw = forged_dsn(maildir_relay, verp, "bob@example.net")
    deliver(maildir, raw)
    await inbox_read(maildir)
    assert sorted([*folder(maildir, "Processed"), *folder(maildir, "Quarantine")]) == [raw]
    assert not any(row.verified for row in await bounces_of(maildir_relay, "bob@example.net"))
    assert await rcpt_code(maildir_relay, "bob@example.net") == 250


@pytest.mark.parametrize("kind", ["maildir", "imap"])
async def test_a_message_stays_in_the_mailbox_while_the_store_is_down(
    request: pytest.FixtureRequest, relay: Relay, maildir: Path, tmp_path: Path, kind: str
) -> None:
    raw = dsn("postmaster@bounces.relay.test", "dead@example.net")
    if kind == "imap":
        server: Dovecot = request.getfixturevalue("dovecot")
        section = MailboxSettings.model_validate(server.mailbox())
        await asyncio.to_thread(server.deliver, raw)

        def waiting() -> list[bytes]:
            return server.messages("INBOX")
    else:
        section = MailboxSettings(kind=MailboxKind.MAILDIR, path=maildir)
        deliver(maildir, raw)

        def waiting() -> list[bytes]:
            return folder(maildir, "")

    settings = relay.settings.model_copy(update={"mailbox": section})
    (tmp_path / "gone.db").mkdir()  # a store no connection can open
    down = open_store(f"sqlite+aiosqlite:///{tmp_path / 'gone.db'}", pool_size=1)
    reader = MailboxReader(settings, BounceRecorder(settings, down, relay.key))
    try:
        for _ in range(2):  # not lost, not moved: read again at every poll
            assert await reader.poll_once() == PollResult(failed=1)
            assert await asyncio.to_thread(waiting) == [raw]
    finally:
        await down.close()


# --- IMAP: a real Dovecot, read by the running relay --------------------------------------------


@pytest.mark.parametrize("tls", ["implicit", "starttls"])
async def test_a_dsn_in_the_imap_inbox_suppresses_and_is_moved_not_deleted(
    dovecot: Dovecot, make_relay: MakeRelay, upstream: Upstream, tls: str
) -> None:
    port = dovecot.imaps_port if tls == "implicit" else dovecot.imap_port
    relay = await make_relay(mailbox=dovecot.mailbox(tls=tls, port=port))
    verp = await send(relay, upstream, "dead@example.net")
    raw = dsn(verp, "dead@example.net")
    await asyncio.to_thread(dovecot.deliver, raw)
    await asyncio.to_thread(dovecot.deliver, NOT_A_BOUNCE)

    async def inbox_empty() -> bool:
        return await asyncio.to_thread(dovecot.messages, "INBOX") == []

    await eventually(inbox_empty)
    assert await asyncio.to_thread(dovecot.messages, "Processed") == [raw]
    assert await asyncio.to_thread(dovecot.messages, "Quarantine") == [NOT_A_BOUNCE]
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_a_wrong_imap_password_is_logged_and_the_relay_keeps_running(
    dovecot: Dovecot,
    make_relay: MakeRelay,
    upstream: Upstream,
    caplog: pytest.LogCaptureFixture,
) -> None:
    waiting = dsn("postmaster@bounces.relay.test", "dead@example.net")
    await asyncio.to_thread(dovecot.deliver, waiting)
    caplog.set_level(logging.WARNING, logger="relay.mailbox")
    relay = await make_relay(mailbox=dovecot.mailbox(password="not the password"))

    async def refused_twice() -> bool:  # logged, and polled again
        return caplog.text.count("AUTHENTICATIONFAILED") >= 2

    async def hung_up_each_time() -> bool:  # no connection left open behind a failed poll
        return dovecot.log().count("Connection closed (auth failed") >= 2

    await eventually(refused_twice)
    await eventually(hung_up_each_time)
    await send(relay, upstream, "bob@example.net")
    assert upstream.received[-1].rcpt_tos == ("bob@example.net",)
    assert await rcpt_code(relay, "dead@example.net") == 250
    assert await asyncio.to_thread(dovecot.messages, "INBOX") == [waiting]


# --- The command line against the running relay's store -----------------------------------------


@dataclass(frozen=True)
class Done:
    code: int
    out: list[str]
    err: list[str]


async def relay_command(*args: str, stdin: bytes = b"") -> Done:
    """``relay ARGS`` in this process (click's CliRunner), with no RELAY_* variables of ours."""
    done = await asyncio.to_thread(invoke, args, env={}, stdin=stdin)
    return Done(done.returncode, done.stdout.splitlines(), done.stderr.splitlines())


def config_with_mailbox(tmp_path: Path, section: dict[str, Any]) -> Path:
    """The running relay's configuration (same store, same VERP key) plus a ``[mailbox]``."""
    lines = [f"{key} = {toml_value(value)}" for key, value in section.items()]
    path = tmp_path / "fetch.toml"
    text = (tmp_path / "relay.toml").read_text() + "[mailbox]\n" + "\n".join(lines) + "\n"
    path.write_text(text)
    return path


def ingested(name: str, outcome: str, kind: str, n: int) -> str:
    return f"{name}: {outcome} ({kind}), {n} recorded, {n} tied to a sent copy, {n} suppressed"


async def test_ingest_a_dsn_file(relay: Relay, upstream: Upstream, tmp_path: Path) -> None:
    verp = await send(relay, upstream, "dead@example.net")
    path = tmp_path / "bounce.eml"
    path.write_bytes(dsn(verp, "dead@example.net"))
    done = await relay_command(
        "--config", str(tmp_path / "relay.toml"), "bounces", "ingest", str(path)
    )
    assert (done.code, done.err) == (0, [])
    assert done.out == [ingested(str(path), "recorded", "failed", 1), "1 message, 1 recorded"]
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_ingest_an_mbox_of_three_messages(
    relay: Relay, upstream: Upstream, tmp_path: Path
) -> None:
    first = await send(relay, upstream, "dead@example.net")
    second = await send(relay, upstream, "away@example.net")
    third = await send(relay, upstream, "gone@example.net")
    messages = [
        dsn(first, "dead@example.net"),
        vacation(second, "away@example.net"),
        dsn(third, "gone@example.net", status="5.1.2", diagnostic="smtp; 550 5.1.2 Host unknown"),
    ]
    path = tmp_path / "bounces.mbox"  # an mbox as mail programs write it: LF line ends
    path.write_bytes(
        b"".join(
            b"From MAILER-DAEMON Mon Nov 23 08:30:00 2026\n" + raw.replace(b"\r\n", b"\n") + b"\n"
            for raw in messages
        )
    )
    done = await relay_command(
        "--config", str(tmp_path / "relay.toml"), "bounces", "ingest", str(path)
    )
    assert (done.code, done.err) == (0, [])
    assert done.out == [
        ingested(f"{path}#1", "recorded", "failed", 1),
        ingested(f"{path}#2", "ignored", "auto_reply", 0),
        ingested(f"{path}#3", "recorded", "failed", 1),
        "3 messages, 2 recorded",
    ]
    assert await rcpt_code(relay, "dead@example.net") == 550
    assert await rcpt_code(relay, "away@example.net") == 250
    assert await rcpt_code(relay, "gone@example.net") == 550


async def test_ingest_from_stdin(relay: Relay, upstream: Upstream, tmp_path: Path) -> None:
    verp = await send(relay, upstream, "dead@example.net")
    done = await relay_command(
        "--config",
        str(tmp_path / "relay.toml"),
        "bounces",
        "ingest",
        "-",
        stdin=dsn(verp, "dead@example.net"),
    )
    assert (done.code, done.err) == (0, [])
    assert done.out == [ingested("stdin", "recorded", "failed", 1), "1 message, 1 recorded"]
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_fetch_reads_the_maildir_once(
    relay: Relay, upstream: Upstream, tmp_path: Path, maildir: Path
) -> None:
    verp = await send(relay, upstream, "dead@example.net")
    raw = dsn(verp, "dead@example.net")
    deliver(maildir, raw)
    deliver(maildir, NOT_A_BOUNCE)
    config = config_with_mailbox(tmp_path, {"kind": "maildir", "path": str(maildir)})
    done = await relay_command("--config", str(config), "bounces", "fetch")
    assert (done.code, done.err) == (0, [])
    assert done.out == ["1 recorded, 0 ignored, 1 quarantined, 0 left for the next poll"]
    assert folder(maildir, "") == []
    assert folder(maildir, "Processed") == [raw]
    assert folder(maildir, "Quarantine") == [NOT_A_BOUNCE]
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_fetch_reads_the_imap_mailbox_once(
    dovecot: Dovecot, relay: Relay, upstream: Upstream, tmp_path: Path
) -> None:
    verp = await send(relay, upstream, "dead@example.net")
    raw = dsn(verp, "dead@example.net")
    await asyncio.to_thread(dovecot.deliver, raw)
    await asyncio.to_thread(dovecot.deliver, NOT_A_BOUNCE)
    config = config_with_mailbox(tmp_path, dovecot.mailbox())
    done = await relay_command("--config", str(config), "bounces", "fetch")
    assert (done.code, done.err) == (0, [])
    assert done.out == ["1 recorded, 0 ignored, 1 quarantined, 0 left for the next poll"]
    assert await asyncio.to_thread(dovecot.messages, "INBOX") == []
    assert await asyncio.to_thread(dovecot.messages, "Processed") == [raw]
    assert await asyncio.to_thread(dovecot.messages, "Quarantine") == [NOT_A_BOUNCE]

    def fetch_session() -> list[str]:  # Dovecot's summary of the session that read both
        return [line for line in dovecot.log().splitlines() if "body_count=2 " in line]

    async def fetch_session_logged() -> bool:
        return bool(fetch_session())

    # Dovecot offers MOVE, so nothing was flagged \Deleted and the folder was not expunged.
    await eventually(fetch_session_logged)
    assert "deleted=0 expunged=0" in fetch_session()[0]
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_fetch_with_a_wrong_imap_password_is_one_line_and_exit_1(
    dovecot: Dovecot, relay: Relay, tmp_path: Path
) -> None:
    await asyncio.to_thread(dovecot.deliver, NOT_A_BOUNCE)
    config = config_with_mailbox(tmp_path, dovecot.mailbox(password="not the password"))
    done = await relay_command("--config", str(config), "bounces", "fetch")
    assert done.code == 1
    (line,) = done.err
    assert line.startswith("relay: error: mailbox: ")
    assert "AUTHENTICATIONFAILED" in line
    assert done.out == []
    assert await asyncio.to_thread(dovecot.messages, "INBOX") == [NOT_A_BOUNCE]


async def test_fetch_from_an_unreachable_imap_server_blames_the_mailbox(
    relay: Relay, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    section = {"kind": "imap", "host": "127.0.0.1", "port": port, "username": "u", "password": "p"}
    done = await relay_command(
        "--config", str(config_with_mailbox(tmp_path, section)), "bounces", "fetch"
    )
    assert done.code == 1
    (line,) = done.err
    assert line.startswith("relay: error: mailbox: "), line  # the store is fine
