"""PIPELINING (RFC 2920) on pooled upstream connections, against real sockets on 127.0.0.1: a
raw upstream that answers as each test says and records every byte, and aiosmtpd."""

from __future__ import annotations

import asyncio
import contextlib
import re
import ssl
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtplib.email import quote_address
from aiosmtplib.protocol import PERIOD_REGEX, normalize_message_line_endings

from config import Settings, UpstreamTLS, load_settings
from relay.send.transports.base import NO_SMTPUTF8, Reply
from relay.send.transports.pipelining import MAX_LINE, data_payload
from relay.send.transports.smarthost import ConnectionPool, Endpoint, SmarthostTransport
from tests.support.harness import message, write_config
from tests.support.upstream import Upstream

SENDER = "b-token@bounces.relay.test"
RECIPIENT = "bob@example.net"
BODY = message("news@acme.example", RECIPIENT)
OK = Reply(250, "2.0.0 Ok: queued as 1")

TRICKY = {
    "leading-dots": b".first\r\n..second\r\nmiddle.\r\n.\r\n",
    "bare-lf": b"Subject: x\n\n.dot after LF\nlast",
    "bare-cr": b"a\rb\r.c\r\r\nd",
    "lf-cr": b"a\n\rb",
    "no-final-newline": b"Subject: x\r\n\r\nbody",
    "empty": b"",
    "one-dot": b".",
    "only-crlf-dot": b"\r\n.\r\n",
    "crlf-ok": BODY,
}


@dataclass
class Scripted:
    """A raw SMTP upstream that answers as the test says and records what arrives.

    With ``pipelining`` it offers PIPELINING and (unless not ``hold``) holds its MAIL and RCPT
    replies back until DATA arrives, so a client that waited for each reply would never get
    one. Without, it counts the commands that arrive before it answered MAIL (``improper``).
    """

    pipelining: bool = True
    hold: bool = True
    smtputf8: bool = True
    tls: ssl.SSLContext | None = None  # offered as STARTTLS
    implicit_tls: bool = False
    replies: dict[str, bytes] = field(default_factory=dict)  # by verb, END for end of data
    delays: dict[str, float] = field(default_factory=dict)  # seconds before the reply
    hang_up: set[str] = field(default_factory=set)  # close instead of answering (once each)
    hang_up_after: int = 0  # bodies taken before ``hang_up`` applies
    hold_end: float = 0.0  # seconds the reply to a body waits for the next command to come
    silent: set[str] = field(default_factory=set)  # never answered; the server reads on
    split: bool = False  # write replies three bytes at a time
    data_after_refusal: bool = False  # 354 even without an accepted envelope
    commands: list[bytes] = field(default_factory=list)
    over_tls: list[bool] = field(default_factory=list)  # per command
    bodies: list[bytes] = field(default_factory=list)  # after 354, up to ".\r\n" included
    connections: int = 0
    ended: int = 0
    improper: int = 0
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)
    _tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._session, "127.0.0.1", 0, ssl=self.tls if self.implicit_tls else None
        )
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.close()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)

    def say(self, data: bytes) -> None:
        """Write ``data`` on every open connection, unasked."""
        for writer in self._writers:
            if not writer.is_closing():
                writer.write(data)

    def verbs(self) -> list[str]:
        return [_verb(line) for line in self.commands]

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.append(writer)
        self.connections += 1
        try:
            await self._converse(reader, writer)
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            self.ended += 1
            writer.close()

    async def _converse(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        pending: list[bytes] = []
        early: list[bytes] = []
        mail_ok = rcpt_ok = False
        await self._write(writer, [b"220 raw.test ESMTP\r\n"])
        while line := early.pop(0) if early else await reader.readline():
            verb = _verb(line)
            self.commands.append(line)
            self.over_tls.append(writer.get_extra_info("sslcontext") is not None)
            if verb in self.hang_up and len(self.bodies) >= self.hang_up_after:
                self.hang_up.discard(verb)
                await self._write(writer, pending)
                return
            await asyncio.sleep(self.delays.get(verb, 0))
            if verb in self.silent:
                continue
            if verb == "EHLO":
                pending.append(self._ehlo(writer))
            elif verb == "STARTTLS" and self.tls is not None:
                await self._write(writer, [b"220 2.0.0 Ready to start TLS\r\n"])
                await writer.start_tls(self.tls)
                continue
            elif verb == "MAIL":
                pending.append(self.replies.get("MAIL", b"250 2.1.0 Ok\r\n"))
                mail_ok = pending[-1].startswith(b"2")
                if not self.pipelining:
                    with contextlib.suppress(TimeoutError):
                        early.append(await asyncio.wait_for(reader.readline(), 0.1))
                        self.improper += bool(early[-1])
            elif verb == "RCPT":
                pending.append(self.replies.get("RCPT", b"250 2.1.5 Ok\r\n"))
                rcpt_ok = mail_ok and pending[-1].startswith(b"2")
            elif verb == "DATA":
                if rcpt_ok or self.data_after_refusal:
                    pending.append(self.replies.get("DATA", b"354 End data\r\n"))
                else:
                    pending.append(b"503 5.5.1 Error: need RCPT command\r\n")
                if pending[-1].startswith(b"354") and not await self._data(
                    reader, writer, pending, early
                ):
                    return
                mail_ok = rcpt_ok = False
            elif verb == "RSET":
                pending.append(self.replies.get("RSET", b"250 2.0.0 Ok\r\n"))
                mail_ok = rcpt_ok = False
            elif verb == "QUIT":
                pending.append(self.replies.get("QUIT", b"221 2.0.0 Bye\r\n"))
                await self._write(writer, pending)
                return
            else:
                pending.append(b"502 5.5.2 Error: command not recognized\r\n")
            if not (self.pipelining and self.hold and verb in ("MAIL", "RCPT")):
                await self._write(writer, pending)

    async def _data(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        pending: list[bytes],
        early: list[bytes],
    ) -> bool:
        """Take the body and queue the reply to it; False when told to hang up instead."""
        await self._write(writer, pending)
        self.bodies.append(await _body(reader))
        if "END" in self.hang_up and len(self.bodies) > self.hang_up_after:
            self.hang_up.discard("END")
            return False
        await asyncio.sleep(self.delays.get("END", 0))
        pending.append(self.replies.get("END", b"250 2.0.0 Ok: queued as 1\r\n"))
        if self.hold_end:
            with contextlib.suppress(TimeoutError):
                early.append(await asyncio.wait_for(reader.readline(), self.hold_end))
        return True

    def _ehlo(self, writer: asyncio.StreamWriter) -> bytes:
        lines = ["raw.test", "SIZE 10240000", "8BITMIME"]
        lines += ["SMTPUTF8"] if self.smtputf8 else []
        lines += ["PIPELINING"] if self.pipelining else []
        if self.tls is not None and writer.get_extra_info("sslcontext") is None:
            lines.append("STARTTLS")
        lines.append("HELP")
        return "".join(
            f"250{' ' if n == len(lines) - 1 else '-'}{text}\r\n" for n, text in enumerate(lines)
        ).encode()

    async def _write(self, writer: asyncio.StreamWriter, pending: list[bytes]) -> None:
        data = b"".join(pending)
        pending.clear()
        chunk = 3 if self.split else len(data) or 1
        for start in range(0, len(data), chunk):
            writer.write(data[start : start + chunk])
            await writer.drain()
            if self.split:
                await asyncio.sleep(0.001)


def _verb(line: bytes) -> str:
    return line.split(b" ", 1)[0].strip().upper().decode("ascii", "replace")


async def _body(reader: asyncio.StreamReader) -> bytes:
    lines = []
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("closed during DATA")
        lines.append(line)
        if line == b".\r\n":
            return b"".join(lines)


Serve = Callable[..., Any]  # Scripted's options -> a started Scripted (awaitable)
Connect = Callable[..., SmarthostTransport]


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    started: list[Scripted] = []

    async def start(**options: Any) -> Scripted:
        server = Scripted(**options)
        await server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        await server.stop()


@pytest.fixture
async def connect(tmp_path: Path) -> AsyncIterator[Connect]:
    """A smarthost transport to ``scheme://127.0.0.1:port``; closed after the test."""
    made: list[SmarthostTransport] = []

    def make(port: int, scheme: str = "smtp", **delivery: Any) -> SmarthostTransport:
        transport = SmarthostTransport(
            _settings(tmp_path, f"{scheme}://127.0.0.1:{port}", **delivery)
        )
        made.append(transport)
        return transport

    yield make
    for transport in made:
        await transport.close()


def _settings(tmp_path: Path, upstream: str, **delivery: Any) -> Settings:
    values = {
        "upstream": upstream,
        "connect_timeout": 5.0,
        "command_timeout": 5.0,
        "verify_upstream_tls": False,
        **delivery,
    }
    path = write_config(
        tmp_path / "relay.toml", {"delivery": values}, {"data_dir": str(tmp_path / "var")}
    )
    return load_settings(path, environ={})


def _server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


def _aiosmtplib_payload(body: bytes) -> bytes:
    return PERIOD_REGEX.sub(b"..", normalize_message_line_endings(body)) + b".\r\n"


async def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


# The payload after DATA


@pytest.mark.parametrize("body", TRICKY.values(), ids=TRICKY.keys())
def test_the_data_payload_is_the_one_aiosmtplib_sends(body: bytes) -> None:
    payload, size = data_payload(body)
    assert payload == _aiosmtplib_payload(body)
    assert size == len(normalize_message_line_endings(body))


def test_dots_are_doubled_line_ends_made_crlf_and_the_end_marked() -> None:
    payload, size = data_payload(b".a\n.\nb.\r\n..c")
    assert payload == b"..a\r\n..\r\nb.\r\n...c\r\n.\r\n"
    assert size == len(b".a\r\n.\r\nb.\r\n..c\r\n")


# One copy, pipelined


async def test_mail_rcpt_and_data_go_out_together_then_the_body(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve()
    transport = connect(upstream.port, command_timeout=2.0)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    size = len(BODY)
    assert upstream.commands[1:] == [
        f"MAIL FROM:<{SENDER}> SIZE={size}\r\n".encode(),
        f"RCPT TO:<{RECIPIENT}>\r\n".encode(),
        b"DATA\r\n",
    ]
    assert upstream.bodies == [BODY + b".\r\n"]


async def test_non_ascii_addresses_ask_for_smtputf8(serve: Serve, connect: Connect) -> None:
    upstream = await serve()
    transport = connect(upstream.port)
    assert await transport.send(SENDER, "jürgen@bücher.example", BODY) == OK
    assert upstream.commands[1:3] == [
        f"MAIL FROM:<{SENDER}> SIZE={len(BODY)} SMTPUTF8\r\n".encode(),
        "RCPT TO:<jürgen@bücher.example>\r\n".encode(),
    ]


async def test_a_second_copy_reuses_the_connection_without_rset(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve()
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert await transport.send(SENDER, "carol@example.net", BODY) == OK
    assert upstream.connections == 1
    assert upstream.verbs() == ["EHLO", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA"]
    assert upstream.commands[5] == b"RCPT TO:<carol@example.net>\r\n"


async def test_replies_split_across_many_writes_are_put_together(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve(
        split=True, replies={"END": b"250-2.0.0 first\r\n250-second\r\n250 2.0.0 queued\r\n"}
    )
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == Reply(
        250, "2.0.0 first\nsecond\n2.0.0 queued"
    )
    assert await transport.send(SENDER, RECIPIENT, BODY) == Reply(
        250, "2.0.0 first\nsecond\n2.0.0 queued"
    )


async def test_a_server_without_pipelining_gets_one_command_at_a_time(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve(pipelining=False)
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.improper == 0
    assert upstream.connections == 1
    assert upstream.verbs() == ["EHLO", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA"]


# The same replies and bytes whether the server pipelines or not

REFUSALS = {
    "mail-550": ({"MAIL": b"550 5.7.1 Sender rejected\r\n"}, Reply(550, "5.7.1 Sender rejected")),
    "rcpt-452": (
        {"RCPT": b"452 4.5.3 Too many recipients\r\n"},
        Reply(452, "4.5.3 Too many recipients"),
    ),
    "rcpt-550-multiline": (
        {"RCPT": b"550-5.1.1 No such user\r\n550 5.1.1 here\r\n"},
        Reply(550, "5.1.1 No such user\n5.1.1 here"),
    ),
    "data-554": (
        {"DATA": b"554 5.5.1 No valid recipients\r\n"},
        Reply(554, "5.5.1 No valid recipients"),
    ),
}


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
@pytest.mark.parametrize(("replies", "expected"), REFUSALS.values(), ids=REFUSALS.keys())
async def test_a_refused_envelope_is_the_copys_reply_and_the_connection_is_reset(
    serve: Serve,
    connect: Connect,
    pipelining: bool,
    replies: dict[str, bytes],
    expected: Reply,
) -> None:
    upstream = await serve(pipelining=pipelining, replies=dict(replies))
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == expected
    assert "RSET" in upstream.verbs()
    assert upstream.bodies == []
    del upstream.replies[next(iter(replies))]
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 1
    assert upstream.verbs()[-3:] == ["MAIL", "RCPT", "DATA"]


ENDINGS = {
    "552": (b"552 5.3.4 Message too big\r\n", Reply(552, "5.3.4 Message too big")),
    "451": (b"451 4.3.0 Try later\r\n", Reply(451, "4.3.0 Try later")),
    "multiline-250": (
        b"250-2.0.0 Ok\r\n250-\r\n250 queued as 7\r\n",
        Reply(250, "2.0.0 Ok\n\nqueued as 7"),
    ),
    "leading-empty-text": (b"250-\r\n250 2.0.0 Ok\r\n", Reply(250, "2.0.0 Ok")),
}


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
@pytest.mark.parametrize(("reply", "expected"), ENDINGS.values(), ids=ENDINGS.keys())
async def test_the_reply_after_the_body_is_the_copys_reply(
    serve: Serve,
    connect: Connect,
    pipelining: bool,
    reply: bytes,
    expected: Reply,
) -> None:
    upstream = await serve(pipelining=pipelining, replies={"END": reply})
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == expected
    del upstream.replies["END"]
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 1


@pytest.mark.parametrize("body", TRICKY.values(), ids=TRICKY.keys())
async def test_the_body_arrives_as_aiosmtplib_would_send_it(
    serve: Serve, connect: Connect, body: bytes
) -> None:
    pipelined, lockstep = await serve(), await serve(pipelining=False)
    assert await connect(pipelined.port).send(SENDER, RECIPIENT, body) == OK
    assert await connect(lockstep.port).send(SENDER, RECIPIENT, body) == OK
    assert pipelined.bodies == lockstep.bodies == [_aiosmtplib_payload(body)]
    assert re.sub(rb" size=", b" SIZE=", lockstep.commands[1]) == pipelined.commands[1]


ADDRESSES = [
    '"john doe"@example.net',
    "a..b@example.net",
    "jürgen@bücher.example",
    "u@[192.0.2.1]",
    "Bob <bob@example.net>",
]


@pytest.mark.parametrize("address", ADDRESSES)
async def test_addresses_go_on_the_command_line_as_aiosmtplib_puts_them(
    serve: Serve, connect: Connect, address: str
) -> None:
    pipelined, lockstep = await serve(), await serve(pipelining=False)
    assert await connect(pipelined.port).send(address, address, BODY) == OK
    assert await connect(lockstep.port).send(address, address, BODY) == OK
    path = quote_address(address).encode()
    assert pipelined.commands[2] == lockstep.commands[2] == b"RCPT TO:" + path + b"\r\n"
    assert pipelined.commands[1].startswith(b"MAIL FROM:" + path + b" ")


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
async def test_an_address_that_would_break_the_command_line_is_refused(
    serve: Serve, connect: Connect, pipelining: bool
) -> None:
    upstream = await serve(pipelining=pipelining)
    transport = connect(upstream.port)
    refused = await transport.send(SENDER, "bob\x01@example.net", BODY)
    assert (refused.code, refused.enhanced_status) == (554, "5.3.0")  # a reply, never a raise
    assert "control character" in refused.text
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.verbs()[-3:] == ["MAIL", "RCPT", "DATA"]
    # The pipelined path checks both addresses before writing; aiosmtplib finds the control
    # character at RCPT, after MAIL went out (and that connection is then dropped).
    assert upstream.verbs().count("MAIL") == (1 if pipelining else 2)


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
async def test_non_ascii_addresses_without_smtputf8_are_not_sent(
    serve: Serve, connect: Connect, pipelining: bool
) -> None:
    upstream = await serve(pipelining=pipelining, smtputf8=False)
    reply = await connect(upstream.port).send(SENDER, "jürgen@bücher.example", BODY)
    assert reply == NO_SMTPUTF8  # permanent (RFC 6531 §3.4): the copy bounces with 5.6.7
    assert (reply.code, reply.enhanced_status) == (553, "5.6.7")
    assert "MAIL" not in upstream.verbs()


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
async def test_421_drops_the_connection(serve: Serve, connect: Connect, pipelining: bool) -> None:
    upstream = await serve(pipelining=pipelining, replies={"MAIL": b"421 4.3.2 Shutting down\r\n"})
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == Reply(421, "4.3.2 Shutting down")
    del upstream.replies["MAIL"]
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 2


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
async def test_251_for_the_recipient_is_accepted(
    serve: Serve, connect: Connect, pipelining: bool
) -> None:
    upstream = await serve(
        pipelining=pipelining, replies={"RCPT": b"251 2.1.5 User not local; will forward\r\n"}
    )
    assert await connect(upstream.port).send(SENDER, RECIPIENT, BODY) == OK
    assert len(upstream.bodies) == 1


# Broken and hostile upstreams


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
@pytest.mark.parametrize("where", ["DATA", "END"])
async def test_a_disconnect_mid_transaction_is_no_answer(
    serve: Serve, connect: Connect, pipelining: bool, where: str
) -> None:
    upstream = await serve(pipelining=pipelining, hang_up={where})
    transport = connect(upstream.port)
    reply = await transport.send(SENDER, RECIPIENT, BODY)
    assert reply.code is None
    assert reply.text.startswith("connection to 127.0.0.1: ")
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 2


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
async def test_a_reused_connection_found_closed_gets_one_fresh_try(
    serve: Serve, connect: Connect, pipelining: bool
) -> None:
    upstream = await serve(pipelining=pipelining)
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    upstream.hang_up.add("MAIL")  # the server closes on the next MAIL, as if it had timed out
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 2


async def test_a_reply_while_idle_retires_the_connection(serve: Serve, connect: Connect) -> None:
    upstream = await serve()
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    upstream.say(b"421 4.4.2 Idle too long\r\n")
    await _until(lambda: upstream.ended == 1)  # the client hung up on it
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 2


async def test_an_endless_line_while_idle_retires_the_connection(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve()
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    upstream.say(b"2" * (MAX_LINE + 1))  # no line end: the client must not buffer on and on
    await _until(lambda: upstream.ended == 1)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 2


async def test_354_after_a_refused_recipient_drops_the_connection_without_a_body(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve(data_after_refusal=True, replies={"RCPT": b"550 5.1.1 No such user\r\n"})
    transport = connect(upstream.port, command_timeout=3.0)
    started = time.monotonic()
    assert await transport.send(SENDER, RECIPIENT, BODY) == Reply(550, "5.1.1 No such user")
    # A RSET waiting for its answer would take the 3 s command timeout: 2.5 s tells them apart
    # however busy the machine.
    assert time.monotonic() - started < 2.5
    await _until(lambda: upstream.ended == 1)
    assert upstream.bodies == []
    assert "RSET" not in upstream.verbs()


HOSTILE = {
    "long-line": b"250 " + b"x" * MAX_LINE + b"\r\n",
    "endless-continuation": (b"250-" + b"y" * 200 + b"\r\n") * 200,
    "not-a-reply": b"hello there\r\n",
}


@pytest.mark.parametrize("reply", HOSTILE.values(), ids=HOSTILE.keys())
async def test_an_upstream_breaking_the_reply_format_is_dropped(
    serve: Serve, connect: Connect, reply: bytes
) -> None:
    upstream = await serve(replies={"MAIL": reply})
    transport = connect(upstream.port)
    answer = await transport.send(SENDER, RECIPIENT, BODY)
    assert answer.code is None
    assert answer.text.startswith("127.0.0.1: BadReply: ")
    await _until(lambda: upstream.ended == 1)
    assert upstream.bodies == []


async def test_a_reply_slower_than_the_command_timeout_is_no_answer(
    serve: Serve, connect: Connect
) -> None:
    # The late reply comes 3 s after the command: an answer well before that can only be the
    # 0.3 s timeout's, however slowly a busy machine runs the client.
    upstream = await serve(delays={"END": 3.0})
    transport = connect(upstream.port, command_timeout=0.3)
    started = time.monotonic()
    reply = await transport.send(SENDER, RECIPIENT, BODY)
    assert reply == Reply(None, "127.0.0.1: ReplyTimeout: no reply within 0.3 s")
    assert 0.3 <= time.monotonic() - started < 2.5
    await _until(lambda: upstream.ended == 1, timeout=10.0)  # once its 3 s sleep is over
    upstream.delays.clear()
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK


async def test_each_held_back_reply_gets_the_command_timeout(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve(delays={"MAIL": 0.2, "RCPT": 0.2, "DATA": 0.2, "END": 0.2})
    transport = connect(upstream.port, command_timeout=0.3)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK  # MAIL's reply after 0.6 s
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    assert upstream.connections == 1


async def test_a_slow_reply_after_quick_ones_times_out(serve: Serve, connect: Connect) -> None:
    # DATA's reply comes 3 s late: a timeout well before that is the 0.3 s one of DATA's own
    # reply, not one that waited for the late reply.
    upstream = await serve(hold=False, delays={"DATA": 3.0})
    transport = connect(upstream.port, command_timeout=0.3)
    started = time.monotonic()
    reply = await transport.send(SENDER, RECIPIENT, BODY)
    assert reply == Reply(None, "127.0.0.1: ReplyTimeout: no reply within 0.3 s")
    assert time.monotonic() - started < 2.5


# TLS, and closing


@pytest.mark.parametrize("mode", ["starttls", "implicit", "opportunistic"])
async def test_pipelining_over_tls(serve: Serve, ca: trustme.CA, tmp_path: Path, mode: str) -> None:
    upstream = await serve(tls=_server_tls(ca), implicit_tls=mode == "implicit")
    scheme = {"starttls": "smtp+starttls", "implicit": "smtps", "opportunistic": "smtp"}[mode]
    settings = _settings(tmp_path, f"{scheme}://127.0.0.1:{upstream.port}")
    tls = {"starttls": UpstreamTLS.STARTTLS, "implicit": UpstreamTLS.IMPLICIT}
    endpoint = Endpoint(
        "127.0.0.1",
        upstream.port,
        tls.get(mode, UpstreamTLS.NONE),
        None,
        None,
        verify=False,
        opportunistic_tls=mode == "opportunistic",
    )
    pool = ConnectionPool(endpoint, settings, size=2)
    try:
        assert await pool.send(SENDER, RECIPIENT, BODY) == OK
        assert await pool.send(SENDER, "carol@example.net", BODY) == OK
    finally:
        await pool.close()
    assert upstream.connections == 1
    assert upstream.verbs()[-7:] == ["MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA", "QUIT"]
    assert all(upstream.over_tls[-7:])
    assert upstream.bodies == [BODY + b".\r\n"] * 2
    await _until(lambda: upstream.ended == 1)


async def test_closing_the_pool_says_quit(serve: Serve, connect: Connect) -> None:
    upstream = await serve()
    transport = connect(upstream.port)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    await transport.close()
    assert upstream.verbs()[-1] == "QUIT"
    await _until(lambda: upstream.ended == 1)


async def test_closing_gives_up_on_an_upstream_that_does_not_answer_quit(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve(silent={"QUIT"})
    # A command timeout far from the 2 s QUIT wait: a close that took more than 5 s waited for
    # something else, however busy the machine.
    transport = connect(upstream.port, command_timeout=30.0)
    assert await transport.send(SENDER, RECIPIENT, BODY) == OK
    started = time.monotonic()
    await transport.close()
    assert 1.9 < time.monotonic() - started < 5.0
    await _until(lambda: upstream.ended == 1)  # the client closed it (the upstream reads on)


# A real SMTP server


async def test_aiosmtpd_offering_pipelining_receives_every_copy_intact(
    connect: Connect,
) -> None:
    upstream = Upstream(
        pipelining=True, rcpt_replies={"gone@example.net": "550 5.1.1 User unknown"}
    )
    await upstream.start()
    try:
        transport = connect(upstream.port)
        body = TRICKY["leading-dots"] + TRICKY["bare-lf"]
        replies = [
            await transport.send(SENDER, address, body)
            for address in ("a@example.net", "gone@example.net", "b@example.net")
        ]
        assert replies == [
            Reply(250, "2.0.0 Ok: queued"),
            Reply(550, "5.1.1 User unknown"),
            Reply(250, "2.0.0 Ok: queued"),
        ]
        assert [r.rcpt_tos for r in upstream.received] == [("a@example.net",), ("b@example.net",)]
        assert {r.content for r in upstream.received} == {normalize_message_line_endings(body)}
        assert upstream.connections == 1
    finally:
        await upstream.stop()


# Several copies of a message chained on one connection (SmarthostTransport.send_many)

ADDRESSES = ("a@example.net", "b@example.net", "c@example.net")


def _copies(*addresses: str, body: bytes = BODY) -> list[tuple[str, str, bytes]]:
    return [(f"b-{n}@bounces.relay.test", address, body) for n, address in enumerate(addresses)]


async def _always(_: int) -> bool:
    return True


@pytest.mark.parametrize("body", TRICKY.values(), ids=TRICKY.keys())
async def test_chained_copies_put_the_same_bytes_on_the_wire_as_one_by_one(
    serve: Serve, connect: Connect, body: bytes
) -> None:
    chained, single = await serve(), await serve()
    copies = _copies(*ADDRESSES, body=body)
    assert await connect(chained.port).send_many(copies, _always) == [OK] * 3
    one_by_one = connect(single.port)
    assert [await one_by_one.send(*copy) for copy in copies] == [OK] * 3
    assert chained.commands == single.commands
    assert chained.bodies == single.bodies == [_aiosmtplib_payload(body)] * 3
    assert chained.connections == single.connections == 1


async def test_each_body_goes_out_with_the_next_copys_envelope(
    serve: Serve, connect: Connect
) -> None:
    # The upstream answers a body only when the next command comes, or after 1 s: copies sent
    # one by one wait that second each (3 s), a chain only for its last body.
    upstream = await serve(hold_end=1.0)
    transport = connect(upstream.port, command_timeout=5.0)
    assert await transport.send(*_copies("z@example.net")[0]) == OK  # the connection, set up
    started = time.monotonic()
    assert await transport.send_many(_copies(*ADDRESSES), _always) == [OK] * 3
    assert time.monotonic() - started < 2.5
    assert upstream.verbs() == ["EHLO"] + ["MAIL", "RCPT", "DATA"] * 4
    assert upstream.connections == 1


async def test_a_refused_copy_in_a_chain_is_reset_and_the_others_go_on(connect: Connect) -> None:
    upstream = Upstream(pipelining=True, rcpt_replies={"b@example.net": "550 5.1.1 User unknown"})
    await upstream.start()
    try:
        transport = connect(upstream.port)
        body = TRICKY["leading-dots"]
        replies = await transport.send_many(_copies(*ADDRESSES, body=body), _always)
        assert replies == [
            Reply(250, "2.0.0 Ok: queued"),
            Reply(550, "5.1.1 User unknown"),
            Reply(250, "2.0.0 Ok: queued"),
        ]
        assert [r.rcpt_tos for r in upstream.received] == [("a@example.net",), ("c@example.net",)]
        assert [r.mail_from for r in upstream.received] == [
            "b-0@bounces.relay.test",
            "b-2@bounces.relay.test",
        ]
        assert {r.content for r in upstream.received} == {body}
        assert upstream.connections == 1
    finally:
        await upstream.stop()


async def test_a_copy_the_server_took_before_it_hung_up_is_not_sent_again(
    serve: Serve, connect: Connect
) -> None:
    # The server answers the first copy's body, then closes instead of answering the second
    # copy's envelope (written together with that body): the first copy is taken (its 250),
    # the second goes again on a fresh connection, the third after it.
    upstream = await serve(hang_up={"MAIL"}, hang_up_after=2)
    transport = connect(upstream.port)
    assert await transport.send(*_copies("z@example.net")[0]) == OK  # the connection, set up
    replies = await transport.send_many(_copies(*ADDRESSES), _always)
    assert replies == [OK] * 3
    assert len(upstream.bodies) == 4
    assert upstream.connections == 2


async def test_a_chained_copy_left_without_a_reply_to_its_body_is_no_answer(
    serve: Serve, connect: Connect
) -> None:
    upstream = await serve(hang_up={"END"}, hang_up_after=2)
    transport = connect(upstream.port)
    assert await transport.send(*_copies("z@example.net")[0]) == OK  # the connection, set up
    first, second, third = await transport.send_many(_copies(*ADDRESSES), _always)
    assert first == OK
    assert second.code is None
    assert second.text.startswith("connection to 127.0.0.1: ")
    assert third == OK
    assert upstream.connections == 2


async def test_a_copy_no_longer_held_is_not_sent(serve: Serve, connect: Connect) -> None:
    upstream = await serve()
    transport = connect(upstream.port)
    asked: list[int] = []

    async def ready(i: int) -> bool:
        asked.append(i)
        return i != 1

    assert await transport.send_many(_copies(*ADDRESSES), ready) == [OK, None, OK]
    assert asked == [0, 1, 2]
    assert [line for line in upstream.commands if line.startswith(b"RCPT")] == [
        b"RCPT TO:<a@example.net>\r\n",
        b"RCPT TO:<c@example.net>\r\n",
    ]


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "lockstep"])
async def test_copies_the_chain_cannot_take_go_one_by_one(
    serve: Serve, connect: Connect, pipelining: bool
) -> None:
    # Without PIPELINING, or with an address that needs SMTPUTF8 the server lacks: each copy as
    # send() would send it.
    upstream = await serve(pipelining=pipelining, smtputf8=False)
    transport = connect(upstream.port)
    replies = await transport.send_many(
        _copies("a@example.net", "jürgen@bücher.example", "c@example.net"), _always
    )
    assert replies == [OK, NO_SMTPUTF8, OK]
    assert len(upstream.bodies) == 2
    assert upstream.connections == 1
